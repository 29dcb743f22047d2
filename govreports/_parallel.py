"""Running a per-report function over many reports: in process, in a fork pool, or on dask.

Every batch function of govreports (``read_reports``, ``extract_metrics``,
``panel``, ``tokenize``, the CLI) maps a pure per-item function over its
inputs through :func:`run_map`, so results are identical, item for item and
in order, whatever ``jobs`` or ``engine`` is used.

* ``jobs=1`` runs in the calling process.
* ``jobs=N`` uses a process pool of N workers (at most one per CPU this
  process may use: more only compete for the same cores, so ``jobs`` is
  capped there with a :class:`~govreports.errors.GovReportsWarning`). On Linux it is a *fork* pool,
  kept and reused across calls (starting workers costs more than most
  batches on a small machine); results stream back in order with
  ``imap``, a few items per worker at a time, so memory is bounded by the
  items in flight, not by the batch.
* ``engine="dask"`` with a dask.distributed client (``distributed.Client(...)``
  made earlier in the process, or the CLI's ``--scheduler ADDRESS``) submits
  the items to the cluster and streams the results back in order, a bounded
  window of tasks in flight (two per worker thread), so neither the tasks nor
  the results pile up in the calling process; tasks not yet done when a map
  is abandoned are cancelled. Without a client, it maps the function over a
  ``dask.bag`` with the scheduler dask is configured to use
  (``pip install "govreports[scale]"``).

Interruption leaves no worker behind: workers ignore Ctrl-C (the calling
process handles it) and die with the default action of SIGTERM; when a map is
abandoned before its end (an exception, Ctrl-C, a consumer that stops), its
pool is terminated, busy workers included; on Linux a worker also gets
SIGTERM when the process that started it dies, even by SIGKILL.
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from ._util import check_option, progress
from .errors import GovReportsWarning, InvalidOptionError, OptionalDependencyError

__all__ = ["Engine", "available_cpus", "check_jobs", "dask_client", "run_map", "terminate_pools"]

T = TypeVar("T")
R = TypeVar("R")
Engine = Literal["processes", "dask"]

_POOLS: dict[int, Any] = {}


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def check_jobs(jobs: int | None, *, warn: bool = True) -> int:
    """Validate ``jobs``: a positive int, or ``-1``/``None`` for all cores.

    More jobs than :func:`available_cpus` are capped there (with a
    :class:`~govreports.errors.GovReportsWarning` unless ``warn=False``).
    """
    cpus = available_cpus()
    if jobs is None or jobs == -1:
        return cpus
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidOptionError("jobs", jobs, "a positive integer, or -1 for all cores")
    if jobs > cpus:
        if warn:
            warnings.warn(f"jobs={jobs} is more than the {cpus} CPUs available; using {cpus}",
                          GovReportsWarning, stacklevel=3)
        return cpus
    return jobs


def _init_worker(parent: int | None) -> None:
    """Set up a pool worker: Ctrl-C is the parent's to handle (a terminal sends
    it to every process of the group); SIGTERM kills (the parent may have
    turned it into an exception before forking); and on Linux, SIGTERM when
    the parent dies, so even a SIGKILLed run leaves no busy orphans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent is not None and sys.platform.startswith("linux"):
        try:
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)


def _pool(jobs: int):
    pool = _POOLS.get(jobs)
    if pool is None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        # The death signal follows the thread that forked: only the main
        # thread lives as long as the process (later workers come from the
        # pool's own thread, which lives as long as the pool).
        main = threading.current_thread() is threading.main_thread()
        parent = os.getpid() if main and method == "fork" else None
        pool = mp.get_context(method).Pool(jobs, initializer=_init_worker, initargs=(parent,))
        _POOLS[jobs] = pool
    return pool


@atexit.register
def terminate_pools() -> None:
    """Terminate every worker pool, busy workers included (at exit, and on
    interruption: no worker outlives the run)."""
    while _POOLS:
        _, pool = _POOLS.popitem()
        _terminate(pool)


def _drop_pool(jobs: int) -> None:
    pool = _POOLS.pop(jobs, None)
    if pool is not None:
        _terminate(pool)


#: Seconds ``Pool.terminate`` may take before its workers are killed outright.
_TERMINATE_WAIT = 10.0


def _terminate(pool: Any) -> None:
    """``pool.terminate()``, bounded: it can wait forever on the task queue's lock
    when a worker ended while holding it (seen once in a test run: the workers
    gone, the caller blocked); then the workers are killed and the pool left to
    its own threads, so that the caller goes on."""
    workers = list(getattr(pool, "_pool", None) or [])
    ender = threading.Thread(target=pool.terminate, name="govreports-pool-terminate", daemon=True)
    ender.start()
    ender.join(_TERMINATE_WAIT)
    if ender.is_alive():
        for worker in workers:
            if worker.is_alive():
                worker.kill()


def _imap(jobs: int, func: Callable[[T], R], items: Iterable[T], chunk: int) -> Iterator[R]:
    """The pool's ordered imap; the pool is terminated when the map does not run to its end."""
    done = False
    try:
        yield from _pool(jobs).imap(func, items, chunksize=chunk)
        done = True
    finally:
        if not done:  # workers must not go on with a batch nobody waits for
            _drop_pool(jobs)


def dask_client() -> Any | None:
    """The dask.distributed client this process is configured to use, or None.

    Only a client already made counts (``distributed.Client(...)``, or the
    CLI's ``--scheduler``); ``distributed`` is not imported when nothing has
    imported it, so a process without a cluster pays nothing.
    """
    if "distributed" not in sys.modules:
        return None
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):  # ValueError: no client
        return None


def _client_map(client: Any, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``func`` over ``items`` on a dask.distributed cluster, results in input order.

    At most two tasks per worker thread are in flight: the items are submitted
    as results come back, and each result is released on the cluster once
    yielded, so memory on both sides is bounded by the window, not the batch.
    """
    threads = sum(client.nthreads().values()) or 1
    window = max(2, 2 * threads)
    pending: deque = deque()
    try:
        for item in items:
            pending.append(client.submit(func, item, pure=False))
            if len(pending) >= window:
                future = pending.popleft()
                yield future.result()
                future.release()
        while pending:
            future = pending.popleft()
            yield future.result()
            future.release()
    finally:
        if pending:  # abandoned (an error, Ctrl-C, a consumer that stops): nobody waits for these
            client.cancel(list(pending))


def run_map(
    func: Callable[[T], R],
    items: Sequence[T] | Iterable[T],
    *,
    jobs: int | None = 1,
    engine: Engine = "processes",
    desc: str = "",
    progress_bar: bool | None = None,
    total: int | None = None,
) -> Iterator[R]:
    """Apply ``func`` to every item, yielding results in input order.

    Parameters
    ----------
    func
        A module-level (picklable) function of one item.
    items
        The items; a sequence or a lazy iterable (streamed).
    jobs
        Worker processes (1: in process; -1: all cores; at most the CPUs
        available, see :func:`check_jobs`).
    engine
        ``"processes"`` (a reused process pool) or ``"dask"`` (the
        dask.distributed client when one exists, see :func:`dask_client`;
        else dask.bag). ``jobs`` does not apply to a distributed client: its
        cluster decides.
    desc, progress_bar, total
        Progress bar label, switch and length.

    Returns
    -------
    iterator
        ``func(item)`` for each item, in order.
    """
    check_option("engine", engine, ["processes", "dask"])
    n = check_jobs(jobs)
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if engine == "dask":
        client = dask_client()
        if client is not None:
            return progress(_client_map(client, func, items), total=total or 0, desc=desc, enabled=progress_bar)
        try:
            import dask.bag as db
        except ImportError:
            raise OptionalDependencyError("dask", "scale", 'engine="dask"') from None
        seq = list(items)
        if not seq:
            return iter(())
        bag = db.from_sequence(seq, npartitions=min(len(seq), max(n, 1) * 4))
        return iter(bag.map(func).compute())
    if n == 1:
        return progress(map(func, items), total=total or 0, desc=desc, enabled=progress_bar)
    chunk = 1 if total is None else max(1, min(16, (total // (n * 8)) or 1))
    return progress(_imap(n, func, items, chunk), total=total or 0, desc=desc, enabled=progress_bar)
