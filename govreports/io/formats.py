"""Per-format readers: a file in, raw report text and format metadata out.

Each reader returns a :class:`RawDocument`; cleaning, compilation splitting
and metadata inference happen afterwards, the same way for every format.
Optional parsers (pdfplumber, python-docx) are imported only when a file of
that type is read.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..clean import decode_bytes
from ..errors import (
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    NoReportsFoundError,
    NoTextLayerError,
    OptionalDependencyError,
    UnsupportedFormatError,
)

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

    Parameters
    ----------
    max_bytes
        Largest file read, in bytes (default 50 MB).
    max_docx_uncompressed
        Largest total uncompressed size of a .docx archive (zip-bomb guard,
        default 200 MB).
    max_pdf_pages
        Most pages read from one PDF (default 1,000).
    """

    max_bytes: int = 50_000_000
    max_docx_uncompressed: int = 200_000_000
    max_pdf_pages: int = 1_000


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
            path, f"unsupported file type {path.suffix or '(none)'!r}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise FileTooLargeError(path, f"is {size:,} bytes, over the limit of {limits.max_bytes:,} (Limits.max_bytes)")
    if size == 0:
        raise EmptyFileError(path, "empty file")
    return _READERS[fmt](path, limits)


# --------------------------------------------------------------------------- text and Markdown

def _read_text(path: Path, limits: Limits) -> RawDocument:
    dec = decode_bytes(path.read_bytes(), path=path)
    return RawDocument(str(path), "text", dec.text, dec.encoding, flags=list(dec.flags))


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
# paired emphasis only: a lone ** is a template placeholder (增长**%)
_MD_EMPHASIS = re.compile(r"\*\*(?![%％万亿个])(?=\S)([^\n]+?)(?<=\S)\*\*|__(?=\S)([^\n]+?)(?<=\S)__")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_MD_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M)
# the delimiter row of a table (| --- | :---: |): markup, no text
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*$", re.M)


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
    """Remove Markdown markup but keep every word of the text."""
    text = _HTML_COMMENT.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_TABLE_RULE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    return text


def _read_markdown(path: Path, limits: Limits) -> RawDocument:
    dec = decode_bytes(path.read_bytes(), path=path)
    meta, body = parse_front_matter(dec.text)
    return RawDocument(
        str(path), "markdown", strip_markdown(body), dec.encoding, meta, meta.get("title"), list(dec.flags)
    )


# --------------------------------------------------------------------------- docx

def _read_docx(path: Path, limits: Limits) -> RawDocument:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > limits.max_docx_uncompressed:
                raise FileTooLargeError(
                    path,
                    f"unpacks to {total:,} bytes, over the limit of {limits.max_docx_uncompressed:,} "
                    "(a zip bomb? Limits.max_docx_uncompressed)",
                )
            if "word/document.xml" not in zf.namelist():
                raise CorruptFileError(path, "is a zip archive but not a Word document (no word/document.xml)")
    except zipfile.BadZipFile:
        head = path.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise CorruptFileError(
                path, "is an encrypted .docx or an old binary .doc; save it as an unprotected .docx"
            ) from None
        raise CorruptFileError(path, "is not a valid .docx (not a zip archive)") from None
    try:
        import docx  # python-docx
    except ImportError:
        raise OptionalDependencyError("python-docx", "docx", "reading .docx files") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for damaged parts
        raise CorruptFileError(path, f"could not be parsed as .docx ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
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

_CID = re.compile(r"\(cid:\d+\)")


def _pdf_page_text(page) -> str:
    """A page's text lines, with paragraph indentation kept.

    Chinese official documents indent each paragraph's first line by two
    characters; text extraction drops leading blanks, so the indentation is
    restored from the line's x position. It is what lets re-flow tell a
    paragraph start from a wrapped line.
    """
    lines = page.extract_text_lines(layout=False, strip=True)
    if not lines:
        return ""
    widths = sorted(
        (c["x1"] - c["x0"]) for ln in lines for c in ln.get("chars", [])[:20] if c["x1"] > c["x0"]
    )
    char_w = widths[len(widths) // 2] if widths else 10.0
    lefts = sorted(round(ln["x0"]) for ln in lines)
    # the left margin: the smallest x0 shared by several lines
    margin = next((x for x in lefts if lefts.count(x) >= 2), lefts[0])
    out = []
    for ln in lines:
        indent = ln["x0"] - margin >= 1.5 * char_w
        out.append(("\u3000\u3000" if indent else "") + ln["text"])
    return "\n".join(out)


def _read_pdf(path: Path, limits: Limits) -> RawDocument:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise OptionalDependencyError("pdfplumber", "pdf", "reading .pdf files") from None
    if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
        raise CorruptFileError(path, "is not a PDF (no %PDF header)")
    pages: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            n_pages = len(pdf.pages)
            if n_pages <= limits.max_pdf_pages:
                for page in pdf.pages:
                    pages.append(_pdf_page_text(page))
    except PDFPasswordIncorrect:
        raise CorruptFileError(path, "is encrypted (password protected); decrypt it first") from None
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in its own
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        name = type(inner).__name__
        if isinstance(inner, PDFPasswordIncorrect) or "password" in name.lower() or "encrypt" in (name + str(inner)).lower():
            raise CorruptFileError(path, "is encrypted (password protected); decrypt it first") from None
        if isinstance(inner, PDFSyntaxError) or isinstance(exc, (ValueError, KeyError, TypeError)):
            raise CorruptFileError(path, f"is a damaged PDF ({name})") from None
        raise CorruptFileError(path, f"is a damaged PDF ({name})") from None
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
_SKIP_TAGS = {"script", "style", "nav", "header", "footer", "noscript", "select", "button", "form", "iframe", "svg", "aside"}
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track"}
_NAV_HINT = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|banner|sidebar|share|position|location|toolbar|copyright|links?$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")


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


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder on the standard library's HTML parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", None, False)
        self.cur = self.root
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag in _VOID_TAGS:
            if tag == "br":
                self.cur.children.append("\n")
            return
        # HTML's implied end tags: <p> closes an open <p>; <li>, <tr>, <td>
        # close their open siblings (old CMS pages never write </p>)
        closes = _IMPLIED_CLOSE.get(tag)
        if closes:
            node = self.cur
            depth = 0
            while node is not self.root and depth < 8:
                if node.tag in closes:
                    self.cur = node.parent  # type: ignore[assignment]
                    break
                if node.tag in ("div", "table", "ul", "ol", "body", "section", "article"):
                    break
                node = node.parent  # type: ignore[assignment]
                depth += 1
        hint = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role"))
        skip = self.cur.skip or tag in _SKIP_TAGS or bool(hint and _NAV_HINT.search(hint) and tag in ("div", "ul", "section", "td", "table", "p", "span"))
        node = _Node(tag, self.cur, skip)
        self.cur.children.append(node)
        self.cur = node

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent  # type: ignore[assignment]
        if node is not self.root:
            self.cur = node.parent  # type: ignore[assignment]

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


def _best_container(root: _Node) -> _Node:
    """The element whose own block children hold the most Chinese text.

    A report body is a run of paragraphs under one parent; navigation and
    footers are many short links spread over other parents.
    """
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
                t = _node_text(c)
                cjk = len(_CJK.findall(t))
                if cjk >= 10:
                    score += cjk
        if score > best_score:
            best, best_score = n, score
        stack.extend(c for c in n.children if isinstance(c, _Node))
    return best


def _read_html(path: Path, limits: Limits) -> RawDocument:
    dec = decode_bytes(path.read_bytes(), path=path)
    builder = _TreeBuilder()
    builder.feed(dec.text)
    builder.close()
    body = _best_container(builder.root)
    text = html.unescape(_node_text(body))
    if len(_CJK.findall(text)) < 200:
        raise NoReportsFoundError(path, "the HTML page holds no report body (fewer than 200 Chinese characters of text)")
    title = re.sub(r"\s+", " ", builder.title).strip() or None
    return RawDocument(str(path), "html", text, dec.encoding, title_hint=title, flags=list(dec.flags))


_READERS = {
    "text": _read_text,
    "markdown": _read_markdown,
    "docx": _read_docx,
    "pdf": _read_pdf,
    "html": _read_html,
}
