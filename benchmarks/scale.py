"""The scale run (issue 17): govreports metrics over a corpus ten times ../shared's.

Builds a synthetic corpus in a temporary folder (never committed, removed at
the end): every report of ``../shared/corpora/lawtext-gov`` re-used ten times,
the k-th copy under another region name (白城市 → 白城乙市 …, in the path and
the text), so every copy is a distinct report with its own id. Then measures,
each time as a whole ``govreports metrics`` process writing CSV:

1. incremental runs: ``--cache`` over an unchanged corpus, first and second
   run (the second must take under a tenth of the first);
2. throughput and memory on a two-worker dask.distributed cluster
   (``dask scheduler`` plus two ``dask worker`` processes, one thread each,
   on this machine; ``--scheduler``);
3. linearity, throughput and memory with ``--jobs 2`` over 1×, 2×, 5× and
   10× the corpus (linear when the time per report stays within 10%).

Each run: wall time, CPU time of the processes doing the work (the machine
may be shared: reports per CPU-second carry over, wall time does not), the
peak resident memory of the driver (the ``govreports`` process) and of each
worker (pool processes; a dask worker with its nanny), and whether the
outputs are byte-identical (cluster and cache against ``--jobs 2``). The
figures are printed as they come (and saved with ``--json``): Ctrl-C stops
a long run and keeps them.

Run from a checkout with the package installed (``pip install -e ".[scale]"``)::

    python benchmarks/scale.py                 # all of it (about 20 min on 2 idle cores)
    python benchmarks/scale.py --sizes 1 2     # a quicker look
    python benchmarks/scale.py --cache-size 10 # the cache runs over 10× too

Skips (exit status 0, one line) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "lawtext-gov"
MARKS = "甲乙丙丁戊己庚辛壬癸"
ENV = dict(os.environ, GOVREPORTS_PROGRESS="0")


def build_corpus(corpus: Path, out: Path, copies: int) -> list[Path]:
    """``copies`` folders, each the whole corpus under other region names; their paths."""
    files = sorted(p for p in corpus.rglob("*.md") if p.name.lower() != "readme.md")
    folders = []
    for k in range(copies):
        folder = out / f"copy{k}"
        folders.append(folder)
        for path in files:
            rel = path.relative_to(corpus)
            text = path.read_text(encoding="utf-8")
            parts = list(rel.parts)
            if k and len(parts) == 3:  # <category>/<region>/<year>.md: the k-th copy's region
                region = parts[1]
                new = region[:-1] + MARKS[k] + region[-1] if len(region) > 1 else region + MARKS[k]
                text = text.replace(region, new)
                parts[1] = new
            dest = folder.joinpath(*parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
    return folders


class Peaks:
    """Peak resident memory of some processes (each with its children), sampled every 0.1 s."""

    def __init__(self, roots: dict[str, int]) -> None:
        import psutil

        self.psutil = psutil
        self.roots = roots
        self.peak = {name: 0 for name in roots}
        self.children: dict[int, int] = {}
        self.cpu: dict[int, float] = {}  # CPU seconds (user + system) last seen, per process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self, pid: int) -> int:
        try:
            proc = self.psutil.Process(pid)
            procs = [proc] + proc.children(recursive=True)
        except self.psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except self.psutil.Error:
                pass
        return total

    def _cpu(self, procs: list) -> None:
        for p in procs:
            try:
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
            except self.psutil.Error:
                pass

    def cpu_seconds(self) -> float:
        """CPU time of every process watched (the machine is shared: wall time alone misleads)."""
        return round(sum(self.cpu.values()), 1)

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self.roots.values():
                try:
                    proc = self.psutil.Process(pid)
                    self._cpu([proc] + proc.children(recursive=True))
                except self.psutil.Error:
                    pass
            for name, pid in self.roots.items():
                if name == "driver":  # the driver alone; its pool workers (with --jobs) separately
                    try:
                        proc = self.psutil.Process(pid)
                        rss = proc.memory_info().rss
                        kids = proc.children(recursive=True)
                    except self.psutil.Error:
                        continue
                    self.peak[name] = max(self.peak[name], rss)
                    for child in kids:
                        try:
                            self.children[child.pid] = max(self.children.get(child.pid, 0), child.memory_info().rss)
                        except self.psutil.Error:
                            pass
                else:
                    self.peak[name] = max(self.peak[name], self._tree_rss(pid))
            time.sleep(0.1)

    def __enter__(self) -> Peaks:  # noqa: PYI034 - Python 3.10 has no typing.Self
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_metrics(folders: list[Path], out: Path, *extra: str, watch: dict[str, int] | None = None) -> dict:
    """One ``govreports metrics`` process: wall time, peak memory (MB) and its output's rows."""
    cmd = [sys.executable, "-m", "govreports", "metrics", *map(str, folders), "-o", str(out), *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with Peaks({"driver": proc.pid, **(watch or {})}) as peaks:
        if watch:  # the cluster's workers ran before: count only this run's CPU time
            before = {}
            for pid in watch.values():
                p = peaks.psutil.Process(pid)
                for q in [p] + p.children(recursive=True):
                    times = q.cpu_times()
                    before[q.pid] = times.user + times.system
        _, err = proc.communicate()
    wall = time.perf_counter() - t
    cpu = peaks.cpu_seconds() - (round(sum(before.values()), 1) if watch else 0)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"govreports metrics failed ({proc.returncode}):\n{err}")
    with open(out, encoding="utf-8") as fh:
        rows = sum(1 for _ in fh) - 1
    mb = {k: round(v / 2**20) for k, v in peaks.peak.items()}
    if peaks.children:
        mb["pool_workers"] = sorted(round(v / 2**20) for v in peaks.children.values())
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "rows": rows, "peak_mb": mb,
            "stderr_tail": err.strip().splitlines()[-1:]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_cluster(log: Path) -> tuple[str, list[subprocess.Popen]]:
    """``dask scheduler`` and two ``dask worker`` processes (one thread each) on this machine."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    fh = open(log, "w")  # noqa: SIM115 - open for the cluster's lifetime
    procs = [subprocess.Popen(dask + ["--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"],
                              stdout=fh, stderr=fh, env=ENV)]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--nworkers", "1",
              "--memory-limit", "2GiB", "--no-dashboard"]
    procs += [subprocess.Popen(worker + ["--name", f"w{i}"], stdout=fh, stderr=fh, env=ENV) for i in range(2)]
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)
    return address, procs


def stop(procs: list[subprocess.Popen]) -> None:
    for p in reversed(procs):
        p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 5, 10], help="corpus multiples (max 10)")
    ap.add_argument("--cluster-size", type=int, default=10, help="multiple run on the two-worker cluster")
    ap.add_argument("--cache-size", type=int, default=2, help="multiple run twice with --cache")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus multiplied (default: lawtext-gov)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"scale: corpus not found at {args.corpus}; skipped")
        return 0
    copies = max(args.sizes + [args.cluster_size, args.cache_size])
    if copies > len(MARKS):
        ap.error(f"at most {len(MARKS)}× the corpus")
    tmp = Path(tempfile.mkdtemp(prefix="govreports-scale-"))
    results: dict = {"cpus": os.cpu_count()}

    def save() -> None:
        if args.json:  # after every step: a long run stopped early keeps what it measured
            Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")

    try:
        t = time.perf_counter()
        folders = build_corpus(args.corpus, tmp / "corpus", copies)
        n1 = sum(1 for _ in folders[0].rglob("*.md"))
        results["reports_1x"] = n1
        print(f"corpus: {copies} × {n1} files built in {time.perf_counter() - t:.0f} s", flush=True)
        results["jobs2"] = {}
        size = args.cache_size
        cache = tmp / "cache"
        first = run_metrics(folders[:size], tmp / "cache1.csv", "--jobs", "2", "--cache", str(cache))
        second = run_metrics(folders[:size], tmp / "cache2.csv", "--jobs", "2", "--cache", str(cache))
        results["cache"] = {"size": size, "first": first, "second": second,
                            "ratio": round(second["wall_s"] / first["wall_s"], 3),
                            "same_rows": (tmp / "cache1.csv").read_bytes() == (tmp / "cache2.csv").read_bytes(),
                            "cache_mb": round(sum(p.stat().st_size for p in cache.rglob("*.json")) / 2**20)}
        print(f"cache, {size}×: {json.dumps(results['cache'], ensure_ascii=False)}", flush=True)
        save()
        address, procs = start_cluster(tmp / "cluster.log")
        try:
            import psutil

            watch = {f"worker{i}": p.pid for i, p in enumerate(procs[1:])}
            csize = args.cluster_size
            r = run_metrics(folders[:csize], tmp / f"cluster_{csize}.csv", "--scheduler", address, watch=watch)
            r["reports_per_s"] = round(csize * n1 / r["wall_s"], 1)
            r["reports_per_cpu_s"] = round(csize * n1 / r["cpu_s"], 1)
            r["scheduler_mb"] = round(psutil.Process(procs[0].pid).memory_info().rss / 2**20)
            results["cluster"] = {csize: r}
            print(f"cluster, {csize}×: {json.dumps(r, ensure_ascii=False)}", flush=True)
            save()
        finally:
            stop(procs)
        for size in args.sizes:
            r = run_metrics(folders[:size], tmp / f"jobs2_{size}.csv", "--jobs", "2")
            r["reports_per_s"] = round(size * n1 / r["wall_s"], 1)
            r["reports_per_cpu_s"] = round(size * n1 / r["cpu_s"], 1)
            results["jobs2"][size] = r
            print(f"--jobs 2, {size}×: {json.dumps(r, ensure_ascii=False)}", flush=True)
            out = (tmp / f"jobs2_{size}.csv").read_bytes()
            if size == args.cluster_size:
                results["cluster_same_rows_as_jobs2"] = same = (tmp / f"cluster_{size}.csv").read_bytes() == out
                print(f"cluster output identical to --jobs 2: {same}", flush=True)
            if size == args.cache_size:
                results["cache"]["same_rows_as_no_cache"] = same = (tmp / "cache1.csv").read_bytes() == out
                print(f"cached output identical to no cache: {same}", flush=True)
            del out
            save()
        for what in ("wall_s", "cpu_s"):
            per = {s: r[what] / s for s, r in results["jobs2"].items()}
            base = per[min(per)]
            results[f"linearity_{what}"] = {s: round(v / base, 3) for s, v in per.items()}
            print(f"{what} per corpus, relative to {min(per)}×: {results[f'linearity_{what}']}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
