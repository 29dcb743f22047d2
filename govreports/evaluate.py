"""Scoring figure extraction against hand-made gold annotations.

A gold file (CSV) has one row per figure a person found by reading:
``indicator, kind, measure, value, value_high, unit, qualifier, period,
quote, occurrence, headline`` plus a report key (``region`` for a single
compilation, ``path`` for a corpus). ``quote`` is the figure's exact surface
and ``occurrence`` its 0-based index among the occurrences of that string in
the report text, so a gold row points at one place in the text.

Use these functions to measure govreports on your own annotations, as the
project does in ``benchmarks/accuracy.py``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from ._lazy import pandas as pd
from ._util import require_columns
from .datasets._lexicons import t2s_table
from .io._clean import pinyin_glosses

__all__ = ["locate_gold", "score_metrics", "score_panel", "Score"]


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(int(n) + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def locate_gold(gold: pd.DataFrame, texts: pd.Series, *, raw: pd.Series | None = None) -> pd.DataFrame:
    """Add ``start, end`` to gold rows by finding their quotes.

    Parameters
    ----------
    gold
        Gold rows with ``report_id``, ``quote`` and ``occurrence``.
    texts
        Cleaned report texts (the ``text`` column of the reports) indexed by
        ``report_id``.
    raw
        The texts the annotator read, indexed by ``report_id``, when they are
        not the cleaned texts (a web page as saved: spaces inside figures,
        line breaks, full-width digits, traditional characters). The quote is
        then found at its occurrence in the raw text and carried over to the
        cleaned text by aligning the two without whitespace.

    Returns
    -------
    pandas.DataFrame
        The gold rows with ``start`` and ``end`` in the cleaned text (``-1``
        where the quote is not found: such rows count as misses).
    """
    require_columns(gold, ["report_id", "quote", "occurrence"], "gold")
    spans = []
    for rid, quote, occ in gold[["report_id", "quote", "occurrence"]].itertuples(index=False, name=None):
        text = texts.get(rid, "")
        if not isinstance(text, str):
            spans.append((-1, -1))
        elif raw is None:
            s = _nth(text, str(quote), int(occ))
            spans.append((s, s + len(str(quote))) if s >= 0 else (-1, -1))
        else:
            spans.append(_carry_over(str(raw.get(rid, "")), text, str(quote), int(occ)))
    out = gold.copy()
    out["start"] = [s for s, _ in spans]
    out["end"] = [e for _, e in spans]
    return out


_FULL = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, with full-width forms and traditional
    characters normalised, and the offset in ``text`` of each kept character."""

    table = t2s_table()
    skip = {i for a, b in pinyin_glosses(text) for i in range(a, b)}
    chars, index = [], []
    for i, c in enumerate(text):
        if i in skip:
            continue
        if c.isspace() or c in "\u200b\u200c\u200d\ufeff":
            continue
        o = _FULL.get(ord(c), ord(c))
        chars.append(table.get(o, chr(o)))
        index.append(i)
    return "".join(chars), index


def _carry_over(raw: str, clean: str, quote: str, occurrence: int) -> tuple[int, int]:
    """The span in ``clean`` of the ``occurrence``-th ``quote`` of ``raw``."""
    p = _nth(raw, quote, occurrence)
    if p < 0:
        return -1, -1
    sr, ir = _squeeze(raw)
    sc, ic = _squeeze(clean)
    sq, _ = _squeeze(quote)
    if not sq or not sc:
        return -1, -1
    at = bisect.bisect_left(ir, p)
    expected = at * len(sc) / max(1, len(sr))
    for before in (16, 8, 0):
        anchor = sr[max(0, at - before):at + len(sq)]
        lead = min(before, at)
        hits = [m.start() for m in re.finditer(re.escape(anchor), sc)]
        if hits:
            h = min(hits, key=lambda x: abs(x - expected)) + lead
            return ic[h], ic[h + len(sq) - 1] + 1
    return -1, -1


def _same_value(a: object, b: object) -> bool:
    fa = None if a is None or (isinstance(a, float) and math.isnan(a)) else float(a)  # type: ignore[arg-type]
    fb = None if b is None or (isinstance(b, float) and math.isnan(b)) else float(b)  # type: ignore[arg-type]
    if fa is None or fb is None:
        return fa is fb
    return abs(fa - fb) <= 1e-9 * max(1.0, abs(fa))


def _norm_qual(q: object) -> str:
    return "" if q is None or (isinstance(q, float) and math.isnan(q)) else str(q)


@dataclass(frozen=True)
class Score:
    """Precision/recall of a comparison, with the rows behind them."""

    precision: float
    recall: float
    true_positives: int
    extracted: int
    gold: int
    misses: pd.DataFrame
    false_positives: pd.DataFrame
    #: For :func:`score_metrics`: each matched gold row's index with the index
    #: of the extracted row that matched it (``gold``, ``metrics``).
    pairs: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"gold": [], "metrics": []}, dtype="int64"))

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.true_positives}/{self.extracted}), "
            f"recall {self.recall:.3f} ({self.true_positives}/{self.gold})"
        )


_KEYS = ("indicator", "kind", "measure")


def score_metrics(metrics: pd.DataFrame, gold: pd.DataFrame, *, indicators: list[str] | None = None) -> Score:
    """Precision and recall of :func:`govreports.extract_metrics` against gold.

    A gold figure is found when an extracted row of the same report overlaps
    its span and agrees on indicator, kind, measure and value (and value_high
    and qualifier). Precision is over extracted rows whose indicator is one
    of ``indicators`` (default: the indicators the gold annotates) and whose
    report has gold rows.

    Parameters
    ----------
    metrics
        Output of ``extract_metrics``.
    gold
        Gold rows after :func:`locate_gold`.
    indicators
        Indicator ids in scope.

    Returns
    -------
    Score
    """
    scope = set(indicators or gold["indicator"].unique())
    g = gold[gold["indicator"].isin(scope)]
    m = metrics[metrics["indicator"].isin(scope) & metrics["report_id"].isin(set(g["report_id"]))]
    by_report = {rid: df for rid, df in m.groupby("report_id", sort=False)}
    matched_m: set[int] = set()
    pairs: list[tuple[int, int]] = []
    miss_idx = []
    for gi, row in g.iterrows():
        cands = by_report.get(row["report_id"])
        found = False
        if cands is not None and row["start"] >= 0:
            over = cands[(cands["start"] < row["end"]) & (cands["end"] > row["start"])]
            for mi, c in over.iterrows():
                if (
                    all(str(c[k]) == str(row[k]) for k in _KEYS)
                    and _same_value(c["value"], row["value"])
                    and _same_value(c["value_high"], row["value_high"])
                    and _norm_qual(c["qualifier"]) == _norm_qual(row["qualifier"])
                ):
                    matched_m.add(mi)
                    pairs.append((gi, mi))
                    found = True
                    break
        if not found:
            miss_idx.append(gi)
    tp = len(g) - len(miss_idx)
    # an extracted row is a true positive when it matched some gold row
    fp = m.drop(index=list(matched_m))
    precision = len(matched_m) / len(m) if len(m) else 1.0
    recall = tp / len(g) if len(g) else 1.0
    pair_frame = pd.DataFrame(pairs, columns=["gold", "metrics"], dtype="int64")
    return Score(precision, recall, tp, len(m), len(g), g.loc[miss_idx], fp, pair_frame)


def score_panel(panel: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Accuracy of :func:`govreports.panel` against the gold headline rows.

    A gold headline (``headline == 1``) is right when the panel has a row for
    the same report, indicator, kind and measure with the same value,
    value_high and qualifier. Panel rows for cells the gold leaves empty
    count against precision.

    Returns
    -------
    Score
        ``recall`` is the accuracy over gold headlines.
    """
    g = gold[gold["headline"] == 1]
    keys = ["report_id", "indicator", "kind", "measure"]
    p = panel[panel["indicator"].isin(set(g["indicator"])) & panel["report_id"].isin(set(g["report_id"]))]
    pk = {tuple(str(x) for x in k): r for k, r in zip(p[keys].itertuples(index=False, name=None), p.to_dict("records"))}
    miss, hit = [], set()
    for gi, row in g.iterrows():
        k = tuple(str(row[c]) for c in keys)
        r = pk.get(k)
        if (r and _same_value(r["value"], row["value"]) and _same_value(r["value_high"], row["value_high"])
                and _norm_qual(r["qualifier"]) == _norm_qual(row["qualifier"])):
            hit.add(k)
        else:
            miss.append(gi)
    fp_keys = [k for k in pk if k not in hit]
    fp = p[[tuple(str(x) for x in k) in set(fp_keys) for k in p[keys].itertuples(index=False, name=None)]]
    tp = len(hit)
    return Score(tp / len(p) if len(p) else 1.0, tp / len(g) if len(g) else 1.0, tp, len(p), len(g), g.loc[miss], fp)
