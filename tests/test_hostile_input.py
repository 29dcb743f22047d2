"""Hostile input (issue 14): every file costs bounded time and memory.

Each input the issue's probe found is built here by a small generator, at a
size that keeps the test quick; the tests check the result or the clean
``PATH: reason`` error, never wall-clock time. ``benchmarks/hostile.py``
builds the same inputs at the probe's sizes (40,000 nested ``<span>``, a PDF
stream inflating to 1 GB, …) and measures time and peak memory.

The ``make_*`` functions are plain (no pytest) so the benchmark can import
them; each writes one file and returns its path.
"""

from __future__ import annotations

import functools
import random
import re
import struct
import subprocess
import sys
import zlib
from html import escape
from pathlib import Path

import pytest

import govreports as gr
from govreports.errors import CorruptFileError, FileTooLargeError
from govreports.io import _formats as formats

# --------------------------------------------------------------------------- generators


@functools.lru_cache(maxsize=1)
def report_text() -> str:
    """A real report to wrap hostile markup around: the first bundled sample."""
    return str(gr.load_sample()["text"][0])


def _html_body() -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in report_text().split("\n"))


def make_nested_spans_html(path: Path, depth: int) -> Path:
    """The report inside ``depth`` nested ``<span>`` (40,000: 522 KB)."""
    path.write_text(f"<html><body>{'<span>' * depth}{_html_body()}{'</span>' * depth}</body></html>", "utf-8")
    return path


def make_stray_end_tags_html(path: Path, n: int, *, depth: int) -> Path:
    """The report inside ``depth`` unclosed ``<div>``, then ``n`` end tags that close nothing."""
    path.write_text(f"<html><body>{'<div>' * depth}{_html_body()}{'</span>' * n}</body></html>", "utf-8")
    return path


def make_many_elements_html(path: Path, n: int) -> Path:
    """The report followed by ``n`` empty ``<b>`` elements."""
    path.write_text(f"<html><body>{_html_body()}{'<b>' * n}</body></html>", "utf-8")
    return path


def make_appended(path: Path, tail: str) -> Path:
    """The report with ``tail`` appended as its last paragraph (.txt or .md, by ``path``)."""
    path.write_text(report_text() + "\n" + tail + "\n", "utf-8")
    return path


def make_short_lines(path: Path, size: int, *, width: int = 3) -> Path:
    """The report's characters ``width`` to a line (its paragraphs run on), repeated
    up to ``size`` bytes (48 MB at width 3: 4.6 million lines; every line a
    paragraph to clean, segment and search for figures)."""
    text = report_text().replace("\n", "")
    block = "".join(text[i:i + width] + "\n" for i in range(0, len(text), width)).encode("utf-8")
    data = block * (size // len(block) + 1)
    path.write_bytes(data[:data.rfind(b"\n", 0, size) + 1])
    return path


def _deflate_padded(head: bytes, pad: bytes, size: int) -> tuple[bytes, int, int]:
    """``head`` then ``pad`` repeated up to ``size`` bytes, raw-deflated without
    ever holding them: one compressed 1 MiB block is repeated (each block starts
    without history, so copies decode alike). Returns the deflate bytes and the
    Adler-32 and CRC-32 of the first ``min(size, 5,000)`` bytes and of all bytes."""
    chunk = pad * ((1 << 20) // len(pad))

    def deflate(data: bytes, mode: int) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(mode)

    n, rest = divmod(max(size - len(head), 0), len(chunk))
    block = deflate(chunk, zlib.Z_FULL_FLUSH)
    raw = deflate(head, zlib.Z_FULL_FLUSH) + block * n + deflate(chunk[:rest], zlib.Z_FINISH)
    adler = zlib.adler32(head)
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    return raw, zlib.adler32(chunk[:rest], adler), zlib.crc32((head + chunk)[:5_000])


def _zlib_stream(head: bytes, pad: bytes, size: int, *, bad_checksum: bool = False) -> bytes:
    raw, adler, _ = _deflate_padded(head, pad, size)
    return b"\x78\xda" + raw + struct.pack(">I", adler ^ (0xFFFFFFFF if bad_checksum else 0))


def _pdf(contents: list[bytes], *, media: int = 842) -> bytes:
    """A PDF of one page per FlateDecode content stream (already compressed), Helvetica as /F1."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(contents)))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(contents):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {media} {media}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


_PDF_TEXT = b"BT /F1 12 Tf 72 700 Td (Regional GDP grew by 6.5 percent in 2023, the report says.) Tj ET\n"


def make_inflate_bomb_pdf(path: Path, unpacked: int, *, bad_checksum: bool = False) -> Path:
    """One page of text whose content stream then runs on in blanks to ``unpacked``
    bytes (1 GB: a 1 MB file). With ``bad_checksum`` pdfminer's fallback for a
    damaged stream unpacks it."""
    path.write_bytes(_pdf([_zlib_stream(_PDF_TEXT, b" ", unpacked, bad_checksum=bad_checksum)]))
    return path


def make_dense_page_pdf(path: Path, chars: int) -> Path:
    """One page drawing ``chars`` characters in one string (a few KB compressed)."""
    content = zlib.compress(b"BT /F1 1 Tf 10 10 Td [(" + b"a" * chars + b")] TJ ET")
    path.write_bytes(_pdf([content], media=chars + 900))
    return path


def make_scattered_lines_pdf(path: Path, lines: int) -> Path:
    """One large page with ``lines`` one-character lines, each at its own x."""
    ops = b"".join(b"1 0 0 1 %d %d Tm (a) Tj\n" % (i, 2 * i) for i in range(lines))
    path.write_bytes(_pdf([zlib.compress(_PDF_TEXT + b"BT /F1 1 Tf\n" + ops + b"ET")], media=2 * lines + 900))
    return path


def make_repeated_form_pdf(path: Path, draws: int, form_bytes: int) -> Path:
    """One page of text that then draws ``draws`` times a form of ``form_bytes``
    bytes of instructions that draw nothing (``q Q``): a few KB of file."""
    def stream(data: bytes, attrs: bytes = b"") -> bytes:
        packed = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), attrs) + packed + b"\nendstream"

    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /X0 6 0 R >> >> /Contents 5 0 R >>"
        ),
        stream(_PDF_TEXT + b"/X0 Do\n" * draws),
        stream(b"q Q\n" * (form_bytes // 4), b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def make_many_pages_pdf(path: Path, pages: int) -> Path:
    """``pages`` full pages of the report's text in a CJK font (reportlab)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = report_text().replace("\n", "")
    lines = [text[i:i + 34] for i in range(0, len(text), 34)]
    c = canvas.Canvas(str(path))
    k = 0
    for _ in range(pages):
        c.setFont("STSong-Light", 11)
        for y in range(800, 60, -17):
            c.drawString(50, y, lines[k % len(lines)])
            k += 1
        c.showPage()
    c.save()
    return path


_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
}


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip archive written by hand: (name, data as stored, method, CRC-32, declared size) per part."""
    out, central = bytearray(), bytearray()
    for name, data, method, crc, size in entries:
        nb = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(nb), 0) + nb
        out += data
        central += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(data), size, len(nb), 0, 0, 0, 0, 0,
            offset,
        ) + nb
    start = len(out)
    out += central + struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(path: Path, body: str) -> Path:
    """A .docx whose body is ``body`` (WordprocessingML inside ``<w:body>``)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {_W}><w:body>{body}</w:body></w:document>"
    )
    parts = {**_DOCX_PARTS, "word/document.xml": xml}
    path.write_bytes(_zip([(n, t.encode(), 0, zlib.crc32(t.encode()), len(t.encode())) for n, t in parts.items()]))
    return path


def _tc(text: str, span: int = 1, vmerge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
        "" if vmerge is None else "<w:vMerge/>" if vmerge == "continue" else f'<w:vMerge w:val="{vmerge}"/>'
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:tc>"


def make_merged_table_docx(path: Path, rows: int) -> Path:
    """The report, then a table of ``rows`` rows whose first column is one cell merged down all of them."""
    paras = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in report_text().split("\n"))
    trs = "".join(
        "<w:tr>" + _tc("重点项目", vmerge="restart" if i == 0 else "continue") + _tc(f"项目{i}") + _tc(f"{i}万元")
        + "</w:tr>"
        for i in range(rows)
    )
    return make_docx(path, paras + f"<w:tbl>{trs}</w:tbl>")


def make_lying_docx(path: Path, unpacked: int, *, declared: int | None = 5_000) -> Path:
    """A .docx whose word/document.xml (the report, then blanks up to ``unpacked``
    bytes) declares ``declared`` bytes in its zip headers, with the CRC-32 of its
    first ``declared`` bytes (None: the honest size and CRC)."""
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in report_text().split("\n"))
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()
    raw, _, crc = _deflate_padded(xml, b" ", unpacked)
    if declared is None:
        declared = max(unpacked, len(xml))
        crc = zlib.crc32(xml + b" " * (declared - len(xml)))
    elif declared != 5_000:
        raise ValueError("the CRC is taken over the first 5,000 bytes")
    parts = [(n, t.encode(), 0, zlib.crc32(t.encode()), len(t.encode())) for n, t in _DOCX_PARTS.items()]
    path.write_bytes(_zip(parts + [("word/document.xml", raw, 8, crc, declared)]))
    return path


# --------------------------------------------------------------------------- HTML


def test_deeply_nested_spans_read(tmp_path):
    got = gr.read_reports(make_nested_spans_html(tmp_path / "spans.html", 5_000))
    assert got["text"].tolist() == [report_text()]


def test_end_tags_that_close_nothing_are_ignored(tmp_path):
    got = gr.read_reports(make_stray_end_tags_html(tmp_path / "stray.html", 20_000, depth=500))
    assert got["text"].tolist() == [report_text()]


def test_html_element_limit(tmp_path):
    f = make_many_elements_html(tmp_path / "many.html", 3_000)
    with pytest.raises(FileTooLargeError, match=r"more than 1,000 HTML elements.*Limits\.max_html_elements"):
        gr.read_reports(f, limits=gr.Limits(max_html_elements=1_000))
    assert gr.read_reports(f)["text"].tolist() == [report_text()]


# --------------------------------------------------------------------------- Markdown and text


@pytest.mark.parametrize("unit", ["**a ", "__a ", "<!-- ", "![", "[", "[a](", "![a]x"])
def test_unclosed_markdown_is_kept_as_text(tmp_path, unit):
    got = gr.read_reports(make_appended(tmp_path / "unclosed.md", unit * 5_000))
    text = got["text"][0]
    assert text.startswith(report_text())
    assert text.endswith(re.sub(" +", " ", (unit * 20).strip()))


def test_long_blank_line_in_markdown(tmp_path):
    got = gr.read_reports(make_appended(tmp_path / "blanks.md", " " * 50_000 + "x |---|" + "\t" * 50_000 + "y"))
    assert got["text"][0] == report_text() + "\nx |---| y"


@pytest.mark.parametrize("blank", [" ", "\t", "\u3000"])
def test_run_of_blanks_between_latin_letters(tmp_path, blank):
    got = gr.read_reports(make_appended(tmp_path / "blanks.txt", "GDP" + blank * 50_000 + "CPI 数据"))
    assert got["text"][0] == report_text() + "\nGDP CPI数据"


@pytest.mark.parametrize(
    "tail",
    [
        "#" * 30_000 + "甲镇",  # a Markdown heading that never ends in a plain text file
        "1" + "\u2000" * 10_000 + "x",  # a closing note (in the second half) with blanks no cleaning removes
        "1" + " " * 30_000 + "x",  # a table-of-contents number followed by blanks
        "（一）" + "\u2000" * 30_000 + "数据",
    ],
)
def test_long_runs_in_a_paragraph_go_through_every_stage(tmp_path, tail):
    reports = gr.read_reports(make_appended(tmp_path / "tail.txt", tail))
    sections = gr.sections(reports)
    sentences = gr.sentences(reports)
    assert len(reports) == 1 and len(sections) > 1 and len(sentences) > 100


def test_short_lines_read_within_the_limits_and_are_refused_over_them(tmp_path):
    f = make_short_lines(tmp_path / "short.txt", 60_000)
    lines = f.read_text("utf-8").split("\n")[:-1]
    got = gr.read_reports(f)
    assert len(got) == 1 and got["text"][0].count("\n") > 0.9 * len(lines)
    with pytest.raises(FileTooLargeError, match=rf"has {len(lines) + 1:,} lines of text, over the limit of "
                                                r"1,000 \(Limits\.max_lines\)"):
        gr.read_reports(f, limits=gr.Limits(max_lines=1_000))
    failures = gr.read_reports(f, errors="collect", limits=gr.Limits(max_chars=10_000)).attrs["failures"]
    assert failures["error"].tolist() == ["FileTooLargeError"]
    assert failures["reason"][0].endswith("characters of text, over the limit of 10,000 (Limits.max_chars)")


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\u2028", "\n\r"])
def test_every_line_break_cleaning_knows_is_counted(tmp_path, newline):
    f = tmp_path / "breaks.txt"
    f.write_bytes(newline.join(["甲镇2023年政府工作报告"] + ["各位代表"] * 30).encode("utf-8"))
    lines = len(gr.read_reports(f)["text"][0].split("\n"))  # 31 (\n\r: a blank line between each two)
    with pytest.raises(FileTooLargeError, match=r"Limits\.max_lines"):
        gr.read_reports(f, limits=gr.Limits(max_lines=lines - 1))


@pytest.mark.parametrize("size", [1, 3, 10, 1 << 16])
def test_toc_check_in_chunks_is_the_check_over_all_lines(monkeypatch, size):
    """``is_toc_only`` reads lines a chunk at a time and stops once the rest cannot
    make the text a table of contents: the answer of counting every line."""
    from govreports.io import _compilation as compilation

    def reference(text: str) -> bool:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        toc = sum(1 for ln in lines if compilation._TOC_HEAD.match(ln) or compilation._TOC_NUMBER.match(ln)
                  or ((m := compilation.TITLE_LINE.match(ln)) and m.group("page")))
        return bool(lines) and toc >= 2 and toc >= 0.8 * len(lines)

    chunks = compilation.line_chunks
    monkeypatch.setattr(compilation, "line_chunks", lambda text: chunks(text, size))
    units = ["目录", "1.甲镇2023年政府工作报告 2", "2.乙镇2023年政府工作报告 9", "3", "", " ", "各位代表：甲。",
             "甲镇2023年政府工作报告"]
    rng = random.Random(size)
    for _ in range(3_000):
        text = "\n".join(rng.choice(units) for _ in range(rng.randint(0, 40)))
        assert compilation.is_toc_only(text) == reference(text), text


_REFERENCE_MARKDOWN = [  # the regular expressions strip_markdown once used (quadratic on unclosed markup)
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (formats._MD_RULE, ""),
    (re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*$", re.M), ""),
    (formats._MD_HEADING, ""),
    (formats._MD_QUOTE, ""),
    (re.compile(r"\*\*(?![%％万亿个])(?=\S)([^\n]+?)(?<=\S)\*\*|__(?=\S)([^\n]+?)(?<=\S)__"), None),
]


def _reference_strip_markdown(text: str) -> str:
    for pattern, repl in _REFERENCE_MARKDOWN:
        text = pattern.sub(repl if repl is not None else (lambda m: m.group(1) or m.group(2) or ""), text)
    return text


@pytest.mark.parametrize("alphabet", ["*_ a%万\n", "[]()!a \n", "<!->a \n", " -|:\tx\n", "*_[]()!<>-|: a甲\n#"])
def test_markdown_scanners_do_what_the_patterns_did(alphabet):
    rng = random.Random(alphabet)
    for _ in range(3_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert formats.strip_markdown(s) == _reference_strip_markdown(s), s


# --------------------------------------------------------------------------- PDF


def test_pdf_stream_inflating_past_the_limit_fails_cleanly(tmp_path):
    pytest.importorskip("pdfplumber")
    f = make_inflate_bomb_pdf(tmp_path / "bomb.pdf", 8_000_000)
    assert f.stat().st_size < 50_000
    limits = gr.Limits(max_pdf_uncompressed=2_000_000)
    with pytest.raises(FileTooLargeError, match=r"more than 2,000,000 bytes .*Limits\.max_pdf_uncompressed"):
        gr.read_reports(f, limits=limits)
    small = make_inflate_bomb_pdf(tmp_path / "small.pdf", 1_000_000)
    assert "Regional GDP grew by 6.5 percent" in gr.read_reports(small, limits=limits)["text"][0]


def test_pdf_stream_with_a_bad_checksum_is_bounded_too(tmp_path):
    pytest.importorskip("pdfplumber")
    limits = gr.Limits(max_pdf_uncompressed=2_000_000)
    with pytest.raises(FileTooLargeError, match=r"Limits\.max_pdf_uncompressed"):
        gr.read_reports(make_inflate_bomb_pdf(tmp_path / "bomb.pdf", 8_000_000, bad_checksum=True), limits=limits)
    # within the limit the damaged stream is read as pdfminer reads it
    small = make_inflate_bomb_pdf(tmp_path / "small.pdf", 100_000, bad_checksum=True)
    assert "Regional GDP grew by 6.5 percent" in gr.read_reports(small, limits=limits)["text"][0]


def test_pdf_page_drawing_too_many_characters_fails_cleanly(tmp_path):
    pytest.importorskip("pdfplumber")
    f = make_dense_page_pdf(tmp_path / "dense.pdf", 5_000)
    with pytest.raises(FileTooLargeError, match=r"page 1 draws more than 1,000 .*Limits\.max_pdf_page_objects"):
        gr.read_reports(f, limits=gr.Limits(max_pdf_page_objects=1_000))
    assert gr.read_reports(f)["text"][0] == "a" * 5_000


def test_pdf_form_drawn_many_times_is_bounded(tmp_path):
    pytest.importorskip("pdfplumber")
    f = make_repeated_form_pdf(tmp_path / "forms.pdf", 50, 20_000)
    assert f.stat().st_size < 5_000
    with pytest.raises(FileTooLargeError, match=r"more than 300,000 bytes of drawing .*Limits\.max_pdf_content"):
        gr.read_reports(f, limits=gr.Limits(max_pdf_content=300_000))
    assert "Regional GDP grew by 6.5 percent" in gr.read_reports(f)["text"][0]


def test_pdf_page_of_scattered_lines_reads(tmp_path):
    pytest.importorskip("pdfplumber")
    got = gr.read_reports(make_scattered_lines_pdf(tmp_path / "scattered.pdf", 3_000))
    assert got["text"][0].count("a") >= 3_000


def test_pdf_pages_are_read_in_order_and_counted_against_the_limit(tmp_path):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    f = make_many_pages_pdf(tmp_path / "long.pdf", 12)
    got = gr.read_reports(f)["text"][0]
    first_page = report_text().replace("\n", "")[:34 * 44].replace("·", "")  # not in the CID font
    assert got.startswith(first_page)  # its lines re-flowed
    assert len(got) > 12 * 44 * 30
    with pytest.raises(FileTooLargeError, match=r"has 12 pages, over the limit of 5 \(Limits\.max_pdf_pages\)"):
        gr.read_reports(f, limits=gr.Limits(max_pdf_pages=5))
    # every page within its own limit, but together over the document's
    with pytest.raises(FileTooLargeError, match=r"more than 10,000 characters.* in all.*Limits\.max_pdf_objects"):
        gr.read_reports(f, limits=gr.Limits(max_pdf_objects=10_000))


def test_pdfminer_is_unbounded_outside_the_reader(tmp_path):
    """The budget applies only while govreports reads a PDF."""
    pytest.importorskip("pdfplumber")
    from pdfminer import pdftypes

    gr.read_reports(make_inflate_bomb_pdf(tmp_path / "small.pdf", 100_000))
    assert formats._PDF_BUDGET.get() is None
    data = zlib.compress(b" " * 3_000_000)
    assert len(pdftypes.zlib.decompress(data)) == 3_000_000


# --------------------------------------------------------------------------- docx


def test_docx_part_larger_than_its_header_says_fails_cleanly(tmp_path):
    pytest.importorskip("docx")
    f = make_lying_docx(tmp_path / "lying.docx", 20_000_000)
    assert f.stat().st_size < 100_000
    with pytest.raises(CorruptFileError, match=r"word/document\.xml unpacks to more than the 5,000 bytes"):
        gr.read_reports(f)


def test_docx_written_by_the_generator_reads_when_honest(tmp_path):
    pytest.importorskip("docx")
    got = gr.read_reports(make_lying_docx(tmp_path / "honest.docx", 2_000_000, declared=None))
    assert got["text"].tolist() == [report_text()]


def test_docx_table_merged_down_thousands_of_rows_reads(tmp_path):
    pytest.importorskip("docx")
    got = gr.read_reports(make_merged_table_docx(tmp_path / "merged.docx", 3_000))["text"][0]
    assert got.count("重点项目|项目") == 3_000 and got.endswith("重点项目|项目2999 | 2999万元")


def test_docx_table_cells_are_python_docx_cells(tmp_path):
    """Rows read with merges kept by grid offset hold what python-docx's ``row.cells`` holds."""
    docx = pytest.importorskip("docx")
    rng = random.Random(14)
    for k in range(60):
        trs = []
        for i in range(rng.randint(1, 6)):
            tcs = []
            for j in range(rng.randint(1, 4)):
                merge = rng.choice([None, None, "restart", "continue"])
                tcs.append(_tc(f"c{i}{j}", rng.choice([1, 1, 2]), merge))
            trs.append("<w:tr>" + "".join(tcs) + "</w:tr>")
        table = docx.Document(str(make_docx(tmp_path / f"t{k}.docx", "<w:tbl>" + "".join(trs) + "</w:tbl>"))).tables[0]

        def texts(rows):
            try:
                return [[c.text for c in row] for row in rows]
            except Exception as exc:  # a continuation with nothing above
                return type(exc).__name__

        assert texts(formats._docx_table_rows(table)) == texts(row.cells for row in table.rows), trs


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize("build", ["pdf", "docx"])
def test_cli_prints_one_line_for_a_bomb(tmp_path, build):
    pytest.importorskip("pdfplumber" if build == "pdf" else "docx")
    if build == "pdf":
        f = make_inflate_bomb_pdf(tmp_path / "bomb.pdf", 250_000_000)  # over the default limit
    else:
        f = make_lying_docx(tmp_path / "bomb.docx", 50_000_000)
    out = tmp_path / "out.csv"
    r = subprocess.run(
        [sys.executable, "-m", "govreports", "metrics", str(f), "-o", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    lines = r.stderr.splitlines()
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert lines[0].startswith(f"{f}: ") and not any(str(f) in line for line in lines[1:])
