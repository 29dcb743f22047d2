#!/usr/bin/env python
"""Recompute, validate and rewrite the shipped govreports lexicons.

The lexicons live in ``govreports/datasets/``:

* ``policy_terms.tsv`` -- user dictionary for jieba (``term``, ``docs``, ``seed``);
* ``themes.tsv``       -- policy-attention themes (``theme``, ``theme_zh``, ``term``);
* ``stopwords.txt``    -- genre stop words in named, commented blocks.

What the script does:

1. If the shared material is present (``../shared`` beside the checkout, or
   ``--shared``), recount for every policy term the number of lawtext-gov
   reports containing it (``docs``) and its occurrences in the seed file
   (``seed``).  Otherwise it says so and keeps the stored counts.
2. Validate all three files (see :func:`validate`).
3. Rewrite both TSVs sorted (policy terms by term; themes by theme id, then
   term).  With ``--check`` nothing is written; the exit status is 1 when a
   file is invalid or not in its canonical form.

Run from anywhere::

    /work/venv/bin/python tools/build_lexicons.py            # recount + rewrite
    /work/venv/bin/python tools/build_lexicons.py --check    # CI mode
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # jieba is imported lazily: no work at import time
    import jieba

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from govreports.text._themes import THEME_IDS as _THEME_IDS  # noqa: E402  (the one list of theme ids)

LEXICON_DIR = REPO_ROOT / "govreports" / "datasets"
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
CORPUS_SUBDIR = Path("corpora") / "lawtext-gov"
SEED_SUBPATH = Path("seeds") / "000_d2fc8c44b527f0e4.txt"

POLICY_HEADER = ("term", "docs", "seed")
THEME_HEADER = ("theme", "theme_zh", "term")
THEME_IDS = _THEME_IDS
STOPWORD_BLOCKS = (
    "function_words",
    "figure_context",
    "punctuation",
    "report_boilerplate",
    "generic_verbs",
)
# Only boilerplate phrases may sit both in the dictionary and in the stop list:
# they are in the dictionary solely so that they come out as one token.
DICTIONARY_STOPWORD_BLOCK = "report_boilerplate"

GENERIC_BLOCK = "generic_verbs"
GENERIC_MIN_DF = 0.85  # share of corpus reports in which a generic_verbs word must occur as a token
MIN_POLICY_TERMS = 700
MIN_TERM_LEN = 2
MAX_TERM_LEN = 16
MIN_DOCS = 3
MIN_THEME_TERMS = 40
MAX_THEME_TERMS = 120


@dataclass(frozen=True)
class PolicyTerm:
    """One row of ``policy_terms.tsv``."""

    term: str
    docs: int
    seed: int


@dataclass(frozen=True)
class ThemeTerm:
    """One row of ``themes.tsv``."""

    theme: str
    theme_zh: str
    term: str


# ---------------------------------------------------------------------------
# reading and writing
# ---------------------------------------------------------------------------


def _read_tsv(path: Path, header: Sequence[str]) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != tuple(header):
        expected = "\t".join(header)
        raise ValueError(f"{path.name}: header must be {expected!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(header):
            raise ValueError(f"{path.name}:{number}: expected {len(header)} fields, got {len(fields)}")
        rows.append(fields)
    return rows


def read_policy_terms(path: Path) -> list[PolicyTerm]:
    """Read ``policy_terms.tsv``.

    Parameters
    ----------
    path : Path
        The TSV file (UTF-8, header ``term docs seed``).

    Returns
    -------
    list of PolicyTerm
        Rows in file order.

    Examples
    --------
    >>> rows = read_policy_terms(LEXICON_DIR / "policy_terms.tsv")  # doctest: +SKIP
    >>> rows[0].term  # doctest: +SKIP
    '12345热线'
    """
    rows = []
    for term, docs, seed in _read_tsv(path, POLICY_HEADER):
        if not (docs.isdigit() and seed.isdigit()):
            raise ValueError(f"{path.name}: counts for {term!r} must be non-negative integers")
        rows.append(PolicyTerm(term, int(docs), int(seed)))
    return rows


def write_policy_terms(path: Path, rows: Iterable[PolicyTerm]) -> None:
    """Write ``policy_terms.tsv`` sorted by term.

    Parameters
    ----------
    path : Path
        Destination file.
    rows : iterable of PolicyTerm
        Rows to write (any order).

    Returns
    -------
    None

    Examples
    --------
    >>> write_policy_terms(Path("/tmp/p.tsv"), [PolicyTerm("河长制", 523, 0)])  # doctest: +SKIP
    """
    path.write_text(_policy_text(rows), encoding="utf-8")


def _policy_text(rows: Iterable[PolicyTerm]) -> str:
    body = [f"{r.term}\t{r.docs}\t{r.seed}" for r in sorted(rows, key=lambda r: r.term)]
    return "\n".join(["\t".join(POLICY_HEADER), *body]) + "\n"


def read_themes(path: Path) -> list[ThemeTerm]:
    """Read ``themes.tsv``.

    Parameters
    ----------
    path : Path
        The TSV file (UTF-8, header ``theme theme_zh term``).

    Returns
    -------
    list of ThemeTerm
        Rows in file order.

    Examples
    --------
    >>> themes = read_themes(LEXICON_DIR / "themes.tsv")  # doctest: +SKIP
    >>> sorted({t.theme for t in themes})[:2]  # doctest: +SKIP
    ['agriculture_rural', 'culture_tourism']
    """
    return [ThemeTerm(*fields) for fields in _read_tsv(path, THEME_HEADER)]


def write_themes(path: Path, rows: Iterable[ThemeTerm]) -> None:
    """Write ``themes.tsv`` sorted by theme id, then term.

    Parameters
    ----------
    path : Path
        Destination file.
    rows : iterable of ThemeTerm
        Rows to write (any order).

    Returns
    -------
    None

    Examples
    --------
    >>> write_themes(Path("/tmp/t.tsv"), [ThemeTerm("livelihoods", "民生保障", "养老服务")])  # doctest: +SKIP
    """
    path.write_text(_themes_text(rows), encoding="utf-8")


def _themes_text(rows: Iterable[ThemeTerm]) -> str:
    body = [f"{r.theme}\t{r.theme_zh}\t{r.term}" for r in sorted(rows, key=lambda r: (r.theme, r.term))]
    return "\n".join(["\t".join(THEME_HEADER), *body]) + "\n"


def read_stopwords(path: Path) -> dict[str, list[str]]:
    """Read ``stopwords.txt`` into its named blocks.

    File rules: a line starting with ``#`` is a comment (so the ASCII hash
    sign itself cannot be listed); a comment of the form
    ``# [block:NAME] ...`` opens block ``NAME``; blank lines are ignored;
    every other line, stripped, is one stop word.

    Parameters
    ----------
    path : Path
        The stop-word file.

    Returns
    -------
    dict of str to list of str
        Block name to its words, in file order.

    Examples
    --------
    >>> blocks = read_stopwords(LEXICON_DIR / "stopwords.txt")  # doctest: +SKIP
    >>> "我们" in blocks["report_boilerplate"]  # doctest: +SKIP
    True
    """
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("#"):
            head = raw[1:].strip()
            if head.startswith("[block:"):
                current = head[len("[block:") : head.index("]")]
                if current in blocks:
                    raise ValueError(f"{path.name}:{number}: block {current!r} opened twice")
                blocks[current] = []
            continue
        word = raw.strip()
        if not word:
            continue
        if current is None:
            raise ValueError(f"{path.name}:{number}: stop word {word!r} before any block header")
        blocks[current].append(word)
    return blocks


# ---------------------------------------------------------------------------
# counting
# ---------------------------------------------------------------------------


def load_corpus_texts(corpus_dir: Path) -> list[str]:
    """Load every lawtext-gov report (Markdown) below ``corpus_dir``.

    Parameters
    ----------
    corpus_dir : Path
        ``shared/corpora/lawtext-gov``.

    Returns
    -------
    list of str
        Report texts, in sorted path order; README files are skipped.

    Examples
    --------
    >>> texts = load_corpus_texts(DEFAULT_SHARED / CORPUS_SUBDIR)  # doctest: +SKIP
    >>> len(texts)  # doctest: +SKIP
    3004
    """
    paths = sorted(p for p in corpus_dir.rglob("*.md") if not p.name.upper().startswith("README"))
    return [p.read_text(encoding="utf-8") for p in paths]


def count_docs(terms: Iterable[str], texts: Sequence[str]) -> dict[str, int]:
    """Count, for each term, the texts that contain it as a substring.

    Parameters
    ----------
    terms : iterable of str
        Terms of at least two characters.
    texts : sequence of str
        Documents.

    Returns
    -------
    dict of str to int
        Term to number of documents containing it.

    Examples
    --------
    >>> count_docs(["河长制", "林长制"], ["全面推行河长制", "河长制、林长制"])
    {'河长制': 2, '林长制': 1}
    """
    terms = list(dict.fromkeys(terms))
    # A term can only occur where all its character bigrams occur; the set test
    # is cheap and spares most substring scans (about 5x faster overall).
    grams = {t: frozenset(t[i : i + 2] for i in range(len(t) - 1)) for t in terms}
    counts = dict.fromkeys(terms, 0)
    for text in texts:
        present = {text[i : i + 2] for i in range(len(text) - 1)}
        for term in terms:
            if grams[term] <= present and term in text:
                counts[term] += 1
    return counts


def count_seed(terms: Iterable[str], seed_text: str) -> dict[str, int]:
    """Count non-overlapping occurrences of each term in the seed text.

    Parameters
    ----------
    terms : iterable of str
        Terms.
    seed_text : str
        Text of the seed file.

    Returns
    -------
    dict of str to int
        Term to occurrence count.

    Examples
    --------
    >>> count_seed(["雨污分流"], "推进雨污分流，完成雨污分流改造")
    {'雨污分流': 2}
    """
    return {term: seed_text.count(term) for term in terms}


def recount(rows: Sequence[PolicyTerm], *, shared: Path) -> list[PolicyTerm]:
    """Return the rows with ``docs`` and ``seed`` recomputed from ``shared``.

    Parameters
    ----------
    rows : sequence of PolicyTerm
        Current rows.
    shared : Path
        Folder holding ``corpora/lawtext-gov`` and ``seeds/``.

    Returns
    -------
    list of PolicyTerm
        Same terms, fresh counts.

    Examples
    --------
    >>> fresh = recount(read_policy_terms(LEXICON_DIR / "policy_terms.tsv"), shared=DEFAULT_SHARED)  # doctest: +SKIP
    """
    terms = [r.term for r in rows]
    docs = count_docs(terms, load_corpus_texts(shared / CORPUS_SUBDIR))
    seed = count_seed(terms, (shared / SEED_SUBPATH).read_text(encoding="utf-8"))
    return [PolicyTerm(t, docs[t], seed[t]) for t in terms]


# ---------------------------------------------------------------------------
# tokenizer and validation
# ---------------------------------------------------------------------------


def make_tokenizer(terms: Iterable[str]) -> jieba.Tokenizer:
    """Build a private jieba tokenizer with the policy terms added.

    The global ``jieba.dt`` is never touched.  Terms are added with
    ``add_word`` (jieba's suggested frequency) because the TSV is not in
    jieba's user-dictionary format.

    Parameters
    ----------
    terms : iterable of str
        Dictionary terms.

    Returns
    -------
    jieba.Tokenizer
        Initialised tokenizer.

    Examples
    --------
    >>> tk = make_tokenizer(["雨污分流"])
    >>> tk.lcut("雨污分流")
    ['雨污分流']
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)  # silence the dictionary-loading banner
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for term in terms:
        tokenizer.add_word(term)
    return tokenizer


def validate(
    policy: Sequence[PolicyTerm],
    themes: Sequence[ThemeTerm],
    stopwords: dict[str, list[str]],
    *,
    tokenizer: jieba.Tokenizer,
) -> list[str]:
    """Check the three lexicons; return a list of problems (empty when valid).

    Checks: no duplicate terms; term lengths within bounds and no whitespace;
    every policy term attested (``docs >= 3`` or ``seed > 0``); at least 700
    policy terms; the eleven theme ids, one Chinese label each, 40-120 terms
    each, no term in two themes; every theme term cut whole by ``tokenizer``
    (with and without HMM); stop-word blocks present, no duplicates, no theme
    term among them, dictionary terms only in the boilerplate block.

    Parameters
    ----------
    policy : sequence of PolicyTerm
        Rows of ``policy_terms.tsv``.
    themes : sequence of ThemeTerm
        Rows of ``themes.tsv``.
    stopwords : dict of str to list of str
        Blocks of ``stopwords.txt``.
    tokenizer : jieba.Tokenizer
        Tokenizer loaded with the policy terms.

    Returns
    -------
    list of str
        Human-readable problems.

    Examples
    --------
    >>> tk = make_tokenizer([])  # doctest: +SKIP
    >>> validate([], [], {}, tokenizer=tk)[0]  # doctest: +SKIP
    'policy_terms: only 0 terms (need >= 700)'
    """
    problems: list[str] = []
    terms = [r.term for r in policy]
    for term, n in Counter(terms).items():
        if n > 1:
            problems.append(f"policy_terms: duplicate {term!r}")
    if len(set(terms)) < MIN_POLICY_TERMS:
        problems.append(f"policy_terms: only {len(set(terms))} terms (need >= {MIN_POLICY_TERMS})")
    for r in policy:
        if not MIN_TERM_LEN <= len(r.term) <= MAX_TERM_LEN or any(ch.isspace() for ch in r.term):
            problems.append(f"policy_terms: bad term {r.term!r}")
        if r.docs < MIN_DOCS and r.seed == 0:
            problems.append(f"policy_terms: {r.term!r} unattested (docs={r.docs}, seed={r.seed})")

    by_theme: dict[str, list[ThemeTerm]] = {}
    for row in themes:
        by_theme.setdefault(row.theme, []).append(row)
    if set(by_theme) != set(THEME_IDS):
        problems.append(f"themes: ids {sorted(by_theme)} != {sorted(THEME_IDS)}")
    for theme, rows in by_theme.items():
        labels = {r.theme_zh for r in rows}
        if len(labels) != 1:
            problems.append(f"themes: {theme} has labels {sorted(labels)}")
        unique = {r.term for r in rows}
        if not MIN_THEME_TERMS <= len(unique) <= MAX_THEME_TERMS:
            problems.append(f"themes: {theme} has {len(unique)} terms (need {MIN_THEME_TERMS}-{MAX_THEME_TERMS})")
    owners: dict[str, set[str]] = {}
    for row in themes:
        owners.setdefault(row.term, set()).add(row.theme)
    for term, ids in sorted(owners.items()):
        if len(ids) > 1:
            problems.append(f"themes: {term!r} in several themes {sorted(ids)}")
        if len(term) < MIN_TERM_LEN and not term.isascii():
            problems.append(f"themes: {term!r} shorter than {MIN_TERM_LEN}")
        for hmm in (True, False):
            cut = tokenizer.lcut(term, HMM=hmm)
            if cut != [term]:
                problems.append(f"themes: {term!r} is cut as {cut} (HMM={hmm})")
    for term, n in Counter((r.theme, r.term) for r in themes).items():
        if n > 1:
            problems.append(f"themes: duplicate row {term}")

    for block in STOPWORD_BLOCKS:
        if block not in stopwords:
            problems.append(f"stopwords: missing block {block!r}")
    for block in stopwords:
        if block not in STOPWORD_BLOCKS:
            problems.append(f"stopwords: unknown block {block!r}")
    all_stops = [w for words in stopwords.values() for w in words]
    for word, n in Counter(all_stops).items():
        if n > 1:
            problems.append(f"stopwords: duplicate {word!r}")
    for word in sorted(set(all_stops) & set(owners)):
        problems.append(f"stopwords: {word!r} is also a theme term")
    term_set = set(terms)
    for block, words in stopwords.items():
        if block == DICTIONARY_STOPWORD_BLOCK:
            continue
        for word in words:
            if word in term_set:
                problems.append(f"stopwords: dictionary term {word!r} outside {DICTIONARY_STOPWORD_BLOCK}")
    return problems


def token_doc_share(
    words: Iterable[str], texts: Sequence[str], *, tokenizer: jieba.Tokenizer
) -> dict[str, float]:
    """Share of texts in which each word occurs as a token.

    Parameters
    ----------
    words : iterable of str
        Words to measure.
    texts : sequence of str
        Documents (must be non-empty).
    tokenizer : jieba.Tokenizer
        Tokenizer used to cut the documents.

    Returns
    -------
    dict of str to float
        Word to document share in [0, 1].

    Examples
    --------
    >>> tk = make_tokenizer([])
    >>> token_doc_share(["推进"], ["加快推进城市建设", "加快发展"], tokenizer=tk)
    {'推进': 0.5}
    """
    wanted = list(dict.fromkeys(words))
    hits = Counter()
    for text in texts:
        hits.update(set(tokenizer.lcut(text)) & set(wanted))
    return {w: hits[w] / len(texts) for w in wanted}


# ---------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when the lexicons are valid (and, with ``--check``, canonical).

    Examples
    --------
    >>> main(["--check"])  # doctest: +SKIP
    0
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with corpora/ and seeds/")
    parser.add_argument("--lexicons", type=Path, default=LEXICON_DIR, help="folder holding the lexicon files")
    parser.add_argument("--check", action="store_true", help="validate only; fail if a file would change")
    parser.add_argument("--no-recount", action="store_true", help="keep the stored docs/seed counts")
    parser.add_argument(
        "--stopword-df",
        action="store_true",
        help=f"also tokenize the whole corpus (slow, minutes) and check the {GENERIC_BLOCK} rule",
    )
    args = parser.parse_args(argv)

    policy_path = args.lexicons / "policy_terms.tsv"
    themes_path = args.lexicons / "themes.tsv"
    stop_path = args.lexicons / "stopwords.txt"
    policy = read_policy_terms(policy_path)
    themes = read_themes(themes_path)
    stopwords = read_stopwords(stop_path)

    corpus_ok = (args.shared / CORPUS_SUBDIR).is_dir() and (args.shared / SEED_SUBPATH).is_file()
    if args.no_recount:
        print("recount skipped (--no-recount); keeping stored docs/seed counts")
    elif not corpus_ok:
        print(f"shared material not found under {args.shared}; keeping stored docs/seed counts")
    else:
        fresh = recount(policy, shared=args.shared)
        changed = sum(1 for old, new in zip(policy, fresh) if old != new)
        print(f"recounted {len(fresh)} policy terms against {args.shared}: {changed} rows changed")
        policy = fresh

    tokenizer = make_tokenizer(r.term for r in policy)
    problems = validate(policy, themes, stopwords, tokenizer=tokenizer)
    if args.stopword_df and corpus_ok:
        shares = token_doc_share(
            stopwords.get(GENERIC_BLOCK, []), load_corpus_texts(args.shared / CORPUS_SUBDIR), tokenizer=tokenizer
        )
        for word, share in sorted(shares.items(), key=lambda kv: kv[1]):
            print(f"{GENERIC_BLOCK} token df {word}\t{share:.4f}")
            if share < GENERIC_MIN_DF:
                problems.append(f"stopwords: {word!r} in {GENERIC_BLOCK} has token df {share:.4f} < {GENERIC_MIN_DF}")
    for problem in problems:
        print(f"PROBLEM: {problem}")

    new_policy, new_themes = _policy_text(policy), _themes_text(themes)
    stale = [
        p.name
        for p, text in ((policy_path, new_policy), (themes_path, new_themes))
        if p.read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"NOT CANONICAL: {name} (run tools/build_lexicons.py)")
        return 1 if problems or stale else 0
    policy_path.write_text(new_policy, encoding="utf-8")
    themes_path.write_text(new_themes, encoding="utf-8")
    counts = Counter(r.theme for r in themes)
    print(
        f"wrote {policy_path.name} ({len(policy)} terms) and {themes_path.name} "
        f"({len(themes)} rows: {', '.join(f'{k}={v}' for k, v in sorted(counts.items()))}); "
        f"stopwords: {sum(map(len, stopwords.values()))} words in {len(stopwords)} blocks"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
