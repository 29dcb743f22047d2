"""Parse quantities (figures with units) out of government work report text.

The parser is pure Python, uses only the standard library and runs in linear
time: every regular expression is compiled once at import, none can backtrack
catastrophically, and the scanner never moves backwards.

>>> from govreports.extract._numbers import find_quantities
>>> [(q.surface, q.value, q.unit, q.qualifier) for q in find_quantities("预期目标增长6%左右")]
[('6%左右', 6.0, '%', 'about')]

Rules (each was checked against the sample report and the corpus)
-----------------------------------------------------------------
Numbers
    Arabic numbers take ``,`` as a thousands separator only when exactly three
    digits and then a non-digit follow (``1,234.5``); otherwise ``,`` is the
    clause comma of web copies (``207.45亿元,同比``).  Full-width digits,
    ``．``, ``％``, ``－`` and ``Ｘ`` are read as their ASCII forms; offsets
    always refer to the string passed in.
Chinese numerals
    A run of 零〇一二两三四五六七八九十百千万亿 (with 点 decimals) becomes a
    quantity only when it is written as 百分之…, or is followed by 个百分点 or
    倍 (not 倍增 / 倍子), or is followed by a unit *and* carries weight of its
    own.  With money and physical units (元, 吨, 公里 …) that is a 万/亿
    multiplier (三十万元), a place value (一百三十九亿元 → 139 亿元, 三十公里),
    a qualifier (近/约/至少/多/余/左右/以上…: 至少两小时) or a range.  Count
    words (个, 家, 项, 人 …) ask more, because 两个确立, 一户一档, 一次性,
    三项制度, 新十条, 前十位, 突破一批 and 近一个时期 are set phrases: a
    multiplier (两万多人), a range (三至五家), or a place value *with* a
    qualifier (三十多个, 一万五千余人).  Runs that start with 百/千/万/亿 (千方百计, 万家灯火,
    百万亩), follow 第 (第一次), or open a quotation (“十四五”, “三倍”) are
    never figures; years in numerals (二〇二三年) are dates, and strings of
    bare digits (唯一一家) are words.  When a unit begins with the last
    character of the run (十千伏, 三千米, 一百分点) the unit wins, and the
    run keeps the weight of its place value (三千米 counts as 3000 米).
Dates and ordinals
    Numbers followed by 年/月/日/号/时/季/周年/世纪 (also after 多/余: 10余年) are dates or
    durations and are skipped, as are ranges ending in one (2018-2022年);
    a bare four-digit number 1900–2100 without a unit or qualifier is a year.
    Skipped too: numbers after 第, list markers (``1.``, line-initial
    ``1、``/``1)``), numbers in parentheses ``(1)``, dotted runs
    (``2023.3.5``), numbers touching ``·`` (“3·15”), ``h:mm`` times,
    ``a/b``, ``_`` (URLs), codes with a leading zero (0571), bare numbers
    touching ASCII letters (5G, X195, PM2.5) and bare runs longer than 15
    digits (IDs).
Units and multipliers
    万/亿/万亿/千/百 directly before a unit belong to the unit (``万元``,
    ``亿美元``, ``万千瓦``); with no unit they are the unit themselves
    (``约3万`` → 3, unit ``'万'``, unit kind ``'none'``): values are always as
    stated, and :func:`to_unit` converts.  Base units are matched longest first,
    so ``千米``/``千瓦`` are units, not 千 + 米.
Qualifiers
    Before the number: 约/大约 (about); 超过/超/突破/逾/不低于/不少于/至少/最少
    (at_least); 不超过/不超/不高于/低于/近/接近/将近/不到/不足/最多 (at_most).
    After it: 左右 (about); 以上/及以上 (at_least); 以内/之内/以下/及以下
    (at_most); 多/余 between number and unit (``1000多万元``, ``10余个``) or
    after a bare number (at_least).  A qualifier after the figure wins over
    one before it, which wins over 多/余.  Ranges get ``'range'``.
Declines
    ``negative`` is set by a sign (``-3%``, ``负3%``), by a decline word in
    the same clause within ten characters before the figure (下降, 减少, 下滑,
    回落, 降低, 负增长, 下跌, 缩减, 压减, 削减, 降幅 …; the bare 降/减 only
    right before it) unless a rise word (增长, 提高, …) comes later or the
    decline word ends at a level (降至, 下降到, 回落为), and it carries over
    to figures listed after a negative one with only 、/和/及/与/或 between
    (分别下降3.4%、6.9%和10.0%).
Glued figures
    Copies that lost their separators run figures together.  Two figures
    that touch, where the first is a percent/points figure or both have the
    same unit (``37.5%25%``, ``2.6%3.27亿元``), are both returned and both
    flagged ``'glued'``; different units touching (``6040户154380人``) is
    ordinary Chinese and is not flagged.  A digit run of six or more
    integer digits (five for percents) that starts with a year 1949–2049,
    whose remainder does not start with 0 and that is followed by a unit
    (``20222027亩``) is split: the year is dropped as a date and the rest is
    returned as ``2027亩`` flagged ``'glued'``.  No such run occurs in the
    3,004-report corpus, while genuine five-digit figures starting with
    19xx/20xx (20470元) are common, hence the length threshold.
Placeholders
    ``X``/``x``/``*`` runs in a number slot followed by a unit (``X.X%``,
    ``XX亿元``, ``**%``) give ``value=None`` and the flag ``'placeholder'``.
    Stars count only before a percent/points unit, in ``**.*`` form, or
    before a multiplier right after a Chinese character, since Markdown bold
    (``**名词解释**``, ``**万元生产总值能耗**``) is common in the corpus;
    ``4+X个`` is a formula, not a slot.
Bare numbers
    A number with no unit is still returned (``unit=''``, kind ``'none'``):
    世界500强, 320国道, 12345热线 are numbers, and a caller wanting figures
    can drop ``unit_kind == 'none'``.  Units are normalised to
    multiplier + base: ``1.8亿余元`` has unit ``亿元``, ``9 万人`` has ``万人``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import _regex
from .._regex import longest_first

__all__ = [
    "Quantity",
    "find_quantities",
    "parse_number",
    "parse_chinese_numeral",
    "to_unit",
    "unit_kind",
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure found in a text.

    Attributes
    ----------
    start, end : int
        Offsets into the string passed in; ``text[start:end] == surface``.
    surface : str
        The figure including attached qualifiers, e.g. ``'约1150万元'``.
    value : float or None
        Number as stated in ``unit``; ``None`` for placeholders.
    value_high : float or None
        Upper end of a range, else ``None``.
    unit : str
        Unit as written, including any multiplier (``'亿元'``), or ``''``.
    unit_kind : str
        ``'money'``, ``'percent'``, ``'points'``, ``'physical'``,
        ``'count'``, ``'ratio'`` or ``'none'``.
    qualifier : str or None
        ``'about'``, ``'at_least'``, ``'at_most'``, ``'range'`` or ``None``.
    negative : bool
        The figure is a decline (sign or decline word before it).
    flags : tuple of str
        ``'placeholder'``, ``'glued'``, ``'chinese_numeral'``.
    """

    start: int
    end: int
    surface: str
    value: float | None
    value_high: float | None
    unit: str
    unit_kind: str
    qualifier: str | None
    negative: bool
    flags: tuple[str, ...]


class _QuantityInTheMaking:
    """A mutable twin of :class:`Quantity`, with the same slots and so the same layout."""

    __slots__ = Quantity.__slots__


def _new_quantity(
    start: int, end: int, surface: str, value: float | None, value_high: float | None, unit: str, unit_kind: str,
    qualifier: str | None, negative: bool, flags: tuple[str, ...],
) -> Quantity:
    """``Quantity(...)`` with the same fields, built almost three times as fast.

    The frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; the scanner,
    which makes one per figure, fills a twin with plain attribute stores instead and then makes it a
    Quantity (Python allows ``__class__`` to change between classes of the same layout).
    """
    q = _QuantityInTheMaking()
    q.start = start
    q.end = end
    q.surface = surface
    q.value = value
    q.value_high = value_high
    q.unit = unit
    q.unit_kind = unit_kind
    q.qualifier = qualifier
    q.negative = negative
    q.flags = flags
    q.__class__ = Quantity  # type: ignore[assignment]
    return q  # type: ignore[return-value]


# --------------------------------------------------------------------------
# Unit tables.  Factors are relative to the family's base unit.
# --------------------------------------------------------------------------

_MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "千万": 1e7,
    "百万": 1e6,
    "亿": 1e8,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}

# unit -> (kind, family, factor)
_BASE_UNITS: dict[str, tuple[str, str, float]] = {
    # money: each currency is its own family
    "元": ("money", "cny", 1.0),
    "元人民币": ("money", "cny", 1.0),
    "美元": ("money", "usd", 1.0),
    "欧元": ("money", "eur", 1.0),
    "港元": ("money", "hkd", 1.0),
    "港币": ("money", "hkd", 1.0),
    "日元": ("money", "jpy", 1.0),
    # percent-like
    "%": ("percent", "percent", 1.0),
    "‰": ("percent", "percent", 0.1),
    "个百分点": ("points", "points", 1.0),
    "百分点": ("points", "points", 1.0),
    "倍": ("ratio", "times", 1.0),
    # mass (kg)
    "吨": ("physical", "mass", 1000.0),
    "千克": ("physical", "mass", 1.0),
    "公斤": ("physical", "mass", 1.0),
    "斤": ("physical", "mass", 0.5),
    "吨标准煤": ("physical", "coal", 1.0),
    "吨标煤": ("physical", "coal", 1.0),
    # area (m2)
    "亩": ("physical", "area", 10000.0 / 15.0),
    "公顷": ("physical", "area", 10000.0),
    "平方米": ("physical", "area", 1.0),
    "平米": ("physical", "area", 1.0),
    "㎡": ("physical", "area", 1.0),
    "平方公里": ("physical", "area", 1e6),
    "平方千米": ("physical", "area", 1e6),
    # length (m)
    "公里": ("physical", "length", 1000.0),
    "千米": ("physical", "length", 1000.0),
    "km": ("physical", "length", 1000.0),
    "米": ("physical", "length", 1.0),
    "延米": ("physical", "length", 1.0),
    "厘米": ("physical", "length", 0.01),
    "毫米": ("physical", "length", 0.001),
    # volume (m3)
    "立方米": ("physical", "volume", 1.0),
    "升": ("physical", "volume", 0.001),
    # concentration
    "微克/立方米": ("physical", "concentration", 1.0),
    # power (W) and energy (kWh)
    "瓦": ("physical", "power", 1.0),
    "千瓦": ("physical", "power", 1e3),
    "kW": ("physical", "power", 1e3),
    "兆瓦": ("physical", "power", 1e6),
    "MW": ("physical", "power", 1e6),
    "吉瓦": ("physical", "power", 1e9),
    "GW": ("physical", "power", 1e9),
    "千伏安": ("physical", "apparent_power", 1e3),
    "千伏": ("physical", "voltage", 1e3),
    "kV": ("physical", "voltage", 1e3),
    "千瓦时": ("physical", "energy", 1.0),
    "度电": ("physical", "energy", 1.0),
    # containers
    "标箱": ("physical", "teu", 1.0),
    "TEU": ("physical", "teu", 1.0),
    # time and age
    "小时": ("physical", "time", 3600.0),
    "分钟": ("physical", "time", 60.0),
    "天": ("physical", "time", 86400.0),
    "个工作日": ("physical", "workday", 1.0),
    "个月": ("physical", "month", 1.0),
    "岁": ("physical", "age", 1.0),
    "周岁": ("physical", "age", 1.0),
}

# Count units (measure words): each is its own family.  The regex fragment
# after the unit is a negative lookahead that keeps it out of longer words.
_COUNT_UNITS: dict[str, str] = {
    "个": "(?!百分点|性|体|别|人)",
    "家": "(?!庭|乡|园|属|居)",
    "项": "(?!目)",
    "座": "(?!谈)",
    "栋": "",
    "幢": "",
    "户": "(?!籍|型)",
    "户次": "",
    "人": "(?!民)",
    "人次": "",
    "名": "(?!单|列|录|片)",
    "次": "(?!数)",
    "件": "",
    "宗": "(?!教)",
    "起": "(?!步|点|草|来|到|飞)",
    "所": "(?!有|在)",
    "条": "(?!件|例|款)",
    "处": "(?!理|置|于|室|级)",
    "间": "(?!距|隔)",
    "张": "",
    "台": "(?!账|阶|风)",
    "辆": "",
    "套": "(?!餐)",
    "场": "(?!馆|所|地|景)",
    "场次": "",
    "批": "(?!次|准|复)",
    "批次": "",
    "例": "",
    "株": "",
    "棵": "",
    "头": "(?!部)",
    "只": "(?!有|是|要|能)",
    "羽": "",
    "艘": "",
    "架次": "",
    "班次": "",
    "针次": "",
    "剂次": "",
    "篇": "",
    "份": "(?!额)",
    "支": "(?!持|付|出)",
    "口": "(?!岸|径)",
    "眼": "",
    "块": "",
    "对": "(?!接|外|标|口|象)",
    "位": "(?!于|置)",
}

_UNIT_INFO: dict[str, tuple[str, str, float]] = dict(_BASE_UNITS)
for _u in _COUNT_UNITS:
    _UNIT_INFO[_u] = ("count", "count:" + _u, 1.0)


#: The lookahead after each unit that keeps it out of longer words (个 but not
#: 个性; km but not kmh).
_UNIT_LOOKAHEAD: dict[str, str] = {
    u: _COUNT_UNITS.get(u, "") + ("(?![A-Za-z])" if u.isascii() and u[-1:].isalpha() else "") for u in _UNIT_INFO
}
# Every unit, the longest that fits winning.
UNIT_RE_SRC = longest_first(_UNIT_INFO, _UNIT_LOOKAHEAD)
_UNIT_AT = _regex.compile(UNIT_RE_SRC)
MULT_RE_SRC = "万亿|千亿|百亿|千万|百万|亿|万|千|百"

# --------------------------------------------------------------------------
# Compiled patterns (module level, once)
# --------------------------------------------------------------------------

# A number token.  Alternatives are tried in order at each position; each is
# a simple loop without nested quantifiers, so matching is linear.
_TOKEN = _regex.compile(
    # the leading class lets the engine skip non-candidates quickly (4x faster)
    r"(?=[0-9Xx*百〇零一二两三四五六七八九十])(?:"
    r"(?P<pct>百分之)(?P<pctnum>[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?)"
    r"|(?P<ar>[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)*)"
    r"|(?P<ph>(?<![A-Za-z0-9])(?:[Xx]{1,4}|\*{1,4})(?:\.(?:[Xx]{1,4}|\*{1,4}|[0-9]{1,4}))?)"
    r"|(?P<cn>[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*(?:点[〇零一二三四五六七八九]+)?)"
    r")"
)

# What follows a number: 多/余, then either a unit, or a multiplier
# (optionally 多/余) and an optional unit.  The unit alternative comes first
# so that 千米 / 百分点 are read as units, not multiplier + rest.
_TAIL = _regex.compile(
    r"(?P<mid>多|余)?"
    r"(?:[ \u3000]?(?P<unit1>" + UNIT_RE_SRC + r")"
    r"|[ \u3000]?(?P<mult>" + MULT_RE_SRC + r")(?P<mid2>多|余)?"
    r"(?:[ \u3000]?(?P<unit2>" + UNIT_RE_SRC + r"))?)?"
)

_POST_UNIT = _regex.compile(r"及以上|及以下|左右|以上|以下|以内|之内")
_POST_BARE = _regex.compile(r"及以上|及以下|左右|以上|以下|以内|之内|多|余")
_POST_QUAL_FIRST = frozenset("及左以之多余")  # a qualifier after the figure starts with one of these

# Lookbehinds stand after the first character (约 not preceded by 签/预 …), so
# every alternative starts with a literal and search skips to candidates.
_PRE_QUAL = _regex.compile(
    r"(?:大约|约(?<![签预合节制公相特邀条契隐]约)|不超过|不超|超过|超(?<![不赶高]超)|突破|逾|不低于|不少于|至少|最少|不高于"
    r"|不到|不足|接近|将近|近(?<![最附靠临邻将接]近)|最多|低于(?<!不低于))[ \t]*$"
)
# last characters of the words above, a space after them, or the newline before which $ also matches
_PRE_QUAL_LAST = frozenset("约过超破逾于少到足近多 \t\n")
_SIGN_OR_PRE_QUAL_LAST = _PRE_QUAL_LAST | frozenset("-负")  # and the signs
_PRE_QUAL_KIND = {
    "大约": "about",
    "约": "about",
    "超过": "at_least",
    "超": "at_least",
    "突破": "at_least",
    "逾": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "至少": "at_least",
    "最少": "at_least",
    "不超过": "at_most",
    "不超": "at_most",
    "不高于": "at_most",
    "低于": "at_most",
    "不到": "at_most",
    "不足": "at_most",
    "接近": "at_most",
    "将近": "at_most",
    "近": "at_most",
    "最多": "at_most",
}
_POST_QUAL_KIND = {
    "左右": "about",
    "以上": "at_least",
    "及以上": "at_least",
    "以下": "at_most",
    "及以下": "at_most",
    "以内": "at_most",
    "之内": "at_most",
    "多": "at_least",
    "余": "at_least",
}

_RANGE_SEP = _regex.compile(r"[ \t]*(?:——|—|–|-|～|~|〜|至|到)[ \t]*")
_RANGE_SEP_FIRST = frozenset(" \t—–-～~〜至到")  # a range separator starts with one of these

_DIRECTION = _regex.compile(
    r"负增长|下降|减少|下滑|回落|降低|下跌|缩减|减小|萎缩|缩小|压减|削减|降幅|减幅|跌幅"
    r"|增长|增加|提高|上升|提升|回升|扩大|上涨|增幅|涨幅"
)
_DECLINE_WORDS = frozenset(
    "负增长 下降 减少 下滑 回落 降低 下跌 缩减 减小 萎缩 缩小 压减 削减 降幅 减幅 跌幅".split()
)
_DECLINE_END = _regex.compile(r"(?:降|减|跌)了?$")
# those of them that start a decline word, and the bare 降/减/跌: a window without one holds no
# decline (a bare character class is searched in C, 3x faster than slicing the window)
_DECLINE_CHAR = _regex.compile("[" + "".join(sorted({w[0] for w in _DECLINE_WORDS} | set("降减跌"))) + "]")
_TO_LAST_BREAK = _regex.compile(r"(?:.*[，,。；;：:！？!?\n\r（(])?", re.S)
_LIST_SEPARATORS = frozenset("、和及与或 \t")
_DATE_CHARS = frozenset("年月日号时季")
_LINE_START_SKIP = frozenset(" \t\u3000#>*-+|")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_YEAR_HEAD = _regex.compile(r"(?:19[5-9]\d|194[9]|20[0-4]\d)")

_FULLWIDTH_MAP: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".",
    "％": "%",
    "﹪": "%",
    "－": "-",
    "−": "-",
    "Ｘ": "X",
    "ｘ": "x",
    "＊": "*",
}
_FULLWIDTH = str.maketrans(_FULLWIDTH_MAP)
_NEEDS_NORMALISING = _regex.compile(r"[０-９．％﹪－−Ｘｘ＊]")

# characters that can follow a Chinese numeral that is a figure: the first
# character of a unit or multiplier, 多/余, a range separator, 点 of 个百分点
_CN_FOLLOW_CHARS = frozenset(
    "".join(u[0] for u in _UNIT_INFO) + "万亿千百多余至到—–-～~〜 \u3000\t"
)

# A lone digit (一批, 两个, 三是) has no place value, so with no unit or a count word and no
# multiplier after it, it is a figure only as the start of a range (三至五家): anything else
# _cn_is_figure rejects. What follows such a digit, as _TAIL reads it: 多/余, then a count word
# (the unit _TAIL takes, the longest that fits, ending in a count word's last character: no other
# unit ends in one) or no unit and no multiplier, and no range separator after that.
_COUNT_LAST = sorted({u[-1] for u, (kind, _, _) in _UNIT_INFO.items() if kind == "count"})
_LONE_DIGIT_WORD = (
    r"(?:多|余)?+(?:[ \u3000]?(?>" + UNIT_RE_SRC + r")(?<=[" + "".join(_COUNT_LAST) + r"])"
    r"|(?![ \u3000]?(?:" + UNIT_RE_SRC + "|" + MULT_RE_SRC + r")))"
    r"(?![" + "".join(map(re.escape, sorted(_RANGE_SEP_FIRST))) + r"])"
)

# The scanner's pattern: _TOKEN with the tail of an Arabic number read in the
# same match (one call per hit instead of two), and a lone Chinese numeral taken
# only before a character that can follow a figure (most runs are one character
# of a word: 一般, 统一, 二是), which find_quantities would reject, and not as a lone
# digit of a word (_LONE_DIGIT_WORD: 一批, 两个; its tail holds no character that a
# match starts with, so the scan goes on after it as find_quantities would).
# (Rejecting longer runs here too, with a lookahead after an atomic run, re-scanned
# a rejected run from each of its characters: quadratic on a long run of numerals.)
# It opens with its first character consumed, not looked ahead at, so that search
# skips in C to the next candidate character instead of trying a match at every
# position (a third faster); the alternatives, whose first characters are
# disjoint, then look behind at it. So each group starts after that character:
# a number's text runs from the match's start.
_CN_FOLLOW_CLASS = "[" + "".join(map(re.escape, sorted(_CN_FOLLOW_CHARS))) + "]"
_SCAN = _regex.compile(
    r"[0-9Xx*百〇零一二两三四五六七八九十](?:"
    r"(?<=[0-9])(?P<arx>(?P<ar>[0-9]*(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)*)" + _TAIL.pattern + ")"
    r"|(?<=[〇零一二两三四五六七八九十])(?P<cn>[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+)?"
    r"|点[〇零一二三四五六七八九]+|(?=" + _CN_FOLLOW_CLASS + r")(?:(?<=十)|(?!" + _LONE_DIGIT_WORD + r")))"
    r"|(?<=百)(?P<pct>分之)(?P<pctnum>[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?)"
    r"|(?<![A-Za-z0-9][Xx*])(?P<ph>(?:(?<=[Xx])[Xx]{0,3}|(?<=\*)\*{0,3})(?:\.(?:[Xx]{1,4}|\*{1,4}|[0-9]{1,4}))?)"
    r")"
)

# the groups of an Arabic number and its tail, by number (faster to read than by name)
_AR_GROUP_NUMBERS = tuple(_SCAN.groupindex[g] for g in ("ar", "mid", "unit1", "mult", "mid2", "unit2"))

_MAX_INT_DIGITS = 15
_MAX_CN_LEN = 20


# --------------------------------------------------------------------------
# Chinese numerals
# --------------------------------------------------------------------------

_CN_DIGIT_VALUE = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_DIGITS = frozenset(_CN_DIGIT_VALUE)
_CN_CHARS = _CN_DIGITS | frozenset("十百千万亿点")
_CN_PLACES = frozenset("十百千万亿")
_CN_SMALL_PLACES = frozenset("十百千")
_CN_LARGE_PLACES = frozenset("万亿")
_CN_DIGIT_TO_ASCII = str.maketrans({ch: str(d) for ch, d in _CN_DIGIT_VALUE.items()})


def parse_chinese_numeral(s: str) -> float:
    """Convert a Chinese numeral to a number.

    Parameters
    ----------
    s : str
        Numeral made of 零〇一二两三四五六七八九十百千万亿 with an optional
        点 decimal part.  Digit-by-digit forms (二〇二三) and the colloquial
        elision of the last place (一万五 = 15000) are accepted.

    Returns
    -------
    float
        The value.

    Raises
    ------
    ValueError
        If ``s`` is empty, contains other characters or is malformed
        (e.g. 三四十, an approximation rather than a number).

    Examples
    --------
    >>> parse_chinese_numeral("一千二百万")
    12000000.0
    >>> parse_chinese_numeral("十三点四")
    13.4
    >>> parse_chinese_numeral("两")
    2.0
    """
    if not isinstance(s, str) or not s:
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if not _CN_CHARS.issuperset(s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    int_part, sep, frac_part = s.partition("点")
    if sep:
        if not frac_part or not _CN_DIGITS.issuperset(frac_part):
            raise ValueError(f"bad decimal part in Chinese numeral: {s!r}")
        if not int_part:
            raise ValueError(f"missing integer part in Chinese numeral: {s!r}")
    integer = _parse_cn_integer(int_part, s)
    if not sep:
        return float(integer)
    frac_digits = frac_part.translate(_CN_DIGIT_TO_ASCII)
    return float(f"{integer}.{frac_digits}")


def _parse_cn_integer(s: str, whole: str) -> int:
    if not _CN_PLACES.isdisjoint(s):
        return _parse_cn_positional(s, whole)
    # digit-by-digit (二〇二三, 五)
    if not _CN_DIGITS.issuperset(s):
        raise ValueError(f"not a Chinese numeral: {whole!r}")
    return int(s.translate(_CN_DIGIT_TO_ASCII))


def _parse_cn_positional(s: str, whole: str) -> int:
    total = 0  # complete 亿 groups
    wan = 0  # complete 万 groups inside the current 亿 group
    section = 0  # below 万
    num: int | None = None  # pending digit
    last_unit = 0  # place value of the character just before a pending digit
    prev_char = ""
    for ch in s:
        if ch in _CN_DIGIT_VALUE:
            d = _CN_DIGIT_VALUE[ch]
            if num is not None and num != 0 and d != 0:
                raise ValueError(f"malformed Chinese numeral: {whole!r}")
            if d == 0:
                num = num if num is not None else 0
                last_unit = 0
            else:
                num = d
                last_unit = _place_of(prev_char)
        elif ch in _CN_SMALL_UNIT:
            unit = _CN_SMALL_UNIT[ch]
            if num is None or num == 0:
                if ch != "十" and prev_char != "":
                    raise ValueError(f"malformed Chinese numeral: {whole!r}")
                num = 1  # 十五 = 15, 一千零十 = 1010, 百分之百 = 100
            section += num * unit
            num = None
        elif ch == "万":
            if num is None and section == 0:
                raise ValueError(f"malformed Chinese numeral: {whole!r}")
            wan = (wan + section + (num or 0)) * 10_000
            section, num = 0, None
        elif ch == "亿":
            if num is None and section == 0 and wan == 0:
                raise ValueError(f"malformed Chinese numeral: {whole!r}")
            total = (total + wan + section + (num or 0)) * 100_000_000
            wan, section, num = 0, 0, None
        else:  # pragma: no cover - guarded by caller
            raise ValueError(f"not a Chinese numeral: {whole!r}")
        prev_char = ch
    if num:
        # 一万五 = 15000, 三千五 = 3500: a trailing digit right after a
        # place character takes the next lower place.
        if last_unit > 10:
            num = num * last_unit // 10
    return total + wan + section + (num or 0)


# the value of each numeral that can stand alone, as parse_chinese_numeral gives it
_CN_ONE_CHAR_VALUE = {ch: parse_chinese_numeral(ch) for ch in "〇零一二两三四五六七八九十"}


def _place_of(ch: str) -> int:
    if ch in _CN_SMALL_UNIT:
        return _CN_SMALL_UNIT[ch]
    if ch == "万":
        return 10_000
    if ch == "亿":
        return 100_000_000
    return 0


# --------------------------------------------------------------------------
# parse_number / to_unit
# --------------------------------------------------------------------------

_PARSE_NUMBER = _regex.compile(
    r"(?P<sign>[-+负])?[ \t]*(?:"
    r"(?P<ar>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(?P<mult>万亿|千亿|百亿|千万|百万|亿|万|千|百)?"
    r"|(?P<pct>百分之)?(?P<cn>[〇零一二两三四五六七八九十百千万亿点]+)"
    r")(?P<percent>%)?"
)


def parse_number(s: str) -> float | None:
    """Read a number written in Arabic digits or Chinese numerals.

    Parameters
    ----------
    s : str
        The number alone: ``'1,234.5'``, ``'３．５'``, ``'3.5万'``,
        ``'百分之十三点四'``, ``'一千二百万'``, ``'两'``, ``'-3'``, ``'6%'``.
        A trailing ``%`` or a 百分之 prefix give the percent value (``6.0``).

    Returns
    -------
    float or None
        The value (multipliers 万/亿/… applied), or ``None`` when ``s`` is
        not a number.

    Examples
    --------
    >>> parse_number("1,234.5")
    1234.5
    >>> parse_number("百分之十三点四")
    13.4
    >>> parse_number("一千二百万")
    12000000.0
    >>> parse_number("一般") is None
    True
    """
    if not isinstance(s, str):
        return None
    t = s.strip().translate(_FULLWIDTH)
    m = _PARSE_NUMBER.fullmatch(t)
    if m is None:
        return None
    if m.group("ar") is not None:
        raw = m.group("ar")
        if len(raw.split(".")[0].replace(",", "")) > _MAX_INT_DIGITS:
            return None
        value = float(raw.replace(",", ""))
        if m.group("mult"):
            value *= _MULTIPLIERS[m.group("mult")]
    else:
        if m.group("pct") and m.group("percent"):
            return None
        try:
            value = parse_chinese_numeral(m.group("cn"))
        except ValueError:
            return None
    if m.group("sign") in ("-", "负"):
        value = -value
    return value


def _split_unit(unit: str) -> tuple[float, tuple[str, str, float]]:
    if unit in _UNIT_INFO:
        return 1.0, _UNIT_INFO[unit]
    if unit == "":
        return 1.0, ("none", "none", 1.0)
    for mult in sorted(_MULTIPLIERS, key=len, reverse=True):
        if unit.startswith(mult):
            rest = unit[len(mult):]
            if rest in _UNIT_INFO:
                return _MULTIPLIERS[mult], _UNIT_INFO[rest]
            if rest == "":
                return _MULTIPLIERS[mult], ("none", "none", 1.0)
    raise ValueError(f"unknown unit: {unit!r}")


def unit_kind(unit: str) -> str:
    """Kind of a unit string.

    Parameters
    ----------
    unit : str
        A unit as found in :attr:`Quantity.unit` (``'万元'``, ``'%'``, ``''``).

    Returns
    -------
    str
        ``'money'``, ``'percent'``, ``'points'``, ``'physical'``,
        ``'count'``, ``'ratio'`` or ``'none'``.

    Raises
    ------
    ValueError
        If the unit is unknown.

    Examples
    --------
    >>> unit_kind("亿美元")
    'money'
    """
    return _split_unit(unit)[1][0]


def to_unit(value: float, unit: str, target: str) -> float:
    """Convert a value between units of one family.

    Parameters
    ----------
    value : float
        The number as stated in ``unit``.
    unit, target : str
        Units such as ``'万元'``, ``'亿元'``, ``'公顷'``, ``'亩'``, ``'%'``.
        Each currency, and each count word (``'人'``, ``'人次'``, ``'个'``),
        is a family of its own; ``''`` with a bare multiplier (``'万'``)
        is the family of plain numbers.

    Returns
    -------
    float
        The value in ``target``.

    Raises
    ------
    ValueError
        If a unit is unknown or the two units are of different families.

    Examples
    --------
    >>> to_unit(12600, "万元", "亿元")
    1.26
    >>> to_unit(15, "亩", "公顷")
    1.0
    """
    m_src, (_, fam_src, f_src) = _split_unit(unit)
    m_tgt, (_, fam_tgt, f_tgt) = _split_unit(target)
    if fam_src != fam_tgt:
        raise ValueError(f"cannot convert {unit!r} to {target!r}: different unit families")
    # multiply before dividing: 12600 * 1e4 / 1e8 rounds to exactly 1.26
    return value * (m_src * f_src) / (m_tgt * f_tgt)


# --------------------------------------------------------------------------
# Scanner
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    """One number with its tail, before qualifiers and ranges."""

    kind: str  # 'ar', 'ph', 'cn', 'pct'
    start: int  # start of the digits
    num_end: int  # end of the digits
    end: int  # end of the tail
    value: float | None
    mult: str
    base: str
    mid: str  # 多/余 inside
    cn_has_place: bool = False
    int_digits: int = 0


def _read_tail(t: str, pos: int) -> tuple[str, str, str, int]:
    """Return (mid, mult, base, end) of what follows a number at ``pos``."""
    m = _TAIL.match(t, pos)
    if m.end() == pos:
        return "", "", "", pos  # nothing follows (most numbers before 年, a comma …)
    mid, unit1, mult, mid2, unit2 = m.groups("")
    return mid + mid2, mult, unit1 or unit2, m.end()


def _arabic(raw: str) -> tuple[float | None, int] | None:
    """The value of an Arabic number as written (1,069.5) and its count of integer digits; the
    value is None past :data:`_MAX_INT_DIGITS`, and None is returned for no number (1.2.3)."""
    if "," in raw:
        raw = raw.replace(",", "")
    int_digits = raw.find(".")
    if int_digits < 0:
        int_digits = len(raw)
    elif raw.find(".", int_digits + 1) >= 0:
        return None  # a second point
    return (None if int_digits > _MAX_INT_DIGITS else float(raw)), int_digits


def _part_from_token(t: str, m: re.Match[str]) -> _Part | None:
    """Build a part from a token match; ``None`` if it cannot be a figure."""
    kind = m.lastgroup
    if kind == "pctnum":
        kind = "pct"
    if kind == "ar":
        number = _arabic(m.group("ar"))
        if number is None:
            return None
        num_end = m.end()
        mid, mult, base, end = _read_tail(t, num_end)
        return _Part("ar", m.start(), num_end, end, number[0], mult, base, mid, False, number[1])
    if kind == "ph":
        mid, mult, base, end = _read_tail(t, m.end())
        return _Part("ph", m.start(), m.end(), end, None, mult, base, mid)
    if kind == "pct":
        num = m.group("pctnum")
        if len(num) > _MAX_CN_LEN:
            return None
        try:
            value = parse_chinese_numeral(num)
        except ValueError:
            return None
        return _Part("pct", m.start(), m.end(), m.end(), value, "", "%", "", cn_has_place=True)
    return _cn_part(t, m)


def _ar_part(t: str, m: re.Match[str]) -> _Part | None:
    """Build a part from a scanner match of an Arabic number and its tail; ``None`` if it cannot be a figure."""
    _, mid, unit1, mult, mid2, unit2 = m.group(*_AR_GROUP_NUMBERS)
    start, num_end = m.start(), m.end(_AR_GROUP_NUMBERS[0])
    number = _arabic(t[start:num_end])  # the group starts after the first digit
    if number is None:
        return None
    value, int_digits = number
    return _Part(
        "ar", start, num_end, m.end(), value, mult or "", unit1 or unit2 or "",
        (mid or "") + (mid2 or ""), False, int_digits,
    )


def _cn_part(t: str, m: re.Match[str]) -> _Part | None:
    """Build a part from a Chinese numeral match; ``None`` if it cannot be a figure."""
    num_end = m.end()
    num = t[m.start():num_end]  # (the scanner's group starts after the first numeral)
    if len(num) == 1:
        # the common case (一批, 两次, 十个): one digit, no place but 十, nothing to shorten or divide
        mid, mult, base, end = _read_tail(t, num_end)
        value = _CN_ONE_CHAR_VALUE[num]
        return _Part("cn", num_end - 1, num_end, end, value, mult, base, mid, cn_has_place=num == "十")
    if len(num) > _MAX_CN_LEN:
        return None
    shortened = False
    if len(num) > 1 and num[-1] in "千百" and _UNIT_AT.match(t, num_end - 1):
        # 十千伏, 三千瓦, 一百分点: the unit starts inside the numeral run
        num = num[:-1]
        num_end -= 1
        shortened = True
    # a trailing 万/亿/万亿 belongs to the unit (三十万元 -> 30 万元)
    try:
        value = parse_chinese_numeral(num)
    except ValueError:
        return None
    mult = ""
    for suffix in ("万亿", "亿", "万"):
        if num.endswith(suffix) and len(num) > len(suffix) and "点" not in num:
            # 十六亿五千万元 = 165000 万元: divide the whole, do not just drop 万
            mult = suffix
            num = num[: -len(suffix)]
            value /= _MULTIPLIERS[suffix]
            break
    mid, tail_mult, base, end = _read_tail(t, num_end)
    if mult and tail_mult:
        return None
    int_part = num.partition("点")[0]
    # 三千米 read as 3 千米 still has the weight of 3000 米
    # (一万零一: 万 inside the number is a place too)
    has_place = (
        shortened or not _CN_SMALL_PLACES.isdisjoint(int_part) or not _CN_LARGE_PLACES.isdisjoint(int_part[1:])
    )
    if len(int_part) > 1 and not has_place:
        return None  # digit strings (唯一一家 -> 一一) are not figures; 二〇二三 is a year
    mult = mult or tail_mult
    part = _Part("cn", m.start(), m.start() + len(num), end, value, mult, base, mid, cn_has_place=has_place)
    return part


def _line_start_before(t: str, pos: int) -> bool:
    """True if only list/markdown decoration stands between ``pos`` and the line start."""
    i = pos - 1
    while i >= 0 and pos - i <= 8:
        ch = t[i]
        if ch in "\n\r":
            return True
        if ch not in _LINE_START_SKIP:
            return False
        i -= 1
    return i < 0


# Neighbours that can exclude a number that has a unit (第, 10:30, 3/4, a_1 …).
_EXCLUDE_AFTER = frozenset("·•‧・:：∶/_")
_EXCLUDE_BEFORE = _EXCLUDE_AFTER | frozenset("第 \t")


_RATIO_TO_ONE = _regex.compile(r"[:：∶]1(?![0-9.:：∶])")


def _arabic_is_excluded(t: str, part: _Part, n: int) -> bool:
    """Dates, ordinals, list markers, codes and identifiers (Arabic numbers)."""
    s, e = part.start, part.num_end
    before = t[s - 1] if s > 0 else "\x00"
    if (part.base or part.mult or part.mid) and before not in _EXCLUDE_BEFORE and t[s] != "0":
        # the common case, a figure with a unit: only these neighbours exclude it
        after = t[e] if e < n else "\x00"
        if after not in _EXCLUDE_AFTER:
            return part.int_digits > _MAX_INT_DIGITS
    before2 = t[s - 2] if s > 1 else "\x00"
    after = t[e] if e < n else "\x00"
    after2 = t[e + 1] if e + 1 < n else "\x00"
    raw = t[s:e]
    if before == "第" or (before in " \t" and before2 == "第"):
        return True
    if before in "·•‧・" or after in "·•‧・":
        return True
    if after in ":：∶" and after2 == "1" and _RATIO_TO_ONE.match(t, e) and "比" in t[max(0, s - 20):s]:
        return False  # 城乡居民收入比缩小到1.85:1: the ratio is the first number
    if (after in ":：∶" and after2.isdigit()) or (before in ":：∶" and before2.isdigit()):
        return True  # 10:30, 2.2∶55.9∶41.9
    if (after == "/" and after2.isdigit()) or (before == "/" and before2.isdigit()):
        return True
    if before == "_" or after == "_" or (before == "/" and not part.base):
        return True
    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
        return True  # codes such as 0571, 010
    if not part.base and not part.mult and not part.mid:
        if after in ".．" and not after2.isdigit():
            return True  # '1.' list number
        if after in "、)）" and _line_start_before(t, s):
            return True
        if before in " \u3000" and s > 1:
            before = before2
        if after in " \u3000":
            after = after2
        if before in "(（[［【〔" and after in ")）]］】〕":
            return True  # (1), [12], 〔36〕 notes
        if before == "#" or after == "#":
            return True  # 5#-6#泊位
        if before in "“\"「『" and after in "”\"」』":
            return True  # “3010”工程: a bare number in quotes names a programme
        if before in _ASCII_LETTERS or after in _ASCII_LETTERS:
            return True
        if before == "+" or after == "+":
            return True  # “1+18+15” policy formulas
        if before == "-" and before2.isdigit():
            return True  # 0571-88888888 phone numbers
        if before in " \t\u3000" and after in "\n\r\x00":
            return True  # page numbers in a table of contents
        if part.int_digits > _MAX_INT_DIGITS:
            return True
    elif part.int_digits > _MAX_INT_DIGITS:
        return True
    return False


def _is_date_tail(t: str, part: _Part, n: int) -> bool:
    if part.base or part.mult:
        return False
    pos = part.num_end + len(part.mid)
    if pos < n and t[pos] in _DATE_CHARS:
        return True
    return t.startswith(("周年", "世纪"), pos)


def _pre_qualifier(t: str, start: int, floor: int) -> tuple[str | None, int]:
    # most figures have none: a qualifier word ends in one of these characters (or spaces follow it)
    if start <= floor or t[start - 1] not in _PRE_QUAL_LAST:
        return None, start
    lo = max(floor, start - 4)
    m = _PRE_QUAL.search(t, lo, start)
    if m is None:
        return None, start
    word = m.group(0).rstrip(" \t")
    return _PRE_QUAL_KIND[word], m.start()


def _sign_before(t: str, start: int, floor: int) -> int:
    """Offset of a minus sign (- or 负) right before ``start``, else ``start``."""
    if start - 1 < floor:
        return start
    ch = t[start - 1]
    if ch == "负":
        return start - 1
    if ch == "-":
        prev = t[start - 2] if start >= 2 else "\x00"
        if start - 1 == floor and floor > 0:
            return start  # right after a previous figure: a range dash
        if prev.isascii() and prev not in " \t\n\r\x00(:":
            return start  # 5#-6#, A-3, 6%-7%: a hyphen, not a sign
        if prev in "%‰)）]":
            return start
        return start - 1
    return start


def _decline(t: str, start: int, prev_end: int, prev_negative: bool) -> bool:
    lo = start - 10 if start - 10 > prev_end else prev_end
    if lo < 0:
        lo = 0
    if not prev_negative and _DECLINE_CHAR.search(t, lo, start) is None:
        return False  # no decline word can start in the window, and nothing to carry over
    # the window runs from the last clause break before the figure
    window_start = _TO_LAST_BREAK.match(t, lo, start).end()
    last = None
    for m in _DIRECTION.finditer(t, window_start, start):
        last = m
    if last is not None:
        if last.group(0) not in _DECLINE_WORDS:
            return False
        nxt = t[last.end()] if last.end() < start else "\x00"
        return nxt not in "至到为"
    if _DECLINE_END.search(t, window_start, start):
        return True
    if prev_end >= 0 and prev_negative and window_start == prev_end:
        gap = t[prev_end:start]
        if all(ch in _LIST_SEPARATORS for ch in gap):
            return True
    return False


def _parts_compatible(a: _Part, b: _Part) -> bool:
    if not b.base and not b.mult:
        return not a.base and not a.mult
    if a.base and a.base != b.base:
        return False
    if a.mult and a.mult != b.mult:
        return False
    if a.kind == "pct" and b.base != "%":
        return False
    return True


def _cn_is_figure(t: str, part: _Part, qualified: bool, ranged: bool) -> bool:
    """Acceptance rule for Chinese numerals (see module docstring)."""
    if part.kind == "pct":
        return True
    if not part.base:
        return False
    if part.base == "倍":
        nxt = t[part.end] if part.end < len(t) else "\x00"
        return nxt not in "增子"
    if part.base in ("个百分点", "百分点"):
        return True
    if part.mult or ranged:
        return True
    if _UNIT_INFO[part.base][0] == "count":
        # 十条 / 前十位 are policy names and ranks, 突破一批 / 近一个时期 set
        # phrases: a count needs a place value and a qualifier (三十多个)
        return part.cn_has_place and (qualified or bool(part.mid))
    return part.cn_has_place or qualified or bool(part.mid)


def find_quantities(text: str) -> list[Quantity]:
    """Find every quantity in a text.

    Parameters
    ----------
    text : str
        Report text (any length; full-width digits are accepted).

    Returns
    -------
    list of Quantity
        In order of ``start``; for each ``q``,
        ``text[q.start:q.end] == q.surface``.

    Examples
    --------
    >>> qs = find_quantities("实现地区生产总值207.45亿元,同比下降2.0%")
    >>> [(q.surface, q.value, q.unit, q.negative) for q in qs]
    [('207.45亿元', 207.45, '亿元', False), ('2.0%', 2.0, '%', True)]
    >>> [q.surface for q in find_quantities("一般公共预算收入增长百分之八至九")]
    ['百分之八至九']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    # one-for-one replacement keeps offsets; sub() is faster than translate()
    t = _NEEDS_NORMALISING.sub(_fullwidth_char, text)
    n = len(t)
    out: list[Quantity] = []
    pos = 0
    prev_end = -1
    prev_negative = False
    prev_bare = False
    search = _SCAN.search
    while pos < n:
        m = search(t, pos)
        if m is None:
            break
        pos = m.end()
        kind = m.lastgroup
        if kind == "arx":
            # most figures take the short way; the rest the general one below
            q = _plain_arabic_figure(text, t, m, n, prev_end, prev_negative)
            if q is False:
                continue
            if q is None:
                part = _ar_part(t, m)
        else:
            q = None
            if kind == "cn":
                # most Chinese numeral runs are words (一般, 统一): reject them on
                # the next character before doing any parsing
                nxt = t[pos] if pos < n else "\x00"
                if nxt not in _CN_FOLLOW_CHARS and t[pos - 1] not in "千百":
                    continue
            part = _part_from_token(t, m)
        if q is None:
            if part is None:
                continue
            if part.end > pos:
                pos = part.end
            skip = _excluded_until(t, part, n)
            if skip >= 0:
                if skip > pos:
                    pos = skip
                continue
            q, skip = _quantity_from_part(text, t, part, n, prev_end, prev_negative)
            if q is None:
                if skip > pos:
                    pos = skip
                continue
        # ---- glued neighbours (37.5%25%) ---------------------------------
        # (prev_end and prev_bare are the end and unitlessness of out[-1], if any)
        if prev_end == q.start and _glued_pair(out[-1], q):
            prev_q = out[-1]
            if "glued" not in prev_q.flags:
                out[-1] = _with_flag(prev_q, "glued")
            if "glued" not in q.flags:
                q = _with_flag(q, "glued")
        if prev_bare and _shares_unit(t, out[-1], q):
            out[-1] = _with_unit(out[-1], q)  # 46324和26682元: the unit written once after the list
        out.append(q)
        prev_end = q.end
        if prev_end > pos:
            pos = prev_end
        prev_negative = q.negative
        prev_bare = not q.unit
    return out


def _plain_arabic_figure(
    text: str, t: str, m: re.Match[str], n: int, prev_end: int, prev_negative: bool
) -> Quantity | bool | None:
    """The quantity of a scanner match of an Arabic number with a unit; False for a date; None to take
    the general path.

    Most figures (``207.45亿元``, ``约3万人``) are a plain number of at most four integer digits with a
    unit, no range after it and no neighbour that excludes it. For those this gives what
    :func:`_ar_part`, :func:`_excluded_until` and :func:`_quantity_from_part` give, without the
    intermediate part; anything else (a thousands comma, five or more digits, which may be a glued year,
    a range separator, an excluding neighbour) returns None. A number with no unit before a date
    character (2023年, 10余年) is excluded there whatever else holds, with scanning resuming at the
    match's end: False.
    """
    rest, mid, unit1, mult, mid2, unit2 = m.group(*_AR_GROUP_NUMBERS)
    base = unit1 or unit2 or ""
    mult = mult or ""
    if not base and not mult:
        end = m.end()  # (nothing but 多/余 follows the digits)
        if end < n and (t[end] in _DATE_CHARS or t.startswith(("周年", "世纪"), end)):
            return False
        # a neighbour that excludes a bare number whatever stands around it (1. at a line's start,
        # “1+1”, 5G: _arabic_is_excluded; one before it but for a colon after it, which may make the
        # number a ratio's), and no range separator after it to take the next number too
        # (_excluded_until): skipped as the general path skips it
        after = t[end] if end < n else "\x00"
        if not mid and (
            after in _EXCLUDE_BARE_AFTER
            or (m.start() and t[m.start() - 1] in _EXCLUDE_BARE_BEFORE and after not in _RATIO_COLONS)
        ) and after not in _RANGE_SEP_FIRST:
            return False
        return None
    if len(rest) > 3:
        # (three characters or fewer after the first digit hold no comma, no second point, at most four
        # integer digits: a comma or a point comes with three or one digits after it)
        if "," in rest:
            return None
        dot = rest.find(".")
        if dot < 0 or dot > 3 or rest.find(".", dot + 1) >= 0:
            return None
    # the neighbours that could exclude a number with a unit (_arabic_is_excluded)
    s, e, end = m.start(), m.end(_AR_GROUP_NUMBERS[0]), m.end()
    before = _BEFORE_PLAIN.get(t[s - 1], 0) if s else 0
    if before == 1 or t[s] == "0" or (e < n and t[e] in _EXCLUDE_AFTER):
        return None
    post_kind = None
    if end < n and t[end] in _AFTER_PLAIN:
        if t[end] in _RANGE_SEP_FIRST:
            return None
        post_kind, end = _post_qualifier_at(t, end, base, mid or mid2)
    start = s
    negative = False
    if before and s > prev_end:
        floor = prev_end if prev_end > 0 else 0
        sign_start = _sign_before(t, s, floor)
        pre_kind, start = _pre_qualifier(t, sign_start, floor)
        negative = sign_start < s
        post_kind = post_kind or pre_kind
    if not negative:
        # the test that opens _decline, whose call most figures need not pay
        lo = start - 10 if start - 10 > prev_end else prev_end
        if prev_negative or _DECLINE_CHAR.search(t, lo if lo > 0 else 0, start) is not None:
            negative = _decline(t, start, prev_end, prev_negative)
    return _new_quantity(  # start, end, surface, value, value_high, unit, unit_kind, qualifier, negative, flags
        start, end, text[start:end], float(t[s:e]), None, mult + base, _UNIT_KIND[base],
        post_kind or ("at_least" if mid or mid2 else None), negative, (),
    )


# For the short path: the character before a figure excludes it (1) or may end a sign or qualifier (2);
# the first characters of what may follow a figure (a range separator or a qualifier); the kind of a unit.
_BEFORE_PLAIN = {**dict.fromkeys(_SIGN_OR_PRE_QUAL_LAST, 2), **dict.fromkeys(_EXCLUDE_BEFORE, 1)}
_AFTER_PLAIN = _RANGE_SEP_FIRST | _POST_QUAL_FIRST
# The neighbours that exclude a bare number (no unit, multiplier, 多 or 余) in _arabic_is_excluded
# whatever else stands around it (a point after it takes no digit: the number would hold it).
_EXCLUDE_BARE_AFTER = frozenset("·•‧・_.+#") | _ASCII_LETTERS
_EXCLUDE_BARE_BEFORE = frozenset("第·•‧・_/+#") | _ASCII_LETTERS
_RATIO_COLONS = frozenset(":：∶")
_UNIT_KIND = {"": "none", **{u: info[0] for u, info in _UNIT_INFO.items()}}


def _shares_unit(t: str, prev: Quantity, q: Quantity) -> bool:
    """Whether a bare number right before ``q`` (one 和、与、及 between) takes ``q``'s unit."""
    return (
        prev.unit == "" and prev.unit_kind == "none" and q.unit_kind != "none" and not prev.flags
        and t[prev.end:q.start] in _UNIT_LIST_SEPARATORS and prev.value_high is None
    )


_UNIT_LIST_SEPARATORS = frozenset({"和", "、", "与", "及"})


def _with_unit(q: Quantity, other: Quantity) -> Quantity:
    return Quantity(
        start=q.start, end=q.end, surface=q.surface, value=q.value, value_high=q.value_high, unit=other.unit,
        unit_kind=other.unit_kind, qualifier=q.qualifier, negative=q.negative, flags=q.flags,
    )


def _excluded_until(t: str, part: _Part, n: int) -> int:
    """Where scanning resumes when the first part cannot be a figure (date, ordinal, code …), else -1."""
    kind = part.kind
    if kind == "ar":
        if _arabic_is_excluded(t, part, n):
            # 第1-3批, 0571-88888888: the number after the dash goes too
            sep = _RANGE_SEP.match(t, part.end)
            if sep is not None:
                m2 = _TOKEN.match(t, sep.end())
                if m2 is not None and m2.lastgroup == "ar":
                    return m2.end()
            return part.end
        if part.base or part.mult:
            return -1  # the common case, a figure with a unit: no date either
    if kind == "cn":
        before = t[part.start - 1] if part.start else "\x00"
        if before in "第“《【「\"'":
            return part.end
    if kind == "ph" and not _placeholder_ok(t, part, n):
        return part.end
    if kind in ("ar", "cn") and _is_date_tail(t, part, n):
        # also swallow 'X-Y年' so Y is not re-read with a minus sign
        return part.end
    return -1


def _range_high(t: str, part: _Part, n: int) -> tuple[_Part | None, int]:
    """The upper end of a range starting with ``part`` (``8至9``, ``3-5%``) or None; and where
    scanning resumes when the range is a date (``2018-2022年``), else -1."""
    sep = _RANGE_SEP.match(t, part.end)
    if sep is None:
        return None, -1
    m2 = _TOKEN.match(t, sep.end())
    if m2 is None:
        return None, -1
    p2 = _part_from_token(t, m2)
    kind = part.kind
    if p2 is None or not (
        (kind in ("ar", "ph") and p2.kind in ("ar", "ph")) or (kind in ("cn", "pct") and p2.kind in ("cn", "pct"))
    ):
        return None, -1
    if kind == "pct" and p2.kind == "cn" and not p2.base:
        p2.base = "%"  # 百分之八至九
    high: _Part | None = None
    if p2.kind in ("ar", "cn") and _is_date_tail(t, p2, n):
        if not part.base and not part.mult:
            return None, p2.end  # 2018-2022年: a date range
    elif p2.kind == "ar" and _arabic_is_excluded(t, p2, n):
        pass
    elif _parts_compatible(part, p2) and not (part.mid and p2.mid):
        lo_v, hi_v = part.value, p2.value
        if lo_v is None or hi_v is None or hi_v > lo_v:
            high = p2
    if high is not None and kind == "ar" and high.kind == "ar":
        # bare year ranges without 年 (2018-2022)
        if not high.base and not high.mult and _looks_like_year(part) and _looks_like_year(high):
            return None, high.end
    return high, -1


def _quantity_from_part(
    text: str, t: str, part: _Part, n: int, prev_end: int, prev_negative: bool
) -> tuple[Quantity | None, int]:
    """The quantity starting with ``part`` (range, qualifiers, sign, flags), or None and where scanning resumes."""
    kind = part.kind
    high: _Part | None = None
    if part.end < n and t[part.end] in _RANGE_SEP_FIRST:
        high, skip = _range_high(t, part, n)
        if skip >= 0:
            return None, skip
    last = high if high is not None else part
    unit_base = last.base
    unit_mult = last.mult
    if kind == "pct" and high is None:
        unit_base = "%"
    # ---- glued year + figure (20222027亩) ---------------------------
    glued_year = (
        kind == "ar" and high is None and part.int_digits >= 5 and bool(unit_base)
        and _split_glued_year(t, part, unit_base)
    )
    # ---- qualifiers -----------------------------------------------------
    post_kind, end = None, last.end
    if end < n and t[end] in _POST_QUAL_FIRST:
        post_kind, end = _post_qualifier(t, last, unit_base)
    pre_kind, pre_start = None, part.start
    sign_start = part.start
    # most figures have neither sign nor qualifier: the character before ends neither
    if not glued_year and pre_start > prev_end and pre_start and t[pre_start - 1] in _SIGN_OR_PRE_QUAL_LAST:
        floor = prev_end if prev_end > 0 else 0
        sign_start = _sign_before(t, part.start, floor)
        pre_kind, pre_start = _pre_qualifier(t, sign_start, floor)
    mid_kind = "at_least" if (part.mid or last.mid) else None

    # ---- acceptance ---------------------------------------------------
    if kind in ("cn", "pct"):
        qualified = bool(pre_kind or post_kind or mid_kind)
        if not _cn_is_figure(t, last, qualified, high is not None):
            return None, part.end
    if kind == "ar" and not unit_base and not unit_mult and not pre_kind and not post_kind and not mid_kind:
        if _looks_like_year(part) and high is None:
            return None, part.end

    qualifier = "range" if high is not None else (post_kind or pre_kind or mid_kind)
    start = pre_start  # (never after sign_start)
    negative = sign_start < part.start and not glued_year
    if not negative:
        negative = _decline(t, start, prev_end, prev_negative)
    placeholder = part.kind == "ph" or (high is not None and high.kind == "ph")
    flags = _FLAGS[placeholder, kind in ("cn", "pct"), glued_year]

    # A bare multiplier stays the unit, as written (“200亿” -> 200 '亿'):
    # values are always as stated; to_unit converts.
    unit = unit_mult + unit_base
    if placeholder:
        value, value_high = None, None
    else:
        value = part.value
        value_high = high.value if high is not None else None
    q = _new_quantity(  # start, end, surface, value, value_high, unit, unit_kind, qualifier, negative, flags
        start, end, text[start:end], value, value_high, unit,
        _UNIT_INFO[unit_base][0] if unit_base else "none", qualifier, negative, flags,
    )
    return q, end


def _post_qualifier(t: str, last: _Part, unit_base: str) -> tuple[str | None, int]:
    """Kind of a qualifier after the figure (左右, 以上, a bare number's 多) and where the figure ends."""
    return _post_qualifier_at(t, last.end, unit_base, last.mid)


def _post_qualifier_at(t: str, end: int, unit_base: str, mid: str | None) -> tuple[str | None, int]:
    """:func:`_post_qualifier` of a figure ending at ``end`` with this unit and 多/余 (``mid``)."""
    if not (unit_base == "" and mid):
        pm = (_POST_UNIT if unit_base else _POST_BARE).match(t, end)
        if pm is not None:
            return _POST_QUAL_KIND[pm.group(0)], pm.end()
    return None, end


# The flags of a quantity, in their fixed order, by (placeholder, chinese_numeral, glued).
_FLAGS: dict[tuple[bool, bool, bool], tuple[str, ...]] = {
    (ph, cn, gl): tuple(f for f, on in (("placeholder", ph), ("chinese_numeral", cn), ("glued", gl)) if on)
    for ph in (False, True)
    for cn in (False, True)
    for gl in (False, True)
}


def _fullwidth_char(m: re.Match[str]) -> str:
    return _FULLWIDTH_MAP[m.group(0)]


def _placeholder_ok(t: str, part: _Part, n: int) -> bool:
    """X.X% / XX亿元 / **% are template slots; **名词解释 is Markdown bold."""
    if not part.base:
        return False
    nxt = t[part.num_end] if part.num_end < n else "\x00"
    before = t[part.start - 1] if part.start else "\x00"
    if nxt in _ASCII_LETTERS or before == "+":
        return False  # 4+X个 is a formula, not a slot
    raw = t[part.start:part.num_end]
    if "*" in raw:
        kind = _UNIT_INFO[part.base][0]
        if "." in raw or kind in ("percent", "points", "ratio"):
            return True
        # **万元生产总值能耗** after a line start or punctuation is bold text
        return bool(part.mult) and "\u4e00" <= before <= "\u9fff"
    return True


def _looks_like_year(part: _Part) -> bool:
    if part.kind != "ar" or part.int_digits != 4 or part.value is None:
        return False
    return 1900 <= part.value <= 2100 and float(part.value).is_integer()


def _split_glued_year(t: str, part: _Part, unit_base: str) -> bool:
    """Drop a year glued to the front of a figure (20222027亩 -> 2027亩) from ``part``; True if there was one."""
    if part.int_digits < 5:
        return False  # the common case: too short to hold a year and a figure
    raw = t[part.start:part.num_end]
    if "," in raw:
        return False
    kind = _UNIT_INFO[unit_base][0]
    min_digits = 5 if kind in ("percent", "points") else 6
    if part.int_digits < min_digits:
        return False
    if not _YEAR_HEAD.match(raw):
        return False
    if raw[4] == "0" or raw[4] == ".":
        return False
    year_len = 4
    part.start += year_len
    part.int_digits -= year_len
    part.value = float(t[part.start:part.num_end].replace(",", ""))
    return True


def _glued_pair(a: Quantity, b: Quantity) -> bool:
    # 800米以上1250米以下 is ordinary prose: only a figure that ends in its
    # unit can have lost the separator after it
    if not a.unit or not a.surface.endswith(a.unit):
        return False
    if not (b.surface[:1].isdigit() or b.surface[:1] in "Xx*"):
        return False  # 3.3万辆突破10万辆: a word stands between the two
    if a.unit_kind in ("percent", "points"):
        return True
    return a.unit == b.unit


def _with_flag(q: Quantity, flag: str) -> Quantity:
    return Quantity(
        start=q.start,
        end=q.end,
        surface=q.surface,
        value=q.value,
        value_high=q.value_high,
        unit=q.unit,
        unit_kind=q.unit_kind,
        qualifier=q.qualifier,
        negative=q.negative,
        flags=q.flags + (flag,),
    )
