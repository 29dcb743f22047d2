"""Running a per-report function over many reports: in process, in a fork pool, or on dask.

Every batch function of govreports (``read_reports``, ``extract_metrics``,
``panel``, ``tokenize``, the CLI) maps a pure per-item function over its
inputs through :func:`run_map`, so results are identical, item for item and
in order, whatever ``jobs`` or ``engine`` is used.

* ``jobs=1`` runs in the calling process.
* ``jobs=N`` uses a process pool of N workers. On Linux it is a *fork* pool,
  kept and reused across calls (starting workers costs more than most
  batches on a small machine); results stream back in order with
  ``imap``, a few items per worker at a time, so memory is bounded by the
  items in flight, not by the batch.
* ``engine="dask"`` maps the same function over a ``dask.bag`` with the
  scheduler dask is configured to use (``pip install "govreports[scale]"``).
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, TypeVar

from ._util import check_option, progress
from .errors import InvalidOptionError, OptionalDependencyError

__all__ = ["run_map", "Engine", "check_jobs"]

T = TypeVar("T")
R = TypeVar("R")
Engine = Literal["processes", "dask"]

_POOLS: dict[int, Any] = {}


def check_jobs(jobs: int | None) -> int:
    """Validate ``jobs``: a positive int, or ``-1``/``None`` for all cores."""
    if jobs is None or jobs == -1:
        return os.cpu_count() or 1
    if not isinstance(jobs, int) or jobs < 1:
        raise InvalidOptionError("jobs", jobs, "a positive integer, or -1 for all cores")
    return jobs


def _pool(jobs: int):
    pool = _POOLS.get(jobs)
    if pool is None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        pool = mp.get_context(method).Pool(jobs)
        _POOLS[jobs] = pool
    return pool


@atexit.register
def _close_pools() -> None:
    for pool in _POOLS.values():
        pool.terminate()
    _POOLS.clear()


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
        Worker processes (1: in process; -1: all cores).
    engine
        ``"processes"`` (a reused process pool) or ``"dask"`` (dask.bag).
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
    results = _pool(n).imap(func, items, chunksize=chunk)
    return progress(results, total=total or 0, desc=desc, enabled=progress_bar)
