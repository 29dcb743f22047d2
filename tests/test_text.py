"""Tokens, frequencies, distinctive terms, keyword in context."""

from __future__ import annotations

import logging
import re
import subprocess
import sys

import pandas as pd
import pytest

import govreports as gr
from govreports.errors import InvalidOptionError
from govreports.text._tokens import TOKEN_COLUMNS, clear_cache

CORE_TERMS = ["乡村振兴", "高质量发展", "营商环境", "一般公共预算收入", "规上工业增加值", "人居环境整治", "雨污分流",
              "固定资产投资", "社会消费品零售总额", "疫情防控", "共同富裕", "基层治理"]


@pytest.fixture(scope="module")
def tokens(sample):
    return gr.tokenize(sample)


def test_columns_offsets_and_carry(sample, tokens):
    assert list(tokens.columns) == list(TOKEN_COLUMNS)
    texts = sample.set_index("report_id")["text"]
    for rid, s, e, tok in tokens[["report_id", "start", "end", "token"]].itertuples(index=False):
        assert texts[rid][s:e] == tok
    assert set(tokens["region"]) == set(sample["region"])
    # the text's length travels as a column (the denominator of rates), not as a hidden attribute
    lengths = tokens.groupby("report_id")["report_chars"].unique()
    assert all(len(v) == 1 and v[0] == len(texts[rid]) for rid, v in lengths.items())
    assert not tokens.attrs


def test_located_tokens_carry_the_division_code(sample):
    located = gr.locate(sample)
    toks = gr.tokenize(located)
    assert list(toks.columns[:6]) == ["report_id", "region", "level", "year", "division_code", "report_chars"]
    codes = located.set_index("report_id")["division_code"]
    assert (toks["division_code"] == toks["report_id"].map(codes)).all()
    # rates survive a round trip through a file that keeps only columns
    tf = gr.term_frequencies(pd.DataFrame(toks.to_dict("list")), by="region")
    assert tf.groupby("region")["chars"].first().to_dict() == located.set_index("region")["text"].str.len().to_dict()


def test_policy_terms_are_single_tokens(sample, tokens):
    toks = set(tokens["token"])
    by_report = {rid: g for rid, g in tokens.groupby("report_id")}
    for term in CORE_TERMS:
        if not any(term in t for t in sample["text"]):
            continue
        assert term in toks, term
        # every occurrence lies inside one token (itself, or a longer term:
        # 乡村振兴战略), unless another policy term overlaps it (疫情|防控阻击战)
        others = [t for t in gr.load_policy_terms()["term"] if t != term and term not in t]
        for rid, text in zip(sample["report_id"], sample["text"]):
            g = by_report[rid]
            for m in re.finditer(term, text):
                window = text[max(0, m.start() - 8): m.end() + 8]
                if any(o in window and _overlaps(window, o, term) for o in others):
                    continue
                inside = g[(g["start"] <= m.start()) & (g["end"] >= m.end())]
                assert len(inside) == 1 and term in inside["token"].item(), (term, rid, m.start())


def _overlaps(window: str, other: str, term: str) -> bool:
    i = window.find(term)
    for m in re.finditer(re.escape(other), window):
        if m.start() < i + len(term) and i < m.end() and not (m.start() <= i and i + len(term) <= m.end()):
            return True
    return False


def test_no_whitespace_punctuation_or_bare_digits(tokens):
    assert not tokens["token"].str.contains(r"\s", regex=True).any()
    assert not tokens["token"].str.fullmatch(r"\d+(\.\d+)?").any()
    assert not tokens["token"].str.fullmatch(r"[^\w]+").any()


def test_figures_stay_whole_or_are_dropped(sample):
    keep = gr.tokenize(sample)
    assert "207.45亿元" in set(keep["token"]) and "2022年" in set(keep["token"])
    drop = gr.tokenize(sample, numbers="drop")
    with_digits = set(drop.loc[drop["token"].str.contains(r"\d"), "token"])
    # only words written with digits remain (5G, PM2.5, 12345热线), no figure
    assert with_digits and all(
        re.search(r"[A-Za-z]", t) or t in set(gr.load_policy_terms()["term"]) for t in with_digits
    )
    assert "2022年" not in set(drop["token"]) and "207.45亿元" not in set(drop["token"])


def test_stopwords_and_user_options(sample):
    toks = gr.tokenize(sample)
    assert "各位代表" not in set(toks["token"]) and "的" not in set(toks["token"])
    custom = gr.tokenize(sample, user_words=["头雁计划"], user_stopwords=["项目"])
    assert "头雁计划" in set(custom["token"]) and "项目" not in set(custom["token"])
    # per call only: the next default call is unaffected
    assert "项目" in set(gr.tokenize(sample)["token"])


def test_global_jieba_is_untouched(sample):
    code = (
        "import jieba, govreports as gr\n"
        "before = jieba.lcut('推进乡村振兴和营商环境建设')\n"
        "gr.tokenize(gr.load_sample())\n"
        "after = jieba.lcut('推进乡村振兴和营商环境建设')\n"
        "print(before == after, jieba.dt.FREQ.get('营商环境'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True None"


def test_tokenize_is_quiet(sample, capsys, caplog):
    clear_cache()
    with caplog.at_level(logging.DEBUG):
        gr.tokenize(sample.head(1), cache=False)
    captured = capsys.readouterr()
    assert "Prefix dict" not in captured.err + captured.out
    assert not [r for r in caplog.records if r.name == "jieba"]


def test_rjieba_engine_gives_the_same_tokens(sample):
    pytest.importorskip("rjieba")
    a = gr.tokenize(sample, cache=False)
    b = gr.tokenize(sample, tokenizer="rjieba", cache=False)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.corpus
def test_rjieba_engine_same_on_corpus_sample(corpus_dir):
    pytest.importorskip("rjieba")
    files = sorted((corpus_dir / "政府工作报告-其他地市").glob("*/*.md"))[:40]
    reports = gr.read_reports(files)
    a = gr.tokenize(reports, cache=False)
    b = gr.tokenize(reports, tokenizer="rjieba", cache=False)
    pd.testing.assert_frame_equal(a, b)


def test_cache_returns_identical_frames(sample):
    clear_cache()
    first = gr.tokenize(sample)
    second = gr.tokenize(sample)
    pd.testing.assert_frame_equal(first, second)


def test_term_frequencies(sample, tokens):
    tf = gr.term_frequencies(tokens, by="region")
    assert list(tf.columns) == ["region", "token", "count", "chars", "rate", "rank"]
    row = tf[(tf["region"] == "横沥镇") & (tf["token"] == "乡村振兴")].iloc[0]
    text = sample.set_index("region").loc["横沥镇", "text"]
    assert row["count"] == text.count("乡村振兴")
    assert row["chars"] == len(text)
    assert row["rate"] == pytest.approx(row["count"] / len(text) * 10_000)
    assert (tf.groupby("region")["rank"].min() == 1).all()


def test_distinctive_terms(tokens):
    d = gr.distinctive_terms(tokens, by="region", top=None, min_count=2)
    assert {"log_odds", "z", "tfidf", "count", "count_other"} <= set(d.columns)
    # z is sorted within groups
    assert all(g["z"].is_monotonic_decreasing for _, g in d.groupby("region"))
    # with place names kept, 东莞 is named only by 横沥镇: distinctive for it, and significantly so
    kept = gr.distinctive_terms(tokens, by="region", top=None, min_count=2, exclude_places=False)
    hl = kept[kept["region"] == "横沥镇"].set_index("token")
    assert hl.loc["东莞", "z"] > 1.96 and hl.loc["东莞", "count_other"] == 0


def test_distinctive_terms_leave_out_place_names_and_single_characters(tokens, sample):
    d = gr.distinctive_terms(tokens, by="region", top=None, min_count=2)
    words = set(d["token"])
    # each town's own name and short name, its county, city and province: the gazetteer knows them
    places = {"横沥镇", "横沥", "东莞", "东莞市", "濮院", "嘉兴市", "桐乡市", "浙江", "广东省", "安徽", "古田县"}
    assert not words & places
    assert d["token"].str.len().min() >= 2
    # ordinary words that happen to name a township somewhere stay (the gazetteer's township short names are not used)
    assert {"农业", "项目", "企业"} <= words
    everything = gr.distinctive_terms(tokens, by="region", top=None, min_count=2, exclude_places=False, min_length=1)
    assert places & set(everything["token"]) and (everything["token"].str.len() == 1).any()
    # top ranks count the kept words only
    top = gr.distinctive_terms(tokens, by="region", top=5)
    assert top.groupby("region")["rank"].max().max() == 5 and not set(top["token"]) & places
    with pytest.raises(InvalidOptionError, match="min_length"):
        gr.distinctive_terms(tokens, min_length=0)


def test_kwic_finds_every_occurrence(sample):
    for term in ["乡村振兴", "规上", "一般公共预算"]:
        k = gr.kwic(sample, term, window=10)
        assert len(k) == sum(t.count(term) for t in sample["text"])
        texts = sample.set_index("report_id")["text"]
        for rid, s, e, m in k[["report_id", "start", "end", "match"]].itertuples(index=False):
            assert texts[rid][s:e] == m == term


def test_kwic_regex_and_errors(sample):
    k = gr.kwic(sample, r"增长\d+(\.\d+)?%", regex=True)
    assert len(k) == sum(len(re.findall(r"增长\d+(?:\.\d+)?%", t)) for t in sample["text"])
    with pytest.raises(ValueError, match="regular expression"):
        gr.kwic(sample, "增长(", regex=True)


def test_indicator_names_are_one_token_in_both_engines():
    import govreports as gr

    reports = gr.reports_from_texts(
        ["全镇完成规上工业总产值4000万元，限上社会消费品零售额增长9%，一般公共预算收入670万元。"]
    )
    for engine in ("jieba", "rjieba"):
        tokens = gr.tokenize(reports, drop_stopwords=False, tokenizer=engine)["token"].tolist()
        assert {"规上工业总产值", "限上社会消费品零售额", "一般公共预算收入"} <= set(tokens), engine
