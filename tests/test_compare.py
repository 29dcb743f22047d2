"""Cross-region comparison table."""

from __future__ import annotations

import pandas as pd
import pytest

import govreports as gr
from govreports.datasets._targets import load_targets
from govreports.extract._compare import SUPERIOR_COLUMNS, SUPERIOR_SOURCES


def test_compare_sample(sample):
    c = gr.compare(sample)
    assert len(c) == 5 and c["report_id"].is_unique
    row = c.set_index("region").loc["横沥镇"]
    assert row["gdp_level"] == 207.45 and row["gdp_growth"] == 2.0 and row["gdp_target"] == 6.0
    assert row["gdp_target_minus_prev_growth"] == 4.0
    nat = gr.load_national_targets().set_index("year").loc[2023, "gdp_target"]
    assert row["national_gdp_target"] == nat and row["gdp_target_minus_national"] == 6.0 - nat
    # 万元 levels are normalised to 亿元
    ni = c.set_index("region").loc["泥溪镇"]
    assert ni["fixed_asset_investment_level"] == 12600 / 10_000


def test_compare_ranges_use_midpoints():
    r = gr.reports_from_texts(["甲市2019年政府工作报告\n一、2018年工作回顾\n全市地区生产总值增长6.8%。\n"
                               "二、2019年工作安排\n主要预期目标是：地区生产总值增长6%—6.5%。"])
    c = gr.compare(r)
    assert c.loc[0, "gdp_target"] == 6.0 and c.loc[0, "gdp_target_high"] == 6.5
    assert c.loc[0, "gdp_target_qualifier"] == "range"
    assert abs(c.loc[0, "gdp_target_minus_prev_growth"] - (6.25 - 6.8)) < 1e-9
    nat = gr.load_national_targets().set_index("year").loc[2019]
    assert abs(c.loc[0, "national_gdp_target"] - (nat["gdp_target"] + nat["gdp_target_high"]) / 2) < 1e-9


def test_compare_accepts_a_panel_and_does_not_mutate(sample):
    p = gr.panel(sample)
    before = p.copy(deep=True)
    # a panel has no text to locate its regions from: give the located reports (or compare the reports)
    pd.testing.assert_frame_equal(gr.compare(p, locations=gr.locate(sample)), gr.compare(sample))
    pd.testing.assert_frame_equal(p, before)


# ------------------------------------------------------------------ each region against its own superior


def _gdp_panel(rows: list[tuple[str, str, str, int, float, float, str]]) -> pd.DataFrame:
    """A small panel: (report_id, region, level, year, last year's growth, target, qualifier) per report."""
    out = []
    for rid, region, level, year, growth, target, qual in rows:
        base = {"report_id": rid, "region": region, "level": level, "year": year, "indicator": "gdp",
                "unit": "%", "value_high": float("nan")}
        out.append({**base, "kind": "actual", "measure": "growth", "value": growth, "qualifier": ""})
        out.append({**base, "kind": "target", "measure": "growth", "value": target, "qualifier": qual})
    return pd.DataFrame(out)


def test_superior_comes_from_your_reports_then_the_targets_dataset_then_the_state_council():
    panel = _gdp_panel([
        ("t1", "横沥镇", "township", 2023, 2.0, 6.0, ""),
        ("c1", "东莞市", "city", 2023, 0.6, 9.0, "about"),  # a target made up for the test: yours win
        ("t2", "濮院镇", "township", 2023, 4.0, 7.0, "about"),
        ("p1", "广东省", "province", 2023, 1.9, 5.0, "about"),
    ])
    where = pd.DataFrame({"report_id": ["t1", "c1", "t2", "p1"],
                          "division_code": ["441900106000", "441900000000", "330483101000", "440000000000"]})
    c = gr.compare(panel, indicators=["gdp"], locations=where).set_index("report_id")
    # the township's superior is the city report passed in
    assert c.loc["t1", ["immediate_superior", "superior", "superior_source", "superior_report_id"]].tolist() == [
        "东莞市", "东莞市", "your reports", "c1"]
    assert c.loc["t1", "superior_target"] == 9.0 and c.loc["t1", "superior_actual"] == 0.6
    assert c.loc["t1", "gdp_target_minus_superior"] == -3.0
    assert c.loc["t1", "gdp_growth_minus_superior"] == pytest.approx(1.4)
    # the city's superior is its province, also passed in
    assert c.loc["c1", ["superior", "superior_level", "superior_source"]].tolist() == ["广东省", "province",
                                                                                       "your reports"]
    # 濮院镇: no report of 桐乡市 (county) anywhere: the next one up, 嘉兴市, from the targets dataset
    t = load_targets(level="city")
    jx = t[(t["region"] == "嘉兴市") & (t["year"] == 2023)].iloc[0]
    assert c.loc["t2", ["immediate_superior", "immediate_superior_level", "superior", "superior_level",
                        "superior_source"]].tolist() == ["桐乡市", "county", "嘉兴市", "city", "targets dataset"]
    assert c.loc["t2", "superior_target"] == jx["gdp_target"]
    assert c.loc["t2", "superior_actual"] == jx["gdp_prev_growth"]
    assert c.loc["t2", "superior_chain"].startswith("桐乡市 (no report) › 嘉兴市 ")
    # the province's superior is the State Council, from the bundled national series
    nat = gr.load_national_targets().set_index("year").loc[2023]
    assert c.loc["p1", ["immediate_superior", "superior", "superior_level", "superior_source"]].tolist() == [
        "全国", "全国", "national", "State Council"]
    assert c.loc["p1", "superior_target"] == nat["gdp_target"]
    # every chain ends at the State Council
    assert c["superior_chain"].str.contains(r"全国 [≈≥≤]?[\d.–]+% \((?:State Council|your reports)\)$").all()


def test_superior_of_the_same_year_only_and_parent_from_metadata():
    panel = _gdp_panel([("t1", "某某镇", "township", 2023, 5.0, 7.0, ""),
                        ("c1", "嘉兴市", "city", 2019, 7.0, 7.0, "")])
    where = pd.DataFrame({"report_id": ["t1", "c1"], "division_code": ["", "330400000000"],
                          "meta": [{"parent": "嘉兴市"}, {}]})
    c = gr.compare(panel, indicators=["gdp"], locations=where).set_index("report_id")
    # the parent named in the metadata places the town; your 嘉兴市 report is of 2019, so the dataset's 2023 row
    assert c.loc["t1", ["immediate_superior", "superior", "superior_source"]].tolist() == [
        "嘉兴市", "嘉兴市", "targets dataset"]


def test_superior_columns_are_documented_and_typed(sample):
    c = gr.compare(sample)
    doc = " ".join(gr.compare.__doc__.split())
    for col in SUPERIOR_COLUMNS:
        assert col in c.columns and f"``{col}``" in doc, col
    assert str(c["superior_level"].dtype) == "category" and c["superior_level"].cat.categories[0] == "national"
    for col in ("superior_target", "superior_target_high", "superior_actual", "gdp_target_minus_superior"):
        assert c[col].dtype == "float64"
    assert set(c["superior_source"]) <= set(SUPERIOR_SOURCES) | {""}
    # the sample's towns: each under its own county, compared with the nearest superior that has a target
    located = gr.locate(sample).set_index("region")
    for r in c.itertuples(index=False):
        county = located.at[r.region, "county"] or located.at[r.region, "city"]
        assert r.immediate_superior == county
    without = gr.compare(sample, superior=False)
    assert not set(SUPERIOR_COLUMNS) & set(without.columns)
    pd.testing.assert_frame_equal(without, c.drop(columns=list(SUPERIOR_COLUMNS)))
