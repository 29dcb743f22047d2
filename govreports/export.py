"""Writing result tables for big runs and other tools: CSV, JSON Lines, Parquet, Stata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pandas as pd

from ._util import check_option
from .errors import OptionalDependencyError

__all__ = ["write_table", "read_table", "FORMATS"]

FORMATS = ("csv", "jsonl", "parquet", "stata")
#: Columns renamed in Stata files (``end`` is a reserved word there).
_STATA_RENAMES = {"start": "char_start", "end": "char_end", "sentence_start": "sentence_char_start"}


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts as text, categoricals as strings: what flat formats hold."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[col] = s.astype("str").where(s.notna(), None)
        elif s.dtype == object and s.map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = s.map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        elif s.dtype == object and s.map(lambda v: isinstance(v, dict)).any():
            import json

            out[col] = s.map(lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, dict) else v)
    return out


def write_table(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    format: Literal["csv", "jsonl", "parquet", "stata"] | None = None,
    partition_cols: tuple[str, ...] | None = ("level", "year"),
) -> Path:
    """Write a govreports table (metrics, panel, targets, reports …) to disk.

    Parameters
    ----------
    frame
        Any govreports output frame.
    path
        Output file; for Parquet with ``partition_cols`` a directory.
    format
        ``csv``, ``jsonl``, ``parquet`` or ``stata``; default from the
        extension (``.csv``, ``.jsonl``, ``.parquet``, ``.dta``).
    partition_cols
        Parquet only: columns to partition the dataset by (default level and
        year, when present); ``None`` writes one file.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    List columns (``flags``) are written as ``;``-joined text in CSV, Parquet
    and Stata, and as JSON arrays in JSON Lines. Stata files use format 118
    (Unicode); long text columns (``sentence``, ``text``) become strL, and
    the offset columns are named ``char_start``/``char_end`` (``end`` is
    reserved in Stata).

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "panel.dta"
    >>> gr.write_table(gr.panel(gr.load_sample()), out).suffix
    '.dta'
    """
    path = Path(path)
    if format is None:
        format = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".dta": "stata"}.get(
            path.suffix.lower(), "parquet" if path.suffix == "" else "csv"
        )
    check_option("format", format, list(FORMATS))
    if format == "jsonl":
        path.write_text(frame.to_json(orient="records", lines=True, force_ascii=False), encoding="utf-8")
        return path
    flat = _flat(frame)
    if format == "csv":
        flat.to_csv(path, index=False)
    elif format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise OptionalDependencyError("pyarrow", "scale", "writing Parquet") from None
        cols = [c for c in (partition_cols or ()) if c in flat.columns]
        if cols:
            flat.to_parquet(path, index=False, partition_cols=cols)
        else:
            flat.to_parquet(path, index=False)
    else:
        st = flat.copy()
        for col in st.columns:
            if st[col].dtype == "Int64":
                st[col] = st[col].astype("int32") if st[col].notna().all() else st[col].astype("float64")
            elif not pd.api.types.is_numeric_dtype(st[col]):
                st[col] = st[col].astype(object).where(st[col].notna(), "").astype(str)
        # Stata names: at most 32 characters, and not reserved words (end)
        st = st.rename(columns=_STATA_RENAMES)
        st.columns = [c[:32] for c in st.columns]
        long_cols = [c for c in st.columns if st[c].dtype == object and st[c].map(len).max() > 2000]
        st.to_stata(path, write_index=False, version=118, convert_strl=long_cols)
    return path


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read back a table written by :func:`write_table`.

    Partitioned Parquet datasets are read with ``pyarrow.dataset`` (hive
    partitions become ordinary columns again), which also works where
    ``pandas.read_parquet`` cannot read dictionary-typed partition keys.

    Parameters
    ----------
    path
        A ``.csv``, ``.jsonl``, ``.dta`` or ``.parquet`` file, or a Parquet
        dataset directory.

    Returns
    -------
    pandas.DataFrame
        The table (``flags`` as lists where the format stored them as text).

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> out = gr.write_table(gr.panel(gr.load_sample()), pathlib.Path(tempfile.mkdtemp()) / "panel")
    >>> len(gr.read_table(out)) == len(gr.panel(gr.load_sample()))
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".parquet":
        try:
            import pyarrow.dataset as ds
        except ImportError:
            raise OptionalDependencyError("pyarrow", "scale", "reading Parquet") from None
        frame = ds.dataset(str(path), format="parquet", partitioning="hive").to_table().to_pandas()
    elif suffix in (".jsonl", ".json"):
        return pd.read_json(path, lines=True)
    elif suffix == ".dta":
        frame = pd.read_stata(path).rename(columns={v: k for k, v in _STATA_RENAMES.items()})
    else:
        frame = pd.read_csv(path)
    if "flags" in frame.columns:
        frame["flags"] = frame["flags"].map(lambda v: [f for f in str(v).split(";") if f] if isinstance(v, str) else [])
    return frame
