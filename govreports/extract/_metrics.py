"""Figures: every quantity of a report with its indicator, kind and provenance; the panel.

:func:`extract_metrics` turns each report into one row per figure. A figure
is a quantity found by :mod:`govreports.numbers` (``207.45亿元``, ``6%左右``,
``百分之八至九``); it is attached to the indicator its clause names (the
taxonomy in :mod:`govreports.indicators`), told to be an ``actual`` or a
``target`` by the section it stands in (:mod:`govreports.segment`) and the
wording around it, and given the period it refers to (a figure stated for
several indicators at once, 均增长8%, gives a row for each). Every row carries the
sentence and the ``start``/``end`` offsets of the figure in the report's
cleaned text: ``text[start:end]`` is the figure's surface form.

:func:`panel` keeps the headline figure per report, indicator, kind and
measure: the dataset the growth-target literature builds by hand.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import _regex
from .._deprecated import renamed_arguments
from .._lazy import pandas as pd
from .._parallel import Engine, run_map
from .._regex import LeadScan, match_led, matches_in, runs_around
from .._util import HEADINGS_CHARS, require_columns, text_hash
from ..schema import (
    FIRST_MONTHS_LAST,
    LEVELS,
    MEASURES,
    METRIC_COLUMNS,
    METRIC_KINDS,
    PLAN_PERIOD_FIRST_YEAR,
    RENAMED_COLUMNS,
    REVIEW_FLAGS,
    SECTION_KINDS,
    from_old_names,
    next_year_plan_heading,
    region_suffix_pattern,
    with_old_names,
)
from . import _numbers as _numbers
from ._indicators import GROWTH_ONLY_ALIASES, alias_pattern, alias_table, unit_kinds
from ._review import apply_corrections
from ._segment import ONE_PARAGRAPH_MIN, find_sections, inline_cuts, split_sentences

__all__ = ["extract_metrics", "panel"]

_ATTACHED_ONLY = frozenset({"other_year", "kind_guessed", "far", "no_period"})

# ---------------------------------------------------------------- wording cues

#: What joins the two ends of a range between digits (1-11月, 2018—2022年): every dash local
#: pages use, 至/到, and 一 written for a dash (1一11月)
_RANGE_DASH = "[-—–~～至到－‐−─―一]"

# the words a change is said with (增长, 下降 …), last in every match of _GROWTH_WORDS: the words
# before them are optional, so a text holds a match of _GROWTH_WORDS exactly when it holds one of
# these (_GROWTH_VERB, a search led by literals: the engine skips to their first characters)
_GROWTH_VERBS = (
    r"(?:增长|增幅|增速|增长速度|涨幅|提高|上升|上涨|下降|减少|回落|下滑|降低|增加|负增长|比增|增)"
)
_GROWTH_WORDS = _regex.compile(
    r"(?:同比|比上年|较上年|比去年|较去年|比上年同期|与上年相比|按可比价格计算|按不变价格?计算|可比价|可比)?"
    r"(?:名义|实际)?(?:年均|平均每年|每年)?" + _GROWTH_VERBS
)
_GROWTH_VERB = _regex.compile(_GROWTH_VERBS)
_GROWTH_CLAUSE = _regex.compile(
    r"^\s*(?:其中)?\s*(?:(?:19|20)\d{2}年(?:底|末)?|预计|据?初步(?:核算|统计)|年末|年底|同口径|现价|可比价"
    # a span before a yearly average: “十三五”期间年均增长7.2%, 五年来年均增长8%
    r"|[“\"]?十[一二三四五]?五[”\"]?(?:时期|期间)?|[五5]年来|(?:过去|近)?[两二三四五2-5]年|累计|累积"
    r"|(?:19|20)\d{2}\s*" + _RANGE_DASH
    + r"\s*(?:19|20)?\d{2}\s*年(?:间|期间)?){0,2}(?:均|都|分别|同步)?(?:全年|全[镇乡市县省区州盟旗])?\s*(?:"
    r"(?:剔除[^，,。；;\d]{0,12}因素(?:后|影响)?)?"
    r"(?:同比|比上年同口径|比上年|较上年|比去年|较去年|比上年同期|与上年同期相比|与上年相比|与去年同期相比|按可比价格计算|按可比价计算|按可比价|可比价|按不变价格?计算|按可比口径|按同口径|可比口径|同口径|可比|自然口径|自然|现价"
    # 比2012年(下同)增长47.7%: a change since a base year
    r"|[比较](?:19|20)\d{2}年(?:末|底)?(?:[（(][^）)]{0,6}[）)])?"
    r"|[比较][“\"]?十[一二三四五]?五[”\"]?(?:末|期末|时期|期间)?){0,2}(?:名义|实际)?(?:年均|平均)?(?:分别)?"
    r"(?:增长|增幅|增速|增长速度|涨幅|提高|上升|下降|减少|回落|下滑|降低|增加|负增长|比增|同比增|可比增长)(?:了|为|达到|达|到|至|在)?"
    r"|(?:同比|比上年|较上年)|总量|规模|总额|(?:的)?(?:宏观)?(?:调控|预期)?目标)?"
    r"(?:突破|超过|达到|达|为|逾|接近|近|定为|定在|确定为|预期为|预计为|设定为|安排为|完成|实现"
    r"|(?:成功|首次|一举|顺利)?(?:迈上|迈入|跨上|跨入|跨越|跨过|迈过|站上|跃上))?\s*$"
)
_AVG = _regex.compile(r"年均|平均每年|年平均")  # (every match holds 均 or 平: looked for first)
_SHARE = _regex.compile(r"占|比重|占比|(?<![增涨降速])率")


def _has_share_word(wording: str) -> bool:
    """Whether ``wording`` holds a :data:`_SHARE` word (each holds 占, 比重 or 率: looked for first)."""
    return ("占" in wording or "比重" in wording or "率" in wording) and _SHARE.search(wording) is not None


# 财政支出70%以上用于民生: the part of the indicator spent on something
_SHARE_AFTER = _regex.compile(r"\s*(?:以上|左右|以内)?\s*(?:用于|投向|投入到?|花在|来自|源于|集中于)")
_OF_TARGET = _regex.compile(r"(?:目标|计划|任务|预算(?!收入|支出)|指标)(?:任务|数)?[^，,。；;]{0,14}的\s*$")
# the figures of a list before this one (…分别完成县下达指标的279%、113%、…): what the list shares precedes them
_PCT_LIST_TAIL = _regex.compile(r"(?:\d+(?:\.\d+)?\s*%\s*[、和及与]\s*)+$")
_LIST_JOINERS = frozenset("、和及与")  # what _PCT_LIST_TAIL and _AMOUNT_LIST_TAIL end with, but white space
_TARGET_CUES = _regex.compile(
    r"预期目标|主要目标|目标是|目标为|力争|争取|确保|计划|预计[^，,。；;]{0,8}(?:今年|明年)|奋斗目标|目标任务是|要实现|控制在"
)
_ESTIMATE = _regex.compile(r"预计|初步(?:核算|统计|测算|估算|预计)|预测")


def _estimated(before: str) -> bool:
    """Whether ``before`` holds an :data:`_ESTIMATE` word (each holds 预 or 初: looked for first)."""
    return ("预" in before or "初" in before) and _ESTIMATE.search(before) is not None
# The time markers below are searched over whole reports. Each alternative
# starts with a literal character (a lookbehind is placed after it, not
# before), so the regex engine skips to candidate characters in C: up to 8x
# faster than a leading lookbehind or optional group (benchmarks/run.py).
_FIVE_YEAR = _regex.compile(
    # (a base of comparison, 是“十二五”末的1.4倍, is left out where the markers are found: _Markers)
    r"五年来|过去五年|五年间|[“”‘]?十[一二三四五]五[”’]?(?:期间|时期|以来|末|规划)"
    r"|本届(?:人民)?政府(?!的?(?:开局|第一|首))|五年累计|年均"
    # 五年全社会固定资产投资完成26000亿元, 今后五年: five years opening a clause
    r"|五年(?:(?<=[，,。；;：:\n\s]五年)|(?<=近五年|这五年)|(?<=今后五年|未来五年|最近五年))(?![级制期度前后里规计的])"
)
# A five-year phrase in the figure's own clause makes a level the years' total
# (五年实际利用外资609亿美元), unless the clause says the level was reached (由A增加到B)
_FIVE_IN_CLAUSE = _regex.compile(r"五年(?:来|间|内|中)?(?=[^，,。；;：:]*$)")
_REACHED_IN_CLAUSE = _regex.compile(r"达到|达|增加到|提高到|增至|升至|跃升|由|从|为")
# a clause that ends with the verb of a level reached (…分别达到, 提高到): the figure is where it got to
# (or 分别达到3.5万元和: the verb before the figures listed)
_REACHED_VERB_END = _regex.compile(
    r"(?:达到|达|增加到|提高到|增至|升至|跃升至|跃升到)(?:了)?"
    r"(?:\s*[约近超逾]?[\d.]+\s*(?:万亿|亿|万|千)?(?:元|美元|吨|人|%)?\s*(?:[、和及与]|以及))*\s*[约近超逾]?$"
)

_SPAN = _regex.compile(r"((?:19|20)\d{2})\s*年?\s*" + _RANGE_DASH + r"\s*((?:19|20)\d{2})\s*年")
# 十年来, 40年来, 三年内: several years back (or ahead); the number before 年 is read by _years_before
_MANY_YEARS = _regex.compile(
    r"年(?<=[\d两二三四五六七八九十]年)(?:来|间|内|以来)|年(?<=过去[\d两二三四五六七八九十]年)|年(?<=过去的[\d两二三四五六七八九十]年)"
    r"|年(?<=连续[两二三四五六七八九十]年)(?=[^，,。；;]{0,10}(?:增长|保持|稳定|超过|突破))"
    # 近三年，…累计完成: the last years, opening a clause
    r"|年(?<=近[两二三四五六七八九十]年)(?=[，,])"
    # 5年累计实现直接利用外资3201万美元: a total over the years
    r"|年(?<=[\d两二三四五六七八九十]年)(?=累计|累积)"
)
_YEARS_DIGITS = frozenset("0123456789两二三四五六七八九十")


def _years_before(text: str, at: int) -> tuple[int, int]:
    """The number of years written right before ``at`` (五年来 → 5, 40年来 →
    40) and where it starts; 0 when it is a year (2018年来) or too long."""
    i = at
    while i > 0 and at - i < 3 and text[i - 1] in _YEARS_DIGITS:
        i -= 1
    if i > 0 and text[i - 1] in _YEARS_DIGITS:
        return 0, at  # a four-digit year or a longer number
    return _years_count(text[i:at]), i
# 比2011年增长46.6%: a change over several years from a base year
_BASE_YEAR = _regex.compile(
    r"[比较]((?:19|20)\d{2})年(?:末|底)?的?(?:[（(]([^）)]{0,6})[）)])?(?:分别)?(?:增长|增加|提高|翻|增收)"
)
# 比“十二五”末增长19.3%, 较“十三五”时期增长36%: the plan period's last year is the base
_BASE_PERIOD = _regex.compile(r"[比较]“?十([一二三四五])五”?(?:末|期末|时期|期间)?的?(?:分别)?(?:增长|增加|提高|翻)")
_PLAN_PERIOD_LAST = {n: first + 4 for n, first in PLAN_PERIOD_FIRST_YEAR.items()}
# 比2012年(下同)增长47.7%: the base year holds for the changes after it in the paragraph
_SAME_BELOW = _regex.compile(r"下同|以下同")
# a change over the year before stays one year (…年均增长28.6%，…同比增长22.9%)
_YEAR_ON_YEAR = _regex.compile(r"同比|比上年|较上年|比去年|较去年|与上年相比|与上年同期相比")
# the years of a review that is not five (一、过去四年工作回顾, 四年来，): the length of 年均 and 本届
# (at a line's start; the line break before it is part of the match, and the text's start is
# tried apart (_REVIEW_YEARS_FIRST): led by a character, the engine skips to candidates, where
# ``^`` or a look behind first has it try the pattern at every position of the head)
_REVIEW_YEARS_LINE = (
    r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?\s*(?:过去的?([两二三四六七])年|([两二三四六七])年来[，,])"
)
_REVIEW_YEARS_FIRST = _regex.compile(_REVIEW_YEARS_LINE)
_REVIEW_YEARS = _regex.compile(
    r"\n" + _REVIEW_YEARS_LINE
    # (a numbered part run into a one-line report: …。一、过去四年工作回顾; …任务。四年来，我们…)
    + r"|[。！？；]\s*(?:[一二三四五六七八九十]+、\s*过去的?([两二三四六七])年|([两二三四六七])年来[，,])"
)
# 五年来, 五年间, 五年的工作主要体现在以下五个方面 (not 今后五年的工作): a review of five years
# (the other forms of _reviews_five_years are read before its 五年)
_FIVE_YEARS_AFTER = _regex.compile(r"五年(?:来|间|的工作(?:主要体现|回顾))")
# “十三五”时期 at a line's start, 十二五期间工作回顾: a review of a plan period (_reviews_plan_period)
_PLAN_PERIOD_NAME = _regex.compile(r"十[一二三四五]五")
_PLAN_PERIOD_LINE = _regex.compile(r"\s*(?:[一二三四五六七八九十]+、)?\s*“?十[一二三四五]五”?(?:时期|期间)")
_PLAN_PERIOD_REVIEWED = _regex.compile(r"十[一二三四五]五”?(?:时期|期间)?(?:工作)?回顾")
# 由2011年的1.68亿元增长到1.91亿元，增幅13.7%: the base year of a change
_FROM_YEAR = _regex.compile(r"[由从]((?:19|20)\d{2})年?(?:末|底)?的")
# 2015年与2010年相比, 与2010年相比，…, 同2005年相比: a base of comparison (the years after it to the year compared)
_COMPARED_YEAR = _regex.compile(r"[与同和跟]((?:19|20)\d{2})\s*年(?:末|底)?(?:相比|比较)")


def _years_count(s: str) -> int:
    if not s:
        return 0
    if s.isdigit():
        return int(s)
    digits = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    tens, _, ones = s.partition("十")
    if "十" not in s:
        return digits.get(s, 0)
    return (digits.get(tens, 1) if tens else 1) * 10 + digits.get(ones, 0)


# “十四五”末, 十四五期末: the last year of a plan period
_PLAN_END = _regex.compile(r"末$")


def _plan_end(marker: tuple) -> bool:
    """Whether a time marker names a plan period's last year (“十三五”末: 2020), as a year does."""
    return marker[0] == _Markers.FIVE and bool(_PLAN_END.search(marker[1].group())) and "十" in marker[1].group()
_COMPARED_BEFORE = _regex.compile(r"[与比较同][“\"‘]?$")
# months of a year: 1-11月 (digits), 前三季度, 上半年 (半年度), 第二季度, 截至11月
# (1月至10月, 1月-10月 too)
_MONTH_RANGE = _regex.compile(r"(\d\d?)\s*月?\s*" + _RANGE_DASH + r"\s*(\d\d?)\s*月")
# 一至九月份, 1至十一月, 元至十月: months in Chinese numerals
_MONTH_RANGE_ZH = _regex.compile(
    r"(十[一二]|[一二三四五六七八九十元])\s*月?\s*[-—–~～至到]\s*(十[一二]|[一二三四五六七八九十])\s*月"
)
_ZH_MONTH = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")} | {"十一": 11, "十二": 12, "元": 1, "两": 2}
# what every match of these patterns starts with (found in one scan: _MARKER_LEADS)
_YEAR_LEADS = ("19", "20")
# (a plan period's lead is its name, 十四五, not its 十: the scan stops at fewer of the frequent 十)
_PLAN_PERIODS = tuple(f"十{n}五" for n in "一二三四五")
_FIVE_YEAR_LEADS = (
    "五年", "过去五年", *(q + p for q in ("“", "”", "‘", "") for p in _PLAN_PERIODS), "本届政府", "本届人民政府", "年均"
)
_BASE_YEAR_LEADS = ("比19", "比20", "较19", "较20")
_FROM_YEAR_LEADS = ("由19", "由20", "从19", "从20")
# 党的十八大以来: since the first year after a party congress (statistics count 十八大以来 from 2013)
_CONGRESS_SINCE = _regex.compile(r"(十八|十九|二十)大(?:召开)?以来")
_CONGRESS_FIRST_YEAR = {"十八": 2013, "十九": 2018, "二十": 2023}
_CONGRESS_SINCE_LEADS = ("十八大", "十九大", "二十大")
_COMPARED_YEAR_LEADS = ("与19", "与20", "同19", "同20", "和19", "和20", "跟19", "跟20")
_COMPARED_FIRST = frozenset(lead[0] for lead in _COMPARED_YEAR_LEADS)  # what a compared base starts with
_BASE_PERIOD_LEADS = tuple(a + q + p for a in "比较" for q in ("", "“") for p in _PLAN_PERIODS)
_MONTH_WORDS_LEADS = ("前", "上半年", "半年度", "第", "一季度", "二季度", "三季度", "四季度", "截", "至", "到")
# the month words' leads that are frequent characters (half the hits of a scan of every lead): read
# off the positions of 月 and 季 instead (:func:`_month_word_starts`)
_MONTH_LEADS_APART = ("前", "第", "至", "到")
_MONTH_SCANNED_LEADS = tuple(w for w in _MONTH_WORDS_LEADS if w not in _MONTH_LEADS_APART)
# the characters of 1-11月 and 一至九月 (besides white space and digits): _regex.find_in_runs
_MONTH_RANGE_CHARS = frozenset("月元十一二三四五六七八九-—–~～至到－‐−─―")
_MONTH_WORDS = _regex.compile(
    r"前(?P<first>[一二三两])个?季度?|上半年|半(?<!下半)年度|第(?P<quarter>[一二三四])季度|一季度|二季度|三季度|四季度"
    # 截至11月, 截止到十月底, 截止2022年11月, 至11月底, 到10月末, 截至三季度末
    r"|截[至止]\s*到?\s*(?:今年|(?:19|20)\d{2}\s*年)?\s*(?:(?P<until>\d\d?|十[一二]?|[一二三四五六七八九])\s*月"
    r"|第?(?P<qend>[一二三])季度末)"
    r"|[至到]\s*(?P<to>\d\d?|十[一二]?|[一二三四五六七八九])\s*月(?:[底末]|份(?=[，,]))"  # (至11月份，…)
    r"|前(?P<months>\d\d?|十[一二]|[一二三四五六七八九十两])个?月"  # 前11个月, 前10月
)
# 1—3季度: found from 季度 backwards (a pattern led by a digit would be tried at every digit)
_QUARTER_RANGE_BEFORE = _regex.compile(r"([1-4一二三四])\s*[-—–~～至到]\s*([1-4一二三四])\s*$")
# a year not preceded by 比/较/于 or a digit (比2021年, 12020年)
# (not a base of comparison: 比2010年, 是2010年的1.76倍)
# (nor a year compared with: 与2010年相比)
_YEAR = _regex.compile(
    r"((?:1(?<![比较于由从是\d]1)9|2(?<![比较于由从是\d]2)0)\d{2})\s*年"
    r"(?![度]?" + _RANGE_DASH + r"\d|(?:末|底)?(?:相比|比较))"
)
# a year that dates the report, not a figure: a session date (2021年2月4日在…), a title (2021年忠县政府工作报告)
_NOT_A_PERIOD = _regex.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[^，,。；;\n]{0,14}?工作报告")
_MILESTONE_AFTER = _regex.compile(r"[”\"]?\s*(?:大关|台阶|关口)")
_MILESTONE_AFTER_FIRST = frozenset("”\"大台关")  # or white space: what a match starts with
_MILESTONE_BEFORE = _regex.compile(r"(?:跨越|突破|迈上|迈过|站上|跃上)[^，,。；;]{0,8}$")
# 先后突破1000亿元和2000亿元, 首超5000亿元: a verb of crossing before a level ...
_MILESTONE_VERB = _regex.compile(r"(?:突破|跨越|跨过|跨上|跨入|迈过|迈上|迈入|步入|越过|站上|跃上|冲破|首超|首破)")
# ... unless the level is then stated exactly (突破千亿、达到1050亿元)
_REACHED_LEVEL = _regex.compile(r"达到|达|为|增至|增加到|提高到|实现|完成|增长")
# ... or a threshold noun after it in its clause: 6万亿元、7万亿元两个台阶
_MILESTONE_NOUN = _regex.compile(r"台阶|大关|关口|门槛|俱乐部")
_SERIES = _regex.compile(r"先后|连续|相继|接连|陆续|连跨|连上")
_MILESTONE_LIST = _regex.compile(r"[”\"]?\s*(?:[、和及至到]|以及)\s*[“\"]?[\d.一二三四五六七八九十百千万亿]+")
_MILESTONE_LIST_BEFORE = _regex.compile(r"[\d.]+\s*(?:万亿|亿|万)?元?[”\"]?\s*(?:[、和及至到]|以及)\s*[“\"]?\s*$")
# Indicators that are always about a named thing (羊毛衫市场成交额): a modifier
# before them names the thing, not a part of the region.
_NAMED_SCOPE = frozenset({"market_turnover"})
_SUBPOP_HEAD = _regex.compile(r"(?:\d+|[一两二三四五六七八九十百]+)(?:家|个|户|村|所|座)[^，,。；;]{0,20}$")
# 超过200亿元的县, 亿元以上的企业: a figure that picks out a group of units
_THRESHOLD_OF = _regex.compile(
    r"(?:以上|以下)?的[\u4e00-\u9fff]{0,4}?(?:县|市|区|乡|镇|街道|村|企业|项目|园区|开发区|产业|集群)"  # (的外贸型企业)
)
# 500万元以上固定资产投资, 1000万元及以上项目, 100万元以上非规模企业: a figure closed by 以上 that
# opens the name of what it bounds (the statistics' scope of the next figure, not a figure)
_SCOPE_NOUN = _regex.compile(r"(?:及)?以上(?:的)?[\u4e00-\u9fff]{0,6}?(?:企业|项目|固定资产投资)")


def _scope_of_next(text: str, end: int, s1: int) -> bool:
    """Whether the figure ending at ``end`` bounds the name right after it (500万元以上固定资产投资)."""
    at = end - 2 if text.endswith("以上", end - 2, end) else end  # (以上 read as the figure's qualifier)
    return _SCOPE_NOUN.match(text, at, min(s1, at + 14)) is not None


# A sentence or paragraph that opens with a part of the region as its
# subject (开发区建设步伐加快，完成生产总值780亿元; 县域经济…): its figures are that part's
_PART_SUBJECT = _regex.compile(
    r"(?:开发区|高新区|经开区|园区|新区|工业园|产业园|保税区|自贸区|试验区|示范区|商务区|功能区|兵团|农垦|非公有制经济|非公经济|民营经济|有限公司|集团)"
)
_PART_SUBJECT_ABOVE_COUNTY = _regex.compile(_PART_SUBJECT.pattern.replace("(?:", "(?:县域|", 1))
_SUBPOP_WORDS = _regex.compile(
    r"(?:企业|园区|开发区|产业园|镇属|村级|村集体|片区|景区|试点|产业|行业|区市县|县市区|市县区|县区|各县|各区|各镇|各乡)[^，,。；;]{0,12}$"
)
_REGION_WIDE = _regex.compile(r"规上工业企业|规模以上工业企业|限上企业|规上企业|全[镇乡市县省区州盟旗街域]|全社会")
# Words that may stand right before an indicator's name without narrowing it
# (全镇实现地区生产总值, 2022年全年完成固定资产投资, 其中出口).
_NEUTRAL_WORDS = (
    r"全年|全[镇乡市县省区州盟旗国街域]|全社会|我[镇乡市县省区州盟旗]|本[镇乡市县区旗]|实现了?|完成了?|累计|预计|初步核算|其中|共|达到了?|"
    r"今年|明年|去年|上年|同期|年度|年末|年内|(?:19|20)\d{2}年(?:度)?|[、和与及]|以及|同比|比上年|较上年|"
    r"的|为|是|等|主要|经济|总体|平稳|稳定|保持|迈上|突破|跨越|首次|力争|争取|确保|计划|预期|努力|要|将|把|使|"
    r"持续|继续|进一步|推动|促进|带动|拉动|有望|可望|可|能|全口径|全部|整体|了|[一二三四五六七八九十]是|中央|提出|国家|“|”|\s|"
    # the statistical scope of the whole region's figure (限额以上固定资产投资, 区级一般公共预算收入)
    r"限额以上|规模以上|(?:\d{2,4}|五百|五十)万元及?以上(?:项目)?|城镇|区级|县级|市级|[区县市镇乡旗]?本级|县内|区内|镇内|境内|"
    # the region itself without its name (街道全年实现…, 镇域), and months (1-9月全镇实现…)
    r"[全我本]?街道|[镇乡][域]?|辖区|\d{1,2}\s*[-—~～至到]\s*\d{1,2}\s*月份?|\d{1,2}月份?(?:底|末)?|前[一二三]季度|上半年|"
    r"据?初步统计|据统计|截至|截止|(?:过去|近|今后|未来)?[三四五3-5]年(?:来|间|内)?|实际|"
    # how a result was reached (截至目前，已超预期完成固定资产投资…, 提前完成, 超额完成)
    r"已经|已|超预期|超额|顺利|圆满|提前|目前|当前|引进(?:到位)?|"
    # where a revenue comes from: 来源于本县的财政总收入
    r"来源于|"
    # the year of a goal (力争到2026年全县地区生产总值…, 到“十四五”末)
    r"[到至]|十[一二三四五]?五[”\"〞]?(?:期末|末|时期|期间)?"
)
# Verbs that end the phrase naming an indicator: what stands before them is
# the clause's subject or lead (经济发展量质并举，2019年完成一般公共预算收入…),
# which narrows the indicator only when it names a part (31家企业完成…).
_HEAD_VERB = _regex.compile(r"(?:实现了?|完成了?|达到了?|累计)$")
_LEAD_BREAK = _regex.compile(
    r"(?:19|20)\d{2}年|全年|今年|去年|上年|年度|年末|月份?|季度|上半年|预计|初步|统计|全[镇乡市县省区州盟旗]|我[镇乡市县省区州盟旗]|本[镇乡市县区旗]"
)
# One neutral word at the end; stripped in a loop. (A "(?:…)+$" pattern would
# backtrack exponentially: 实现了 can be split as 实现了 or 实现+了.)
_NEUTRAL_ONE = _regex.compile(f"(?:{_NEUTRAL_WORDS})$")
#: How far back from a figure or an indicator's name wording is read.
_LOOKBACK = 120
#: Longest sentence stored in a row; longer ones are cut to a window around the figure.
_MAX_SENTENCE = 1000
#: A sentence with more figures than this stores a narrow window per figure
#: (``增长1,1,1,…``: otherwise every row repeats the whole sentence and the
#: output grows with the square of the input).
_CROWDED_FIGURES = 50
_CROWDED_WINDOW = 100
#: Most figures kept of one sentence (real sentences hold a few dozen); the
#: kept rows of a sentence with more are flagged ``figures_capped``.
_MAX_SENTENCE_FIGURES = 500
_RATIO_OF = _regex.compile(r"(?:占|相当于)$")
_SEP = _regex.compile(r"[，,；;：:]")
_FENBIE = _regex.compile(r"分别")
_LIST_JOIN = _regex.compile(r"^\s*(?:[、和与及]|以及)\s*(?:引进(?:到位)?)?$")  # (实际利用外资、引进省外内资)


def _after_last_sep(s: str) -> int:
    """Where the last clause of ``s`` starts: after its last :data:`_SEP` character, else 0."""
    return _clause_start(s, 0, len(s), 0)


def _clause_start(text: str, lo: int, hi: int, default: int) -> int:
    """Where the last clause of ``text[lo:hi]`` starts (an offset into ``text``): after its last
    :data:`_SEP` character, else ``default`` (the six characters looked for from the end in C:
    no match object for every separator)."""
    last = max(text.rfind("，", lo, hi), text.rfind(",", lo, hi), text.rfind("；", lo, hi),
               text.rfind(";", lo, hi), text.rfind("：", lo, hi), text.rfind(":", lo, hi))
    return last + 1 if last >= 0 else default


_QUARTER_MONTHS = {"一": 3, "二": 6, "两": 6, "三": 9}
# A one-year marker after a plan-period name: “十四五”开局之年，今年主要预期目标是…
_ANNUAL = _regex.compile(
    r"今年|明年|本年|全年|19\d{2}年(?!\s*[-—–至到])|20\d{2}年(?!\s*[-—–至到])|主要预期目标|预期目标|目标是|目标为"
)
_ANNUAL_LEADS = ("今年", "明年", "本年", "全年", "19", "20", "主要预期目标", "预期目标", "目标是", "目标为")
# Words between an indicator's name and a figure that make it another measure:
# 单位GDP能耗下降3%, 生产总值中…比重, 对经济增长贡献率, 招引项目与主导产业契合度超70%
_GAP_OTHER = _regex.compile(
    r"能耗|电耗|水耗|地耗|耗地|排放|比重|占比|贡献率|弹性|密度|用地|恢复(?:到|至)|相当于|(?:目标|任务|计划)数?的|每平方公里|每亩|亩均|地均"
    r"|契合度|关联度|满意度|依存度|集中度"
    r"|增量的"  # 规上工业增加值增量的近70%来自…: a share of its increase
    r"|用于"  # 财政收入用于民生支出348亿元: what it is spent on
)
_PAREN_ASIDE = _regex.compile(r"[（(][^（）()]{0,24}[）)]")


def _drop_asides(s: str) -> str:
    """``s`` without its bracketed asides (:data:`_PAREN_ASIDE`: looked for only in a text holding a bracket)."""
    return _PAREN_ASIDE.sub("", s) if "(" in s or "（" in s else s


# the verb of a change to a new level after a start (…，分别增加到, 提高至)
_CHANGE_TO = (
    r"\s*[，,]?\s*(?:预计|分别|先后|一举|接连|连续|相继)?"
    r"(?:增加|增长|提高|扩大|上升|跃升|提升|发展|增|升|跃|扩|缩小|缩减|下降|降低|减少|回落|降)(?:到|至)"
)
_FROM_VALUE = _regex.compile(r"(?:[:：∶]1)?" + _CHANGE_TO)
# 从25475元和8892元增加到32432元和12787元: the first of starts listed before the change
_FROM_LIST = _regex.compile(r"(?:\s*(?:[、和及与]|以及)\s*[\d.]+\s*(?:万亿|亿|万)?(?:元|美元)?)+" + _CHANGE_TO)
# 从200亿元跨入300亿元俱乐部, 从2017年的1.45万亿元接连突破…: a start before a crossing
_FROM_CROSSING = _regex.compile(
    r"\s*[，,]?\s*(?:先后|一举|接连|连续|相继)?(?:跨入|迈入|步入|跃上|跨上|迈上|突破|跨越|跨过)"
)
# 从接近2万亿元到突破3万2千亿元: a start, then where it went
_FROM_TO = _regex.compile(r"(?:[:：∶]1)?\s*[，,]?\s*(?:到|至)(?!\d)")
_FROM_START = _regex.compile(r"[从由][^，,。；;]{0,10}$")
_CHANGE_END = _regex.compile(r"(?:新增|净增|多增|增加|净减|减少|增长|下降|增收|减收)了?(?:约|近|超)?\s*$")
# the last characters the words of _GROWTH_WORDS and of _CHANGE_END (with its 了, 约…) end with
_GROWTH_LAST = frozenset("长幅速度高升涨降少落滑低加增")
_CHANGE_LAST = frozenset("增加减少长降收了约近超")
# the amounts of a list before this one (分别增收约7500元和3600元): what the list shares precedes them
_AMOUNT_LIST_TAIL = _regex.compile(r"(?:\d+(?:\.\d+)?\s*(?:万亿|亿|万)?元?\s*[、和及与]\s*)+$")
_PLAN_PERIOD = _regex.compile(r"十([一二三四五])五")
_REVIEW_TARGET = _regex.compile(r"预期目标|目标是|目标为|力争|争取")  # (every match holds 目 or 争)
_THIS_YEAR = _regex.compile(r"今年|明年|\d{4}年")
_DONE = _regex.compile(r"完成|实现了|达到了")
# Wording only results use (全镇实现地区生产总值45.2亿元，同比增长5.3%): a
# sentence without headings that says so is not a goal, whatever its year
_RESULT_WORDS = _regex.compile(r"同比|比上年同期|较上年同期|实现|完成")
_REGION_SUFFIX = _regex.compile(region_suffix_pattern() + "$")
_ENDS_WORD = _regex.compile(r"[\u4e00-\u9fffA-Za-z]$")
_CROSSING = _regex.compile(r"跨越|跨过|跨入|突破|迈上|迈过|迈入|步入|超过|站上|跃上|首超")
_REACHED = _regex.compile(r"(?:降|减|提高|上升|增长|增加|回落|控制)(?:到|至|在)\s*$")
_REACHED_LAST = frozenset("到至在")


def _reaches(wording: str) -> bool:
    """Whether ``wording`` ends with a verb of reaching a level (降到, 提高到, 控制在): the figure
    after it is the level reached, not a change (the pattern tried only after its last character)."""
    last = wording[-1:]  # (what _ends_in tests, without the call: once for every figure)
    if last.isspace():
        last = wording.rstrip()[-1:]
    return last in _REACHED_LAST and _REACHED.search(wording, max(0, len(wording) - 12)) is not None


def _ends_in(s: str, chars: frozenset[str]) -> bool:
    """Whether the last character of ``s`` but white space is one of ``chars``: a pattern
    ending in ``[chars]\\s*$`` matches only then (tested first: most wordings end otherwise)."""
    last = s[-1:]
    if last.isspace():  # (rare: the copy without the trailing white space made only then)
        return s.rstrip()[-1:] in chars
    return last in chars


@dataclass
class _Alias:
    start: int
    end: int
    text: str
    indicator: str
    #: where the words that may narrow the name end, when not right before it: the
    #: scope of 规上工业总产值2313亿元、增加值564亿元 stands before the first name
    head_end: int | None = None


def _plan_year(year: int | None) -> int | None:
    """The year a report plans for: its ``year`` (the next year already for a report
    delivered in November or December, see :func:`govreports.read_reports`)."""
    if year is None or not isinstance(year, int) and pd.isna(year):  # (an int needs no pandas)
        return None
    return int(year)


def _other_subject_between(gap: str, seps: list) -> bool:
    """Whether a clause between a name and a growth clause states another
    thing's figure (生产总值25.10亿元,增长8.4%,第一产业产值10.98亿元,增长9.4%)."""
    for left, right in zip(seps, seps[1:]):
        part = gap[left.end():right.start()]
        # (before any number of it: 其中“10强50户”企业实现增加值82亿元 names its figure after a count)
        if any(_OTHER_FIGURE_NAME.search(part, 0, d.start()) for d in _NUMBER_START.finditer(part)):
            return True
    return False


_NUMBER_START = _regex.compile(r"(?<![\d.])\d")


# the end of a name of another figure (第一产业产值10.98亿元, 税收收入2亿元)
_OTHER_FIGURE_NAME = _regex.compile(
    r"[\u4e00-\u9fff](?:产值|增加值|收入|投资|总额|销售额|营业额|总量|产量|利润|税收|资金|外资|内资)"
    r"(?:达到?|为|实现|完成|突破)?\s*$"
)

# a clause of nothing but the name's own figure (达109亿元): the growth after it is the name's too
_OWN_FIGURE = _regex.compile(
    r"\s*(?:预计)?(?:(?:19|20)\d{2}年)?(?:全年)?(?:达到?|为|实现|完成|突破)?\s*[约近超逾]?[\d.]+\s*(?:万亿|亿|万|千)?"
    r"(?:元|美元|吨|万?人)?(?:以上|左右)?\s*$"
)

# 1-10月完成, 截至11月底累计实现, 全年预计: the months or year of the figure that follows, and its verb
_NAME_CLAUSE_MAX = 12  # GDP增速逐季攀升，…
_TIMED_LIST_MAX = 50  # 上半年增长3.2%、前三季度增长4.4%、预计全年增长…
# the first months of a year (1-10月, 前10个月, 上半年, 前三季度), as a span a figure is stated for
_YEAR_SO_FAR = r"1\s*" + _RANGE_DASH + r"\s*\d{1,2}\s*月份?|前\d{1,2}个?月|上半年|前三季度"
_TIMED_FIGURE = _regex.compile(
    r"\s*(?:(?:19|20)\d{2}\s*年)?\s*(?:" + _YEAR_SO_FAR
    + r"|(?:截至|截止)\d{1,2}月(?:底|末)?|全年)\s*(?:预计)?(?:累计)?(?:完成|实现|达到?|为)?\s*[约近超逾]?$"
)

# 确保增长16%、力争增长17%: a second goal for the same name
_GOAL_LEAD = _regex.compile(r"^\s*(?:力争|争取|确保|努力|力求|预计|年均)*")
# 上半年增长3.2%、前三季度增长4.4%、预计全年增长5%: the same name's figure of another span of the year
_TIME_LABEL = _regex.compile(
    r"\s*(?:预计)?(?:(?:19|20)\d{2}\s*年)?\s*(?:" + _YEAR_SO_FAR + r"|一季度|全年)\s*(?:预计)?"
)
# 上半年3.2%: a span of the year and the name's figure of it, a clause of its own
_TIMED_OWN = _regex.compile(
    _TIME_LABEL.pattern + r"(?:增长|增速|达到?|为|实现|完成)?\s*[\d.]+\s*(?:%|亿元|万元|元)?\s*$"
)


def _attach(text: str, sent_start: int, q_start: int, aliases: list[_Alias]) -> tuple[_Alias | None, str]:
    """The alias a quantity belongs to, and the wording between them.

    The indicator is the last one named before the figure in the same
    sentence, when nothing but a verb separates them (same clause, at most 25
    characters), or when the figure's clause is a pure growth continuation
    (…207.45亿元，同比增长2.0%) within three clauses.
    """
    lo = max(sent_start, q_start - _LOOKBACK)
    if not aliases or q_start - aliases[-1].end > _LOOKBACK:
        return None, text[lo:q_start]
    a = aliases[-1]
    gap = _drop_asides(text[a.end:q_start])  # （预计数，下同）
    seps = list(_SEP.finditer(gap))
    if not seps:
        if _HAS_DIGIT.search(gap):
            tail = _GOAL_LEAD.sub("", gap[gap.rfind("、") + 1:]) if "、" in gap else ""
            tail = tail[m.end():] if (m := _TIME_LABEL.match(tail)) else tail
            if tail.strip() and not _HAS_DIGIT.search(tail) and not _GROWTH_CLAUSE.match(tail):
                return None, gap  # 工业投资90亿元、技改投资28亿元: the figure is the next name's
            items = gap.split("、")
            if len(gap) <= _TIMED_LIST_MAX and m and all(_TIMED_OWN.match(x) for x in items[:-1]):
                return a, gap  # 上半年增长3.2%、前三季度增长4.4%、预计全年增长5%左右
        return (a, gap) if len(gap) <= 25 else (None, gap)
    clause = gap[seps[-1].end():]
    colon_only = len(seps) == 1 and seps[0].group() in "：:" and not gap[:seps[0].start()].strip()
    if colon_only and _TIMED_FIGURE.match(clause):
        return a, clause  # 地区生产总值：1-10月完成12亿元 (a list of indicators, each with its months)
    first = seps[0].start()
    if len(seps) == 1 and first <= _NAME_CLAUSE_MAX and not _HAS_DIGIT.search(gap, 0, first):
        # GDP增速逐季攀升，上半年3.2%、前三季度4.4%: the name's clause without a figure, then its spans
        head, _, tail = clause.rpartition("、")
        if (_TIMED_FIGURE.match(tail) or _TIME_LABEL.fullmatch(tail)) and (
            not head or _TIMED_OWN.match(head.rpartition("、")[2])
        ):
            return a, clause
    if "、" in clause:  # …突破百亿元大关，达109亿元、增长9.2%: the growth of the level just stated
        head, _, tail = clause.rpartition("、")
        own = _OWN_FIGURE.match(head) and a.text not in GROWTH_ONLY_ALIASES  # (not 与经济增长同步，…5.7万元、增长)
        if own and _GROWTH_VERB.search(tail) and _GROWTH_CLAUSE.match(tail):
            clause = tail
    # the name's figure continued: its growth (…207.45亿元，同比增长2.0%), or the mark its level passed
    # (地区生产总值达到556.4亿元，首次突破500亿元大关: flagged milestone; 突破 may open the figure's surface)
    if (
        (len(seps) <= 3 and len(gap) <= 80 and _GROWTH_CLAUSE.match(clause))
        or (len(seps) <= 2 and len(gap) <= 60 and (
            _MILESTONE_CLAUSE.match(clause)
            or (_MILESTONE_MODIFIERS.fullmatch(clause) and _MILESTONE_VERB.match(text, q_start))
        ))
    ) and not any(sep.group() in "；;" for sep in seps) and not _other_subject_between(gap, seps):
        return a, clause
    if (
        len(seps) == 1 and seps[0].group() in "，," and len(gap) <= 60
        and not _HAS_DIGIT.search(gap, 0, seps[0].start()) and _FROM_TO_CLAUSE.match(clause)
    ):
        return a, clause  # 财政一般预算收入实现翻倍增长，从2006年的8.8亿元增至2011年的20.2亿元: the name's change
    return None, clause


# the clause of a change from one level to another, after a clause of the name without a figure
_FROM_TO_CLAUSE = _regex.compile(
    r"\s*[从由](?:(?:19|20)\d{2}\s*年(?:末|底)?的?)?\s*$"
    r"|\s*[从由](?:(?:19|20)\d{2}\s*年(?:末|底)?的?)?[\d.]+\s*[万亿]*元"
    r"(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|上升到|上升至|跃升至|跃升到|攀升至|扩大到|扩大至)"
    r"(?:(?:19|20)\d{2}\s*年(?:末|底)?的?)?\s*$"
)


# a clause of nothing but a crossing verb before the figure (首次突破, 成功跨越“)
_MILESTONE_MODIFIERS = _regex.compile(r"\s*(?:并|且|已|还|总量|首次|首度|历史性地?|一举|成功|顺利|率先){0,2}\s*")
_MILESTONE_CLAUSE = _regex.compile(
    _MILESTONE_MODIFIERS.pattern + r"(?:突破|跨越|跨过|跨上|迈过|迈上|站上|跃上|首超|首破)了?\s*[“\"]?\s*$"
)


# 城乡居民人均可支配收入分别增长8.9%和10%: one phrase naming two indicators.
_PAIR_ALIASES: dict[str, tuple[str, str]] = {
    a: ("urban_income", "rural_income")
    for a, i in alias_table().items()
    if i == "resident_income" and a.startswith("城乡")
}
_PAIR_PHRASE = _regex.compile(
    r"城镇(?:常住)?(?:居民)?(?:和|与|、)(?:农村|农牧区|牧区|农村牧区)(?:常住)?(?:居民|牧民)?"
    r"(?:人均可支配收入|人均纯收入|纯收入|人均收入)"  # 城镇、农村居民纯收入分别达到…
)


def _pair_of(text: str, s0: int, alias: _Alias) -> list[_Alias] | None:
    """The urban and rural twins when ``alias`` ends a name of both
    (城乡居民人均可支配收入, 城镇和农村居民人均可支配收入), else None."""
    pair = _PAIR_ALIASES.get(alias.text)
    if pair is not None:
        return _pair_twins(alias, pair)
    head = _PAIR_PHRASE.search(text, max(s0, alias.start - 12), alias.end)
    if head is not None and head.end() == alias.end:
        return _pair_twins(
            _Alias(head.start(), head.end(), head.group(), alias.indicator), ("urban_income", "rural_income")
        )
    return None


def _list_items(text: str, lo: int, hi: int, aliases: list[_Alias]) -> list[_Alias | None] | None:
    """The items of a list of names ``text[lo:hi]`` (A、B和C): each the alias
    that ends it, or None for a name that is not an indicator
    (高新技术产业增加值); None when the span is not a plain list of names."""
    span = text[lo:hi]
    if not span.strip() or _HAS_DIGIT.search(span):
        return None
    items: list[_Alias | None] = []
    pos = lo
    for part in _ITEM_SPLIT.split(span) + [None]:  # type: ignore[list-item]
        if part is None:
            break
        end = pos + len(part)
        stripped_end = pos + len(part.rstrip())
        items.append(next((a for a in aliases if a.end == stripped_end and a.start >= pos), None))
        m = _ITEM_SPLIT.match(text, end, hi)
        pos = m.end() if m else end
    return items


_HAS_DIGIT = _regex.compile(r"\d")
_ITEM_SPLIT = _regex.compile(r"\s*(?:、|以及|和|与|及)\s*")


def _assign_fenbie(text: str, sent: tuple[int, int], aliases: list[_Alias], qs: list) -> dict[int, _Alias | None]:
    """Map quantity index → alias for 分别 lists in one sentence.

    The names are the run of aliases right before 分别 (figures stated with
    each name may stand between them: 工业投资90亿元、技改投资28亿元，分别增长…),
    or the items of the list of names that opens the clause (A、B、C和D分别…,
    where a name that is no indicator takes its figure away unattached); a
    later 分别 of the sentence without names of its own reuses the last ones
    (年均分别增长…，2011年分别达到…)."""
    out: dict[int, _Alias | None] = {}
    s0, s1 = sent
    q_starts = [q.start for _, q in qs]
    last: list[_Alias | None] | None = None
    for m in _FENBIE.finditer(text, s0, s1):
        i0 = bisect.bisect_left(q_starts, m.end())
        clause_end = _SEP.search(text, m.end(), min(s1, m.end() + _LOOKBACK))
        # the figures of a 分别 list run to the end of its clause (或 the sentence)
        limit = clause_end.start() if clause_end and text[clause_end.start()] in "；;" else s1
        after = [i for i, q in qs[i0:i0 + 12] if q.start < min(limit, m.end() + _LOOKBACK)]
        names = _fenbie_names(text, s0, m.start(), aliases) or _paired_names(text, s0, m.start(), aliases, qs, q_starts)
        if names is None and last is not None and len(last) == len(after[: len(last)]):
            names = last  # a second 分别 for the same names
        if names is None or len(after) < len(names):
            continue
        last = names
        for i, a in zip(after, names):
            out[i] = a  # None: a name that is not an indicator
        for group in _later_groups(text, qs, after, len(names), aliases):
            for i, a in zip(group, names):
                out.setdefault(i, a)
    return out


def _later_groups(text: str, qs: list, after: list[int], n: int, aliases: list[_Alias]) -> Iterable[list[int]]:
    """Further runs of ``n`` figures after the first of a 分别 list, each of
    one unit kind and with no name between them (分别达到37462元和17597元、
    增长7%和10%): they go to the same names in the same order."""
    by_index = dict(qs)
    alias_starts = [a.start for a in aliases]
    prev_end = by_index[after[n - 1]].end
    for k in range(1, len(after) // n):
        group = after[k * n:(k + 1) * n]
        figures = [by_index[i] for i in group]
        if len({q.unit_kind for q in figures}) != 1:
            return
        if bisect.bisect_left(alias_starts, prev_end) != bisect.bisect_left(alias_starts, figures[0].start):
            return  # a name between: the figures are another item's
        if any(c in text[prev_end:figures[0].start] for c in "；;。"):
            return
        prev_end = figures[-1].end
        yield group


def _fenbie_names(text: str, s0: int, at: int, aliases: list[_Alias]) -> list[_Alias | None] | None:
    """The names a 分别 at ``at`` refers to (see :func:`_assign_fenbie`)."""
    lo = bisect.bisect_left([a.start for a in aliases], at - 2 * _LOOKBACK) if len(aliases) > 32 else 0
    before = [a for a in aliases[lo:] if at - _LOOKBACK <= a.end <= at]
    # (not when another item follows the names: 总产值、增加值和实现利润分别…: the list decides)
    if before and len(text[before[-1].end:at]) <= 6 and not _LIST_DELIM.search(text, before[-1].end, at):
        pair = _pair_of(text, s0, before[-1])
        if pair is not None:
            before = before[:-1] + pair
        run = _alias_run(text, before, relaxed=False)  # A、B和C分别: names only
        if len(run) >= 2:
            return list(run)
    clause_start = _clause_start(text, max(s0, at - _LOOKBACK), at, max(s0, at - _LOOKBACK))
    core_end = at
    while core_end > clause_start and text[core_end - 1] in _FENBIE_LEAD:
        core_end -= 1  # 年均分别, 同比分别
    lead = _FENBIE_LEAD_WORDS.search(text, clause_start, core_end)
    if lead is not None:
        core_end = lead.start()
    start = _past_neutral_start(text, clause_start, core_end)
    items = _list_items(text, start, core_end, [a for a in aliases if start <= a.start and a.end <= core_end])
    if items and len(items) >= 2 and any(a is not None for a in items):
        out: list[_Alias | None] = []
        for a in items:
            pair = _pair_of(text, s0, a) if a is not None else None
            out.extend(pair if pair else [a])
        return out
    return None


def _past_neutral_start(text: str, start: int, end: int) -> int:
    """Where a clause's own words begin: past 全年, 预计, 实现, 其中 … at its ``start``."""
    while True:
        m = _NEUTRAL_START.match(text, start, end)
        if not m or m.end() == start:
            return start
        start = m.end()


def _paired_names(
    text: str, s0: int, at: int, aliases: list[_Alias], qs: list, q_starts: list[int]
) -> list[_Alias | None] | None:
    """The names of a list of name-value pairs before 分别 (工业投资90亿元、技改投资28亿元，
    分别增长21%、85%; 财政总收入13.23亿元，一般公共预算收入6.66亿元，同比分别增长…):
    the alias each name ends with, or None for a name that is no indicator."""
    pos = at
    while pos > s0 and (text[pos - 1] in _PAIR_TAIL_CHARS):
        pos -= 1
    lead = _FENBIE_LEAD_WORDS.search(text, max(s0, pos - 24), pos)
    pos = lead.start() if lead is not None else pos
    while pos > s0 and text[pos - 1] in _PAIR_TAIL_CHARS:
        pos -= 1
    lo = bisect.bisect_left(q_starts, at - 2 * _LOOKBACK)
    hi = bisect.bisect_left(q_starts, at)
    by_end = {q.end: q for _, q in qs[lo:hi]}
    names: list[_Alias | None] = []
    while pos in by_end:
        q = by_end[pos]
        name_end = q.start
        verb = _NAME_VERB.search(text, max(s0, name_end - 6), name_end)
        if verb is not None:
            name_end = verb.start()
        name_start = max(
            [m.end() for m in _ITEM_DELIM.finditer(text, max(s0, name_end - 30), name_end)] or [max(s0, name_end - 30)]
        )
        if name_end - name_start < 2:
            break
        names.insert(0, next((a for a in aliases if a.end == name_end and a.start >= name_start), None))
        pos = name_start
        delim = _PAIR_DELIM.search(text, max(s0, pos - 6), pos) if pos > s0 else None
        if delim is None or delim.start() == pos:
            break
        pos = delim.start()
    if len(names) >= 2 and any(a is not None for a in names):
        return names
    return None


_PAIR_TAIL_CHARS = frozenset(" ，,")
_LIST_DELIM = _regex.compile(r"、|和|及|与")
_ITEM_DELIM = _regex.compile(r"[、，,；;：:]|其中|和|及|与")
# what joins two name-value pairs, read back from the second name: 、 ， 和 … or ，其中
_PAIR_DELIM = _regex.compile(r" *(?:[、，,] *(?:其中 *[，,：:]? *)?|其中 *[，,：:]? *|和|及|与) *$")
_NAME_VERB = _regex.compile(r"(?:完成|实现|达到?|为)\s*$")
_FENBIE_LEAD = frozenset(" \u3000")
# Words between a list of names and 分别: 年均分别, 同比分别, 增速分别
_FENBIE_LEAD_WORDS = _regex.compile(r"(?:(?:19|20)\d{2}年)?(?:年均|同比|比上年|增速|增幅|均|都|也)*$")
_NEUTRAL_START = _regex.compile(
    r"\s*(?:全年|全[镇乡市县区旗]|预计|初步(?:核算|统计)|据初步统计|实现了?|完成了?|其中|(?:19|20)\d{2}年"
    r"|[一二三四五六七八九十]是)\s*"
)


# 均/都 right after the last name of a list (年均 too: each grew so much a year)
_SHARED = _regex.compile(r"\s*(?:同比|比上年|较上年)?年?(?:[均都](?![衡匀值市])|分别|同步)")  # (同步增长9%: both)


def _alias_run(text: str, before: list[_Alias], *, relaxed: bool = True) -> list[_Alias]:
    """The names joined by 、/和/与/及 that end with ``before[-1]`` (地区生产总值、
    固定资产投资和社会消费品零售总额), in text order; the two twins of a pair
    name (:func:`_pair_twins`) share one span and both belong to the run."""
    run = [before[-1]]
    for a in reversed(before[:-1]):
        gap = text[a.end:run[0].start]
        if (a.start, a.end) == (run[0].start, run[0].end) or _LIST_JOIN.match(gap):
            run.insert(0, a)
        elif relaxed and _NAME_GAP.match(gap):
            run.insert(0, a)
            relaxed = False  # one name with its own value before the last: a pair, not a run over clauses
        else:
            break
    return run


# Between two names of a list, each name's own value may stand: 工业投资90亿元、技改投资…,
# 城镇居民人均可支配收入22600元，农村居民…, 财政总收入52.01亿元，其中公共财政预算收入…
_NAME_GAP = _regex.compile(
    r"\s*(?:完成|实现|达到?|为)?\s*[约近超逾]?[\d.]+\s*(?:万亿|亿|万|千)?(?:元|美元|吨|万?人)?(?:以上|左右)?\s*"
    r"(?:[、，,]|和|与|及|以及)\s*(?:其中[：:，,]?)?\s*(?:全年|全[镇乡市县区旗])?\s*(?:实现|完成)?\s*$"
)


def _pair_twins(alias: _Alias, pair: tuple[str, str] | None = None) -> list[_Alias]:
    """The two indicators a name of both stands for (城乡居民人均可支配收入 →
    urban_income, rural_income), as two aliases with the name's span."""
    return [_Alias(alias.start, alias.end, alias.text, ind) for ind in pair or _PAIR_ALIASES[alias.text]]


_FIGURE_JOIN = _regex.compile(r"\s*(?:[、和与及]|以及)\s*$")
_JOIN_FIRST = frozenset("、和与及以") | frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())


def _assign_figure_lists(
    text: str, s0: int, aliases: list[_Alias], qs: list, done: dict[int, _Alias]
) -> tuple[dict[int, tuple[_Alias, str]], set[int]]:
    """Lists of figures for lists of names without 分别: ``地区生产总值、固定资产投资
    年均增长3.5%和7.6%`` gives 3.5% to the first name and 7.6% to the second.

    Returns the assignment (quantity index → alias and wording) and the
    indices of every figure that stands in a list of figures, assigned or not.
    """
    out: dict[int, tuple[_Alias, str]] = {}
    in_list: set[int] = set()
    if len(qs) < 2:
        return out, in_list  # most sentences
    groups: list[list[tuple[int, object]]] = []
    for qi, q in qs:
        prev = groups[-1][-1][1] if groups else None
        # the regex only where the gap can start a join (、和与及以 or a space)
        if (
            prev is not None
            and text[prev.end:prev.end + 1] in _JOIN_FIRST
            and _FIGURE_JOIN.match(text, prev.end, q.start)
        ):
            groups[-1].append((qi, q))
        else:
            groups.append([(qi, q)])
    ends = [a.end for a in aliases]
    for group in groups:
        if len(group) < 2:
            continue
        in_list.update(qi for qi, _ in group)
        if any(qi in done for qi, _ in group):
            continue
        first = group[0][1]
        before = aliases[: bisect.bisect_right(ends, first.start)]
        alias, wording = _attach(text, s0, first.start, before)
        if alias is None or alias is not before[-1]:
            continue
        run = _alias_run(text, before)
        pair = _pair_of(text, s0, alias) if len(group) == 2 else None
        if pair is not None and (len(run) == 1 or _PAIR_PHRASE.search(text, max(s0, alias.start - 12), alias.end)):
            run = pair  # 城乡居民收入年均增长5.9%和9.3%, 城镇和农村居民人均可支配收入…增长9.5%和10%
        if len(run) != len(group) or len({a.indicator for a in run}) < len(run):
            continue
        for (qi, _), a in zip(group, run):
            out[qi] = (a, wording)  # the words between the last name and the first figure
    return out, in_list


def _shared_by(text: str, alias: _Alias, wording: str, before: list[_Alias]) -> list[_Alias]:
    """The aliases one figure is stated for: ``固定资产投资、社会消费品零售总额均增长8%``
    or a name of two indicators (``城乡居民人均可支配收入均增长8%``); empty when the
    figure belongs to ``alias`` alone. ``before`` ends with ``alias``."""
    if not _SHARED.match(wording):
        return []
    if alias.text in _PAIR_ALIASES:
        return _pair_twins(alias)
    run = _alias_run(text, before)
    if len({a.indicator for a in run}) < 2:
        return []
    seen: set[str] = set()
    return [a for a in run if not (a.indicator in seen or seen.add(a.indicator))]


def _completion_ratio(q: _numbers.Quantity, wording: str) -> bool:
    """Whether a percent is the share of a target reached (完成年初目标45亿元的116%,
    分别完成县下达指标的279%、113%): not a figure of the indicator."""
    if q.unit_kind != "percent":
        return False
    shared = (_PCT_LIST_TAIL.sub("", wording) if _ends_in(wording, _LIST_JOINERS) else wording)[-32:]
    # (占…预算收入的76%: a share of it; every match of _OF_TARGET holds 的)
    return "占" not in shared and "的" in shared and _OF_TARGET.search(shared) is not None


def _measure(q: _numbers.Quantity, wording: str, indicator: str, after: str = "") -> str:
    unit_kind = q.unit_kind
    if unit_kind == "count":  # (the most frequent kind, whatever the wording)
        return "count"
    if unit_kind == "points":
        return "points"
    if unit_kind in ("percent", "none") and ("均" in wording or "平" in wording) and _AVG.search(wording):
        return "growth_avg"  # 年均增长8% (年均1270多万人 is a count, 年均投资50亿元 a level)
    if unit_kind == "percent":
        if indicator == "unemployment":
            return "level"  # a rate is the indicator's level
        if _has_share_word(wording) and not _GROWTH_VERB.search(wording):
            return "share"
        if _SHARE_AFTER.match(after):
            return "share"  # 财政支出70%以上用于民生
        if _completion_ratio(q, wording):
            return "share"  # 完成年初目标45亿元的116%: a completion ratio, not a growth rate
        return "growth"
    last = wording[-1:]
    if last.isspace():
        last = wording.rstrip()[-1:]
    if last in _LIST_JOINERS:
        shared = _AMOUNT_LIST_TAIL.sub("", wording)
        if _GROWTH_WORDS.fullmatch(wording.strip()[-6:] or "") or _CHANGE_END.search(shared, max(0, len(shared) - 12)):
            return "growth"  # 分别增收约7500元和3600元: a change (no indicator's level)
    # (else each pattern matches only a wording whose last character but white space ends one of its words)
    elif (last in _GROWTH_LAST and _GROWTH_WORDS.fullmatch(wording.strip()[-6:])) or (
        last in _CHANGE_LAST and _CHANGE_END.search(wording, max(0, len(wording) - 12))
    ):
        return "growth"  # 增加2亿元: a change (no indicator's level)
    if unit_kind == "none" and unit_kinds().get(indicator) == "count":
        return "count"  # 新增就业人数23万: a count written with its place word only
    return "level"


def _month_number(n: str) -> int:
    """A month's number written in digits or Chinese numerals (11, 十一)."""
    return int(n) if n.isdigit() else _ZH_MONTH[n]


def _month_span(m: re.Match[str]) -> tuple[int, int]:
    """First and last month of a :data:`_MONTH_WORDS` match."""
    if m["first"]:
        return 1, _QUARTER_MONTHS[m["first"]]  # 前三季度
    if m["until"] or m["to"]:
        return 1, _month_number(m["until"] or m["to"])  # 截至11月, 至11月底: January to November
    if m["qend"]:
        return 1, _QUARTER_MONTHS[m["qend"]]  # 截至三季度末
    if m["months"]:
        return 1, _month_number(m["months"])  # 前11个月
    if m.group() in ("上半年", "半年度"):
        return 1, 6  # 半年度主要经济指标
    q = "一二三四".index(m["quarter"] or m.group()[0])
    return 3 * q + 1, 3 * q + 3  # 第二季度, 四季度


def _in_brackets(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all that a pair of brackets holds (（2021―2035年）)."""
    return start > 0 and text[start - 1] in "（(" and text[end:end + 1] in ("）", ")")


def _month_markers(text: str, word_starts: list[int] | None = None) -> list:
    """The month markers of a text (1-11月, 一至九月, 前三季度, 截至11月, 1—3季度), in
    :class:`_Markers` form: ``(start, end, (MONTHS, (first, last), start, end))``;
    ``word_starts``: where the scanned leads of the month words start (:func:`_marker_starts`)."""
    if word_starts is None:
        word_starts = _marker_starts(text)["month"]
    months = _Markers.MONTHS
    # the runs around each 月 of the characters of all three patterns, found once (each pattern's
    # matches in them are those of find_in_runs with its own characters: see matches_in)
    runs = runs_around(text, "月", _MONTH_END_CHARS)
    word_starts = _month_word_starts(text, word_starts, runs)
    found = [
        (m.start(), m.end(), (months, (int(m.group(1)), int(m.group(2))), m.start(), m.end()))
        for m in matches_in(_MONTH_RANGE, text, runs)
    ]
    found += [
        (m.start(), m.end(), (months, (_ZH_MONTH[m.group(1)], _ZH_MONTH[m.group(2)]), m.start(), m.end()))
        for m in matches_in(_MONTH_RANGE_ZH, text, runs)
        if not (m.start() and text[m.start() - 1] in _YEARS_DIGITS)  # not 二十一至十二月
    ]
    found += [
        (m.start(), m.end(), (months, _month_span(m), m.start(), m.end()))
        for m in match_led(_MONTH_WORDS, text, word_starts)
        if not (m["to"] and m.start() and text[m.start() - 1] in "月截")  # 3月至11月底: the range says it
    ]
    found += [
        (m.start(), m.end(), (months, (1, _month_number(m.group(1))), m.start(), m.end()))
        for m in matches_in(_MONTH_END_LEAD, text, runs)
        if (m.start() == 0 or text[m.start() - 1] in _CLAUSE_BREAKS) and text[m.end():m.end() + 1] in ("，", ",")
    ]
    return found + _quarter_ranges(text)


# 11月底，全县…: the end of a month leading a clause, as of which the figures stand (not 于11月底竣工,
# 6月底前完成: a date, a deadline)
_MONTH_END_LEAD = _regex.compile(r"(\d\d?|十[一二]?|[一二三四五六七八九])\s*月[底末]")
_MONTH_END_CHARS = _MONTH_RANGE_CHARS | frozenset("底末")


def _month_word_starts(text: str, scanned: list[int], runs: list[tuple[int, int]]) -> list[int]:
    """Where a match of :data:`_MONTH_WORDS` may start in ``text`` (ascending): the ``scanned``
    positions of its other leads, every 至 and 到 of the ``runs`` around 月 (:func:`runs_around`
    with :data:`_MONTH_END_CHARS`: 至 11 月底 lies in one) and the 前 and 第 two to four
    characters before a 月 (前11个月) or two or three before a 季 (前三个季度, 第一季度)."""
    found = set(scanned)
    find = text.find
    for lo, hi in runs:
        for lead in "至到":
            at = find(lead, lo, hi)
            while at >= 0:
                found.add(at)
                at = find(lead, at + 1, hi)
    for anchor, back in (("月", (2, 3, 4)), ("季", (2, 3))):
        at = find(anchor)
        while at >= 0:
            found.update(at - k for k in back if at >= k and text[at - k] in "前第")
            at = find(anchor, at + 1)
    return sorted(found)


_CLAUSE_BREAKS = frozenset("。；;，,：:！？!?\n")


def _quarter_ranges(text: str) -> list:
    """Month markers of quarter ranges (1—3季度: January to September), in :class:`_Markers` form."""
    out = []
    at = text.find("季")  # (one character is looked for faster than two)
    while at >= 0:
        if not text.startswith("度", at + 1):
            at = text.find("季", at + 1)
            continue
        m = _QUARTER_RANGE_BEFORE.search(text, max(0, at - 8), at)
        if m:
            q1, q2 = ("1234".find(q) + 1 or "一二三四".index(q) + 1 for q in m.groups())
            if q1 <= q2:
                out.append((m.start(), at + 2, (_Markers.MONTHS, (3 * q1 - 2, 3 * q2), m.start(), at + 2)))
        at = text.find("季", at + 2)
    return out


class _Markers:
    """Time markers of one report, found once: spans (2018-2022年), plan
    periods and 年均, one-year markers, years and months. Queries ask for
    the markers between a sentence start and a figure."""

    # tags of the markers in ``period``
    SPAN, FIVE, YEAR, MONTHS, SINCE, MANY, BASE = range(7)

    def __init__(self, text: str) -> None:
        # spans, plan periods, years and months in one index: a figure's
        # window is looked up once (most windows hold none of them)
        # each marker: (tag, payload, start, end)
        starts = _marker_starts(text)  # every lead of every marker, in one scan
        spans = match_led(_SPAN, text, starts["year"])
        # 国土空间总体规划（2021―2035年）: the years of a plan's name in brackets date no figure
        titled = [(m.start(), m.end()) for m in spans if _in_brackets(text, m.start(), m.end())]
        found = [(m.start(), m.end(), (self.SPAN, m, m.start(), m.end())) for m in spans
                 if (m.start(), m.end()) not in titled]
        found += [(m.start(), m.end(), (self.FIVE, m, m.start(), m.end()))
                  for m in match_led(_FIVE_YEAR, text, starts["five"])
                  if not (m.start() and text[m.start() - 1] in "是比较" and "十" in m.group()[:2])]
        for m in _MANY_YEARS.finditer(text):
            n, start = _years_before(text, m.start())
            if n > 1:
                found.append((start, m.end(), (self.MANY, n, start, m.end())))
        bases = match_led(_BASE_YEAR, text, starts["base"])
        found += [(m.start(), m.end(), (self.BASE, int(m.group(1)), m.start(), m.end())) for m in bases]
        #: 比2012年(下同)增长: base years that hold for the rest of their paragraph
        self.same_below = [(m.start(), m.end(), (self.BASE, int(m.group(1)), m.start(), m.end()))
                           for m in bases if m.group(2) and _SAME_BELOW.search(m.group(2))]
        found += [
            (m.start(), m.end(), (self.BASE, int(m.group(1)), m.start(), m.end()))
            for m in match_led(_FROM_YEAR, text, starts["from"])
        ]
        found += [
            (m.start(), m.end(), (self.BASE, _PLAN_PERIOD_LAST[m.group(1)], m.start(), m.end()))
            for m in match_led(_BASE_PERIOD, text, starts["base_period"])
        ]
        found += [
            (m.start(), m.end(), (self.BASE, int(m.group(1)), m.start(), m.end()))
            for m in match_led(_COMPARED_YEAR, text, starts["compared"])
        ]
        years = [(m.start(), m.end(), int(m.group(1))) for m in match_led(_YEAR, text, starts["year"])
                 if not _NOT_A_PERIOD.match(text, m.end()) and not any(a <= m.start() < b for a, b in titled)]
        found += [(a, b, (self.YEAR, y, a, b)) for a, b, y in years]
        # 2018年以来: from a year to now
        found += [(a, b, (self.SINCE, y, a, b)) for a, b, y in years if text.startswith(("以来", "来"), b)]
        found += [(m.start(), m.end(), (self.SINCE, _CONGRESS_FIRST_YEAR[m.group(1)], m.start(), m.end()))
                  for m in match_led(_CONGRESS_SINCE, text, starts["congress"])]
        found += _month_markers(text, starts["month"])
        found.sort(key=operator.itemgetter(0))  # stable: each kind keeps its order
        self.period = self._index(found)
        self._text = text
        self._starts = starts
        self.cues = self._index((m.start(), m.end(), m) for m in match_led(_TIME_CUE, text, starts["cue"]))

    def leads_clause(self, year_end: int) -> bool:
        """Whether the year ending at ``year_end`` leads its clause (2015年，固定资产投资…),
        rather than dating an event inside it (2018年迈上2000亿元台阶)."""
        return self._text[year_end:year_end + 1] in ("，", ",")

    @functools.cached_property
    def annual(self) -> tuple[list[int], list[tuple[int, int, object]]]:
        """One-year markers (今年, 2023年, 预期目标), wanted only after a plan period: found on demand."""
        annual = _annual_starts(self._text, self._starts)
        return self._index((m.start(), m.end(), m) for m in match_led(_ANNUAL, self._text, annual))

    @staticmethod
    def _index(found: Iterable[tuple[int, int, object]]) -> tuple[list[int], list[tuple[int, int, object]]]:
        items = list(found)
        return [s for s, _, _ in items], items

    @staticmethod
    def any_in(index: tuple[list[int], list[tuple[int, int, object]]], lo: int, hi: int) -> bool:
        """Whether a marker starts in [lo, hi)."""
        starts = index[0]
        i = bisect.bisect_left(starts, lo)
        return i < len(starts) and starts[i] < hi

    @staticmethod
    def between(index: tuple[list[int], list[tuple[int, int, object]]], lo: int, hi: int) -> list:
        """Markers starting at or after ``lo`` and ending by ``hi``."""
        starts, items = index
        i = bisect.bisect_left(starts, lo)
        n = len(starts)
        if i == n or starts[i] >= hi:
            return []  # the common case: nothing in the window
        out = []
        while i < n and starts[i] < hi:
            if items[i][1] <= hi:
                out.append(items[i][2])
            i += 1
        return out


# A total over several years (五年累计完成投资2413.8亿元), not a level reached
_CUMULATIVE = _regex.compile(r"累计|累积|总计|合计|共计|共完成|共实现")


def _has_cumulative(s: str) -> bool:
    """Whether ``s`` holds a :data:`_CUMULATIVE` word (each holds 累, 计 or 共: looked for first)."""
    return ("累" in s or "计" in s or "共" in s) and _CUMULATIVE.search(s) is not None
# A report to a mid-year session reviews this year's months (今年以来, 上半年)
_MID_YEAR = _regex.compile(
    r"上半年|半年来|前三季度|今年以来的?工作|以来工作回顾|今年以来\s*[，,]\s*(?:全|我)(?:镇|乡|县|区|市|旗|街道)"
)
# 2023年上半年, 前三季度, 2023年1-9月 in a text's title or opening: the months it reports on
_OWN_MONTHS = _regex.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年度?\s*)?(?:(?P<part>上半年|前三季度|一季度)|(?:1|一|元)\s*" + _RANGE_DASH
    + r"\s*(?P<m>\d{1,2})\s*月)"
)


def _own_months(text: str, plan_year: int | None, year_end: bool) -> tuple[bool, tuple[int, int]] | None:
    """The first months of a year a text's head (its first 200 characters: the title) reports on
    (上半年工作总结 → 1-6; the plan year's, or the year ending in a report delivered at its end),
    and whether its year is named with them (2023年1-9月经济运行情况: a report of that year's months)."""
    if plan_year is None:
        return None
    year = plan_year - 1 if year_end else plan_year
    line_end = text.find("\n", 0, 200)
    for m in _OWN_MONTHS.finditer(text, 0, 200):
        if m["y"] is not None and int(m["y"]) != year:
            continue
        last = FIRST_MONTHS_LAST[m["part"]] if m["part"] else int(m["m"])
        # (1-10月 alone only in a summary's title line: 太平镇1-10月工作总结)
        titled = (line_end < 0 or m.end() <= line_end) and _SUMMARY_AFTER.match(text, m.end()) is not None
        if (m["y"] is not None or m["part"] or titled) and 1 <= last <= (11 if year_end else 10):
            return m["y"] is not None, (1, last)
    return None


# 2022年工作总结, 2022年度工作总结和2023年工作计划 (not 2022年上半年工作总结: months of a year under way)
_YEAR_SUMMARY_TITLE = _regex.compile(r"((?:19|20)\d{2})\s*年度?(?:全年)?工作总结")
_SUMMARY_AFTER = _regex.compile(r"份?[^，,。\n]{0,8}?(?:工作总结|工作情况|工作汇报|经济运行|工作报告)")


_MULTI_TAGS = frozenset({_Markers.SPAN, _Markers.FIVE, _Markers.SINCE, _Markers.MANY, _Markers.BASE})


def _period(
    found: list, marks: _Markers, q_start: int, kind: str, plan_year: int | None, *, in_window: bool = True,
    end_level: bool = False, mid_year: bool = False, review_years: int = 5, session_month: int | None = None,
    cumulative: bool = False,
) -> tuple[str | None, list[str]]:
    """The period a figure refers to, from the time markers ``found`` before
    it (its sentence window, else its paragraph's lead or its headings:
    ``in_window=False``) and the year the report plans for.

    Without a plan year (an undated text) only the markers say it; with
    none, the period is unknown (``None``).
    """
    flags: list[str] = []
    base = None if plan_year is None else (plan_year - 1 if kind == "actual" else plan_year)
    if not found:
        return (None if base is None else str(base)), flags
    # (not 2023年以来 of the year reviewed or under way: a part of one year)
    multi_end = max((e for tag, v, _, e in found if tag in _MULTI_TAGS
                     and not (tag == _Markers.SINCE and base is not None and v >= base)), default=None)
    if multi_end is not None and any(tag == _Markers.YEAR and at >= multi_end for tag, _, at, _ in found):
        # 年均增长15.3%，2011年分别达到…: a year after the several years decides
        found = [f for f in found if f[0] in (_Markers.YEAR, _Markers.MONTHS)]
    elif multi_end is not None and end_level and kind == "actual" and base is not None:
        # 五年来…由2.6亿元跃升至4.35亿元: a level reached at the end of the years reviewed
        # (2015年，固定资产投资62.63亿元，年均增长26.9%；社会消费品零售总额130.43亿元: the year named)
        spans = [m for tag, m, *_ in found if tag == _Markers.SPAN]
        named = [y for tag, y, *_ in found if tag == _Markers.YEAR and base - 2 <= y <= base]
        return (spans[-1].group(2) if spans else str(named[-1] if named else base)), flags
    spans = [m for tag, m, *_ in found if tag == _Markers.SPAN]
    if spans:
        flags.append("multi_year")
        return f"{spans[-1].group(1)}-{spans[-1].group(2)}", flags
    since = [y for tag, y, *_ in found if tag == _Markers.SINCE]
    many = [n for tag, n, *_ in found if tag == _Markers.MANY]
    bases = [y for tag, y, *_ in found if tag == _Markers.BASE]
    if bases and plan_year is not None and kind == "actual" and bases[-1] < plan_year - 2:
        flags.append("multi_year")  # 比2011年增长46.6%: the change since the base year
        # (2015年与2010年相比, 2015年，…比2010年增长: to the year named before the base)
        end = next((y for tag, y, *_ in reversed(found) if tag == _Markers.YEAR and bases[-1] < y < plan_year),
                   plan_year - 1)
        return (f"{bases[-1] + 1}-{end}" if end > bases[-1] + 1 else str(end)), flags
    if many and not any(tag == _Markers.YEAR for tag, *_ in found):
        flags.append("multi_year")  # 十年来, 五年内
        if plan_year is None:
            return None, flags
        n = many[-1]
        return (f"{plan_year - n}-{plan_year - 1}" if kind == "actual" else f"{plan_year}-{plan_year + n - 1}"), flags
    fives = [m for tag, m, *_ in found if tag == _Markers.FIVE]
    five = fives[-1] if fives else None
    annual_after = (
        in_window
        and five is not None
        and five.group() != "年均"
        and bool(marks.between(marks.annual, five.end(), q_start))
    )
    if since and plan_year is not None and since[-1] < plan_year - 1 and kind == "actual" and not annual_after:
        flags.append("multi_year")  # 2018年以来: from that year to the one reviewed
        return f"{since[-1]}-{plan_year - 1}", flags
    if (
        five is not None and kind == "actual" and not cumulative
        and _PLAN_END.search(five.group()) and _PLAN_PERIOD.search(five.group())
        and not _COMPARED_BEFORE.search(five.string, max(0, five.start() - 3), five.start())  # (与“十一五”末相比)
    ):
        # “十三五”末，…固定资产投资完成130亿元: the plan period's last year, not its years
        return str(PLAN_PERIOD_FIRST_YEAR[_PLAN_PERIOD.search(five.group()).group(1)] + 4), flags
    if five is not None and not annual_after:
        flags.append("multi_year")
        return _five_year_period(found, fives, marks, kind, plan_year, review_years), flags
    years = [
        y
        for tag, y, *_ in found
        if tag == _Markers.YEAR and (plan_year is None or plan_year - 12 <= y <= plan_year + 16)
    ]
    if years:
        base = years[-1]
    months = [span for tag, span, *_ in found if tag == _Markers.MONTHS]
    if months and not years and plan_year is not None and (
        mid_year or (session_month is not None and 4 <= session_month <= 10 and months[-1][1] < session_month)
    ):
        base = plan_year  # 1-6月 in a report to a mid-year session (截至6月20日 in July): this year's months
    if months and base is not None:
        m1, m2 = months[-1]
        if 1 <= m1 <= m2 <= 12 and not (m1 == 1 and m2 == 12):
            flags.append("partial_year")
            return f"{base}-{m1:02d}/{base}-{m2:02d}", flags
    return (None if base is None else str(base)), flags


def _five_year_period(
    found: list, fives: list, marks: _Markers, kind: str, plan_year: int | None, review_years: int
) -> str | None:
    """The years of a figure read over several years (五年来, 年均, “十三五”期间)."""
    five = fives[-1]
    m = next((f for f in reversed(fives) if _PLAN_PERIOD.search(f.group())), None)
    if m:
        first = PLAN_PERIOD_FIRST_YEAR[_PLAN_PERIOD.search(m.group()).group(1)]
        if kind == "target" and _PLAN_END.search(m.group()):
            return str(first + 4)  # “十四五”末: the plan period's last year
        if kind == "actual" and m.group().endswith("以来") and plan_year is not None and first < plan_year - 1:
            return f"{first}-{min(first + 4, plan_year - 1)}"  # “十四五”以来 in 2024: the years so far
        return f"{first}-{first + 4}"
    if plan_year is None:
        return None
    if kind == "actual":
        # 年均, 本届政府 in a review of four years (一、过去四年工作回顾) span four, up to the
        # year reviewed or the one named before (2015年，固定资产投资62.63亿元，年均增长26.9%)
        n = 5 if "五" in five.group() or "5" in five.group() else review_years
        named = [y for tag, y, at, end in found if tag == _Markers.YEAR and at < five.start()
                 and plan_year - 3 <= y < plan_year - 1 and marks.leads_clause(end)]
        last = named[-1] if named else plan_year - 1
        return f"{last - n + 1}-{last}"
    return f"{plan_year}-{plan_year + 4}"


_LAST_YEAR_CUES = ("去年", "上年")
_CLAUSE_OPENERS = frozenset(["", "，", ",", "。", "；", ";", "：", ":", "\n", " "])  # 去年全县…, not 与去年持平
# 去年 and 上年, but not 比去年/较上年/同上年 (comparisons) nor 上年同期
_PAST_CUE = _regex.compile(r"过去(?:的)?一年|去(?<![比较]去)年|上(?<![比较同]上)年(?!同期)|一年来")
_TIME_CUE = _regex.compile(_PAST_CUE.pattern + r"|今年(?!以来)|明年|本年")
_TIME_CUE_LEADS = ("过去", "去年", "上年", "一年来", "今年", "明年", "本年")
#: The leads of the time markers a report's :class:`_Markers` finds, found in one scan of it; the
#: scan tries every position holding the first character of a lead, and “”, 和, 全, 比 … are
#: frequent: the leads that are a character before a year's 19/20 (比2020, 和2019) or before
#: 十X五 (“十四五, 比十三五, 比“十三五) are read off those positions instead (:func:`_marker_starts`), as are the
#: month words' 前, 第, 至 and 到 (:func:`_month_word_starts`), and the one-year markers' own leads
#: (全年, 预期目标) are looked for only when they are wanted
_MARKER_LEADS = LeadScan({
    "year": _YEAR_LEADS, "five": tuple(w for w in _FIVE_YEAR_LEADS if w[0] not in "“”‘"), "month": _MONTH_SCANNED_LEADS,
    "cue": _TIME_CUE_LEADS, "congress": _CONGRESS_SINCE_LEADS,
})
# the leads a character longer than a year's (比2020): name → the characters before 19/20
_BEFORE_YEAR = {"base": "比较", "from": "由从", "compared": "".join(sorted(_COMPARED_FIRST))}
_ANNUAL_CUES = tuple(w for w in _ANNUAL_LEADS if w in _TIME_CUE_LEADS)  # 今年: found as a time cue's lead
_ANNUAL_OWN = tuple(w for w in _ANNUAL_LEADS if w not in _TIME_CUE_LEADS and w not in _YEAR_LEADS)  # 全年


def _marker_starts(text: str) -> dict[str, list[int]]:
    """Name → the ascending positions in ``text`` where a lead of its time markers starts (as one
    ``LeadScan`` of every lead would give them), but for the one-year markers (:func:`_annual_starts`)
    and the month words' leads read off other positions (:func:`_month_word_starts`)."""
    starts = _MARKER_LEADS.starts(text)
    years = [p for p in starts["year"] if p]
    for name, chars in _BEFORE_YEAR.items():
        starts[name] = [p - 1 for p in years if text[p - 1] in chars]
    tens = [p for p in starts["five"] if p and text[p] == "十"]
    quoted = [p - 1 for p in tens if text[p - 1] in "“”‘"]
    if quoted:
        starts["five"] = sorted(starts["five"] + quoted)
    starts["base_period"] = sorted(
        [p - 1 for p in tens if text[p - 1] in "比较"]
        + [p - 2 for p in tens if p > 1 and text[p - 1] == "“" and text[p - 2] in "比较"]
    )
    return starts


def _annual_starts(text: str, starts: dict[str, list[int]]) -> list[int]:
    """Where the leads of :data:`_ANNUAL` start in ``text``; ``starts``: :func:`_marker_starts`."""
    found = set(starts["year"])
    found.update(p for p in starts["cue"] if text.startswith(_ANNUAL_CUES, p))
    for word in _ANNUAL_OWN:
        at = text.find(word)
        while at >= 0:
            found.add(at)
            at = text.find(word, at + 1)
    return sorted(found)


_FUTURE_CUE = _regex.compile(r"今年|明年|本年")
# Words that make a lead or a heading speak of one year, whatever plan period it names
_ONE_YEAR = _regex.compile(r"今年|明年|本年|去年|过去一年|开局|开门红|起好步|第一年|收官之年|之年")


def _kind(section_kind: str, sentence: str, q_rel: int, last_cue: str | None = None) -> str:
    if section_kind == "targets":
        return "target"
    before = sentence[:q_rel]
    if section_kind == "plan":
        if last_cue is not None and _PAST_CUE.fullmatch(last_cue) and not _TARGET_CUES.search(before):
            return "actual"  # 过去一年…国内生产总值增长10.3%: last year restated in the plan
        return "target"
    if section_kind in ("review", "problems"):
        return (
            "target"
            if ("目" in before or "争" in before) and _REVIEW_TARGET.search(before) and _THIS_YEAR.search(before)
            and not _DONE.search(before[-12:])
            else "actual"
        )
    if _TARGET_CUES.search(before):
        return "target"
    if last_cue is not None and _FUTURE_CUE.fullmatch(last_cue) and not _DONE.search(before[-12:]):
        return "target"  # a text without headings: 今年，…地区生产总值增长6%
    return "actual"


# 粮食播种面积…，总产量10.4万吨: 产量 names grain output when grain was just named
# (but not 水稻产量, 玉米产量: a single crop).
_GRAIN_OUTPUT = _regex.compile(  # lookbehinds after the first character: see _FIVE_YEAR
    r"总(?<![稻米麦豆类薯菜棉果茶肉奶蛋鱼]总)产量?|产(?<![稻米麦豆类薯菜棉果茶肉奶蛋鱼]产)量"
)
_GRAIN_OUTPUT_LEADS = ("总产", "产量")  # what every match starts with (see find_led)
# the 产 of either lead: a pattern led by one character is searched faster than two words
_GRAIN_OUTPUT_CORE = _regex.compile(r"产(?:(?<=总产)|(?=量))")


def _grain_starts(text: str) -> list[int]:
    """Where :data:`_GRAIN_OUTPUT_LEADS` start in ``text`` (ascending), read off their 产."""
    out = []
    for m in _GRAIN_OUTPUT_CORE.finditer(text):
        at = m.start()
        if at and text[at - 1] == "总":
            out.append(at - 1)
        if text.startswith("量", at + 1):
            out.append(at)
    return out


_GRAIN_BEFORE = _regex.compile(r"粮[^。；;\n]{0,24}$")
# 一般公共预算收入和支出分别达4.78亿元、20.2亿元: 支出 is the budget's expenditure
_BUDGET_PAIR = _regex.compile(r"(?:一般公共预算|一般预算|公共财政预算|地方财政)收入(?:和|与|及|、)(?P<exp>支出)")
# 规模以上工业企业实现产值312亿元: the subject names the scope, the verb splits the name
_ABOVE_SCALE_OUTPUT = _regex.compile(
    r"(?:规模以上|规上)(?:工业)?(?:企业)?(?:共|累计|全年)?(?:实现|完成|创造?)了?(?:工业)?(?P<name>总?产值)"
)
# 规上工业总产值、增加值分别增长12.7%、11.5%, 规模以上工业实现总产值218亿元、增加值61亿元,
# …完成总产值2070亿元，实现增加值605亿元: the value added of the scope just named
# (it starts with its literal 工业 so that the engine skips to it; the scope before it is read after)
_SHARED_SCOPE_VALUE_ADDED = _regex.compile(
    r"工业(?:企业)?(?:实现|完成)?(?:工业)?总?产值"
    r"(?:\s*\d[\d.,]*\s*(?:万亿|亿|万)?元\s*[、，,和及与]\s*(?:实现|完成)?|[、和及与])(?P<name>增加值)"
)
_ABOVE_SCALE_BEFORE = ("规模以上", "规上")
# 规模以上工业完成增加值50亿元, 全区规模工业发展到169户，完成增加值64.8亿元: as _ABOVE_SCALE_OUTPUT,
# the subject names the scope of the value added (a count of its enterprises may come between)
_ABOVE_SCALE_VALUE_ADDED = _regex.compile(
    r"(?:规模以上|规上|规模)工业(?:企业)?(?P<count>[^，,。；;\d]{0,8}\d+\s*[户家个][，,])?"
    r"(?:共|累计|全年)?(?:实现|完成|创造)了?(?:工业)?(?P<name>增加值)"
)


@lru_cache(maxsize=1)
def _alias_tail() -> re.Pattern[str]:
    return _regex.compile(f"(?:{alias_pattern().pattern})$")


def _strip_head(head: str) -> tuple[str, bool]:
    """What narrows an indicator's name: the head of its clause without
    neutral words (全镇, 实现, 力争 …) and without other indicators listed
    before it (地区生产总值、一般公共预算收入分别…); and whether a verb
    (实现, 完成 …) stood between what is left and the name."""
    core, verb = _strip_neutral(head[-_LOOKBACK:])
    while True:
        m = _alias_tail().search(core)
        if not m:
            return core, verb
        core, v = _strip_neutral(core[: m.start()])
        verb = verb or v


def _strip_neutral(s: str) -> tuple[str, bool]:
    """``s`` without its trailing neutral words, and whether they held a
    verb with a time or place word before it (…2019年完成, …全年实现): a
    break between the clause's lead and the indicator's name."""
    verb = lead = False
    while s:
        m = _NEUTRAL_ONE.search(s, max(0, len(s) - 12))
        if not m:
            return s, lead
        if verb and _LEAD_BREAK.search(m.group()):
            lead = True
        verb = verb or bool(_HEAD_VERB.search(m.group()))
        s = s[: m.start()]
    return s, lead


def _without_asides(text: str, aliases: list[_Alias]) -> list[_Alias]:
    """Aliases without a name in brackets right after another name
    (公共财政预算收入(税收)4.63亿元: the figure is the first name's), and a ratio's
    name that is the income's name before a comparison (城乡居民人均可支配收入比“十二五”末增长…)."""
    out: list[_Alias] = []
    for a in aliases:
        tail = _OTHER_NAME_AFTER.get(a.text)
        if tail is not None and tail.match(text, a.end):
            continue  # 新增就业参保大学生34万人: another count
        if a.text.endswith("比") and _COMPARED_TO.match(text, a.end):
            a = _Alias(a.start, a.end - 1, a.text[:-1], alias_table().get(a.text[:-1], a.indicator))
        if (
            out and a.start >= 1 and text[a.start - 1] in "(（" and out[-1].end == a.start - 1
            and text[a.end:a.end + 1] in (")", "）")
        ):
            continue
        if _COMPARED_NAME.search(text, max(0, a.start - 24), a.start) and _NO_FIGURE_AFTER.match(text, a.end):
            continue  # 实现地区生产总值418.52亿元,赶超江门开平市2020年的经济总量,增长13.9%: another's, named
        out.append(a)
    return out


# a clause that measures against another's figure (赶超江门开平市2020年的经济总量), and no figure after the name
_COMPARED_VERB = r"(?:赶超|超过|超越|追上|追平|相当于|接近)"
_COMPARED_NAME = _regex.compile(_COMPARED_VERB + r"[^，,。；;：:\d]{0,16}(?:\d{4}年)?[^，,。；;：:\d]{0,8}的$")
_NO_FIGURE_AFTER = _regex.compile(r"[^，,。；;\d]{0,12}[，,。；;]")
_COMPARED_CLAUSE = _regex.compile(r"\s*" + _COMPARED_VERB + r"[^，,。；;：:\d]{0,16}")


# Words that make a name another thing's (新增就业参保, 新增就业大学生: other counts)
_OTHER_NAME_AFTER: dict[str, re.Pattern[str]] = {"新增就业": _regex.compile("参保|大学生|驿站|创业|再就业|中")}
# what 比 compares to when it is not a ratio's 比: 比“十二五”末, 比2015年, 比上年, 比全省
_COMPARED_TO = _regex.compile(r"\s*(?:“?十[一二三四五]五|(?:19|20)\d{2}\s*年|上年|去年|同期|全国|全省|全市|全区|全县)")


# a clause of nothing but its years and a total of 投资 (五年累计完成投资845亿元; not 重点项目累计完成投资)
# (led by its comma, not a look behind of it: the engine skips to the commas; the clause starts after it)
_TOTAL_INVESTMENT = _regex.compile(
    r"[，,]\s*(?:[一二两三四五六七八九十\d]+年(?:来)?|“?十[一二三四五]五”?(?:期间|时期))?\s*累计(?:完成)?(?P<name>投资)(?=\s*\d)"
)
# the primary industry named for its growth alone (其中一产增长3.9%，二产增长14.1%)
# (not 拉动一产增长1.7个百分点: a contribution to it)
_PRIMARY_GROWTH = _regex.compile(
    r"(?P<name>第一产业(?<!拉动第一产业)|一产(?<![第统单])(?<!拉动一产))(?=(?:同比|比上年)?(?:增长|下降))"
)
_PRIMARY_GROWTH_LEADS = ("第一产业", "一产")


def _primary_starts(text: str) -> list[int]:
    """Where :data:`_PRIMARY_GROWTH_LEADS` start in ``text``: each 一产, and the 第 of a 第一产业
    before it (one search of the text instead of one for each lead)."""
    out = []
    at = text.find("一产")
    while at >= 0:
        if at and text.startswith("第一产业", at - 1):
            out.append(at - 1)
        out.append(at)
        at = text.find("一产", at + 1)
    return out
_TOTAL_INVESTMENT_CORE = _regex.compile(r"累计(?:完成)?投资")  # what every match holds
_SENTENCE_OR_LIST_END = _regex.compile(r"[。；;！？!?\n]")


def _names_budget_pair(text: str) -> bool:
    """Whether ``text`` holds 收入和支出 (与, 及, 、 for 和), which every match of
    :data:`_BUDGET_PAIR` holds: the pattern is searched only then (its scan tests
    every 一, 公 and 地; the few 支出 of a report are looked at instead)."""
    at = text.find("支", 3)  # (one character is looked for faster than two)
    while at >= 0:
        if text.startswith("出", at + 1) and text[at - 1] in "和与及、" and text.startswith("收入", at - 3):
            return True
        at = text.find("支", at + 1)
    return False


def _with_context_aliases(text: str, aliases: list[_Alias]) -> list[_Alias]:
    """Names that only their context makes an indicator's: 总产量 after 粮食 (粮食
    生产稳定，总产量8.6万吨) and 产值 after a 规上 subject."""
    starts = [a.start for a in aliases]
    extra = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_right(starts, a) - 1
        return not ((i >= 0 and aliases[i].end > a) or (i + 1 < len(aliases) and aliases[i + 1].start < b))

    for m in match_led(_GRAIN_OUTPUT, text, _grain_starts(text)):
        if free(m.start(), m.end()) and _GRAIN_BEFORE.search(text, max(0, m.start() - 25), m.start()):
            extra.append(_Alias(m.start(), m.end(), m.group(), "grain_output"))
    for m in _BUDGET_PAIR.finditer(text) if _names_budget_pair(text) else ():
        a, b = m.span("exp")
        if free(a, b):
            extra.append(_Alias(a, b, m.group("exp"), "general_budget_expenditure"))
    for m in _ABOVE_SCALE_VALUE_ADDED.finditer(text) if "增加值" in text else ():
        a, b = m.span("name") if m["count"] else m.span()
        if free(a, b):
            head_end = m.start() if m["count"] else None  # (the count between is no narrowing)
            extra.append(_Alias(a, b, text[a:b], "industrial_value_added", head_end=head_end))
    if "产值" in text:
        for m in _ABOVE_SCALE_OUTPUT.finditer(text):
            a, b = m.span()  # the subject is part of the name: 规模以上工业实现总产值 does not narrow it
            if free(a, b):
                extra.append(_Alias(a, b, m.group(), "industrial_output_above_scale"))
        for m in _SHARED_SCOPE_VALUE_ADDED.finditer(text):
            a, b = m.span("name")
            if free(a, b):
                scope = next((w for w in _ABOVE_SCALE_BEFORE
                              if m.start() >= len(w) and text.startswith(w, m.start() - len(w))), "")
                extra.append(_Alias(a, b, m.group("name"),
                                    "industrial_value_added" if scope else "industrial_value_added_all",
                                    head_end=m.start() - len(scope)))
    if "分别" in text:
        extra.extend(a for a in _shared_suffix_items(text) if free(a.start, a.end))
    for m in match_led(_PRIMARY_GROWTH, text, _primary_starts(text)):
        a, b = m.span("name")
        if free(a, b):  # 一产增长3.9%, 第一产业增长5%: the primary industry's value added
            extra.append(_Alias(a, b, m.group("name"), "agri_value_added"))
    for m in _TOTAL_INVESTMENT.finditer(text) if _TOTAL_INVESTMENT_CORE.search(text) else ():
        a, b = m.span("name")
        clause = m.start() + 1  # (after the comma)
        i = bisect.bisect_left(starts, clause) - 1  # the last name before the clause
        if (
            i >= 0 and aliases[i].indicator == "fixed_asset_investment" and clause - aliases[i].end <= 40
            and not _SENTENCE_OR_LIST_END.search(text, aliases[i].end, clause) and free(a, b)
        ):
            # 固定资产投资245亿元，五年累计完成投资845亿元: the investment named before, summed
            extra.append(_Alias(a, b, m.group("name"), "fixed_asset_investment"))
    for m in _WHOLE_VALUE_ADDED.finditer(text) if "增加值" in text else ():
        a, b = m.span("name")
        if free(a, b):
            extra.append(_Alias(a, b, m.group("name"), "gdp"))
    if not extra:
        return aliases
    return sorted(aliases + extra, key=lambda a: a.start)


# 全区实现增加值745亿元: the value added of the whole region is its GDP
_WHOLE_VALUE_ADDED = _regex.compile(r"全[镇乡县区市旗](?:全年|预计)?(?:共|累计)?(?:实现|完成|创造)?了?(?P<name>增加值)")
# 一、二、三次产业增加值分别…, 农林牧渔业、服务业增加值分别…: names listed with their last
# word written once, before 分别 (the literal first, so that the engine skips to it)
_SHARED_SUFFIX = _regex.compile(r"增加值(?=[^，,。；;]{0,8}分别)|总产值(?=[^，,。；;]{0,8}分别)")
_SHARED_SUFFIX_LEADS = ("增加值", "总产值")


def _shared_suffix_starts(text: str) -> list[int]:
    """Where :data:`_SHARED_SUFFIX_LEADS` start in ``text``, found from their last character
    (one search for one character instead of one for each word of three)."""
    out = []
    at = text.find("值", 2)
    while at >= 0:
        if text.startswith(_SHARED_SUFFIX_LEADS, at - 2):
            out.append(at - 2)
        at = text.find("值", at + 1)
    return out
_CLAUSE_BREAK = _regex.compile(r"[，,。；;：:\n]")
_SECTOR_ITEM = _regex.compile(r"第?([一二三])(?:产业?|次产业)?")
_SECTOR_LAST = _regex.compile(r"(?:产|产业|次产业)$")


def _shared_suffix_items(text: str) -> list[_Alias]:
    """The items of a list of names that share their last word (一、二、三次产业增加值,
    农林牧渔业、服务业增加值) which, with that word, name an indicator: each an alias
    over the item's own words (一 → agri_value_added), named by the whole list."""
    table = alias_table()
    out = []
    for m in match_led(_SHARED_SUFFIX, text, _shared_suffix_starts(text)):
        lo = max(0, m.start() - 30)
        start = max([b.end() for b in _CLAUSE_BREAK.finditer(text, lo, m.start())] or [lo])
        start = _past_neutral_start(text, start, m.start())
        parts = []
        pos = start
        for sep in _ITEM_SPLIT.finditer(text, start, m.start()):
            parts.append((pos, sep.start()))
            pos = sep.end()
        if not parts:
            continue
        last = text[pos:m.start()]
        for a, b in parts:
            item = text[a:b]
            names = [item + m.group()]
            sector = _SECTOR_ITEM.fullmatch(item)
            if sector is not None and _SECTOR_LAST.search(last):
                names.append("第" + sector.group(1) + "产业" + m.group())
            name = next((n for n in names if n in table), None)
            if name is not None and b > a:
                out.append(_Alias(a, b, text[start:m.end()], table[name]))
    return out


#: The columns _report_rows fills, in order (the report's own columns go in front).
_FIGURE_COLUMNS = METRIC_COLUMNS[METRIC_COLUMNS.index("indicator"):]
_by_start = operator.itemgetter(_FIGURE_COLUMNS.index("start"))


# 迈上千亿台阶, 突破百亿元大关, 跨越两亿大关: a threshold in numerals, which the number
# parser leaves alone (千方百计 and 百亿级 are no figures)
# Whether a text holds one: a search per verb's first character, each led by that literal (a
# search for the whole alternation tests every character against the set of first characters,
# twice as slow); 破 alone covers 突破, and a verb whose first character is missing is not searched
_NUMERAL_MARK_STARTS = tuple((verbs[0], _regex.compile(verbs + r"[“\"]?[一两二三四五六七八九十百千]")) for verbs in (
    "破", "迈[上过入]", "跨[越过上入]", "站上", "跃上", "首超",
))
# (破 alone: 首破, 双破, 破百亿元大关; a threshold with its unit may end the clause: 地区生产总值突破百亿元，…)
_NUMERAL_MARK = _regex.compile(
    r"(?:突破|迈上|迈过|跨越|跨过|跨上|跨入|迈入|站上|跃上|首超|破(?<![突打攻识看]破))[“\"]?"
    r"(?P<num>[一两二三四五六七八九十百千]{1,3}?)(?P<mult>万亿|亿|万)(?P<unit>元|美元)?[”\"]?"
    r"(?:(?=新?的?(?:大关|台阶|俱乐部|关口))|(?<=元)(?=[，,。；;]|$))"
)


def _numeral_marks(text: str) -> list[_numbers.Quantity]:
    """Thresholds written in numerals after a verb of crossing, as quantities
    (千亿 → 1000 亿元 when the unit is left out: a money threshold)."""
    out = []
    for m in _NUMERAL_MARK.finditer(text):
        try:
            value = _numbers.parse_chinese_numeral(m.group("num"))
        except ValueError:
            continue
        unit = m.group("mult") + (m.group("unit") or "元")
        out.append(_numbers.Quantity(
            m.start("num"),
            m.end("unit") if m.group("unit") else m.end("mult"),
            text[m.start("num"):m.end()].rstrip("”\""),
            value, None, unit, "money", "at_least", False, ("chinese_numeral",),
        ))
    return out


def _review_years(text: str, marks: tuple[bool, re.Match[str] | None] | None = None) -> int:
    """How many years the report's multi-year review covers: five, unless
    its head names another number and no five (一、过去四年工作回顾, 四年来，…).
    ``marks``: :func:`_review_marks` of the head, when known."""
    five, m = marks if marks is not None else _review_marks(text[:HEADINGS_CHARS])
    if five:
        return 5
    return _years_count(next(g for g in m.groups() if g)) if m else 5


def _review_marks(head: str) -> tuple[bool, re.Match[str] | None]:
    """Whether a report head reviews five years (:func:`_reviews_five_years`), and, without that,
    its review of another number of years (过去三年, 四年来): searched once for the review's
    length and for whether the report reviews several years."""
    if _reviews_five_years(head):
        return True, None
    return False, _REVIEW_YEARS_FIRST.match(head) or (_REVIEW_YEARS.search(head) if _may_review_years(head) else None)


def _reviews_five_years(head: str) -> bool:
    """Whether ``head`` reviews five years: 五年来, 五年间, 过去五年, 过去的五年, 五年的工作主要体现
    (or 回顾), or 是…的五年 (at most 40 characters between, no 。 or line break among them; not
    before 里, 中 or 内: 是极不平凡的五年).

    Read off each 五年 of the head (found with ``str.find``) instead of searching for a pattern
    of these forms, which had the engine try it at every 五, 过 and 是.
    """
    at = head.find("五年")
    while at >= 0:
        if _FIVE_YEARS_AFTER.match(head, at):
            return True
        before = head[at - 3 if at > 3 else 0:at]
        if before.endswith("过去") or before == "过去的":
            return True
        if before.endswith("的") and head[at + 2:at + 3] not in ("里", "中", "内"):
            # a 是 at most 41 characters before the 的, with no 。 or line break after it
            lo = at - 42 if at > 42 else 0
            cut = max(head.rfind("。", lo, at - 1), head.rfind("\n", lo, at - 1))
            if head.rfind("是", max(lo, cut + 1), at - 1) >= 0:
                return True
        at = head.find("五年", at + 1)
    return False


_REVIEW_PAST_YEARS = _regex.compile(r"过去的?[两二三四六七]年")


def _may_review_years(head: str) -> bool:
    """Whether ``head`` holds 过去三年 (过去的三年) or 三年来， (两 to 七 years), which every match of
    :data:`_REVIEW_YEARS` holds: that pattern, tried at every line break and sentence end, is
    searched only then (in a few heads); its leads are looked for with ``str.find``."""
    at = head.find("年来")
    while at >= 0:
        if at and head[at - 1] in "两二三四六七" and head[at + 2:at + 3] in ("，", ","):
            return True
        at = head.find("年来", at + 1)
    at = head.find("过去")
    while at >= 0:
        if _REVIEW_PAST_YEARS.match(head, at):
            return True
        at = head.find("过去", at + 1)
    return False


def _reviews_plan_period(head: str) -> bool:
    """Whether ``head`` reviews a plan period: a line opening with one (“十三五”时期, 一、十二五期间)
    or its review (十二五期间工作回顾).

    Each 十X五 of the head is found by a search led by 十 and the two forms are tried there (the
    first from the start of its line: white space before that start is all the leading ``\\s*``
    of the former MULTILINE ``^`` pattern could take), instead of that pattern's search, which had
    the engine try it at every position of the head.
    """
    for m in _PLAN_PERIOD_NAME.finditer(head):
        at = m.start()
        if _PLAN_PERIOD_REVIEWED.match(head, at) or _PLAN_PERIOD_LINE.match(head, head.rfind("\n", 0, at) + 1):
            return True
    return False


def _month_of(date: object) -> int | None:
    return int(date[5:7]) if isinstance(date, str) and len(date) >= 7 and date[5:7].isdigit() else None


def _session_month(date: object, published: object, plan_year: int | None, text: str) -> int | None:
    """The month of the session; without a session date, the month a page of the plan year
    was published in from April to October when its head reviews no past year (a mid-year
    report: its 1-6月 are this year's; an annual report posted late says 过去一年, 2022年)."""
    month = _month_of(date)
    if month is not None or plan_year is None:
        return month
    month = _month_of(published)
    if (
        month is not None and 4 <= month <= 10 and str(published)[:4] == str(plan_year)
        and not _ANNUAL_REVIEW.search(text, 0, 3000) and f"{plan_year - 1}年" not in text[:3000]
    ):
        return month
    return None


# (去年/上年 in a comparison, 比上年同期增长, is not a year reviewed)
_ANNUAL_REVIEW = _regex.compile(r"过去(?:的)?一年|(?<![比较同与和])(?:去年|上年)(?!同期)|一年来|五年来|过去五年")


# What a sentence ends with (see split_sentences): its mark, closing quotes or brackets, white space
_SENTENCE_MARKS = frozenset("。！？；!?;\n")
_SENTENCE_CLOSERS = frozenset("”’」』）)》】〕")


@lru_cache(maxsize=1)
def _aliases_keep_to_sentences() -> bool:
    """Whether no indicator name can run over the end of a sentence: none holds a sentence
    mark or white space, none starts with a closing quote or bracket."""
    return not any(
        not _SENTENCE_MARKS.isdisjoint(a) or a[:1] in _SENTENCE_CLOSERS or any(c.isspace() for c in a)
        for a in alias_table()
    )


def _alias_matches(text: str, rep: _Report) -> list[re.Match[str]]:
    """The matches of :func:`alias_pattern` in ``text`` that stand in a sentence holding a figure
    (runs of such sentences are searched; names elsewhere are never read), or in the whole text
    when a name could cross a sentence's end. A name's match in a sentence is the same as in a
    search of the whole text: none runs into the sentence from before it."""
    finditer = alias_pattern().finditer
    if not _aliases_keep_to_sentences():
        return list(finditer(text))
    out: list[re.Match[str]] = []
    sents = rep.sents
    run_start = run_end = last = -2
    for si in rep.by_sentence():
        if si != last + 1:
            if run_start >= 0:
                out += finditer(text, run_start, run_end)
            run_start = sents[si][0]
        run_end, last = sents[si][1], si
    if run_start >= 0:
        out += finditer(text, run_start, run_end)
    return out


_NO_SENTENCE = float("inf")  # the start of the sentence after the last


class _Report:
    """One report's text with everything found in it once: sections,
    sentences, quantities, time markers and indicator names."""

    def __init__(self, row: dict) -> None:

        text: str = row["text"]
        self.text = text
        region = row.get("region")
        self.region = region if isinstance(region, str) else ""  # missing: None or NaN
        self.short_region = _REGION_SUFFIX.sub("", self.region) if len(self.region) > 2 else self.region
        self.plan_year = _plan_year(row.get("year"))
        self.level = row.get("level")
        self.session_month = _session_month(row.get("date"), row.get("published"), self.plan_year, text)
        greeting = text.find("各位代表", 0, 1500)
        opening = (greeting, greeting + 300) if greeting >= 0 else (0, 600)
        # a report to a mid-year session reviews this year's first months, not last year
        # (not one in November or December: its 今年以来 is the year ending, reviewed whole)
        reviews_last_year = self.plan_year is not None and re.search(
            f"{self.plan_year - 1}年(?:以来)?(?:[^。\n]{{0,12}}(?:工作回顾|回顾|工作总结)|是|，|,)", text[:3000]
        )  # 2023年以来，…: last year reviewed, its months are last year's
        # delivered at the year's end (a session in November or December, or a plan headed 明年工作安排):
        # its 今年 is the year reviewed
        # (or a page published in November or December before the year it plans)
        published = row.get("published")
        # (or a summary of the year before the one planned, 2022年工作总结和2023年工作计划: written at its end)
        self.year_end = (self.session_month or 0) >= 11 or self.session_month is None and (
            next_year_plan_heading(text, 20000) is not None
            or (self.plan_year is not None and isinstance(published, str) and published[:4] == str(self.plan_year - 1)
                and (_month_of(published) or 0) >= 11)
            or (self.plan_year is not None and any(
                int(m.group(1)) == self.plan_year - 1 for m in _YEAR_SUMMARY_TITLE.finditer(text, 0, 300)))
        )
        # (2023年上半年工作总结, 1-10月工作总结: the months of the title)
        own_months = _own_months(text, self.plan_year, self.year_end)
        self.mid_year = (
            (bool(_MID_YEAR.search(text, *opening)) or (own_months is not None and own_months[0])
             or (self.plan_year is not None and f"{self.plan_year}年以来" in text[opening[0]:opening[1]]))
            and not self.year_end and not reviews_last_year
        )  # (2023年以来，…截至9月底 in a text for 2023: its first months)
        self.report_months = own_months[1] if own_months is not None and (self.mid_year or self.year_end) else None
        sections = find_sections(text)
        self.sections = {s["section_id"]: s for s in sections}
        self.leaves = sorted((s for s in sections if s["is_leaf"]), key=lambda s: s["start"])
        self.leaf_starts = [s["start"] for s in self.leaves]
        self.sents = split_sentences(text)
        self.quantities = _numbers.find_quantities(text)
        if any(lead in text and start.search(text) for lead, start in _NUMERAL_MARK_STARTS):
            self.quantities = sorted(self.quantities + _numeral_marks(text), key=operator.attrgetter("start"))
        self._by_sentence: dict[int, list[tuple[int, _numbers.Quantity]]] | None = None
        self.marks = _Markers(text)
        head = text[:HEADINGS_CHARS]
        review = _review_marks(head)
        self.review_years = _review_years(text, review)
        self.multi_year_review = bool(
            review[0] or review[1] or _reviews_plan_period(head)
        )
        table = alias_table()
        aliases = [_Alias(m.start(), m.end(), m.group(), table[m.group()]) for m in _alias_matches(text, self)]
        self.aliases = _with_context_aliases(text, _without_asides(text, aliases))
        self.alias_starts = [a.start for a in self.aliases]
        self.seen: set[tuple] = set()
        self.sent_key: tuple[int, int] | None = None
        self.scopes: dict[tuple[int, int, str], tuple[str, str | None]] = {}
        self.sent_text = ""
        self.sent_limit = _MAX_SENTENCE  # set per sentence by _report_rows
        self.sent_capped = False
        self._paragraphs: dict[int, tuple[list, float, float]] = {}
        self._captions: dict[int, list] = {}
        self._headings: dict[int, list] = {}

    def by_sentence(self) -> dict[int, list[tuple[int, _numbers.Quantity]]]:
        """Quantities grouped by the sentence they stand in (index → (quantity index, quantity))."""
        if self._by_sentence is None:
            self._by_sentence = self._quantities_by_sentence()
        return self._by_sentence

    def _quantities_by_sentence(self) -> dict[int, list[tuple[int, _numbers.Quantity]]]:
        # Each figure stands in the last sentence starting at or before it (if it ends in that
        # sentence). The figures come in order of their start: most stand in the sentence of the
        # one before or the next, so the walk keeps the current sentence's bounds and bisects only
        # for a longer step (or a step back).
        sents = self.sents
        ns = len(sents)
        sent_starts = [s for s, _ in sents]
        out: dict[int, list[tuple[int, _numbers.Quantity]]] = {}
        si, lo, end = -1, -1, -1  # the sentence (-1: before the first), its start and end
        nxt = sent_starts[0] if ns else _NO_SENTENCE  # the next sentence's start
        group: list[tuple[int, _numbers.Quantity]] | None = None  # the sentence's list, once made
        for qi, q in enumerate(self.quantities):
            at = q.start
            if at >= nxt or at < lo:
                if at < lo or si + 2 < ns and sent_starts[si + 2] <= at:
                    si = bisect.bisect_right(sent_starts, at) - 1
                else:
                    si += 1
                lo, end = sents[si] if si >= 0 else (-1, -1)
                nxt = sent_starts[si + 1] if si + 1 < ns else _NO_SENTENCE
                group = None
            if q.end <= end:
                if group is None:
                    group = out.setdefault(si, [])
                group.append((qi, q))
        return out

    @functools.cached_property
    def unmarked_periods(self) -> dict[str, str | None]:
        """The period of a figure of each kind that no time marker dates (what :func:`_period` gives
        without markers): the year reviewed (``actual``) or planned (``target``); read once."""
        year = self.plan_year
        return {"actual": None if year is None else str(year - 1), "target": None if year is None else str(year)}

    @functools.cached_property
    def part_leads(self) -> dict[int, bool]:
        """:func:`_part_lead` of the paragraphs read so far, by the position read from."""
        return {}

    def leaf(self, pos: int) -> dict | None:
        return self.leaves[bisect.bisect_right(self.leaf_starts, pos) - 1] if self.leaves else None

    def section_kind(self, pos: int) -> str:
        leaf = self.leaf(pos)
        return leaf["kind"] if leaf else "other"

    def last_time_cue(self, pos: int) -> str | None:
        """The last 今年/去年/过去一年… of the paragraph before ``pos`` (at most 480 characters back)."""
        starts, items = self.marks.cues
        i = bisect.bisect_left(starts, pos) - 1
        if i < 0 or items[i][1] > pos:
            return None
        # (in the paragraph: no line break between the cue and pos, read forward from the cue
        # instead of back from pos)
        start = starts[i]
        if start < pos - 4 * _LOOKBACK or self.text.find("\n", start, pos) >= 0:
            return None
        return items[i][2].group()

    def context_markers(self, pos: int) -> list:
        """Time markers that set the period of a whole paragraph or section:
        the paragraph's lead (五年来，…, 2022年，…, “十三五”期间，…) or else the
        nearest heading above that names a period (一、过去五年工作回顾).
        Markers of a heading come with offsets into the heading string."""
        para_start = _paragraph_start(self.text, pos)
        if self.mid_year or self.report_months is not None:  # (or a 1-10月工作总结 delivered at the year's end)
            return self._mid_year_months(para_start, pos)
        lead_found, first_cue_after_lead, first_time = self._paragraph(para_start)
        if lead_found and first_cue_after_lead >= pos:  # 2011年，…。过去一年，…增长10.3%: the later cue wins
            return lead_found
        if first_time < pos:
            return []  # 去年…, 全年…, 2022年… earlier in the paragraph: the year reviewed
        caption = self._caption_above(para_start)
        if caption:
            return caption
        leaf = self.leaf(pos)
        return self._heading_context(leaf["section_id"]) if leaf is not None else []

    def _caption_above(self, para_start: int) -> list:
        """The months or year of a caption line above a list of items, one a line, that the
        paragraph at ``para_start`` belongs to (2022年1-10月，全镇主要经济指标如下：⏎规上工业产值12亿元，
        增长8%；⏎固定资产投资5亿元；): they date every item. Items are short lines that end
        with punctuation; a line without it (a heading) or a long one ends the list, and a
        caption is a short line."""
        got = self._captions.get(para_start)
        if got is not None:
            return got
        text, got, end = self.text, [], para_start - 1
        for i in range(_CAPTION_ITEMS_MAX):
            if end <= 0:
                break
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end].rstrip()
            if i == 0 and line[-1:] in ("。", "！"):
                got = self._months_closing(start, start + len(line))
                if got:
                    break
            if line:
                if line[-1] in "：:":
                    if len(line) > _CAPTION_MAX:
                        break  # a paragraph announcing what follows (…总体要求是：), not a caption
                    got = [f for f in self.marks.between(self.marks.period, start, end)
                           if f[0] in (_Markers.MONTHS, _Markers.YEAR)]
                    break
                if line[-1] not in "；;，,。" or end - start > _CAPTION_ITEM_MAX:
                    break
            end = start - 1
        self._captions[para_start] = got
        return got

    def _months_closing(self, start: int, end: int) -> list:
        """The months leading the last sentence of the line ``start:end`` when that sentence is short
        and states no figure (…。1-10月，全镇经济运行稳中有进。⏎全镇规上工业产值…): they date the
        paragraph below, as a caption does."""
        text = self.text
        s = max(text.rfind("。", start, end - 1), text.rfind("！", start, end - 1), start - 1) + 1
        if end - s > _CAPTION_MAX:
            return []
        found = self.marks.between(self.marks.period, s, end)
        if not found or found[0][0] != _Markers.MONTHS or found[0][2] - s > 2 or len(found) > 1:
            return []  # (led by its months: 1-10月，…; 今年1-10月，…)
        return [] if _HAS_DIGIT.search(text, found[0][3], end) else found[:1]

    def sentence_lead(self, pos: int, window_start: int) -> list:
        """The months or year opening the sentence before ``pos`` (1—9月，…；
        2012年，…；), when the sentence runs past the figure's window (clauses
        split at ；) and nothing after its lead names another time."""
        text, marks = self.text, self.marks
        found = self._sentence_lead_of(pos, window_start)
        if found is None:
            return []
        got, lead_end = found
        if (
            # (another time after the lead, but not an earlier clause's 年均: 2012年，…年均增长26.9%；…)
            _own_clause_markers(marks.between(marks.period, lead_end, pos), text, pos)
            or self._time_words(lead_end, pos)
            or text.find("年内", lead_end, pos) >= 0  # …；预计年内…增长14%: within the year
        ):
            return []
        return got

    def average_lead(self, pos: int, window_start: int) -> list:
        """The year opening the sentence before ``pos`` when only yearly averages (年均) stand
        between its lead and the figure: the last year of each listed item's average."""
        marks = self.marks
        found = self._sentence_lead_of(pos, window_start)
        if found is None:
            return []
        got, lead_end = found
        if any(f[0] != _Markers.FIVE for f in marks.between(marks.period, lead_end, pos)) or self._time_words(
            lead_end, pos
        ):
            return []
        return [f for f in got if f[0] == _Markers.YEAR]

    def _sentence_lead_of(self, pos: int, window_start: int) -> tuple[list, int] | None:
        """:meth:`_lead_of` the sentence before ``pos``, when that sentence starts before the
        figure's window (else the window already reads the whole sentence)."""
        text = self.text
        lo = max(0, pos - _PARA_MAX // 5)
        start = max(  # (the six calls written out: no generator per figure)
            text.rfind("。", lo, pos), text.rfind("！", lo, pos), text.rfind("？", lo, pos),
            text.rfind("!", lo, pos), text.rfind("?", lo, pos), text.rfind("\n", lo, pos),
        ) + 1 or lo
        return None if start >= window_start else self._lead_of(start, pos)

    def _time_words(self, lead_end: int, pos: int) -> bool:
        """Whether a time cue (去年, 今年 …) or a one-year word (…；预计全年…) stands between a
        sentence's lead and the figure at ``pos``: the lead no longer speaks for it."""
        return self.marks.any_in(self.marks.cues, lead_end, pos) or _ANNUAL.search(self.text, lead_end, pos) is not None

    def _lead_of(self, start: int, pos: int) -> tuple[list, int] | None:
        """The time markers a sentence starting at ``start`` opens with, and where they stop
        speaking for its first clause: its lead (1—9月，, 2022年1—11月，); a caption's months
        (主要经济指标完成情况（截至11月底）：); the months opening the clause after a lead of no
        figure (全镇经济运行稳中有进，1-11月完成地区生产总值12亿元，…；固定资产投资8亿元)."""
        text, marks = self.text, self.marks
        lead = _LEAD_END.search(text, start, min(pos, start + _SENTENCE_LEAD_MAX))
        if lead is not None and _COMPARED_LEAD.search(text, start, lead.start()):
            return None  # 与2004年相比，…: a base of comparison, not the time of the figures
        got = marks.between(marks.period, start, lead.start()) if lead is not None else []
        if got and lead.group() in "：:" and not _time_lead(text, start, got[-1]):
            got = []  # (a caption's months stand anywhere in it: below)
        if got:
            if (
                len(got) > 2 or any(f[0] not in (_Markers.MONTHS, _Markers.YEAR) and not _plan_end(f) for f in got)
                or len(got) == 2 and got[0][0] == got[1][0]  # one year, one months, or 2022年1—11月
                or not _time_lead(text, start, got[-1])
                # 2020年全市生产总值达1800亿元；: a figure, not a lead (but months name the list's
                # span: 1-10月规上工业产值48.78亿元，…；完成固定资产投资26.98亿元)
                or (_HAS_DIGIT.search(text, got[-1][3], lead.start()) and got[-1][0] != _Markers.MONTHS)
            ):
                return None
            return got, lead.end()
        caption = _CAPTION_LEAD.match(text, start, min(pos, start + _LEAD_MAX))
        if caption is not None:
            months = [f for f in marks.between(marks.period, start, caption.end()) if f[0] == _Markers.MONTHS]
            return (months[-1:], caption.end()) if months else None
        if lead is None or _HAS_DIGIT.search(text, start, lead.start()) or lead.group() in "；;":
            return None
        months = [f for f in marks.between(marks.period, lead.end(), lead.end() + 12) if f[0] == _Markers.MONTHS]
        if months and months[0][2] - lead.end() <= 2 and _time_lead(text, lead.end(), months[0]):
            end = _CLAUSE_END.search(text, months[0][3], pos)
            if _HAS_DIGIT.search(text, months[0][3], end.start() if end else pos):
                return months[:1], months[0][3]  # (not 二、三季度经济指标排名全市第二，: no figure of them)
        return self._months_clause(lead.end(), pos)

    def _months_clause(self, start: int, pos: int) -> tuple[list, int] | None:
        """The months of a clause that is only months (1-11月份，), after clauses of no figure from
        ``start`` (经济指标逆势突围，二、三季度经济指标排名全市第二，1-11月份，完成规上总产值48.2亿元，…；
        工业投资…同比增长32.2%): a lead for the rest of the sentence."""
        text, marks = self.text, self.marks
        for _ in range(_MONTHS_CLAUSE_AFTER):
            end = _CLAUSE_END.search(text, start, pos)
            if end is None or text[end.start()] in "；;":
                return None
            months = [f for f in marks.between(marks.period, start, end.start()) if f[0] == _Markers.MONTHS]
            if months and months[0][2] - start <= 2 and text[months[0][3]:end.start()] in ("", "份"):
                return months[:1], months[0][3]
            if _HAS_DIGIT.search(text, start, end.start()):
                return None  # a clause of figures
            start = end.end()
        return None

    def _mid_year_months(self, para_start: int, pos: int) -> list:
        """In a report to a mid-year session, an undated result is of this
        year's months: the last ones the paragraph named (预计(下同)上半年…), else
        January to the month before the session."""
        months = [
            f for f in self.marks.between(self.marks.period, para_start, pos)
            if f[0] == _Markers.MONTHS and not _in_closed_aside(self.text, para_start, f, pos)
        ]
        if months:
            return months[-1:]
        if self.report_months is not None:  # the months of the title (2023年上半年工作总结)
            return [(_Markers.MONTHS, self.report_months, 0, 0)]
        if self.session_month and self.session_month > 1:
            return [(_Markers.MONTHS, (1, self.session_month - 1), 0, 0)]
        return []

    def _paragraph(self, para_start: int) -> tuple[list, float, float]:
        """A paragraph's lead markers (none when the lead names a year and
        five years), where its first time cue after the lead stands, and where
        its first time cue or one-year marker stands (cached per paragraph)."""
        got = self._paragraphs.get(para_start)
        if got is not None:
            return got
        text, marks = self.text, self.marks
        end = text.find("\n", para_start, para_start + _PARA_MAX)
        end = min(len(text), para_start + _PARA_MAX) if end < 0 else end
        lead = _LEAD_END.search(text, para_start, min(end, para_start + _LEAD_MAX))
        lead_end = lead.start() if lead is not None else para_start
        found = marks.between(marks.period, para_start, lead_end) if lead is not None else []
        # months in a lead that is a statement (主要经济指标降幅从二季度开始逐月收窄，) are not its time
        found = [f for f in found if f[0] != _Markers.MONTHS or _time_lead(text, para_start, f)]
        tags = {tag for tag, *_ in found}
        if (
            _Markers.YEAR in tags and tags & {_Markers.FIVE, _Markers.SPAN}
            or _ONE_YEAR.search(text, para_start, lead_end)
        ):
            found = []  # a lead naming this year and five years (今年是“十四五”开局之年) is read by neither
        after_lead = marks.between(marks.cues, lead_end, end)
        year_after = None
        for y in _SENTENCE_YEAR.finditer(text, lead_end, end) if found else ():
            stop = text.find("。", y.end(), end)
            if not _COMPARED_TO_YEAR.search(text, y.end(), end if stop < 0 else stop):
                year_after = y  # not 2006年…比2003年增长72.1%: a change over the lead's years
                break
        cue = marks.between(marks.cues, para_start, end)[:1]
        annual = _ANNUAL.search(text, para_start, end)
        got = (
            found,
            min(([after_lead[0].start()] if after_lead else []) + ([year_after.start()] if year_after else []),
                default=float("inf")),
            min([m.start() for m in cue] + ([annual.start()] if annual else []), default=float("inf")),
        )
        self._paragraphs[para_start] = got
        return got

    def _heading_context(self, section_id: int) -> list:
        """Period markers of the nearest heading above a section that names a period."""
        got = self._headings.get(section_id)
        if got is None:
            got, sec = [], self.sections.get(section_id)
            while sec is not None and not got:
                got = _heading_markers(sec["heading"])
                sec = self.sections.get(sec["parent_id"]) if sec["parent_id"] is not None else None
            self._headings[section_id] = got
        return got


def _time_lead(text: str, start: int, marker: tuple) -> bool:
    """Whether a marker in a lead is the time the lead sets (1—9月份，, 今年前三季度，,
    全镇1-11月实现…), not a time a statement names (主要经济指标降幅从二季度开始逐月收窄，)."""
    _, _, a, b = marker
    return a - start <= 8 and not (a and text[a - 1] in "从自至于") and not text.startswith(("开始", "以来", "起"), b)


_MONTHS_AFTER = _regex.compile(
    r"\s*[（(]\s*(?:(?:19|20)\d{2}\s*年\s*)?(?:(?P<a>\d\d?)\s*月?\s*" + _RANGE_DASH
    + r"\s*(?P<b>\d\d?)\s*月份?(?:数据|数)?"
    # （截至10月底）, （截止2022年11月）: January to that month
    r"|截[至止]\s*(?:(?:19|20)\d{2}\s*年\s*)?(?P<until>\d\d?)\s*月份?[底末]?)\s*[)）]"
)
#: A sentence's lead (1—9月，, 2012年全镇：) is at most this long.
_SENTENCE_LEAD_MAX = 20
# a list's caption with its months, ended by a colon (主要经济指标完成情况（截至11月底）：)
_CAPTION_LEAD = _regex.compile(r"[^，,。；;：:\n\d]*(?:[（(][^（）()\n]{0,16}[）)])?[^，,。；;：:\n\d]*[：:]")
_COMPARED_LEAD = _regex.compile(r"相比|比较|对比|同比|以来")
#: How far a paragraph is read (a text without line breaks is one long paragraph).
_PARA_MAX = 3000
#: A caption's list (…如下：⏎item；⏎item；): how many lines are read back, and how long an item is.
_CAPTION_ITEMS_MAX = 12
_CAPTION_MAX = 60
_CAPTION_ITEM_MAX = 120


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts, at most :data:`_PARA_MAX` back (in a report
    run into one line, where its numbered part starts, as :func:`find_sections` reads it)."""
    lo = max(0, pos - _PARA_MAX)
    found = text.rfind("\n", lo, pos)
    start = found + 1 if found >= 0 else lo
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    if line_end - start > ONE_PARAGRAPH_MIN:
        # (the whole report, or most of it, run into this line: a one-paragraph copy)
        cuts = _line_cuts(text, start, line_end)
        i = bisect.bisect_right(cuts, pos - start)
        start += cuts[i - 1] if i else 0
    return start


@lru_cache(maxsize=256)
def _line_cuts(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the paragraphs of the long line ``text[start:end]`` start, in order (offsets into the
    line): its numbered parts and inline headings (:func:`inline_cuts`), and its sentences led by
    the years they tell of — in a lined report (the line not most of the text) only five years or
    a plan period (…。五年来，…累计新增城镇就业441.8万人), since another number of years there is an
    aside of its paragraph (8年来，我们坚持…。全市生产总值20059亿元、增长5.6% tells of the year
    reviewed). Keyed by the text and the line's ends: no copy of the line is made and hashed for
    each figure read in it (the text's hash is kept by the string)."""
    line = text[start:end]
    leads = (_PERIOD_LEAD_SENTENCE if 2 * (end - start) > len(text) else _FIVE_LEAD_SENTENCE).finditer(line)
    return tuple(sorted({*inline_cuts(line), *(m.end() for m in leads)}))


# In a report run into one line, a sentence opening with the years it tells of starts a
# paragraph, as it does in the lined text (…目标任务。四年来，我们…; 过去五年，…; “十三五”期间，…):
# its lead dates the figures after it
def _lead_sentence(leads: str) -> re.Pattern[str]:
    """Where a sentence opening with one of ``leads`` starts (the ends of the matches), an item
    number before it allowed (（一）五年来，…: an item of a part); a plan period (“十三五”期间，)
    is always one."""
    return _regex.compile(  # (led by the sentence's end, not a look behind: the engine skips to it)
        r"[。！？]\s*(?=(?:[（(][一二三四五六七八九十]{1,2}[)）]\s*)?"
        rf"(?:{leads}|[“\"]?十[一二三四五]五[”\"]?(?:期间|时期)[，,]))"
    )


_FIVE_LEAD_SENTENCE = _lead_sentence(r"五年来[，,]|过去的?五年[，,]|这五年[，,]")
_PERIOD_LEAD_SENTENCE = _lead_sentence(
    r"(?:[一二三四五六七八九十两]|\d{1,2})年(?:来|以来)[，,]|过去的?[一二三四五六七八九十两]年[，,]"
)


_CLAUSE_END = _regex.compile(r"[，,；;]")
_MONTHS_CLAUSE_AFTER = 3  # clauses of no figure a months clause may follow

#: A paragraph's lead ends at its first comma or colon (过去五年，), within 40 characters.
_LEAD_END = _regex.compile(r"[，,：:。；;]")
# a later sentence of a paragraph that opens with one year (过去五年，…。2021年，全县…):
# it ends the reach of the paragraph's lead, as 去年 or 全年 do
_COMPARED_TO_YEAR = _regex.compile(r"[比较是于](?:(?:19|20)\d{2}\s*年|[“\"]?十[一二三四五]?五)")
_SENTENCE_YEAR = _regex.compile(
    r"(?<=[。；;！!])\s*(?:19|20)\d{2}\s*年(?:度)?(?:[，,]|(?=全[镇乡市县省区州盟旗]|我[镇乡市县省区州盟旗]))"
)
_LEAD_MAX = 40


@lru_cache(maxsize=1024)
def _months_in(s: str) -> list:
    """Month markers of a short string (a heading), in order, with offsets 0."""
    return [(tag, span, 0, 0) for _, _, (tag, span, *_) in sorted(_month_markers(s), key=operator.itemgetter(0))]


@lru_cache(maxsize=1024)
def _heading_markers(heading: str) -> list:
    """Period markers of a heading: a span, a plan period or five years, or
    one year; none when it names both (过去五年和2022年工作回顾). (Cached: the sections of
    one heading ask for it again, and the lists are only read.)"""
    if not heading or _ONE_YEAR.search(heading):  # 确保“十二五”实现良好开局: the first year
        return []
    found = [(_Markers.SPAN, m, 0, 0) for m in _SPAN.finditer(heading)]
    fives = [(_Markers.FIVE, m, 0, 0) for m in _FIVE_YEAR.finditer(heading) if m.group() != "年均"]
    years = [(_Markers.YEAR, int(m.group(1)), 0, 0) for m in _YEAR.finditer(heading)]
    if (found or fives) and years or len(set(y for _, y, *_ in years)) > 1:
        return []  # 过去五年和2022年工作回顾, 1998年工作回顾和1999年工作的总体要求: neither
    # （一）1-11月主要经济指标完成情况, 一、2023年上半年工作回顾: the months of the section's figures
    months = _months_in(heading)
    return found + fives or years + months[-1:]


def _report_rows(row: dict) -> list[tuple]:
    """All figures of one report (pure function of the report's fields), as
    tuples of :data:`_FIGURE_COLUMNS` (tuples build a frame faster than dicts)."""
    rep = _Report(row)
    aliases, alias_starts = rep.aliases, rep.alias_starts
    leaves, leaf_starts, sents = rep.leaves, rep.leaf_starts, rep.sents
    out: list[tuple] = []
    for si, qs in rep.by_sentence().items():
        s0, s1 = sent = sents[si]
        leaf = leaves[bisect.bisect_right(leaf_starts, s0) - 1] if leaves else None  # (rep.section_kind(s0))
        section_kind = leaf["kind"] if leaf else "other"
        rep.sent_limit = _MAX_SENTENCE if len(qs) <= _CROWDED_FIGURES else _CROWDED_WINDOW
        rep.sent_capped = len(qs) > _MAX_SENTENCE_FIGURES
        if rep.sent_capped:
            qs = qs[:_MAX_SENTENCE_FIGURES]
        lo = bisect.bisect_left(alias_starts, s0)
        hi = bisect.bisect_left(alias_starts, s1, lo)
        sent_aliases = [a for a in aliases[lo:hi] if a.end <= s1] if lo < hi else []
        if not sent_aliases:
            # no indicator named in the sentence (most sentences): nothing to attach, each figure's
            # wording is the window before it (what _attach gives a figure of no name before it)
            out += _plain_rows(rep, sent, qs, section_kind)
            continue
        for qi, q, attached in _sentence_attachments(rep, s0, s1, qs, sent_aliases):
            for alias, wording, cue, is_shared in attached:
                if alias is None:  # most figures of a report: the short path
                    out += _plain_rows(rep, sent, [(qi, q)], section_kind, [wording])
                else:
                    out.append(_figure_row(rep, sent, q, alias, wording, cue, is_shared, section_kind))
    out.sort(key=_by_start)
    return out


def _sentence_attachments(
    rep: _Report, s0: int, s1: int, qs: list, sent_aliases: list[_Alias]
) -> Iterable[tuple[int, _numbers.Quantity, list]]:
    """Each quantity of one sentence with the indicator names it is attached
    to: ``(alias or None, wording between them, cue, stated for several)``;
    the cue is the rule that attached it (:data:`govreports.schema.ATTACH_CUES`).
    ``sent_aliases``: the names in the sentence (at least one)."""
    text = rep.text
    sent_alias_ends = [a.end for a in sent_aliases]
    alias_starts = {a.start for a in sent_aliases}
    fenbie = _assign_fenbie(text, (s0, s1), sent_aliases, qs) if text.find("分别", s0, s1) >= 0 else {}
    listed, listed_any = _assign_figure_lists(text, s0, sent_aliases, qs, fenbie)
    for qi, q in qs:
        before_aliases = sent_aliases[: bisect.bisect_right(sent_alias_ends, q.start)]
        if qi in fenbie:
            alias = fenbie[qi]
            if alias is None:  # the place of a name that is not an indicator
                yield qi, q, [(None, "", "", False)]
            else:
                yield qi, q, [(alias, text[alias.end:q.start], "fenbie", False)]
        elif qi in listed:
            alias, wording = listed[qi]
            yield qi, q, [(alias, wording, "list", False)]
        else:
            alias, wording = _attach(text, s0, q.start, before_aliases)
            if alias is not None and text.startswith("的", q.end) and q.end + 1 in alias_starts:
                alias = None  # 1.75亿元的GDP和6000万元的税收: the figure is the next name's, not the last one's
            if alias is None and not before_aliases:
                caption = _caption_of(text, q, sent_aliases)
                if caption is not None:
                    yield qi, q, [(caption, "", "caption", False)]
                    continue
            if alias is None:
                target_of = _target_of(text, s0, q, before_aliases)
                if target_of is not None:
                    yield qi, q, [(target_of, "", "target_of", False)]
                    continue
                yield qi, q, [(None, wording, "", False)]
                continue
            percent = q.unit_kind in ("percent", "points")
            owner = _share_owner(text, s0, alias, before_aliases, rep.region) if percent else None
            if owner is not None:
                # 税收收入30.2亿元，占财政收入的82.1%: a share of the first-named indicator
                yield qi, q, [(owner, text[owner.end:q.start], "share_of", False)]
                continue
            shared = _shared_by(text, alias, wording, before_aliases) if qi not in listed_any else []
            if (
                not shared
                and alias.text in _PAIR_ALIASES
                and q.unit_kind == "percent"
                and not (  # (not 分别达到32929元、13345元，均增长8.1%: the twins' levels, both grown)
                    _HAS_DIGIT.search(text, alias.end, q.start)
                    and "分别" not in text[alias.end:q.start] and not _SHARED.match(wording)
                )
            ):
                # 城乡居民人均可支配收入增长7%: both grew 7% (a level stays resident_income, and so does
                # the growth after it: 城乡居民人均可支配收入16491元，增长9.5%)
                shared = _pair_twins(alias)
            # 城乡居民收入均增长8%: one figure for several indicators, a row for each
            cue = "clause" if _SEP.search(text, alias.end, q.start) else "name"
            yield qi, q, [(a, wording, "shared", True) for a in shared] or [(alias, wording, cue, False)]


_CAPTION_DASH = _regex.compile(r"[ \t]*(?:——|—|－－|--)[ \t]*")
_CAPTION_GAP = 4


def _caption_of(text: str, q: _numbers.Quantity, aliases: list[_Alias]) -> _Alias | None:
    """The name a figure at the head of its line captions (167.83亿元——经济总量
    稳步提升, 6.3%——农民收入跑出加速度): the first name after the dash."""
    line_start = text.rfind("\n", 0, q.start) + 1
    if text[line_start:q.start].strip() or not (dash := _CAPTION_DASH.match(text, q.end)):
        return None
    return next((a for a in aliases if dash.end() <= a.start <= dash.end() + _CAPTION_GAP), None)


# 完成年初人代会目标45亿元的116%, 完成年初预算计划38亿元的61.92%: the target a result is measured against
_TARGET_OF = _regex.compile(r"(?:完成|为|达到?)[^，,。；;\d]{0,12}(?:目标|计划|预算)(?:任务|数)?\s*$")
_TARGET_OF_AFTER = _regex.compile(r"\s*的\s*\d")


def _target_of(text: str, s0: int, q: _numbers.Quantity, before: list[_Alias]) -> _Alias | None:
    """The indicator whose target an amount is, when its clause says the
    result reached a share of it (…52.3亿元，完成年初目标45亿元的116%): the
    last name before, within three clauses of the same sentence part."""
    if q.unit_kind == "percent" or not before or not _TARGET_OF_AFTER.match(text, q.end):
        return None
    lo = max(s0, q.start - _LOOKBACK)
    head = text[lo:q.start]
    seps = list(_SEP.finditer(head))
    if not seps or not _TARGET_OF.search(head, seps[-1].end()):
        return None
    alias = before[-1]
    gap = text[alias.end:q.start]
    if alias.end < lo or len(_SEP.findall(gap)) > 3 or any(c in gap for c in "；;"):
        return None
    return alias


def _share_owner(text: str, s0: int, alias: _Alias, before: list[_Alias], region: str = "") -> _Alias | None:
    """The indicator whose share a figure is, when the name before it follows
    占 (税收收入占公共财政预算收入比重77.65%): the name before that one, within
    two clauses; None otherwise."""
    share = _SHARE_OF.search(text, max(s0, alias.start - 8), alias.start)
    if not share:
        return None
    i = next((k for k in range(len(before) - 1, -1, -1) if before[k] is alias), None)
    if not i:
        return None
    owner = before[i - 1]
    if "用于" in text[owner.end:share.start()]:
        return None  # 财政收入用于民生支出348亿元，占财政总支出的80%: the share of what it is spent on
    seps = list(_SEP.finditer(text, owner.end, share.start()))
    if len(seps) > 3 or seps and text[seps[-1].end():share.start()].strip():
        return None  # (工业投资增长47.8%，民营经济增加值占全州GDP的58.4%: 占 has its own subject)
    if owner.indicator == alias.indicator:
        place = _WHOLE_PLACE.match(alias.text)  # (占全市生产总值11.7%: the name holds the place)
        whole = share.group("whole") or (place.group() if place else None)
        if whole and whole.startswith("全") and region and not region.endswith(whole[1:]):
            return owner  # 生产总值59.44亿元,…,占全市生产总值11.7%: the county's share of its city's
        # 规上企业实现工业总产值153.76亿元,占全街道工业总产值69.37%: the scoped part's share of the whole
        scoped = _SCOPED.get(owner.indicator)
        lo = _clause_start(text, max(s0, owner.start - 24), owner.start, s0)
        if not (whole and scoped and scoped[1].search(text, lo, owner.start)):
            return None
    return owner


# the whole of a place (全市, 全街道), in a share's wording or opening the whole's name (全市生产总值)
_WHOLE_PLACE = _regex.compile(r"全(?:[镇乡市县省区州盟旗国]|街道)")
_SHARE_OF = _regex.compile(r"占(?:了|到)?(?P<whole>" + _WHOLE_PLACE.pattern + r"|[镇乡县区市]域)?$")


def _scope(rep: _Report, s0: int, alias: _Alias, indicator: str) -> tuple[str, str | None]:
    """Whether the words before an indicator's name narrow it: ``("", flag)``
    when the figure is not the region's indicator, else ``(indicator, None)``."""
    text = rep.text
    head_end = alias.start if alias.head_end is None else alias.head_end
    lo = max(s0, head_end - _LOOKBACK)
    seg = text[lo:head_end]
    if "(" in seg or "（" in seg:  # 全镇(含青山河高新园区,下同)完成: the aside's comma ends no clause
        seg = _PAREN_ASIDE.sub(lambda m: "\0" * len(m.group()), seg)
    clause_start = lo + _after_last_sep(seg)
    head = _drop_asides(text[clause_start:head_end])  # 预计（下同）可实现
    if rep.region:
        head = head.replace(rep.region, "")
    if rep.short_region:
        head = head.replace(rep.short_region, "")
    if rep.level == "township":
        head = _TOWN_LEVEL.sub("", head)  # 镇级公共财政预算收入 in a town's report: the town's own
    lead = None
    for match in _LEAD_PREDICATE.finditer(head) if head else ():
        lead = match  # the last one
    if lead is not None:
        head = head[lead.end():]  # 工业经济稳中有进规上工业总产值…: a lead whose comma was lost
    core, verb = _strip_head(head)
    if core in _OWN_UNIT.get(rep.level, ()) and not _OWN_LEVEL.search(head):
        core = ""  # 区可用财力 in a district's report: the region's own (市本级 is not: its own budget only)
    narrowed = (
        not verb
        and bool(_ENDS_WORD.search(core))
        and not _REGION_WIDE.search(core[-8:])
        and not (indicator in _NAMED_SCOPE and "市场" in alias.text)
        and alias.text not in GROWTH_ONLY_ALIASES
    )
    count_item = _COUNT_ITEM_BEFORE.search(text, max(0, head_end - 12), head_end)
    if _ITEM_VALUE_END.search(core) or count_item:
        narrowed = False  # 固定资产投资476.3亿元、社会消费品零售总额…: the name opens the next item of a list
    if _RATIO_OF.search(core) or core.endswith("人均"):
        # 研发投入占GDP 4.12%: a ratio of something else to the indicator; 人均GDP: per head
        return "", None
    subpop = _SUBPOP_HEAD.search(core) and not count_item
    if subpop or (_SUBPOP_WORDS.search(core) and not _REGION_WIDE.search(core)) or narrowed:
        # 31家企业完成工业产值, 跨境电商出口额: a part of the region
        return "", "subpopulation"
    if not _REGION_WIDE.search(head) and _about_a_part(text, s0, clause_start, rep):
        return "", "subpopulation"
    return indicator, None


_TOWN_LEVEL = _regex.compile(r"(?:镇|乡|街道)级")
#: The unit a report's region is, named by one character before an indicator
_OWN_UNIT = {
    "township": ("镇", "乡"),
    "county": ("县", "区", "旗", "市"),
    "city": ("市", "州", "盟"),
    "province": ("省",),
}
_OWN_LEVEL = _regex.compile(r"本级")
# A clause's lead ends with how things went (工业经济稳中有进, 农业生产持续向好)
_LEAD_PREDICATE = _regex.compile(
    r"稳中有进|稳中向好|稳中有升|稳中提质|持续向好|持续增长|稳步提升|稳步增长|平稳增长|快速增长|较快增长|量质齐升|"
    r"成效明显|成效显著|明显增强|不断壮大|不断增强|加快发展|提质增效|再创新高|逆势上扬|"
    # a text whose punctuation was lost (…持续健康发展一年来全镇完成固定资产投资, …呈现了良好态势全镇生产总值):
    # a time phrase or a state reached ends the lead
    r"一年来|年以来|良好态势|发展态势"
)


def _about_a_part(text: str, s0: int, clause_start: int, rep: _Report) -> bool:
    """Whether the sentence (when the name is not in its first clause) or the
    paragraph opens with a part of the region as its subject (县域 is the
    whole of a county, a part of a city or province; the region's own name is none:
    滨海新区自2009年设立以来，…)."""
    part = _PART_SUBJECT_ABOVE_COUNTY if rep.level in ("city", "province", "national") else _PART_SUBJECT
    s0 = max(s0, clause_start - 2 * _LOOKBACK)  # a run-on "sentence": its opening is too far to speak for the clause
    if clause_start > s0:
        opening = _drop_asides(text[s0:clause_start])  # 全镇(含青山河高新园区,下同): the whole
        first = _SEP.search(opening)
        if first is not None and part.search(opening, 0, first.start()):
            return True
    opens = rep.part_leads.get(s0)  # (the sentence's other names ask again)
    if opens is None:
        opens = rep.part_leads[s0] = _part_lead(text, s0, rep, part)
    return opens


def _part_lead(text: str, s0: int, rep: _Report, part: re.Pattern[str]) -> bool:
    """Whether the paragraph holding ``s0`` opens with a part of the region (``part``) as the
    subject of its lead, before ``s0``: :func:`_about_a_part` of the paragraph."""
    para_start = _paragraph_start(text, s0)
    if para_start < s0:
        opening = _drop_asides(text[para_start:min(s0, para_start + 2 * _LEAD_MAX)])
        for own in (rep.region, rep.short_region):
            if own:
                opening = opening.replace(own, "\0" * len(own))  # (offsets kept for the lead's end)
        lead = _LEAD_END.search(opening, 0, _LEAD_MAX)
        if lead is not None and part.search(opening, 0, lead.start()):
            return True
    return False


def _figure_row(
    rep: _Report, sent: tuple[int, int], q: _numbers.Quantity, alias: _Alias | None, wording: str, cue: str,
    is_shared: bool, section_kind: str,
) -> tuple:
    """One row of :data:`_FIGURE_COLUMNS` for a quantity and the name it is attached to."""
    text = rep.text
    s0, s1 = sent
    flags = set(q.flags)
    if is_shared:
        flags.add("shared")
    indicator, measure = _indicator_and_measure(rep, sent, q, alias, wording, flags)
    if cue == "share_of" and indicator:
        measure = "points" if q.unit_kind == "points" else "share"  # its share, or the change of its share
    indicator_text = alias.text if alias and indicator else ""
    kind, period = _kind_and_period(rep, sent, q, section_kind, measure, flags, indicator, cue == "target_of")
    if measure == "growth_avg":
        flags.add("multi_year")
    qualifier = _milestone(rep, sent, q, measure if indicator else "", kind, flags)
    negative = q.negative
    if _reaches(wording):
        # 失业率降到5.5%, 提高到65%: the level reached, not a change
        negative = False
        if measure == "growth" and indicator != "cpi" or measure == "share" and cue != "share_of":
            measure = "level"
    value, high = _signed(q, negative)
    key = (indicator, kind, measure, value, high, q.unit)
    if indicator and key in rep.seen:
        flags.add("repeated")
    rep.seen.add(key)
    if indicator:
        if cue == "clause" and len(_SEP.findall(text, alias.end, q.start)) >= 2:  # type: ignore[union-attr]
            flags.add("far")
        if period is None:
            flags.add("no_period")
    sentence, stored_start = _stored_sentence(rep, sent, q, flags)
    if not indicator:
        flags -= _ATTACHED_ONLY  # said of a figure's indicator only
    needs_review = bool(indicator) and not flags.isdisjoint(REVIEW_FLAGS)
    return (  # the columns of _FIGURE_COLUMNS
        indicator, indicator_text, kind, measure, value, high, q.unit, qualifier, period, section_kind,
        sentence, stored_start, q.start, q.end, sorted(flags), cue if indicator else "", needs_review,
    )


def _signed(q: _numbers.Quantity, negative: bool) -> tuple[float | None, float | None]:
    """Value and high end of a quantity, negated for a decline (下降2%: -2), low end first."""
    value, high = q.value, q.value_high
    if negative and value is not None:
        value = -value
        high = -high if high is not None else None
        if high is not None and high < value:
            value, high = high, value
    return value, high


def _stored_sentence(rep: _Report, sent: tuple[int, int], q: _numbers.Quantity, flags: set[str]) -> tuple[str, int]:
    """The sentence stored with a figure and its start: the whole sentence
    (one string shared by its figures), or for a run-on "sentence" (no
    punctuation) or one crowded with figures a window around the figure,
    flagged ``long_sentence``. The stored text per row is thus bounded, and
    the output stays proportional to the input."""
    s0, s1 = sent
    if rep.sent_key != sent:
        rep.sent_key, rep.sent_text = sent, rep.text[s0:s1]
    limit = rep.sent_limit
    if rep.sent_capped:
        flags.add("figures_capped")
    if s1 - s0 <= limit:
        return rep.sent_text, s0
    a = max(s0, q.start - limit // 2)
    b = min(s1, max(q.end, a + limit))
    flags.add("long_sentence")
    return rep.text[a:b], a


def _plain_rows(
    rep: _Report, sent: tuple[int, int], qs: list, section_kind: str, wordings: list[str] | None = None,
) -> list[tuple]:
    """The rows of figures of one sentence attached to no indicator: what :func:`_figure_row`
    computes for each, without the steps that only concern an indicator (a short sentence, stored
    with each, read once). ``qs``: their ``(index, quantity)`` pairs; ``wordings``: each one's
    wording, by default the sentence's text before it, at most :data:`_LOOKBACK` characters (what
    :func:`_attach` gives a figure of no name before it)."""
    text = rep.text
    s0, s1 = sent
    whole = None  # a short sentence (most) is stored whole, unflagged, with each figure (_stored_sentence)
    if s1 - s0 <= rep.sent_limit and not rep.sent_capped:
        if rep.sent_key != sent:
            rep.sent_key, rep.sent_text = sent, text[s0:s1]
        whole = (rep.sent_text, s0)
    out = []
    for k, (_qi, q) in enumerate(qs):
        flags = set(q.flags)
        lo_q = max(s0, q.start - _LOOKBACK)
        before = text[lo_q:q.start]
        wording = before if wordings is None else wordings[k]
        # (what follows a figure read for a percent only)
        measure = _measure(q, wording, "", text[q.end:min(s1, q.end + 8)] if q.unit_kind == "percent" else "")
        kind, period = _plain_kind_and_period(rep, q, section_kind, before, lo_q, flags)
        if measure == "growth_avg":
            flags.add("multi_year")
        after = text[q.end:q.end + 1]
        # (of no indicator, a milestone needs one of these after the figure: see _milestone)
        milestone = after in _MILESTONE_AFTER_FIRST or after.isspace()
        qualifier = _milestone(rep, sent, q, "", kind, flags) if milestone else q.qualifier
        negative = q.negative
        if _reaches(wording):
            negative = False
            if measure == "growth" or measure == "share":
                measure = "level"
        value, high = _signed(q, negative) if negative else (q.value, q.value_high)
        sentence, stored_start = whole or _stored_sentence(rep, sent, q, flags)
        out.append((
            "", "", kind, measure, value, high, q.unit, qualifier, period, section_kind,
            sentence, stored_start, q.start, q.end, sorted(flags - _ATTACHED_ONLY) if flags else [], "", False,
        ))
    return out


_SPENT_SHARE = _regex.compile(r"\s*(?:中)?用于[^，,。；;\d]{1,12}?的?(?:比例|比重|占比)(?:达到|达|为|超过|提高到)?\s*$")
# a name the figure is a share of: 占(全市)财政总支出的81%
_SHARE_OF_BEFORE = _regex.compile(r"占(?:到|了)?(?:同期|全[市县区镇乡省州盟旗]|[^，,。；;\d]{0,4}级)?$")
# the wording of a share after its owner's name: 占…, …，占…, 总量占… (工业投资总量占固定资产投资比重37.6%)
_SHARE_WORDING = _regex.compile(r"\s*(?:总量|总额|规模)?[占，,]")


def _indicator_and_measure(
    rep: _Report, sent: tuple[int, int], q: _numbers.Quantity, alias: _Alias | None, wording: str, flags: set[str]
) -> tuple[str, str]:
    """The indicator a figure is of (``""``: none) and what it measures."""
    text = rep.text
    s0, s1 = sent
    after = text[q.end:min(s1, q.end + 8)]
    if alias is None:
        return "", _measure(q, wording, "", after)
    indicator = alias.indicator
    share_of = _SHARE_WORDING.match(wording) is not None and _has_share_word(wording)
    # 财政支出用于民生的比例达到74.6%: the part of the indicator spent on something (as 财政支出70%用于民生)
    spent = q.unit_kind == "percent" and _SPENT_SHARE.match(wording) is not None
    if _GAP_OTHER.search(wording) and not share_of and not spent:
        indicator = ""  # 单位GDP能耗下降3%: not GDP
    if indicator and (
        (("到" in after or "至" in after) and _FROM_VALUE.match(text, q.end, min(s1, q.end + 8)))  # (its 到 or 至)
        or (
            # (the start before the figure looked for first: one search, where few figures have one)
            _FROM_START.search(text, max(s0, q.start - 12), q.start)
            and (
                _FROM_CROSSING.match(text, q.end, min(s1, q.end + 8)) or _FROM_TO.match(text, q.end, min(s1, q.end + 8))
                or _FROM_LIST.match(text, q.end, min(s1, q.end + 30))
            )
        )
    ):
        flags.add("from_value")  # 由1000亿元增加到1500亿元: the old level, not a figure of the indicator
        indicator = ""
    measure = "share" if spent else _measure(q, wording, indicator, after)
    if (
        measure == "growth" and q.unit_kind == "percent" and not _GROWTH_VERB.search(wording)
        and _SHARE_OF_BEFORE.search(text, max(s0, alias.start - 8), alias.start)
    ):
        measure = "share"  # 民生支出占财政总支出的81%: a part of the whole the name says, not its growth
    if alias.text in GROWTH_ONLY_ALIASES and measure != "growth" or _completion_ratio(q, wording):
        indicator = ""  # 经济增速 names growth only; 完成目标的116% is how far a target was reached
    key = (s0, alias.start, indicator)
    scoped = rep.scopes.get(key)
    if scoped is None:  # the figures after one name share its scope
        scoped = rep.scopes[key] = _scope(rep, s0, alias, indicator)
    indicator, flag = scoped
    if flag:
        flags.add(flag)
    if indicator in _SCOPED:
        # 规上企业累计完成工业总产值, 限上企业实现社会消费品零售额: the scoped indicator
        scoped, cue = _SCOPED[indicator]
        lo = max(s0, alias.start - 24)
        clause_start = _clause_start(text, lo, alias.start, lo)
        if cue.search(text, clause_start, alias.start):
            indicator = scoped
    if indicator and not _unit_fits(indicator, q, measure):
        indicator = ""  # 地区生产总值连续跨过2个台阶, 财政收入增加2亿元: not the indicator's figure
    if indicator and measure == "points" and _GAP_TO_OTHERS.search(wording):
        indicator = ""  # 增速高于全省、全市0.6个、0.7个百分点: a gap to other regions
    if indicator and q.unit == "" and unit_kinds()[indicator] != "ratio":
        indicator = ""  # a bare number (工业总产值240, the copy cut short): no unit, no figure
    if indicator and (_THRESHOLD_OF.match(text, q.end, min(s1, q.end + 8)) or _scope_of_next(text, q.end, s1)):
        indicator = ""  # 生产总值超过200亿元的县, 500万元以上固定资产投资: a threshold that picks out a group
    if q.start > 0 and text[q.start - 1] == "$" or text[q.end:q.end + 1] == "$":
        flags.add("glued")  # 107$1.$26亿元: a figure garbled by a conversion
    if indicator and q.unit_kind == "none" and unit_kinds()[indicator] != "ratio":
        flags.add("no_unit")
    return indicator, measure


_ITEM_VALUE_END = _regex.compile(r"[\d.]+\s*(?:万亿|亿|万|千)?(?:元|美元|吨|人|%)?(?:以上|左右)?$")
# a count closing the item before the name (引进招商项目95个、到位资金…), not 31家企业 as the subject
_COUNT_ITEM_BEFORE = _regex.compile(r"\d\s*(?:个|项|家)(?:以上|左右)?\s*[、，,]\s*(?:实际|共|累计)?$")
_GAP_TO_OTHERS = _regex.compile(
    r"高于|低于|快于|慢于|领先|超过全|高出"
    # 分别比自治区增速高0.6和0.5个百分点, 对照规划目标…增速分别低0.8和3.7个百分点: a gap to another figure
    r"|(?<![占同对])比(?!重|例|率|值|上|去|前|同|年初)[^，,。；;\d]{1,12}?(?<![提降])[高低快慢](?!于)"
    r"|分别[高低快慢](?!于)"
)

# An all-industry or all-retail indicator named after a scope word is the scoped one.
_SCOPED: dict[str, tuple[str, re.Pattern[str]]] = {
    "industrial_output": ("industrial_output_above_scale", _regex.compile(r"规上|规模以上|规模工业")),
    "industrial_value_added_all": ("industrial_value_added", _regex.compile(r"规上|规模以上|规模工业")),
    "retail_sales": ("retail_sales_above_quota", _regex.compile(r"限上|限额以上")),
}

# The unit kinds of the figures an indicator of each unit kind can have.
_FITS: dict[str, frozenset[str]] = {
    "money": frozenset({"money", "percent", "points", "none"}),
    "physical": frozenset({"physical", "percent", "points", "none"}),
    "count": frozenset({"count", "percent", "points", "none"}),
    "percent": frozenset({"percent", "points", "none"}),
    "ratio": frozenset({"none", "ratio", "points", "percent"}),
}

#: Count indicators whose things have their own measure words: jobs are people or posts.
_COUNTED_IN: dict[str, tuple[str, ...]] = {"urban_jobs": ("人", "个")}  # 个: 新增城镇就业岗位8万个


def _unit_fits(indicator: str, q: _numbers.Quantity, measure: str) -> bool:
    """Whether a figure can be a value of the indicator: a count is never an
    amount of money (2个台阶, 380个项目), and a change stated in the
    indicator's own unit (增加2亿元, 净增448亿元) is an increment, not a level."""
    if q.unit_kind not in _FITS.get(unit_kinds()[indicator], _FITS["money"]):
        return False
    words = _COUNTED_IN.get(indicator)
    if words is not None and q.unit_kind == "count" and not any(w in q.unit for w in words):
        return False  # 2万套公租房 after 城镇新增就业12.6万人: not jobs
    if measure in ("growth", "growth_avg") and q.unit_kind in ("money", "physical", "count"):
        return False
    return True


def _kind_and_period(
    rep: _Report, sent: tuple[int, int], q: _numbers.Quantity, section_kind: str, measure: str, flags: set[str],
    indicator: str, target_of: bool = False,
) -> tuple[str, str | None]:
    """Actual or target, and the period the figure refers to.

    A figure of no indicator is dated by its sentence alone (most figures of
    a report: reading their paragraphs and headings too would cost a third
    of the extraction time for rows no panel uses)."""
    text, marks, plan_year = rep.text, rep.marks, rep.plan_year
    s0 = sent[0]
    lo_q = max(s0, q.start - _LOOKBACK)
    before = text[lo_q:q.start]
    if not indicator:
        return _plain_kind_and_period(rep, q, section_kind, before, lo_q, flags)
    clause = before[_after_last_sep(before):]
    opts = _period_options(rep, sent, q, measure, indicator, before, clause)
    last_cue = rep.last_time_cue(q.start) if section_kind in ("plan", "other", "closing") else None
    late = rep.year_end
    if late and last_cue in ("今年", "本年"):
        last_cue = "去年"  # a session in November or December: 今年 is the year ending, reviewed
    kind = "target" if target_of else _kind(section_kind, before, len(before), last_cue)
    found, in_window = _time_markers(rep, q, lo_q, kind, measure, clause)
    period, pflags = _period(found, marks, q.start, kind, plan_year, in_window=in_window, **opts)
    if kind == "actual" and measure == "level" and rep.multi_year_review:
        span = _total_to_year(found, text, q.start - len(clause), q.start, rep.review_years, plan_year)
        if span is not None:
            period, pflags = span, [*pflags, "multi_year"]
    if kind == "target" and "partial_year" in pflags and not _TARGET_CUES.search(before):
        kind = "actual"  # 今年一季度…下降3%: stated in the plan, but a result
        opts["session_month"] = None  # (the months of the plan year already)
        period, pflags = _period(
            found, marks, q.start, kind, plan_year + 1 if plan_year else None, in_window=in_window, **opts
        )
    elif (
        kind == "target" and not target_of and section_kind in ("plan", "targets") and plan_year is not None
        and not _TARGET_CUES.search(before)
        and _past_year_named(found, period, text, marks, q.start, plan_year, in_window, opts)
    ):
        # 预计2012年全镇完成地区生产总值… under a heading read as the plan, 2022年全县主要经济指标：…
        # read as the targets: results of the year named
        kind = "actual"
        period, pflags = _period(found, marks, q.start, kind, plan_year, in_window=in_window, **opts)
    elif (
        kind == "actual" and section_kind in ("other", "closing") and plan_year is not None and period is not None
        and period.isdigit() and int(period) >= plan_year and not _DONE.search(before[-12:])
        and not (_RESULT_WORDS.search(before) and not _TARGET_CUES.search(before))
        and not any(f[0] == _Markers.SINCE for f in found)  # 2023年以来，…增长5%: results so far
    ):
        # a text without headings: 2023年，全镇地区生产总值增长6% in a report planning 2023
        kind = "target"
        period, pflags = _period(found, marks, q.start, kind, plan_year, in_window=in_window, **opts)
    period = _average_years(clause, measure, period)
    if late and kind == "actual" and plan_year is not None and period == str(plan_year - 1) and not found:
        if _last_year_cue(text, marks, lo_q, q.start):
            period = str(plan_year - 2)  # 去年全县完成… in a session in December: the year before the one ending
    flags.update(pflags)
    if _estimated(before) and kind == "actual":
        flags.add("estimate")
    if section_kind in ("other", "closing") and not (found or last_cue or _TARGET_CUES.search(before)):
        flags.add("kind_guessed")  # no heading, no time word, no target word: actual by default
    if plan_year is not None and period is not None and period.isdigit():
        if int(period) != (plan_year - 1 if kind == "actual" else plan_year):
            flags.add("other_year")  # 到2027年…, 2020年…: not the year reviewed or planned
    return kind, period


def _past_year_named(
    found: list, period: str | None, text: str, marks: _Markers, q_start: int, plan_year: int, in_window: bool,
    opts: dict,
) -> bool:
    """Whether a figure read as a target (of ``period``) is dated by its markers to a year before
    the one planned (预计2012年全镇完成…; 与2005年相比，…由6970亿元增加到1.3万亿元: the year compared
    counts as one named here, as it did before it was read as a base)."""
    dated = [(_Markers.YEAR, *f[1:]) if f[0] == _Markers.BASE and text[f[2]] in _COMPARED_FIRST else f for f in found]
    if dated != found:  # (markers are compared as the same objects: only a year compared with changes them)
        found = dated
        period = _period(found, marks, q_start, "target", plan_year, in_window=in_window, **opts)[0]
    if not (in_window or any(tag == _Markers.YEAR for tag, *_ in found)):
        return False
    return period is not None and period.isdigit() and int(period) < plan_year


def _time_markers(
    rep: _Report, q: _numbers.Quantity, lo_q: int, kind: str, measure: str, clause: str
) -> tuple[list, bool]:
    """The time markers that date a figure of an indicator: its sentence window's, else its
    sentence lead's, paragraph's or heading's; and whether they came from the window."""
    text, marks, plan_year = rep.text, rep.marks, rep.plan_year
    found = marks.between(marks.period, lo_q, q.start)
    if found and (")" in text[lo_q:q.start] or "）" in text[lo_q:q.start]):
        found = [f for f in found if not _in_closed_aside(text, lo_q, f, q.start)]
    if found and _COMPARED_CLAUSE.search(text, lo_q, q.start):
        # 赶超江门开平市2020年的经济总量,增长13.9%: the year of another's figure, not this one's
        found = [f for f in found if not (f[0] == _Markers.YEAR and _in_compared_clause(text, lo_q, f))]
    if kind == "actual":  # (a target list's 年均 sets the plan's years for all its figures)
        found = _own_clause_markers(found, text, q.start)
    if measure == "growth" and marks.same_below and not any(f[0] in _MULTI_TAGS for f in found):
        found = _same_below(marks, text, q.start) + found
    in_window = bool(found)
    if kind == "actual" and found and all(f[0] == _Markers.FIVE for f in found):
        # 2015年，固定资产投资62.63亿元，年均增长26.9%；社会消费品零售总额130.43亿元，年均增长11.7%:
        # the year leading the sentence ends the years of each item's average
        found = rep.average_lead(q.start, lo_q) + found
    so_far = rep.mid_year or rep.report_months is not None  # (今年以来: the months reported on)
    if not found and not (marks.any_in(marks.cues, lo_q, q.start) or _annual_in(text, lo_q, q.start, so_far)):
        # nothing in the sentence says when (no 去年, 全年, 2022年): the sentence's lead
        # (1—9月，…；实现地方财政收入3.76亿元), the paragraph or the section does
        found = rep.sentence_lead(q.start, lo_q) or rep.context_markers(q.start)
    elif rep.mid_year and any(f[0] == _Markers.SINCE and f[1] == plan_year for f in found) and not any(
        f[0] == _Markers.MONTHS for f in found
    ):
        found = found + rep.context_markers(q.start)  # 2023年以来 in a mid-year report: the months reported on
    months_end = max((f[3] for f in found if f[0] == _Markers.MONTHS), default=None)
    if months_end is not None and "全年" in text[months_end:q.start]:
        # 1—11月，…增长8.1%，预计全年突破10亿元；…增长10%: the whole year again
        found = [f for f in found if f[0] != _Markers.MONTHS]
    if measure == "growth" and _YEAR_ON_YEAR.search(clause):
        # …年均增长28.6%，其中，…同比增长22.9%: a change over one year, whatever years were named before
        found = [f for f in found if f[0] not in _MULTI_TAGS]
    if kind == "actual" and _has_cumulative(clause) and any(f[0] in _MULTI_TAGS for f in found):
        # “十二五”是…的五年。2015年…。累计完成固定资产投资657.1亿元: the years' total, not 2015's
        found = [f for f in found if f[0] != _Markers.YEAR]
    found = _with_months_after(found, text, q.end)
    return found, in_window


def _in_compared_clause(text: str, lo: int, marker: tuple) -> bool:
    """Whether a year stands in a clause measuring against another's figure (赶超X2020年的经济总量,)."""
    start = _clause_start(text, lo, marker[2], lo)
    return bool(_COMPARED_CLAUSE.match(text, start, marker[2])) and bool(_NO_FIGURE_AFTER.match(text, marker[3]))


def _in_closed_aside(text: str, lo: int, marker: tuple, q_start: int) -> bool:
    """Whether a time marker stands in brackets closed before the figure (增长50.8%(1-7月份,…
    完成11.9亿元);一般公共预算收入完成4.7亿元: the aside's months are not the next figure's)."""
    a, b = marker[2], marker[3]
    opened = max(text.rfind("(", lo, a), text.rfind("（", lo, a))
    if opened < 0 or ")" in text[opened:a] or "）" in text[opened:a]:
        return False
    closed = min((i for i in (text.find(")", b, q_start), text.find("）", b, q_start)) if i >= 0), default=-1)
    # (not a caption's: 主要经济指标完成情况（截至11月底）：…)
    return closed >= 0 and text[closed + 1:closed + 2] not in ("：", ":")


def _annual_in(text: str, lo: int, hi: int, mid_year: bool) -> bool:
    """Whether a word of a whole year (今年, 全年, 2022年, 预期目标) stands between ``lo`` and ``hi``;
    in a mid-year report, 今年以来 is the months reported on, not a whole year."""
    for m in _ANNUAL.finditer(text, lo, hi):
        if not (mid_year and m.group() == "今年" and text.startswith("以来", m.end())):
            return True
    return False


def _with_months_after(found: list, text: str, q_end: int) -> list:
    """``found`` with the months written in brackets right after a figure (45.2亿元（1-11月）) as its own."""
    after = _MONTHS_AFTER.match(text, q_end)
    if after is None:
        return found
    first, last = (1, int(after["until"])) if after["until"] else (int(after["a"]), int(after["b"]))
    if not 1 <= first <= last <= 12:
        return found
    months = (_Markers.MONTHS, (first, last), q_end, after.end())
    return [f for f in found if f[0] != _Markers.MONTHS] + [months]


def _last_year_cue(text: str, marks: _Markers, lo: int, hi: int) -> bool:
    """Whether 去年/上年 opens a clause between ``lo`` and ``hi`` (not 与去年持平, 去年同期)."""
    return any(
        c.group() in _LAST_YEAR_CUES and text[c.start() - 1:c.start()] in _CLAUSE_OPENERS
        and not text.startswith("同期", c.end())
        for c in marks.between(marks.cues, lo, hi)
    )


def _period_options(
    rep: _Report, sent: tuple[int, int], q: _numbers.Quantity, measure: str, indicator: str, before: str, clause: str
) -> dict:
    """The report's and the clause's say in :func:`_period`: whether a level or share is the one
    reached at the end of several years (达66.6%), mid-year, review length, session month."""
    total = _FIVE_IN_CLAUSE.search(clause) is not None and not _REACHED_IN_CLAUSE.search(clause)
    # …unless it is a total: 累计, 五年…完成, or investment completed over the years (五年来，…完成固定资产投资469亿元)
    total = total or (
        indicator in _SUMMED and _DONE_NOT_REACHED.search(clause) is not None
        and not _ONE_YEAR_CHANGE_AFTER.match(rep.text, q.end, min(sent[1], q.end + 16))  # …，比上年增长30%
    )
    # (a total earlier in the sentence does not make a level reached a total: 固定资产投资累计完成800亿元，
    # 城乡居民人均可支配收入分别达到3.5万元和1.6万元)
    # (but investment, summed over years, stays a total: 固定资产投资五年累计翻两番，达到4829亿元)
    cumulative = _has_cumulative(clause)
    summed = _has_cumulative(before) and (
        indicator in _SUMMED
        or not (_REACHED_VERB_END.search(clause) and not cumulative and _SEP.search(before))
    )
    end_level = (measure in ("level", "share") and not summed and not total
                 and not (measure == "share" and "年均" in clause)  # 年均比重64.6%: an average share
                 and not _HELD_THROUGH.search(before, max(0, len(before) - len(clause) - _HELD_LIST_BACK)))
    return {"end_level": end_level, "mid_year": rep.mid_year, "review_years": rep.review_years,
            "session_month": rep.session_month, "cumulative": cumulative}


# 城镇登记失业率保持在3.4%以下, 粮食产量常年保持在40万吨以上, 生产总值先后跨越两百亿元、三百亿元台阶:
# a level held, or passed one after another, through the years reviewed is of those years, not of the
# last (searched in the figure's clause and the list it closes: 先后跨越A、B)
_HELD_THROUGH = _regex.compile(
    r"(?:保持|稳定|控制)在[^，,；;。]*$|(?:先后|相继)(?:跨越|突破|迈上|越过|跨上|跨过)[^，,；;。]*$"
)
_HELD_LIST_BACK = 16


def _total_to_year(
    found: list, text: str, clause_start: int, q_start: int, review_years: int, plan_year: int | None
) -> str | None:
    """In a report reviewing several years, a total (累计) whose clause names no time of
    its own, after nothing or only a year named earlier (2016年全区生产总值达到1300亿元。
    …固定资产投资累计完成4540亿元): the review's years up to that year, not that year."""
    if not _CUMULATIVE.search(text, clause_start, q_start) or _ONE_YEAR_WORDS.search(text, clause_start, q_start):
        return None
    if any(f[0] not in (_Markers.YEAR, _Markers.SPAN) or f[3] > clause_start for f in found):
        return None  # months, 五年, 以来, or a time named in the clause itself: they say it
    spans = [f[1] for f in found if f[0] == _Markers.SPAN]
    if spans:
        return f"{spans[-1].group(1)}-{spans[-1].group(2)}"
    years = [f[1] for f in found if f[0] == _Markers.YEAR]
    end = years[-1] if years else (None if plan_year is None else plan_year - 1)
    if end is None or (plan_year is not None and not plan_year - 2 <= end < plan_year):
        return None  # a total must end in the years the report reviews
    return f"{end - review_years + 1}-{end}"


#: Indicators whose amounts add up over years (investment): completed over a review of years, a total.
_SUMMED = frozenset({"fixed_asset_investment", "industrial_investment", "investment_funds_in_place",
                     "foreign_investment"})
_ONE_YEAR_CHANGE_AFTER = _regex.compile(r"[^。；;]*?(?:比上年|较上年|同比|(?<!年均)增长|(?<!年均)下降)")
_DONE_NOT_REACHED = _regex.compile(
    r"^(?!.*(?:达到|达|增至|增加到|提高到|跃升|升至)).*(?:完成|实现|引进|利用|到位)", re.S
)
_ONE_YEAR_WORDS = _regex.compile(r"全年|今年|去年|上年|当年|年内|同比|比上年|较上年|月")


def _own_clause_markers(found: list, text: str, q_start: int) -> list:
    """Time markers without a 年均 of an earlier clause: an average speaks of
    the figure right after it (…年均增长14.9%；财政总收入…18.7亿元), not of the
    next clause's figure, unless the average is stated for a list (年均增长分别为…)."""
    if not any(tag == _Markers.FIVE and m.group() == "年均" for tag, m, *_ in found):
        return found
    clause_start = _clause_start(text, max(0, q_start - _LOOKBACK), q_start, q_start)
    if _CUMULATIVE.search(text, clause_start, q_start):
        return found  # …年均增长44%，累计完成9509.3亿元: a total over the same years
    out = []
    for f in found:
        if f[0] == _Markers.FIVE and f[1].group() == "年均":
            gap = text[f[3]:q_start]
            if _SEP.search(gap) and _HAS_DIGIT.search(gap) and "分别" not in gap:
                continue
        out.append(f)
    return out


def _same_below(marks: _Markers, text: str, q_start: int) -> list:
    """The base year of a 比2012年(下同) earlier in the figure's paragraph, if any."""
    para_start = _paragraph_start(text, q_start)
    return [f for a, b, f in marks.same_below if para_start <= a and b <= q_start][-1:]


# 同比增长6.5%，两年平均增长5.3%: the yearly average of the last two (three) years, against the
# year before a disrupted one (the statistics bureau's wording of 2021 and 2022)
_AVERAGE_OF_YEARS = _regex.compile(r"(?<![\d两二三])([两二三23])年(?:的)?平均")


def _average_years(clause: str, measure: str, period: str | None) -> str | None:
    """The years of a yearly average over the last two or three years (两年平均增长5.3% in a
    review of 2021: 2020-2021), from the one year or months it would otherwise get."""
    if measure != "growth_avg" or period is None or (m := _AVERAGE_OF_YEARS.search(clause)) is None:
        return period
    if not (period[:4].isdigit() and (len(period) == 4 or period[4] == "-" and period[:4] == period[-7:-3])):
        return period  # (already several years)
    last = int(period[:4])
    return f"{last - _years_count(m.group(1)) + 1}-{last}"


def _plain_kind_and_period(
    rep: _Report, q: _numbers.Quantity, section_kind: str, before: str, lo_q: int, flags: set[str]
) -> tuple[str, str | None]:
    """Kind and period of a figure of no indicator, from its sentence."""
    marks, plan_year = rep.marks, rep.plan_year
    kind = _kind(section_kind, before, len(before), rep.last_time_cue(q.start) if section_kind == "plan" else None)
    starts = marks.period[0]
    i = bisect.bisect_left(starts, lo_q)
    # (what marks.between gives, read only when a marker starts in the window: most figures have none)
    found = marks.between(marks.period, lo_q, q.start) if i < len(starts) and starts[i] < q.start else []
    if not found and rep.mid_year:
        # a report to a mid-year session: its figures are of months of this year (the few such
        # reports afford reading the paragraph, which figures of no indicator otherwise skip)
        found = rep.sentence_lead(q.start, lo_q) or rep.context_markers(q.start)
    if not found:  # (most figures: what _period says of no markers, the year reviewed or planned)
        period = rep.unmarked_periods[kind]
    else:
        period, pflags = _period(found, marks, q.start, kind, plan_year, mid_year=rep.mid_year,
                                 session_month=rep.session_month)
        if kind == "target" and "partial_year" in pflags and not _TARGET_CUES.search(before):
            kind = "actual"  # 今年一季度…下降3%: stated in the plan, but a result
            period, pflags = _period(found, marks, q.start, kind, plan_year + 1 if plan_year else None)
        flags.update(pflags)
    if kind == "actual" and _estimated(before):
        flags.add("estimate")
    return kind, period


def _milestone(
    rep: _Report, sent: tuple[int, int], q: _numbers.Quantity, measure: str, kind: str, flags: set[str]
) -> str | None:
    """Flag a threshold phrase (突破5000亿元, 迈过6万亿元、7万亿元两个台阶,
    跨越“200亿”大关) as ``milestone``; returns the figure's qualifier."""
    text = rep.text
    s0, s1 = sent
    qualifier = q.qualifier
    after = text[q.end:q.end + 1]
    quoted = q.start > s0 and text[q.start - 1] in "“\"" and after in ("”", "\"")
    hit = (
        (after in _MILESTONE_AFTER_FIRST or after.isspace()) and _MILESTONE_AFTER.match(text, q.end, min(s1, q.end + 4))
    ) or (quoted and _MILESTONE_BEFORE.search(text[max(s0, q.start - 12):q.start - 1]))
    # a goal to pass a mark (力争突破1300亿元) is a target with 以上, not a milestone
    if (
        not hit
        and kind == "actual"
        and measure == "level"
        and (q.unit_kind in ("money", "physical") or q.unit in ("万亿", "亿", "万"))
    ):
        clause0 = _clause_start(text, max(s0, q.start - 40), q.start, max(s0, q.start - 40))
        end = _SEP.search(text, q.end, min(s1, q.end + 24))
        clause1 = end.start() if end else min(s1, q.end + 24)
        verb = _MILESTONE_VERB.search(text, clause0, q.end)  # the surface may hold it: 突破5000亿元
        hit = (verb is not None and not _REACHED_LEVEL.search(text, verb.end(), max(verb.end(), q.start))) or bool(
            _MILESTONE_NOUN.search(text, q.end, clause1)
        )
    if hit:
        flags.add("milestone")
        lo = max(s0, q.start - 24)
        if _SERIES.search(text, lo, q.start) or _MILESTONE_LIST.match(text, q.end, min(s1, q.end + 12)) or (
            _MILESTONE_LIST_BEFORE.search(text, lo, q.start)
        ):
            flags.add("multi_year")  # 先后突破1000亿和2000亿: passed over several years
        if qualifier is None and _CROSSING.search(text, max(s0, q.start - 12), q.start):
            qualifier = "at_least"
    return qualifier


#: The dtype of each typed column of :func:`extract_metrics` (the others hold text, or lists):
#: a dtype's name, or a categorical's categories and whether they are ordered.
_METRIC_DTYPES: dict[str, str | tuple[tuple[str, ...], bool]] = {
    "level": (LEVELS, True),
    "year": "Int64",
    "kind": (METRIC_KINDS, False),
    "measure": (MEASURES, False),
    "section_kind": (SECTION_KINDS, False),
    "value": "float64",
    "value_high": "float64",
    "sentence_start": "int64",
    "start": "int64",
    "end": "int64",
    "needs_review": "bool",
}


def metric_csv_columns(fields: Sequence[str]) -> tuple[list[str], list[str | tuple[str, ...]]]:
    """The columns of :func:`metric_table` made of rows of ``fields`` (the deprecated copies
    under old names last) and each one's dtype for :meth:`govreports.io._export.CsvRows.of`:
    a dtype's name (``"object"`` for text) or a categorical's categories. No pandas needed."""
    columns = [c for c in fields if c not in RENAMED_COLUMNS]
    columns += [old for old, new in RENAMED_COLUMNS.items() if new in fields]
    dtypes = []
    for c in columns:
        dtype = _METRIC_DTYPES.get(RENAMED_COLUMNS.get(c, c), "object")
        dtypes.append(tuple(dtype[0]) if isinstance(dtype, tuple) else dtype)
    return columns, dtypes


def metric_table(columns: Sequence[str], rows: Sequence[tuple]) -> pd.DataFrame:
    """The frame :func:`extract_metrics` returns, made of :func:`metric_rows`' rows:
    dtypes set, the deprecated copies under old names added, sorted by report id, then position."""
    frame = pd.DataFrame.from_records(rows, columns=list(columns), nrows=len(rows))
    for column, dtype in _METRIC_DTYPES.items():
        if isinstance(dtype, tuple):
            categories, ordered = dtype
            frame[column] = pd.Categorical(frame[column], categories=list(categories), ordered=ordered)
        else:
            frame[column] = frame[column].astype(dtype)
    frame = with_old_names(frame)
    return frame.sort_values(["report_id", "start"], kind="stable").reset_index(drop=True)


_CARRY = ("report_id", "region", "level", "year", "source")


_OPTIONAL_CARRY = ("division_code",)


#: The fields of a report that extraction reads (and carries), besides ``published``.
_REPORT_FIELDS = ("report_id", "region", "level", "year", "source", "date", "text") + _OPTIONAL_CARRY


def _iter_reports(reports: pd.DataFrame) -> Iterable[dict]:
    cols = [c for c in _REPORT_FIELDS if c in reports.columns]
    metas = reports["meta"] if "meta" in reports.columns else None
    for k, rec in enumerate(reports[cols].itertuples(index=False, name=None)):
        d = dict(zip(cols, rec))
        d["level"] = None if pd.isna(d.get("level")) else str(d.get("level"))
        meta = metas.iat[k] if metas is not None else None
        d["published"] = meta.get("published") if isinstance(meta, dict) else None  # a web page's 发布日期
        yield d


def _carry_and_rows(rep: dict) -> tuple[tuple, list[tuple]]:
    """One report's columns (those in front of every row of its figures) and its figure rows."""
    carry = tuple(rep.get(k) for k in _CARRY) + tuple(rep[k] for k in _OPTIONAL_CARRY if k in rep)
    carry += (text_hash(rep["text"]),)
    return carry, _report_rows(rep)


def _rows_with_carry(rep: dict) -> list[tuple]:
    """One report's figure rows with the report's columns in front (runs in workers)."""
    carry, rows = _carry_and_rows(rep)
    return [carry + r for r in rows]


def extract_metrics(
    reports: pd.DataFrame,
    *,
    jobs: int = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> pd.DataFrame:
    """Extract every figure of every report, with its indicator and provenance.

    Parameters
    ----------
    reports
        The reports frame (``report_id`` and ``text`` required; ``region``,
        ``level``, ``year``, ``date``, ``source`` carried when present).
    jobs
        Worker processes (``-1``: all cores); the result is identical for
        any ``jobs``.
    engine
        ``"processes"`` or ``"dask"`` (``pip install "govreports[scale]"``).
    progress_bar
        Show a progress bar (default: for long runs in a terminal/notebook).

    Returns
    -------
    pandas.DataFrame
        One row per figure, sorted by report then position (a figure stated
        once for several indicators, ``A、B均增长8%``, gives a row for each,
        flagged ``shared``):

        - ``report_id, region, level, year, source``: the report (and
          ``division_code`` when the reports went through
          :func:`govreports.locate`);
        - ``indicator``: taxonomy id (see :func:`govreports.indicators`), or
          ``""`` for a figure whose clause names no listed indicator;
        - ``indicator_text``: the words that named it (地区生产总值, 规上工业产值 …);
        - ``kind``: ``actual`` or ``target``;
        - ``measure``: ``level``, ``growth``, ``share``, ``points``, ``count``,
          ``growth_avg`` (年均);
        - ``value``, ``value_high``: as stated in ``unit`` (declines negative;
          ``value_high`` for ranges);
        - ``unit``: as written (亿元, %, 个百分点 …); ``qualifier``: ``about``,
          ``at_least``, ``at_most``, ``range`` or empty;
        - ``period``: ``"2022"``, a span ``"2018-2022"`` or months
          ``"2022-01/2022-11"``;
        - ``section_kind``: the kind of section the figure stands in;
        - ``sentence``, ``sentence_start``, ``start``, ``end``: provenance;
          ``text[start:end]`` is the figure's surface form and
          ``text[sentence_start:]`` starts with ``sentence``;
        - ``quality_flags``: list of findings (see
          :data:`govreports.schema.FIGURE_FLAGS`);
        - ``cue``: the rule that attached the figure to its indicator
          (:data:`govreports.schema.ATTACH_CUES`); ``needs_review``: the cues
          are weak or conflict;
        - ``flags``: a copy of ``quality_flags`` under its old name,
          deprecated (removed in 0.3: ``df.flags`` is a pandas attribute).

    Examples
    --------
    >>> import govreports as gr
    >>> m = gr.extract_metrics(gr.load_sample())
    >>> row = m[(m["region"] == "横沥镇") & (m["indicator"] == "gdp") & (m["kind"] == "target")].iloc[0]
    >>> row["measure"], float(row["value"]), row["unit"], row["period"]
    ('growth', 6.0, '%', '2023')
    >>> text = gr.load_sample().set_index("report_id").loc[row["report_id"], "text"]
    >>> text[row["start"]:row["end"]]
    '6%'
    """
    return metric_table(*metric_rows(reports, jobs=jobs, engine=engine, progress_bar=progress_bar))


def metric_rows(
    reports: pd.DataFrame,
    *,
    jobs: int = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> tuple[list[str], list[tuple]]:
    """The rows of :func:`extract_metrics` before they make a frame (for writers that need none).

    Parameters
    ----------
    reports, jobs, engine, progress_bar
        As for :func:`extract_metrics`.

    Returns
    -------
    columns : list of str
        The names of the rows' fields: the columns of :func:`extract_metrics`
        without the deprecated copies under old names.
    rows : list of tuple
        One tuple per figure, reports in input order, each report's figures
        by position (:func:`extract_metrics` sorts by report id, then position).
    """
    require_columns(reports, ["report_id", "text"], "reports")
    return _metric_rows_of(list(_iter_reports(reports)), reports.columns, jobs=jobs, engine=engine,
                           progress_bar=progress_bar)


def metric_rows_of_dicts(reports: Sequence[Mapping[str, object]]) -> tuple[list[str], list[tuple]]:
    """:func:`metric_rows` of reports given as dicts with the reports frame's columns
    (:func:`govreports.schema.report_rows`, levels valid or None; located or not), in this
    process, without pandas."""
    return _metric_rows_of(_items_of_dicts(reports), reports[0].keys() if reports else ())


def metric_row_groups_of_dicts(
    reports: Sequence[Mapping[str, object]],
) -> tuple[list[str], list[tuple[tuple, list[tuple]]]]:
    """:func:`metric_rows_of_dicts` a report at a time: the fields, and for each report
    its columns in front of the fields (``carry``) and its rows of the other fields, as
    ``(carry, rows)`` (``carry + row`` for each row is a row of :func:`metric_rows_of_dicts`)."""
    fields = _metric_fields(reports[0].keys() if reports else ())
    return fields, [_carry_and_rows(d) for d in _items_of_dicts(reports)]


def _items_of_dicts(reports: Sequence[Mapping[str, object]]) -> list[dict]:
    """The fields of the reports that extraction reads (:data:`_REPORT_FIELDS`, ``published``)."""
    items = []
    for rep in reports:
        d = {c: rep[c] for c in _REPORT_FIELDS if c in rep}
        meta = rep.get("meta")
        d["published"] = meta.get("published") if isinstance(meta, dict) else None
        items.append(d)
    return items


def _metric_rows_of(items: list[dict], present: Iterable[str], **options) -> tuple[list[str], list[tuple]]:
    """The fields and rows of the reports ``items`` (:func:`_iter_reports`); ``present``: the
    reports' columns (which optional ones to carry)."""
    rows: list[tuple] = []
    for part in run_map(_rows_with_carry, items, desc="figures", **options):
        rows.extend(part)
    return _metric_fields(present), rows


def _metric_fields(present: Iterable[str]) -> list[str]:
    """The fields of the metric rows of reports of the columns ``present``."""
    columns = list(METRIC_COLUMNS)
    for c in reversed([c for c in _OPTIONAL_CARRY if c in present]):
        columns.insert(columns.index("source") + 1, c)  # e.g. division_code after locate(): right after source
    return columns


_PANEL_EXCLUDE = {"subpopulation", "multi_year", "partial_year", "glued", "placeholder", "from_value", "other_year"}


@renamed_arguments({"reports_or_metrics": "data"})
def panel(
    data: pd.DataFrame,
    *,
    corrections: pd.DataFrame | str | None = None,
    jobs: int = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> pd.DataFrame:
    """The research panel: one headline figure per report, indicator, kind and measure.

    Parameters
    ----------
    data
        The reports frame, or the output of :func:`extract_metrics` (then no
        extraction is repeated).
    corrections
        A filled-in :func:`govreports.review_sheet` (frame or file), applied
        with :func:`govreports.apply_corrections` before the headlines are
        chosen: a rejected headline gives way to the next candidate.
    jobs, engine, progress_bar
        Passed to :func:`extract_metrics`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`extract_metrics`; at most one row per
        ``(report_id, indicator, kind, measure)``: the headline figure for the
        whole region — for a target, the one in the 主要预期目标 paragraph
        (else the first in the plan); for an actual, the first full-year
        figure of the review. Never a five-year average, a sub-population's
        figure, a partial-year figure or a milestone phrase; no row where the
        report states none.

    Examples
    --------
    >>> import govreports as gr
    >>> p = gr.panel(gr.load_sample())
    >>> p[(p["indicator"] == "gdp") & (p["kind"] == "target")][["region", "value", "qualifier"]]
       region  value qualifier
    3     六镇镇   10.0  at_least
    15    平湖镇    9.0       NaN
    34    横沥镇    6.0       NaN
    62    濮院镇    7.0     about
    """
    if "indicator" not in data.columns:
        data = extract_metrics(data, jobs=jobs, engine=engine, progress_bar=progress_bar)
    metrics = from_old_names(data, "metrics")  # one name per column, whoever made the frame
    if corrections is not None:
        metrics = from_old_names(apply_corrections(metrics, corrections))
    m = metrics[(metrics["indicator"] != "") & metrics["value"].notna()]
    excluded = m["quality_flags"].map(lambda f: bool(_PANEL_EXCLUDE.intersection(f))).astype(bool)
    m = m[~excluded]
    m = m[m["measure"] != "growth_avg"]
    is_target = m["kind"] == "target"
    section = m["section_kind"].astype(str)
    # Last year's figures restated in the plan part (过去一年…增长10.3%) are used
    # only when the review states none: they rank last.
    ok = (is_target & section.isin(["targets", "plan"])) | (
        ~is_target & section.isin(["review", "other", "problems", "plan"])
    )
    m = m[ok]
    # rank: targets paragraph before the rest of the plan; review before other
    rank = section.loc[m.index].map({"targets": 0, "plan": 2, "review": 0, "problems": 1, "other": 2})
    rank = rank.where(~((section.loc[m.index] == "plan") & (m["kind"] == "actual")), 3)
    cue = m["sentence"].str.contains(_TARGET_CUES.pattern + "|目标", regex=True).astype(bool)
    rank = rank.where(~((section.loc[m.index] == "plan") & cue), 1)
    # a milestone (突破40万亿元) only where the report states no exact figure
    rank = rank.where(~m["quality_flags"].map(lambda f: "milestone" in f).astype(bool), 9)
    m = m.assign(_rank=rank)
    # confident rows first within a rank; then the first in the text
    m = m.sort_values(["report_id", "indicator", "kind", "measure", "_rank", "needs_review", "start"], kind="stable")
    out = m.drop_duplicates(["report_id", "indicator", "kind", "measure"], keep="first")
    out = out.drop(columns=["_rank"])
    out = out.sort_values(["report_id", "indicator", "kind", "measure"], kind="stable").reset_index(drop=True)
    return with_old_names(out)
