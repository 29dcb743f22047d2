"""The bundled lexicons and the indicator taxonomy, read from their files once.

Each table is a plain text file beside this module, documented in
``lexicons.md`` (policy terms, stop words, themes, the traditional → simplified
character table) and ``indicators.md`` (the indicator taxonomy), so that it can
be read, reviewed and extended without touching code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .._lazy import pandas as pd


def _read(name: str) -> str:
    return (resources.files("govreports.datasets") / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def indicator_rows() -> tuple[tuple[str, str, str, tuple[str, ...], str], ...]:
    """Rows of ``indicators.tsv``: id, Chinese name, unit kind, aliases, description."""
    rows = [ln.split("\t") for ln in _read("indicators.tsv").splitlines()[1:] if ln.strip()]
    return tuple((r[0], r[1], r[2], tuple(a for a in r[3].split("|") if a), r[4]) for r in rows)


def load_indicators() -> pd.DataFrame:
    """Load the indicator taxonomy.

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator`` (id), ``name_zh``, ``unit_kind``
        (money, percent, physical, count, ratio), ``aliases`` (the surface forms
        matched, longest first, ``|``-joined), ``description``.

    Examples
    --------
    >>> import govreports as gr
    >>> tax = gr.load_indicators()
    >>> tax.loc[tax["indicator"] == "gdp", "name_zh"].item()
    '地区生产总值'
    >>> len(tax) >= 17
    True
    """
    return pd.DataFrame(
        [
            {"indicator": i, "name_zh": name, "unit_kind": kind,
             "aliases": "|".join(sorted(aliases, key=len, reverse=True)), "description": desc}
            for i, name, kind, aliases, desc in indicator_rows()
        ],
        columns=["indicator", "name_zh", "unit_kind", "aliases", "description"],
    )


@lru_cache(maxsize=1)
def policy_term_docs() -> dict[str, int]:
    """Policy term → reports of the corpus containing it when the dictionary was built."""
    out: dict[str, int] = {}
    for ln in _read("policy_terms.tsv").splitlines()[1:]:
        parts = ln.split("\t")
        if parts and parts[0].strip():
            out[parts[0]] = int(parts[1]) if len(parts) > 1 and parts[1].strip().isdigit() else 0
    return out


def load_policy_terms() -> pd.DataFrame:
    """Load the bundled policy dictionary.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term``, ``docs`` (reports of the lawtext-gov
        corpus containing it when the dictionary was built), ``seed``
        (occurrences in the bundled sample's source).

    Examples
    --------
    >>> import govreports as gr
    >>> terms = gr.load_policy_terms()
    >>> {"乡村振兴", "营商环境", "规上工业增加值"} <= set(terms["term"])
    True
    """
    with (resources.files("govreports.datasets") / "policy_terms.tsv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, sep="\t", dtype={"term": str})


@lru_cache(maxsize=1)
def stopword_set() -> frozenset[str]:
    """The stop words of ``stopwords.txt`` (comment lines skipped)."""
    words = (ln.strip() for ln in _read("stopwords.txt").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def load_stopwords() -> list[str]:
    """Load the bundled stop-word list (function words, punctuation, report boilerplate).

    Returns
    -------
    list of str
        Sorted stop words; the card (``describe_dataset("stopwords")``) documents each block.

    Examples
    --------
    >>> import govreports as gr
    >>> "各位代表" in gr.load_stopwords()
    True
    """
    return sorted(stopword_set())


@lru_cache(maxsize=1)
def theme_table() -> pd.DataFrame:
    """``themes.tsv`` as read (cached: copy before changing it)."""
    with (resources.files("govreports.datasets") / "themes.tsv").open("r", encoding="utf-8") as fh:
        table = pd.read_csv(fh, sep="\t", dtype=str)
    return table[["theme", "theme_zh", "term"]]


def load_themes() -> pd.DataFrame:
    """Load the bundled policy-attention theme dictionary.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``theme`` (English id), ``theme_zh``, ``term``.

    Examples
    --------
    >>> import govreports as gr
    >>> t = gr.load_themes()
    >>> sorted(t["theme"].unique()) == sorted(gr.theme_ids())
    True
    """
    return theme_table().copy()


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """Traditional → simplified characters (``str.translate`` table) from
    ``t2s.tsv`` (OpenCC's character table, Apache-2.0)."""
    rows = _read("t2s.tsv").splitlines()[1:]
    return {ord(t): s for t, s in (r.split("\t") for r in rows)}


def load_t2s() -> pd.DataFrame:
    """Load the traditional → simplified character table (OpenCC, Apache-2.0).

    Returns
    -------
    pandas.DataFrame
        One row per character: ``traditional``, ``simplified``.

    Examples
    --------
    >>> import govreports as gr
    >>> t = gr.load_t2s()
    >>> t.loc[t["traditional"] == "縣", "simplified"].item()
    '县'
    """
    table = t2s_table()
    return pd.DataFrame({"traditional": [chr(k) for k in table], "simplified": list(table.values())})
