"""Embed the bundled CJK font in HTML: a subset holding just the characters shown.

HTML the library makes (the explorer's tables, :func:`govreports.show_evidence`, the
report's page) is read in browsers and Jupyter front ends that often have no Chinese
font. Each fragment carries an ``@font-face`` rule with a base64 WOFF subset of
``GovReportsSansSC-Regular.otf`` (SIL OFL 1.1, see ``README.md``) built with fontTools
from the fragment's own characters, so Chinese renders without a system font and the
fragment stays small (about 1 kB per distinct hanzi, before base64).

Subsets are cached per character set: the same characters reuse the same rule. The
family name carries a hash of the characters, so several fragments on one page (a
notebook's outputs) never replace each other's subset.
"""

from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = [
    "FALLBACK_FAMILIES", "FONT_FILE", "embed_font", "font_face_css", "font_path", "font_stack", "subset_family",
]

FONT_FILE = "GovReportsSansSC-Regular.otf"

#: System families tried after the embedded subset (for characters it lacks).
FALLBACK_FAMILIES = "'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif"

# Latin letters, digits and common punctuation are always kept: numbers and
# units shown next to Chinese then share one face.
_ALWAYS = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset("，。、；：？！“”‘’（）《》【】—…·％")


def font_path() -> Path:
    """Path of the bundled font file."""
    return Path(str(resources.files("govreports.fonts") / FONT_FILE))


def _chars(text: str) -> frozenset[str]:
    return frozenset(c for c in text if not c.isspace()) | _ALWAYS


def _key(chars: frozenset[str]) -> str:
    return hashlib.sha256("".join(sorted(chars)).encode("utf-8")).hexdigest()[:12]


def subset_family(text: str) -> str:
    """The CSS family name of the subset for ``text`` (unique per character set)."""
    return f"GovReports Sans SC {_key(_chars(text))}"


@lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    return font_path().read_bytes()


@lru_cache(maxsize=32)
def _subset_woff(chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(_font_bytes()), lazy=False, recalcTimestamp=False)  # same bytes every run
    options = subset.Options()
    options.flavor = "woff"  # zlib: WOFF2 would need brotli, not a dependency
    options.layout_features = ["kern"]
    options.name_IDs = ["*"]  # keep the copyright and licence records (OFL)
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=32)
def _css(chars: frozenset[str]) -> str:
    data = base64.b64encode(_subset_woff(chars)).decode("ascii")
    return (f"@font-face{{font-family:'GovReports Sans SC {_key(chars)}';"
            f"src:url(data:font/woff;base64,{data}) format('woff');font-display:block}}")


def font_face_css(text: str) -> str:
    """An ``@font-face`` rule embedding the subset of the bundled font for ``text``.

    Parameters
    ----------
    text : str
        Every character the HTML shows (markup may be included: its ASCII is
        kept anyway).

    Returns
    -------
    str
        CSS text (no ``<style>`` tag) declaring the family
        :func:`subset_family` ``(text)`` from a base64 WOFF subset.

    Examples
    --------
    >>> css = font_face_css("横沥镇 207.45亿元")
    >>> css.startswith("@font-face{font-family:'GovReports Sans SC ") and "base64," in css
    True
    """
    return _css(_chars(text))


def font_stack(text: str) -> str:
    """A CSS ``font-family`` value: the subset for ``text``, then system CJK fonts."""
    return f"'{subset_family(text)}',{FALLBACK_FAMILIES}"


def embed_font(body: str, css: str = "") -> str:
    """``body`` wrapped in a div whose style embeds the subset of the bundled font for its characters.

    Parameters
    ----------
    body : str
        An HTML fragment.
    css : str, optional
        Further CSS rules (no ``<style>`` tag) to put in the same style element.

    Returns
    -------
    str
        ``<style>`` (``@font-face``, ``css``, and the family set on a class named
        after the character set) followed by ``<div class="gr-font gr-f-<hash>">body</div>``.
        The class is unique per character set, so fragments shown on one page keep
        their own subsets.

    Examples
    --------
    >>> html = embed_font("<p>横沥镇</p>")
    >>> html.count("@font-face") == 1 and "<p>横沥镇</p></div>" in html
    True
    """
    key = _key(_chars(body))
    return (f"<style>{font_face_css(body)}{css}.gr-f-{key}{{font-family:{font_stack(body)}}}</style>"
            f'<div class="gr-font gr-f-{key}">{body}</div>')
