"""Bundled datasets: read offline with :mod:`importlib.resources`.

``load_*`` functions return data shipped with the package; each dataset has a
card (source, coverage, caveats, columns) shown by :func:`describe_dataset`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import pandas as pd

from ..errors import InvalidOptionError
from ..io.reader import ReportRecord, reports_frame

__all__ = ["load_sample", "describe_dataset", "list_datasets", "DATASETS"]

#: Dataset name → (data file, card file).
DATASETS: dict[str, tuple[str, str]] = {
    "sample": ("sample.jsonl", "sample.md"),
    "gazetteer": ("gazetteer.csv.gz", "gazetteer.md"),
    "targets": ("targets.csv.gz", "targets.md"),
}


def _files():
    return resources.files("govreports.datasets")


def list_datasets() -> list[str]:
    """Names of the bundled datasets.

    Returns
    -------
    list of str
        Names accepted by :func:`describe_dataset`.

    Examples
    --------
    >>> import govreports as gr
    >>> "sample" in gr.list_datasets()
    True
    """
    return sorted(n for n, (_, card) in DATASETS.items() if (_files() / card).is_file())


def describe_dataset(name: str) -> str:
    """Return the card of a bundled dataset (Markdown text).

    Parameters
    ----------
    name
        One of :func:`list_datasets`.

    Returns
    -------
    str
        Source, coverage, caveats and columns of the dataset.

    Examples
    --------
    >>> import govreports as gr
    >>> print(gr.describe_dataset("sample").splitlines()[0])
    # Dataset card: `sample` — five 2023 township work reports
    """
    if name not in DATASETS:
        raise InvalidOptionError("name", name, sorted(DATASETS))
    return (_files() / DATASETS[name][1]).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _sample_records() -> tuple[ReportRecord, ...]:
    lines = (_files() / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        d = json.loads(line)
        out.append(ReportRecord(**d))
    return tuple(out)


def load_sample() -> pd.DataFrame:
    """Load the bundled sample: five 2023 township government work reports.

    The reports of 横沥镇, 六镇镇, 泥溪镇, 平湖镇 and 濮院镇 (濮院镇 is cut off
    in the source and flagged ``truncated``), cleaned from a web copy of a
    compilation. See ``describe_dataset("sample")`` for the card.

    Returns
    -------
    pandas.DataFrame
        The reports frame (see :func:`govreports.read_reports`), one row per
        report, in the order of the compilation.

    Examples
    --------
    >>> import govreports as gr
    >>> reports = gr.load_sample()
    >>> reports[["report_id", "region", "level", "year", "flags"]]
        report_id region     level  year        flags
    0  2023_横沥镇    横沥镇  township  2023           []
    1  2023_六镇镇    六镇镇  township  2023           []
    2  2023_泥溪镇    泥溪镇  township  2023           []
    3  2023_平湖镇    平湖镇  township  2023           []
    4  2023_濮院镇    濮院镇  township  2023  [truncated]
    """
    records = [ReportRecord(**{**r.__dict__, "flags": list(r.flags), "meta": dict(r.meta)}) for r in _sample_records()]
    return reports_frame(records)
