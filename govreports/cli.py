"""The ``govreports`` command.

Every subcommand reads its inputs with ``errors="collect"``: a bad file gives
one ``PATH: reason`` line on stderr, the other files are processed, and the
exit status is 1 at the end. Usage errors exit with 2. No traceback is shown
for a user error.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .io.formats import Limits

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
                   help=f"largest uncompressed .docx content, a zip-bomb guard (default {d.max_docx_uncompressed / 1e6:g})")
    g.add_argument("--max-pdf-pages", type=_positive_int, default=d.max_pdf_pages, metavar="N",
                   help=f"most pages read from one PDF (default {d.max_pdf_pages:,})")


def _positive(cast: type, what: str):
    """An argparse type: ``cast`` of the value, which must be above zero."""

    def parse(s: str):
        try:
            v = cast(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {s!r}") from None
        if not v > 0:
            raise argparse.ArgumentTypeError(f"must be positive: {s!r}")
        return v

    return parse


_positive_float = _positive(float, "a number")
_positive_int = _positive(int, "a whole number")


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_bytes=int(args.max_mb * 1e6),
        max_docx_uncompressed=int(args.max_docx_mb * 1e6),
        max_pdf_pages=args.max_pdf_pages,
    )


def _read(args: argparse.Namespace) -> tuple[pd.DataFrame, int]:
    import govreports as gr

    frames = []
    failed = 0
    if getattr(args, "sample", False):
        frames.append(gr.load_sample())
    if args.paths:
        reports = gr.read_reports(args.paths, errors="collect", limits=_limits(args))
        for row in reports.attrs["failures"].itertuples(index=False):
            print(f"{row.path}: {row.reason}", file=sys.stderr)
            failed += 1
        frames.append(reports)
    if not frames:
        print("govreports: give one or more PATHs, or --sample", file=sys.stderr)
        raise SystemExit(2)
    if len(frames) == 1:
        return frames[0], failed
    records = pd.concat(frames, ignore_index=True)
    return records, failed


def _cmd_info(args: argparse.Namespace) -> int:
    reports, failed = _read(args)
    cols = ["report_id", "region", "level", "year", "chars", "flags", "source"]
    if args.locate:
        import govreports as gr

        reports = gr.locate(reports)
        cols = cols[:-1] + ["province", "city", "county", "division_code", "locate_confidence", "source"]
    table = reports.assign(
        chars=reports["text"].str.len(),
        flags=reports["flags"].map(lambda f: ",".join(f) if len(f) else "-"),
    )[cols]
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
    else:
        for row in table.itertuples(index=False, name=None):
            print("\t".join("" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row))
    return 1 if failed else 0


#: Files per worker task: enough to spread pandas' per-call cost, few enough
#: to keep memory bounded by a handful of reports per worker.
_FILES_PER_TASK = 16


def _figures_of_file(
    item: tuple[list[str], bool, Limits, pd.DataFrame | None],
) -> tuple[pd.DataFrame, list[tuple[str, str]], int]:
    """Read, locate and extract a few input files (runs in worker processes);
    also the number of corrections applied."""
    import govreports as gr

    paths, headline, limits, corrections = item
    reports = gr.read_reports(paths, errors="collect", limits=limits)
    failures = [(r.path, r.reason) for r in reports.attrs["failures"].itertuples(index=False)]
    if reports.empty:
        return pd.DataFrame(), failures, 0
    table, applied = _figures_of_reports(reports, headline, corrections)
    return table, failures, applied


def _figures_of_reports(
    reports: pd.DataFrame, headline: bool, corrections: pd.DataFrame | None
) -> tuple[pd.DataFrame, int]:
    """Figures (or the panel) of some reports, corrections applied; and how many applied."""
    import warnings

    import govreports as gr
    from .errors import GovReportsWarning

    table = gr.extract_metrics(gr.locate(reports))
    applied = 0
    if corrections is not None:
        with warnings.catch_warnings():  # a batch holds only some reports: unmatched ones are counted at the end
            warnings.simplefilter("ignore", GovReportsWarning)
            table = gr.apply_corrections(table, corrections)
        applied = len(corrections) - len(table.attrs["unmatched_corrections"])
    return (gr.panel(table) if headline else table), applied


class _Ids:
    """Keeps report ids unique across files processed one at a time, exactly
    as ``read_reports`` would over the whole batch (``_2``, ``_3`` … in input order)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def renumber(self, table: pd.DataFrame) -> pd.DataFrame:
        from .io.reader import report_id_base

        if table.empty:
            return table
        mapping = {}
        firsts = table.drop_duplicates("report_id")
        for rid, year, region in firsts[["report_id", "year", "region"]].itertuples(index=False, name=None):
            base = report_id_base(year, region)  # the same ids as read_reports
            n = self.seen.get(base, 0) + 1
            self.seen[base] = n
            mapping[rid] = base if n == 1 else f"{base}_{n}"
        if all(k == v for k, v in mapping.items()):
            return table
        return table.assign(report_id=table["report_id"].map(mapping))


def _figures(args: argparse.Namespace, *, headline: bool) -> int:
    """metrics/panel: stream file by file (a process pool with --jobs), so
    memory stays bounded by the files in flight, not by the corpus."""
    import govreports as gr
    from ._parallel import run_map
    from .export import _flat, write_table
    from .io.reader import iter_report_files

    fmt, out = args.format, args.output
    if fmt in ("parquet", "stata") and not out:
        print(f"govreports: --format {fmt} needs -o FILE", file=sys.stderr)
        raise SystemExit(2)
    failed = 0
    chunks: list[pd.DataFrame] = []
    ids = _Ids()
    sink = open(out, "w", encoding="utf-8", newline="") if out and fmt in ("csv", "jsonl") else sys.stdout
    first = True

    def emit(table: pd.DataFrame) -> None:
        nonlocal first
        if table.empty:
            return
        table = ids.renumber(table)
        if fmt == "csv":
            _flat(table).to_csv(sink, index=False, header=first)
        elif fmt == "jsonl":
            sink.write(table.to_json(orient="records", lines=True, force_ascii=False))
            if not sink.closed:
                sink.flush()
        else:
            chunks.append(table)
        first = False

    corrections = _corrections(args)
    applied = 0
    try:
        if getattr(args, "sample", False):
            table, applied = _figures_of_reports(gr.load_sample(), headline, corrections)
            emit(table)
        if not args.paths and not getattr(args, "sample", False):
            print("govreports: give one or more PATHs, or --sample", file=sys.stderr)
            raise SystemExit(2)
        paths = []
        for path, err in iter_report_files(args.paths):
            if err is not None:
                print(f"{err.path}: {err.reason}", file=sys.stderr)
                failed += 1
            else:
                paths.append(str(path))
        limits = _limits(args)
        items = [(paths[i:i + _FILES_PER_TASK], headline, limits, corrections) for i in range(0, len(paths), _FILES_PER_TASK)]
        for table, failures, n in run_map(_figures_of_file, items, jobs=args.jobs, desc="figures"):
            for path, reason in failures:
                print(f"{path}: {reason}", file=sys.stderr)
                failed += 1
            applied += n
            emit(table)
        if corrections is not None and applied < len(corrections):
            print(f"{args.corrections}: {len(corrections) - applied} of {len(corrections)} corrections name figures "
                  "no longer found (the text or the extraction changed)", file=sys.stderr)
    finally:
        if sink is not sys.stdout:
            sink.close()
    if chunks:
        write_table(pd.concat(chunks, ignore_index=True), out, format=fmt)
    return 1 if failed else 0


def _corrections(args: argparse.Namespace) -> pd.DataFrame | None:
    import govreports as gr

    if not getattr(args, "corrections", None):
        return None
    try:
        return gr.read_corrections(args.corrections)
    except gr.GovReportsError as exc:
        print(f"govreports: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _cmd_review(args: argparse.Namespace) -> int:
    """The review sheet of the panel (rows needing review first)."""
    import govreports as gr

    reports, failed = _read(args)
    metrics = gr.extract_metrics(reports, jobs=args.jobs)
    corrections = _corrections(args)
    table = gr.panel(metrics, corrections=corrections) if not args.all_figures else metrics
    sheet = gr.review_sheet(table, args.output, only_needs_review=args.only_needs_review)
    print(f"{args.output}: {len(sheet)} rows, {int(sheet['needs_review'].sum())} needing review")
    return 1 if failed else 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    return _figures(args, headline=False)


def _cmd_panel(args: argparse.Namespace) -> int:
    return _figures(args, headline=True)


def _cmd_targets(args: argparse.Namespace) -> int:
    import govreports as gr
    from .export import write_table

    table = gr.load_targets(level=args.level or None)
    path = write_table(table, args.out, format=args.format, partition_cols=None if args.format != "parquet" else ("level",))
    print(path)
    return 0


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def _cmd_split(args: argparse.Namespace) -> int:
    reports, failed = _read(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for row in reports.itertuples(index=False):
        name = _UNSAFE.sub("_", str(row.report_id)) + ".txt"
        (out / name).write_text(row.text + "\n", encoding="utf-8", newline="\n")
        print(out / name)
    return 1 if failed else 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    reports, failed = _read(args)
    if reports.empty:
        print("govreports: no readable report: nothing written", file=sys.stderr)
        return 1
    print(f"govreports: writing a report of {len(reports)} report(s) to {args.out}", file=sys.stderr)
    try:
        index = write_report(reports, args.out, title=args.title)
    except OSError as exc:  # DIR is a file, not writable, disk full …
        print(f"govreports: cannot write the report to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(index)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govreports`` command."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="govreports",
        description="Turn Chinese government work reports (政府工作报告) into research data.",
    )
    parser.add_argument("--version", action="version", version=f"govreports {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("info", help="one line per report: id, region, level, year, characters, flags, source")
    _add_inputs(p)
    p.add_argument("--format", choices=["text", "csv"], default="text", help="output format (default: text)")
    p.add_argument("--locate", action="store_true", help="add province, city, county and division code")
    p.set_defaults(func=_cmd_info)

    for name, func, what in (
        ("metrics", _cmd_metrics, "every figure of every report, with indicator, kind and provenance"),
        ("panel", _cmd_panel, "the headline figure per report, indicator, kind and measure"),
    ):
        p = sub.add_parser(name, help=what)
        _add_inputs(p)
        p.add_argument(
            "--format", choices=["csv", "jsonl", "parquet", "stata"], default="csv",
            help="output format (default: csv); parquet writes a dataset directory partitioned by level and year",
        )
        p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
        p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1; -1: all cores)")
        p.add_argument("--corrections", metavar="FILE",
                       help="a filled-in review sheet (govreports review): its verdicts are applied before output")
        p.set_defaults(func=func)

    p = sub.add_parser("review", help="write the review sheet a person fills in to check the panel (CSV or XLSX)")
    _add_inputs(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the sheet to write (.csv or .xlsx)")
    p.add_argument("--only-needs-review", action="store_true", help="only the rows flagged needs_review")
    p.add_argument("--all-figures", action="store_true", help="every figure with an indicator, not only the panel")
    p.add_argument("--corrections", metavar="FILE", help="verdicts already given (their rows show as reviewed)")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (default 1; -1: all cores)")
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("targets", help="export the bundled growth-target dataset (CSV, JSON Lines, Parquet, Stata)")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help="output file (format from the extension)")
    p.add_argument("--format", choices=["csv", "jsonl", "parquet", "stata"], default=None, help="output format")
    p.add_argument("--level", action="append", choices=["national", "province", "city", "county", "township"],
                   help="only these levels (repeatable)")
    p.set_defaults(func=_cmd_targets)

    p = sub.add_parser("split", help="split inputs (compilations too) into one UTF-8 file per report")
    _add_inputs(p)
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="output directory")
    p.set_defaults(func=_cmd_split)

    p = sub.add_parser(
        "report",
        help="a self-contained HTML report comparing regions (index.html, metrics.csv, panel.csv, figures)",
    )
    _add_inputs(p)
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="output directory")
    p.add_argument("--title", help="page title (default: names the number of reports and their years)")
    p.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    from .errors import GovReportsError

    try:
        return int(args.func(args) or 0)
    except GovReportsError as exc:
        print(f"govreports: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `govreports info … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
