"""The local township/county set (tests/data/local): its files, and accuracy on its development part.

The thresholds guard against regressions on text the library was not built on; the
test part is scored by ``benchmarks/accuracy.py --local test`` only, never in a test that
could be tuned against.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent / "data" / "local"
BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _rows(name: str) -> list[dict]:
    with (ROOT / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_text_is_listed_once_with_its_address():
    manifest = _rows("manifest.csv")
    ids = [r["doc_id"] for r in manifest]
    assert len(ids) == len(set(ids)) >= 220
    assert {p.stem for p in (ROOT / "texts").glob("*.txt")} == set(ids)
    assert all(r["url"].startswith("http") for r in manifest)
    assert len({r["url"].rstrip("/") for r in manifest}) == len(manifest)
    assert {r["level"] for r in manifest} == {"township", "county"}


def test_the_split_is_fixed_by_the_doc_id():
    for r in _rows("manifest.csv"):
        h = int(hashlib.sha1(f"govreports-local:{r['doc_id']}".encode()).hexdigest()[:8], 16)
        assert r["split"] == ("test" if h % 5 in (1, 3) else "dev"), r["doc_id"]


def test_gold_quotes_are_in_their_texts():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "texts").glob("*.txt")}
    for g in _rows("gold.csv"):
        pos = -1
        for _ in range(int(g["occurrence"]) + 1):
            pos = texts[g["doc_id"]].find(g["quote"], pos + 1)
        assert pos >= 0, (g["doc_id"], g["quote"])


@pytest.fixture(scope="module")
def dev_scores():
    import sys

    sys.path.insert(0, str(BENCH))
    try:
        import accuracy
    finally:
        sys.path.remove(str(BENCH))
    return accuracy.local_scores("dev")


def test_figures_on_the_development_part(dev_scores):
    s = dev_scores["score"]
    assert s.precision >= 0.98 and s.recall >= 0.96, str(s)


def test_periods_on_the_development_part(dev_scores):
    ok, n = dev_scores["period"]
    assert ok / n >= 0.97


def test_region_level_year_on_the_development_part(dev_scores):
    # (0.96: most misses are excerpts that name their place only without its suffix — 黄池, 君山,
    # 新昌 — which the library leaves without a region, flagged no_region, rather than guess)
    meta = dev_scores["meta"]
    for col in ("region_ok", "level_ok", "year_ok"):
        assert meta[col].mean() >= 0.96, meta[~meta[col]].to_string()
