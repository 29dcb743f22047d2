"""A person checks the figures: review sheets and corrections that survive re-runs.

:func:`review_sheet` turns a panel (or every figure of
:func:`~govreports.extract_metrics`) into the sheet a research assistant
fills in: each row with its value, its sentence with the figure marked, the
cue that attached it and why it may need a look, and empty columns for the
verdict. :func:`apply_corrections` applies the filled-in sheet to a fresh
extraction: rows are matched by the report's content hash and the figure's
offsets (``review_key``), never by file name or row number, so the verdicts
hold when the corpus is read again, re-ordered or extended, and a verdict
whose figure is no longer found is reported, not lost.

>>> import govreports as gr
>>> m = gr.extract_metrics(gr.load_sample())
>>> sheet = gr.review_sheet(gr.panel(m))
>>> row = sheet[(sheet["region"] == "横沥镇") & (sheet["indicator"] == "gdp") & (sheet["measure"] == "level")]
>>> row["sentence_marked"].item()
'全镇实现地区生产总值【207.45亿元】,同比增长2.0%,增速排名全市第6。'

A reviewer who marks that row ``wrong`` makes the panel take the next
candidate, the milestone 跨越“200亿”大关, which is flagged for review:

>>> p = gr.panel(m, corrections=row.assign(verdict="wrong"))
>>> p[(p["region"] == "横沥镇") & (p["indicator"] == "gdp") & (p["measure"] == "level")][
...     ["value", "qualifier", "needs_review"]
... ]
    value qualifier  needs_review
32  200.0  at_least          True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

from .._lazy import pandas as pd
from .._util import atomic_output, require_columns, spreadsheet_safe, spreadsheet_value
from ..errors import FileMissingError, GovReportsWarning, InvalidOptionError, OptionalDependencyError
from ..schema import FIGURE_FLAGS, from_old_names, with_old_names

__all__ = ["review_sheet", "apply_corrections", "read_corrections", "REVIEW_COLUMNS", "VERDICTS"]

#: What a reviewer may write in ``verdict``.
VERDICTS: dict[str, str] = {
    "ok": "the row is right as it stands",
    "wrong": (
        "the figure is not a value of this indicator (it is dropped from the panel; the next candidate takes its place)"
    ),
    "fix": "the figure is this indicator's, with the values written in the correct_* columns",
}

#: The columns a reviewer fills in (``correct_*`` only with verdict ``fix``).
CORRECTION_COLUMNS: tuple[str, ...] = (
    "verdict", "correct_indicator", "correct_kind", "correct_measure", "correct_value", "correct_value_high",
    "correct_unit", "correct_qualifier", "correct_period", "note",
)

#: Columns of :func:`review_sheet`, in order.
REVIEW_COLUMNS: tuple[str, ...] = (
    "review_key", "needs_review", "why", "report_id", "region", "year", "indicator", "indicator_text", "kind",
    "measure", "value", "value_high", "unit", "qualifier", "period", "cue", "sentence_marked", "source",
    *CORRECTION_COLUMNS,
)

_KEY_COLUMNS = ("text_hash", "start", "end", "indicator")
_FIXABLE = ("indicator", "kind", "measure", "value", "value_high", "unit", "qualifier", "period")


def _keys(frame: pd.DataFrame) -> pd.Series:
    return (
        frame["text_hash"].astype(str) + ":" + frame["start"].astype(str) + ":" + frame["end"].astype(str)
        + ":" + frame["indicator"].astype(str)
    )


def _marked(row: pd.Series) -> str:
    sentence = str(row["sentence"])
    a = int(row["start"]) - int(row["sentence_start"])
    b = int(row["end"]) - int(row["sentence_start"])
    if not 0 <= a <= b <= len(sentence):
        return sentence
    return f"{sentence[:a]}【{sentence[a:b]}】{sentence[b:]}"


def _why(flags: Iterable[str]) -> str:
    return "; ".join(f"{f}: {FIGURE_FLAGS[f]}" for f in flags if f in FIGURE_FLAGS)


def review_sheet(
    figures: pd.DataFrame,
    path: str | Path | None = None,
    *,
    only_needs_review: bool = False,
) -> pd.DataFrame:
    """The sheet a person fills in to check figures.

    Parameters
    ----------
    figures
        Output of :func:`govreports.panel` (the usual case) or of
        :func:`govreports.extract_metrics`; rows without an indicator are left
        out.
    path
        Also write the sheet: ``.csv`` (UTF-8 with a byte-order mark, so
        Excel shows the Chinese) or ``.xlsx`` (``pip install openpyxl``).
    only_needs_review
        Keep only the rows flagged ``needs_review``.

    Returns
    -------
    pandas.DataFrame
        One row per figure, the rows that need review first, with the columns
        of :data:`REVIEW_COLUMNS`:

        - ``review_key``: the figure's identity (report text hash, offsets and
          indicator) — keep it, it is how :func:`apply_corrections` finds the
          row again;
        - ``needs_review``, ``why``: whether and why the row deserves a look
          (its flags explained);
        - ``report_id`` … ``cue``: the row as extracted;
        - ``sentence_marked``: the sentence with the figure in 【】;
        - ``verdict`` (``ok``, ``wrong`` or ``fix``, see :data:`VERDICTS`),
          ``correct_*`` and ``note``: empty, for the reviewer.

    Examples
    --------
    >>> import govreports as gr
    >>> sheet = gr.review_sheet(gr.panel(gr.load_sample()))
    >>> list(sheet.columns[:3]), len(sheet) > 50
    (['review_key', 'needs_review', 'why'], True)
    >>> sheet["review_key"].iloc[0]
    'bca3765888b0c000:282:288:fiscal_revenue'
    """
    require_columns(figures, ["indicator", "sentence", "sentence_start", "start", "end", "text_hash"], "figures")
    figures = from_old_names(figures, "figures")
    f = figures[figures["indicator"].astype(str) != ""]
    if only_needs_review:
        f = f[f["needs_review"].astype(bool)]
    sheet = pd.DataFrame({
        "review_key": _keys(f),
        "needs_review": f["needs_review"].astype(bool),
        "why": f["quality_flags"].map(_why),
        **{c: f[c] for c in REVIEW_COLUMNS if c in f.columns and c not in ("review_key", "needs_review", "why")},
        "sentence_marked": f.apply(_marked, axis=1) if len(f) else pd.Series(dtype=str),
    })
    for c in REVIEW_COLUMNS:
        if c not in sheet.columns:
            sheet[c] = ""
    sheet = sheet[list(REVIEW_COLUMNS)]
    sheet = sheet.sort_values(["needs_review", "report_id", "indicator", "kind", "measure"],
                              ascending=[False, True, True, True, True], kind="stable").reset_index(drop=True)
    if path is not None:
        _write_sheet(sheet, Path(path))
    return sheet


def _write_sheet(sheet: pd.DataFrame, path: Path) -> None:
    """Write the sheet whole or not at all (a hidden temporary renamed into place)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidOptionError("review sheet path suffix", path.suffix, "'.csv' or '.xlsx'")
    if suffix == ".xlsx":
        _need_openpyxl("writing a review sheet as .xlsx")
    safe = spreadsheet_safe(sheet)  # a sentence opening with - or = is not run as a formula
    with atomic_output(path) as tmp:
        if suffix == ".csv":
            safe.to_csv(tmp, index=False, encoding="utf-8-sig")
        else:
            safe.to_excel(tmp, index=False)


def _need_openpyxl(purpose: str) -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise OptionalDependencyError("openpyxl", "excel", purpose) from None


def read_corrections(path: str | Path) -> pd.DataFrame:
    """Read a filled-in review sheet (``.csv`` or ``.xlsx``).

    Returns
    -------
    pandas.DataFrame
        The sheet's rows that carry a verdict.

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> sheet = gr.review_sheet(gr.panel(gr.load_sample()))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "sheet.csv"
    >>> _ = gr.review_sheet(gr.panel(gr.load_sample()), path)
    >>> len(gr.read_corrections(path))  # nothing filled in yet
    0
    """
    path = Path(path)
    if not path.is_file():
        raise FileMissingError(path, "no such corrections file")
    if path.suffix.lower() == ".xlsx":
        _need_openpyxl("reading corrections from .xlsx")
        sheet = pd.read_excel(path, dtype=str)
    else:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    require_columns(sheet, ["review_key", "verdict"], "corrections")
    sheet = sheet.fillna("").map(spreadsheet_value)  # the apostrophes the sheet was written with
    return sheet[sheet["verdict"].str.strip() != ""].reset_index(drop=True)


def apply_corrections(figures: pd.DataFrame, corrections: pd.DataFrame | str | Path) -> pd.DataFrame:
    """Apply a reviewer's verdicts to figures extracted again.

    Parameters
    ----------
    figures
        Output of :func:`govreports.extract_metrics` (or of
        :func:`govreports.panel`; :func:`govreports.panel` also takes
        ``corrections=`` and then picks the headlines after the corrections).
    corrections
        A filled-in :func:`review_sheet` (frame or file): ``review_key``,
        ``verdict`` and, for ``fix``, the ``correct_*`` columns.

    Returns
    -------
    pandas.DataFrame
        The figures with each verdict applied to the row its ``review_key``
        names (report text hash, offsets, indicator; a ``fix`` also finds a
        row that already carries the corrected indicator): ``ok`` clears
        ``needs_review`` and adds the flag ``reviewed``; ``wrong`` empties the
        indicator and adds ``rejected``; ``fix`` writes the corrected values
        and adds ``corrected``. Verdicts whose figure is no longer found (the
        text changed) are listed in ``attrs["unmatched_corrections"]`` with a
        warning.

    Examples
    --------
    >>> import govreports as gr
    >>> m = gr.extract_metrics(gr.load_sample())
    >>> sheet = gr.review_sheet(gr.panel(m))
    >>> fix = sheet.head(1).assign(verdict="fix", correct_value="207.45", correct_unit="亿元")
    >>> out = gr.apply_corrections(m, fix)
    >>> row = out[out["quality_flags"].map(lambda f: "corrected" in f)].iloc[0]
    >>> float(row["value"]), row["unit"]
    (207.45, '亿元')
    """
    if not isinstance(corrections, pd.DataFrame):
        corrections = read_corrections(corrections)
    require_columns(corrections, ["review_key", "verdict"], "corrections")
    figures = from_old_names(figures, "figures")
    require_columns(figures, list(_KEY_COLUMNS) + ["quality_flags", "needs_review"], "figures")
    out = figures.copy()
    out["quality_flags"] = out["quality_flags"].map(list)
    keys = _keys(out)
    by_key = {k: i for i, k in zip(out.index, keys)}
    by_span = {k.rsplit(":", 1)[0] + ":" + ind: i for i, k, ind in zip(out.index, keys, out["indicator"].astype(str))}
    unmatched = []
    for c in corrections.astype(object).where(corrections.notna(), "").to_dict("records"):
        verdict = str(c["verdict"]).strip().lower()
        if verdict not in VERDICTS:
            raise InvalidOptionError(f"verdict of {c['review_key']}", c["verdict"], ", ".join(VERDICTS))
        key = str(c["review_key"])
        i = by_key.get(key)
        new_indicator = str(c.get("correct_indicator", "") or "").strip()
        if i is None and verdict == "fix" and new_indicator:
            i = by_span.get(key.rsplit(":", 1)[0] + ":" + new_indicator)  # a later version found it already
        if i is None:
            unmatched.append(c)
            continue
        _apply_one(out, i, verdict, c)
    if unmatched:
        warnings.warn(f"{len(unmatched)} correction(s) name figures that are no longer found (the text or the "
                      "extraction changed): see attrs['unmatched_corrections']", GovReportsWarning, stacklevel=2)
    out = with_old_names(out)
    out.attrs["unmatched_corrections"] = pd.DataFrame(unmatched, columns=list(corrections.columns))
    return out


def _apply_one(out: pd.DataFrame, i: object, verdict: str, c: dict) -> None:
    flags = list(out.at[i, "quality_flags"])
    if verdict == "ok":
        flags.append("reviewed")
    elif verdict == "wrong":
        out.at[i, "indicator"] = ""
        if "indicator_text" in out.columns:
            out.at[i, "indicator_text"] = ""
        flags.append("rejected")
    else:
        for col in _FIXABLE:
            value = str(c.get(f"correct_{col}", "") or "").strip()
            if not value or col not in out.columns:
                continue
            if col in ("value", "value_high"):
                out.at[i, col] = float(value)
            else:
                out.at[i, col] = value
        flags.append("corrected")
    out.at[i, "quality_flags"] = sorted(set(flags))
    out.at[i, "needs_review"] = False
