"""Writers of real test documents shared by the test modules (PDFs with a CJK
CID font via reportlab, .docx via python-docx). Not collected by pytest;
``conftest.py`` puts this folder on ``sys.path``."""

from __future__ import annotations

from pathlib import Path

import pytest


def register_cid_font() -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def layout_lines(para: str, chars_per_line: int) -> list[str]:
    """Break a paragraph into lines as a word processor would: at most
    ``chars_per_line`` characters (the first line two fewer: indentation),
    never inside a run of Latin letters and digits (typesetters move a Latin
    word to the next line whole)."""
    lines: list[str] = []
    first = True
    while para:
        n = chars_per_line - (2 if first else 0)
        cut = min(n, len(para))
        while (0 < cut < len(para) and para[cut - 1].isascii() and para[cut].isascii()
               and para[cut - 1].isalnum() and para[cut].isalnum()):
            cut -= 1
        if cut == 0:
            cut = n
        lines.append(para[:cut])
        para = para[cut:]
        first = False
    return lines


def write_pdf(path: Path, text: str, *, chars_per_line: int = 34, encrypt: object = None) -> None:
    """A real PDF with a CJK CID font: paragraphs indented, hard-wrapped, page numbers."""
    register_cid_font()
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt)
    y, size = 800, 11
    for para in text.split("\n"):
        for k, chunk in enumerate(layout_lines(para, chars_per_line)):
            c.setFont("STSong-Light", size)
            c.drawString(50 + (2 * size if k == 0 else 0), y, chunk)
            y -= 16
            if y < 60:
                c.setFont("STSong-Light", 9)
                c.drawString(290, 30, str(c.getPageNumber()))
                c.showPage()
                y = 800
    c.showPage()
    c.save()


def write_docx(path: Path, paragraphs: list[str]) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))
