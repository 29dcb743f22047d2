"""The documentation site builds with warnings as errors, in English and in Chinese.

Every page ``docs/x.md`` has a Chinese twin ``docs/x.zh.md`` (and the other way round);
the Chinese pages are built under ``zh/`` by mkdocs-static-i18n (see mkdocs.yml).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
MARKER = re.compile(r"<!--[ \t]*gr:(\w+)(?:[ \t]+([\w.-]+))?[ \t]*-->")


def _pages() -> tuple[set[Path], set[Path]]:
    """(English pages, Chinese pages) under docs/, as paths without the language suffix."""
    english, chinese = set(), set()
    for path in DOCS.rglob("*.md"):
        rel = path.relative_to(DOCS)
        if rel.parts[0] == "notebooks":  # docs/notebooks is a link to notebooks/
            continue
        if path.name.endswith(".zh.md"):
            chinese.add(rel.with_name(path.name[: -len(".zh.md")] + ".md"))
        else:
            english.add(rel)
    return english, chinese


def _zh(rel: Path) -> Path:
    return DOCS / rel.with_name(rel.stem + ".zh.md")


def test_every_page_has_its_chinese_twin():
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("no mkdocs.yml (not a checkout)")
    english, chinese = _pages()
    assert english, "no pages found under docs/"
    assert not english - chinese, (
        f"English pages without a Chinese twin (x.zh.md): {sorted(map(str, english - chinese))}"
    )
    assert not chinese - english, f"Chinese pages without an English original: {sorted(map(str, chinese - english))}"


def test_twins_hold_the_same_generated_content():
    """A table the hook generates in English is generated in Chinese too; API pages document the same objects."""
    english, _ = _pages()
    for rel in sorted(english):
        twin = _zh(rel)
        if not twin.is_file():
            continue  # reported by the twin test
        en = (DOCS / rel).read_text(encoding="utf-8")
        zh = twin.read_text(encoding="utf-8")
        missing = {m.group(0) for m in MARKER.finditer(en)} - {m.group(0) for m in MARKER.finditer(zh)}
        assert not missing, f"{twin.relative_to(ROOT)} lacks the generated content of {rel}: {sorted(missing)}"
        directives = [line for line in en.splitlines() if line.startswith(":::")]
        assert directives == [line for line in zh.splitlines() if line.startswith(":::")], (
            f"{twin.relative_to(ROOT)} documents other API objects than docs/{rel}"
        )
        if "<!-- results:begin -->" in en:  # a table benchmarks/run.py --write-doc rewrites
            assert "<!-- gr:performance_results -->" in zh, f"{twin.relative_to(ROOT)} must read the benchmark table"


def _numbers(line: str) -> Counter:
    return Counter(n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", line))


@pytest.mark.parametrize("page", ["accuracy.md", "performance.md"])
def test_measured_numbers_agree_in_both_languages(page):
    """The tables of measured numbers say the same in Chinese as in English, row by row.

    When the English numbers are updated, update the same rows of the ``.zh.md`` twin.
    """
    en = (DOCS / page).read_text(encoding="utf-8")
    en = re.sub(r"<!-- results:begin -->.*?<!-- results:end -->", "", en, flags=re.DOTALL)  # read by the hook
    zh = _zh(Path(page)).read_text(encoding="utf-8")
    en_rows = [line for line in en.splitlines() if line.startswith("|")]
    zh_rows = [line for line in zh.splitlines() if line.startswith("|")]
    assert len(en_rows) == len(zh_rows), f"docs/{page} has {len(en_rows)} table rows, its Chinese twin {len(zh_rows)}"
    for en_row, zh_row in zip(en_rows, zh_rows, strict=True):
        assert _numbers(en_row) == _numbers(zh_row), f"numbers differ:\n  en: {en_row}\n  zh: {zh_row}"


def test_chinese_notebooks_have_their_english_originals():
    chinese = sorted(NOTEBOOKS.glob("*_zh.ipynb"))
    if not NOTEBOOKS.is_dir():
        pytest.skip("no notebooks/")
    names = {p.name for p in chinese}
    assert {"01_quick_start_zh.ipynb", "04_targets_vs_results_zh.ipynb"} <= names
    for path in chinese:
        original = path.with_name(path.name.replace("_zh.ipynb", ".ipynb"))
        assert original.is_file(), f"{path.name} has no English original {original.name}"


def test_citation_version_is_the_package_version():
    import govreports

    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    m = re.search(r'^version:\s*"?([^"\n]+?)"?\s*$', cff, re.MULTILINE)
    assert m, "CITATION.cff has no version"
    assert m.group(1) == govreports.__version__
    assert re.search(r"^cff-version: 1\.2\.0$", cff, re.MULTILINE)


def test_readme_opens_in_chinese_and_keeps_the_quick_start():
    """The Chinese section comes first; .ci/run reads exactly two bash blocks from '## Quick start'."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = re.search(r"^## Quick start\n(.*?)(?=^## )", text, re.DOTALL | re.MULTILINE)
    assert quick, "README.md has no '## Quick start' section"
    assert len(re.findall(r"```bash\n(.*?)```", quick.group(1), re.DOTALL)) == 2
    chinese = text[: quick.start()]
    assert "## 快速开始" in chinese
    assert "govreports report --sample --out results" in chinese and "pytest" in chinese
    for target in re.findall(r"\]\(((?:docs|notebooks)/[^)]+)\)", chinese):
        assert (ROOT / target).is_file(), f"README links to a missing file: {target}"


@pytest.mark.slow
def test_docs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    pytest.importorskip("mkdocs_jupyter")
    pytest.importorskip("mkdocs_static_i18n")
    if not (ROOT / "mkdocs.yml").is_file():
        pytest.skip("no mkdocs.yml (not a checkout)")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    exe = shutil.which("mkdocs", path=os.path.dirname(sys.executable)) or "mkdocs"
    site = tmp_path / "site"
    r = subprocess.run(
        [exe, "build", "--strict", "-d", str(site)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=900,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert (site / "index.html").is_file()
    assert (site / "reference").is_dir()

    # Both languages: every page in English at its place and in Chinese under zh/.
    english, _ = _pages()
    for rel in sorted(english):
        page = rel.with_suffix("") / "index.html" if rel.stem != "index" else rel.with_suffix(".html")
        en_html = (site / page).read_text(encoding="utf-8")
        zh_html = (site / "zh" / page).read_text(encoding="utf-8")
        assert '<html lang="en"' in en_html, page
        assert '<html lang="zh"' in zh_html, f"zh/{page}"
        assert 'hreflang="zh"' in en_html and 'hreflang="en"' in zh_html, f"no language switcher on {page}"
        assert "<!-- gr:" not in zh_html, f"zh/{page} holds a marker the hook did not fill"

    # Generated tables come out in Chinese; the Chinese notebooks are the Chinese site's.
    taxonomy = (site / "zh" / "taxonomy" / "index.html").read_text(encoding="utf-8")
    assert "中文名" in taxonomy and "<table>" in taxonomy
    card = (site / "zh" / "data" / "targets" / "index.html").read_text(encoding="utf-8")
    assert "报告数" in card
    for path in sorted(NOTEBOOKS.glob("*_zh.ipynb")):
        stem = path.stem[: -len("_zh")]
        assert (site / "zh" / "notebooks" / stem / "index.html").is_file(), f"{path.name} not in the Chinese site"
        assert not (site / "notebooks" / path.stem).exists(), f"{path.name} in the English site"
    # The inventory of the English site keeps English URLs.
    import zlib

    inventory = (site / "objects.inv").read_bytes().split(b"\n", 4)[4]
    assert b"zh/" not in zlib.decompress(inventory)
