"""The trie patterns match exactly what the sorted alternations they replace matched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreports._regex import longest_first
from govreports.extract._indicators import alias_pattern, alias_table
from govreports.extract._numbers import _UNIT_AT, _UNIT_INFO, _UNIT_LOOKAHEAD

_ALPHABET = "地区生产总值人次民币元万亿个性(|)."


def _sorted_alternation(words, after=None) -> re.Pattern[str]:
    after = after or {}
    return re.compile("|".join(re.escape(w) + after.get(w, "") for w in sorted(words, key=len, reverse=True)))


@settings(max_examples=300, deadline=None)
@given(
    words=st.sets(st.text(alphabet=_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=12),
    text=st.text(alphabet=_ALPHABET + "，。 ", max_size=60),
)
def test_longest_first_matches_like_the_sorted_alternation(words, text):
    after = {w: "(?!民)" for w in words if w.endswith("人")}
    want = [(m.start(), m.end()) for m in _sorted_alternation(words, after).finditer(text)]
    assert [(m.start(), m.end()) for m in re.finditer(longest_first(words, after), text)] == want


def test_alias_and_unit_patterns_match_like_sorted_alternations(sample):
    text = "\n".join(sample["text"])
    aliases = _sorted_alternation(alias_table())
    assert [m.span() for m in alias_pattern().finditer(text)] == [m.span() for m in aliases.finditer(text)]
    units = _sorted_alternation(_UNIT_INFO, _UNIT_LOOKAHEAD)
    for i in range(len(text)):
        a, b = _UNIT_AT.match(text, i), units.match(text, i)
        assert (a and a.group()) == (b and b.group()), text[i:i + 8]
