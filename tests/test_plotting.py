"""The plot_* functions: right artists for the data, Chinese drawn with no missing glyph.

Every drawing runs under ``warnings.simplefilter("error")``, so a "Glyph ... missing
from font" warning (or any other) fails the test. Growth targets and levels are drawn
from the panel of the bundled sample; attention, distinctive words and term trends from
real tokens when the tokenizer's lexicons are present, and always from small frames
written here with the columns those functions document. Expected values are computed
from the input frames, never typed in.
"""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

import govreports as gr  # noqa: E402
from govreports._format import fmt_number  # noqa: E402
from govreports.errors import InvalidOptionError, MissingColumnsError  # noqa: E402
from govreports.extract._numbers import to_unit  # noqa: E402
from govreports.present import _plotting as plotting  # noqa: E402
from govreports.present._plotting import (  # noqa: E402
    BUNDLED_FONT_FAMILY,
    PlotDataError,
    plot_attention,
    plot_distinctive,
    plot_levels,
    plot_targets,
    plot_term_trends,
)

THEME_IDS = [
    "economy_industry", "investment_projects", "agriculture_rural", "ecology_environment", "livelihoods",
    "safety_stability", "party_government", "epidemic_control", "innovation_digital", "culture_tourism",
    "urban_construction",
]
# Hand-written Chinese theme names for the small attention frame (the real ones come from the lexicon).
THEME_ZH = ["经济与产业", "投资与项目", "农业农村", "生态环境", "民生", "安全稳定", "党建与政府", "疫情防控",
            "创新与数字", "文化旅游", "城乡建设"]


@pytest.fixture(autouse=True)
def _isolate():
    # plot_* may call set_theme (global rcParams): keep it to the test; close its figures.
    with matplotlib.rc_context():
        yield
    plt.close("all")


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return gr.panel(gr.load_sample())


def _draw(fn, data, **kwargs):
    """Call fn under warnings-as-errors and check the input frame is left as it was."""
    before = data.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = fn(data, **kwargs)
    pd.testing.assert_frame_equal(data, before)
    return out


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buf, format="png", dpi=80)
    data = buf.getvalue()
    assert data.startswith(b"\x89PNG")
    return data


def _yticks(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _by_gid(ax: Axes, gid: str) -> list:
    return [a for a in ax.findobj() if a.get_gid() == gid]


def _row_of(ax: Axes, label: str) -> float:
    labels = _yticks(ax)
    return ax.get_yticks()[labels.index(label)]


def _texts_drawn_in_bundled_font(fig: Figure) -> None:
    from matplotlib.text import Text

    texts = [t for t in fig.findobj(Text) if any("\u4e00" <= c <= "\u9fff" for c in t.get_text())]
    assert texts, "no Chinese text drawn"
    for text in texts:
        assert text.get_fontname() == BUNDLED_FONT_FAMILY, text.get_text()


# --------------------------------------------------------------------------- plot_targets


def _targets_frame() -> pd.DataFrame:
    """A small panel written by hand: every qualifier, one region with an actual only."""
    rows = [
        # region, kind, value, value_high, qualifier
        ("甲镇", "actual", 5.2, None, None),
        ("甲镇", "target", 6.0, 8.0, "range"),
        ("乙镇", "actual", 3.0, None, None),
        ("乙镇", "target", 5.0, None, "at_most"),
        ("丙镇", "actual", 8.1, None, None),
        ("丙镇", "target", 7.0, None, "at_least"),
        ("丁镇", "target", 6.5, None, "about"),
        ("戊镇", "actual", -1.5, None, None),
        ("己镇", "actual", 4.0, None, None),
        ("己镇", "target", 4.5, None, None),
    ]
    return pd.DataFrame(
        {
            "report_id": [f"2023_{r[0]}" for r in rows],
            "region": [r[0] for r in rows],
            "level": "township",
            "year": 2023,
            "indicator": "gdp",
            "kind": [r[1] for r in rows],
            "measure": "growth",
            "value": [r[2] for r in rows],
            "value_high": [r[3] if r[3] is not None else float("nan") for r in rows],
            "unit": "%",
            "qualifier": [r[4] for r in rows],
            "period": ["2022" if r[1] == "actual" else "2023" for r in rows],
        }
    )


def test_plot_targets_on_sample_panel(panel):
    ax = _draw(plot_targets, panel, indicator="gdp", national_target=5.0)
    assert isinstance(ax, Axes)
    growth = panel[(panel["indicator"] == "gdp") & (panel["measure"] == "growth")]
    assert sorted(_yticks(ax)) == sorted(growth["region"].unique())
    # rows top to bottom by target, descending
    targets = growth[growth["kind"] == "target"].set_index("region")["value"]
    shown = [r for r in _yticks(ax) if r in targets.index]
    assert [targets[r] for r in shown] == sorted(targets, reverse=True)
    # one actual dot per region that reports last year's growth
    actual = growth[growth["kind"] == "actual"]
    (dots,) = _by_gid(ax, "actual")
    assert len(dots.get_xdata()) == len(actual)
    assert sorted(dots.get_xdata()) == sorted(actual["value"])
    # 以上 in the sample: an arrow pointing right from the target, on that region's row
    for region, value in targets.items():
        qualifier = growth[(growth["region"] == region) & (growth["kind"] == "target")]["qualifier"].iloc[0]
        if qualifier == "at_least":
            arrows = [a for a in _by_gid(ax, "target_at_least") if a.xy[1] == _row_of(ax, region)]
            assert len(arrows) == 1
            assert arrows[0].xyann[0] == value and arrows[0].xy[0] > value
        if qualifier == "about":
            (band,) = [b for b in _by_gid(ax, "target_about") if b.get_y() + b.get_height() / 2 == _row_of(ax, region)]
            assert band.get_x() < value < band.get_x() + band.get_width()
    assert _by_gid(ax, "national")
    assert ax.get_legend() is not None
    assert any("national target" in t.get_text() for t in ax.get_legend().get_texts())
    _png(ax.figure)
    _texts_drawn_in_bundled_font(ax.figure)


def test_plot_targets_qualifiers_by_hand():
    frame = _targets_frame()
    ax = _draw(plot_targets, frame, sort="name")
    assert _yticks(ax) == sorted(frame["region"].unique())
    # range: a bar from value to value_high
    (bar,) = _by_gid(ax, "target_range")
    assert isinstance(bar, Rectangle)
    assert bar.get_x() == pytest.approx(6.0) and bar.get_width() == pytest.approx(2.0)
    assert bar.get_y() + bar.get_height() / 2 == pytest.approx(_row_of(ax, "甲镇"))
    # at_least points right, at_most points left, each from its target
    (up,) = _by_gid(ax, "target_at_least")
    (down,) = _by_gid(ax, "target_at_most")
    assert isinstance(up, Annotation) and isinstance(down, Annotation)
    assert up.xyann == (7.0, _row_of(ax, "丙镇")) and up.xy[0] > 7.0
    assert down.xyann == (5.0, _row_of(ax, "乙镇")) and down.xy[0] < 5.0
    # the arrows are inside the x limits
    lo, hi = ax.get_xlim()
    assert lo < down.xy[0] and up.xy[0] < hi
    # about: a band around the diamond
    (band,) = _by_gid(ax, "target_about")
    assert band.get_x() == pytest.approx(6.0) and band.get_width() == pytest.approx(1.0)
    # exact targets, about and the ones with arrows are diamonds; a range is not
    diamonds = _by_gid(ax, "target")
    assert sorted(float(d.get_xdata()[0]) for d in diamonds) == [4.5, 5.0, 6.5, 7.0]
    # 戊镇 has no target and still shows its actual dot
    (dots,) = _by_gid(ax, "actual")
    pairs = set(zip(dots.get_xdata(), dots.get_ydata()))
    assert (-1.5, _row_of(ax, "戊镇")) in pairs
    assert len(pairs) == (frame["kind"] == "actual").sum()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "actual growth, previous year", "target", "target about (左右), ±0.5 pt", "target at least (以上)",
        "target at most (不超过)", "target range",
    ]
    labels = sorted(a.get_text() for a in _by_gid(ax, "target_label"))
    assert labels == sorted(["6–8%", "≤5%", "≥7%", "≈6.5%", "4.5%"])
    _png(ax.figure)
    _texts_drawn_in_bundled_font(ax.figure)


def test_plot_targets_sort_by_value_puts_regions_without_target_last():
    frame = _targets_frame()
    ax = _draw(plot_targets, frame)
    labels = _yticks(ax)
    assert labels[-1] == "戊镇"
    # 甲镇's range 6–8 has midpoint 7; ties are broken by name
    mids = {"甲镇": 7.0, "乙镇": 5.0, "丙镇": 7.0, "丁镇": 6.5, "己镇": 4.5}
    assert labels[:-1] == sorted(mids, key=lambda r: (-mids[r], r))


def test_plot_targets_national_range_and_given_axes():
    fig, ax = plt.subplots()
    out = _draw(plot_targets, _targets_frame(), national_target=(4.5, 5.5), ax=ax)
    assert out is ax
    national = _by_gid(ax, "national")
    assert len(national) == 3  # a shaded band and two dashed lines
    assert any("national target 4.5–5.5%" == t.get_text() for t in ax.get_legend().get_texts())
    _png(fig)


def test_plot_targets_labels_years_when_a_region_repeats():
    one = _targets_frame()
    two = one.assign(year=2024, report_id=one["report_id"].str.replace("2023", "2024"))
    ax = _draw(plot_targets, pd.concat([one, two], ignore_index=True), sort="name")
    assert len(_yticks(ax)) == 2 * one["region"].nunique()
    assert "甲镇 2023" in _yticks(ax) and "甲镇 2024" in _yticks(ax)
    ax2 = _draw(plot_targets, pd.concat([one, two], ignore_index=True), year=2024)
    assert sorted(_yticks(ax2)) == sorted(one["region"].unique())


def test_plot_targets_bad_input():
    with pytest.raises(PlotDataError, match="no_such_indicator"):
        plot_targets(_targets_frame(), indicator="no_such_indicator")
    with pytest.raises(InvalidOptionError, match="sort"):
        plot_targets(_targets_frame(), sort="size")
    with pytest.raises(MissingColumnsError, match="kind"):
        plot_targets(_targets_frame().drop(columns="kind"))
    with pytest.raises(InvalidOptionError, match="national"):
        plot_targets(_targets_frame(), national_target=(4.0, 5.0, 6.0))


# --------------------------------------------------------------------------- plot_levels


def test_plot_levels_on_sample_panel(panel):
    ax = _draw(plot_levels, panel, indicator="gdp", unit="亿元")
    assert isinstance(ax, Axes)
    levels = panel[(panel["indicator"] == "gdp") & (panel["kind"] == "actual") & (panel["measure"] == "level")]
    expected = {r: to_unit(v, u, "亿元") for r, v, u in zip(levels["region"], levels["value"], levels["unit"])}
    assert _yticks(ax) == sorted(expected, key=lambda r: -expected[r])
    bars = _by_gid(ax, "level")
    assert len(bars) == len(expected)
    for label, bar in zip(_yticks(ax), sorted(bars, key=lambda b: b.get_y())):
        assert bar.get_width() == pytest.approx(expected[label])
    assert "亿元" in ax.get_xlabel() and "地区生产总值" in ax.get_title()
    # reported estimates (预计) are hatched
    estimates = set(levels.loc[levels["quality_flags"].map(lambda f: "estimate" in f), "region"])
    hatched = {label for label, bar in zip(_yticks(ax), sorted(bars, key=lambda b: b.get_y())) if bar.get_hatch()}
    assert hatched == estimates
    value_labels = {t.get_text() for t in ax.texts}
    assert {fmt_number(v) for v in expected.values()} <= value_labels
    _png(ax.figure)
    _texts_drawn_in_bundled_font(ax.figure)


def test_plot_levels_converts_mixed_units(panel):
    # the sample states fixed-asset investment in 万元 for some towns, 亿元 for others
    ax = _draw(plot_levels, panel, indicator="fixed_asset_investment", unit="万元")
    rows = panel[(panel["indicator"] == "fixed_asset_investment") & (panel["kind"] == "actual")
                 & (panel["measure"] == "level")]
    assert rows["unit"].nunique() > 1
    expected = sorted((to_unit(v, u, "万元") for v, u in zip(rows["value"], rows["unit"])), reverse=True)
    widths = [b.get_width() for b in sorted(_by_gid(ax, "level"), key=lambda b: b.get_y())]
    assert widths == pytest.approx(expected)
    assert ax.get_xlabel() == "Actual level (万元)"


def test_plot_levels_flags_units_of_another_family(panel):
    # 外资 in 亿元 for one town and 万美元 for another: the dollars cannot become 亿元
    rows = panel[(panel["indicator"] == "foreign_investment") & (panel["kind"] == "actual")
                 & (panel["measure"] == "level")]
    dollars = rows.loc[rows["unit"].str.contains("美元"), "region"].tolist()
    assert dollars
    with pytest.warns(UserWarning, match="not drawn") as record:
        ax = plot_levels(panel, indicator="foreign_investment", unit="亿元")
    assert all(d in str(record[0].message) for d in dollars)
    assert not set(dollars) & set(_yticks(ax))
    (note,) = _by_gid(ax, "left_out")
    assert all(d in note.get_text() for d in dollars)
    with pytest.raises(PlotDataError, match="万美元"):
        plot_levels(panel[panel["region"].isin(dollars)], indicator="foreign_investment", unit="亿元")


def test_plot_levels_bad_input(panel):
    with pytest.raises(PlotDataError):
        plot_levels(panel, indicator="no_such_indicator")
    with pytest.raises(ValueError, match="unknown unit"):
        plot_levels(panel, unit="斤两")


# --------------------------------------------------------------------------- plot_attention


def _attention_frame() -> pd.DataFrame:
    """attention(by="region")-shaped rows with counts written by hand."""
    regions = ["横沥镇", "六镇镇", "泥溪镇"]
    rows = []
    for r_i, region in enumerate(regions):
        total = 1000 * (r_i + 2)
        for t_i, (theme, zh) in enumerate(zip(THEME_IDS, THEME_ZH)):
            tokens = (t_i * 7 + r_i * 13) % 40
            rows.append((region, theme, zh, tokens, total, tokens / total, tokens // 2, 200, tokens / 2 / 200))
    frame = pd.DataFrame(rows, columns=["region", "theme", "theme_zh", "tokens", "total_tokens", "share_tokens",
                                        "sentences", "total_sentences", "share_sentences"])
    frame["theme"] = pd.Categorical(frame["theme"], categories=THEME_IDS, ordered=True)
    return frame


def _check_attention(ax: Axes, frame: pd.DataFrame, by: list[str], value: str) -> None:
    groups = frame[by].drop_duplicates().sort_values(by)
    labels = [" · ".join(str(v) for v in key) for key in groups.itertuples(index=False, name=None)]
    assert _yticks(ax) == labels
    themes = [t for t in frame["theme"].cat.categories if t in set(frame["theme"].astype(str))]
    zh = dict(zip(frame["theme"].astype(str), frame["theme_zh"]))
    assert [t.get_text() for t in ax.get_xticklabels()] == [zh[t] for t in themes]
    (image,) = _by_gid(ax, "attention")
    assert image.get_array().shape == (len(labels), len(themes))
    cells = [t.get_text() for t in _by_gid(ax, "cell_label")]
    assert len(cells) == frame[value].notna().sum()
    if value.startswith("share"):
        first = frame.sort_values(by + ["theme"]).iloc[0]
        decimals = 1 if frame[value].max() >= 0.02 else 2
        assert cells[0] == f"{first[value] * 100:.{decimals}f}%"
        assert all(c.endswith("%") for c in cells)
    assert len(ax.figure.axes) == 2  # the heatmap and its colorbar


@pytest.mark.parametrize("value", ["share_tokens", "share_sentences", "tokens"])
def test_plot_attention_hand_made(value):
    frame = _attention_frame()
    ax = _draw(plot_attention, frame, by="region", value=value)
    assert isinstance(ax, Axes)
    _check_attention(ax, frame, ["region"], value)
    _png(ax.figure)
    _texts_drawn_in_bundled_font(ax.figure)


def test_plot_attention_two_grouping_columns_and_blank_cells():
    frame = _attention_frame()
    frame = pd.concat([frame.assign(year=2022), frame.assign(year=2023)], ignore_index=True)
    frame.loc[frame.index[:11], "share_tokens"] = float("nan")  # a group with no text
    ax = _draw(plot_attention, frame, by=["region", "year"])
    _check_attention(ax, frame, ["region", "year"], "share_tokens")
    assert "六镇镇 · 2022" in _yticks(ax)


def test_plot_attention_bad_input():
    frame = _attention_frame()
    with pytest.raises(InvalidOptionError, match="value"):
        plot_attention(frame, value="share")
    with pytest.raises(PlotDataError, match="several rows"):
        plot_attention(pd.concat([frame, frame]), by="region")


# --------------------------------------------------------------------------- plot_distinctive


def _distinctive_frame() -> pd.DataFrame:
    """distinctive_terms-shaped rows written by hand; 泥溪镇 has no positive z."""
    words = ["乡村振兴", "招商引资", "营商环境", "人居环境", "产业园区", "规上工业", "基层治理", "文明城市"]
    rows = []
    for r_i, region in enumerate(["横沥镇", "六镇镇", "泥溪镇", "平湖镇"]):
        for w_i, word in enumerate(words):
            z = -1.0 - w_i if region == "泥溪镇" else 4.0 - ((w_i * 3 + r_i) % 8) * 0.9
            rows.append((region, word, 10 + w_i, 20, z / 3, z, 0.01))
    frame = pd.DataFrame(rows, columns=["region", "token", "count", "count_other", "log_odds", "z", "tfidf"])
    frame = frame.sort_values(["region", "z", "token"], ascending=[True, False, True]).reset_index(drop=True)
    frame["rank"] = frame.groupby("region").cumcount() + 1
    return frame


def _check_distinctive(fig: Figure, frame: pd.DataFrame, by: str, top: int) -> None:
    groups = sorted(frame[by].unique())
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == groups
    for ax, group in zip(panels, groups):
        rows = frame[(frame[by] == group) & (frame["z"] > 0)].sort_values(["z", "token"], ascending=[False, True])
        words = rows["token"].head(top).tolist()
        assert _yticks(ax) == words
        bars = _by_gid(ax, "z")
        assert [b.get_width() for b in sorted(bars, key=lambda b: b.get_y())] == pytest.approx(
            rows["z"].head(top).tolist()
        )
        assert all(b.get_width() > 0 for b in bars)


def test_plot_distinctive_hand_made():
    frame = _distinctive_frame()
    fig = _draw(plot_distinctive, frame, by="region", top=5, col_wrap=3)
    assert isinstance(fig, Figure)
    _check_distinctive(fig, frame, "region", 5)
    assert len(fig.axes) == 6 and sum(not ax.get_visible() for ax in fig.axes) == 2
    (empty,) = [ax for ax in fig.axes if ax.get_title() == "泥溪镇"]
    assert any("no word" in t.get_text() for t in empty.texts)
    _png(fig)
    _texts_drawn_in_bundled_font(fig)


def test_plot_distinctive_bad_options():
    with pytest.raises(InvalidOptionError, match="top"):
        plot_distinctive(_distinctive_frame(), top=0)
    with pytest.raises(InvalidOptionError, match="col_wrap"):
        plot_distinctive(_distinctive_frame(), col_wrap=2.5)
    with pytest.raises(PlotDataError):
        plot_distinctive(_distinctive_frame().iloc[0:0])


# --------------------------------------------------------------------------- plot_term_trends


def _trends_frame() -> pd.DataFrame:
    """term_frequencies(by=["region", "year"])-shaped rows; 招商引资 is absent from 濮院镇 in 2021."""
    rows = []
    for region, chars in (("横沥镇", 20_000), ("濮院镇", 25_000)):
        for year in (2019, 2020, 2021, 2022, 2023):
            for t_i, term in enumerate(["乡村振兴", "招商引资", "营商环境", "的确"]):
                if region == "濮院镇" and year == 2021 and term == "招商引资":
                    continue
                count = 3 + (year - 2019) * (t_i + 1) + len(region)
                rows.append((region, year, term, count, chars, count / chars * 10_000))
    return pd.DataFrame(rows, columns=["region", "year", "token", "count", "chars", "rate"])


def test_plot_term_trends_by_region():
    frame = _trends_frame()
    terms = ["乡村振兴", "招商引资"]
    ax = _draw(plot_term_trends, frame, terms=terms, hue="region")
    assert isinstance(ax, Axes)
    lines = _by_gid(ax, "trend")
    regions = sorted(frame["region"].unique())
    assert len(lines) == len(terms) * len(regions)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"{t} · {r}" for r in regions for t in terms]
    by_label = {line.get_label(): line for line in lines}
    # a year with text but no occurrence is a zero, not a gap
    gap = by_label["招商引资 · 濮院镇"]
    assert dict(zip(gap.get_xdata(), gap.get_ydata()))[2021] == 0.0
    full = by_label["乡村振兴 · 横沥镇"]
    rows = frame[(frame["token"] == "乡村振兴") & (frame["region"] == "横沥镇")].sort_values("year")
    assert list(full.get_xdata()) == rows["year"].tolist()
    assert list(full.get_ydata()) == pytest.approx(rows["rate"].tolist())
    assert ax.get_ylabel() == "Occurrences per 10,000 characters"
    _png(ax.figure)
    _texts_drawn_in_bundled_font(ax.figure)


def test_plot_term_trends_one_line_per_term():
    frame = _trends_frame()
    by_year = frame[frame["region"] == "横沥镇"].drop(columns="region")
    ax = _draw(plot_term_trends, by_year, terms=["营商环境", "乡村振兴", "不存在的词"], y="count")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["营商环境", "乡村振兴", "不存在的词"]  # the order given
    missing = [line for line in _by_gid(ax, "trend") if line.get_label() == "不存在的词"]
    assert list(missing[0].get_ydata()) == [0.0] * by_year["year"].nunique()
    assert ax.get_ylabel() == "Occurrences"


def test_plot_term_trends_single_year_keeps_a_readable_axis():
    frame = _trends_frame()
    one = frame[frame["year"] == 2023]
    ax = _draw(plot_term_trends, one, terms=["乡村振兴", "营商环境"], hue="region")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023"]
    assert ax.get_xlim() == (2022.0, 2024.0)
    _png(ax.figure)


def test_plot_term_trends_needs_hue_for_grouped_data():
    with pytest.raises(PlotDataError, match="hue"):
        plot_term_trends(_trends_frame(), terms=["乡村振兴"])
    with pytest.raises(PlotDataError, match="terms"):
        plot_term_trends(_trends_frame(), terms=[], hue="region")


# --------------------------------------------------------------------------- real tokens


@pytest.fixture(scope="module")
def tokens():
    if not hasattr(gr, "tokenize"):
        pytest.skip("govreports.tokenize is not in this checkout")
    try:
        return gr.tokenize(gr.load_sample())
    except (OSError, LookupError) as exc:  # a lexicon file is missing
        pytest.skip(f"tokenize unavailable: {exc}")


def test_plot_attention_real_tokens(tokens):
    if not hasattr(gr, "attention"):
        pytest.skip("govreports.attention is not in this checkout")
    try:
        frame = gr.attention(tokens, by="region")
    except (OSError, LookupError) as exc:
        pytest.skip(f"attention unavailable: {exc}")
    ax = _draw(plot_attention, frame, by="region")
    assert _yticks(ax) == sorted(gr.load_sample()["region"].unique())
    assert len(ax.get_xticklabels()) == frame["theme"].nunique()
    _check_attention(ax, frame, ["region"], "share_tokens")
    _png(ax.figure)
    _texts_drawn_in_bundled_font(ax.figure)


def test_plot_distinctive_real_tokens(tokens):
    frame = gr.distinctive_terms(tokens, by="region", top=None)
    fig = _draw(plot_distinctive, frame, by="region", top=10)
    _check_distinctive(fig, frame, "region", 10)
    _png(fig)
    _texts_drawn_in_bundled_font(fig)


def test_plot_term_trends_real_tokens(tokens):
    frame = gr.term_frequencies(tokens, by=["region", "year"])
    terms = frame.sort_values(["count", "token"], ascending=[False, True])["token"].drop_duplicates().head(3).tolist()
    ax = _draw(plot_term_trends, frame, terms=terms, hue="region")
    assert len(_by_gid(ax, "trend")) == len(terms) * frame["region"].nunique()
    _png(ax.figure)


# --------------------------------------------------------------------------- font set-up


def test_plot_sets_the_bundled_font_when_none_is_active():
    # other tests (and doctests) may have set the theme already: start from matplotlib's default
    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        assert matplotlib.rcParams["font.family"][0] != BUNDLED_FONT_FAMILY
        ax = _draw(plot_targets, _targets_frame())
        assert matplotlib.rcParams["font.family"][0] == BUNDLED_FONT_FAMILY
        _png(ax.figure)


def test_plot_keeps_a_theme_already_set(monkeypatch):
    plotting.set_theme(context="talk")
    size = matplotlib.rcParams["font.size"]
    calls = []
    monkeypatch.setattr(plotting, "set_theme", lambda **kw: calls.append(kw))
    _draw(plot_levels, gr.panel(gr.load_sample()))
    assert calls == []
    assert matplotlib.rcParams["font.size"] == size


def test_examples_end_without_showing(panel, monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.append(1))
    _draw(plot_targets, panel)
    _draw(plot_levels, panel)
    _draw(plot_attention, _attention_frame())
    _draw(plot_distinctive, _distinctive_frame())
    _draw(plot_term_trends, _trends_frame(), terms=["乡村振兴"], hue="region")
    assert shown == []


# ------------------------------------------------------------------ levels by administrative level


def _mixed_levels() -> pd.DataFrame:
    """GDP levels of a nation, a province, a city and two townships, as reports state them."""
    rows = [("n", "全国", "national", 121.0, "万亿元"), ("p", "广东省", "province", 12.91, "万亿元"),
            ("c", "东莞市", "city", 11200.0, "亿元"), ("t1", "泥溪镇", "township", 6379.0, "万元"),
            ("t2", "横沥镇", "township", 207.45, "亿元")]
    return pd.DataFrame([{"report_id": rid, "region": region, "level": level, "year": 2023, "indicator": "gdp",
                          "kind": "actual", "measure": "level", "value": v, "unit": u, "quality_flags": []}
                         for rid, region, level, v, u in rows])


def test_levels_table_picks_units_per_level_and_keeps_the_digits_stated():
    from govreports.present._plotting import levels_table

    t = levels_table(_mixed_levels()).set_index("region")
    assert t.loc["泥溪镇", "unit"] == "万元" and t.loc["泥溪镇", "text"] == "6,379万元"  # not 0.6379亿元
    assert t.loc["横沥镇", "unit"] == "亿元" and t.loc["横沥镇", "text"] == "207.45亿元"  # 1亿元 and more: 亿元
    assert t.loc["全国", "text"] == "1,210,000亿元" and t.loc["广东省", "text"] == "129,100亿元"
    assert t.loc["东莞市", "value"] == 11200.0 and t.loc["全国", "digits"] == 3
    fixed = levels_table(_mixed_levels(), unit="亿元").set_index("region")
    assert set(fixed["unit"]) == {"亿元"} and fixed.loc["泥溪镇", "text"] == "0.6379亿元"


def test_plot_levels_groups_levels_on_a_log_scale():
    ax = _draw(plot_levels, _mixed_levels(), indicator="gdp")
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "Actual level (亿元, log scale)"
    # top level first, a rule between levels and each level named
    assert _yticks(ax) == ["全国", "广东省", "东莞市", "横沥镇", "泥溪镇"]
    assert [a.get_text() for a in _by_gid(ax, "level_label")] == ["national", "province", "city", "township"]
    assert len(_by_gid(ax, "level_group")) == 3
    # each bar says its value in its own level's unit
    labels = [t.get_text() for t in ax.texts if t.get_gid() is None]
    assert "6,379万元" in labels and "1,210,000亿元" in labels
    linear = plot_levels(_mixed_levels(), indicator="gdp", scale="linear")
    assert linear.get_xscale() == "linear"
    with pytest.raises(InvalidOptionError):
        plot_levels(_mixed_levels(), scale="sqrt")
    _png(ax.figure)


def test_plot_levels_by_level_gives_each_level_its_own_panel_and_unit():
    from govreports.present._plotting import plot_levels_by_level

    data = _mixed_levels()
    data = pd.concat([data, data.assign(report_id="t3", region="六镇镇", value=638.0, unit="万元").tail(1)])
    fig = _draw(plot_levels_by_level, data, indicator="gdp")
    assert [ax.get_title().rsplit("· ", 1)[1] for ax in fig.axes] == ["national", "province", "city", "township"]
    assert [ax.get_xlabel() for ax in fig.axes][:3] == ["Actual level (亿元)"] * 3
    # townships: 万元 reads naturally for 638万元 and 6,379万元 beside 207.45亿元 (log: they span over 100×)
    town = fig.axes[-1]
    assert _yticks(town) == ["横沥镇", "泥溪镇", "六镇镇"] and town.get_xscale() == "log"
    assert "638万元" in [t.get_text() for t in town.texts]
    _png(fig)


def test_plot_targets_shows_each_region_against_its_superior(panel):
    from govreports.present._plotting import superior_table

    c = gr.compare(gr.load_sample())
    ax = _draw(plot_targets, panel, indicator="gdp", national_target=5.0, superiors=c)
    shown = c[c["region"].isin(_yticks(ax))]  # 泥溪镇 states no GDP growth: no row
    table = superior_table(shown, c)
    assert len(_by_gid(ax, "superior")) == len(table) == shown["superior_target"].notna().sum() == 4
    texts = [a.get_text() for a in _by_gid(ax, "superior_label")]
    assert "东莞市† 5.5%" in texts  # from the targets dataset
    assert any("superior's target" in t.get_text() for t in ax.get_legend().get_texts())
    # the square sits on its region's row, at the superior's target
    row = _yticks(ax).index("横沥镇")
    assert any(line.get_xdata()[0] == 5.5 and line.get_ydata()[0] == row for line in _by_gid(ax, "superior"))
    _png(ax.figure)


def test_plot_targets_groups_rows_by_level():
    rows = []
    for rid, region, level, target in [("t", "横沥镇", "township", 6.0), ("n", "全国", "national", 5.0),
                                       ("c", "东莞市", "city", 7.0)]:
        rows.append({"report_id": rid, "region": region, "level": level, "year": 2023, "indicator": "gdp",
                     "kind": "target", "measure": "growth", "value": target, "qualifier": ""})
    ax = plot_targets(pd.DataFrame(rows), indicator="gdp")
    assert _yticks(ax) == ["全国", "东莞市", "横沥镇"]
    assert [a.get_text() for a in _by_gid(ax, "level_label")] == ["national", "city", "township"]


# --------------------------------------------------------------------------- data-preparation tables
#
# Each plot_* is a *_table function (the tidy frame it shows) composed with a drawing
# function; these tests call the tables on the bundled sample and check what they hold
# against the report text, then that the plot draws exactly that table.


def _report_text(region: str) -> str:
    sample = gr.load_sample()
    return str(sample.loc[sample["region"] == region, "text"].iloc[0])


def test_targets_table_on_sample_panel(panel):
    t = plotting.targets_table(panel, indicator="gdp")
    assert list(t.columns) == [
        "report_id", "region", "year", "level", "label", "actual", "target", "target_high", "qualifier",
        "target_mid", "target_text", "actual_period", "target_period",
    ]
    # 泥溪镇 states no GDP growth; the others by target, descending
    assert t["label"].tolist() == ["六镇镇", "平湖镇", "濮院镇", "横沥镇"]
    row = t.set_index("region").loc["濮院镇"]
    # "全年预计实现地区生产总值166亿元,同比增长4%" ... "全镇地区生产总值增长7%左右"
    assert "同比增长4%" in _report_text("濮院镇") and "地区生产总值增长7%左右" in _report_text("濮院镇")
    assert (row["actual"], row["target"], row["qualifier"], row["target_text"]) == (4.0, 7.0, "about", "≈7%")
    assert (row["actual_period"], row["target_period"]) == ("2022", "2023")
    first = t.set_index("region").loc["六镇镇"]  # "地区生产总值增长10%以上", no growth stated for 2022
    assert "地区生产总值增长10%以上" in _report_text("六镇镇")
    assert pd.isna(first["actual"]) and first["target_text"] == "≥10%" and pd.isna(first["actual_period"])
    assert t.set_index("region").loc["平湖镇", "target_text"] == "9%"  # an exact target: no sign
    # the plot draws this table: its rows, and each target's label at target_mid
    ax = _draw(plot_targets, panel, indicator="gdp")
    assert _yticks(ax) == t["label"].tolist()
    drawn = {(a.get_text(), a.xy) for a in _by_gid(ax, "target_label")}
    assert drawn == {(text, (mid, float(y))) for y, (text, mid) in enumerate(zip(t["target_text"], t["target_mid"]))}


def test_targets_table_ranges_sort_and_bad_input():
    frame = _targets_frame()
    t = plotting.targets_table(frame, sort="name")
    assert t["label"].tolist() == sorted(frame["region"].unique())
    jia = t.set_index("region").loc["甲镇"]  # a 6–8% range: label at its midpoint
    assert (jia["target_text"], jia["target_mid"]) == ("6–8%", 7.0)
    assert t.set_index("region").loc["戊镇", "target_text"] == ""  # an actual only
    by_value = plotting.targets_table(frame)
    assert by_value["label"].iloc[-1] == "戊镇"  # no target: last
    with pytest.raises(PlotDataError, match="no_such_indicator"):
        plotting.targets_table(frame, indicator="no_such_indicator")
    with pytest.raises(InvalidOptionError, match="sort"):
        plotting.targets_table(frame, sort="size")
    with pytest.raises(MissingColumnsError, match="measure"):
        plotting.targets_table(frame.drop(columns="measure"))


def test_levels_table_on_sample_panel(panel):
    t = plotting.levels_table(panel, indicator="gdp").set_index("region")
    # "全镇实现地区生产总值207.45亿元" (reported); "预计全镇地区生产总值15.2亿元" (an estimate)
    assert "地区生产总值207.45亿元" in _report_text("横沥镇")
    assert "预计全镇地区生产总值15.2亿元" in _report_text("六镇镇")
    assert t.loc["横沥镇", "text"] == "207.45亿元" and not t.loc["横沥镇", "estimate"]
    assert t.loc["六镇镇", "text"] == "15.2亿元" and t.loc["六镇镇", "estimate"]
    ax = _draw(plot_levels, panel, indicator="gdp")
    assert sorted(_yticks(ax)) == sorted(t.index)


def test_attention_table_on_sample(tokens):
    att = gr.attention(tokens, by="region")
    cells = plotting.attention_table(att, by="region", value="share_tokens")
    assert list(cells.columns) == ["region", "label", "theme", "theme_label", "row", "col", "share_tokens", "text",
                                   "text_color"]
    regions = sorted(gr.load_sample()["region"].unique())
    themes = [t for t in att["theme"].cat.categories if t in set(att["theme"].astype(str))]
    assert len(cells) == len(regions) * len(themes)
    assert cells.drop_duplicates("row")["label"].tolist() == regions
    assert cells.drop_duplicates("col")["theme"].astype(str).tolist() == themes
    # every cell is that region's share of tokens on that theme, and says so in %
    source = att.assign(theme=att["theme"].astype(str)).set_index(["region", "theme"])
    for cell in cells.itertuples(index=False):
        row = source.loc[(cell.region, str(cell.theme))]
        assert cell.share_tokens == pytest.approx(row["tokens"] / row["total_tokens"])
        assert cell.theme_label == row["theme_zh"]
        decimals = 1 if cells["share_tokens"].max() >= 0.02 else 2
        assert cell.text == f"{cell.share_tokens * 100:.{decimals}f}%"
    darkest = cells.loc[cells["share_tokens"].idxmax()]
    assert darkest["text_color"] == "white"
    counts = plotting.attention_table(att, by="region", value="tokens")
    assert counts["text"].tolist() == [f"{v:,.0f}" for v in counts["tokens"]]
    # the heatmap writes exactly these texts
    ax = _draw(plot_attention, att, by="region")
    assert [t.get_text() for t in _by_gid(ax, "cell_label")] == cells["text"].dropna().tolist()


def test_attention_table_bad_input():
    frame = _attention_frame()
    with pytest.raises(InvalidOptionError, match="value"):
        plotting.attention_table(frame, value="share")
    with pytest.raises(PlotDataError, match="several rows"):
        plotting.attention_table(pd.concat([frame, frame]), by="region")
    with pytest.raises(PlotDataError, match="empty"):
        plotting.attention_table(frame.iloc[0:0])
    with pytest.raises(MissingColumnsError, match="theme"):
        plotting.attention_table(frame.drop(columns="theme"))


def test_distinctive_table_on_sample(tokens):
    words = gr.distinctive_terms(tokens, by="region", top=None)
    t = plotting.distinctive_table(words, by="region", top=5)
    assert list(t.columns) == ["region", "token", "z", "rank", "panel"]
    regions = sorted(words["region"].unique())
    assert t.drop_duplicates("panel")["region"].tolist() == regions
    for region, rows in t.groupby("region"):
        assert 1 <= len(rows) <= 5 and (rows["z"] > 0).all()
        assert rows["rank"].tolist() == list(range(1, len(rows) + 1))
        assert rows["z"].is_monotonic_decreasing
        # a region's most distinctive words come from its own report
        assert all(token in _report_text(region) for token in rows["token"])
    fig = _draw(plot_distinctive, words, by="region", top=5)
    for ax, (_, rows) in zip(fig.axes, t.groupby("panel")):
        assert _yticks(ax) == rows["token"].tolist()


def test_distinctive_table_group_without_words_and_bad_input():
    t = plotting.distinctive_table(_distinctive_frame(), top=3)
    (empty,) = t[t["region"] == "泥溪镇"].itertuples(index=False)  # only negative z: one row, no word
    assert pd.isna(empty.token) and pd.isna(empty.z) and pd.isna(empty.rank)
    assert (t.groupby("panel").size() <= 3).all()
    with pytest.raises(InvalidOptionError, match="top"):
        plotting.distinctive_table(_distinctive_frame(), top=0)
    with pytest.raises(PlotDataError, match="empty"):
        plotting.distinctive_table(_distinctive_frame().iloc[0:0])
    with pytest.raises(MissingColumnsError, match="z"):
        plotting.distinctive_table(_distinctive_frame().drop(columns="z"))


def test_term_trends_table_on_sample(tokens):
    tf = gr.term_frequencies(tokens, by=["region", "year"])
    terms = ["乡村振兴", "招商引资"]
    t = plotting.term_trends_table(tf, terms=terms, y="count", hue="region")
    assert list(t.columns) == ["line", "token", "region", "year", "count", "label", "color", "linestyle", "marker",
                               "per"]
    regions = sorted(gr.load_sample()["region"].unique())
    assert t.drop_duplicates("line")["label"].tolist() == [f"{term} · {r}" for r in regions for term in terms]
    assert t.drop_duplicates("token")["color"].tolist() == ["C0", "C1"]
    # each point counts the term's tokens in that region's report; absent terms count 0
    for row in t.itertuples(index=False):
        n = ((tokens["token"] == row.token) & (tokens["region"] == row.region)).sum()
        assert row.count == n
        assert (n > 0) == (row.token in _report_text(row.region))
    rate = plotting.term_trends_table(tf, terms="乡村振兴", hue="region")
    assert set(rate["per"]) == {10_000}  # term_frequencies' default per
    ax = _draw(plot_term_trends, tf, terms=terms, y="count", hue="region")
    assert [list(line.get_ydata()) for line in _by_gid(ax, "trend")] == [
        rows["count"].tolist() for _, rows in t.groupby("line")
    ]


def test_term_trends_table_bad_input():
    with pytest.raises(PlotDataError, match="terms"):
        plotting.term_trends_table(_trends_frame(), terms=[], hue="region")
    with pytest.raises(PlotDataError, match="hue"):
        plotting.term_trends_table(_trends_frame(), terms=["乡村振兴"])
    with pytest.raises(MissingColumnsError, match="rate"):
        plotting.term_trends_table(_trends_frame().drop(columns="rate"), terms=["乡村振兴"], hue="region")


def test_tables_need_no_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, govreports as gr\n"
        "from govreports.present import _plotting as p\n"
        "rep = gr.load_sample(); panel = gr.panel(rep)\n"
        "p.targets_table(panel); p.levels_table(panel)\n"
        "p.superior_table(p.targets_table(panel), gr.compare(rep))\n"
        "try:\n"
        "    toks = gr.tokenize(rep)\n"
        "except (OSError, LookupError):\n"
        "    toks = None\n"
        "if toks is not None:\n"
        "    p.attention_table(gr.attention(toks, by='region'))\n"
        "    p.distinctive_table(gr.distinctive_terms(toks, by='region'))\n"
        "    p.term_trends_table(gr.term_frequencies(toks, by=['year']), terms=['乡村振兴'])\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
