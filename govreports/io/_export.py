"""Writing result tables for big runs and other tools: CSV, JSON Lines, Parquet, Stata."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import math
import os
import platform
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from .. import _regex
from .._lazy import pandas as pd
from .._util import atomic_output, check_option, check_output_path
from .._util import spreadsheet_safe as _spreadsheet_safe
from .._version import __version__
from ..datasets import data_versions
from ..errors import OptionalDependencyError
from ..schema import RENAMED_COLUMNS, from_old_names, with_old_names

__all__ = ["write_table", "read_table", "check_table_output", "provenance", "provenance_text", "write_provenance",
           "sidecar_path", "FORMATS"]

FORMATS = ("csv", "jsonl", "parquet", "stata")
#: Columns renamed in Stata files (``end`` is a reserved word there).
_STATA_RENAMES = {"start": "char_start", "end": "char_end", "sentence_start": "sentence_char_start"}


#: Packages whose versions can change a result; recorded with every output.
_SOFTWARE = ("pandas", "numpy", "jieba", "rjieba", "pdfminer.six", "pypdfium2", "python-docx", "pyarrow", "dask")


_NAME_SEPARATORS = _regex.compile(r"[-_.]+")


def _normalised_name(name: str) -> str:
    """A distribution's name as installers write it in its metadata folder's name (PEP 503, ``_`` for ``-``)."""
    return _NAME_SEPARATORS.sub("_", name).lower()


def _installed_versions(packages: Sequence[str]) -> dict[str, str]:
    """The installed version of each of ``packages`` that has one: what ``importlib.metadata.version``
    gives for it, read the same way without importing importlib.metadata (about 0.02 CPU-s of every
    command: it imports the email package).

    As importlib.metadata does, the first ``NAME-….dist-info`` or ``NAME….egg-info`` entry of a folder
    on ``sys.path`` (in path order) whose name normalises to the package's is its distribution, and
    the version is the ``Version`` field of its ``METADATA`` or ``PKG-INFO`` (an ``.egg-info`` file is
    the metadata itself). Distributions inside zip files on the path are not looked at."""
    wanted = {_normalised_name(p): p for p in packages}
    found: dict[str, str | None] = {}
    for entry in sys.path:
        try:
            children = os.listdir(entry or ".")
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                package = wanted.get(_normalised_name(low.rpartition(".")[0].partition("-")[0]))
                if package is not None and package not in found:
                    found[package] = _metadata_version(os.path.join(entry or ".", child))
    return {p: found[p] for p in packages if found.get(p)}


def _metadata_version(info: str) -> str | None:
    """The ``Version`` field of a metadata folder's ``METADATA`` (or, where that is missing or
    empty, ``PKG-INFO``) or of an ``.egg-info`` file; None where there is none."""
    for path in ((os.path.join(info, "METADATA"), os.path.join(info, "PKG-INFO")) if os.path.isdir(info) else (info,)):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        if text:
            for line in text.splitlines():
                if not line.strip():
                    break  # the end of the header fields
                if line[:8].lower() == "version:":
                    return line[8:].strip()
            return None
    return None


def _jsonable(value: Any) -> Any:
    """Options as JSON: paths and other objects as text, containers kept."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no inf or nan
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    return str(value)


def provenance(
    *,
    command: str | None = None,
    options: Mapping[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """What an output was made with: govreports version, data vintages, software, options.

    Every file that ``govreports report``, ``metrics``, ``panel``, ``targets``
    and ``review`` write, and :func:`write_table` and
    :func:`~govreports.write_report`, carries this record: in a sidecar
    ``NAME.provenance.json`` beside CSV, JSON Lines, Stata and Excel files,
    inside Parquet files (schema metadata, restored by :func:`read_table` as
    ``frame.attrs["provenance"]``), and as ``provenance.json`` in a report
    folder. Cite the ``govreports`` version and the data digests with results.
    The record holds no time, so the same run gives the same bytes (the
    file's own time says when it was written).

    Parameters
    ----------
    command
        How the output was made (the command line, or the function called).
    options
        The options of the run (JSON-safe copies are kept; paths as text).
    **extra
        More fields (for example ``rows``).

    Returns
    -------
    dict
        ``govreports`` (version), ``command``, ``options``,
        ``data`` (:func:`~govreports.data_versions`), ``software`` (Python and
        the packages that can change a result, with their versions) and the
        extra fields.

    Examples
    --------
    >>> import govreports as gr
    >>> record = gr.provenance(command="govreports panel reports/", options={"jobs": 2})
    >>> record["govreports"] == gr.__version__, record["options"]
    (True, {'jobs': 2})
    >>> sorted(record["data"])[:2]
    ['gazetteer.csv.gz', 'indicators.tsv']
    """
    software = {"python": platform.python_version()}
    software.update(_installed_versions(_SOFTWARE))
    record: dict[str, Any] = {
        "govreports": __version__,
        "command": command,
        "options": _jsonable(dict(options or {})),
        "data": data_versions(),
        "software": software,
    }
    record.update(_jsonable(extra))
    return record


def sidecar_path(path: str | os.PathLike[str]) -> Path:
    """Where the provenance of an output file is written: ``NAME.provenance.json`` beside it.

    >>> sidecar_path("out/panel.csv").as_posix()
    'out/panel.csv.provenance.json'
    """
    path = Path(path)
    return path.with_name(path.name + ".provenance.json")


def write_provenance(path: str | os.PathLike[str], record: Mapping[str, Any]) -> Path:
    """Write ``record`` as the sidecar of the output ``path`` (whole or not at all).

    Parameters
    ----------
    path
        The output file the record describes.
    record
        A :func:`provenance` record.

    Returns
    -------
    pathlib.Path
        The sidecar written (:func:`sidecar_path`).
    """
    side = sidecar_path(path)
    with atomic_output(side) as tmp:
        tmp.write_text(provenance_text(record), encoding="utf-8", newline="\n")
    return side


def provenance_text(record: Mapping[str, Any]) -> str:
    """A provenance record as the JSON text every sidecar and report folder holds (keys sorted)."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _record_of(frame: pd.DataFrame, record: bool | Mapping[str, Any]) -> dict[str, Any] | None:
    if record is False:
        return None
    if record is True:
        record = provenance(command="govreports.write_table")
    return {**record, "rows": len(frame), "columns": [str(c) for c in frame.columns]}


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


class CsvRows:
    """Row tuples written as CSV text byte for byte as ``flatten_lists(frame).to_csv(index=False,
    header=False)`` writes the frame they make, without making the frame (pandas' cost per value).

    Parameters
    ----------
    template
        An empty frame of the table: its columns and their dtypes.
    fields
        The names of the tuples' fields: each column of ``template`` is one of
        them, or a copy of one under its old name (:data:`govreports.schema.RENAMED_COLUMNS`).

    Examples
    --------
    >>> template = pd.DataFrame({"a": pd.Series(dtype="float64"), "b": pd.Series(dtype=object)})
    >>> w = CsvRows(template, ["a", "b"])
    >>> w.header, w.text([(1, ["x", "y"]), (None, "z,")])
    ('a,b\\n', '1.0,x;y\\n,"z,"\\n')
    """

    def __init__(self, template: pd.DataFrame, fields: Sequence[str]) -> None:
        self._set(list(template.columns), list(template.dtypes), fields)
        self.header = template.head(0).to_csv(index=False)

    @classmethod
    def of(cls, columns: Sequence[str], dtypes: Sequence[str | tuple[str, ...]], fields: Sequence[str]) -> CsvRows:
        """The writer of a table given by its columns and their dtypes, without pandas.

        Parameters
        ----------
        columns
            The table's columns, in order.
        dtypes
            Each column's dtype: its name (``"float64"``, ``"Int64"``, ``"int64"``,
            ``"bool"``, ``"object"`` for text), or a categorical's categories as a tuple.
        fields
            As for :class:`CsvRows`.

        Examples
        --------
        >>> w = CsvRows.of(["a", "b"], ["float64", ("x", "y")], ["a", "b"])
        >>> w.header, w.text([(1, "y"), (None, "x")])
        ('a,b\\n', '1.0,y\\n,x\\n')
        """
        self = cls.__new__(cls)
        self._set(list(columns), list(dtypes), fields)
        self.header = "".join(_csv_lines([[str(c)] for c in columns]))  # as pandas writes a header
        return self

    def _set(self, columns: list, dtypes: list, fields: Sequence[str]) -> None:
        fields = list(fields)
        self.columns = [str(c) for c in columns]
        self.sources = [fields.index(c) if c in fields else fields.index(RENAMED_COLUMNS[c]) for c in columns]
        self.formats = [_csv_format(dtype) for dtype in dtypes]
        #: whether a column's format never writes a character the csv module quotes (numbers,
        #: booleans, categories of such names): its fields are not scanned for one
        self.plain = [_writes_plain(fmt) for fmt in self.formats]

    def _quotable(self, columns: list[Sequence[str]], first: int, fixed: Mapping[str, str]) -> list[Sequence[str]]:
        """The ``columns`` (of the table's columns from ``first`` on, as written) whose fields may
        hold a character the csv module quotes: those not :attr:`plain`, or given in ``fixed``;
        each once (a field written twice, quality_flags and flags, is one list)."""
        out = {id(column): column for c, plain, column in zip(self.columns[first:], self.plain[first:], columns)
               if c in fixed or not plain}
        return list(out.values())

    def text(self, rows: Sequence[tuple]) -> str | None:
        """The CSV lines of ``rows``; None when a value is of a type the frame would
        convert in a way not reproduced here (then write the frame)."""
        texts = self.texts(rows, [0, len(rows)])
        return None if texts is None else texts[0]

    def texts(self, rows: Sequence[tuple], bounds: Sequence[int], *, fixed: Mapping[str, str] | None = None
              ) -> list[str] | None:
        """The CSV lines of ``rows[a:b]`` for each two consecutive offsets ``a, b`` of
        ``bounds``; ``fixed``: text written in a column instead of the rows' values.
        None when a value is of a type the frame would convert in a way not reproduced
        here (then write the frame)."""
        if not rows:
            return [""] * (len(bounds) - 1)
        fields = list(zip(*rows))
        fixed = fixed or {}
        made: dict[tuple[int, Callable], Sequence[str]] = {}  # a field written twice (quality_flags, flags): once
        try:
            columns = [[fixed[c]] * len(rows) if c in fixed else _made(made, fmt, i, fields)
                       for c, i, fmt in zip(self.columns, self.sources, self.formats)]
        except _NotPlain:
            return None
        lines = _csv_lines(columns, self._quotable(columns, 0, fixed))
        return ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]

    def group_texts(self, groups: Sequence[tuple[tuple, Sequence[tuple]]], *, fixed: Mapping[str, str] | None = None
                    ) -> list[str] | None:
        """:meth:`texts` of rows given in groups ``(carry, rows)``, one text per group: each
        group's rows are ``carry + row`` for each ``row`` of ``rows``. The fields of
        ``carry`` are written once per group when they are the table's first columns, in
        order, and no group is empty (else the rows are made and written by :meth:`texts`)."""
        k = len(groups[0][0]) if groups else 0
        if (not 0 < k < len(self.columns) or self.sources[:k] != list(range(k)) or min(self.sources[k:]) < k
                or any(len(carry) != k or not rows for carry, rows in groups)):
            bounds = [0]
            for _, rs in groups:
                bounds.append(bounds[-1] + len(rs))
            return self.texts([carry + r for carry, rs in groups for r in rs], bounds, fixed=fixed)
        fixed = fixed or {}
        rows = [r for _, rs in groups for r in rs]
        fields = [()] * k + list(zip(*rows))  # the rows' fields after the carried ones, at their indices
        carried = list(zip(*[carry for carry, _ in groups]))
        made: dict[tuple[int, Callable], Sequence[str]] = {}
        try:
            # a carried field a value per group: the formats write value by value after testing the
            # types of the column's values, which are the same for the groups as for their rows
            head = [[fixed[c]] * len(groups) if c in fixed else fmt(carried[i])
                    for c, i, fmt in zip(self.columns[:k], self.sources[:k], self.formats[:k])]
            columns = [[fixed[c]] * len(rows) if c in fixed else _made(made, fmt, i, fields)
                       for c, i, fmt in zip(self.columns[k:], self.sources[k:], self.formats[k:])]
        except _NotPlain:
            return None
        lines = [",".join(row) for row in zip(*columns)]
        special = _special_rows(self._quotable(columns, k, fixed))
        head_special = _special_rows(self._quotable(head, 0, fixed))
        texts, end = [], 0
        for g, (values, (_, rs)) in enumerate(zip(zip(*head), groups)):
            start, end = end, end + len(rs)
            prefix = ",".join(values) + ","
            if g not in head_special and (not special or special.isdisjoint(range(start, end))):
                # each line after the group's fields, each ended by a line break
                texts.append(prefix + ("\n" + prefix).join(lines[start:end]) + "\n")
                continue
            texts.append("".join(
                _csv_line([*values, *(column[i] for column in columns)]) if g in head_special or i in special
                else prefix + lines[i] + "\n" for i in range(start, end)
            ))
        return texts


def _made(made: dict[tuple[int, Callable], Sequence[str]], fmt: Callable, i: int, fields: list[tuple]
          ) -> Sequence[str]:
    """The CSV fields of ``fields[i]`` written by ``fmt``, made once per field and format."""
    key = (i, fmt)
    if key not in made:
        made[key] = fmt(fields[i])
    return made[key]


#: What makes the csv module quote a field (as pandas writes: QUOTE_MINIMAL, lines ended by \\n),
#: or might in another Python version (\\r, NUL): rows holding one are written by the csv module.
_CSV_SPECIAL = (",", '"', "\n", "\r", "\x00")


def _csv_lines(columns: list[Sequence[str]], quotable: list[Sequence[str]] | None = None) -> list[str]:
    """One CSV line per row of these columns of text, each ending in ``\\n``: the fields
    joined by commas, or, for a row with a field the csv module quotes, that module's line;
    ``quotable``: the columns that may hold such a field (default: all)."""
    lines = [",".join(row) + "\n" for row in zip(*columns)]
    special = _special_rows(columns if quotable is None else quotable)
    if special or len(columns) < 2:  # (a row of one empty field is written "")
        for i in sorted(special) if len(columns) >= 2 else range(len(lines)):
            lines[i] = _csv_line([column[i] for column in columns])
    return lines


def _special_rows(columns: list[Sequence[str]]) -> set[int]:
    """The rows of these columns of text with a field the csv module quotes (:data:`_CSV_SPECIAL`)."""
    special = set()
    for column in columns:
        joined = "\x01".join(column)  # (one scan per character for the whole column)
        if any(c in joined for c in _CSV_SPECIAL):
            special.update(i for i, v in enumerate(column) if any(c in v for c in _CSV_SPECIAL))
    return special


def _csv_line(values: list[str]) -> str:
    """The csv module's line of these fields (as pandas writes them)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


class _NotPlain(Exception):
    """A value CsvRows does not write as pandas would."""


_MISSING = (type(None), float)  # None, NaN (a float that is a number is checked where it may stand)


def _csv_format(dtype: object) -> Callable[[Sequence], Sequence[str]]:
    """How a column of one dtype is written: values in, CSV fields out (raises _NotPlain).
    ``dtype``: a frame's dtype, or as :meth:`CsvRows.of` takes it (no pandas needed)."""
    if isinstance(dtype, tuple):
        return functools.partial(_categories_csv, {c: str(c) for c in dtype if isinstance(c, str)})
    if isinstance(dtype, str):
        return _NAMED_FORMATS[dtype]
    if isinstance(dtype, pd.CategoricalDtype):
        names = {c: str(c) for c in dtype.categories if isinstance(c, str)}
        return functools.partial(_categories_csv, names)
    if dtype == "float64":
        return _floats_csv
    if dtype == "Int64":
        return _ints_csv
    if dtype == "int64":
        return _int64_csv
    if dtype == "bool":
        return _bools_csv
    if dtype == "object" or isinstance(dtype, pd.StringDtype):
        return _texts_csv
    raise TypeError(f"CsvRows: no CSV format for dtype {dtype}")


def _types(values: Sequence) -> set[type]:
    return set(map(type, values))


def _texts_csv(values: Sequence) -> Sequence[str]:
    types = _types(values)
    if types <= {str}:
        return values
    if types <= {str, type(None)}:
        return ["" if v is None else v for v in values]  # (text and missing values, as the rows' qualifiers)
    if types == {list} and _types(itertools.chain.from_iterable(values)) <= {str}:
        return list(map(";".join, values))  # (lists of text, as the rows' flags are: no test per value)
    if not types <= {str, type(None), float, list}:
        raise _NotPlain
    if float in types and any(type(v) is float and v == v for v in values):
        raise _NotPlain  # a number: the frame may hold the column as floats
    return [v if type(v) is str else (";".join(map(str, v)) if v else "") if type(v) is list else "" for v in values]


def _categories_csv(names: dict[str, str], values: Sequence) -> Sequence[str]:
    types = _types(values)
    if not types <= {str, *_MISSING}:
        raise _NotPlain
    out = list(map(names.get, values)) if types <= {str} else [names.get(v) if type(v) is str else "" for v in values]
    if None in out:
        raise _NotPlain  # not a category (pandas makes it missing, or will refuse it)
    return out


def _floats_csv(values: Sequence) -> Sequence[str]:
    types = _types(values)
    if not types <= {float, int, type(None)}:
        raise _NotPlain
    # the shortest text that reads back as the number: pandas writes numpy's, which is Python's
    # repr of the float (equal on 5 million generated numbers: -0.0, inf, 1e16, 5e-324 …)
    if types == {float} and not any(map(math.isnan, values)):
        return list(map(repr, values))  # (floats and no NaN, as the rows' values: no test per value)
    if types == {type(None)}:
        return [""] * len(values)
    return ["" if v is None or v != v else repr(float(v)) for v in values]


def _numpy_types(*names: str) -> set[type]:
    """numpy's scalar types of these names, when numpy is loaded: no value can be one before
    (a CSV of plain values never imports it)."""
    numpy = sys.modules.get("numpy")
    return {getattr(numpy, name) for name in names} if numpy is not None else set()


def _ints_csv(values: Sequence) -> Sequence[str]:
    types = _types(values)
    ints = {int, *_numpy_types("int64")}
    other = types - ints - {type(None), float}
    if other and other != {type(pd.NA)}:  # (pandas looked at only when a value needs it)
        raise _NotPlain
    if float in types and any(type(v) is float and v == v for v in values):
        raise _NotPlain
    return [str(v) if type(v) in ints else "" for v in values]


def _int64_csv(values: Sequence) -> Sequence[str]:
    types = _types(values)
    if not types <= {int, *_numpy_types("int64")}:
        raise _NotPlain
    return list(map(repr if types == {int} else str, values))  # (an int's repr is its str, and called faster)


def _bools_csv(values: Sequence) -> Sequence[str]:
    if not _types(values) <= {bool, *_numpy_types("bool_")}:
        raise _NotPlain
    return ["True" if v else "False" for v in values]


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
    provenance: bool | Mapping[str, Any] = True,
    spreadsheet_safe: bool = False,
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
    provenance
        What the output was made with (:func:`provenance`): ``True`` (default)
        records the govreports version, data digests and software; a record
        of your own (``gr.provenance(command=…, options=…)``) is written
        instead; ``False`` writes none. CSV, JSON Lines and Stata files get a
        sidecar ``NAME.provenance.json``; Parquet keeps it in the file's
        metadata. :func:`read_table` gives it back as
        ``frame.attrs["provenance"]``.
    spreadsheet_safe
        CSV only: write each text cell that a spreadsheet would run as a
        formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a
        carriage return, such as a sentence opening with a dash) with a
        leading apostrophe, for a file meant to be opened in Excel,
        LibreOffice or WPS. Off by default: a data export keeps every value
        exactly as extracted (see Notes).

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
    List columns (``quality_flags``) are written as ``;``-joined text in CSV, Parquet
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

    Cells that look like formulas: a data export (this function, ``govreports
    metrics``/``panel``/``targets -o``) keeps every value exact, because it is
    read back by programs; ``spreadsheet_safe=True`` makes a CSV for people
    who open it in a spreadsheet. Files written only for spreadsheets — the
    CSV downloads of :func:`write_report` and the review sheets of
    :func:`review_sheet` (CSV and Excel) — are always made safe, and
    :func:`read_corrections` reads a sheet's cells back without the
    apostrophes.

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "panel.dta"
    >>> gr.write_table(gr.panel(gr.load_sample()), out).suffix
    '.dta'
    """
    path = Path(path)
    format = _format_of(path, format)
    record = _record_of(frame, provenance)
    if format == "parquet":
        _write_parquet(frame, path, partition_cols, record)
        return path
    if format == "jsonl":
        with atomic_output(path) as tmp:
            tmp.write_text(frame.to_json(orient="records", lines=True, force_ascii=False), encoding="utf-8")
    elif format == "csv":
        flat = flatten_lists(frame)
        with atomic_output(path) as tmp:
            (_spreadsheet_safe(flat) if spreadsheet_safe else flat).to_csv(tmp, index=False)
    else:
        label = f"govreports {__version__}; provenance in {sidecar_path(path).name}" if record else None
        _write_stata(flatten_lists(frame), path, label[:80] if label else None)
    if record is not None:
        write_provenance(path, record)
    return path


def _write_parquet(
    frame: pd.DataFrame, path: Path, partition_cols: tuple[str, ...] | None, record: dict[str, Any] | None
) -> None:
    """One Parquet file, or a dataset folder partitioned by ``partition_cols``; the record in the metadata."""
    flat = flatten_lists(frame)
    flat.attrs = {"provenance": record} if record is not None else {}
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


def _write_stata(flat: pd.DataFrame, path: Path, label: str | None) -> None:
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
        st.to_stata(tmp, write_index=False, version=118, convert_strl=long_cols, data_label=label)


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
        The table (``quality_flags`` as lists where the format stored them
        as text; a table saved by an earlier version, with ``flags`` only,
        gets both names, ``flags`` being the deprecated copy);
        ``frame.attrs["provenance"]`` holds what it was made with, where the
        output recorded it (:func:`provenance`).

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> out = gr.write_table(gr.panel(gr.load_sample()), pathlib.Path(tempfile.mkdtemp()) / "panel")
    >>> len(gr.read_table(out)) == len(gr.panel(gr.load_sample()))
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    dataset = None
    if path.is_dir() or suffix == ".parquet":
        try:
            import pyarrow.dataset as ds
        except ImportError:
            raise OptionalDependencyError("pyarrow", "scale", "reading Parquet") from None
        dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
        frame = dataset.to_table().to_pandas()
    elif suffix in (".jsonl", ".json"):
        frame = from_old_names(pd.read_json(path, lines=True), warn=False)  # (flags only: saved before the rename)
        return _with_provenance(with_old_names(frame), path, None)
    elif suffix == ".dta":
        frame = pd.read_stata(path).rename(columns={v: k for k, v in _STATA_RENAMES.items()})
    else:
        frame = pd.read_csv(path)
    frame = from_old_names(frame, warn=False)  # (flags only: saved before the rename)
    if "quality_flags" in frame.columns:
        frame["quality_flags"] = frame["quality_flags"].map(
            lambda v: [f for f in str(v).split(";") if f] if isinstance(v, str) else []
        )
    return _with_provenance(with_old_names(frame), path, dataset)


def _with_provenance(frame: pd.DataFrame, path: Path, dataset: Any) -> pd.DataFrame:
    """``frame.attrs["provenance"]`` from the Parquet metadata or the sidecar, where there is one."""
    record = None
    if dataset is not None:
        meta = dataset.schema.metadata or {}
        try:
            record = json.loads(meta.get(b"PANDAS_ATTRS", b"{}")).get("provenance")
        except (ValueError, AttributeError):
            record = None
    elif sidecar_path(path).is_file():
        try:
            record = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = None
    frame.attrs = {"provenance": record} if isinstance(record, dict) else {}
    return frame


#: Formats that write only digits, signs, points, letters and empty fields (never a character of
#: :data:`_CSV_SPECIAL`): repr of a float, str of an int, True/False.
_PLAIN_FORMATS = (_floats_csv, _ints_csv, _int64_csv, _bools_csv)


def _writes_plain(fmt: Callable[[Sequence], Sequence[str]]) -> bool:
    """Whether the format ``fmt`` (:func:`_csv_format`) never writes a character the csv module quotes."""
    if isinstance(fmt, functools.partial) and fmt.func is _categories_csv:
        return not any(c in name for name in fmt.args[0].values() for c in _CSV_SPECIAL)  # the names or ""
    return fmt in _PLAIN_FORMATS


#: :func:`_csv_format` of the dtypes :meth:`CsvRows.of` takes by name.
_NAMED_FORMATS: dict[str, Callable[[Sequence], Sequence[str]]] = {
    "float64": _floats_csv, "Int64": _ints_csv, "int64": _int64_csv, "bool": _bools_csv, "object": _texts_csv,
}
