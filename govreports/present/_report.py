"""A self-contained HTML report: the cross-region comparison with its evidence.

:func:`write_report` runs the pipeline on a reports frame — locate, extract
figures, the panel, :func:`govreports.compare`, attention by theme and
distinctive terms — and writes one folder::

    DIR/index.html        the report (tables, figures, data-quality flags, evidence)
    DIR/metrics.csv       every figure (extract_metrics), quality_flags joined with ";"
    DIR/panel.csv         the headline figures (panel), quality_flags joined with ";"
    DIR/figures/*.png     the plots
    DIR/fonts/OFL.txt     the licence of the embedded font

The page references only files inside ``DIR`` (no CDN, no JavaScript), so the
folder can be zipped, mailed or archived. Chinese renders with a subset of the
bundled font holding just the page's characters, embedded in the page as a
base64 ``@font-face``, also on a machine without a CJK font. Every
figure in the tables links to the sentence it was read from, with the figure
highlighted (the rows of :func:`govreports.show_evidence`).

Output is deterministic: the same input gives byte-identical files; the page
states the govreports version, not the time.

The files are written into a hidden ``DIR/.report.partial-XXXXXXXX`` folder
and moved into place together once all are written (``index.html`` last): an
error or an interruption leaves the report that was there before. A file of
the same name in ``DIR`` is replaced, a symbolic link included (its target is
never written); ``figures`` or ``fonts`` as a link or a file is refused.
"""

from __future__ import annotations

import html
import math
import os
import shutil
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import _regex
from .._format import QUALIFIER_ZH, fmt_growth, fmt_signed, fmt_value, row_labels
from .._lazy import pandas as pd
from .._parallel import Engine
from .._pipeline import Pipeline
from .._util import check_subfolder, require_columns, spreadsheet_safe, staged_files
from .._version import __version__
from ..datasets import load_indicators as indicator_table
from ..datasets._targets import national_gdp_target
from ..errors import GovReportsError, OutputPathError
from ..extract._compare import DEFAULT_INDICATORS, SUPERIOR_SOURCES
from ..fonts._embed import font_face_css, font_path, font_stack
from ..io._export import provenance as make_provenance
from ..io._export import provenance_text
from ..io._locate import locate
from ..schema import FIGURE_FLAGS, REPORT_FLAGS, from_old_names
from ..text._tokens import distinctive_terms
from ._evidence import flag_spans, show_evidence
from ._plotting import (
    PlotDataError,
    levels_table,
    plot_attention,
    plot_distinctive,
    plot_levels_by_level,
    plot_targets,
    set_theme,
)

__all__ = ["write_report", "ReportDataError", "check_report_folder"]

# Figures listed under "Data quality" at most; all are in metrics.csv.
_MAX_FLAGGED_ROWS = 1000
# Above these, a plot is unreadable; the tables and CSV files still hold everything.
_MAX_DISTINCTIVE_GROUPS = 24
_MAX_ATTENTION_ROWS = 60
_DPI = 110
_MEASURE_HEADERS = {
    "level": "level, last year",
    "growth": "growth, last year",
    "target": "target, this year",
}
_WHITESPACE = _regex.compile(r"\s+")


class ReportDataError(GovReportsError, ValueError):
    """The reports frame cannot make a report (no rows); the message says why."""


# --------------------------------------------------------------------------- small helpers


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _isna(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers
        return False


def _flags_of(value: object) -> list[str]:
    if isinstance(value, (list, tuple, set)):
        return [str(f) for f in value]
    if isinstance(value, str) and value:
        return value.split(";")
    return []


def _flag_meanings(flags: Sequence[str]) -> str:
    """Tooltip text: each figure flag with its meaning (govreports.metrics.FIGURE_FLAGS)."""

    return "; ".join(f"{f}: {FIGURE_FLAGS.get(f, 'no description')}" for f in flags)


def _flag_html(flags: Sequence[str]) -> str:
    """Figure flags as red spans, each with its meaning as tooltip."""

    return f'<span class="flag">{flag_spans(list(flags))}</span>' if flags else ""


def _flag_legend(flag_lists: Iterable[object]) -> str:
    """A legend (definition list) of the figure flags among ``flag_lists``; empty when none."""

    seen = sorted({f for flags in flag_lists for f in _flags_of(flags)})
    if not seen:
        return ""
    items = "".join(f"<dt>{_esc(f)}</dt><dd>{_esc(FIGURE_FLAGS.get(f, 'no description'))}</dd>" for f in seen)
    return f'<dl class="legend flag-legend">{items}</dl>'


def _anchor(report_id: object, start: object) -> str:
    """The evidence anchor of a figure: ``ev-<report_id>-<start>`` (whitespace, invalid in ids, as ``_``)."""
    return f"ev-{_WHITESPACE.sub('_', str(report_id))}-{int(start)}"


def _unique_ids(reports: pd.DataFrame) -> pd.DataFrame:
    """Give repeated report_ids ``_2``, ``_3`` … as read_reports does, so anchors stay unique."""
    ids = reports["report_id"].astype(str).tolist()
    if len(set(ids)) == len(ids):
        return reports
    taken = set(ids)
    last: dict[str, int] = {}
    new: list[str] = []
    for rid in ids:
        if rid not in last:
            last[rid] = 1
            new.append(rid)
            continue
        n = last[rid] + 1
        while f"{rid}_{n}" in taken:
            n += 1
        last[rid] = n
        taken.add(f"{rid}_{n}")
        new.append(f"{rid}_{n}")
    return reports.assign(report_id=new)


def check_report_folder(out_dir: str | os.PathLike[str]) -> None:
    """Check, before any work, that :func:`write_report` may write into ``out_dir``.

    Raises
    ------
    OutputPathError
        ``out_dir`` is a file, or its ``figures`` or ``fonts`` is a file or a
        symbolic link.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputPathError(out, "is a file, not a folder; give a folder for the report")
    if out.is_dir():
        for sub in ("figures", "fonts"):
            check_subfolder(out, sub)


def _flat_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as UTF-8 CSV, list cells (flags) joined with ';', made safe to open in a
    spreadsheet (a report's CSV downloads are meant for one: :func:`govreports._util.spreadsheet_safe`)."""
    flat = frame.copy()
    for col in flat.columns:
        if flat[col].dtype == object and flat[col].map(lambda v: isinstance(v, (list, tuple))).any():
            flat[col] = flat[col].map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    spreadsheet_safe(flat).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _table(headers: Sequence[str], rows: Iterable[str], *, cls: str = "", table_id: str = "") -> str:
    """An HTML table; headers are escaped here, row HTML comes ready-made."""
    attrs = (f' id="{_esc(table_id)}"' if table_id else "") + (f' class="{_esc(cls)}"' if cls else "")
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    return f"<table{attrs}><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


# --------------------------------------------------------------------------- figures


class _Figures:
    """Draws plots into DIR/figures and remembers, for each, its file or why it was not drawn."""

    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / "figures"
        self.folder.mkdir(parents=True, exist_ok=True)

    def draw(self, name: str, func, *args, **kwargs) -> tuple[str | None, list[str]]:
        """Call a plot function, save its figure as ``figures/<name>.png``.

        Returns the relative path (None when not drawn) and notes (warnings, or the reason).
        """
        import matplotlib.pyplot as plt


        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = func(*args, **kwargs)
            except PlotDataError as exc:
                return None, [f"not drawn: {exc}"]
        fig = result if hasattr(result, "savefig") else result.figure
        path = self.folder / f"{name}.png"
        # no Software key: the file then depends on the data, not on the matplotlib build
        fig.savefig(path, dpi=_DPI, metadata={"Software": None}, facecolor="white")
        plt.close(fig)
        notes = sorted({str(w.message) for w in caught if issubclass(w.category, UserWarning)})
        return f"figures/{name}.png", notes


def _figure_html(src: str | None, alt: str, notes: Sequence[str], caption: str = "") -> str:
    note_html = "".join(f'<p class="note">{_esc(n)}</p>' for n in notes)
    if src is None:
        return f'<figure class="plot missing"><figcaption>{_esc(alt)}</figcaption>{note_html}</figure>'
    cap = f"<figcaption>{_esc(caption)}</figcaption>" if caption else ""
    return (f'<figure class="plot"><a href="{_esc(src)}"><img src="{_esc(src)}" alt="{_esc(alt)}"></a>'
            f"{cap}{note_html}</figure>")


# --------------------------------------------------------------------------- page parts

_CSS = """
:root { --ink: #212529; --muted: #6c757d; --rule: #dee2e6; --accent: #1864ab; --flag: #b00020; }
* { box-sizing: border-box; }
body { color: var(--ink); margin: 0 auto; max-width: 1320px; padding: 24px 32px 64px;
  line-height: 1.5; font-size: 15px; }
h1 { font-size: 26px; margin: 0 0 4px; font-weight: normal; }
h2 { font-size: 20px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; margin-top: 40px; font-weight: normal; }
h3 { font-size: 16px; margin: 18px 0 6px; font-weight: normal; color: var(--accent); }
p.meta, p.note, .muted { color: var(--muted); font-size: 13px; }
nav { margin: 10px 0 0; font-size: 14px; }
nav a { margin-right: 14px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 10px; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f1f3f5; font-weight: normal; color: #343a40; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(400px, 1fr)); gap: 8px 28px; }
.plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px 28px; }
figure.plot { margin: 8px 0; }
figure.plot img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figure.wide img { max-width: 100%; }
figcaption { font-size: 13px; color: var(--muted); }
.flag { color: var(--flag); font-size: 12px; white-space: nowrap; }
sup.fl { color: var(--flag); cursor: help; }
.national { font-size: 16px; margin: 8px 0 14px; }
.national strong { font-weight: normal; background: #e7f5ff; padding: 1px 6px; border-radius: 3px; }
dl.legend { font-size: 13px; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dl.legend dt { color: var(--flag); }
dl.legend dd { margin: 0; color: #495057; }
.gr-ev tr:target, .gr-ev tr:target td { background: #fff3bf; }
.gr-ev { width: 100%; }
.gr-ev td:first-child, .gr-ev td:nth-child(5) { white-space: nowrap; }
table.compare th { white-space: nowrap; }
.block.wide { grid-column: 1 / -1; }
footer { margin-top: 48px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 8px; }
table.superiors td.chain { font-size: 12px; color: #495057; }
.src-your { color: #2b8a3e; } .src-data { color: #6741d9; } .src-sc { color: #495057; }
"""


def _label_of_report(frame: pd.DataFrame) -> dict[str, str]:
    """report_id → display label: the region, with the year (then the report id) where regions repeat."""
    return dict(zip(frame["report_id"].astype(str), row_labels(frame)))


def _figure_link(row, label: str | None = None) -> str:
    """A link from a figure to its evidence row; the text is the surface form unless given."""
    text = label if label is not None else row["surface"]
    flags = _flags_of(row.get("quality_flags"))
    mark = f'<sup class="fl" title="{_esc(_flag_meanings(flags))}">*</sup>' if flags else ""
    return f'<a href="#{_esc(row["anchor"])}" title="{_esc(row["surface"])}">{_esc(text)}</a>{mark}'


def _reports_section(reports: pd.DataFrame, labels: dict[str, str], metrics: pd.DataFrame,
                     panel: pd.DataFrame) -> str:

    n_fig = metrics.groupby("report_id").size()
    n_head = panel.groupby("report_id").size()
    place_cols = [c for c in ("province", "city", "county") if c in reports.columns]
    headers = ["region", "report_id", "year", "level", *place_cols, "characters", "figures", "headline",
               "flags", "source"]
    rows = []
    for r in reports.itertuples(index=False):
        rid = str(r.report_id)
        flags = _flags_of(r.quality_flags)
        flag_html = " ".join(
            f'<span class="flag" title="{_esc(REPORT_FLAGS.get(f, ""))}">{_esc(f)}</span>' for f in flags
        ) or '<span class="muted">—</span>'
        places = "".join(f"<td>{_esc(getattr(r, c) or '')}</td>" for c in place_cols)
        year = "" if _isna(r.year) else int(r.year)
        rows.append(
            f'<tr id="report-{_esc(_WHITESPACE.sub("_", rid))}"><td>{_esc(labels[rid])}</td><td>{_esc(rid)}</td>'
            f"<td>{_esc(year)}</td><td>{_esc(r.level)}</td>{places}"
            f'<td class="num">{len(r.text):,}</td><td class="num">{int(n_fig.get(rid, 0)):,}</td>'
            f'<td class="num">{int(n_head.get(rid, 0)):,}</td><td>{flag_html}</td>'
            f'<td class="muted">{_esc(r.source)}</td></tr>'
        )
    return '<div class="scroll">' + _table(headers, rows, table_id="reports-table") + "</div>"


def _national_text(years: Sequence[int]) -> tuple[str, dict[int, float | tuple[float, float] | None]]:
    """The national GDP growth target of each report year, as HTML and as plot_targets' national_target=."""
    parts: list[str] = []
    values: dict[int, float | tuple[float, float] | None] = {}
    for year in years:
        target = national_gdp_target(year)
        if target is None:
            values[year] = None
            parts.append(f"{year}: none stated")
            continue
        low, high, q = target
        values[year] = (float(low), float(high)) if q == "range" and not _isna(high) else float(low)
        zh = f"（{QUALIFIER_ZH[q]}）" if q in QUALIFIER_ZH and q != "range" else ""
        parts.append(f'{year}: <strong data-year="{year}">{_esc(fmt_growth(low, high, q))}{_esc(zh)}</strong>')
    html_text = (
        '<p class="national" id="national-target">National GDP growth target (国务院政府工作报告), '
        "by report year: " + "; ".join(parts) + "</p>"
    )
    return html_text, values


def _comparison_section(comparison: pd.DataFrame, panel: pd.DataFrame, labels: dict[str, str],
                        indicator_ids: Sequence[str]) -> str:

    names = dict(zip(indicator_table()["indicator"], indicator_table()["name_zh"]))
    keyed = {
        (str(r["report_id"]), str(r["indicator"]), str(r["kind"]), str(r["measure"])): r
        for _, r in panel.iterrows()
    }
    blocks = []
    for ind in indicator_ids:
        cols = [f"{ind}_level", f"{ind}_growth", f"{ind}_target"]
        if not comparison[cols].notna().any().any():
            continue
        # each level in the unit that reads best at the region's level (638万元, 207.45亿元), as stated
        level_text = dict(zip(levels_table(panel, indicator=ind)["report_id"].astype(str),
                              levels_table(panel, indicator=ind)["text"]))
        headers = ["region", "level, last year", "growth", "target"]
        has_national = ind == "gdp" and "national_gdp_target" in comparison.columns
        has_superior = ind == "gdp" and "superior_target" in comparison.columns
        if ind == "gdp":
            headers.append("target − growth (pt)")
        if has_superior:
            headers += ["superior's target", "target − superior (pt)"]
        if has_national:
            headers += ["national target", "target − national (pt)"]
        rows = []
        for r in comparison.itertuples(index=False):
            rid = str(r.report_id)
            cells = []
            for measure, kind, text in (
                ("level", "actual", level_text.get(rid, "—")),
                ("growth", "actual", fmt_growth(getattr(r, f"{ind}_growth"))),
                ("growth", "target", fmt_growth(getattr(r, f"{ind}_target"), getattr(r, f"{ind}_target_high"),
                                                 getattr(r, f"{ind}_target_qualifier"))),
            ):
                source = keyed.get((rid, ind, kind, measure))
                if source is None or text == "—":
                    cells.append(f'<td class="num muted">{_esc(text)}</td>')
                else:
                    cells.append(f'<td class="num">{_figure_link(source, text)}</td>')
            if ind == "gdp":
                cells.append(f'<td class="num">{_esc(fmt_signed(r.gdp_target_minus_prev_growth))}</td>')
                if has_superior:
                    sup = fmt_growth(r.superior_target, r.superior_target_high, r.superior_target_qualifier)
                    who = f" {r.superior}" if r.superior else ""
                    cells.append(f'<td class="num" title="{_esc(r.superior_source)}">{_esc(sup)}'
                                 f'<span class="muted">{_esc(who)}</span></td>')
                    cells.append(f'<td class="num">{_esc(fmt_signed(r.gdp_target_minus_superior))}</td>')
                if has_national:
                    nat = fmt_growth(r.national_gdp_target, math.nan, r.national_gdp_target_qualifier)
                    cells.append(f'<td class="num">{_esc(nat)}</td>')
                    cells.append(f'<td class="num">{_esc(fmt_signed(r.gdp_target_minus_national))}</td>')
            rows.append(f"<tr><td>{_esc(labels[rid])}</td>{''.join(cells)}</tr>")
        wide = " wide" if has_national or has_superior else ""
        blocks.append(
            f'<div class="block{wide}" id="compare-{_esc(ind)}"><h3>{_esc(names.get(ind, ind))} '
            f'<span class="muted">{_esc(ind)}</span></h3>'
            + _table(headers, rows, cls="compare")
            + "</div>"
        )
    if not blocks:
        return '<p class="note">No headline figure.</p>'
    shown = [keyed[k]["quality_flags"] for k in keyed if k[1] in indicator_ids]
    legend = _flag_legend(shown)
    if legend:
        legend = '<p class="note">Flags of the figures marked <sup class="fl">*</sup> above:</p>' + legend
    return '<div class="grid">' + "".join(blocks) + "</div>" + legend


_SOURCE_CLASS = {"your reports": "src-your", "targets dataset": "src-data", "State Council": "src-sc"}


def _superiors_section(comparison: pd.DataFrame, labels: dict[str, str]) -> str:
    """Each region against its own superior's GDP target and actual of the same year, with the chain."""

    if "superior" not in comparison.columns:
        return ""
    headers = ["region", "level", "year", "target", "immediate superior", "compared with", "its target",
               "its growth, last year", "source", "target − superior (pt)", "growth − superior (pt)",
               "chain up to the State Council"]
    rows = []
    for r in comparison.itertuples(index=False):
        rid = str(r.report_id)
        year = "" if _isna(r.year) else int(r.year)
        imm = f"{r.immediate_superior} ({r.immediate_superior_level})" if r.immediate_superior else "—"
        sup = f"{r.superior} ({r.superior_level})" if r.superior else "—"
        src = str(r.superior_source)
        sup_target = fmt_growth(r.superior_target, r.superior_target_high, r.superior_target_qualifier)
        src_html = (f'<span class="{_SOURCE_CLASS.get(src, "")}" title="{_esc(SUPERIOR_SOURCES.get(src, ""))}">'
                    f"{_esc(src)}</span>" if src else '<span class="muted">—</span>')
        rows.append(
            f"<tr><td>{_esc(labels[rid])}</td><td>{_esc(r.level)}</td><td>{_esc(year)}</td>"
            f'<td class="num">{_esc(fmt_growth(r.gdp_target, r.gdp_target_high, r.gdp_target_qualifier))}</td>'
            f"<td>{_esc(imm)}</td><td>{_esc(sup)}</td>"
            f'<td class="num">{_esc(sup_target)}</td>'
            f'<td class="num">{_esc(fmt_growth(r.superior_actual))}</td><td>{src_html}</td>'
            f'<td class="num">{_esc(fmt_signed(r.gdp_target_minus_superior))}</td>'
            f'<td class="num">{_esc(fmt_signed(r.gdp_growth_minus_superior))}</td>'
            f'<td class="chain">{_esc(r.superior_chain)}</td></tr>'
        )
    legend = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in SUPERIOR_SOURCES.items())
    return ('<h3 id="superiors">GDP growth target against the region\'s own superior</h3>'
            '<p class="note">Each region is compared with its own superior of the same year (township → county → '
            "city → province → State Council): the immediate superior where its target is known, else the next one "
            "up. The chain lists every superior with its target and where it comes from.</p>"
            '<div class="scroll">' + _table(headers, rows, cls="superiors", table_id="superiors-table") + "</div>"
            + f'<dl class="legend">{legend}</dl>')


def _indicator_label(indicator: object, names: dict[str, str]) -> str:
    """The Chinese name of an indicator id; "—" for a figure attached to none."""
    if _isna(indicator) or not indicator:
        return "—"
    return names.get(str(indicator), str(indicator))


def _panel_section(panel: pd.DataFrame, labels: dict[str, str], names: dict[str, str]) -> str:

    headers = ["region", "indicator", "kind", "measure", "value", "period", "figure (link to evidence)", "flags"]
    rows = []
    for _, r in panel.iterrows():
        flags = _flags_of(r["quality_flags"])
        rows.append(
            f"<tr><td>{_esc(labels[str(r['report_id'])])}</td>"
            f"<td>{_esc(_indicator_label(r['indicator'], names))} "
            f"<span class=\"muted\">{_esc(r['indicator'] or '')}</span></td>"
            f"<td>{_esc(r['kind'])}</td><td>{_esc(r['measure'])}</td><td>{_esc(fmt_value(r))}</td>"
            f"<td>{_esc('' if _isna(r['period']) else r['period'])}</td>"
            f'<td><a class="surface" href="#{_esc(r["anchor"])}">{_esc(r["surface"])}</a></td>'
            f"<td>{_flag_html(flags)}</td></tr>"
        )
    return ('<div class="scroll">' + _table(headers, rows, table_id="panel-table") + "</div>"
            + _flag_legend(panel["quality_flags"]))


def _quality_section(reports: pd.DataFrame, labels: dict[str, str], metrics: pd.DataFrame,
                     flagged: pd.DataFrame, names: dict[str, str]) -> str:

    out = ["<h3>Reports</h3>"]
    report_rows = []
    for r in reports.itertuples(index=False):
        for f in _flags_of(r.quality_flags):
            report_rows.append(
                f'<tr><td>{_esc(labels[str(r.report_id)])}</td><td><span class="flag">{_esc(f)}</span></td>'
                f"<td>{_esc(REPORT_FLAGS.get(f, '—'))}</td></tr>"
            )
    if report_rows:
        out.append(_table(["region", "flag", "meaning"], report_rows, table_id="report-flags"))
    else:
        out.append('<p class="note">No report carries a flag.</p>')

    out.append("<h3>Figures</h3>")
    counts: dict[str, int] = {}
    for flags in metrics["quality_flags"]:
        for f in _flags_of(flags):
            counts[f] = counts.get(f, 0) + 1
    if not counts:
        out.append('<p class="note">No figure carries a flag.</p>')
        return "".join(out)
    count_rows = [
        f'<tr><td><span class="flag">{_esc(f)}</span></td><td class="num">{n:,}</td>'
        f'<td>{_esc(FIGURE_FLAGS.get(f, "—"))}</td></tr>'
        for f, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    out.append(_table(["flag", "figures", "meaning"], count_rows, table_id="figure-flag-counts"))
    n_flagged = int(metrics["quality_flags"].map(lambda f: bool(_flags_of(f))).sum())
    shown = (f"all {n_flagged:,}" if len(flagged) == n_flagged
             else f"the first {len(flagged):,} of {n_flagged:,} (all are in metrics.csv)")
    out.append(f'<p class="note">Flagged figures: {shown}; each links to its sentence.</p>')
    rows = []
    for _, r in flagged.iterrows():
        rows.append(
            f"<tr><td>{_esc(labels[str(r['report_id'])])}</td>"
            f"<td>{_esc(_indicator_label(r['indicator'], names))}</td>"
            f"<td>{_esc(r['kind'])}</td><td>{_esc(r['measure'])}</td>"
            f'<td><a class="surface" href="#{_esc(r["anchor"])}">{_esc(r["surface"])}</a></td>'
            f"<td>{_flag_html(_flags_of(r['quality_flags']))}</td></tr>"
        )
    out.append('<div class="scroll">' + _table(["region", "indicator", "kind", "measure", "figure", "flags"], rows,
                                               table_id="flagged-figures") + "</div>")
    return "".join(out)


def _evidence_section(rows: pd.DataFrame) -> str:
    """The show_evidence table of the linked figures, each row carrying its anchor id."""

    table = show_evidence(rows, limit=None).to_html(font=False)  # the page embeds its own subset
    head, sep, body = table.partition("<tbody>")
    parts = body.split("<tr><td>")
    if not sep or len(parts) != len(rows) + 1:
        # show_evidence's markup changed: fail loudly rather than link to nothing
        raise RuntimeError("govreports.report: unexpected show_evidence HTML; cannot add anchors")
    out = [head, sep, parts[0]]
    for anchor, part in zip(rows["anchor"], parts[1:]):
        out.append(f'<tr id="{_esc(anchor)}"><td>{part}')
    return '<div class="scroll">' + "".join(out) + "</div>"


def _distinctive_table(words: pd.DataFrame, by: str, top: int) -> str:
    rows = []
    for group, g in words[words["z"] > 0].groupby(by, sort=True):
        g = g.sort_values(["z", "token"], ascending=[False, True], kind="stable").head(top)
        terms = "、".join(f"{t} <span class=\"muted\">{z:.1f}</span>" for t, z in
                         zip(map(_esc, g["token"]), g["z"]))
        rows.append(f"<tr><td>{_esc(group)}</td><td>{terms}</td></tr>")
    return _table([by, f"top {top} words (z)"], rows, table_id="distinctive-table")


# --------------------------------------------------------------------------- the report


def write_report(
    reports: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    *,
    title: str | None = None,
    jobs: int = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
    provenance: bool | Mapping[str, Any] = True,
) -> Path:
    """Write a self-contained HTML report comparing the reports' regions.

    Runs the pipeline — :func:`govreports.locate` (unless the frame is
    already located), :func:`govreports.extract_metrics`,
    :func:`govreports.panel`, :func:`govreports.compare`,
    :func:`govreports.tokenize`, :func:`govreports.attention` and
    :func:`govreports.distinctive_terms` — and writes into ``out_dir``:

    - ``index.html``: the reports with their data-quality flags; the
      comparison tables (last year's level, in the unit that reads best at
      the region's level — 万元 for townships, 亿元 above — and growth, this
      year's target, and for GDP the gap to last year's growth, to the
      region's own superior's target and to the national target); a table
      of each region's superiors (township → county → city → province →
      State Council) with their targets, actuals and the source of each
      (your reports, the targets dataset, the State Council); targets
      against actuals, the superior's and the national target
      (:func:`govreports.plot_targets`), levels one panel per
      administrative level (:func:`govreports.plotting.plot_levels_by_level`),
      attention by theme (:func:`govreports.plot_attention`), distinctive
      words without place names or single characters
      (:func:`govreports.plot_distinctive`); the headline figures; the
      figures' data-quality flags; and an evidence table. Every figure in the
      tables links to its row there (anchor ``#ev-<report_id>-<start>``),
      which shows the sentence with the figure highlighted. Every flag
      carries its meaning as a tooltip, and each table with flags has a
      legend. The page embeds (base64 ``@font-face``) a subset of the
      bundled CJK font holding just its characters, so Chinese renders
      without an installed CJK font.
    - ``metrics.csv`` and ``panel.csv``: every figure and the headline
      figures, with ``quality_flags`` (and its deprecated copy ``flags``)
      joined by ``;``.
    - ``figures/*.png``: the plots the page shows.
    - ``fonts/OFL.txt``: the licence of the embedded font.
    - ``provenance.json``: what the report was made with — the govreports
      version, the digests and vintages of the bundled data, the software
      and the options (:func:`govreports.provenance`); cite it with results.

    The page refers only to files in ``out_dir`` (no network, no
    JavaScript). Existing files of the same names are replaced (a symbolic
    link is replaced, not followed), and only once every file is written,
    ``index.html`` last, so an error or interruption leaves the previous
    report; other files are left alone. Output is deterministic: the page names the
    govreports version, not the time. matplotlib settings are restored
    afterwards and no figure is left open.

    Parameters
    ----------
    reports : pandas.DataFrame
        The reports frame (:func:`govreports.read_reports`,
        :func:`govreports.load_sample`). Repeated ``report_id`` values (the
        same file read twice) get ``_2``, ``_3`` … here, as
        :func:`govreports.read_reports` does, so every anchor is unique.
    out_dir : str or path-like
        The folder to write; created when missing.
    title : str, optional
        The page title. Default: "Government work reports compared", with
        the number of reports and their years.

    jobs, engine
        Workers for the figures and the tokens (see :func:`govreports.extract_metrics`).
    progress_bar
        Show the progress of the long stages (default: in a terminal or notebook only).
    provenance
        ``True`` (default) writes ``provenance.json`` naming this function
        and its options; a record of your own (:func:`govreports.provenance`,
        as the command line passes) is written instead; ``False`` writes none.

    Returns
    -------
    pathlib.Path
        The path of ``index.html``.

    Raises
    ------
    ReportDataError
        If ``reports`` has no rows.
    MissingColumnsError
        If ``reports`` lacks ``report_id``, ``region``, ``level``, ``year``,
        ``text``, ``quality_flags`` or ``source``.
    OutputPathError
        If ``out_dir`` is a file, or its ``figures`` or ``fonts`` is a file
        or a symbolic link.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import govreports as gr
    >>> from govreports import write_report
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     index = write_report(gr.load_sample(), tmp)
    ...     files = sorted(p.name for p in Path(tmp).iterdir())
    ...     page = index.read_text(encoding="utf-8")
    >>> files
    ['figures', 'fonts', 'index.html', 'metrics.csv', 'panel.csv', 'provenance.json']
    >>> '<mark title="1097:1105">207.45亿元</mark>' in page
    True
    """
    reports = from_old_names(reports, "reports")
    require_columns(reports, ["report_id", "region", "level", "year", "text", "quality_flags", "source"], "reports")
    if reports.empty:
        raise ReportDataError("reports has no rows: nothing to report")
    out = Path(out_dir)
    check_report_folder(out)
    if provenance is True:
        provenance = make_provenance(command="govreports.write_report", options={"title": title, "jobs": jobs,
                                                                                 "engine": engine})
    with staged_files(out, last=["index.html"], name="report") as stage:
        _write_report_files(Pipeline(reports, jobs=jobs, engine=engine, progress_bar=progress_bar), out, stage,
                            title=title)
        if provenance is not False:
            record = {**provenance, "reports": len(reports)}
            (stage / "provenance.json").write_text(provenance_text(record), encoding="utf-8", newline="\n")
    return out / "index.html"


@dataclass
class _Batch:
    """Everything the report shows, computed once through the pipeline."""

    located: pd.DataFrame
    metrics: pd.DataFrame
    panel: pd.DataFrame
    panel_l: pd.DataFrame
    flagged: pd.DataFrame
    linked: pd.DataFrame
    comparison: pd.DataFrame
    labels: dict[str, str]
    names: dict[str, str]
    years: list[int]
    national_html: str
    national: dict[int, float | tuple[float, float] | None]
    pipe: Pipeline


def _batch(pipe: Pipeline) -> _Batch:
    """Locate, order and run the stages; link every figure shown to its evidence row."""
    located = _unique_ids(pipe.reports)
    if "division_code" not in located.columns:
        located = locate(located)
    order = ["level", "region", "year", "report_id"]
    located = located.sort_values(order, kind="stable").reset_index(drop=True)
    pipe = Pipeline(located, jobs=pipe.jobs, engine=pipe.engine, progress_bar=pipe.progress_bar)
    texts = dict(zip(located["report_id"].astype(str), located["text"]))
    rank = {rid: i for i, rid in enumerate(located["report_id"].astype(str))}

    def with_links(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(
            _rank=frame["report_id"].astype(str).map(rank),
            surface=[texts[str(rid)][int(s):int(e)]
                     for rid, s, e in zip(frame["report_id"], frame["start"], frame["end"])],
            anchor=[_anchor(rid, s) for rid, s in zip(frame["report_id"], frame["start"])],
        )

    metrics, panel = pipe.metrics, pipe.panel
    panel_l = with_links(panel).sort_values(["_rank", "indicator", "kind", "measure", "start"], kind="stable")
    metrics_l = with_links(metrics)
    flagged_all = metrics_l[metrics_l["quality_flags"].map(lambda f: bool(_flags_of(f)))]
    flagged = flagged_all.sort_values(["_rank", "start"], kind="stable").head(_MAX_FLAGGED_ROWS)
    linked = pd.concat([panel_l, flagged], ignore_index=True).drop_duplicates("anchor")
    linked = linked.sort_values(["_rank", "start", "end"], kind="stable").reset_index(drop=True)
    years = sorted({int(y) for y in located["year"].dropna()})
    national_html, national = _national_text(years)
    table = indicator_table()
    return _Batch(located, metrics, panel, panel_l, flagged, linked,
                  pipe.compare(DEFAULT_INDICATORS, national=True, superior=True), _label_of_report(located),
                  dict(zip(table["indicator"], table["name_zh"])), years, national_html, national, pipe)


def _target_figures(b: _Batch, figures: _Figures) -> list[str]:
    """GDP growth targets of each year against actuals, the superior's and the national target; other targets."""
    out: list[str] = []
    growth = b.panel[b.panel["measure"].astype(str) == "growth"]
    for year in b.years:
        if growth[(growth["indicator"] == "gdp") & (growth["year"] == year)].empty:
            continue
        nat = b.national.get(year)
        src, notes = figures.draw(f"targets_gdp_{year}", plot_targets, b.panel, indicator="gdp",
                                  national_target=nat, year=year, superiors=b.comparison)
        cap = (f"地区生产总值 growth, {year} reports: target (red) against last year's actual (blue); purple "
               "square: the target of the region's own superior, named under the row (* your reports, † targets "
               "dataset, no mark: State Council; see the table of superiors); dashed line: national target"
               + ("" if nat is not None else " (none stated)"))
        out.append(_figure_html(src, f"GDP growth targets {year}", notes, cap))
    for ind in DEFAULT_INDICATORS:
        if ind == "gdp":
            continue
        rows = growth[(growth["indicator"] == ind) & (growth["kind"].astype(str) == "target")]
        if rows["report_id"].nunique() < 2:
            continue
        src, notes = figures.draw(f"targets_{ind}", plot_targets, b.panel, indicator=ind)
        out.append(_figure_html(src, f"{ind} growth targets", notes,
                                f"{b.names.get(ind, ind)} growth: target against last year's actual"))
    return out


def _level_figures(b: _Batch, figures: _Figures) -> list[str]:
    """Last year's level of each indicator, one panel per administrative level."""
    out: list[str] = []
    levels = b.panel[(b.panel["measure"].astype(str) == "level") & (b.panel["kind"].astype(str) == "actual")]
    for ind in DEFAULT_INDICATORS:
        if levels.loc[levels["indicator"] == ind, "report_id"].nunique() < 2:
            continue
        src, notes = figures.draw(f"levels_{ind}", plot_levels_by_level, b.panel, indicator=ind)
        out.append(_figure_html(src, f"{ind} levels", notes,
                                f"{b.names.get(ind, ind)}: last year's level, one panel per administrative "
                                "level, each in its own unit (万元 for townships, 亿元 above; log scale "
                                "where a panel spans over 100×), figures to the digits the report gave; "
                                "hatched: estimate (预计, flag estimate: stated before the year was over)"))
    return out


def _attention_figure(b: _Batch, figures: _Figures) -> str:
    """Policy attention by theme, grouped by region where that names one report (else region and year, else report)."""
    located = b.located
    if not located["region"].duplicated().any():
        att_by: list[str] = ["region"]
    elif not located.duplicated(["region", "year"]).any():
        att_by = ["region", "year"]
    else:
        att_by = ["report_id"]
    att = b.pipe.attention(att_by)
    n_groups = len(att[att_by].drop_duplicates())
    if n_groups > _MAX_ATTENTION_ROWS:
        return _figure_html(None, "Policy attention", [
            f"not drawn: {n_groups} groups are too many rows for one heatmap (limit {_MAX_ATTENTION_ROWS})"])
    src, notes = figures.draw("attention", plot_attention, att, by=att_by, value="share_tokens")
    return _figure_html(src, "Policy attention by theme", notes,
                        "Share of each report's tokens that are terms of a theme (govreports.load_themes())")


def _distinctive_figure(b: _Batch, figures: _Figures) -> str:
    """Distinctive words of each region (or report) against the others, drawn and tabled."""
    located = b.located
    dist_by = "region" if located["region"].nunique() >= 2 else "report_id"
    n_dist = located[dist_by].nunique()
    if n_dist < 2:
        return '<p class="note">Not drawn: distinctive words need at least two groups.</p>'
    html_text = ""
    if n_dist > _MAX_DISTINCTIVE_GROUPS:
        html_text = (f'<p class="note">Not drawn: {n_dist} groups are too many panels '
                     f"(limit {_MAX_DISTINCTIVE_GROUPS}); see the table.</p>")
    tokens = b.pipe.tokens
    # figures such as 207.45亿元 or 2022年 are each report's own; they crowd out the words
    words_only = tokens[~tokens["token"].astype(str).str.contains(r"\d", regex=True)]
    words = distinctive_terms(words_only, by=dist_by, top=20)
    if words.empty:
        return html_text
    if n_dist <= _MAX_DISTINCTIVE_GROUPS:
        src, notes = figures.draw("distinctive", plot_distinctive, words, by=dist_by, top=10, col_wrap=3)
        html_text = _figure_html(src, "Distinctive words", notes,
                                 "Weighted log-odds z of each word, one group against the others "
                                 "(Monroe et al. 2008); dotted line: z = 1.96")
    return html_text + _distinctive_table(words, dist_by, 10)


def _copy_font_licence(out: Path, stage: Path) -> None:
    """The embedded font's licence beside the page (the OFL travels with the font subset)."""
    licence = font_path().with_name("OFL.txt")
    target = out / "fonts" / licence.name
    if target.is_symlink() or not target.is_file() or target.read_bytes() != licence.read_bytes():
        (stage / "fonts").mkdir(exist_ok=True)
        shutil.copyfile(licence, stage / "fonts" / licence.name)


def _sections(b: _Batch, figs: dict[str, object]) -> list[tuple[str, str, str]]:
    """The page's sections: (id, heading, HTML)."""
    target_figs, level_figs = figs["targets"], figs["levels"]
    return [
        ("reports", "Reports", _reports_section(b.located, b.labels, b.metrics, b.panel)),
        ("comparison", "Cross-region comparison",
         b.national_html
         + '<p class="note">Each figure links to the sentence it was read from. Levels are in the unit that reads '
           "best at the region's level (万元 for townships below 1亿元, 亿元 above; 元 for per-capita incomes), to the "
           "digits the report gave; growth and targets in %. ≈ 左右, ≥ 以上, ≤ 以内. Superior's target: the target of "
           "the region's own superior (see the table of superiors below). "
           "<sup class=\"fl\">*</sup> the figure carries a data-quality flag (hover for its meaning; legend below).</p>"
         + _comparison_section(b.comparison, b.panel_l, b.labels, DEFAULT_INDICATORS)
         + _superiors_section(b.comparison, b.labels)),
        ("targets", "Targets against actuals, the superior's and the national target",
         '<div class="plots">' + "".join(target_figs) + "</div>" if target_figs else
         '<p class="note">No growth target found.</p>'),
        ("levels", "Indicator levels",
         '<div class="plots">' + "".join(level_figs) + "</div>" if level_figs else
         '<p class="note">No indicator has a level in two or more reports.</p>'),
        ("attention", "Policy attention by theme", figs["attention"]),
        ("distinctive", "Distinctive words", figs["distinctive"]),
        ("headline", "Headline figures (panel)",
         f'<p class="note">{len(b.panel):,} headline figures (panel.csv) out of {len(b.metrics):,} figures '
         "(metrics.csv): one per report, indicator, kind and measure.</p>"
         + _panel_section(b.panel_l, b.labels, b.names)),
        ("quality", "Data quality", _quality_section(b.located, b.labels, b.metrics, b.flagged, b.names)),
        ("evidence", "Evidence",
         '<p class="note">The sentence of every figure linked above, the figure highlighted '
         "(hover it for its offsets in the report text).</p>" + _evidence_section(b.linked)),
    ]


def _page(b: _Batch, sections: list[tuple[str, str, str]], title: str | None) -> str:
    """The whole HTML page, with a subset of the bundled font holding just the characters shown."""
    n_years = ", ".join(map(str, b.years)) or "year unknown"
    n = len(b.located)
    page_title = title if title is not None else (
        f"Government work reports compared: {n} report{'s' if n != 1 else ''}, {n_years}"
    )
    nav = "".join(f'<a href="#{sid}">{_esc(name)}</a>' for sid, name, _ in sections)
    body = "\n".join(f'<section id="{sid}"><h2>{_esc(name)}</h2>\n{content}\n</section>'
                     for sid, name, content in sections)
    header = (
        f"<header><h1>{_esc(page_title)}</h1>\n"
        f'<p class="meta">Made with govreports {_esc(__version__)} · {n:,} reports · '
        f"{len(b.metrics):,} figures, {len(b.panel):,} headline · "
        '<a href="metrics.csv">metrics.csv</a> · <a href="panel.csv">panel.csv</a></p>\n'
        f"<nav>{nav}</nav></header>\n"
    )
    footer = ('<footer>Chinese text is set in GovReports Sans SC, a subset of Noto Sans CJK SC embedded in this page, '
              'under the SIL Open Font License 1.1 (<a href="fonts/OFL.txt">fonts/OFL.txt</a>).</footer>\n')
    shown = page_title + header + body + footer
    css = f"{font_face_css(shown)}\nbody {{ font-family: {font_stack(shown)}; }}\n{_CSS}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="govreports {_esc(__version__)}">\n'
        f"<title>{_esc(page_title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"{header}{body}\n{footer}</body>\n</html>\n"
    )


def _write_report_files(pipe: Pipeline, out: Path, stage: Path, *, title: str | None) -> None:
    """Run the pipeline and write the report's files into ``stage`` (moved to ``out`` afterwards)."""
    import matplotlib

    b = _batch(pipe)
    # CSV files: the tables as extract_metrics and panel give them
    _flat_csv(b.metrics, stage / "metrics.csv")
    _flat_csv(b.panel, stage / "panel.csv")
    figures = _Figures(stage)
    with matplotlib.rc_context():
        set_theme()
        figs: dict[str, object] = {"targets": _target_figures(b, figures), "levels": _level_figures(b, figures),
                                   "attention": _attention_figure(b, figures),
                                   "distinctive": _distinctive_figure(b, figures)}
    _copy_font_licence(out, stage)
    (stage / "index.html").write_text(_page(b, _sections(b, figs), title), encoding="utf-8", newline="\n")
