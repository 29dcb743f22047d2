"""Bundled datasets: every table shipped with the package, read offline.

Each dataset is read by one ``load_*`` function of this package (as in
``sklearn.datasets``: ``load_*`` bundled and offline, ``read_*`` the user's
files) and has a card (source, coverage, caveats, columns) shown by
:func:`describe_dataset`. The stages use the same loaders (or the cached raw
tables beside them); no other module opens a bundled file.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

from .._lazy import pandas as pd
from ..errors import InvalidOptionError
from ..schema import ReportRecord, reports_frame
from ._divisions import load_gazetteer
from ._lexicons import load_indicators, load_policy_terms, load_stopwords, load_t2s, load_themes
from ._targets import load_national_targets, load_targets

__all__ = [
    "data_versions", "describe_dataset", "list_datasets", "load_gazetteer", "load_indicators", "load_national_targets",
    "load_policy_terms", "load_sample", "load_stopwords", "load_t2s", "load_targets", "load_themes",
]

#: Dataset name → (data file, card file, loader name). One card may describe several files.
DATASETS: dict[str, tuple[str, str, str]] = {
    "sample": ("sample.jsonl", "sample.md", "load_sample"),
    "gazetteer": ("gazetteer.csv.gz", "gazetteer.md", "load_gazetteer"),
    "targets": ("targets.csv.gz", "targets.md", "load_targets"),
    "national_targets": ("targets.csv.gz", "targets.md", "load_national_targets"),
    "indicators": ("indicators.tsv", "indicators.md", "load_indicators"),
    "policy_terms": ("policy_terms.tsv", "lexicons.md", "load_policy_terms"),
    "stopwords": ("stopwords.txt", "lexicons.md", "load_stopwords"),
    "themes": ("themes.tsv", "lexicons.md", "load_themes"),
    "t2s": ("t2s.tsv", "lexicons.md", "load_t2s"),
}


#: What each bundled data file describes, as of when (its card says more). Recorded with every
#: output (:func:`data_versions`); ``tests/test_datasets.py`` checks each stands in the file's card.
VINTAGES: dict[str, str] = {
    "sample.jsonl": "five 2023 township reports (a web copy of a 2023 compilation)",
    "gazetteer.csv.gz": "2023年统计用区划代码 (state as of 2023-06-30)",
    "targets.csv.gz": "reports delivered up to 2026-03-05",
    "indicators.tsv": "project-made from reading reports",
    "policy_terms.tsv": "project-made from reading reports",
    "stopwords.txt": "project-made from reading reports",
    "themes.tsv": "project-made from reading reports",
    "t2s.tsv": "OpenCC TSCharacters.txt",
}


def _files():
    return resources.files("govreports.datasets")


@lru_cache(maxsize=1)
def _digests() -> tuple[tuple[str, str], ...]:
    files = sorted({f for f, _, _ in DATASETS.values()})
    return tuple((f, hashlib.sha256((_files() / f).read_bytes()).hexdigest()[:16]) for f in files)


def data_versions() -> dict[str, dict[str, str]]:
    """The bundled data files an output was made with: content digest and vintage.

    The digest (the first 16 hex digits of the file's SHA-256) changes whenever
    the file does, so two outputs made with the same data show the same digests
    whatever the package version. Every file govreports writes records this
    (see :func:`govreports.provenance`).

    Returns
    -------
    dict
        File name → ``{"sha256": …, "vintage": …}``.

    Examples
    --------
    >>> import govreports as gr
    >>> gr.data_versions()["gazetteer.csv.gz"]["vintage"]
    '2023年统计用区划代码 (state as of 2023-06-30)'
    """
    return {f: {"sha256": digest, "vintage": VINTAGES.get(f, "")} for f, digest in _digests()}


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
    return sorted(n for n, (_, card, _) in DATASETS.items() if (_files() / card).is_file())


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
    >>> reports[["report_id", "region", "level", "year", "quality_flags"]]
        report_id region     level  year quality_flags
    0  2023_横沥镇    横沥镇  township  2023           []
    1  2023_六镇镇    六镇镇  township  2023           []
    2  2023_泥溪镇    泥溪镇  township  2023           []
    3  2023_平湖镇    平湖镇  township  2023           []
    4  2023_濮院镇    濮院镇  township  2023  [truncated]
    """
    records = [ReportRecord(**{**r.__dict__, "flags": list(r.flags), "meta": dict(r.meta)}) for r in _sample_records()]
    return reports_frame(records)
