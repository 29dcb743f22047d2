"""Column names, levels and other closed vocabularies shared by all stages."""

from __future__ import annotations

from typing import Literal

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
    "flags",
    "meta",
)

#: Administrative levels, from the top; used as an ordered categorical.
LEVELS: tuple[str, ...] = ("national", "province", "city", "county", "township")
Level = Literal["national", "province", "city", "county", "township"]

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
    "year_from_plan": "undated, and its title or path names the year it reviews (2003年工作回顾, 2004年工作安排): the year is the next one",
    "region_from_path": "the region was taken from the file path, not the text",
    "region_from_header": "the region was taken from the speaker line, 我代表X人民政府 or the web page's header (发布机构, breadcrumbs), not a title or session line",
    "region_from_body": "the region is the place the text names most often (checked against the gazetteer): no title, session or speaker line names it",
    "year_from_headings": "undated and untitled: the year is the one after the year the review headings or opening name (一、2022年工作回顾 → 2023)",
    "year_from_published": "the year was taken from the web page's 发布日期 (the next year when published in November or December)",
    "region_conflict": "the text names another region than the <region>/<year> path (meta: path_region)",
    "no_region": "no region in the title, front matter or path (is it a report?); add `region:` front matter",
    "no_year": "no year in the title, date line, front matter or path (is it a report?); add `year:` front matter",
    "level_guessed": "the level was inferred from the region name's suffix",
    "encoding_fallback": "the encoding was detected statistically (no BOM, not UTF-8)",
    "cut_character": "the file ends inside a multi-byte character (an interrupted download); the rest was kept",
    "placeholders": "the text holds template placeholders (XX, X.X, **)",
    "traditional": "written in traditional characters: converted to simplified character by character (offsets unchanged)",
}
