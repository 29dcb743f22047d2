"""Figures: provenance, indicators, kinds, traps, the panel, and measured accuracy."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import govreports as gr
from govreports.evaluate import locate_gold, score_metrics, score_panel
from govreports.schema import METRIC_COLUMNS

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def metrics(sample):
    return gr.extract_metrics(sample)


def _one(text: str) -> pd.DataFrame:
    reports = gr.reports_from_texts([text])
    return gr.extract_metrics(reports)


def test_columns_and_provenance(sample, metrics):
    assert list(metrics.columns) == [*METRIC_COLUMNS, "flags"]  # flags: quality_flags's deprecated copy
    texts = sample.set_index("report_id")["text"]
    for rid, start, end, sentence in metrics[["report_id", "start", "end", "sentence"]].itertuples(index=False):
        text = texts[rid]
        assert 0 <= start < end <= len(text)
        assert text[start:end] in sentence
        assert sentence in text


def test_surface_forms_are_figures(sample, metrics):
    texts = sample.set_index("report_id")["text"]
    surfaces = [texts[r][s:e] for r, s, e in metrics[["report_id", "start", "end"]].itertuples(index=False)]
    assert "207.45亿元" in surfaces and "7%左右" in surfaces and "10%以上" in surfaces
    assert not any(s.startswith(("一般", "十四五", "三提三效")) for s in surfaces)


def test_input_is_not_mutated(sample):
    before = sample.copy(deep=True)
    gr.extract_metrics(sample)
    gr.panel(sample)
    pd.testing.assert_frame_equal(sample, before)


def test_headline_figures_of_the_seed(metrics):
    p = gr.panel(metrics)
    cell = p.set_index(["region", "indicator", "kind", "measure"])
    assert cell.loc[("横沥镇", "gdp", "actual", "level"), "value"] == 207.45
    assert cell.loc[("横沥镇", "gdp", "actual", "level"), "unit"] == "亿元"
    assert cell.loc[("横沥镇", "gdp", "actual", "growth"), "value"] == 2.0
    assert cell.loc[("横沥镇", "gdp", "target", "growth"), "value"] == 6.0
    assert cell.loc[("濮院镇", "gdp", "target", "growth"), ["value", "qualifier"]].tolist() == [7.0, "about"]
    assert cell.loc[("六镇镇", "gdp", "target", "growth"), ["value", "qualifier"]].tolist() == [10.0, "at_least"]
    assert cell.loc[("横沥镇", "gdp", "target", "growth"), "period"] == "2023"
    assert cell.loc[("横沥镇", "gdp", "actual", "growth"), "period"] == "2022"
    assert not p.duplicated(["report_id", "indicator", "kind", "measure"]).any()


def test_estimates_are_flagged(metrics):
    row = metrics[(metrics["region"] == "六镇镇") & (metrics["indicator"] == "gdp")].iloc[0]
    assert "estimate" in row["quality_flags"] and row["kind"] == "actual"


# ---------------------------------------------------------------- traps (fixtures written for the tests)

def test_sub_population_is_not_the_regions_indicator():
    m = _one("甲镇2023年政府工作报告\n一、2022年工作回顾\n"
             "31家倍增试点企业完成工业产值147.6亿元，增长10%。全镇完成工业总产值300亿元。")
    sub = m[m["value"] == 147.6].iloc[0]
    assert sub["indicator"] == "" and "subpopulation" in sub["quality_flags"]
    assert m[m["value"] == 300]["indicator"].item() == "industrial_output"


def test_sub_category_before_the_name():
    m = _one("甲镇2023年政府工作报告\n一、2022年工作回顾\n"
             "全年外贸进出口173.9亿元，其中出口147.8亿元。完成跨境电商出口额2亿元。")
    assert m.set_index("value").loc[147.8, "indicator"] == "exports"
    assert m.set_index("value").loc[2.0, "indicator"] == ""


def test_ratio_to_gdp_is_not_gdp():
    m = _one("甲镇2023年政府工作报告\n一、2022年工作回顾\n研发投入达8.18亿元,占全镇GDP4.12%。")
    assert m[m["value"] == 4.12]["indicator"].item() == ""


def test_fenbie_lists():
    m = _one("乙市2023年政府工作报告\n一、2022年工作回顾\n地区生产总值、一般公共预算收入分别增长5.5%和11.2%。"
             "城镇和农村居民人均可支配收入分别增长4.7%、9.3%。")
    got = dict(zip(m["value"], m["indicator"]))
    assert got == {5.5: "gdp", 11.2: "general_budget_revenue", 4.7: "urban_income", 9.3: "rural_income"}


def test_one_figure_for_several_indicators_gives_a_row_for_each():
    m = _one("乙市2023年政府工作报告\n二、2023年工作安排\n主要预期目标：地区生产总值增长6%左右，"
             "固定资产投资、社会消费品零售总额均增长8%，城乡居民人均可支配收入均增长7%；"
             "城镇居民人均可支配收入和农民人均纯收入年均增长9%。财政收入和税收都有增长，一般公共预算收入增长5%。")
    rows = [(r.indicator, r.value, r.start, "shared" in r.quality_flags) for r in m.itertuples()]
    assert rows == [
        ("gdp", 6.0, rows[0][2], False),
        ("fixed_asset_investment", 8.0, rows[1][2], True),
        ("retail_sales", 8.0, rows[1][2], True),  # the same figure, the same offsets
        ("urban_income", 7.0, rows[3][2], True),
        ("rural_income", 7.0, rows[3][2], True),
        ("urban_income", 9.0, rows[5][2], True),
        ("rural_income", 9.0, rows[5][2], True),
        ("general_budget_revenue", 5.0, rows[7][2], False),  # 都有增长 has no figure: nothing shared
    ]
    assert set(m.loc[m["value"] == 9.0, "measure"]) == {"growth_avg"}
    panel = gr.panel(m).set_index(["indicator", "kind", "measure"])["value"]
    assert panel[("retail_sales", "target", "growth")] == 8.0 and panel[("rural_income", "target", "growth")] == 7.0


def test_a_list_of_figures_for_a_list_of_names_without_fenbie():
    # 分别 is often left out: the i-th figure belongs to the i-th name
    m = _one("乙市2023年政府工作报告\n一、2022年工作回顾\n五年来，地区生产总值、规上工业增加值、固定资产投资"
             "年均增长3.5%、3.7%和7.6%，城乡居民人均可支配收入分别达到4.72万元和2.08万元，增长8.2%和8.8%。"
             "财政收入增长5%、8%。")
    got = [(r.indicator, r.value, "shared" in r.quality_flags) for r in m.itertuples()]
    assert got == [
        ("gdp", 3.5, False), ("industrial_value_added", 3.7, False), ("fixed_asset_investment", 7.6, False),
        ("urban_income", 4.72, False), ("rural_income", 2.08, False),
        ("urban_income", 8.2, False), ("rural_income", 8.8, False),
        # one name, two figures: not a list of names, left as it was (both to the name)
        ("fiscal_revenue", 5.0, False), ("fiscal_revenue", 8.0, False),
    ]
    assert set(m["measure"].iloc[:3].astype(str)) == {"growth_avg"}


def test_declines_are_negative_growth():
    m = _one("乙市2021年政府工作报告\n一、2020年工作回顾\n地区生产总值同比下降3.1%，固定资产投资增长2%。")
    got = m.set_index("indicator")
    assert got.loc["gdp", "value"] == -3.1 and got.loc["gdp", "measure"] == "growth"
    assert got.loc["fixed_asset_investment", "value"] == 2.0


def test_targets_with_qualifiers_and_ranges():
    m = _one("丙省2019年政府工作报告\n二、2019年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长6%—6.5%，"
             "固定资产投资增长10%以上，城镇调查失业率5.5%以内，居民消费价格涨幅3%左右。")
    got = m.set_index("indicator")
    assert got.loc["gdp", ["kind", "value", "value_high", "qualifier"]].tolist() == ["target", 6.0, 6.5, "range"]
    assert got.loc["fixed_asset_investment", "qualifier"] == "at_least"
    assert got.loc["unemployment", ["measure", "qualifier"]].tolist() == ["level", "at_most"]
    assert got.loc["cpi", ["measure", "qualifier"]].tolist() == ["growth", "about"]
    assert set(m["section_kind"]) == {"targets"}


def test_placeholders_give_no_number():
    m = _one("丁镇2024年政府工作报告\n二、2024年工作安排\n"
             "主要预期目标是：地区生产总值增长X.X%，一般公共预算收入XX亿元。")
    assert m["value"].isna().all()
    assert all("placeholder" in f for f in m["quality_flags"])
    assert gr.panel(m).empty


def test_five_year_averages_are_not_headlines():
    m = _one("戊省2021年政府工作报告\n一、“十三五”时期和2020年工作回顾\n“十三五”时期，地区生产总值年均增长7.1%。"
             "2020年，地区生产总值增长3.6%。")
    avg = m[m["value"] == 7.1].iloc[0]
    assert avg["measure"] == "growth_avg" and avg["period"] == "2016-2020"
    p = gr.panel(m)
    assert p[(p["indicator"] == "gdp") & (p["kind"] == "actual")]["value"].tolist() == [3.6]


def test_milestones_are_flagged_not_headlines():
    m = _one("己镇2023年政府工作报告\n一、2022年工作回顾\n"
             "是跨越生产总值“200亿”大关的一年。全镇实现地区生产总值207.45亿元。")
    ms = m[m["value"] == 200].iloc[0]
    assert "milestone" in ms["quality_flags"]
    assert gr.panel(m).query("indicator == 'gdp'")["value"].tolist() == [207.45]


def test_glued_figures_are_flagged(sample, metrics):
    texts = sample.set_index("report_id")["text"]
    glued = metrics[metrics["quality_flags"].map(lambda f: "glued" in f)]
    surfaces = {texts[r][s:e] for r, s, e in glued[["report_id", "start", "end"]].itertuples(index=False)}
    assert {"57.2%", "22.3%"} <= surfaces


# ---------------------------------------------------------------- measured accuracy (gold made by reading)

def _seed_gold(sample):
    gold = pd.read_csv(DATA / "seed_gold.csv")
    gold["report_id"] = gold["region"].map(dict(zip(sample["region"], sample["report_id"])))
    return locate_gold(gold, sample.set_index("report_id")["text"])


def test_seed_precision_and_recall(sample, metrics):
    score = score_metrics(metrics, _seed_gold(sample))
    assert score.recall >= 0.97, score.misses
    assert score.precision >= 0.97, score.false_positives


def test_seed_panel_accuracy(sample, metrics):
    score = score_panel(gr.panel(metrics), _seed_gold(sample))
    assert score.recall >= 0.97, score.misses


@pytest.mark.corpus
def test_state_council_growth_targets(corpus_dir):
    gold = pd.read_csv(DATA / "national_gdp_gold.csv")
    reports = gr.read_reports([corpus_dir / "政府工作报告-国务院" / f"{y}.md" for y in gold["year"]])
    p = gr.panel(reports)
    gdp = p[(p["indicator"] == "gdp") & (p["measure"] == "growth")]
    for g, rid in zip(gold.itertuples(index=False), reports["report_id"]):
        t = gdp[(gdp["report_id"] == rid) & (gdp["kind"] == "target")]
        if g.target_qualifier == "none":
            assert t.empty, (g.year, t)
            a = gdp[(gdp["report_id"] == rid) & (gdp["kind"] == "actual")]
            assert a["value"].tolist() == ([] if pd.isna(g.prev_growth_value) else [g.prev_growth_value]), g.year
            continue
        assert len(t) == 1, g.year
        assert t["value"].item() == g.target_value, g.year
        assert (pd.isna(g.target_high) and pd.isna(t["value_high"].item())) or t["value_high"].item() == g.target_high
        a = gdp[(gdp["report_id"] == rid) & (gdp["kind"] == "actual")]
        if pd.isna(g.prev_growth_value):
            assert a.empty, (g.year, a)
        else:
            assert a["value"].tolist() == [g.prev_growth_value], g.year
        got_q = t["qualifier"].item()
        assert ("" if pd.isna(got_q) else got_q) == ("" if pd.isna(g.target_qualifier) else g.target_qualifier), g.year


def test_sentence_start_points_at_the_sentence(sample, metrics):
    texts = sample.set_index("report_id")["text"]
    for rid, s0, sentence in metrics[["report_id", "sentence_start", "sentence"]].itertuples(index=False):
        assert texts[rid][s0:s0 + len(sentence)] == sentence


def test_show_evidence_highlights_the_figure(sample, metrics):
    rows = metrics[metrics["indicator"] != ""].head(30)
    page = gr.show_evidence(rows).to_html()
    texts = sample.set_index("report_id")["text"]
    for rid, s, e in rows[["report_id", "start", "end"]].itertuples(index=False):
        assert f'<mark title="{s}:{e}">{texts[rid][s:e]}</mark>' in page
    assert page.count("<mark") == len(rows)


# --------------------------------------------------------------------------- figures that mean what they say
# Each sentence below is written for the test in the forms local reports use.


def _cell(m: pd.DataFrame, surface_text: str, text: str) -> pd.Series:
    at = text.find(surface_text)
    rows = m[(m["start"] <= at) & (m["end"] > at)]
    assert len(rows) >= 1, surface_text
    return rows.iloc[0]


REPORT_2023 = "横沥镇2023年政府工作报告\n各位代表：\n一、2022年工作回顾\n"


def _january_session(year: int, place: str = "测试县") -> str:
    """The head of a report to a session of 5 January ``year`` in ``place``: title, session line, greeting."""
    return f"政府工作报告\n——{year}年1月5日在{place}第十八届人民代表大会第二次会议上\n各位代表:\n"


def test_counts_never_attach_to_money_indicators():
    text = REPORT_2023 + "地区生产总值连续跨过2个台阶，全镇固定资产投资增长7%，380个重点项目完成投资100亿元。"
    m = _one(text)
    two = _cell(m, "2个", text)
    assert two["indicator"] == ""
    assert (m[m["unit"].isin(["个", "家", "项"])]["indicator"] == "").all()


def test_increments_are_not_levels_or_growth():
    text = REPORT_2023 + "全镇地区生产总值新增15亿元，财政总收入增加2亿元。"
    m = _one(text)
    assert (m["indicator"] == "").all()


def test_milestones_are_flagged_and_never_a_headline_beside_an_exact_figure():
    text = REPORT_2023 + "全镇地区生产总值突破100亿元大关，达到103.7亿元，增长7.6%，成功迈上百亿新台阶。"
    m = _one(text)
    crossing = _cell(m, "100亿元", text)
    assert crossing["indicator"] == "gdp" and "milestone" in crossing["quality_flags"]
    assert crossing["qualifier"] == "at_least"
    numeral = _cell(m, "百亿", text)
    assert numeral["indicator"] == "gdp" and "milestone" in numeral["quality_flags"] and numeral["value"] == 100.0
    p = gr.panel(m)
    level = p[(p["indicator"] == "gdp") & (p["measure"] == "level")]
    assert level["value"].tolist() == [103.7]


def test_milestones_in_series_are_several_years():
    text = REPORT_2023 + "五年来，全镇地区生产总值先后迈过60亿元、70亿元两个台阶。"
    m = _one(text)
    for surface in ("60亿元", "70亿元"):
        row = _cell(m, surface, text)
        assert {"milestone", "multi_year"} <= set(row["quality_flags"])
    assert gr.panel(m).empty


def test_five_year_reviews_carry_their_span_and_end_levels_their_last_year():
    text = (REPORT_2023 + "过去五年，全镇地区生产总值由60亿元增加到85亿元，年均增长7.2%；"
            "五年累计完成固定资产投资120亿元。\n2022年，全镇地区生产总值增长5%。")
    m = _one(text)
    assert _cell(m, "60亿元", text)["indicator"] == ""  # the starting value
    end = _cell(m, "85亿元", text)
    assert end["indicator"] == "gdp" and end["period"] == "2022"
    assert _cell(m, "7.2%", text)[["measure", "period"]].tolist() == ["growth_avg", "2018-2022"]
    total = _cell(m, "120亿元", text)
    assert total["period"] == "2018-2022" and "multi_year" in total["quality_flags"]
    assert _cell(m, "5%", text)["period"] == "2022"


def test_multi_year_goals_carry_their_year_and_are_not_this_years_target():
    text = ("2023年政府工作报告\n各位代表：\n二、2023年工作安排\n今年主要预期目标是：地区生产总值增长6%左右。"
            "到2027年，全省地区生产总值突破3万亿元。")
    m = _one(text)
    goal = _cell(m, "3万亿元", text)
    assert goal["kind"] == "target" and goal["period"] == "2027" and "other_year" in goal["quality_flags"]
    p = gr.panel(m)
    assert p[(p["indicator"] == "gdp") & (p["kind"] == "target")]["value"].tolist() == [6.0]


def test_shares_and_ratios_are_their_own_measures():
    text = (REPORT_2023 + "一般公共预算支出8亿元，其中70%以上用于民生；城乡居民收入比缩小到2.04；"
            "税收收入3亿元，占一般公共预算收入的82.1%。")
    m = _one(text)
    assert _cell(m, "70%以上", text)["measure"] == "share"
    ratio = _cell(m, "2.04", text)
    assert ratio[["indicator", "measure"]].tolist() == ["urban_rural_income_ratio", "level"]
    tax = _cell(m, "82.1%", text)
    assert tax[["indicator", "measure", "cue"]].tolist() == ["tax_revenue", "share", "share_of"]


def test_scope_words_and_distractors():
    text = (REPORT_2023 + "规上企业累计完成工业总产值2.7亿元；限上社会消费品零售额增长9.5%；"
            "全年税收收入1.2亿元；完成工业技改投资3亿元；完成500万元以上固定资产投资8亿元。")
    m = _one(text)
    assert _cell(m, "2.7亿元", text)["indicator"] == "industrial_output_above_scale"
    assert _cell(m, "9.5%", text)["indicator"] == "retail_sales_above_quota"
    assert _cell(m, "1.2亿元", text)["indicator"] == "tax_revenue"
    assert _cell(m, "3亿元", text)["indicator"] == ""
    assert _cell(m, "8亿元", text)["indicator"] == "fixed_asset_investment"


def test_lists_of_names_with_their_values_and_fenbie():
    text = (REPORT_2023 + "全年财政总收入13.23亿元，一般公共预算收入6.66亿元，同比分别增长10.06%和13.05%；"
            "全社会固定资产投资、规上工业产值、高新技术产业增加值分别增长9.2%、16.6%、9.4%；"
            "城镇和农村居民人均可支配收入分别达45180元和22750元，增长9.5%和10%；"
            "城乡居民人均可支配收入增长7%左右。")
    m = _one(text)
    assert _cell(m, "10.06%", text)["indicator"] == "fiscal_revenue"
    assert _cell(m, "13.05%", text)["indicator"] == "general_budget_revenue"
    assert _cell(m, "9.2%", text)["indicator"] == "fixed_asset_investment"
    assert _cell(m, "16.6%", text)["indicator"] == "industrial_output_above_scale"
    assert _cell(m, "9.4%", text)["indicator"] == ""  # 高新技术产业增加值 is no indicator
    assert _cell(m, "9.5%", text)["indicator"] == "urban_income"
    assert _cell(m, "10%", text)["indicator"] == "rural_income"
    both = m[m["start"] == text.find("7%左右")]
    assert sorted(both["indicator"]) == ["rural_income", "urban_income"]
    assert (both["cue"] == "shared").all()


def test_a_part_of_the_region_is_not_the_region():
    text = (REPORT_2023 + "开发区建设步伐加快，完成地区生产总值78亿元。31家企业完成工业总产值147亿元。"
            "每平方公里土地产生1.75亿元的地区生产总值和6000万元的税收收入。")
    m = _one(text)
    assert (m["indicator"] == "").all()


def test_cues_and_needs_review():
    text = REPORT_2023 + "全镇实现地区生产总值207.45亿元，同比增长2.0%，跨越生产总值“200亿”大关。"
    m = _one(text)
    level = _cell(m, "207.45亿元", text)
    assert level["cue"] == "name" and not level["needs_review"]
    assert _cell(m, "2.0%", text)["cue"] == "clause"
    assert _cell(m, "200亿", text)["needs_review"]
    assert set(m["cue"]) <= {"", *gr.schema.ATTACH_CUES}
    assert (m["text_hash"] == m["text_hash"].iloc[0]).all() and len(m["text_hash"].iloc[0]) == 16


def test_undated_text_takes_its_periods_from_its_own_markers():
    text = "各位代表：\n2019年，全镇实现地区生产总值12亿元，增长6%。"
    m = _one(text)
    assert _cell(m, "12亿元", text)["period"] == "2019"


def test_mid_year_session_dates_its_months_this_year():
    text = ("政府工作报告\n——2022年7月20日在坡头镇第十一届人民代表大会第二次会议上\n各位代表：\n"
            "现在，我代表镇人民政府向大会报告上半年工作。\n预计上半年完成地区生产总值8.1亿元，同比增长9.3%；"
            "公共财政预算收入2.9亿元，同比增长26.6%。")
    m = _one(text)
    assert _cell(m, "2.9亿元", text)["period"] == "2022-01/2022-06"


def test_a_target_recalled_with_its_completion_ratio():
    text = ("七宝镇2024年政府工作报告\n各位代表：\n一、2023年工作回顾\n"
            "2023年，全镇财政总收入预计完成52.3亿元，同比增长43.5%，完成年初人代会目标45亿元的116%。")
    m = _one(text)
    target = _cell(m, "45亿元", text)
    assert (target["indicator"], target["kind"], target["measure"], target["period"]) == (
        "fiscal_revenue", "target", "level", "2023")
    assert target["cue"] == "target_of" and "other_year" in target["quality_flags"]  # last year's target
    ratio = _cell(m, "116%", text)
    assert ratio["indicator"] == "" and ratio["measure"] == "share"  # a completion ratio, not growth
    assert not ((gr.panel(m)["kind"] == "target") & (gr.panel(m)["indicator"] == "fiscal_revenue")).any()


def test_fenbie_figures_in_several_runs_and_wording_of_local_pages():
    text = (REPORT_2023 + "社会消费品零售总额完成16亿元，"
            "城乡常住居民人均可支配收入分别达到37462元和17597元、增长7%和10%。"
            "工业投资、技改投资分别增长5%和8%，固定资产投资、社会消费品零售总额增长11%和6%。"
            "一般预算收入13.6亿元，按可比口径增长15.7%。农村居民可支配收入14186元。")
    m = _one(text)
    assert _cell(m, "7%和", text)["indicator"] == "urban_income"
    assert _cell(m, "10%。", text)["indicator"] == "rural_income"
    assert _cell(m, "11%", text)["indicator"] == "fixed_asset_investment"  # a name between: not the 分别 names'
    assert _cell(m, "15.7%", text)[["indicator", "measure"]].tolist() == ["general_budget_revenue", "growth"]
    assert _cell(m, "14186元", text)["indicator"] == "rural_income"


def test_town_level_revenue_is_the_towns_own_but_a_part_of_a_county():
    town = REPORT_2023 + "完成镇级公共财政一般预算收入约738万元。"
    assert _cell(_one(town), "738万元", town)["indicator"] == "general_budget_revenue"
    county = ("天长市2016年政府工作报告\n各位代表：\n一、2015年工作回顾\n"
              "镇级财政收入全部超过1000万元，其中超亿元的镇3个。")
    assert _cell(_one(county), "1000万元", county)["indicator"] == ""


def test_a_numbered_result_line_is_not_the_plan():
    text = ("袁庄镇2009年政府工作报告\n"
            "1、政府工作报告——2010年2月2日在袁庄镇第十七届人民代表大会第三次会议上各位代表：现在，"
            "我代表袁庄镇人民政府向大会报告工作。2009年工作回顾2009年，我镇实现工农业生产总值82.16亿元，比上年增长17.6%；\n"
            "2、规模以上工业实现销售11.6亿元，同比增长47%；地方财政一般预算收入2873.94万元，同比增长7.7%。")
    m = _one(text)
    row = _cell(m, "2873.94万元", text)
    assert (row["indicator"], row["kind"], row["period"]) == ("general_budget_revenue", "actual", "2009")
    assert _cell(m, "82.16亿元", text)["indicator"] == "agri_industry_output"


def test_a_figure_of_the_next_name_and_the_start_of_a_from_to():
    text = ("深圳市2005年政府工作报告\n各位代表：\n一、2004年工作回顾\n"
            "2004年，全市每平方公里土地产生1.75亿元的GDP和6000万元的税收，比1999年提高了1.4倍。"
            "全市生产总值从接近2万亿元到突破3万亿元。")
    m = _one(text)
    assert _cell(m, "6000万元", text)["indicator"] == ""  # 6000万元的税收, not GDP's
    start = _cell(m, "2万亿元", text)
    assert start["indicator"] == "" and "from_value" in start["quality_flags"]


@pytest.mark.parametrize("n", [60, 2000])
def test_a_sentence_crowded_with_figures_stays_bounded(n):
    # 增长1,1,1,…: every row used to repeat the whole sentence (a 200 KB input wrote 111 MB)
    text = "横沥镇2023年政府工作报告\n2022年全镇地区生产总值增长" + ",".join(["1"] * n) + "%。"
    reports = gr.reports_from_texts([text])
    m = gr.extract_metrics(reports)
    text = reports["text"].iloc[0]
    assert len(m) == min(n, 500)
    assert (m["sentence"].str.len() <= 100).all()
    assert m["quality_flags"].map(lambda f: "long_sentence" in f).all()
    assert m["quality_flags"].map(lambda f: "figures_capped" in f).all() == (n > 500)
    for row in m.itertuples():  # the stored window is the text at its offsets
        start = row.sentence_start
        assert text[start : start + len(row.sentence)] == row.sentence
        assert start <= row.start < row.end <= start + len(row.sentence)


def test_review_of_four_years_spans_four():
    text = ("苏尼特左旗2022年政府工作报告\n各位代表：\n一、过去四年工作回顾\n四年来，我们团结带领全旗各族人民扎实工作。"
            "地区生产总值累计完成109.7亿元，年均增长3.8%；一般公共预算收入累计完成8.79亿元，年均增长12.5%。")
    m = _one(text)
    assert _cell(m, "3.8%", text)["period"] == "2018-2021"
    assert _cell(m, "12.5%", text)["period"] == "2018-2021"


def test_an_average_speaks_of_its_own_clause_only():
    # …年均增长28.6%，其中，…同比增长22.9%: the year-on-year change is of one year
    text = (REPORT_2023 + "撤镇设街的五年，是经济发展势头迅猛的五年。"
            "2022年，预计全镇生产总值实现21.5亿元，同比增长12.8%，年均增长14.9%；"
            "财政总收入实现1.87亿元，同比增长17.5%，年均增长28.6%，"
            "其中，一般公共预算收入实现8300万元，同比增长22.9%。")
    m = _one(text)
    assert _cell(m, "22.9%", text)["period"] == "2022"
    assert _cell(m, "28.6%", text)["period"] == "2018-2022"
    # a total in the clause after an average keeps the average's years
    text2 = REPORT_2023 + "过去五年，全社会固定资产投资年均增长14%，累计完成95.3亿元。"
    assert _cell(_one(text2), "95.3亿元", text2)["period"] == "2018-2022"


def test_totals_over_years_written_in_digits():
    text = REPORT_2023 + "这五年，我们坚持向开放要潜力，5年累计实现直接利用外资3201万美元。"
    row = _cell(_one(text), "3201万美元", text)
    assert (row["indicator"], row["period"]) == ("foreign_investment", "2018-2022")
    assert "multi_year" in row["quality_flags"]


def test_a_base_year_said_once_for_the_figures_below():
    text = ("桂阳县2017年政府工作报告\n各位代表：\n一、本届政府工作回顾\n2016年，预计(下同)全县生产总值340亿元，"
            "比2012年(下同)增长47.7%；固定资产投资353.7亿元，增长125.1%；一般公共预算收入26.06亿元，增长39.8%。")
    m = _one(text)
    gdp = _cell(m, "47.7%", text)
    assert (gdp["indicator"], gdp["period"]) == ("gdp", "2013-2016")
    assert _cell(m, "125.1%", text)["period"] == "2013-2016"
    assert _cell(m, "353.7亿元", text)["period"] == "2016"
    # 是2010年的1.76倍 names a base of comparison, not the year of the figures after it
    text2 = ("泰安市2016年政府工作报告\n各位代表：\n一、“十二五”工作回顾\n"
             "一般公共预算收入达到205.3亿元，是2010年的1.76倍，年均增长11.9%，税收占比达到73.3%。")
    assert _cell(_one(text2), "73.3%", text2)["period"] == "2015"


def test_months_opening_a_sentence_hold_for_its_clauses():
    text = ("2017年望江街道办事处政府工作报告\n2016年工作总结\n"
            "一、智慧经济初具规模。1—9月，实现税收6.88亿元，同比增长63.3%；实现地方财政收入3.76亿元，同比增长33.6%。")
    m = _one(text)
    assert _cell(m, "3.76亿元", text)["period"] == "2016-01/2016-09"
    # but not past a clause that names the whole year
    text2 = (REPORT_2023 + "1—11月，全社会固定资产投资增长8.1%，预计全年突破10亿元；一般公共预算收入增长10%。")
    assert _cell(_one(text2), "10%", text2)["period"] == "2022"
    # nor from a statement that only names a quarter
    text3 = (REPORT_2023 + "主要经济指标降幅从二季度开始逐月收窄，全镇生产总值下降5%；固定资产投资下降20.6%。")
    assert _cell(_one(text3), "20.6%", text3)["period"] == "2022"
    text4 = REPORT_2023 + "一至九月份，全镇规上工业增加值增长7.2%。"
    assert _cell(_one(text4), "7.2%", text4)["period"] == "2022-01/2022-09"


def test_months_before_a_mid_year_session_are_of_its_year():
    text = ("坡头镇政府工作报告\n——2022年7月20日在坡头镇第十一届人民代表大会第二次会议上\n各位代表：\n"
            "2021年，全镇完成税收6709万元，同比增长47.65%。截至6月20日，全镇完成税收3028万元。")
    m = _one(text)
    assert _cell(m, "3028万元", text)["period"] == "2022-01/2022-06"
    assert _cell(m, "6709万元", text)["period"] == "2021"


def test_a_lead_whose_punctuation_was_lost():
    text = ("大源镇2019年政府工作报告\n各位代表：\n"
            "2018年是改革开放40周年一年以来在县委县政府和镇党委的正确领导下我镇保持社会经济的"
            "持续健康发展一年来全镇完成固定资产投资5417万元完成税收67.42万元")
    row = _cell(_one(text), "5417万元", text)
    assert row["indicator"] == "fixed_asset_investment" and "subpopulation" not in row["quality_flags"]


def test_urban_and_rural_net_income_named_once():
    text = REPORT_2023 + "城镇、农村居民纯收入分别达到1.4093万元、1.0833万元。"
    m = _one(text)
    assert (_cell(m, "1.4093万元", text)["indicator"], _cell(m, "1.0833万元", text)["indicator"]) == (
        "urban_income", "rural_income")


def test_completion_ratios_of_a_list_are_not_its_growth():
    text = (REPORT_2023 + "招商引资卓有成效,实际利用外资450万美元、实到内资1.3亿元,分别完成县下达指标的113%、118%。"
            "税收完成51.7亿元，占地方公共财政预算收入的76.1%。一般公共预算收入完成年度预算的105.2%。")
    m = _one(text)
    assert _cell(m, "1.3亿元", text)["indicator"] == "investment_funds_in_place"  # 实到内资
    for ratio in ("113%", "118%", "105.2%"):
        row = _cell(m, ratio, text)
        assert row["indicator"] == "" and row["measure"] == "share", ratio  # how far a target was reached
    share = _cell(m, "76.1%", text)
    assert (share["indicator"], share["measure"]) == ("tax_revenue", "share")  # 占…: a share of the revenue


def test_how_a_result_was_reached_does_not_narrow_it():
    text = REPORT_2023 + "截至目前,已超预期完成固定资产投资35.93亿元,同比增长168%。超额完成粮食总产18.9亿斤。"
    m = _one(text)
    assert _cell(m, "35.93亿元", text)["indicator"] == "fixed_asset_investment"
    assert _cell(m, "18.9亿斤", text)["indicator"] == "grain_output"


def test_an_annual_summary_opening_with_its_year_keeps_its_months_in_that_year():
    text = ("2023年以来,在区委、区政府的正确领导下,未央宫街道统筹推进各项工作任务落实。一年来,我们重点抓好了以下工作:\n"
            "全年固定资产投资29.30亿元,同比增速63.4%;1-9月,城镇居民人均可支配收入32042元,同比增长6.1%。")
    m = _one(text)
    assert _cell(m, "29.30亿元", text)["period"] == "2023"
    assert _cell(m, "32042元", text)["period"] == "2023-01/2023-09"


def test_a_unit_written_once_after_a_list_of_two_numbers():
    text = (REPORT_2023 + "城乡居民人均可支配收入46324和26682元,增长9.4%和11%。"
            "全社会消费品零售总额完成45.6亿元、增长6.5%。")
    m = _one(text)
    urban = _cell(m, "46324", text)
    assert (urban["indicator"], urban["value"], urban["unit"]) == ("urban_income", 46324.0, "元")
    assert _cell(m, "26682元", text)["indicator"] == "rural_income"
    assert _cell(m, "45.6亿元", text)["indicator"] == "retail_sales"  # 全社会: the whole region


def test_points_against_another_figure_are_not_the_indicators_change():
    text = (REPORT_2023 + "城乡常住居民人均可支配收入分别增长2%和8.9%，分别比自治区增速高0.6和0.5个百分点。"
            "对照规划目标，固定资产投资、社会消费品零售总额增速分别低0.8和3.7个百分点。"
            "税收占比71.1%，同比提高0.8个百分点。")
    m = _one(text)
    for gap in ("0.6和", "0.5个", "0.8和", "3.7个"):
        assert _cell(m, gap, text)["indicator"] == "", gap
    assert _cell(m, "0.8个", text)[["indicator", "measure"]].tolist() == ["tax_revenue", "points"]


def test_a_december_session_reviews_its_own_year_whole():
    text = ("政府工作报告\n——2018年12月22日在建平县第十七届人民代表大会第三次会议上\n各位代表：\n"
            "今年以来，全县经济呈现良好发展态势。全县地区生产总值完成115亿元,同比增长7%。"
            "1-10月，全县完成固定资产投资38.1亿元。城镇居民年人均可支配收入25048元。")
    m = _one(text)
    assert gr.reports_from_texts([text])["year"].iloc[0] == 2019  # the year it plans for
    assert _cell(m, "115亿元", text)[["kind", "period"]].tolist() == ["actual", "2018"]  # not this year's months
    assert _cell(m, "38.1亿元", text)["period"] == "2018-01/2018-10"
    assert _cell(m, "25048元", text)["indicator"] == "urban_income"  # 年人均


def test_a_heading_on_two_lines_is_one_heading():
    text = ("政府工作报告\n——2018年12月22日在建平县第十七届人民代表大会第三次会议上\n各位代表:\n"
            "现在,我代表县人民政府向大会报告工作,请予审议。\n攻坚克难砥砺奋进\n全县经济社会实现持续健康发展\n"
            "2018年是本届政府的开局之年。预计到年末,全县地区生产总值完成115亿元,同比增长7%。")
    row = _cell(_one(text), "115亿元", text)
    assert (row["kind"], row["period"]) == ("actual", "2018")  # the second line does not open the plan


def test_a_total_in_a_review_of_five_years_spans_them():
    text = ("渝北区政府工作报告\n——2017年1月7日在渝北区第十八届人民代表大会第一次会议上\n各位代表：\n"
            "过去五年,极不平凡。\n初步统计,2016年全区生产总值达到1300亿元,是2011年的1.7倍。"
            "固定资产投资累计完成4540亿元,是前五年的2.2倍。全域一般公共预算收入达到173亿元。")
    m = _one(text)
    total = _cell(m, "4540亿元", text)
    assert total["period"] == "2012-2016" and "multi_year" in total["quality_flags"]
    assert _cell(m, "1300亿元", text)["period"] == "2016"
    assert _cell(m, "173亿元", text)["indicator"] == "general_budget_revenue"  # 全域: the whole district


def test_growth_since_a_base_period_spans_the_years_after_it():
    text = ("忠县政府工作报告\n——2021年2月4日在忠县第十七届人民代表大会第五次会议上\n各位代表：\n"
            "一、“十三五”时期工作回顾\n城乡居民人均可支配收入比“十二五”末分别增长33.9%、44%。"
            "2020年,实现一般公共预算收入19.23亿元,是“十二五”末的1.4倍,年均增速达9.4%。"
            "城镇居民人均可支配收入比2015年分别增收约7500元和3600元。")
    m = _one(text)
    urban = _cell(m, "33.9%", text)
    assert (urban["indicator"], urban["period"]) == ("urban_income", "2016-2020")  # not the ratio's 比
    assert "multi_year" in urban["quality_flags"]
    assert _cell(m, "19.23亿元", text)["period"] == "2020"  # 是“十二五”末的1.4倍: a base, not the period
    assert _cell(m, "9.4%", text)["period"] == "2016-2020"
    assert _cell(m, "7500元", text)["indicator"] == ""  # an increase, not the income


def test_a_year_compared_with_is_a_base_not_the_figures_year():
    # 2015年与2010年相比 / 与2005年相比，…: the year compared with starts the years of the change;
    # the level reached is of the year named first (or the year reviewed)
    text = ("雷州市政府工作报告\n——2016年11月23日在雷州市第十六届人民代表大会第一次会议上\n各位代表：\n"
            "五年来，本届政府认真贯彻落实。2015年与2010年相比，全市生产总值从127.94亿元增加到254.39亿元，"
            "年均增长10.2%。\n与2012年相比，全市一般公共预算收入由8亿元增加到12亿元，增长50%。")
    m = _one(text)
    assert _cell(m, "254.39亿元", text)[["indicator", "period"]].tolist() == ["gdp", "2015"]
    assert _cell(m, "10.2%", text)["period"] == "2011-2015"
    assert _cell(m, "12亿元", text)["period"] == "2016"  # the year reviewed (a November session plans 2017)
    growth = _cell(m, "50%", text)
    assert growth["period"] == "2013-2016" and "multi_year" in growth["quality_flags"]


def test_since_a_plan_period_or_a_congress_spans_the_years_so_far():
    text = ("平安县2024年政府工作报告\n一、2023年工作回顾\n全县经济平稳。\n"
            "“十四五”以来，全县地区生产总值年均增长6%。\n党的十八大以来，全县一般公共预算收入年均增长7%。\n"
            "“十三五”期间，全县固定资产投资年均增长9%。")
    m = _one(text)
    assert _cell(m, "6%", text)["period"] == "2021-2023"  # not the whole plan period 2021-2025
    assert _cell(m, "7%", text)["period"] == "2013-2023"  # statistics count 十八大以来 from 2013
    assert _cell(m, "9%", text)["period"] == "2016-2020"  # a past plan period: its five years


def test_a_captions_months_date_the_items_listed_under_it():
    text = ("龙门镇2022年工作总结\n2022年1-10月，全镇主要经济指标如下：\n规上工业产值12亿元，增长8%；\n\n"
            "固定资产投资5亿元，增长10%；\n税收收入3000万元。\n二、项目建设\n全年实现地区生产总值20亿元。")
    m = _one(text)
    for quote in ("12亿元", "8%", "5亿元", "3000万元"):
        assert _cell(m, quote, text)["period"] == "2022-01/2022-10", quote
    assert _cell(m, "20亿元", text)["period"] == "2022"  # a heading ends the list


def test_a_summary_of_the_year_before_the_plan_is_written_at_that_years_end():
    text = ("龙门镇2022年工作总结和2023年工作计划\n一、2022年工作总结\n今年全镇实现地区生产总值20亿元，增长5%。"
            "去年全镇实现规上工业产值15亿元。\n二、2023年工作计划\n力争地区生产总值增长6%。")
    m = _one(text)
    assert _cell(m, "20亿元", text)["period"] == "2022"
    assert _cell(m, "15亿元", text)["period"] == "2021"  # 去年 of a text written in 2022
    assert _cell(m, "6%", text)[["kind", "period"]].tolist() == ["target", "2023"]


def test_a_long_paragraph_ending_with_a_colon_is_not_a_caption():
    text = ("南昌市2009年政府工作报告\n一、2008年工作回顾\n全年经济平稳。\n二、2009年的工作\n"
            "2009年政府工作总体要求是：深入贯彻落实科学发展观，为2011年全面完成“十一五”规划目标打下坚实基础。"
            "主要预期目标是：\n地区生产总值增长13%；\n财政总收入增长15%。")
    m = _one(text)
    assert _cell(m, "13%", text)[["kind", "period"]].tolist() == ["target", "2009"]


def test_a_change_from_one_level_to_another_after_a_clause_of_its_name():
    text = ("盐田区2012年政府工作报告\n五年来，辖区税收收入总额连续跨越三个“十亿元”台阶，"
            "从2006年的19.8亿元增至2011年的48.6亿元；财政一般预算收入实现翻倍增长，从8.8亿元增至20.2亿元。")
    m = _one(text)
    assert _cell(m, "48.6亿元", text)[["indicator", "period"]].tolist() == ["tax_revenue", "2011"]
    assert _cell(m, "20.2亿元", text)["indicator"] == "general_budget_revenue"
    assert _cell(m, "8.8亿元", text)["indicator"] == ""  # the old level is not a figure of the indicator


def test_wording_of_bounds_comparable_bases_and_spending():
    text = ("察右后旗2023年政府工作报告\n一、2022年工作回顾\n一般公共预算收入预计完成3.6亿元，自然口径同比增长26.2%；"
            "地方财政总支出完成6.94亿元，增长6.9%；城镇登记失业率低于4%。"
            "全市财政收入用于民生支出34亿元，占财政总支出的80%。财政支出用于民生的比重达到75%以上。")
    m = _one(text)
    assert _cell(m, "26.2%", text)[["indicator", "measure"]].tolist() == ["general_budget_revenue", "growth"]
    assert _cell(m, "6.94亿元", text)["indicator"] == "general_budget_expenditure"
    assert _cell(m, "4%", text)[["indicator", "qualifier"]].tolist() == ["unemployment", "at_most"]
    assert _cell(m, "34亿元", text)["indicator"] == ""  # spent on 民生: not the revenue
    assert _cell(m, "80%", text)[["indicator", "measure"]].tolist() == ["", "share"]  # 民生支出's share
    assert _cell(m, "75%以上", text)[["indicator", "measure"]].tolist() == ["general_budget_expenditure", "share"]


def test_growth_after_a_level_of_all_residents_is_all_residents():
    text = ("宿松县2019年政府工作报告\n城乡居民人均可支配收入16491元，增长9.5%。"
            "城乡居民人均可支配收入分别达到32929元、13345元，均增长8.1%。")
    m = _one(text)
    assert set(m.loc[m["value"] == 9.5, "indicator"]) == {"resident_income"}
    assert set(m.loc[m["value"] == 8.1, "indicator"]) == {"urban_income", "rural_income"}  # both levels grew


def test_a_total_in_the_review_of_five_years_of_work_spans_them():
    text = ("汉阳区政府工作报告\n2016年12月6日在武汉市汉阳区第十五届人民代表大会第一次会议上\n各位代表：\n"
            "一、本届政府工作回顾\n五年的工作主要体现在以下五个方面：（一）经济平稳较快发展。预计到2016年末，GDP达到830亿元。"
            "固定资产投资增长强劲，累计完成2070亿元，是上一个五年的3.6倍。\n二、今后五年的工作\n全区生产总值年均增长8%。")
    m = _one(text)
    assert _cell(m, "2070亿元", text)["period"] == "2012-2016"


def test_a_total_of_investment_after_its_name_is_the_names():
    text = ("测试县2018年政府工作报告\n一、过去五年工作回顾\n固定资产投资达到88亿元，年均增长5.6%，"
            "五年累计完成投资400亿元；固定资产投资增速位居全国前列，重点项目累计完成投资3230亿元。")
    m = _one(text)
    assert _cell(m, "400亿元", text)[["indicator", "period"]].tolist() == ["fixed_asset_investment", "2013-2017"]
    assert _cell(m, "3230亿元", text)["indicator"] == ""  # the projects' part


def test_the_primary_industry_named_for_its_growth_is_its_value_added():
    text = ("黄龙县2026年政府工作报告\n全年生产总值完成30.69亿元、增长4.7%，其中一产增长3.9%，二产增长14.1%。"
            "第一产业增长5%，第一产业投资增长20%，新增规模养殖场10个，拉动一产增长1.7个百分点。")
    m = _one(text)
    assert _cell(m, "3.9%", text)[["indicator", "measure"]].tolist() == ["agri_value_added", "growth"]
    assert _cell(m, "5%", text)["indicator"] == "agri_value_added"
    assert _cell(m, "20%", text)["indicator"] == ""  # investment in it
    assert _cell(m, "1.7个百分点", text)["indicator"] == ""  # a contribution to its growth


def test_investment_completed_over_a_review_of_years_is_a_total():
    text = ("兴文县政府工作报告\n——2020年12月27日在兴文县第十八届人民代表大会第五次会议上\n各位代表：\n"
            "“十三五”时期,是兴文综合实力快速提升的五年。五年来,全社会固定资产投资预计完成469亿元。"
            "全社会固定资产投资完成130亿元,比上年增长10.4%。")
    m = _one(text)
    assert _cell(m, "469亿元", text)["period"] == "2016-2020"
    assert _cell(m, "130亿元", text)["period"] == "2020"  # one year's: a change on the year before follows


@pytest.mark.parametrize(
    "lead, period",
    [("前11个月", "2022-01/2022-11"), ("前十个月", "2022-01/2022-10"), ("1月至10月", "2022-01/2022-10"),
     ("元至十月", "2022-01/2022-10"), ("至11月底", "2022-01/2022-11"), ("3月至11月底", "2022-03/2022-11"),
     ("1—3季度", "2022-01/2022-09"), ("前两季度", "2022-01/2022-06")],
)
def test_more_ways_of_naming_the_first_months(lead, period):
    text = REPORT_2023 + f"{lead}，全镇完成地区生产总值45.2亿元，同比增长8.3%。"
    m = _one(text)
    assert _cell(m, "45.2亿元", text)["period"] == period
    assert _cell(m, "8.3%", text)["period"] == period


def test_value_added_of_the_scope_just_named():
    text = REPORT_2023 + "规模以上工业实现总产值218亿元、增加值61亿元,分别增长25%和17%。"
    m = _one(text)
    assert _cell(m, "218亿元", text)["indicator"] == "industrial_output_above_scale"
    assert _cell(m, "61亿元", text)["indicator"] == "industrial_value_added"
    assert _cell(m, "17%", text)["indicator"] == "industrial_value_added"
    text2 = REPORT_2023 + "工业总产值、增加值分别增长5.5%、7.5%。"
    assert _cell(_one(text2), "7.5%", text2)["indicator"] == "industrial_value_added_all"
    # a part of the region (园区) narrows both names
    text3 = REPORT_2023 + "园区完成规上工业总产值1916亿元、增加值544亿元，分别增长31%和28%。"
    assert (_one(text3)["indicator"].fillna("") == "").all()
    # a third item that is no indicator keeps its figure: 利润 is not 增加值
    text4 = REPORT_2023 + "规模以上工业总产值、增加值和实现利润分别增长3.8%、5.8%和9.6%。"
    m4 = _one(text4)
    assert _cell(m4, "5.8%", text4)["indicator"] == "industrial_value_added"
    assert not _cell(m4, "9.6%", text4)["indicator"]


def test_a_comparable_average_growth_is_the_indicators():
    text = REPORT_2023 + "固定资产投资250.3亿元,可比年均增长10.3%;社会消费品零售总额140亿元。"
    row = _cell(_one(text), "10.3%", text)
    assert (row["indicator"], row["measure"]) == ("fixed_asset_investment", "growth_avg")


def test_a_page_published_mid_year_dates_its_months_this_year():
    text = ("测试镇人民政府工作报告\n发布时间：2023-07-20\n各位代表：\n"
            "1-6月，全镇完成地区生产总值45.2亿元，同比增长8.3%。")
    assert _cell(_one(text), "45.2亿元", text)["period"] == "2023-01/2023-06"
    # an annual report posted in May keeps last year's first quarter
    text2 = ("测试镇人民政府工作报告\n发布时间：2023-05-20\n各位代表：\n"
             "过去一年，一季度受疫情影响，全镇地区生产总值下降5%。")
    assert _cell(_one(text2), "5%", text2)["period"] == "2022-01/2022-03"


def test_months_named_by_a_heading_or_after_the_figure():
    text = (REPORT_2023 + "（一）1-11月主要经济指标完成情况\n"
            "全镇完成地区生产总值45.2亿元，同比增长8.3%。\n完成固定资产投资12亿元。")
    m = _one(text)
    assert _cell(m, "45.2亿元", text)["period"] == "2022-01/2022-11"
    assert _cell(m, "12亿元", text)["period"] == "2022-01/2022-11"
    text2 = REPORT_2023 + "全镇完成规上工业产值45.2亿元（1-11月），同比增长8%。"
    assert _cell(_one(text2), "45.2亿元", text2)["period"] == "2022-01/2022-11"
    # a mid-year review heading names the year under way: review, not plan
    text3 = ("测试镇政府工作报告\n（2023年7月20日）\n各位代表：\n一、2023年上半年工作回顾\n"
             "全镇完成地区生产总值45.2亿元，同比增长8.3%。\n二、下半年工作打算\n力争全年地区生产总值增长6%。")
    m3 = _one(text3)
    result, goal = _cell(m3, "45.2亿元", text3), _cell(m3, "6%", text3)
    assert (result["kind"], result["period"]) == ("actual", "2023-01/2023-06")
    assert (goal["kind"], goal["period"]) == ("target", "2023")


def test_this_year_and_last_year_in_a_december_session():
    head = "测试县政府工作报告\n——2023年12月20日在测试县第十八届人民代表大会第三次会议上\n各位代表：\n"
    text = head + ("今年，全县完成地区生产总值45.2亿元，同比增长8.3%。"
                   "去年全县完成固定资产投资12亿元，社会消费品零售总额与去年持平。")
    m = _one(text)
    growth = _cell(m, "8.3%", text)
    assert (growth["kind"], growth["period"]) == ("actual", "2023")  # 今年 is the year ending
    assert _cell(m, "12亿元", text)["period"] == "2022"  # 去年 the one before it
    text2 = head + "一、今年工作回顾\n全县经济平稳。\n二、明年工作安排\n明年全县地区生产总值增长6%。"
    goal = _cell(_one(text2), "6%", text2)
    assert (goal["kind"], goal["period"]) == ("target", "2024")


def test_the_last_years_and_a_mid_year_page_that_compares_with_last_year():
    text = REPORT_2023 + "近三年，全镇固定资产投资累计完成120亿元。"
    assert _cell(_one(text), "120亿元", text)["period"] == "2020-2022"
    # 比上年同期 is a comparison, not a review of last year: the page's July date still dates its months
    text2 = ("测试县人民政府工作报告\n发布时间：2023-07-20\n各位代表：\n今年以来，在市委的领导下，全县经济平稳。"
             "1-6月，全县完成地区生产总值45.2亿元，比上年同期增长8.3%。")
    assert _cell(_one(text2), "45.2亿元", text2)["period"] == "2023-01/2023-06"


def test_the_change_of_a_share_belongs_to_the_first_named_indicator():
    text = REPORT_2023 + "地方税收收入占一般公共预算地方收入比重提高17个百分点；一般公共预算地方收入增长8%。"
    m = _one(text)
    points = _cell(m, "17个百分点", text)
    assert (points["indicator"], points["measure"]) == ("tax_revenue", "points")
    assert _cell(m, "8%", text)["indicator"] == "general_budget_revenue"


@pytest.mark.parametrize("dash", ["－", "一", "‐", "−", "─", "―"])
def test_months_and_years_joined_by_any_dash(dash):
    text = REPORT_2023 + f"1{dash}11月，全镇完成地区生产总值45.2亿元。"
    assert _cell(_one(text), "45.2亿元", text)["period"] == "2022-01/2022-11"
    text2 = REPORT_2023 + f"2018{dash}2022年，全镇累计完成固定资产投资120亿元。"
    assert _cell(_one(text2), "120亿元", text2)["period"] == "2018-2022"


def test_the_years_of_a_plan_named_in_brackets_date_no_figure():
    text = REPORT_2023 + "国土空间总体规划（2021―2035年）获批实施，全镇地区生产总值增长5.7%。"
    assert _cell(_one(text), "5.7%", text)["period"] == "2022"


def test_names_sharing_their_last_word_before_fenbie():
    # 一、二、三次产业增加值分别…: the first sector's value added; the others are no indicator of the taxonomy
    text = REPORT_2023 + "其中,一、二、三次产业增加值分别完成2.34亿元、27.07亿元和7.79亿元,分别增长4.4%、9.5%和8.1%。"
    m = _one(text)
    first = _cell(m, "2.34亿元", text)
    assert (first["indicator"], first["indicator_text"]) == ("agri_value_added", "一、二、三次产业增加值")
    assert _cell(m, "4.4%", text)["indicator"] == "agri_value_added"
    assert _cell(m, "27.07亿元", text)["indicator"] == "" and _cell(m, "9.5%", text)["indicator"] == ""
    text2 = REPORT_2023 + "全镇农林牧渔业、服务业增加值分别增长4.7%、8.5%。"
    m2 = _one(text2)
    assert _cell(m2, "4.7%", text2)["indicator"] == "agri_value_added"
    assert _cell(m2, "8.5%", text2)["indicator"] == ""


def test_name_value_pairs_joined_by_qizhong_before_fenbie():
    text = REPORT_2023 + "预计完成固定资产投资799.7亿元,其中产业投资722亿元,分别增长16.3%和20%。"
    m = _one(text)
    assert _cell(m, "16.3%", text)["indicator"] == "fixed_asset_investment"
    assert _cell(m, "20%", text)["indicator"] == ""


def test_growth_after_a_level_joined_by_a_dunhao():
    text = REPORT_2023 + "全镇GDP突破十亿元大关,达10.9亿元、增长9.2%;服务业投资7.2亿元、同比增长10.2%。"
    m = _one(text)
    assert (_cell(m, "9.2%", text)["indicator"], _cell(m, "9.2%", text)["measure"]) == ("gdp", "growth")
    assert _cell(m, "10.2%", text)["indicator"] == ""  # another name's growth


def test_new_jobs_without_chengzhen_and_what_is_not_jobs():
    text = REPORT_2023 + "新增就业8053人，新增就业参保大学生3400人，城镇新增就业1260人，200套公租房分配到户。"
    m = _one(text)
    assert (_cell(m, "8053人", text)["indicator"], _cell(m, "8053人", text)["measure"]) == ("urban_jobs", "count")
    assert _cell(m, "3400人", text)["indicator"] == ""  # the newly insured
    assert _cell(m, "200套", text)["indicator"] == ""  # flats, not jobs


def test_a_year_leading_a_sentence_dates_its_clauses_and_averages():
    # a session of November 2016 (plans 2017) reviewing five years that end in 2015
    text = ("政府工作报告\n——2016年11月23日在测试市第十六届人民代表大会第一次会议上\n各位代表:\n一、工作回顾\n"
            "五年来,本届政府基本完成了各项工作任务。2015年,固定资产投资62.63亿元,年均增长26.9%;"
            "社会消费品零售总额130.43亿元,增长11.7%。")
    m = _one(text)
    assert _cell(m, "62.63亿元", text)["period"] == "2015"
    assert _cell(m, "26.9%", text)["period"] == "2011-2015"
    assert _cell(m, "130.43亿元", text)["period"] == "2015"


def test_half_year_figures_named_banniandu():
    text = ("测试街道2021年上半年工作总结\n一季度指标实现“九绿八红”,半年度主要经济指标预计继续保持“绿多红少”局面,"
            "街道财政收入预计实现12.83亿元,同比增长8.6%。")
    assert _cell(_one(text), "12.83亿元", text)["period"] == "2021-01/2021-06"


@pytest.mark.parametrize("lead", ["今年前10月，", "前十月，", "截止到10月底，", "到10月底，", "截至十月底，"])
def test_the_first_ten_months_however_written(lead):
    text = REPORT_2023 + lead + "全镇完成固定资产投资12亿元。"
    assert _cell(_one(text), "12亿元", text)["period"] == "2022-01/2022-10"


@pytest.mark.parametrize("lead", ["前三个季度，", "前三季，", "截至三季度末，"])
def test_the_first_three_quarters_however_written(lead):
    text = REPORT_2023 + lead + "全镇完成固定资产投资12亿元。"
    assert _cell(_one(text), "12亿元", text)["period"] == "2022-01/2022-09"


def test_an_inclusion_in_brackets_does_not_make_the_whole_a_part():
    text = ("各位代表：\n一、2018年工作回顾\n预计2018年全镇(含青山河高新园区,下同)完成规模工业总产值31.15亿元。"
            "开发区(含A园,B园)完成工业总产值12亿元。")
    m = _one(text)
    assert _cell(m, "31.15亿元", text)["indicator"] == "industrial_output_above_scale"
    assert _cell(m, "12亿元", text)["indicator"] == ""  # the development zone's, a part


def test_the_value_added_of_the_whole_region_is_its_gdp():
    text = REPORT_2023 + "预计全区实现增加值745亿元、区可用财力135.5亿元。全区工业增加值增长8%。"
    m = _one(text)
    assert _cell(m, "745亿元", text)["indicator"] == "gdp"
    assert _cell(m, "8%", text)["indicator"] == "industrial_value_added_all"


def test_a_plan_carried_out_is_a_review():
    text = ("一、上半年国民经济和社会发展计划执行情况\n"
            "(一)主要指标完成情况。上半年，全县地区生产总值完成59.0亿元，同比增长6.5%。\n二、下半年工作安排\n全年地区生产总值增长7%左右。")
    m = _one(text)
    assert _cell(m, "59.0亿元", text)["kind"] == "actual" and _cell(m, "59.0亿元", text)["section_kind"] == "review"
    assert _cell(m, "7%左右", text)["kind"] == "target"


def test_a_count_closing_the_item_before_is_not_the_subject_of_the_next():
    text = REPORT_2023 + ("五年来，引进招商项目95个、到位资金249.3亿元。40个乡镇财政收入超过1亿元。"
                          "10个平台完成规上工业产值57亿元、固定资产投资11.8亿元。")
    m = _one(text)
    assert _cell(m, "249.3亿元", text)["indicator"] == "investment_funds_in_place"
    assert _cell(m, "1亿元", text)["indicator"] == ""  # forty towns' revenue each
    assert _cell(m, "11.8亿元", text)["indicator"] == ""  # ten zones' investment


def test_a_level_with_its_year_then_its_growth_after_a_dunhao():
    text = REPORT_2023 + "全镇地区生产总值2018年突破十亿元大关，预计2022年实现14.4亿元、年均增长8.7%。"
    cell = _cell(_one(text), "8.7%", text)
    assert (cell["indicator"], cell["measure"]) == ("gdp", "growth_avg")
    text2 = REPORT_2023 + "居民人均可支配收入增长与经济增长同步，2022年达到5.7万元、同比实际增长6.9%。"
    assert _cell(_one(text2), "6.9%", text2)["indicator"] != "gdp"


def test_a_two_year_average_after_the_years_growth():
    # the statistics bureau's wording of 2021: the yearly average over 2020-2021 (against 2019)
    text = (_january_session(2022) + "一、2021年工作回顾\n"
            "全县地区生产总值完成159.0亿元，同比增长6.5%，两年平均增长5.3%。")
    m = _one(text)
    cell = _cell(m, "5.3%", text)
    assert (cell["indicator"], cell["measure"], cell["period"]) == ("gdp", "growth_avg", "2020-2021")
    assert _cell(m, "6.5%", text)["period"] == "2021"
    half = "测试旗2021年上半年工作总结\n上半年,全旗地区生产总值完成59.0亿元,同比增长6.5%,两年平均增长2.3%。"
    cell = _cell(_one(half), "2.3%", half)
    assert (cell["indicator"], cell["period"]) == ("gdp", "2020-2021")


def test_a_list_of_indicators_each_with_its_months_after_a_colon():
    text = ("测试镇2023年工作总结\n一、主要经济指标完成情况\n1.地区生产总值：1-10月完成12亿元，增长6%。\n"
            "2.财政收入：截至10月底累计实现8000万元。")
    m = _one(text)
    cell = _cell(m, "12亿元", text)
    assert (cell["indicator"], cell["period"]) == ("gdp", "2023-01/2023-10")
    cell = _cell(m, "8000万元", text)
    assert (cell["indicator"], cell["period"]) == ("fiscal_revenue", "2023-01/2023-10")


def test_above_scale_industry_as_the_subject_of_its_value_added():
    text = (_january_session(2010, "测试区") + "一、2009年工作回顾\n"
            "全区规模工业发展到169户,完成增加值64.8亿元,同比增长18%。规模以上工业完成增加值50亿元。"
            "全口径财政收入27.4亿元,增长18%,其中区本级财政一般预算收入11.1亿元,按可比口径同比增长21.6%。")
    m = _one(text)
    for figure in ("64.8亿元", "18%", "50亿元"):
        assert _cell(m, figure, text)["indicator"] == "industrial_value_added"
    assert _cell(m, "169户", text)["indicator"] == ""
    # 区本级 is the district's own level, not a part; 按可比口径同比增长: two qualifiers of one growth
    assert _cell(m, "11.1亿元", text)["indicator"] == "general_budget_revenue"
    assert _cell(m, "21.6%", text)["indicator"] == "general_budget_revenue"
    # a part's figure named after a count (其中“10强50户”企业实现增加值82亿元): its growth is the part's
    text = (_january_session(2014, "测试市") + "一、2013年工作回顾\n"
            "规模以上工业企业实现增加值103.5亿元，增长16%，其中“10强50户”企业实现增加值82亿元，增长23%。")
    m = _one(text)
    assert _cell(m, "16%", text)["indicator"] == "industrial_value_added"
    assert _cell(m, "23%", text)["indicator"] == ""


def test_a_summary_of_a_years_first_months_dates_its_results_by_its_title():
    # no session date: the title's months are those of every result the text does not date itself
    text = ("测试镇2023年上半年工作总结\n今年以来，全镇完成地区生产总值12亿元，同比增长5%。"
            "规上工业总产值30亿元，增长8%。1-5月，财政总收入3亿元。\n二、下半年工作计划\n力争全年地区生产总值增长6%。")
    m = _one(text)
    for figure in ("12亿元", "5%", "30亿元"):
        assert _cell(m, figure, text)["period"] == "2023-01/2023-06"
    assert _cell(m, "3亿元", text)["period"] == "2023-01/2023-05"
    assert (_cell(m, "6%", text)["kind"], _cell(m, "6%", text)["period"]) == ("target", "2023")
    # the plan year named with the months (2023年1-9月): this year's, not last year's; 2023年以来 is a result so far
    text = "测试县2023年1-9月经济运行情况\n1-9月，全县规上工业增加值增长5%。\n2023年以来，全县固定资产投资增长3%。"
    m = _one(text)
    assert _cell(m, "5%", text)["period"] == "2023-01/2023-09"
    assert (_cell(m, "3%", text)["kind"], _cell(m, "3%", text)["period"]) == ("actual", "2023-01/2023-09")
    # an annual report: months after 截止 with their year, and in brackets with 数据
    text = ("测试县2023年政府工作报告\n一、2022年工作回顾\n全县预计完成地区生产总值120亿元（1-11月数据）。"
            "截止2022年11月，全县固定资产投资完成80亿元，增长10%。全年预计完成一般公共预算收入5亿元。")
    m = _one(text)
    for figure in ("120亿元", "80亿元", "10%"):
        assert _cell(m, figure, text)["period"] == "2022-01/2022-11"
    assert _cell(m, "5亿元", text)["period"] == "2022"


def test_a_mark_passed_after_the_level_is_the_names_milestone():
    # the level's own clause, then the mark it passed: the mark is the indicator's, flagged, never the headline
    text = (_january_session(2022) + "一、2021年工作回顾\n"
            "全县地区生产总值达到556.4亿元，首次突破500亿元大关。规上工业增加值增长14.5%，总产值突破1000亿元大关。")
    m = _one(text)
    cell = _cell(m, "500亿元", text)
    assert (cell["indicator"], cell["qualifier"]) == ("gdp", "at_least")
    assert "milestone" in cell["quality_flags"] and cell["needs_review"]
    assert _cell(m, "1000亿元", text)["indicator"] == ""  # 总产值 is not 规上工业增加值
    p = gr.panel(m)
    assert p.loc[p["indicator"] == "gdp", "value"].tolist() == [556.4]


def test_a_plan_period_in_quotes_with_its_time_word_is_a_time_not_a_part():
    text = (_january_session(2011) + "一、过去五年工作回顾\n"
            "“十一五”期间共完成固定资产投资178亿元，年均增长45.6%。“十三五”时期规上工业增加值增量的近70%来自新兴产业。")
    m = _one(text)
    cell = _cell(m, "178亿元", text)
    assert (cell["indicator"], cell["period"]) == ("fixed_asset_investment", "2006-2010")
    assert _cell(m, "45.6%", text)["indicator"] == "fixed_asset_investment"
    assert _cell(m, "70%", text)["indicator"] == ""  # a share of its increase


def test_a_level_reached_after_a_total_in_the_same_sentence_is_the_last_years():
    text = (_january_session(2021)
            + "“十三五”时期，固定资产投资累计完成800亿元，城乡居民人均可支配收入分别达到3.5万元和1.6万元。"
            "全社会固定资产投资五年累计翻两番，达到480亿元。")
    m = _one(text)
    assert _cell(m, "800亿元", text)["period"] == "2016-2020"
    assert _cell(m, "3.5万元", text)["period"] == "2020" and _cell(m, "1.6万元", text)["period"] == "2020"
    assert _cell(m, "480亿元", text)["period"] == "2016-2020"  # investment is summed over the years


def test_months_that_open_a_list_date_its_items_after_semicolons():
    head = "测试镇2023年政府工作报告\n一、2022年工作回顾\n"
    texts = [
        # months opening the clause after a lead of no figure
        head + "全镇经济运行稳中有进，1-11月完成地区生产总值12亿元，增长5%；固定资产投资8亿元，增长3%；"
        "财政总收入3亿元。",
        # a list's caption with its months
        head + "主要经济指标完成情况（截至11月底）：地区生产总值12亿元，增长5%；固定资产投资8亿元，增长3%；"
        "财政总收入3亿元。",
    ]
    for text in texts:
        m = _one(text)
        for figure in ("12亿元", "8亿元", "3%", "3亿元"):
            assert _cell(m, figure, text)["period"] == "2022-01/2022-11", (figure, text)
    # months in brackets after the figure: a range, or up to a month (截至10月底)
    text = head + "全镇完成固定资产投资8亿元（截至10月底），增长3%。财政总收入3亿元（截止2022年11月）。"
    m = _one(text)
    assert _cell(m, "8亿元", text)["period"] == "2022-01/2022-10"
    assert _cell(m, "3亿元", text)["period"] == "2022-01/2022-11"


def test_months_in_a_closed_aside_do_not_date_the_next_figure():
    text = ("测试旗2021年上半年国民经济和社会发展计划执行情况的报告\n一、上半年计划执行情况\n"
            "上半年,全旗固定资产投资完成7.4亿元,同比增长50.8%(1-7月份,固定资产投资完成11.9亿元);"
            "一般公共预算收入完成4.7亿元,同比增长54.7%。")
    m = _one(text)
    assert _cell(m, "11.9亿元", text)["period"] == "2021-01/2021-07"
    assert _cell(m, "4.7亿元", text)["period"] == "2021-01/2021-06"
    assert _cell(m, "54.7%", text)["period"] == "2021-01/2021-06"


def test_a_report_planning_明年_reviews_今年():
    # no session date; the plan is headed 明年: delivered at the year's end, its 今年 is the year reviewed
    text = ("太平镇2022年政府工作报告\n各位代表：\n今年以来，全镇完成地区生产总值12亿元，增长5%。\n"
            "二、明年工作安排\n明年，力争地区生产总值增长6%。")
    m = _one(text)
    assert (_cell(m, "12亿元", text)["kind"], _cell(m, "12亿元", text)["period"]) == ("actual", "2022")
    assert (_cell(m, "5%", text)["kind"], _cell(m, "5%", text)["period"]) == ("actual", "2022")
    assert (_cell(m, "6%", text)["kind"], _cell(m, "6%", text)["period"]) == ("target", "2023")


def test_a_name_in_a_comparison_with_another_region_is_not_the_figures():
    text = (_january_session(2022) + "一、2021年工作回顾\n"
            "全县实现地区生产总值418.52亿元,赶超江门开平市2020年的经济总量,增长13.9%,列全市第一。")
    m = _one(text)
    cell = _cell(m, "13.9%", text)
    assert (cell["indicator"], cell["measure"], cell["period"]) == ("gdp", "growth", "2021")


def test_a_share_belongs_to_the_subject_of_its_clause():
    head = _january_session(2022, "测试市") + "一、2021年工作回顾\n"
    text = head + ("全市实现工业总产值221.6亿元,其中,规上企业实现工业总产值153.76亿元,占全市工业总产值69.37%。"
                   "工业投资增长23%，民营经济增加值占全市GDP的58.4%。税收收入30亿元，占全市财政收入的60%。")
    m = _one(text)
    cell = _cell(m, "69.37%", text)
    assert (cell["indicator"], cell["measure"]) == ("industrial_output_above_scale", "share")
    assert _cell(m, "58.4%", text)["indicator"] == ""  # 民营经济's share, not 工业投资's
    assert (_cell(m, "60%", text)["indicator"], _cell(m, "60%", text)["measure"]) == ("tax_revenue", "share")
    # a change since the end of a plan period
    text = (_january_session(2021, "测试市") + "一、2020年工作回顾\n"
            "全市实现工业总产值415.37亿元,较“十二五”末增长75.4%。")
    cell = _cell(_one(text), "75.4%", text)
    assert (cell["indicator"], cell["measure"], cell["period"]) == ("industrial_output", "growth", "2016-2020")


def test_naming_variants_of_investment_and_constant_price_growth():
    text = (_january_session(2023, "测试区") + "一、2022年工作回顾\n"
            "全区地区生产总值预计完成213亿元,按不变价计算增长4%。固定资产总投资52600万元,同比增长31%。")
    m = _one(text)
    assert (_cell(m, "4%", text)["indicator"], _cell(m, "4%", text)["measure"]) == ("gdp", "growth")
    assert _cell(m, "52600万元", text)["indicator"] == "fixed_asset_investment"
    assert _cell(m, "31%", text)["indicator"] == "fixed_asset_investment"


def test_the_end_of_a_plan_period_is_its_last_year():
    text = (_january_session(2021) + "一、“十三五”工作回顾\n"
            "“十三五”末,全县固定资产投资完成130亿元,年均增长10.4%。到“十三五”末,累计完成固定资产投资600亿元。"
            "与“十一五”末相比，地区生产总值增长59.7%。")
    m = _one(text)
    assert _cell(m, "130亿元", text)["period"] == "2020"
    assert _cell(m, "10.4%", text)["period"] == "2016-2020"
    assert _cell(m, "600亿元", text)["period"] == "2016-2020"  # a total up to the end
    assert _cell(m, "59.7%", text)["period"] != "2010"  # a base of comparison, not the figure's year


def test_investment_attracted_and_figures_stated_in_step():
    text = (_january_session(2021, "测试市") + "一、2020年工作回顾\n"
            "全年引进市外内资1304.1亿元、增长12.7%。实际利用外资、引进省外内资均增长8%以上。"
            "城镇居民家庭人均可支配收入、农民人均纯收入分别达到10558元、6238元,同步增长9%。"
            "完成工业投资134.8亿元,工业投资总量占固定资产投资比重37.6%。"
            "力争引进进出口额超5亿元的外贸型企业10个以上。")
    m = _one(text)
    assert _cell(m, "1304.1亿元", text)["indicator"] == "investment_funds_in_place"
    rows = m[m["start"] == text.index("9%")]
    assert set(rows["indicator"]) == {"urban_income", "rural_income"}
    cell = _cell(m, "37.6%", text)
    assert (cell["indicator"], cell["measure"]) == ("industrial_investment", "share")
    assert _cell(m, "5亿元", text)["indicator"] == ""  # a threshold that picks out a group of firms
    rows = m[m["start"] == text.index("8%")]
    assert "foreign_investment" in set(rows["indicator"])


def test_a_summary_of_months_published_at_the_years_end():
    # 1-10月工作总结 posted in November (for the next year's session): 今年以来 is those months of the year ending
    text = ("太平镇1-10月工作总结\n发布日期：2023-11-05\n今年以来，全镇完成固定资产投资8亿元，增长3%。"
            "规上工业总产值30亿元。")
    m = _one(text)
    for figure in ("8亿元", "3%", "30亿元"):
        assert _cell(m, figure, text)["period"] == "2023-01/2023-10"


def test_a_regions_share_of_its_parents_whole():
    # the county's own figure, then its share of the city's (全市): not a part's share
    text = (_january_session(2010, "五华县") + "一、2009年工作回顾\n"
            "全县完成生产总值59.44亿元,比增10.9%,增速同比高0.2个百分点,占全市生产总值11.7%。"
            "其中81个重点项目完成投资946亿元，占全县固定资产投资的35.6%。")
    m = _one(text)
    cell = _cell(m, "11.7%", text)
    assert (cell["indicator"], cell["measure"]) == ("gdp", "share")
    assert _cell(m, "35.6%", text)["indicator"] == ""


def test_the_end_of_a_month_leading_a_clause():
    text = ("测试县2023年政府工作报告\n一、2022年工作回顾\n11月底，全县固定资产投资完成80亿元。"
            "至11月份，社会消费品零售总额30亿元。项目于11月底竣工，完成投资3亿元。")
    m = _one(text)
    assert _cell(m, "80亿元", text)["period"] == "2022-01/2022-11"
    assert _cell(m, "30亿元", text)["period"] == "2022-01/2022-11"
    assert _cell(m, "3亿元", text)["period"] == "2022"  # a date in the clause, not its lead


def test_one_paragraph_speech_review_before_its_targets_is_actual():
    # The whole speech on one line: last year's figures before 今年主要预期目标 are actuals
    # of the year reviewed, the targets after it are the plan year's.
    text = (
        "大坪镇2023年政府工作报告\n各位代表：过去一年，全镇实现地区生产总值12.5亿元，增长6%。"
        "今年主要预期目标：地区生产总值增长7%。"
    )
    m = gr.extract_metrics(gr.reports_from_texts([text]))
    gdp = m[m["indicator"] == "gdp"].set_index("value")
    assert gdp.loc[12.5, ["kind", "period"]].tolist() == ["actual", "2022"]
    assert gdp.loc[6.0, ["kind", "period"]].tolist() == ["actual", "2022"]
    assert gdp.loc[7.0, ["kind", "period", "section_kind"]].tolist() == ["target", "2023", "targets"]


def _rows(text: str) -> pd.DataFrame:
    return gr.extract_metrics(gr.reports_from_texts([text]))


def test_threshold_in_numerals_ending_a_clause_and_after_po():
    # 突破百亿元 ends its clause (no 大关 after it); 破百亿元大关 (破 alone): thresholds, at_least
    m = _rows(
        "铁锋区2025年政府工作报告\n二、2025年主要目标\n地区生产总值突破百亿元，增长6%。\n固定资产投资破百亿元大关。"
    )
    got = {(r.indicator, r.value, r.unit, r.qualifier) for r in m.itertuples()}
    assert ("gdp", 100.0, "亿元", "at_least") in got
    assert ("fixed_asset_investment", 100.0, "亿元", "at_least") in got
    # not a threshold: a size class of projects, a word (打破)
    m = _rows("某县2024年政府工作报告\n一、2023年工作回顾\n引进超百亿元项目3个，打破百亿元。")
    assert not (m["unit"] == "亿元").any()


@pytest.mark.parametrize(
    "sentence, indicator",
    [
        ("引进内资57.44亿元，增长9%。", "investment_funds_in_place"),
        ("全年引进市外资金36亿元，增长9%。", "investment_funds_in_place"),
        ("引进域外资金475亿元，增长9%。", "investment_funds_in_place"),
        ("规上产值42亿元，增长9%。", "industrial_output_above_scale"),
        ("来源于本县的财政总收入12.52亿元，增长9%。", "fiscal_revenue"),
        ("1-11月份，完成规上总产值48.2亿元，同比增长3%。", "industrial_output_above_scale"),
        ("三级税收实现4315.1亿元，增长14.4%。", "tax_revenue"),
        ("区域财政收入929亿元，增长11%。", "fiscal_revenue"),
        ("一般财政预算收入6亿元，增长9%。", "general_budget_revenue"),
    ],
)
def test_naming_variants(sentence, indicator):
    m = _rows("某县2024年政府工作报告\n一、2023年工作回顾\n" + sentence)
    assert set(m["indicator"]) == {indicator}, m[["indicator", "value"]]


def test_contracted_funds_are_not_funds_in_place():
    m = _rows("某县2024年政府工作报告\n一、2023年工作回顾\n合同引进市外资金50亿元。")
    assert (m["indicator"] == "").all()


def test_within_the_year_names_no_part():
    m = _rows("某市2014年政府工作报告\n二、2014年工作安排\n年内城镇新增就业4.9万人，力争年内引进省外资金突破500亿元。")
    assert set(m["indicator"]) == {"urban_jobs", "investment_funds_in_place"}


def test_spans_of_the_year_listed_after_a_name():
    # one name, then its figures of the half year, three quarters and the whole year
    for body in (
        "地区生产总值上半年增长3.2%、前三季度增长4.4%、预计全年增长5%左右。",
        "GDP增速逐季攀升，上半年3.2%、前三季度4.4%、预计全年5%左右。",
    ):
        m = _rows("渝中区2024年政府工作报告\n一、2023年工作回顾\n" + body)
        assert m[["indicator", "value", "period"]].values.tolist() == [
            ["gdp", 3.2, "2023-01/2023-06"], ["gdp", 4.4, "2023-01/2023-09"], ["gdp", 5.0, "2023"],
        ], body
    # another name's figure in the list is not the first name's
    m = _rows("某县2024年政府工作报告\n一、2023年工作回顾\n工业投资上半年增长3.2%、技改投资增长4.4%。")
    assert m["indicator"].tolist() == ["industrial_investment", ""]


def test_year_leading_a_sentence_ends_each_listed_average():
    # 2015年，A…，年均增长x%；B…，年均增长y%: every item's average runs up to 2015, not to the year reviewed
    m = _rows(
        "雷州市2017年政府工作报告\n一、五年工作回顾\n五年来，经济发展。2015年，固定资产投资62.63亿元，年均增长26.9%；"
        "社会消费品零售总额130.43亿元，年均增长11.7%；公共财政收入5.87亿元，年均增长12.8%。"
    )
    avg = m[m["measure"] == "growth_avg"]
    assert avg[["indicator", "period"]].values.tolist() == [
        ["fixed_asset_investment", "2011-2015"], ["retail_sales", "2011-2015"], ["general_budget_revenue", "2011-2015"],
    ]


def test_one_line_report_reads_its_numbered_part_as_a_paragraph():
    # a long report run into one line: the figures of its part 一、过去四年工作回顾 are read from that part's
    # lead (four years), not from the line's start (the title's 2022年); the region's own name is no part
    intro = "2022年苏尼特左旗人民政府工作报告各位代表：现在，我代表旗人民政府向大会报告工作，请予审议。"
    body = (
        "一、过去四年工作回顾四年来，苏尼特左旗坚持稳中求进，全旗经济平稳。"
        "全社会固定资产投资累计完成117亿元，年均增长31%。"
    )
    filler = "我们坚持稳中求进，统筹发展和安全，经济社会持续健康发展。" * 22
    m = _rows(intro + filler + body)
    fai = m[m["indicator"] == "fixed_asset_investment"]
    assert fai["period"].tolist() == ["2018-2021", "2018-2021"]


def test_one_line_report_reads_a_sentence_led_by_its_years_as_a_paragraph():
    # a one-line copy: …目标任务。四年来，…累计完成…: the sentence led by 四年来 dates the totals and averages
    # after it (four years of the term: its review is four years long), as its own paragraph would
    text = (
        "芷江县政府工作报告——2016年11月26日在县第八届人民代表大会第一次会议上各位代表：现在，我代表县人民政府向大会报告工作。"
        "本届政府任期的四年，是芷江经受重大考验的四年。我们紧紧依靠全县人民，圆满完成了本届政府确定的各项目标任务。"
        + "我们坚持稳中求进，统筹发展和安全，经济社会持续健康发展。" * 8
        + "四年来，我们以抢抓目标为引领，实现了经济总量的跨越增长。2016年实现地区生产总值99.3亿元，年均增长8.5%；"
        "累计完成固定资产投资200.35亿元，年均增长22.4%。"
    )
    m = _rows(text)
    got = {(r.indicator, r.measure): r.period for r in m.itertuples() if r.indicator}
    assert got[("fixed_asset_investment", "level")] == "2013-2016"
    assert got[("fixed_asset_investment", "growth_avg")] == "2013-2016"
    assert got[("gdp", "growth_avg")] == "2013-2016"
    assert got[("gdp", "level")] == "2016"


def test_a_level_held_or_passed_through_the_years_reviewed_is_of_those_years():
    # 保持在/控制在/稳定在 and 先后跨越A、B in a five-year review: the years, not the last one;
    # a level reached (达到) stays the last year's, also after a held one in the same sentence
    head = "青山县2022年政府工作报告\n各位代表：\n一、过去五年工作回顾\n"
    m = _rows(
        head + "过去五年，全县地区生产总值先后跨越两百亿元、三百亿元台阶。\n"
        "过去五年，城镇登记失业率控制在3.4%以内，全县粮食产量达到40万吨。\n二、2022年工作安排\n地区生产总值增长7%。"
    )
    got = {(r.indicator, r.value): r.period for r in m.itertuples() if r.indicator and r.kind == "actual"}
    assert got[("gdp", 200.0)] == got[("gdp", 300.0)] == "2017-2021"
    assert got[("unemployment", 3.4)] == "2017-2021"
    assert got[("grain_output", 40.0)] == "2021"
    # (in a one-year review it is that year's)
    one = _rows("青山县2022年政府工作报告\n各位代表：\n2021年，城镇登记失业率控制在3.4%以内。")
    assert one.loc[one["indicator"] == "unemployment", "period"].tolist() == ["2021"]


def test_months_closing_the_line_above_date_the_paragraph():
    # …。1-10月，全镇经济运行平稳。⏎（一）工业经济。…: the months of a short sentence with no figure
    # of its own date the paragraph below it, as a caption does; not when it states a figure
    text = ("青山镇2023年工作总结\n今年以来，全镇上下团结一心。1-10月，全镇经济运行平稳。\n"
            "（一）工业经济。全镇规上工业产值48.78亿元，同比增长6%。")
    got = {(r.indicator, r.measure): r.period for r in _rows(text).itertuples() if r.indicator}
    assert got[("industrial_output_above_scale", "level")] == "2023-01/2023-10"
    stated = text.replace("全镇经济运行平稳", "全镇财政收入1.2亿元")
    got = {(r.indicator, r.measure): r.period for r in _rows(stated).itertuples() if r.indicator}
    assert got[("industrial_output_above_scale", "level")] == "2023"


def test_a_clause_of_months_alone_leads_the_rest_of_its_sentence():
    # …逆势突围，二、三季度经济指标排名全市第二，1-11月份，完成…；工业投资…增长32.2%: the bare months
    # clause (not the quarters of a clause with no figure) dates every figure after it
    m = _rows("芦浦镇2020年工作总结和2021年工作思路\n一是经济发展交出新答卷。经济指标逆势突围，二、三季度经济指标"
              "排名全市第二，1-11月份，完成规上总产值48.2亿元，同比增长3.01%；工业投资、限上零售分别同比增长32.2%、36.31%。")
    got = {(r.indicator, r.value): r.period for r in m.itertuples() if r.indicator}
    assert got[("industrial_output_above_scale", 48.2)] == "2020-01/2020-11"
    assert got[("industrial_investment", 32.2)] == "2020-01/2020-11"


def test_zhe_wu_nian_leads_a_five_year_paragraph_and_a_plan_end_leads_its_sentence():
    # 这五年，…: the paragraph's years; 预计十三五末，…；利用外资5184万美元: the plan period's last year
    # leads its sentence as a year does (levels of 2020, averages of 2016-2020)
    m = _rows("谷城县2021年政府工作报告\n各位代表：\n这五年，我们聚力扩容提质，城镇累计新增就业2.1万人。\n"
              "这五年，综合实力实现新跨越。预计十三五末，全县地区生产总值突破400亿元，年均增长6.2%；"
              "利用外资5184万美元，年均增长10%。")
    got = {(r.indicator, r.value): r.period for r in m.itertuples() if r.indicator}
    assert got[("urban_jobs", 2.1)] == "2016-2020"
    assert got[("foreign_investment", 5184.0)] == "2020"
    assert got[("foreign_investment", 10.0)] == got[("gdp", 6.2)] == "2016-2020"


def test_a_text_since_its_own_year_reports_that_years_months():
    # 2023年以来，…截至9月底 (an undated summary dated 2023 by them): its months are 2023's
    m = _rows("青山镇\n2023年以来，全镇上下团结一心，各项工作稳步推进。截至9月底，全镇实现规上工业产值48.78亿元。")
    assert m.loc[m["indicator"] == "industrial_output_above_scale", "period"].tolist() == ["2023-01/2023-09"]


def test_names_of_local_reports_sixteenth_round():
    # 城乡人均可支配收入 (without 居民) names both incomes; 500万元及以上固定资产投资 is the statistics'
    # scope of the whole region's investment; 内联引资到位额 (天津) the funds in place; 国民总产值 a town's GDP
    m = _rows("青山县2024年政府工作报告\n各位代表：\n一、2023年工作回顾\n城乡人均可支配收入分别预计增长6.7%、7.3%；"
              "500万元及以上固定资产投资增长9.3%；实现内联引资到位额182.2亿元；全年完成国民总产值6.71亿元。")
    got = {(r.indicator, r.value) for r in m.itertuples() if r.indicator}
    assert {("urban_income", 6.7), ("rural_income", 7.3), ("fixed_asset_investment", 9.3),
            ("investment_funds_in_place", 182.2), ("gdp", 6.71)} <= got


def test_a_figure_bounding_the_next_name_is_no_figure_and_the_term_reviewed_spans_its_years():
    # 500万元以上固定资产投资, 5000万美元以上外贸企业: a scope, not a value of the name before it;
    # 一、本届人民政府工作回顾 reviews the term: its totals (累计) span its years
    m = _rows("兴和县2022年政府工作报告\n各位代表：\n一、本届人民政府工作回顾\n我们致力于稳增长。"
              "地区生产总值累计突破270亿元，500万元以上固定资产投资累计达到83亿元，进出口总额5000万美元以上外贸企业达50家。")
    got = [(r.indicator, r.value, r.period) for r in m.itertuples() if r.value in (270.0, 500.0, 83.0, 5000.0)]
    assert ("gdp", 270.0, "2017-2021") in got and ("fixed_asset_investment", 83.0, "2017-2021") in got
    assert all(i == "" for i, v, _ in got if v in (500.0, 5000.0))


def test_starts_listed_before_a_change_are_no_figures():
    # 分别从29661元、10391元增加到43364元、16000元: the starts are the old levels, not the year's
    m = _rows("兰州市2022年政府工作报告\n各位代表：\n一、过去五年工作回顾\n城乡居民人均可支配收入分别从29661元、"
              "10391元增加到43364元、16000元；限上商贸流通企业零售额9531万元。")
    got = {(r.indicator, r.value) for r in m.itertuples()}
    assert ("urban_income", 43364.0) in got and ("rural_income", 16000.0) in got
    assert ("", 29661.0) in got and ("", 10391.0) in got
    assert ("retail_sales_above_quota", 9531.0) in got


def test_since_the_year_under_way_is_no_multi_year_span():
    # 青山镇前三季度工作总结 … 2023年以来，…产值48.78亿元: months of the year, as its growth
    m = _rows("青山镇前三季度工作总结\n2023年以来，全镇规上工业产值48.78亿元，同比增长6%；固定资产投资5.2亿元。")
    assert set(m.loc[m["indicator"] != "", "period"]) == {"2023-01/2023-09"}


def test_a_five_year_sentence_starts_a_paragraph_in_a_long_line():
    # a one-line copy: …届满。五年来，…。（一）五年来，经济实力…。先后跨越两百亿元、三百亿元台阶 — near the
    # line's start too; in a lined report a five-year sentence starts a paragraph lead (…。五年来，…累计新增
    # 城镇就业441.8万人) but another number of years is an aside (8年来，…。全市生产总值…增长5.6%)
    line = ("盐田区政府工作报告——2012年1月3日在盐田区第四届人民代表大会第一次会议上"
            "各位代表：现在，我代表区人民政府向大会作工作报告。一、过去五年工作回顾本届政府任期自"
            "2006年10月至本次大会届满。五年来，我们大力实施精品战略。（一）五年来，经济实力实现跨越性提升。"
            "本区生产总值先后跨越两百亿元、三百亿元台阶，预计2011年达到316亿元。"
            + "我们坚持稳中求进，统筹发展和安全，经济社会持续健康发展。" * 12)
    got = {(r.indicator, r.value): r.period for r in _rows(line).itertuples() if r.indicator}
    assert got[("gdp", 200.0)] == got[("gdp", 300.0)] == "2007-2011"
    filler = "我们坚持稳中求进，统筹发展和安全，经济社会持续健康发展。" * 12
    lined = ("湖北省2021年政府工作报告\n各位代表：\n一、“十三五”时期和2020年工作回顾\n" + filler
             + "五年来，脱贫攻坚取得全面胜利。累计新增城镇就业441.8万人。\n二、2021年工作安排\n地区生产总值增长10%。")
    jobs = _rows(lined)
    assert jobs.loc[jobs["indicator"] == "urban_jobs", "period"].tolist() == ["2016-2020"]
    aside = ("杭州市2024年政府工作报告\n各位代表：\n一、2023年工作回顾\n" + (filler + "\n") * 2 + filler
             + "8年来，我们坚持高标准建设。全市生产总值20059亿元、增长5.6%。\n二、2024年工作安排\n"
             "地区生产总值增长5.5%。")
    gdp = _rows(aside)
    assert gdp.loc[(gdp["indicator"] == "gdp") & (gdp["kind"] == "actual"), "period"].tolist() == ["2023", "2023"]


def test_months_leading_a_list_without_a_comma_date_its_items():
    # 1-10月规上工业产值…，…；完成固定资产投资…: the months name the list's span (but not an item within the year)
    m = _rows(
        "飞云街道2023年度工作总结\n一、今年工作回顾\n一是重点指标稳中有进。1-10月规上工业产值48.78亿元，同比增长6.15%；"
        "完成固定资产投资26.98亿元，完成率59.97%；预计年内限上零售额增长8%。"
    )
    got = {(r.indicator, r.value): r.period for r in m.itertuples() if r.indicator}
    assert got[("fixed_asset_investment", 26.98)] == "2023-01/2023-10"
    assert got[("industrial_output_above_scale", 48.78)] == "2023-01/2023-10"
