"""The trie patterns match exactly what the sorted alternations they replace matched, and the
time markers found from their leads are those the whole-text scan finds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreports._regex import find_in_runs, find_led, longest_first, match_led, runs_around
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


#: The names of :data:`_LED`'s patterns in ``_metrics._marker_starts`` (the one scan of every lead).
_LED_NAMES = ["year", "year", "five", "base", "from", "base_period", "month", "cue", "annual"]


def _same_as_scan(text: str) -> None:
    starts = _metrics._marker_starts(text)
    starts["annual"] = _metrics._annual_starts(text, starts)
    scanned = dict(starts)  # the month words' 前, 第, 至 and 到 are read off 月 and 季, not scanned for
    runs = runs_around(text, "月", _metrics._MONTH_END_CHARS)
    starts["month"] = _metrics._month_word_starts(text, starts["month"], runs)
    for (pattern, leads), name in zip(_LED, _LED_NAMES, strict=True):
        assert _spans(find_led(pattern, text, leads)) == _spans(pattern.finditer(text)), pattern.pattern[:40]
        assert _spans(match_led(pattern, text, starts[name])) == _spans(pattern.finditer(text)), name
        leads = _metrics._MONTH_SCANNED_LEADS if name == "month" else leads
        assert scanned[name] == sorted({i for lead in leads for i in range(len(text)) if text.startswith(lead, i)})
    for pattern in (_metrics._MONTH_RANGE, _metrics._MONTH_RANGE_ZH):
        got = find_in_runs(pattern, text, "月", _metrics._MONTH_RANGE_CHARS)
        assert _spans(got) == _spans(pattern.finditer(text)), pattern.pattern[:40]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(_TIME_PIECES), max_size=30).map("".join))
def test_time_markers_from_their_leads_match_the_scan(text):
    _same_as_scan(text)


def test_time_markers_from_their_leads_match_the_scan_on_the_sample(sample):
    _same_as_scan("\n".join(sample["text"]))


# The context names found from the positions of their leads (_with_context_aliases): each start
# finder gives every position where one of the pattern's leads starts, and the matches tried there
# are the pattern's scan.
_CONTEXT_LED = [
    (_metrics._GRAIN_OUTPUT, _metrics._GRAIN_OUTPUT_LEADS, _metrics._grain_starts),
    (_metrics._PRIMARY_GROWTH, _metrics._PRIMARY_GROWTH_LEADS, _metrics._primary_starts),
    (_metrics._SHARED_SUFFIX, _metrics._SHARED_SUFFIX_LEADS, _metrics._shared_suffix_starts),
]
_CONTEXT_PIECES = [
    "总产", "产量", "总产量", "粮食", "稻", "总", "产", "量", "第一产业", "一产", "第一", "一", "第", "产业", "拉动",
    "增长", "同比", "下降", "增加值", "总产值", "值", "分别", "，", "。", "3.9%", "二产", "统一产",
]


def _same_context_starts(text: str) -> None:
    for pattern, leads, starts_of in _CONTEXT_LED:
        starts = starts_of(text)
        assert starts == sorted({i for lead in leads for i in range(len(text)) if text.startswith(lead, i)}), leads
        assert _spans(match_led(pattern, text, starts)) == _spans(pattern.finditer(text)), leads
        assert _spans(find_led(pattern, text, leads)) == _spans(pattern.finditer(text)), leads


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(_CONTEXT_PIECES), max_size=30).map("".join))
def test_context_names_from_their_leads_match_the_scan(text):
    _same_context_starts(text)


def test_context_names_from_their_leads_match_the_scan_on_the_sample(sample):
    _same_context_starts("\n".join(sample["text"]))


# --------------------------------------------------------------------------- compiled programs

_RUN = """
import json, re, sys
import govreports, govreports._cli
from govreports import _regex
from govreports.extract._indicators import alias_pattern
alias_pattern()
info = _regex.program_cache_info()
if "--check" in sys.argv:
    # every program read from the file is what the compiler makes of its pattern now, and the
    # pattern it gives matches as re.compile's does on the bundled sample
    known = _regex._read_programs(info["path"])
    text = "\\n".join(govreports.load_sample()["text"])
    for (source, flags), program in known.items():
        fresh, made = _regex._compiled_program(source, flags)
        assert made == program, source
        ours, theirs = _regex.compile(source, flags), re.compile(source, flags)
        assert (ours.flags, ours.groups, ours.groupindex) == (theirs.flags, theirs.groups, theirs.groupindex)
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)], source
print(json.dumps({k: v for k, v in info.items()}))
"""


def _run(prefix, *args, write=True):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    out = subprocess.run([sys.executable, "-c", _RUN, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_compiled_programs_are_kept_between_runs_and_are_the_compilers(tmp_path):
    first = _run(tmp_path)
    assert first["hits"] == 0 and first["misses"] > 300  # the package's patterns, compiled
    assert Path(first["path"]).is_file() and str(first["path"]).startswith(str(tmp_path))
    second = _run(tmp_path, "--check")
    assert second["misses"] == 0 and second["hits"] == first["misses"]  # none compiled again
    assert second["known"] == first["made"]


def test_no_programs_written_where_no_bytecode_is(tmp_path):
    info = _run(tmp_path, write=False)
    assert info["misses"] > 300 and not Path(info["path"]).exists()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other_python"])
def test_a_damaged_or_foreign_file_of_programs_is_ignored(tmp_path, damage):
    path = Path(_run(tmp_path)["path"])
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00not marshal" * 50)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:  # a file written by another Python: the header differs
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        header["python"][0] = "2.7.18"
        path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    info = _run(tmp_path)
    assert info["hits"] == 0 and info["known"] == 0 and info["misses"] > 300  # compiled as without a file
    assert _run(tmp_path, "--check")["misses"] == 0  # and written anew, whole


def test_compile_is_re_compile():
    from govreports._regex import compile as compile_cached

    for source, flags in ((r"(?P<n>\d+)亿元", 0), (r"^\s*[一二三]、.*$", re.M), (r"[\u4e00-\u9fff]+", re.S)):
        ours, theirs = compile_cached(source, flags), re.compile(source, flags)
        assert (ours.pattern, ours.flags, ours.groupindex) == (theirs.pattern, theirs.flags, theirs.groupindex)
        text = "一、完成投资12亿元\n二、增长8%"
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
