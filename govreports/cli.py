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

__all__ = ["main"]


def _add_inputs(p: argparse.ArgumentParser, *, sample: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files or directories (walked recursively)")
    if sample:
        p.add_argument("--sample", action="store_true", help="use the bundled sample of five township reports")


def _read(args: argparse.Namespace) -> tuple[pd.DataFrame, int]:
    import govreports as gr

    frames = []
    failed = 0
    if getattr(args, "sample", False):
        frames.append(gr.load_sample())
    if args.paths:
        reports = gr.read_reports(args.paths, errors="collect")
        for row in reports.attrs["failures"].itertuples(index=False):
            print(f"{row.path}: {row.reason}", file=sys.stderr)
            failed += 1
        frames.append(reports)
    if not frames:
        raise SystemExit("govreports: give one or more PATHs, or --sample")
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


def _write_table(frame: pd.DataFrame, fmt: str, out: str | None) -> None:
    """Write a figures table as CSV, JSON Lines or Parquet (to a file or stdout)."""
    if fmt == "parquet":
        if not out:
            raise SystemExit("govreports: --format parquet needs -o FILE")
        try:
            frame.to_parquet(out, index=False)
        except ImportError:
            from .errors import OptionalDependencyError

            raise OptionalDependencyError("pyarrow", "scale", "writing Parquet") from None
        return
    flat = frame.copy()
    if fmt == "csv":
        for col in ("flags",):
            if col in flat.columns:
                flat[col] = flat[col].map(lambda f: ";".join(f))
        if out:
            flat.to_csv(out, index=False)
        else:
            flat.to_csv(sys.stdout, index=False)
    else:
        text = flat.to_json(orient="records", lines=True, force_ascii=False)
        if out:
            Path(out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)


def _figures(args: argparse.Namespace, *, headline: bool) -> int:
    import govreports as gr

    reports, failed = _read(args)
    reports = gr.locate(reports)
    table = gr.extract_metrics(reports)
    if headline:
        table = gr.panel(table)
    _write_table(table, args.format, args.output)
    return 1 if failed else 0


def _cmd_metrics(args: argparse.Namespace) -> int:
    return _figures(args, headline=False)


def _cmd_panel(args: argparse.Namespace) -> int:
    return _figures(args, headline=True)


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
        p.add_argument("--format", choices=["csv", "jsonl", "parquet"], default="csv", help="output format (default: csv)")
        p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
        p.set_defaults(func=func)

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
