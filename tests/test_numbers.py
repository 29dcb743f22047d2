"""Tests for govreports.numbers.

Gold values below were made by reading the text: each row is a short figure
form taken from our seed (``seed``: /work/shared/seeds/000_…, free to quote)
or a short figure form that occurs in the lawtext-gov corpus (``corpus``:
only the figure and its verb, never a sentence).  Tests that read the files
check that every row really occurs there and skip when the files are absent.
"""

from __future__ import annotations

import dataclasses
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreports.extract import _numbers as numbers
from govreports.extract._numbers import (
    Quantity,
    find_quantities,
    parse_chinese_numeral,
    parse_number,
    to_unit,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_d2fc8c44b527f0e4.txt"
CORPUS = SHARED / "corpora" / "lawtext-gov"

# (text, surface, value, value_high, unit, qualifier, negative, source)
REAL_FORMS: list[tuple[str, str, float | None, float | None, str, str | None, bool, str]] = [
    # --- seed: plain figures ---------------------------------------------
    ("实现地区生产总值207.45亿元", "207.45亿元", 207.45, None, "亿元", None, False, "seed"),
    ("同比增长2.0%", "2.0%", 2.0, None, "%", None, False, "seed"),
    ("全年共采样检测2168万人次", "2168万人次", 2168, None, "万人次", None, False, "seed"),
    ("累计服务隔离人员4368人次", "4368人次", 4368, None, "人次", None, False, "seed"),
    ("加强免疫率达99.27%", "99.27%", 99.27, None, "%", None, False, "seed"),
    ("投入涉企扶持资金4406.68万元", "4406.68万元", 4406.68, None, "万元", None, False, "seed"),
    ("目标完成率117.12%", "117.12%", 117.12, None, "%", None, False, "seed"),
    ("专项债券资金1.01亿元", "1.01亿元", 1.01, None, "亿元", None, False, "seed"),
    ("完成87.19万平方米", "87.19万平方米", 87.19, None, "万平方米", None, False, "seed"),
    ("比重同比提高2.7个百分点", "2.7个百分点", 2.7, None, "个百分点", None, False, "seed"),
    ("同比增长102.4%", "102.4%", 102.4, None, "%", None, False, "seed"),
    ("新建污水管网105.5公里", "105.5公里", 105.5, None, "公里", None, False, "seed"),
    ("新建日处理量40吨的厨余垃圾", "40吨", 40, None, "吨", None, False, "seed"),
    ("达到1.78万元", "1.78万元", 1.78, None, "万元", None, False, "seed"),
    ("化解不稳定因素62宗", "62宗", 62, None, "宗", None, False, "seed"),
    ("关停废品回收站252家", "252家", 252, None, "家", None, False, "seed"),
    ("投入达8.18亿元", "8.18亿元", 8.18, None, "亿元", None, False, "seed"),
    ("GDP4.12%", "4.12%", 4.12, None, "%", None, False, "seed"),
    ("实际外资1.21亿元", "1.21亿元", 1.21, None, "亿元", None, False, "seed"),
    # --- seed: qualifiers ----------------------------------------------------
    ("发放约1150万元", "约1150万元", 1150, None, "万元", "about", False, "seed"),
    ("总投资约5.3亿元", "约5.3亿元", 5.3, None, "亿元", "about", False, "seed"),
    ("已突破3.5万家", "突破3.5万家", 3.5, None, "万家", "at_least", False, "seed"),
    ("670余次", "670余次", 670, None, "次", "at_least", False, "seed"),
    ("20余处", "20余处", 20, None, "处", "at_least", False, "seed"),
    ("增收近200万元", "近200万元", 200, None, "万元", "at_most", False, "seed"),
    ("增收逾3000元", "逾3000元", 3000, None, "元", "at_least", False, "seed"),
    ("1万余张", "1万余张", 1, None, "万张", "at_least", False, "seed"),
    ("增长10%以上", "10%以上", 10, None, "%", "at_least", False, "seed"),
    ("投资3200余万元", "3200余万元", 3200, None, "万元", "at_least", False, "seed"),
    ("330余亩", "330余亩", 330, None, "亩", "at_least", False, "seed"),
    ("80岁以上", "80岁以上", 80, None, "岁", "at_least", False, "seed"),
    ("增长7%左右", "7%左右", 7, None, "%", "about", False, "seed"),
    ("突破1300亿元", "突破1300亿元", 1300, None, "亿元", "at_least", False, "seed"),
    ("450亩以上", "450亩以上", 450, None, "亩", "at_least", False, "seed"),
    ("参保率达98%以上", "98%以上", 98, None, "%", "at_least", False, "seed"),
    ("总投资超32亿的", "超32亿", 32, None, "亿", "at_least", False, "seed"),
    ("收入均超50万,", "超50万", 50, None, "万", "at_least", False, "seed"),
    # --- seed: ranges and declines ---------------------------------------------
    ("高标准农田1-2个", "1-2个", 1, 2, "个", "range", False, "seed"),
    ("培育2-3个", "2-3个", 2, 3, "个", "range", False, "seed"),
    ("3-5家以上", "3-5家以上", 3, 5, "家", "range", False, "seed"),
    ("交通事故数同比下降25%", "25%", 25, None, "%", None, True, "seed"),
    ("原始警情同比下降26.82%", "26.82%", 26.82, None, "%", None, True, "seed"),
    # --- corpus: percents, qualifiers -------------------------------------------
    ("增长6%左右", "6%左右", 6, None, "%", "about", False, "corpus"),
    ("控制在4.5%以内", "4.5%以内", 4.5, None, "%", "at_most", False, "corpus"),
    ("不低于80%", "不低于80%", 80, None, "%", "at_least", False, "corpus"),
    ("不超过10%", "不超过10%", 10, None, "%", "at_most", False, "corpus"),
    ("增长8%以上", "8%以上", 8, None, "%", "at_least", False, "corpus"),
    ("15%以下", "15%以下", 15, None, "%", "at_most", False, "corpus"),
    ("9.2‰之内", "9.2‰之内", 9.2, None, "‰", "at_most", False, "corpus"),
    ("增长６％", "６％", 6, None, "%", None, False, "corpus"),
    # --- corpus: money ----------------------------------------------------------
    ("3.64万亿美元", "3.64万亿美元", 3.64, None, "万亿美元", None, False, "corpus"),
    ("16.9亿美元", "16.9亿美元", 16.9, None, "亿美元", None, False, "corpus"),
    ("1000万美元以上", "1000万美元以上", 1000, None, "万美元", "at_least", False, "corpus"),
    ("700亿美元左右", "700亿美元左右", 700, None, "亿美元", "about", False, "corpus"),
    ("1万亿元以上", "1万亿元以上", 1, None, "万亿元", "at_least", False, "corpus"),
    ("5000余万元", "5000余万元", 5000, None, "万元", "at_least", False, "corpus"),
    ("30多亿元", "30多亿元", 30, None, "亿元", "at_least", False, "corpus"),
    ("1.8亿余元", "1.8亿余元", 1.8, None, "亿元", "at_least", False, "corpus"),
    ("逾72亿元", "逾72亿元", 72, None, "亿元", "at_least", False, "corpus"),
    ("超10亿元", "超10亿元", 10, None, "亿元", "at_least", False, "corpus"),
    ("不少于400亿元", "不少于400亿元", 400, None, "亿元", "at_least", False, "corpus"),
    ("突破1000亿元", "突破1000亿元", 1000, None, "亿元", "at_least", False, "corpus"),
    # --- corpus: physical and counts ------------------------------------------
    ("1.5万平方米", "1.5万平方米", 1.5, None, "万平方米", None, False, "corpus"),
    ("100万平方米以上", "100万平方米以上", 100, None, "万平方米", "at_least", False, "corpus"),
    ("600平方公里以上", "600平方公里以上", 600, None, "平方公里", "at_least", False, "corpus"),
    ("10万千瓦", "10万千瓦", 10, None, "万千瓦", None, False, "corpus"),
    ("1000亿千瓦时", "1000亿千瓦时", 1000, None, "亿千瓦时", None, False, "corpus"),
    ("500万标箱", "500万标箱", 500, None, "万标箱", None, False, "corpus"),
    ("200公顷", "200公顷", 200, None, "公顷", None, False, "corpus"),
    ("32.8万亩", "32.8万亩", 32.8, None, "万亩", None, False, "corpus"),
    ("100千伏", "100千伏", 100, None, "千伏", None, False, "corpus"),
    ("53微克/立方米", "53微克/立方米", 53, None, "微克/立方米", None, False, "corpus"),
    ("270天以上", "270天以上", 270, None, "天", "at_least", False, "corpus"),
    ("超过1800万人次", "超过1800万人次", 1800, None, "万人次", "at_least", False, "corpus"),
    ("25.3万人", "25.3万人", 25.3, None, "万人", None, False, "corpus"),
    ("6500人次", "6500人次", 6500, None, "人次", None, False, "corpus"),
    ("近10万人", "近10万人", 10, None, "万人", "at_most", False, "corpus"),
    ("约34万个", "约34万个", 34, None, "万个", "about", False, "corpus"),
    ("近600家", "近600家", 600, None, "家", "at_most", False, "corpus"),
    ("40家左右", "40家左右", 40, None, "家", "about", False, "corpus"),
    ("逾550家", "逾550家", 550, None, "家", "at_least", False, "corpus"),
    ("至少1个", "至少1个", 1, None, "个", "at_least", False, "corpus"),
    ("2.67倍", "2.67倍", 2.67, None, "倍", None, False, "corpus"),
    ("增长1倍以上", "1倍以上", 1, None, "倍", "at_least", False, "corpus"),
    # --- corpus: ranges ---------------------------------------------------------
    ("6%—6.5%", "6%—6.5%", 6, 6.5, "%", "range", False, "corpus"),
    ("6%-6.5%", "6%-6.5%", 6, 6.5, "%", "range", False, "corpus"),
    ("6-6.5%", "6-6.5%", 6, 6.5, "%", "range", False, "corpus"),
    ("6%～6.5%", "6%～6.5%", 6, 6.5, "%", "range", False, "corpus"),
    ("7.2～7.5%", "7.2～7.5%", 7.2, 7.5, "%", "range", False, "corpus"),
    ("3～5%", "3～5%", 3, 5, "%", "range", False, "corpus"),
    ("25%到40%", "25%到40%", 25, 40, "%", "range", False, "corpus"),
    ("2至3个百分点", "2至3个百分点", 2, 3, "个百分点", "range", False, "corpus"),
    ("10至15个百分点", "10至15个百分点", 10, 15, "个百分点", "range", False, "corpus"),
    ("1——2家", "1——2家", 1, 2, "家", "range", False, "corpus"),
    ("3—4个", "3—4个", 3, 4, "个", "range", False, "corpus"),
    ("5-20万元", "5-20万元", 5, 20, "万元", "range", False, "corpus"),
    ("1～2项", "1～2项", 1, 2, "项", "range", False, "corpus"),
    ("1-2所", "1-2所", 1, 2, "所", "range", False, "corpus"),
    ("20万至60万", "20万至60万", 20, 60, "万", "range", False, "corpus"),
    # --- corpus: declines -------------------------------------------------------
    ("下降2.3个百分点", "2.3个百分点", 2.3, None, "个百分点", None, True, "corpus"),
    ("下降0.5个百分点", "0.5个百分点", 0.5, None, "个百分点", None, True, "corpus"),
    ("回落2.9个百分点", "2.9个百分点", 2.9, None, "个百分点", None, True, "corpus"),
    ("减少6900万吨", "6900万吨", 6900, None, "万吨", None, True, "corpus"),
    ("下降3.5%", "3.5%", 3.5, None, "%", None, True, "corpus"),
    ("下降18.6％", "18.6％", 18.6, None, "%", None, True, "corpus"),
    ("增长-9.2%", "-9.2%", 9.2, None, "%", None, True, "corpus"),
    ("负80％", "负80％", 80, None, "%", None, True, "corpus"),
    # --- corpus: Chinese numerals -------------------------------------------------
    ("百分之八至九", "百分之八至九", 8, 9, "%", "range", False, "corpus"),
    ("百分之二到百分之三", "百分之二到百分之三", 2, 3, "%", "range", False, "corpus"),
    ("百分之百", "百分之百", 100, None, "%", None, False, "corpus"),
    ("百分之十三点四", "百分之十三点四", 13.4, None, "%", None, False, "corpus"),
    ("百分之五左右", "百分之五左右", 5, None, "%", "about", False, "corpus"),
    ("百分之九十五以上", "百分之九十五以上", 95, None, "%", "at_least", False, "corpus"),
    ("百分之六以内", "百分之六以内", 6, None, "%", "at_most", False, "corpus"),
    ("一个百分点", "一个百分点", 1, None, "个百分点", None, False, "corpus"),
    ("两个百分点", "两个百分点", 2, None, "个百分点", None, False, "corpus"),
    ("七点七个百分点", "七点七个百分点", 7.7, None, "个百分点", None, False, "corpus"),
    ("两到三个百分点", "两到三个百分点", 2, 3, "个百分点", "range", False, "corpus"),
    ("增长一倍以上", "一倍以上", 1, None, "倍", "at_least", False, "corpus"),
    ("近两倍", "近两倍", 2, None, "倍", "at_most", False, "corpus"),
    ("一点九倍", "一点九倍", 1.9, None, "倍", None, False, "corpus"),
    ("二千三百亿美元", "二千三百亿美元", 2300, None, "亿美元", None, False, "corpus"),
    ("三万亿元", "三万亿元", 3, None, "万亿元", None, False, "corpus"),
    ("十六亿五千万元", "十六亿五千万元", 165000, None, "万元", None, False, "corpus"),
    ("七十亿到一百亿元", "七十亿到一百亿元", 70, 100, "亿元", "range", False, "corpus"),
    ("一千八百八十七亿元", "一千八百八十七亿元", 1887, None, "亿元", None, False, "corpus"),
    ("九点三亿元", "九点三亿元", 9.3, None, "亿元", None, False, "corpus"),
    ("五亿美元", "五亿美元", 5, None, "亿美元", None, False, "corpus"),
    ("三百多万人", "三百多万人", 300, None, "万人", "at_least", False, "corpus"),
    ("一万五千余人", "一万五千余人", 15000, None, "人", "at_least", False, "corpus"),
    ("十九万五千多个", "十九万五千多个", 195000, None, "个", "at_least", False, "corpus"),
    ("三十多个", "三十多个", 30, None, "个", "at_least", False, "corpus"),
    ("二百三十万人以上", "二百三十万人以上", 230, None, "万人", "at_least", False, "corpus"),
    ("六亿亩以上", "六亿亩以上", 6, None, "亿亩", "at_least", False, "corpus"),
    ("十万头", "十万头", 10, None, "万头", None, False, "corpus"),
    ("至少两小时", "至少两小时", 2, None, "小时", "at_least", False, "corpus"),
    ("三至五家", "三至五家", 3, 5, "家", "range", False, "corpus"),
]

KIND_OF = {
    "%": "percent",
    "‰": "percent",
    "个百分点": "points",
    "倍": "ratio",
    "": "none",
}


def _only(text: str) -> Quantity:
    qs = find_quantities(text)
    assert len(qs) == 1, (text, qs)
    return qs[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "value_high", "unit", "qualifier", "negative", "source"),
    REAL_FORMS,
    ids=[row[0] for row in REAL_FORMS],
)
def test_real_surface_forms(
    text: str,
    surface: str,
    value: float | None,
    value_high: float | None,
    unit: str,
    qualifier: str | None,
    negative: bool,
    source: str,
) -> None:
    q = _only(text)
    assert q.surface == surface
    assert text[q.start : q.end] == surface
    assert q.value == pytest.approx(value)
    if value_high is None:
        assert q.value_high is None
    else:
        assert q.value_high == pytest.approx(value_high)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert q.negative is negative
    assert q.unit_kind == numbers.unit_kind(unit)
    if unit in KIND_OF:
        assert q.unit_kind == KIND_OF[unit]
    assert ("chinese_numeral" in q.flags) is not any(ch.isdigit() for ch in surface)
    assert "placeholder" not in q.flags


def test_real_forms_table_is_big_enough() -> None:
    assert len(REAL_FORMS) >= 80
    assert len({row[0] for row in REAL_FORMS}) == len(REAL_FORMS)


def test_unit_kinds_of_real_forms() -> None:
    kinds = {row[4]: _only(row[0]).unit_kind for row in REAL_FORMS}
    assert kinds["亿元"] == "money"
    assert kinds["亿美元"] == "money"
    assert kinds["公顷"] == "physical"
    assert kinds["万人次"] == "count"
    assert kinds["家"] == "count"
    assert kinds["个百分点"] == "points"


# --------------------------------------------------------------------------
# Traps: words with numerals, dates, ordinals
# --------------------------------------------------------------------------

NOT_QUANTITIES = [
    "一般公共预算",
    "一体化",
    "统一",
    "一是",
    "三提三效",
    "十大专项行动",
    "“十四五”时期",
    "十四五规划",
    "党的二十大",
    "第一次",
    "两个确立",
    "一户一档",
    "一次性补贴",
    "唯一一家",
    "千方百计",
    "近两年",
    "实施“三倍增”行动",
    "五倍子",
    "突破一批",
    "签约一批",
    "近一个时期",
    "新十条",
    "前十位",
    "二〇二三年",
    "2022年",
    "2023年3月5日",
    "3月",
    "第5",
    "第1-3批",
    "0571-88888888",
    "排名全市第6。",
    "1.横沥镇",
    "(一)",
    "（1）",
    "“3·15”“11·17”",
    "2018-2022年",
    "2018—2022",
    "1-11月",
    "10余年",
    "建党100周年",
    "21世纪",
    "一季度",
    "5G基站",
    "X195横沥",
    "PM2.5",
    "5号线",
    "10:30",
    "2023.3.5",
    "0571",
    "“1+18+15”",
    "“3010”工程",
    "2022横沥镇招商大会",
    "**名词解释**",
    "**万元生产总值能耗**",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_traps_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("一般公共预算财力16.03亿元", ["16.03亿元"]),
        ("“十四五”时期增长6%左右", ["6%左右"]),
        ("第一次突破100亿元", ["突破100亿元"]),
        ("2022年内资协议投资额71.17亿元", ["71.17亿元"]),
        ("1.六镇镇2023年完成87.19万平方米", ["87.19万平方米"]),
        ("(一)实现增长2.0%", ["2.0%"]),
        ("三提三效行动推动24个项目", ["24个"]),
        ("5家至2025年", ["5家"]),
        ("力争到2025年达到1万亿元", ["1万亿元"]),
    ],
)
def test_traps_next_to_figures(text: str, surfaces: list[str]) -> None:
    assert [q.surface for q in find_quantities(text)] == surfaces


def test_chinese_count_rule() -> None:
    # single digits and bare ten with a measure word are set phrases;
    # a place value with a qualifier, a multiplier or a range makes a figure
    assert find_quantities("两家") == []
    assert find_quantities("二十家") == []
    assert _only("二十多家").value == 20
    assert _only("两万多家").unit == "万家"
    assert _only("两至三家").qualifier == "range"
    assert _only("十万元").value == 10
    assert _only("三十公里").value == 30


# --------------------------------------------------------------------------
# Glued figures and placeholders
# --------------------------------------------------------------------------


def test_glued_percents_are_split_and_flagged() -> None:
    qs = find_quantities("亡人数分别下降37.5%25%,未发生")
    assert [(q.surface, q.value) for q in qs] == [("37.5%", 37.5), ("25%", 25.0)]
    assert all("glued" in q.flags and q.negative for q in qs)


def test_glued_percent_then_money() -> None:
    qs = find_quantities("支出增长2.6%3.27亿元")
    assert [(q.value, q.unit) for q in qs] == [(2.6, "%"), (3.27, "亿元")]
    assert all("glued" in q.flags for q in qs)


def test_three_glued_declines() -> None:
    qs = find_quantities("分别下降3.4%6.9%10.0%")
    assert [q.value for q in qs] == [3.4, 6.9, 10.0]
    assert all(q.negative and "glued" in q.flags for q in qs)


def test_year_glued_to_figure() -> None:
    text = "完成20222027亩高标农田建设"
    q = _only(text)
    assert (q.surface, q.value, q.unit) == ("2027亩", 2027.0, "亩")
    assert "glued" in q.flags
    assert text[q.start : q.end] == "2027亩"


@pytest.mark.parametrize("text", ["20470元", "19850.66元", "36914户", "154229人", "2000000元"])
def test_genuine_long_figures_are_not_split(text: str) -> None:
    q = _only(text)
    assert q.surface == text
    assert "glued" not in q.flags


def test_different_units_touching_are_ordinary() -> None:
    qs = find_quantities("6040户154380人")
    assert [q.surface for q in qs] == ["6040户", "154380人"]
    assert not any("glued" in q.flags for q in qs)


def test_adjacent_after_qualifier_is_not_glued() -> None:
    qs = find_quantities("800米以上1250米以下")
    assert [q.qualifier for q in qs] == ["at_least", "at_most"]
    assert not any("glued" in q.flags for q in qs)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("增长X.X%", "%"), ("XX亿元", "亿元"), ("xx万元", "万元"), ("**%", "%"), ("提高X个百分点", "个百分点")],
)
def test_placeholders(text: str, unit: str) -> None:
    q = _only(text)
    assert q.value is None
    assert q.unit == unit
    assert "placeholder" in q.flags


def test_placeholder_range() -> None:
    q = _only("X%-X%")
    assert (q.value, q.value_high, q.qualifier) == (None, None, "range")
    assert "placeholder" in q.flags


# --------------------------------------------------------------------------
# Declines, signs and multipliers
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("同比下降2.3个百分点", True),
        ("减少1200万元", True),
        ("下降约3%", True),
        ("降3个百分点", True),
        ("-3%", True),
        ("降至5%", False),
        ("下降到35微克/立方米", False),
        ("下降后回升3%", False),
        ("共减免租金1009万元", False),
        ("提高2.7个百分点", False),
        ("下降5%，全年完成30家", False),
    ],
)
def test_negative_flag(text: str, negative: bool) -> None:
    assert find_quantities(text)[-1].negative is negative


def test_decline_carries_over_a_list() -> None:
    qs = find_quantities("分别下降3.4%、6.9%和10.0%")
    assert [q.negative for q in qs] == [True, True, True]
    qs = find_quantities("下降5%的企业有30家")
    assert [q.negative for q in qs] == [True, False]


def test_bare_multiplier_stays_the_unit() -> None:
    # values are as stated; to_unit converts (3 万 -> 30000)
    q = _only("约3万")
    assert (q.value, q.unit, q.unit_kind, q.qualifier) == (3.0, "万", "none", "about")
    assert to_unit(q.value, q.unit, "") == pytest.approx(30000)


def test_thousands_separator_versus_clause_comma() -> None:
    assert _only("1,234.5吨").value == 1234.5
    qs = find_quantities("207.45亿元,同比增长2.0%")
    assert [q.surface for q in qs] == ["207.45亿元", "2.0%"]
    qs = find_quantities("分别为12,34个")
    assert [q.surface for q in qs] == ["12", "34个"]


def test_fullwidth_digits_keep_offsets() -> None:
    text = "增长５．５％，完成１２３亿元"
    qs = find_quantities(text)
    assert [(q.surface, q.value, q.unit) for q in qs] == [("５．５％", 5.5, "%"), ("１２３亿元", 123.0, "亿元")]


def test_quantity_is_frozen() -> None:
    q = _only("207.45亿元")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1.0  # type: ignore[misc]
    assert not hasattr(q, "__dict__")


def test_find_quantities_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        find_quantities(b"6%")  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# parse_number, parse_chinese_numeral, to_unit
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("1,234.5", 1234.5),
        ("1234", 1234.0),
        ("３．５", 3.5),
        ("6%", 6.0),
        ("6％", 6.0),
        ("-3", -3.0),
        ("负3", -3.0),
        ("3.5万", 35000.0),
        ("1.2万亿", 1.2e12),
        ("百分之十三点四", 13.4),
        ("百分之百", 100.0),
        ("一千二百万", 12000000.0),
        ("两", 2.0),
        ("三十五", 35.0),
        ("十", 10.0),
        ("一百零五", 105.0),
        ("一千零一十", 1010.0),
        ("二〇二三", 2023.0),
        ("三亿五千万", 350000000.0),
        ("一万五", 15000.0),
        ("零点八", 0.8),
    ],
)
def test_parse_number(s: str, expected: float) -> None:
    assert parse_number(s) == pytest.approx(expected)


@pytest.mark.parametrize(
    "s", ["", "一般", "abc", "1,23", "1.2.3", "三四十", "十四五", "约3", "百分之", "X.X", "1" * 30]
)
def test_parse_number_rejects(s: str) -> None:
    assert parse_number(s) is None


@pytest.mark.parametrize("s", ["", "般", "一般", "十四五", "三四十", "点五", "五点", "万", "3"])
def test_parse_chinese_numeral_raises(s: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_numeral(s)


def test_to_unit() -> None:
    assert to_unit(12600, "万元", "亿元") == 1.26
    assert to_unit(1.26, "亿元", "万元") == pytest.approx(12600)
    assert to_unit(3.64, "万亿美元", "亿美元") == pytest.approx(36400)
    assert to_unit(15, "亩", "公顷") == pytest.approx(1.0)
    assert to_unit(87.19, "万平方米", "平方米") == pytest.approx(871900)
    assert to_unit(100, "万千瓦", "千瓦") == pytest.approx(1e6)
    assert to_unit(2168, "万人次", "人次") == pytest.approx(21680000)
    assert to_unit(5, "‰", "%") == pytest.approx(0.5)
    assert to_unit(3, "万", "") == pytest.approx(30000)
    for src, tgt in [("万元", "万美元"), ("%", "个百分点"), ("人", "人次"), ("亩", "吨"), ("元", "斤子")]:
        with pytest.raises(ValueError):
            to_unit(1.0, src, tgt)


# --------------------------------------------------------------------------
# Property tests: write numbers, parse them back
# --------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_PLACES = ["", "十", "百", "千"]


def _cn_below_10000(n: int, *, leading: bool) -> str:
    out: list[str] = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_CN_DIGITS[d] + _PLACES[power])
    s = "".join(out)
    if leading and s.startswith("一十"):
        s = s[1:]  # 十五, not 一十五
    return s


def write_chinese(n: int, *, liang: bool = False) -> str:
    """Standard Chinese numeral for 0 < n < 10**8 (the writer under test's mirror)."""
    high, low = divmod(n, 10_000)
    if high:
        s = _cn_below_10000(high, leading=True) + "万"
        if low:
            s += ("零" if low < 1000 else "") + _cn_below_10000(low, leading=False)
    else:
        s = _cn_below_10000(low, leading=True)
    if liang and s[0] == "二" and len(s) > 1 and s[1] in "百千万":
        s = "两" + s[1:]
    return s


@settings(database=None)
@given(st.integers(min_value=1, max_value=99_999_999), st.booleans())
def test_chinese_writer_roundtrip(n: int, liang: bool) -> None:
    assert parse_chinese_numeral(write_chinese(n, liang=liang)) == n


_PRE = {"约": "about", "大约": "about", "超过": "at_least", "突破": "at_least", "逾": "at_least",
        "不低于": "at_least", "至少": "at_least", "不超过": "at_most", "近": "at_most"}
_POST = {"左右": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most"}
_MID = {"多": "at_least", "余": "at_least"}
ALL_UNITS = sorted(numbers._UNIT_INFO)
SCALED_KINDS = ("money", "physical", "count")


@st.composite
def written_quantity(draw: st.DrawFn) -> dict:
    unit = draw(st.sampled_from(ALL_UNITS))
    kind = numbers.unit_kind(unit)
    chinese = draw(st.booleans())
    mult = draw(st.sampled_from(["", "万", "亿", "万亿"])) if kind in SCALED_KINDS else ""
    if not chinese and kind in SCALED_KINDS:
        mult = draw(st.sampled_from([mult, "千万", "千"]))
    qual_kinds = ["none", "pre", "post", "mid"] if kind in SCALED_KINDS else ["none", "pre", "post"]
    qual_kind = draw(st.sampled_from(qual_kinds))
    qual = ""
    if qual_kind == "pre":
        qual = draw(st.sampled_from(sorted(_PRE)))
    elif qual_kind == "post":
        qual = draw(st.sampled_from(sorted(_POST)))
    elif qual_kind == "mid":
        qual = draw(st.sampled_from(sorted(_MID)))
    # keep clear of the documented glued-year split (>= 6 digits starting 19xx/20xx)
    limit = 999 if kind in ("percent", "points", "ratio") else 99_999
    if chinese:
        integer = draw(st.integers(min_value=1, max_value=limit if not mult else 9999))
        decimals = draw(st.sampled_from(["", "", str(draw(st.integers(1, 9)))]))
        if qual_kind == "mid":
            decimals = ""
        digits = write_chinese(integer, liang=draw(st.booleans()))
        if decimals:
            digits += "点" + "".join(_CN_DIGITS[int(c)] for c in decimals)
        value = float(f"{integer}.{decimals}" if decimals else integer)
        if unit == "%" and draw(st.booleans()):
            percent_prefix = "百分之"
            shown_unit = ""
        else:
            percent_prefix = ""
            shown_unit = unit
    else:
        integer = draw(st.integers(min_value=0, max_value=limit))
        decimals = draw(st.sampled_from(["", "", "5", "25", "07"]))
        if qual_kind == "mid":
            decimals = ""
        sep = draw(st.booleans()) and integer >= 1000
        digits = f"{integer:,}" if sep else str(integer)
        if decimals:
            digits += "." + decimals
        value = float(f"{integer}.{decimals}" if decimals else integer)
        percent_prefix = ""
        shown_unit = unit
    if qual_kind == "mid":
        core = digits + qual + mult + shown_unit
    else:
        core = percent_prefix + digits + mult + shown_unit
    if qual_kind == "pre":
        surface = qual + core
    elif qual_kind == "post":
        surface = core + qual
    else:
        surface = core
    verb = draw(st.sampled_from(["实现", "增长", "下降"]))
    qualifier = {"none": None, "pre": _PRE.get(qual), "post": _POST.get(qual), "mid": _MID.get(qual)}[qual_kind]
    # documented acceptance rule for Chinese numerals
    if chinese and not percent_prefix:
        # 一千伏 reads as 1 千伏 but keeps the weight of 1000 伏
        has_place = integer >= 10 or (unit[0] in "千百" and not decimals and not mult)
        if kind in ("points", "ratio") or unit == "百分点" or mult:
            accepted = True
        elif kind == "count":
            accepted = has_place and qualifier is not None
        else:
            accepted = has_place or qualifier is not None
    else:
        accepted = True
    return {
        "text": verb + surface + "，其中",
        "offset": len(verb),
        "surface": surface,
        "value": value,
        "unit": mult + unit,
        "qualifier": qualifier,
        "negative": verb == "下降",
        "accepted": accepted,
        "chinese": chinese,
    }


@settings(max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(written_quantity())
def test_written_quantities_parse_back(w: dict) -> None:
    qs = find_quantities(w["text"])
    if not w["accepted"]:
        assert qs == []
        return
    assert len(qs) == 1, (w, qs)
    q = qs[0]
    assert q.surface == w["surface"]
    assert (q.start, q.end) == (w["offset"], w["offset"] + len(w["surface"]))
    # the parser may move a trailing 万 of a Chinese numeral into the unit
    # (三万人 -> 3 万人); compare in the written unit
    assert to_unit(q.value, q.unit, w["unit"]) == pytest.approx(w["value"], rel=1e-9, abs=1e-9)
    assert q.unit.endswith(w["unit"].lstrip("万亿千")) or q.unit == w["unit"]
    assert q.qualifier == w["qualifier"]
    assert q.negative is w["negative"]
    assert ("chinese_numeral" in q.flags) is w["chinese"]


@st.composite
def written_range(draw: st.DrawFn) -> dict:
    unit = draw(st.sampled_from(["%", "个百分点", "亿元", "万元", "个", "家", "万吨", "公里", "倍"]))
    low = draw(st.integers(min_value=1, max_value=500))
    high = draw(st.integers(min_value=low + 1, max_value=999))
    sep = draw(st.sampled_from(["—", "-", "～", "~", "至", "到", "——"]))
    chinese = draw(st.booleans())
    if chinese:
        lo_s, hi_s = write_chinese(low), write_chinese(high)
        if unit == "%":
            text = f"百分之{lo_s}{sep}{hi_s}"
        else:
            text = f"{lo_s}{sep}{hi_s}{unit}"
    else:
        repeat = unit == "%" and draw(st.booleans())
        text = f"{low}{unit if repeat else ''}{sep}{high}{unit}"
    return {"text": text, "low": low, "high": high, "unit": unit}


@settings(max_examples=300, deadline=None, database=None)
@given(written_range())
def test_written_ranges_parse_back(w: dict) -> None:
    q = _only("预计" + w["text"] + "。")
    assert q.surface == w["text"]
    assert (q.value, q.value_high) == (w["low"], w["high"])
    assert q.unit == w["unit"]
    assert q.qualifier == "range"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet="0123456789.,%-—～至到约近以上下内左右多余万亿元个百分点一二两三十百千第年月日号X*·、，。 \n（）()",  # noqa: E501
               max_size=80))
def test_offsets_on_arbitrary_text(text: str) -> None:
    qs = find_quantities(text)
    starts = [q.start for q in qs]
    assert starts == sorted(starts)
    for q in qs:
        assert text[q.start : q.end] == q.surface
        assert q.surface
        assert q.unit_kind in {"money", "percent", "points", "physical", "count", "ratio", "none"}
        assert q.qualifier in {None, "about", "at_least", "at_most", "range"}
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start


# --------------------------------------------------------------------------
# Linear time
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1234567890" * 400_000, id="digits"),
        pytest.param("一般公共预算收入稳步增长" * 350_000, id="no-punctuation"),
        pytest.param("一" * 4_000_000, id="numeral-run"),
        pytest.param("X" * 4_000_000, id="placeholder-run"),
        pytest.param("1." * 2_000_000, id="dotted"),
        pytest.param("6" + " " * 4_000_000 + "%", id="spaces"),
        pytest.param("全年实现地区生产总值207.45亿元,同比增长2.0%;新增就业3.5万人。" * 100_000, id="dense"),
    ],
)
def test_large_inputs_complete(text: str) -> None:
    t0 = time.perf_counter()
    qs = find_quantities(text)
    assert time.perf_counter() - t0 < 20
    if text.startswith("全年"):
        assert len(qs) == 300_000


# --------------------------------------------------------------------------
# Real files
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("seed text not available")
    return SEED.read_text(encoding="utf-8")


def test_seed_forms_occur_in_seed(seed_text: str) -> None:
    missing = [row[0] for row in REAL_FORMS if row[7] == "seed" and row[0] not in seed_text]
    assert missing == []


def test_seed_offsets_and_traps(seed_text: str) -> None:
    qs = find_quantities(seed_text)
    assert len(qs) > 500
    for q in qs:
        assert seed_text[q.start : q.end] == q.surface
    surfaces = [q.surface for q in qs]
    for word in ("一般", "十四五", "三提三效", "二十大", "一体化", "一是", "第"):
        assert not any(word in s for s in surfaces), word
    assert not any(q.surface.endswith("年") for q in qs)
    by_surface = {q.surface: q for q in qs}
    assert by_surface["207.45亿元"].value == 207.45
    assert by_surface["2027亩"].flags == ("glued",)


@pytest.mark.corpus
def test_corpus_forms_occur_in_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("lawtext-gov corpus not available")
    wanted = {row[0] for row in REAL_FORMS if row[7] == "corpus"}
    for path in CORPUS.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        wanted = {w for w in wanted if w not in text}
        if not wanted:
            break
    assert wanted == set()


@pytest.mark.corpus
def test_corpus_sample_offsets_and_traps() -> None:
    if not CORPUS.is_dir():
        pytest.skip("lawtext-gov corpus not available")
    paths = sorted(p for p in CORPUS.rglob("*.md") if not p.name.startswith("README"))
    sample = random.Random(20230305).sample(paths, min(150, len(paths)))
    total = 0
    for path in sample:
        text = path.read_text(encoding="utf-8", errors="replace")
        qs = find_quantities(text)
        total += len(qs)
        for q in qs:
            assert text[q.start : q.end] == q.surface
            if "chinese_numeral" in q.flags:
                assert not q.surface.startswith(("一般", "一体", "统一", "一是", "十四五"))
    assert total > 1000


@pytest.mark.parametrize(
    ("text", "surface", "value", "high", "qualifier"),
    [
        ("增长3 至 5%", "3 至 5%", 3.0, 5.0, "range"),  # blanks around the separator
        ("补贴1.5—2万元", "1.5—2万元", 1.5, 2.0, "range"),
        ("约3 万元左右", "约3 万元左右", 3.0, None, "about"),
        ("增长6% 左右", "6%", 6.0, None, None),  # a qualifier after a blank is not attached
        ("增长5%至", "5%", 5.0, None, None),  # a separator with no figure after it
    ],
)
def test_range_and_qualifier_boundaries(text, surface, value, high, qualifier) -> None:
    (q,) = find_quantities(text)
    assert (q.surface, q.value, q.value_high, q.qualifier) == (surface, value, high, qualifier)
    assert text[q.start : q.end] == q.surface


def test_scanner_reads_the_arabic_tail_in_the_same_match() -> None:
    # _SCAN reads an Arabic number's tail in the same match, and opens with a consumed character class
    # (not a lookahead) so that search skips to candidates in C; its matches start where _TOKEN's do
    assert "arx" in numbers._SCAN.groupindex and "unit1" in numbers._SCAN.groupindex
    assert numbers._SCAN.pattern.startswith("[")
    sample = "第3项，XX亿元 **%增长一百分之五2023年十二 一般3,456.7万元"
    assert [m.start() for m in numbers._SCAN.finditer(sample)] == [
        m.start() for m in numbers._TOKEN.finditer(sample) if m.lastgroup != "cn" or m.end() - m.start() > 1
        or (m.end() < len(sample) and sample[m.end()] in numbers._CN_FOLLOW_CHARS)
    ]
    qs = find_quantities("增长1000多万元，约\n5%，大约 3个")
    assert [(q.surface, q.unit, q.qualifier) for q in qs] == [
        ("1000多万元", "万元", "at_least"), ("约\n5%", "%", "about"), ("大约 3个", "个", "about"),
    ]


def test_scanner_skips_a_lone_digit_of_a_word() -> None:
    # a lone digit before a count word or nothing, with no range after (一批, 两个, 三是), is no
    # figure: the scanner skips it; not one before a multiplier, another unit or a range, nor 十
    for word in ("一批", "两个", "三多项", "四 户", "五人次", "六是"):
        assert list(numbers._SCAN.finditer(word)) == [], word
    for word in ("三至五家", "一吨", "十个", "三个百分点", "三 个月", "一多万", "两个-三个"):
        assert numbers._SCAN.match(word), word
    # the unit is read as _TAIL reads it, and a count word known by its last character: no other
    # unit ends in one; the scan goes on right after the digit, as find_quantities went on after
    # its tail: no character of such a tail starts a match
    counts = [u for u, (kind, _, _) in numbers._UNIT_INFO.items() if kind == "count"]
    last = {u[-1] for u in counts}
    assert not [u for u, (kind, _, _) in numbers._UNIT_INFO.items() if kind != "count" and u[-1] in last]
    assert not [ch for ch in "".join(counts) + "多余 \u3000" if numbers._SCAN.match(ch + "1元")]


def test_short_path_skips_only_bare_numbers_the_general_path_excludes() -> None:
    # the short path's tables of neighbours that exclude a bare number (_EXCLUDE_BARE_*) must stay
    # within what _arabic_is_excluded excludes: each, before or after a bare number in running text
    for ch in sorted(numbers._EXCLUDE_BARE_AFTER):
        t = f"全镇有12{ch}项目"
        part = numbers._Part("ar", 3, 5, 5, 12.0, "", "", "", False, 2)
        assert numbers._arabic_is_excluded(t, part, len(t)), ch
    for ch in sorted(numbers._EXCLUDE_BARE_BEFORE):
        for after in ("项", "，", ""):
            t = f"全镇有{ch}12{after}"
            part = numbers._Part("ar", 4, 6, 6, 12.0, "", "", "", False, 2)
            assert numbers._arabic_is_excluded(t, part, len(t)), (ch, after)
    assert not numbers._RATIO_COLONS & (numbers._EXCLUDE_BARE_AFTER | numbers._RANGE_SEP_FIRST)


def test_quantities_made_by_the_scanner_are_ordinary_quantities() -> None:
    # _new_quantity fills a mutable twin and then changes its class: the result must be a plain,
    # frozen Quantity, equal (and hashing equal) to one built by the constructor
    (q,) = find_quantities("增长约3.5%")
    built = Quantity(
        start=2, end=7, surface="约3.5%", value=3.5, value_high=None, unit="%", unit_kind="percent",
        qualifier="about", negative=False, flags=(),
    )
    assert type(q) is Quantity and q == built and hash(q) == hash(built) and repr(q) == repr(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1.0  # type: ignore[misc]
    assert dataclasses.replace(q, value=1.0).value == 1.0


def test_fast_paths_agree_with_the_patterns() -> None:
    # a pre-qualifier ends in one of _PRE_QUAL_LAST
    assert {w[-1] for w in numbers._PRE_QUAL_KIND} <= numbers._PRE_QUAL_LAST
    # the decline window is skipped unless a decline word can start in it: every decline word of
    # _DIRECTION still makes its figure negative, and a rise word alone never does
    declines = [w for w in numbers._DIRECTION.pattern.split("|") if w in numbers._DECLINE_WORDS]
    assert len(declines) == len(numbers._DECLINE_WORDS)
    for word in declines + ["降", "减"]:
        assert find_quantities(f"工业产值{word}5.2%")[0].negative, word
    for word in set(numbers._DIRECTION.pattern.split("|")) - numbers._DECLINE_WORDS:
        assert not find_quantities(f"工业产值{word}5.2%")[0].negative, word


def test_short_path_tables_and_short_numbers() -> None:
    # the character before a figure: one that excludes it wins over one that may end a qualifier (a space)
    assert all(numbers._BEFORE_PLAIN[ch] == 1 for ch in numbers._EXCLUDE_BEFORE)
    assert all(numbers._BEFORE_PLAIN[ch] == 2 for ch in numbers._SIGN_OR_PRE_QUAL_LAST - numbers._EXCLUDE_BEFORE)
    assert numbers._UNIT_KIND[""] == "none" and numbers._UNIT_KIND["元"] == "money"
    # the digits after the first, when three characters or fewer, hold no comma and no second point
    rng = random.Random(7)
    for _ in range(3000):
        digits = "1" + "".join(rng.choice("0,.5") for _ in range(rng.randint(0, 6)))
        m = numbers._SCAN.match(digits + "元")
        rest = m.group("ar")
        if len(rest) <= 3:
            assert "," not in rest and rest.count(".") <= 1, digits
    assert [(q.surface, q.value) for q in find_quantities("1,234万元和1.5.2万元、12.5万元")] == [
        ("1,234万元", 1234.0), ("12.5万元", 12.5),
    ]
