"""Similarity and shared passages."""

from __future__ import annotations

import govreports as gr


def test_shared_passages_are_present_at_both_offsets(sample):
    sp = gr.shared_passages(sample, min_chars=20)
    assert not sp.empty
    texts = sample.set_index("report_id")["text"]
    for r in sp.itertuples(index=False):
        assert r.report_id_a != r.report_id_b
        assert texts[r.report_id_a][r.start_a:r.end_a] == r.text_a
        assert texts[r.report_id_b][r.start_b:r.end_b] == r.text_b
        assert r.similarity >= 0.8


def test_a_copied_paragraph_is_found_whole(sample):
    # Two synthetic town reports sharing one paragraph of three sentences from the sample
    para = (  # noqa: E501 - one paragraph of the sample, copied as it is
        "一年来,我们坚决落实“发展要安全”,全力维护社会大局安全稳定。加大安全治理攻坚。认真贯彻落实国家“15条”、省“65条”、市“78条”,大力推进自建房、村级工业园、燃气、废品回收站、鱼塘经营等重点领域专项整治。"
    )
    a = "甲镇2023年政府工作报告\n各位代表:\n今年我们抓好农业生产,粮食总产稳定在较高水平,农民收入持续增加。\n" + para
    b = "乙镇2023年政府工作报告\n各位代表:\n" + para + "\n我们还新建了三所学校和一座文化礼堂,群众文化生活更加丰富。"
    reports = gr.reports_from_texts([a, b])
    sp = gr.shared_passages(reports, min_chars=15)
    top = sp.iloc[0]
    assert top["text_a"] == top["text_b"] == para
    assert top["sentences"] == 2 and top["similarity"] == 1.0


def test_similarity_pairs(sample):
    sim = gr.similarity(sample)
    assert len(sim) == 10
    assert sim["cosine"].between(0, 1).all()
    assert sim["cosine"].is_monotonic_decreasing
    ids = set(sample["report_id"])
    assert set(sim["report_id_a"]) | set(sim["report_id_b"]) == ids


def test_identical_reports_are_most_similar(sample):
    two = gr.reports_from_texts({"x": sample["text"][0], "y": sample["text"][0], "z": sample["text"][1]})
    sim = gr.similarity(two)
    assert sim.iloc[0]["cosine"] > 0.999
    assert {sim.iloc[0]["report_id_a"], sim.iloc[0]["report_id_b"]} == {"2023_横沥镇", "2023_横沥镇_2"}


def test_no_shared_passages_gives_an_empty_frame():
    reports = gr.reports_from_texts(
        {
            "甲镇": "全镇坚持稳中求进工作总基调，推动农业农村现代化迈出坚实步伐。",
            "乙镇": "我们持续优化营商环境，新登记市场主体数量创历史新高，活力明显增强。",
        }
    )
    sp = gr.shared_passages(reports, min_chars=10)
    assert sp.empty
    assert list(sp.columns) == [
        "report_id_a", "region_a", "start_a", "end_a", "report_id_b", "region_b", "start_b", "end_b",
        "similarity", "sentences", "text_a", "text_b",
    ]
