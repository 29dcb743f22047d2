"""Build ``govreports/datasets/targets.csv.gz``: growth targets of the lawtext-gov corpus.

One row per report delivered for a plan year of 1994 or later: the annual GDP
growth target, last year's GDP growth and level as the report states them, and
the fixed-asset investment, retail sales, general budget revenue and income
growth targets, each with pointers into the report (file, offsets, a short
surface form). No sentence of the corpus is stored. See
``govreports/datasets/targets.md`` for the card.

Everything comes from govreports itself: ``read_reports`` (errors collected),
``locate``, ``extract_metrics`` and ``panel``. Before the panel picks its
headline figure, figures that cannot be the quantity a column holds are set
aside (see :func:`usable_metrics`). Run from the repository root::

    python tools/build_targets.py            # build, write the data and docs/targets_coverage.md
    python tools/build_targets.py --check    # also score against tests/data (no rebuild with --no-build)

With ``--check`` the numbers of the card (the blocks between
``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``) are rewritten
from the data and the scores; ``tests/test_targets.py`` fails when they drift.

It needs the corpus beside the checkout (``../shared/corpora/lawtext-gov``,
or ``--corpus DIR``) and takes two to three minutes. The output is
deterministic: the same corpus and the same govreports give the same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import io
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "lawtext-gov"
OUT = ROOT / "govreports" / "datasets" / "targets.csv.gz"
COVERAGE_DOC = ROOT / "docs" / "targets_coverage.md"
CARD = ROOT / "govreports" / "datasets" / "targets.md"
GOLD = ROOT / "tests" / "data"

#: First plan year in the dataset (see the card: the GDP growth target era; the
#: hand-checked national series starts here).
FIRST_YEAR = 1994

#: Indicators with a growth target column besides GDP (taxonomy ids).
OTHER_TARGETS: tuple[str, ...] = (
    "fixed_asset_investment", "retail_sales", "general_budget_revenue",
    "rural_income", "urban_income", "resident_income",
)

_LEVEL_UNITS = ("亿元", "万亿元", "万元", "亿", "万亿")

_FIGURE_COLS = ("value", "high", "qualifier", "surface", "start", "end")

#: Column order of the dataset.
COLUMNS: tuple[str, ...] = (
    "region", "level", "year", "report_id", "division_code", "province", "city",
    "source_path", "speaker", "date", "primary", "quality_flags",
    "gdp_target", "gdp_target_high", "gdp_target_qualifier", "gdp_target_surface",
    "gdp_target_start", "gdp_target_end",
    "gdp_prev_growth", "gdp_prev_growth_qualifier", "gdp_prev_growth_estimate",
    "gdp_prev_growth_surface", "gdp_prev_growth_start", "gdp_prev_growth_end",
    "gdp_prev_level", "gdp_prev_level_unit", "gdp_prev_level_qualifier",
    "gdp_prev_level_surface", "gdp_prev_level_start", "gdp_prev_level_end",
    *(f"{ind}_target{suffix}" for ind in OTHER_TARGETS
      for suffix in ("", "_high", "_qualifier", "_surface", "_start", "_end")),
)

# A verb standing right before a figure is part of its surface (增长6%左右,
# 定为8%); 同比/比上年 are left out, as in the hand-made gold files.
_VERB = re.compile(
    r"(?:增长速度|增长了|增长|增速为|增速|增幅为|增幅|下降了|下降|降低|减少|回落|提高|上升|负增长|"
    r"确定为|定为|定在|预期为|预计为|目标为|设定为|安排为|调整为|达到了|达到|突破|超过|实现|完成|增加|达|为)\s*$"
)
_MAX_PREFIX = 8

# The GDP target stated only in words, when no figure was found:
# an explicit statement that no growth figure is set (国务院 2020) ...
_NO_FIGURE = re.compile(
    r"(?:不|没有|未)(?:再)?(?:提出|设定|设置|确定|设)[^，。；、\n]{0,8}?(?:增速|增长)[^，。；、\n]{0,4}?目标"
)
# ... or a growth rate relative to a higher level (增速高于全省平均水平).
_RELATIVE = re.compile(
    r"(?:生产总值|GDP|经济)(?:增速|增长速度|增长)[^，。；、%\d\n]{0,6}?"
    r"(?:高于|快于|不低于|略高于|好于|(?:与|和)(?=全国|全省|全区|自治区))"
    r"(?:全国|全省|全区|自治区)"
)
# The relative statement must follow the year's target statement closely.
_TARGET_LEAD = re.compile(r"目标(?:是|为|建议为|确定为)?\s*[:：]?|提出[:：]")
_YEAR_CUE = re.compile(r"今年|明年|预期目标|(?:19|20)\d{2}年")
_FIVE_YEAR_CUE = re.compile(r"五年|十[一二三四五]五|规划|年均|今后|2035")


# ------------------------------------------------------------------ helpers

def plan_year(year: object) -> int | None:
    """The year a report sets targets for: its ``year`` (``read_reports`` gives a report
    delivered in November or December the next year already; ``date`` is not needed)."""
    if year is None or pd.isna(year):
        return None
    return int(year)


def surface(text: str, start: int, end: int) -> tuple[str, int]:
    """Short surface of a figure: the figure plus a verb right before it.

    Returns the surface and its start offset (``text[s:end] == surface``).
    """
    lo = max(0, start - _MAX_PREFIX)
    m = _VERB.search(text, lo, start)
    s = m.start() if m else start
    return text[s:end], s


def words_only_target(text: str) -> tuple[str, int, int] | None:
    """Where a report states its GDP growth target without a figure.

    Returns ``(surface, start, end)`` of the cue, or None.
    """
    m = _NO_FIGURE.search(text)
    if m:
        return m.group(), m.start(), m.end()
    for m in _RELATIVE.finditer(text):
        para_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(para_start, m.start() - 40):m.start()]
        leads = list(_TARGET_LEAD.finditer(before))
        if not leads:
            continue
        between = before[leads[-1].start():]
        context = text[max(para_start, m.start() - 80):m.start()]
        if _YEAR_CUE.search(context) and not _FIVE_YEAR_CUE.search(between):
            return m.group(), m.start(), m.end()
    return None


def usable_metrics(metrics: pd.DataFrame, plan_years: dict[str, int]) -> pd.DataFrame:
    """The figures that can fill a column of the dataset.

    A growth column holds a rate: growth figures in another unit than ``%``
    (增加1936亿元, an absolute increment) are set aside. A target must be for
    the plan year and a previous-year figure for the year before (``period``);
    a figure for another year (恢复至2019年的97%, 2035年) is not the column's.
    """
    py = metrics["report_id"].map(plan_years)
    period = metrics["period"].astype("string")
    growth = metrics["measure"].astype(str) == "growth"
    kind = metrics["kind"].astype(str)
    bad_unit = growth & (metrics["unit"] != "%")
    want = py.where(kind == "target", py - 1).astype("Int64").astype("string")
    bad_period = (period != want).fillna(True).astype(bool)
    return metrics[~bad_unit & ~bad_period]


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a[:4000], b[:4000], autojunk=False).ratio()


def _figure(row: pd.Series | None, text: str) -> dict[str, object]:
    if row is None:
        return dict.fromkeys(_FIGURE_COLS)
    surf, s = surface(text, int(row["start"]), int(row["end"]))
    q = row["qualifier"]
    return {
        "value": float(row["value"]),
        "high": None if pd.isna(row["value_high"]) else float(row["value_high"]),
        "qualifier": "" if q is None or (isinstance(q, float) and math.isnan(q)) else str(q),
        "surface": surf,
        "start": s,
        "end": int(row["end"]),
    }


def _put(rec: dict[str, object], prefix: str, fig: dict[str, object], *, keys: Iterable[str] = _FIGURE_COLS) -> None:
    for k in keys:
        col = prefix if k == "value" else f"{prefix}_{k}"
        rec[col] = fig[k]


# ------------------------------------------------------------------ build

def build(corpus: Path, *, progress_bar: bool | None = None) -> tuple[pd.DataFrame, dict[str, object]]:
    """Build the table from the corpus.

    Returns
    -------
    table, info
        The dataset (columns :data:`COLUMNS`) and build facts for the
        coverage report (failures, reports before :data:`FIRST_YEAR`,
        near-duplicate files).
    """
    sys.path.insert(0, str(ROOT))
    import govreports as gr

    reports = gr.read_reports(corpus, errors="collect", progress_bar=progress_bar)
    failures = reports.attrs.get("failures")
    reports = reports.copy()
    reports["source_path"] = [Path(s).resolve().relative_to(corpus.resolve()).as_posix() for s in reports["source"]]
    reports["plan_year"] = [plan_year(y) for y in reports["year"]]
    early = reports[reports["plan_year"].map(lambda y: y is None or y < FIRST_YEAR)]
    reports = reports[~reports.index.isin(early.index)].reset_index(drop=True)

    located = gr.locate(reports)
    metrics = gr.extract_metrics(located, progress_bar=progress_bar)
    plan_years = dict(zip(reports["report_id"], reports["plan_year"]))
    p = gr.panel(usable_metrics(metrics, plan_years))
    p = p[p["kind"].astype(str).isin(["target", "actual"])]
    heads = {(r["report_id"], r["indicator"], str(r["kind"]), str(r["measure"])): r for r in p.to_dict("records")}

    texts = dict(zip(reports["report_id"], reports["text"]))
    rows = []
    for rep in located.to_dict("records"):
        rid = rep["report_id"]
        text = texts[rid]
        rec: dict[str, object] = {
            "region": rep["region"],
            "level": str(rep["level"]),
            "year": rep["plan_year"] if "plan_year" in rep else plan_years[rid],
            "report_id": rid,
            "division_code": rep.get("division_code") or "",
            "province": rep.get("province") or "",
            "city": rep.get("city") or "",
            "source_path": rep["source_path"],
            "speaker": rep.get("speaker") or "",
            "date": rep.get("date") if isinstance(rep.get("date"), str) else "",
        }
        flags = set(rep["quality_flags"])
        stem = Path(rep["source_path"]).stem
        if re.fullmatch(r"\d{4}(?:-\d{2})?", stem) and int(stem[:4]) != rec["year"]:
            flags.add("year_not_path")

        t = heads.get((rid, "gdp", "target", "growth"))
        fig = _figure(None if t is None else pd.Series(t), text)
        if t is None:
            cue = words_only_target(text)
            if cue:
                fig.update(qualifier="none_stated", surface=cue[0], start=cue[1], end=cue[2])
            else:
                fig.update(qualifier="none_found")
        _put(rec, "gdp_target", fig)

        a = heads.get((rid, "gdp", "actual", "growth"))
        fig = _figure(None if a is None else pd.Series(a), text)
        _put(rec, "gdp_prev_growth", fig, keys=("value", "qualifier", "surface", "start", "end"))
        rec["gdp_prev_growth_estimate"] = None if a is None else ("estimate" in a["quality_flags"])

        lv = heads.get((rid, "gdp", "actual", "level"))
        if lv is not None and lv["unit"] not in _LEVEL_UNITS:
            lv = None  # 倍, %: not an amount of money
        fig = _figure(None if lv is None else pd.Series(lv), text)
        _put(rec, "gdp_prev_level", fig, keys=("value", "qualifier", "surface", "start", "end"))
        rec["gdp_prev_level_unit"] = None if lv is None else lv["unit"]

        for ind in OTHER_TARGETS:
            r = heads.get((rid, ind, "target", "growth"))
            _put(rec, f"{ind}_target", _figure(None if r is None else pd.Series(r), text))
        rec["_flags"] = flags
        rows.append(rec)

    table = pd.DataFrame(rows)
    dup_pairs = _mark_duplicates(table, texts)
    table["quality_flags"] = table.pop("_flags").map(lambda f: ";".join(sorted(f)))
    table = table[list(COLUMNS)]
    from govreports.schema import LEVELS

    table = table.sort_values(["level", "region", "year", "source_path"],
                              key=lambda s: s.map(LEVELS.index) if s.name == "level" else s,
                              kind="stable").reset_index(drop=True)
    info = {
        "reports_read": len(reports) + len(early),
        "failures": failures,
        "early": early[["source_path", "plan_year", "level"]].sort_values("source_path"),
        "duplicates": dup_pairs,
    }
    return table, info


def _mark_duplicates(table: pd.DataFrame, texts: dict[str, str]) -> list[tuple[str, str]]:
    """Choose one primary row per (region, level, year); flag the others.

    Within a group, a file whose text is nearly the same as another's (the
    corpus files one report twice, or under a neighbour's folder) is flagged
    ``duplicate_text``. The primary row is the first by: filed under its own
    region's folder (no ``region_conflict``), a delivery date known, file
    named ``<year>.md``, a GDP target found, earlier date, path; a
    duplicate copy is never ranked before its twin.
    """
    table["primary"] = True
    pairs: list[tuple[str, str]] = []
    for _, g in table.groupby(["region", "level", "year"], sort=False):
        if len(g) < 2:
            continue
        for i in g.index:
            table.at[i, "_flags"].add("same_year")
        order = sorted(
            g.index,
            key=lambda i: (
                "region_conflict" in table.at[i, "_flags"],
                table.at[i, "date"] == "",
                Path(table.at[i, "source_path"]).stem != str(table.at[i, "year"]),
                pd.isna(table.at[i, "gdp_target"]),
                table.at[i, "date"],
                table.at[i, "source_path"],
            ),
        )
        kept: list[int] = []
        for i in order:
            twin = next(
                (k for k in kept if _similar(texts[table.at[k, "report_id"]], texts[table.at[i, "report_id"]]) >= 0.9),
                None,
            )
            if twin is not None:
                table.at[i, "_flags"].add("duplicate_text")
                pairs.append((table.at[i, "source_path"], table.at[twin, "source_path"]))
            kept.append(i)
        for i in order[1:]:
            table.at[i, "primary"] = False
    return pairs


# ------------------------------------------------------------------ output

def write_table(table: pd.DataFrame, path: Path) -> None:
    """Write the table as gzip'd UTF-8 CSV, byte-for-byte reproducible."""
    buf = io.StringIO()
    table.to_csv(buf, index=False, lineterminator="\n", float_format="%.10g")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def _n_failures(info: dict[str, object]) -> int:
    failures = info["failures"]
    return 0 if failures is None else len(failures)  # type: ignore[arg-type]


def _decade(y: int) -> str:
    return f"{y // 10 * 10}s"


def coverage(table: pd.DataFrame) -> pd.DataFrame:
    """Share of reports with a GDP target figure, stated in words only, or none found.

    Counted over primary rows (one per region, level and year).
    """
    t = table[table["primary"]].copy()
    t["decade"] = t["year"].map(_decade)
    q = t["gdp_target_qualifier"].fillna("")
    t["figure"] = ~q.isin(["none_stated", "none_found"])
    t["none_stated"] = q == "none_stated"
    t["none_found"] = q == "none_found"
    out = t.groupby(["level", "decade"], observed=True, sort=True).agg(
        reports=("report_id", "size"), figure=("figure", "sum"), none_stated=("none_stated", "sum"),
        none_found=("none_found", "sum"))
    out["covered"] = (out["figure"] + out["none_stated"]) / out["reports"]
    return out.reset_index()


def coverage_doc(table: pd.DataFrame, info: dict[str, object], scores: dict[str, object] | None) -> str:
    """The Markdown coverage report: counts and file paths only, no corpus text."""
    prim = table[table["primary"]]
    lines = [
        "# `targets` dataset: coverage and reports to check",
        "",
        "Generated by `python tools/build_targets.py` (do not edit by hand). Paths are relative to the",
        "lawtext-gov corpus; the list holds paths, years and counts only, no text of the reports.",
        "",
        f"- files read: {info['reports_read']}; read failures: {_n_failures(info)}",
        f"- reports before plan year {FIRST_YEAR}, left out: {len(info['early'])}",
        f"- rows: {len(table)} (one per report); primary rows (one per region, level, year): {len(prim)}",
        "",
        "## GDP growth target by level and decade (primary rows)",
        "",
        "`figure`: a numeric target; `none_stated`: the target is stated in words only (no figure, or",
        "relative to a higher level's growth); `none_found`: govreports found neither.",
        "",
        "| level | decade | reports | figure | none_stated | none_found | covered |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    cov = coverage(table)
    for r in cov.itertuples(index=False):
        lines.append(
            f"| {r.level} | {r.decade} | {r.reports} | {r.figure} | "
            f"{r.none_stated} | {r.none_found} | {r.covered:.1%} |"
        )
    lines.append("")
    for lv in ("national", "province", "city"):
        sub = prim[(prim["level"] == lv) & (prim["year"] >= 2005)]
        if len(sub):
            q = sub["gdp_target_qualifier"]
            lines.append(f"- {lv}, plan years 2005 on: {len(sub)} reports, "
                         f"figure {(~q.isin(['none_stated', 'none_found'])).mean():.1%}, "
                         f"figure or stated in words {(q != 'none_found').mean():.1%}")
    nat = prim[(prim["level"] == "national") & prim["year"].between(1994, 2026)]
    lines.append(f"- national 1994–2026: {nat['year'].nunique()} of 33 years present")
    other = ["gdp_prev_growth", "gdp_prev_level"] + [f"{i}_target" for i in OTHER_TARGETS]
    lines += ["", "## Other columns: share of primary rows with a value (plan years 2005 on)", "",
              "| column | share |", "|---|---:|"]
    recent = prim[prim["year"] >= 2005]
    for c in other:
        lines.append(f"| `{c}` | {recent[c].notna().mean():.1%} |")
    if scores:
        lines += ["", "## Accuracy against the hand-checked files", ""]
        lines += [f"  - {k.strip()}: {v}" if k.startswith("  ") else f"- {k}: {v}"
                  for k, v in scores.items() if not k.startswith("_")]
        lines += ["", "Cells the dataset gets wrong (values only):", ""]
        lines += [f"- {m}" for m in scores["_misses"]]  # type: ignore[union-attr]
    lines += ["", "## Reports with no GDP growth target found (`none_found`)", "",
              "To check by reading. All rows, primary or not.", "", "| path | year | level |", "|---|---:|---|"]
    for r in table[table["gdp_target_qualifier"] == "none_found"].sort_values(["level", "source_path"]).itertuples():
        lines.append(f"| {r.source_path} | {r.year} | {r.level} |")
    lines += ["", "## Target stated in words only (`none_stated`)", "", "| path | year | level |", "|---|---:|---|"]
    for r in table[table["gdp_target_qualifier"] == "none_stated"].sort_values(["level", "source_path"]).itertuples():
        lines.append(f"| {r.source_path} | {r.year} | {r.level} |")
    lines += ["", "## Two reports for one region, level and year", "",
              "The first listed is the primary row; `duplicate_text` marks a file whose text is nearly",
              "the same as another's.", "",
              "| region | level | year | path | quality_flags |", "|---|---|---:|---|---|"]
    same = table[table["quality_flags"].str.contains("same_year")].sort_values(
        ["level", "region", "year", "primary"], ascending=[True, True, True, False]
    )
    for r in same.itertuples():
        primary = " (primary)" if r.primary else ""
        lines.append(f"| {r.region} | {r.level} | {r.year} | {r.source_path}{primary} | {r.quality_flags} |")
    lines += ["", "## Plan year differs from the year in the file name", "",
              "`year` is govreports' delivery year (next year if delivered in November or December); the",
              "corpus names some files by the year reviewed, and some front matter dates are wrong.", "",
              "| path | year |", "|---|---:|"]
    for r in table[table["quality_flags"].str.contains("year_not_path")].sort_values("source_path").itertuples():
        lines.append(f"| {r.source_path} | {r.year} |")
    lines += ["", "## Values outside the usual range, to check by reading", "",
              "GDP target below 0 or above 20 %, previous-year growth below −10 or above 30 %.", "",
              "| path | column | value |", "|---|---|---:|"]
    for r in table.sort_values("source_path").itertuples():
        if pd.notna(r.gdp_target) and not (0 <= r.gdp_target <= 20):
            lines.append(f"| {r.source_path} | gdp_target | {r.gdp_target:g} |")
        if pd.notna(r.gdp_prev_growth) and not (-10 <= r.gdp_prev_growth <= 30):
            lines.append(f"| {r.source_path} | gdp_prev_growth | {r.gdp_prev_growth:g} |")
    if len(info["early"]):
        counts = info["early"].groupby("level", observed=True).size()
        lines += ["", f"## Left out: plan year before {FIRST_YEAR}", "",
                  ", ".join(f"{lv}: {n}" for lv, n in counts.items() if n)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ the card's numbers

def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def card_blocks(table: pd.DataFrame, scores: dict[str, object]) -> dict[str, str]:
    """The generated blocks of the dataset card, from the data and the scores."""
    prim = table[table["primary"]]
    by_level = prim["level"].astype(str).value_counts()
    blocks: dict[str, str] = {}
    blocks["size"] = (
        f"It has {len(table):,} rows, one per report. `load_targets()` gives the {len(prim):,} primary rows "
        f"(national {by_level.get('national', 0):,}, province {by_level.get('province', 0):,}, "
        f"city {by_level.get('city', 0):,}); `load_targets(all_reports=True)` gives all {len(table):,}."
    )
    stated = table["gdp_prev_growth"].notna()
    blocks["estimates"] = (
        "`gdp_prev_growth_estimate` marks "
        f"{int(table.loc[stated, 'gdp_prev_growth_estimate'].fillna(False).astype(bool).sum()):,} "
        f"of the {int(stated.sum()):,} stated previous-year growth rates."
    )
    blocks["none_found"] = f"{int((table['gdp_target_qualifier'] == 'none_found').sum())} reports are `none_found`"
    recent = prim[prim["year"] >= 2005]
    lines = ["| level | reports | GDP target figure | figure or words (`none_stated`) |", "|---|---:|---:|---:|"]
    for lv, name in (("national", "national (State Council)"), ("province", "province"), ("city", "city")):
        q = recent.loc[recent["level"] == lv, "gdp_target_qualifier"]
        if len(q):
            lines.append(f"| {name} | {len(q):,} | {_pct((~q.isin(['none_stated', 'none_found'])).mean())} "
                         f"| {_pct((q != 'none_found').mean())} |")
    blocks["coverage"] = "\n".join(lines)
    lines = ["| column | share |", "|---|---:|"]
    names = {"gdp_prev_growth": "`gdp_prev_growth`", "gdp_prev_level": "`gdp_prev_level`",
             "fixed_asset_investment_target": "fixed-asset investment target"}
    for c in ["gdp_prev_growth", "gdp_prev_level"] + [f"{i}_target" for i in OTHER_TARGETS]:
        lines.append(f"| {names.get(c, c.replace('_', ' '))} | {_pct(recent[c].notna().mean())} |")
    blocks["other_columns"] = "\n".join(lines)
    s = {k.strip(): v for k, v in scores.items() if not k.startswith("_")}
    rows = [
        ("`targets_check.csv`: 66 reports drawn at random from all provincial/city/national files of 2005+ "
         "(see `README_corpus_gold.md`)", "GDP target", s["random check (66 reports, 2005+): GDP target"]),
        ("", "previous-year GDP growth", s["random check: previous-year GDP growth"]),
        ("", "both fields", s["random check: both fields"]),
        ("`national_gdp_gold.csv`: State Council 1994–2026", "GDP target", s["State Council 1994–2026: GDP target"]),
        ("", "previous-year GDP growth", s["State Council 1994–2026: previous-year GDP growth"]),
        ("`corpus_gold.csv`: 6 chosen reports", "the six other targets and the previous-year level",
         s["corpus gold (6 reports): other targets and previous-year GDP level"]),
    ]
    if "extra hand check (20 reports, 9 cells each)" in s:
        rows += [
            ("`targets_review.csv`: 20 more reports drawn at random (below)", "all 9 columns",
             s["extra hand check (20 reports, 9 cells each)"]),
            ("", "GDP target / prev. growth / prev. level",
             ", ".join(s[k] for k in ("gdp_target", "gdp_prev_growth", "gdp_prev_level"))),
            ("", "investment / retail / budget revenue targets",
             ", ".join(s[f"{k}_target"] for k in ("fixed_asset_investment", "retail_sales", "general_budget_revenue"))),
            ("", "rural / urban / resident income targets",
             ", ".join(s[f"{k}_target"] for k in ("rural_income", "urban_income", "resident_income"))),
        ]
    lines = ["| hand-checked file | what | right |", "|---|---|---:|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    blocks["accuracy"] = "\n".join(lines)
    return blocks


_BLOCK = re.compile(r"(<!-- generated:(\w+) -->)(.*?)(<!-- /generated:\2 -->)", re.S)


def card_with_blocks(card: str, blocks: dict[str, str]) -> str:
    """The card with each generated block replaced (a block on its own lines
    stays on its own lines; an inline one stays inline)."""
    def fill(m: re.Match[str]) -> str:
        body = blocks[m.group(2)]
        if m.group(3).startswith("\n"):
            body = "\n" + body + "\n"
        return m.group(1) + body + m.group(4)

    return _BLOCK.sub(fill, card)


def card_blocks_in(card: str) -> dict[str, str]:
    """The generated blocks as they stand in the card."""
    return {m.group(2): m.group(3).strip("\n") for m in _BLOCK.finditer(card)}


# ------------------------------------------------------------------ accuracy

def _eq(a: object, b: object) -> bool:
    na = a is None or (isinstance(a, float) and math.isnan(a)) or a is pd.NA
    nb = b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NA
    return (na and nb) or (not na and not nb and abs(float(a) - float(b)) < 1e-9)  # type: ignore[arg-type]


def _qual(q: object) -> str:
    return "" if q is None or q is pd.NA or (isinstance(q, float) and math.isnan(q)) else str(q)


def target_ok(row: pd.Series, value: object, high: object, qualifier: object) -> bool:
    """Does a dataset row's GDP target agree with a gold target?

    A gold ``none`` agrees with ``none_stated`` and ``none_found`` (no figure).
    """
    if _qual(qualifier) == "none":
        return pd.isna(row["gdp_target"])
    return (_eq(row["gdp_target"], value) and _eq(row["gdp_target_high"], high)
            and _qual(row["gdp_target_qualifier"]) == _qual(qualifier))


def check(table: pd.DataFrame, gold_dir: Path = GOLD) -> dict[str, object]:
    """Score the table against the hand-checked files in ``tests/data``."""
    by_path = table.set_index("source_path")
    out: dict[str, object] = {}
    misses: list[str] = []

    g = pd.read_csv(gold_dir / "targets_check.csv", dtype={"gdp_target_qualifier": str})
    t_ok = p_ok = 0
    for r in g.itertuples(index=False):
        row = by_path.loc[r.path]
        tk = target_ok(row, r.gdp_target_value, r.gdp_target_high, r.gdp_target_qualifier)
        pk = _eq(row["gdp_prev_growth"], r.prev_gdp_growth_value)
        t_ok += tk
        p_ok += pk
        if not tk:
            misses.append(f"random check target {r.path}: "
                          f"got {row['gdp_target']}/{row['gdp_target_high']}/{row['gdp_target_qualifier']}, "
                          f"gold {r.gdp_target_value}/{r.gdp_target_high}/{r.gdp_target_qualifier}")
        if not pk:
            misses.append(
                f"random check prev growth {r.path}: got {row['gdp_prev_growth']}, gold {r.prev_gdp_growth_value}"
            )
    n = len(g)
    out["random check (66 reports, 2005+): GDP target"] = f"{t_ok}/{n} = {t_ok / n:.1%}"
    out["random check: previous-year GDP growth"] = f"{p_ok}/{n} = {p_ok / n:.1%}"
    out["random check: both fields"] = f"{t_ok + p_ok}/{2 * n} = {(t_ok + p_ok) / (2 * n):.1%}"

    ng = pd.read_csv(gold_dir / "national_gdp_gold.csv", dtype={"target_qualifier": str})
    t_ok = p_ok = 0
    for r in ng.itertuples(index=False):
        row = by_path.loc[f"政府工作报告-国务院/{r.year}.md"]
        tk = target_ok(row, r.target_value, r.target_high, r.target_qualifier)
        pk = _eq(row["gdp_prev_growth"], r.prev_growth_value)
        t_ok += tk
        p_ok += pk
        if not tk:
            misses.append(f"national target {r.year}: got {row['gdp_target']}/{row['gdp_target_qualifier']}, "
                          f"gold {r.target_value}/{r.target_qualifier}")
        if not pk:
            misses.append(f"national prev growth {r.year}: got {row['gdp_prev_growth']}, gold {r.prev_growth_value}")
    n = len(ng)
    out["State Council 1994–2026: GDP target"] = f"{t_ok}/{n} = {t_ok / n:.1%}"
    out["State Council 1994–2026: previous-year GDP growth"] = f"{p_ok}/{n} = {p_ok / n:.1%}"

    # the other targets and the previous-year level: the six fully annotated reports
    cg = pd.read_csv(gold_dir / "corpus_gold.csv")
    cg = cg[cg["headline"] == 1]
    cells = ok = 0
    for path, grp in cg.groupby("path"):
        row = by_path.loc[path]
        for ind in OTHER_TARGETS:
            want = grp[(grp["indicator"] == ind) & (grp["kind"] == "target") & (grp["measure"] == "growth")]
            col = f"{ind}_target"
            cells += 1
            if want.empty:
                good = pd.isna(row[col])
            else:
                w = want.iloc[0]
                good = (
                    _eq(row[col], w["value"])
                    and _eq(row[f"{col}_high"], w["value_high"])
                    and _qual(row[f"{col}_qualifier"]) == _qual(w["qualifier"])
                )
            ok += good
            if not good:
                misses.append(f"corpus gold {path} {col}: got {row[col]}/{row[f'{col}_qualifier']}, "
                              f"gold {None if want.empty else want.iloc[0]['value']}")
        want = grp[(grp["indicator"] == "gdp") & (grp["kind"] == "actual") & (grp["measure"] == "level")]
        cells += 1
        good = (pd.isna(row["gdp_prev_level"]) if want.empty else
                _eq(row["gdp_prev_level"], want.iloc[0]["value"])
                and row["gdp_prev_level_unit"] == want.iloc[0]["unit"])
        ok += good
        if not good:
            misses.append(f"corpus gold {path} gdp_prev_level: "
                          f"got {row['gdp_prev_level']}{row['gdp_prev_level_unit']}, "
                          f"gold {None if want.empty else want.iloc[0]['value']}")
    out["corpus gold (6 reports): other targets and previous-year GDP level"] = f"{ok}/{cells} = {ok / cells:.1%}"

    review = gold_dir / "targets_review.csv"
    if review.is_file():
        rv = pd.read_csv(review, dtype={"qualifier": str, "unit": str})
        per_item: dict[str, list[int]] = {}
        for r in rv.itertuples(index=False):
            row = by_path.loc[r.path]
            good = cell_ok(row, r.item, r.value, r.value_high, r.qualifier, r.unit)
            per_item.setdefault(r.item, [0, 0])
            per_item[r.item][0] += good
            per_item[r.item][1] += 1
            if not good:
                misses.append(f"review {r.path} {r.item}: "
                              f"got {row[r.item]}/{row.get(f'{r.item}_high')}/{row[f'{r.item}_qualifier']}, "
                              f"gold {r.value}/{r.value_high}/{r.qualifier}")
        ok = sum(v[0] for v in per_item.values())
        n = sum(v[1] for v in per_item.values())
        out["extra hand check (20 reports, 9 cells each)"] = f"{ok}/{n} = {ok / n:.1%}"
        for item, (k, m) in per_item.items():
            out[f"  {item}"] = f"{k}/{m}"
    out["_misses"] = misses
    return out


def cell_ok(row: pd.Series, item: str, value: object, high: object, qualifier: object, unit: object = None) -> bool:
    """Does one cell group of the dataset (``gdp_target``, ``retail_sales_target`` …) agree with gold?

    Gold ``none`` (or an empty value) agrees with a missing value.
    """
    if _qual(qualifier) == "none" or pd.isna(value):
        return pd.isna(row[item])
    got_high = row[f"{item}_high"] if f"{item}_high" in row.index else None
    good = _eq(row[item], value) and _eq(got_high, high) and _qual(row[f"{item}_qualifier"]) == _qual(qualifier)
    if item == "gdp_prev_level":
        good = good and row["gdp_prev_level_unit"] == unit
    return good


def load_written(path: Path = OUT) -> pd.DataFrame:
    """Read a written file back the way ``govreports.targets.load_targets`` does (all rows)."""
    sys.path.insert(0, str(ROOT))
    from govreports.datasets._targets import read_target_table

    with path.open("rb") as fh:
        return read_target_table(fh)


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the lawtext-gov folder")
    ap.add_argument("--out", type=Path, default=OUT, help="data file to write")
    ap.add_argument("--coverage-doc", type=Path, default=COVERAGE_DOC, help="Markdown coverage report to write")
    ap.add_argument("--check", action="store_true", help="score against the hand-checked files in tests/data")
    ap.add_argument("--no-build", action="store_true", help="with --check: score the bundled file, do not rebuild")
    args = ap.parse_args(argv)

    if args.no_build:
        table = load_written(args.out)
        scores = check(table)
        CARD.write_text(
            card_with_blocks(CARD.read_text(encoding="utf-8"), card_blocks(table, scores)), encoding="utf-8"
        )
        print(f"updated the numbers of {CARD}")
        for k, v in scores.items():
            if not k.startswith("_"):
                print(f"{k}: {v}")
        print(*scores["_misses"], sep="\n")  # type: ignore[arg-type]
        return 0
    if not args.corpus.is_dir():
        print(f"{args.corpus}: corpus not found; nothing built", file=sys.stderr)
        return 1
    table, info = build(args.corpus)
    write_table(table, args.out)
    print(f"wrote {len(table)} rows to {args.out}")
    scores = check(load_written(args.out)) if args.check else None
    if scores:
        CARD.write_text(card_with_blocks(CARD.read_text(encoding="utf-8"), card_blocks(load_written(args.out), scores)),
                        encoding="utf-8")
        print(f"updated the numbers of {CARD}")
    doc = coverage_doc(table, info, scores)
    args.coverage_doc.write_text(doc, encoding="utf-8")
    print(f"wrote {args.coverage_doc}")
    print(coverage(table).to_string(index=False))
    none = table[table["gdp_target_qualifier"] == "none_found"]
    print(f"\n{len(none)} reports with no GDP target found:")
    for r in none.sort_values("source_path").itertuples():
        print(f"  {r.source_path} ({r.year})")
    if scores:
        print()
        for k, v in scores.items():
            if not k.startswith("_"):
                print(f"{k}: {v}")
        print(*scores["_misses"], sep="\n")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
