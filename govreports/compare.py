"""Cross-region comparison: one row per report with headline levels, growth and targets."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._util import require_columns
from .numbers import to_unit

__all__ = ["compare", "DEFAULT_INDICATORS"]

#: Indicators of the comparison table by default.
DEFAULT_INDICATORS: tuple[str, ...] = (
    "gdp",
    "fixed_asset_investment",
    "retail_sales",
    "general_budget_revenue",
    "fiscal_revenue",
    "industrial_output",
    "rural_income",
    "urban_income",
)

#: Unit each indicator's level is normalised to.
LEVEL_UNITS: dict[str, str] = {"rural_income": "元", "urban_income": "元", "resident_income": "元"}
_DEFAULT_LEVEL_UNIT = "亿元"


def _level(value: float, unit: str, target: str) -> float:
    try:
        return to_unit(value, unit, target)
    except ValueError:
        return float("nan")  # another unit family (万美元 vs 亿元): not comparable


def compare(
    reports_or_panel: pd.DataFrame,
    *,
    indicators: Sequence[str] = DEFAULT_INDICATORS,
    national: bool = True,
) -> pd.DataFrame:
    """Compare regions: one row per report with headline figures side by side.

    Parameters
    ----------
    reports_or_panel
        The reports frame, or the output of :func:`govreports.panel`.
    indicators
        Indicator ids to include (see :func:`govreports.indicators`).
    national
        Add the State Council's GDP growth target of the same year (from the
        bundled :func:`govreports.national_targets`) and the gap to it.

    Returns
    -------
    pandas.DataFrame
        One row per report, sorted by level, region and year:
        ``report_id, region, level, year`` (and ``division_code`` when the
        panel has it), then for each indicator ``<id>_level`` (last year's
        level, normalised to 亿元; per-capita incomes to 元), ``<id>_growth``
        (last year's growth, %), ``<id>_target`` and ``<id>_target_high``
        (this year's growth target, %; high end for ranges),
        ``<id>_target_qualifier`` (about, at_least, at_most, range or
        empty). Derived: ``gdp_target_minus_prev_growth`` (the target minus
        last year's growth, in points) and, with ``national=True``,
        ``national_gdp_target``, ``national_gdp_target_qualifier`` and
        ``gdp_target_minus_national`` (points above the national target; for
        ranges, midpoints are compared). Levels stated in a unit that cannot
        be converted are left empty.

    Examples
    --------
    >>> import govreports as gr
    >>> c = gr.compare(gr.load_sample())
    >>> c[["region", "gdp_level", "gdp_growth", "gdp_target", "gdp_target_minus_national"]]
      region  gdp_level  gdp_growth  gdp_target  gdp_target_minus_national
    0    六镇镇      15.20         NaN        10.0                        5.0
    1    平湖镇        NaN         NaN         9.0                        4.0
    2    横沥镇     207.45         2.0         6.0                        1.0
    3    泥溪镇        NaN         NaN         NaN                        NaN
    4    濮院镇     166.00         4.0         7.0                        2.0
    """
    if "indicator" in reports_or_panel.columns:
        p = reports_or_panel
    else:
        from .metrics import panel

        p = panel(reports_or_panel)
    require_columns(p, ["report_id", "region", "level", "year", "indicator", "kind", "measure", "value"], "panel")
    keys = ["report_id", "region", "level", "year"] + (["division_code"] if "division_code" in p.columns else [])
    base = p[keys].drop_duplicates("report_id").reset_index(drop=True)
    out = base.copy()
    cols: dict[str, pd.Series] = {}
    for ind in indicators:
        rows = p[p["indicator"] == ind]
        lv = rows[(rows["kind"] == "actual") & (rows["measure"] == "level")]
        unit = LEVEL_UNITS.get(ind, _DEFAULT_LEVEL_UNIT)
        level = pd.Series(
            [_level(v, u, unit) for v, u in zip(lv["value"], lv["unit"])], index=lv["report_id"], dtype="float64"
        )
        gr_ = rows[(rows["kind"] == "actual") & (rows["measure"] == "growth")].set_index("report_id")
        tg = rows[(rows["kind"] == "target") & (rows["measure"] == "growth")].set_index("report_id")
        rid = base["report_id"]
        cols[f"{ind}_level"] = rid.map(level).astype("float64")
        cols[f"{ind}_growth"] = rid.map(gr_["value"]).astype("float64")
        cols[f"{ind}_target"] = rid.map(tg["value"]).astype("float64")
        cols[f"{ind}_target_high"] = rid.map(tg["value_high"]).astype("float64")
        qual = rid.map(tg["qualifier"])
        cols[f"{ind}_target_qualifier"] = qual.astype("str").where(rid.isin(tg.index) & qual.notna(), "")
    out = pd.concat([base, pd.DataFrame(cols)], axis=1)
    if "gdp" in indicators:
        mid = out["gdp_target"].where(out["gdp_target_high"].isna(), (out["gdp_target"] + out["gdp_target_high"]) / 2)
        out["gdp_target_minus_prev_growth"] = mid - out["gdp_growth"]
        if national:
            from .targets import national_targets

            nat = national_targets().set_index("year")
            nat_mid = nat["gdp_target"].where(nat["gdp_target_high"].isna(), (nat["gdp_target"] + nat["gdp_target_high"]) / 2)
            yr = out["year"].astype("Int64")
            out["national_gdp_target"] = yr.map(nat_mid).astype("float64")
            out["national_gdp_target_qualifier"] = yr.map(nat["gdp_target_qualifier"]).fillna("").astype("str")
            out["gdp_target_minus_national"] = mid - out["national_gdp_target"]
    out = out.sort_values(["level", "region", "year"], kind="stable").reset_index(drop=True)
    return out
