"""Split reports into a tree of sections and into sentences.

A government work report is an outline: top-level parts (``一、2022年工作回顾``,
``二、2023年工作安排``, or bare lines such as ``2022年工作回顾``), sub-parts
(``（一）``), items (``1.`` / ``1、`` / ``（1）``) and paragraph leads
(``一是…``, ``第一，…``). :func:`find_sections` recovers that outline from one
cleaned text and labels every section with a *kind*:

========  ==============================================================
kind      what it covers
========  ==============================================================
review    the review of last year / the last five years (工作回顾, 过去一年 …)
problems  the paragraph(s) on shortcomings (我们也清醒地看到 … 困难和问题)
plan      next year's work (工作安排, 总体要求, 重点工作, 政府自身建设 …)
targets   the paragraph stating the 主要预期目标 (inside the plan part)
closing   the final call (各位代表！… 让我们 …) at the end of the speech
other     title block, greeting, opening paragraph, appendices (名词解释)
========  ==============================================================

Headings
--------
A heading is a paragraph (line) that opens with an enumeration marker —
``一、`` ``（一）`` ``1.`` ``1、`` ``（1）`` and the paragraph leads ``一是``
``第一，`` — or, after the greeting, a short bare line without sentence
punctuation (``2022年工作回顾``, ``过去一年和五年工作回顾``, ``名词解释``), a
Markdown ``#`` line or a bold-only ``**…**`` line. The heading text of a marked
paragraph is the whole line when it is a short title, else its first clause
(``一是经济活力持续增强。``, ``（二）以科技创新引领新质生产力发展。``).

Design
------
* One **root** section per report (``section_id`` 0, ``depth`` 0, kind
  ``other``, heading ``''``, ``origin='root'``) spans the whole text.
* Depth is assigned **dynamically**: a heading style nests below the styles
  that are open when it appears, and closes every deeper section when it
  comes back. So ``一、`` is depth 1 and ``（一）`` depth 2 in the usual
  layout, but ``一、`` under a bare ``2023年工作安排`` is depth 2. A bare part
  title (``2023年工作安排``) and an appendix heading always go back to depth 1;
  a list restarting at 1 inside a deeper level (``一、`` items of a 实事 list
  under ``（三）``) nests; a Markdown ``#`` level is explicit and wins.
* A section runs from its heading line to the next heading at the same or a
  shallower depth (or the end of the text).
* **Leaves tile the text**: whatever part of a parent is not covered by its
  children (its heading line and lead-in paragraphs, text after a
  paragraph-level leaf) becomes an *implicit* leaf with heading ``''``, the
  parent's kind and ``origin='implicit'``. The title block, greeting and
  opening paragraph are such a leaf of the root, kind ``other``.
* ``targets``, ``problems`` and ``closing`` are usually paragraphs without a
  heading. They become paragraph-level leaves (heading ``''``,
  ``origin='paragraph'``): the targets paragraph (plus the list that follows
  when it ends with a colon) is a child of the section it sits in; the
  problems paragraph and the paragraphs that carry it on are a child of the
  top-level section (normally the review); the closing run (the last
  paragraph(s) of the speech starting with 各位代表 / 同志们 / 让我们, before
  any glossary) is a top-level section that ends every open section.
* A review without a heading of its own (body paragraphs straight after the
  opening, before the first part) becomes a top-level ``review`` leaf with
  ``origin='paragraph'``.
* 政府自身建设 at the end of the plan is ``plan``, not ``closing``: only the
  final call is closing.
* Kinds of headings: a top-level heading is classified by the years it names
  (before the plan year → review, the plan year or later → plan; the plan
  year is the latest "YYYY年…工作" heading year or the meeting date) and else
  by its words (回顾/过去/成就 → review, 安排/任务/要求/目标/今后 → plan,
  名词解释/附件 → other). A heading naming both (``2022年工作回顾和2023年总体要求``)
  is review and lets its children decide. An unclassified top-level section
  is review until the review part is over (a sibling of the review heading,
  a problems paragraph), plan after that, other after the closing. Deeper
  sections inherit their parent's kind unless their heading names problems
  or (outside the review) targets.

The frame functions :func:`sections` and :func:`sentences` map the pure
functions over a reports frame.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from .. import _regex
from .._lazy import pandas as pd
from .._util import require_columns
from ..errors import InvalidOptionError
from ..schema import with_document_columns

__all__ = [
    "SECTION_COLUMNS",
    "SENTENCE_COLUMNS",
    "find_sections",
    "split_sentences",
    "sections",
    "sentences",
]

#: Columns of the frame returned by :func:`sections`.
SECTION_COLUMNS: tuple[str, ...] = (
    "report_id",
    "section_id",
    "parent_id",
    "depth",
    "heading",
    "kind",
    "start",
    "end",
    "is_leaf",
    "origin",
)

#: Columns of the frame returned by :func:`sentences`.
SENTENCE_COLUMNS: tuple[str, ...] = (
    "report_id",
    "sentence_id",
    "start",
    "end",
    "text",
    "section_id",
    "section_kind",
)

# --------------------------------------------------------------------------- patterns
# All compiled once at import (cheap: no data files, no optional packages).

# Headings ------------------------------------------------------------------

_CN = "[一二三四五六七八九十]{1,3}"
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Paragraph-initial enumeration markers. Order matters: 一是 before 一、.
_MARKER = _regex.compile(
    rf"""
    (?P<cn_paren>[（(]\s*{_CN}\s*[）)])
  | (?P<ar_paren>[（(]\s*\d{{1,2}}\s*[）)])
  | (?P<di>第{_CN}\s*[，,、：:])
  | (?P<yishi>{_CN}是(?=\S))
  | (?P<cn_dun>{_CN}\s*(?:、|[．.](?!\d)))
  | (?P<ar_dot>\d{{1,2}}\s*(?:、|[.．](?![\d%])))
    """,
    re.X,
)
# what a marker starts with, besides a decimal digit (\d: str.isdecimal): most lines start otherwise
_MARKER_FIRST = frozenset("（(第一二三四五六七八九十")
_NUMERAL = _regex.compile(rf"{_CN}|\d{{1,2}}")
# Styles that enumerate paragraphs rather than head them: they never nest in
# themselves, a new 一是 after 三是 restarts the list at the same depth.
_LEAD_STYLES = frozenset({"yishi", "di"})
_BOLD_LINE = _regex.compile(r"^\*\*(.+?)\*\*[\s:：]*$")

_HEADING_WHOLE_MAX = 60  # a marked line up to this long without a full stop inside is all title
_SENT_TERM_INSIDE = _regex.compile(r"[。！？；;!?]")
_HEADING_CUT = _regex.compile(r"[。！？；;!?]")  # else the title ends at the first full stop
_LEAD_CUT = _regex.compile(r"[。！？；;!?：:]")  # 一是… leads end at a colon too
# "一、2011年工作回顾 2011年是…" (what (?<=\S{6})\s+(?=\S) matches, opened by the blank so that
# the engine skips to blanks: the lookbehind first was tried at every position)
_TITLE_GAP = _regex.compile(r"\s(?<=\S{6}\s)\s*(?=\S)")
_BARE_MAX = 50  # bare (unmarked) headings: short, no sentence punctuation
_MARKED_MAX = 60  # Markdown / bold-only headings longer than this are body text
_BARE_BAD_END = frozenset("。！？；;：:，,、.!?…—-－~～")
_BARE_BAD_START = _regex.compile(
    r"^(?:——|—|-|－|>|\||（|\(|【(?!附)|"
    # a figure caption of a summary (167.83亿元——经济总量稳步提升), not a heading
    r"[\d.]+\s*(?:万亿|亿|万|千)?(?:元|美元|吨|人次|人|个|%)?\s*[—－-]{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"[〇零一二三四五六七八九]{4}年[〇零一二三四五六七八九十]{1,2}月|"
    r"(?:来源|[主协承]办单位|责任单位|牵头单位|配合单位|注|资料|作者|编辑|单位|时间|日期|发布)\s*[：:])"
)
_CJK = _regex.compile(r"[\u4e00-\u9fff]")
_PART_TITLE_MAX = 25  # a bare part title (2022年工作回顾) is short and has no comma
_COMMA = _regex.compile(r"[，,]")

# Title block and opening -----------------------------------------------------

_GREETING = _regex.compile(r"^(?:各位代表|各位委员|同志们)[：:，,！!]?$")
_GREETING_WITHIN = 40  # paragraphs
_INTRO = _regex.compile(r"我代表|受.{0,10}委托|报告(?:政府)?工作|审议|提出意见")
_TITLE_BLOCK_MAX = 10  # paragraphs searched for the meeting date
# a meeting date: 2023年1月12日, （2013年1月）, 2013年1月在…; not 本届政府于2007年12月组成
_DATE = _regex.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日|\s*(?=在|[)）]|$))")
_DATE_LINE_MAX = 120  # a title block's date line is short; a teaser paragraph is not
_LATE_MONTH = 10  # a meeting from October on plans for the next year
_UNHEADED_REVIEW_MIN_PARAS = 2
_UNHEADED_REVIEW_MIN_CHARS = 300

# Kinds named by headings -------------------------------------------------------

_KIND_HEAD_MAX = 40  # only the head of a long heading line names its part
# (every alternative led by a literal, the anchored one apart: the engine skips to candidates)
_APPENDIX = _regex.compile(
    "|".join(w + r"\s*(?:解释|注释|注解|说明|释义|解读)" for w in ("名词", "词语", "用语", "术语", "有关内容"))
    + r"|注\s*释|注\s*解|释\s*义|》附件|有关情况说明"
)
_APPENDIX_START = _regex.compile(r"[【《]?附\s*(?:件|录|表|[：:]|$)")
_APPENDIX_LINE_MAX = 30  # "名词注解：" with its colon still heads the glossary
_PROBLEMS = r"的?(?:主要|突出)?(?:问题|困难|不足|挑战|矛盾)"
_PROBLEMS_HEADING = _regex.compile(  # (every alternative led by a literal: the engine skips to candidates)
    rf"存在{_PROBLEMS}|面临{_PROBLEMS}|困难和(?:问题|挑战)|问题和(?:不足|困难|挑战)|"
    r"不足和差距|差距和不足|清醒(?:地)?(?:看到|认识)"
)
_TARGETS_HEADING = _regex.compile(r"预期目标|主要目标|发展目标|奋斗目标|主要指标")
_NOT_TARGETS_ONLY = _regex.compile(r"任务|工作|要求|安排|措施|举措|部署|思路|重点|政策|完成情况|执行情况")
# (every alternative led by a literal, so that the engine skips to candidates: a group or \d
# first has it try the whole list at every position)
_REVIEW_HEADING = _regex.compile(
    r"回顾|过去|一年来|五年来|这一年|这五年|以来|工作总结|完成情况|执行情况|成就|取得[^，,]{0,10}成绩|成绩显著|进展|去年|上一年|本届政府|"
    + "|".join(w + "了" for w in ("实现", "取得", "完成", "开创", "迈出", "走出", "创造"))
    + r"|圆满|开局良好|良好开局|全面完成|顺利完成|显著|可喜|稳中向好|"
    r"迈出|迈上|跨上|新气象|佳绩|全面实现|胜利实现|顺利实现|有突破|"
    r"工作亮点|亮点与成效|工作成效|主要成效|工作成果|主要成绩"
)
# a numbered result line taken for a heading: 2、规模以上工业实现销售11.6亿元，同比增长47%；
_REVIEW_RESULT = _regex.compile(r"\d(?:亿元|万元|%)[，,]\s*(?:同比|比上年|较上年)(?:增长|下降)")
_PLAN_CARRIED_OUT = _regex.compile(r"(?:计划|目标任务|目标)的?(?:执行|完成)(?:情况)?")
_PLAN_HEADING = _regex.compile(
    r"安排|任务|要求|目标|思路|打算|建议|部署|计划|今后|今年(?!以来)|明年|下一步|重点工作|工作重点|"
    r"展望|政策取向|总体考虑|主要考虑|自身建设|规划纲要|做好"
)
# "全力以赴实现“十五五”良好开局", "确保“十三五”开好局": the coming period, a plan
_PLAN_ASPIRATION = _regex.compile(  # (every alternative led by a literal: the engine skips to candidates)
    "|".join(w + r"[^，,。]{0,14}(?:良好开局|开好局|开门红|起好步)"
             for w in ("确保", "奋力", "全力以赴", "努力", "力争", "争取", "奋战", "为"))
    + "|开好局|起好步|开门红"
)
_YEAR = _regex.compile(r"((?:19|20)\d\d)\s*年")
_PART_OF_YEAR = _regex.compile(
    r"\s*(?:上半年|前三季度|一季度|[1一]\s*[-—–~～至到－‐−─―]\s*(?:\d{1,2}|十[一二]?|[二三四五六七八九])\s*月)"
)
_WORK_YEAR = _regex.compile(r"((?:19|20)\d\d)\s*年(?:的|度)?(?:政府)?(?:主要|重点)?(?:工作|任务)")

# Problems paragraphs -----------------------------------------------------------

_SEEING = r"(?:要|应|应当|必须)?(?:清醒)?地?(?:看到|认识到|意识到)"
_PROBLEM_CUE = _regex.compile(  # (every alternative led by a literal: the engine skips to candidates)
    rf"清醒|在(?:看到|肯定|总结)(?:成绩|成就)|也{_SEEING}|还{_SEEING}|同时{_SEEING}|但(?:是)?{_SEEING}|"
    r"存在(?:着)?的?(?:一些|不少|许多|诸多)?(?:突出)?的?(?:困难|问题|矛盾|不足|差距|短板)|"
    r"问题和不足|不足之处|差距和不足|不足和差距"
)
_PROBLEM_CUE_SPAN = 120  # the cue opens the paragraph
# In the plan part only an explicit acknowledgement counts (深圳 states its
# problems after the five-year goals), not "面临的困难和挑战" in an outlook.
_PROBLEM_CUE_STRICT = _regex.compile(r"清醒地?(?:看到|认识到|意识到)|在(?:看到|肯定|总结)(?:成绩|成就)的?同时")
# Paragraphs that carry a problems statement on.
_PROBLEM_GOES_ON = _regex.compile(
    r"^(?:我们还|我们也|同时|此外|另外|还有|对此|对于这些|这些|正视|面对这些|政府工作|政府自身|——|—|－|-|·|•|"
    r"[一二三四五六七八九十]是|[（(]?[一二三四五六七八九十][）)、])"
)
_PROBLEM_WORDS = _regex.compile(r"问题|不足|困难|差距|短板|矛盾|挑战|薄弱|风险")
_PROBLEM_WORDS_SPAN = 60

# The plan part opening without a heading of its own (after the problems).
_PLAN_START = _regex.compile(
    r"^(?:今年|明年|新的一年|((?:19|20)\d\d)\s*年(?:是|，是|政府工作|的政府工作|全[市省区县州镇]|经济社会|我们))|"
    r"^.{0,30}(?:指导思想|总体要求|总的要求|总体思路|工作思路)"
)

# Targets paragraphs ------------------------------------------------------------

_TARGET_CUE = _regex.compile(
    r"主要预期目标|预期[^，。；：:\n]{0,6}(?:目标|指标)(?:建议)?(?:是|为|[：:])|"
    r"主要(?:发展|奋斗|经济)?(?:目标|指标)(?:建议)?(?:和任务)?(?:是|为|[：:])|预期性指标[，,：:]|"
    r"发展的?(?:主要)?目标(?:建议)?(?:是|为|[：:])"
)
# A targets statement is followed closely by figures or growth words.
_TARGET_FIGURE = _regex.compile(r"\d|增长|左右|以上|以内|同步")
_TARGET_FIGURE_SPAN = 80
# "实现上述主要预期目标，必须…" refers back to the targets, it does not state them.
_TARGET_BACKREF = _regex.compile(r"上述|实现|完成|确保|围绕|对照|达到|未能|没有")
_TARGET_BACKREF_SPAN = 8
_TARGET_LIST_ITEM_MAX = 100  # "主要预期目标是：" followed by one target per line
_TARGET_LIST_MAX = 15  # paragraphs
_DASH_ITEM = _regex.compile(r"^(?:——|—|－|-|·|•)")

# Closing call and what may follow it -------------------------------------------

_CLOSING_CUE = _regex.compile(r"^(?:各位代表|各位委员|同志们|让我们)")
_LET_US = _regex.compile(r"让我们")
_LET_US_START = _regex.compile(r"^让我们")
_CLOSING_WITHIN = 3  # the call is among the last paragraphs of the speech
_BARE_GREETING_MAX = 8  # a "各位代表！" line on its own
# A run of blanks longer than 41 is read as 41: the entry pattern matches
# the same (a run inside the term, at most 40 characters, is too long either
# way; elsewhere any length fits) and runs of blanks cannot make it quadratic.
_LONG_BLANKS = _regex.compile(r"(\s{41})\s+")
_GLOSSARY_ENTRY = _regex.compile(
    r"^(?:[\[［【]?\d{1,3}[\]］】]?\s*[.、．]?|[（(]\d{1,3}[）)]|[①-⑳])?\s*[“\"「『]?[^。：:；;！？]{1,40}?[”\"」』]?\s*[：:]"
)
_NOTE_LINE_MAX = 30  # signature and date lines
_NOTE_FRAGMENT_MAX = 12  # a glossary entry broken across lines

# Sentences ----------------------------------------------------------------------

# Sentence ends: a run of terminators plus closing quotes/brackets, or a line
# break. "." never ends a sentence (207.45); ASCII ; ! ? only when no digit
# follows ("1;2" lists stay).
# A sentence is matched whole: from its first non-blank character to the end marks with the
# closing quotes or brackets after them, or else to its last non-blank character before a line
# break or the end (the look behind backs the greedy run off trailing blanks); an ASCII mark
# right before a digit is no end (1;2). One match per sentence, its span the result: no Python
# work per break, as finding the breaks and stripping the pieces between them took.
_SENT_END = r"(?:[。！？；]|[!?;](?!\d))(?:[。！？；”’」』）)》】〕]|[!?;](?!\d))*"
_SENTENCE = _regex.compile(
    r"(?:[^\s。！？；!?;]|[!?;](?=\d))[^。！？；!?;\n]*(?:[!?;](?=\d)[^。！？；!?;\n]*)*"
    rf"(?:{_SENT_END}|(?<=\S))|{_SENT_END}"
)


# --------------------------------------------------------------------------- helpers


def _number(token: str) -> int | None:
    m = _NUMERAL.search(token)
    if m is None:
        return None
    s = m.group()
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return _CN_DIGIT.get(s)


def _heading_text(s: str, lead: bool) -> str:
    """The heading of a marked paragraph: the whole line when it is a short
    title, else the clause up to the first terminator (inclusive)."""
    if not lead and len(s) <= _HEADING_WHOLE_MAX and not _SENT_TERM_INSIDE.search(s, 0, len(s) - 1):
        return s
    gap = _TITLE_GAP.search(s, 0, _HEADING_WHOLE_MAX)
    if gap is not None and (m := _HEADING_CUT.search(s)) is not None and m.start() > gap.start():
        return s[: gap.start()]  # "一、2011年工作回顾 2011年是…": the title ends at the space
    m = (_LEAD_CUT if lead else _HEADING_CUT).search(s)
    return s[: m.end()] if m else s


def _is_bare_heading(s: str, max_len: int = _BARE_MAX) -> bool:
    if not (2 <= len(s) <= max_len) or s[-1] in _BARE_BAD_END:
        return False
    if _SENT_TERM_INSIDE.search(s) or _BARE_BAD_START.match(s) or _GREETING.match(s):
        return False
    return len(_CJK.findall(s)) >= 2


def _is_appendix(s: str) -> bool:
    """Whether ``s`` names an appendix or a glossary (附件, 名词解释)."""
    return _APPENDIX.search(s) is not None or _APPENDIX_START.match(s) is not None


def _own_kind(heading: str, plan_year: int | None) -> str | None:
    """Kind named by a heading's own words: review, plan, mixed, problems,
    targets, other (appendix) or None."""
    if _is_appendix(heading):
        return "other"
    if _PROBLEMS_HEADING.search(heading):
        return "problems"
    # (2023年上半年工作回顾: a part of the year under way, reviewed, not planned)
    years = [int(m.group(1)) for m in _YEAR.finditer(heading) if not _PART_OF_YEAR.match(heading, m.end())
             ] if plan_year is not None and "年" in heading else []  # (every year named holds 年)
    # Years beat words: "较好完成2013年目标任务" in a 2014 report is review.
    # (the least and the greatest year, not a generator per heading over its years)
    review = plan_year is not None and bool(years) and min(years) < plan_year
    plan = plan_year is not None and bool(years) and max(years) >= plan_year
    if review and not plan:
        return "review"
    if _TARGETS_HEADING.search(heading) and not _NOT_TARGETS_ONLY.search(heading):
        return "targets"
    if not review and _PLAN_ASPIRATION.search(heading):
        return "plan"
    if not years:
        review = _REVIEW_HEADING.search(heading) is not None or _REVIEW_RESULT.search(heading) is not None
        # (上半年国民经济和社会发展计划执行情况: a plan carried out is reviewed)
        plan = bool(_PLAN_HEADING.search(_PLAN_CARRIED_OUT.sub("", heading)))
    if review and plan:
        return "mixed"
    if review:
        return "review"
    if plan:
        return "plan"
    return None


class _Para:
    __slots__ = ("start", "indent", "text", "style", "number", "heading", "bare", "appendix")

    def __init__(self, start: int, text: str, indent: int = 0) -> None:
        self.start = start  # where the line starts
        self.indent = indent  # the blanks before ``text`` on its line
        self.text = text
        self.style: str | None = None
        self.number: int | None = None
        self.heading: str | None = None
        self.bare = False
        self.appendix = False


# A report run into one line (a one-paragraph web copy): its numbered parts start after a
# sentence (…提出意见。一、2022年工作回顾…。二、2023年工作安排…), not 三、四季度 or 三一、中联 (a
# firm's name); so does an unnumbered review or plan heading, which ends where its words end
# (…提出意见。2009年政府工作回顾2009年，在市委…, 2019年和今年以来工作回顾, 过去五年工作回顾),
# not 2024年工作总结和2025年工作思路 (a title)
_INLINE_PART = _regex.compile(
    r"(?P<end>[。！？；：:])\s*(?:(?=(?:[一二三四五六七八九]|十[一二三四五六七八九]?)、(?![一二三四五六七八九十]))"
    r"|(?P<heading>(?:(?:19|20)\d{2}\s*年度?"
    r"(?:(?:和|及|暨)(?:今年以来|本届政府|过去[一二三四五]年|[“\"]?十[一二三四五]五[”\"]?(?:时期|期间)?))?"
    r"|过去[一二三四五]年)(?:的)?(?:政府)?工作(?:回顾|总结|安排)(?![和及与暨])))"
)  # (led by the sentence's end, not a look behind: the engine skips to such characters)
# What every match of _INLINE_PART holds: a part's number and its 、, or a heading's last words.
# Searched for first, each led by a literal (the engine skips fast to a character, not to the
# set of sentence ends, whose scan cost as much as the whole pattern's): few lines hold either.
_INLINE_NUMBER = _regex.compile(r"、(?<=[一二三四五六七八九十]、)(?![一二三四五六七八九十])")
_INLINE_HEADING_END = _regex.compile(r"工作(?:回顾|总结|安排)(?![和及与暨])")
ONE_PARAGRAPH_MIN = 300  # characters of a line that may hold a whole report


def inline_cuts(line: str) -> list[int]:
    """Where the parts of a report run into one ``line`` start, and where an inline heading
    ends (its text is a paragraph of its own); none in a line of at most
    :data:`ONE_PARAGRAPH_MIN` characters."""
    if len(line) <= ONE_PARAGRAPH_MIN or (
        _INLINE_NUMBER.search(line) is None and _INLINE_HEADING_END.search(line) is None
    ):
        return []
    cuts: list[int] = []
    for m in _INLINE_PART.finditer(line):
        if m["heading"]:
            cuts += (m.start("heading"), m.end())
        elif m["end"] not in "：:":  # a numbered part starts after a sentence, not after a colon
            cuts.append(m.end())
    return cuts


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            indent = len(line) - len(line.lstrip())
            cuts = inline_cuts(s)
            if cuts:
                for a, b in zip([0, *cuts], [*cuts, len(s)]):
                    if piece := s[a:b].rstrip():
                        paras.append(_Para(pos + indent + a, piece))
            else:
                paras.append(_Para(pos, s, indent))
        pos += len(line) + 1
    return paras


def _md_heading(text: str) -> tuple[int, str]:
    """Level and title of a line starting with ``#``.

    What ``^(#{1,6})\\s*(.*?)\\s*#*\\s*$`` matched, in string operations: the
    lazy title re-tried the closing ``#*\\s*`` from every position, quadratic
    on a long run of ``#`` or blanks.
    """
    level = min(len(text) - len(text.lstrip("#")), 6)
    return level, text[level:].lstrip().rstrip().rstrip("#").rstrip()


def _unmarked(text: str) -> tuple[str, str | None]:
    """Strip Markdown heading / bold marks: (plain text, marked style)."""
    if text.startswith("#"):
        level, title = _md_heading(text)
        return title.replace("**", "").strip(), f"md{level}"
    if "*" not in text:  # (one character is looked for faster than two: most lines hold none)
        return text, None
    bold = _BOLD_LINE.match(text)
    if bold and "**" not in bold.group(1):
        return bold.group(1).strip(), "bold"
    return (text.replace("**", "").strip() if "**" in text else text), None


def _classify_paragraphs(paras: list[_Para]) -> int:
    """Mark heading paragraphs (style, number, heading text).

    Returns the index of the first paragraph after the greeting (or after
    the first full sentence when there is no greeting)."""
    plain = [_unmarked(p.text) for p in paras]
    # Title block: bare / bold / Markdown headings only count after the
    # greeting (when there is one near the top: some copies open with the
    # congress resolution) or else after the first full sentence, so title,
    # date and speaker lines stay in the opening.
    body_from = next((i + 1 for i, (s, _) in enumerate(plain[:_GREETING_WITHIN]) if _GREETING.match(s)), None)
    greeted = body_from is not None
    if body_from is None:
        body_from = next((i + 1 for i, (s, _) in enumerate(plain) if s[-1:] in ("。", "！")), len(paras))
    skip = -1
    for i, p in enumerate(paras):
        s, marked = plain[i]
        if not s or i == skip:
            continue
        m = _MARKER.match(s) if s[0] in _MARKER_FIRST or s[0].isdecimal() else None
        if m is not None:
            style = m.lastgroup or ""
            # A Markdown level is explicit structure: it decides the nesting.
            p.style = marked if marked is not None and marked.startswith("md") else style
            p.number = _number(m.group())
            if m.end() == len(s) and i + 1 < len(paras):
                # A marker alone on its line ("（一）"): the title is the next line.
                nxt = plain[i + 1][0]
                if nxt and len(nxt) <= _HEADING_WHOLE_MAX and not _MARKER.match(nxt):
                    s, skip = s + nxt, i + 1
            p.heading = _heading_text(s, style in _LEAD_STYLES)
            continue
        if i < body_from:
            continue
        if marked is not None and marked.startswith("md") and len(s) <= _MARKED_MAX and not _GREETING.match(s):
            p.style, p.heading, p.bare = marked, s, True
        elif marked == "bold" and _is_bare_heading(s, _MARKED_MAX):
            p.style, p.heading, p.bare = marked, s, True
        elif _is_bare_heading(s) or (len(s) <= _APPENDIX_LINE_MAX and s[-1] in "：:" and _is_appendix(s)):
            p.style, p.heading, p.bare = "bare", s, True
        if p.heading is not None and _is_appendix(p.heading):
            p.appendix = True
    if greeted:
        # A table of contents above the greeting (document-site copies list the
        # outline first): numbered lines there are not the speech's headings.
        toc = [p for p in paras[: body_from - 1] if p.heading is not None]
        if len(toc) >= _TOC_MIN:
            for p in toc:
                p.style, p.number, p.heading = None, None, None
    return body_from


_TOC_MIN = 3  # numbered lines above the greeting that make a table of contents


def _is_note(p: _Para) -> bool:
    """A trailing paragraph that is not part of the speech: a heading, a
    glossary entry ("“五经普”：指…"), a signature or date line."""
    if p.heading is None and _CLOSING_CUE.match(p.text):
        return False
    return (
        p.heading is not None
        or _GLOSSARY_ENTRY.match(_LONG_BLANKS.sub(r"\1", p.text)) is not None
        or len(p.text) <= _NOTE_FRAGMENT_MAX  # a glossary entry broken across lines
        or (len(p.text) <= _NOTE_LINE_MAX and p.text[-1] not in "。！!？?”")
    )


def _closing_range(paras: list[_Para], text_len: int) -> tuple[int, int] | None:
    """Paragraph index range [first, end) of the closing call, if any."""
    half = text_len // 2
    body_end = next((i for i, p in enumerate(paras) if p.appendix and p.start >= half), len(paras))
    # Glossaries often follow the speech without a heading of their own.
    while body_end > 0 and paras[body_end - 1].start >= half and _is_note(paras[body_end - 1]):
        body_end -= 1
    last = None
    for i in range(body_end - 1, max(body_end - 1 - _CLOSING_WITHIN, -1), -1):
        p = paras[i]
        if p.start < half:
            break
        # A text cut off right after its "各位代表，…我们也清醒认识到" has no closing.
        if (
            p.heading is None
            and _CLOSING_CUE.match(p.text)
            and not _PROBLEM_CUE_STRICT.search(p.text, 0, _PROBLEM_CUE_SPAN)
        ):
            last = i
            break
    if last is None:
        i = body_end - 1
        if i >= 0 and paras[i].heading is None and paras[i].start >= half and _LET_US.search(paras[i].text):
            last = i
    if last is None:
        return None
    # Take in the paragraph(s) just before when the call is split: a bare
    # "各位代表！" line, or the 各位代表 paragraph before a "让我们…" one.
    first = last
    while first - 1 >= 0 and paras[first - 1].heading is None and _CLOSING_CUE.match(paras[first - 1].text):
        if not (_LET_US_START.match(paras[first].text) or len(paras[first - 1].text) <= _BARE_GREETING_MAX):
            break
        first -= 1
    return first, max(body_end, last + 1)


def _plan_year(paras: list[_Para], body_from: int) -> int | None:
    """The year the report plans for: the latest of two or more years named
    in "YYYY年…工作/任务" headings, else the year of the meeting date in the
    title block (the next year for a meeting held in October–December)."""
    years = {int(y) for p in paras if p.heading is not None for y in _WORK_YEAR.findall(p.heading)}
    if len(years) >= 2:
        return max(years)
    for p in paras[: min(max(body_from, 1), _TITLE_BLOCK_MAX)]:
        m = _DATE.search(p.text) if len(p.text) <= _DATE_LINE_MAX else None
        if m:
            return int(m.group(1)) + (1 if int(m.group(2)) >= _LATE_MONTH else 0)
    return None


# --------------------------------------------------------------------------- sections


def find_sections(text: str) -> list[dict[str, Any]]:
    """Recover the outline of one report.

    Parameters
    ----------
    text
        Cleaned report text: one paragraph or heading per line. Raw Markdown
        headings (``## 一、…``) and bold-only lines (``**…**``) are recognised
        too; their marks stay in the text but not in ``heading``.

    Returns
    -------
    list of dict
        One dict per section in document (pre-)order with keys
        ``section_id`` (0 = root), ``parent_id`` (None for the root),
        ``depth``, ``heading``, ``kind``, ``start``, ``end``, ``is_leaf`` and
        ``origin`` (``'root'``, ``'heading'``, ``'paragraph'`` for a targets /
        problems / closing paragraph without a heading, ``'implicit'`` for the
        uncovered text of a parent). Leaves tile ``text``: sorted by start,
        the first starts at 0, each ends where the next starts and the last
        ends at ``len(text)``.

    Examples
    --------
    >>> text = ("各位代表：\\n一、2022年工作回顾\\n全年增长5%。\\n"
    ...         "二、2023年工作安排\\n主要预期目标是：增长6%。\\n各位代表！让我们团结奋斗！")
    >>> [(s["depth"], s["heading"], s["kind"]) for s in find_sections(text) if s["is_leaf"]]
    [(1, '', 'other'), (1, '一、2022年工作回顾', 'review'), (2, '', 'plan'), (2, '', 'targets'), (1, '', 'closing')]
    """
    n_text = len(text)
    paras = _paragraphs(text)
    body_from = _classify_paragraphs(paras)
    # Skip the "现在，我代表…向大会报告工作，请予审议" paragraph.
    if body_from < len(paras) and paras[body_from].heading is None and _INTRO.search(paras[body_from].text):
        body_from += 1
    plan_year = _plan_year(paras, body_from)
    _join_two_line_headings(paras, plan_year)
    outline = _Outline(paras, n_text, plan_year, _closing_range(paras, n_text))
    outline.walk(body_from)
    return _finish(outline.nodes)


def _join_two_line_headings(paras: list[_Para], plan_year: int | None) -> None:
    """A bare heading line right below another, naming no part of its own, is the
    second line of that heading (攻坚克难砥砺奋进 / 全县经济社会实现持续健康发展):
    it opens no section of its own, so its place does not make it the plan."""
    for first, second in zip(paras, paras[1:]):
        if (
            first.bare and second.bare and first.style == second.style == "bare" and not first.appendix
            and first.heading is not None and second.heading is not None
            and _own_kind(second.heading[:_KIND_HEAD_MAX], plan_year) is None
        ):
            second.style, second.heading, second.bare = None, None, False


class _Outline:
    """The section tree of one report while :func:`find_sections` walks its paragraphs."""

    __slots__ = (
        "paras", "n_text", "plan_year", "closing", "closing_at", "nodes", "stack", "mixed", "pending", "last_top",
        "seen_plan", "seen_review", "seen_problems", "seen_closing",
    )

    def __init__(self, paras: list[_Para], n_text: int, plan_year: int | None, closing: tuple[int, int] | None) -> None:
        self.paras = paras
        self.n_text = n_text
        self.plan_year = plan_year
        self.closing = closing
        self.closing_at = closing[0] if closing is not None else len(paras)
        # node: [start, end, parent, depth, heading, kind, origin]
        self.nodes: list[list[Any]] = [[0, n_text, None, 0, "", "other", "root"]]
        self.stack: list[tuple[int, str, int | None]] = []  # open sections: (node index, style, number)
        self.mixed: set[int] = set()  # nodes whose heading names both review and plan
        self.pending: int | None = None  # first body paragraph at root level, before any heading
        self.last_top: tuple[str, str] | None = None  # kind and style of the last top-level heading
        self.seen_plan = self.seen_review = self.seen_problems = self.seen_closing = False

    def close_to(self, length: int, at: int) -> None:
        """Close the open sections deeper than ``length`` at offset ``at``."""
        stack, nodes = self.stack, self.nodes
        while len(stack) > length:
            nodes[stack.pop()[0]][1] = at

    def top(self) -> int:
        """Node index of the innermost open section (0, the root, when none is open)."""
        return self.stack[-1][0] if self.stack else 0

    def add(self, start: int, end: int | None, parent: int, heading: str, kind: str, origin: str) -> int:
        """Add a node below ``parent``; returns its index."""
        nodes = self.nodes
        nodes.append([start, end, parent, nodes[parent][3] + 1, heading, kind, origin])
        return len(nodes) - 1

    def next_start(self, i: int) -> int:
        """Offset where paragraph ``i`` starts (the end of the text after the last one)."""
        return self.paras[i].start if i < len(self.paras) else self.n_text

    def flush(self, i: int, before_review: bool, end: int | None = None) -> None:
        """End the pending body text before paragraph ``i`` (or at offset ``end`` inside it):
        an unheaded review when long enough."""
        # Body text between the opening and the first part, when the review
        # has no heading of its own ("过去的一年…" straight after the intro).
        pending = self.pending
        if pending is None:
            return
        a, b = self.paras[pending].start, self.next_start(i) if end is None else end
        if not before_review and (i - pending >= _UNHEADED_REVIEW_MIN_PARAS or b - a >= _UNHEADED_REVIEW_MIN_CHARS):
            self.add(a, b, 0, "", "review", "paragraph")
            self.seen_review = True
        self.pending = None

    def walk(self, body_from: int) -> None:
        """Build the tree from every paragraph; ``body_from`` is the first paragraph of the speech's body."""
        paras, closing = self.paras, self.closing
        i = 0
        while i < len(paras):
            p = paras[i]
            if self.pending is not None and (p.heading is not None or (closing is not None and i == closing[0])):
                own = _own_kind(p.heading[:_KIND_HEAD_MAX], self.plan_year) if p.heading is not None else None
                self.flush(i, own in ("review", "mixed"))
            if closing is not None and i == closing[0]:
                self.close_to(0, p.start)
                self.add(p.start, self.next_start(closing[1]), 0, "", "closing", "paragraph")
                self.seen_closing = True
                i = closing[1]
                continue
            if p.heading is not None:
                i = self.heading(i, p, p.heading)
                continue
            if (
                self.seen_problems
                and not (self.seen_plan or self.seen_closing)
                and (not self.stack or self.nodes[self.stack[0][0]][5] == "review")
                and (_plan_starts(p.text, self.plan_year) or _is_targets(paras, i))
            ):
                self.unheaded_plan(p)
            j = self.body_block(i, p)
            if j >= 0:
                i = j
                continue
            if (
                self.pending is None
                and not self.stack
                and i >= body_from
                and not (self.seen_review or self.seen_plan or self.seen_closing)
            ):
                self.pending = i
            i += 1
        self.flush(len(paras), False)
        self.close_to(0, self.n_text)

    def heading(self, i: int, p: _Para, title: str) -> int:
        """Open the section that paragraph ``i``, headed ``title``, starts; returns the index of the next paragraph."""
        # Only the head of a long heading line names its part.
        own = _own_kind(title[:_KIND_HEAD_MAX], self.plan_year)
        style, num = p.style or "", p.number
        if p.appendix or (
            p.bare and own in ("review", "plan", "mixed") and len(title) <= _PART_TITLE_MAX and not _COMMA.search(title)
        ):
            self.close_to(0, p.start)  # a part title: always top level
        else:
            stack = self.stack
            k = len(stack) - 1  # the innermost open section of the same style (a loop, not a generator)
            while k >= 0 and stack[k][1] != style:
                k -= 1
            if k >= 0:
                restart = num == 1 and style not in _LEAD_STYLES and k < len(stack) - 1
                if not restart:  # sibling: close it and everything deeper
                    self.close_to(k, p.start)
        parent = self.top()
        kind = self.heading_kind(own, parent, style)
        self.seen_plan = self.seen_plan or kind in ("plan", "targets")
        self.seen_review = self.seen_review or kind == "review"
        node = self.add(p.start, None, parent, title, kind, "heading")
        if parent == 0:
            self.last_top = (kind, style)
        if own == "mixed":
            self.mixed.add(node)
        self.stack.append((node, style, num))
        # A heading paragraph that carries the targets statement itself.
        if kind not in ("review", "targets") and _is_targets(self.paras, i, len(title)):
            j = _targets_end(self.paras, i, self.closing_at)
            self.add(p.start, self.next_start(j), node, "", "targets", "paragraph")
            return j
        return i + 1

    def heading_kind(self, own: str | None, parent: int, style: str) -> str:
        """Kind of a heading's section from its own words (``own``), its parent and the parts seen so far."""
        if parent != 0 and parent not in self.mixed:
            pkind = self.nodes[parent][5]
            if own == "problems" or (own == "targets" and pkind != "review"):
                return own  # "发展目标超额实现" under the review is review
            return pkind  # glossary items under 名词解释 stay other
        # Top level (or under a "review and plan" heading): the heading's
        # words, else the part it follows.
        if own in ("review", "plan", "problems", "other"):
            return own
        if own == "mixed" and parent == 0:
            return "review"  # "2022年工作回顾和2023年总体要求": review first; children decide
        if own == "targets":
            return "plan" if parent == 0 else "targets"
        if self.seen_closing:
            return "other"
        if self.seen_plan:
            return "plan"
        last_top = self.last_top
        if parent == 0 and (
            (last_top is not None and last_top[1] == style)
            or self.seen_problems
            or (self.seen_review and last_top is None)
        ):
            # "二、…" after "一、…回顾", or a part after the problems or
            # after an unheaded review: the review part is over.
            return "plan"
        return "review"

    def unheaded_plan(self, p: _Para) -> None:
        """Open an unheaded top-level plan section at paragraph ``p``."""
        # The plan part begins without a heading ("2004年政府工作的指导思想是…"
        # right after the problems): the following headings nest in it.
        self.close_to(0, p.start)
        node = self.add(p.start, None, 0, "", "plan", "paragraph")
        self.stack.append((node, "unheaded", None))
        self.seen_plan = True
        self.last_top = ("plan", "unheaded")

    def body_block(self, i: int, p: _Para) -> int:
        """Add the targets or problems leaf that body paragraph ``i`` opens; returns the paragraph after it, or -1."""
        stack = self.stack
        ctx = self.nodes[stack[-1][0] if stack else 0][5]
        # targets inside the review only under a "2022年回顾和2023年总体要求" heading
        in_mixed = ctx == "review" and bool(self.mixed) and any(e[0] in self.mixed for e in stack)
        if (ctx not in ("review", "targets", "problems", "closing") or in_mixed) and (
            not self.seen_closing and (cue := _targets_cue(self.paras, i)) >= 0
        ):
            # the targets start at the sentence of the cue: what comes before it in the
            # paragraph (过去一年，全镇实现…。今年主要预期目标是…) is the part around it
            cut = p.start + p.indent + _cue_sentence(p.text, cue)
            if cut > p.start + p.indent and self.pending is None and not self.stack and not (
                self.seen_review or self.seen_plan or self.seen_closing
            ):
                self.pending = i  # a one-paragraph speech: its review before the targets
            self.flush(i, False, cut)
            j = _targets_end(self.paras, i, self.closing_at)
            self.add(cut, self.next_start(j), self.top(), "", "targets", "paragraph")
            self.seen_plan = True
            return j
        if (
            (ctx == "review" or (ctx == "other" and not self.seen_plan))
            and _PROBLEM_CUE.search(p.text, 0, _PROBLEM_CUE_SPAN)
        ) or (ctx == "plan" and _PROBLEM_CUE_STRICT.search(p.text, 0, _PROBLEM_CUE_SPAN)):
            j = _problems_end(self.paras, i, self.closing_at)
            self.flush(i, False)
            self.close_to(min(len(self.stack), 1), p.start)
            self.add(p.start, self.next_start(j), self.top(), "", "problems", "paragraph")
            self.seen_problems = True
            return j
        return -1


def _problems_end(paras: list[_Para], i: int, stop: int) -> int:
    """Index after the problems statement starting at paragraph ``i``: the
    paragraph and those that carry it on (never reaching ``stop``, the closing call)."""
    j = i + 1
    while j < stop and paras[j].heading is None:
        q = paras[j].text
        if _CLOSING_CUE.match(q) or _is_targets(paras, j):
            break
        if not (_PROBLEM_GOES_ON.match(q) or _PROBLEM_WORDS.search(q, 0, _PROBLEM_WORDS_SPAN)):
            break
        j += 1
    return j


def _plan_starts(text: str, plan_year: int | None) -> bool:
    m = _PLAN_START.match(text)
    if m is None:
        return False
    year = m.group(1)
    return year is None or plan_year is None or int(year) >= plan_year


def _is_targets(paras: list[_Para], i: int, skip: int = 0) -> bool:
    """Whether paragraph ``i`` states the targets: a cue (主要预期目标是 …)
    closely followed by figures, in the paragraph or, when it ends with the
    cue and a colon, at the start of the next one."""
    return _targets_cue(paras, i, skip) >= 0


def _targets_cue(paras: list[_Para], i: int, skip: int = 0) -> int:
    """Where in paragraph ``i`` the targets cue of :func:`_is_targets` starts, or -1."""
    text = paras[i].text
    m = _TARGET_CUE.search(text, skip) if "标" in text else None  # (every cue holds 目标 or 指标)
    if m is None or _TARGET_BACKREF.search(text, max(m.start() - _TARGET_BACKREF_SPAN, 0), m.start()):
        return -1
    if _TARGET_FIGURE.search(text, m.end(), m.end() + _TARGET_FIGURE_SPAN) is not None or (
        text.rstrip()[-1:] in "：:"
        and len(text) - m.end() <= 2
        and i + 1 < len(paras)
        and _TARGET_FIGURE.search(paras[i + 1].text, 0, _TARGET_FIGURE_SPAN) is not None
    ):
        return m.start()
    return -1


def _cue_sentence(text: str, cue: int) -> int:
    """Where the sentence holding offset ``cue`` of ``text`` starts: after the last 。！？ before it
    (a paragraph that reviews the year and then states the targets, as a one-paragraph report does)."""
    return max(text.rfind("。", 0, cue), text.rfind("！", 0, cue), text.rfind("？", 0, cue)) + 1


def _targets_end(paras: list[_Para], i: int, stop: int) -> int:
    """Index after the targets block starting at paragraph ``i``: the
    paragraph itself, plus a list of short items when it ends with a colon
    (never reaching ``stop``, the closing call)."""
    j = i + 1
    if paras[i].text[-1] in "：:":
        while j < min(len(paras), stop) and paras[j].heading is None and j - i <= _TARGET_LIST_MAX:
            q = paras[j].text
            if _CLOSING_CUE.match(q) or not (len(q) <= _TARGET_LIST_ITEM_MAX or _DASH_ITEM.match(q)):
                break
            j += 1
    return j


def _finish(nodes: list[list[Any]]) -> list[dict[str, Any]]:
    """Fill gaps with implicit leaves and number the tree in pre-order."""
    children: list[list[int]] = [[] for _ in nodes]
    for idx in range(1, len(nodes)):
        children[nodes[idx][2]].append(idx)
    for idx in range(len(children)):
        if not children[idx]:
            continue  # a leaf (most nodes): no sort, no key function
        kids = sorted(children[idx], key=lambda c: nodes[c][0])
        start, end, _, depth, _, kind, _ = nodes[idx]
        filled: list[int] = []
        pos = start
        for c in kids + [None]:
            nxt = end if c is None else nodes[c][0]
            if nxt > pos:  # uncovered text of the parent: an implicit leaf
                nodes.append([pos, nxt, idx, depth + 1, "", kind, "implicit"])
                filled.append(len(nodes) - 1)
            if c is not None:
                filled.append(c)
                pos = nodes[c][1]
        children[idx] = filled
    children.extend([] for _ in range(len(nodes) - len(children)))

    out: list[dict[str, Any]] = []
    # Iterative pre-order walk: deep outlines must not hit the recursion limit.
    work: list[tuple[int, int | None]] = [(0, None)]
    while work:
        idx, parent_sid = work.pop()
        start, end, _, depth, heading, kind, origin = nodes[idx]
        sid = len(out)
        out.append(
            {
                "section_id": sid,
                "parent_id": parent_sid,
                "depth": depth,
                "heading": heading,
                "kind": kind,
                "start": start,
                "end": end,
                "is_leaf": not children[idx],
                "origin": origin,
            }
        )
        if children[idx]:  # (not a generator for each leaf)
            work.extend([(c, sid) for c in reversed(children[idx])])
    return out


# --------------------------------------------------------------------------- sentences


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text.

    Splits after 。！？； (and ASCII ``!?;``) with any closing quotes or
    brackets that follow, and at line breaks. ``.`` never splits, so numbers
    such as ``207.45`` stay whole. Spans are stripped of surrounding
    whitespace; empty sentences are dropped.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` offsets into ``text``.

    Examples
    --------
    >>> t = "全镇实现地区生产总值207.45亿元，同比增长2.0%。他说：“好！”\\n  下一句"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['全镇实现地区生产总值207.45亿元，同比增长2.0%。', '他说：“好！”', '下一句']
    """
    return list(map(_span, _SENTENCE.finditer(text)))


_span = re.Match.span


# --------------------------------------------------------------------------- frames


_SECTION_DTYPES = dict(
    zip(SECTION_COLUMNS, ("str", "int64", "Int64", "int64", "str", "str", "int64", "int64", "bool", "str"), strict=True)
)
_SENTENCE_DTYPES = dict(zip(SENTENCE_COLUMNS, ("str", "int64", "int64", "int64", "str", "int64", "str"), strict=True))


def _typed_frame(cols: dict[str, list[Any]], dtypes: dict[str, str]) -> pd.DataFrame:
    """A frame from column lists, each column with its fixed dtype (also when empty)."""
    return pd.DataFrame({name: pd.Series(cols[name], dtype=dtype) for name, dtype in dtypes.items()})


def _report_items(reports: pd.DataFrame, what: str) -> list[tuple[str, str]]:
    require_columns(reports, ["report_id", "text"], what)
    ids = reports["report_id"].tolist()
    if len(set(ids)) != len(ids):
        dup = pd.Series(ids)[pd.Series(ids).duplicated()].iloc[0]
        raise InvalidOptionError("report_id", dup, f"unique values (it occurs more than once in {what})")
    texts = [t if isinstance(t, str) else "" for t in reports["text"].tolist()]
    items = list(zip((str(r) for r in ids), texts))
    items.sort(key=lambda it: it[0])
    return items


def sections(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per section of every report.

    Parameters
    ----------
    reports
        The reports frame; needs ``report_id`` (unique, else
        :class:`~govreports.errors.InvalidOptionError`) and ``text``. A
        missing text counts as empty. The frame is not modified.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SECTION_COLUMNS`, with the reports' ``region``, ``level``,
        ``year`` (and ``division_code``) after ``report_id`` when the reports
        frame has them: ``report_id``, ``section_id`` (0 =
        root, pre-order), ``parent_id`` (Int64, NA for the root), ``depth``
        (0 = root), ``heading``, ``kind`` (review, problems, plan, targets,
        closing, other), ``start``, ``end``, ``is_leaf``, ``origin``. Sorted
        by report_id then start (parents before their first child), fresh
        RangeIndex. See :func:`find_sections` for the rules.

    Examples
    --------
    >>> reports = pd.DataFrame({"report_id": ["a"], "text": ["各位代表：\\n一、2022年工作回顾\\n全年增长5%。"]})
    >>> sections(reports)[["section_id", "parent_id", "depth", "kind", "is_leaf"]]
       section_id  parent_id  depth    kind  is_leaf
    0           0       <NA>      0   other    False
    1           1          0      1   other     True
    2           2          0      1  review     True

    The top-level parts of the five bundled township reports:

    >>> import govreports as gr
    >>> secs = sections(gr.load_sample())
    >>> secs[secs["depth"] == 1].groupby("kind").size().to_dict()
    {'closing': 4, 'other': 5, 'plan': 6, 'review': 5}
    """
    cols: dict[str, list[Any]] = {c: [] for c in SECTION_COLUMNS}
    for rid, text in _report_items(reports, "reports"):
        for s in find_sections(text):
            cols["report_id"].append(rid)
            for c in SECTION_COLUMNS[1:]:
                cols[c].append(s[c])
    return with_document_columns(_typed_frame(cols, _SECTION_DTYPES), reports)


def sentences(reports: pd.DataFrame, *, sections_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per sentence of every report, with the leaf section it opens in.

    Parameters
    ----------
    reports
        The reports frame; needs ``report_id`` (unique) and ``text``. Not
        modified.
    sections_frame
        The output of :func:`sections` for the same reports, to avoid
        computing the outline twice. Computed when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SENTENCE_COLUMNS` (with the reports' document
        variables after ``report_id``, as in :func:`sections`): ``report_id``, ``sentence_id``
        (0.. per report), ``start``, ``end``, ``text`` (equal to
        ``report_text[start:end]``), ``section_id`` (the leaf containing the
        sentence start), ``section_kind``. Sorted by report_id then start,
        fresh RangeIndex.

    Examples
    --------
    >>> text = "各位代表：\\n一、2022年工作回顾\\n增长2.0%。投资增长5%。"
    >>> reports = pd.DataFrame({"report_id": ["a"], "text": [text]})
    >>> sentences(reports)[["text", "section_kind"]].values.tolist()
    [['各位代表：', 'other'], ['一、2022年工作回顾', 'review'], ['增长2.0%。', 'review'], ['投资增长5%。', 'review']]

    On the bundled sample, the sentence with 横沥镇's 2022 GDP is in the review:

    >>> import govreports as gr
    >>> s = sentences(gr.load_sample())
    >>> s.loc[s["text"].str.contains("207.45", regex=False), "section_kind"].tolist()
    ['review']
    """
    items = _report_items(reports, "reports")
    leaves: dict[str, tuple[list[int], list[int], list[str]]] = {}
    if sections_frame is not None:
        require_columns(sections_frame, ["report_id", "section_id", "start", "kind", "is_leaf"], "sections_frame")
        lf = sections_frame[sections_frame["is_leaf"].astype(bool)].sort_values(["report_id", "start"], kind="stable")
        for rid, g in lf.groupby("report_id", sort=False):
            leaves[str(rid)] = (g["start"].tolist(), g["section_id"].tolist(), g["kind"].tolist())
    cols: dict[str, list[Any]] = {c: [] for c in SENTENCE_COLUMNS}
    for rid, text in items:
        if sections_frame is None:
            secs = [s for s in find_sections(text) if s["is_leaf"]]
            starts = [s["start"] for s in secs]
            sids = [s["section_id"] for s in secs]
            kinds = [s["kind"] for s in secs]
        else:
            starts, sids, kinds = leaves.get(rid, ([0], [0], ["other"]))
        for n, (a, b) in enumerate(split_sentences(text)):
            k = max(bisect.bisect_right(starts, a) - 1, 0)
            cols["report_id"].append(rid)
            cols["sentence_id"].append(n)
            cols["start"].append(a)
            cols["end"].append(b)
            cols["text"].append(text[a:b])
            cols["section_id"].append(sids[k])
            cols["section_kind"].append(kinds[k])
    return with_document_columns(_typed_frame(cols, _SENTENCE_DTYPES), reports)
