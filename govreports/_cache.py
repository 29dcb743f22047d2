"""Figures of report files, batch by batch, on any engine, with an optional on-disk cache.

This is the pipeline behind ``govreports metrics`` and ``govreports panel``
(and :func:`read_metrics`): the calling process only lists the files and
sends batches of paths to the workers (a process pool, or a dask.distributed
cluster); each worker reads, cleans, locates and extracts its files and sends
back their rows, so the calling process never holds the corpus.

Incremental runs: with ``cache=DIR`` each file's rows are stored under a key
made of the file's content (SHA-256), its path as given, the govreports and
pandas versions, the digests of the bundled tables (:func:`govreports.data_versions`)
and every option that changes the rows (headline or all figures, size
limits, corrections). A later run with the same key takes the
rows from the cache instead of processing the file, so re-running after adding
files only processes the new ones. An entry is written whole under a temporary
name and renamed into place (:func:`govreports._util.atomic_output`): runs
sharing a cache at the same time, or interrupted, never leave a half-written
entry; an entry found damaged is ignored with a warning and recomputed.

A batch assembled from cached files gives the same rows, in the same order,
as the batch processed whole: report ids are handed out over the batch as
:func:`govreports.read_reports` does, and the rows sorted as
:func:`govreports.extract_metrics` and :func:`govreports.panel` sort them.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib
import io
import json
import operator
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import _version
from ._lazy import pandas as pd
from ._parallel import Engine, run_map
from ._pipeline import Pipeline
from ._util import atomic_output
from .datasets import data_versions
from .errors import GovReportsWarning
from .extract._metrics import metric_csv_columns, metric_row_groups_of_dicts, metric_table, panel
from .extract._review import apply_corrections, read_corrections
from .io._export import CsvRows, flatten_lists
from .io._formats import Limits
from .io._locate import locate_rows
from .io._reader import iter_report_files, read_records, read_reports
from .schema import LEVELS, ReportIds, report_id_base, report_rows

__all__ = [
    "REPORT_ID", "Batch", "BatchResult", "FileCache", "RenumberIds",
    "figures_of_reports", "iter_figures", "read_metrics",
]

#: Files per worker task: enough to spread pandas' per-call cost, few enough
#: to keep memory bounded by a handful of reports per worker.
FILES_PER_TASK = 16

#: Stands in for the report id in rows written out ahead (replaced by the final id).
REPORT_ID = "\ue000govreports:report_id\ue001"

#: Changes when what an entry holds changes: older entries then miss.
_ENTRY_FORMAT = 2  # 2: quality_flags (flags kept as its deprecated copy)
_MAGIC = b"GRCACHE2"


def _encode(obj: object) -> object:
    """A JSON-ready copy of an entry: frames with their dtypes, tuples marked, missing values as null."""
    if isinstance(obj, pd.DataFrame):
        dtypes = []
        for dt in obj.dtypes:
            if isinstance(dt, pd.CategoricalDtype):
                dtypes.append({"categories": [str(c) for c in dt.categories], "ordered": bool(dt.ordered)})
            else:
                dtypes.append(str(dt))
        data = [[_encode(v) for v in row] for row in obj.itertuples(index=False, name=None)]
        return {"__frame__": {"columns": [str(c) for c in obj.columns], "dtypes": dtypes, "data": data}}
    if isinstance(obj, dict):
        return {str(k): _encode(v) for k, v in obj.items()}
    if isinstance(obj, tuple):
        return {"__tuple__": [_encode(v) for v in obj]}
    if isinstance(obj, list):
        return [_encode(v) for v in obj]
    if obj is None or isinstance(obj, (str, bool)):
        return obj
    if hasattr(obj, "item") and not isinstance(obj, (list, dict)):  # numpy scalars
        obj = obj.item()
    if isinstance(obj, float) and obj != obj:
        return None
    if isinstance(obj, (int, float, str, bool)):
        return obj
    if pd.isna(obj):
        return None
    raise TypeError(f"cannot store {type(obj).__name__} in the cache")


def _decode(obj: dict) -> object:
    if "__tuple__" in obj and len(obj) == 1:
        return tuple(obj["__tuple__"])
    if "__frame__" in obj and len(obj) == 1:
        spec = obj["__frame__"]
        frame = pd.DataFrame(spec["data"], columns=spec["columns"])
        for col, dt in zip(spec["columns"], spec["dtypes"]):
            if isinstance(dt, dict):
                frame[col] = pd.Categorical(frame[col], categories=dt["categories"], ordered=dt["ordered"])
            elif dt == "float64":
                frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
            elif dt != "object":
                frame[col] = frame[col].astype(dt)
        return frame
    return obj


class FileCache:
    """A folder of per-file results, one file per entry, written atomically.

    Entries are JSON (no pickle: an entry is data, never code), checked
    against a SHA-256 digest stored in front of them; tables keep their
    dtypes (categories, nullable integers, lists of flags).

    Parameters
    ----------
    folder
        The cache folder (created when missing). On a cluster it must be a
        folder every worker can reach (a shared file system).
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        """Where the entry of ``key`` is stored (256 subfolders keep folders small)."""
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> object | None:
        """The entry of ``key``; None when there is none or it is damaged (with a warning)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            warnings.warn(f"cache entry {path} cannot be read ({exc.strerror or exc}); recomputing",
                          GovReportsWarning, stacklevel=2)
            return None
        head, digest, payload = data[:8], data[8:40], data[40:]
        if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
            warnings.warn(f"cache entry {path} is damaged; recomputing", GovReportsWarning, stacklevel=2)
            return None
        try:
            return json.loads(payload.decode("utf-8"), object_hook=_decode)
        except Exception as exc:  # noqa: BLE001 - a digest-valid entry from an incompatible pandas, say
            warnings.warn(f"cache entry {path} cannot be loaded ({type(exc).__name__}); recomputing",
                          GovReportsWarning, stacklevel=2)
            return None

    def put(self, key: str, value: object) -> None:
        """Store ``value`` under ``key``, whole or not at all (the last of concurrent writers wins)."""
        payload = json.dumps(_encode(value), ensure_ascii=False, allow_nan=False).encode("utf-8")
        with atomic_output(self.path(key)) as tmp:
            tmp.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)


def cache_options(*, headline: bool, limits: Limits, corrections: pd.DataFrame | None) -> str:
    """Everything besides the file that decides its rows, as one string for the cache key."""
    fixed = None
    if corrections is not None:
        fixed = hashlib.sha256(corrections.to_csv(index=False).encode("utf-8")).hexdigest()
    return json.dumps({
        "entry": _ENTRY_FORMAT, "govreports": _version.__version__, "pandas": pd.__version__,
        # every limit (a file refused under a lower one must not come back from a run under a higher one)
        "headline": headline, "limits": asdict(limits),
        "corrections": fixed,
        # the bundled tables (indicator names, gazetteer …): a changed table is a new key, whatever the version
        "data": {name: v["sha256"] for name, v in data_versions().items()},
    }, sort_keys=True)


def _file_key(path: str, options: str, limits: Limits) -> str | None:
    """The cache key of one file (None when it cannot be read or is over the size
    limit: no caching, the reader says why)."""
    try:
        if os.stat(path).st_size > limits.max_bytes:
            return None
        content = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
    return hashlib.sha256(f"{options}\0{path}\0{content}".encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Batch:
    """A worker task: a few files and the options to process them with."""

    paths: list[str]
    headline: bool
    limits: Limits
    corrections: pd.DataFrame | None = None
    cache: str | None = None
    options: str = ""
    text: str | None = None


@dataclass
class BatchResult:
    """What a worker sends back for a batch: its rows (ids unique within the
    batch), one ``(path, reason)`` per unreadable file, the corrections
    applied, and how many files were processed and how many came from the cache."""

    table: pd.DataFrame | None  # (None when the rows come written out: blocks)
    failures: list[tuple[str, str]] = field(default_factory=list)
    applied: int = 0
    processed: int = 0
    cached: int = 0
    #: With ``Batch.text`` (a cache, or every figure as CSV): instead of ``table``, the rows already
    #: written out, one ``(report_id, year, region, rows)`` per report in output
    #: order, the id in ``rows`` stood in for by :data:`REPORT_ID` (see
    #: :meth:`RenumberIds.write`), and the CSV header line.
    blocks: list[tuple[str, object, object, str]] | None = None
    header: str = ""


def figures_of_reports(
    reports: pd.DataFrame, headline: bool, corrections: pd.DataFrame | None
) -> tuple[pd.DataFrame, int]:
    """Figures (or the panel) of some reports, located, corrections applied; and how many applied."""
    table = Pipeline(reports).metrics
    applied = 0
    if corrections is not None:
        with warnings.catch_warnings():  # a batch holds only some reports: unmatched ones are counted at the end
            warnings.simplefilter("ignore", GovReportsWarning)
            table = apply_corrections(table, corrections)
        applied = len(corrections) - len(table.attrs["unmatched_corrections"])
    return (panel(table) if headline else table), applied


def figures_of_batch(batch: Batch) -> BatchResult:
    """Read, locate and extract a batch of files (runs in the workers).

    Without a cache the batch is read as one; with a cache each file is
    looked up, the missing ones processed together (one by one with
    corrections, whose count is per file) and stored file by file, and the
    batch assembled as if read as one.
    """
    if batch.cache is None and _every_figure_as_csv(batch.text, batch.headline, batch.corrections):
        return _csv_blocks(batch)
    if batch.cache is None:
        reports = read_reports(batch.paths, errors="collect", limits=batch.limits)
        failures = [(r.path, r.reason) for r in reports.attrs["failures"].itertuples(index=False)]
        if reports.empty:
            return BatchResult(pd.DataFrame(), failures, 0, len(batch.paths))
        table, applied = figures_of_reports(reports, batch.headline, batch.corrections)
        return BatchResult(table, failures, applied, len(batch.paths))
    cache = FileCache(batch.cache)
    result = BatchResult(pd.DataFrame())
    keys = {path: _file_key(path, batch.options, batch.limits) for path in batch.paths}
    found = {path: cache.get(key) for path, key in keys.items() if key is not None}
    missing = [path for path in batch.paths if found.get(path) is None]
    new = _figures_of_files(missing, batch) if missing and batch.corrections is None else None
    if new is None:  # with corrections, or files whose rows cannot be told apart: one by one
        new = {path: _figures_of_one_file(path, batch) for path in missing}
    for path in missing:
        if keys[path] is not None and not new[path]["failures"]:
            cache.put(keys[path], new[path])
    parts = [found.get(path) or new[path] for path in batch.paths]
    result.processed, result.cached = len(missing), len(batch.paths) - len(missing)
    for part in parts:
        result.failures.extend(part["failures"])
        result.applied += part["applied"]
    if batch.text is None:
        result.table = _assemble(parts, headline=batch.headline)
    else:
        result.blocks = _assemble_blocks(parts)
        result.header = next((p["header"] for p in parts if p.get("header")), "")
    return result


def _every_figure_as_csv(text: str | None, headline: bool, corrections: pd.DataFrame | None) -> bool:
    """Whether a run writes every figure as CSV, uncorrected: the rows the workers write out
    without a cache (:func:`_csv_blocks`)."""
    return text == "csv" and not headline and corrections is None


def _csv_blocks(batch: Batch) -> BatchResult:
    """Read, locate and extract a batch of files, the figures written out as CSV blocks
    (:attr:`BatchResult.blocks`) straight from their rows: no frame made, pandas not
    imported (but for a value only the frame writes right: the frame as
    :attr:`BatchResult.table`; and for a batch of which no file could be read).
    The rows are those of ``Pipeline(read_reports(batch.paths)).metric_rows``."""
    records, failed = read_records(batch.paths, errors="collect", limits=batch.limits)
    result = BatchResult(None, [(f["path"], f["reason"]) for f in failed], 0, len(batch.paths))
    if not records:
        result.table = pd.DataFrame()
        return result
    reports = report_rows(records)
    for rep in reports:  # as the frame holds them: a level not in LEVELS is missing
        rep["level"] = rep["level"] if rep["level"] in LEVELS else None
    fields, groups = metric_row_groups_of_dicts(locate_rows(reports))
    writer = _csv_writer(tuple(fields))
    rid, year, region, start = (fields.index(c) for c in ("report_id", "year", "region", "start"))
    groups = [g for g in groups if g[1]]
    ids = [carry[rid] if rid < len(carry) else None for carry, _ in groups]
    if all(type(i) is str for i in ids) and len(set(ids)) == len(ids):
        # a report's rows are in order of their start already, and no two reports share an id:
        # sorting the reports by id sorts the rows as extract_metrics does
        groups.sort(key=lambda g: g[0][rid])
        texts = writer.group_texts(groups, fixed={"report_id": REPORT_ID})
        if texts is not None:
            result.blocks = [(carry[rid], carry[year], carry[region], text) for (carry, _), text in zip(groups, texts)]
            result.header = writer.header
            return result
    rows = [carry + r for carry, rs in groups for r in rs]
    rows.sort(key=operator.itemgetter(rid, start))  # as extract_metrics sorts them (stably)
    bounds = [0] + [i for i in range(1, len(rows)) if rows[i][rid] != rows[i - 1][rid]] + [len(rows)]
    texts = writer.texts(rows, bounds, fixed={"report_id": REPORT_ID}) if rows else []
    if texts is None:
        result.table = metric_table(fields, rows)
        return result
    result.blocks = [(rows[a][rid], rows[a][year], rows[a][region], text) for a, text in zip(bounds, texts)]
    result.header = writer.header
    return result


@functools.lru_cache(maxsize=4)
def _csv_writer(fields: tuple[str, ...]) -> CsvRows:
    """The CSV writer of metric rows of these fields (the dtypes :func:`metric_table` gives them)."""
    return CsvRows.of(*metric_csv_columns(fields), fields)


def _figures_of_one_file(path: str, batch: Batch) -> dict:
    """One file's rows (ids unique within the file), with its reports' ids,
    years and regions in reading order (to hand out ids over a batch)."""
    reports = read_reports([path], errors="collect", limits=batch.limits)
    failures = [(r.path, r.reason) for r in reports.attrs["failures"].itertuples(index=False)]
    if reports.empty:
        return {"table": None, "reports": [], "failures": failures, "applied": 0}
    table, applied = figures_of_reports(reports, batch.headline, batch.corrections)
    ids = list(reports[["report_id", "year", "region"]].itertuples(index=False, name=None))
    part = {"table": table, "reports": ids, "failures": failures, "applied": applied}
    if batch.text is not None:  # rows written out once, here, instead of on every run in the driver
        part["table"] = None
        part["header"], part["blocks"] = write_rows(table, batch.text)
    return part


def _figures_of_files(paths: list[str], batch: Batch) -> dict[str, dict] | None:
    """:func:`_figures_of_one_file` of several files, extracted together (pandas
    costs per call); None when a report's file cannot be told by its source."""
    reports = read_reports(paths, errors="collect", limits=batch.limits)
    failed: dict[str, list] = {path: [] for path in paths}
    for r in reports.attrs["failures"].itertuples(index=False):
        if r.path not in failed:
            return None
        failed[r.path].append((r.path, r.reason))
    if not set(reports["source"]) <= set(paths):
        return None
    table = figures_of_reports(reports, batch.headline, None)[0] if not reports.empty else None
    header, blocks = write_rows(table, batch.text) if table is not None and batch.text else ("", {})
    keys = ["report_id", "indicator", "kind", "measure"] if batch.headline else ["report_id", "start"]
    out = {}
    for path in paths:
        mine = reports[reports["source"] == path]
        if mine.empty:
            out[path] = {"table": None, "reports": [], "failures": failed[path], "applied": 0}
            continue
        ids = ReportIds()  # the ids this file's reports get when read alone
        local = {rid: ids.next(report_id_base(y, r)) for rid, y, r in
                 mine[["report_id", "year", "region"]].itertuples(index=False, name=None)}
        part = {"reports": [(local[rid], y, r) for rid, y, r in
                            mine[["report_id", "year", "region"]].itertuples(index=False, name=None)],
                "failures": failed[path], "applied": 0, "table": None}
        if batch.text:
            part["header"] = header
            part["blocks"] = {local[rid]: blocks[rid] for rid in local if rid in blocks}
        else:
            rows = table[table["source"] == path]
            rows = rows.assign(report_id=rows["report_id"].map(local))
            part["table"] = rows.sort_values(keys, kind="stable").reset_index(drop=True)
        out[path] = part
    return out


def write_rows(table: pd.DataFrame, fmt: str) -> tuple[str, dict[str, str]]:
    """The CSV header line and each report's rows as CSV or JSON Lines, the
    report id stood in for by :data:`REPORT_ID` (rows are written one by one,
    so a report's rows read the same alone as within a whole table)."""

    masked = table.assign(report_id=REPORT_ID)
    if fmt == "csv":
        masked = flatten_lists(masked)  # value by value: the same for a slice as for the whole
    ids = table["report_id"].tolist()
    blocks = {}
    start = 0
    for end in range(1, len(ids) + 1):  # a report's rows are consecutive
        if end == len(ids) or ids[end] != ids[start]:
            rows = masked.iloc[start:end]
            if fmt == "csv":
                blocks[ids[start]] = rows.to_csv(index=False, header=False)
            else:
                blocks[ids[start]] = rows.to_json(orient="records", lines=True, force_ascii=False)
            start = end
    header = masked.head(0).to_csv(index=False) if fmt == "csv" else ""
    return header, blocks


def _assemble_blocks(parts: Sequence[dict]) -> list[tuple[str, object, object, str]]:
    """:func:`_assemble` for rows written out: reports in the order their rows take in the batch."""
    ids = ReportIds()
    blocks = []
    for part in parts:
        for rid, year, region in part["reports"]:
            new = ids.next(report_id_base(year, region))
            if rid in part.get("blocks", {}):
                blocks.append((new, year, region, part["blocks"][rid]))
    return sorted(blocks, key=lambda b: b[0])  # each report's rows are consecutive: sorting by id sorts them


def _assemble(parts: Sequence[dict], *, headline: bool) -> pd.DataFrame:
    """The rows of a batch from its files' rows: ids handed out over the batch in
    reading order (as :func:`govreports.read_reports` does), rows sorted as
    :func:`govreports.extract_metrics` (or :func:`govreports.panel`) sorts them."""
    ids = ReportIds()
    tables = []
    for part in parts:
        mapping = {rid: ids.next(report_id_base(year, region)) for rid, year, region in part["reports"]}
        table = part["table"]
        if table is None:
            continue
        if any(k != v for k, v in mapping.items()):
            table = table.assign(report_id=table["report_id"].map(mapping))
        tables.append(table)
    if not tables:
        return pd.DataFrame()
    full = [t for t in tables if not t.empty]
    table = pd.concat(full, ignore_index=True) if full else tables[0]
    keys = ["report_id", "indicator", "kind", "measure"] if headline else ["report_id", "start"]
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


class RenumberIds:
    """Keeps report ids unique across batches processed one at a time, as
    ``read_reports`` does over a whole run (``_2``, ``_3`` … in input order,
    never an id already given: :class:`govreports.io.reader.ReportIds`)."""

    def __init__(self) -> None:
        self.ids = ReportIds()

    def renumber(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with its report ids made unique among all tables seen so far."""
        if table.empty:
            return table
        mapping = {}
        firsts = table.drop_duplicates("report_id")
        for rid, year, region in firsts[["report_id", "year", "region"]].itertuples(index=False, name=None):
            mapping[rid] = self.ids.next(report_id_base(year, region))  # the same ids as read_reports
        if all(k == v for k, v in mapping.items()):
            return table
        return table.assign(report_id=table["report_id"].map(mapping))

    def write(self, blocks: Sequence[tuple[str, object, object, str]], fmt: str) -> str:
        """Rows written out ahead (:attr:`BatchResult.blocks`) with their final report ids."""
        rids = [self.ids.next(report_id_base(year, region)) for _, year, region, _ in blocks]
        if fmt == "csv":
            # quoted as pandas quotes (it writes through the csv module with these settings)
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            values = []
            for rid in rids:
                buf.seek(0)
                buf.truncate()
                writer.writerow([rid])
                values.append(buf.getvalue()[:-1])
            return "".join(rows.replace(REPORT_ID, v) for (*_, rows), v in zip(blocks, values))
        # escaped as pandas escapes, in one call: a JSON line never holds a raw line break
        lines = pd.DataFrame({"report_id": rids}).to_json(orient="records", lines=True, force_ascii=False)
        values = [line[13:-1] for line in lines.splitlines()] if rids else []
        return "".join(rows.replace(f'"{REPORT_ID}"', v) for (*_, rows), v in zip(blocks, values))


def iter_figures(
    paths: Sequence[str],
    *,
    headline: bool = False,
    limits: Limits | None = None,
    corrections: pd.DataFrame | None = None,
    cache: str | os.PathLike[str] | None = None,
    text: str | None = None,
    jobs: int | None = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> Iterator[tuple[list[str], BatchResult]]:
    """Each batch of report files with its :class:`BatchResult`, in input order
    (ids unique within a batch; :class:`RenumberIds` makes them unique over the run).
    With a cache and ``text`` (``"csv"``, ``"jsonl"``) the rows come written out
    (:attr:`BatchResult.blocks`): a cached file then costs no formatting again; so do
    every figure's rows as CSV without a cache (written from the rows, no frame made)."""
    limits = limits or Limits()
    if cache is None and not _every_figure_as_csv(text, headline, corrections):
        text = None  # rows written out by the workers: with a cache, or every figure as CSV
    if cache is not None or text is None:
        importlib.import_module("pandas")  # the workers make frames: pandas imported once, before they fork
    options = ""  # (the cache key's options: only with a cache)
    folder = None
    if cache is not None:
        options = cache_options(headline=headline, limits=limits, corrections=corrections) + f"\0{text}"
        Path(cache).mkdir(parents=True, exist_ok=True)
        folder = str(Path(cache).absolute())
    batches = [Batch(list(paths[i:i + FILES_PER_TASK]), headline, limits, corrections, folder, options, text)
               for i in range(0, len(paths), FILES_PER_TASK)]
    results = run_map(figures_of_batch, batches, jobs=jobs, engine=engine, desc="figures", progress_bar=progress_bar)
    for batch, result in zip(batches, results):
        yield batch.paths, result


def read_metrics(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    headline: bool = False,
    corrections: pd.DataFrame | str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
    cache: str | os.PathLike[str] | None = None,
    jobs: int | None = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> pd.DataFrame:
    """The figures (or the panel) of report files, as ``govreports metrics``/``panel`` write them.

    The calling process lists the files and sends batches of paths to the
    workers, which read, locate and extract them: with ``engine="dask"`` and
    a dask.distributed client (``distributed.Client(address)``) the files are
    read on the cluster's workers. With ``cache`` only files not processed
    before (same content, path and options) are processed.

    Parameters
    ----------
    paths
        Report files or folders (walked recursively), as for
        :func:`govreports.read_reports`.
    headline
        The panel (:func:`govreports.panel`) instead of every figure.
    corrections
        A filled-in review sheet (frame or file) applied before output.
    limits
        Size and page limits (:class:`govreports.io.formats.Limits`).
    cache
        A folder for per-file results (created when missing); None: no cache.
    jobs, engine, progress_bar
        As for :func:`govreports.extract_metrics`; the rows are identical for
        any ``jobs``, ``engine`` and ``cache``.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`govreports.extract_metrics` (with
        ``division_code``: the reports are located), one row per figure (or
        per headline figure with ``headline=True``), in batches of input
        order, sorted by report within each. ``attrs["failures"]``: one row
        per unreadable file (``path, reason``); ``attrs["files"]``: how many
        files were ``processed`` and how many came from the ``cached`` rows.

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> text = "甲镇2023年政府工作报告\\n各位代表：\\n地区生产总值增长6%。"
    >>> _ = (d / "甲镇.txt").write_text(text, encoding="utf-8")
    >>> m = gr.read_metrics(d, cache=d / "cache")
    >>> m[["region", "indicator", "value"]]
      region indicator  value
    0     甲镇       gdp    6.0
    >>> m.attrs["files"], gr.read_metrics(d, cache=d / "cache").attrs["files"]
    ({'processed': 1, 'cached': 0}, {'processed': 0, 'cached': 1})
    """
    if corrections is not None and not isinstance(corrections, pd.DataFrame):
        corrections = read_corrections(corrections)
    files, failures = [], []
    for path, err in iter_report_files(paths):
        if err is not None:
            failures.append((err.path, err.reason))
        else:
            files.append(str(path))
    ids = RenumberIds()
    tables, counts = [], {"processed": 0, "cached": 0}
    for _, result in iter_figures(files, headline=headline, limits=limits, corrections=corrections, cache=cache,
                                  jobs=jobs, engine=engine, progress_bar=progress_bar):
        failures.extend(result.failures)
        counts["processed"] += result.processed
        counts["cached"] += result.cached
        if not result.table.empty:
            tables.append(ids.renumber(result.table))
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    table.attrs["failures"] = pd.DataFrame(failures, columns=["path", "reason"])
    table.attrs["files"] = counts
    return table
