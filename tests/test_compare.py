"""Cross-region comparison table."""

from __future__ import annotations

import pandas as pd

import govreports as gr


def test_compare_sample(sample):
    c = gr.compare(sample)
    assert len(c) == 5 and c["report_id"].is_unique
    row = c.set_index("region").loc["横沥镇"]
    assert row["gdp_level"] == 207.45 and row["gdp_growth"] == 2.0 and row["gdp_target"] == 6.0
    assert row["gdp_target_minus_prev_growth"] == 4.0
    nat = gr.national_targets().set_index("year").loc[2023, "gdp_target"]
    assert row["national_gdp_target"] == nat and row["gdp_target_minus_national"] == 6.0 - nat
    # 万元 levels are normalised to 亿元
    ni = c.set_index("region").loc["泥溪镇"]
    assert ni["fixed_asset_investment_level"] == 12600 / 10_000


def test_compare_ranges_use_midpoints():
    r = gr.reports_from_texts(["甲市2019年政府工作报告\n一、2018年工作回顾\n全市地区生产总值增长6.8%。\n二、2019年工作安排\n"
                               "主要预期目标是：地区生产总值增长6%—6.5%。"])
    c = gr.compare(r)
    assert c.loc[0, "gdp_target"] == 6.0 and c.loc[0, "gdp_target_high"] == 6.5
    assert c.loc[0, "gdp_target_qualifier"] == "range"
    assert abs(c.loc[0, "gdp_target_minus_prev_growth"] - (6.25 - 6.8)) < 1e-9
    nat = gr.national_targets().set_index("year").loc[2019]
    assert abs(c.loc[0, "national_gdp_target"] - (nat["gdp_target"] + nat["gdp_target_high"]) / 2) < 1e-9


def test_compare_accepts_a_panel_and_does_not_mutate(sample):
    p = gr.panel(sample)
    before = p.copy(deep=True)
    pd.testing.assert_frame_equal(gr.compare(p), gr.compare(sample))
    pd.testing.assert_frame_equal(p, before)
