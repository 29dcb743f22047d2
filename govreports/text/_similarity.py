"""Similarity between reports, and passages shared near-verbatim (template diffusion)."""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from typing import Any

from .. import _regex
from .._deprecated import renamed_arguments
from .._lazy import pandas as pd
from .._parallel import Engine
from .._util import require_columns
from ..extract._segment import split_sentences
from ._tokens import tokenize

__all__ = ["similarity", "shared_passages"]


@renamed_arguments({"tokens_or_reports": "data"})
def similarity(
    data: pd.DataFrame, *, max_features: int = 5000, min_df: int = 1, jobs: int = 1, engine: Engine = "processes"
) -> pd.DataFrame:
    """Cosine similarity of reports over TF-IDF weighted tokens.

    Parameters
    ----------
    data
        Output of :func:`govreports.tokenize` (numbers are ignored), or a
        reports frame (tokenized with the defaults).
    max_features
        Keep the most frequent terms (by document frequency, then count).
    min_df
        Ignore terms in fewer reports.

    jobs, engine
        Workers for tokenizing when ``data`` is a reports frame (see
        :func:`govreports.tokenize`); unused for tokens.

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of reports: ``report_id_a, report_id_b,
        region_a, region_b, cosine`` (0–1), sorted by cosine descending
        then ids.

    Examples
    --------
    >>> import govreports as gr
    >>> sim = gr.similarity(gr.load_sample())
    >>> len(sim), bool(sim["cosine"].between(0, 1).all())
    (10, True)
    """
    import numpy as np

    if "token" not in data.columns:
        tokens = tokenize(data, numbers="drop", jobs=jobs, engine=engine)
    else:
        tokens = data
        tokens = tokens[~tokens["token"].str.contains(r"\d", regex=True)]
    require_columns(tokens, ["report_id", "token"], "tokens")
    ids = list(dict.fromkeys(tokens["report_id"]))
    regions = (
        tokens.drop_duplicates("report_id").set_index("report_id")["region"]
        if "region" in tokens.columns
        else pd.Series(None, index=ids)
    )
    counts = tokens.groupby(["report_id", "token"], sort=False).size()
    df = counts.groupby(level="token").size()
    total = counts.groupby(level="token").sum()
    vocab = (
        pd.DataFrame({"df": df, "n": total})
        .query("df >= @min_df")
        .sort_values(["df", "n"], ascending=False, kind="stable")
        .head(max_features)
        .index
    )
    col = {t: i for i, t in enumerate(vocab)}
    row = {r: i for i, r in enumerate(ids)}
    matrix = np.zeros((len(ids), len(col)), dtype="float64")
    n_docs = len(ids)
    for (rid, tok), c in counts.items():
        j = col.get(tok)
        if j is not None:
            matrix[row[rid], j] = (1 + math.log(c)) * (math.log((1 + n_docs) / (1 + df[tok])) + 1)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    unit = matrix / norms[:, None]
    sim = unit @ unit.T
    out = []
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            out.append((ids[i], ids[j], regions.get(ids[i]), regions.get(ids[j]), float(min(1.0, max(0.0, sim[i, j])))))
    frame = pd.DataFrame(out, columns=["report_id_a", "report_id_b", "region_a", "region_b", "cosine"])
    frame = frame.sort_values(["cosine", "report_id_a", "report_id_b"], ascending=[False, True, True])
    return frame.reset_index(drop=True)


_NORM = _regex.compile(r"[\s\W_]+", re.U)


def _norm(s: str) -> str:
    return _NORM.sub("", s)


def _shingles(s: str, k: int) -> set[str]:
    return {s[i:i + k] for i in range(max(1, len(s) - k + 1))}


def shared_passages(
    reports: pd.DataFrame,
    *,
    min_chars: int = 30,
    threshold: float = 0.8,
    k: int = 5,
) -> pd.DataFrame:
    """Sentences (and runs of them) that appear near-verbatim in several reports.

    Sentences of at least ``min_chars`` characters are compared across
    reports on their text without punctuation and spaces; a pair is kept when
    their similarity (difflib ratio) is at least ``threshold``. Runs of
    consecutive matching sentences are merged into one passage.

    Parameters
    ----------
    reports
        The reports frame.
    min_chars
        Shortest sentence considered, in characters.
    threshold
        Smallest similarity (0–1) of a kept pair.
    k
        Character shingle length used to find candidate pairs.

    Returns
    -------
    pandas.DataFrame
        One row per shared passage and pair of reports: ``report_id_a,
        region_a, start_a, end_a, report_id_b, region_b, start_b, end_b,
        similarity`` (mean over the passage's sentences), ``sentences``,
        ``text_a``, ``text_b`` (``text[start:end]`` of each report); sorted
        by length descending.

    Examples
    --------
    >>> import govreports as gr
    >>> sp = gr.shared_passages(gr.load_sample(), min_chars=30)
    >>> bool((sp["report_id_a"] != sp["report_id_b"]).all())
    True
    """
    require_columns(reports, ["report_id", "text"], "reports")
    sents, texts, regions = _long_sentences(reports, min_chars)
    shingle_sets, cand = _candidate_pairs(sents, k)
    matches = _matching_pairs(sents, shingle_sets, cand, threshold)
    rows = _merged_passages(sents, matches, texts, regions, min_chars)
    out = pd.DataFrame(rows, columns=_PASSAGE_COLUMNS)
    if out.empty:
        return out
    out["_len"] = out["end_a"] - out["start_a"]
    out = out.sort_values(["_len", "report_id_a", "start_a", "report_id_b"], ascending=[False, True, True, True])
    return out.drop(columns="_len").reset_index(drop=True)


_PASSAGE_COLUMNS = [
    "report_id_a", "region_a", "start_a", "end_a", "report_id_b", "region_b", "start_b", "end_b",
    "similarity", "sentences", "text_a", "text_b",
]

# (report id, sentence index, start, end, normalised text)
_Sentence = tuple[Any, int, int, int, str]


def _long_sentences(reports: pd.DataFrame, min_chars: int) -> tuple[list[_Sentence], dict[Any, str], dict[Any, Any]]:
    """Sentences long enough to compare, with each report's text and region."""
    sents: list[_Sentence] = []
    texts = {}
    regions = {}
    for rec in reports.itertuples(index=False):
        texts[rec.report_id] = rec.text
        regions[rec.report_id] = getattr(rec, "region", None)
        for si, (a, b) in enumerate(split_sentences(rec.text)):
            if b - a >= min_chars:
                norm = _norm(rec.text[a:b])
                if len(norm) >= min_chars * 0.6:
                    sents.append((rec.report_id, si, a, b, norm))
    return sents, texts, regions


def _candidate_pairs(sents: list[_Sentence], k: int) -> tuple[list[set[str]], Counter]:
    """Shingles of each sentence, and pairs from different reports sharing rare shingles."""
    index: dict[str, list[int]] = defaultdict(list)
    shingle_sets = []
    for i, (_, _, _, _, norm) in enumerate(sents):
        sh = _shingles(norm, k)
        shingle_sets.append(sh)
        for s in sh:
            index[s].append(i)
    cap = max(8, len({s[0] for s in sents}) * 2)
    cand: Counter = Counter()
    for posting in index.values():
        if len(posting) > cap:
            continue  # boilerplate shingles everyone shares say nothing
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                i, j = posting[x], posting[y]
                if sents[i][0] != sents[j][0]:
                    cand[(i, j)] += 1
    return shingle_sets, cand


def _matching_pairs(
    sents: list[_Sentence], shingle_sets: list[set[str]], cand: Counter, threshold: float
) -> dict[tuple[int, int], float]:
    """Candidate pairs at least ``threshold`` similar, keyed (sentence of the smaller report id, other)."""
    matches = {}
    for i, j in cand:
        a, b = shingle_sets[i], shingle_sets[j]
        # cheap bound before difflib: near-verbatim sentences share most shingles
        if len(a & b) < 0.3 * min(len(a), len(b)):
            continue
        ratio = difflib.SequenceMatcher(None, sents[i][4], sents[j][4], autojunk=False).ratio()
        if ratio >= threshold:
            ra, rb = sents[i][0], sents[j][0]
            key = (i, j) if ra < rb else (j, i)
            matches[key] = ratio
    return matches


def _merged_passages(
    sents: list[_Sentence],
    matches: dict[tuple[int, int], float],
    texts: dict[Any, str],
    regions: dict[Any, Any],
    min_chars: int,
) -> list[dict[str, Any]]:
    """One row per run of consecutive matching sentences of a pair of reports."""
    by_pair: dict[tuple[Any, Any], list[tuple[int, int, float]]] = defaultdict(list)
    for (i, j), r in matches.items():
        by_pair[(sents[i][0], sents[j][0])].append((i, j, r))
    rows = []
    for (ra, rb), items in by_pair.items():
        items.sort()
        run: list[tuple[int, int, float]] = []
        for it in items + [(-1, -1, 0.0)]:
            if run and it[0] == run[-1][0] + 1 and it[1] == run[-1][1] + 1:
                # next eligible sentences on both sides; whatever short
                # sentences lie between must be the same on both sides
                pi, pj = run[-1][0], run[-1][1]
                gap_a = _norm(texts[ra][sents[pi][3]:sents[it[0]][2]])
                gap_b = _norm(texts[rb][sents[pj][3]:sents[it[1]][2]])
                if sents[it[0]][0] == ra and sents[it[1]][0] == rb and gap_a == gap_b and len(gap_a) < min_chars:
                    run.append(it)
                    continue
            if run:
                rows.append(_passage_row(sents, run, ra, rb, texts, regions))
            run = [it] if it[0] >= 0 else []
    return rows


def _passage_row(
    sents: list[_Sentence],
    run: list[tuple[int, int, float]],
    ra: Any,
    rb: Any,
    texts: dict[Any, str],
    regions: dict[Any, Any],
) -> dict[str, Any]:
    """The output row of one run of matching sentences of reports ``ra`` and ``rb``."""
    i0, j0, i1, j1 = run[0][0], run[0][1], run[-1][0], run[-1][1]
    sa, ea = sents[i0][2], sents[i1][3]
    sb, eb = sents[j0][2], sents[j1][3]
    return {
        "report_id_a": ra, "region_a": regions[ra], "start_a": sa, "end_a": ea,
        "report_id_b": rb, "region_b": regions[rb], "start_b": sb, "end_b": eb,
        "similarity": sum(r for _, _, r in run) / len(run), "sentences": len(run),
        "text_a": texts[ra][sa:ea], "text_b": texts[rb][sb:eb],
    }
