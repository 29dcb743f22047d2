"""The ``govreports`` command.

Every subcommand reads its inputs with ``errors="collect"``: a bad file gives
one ``PATH: reason`` line on stderr, the other files are processed, and the
exit status is 1 at the end. Usage errors exit with 2. No traceback is shown
for a user error.

Outputs are never half-written (see :func:`govreports._util.atomic_output`):
each is written under a hidden ``.NAME.partial-XXXXXXXX`` name beside it and
renamed into place only when complete. A run that fails, reads no input, or is
interrupted (Ctrl-C, SIGTERM: exit status 130 or 143) leaves an existing
output as it was and no worker process behind. An output that is one of the
inputs is refused before any work.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import math
import os
import shlex
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import govreports as gr

from ._cache import RenumberIds, figures_of_reports, iter_figures
from ._lazy import pandas as pd
from ._parallel import available_cpus, check_jobs, terminate_pools
from ._pipeline import Pipeline
from ._util import atomic_output, check_output_path, printable, safe_file_names
from ._version import __version__
from .errors import GovReportsError, OptionalDependencyError, OutputPathError
from .io._export import check_table_output, flatten_lists, provenance, write_provenance, write_table
from .io._formats import Limits
from .io._reader import iter_report_files
from .present._report import check_report_folder, write_report
from .schema import ReportIds, report_id_base

__all__ = ["main"]


def _add_inputs(p: argparse.ArgumentParser, *, sample: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files or directories (walked recursively)")
    if sample:
        p.add_argument("--sample", action="store_true", help="use the bundled sample of five township reports")
    d = Limits()
    g = p.add_argument_group("limits (a file over a limit is reported and skipped)")
    g.add_argument("--max-mb", type=_positive_float, default=d.max_bytes / 1e6, metavar="MB",
                   help=f"largest file read (default {d.max_bytes / 1e6:g})")
    g.add_argument("--max-docx-mb", type=_positive_float, default=d.max_docx_uncompressed / 1e6, metavar="MB",
                   help="largest uncompressed .docx content, a zip-bomb guard "
                        f"(default {d.max_docx_uncompressed / 1e6:g})")
    g.add_argument("--max-pdf-pages", type=_positive_int, default=d.max_pdf_pages, metavar="N",
                   help=f"most pages read from one PDF (default {d.max_pdf_pages:,})")
    g.add_argument("--max-pdf-mb", type=_positive_float, default=d.max_pdf_uncompressed / 1e6, metavar="MB",
                   help="largest uncompressed PDF streams, a compression-bomb guard "
                        f"(default {d.max_pdf_uncompressed / 1e6:g})")
    g.add_argument("--max-pdf-content-mb", type=_positive_float, default=d.max_pdf_content / 1e6, metavar="MB",
                   help="most drawing instructions run for one PDF, forms counted each time they are drawn "
                        f"(default {d.max_pdf_content / 1e6:g})")
    g.add_argument("--max-pdf-page-objects", type=_positive_int, default=d.max_pdf_page_objects, metavar="N",
                   help=f"most characters, lines and shapes on one PDF page (default {d.max_pdf_page_objects:,})")
    g.add_argument("--max-pdf-objects", type=_positive_int, default=d.max_pdf_objects, metavar="N",
                   help=f"most characters, lines and shapes in one PDF (default {d.max_pdf_objects:,})")
    g.add_argument("--max-html-elements", type=_positive_int, default=d.max_html_elements, metavar="N",
                   help=f"most elements of one HTML page (default {d.max_html_elements:,})")
    g.add_argument("--max-chars", type=_positive_int, default=d.max_chars, metavar="N",
                   help=f"most characters of text in one file, a compilation's reports together "
                        f"(default {d.max_chars:,})")
    g.add_argument("--max-lines", type=_positive_int, default=d.max_lines, metavar="N",
                   help=f"most lines of text in one file (default {d.max_lines:,})")


def _positive(cast: type, what: str):
    """An argparse type: ``cast`` of the value, which must be above zero."""

    def parse(s: str):
        try:
            v = cast(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {s!r}") from None
        if not v > 0:
            raise argparse.ArgumentTypeError(f"must be positive: {s!r}")
        if isinstance(v, float) and not math.isfinite(v):
            raise argparse.ArgumentTypeError(f"must be a finite number: {s!r}")
        return v

    return parse


def _jobs_arg(s: str) -> int:
    """An argparse type for --jobs: a positive whole number, or -1 for all CPUs."""
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {s!r}") from None
    if v < 1 and v != -1:
        raise argparse.ArgumentTypeError(f"must be positive, or -1 for all CPUs: {s!r}")
    return v


def _jobs(args: argparse.Namespace) -> int:
    """--jobs, capped at the CPUs this process may use (more only compete for them), saying so."""

    n = check_jobs(args.jobs, warn=False)
    if args.jobs > n:
        print(f"govreports: --jobs {args.jobs} is more than the {available_cpus()} CPUs available; using {n}",
              file=sys.stderr)
    return n


def _say(path: object, reason: object) -> None:
    """One ``PATH: reason`` line on stderr; control characters in either shown escaped."""
    print(f"{printable(path)}: {printable(reason)}", file=sys.stderr)


def _provenance(args: argparse.Namespace, **extra: object) -> dict:
    """The provenance record of this run: the command line as typed and every option."""
    options = {k: v for k, v in vars(args).items() if k not in ("func", "argv") and not k.startswith("_")}
    return provenance(command=shlex.join(["govreports", *args.argv]), options=options, **extra)


def _check_output(out: str | Path, args: argparse.Namespace, *, check: Callable[[], None] | None = None) -> Path:
    """Refuse, before any work, an output that is one of the inputs or cannot be written
    (:func:`govreports._util.check_output_path`, or ``check``): one line, exit status 2."""
    out = Path(out)
    try:
        for raw in getattr(args, "paths", None) or ():
            if _same_path(out, Path(raw)):
                raise OutputPathError(out, f"is one of the inputs ({raw}); write the output elsewhere")
        if check is not None:
            check()
        else:
            check_output_path(out)
    except OutputPathError as exc:
        print(f"govreports: {printable(exc)}", file=sys.stderr)
        raise SystemExit(2) from None
    return out


def _same_path(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
        return a.resolve() == b.resolve()
    except (OSError, ValueError, RuntimeError):  # unreadable, too long, a link loop: not the same as far as we know
        return False


_positive_float = _positive(float, "a number")
_positive_int = _positive(int, "a whole number")


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_bytes=int(args.max_mb * 1e6),
        max_docx_uncompressed=int(args.max_docx_mb * 1e6),
        max_pdf_pages=args.max_pdf_pages,
        max_pdf_uncompressed=int(args.max_pdf_mb * 1e6),
        max_pdf_content=int(args.max_pdf_content_mb * 1e6),
        max_pdf_page_objects=args.max_pdf_page_objects,
        max_pdf_objects=args.max_pdf_objects,
        max_html_elements=args.max_html_elements,
        max_chars=args.max_chars,
        max_lines=args.max_lines,
    )


def _read(args: argparse.Namespace) -> tuple[pd.DataFrame, int]:
    frames = []
    failed = 0
    if getattr(args, "sample", False):
        frames.append(gr.load_sample())
    if args.paths:
        reports = gr.read_reports(args.paths, errors="collect", limits=_limits(args))
        for row in reports.attrs["failures"].itertuples(index=False):
            _say(row.path, row.reason)
            failed += 1
        frames.append(reports)
    if not frames:
        print("govreports: give one or more PATHs, or --sample", file=sys.stderr)
        raise SystemExit(2)
    if len(frames) == 1:
        return frames[0], failed
    records = pd.concat(frames, ignore_index=True)
    return _unique_report_ids(records), failed


def _unique_report_ids(reports: pd.DataFrame) -> pd.DataFrame:
    """The reports of --sample and of PATHs together, ids unique as read_reports makes them."""

    ids = ReportIds()
    new = [ids.next(report_id_base(y, r)) for y, r in zip(reports["year"], reports["region"])]
    return reports if new == reports["report_id"].tolist() else reports.assign(report_id=new)


def _cmd_info(args: argparse.Namespace) -> int:
    reports, failed = _read(args)
    cols = ["report_id", "region", "level", "year", "chars", "quality_flags", "source"]
    if args.locate:
        import govreports as gr

        reports = gr.locate(reports)
        cols = cols[:-1] + ["province", "city", "county", "division_code", "locate_confidence", "source"]
    table = reports.assign(
        chars=reports["text"].str.len(),
        quality_flags=reports["quality_flags"].map(lambda f: ",".join(f) if len(f) else "-"),
    )[cols]
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
    else:
        print("\t".join(cols))
        for row in table.itertuples(index=False, name=None):  # for a terminal: control characters escaped
            print("\t".join("" if v is None or (isinstance(v, float) and v != v) else printable(v) for v in row))
    return 1 if failed else 0


class _NothingRead(Exception):
    """No input could be read: an existing output is left as it was."""


@contextmanager
def _sink(out: Path | None, fmt: str) -> Iterator:
    """Where CSV and JSON Lines stream to: stdout, or a temporary file renamed to ``out`` on success."""
    if out is None or fmt not in ("csv", "jsonl"):
        yield sys.stdout
        return
    with atomic_output(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _figures(args: argparse.Namespace, *, headline: bool) -> int:
    """metrics/panel: stream file by file (a process pool with --jobs), so
    memory stays bounded by the files in flight, not by the corpus."""

    fmt = args.format
    if fmt in ("parquet", "stata") and not args.output:
        print(f"govreports: --format {fmt} needs -o FILE", file=sys.stderr)
        raise SystemExit(2)
    if not args.paths and not getattr(args, "sample", False):
        print("govreports: give one or more PATHs, or --sample", file=sys.stderr)
        raise SystemExit(2)
    out = None
    if args.output:
        out = _check_output(args.output, args, check=lambda: check_table_output(args.output, format=fmt))
    jobs = _jobs(args)
    corrections = _corrections(args)
    if getattr(args, "cache", None):
        _check_cache(Path(args.cache))
    try:
        with _cluster(args), _sink(out, fmt) as sink:
            failed, read, chunks = _stream_figures(args, headline, sink, jobs, corrections)
            if not read:  # nothing to replace an existing output with
                raise _NothingRead
    except _NothingRead:
        if out is not None:
            print(f"govreports: no input could be read; {printable(out)} left as it was", file=sys.stderr)
        return 1
    record = _provenance(args, files_failed=failed)
    if chunks:
        write_table(pd.concat(chunks, ignore_index=True), out, format=fmt, provenance=record)
    elif fmt in ("parquet", "stata"):
        print(f"govreports: no figure found; {printable(out)} not written", file=sys.stderr)
    elif out is not None:
        write_provenance(out, record)
    return 1 if failed else 0


def _stream_figures(
    args: argparse.Namespace, headline: bool, sink, jobs: int, corrections: pd.DataFrame | None
) -> tuple[int, bool, list[pd.DataFrame]]:
    """Read, extract and write (CSV, JSON Lines) or collect (Parquet, Stata) the figures;
    the number of failed files, whether any input was read, and the collected tables."""

    fmt = args.format
    failed = 0
    read = False
    chunks: list[pd.DataFrame] = []
    ids = RenumberIds()
    first = True
    empty_header = ""  # a run that finds no figure still writes the CSV's header line

    def emit(table: pd.DataFrame) -> None:
        nonlocal first, empty_header
        if table.empty:
            empty_header = empty_header or pd.DataFrame(columns=table.columns).to_csv(index=False)
            return
        table = ids.renumber(table)
        if fmt == "csv":
            flatten_lists(table).to_csv(sink, index=False, header=first)
        elif fmt == "jsonl":
            sink.write(table.to_json(orient="records", lines=True, force_ascii=False))
            sink.flush()
        else:
            chunks.append(table)
        first = False

    applied = 0
    if getattr(args, "sample", False):
        table, applied = figures_of_reports(gr.load_sample(), headline, corrections)
        read = True
        emit(table)
    paths = []
    for path, err in iter_report_files(args.paths):
        if err is not None:
            _say(err.path, err.reason)
            failed += 1
        else:
            paths.append(str(path))
    engine = "dask" if getattr(args, "scheduler", None) else "processes"
    processed = cached = 0
    text = fmt if fmt in ("csv", "jsonl") else None
    for batch, result in iter_figures(paths, headline=headline, limits=_limits(args), corrections=corrections,
                                      cache=getattr(args, "cache", None), text=text, jobs=jobs, engine=engine):
        for path, reason in result.failures:
            _say(path, reason)
            failed += 1
        read = read or len(result.failures) < len(batch)
        applied += result.applied
        processed += result.processed
        cached += result.cached
        if result.blocks is None:
            emit(result.table)
        elif not result.blocks:
            empty_header = empty_header or result.header
        elif result.blocks:  # written out by the workers (--cache): the final ids put in
            if first and fmt == "csv":
                sink.write(result.header)
            sink.write(ids.write(result.blocks, fmt))
            sink.flush()
            first = False
    if first and fmt == "csv" and empty_header:
        sink.write(empty_header)
    if corrections is not None and applied < len(corrections):
        print(f"{args.corrections}: {len(corrections) - applied} of {len(corrections)} corrections name figures "
              "no longer found (the text or the extraction changed)", file=sys.stderr)
    if getattr(args, "cache", None):
        print(f"govreports: {cached} file(s) from the cache, {processed} processed", file=sys.stderr)
    return failed, read, chunks


def _check_cache(folder: Path) -> None:
    """A usable --cache folder (created when missing), or one line and exit status 2 before any work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "not writable")
    except OSError as exc:
        print(f"govreports: --cache {printable(folder)}: {exc.strerror or exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _corrections(args: argparse.Namespace) -> pd.DataFrame | None:
    if not getattr(args, "corrections", None):
        return None
    try:
        return gr.read_corrections(args.corrections)
    except gr.GovReportsError as exc:
        print(f"govreports: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _cmd_review(args: argparse.Namespace) -> int:
    """The review sheet of the panel (rows needing review first)."""
    out = _check_output(args.output, args)
    jobs = _jobs(args)
    reports, failed = _read(args)
    if reports.empty:
        print(f"govreports: no input could be read; {printable(out)} left as it was", file=sys.stderr)
        return 1
    pipe = Pipeline(reports, jobs=jobs, engine="dask" if args.scheduler else "processes",
                    corrections=_corrections(args))
    with _cluster(args):
        table = pipe.metrics if args.all_figures else pipe.panel
    with atomic_output(out) as tmp:  # review_sheet picks CSV or XLSX by the suffix, which tmp keeps
        sheet = gr.review_sheet(table, tmp, only_needs_review=args.only_needs_review)
    write_provenance(out, _provenance(args, files_failed=failed, rows=len(sheet)))
    print(f"{printable(out)}: {len(sheet)} rows, {int(sheet['needs_review'].sum())} needing review")
    return 1 if failed else 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    return _figures(args, headline=False)


def _cmd_panel(args: argparse.Namespace) -> int:
    return _figures(args, headline=True)


def _cmd_targets(args: argparse.Namespace) -> int:

    partition = None if args.format != "parquet" else ("level",)
    _check_output(args.out, args, check=lambda: check_table_output(args.out, format=args.format,
                                                                   partition_cols=partition))
    table = gr.load_targets(level=args.level or None)
    path = write_table(table, args.out, format=args.format, partition_cols=partition, provenance=_provenance(args))
    print(printable(path))
    return 0


def _cmd_split(args: argparse.Namespace) -> int:
    """One UTF-8 file per report, named by its id made safe (unique by construction)."""
    out = _check_output(args.out, args, check=lambda: _check_folder(Path(args.out)))
    reports, failed = _read(args)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for text, name in zip(reports["text"], safe_file_names(reports["report_id"], suffix=".txt")):
            with atomic_output(out / name) as tmp:
                tmp.write_text(text + "\n", encoding="utf-8", newline="\n")
            print(printable(out / name))
    except OSError as exc:  # not writable, disk full …
        print(f"govreports: cannot write to {printable(out)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 1 if failed else 0


def _check_folder(out: Path) -> None:
    """An output folder files are written into: missing, or a folder."""
    if out.exists() and not out.is_dir():
        raise OutputPathError(out, "is a file, not a folder; give a folder for --out")


def _cmd_report(args: argparse.Namespace) -> int:

    out = _check_output(args.out, args, check=lambda: check_report_folder(args.out))
    reports, failed = _read(args)
    if reports.empty:
        print("govreports: no readable report: nothing written", file=sys.stderr)
        return 1
    print(f"govreports: writing a report of {len(reports)} report(s) to {printable(out)}", file=sys.stderr)
    try:
        with _cluster(args):
            index = write_report(reports, out, title=args.title, jobs=_jobs(args),
                                 engine="dask" if args.scheduler else "processes",
                                 provenance=_provenance(args, files_failed=failed))
    except OSError as exc:  # not writable, disk full …
        print(f"govreports: cannot write the report to {printable(out)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(printable(index))
    return 1 if failed else 0


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", "-j", type=_jobs_arg, default=1, metavar="N",
                   help="worker processes (default 1; -1: all CPUs; at most the CPUs available)")


def _add_scheduler(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a dask.distributed cluster (tcp://HOST:8786): the workers read and extract the "
                        "files, which they must see at the same paths (pip install \"govreports[scale]\")")


@contextmanager
def _cluster(args: argparse.Namespace) -> Iterator[None]:
    """With --scheduler, a dask.distributed client for the block (the engine picks it up)."""
    address = getattr(args, "scheduler", None)
    if not address:
        yield
        return
    if args.jobs != 1:
        print("govreports: give --jobs or --scheduler, not both (the cluster decides its workers)", file=sys.stderr)
        raise SystemExit(2)
    try:
        from distributed import Client
    except ImportError:

        raise OptionalDependencyError("distributed", "scale", "--scheduler") from None
    try:
        client = Client(address, set_as_default=True)  # waits distributed.comm.timeouts.connect (30 s)
    except (OSError, ValueError, TypeError) as exc:  # unreachable, timed out, not an address
        print(f"govreports: cannot connect to the scheduler {printable(address)}: {printable(exc)}", file=sys.stderr)
        raise SystemExit(2) from None
    with client:
        yield


#: Examples shown by ``--help`` (``None``: the command itself); tests/test_cli.py parses every one and runs
#: those on the bundled data.
_EXAMPLES: dict[str | None, str] = {
    None: """examples:
  govreports report --sample -o sample_report     # the bundled sample as an HTML report
  govreports info reports/                        # region, level and year of each file
  govreports panel reports/ -o panel.csv -j 4     # one headline figure per report and indicator
  govreports metrics reports/ -o metrics.parquet  # every figure, as a Parquet dataset
  govreports targets -o targets.dta               # the bundled growth-target dataset for Stata

Every output file gets NAME.provenance.json beside it (Parquet: inside it): the govreports
version, the bundled data's digests and vintages and the options. `govreports COMMAND --help`
shows each command's options and examples.""",
    "info": """examples:
  govreports info --sample
  govreports info reports/ --locate --format csv > reports.csv""",
    "metrics": """examples:
  govreports metrics --sample
  govreports metrics reports/ -o metrics.csv --jobs 4
  govreports metrics reports/ -o metrics.parquet --cache .govreports-cache
  govreports metrics reports/ -o metrics.csv --corrections review.xlsx""",
    "panel": """examples:
  govreports panel --sample -o panel.csv
  govreports panel reports/ -o panel.dta --jobs -1
  govreports panel reports/ -o panel.csv --scheduler tcp://10.0.0.5:8786""",
    "review": """examples:
  govreports review reports/ -o review.xlsx --only-needs-review
  govreports panel reports/ -o panel.csv --corrections review.xlsx   # after filling it in""",
    "targets": """examples:
  govreports targets -o targets.csv
  govreports targets -o province_targets.dta --level province""",
    "split": """examples:
  govreports split 汇编.docx -o reports/""",
    "report": """examples:
  govreports report --sample -o sample_report
  govreports report reports/ -o report --title "县级政府工作报告 2023" --jobs 2""",
}


def _help(command: str | None) -> dict:
    return {"epilog": _EXAMPLES[command], "formatter_class": argparse.RawDescriptionHelpFormatter}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govreports`` command."""

    parser = argparse.ArgumentParser(
        prog="govreports",
        description="Turn Chinese government work reports (政府工作报告) into research data.",
        **_help(None),
    )
    parser.add_argument("--version", action="version", version=f"govreports {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("info", **_help("info"),
                       help="one line per report: id, region, level, year, characters, quality flags, source")
    _add_inputs(p)
    p.add_argument("--format", choices=["text", "csv"], default="text", help="output format (default: text)")
    p.add_argument("--locate", action="store_true", help="add province, city, county and division code")
    p.set_defaults(func=_cmd_info)

    for name, func, what in (
        ("metrics", _cmd_metrics, "every figure of every report, with indicator, kind and provenance"),
        ("panel", _cmd_panel, "the headline figure per report, indicator, kind and measure"),
    ):
        p = sub.add_parser(name, **_help(name), help=what)
        _add_inputs(p)
        p.add_argument(
            "--format", choices=["csv", "jsonl", "parquet", "stata"], default="csv",
            help="output format (default: csv); parquet writes a dataset directory partitioned by level and year, "
                 "replacing an earlier dataset there (a folder holding anything else is refused)",
        )
        p.add_argument("-o", "--output", metavar="FILE",
                       help="write to FILE instead of standard output; FILE is replaced only when the run completes "
                            "and at least one input was read (never one of the inputs)")
        _add_jobs(p)
        p.add_argument("--corrections", metavar="FILE",
                       help="a filled-in review sheet (govreports review): its verdicts are applied before output")
        _add_scheduler(p)
        p.add_argument("--cache", metavar="DIR",
                       help="keep each file's rows in DIR (created when missing) and reuse them while the file, "
                            "govreports and the options are unchanged: a re-run only processes new or changed files")
        p.set_defaults(func=func)

    p = sub.add_parser("review", **_help("review"),
                       help="write the review sheet a person fills in to check the panel (CSV or XLSX)")
    _add_inputs(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the sheet to write (.csv or .xlsx)")
    p.add_argument("--only-needs-review", action="store_true", help="only the rows flagged needs_review")
    p.add_argument("--all-figures", action="store_true", help="every figure with an indicator, not only the panel")
    p.add_argument("--corrections", metavar="FILE", help="verdicts already given (their rows show as reviewed)")
    _add_jobs(p)
    _add_scheduler(p)
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("targets", **_help("targets"),
                       help="export the bundled growth-target dataset (CSV, JSON Lines, Parquet, Stata)")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help="output file (format from the extension)")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet", "stata"], default=None, help="output format")
    p.add_argument("--level", action="append", choices=["national", "province", "city", "county", "township"],
                   help="only these levels (repeatable)")
    p.set_defaults(func=_cmd_targets)

    p = sub.add_parser("split", **_help("split"), help="split inputs (compilations too) into one UTF-8 file per report")
    _add_inputs(p)
    p.add_argument("--out", "-o", required=True, metavar="DIR",
                   help="output directory; files are named by report id, made safe and unique (_2, _3 …)")
    p.set_defaults(func=_cmd_split)

    p = sub.add_parser(
        "report", **_help("report"),
        help="a self-contained HTML report comparing regions (index.html, metrics.csv, panel.csv, figures)",
    )
    _add_inputs(p)
    p.add_argument("--out", "-o", required=True, metavar="DIR",
                   help="output directory; the report's own files are replaced when it is complete, others kept")
    p.add_argument("--title", help="page title (default: names the number of reports and their years)")
    _add_jobs(p)
    _add_scheduler(p)
    p.set_defaults(func=_cmd_report)
    return parser


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that unfinished outputs are removed
    and worker pools terminated, as for Ctrl-C."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`_Terminated` (main thread only)."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _arrow_released() -> Iterator[None]:
    """Free what a Parquet output left of pyarrow's objects before the interpreter exits.

    Arrow objects that reach the interpreter's last collection can be destroyed after Arrow's own
    thread pools, which then abort the process ('terminate called without an active exception',
    status -6, seen now and then in test runs after a complete ``--format parquet`` output); a
    collection while Arrow is whole frees them in time. Runs only when pyarrow was loaded.
    """
    try:
        yield
    finally:
        if "pyarrow" in sys.modules:
            gc.collect()


#: The collector's thresholds while a command runs. A run makes millions of short-lived
#: containers and next to no cyclic garbage (about 500 objects over the 300 benchmark reports):
#: with the default young collection every 700 allocations, collections took 0.15 of its
#: 3.3 CPU-s (the run is 0.05-0.08 s shorter without them).
_GC_THRESHOLDS = (50_000, 10, 10)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Within the block, the collector runs at :data:`_GC_THRESHOLDS` (the caller's thresholds after)."""
    previous = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def run() -> None:
    """The ``govreports`` command (and ``python -m govreports``): :func:`main`, then the process ends.

    After a command that loaded pyarrow (a Parquet output or input) the process ends without the
    interpreter's own finalization: the exit handlers run and the streams are flushed, then
    ``os._exit``. Arrow's thread pools can abort a process in that finalization ('terminate
    called without an active exception', status -6, apache/arrow#34314) after a complete output;
    the collection in :func:`_arrow_released` made it rarer, not impossible (twice in full test
    runs in one session).
    """
    status = main()
    if "pyarrow" not in sys.modules:
        raise SystemExit(status)
    atexit._run_exitfuncs()  # what finalization would run first: pools ended, logs and temp files closed
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Ctrl-C and SIGTERM end a run with status 130 and 143: outputs not yet
    complete are removed (an existing output keeps its old contents), worker
    processes are terminated, and one line says so.
    """
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    args = parser.parse_args(argv)
    args.argv = argv
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2

    with _sigterm_raises(), _arrow_released(), _fewer_collections():
        try:
            return int(args.func(args) or 0)
        except GovReportsError as exc:
            print(f"govreports: {printable(exc)}", file=sys.stderr)
            return 1
        except BrokenPipeError:  # `govreports info … | head`
            return 0
        except OSError as exc:  # an output that cannot be written: disk full, permissions …
            where = f"{printable(exc.filename)}: " if exc.filename else ""
            print(f"govreports: {where}{exc.strerror or exc}", file=sys.stderr)
            return 1
        except (KeyboardInterrupt, _Terminated) as exc:
            terminate_pools()
            name = "SIGTERM" if isinstance(exc, _Terminated) else "Ctrl-C"
            print(f"govreports: interrupted ({name}); outputs not complete were removed, existing ones kept",
                  file=sys.stderr)
            return 143 if isinstance(exc, _Terminated) else 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
