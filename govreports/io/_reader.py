"""``read_reports``: files in, the reports frame out."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Literal, Union

from .. import _regex
from .._lazy import pandas as pd
from .._parallel import Engine, run_map
from .._util import check_option
from ..errors import (
    FileMissingError,
    InvalidMetadataError,
    MissingDependencyError,
    NoReportsFoundError,
    OptionalDependencyError,
    ReportFileError,
)
from ..schema import ReportRecord, reports_frame
from ._clean import clean_part_text, is_truncated, to_simplified
from ._compilation import is_toc_only, split_compilation
from ._formats import SUPPORTED_SUFFIXES, Limits, RawDocument, read_document
from ._meta import infer_meta

__all__ = ["read_reports", "reports_from_texts", "iter_report_files"]

PathLike = Union[str, "os.PathLike[str]"]
#: Files skipped when walking a directory: documentation, not reports.
_NOT_REPORTS = ("readme", "license", "licence", "changelog", "copying")
_SHORT = 2_000
#: Control characters (NUL, escape codes …) never belong in a region, title,
#: speaker or date; they would reach file names, ids and terminals.
_CONTROL = _regex.compile(r"[\x00-\x1f\x7f-\x9f]+")
#: Years an Int64 column and a reader can hold; which years are plausible is
#: for metadata inference to decide.
_YEARS = range(1, 10_000)


def iter_report_files(paths: PathLike | Iterable[PathLike]) -> Iterator[tuple[Path, ReportFileError | None]]:
    """Expand files and directories into report files, in a stable order.

    Directories are walked recursively; files with a supported extension are
    yielded in sorted order, hidden files and README/LICENSE files skipped.
    A path that does not exist or cannot be looked at (a folder on the way
    that cannot be entered, a name too long), a subdirectory that cannot be
    listed, and a directory without reports are yielded with their error, so
    nothing is left out without a word.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        p = Path(raw)
        try:
            mode = p.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):  # a file on the way counts as missing, as it always did
            yield p, FileMissingError(p, "no such file or directory")
            continue
        except (OSError, ValueError) as exc:  # EACCES on the way, ENAMETOOLONG, ELOOP; a NUL in the path
            yield p, ReportFileError(p, f"cannot be looked at: {_os_reason(exc)}")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(p)
        else:
            yield p, None


def _walk(top: Path) -> Iterator[tuple[Path, ReportFileError | None]]:
    """The report files under ``top``; a folder that cannot be listed is yielded with its error."""
    found = failed = False
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        while errors:
            failed = True
            yield _unlisted(errors.pop(0), top)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            f = Path(root) / name
            if (
                name.startswith(".")
                or f.suffix.lower() not in SUPPORTED_SUFFIXES
                or name.lower().startswith(_NOT_REPORTS)
            ):
                continue
            found = True
            yield f, None
    for exc in errors:  # the last folder walked, or top itself
        failed = True
        yield _unlisted(exc, top)
    if not found and not failed:
        yield top, NoReportsFoundError(
            top, f"directory holds no report files ({', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )


def _unlisted(exc: OSError, top: Path) -> tuple[Path, ReportFileError]:
    path = Path(exc.filename) if exc.filename else top
    return path, ReportFileError(path, f"folder cannot be listed: {_os_reason(exc)}; its reports are missing")


def _os_reason(exc: BaseException) -> str:
    """An OS error's reason as the CLI prints it (``permission denied``), else the exception."""
    text = getattr(exc, "strerror", None)
    if text:
        return text[0].lower() + text[1:]
    return f"{type(exc).__name__}: {exc}"


def records_from_document(doc: RawDocument, *, source: str | None = None) -> list[ReportRecord]:
    """Turn one read document into report records (several for a compilation)."""
    source = source or doc.path
    if is_toc_only(doc.text):
        raise NoReportsFoundError(doc.path, "holds only a table of contents, no report text")
    split = split_compilation(doc.text)
    records: list[ReportRecord] = []
    for i, part in enumerate(split.parts):
        # (a document's one part, nothing removed, holds every line of it: it is the text)
        raw = doc.text if len(split.parts) == 1 and not split.removed else "\n".join(part.lines)
        part.lines = []  # held once, as the text: each line is a string some 60 bytes over its characters
        text, traditional = to_simplified(clean_part_text(raw))
        del raw
        if not text:
            continue
        m = infer_meta(
            text,
            path=doc.path,
            front_matter=doc.front_matter,
            title_hint=part.title or doc.title_hint,
            split_region=part.region,
            split_year=part.year,
        )
        if m.year is not None and m.year not in _YEARS:
            raise InvalidMetadataError(doc.path, f"year {_cut(m.year)} is not a year (front matter `year:` must be "
                                                 "four digits)")
        flags = list(doc.flags) + m.flags + (["traditional"] if traditional else [])
        if is_truncated(text):
            flags.append("truncated")
        if len(text) < _SHORT:
            flags.append("short")
        meta: dict[str, object] = {"format": doc.format}
        if doc.encoding:
            meta["encoding"] = doc.encoding
        meta.update(m.extra)
        if split.is_compilation:
            meta["part"] = i + 1
            meta["parts"] = len(split.parts)
            meta["removed_lines"] = sum(1 for ln in split.removed if ln.strip())
        records.append(
            ReportRecord(
                region=_printable(m.region),
                level=m.level,
                year=m.year,
                title=_printable(part.title or m.title),
                speaker=_printable(m.speaker),
                date=_printable(m.date),
                text=text,
                source=source,
                flags=sorted(set(flags)),
                meta=meta,
            )
        )
    if not records:
        raise NoReportsFoundError(doc.path, "no report text left after cleaning")
    return records


def _printable(value: str | None) -> str | None:
    """A metadata string without control characters (None when nothing is left)."""
    if value is None:
        return None
    value = _CONTROL.sub("", value)
    return value or None


def _cut(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _read_one(item: tuple[Path, ReportFileError | None, Limits]) -> tuple[list[ReportRecord], ReportFileError | None]:
    """Read one file into records, or return its error (runs in workers).

    Whatever goes wrong with one file becomes its error, never the batch's.
    """
    path, err, limits = item
    try:
        if err is not None:
            raise err
        return records_from_document(read_document(path, limits=limits), source=str(path)), None
    except ReportFileError as exc:
        return [], exc
    except OptionalDependencyError as exc:
        # one file type needing an extra must not stop the other files
        return [], MissingDependencyError(path, str(exc))
    except OSError as exc:
        return [], ReportFileError(path, f"cannot be read: {_os_reason(exc)}")
    except Exception as exc:  # noqa: BLE001 - an unforeseen failure in one file must not cost the batch
        return [], ReportFileError(path, f"could not be read ({type(exc).__name__}: {exc})")


def read_records(
    paths: PathLike | Iterable[PathLike],
    *,
    errors: Literal["raise", "collect"] = "raise",
    limits: Limits | None = None,
    jobs: int = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> tuple[list[ReportRecord], list[dict[str, str]]]:
    """The reports of :func:`read_reports` before they make a frame (no pandas), and one
    ``{"path", "error", "reason"}`` per file that could not be read (``errors="collect"``)."""
    limits = limits or Limits()
    items = [(path, err, limits) for path, err in iter_report_files(paths)]
    records: list[ReportRecord] = []
    failures: list[dict[str, str]] = []
    for recs, exc in run_map(_read_one, items, jobs=jobs, engine=engine, desc="reading", progress_bar=progress_bar):
        if exc is not None:
            if errors == "raise":
                raise exc
            failures.append({"path": exc.path, "error": type(exc).__name__, "reason": exc.reason})
        records.extend(recs)
    return records, failures


def read_reports(
    paths: PathLike | Iterable[PathLike],
    *,
    errors: Literal["raise", "collect"] = "raise",
    limits: Limits | None = None,
    hints: Mapping[str, str] | None = None,
    jobs: int = 1,
    engine: Engine = "processes",
    progress_bar: bool | None = None,
) -> pd.DataFrame:
    """Read government work reports from files and directories.

    Reads plain text and Markdown (UTF-8, UTF-8 with BOM, UTF-16, GB18030/GBK,
    detected), Word ``.docx``, ``.pdf`` (text layer) and ``.html`` pages.
    Compilations (汇编) are split into their reports; text is cleaned (see
    :func:`govreports.clean.clean_text`); region, level, year, title, speaker
    and date are inferred from the text, front matter and path.

    Parameters
    ----------
    paths
        A file, a directory (walked recursively, README/LICENSE and hidden
        files skipped) or a list of them.
    errors
        ``"raise"`` (default): the first unreadable file raises its
        :class:`~govreports.errors.ReportFileError`. ``"collect"``: unreadable
        files are skipped and listed in ``result.attrs["failures"]``, a frame
        with columns ``path, error, reason`` (one row per file, whatever went
        wrong reading it, and one per folder that could not be listed).
    limits
        Size and page limits (:class:`govreports.io.formats.Limits`).
    hints
        Location hints for :func:`govreports.locate`, keyed by region name
        (or file path): a superior's name or a division code, e.g.
        ``{"平湖镇": "古田县"}``. Stored in each matching report's
        ``meta["locate_hint"]``.
    jobs
        Worker processes (``-1``: all cores). The result is identical for
        any ``jobs``.
    engine
        ``"processes"`` or ``"dask"`` (``pip install "govreports[scale]"``).
    progress_bar
        Show a tqdm progress bar; default: only for long runs in a terminal
        or notebook.

    Returns
    -------
    pandas.DataFrame
        One row per report: ``report_id`` (``<year>_<region>``), ``region``
        (as the report names it: 横沥镇, 浙江省, 全国), ``level`` (ordered
        categorical: national, province, city, county, township), ``year``
        (the year the report is for, Int64: the year delivered, or the next for a
        report delivered in November or December), ``title``, ``speaker``, ``date`` (ISO, when
        stated), ``text`` (cleaned; all offsets refer to it), ``source`` (the
        input path), ``quality_flags`` (list of data-quality findings, see
        :data:`govreports.schema.REPORT_FLAGS`), ``meta`` (dict: format,
        encoding, compilation part, front matter …), and ``flags``, a copy of
        ``quality_flags`` under its old name, deprecated (removed in 0.3:
        ``df.flags`` is a pandas attribute).

    Raises
    ------
    ReportFileError
        With ``errors="raise"``, for a missing, empty, binary, undecodable,
        corrupt or unsupported file, a file with an impossible front-matter
        ``year`` (:class:`~govreports.errors.InvalidMetadataError`), or a
        path or folder that cannot be looked at.

    Examples
    --------
    >>> import govreports as gr, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "甲镇.txt").write_text("甲镇2023年政府工作报告\\n各位代表：\\n地区生产总值增长6%。", encoding="utf-8")
    >>> gr.read_reports(d)[["region", "level", "year"]]
      region     level  year
    0     甲镇  township  2023
    """
    check_option("errors", errors, ["raise", "collect"])
    records, failures = read_records(paths, errors=errors, limits=limits, jobs=jobs, engine=engine,
                                     progress_bar=progress_bar)
    if hints:
        for r in records:
            hint = hints.get(r.region or "") or hints.get(r.source)
            if hint:
                r.meta["locate_hint"] = str(hint)
    frame = reports_frame(records)
    frame.attrs["failures"] = pd.DataFrame(failures, columns=["path", "error", "reason"])
    return frame


def reports_from_texts(
    texts: Mapping[str, str] | Iterable[str],
    *,
    source: str = "<text>",
) -> pd.DataFrame:
    """Build a reports frame from strings already in memory.

    Parameters
    ----------
    texts
        Report texts, or a mapping of a source name to text. Compilations are
        split, texts cleaned, and metadata inferred as in :func:`read_reports`.
    source
        Source name used for texts given without one.

    Returns
    -------
    pandas.DataFrame
        The reports frame (same columns as :func:`read_reports`).

    Examples
    --------
    >>> import govreports as gr
    >>> gr.reports_from_texts(["乙镇2023年政府工作报告\\n各位代表：\\n财政收入增长5%。"])[["report_id", "level"]]
      report_id     level
    0  2023_乙镇  township
    """
    items = texts.items() if isinstance(texts, Mapping) else ((f"{source}[{i}]", t) for i, t in enumerate(texts))
    records: list[ReportRecord] = []
    for name, text in items:
        doc = RawDocument(path=str(name), format="text", text=str(text))
        records.extend(records_from_document(doc, source=str(name)))
    return reports_frame(records)
