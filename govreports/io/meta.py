"""What a report is: region, level, year, title, speaker and date.

Evidence is taken, in this order, from the report's own text (title line,
the ``——2023年3月5日在……人民代表大会……上`` line, the speaker line), the
Markdown front matter, and the ``<region>/<year>.md`` layout of the path.
Whatever came from the path rather than the text is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

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
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_MEETING = re.compile(
    r"在(?P<region>[\u4e00-\u9fff]{2,20}?)?(?:第[\d" + _CN_DIGIT + r"]+届)(?P<national>全国)?人民代表大会"
)
_ROLE = r"(?:国务院)?(?:代理|代)?(?:总理|副总理|省长|市长|主席|州长|盟长|县长|区长|旗长|镇长|乡长|街道办事处主任|专员)"
_SPEAKER = re.compile(
    rf"^[（(]?[^\n]{{0,24}}?(?P<role>{_ROLE})\s*(?P<name>[\u4e00-\u9fff·]{{2,6}})[）)]?$"
)
_DATE_NAME = re.compile(r"^[（(]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(?P<name>[\u4e00-\u9fff·]{2,4})\s*[）)]$")
_TITLE_REGION_YEAR = re.compile(
    r"(?P<region>[\u4e00-\u9fff]{1,20}?(?:街道|镇|乡|苏木|县|区|市|旗|自治州|州|盟|地区|自治区|省))(?:人民政府|政府)?\s*"
    r"(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:人民)?(?:政府工作报告|《政府工作报告》)"
)
_TITLE_YEAR_REGION = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<region>[\u4e00-\u9fff]{1,20}?(?:街道|镇|乡|县|区|市|旗|州|盟|地区|自治区|省))(?:人民)?政府工作报告"
)
_TITLE_REGION_ONLY = re.compile(
    r"^(?P<region>[\u4e00-\u9fff]{1,20}?(?:街道|镇|乡|县|区|市|旗|自治州|州|盟|地区|自治区|省))(?:人民)?政府工作报告"
)
_TITLE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:《)?(?:[\u4e00-\u9fff]{0,20})?政府工作报告")
_PATH_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})(?:\D.*)?$")
_REGION_NAME = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:街道|镇|乡|苏木|县|区|市|旗|自治州|州|盟|地区|自治区|省)$")
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:X\.X|XX|xx|x\.x)(?![A-Za-z])|\*\*(?=[%％万亿个])")


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


_GENERIC_REGIONS = frozenset({"自治区", "自治州", "本市", "全市", "全省", "本省", "全州", "全区"})


# Headings that name the year a report reviews or plans for: on a line of
# their own (一、2003年工作回顾, 2004年工作安排), or opening a paragraph after
# an ordinal (二、2004年工作安排：…).
_PLAN_WORDS = r"(?:的)?(?:政府)?(?:工作安排|重点工作|主要任务|工作目标(?:要求)?|工作任务|工作部署|的工作|工作)(?!回顾|总结)"
_PLAN_HEADING = re.compile(
    rf"^(?:(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*((?:19|20)\d{{2}})年{_PLAN_WORDS}"
    rf"|((?:19|20)\d{{2}})年{_PLAN_WORDS}[^\n]{{0,12}}$)",
    re.M,
)
_REVIEW_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*((?:19|20)\d{2})年(?:的)?(?:政府)?工作回顾\s*$", re.M
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
    return year + 1 in plans or any(int(m.group(1)) == year for m in _REVIEW_HEADING.finditer(text))


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
    head_lines = text.split("\n", 15)[:15]
    p = PurePath(path) if path is not None else None

    # ---- title
    candidates = [fm.get("title"), title_hint] + head_lines[:3]
    for c in candidates:
        if c and "工作报告" in c and len(c) <= 60:
            meta.title = c.strip()
            break
    if meta.title is None and head_lines and len(head_lines[0]) <= 40:
        meta.title = head_lines[0].strip() or None

    # ---- date and meeting
    meeting_region = None
    national = False
    for line in head_lines + [fm.get("title") or ""]:
        m = _DATE.search(line)
        if m and len(line) <= 80 and meta.date is None:
            meta.date = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        mm = _MEETING.search(line)
        if mm and len(line) <= 80:
            if mm.group("national") or (mm.group("region") or "").endswith("全国"):
                national = True
            elif mm.group("region"):
                meeting_region = mm.group("region")
            if meta.date is None and m:
                meta.date = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            break

    # ---- speaker
    for line in head_lines:
        s = line.strip()
        if len(s) > 40:
            continue
        m = _SPEAKER.match(s)
        if m:
            meta.speaker = m.group("name")
            meta.extra["speaker_role"] = s[: m.start("name")].strip(" （(")
            break
        m = _DATE_NAME.match(s)
        if m:
            meta.speaker = m.group("name")
            break
    if meta.speaker is None and fm.get("title"):
        m = re.search(r"[（(]\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(?P<name>[\u4e00-\u9fff·]{2,4})\s*[）)]", fm["title"])
        if m:
            meta.speaker = m.group("name")

    # ---- region and year from titles
    title_region = title_year = None
    for c in [split_region and f"{split_region}{split_year}年政府工作报告", fm.get("title"), title_hint, *head_lines[:3]]:
        if not c:
            continue
        m = _TITLE_REGION_YEAR.search(c) or _TITLE_YEAR_REGION.search(c)
        if m:
            title_region, title_year = m.group("region"), int(m.group("year"))
            break
        m = _TITLE_REGION_ONLY.search(c)
        if m and title_region is None:
            title_region = m.group("region")
        m = _TITLE_YEAR.search(c)
        if m and title_year is None:
            title_year = int(m.group("year"))

    # ---- year: delivery date, then title, then path
    if meta.date:
        meta.year = int(meta.date[:4])
    elif title_year:
        meta.year = title_year
    elif fm.get("year", "").isdigit():
        meta.year = int(fm["year"])
    elif p is not None and (m := _PATH_YEAR.match(p.stem)):
        meta.year = int(m.group("year"))
        meta.flags.append("year_from_path")
    if meta.date is None and meta.year is not None and _reviews_its_own_year(text, meta.year):
        # an undated report titled by the year it reviews (四川省/2003.md:
        # 一、2003年工作回顾 … 二、2004年工作安排) was delivered the year after
        meta.year += 1
        meta.flags.append("year_from_plan")

    # ---- region
    path_level = _level_from_path(p) if p is not None else None
    path_region = None
    if p is not None and _PATH_YEAR.match(p.stem) and _REGION_NAME.match(p.parent.name):
        path_region = p.parent.name  # the <region>/<year>.md layout
    if fm.get("region"):
        meta.region = fm["region"]
    elif national or path_level == "national":
        meta.region = "全国"
    elif title_region:
        meta.region = title_region
    elif meeting_region:
        meta.region = meeting_region
    if meta.region and meta.region not in PROVINCES and meta.region in _PROVINCE_SHORT:
        meta.region = _PROVINCE_SHORT[meta.region]
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

    # ---- level
    level, guessed = level_of_region(meta.region)
    if fm.get("level"):
        level, guessed = fm["level"], False
    elif path_level is not None and level in (None, "city", "province"):
        # The corpus layout says which tier a 市 is; municipalities stay provincial.
        if not (level == "province" and path_level == "city"):
            level, guessed = path_level, False
    role = meta.extra.get("speaker_role", "")
    if guessed and role:
        if role.endswith(("县长",)):
            level, guessed = "county", False
        elif "市长" in role or "州长" in role:
            guessed = True
    meta.level = level
    if guessed and level is not None:
        meta.flags.append("level_guessed")

    if meta.region is None:
        meta.flags.append("no_region")
    if meta.year is None:
        meta.flags.append("no_year")
    if _PLACEHOLDER.search(text):
        meta.flags.append("placeholders")
    for key in ("source", "title"):
        if fm.get(key):
            meta.extra[f"front_matter_{key}"] = fm[key]
    return meta
