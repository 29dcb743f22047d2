"""Plotting: a matplotlib theme that draws Chinese, and (later) ``plot_*`` functions.

:func:`set_theme` makes every figure after it able to draw Chinese text. By default it
uses the CJK font bundled with govreports ("GovReports Sans SC", a subset of Noto Sans
CJK SC under the SIL Open Font License; see ``govreports/fonts/README.md``), so it works
on a fresh machine with no Chinese font installed.

Nothing happens on import: matplotlib is imported, and its settings changed, only when
:func:`set_theme` is called.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from .errors import GovReportsError, InvalidOptionError

__all__ = ["FontNotFoundError", "set_theme", "BUNDLED_FONT_FAMILY", "SYSTEM_CJK_FAMILIES"]

#: Family name of the bundled font (as matplotlib's font manager lists it).
BUNDLED_FONT_FAMILY = "GovReports Sans SC"
_BUNDLED_FONT_FILE = "GovReportsSansSC-Regular.otf"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_FALLBACK_FAMILY = "DejaVu Sans"

#: Installed CJK families looked for by ``set_theme(use_system_font=True)``, best first.
#: Simplified-Chinese faces come first; "Noto Sans CJK JP" is last because matplotlib
#: before 3.10 reads only the first (JP) face of the Debian ``.ttc``, whose glyph
#: shapes follow Japanese norms for some hanzi.
SYSTEM_CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Sarasa Gothic SC",
    "Noto Sans CJK JP",
)

_INSTALL_HINT = (
    "install a Chinese font, e.g. `apt-get install fonts-noto-cjk` (Debian/Ubuntu), "
    "`dnf install google-noto-sans-cjk-fonts` (Fedora) or Microsoft YaHei/SimHei on Windows, "
    "then clear matplotlib's font cache (delete the fontlist-*.json files in "
    "matplotlib.get_cachedir()); or call set_theme() without use_system_font to use the "
    "bundled font"
)

# seaborn's plotting_context values for "notebook"; other contexts scale them.
_CONTEXT_SCALE: dict[str, float] = {"paper": 0.8, "notebook": 1.0, "talk": 1.5, "poster": 2.0}
_CONTEXT_BASE: dict[str, float] = {
    "font.size": 12,
    "axes.labelsize": 12,
    "axes.titlesize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "legend.title_fontsize": 12,
    "axes.linewidth": 1.25,
    "grid.linewidth": 1,
    "lines.linewidth": 1.5,
    "lines.markersize": 6,
    "patch.linewidth": 1,
    "xtick.major.width": 1.25,
    "ytick.major.width": 1.25,
    "xtick.minor.width": 1,
    "ytick.minor.width": 1,
    "xtick.major.size": 6,
    "ytick.major.size": 6,
    "xtick.minor.size": 4,
    "ytick.minor.size": 4,
}


class FontNotFoundError(GovReportsError, ValueError):
    """No usable font for Chinese text; the message says what to install."""


def _font_path() -> Path:
    """Path of the bundled font file inside the installed package.

    Returns
    -------
    pathlib.Path
        ``govreports/fonts/GovReportsSansSC-Regular.otf``.

    Raises
    ------
    FontNotFoundError
        If the file is missing (a broken install or a checkout without it).
    """
    from importlib import resources

    resource = resources.files("govreports.fonts").joinpath(_BUNDLED_FONT_FILE)
    # matplotlib and FreeType need a real file; the package is installed unzipped
    # (zip_safe = False), so the resource is one.
    path = Path(str(resource))
    if not path.is_file():
        raise FontNotFoundError(
            f"the bundled font {_BUNDLED_FONT_FILE} is missing from {path.parent}; "
            "reinstall govreports, or rebuild it with `python tools/build_font.py`"
        )
    return path


def _register(path: Path) -> str:
    """Add a font file to matplotlib's font manager once and return its family name."""
    from matplotlib import font_manager

    fname = str(path)
    for entry in font_manager.fontManager.ttflist:
        if entry.fname == fname:
            return entry.name
    font_manager.fontManager.addfont(fname)
    return font_manager.FontProperties(fname=fname).get_name()


def _installed_families() -> dict[str, str]:
    """Installed font family names, lower-cased → as spelled by the font."""
    from matplotlib import font_manager

    return {entry.name.lower(): entry.name for entry in font_manager.fontManager.ttflist}


def _resolve_font(font: str | None, use_system_font: bool) -> str:
    """Pick the family to use and make sure matplotlib knows it."""
    if font is not None:
        if not isinstance(font, str):
            raise TypeError(f"font must be a family name or a font file path (str), got {font!r}")
        if not font.strip():
            raise FontNotFoundError("font must be a non-empty family name or font file path")
        if font.strip().lower() == BUNDLED_FONT_FAMILY.lower():
            return _register(_font_path())
        candidate = Path(font).expanduser()
        if candidate.suffix.lower() in _FONT_SUFFIXES:
            if not candidate.is_file():
                raise FontNotFoundError(f"font file {font!r} does not exist")
            return _register(candidate.resolve())
        installed = _installed_families()
        if font.strip().lower() in installed:
            return installed[font.strip().lower()]
        found = [installed[name.lower()] for name in SYSTEM_CJK_FAMILIES if name.lower() in installed]
        available = f"installed CJK families: {', '.join(found)}" if found else "no CJK family is installed"
        raise FontNotFoundError(f"font family {font!r} is not installed ({available}); {_INSTALL_HINT}")
    if use_system_font:
        installed = _installed_families()
        for name in SYSTEM_CJK_FAMILIES:
            if name.lower() in installed:
                return installed[name.lower()]
        raise FontNotFoundError(
            f"no installed CJK font found (looked for {', '.join(SYSTEM_CJK_FAMILIES)}); {_INSTALL_HINT}"
        )
    return _register(_font_path())


def set_theme(
    *,
    font: str | None = None,
    use_system_font: bool = False,
    context: Literal["paper", "notebook", "talk", "poster"] = "notebook",
) -> str:
    """Set matplotlib up to draw Chinese text, and scale text for a context.

    Sets ``font.family`` to the CJK font followed by DejaVu Sans (matplotlib draws
    each glyph from the first of these fonts that has it), puts the CJK font first
    in ``font.sans-serif`` too, and turns off ``axes.unicode_minus`` so negative
    numbers use the ASCII hyphen-minus. Changes ``matplotlib.rcParams`` globally,
    like ``seaborn.set_theme``; use ``matplotlib.rc_context`` to limit it.

    Parameters
    ----------
    font : str, optional
        A family name of an installed font (e.g. ``"Noto Sans CJK SC"``), the path of
        a ``.ttf``/``.otf``/``.ttc`` file to register, or ``"GovReports Sans SC"``.
        Default: the bundled font, unless ``use_system_font`` is true.
    use_system_font : bool, default False
        Use the first installed family of :data:`SYSTEM_CJK_FAMILIES` instead of the
        bundled font. Ignored when ``font`` is given.
    context : {"paper", "notebook", "talk", "poster"}, default "notebook"
        Scales font sizes and line widths like seaborn's plotting contexts
        (0.8, 1, 1.5 and 2 times the notebook sizes).

    Returns
    -------
    str
        The font family name now first in ``font.family`` and ``font.sans-serif``.

    Raises
    ------
    FontNotFoundError
        If ``font`` is not installed, or ``use_system_font`` finds no CJK font; the
        message says what to install.
    InvalidOptionError
        If ``context`` is not one of the four contexts.

    Notes
    -----
    The bundled font has a regular weight only: text asked for in bold is drawn in
    the regular weight, and matplotlib logs "Failed to find font weight bold" once.
    Use ``use_system_font=True`` where a CJK font with a bold face is installed.

    Examples
    --------
    >>> import matplotlib
    >>> from govreports.plotting import set_theme
    >>> with matplotlib.rc_context():
    ...     family = set_theme(context="talk")
    ...     first = matplotlib.rcParams["font.family"][0]
    >>> family == first == "GovReports Sans SC"
    True
    """
    if context not in _CONTEXT_SCALE:
        raise InvalidOptionError("context", context, sorted(_CONTEXT_SCALE))
    import matplotlib

    family = _resolve_font(font, bool(use_system_font))
    scale = _CONTEXT_SCALE[context]
    fallbacks = [name for name in matplotlib.rcParams["font.sans-serif"] if name != family]
    matplotlib.rcParams.update({key: value * scale for key, value in _CONTEXT_BASE.items()})
    # matplotlib falls back glyph by glyph only across the families named in
    # font.family (a generic "sans-serif" resolves to one font), so name the CJK
    # font and then DejaVu Sans, which ships with matplotlib and has symbols such
    # as ‱ that CJK fonts lack.
    matplotlib.rcParams["font.family"] = [family] + ([_FALLBACK_FAMILY] if family != _FALLBACK_FAMILY else [])
    matplotlib.rcParams["font.sans-serif"] = [family, *fallbacks]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
