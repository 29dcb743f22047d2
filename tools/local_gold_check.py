"""Check the hand-made gold of the local development set (tests/data/local).

Bookkeeping only: it never decides a value. For every gold row it checks that
the quote is found at its occurrence, that the number in the quote equals
``|value|`` (and ``value_high``), that the enumerations are valid and that
each (doc_id, indicator, kind, measure) has at most one headline; then it
prints each row with its sentence and the figure marked, for a second reading.

    python tools/local_gold_check.py                  # the merged files
    python tools/local_gold_check.py --prefix h3      # a helper's part files
    python tools/local_gold_check.py --quiet          # problems only
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "local"

INDICATORS = set(
    """gdp fixed_asset_investment industrial_investment general_budget_revenue general_budget_capacity
    general_budget_expenditure fiscal_revenue tax_revenue retail_sales retail_sales_above_quota industrial_output
    industrial_output_above_scale industrial_value_added industrial_value_added_all foreign_trade exports
    foreign_investment rural_income urban_income resident_income urban_rural_income_ratio agri_output
    agri_value_added agri_industry_output grain_output services_revenue market_turnover investment_projects_new
    investment_funds_in_place cpi urban_jobs unemployment""".split()
)
KINDS = {"actual", "target"}
MEASURES = {"level", "growth", "growth_avg", "share", "points", "count"}
QUALIFIERS = {"", "about", "at_least", "at_most", "range"}
LEVELS = {"township", "county"}
SHAPES = {"gov_page", "doc_site", "pdf_text", "one_paragraph", "summary", "plain"}
PERIOD = re.compile(r"^(?:\d{4}|\d{4}-\d{4}|\d{4}-\d{2}/\d{4}-\d{2})$")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
CN = "零〇一二两三四五六七八九十百千"


def split_of(doc_id: str) -> str:
    """The part a text belongs to, fixed by its doc_id: within each level,
    SHA-1 of ``"govreports-local:" + doc_id`` modulo 5 in {1, 3} is ``test``."""
    h = int(hashlib.sha1(f"govreports-local:{doc_id}".encode()).hexdigest()[:8], 16)
    return "test" if h % 5 in (1, 3) else "dev"


def nth(text: str, needle: str, k: int) -> int:
    pos = -1
    for _ in range(k + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def sentence_at(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(c, 0, start) for c in "。；;\n") + 1
    hi = min([i for i in (text.find(c, end) for c in "。；;\n") if i >= 0] or [len(text)])
    return text[lo:start] + "⟦" + text[start:end] + "⟧" + text[end:hi + 1]


def files(prefix: str | None) -> tuple[list[Path], list[Path]]:
    if prefix:
        return [ROOT / "parts" / f"{prefix}_manifest.csv"], [ROOT / "parts" / f"{prefix}_gold.csv"]
    return [ROOT / "manifest.csv"], [ROOT / "gold.csv"]


def read(paths: list[Path]) -> list[dict]:
    rows = []
    for p in paths:
        if p.exists():
            with p.open(encoding="utf-8", newline="") as fh:
                rows += list(csv.DictReader(fh))
    return rows


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--prefix")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    mpaths, gpaths = files(args.prefix)
    manifest = {r["doc_id"]: r for r in read(mpaths)}
    gold = read(gpaths)
    problems = 0

    def bad(msg: str) -> None:
        nonlocal problems
        problems += 1
        print("PROBLEM", msg)

    for d, r in manifest.items():
        if not (ROOT / "texts" / f"{d}.txt").exists():
            bad(f"{d}: no text file")
        if r.get("level") not in LEVELS:
            bad(f"{d}: level {r.get('level')!r}")
        if not (r.get("year") or "").isdigit() or not 2010 <= int(r["year"]) <= 2026:
            bad(f"{d}: year {r.get('year')!r}")
        if r.get("shape") not in SHAPES:
            bad(f"{d}: shape {r.get('shape')!r}")
        if not r.get("url", "").startswith("http"):
            bad(f"{d}: url {r.get('url')!r}")
        if not args.prefix and r.get("split") != split_of(d):
            bad(f"{d}: split {r.get('split')!r}, the rule says {split_of(d)!r}")
    if not args.prefix:
        orphans = sorted({p.stem for p in (ROOT / "texts").glob("*.txt")} - set(manifest))
        if orphans:
            bad(f"texts without a manifest row: {', '.join(orphans)}")
    heads: dict[tuple, int] = {}
    for i, g in enumerate(gold, start=2):
        where = f"{g.get('doc_id')} line {i}"
        if g["doc_id"] not in manifest:
            bad(f"{where}: doc_id not in manifest")
            continue
        text = (ROOT / "texts" / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
        for col, allowed in (
            ("indicator", INDICATORS), ("kind", KINDS), ("measure", MEASURES), ("qualifier", QUALIFIERS)
        ):
            if g[col] not in allowed:
                bad(f"{where}: {col} {g[col]!r}")
        if not PERIOD.match(g["period"]):
            bad(f"{where}: period {g['period']!r}")
        if g["headline"] not in ("0", "1"):
            bad(f"{where}: headline {g['headline']!r}")
        if g["headline"] == "1":
            key = (g["doc_id"], g["indicator"], g["kind"], g["measure"])
            if key in heads:
                bad(f"{where}: second headline for {key} (first on line {heads[key]})")
            heads[key] = i
        start = nth(text, g["quote"], int(g["occurrence"] or 0))
        if start < 0:
            bad(f"{where}: quote {g['quote']!r} occurrence {g['occurrence']} not found")
            continue
        nums = [float(n.replace(",", "")) for n in NUMBER.findall(g["quote"])]
        if nums:
            try:
                value = abs(float(g["value"]))
            except ValueError:
                bad(f"{where}: value {g['value']!r}")
                continue
            if abs(nums[0] - value) > 1e-9 * max(1, value):
                bad(f"{where}: quote number {nums[0]} != |value| {value}")
            if g["value_high"]:
                if len(nums) < 2 or abs(nums[1] - abs(float(g["value_high"]))) > 1e-9 * max(1, nums[1]):
                    bad(f"{where}: value_high {g['value_high']} not the quote's second number")
        elif not any(c in CN for c in g["quote"]):
            bad(f"{where}: no number in quote {g['quote']!r}")
        if g["value_high"] and g["qualifier"] != "range":
            bad(f"{where}: value_high without qualifier range")
        if not args.quiet:
            print(
                f"{where}: {g['indicator']} {g['kind']} {g['measure']} {g['value']}"
                f"{'–' + g['value_high'] if g['value_high'] else ''} {g['unit']} {g['qualifier'] or '-'} "
                f"{g['period']} h={g['headline']}\n    {sentence_at(text, start, start + len(g['quote']))}"
            )
    print(f"{len(manifest)} texts, {len(gold)} gold rows, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
