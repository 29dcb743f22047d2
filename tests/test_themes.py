"""Policy attention and numbered slogans on the sample."""

from __future__ import annotations

import pandas as pd
import pytest

import govreports as gr
from govreports.text._themes import THEME_IDS


@pytest.fixture(scope="module")
def tokens(sample):
    return gr.tokenize(sample)


def test_slogans_in_the_seed(sample):
    s = gr.slogans(sample)
    listed = {"三提三效", "一改两为五做到", "十大专项行动", "三大革命", "五清一改", "1+5+N", "四个不摘"}
    present = {x for x in listed if any(x in t for t in sample["text"])}
    assert present <= set(s["slogan"])
    texts = sample.set_index("report_id")["text"]
    for rid, a, b, slogan, sentence in s[["report_id", "start", "end", "slogan", "sentence"]].itertuples(index=False):
        assert texts[rid][a:b] == slogan
        assert slogan in sentence
    # counts per report agree with the rows
    per = s.groupby(["report_id", "slogan"]).size()
    assert (
        s.set_index(["report_id", "slogan"])["n_in_report"] == per.reindex(s.set_index(["report_id", "slogan"]).index)
    ).all()


def test_slogans_exclude_periods_congresses_and_words():
    r = gr.reports_from_texts(["甲镇2023年政府工作报告\n认真学习党的二十大精神，编制“十四五”规划，推进一体化发展，"
                               "开展“三提三效”行动和十大专项行动，落实“1+5+N”工作体系。一般公共预算收入增长5%。"])
    got = set(gr.slogans(r)["slogan"])
    assert got == {"三提三效", "十大专项行动", "1+5+N"}


def test_attention_shares(tokens):
    a = gr.attention(tokens, by="region")
    assert set(a["theme"].astype(str)) == set(THEME_IDS)
    assert len(a) == 5 * len(THEME_IDS)
    assert a["share_tokens"].between(0, 1).all() and a["share_sentences"].between(0, 1).all()
    # a token belongs to one theme at most: shares add up to at most 1
    assert (a.groupby("region")["share_tokens"].sum() <= 1 + 1e-9).all()


def test_agriculture_weighs_more_in_rural_towns(tokens):
    # 横沥镇 is an industrial town of 东莞; 六镇镇 and 平湖镇 are farming towns
    a = gr.attention(tokens, by="region").set_index(["region", "theme"])["share_tokens"]
    agri = a.xs("agriculture_rural", level="theme")
    assert agri["六镇镇"] > agri["横沥镇"] and agri["平湖镇"] > agri["横沥镇"]


def test_attention_by_section_kind(tokens):
    a = gr.attention(tokens, by=["report_id", "section_kind"])
    assert {"review", "plan"} <= set(a["section_kind"].astype(str))


def test_attention_from_reports_equals_from_tokens(sample, tokens):
    pd.testing.assert_frame_equal(gr.attention(sample, by="region"), gr.attention(tokens, by="region"))


def test_attention_by_report_carries_the_document_columns(sample, tokens):
    a = gr.attention(tokens)  # by report
    assert a.columns[:4].tolist() == ["report_id", "region", "level", "year"]
    per_report = a.drop_duplicates("report_id").set_index("report_id")
    expected = sample.set_index("report_id")
    assert per_report["region"].to_dict() == expected["region"].to_dict()
    assert per_report["year"].astype(int).to_dict() == expected["year"].astype(int).to_dict()
    assert "level" not in gr.attention(tokens, by="region").columns  # a region's rows: no one report's level
