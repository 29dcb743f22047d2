"""Reliability (issue 8): bad input, resource limits, safety, robustness properties.

What this file checks, and how
------------------------------
* **Bad-input matrix.** Every kind of bad file a user can hand to
  :func:`govreports.read_reports` (missing path, empty directory, empty
  file, image, zip, undecodable bytes, corrupt / encrypted / text-less
  ``.docx`` and ``.pdf``, an HTML page without a report, a table of contents
  alone, limits exceeded …) raises an error from :mod:`govreports.errors`
  that names the file and gives one line of reason; with
  ``errors="collect"`` the good reports come back and the bad files are
  listed in ``reports.attrs["failures"]``; the command line prints one
  ``PATH: reason`` line per bad file, no traceback, processes the rest and
  exits with 1.
* **Limits** (:class:`govreports.Limits`): file size, a zip bomb posing as a
  ``.docx``, PDF page count — configurable, each with a clear error.
* **Safety**: no ``eval``/``exec``, no unpickling, no network (a static scan
  of the package's source and a run of the pipeline with sockets disabled).
* **Content that is not what it seems**: a template full of placeholders
  gives no figures, a figure stated twice is flagged ``repeated``, a report
  cut off mid-sentence is flagged ``truncated``, figures glued together in
  the source are flagged ``glued`` instead of read as one wrong value.
* **10 MB without punctuation**: every stage must finish in seconds (no
  regular-expression backtracking, nothing quadratic). Marked ``slow``.
* **Properties** (hypothesis): re-encoding and PDF-style re-wrapping never
  change the cleaned text or the figures; sections tile the text;
  compilation splitting loses no line; every figure's ``text[start:end]``
  is its surface form; any file yields reports or a ``ReportFileError``.

Tests once marked ``xfail(strict=True)`` documented a bug found while writing this
file; each reason names the finding (R1 …) written up for the lead engineer.
All fixtures are built here from the bundled sample (five 2023 township
reports, :func:`govreports.load_sample`): PDFs with reportlab's CID font
STSong-Light, Word files with python-docx. Gold values for the glued figures
were made by reading the sample's text.
"""

from __future__ import annotations

import ast
import io
import json
import os
import random
import re
import socket
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from _documents import register_cid_font as _register_cid_font
from _documents import write_docx as _write_docx
from _documents import write_pdf as _write_pdf
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import govreports as gr
from govreports.errors import (
    BinaryFileError,
    CorruptFileError,
    DecodeError,
    EmptyFileError,
    FileMissingError,
    FileTooLargeError,
    GovReportsError,
    NoReportsFoundError,
    NoTextLayerError,
    ReportFileError,
    UnsupportedFormatError,
)

# Hypothesis: reproducible runs, no example database written into the checkout.
PROPERTY = settings(deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))


def _prop(max_examples: int) -> settings:
    return settings(PROPERTY, max_examples=max_examples)


@lru_cache(maxsize=1)
def _sample() -> pd.DataFrame:
    return gr.load_sample()


def _texts() -> list[str]:
    return _sample()["text"].tolist()


def _figures(reports: pd.DataFrame) -> tuple[list, list, list]:
    """What "the figures did not change" means: values, indicators and offsets."""
    m = gr.extract_metrics(reports)
    return m["value"].tolist(), m["indicator"].tolist(), m["start"].tolist()


# =========================================================================== fixture builders

def _write_pdf_pages(path: Path, pages: int) -> None:
    """A PDF of ``pages`` pages, each with one short line of text."""
    _register_cid_font()
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(pages):
        c.setFont("STSong-Light", 12)
        c.drawString(50, 800, f"第{i + 1}页 地区生产总值增长百分之六")
        c.showPage()
    c.save()


def _write_image_pdf(path: Path) -> None:
    """A 'scanned' PDF: two pages holding only an image."""
    pytest.importorskip("reportlab")
    pil = pytest.importorskip("PIL.Image")
    from reportlab.pdfgen import canvas

    png = path.with_suffix(".png")
    pil.new("RGB", (200, 300), "white").save(png)
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.drawImage(str(png), 50, 50, 400, 600)
        c.showPage()
    c.save()
    png.unlink()


def _rewrite_docx(src: Path, dst: Path, document_xml: bytes | Callable[[zipfile.ZipFile], None]) -> None:
    """Copy a .docx, replacing word/document.xml (bytes, or a writer for big parts)."""
    with zipfile.ZipFile(src) as zs, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zs.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, zs.read(info.filename))
            elif callable(document_xml):
                document_xml(z)
            else:
                z.writestr("word/document.xml", document_xml)


def _zip_bomb_docx(path: Path, template: Path, unpacked: int) -> None:
    """A .docx whose word/document.xml inflates to ``unpacked`` bytes of one repeated byte."""

    def write(z: zipfile.ZipFile) -> None:
        block = b"A" * (1 << 20)
        with z.open("word/document.xml", "w", force_zip64=True) as w:
            left = unpacked
            while left > 0:
                w.write(block[: min(left, len(block))])
                left -= len(block)

    _rewrite_docx(template, path, write)


def _lying_zip_docx(path: Path, template: Path, unpacked: int, claimed: int) -> None:
    """A zip bomb whose headers *claim* a small size for word/document.xml.

    The declared sizes are what a size check before unpacking sees; the
    reader must still not inflate more than was declared.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(template) as zs, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zs.infolist():
            data = b"A" * unpacked if info.filename == "word/document.xml" else zs.read(info.filename)
            z.writestr(info.filename, data)
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    for sig, name_len_at, name_at, size_at in ((b"PK\x01\x02", 28, 46, 24), (b"PK\x03\x04", 26, 30, 22)):
        i = data.find(sig)
        while i >= 0:
            n = struct.unpack_from("<H", data, i + name_len_at)[0]
            if bytes(data[i + name_at:i + name_at + n]) == name:
                struct.pack_into("<I", data, i + size_at, claimed)
            i = data.find(sig, i + 4)
    path.write_bytes(bytes(data))


def _good_docx(d: Path) -> Path:
    f = d / "template_good.docx"
    if not f.exists():
        _write_docx(f, _texts()[1].split("\n"))
    return f


def _good_pdf(d: Path) -> Path:
    f = d / "template_good.pdf"
    if not f.exists():
        _write_pdf(f, _texts()[1])
    return f


def _nav_html(body: str, title: str = "首页") -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + " - 某某镇人民政府网</title></head><body>"
        "<div class='header'><a href='/'>首页</a> <a href='/zwgk'>政务公开</a> <a href='/news'>新闻中心</a></div>"
        "<div class='breadcrumb'>当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>"
        f"<div class='content' id='zoom'>{body}</div>"
        "<div class='footer'>版权所有：某某镇人民政府 网站标识码 1234567890</div></body></html>"
    )


# =========================================================================== the bad-input matrix

@dataclass(frozen=True)
class Bad:
    """One bad input: how to build it, the error expected and words of its reason."""

    build: Callable[[Path], Path]
    error: type[ReportFileError]
    reason: str  # a regular expression the one-line reason must match
    limits: gr.Limits | None = None
    needs: tuple[str, ...] = ()  # optional packages the builder or reader needs


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        f = d / name
        f.write_bytes(data)
        return f

    return build


def _text_file(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    return _write(name, text.encode(encoding))


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _real_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("report.txt", "甲镇2023年政府工作报告\n地区生产总值增长6%。" * 20)
    return buf.getvalue()


def _missing(d: Path) -> Path:
    return d / "no_such_report.txt"


def _missing_dir(d: Path) -> Path:
    return d / "no_such_folder"


def _dir_without_reports(d: Path) -> Path:
    sub = d / "notes"
    sub.mkdir()
    (sub / "data.json").write_text("{}", encoding="utf-8")
    (sub / "README.md").write_text("# reports go here", encoding="utf-8")
    (sub / "scan.png").write_bytes(_png())
    return sub


def _utf8_with_stray_byte(d: Path) -> Path:
    b = _texts()[2].encode("utf-8")
    f = d / "stray_byte.txt"
    f.write_bytes(b[: len(b) // 2] + b"\xff" + b[len(b) // 2:])
    return f


def _docx_truncated(d: Path) -> Path:
    b = _good_docx(d).read_bytes()
    f = d / "truncated.docx"
    f.write_bytes(b[: len(b) // 2])
    return f


def _docx_not_word(d: Path) -> Path:
    f = d / "not_word.docx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hello.txt", "hi")
    return f


def _docx_bad_xml(d: Path) -> Path:
    f = d / "bad_xml.docx"
    _rewrite_docx(_good_docx(d), f, b"<w:document><w:body><w:p>")
    return f


def _docx_encrypted(d: Path) -> Path:
    # Word saves a password-protected .docx as an OLE compound file.
    return _write("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))(d)


def _docx_empty(d: Path) -> Path:
    f = d / "empty_doc.docx"
    _write_docx(f, [])
    return f


def _docx_image_only(d: Path) -> Path:
    docx = pytest.importorskip("docx")
    pil = pytest.importorskip("PIL.Image")
    png = d / "scan_page.png"
    pil.new("RGB", (120, 160), "white").save(png)
    doc = docx.Document()
    doc.add_picture(str(png))
    f = d / "scanned.docx"
    doc.save(str(f))
    png.unlink()
    return f


def _docx_billion_laughs(d: Path) -> Path:
    with zipfile.ZipFile(_good_docx(d)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, rest = xml.split("?>", 1)
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
    )
    at = rest.index("<w:body>") + len("<w:body>")
    bomb = (
        head + "?>" + f"<!DOCTYPE w:document [{ents}]>" + rest[:at] + "<w:p><w:r><w:t>&j;</w:t></w:r></w:p>" + rest[at:]
    )
    f = d / "billion_laughs.docx"
    _rewrite_docx(_good_docx(d), f, bomb.encode("utf-8"))
    return f


def _docx_lying_sizes(d: Path) -> Path:
    f = d / "lying_sizes.docx"
    _lying_zip_docx(f, _good_docx(d), unpacked=30_000_000, claimed=2_000)
    return f


def _docx_zip_bomb_small(d: Path) -> Path:
    f = d / "bomb_small.docx"
    _zip_bomb_docx(f, _good_docx(d), 10_000_000)
    return f


def _docx_zip_bomb_default(d: Path) -> Path:
    f = d / "bomb.docx"
    _zip_bomb_docx(f, _good_docx(d), gr.Limits().max_docx_uncompressed + 1_000_000)
    return f


def _toc_docx(d: Path) -> Path:
    f = d / "toc.docx"
    _write_docx(f, ["目录"] + [f"{i + 1}.{t} {3 + 9 * i}" for i, t in enumerate(_sample()["title"])])
    return f


def _pdf_truncated(d: Path) -> Path:
    b = _good_pdf(d).read_bytes()
    f = d / "truncated.pdf"
    f.write_bytes(b[: len(b) // 2])
    return f


def _pdf_garbage(d: Path) -> Path:
    return _write("garbage.pdf", b"%PDF-1.7\n" + random.Random(0).randbytes(6000))(d)


def _pdf_encrypted(strength: int) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        from reportlab.lib import pdfencrypt

        f = d / f"locked_{strength}.pdf"
        _write_pdf(f, _texts()[1][:400], encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0, strength=strength))
        return f

    return build


def _pdf_no_text(d: Path) -> Path:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    f = d / "blank_scan.pdf"
    c = canvas.Canvas(str(f))
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    return f


def _pdf_image_only(d: Path) -> Path:
    f = d / "image_scan.pdf"
    _write_image_pdf(f)
    return f


def _pdf_pages(pages: int) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        f = d / f"pages_{pages}.pdf"
        _write_pdf_pages(f, pages)
        return f

    return build


def _big_text(d: Path) -> Path:
    f = d / "big.txt"
    f.write_text(_texts()[0], encoding="utf-8")
    return f


def _big_html(d: Path) -> Path:
    f = d / "big.html"
    paras = _texts()[0].split("\n")
    f.write_text(_nav_html("".join(f"<p>{p}</p>" for p in paras[1:]), paras[0]), encoding="utf-8")
    return f


TOC = "目录\n1.甲镇2023年政府工作报告 2\n2.乙镇2023年政府工作报告 9\n3.丙镇2023年政府工作报告 15\n"
TEMPLATE_TOC = "\n".join(
    f"{t} {3 + 9 * i}" for i, t in enumerate(["横沥镇2023年政府工作报告", "六镇镇2023年政府工作报告"])
)

_PDF = ("pdfplumber", "reportlab")
_DOCX = ("docx",)

BAD: dict[str, Bad] = {
    # paths
    "missing_file": Bad(_missing, FileMissingError, r"no such file"),
    "missing_directory": Bad(_missing_dir, FileMissingError, r"no such file or directory"),
    "directory_without_reports": Bad(_dir_without_reports, NoReportsFoundError, r"no report files"),
    # empty
    "empty_file": Bad(_write("empty.txt", b""), EmptyFileError, r"empty"),
    "whitespace_only": Bad(_write("blank.md", b" \n\t\r\n  \n"), EmptyFileError, r"empty"),
    "bom_only": Bad(_write("bom.txt", b"\xef\xbb\xbf\n"), EmptyFileError, r"empty"),
    # binary
    "png_named_txt": Bad(_write("photo.txt", _png()), BinaryFileError, r"PNG image"),
    "jpeg_named_md": Bad(_write("photo.md", b"\xff\xd8\xff\xe0" + bytes(500)), BinaryFileError, r"JPEG image"),
    "zip_named_txt": Bad(_write("archive.txt", _real_zip()), BinaryFileError, r"zip archive"),
    "pdf_named_txt": Bad(_write("report.txt", b"%PDF-1.4\n" + bytes(300)), BinaryFileError, r"PDF"),
    "png_named_html": Bad(_write("page.html", _png()), BinaryFileError, r"PNG image"),
    "random_bytes": Bad(_write("noise.txt", random.Random(1).randbytes(4096)), BinaryFileError, r"binary"),
    # undecodable
    "shift_jis": Bad(
        _text_file("jp.txt", "東京都の報告書では、経済成長の目標を設定しました。" * 30, "shift_jis"),
        DecodeError,
        r"UTF-8",
    ),
    "latin1": Bad(
        _text_file("fr.txt", "Le rapport économique a été présenté à l'assemblée. " * 30, "latin-1"),
        DecodeError,
        r"UTF-8",
    ),
    "utf8_with_stray_byte": Bad(_utf8_with_stray_byte, DecodeError, r"UTF-8"),
    "utf16_bom_bad_bytes": Bad(
        _write("bad16.txt", b"\xff\xfe" + "甲镇报告".encode("utf-16-le") + b"\x00\xd8\x41"),
        DecodeError,
        r"byte-order mark",
    ),
    # unsupported types
    "xlsx": Bad(
        _write("table.xlsx", b"PK\x03\x04" + bytes(100)),
        UnsupportedFormatError,
        r"unsupported file type '\.xlsx'",
    ),
    "old_doc": Bad(
        _write("report.doc", b"\xd0\xcf\x11\xe0" + bytes(100)),
        UnsupportedFormatError,
        r"unsupported file type '\.doc'",
    ),
    "no_extension": Bad(
        _write("REPORT2023", "甲镇2023年政府工作报告".encode()),
        UnsupportedFormatError,
        r"unsupported file type",
    ),
    # .docx
    "docx_not_a_zip": Bad(
        _write("broken.docx", b"this is not a zip archive"),
        CorruptFileError,
        r"not a valid \.docx",
        needs=_DOCX,
    ),
    "docx_is_a_png": Bad(_write("photo.docx", _png()), CorruptFileError, r"not a valid \.docx", needs=_DOCX),
    "docx_truncated": Bad(_docx_truncated, CorruptFileError, r"not a valid \.docx|could not be parsed", needs=_DOCX),
    "docx_not_word": Bad(_docx_not_word, CorruptFileError, r"not a Word document", needs=_DOCX),
    "docx_bad_xml": Bad(_docx_bad_xml, CorruptFileError, r"could not be parsed", needs=_DOCX),
    "docx_encrypted": Bad(_docx_encrypted, CorruptFileError, r"encrypted", needs=_DOCX),
    "docx_no_text": Bad(_docx_empty, NoTextLayerError, r"OCR", needs=_DOCX),
    "docx_image_only": Bad(_docx_image_only, NoTextLayerError, r"OCR", needs=_DOCX + ("PIL",)),
    "docx_billion_laughs": Bad(_docx_billion_laughs, CorruptFileError, r"could not be parsed", needs=_DOCX),
    "docx_lying_zip_sizes": Bad(_docx_lying_sizes, CorruptFileError, r"could not be parsed", needs=_DOCX),
    "toc_only_docx": Bad(_toc_docx, NoReportsFoundError, r"table of contents", needs=_DOCX),
    # .pdf
    "pdf_garbage": Bad(_pdf_garbage, CorruptFileError, r"damaged PDF", needs=_PDF),
    "pdf_truncated": Bad(_pdf_truncated, CorruptFileError, r"damaged PDF", needs=_PDF),
    "pdf_header_only": Bad(_write("header.pdf", b"%PDF-1.4\n"), CorruptFileError, r"damaged PDF", needs=_PDF),
    "pdf_is_a_png": Bad(_write("photo.pdf", _png()), CorruptFileError, r"not a PDF", needs=_PDF),
    "pdf_encrypted_40bit": Bad(_pdf_encrypted(40), CorruptFileError, r"encrypted", needs=_PDF),
    "pdf_encrypted_128bit": Bad(_pdf_encrypted(128), CorruptFileError, r"encrypted", needs=_PDF),
    "pdf_no_text_layer": Bad(_pdf_no_text, NoTextLayerError, r"OCR", needs=_PDF),
    "pdf_image_only": Bad(_pdf_image_only, NoTextLayerError, r"OCR", needs=_PDF + ("PIL",)),
    # .html
    "html_navigation_only": Bad(
        _text_file("nav.html", _nav_html("<p>暂无内容</p>")),
        NoReportsFoundError,
        r"no report body",
    ),
    "html_empty_document": Bad(_text_file("empty.html", "<html></html>"), NoReportsFoundError, r"no report body"),
    "html_report_only_in_script": Bad(
        _text_file("script.html", _nav_html("<script>var t = '" + "地区生产总值增长百分之六" * 40 + "';</script>")),
        NoReportsFoundError,
        r"no report body",
    ),
    # no report in the text
    "toc_only": Bad(_text_file("toc.txt", TOC), NoReportsFoundError, r"table of contents"),
    "toc_only_page_numbers": Bad(_text_file("toc2.md", TEMPLATE_TOC), NoReportsFoundError, r"table of contents"),
    "site_junk_only": Bad(
        _text_file("junk.txt", "电脑桌面\n回到顶部\n联系客服\n您可能关注的文档\n"),
        NoReportsFoundError,
        r"no report text",
    ),
    # limits
    "text_over_max_bytes": Bad(_big_text, FileTooLargeError, r"Limits\.max_bytes", gr.Limits(max_bytes=10_000)),
    "html_over_max_bytes": Bad(_big_html, FileTooLargeError, r"Limits\.max_bytes", gr.Limits(max_bytes=10_000)),
    "docx_over_max_bytes": Bad(
        _good_docx,
        FileTooLargeError,
        r"Limits\.max_bytes",
        gr.Limits(max_bytes=10_000),
        needs=_DOCX,
    ),
    "pdf_over_max_bytes": Bad(
        _good_pdf,
        FileTooLargeError,
        r"Limits\.max_bytes",
        gr.Limits(max_bytes=10_000),
        needs=_PDF,
    ),
    "docx_zip_bomb": Bad(_docx_zip_bomb_small, FileTooLargeError, r"zip bomb.*Limits\.max_docx_uncompressed",
                         gr.Limits(max_docx_uncompressed=5_000_000), needs=_DOCX),
    "pdf_over_max_pdf_pages": Bad(
        _pdf_pages(5),
        FileTooLargeError,
        r"Limits\.max_pdf_pages",
        gr.Limits(max_pdf_pages=3),
        needs=_PDF,
    ),
}

#: Cases that fail because of a library bug (see /work/reliability_findings.md).
KNOWN_BUGS: dict[str, str] = {}


def _bad_params(names: list[str] | None = None) -> list:
    out = []
    for name in names or list(BAD):
        marks = [pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True)] if name in KNOWN_BUGS else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def _build(name: str, d: Path) -> Path:
    case = BAD[name]
    for mod in case.needs:
        pytest.importorskip(mod)
    return case.build(d)


@pytest.mark.parametrize("name", _bad_params())
def test_bad_input_raises_its_error_naming_file_and_reason(tmp_path, name):
    case = BAD[name]
    path = _build(name, tmp_path)
    with pytest.raises(ReportFileError) as info:
        gr.read_reports(path, limits=case.limits)
    err = info.value
    assert isinstance(err, GovReportsError)
    assert type(err) is case.error, f"{type(err).__name__}: {err.reason}"
    assert err.path == str(path)
    assert str(err) == f"{path}: {err.reason}"
    assert "\n" not in str(err) and err.reason.strip()
    # the reason is matched alone: the path may contain any word (tmp dirs are named after tests)
    assert re.search(case.reason, err.reason), err.reason


@pytest.mark.parametrize("name", _bad_params())
def test_bad_input_collected_next_to_a_good_report(tmp_path, name):
    case = BAD[name]
    path = _build(name, tmp_path)
    good = tmp_path / "good_report.txt"
    mini = "\n".join(_texts()[1].split("\n")[:3])  # title, greeting, opening: small enough for every limit here
    good.write_text(mini, encoding="utf-8")
    got = gr.read_reports([path, good], errors="collect", limits=case.limits or gr.Limits())
    assert got["region"].tolist() == ["六镇镇"]
    assert got["text"].tolist() == [mini]
    failures = got.attrs["failures"]
    assert list(failures.columns) == ["path", "error", "reason"]
    assert failures["path"].tolist() == [str(path)]
    assert failures["error"].tolist() == [case.error.__name__]
    assert re.search(case.reason, failures["reason"][0])


@pytest.mark.slow
def test_zip_bomb_over_the_default_limit(tmp_path):
    pytest.importorskip("docx")
    f = _docx_zip_bomb_default(tmp_path)
    assert f.stat().st_size < 1_000_000  # a small file …
    with pytest.raises(FileTooLargeError) as info:  # … that would inflate past 200 MB
        gr.read_reports(f)
    assert re.search(
        r"unpacks to [\d,]+ bytes, over the limit of 200,000,000 .*Limits\.max_docx_uncompressed", info.value.reason
    )


def test_zip_bomb_limit_is_configurable(tmp_path):
    pytest.importorskip("docx")
    f = _docx_zip_bomb_small(tmp_path)  # 10 MB of 'A' inside
    with pytest.raises(FileTooLargeError):
        gr.read_reports(f, limits=gr.Limits(max_docx_uncompressed=5_000_000))
    # under a larger limit the archive is unpacked and parsed: 10 MB of 'A' is no XML
    with pytest.raises(CorruptFileError, match=r"could not be parsed"):
        gr.read_reports(f, limits=gr.Limits(max_docx_uncompressed=50_000_000))


def test_lying_zip_headers_inflate_no_more_than_declared(tmp_path):
    """Headers that understate the size pass the limit check; the reader must
    still stop at the declared size (Python's zipfile does, then fails the CRC)."""
    pytest.importorskip("docx")
    import resource

    f = _docx_lying_sizes(tmp_path)
    with zipfile.ZipFile(f) as z:
        assert sum(i.file_size for i in z.infolist()) < 1_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(CorruptFileError):
        gr.read_reports(f, limits=gr.Limits(max_docx_uncompressed=1_000_000))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 25_000  # the 30 MB part was never inflated


def test_docx_external_entity_is_not_resolved(tmp_path):
    pytest.importorskip("docx")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-4711", encoding="utf-8")
    with zipfile.ZipFile(_good_docx(tmp_path)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, rest = xml.split("?>", 1)
    at = rest.index("<w:body>") + len("<w:body>")
    doc = (
        head + "?>" + f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        + rest[:at] + "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>" + rest[at:]
    )
    f = tmp_path / "xxe.docx"
    _rewrite_docx(_good_docx(tmp_path), f, doc.encode("utf-8"))
    try:
        got = gr.read_reports(f)
    except ReportFileError:
        return  # refusing the file is fine too
    assert "SECRET-TOKEN" not in got["text"][0]


@pytest.mark.slow
def test_pdf_over_the_default_page_limit(tmp_path):
    pytest.importorskip("pdfplumber")
    f = tmp_path / "long.pdf"
    _write_pdf_pages(f, gr.Limits().max_pdf_pages + 1)
    limit = f"{gr.Limits().max_pdf_pages:,}"
    with pytest.raises(FileTooLargeError, match=rf"over the limit of {limit} \(Limits\.max_pdf_pages\)"):
        gr.read_reports(f)


def test_pdf_page_limit_admits_a_pdf_within_it(tmp_path):
    pytest.importorskip("pdfplumber")
    f = _good_pdf(tmp_path)
    got = gr.read_reports(f, limits=gr.Limits(max_pdf_pages=50))
    assert got["text"].tolist() == [_texts()[1]]


def test_owner_password_pdf_is_read_or_refused_never_garbled(tmp_path):
    """Government PDFs often forbid copying with an owner password and an empty
    user password; they open without a password. Their text must come out
    right, or the file must be refused with a reason — never as garbage."""
    pytest.importorskip("pdfplumber")
    from reportlab.lib import pdfencrypt

    f = tmp_path / "no_copy.pdf"
    _write_pdf(f, _texts()[1], encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0))
    try:
        got = gr.read_reports(f)
    except ReportFileError as exc:
        assert re.search(r"encrypted|OCR|text layer", exc.reason)
        return
    assert "(cid:" not in got["text"][0]
    assert got["text"].tolist() == [_texts()[1].replace("·", "")]


def test_html_with_a_deep_but_ordinary_outline_reads(tmp_path):
    """A few hundred nested elements: fine today (see the next test for more)."""
    paras = _texts()[0].split("\n")
    body = "".join(f"<p>{p}\n" for p in paras[1:])  # unclosed <p>: valid HTML
    f = tmp_path / "unclosed.html"
    f.write_text(_nav_html(body, paras[0]), encoding="utf-8")
    got = gr.read_reports(f)
    assert got["text"][0] == "\n".join(paras[1:])


def test_html_with_many_unclosed_paragraphs_reads(tmp_path):
    """``<p>`` needs no end tag in HTML; a long page written that way (here
    the sample's paragraphs 20 times, 1,280 ``<p>``) must read, not fail
    with a RecursionError."""
    paras = _texts()[0].split("\n")[1:] * 20
    f = tmp_path / "long_unclosed.html"
    f.write_text(_nav_html("".join(f"<p>{p}\n" for p in paras), "甲镇2023年政府工作报告"), encoding="utf-8")
    got = gr.read_reports(f)
    assert got["text"][0].count("\n") + 1 == len(paras)


def _block_imports(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    for name in names:
        monkeypatch.setitem(sys.modules, name, None)  # `import name` now raises ImportError


def test_missing_optional_package_fails_only_its_files(tmp_path, monkeypatch):
    pytest.importorskip("docx")
    docx_file = _good_docx(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(_texts()[0], encoding="utf-8")
    _block_imports(monkeypatch, "docx")
    got = gr.read_reports([docx_file, good], errors="collect")
    assert got["region"].tolist() == ["横沥镇"]
    failures = got.attrs["failures"]
    assert failures["path"].tolist() == [str(docx_file)]
    assert "pip install" in failures["reason"][0]


def test_missing_optional_package_message_names_the_extra(tmp_path, monkeypatch):
    pytest.importorskip("docx")
    docx_file = _good_docx(tmp_path)
    _block_imports(monkeypatch, "docx")
    with pytest.raises(GovReportsError, match=r'pip install "govreports\[docx\]"'):
        gr.read_reports(docx_file)


# =========================================================================== the command line

def _run_cli(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "govreports", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)


#: Bad files given to the command line in one batch (all but the slow builders).
CLI_BATCH = [n for n in BAD if BAD[n].limits is None]


def _build_cli_batch(tmp_path: Path) -> list[Path]:
    """The CLI batch of bad files, each in its own folder (cases whose
    builder needs a missing optional package are left out)."""
    paths = []
    for name in CLI_BATCH:
        case = BAD[name]
        if any(_missing_module(m) for m in case.needs):
            continue
        d = tmp_path / name
        d.mkdir()
        paths.append(case.build(d))
    return paths


@pytest.mark.parametrize("command", [["info"], ["metrics"], ["panel"], ["metrics", "--jobs", "2"]], ids=" ".join)
def test_cli_batch_of_bad_files_and_one_good(tmp_path, command):
    paths = _build_cli_batch(tmp_path)
    good = tmp_path / "good" / "六镇镇.txt"
    good.parent.mkdir()
    good.write_text(_texts()[1], encoding="utf-8")
    batch = [str(p) for p in paths[: len(paths) // 2]] + [str(good)] + [str(p) for p in paths[len(paths) // 2:]]
    r = _run_cli(*command, *batch)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.rstrip("\n").split("\n")
    assert len(lines) == len(paths), r.stderr
    # one line per bad file (the order is not specified: path errors may come first)
    named = {}
    for line in lines:
        path = next((str(p) for p in paths if line.startswith(f"{p}: ")), None)
        assert path is not None, line
        assert len(line) > len(path) + 2
        named[path] = line
    assert sorted(named) == sorted(str(p) for p in paths)
    assert "六镇镇" in r.stdout
    if command == ["info"]:
        assert r.stdout.count("\n") == 2  # the header and one report
    else:
        rows = pd.read_csv(io.StringIO(r.stdout))
        assert len(rows) > 0 and set(rows["report_id"]) == {"2023_六镇镇"}


@pytest.mark.corpus
@pytest.mark.slow
def test_cli_metrics_over_the_whole_corpus_and_the_bad_files(tmp_path, corpus_dir):
    """The issue's acceptance run: every corpus report comes out, every bad
    file gets one line, nothing else is said, exit status 1."""
    paths = _build_cli_batch(tmp_path)
    out = tmp_path / "figures.csv"
    r = _run_cli("metrics", "--jobs", "2", "-o", str(out), str(corpus_dir), *map(str, paths))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    lines = r.stderr.rstrip("\n").split("\n")
    assert sorted(ln.split(": ")[0] for ln in lines) == sorted(map(str, paths)), r.stderr[:2000]
    sources = set(pd.read_csv(out, usecols=["source"])["source"])
    # a directory walk skips README/LICENSE files (the corpus has one README)
    reports = {str(f) for f in corpus_dir.rglob("*.md") if not f.name.lower().startswith(("readme", "license"))}
    assert len(reports) == 3004
    assert sources == reports  # every corpus report (each has figures) is in the output


def _missing_module(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return True
    return False


def test_cli_only_bad_files_exits_1_with_no_output(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = _run_cli("metrics", str(empty), str(tmp_path / "missing.pdf"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert sorted(r.stderr.splitlines()) == sorted(
        [f"{empty}: empty file", f"{tmp_path / 'missing.pdf'}: no such file or directory"]
    )
    assert r.stdout.count("\n") <= 1  # nothing, or a header


def test_cli_directory_without_reports(tmp_path):
    d = _dir_without_reports(tmp_path)
    r = _run_cli("info", str(d))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert re.fullmatch(re.escape(str(d)) + r": directory holds no report files \(.*\)\n", r.stderr)


_CLI_WITHOUT_DOCX = """
import sys
sys.modules["docx"] = None  # python-docx not installed
from govreports._cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_cli_missing_optional_package_reports_the_file_and_goes_on(tmp_path):
    pytest.importorskip("docx")
    docx_file = _good_docx(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(_texts()[0], encoding="utf-8")
    r = _run_cli("info", str(docx_file), str(good), code=_CLI_WITHOUT_DOCX)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"{docx_file}: ")
    assert "横沥镇" in r.stdout


# =========================================================================== safety

_FORBIDDEN_MODULES = {
    "pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle", "joblib",
    "socket", "ssl", "urllib", "urllib2", "urllib3", "requests", "httpx", "aiohttp", "http.client",
    "ftplib", "smtplib", "telnetlib", "xmlrpc", "websocket", "websockets",
}
_FORBIDDEN_CALLS = {"eval", "exec", "__import__", "compile"}
_FORBIDDEN_ATTRS = {"read_pickle", "to_pickle", "urlopen", "urlretrieve"}


def _package_sources() -> list[Path]:
    root = Path(gr.__file__).resolve().parent
    return sorted(root.rglob("*.py"))


def test_package_has_no_eval_exec_pickle_or_network_code():
    found: list[str] = []
    for f in _package_sources():
        tree = ast.parse(f.read_text(encoding="utf-8"), filename=str(f))
        for node in ast.walk(tree):
            where = f"{f.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in _FORBIDDEN_MODULES or a.name.split(".")[0] in _FORBIDDEN_MODULES:
                        found.append(f"{where} import {a.name}")
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module in _FORBIDDEN_MODULES or node.module.split(".")[0] in _FORBIDDEN_MODULES:
                    found.append(f"{where} from {node.module} import …")
            elif isinstance(node, ast.Call):
                fn = node.func
                if isinstance(fn, ast.Name) and fn.id in _FORBIDDEN_CALLS:
                    found.append(f"{where} {fn.id}()")
                if isinstance(fn, ast.Attribute) and fn.attr in _FORBIDDEN_ATTRS:
                    found.append(f"{where} .{fn.attr}()")
                if (
                    isinstance(fn, ast.Attribute)
                    and fn.attr == "load"
                    and isinstance(fn.value, ast.Name)
                    and fn.value.id in ("yaml", "np", "numpy")
                ):
                    found.append(f"{where} {fn.value.id}.load()")
                for kw in node.keywords:
                    if kw.arg == "allow_pickle" and not (
                        isinstance(kw.value, ast.Constant) and kw.value.value is False
                    ):
                        found.append(f"{where} allow_pickle=")
    assert len(_package_sources()) > 10
    assert found == []


def test_package_source_text_has_no_forbidden_names():
    """The plain grep of the issue, on code tokens (docstrings and comments may mention the words)."""
    import tokenize

    words = {"eval", "exec", "pickle", "urllib", "requests", "socket"}
    found = []
    for f in _package_sources():
        with f.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                if tok.type == tokenize.NAME and tok.string in words:
                    found.append(f"{f.name}:{tok.start[0]} {tok.line.strip()}")
    assert found == []


def test_pipeline_opens_no_network_connection(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    files = []
    for i, ext in enumerate([".txt", ".md", ".html"]):
        f = tmp_path / f"r{i}{ext}"
        text = _texts()[i]
        f.write_text(
            _nav_html("".join(f"<p>{p}</p>" for p in text.split("\n"))) if ext == ".html" else text, encoding="utf-8"
        )
        files.append(f)
    if not _missing_module("docx"):
        files.append(_good_docx(tmp_path))
    if not (_missing_module("pdfplumber") or _missing_module("reportlab")):
        files.append(_good_pdf(tmp_path))
    reports = pd.concat([gr.load_sample(), gr.read_reports(files)], ignore_index=True)
    reports["report_id"] = [f"r{i}" for i in range(len(reports))]
    located = gr.locate(reports)
    m = gr.extract_metrics(located)
    assert len(gr.panel(m)) > 0
    assert len(gr.sections(reports)) > 0 and len(gr.sentences(reports)) > 0
    assert len(gr.load_indicators()) > 0


# =========================================================================== content that is not what it seems

TEMPLATE = """XX镇2023年政府工作报告
各位代表：
现在，我代表镇人民政府，向大会报告工作，请予审议。
一、2022年工作回顾
过去一年，全镇实现地区生产总值XX亿元，同比增长X.X%；一般公共预算收入xx万元，增长**%；规上工业增加值XX.X亿元，增长X%；固定资产投资完成XX亿元，增长XX%。
二、2023年工作安排
2023年主要预期目标是：地区生产总值增长X%左右，一般公共预算收入增长x.x%，城乡居民人均可支配收入分别增长X%和X%，新增就业XX人。
各位代表！让我们团结奋斗！"""

_PLACEHOLDER_SLOT = re.compile(r"(?:X\.X|XX\.X|XX|xx|x\.x|X|\*\*)(?=%|亿|万|人)")


def test_template_with_placeholders_gives_no_figures():
    reports = gr.reports_from_texts({"template.txt": TEMPLATE})
    text = reports["text"][0]
    assert "placeholders" in reports["quality_flags"][0]
    m = gr.extract_metrics(reports)
    slots = [(x.start(), x.end()) for x in _PLACEHOLDER_SLOT.finditer(text)]
    assert len(slots) == 13  # counted by reading the template
    assert len(m) == len(slots)
    for row in m.itertuples():
        assert pd.isna(row.value), text[row.start:row.end]
        assert "placeholder" in row.quality_flags
        assert any(a == row.start for a, _ in slots)
    assert gr.panel(m).empty


def test_template_placeholders_survive_every_text_format(tmp_path):
    pytest.importorskip("docx")
    paras = TEMPLATE.split("\n")
    (tmp_path / "t.txt").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "t.html").write_text(
        _nav_html("".join(f"<p>{p}</p>" for p in paras[1:] * 4), paras[0]), encoding="utf-8"
    )
    _write_docx(tmp_path / "t.docx", paras)
    for f in sorted(tmp_path.iterdir()):
        m = gr.extract_metrics(gr.read_reports(f))
        assert len(m) >= 13, f.name
        assert m["value"].isna().all(), f.name
        assert m["quality_flags"].map(lambda fl: "placeholder" in fl).all(), f.name


def test_markdown_template_keeps_star_placeholders(tmp_path):
    f = tmp_path / "template.md"
    f.write_text(TEMPLATE, encoding="utf-8")
    reports = gr.read_reports(f)
    assert "增长**%" in reports["text"][0]
    m = gr.extract_metrics(reports)
    assert len(m) == 13 and m["value"].isna().all()


def test_same_figure_stated_twice_is_flagged_repeated():
    text = _texts()[0]
    paras = text.split("\n")
    i = next(k for k, p in enumerate(paras) if "207.45亿元" in p)
    restated = "总的看，全镇实现地区生产总值207.45亿元，同比增长2.0%。"
    reports = gr.reports_from_texts({"twice.txt": "\n".join(paras[: i + 1] + [restated] + paras[i + 1:])})
    m = gr.extract_metrics(reports)
    gdp = m[(m["indicator"] == "gdp") & (m["kind"] == "actual")]
    levels = gdp[gdp["value"] == 207.45]
    assert len(levels) == 2
    assert "repeated" not in levels["quality_flags"].iloc[0] and "repeated" in levels["quality_flags"].iloc[1]
    growth = gdp[(gdp["measure"] == "growth") & (gdp["value"] == 2.0)]
    assert [("repeated" in f) for f in growth["quality_flags"]] == [False, True]
    p = gr.panel(m)
    row = p[(p["indicator"] == "gdp") & (p["kind"] == "actual") & (p["measure"] == "level")]
    assert row["start"].tolist() == [levels["start"].iloc[0]]  # counted once, at its first statement
    assert not m[m["quality_flags"].map(lambda f: "repeated" in f)].empty


@pytest.mark.parametrize("fraction", [0.2, 0.37, 0.5, 0.81, 0.97])
def test_report_cut_mid_sentence_is_flagged_truncated(tmp_path, fraction):
    text = _texts()[0]
    cut = int(len(text) * fraction)
    while text[cut - 1] in "。！？!?；;：:，,、\n”）)":  # cut inside a clause, as a broken download does
        cut += 1
    f = tmp_path / "cut.txt"
    f.write_text(text[:cut], encoding="utf-8")
    got = gr.read_reports(f)
    assert "truncated" in got["quality_flags"][0]
    assert got["text"][0] == text[:cut].rstrip()


def test_complete_reports_are_not_flagged_truncated():
    flags = _sample()["quality_flags"].tolist()
    # 濮院镇 stops mid-sentence in the source (dataset card); the other four end with a sentence
    assert [("truncated" in f) for f in flags] == [False, False, False, False, True]


def test_utf8_file_cut_inside_a_character_is_a_truncated_report(tmp_path):
    data = _texts()[0].encode("utf-8")
    cut = len(data) // 2
    while (data[cut] & 0xC0) != 0x80:  # inside a multi-byte character
        cut += 1
    f = tmp_path / "cut_bytes.txt"
    f.write_bytes(data[:cut])
    got = gr.read_reports(f)
    assert "truncated" in got["quality_flags"][0]
    assert got["text"][0] == data[:cut].decode("utf-8", errors="ignore").rstrip()


def test_file_that_is_not_a_report_is_flagged_and_goes_through_every_stage(tmp_path):
    # Found running the whole corpus tree: its README (no region, no year)
    # was read, then extract_metrics crashed on the missing region.
    f = tmp_path / "README.md"
    f.write_text(
        "# 说明\n\n本仓库收录政府工作报告文本，共3004篇，较上年增加12%。\n\n"
        "部分文本可能有删节或不完整，正式文本以出版物为准。\n",
        encoding="utf-8",
    )
    reports = gr.read_reports(f)
    assert {"no_region", "no_year"} <= set(reports["quality_flags"][0])
    figures = gr.extract_metrics(reports)
    assert figures["value"].tolist() == [3004.0, 12.0]
    assert gr.panel(figures).empty  # no indicator named
    assert gr.locate(reports)["locate_confidence"].tolist() == ["not_found"]
    both = pd.concat([_sample().head(1), reports], ignore_index=True)
    assert set(gr.extract_metrics(both)["report_id"]) == set(both["report_id"])


# ---------------------------------------------------------------- glued figures in the sample

def _figures_in_span(pattern: str) -> tuple[str, pd.DataFrame, int]:
    sample = _sample()
    m = gr.extract_metrics(sample)
    for rid, text in zip(sample["report_id"], sample["text"]):
        at = text.find(pattern)
        if at >= 0:
            rows = m[(m["report_id"] == rid) & (m["start"] < at + len(pattern)) & (m["end"] > at)]
            return text, rows, at
    raise AssertionError(f"{pattern} is not in the sample")


# Gold by reading the sample: each run holds these figures (declines are negative in the data).
GLUED = [
    ("占规上工业增加值比重的57.2%22.3%", ["57.2%", "22.3%"]),
    ("分别下降37.5%25%", ["37.5%", "25%"]),
    ("分别下降3.4%6.9%10.0%33.3%", ["3.4%", "6.9%", "10.0%", "33.3%"]),
    ("增长2.6%3.27亿元", ["2.6%", "3.27亿元"]),
]


@pytest.mark.parametrize("run, parts", GLUED, ids=[g[0] for g in GLUED])
def test_glued_figures_are_split_and_flagged(run, parts):
    text, rows, _ = _figures_in_span(run)
    assert [text[a:b] for a, b in zip(rows["start"], rows["end"])] == parts
    assert rows["quality_flags"].map(lambda f: "glued" in f).all()
    assert [abs(v) for v in rows["value"]] == [float(re.match(r"[\d.]+", p).group()) for p in parts]
    panel = gr.panel(_sample())
    # never a headline
    assert not set(zip(panel["report_id"], panel["start"])) & set(zip(rows["report_id"], rows["start"]))


def test_year_glued_to_a_figure_is_not_read_as_one_number():
    text, rows, at = _figures_in_span("完成20222027亩高标农田建设")
    assert [text[a:b] for a, b in zip(rows["start"], rows["end"])] == ["2027亩"]
    assert rows["quality_flags"].iloc[0] == ["glued"]
    m = gr.extract_metrics(_sample())
    assert not (m["value"] == 20222027).any()


@pytest.mark.parametrize("run", ["惠及4711752人", "390697人"])
def test_glued_counts_stay_visible_and_out_of_the_panel(run):
    """``4711752人`` is probably 471户1752人 with 户 lost: nothing in the digits
    shows the seam, so it is not flagged today (recorded in the findings).
    What must hold: the span is reported exactly, and it feeds no panel row."""
    text, rows, at = _figures_in_span(run)
    assert len(rows) == 1
    digits = re.search(r"\d+人", run).group()
    assert text[rows["start"].iloc[0]:rows["end"].iloc[0]] == digits
    assert rows["indicator"].iloc[0] == ""
    panel = gr.panel(_sample())
    assert (rows["report_id"].iloc[0], rows["start"].iloc[0]) not in set(zip(panel["report_id"], panel["start"]))


# =========================================================================== 10 MB without punctuation

_STAGES_CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (12 << 30, 12 << 30))  # a runaway stage fails, not the machine
import govreports as gr
from govreports.extract._numbers import find_quantities
path, stages = sys.argv[1], [s for s in sys.argv[2].split(",") if s]

def emit(stage, t0, n):
    print(json.dumps({"stage": stage, "seconds": round(time.perf_counter() - t0, 3), "rows": n}), flush=True)

t0 = time.perf_counter(); reports = gr.read_reports(path); emit("read_reports", t0, len(reports))
for stage in stages:
    t0 = time.perf_counter()
    if stage == "sections":
        out = gr.sections(reports)
    elif stage == "sentences":
        out = gr.sentences(reports)
    elif stage == "find_quantities":
        out = find_quantities(reports["text"][0])
    elif stage == "extract_metrics":
        metrics = out = gr.extract_metrics(reports)
    elif stage == "panel":
        out = gr.panel(metrics)
    emit(stage, t0, len(out))
"""


def _no_punctuation_text(n_bytes: int) -> str:
    """The sample's words and figures with every punctuation mark and space
    removed (digits, '.', '%', Latin letters and Chinese characters kept),
    repeated to ``n_bytes`` of UTF-8."""
    body = re.sub(r"[^0-9A-Za-z.%\u4e00-\u9fff]", "", "".join(_texts()))
    text = body * (n_bytes // len(body.encode("utf-8")) + 1)
    return text.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")


@pytest.fixture(scope="module")
def ten_mb_files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("ten_mb")
    text = _no_punctuation_text(10_000_000)
    one_line = d / "one_line.txt"
    one_line.write_text(text, encoding="utf-8")
    wrapped = d / "wrapped.txt"
    wrapped.write_text(_hard_wrap(text), encoding="utf-8")
    part = text[: len(text) // 16]
    (d / "one_line_part.txt").write_text(part, encoding="utf-8")
    (d / "wrapped_part.txt").write_text(_hard_wrap(part), encoding="utf-8")
    assert 9_900_000 < one_line.stat().st_size <= 10_000_000
    return {"one_line": one_line, "wrapped": wrapped}


def _hard_wrap(text: str, width: int = 40) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def _run_stages(path: Path, stages: list[str], budget: float) -> tuple[dict[str, float], bool, str]:
    """Run the stages on ``path`` in a child process; kill it after ``budget`` seconds."""
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    proc = subprocess.Popen(
        [sys.executable, "-c", _STAGES_CHILD, str(path), ",".join(stages)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        out, err = proc.communicate(timeout=budget)
        finished = proc.returncode == 0
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        finished = False
    times = {r["stage"]: r["seconds"] for r in map(json.loads, out.splitlines())}
    print(f"{path.name}: {times} finished={finished}")  # the measured times, shown with -rP / -s
    return times, finished, err[-2000:]


STAGE_BOUND = 15.0  # seconds for one stage on 10 MB; the linear stages take 0.05–2 s here
TOTAL_BOUND = 60.0  # seconds for all stages together


@pytest.mark.slow
@pytest.mark.parametrize(
    "variant",
    [
        "one_line",
        "wrapped",
    ],
)
def test_10mb_without_punctuation_reads_and_segments_in_seconds(ten_mb_files, variant):
    stages = ["sections", "sentences", "find_quantities"]
    path = ten_mb_files[variant]
    times, finished, err = _run_stages(path, stages, TOTAL_BOUND)
    assert finished, err
    assert set(times) == {"read_reports", *stages}
    slow = {k: v for k, v in times.items() if v > STAGE_BOUND}
    assert not slow, slow
    # Linear, not merely fast on a fast day: a sixteenth of the input takes
    # about a sixteenth of the time (quadratic work: 1/256). Measured with
    # the quadratic re-flow: 0.07 s against 16-25 s.
    part, finished, err = _run_stages(path.with_name(f"{path.stem}_part.txt"), [], TOTAL_BOUND)
    assert finished, err
    assert times["read_reports"] <= 64 * max(part["read_reports"], 0.05), (times, part)


_BACKTRACK_CHILD = r"""
import sys, time
import govreports as gr
reps = int(sys.argv[1])
# a clause of 实现了 repeated, then a word that is no "neutral" word, then an indicator
text = "甲镇2023年政府工作报告\n" + "实现了" * reps + "甲地区生产总值增长5%。"
t0 = time.perf_counter()
gr.extract_metrics(gr.reports_from_texts([text]))
print(round(time.perf_counter() - t0, 3))
"""


@pytest.mark.slow
def test_repetitive_clause_does_not_trigger_regex_backtracking():
    """``(?:…|实现了?|…|了|…)+$`` can split 实现了 two ways: a run of them that
    does not reach the end doubles the work per repeat. 26 repeats (a clause
    of 90 characters) must take well under a second, not minutes."""
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    try:
        r = subprocess.run(
            [sys.executable, "-c", _BACKTRACK_CHILD, "26"], capture_output=True, text=True, env=env, timeout=20
        )
    except subprocess.TimeoutExpired:
        pytest.fail("extract_metrics on a 104-character report did not finish in 20 s")
    assert r.returncode == 0, r.stderr
    assert float(r.stdout) < 5


@pytest.mark.slow
def test_10mb_without_punctuation_all_stages_within_60s(ten_mb_files):
    stages = ["sections", "sentences", "extract_metrics", "panel"]
    times, finished, err = _run_stages(ten_mb_files["one_line"], stages, TOTAL_BOUND)
    assert finished, f"stages done in {TOTAL_BOUND:.0f} s: {times}; {err}"
    assert sum(times.values()) <= TOTAL_BOUND


# =========================================================================== properties

# ---------------------------------------------------------------- re-encoding

@st.composite
def _excerpts(draw, min_paragraphs: int = 1) -> str:
    """Consecutive paragraphs of one sample report, its title line first."""
    text = draw(st.sampled_from(_texts()))
    paras = text.split("\n")
    a = draw(st.integers(1, len(paras) - min_paragraphs))
    b = draw(st.integers(a + min_paragraphs, min(len(paras), a + 40)))
    return "\n".join([paras[0]] + paras[a:b])


@_prop(40)
@given(
    text=_excerpts(),
    encoding=st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_reencoding_changes_neither_text_nor_figures(text, encoding, newline):
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)  # GBK lacks a few characters GB18030 has
    with tempfile.TemporaryDirectory() as d:
        base, other = Path(d) / "utf8.txt", Path(d) / "other.txt"
        base.write_bytes(text.encode("utf-8"))
        other.write_bytes(text.replace("\n", newline).encode(encoding))
        want, got = gr.read_reports(base), gr.read_reports(other)
    assert got["text"].tolist() == want["text"].tolist()
    assert _figures(got) == _figures(want)


# ---------------------------------------------------------------- PDF-style re-wrapping

def _display_width(ch: str) -> int:
    return 1 if ch.isascii() else 2


def _pdf_wrap(text: str, columns: int, page_every: int) -> str:
    """Lay a text out as PDF extraction returns it: lines of at most
    ``columns`` display columns (a Chinese character is two, ASCII one),
    paragraphs indented by two ideographic spaces, runs of ASCII characters
    (words, numbers, URLs) never broken, a space where a line breaks consumed
    by the break, a page-number line after every ``page_every`` lines."""
    out: list[str] = []
    for para in text.split("\n"):
        line, width, i = "\u3000\u3000", 4, 0
        while i < len(para):
            j = i + 1
            if para[i].isascii() and not para[i].isspace():
                while j < len(para) and para[j].isascii() and not para[j].isspace():
                    j += 1
            token = para[i:j]
            w = sum(_display_width(c) for c in token)
            if width + w > columns and line.strip():
                out.append(line.rstrip(" "))
                line, width = "", 0
                if page_every and len(out) % page_every == 0:
                    out.append(f"- {len(out) // page_every} -")
            if token == " " and not line:
                i = j  # the break takes the place of the space
                continue
            line, width, i = line + token, width + w, j
        out.append(line)
    return "\n".join(out)


def _long_paragraphs() -> str:
    # The sample's own paragraphs of more than 600 characters: the length of
    # many paragraphs of provincial and national reports.
    return "\n".join(p for t in _texts() for p in t.split("\n") if len(p) > 600)


@pytest.mark.parametrize("columns", [56, 68])  # 28 characters a line (GB/T 9704 公文) and 34
def test_rewrapped_sample_reports_keep_text_and_figures(columns):
    for text in _texts():
        wrapped = gr.reports_from_texts({"wrapped.txt": _pdf_wrap(text, columns, 22)})
        plain = gr.reports_from_texts({"plain.txt": text})
        assert wrapped["text"].tolist() == [text]
        assert _figures(wrapped) == _figures(plain)


def test_rewrapped_long_paragraphs_at_28_characters_a_line():
    text = _long_paragraphs()
    assert gr.reports_from_texts({"w.txt": _pdf_wrap(text, 56, 0)})["text"].tolist() == [text]


def test_rewrapped_line_starting_like_a_heading_is_not_a_new_paragraph():
    text = _long_paragraphs()
    wrapped = _pdf_wrap(text, 80, 0)
    assert "\n一、一员多用" in wrapped  # 多员合一、一员多用 broken after 合 (read in the layout)
    assert gr.reports_from_texts({"w.txt": wrapped})["text"].tolist() == [text]


@_prop(60)
@given(text=_excerpts(min_paragraphs=10), columns=st.integers(40, 100), page_every=st.sampled_from([0, 22, 40]))
@example(text=_long_paragraphs(), columns=56, page_every=0)
@example(text=_long_paragraphs(), columns=80, page_every=0)
def test_pdf_style_rewrapping_changes_neither_text_nor_figures(text, columns, page_every):
    plain = gr.reports_from_texts({"plain.txt": text})
    wrapped = gr.reports_from_texts({"wrapped.txt": _pdf_wrap(text, columns, page_every)})
    assert wrapped["text"].tolist() == plain["text"].tolist()
    assert _figures(wrapped) == _figures(plain)


@pytest.mark.slow
@pytest.mark.parametrize("chars_per_line", [28, 34])
def test_real_pdf_round_trip_keeps_text_and_figures(tmp_path, chars_per_line):
    """Real PDFs of the five reports. pdfminer drops U+00B7 (·) drawn with
    reportlab's STSong-Light CID font (pdfium reads it), so it is left out
    of the comparison: a limitation of the fixture, not of govreports."""
    pytest.importorskip("pdfplumber")
    for i, text in enumerate(_texts()):
        f = tmp_path / f"r{i}_{chars_per_line}.pdf"
        _write_pdf(f, text, chars_per_line=chars_per_line)
        got = gr.read_reports(f)
        want = gr.reports_from_texts({"x": text.replace("·", "")})
        assert got["text"].tolist() == want["text"].tolist(), f"report {i}"
        assert _figures(got) == _figures(want), f"report {i}"


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_reports_survive_rewrapping_at_28_characters(corpus_dir):
    """Counts only (no corpus text is stored): how many of 150 corpus reports
    come back unchanged from a PDF-style layout at 28 characters a line."""
    files = sorted(corpus_dir.rglob("*.md"))
    picked = random.Random(0).sample(files, min(150, len(files)))
    changed = []
    for f in picked:
        text = gr.read_reports(f)["text"][0]
        if gr.reports_from_texts({"w.txt": _pdf_wrap(text, 56, 0)})["text"][0] != text:
            changed.append(str(f.relative_to(corpus_dir)))
    print(f"{len(changed)} of {len(picked)} corpus reports change when re-wrapped at 28 characters a line")
    assert changed == []


# ---------------------------------------------------------------- sections tile the text

_HEADINGS = [
    "一、2022年工作回顾", "二、2023年工作安排", "三、", "十、", "（一）聚焦产业发展", "(二)民生", "1.稳增长",
    "2、促改革", "（1）抓项目", "一是抓项目。", "第一，稳经济", "# 一级标题", "## 二级标题", "**名词解释**", "名词解释",
    "2022年工作回顾", "2023年工作安排", "各位代表：", "各位代表！让我们团结奋斗！",
    "主要预期目标是：地区生产总值增长6%左右。", "我们也清醒地看到，发展中还存在一些困难和问题。", "（", "一、", "",
]


@st.composite
def _shuffled_reports(draw) -> str:
    paras = [p for t in _texts() for p in t.split("\n")[1:]]
    items = draw(st.lists(
        st.one_of(
            st.sampled_from(paras),
            st.sampled_from(_HEADINGS),
            st.text(alphabet="一二三四五、.（）()12345：:。！ #*让我们各位代表目标", max_size=20),
        ),
        max_size=50,
    ))
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(items)


@_prop(300)
@given(text=_shuffled_reports())
def test_sections_always_tile_the_text(text):
    from govreports.extract._segment import find_sections

    secs = find_sections(text)
    leaves = sorted((s for s in secs if s["is_leaf"]), key=lambda s: s["start"])
    assert leaves[0]["start"] == 0 and leaves[-1]["end"] == len(text)
    assert all(a["end"] == b["start"] for a, b in zip(leaves, leaves[1:]))
    if text:
        assert all(s["start"] < s["end"] for s in leaves)
    by_id = {s["section_id"]: s for s in secs}
    for s in secs:
        if s["parent_id"] is not None:
            p = by_id[s["parent_id"]]
            assert p["start"] <= s["start"] <= s["end"] <= p["end"]
    frame = gr.sections(pd.DataFrame({"report_id": ["x"], "text": [text]}))
    assert frame.loc[frame["is_leaf"], "end"].sub(frame.loc[frame["is_leaf"], "start"]).sum() == len(text)


# ---------------------------------------------------------------- compilation splitting loses nothing

_SITE_JUNK = [
    "电脑桌面", "添加公寻网到电脑桌面", "安装后可以在桌面快捷访问", "VIP专享文档", "本文档为VIP免费文档", "联系客服",
    "回到顶部", "您可能关注的文档", "下载文档", "举报", "收藏", "分享到：", "当前位置：首页 > 政务公开", "上一篇：无",
    "浏览次数：12", "打印 关闭", "【字号：大 中 小】", "镇2023年政府工作报告汇编(19篇)",
    "1、当您付费下载文档后，您只拥有了使用权限", "",
]


@st.composite
def _compilations(draw) -> tuple[list[int], str]:
    """A compilation of sample reports: site junk, maybe a table of contents,
    then the reports (each opened by its title line) with junk and blank
    lines between their paragraphs."""
    sample = _sample()
    order = draw(st.permutations(range(len(sample))))
    chosen = list(order[: draw(st.integers(2, len(sample)))])
    lines = draw(st.lists(st.sampled_from(_SITE_JUNK), max_size=4))
    if draw(st.booleans()):
        lines.append("目录")
        lines += [f"{n + 1}.{sample['title'][i]} {draw(st.integers(1, 300))}" for n, i in enumerate(chosen)]
        lines += draw(st.lists(st.sampled_from(_SITE_JUNK), max_size=3))
    for i in chosen:
        for para in sample["text"][i].split("\n"):
            lines.append(para)
            if draw(st.integers(0, 9)) == 0:
                lines.append(draw(st.sampled_from(_SITE_JUNK)))
            if draw(st.booleans()):
                lines.append("")
    return chosen, "\n".join(lines)


@_prop(25)
@given(case=_compilations())
def test_compilation_splitting_loses_no_report_text(case):
    from govreports.io._compilation import split_compilation

    chosen, doc = case
    split = split_compilation(doc)
    # every input line is in exactly one report or among the removed junk
    assert sorted([ln for p in split.parts for ln in p.lines] + split.removed) == sorted(doc.split("\n"))
    assert [p.region for p in split.parts] == [_sample()["region"][i] for i in chosen]
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "compilation.txt"
        f.write_text(doc, encoding="utf-8")
        got = gr.read_reports(f)
    assert got["text"].tolist() == [_texts()[i] for i in chosen]


# ---------------------------------------------------------------- figures point at their surface form

_ATOMS = list("0123456789０１２３４５６７８９.．,，%％‰-－~～至到、和及Xx*一二两三十百千万亿零〇点 \u3000\n") + [
    "亿元", "万元", "元", "个百分点", "倍", "吨", "亩", "公里", "平方米", "万人", "人", "家", "个", "左右", "以上",
    "以内", "约", "近", "超过", "增长", "下降", "同比", "百分之", "年", "月", "第", "“", "”", "（", "）", "GDP",
    "PM2.5", "5G", "地区生产总值", "主要预期目标", "分别", "；", "。",
]


@st.composite
def _figure_soup(draw) -> str:
    paras = [p for t in _texts() for p in t.split("\n")]
    return "".join(draw(st.lists(
        st.one_of(st.sampled_from(_ATOMS), st.sampled_from(paras).map(lambda p: p[:60])), max_size=60,
    )))


@_prop(300)
@given(text=_figure_soup())
def test_every_figure_points_at_its_surface_form(text):
    from govreports.extract._numbers import find_quantities

    for q in find_quantities(text):  # offsets into the raw string, full-width digits and all
        assert q.surface and text[q.start:q.end] == q.surface
    try:
        reports = gr.reports_from_texts({"soup.txt": "甲镇2023年政府工作报告\n" + text})
    except NoReportsFoundError:
        return  # e.g. lines of bare numbers under the title read as a table of contents
    texts = dict(zip(reports["report_id"], reports["text"]))
    m = gr.extract_metrics(reports)
    for rid, g in m.groupby("report_id"):
        clean = texts[rid]
        surfaces = {(q.start, q.end): q.surface for q in find_quantities(clean)}
        for row in g.itertuples():
            assert clean[row.start:row.end] == surfaces[(row.start, row.end)]
            assert clean[row.sentence_start:].startswith(row.sentence)
            assert row.sentence_start <= row.start < row.end <= row.sentence_start + len(row.sentence)


def test_every_sample_figure_points_at_its_surface_form():
    from govreports.extract._numbers import find_quantities

    sample = _sample().set_index("report_id")
    m = gr.extract_metrics(_sample())
    assert len(m) > 500
    for rid, g in m.groupby("report_id"):
        text = sample.loc[rid, "text"]
        surfaces = {(q.start, q.end): q.surface for q in find_quantities(text)}
        for a, b in zip(g["start"], g["end"]):
            assert text[a:b] == surfaces[(a, b)]


# ---------------------------------------------------------------- any file: reports or a ReportFileError

_MARKUP = [
    "<p>", "</p>", "<div class='nav'>", "</div>", "<script>", "</script>", "<!--", "-->", "---\n", "**", "## ", "# ",
    "> ", "[a](b)", "![x](y)", "&amp;", "&#x4e00;", "<br>", "\n", "\n\n", "目录", "1.甲镇2023年政府工作报告 3",
    "乙镇2023年政府工作报告", "XX", "电脑桌面", "\u3000\u3000", "\x00", "\ufeff", "\r", "<table><tr><td>",
    "</td></tr></table>", "<title>", "</title>", "title: x\n", "：", "各位代表：",
]


@st.composite
def _messy_documents(draw) -> str:
    paras = [p for t in _texts() for p in t.split("\n")]
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(_MARKUP),
        st.tuples(st.sampled_from(paras), st.floats(0, 1)).map(lambda pc: pc[0][: int(len(pc[0]) * pc[1])]),
    ), max_size=40))
    return "".join(pieces)


@_prop(120)
@given(
    text=_messy_documents(),
    ext=st.sampled_from([".txt", ".md", ".html"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "gb18030"]),
)
def test_any_text_file_gives_reports_or_a_report_file_error(text, ext, encoding):
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"doc{ext}"
        f.write_bytes(text.encode(encoding, errors="replace"))
        try:
            reports = gr.read_reports(f)
        except ReportFileError as exc:
            assert exc.path == str(f) and "\n" not in str(exc)
            return
    m = gr.extract_metrics(reports)
    gr.panel(m)
    gr.sentences(reports, sections_frame=gr.sections(reports))
