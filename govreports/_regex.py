"""Regular-expression helpers shared by the stages (standard library only)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["longest_first"]


def longest_first(words: Iterable[str], after: Mapping[str, str] | None = None) -> str:
    """A pattern matching any of ``words``, the longest that fits winning.

    It matches what ``"|".join(sorted(words, key=len, reverse=True))`` matches
    (escaped), but is written as a trie (地区生产总值|地区生产 →
    ``地区生产(?:总值|)``), so the engine tests each character once instead of
    once per word, and every alternative at the top starts with a literal,
    which lets ``search`` skip to candidate characters. Two to three times
    faster on the alias and unit lists.

    Parameters
    ----------
    words
        The words.
    after
        Optional lookarounds that must hold right after a word
        (``{"人": "(?!民)"}``: 人 but not 人民).

    Returns
    -------
    str
        Pattern source, without an enclosing group.

    Examples
    --------
    >>> longest_first(["人", "人次", "元"])
    '人(?:次|)|元'
    >>> p = re.compile(longest_first(["人", "人次", "人民币"], {"人": "(?!民)"}))
    >>> [m.group() for m in p.finditer("人次 人民 人民币 人")]
    ['人次', '人民币', '人']
    """
    after = after or {}
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[None] = after.get(word, "")  # the word ends here

    def build(node: dict) -> str:
        # deeper words first, ending here last: the longest match wins
        alts = [re.escape(ch) + build(child) for ch, child in node.items() if ch is not None]
        if None in node:
            alts.append(node[None])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return "|".join(re.escape(ch) + build(child) for ch, child in trie.items())
