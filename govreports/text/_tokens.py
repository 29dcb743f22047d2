"""Text analysis: policy-aware tokens, frequencies, distinctive terms, keyword in context.

Tokenization uses a private :class:`jieba.Tokenizer` (never the global
``jieba.dt`` other code in the notebook relies on) loaded with the bundled
policy dictionary (``datasets/policy_terms.tsv``), so 乡村振兴, 营商环境 and
规上工业增加值 are single tokens. Figures (207.45亿元, 6%左右) and other
digit runs (2022年) are cut out before jieba sees the text and kept as single
tokens, or dropped. jieba's log lines are silenced while it loads.

An optional tokenizer, ``tokenizer="rjieba"`` (``pip install "govreports[fast]"``),
runs the same dictionary and the same frequencies through jieba-rs; tests
check it gives token-for-token the same output. Token lists are cached in
memory, keyed by text, dictionary and options, so re-running a notebook cell
does not re-tokenize.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from .. import _regex
from .._jieba import jieba_word_freq, quiet_jieba
from .._lazy import pandas as pd
from .._parallel import Engine, run_map
from .._util import check_option, require_columns
from ..datasets._divisions import division_rows
from ..datasets._lexicons import policy_term_docs, stopword_set
from ..errors import InvalidOptionError, OptionalDependencyError
from ..extract._indicators import alias_table
from ..extract._numbers import MULT_RE_SRC, UNIT_RE_SRC
from ..extract._segment import find_sections, split_sentences
from ..schema import DOCUMENT_COLUMNS, with_document_columns

__all__ = [
    "tokenize",
    "term_frequencies",
    "distinctive_terms",
    "kwic",
    "TOKEN_COLUMNS",
]

#: Columns of :func:`tokenize`, in order.
TOKEN_COLUMNS: tuple[str, ...] = (
    "report_id", "region", "level", "year", "report_chars",
    "section_id", "section_kind", "sentence_id", "token", "start", "end",
)

# Frequency given to policy terms in both engines: high enough that a term
# is always cut whole rather than split, and proportional to the number of
# corpus reports using it, so that where two terms overlap (疫情防控|阻击战 vs
# 疫情|防控阻击战) the commoner one wins. User words get the top value.
_TERM_FREQ = 200_000
_TERM_FREQ_MIN = 20_000
_TERM_FREQ_PER_DOC = 1_000
# Runs of digits or Latin letters (2022年, 5G, PM2.5, RCEP) are cut out before
# jieba sees the text: both engines then only segment Chinese, where they agree.
_ALNUM_RUN = _regex.compile(r"[0-9A-Za-z][0-9A-Za-z.%+#&\-]*")
_WORDLIKE = _regex.compile(r"[\w\u4e00-\u9fff]", re.U)


# --------------------------------------------------------------------------- lexicons

def _policy_terms() -> tuple[str, ...]:
    return tuple(sorted(policy_term_docs()))


@lru_cache(maxsize=1)
def _indicator_terms() -> tuple[str, ...]:
    """The indicator names of the taxonomy (规上工业总产值, 一般公共预算收入 …),
    kept whole by the tokenizer like the policy terms."""

    policy = policy_term_docs()
    return tuple(sorted(a for a in alias_table() if len(a) >= 3 and _ALL_HAN.fullmatch(a) and a not in policy))


_ALL_HAN = _regex.compile(r"[\u4e00-\u9fff]+")


# --------------------------------------------------------------------------- engines

@lru_cache(maxsize=8)
def _adjustments(extra: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Words (and frequencies) our dictionary adds to jieba's.

    The policy terms and user words get a high frequency. Two-character words
    whose reverse has the same frequency (用足/足用) get one more count: with
    an exact tie, ``用足用`` can be cut either way and the two engines break
    ties differently; one count more makes the cut the same in both.
    """
    base = jieba_word_freq()
    words = {w: max(_TERM_FREQ_MIN, _TERM_FREQ_PER_DOC * d) for w, d in policy_term_docs().items()}
    words.update({w: _TERM_FREQ for w in _indicator_terms()})
    words.update({w: _TERM_FREQ for w in extra})
    for w, f in base.items():
        if len(w) == 2 and w[0] != w[1] and w < w[::-1] and base.get(w[::-1]) == f and f > 0 and w not in words:
            words[w] = f + 1
    return tuple(sorted(words.items()))


@lru_cache(maxsize=8)
def _jieba_engine(extra: tuple[str, ...]):
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a core dependency
        raise OptionalDependencyError("jieba", "test", "tokenization") from None
    with quiet_jieba():
        tk = jieba.Tokenizer()
        tk.initialize()
        for w, f in _adjustments(extra):
            tk.add_word(w, freq=f)
    return tk


@lru_cache(maxsize=8)
def _rjieba_engine(extra: tuple[str, ...]):
    try:
        import rjieba
    except ImportError:
        raise OptionalDependencyError("rjieba", "fast", 'tokenizer="rjieba"') from None
    base = jieba_word_freq()
    tk = rjieba.Jieba()
    for k, (w, f) in enumerate(_adjustments(extra)):
        tk.add_word(w, f, None)
        if base.get(w):
            # jieba (Python) adds a re-added word's frequency to its total
            # without removing the old one; jieba-rs replaces it. A dummy
            # word that never occurs in text keeps the two totals equal.
            tk.add_word("\ue000\ue001" + format(k, "x"), base[w], None)
    return tk


def _cut(engine: str, extra: tuple[str, ...], text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for a text with no digits."""
    if engine == "jieba":
        return list(_jieba_engine(extra).tokenize(text))
    return [tuple(t) for t in _rjieba_engine(extra).tokenize(text)]  # type: ignore[misc]


# --------------------------------------------------------------------------- cache

_CACHE: OrderedDict[str, list[tuple[str, int, int, bool]]] = OrderedDict()
_CACHE_MAX = 20_000


def _dict_key(extra: tuple[str, ...]) -> str:
    h = hashlib.sha1("\n".join(_policy_terms() + _indicator_terms() + ("|",) + extra).encode("utf-8")).hexdigest()
    return h[:16]


def clear_cache() -> None:
    """Empty the in-memory token cache."""
    _CACHE.clear()


_BARE_NUMBER = _regex.compile(r"[0-9][0-9.,%+\-]*")


@lru_cache(maxsize=1)
def _figure_atoms() -> re.Pattern[str]:
    """A figure as one token: digits, then 多/余, a multiplier and a unit
    (207.45亿元, 1000多万元, 6%, 2.7个百分点), with the units of
    :mod:`govreports.numbers`. One regex pass: tokenizing needs the span,
    not the parsed value."""

    return _regex.compile(
        rf"[0-9][0-9,.]*(?:[多余])?(?:(?:{MULT_RE_SRC})(?:[多余])?(?:{UNIT_RE_SRC}|%)?|{UNIT_RE_SRC}|%)(?![0-9])"
    )


@lru_cache(maxsize=8)
def _alnum_term_set(extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for w in _policy_terms() + extra if re.search(r"[0-9A-Za-z]", w))


@lru_cache(maxsize=8)
def _alnum_terms(extra: tuple[str, ...]) -> re.Pattern[str]:
    terms = sorted(_alnum_term_set(extra), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms) or r"(?!)")


def _drop_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep spans in order of start, dropping any that overlaps a kept one."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _tokens_of(text: str, engine: str, extra: tuple[str, ...], cache: bool) -> list[tuple[str, int, int, bool]]:
    """Raw tokens of one text: (token, start, end, is_number); whitespace dropped."""
    key = ""
    if cache:
        key = hashlib.sha1(text.encode("utf-8")).hexdigest() + engine + _dict_key(extra)
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    atoms: list[tuple[int, int]] = [(m.start(), m.end()) for m in _figure_atoms().finditer(text)]
    # dictionary words written with digits or Latin letters (5G, 12345热线)
    for m in _alnum_terms(extra).finditer(text):
        atoms.append((m.start(), m.end()))
    atoms = _drop_overlaps(atoms)
    taken = sorted(atoms)
    starts = [a for a, _ in taken]
    for m in _ALNUM_RUN.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and taken[i][0] <= m.start() < taken[i][1]:
            continue  # inside a figure
        end = m.end()
        # a date or ordinal unit stays with its digits: 2022年, 3月, 15条
        if text[m.start()].isdigit() and end < len(text) and text[end] in "年月日号届次期条项个":
            end += 1
        atoms.append((m.start(), end))
    merged = _drop_overlaps(atoms)
    out: list[tuple[str, int, int, bool]] = []
    pos = 0
    for s, e in merged + [(len(text), len(text))]:
        if s > pos:
            for w, a, b in _cut(engine, extra, text[pos:s]):
                if w.strip():
                    out.append((w, pos + a, pos + b, False))
        if e > s:
            atom = text[s:e]
            if _BARE_NUMBER.fullmatch(atom):
                pass  # a bare number (第6, “3·15”) is not a word: no token
            else:
                out.append((atom, s, e, any(c.isdigit() for c in atom) and atom not in _alnum_term_set(extra)))
        pos = max(pos, e)
    if cache:
        _CACHE[key] = out
        if len(_CACHE) > _CACHE_MAX:
            _CACHE.popitem(last=False)
    return out


# --------------------------------------------------------------------------- tokenize

def _is_punct(tok: str) -> bool:
    return not _WORDLIKE.search(tok)


def _token_columns(carry: Sequence[str]) -> list[str]:
    """:data:`TOKEN_COLUMNS`, with ``division_code`` right after ``year`` when
    the reports went through :func:`govreports.locate` (as in the figures)."""
    cols = list(TOKEN_COLUMNS)
    if "division_code" in carry:
        cols.insert(cols.index("year") + 1, "division_code")
    return cols


def _tokenize_one(item: tuple) -> dict[str, list]:
    """Tokens of one report as column lists (runs in workers)."""

    rid, text, meta, engine, extra, stops, numbers, cache = item
    cols: dict[str, list] = {c: [] for c in _token_columns(list(meta))}
    doc = [c for c in DOCUMENT_COLUMNS[1:] if c in cols]
    leaves = sorted((s for s in find_sections(text) if s["is_leaf"]), key=lambda s: s["start"])
    leaf_starts = [s["start"] for s in leaves]
    sent_starts = [s for s, _ in split_sentences(text)]
    for tok, s, e, is_num in _tokens_of(text, engine, extra, cache):
        if is_num:
            if numbers == "drop":
                continue
        elif _is_punct(tok) or tok in stops:
            continue
        si = bisect.bisect_right(sent_starts, s) - 1
        li = bisect.bisect_right(leaf_starts, s) - 1
        leaf = leaves[li] if li >= 0 else None
        cols["report_id"].append(rid)
        for c in doc:
            cols[c].append(meta.get(c))
        cols["report_chars"].append(len(text))
        cols["section_id"].append(leaf["section_id"] if leaf else 0)
        cols["section_kind"].append(leaf["kind"] if leaf else "other")
        cols["sentence_id"].append(max(si, 0))
        cols["token"].append(tok)
        cols["start"].append(s)
        cols["end"].append(e)
    return cols


def tokenize(
    reports: pd.DataFrame,
    *,
    tokenizer: Literal["jieba", "rjieba"] = "jieba",
    numbers: Literal["keep", "drop"] = "keep",
    drop_stopwords: bool = True,
    user_words: Sequence[str] = (),
    user_stopwords: Sequence[str] = (),
    cache: bool = True,
    jobs: int = 1,
    engine: Engine | Literal["jieba", "rjieba"] = "processes",
    progress_bar: bool | None = None,
    parallel: Engine | None = None,
) -> pd.DataFrame:
    """Split reports into tokens with the policy dictionary.

    Parameters
    ----------
    reports
        The reports frame (``report_id`` and ``text`` required).
    tokenizer
        ``"jieba"`` (default) or ``"rjieba"`` (faster, same output; needs
        ``pip install "govreports[fast]"``).
    numbers
        ``"keep"`` figures and other digit runs as single tokens
        (``207.45亿元``, ``2022年``) or ``"drop"`` them.
    drop_stopwords
        Remove the bundled stop words (and ``user_stopwords``).
        Punctuation and whitespace are always removed.
    user_words
        Extra words to keep whole, for this call only.
    user_stopwords
        Extra stop words, for this call only.
    cache
        Reuse token lists of texts already tokenized with the same
        dictionary and engine (in this process; workers keep their own).
    jobs
        Worker processes (``-1``: all cores); identical result for any value.
    engine
        Where the workers run: ``"processes"`` or ``"dask"`` (``pip install
        "govreports[scale]"``), as in every other stage. (Before 0.2 ``engine``
        chose the tokenizer and ``parallel`` the workers: both old uses still
        work, with a ``FutureWarning``.)
    progress_bar
        Show a progress bar (default: long runs in a terminal/notebook).

    Returns
    -------
    pandas.DataFrame
        One row per token: ``report_id, region, level, year`` (carried from
        the report when present; ``division_code`` too after
        :func:`govreports.locate`), ``report_chars`` (the length of the
        report's text, the denominator of rates), ``section_id`` and ``section_kind`` (the
        leaf section, see :func:`govreports.sections`), ``sentence_id``,
        ``token``, ``start``, ``end`` (``text[start:end] == token``).

    Examples
    --------
    >>> import govreports as gr
    >>> toks = gr.tokenize(gr.load_sample())
    >>> "乡村振兴" in set(toks["token"])
    True
    >>> bool(toks["token"].str.fullmatch(r"\\d+").any())
    False
    """
    require_columns(reports, ["report_id", "text"], "reports")
    tokenizer, engine = _old_engine_names(tokenizer, engine, parallel)
    check_option("tokenizer", tokenizer, ["jieba", "rjieba"])
    check_option("numbers", numbers, ["keep", "drop"])

    extra = tuple(sorted(set(user_words)))
    stops = (stopword_set() | set(user_stopwords)) if drop_stopwords else frozenset(user_stopwords)
    carry = [c for c in DOCUMENT_COLUMNS[1:] if c in reports.columns]
    columns = _token_columns(carry)
    cols: dict[str, list] = {c: [] for c in columns}
    rows = reports[["report_id", "text"] + carry].itertuples(index=False, name=None)
    items = [(rec[0], rec[1], dict(zip(carry, rec[2:])), tokenizer, extra, stops, numbers, cache) for rec in rows]
    for part in run_map(_tokenize_one, items, jobs=jobs, engine=engine, desc="tokens", progress_bar=progress_bar):
        for c in columns:
            cols[c].extend(part[c])
    frame = pd.DataFrame(cols, columns=columns)
    if "level" in reports.columns and isinstance(reports["level"].dtype, pd.CategoricalDtype):
        frame["level"] = pd.Categorical(frame["level"], dtype=reports["level"].dtype)
    if "year" in carry:
        frame["year"] = frame["year"].astype("Int64")
    return frame


def _old_engine_names(tokenizer: str, engine: str, parallel: str | None) -> tuple[str, str]:
    """``tokenize(engine="rjieba")`` and ``tokenize(parallel=…)``, the names before 0.2, with a FutureWarning."""
    if engine in ("jieba", "rjieba"):
        warnings.warn("tokenize(engine=\"jieba\"/\"rjieba\") is now tokenize(tokenizer=…); engine= chooses where "
                      "workers run, as in every other stage", FutureWarning, stacklevel=3)
        tokenizer, engine = engine, "processes"
    if parallel is not None:
        warnings.warn("tokenize(parallel=…) is now tokenize(engine=…)", FutureWarning, stacklevel=3)
        engine = parallel
    return tokenizer, engine


# --------------------------------------------------------------------------- counting

def _group_chars(tokens: pd.DataFrame, by: list[str], reports: pd.DataFrame | None) -> pd.Series:
    if reports is not None:
        lengths = reports.set_index("report_id")["text"].str.len()
    elif "report_chars" in tokens.columns:
        lengths = tokens.drop_duplicates("report_id").set_index("report_id")["report_chars"]
    else:
        lengths = tokens.assign(_n=tokens["end"] - tokens["start"]).groupby("report_id")["_n"].sum()
    docs = tokens.drop_duplicates("report_id")[["report_id"] + [c for c in by if c != "report_id"]]
    docs = docs.assign(_chars=docs["report_id"].map(lengths).fillna(0).astype("int64"))
    return docs.groupby(by, observed=True, dropna=False)["_chars"].sum()


def term_frequencies(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("report_id",),
    per: int = 10_000,
    reports: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Count tokens per group, with rates per ``per`` characters of text.

    Parameters
    ----------
    tokens
        Output of :func:`tokenize`.
    by
        Column(s) to group by (``report_id``, ``region``, ``year``,
        ``section_kind`` …).
    per
        Rate denominator in characters of report text (default 10,000).
    reports
        The reports frame, for text lengths when ``tokens`` lost them.

    Returns
    -------
    pandas.DataFrame
        One row per group and token: the ``by`` columns, ``token``,
        ``count``, ``chars`` (characters of text in the group), ``rate``
        (count per ``per`` characters), ``rank`` (1 = most frequent in the
        group); sorted by group, then count descending, then token.

    Examples
    --------
    >>> import govreports as gr
    >>> tf = gr.term_frequencies(gr.tokenize(gr.load_sample()), by="region")
    >>> top = tf[(tf["region"] == "横沥镇") & (tf["rank"] <= 3)]
    >>> top["token"].tolist()
    ['企业', '横沥', '服务']
    """
    by = [by] if isinstance(by, str) else list(by)
    require_columns(tokens, by + ["token", "report_id"], "tokens")
    counts = tokens.groupby(by + ["token"], observed=True, dropna=False).size().rename("count").reset_index()
    chars = _group_chars(tokens, by, reports).rename("chars").reset_index()
    out = counts.merge(chars, on=by, how="left")
    out["rate"] = out["count"] / out["chars"].where(out["chars"] > 0) * per
    out = out.sort_values(by + ["count", "token"], ascending=[True] * len(by) + [False, True], kind="stable")
    out["rank"] = out.groupby(by, observed=True, dropna=False).cumcount() + 1
    return out.reset_index(drop=True)


# Gazetteer names that are generic words, not places (township-like units named 街道, 林场 …)
_GENERIC_PLACE_WORDS = frozenset({
    "街道", "社区", "林场", "农场", "牧场", "渔场", "茶场", "矿区", "园区", "新区", "开发区", "工业园区",
    "工业集中区", "经济开发区", "高新区", "示范区", "管理区", "办事处",
})


@lru_cache(maxsize=1)
def _gazetteer_places() -> frozenset[str]:
    """Names of divisions as reports write them: full names and mention forms at every level, short
    names of provinces, cities and counties (a township's short name is often an ordinary word)."""
    header, rows = division_rows()
    at = {c: header.index(c) for c in ("name", "short_name", "mention", "level")}
    names: set[str] = set()
    for row in rows:
        names.update((row[at["name"]], row[at["mention"]]))
        if row[at["level"]] != "township":
            names.add(row[at["short_name"]])
    return frozenset(n for n in names if len(n) >= 2) - _GENERIC_PLACE_WORDS - set(_policy_terms())


def _place_names(regions: Iterable[object]) -> frozenset[str]:
    """The gazetteer's place names plus the given regions and their short names (横沥镇 → 横沥)."""
    header, rows = division_rows()
    name_at, short_at = header.index("name"), header.index("short_name")
    own = {str(r) for r in regions if isinstance(r, str) and r}
    shorts = {row[short_at] for row in rows if row[name_at] in own and len(row[short_at]) >= 2}
    return _gazetteer_places() | own | shorts


def distinctive_terms(
    tokens: pd.DataFrame,
    *,
    by: str = "region",
    prior: float | None = None,
    min_count: int = 3,
    top: int | None = 20,
    exclude_places: bool = True,
    min_length: int = 2,
) -> pd.DataFrame:
    """Words that set each group apart: weighted log-odds with an informative prior, and TF-IDF.

    For each group *i* and word *w* the log-odds ratio of *w* in *i* against
    all other groups is estimated with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008, "Fightin' Words"): prior counts
    ``alpha_w = a0 * p_w`` proportional to the word's share ``p_w`` of the
    pooled corpus. ``delta = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) -
    log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))`` with variance
    ``1/(y_iw + a_w) + 1/(y_jw + a_w)``; ``z = delta / sqrt(var)`` says how
    sure the difference is (|z| > 1.96 ≈ 95%).

    Parameters
    ----------
    tokens
        Output of :func:`tokenize`.
    by
        The grouping column (one document per group for TF-IDF).
    prior
        Prior strength ``a0`` in tokens (default: the pooled corpus size,
        i.e. the corpus itself as the prior).
    min_count
        Ignore words seen fewer times in the whole corpus.
    top
        Keep the ``top`` words per group by z-score (``None``: all).
    exclude_places
        Leave out place names (default): the names of the bundled gazetteer
        (every division's full name and the form reports use, the short
        names of provinces, cities and counties such as 浙江, 东莞) and the
        ``region`` values of ``tokens`` with their short names (横沥镇,
        横沥). A region's own name otherwise tops its list. ``False`` keeps
        them.
    min_length
        Leave out words shorter than this many characters (default 2:
        single characters such as 市, 道, 级 say little on their own);
        ``1`` keeps them.

    Returns
    -------
    pandas.DataFrame
        One row per group and word: ``by``, ``token``, ``count`` (in the
        group), ``count_other`` (in the other groups), ``log_odds``,
        ``z``, ``tfidf`` (count × log(N groups / groups using the word) ×
        1/ group size, smooth idf), ``rank``; sorted by group then z
        descending.

    Examples
    --------
    >>> import govreports as gr
    >>> d = gr.distinctive_terms(gr.tokenize(gr.load_sample()), by="region", top=5)
    >>> sorted(d["region"].unique())[:2]
    ['六镇镇', '平湖镇']
    >>> {"横沥", "横沥镇", "东莞", "市"} & set(d["token"])
    set()
    """
    require_columns(tokens, [by, "token"], "tokens")
    if min_length < 1:
        raise InvalidOptionError("min_length", min_length, ["an integer of at least 1"])
    words = tokens["token"].astype(str)
    keep_rows = words.str.len() >= min_length
    if exclude_places:
        regions = tokens["region"].unique() if "region" in tokens.columns else []
        keep_rows &= ~words.isin(_place_names(regions))
    tokens = tokens[keep_rows]
    counts = tokens.groupby([by, "token"], observed=True).size().rename("count").reset_index()
    total_w = counts.groupby("token")["count"].sum()
    keep = total_w[total_w >= min_count].index
    counts = counts[counts["token"].isin(keep)]
    total_w = total_w.loc[keep]
    n_total = float(total_w.sum())
    a0 = float(prior) if prior is not None else n_total
    n_group = counts.groupby(by, observed=True)["count"].sum()
    n_docs = counts[by].nunique()
    df_w = counts.groupby("token")[by].nunique()
    rows = []
    for (g, w), y in zip(counts[[by, "token"]].itertuples(index=False, name=None), counts["count"]):
        aw = a0 * total_w[w] / n_total
        ni = n_group[g]
        yj = total_w[w] - y
        nj = n_total - ni
        li = math.log((y + aw) / (ni + a0 - y - aw))
        lj = math.log((yj + aw) / (nj + a0 - yj - aw))
        delta = li - lj
        var = 1.0 / (y + aw) + 1.0 / (yj + aw)
        tfidf = (y / ni) * (math.log((1 + n_docs) / (1 + df_w[w])) + 1)
        rows.append((g, w, int(y), int(yj), delta, delta / math.sqrt(var), tfidf))
    out = pd.DataFrame(rows, columns=[by, "token", "count", "count_other", "log_odds", "z", "tfidf"])
    out = out.sort_values([by, "z", "token"], ascending=[True, False, True], kind="stable")
    out["rank"] = out.groupby(by, observed=True).cumcount() + 1
    if top is not None:
        out = out[out["rank"] <= top]
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- kwic

def kwic(
    reports: pd.DataFrame,
    pattern: str,
    *,
    window: int = 20,
    regex: bool = False,
) -> pd.DataFrame:
    """Keyword in context on the raw report text.

    Searches the cleaned text itself, not tokens, so it finds terms jieba
    would split, and phrases across token boundaries.

    Parameters
    ----------
    reports
        The reports frame.
    pattern
        A literal string, or a regular expression with ``regex=True``.
    window
        Characters of context on each side.
    regex
        Treat ``pattern`` as a regular expression.

    Returns
    -------
    pandas.DataFrame
        One row per match: ``report_id, region`` (and the reports' other
        document variables, ``level``, ``year``, ``division_code``, when they
        have them), ``section_kind, left, match, right, start, end``
        (``text[start:end] == match``), sorted by report and position.

    Examples
    --------
    >>> import govreports as gr
    >>> k = gr.kwic(gr.load_sample(), "乡村振兴", window=5)
    >>> len(k) == sum(t.count("乡村振兴") for t in gr.load_sample()["text"])
    True
    """
    require_columns(reports, ["report_id", "text"], "reports")
    if not pattern:
        raise InvalidOptionError("pattern", pattern, "a non-empty string")
    try:
        rx = re.compile(pattern if regex else re.escape(pattern))
    except re.error as exc:
        raise InvalidOptionError("pattern", pattern, f"a valid regular expression ({exc})") from None

    rows = []
    has_region = "region" in reports.columns
    for rec in reports.itertuples(index=False):
        text = rec.text
        matches = [m for m in rx.finditer(text) if m.end() > m.start()]
        if not matches:
            continue
        leaves = sorted((s for s in find_sections(text) if s["is_leaf"]), key=lambda s: s["start"])
        starts = [s["start"] for s in leaves]
        for m in matches:
            li = bisect.bisect_right(starts, m.start()) - 1
            rows.append(
                {
                    "report_id": rec.report_id,
                    "region": rec.region if has_region else None,
                    "section_kind": leaves[li]["kind"] if li >= 0 else "other",
                    "left": text[max(0, m.start() - window): m.start()].replace("\n", " "),
                    "match": m.group(),
                    "right": text[m.end(): m.end() + window].replace("\n", " "),
                    "start": m.start(),
                    "end": m.end(),
                }
            )
    out = pd.DataFrame(rows, columns=["report_id", "region", "section_kind", "left", "match", "right", "start", "end"])
    out = with_document_columns(out.astype({"start": "int64", "end": "int64"}), reports)
    return out.sort_values(["report_id", "start"], kind="stable").reset_index(drop=True)
