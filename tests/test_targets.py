"""Tests of the bundled growth-target dataset (govreports.targets).

The data file ships with the package, so most tests run without ``../shared``.
Accuracy is measured from the bundled table (not by re-running the panel)
against the hand-checked files in ``tests/data``: ``targets_check.csv`` (66
randomly drawn reports, see ``README_corpus_gold.md``), ``national_gdp_gold.csv``
(the State Council 1994–2026) and ``targets_review.csv`` (20 more randomly
drawn reports with every target column, made by reading; see the card
``govreports/datasets/targets.md``). Tests marked ``corpus`` re-read the reports
and skip when the corpus is absent.
"""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from govreports.datasets._targets import TARGET_INDICATORS, load_national_targets, load_targets
from govreports.errors import InvalidOptionError
from govreports.schema import LEVELS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CORPUS = ROOT.parent / "shared" / "corpora" / "lawtext-gov"

FIGURES = ("gdp_target", "gdp_prev_growth", "gdp_prev_level", *(f"{i}_target" for i in TARGET_INDICATORS))
QUALIFIERS = {"", "about", "at_least", "at_most", "range"}
NONE_TARGET = {"none_stated", "none_found"}


@pytest.fixture(scope="module")
def everything() -> pd.DataFrame:
    return load_targets(all_reports=True)


@pytest.fixture(scope="module")
def primary() -> pd.DataFrame:
    return load_targets()


# ------------------------------------------------------------------ shape and types

def test_loads_offline_with_fixed_dtypes(primary):
    assert len(primary) > 2500
    assert isinstance(primary["level"].dtype, pd.CategoricalDtype)
    assert list(primary["level"].cat.categories) == list(LEVELS) and primary["level"].cat.ordered
    assert str(primary["year"].dtype) == "Int64"
    assert primary["primary"].dtype == bool
    assert str(primary["gdp_prev_growth_estimate"].dtype) == "boolean"
    for f in FIGURES:
        assert primary[f].dtype == "float64", f
        assert str(primary[f"{f}_start"].dtype) == "Int64", f
        assert str(primary[f"{f}_end"].dtype) == "Int64", f
    for c in ("region", "source_path", "division_code", "quality_flags"):
        assert primary[c].notna().all(), c


def test_sorted_by_level_region_year(primary):
    keys = list(zip(primary["level"].cat.codes, primary["region"], primary["year"]))
    assert keys == sorted(keys)
    assert list(primary.index) == list(range(len(primary)))


def test_one_primary_row_per_region_level_year(primary, everything):
    assert not primary.duplicated(["region", "level", "year"]).any()
    assert everything["source_path"].is_unique and everything["report_id"].is_unique
    assert primary["primary"].all()
    others = everything[~everything["primary"]]
    assert len(others) >= 1
    # every hidden row shares its key with a primary row, and says so
    assert others["quality_flags"].str.contains("same_year").all()
    prim_keys = set(zip(primary["region"], primary["level"], primary["year"]))
    assert all(k in prim_keys for k in zip(others["region"], others["level"], others["year"]))


def test_provenance_columns_and_no_long_text(everything):
    for f in FIGURES:
        for suffix in ("_surface", "_start", "_end", "_qualifier"):
            assert f"{f}{suffix}" in everything.columns
    text_cols = everything.select_dtypes(include=["object", "string", "str"]).columns
    surfaces = [c for c in text_cols if c.endswith("_surface")]
    assert surfaces and max(everything[c].dropna().str.len().max() for c in surfaces) <= 20
    # no other text column can hold a sentence either
    for c in text_cols:
        if c not in ("quality_flags", "flags"):
            assert everything[c].dropna().astype(str).str.len().max() <= 40, c


def test_offsets_agree_with_surfaces(everything):
    for f in FIGURES:
        has = everything[f"{f}_surface"].notna()
        sub = everything[has]
        assert (sub[f"{f}_end"] - sub[f"{f}_start"] == sub[f"{f}_surface"].str.len()).all(), f
        assert (everything.loc[~has, f"{f}_start"].isna()).all(), f


def test_qualifiers_are_missing_exactly_where_values_are(everything):
    for f in FIGURES:
        q = everything[f"{f}_qualifier"]
        v = everything[f]
        if f == "gdp_target":
            assert set(q.dropna()) <= QUALIFIERS | NONE_TARGET
            assert (v.isna() == q.isin(NONE_TARGET)).all()
            assert q.notna().all()
        else:
            assert set(q.dropna()) <= QUALIFIERS, f
            assert (v.isna() == q.isna()).all(), f


def test_ranges_and_range_bounds(everything):
    for f in FIGURES:
        high = f"{f}_high"
        if high in everything.columns:
            both = everything[everything[high].notna()]
            assert (both[high] > both[f]).all(), f
            assert (both[f"{f}_qualifier"] == "range").all(), f
    growth = ["gdp_target", "gdp_prev_growth", *(f"{i}_target" for i in TARGET_INDICATORS)]
    for c in growth:
        assert everything[c].dropna().between(-100, 200).all(), c  # a decline cannot exceed 100%
    assert (everything["gdp_prev_level"].dropna() > 0).all()
    assert set(everything["gdp_prev_level_unit"].dropna()) <= {"亿元", "万亿元", "万元", "亿", "万亿"}
    # GDP growth targets are single digits to low teens; a stray misattributed
    # figure (an energy-intensity cut) is rare
    gdp = everything["gdp_target"].dropna()
    assert (~gdp.between(0, 20)).mean() < 0.005


def test_surfaces_carry_the_number(everything):
    checked = 0
    for f in FIGURES:
        sub = everything[everything[f].notna()]
        for v, s in zip(sub[f], sub[f"{f}_surface"]):
            if re.search(r"\d", s):
                nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", s.replace(" ", ""))]
                assert any(math.isclose(abs(v), n) for n in nums), (f, v, s)
                checked += 1
    assert checked > 10000


# ------------------------------------------------------------------ coverage

def test_every_state_council_report_1994_2026(primary):
    nat = primary[primary["level"] == "national"]
    assert sorted(nat["year"]) == list(range(1994, 2027))
    assert nat["gdp_target_qualifier"].notna().all()
    assert (nat["source_path"] == [f"政府工作报告-国务院/{y}.md" for y in nat["year"]]).all()


def test_coverage_of_provinces_and_cities_from_2005(primary):
    sub = primary[primary["level"].isin(["province", "city"]) & (primary["year"] >= 2005)]
    covered = sub["gdp_target"].notna() | (sub["gdp_target_qualifier"] == "none_stated")
    assert len(sub) > 2500
    assert covered.mean() >= 0.90


def test_division_codes_where_located(primary):
    sub = primary[primary["level"] != "national"]
    codes = sub["division_code"]
    assert (codes == "").mean() < 0.01
    assert codes[codes != ""].str.fullmatch(r"\d{12}").all()
    assert (primary.loc[primary["level"] == "national", "division_code"] == "").all()


# ------------------------------------------------------------------ accuracy (from the bundled data)

def _na(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _same(a: object, b: object) -> bool:
    return (_na(a) and _na(b)) or (not _na(a) and not _na(b) and abs(float(a) - float(b)) < 1e-9)  # type: ignore[arg-type]


def _q(x: object) -> str:
    return "" if _na(x) else str(x)


def _target_right(row: pd.Series, value: object, high: object, qualifier: object) -> bool:
    if _q(qualifier) == "none":
        return _na(row["gdp_target"]) and row["gdp_target_qualifier"] in NONE_TARGET
    return (_same(row["gdp_target"], value) and _same(row["gdp_target_high"], high)
            and _q(row["gdp_target_qualifier"]) == _q(qualifier))


def test_accuracy_on_the_random_check_sample(everything):
    gold = pd.read_csv(DATA / "targets_check.csv", dtype={"gdp_target_qualifier": str})
    rows = everything.set_index("source_path").loc[gold["path"]]
    target = [_target_right(r, g.gdp_target_value, g.gdp_target_high, g.gdp_target_qualifier)
              for (_, r), g in zip(rows.iterrows(), gold.itertuples())]
    prev = [_same(r["gdp_prev_growth"], g.prev_gdp_growth_value)
            for (_, r), g in zip(rows.iterrows(), gold.itertuples())]
    assert len(gold) == 66
    assert sum(target) / len(gold) >= 0.97
    assert (sum(target) + sum(prev)) / (2 * len(gold)) >= 0.97


def test_accuracy_on_the_state_council_series(primary):
    gold = pd.read_csv(DATA / "national_gdp_gold.csv", dtype={"target_qualifier": str})
    nat = primary[primary["level"] == "national"].set_index("year")
    target = [_target_right(nat.loc[g.year], g.target_value, g.target_high, g.target_qualifier)
              for g in gold.itertuples()]
    prev = [_same(nat.loc[g.year, "gdp_prev_growth"], g.prev_growth_value) for g in gold.itertuples()]
    assert sum(target) / len(gold) >= 0.97
    assert sum(prev) / len(gold) >= 0.90


def test_accuracy_on_the_extra_hand_check(everything):
    gold = pd.read_csv(DATA / "targets_review.csv", dtype={"qualifier": str, "unit": str})
    by_path = everything.set_index("source_path")
    right = []
    for g in gold.itertuples():
        row = by_path.loc[g.path]
        if g.item == "gdp_target":
            right.append(_target_right(row, g.value, g.value_high, g.qualifier))
        elif _na(g.value):
            right.append(_na(row[g.item]))
        else:
            high = row[f"{g.item}_high"] if f"{g.item}_high" in row.index else None
            ok = (
                _same(row[g.item], g.value)
                and _same(high, g.value_high)
                and _q(row[f"{g.item}_qualifier"]) == _q(g.qualifier)
            )
            if g.item == "gdp_prev_level":
                ok = ok and row["gdp_prev_level_unit"] == g.unit
            right.append(ok)
    gold["right"] = right
    assert len(gold) == 180
    assert gold.loc[gold["item"] == "gdp_target", "right"].all()
    assert gold["right"].mean() >= 0.90


def test_card_numbers_are_current():
    # The card's numbers are generated by tools/build_targets.py from the data
    # and the hand-checked files; this fails when the data changed without them.
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_targets", ROOT / "tools" / "build_targets.py")
    bt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bt)
    table = bt.load_written()
    card = (ROOT / "govreports" / "datasets" / "targets.md").read_text(encoding="utf-8")
    stated = bt.card_blocks_in(card)
    want = bt.card_blocks(table, bt.check(table))
    assert set(stated) == set(want)
    stale = [name for name in want if stated[name] != want[name]]
    assert stale == [], f"run `python tools/build_targets.py --check --no-build`: stale blocks {stale}"


# ------------------------------------------------------------------ API

def test_level_filter_and_bad_level():
    prov = load_targets(level="province")
    assert set(prov["level"].astype(str)) == {"province"}
    both = load_targets(level=["national", "city"])
    assert set(both["level"].astype(str)) == {"national", "city"}
    with pytest.raises(InvalidOptionError):
        load_targets(level="prefecture")


def test_returns_a_fresh_frame():
    a = load_targets(level="national")
    a.loc[0, "gdp_target"] = -1.0
    assert load_targets(level="national").loc[0, "gdp_target"] != -1.0


def test_national_targets():
    n = load_national_targets()
    assert list(n.columns) == ["year", "gdp_target", "gdp_target_high", "gdp_target_qualifier", "gdp_prev_growth"]
    assert list(n["year"]) == list(range(1994, 2027))
    assert n["gdp_target"].dropna().between(4, 10).all()


# ------------------------------------------------------------------ against the corpus

@pytest.mark.corpus
def test_offsets_point_at_the_figures_in_the_reports(everything):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpora/lawtext-gov is absent")
    import govreports as gr

    rng = random.Random(20260601)
    paths = sorted(set(rng.sample(sorted(everything["source_path"]), 40))
                   | set(everything.loc[everything["level"] == "national", "source_path"]))
    rows = everything.set_index("source_path").loc[paths]
    reports = gr.read_reports([CORPUS / p for p in paths])
    checked = 0
    for (path, row), text in zip(rows.iterrows(), reports["text"]):
        for f in FIGURES:
            s = row[f"{f}_surface"]
            if isinstance(s, str):
                assert text[row[f"{f}_start"]:row[f"{f}_end"]] == s, (path, f)
                checked += 1
    assert checked > 200


@pytest.mark.corpus
def test_review_gold_resolves_in_the_raw_files():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpora/lawtext-gov is absent")
    gold = pd.read_csv(DATA / "targets_review.csv", dtype={"surface": str, "qualifier": str})
    for g in gold.itertuples():
        if isinstance(g.surface, str):
            text = (CORPUS / g.path).read_text(encoding="utf-8")
            i = -len(g.surface)
            for _ in range(int(g.occurrence) + 1):
                i = text.find(g.surface, i + len(g.surface))
            assert i >= 0, (g.path, g.item, g.surface)
            nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", g.surface.replace(" ", ""))]
            assert float(g.value) in nums, (g.path, g.item)
