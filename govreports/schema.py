"""Column names, levels and other closed vocabularies shared by all stages."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from . import _regex
from ._lazy import pandas as pd

#: Columns of the reports frame, in order.
REPORT_COLUMNS: tuple[str, ...] = (
    "report_id",
    "region",
    "level",
    "year",
    "title",
    "speaker",
    "date",
    "text",
    "source",
    "quality_flags",
    "meta",
)

#: The columns that say which report a row belongs to and where it stands, carried by every
#: per-report table (figures, tokens, attention by report); ``division_code`` after ``locate``.
DOCUMENT_COLUMNS: tuple[str, ...] = ("report_id", "region", "level", "year", "division_code")

def with_document_columns(frame: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the document variables of its reports (``region``, ``level``, ``year``,
    ``division_code``: those the reports frame has) right after ``report_id``, dtypes kept.

    Every per-report table carries them, so that it can be grouped or merged without going
    back to the reports (see ``docs/architecture.md``).
    """
    carry = [c for c in DOCUMENT_COLUMNS[1:] if c in reports.columns]
    if not carry or "report_id" not in frame.columns or "report_id" not in reports.columns:
        return frame
    docs = reports.drop_duplicates("report_id").set_index("report_id")[carry]
    out = frame.drop(columns=[c for c in carry if c in frame.columns])
    at = list(out.columns).index("report_id") + 1
    for k, c in enumerate(carry):
        out.insert(at + k, c, pd.Series(docs[c].reindex(out["report_id"]).array, index=out.index))
    return out


#: Administrative levels, from the top; used as an ordered categorical.
LEVELS: tuple[str, ...] = ("national", "province", "city", "county", "township")
Level = Literal["national", "province", "city", "county", "township"]

#: The suffixes that end a region's name, longest first where one ends another
#: (街道办事处 before 街道, 自治县 before 县): every pattern that finds a region
#: name in a text is written from this list (:func:`region_suffix_pattern`).
REGION_SUFFIXES: tuple[str, ...] = (
    "街道办事处", "街道", "镇", "乡", "苏木",
    "自治县", "县", "区", "市", "旗",
    "自治州", "州", "盟", "地区", "自治区", "省",
)

#: The suffixes of a township's and a county's name (a county-level city ends in 市).
LEVEL_SUFFIXES: dict[str, tuple[str, ...]] = {
    "township": ("街道", "镇", "乡", "苏木"),
    "county": ("自治县", "县", "区", "旗", "市"),
}

#: The unit a level (an amount) of an indicator is drawn and compared in when the
#: indicator is not listed: 亿元. Per-person incomes are in 元.
LEVEL_UNITS: dict[str, str] = {"rural_income": "元", "urban_income": "元", "resident_income": "元"}
DEFAULT_LEVEL_UNIT = "亿元"


def region_suffix_pattern(suffixes: Iterable[str] = REGION_SUFFIXES, *, office: bool = True) -> str:
    """A regular-expression alternation (a non-capturing group) of region suffixes.

    Parameters
    ----------
    suffixes : iterable of str
        The suffixes, in the order they are tried (default :data:`REGION_SUFFIXES`).
    office : bool
        Whether 街道办事处 is a suffix. Patterns that read 办事处 after the name
        themselves leave it out, so that the name ends in 街道.

    Returns
    -------
    str

    Examples
    --------
    >>> region_suffix_pattern(LEVEL_SUFFIXES["township"])
    '(?:街道|镇|乡|苏木)'
    """
    return "(?:" + "|".join(s for s in suffixes if office or s != "街道办事处") + ")"


#: The first year of each five-year plan period, by its number as texts write it (“十四五” → 2021);
#: the period's last year is four later.
PLAN_PERIOD_FIRST_YEAR: dict[str, int] = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}

#: The last month of the first months of a year that texts name by a word (上半年 → June).
FIRST_MONTHS_LAST: dict[str, int] = {"上半年": 6, "前三季度": 9, "一季度": 3}

#: A plan heading naming the next year as 明年 (二、明年工作安排, （二）明年的主要目标): a report
#: delivered at the end of the year it reviews.
NEXT_YEAR_PLAN_HEADING = _regex.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)?"
    r"\s*(?:关于)?明年(?:的)?(?:政府)?(?:工作|主要|重点|总体|发展|目标)",
    re.M,
)


def next_year_plan_heading(text: str, end: int) -> re.Match[str] | None:
    """``NEXT_YEAR_PLAN_HEADING.search(text, 0, end)``, tried only when 明年 occurs before ``end``
    (the pattern's scan tests every line start; the find costs a fraction of it)."""
    return NEXT_YEAR_PLAN_HEADING.search(text, 0, end) if text.find("明年", 0, end) >= 0 else None

#: Section kinds, in document order.
SECTION_KINDS: tuple[str, ...] = ("review", "problems", "plan", "targets", "closing", "other")

#: Figure kinds.
METRIC_KINDS: tuple[str, ...] = ("actual", "target")

#: What a figure measures.
MEASURES: tuple[str, ...] = ("level", "growth", "share", "points", "count", "growth_avg")

#: Qualifiers of a figure.
QUALIFIERS: tuple[str, ...] = ("about", "at_least", "at_most", "range")

#: Data-quality flags a report can carry.
REPORT_FLAGS: dict[str, str] = {
    "truncated": "the text stops mid-sentence (the source is cut off)",
    "short": "fewer than 2,000 characters: probably a fragment or summary",
    "no_title": "no title line was found; region/year come from the path or front matter",
    "year_from_path": "the year was taken from the file path, not the text",
    "delivered_late_year": (
        "delivered in November or December: `year` is the next year, the one it plans for (`date` keeps the day)"
    ),
    "year_from_plan": (
        "undated, and its title or path names the year it reviews (2003年工作回顾, 2004年工作安排): "
        "the year is the next one"
    ),
    "region_from_path": "the region was taken from the file path, not the text",
    "region_from_header": (
        "the region was taken from the speaker line, 我代表X人民政府 or the web page's header "
        "(发布机构, breadcrumbs), not a title or session line"
    ),
    "region_from_body": (
        "the region is the place the text names most often (checked against the gazetteer): "
        "no title, session or speaker line names it"
    ),
    "year_from_headings": (
        "undated and untitled: the year is the one after the year the review headings or opening name "
        "(一、2022年工作回顾 → 2023)"
    ),
    "year_from_published": (
        "the year was taken from the web page's 发布日期 (the next year when published in November or December)"
    ),
    "year_from_body": (
        "undated, untitled and unpublished: the year a sentence names as planned (2023年，力争… → 2023), or the one "
        "after the year whose results a sentence leads (2022年，全镇实现… → 2023)"
    ),
    "year_from_months": (
        "undated, untitled and unpublished: the year of the months it reports on (2023年1-8月 → 2023), the "
        "next one for a summary of ten or more months (2023年1-11月 → 2024, delivered at the year's end)"
    ),
    "year_from_plenum": (
        "undated, untitled and unpublished: the year is the one planned by the first annual sessions after the "
        "latest party congress or plenum the text names (十九届四中全会 → 2020), a guess to check"
    ),
    "region_conflict": "the text names another region than the <region>/<year> path (meta: path_region)",
    "no_region": "no region in the title, front matter or path (is it a report?); add `region:` front matter",
    "no_year": "no year in the title, date line, front matter or path (is it a report?); add `year:` front matter",
    "level_guessed": "the level was inferred from the region name's suffix",
    "encoding_fallback": "the encoding was detected statistically (no BOM, not UTF-8)",
    "cut_character": "the file ends inside a multi-byte character (an interrupted download); the rest was kept",
    "placeholders": "the text holds template placeholders (XX, X.X, **)",
    "traditional": (
        "written in traditional characters: converted to simplified character by character (offsets unchanged)"
    ),
}


# --------------------------------------------------------------------------- figures

#: Columns of :func:`extract_metrics` and :func:`panel`, in order.
METRIC_COLUMNS: tuple[str, ...] = (
    "report_id", "region", "level", "year", "source", "text_hash", "indicator", "indicator_text", "kind", "measure",
    "value", "value_high", "unit", "qualifier", "period", "section_kind", "sentence", "sentence_start", "start", "end",
    "quality_flags", "cue", "needs_review",
)

#: The rules that attach a figure to an indicator (the ``cue`` column).
ATTACH_CUES: dict[str, str] = {
    "name": "the indicator is named right before the figure, in the same clause (地区生产总值207.45亿元)",
    "clause": "a growth clause after the named figure (…207.45亿元，同比增长2.0%)",
    "fenbie": "a 分别 list: names and figures in the same order (A、B分别增长5%和8%)",
    "list": "a list of figures for a list of names, without 分别 (A、B年均增长3.5%和7.6%)",
    "shared": "one figure stated for several names (A、B均增长8%, 城乡居民收入均增长8%): a row for each",
    "share_of": "a share of the indicator named before 占 (税收收入占公共财政预算收入比重77.65%)",
    "target_of": "the target a result is measured against (财政总收入52.3亿元，完成年初目标45亿元的116%): a target row",
    "caption": "a figure captioned by the name after a dash, as summaries lay them out (167.83亿元——经济总量稳步提升)",
}

#: Flags a figure can carry.
FIGURE_FLAGS: dict[str, str] = {
    "estimate": "stated as an estimate (预计, 初步): the year was not over when the report was written",
    "glued": "the figure runs into another one in the source (lost separator): check by reading",
    "placeholder": "a template placeholder (XX, X.X, **), no number",
    "subpopulation": "the clause is about a part of the region (31家企业, 园区, 村) — not the region's indicator",
    "milestone": "a threshold phrase (突破“200亿”大关), not a measurement",
    "multi_year": "the figure refers to several years (五年来, 年均, 2018-2022年, 十四五)",
    "partial_year": "the figure refers to months of a year (1-11月, 前三季度)",
    "repeated": "the same indicator, kind, measure and value were stated earlier in the report",
    "no_unit": "a bare number without unit attached to an indicator",
    "chinese_numeral": "written in Chinese numerals (百分之八至九): parsed, worth a glance",
    "long_sentence": (
        "the sentence runs over 1,000 characters (no punctuation?) or holds over 50 figures:"
        " a window around the figure is stored"
    ),
    "figures_capped": (
        "the sentence holds over 500 figures (a table or junk?): only its first 500 are kept, the rest are not rows"
    ),
    "from_value": "the starting value of a change (由X增加到Y): not the current level",
    "shared": "one figure stated for several indicators (A、B均增长8%, 城乡居民收入均增长8%): a row for each",
    "other_year": "the figure refers to another single year than the one reviewed or planned (到2027年, 2020年)",
    "far": "attached across two or more clauses: check by reading",
    "kind_guessed": "no heading, time word or target word says whether it is a result or a goal: taken as a result",
    "no_period": "the report's year is unknown and the text gives no year for the figure",
    "reviewed": "a person confirmed the row (govreports.apply_corrections, verdict ok)",
    "corrected": "a person corrected the row (govreports.apply_corrections, verdict fix)",
    "rejected": "a person found the figure is not the indicator's (govreports.apply_corrections, verdict wrong)",
}

#: Flags that make a figure's row ``needs_review``: the cues that attached or
#: dated it are weak or conflict.
REVIEW_FLAGS: frozenset[str] = frozenset(
    {"glued", "no_unit", "milestone", "far", "kind_guessed", "no_period", "long_sentence", "figures_capped"}
)


# --------------------------------------------------------------------------- the reports frame

@dataclass
class ReportRecord:
    """One report before it becomes a row of the reports frame."""

    region: str | None
    level: str | None
    year: int | None
    title: str | None
    speaker: str | None
    date: str | None
    text: str
    source: str
    flags: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)


class ReportIds:
    """Hands out report ids, unique by construction.

    An id is its base (:func:`report_id_base`, ``<year>_<region>``); a base
    seen before gets ``_2``, ``_3`` … in input order, skipping any id already
    given, so a region ``甲镇_2`` and a second ``甲镇`` of the same year never
    share an id. Inputs without such clashes get the ids they always had.

    Examples
    --------
    >>> ids = ReportIds()
    >>> [ids.next(b) for b in ["2023_甲镇_2", "2023_甲镇", "2023_甲镇", "2023_甲镇"]]
    ['2023_甲镇_2', '2023_甲镇', '2023_甲镇_3', '2023_甲镇_4']
    """

    def __init__(self) -> None:
        self._count: dict[str, int] = {}
        self._taken: set[str] = set()

    def next(self, base: str) -> str:
        """The id for the next report whose base id is ``base``."""
        n = self._count.get(base, 0) + 1
        rid = base if n == 1 else f"{base}_{n}"
        while rid in self._taken:
            n += 1
            rid = f"{base}_{n}"
        self._count[base] = n
        self._taken.add(rid)
        return rid


def report_id_base(year: object, region: object) -> str:
    """The id of a report before de-duplication: ``<year>_<region>``."""
    missing = year is None or not isinstance(year, int) and pd.isna(year)  # (an int needs no pandas)
    y = "NA" if missing else str(int(year))  # type: ignore[arg-type]
    return f"{y}_{region if isinstance(region, str) and region else 'unknown'}"


def report_rows(records: Iterable[ReportRecord]) -> list[dict[str, object]]:
    """The rows of the reports frame (:func:`reports_frame`) as dicts, ids given, before
    any dtype is set (a ``level`` not in :data:`LEVELS` is still there: the frame drops it)."""
    rows = []
    ids = ReportIds()
    for r in records:
        rid = ids.next(report_id_base(r.year, r.region))
        rows.append(
            {
                "report_id": rid,
                "region": r.region,
                "level": r.level,
                "year": r.year,
                "title": r.title,
                "speaker": r.speaker,
                "date": r.date,
                "text": r.text,
                "source": r.source,
                "quality_flags": list(r.flags),
                "meta": dict(r.meta),
            }
        )
    return rows


def reports_frame(records: Iterable[ReportRecord]) -> pd.DataFrame:
    """Build the reports frame from records, with stable ids and dtypes.

    ``report_id`` is ``<year>_<region>``; repeats get ``_2``, ``_3`` … in
    input order (see :class:`ReportIds`), so ids are unique and stable for
    the same inputs.
    """
    frame = pd.DataFrame(report_rows(records), columns=list(REPORT_COLUMNS))
    frame["level"] = pd.Categorical(frame["level"], categories=list(LEVELS), ordered=True)
    frame["year"] = frame["year"].astype("Int64")
    return with_old_names(frame.reset_index(drop=True))


# --------------------------------------------------------------------------- renamed columns

#: Columns renamed since the last release: old name → new name. For one release the frames
#: govreports returns keep a copy under the old name, last (``flags`` was renamed because
#: ``DataFrame.flags`` is a pandas attribute: ``df.flags`` silently gave pandas' flags, not ours).
#: Removed in 0.3.
RENAMED_COLUMNS: dict[str, str] = {"flags": "quality_flags"}


def with_old_names(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a copy of each renamed column under its old name, last (deprecated, one release).

    Examples
    --------
    >>> frame = with_old_names(pd.DataFrame({"quality_flags": [["estimate"]]}))
    >>> list(frame.columns), frame["flags"][0]
    (['quality_flags', 'flags'], ['estimate'])
    """
    copies = {old: frame[new] for old, new in RENAMED_COLUMNS.items() if new in frame.columns}
    if not copies:
        return frame
    return frame.drop(columns=[c for c in copies if c in frame.columns]).assign(**copies)


def from_old_names(frame: pd.DataFrame, what: str = "frame", *, warn: bool = True) -> pd.DataFrame:
    """``frame`` with its columns under their new names only.

    A frame made by govreports carries both names: the old copy is dropped. A
    frame that has only an old name (a table saved by an earlier version) has
    it renamed, with a FutureWarning naming the new one (``warn=False``: a file
    read back, which is no caller's mistake).
    """
    drop, rename = [], {}
    for old, new in RENAMED_COLUMNS.items():
        if old in frame.columns and new in frame.columns:
            drop.append(old)
        elif old in frame.columns:
            rename[old] = new
            if warn:
                warnings.warn(f"{what}: the column {old!r} is now {new!r}; the old name is read until govreports 0.3",
                              FutureWarning, stacklevel=3)
    if not drop and not rename:
        return frame
    return frame.drop(columns=drop).rename(columns=rename)
