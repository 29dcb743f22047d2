"""The trie patterns match exactly what the sorted alternations they replace matched, and the
time markers found from their leads are those the whole-text scan finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govreports._regex import find_in_runs, find_led, longest_first, match_led
from govreports.extract import _metrics
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


_LED = [
    (_metrics._SPAN, _metrics._YEAR_LEADS),
    (_metrics._YEAR, _metrics._YEAR_LEADS),
    (_metrics._FIVE_YEAR, _metrics._FIVE_YEAR_LEADS),
    (_metrics._BASE_YEAR, _metrics._BASE_YEAR_LEADS),
    (_metrics._FROM_YEAR, _metrics._FROM_YEAR_LEADS),
    (_metrics._BASE_PERIOD, _metrics._BASE_PERIOD_LEADS),
    (_metrics._MONTH_WORDS, _metrics._MONTH_WORDS_LEADS),
    (_metrics._TIME_CUE, _metrics._TIME_CUE_LEADS),
    (_metrics._ANNUAL, _metrics._ANNUAL_LEADS),
]
# pieces of time markers and their surroundings, joined at random
_TIME_PIECES = [
    "2020", "2019年", "1998", "年", "—", "-", "至", "到", "一", "三", "十", "十四五", "元", "9", "11", "月", "月底",
    "“", "”", "‘", "比", "较", "由", "从", "是", "的", "前", "上半年", "下半年度", "第二季度", "季度", "截至", "今年",
    "去年", "上年", "同期", "明年", "本年", "全年", "过去", "一年来", "五年", "来", "年均", "本届政府", "期间", "末",
    "增长", "下同", "（", "）", "，", "。", " ", "\n", "预期目标", "“十四五”期间", "“十三五”末", "‘十二五’时期",
    "1-11月", "1 — 3 月", "一至九月", "十一到十二月", "1—3季度", "比2019年", "较2010年（下同）增长", "由2018年末的",
    "比“十二五”末增长", "2018—2022年", "（2021-2035年）", "十年来", "前三季度", "截止到十月", "至11月底", "前11个月",
]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


#: The names of :data:`_LED`'s patterns in ``_metrics._MARKER_LEADS`` (the one scan of every lead).
_LED_NAMES = ["year", "year", "five", "base", "from", "base_period", "month", "cue", "annual"]


def _same_as_scan(text: str) -> None:
    starts = _metrics._MARKER_LEADS.starts(text)
    for (pattern, leads), name in zip(_LED, _LED_NAMES, strict=True):
        assert _spans(find_led(pattern, text, leads)) == _spans(pattern.finditer(text)), pattern.pattern[:40]
        assert _spans(match_led(pattern, text, starts[name])) == _spans(pattern.finditer(text)), name
        assert starts[name] == sorted({i for lead in leads for i in range(len(text)) if text.startswith(lead, i)})
    for pattern in (_metrics._MONTH_RANGE, _metrics._MONTH_RANGE_ZH):
        got = find_in_runs(pattern, text, "月", _metrics._MONTH_RANGE_CHARS)
        assert _spans(got) == _spans(pattern.finditer(text)), pattern.pattern[:40]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(_TIME_PIECES), max_size=30).map("".join))
def test_time_markers_from_their_leads_match_the_scan(text):
    _same_as_scan(text)


def test_time_markers_from_their_leads_match_the_scan_on_the_sample(sample):
    _same_as_scan("\n".join(sample["text"]))
