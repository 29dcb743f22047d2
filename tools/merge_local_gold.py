"""Add annotators' part files to the local development set's manifest and gold file.

    python tools/merge_local_gold.py

Reads tests/data/local/parts/<prefix>_manifest.csv and <prefix>_gold.csv (one pair per
annotator, columns as in tests/data/local/GUIDE.md), adds them to tests/data/local/manifest.csv
and gold.csv (sorted by doc_id), and assigns each new text to the development or the test
part by the rule in tools/local_gold_check.py (``split_of``: fixed by the doc_id alone, so
adding texts never moves an old one between parts). A page already in the set, or taken by
two annotators, is kept once (the first by doc_id). Delete the part files once merged: the
merged files are the data.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_gold_check import split_of  # noqa: E402  (one rule for the split)

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "local"
MANIFEST = ["doc_id", "url", "province", "region", "parent", "level", "year", "shape", "split", "notes"]
GOLD = ["doc_id", "indicator", "kind", "measure", "value", "value_high", "unit", "qualifier", "period", "quote",
        "occurrence", "headline", "notes"]


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main() -> int:
    manifest, gold = _read(ROOT / "manifest.csv"), _read(ROOT / "gold.csv")
    parts = sorted((ROOT / "parts").glob("*_manifest.csv")) if (ROOT / "parts").is_dir() else []
    if not parts:
        print("no part files in tests/data/local/parts/: nothing to merge")
        return 0
    for part in parts:
        manifest += _read(part)
        gold += _read(part.with_name(part.name.replace("_manifest", "_gold")))
    urls: dict[str, str] = {}
    dropped = set()
    for r in sorted(manifest, key=lambda r: r["doc_id"]):
        u = r["url"].strip().rstrip("/")
        if u in urls:
            print(f"same page twice: {urls[u]} and {r['doc_id']}; {r['doc_id']} dropped", file=sys.stderr)
            dropped.add(r["doc_id"])
            continue
        urls[u] = r["doc_id"]
        r["split"] = split_of(r["doc_id"])
    manifest = sorted((r for r in manifest if r["doc_id"] not in dropped), key=lambda r: r["doc_id"])
    gold = sorted((g for g in gold if g["doc_id"] not in dropped), key=lambda g: g["doc_id"])  # stable
    for path, rows, cols in ((ROOT / "manifest.csv", manifest, MANIFEST), (ROOT / "gold.csv", gold, GOLD)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, cols, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    print(f"{len(manifest)} texts, {len(gold)} gold rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
