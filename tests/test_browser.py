"""The explorer in a real browser: notebooks/07_explorer.ipynb served by Voilà, driven by headless Chromium.

Skipped cleanly unless selenium and voila are importable and Chromium and chromedriver
are on the PATH (Debian: ``apt-get install chromium chromium-driver``;
``pip install selenium voila``). Run it alone with::

    pytest -m browser tests/test_browser.py -s

The test waits for the app to render, changes the region selection and the keyword as a
user would, checks that the table, the keyword lines and the status line follow (the
expected region and counts are computed from the bundled sample, not typed in), then
switches to a theme, and saves screenshots of the app (``explorer.png``,
``explorer_theme.png``) to ``$GOVREPORTS_SCREENSHOT_DIR`` (default: a pytest temporary
directory); the paths are printed (``-s`` shows them).
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
                pytest.fail(f"voila exited with {proc.returncode}:\n{(jupyter / 'voila.log').read_text(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail("voila did not listen within 60 s")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(proc)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
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
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
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


def test_browser_has_a_cjk_font():
    """HTML tables use the system's fonts (the bundled one only reaches matplotlib): without a
    CJK font Chromium draws the table, keyword and evidence text as empty boxes."""
    _requirements()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fc-list (fontconfig) is absent: cannot tell which fonts Chromium has")
    out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    assert out.strip(), "no Chinese font for the browser: apt-get install fonts-noto-cjk"


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
    terms = [t for t in gr.themes()["term"] if len(t) >= 2 and t in text]
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
