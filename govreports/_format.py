"""Number formatting and level units shared by the plots, the report and the explorer."""

from __future__ import annotations

import math
from decimal import Decimal

__all__ = ["fmt_significant", "is_money", "level_unit", "significant_digits"]

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
