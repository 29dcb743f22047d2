"""Interactive explorer: regions × indicator or theme × keyword, in one ipywidgets app.

The logic lives in plain functions that take an :class:`ExplorerData` (the
reports with their panel computed once, and their tokens on first need) and
the current choices, and return DataFrames, HTML strings or a matplotlib
figure: :func:`table_for`, :func:`kwic_for`, :func:`evidence_for`,
:func:`attention_for`, :func:`figure_for` and :func:`explorer_state`, which
gathers them. Tests call these without a browser. :func:`explore` only wires
them to widgets; ipywidgets is imported there, so this module imports without
it (a requirement of govreports; ``pip install ipywidgets`` where it was left out).
"""

from __future__ import annotations

import functools
import html
import io
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._deprecated import renamed_arguments
from .._format import fmt_number
from .._lazy import pandas as pd
from .._parallel import Engine
from .._pipeline import Pipeline
from .._util import require_columns
from ..datasets import load_indicators as indicators
from ..datasets import load_themes as theme_table
from ..datasets._targets import national_gdp_target
from ..errors import InvalidOptionError, OptionalDependencyError
from ..fonts._embed import embed_font, font_face_css, font_stack
from ..schema import DEFAULT_LEVEL_UNIT, DOCUMENT_COLUMNS, LEVEL_UNITS
from ..text._themes import theme_ids
from ..text._tokens import kwic
from ._evidence import show_evidence
from ._plotting import PlotDataError, plot_attention, plot_levels, plot_targets

if TYPE_CHECKING:
    import ipywidgets
    from matplotlib.figure import Figure

__all__ = [
    "ExplorerData",
    "prepare_explorer",
    "table_for",
    "kwic_for",
    "evidence_for",
    "attention_for",
    "figure_for",
    "explorer_state",
    "explore",
]

# Every HTML output embeds a subset of the bundled font for its own characters
# (fonts/_embed.py): Jupyter servers and containers often have no Chinese font.
_CSS = (
    ".gr-x{border-collapse:collapse;font-size:13px}"
    ".gr-x th,.gr-x td{border-bottom:1px solid #ddd;padding:3px 8px;vertical-align:top}"
    ".gr-x th{text-align:left;background:#f6f6f6}.gr-x td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".gr-x td.l{text-align:right;color:#555}.gr-x td.r{color:#555}.gr-x mark{background:#ffe066;padding:0 1px}"
    ".gr-note{color:#666;font-size:12px;margin:4px 0}"
)


def _styled(body: str) -> str:
    """``body`` with the explorer's styles and an embedded font subset for its characters."""
    return embed_font(body, _CSS)


def _controls_css(labels: Sequence[str]) -> str:
    """A style giving the explorer's controls (selects, inputs, labels) the bundled font's subset for ``labels``."""
    text = "".join(labels)
    return (f"<style>{font_face_css(text)}.gr-explorer select,.gr-explorer option,.gr-explorer input,"
            f".gr-explorer label,.gr-explorer .widget-label{{font-family:{font_stack(text)}}}</style>")


def _note(text: str) -> str:
    return _styled(f'<p class="gr-note">{html.escape(text)}</p>')


class ExplorerData:
    """Reports prepared once for the explorer: panel, per-indicator tables, attention.

    Build it with :func:`prepare_explorer`. The panel is computed on creation;
    comparison tables are computed once per indicator, and tokens and policy
    attention on first use (only the theme view needs them), then reused by
    every later interaction.

    Attributes
    ----------
    reports
        The reports frame (not copied, never modified).
    panel
        :func:`govreports.panel` of the reports.
    report_regions
        One row per report: ``report_id, region, year``; ``region`` is the
        report's region, or its ``report_id`` where the region is unknown.
    regions
        The region choices, sorted (code-point order).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        reports = self.reports = pipeline.reports
        self.panel = pipeline.panel
        region = reports["region"] if "region" in reports.columns else pd.Series(None, index=reports.index)
        year = reports["year"] if "year" in reports.columns else pd.Series(pd.NA, index=reports.index)
        self.report_regions = (
            pd.DataFrame(
                {
                    "report_id": reports["report_id"].astype(str).to_numpy(),
                    "region": region.where(region.notna(), reports["report_id"]).astype(str).to_numpy(),
                    "year": year.astype("Int64").to_numpy(),
                }
            )
            .sort_values(["region", "year", "report_id"], kind="stable")
            .reset_index(drop=True)
        )
        self.regions: list[str] = sorted(self.report_regions["region"].unique().tolist())

    def __repr__(self) -> str:
        return (f"<ExplorerData: {len(self.reports)} report(s), {len(self.regions)} region(s), "
                f"{len(self.panel)} panel row(s)>")

    def report_ids(self, regions: Sequence[str] | str | None) -> list[str]:
        """The report ids of ``regions`` (all when ``None``), in region order."""
        chosen = _check_regions(self, regions)
        rr = self.report_regions
        return rr.loc[rr["region"].isin(chosen), "report_id"].tolist()

    def compare(self, indicator: str) -> pd.DataFrame:
        """:func:`govreports.compare` of the panel for one indicator (computed once)."""
        return self.pipeline.compare([indicator])

    @property
    def locations(self) -> pd.DataFrame:
        """The reports placed in the hierarchy (:func:`govreports.locate`, computed once unless the
        reports have ``division_code``): each region is compared with its own superior."""
        return self.pipeline.located

    @property
    def tokens(self) -> pd.DataFrame:
        """:func:`govreports.tokenize` of the reports (computed on first use)."""
        return self.pipeline.tokens

    @functools.cached_property
    def attention(self) -> pd.DataFrame:
        """:func:`govreports.attention` by report, with ``region`` and ``year`` added."""
        att = self.pipeline.attention("report_id")  # with the reports' region, level and year
        att = att.drop(columns=[c for c in ("region", "year") if c in att.columns]).merge(
            self.report_regions, on="report_id", how="left", validate="many_to_one"
        )  # the explorer's region: the report id where the region is unknown
        first = ["report_id", "region", "year"]
        return att[first + [c for c in att.columns if c not in first]]


def prepare_explorer(
    reports: pd.DataFrame, *, jobs: int = 1, engine: Engine = "processes", progress_bar: bool | None = None
) -> ExplorerData:
    """Prepare reports for the explorer: compute the panel once, for every interaction.

    Parameters
    ----------
    reports
        The reports frame (``report_id``, ``region``, ``year``, ``text`` …).
    jobs, engine
        Workers for the figures and, on first use of the theme view, the
        tokens (see :func:`govreports.extract_metrics`).
    progress_bar
        Passed to :func:`govreports.extract_metrics` and, on first use of the
        theme view, to :func:`govreports.tokenize`.

    Returns
    -------
    ExplorerData
        The reports, their panel, the region choices; comparison tables,
        tokens and attention are added on first use and kept.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import prepare_explorer
    >>> data = prepare_explorer(gr.load_sample())
    >>> data.regions
    ['六镇镇', '平湖镇', '横沥镇', '泥溪镇', '濮院镇']
    """
    require_columns(reports, ["report_id", "text"], "reports")
    return ExplorerData(Pipeline(reports, jobs=jobs, engine=engine, progress_bar=progress_bar))


def _as_data(data: ExplorerData | pd.DataFrame) -> ExplorerData:
    if isinstance(data, ExplorerData):
        return data
    if isinstance(data, pd.DataFrame):
        return prepare_explorer(data)
    raise TypeError(f"data must be an ExplorerData or a reports DataFrame, got {type(data).__name__}")


def _check_regions(data: ExplorerData, regions: Sequence[str] | str | None) -> list[str]:
    """The chosen regions, validated, in sorted order (the order of every output)."""
    if regions is None:
        return list(data.regions)
    chosen = [regions] if isinstance(regions, str) else list(regions)
    known = set(data.regions)
    for r in chosen:
        if r not in known:
            raise InvalidOptionError("regions", r, data.regions)
    return sorted(set(chosen))


@functools.lru_cache(maxsize=1)
def _indicator_names() -> dict[str, str]:

    tax = indicators()
    return dict(zip(tax["indicator"], tax["name_zh"]))


def _check_indicator(indicator: str) -> str:
    names = _indicator_names()
    if indicator not in names:
        raise InvalidOptionError("indicator", indicator, list(names))
    return indicator


def _check_theme(theme: str | None) -> str | None:

    if theme is not None and theme not in theme_ids():
        raise InvalidOptionError("theme", theme, [None] + theme_ids())
    return theme


def _level_unit(indicator: str) -> str:

    return LEVEL_UNITS.get(indicator, DEFAULT_LEVEL_UNIT)


def table_for(data: ExplorerData | pd.DataFrame, *, regions: Sequence[str] | str | None = None,
              indicator: str = "gdp") -> pd.DataFrame:
    """The comparison table for the chosen regions and one indicator.

    Parameters
    ----------
    data
        An :class:`ExplorerData` (see :func:`prepare_explorer`) or a reports
        frame (then prepared here, which is slower).
    regions
        Region names (see ``data.regions``); ``None`` for all.
    indicator
        An indicator id (see :func:`govreports.indicators`).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`govreports.compare` for the reports of ``regions``
        (one row per report, sorted by level, region and year): ``report_id,
        region, level, year``, then ``<indicator>_level``, ``_growth``,
        ``_target``, ``_target_high``, ``_target_qualifier``, and for
        ``gdp`` the derived gaps, the national target and the comparison
        with each region's own superior (``superior``, ``superior_target``,
        ``superior_source`` … as :func:`govreports.compare` documents).

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._widgets import prepare_explorer, table_for
    >>> t = table_for(prepare_explorer(gr.load_sample()), regions=["濮院镇", "横沥镇"], indicator="gdp")
    >>> t[["region", "gdp_level", "gdp_target"]]
      region  gdp_level  gdp_target
    0    横沥镇     207.45         6.0
    1    濮院镇     166.00         7.0
    """
    data = _as_data(data)
    ids = data.report_ids(regions)
    _check_indicator(indicator)
    full = data.compare(indicator)
    keys = [c for c in DOCUMENT_COLUMNS if c in full.columns]
    cols = keys + [c for c in full.columns if c not in keys]
    return full.loc[full["report_id"].isin(ids), cols].reset_index(drop=True)


@renamed_arguments({"keyword": "pattern"})
def kwic_for(data: ExplorerData | pd.DataFrame, *, regions: Sequence[str] | str | None = None,
             pattern: str = "", window: int = 20) -> pd.DataFrame:
    """Keyword-in-context lines of a literal keyword in the chosen regions' reports.

    Parameters
    ----------
    data
        An :class:`ExplorerData` or a reports frame.
    regions
        Region names; ``None`` for all.
    pattern
        A literal string (not a regular expression); surrounding blanks are
        ignored. Empty: no lines.
    window
        Characters of context on each side.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`govreports.kwic` (``report_id``, the reports'
        document variables, ``section_kind, left, match, right, start,
        end``), one row per
        occurrence, sorted by region, report and position.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._widgets import kwic_for
    >>> reports = gr.load_sample()
    >>> k = kwic_for(reports, regions=["平湖镇"], pattern="乡村振兴")
    >>> len(k) == reports.loc[reports["region"] == "平湖镇", "text"].item().count("乡村振兴")
    True
    """

    data = _as_data(data)
    ids = data.report_ids(regions)
    pattern = pattern.strip()
    if not pattern or not ids:  # no lines, with the columns kwic gives these reports
        return kwic(data.reports.iloc[:0], "。", window=window)
    subset = data.reports[data.reports["report_id"].astype(str).isin(ids)]
    lines = kwic(subset, pattern, window=window)
    order = {rid: i for i, rid in enumerate(ids)}
    return (
        lines.assign(_order=lines["report_id"].astype(str).map(order))
        .sort_values(["_order", "start"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def evidence_for(data: ExplorerData | pd.DataFrame, *, regions: Sequence[str] | str | None = None,
                 indicator: str = "gdp") -> pd.DataFrame:
    """The panel rows of one indicator in the chosen regions, with their sentences.

    Parameters
    ----------
    data
        An :class:`ExplorerData` or a reports frame.
    regions
        Region names; ``None`` for all.
    indicator
        An indicator id.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`govreports.panel` (all its columns, including
        ``sentence``, ``start``, ``end``) with ``indicator == indicator``,
        sorted by region, year, report, kind, measure (in their
        categorical order: actual before target, level before growth) and
        position; pass them
        to :func:`govreports.show_evidence`.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._widgets import evidence_for
    >>> ev = evidence_for(gr.load_sample(), regions=["横沥镇"], indicator="gdp")
    >>> ev[["region", "kind", "measure", "value", "unit"]]
      region    kind measure   value unit
    0    横沥镇  actual   level  207.45   亿元
    1    横沥镇  actual  growth    2.00    %
    2    横沥镇  target  growth    6.00    %
    """
    data = _as_data(data)
    ids = data.report_ids(regions)
    _check_indicator(indicator)
    p = data.panel
    rows = p[(p["indicator"] == indicator) & p["report_id"].astype(str).isin(ids)]
    order = {rid: i for i, rid in enumerate(ids)}
    return (
        rows.assign(_order=rows["report_id"].astype(str).map(order))
        .sort_values(["_order", "kind", "measure", "start"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def attention_for(data: ExplorerData | pd.DataFrame, *, regions: Sequence[str] | str | None = None,
                  theme: str | None = None) -> pd.DataFrame:
    """Policy attention of the chosen regions' reports, for one theme or all.

    Tokens and attention are computed once per :class:`ExplorerData`, on
    first call.

    Parameters
    ----------
    data
        An :class:`ExplorerData` or a reports frame.
    regions
        Region names; ``None`` for all.
    theme
        A theme id (see :func:`govreports.theme_ids`); ``None`` for all themes.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`govreports.attention` by report: ``report_id, region,
        year, theme, theme_zh, tokens, total_tokens, share_tokens, sentences,
        total_sentences, share_sentences``; one row per report and theme,
        sorted by region, year, report, then theme order.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._widgets import attention_for
    >>> a = attention_for(gr.load_sample(), regions=["泥溪镇", "六镇镇"], theme="agriculture_rural")
    >>> a[["region", "theme_zh"]]
      region theme_zh
    0    六镇镇     农业农村
    1    泥溪镇     农业农村
    """
    data = _as_data(data)
    ids = data.report_ids(regions)
    _check_theme(theme)
    att = data.attention
    rows = att[att["report_id"].isin(ids)]
    if theme is not None:
        rows = rows[rows["theme"].astype(str) == theme]
    order = {rid: i for i, rid in enumerate(ids)}
    return (
        rows.assign(_order=rows["report_id"].map(order))
        .sort_values(["_order", "theme"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _message_axes(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="0.35", wrap=True)
    ax.set_axis_off()


def _national_gdp(years: pd.Series) -> float | tuple[float, float] | None:
    """The State Council's GDP target when all chosen reports share one year."""

    found = years.dropna().unique()
    if len(found) != 1:
        return None
    target = national_gdp_target(found[0])
    if target is None:
        return None
    lo, hi, _ = target
    return lo if pd.isna(hi) else (lo, hi)


def figure_for(data: ExplorerData | pd.DataFrame, *, regions: Sequence[str] | str | None = None,
               indicator: str = "gdp", theme: str | None = None) -> Figure:
    """The explorer's plot: targets and levels of an indicator, or the attention heatmap.

    Parameters
    ----------
    data
        An :class:`ExplorerData` or a reports frame.
    regions
        Region names; ``None`` for all.
    indicator
        An indicator id, drawn when ``theme`` is ``None``: growth targets
        against last year's growth (:func:`govreports.plot_targets`, with the
        national GDP target for ``gdp`` when all reports share a year) where
        there are growth figures, levels (:func:`govreports.plot_levels`)
        where there are levels, side by side when both.
    theme
        A theme id: draw instead :func:`govreports.plot_attention` for the
        chosen regions, every theme as a column, this one outlined.

    Returns
    -------
    matplotlib.figure.Figure
        A pyplot figure (close it when done). Its axes are those of the
        ``plot_*`` functions; where there is nothing to draw, one axes with a
        message and no frame.

    Examples
    --------
    >>> import govreports as gr
    >>> import matplotlib.pyplot as plt
    >>> from govreports.present._widgets import figure_for
    >>> fig = figure_for(gr.load_sample(), regions=["横沥镇", "濮院镇"], indicator="gdp")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['Growth (%)', 'Actual level (亿元)']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt


    data = _as_data(data)
    ids = data.report_ids(regions)
    _check_indicator(indicator)
    _check_theme(theme)
    n = len(ids)
    height = max(2.6, 1.4 + 0.45 * n)
    if not ids:
        fig, ax = plt.subplots(figsize=(6.4, 2.0), layout="constrained")
        _message_axes(ax, "Choose at least one region")
        return fig

    if theme is not None:

        att = attention_for(data, regions=regions)
        reports = att.drop_duplicates("report_id")
        by: str | list[str] = "region"
        if reports["region"].duplicated().any():  # a region with several reports: one row per report
            by = ["region", "year"] if not reports.duplicated(["region", "year"]).any() else "report_id"
        fig, ax = plt.subplots(figsize=(0.8 * len(theme_ids()) + 2.8, height + 1.0), layout="constrained")
        plot_attention(att, by=by, value="share_tokens", ax=ax)
        from matplotlib.patches import Rectangle

        names = dict(zip(att["theme"].astype(str), att["theme_zh"].astype(str)))
        labels = [t.get_text() for t in ax.get_xticklabels()]
        if names.get(theme) in labels:
            j = labels.index(names[theme])
            ax.add_patch(Rectangle((j - 0.5, -0.5), 1, len(reports), fill=False, edgecolor="#d9480f",
                                   linewidth=2.5, gid="chosen_theme"))
            ax.get_xticklabels()[j].set_color("#d9480f")  # the bundled face has no bold
        return fig

    rows = data.panel[(data.panel["indicator"] == indicator) & data.panel["report_id"].astype(str).isin(ids)]
    draws = []
    if (rows["measure"] == "growth").any():
        draws.append("targets")
    if ((rows["kind"] == "actual") & (rows["measure"] == "level")).any():
        draws.append("levels")
    if not draws:
        fig, ax = plt.subplots(figsize=(6.4, 2.0), layout="constrained")
        _message_axes(ax, f"No {_indicator_names()[indicator]} ({indicator}) figure in the chosen regions' reports")
        return fig
    fig, axes = plt.subplots(1, len(draws), figsize=(6.4 * len(draws), height), layout="constrained", squeeze=False)
    for ax, what in zip(axes[0], draws):
        try:
            if what == "targets":
                national = _national_gdp(rows["year"]) if indicator == "gdp" and "year" in rows else None
                plot_targets(rows, indicator=indicator, national_target=national, ax=ax)
            else:
                with warnings.catch_warnings():
                    # regions left out for another unit family are named in the axes footnote
                    warnings.simplefilter("ignore", UserWarning)
                    # the unit that reads best at the regions' level (万元 for small townships, 亿元 above)
                    plot_levels(rows, indicator=indicator, unit="auto", ax=ax)
        except PlotDataError as exc:
            ax.clear()
            _message_axes(ax, str(exc))
    return fig


# --- HTML -----------------------------------------------------------------------------------

def _table_html(table: pd.DataFrame, indicator: str) -> str:
    if table.empty:
        return _note("No report of the chosen regions.")
    unit = _level_unit(indicator)
    heads = {
        "report_id": "report", "region": "region", "level": "level", "year": "year",
        "division_code": "division code",
        f"{indicator}_level": f"level ({unit})", f"{indicator}_growth": "growth (%)",
        f"{indicator}_target": "target (%)", f"{indicator}_target_high": "target high (%)",
        f"{indicator}_target_qualifier": "qualifier",
        "gdp_target_minus_prev_growth": "target − growth (pts)", "national_gdp_target": "national target (%)",
        "national_gdp_target_qualifier": "national qualifier",
        "gdp_target_minus_national": "target − national (pts)",
        "immediate_superior": "immediate superior", "superior": "compared with", "superior_level": "its level",
        "superior_target": "its target (%)", "superior_actual": "its growth (%)", "superior_source": "source",
        "gdp_target_minus_superior": "target − superior (pts)",
        "gdp_growth_minus_superior": "growth − superior (pts)",
        "superior_chain": "superiors up to the State Council",
    }
    hidden = {"report_id", "immediate_superior_level", "superior_report_id", "superior_target_high",
              "superior_target_qualifier"}  # in the DataFrame (table_for), too much for the screen
    cols = [c for c in table.columns if c not in hidden]
    caption = f"{html.escape(_indicator_names()[indicator])} · {html.escape(indicator)}"
    out = [f'<table class="gr-x gr-table"><caption style="text-align:left">{caption}</caption><thead><tr>']
    out += [f"<th>{html.escape(heads.get(c, c))}</th>" for c in cols]
    out.append("</tr></thead><tbody>")
    for rec in table[cols].itertuples(index=False):
        out.append("<tr>")
        for c, v in zip(cols, rec):
            numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
            text = str(int(v)) if c == "year" and numeric and v == v else fmt_number(v)  # 2023, not 2,023
            wide = ' style="min-width:24em"' if c == "superior_chain" else ""  # the chain reads on one or two lines
            out.append(f'<td{" class=n" if numeric else ""}{wide}>{html.escape(text)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return _styled("".join(out))


def _kwic_html(lines: pd.DataFrame, keyword: str, limit: int | None) -> str:
    if not keyword.strip():
        return _note("Type a keyword to see it in context.")
    if lines.empty:
        return _note(f"“{keyword.strip()}” does not occur in the chosen regions' reports.")
    shown = lines if limit is None else lines.head(limit)
    out = []
    if len(shown) < len(lines):
        out.append(f'<p class="gr-note">First {len(shown)} of {len(lines)} lines.</p>')
    out.append('<table class="gr-x gr-kwic"><thead><tr><th>region</th><th>section</th><th></th>'
               "<th>keyword in context</th><th></th></tr></thead><tbody>")
    for r in shown.itertuples(index=False):
        out.append(
            f"<tr><td>{html.escape(str(r.region))}</td><td>{html.escape(str(r.section_kind))}</td>"
            f'<td class="l">{html.escape(r.left)}</td><td><mark title="{int(r.start)}:{int(r.end)}">'
            f'{html.escape(r.match)}</mark></td><td class="r">{html.escape(r.right)}</td></tr>'
        )
    out.append("</tbody></table>")
    return _styled("".join(out))


def _evidence_html(rows: pd.DataFrame, indicator: str, limit: int | None) -> str:

    if rows.empty:
        return _note(f"No {_indicator_names()[indicator]} ({indicator}) figure in the chosen regions' reports.")
    shorter = limit is not None and len(rows) > limit
    head = f'<p class="gr-note">First {limit} of {len(rows)} figures.</p>' if shorter else ""
    return (_styled(head) if head else "") + show_evidence(rows, limit=limit).to_html()


def _summary(regions: list[str], n_reports: int, indicator: str, theme: str | None, keyword: str,
             n_kwic: int, n_evidence: int) -> str:

    parts = [f"{len(regions)} region(s), {n_reports} report(s)",
             f"indicator {_indicator_names()[indicator]} ({indicator}): {n_evidence} figure(s)"]
    if theme is not None:
        zh = theme_table().drop_duplicates("theme").set_index("theme")["theme_zh"].astype(str).to_dict()
        parts.append(f"theme {zh.get(theme, theme)} ({theme})")
    if keyword.strip():
        parts.append(f"“{keyword.strip()}”: {n_kwic} match(es)")
    return " · ".join(parts)


@renamed_arguments({"keyword": "pattern"})
def explorer_state(
    data: ExplorerData | pd.DataFrame,
    *,
    regions: Sequence[str] | str | None = None,
    indicator: str = "gdp",
    theme: str | None = None,
    pattern: str = "",
    window: int = 20,
    limit: int | None = 200,
) -> dict[str, Any]:
    """Everything the explorer shows for one set of choices, without widgets.

    Parameters
    ----------
    data
        An :class:`ExplorerData` (see :func:`prepare_explorer`) or a reports
        frame (prepared here, which is slower).
    regions
        Region names (see ``data.regions``); ``None`` for all.
    indicator
        The indicator of the table, the plot and the evidence.
    theme
        A theme id for the theme view (attention heatmap), or ``None`` for
        the indicator view.
    pattern
        A literal keyword for the keyword-in-context lines; empty for none.
    window
        Characters of context on each side of the keyword.
    limit
        Show at most this many keyword lines and evidence rows in the HTML
        (``None``: all); the DataFrames are never cut.

    Returns
    -------
    dict
        ``regions`` (sorted list), ``report_ids``, ``indicator``, ``theme``,
        ``pattern`` (stripped), ``view`` (``"indicator"`` or ``"theme"``);
        DataFrames ``table`` (:func:`table_for`), ``kwic``
        (:func:`kwic_for`), ``evidence`` (:func:`evidence_for`) and
        ``attention`` (:func:`attention_for` of the theme; empty in the
        indicator view); HTML strings ``table_html``, ``kwic_html``,
        ``evidence_html`` (each embeds a base64 subset of the bundled CJK
        font holding just its characters, so Chinese renders without a
        system font); and ``summary``, one line of counts.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import explorer_state, prepare_explorer
    >>> data = prepare_explorer(gr.load_sample())
    >>> s = explorer_state(data, regions=["濮院镇", "横沥镇"], indicator="gdp", pattern="乡村振兴")
    >>> s["table"]["region"].tolist()
    ['横沥镇', '濮院镇']
    >>> s["summary"]
    '2 region(s), 2 report(s) · indicator 地区生产总值 (gdp): 6 figure(s) · “乡村振兴”: 8 match(es)'
    """
    data = _as_data(data)
    chosen = _check_regions(data, regions)
    ids = data.report_ids(chosen)
    _check_indicator(indicator)
    _check_theme(theme)
    pattern = pattern.strip()
    table = table_for(data, regions=chosen, indicator=indicator)
    lines = kwic_for(data, regions=chosen, pattern=pattern, window=window)
    evidence = evidence_for(data, regions=chosen, indicator=indicator)
    att = attention_for(data, regions=chosen, theme=theme) if theme is not None else pd.DataFrame(
        columns=["report_id", "region", "year", "theme", "theme_zh", "tokens", "total_tokens", "share_tokens",
                 "sentences", "total_sentences", "share_sentences"])
    return {
        "regions": chosen,
        "report_ids": ids,
        "indicator": indicator,
        "theme": theme,
        "pattern": pattern,
        "view": "theme" if theme is not None else "indicator",
        "table": table,
        "kwic": lines,
        "evidence": evidence,
        "attention": att,
        "table_html": _table_html(table, indicator),
        "kwic_html": _kwic_html(lines, pattern, limit),
        "evidence_html": _evidence_html(evidence, indicator, limit),
        "summary": _summary(chosen, len(ids), indicator, theme, pattern, len(lines), len(evidence)),
    }


# --- widgets --------------------------------------------------------------------------------

def _require_ipywidgets():
    try:
        import ipywidgets
    except ImportError:
        raise OptionalDependencyError("ipywidgets", "", "govreports.explore") from None
    return ipywidgets


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    try:
        # no Software/date metadata: the same choices give the same bytes
        fig.savefig(buf, format="png", dpi=96, metadata={"Software": None})
    finally:
        plt.close(fig)
    return buf.getvalue()


def _explorer_controls(w: Any, data: ExplorerData, *, regions: list[str], indicator: str, theme: str | None,
                       keyword: str) -> dict[str, Any]:
    """The explorer's controls and outputs, each with a stable CSS class (for the browser test and users' CSS)."""
    counts = data.panel["indicator"].value_counts()
    names = _indicator_names()
    zh = theme_table().drop_duplicates("theme").set_index("theme")["theme_zh"].astype(str).to_dict()
    parts = {
        "regions": w.SelectMultiple(options=data.regions, value=tuple(regions), description="Regions",
                                    rows=min(10, max(4, len(data.regions))), layout=w.Layout(width="320px")),
        "indicator": w.Dropdown(options=[(f"{names[i]} · {i} ({int(counts.get(i, 0))})", i) for i in names],
                                value=indicator, description="Indicator", layout=w.Layout(width="420px")),
        # "" rather than None for "no theme": a Dropdown shows a None value as an empty box
        "theme": w.Dropdown(options=[("— none (indicator view)", "")]
                            + [(f"{zh.get(t, t)} · {t}", t) for t in theme_ids()],
                            value=theme or "", description="Theme", layout=w.Layout(width="420px")),
        "keyword": w.Text(value=keyword, description="Keyword", placeholder="e.g. 乡村振兴", continuous_update=False,
                          layout=w.Layout(width="420px")),
        "status": w.HTML(), "table": w.HTML(),
        "plot": w.Image(format="png", layout=w.Layout(max_width="100%", height="auto")),
        "kwic": w.HTML(), "evidence": w.HTML(),
    }
    for name, widget in parts.items():
        widget.add_class(f"gr-{name}")
    return parts


def _explorer_children(w: Any, app: Any) -> list:
    """The explorer's layout: controls, status, then the outputs under their headings."""

    def heading(text: str):
        return w.HTML(f"<h4 style='margin:10px 0 2px'>{html.escape(text)}</h4>")

    controls = w.HBox([app.regions, w.VBox([app.indicator, app.theme, app.keyword])])
    return [controls, app.status, heading("Comparison table"), app.table, heading("Plot"), app.plot,
            heading("Keyword in context"), app.kwic, heading("Evidence: the figures in their sentences"), app.evidence,
            app.fonts]


def _explorer_refresh(app: Any) -> None:
    """Recompute the explorer's outputs from its controls' current values (an error is shown, not raised)."""
    app.status.value = _note("Updating…")
    try:
        choice = dict(regions=list(app.regions.value), indicator=app.indicator.value, theme=app.theme.value or None)
        state = explorer_state(app.data, pattern=app.keyword.value, window=app.window, limit=app.limit, **choice)
        key = (tuple(state["regions"]), choice["indicator"], choice["theme"])
        if key != app._figure_key:  # drawing is the slow part: not again for a new keyword
            app.plot.value = _png(figure_for(app.data, **choice))
            app._figure_key = key
    except Exception as exc:  # noqa: BLE001 - shown in the app instead of lost in a log
        app.error = exc
        app.status.value = _styled(f'<p class="gr-note gr-error" style="color:#b00">'
                                   f"{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</p>")
        return
    app.error = None
    app.state = state
    fonts = _controls_css([*app._labels, app.keyword.value])
    if fonts != app.fonts.value:  # a keyword with new characters
        app.fonts.value = fonts
    app.table.value = state["table_html"]
    app.kwic.value = state["kwic_html"]
    app.evidence.value = state["evidence_html"]
    app.status.value = _note(state["summary"])


@functools.lru_cache(maxsize=1)
def _explorer_class():
    """The Explorer widget class, built on first use so ipywidgets stays optional."""
    w = _require_ipywidgets()

    class Explorer(w.VBox):
        """The explorer app: a VBox whose named attributes are its controls and outputs.

        ``fonts`` (HTML) holds the style that embeds the bundled font's subset
        for the controls' labels. Controls: ``regions`` (SelectMultiple), ``indicator`` (Dropdown),
        ``theme`` (Dropdown, ``""`` = indicator view), ``keyword`` (Text,
        applied on Enter or leaving the box). Outputs: ``status`` (HTML),
        ``table``, ``kwic``, ``evidence`` (HTML) and ``plot`` (Image, PNG).
        ``state`` is the :func:`explorer_state` dict on display, ``data`` the
        :class:`ExplorerData`, ``error`` the last exception of an update
        (``None`` when it went well). Choosing an indicator leaves the theme
        view.
        """

        def __init__(self, data: ExplorerData, *, regions: list[str], indicator: str, theme: str | None,
                     keyword: str, window: int, limit: int | None) -> None:
            self.data, self.window, self.limit = data, window, limit
            self.state: dict[str, Any] = {}
            self.error: BaseException | None = None
            self._hold = False
            self._figure_key: tuple | None = None
            for name, widget in _explorer_controls(w, data, regions=regions, indicator=indicator, theme=theme,
                                                   keyword=keyword).items():
                setattr(self, name, widget)
            self._labels = [*data.regions, *(str(o[0]) for o in self.indicator.options),
                            *(str(o[0]) for o in self.theme.options), "Updating…"]
            self.fonts = w.HTML(_controls_css([*self._labels, keyword]))
            super().__init__(children=_explorer_children(w, self))
            self.add_class("gr-explorer")
            for control in (self.regions, self.indicator, self.theme, self.keyword):
                control.observe(self._on_change, names="value")
            self.refresh()

        def _on_change(self, change: dict) -> None:
            if self._hold:
                return
            if change["owner"] is self.indicator and self.theme.value:
                self._hold = True  # one refresh, not two
                try:
                    self.theme.value = ""
                finally:
                    self._hold = False
            self.refresh()

        def refresh(self) -> None:
            """Recompute the outputs from the controls' current values."""
            _explorer_refresh(self)

    Explorer.__module__ = __name__
    return Explorer


@renamed_arguments({"keyword": "pattern"})
def explore(
    reports: pd.DataFrame | ExplorerData,
    *,
    regions: Sequence[str] | str | None = None,
    indicator: str = "gdp",
    theme: str | None = None,
    pattern: str = "",
    window: int = 20,
    limit: int | None = 200,
    progress_bar: bool | None = None,
) -> ipywidgets.VBox:
    """Explore reports interactively: regions, an indicator or a theme, a keyword.

    The app shows, for the chosen regions, the comparison table of the
    indicator (:func:`govreports.compare`), its plot (growth targets and
    levels), or with a theme chosen the attention heatmap; the keyword in
    context (:func:`govreports.kwic`); and the evidence sentences of the
    indicator's figures (:func:`govreports.show_evidence`). The panel is
    computed once here, tokens once on first use of a theme; every change of
    a control only filters them. The outputs are those of
    :func:`explorer_state` and :func:`figure_for`, which can be called
    without widgets.

    Parameters
    ----------
    reports
        The reports frame, or an :class:`ExplorerData` already prepared
        (:func:`prepare_explorer`) to share between apps.
    regions
        Regions selected at start; ``None`` for all.
    indicator
        Indicator id selected at start.
    theme
        Theme id selected at start (theme view), or ``None``.
    pattern
        Keyword at start; empty for none.
    window
        Characters of context on each side of the keyword.
    limit
        At most this many keyword lines and evidence rows shown.
    progress_bar
        Passed to :func:`govreports.panel` and :func:`govreports.tokenize`.

    Returns
    -------
    ipywidgets.VBox
        The app (an ``Explorer``, subclass of VBox). Display it in a notebook
        or serve it with Voilà. Its attributes ``regions``, ``indicator``,
        ``theme``, ``keyword`` are the controls (set ``.value`` to drive it
        from code), ``table``, ``plot``, ``kwic``, ``evidence``, ``status``
        the outputs and ``state`` the current :func:`explorer_state`. Every
        HTML output, and the controls' labels, embed a subset of the bundled
        CJK font, so Chinese renders on a server with no Chinese font.

    Raises
    ------
    OptionalDependencyError
        If ipywidgets is not installed (a requirement of govreports: ``pip install ipywidgets``).
    InvalidOptionError
        If a region, indicator or theme is unknown.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import explore
    >>> app = explore(gr.load_sample(), regions=["横沥镇"], pattern="乡村振兴")
    >>> app.regions.value = ("横沥镇", "濮院镇")
    >>> app.state["table"]["region"].tolist()
    ['横沥镇', '濮院镇']
    """
    widgets_cls = _explorer_class()  # first: a missing ipywidgets fails before any slow work
    data = reports if isinstance(reports, ExplorerData) else prepare_explorer(reports, progress_bar=progress_bar)
    chosen = _check_regions(data, regions)
    _check_indicator(indicator)
    _check_theme(theme)
    return widgets_cls(data, regions=chosen, indicator=indicator, theme=theme, keyword=pattern,
                       window=window, limit=limit)
