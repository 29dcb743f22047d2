"""Cleaning: bytes to text, and raw text to the canonical ``text`` of a report.

The cleaned text is what every later stage and every character offset refers
to. Its shape is simple: one paragraph (or heading) per line, lines separated
by a single ``\\n``, no leading or trailing blanks, no blank lines.

Cleaning is deterministic and idempotent: ``clean_text(clean_text(t)) ==
clean_text(t)``. It never changes a Chinese character; it only

* removes zero-width and control characters and the byte-order mark,
* turns full-width digits, Latin letters, ``％`` and ``．`` inside numbers into
  ASCII (full-width Chinese punctuation such as ``，`` ``：`` stays),
* removes spaces that PDF extraction puts inside numbers and between a number
  and its unit (``31.88 亿元`` → ``31.88亿元``), and every space next to a
  Chinese character or full-width punctuation mark (``23% ；`` → ``23%；``,
  ``GDP 增长`` → ``GDP增长``): Chinese has no word spaces, and a line break
  at such a space would lose it, so the text no longer depends on layout,
* re-flows lines that a PDF or a fixed-width layout broke inside a paragraph,
* drops page-number lines of re-flowed documents and the junk lines of
  document-sharing sites (see :data:`JUNK_PATTERNS`).
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import _regex
from ..datasets._lexicons import t2s_table
from ..errors import BinaryFileError, DecodeError, EmptyFileError

__all__ = [
    "decode_bytes", "normalize_chars", "clean_text", "remove_junk_lines", "is_truncated", "to_simplified",
    "strip_pinyin_glosses", "pinyin_glosses", "JUNK_PATTERNS", "TRADITIONAL_SHARE",
]

# --------------------------------------------------------------------------- bytes

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (a .docx? give it the .docx extension)"),
    (b"%PDF", "a PDF (give it the .pdf extension)"),
    (b"\xd0\xcf\x11\xe0", "an OLE document (old .doc/.xls, or an encrypted Office file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"BM", ""),  # bitmap magic is too short to trust on its own
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any findings."""

    text: str
    encoding: str
    flags: tuple[str, ...] = field(default_factory=tuple)


# The most frequent Chinese characters (general knowledge of character
# frequency): in real Chinese text about two thirds of all ideographs are
# among them; in bytes of another encoding decoded as GB18030 very few are.
_COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单"
    "风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土"
    "许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省"
    "列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置"
    "派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严镇乡村域推进项投融服务企施"
)


def _plausible_share(text: str) -> float:
    """How much a decoding reads like Chinese text (0–1).

    The share of characters that are usual in a report (ASCII, common CJK
    ranges and punctuation), times a penalty when few of the ideographs are
    frequent characters — the sign of bytes decoded with the wrong codec.
    """
    sample = text[:200_000]
    if not sample:
        return 1.0
    good = hanzi = common = 0
    for ch in sample:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF:
            good += 1
            hanzi += 1
            common += ch in _COMMON_HANZI
        elif (
            0x20 <= o < 0x7F
            or ch in "\n\r\t"
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2010 <= o <= 0x206F
            or o in (0x00B7, 0x00D7, 0x00B0, 0x2103, 0x00A0)
        ):
            good += 1
    share = good / len(sample)
    if hanzi >= 20 and common / hanzi < 0.35:
        share *= common / hanzi / 0.35
    return share


def decode_bytes(data: bytes, *, path: str | Path = "<bytes>") -> Decoded:
    """Decode the bytes of a text or Markdown file.

    Detection order: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict
    UTF-8, then strict GB18030 (a superset of GBK and GB2312). A GB18030
    decoding is accepted only when the result reads like Chinese text, so a
    file in another encoding is reported, never silently garbled.

    Parameters
    ----------
    data
        The file's bytes.
    path
        Used in error messages only.

    Returns
    -------
    Decoded
        ``text`` (with BOM removed), ``encoding`` (``utf-8``, ``utf-8-sig``,
        ``utf-16``, ``utf-32`` or ``gb18030``) and ``flags``.

    Raises
    ------
    EmptyFileError, BinaryFileError, DecodeError
        For an empty file, a binary file, or bytes in no supported encoding.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise EmptyFileError(path, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(path, f"has a {enc} byte-order mark but invalid {enc} bytes ({exc.reason})") from None
            text = text.lstrip("\ufeff")
            if not text.strip():
                raise EmptyFileError(path, "empty file")
            return Decoded(text, enc)
    for magic, what in _MAGIC:
        if what and data.startswith(magic):
            raise BinaryFileError(path, f"is {what}, not a text report")
    head = data[:4096]
    if b"\x00" in head:
        # Text never holds NUL bytes, except UTF-16 without a BOM.
        decoded = _try_utf16(data)
        if decoded is not None:
            return decoded
        raise BinaryFileError(path, "is binary (contains NUL bytes), not a text report")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # a download cut inside the last character: keep what is whole
            return Decoded(data[: exc.start].decode("utf-8"), "utf-8", ("cut_character",))
    share = 0.0
    try:
        text = data.decode("gb18030")
        share = _plausible_share(text)
        if share >= 0.97:
            return Decoded(text, "gb18030", ("encoding_fallback",))
    except UnicodeDecodeError:
        pass
    decoded = _try_utf16(data)
    if decoded is not None:
        return decoded
    raise DecodeError(
        path,
        "is not UTF-8, and reads as neither GB18030/GBK"
        + (f" ({share:.0%} usual characters)" if share else "")
        + " nor UTF-16; re-save it as UTF-8",
    )


def _try_utf16(data: bytes) -> Decoded | None:
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_share(text) > 0.97:
            return Decoded(text, enc, ("encoding_fallback",))
    return None


# --------------------------------------------------------------------------- characters

_ZERO_WIDTH = _regex.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# Full-width ASCII variants: digits, Latin letters and the few symbols that
# belong to numbers. Chinese punctuation (，：；（）！？) keeps its full width.
_FULLWIDTH = _regex.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％＋＝]")
#: Blanks other than the space: cleaning makes each a space.
_BLANKS = "\u3000\u00a0\u2002\u2003\u2009\u202f\t\x0b\x0c"
_CONTROL = _regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# The three classes above replaced in one scan (each character on its own: the order of
# the three substitutions made no difference), instead of three scans of the whole text.
_NORMALISED_CHARS = {
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e", ""),
    **dict.fromkeys(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]), ""),
    **{chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]},
    **{c: chr(ord(c) - 0xFEE0) for c in "％＋＝"},
}
# the dot first, the digit before it checked after: the scan skips to dots in C
_FW_DOT_IN_NUMBER = _regex.compile(r"[．。·](?<=\d[．。·])(?=\d)")


def _one_scan(table: dict[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern finding the characters of ``table`` and the points of _FW_DOT_IN_NUMBER (a
    point only between digits) in one class, and what each found is replaced by: one scan
    of the text instead of two (the engine tests a class at every character)."""
    points = "．。·"
    pattern = _regex.compile(
        "[" + re.escape("".join(table)) + points + r"](?:(?<![．。·])|(?<=\d[．。·])(?=\d))"
    )
    return pattern, {**table, **dict.fromkeys(points, ".")}


_NORMALISED_SCAN = _one_scan(_NORMALISED_CHARS)
# clean_text's: the blanks made spaces in the same scan (no blank is a digit, a point or
# part of a pinyin gloss, so it makes no difference to what the scan or the glosses find)
_CLEANED_SCAN = _one_scan({**_NORMALISED_CHARS, **dict.fromkeys(_BLANKS, " ")})


def _normalise(text: str, scan: tuple[re.Pattern[str], dict[str, str]]) -> str:
    """:func:`normalize_chars` with ``scan``'s characters replaced."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    pattern, table = scan
    removed = False

    def replaced(m: re.Match[str]) -> str:
        nonlocal removed
        out = table[m.group()]
        removed = removed or not out
        return out

    text = pattern.sub(replaced, text)
    if removed:
        # the points were read beside the characters since removed (5\u200b。3): read again
        # without them, as when the removal came first
        text = _FW_DOT_IN_NUMBER.sub(".", text)
    return text


# Spaces PDF extraction leaves inside figures: between digits, around a
# decimal point or percent sign, and between a number and a CJK unit.
# Each alternative is led by the space and checks the character before it after it (the
# engine skips to spaces in C; a look-behind first had it try every position of the line).
_SPACE_IN_NUMBER = _regex.compile(
    r" (?<=[\d.] ) *(?=[\d.%])| (?<=\d ) *(?=[\u4e00-\u9fff])| (?<=[\u4e00-\u9fff] ) *(?=\d)"
)
# (a space, then more: a literal first, which the scan skips to in C; " {2,}" was tried at every position)
_MULTI_SPACE = _regex.compile(r"  +")
# Chinese text has no word spaces: a space next to a Chinese character or a
# full-width punctuation mark is typesetting (盘古之白 before Latin words, a gap
# after 。 in web copies) or a line break that extraction turned into a space.
# Removing it makes the cleaned text the same however the source was laid out
# (a line break at that point would have lost the space anyway).
# A run is tried at its first space only ((?<!  ) after that space): tried from every
# space, a run not followed by a Chinese character was rescanned to its end from each
# of them (80,000 spaces between two Latin letters: 35 s). Led by the space, as above.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’…—"
_CJK_SPACE = _regex.compile(f" (?<=[{_CJK}] ) *| (?<!  ) *(?=[{_CJK}])")


def normalize_chars(text: str) -> str:
    """Character-level normalisation (no line handling).

    Examples
    --------
    >>> normalize_chars("ＧＤＰ增长６．５％，达到31.88亿元")
    'GDP增长6.5%，达到31.88亿元'
    """
    # _ZERO_WIDTH and _CONTROL removed, _FULLWIDTH narrowed, full-width points in numbers made "."
    return _normalise(text, _NORMALISED_SCAN)


# --------------------------------------------------------------------------- lines


def line_chunks(text: str, size: int = 1 << 12) -> Iterator[list[str]]:
    """The lines of ``text`` (``text.split("\\n")``), a list of some ``size``
    characters' worth at a time: a pass over millions of short lines never
    holds them all (each a Python string some 60 bytes larger than its text),
    and a pass that stops early splits little more than it reads.

    Examples
    --------
    >>> [ln for chunk in line_chunks("a\\nb\\n", size=1) for ln in chunk]
    ['a', 'b', '']
    """
    start, n = 0, len(text)
    while start <= n:
        end = text.find("\n", start + size)
        if end == -1:
            end = n
        yield text[start:end].split("\n")
        start = end + 1


# --------------------------------------------------------------------------- junk

#: Lines removed wherever they appear: the furniture of document-sharing sites
#: and of government web pages. Each pattern must match a whole (stripped) line.
JUNK_PATTERNS: tuple[str, ...] = (
    r"电脑桌面",
    r"添加.{1,12}到电脑桌面",
    r"安装后可以在桌面快捷访问",
    r".*VIP专享.*|.*VIP免费.*",
    r".*联系客服.*",
    r"\d[、.]\s*当您付费下载.*|当您付费下载.*",
    r"\d[、.]\s*本站所有内容.*|本站所有内容.*",
    r"\d[、.]\s*如文档内容存在违规.*",
    r"\d[、.]\s*如遇无法支付.*|如遇无法支付.*",
    r"您可能关注的文档|确认删除[?？]?|回到顶部|搜索资料|我的下载|会员中心|下载文档|举报|收藏|分享到[:：]?.*",
    r"[•·]?\s*(打印|关闭|打印本页|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\])(\s*[|｜/]?\s*(打印|关闭|打印本页|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\]))*",
    r"(【)?字号[:：]?\s*[大中小\s|｜]+(】)?|【\s*大\s*中\s*小\s*】",
    r"(当前位置|您当前的位置|您的位置)[:：].*",
    r"(扫一扫|微信扫一扫|手机扫一扫).{0,20}",
    r"(上一篇|下一篇)[:：].*",
    r"(浏览次数|访问量|阅读次数|点击数)[:：]?\s*\d*",
    r".{0,30}政府工作报告汇编\s*[(（]\d+篇[)）].*",
)
_JUNK = _regex.compile("|".join(f"(?:{p})" for p in JUNK_PATTERNS))
_JUNK_MAX_LEN = 160


def remove_junk_lines(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split lines into kept and junk.

    A line is junk when, stripped, it matches one of :data:`JUNK_PATTERNS`
    whole and is short (a report paragraph that happens to contain 打印 stays).

    Returns
    -------
    tuple of list
        ``(kept, removed)``; together they hold every input line.
    """
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        s = line.strip()
        if s and len(s) <= _JUNK_MAX_LEN and _JUNK.fullmatch(s):
            removed.append(line)
        else:
            kept.append(line)
    return kept, removed


# --------------------------------------------------------------------------- re-flow

_TERMINAL = "。！？!?；;：:…”’」』）)"
_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』）)\"'》"
_HEADING_START = _regex.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．]|第[一二三四五六七八九十]{1,3}[章节部分]|#{1,6}\s)"
)
_PAGE_NUMBER = _regex.compile(
    r"^\s*(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[-—–－])?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"
)


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _display_width(s: str) -> int:
    # CJK characters take three UTF-8 bytes and two columns, ASCII one and
    # one: (bytes + chars) / 2 approximates display width at C speed.
    return (len(s.encode("utf-8")) + len(s)) // 2


def _looks_wrapped(lines: list[str]) -> tuple[bool, int]:
    """Detect fixed-width hard wrapping (PDF extraction, e-mail, old TXT) in stripped lines.

    Returns whether the text is wrapped and the typical full-line width.
    """
    long = [s for s in lines if len(s) >= 8]
    if len(long) < 6:
        return False, 0
    # an unterminated full line is an unterminated line: when under 30% of the lines end
    # without punctuation (297 of the 300 benchmark reports), no width needs measuring
    if sum(s[-1] not in _TERMINAL for s in long) / len(long) < 0.3:
        return False, 0
    widths = [_display_width(s) for s in long]
    widths_sorted = sorted(widths)
    full = widths_sorted[int(len(widths_sorted) * 0.9) - 1]
    if full < 20:
        return False, 0
    unterminated_full = sum(1 for s, w in zip(long, widths) if w >= 0.85 * full and s[-1] not in _TERMINAL)
    return unterminated_full / len(widths) >= 0.3, full


def _join(a: str, b: str, *, full: bool = False) -> str:
    # Layout breaks lines between Chinese characters anywhere, but between two
    # ASCII words (Latin words, numbers, the bars of a table row) only at a
    # space, so that space comes back. Chinese needs none, nor does the
    # half-width punctuation many Chinese texts use: 区),2022年, 3-5, 1+18.
    # A Chinese layout also breaks inside a number: digits on both sides of
    # the break of a full line are one number (成交额1 / 069亿元 → 1069亿元).
    x, y = a[-1:], b[:1]
    if full and x.isdigit() and y.isdigit() and x.isascii() and y.isascii():
        return a + b
    if (
        x.isascii()
        and y.isascii()
        and ((x.isalnum() and y.isalnum()) or "|" in (x, y))
        and "" not in (x.strip(), y.strip())
    ):
        return a + " " + b
    return a + b


def reflow(lines: list[str]) -> list[str]:
    """Join lines that a fixed-width layout broke inside paragraphs.

    Only applied when the text looks wrapped (most lines are full-width and
    end without punctuation). Paragraph starts are recognised by indentation
    (when the document indents paragraphs), blank lines, headings, and short
    lines that end a sentence. Page-number lines are dropped.

    Parameters
    ----------
    lines
        Raw lines (leading whitespace kept: it marks paragraph starts).

    Returns
    -------
    list of str
        Paragraph lines, stripped.
    """
    stripped = [s.strip() for s in lines]
    wrapped, full = _looks_wrapped(stripped)
    if not wrapped:
        return stripped
    return _reflow_wrapped(lines, full)


def _reflow_wrapped(lines: list[str], full: int) -> list[str]:
    """:func:`reflow` of lines that look wrapped at ``full`` columns."""
    lines = [s for s in lines if not _PAGE_NUMBER.match(s)]
    indent_chars = (" ", "\u3000", "\t")
    nonblank = [s for s in lines if s.strip()]
    # Paragraph indentation is trusted when indented lines start paragraphs:
    # they follow a short or sentence-ending line (a share of all lines says
    # nothing: long paragraphs have few starts).
    starts = 0
    indented = 0
    prev = ""
    for s in nonblank:
        if s[:1] in indent_chars:
            indented += 1
            p = prev.strip()
            if not p or _display_width(p) < 0.85 * full or p[-1] in _TERMINAL:
                starts += 1
        prev = s
    uses_indent = indented >= 2 and starts >= 0.6 * indented
    out: list[str] = []
    parts: list[str] = []  # the physical lines of the current paragraph
    last_width = 0  # display width of the last physical line joined
    heading_open = False  # the current paragraph is a heading's line
    for raw in lines:
        s = raw.strip()
        if not s:
            if parts:
                out.append("".join(parts))
                parts = []
            continue
        indented_line = raw[:1] in indent_chars
        last_char = parts[-1][-1] if parts else ""
        if not parts or (uses_indent and indented_line):
            starts_paragraph = True
        elif _HEADING_START.match(s) and not (uses_indent and last_width >= 0.85 * full):
            # a heading, unless the layout indents paragraphs and this
            # unindented line follows a full one: then it is the wrapped rest
            # of the paragraph, even after 。 or ； (an inline （4） item)
            starts_paragraph = True
        elif uses_indent:
            # an unindented heading follows a short line
            starts_paragraph = last_width < 0.6 * full
        else:
            # Without indentation a paragraph ends on a short line, or on a
            # not-quite-full line that closes a sentence; a line broken between two
            # Chinese characters (农村常住 / 居民人均可支配收入) of a ragged layout
            # goes on unless it is very short or a heading.
            mid_phrase = _is_han(last_char) and _is_han(s[0]) and not heading_open
            short = (0.4 if mid_phrase else 0.6) * full
            starts_paragraph = last_width < short or (last_width < 0.85 * full and last_char in _TERMINAL)
        if starts_paragraph:
            if parts:
                out.append("".join(parts))
            parts = [s]
            heading_open = bool(_HEADING_START.match(s))
        else:
            # parts are joined once per paragraph: no quadratic concatenation
            tail = parts[-1][-1:]
            parts.append(_join(tail, s, full=last_width >= 0.85 * full)[1:] if tail else s)
        last_width = _display_width(s)
    if parts:
        out.append("".join(parts))
    return out


# --------------------------------------------------------------------------- script

#: Share of Chinese characters that must be traditional-only for a text to be
#: converted. Simplified reports hold a few (乾, 於: at most 0.14% in the
#: 3,004 corpus reports); traditional web copies about 30%.
TRADITIONAL_SHARE = 0.05
_HAN = _regex.compile(r"[\u4e00-\u9fff]")


def to_simplified(text: str) -> tuple[str, bool]:
    """Convert a text written in traditional characters to simplified ones.

    The conversion is character by character (OpenCC's character table,
    ``datasets/t2s.tsv``), so every offset into the text stays the
    same. A text is converted only when at least :data:`TRADITIONAL_SHARE` of
    its Chinese characters are traditional.

    Returns
    -------
    tuple
        ``(text, converted)``.

    Examples
    --------
    >>> to_simplified("全縣實現生產總值53億元")
    ('全县实现生产总值53亿元', True)
    >>> to_simplified("全县实现地区生产总值53亿元，同比增长8%，古镇始建于乾隆年间")[1]
    False
    """
    sample = text[:_SCRIPT_SAMPLE]
    traditional = _count_traditional(sample)
    if not traditional:  # most texts
        return text, False
    han = len(_HAN.findall(sample))
    if traditional < TRADITIONAL_SHARE * han:
        return text, False
    return text.translate(t2s_table()), True


#: Characters read to tell the script (a report is written in one).
_SCRIPT_SAMPLE = 6000


def _count_traditional(text: str) -> int:
    """How many of the characters of ``text`` are traditional-only."""
    plane, beyond = _traditional_chars()
    found = len(plane.findall(text))
    # a character beyond the plane takes two UTF-16 units: the encoding's length tells
    # whether the text holds one, at C speed (a search for the class tests every character)
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        found += len(beyond.findall(text))
    return found


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Classes of the traditional-only characters of the Basic Multilingual Plane and of those
    beyond it. The engine looks a character up in the first in one step; the second is a list
    it walks (66 characters today), searched only in a text holding a character beyond the plane."""
    chars = sorted(map(chr, t2s_table()))
    plane = "".join(re.escape(c) for c in chars if c <= "\uffff")
    beyond = "".join(re.escape(c) for c in chars if c > "\uffff")
    return _regex.compile(f"[{plane}]"), _regex.compile(f"[{beyond}]" if beyond else "(?!)")


# --------------------------------------------------------------------------- text

# Some mirrors gloss characters with their pinyin: 生产(chǎn)总值, 发(fā)展
# (the bracket first, the character before it checked after: the scan skips to brackets)
_GLOSS_SYLLABLE = r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}[)）]"
_PINYIN_GLOSS = _regex.compile(r"[（(](?<=[\u4e00-\u9fff][（(])" + _GLOSS_SYLLABLE)
# The same glosses, one pattern for each bracket: a literal the scan skips to in C (the class
# of both is tested at every character). A gloss holds no other bracket, so the glosses
# after either bracket, counted apart, are the matches of _PINYIN_GLOSS.
_PINYIN_GLOSS_AFTER = tuple(
    _regex.compile(rf"{re.escape(b)}(?<=[\u4e00-\u9fff]{re.escape(b)})" + _GLOSS_SYLLABLE) for b in "（("
)
#: Glosses a text must hold before they are removed (a single one may be the author's).
PINYIN_GLOSSES_MIN = 5
#: Characters of a text searched for glosses before it is said to have them.
_GLOSS_HEAD = 20000


def _glossed(text: str) -> bool:
    """Whether the head of ``text`` holds :data:`PINYIN_GLOSSES_MIN` glosses."""
    found = 0
    for pattern in _PINYIN_GLOSS_AFTER:
        found += len(pattern.findall(text, 0, _GLOSS_HEAD))
    return found >= PINYIN_GLOSSES_MIN


def pinyin_glosses(text: str) -> list[tuple[int, int]]:
    """Spans of the pinyin glosses :func:`strip_pinyin_glosses` removes (none
    when the text holds fewer than :data:`PINYIN_GLOSSES_MIN`)."""
    if not _glossed(text):
        return []
    return [m.span() for m in _PINYIN_GLOSS.finditer(text)]


def strip_pinyin_glosses(text: str) -> str:
    """Remove pinyin glosses a web mirror put after characters.

    Examples
    --------
    >>> strip_pinyin_glosses("实现(xiàn)生产(chǎn)总值245.6亿元、增长(zhǎng)8.7%，发(fā)展(zhǎn)态(tài)势良好")
    '实现生产总值245.6亿元、增长8.7%，发展态势良好'
    """
    if not _glossed(text):
        return text
    return _PINYIN_GLOSS.sub("", text)


def clean_text(text: str, *, reflow_lines: bool = True) -> str:
    """Return the canonical cleaned text of a report.

    Parameters
    ----------
    text
        Decoded text of one report (already stripped of format markup such as
        Markdown front matter or HTML tags).
    reflow_lines
        Re-flow hard-wrapped paragraphs when the text looks wrapped.

    Returns
    -------
    str
        One paragraph per line, joined by ``\\n``; no blank lines.

    Examples
    --------
    >>> clean_text("全镇实现地区生产总值２０７．４５ 亿元，\\n\\n同比增长２．０％。")
    '全镇实现地区生产总值207.45亿元，\\n同比增长2.0%。'
    """
    return _cleaned(text, reflow_lines=reflow_lines, junk_free=False)


def clean_part_text(text: str) -> str:
    """:func:`clean_text` of a report :func:`split_compilation` found (its lines joined):
    :func:`remove_junk_lines` kept every line, so unless normalising changes the text (60% of
    the benchmark reports it does not), its lines are not tested for junk again."""
    return _cleaned(text, reflow_lines=True, junk_free=True)


def _cleaned(text: str, *, reflow_lines: bool, junk_free: bool) -> str:
    """:func:`clean_text`; ``junk_free``: no line of ``text`` is junk."""
    normalised = strip_pinyin_glosses(_normalise(text, _CLEANED_SCAN))  # normalize_chars, blanks made spaces
    raw_lines = normalised.split("\n")
    # each line stripped once: the junk test, the wrap test and the result all read it
    lines = [ln.strip() for ln in raw_lines]
    if junk_free and normalised == text:
        junk: set[int] = set()
    else:
        junk = {i for i, s in enumerate(lines) if s and len(s) <= _JUNK_MAX_LEN and _JUNK.fullmatch(s)}
    if junk:  # what remove_junk_lines removes
        raw_lines = [ln for i, ln in enumerate(raw_lines) if i not in junk]
        lines = [s for i, s in enumerate(lines) if i not in junk]
    if reflow_lines:
        wrapped, full = _looks_wrapped(lines)
        if wrapped:
            lines = _reflow_wrapped([ln.rstrip() for ln in raw_lines], full)
    text = "\n".join([s for s in lines if s])
    if " " in text:
        # the three patterns only remove or merge spaces, and every space of a stripped line
        # stands between two other characters of it: the whole text is the lines one by one
        text = _SPACE_IN_NUMBER.sub("", text)
        text = _CJK_SPACE.sub("", text)
        text = _MULTI_SPACE.sub(" ", text)
    return text


# Lines that may follow the last sentence of a complete report: signatures,
# dates, source attributions of web copies, editors' notes, stray punctuation.
_TRAILER = _regex.compile(
    r"[（(]?(?:本文有删[减节]|有删[减节]|来源[:：].{0,30}|[^。！？!?，,；;：:]{0,20}(?:日报|晚报|新闻网|网站|门户网站|宣传部|新华社|新华网|人民网|政府网|人民政府|办公室).{0,10}"
    r"|[—－-]*\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日.{0,40}|[〇零一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
    r"|[.。,，、\s]+)[)）]?"
)
_LIST_ITEM = _regex.compile(r"(?:\d{1,3}[.、．]|[（(]\d{1,3}[)）]).{1,60}")
_FINAL_PAREN = _regex.compile(r"[（(][^（()）\n]{1,40}[)）]$")


def _lines_from_end(text: str) -> Iterator[str]:
    """The non-blank lines of ``text``, stripped, last first (only the last few are read:
    the text is not split whole)."""
    end = len(text)
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line:
            yield line
        end = start - 1


def is_truncated(text: str) -> bool:
    """Whether a cleaned report stops mid-sentence.

    A complete report ends with sentence-final punctuation (possibly followed
    by a closing quote or bracket), perhaps followed by a signature, a date, a
    source attribution such as ``（XX日报）`` or ``（本文有删减）``, or by an
    appended numbered list (名词解释, project lists) whose items carry no
    punctuation.

    Examples
    --------
    >>> is_truncated("让我们团结奋斗！")
    False
    >>> is_truncated("而努力奋斗！（XX新闻网）")
    False
    >>> is_truncated("夯实高水平民生保")
    True
    """
    lines = _lines_from_end(text)
    last = next(lines, None)
    if last is None:
        return True
    before = next(lines, None)  # None: ``last`` is the text's only line
    while before is not None and len(last) <= 60 and _TRAILER.fullmatch(last):
        last, before = before, next(lines, None)
    if _LIST_ITEM.fullmatch(last) and before is not None:
        return False
    stripped = _FINAL_PAREN.sub("", last).rstrip()
    if stripped and stripped != last and stripped.rstrip(_CLOSERS)[-1:] in tuple(_SENTENCE_END):
        return False
    last = last.rstrip(_CLOSERS)
    return not (last and last[-1] in _SENTENCE_END)
