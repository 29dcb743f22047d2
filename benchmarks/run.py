"""govreports benchmarks: speed as ratios against baselines measured in the same run.

Run from a checkout with the package installed::

    python benchmarks/run.py                 # everything (needs ../shared/corpora)
    python benchmarks/run.py --quick         # skip the whole-corpus runs
    python benchmarks/run.py --write-doc     # also rewrite the table in docs/performance.md

Measured:

1. figure extraction (``extract_metrics``) on the 300 first city reports of
   ``政府工作报告-其他地市`` as a ratio to plain ``jieba.lcut`` over the same texts
   (CPU time of this process; bar <= 0.20, goal <= 0.10);
2. the whole command a user runs: a ``govreports metrics FILES -o out.csv``
   process over the same 300 files (start-up, reading, cleaning, extraction,
   writing) as a ratio to a whole Python process that reads the same files
   and runs ``jieba.lcut`` over them (CPU time of each process, every cache
   warm for both, Python's bytecode cache among them; bar <= 0.20, goal <= 0.10);
3. the whole corpus through ``govreports metrics`` with ``--jobs 1`` and
   ``--jobs 2``: wall time and peak memory of the process tree;
4. tokenization: jieba engine vs rjieba engine vs the token cache, tokens/s;
5. ``import govreports``: time as a ratio to ``import pandas`` and the heavy
   modules it loads (goal: none).
"""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "lawtext-gov"
HEAVY = ["jieba", "matplotlib", "ipywidgets", "pdfplumber", "docx", "dask", "rjieba"]


def _city_files(n: int = 300) -> list[str]:
    return sorted(glob.glob(str(CORPUS / "政府工作报告-其他地市" / "*" / "*.md")))[:n]


def _city_reports(n: int = 300):
    import govreports as gr

    return gr.read_reports(_city_files(n))


def bench_extraction(reports) -> dict:
    import logging

    import jieba

    import govreports as gr

    jieba.setLogLevel(logging.ERROR)
    texts = list(reports["text"])
    jieba.lcut("预热")  # load jieba's dictionary outside the timing
    gr.extract_metrics(reports.head(2))
    best = None
    for _ in range(2):
        t = time.process_time()
        for text in texts:
            jieba.lcut(text)
        t_jieba = time.process_time() - t
        t = time.process_time()
        gr.extract_metrics(reports)
        t_metrics = time.process_time() - t
        ratio = t_metrics / t_jieba
        if best is None or ratio < best["ratio"]:
            best = {"jieba_s": t_jieba, "metrics_s": t_metrics, "ratio": ratio}
    best["chars"] = sum(map(len, texts))
    return best


_JIEBA_PROCESS = """
import logging, sys
import jieba
jieba.setLogLevel(logging.ERROR)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as fh:
        jieba.lcut(fh.read())
"""


def _child_cpu(cmd: list[str], env: dict | None = None) -> float:
    """CPU seconds (user + system) of one child process run to its end."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(env or os.environ, GOVREPORTS_PROGRESS="0"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _bytecode_env(prefix: Path) -> dict:
    """The environment with Python's bytecode cache on, kept under ``prefix`` for every
    module (the standard library's and jieba's too), as an installed package has it:
    a checkout run under ``PYTHONDONTWRITEBYTECODE`` compiles govreports from source
    on every start, while jieba's bytecode was written when pip installed it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    return env


def bench_end_to_end(files: list[str]) -> dict:
    """The whole ``govreports metrics`` process against a whole jieba process over the same
    files, each from interpreter start to exit, every cache warm for both: the file cache,
    jieba's dictionary cache and Python's bytecode cache (:func:`_bytecode_env`). The
    ``*_cold`` figures are the same in the environment as it is (under
    ``PYTHONDONTWRITEBYTECODE``, a checkout compiles its sources on every run)."""
    tmp = Path(tempfile.mkdtemp())
    out = tmp / "metrics.csv"
    ours = [sys.executable, "-m", "govreports", "metrics", *files, "--jobs", "1", "-o", str(out)]
    theirs = [sys.executable, "-c", _JIEBA_PROCESS, *files]
    best: dict = {"files": len(files)}
    for suffix, env in (("", _bytecode_env(tmp / "pycache")), ("_cold", None)):
        _child_cpu(theirs, env)  # warm the caches (the bytecode cache too: both are written here)
        _child_cpu(ours, env)
        for _ in range(2):
            t_jieba = _child_cpu(theirs, env)
            t_ours = _child_cpu(ours, env)
            if f"ratio{suffix}" not in best or t_ours / t_jieba < best[f"ratio{suffix}"]:
                best.update({f"jieba_s{suffix}": t_jieba, f"govreports_s{suffix}": t_ours,
                             f"ratio{suffix}": t_ours / t_jieba})
    return best


def _peak_rss(proc: subprocess.Popen) -> tuple[float, float]:
    """Wait for ``proc``; return (wall seconds, peak RSS of it and its children in MB)."""
    import psutil

    start = time.perf_counter()
    peak = 0
    p = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    return time.perf_counter() - start, peak / 2**20


def bench_corpus(jobs: int) -> dict:
    out = Path(tempfile.mkdtemp()) / "metrics.csv"
    cmd = [sys.executable, "-m", "govreports", "metrics", str(CORPUS), "--jobs", str(jobs), "-o", str(out)]
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()))
    reader.start()
    wall, peak = _peak_rss(proc)
    reader.join()
    rows = sum(1 for _ in out.open(encoding="utf-8")) - 1 if out.exists() else 0
    return {"jobs": jobs, "wall_s": wall, "peak_mb": peak, "rows": rows, "exit": proc.returncode,
            "stderr_lines": len(b"".join(err).decode().splitlines())}


def bench_tokens(reports) -> dict:
    import govreports as gr
    from govreports.text._tokens import clear_cache

    out = {}
    gr.tokenize(reports.head(1), cache=False)
    gr.tokenize(reports.head(1), tokenizer="rjieba", cache=False)
    for name, kwargs in (("jieba", {"tokenizer": "jieba"}), ("rjieba", {"tokenizer": "rjieba"})):
        clear_cache()
        t = time.perf_counter()
        toks = gr.tokenize(reports, cache=False, **kwargs)
        out[name] = len(toks) / (time.perf_counter() - t)
    clear_cache()
    gr.tokenize(reports)  # fill the cache
    t = time.perf_counter()
    toks = gr.tokenize(reports)
    out["cached"] = len(toks) / (time.perf_counter() - t)
    out["tokens"] = len(toks)
    return out


def bench_import() -> dict:
    code = (
        "import time,sys; t=time.perf_counter(); import {m}; d=time.perf_counter()-t; "
        "print(d); print(' '.join(x for x in {heavy!r} if x in sys.modules))"
    )
    res = {}
    for m in ("pandas", "govreports"):
        times = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", code.format(m=m, heavy=HEAVY)], capture_output=True,
                                 text=True, check=True).stdout.split("\n")
            times.append(float(out[0]))
            res[f"{m}_heavy"] = out[1].strip()
        res[m] = min(times)
    res["ratio"] = res["govreports"] / res["pandas"]
    return res


def table(results: dict) -> str:
    lines = ["| benchmark | measured | baseline (same run) | ratio / figure | bar / goal |", "|---|---|---|---|---|"]
    e = results.get("extraction")
    if e:
        lines.append(
            f"| figure extraction, 300 city reports ({e['chars'] / 1e6:.1f}M chars), CPU | "
            f"{e['metrics_s']:.2f} s | jieba.lcut {e['jieba_s']:.2f} s | **{e['ratio']:.3f}** | "
            "bar ≤ 0.20, goal ≤ 0.10 |"
        )
    w = results.get("end_to_end")
    if w:
        lines.append(
            f"| whole command, `govreports metrics` over the same {w['files']} files (process, CPU) | "
            f"{w['govreports_s']:.2f} s | whole `jieba.lcut` process {w['jieba_s']:.2f} s | **{w['ratio']:.3f}** | "
            "bar ≤ 0.20, goal ≤ 0.10 |"
        )
        lines.append(
            "| the same, without a bytecode cache (as a checkout runs under `PYTHONDONTWRITEBYTECODE`) | "
            f"{w['govreports_s_cold']:.2f} s | whole `jieba.lcut` process {w['jieba_s_cold']:.2f} s | "
            f"{w['ratio_cold']:.3f} | — |"
        )
    for c in results.get("corpus", []):
        lines.append(
            f"| whole corpus, `govreports metrics --jobs {c['jobs']}` | {c['wall_s']:.1f} s wall, "
            f"peak {c['peak_mb']:.0f} MB | — | {c['rows']:,} figures | goal < 60 s with 2 jobs, < 1 GB |"
        )
    t = results.get("tokens")
    if t:
        lines.append(
            f"| tokenize 300 city reports ({t['tokens']:,} tokens) | rjieba {t['rjieba']:,.0f} tok/s, "
            f"cached {t['cached']:,.0f} tok/s | jieba engine {t['jieba']:,.0f} tok/s | "
            f"rjieba ×{t['rjieba'] / t['jieba']:.1f}, cache ×{t['cached'] / t['jieba']:.1f} | — |"
        )
    i = results.get("import")
    if i:
        lines.append(
            f"| `import govreports` | {i['govreports'] * 1000:.0f} ms | `import pandas` {i['pandas'] * 1000:.0f} ms | "
            f"×{i['ratio']:.2f}; heavy modules loaded: {i['govreports_heavy'] or 'none'} | goal: none |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the whole-corpus runs")
    ap.add_argument("--write-doc", action="store_true", help="rewrite the results table in docs/performance.md")
    args = ap.parse_args(argv)
    os.environ["GOVREPORTS_PROGRESS"] = "0"
    results: dict = {"import": bench_import()}
    if CORPUS.is_dir():
        reports = _city_reports()
        results["extraction"] = bench_extraction(reports)
        results["end_to_end"] = bench_end_to_end(_city_files())
        results["tokens"] = bench_tokens(reports)
        if not args.quick:
            results["corpus"] = [bench_corpus(1), bench_corpus(2)]
    else:
        print(f"{CORPUS} is absent: only the import benchmark ran", file=sys.stderr)
    text = table(results)
    print(text)
    if args.write_doc:
        doc = ROOT / "docs" / "performance.md"
        body = doc.read_text(encoding="utf-8")
        begin, end = "<!-- results:begin -->", "<!-- results:end -->"
        if begin in body and end in body:
            body = body[: body.index(begin) + len(begin)] + "\n" + text + "\n" + body[body.index(end):]
            doc.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
