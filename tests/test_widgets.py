"""The explorer: its plain functions on the bundled sample, then the ipywidgets app driven from code.

Every expectation is computed from the sample itself (``str.count`` on the report
texts, :func:`govreports.compare` / :func:`govreports.panel` filtered by hand), never
typed in. The app is driven by setting its controls' ``.value`` as a browser would,
and its outputs (HTML strings, PNG bytes, ``state``) are checked after each change.
"""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations

import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import govreports as gr  # noqa: E402
from govreports.errors import InvalidOptionError, OptionalDependencyError  # noqa: E402
from govreports.present import _widgets as widgets  # noqa: E402
from govreports.present._widgets import (  # noqa: E402
    ExplorerData,
    attention_for,
    evidence_for,
    explorer_state,
    figure_for,
    kwic_for,
    prepare_explorer,
    table_for,
)


@pytest.fixture(scope="module")
def data(sample) -> ExplorerData:
    return prepare_explorer(sample)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _texts(sample: pd.DataFrame, regions) -> list[str]:
    return sample.loc[sample["region"].isin(list(regions)), "text"].tolist()


def _keywords(sample: pd.DataFrame) -> list[str]:
    """Keywords taken from the texts: theme terms that occur, plus one that cannot."""
    joined = "\n".join(sample["text"])
    terms = [t for t in gr.load_themes()["term"] if t in joined]
    return sorted(terms, key=lambda t: (-joined.count(t), t))[:3] + ["乡村振兴", "不存在的关键词甲乙丙"]


def _selections(regions: list[str]) -> list[tuple[str, ...]]:
    picks = [tuple(regions)] + [(r,) for r in regions] + list(combinations(regions, 2))[:4]
    return picks + [tuple(reversed(regions[:3]))]  # given out of order


# --- plain functions ------------------------------------------------------------------------

def test_module_imports_without_widgets_or_matplotlib():
    code = ("import sys, govreports.present._widgets; "
            "print(' '.join(m for m in ('ipywidgets', 'matplotlib', 'jieba') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_prepare_lists_every_region_sorted(data, sample):
    assert data.regions == sorted(sample["region"].unique())
    assert data.report_ids(None) == data.report_regions["report_id"].tolist()
    assert sorted(data.report_ids(None)) == sorted(sample["report_id"])


def test_prepare_does_not_mutate_reports(sample):
    before = sample.copy()
    data = prepare_explorer(sample)
    explorer_state(data, indicator="gdp", theme="livelihoods", pattern="乡村振兴")
    pd.testing.assert_frame_equal(sample, before)


@pytest.mark.parametrize("indicator", ["gdp", "rural_income", "fixed_asset_investment", "cpi"])
def test_table_rows_are_the_chosen_regions_and_match_compare(data, sample, indicator):
    located = gr.locate(sample)  # the explorer carries the division columns, as the pipeline does
    expected_all = gr.compare(gr.panel(located), indicators=[indicator], locations=located)
    for chosen in _selections(data.regions):
        table = table_for(data, regions=list(chosen), indicator=indicator)
        assert table["region"].tolist() == sorted(chosen)  # one report per region in the sample
        expected = expected_all[expected_all["region"].isin(chosen)].reset_index(drop=True)
        pd.testing.assert_frame_equal(table, expected[table.columns])
        assert {f"{indicator}_level", f"{indicator}_growth", f"{indicator}_target"} <= set(table.columns)
        others = {c for c in table.columns if c.endswith(("_level", "_growth", "_target"))}
        assert all(c.startswith((indicator, "gdp_", "national_", "superior_", "immediate_superior")) for c in others)


def test_kwic_count_equals_str_count(data, sample):
    for keyword in _keywords(sample):
        for chosen in _selections(data.regions):
            lines = kwic_for(data, regions=list(chosen), pattern=keyword)
            assert len(lines) == sum(t.count(keyword) for t in _texts(sample, chosen)), (keyword, chosen)
            assert set(lines["region"]) <= set(chosen)
            assert (lines["match"] == keyword).all()
            texts = sample.set_index("report_id")["text"]
            assert all(texts[r.report_id][r.start:r.end] == keyword for r in lines.itertuples())
            # sorted by region, then position
            assert lines["region"].tolist() == sorted(lines["region"])
            for _, g in lines.groupby("report_id"):
                assert g["start"].is_monotonic_increasing


def test_kwic_keyword_is_literal_and_stripped(data, sample):
    assert kwic_for(data, pattern="   ").empty
    assert kwic_for(data, regions=[], pattern="乡村振兴").empty
    # regex metacharacters are searched for literally
    assert len(kwic_for(data, pattern="(")) == sum(t.count("(") for t in sample["text"])
    assert len(kwic_for(data, pattern=" 乡村振兴 ")) == len(kwic_for(data, pattern="乡村振兴"))


@pytest.mark.parametrize("indicator", ["gdp", "rural_income", "grain_output", "cpi"])
def test_evidence_rows_belong_to_indicator_and_regions(data, sample, indicator):
    p = gr.panel(sample)
    texts = sample.set_index("report_id")["text"]
    for chosen in _selections(data.regions):
        ev = evidence_for(data, regions=list(chosen), indicator=indicator)
        expected = p[(p["indicator"] == indicator) & p["region"].isin(chosen)]
        assert len(ev) == len(expected)
        assert (ev["indicator"] == indicator).all() and set(ev["region"]) <= set(chosen)
        assert sorted(ev["start"]) == sorted(expected["start"])
        assert ev["region"].tolist() == sorted(ev["region"])
        html = explorer_state(data, regions=list(chosen), indicator=indicator)["evidence_html"]
        for r in ev.itertuples():
            surface = texts[r.report_id][r.start:r.end]
            assert f">{surface}</mark>" in html


def test_attention_rows_per_report_and_theme(data):
    chosen = data.regions[:2]
    every = attention_for(data, regions=chosen)
    assert len(every) == len(chosen) * len(gr.theme_ids())
    one = attention_for(data, regions=chosen, theme="agriculture_rural")
    assert one["region"].tolist() == sorted(chosen) and set(one["theme"].astype(str)) == {"agriculture_rural"}
    assert (one["share_tokens"] == one["tokens"] / one["total_tokens"]).all()


def test_tokens_and_panel_are_computed_once(sample, monkeypatch):
    # the explorer goes through the shared pipeline: each stage runs once, and only when needed
    import govreports._pipeline as pipeline_mod

    calls = {"panel": 0, "tokenize": 0, "compare": 0}

    def counting(name, fn):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    for name in calls:
        monkeypatch.setattr(pipeline_mod, name, counting(name, getattr(pipeline_mod, name)))
    data = prepare_explorer(sample)
    assert calls == {"panel": 1, "tokenize": 0, "compare": 0}  # tokens only when a theme is chosen
    for regions in _selections(data.regions):
        for theme in (None, "livelihoods", "ecology_environment"):
            explorer_state(data, regions=list(regions), indicator="gdp", theme=theme, pattern="发展")
            explorer_state(data, regions=list(regions), indicator="rural_income", theme=theme)
    assert calls == {"panel": 1, "tokenize": 1, "compare": 2}


def test_invalid_choices_name_the_valid_options(data):
    with pytest.raises(InvalidOptionError, match="六镇镇"):
        explorer_state(data, regions=["北京市"])
    with pytest.raises(InvalidOptionError, match="gdp"):
        explorer_state(data, indicator="GDP")
    with pytest.raises(InvalidOptionError, match="agriculture_rural"):
        explorer_state(data, theme="farming")
    with pytest.raises(TypeError):
        explorer_state(["not", "a", "frame"])


def test_state_keys_and_views(data):
    s = explorer_state(data, regions=data.regions[1], indicator="gdp", pattern="发展")
    assert s["regions"] == [data.regions[1]] and s["view"] == "indicator" and s["attention"].empty
    t = explorer_state(data, indicator="gdp", theme="livelihoods")
    assert t["view"] == "theme" and set(t["attention"]["theme"].astype(str)) == {"livelihoods"}
    assert "livelihoods" in t["summary"]
    for key in ("table_html", "kwic_html", "evidence_html"):
        assert isinstance(s[key], str) and s[key]


def test_html_marks_each_kwic_line_up_to_limit(data, sample):
    keyword = _keywords(sample)[0]
    total = sum(t.count(keyword) for t in sample["text"])
    s = explorer_state(data, pattern=keyword, limit=None)
    assert s["kwic_html"].count("<mark") == total
    limited = explorer_state(data, pattern=keyword, limit=3)
    assert limited["kwic_html"].count("<mark") == min(3, total)
    assert len(limited["kwic"]) == total  # the DataFrame is never cut


def test_figure_rows_follow_regions(data, sample):
    p = gr.panel(sample)
    for chosen in _selections(data.regions):
        fig = figure_for(data, regions=list(chosen), indicator="gdp")
        rows = p[(p["indicator"] == "gdp") & p["region"].isin(chosen)]
        drawn = set()
        for ax in fig.axes:
            if ax.axison:  # a message axes has no ticks to read
                drawn |= {t.get_text() for t in ax.get_yticklabels()}
        assert drawn == set(rows["region"])
        plt.close(fig)


def test_figure_theme_view_outlines_the_theme(data):
    from matplotlib.patches import Rectangle

    chosen = data.regions[:3]
    fig = figure_for(data, regions=chosen, indicator="gdp", theme="ecology_environment")
    heat = fig.axes[0]
    assert [t.get_text() for t in heat.get_yticklabels()] == sorted(chosen)
    zh = gr.load_themes().drop_duplicates("theme").set_index("theme")["theme_zh"]["ecology_environment"]
    labels = [t.get_text() for t in heat.get_xticklabels()]
    boxes = [a for a in heat.patches if isinstance(a, Rectangle) and a.get_gid() == "chosen_theme"]
    assert len(boxes) == 1 and boxes[0].get_x() + 0.5 == labels.index(zh)


def test_figure_messages_when_nothing_to_draw(data):
    for kwargs in (dict(regions=[]), dict(indicator="cpi")):
        fig = figure_for(data, **kwargs)
        (ax,) = fig.axes
        assert not ax.axison and ax.texts


def test_figure_for_draws_chinese_without_missing_glyphs(data):
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*")
        for kwargs in (dict(indicator="gdp"), dict(indicator="rural_income"), dict(theme="livelihoods")):
            fig = figure_for(data, **kwargs)
            fig.canvas.draw()


# --- the app --------------------------------------------------------------------------------

@pytest.fixture()
def ipywidgets():
    """ipywidgets, or skip the app tests (the plain functions above need none)."""
    return pytest.importorskip("ipywidgets")


@pytest.fixture()
def app(data, ipywidgets):
    return gr_explore(data, regions=data.regions[:2], indicator="gdp", pattern="")


def gr_explore(*args, **kwargs):
    """The public entry point (``gr.explore`` once exported, else the module's)."""
    return getattr(gr, "explore", widgets.explore)(*args, **kwargs)


def test_app_is_a_widget_with_named_controls(app, data, ipywidgets):
    assert isinstance(app, ipywidgets.VBox)
    assert isinstance(app.regions, ipywidgets.SelectMultiple)
    assert list(app.regions.options) == data.regions
    assert isinstance(app.indicator, ipywidgets.Dropdown)
    assert [v for _, v in app.indicator.options] == gr.load_indicators()["indicator"].tolist()
    assert [v for _, v in app.theme.options] == [""] + gr.theme_ids()  # "": no theme
    assert isinstance(app.keyword, ipywidgets.Text)
    assert app.regions in app.children[0].children  # the controls are on screen
    assert all(w in app.children for w in (app.table, app.plot, app.kwic, app.evidence, app.status))


def test_app_regions_drive_table_kwic_and_evidence(app, data, sample):
    keyword = _keywords(sample)[0]
    app.keyword.value = keyword
    for chosen in _selections(data.regions):
        app.regions.value = chosen
        assert app.error is None
        assert app.state["table"]["region"].tolist() == sorted(chosen)
        for region in data.regions:
            assert (region in app.table.value) == (region in chosen)
        count = sum(t.count(keyword) for t in _texts(sample, chosen))
        assert len(app.state["kwic"]) == count
        assert app.kwic.value.count("<mark") == min(count, app.limit)
        ev = app.state["evidence"]
        assert (ev["indicator"] == "gdp").all() and set(ev["region"]) <= set(chosen)
        assert f"{len(chosen)} region(s)" in app.status.value


def test_app_keyword_and_indicator_changes(app, data, sample):
    app.regions.value = tuple(data.regions)
    app.keyword.value = "乡村振兴"
    assert len(app.state["kwic"]) == sum(t.count("乡村振兴") for t in sample["text"])
    assert "乡村振兴" in app.kwic.value and "“乡村振兴”" in app.status.value
    app.keyword.value = ""
    assert app.state["kwic"].empty and "<mark" not in app.kwic.value
    before = (app.table.value, app.evidence.value, app.plot.value)
    app.indicator.value = "rural_income"
    assert app.state["indicator"] == "rural_income"
    assert "rural_income_level" in app.state["table"].columns
    assert (app.state["evidence"]["indicator"] == "rural_income").all()
    after = (app.table.value, app.evidence.value, app.plot.value)
    assert all(a != b for a, b in zip(before, after))


def test_app_theme_view_and_back(app):
    indicator_png = app.plot.value
    app.theme.value = "agriculture_rural"
    assert app.state["view"] == "theme" and app.plot.value != indicator_png
    assert set(app.state["attention"]["region"]) == set(app.regions.value)
    # choosing an indicator leaves the theme view, in one refresh
    refreshes = []
    original = app.refresh
    app.refresh = lambda: (refreshes.append(1), original())
    app.indicator.value = "fixed_asset_investment"
    assert app.theme.value == "" and app.state["view"] == "indicator" and len(refreshes) == 1


def test_app_outputs_are_deterministic(data, ipywidgets):
    a = gr_explore(data, regions=data.regions[::2], indicator="gdp", pattern="发展")
    b = gr_explore(data, regions=list(reversed(data.regions[::2])), indicator="gdp", pattern="发展")
    for name in ("table", "kwic", "evidence", "status", "plot"):
        assert getattr(a, name).value == getattr(b, name).value, name


def test_app_with_no_region_shows_notes(app):
    app.regions.value = ()
    assert app.error is None and app.state["table"].empty
    assert "No report" in app.table.value and app.plot.value


def test_explore_accepts_reports_and_validates(sample, ipywidgets):
    app = gr_explore(sample, regions=sample["region"].iloc[0], theme="livelihoods")
    assert app.regions.value == (sample["region"].iloc[0],) and app.state["view"] == "theme"
    with pytest.raises(InvalidOptionError):
        gr_explore(sample, indicator="nope")


def test_missing_ipywidgets_names_the_install_command(sample, monkeypatch):
    # ipywidgets is a requirement; an environment installed without it gets the pip command
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import now raises ImportError
    widgets._explorer_class.cache_clear()
    try:
        with pytest.raises(OptionalDependencyError, match=r"pip install ipywidgets"):
            widgets.explore(sample)
    finally:
        widgets._explorer_class.cache_clear()


def test_regions_with_several_reports(sample):
    """A region reported in two years: both rows in the table, one heatmap row per year."""
    earlier = sample.assign(year=sample["year"] - 1, report_id="earlier_" + sample["report_id"])
    both = pd.concat([sample, earlier], ignore_index=True)
    data = prepare_explorer(both)
    chosen = data.regions[:2]
    s = explorer_state(data, regions=chosen, indicator="gdp", theme="livelihoods", pattern="乡村振兴")
    assert s["table"]["region"].tolist() == sorted(chosen * 2)
    assert len(s["kwic"]) == 2 * sum(t.count("乡村振兴") for t in _texts(sample, chosen))
    fig = figure_for(data, regions=chosen, theme="livelihoods")
    years = sorted(int(y) for y in both["year"].unique())
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        f"{r} · {y}" for r in sorted(chosen) for y in years
    ]


def test_app_theme_none_from_code_means_indicator_view(app):
    app.theme.value = "livelihoods"
    app.theme.value = None  # code may clear it with None as well as ""
    assert app.error is None and app.state["view"] == "indicator" and app.state["theme"] is None


def test_app_redraws_only_when_the_plot_changes(app, monkeypatch):
    drawn = []
    original = widgets.figure_for
    monkeypatch.setattr(widgets, "figure_for", lambda *a, **k: (drawn.append(k), original(*a, **k))[1])
    app.keyword.value = "乡村振兴"  # the plot does not depend on the keyword
    assert drawn == []
    app.indicator.value = "rural_income"
    app.regions.value = tuple(reversed(app.regions.options[:2]))  # same set, other order: no redraw
    assert [k["indicator"] for k in drawn] == ["rural_income"]


# --- Chinese without a system font -----------------------------------------------------------


def _embedded_subset(html: str):
    """The fontTools font embedded in an HTML fragment, and the family the fragment sets."""
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    face = re.search(r"@font-face\{font-family:'([^']+)';src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert face, "no embedded @font-face"
    return TTFont(io.BytesIO(base64.b64decode(face.group(2)))), face.group(1)


def test_every_html_output_embeds_a_subset_holding_its_characters(data, sample):
    import html as html_lib
    import re

    state = explorer_state(data, regions=["横沥镇", "濮院镇"], indicator="gdp", pattern="产业")
    for key in ("table_html", "kwic_html", "evidence_html"):
        out = state[key]
        font, family = _embedded_subset(out)
        shown = set(html_lib.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "", out)))
        hanzi = {c for c in shown if "\u4e00" <= c <= "\u9fff"}
        assert hanzi and hanzi <= {chr(u) for u in font.getBestCmap()}, key
        # a subset, not the 5 MB font: about a kilobyte per distinct character
        assert len(font.getGlyphOrder()) < len(shown) + 200, key
        assert f"font-family:'{family}'," in out and "SIL Open Font License" in str(font["name"].getDebugName(13))


def test_same_characters_reuse_the_same_subset():
    from govreports.fonts import _embed

    rows = gr.panel(gr.load_sample()).head(3)
    _embed._css.cache_clear()
    _embed._subset_woff.cache_clear()
    one = gr.show_evidence(rows).to_html()
    again = gr.show_evidence(rows.copy()).to_html()
    assert again == one
    # the subset was built once (fontTools runs about 0.5 s), the second output reused it
    assert _embed._subset_woff.cache_info().misses == 1 and _embed._css.cache_info().hits >= 1
    # other characters: another family, so two outputs on one page keep their own subsets
    other = gr.show_evidence(gr.panel(gr.load_sample()).tail(3)).to_html()
    assert _embedded_subset(other)[1] != _embedded_subset(one)[1]


def test_evidence_flags_carry_their_meaning(data):
    from govreports.schema import FIGURE_FLAGS

    rows = data.panel[data.panel["quality_flags"].map(bool)]
    html = gr.show_evidence(rows).to_html()
    for flag in {f for fl in rows["quality_flags"] for f in fl}:
        assert f'title="{FIGURE_FLAGS[flag]}">{flag}</span>' in html  # tooltip
        assert f"<li><b>{flag}</b>: {FIGURE_FLAGS[flag]}</li>" in html  # legend under the table


def test_app_controls_embed_a_subset_for_their_labels(app):
    font, _ = _embedded_subset(app.fonts.value)
    cmap = {chr(u) for u in font.getBestCmap()}
    labels = "".join(app.regions.options) + "".join(str(o[0]) for o in app.indicator.options)
    assert {c for c in labels if "\u4e00" <= c <= "\u9fff"} <= cmap
    app.keyword.value = "鲲鹏"  # characters no label has: the controls' subset follows
    assert {"鲲", "鹏"} <= {chr(u) for u in _embedded_subset(app.fonts.value)[0].getBestCmap()}
    app.keyword.value = ""
