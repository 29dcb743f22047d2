"""What a report is: region, level, year, title, speaker and date.

Evidence is taken, in this order, from the report's own text (title line,
the ``——2023年3月5日在……人民代表大会……上`` line, the speaker line), the
Markdown front matter, and the ``<region>/<year>.md`` layout of the path.
Whatever came from the path rather than the text is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from pathlib import PurePath

from .. import _regex
from .._jieba import jieba_word_freq
from .._util import HEADINGS_CHARS
from ..datasets._divisions import division_levels
from ..schema import (
    FIRST_MONTHS_LAST,
    LEVEL_SUFFIXES,
    NEXT_YEAR_PLAN_HEADING,
    PLAN_PERIOD_FIRST_YEAR,
    next_year_plan_heading,
    region_suffix_pattern,
)

__all__ = ["ReportMeta", "infer_meta", "level_of_region", "PROVINCES"]

#: Provincial-level units as their reports name them (municipalities included).
PROVINCES: frozenset[str] = frozenset(
    """北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省
    江西省 山东省 河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 西藏自治区
    陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区 台湾省""".split()
)
_PROVINCE_SHORT = {
    re.sub(r"(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$", "", p): p for p in PROVINCES
}

_CN_DIGIT = "〇零一二三四五六七八九十"
# a region name's suffix; the patterns that read 办事处 after a name keep it out of the name
_SUFFIX = region_suffix_pattern()
_NAME_SUFFIX = region_suffix_pattern(office=False)
_DATE = _regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MEETING = _regex.compile(
    r"在(?P<region>[\u4e00-\u9fff]{2,20}?)?(?:第[\d" + _CN_DIGIT + r"]+届)(?P<national>全国)?人民代表大会"
)
_ROLE = r"(?:国务院)?(?:代理|代)?(?:总理|副总理|省长|市长|主席|州长|盟长|县长|区长|旗长|镇长|乡长|街道办事处主任|专员)"
_SPEAKER = _regex.compile(
    rf"^[（(]?[^\n]{{0,24}}?(?P<role>{_ROLE})\s*(?P<name>[\u4e00-\u9fff·]{{2,6}})[）)]?$"
)
_DATE_NAME = _regex.compile(r"^[（(]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(?P<name>[\u4e00-\u9fff·]{2,4})\s*[）)]$")
_TITLE_REGION_YEAR = _regex.compile(
    r"(?P<region>[\u4e00-\u9fff]{1,20}?" + _NAME_SUFFIX + r")(?:人民政府|政府|办事处)?\s*"
    # 辽宁省2001年省政府工作报告: the level said again
    r"(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:[省市县区镇乡]?人民|[省市县区镇乡])?(?:政府工作报告|《政府工作报告》|工作报告)"
)
_TITLE_YEAR_REGION = _regex.compile(
    r"(?P<year>(?:19|20)\d{2})\s*(?:年度?|(?![年\d]))\s*(?P<region>[\u4e00-\u9fff]{1,20}?" + _NAME_SUFFIX + r")"
    # 2018杭州市上城区望江街道办事处政府工作报告, 苍山县两会《政府工作报告》
    r"(?:办事处|两会)?\s*《?(?:人民)?政府工作报告"
)
_TITLE_REGION_ONLY = _regex.compile(
    r"^(?:[（(][^）)]{1,10}[）)])?(?P<region>[\u4e00-\u9fff]{1,20}?" + _NAME_SUFFIX + r")(?:人民)?政府工作报告"
)
_TITLE_YEAR = _regex.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:《)?(?:[\u4e00-\u9fff]{0,20})?政府工作报告"
    r"|政府工作报告\s*[（(]\s*(?P<year2>(?:19|20)\d{2})\s*年?\s*[）)]"
)
_PATH_YEAR = _regex.compile(r"^(?P<year>(?:19|20)\d{2})(?:\D.*)?$")
_REGION_NAME = _regex.compile(
    r"^(?:[\u4e00-\u9fff]{2,20}" + _NAME_SUFFIX
    + r"|(?![本全我该各此两])[\u4e00-\u9fff]县)$"  # 浚县, 萧县: counties with a one-character name
)
# XX, X.X, xx, x.x not inside a Latin word; ** before a unit (增长**%). One pattern per leading
# character, the check on the character before it written after it: each scan skips to its
# character in C (a class of the three is tested at every character).
_PLACEHOLDERS = (
    ("X", _regex.compile(r"X(?<![A-Za-z]X)(?:\.X|X)(?![A-Za-z])")),
    ("x", _regex.compile(r"x(?<![A-Za-z]x)(?:\.x|x)(?![A-Za-z])")),
    ("*", _regex.compile(r"\*\*(?=[%％万亿个])")),
)


@dataclass
class ReportMeta:
    """Metadata inferred for one report."""

    region: str | None = None
    level: str | None = None
    year: int | None = None
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def level_of_region(region: str | None) -> tuple[str | None, bool]:
    """The administrative level a region name implies.

    Returns
    -------
    tuple
        ``(level, guessed)``; ``guessed`` is True where the suffix is
        ambiguous (a 市 can be a prefecture-level or a county-level city; a
        prefecture-level reading is assumed).

    Examples
    --------
    >>> level_of_region("横沥镇")
    ('township', False)
    >>> level_of_region("浙江省")
    ('province', False)
    """
    if not region:
        return None, False
    if region in ("全国", "中国", "国务院", "中华人民共和国"):
        return "national", False
    if region in PROVINCES:
        return "province", False
    if region.endswith(("镇", "乡", "街道", "街道办事处", "苏木")):
        return "township", False
    if region.endswith(("自治州", "地区", "盟")):
        return "city", False
    if region.endswith(("县", "旗", "区")):
        return "county", False
    if region.endswith("州"):
        return "city", False
    if region.endswith("市"):
        return "city", True
    return None, True


# words no place name holds (a heading read as a title: 本屆政府工作回顧縣…)
_NOT_A_PLACE = _regex.compile(r"工作|回顾|回顧|报告|報告|会议|會議|本届|本屆|总结|總結")
def _names_a_place(region: str) -> bool:
    """Whether a candidate region is a place's name: not a generic one (全县, 乡镇) and holding no word a
    place name never holds (a heading read as a title: 本届政府工作回顾县)."""
    return region not in _GENERIC_REGIONS and not _NOT_A_PLACE.search(region)


_GENERIC_REGIONS = frozenset(
    {
        "自治区", "自治州", "自治县", "自治旗", "本市", "全市", "全省", "本省",
        "全州", "全区", "本县", "全县", "本区", "本镇", "全镇",
        # a document site's compilation of many towns' reports (乡镇2023年政府工作报告-35篇)
        "乡镇", "城镇", "村镇", "集镇", "街镇", "镇街", "各乡镇", "各镇",
    }
)


# Headings that name the year a report reviews or plans for: on a line of
# their own (一、2003年工作回顾, 2004年工作安排), or opening a paragraph after
# an ordinal (二、2004年工作安排：…).
_PLAN_WORDS = (
    r"(?:的)?(?:政府)?(?:工作安排|重点工作|重点任务|主要任务|工作目标(?:要求)?|工作任务|工作部署|的工作|工作"
    r"|(?:经济社会发展的?)?主要(?:预期)?目标)"
    r"(?!(?:简要)?回顾|总结|亮点|成效|成绩|情况|报告)"  # (not a title: 2017年政府工作报告)
)
#: What joins the first and the last month after a year (2024年1—6月)
_MONTH_DASH = "[-—–~～至－‐−─―]"
# 2012年及过去五年政府工作回顾, 2016年和本届政府工作回顾: the year and the term together
_AND_YEARS = (
    r"(?:(?:及|和|暨|与)(?:过去|近|前)?(?:[一二三四五两]|\d)年|(?:及|和|暨|与)本届(?:政府)?"
    # 2015年及“十二五”期间的工作回顾, 2021年和十七届政府工作回顾
    r"|(?:及|和|暨|与)[“\"]?十[一二三四五]五[”\"]?(?:规划)?(?:时期|期间)?|(?:及|和|暨|与)第?[一二三四五六七八九十]+届(?:政府)?"
    r"|(?:及|和|暨|与)今年(?:以来)?)?"  # (2019年和今年以来工作回顾: a mid-year session's)
)
_PLAN_HEADING = _regex.compile(
    rf"^(?:(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*((?:19|20)\d{{2}}) ?年{_PLAN_WORDS}"
    rf"|((?:19|20)\d{{2}}) ?年{_PLAN_WORDS}[^\n]{{0,12}}$)",
    re.M,
)
# 一、“十二五”时期工作回顾: the review of a whole plan period, delivered after its last year
# (on the corpus, 249 of the 251 reports with such a heading are for the year after the period;
# the other two are files named by the year they review)
_PLAN_PERIOD_REVIEW = _regex.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*[“\"]?十([一二三四五])五[”\"’]?"
    r"(?:时期|期间)?(?:的)?(?:工作)?(?:回顾|主要成就|发展成就)",
    re.M,
)
# what follows the year of a review heading: 工作回顾, 2016年工作总结 and 2022年度工作总结 (the year a
# summary reviews), 2024年工作亮点与成效, 2015年工作和“十二五”发展回顾
_REVIEW_WORDS = (
    r"(?:度)?(?:的)?(?:政府)?(?:工作(?:简要)?(?:回顾|回顧)|简要回顾|工作亮点与成效|工作成效|工作总结"
    r"|工作(?:和|及|暨)[“\"]?十[一二三四五]五[”\"]?(?:时期|期间)?(?:的)?(?:工作|发展)?回顾)"
)
_REVIEW_HEADING = _regex.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*(?:关于)?"
    r"(?:[“\"]?十[一二三四五]五[”\"]?(?:时期|期间)?(?:和|及|暨|与))?"  # (“十一五”时期和2010年工作回顾)
    r"((?:19|20)\d{2}) ?年"
    + _AND_YEARS
    + _REVIEW_WORDS
    + r"\s*$",
    re.M,
)

# the same heading run into the text after a sentence (。一、2018年工作回顾过去的一年…)
_REVIEW_HEADING_INLINE = _regex.compile(
    # (numbered, it may follow anything: 发布日期:2025-01-20 10:08:09一、2024年工作回顾)
    r"(?:(?<=[。：:])\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?|(?<=\d)(?:一、|[（(]一[)）]))"
    r"\s*((?:19|20)\d{2}) ?年"
    + _AND_YEARS
    + _REVIEW_WORDS
)


def _plan_period_reviewed(text: str) -> int | None:
    """The last year of a plan period whose whole review a heading opens (一、“十二五”时期工作回顾: 2015)."""
    m = _PLAN_PERIOD_REVIEW.search(text, 0, HEADINGS_CHARS)
    return None if m is None else PLAN_PERIOD_FIRST_YEAR[m.group(1)] + 4


def _plans_next_year(text: str, year: int) -> bool:
    """Whether a report delivered in the autumn of ``year`` plans the next one: a plan heading
    naming it or 明年 (二、2022年工作安排, 二、明年工作安排), or a sentence led by its goals (2022年，力争…)."""
    head = _arabic_years(text[:20000])
    return (
        any(int(m.group(1) or m.group(2)) == year + 1 for m in _PLAN_HEADING.finditer(head))
        or NEXT_YEAR_PLAN_HEADING.search(head) is not None
        or any(int(m.group(1)) == year + 1 for m in _PLAN_LEAD.finditer(head))
    )


def _reviews_its_own_year(text: str, year: int) -> bool:
    """Whether the report reviews ``year`` (a 回顾 heading names it) or plans
    for the next one, and no plan heading names ``year`` itself.

    A work report reviews the year before its delivery, so such a report was
    delivered in ``year + 1`` (checked on the corpus: the five 四川省 files
    named by the year they review, and no other undated report).
    """
    plans = {int(m.group(1) or m.group(2)) for m in _PLAN_HEADING.finditer(text)}
    if year in plans:
        return False
    if year + 1 in plans or any(int(m.group(1)) == year for m in _REVIEW_HEADING.finditer(text)):
        return True
    if any(int(m.group(1)) == year for m in _REVIEW_HEADING_INLINE.finditer(text, 0, HEADINGS_CHARS)):
        return True  # …提出意见。一、2018年工作回顾过去的一年，…: a text run into one paragraph
    if _plan_period_reviewed(text) == year:
        return True  # 一、“十二五”时期工作回顾 under a title of 2015: delivered at its end or after, for 2016
    if next_year_plan_heading(text, 20000):
        return True  # 二、明年工作安排 under a title of this year: delivered at the year's end, for the next
    # 刚刚过去的2022年, or a sentence led by the next year's goals (2023年，力争…)
    if any(int(m.group(1)) == year for m in _PAST_YEAR.finditer(text, 0, 3000)) or any(
        int(m.group(1)) == year + 1 for m in _PLAN_LEAD.finditer(text, 0, 20000)
    ):
        return True
    # the next year named by what it is (今年是全面贯彻党的二十大精神的开局之年: 2023), or the
    # months of the title's year reported at its end (2022年1-11月: a report for 2023)
    head = _arabic_years(text[:HEADINGS_CHARS])
    if _year_from_named_year(head) == year + 1 or _year_from_months(head) == year + 1:
        return True
    if _year_from_opening(head) == year + 1:
        return True  # 2018年是改革开放40周年，…一年来: the review opens with the title's year
    # no headings: a sentence that opens with the year and states its results
    # (2022年，全镇实现地区生产总值45.2亿元，同比增长5.3%), or says the year's targets were met
    # (2023年是…的一年，…圆满完成了年初确定的各项目标任务)
    return any(
        int(m["y"]) == year and not _GOAL_WORDS.search(m.group()) for m in _REVIEW_LEAD.finditer(text, 0, 6000)
    ) or any(int(m["y"]) == year for m in _YEAR_MET.finditer(text, 0, 6000))


_REVIEW_LEAD = _regex.compile(
    r"(?:^|(?<=[\n。：:]))[ \t\u3000]*(?P<y>(?:19|20)\d{2})\s*年[，,][^。\n]{0,120}?"
    r"(?:同比|比上年|较上年)(?:增长|下降|提高|减少)"
)
_GOAL_WORDS = _regex.compile(r"力争|争取|预期|目标|确保|计划")
_YEAR_MET = _regex.compile(
    r"(?:^|(?<=[\n。：:]))[ \t\u3000]*(?:报告指出)?(?P<y>(?:19|20)\d{2})\s*年[，,]?是[^。\n]{0,300}?"
    r"(?:圆满|全面|超额|较好地|顺利)?完成了?(?:年初|全年|年度|县人代会|镇人代会|人代会)[^。\n]{0,12}?(?:确定|制定|既定|下达)的"
)


def _is_short_form(named: str, full: str) -> bool:
    """Whether ``named`` is a short or generic way of naming ``full``.

    Examples: 自治区 → 新疆维吾尔自治区, 恩施州 → 恩施土家族苗族自治州, 克州 →
    克孜勒苏柯尔克孜自治州,
    新疆自治区 → 新疆维吾尔自治区, 中卫市市 → 中卫市 (a typo in a title).
    """
    if named in _GENERIC_REGIONS:
        return True
    if named.startswith(full) or full.startswith(named) or named.endswith(full):
        return True  # 中卫市市 (typo), 一九九七年二月十五日在山东省 (a date line misread)
    stem = re.sub(r"(市|州|盟|地区|自治区|省)$", "", named)
    if stem and (len(stem) >= 2 or named.endswith("州")) and full.startswith(stem):
        suffix_named = named[len(stem):]
        return (suffix_named == "州" and full.endswith("自治州")) or (
            suffix_named == "自治区" and full.endswith("自治区")
        )
    return False


def _level_from_path(path: PurePath) -> str | None:
    for part in path.parts:
        if "国务院" in part:
            return "national"
        if "省自治区" in part or part in ("provinces", "province"):
            return "province"
        if "地市" in part or "城市" in part:
            return "city"
    return None


def infer_meta(
    text: str,
    *,
    path: str | PurePath | None = None,
    front_matter: dict[str, str] | None = None,
    title_hint: str | None = None,
    split_region: str | None = None,
    split_year: int | None = None,
) -> ReportMeta:
    """Infer a report's metadata from its cleaned text, front matter and path.

    Region, year and date are taken from what the text says, strongest
    evidence first: the title (``X镇2023年政府工作报告``), the session line
    (``——2023年1月5日在霍山县第十八届人民代表大会第二次会议上``), the speaker
    line (``五莲县县长 孙丽``), ``我代表X人民政府``, a web page's header
    (``发布机构: 谯城区十八里镇``), and finally the body (the place the text
    calls 我镇/全镇 and names most often, checked against the gazetteer).
    A year comes from the session date, the title, the review and plan
    headings (``一、2022年工作回顾`` → 2023), the opening of the review
    (``2012年是…的一年。一年来…`` → 2013) or, last, the page's 发布日期. A
    chain of names (``聊城市东昌府区``) gives the last unit as the region and
    the rest as ``extra["parent"]``. Whatever came from weaker evidence than
    a title or session line is flagged (``region_from_body``,
    ``year_from_headings``, ``year_from_published`` …).

    Parameters
    ----------
    text
        Cleaned report text.
    path
        The file it came from; ``<region>/<year>.md`` layouts are understood.
    front_matter
        Markdown front matter (``title``, ``source``, ``region``, ``year`` …).
    title_hint
        A title from the container format (HTML ``<title>``, DOCX properties).
    split_region, split_year
        Region and year of the title line that opened a compilation part.

    Returns
    -------
    ReportMeta
    """
    fm = dict(front_matter or {})
    meta = ReportMeta()
    head_lines = _head_lines(text)
    # years and dates read in digits (二〇二三年一月十日); the title keeps the text's own writing
    dated_lines = _DatedLines(head_lines)
    p = PurePath(path) if path is not None else None
    meta.title = _title(fm, title_hint, head_lines)
    session = _session(dated_lines, fm)
    if session.published is not None and _REPOST_SITE.search(text, 0, _REPOST_HEAD):
        # a document site's upload time or a repost's stamp is not when the report was published
        # (on the development texts such stamps gave the year of 5 of 27 copies, a government
        # page's publication date 78 of 96)
        meta.extra["stamp"] = session.published
        session.published = None
    meta.date = session.date
    meta.speaker, role = _speaker(head_lines, fm)
    if role:
        meta.extra["speaker_role"] = role
    title_region, title_year = _title_region_year(fm, title_hint, dated_lines, split_region, split_year)
    _set_year(meta, text, fm, p, title_year, session)
    _set_region(meta, text, fm, p, title_region, session, role)
    _set_level(meta, fm, p, role, session)
    if meta.region is None:
        meta.flags.append("no_region")
    if meta.year is None:
        meta.flags.append("no_year")
    if any(c in text and pattern.search(text) for c, pattern in _PLACEHOLDERS):  # (the finds cost little)
        meta.flags.append("placeholders")
    for key in ("source", "title"):
        if fm.get(key):
            meta.extra[f"front_matter_{key}"] = fm[key]
    return meta


# --------------------------------------------------------------------------- steps

#: Lines of the head searched for title, session, speaker and page header.
_HEAD_LINES = 40
_RUN_IN_MIN = 200  # characters of a line that may hold a title block run into the speech
_RUN_IN_HEAD = 160  # how far into such a line the greeting may start


def _head_lines(text: str) -> list[str]:
    """The first lines of ``text``; a title block run into the speech on one line (大坪镇人民政府工作报告
    （2019年1月10日）各位代表：…) is its own line, as the title block of a page with lines is."""
    lines = text.split("\n", _HEAD_LINES)[:_HEAD_LINES]
    out: list[str] = []
    for line in lines[:_TITLE_LINES]:
        k = line.find("各位代表", 0, _RUN_IN_HEAD) if len(line) > _RUN_IN_MIN else -1
        out += [line[:k], line[k:]] if k > 0 else [line]
    return (out + lines[_TITLE_LINES:])[:_HEAD_LINES]
#: Characters of the head searched for a session line broken across lines.
_HEAD_CHARS = 1500
_UNIT = r"[\u4e00-\u9fff]{1,20}?" + _SUFFIX
# A date on a page's furniture line: 发布日期: 2010-03-09, 时间:2026-02-26. The word before 日期
# (发布, 发文, 成文, 生成, 更新, 印发, 公开) changes no date read: the pattern starts at 日期 or
# 时间, characters the scan skips to (an optional word first had it try every position).
_PUB_DATE = _regex.compile(
    r"(?:日期|时间)\s*[】\]]?\s*[:：|]?\s*\|?\s*"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
# a page's bare timestamp (梨树县人民政府 2017-01-10 16:56:00): a publication date
_PUB_STAMP = _regex.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s*\d{1,2}:\d{2}(?!\d)"
)
# a header line that ends with a date (2023-01-10, 2023.01.10, 测试镇人民政府 2023-01-10)
_BARE_DATE_LINE = _regex.compile(
    r"^[^\d\n]{0,24}?\s*[\[【]?\s*(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"\s*[\]】]?\s*$"  # ([2022-11-20]: in brackets)
)
# a page header's line of labels with a date among them (来源：太平镇 | 2022-11-20 | 浏览：120)
_HEADER_DATE = _regex.compile(
    r"(?:来源|浏览|阅读|点击|作者|字号|访问)[^\n]*?(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)"
    r"(?P<d>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y2>(?:19|20)\d{2})(?P<sep2>[-/.])(?P<m2>\d{1,2})(?P=sep2)(?P<d2>\d{1,2})(?!\d)"
    r"[^\n]*?(?:来源|浏览|阅读|点击|作者|字号|访问)"
)
_MONTH_LINE = _regex.compile(r"^\s*[（(]?\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*[）)]?\s*$")
_TITLE_BLOCK_LINES = 8
# 2021年09月17日 15:56 浏览:615: a repost's stamp (a date with a clock time), not the session
_CLOCK = _regex.compile(r"\s*\d{1,2}:\d{2}(?!\d)")
# a line that is only a date: the title block's (2022年3月24日) under the session line
_DATE_LINE = _regex.compile(r"^\s*[（(]?\s*" + _DATE.pattern + r"\s*[）)]?\s*$")
_PUB_LABEL = _regex.compile(r"(?:发布|发文|成文|生成|更新|印发|来源|浏览|阅读|点击|公开|时间|日期)[^\n]{0,6}$")
_SESSION_DATE = _regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:在|于)?[^。，,；;]{0,30}?"
    r"(?:第[\d一二三四五六七八九十]+届|[一二三四五六七八九十]+届)\s*(?:人民代表大会|人大)"
)
_MEETING_ANY = _regex.compile(
    rf"(?:在|日|——|^|\s)(?P<region>{_UNIT})?\s*(?:第[\d{_CN_DIGIT}]+届|[{_CN_DIGIT}]+届)(?P<national>全国)?"
    r"(?:人民代表大会|人大)"
)
_SELF = _regex.compile(
    rf"(?:我代表|受)(?P<region>{_UNIT})(?:第[{_CN_DIGIT}\d]+届)?(?:人民)?政府"
    # 我代表普陀区人民政府长寿路街道办事处: the street office speaks, not its district
    r"(?P<street>[\u4e00-\u9fff]{2,8}?街道)?"
)
_SELF_BARE = _regex.compile(
    r"(?:我代表|受)(?:本)?(?P<unit>镇|乡|街道|县|区|市|旗|州)(?:人民)?政府"
    r"|在(?P<unit2>镇|乡|县|区|市|旗)(?:第[\d一二三四五六七八九十]+届|[一二三四五六七八九十]+届)"
)
_HEADER_ORG = _regex.compile(
    rf"(?:发布机构|发文机关|发布单位|来源|信息来源)\s*[:：|]?\s*(?P<region>{_UNIT})"
    r"(?:人民政府|政府|办事处|党政办|党政综合办公室)?"
)
_CRUMBS = _regex.compile(r"(?:当前位置|您当前的位置|您的位置|所在位置)\s*[:：]?(?P<path>[^\n]{0,120})")
_SELF_WORDS = {
    "township": _regex.compile(
        r"(?:全|我|本)(?:镇|乡|街道)|镇(?:党委|人大|政府)|乡(?:党委|人大|政府)|街道(?:党工委|办事处)"
    ),
    "county": _regex.compile(r"(?:全|我|本)(?:县|区|旗)(?!委|政府)"),
}
_ROLE_UNIT = {"县长": "county", "区长": "county", "旗长": "county", "镇长": "township", "乡长": "township",
              "苏木达": "township", "主任": "township", "市长": None, "州长": "city", "盟长": "city"}


# the furniture of a document-sharing site or a repost (页数, 上传, 下载文档, 公文搜, 网友投稿 …)
_REPOST_SITE = _regex.compile(
    r"页数[:：]|上传(?:人|者|时间|用户)|文库|资源描述|下载文档|下载积分|公文搜|网友投稿|范文|小编|分享赚钱|文档格式|格式[:：]\s*DOC"
)
_REPOST_HEAD = 800  # characters of a page's head where its site shows


@dataclass
class _Session:
    date: str | None = None
    region: str | None = None
    level: str | None = None  # 在县十九届人大三次会议上: the level of an unnamed session
    national: bool = False
    published: str | None = None
    year: int | None = None  # a session line dated by its month only (2016年2月在青龙乡第十五届…)


_MONTH_DATE = _regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")


def _title(fm: dict[str, str], title_hint: str | None, head_lines: list[str]) -> str | None:
    for c in [fm.get("title"), title_hint] + head_lines[:3]:
        if c and "工作报告" in c and len(c) <= 60:
            return c.strip()
    if head_lines and len(head_lines[0]) <= 40:
        return head_lines[0].strip() or None
    return None


def _iso(m: re.Match[str]) -> str:
    return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"


def _stamped_date(line: str) -> re.Match[str] | None:
    """A date followed by a clock time (2021年09月17日 15:56): a page's stamp."""
    return next((m for m in _DATE.finditer(line) if _CLOCK.match(line, m.end())), None)


def _session(head_lines: Sequence[str], fm: dict[str, str]) -> _Session:
    """The session date and the region the session line names; the page's
    publication date is kept apart (a weaker witness of the year)."""
    out = _Session()
    # the head's lines and the front matter's title, each read only if the loop gets to it
    lines = _Lines(head_lines, fm.get("title") or "")
    for i, line in enumerate(lines):
        if (
            out.published is None
            # (a stamp holds a clock time's colon: looked for first)
            and (m := _PUB_DATE.search(line) or (":" in line and (_PUB_STAMP.search(line) or _stamped_date(line))))
            and 1 <= int(m["m"]) <= 12
        ):
            out.published = _iso(m)
        if out.published is None and (m := _BARE_DATE_LINE.match(line)) and 1 <= int(m["m"]) <= 12:
            out.published = _iso(m)  # a header's date on a line of its own: 2023-01-10
        if out.published is None and len(line) <= 120 and (m := _HEADER_DATE.search(line)):
            y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
            if 1 <= int(mo) <= 12:
                out.published = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
        if i < _TITLE_BLOCK_LINES and out.year is None and (m := _MONTH_LINE.match(line)) and 1 <= int(m["m"]) <= 12:
            out.year = _year_for(int(m["y"]), int(m["m"]))  # the title block's （2023年1月）: the session's month
        if len(line) <= 80:
            for m in _DATE.finditer(line):
                if (
                    out.date is None and not _PUB_LABEL.search(line[: m.start()]) and 1 <= int(m["m"]) <= 12
                    and not _CLOCK.match(line, m.end())
                ):
                    out.date = _iso(m)
        mm = _MEETING.search(line)
        if mm and len(line) <= 80:
            if mm.group("national") or (mm.group("region") or "").endswith("全国"):
                out.national = True
            elif mm.group("region") and mm.group("region") not in _GENERIC_REGIONS:
                out.region = mm.group("region")
            if out.date is None and (m := _MONTH_DATE.search(line, 0, mm.start() + 1)) and 1 <= int(m["m"]) <= 12:
                out.year = _year_for(int(m["y"]), int(m["m"]))  # 2021年12月在…: for 2022
            if out.date is None:  # the date on a line of its own below it (after the speaker's line)
                for below in lines[i + 1 : i + 4]:
                    if (m := _DATE_LINE.match(below)) and 1 <= int(m["m"]) <= 12:
                        out.date = _iso(m)
                        break
            break  # the title block ends with the session line
    # a session line broken across lines, glued to its date (2019年3月31日五显镇第十八届…)
    # or inside a one-paragraph copy: searched before the greeting
    head = _joined(head_lines, _HEAD_CHARS, strip=True)
    head = head[: head.find("各位代表")] if "各位代表" in head else head[:600]
    if out.date is None:
        for m in _SESSION_DATE.finditer(head):
            if 1 <= int(m["m"]) <= 12 and not _PUB_LABEL.search(head, max(0, m.start() - 8), m.start()):
                out.date = _iso(m)  # not a page's 发布日期 glued to the session line
                break
    if out.region is None and not out.national:
        for mm in _MEETING_ANY.finditer(head):
            region = _REGION_LEAD.sub("", mm.group("region") or "")
            # (本届政府工作回顾 / 县十五届人大…: a heading, then 县)
            if region and not mm.group("national") and _REGION_NAME.match(region) and _names_a_place(region):
                out.region = region
            break
    bare = _SELF_BARE.search(_joined(head_lines, 3000))
    if bare:
        out.level = _BARE_LEVEL.get(bare.group("unit") or bare.group("unit2"))
    return out


_BARE_LEVEL = {"镇": "township", "乡": "township", "街道": "township", "县": "county", "区": "county", "旗": "county"}


def _speaker(head_lines: list[str], fm: dict[str, str]) -> tuple[str | None, str | None]:
    for line in head_lines:
        s = line.strip()
        if len(s) > 40:
            continue
        m = _SPEAKER.match(s)
        if m:
            return m.group("name"), s[: m.start("name")].strip(" （(")
        m = _DATE_NAME.match(s)
        if m:
            return m.group("name"), None
    if fm.get("title"):
        m = re.search(
            r"[（(]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(?P<name>[\u4e00-\u9fff·]{2,4})\s*[）)]", fm["title"]
        )
        if m:
            return m.group("name"), None
    return None, None


def _title_region_year(
    fm: dict[str, str], title_hint: str | None, head_lines: Sequence[str], split_region: str | None,
    split_year: int | None,
) -> tuple[str | None, int | None]:
    title_region = title_year = None
    lines = (ln.strip()[:120] for ln in islice(head_lines, _TITLE_LINES))  # (read as far as the loop goes)
    first_hit = None
    for i, c in enumerate(
        chain((split_region and f"{split_region}{split_year}年政府工作报告", fm.get("title"), title_hint), lines)
    ):
        if not c:
            continue
        if first_hit is None and (title_region or title_year):
            first_hit = i
        if first_hit is not None and i > first_hit + 2:
            break  # only the lines right after a title line complete it
        if "工作报告" not in c:
            continue  # what each of the four title patterns holds
        m = _TITLE_REGION_YEAR.search(c) or _TITLE_YEAR_REGION.search(c)
        if m and _NOT_A_PLACE.search(m.group("region")):
            m = None  # 本屆政府工作回顧 / 縣十五屆…: a heading run into the next line, no place
        if m and m.group("region") in _GENERIC_REGIONS:
            title_year = title_year or int(m.group("year"))  # 乡镇2023年政府工作报告: a compilation's, of no place
        elif m:
            return m.group("region"), int(m.group("year"))
        m = _TITLE_REGION_ONLY.search(c)
        if m and title_region is None and _names_a_place(m.group("region")):
            title_region = m.group("region")
        m = _TITLE_YEAR.search(c)
        if m and title_year is None:
            title_year = int(m.group("year") or m.group("year2"))
    return title_region, title_year


#: Lines of the head that may hold the title (web pages put breadcrumbs first).
_TITLE_LINES = 15


def _fm_year(fm: dict[str, str]) -> bool:
    """Whether the front matter gives a year in ASCII digits (not ``²``, which int() refuses)."""
    y = fm.get("year", "")
    return y.isascii() and y.isdigit()


def _year_for(year: int, month: int) -> int:
    """The year a report delivered (or published) in ``year`` and ``month`` is for: the next
    one from November, when the sessions for the coming year begin."""
    return year + 1 if month >= 11 else year


def _set_year(meta: ReportMeta, text: str, fm: dict[str, str], p: PurePath | None, title_year: int | None,
              session: _Session) -> None:
    """The year a report is for: session date (the next year for a session in November or
    December), title, front matter, headings, the review's opening, publication date, path."""
    if meta.date:
        meta.year = _year_for(int(meta.date[:4]), int(meta.date[5:7]))
        if meta.year == int(meta.date[:4]) and int(meta.date[5:7]) >= 9 and _plans_next_year(text, meta.year):
            meta.year += 1  # a new congress's first session in October 2021 planning 2022 (二、2022年工作安排)
        if meta.year > int(meta.date[:4]):  # 2021年12月21日在…会议上: a report for 2022
            meta.flags.append("delivered_late_year")
    elif session.year:
        meta.year = session.year
    elif title_year:
        meta.year = title_year
        pub = session.published
        if pub is not None and int(pub[:4]) == title_year and _year_for(title_year, int(pub[5:7])) > title_year:
            # 洪山镇政府工作报告(2021), published 2021-12-31: a session of the year's end, for the next
            meta.year = title_year + 1
            meta.flags.append("year_from_published")
    elif _fm_year(fm):
        meta.year = int(fm["year"])
    elif p is not None and (m := _PATH_YEAR.match(p.stem)):
        meta.year = int(m.group("year"))
        meta.flags.append("year_from_path")
    else:
        meta.year, flag = _year_from_body(text, session)
        if flag is not None:
            meta.flags.append(flag)
    if session.published is not None:
        meta.extra["published"] = session.published  # (extraction dates a mid-year page's months by it)
    from_name = title_year is not None or _fm_year(fm) or "year_from_path" in meta.flags
    weak = {"year_from_headings", "year_from_published"}.intersection(meta.flags)
    if (
        meta.date is None
        and meta.year is not None
        and from_name
        and not weak
        and _reviews_its_own_year(text, meta.year)
    ):
        # an undated report titled by the year it reviews (四川省/2003.md:
        # 一、2003年工作回顾 … 二、2004年工作安排) was delivered the year after
        meta.year += 1
        meta.flags.append("year_from_plan")


def _year_from_body(text: str, session: _Session) -> tuple[int | None, str | None]:
    """The year of a text with no date, title year, front matter or path year, and its flag:
    from the review and plan headings or the review's opening, else what the body says of its
    year (今年是“十四五”开局之年, a sentence led by a year, the months reported on), else the
    page's publication date, else the latest party plenum named. The guesses read the text's
    head with its years in digits, made once."""
    head = _arabic_years(text[:HEADINGS_CHARS])
    for guess in (_year_from_headings, _year_from_opening):
        if (y := guess(head)) is not None:
            return y, "year_from_headings"
    if (end := _plan_period_reviewed(text)) is not None:
        return end + 1, "year_from_headings"  # 一、“十二五”时期工作回顾: a report for 2016
    # what the text says of its year before when its page was published: local pages are often
    # posted years late (on the development texts the publication date gave the year of 67 of
    # 101 texts; year-led sentences 12 of 13, the months reported on 4 of 4)
    for guess, flag in (
        (_year_from_named_year, "year_from_headings"),
        (_year_from_sentence_lead, "year_from_body"),
        (_year_from_months, "year_from_months"),
    ):
        if (y := guess(head)) is not None:
            return y, flag
    if session.published is not None:
        year = int(session.published[:4])
        if not _MID_YEAR_REPORT.search(text, 0, HEADINGS_CHARS):  # (a mid-year report published late is of its year)
            year = _year_for(year, int(session.published[5:7]))
        return year, "year_from_published"
    if (y := _year_from_party_meetings(text)) is not None:  # (named anywhere in the text)
        return y, "year_from_plenum"
    return None, None


# 一、2022年工作回顾, 2023年政府工作回顾, 一、2024年办事处工作回顾: the year reviewed
_REVIEW_YEAR = _regex.compile(
    # (at a line's start, or inline after 。/： in a text run into one paragraph)
    r"(?:^|(?<=[。：:]))(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*(?:关于)?(?:过去五年|“?十[一二三四五]五”?)?(?:和|及|暨)?"
    # (not 2025年上半年工作总结: a mid-year summary is of the year itself, see _MID_YEAR_HEADING)
    r"((?:19|20)\d{2}) ?年(?:度)?(?!上半年|前三季度|一季度|[1一]\s*" + _MONTH_DASH + r"\s*\d{1,2}\s*月)"
    + _AND_YEARS
    + r"(?:的)?"
    r"[\u4e00-\u9fff]{0,6}?(?:工作回顾|工作总结|工作完成情况|主要工作回顾|工作情况|发展情况|工作亮点|工作成效)",
    re.M,
)
# 二、2023年工作安排: the year planned
_PLAN_YEAR = _regex.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*((?:19|20)\d{2})年(?:的)?(?:政府)?"
    r"(?:工作安排|主要任务|工作目标|重点工作|工作部署|总体要求|工作思路|主要目标|工作打算|总体思路|工作重点|目标任务"
    r"|工作\s*$"  # 二、2023年的工作
    # 2024年经济社会发展主要预期目标：
    r"|(?:经济社会|国民经济和社会)?发展的?主要(?:预期)?目标)",
    re.M,
)
# 2023年，全镇经济社会发展的主要预期目标是：…: the plan names its year in a sentence
_PLAN_YEAR_SENTENCE = _regex.compile(
    r"(?:^|(?<=[\n。]))[ \t\u3000]*((?:19|20)\d{2})年[，,]?[^。\n]{0,30}?"
    r"(?:主要预期目标|预期目标(?:是|为)|政府工作的总体要求|工作的指导思想|总体工作思路)"
)
# 2012年是雅瑶镇在挑战中加快发展的一年。一年来…: the review opens with its year
_OPENING_YEAR = _regex.compile(
    r"(?:^|。)\s*(?:刚刚过去的)?((?:19|20)\d{2})年(?:是|，是|,是)[^\n]{0,200}?(?:一年来|这一年|过去的一年|过去一年)",
    re.M,
)


# 二〇一四年工作回顾: a year in Chinese numerals, four characters like its digits
#: A year in Chinese numerals (二〇一四, 二零二三; 二0二二 and 二O二二 typed with a digit or letter for 〇)
_CN_ZERO = r"[〇零○Ｏ0OＯ]"
_CN_YEAR_SRC = r"[一二]" + _CN_ZERO + r"[〇零○Ｏ0OＯ一二三四五六七八九]{2}"
# its first two characters, led by the second (rarer than 一 and 二): a text without them holds
# no such year, told by a scan that skips to those characters
_CN_YEAR_START = _regex.compile(_CN_ZERO + r"(?<=[一二]" + _CN_ZERO + ")")
_CN_YEAR = _regex.compile(_CN_YEAR_SRC + r"(?=\s*年)")
_CN_YEAR_DIGITS = str.maketrans("〇零○Ｏ0OＯ一二三四五六七八九", "0000000123456789")


def _arabic_years(text: str) -> str:
    """``text`` with years in Chinese numerals written in digits (二〇一四年 → 2014年; offsets unchanged)."""
    return _CN_YEAR.sub(lambda m: m.group().translate(_CN_YEAR_DIGITS), text)


# 二〇二三年一月十日: a date in Chinese numerals (the month and day after a year only)
_CN_DATE = _regex.compile(
    rf"(?P<y>{_CN_YEAR_SRC})\s*年"
    r"(?:\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月(?:\s*(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日)?)?"
)


def _cn_number(s: str) -> int:
    """一 … 三十一 (at most two places)."""
    digits = "一二三四五六七八九"
    if "十" not in s:
        return digits.index(s) + 1
    tens, _, ones = s.partition("十")
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(ones) + 1 if ones else 0)


def _arabic_dates(text: str) -> str:
    """``text`` with dates in Chinese numerals written in digits (二〇二三年一月十日 → 2023年1月10日),
    for reading a head's years and dates (offsets change: never for the text itself)."""
    def digits(m: re.Match[str]) -> str:
        out = m["y"].translate(_CN_YEAR_DIGITS) + "年"
        if m["m"]:
            out += f"{_cn_number(m['m'])}月"
        if m["d"]:
            out += f"{_cn_number(m['d'])}日"
        return out

    return _CN_DATE.sub(digits, text) if "年" in text and _CN_YEAR_START.search(text) else text


class _DatedLines:
    """A head's lines with their dates in Chinese numerals written in digits (:func:`_arabic_dates`),
    each converted when first read: the readers of a head stop after its first lines or
    characters (on the benchmark reports, before half of what its 40 lines hold)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._dated: list[str | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._lines)))]
        line = self._dated[i]
        if line is None:
            line = self._dated[i] = _arabic_dates(self._lines[i])
        return line

    def __iter__(self) -> Iterator[str]:
        dated = self._dated
        for i, line in enumerate(self._lines):
            done = dated[i]
            if done is None:
                done = dated[i] = _arabic_dates(line)
            yield done


class _Lines:
    """``lines`` followed by ``last`` (``[*lines, last]``), without reading ``lines`` first."""

    def __init__(self, lines: Sequence[str], last: str) -> None:
        self._lines = lines
        self._last = last

    def __len__(self) -> int:
        return len(self._lines) + 1

    def __getitem__(self, i: int | slice) -> str | list[str]:
        n = len(self._lines)
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(n + 1))]
        if i < 0:
            i += n + 1
        if i == n:
            return self._last
        if not 0 <= i < n:
            raise IndexError(i)
        return self._lines[i]

    def __iter__(self) -> Iterator[str]:
        yield from self._lines
        yield self._last


def _joined(lines: Iterable[str], size: int, *, strip: bool = False) -> str:
    """``"".join(lines)[:size]``, each line stripped first with ``strip``: the lines after the
    first ``size`` characters are not read."""
    parts: list[str] = []
    total = 0
    for line in lines:
        if total >= size:
            break
        if strip:
            line = line.strip()
        parts.append(line)
        total += len(line)
    return "".join(parts)[:size]


# X街道2025年工作总结及2026年工作计划, 2022年度工作总结: the title of an annual summary
_SUMMARY_TITLE = _regex.compile(
    # (2023年上半年工作总结: a mid-year summary, of its own year)
    # (关于X镇2022年度工作情况的报告: the same)
    r"((?:19|20)\d{2})\s*年度?(?P<part>上半年|前三季度|1\s*" + _MONTH_DASH
    + r"\s*\d{1,2}\s*月(?:份)?)?[\u4e00-\u9fff]{0,6}?"
    # (关于X镇2022年工作情况和2023年工作安排的报告: the plan's year)
    # (X县2023年上半年工作情况: a mid-year title needs no 报告)
    # (关于X镇2023年工作情况的汇报, 2023年工作开展情况报告, 2023年工作汇报: the same)
    r"(?:工作总结|工作(?:开展|推进|完成)?情况的?(?:报告|汇报)|工作汇报"
    # (2023年工作完成情况, 2023年经济运行情况, 2023年工作回顾及2024年工作思路: a title's whole, or
    # followed by the plan's year)
    r"|(?:工作(?:开展|推进|完成)?情况|工作回顾|工作亮点|(?:目标)?任务完成情况|(?:经济社会发展|经济运行)情况)"
    r"(?=\s*(?:(?:和|及|暨|与|以及)\s*(?:19|20)\d{2}|$))"
    r"|(?<=[年季月])工作情况\s*$)"
    r"(?:\s*(?:和|及|暨|与|以及)\s*((?:19|20)\d{2})\s*年度?[\u4e00-\u9fff]{0,6}?工作(?:计划|安排|思路|打算|要点))?"
)


_SUMMARY_LINE = _regex.compile(r"[^\d\n，,。]{0,30}?" + _SUMMARY_TITLE.pattern + r"[^\n，,。]{0,16}$")


def _year_from_headings(head: str) -> int | None:
    """The plan year named by the review and plan headings of an undated text's ``head`` (its
    first ``HEADINGS_CHARS``, years in digits: :func:`_arabic_years`), or by the title of an
    annual summary (2025年工作总结及2026年工作计划 → 2026)."""
    first = head.lstrip()[:200].split("\n", 1)[0]
    # the title line, or a line of the first few that is only a summary's title (a document
    # site's copy: 分享 / 庄桥街道2021年上半年工作总结和下半年工作思路.docx)
    m = _SUMMARY_TITLE.search(first) or next(
        (t for line in head.split("\n", _TITLE_LINES)[1:_TITLE_LINES] if (t := _SUMMARY_LINE.match(line.strip()))), None
    )
    if m is not None:
        if m.group(3):
            return int(m.group(3))
        return int(m.group(1)) + (0 if m.group("part") else 1)
    plans = [int(m.group(1)) for m in _PLAN_YEAR.finditer(head)]
    reviews = [int(m.group(1)) + 1 for m in _REVIEW_YEAR.finditer(head)]
    if reviews:
        return reviews[0]
    if plans:
        return plans[0]
    if (m := _PLAN_YEAR_SENTENCE.search(head)) is not None:
        return int(m.group(1))
    if (m := _MID_YEAR_HEADING.search(head)) is not None:
        return int(m.group(1))  # 一、2024年上半年经济社会发展情况: a report to a mid-year session
    return None


# 一、上半年国民经济和社会发展计划执行情况, 前三季度工作总结: a report on the months of its year
_FIRST_MONTHS = r"(?:上半年|前三季度|1\s*" + _MONTH_DASH + r"\s*\d{1,2}\s*月)"  # the months of a year under way
_MID_YEAR_REPORT = _regex.compile(
    r"^(?:[一二三四五六七八九十]+、)?\s*(?:(?:19|20)\d{2}\s*年)?\s*" + _FIRST_MONTHS
    + r"[^\n。]{0,24}(?:执行情况|完成情况|工作总结|工作回顾)",
    re.M,
)
_MID_YEAR_HEADING = _regex.compile(
    r"^(?:[一二三四五六七八九十]+、)?\s*((?:19|20)\d{2})\s*年\s*" + _FIRST_MONTHS + r"[^\n。]{0,12}(?:工作|情况|回顾)",
    re.M,
)



def _year_from_opening(text: str) -> int | None:
    """The plan year of an undated text whose review opens with its year:
    2012年是…一年来, or right after the greeting 2017年，…全县实现生产总值239亿元
    (``text``: the head, years in digits, as for :func:`_year_from_headings`)."""
    m = _OPENING_YEAR.search(text, 0, 3000) or _OPENING_YEAR_OF.search(text, 0, 600) or _PAST_YEAR.search(text, 0, 1500)
    if m:
        return int(m.group(1)) + 1
    greeting = text.find("各位代表", 0, 3000)
    start = greeting if greeting >= 0 else 0  # a summary without a greeting opens with its results
    m = _OPENING_RESULTS.search(text, start, start + 400)
    if m and not _GOAL_WORDS.search(m.group()):
        return int(m["y"]) + 1
    m = _OPENING_LED.search(text, start, start + 400)
    if m and _YEAR_LOOKED_BACK.search(text, m.end(), m.end() + 2000):
        return int(m["y"]) + 1
    m = _OPENING_REVIEW.search(text, start, start + _OPENING_REVIEW_WITHIN)
    if m and (so_far := _MID_YEAR_WORDS.search(text, m.start(), m.end() + 300)):
        # 2013年，我镇…。一、…截至6月底，全镇财税总收入…: a summary of the year's first months (up to
        # September: one reporting 1-10月 is written at the year's end, for the next)
        before_october = not so_far["since"] and (so_far["n"] or so_far["n2"]) not in ("10", "十")
        if before_october and "全年" not in text[m.start():so_far.start()]:
            return int(m["y"])
    elif m and _tells_deeds(m["s"]):
        return int(m["y"]) + 1
    m = _OPENING_PLAN_PERIOD.search(text, start, start + 400)
    if m and _tells_deeds(m["s"]):
        return PLAN_PERIOD_FIRST_YEAR[m["p"]] + 5  # (“十三五”期间，…: the review of 2016-2020, for 2021)
    return None


def _tells_deeds(opening: str) -> bool:
    """Whether an opening tells what was done, not what is planned (which a plan says in its
    first sentence: 2023年是…开局之年，做好今年工作…)."""
    return bool(_REVIEW_DEEDS.search(opening)) and not _PLAN_DEEDS.search(opening.partition("。")[0])


# 2023年，全镇上下坚持…，较好完成了年初确定的各项工作任务。: the first paragraph led by a year
# tells what was done in it (a text whose title and headings are lost opens with its review)
_OPENING_REVIEW = _regex.compile(
    r"(?:^|(?<=[\n。：:]))[ \t\u3000]*(?:刚刚过去的)?(?P<y>(?:19|20)\d{2})\s*年(?:[，,]\s*是?|是)(?P<s>[^\n]{0,250})"
)
_OPENING_REVIEW_WITHIN = 1500
# “十三五”期间，我镇…。五年来，…; “十一五”时期，是我县…极不平凡的五年: a text whose title is lost
# opening with the review of a whole plan period (for the year after it; not “十三五”以来: under way)
_OPENING_PLAN_PERIOD = _regex.compile(
    r"(?:^|(?<=[\n。：:]))[ \t\u3000]*[“\"]?十(?P<p>[一二三四五])五[”\"’]?(?:规划)?(?:时期|期间|期間|的五年)"
    r"[，,]?\s*(?P<s>[^\n]{0,250})"
)
_REVIEW_DEEDS = _regex.compile(
    r"交出了|完成了|较好地?完成|圆满完成|全面完成|超额完成|取得了|实现了|经受住|克服了?|战胜了?|攻坚克难|砥砺奋进|负重前行"
    r"|极不平凡|极不寻常|极为不易|团结带领|在[^。\n]{0,40}?(?:领导|領導)下"
)
_PLAN_DEEDS = _regex.compile(
    r"今年(?!以来)|明年|(?<![重主需只])要(?![求素点事])|将|力争|确保|(?<!扎实)(?<!扎實)做好|主要预期目标|预期目标|总体要求|指导思想|总体思路|建议|目标是"
)
# the months of a year under way: 上半年, 前三季度, 一季度, 今年以来, 1-N月 to October (1-11月 is
# reported to a December session, which plans the next year)
_MID_YEAR_WORDS = _regex.compile(
    r"上半年|前三季度|一季度|(?P<since>今年以来)"
    r"|[1１一]\s*" + _MONTH_DASH + r"\s*(?P<n>[1-9]|10|[一二三四五六七八九十])\s*月"
    r"|(?:截至|截止|至)\s*(?P<n2>[1-9]|10|[一二三四五六七八九十])\s*月(?:底|末)"
)


# 刚刚过去的2022年, 即将过去的2017年 (a December session), 过去的一年（2022年）: the year reviewed
_PAST_YEAR = _regex.compile(
    r"(?:(?:刚刚|刚|即将)过去的\s*|过去的?一年\s*[（(]\s*|(?:^|(?<=[\n。：:]))\s*回顾\s*)((?:19|20)\d{2})"
    r"(?:\s*年(?!上半年|前三季度)|(?=[，,]))"  # (回顾2018，书写…篇章)
)
# 2022年,是稳中求进、克难而进、砥砺奋进的一年。: the text opens by naming the year it reviews
_OPENING_YEAR_OF = _regex.compile(r"(?:^|。)\s*((?:19|20)\d{2})年[，,]?是[^\n。]{0,60}的一年[。，,]", re.M)
# 2022年以来，在区委、区政府的正确领导下，…。一年来，…: a year's review opening with its year
_OPENING_LED = _regex.compile(
    r"(?:^|(?<=[\n。：:]))[ \t\u3000]*(?P<y>(?:19|20)\d{2})\s*年(?:以来)?[，,][^。\n]{0,30}?在[^。\n]{0,40}?领导下"
    r"(?![^。\n]{0,80}(?:上半年|前三季度|一季度))"
)
_YEAR_LOOKED_BACK = _regex.compile(r"一年来|过去的一年|过去一年|全年")


# 各位代表：…2017年，县域经济持续向好，全县实现生产总值239亿元: results of the year named
_OPENING_RESULTS = _regex.compile(
    r"(?:^|(?<=[\n。：:]))[ \t\u3000]*(?P<y>(?:19|20)\d{2})\s*年(?:[，,]|(?=[全我][镇乡县区市街]))[^。\n]{0,120}?"
    r"(?:实现|完成|同比|比上年|较上年)[^。\n]{0,40}?\d"
)


# 今年是“十四五”开局之年, 过去的一年是新中国成立70周年: a year named by what it is
_NAMED_YEAR = _regex.compile(
    r"(?P<when>今年|明年|去年|过去的?一年|刚刚过去的一年)[，,]?(?:既)?是[^。\n；;]{0,30}?"
    r"(?:“?十(?P<plan>[一二三四五])五”?(?:规划|时期)?的?(?P<pos>开局|起步|收官|开篇)之年"
    r"|(?P<what>新中国成立|建党|中国共产党成立|改革开放)(?P<n>\d{2,3}|一百|[一二三四五六七八九]?十)周年"
    # 党的二十大召开之年 (2022); 全面贯彻党的二十大精神的开局之年 (2023)
    r"|(?:迎接|喜迎)?党的(?P<congress>十[六七八九]|二十)大(?:(?P<held>胜利)?召开|精神的?开局)之年"
    r"|(?P<xiaokang>全面建成小康社会(?:和“?十三五”?规划)?收官|决胜全面建成小康社会、决战脱贫攻坚)之年)"
)
_ANNIVERSARY_BASE = {"新中国成立": 1949, "建党": 1921, "中国共产党成立": 1921, "改革开放": 1978}
_TENS = "一二三四五六七八九"


def _anniversary(n: str) -> int:
    """The years of an anniversary: 70, 七十, 一百 (庆祝中国共产党成立一百周年)."""
    if n.isdigit():
        return int(n)
    if n == "一百":
        return 100
    return 10 * (_TENS.index(n[0]) + 1 if len(n) == 2 else 1)


def _year_from_named_year(head: str) -> int | None:
    """The plan year of an undated text that names its year by what it is: 今年是“十四五”开局之年
    (2021), 过去的一年是“十三五”收官之年 (2020, so 2021), 今年是新中国成立70周年 (2019),
    今年是党的二十大召开之年 (2022), 全面贯彻党的二十大精神的开局之年 (2023), 全面建成小康社会
    收官之年 (2020); ``head`` as for :func:`_year_from_headings`."""
    if "之年" not in head and "周年" not in head:
        return None
    m = _NAMED_YEAR.search(head)
    if m is None:
        return None
    if m["plan"]:
        year = PLAN_PERIOD_FIRST_YEAR[m["plan"]] + (4 if m["pos"] == "收官" else 0)
    elif m["congress"]:
        # (a congress meets in the autumn before the year its first sessions plan: see _PLAN_YEAR_AFTER)
        year = _PLAN_YEAR_AFTER[(m["congress"], 0)] - (1 if "召开" in m.group() else 0)
    elif m["xiaokang"]:
        year = 2020  # the year set for 全面建成小康社会 and the end of 脱贫攻坚
    else:
        year = _ANNIVERSARY_BASE[m["what"]] + _anniversary(m["n"])
    # (明年是… is said at a December session, which plans that next year: _year_for)
    return year + (0 if m["when"] in ("今年", "明年") else 1)


# 2023年，力争地区生产总值增长6%: the year planned, leading a sentence
_PLAN_LEAD = _regex.compile(
    r"(?:^|(?<=[\n。；：:]))[ \t\u3000]*((?:19|20)\d{2})\s*年[，,]?\s*(?:[全我本][镇乡县区市旗][^，,。\n]{0,8}?)?"
    r"(?:(?:经济社会发展的?)?主要(?:预期)?目标(?:是|为)|要?力争|工作的?总体要求是)"
    r"(?![^。\n]{0,6}(?:完成|实现了))"  # (not 2020年主要目标是…完成: a year looked back on)
)


def _year_from_sentence_lead(head: str) -> int | None:
    """The plan year of an undated text by the year leading a sentence: the year planned
    (2023年，力争… → 2023), else the year whose results are told (2022年，全镇实现… → 2023).
    Anywhere in the ``head`` (as for :func:`_year_from_headings`), where :func:`_year_from_opening`
    reads only its opening."""
    if (m := _PLAN_LEAD.search(head)) is not None:
        return int(m.group(1))
    for m in _OPENING_RESULTS.finditer(head):
        if not _GOAL_WORDS.search(m.group()):
            return int(m["y"]) + 1
    return None


# 2023年1-10月, 2023年前三季度, 截至2023年10月底, 比2022年同期: the months of a year the text reports on
_YEAR_MONTHS = _regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?:1|一|元)\s*" + _MONTH_DASH + r"\s*(?P<m>\d{1,2})\s*月"
    r"|(?P<part>上半年|前三季度)|(?P<m2>\d{1,2})\s*月[底末])"
    r"|(?:比|较|与)(?P<base>(?:19|20)\d{2})\s*年同期"
)
# 前三季度工作总结, 1-8月工作情况: a title naming a year's first months but not the year
_MONTHS_TITLE = _regex.compile(_FIRST_MONTHS + r"[^\n。，,]{0,12}(?:工作|情况|回顾|总结)")
# 2023年以来，… leading a sentence (in a summary of the months: that year's)
_SINCE_LEAD = _regex.compile(r"(?:^|(?<=[\n。]))[ \t\u3000]*((?:19|20)\d{2})\s*年以来[，,]")
# 今年以来, 1-9月, 截至9月底: a text telling of the year so far, before its last quarter (not
# 上半年 or 前三季度 alone, which an annual review names as well)
_SO_FAR = _regex.compile(
    r"今年以来|(?:[1１一]\s*" + _MONTH_DASH + r"|截至|截止)\s*(?:[1-9]|[一二三四五六七八九])\s*月(?![份]?[1-9\d])"
)


def _year_from_months(head: str) -> int | None:
    """The year of an undated text by the months it reports on: the year itself for a
    report to a mid-year session (2023年1-8月, 上半年), the next one for a summary of the
    year's first ten or eleven months (2023年1-11月: delivered at the year's end, as
    :func:`_year_for` reads a session date); 比2022年同期 names the year before the months.
    ``head`` as for :func:`_year_from_headings`."""
    if "月" not in head and "同期" not in head and "上半年" not in head and "前三季度" not in head:
        return None
    m = _YEAR_MONTHS.search(head)
    if m is None:
        # 太平镇前三季度工作总结 … 2023年以来，全镇…; 2023年以来，…截至9月底: a summary of a year's
        # first months, the year led
        if (_MONTHS_TITLE.search(head, 0, 200) or _SO_FAR.search(head)) and (m := _SINCE_LEAD.search(head)):
            return int(m.group(1))
        return None
    if m["base"]:
        return int(m["base"]) + 1
    last = int(m["m"] or m["m2"] or 0) or FIRST_MONTHS_LAST[m["part"]]
    return _year_for(int(m["y"]), last + 1)  # reported in the month after the last one


# 党的十九大和十九届二中、三中、四中全会精神: the party congresses and plenums a text studies
_CONGRESS = _regex.compile(r"(十[六七八九]|二十)大")
_PLENUM = _regex.compile(
    r"(十[六七八九]|二十)届(?P<ns>[一二三四五六七]中?(?:\s*[、和及与]\s*[一二三四五六七]中?)*)中全会"
)
#: The year planned by the first annual sessions after each congress (0) and plenum of the party's
#: Central Committees: 十九届四中全会 (October 2019) → the reports of early 2020. A plenum held in
#: February (十九届三中全会, 2018) is named first by the next winter's reports.
_PLAN_YEAR_AFTER: dict[tuple[str, int], int] = {
    ("十六", 0): 2003, ("十六", 1): 2003, ("十六", 2): 2003, ("十六", 3): 2004, ("十六", 4): 2005,
    ("十六", 5): 2006, ("十六", 6): 2007,
    ("十七", 0): 2008, ("十七", 1): 2008, ("十七", 2): 2008, ("十七", 3): 2009, ("十七", 4): 2010,
    ("十七", 5): 2011, ("十七", 6): 2012, ("十七", 7): 2013,
    ("十八", 0): 2013, ("十八", 1): 2013, ("十八", 2): 2013, ("十八", 3): 2014, ("十八", 4): 2015,
    ("十八", 5): 2016, ("十八", 6): 2017, ("十八", 7): 2018,
    ("十九", 0): 2018, ("十九", 1): 2018, ("十九", 2): 2018, ("十九", 3): 2019, ("十九", 4): 2020,
    ("十九", 5): 2021, ("十九", 6): 2022, ("十九", 7): 2023,
    ("二十", 0): 2023, ("二十", 1): 2023, ("二十", 2): 2024, ("二十", 3): 2025, ("二十", 4): 2026,
}
_PLENUM_NUMBER = {c: i + 1 for i, c in enumerate("一二三四五六七")}


def _year_from_party_meetings(text: str) -> int | None:
    """The plan year of an undated text by the latest party congress or plenum it names
    (贯彻党的十九大和十九届二中、三中、四中全会精神 → 2020): a lower bound that is right for
    a report of the first sessions after it, flagged ``year_from_plenum``."""
    if "大" not in text and "全会" not in text:
        return None
    years = [_PLAN_YEAR_AFTER[(m.group(1), 0)] for m in _CONGRESS.finditer(text)]
    for m in _PLENUM.finditer(text):
        for n in re.findall("[一二三四五六七]", m.group("ns")):
            years.append(_PLAN_YEAR_AFTER.get((m.group(1), _PLENUM_NUMBER[n]), 0))
    return max(years) if years and max(years) else None


def _split_chain(name: str) -> tuple[str, str | None]:
    """``聊城市东昌府区`` → (``东昌府区``, ``聊城市``): the last unit of a chain
    of names and the rest. A split is made only where the part before it is a
    province or a gazetteer name (杭州湾新区 stays whole)."""
    for i in range(2, len(name) - 2):
        rest = name[i:]
        if name[i - 1] in "省市区县州盟旗镇乡" and _REGION_NAME.match(rest):
            first = name[:i]
            if first in PROVINCES or first in division_levels() or _split_chain(first)[1] is not None:
                inner, _ = _split_chain(rest)
                return inner, name[: len(name) - len(inner)]
    return name, None


def _self_level(text: str, session: _Session, role: str | None) -> str | None:
    """The level a report speaks from: 在县十九届人大…, 镇长, 全镇/我镇 … ."""
    if session.level:
        return session.level
    for r, lv in _ROLE_UNIT.items():
        if role and role.endswith(r):
            return lv
    head = text[:3000]
    counts = {lv: len(rx.findall(head)) for lv, rx in _SELF_WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else None


def _level_suffix_ok(name: str, level: str | None) -> bool:
    return level is None or level_of_region(name)[0] == level or (level == "county" and name.endswith("市"))


def _whole_name(text: str, m: re.Match[str]) -> str:
    """The region a match names, with the township suffix after it when the name holds a city's
    (蒲鞋市街道, 南市镇: the shortest name ending in a suffix stops at 市)."""
    region, end = m.group("region"), m.end("region")
    for suffix in ("街道", "镇", "乡"):
        if text.startswith(suffix, end) and "township" in division_levels().get(region + suffix, "").split("/"):
            return region + suffix
    return region


def _region_from_body(text: str, head_lines: list[str], session: _Session, role: str | None) -> tuple[str | None, str]:
    """Region from the speaker line, 我代表X人民政府, the page header or the body."""
    level = _self_level(text, session, role)
    if role:
        m = re.search(
            rf"(?P<region>{_UNIT})(?:人民政府|政府|办事处)?(?:代理|代)?"
            r"(?:县长|区长|旗长|镇长|乡长|市长|主任|苏木达)$",
            role,
        )
        if m and _REGION_NAME.match(m.group("region")):
            return m.group("region"), "speaker"
    head = text[:3000]
    for m in _SELF.finditer(head):
        if m.group("street") and _REGION_NAME.match(m.group("street")):
            return m.group("street"), "self"
        if _REGION_NAME.match(m.group("region")):
            return m.group("region"), "self"
    m = _OPENING_TITLE.match(text)
    region = _whole_name(text, m) if m else None
    if region and _REGION_NAME.match(region) and _level_suffix_ok(_split_chain(region)[0], level):
        return region, "title"  # 新篁镇“十一五”工作总结及…: a title run into the text
    for line in head_lines[:_TITLE_LINES]:
        m = _HEADER_ORG.search(line)
        region = _whole_name(line, m) if m else None
        if region and _REGION_NAME.match(region):
            name, _ = _split_chain(region)
            if _level_suffix_ok(name, level):
                return region, "page_header"
        m = _CRUMBS.search(line)
        if m:
            for part in reversed(re.split(r"\s*(?:>>|>|»|/|→)\s*", m.group("path"))):
                part = part.strip()
                if _REGION_NAME.match(part) and _level_suffix_ok(_split_chain(part)[0], level):
                    return part, "page_header"
    for lv in ([level] if level in ("township", "county") else []) + ["township", "county"]:
        names = division_levels()
        suffix = _LEVEL_SUFFIX[lv]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in re.finditer(rf"[\u4e00-\u9fff]{{2,8}}?{suffix}", text[:8000]):
            if _HONOUR_AFTER.match(text, m.end()):
                continue  # 全省平安区称号, 文明镇创建: a title earned, not a place
            name = m.group()
            for i in range(len(name) - 2):  # the longest gazetteer name ending here
                if lv in names.get(name[i:], "").split("/"):
                    counts[name[i:]] = counts.get(name[i:], 0) + 1
                    first.setdefault(name[i:], m.start() + i)
                    break
        if counts:
            best = max(counts, key=counts.get)
            if counts[best] >= 2 or len(counts) == 1:
                return best, "body"
            opening = min(first, key=first.get)
            if lv == level and first[opening] < _OPENS_WITH_NAME:
                return opening, "body"  # 鸿塘镇先后有…企业落户我镇: a text in the place's voice opening with its name
    if level in ("township", "county"):
        short = _short_name_in_body(text[:8000], level)
        if short:
            return short, "body"
    return None, ""


_HONOUR_AFTER = _regex.compile(r"称号|创建|荣誉")
_OPENS_WITH_NAME = 12  # characters from a text's start within which its own name opens it
# a text that opens with its title, run into the text when line breaks were lost:
# 新篁镇“十一五”工作总结及“十二五”工作规划一、2010年工作总结今年以来，…
_OPENING_TITLE = _regex.compile(
    r"\s*(?P<region>(?:[\u4e00-\u9fff]{2,8}?" + _NAME_SUFFIX + r"){1,4})(?:人民政府|政府|办事处)?"
    r"[^，,。\n]{0,24}?(?:工作总结|政府工作报告|工作报告)"
)
# The suffixes of a township's and a county's name, for names found in the body
_LEVEL_SUFFIX = {level: region_suffix_pattern(suffixes) for level, suffixes in LEVEL_SUFFIXES.items()}
_SHORT_SUFFIX = {lv: _regex.compile(suffix + "$") for lv, suffix in _LEVEL_SUFFIX.items()}
_SHORT_MIN_COUNT = 3
_SHORT_MAX_FREQ = 300  # jieba's dictionary frequency: 黎平 33, 黄池 7; 建设 26381, 和平 7998


@lru_cache(maxsize=2)
def _short_names(level: str) -> dict[str, str]:
    """Gazetteer names of one level without their suffix (黎平 → 黎平县), for
    the names of two to four characters whose short form no other name of the
    level shares."""
    out: dict[str, str | None] = {}
    for name, levels in division_levels().items():
        if level not in levels.split("/"):
            continue
        short = _SHORT_SUFFIX[level].sub("", name)
        if 2 <= len(short) <= 4 and short != name:
            out[short] = None if short in out and out[short] != name else name
    return {k: v for k, v in out.items() if v is not None}


def _short_name_in_body(text: str, level: str) -> str | None:
    """The region of a text that speaks of itself by its short name only
    (也是黎平发展史上…; the session line says 县): the gazetteer name of the
    level whose short form the text uses at least three times, clearly more
    than any other, and that is no common word."""
    shorts = _short_names(level)
    counts: dict[str, int] = {}
    for n in (2, 3, 4):
        for i in range(len(text) - n + 1):
            w = text[i:i + n]
            if w in shorts:
                counts[w] = counts.get(w, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    best, n_best = ranked[0]
    if n_best < _SHORT_MIN_COUNT or (len(ranked) > 1 and ranked[1][1] * 2 > n_best):
        return None
    if jieba_word_freq().get(best, 0) >= _SHORT_MAX_FREQ:
        return None
    return shorts[best]


# Words a region pattern can take in front of a name: 在霍山县, 政府工作报告程家集镇
_REGION_LEAD = _regex.compile(r"^(?:.*(?:工作报告|报告|会议))?(?:在|于|向|由|是|据)?|人民政府|政府(?=.)|办事处(?=.)")


def _set_region(meta: ReportMeta, text: str, fm: dict[str, str], p: PurePath | None, title_region: str | None,
                session: _Session, role: str | None) -> None:
    path_level = _level_from_path(p) if p is not None else None
    path_region = None
    if p is not None and _PATH_YEAR.match(p.stem) and _REGION_NAME.match(p.parent.name):
        path_region = p.parent.name  # the <region>/<year>.md layout
    if fm.get("region"):
        meta.region = fm["region"]
    elif session.national or path_level == "national":
        meta.region = "全国"
    elif title_region and session.region and len(title_region) > len(session.region) + 1 and (
        title_region.endswith(session.region)
    ):
        # 恩施州咸丰县 in the title, 咸丰县 at the session: the unit and its parent
        meta.region = session.region
        meta.extra["parent"] = title_region[: -len(session.region)]
    elif title_region:
        meta.region = title_region
    elif session.region:
        meta.region = session.region
    elif path_region is None:
        region, how = _region_from_body(text, text.split("\n", _TITLE_LINES)[:_TITLE_LINES], session, role)
        if region:
            meta.region = region
            meta.flags.append(f"region_from_{'body' if how == 'body' else 'header'}")
    if meta.region and not fm.get("region"):
        meta.region = _REGION_LEAD.sub("", meta.region) or None
        if meta.region and meta.region.endswith("街道办事处"):
            meta.region = meta.region[:-3]
    if meta.region and meta.region not in PROVINCES and meta.region in _PROVINCE_SHORT:
        meta.region = _PROVINCE_SHORT[meta.region]
    if meta.region and meta.region not in PROVINCES and meta.region != "全国" and not fm.get("region"):
        region, parent = _split_chain(meta.region)
        if parent:
            meta.region = region
            meta.extra["parent"] = parent
    if path_region and meta.region != "全国":
        if meta.region is None:
            meta.region = path_region
            meta.flags.append("region_from_path")
        elif meta.region != path_region:
            if _is_short_form(meta.region, path_region):
                meta.extra["region_as_named"] = meta.region
                meta.region = path_region
            else:
                meta.flags.append("region_conflict")
                meta.extra["path_region"] = path_region
    elif meta.region is None and p is not None and _REGION_NAME.match(p.parent.name):
        meta.region = p.parent.name
        meta.flags.append("region_from_path")


def _set_level(meta: ReportMeta, fm: dict[str, str], p: PurePath | None, role: str | None, session: _Session) -> None:
    level, guessed = level_of_region(meta.region)
    path_level = _level_from_path(p) if p is not None else None
    if fm.get("level"):
        level, guessed = fm["level"], False
    elif path_level is not None and level in (None, "city", "province"):
        # The corpus layout says which tier a 市 is; municipalities stay provincial.
        if not (level == "province" and path_level == "city"):
            level, guessed = path_level, False
    elif guessed and meta.region:
        known = division_levels().get(meta.region)
        if known is None and meta.region.endswith("市"):
            # 海门市 (now 海门区), 萧山市, 番禺市: a county-level city since made a district of its name
            known = "county" if division_levels().get(meta.region[:-1] + "区") == "county" else None
        if known in ("county", "city"):
            level, guessed = known, False  # 天长市 is a county-level city, 宿州市 a prefecture
    role = role or ""
    if guessed and role:
        if role.endswith(("县长",)):
            level, guessed = "county", False
        elif "市长" in role or "州长" in role:
            guessed = True
    meta.level = level
    if guessed and level is not None:
        meta.flags.append("level_guessed")
