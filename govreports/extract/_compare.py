"""Cross-region comparison: one row per report with headline levels, growth and targets."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .._deprecated import renamed_arguments
from .._lazy import pandas as pd
from .._parallel import Engine
from .._util import require_columns
from ..datasets._divisions import division_rows
from ..datasets._targets import load_national_targets, load_targets, national_gdp_target, national_gdp_target_mid
from ..io._locate import locate
from ..schema import DEFAULT_LEVEL_UNIT, LEVEL_UNITS, LEVELS
from ._metrics import panel
from ._numbers import to_unit

__all__ = ["compare", "DEFAULT_INDICATORS", "SUPERIOR_COLUMNS", "SUPERIOR_SOURCES"]

#: Columns :func:`compare` adds for the comparison with each region's superior (``gdp`` only).
SUPERIOR_COLUMNS: tuple[str, ...] = (
    "immediate_superior", "immediate_superior_level", "superior", "superior_level", "superior_report_id",
    "superior_target", "superior_target_high", "superior_target_qualifier", "superior_actual",
    "superior_source", "gdp_target_minus_superior", "gdp_growth_minus_superior", "superior_chain",
)

#: Where a superior's figures come from (the ``superior_source`` column).
SUPERIOR_SOURCES: dict[str, str] = {
    "your reports": "the superior's report is among the reports passed in (same year)",
    "targets dataset": "the bundled targets dataset (govreports.targets.load_targets: provinces and cities)",
    "State Council": "the State Council's report in the bundled targets dataset (govreports.load_national_targets)",
}

#: Name of the national unit in the chain (as the targets dataset names it).
NATIONAL_NAME = "全国"

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



def _level(value: float, unit: str, target: str) -> float:
    try:
        return to_unit(value, unit, target)
    except ValueError:
        return float("nan")  # another unit family (万美元 vs 亿元): not comparable


class _Unit(NamedTuple):
    name: str
    level: str
    code: str


class _Figure(NamedTuple):
    target: float
    target_high: float
    qualifier: str
    actual: float
    report_id: str
    source: str


@lru_cache(maxsize=1)
def _divisions() -> tuple[dict[str, tuple[str, str, str]], dict[tuple[str, str], list[str]]]:
    """Code → (name, level, parent code), and (name, level) → codes, from the gazetteer."""
    header, rows = division_rows()
    at = {c: header.index(c) for c in ("code", "name", "level", "parent_code")}
    units = {r[at["code"]]: (r[at["name"]], r[at["level"]], r[at["parent_code"]]) for r in rows}
    by_name: dict[tuple[str, str], list[str]] = {}
    for code, (name, level, _) in units.items():
        by_name.setdefault((name, level), []).append(code)
    return units, by_name


def _code_of(region: object, level: object, code: object) -> str:
    """The report's division code: its own, else the gazetteer's when the name is unique at its level."""
    if isinstance(code, str) and code:
        return code
    codes = _divisions()[1].get((str(region), str(level)), [])
    return codes[0] if len(codes) == 1 else ""


def _ancestors(code: str, level: str, parent: str = "") -> list[_Unit]:
    """The superiors of a unit, nearest first, ending with the State Council."""
    if level == "national":
        return []
    units, by_name = _divisions()
    chain: list[_Unit] = []
    if not code and parent:  # a parent named in the report's metadata, looked up when unique
        found = [c for lv in ("county", "city", "province") for c in by_name.get((parent, lv), [])]
        if len(found) == 1:
            code = found[0]
            chain.append(_Unit(parent, units[code][1], code))
        else:
            chain.append(_Unit(parent, "", ""))
    parent_code = units[code][2] if code in units and not chain else code
    while parent_code in units:
        name, lv, up = units[parent_code]
        if not chain or chain[-1].code != parent_code:
            chain.append(_Unit(name, lv, parent_code))
        parent_code = up
    return chain + [_Unit(NATIONAL_NAME, "national", "")]


def _midpoint(low: float, high: float) -> float:
    return low if pd.isna(high) else (low + high) / 2


def _own_figures(out: pd.DataFrame) -> dict[tuple[str, int], _Figure]:
    """GDP figures of the reports passed in, keyed by (division code or name|level, year)."""
    found: dict[tuple[str, int], _Figure] = {}
    for r in out.itertuples(index=False):
        if pd.isna(r.year) or (pd.isna(r.gdp_target) and pd.isna(r.gdp_growth)):
            continue
        fig = _Figure(r.gdp_target, r.gdp_target_high, r.gdp_target_qualifier, r.gdp_growth, str(r.report_id),
                      "your reports")
        keys = [f"{r.region}|{r.level}"] + ([r.place_code] if r.place_code else [])
        if str(r.level) == "national":
            keys.append(f"{NATIONAL_NAME}|national")
        for key in keys:
            found.setdefault((key, int(r.year)), fig)
    return found


@lru_cache(maxsize=1)
def _dataset_figures() -> dict[tuple[str, int], _Figure]:
    """GDP targets and last year's growth of the bundled dataset, keyed as in :func:`_own_figures`."""
    found: dict[tuple[str, int], _Figure] = {}
    for r in load_national_targets().itertuples(index=False):
        found[(f"{NATIONAL_NAME}|national", int(r.year))] = _Figure(
            r.gdp_target, r.gdp_target_high, r.gdp_target_qualifier, r.gdp_prev_growth, f"{int(r.year)}_全国",
            "State Council")
    t = load_targets(level=["province", "city"])
    for r in t.itertuples(index=False):
        if pd.isna(r.year) or (pd.isna(r.gdp_target) and pd.isna(r.gdp_prev_growth)):
            continue
        fig = _Figure(r.gdp_target, r.gdp_target_high, r.gdp_target_qualifier or "", r.gdp_prev_growth,
                      str(r.report_id), "targets dataset")
        for key in [f"{r.region}|{r.level}"] + ([r.division_code] if r.division_code else []):
            found.setdefault((key, int(r.year)), fig)
    return found


_QUALIFIER_SIGN = {"about": "≈", "at_least": "≥", "at_most": "≤"}


def _fmt_chain_value(fig: _Figure) -> str:
    if pd.isna(fig.target):
        return "no target"
    sign = _QUALIFIER_SIGN.get(str(fig.qualifier), "")
    return sign + f"{fig.target:g}" + ("" if pd.isna(fig.target_high) else f"–{fig.target_high:g}") + "%"


def _superior_columns(out: pd.DataFrame, parents: pd.Series) -> pd.DataFrame:
    """One row per row of ``out``: the SUPERIOR_COLUMNS (see :func:`compare`)."""
    own, data = _own_figures(out), _dataset_figures()
    rows = []
    for r, parent in zip(out.itertuples(index=False), parents):
        chain = _ancestors(r.place_code, str(r.level), parent)
        year = None if pd.isna(r.year) else int(r.year)
        picked: tuple[_Unit, _Figure] | None = None
        shown = []
        for unit in chain:
            keys = ([unit.code] if unit.code else []) + [f"{unit.name}|{unit.level}"]
            fig = None if year is None else next(
                (src[(k, year)] for src in (own, data) for k in keys if (k, year) in src), None)
            if fig is not None and not pd.isna(fig.target):
                picked = picked or (unit, fig)
            shown.append(f"{unit.name} {_fmt_chain_value(fig)} ({fig.source})" if fig is not None
                         else f"{unit.name} (no report)")
        placed = bool(r.place_code or parent) or str(r.level) in ("province", "national")
        first = chain[0] if chain and placed else _Unit("", "", "")
        if not placed:  # a region the gazetteer cannot place: only the State Council is known to be above it
            shown.insert(0, "superiors unknown (region not located)")
        unit, fig = picked if picked else (_Unit("", "", ""), _Figure(*[float("nan")] * 2, "", float("nan"), "", ""))
        rows.append({
            "immediate_superior": first.name, "immediate_superior_level": first.level,
            "superior": unit.name, "superior_level": unit.level, "superior_report_id": fig.report_id,
            "superior_target": fig.target, "superior_target_high": fig.target_high,
            "superior_target_qualifier": fig.qualifier if picked else "", "superior_actual": fig.actual,
            "superior_source": fig.source, "superior_chain": " › ".join(shown),
        })
    sup = pd.DataFrame(rows, index=out.index, columns=[c for c in SUPERIOR_COLUMNS
                                                       if not c.startswith("gdp_")])
    for c in ("superior_target", "superior_target_high", "superior_actual"):
        sup[c] = sup[c].astype("float64")
    sup["superior_level"] = pd.Categorical(sup["superior_level"].replace("", None), categories=list(LEVELS),
                                           ordered=True)
    sup["immediate_superior_level"] = pd.Categorical(sup["immediate_superior_level"].replace("", None),
                                                     categories=list(LEVELS), ordered=True)
    own_mid = [_midpoint(a, b) for a, b in zip(out["gdp_target"], out["gdp_target_high"])]
    sup_mid = [_midpoint(a, b) for a, b in zip(sup["superior_target"], sup["superior_target_high"])]
    sup["gdp_target_minus_superior"] = pd.Series(own_mid, index=out.index) - pd.Series(sup_mid, index=out.index)
    sup["gdp_growth_minus_superior"] = out["gdp_growth"] - sup["superior_actual"]
    return sup[list(SUPERIOR_COLUMNS)]


def _locations(data: pd.DataFrame, locations: pd.DataFrame | None) -> pd.DataFrame:
    """report_id → division code and parent named in metadata, from whatever the caller has."""
    src = locations if locations is not None else data
    cols = {"report_id": src["report_id"].astype(str)}
    cols["_code"] = src["division_code"].fillna("").astype(str) if "division_code" in src.columns else ""
    if "parent" in src.columns:
        cols["_parent"] = src["parent"].fillna("").astype(str)
    elif "meta" in src.columns:
        cols["_parent"] = src["meta"].map(lambda m: str(m.get("parent") or "") if isinstance(m, dict) else "")
    else:
        cols["_parent"] = ""
    return pd.DataFrame(cols).drop_duplicates("report_id")


@renamed_arguments({"reports_or_panel": "data"})
def compare(
    data: pd.DataFrame,
    *,
    indicators: Sequence[str] = DEFAULT_INDICATORS,
    national: bool = True,
    superior: bool = True,
    locations: pd.DataFrame | None = None,
    jobs: int = 1,
    engine: Engine = "processes",
) -> pd.DataFrame:
    """Compare regions: one row per report with headline figures side by side.

    Parameters
    ----------
    data
        The reports frame, or the output of :func:`govreports.panel`.
    indicators
        Indicator ids to include (see :func:`govreports.indicators`).
    national
        Add the State Council's GDP growth target of the same year (from the
        bundled :func:`govreports.load_national_targets`) and the gap to it.
    superior
        Add each region's comparison with its own superior's GDP target and
        actual of the same year (township → county → city → province → State
        Council; see ``superior_*`` below).
    locations
        With a panel: a located reports frame (:func:`govreports.locate`;
        ``report_id`` and ``division_code``, optionally ``parent`` or
        ``meta["parent"]``) that places each report in the hierarchy. A
        reports frame passed as ``data`` is located itself
        (unless it has ``division_code``); a panel without ``locations`` is
        placed by the gazetteer where its region name is unique at its level.

    jobs, engine
        Workers for the figures when ``data`` is a reports frame (see
        :func:`govreports.extract_metrics`); unused for a panel.

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

        With ``superior=True`` and ``gdp`` among the indicators, the
        comparison with the region's superior:

        - ``immediate_superior``, ``immediate_superior_level``: the unit
          directly above (from ``division_code`` and the bundled gazetteer, or
          the ``parent`` of the report's metadata); ``全国``/``national`` for
          a province; empty for the State Council and for a region that
          cannot be placed (a panel without ``locations`` whose region name
          is not unique in the gazetteer: only the State Council is then
          known to be above it);
        - ``superior``, ``superior_level``: the nearest superior with a GDP
          growth target for the same year — the immediate one when its
          target is known, else the next one up (the targets dataset has no
          counties: a township of a county you hold no report of is compared
          with its city);
        - ``superior_report_id``: the report the figures come from;
        - ``superior_target``, ``superior_target_high``,
          ``superior_target_qualifier``: its GDP growth target (%), as the
          ``gdp_target*`` columns;
        - ``superior_actual``: the superior's last-year GDP growth (%) as its
          report of the same year states it;
        - ``superior_source``: ``your reports`` (the superior's report is
          among the reports passed in; these win), ``targets dataset``
          (:func:`govreports.targets.load_targets`, provinces and cities) or
          ``State Council`` (:func:`govreports.load_national_targets`); see
          ``SUPERIOR_SOURCES``;
        - ``gdp_target_minus_superior``: the region's target minus the
          superior's, in points (midpoints of ranges): target escalation;
        - ``gdp_growth_minus_superior``: the region's last-year growth minus
          the superior's;
        - ``superior_chain``: every superior up to the State Council with its
          target and source (``东莞市 ≥5.5% (targets dataset) › 广东省 ≥5%
          (targets dataset) › 全国 ≈5% (State Council)``; ``(no report)``
          where neither your reports nor the dataset hold it).

        Superior columns are empty where no superior has a target for that
        year.

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
    if "indicator" in data.columns:
        p = data
    else:

        if superior and locations is None and "division_code" not in data.columns:

            locations = locate(data)
        p = panel(data, jobs=jobs, engine=engine)
        locations = data if locations is None else locations
    require_columns(p, ["report_id", "region", "level", "year", "indicator", "kind", "measure", "value"], "panel")
    keys = ["report_id", "region", "level", "year"] + (["division_code"] if "division_code" in p.columns else [])
    base = p[keys].drop_duplicates("report_id").reset_index(drop=True)
    out = base.copy()
    cols: dict[str, pd.Series] = {}
    for ind in indicators:
        rows = p[p["indicator"] == ind]
        lv = rows[(rows["kind"] == "actual") & (rows["measure"] == "level")]
        unit = LEVEL_UNITS.get(ind, DEFAULT_LEVEL_UNIT)
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
            yr = out["year"].astype("Int64")
            out["national_gdp_target"] = [national_gdp_target_mid(y) for y in yr]
            out["national_gdp_target"] = out["national_gdp_target"].astype("float64")
            out["national_gdp_target_qualifier"] = [(national_gdp_target(y) or (0, 0, ""))[2] for y in yr]
            out["gdp_target_minus_national"] = mid - out["national_gdp_target"]
        if superior:
            where = _locations(p, locations).set_index("report_id")
            rid = out["report_id"].astype(str)
            placed = out.assign(place_code=[_code_of(g, lv, c) for g, lv, c in
                                       zip(out["region"], out["level"].astype(str), rid.map(where["_code"]))])
            sup = _superior_columns(placed, rid.map(where["_parent"]).fillna("").tolist())
            out = pd.concat([out, sup], axis=1)
    out = out.sort_values(["level", "region", "year"], kind="stable").reset_index(drop=True)
    return out
