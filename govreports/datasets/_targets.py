"""Growth targets of Chinese government work reports, 1994–2026: a bundled dataset.

:func:`load_targets` returns, for every report of the lawtext-gov corpus with a
plan year of 1994 or later (the State Council, provinces and prefecture-level
cities), the annual GDP growth target, last year's GDP growth and level as the
report states them, and the fixed-asset investment, retail sales, general
budget revenue and resident income growth targets. Each figure points back to
its report (file path and character offsets) with a short surface form such as
``增长6%左右``; the reports' sentences are not shipped.

The table is built from the corpus by ``tools/build_targets.py`` with
govreports' own :func:`~govreports.read_reports`, :func:`~govreports.locate`
and :func:`~govreports.panel`; its card (source, accuracy, coverage, limits)
is ``govreports/datasets/targets.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import IO

from .._lazy import pandas as pd
from .._util import check_option
from ..schema import LEVELS, with_old_names

__all__ = [
    "TARGET_INDICATORS", "load_national_targets", "load_targets", "national_gdp_target", "national_gdp_target_mid",
    "read_target_table",
]

_FILE = "targets.csv.gz"

#: Indicators with target columns besides GDP (``<id>_target``, …), taxonomy ids.
TARGET_INDICATORS: tuple[str, ...] = (
    "fixed_asset_investment", "retail_sales", "general_budget_revenue",
    "rural_income", "urban_income", "resident_income",
)

# (column prefix, value column) of every figure group; the qualifier of a group
# is empty ("" = a bare figure) where it has a value and missing where not.
_FIGURES: tuple[str, ...] = (
    "gdp_target", "gdp_prev_growth", "gdp_prev_level", *(f"{i}_target" for i in TARGET_INDICATORS),
)
_TEXT_COLUMNS = ("region", "report_id", "division_code", "province", "city", "source_path", "speaker",
                 "date", "quality_flags")


def read_target_table(source: str | IO[bytes]) -> pd.DataFrame:
    """Read the CSV (path or binary file object) and fix the dtypes."""
    frame = pd.read_csv(
        source, compression="gzip", keep_default_na=False, na_values=[""],
        dtype={c: str for c in (*_TEXT_COLUMNS, "level", "gdp_prev_level_unit",
                                *(f"{f}_qualifier" for f in _FIGURES), *(f"{f}_surface" for f in _FIGURES))},
    )
    for c in _TEXT_COLUMNS:
        frame[c] = frame[c].fillna("")
    frame["level"] = pd.Categorical(frame["level"], categories=list(LEVELS), ordered=True)
    frame["year"] = frame["year"].astype("Int64")
    frame["primary"] = frame["primary"].astype(bool)
    frame["gdp_prev_growth_estimate"] = frame["gdp_prev_growth_estimate"].astype("boolean")
    for f in _FIGURES:
        has = frame[f].notna()
        frame[f] = frame[f].astype("float64")
        if f"{f}_high" in frame.columns:
            frame[f"{f}_high"] = frame[f"{f}_high"].astype("float64")
        q = frame[f"{f}_qualifier"]
        # a bare figure has qualifier ""; the CSV cannot tell "" from missing
        frame[f"{f}_qualifier"] = q.where(q.notna() | ~has, "")
        for c in ("start", "end"):
            frame[f"{f}_{c}"] = frame[f"{f}_{c}"].astype("Int64")
    order = frame["level"].cat.codes
    frame = frame.assign(_order=order).sort_values(["_order", "region", "year", "source_path"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


@lru_cache(maxsize=1)
def _bundled() -> pd.DataFrame:
    with (resources.files("govreports.datasets") / _FILE).open("rb") as fh:
        return read_target_table(fh)


def load_targets(*, level: str | Sequence[str] | None = None, all_reports: bool = False) -> pd.DataFrame:
    """Load the bundled growth-target dataset: one row per region, level and year.

    Built from the 3,004 reports of the lawtext-gov corpus by
    ``tools/build_targets.py`` with govreports' own ``read_reports``,
    ``locate`` and ``panel``; see ``govreports/datasets/targets.md`` for
    source, measured accuracy, coverage and known limits. Offsets refer to
    govreports' cleaned text of the file:
    ``gr.read_reports(corpus / source_path)["text"][0][start:end]``.

    Parameters
    ----------
    level : str or sequence of str, optional
        Keep only these levels (``"national"``, ``"province"``, ``"city"``).
    all_reports : bool, default False
        Where the corpus holds two reports for one region and year (a
        second report in the same year, or the same report filed twice),
        return both rows; by default only the primary one.

    Returns
    -------
    pandas.DataFrame
        One row per region, level and plan year (per report with
        ``all_reports=True``), sorted by level, region and year:

        - ``region``, ``level`` (ordered categorical: national, province,
          city, county, township), ``year`` (Int64: the year the targets are
          for — the year delivered, or the next when delivered in November or
          December);
        - ``report_id`` (as ``read_reports`` names the report when reading the
          whole corpus), ``division_code`` (12-digit 统计用区划代码, "" when
          not located), ``province``, ``city``;
        - ``source_path`` (file in the corpus, e.g. ``政府工作报告-国务院/2019.md``),
          ``speaker``, ``date`` (ISO, "" when unknown);
        - ``primary`` (bool: the row kept for its region, level and year);
          ``quality_flags`` (``;``-joined: ``same_year``, ``duplicate_text``,
          ``year_not_path`` and the report's own flags such as ``truncated``;
          ``flags``, its copy under the old name, is deprecated and removed
          in 0.3);
        - ``gdp_target``, ``gdp_target_high`` (%, the upper end of a range),
          ``gdp_target_qualifier``: ``about`` (左右), ``at_least`` (以上),
          ``at_most``, ``range``, ``""`` (a bare figure), ``none_stated`` (the
          target is given in words only: no figure, or relative to the
          province's or the nation's growth) or ``none_found`` (govreports
          found no target); ``gdp_target_surface``, ``gdp_target_start``,
          ``gdp_target_end`` (the figure with its verb, e.g. ``增长6%左右``, or
          the words of a ``none_stated`` target);
        - ``gdp_prev_growth`` (%), ``gdp_prev_growth_qualifier``,
          ``gdp_prev_growth_estimate`` (stated as 预计/初步), ``_surface``,
          ``_start``, ``_end``: last year's GDP growth as the report states it;
        - ``gdp_prev_level``, ``gdp_prev_level_unit`` (亿元, 万亿元 …),
          ``_qualifier``, ``_surface``, ``_start``, ``_end``: last year's GDP;
        - for each of fixed_asset_investment, retail_sales,
          general_budget_revenue, rural_income, urban_income and
          resident_income: ``<id>_target``, ``_high``, ``_qualifier``,
          ``_surface``, ``_start``, ``_end`` (growth targets in %).

        Values are floats (NaN where the report gives none), offsets Int64,
        and a qualifier is missing exactly where its value is.

    Raises
    ------
    InvalidOptionError
        If ``level`` names an unknown level.

    Examples
    --------
    >>> from govreports import load_targets
    >>> t = load_targets(level="national")
    >>> t.loc[t["year"].between(2019, 2021), ["year", "gdp_target", "gdp_target_high",
    ...                                         "gdp_target_qualifier", "gdp_target_surface"]]
        year  gdp_target  gdp_target_high gdp_target_qualifier gdp_target_surface
    25  2019         6.0              6.5                range          增长6%—6.5%
    26  2020         NaN              NaN          none_stated     没有提出全年经济增速具体目标
    27  2021         6.0              NaN             at_least            增长6%以上
    >>> load_targets().groupby("level", observed=True)["gdp_target"].median()
    level
    national    7.5
    province    8.5
    city        7.5
    Name: gdp_target, dtype: float64
    """
    frame = _bundled()
    if level is not None:
        wanted = [level] if isinstance(level, str) else list(level)
        for lv in wanted:
            check_option("level", lv, LEVELS)
        frame = frame[frame["level"].isin(wanted)]
    if not all_reports:
        frame = frame[frame["primary"]]
    return with_old_names(frame.reset_index(drop=True).copy())


def load_national_targets() -> pd.DataFrame:
    """Load the State Council's GDP growth targets and last year's growth, 1994–2026.

    Returns
    -------
    pandas.DataFrame
        One row per year: ``year`` (Int64), ``gdp_target``,
        ``gdp_target_high`` (the upper end of a range), ``gdp_target_qualifier``
        (see :func:`load_targets`) and ``gdp_prev_growth`` (growth of the year
        before, as the report states it), in %.

    Examples
    --------
    >>> import govreports as gr
    >>> n = gr.load_national_targets()
    >>> n[n["year"].isin([1995, 2012, 2026])]
        year  gdp_target  gdp_target_high gdp_target_qualifier  gdp_prev_growth
    1   1995         8.0              9.0                range             11.8
    18  2012         7.5              NaN                                   9.2
    32  2026         4.5              5.0                range              5.0
    """
    t = load_targets(level="national")
    cols = ["year", "gdp_target", "gdp_target_high", "gdp_target_qualifier", "gdp_prev_growth"]
    return t[cols].sort_values("year").reset_index(drop=True)


@lru_cache(maxsize=1)
def _national_gdp_targets() -> dict[int, tuple[float, float, str]]:
    nat = load_national_targets()
    return {
        int(y): (float(lo), float(hi), q if isinstance(q, str) else "")
        for y, lo, hi, q in zip(nat["year"], nat["gdp_target"], nat["gdp_target_high"], nat["gdp_target_qualifier"])
        if pd.notna(y) and pd.notna(lo)
    }


def national_gdp_target(year: object) -> tuple[float, float, str] | None:
    """The State Council's GDP growth target of a plan year: ``(low, high, qualifier)``
    (``high`` NaN unless a range), or None when the year has none."""
    if year is None or pd.isna(year):  # type: ignore[arg-type]
        return None
    return _national_gdp_targets().get(int(year))  # type: ignore[call-overload]


def national_gdp_target_mid(year: object) -> float:
    """The State Council's GDP growth target of a plan year as one number (a range's middle); NaN when none."""
    t = national_gdp_target(year)
    if t is None:
        return float("nan")
    low, high, _ = t
    return low if pd.isna(high) else (low + high) / 2
