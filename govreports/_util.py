"""Small shared helpers: progress bars, column checks, option checks."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

import pandas as pd

from .errors import InvalidOptionError, MissingColumnsError

T = TypeVar("T")


def progress_enabled(progress: bool | None, total: int) -> bool:
    """Decide whether to show a progress bar.

    ``progress=None`` (the default everywhere) shows one for long runs in a
    terminal or a live notebook, and stays silent when output is redirected,
    under nbval, or when ``GOVREPORTS_PROGRESS=0``.
    """
    if progress is not None:
        return progress
    env = os.environ.get("GOVREPORTS_PROGRESS")
    if env is not None:
        return env not in ("0", "false", "no", "")
    if total < 50:
        return False
    if "ipykernel" in sys.modules:
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def progress(iterable: Iterable[T], *, total: int, desc: str, enabled: bool | None = None) -> Iterator[T]:
    """Wrap an iterable in tqdm when :func:`progress_enabled` says so."""
    if not progress_enabled(enabled, total):
        yield from iterable
        return
    from tqdm.auto import tqdm

    yield from tqdm(iterable, total=total, desc=desc, leave=False, file=sys.stderr)


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise :class:`MissingColumnsError` when ``frame`` lacks ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumnsError(what, missing)


def check_option(name: str, value: object, valid: Sequence[object]) -> None:
    """Raise :class:`InvalidOptionError` unless ``value`` is one of ``valid``."""
    if value not in valid:
        raise InvalidOptionError(name, value, list(valid))


def text_hash(text: str) -> str:
    """A report's content key: the first 16 hex digits of the SHA-1 of its
    cleaned text. Offsets into the text plus this key name one figure for
    good, whatever the file is called (see :func:`govreports.apply_corrections`)."""
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
