"""Small shared helpers: progress bars, column checks, option checks, safe output."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from . import _regex
from ._lazy import pandas as pd
from .errors import InvalidOptionError, MissingColumnsError, OutputPathError

T = TypeVar("T")

#: How much of a report's head is read for its review and plan headings: the
#: year they name (io) and the length of a multi-year review (extract).
HEADINGS_CHARS = 6000


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


# --------------------------------------------------------------------------- safe output
#
# Every file govreports writes (the CLI's outputs, write_table, write_report,
# split) goes through atomic_output: it is written under a hidden temporary
# name beside its destination and renamed over it only once complete. A failed
# or interrupted run therefore leaves the old file (or none), never a
# half-written one; a run killed outright (SIGKILL, power loss) can leave only
# a file named ``.NAME.partial-XXXXXXXX.EXT``, which says what it is and which
# no reader of govreports picks up (hidden). Two runs writing one output at
# once: the last to finish wins, and the file is whole (rename is atomic).

#: Bytes of a name kept in a file name we make (most file systems allow 255).
_NAME_BYTES = 150
_PARTIAL = ".partial-"


def _cut(name: str, limit: int = _NAME_BYTES) -> str:
    """``name`` cut to at most ``limit`` bytes of UTF-8, at a character boundary."""
    data = name.encode("utf-8", "surrogateescape")
    if len(data) <= limit:
        return name
    return data[:limit].decode("utf-8", "ignore")


def partial_path(path: str | os.PathLike[str]) -> Path:
    """The temporary name an output is written under until it is complete.

    Hidden, in the same folder (so the final rename is atomic), keeping the
    extension (writers choose their format by it) and saying what it is:
    ``.panel.partial-3f9a1c2e.csv`` for ``panel.csv``.
    """
    path = Path(path)
    suffix = path.suffix if len(path.suffix) <= 16 else ""
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    return path.with_name(f".{_cut(stem)}{_PARTIAL}{secrets.token_hex(4)}{suffix}")


def check_output_path(
    path: str | os.PathLike[str],
    *,
    folder: bool = False,
    may_replace: Callable[[Path], bool] | None = None,
    what: str = "an output of govreports",
) -> None:
    """Refuse an output path that cannot be written safely, before any work.

    Parameters
    ----------
    path
        The output (a file, or with ``folder=True`` a folder written whole).
    folder
        Whether the output is a folder replaced as a whole (a Parquet dataset).
    may_replace
        With ``folder=True``: whether an existing non-empty folder may be
        replaced (it holds nothing but an earlier output). Default: never.
    what
        What a replaceable folder holds, for the message.

    Raises
    ------
    OutputPathError
        A file is wanted and ``path`` is a folder; a folder is wanted and
        ``path`` is a file or a link, or a non-empty folder ``may_replace``
        refuses.
    """
    path = Path(path)
    _check_writable_folder(path)
    if not folder:
        if path.is_dir():
            raise OutputPathError(path, "is a folder; give a file name")
        return
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise OutputPathError(path, "is a file or a link, not a folder; give a new or empty folder")
    if path.is_dir() and any(path.iterdir()) and not (may_replace and may_replace(path)):
        raise OutputPathError(
            path, f"is a folder holding other files than {what}; give a new or empty folder (nothing was written)"
        )


def _check_writable_folder(path: Path) -> None:
    """The folder ``path`` goes into exists and is writable, or can be created in one that is."""
    folder = path.absolute().parent
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputPathError(path, f"cannot be written: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(path, f"cannot be written: folder {folder} is not writable")


@contextmanager
def atomic_output(
    path: str | os.PathLike[str],
    *,
    folder: bool = False,
    may_replace: Callable[[Path], bool] | None = None,
    what: str = "an output of govreports",
) -> Iterator[Path]:
    """Write an output under a temporary name; rename it into place on success.

    The block writes to the path this yields (a file already created, or an
    empty folder with ``folder=True``). When the block ends normally, the
    temporary is renamed to ``path``, replacing what was there: a symbolic
    link at ``path`` is replaced, not followed; an existing file's
    permissions are kept. When the block raises (an error, Ctrl-C, SIGTERM
    turned into an exception), the temporary is removed and ``path`` is as it
    was. The folder of ``path`` is created when missing.

    Parameters
    ----------
    path
        The destination.
    folder, may_replace, what
        As for :func:`check_output_path`, which is applied first (and again
        just before a folder is replaced).

    Yields
    ------
    pathlib.Path
        The temporary path to write to.

    Raises
    ------
    OutputPathError
        From :func:`check_output_path`; or, for a folder, when another run
        put its own output at ``path`` while this one was writing (that run's
        output is kept).
    """
    path = Path(path)
    check_output_path(path, folder=folder, may_replace=may_replace, what=what)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial_path(path)
    if folder:
        tmp.mkdir()
    else:
        tmp.open("xb").close()  # reserve the name
        if path.is_file() and not path.is_symlink():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
    try:
        yield tmp
        if folder:
            _replace_folder(tmp, path, may_replace=may_replace, what=what)
        else:
            os.replace(tmp, path)
    except BaseException:
        remove_partial(tmp)
        raise


def remove_partial(path: Path) -> None:
    """Remove a temporary output (file or folder), ignoring one already gone."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


def _replace_folder(tmp: Path, path: Path, *, may_replace: Callable[[Path], bool] | None, what: str) -> None:
    """Put the finished folder ``tmp`` at ``path``, moving an earlier output aside and removing it."""
    old = None
    if os.path.lexists(path):
        check_output_path(path, folder=True, may_replace=may_replace, what=what)
        old = path.with_name(f".{_cut(path.name)}.old-{secrets.token_hex(4)}")
        try:
            os.rename(path, old)
        except FileNotFoundError:  # another run moved it aside first
            old = None
    try:
        os.rename(tmp, path)  # fails when a folder with files appeared at path meanwhile
    except OSError as exc:
        if old is not None and not os.path.lexists(path):
            os.rename(old, path)
            old = None
        raise OutputPathError(
            path, f"another run wrote this output at the same time ({exc.strerror}); its output was kept, not this one"
        ) from None
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_files(folder: str | os.PathLike[str], *, last: Sequence[str] = (), name: str = "output") -> Iterator[Path]:
    """Write several files of one folder together: all or none.

    The block writes into a hidden staging folder inside ``folder``
    (``.output.partial-XXXXXXXX``); when it ends normally, each file written
    there is renamed to the same relative path in ``folder`` (replacing a file
    or a symbolic link there, never following one), the names in ``last``
    after all others (the page that refers to the rest), and the staging
    folder is removed. When the block raises, the staging folder is removed
    and ``folder`` is as it was. Files of ``folder`` not written are kept.

    Parameters
    ----------
    folder
        The destination folder (created when missing).
    last
        Relative paths to put in place last, in this order.
    name
        What the staging folder is called before ``.partial-``.

    Yields
    ------
    pathlib.Path
        The staging folder to write to.

    Raises
    ------
    OutputPathError
        If a sub-folder to write into exists in ``folder`` as a file or a
        symbolic link (checked again before anything is moved).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stage = partial_path(folder / name)
    stage.mkdir()
    try:
        yield stage
        files = sorted(p.relative_to(stage) for p in stage.rglob("*") if not p.is_dir())
        order = {name: i for i, name in enumerate(last)}
        files.sort(key=lambda rel: order.get(rel.as_posix(), -1))
        subfolders = sorted({rel.parent for rel in files if rel.parent != Path(".")})
        for sub in subfolders:
            check_subfolder(folder, sub)
        for sub in subfolders:
            (folder / sub).mkdir(parents=True, exist_ok=True)
        for rel in files:
            os.replace(stage / rel, folder / rel)
    finally:
        remove_partial(stage)


def check_subfolder(folder: Path, sub: str | os.PathLike[str]) -> None:
    """Refuse to write into ``folder/sub`` when any part of it is a file or a symbolic link."""
    here = folder
    for part in Path(sub).parts:
        here = here / part
        if here.is_symlink() or (here.exists() and not here.is_dir()):
            raise OutputPathError(here, "is a file or a symbolic link where a folder is written; move it away")


_UNSAFE_NAME = _regex.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f-\x9f]+')


def safe_file_names(names: Iterable[object], *, suffix: str = "") -> list[str]:
    """File names made from ids (report ids), unique by construction.

    Characters a file system or a shell treats specially (``\\ / : * ? " < > |``,
    whitespace, control characters) become ``_``; leading dots go (no hidden
    or parent names); a name is cut to 150 bytes of UTF-8 (file systems allow
    255); and a name already given in this call, compared case-insensitively
    (as macOS and Windows do), gets ``_2``, ``_3`` … until it is new. So
    ``2023_甲/镇``, ``2023_甲:镇`` and ``2023_甲_镇`` give three names.

    Parameters
    ----------
    names
        The ids, in order.
    suffix
        Appended to every name (``".txt"``).

    Returns
    -------
    list of str
        One file name per id, in the same order.

    Examples
    --------
    >>> safe_file_names(["2023_甲/镇", "2023_甲:镇", "2023_甲_镇", "2023_甲_镇_2"], suffix=".txt")
    ['2023_甲_镇.txt', '2023_甲_镇_2.txt', '2023_甲_镇_3.txt', '2023_甲_镇_2_2.txt']
    """
    taken: set[str] = set()
    out = []
    for name in names:
        base = _cut(_UNSAFE_NAME.sub("_", str(name)).lstrip(".")) or "report"
        candidate, n = base, 1
        while (candidate + suffix).casefold() in taken:
            n += 1
            candidate = f"{base}_{n}"
        taken.add((candidate + suffix).casefold())
        out.append(candidate + suffix)
    return out


_CONTROL = _regex.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """``text`` safe to print on a terminal on one line: control characters
    (escape codes, line breaks, NUL) shown as ``\\x1b``-style escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


#: What a spreadsheet reads as the start of a formula (=, +, -, @) or a field break (tab, CR).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each text cell that a spreadsheet would run as a formula (=, +, -, @, tab,
    CR first) written with a leading apostrophe (``'=HYPERLINK(…)``), as OWASP advises for CSV
    files meant to be opened in Excel, LibreOffice or WPS. Numbers are left alone (a negative
    growth stays -7.2), and so are other cells. A new frame; the input is not changed."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return out


def spreadsheet_value(text: str) -> str:
    """A cell read back from a file written with :func:`spreadsheet_safe`, without the apostrophe."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text
