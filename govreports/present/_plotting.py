"""Plotting: a matplotlib theme that draws Chinese, and ``plot_*`` functions.

:func:`set_theme` makes every figure after it able to draw Chinese text. By default it
uses the CJK font bundled with govreports ("GovReports Sans SC", a subset of Noto Sans
CJK SC under the SIL Open Font License; see ``govreports/fonts/README.md``), so it works
on a fresh machine with no Chinese font installed.

The ``plot_*`` functions follow seaborn: a tidy frame in, keyword-only options, ``ax=None``
(a new figure) and the Axes back — :func:`plot_distinctive`, figure-level, returns the
Figure. Each calls :func:`set_theme` first unless the active font already draws Chinese.
Each composes a ``*_table`` function, which returns the tidy frame the plot shows
(labels, values, units, texts) without touching matplotlib, with a drawing function.

- :func:`plot_targets`: growth targets (with 左右/以上/ranges) against last year's actual;
- :func:`plot_levels`: actual levels of an indicator, in one unit;
- :func:`plot_attention`: policy attention, groups × themes heatmap;
- :func:`plot_distinctive`: each group's most distinctive words;
- :func:`plot_term_trends`: term frequencies over the years.

Nothing happens on import: matplotlib is imported, and its settings changed, only when
:func:`set_theme` or a ``plot_*`` function is called.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._deprecated import renamed_arguments
from .._format import QUALIFIER_SIGN, fmt_number, fmt_significant, is_money, level_unit, row_labels, significant_digits
from .._lazy import numpy as np
from .._lazy import pandas as pd
from .._util import check_option, require_columns
from ..datasets import load_indicators
from ..errors import GovReportsError, InvalidOptionError
from ..extract._numbers import to_unit
from ..fonts._embed import FONT_FILE, font_path
from ..schema import LEVELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FontNotFoundError",
    "PlotDataError",
    "set_theme",
    "plot_targets",
    "targets_table",
    "superior_table",
    "plot_levels",
    "plot_levels_by_level",
    "levels_table",
    "plot_attention",
    "attention_table",
    "plot_distinctive",
    "distinctive_table",
    "plot_term_trends",
    "term_trends_table",
    "BUNDLED_FONT_FAMILY",
    "SYSTEM_CJK_FAMILIES",
]

#: Family name of the bundled font (as matplotlib's font manager lists it).
BUNDLED_FONT_FAMILY = "GovReports Sans SC"
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
    # matplotlib and FreeType need a real file; the package is installed unzipped
    # (zip_safe = False), so the resource is one.
    path = font_path()
    if not path.is_file():
        raise FontNotFoundError(
            f"the bundled font {FONT_FILE} is missing from {path.parent}; "
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
    >>> from govreports import set_theme
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


# --------------------------------------------------------------------------- plot functions
#
# Every plot_* function takes a tidy frame as its one positional argument and
# keyword-only options, and composes two steps, as seaborn's plotters do: a
# ``*_table`` function prepares the tidy frame the plot shows (no matplotlib:
# tests call it and check its rows), and a private ``_draw_*`` function only
# draws that frame. An axes-level plot draws on ``ax`` (a new figure when None)
# and returns the Axes, the figure-level plot_distinctive returns the Figure.
# matplotlib is imported inside the drawing functions.

# seaborn "deep" colours: actual blue, target red, estimates pale.
_ACTUAL_COLOR = "#4C72B0"
_TARGET_COLOR = "#C44E52"
_NATIONAL_COLOR = "0.35"
_BAR_COLOR = "#4C72B0"
_SUPERIOR_COLOR = "#8172B2"
_ESTIMATE_COLOR = "#A1B4D8"
_TARGET_BAR_HEIGHT = 0.28  # bars of target ranges and 左右 bands, in row units


class PlotDataError(GovReportsError, ValueError):
    """The data cannot be drawn as asked (no rows, mixed units, duplicates); the message says why."""


def _ensure_font() -> None:
    """Call :func:`set_theme` unless the active font already draws Chinese.

    Probing the active font, rather than only asking whether the bundled font is
    registered, keeps a user's own ``set_theme(use_system_font=True)`` or
    ``context="talk"`` untouched, and still repairs the case where the bundled
    font is registered but an ``rc_context`` has since restored DejaVu Sans.
    """
    import matplotlib
    from matplotlib import font_manager

    families = list(matplotlib.rcParams["font.family"])
    try:
        path = font_manager.findfont(font_manager.FontProperties(family=families), fallback_to_default=False)
        if font_manager.get_font(path).get_char_index(ord("中")):
            return
    except (ValueError, RuntimeError, OSError):
        pass
    set_theme()


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """The given Axes, or a new one on a new pyplot figure (so notebooks show it)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _indicator_name(indicator: str) -> str:
    """The indicator's Chinese name (``name_zh``), or its id when the indicator table lacks it."""
    table = load_indicators()
    names = table.loc[table["indicator"] == indicator, "name_zh"]
    return str(names.iloc[0]) if len(names) else indicator


def _plain(text: object) -> str:
    """Text drawn as it is: ``$`` escaped, so matplotlib reads no math in a
    region, word or unit (two ``$`` would otherwise start mathtext, and
    ``甲$^$镇`` fails to parse)."""
    return str(text).replace("$", r"\$")


def _plain_all(texts: Iterable[object]) -> list[str]:
    """:func:`_plain` of each text."""
    return [_plain(t) for t in texts]


def _first_per_report(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per report: the first figure in text order (the panel already has one)."""
    order = [c for c in ("report_id", "start") if c in frame.columns]
    return frame.sort_values(order, kind="stable").drop_duplicates("report_id", keep="first")


def _only_year(frame: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The rows of ``year``; all rows when it is None."""
    if year is None:
        return frame
    require_columns(frame, ["year"], "data")
    return frame[frame["year"] == year]


# --------------------------------------------------------------------------- plot_targets


def targets_table(
    data: pd.DataFrame,
    *,
    indicator: str = "gdp",
    year: int | None = None,
    sort: Literal["value", "name"] = "value",
) -> pd.DataFrame:
    """The rows :func:`plot_targets` draws: one per report, its actual and target growth side by side.

    Parameters
    ----------
    data : pandas.DataFrame
        The panel or rows of :func:`govreports.extract_metrics` (see
        :func:`plot_targets`).
    indicator : str, default "gdp"
        The indicator id.
    year : int, optional
        Keep only reports of this year.
    sort : {"value", "name"}, default "value"
        Row order, as in :func:`plot_targets`: by target (midpoint of a
        range) descending, then reports without a target by actual growth
        descending, ties by label; or by label. Grouped by administrative
        level first (top level first) where the data has several.

    Returns
    -------
    pandas.DataFrame
        One row per report with a growth figure (actual or target) for
        ``indicator``, in the order drawn, top to bottom: ``report_id``,
        ``region``, ``year`` and ``level`` (when the data has them),
        ``label`` (the row's name: the region, with the year or report id
        where regions repeat), ``actual`` (last year's actual growth, %; NaN
        when not stated), ``target`` (%; NaN when not stated),
        ``target_high`` (the upper end of a range), ``qualifier`` (``""`` for
        an exact target, else ``about``, ``at_least``, ``at_most`` or
        ``range``), ``target_mid`` (the target, or the midpoint of a range:
        the sort key and where the label sits), ``target_text`` (the target's
        label: ``≈7%``, ``≥10%``, ``6–8%``; ``""`` without a target), and
        ``actual_period``, ``target_period`` (the figures' ``period`` as
        text, NaN where absent).

    Raises
    ------
    PlotDataError
        If ``data`` holds no growth figure for ``indicator``.
    InvalidOptionError
        If ``sort`` is not ``"value"`` or ``"name"``.
    MissingColumnsError
        If ``data`` lacks a needed column.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._plotting import targets_table
    >>> t = targets_table(gr.panel(gr.load_sample()), indicator="gdp")
    >>> t[["label", "actual", "target", "qualifier", "target_text"]]
      label  actual  target qualifier target_text
    0   六镇镇     NaN    10.0  at_least        ≥10%
    1   平湖镇     NaN     9.0                    9%
    2   濮院镇     4.0     7.0     about         ≈7%
    3   横沥镇     2.0     6.0                    6%
    """
    require_columns(data, ["report_id", "region", "indicator", "kind", "measure", "value"], "data")
    check_option("sort", sort, ["value", "name"])
    rows = _only_year(data, year)
    rows = rows[(rows["indicator"] == indicator) & (rows["measure"].astype(str) == "growth") & rows["value"].notna()]
    kind = rows["kind"].astype(str)
    actual = _first_per_report(rows[kind == "actual"])
    target = _first_per_report(rows[kind == "target"])
    if actual.empty and target.empty:
        raise PlotDataError(f"data holds no growth figure (actual or target) for indicator {indicator!r}")

    keys = [c for c in ("report_id", "region", "year", "level") if c in rows.columns]
    reports = rows[keys].drop_duplicates("report_id").sort_values("report_id", kind="stable").reset_index(drop=True)
    reports["label"] = row_labels(reports)
    t_rows = target.set_index("report_id")
    t_high = t_rows["value_high"] if "value_high" in t_rows.columns else pd.Series(float("nan"), index=t_rows.index)
    t_qual = t_rows["qualifier"] if "qualifier" in t_rows.columns else pd.Series(None, index=t_rows.index, dtype=object)
    t_qual = t_qual.where(t_qual.notna(), "")
    reports["actual"] = reports["report_id"].map(actual.set_index("report_id")["value"])
    reports["target"] = reports["report_id"].map(t_rows["value"])
    reports["target_high"] = reports["report_id"].map(t_high)
    qual = reports["report_id"].map(t_qual).astype(object)
    reports["qualifier"] = qual.where(qual.notna(), "").astype(str)
    is_range = (reports["qualifier"] == "range") & reports["target_high"].notna()
    reports["target_mid"] = reports["target"].where(~is_range, (reports["target"] + reports["target_high"]) / 2)
    reports["target_text"] = [_target_text(t, high, q) for t, high, q in
                              zip(reports["target"], reports["target_high"], reports["qualifier"])]
    for what, figures in (("actual", actual), ("target", target)):
        # as text, so the title names a period as the report writes it
        periods = figures.set_index("report_id")["period"].dropna().astype(str) if "period" in figures.columns else {}
        reports[f"{what}_period"] = reports["report_id"].map(periods).astype(object)
    return _by_level(_sort_targets(reports, sort))


def _target_text(target: float, high: float, qualifier: str) -> str:
    """A target's label: ``6–8%`` for a range, else the qualifier's sign and the value (``≈7%``); "" for none."""
    if pd.isna(target):
        return ""
    if qualifier == "range" and pd.notna(high):
        return f"{fmt_number(target)}–{fmt_number(high)}%"
    return f"{QUALIFIER_SIGN.get(qualifier, '')}{fmt_number(target)}%"


def _sort_targets(reports: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Rows by label, or by target then (reports without one) by actual growth, both descending."""
    if sort == "name":
        return reports.sort_values(["label"], kind="stable")
    has_t = reports["target_mid"].notna()
    return pd.concat(
        [
            reports[has_t].sort_values(["target_mid", "label"], ascending=[False, True], kind="stable"),
            reports[~has_t].sort_values(["actual", "label"], ascending=[False, True], kind="stable"),
        ]
    )


def _national_option(national: float | Sequence[float] | None) -> float | tuple[float, float] | None:
    """``national`` checked: a number, a ``(low, high)`` pair of floats, or None."""
    if national is not None and not isinstance(national, (int, float)):
        if isinstance(national, str) or len(national) != 2:
            raise InvalidOptionError("national", national, "a number or a (low, high) pair")
        national = (float(national[0]), float(national[1]))
    return national


@renamed_arguments({"national": "national_target"})
def plot_targets(
    data: pd.DataFrame,
    *,
    indicator: str = "gdp",
    national_target: float | tuple[float, float] | None = None,
    year: int | None = None,
    sort: Literal["value", "name"] = "value",
    about_band: float = 0.5,
    superiors: pd.DataFrame | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Growth targets against last year's actual growth, one row per region.

    A dot-and-range plot: on each row the previous year's actual growth
    (``kind == "actual"``, ``measure == "growth"``) is a filled dot, and the
    target (``kind == "target"``, ``measure == "growth"``) a red marker that
    shows its qualifier — an exact target is a hollow diamond; ``about`` (左右)
    a hollow diamond on a ±``about_band`` band; ``at_least`` (以上) a diamond
    with an arrow pointing right; ``at_most`` (不超过) one pointing left;
    ``range`` a bar from ``value`` to ``value_high``. A thin grey line joins
    actual and target; the target is labelled (``≈7%``, ``≥10%``, ``6–8%``).
    Regions without a target still show their actual dot, and vice versa.

    Parameters
    ----------
    data : pandas.DataFrame
        The panel (:func:`govreports.panel`), or rows of
        :func:`govreports.extract_metrics` (then the first figure of each
        report in text order is used). Needs ``report_id, region, indicator,
        kind, measure, value``; ``value_high``, ``qualifier``, ``year`` and
        ``period`` are used when present.
    indicator : str, default "gdp"
        The indicator id (see :func:`govreports.indicators`).
    national_target : float or (float, float), optional
        A national target to compare with, drawn as a vertical dashed line (a
        shaded band between two dashed lines for a ``(low, high)`` range)
        labelled "national target".
    year : int, optional
        Keep only reports of this year. Where a region has reports of several
        years, each is a row labelled "region year".
    sort : {"value", "name"}, default "value"
        Row order, top to bottom: by target (midpoint of a range) descending,
        then regions without a target by actual growth descending, ties by
        name; or by region name (code-point order, as :func:`sorted`). Where
        the data has reports of several administrative levels (``level``),
        rows are grouped by level first, top level first, each group
        ruled off and named at the right.
    about_band : float, default 0.5
        Half-width, in percentage points, of the band drawn for ``about``.
    superiors : pandas.DataFrame, optional
        The output of :func:`govreports.compare` (``report_id``,
        ``superior``, ``superior_target``, ``superior_target_high``,
        ``superior_source``): on each row, the target of the region's own
        superior (township → county → city → province → State Council) as a
        purple square, its name and target written under the row with a
        mark for its source (``*`` your reports, ``†`` targets dataset, none
        for the State Council). Only for ``indicator="gdp"``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, y tick labels the region names (Chinese), x the growth in %.

    Raises
    ------
    PlotDataError
        If ``data`` holds no growth figure for ``indicator``.
    InvalidOptionError
        If ``sort`` is not ``"value"`` or ``"name"``.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import plot_targets
    >>> ax = plot_targets(gr.panel(gr.load_sample()), indicator="gdp", national_target=5.0)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['六镇镇', '平湖镇', '濮院镇', '横沥镇']
    >>> ax.get_xlabel()
    'Growth (%)'
    """
    national = _national_option(national_target)
    table = targets_table(data, indicator=indicator, year=year, sort=sort)
    superior_rows = superior_table(table, superiors) if indicator == "gdp" and superiors is not None else None
    _ensure_font()
    return _draw_targets(table, indicator=indicator, national=national, about_band=about_band,
                         superiors=superior_rows, ax=ax)


def _draw_targets(
    table: pd.DataFrame,
    *,
    indicator: str,
    national: float | tuple[float, float] | None,
    about_band: float,
    superiors: pd.DataFrame | None,
    ax: Axes | None,
) -> Axes:
    """Draw a :func:`targets_table` (see :func:`plot_targets`): each row's target and actual growth, the
    superiors' targets (a :func:`superior_table`, when given), the national target, level groups and legend."""
    n = len(table)
    ax = _axes(ax, (7.0, max(2.6, 0.5 * n + 1.4)))
    ys = list(range(n))
    arrow = 0.12 * _growth_span(table, national)  # arrow length in data units, from the spread of the figures
    for y, row in zip(ys, table.itertuples(index=False)):
        _draw_target_row(ax, y, row, about_band=about_band, arrow=arrow)
    has_a = table["actual"].notna()
    ax.plot(table.loc[has_a, "actual"], [ys[i] for i in table.index[has_a]], marker="o", markersize=7,
            color=_ACTUAL_COLOR, linestyle="none", zorder=5, gid="actual")
    drew_superior = superiors is not None and _draw_superiors(ax, table, superiors)
    national_text = _draw_national(ax, national) if national is not None else ""
    handles, labels, handler_map = _targets_legend(table, about_band=about_band, drew_superior=drew_superior,
                                                   national_text=national_text)

    _level_groups(ax, table["level"].astype(str).tolist() if "level" in table.columns else [])
    ax.set_yticks(ys, _plain_all(table["label"]))
    # first row on top, room above it for its target label and the national one (below the last for its superior)
    ax.set_ylim(n - (0.1 if drew_superior else 0.4), -1.0)
    ax.margins(x=0.08)
    ax.set_xlabel("Growth (%)")
    ax.set_ylabel("")
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(_plain(f"{_indicator_name(indicator)} growth{_growth_periods(table)}"))
    ax.legend(handles, labels, handler_map=handler_map, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, fontsize="small")
    return ax


def _growth_span(table: pd.DataFrame, national: float | tuple[float, float] | None) -> float:
    """The spread of the growth figures drawn (and the national target), at least 2 points."""
    values = pd.concat([table["actual"], table["target"], table["target_high"]]).dropna()
    if national is not None:
        values = pd.concat([values, pd.Series(list(national) if isinstance(national, tuple) else [national])])
    return max(float(values.max() - values.min()) if len(values) else 1.0, 2.0)



def _draw_target_row(ax: Axes, y: int, row: Any, *, about_band: float, arrow: float) -> None:
    """One row of :func:`plot_targets`: the line from actual to target, the target's mark for its qualifier
    (a bar for a range, a band for about, an arrow for at least/at most, a diamond) and its label."""
    a, t, q = row.actual, row.target, row.qualifier
    if pd.notna(a) and pd.notna(t):
        ends = [a, t] + ([row.target_high] if q == "range" and pd.notna(row.target_high) else [])
        ax.plot([min(ends), max(ends)], [y, y], color="0.75", linewidth=1.5, zorder=1, gid="connector")
    if pd.isna(t):
        return
    if q == "range" and pd.notna(row.target_high):
        ax.barh(y, row.target_high - t, left=t, height=_TARGET_BAR_HEIGHT, color=_TARGET_COLOR, alpha=0.55,
                zorder=2, gid="target_range")
    else:
        if q == "about":
            ax.barh(y, 2 * about_band, left=t - about_band, height=_TARGET_BAR_HEIGHT, color=_TARGET_COLOR,
                    alpha=0.2, linewidth=0, zorder=2, gid="target_about")
        elif q in ("at_least", "at_most"):
            end = t + arrow if q == "at_least" else t - arrow
            ax.annotate("", xy=(end, y), xytext=(t, y), zorder=3, gid=f"target_{q}",
                        arrowprops={"arrowstyle": "-|>", "color": _TARGET_COLOR, "linewidth": 1.5,
                                    "shrinkA": 0, "shrinkB": 0, "mutation_scale": 14})
            ax.update_datalim([(end, y)])
        ax.plot([t], [y], marker="D", markersize=8, markerfacecolor="white", markeredgecolor=_TARGET_COLOR,
                markeredgewidth=1.8, linestyle="none", zorder=4, gid="target")
    ax.annotate(row.target_text, xy=(row.target_mid, y), xytext=(0, 7), textcoords="offset points", ha="center",
                va="bottom", fontsize="small", color=_TARGET_COLOR, gid="target_label")


def _draw_national(ax: Axes, national: float | tuple[float, float]) -> str:
    """The national target: a dashed line (a shaded band for a range) and its name; returns the legend text."""
    if isinstance(national, tuple):
        low, high = (float(v) for v in national)
        ax.axvspan(low, high, color=_NATIONAL_COLOR, alpha=0.12, linewidth=0, zorder=0, gid="national")
        for v in (low, high):
            ax.axvline(v, color=_NATIONAL_COLOR, linestyle="--", linewidth=1.2, zorder=0, gid="national")
        text = f"national target {fmt_number(low)}–{fmt_number(high)}%"
        x = high
    else:
        x = float(national)
        ax.axvline(x, color=_NATIONAL_COLOR, linestyle="--", linewidth=1.2, zorder=0, gid="national")
        text = f"national target {fmt_number(x)}%"
    ax.annotate("national target", xy=(x, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -4),
                textcoords="offset points", ha="left", va="top", fontsize="x-small", color=_NATIONAL_COLOR,
                gid="national_label")
    return text


def _targets_legend(
    table: pd.DataFrame, *, about_band: float, drew_superior: bool, national_text: str
) -> tuple[list, list[str], dict]:
    """Legend handles, labels and handler map of :func:`plot_targets`: one entry per kind of mark drawn."""
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list = []
    labels: list[str] = []
    handler_map: dict = {}
    diamond = Line2D([], [], marker="D", markersize=8, markerfacecolor="white", markeredgecolor=_TARGET_COLOR,
                     markeredgewidth=1.8, linestyle="none")
    if table["actual"].notna().any():
        handles.append(Line2D([], [], marker="o", markersize=7, color=_ACTUAL_COLOR, linestyle="none"))
        labels.append("actual growth, previous year")
    quals = set(table.loc[table["target"].notna(), "qualifier"])
    if quals & {""}:
        handles.append(diamond)
        labels.append("target")
    if "about" in quals:
        band = Patch(facecolor=_TARGET_COLOR, alpha=0.2, linewidth=0)
        handles.append((band, diamond))
        labels.append(f"target about (左右), ±{fmt_number(about_band)} pt")
    for q, text, marker in (("at_least", "target at least (以上)", r"$\rightarrow$"),
                            ("at_most", "target at most (不超过)", r"$\leftarrow$")):
        if q in quals:
            arrow_h = Line2D([], [], marker=marker, markersize=14, color=_TARGET_COLOR, linestyle="none")
            pair = (diamond, arrow_h) if q == "at_least" else (arrow_h, diamond)
            handles.append(pair)
            handler_map[pair] = HandlerTuple(ndivide=None, pad=0.0)
            labels.append(text)
    if "range" in quals:
        handles.append(Patch(facecolor=_TARGET_COLOR, alpha=0.55))
        labels.append("target range")
    if drew_superior:
        handles.append(Line2D([], [], marker="s", markersize=7, color=_SUPERIOR_COLOR, linestyle="none"))
        labels.append("superior's target (named under the row;\n* your reports, † targets dataset)")
    if national_text:
        handles.append(Line2D([], [], color=_NATIONAL_COLOR, linestyle="--", linewidth=1.2))
        labels.append(national_text)
    handler_map[tuple] = HandlerTuple(ndivide=1)
    return handles, labels, handler_map


def _growth_periods(table: pd.DataFrame) -> str:
    """The periods for the title of :func:`plot_targets` (``: 2023 target vs 2022 actual``), when each is one."""
    t_per = sorted(set(table["target_period"].dropna().astype(str)))
    a_per = sorted(set(table["actual_period"].dropna().astype(str)))
    if len(t_per) == 1 and len(a_per) <= 1:
        return f": {t_per[0]} target" + (f" vs {a_per[0]} actual" if a_per else "")
    if len(a_per) == 1 and not t_per:
        return f": {a_per[0]} actual"
    return ""


def _by_level(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows grouped by administrative level, top level first, keeping their order within a level."""
    if "level" not in rows.columns or rows["level"].astype(str).nunique() < 2:
        return rows.reset_index(drop=True)
    order = rows["level"].astype(str).map({lv: i for i, lv in enumerate(LEVELS)}).fillna(len(LEVELS))
    return rows.assign(_lv=order).sort_values("_lv", kind="stable").drop(columns="_lv").reset_index(drop=True)


def _level_groups(ax: Axes, levels: list[str]) -> None:
    """Where rows of several levels share an axes: a rule between levels and the level's name."""
    if len(set(levels)) < 2:
        return
    for i, lv in enumerate(levels):
        if i and lv == levels[i - 1]:
            continue
        if i:
            ax.axhline(i - 0.5, color="0.55", linewidth=0.8, gid="level_group")
        # just above the rule, at the right edge: between two rows, clear of the target labels
        ax.annotate(lv or "level unknown", xy=(1.0, i - 0.5), xycoords=("axes fraction", "data"), xytext=(-3, 1),
                    textcoords="offset points", ha="right", va="bottom", fontsize="x-small", color="0.35",
                    gid="level_label")


def superior_table(reports: pd.DataFrame, superiors: pd.DataFrame) -> pd.DataFrame:
    """The superiors :func:`plot_targets` draws, one row per report of ``reports`` whose superior has a target.

    Parameters
    ----------
    reports : pandas.DataFrame
        Has ``report_id`` (the rows of the plot, in order).
    superiors : pandas.DataFrame
        The output of :func:`govreports.compare` (``report_id``, ``superior``,
        ``superior_target``, ``superior_source``; ``superior_target_high`` and
        ``superior_level`` when present).

    Returns
    -------
    pandas.DataFrame
        ``report_id``, ``superior``, ``superior_level``, ``superior_source``,
        ``x`` (the superior's target, % — the midpoint of a range) and
        ``text`` (its label: name, source mark — ``*`` your reports, ``†``
        targets dataset, none for the State Council — and target).
    """
    require_columns(superiors, ["report_id", "superior", "superior_target", "superior_source"], "superiors")
    sup = superiors.drop_duplicates("report_id").set_index("report_id")
    high = sup["superior_target_high"] if "superior_target_high" in sup.columns else sup["superior_target"] * math.nan
    rows = []
    for rid in reports["report_id"]:
        if rid not in sup.index or pd.isna(sup.at[rid, "superior_target"]):
            continue
        low, hi = float(sup.at[rid, "superior_target"]), high.get(rid)
        mark = {"your reports": "*", "targets dataset": "†"}.get(str(sup.at[rid, "superior_source"]), "")
        value = fmt_number(low) + ("" if pd.isna(hi) else f"–{fmt_number(float(hi))}")
        rows.append({"report_id": rid, "superior": sup.at[rid, "superior"],
                     "superior_level": str(sup.at[rid, "superior_level"]) if "superior_level" in sup.columns else "",
                     "superior_source": sup.at[rid, "superior_source"],
                     "x": low if pd.isna(hi) else (low + float(hi)) / 2,
                     "text": f"{sup.at[rid, 'superior']}{mark} {value}%"})
    return pd.DataFrame(rows, columns=["report_id", "superior", "superior_level", "superior_source", "x", "text"])


def _draw_superiors(ax: Axes, reports: pd.DataFrame, table: pd.DataFrame) -> bool:
    """Draw each row's superior target, a :func:`superior_table` of the rows ``reports`` (see
    :func:`plot_targets`); whether any was drawn."""
    y_of = {rid: i for i, rid in enumerate(reports["report_id"])}
    for r in table.itertuples(index=False):
        y = y_of[r.report_id]
        ax.plot([r.x], [y], marker="s", markersize=7, color=_SUPERIOR_COLOR, alpha=0.85, linestyle="none",
                zorder=4.5, gid="superior")
        ax.annotate(_plain(r.text), xy=(r.x, y), xytext=(0, -7), textcoords="offset points", ha="center",
                    va="top", fontsize="x-small", color=_SUPERIOR_COLOR, gid="superior_label", zorder=6,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    return not table.empty


# --------------------------------------------------------------------------- plot_levels


def _auto_units(rows: pd.DataFrame, indicator: str) -> list[str]:
    """Per row, the unit its level reads best in: :func:`govreports._format.level_unit` of its level
    (万元 for a township, 亿元 above), except that a township amount of 1亿元 or more is in 亿元."""
    units = rows["unit"].astype(str)
    levels = rows["level"].astype(str) if "level" in rows.columns else pd.Series("", index=rows.index)
    counts = units.value_counts()
    common = min(counts.index, key=lambda u: (-counts[u], u)) if len(counts) else ""
    out = []
    for v, u, lv in zip(rows["value"], units, levels):
        if not is_money(u):  # physical or count indicators (粮食 in 万吨, projects in 个): their most common unit
            out.append(common)
            continue
        chosen = level_unit(indicator, lv)
        out.append("亿元" if chosen == "万元" and abs(to_unit(float(v), u, "亿元")) >= 1 else chosen)
    return out


def levels_table(
    data: pd.DataFrame,
    *,
    indicator: str = "gdp",
    unit: str = "auto",
    year: int | None = None,
) -> pd.DataFrame:
    """The levels :func:`plot_levels` draws: one row per report, converted and formatted.

    Parameters
    ----------
    data : pandas.DataFrame
        The panel or rows of :func:`govreports.extract_metrics` (see
        :func:`plot_levels`).
    indicator : str, default "gdp"
        The indicator id.
    unit : str, default "auto"
        The unit to convert to, or ``"auto"``: each row in the unit that reads
        best at its administrative level — 万元 for townships (亿元 from
        1亿元 up), 亿元 above, 元 for per-capita incomes, the most common
        unit for physical or count indicators.
    year : int, optional
        Keep only reports of this year.

    Returns
    -------
    pandas.DataFrame
        One row per report with an actual level of ``indicator``, in report
        order: ``report_id``, ``region``, ``level`` (when the data has it, else
        empty), ``year`` (when present), ``label`` (the region, with the year or
        report id where regions repeat), ``source_value``, ``source_unit``
        (as the report states it), ``unit`` (the unit of ``value``),
        ``value`` (converted; NaN where the unit cannot be converted),
        ``digits`` (significant digits of the figure as written), ``text``
        (``value`` to those digits, with its unit: ``6,379万元``) and
        ``estimate`` (bool: flagged ``estimate``, 预计).

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._plotting import levels_table
    >>> t = levels_table(gr.panel(gr.load_sample()), indicator="fixed_asset_investment")
    >>> t[["region", "level", "source_value", "source_unit", "value", "unit", "text"]]
      region     level  source_value source_unit    value unit       text
    0    六镇镇  township       6917.00          万元  6917.00   万元    6,917万元
    1    平湖镇  township          0.99          亿元  9900.00   万元    9,900万元
    2    横沥镇  township         60.56          亿元    60.56   亿元   60.56亿元
    3    泥溪镇  township      12600.00          万元     1.26   亿元     1.26亿元
    4    濮院镇  township         44.40          亿元    44.40   亿元    44.4亿元
    """
    require_columns(data, ["report_id", "region", "indicator", "kind", "measure", "value", "unit"], "data")
    if unit != "auto":
        to_unit(1.0, unit, unit)  # an unknown target unit fails here, before drawing
    rows = _only_year(data, year)
    rows = rows[(rows["indicator"] == indicator) & (rows["kind"].astype(str) == "actual")
                & (rows["measure"].astype(str) == "level") & rows["value"].notna()]
    rows = _first_per_report(rows).reset_index(drop=True)
    units = _auto_units(rows, indicator) if unit == "auto" else [unit] * len(rows)
    values = []
    for value, src, dst in zip(rows["value"], rows["unit"].astype(str), units):
        try:
            values.append(to_unit(float(value), src, dst))
        except ValueError:
            values.append(float("nan"))
    digits = [significant_digits(float(v)) for v in rows["value"]]
    if "quality_flags" in rows.columns:
        estimate = [isinstance(f, (list, tuple, set)) and "estimate" in f for f in rows["quality_flags"]]
    else:
        estimate = [False] * len(rows)
    out = pd.DataFrame({
        "report_id": rows["report_id"],
        "region": rows["region"],
        "level": rows["level"] if "level" in rows.columns else "",
        **({"year": rows["year"]} if "year" in rows.columns else {}),
        "label": row_labels(rows) if len(rows) else [],
        "source_value": rows["value"].astype("float64"),
        "source_unit": rows["unit"].astype(str),
        "unit": units,
        "value": pd.Series(values, index=rows.index, dtype="float64"),
        "digits": digits,
        "estimate": pd.Series(estimate, index=rows.index, dtype=bool),
    })
    out["text"] = [fmt_significant(v, d) + u if pd.notna(v) else "—" for v, d, u in
                   zip(out["value"], out["digits"], out["unit"])]
    return out.reset_index(drop=True)


def _common_unit(table: pd.DataFrame, indicator: str) -> str:
    """One unit for one axis: the table's only unit; for money, 万元 when every report is a township
    and their median is under 1亿元, else 亿元."""
    units = sorted(set(table["unit"]))
    if len(units) == 1:
        return units[0]
    if not all(is_money(u) for u in units):
        return units[0]
    towns = (table["level"].astype(str) == "township").all()
    median = pd.Series([to_unit(v, u, "亿元") for v, u in zip(table["value"], table["unit"])]).median()
    return "万元" if towns and median < 1 else "亿元"


def _on_axis(table: pd.DataFrame, axis_unit: str) -> list[float]:
    """Each value of a :func:`levels_table` in ``axis_unit``; NaN where its unit does not convert."""
    out = []
    for v, u in zip(table["value"], table["unit"]):
        try:
            out.append(to_unit(v, u, axis_unit) if pd.notna(v) else float("nan"))
        except ValueError:
            out.append(float("nan"))
    return out


def _left_out(table: pd.DataFrame, *, indicator: str, axis_unit: str) -> str:
    """The rows whose unit does not convert to ``axis_unit`` (column ``_x`` NaN), named for a warning and a
    footnote ("" when none); an error when no row converts."""
    bad = table[table["_x"].isna()]
    if len(bad) == len(table):
        raise PlotDataError(
            f"no {indicator!r} level converts to {axis_unit!r}; the data's units are "
            f"{sorted(set(bad['source_unit']))}: pass one of these as unit="
        )
    left_out = ", ".join(f"{lab} ({u})" for lab, u in zip(bad["label"], bad["source_unit"]))
    if left_out:
        # stacklevel 3: the line that called plot_levels
        warnings.warn(f"plot_levels: not drawn, unit not convertible to {axis_unit}: {left_out}", UserWarning,
                      stacklevel=3)
    return left_out


def _levels_in_order(rows: pd.DataFrame, *, sort: str) -> pd.DataFrame:
    """Rows by administrative level (top level first), then largest first or by label."""
    order = {lv: i for i, lv in enumerate(LEVELS)}
    rows = rows.assign(_lv=rows["level"].astype(str).map(order).fillna(len(LEVELS)))
    keys = ["_lv", "label"] if sort == "name" else ["_lv", "_x", "label"]
    return rows.sort_values(keys, ascending=[True, True] if sort == "name" else [True, False, True],
                            kind="stable").reset_index(drop=True)


def _log_scale(rows: pd.DataFrame, scale: str) -> bool:
    """``scale="log"``, or ``"auto"`` with positive values spanning more than a factor of 100."""
    positive = rows.loc[rows["_x"] > 0, "_x"]
    return scale == "log" or (scale == "auto" and len(positive) > 1 and positive.max() > 100 * positive.min())


def plot_levels(
    data: pd.DataFrame,
    *,
    indicator: str = "gdp",
    unit: str = "auto",
    year: int | None = None,
    sort: Literal["value", "name"] = "value",
    scale: Literal["auto", "linear", "log"] = "auto",
    ax: Axes | None = None,
) -> Axes:
    """Actual levels of one indicator, one horizontal bar per region, grouped by administrative level.

    Takes the rows with ``kind == "actual"`` and ``measure == "level"`` and
    converts each value from its own ``unit`` with
    :func:`govreports.numbers.to_unit` (so 12,600万元 and 1.26亿元 are one
    length; :func:`levels_table` gives the numbers drawn). Where the reports
    are of several levels (a province, its cities, townships) the bars are
    grouped by level, top level first, each group labelled; each bar carries
    its value in the unit that reads best at its level (638万元 for a
    township, 1,210,000亿元 for the nation), to the significant digits the
    report gave. Figures the report gives as estimates (预计, flag
    ``estimate``) are hatched and say so in the legend.
    :func:`plot_levels_by_level` draws one panel per level instead.

    Parameters
    ----------
    data : pandas.DataFrame
        The panel (:func:`govreports.panel`) or rows of
        :func:`govreports.extract_metrics` (then the first figure of each
        report in text order). Needs ``report_id, region, indicator, kind,
        measure, value, unit``; ``level``, ``quality_flags``, ``year`` and ``period``
        are used when present.
    indicator : str, default "gdp"
        The indicator id (see :func:`govreports.indicators`).
    unit : str, default "auto"
        The unit of the axis: any unit of the values' family (``"万元"``,
        ``"亿元"``, ``"万吨"``, ``"元"`` …), or ``"auto"``: 万元 when all
        reports are townships with a median under 1亿元, 亿元 for money
        above (元 for per-capita incomes), the most common unit otherwise;
        the bar labels are then in each row's own unit (:func:`levels_table`).
    year : int, optional
        Keep only reports of this year. Where a region has reports of several
        years, each is a bar labelled "region year".
    sort : {"value", "name"}, default "value"
        Bar order within a level, top to bottom: largest first (ties by name),
        or by region name (code-point order, as :func:`sorted`).
    scale : {"auto", "linear", "log"}, default "auto"
        The x scale; ``"auto"`` is logarithmic when the positive values span
        more than a factor of 100 (a nation beside townships), else linear.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, y tick labels the region names (Chinese).

    Raises
    ------
    PlotDataError
        If ``data`` holds no level for ``indicator``, or none whose unit
        converts to ``unit``.
    InvalidOptionError
        If ``sort`` or ``scale`` is not one of its options.

    Warns
    -----
    UserWarning
        Naming the regions left out because their unit is of another family
        (``万美元`` when drawing in ``亿元``); the axes say so in a footnote too.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import plot_levels
    >>> ax = plot_levels(gr.panel(gr.load_sample()), indicator="gdp", unit="亿元")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['横沥镇', '濮院镇', '六镇镇']
    >>> ax.get_xlabel()
    'Actual level (亿元)'
    >>> plot_levels(gr.panel(gr.load_sample()), indicator="fiscal_revenue").get_xlabel()
    'Actual level (万元)'
    """
    check_option("sort", sort, ["value", "name"])
    check_option("scale", scale, ["auto", "linear", "log"])
    table = levels_table(data, indicator=indicator, unit=unit, year=year)
    if table.empty:
        raise PlotDataError(f"data holds no actual level for indicator {indicator!r}")
    axis_unit = _common_unit(table, indicator) if unit == "auto" else unit
    table = table.assign(_x=_on_axis(table, axis_unit))
    left_out = _left_out(table, indicator=indicator, axis_unit=axis_unit)
    rows = _levels_in_order(table[table["_x"].notna()], sort=sort)
    _ensure_font()
    return _draw_levels(rows, indicator=indicator, axis_unit=axis_unit, log=_log_scale(rows, scale),
                        left_out=left_out, ax=ax)


def _draw_levels(
    rows: pd.DataFrame, *, indicator: str, axis_unit: str, log: bool, left_out: str, ax: Axes | None
) -> Axes:
    """Draw the prepared levels (see :func:`plot_levels`): bars, labels, level groups, legend."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    n = len(rows)
    ax = _axes(ax, (7.0, max(2.4, 0.45 * n + 1.4)))
    ys = list(range(n))
    if log:
        ax.set_xscale("log")
        positive = rows.loc[rows["_x"] > 0, "_x"]
        base = 10 ** math.floor(math.log10(positive.min())) if len(positive) else 1.0
        bars = ax.barh(ys, [max(v, base) - base for v in rows["_x"]], left=base, height=0.6, color=_BAR_COLOR,
                       gid="level")
    else:
        bars = ax.barh(ys, rows["_x"].tolist(), height=0.6, color=_BAR_COLOR, gid="level")
    for bar, est in zip(bars, rows["estimate"]):
        if est:
            bar.set_facecolor(_ESTIMATE_COLOR)
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    same_unit = set(rows["unit"]) == {axis_unit}
    labels = [fmt_significant(v, d) if same_unit else t for v, d, t in zip(rows["value"], rows["digits"], rows["text"])]
    ax.bar_label(bars, labels=_plain_all(labels), padding=3, fontsize="small")
    ax.set_yticks(ys, _plain_all(rows["label"]))
    mixed = rows["level"].astype(str).nunique() > 1
    ax.set_ylim(n - 0.5, -0.9 if mixed else -0.5)  # largest (or first by name) on top; room for a level name
    ax.margins(x=0.18)
    if not log:
        ax.set_xlim(left=min(0.0, float(rows["_x"].min()) * 1.12))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))  # 1,200,000 and its neighbours need the room
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_number(v)))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_significant(v, 1)))
    ax.set_xlabel(_plain(f"Actual level ({axis_unit}{', log scale' if log else ''})"))
    ax.set_ylabel("")
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    _level_groups(ax, rows["level"].astype(str).tolist())
    period = ""
    if "period" in rows.columns:
        periods = sorted(set(rows["period"].dropna().astype(str)))
        period = f", {periods[0]}" if len(periods) == 1 else ""
    ax.set_title(_plain(f"{_indicator_name(indicator)}: actual level{period} ({axis_unit})"))
    if rows["estimate"].any():
        from matplotlib.patches import Patch

        ax.legend(
            [Patch(facecolor=_BAR_COLOR), Patch(facecolor=_ESTIMATE_COLOR, hatch="//", edgecolor="white")],
            ["reported", "estimate (预计):\nstated before the\nyear was over"],
            loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small",
        )
    if left_out:
        # under the x label, wherever the tick labels put it
        ax.annotate(_plain(f"Not drawn (unit not convertible to {axis_unit}): {left_out}"), xy=(0.5, 0.0),
                    xycoords=ax.xaxis.label, xytext=(0, -3), textcoords="offset points", ha="center", va="top",
                    fontsize="x-small", color="0.4", gid="left_out")
    return ax


def plot_levels_by_level(
    data: pd.DataFrame,
    *,
    indicator: str = "gdp",
    year: int | None = None,
    sort: Literal["value", "name"] = "value",
) -> Figure:
    """Levels of one indicator, one panel per administrative level, each in its own unit and scale.

    A figure-level companion of :func:`plot_levels`: a nation's GDP (about
    1,260,000亿元) and a township's (638万元) never share an axis. Panels run
    from the top level down, each as tall as its number of bars, each in the
    unit that reads best there: 万元 for townships whose median is under
    1亿元, 亿元 above; the bar labels as :func:`levels_table` writes them.

    Parameters
    ----------
    data : pandas.DataFrame
        The panel or rows of :func:`govreports.extract_metrics` (see
        :func:`plot_levels`); ``level`` is used when present (without it, one
        panel).
    indicator : str, default "gdp"
        The indicator id.
    year : int, optional
        Keep only reports of this year.
    sort : {"value", "name"}, default "value"
        Bar order within each panel.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes per level present, top level first.

    Raises
    ------
    PlotDataError
        If ``data`` holds no level for ``indicator``.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._plotting import plot_levels_by_level
    >>> fig = plot_levels_by_level(gr.panel(gr.load_sample()), indicator="fiscal_revenue")
    >>> [ax.get_xlabel() for ax in fig.axes]
    ['Actual level (万元)']
    """
    table = levels_table(data, indicator=indicator, year=year)
    if table.empty:
        raise PlotDataError(f"data holds no actual level for indicator {indicator!r}")
    _ensure_font()
    return _draw_levels_by_level(data, table, indicator=indicator, year=year, sort=sort,
                                 by_level="level" in data.columns)


def _draw_levels_by_level(
    data: pd.DataFrame,
    table: pd.DataFrame,
    *,
    indicator: str,
    year: int | None,
    sort: str,
    by_level: bool,
) -> Figure:
    """One panel per level of a :func:`levels_table` (one panel when not ``by_level``), top level first, each
    as tall as its bars. Each panel is :func:`plot_levels` of its reports' rows of ``data``, so that it picks
    its own unit and scale."""
    import matplotlib.pyplot as plt

    level = table["level"].astype(str)
    present = [lv for lv in (*LEVELS, "") if (level == lv).any()] if by_level else [""]
    counts = [max(1, int((level == lv).sum())) if lv else len(table) for lv in present]
    fig, axes = plt.subplots(len(present), 1, figsize=(7.0, 1.2 * len(present) + 0.45 * sum(counts)),
                             height_ratios=[c + 1.2 for c in counts], layout="constrained", squeeze=False)
    for ax, lv in zip(axes[:, 0], present):
        part = data if lv == "" else data[data["report_id"].isin(set(table.loc[level == lv, "report_id"]))]
        plot_levels(part, indicator=indicator, year=year, sort=sort, scale="auto", ax=ax)
        if lv:
            ax.set_title(_plain(f"{ax.get_title()} · {lv}"))
    return fig


# --------------------------------------------------------------------------- plot_attention

_ATTENTION_VALUES = ("share_tokens", "share_sentences", "tokens", "sentences")
_ATTENTION_LABELS = {
    "share_tokens": "Share of tokens",
    "share_sentences": "Share of sentences",
    "tokens": "Theme tokens",
    "sentences": "Sentences with a theme term",
}


def _group_labels(frame: pd.DataFrame, by: list[str]) -> list[str]:
    """Per row, the values of the ``by`` columns joined with " · " (``横沥镇 · 2023``)."""
    return [" · ".join(str(v) for v in key) for key in frame[by].itertuples(index=False, name=None)]


def _theme_order(theme: pd.Series) -> list[str]:
    """The themes present, in the order of the categorical (else of first appearance)."""
    if isinstance(theme.dtype, pd.CategoricalDtype):
        present = set(theme.dropna().astype(str))
        return [str(c) for c in theme.cat.categories if str(c) in present]
    return list(dict.fromkeys(theme.dropna().astype(str)))


def attention_table(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] = "region",
    value: Literal["share_tokens", "share_sentences", "tokens", "sentences"] = "share_tokens",
) -> pd.DataFrame:
    """The cells :func:`plot_attention` draws: one row per group and theme, with the text written in the cell.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`govreports.attention` (see :func:`plot_attention`).
    by : str or sequence of str, default "region"
        The grouping column(s) of ``data``.
    value : {"share_tokens", "share_sentences", "tokens", "sentences"}, default "share_tokens"
        The measure.

    Returns
    -------
    pandas.DataFrame
        One row per cell of the heatmap, row by row (groups sorted by the
        ``by`` columns), each row's themes in theme order (the ``theme``
        categorical's, else of first appearance): the ``by`` columns,
        ``label`` (the group's row label, ``by`` values joined with " · "),
        ``theme`` (ordered categorical), ``theme_label`` (``theme_zh`` when
        present, else the id), ``row`` and ``col`` (0-based cell position),
        ``value``'s column (float; NaN where the group has no row or no text
        for the theme), ``text`` (the cell's label: a percentage for shares,
        to one decimal — two when every share is under 2% — an integer for
        counts; None for a blank cell) and ``text_color`` (``"white"`` on
        cells darker than 60% of the largest value, else ``"0.15"``).

    Raises
    ------
    PlotDataError
        If ``data`` is empty or has more than one row per group and theme.
    InvalidOptionError
        If ``value`` is not one of the four measures.
    MissingColumnsError
        If ``data`` lacks a ``by`` column, ``theme`` or ``value``.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._plotting import attention_table
    >>> att = gr.attention(gr.tokenize(gr.load_sample()), by="region")
    >>> cells = attention_table(att, by="region", value="share_tokens")
    >>> cells[["label", "theme_label", "share_tokens", "text"]].head(3)
      label theme_label  share_tokens  text
    0   六镇镇       经济与产业      0.005119  0.5%
    1   六镇镇       投资与项目      0.004551  0.5%
    2   六镇镇        农业农村      0.042662  4.3%
    """
    by = [by] if isinstance(by, str) else list(by)
    check_option("value", value, list(_ATTENTION_VALUES))
    require_columns(data, by + ["theme", value], "data")
    if data.empty:
        raise PlotDataError("data is empty: nothing to draw")
    if data.duplicated(by + ["theme"]).any():
        raise PlotDataError(f"data has several rows per {by + ['theme']}; pass the grouping columns as by=")
    themes = _theme_order(data["theme"])
    names = dict(zip(data["theme"].astype(str), data["theme_zh"].astype(str))) if "theme_zh" in data else {}
    groups = data[by].drop_duplicates().sort_values(by, kind="stable").reset_index(drop=True)
    labels = _group_labels(groups, by)
    keyed = data.assign(_theme=data["theme"].astype(str), _group=_group_labels(data, by))
    matrix = (
        keyed.pivot(index="_group", columns="_theme", values=value)
        .reindex(index=labels, columns=themes)
        .astype("float64")
        .to_numpy()
    )
    n_rows, n_cols = matrix.shape
    vmax = float(np.nanmax(matrix)) if np.isfinite(matrix).any() else 1.0
    decimals = 1 if vmax >= 0.02 else 2  # small shares (under 2%) need the second decimal to differ
    is_share = value.startswith("share")
    cells = groups.loc[groups.index.repeat(n_cols)].reset_index(drop=True)
    cells["label"] = [label for label in labels for _ in themes]
    cells["theme"] = pd.Categorical(themes * n_rows, categories=themes, ordered=True)
    cells["theme_label"] = [names.get(t, t) for t in themes] * n_rows
    cells["row"] = [i for i in range(n_rows) for _ in themes]
    cells["col"] = list(range(n_cols)) * n_rows
    flat = matrix.ravel()
    cells[value] = flat
    cells["text"] = [(f"{v * 100:.{decimals}f}%" if is_share else f"{v:,.0f}") if np.isfinite(v) else None
                     for v in flat]
    cells["text_color"] = ["white" if vmax > 0 and v / vmax > 0.6 else "0.15" for v in flat]
    return cells


def plot_attention(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] = "region",
    value: Literal["share_tokens", "share_sentences", "tokens", "sentences"] = "share_tokens",
    ax: Axes | None = None,
) -> Axes:
    """Policy attention as a heatmap: groups (rows) × themes (columns).

    Columns are the themes in theme order (the order of the ``theme``
    categorical, else of first appearance), labelled with their Chinese names
    (``theme_zh``); rows are the groups sorted by the ``by`` columns. Each cell
    is annotated — shares as percentages, counts as integers — and a colorbar
    gives the scale. Cells with no text (a share of NaN) stay blank.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`govreports.attention`: the ``by`` columns,
        ``theme``, ``theme_zh`` (optional; else the ids label the columns)
        and ``value``.
    by : str or sequence of str, default "region"
        The grouping column(s) of ``data``; several are joined with " · " in
        the row labels (``横沥镇 · 2023``).
    value : {"share_tokens", "share_sentences", "tokens", "sentences"}, default "share_tokens"
        The measure to colour by.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The heatmap axes (the colorbar is a second axes of the same figure).

    Raises
    ------
    PlotDataError
        If ``data`` is empty or has more than one row per group and theme.
    InvalidOptionError
        If ``value`` is not one of the four measures.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import plot_attention
    >>> att = gr.attention(gr.tokenize(gr.load_sample()), by="region")
    >>> ax = plot_attention(att, by="region", value="share_tokens")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['六镇镇', '平湖镇', '横沥镇', '泥溪镇', '濮院镇']
    >>> len(ax.get_xticklabels())
    11
    """
    table = attention_table(data, by=by, value=value)
    _ensure_font()
    return _draw_attention(table, value=value, ax=ax)


def _draw_attention(table: pd.DataFrame, *, value: str, ax: Axes | None) -> Axes:
    """Draw an :func:`attention_table` (see :func:`plot_attention`): the heatmap, cell labels, colorbar."""
    n_rows, n_cols = table["row"].nunique(), table["col"].nunique()
    matrix = table[value].to_numpy(dtype="float64").reshape(n_rows, n_cols)
    ax = _axes(ax, (0.8 * n_cols + 2.6, 0.5 * n_rows + 2.4))
    vmax = float(np.nanmax(matrix)) if np.isfinite(matrix).any() else 1.0
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap="Blues", aspect="auto", vmin=0.0,
                      vmax=vmax if vmax > 0 else 1.0, interpolation="nearest")
    image.set_gid("attention")
    labelled = table[table["text"].notna()]
    for i, j, text, color in zip(labelled["row"], labelled["col"], labelled["text"], labelled["text_color"]):
        ax.text(j, i, text, ha="center", va="center", fontsize="x-small", color=color, gid="cell_label")
    ax.set_xticks(range(n_cols), _plain_all(table.loc[table["row"] == 0, "theme_label"]), rotation=40, ha="right",
                  rotation_mode="anchor")
    ax.set_yticks(range(n_rows), _plain_all(table.loc[table["col"] == 0, "label"]))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    label = _ATTENTION_LABELS[value]
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(label)
    if value.startswith("share"):
        from matplotlib.ticker import PercentFormatter

        # decimals=None: as many as the tick spacing needs (0.25% stays 0.25%, not 0.2%)
        bar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=None))
    ax.set_title(f"Policy attention by theme: {label.lower()}")
    return ax


# --------------------------------------------------------------------------- plot_distinctive


def distinctive_table(data: pd.DataFrame, *, by: str = "region", top: int = 10) -> pd.DataFrame:
    """The words :func:`plot_distinctive` draws: each group's ``top`` words of highest positive z.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`govreports.distinctive_terms`: ``by``, ``token``, ``z``.
    by : str, default "region"
        The grouping column.
    top : int, default 10
        Words per group.

    Returns
    -------
    pandas.DataFrame
        One row per word drawn, group by group (groups sorted by name, as
        text), each group's words by ``z`` descending (ties by token):
        ``by``, ``token``, ``z``, ``rank`` (1 for the most distinctive;
        nullable integer) and ``panel`` (the group's 0-based position). A
        group with no word of positive z has one row with ``token``, ``z``
        and ``rank`` missing (its panel says so).

    Raises
    ------
    PlotDataError
        If ``data`` is empty.
    InvalidOptionError
        If ``top`` is not a positive integer.
    MissingColumnsError
        If ``data`` lacks ``by``, ``token`` or ``z``.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._plotting import distinctive_table
    >>> words = gr.distinctive_terms(gr.tokenize(gr.load_sample()), by="region")
    >>> t = distinctive_table(words, by="region", top=3)
    >>> t[["region", "token", "rank", "panel"]].head(4)
      region token  rank  panel
    0    六镇镇    爱情     1      0
    1    六镇镇    大张     2      0
    2    六镇镇    郑桥     3      0
    3    平湖镇    富达     1      1
    """
    require_columns(data, [by, "token", "z"], "data")
    _check_positive_int("top", top)
    if data.empty:
        raise PlotDataError("data is empty: nothing to draw")
    groups = sorted(data[by].dropna().unique(), key=str)
    positive = data[data["z"] > 0]
    parts = []
    for i, group in enumerate(groups):
        rows = positive[positive[by] == group].sort_values(["z", "token"], ascending=[False, True], kind="stable")
        rows = rows.head(top)[[by, "token", "z"]]
        if rows.empty:
            rows = pd.DataFrame({by: [group], "token": [None], "z": [math.nan]})
            rank = pd.array([pd.NA], dtype="Int64")
        else:
            rank = pd.array(range(1, len(rows) + 1), dtype="Int64")
        parts.append(rows.assign(rank=rank, panel=i))
    if not parts:
        return pd.DataFrame(columns=[by, "token", "z", "rank", "panel"])
    return pd.concat(parts, ignore_index=True)


def _check_positive_int(name: str, number: object) -> None:
    """Raise :class:`InvalidOptionError` unless ``number`` is an int of at least 1 (not a bool)."""
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise InvalidOptionError(name, number, "a positive integer")


def plot_distinctive(
    data: pd.DataFrame,
    *,
    by: str = "region",
    top: int = 10,
    col_wrap: int = 3,
) -> Figure:
    """Each group's most distinctive words: one panel per group, bars of z.

    Figure-level, like seaborn's ``catplot``: a grid of ``col_wrap`` columns,
    one panel per group (groups sorted by name), each with horizontal bars of
    the ``top`` words of highest positive ``z`` (the weighted log-odds z-score
    of :func:`govreports.distinctive_terms`), the most distinctive on top. The
    panels share the z axis so lengths compare across groups; a dotted line
    marks z = 1.96 (about 95% sure). A group with no positive z says so.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`govreports.distinctive_terms`: ``by``, ``token``, ``z``.
    by : str, default "region"
        The grouping column.
    top : int, default 10
        Words per panel.
    col_wrap : int, default 3
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; its first ``n_groups`` axes are the panels, titled with
        the group names (Chinese), y tick labels the words.

    Raises
    ------
    PlotDataError
        If ``data`` is empty.
    InvalidOptionError
        If ``top`` or ``col_wrap`` is not a positive integer.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import plot_distinctive
    >>> words = gr.distinctive_terms(gr.tokenize(gr.load_sample()), by="region")
    >>> fig = plot_distinctive(words, by="region", top=8, col_wrap=3)
    >>> [ax.get_title() for ax in fig.axes if ax.get_visible()]
    ['六镇镇', '平湖镇', '横沥镇', '泥溪镇', '濮院镇']
    """
    table = distinctive_table(data, by=by, top=top)
    _check_positive_int("col_wrap", col_wrap)
    _ensure_font()
    return _draw_distinctive(table, by=by, top=top, col_wrap=col_wrap)


def _draw_distinctive(table: pd.DataFrame, *, by: str, top: int, col_wrap: int) -> Figure:
    """Draw a :func:`distinctive_table` (see :func:`plot_distinctive`): a grid of panels sharing the z axis."""
    import matplotlib.pyplot as plt

    n_groups = table["panel"].nunique()
    ncols = min(col_wrap, n_groups)
    nrows = math.ceil(n_groups / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, squeeze=False, sharex=True, layout="constrained",
        figsize=(3.4 * ncols, (0.26 * top + 0.9) * nrows),
    )
    words = table[table["z"].notna()]
    zmax = float(words["z"].max()) if len(words) else 2.0
    flat = list(axes.flat)
    for ax, (_, panel) in zip(flat, table.groupby("panel", sort=True)):
        _draw_distinctive_panel(ax, panel, by=by, top=top)
    for ax in flat[n_groups:]:
        ax.set_visible(False)
    flat[0].set_xlim(0, zmax * 1.05)
    for ax in flat[:n_groups]:
        ax.tick_params(axis="x", labelbottom=True)
    for i, ax in enumerate(flat[:n_groups]):
        # the x label under the last panel of each column
        if i + ncols >= n_groups:
            ax.set_xlabel("z (weighted log-odds)")
    fig.suptitle(_plain(f"Distinctive words by {by} (top {top}, z > 0)"))
    return fig


def _draw_distinctive_panel(ax: Axes, panel: pd.DataFrame, *, by: str, top: int) -> None:
    """One group's panel: bars of z for its words, most distinctive on top, or a note that it has none."""
    rows = panel[panel["z"].notna()]
    ax.set_title(_plain(panel[by].iloc[0]))
    ax.set_ylim(top - 0.5, -0.5)
    ax.axvline(1.96, color="0.6", linestyle=":", linewidth=1, zorder=0)
    if rows.empty:
        ax.text(0.5, 0.5, "no word with z > 0", transform=ax.transAxes, ha="center", va="center",
                fontsize="small", color="0.4")
        ax.set_yticks([])
        return
    ys = list(range(len(rows)))
    ax.barh(ys, rows["z"].tolist(), height=0.7, color=_BAR_COLOR, gid="z")
    ax.set_yticks(ys, _plain_all(rows["token"]), fontsize="small")
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)


# --------------------------------------------------------------------------- plot_term_trends


def _infer_per(data: pd.DataFrame) -> int | None:
    """The ``per`` of term_frequencies (rate = count / chars × per), read back from the numbers."""
    if not {"count", "chars", "rate"} <= set(data.columns):
        return None
    ok = data[(data["count"] > 0) & data["rate"].notna()]
    if ok.empty:
        return None
    per = (ok["rate"] * ok["chars"] / ok["count"]).median()
    return round(per) if pd.notna(per) and per > 0 else None


_LINE_STYLES = ["-", "--", ":", "-."]
_LINE_MARKERS = ["o", "s", "^", "D", "v", "P", "X"]


def term_trends_table(
    data: pd.DataFrame,
    *,
    terms: str | Sequence[str],
    x: str = "year",
    y: Literal["rate", "count"] | str = "rate",
    hue: str | None = None,
) -> pd.DataFrame:
    """The lines :func:`plot_term_trends` draws: one row per point, lines in drawing order.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`govreports.term_frequencies` (see
        :func:`plot_term_trends`).
    terms : str or sequence of str
        The term(s), in the order of the lines (repeats dropped).
    x : str, default "year"
        The column on the x axis.
    y : str, default "rate"
        The measure.
    hue : str, optional
        A second grouping column, one line per term and value.

    Returns
    -------
    pandas.DataFrame
        One row per point: for each ``hue`` value (sorted by name; one pass
        without ``hue``), for each term, every ``x`` value for which that
        group has text, in order. Columns ``line`` (0-based, the drawing
        order), ``token``, ``hue`` (when given), ``x``, ``y`` (float; a term
        absent from a group in a year it has text is 0 for ``"count"`` and
        ``"rate"``), ``label`` (the legend entry: the term, ``term · group``
        with ``hue``), ``color`` (one per term: ``C0``, ``C1`` …),
        ``linestyle`` and ``marker`` (one per ``hue`` value), and ``per``
        (the ``per`` of ``rate``, read back from the numbers: rate = count /
        chars × per; None when not inferable or ``y`` is not ``"rate"``). A
        line with no point has one row with ``x`` and ``y`` missing.

    Raises
    ------
    PlotDataError
        If ``terms`` is empty, or ``data`` has several rows per term and
        ``x`` (group it by ``x`` only, or pass the other column as ``hue``).
    MissingColumnsError
        If ``data`` lacks ``token``, ``x``, ``y`` or ``hue``.

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports.present._plotting import term_trends_table
    >>> tf = gr.term_frequencies(gr.tokenize(gr.load_sample()), by=["year"])
    >>> t = term_trends_table(tf, terms=["乡村振兴", "招商引资"], y="rate")
    >>> t[["line", "token", "year", "label", "color", "per"]]
       line token  year label color    per
    0     0  乡村振兴  2023  乡村振兴    C0  10000
    1     1  招商引资  2023  招商引资    C1  10000
    """
    term_list = [terms] if isinstance(terms, str) else list(dict.fromkeys(terms))
    if not term_list:
        raise PlotDataError("terms is empty: name at least one term")
    keys = [x] + ([hue] if hue is not None else [])
    require_columns(data, keys + ["token", y], "data")
    rows = data[data["token"].isin(term_list)]
    if rows.duplicated(keys + ["token"]).any():
        others = [c for c in data.columns if c not in {*keys, "token", "count", "chars", "rate", "rank", y}]
        raise PlotDataError(
            f"data has several rows per term and {keys}; compute it with term_frequencies(by={keys!r}) "
            f"or pass one of {others} as hue="
        )
    fill_zero = y in ("count", "rate")
    per = _infer_per(data) if y == "rate" else None
    hue_values = sorted(data[hue].dropna().unique(), key=str) if hue is not None else [None]
    lines = []
    for h_i, h in enumerate(hue_values):
        scope = data if h is None else data[data[hue] == h]
        xs = sorted(scope[x].dropna().unique())
        for t_i, term in enumerate(term_list):
            series = rows[rows["token"] == term]
            if h is not None:
                series = series[series[hue] == h]
            values = series.set_index(x)[y].astype("float64").reindex(xs)
            if fill_zero:
                values = values.fillna(0.0)
            if xs:
                line = pd.DataFrame({x: pd.array(xs, dtype=data[x].dtype), y: values.tolist()})
            else:
                line = pd.DataFrame({x: [math.nan], y: [math.nan]})
            lines.append(line.assign(
                line=len(lines), token=term, **({hue: h} if hue is not None else {}),
                label=term if h is None else f"{term} · {h}", color=f"C{t_i % 10}",
                linestyle=_LINE_STYLES[h_i % len(_LINE_STYLES)], marker=_LINE_MARKERS[h_i % len(_LINE_MARKERS)],
                per=pd.Series([per] * len(line), dtype=object),
            ))
    columns = ["line", "token", *([hue] if hue is not None else []), x, y, "label", "color", "linestyle", "marker",
               "per"]
    return pd.concat(lines, ignore_index=True)[columns] if lines else pd.DataFrame(columns=columns)


def plot_term_trends(
    data: pd.DataFrame,
    *,
    terms: str | Sequence[str],
    x: str = "year",
    y: Literal["rate", "count"] | str = "rate",
    hue: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Frequencies of chosen terms over the years: one line per term (and ``hue`` group).

    Lines with markers, one per term in the order given; with ``hue`` (e.g.
    ``"region"``), one per term and group, the term by colour and the group by
    line style and marker (groups sorted by name). A term absent from a group
    in a year for which the group has text counts as zero there (for ``y`` of
    ``"count"`` or ``"rate"``), since :func:`govreports.term_frequencies`
    lists only the tokens it saw.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`govreports.term_frequencies` grouped by ``x`` (and
        ``hue``): ``by=["year"]`` or ``by=["region", "year"]``; needs
        ``token``, ``x`` and ``y`` (and ``hue``).
    terms : str or sequence of str
        The term(s) to draw.
    x : str, default "year"
        The column on the x axis.
    y : str, default "rate"
        The measure: ``"rate"`` (per ``per`` characters), ``"count"``, or any
        numeric column.
    hue : str, optional
        A second grouping column, one line per term and value.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        The axes, with a legend naming the terms (Chinese).

    Raises
    ------
    PlotDataError
        If ``terms`` is empty, or ``data`` has several rows per term and
        ``x`` (group it by ``x`` only, or pass the other column as ``hue``).

    Examples
    --------
    >>> import govreports as gr
    >>> from govreports import plot_term_trends
    >>> tf = gr.term_frequencies(gr.tokenize(gr.load_sample()), by=["year"])
    >>> ax = plot_term_trends(tf, terms=["乡村振兴", "招商引资"], y="rate")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['乡村振兴', '招商引资']
    """
    table = term_trends_table(data, terms=terms, x=x, y=y, hue=hue)
    _ensure_font()
    return _draw_term_trends(table, x=x, y=y, hue=hue, x_values=data[x], ax=ax)


def _draw_term_trends(
    table: pd.DataFrame, *, x: str, y: str, hue: str | None, x_values: pd.Series, ax: Axes | None
) -> Axes:
    """Draw a :func:`term_trends_table` (see :func:`plot_term_trends`): its lines, then the x axis over
    ``x_values`` (every x of the data: a tick per year present), labels and legend."""
    from matplotlib.ticker import MaxNLocator

    ax = _axes(ax, (7.0, 4.2))
    for _, line in table.groupby("line", sort=True):
        points = line[line[x].notna()]
        first = line.iloc[0]
        ax.plot(points[x].tolist(), points[y].tolist(), color=first["color"], linestyle=first["linestyle"],
                marker=first["marker"], markersize=6, label=_plain(first["label"]), gid="trend")
    all_x = sorted(x_values.dropna().unique())
    if pd.api.types.is_numeric_dtype(x_values) and 0 < len(all_x) <= 12:
        # a tick per year present; a single year gets a one-year margin, not an arbitrary span
        ax.set_xticks([float(v) for v in all_x], _plain_all(all_x))
        if len(all_x) == 1:
            ax.set_xlim(float(all_x[0]) - 1, float(all_x[0]) + 1)
    elif pd.api.types.is_integer_dtype(x_values):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    per = table["per"].iloc[0] if len(table) else None
    ylabels = {"rate": f"Occurrences per {per:,} characters" if per else "Rate", "count": "Occurrences"}
    ax.set_ylabel(_plain(ylabels.get(y, y)))
    ax.set_xlabel(_plain(x.capitalize() if x == "year" else x))
    ax.set_ylim(bottom=0)
    ax.grid(color="0.92", linewidth=0.8)
    ax.set_axisbelow(True)
    if hue is not None or table["token"].nunique() > 6:
        # many lines end at the right edge; keep the legend off them
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small")
    else:
        ax.legend(frameon=False, fontsize="small")
    ax.set_title(_plain("Term frequency over time" + (f" by {hue}" if hue else "")))
    return ax
