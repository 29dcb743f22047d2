"""Hostile inputs (issue 14): wall time and peak memory of each, read alone and through the command line.

Run from a checkout with the package installed (and reportlab, for the 1,000-page PDF)::

    python benchmarks/hostile.py                 # every input, at the size the issue's probe used
    python benchmarks/hostile.py --only pdf      # the inputs whose name contains "pdf"
    python benchmarks/hostile.py --timeout 60    # give up on one run after 60 s (default 120)

Each input is built by a generator in ``tests/test_hostile_input.py`` (where
the same inputs, small, are tests) into a temporary folder, then measured in
two fresh processes: ``read`` is ``gr.read_reports(FILE, errors="collect")``,
``cli`` the whole command a user runs, ``govreports metrics FILE -o out.csv``.
Wall time and peak resident memory come from a small parent process per run
(``resource.getrusage(RUSAGE_CHILDREN)``: the exact peak, not a sample). The
bar (issue 14): every run under 20 s and 1 GB, ending with a result or one
``PATH: reason`` line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_hostile_input as h  # noqa: E402  (needs tests/ on sys.path) the generators, shared with the tests

BAR_S, BAR_MB = 20.0, 1024.0

#: name, what it is, how to build it in a folder
INPUTS: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("html_nested_spans", "40,000 nested <span>",
     lambda d: h.make_nested_spans_html(d / "spans.html", 40_000)),
    ("html_stray_end_tags", "40,000 end tags closing nothing, 25,000 open <div>",
     lambda d: h.make_stray_end_tags_html(d / "stray.html", 40_000, depth=25_000)),
    ("html_many_elements", "5,000,000 empty <b> (15 MB)",
     lambda d: h.make_many_elements_html(d / "many.html", 5_000_000)),
    ("md_unclosed_bold", "'**a ' x 40,000 (160 KB)", lambda d: h.make_appended(d / "bold.md", "**a " * 40_000)),
    ("md_unclosed_comment", "'<!--' x 40,000 (160 KB)", lambda d: h.make_appended(d / "comment.md", "<!--" * 40_000)),
    ("md_unclosed_image", "'![' x 80,000 (160 KB)", lambda d: h.make_appended(d / "image.md", "![" * 80_000)),
    ("md_unclosed_link", "'[a](' x 40,000 (160 KB)", lambda d: h.make_appended(d / "link.md", "[a](" * 40_000)),
    ("md_blank_line", "a line of 80,000 blanks, then x",
     lambda d: h.make_appended(d / "blank.md", " " * 80_000 + "x")),
    ("txt_space_run", "80,000 spaces between two Latin letters",
     lambda d: h.make_appended(d / "spaces.txt", "a" + " " * 80_000 + "b")),
    ("txt_hash_run", "a paragraph of 80,000 '#'",
     lambda d: h.make_appended(d / "hashes.txt", "#" * 80_000 + "甲镇")),
    ("txt_unicode_blank_note", "a closing note '1' + 10,000 U+2000 blanks + 'x'",
     lambda d: h.make_appended(d / "note.txt", "1" + "\u2000" * 10_000 + "x")),
    ("txt_toc_number_blanks", "a line '1' + 80,000 blanks + 'x'",
     lambda d: h.make_appended(d / "toc.txt", "1" + " " * 80_000 + "x")),
    ("txt_short_lines", "5,100,000 lines of 3 characters (48 MB)",
     lambda d: h.make_short_lines(d / "short.txt", 48_000_000)),
    ("txt_short_lines_in_limits", "197,000 lines of 1 character, under Limits.max_lines",
     lambda d: h.make_short_lines(d / "short1.txt", 750_000, width=1)),
    ("pdf_inflate_bomb", "content stream inflating to 1 GB",
     lambda d: h.make_inflate_bomb_pdf(d / "bomb.pdf", 1_000_000_000)),
    ("pdf_bad_checksum_bomb", "the same stream, 100 MB, with a bad checksum",
     lambda d: h.make_inflate_bomb_pdf(d / "bad_checksum.pdf", 100_000_000, bad_checksum=True)),
    ("pdf_dense_page", "one page drawing 1,000,000 characters",
     lambda d: h.make_dense_page_pdf(d / "dense.pdf", 1_000_000)),
    ("pdf_scattered_lines", "one page of 100,000 one-character lines",
     lambda d: h.make_scattered_lines_pdf(d / "scattered.pdf", 100_000)),
    ("pdf_repeated_form", "a form of 1 MB drawn 1,000 times (2 KB file)",
     lambda d: h.make_repeated_form_pdf(d / "forms.pdf", 1_000, 1_000_000)),
    ("pdf_1000_pages", "1,000 full pages of text",
     lambda d: h.make_many_pages_pdf(d / "pages.pdf", 1_000)),
    ("docx_merged_table", "a table column merged down 3,000 rows",
     lambda d: h.make_merged_table_docx(d / "merged.docx", 3_000)),
    ("docx_lying_sizes", "headers declare 5,000 bytes, inflates to 1.7 GB",
     lambda d: h.make_lying_docx(d / "lying.docx", 1_700_000_000)),
]

_READ = """
import sys
import govreports as gr
r = gr.read_reports(sys.argv[1], errors="collect")
f = r.attrs["failures"]
print(f"{len(r)} report, {sum(map(len, r['text'])):,} chars" if len(r) else f"{f['error'][0]}: {f['reason'][0]}")
"""

# A parent per run: its RUSAGE_CHILDREN peak is that run's (and its workers') peak alone.
_MEASURE = """
import json, os, resource, signal, subprocess, sys, time
cmd, timeout = json.loads(sys.argv[1]), float(sys.argv[2])
t = time.perf_counter()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
try:
    out, err = p.communicate(timeout=timeout)
    timed_out = False
except subprocess.TimeoutExpired:
    os.killpg(p.pid, signal.SIGKILL)
    out, err = p.communicate()
    timed_out = True
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_mb": peak, "rc": p.returncode, "timed_out": timed_out, "out": out, "err": err}))
"""


def measure(cmd: list[str], timeout: float) -> dict:
    """Run ``cmd`` under a fresh parent; its wall time, peak RSS (MB), exit code and output."""
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(cmd), str(timeout)],
        capture_output=True, text=True, env=env, check=True,
    )
    return json.loads(done.stdout)


def outcome(stage: str, r: dict, path: Path, out: Path) -> str:
    """One phrase for the table: the result, or the error line."""
    if r["timed_out"]:
        return "killed at the timeout"
    lines = r["err"].splitlines()
    if "Traceback" in r["err"]:
        return f"traceback: {lines[-1][:80] if lines else ''}"
    if stage == "read":
        return r["out"].strip().replace(str(path), "PATH")[:110]
    if r["rc"] == 0:
        rows = max(sum(1 for _ in out.open(encoding="utf-8")) - 1, 0) if out.exists() else 0
        return f"exit 0, {rows:,} rows"
    mine = [ln for ln in lines if ln.startswith(f"{path}: ")]
    return f"exit {r['rc']}, {len(mine)} line: " + (mine[0].replace(str(path), "PATH")[:90] if mine else "none")


def run(names: list[str], timeout: float) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, what, build in INPUTS:
            if name not in names:
                continue
            sub = folder / name
            sub.mkdir()
            path = build(sub)
            out = sub / "out.csv"
            for stage, cmd in (
                ("read", [sys.executable, "-c", _READ, str(path)]),
                ("cli", [sys.executable, "-m", "govreports", "metrics", str(path), "-o", str(out)]),
            ):
                r = measure(cmd, timeout)
                ok = not r["timed_out"] and r["wall"] < BAR_S and r["peak_mb"] < BAR_MB and "Traceback" not in r["err"]
                rows.append({"input": name, "what": what, "size": path.stat().st_size, "stage": stage,
                             "wall": r["wall"], "peak_mb": r["peak_mb"], "timed_out": r["timed_out"],
                             "outcome": outcome(stage, r, path, out), "ok": ok})
                print(_row(rows[-1]), file=sys.stderr, flush=True)
    return rows


def _row(r: dict) -> str:
    wall = f"> {r['wall']:.0f}" if r["timed_out"] else f"{r['wall']:.1f}"
    return (f"| {r['input']} ({r['what']}) | {r['size'] / 1e3:,.0f} KB | {r['stage']} | {wall} | "
            f"{r['peak_mb']:,.0f} | {'yes' if r['ok'] else '**no**'} | {r['outcome']} |")


def table(rows: list[dict]) -> str:
    head = ["| input | file | run | wall s | peak MB | < 20 s, < 1 GB | outcome |", "|---|---|---|---|---|---|---|"]
    return "\n".join(head + [_row(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="measure only the inputs whose name contains this")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed (default 120)")
    args = ap.parse_args(argv)
    names = [name for name, _, _ in INPUTS if args.only in name]
    rows = run(names, args.timeout)
    print(table(rows))
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
