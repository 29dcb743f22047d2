"""The library's HTML in a real browser with no Chinese system font: the explorer
(notebooks/07_explorer.ipynb served by Voilà), ``show_evidence`` output and the report page,
driven by headless Chromium.

Skipped cleanly unless selenium and voila are importable and Chromium and chromedriver
are on the PATH (Debian: ``apt-get install chromium chromium-driver``;
``pip install selenium voila``). Run it alone with::

    pytest -m browser tests/test_browser.py -s

Chromium runs with the system's CJK fonts hidden: ``FONTCONFIG_FILE`` points it at a
fonts.conf listing only the font folders that hold no font covering Chinese (from
``fc-list``), as on a Jupyter server or container without one. Chinese must then render
from the subset of the bundled font each HTML output embeds. "Renders" is checked, not
assumed: for each element the test draws every distinct hanzi it shows (up to 60) on a
canvas in the element's own computed font and requires a different picture for every
character; drawn in a font stack without the embedded face they are identical boxes
(tofu), which also proves the system fonts are hidden.

The explorer test waits for the app to render, changes the region selection and the
keyword as a user would, checks that the table, the keyword lines and the status line
follow (the expected region and counts are computed from the bundled sample, not typed
in), then switches to a theme. Screenshots (``explorer.png``, ``explorer_theme.png``,
``evidence.png``, ``report.png``) go to ``$GOVREPORTS_SCREENSHOT_DIR`` (default: a pytest
temporary directory); the paths are printed (``-s`` shows them).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_explorer.ipynb"
RENDER_TIMEOUT = 180  # Voilà runs the whole notebook (tokenizing included) before the app shows
UPDATE_TIMEOUT = 60


def _first_on_path(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def _requirements() -> tuple[str, str]:
    pytest.importorskip("selenium", reason="pip install selenium")
    pytest.importorskip("voila", reason="pip install voila")
    chromium = _first_on_path("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    driver = _first_on_path("chromedriver")
    if chromium is None or driver is None:
        pytest.skip("headless Chromium and chromedriver are needed (Debian: apt-get install chromium chromium-driver)")
    if not NOTEBOOK.is_file():
        pytest.skip(f"{NOTEBOOK.name} is absent")
    return chromium, driver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    # a plain connect: an HTTP request to Voilà's page would start a kernel just to probe
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _descendants(pid: int) -> list[int]:
    """Processes started by ``pid`` and by its children (Linux /proc; empty elsewhere)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        children = [c for c, p in parents.items() if p in frontier]
        found += children
        frontier = children
    return found


def _stop(proc: subprocess.Popen) -> None:
    """End Voilà, then any kernel it started that outlived it (kernels run in their own session)."""
    kernels = _descendants(proc.pid)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    for pid in kernels:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    _requirements()
    port = _free_port()
    jupyter = tmp_path_factory.mktemp("jupyter")
    env = dict(
        os.environ,
        GOVREPORTS_PROGRESS="0",
        # connection files and the notebook-signing key go to a temporary place, not ~/.local
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
    )
    log = (jupyter / "voila.log").open("wb")
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           str(NOTEBOOK.relative_to(ROOT))]
    # own session: teardown ends Voilà and the kernel it started, and nothing else
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            if proc.poll() is not None:
                pytest.fail(
                    f"voila exited with {proc.returncode}:\n{(jupyter / 'voila.log').read_text(errors='replace')}"
                )
            if time.monotonic() > deadline:
                pytest.fail("voila did not listen within 60 s")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(proc)
        log.close()


def _fc_dirs(fc_list: str, *pattern: str) -> set[str]:
    out = subprocess.run([fc_list, *pattern, "--format", "%{file}\n"], capture_output=True, text=True, check=False)
    return {str(Path(f).parent) for f in out.stdout.splitlines() if f.strip()}


@pytest.fixture(scope="module")
def no_cjk_fonts(tmp_path_factory) -> dict[str, str]:
    """Environment for Chromium in which fontconfig sees no font covering Chinese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fc-list (fontconfig) is absent: cannot hide the system's CJK fonts from Chromium")
    folder = tmp_path_factory.mktemp("fontconfig")
    dirs = sorted(_fc_dirs(fc_list) - _fc_dirs(fc_list, ":lang=zh"))
    entries = "\n".join(f"  <dir>{d}</dir>" for d in dirs)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f"{entries}\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    left = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, env=env, check=False).stdout
    assert not left.strip(), f"CJK fonts still visible with {conf}: {left}"
    return {"FONTCONFIG_FILE": str(conf)}


@pytest.fixture(scope="module")
def browser(tmp_path_factory, no_cjk_fonts):
    chromium, driver_path = _requirements()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1400,1800",
                "--lang=zh-CN"):
        options.add_argument(arg)
    # chromedriver passes its environment to Chromium: fontconfig there sees no CJK font
    service = Service(driver_path, env=dict(os.environ, **no_cjk_fonts))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, what: str, timeout: float):
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25,
                             ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: condition(d))
    except TimeoutException:
        pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _text(driver, css: str) -> str:
    from selenium.webdriver.common.by import By

    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].text if found else ""


def _screenshot_path(tmp_path_factory, name: str) -> Path:
    folder = os.environ.get("GOVREPORTS_SCREENSHOT_DIR")
    out = Path(folder) if folder else tmp_path_factory.getbasetemp() / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out / name


# Draws each distinct hanzi of an element's text on a canvas, in the element's computed font
# and in a stack without the embedded face; returns how many different pictures each gives.
_GLYPH_CHECK = """
const done = arguments[arguments.length - 1];
const inner = [...arguments[0].querySelectorAll('.gr-font')];  // an output's own font-scoped div
const el = inner.length ? inner.reduce((a, b) => (b.innerText.length > a.innerText.length ? b : a)) : arguments[0];
const chars = [...new Set(Array.from(el.innerText || el.textContent || '').filter(c => /\\p{Script=Han}/u.test(c)))]
  .sort().slice(0, 60);
const family = getComputedStyle(el).fontFamily;
const draw = (font, c) => {
  const canvas = document.createElement('canvas'); canvas.width = 40; canvas.height = 40;
  const ctx = canvas.getContext('2d'); ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
  ctx.fillText(c, 4, 4); return canvas.toDataURL();
};
document.fonts.load('28px ' + family, chars.join('')).then(() => document.fonts.ready).then(() => {
  const own = new Set(chars.map(c => draw('28px ' + family, c)));
  const tofu = new Set(chars.map(c => draw('28px sans-serif', c)));
  done({chars: chars.join(''), family: family, own: own.size, tofu: tofu.size});
}).catch(e => done({error: String(e)}));
"""


def _assert_renders_chinese(driver, element, what: str) -> dict:
    """Every hanzi ``element`` shows is drawn with its own glyph (see the module docstring)."""
    driver.set_script_timeout(60)
    got = driver.execute_async_script(_GLYPH_CHECK, element)
    assert "error" not in got, f"{what}: {got}"
    n = len(got["chars"])
    assert n >= 2, f"{what}: no Chinese text to check ({got})"
    # system CJK fonts are hidden: without the embedded face every hanzi is the same box
    assert got["tofu"] <= 2, f"{what}: Chromium still draws hanzi without the embedded font ({got})"
    assert got["own"] == n, f"{what}: {n - got['own'] + 1} hanzi drawn as the same box in {got['family']} ({got})"
    assert "GovReports Sans SC" in got["family"], f"{what}: not set in the embedded font ({got['family']})"
    return got


def test_show_evidence_renders_chinese_without_system_fonts(browser, tmp_path_factory, sample):
    from selenium.webdriver.common.by import By

    import govreports as gr

    panel = gr.panel(sample)
    html = gr.show_evidence(panel[panel["indicator"].isin(["gdp", "fixed_asset_investment"])]).to_html()
    page = tmp_path_factory.mktemp("evidence") / "evidence.html"
    page.write_text(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>{html}</body></html>',
                    encoding="utf-8")
    browser.get(page.as_uri())
    table = browser.find_element(By.CSS_SELECTOR, ".gr-ev")
    got = _assert_renders_chinese(browser, table, "show_evidence")
    assert set("横沥镇地区生产总值") <= set(got["chars"]) | set(table.text) and "横沥镇" in table.text
    path = _screenshot_path(tmp_path_factory, "evidence.png")
    table.screenshot(str(path))
    print(f"\nshow_evidence screenshot: {path}")
    assert path.stat().st_size > 10_000

    # the check itself: the same table without its embedded font is tofu in this browser
    bare = page.with_name("bare.html")
    bare.write_text(page.read_text(encoding="utf-8").replace(html, gr.show_evidence(panel.head(5)).to_html(font=False)),
                    encoding="utf-8")
    browser.get(bare.as_uri())
    got = browser.execute_async_script(_GLYPH_CHECK, browser.find_element(By.CSS_SELECTOR, ".gr-ev"))
    assert len(got["chars"]) > 5 and got["own"] <= 2, got


def test_report_page_renders_chinese_without_system_fonts(browser, tmp_path_factory, sample):
    from selenium.webdriver.common.by import By

    from govreports.present._report import write_report

    index = write_report(sample, tmp_path_factory.mktemp("report"))
    assert not list((index.parent / "fonts").glob("*.otf")), "the page embeds a subset; no font file is copied"
    browser.get(index.as_uri())
    for css in ("#reports-table", "#superiors-table", "#compare-gdp", "#evidence .gr-ev"):
        _assert_renders_chinese(browser, browser.find_element(By.CSS_SELECTOR, css), f"report {css}")
    path = _screenshot_path(tmp_path_factory, "report.png")
    browser.find_element(By.CSS_SELECTOR, "#comparison").screenshot(str(path))
    print(f"report screenshot: {path}")


def test_explorer_follows_region_and_keyword(voila_url, browser, tmp_path_factory, sample):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    import govreports as gr

    browser.get(voila_url)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".gr-explorer .gr-table table"),
          "the explorer's table to render", RENDER_TIMEOUT)
    select = Select(browser.find_element(By.CSS_SELECTOR, ".gr-regions select"))
    options = [o.get_attribute("value") for o in select.options]
    assert options == sorted(sample["region"].unique())
    initially = [o.get_attribute("value") for o in select.all_selected_options]
    assert initially, "the notebook's app starts with some regions selected"
    before_table = _text(browser, ".gr-table")
    assert all(region in before_table for region in initially)
    plot_src = browser.find_element(By.CSS_SELECTOR, ".gr-plot").get_attribute("src")

    # pick one region the app did not show, as a user would with the mouse
    region = next(r for r in options if r not in initially)
    select.deselect_all()
    select.select_by_value(region)
    _wait(browser, lambda d: _text(d, ".gr-status").startswith("1 region(s)") and region in _text(d, ".gr-table")
          and not any(r in _text(d, ".gr-table") for r in initially),
          f"the table to show only {region}", UPDATE_TIMEOUT)

    # a keyword of that region's report, chosen from the text; its count from str.count
    text = sample.loc[sample["region"] == region, "text"].item()
    terms = [t for t in gr.load_themes()["term"] if len(t) >= 2 and t in text]
    keyword = min(terms, key=lambda t: (-text.count(t), t))
    expected = text.count(keyword)
    box = browser.find_element(By.CSS_SELECTOR, ".gr-keyword input")
    box.clear()
    box.send_keys(keyword + Keys.ENTER)
    _wait(browser, lambda d: f"“{keyword}”: {expected} match(es)" in _text(d, ".gr-status"),
          f"the status to count {expected} × {keyword}", UPDATE_TIMEOUT)
    marks = browser.find_elements(By.CSS_SELECTOR, ".gr-kwic mark")
    assert len(marks) == min(expected, 200)
    assert {m.text for m in marks} == {keyword}
    kwic_rows = browser.find_elements(By.CSS_SELECTOR, ".gr-kwic tbody tr")
    assert all(row.find_elements(By.TAG_NAME, "td")[0].text == region for row in kwic_rows)
    _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".gr-plot").get_attribute("src") != plot_src,
          "the plot to be redrawn", UPDATE_TIMEOUT)

    # Chinese renders from the embedded subsets, in every output and in the controls
    for css in (".gr-table", ".gr-kwic", ".gr-evidence", ".gr-regions select"):
        _assert_renders_chinese(browser, browser.find_element(By.CSS_SELECTOR, css), f"explorer {css}")

    app = browser.find_element(By.CSS_SELECTOR, ".gr-explorer")
    browser.execute_script("arguments[0].scrollIntoView();", app)
    path = _screenshot_path(tmp_path_factory, "explorer.png")
    app.screenshot(str(path))
    print(f"\nexplorer screenshot: {path}")
    assert path.stat().st_size > 10_000

    # the theme view: the plot becomes the attention heatmap, the status names the theme
    theme = gr.theme_ids()[0]
    plot_src = browser.find_element(By.CSS_SELECTOR, ".gr-plot").get_attribute("src")
    themes = Select(browser.find_element(By.CSS_SELECTOR, ".gr-theme select"))
    themes.select_by_visible_text(next(o.text for o in themes.options if o.text.endswith(f"· {theme}")))
    _wait(browser, lambda d: f"({theme})" in _text(d, ".gr-status")
          and d.find_element(By.CSS_SELECTOR, ".gr-plot").get_attribute("src") != plot_src,
          f"the theme view of {theme}", UPDATE_TIMEOUT)
    path = _screenshot_path(tmp_path_factory, "explorer_theme.png")
    browser.find_element(By.CSS_SELECTOR, ".gr-explorer").screenshot(str(path))
    print(f"explorer screenshot (theme view): {path}")
