"""Regular-expression helpers shared by the stages (standard library only), and
:func:`compile`, through which the package compiles its patterns."""

from __future__ import annotations

import _sre
import atexit
import json
import os
import re
import sys
import tempfile
import zlib
from collections.abc import Iterable, Mapping

try:  # (the compiler's modules: re._compiler and re._parser since Python 3.11)
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

__all__ = [
    "LeadScan", "compile", "find_led", "find_in_runs", "longest_first", "match_led", "matches_in", "program_cache_info",
    "runs_around",
]

# --------------------------------------------------------------------------- compiled programs
#
# Compiling the package's ~400 patterns is most of the time ``import govreports`` takes (0.15 of
# 0.2 s): nearly all hold Chinese characters in a class, for which ``re`` builds a bitmap of the
# whole Basic Multilingual Plane in Python. ``re`` keeps compiled patterns for a process only;
# :func:`compile` also keeps the compiled programs between runs, as Python keeps bytecode: in one
# file beside the bytecode of this module, written under the same rules (never under
# ``PYTHONDONTWRITEBYTECODE``; under ``PYTHONPYCACHEPREFIX`` when it is set). A program is the
# compiler's output for the pattern's exact text and flags on this very Python; the file is
# checked whole (its header and a checksum) and the engine validates every program it is given.
# Anything unexpected (another Python, a damaged file, a change in the compiler's private
# modules) falls back to ``re.compile``: patterns are then compiled as before, never wrongly.

_PROGRAMS_MAX = 5000  # programs kept in the file (the package's are about 400)
_HEADER = (sys.version, sys.maxunicode, getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0))


class _Programs:
    """The compiled programs of one process: those read from the file, those made here."""

    def __init__(self) -> None:
        self.path = _programs_path()
        self.known: dict[tuple[str, int], tuple] | None = None  # read on the first compile
        self.made: dict[tuple[str, int], tuple] = {}
        self.hits = self.misses = 0

    def get(self, key: tuple[str, int]) -> tuple | None:
        if self.known is None:
            self.known = _read_programs(self.path)
        return self.known.get(key)

    def add(self, key: tuple[str, int], program: tuple) -> None:
        if not self.made and self.path is not None and not sys.dont_write_bytecode:
            atexit.register(self.write)
        self.made[key] = program

    def write(self) -> None:
        """Write the programs read and made (atomically; silently not at all where it cannot)."""
        if not self.made or self.path is None or sys.dont_write_bytecode:
            return
        programs = {**(self.known or {}), **self.made}
        rows = [[source, flags, *program] for (source, flags), program in programs.items()][-_PROGRAMS_MAX:]
        body = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"python": _HEADER, "checksum": zlib.crc32(body)}).encode("utf-8")
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(self.path), prefix=".programs-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(head + b"\n" + body)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # a read-only install, a full disk: the next run compiles again


def _programs_path() -> str | None:
    """The file of compiled programs: beside this module's bytecode (None where Python keeps none)."""
    import importlib.util

    try:
        pyc = importlib.util.cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    return os.path.splitext(pyc)[0] + ".programs"


def _read_programs(path: str | None) -> dict[tuple[str, int], tuple]:
    """The programs of the file at ``path``; none when it is absent, damaged or of another Python.
    The file is two lines of JSON: a header (the Python that wrote it, the checksum of the
    second line) and the programs, each ``[pattern, flags, *the arguments of _sre.compile]``."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            head, _, body = fh.read().partition(b"\n")
        header = json.loads(head)
        if header.get("python") != list(_HEADER) or header.get("checksum") != zlib.crc32(body):
            return {}
        return {(source, flags): (final, code, groups, groupindex, tuple(indexgroup))
                for source, flags, final, code, groups, groupindex, indexgroup in json.loads(body)}
    except Exception:  # absent, unreadable or not ours: compile as if there were no file
        return {}


_PROGRAMS = _Programs()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, the compiled program kept between runs.

    Parameters
    ----------
    pattern
        A regular expression (text).
    flags
        ``re`` flags.

    Returns
    -------
    re.Pattern
        The compiled pattern: the same as ``re.compile`` gives.

    Examples
    --------
    >>> compile(r"(?P<n>\\d+)亿元").search("完成投资12亿元").group("n")
    '12'
    """
    flags = int(flags)
    key = (pattern, flags)
    program = _PROGRAMS.get(key)
    if program is not None:
        try:
            compiled = _sre.compile(pattern, *program)
            _PROGRAMS.hits += 1
            return compiled
        except Exception:  # not a program of this engine: compile anew
            pass
    _PROGRAMS.misses += 1
    try:
        compiled, program = _compiled_program(pattern, flags)
    except Exception:  # the compiler's private modules changed: as re compiles
        return re.compile(pattern, flags)
    _PROGRAMS.add(key, program)
    return compiled


_compile_cached = compile  # (inside this module: a call named compile would read as Python's builtin)


def _compiled_program(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple]:
    """Compile ``pattern`` as ``re``'s compiler does, keeping its program (the arguments of
    ``_sre.compile`` after the pattern, as plain ints, strings, dicts and tuples)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    state = parsed.state
    groupindex = dict(state.groupdict)
    indexgroup = [None] * state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    program = (int(flags | state.flags), code, state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *program), program


def program_cache_info() -> dict[str, object]:
    """Where the compiled programs are kept, and this process's hits and misses (for tests)."""
    return {"path": _PROGRAMS.path, "hits": _PROGRAMS.hits, "misses": _PROGRAMS.misses,
            "known": len(_PROGRAMS.known or {}), "made": len(_PROGRAMS.made)}


def longest_first(words: Iterable[str], after: Mapping[str, str] | None = None) -> str:
    """A pattern matching any of ``words``, the longest that fits winning.

    It matches what ``"|".join(sorted(words, key=len, reverse=True))`` matches
    (escaped), but is written as a trie (地区生产总值|地区生产 →
    ``地区生产(?:总值|)``), so the engine tests each character once instead of
    once per word, and every alternative at the top starts with a literal,
    which lets ``search`` skip to candidate characters. Two to three times
    faster on the alias and unit lists.

    Parameters
    ----------
    words
        The words.
    after
        Optional lookarounds that must hold right after a word
        (``{"人": "(?!民)"}``: 人 but not 人民).

    Returns
    -------
    str
        Pattern source, without an enclosing group.

    Examples
    --------
    >>> longest_first(["人", "人次", "元"])
    '人(?:次|)|元'
    >>> p = re.compile(longest_first(["人", "人次", "人民币"], {"人": "(?!民)"}))
    >>> [m.group() for m in p.finditer("人次 人民 人民币 人")]
    ['人次', '人民币', '人']
    """
    after = after or {}
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[None] = after.get(word, "")  # the word ends here

    def build(node: dict) -> str:
        # deeper words first, ending here last: the longest match wins
        alts = [re.escape(ch) + build(child) for ch, child in node.items() if ch is not None]
        if None in node:
            alts.append(node[None])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "|".join(re.escape(ch) + build(child) for ch, child in trie.items())


def find_led(pattern: re.Pattern[str], text: str, leads: Iterable[str]) -> list[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, for a pattern whose every match starts
    with one of ``leads`` (and none is empty).

    The leads are found with ``str.find`` and the pattern is tried only there: over a
    report, several times faster than the engine's scan when the first character of the
    pattern is one of a set (比/较, 19/20), which the engine tests at every position.

    Examples
    --------
    >>> p = re.compile(r"[比较](\\d+)年")
    >>> [m.group() for m in find_led(p, "比2020年和较2021年", ("比", "较"))]
    ['比2020年', '较2021年']
    """
    starts = set()
    for lead in leads:
        at = text.find(lead)
        while at >= 0:
            starts.add(at)
            at = text.find(lead, at + 1)
    return match_led(pattern, text, sorted(starts))


def match_led(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, for a pattern whose every match starts
    at one of ``starts`` (ascending; a position where none starts costs a try, nothing more).

    Examples
    --------
    >>> [m.group() for m in match_led(re.compile(r"\\d+"), "a12b3", [0, 1, 2, 4])]
    ['12', '3']
    """
    out = []
    end = 0
    match = pattern.match
    for at in starts:
        if at >= end:
            m = match(text, at)
            if m:
                out.append(m)
                end = m.end()
    return out


class LeadScan:
    """Where the leads of several patterns start in a text, found in one scan of it
    (instead of one ``str.find`` pass per lead): for :func:`match_led`.

    Parameters
    ----------
    leads
        Name → the leads of one pattern (as :func:`find_led` takes them).

    Examples
    --------
    >>> scan = LeadScan({"year": ("19", "20"), "base": ("比19", "比20")})
    >>> scan.starts("比2020年")
    {'year': [1, 3], 'base': [0]}
    """

    def __init__(self, leads: Mapping[str, Iterable[str]]) -> None:
        owners: dict[str, set[str]] = {}
        for name, words in leads.items():
            for word in words:
                owners.setdefault(word, set()).add(name)
        self.names = list(leads)
        # the longest lead starting at a position is found there; the others starting there are
        # its prefixes: each found lead stands for the names whose leads are prefixes of it
        self._owners = {
            word: [name for name in self.names if any(word.startswith(w) for w in owners if name in owners[w])]
            for word in owners
        }
        self._scan = _compile_cached(longest_first(owners))

    def starts(self, text: str) -> dict[str, list[int]]:
        """Name → the ascending positions in ``text`` where one of its leads starts."""
        out: dict[str, list[int]] = {name: [] for name in self.names}
        owners = self._owners
        search = self._scan.search  # (from each position found on: leads may overlap, 比2020 and 20)
        m = search(text)
        while m is not None:
            at = m.start()
            for name in owners[m.group()]:
                out[name].append(at)
            m = search(text, at + 1)
        return out


def find_in_runs(pattern: re.Pattern[str], text: str, anchor: str, chars: frozenset[str]) -> list[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, for a pattern without lookarounds or
    anchors whose every match holds ``anchor`` and only characters of ``chars``, white
    space or decimal digits (1-11月: digits, dashes and 月).

    The pattern is searched only in the runs of such characters around each ``anchor``
    (:func:`runs_around`).

    Examples
    --------
    >>> p = re.compile(r"\\d+\\s*月")
    >>> [m.group() for m in find_in_runs(p, "今年3月和11 月", "月", frozenset("月"))]
    ['3月', '11 月']
    """
    return matches_in(pattern, text, runs_around(text, anchor, chars))


def matches_in(pattern: re.Pattern[str], text: str, runs: Iterable[tuple[int, int]]) -> list[re.Match[str]]:
    """The matches of ``pattern.finditer`` in each of ``runs`` of ``text``, in order: what
    :func:`find_in_runs` gives for runs of :func:`runs_around` (or of a larger set of
    characters: several patterns searched in the same runs)."""
    out: list[re.Match[str]] = []
    finditer = pattern.finditer
    for lo, hi in runs:
        out += finditer(text, lo, hi)
    return out


def runs_around(text: str, anchor: str, chars: frozenset[str]) -> list[tuple[int, int]]:
    """The runs of ``text`` around each ``anchor`` made of it, characters of ``chars``,
    white space and decimal digits, as ``(start, end)`` (ascending, disjoint).

    Examples
    --------
    >>> runs_around("今年3月和11 月", "月", frozenset("月"))
    [(2, 4), (5, 9)]
    """
    def inside(ch: str) -> bool:
        return ch in chars or ch.isspace() or ch.isdecimal()

    out: list[tuple[int, int]] = []
    n = len(text)
    done = 0
    at = text.find(anchor)
    while at >= 0:
        if at >= done:
            lo, hi = at, at + len(anchor)
            while lo > 0 and inside(text[lo - 1]):
                lo -= 1
            while hi < n and inside(text[hi]):
                hi += 1
            out.append((lo, hi))
            done = hi
        at = text.find(anchor, at + 1)
    return out
