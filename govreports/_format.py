"""Formatting shared by the plots, the report, the evidence table and the explorer:
numbers, qualifiers, figure values, level units and the labels of report rows.

One rule for every number shown (:func:`fmt_number`), so a figure reads the
same in a plot, a table of the report and the explorer."""

from __future__ import annotations

import math
from decimal import Decimal

from ._lazy import pandas as pd

__all__ = [
    "QUALIFIER_SIGN", "QUALIFIER_ZH", "fmt_growth", "fmt_number", "fmt_signed", "fmt_significant", "fmt_value",
    "is_money", "level_unit", "row_labels", "significant_digits",
]

#: Signs of qualifiers before a number (≈5%, ≥10%, ≤3%).
QUALIFIER_SIGN: dict[str, str] = {"about": "≈", "at_least": "≥", "at_most": "≤"}
#: Chinese words of the qualifiers, as reports write them after a number.
QUALIFIER_ZH: dict[str, str] = {"about": "左右", "at_least": "以上", "at_most": "以内", "range": "区间"}

#: Unit each indicator's level is drawn in when it is not money (per-capita incomes in 元).
_PER_CAPITA_UNITS: dict[str, str] = {"rural_income": "元", "urban_income": "元", "resident_income": "元"}
_MONEY_UNITS = frozenset({"元", "万元", "亿元", "万亿元", "千元", "百万元", "亿", "万亿"})


def significant_digits(value: float) -> int:
    """Significant digits of a figure as written: 207.45 → 5, 6379 → 4, 1.2e6 → 2, 0.05 → 1."""
    if value is None or not math.isfinite(value) or value == 0:
        return 1
    digits = Decimal(repr(float(value))).normalize().as_tuple().digits
    return max(1, len(digits))


def fmt_significant(value: float, digits: int, *, max_decimals: int = 6) -> str:
    """``value`` to ``digits`` significant digits, with thousands separators and no exponent.

    Whole digits are never dropped (1,210,000 stays 1,210,000 with 3 digits);
    decimals stop at ``max_decimals``; trailing zeros are removed.

    Examples
    --------
    >>> fmt_significant(0.06379, 4), fmt_significant(637.9, 4), fmt_significant(1210000.0, 3)
    ('0.06379', '637.9', '1,210,000')
    >>> fmt_significant(207.45, 5), fmt_significant(15.2, 3), fmt_significant(2.0, 1)
    ('207.45', '15.2', '2')
    """
    if value is None or not math.isfinite(value):
        return "—"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = min(max_decimals, max(0, digits - 1 - magnitude))
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def level_unit(indicator: str, level: object) -> str:
    """The unit a level of ``indicator`` reads best in at an administrative ``level``:
    元 for per-capita incomes, 万元 for townships, 亿元 above."""
    if indicator in _PER_CAPITA_UNITS:
        return _PER_CAPITA_UNITS[indicator]
    return "万元" if str(level) == "township" else "亿元"


def is_money(unit: object) -> bool:
    """Whether ``unit`` is an amount of yuan (元, 万元, 亿元 …)."""
    return str(unit) in _MONEY_UNITS


def _isna(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers
        return False


def fmt_number(value: object) -> str:
    """A number as every table and plot shows it: two decimals from 1 up (thousands
    separated, trailing zeros dropped), four significant digits below 1; "—" for none.

    Examples
    --------
    >>> [fmt_number(v) for v in (207.45, 15.2, 1166.0, 0.6917, 0.0, -0.001, float("nan"))]
    ['207.45', '15.2', '1,166', '0.6917', '0', '-0.001', '—']
    """
    if _isna(value):
        return "—"
    if isinstance(value, str):
        return value
    v = float(value)  # type: ignore[arg-type]
    if v == 0:
        return "0"
    text = f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) >= 1 else f"{v:.4g}"
    return "0" if text in ("-0", "") else text


def fmt_growth(value: object, high: object = math.nan, qualifier: object = "") -> str:
    """A growth figure or target: 7%, ≈5%, ≥10%, 6–8%.

    Examples
    --------
    >>> fmt_growth(5.0, qualifier="about"), fmt_growth(6.0, 8.0, "range"), fmt_growth(float("nan"))
    ('≈5%', '6–8%', '—')
    """
    if _isna(value):
        return "—"
    q = qualifier if isinstance(qualifier, str) else ""
    if q == "range" and not _isna(high):
        return f"{fmt_number(value)}–{fmt_number(high)}%"
    return f"{QUALIFIER_SIGN.get(q, '')}{fmt_number(value)}%"


def fmt_signed(value: object) -> str:
    """A difference with its sign: +1.5, −0.5, ±0; "—" for none."""
    if _isna(value):
        return "—"
    v = float(value)  # type: ignore[arg-type]
    return ("+" if v > 0 else "−" if v < 0 else "±") + fmt_number(abs(v))


def fmt_value(row: pd.Series) -> str:
    """A figure row's value with its range, unit and qualifier: ``207.45 亿元``, ``6–8 % (range)``."""
    v, hi = row.get("value"), row.get("value_high")
    if _isna(v):
        return "—"
    text = fmt_number(v) if _isna(hi) else f"{fmt_number(v)}–{fmt_number(hi)}"
    q = row.get("qualifier")
    return f"{text} {row.get('unit') or ''}" + (f" ({q})" if isinstance(q, str) and q else "")


def row_labels(frame: pd.DataFrame) -> list[str]:
    """One label per report row: the region, with the year or report id where regions repeat."""
    labels = frame["region"].astype(str)
    if labels.duplicated(keep=False).any() and "year" in frame.columns:
        dup = labels.duplicated(keep=False)
        labels = labels.where(~dup, labels + " " + frame["year"].astype(str))
    if labels.duplicated(keep=False).any():
        dup = labels.duplicated(keep=False)
        labels = labels.where(~dup, frame["report_id"].astype(str))
    return labels.tolist()
