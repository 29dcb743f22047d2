"""Evidence view: each figure shown in its sentence, highlighted, for auditing."""

from __future__ import annotations

import html

from .._format import fmt_value
from .._lazy import pandas as pd
from .._util import require_columns
from ..fonts._embed import embed_font
from ..schema import FIGURE_FLAGS, from_old_names

__all__ = ["show_evidence", "Evidence"]

_STYLE = (
    ".gr-ev{border-collapse:collapse;font-size:13px}"
    ".gr-ev th,.gr-ev td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
    ".gr-ev mark{background:#ffe066;padding:0 2px}.gr-ev .flag{color:#b00;font-size:11px}"
    ".gr-ev .t{color:#1864ab}.gr-ev .a{color:#2b8a3e}"
    ".gr-flag-legend{font-size:11px;color:#555}.gr-flag-legend ul{margin:2px 0;padding-left:18px}"
)


def _with_font(body: str) -> str:
    """``body`` behind a style embedding the bundled font's subset for its characters."""
    return embed_font(body, _STYLE)


def flag_spans(flags: list[str]) -> str:
    """Flags as spans whose tooltip gives each flag's meaning (:data:`govreports.metrics.FIGURE_FLAGS`)."""
    return ", ".join(f'<span class="flag" title="{html.escape(FIGURE_FLAGS.get(f, f))}">{html.escape(f)}</span>'
                     for f in flags)


def flag_legend(flags: set[str] | list[str]) -> str:
    """A legend explaining the given figure flags (empty string when none)."""
    if not flags:
        return ""
    items = "".join(f"<li><b>{html.escape(f)}</b>: {html.escape(FIGURE_FLAGS.get(f, 'no description'))}</li>"
                    for f in sorted(flags))
    return f'<div class="gr-flag-legend"><small>Flags:</small><ul>{items}</ul></div>'


class Evidence:
    """Figures with their highlighted sentences; displays as HTML in a notebook."""

    def __init__(self, rows: pd.DataFrame) -> None:
        self.rows = rows.reset_index(drop=True)

    def to_html(self, *, font: bool = True) -> str:
        """The evidence table as an HTML fragment, styles included.

        Parameters
        ----------
        font : bool, default True
            Embed (base64 ``@font-face``) a subset of the bundled CJK font
            holding the table's characters; ``False`` when the page around it
            embeds a font already.

        Returns
        -------
        str
            The HTML fragment.
        """
        shown: set[str] = set()
        out = ['<table class="gr-ev"><thead><tr><th>report</th><th>indicator</th><th>kind</th>'
               "<th>measure</th><th>value</th><th>period</th><th>sentence</th></tr></thead><tbody>"]
        for _, r in self.rows.iterrows():
            sent = str(r["sentence"])
            a = int(r["start"]) - int(r["sentence_start"])
            b = int(r["end"]) - int(r["sentence_start"])
            marked = (
                html.escape(sent[:a]) + f'<mark title="{int(r["start"])}:{int(r["end"])}">'
                + html.escape(sent[a:b]) + "</mark>" + html.escape(sent[b:])
            )
            flags = list(r.get("quality_flags")) if isinstance(r.get("quality_flags"), (list, tuple)) else []
            shown.update(flags)
            flag_html = f'<div class="flag">{flag_spans(flags)}</div>' if flags else ""
            kind = str(r.get("kind", ""))
            out.append(
                f"<tr><td>{html.escape(str(r.get('region') or r['report_id']))}</td>"
                f"<td>{html.escape(str(r.get('indicator') or '—'))}"
                f"<br><small>{html.escape(str(r.get('indicator_text') or ''))}</small></td>"
                f'<td class="{kind[:1]}">{html.escape(kind)}</td><td>{html.escape(str(r.get("measure", "")))}</td>'
                f"<td>{html.escape(fmt_value(r))}</td><td>{html.escape(str(r.get('period') or ''))}</td>"
                f"<td>{marked}{flag_html}</td></tr>"
            )
        out.append("</tbody></table>")
        out.append(flag_legend(shown))
        body = "".join(out)
        return _with_font(body) if font else f"<style>{_STYLE}</style>{body}"

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<Evidence: {len(self.rows)} figure(s); display in a notebook or call .to_html()>"


def show_evidence(metrics_rows: pd.DataFrame, *, limit: int | None = 200) -> Evidence:
    """Show each figure inside its sentence, highlighted, to audit it at a glance.

    Parameters
    ----------
    metrics_rows
        Rows of :func:`govreports.extract_metrics` or :func:`govreports.panel`
        (any filter of them).
    limit
        Show at most this many rows (``None``: all).

    Returns
    -------
    Evidence
        Displays as an HTML table in a notebook (region, indicator, kind,
        measure, value with unit and qualifier, period, and the sentence
        with the figure marked; the mark's tooltip gives the offsets; each
        data-quality flag's tooltip gives its meaning, and a legend under the
        table explains the flags shown);
        ``.to_html()`` gives the HTML. The HTML embeds (base64 ``@font-face``)
        a subset of the bundled CJK font holding just the characters shown,
        so Chinese renders where no Chinese font is installed.

    Examples
    --------
    >>> import govreports as gr
    >>> p = gr.panel(gr.load_sample())
    >>> ev = gr.show_evidence(p[p["indicator"] == "gdp"])
    >>> "<mark" in ev.to_html() and "207.45亿元</mark>" in ev.to_html()
    True
    """
    require_columns(metrics_rows, ["report_id", "sentence", "sentence_start", "start", "end"], "metrics_rows")
    metrics_rows = from_old_names(metrics_rows, "metrics_rows")
    rows = metrics_rows if limit is None else metrics_rows.head(limit)
    return Evidence(rows)
