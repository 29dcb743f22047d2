"""Policy attention by theme, and numbered slogans (数字化提法).

:func:`attention` measures what a government talks about: each theme's share
of a report's (or section's) tokens and sentences, with the bundled theme
dictionary (``datasets/themes.tsv``, documented in ``datasets/lexicons.md``).

:func:`slogans` finds the genre's numbered formulas — 三提三效, 五清一改,
一改两为五做到, 十大专项行动, 四个不摘, 1+5+N — with their sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .. import _regex
from .._deprecated import renamed_arguments
from .._lazy import pandas as pd
from .._parallel import Engine
from .._util import require_columns
from ..datasets._lexicons import theme_table
from ..errors import InvalidOptionError
from ..extract._segment import find_sections, split_sentences
from ..schema import DOCUMENT_COLUMNS, with_document_columns
from ._tokens import tokenize

__all__ = ["attention", "slogans", "theme_ids", "THEME_IDS"]

#: Theme ids, in display order.
THEME_IDS: tuple[str, ...] = (
    "economy_industry",
    "investment_projects",
    "agriculture_rural",
    "ecology_environment",
    "livelihoods",
    "safety_stability",
    "party_government",
    "epidemic_control",
    "innovation_digital",
    "culture_tourism",
    "urban_construction",
)


def theme_ids() -> list[str]:
    """Theme ids in display order.

    Returns
    -------
    list of str
        The 11 theme ids.

    Examples
    --------
    >>> import govreports as gr
    >>> gr.theme_ids()[2]
    'agriculture_rural'
    """
    return list(THEME_IDS)


@renamed_arguments({"tokens_or_reports": "data"})
def attention(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("report_id",),
    extra_terms: dict[str, Sequence[str]] | None = None,
    jobs: int = 1,
    engine: Engine = "processes",
) -> pd.DataFrame:
    """Policy attention: each theme's share of tokens and of sentences.

    Parameters
    ----------
    data
        Output of :func:`govreports.tokenize`, or a reports frame (then it is
        tokenized with the defaults).
    by
        Grouping columns: ``report_id`` (default), ``region``, ``year``,
        ``section_kind`` or a combination such as
        ``["report_id", "section_kind"]``. Grouped by report, the rows also
        carry the report's ``region``, ``level``, ``year`` (and
        ``division_code`` after :func:`govreports.locate`), right after
        ``report_id``.
    extra_terms
        Additional terms per theme id, for this call.

    jobs, engine
        Workers for tokenizing when ``data`` is a reports frame (see
        :func:`govreports.tokenize`); unused for tokens.

    Returns
    -------
    pandas.DataFrame
        One row per group and theme (every theme, zero where absent): the
        ``by`` columns, ``theme``, ``theme_zh``, ``tokens`` (theme tokens),
        ``total_tokens``, ``share_tokens`` (tokens / total), ``sentences``
        (sentences with at least one theme token), ``total_sentences``,
        ``share_sentences``; sorted by group, then theme order.

    Examples
    --------
    >>> import govreports as gr
    >>> a = gr.attention(gr.load_sample(), by="region")
    >>> a.columns.tolist()[:3]
    ['region', 'theme', 'theme_zh']
    """
    by = [by] if isinstance(by, str) else list(by)
    if "token" not in data.columns:

        tokens = tokenize(data, jobs=jobs, engine=engine)
    else:
        tokens = data
    require_columns(tokens, by + ["token", "report_id", "sentence_id"], "tokens")
    table = theme_table()
    term_theme = dict(zip(table["term"], table["theme"]))
    for theme, terms in (extra_terms or {}).items():
        if theme not in THEME_IDS:

            raise InvalidOptionError("extra_terms theme", theme, list(THEME_IDS))
        for t in terms:
            term_theme[t] = theme
    zh = dict(zip(table["theme"], table["theme_zh"]))
    tok = tokens.assign(theme=tokens["token"].map(term_theme))
    totals = tok.groupby(by, observed=True, dropna=False).agg(
        total_tokens=("token", "size"),
    )
    sent_key = ["report_id", "sentence_id"]
    total_sent = (
        tok.drop_duplicates(by + sent_key).groupby(by, observed=True, dropna=False).size().rename("total_sentences")
    )
    hits = tok[tok["theme"].notna()]
    theme_tokens = hits.groupby(by + ["theme"], observed=True, dropna=False).size().rename("tokens")
    theme_sent = (
        hits.drop_duplicates(by + sent_key + ["theme"])
        .groupby(by + ["theme"], observed=True, dropna=False)
        .size()
        .rename("sentences")
    )
    groups = totals.join(total_sent).reset_index()
    grid = groups.merge(pd.DataFrame({"theme": list(THEME_IDS)}), how="cross")
    out = grid.merge(theme_tokens.reset_index(), on=by + ["theme"], how="left").merge(
        theme_sent.reset_index(), on=by + ["theme"], how="left"
    )
    out[["tokens", "sentences"]] = out[["tokens", "sentences"]].fillna(0).astype("int64")
    out["share_tokens"] = out["tokens"] / out["total_tokens"].where(out["total_tokens"] > 0)
    out["share_sentences"] = out["sentences"] / out["total_sentences"].where(out["total_sentences"] > 0)
    out["theme_zh"] = out["theme"].map(zh)
    out["theme"] = pd.Categorical(out["theme"], categories=list(THEME_IDS), ordered=True)
    cols = by + ["theme", "theme_zh", "tokens", "total_tokens", "share_tokens", "sentences", "total_sentences",
                 "share_sentences"]
    out = out[cols].sort_values(by + ["theme"], kind="stable").reset_index(drop=True)
    return _with_document_columns(out, tokens, by)


def _with_document_columns(out: pd.DataFrame, tokens: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Rows grouped by report carry the report's region, level, year and division code, right
    after ``report_id`` (as every per-report table does)."""
    extra = [c for c in DOCUMENT_COLUMNS if c != "report_id" and c in tokens.columns and c not in by]
    if "report_id" not in by or not extra:
        return out
    docs = tokens.drop_duplicates("report_id")[["report_id", *extra]]
    out = out.merge(docs, on="report_id", how="left", validate="many_to_one")
    at = by.index("report_id") + 1
    order = [*by[:at], *extra, *by[at:]]
    return out[order + [c for c in out.columns if c not in order]]


# --------------------------------------------------------------------------- slogans

_NUM = "一二两三四五六七八九十百千万双"
# 三提三效, 五清一改, 一改两为五做到, 一岗双责: two or more numeral-led pieces
_COMPOUND = _regex.compile(
    rf"(?<![{_NUM}\u4e00-\u9fff])(?:[{_NUM}]{{1,2}}[^{_NUM}\W\d]{{1,2}}){{2,4}}(?![\u4e00-\u9fff])"
)
_COMPOUND_IN = _regex.compile(rf"^(?:[{_NUM}]{{1,2}}[^{_NUM}\W\d]{{1,3}}){{2,4}}$")
# 十大专项行动, 三大革命, 六大攻坚
_N_DA = _regex.compile(
    rf"[{_NUM}]{{1,2}}大[\u4e00-\u9fff]{{0,4}}?"
    r"(?:专项行动|行动计划|攻坚战|行动|工程|战略|革命|攻坚|任务|体系|机制|举措|产业|板块|平台|战役|计划|竞赛|专项|改革|建设|提升|中心|基地|集群|片区|功能区)"
)
# 1+5+N, 1+X
_FORMULA = _regex.compile(r"(?<![\d.+])\d{1,3}(?:\s*\+\s*(?:\d{1,3}|[A-Za-z]))+(?![\d+])")
_QUOTED = _regex.compile(r"“([^“”\n]{2,12})”")
_NOT_SLOGAN = _regex.compile(
    rf"^(?:(?:二手|二甲|三甲|一体化|一次性|一般|一批|一流|一线|一级|二级|三级|一直|一同|一起|万一).*|[{_NUM}]+五|党的[{_NUM}]+大|[{_NUM}]+大|[\d{_NUM}]+|.*[年月日号届次奖名位]|.*[{_NUM}\d]+(?:周年|强|佳))$"
)
_PACKAGE = _regex.compile(rf"^(?:[\u4e00-\u9fff]{{0,4}}?)[\d{_NUM}]+条$")


def _classify(s: str) -> str | None:
    s = s.strip()
    if not s or _NOT_SLOGAN.match(s):
        return None
    if _FORMULA.fullmatch(s):
        return "formula"
    if _PACKAGE.match(s):
        return "package"
    if _N_DA.fullmatch(s) or re.fullmatch(rf"[{_NUM}]{{1,2}}大[\u4e00-\u9fff]{{1,6}}", s):
        return "n_da"
    if re.fullmatch(rf"[{_NUM}]{{1,2}}个[\u4e00-\u9fff]{{1,6}}", s):
        return "n_ge"
    if _COMPOUND_IN.fullmatch(s):
        return "compound"
    if re.match(rf"[{_NUM}]{{1,2}}[\u4e00-\u9fff]", s):
        return "numbered"
    return None


def slogans(reports: pd.DataFrame) -> pd.DataFrame:
    """Find numbered slogans (数字化提法) and count them per report.

    Four patterns are recognised anywhere in the text — compounds of
    numeral-led pieces (三提三效, 五清一改, 一改两为五做到), "N大" formulas
    (十大专项行动, 三大革命), formulas with plus signs (1+5+N, 1+X) — and,
    inside quotation marks, any phrase led by a numeral (“四个不摘”,
    “三农”, “四下基层”) or naming a numbered policy package (“新十条”).
    Plan periods (十四五), party congresses (二十大), dates, ranks and plain
    numbers are not slogans.

    Parameters
    ----------
    reports
        The reports frame.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence: ``report_id, region`` (and the reports'
        ``level``, ``year``, ``division_code`` when they have them), ``slogan, pattern``
        (``compound``, ``n_da``, ``n_ge``, ``formula``, ``numbered``,
        ``package``), ``n_in_report`` (occurrences of this slogan in the
        report), ``section_kind``, ``sentence``, ``start``, ``end``
        (``text[start:end] == slogan``); sorted by report and position.

    Examples
    --------
    >>> import govreports as gr
    >>> s = gr.slogans(gr.load_sample())
    >>> {"三提三效", "五清一改", "一改两为五做到", "十大专项行动", "四个不摘", "1+5+N"} <= set(s["slogan"])
    True
    """
    require_columns(reports, ["report_id", "text"], "reports")

    rows = []
    has_region = "region" in reports.columns
    for rec in reports.itertuples(index=False):
        text = rec.text
        found: dict[tuple[int, int], str] = {}
        for m in _QUOTED.finditer(text):
            kind = _classify(m.group(1))
            if kind:
                found[(m.start(1), m.end(1))] = kind
        for rx, kind in ((_COMPOUND, "compound"), (_N_DA, "n_da"), (_FORMULA, "formula")):
            for m in rx.finditer(text):
                span = (m.start(), m.end())
                if any(a <= span[0] and span[1] <= b for a, b in found):
                    continue
                if kind == "compound" and _classify(m.group()) != "compound":
                    continue
                found[span] = kind
        if not found:
            continue
        leaves = sorted((s for s in find_sections(text) if s["is_leaf"]), key=lambda s: s["start"])
        leaf_starts = [s["start"] for s in leaves]
        sents = split_sentences(text)
        sent_starts = [s for s, _ in sents]
        counts: dict[str, int] = {}
        for a, b in found:
            counts[text[a:b]] = counts.get(text[a:b], 0) + 1
        for (a, b), kind in sorted(found.items()):
            si = bisect.bisect_right(sent_starts, a) - 1
            li = bisect.bisect_right(leaf_starts, a) - 1
            rows.append(
                {
                    "report_id": rec.report_id,
                    "region": rec.region if has_region else None,
                    "slogan": text[a:b],
                    "pattern": kind,
                    "n_in_report": counts[text[a:b]],
                    "section_kind": leaves[li]["kind"] if li >= 0 else "other",
                    "sentence": text[sents[si][0]:sents[si][1]] if si >= 0 else "",
                    "start": a,
                    "end": b,
                }
            )
    cols = ["report_id", "region", "slogan", "pattern", "n_in_report", "section_kind", "sentence", "start", "end"]
    out = with_document_columns(pd.DataFrame(rows, columns=cols), reports)
    return out.sort_values(["report_id", "start"], kind="stable").reset_index(drop=True)
