"""Writing result tables for big runs and other tools: CSV, JSON Lines, Parquet, Stata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import pandas as pd

from .._util import atomic_output, check_option, check_output_path
from ..errors import OptionalDependencyError

__all__ = ["write_table", "read_table", "check_table_output", "FORMATS"]

FORMATS = ("csv", "jsonl", "parquet", "stata")
#: Columns renamed in Stata files (``end`` is a reserved word there).
_STATA_RENAMES = {"start": "char_start", "end": "char_end", "sentence_start": "sentence_char_start"}


def flatten_lists(frame: pd.DataFrame) -> pd.DataFrame:
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


def _format_of(path: Path, format: str | None) -> str:
    if format is None:
        format = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".dta": "stata"}.get(
            path.suffix.lower(), "parquet" if path.suffix == "" else "csv"
        )
    check_option("format", format, list(FORMATS))
    return format


def _is_parquet_dataset(path: Path) -> bool:
    """Whether a folder holds nothing but a Parquet dataset (``key=value`` folders,
    ``.parquet`` files, pyarrow's ``_metadata`` files), so replacing it loses nothing else."""
    for root, dirs, files in os.walk(path):
        here = Path(root)
        if any((here / d).is_symlink() or "=" not in d for d in dirs):
            return False
        if any((here / f).is_symlink() or not (f.endswith(".parquet") or f in ("_metadata", "_common_metadata"))
               for f in files):
            return False
    return True


_DATASET = "a Parquet dataset (key=value folders and .parquet files)"


def check_table_output(
    path: str | os.PathLike[str],
    *,
    format: Literal["csv", "jsonl", "parquet", "stata"] | None = None,
    partition_cols: tuple[str, ...] | None = ("level", "year"),
) -> None:
    """Check, before any work, that :func:`write_table` may write ``path``.

    Parameters
    ----------
    path, format, partition_cols
        As for :func:`write_table`. A partitioned Parquet output is taken to
        be a folder (as it is for any table with the partition columns).

    Raises
    ------
    OutputPathError
        ``path`` is a folder where a file is written, or a file or a
        non-empty folder that is not a Parquet dataset where a dataset folder
        is written.
    InvalidOptionError
        For an unknown ``format``.
    """
    path = Path(path)
    folder = _format_of(path, format) == "parquet" and bool(partition_cols)
    check_output_path(path, folder=folder, may_replace=_is_parquet_dataset, what=_DATASET)


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

    Raises
    ------
    OutputPathError
        Where ``path`` may not be written (see Notes); nothing is written.

    Notes
    -----
    List columns (``flags``) are written as ``;``-joined text in CSV, Parquet
    and Stata, and as JSON arrays in JSON Lines. Stata files use format 118
    (Unicode); long text columns (``sentence``, ``text``) become strL, and
    the offset columns are named ``char_start``/``char_end`` (``end`` is
    reserved in Stata).

    The output is written under a hidden temporary name beside ``path``
    (``.panel.partial-3f9a1c2e.csv``) and renamed to ``path`` only when
    complete: an error or an interruption leaves what was at ``path`` before.
    An existing file is replaced (a symbolic link is replaced, not followed);
    ``path`` may not be a folder. A partitioned Parquet dataset replaces a
    folder that holds only an earlier Parquet dataset (``key=value`` folders
    and ``.parquet`` files), so writing twice gives the rows once; any other
    non-empty folder, or a file, is refused. Two processes writing one
    ``path`` at once: the last to finish wins and the file is whole (for a
    dataset folder, the other run fails with an error instead).

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "panel.dta"
    >>> gr.write_table(gr.panel(gr.load_sample()), out).suffix
    '.dta'
    """
    path = Path(path)
    format = _format_of(path, format)
    if format == "jsonl":
        with atomic_output(path) as tmp:
            tmp.write_text(frame.to_json(orient="records", lines=True, force_ascii=False), encoding="utf-8")
        return path
    flat = flatten_lists(frame)
    if format == "csv":
        with atomic_output(path) as tmp:
            flat.to_csv(tmp, index=False)
    elif format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise OptionalDependencyError("pyarrow", "scale", "writing Parquet") from None
        cols = [c for c in (partition_cols or ()) if c in flat.columns]
        with atomic_output(path, folder=bool(cols), may_replace=_is_parquet_dataset, what=_DATASET) as tmp:
            if cols:
                # one writer thread: a run writing a dataset under load was seen to abort at exit
                # ("terminate called without an active exception", not reproduced since); fewer native
                # threads left at exit, and the tables written here are small
                flat.to_parquet(tmp, index=False, partition_cols=cols, use_threads=False)
            else:
                flat.to_parquet(tmp, index=False)
    else:
        _write_stata(flat, path)
    return path


def _write_stata(flat: pd.DataFrame, path: Path) -> None:
    """Stata 118: Int64 as int32 (float64 with gaps), text as str, names renamed and cut to 32."""
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
    with atomic_output(path) as tmp:
        st.to_stata(tmp, write_index=False, version=118, convert_strl=long_cols)


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
