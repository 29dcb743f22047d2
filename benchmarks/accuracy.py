"""Accuracy of extract_metrics and panel against the hand-made gold files in tests/data.

Run from the repository root::

    python benchmarks/accuracy.py            # seed + corpus sample + national targets
    python benchmarks/accuracy.py --details  # also list misses and false positives

The seed gold is scored on the bundled sample; the corpus gold and the national
GDP targets need ../shared/corpora/lawtext-gov (skipped with a note when absent).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CORPUS = ROOT.parent / "shared" / "corpora" / "lawtext-gov"


def seed_scores():
    import govreports as gr
    from govreports.evaluate import locate_gold, score_metrics, score_panel

    reports = gr.load_sample()
    gold = pd.read_csv(DATA / "seed_gold.csv")
    gold["report_id"] = gold["region"].map(dict(zip(reports["region"], reports["report_id"])))
    gold = locate_gold(gold, reports.set_index("report_id")["text"])
    metrics = gr.extract_metrics(reports)
    return score_metrics(metrics, gold), score_panel(gr.panel(metrics), gold)


def corpus_scores():
    import govreports as gr
    from govreports.evaluate import locate_gold, score_metrics, score_panel

    gold = pd.read_csv(DATA / "corpus_gold.csv")
    paths = sorted(gold["path"].unique())
    reports = gr.read_reports([CORPUS / p for p in paths])
    reports["path"] = paths
    gold["report_id"] = gold["path"].map(dict(zip(reports["path"], reports["report_id"])))
    gold = locate_gold(gold, reports.set_index("report_id")["text"])
    metrics = gr.extract_metrics(reports)
    return score_metrics(metrics, gold), score_panel(gr.panel(metrics), gold)


LOCAL = DATA / "local"
_SUFFIXES = ("街道办事处", "街道", "镇", "乡", "苏木", "自治县", "县", "区", "市", "旗")


def _same_region(got: object, want: str) -> bool:
    """Region names agree; a gold name the text gives only without its suffix
    (黎平) matches the name with one (黎平县)."""
    from govreports.datasets._lexicons import t2s_table

    want = want.translate(t2s_table())
    got = "" if not isinstance(got, str) else got
    if got == want:
        return True
    return not want.endswith(_SUFFIXES) and any(got == want + s for s in _SUFFIXES)


def local_scores(split: str):
    """Figures, periods and metadata on the local township/county set (tests/data/local)."""
    import govreports as gr
    from govreports.evaluate import locate_gold, score_metrics

    manifest = pd.read_csv(LOCAL / "manifest.csv", dtype=str, keep_default_na=False)
    manifest = manifest[manifest["split"] == split]
    gold = pd.read_csv(LOCAL / "gold.csv", keep_default_na=False, na_values={"value": [""], "value_high": [""]})
    gold = gold[gold["doc_id"].isin(set(manifest["doc_id"]))].copy()
    gold["qualifier"] = gold["qualifier"].replace("", None)
    paths = [LOCAL / "texts" / f"{d}.txt" for d in manifest["doc_id"]]
    reports = gr.read_reports(paths, errors="collect")
    by_source: dict[str, str] = {}
    for src, rid in zip(reports["source"], reports["report_id"]):
        by_source.setdefault(Path(str(src)).stem, rid)  # a text split in two is scored on its first part
    gold["report_id"] = gold["doc_id"].map(by_source)
    raw = pd.Series({by_source[p.stem]: p.read_text(encoding="utf-8") for p in paths if p.stem in by_source})
    gold = locate_gold(gold, reports.set_index("report_id")["text"], raw=raw)
    metrics = gr.extract_metrics(reports)
    score = score_metrics(metrics, gold)
    matched = gold.loc[score.pairs["gold"]].reset_index(drop=True)
    got_period = metrics.loc[score.pairs["metrics"], "period"].reset_index(drop=True)
    period_ok = (got_period.astype(str) == matched["period"].astype(str))
    targets = gold[gold["kind"] == "target"]
    target_hits = set(score.pairs["gold"]) & set(targets.index)
    reps = reports.set_index("report_id")
    meta = []
    for row in manifest.itertuples(index=False):
        r = reps.loc[by_source[row.doc_id]] if row.doc_id in by_source else None
        plan = None
        if r is not None and not pd.isna(r["year"]):
            plan = int(r["year"])  # the year the report is for (a Nov/Dec session's: the next)
        meta.append({
            "doc_id": row.doc_id, "region_ok": r is not None and _same_region(r["region"], row.region),
            "level_ok": r is not None and str(r["level"]) == row.level, "year_ok": plan == int(row.year),
            "got": None if r is None else f"{r['region']}/{r['level']}/{plan}",
            "want": f"{row.region}/{row.level}/{row.year}",
        })
    meta = pd.DataFrame(meta)
    mism = matched.assign(got_period=got_period)[~period_ok.values]
    return {
        "score": score, "period": (int(period_ok.sum()), len(period_ok)), "period_misses": mism,
        "targets": (len(target_hits), len(targets)), "meta": meta, "texts": len(manifest),
    }


def print_local(split: str, details: bool) -> None:
    if not (LOCAL / "manifest.csv").exists():
        return
    r = local_scores(split)
    s, meta = r["score"], r["meta"]
    p_ok, p_n = r["period"]
    t_ok, t_n = r["targets"]
    print(f"local {split:4s} ({r['texts']} township/county texts) extract_metrics: {s}")
    print(f"local {split:4s} period right for {p_ok / max(1, p_n):.3f} of matched figures ({p_ok}/{p_n}); "
          f"target rows recall {t_ok / max(1, t_n):.3f} ({t_ok}/{t_n})")
    n = len(meta)
    print(f"local {split:4s} region {meta['region_ok'].mean():.3f} ({meta['region_ok'].sum()}/{n}), "
          f"level {meta['level_ok'].mean():.3f} ({meta['level_ok'].sum()}/{n}), "
          f"year {meta['year_ok'].mean():.3f} ({meta['year_ok'].sum()}/{n})")
    if details and split != "test":  # the test part is never looked at while fixing
        cols = [
            "doc_id", "indicator", "kind", "measure", "value", "value_high", "qualifier", "period", "quote", "start",
        ]
        print(s.misses[cols].to_string())
        print(s.false_positives[["report_id", "indicator", "kind", "measure", "value", "value_high", "qualifier",
                                 "start", "indicator_text"]].to_string())
        print(r["period_misses"][cols + ["got_period"]].to_string())
        print(meta[~(meta["region_ok"] & meta["level_ok"] & meta["year_ok"])].to_string())


def _eq(a, b) -> bool:
    na = a is None or (isinstance(a, float) and math.isnan(a))
    nb = b is None or (isinstance(b, float) and math.isnan(b))
    return (na and nb) or (not na and not nb and abs(float(a) - float(b)) < 1e-9)


def _gdp_check(gdp, rid, target, high, qualifier, prev):
    """Compare one report's panel GDP growth target and previous growth with gold.

    Returns (target_ok, prev_ok, target rows, actual rows)."""
    t = gdp[(gdp["report_id"] == rid) & (gdp["kind"] == "target")]
    a = gdp[(gdp["report_id"] == rid) & (gdp["kind"] == "actual")]
    want_q = "" if pd.isna(qualifier) else qualifier
    if want_q == "none":
        t_ok = t.empty
    else:
        got_q = t.iloc[0]["qualifier"] if not t.empty else None
        t_ok = (not t.empty and _eq(t.iloc[0]["value"], target) and _eq(t.iloc[0]["value_high"], high)
                and ("" if pd.isna(got_q) else got_q) == want_q)
    a_ok = a.empty if pd.isna(prev) else (not a.empty and _eq(a.iloc[0]["value"], prev))
    return t_ok, a_ok, t, a


def national_scores():
    """Panel GDP growth target and previous-year growth for the State Council 1994–2026."""
    import govreports as gr

    gold = pd.read_csv(DATA / "national_gdp_gold.csv")
    files = [CORPUS / "政府工作报告-国务院" / f"{y}.md" for y in gold["year"]]
    reports = gr.read_reports(files)
    p = gr.panel(reports)
    gdp = p[(p["indicator"] == "gdp") & (p["measure"] == "growth")]
    rows = []
    for g, rid in zip(gold.itertuples(index=False), reports["report_id"]):
        target_ok, prev_ok, t, a = _gdp_check(gdp, rid, g.target_value, g.target_high, g.target_qualifier,
                                              g.prev_growth_value)
        want_q = "" if pd.isna(g.target_qualifier) else g.target_qualifier
        got_t = "none" if t.empty else f"{t.iloc[0]['value']}-{t.iloc[0]['value_high']}/{t.iloc[0]['qualifier']}"
        got_a = "none" if a.empty else str(a.iloc[0]["value"])
        rows.append({"year": g.year, "target_ok": target_ok, "got_target": got_t,
                     "want_target": f"{g.target_value}-{g.target_high}/{want_q}",
                     "prev_ok": prev_ok, "got_prev": got_a, "want_prev": g.prev_growth_value})
    return pd.DataFrame(rows)


def random_check_scores():
    """GDP growth target and previous-year growth on the 66 randomly drawn reports (held out)."""
    import govreports as gr

    gold = pd.read_csv(DATA / "targets_check.csv")
    reports = gr.read_reports([CORPUS / p for p in gold["path"]])
    p = gr.panel(reports)
    gdp = p[(p["indicator"] == "gdp") & (p["measure"] == "growth")]
    rows = []
    for g, rid in zip(gold.itertuples(index=False), reports["report_id"]):
        t_ok, a_ok, t, a = _gdp_check(gdp, rid, g.gdp_target_value, g.gdp_target_high, g.gdp_target_qualifier,
                                      g.prev_gdp_growth_value)
        want_q = "" if pd.isna(g.gdp_target_qualifier) else g.gdp_target_qualifier
        rows.append({"path": g.path, "target_ok": t_ok,
                     "got_target": "none" if t.empty else (
                         f"{t.iloc[0]['value']}-{t.iloc[0]['value_high']}/{t.iloc[0]['qualifier']}@{t.iloc[0]['start']}"
                     ),
                     "want_target": f"{g.gdp_target_value}-{g.gdp_target_high}/{want_q} {g.gdp_target_surface}",
                     "prev_ok": a_ok, "got_prev": "none" if a.empty else f"{a.iloc[0]['value']}@{a.iloc[0]['start']}",
                     "want_prev": f"{g.prev_gdp_growth_value} {g.prev_gdp_growth_surface}"})
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list misses and false positives")
    ap.add_argument("--local", choices=["dev", "test", "both", "none"], default="dev",
                    help="score the local township/county set: its development part (default), its test part, or both")
    ap.add_argument("--local-only", action="store_true", help="only the local set")
    args = ap.parse_args(argv)
    if args.local != "none":
        for split in (["dev", "test"] if args.local == "both" else [args.local]):
            print_local(split, args.details)
    if args.local_only:
        return 0
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    cols = ["report_id", "indicator", "kind", "measure", "value", "value_high", "unit", "qualifier", "start"]
    m, p = seed_scores()
    print(f"seed     extract_metrics: {m}")
    print(f"seed     panel:           accuracy {p.recall:.3f} ({p.true_positives}/{p.gold}), "
          f"extra rows {len(p.false_positives)}")
    if args.details:
        print(m.misses[cols + ["quote"]].to_string())
        print(m.false_positives[cols + ["indicator_text"]].to_string())
        print(p.misses[cols[:-1]].to_string())
        print(p.false_positives[cols + ["indicator_text"]].to_string())
    if not CORPUS.is_dir():
        print("corpus: ../shared/corpora/lawtext-gov absent; corpus scores skipped")
        return 0
    m, p = corpus_scores()
    print(f"corpus   extract_metrics: {m}")
    print(f"corpus   panel:           accuracy {p.recall:.3f} ({p.true_positives}/{p.gold}), "
          f"extra rows {len(p.false_positives)}")
    if args.details:
        print(m.misses[cols + ["quote"]].to_string())
        print(m.false_positives[cols + ["indicator_text"]].to_string())
        print(p.misses[cols[:-1] + ["quote"]].to_string())
    n = national_scores()
    print(f"national GDP target 1994-2026: {n['target_ok'].sum()}/{len(n)} right; "
          f"previous-year growth: {n['prev_ok'].sum()}/{len(n)} right")
    if args.details:
        print(n[~(n["target_ok"] & n["prev_ok"])].to_string())
    r = random_check_scores()
    print(f"random check (66 reports, 2005+, held out): GDP target {r['target_ok'].sum()}/{len(r)} right; "
          f"previous-year growth {r['prev_ok'].sum()}/{len(r)} right")
    if args.details:
        print(r[~(r["target_ok"] & r["prev_ok"])].to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
