"""Splitting compilations (汇编) into their reports.

A compilation is one document holding several reports, each opened by a title
line such as ``横沥镇2023年政府工作报告``; it often starts with a table of
contents whose entries repeat those titles followed by a page number. The
splitter keeps every line of the input accounted for: each line ends up in
exactly one report or in the list of removed lines (table of contents,
compilation header, site junk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import _regex
from ..schema import region_suffix_pattern
from ._clean import line_chunks, remove_junk_lines

__all__ = ["TITLE_LINE", "Part", "Split", "split_compilation"]

_REGION = r"[\u4e00-\u9fff]{1,20}?" + region_suffix_pattern()

#: A report title line: region, optional 人民政府, year, 政府工作报告, and in a
#: table of contents a page number.
TITLE_LINE = _regex.compile(
    rf"^\s*(?:\d{{1,3}}\s*[.、．]\s*)?(?P<region>{_REGION})(?:人民政府)?\s*(?P<year>(?:19|20)\d{{2}})\s*年度?\s*"
    r"(?:人民)?政府工作报告\s*(?P<page>\d{1,4})?\s*$"
)
_TOC_HEAD = _regex.compile(r"^\s*目\s*录\s*$")
# possessive blanks around the optional mark: a long run of blanks after the
# number cannot be split between them in every way (quadratic on raw lines)
_TOC_NUMBER = _regex.compile(r"^\s*\d{1,3}\s*+[.、．]?\s*+$")


@dataclass
class Part:
    """One report found in a document: its title match and its lines."""

    region: str | None
    year: int | None
    title: str | None
    lines: list[str]


@dataclass
class Split:
    """The result of :func:`split_compilation`."""

    parts: list[Part]
    removed: list[str] = field(default_factory=list)

    @property
    def is_compilation(self) -> bool:
        """True when the document held more than one report."""
        return len(self.parts) > 1


def split_compilation(text: str) -> Split:
    """Split a document into its reports.

    Parameters
    ----------
    text
        The decoded (not yet cleaned) text of a document.

    Returns
    -------
    Split
        ``parts``: one :class:`Part` per report, in document order (a single
        part holding all lines when the document is one report); ``removed``:
        every line that belongs to no report (site junk, table of contents,
        the compilation's own header). Each input line is in exactly one of
        them.

    Examples
    --------
    >>> doc = "目录\\n1.甲镇2023年政府工作报告 2\\n2.乙镇2023年政府工作报告 9\\n" \\
    ...       "甲镇2023年政府工作报告\\n各位代表：甲。\\n乙镇2023年政府工作报告\\n各位代表：乙。"
    >>> [p.region for p in split_compilation(doc).parts]
    ['甲镇', '乙镇']
    """
    lines = text.split("\n")
    kept, removed = remove_junk_lines(lines)
    titles = []
    for i, line in enumerate(kept):
        m = TITLE_LINE.match(line) if "政府工作报告" in line else None  # the words every title holds: fast to rule out
        # a title repeating the one before (a document site's header over the
        # report's own title) opens no new report
        if m and m.group("page") is None and not (titles and _same_title(titles[-1][1], m)):
            titles.append((i, m))
    if len(titles) < 2:
        return Split([Part(None, None, None, kept)], removed)
    first = titles[0][0]
    # Before the first report: the compilation's header and table of contents.
    removed.extend(kept[:first])
    parts: list[Part] = []
    for k, (i, m) in enumerate(titles):
        end = titles[k + 1][0] if k + 1 < len(titles) else len(kept)
        body = kept[i:end]
        parts.append(Part(m.group("region"), int(m.group("year")), kept[i].strip(), body))
    return Split(parts, removed)


def _same_title(a: re.Match[str], b: re.Match[str]) -> bool:
    return (a.group("region"), a.group("year")) == (b.group("region"), b.group("year"))


def is_toc_only(text: str) -> bool:
    """Whether a document is only a table of contents (titles with page numbers).

    Examples
    --------
    >>> is_toc_only("目录\\n1.甲镇2023年政府工作报告 2\\n2.乙镇2023年政府工作报告 9")
    True
    """
    total = text.count("\n") + 1
    seen = nonblank = toc = 0
    for chunk in line_chunks(text):
        for ln in chunk:
            seen += 1
            s = ln.strip()
            if s:
                nonblank += 1
                # An entry's first character past its blanks is 目 or a digit, or it holds 政府工作报告
                # (every title does): the patterns are tried only on such a line (few of a report's).
                first = s[0]
                if first == "目" or first.isdecimal() or "政府工作报告" in s:
                    toc += bool(
                        _TOC_HEAD.match(ln) or _TOC_NUMBER.match(ln)
                        or ("政府工作报告" in ln and (m := TITLE_LINE.match(ln)) and m.group("page"))
                    )
                # the lines left cannot bring the share of entries up to 80% any more: a
                # report is told after a fifth to a third of its lines, never read whole
                # (checked line by line)
                if 4 * (nonblank - toc) > toc + (total - seen) + 1:
                    return False
    return toc >= 2 and toc >= 0.8 * nonblank
