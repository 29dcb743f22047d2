"""The bundled gazetteer's rows, parsed once per process.

Both reading (a report's level from its region name, :mod:`govreports.io.meta`)
and locating (:mod:`govreports.locate`) use the gazetteer; this module reads
``datasets/gazetteer.csv.gz`` once for both.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def division_rows() -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The gazetteer's header and rows, as tuples of strings."""
    raw = gzip.decompress((resources.files("govreports.datasets") / "gazetteer.csv.gz").read_bytes()).decode("utf-8")
    reader = csv.reader(io.StringIO(raw))
    header = tuple(next(reader))
    return header, tuple(tuple(row) for row in reader)


@lru_cache(maxsize=1)
def division_levels() -> dict[str, str]:
    """Name → level of every division (``county``, ``city``, or the levels
    joined by ``/`` where a name occurs at several)."""
    header, rows = division_rows()
    name_at, level_at = header.index("name"), header.index("level")
    levels: dict[str, set[str]] = {}
    for row in rows:
        levels.setdefault(row[name_at], set()).add(row[level_at])
    return {name: "/".join(sorted(lv)) for name, lv in levels.items()}
