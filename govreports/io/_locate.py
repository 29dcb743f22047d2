"""Locate reports in the administrative hierarchy (统计用区划代码).

A report names its own jurisdiction (``region``: 横沥镇, 杭州市, 浙江省, 全国) but rarely
its superiors. :func:`locate` looks the name up in the bundled gazetteer (the National
Bureau of Statistics' 2023 division codes down to township level, see
``gazetteer.md``) and, when several divisions share the name (城关镇 ~90 times),
decides between them by counting how often the report's own text names each
candidate's superiors (县, 市, 省) and neighbouring units.

The gazetteer is read lazily, once, on the first call.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from .. import _regex
from .._lazy import pandas as pd
from ..datasets._divisions import division_text
from ..errors import GovReportsError, InvalidOptionError, MissingColumnsError

__all__ = ["locate", "LOCATE_COLUMNS", "CONFIDENCES"]

#: Columns :func:`locate` adds to the reports frame, in order.
LOCATE_COLUMNS: tuple[str, ...] = (
    "province",
    "city",
    "county",
    "division_code",
    "locate_confidence",
    "locate_candidates",
    "locate_evidence",
)

#: Values of ``locate_confidence``.
CONFIDENCES: tuple[str, ...] = ("exact", "resolved", "hint", "ambiguous", "not_found", "national")

_GAZ_LEVELS: tuple[str, ...] = ("province", "city", "county", "township")
_VALID_LEVELS: tuple[str, ...] = ("national", *_GAZ_LEVELS)
_NATIONAL_NAMES = frozenset({"全国", "中国", "中华人民共和国", "国务院", "中央政府"})

# Suffixes a region name may carry beyond the gazetteer's short name (杭州市 -> 杭州,
# 日喀则地区 -> 日喀则 for the former 地区 now 日喀则市). Longest first.
_REGION_SUFFIXES: tuple[str, ...] = (
    "特别行政区", "街道办事处", "自治区", "自治州", "自治县", "自治旗", "办事处",
    "地区", "街道", "苏木", "林区", "新区", "省", "市", "县", "区", "旗", "盟", "镇", "乡",
)
_GOVERNMENT_SUFFIX = _regex.compile(r"(?:人民政府|政府)$")

# The decision rule: the best candidate's score must be at least this many times
# the runner-up's (2 keeps one stray mention from deciding a close call) and at
# least _MIN_SCORE, about one mention of a name that occurs in under 5% of
# unrelated reports (weights are -ln of that share, see gazetteer.md).
_MARGIN = 2.0
_MIN_SCORE = 3.0
# ... and rest on at least two different names: one stray name (宁远, 仙河镇) in an
# unrelated text otherwise decides too often (measured in docs/locate.md).
_MIN_NAMES = 2
_EVIDENCE_SHOWN = 5


class _Unit(NamedTuple):
    code: str
    name: str
    short_name: str
    mention: str
    mention_weight: str
    level: str
    parent_code: str
    province: str
    city: str
    county: str


_MENTION_AT, _WEIGHT_AT = (_Unit._fields.index(f) for f in ("mention", "mention_weight"))


class _Units(Mapping[str, _Unit]):
    """The gazetteer's units by code, each made from its line of the CSV when first looked up (a
    run reads a few hundred of the 44,690). Only each line's code, level and parent code are read
    for all of them (:data:`_LEVEL_AND_PARENT`): splitting every line into its ten fields took most
    of the 0.08 CPU-s the gazetteer cost each run."""

    def __init__(self, body: str) -> None:
        lines = body.split("\n")
        if lines and not lines[-1]:
            lines.pop()  # the newline that ends the file
        self.lines = {line[: line.find(",")]: line for line in lines}
        levels, parents = list(zip(*_LEVEL_AND_PARENT.findall(body))) or [(), ()]
        #: ``(code, level, parent_code)`` of every unit, in the file's order.
        self.placed = list(zip(self.lines, levels, parents))
        if (len(self.lines) != len(lines) or len(self.placed) != len(lines)
                or body.count(",") != len(lines) * (len(_Unit._fields) - 1)):
            raise GovReportsError("gazetteer.csv.gz has malformed rows (each must be one line of "
                                  f"{len(_Unit._fields)} unquoted fields, a level among {', '.join(_GAZ_LEVELS)}, "
                                  "and a code of its own); rebuild it with tools/build_gazetteer.py")
        self._made: dict[str, _Unit] = {}

    def __getitem__(self, code: str) -> _Unit:
        unit = self._made.get(code)
        if unit is None:
            unit = self._made[code] = _Unit._make(self.lines[code].split(","))
        return unit

    def fields(self, code: str) -> list[str]:
        """The fields of ``code``'s line (for passes over many units: no unit is kept)."""
        return self.lines[code].split(",")

    def __contains__(self, code: object) -> bool:
        return code in self.lines

    def __iter__(self) -> Iterator[str]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)


# Each line's level (the only fields of ASCII letters) and the parent code after it; the header
# line is not part of the text searched.
_LEVEL_AND_PARENT = _regex.compile(",(" + "|".join(_GAZ_LEVELS) + r"),([^,\n]*),")


class _ByLevel:
    """Codes by ``(level, name)`` (``get`` as a dict's), one level's table made on its first
    lookup: most runs read reports of one or two levels (townships are 90% of the gazetteer)."""

    def __init__(self, units: _Units, field_at: int) -> None:
        self._units = units
        self._field_at = field_at  # the name form: _Unit.name or _Unit.short_name
        self._tables: dict[str, dict[str, list[str]]] = {}

    def get(self, key: tuple[str, str], default: list[str] | None = None) -> list[str] | None:
        level, name = key
        table = self._tables.get(level)
        if table is None:
            table = {}
            at, fields = self._field_at, self._units.fields
            for code, unit_level, _ in self._units.placed:
                if unit_level == level:
                    table.setdefault(fields(code)[at], []).append(code)
            self._tables[level] = table  # (whole: a thread looking it up meanwhile makes its own)
        return table.get(name, default)


@dataclass
class _Gazetteer:
    units: _Units
    children: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = _ByLevel(self.units, _Unit._fields.index("name"))
        self.by_short = _ByLevel(self.units, _Unit._fields.index("short_name"))

    @cached_property
    def weights(self) -> dict[str, float]:
        """The weight of one mention of each name form (made when a report's name is first found ambiguous)."""
        weights = {}
        for code in self.units:
            row = self.units.fields(code)
            if row[_MENTION_AT]:
                weights[row[_MENTION_AT]] = float(row[_WEIGHT_AT] or 1)
        return weights

    def ancestors(self, code: str) -> list[_Unit]:
        """Superiors of ``code``, nearest first."""
        out = []
        parent = self.units[code].parent_code
        while parent:
            unit = self.units[parent]
            out.append(unit)
            parent = unit.parent_code
        return out


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    header, _, body = division_text().partition("\n")
    if tuple(header.split(",")) != _Unit._fields:
        raise GovReportsError("gazetteer.csv.gz has unexpected columns; "
                              "rebuild it with tools/build_gazetteer.py")
    if '"' in body or "\r" in body:
        raise GovReportsError("gazetteer.csv.gz has quoted fields or CR line ends; "
                              "rebuild it with tools/build_gazetteer.py")
    units = _Units(body)
    gaz = _Gazetteer(units)
    for code, _, parent in units.placed:
        if parent:
            gaz.children.setdefault(parent, []).append(code)
    return gaz


def _normalise_region(region: object) -> str:
    if region is None or (isinstance(region, float) and region != region):
        return ""
    text = re.sub(r"\s+", "", str(region))
    return _GOVERNMENT_SUFFIX.sub("", text)


def _lookup(gaz: _Gazetteer, name: str, level: str) -> list[str]:
    """Codes at ``level`` whose full or short name is ``name`` or its stem."""
    codes = gaz.by_name.get((level, name))
    if codes:
        return list(codes)
    codes = list(gaz.by_short.get((level, name), []))
    if codes:
        return codes
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            codes = list(gaz.by_short.get((level, name[: -len(suffix)]), []))
            if codes:
                return codes
    return []


def _ancestor_forms(gaz: _Gazetteer, code: str) -> set[str]:
    forms = set()
    for unit in gaz.ancestors(code):
        forms.update((unit.name, unit.short_name))
    return forms


@dataclass
class _Match:
    codes: list[str]
    note: str = ""


def _find(gaz: _Gazetteer, name: str, levels: Sequence[str]) -> _Match:
    """Candidates for ``name`` at the first of ``levels`` that has any."""
    if not name:
        return _Match([])
    primary = levels[0]
    for level in levels:
        codes = _lookup(gaz, name, level)
        if codes:
            return _Match(codes)
    # "古田县平湖镇", "浙江省桐乡市": a name qualified by its superiors' names.
    for cut in range(2, len(name) - 1):
        head, tail = name[:cut], name[cut:]
        for level in levels:
            codes = [c for c in _lookup(gaz, tail, level)
                     if any(form and form in head for form in _ancestor_forms(gaz, c))]
            if codes:
                return _Match(codes, f"region qualified by {head}")
    # A city-level report of 北京市 (a municipality) or of a unit since downgraded
    # (巢湖市): accept the full name at another level, never a bare short name.
    for level in _GAZ_LEVELS:
        if level in levels:
            continue
        codes = list(gaz.by_name.get((level, name), []))
        if codes:
            return _Match(codes, f"matched at {level} level (no {primary} of that name)")
    return _Match([])


def _evidence_keys(gaz: _Gazetteer, code: str, region: str, region_stem: str) -> set[str]:
    """Name forms whose mention in a report supports ``code``: superiors, neighbours, subunits."""
    unit = gaz.units[code]
    keys = {a.mention for a in gaz.ancestors(code)}
    siblings = gaz.children.get(unit.parent_code, []) if unit.parent_code else []
    keys.update(gaz.units[s].mention for s in siblings if s != code)
    # A city's report names its counties, a county's its townships.
    keys.update(gaz.units[c].mention for c in gaz.children.get(code, []))
    # The report's own name says nothing about where it is (平湖 in 平湖镇's text
    # must not count for a 平湖市).
    return {k for k in keys if k and k not in region and region_stem not in k}


def _format_counts(counts: Mapping[str, int]) -> str:
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_EVIDENCE_SHOWN]
    return ", ".join(f"{k}×{n}" for k, n in items)


def _label(gaz: _Gazetteer, code: str) -> str:
    unit = gaz.units[code]
    parts = [unit.province, unit.city if unit.city != unit.province else "", unit.county,
             unit.name if unit.level == "township" else ""]
    return "".join(dict.fromkeys(p for p in parts if p))


@dataclass
class _Result:
    code: str = ""
    confidence: str = "not_found"
    candidates: list[str] = field(default_factory=list)
    evidence: str = ""


def _apply_hint(gaz: _Gazetteer, codes: list[str], hint: str) -> list[str]:
    """Candidates that agree with ``hint``: a code, or a superior's name."""
    hint = hint.strip()
    if hint.isdigit():
        full = hint.ljust(12, "0")
        if full not in gaz.units:
            return []
        if not codes:
            return [full]  # the name is unknown, but the user knows the code
        return [c for c in codes if c == full or full in {a.code for a in gaz.ancestors(c)}]
    return [c for c in codes if hint in _ancestor_forms(gaz, c)
            or hint in (gaz.units[c].name, gaz.units[c].short_name)]


def _similar(gaz: _Gazetteer, stem: str, levels: Sequence[str]) -> str:
    """Units at other levels sharing the stem (莱芜市 -> 济南市莱芜区), for the evidence."""
    found = [c for level in _GAZ_LEVELS if level not in levels
             for c in gaz.by_short.get((level, stem), [])]
    return ", ".join(f"{_label(gaz, c)} ({gaz.units[c].level} {c})" for c in sorted(found)[:3])


# Up to this many evidence names, each is counted with str.count; above it (城关镇:
# ~1,400 names) the text's character bigrams and trigrams that start with a name's
# first character are counted once and looked up, which costs about the same for any
# number of names.
_DIRECT_COUNT_MAX = 16


class _Names(NamedTuple):
    """Evidence names prepared for n-gram counting."""

    names: tuple[str, ...]
    first_chars: str  # each name's first character, once


def _prepare(names: Sequence[str]) -> _Names:
    return _Names(tuple(names), "".join(sorted({n[0] for n in names})))


def _positions(text: str, char: str) -> Iterator[int]:
    """Where ``char`` stands in ``text``."""
    at = text.find(char)
    while at >= 0:
        yield at
        at = text.find(char, at + 1)


@dataclass
class _Plan:
    """What is known about one region name before reading any text."""

    region: str
    codes: list[str]
    notes: list[str]
    done: _Result | None = None
    keys: dict[str, frozenset[str]] = field(default_factory=dict)
    counted: _Names | None = None


def _plan(gaz: _Gazetteer, region: str, levels: Sequence[str], hint: str | None) -> _Plan:
    match = _find(gaz, region, levels)
    codes = sorted(match.codes)
    notes = [match.note] if match.note else []
    stem = region
    for suffix in _REGION_SUFFIXES:
        if region.endswith(suffix) and len(region) - len(suffix) >= 2:
            stem = region[: -len(suffix)]
            break

    if hint is not None:
        kept, hint_note = _apply_hint(gaz, codes, hint), f"hint {hint}"
        if len(kept) == 1:
            done = _Result(kept[0], "hint", codes or kept, "; ".join([*notes, hint_note]))
            return _Plan(region, codes, notes, done)
        if kept:
            codes = kept
            notes.append(f"{hint_note} kept {len(kept)} candidates")
        else:
            warnings.warn(f"locate: {hint_note} matches no candidate for {region!r}; ignored",
                          stacklevel=3)
            notes.append(f"{hint_note} matched no candidate, ignored")

    if not codes:
        detail = f"no {'/'.join(levels)} named {region or '(empty)'} in the 2023 gazetteer"
        similar = _similar(gaz, stem, levels) if stem != region else ""
        if similar:
            detail += f"; same stem at another level: {similar}"
        return _Plan(region, codes, notes, _Result(evidence="; ".join([*notes, detail])))

    keys = {c: frozenset(_evidence_keys(gaz, c, region, stem)) for c in codes}
    # Names shared by every candidate (their common province) cannot decide.
    shared = frozenset.intersection(*keys.values()) if len(codes) > 1 else frozenset()
    keys = {c: k - shared for c, k in keys.items()}
    # Evidence names are at least two characters long (see gazetteer.md).
    counted = _prepare(sorted(k for k in frozenset().union(*keys.values()) if len(k) >= 2))
    return _Plan(region, codes, notes, None, keys, counted)


def _count(names: _Names, text: str) -> dict[str, int]:
    """Occurrences in ``text`` of each name that occurs at all."""
    if len(names.names) <= _DIRECT_COUNT_MAX:
        found = ((n, text.count(n)) for n in names.names)
        return {n: c for n, c in found if c}
    # only where a name's first character stands can one start (at a few percent of the text)
    starts = [at for char in names.first_chars for at in _positions(text, char)]
    pairs = Counter([text[at:at + 2] for at in starts])
    triples = Counter([text[at:at + 3] for at in starts])
    out = {}
    for name in names.names:
        n = pairs[name] if len(name) == 2 else triples[name[:3]]
        if n and len(name) >= 4:
            n = text.count(name)  # a trigram hit only says the first three characters occur
        if n:
            out[name] = n
    return out


def _decide(gaz: _Gazetteer, plan: _Plan, text: str) -> _Result:
    """Score the candidates of ``plan`` on one report's text."""
    if plan.done is not None:
        return plan.done
    codes, notes = plan.codes, plan.notes
    found = _count(plan.counted, text)
    hits = {c: {k: found[k] for k in plan.keys[c] if k in found} for c in codes}
    if len(codes) == 1:
        seen = hits[codes[0]]
        said = (f"text mentions {_format_counts(seen)}" if seen
                else "text names no superior or neighbour")
        return _Result(codes[0], "exact", codes, "; ".join([*notes, f"unique name; {said}"]))

    weights = gaz.weights
    scores = {c: sum(n * weights.get(k, 1.0) for k, n in h.items()) for c, h in hits.items()}
    ranked = sorted(codes, key=lambda c: (-scores[c], c))
    best, second = ranked[0], ranked[1]
    if (scores[best] >= _MIN_SCORE and scores[best] >= _MARGIN * scores[second]
            and len(hits[best]) >= _MIN_NAMES):
        said = f"text mentions {_format_counts(hits[best])} (score {scores[best]:.1f}"
        if scores[second]:
            said += (f"; runner-up {_label(gaz, second)} {scores[second]:.1f}: "
                     f"{_format_counts(hits[second])}")
        return _Result(best, "resolved", codes,
                       "; ".join([*notes, f"{len(codes)} candidates; {said})"]))
    if scores[best]:
        said = (f"evidence too weak or too close: {_label(gaz, best)} {scores[best]:.1f} "
                f"({_format_counts(hits[best])}) vs {_label(gaz, second)} {scores[second]:.1f}")
    else:
        said = "text names none of their superiors or neighbours"
    return _Result("", "ambiguous", codes,
                   "; ".join([*notes, f"{len(codes)} candidates; {said}"]))


def _common(gaz: _Gazetteer, codes: Sequence[str], column: str) -> str:
    values = {getattr(gaz.units[c], column) for c in codes}
    return values.pop() if len(values) == 1 else ""


def _hint_for(hints: Mapping[str, str], report_id: object, region: object,
              name: str) -> str | None:
    for key in (str(report_id), region, name):
        if isinstance(key, str) and key in hints:
            return str(hints[key])
    return None


def locate(reports: pd.DataFrame, *, hints: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Find each report's division code, province, city and county.

    The ``region`` is looked up at the report's ``level`` in the bundled 2023
    gazetteer (full names and short forms: 杭州 → 杭州市, 内蒙古 → 内蒙古自治区,
    日喀则地区 → 日喀则市; a trailing 人民政府 is ignored; 古田县平湖镇 is read as
    平湖镇 in 古田县). A unique name is taken as it is. When several divisions
    share the name, each candidate is scored by how often the report's title and
    text name its superiors (county, city, province: short forms such as 古田,
    宁德), its neighbours (units under the same parent) and its subunits (a
    city's counties); names common to all candidates do not count. Each mention
    is weighted by how rarely that name form turns up in reports of unrelated
    provinces (about 8 for 古田, 3.5 for 东至, which also occurs in 广东至…; see
    the gazetteer card). The best candidate is taken if its score is at least 3,
    at least twice the runner-up's, and rests on at least two different names;
    otherwise the report is left ambiguous and the candidates are listed. A hint
    overrides the text.

    City-level reports of 北京市, 天津市, 上海市 and 重庆市 resolve to the
    municipality's provincial code (the NBS lists no city unit for them).

    Parameters
    ----------
    reports : pandas.DataFrame
        The reports frame, one row per report, with at least ``report_id``,
        ``region``, ``level`` and ``text`` (``title`` is used when present).
        ``level`` is one of national, province, city, county, township; a missing
        level searches every level from province down.
    hints : mapping of str to str, optional
        Keyed by ``report_id`` or by region name; the value is a division code
        (2 to 12 digits: 350922 for 古田县) or the name of a superior (古田县,
        古田, 宁德市). A hint that picks one candidate gives confidence "hint";
        one that matches none is ignored with a warning.

    Returns
    -------
    pandas.DataFrame
        A new frame: the input's rows and columns, in the same order, plus

        - ``province``, ``city``, ``county``: names of the enclosing units (the
          unit's own name at its own level); for an ambiguous report only those
          all candidates share; empty strings where unknown or not applicable
          (no county for a city report, or for the towns of 东莞市 and 中山市).
        - ``division_code``: the 12-digit 统计用区划代码 (the first 6 digits are
          the GB/T 2260 code of a county or higher unit, the first 9 a
          township's); empty unless located (confidence exact, resolved or hint).
        - ``locate_confidence``: "exact" (the name is unique at its level),
          "resolved" (decided by the text's evidence), "hint", "ambiguous",
          "not_found" or "national" (a national report; code left empty).
        - ``locate_candidates``: the codes considered, ``|``-joined and sorted.
        - ``locate_evidence``: a short human-readable account of what decided,
          e.g. ``"unique name; text mentions 古田×15, 宁德×2, 福建×1"``.

    Raises
    ------
    MissingColumnsError
        If ``region``, ``level`` or ``text`` is missing.
    InvalidOptionError
        If a ``level`` value is not one of the valid levels.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import locate
    >>> located = locate(gr.load_sample())
    >>> located[["region", "city", "division_code", "locate_confidence"]]
      region city division_code locate_confidence
    0    横沥镇  东莞市  441900106000          resolved
    1    六镇镇  滁州市  341124109000             exact
    2    泥溪镇  池州市  341721111000          resolved
    3    平湖镇  宁德市  350922101000             exact
    4    濮院镇  嘉兴市  330483101000             exact
    >>> located.loc[2, "locate_evidence"]
    '4 candidates; text mentions 安徽×3, 东至×1 (score 17.5)'
    >>> locate(gr.load_sample(), hints={"泥溪镇": "云阳县"}).loc[2, "division_code"]
    '500235139000'
    """
    missing = [c for c in ("region", "level", "text") if c not in reports.columns]
    if missing:
        raise MissingColumnsError("reports", missing)
    levels_seen = {lv for lv in reports["level"].dropna().unique() if lv != ""}
    bad = sorted(str(lv) for lv in levels_seen if lv not in _VALID_LEVELS)
    if bad:
        raise InvalidOptionError("level", bad[0], list(_VALID_LEVELS))

    titles = reports["title"] if "title" in reports.columns else pd.Series("", index=reports.index)
    ids = reports["report_id"] if "report_id" in reports.columns else pd.Series(
        reports.index, index=reports.index)

    metas = reports["meta"] if "meta" in reports.columns else pd.Series(None, index=reports.index)
    columns = _locate_columns(zip(ids, reports["region"], reports["level"], titles, reports["text"], metas), hints)
    out = reports.copy()
    for column, values in columns.items():
        out[column] = pd.Series(values, index=reports.index, dtype="str")
    return out


def locate_rows(rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """:func:`locate` of reports given as dicts (:func:`govreports.schema.report_rows`, levels
    valid or None), without pandas: new dicts with the located columns added."""
    columns = _locate_columns(((r.get("report_id"), r.get("region"), r.get("level"), r.get("title", ""),
                                r["text"], r.get("meta")) for r in rows), None)
    return [{**r, **dict(zip(LOCATE_COLUMNS, values))} for r, values in zip(rows, zip(*columns.values()))]


def _locate_columns(reports: Iterable[tuple], hints: Mapping[str, str] | None) -> dict[str, list[str]]:
    """The columns :func:`locate` adds, for reports given as ``(report_id, region, level,
    title, text, meta)``."""
    gaz = _gazetteer()
    hints = dict(hints or {})
    columns: dict[str, list[str]] = {c: [] for c in LOCATE_COLUMNS}
    plans: dict[tuple[str, tuple[str, ...], str | None], _Plan] = {}
    for report_id, region, level, title, text, meta in reports:
        name = _normalise_region(region)
        level = level if isinstance(level, str) and level else None
        if level == "national" or (level is None and name in _NATIONAL_NAMES):
            result = _Result("", "national", [], "national report")
        else:
            hint = _hint_for(hints, report_id, region, name)
            if hint is None and isinstance(meta, dict) and meta.get("locate_hint"):
                hint = str(meta["locate_hint"])  # given to read_reports(hints=...)
            body = "\n".join(t if isinstance(t, str) else "" for t in (title, text))
            levels = (level,) if level else _GAZ_LEVELS
            key = (name, levels, hint)
            if key not in plans:
                plans[key] = _plan(gaz, name, levels, hint)
            result = _decide(gaz, plans[key], body)
        if result.code:
            unit = gaz.units[result.code]
            place = (unit.province, unit.city, unit.county)
        elif result.candidates:
            place = tuple(_common(gaz, result.candidates, col)
                          for col in ("province", "city", "county"))
        else:
            place = ("", "", "")
        for column, value in zip(LOCATE_COLUMNS, (*place, result.code, result.confidence,
                                                  "|".join(result.candidates), result.evidence)):
            columns[column].append(value)
    return columns
