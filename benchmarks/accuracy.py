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
        rows.append({"year": g.year, "target_ok": target_ok, "got_target": got_t, "want_target": f"{g.target_value}-{g.target_high}/{want_q}",
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
                     "got_target": "none" if t.empty else f"{t.iloc[0]['value']}-{t.iloc[0]['value_high']}/{t.iloc[0]['qualifier']}@{t.iloc[0]['start']}",
                     "want_target": f"{g.gdp_target_value}-{g.gdp_target_high}/{want_q} {g.gdp_target_surface}",
                     "prev_ok": a_ok, "got_prev": "none" if a.empty else f"{a.iloc[0]['value']}@{a.iloc[0]['start']}",
                     "want_prev": f"{g.prev_gdp_growth_value} {g.prev_gdp_growth_surface}"})
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    cols = ["report_id", "indicator", "kind", "measure", "value", "value_high", "unit", "qualifier", "start"]
    m, p = seed_scores()
    print(f"seed     extract_metrics: {m}")
    print(f"seed     panel:           accuracy {p.recall:.3f} ({p.true_positives}/{p.gold}), extra rows {len(p.false_positives)}")
    if args.details:
        print(m.misses[cols + ["quote"]].to_string()); print(m.false_positives[cols + ["indicator_text"]].to_string())
        print(p.misses[cols[:-1]].to_string()); print(p.false_positives[cols + ["indicator_text"]].to_string())
    if not CORPUS.is_dir():
        print("corpus: ../shared/corpora/lawtext-gov absent; corpus scores skipped")
        return 0
    m, p = corpus_scores()
    print(f"corpus   extract_metrics: {m}")
    print(f"corpus   panel:           accuracy {p.recall:.3f} ({p.true_positives}/{p.gold}), extra rows {len(p.false_positives)}")
    if args.details:
        print(m.misses[cols + ["quote"]].to_string()); print(m.false_positives[cols + ["indicator_text"]].to_string())
        print(p.misses[cols[:-1] + ["quote"]].to_string())
    n = national_scores()
    print(f"national GDP target 1994-2026: {n['target_ok'].sum()}/{len(n)} right; previous-year growth: {n['prev_ok'].sum()}/{len(n)} right")
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
