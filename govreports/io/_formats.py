"""Per-format readers: a file in, raw report text and format metadata out.

Each reader returns a :class:`RawDocument`; cleaning, compilation splitting
and metadata inference happen afterwards, the same way for every format.
Optional parsers (pdfplumber, python-docx) are imported only when a file of
that type is read.
"""

from __future__ import annotations

import bisect
import contextvars
import copy
import io
import re
import threading
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from .. import _regex
from ..errors import (
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    NoReportsFoundError,
    NoTextLayerError,
    OptionalDependencyError,
    ReportFileError,
    UnsupportedFormatError,
)
from ._clean import decode_bytes

__all__ = ["RawDocument", "Limits", "read_document", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
}


@dataclass(frozen=True)
class Limits:
    """Resource limits applied while reading files.

    Each bounds what one file can cost whatever the file says about itself:
    sizes declared in zip headers or implied by compressed streams are not
    trusted, the bytes are counted as they are unpacked. A file over a limit
    fails with :class:`~govreports.errors.FileTooLargeError` (or
    :class:`~govreports.errors.CorruptFileError` for a .docx whose headers
    understate what it unpacks to).

    Parameters
    ----------
    max_bytes
        Largest file read, in bytes (default 50 MB).
    max_docx_uncompressed
        Largest total uncompressed size of a .docx archive (zip-bomb guard,
        default 200 MB).
    max_pdf_pages
        Most pages read from one PDF (default 600: a compilation of some forty
        reports; a longer PDF is refused at once, before any page is read).
    max_pdf_uncompressed
        Most bytes the compressed streams of one PDF may unpack to, all
        streams together (default 200 MB).
    max_pdf_page_objects
        Most characters, lines, curves, images and forms drawn on one PDF
        page (default 200,000: a dense page of text holds a few thousand).
    max_pdf_objects
        Most characters, lines, curves, images and forms drawn in one PDF, all
        pages together (default 1,000,000: a report of 100 pages holds about
        150,000). It bounds time: pdfminer builds some 60,000 a second.
    max_pdf_content
        Most bytes of drawing instructions run while reading one PDF, a form
        counted each time it is drawn and a run of very short instructions
        (``q Q q Q …``) counted as four bytes a word (default 8 MB: a dense
        page of text holds 10 to 60 KB). It bounds time: pdfminer runs 0.5 to
        1 MB of instructions a second.
    max_html_elements
        Most elements in one HTML page (default 1,000,000: a long report page
        holds a few thousand).
    max_chars
        Most characters of text read from one file, whatever its format
        (default 5,000,000: the longest of 3,004 real reports holds some
        57,000, a compilation of forty long reports 2 million). It bounds
        the cleaning and extraction of one file, a compilation's reports
        counted together: for a longer compilation raise it, or split the file.
    max_lines
        Most lines of text read from one file (default 200,000: a real report
        holds a few hundred paragraphs, a 600-page PDF some 30,000 lines).
        It bounds a file of millions of very short lines, each a paragraph to
        clean, segment and search for figures, which ``max_chars`` lets through.
    """

    max_bytes: int = 50_000_000
    max_docx_uncompressed: int = 200_000_000
    max_pdf_pages: int = 600
    max_pdf_uncompressed: int = 200_000_000
    max_pdf_page_objects: int = 200_000
    max_pdf_objects: int = 1_000_000
    max_pdf_content: int = 8_000_000
    max_html_elements: int = 1_000_000
    max_chars: int = 5_000_000
    max_lines: int = 200_000


@dataclass
class RawDocument:
    """What a format reader found in one file."""

    path: str
    format: str
    text: str
    encoding: str | None = None
    front_matter: dict[str, str] = field(default_factory=dict)
    title_hint: str | None = None
    flags: list[str] = field(default_factory=list)


def read_document(path: Path, *, limits: Limits = Limits()) -> RawDocument:
    """Read one file into a :class:`RawDocument`.

    Raises
    ------
    ReportFileError
        A subclass naming the file and the reason.
    """
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            path,
            f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        )
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise FileTooLargeError(path, f"is {size:,} bytes, over the limit of {limits.max_bytes:,} (Limits.max_bytes)")
    if size == 0:
        raise EmptyFileError(path, "empty file")
    doc = _READERS[fmt](path, limits)
    _check_text_size(path, doc.text, limits)
    return doc


def _check_text_size(path: Path, text: str, limits: Limits) -> None:
    """Refuse a text over :attr:`Limits.max_chars` or :attr:`Limits.max_lines` before it is cleaned."""
    if len(text) > limits.max_chars:
        raise FileTooLargeError(
            path, f"has {len(text):,} characters of text, over the limit of {limits.max_chars:,} (Limits.max_chars)"
        )
    # every way a line can end that cleaning turns into a line break
    # (each other break looked for before it is counted: most texts hold none)
    lines = 1 + text.count("\n")
    if "\r" in text:
        lines += text.count("\r") - text.count("\r\n")
    for brk in "\u2028\u2029":
        if brk in text:
            lines += text.count(brk)
    if lines > limits.max_lines:
        raise FileTooLargeError(
            path, f"has {lines:,} lines of text, over the limit of {limits.max_lines:,} (Limits.max_lines)"
        )


# --------------------------------------------------------------------------- text and Markdown

def _read_text(path: Path, limits: Limits) -> RawDocument:
    dec = decode_bytes(path.read_bytes(), path=path)
    return RawDocument(str(path), "text", dec.text, dec.encoding, flags=list(dec.flags))


_FRONT_MATTER = _regex.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_MD_HEADING = _regex.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
# paired emphasis only: a lone ** is a template placeholder (增长**%)
_EMPHASIS_MARK = _regex.compile(r"\*\*|__")
_EMPHASIS_NOT_AFTER_STARS = frozenset("%％万亿个")
_MD_QUOTE = _regex.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_MD_RULE = _regex.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)
# the delimiter row of a table (| --- | :---: |): markup, no text. Possessive
# quantifiers: no run of blanks can be split two ways (linear on a line of blanks)
_MD_TABLE_RULE = _regex.compile(
    r"^[ \t]*+\|?(?:[ \t]*+:?-{3,}+:?[ \t]*+\|)+(?:[ \t]*+:?-{3,}+:?)?[ \t]*+$", re.M
)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split simple YAML front matter (``key: value`` lines) from Markdown.

    Only flat string values are read; no YAML library (and no code) is run.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            meta[key.strip()] = value.strip().strip("'\"")
    return meta, text[m.end():]


def strip_markdown(text: str) -> str:
    r"""Remove Markdown markup but keep every word of the text.

    Linear in the length of the text whatever it holds: comments, images,
    links and emphasis are found by scanners that never search the same
    stretch twice (the regular expressions they replace, ``<!--.*?-->``,
    ``\[[^\]]*\]\([^)]*\)`` and ``\*\*(.+?)\*\*``, rescanned to the end of
    the text or line from every unclosed opener: quadratic).
    """
    # A mark's first character is looked for before the mark (see _find_run)
    if "<" in text:
        text = _strip_comments(text)
    if "[" in text:
        text = _strip_bracketed(text, "![", keep_label=False)
        text = _strip_bracketed(text, "[", keep_label=True)
    # each line pattern tries every line start: skipped when its mark is absent (most reports)
    dashes = _find_run(text, "---") >= 0  # (removing a rule's line makes no ---)
    if dashes or _find_run(text, "***") >= 0 or _find_run(text, "___") >= 0:
        text = _MD_RULE.sub("", text)
    if dashes and _find_run(text, "---") >= 0:
        text = _MD_TABLE_RULE.sub("", text)
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if ">" in text:
        text = _MD_QUOTE.sub("", text)
    return _strip_emphasis_lines(text)


def _strip_emphasis_lines(text: str) -> str:
    """``text`` with each line holding ``**`` or ``__`` through :func:`_strip_emphasis`: the
    lines are found from the marks (a line without one is its own result: most lines)."""
    stars = _find_run(text, "**")
    unders = _find_run(text, "__")
    if stars < 0 and unders < 0:
        return text
    parts: list[str] = []
    last = 0
    while stars >= 0 or unders >= 0:
        at = stars if unders < 0 or 0 <= stars < unders else unders
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        parts += [text[last:start], _strip_emphasis(text[start:end])]
        last = end
        if 0 <= stars < end:
            stars = _find_run(text, "**", end)
        if 0 <= unders < end:
            unders = _find_run(text, "__", end)
    parts.append(text[last:])
    return "".join(parts)


def _find_run(text: str, run: str, start: int = 0) -> int:
    """``text.find(run, start)``, found from the occurrences of the run's first character: a
    search for one character runs at memory speed, one for two or more some ten times slower,
    and the characters of Markdown's marks (``*``, ``-``, ``_``) are rare in a report."""
    first = run[0]
    at = text.find(first, start)
    while at >= 0 and not text.startswith(run, at):
        at = text.find(first, at + 1)
    return at


def _strip_comments(text: str) -> str:
    r"""Remove ``<!-- … -->`` comments (what ``re.sub(r"<!--.*?-->", "", text, flags=re.S)`` does)."""
    parts: list[str] = []
    last = 0
    while (start := text.find("<!--", last)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break  # no comment closes after this one, nor after any later opener
        parts.append(text[last:start])
        last = end + 3
    parts.append(text[last:])
    return "".join(parts)


def _strip_bracketed(text: str, opener: str, *, keep_label: bool) -> str:
    r"""Replace ``OPENER label](target)`` by the label (links) or nothing (images).

    Does what ``re.sub(re.escape(opener) + r"([^\]]*)\]\([^)]*\)", …)`` does:
    a label runs to the first ``]`` after its opener, a target to the first
    ``)``. An opener whose ``]`` is not followed by ``(`` fails, and so does
    every opener before that ``]``: the search goes on after it.
    """
    parts: list[str] = []
    last = pos = 0
    while (start := text.find(opener, pos)) >= 0:
        close = text.find("]", start + len(opener))
        if close < 0:
            break  # no later opener finds a "]" either
        if not text.startswith("(", close + 1):
            pos = close + 1
            continue
        end = text.find(")", close + 2)
        if end < 0:
            break  # no later opener finds a ")" either
        parts.append(text[last:start])
        if keep_label:
            parts.append(text[start + len(opener):close])
        last = pos = end + 1
    parts.append(text[last:])
    return "".join(parts)


def _strip_emphasis(line: str) -> str:
    r"""Unwrap ``**bold**`` and ``__bold__`` in one line.

    Does what ``\*\*(?![%％万亿个])(?=\S)([^\n]+?)(?<=\S)\*\*|__(?=\S)([^\n]+?)(?<=\S)__``
    did: an opener is followed by a non-blank (for ``**`` not one of
    ``%％万亿个``: 增长**%), and pairs with the first closer at least one
    character on whose preceding character is not blank. Closers are listed
    once, so an opener without one costs a look-up, not a scan to the end of
    the line.
    """
    closers: dict[str, list[int]] = {"*": [], "_": []}
    for m in _EMPHASIS_MARK.finditer(line):  # non-overlapping: add the overlapping ones of ***
        for j in (m.start(), m.start() + 1):
            if j and line.startswith(m.group(), j) and not line[j - 1].isspace():
                found = closers[m.group()[0]]
                if not found or found[-1] < j:
                    found.append(j)
    parts: list[str] = []
    last = pos = 0
    while (m := _EMPHASIS_MARK.search(line, pos)) is not None:
        start = m.start()
        mark = line[start]
        first = line[start + 2:start + 3]
        if first and not first.isspace() and not (mark == "*" and first in _EMPHASIS_NOT_AFTER_STARS):
            found = closers[mark]
            k = bisect.bisect_left(found, start + 3)
            if k < len(found):
                end = found[k]
                parts += [line[last:start], line[start + 2:end]]
                last = pos = end + 2
                continue
        pos = start + 1
    parts.append(line[last:])
    return "".join(parts)


def _read_markdown(path: Path, limits: Limits) -> RawDocument:
    dec = decode_bytes(path.read_bytes(), path=path)
    meta, body = parse_front_matter(dec.text)
    return RawDocument(
        str(path), "markdown", strip_markdown(body), dec.encoding, meta, meta.get("title"), list(dec.flags)
    )


# --------------------------------------------------------------------------- docx

_ZIP_CHUNK = 1 << 20


def _check_docx_parts(zf: zipfile.ZipFile, path: Path) -> None:
    """Unpack every part once, a chunk at a time, and fail on one that unpacks
    to more than its header declares.

    The limit check adds up declared sizes; python-docx then unpacks each
    part in one piece, so a part that declares 5,000 bytes but inflates to
    1.7 GB took 2.2 GB of memory. Counted here, it stops after its declared
    size and one chunk.
    """
    for info in zf.infolist():
        if info.is_dir():
            continue
        # let zipfile read past the declared size (it would cut there, silently)
        probe = copy.copy(info)
        probe.file_size = info.file_size + _ZIP_CHUNK + 1
        unpacked = 0
        try:
            with zf.open(probe) as part:
                while chunk := part.read(_ZIP_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > info.file_size:
                        raise CorruptFileError(
                            path,
                            f"could not be parsed as .docx: {info.filename} unpacks to more than the "
                            f"{info.file_size:,} bytes its zip header declares (a zip bomb?)",
                        )
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            raise CorruptFileError(path, f"could not be parsed as .docx ({type(exc).__name__})") from None


def _docx_table_rows(table: Any) -> Iterator[list[Any]]:
    """The cells of each row of a python-docx table, as ``row.cells`` gives them.

    A cell that continues a vertical merge is the cell it continues; python-docx
    finds that one by walking up the rows, one row at a time for each such
    cell (quadratic in a tall merge, a RecursionError past 1,000 rows). Here
    the cells of the row above are kept by their grid offset instead.
    """
    from docx.table import _Cell

    above: dict[int, tuple[Any, int]] = {}
    for row in table.rows:
        here: dict[int, tuple[Any, int]] = {}
        cells: list[Any] = []
        offset = row._tr.grid_before
        for tc in row._tr.tc_lst:
            if tc.vMerge == "continue":
                if offset not in above:  # nothing above to continue: python-docx decides (it raises)
                    cells = list(row.cells)
                    here = {}
                    break
                cell, span = above[offset]
            else:
                cell, span = _Cell(tc, table), tc.grid_span
            here[offset] = (cell, span)
            cells += [cell] * span
            offset += tc.grid_span
        above = here
        yield cells


def _read_docx(path: Path, limits: Limits) -> RawDocument:
    data = path.read_bytes()  # at most Limits.max_bytes; read once, checked and parsed the same
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > limits.max_docx_uncompressed:
                raise FileTooLargeError(
                    path,
                    f"unpacks to {total:,} bytes, over the limit of {limits.max_docx_uncompressed:,} "
                    "(a zip bomb? Limits.max_docx_uncompressed)",
                )
            if "word/document.xml" not in zf.namelist():
                raise CorruptFileError(path, "is a zip archive but not a Word document (no word/document.xml)")
            _check_docx_parts(zf, path)
    except zipfile.BadZipFile:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise CorruptFileError(
                path, "is an encrypted .docx or an old binary .doc; save it as an unprotected .docx"
            ) from None
        raise CorruptFileError(path, "is not a valid .docx (not a zip archive)") from None
    try:
        import docx  # python-docx
    except ImportError:
        raise OptionalDependencyError("python-docx", "docx", "reading .docx files") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged parts
        raise CorruptFileError(path, f"could not be parsed as .docx ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in _docx_table_rows(table):
            cells = []
            for cell in row:
                t = cell.text.strip()
                if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                    cells.append(t)
            # cells keep a visible boundary: cleaning removes spaces next to
            # Chinese, and a plain space would let two numbers run together
            lines.append(" | ".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise NoTextLayerError(path, "the document has no text (only images?); run OCR first")
    props = document.core_properties
    return RawDocument(str(path), "docx", text, None, title_hint=props.title or None)


# --------------------------------------------------------------------------- pdf

_CID = _regex.compile(r"\(cid:\d+\)")


class _PdfBudget:
    """What reading one PDF may still cost.

    pdfminer unpacks a stream whole and keeps it, runs a form's drawing
    instructions each time the form is drawn, and builds an object for every
    character or line drawn, so none of it is bounded by the size of the
    file: a 1 MB stream can inflate to 1 GB, a few bytes draw a form of 1 MB
    a thousand times. :func:`_guard_pdfminer` makes pdfminer charge all three
    here while a PDF is read; the first charge over a limit raises.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.bytes_left = limits.max_pdf_uncompressed
        self.objects_left = limits.max_pdf_page_objects
        self.doc_objects_left = limits.max_pdf_objects
        self.content_left = limits.max_pdf_content
        self.page = 0
        self.exceeded: FileTooLargeError | None = None

    def start_page(self, number: int) -> None:
        self.page = number
        self.objects_left = self.limits.max_pdf_page_objects

    def check_bytes(self, n: int) -> None:
        """Fail if ``n`` more unpacked bytes would go over the limit."""
        if n > self.bytes_left:
            self._fail(
                f"unpacks to more than {self.limits.max_pdf_uncompressed:,} bytes of streams, over the limit "
                "(a decompression bomb? Limits.max_pdf_uncompressed)"
            )

    def take_bytes(self, n: int) -> None:
        self.check_bytes(n)
        self.bytes_left -= n

    def take_content(self, n: int) -> None:
        self.content_left -= n
        if self.content_left < 0:
            self._fail(
                f"runs more than {self.limits.max_pdf_content:,} bytes of drawing instructions (a form counted "
                "each time it is drawn), over the limit (Limits.max_pdf_content)"
            )

    def take_object(self) -> None:
        self.objects_left -= 1
        self.doc_objects_left -= 1
        if self.doc_objects_left < 0:
            self._fail(
                f"draws more than {self.limits.max_pdf_objects:,} characters, lines, images and forms in all, "
                "over the limit (Limits.max_pdf_objects)"
            )
        if self.objects_left < 0:
            self._fail(
                f"page {self.page:,} draws more than {self.limits.max_pdf_page_objects:,} characters, lines, "
                "images and forms, over the limit (Limits.max_pdf_page_objects)"
            )

    def _fail(self, reason: str) -> NoReturn:
        # kept: pdfminer swallows some exceptions, the reader checks afterwards
        if self.exceeded is None:
            self.exceeded = FileTooLargeError(self.path, reason)
        raise self.exceeded


#: Bytes of :attr:`Limits.max_pdf_content` one word of drawing instructions costs at least.
_WORD_COST = 4
#: The budget of the PDF being read in this thread (None: pdfminer unguarded).
_PDF_BUDGET: contextvars.ContextVar[_PdfBudget | None] = contextvars.ContextVar("govreports_pdf_budget", default=None)
_PDF_GUARD_LOCK = threading.Lock()
_PDF_ORIGINALS: dict[str, Any] = {}


def _inflate(data: bytes, *args: Any, **kwargs: Any) -> bytes:
    """``zlib.decompress`` for pdfminer, unpacking no more than the budget allows."""
    budget = _PDF_BUDGET.get()
    if budget is None or args or kwargs:
        return zlib.decompress(data, *args, **kwargs)
    d = zlib.decompressobj()
    out = d.decompress(data, max(budget.bytes_left, 0) + 1)
    budget.check_bytes(len(out))
    if not d.eof:  # zlib.decompress refuses a stream cut short; pdfminer then tries _decompress_corrupted
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    budget.take_bytes(len(out))
    return out


class _BudgetedZlib:
    """Stands in for the zlib module inside ``pdfminer.pdftypes``."""

    decompress = staticmethod(_inflate)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (a stream with a bad checksum), within
    the budget and linear: the original fed one byte at a time and appended to a
    bytes object (quadratic in what it unpacks)."""
    budget = _PDF_BUDGET.get()
    if budget is None:
        return _PDF_ORIGINALS["decompress_corrupted"](data)
    d = zlib.decompressobj()
    out = bytearray()

    def feed(chunk: bytes) -> None:
        while chunk:
            part = d.decompress(chunk, max(budget.bytes_left - len(out), 0) + 1)
            budget.check_bytes(len(out) + len(part))
            out.extend(part)
            chunk = d.unconsumed_tail

    # an error before the last four bytes (the checksum) fails the stream, as
    # it did byte by byte; in them it ends it with what was unpacked so far
    head = max(len(data) - 4, 0)
    feed(data[:head])
    for i in range(head, len(data)):
        try:
            feed(data[i:i + 1])
        except zlib.error:
            if i < len(data) - 3:
                raise
            import logging  # (here: only a damaged stream needs it)

            logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing corrupted data")
            break
    budget.take_bytes(len(out))
    return bytes(out)


def _lzwdecode(data: bytes) -> bytes:
    """pdfminer's ``lzwdecode`` within the budget."""
    budget = _PDF_BUDGET.get()
    if budget is None:
        return _PDF_ORIGINALS["lzwdecode"](data)
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for part in LZWDecoder(io.BytesIO(data)).run():
        out.extend(part)
        budget.check_bytes(len(out))
    budget.take_bytes(len(out))
    return bytes(out)


def _rldecode(data: bytes) -> bytes:
    """pdfminer's ``rldecode`` (RunLengthDecode) within the budget; the original
    built a list of ints, eight bytes for each byte it unpacked."""
    budget = _PDF_BUDGET.get()
    if budget is None:
        return _PDF_ORIGINALS["rldecode"](data)
    out = bytearray()
    i = 0
    while i < len(data) and data[i] != 128:  # 128, or the end, ends the data
        length = data[i]
        if length < 128:  # the next length + 1 bytes, literally
            if len(data) - i - 1 < length + 1:
                raise RuntimeError("generator raised StopIteration")  # what the original raised
            out += data[i + 1:i + 2 + length]
            i += 2 + length
        else:  # the next byte, 257 - length times
            if i + 1 >= len(data):
                raise StopIteration
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        budget.check_bytes(len(out))
    budget.take_bytes(len(out))
    return bytes(out)


def _guard_pdfminer() -> None:
    """Make pdfminer charge unpacked bytes, drawing instructions run and
    objects drawn to the budget of the PDF being read (once per process).

    The replacements behave exactly as pdfminer's own functions whenever no
    budget is set, so other code using pdfminer in the same process is not
    affected; the budget is a context variable, so threads reading PDFs at
    the same time each have their own.
    """
    with _PDF_GUARD_LOCK:
        if _PDF_ORIGINALS:
            return
        from pdfminer import layout, pdfinterp, pdftypes

        _PDF_ORIGINALS.update(
            zlib=pdftypes.zlib, decompress_corrupted=pdftypes.decompress_corrupted,
            lzwdecode=pdftypes.lzwdecode, rldecode=pdftypes.rldecode, add=layout.LTContainer.add,
            fillfp=pdfinterp.PDFContentParser.fillfp,
        )
        add = layout.LTContainer.add
        fillfp = pdfinterp.PDFContentParser.fillfp

        def guarded_add(self: Any, obj: Any) -> None:
            budget = _PDF_BUDGET.get()
            if budget is not None:
                budget.take_object()
            add(self, obj)

        def guarded_fillfp(self: Any) -> bool:
            started = fillfp(self)  # True when the parser moved on to the next content stream
            budget = _PDF_BUDGET.get()
            if started and budget is not None:
                data = self.fp.getvalue()
                # what parsing costs goes with the number of instructions: a run of very short
                # ones (q Q q Q …) is charged by its words (4 bytes each), text by its bytes
                budget.take_content(max(len(data), _WORD_COST * (data.count(b" ") + data.count(b"\n"))))
            return started

        pdftypes.zlib = _BudgetedZlib()
        pdftypes.decompress_corrupted = _decompress_corrupted
        pdftypes.lzwdecode = _lzwdecode
        pdftypes.rldecode = _rldecode
        layout.LTContainer.add = guarded_add
        pdfinterp.PDFContentParser.fillfp = guarded_fillfp


def _pdf_text_lines(page: Any) -> list[dict[str, Any]]:
    """What ``page.extract_text_lines(layout=False, strip=True)`` returns, from lean characters.

    pdfplumber turns every object on a page into a dict of twenty-odd
    attributes (colours resolved, …): half the time of reading a PDF, a
    minute for 1,000 full pages. Its text lines need seven of them, computed
    here as pdfplumber computes them; should a pdfplumber release need more,
    the page is read its own way.
    """
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.utils import chars_to_textmap

    if page.pdf.unicode_norm is not None:
        return page.extract_text_lines(layout=False, strip=True)
    height, doctop = page.height, page.initial_doctop
    x_shift, y_shift = page.mediabox[:2]
    chars: list[dict[str, Any]] = []
    stack = [iter(page.layout)]
    while stack:  # depth first, in drawing order: the objects of a form where it is drawn
        for obj in stack[-1]:
            if isinstance(obj, LTContainer):
                stack.append(iter(obj))
                break
            if isinstance(obj, LTChar):
                top = (height - obj.y1) + y_shift
                chars.append({
                    "text": obj.get_text(), "upright": obj.upright, "top": top, "doctop": doctop + top,
                    "bottom": (height - obj.y0) + y_shift, "x0": obj.x0 + x_shift, "x1": obj.x1 + x_shift,
                })
        else:
            stack.pop()
    try:
        textmap = chars_to_textmap(
            chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height, layout=False
        )
        return textmap.extract_text_lines(strip=True, return_chars=True)
    except KeyError:  # pragma: no cover - a pdfplumber reading more of each character
        return page.extract_text_lines(layout=False, strip=True)


def _pdf_page_text(page) -> str:
    """A page's text lines, with paragraph indentation kept.

    Chinese official documents indent each paragraph's first line by two
    characters; text extraction drops leading blanks, so the indentation is
    restored from the line's x position. It is what lets re-flow tell a
    paragraph start from a wrapped line.
    """
    lines = _pdf_text_lines(page)
    if not lines:
        return ""
    widths = sorted(
        (c["x1"] - c["x0"]) for ln in lines for c in ln.get("chars", [])[:20] if c["x1"] > c["x0"]
    )
    char_w = widths[len(widths) // 2] if widths else 10.0
    lefts = sorted(round(ln["x0"]) for ln in lines)
    # the left margin: the smallest x0 shared by several lines
    shared = Counter(lefts)
    margin = next((x for x in lefts if shared[x] >= 2), lefts[0])
    out = []
    for ln in lines:
        indent = ln["x0"] - margin >= 1.5 * char_w
        out.append(("\u3000\u3000" if indent else "") + ln["text"])
    return "\n".join(out)


def _pdf_page_count(pdf: Any, limit: int) -> int:
    """Pages of the PDF, counted up to ``limit + 1`` (no page object kept); over
    the limit, the count the page tree declares when it is larger."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    n = 0
    for _ in PDFPage.create_pages(pdf.doc):
        n += 1
        if n > limit:
            try:
                declared = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
            except Exception:  # a damaged page tree: the count found will do
                declared = 0
            return max(n, declared) if isinstance(declared, int) else n
    return n


def _pdf_pages(pdf: Any) -> Iterator[Any]:
    """The PDF's pages one at a time (``pdf.pages`` makes them all first)."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0
    for i, page_obj in enumerate(PDFPage.create_pages(pdf.doc)):
        page = Page(pdf, page_obj, page_number=i + 1, initial_doctop=doctop)
        doctop += page.height
        yield page


def _pdf_texts(path: Path, limits: Limits, budget: _PdfBudget) -> tuple[list[str], int]:
    """Each page's text, read one page at a time and released after it."""
    import pdfplumber

    pages: list[str] = []
    with path.open("rb") as fh:  # our file: pdf.close() would make every page object
        pdf = pdfplumber.open(fh)
        n_pages = _pdf_page_count(pdf, limits.max_pdf_pages)
        if n_pages > limits.max_pdf_pages:
            return pages, n_pages
        for page in _pdf_pages(pdf):
            budget.start_page(page.page_number)
            try:
                pages.append(_pdf_page_text(page))
            finally:
                page.close()  # its characters and layout: 2.8 GB for 1,000 pages when kept
            if budget.exceeded is not None:
                raise budget.exceeded
    return pages, n_pages


def _read_pdf(path: Path, limits: Limits) -> RawDocument:
    try:
        import pdfplumber  # noqa: F401
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise OptionalDependencyError("pdfplumber", "pdf", "reading .pdf files") from None
    with path.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise CorruptFileError(path, "is not a PDF (no %PDF header)")
    _guard_pdfminer()
    budget = _PdfBudget(path, limits)
    token = _PDF_BUDGET.set(budget)
    try:
        pages, n_pages = _pdf_texts(path, limits, budget)
    except PDFPasswordIncorrect:
        raise CorruptFileError(path, "is encrypted (password protected); decrypt it first") from None
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in its own
        if budget.exceeded is not None:
            raise budget.exceeded from None
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, ReportFileError):
            raise inner from None
        name = type(inner).__name__
        if (
            isinstance(inner, PDFPasswordIncorrect)
            or "password" in name.lower()
            or "encrypt" in (name + str(inner)).lower()
        ):
            raise CorruptFileError(path, "is encrypted (password protected); decrypt it first") from None
        if isinstance(inner, PDFSyntaxError) or isinstance(exc, (ValueError, KeyError, TypeError)):
            raise CorruptFileError(path, f"is a damaged PDF ({name})") from None
        raise CorruptFileError(path, f"is a damaged PDF ({name})") from None
    finally:
        _PDF_BUDGET.reset(token)
    if budget.exceeded is not None:
        raise budget.exceeded
    if n_pages > limits.max_pdf_pages:
        raise FileTooLargeError(
            path, f"has {n_pages:,} pages, over the limit of {limits.max_pdf_pages:,} (Limits.max_pdf_pages)"
        )
    text = "\n".join(pages)
    cids = len(_CID.findall(text))
    if cids and cids * 6 > len(text) * 0.3:
        # pdfminer could not map the fonts to Unicode ("(cid:2626)…"): never return that
        raise NoTextLayerError(
            path, "has fonts without a Unicode map (text comes out as (cid:N) codes); run OCR first, e.g. ocrmypdf"
        )
    if len(re.sub(r"\s", "", text)) < 20:
        raise NoTextLayerError(path, "has no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf")
    return RawDocument(str(path), "pdf", text)


# --------------------------------------------------------------------------- html

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "table", "ul", "ol", "td", "th", "blockquote", "pre", "center", "dd", "dt",
}
_SKIP_TAGS = {
    "script", "style", "nav", "header", "footer", "noscript", "select", "button", "form", "iframe", "svg", "aside",
}
_VOID_TAGS = {
    "br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track",
}
_NAV_HINT = _regex.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|banner|sidebar|share|position|location|toolbar|copyright|links?$", re.I
)
_CJK = _regex.compile(r"[\u4e00-\u9fff]")


_IMPLIED_CLOSE: dict[str, frozenset[str]] = {
    **{t: frozenset({"p"}) for t in ("p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                                      "pre", "section", "article", "center")},
    "li": frozenset({"li", "p"}),
    "tr": frozenset({"tr", "td", "th", "p"}),
    "td": frozenset({"td", "th", "p"}),
    "th": frozenset({"td", "th", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "option": frozenset({"option"}),
}


class _Node:
    __slots__ = ("tag", "parent", "children", "skip")

    def __init__(self, tag: str, parent: _Node | None, skip: bool) -> None:
        self.tag = tag
        self.parent = parent
        self.children: list[_Node | str] = []
        self.skip = skip


class _TreeBuilder:
    """A forgiving tree builder on the standard library's HTML parser (:meth:`parse`).

    The open elements are kept as a stack with a count per tag, so an end
    tag that closes nothing costs one look-up (walking up the tree for it
    made 40,000 stray end tags quadratic), and ``max_elements`` bounds the
    memory a page can take.
    """

    def __init__(self, path: Path, max_elements: int) -> None:
        self.root = _Node("root", None, False)
        self.cur = self.root
        self.title = ""
        self._in_title = False
        self._open: list[_Node] = []  # the path from the root to cur
        self._open_tags: dict[str, int] = {}
        self._elements = 0
        self._max_elements = max_elements
        self._path = path

    def parse(self, text: str) -> None:
        """Build the tree of the page ``text``."""
        # The parser is imported here, when a page is read (with html and its entities, 3 ms
        # of every run's start otherwise), and calls this builder's handlers: its own
        # handle_startendtag calls them too, and the handlers it has that this builder
        # lacks do nothing, as they did in a subclass.
        from html.parser import HTMLParser

        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = self.handle_starttag  # type: ignore[method-assign]
        parser.handle_endtag = self.handle_endtag  # type: ignore[method-assign]
        parser.handle_data = self.handle_data  # type: ignore[method-assign]
        parser.feed(text)
        parser.close()

    def _close_to(self, node: _Node) -> None:
        """Close ``node`` and every element opened inside it."""
        while True:
            top = self._open.pop()
            self._open_tags[top.tag] -= 1
            if top is node:
                break
        self.cur = node.parent  # type: ignore[assignment]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in _VOID_TAGS:
            if tag == "br":
                self.cur.children.append("\n")
            return
        self._elements += 1
        if self._elements > self._max_elements:
            raise FileTooLargeError(
                self._path,
                f"has more than {self._max_elements:,} HTML elements, over the limit (Limits.max_html_elements)",
            )
        # HTML's implied end tags: <p> closes an open <p>; <li>, <tr>, <td>
        # close their open siblings (old CMS pages never write </p>)
        closes = _IMPLIED_CLOSE.get(tag)
        if closes:
            node = self.cur
            depth = 0
            while node is not self.root and depth < 8:
                if node.tag in closes:
                    self._close_to(node)
                    break
                if node.tag in ("div", "table", "ul", "ol", "body", "section", "article"):
                    break
                node = node.parent  # type: ignore[assignment]
                depth += 1
        hint = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role"))
        skip = self.cur.skip or tag in _SKIP_TAGS or bool(
            hint and _NAV_HINT.search(hint) and tag in ("div", "ul", "section", "td", "table", "p", "span")
        )
        node = _Node(tag, self.cur, skip)
        self.cur.children.append(node)
        self.cur = node
        self._open.append(node)
        self._open_tags[tag] = self._open_tags.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if not self._open_tags.get(tag):
            return  # closes nothing that is open
        node = self.cur
        while node.tag != tag:
            node = node.parent  # type: ignore[assignment]
        self._close_to(node)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        else:
            self.cur.children.append(data)


def _node_text(node: _Node) -> str:
    """Text of an element, blocks on their own lines (iterative: no recursion limit)."""
    parts: list[str] = []
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        n = item  # type: ignore[assignment]
        if n.skip:  # type: ignore[union-attr]
            continue
        block = n.tag in _BLOCK_TAGS  # type: ignore[union-attr]
        if block:
            parts.append("\n")
            stack.append("\n")
        stack.extend(reversed(n.children))  # type: ignore[union-attr]
    return "".join(parts)


def _cjk_counts(root: _Node) -> dict[int, int]:
    """Chinese characters in each element's text (as :func:`_node_text` gives
    it), keyed by ``id(node)``: one pass over the tree, children before parents."""
    order: list[_Node] = []
    stack = [root]
    while stack:
        n = stack.pop()
        order.append(n)
        stack.extend(c for c in n.children if isinstance(c, _Node))
    counts: dict[int, int] = {}
    for n in reversed(order):
        counts[id(n)] = 0 if n.skip else sum(
            len(_CJK.findall(c)) if isinstance(c, str) else counts[id(c)] for c in n.children
        )
    return counts


def _best_container(root: _Node) -> _Node:
    """The element whose own block children hold the most Chinese text.

    A report body is a run of paragraphs under one parent; navigation and
    footers are many short links spread over other parents. Linear in the
    size of the tree (each element's count is computed once, not once per
    ancestor: 40,000 nested ``<span>`` were quadratic).
    """
    counts = _cjk_counts(root)
    best, best_score = root, -1
    stack = [root]
    while stack:
        n = stack.pop()
        if n.skip:
            continue
        score = 0
        for c in n.children:
            if isinstance(c, str):
                score += len(_CJK.findall(c))
            elif c.tag in ("p", "br", "span", "font", "strong", "b", "section") and not c.skip:
                cjk = counts[id(c)]
                if cjk >= 10:
                    score += cjk
        if score > best_score:
            best, best_score = n, score
        stack.extend(c for c in n.children if isinstance(c, _Node))
    return best


def _read_html(path: Path, limits: Limits) -> RawDocument:
    dec = decode_bytes(path.read_bytes(), path=path)
    import html  # (on first use, as the parser)

    builder = _TreeBuilder(path, limits.max_html_elements)
    builder.parse(dec.text)
    body = _best_container(builder.root)
    text = html.unescape(_node_text(body))
    if len(_CJK.findall(text)) < 200:
        raise NoReportsFoundError(
            path, "the HTML page holds no report body (fewer than 200 Chinese characters of text)"
        )
    title = re.sub(r"\s+", " ", builder.title).strip() or None
    return RawDocument(str(path), "html", text, dec.encoding, title_hint=title, flags=list(dec.flags))


_READERS = {
    "text": _read_text,
    "markdown": _read_markdown,
    "docx": _read_docx,
    "pdf": _read_pdf,
    "html": _read_html,
}
