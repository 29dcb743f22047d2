"""Time and memory of the CLI on hostile or careless use of outputs, names and batches (issue 14).

Each case is generated in a temporary folder, small, and run as its own
``python -m govreports`` process; a case runs inside a fresh helper process so
that ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the peak resident
memory of that case alone (the largest process of the run: the command or one
of its workers). The tests (``tests/test_safe_output.py``) check what each
case does; this script only measures::

    python benchmarks/hostile_output.py            # a Markdown table on stdout
    python benchmarks/hostile_output.py --case sigterm

Wall times include starting Python and importing pandas (about a second).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# The cases are built as the tests build them (one generator for both)
from test_safe_output import BODY, _slow_inputs  # noqa: E402  (tests/ on sys.path first)
from test_safe_output import front_matter as _md  # noqa: E402  (tests/ on sys.path first)
from test_safe_output import run as _gr  # noqa: E402  (tests/ on sys.path first)

ENV = dict(os.environ, GOVREPORTS_PROGRESS="0")
OLD = "yesterday's output\n"


# Each case: set up in d, run, return (exit status, what happened in a few words).

def case_failed_run_keeps_output(d: Path) -> tuple[int, str]:
    out = d / "panel.csv"
    out.write_text(OLD)
    r = _gr("panel", str(d / "typo.txt"), "-o", str(out))
    return r.returncode, "output kept" if out.read_text() == OLD else "output LOST"


def case_output_is_input(d: Path) -> tuple[int, str]:
    a = _md(d / "a.txt", "甲镇")
    before = a.read_bytes()
    r = _gr("metrics", str(a), "-o", str(a))
    return r.returncode, f"input {'kept' if a.read_bytes() == before else 'DESTROYED'}"


def case_parquet_twice(d: Path) -> tuple[int, str]:
    import govreports as gr

    out = d / "p.parquet"
    _gr("panel", "--sample", "--format", "parquet", "-o", str(out))
    r = _gr("panel", "--sample", "--format", "parquet", "-o", str(out))
    return r.returncode, f"{len(gr.read_table(out))} rows"


def case_two_runs_one_output(d: Path) -> tuple[int, str]:
    import pandas as pd

    out = d / "p.csv"
    procs = [subprocess.Popen([sys.executable, "-m", "govreports", "panel", "--sample", "-o", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV) for _ in range(2)]
    codes = [p.wait() for p in procs]
    return max(codes), f"exit {codes}, {len(pd.read_csv(out))} rows"


def case_split_names(d: Path) -> tuple[int, str]:
    files = [_md(d / f"s{i}.md", r) for i, r in enumerate(["甲/镇", "甲:镇", "甲_镇"])]
    files += [_md(d / "long.md", "甲" * 300), _md(d / "nul.md", "乙\x00镇", bom=True)]
    r = _gr("split", *map(str, files), "--out", str(d / "out"))
    return r.returncode, f"{len(list((d / 'out').iterdir()))} files for 5 reports"


def case_split_out_is_a_file(d: Path) -> tuple[int, str]:
    (d / "taken").write_text("x")
    r = _gr("split", str(_md(d / "a.md", "甲镇")), "--out", str(d / "taken"))
    return r.returncode, "one line" if len(r.stderr.splitlines()) == 1 else "TRACEBACK"


def case_ids(d: Path) -> tuple[int, str]:
    for name, region in zip("abc", ["甲镇_2", "甲镇", "甲镇"]):
        _md(d / f"{name}.md", region)
    r = _gr("info", str(d))
    ids = [ln.split("\t")[0] for ln in r.stdout.splitlines()]
    return r.returncode, f"{len(set(ids))} ids for {len(ids)} reports"


def case_huge_year(d: Path) -> tuple[int, str]:
    r = _gr("info", str(_md(d / "a.md", "甲镇", "99999999999999999999")), str(_md(d / "b.md", "乙镇")))
    return r.returncode, f"{len(r.stderr.splitlines())} line(s), {len(r.stdout.splitlines())} report(s)"


def case_max_mb_inf(d: Path) -> tuple[int, str]:
    r = _gr("info", "--sample", "--max-mb", "inf")
    return r.returncode, "usage error" if "finite" in r.stderr else "?"


def case_long_missing_path(d: Path) -> tuple[int, str]:
    r = _gr("info", str(d / ("x" * 300)), str(_md(d / "b.md", "乙镇")))
    return r.returncode, f"{len(r.stderr.splitlines())} line(s), {len(r.stdout.splitlines())} report(s)"


def case_jobs_100(d: Path) -> tuple[int, str]:
    r = _gr("panel", "--sample", "--jobs", "100", "-o", str(d / "p.csv"))
    return r.returncode, r.stderr.strip().split("; ")[-1]


def case_report_dollar_and_link(d: Path) -> tuple[int, str]:
    a = d / "a.md"
    a.write_text("---\nregion: 甲$^$镇\nyear: 2023\n---\n甲$^$镇2023年政府工作报告\n" + BODY, encoding="utf-8")
    b = d / "b.md"
    b.write_text("---\nregion: 乙$x$镇\nyear: 2023\n---\n乙$x$镇2023年政府工作报告\n" + BODY, encoding="utf-8")
    site = d / "site"
    site.mkdir()
    victim = d / "victim.csv"
    victim.write_text(OLD)
    (site / "metrics.csv").symlink_to(victim)
    r = _gr("report", str(a), str(b), "--out", str(site))
    return r.returncode, "link target kept" if victim.read_text() == OLD else "link target OVERWRITTEN"


def _interrupted(d: Path, sig: int) -> tuple[int, str]:
    inputs = _slow_inputs(d / "in")
    out = d / "m.csv"
    out.write_text(OLD)
    p = subprocess.Popen([sys.executable, "-m", "govreports", "metrics", str(inputs), "--jobs", "2", "-o", str(out)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, start_new_session=True)
    while p.poll() is None and not any(f.stat().st_size for f in d.glob(".m.partial-*")):
        time.sleep(0.05)
    t = time.perf_counter()
    os.killpg(p.pid, sig)
    code = p.wait()
    stop = time.perf_counter() - t
    kept = "kept" if out.read_text() == OLD else "LOST"
    return code, f"stopped {stop:.2f} s after the signal; output {kept}"


def case_sigterm(d: Path) -> tuple[int, str]:
    return _interrupted(d, signal.SIGTERM)


def case_ctrl_c(d: Path) -> tuple[int, str]:
    return _interrupted(d, signal.SIGINT)


CASES: dict[str, Callable[[Path], tuple[int, str]]] = {
    name[5:]: func for name, func in sorted(globals().items()) if name.startswith("case_")
}


def run_one(name: str) -> dict:
    """Run one case in this process (a fresh helper): its exit status, note, wall time and peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        code, note = CASES[name](Path(tmp))
        wall = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"case": name, "exit": code, "note": note, "seconds": round(wall, 2), "peak_mb": round(peak_kb / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="only these cases")
    parser.add_argument("--one", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one), ensure_ascii=False))
        return
    print("| case | exit | what happened | wall s | peak RSS MB |")
    print("|---|---|---|---|---|")
    for name in args.case or sorted(CASES):
        r = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True, env=ENV)
        if r.returncode != 0:
            print(f"| {name} | helper failed | {r.stderr.strip().splitlines()[-1:]} | | |")
            continue
        row = json.loads(r.stdout)
        print(f"| {row['case']} | {row['exit']} | {row['note']} | {row['seconds']} | {row['peak_mb']} |", flush=True)


if __name__ == "__main__":
    main()
