"""read_reports: formats, compilations, metadata, bad files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from _documents import write_docx as _write_docx
from _documents import write_pdf as _write_pdf

import govreports as gr
from govreports.errors import (
    BinaryFileError,
    CorruptFileError,
    DecodeError,
    EmptyFileError,
    FileMissingError,
    FileTooLargeError,
    NoReportsFoundError,
    NoTextLayerError,
    ReportFileError,
    UnsupportedFormatError,
)
from govreports.schema import REPORT_COLUMNS

SEED_REGIONS = ["横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"]
JUNK = ["电脑桌面", "VIP专享", "VIP免费", "联系客服", "当您付费下载", "公寻网", "回到顶部", "您可能关注的文档", "汇编"]


# --------------------------------------------------------------------------- the seed

def test_seed_compilation_splits_into_its_five_reports(seed_path):
    reports = gr.read_reports(seed_path)
    assert list(reports.columns) == [*REPORT_COLUMNS, "flags"]  # flags: quality_flags's deprecated copy
    assert reports["region"].tolist() == SEED_REGIONS
    assert reports["year"].tolist() == [2023] * 5
    assert reports["level"].astype(str).tolist() == ["township"] * 5
    assert [("truncated" in f) for f in reports["quality_flags"]] == [False, False, False, False, True]
    for region, title, text in zip(reports["region"], reports["title"], reports["text"]):
        assert title == f"{region}2023年政府工作报告"
        assert text.startswith(title + "\n各位代表")
        for junk in JUNK:
            assert junk not in text
        # no table-of-contents entry (a title followed by a page number) survives
        assert not re.search(r"政府工作报告\s+\d+$", text, re.M)
        # only this report's own title
        assert text.count("2023年政府工作报告") == 1


def test_seed_reports_end_where_the_next_begins(seed_path):
    reports = gr.read_reports(seed_path)
    raw = seed_path.read_text(encoding="utf-8")
    # The last paragraph of each complete report is in the raw file right
    # before the next report's title.
    for text, nxt in zip(reports["text"][:-1], SEED_REGIONS[1:]):
        last = text.rsplit("\n", 1)[-1]
        between = raw[raw.index(last) + len(last): raw.index(f"{nxt}2023年政府工作报告\n\n\n各位代表")]
        assert between.strip() == ""


def test_split_accounts_for_every_line(seed_path):
    from govreports.io._compilation import split_compilation

    raw = seed_path.read_text(encoding="utf-8")
    split = split_compilation(raw)
    assert [p.region for p in split.parts] == SEED_REGIONS
    lines_out = sorted(ln for p in split.parts for ln in p.lines) + []
    assert sorted(lines_out + split.removed) == sorted(raw.split("\n"))


def test_sample_equals_reading_the_seed(seed_path, sample):
    reports = gr.read_reports(seed_path)
    assert reports["text"].tolist() == sample["text"].tolist()
    assert reports["report_id"].tolist() == sample["report_id"].tolist()


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_each_encoding_gives_identical_text(tmp_path, sample, encoding):
    text = sample["text"][2]
    f = tmp_path / f"report_{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    got = gr.read_reports(f)
    assert got["text"].tolist() == [text]
    assert got["region"][0] == "泥溪镇"


def test_undecodable_file_is_a_clear_error(tmp_path):
    f = tmp_path / "jp.txt"
    f.write_bytes(("東京都の報告書では、経済成長の目標を設定しました。" * 30).encode("shift_jis"))
    with pytest.raises(DecodeError, match=r"jp\.txt: .*re-save it as UTF-8"):
        gr.read_reports(f)


# --------------------------------------------------------------------------- Markdown

LAWTEXT_MD = """---
source: https://example.gov.cn/report.html
title: 2021年《政府工作报告》
---

<!-- 新华社北京电 -->

**政府工作报告**

**——2021年1月25日在某某省第十三届人民代表大会第四次会议上**

**省长 张三**

各位代表：

## 一、2020年工作回顾

全省地区生产总值增长4.5%。
"""


def test_lawtext_markdown_front_matter_and_markup(tmp_path):
    d = tmp_path / "政府工作报告-省自治区" / "贵州省"
    d.mkdir(parents=True)
    f = d / "2021.md"
    f.write_text(LAWTEXT_MD.replace("某某省", "贵州省"), encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    assert (r["region"], r["level"], r["year"]) == ("贵州省", "province", 2021)
    assert r["speaker"] == "张三" and r["date"] == "2021-01-25"
    assert r["meta"]["speaker_role"] == "省长"
    assert "**" not in r["text"] and "<!--" not in r["text"] and "##" not in r["text"]
    assert "一、2020年工作回顾\n全省地区生产总值增长4.5%。" in r["text"]
    assert r["quality_flags"] == ["short"]


def test_region_from_path_when_the_text_names_none(tmp_path):
    d = tmp_path / "政府工作报告-其他地市" / "白城市"
    d.mkdir(parents=True)
    (d / "2019.md").write_text("各位代表：\n全市地区生产总值增长5%。\n", encoding="utf-8")
    r = gr.read_reports(d).iloc[0]
    assert (r["region"], r["level"], r["year"]) == ("白城市", "city", 2019)
    assert {"region_from_path", "year_from_path"} <= set(r["quality_flags"])


@pytest.mark.parametrize(
    "title_year, headings, year, corrected",
    [
        (2003, ["一、2003年工作回顾", "二、2004年工作安排"], 2004, True),  # titled by the year it reviews
        (2004, ["2004年工作回顾"], 2005, True),  # the plan heading glued into a paragraph
        (2005, ["一、“十五”工作回顾", "2006年工作"], 2006, True),
        (2015, ["一、“十二五”时期工作回顾", "二、“十三五”时期的奋斗目标"], 2016, True),  # a whole plan period reviewed
        (2016, ["一、“十二五”时期工作回顾", "二、“十三五”时期的奋斗目标"], 2016, False),
        (2009, ["2009年工作简要回顾"], 2010, True),  # (工作简要回顾 is no plan heading)
        (2023, ["一、2022年工作回顾", "二、2023年工作安排"], 2023, False),  # the usual case
        (2023, ["一、过去一年工作回顾", "二、2023年工作安排"], 2023, False),
        (2023, ["一、2023年工作回顾", "二、2023年工作安排"], 2023, False),  # contradictory: left alone
    ],
)
def test_undated_report_titled_by_the_year_it_reviews(tmp_path, title_year, headings, year, corrected):
    body = "\n\n".join(f"{h}\n\n全省地区生产总值增长{i + 5}%。" for i, h in enumerate(headings))
    f = tmp_path / "report.md"
    f.write_text(f"---\ntitle: {title_year}年某某省人民政府工作报告\n---\n\n各位代表：\n\n{body}\n", encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    assert r["year"] == year
    assert ("year_from_plan" in r["quality_flags"]) is corrected
    # a delivery date always wins
    f.write_text(f"---\ntitle: {title_year}年某某省人民政府工作报告\n---\n\n（{title_year}年1月20日）\n\n{body}\n",
                 encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    assert r["year"] == title_year and "year_from_plan" not in r["quality_flags"]


CORPUS_CASES = [
    ("政府工作报告-国务院/2023.md", "全国", "national", 2023, "李克强", "2023-03-05"),
    ("政府工作报告-国务院/2019.md", "全国", "national", 2019, "李克强", "2019-03-05"),
    ("政府工作报告-省自治区/云南省/2026.md", "云南省", "province", 2026, "王予波", "2026-01-28"),
    ("政府工作报告-主要城市/杭州市/2026.md", "杭州市", "city", 2026, "姚高员", "2026-01-21"),
    ("政府工作报告-其他地市/白城市/2021.md", "白城市", "city", 2021, "李明伟", "2021-01-12"),
    ("政府工作报告-其他地市/恩施土家族苗族自治州/2021.md", "恩施土家族苗族自治州", "city", 2021, None, "2021-01-19"),
    # undated, titled 2003年…政府工作报告 by the source site; it reviews 2003 and plans 2004
    ("政府工作报告-省自治区/四川省/2003.md", "四川省", "province", 2004, None, None),
]


@pytest.mark.corpus
@pytest.mark.parametrize("rel, region, level, year, speaker, date", CORPUS_CASES)
def test_corpus_metadata(corpus_dir, rel, region, level, year, speaker, date):
    r = gr.read_reports(corpus_dir / rel).iloc[0]
    assert (r["region"], r["level"], r["year"], r["date"]) == (region, level, year, date)
    if speaker:
        assert r["speaker"] == speaker


# --------------------------------------------------------------------------- docx, pdf, html

def test_docx(tmp_path, sample):
    text = sample["text"][3]
    f = tmp_path / "平湖镇.docx"
    _write_docx(f, text.split("\n"))
    got = gr.read_reports(f)
    assert got["text"].tolist() == [text]
    assert got["region"][0] == "平湖镇" and got["meta"][0]["format"] == "docx"


def test_docx_table_rows_keep_their_cell_boundaries(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for p in ["某市2023年政府工作报告", "各位代表：" + "现在我代表市人民政府向大会报告工作。" * 3]:
        d.add_paragraph(p)
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "2022年", "2023年"], ["增长率（%）", "12", "34"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.save(str(tmp_path / "t.docx"))
    text = gr.read_reports(tmp_path / "t.docx")["text"][0]
    # two numbers in neighbouring cells must not run together (1234)
    assert text.split("\n")[-2:] == ["指标| 2022年| 2023年", "增长率（%）| 12 | 34"]


def test_markdown_table_delimiter_rows_are_markup():
    from govreports.io._formats import strip_markdown

    md = "| 序号 | 事项 |\n| ------ | :----: |\n|---|---|\n| 1 | 改造 |\n"
    assert strip_markdown(md).split("\n") == ["| 序号 | 事项 |", "", "", "| 1 | 改造 |", ""]


def test_pdf_text_layer_is_reflowed(tmp_path, sample):
    pytest.importorskip("pdfplumber")
    text = sample["text"][1]
    f = tmp_path / "六镇镇.pdf"
    _write_pdf(f, text)
    got = gr.read_reports(f)
    assert got["text"].tolist() == [text]
    assert got["region"][0] == "六镇镇"


def test_pdf_without_text_layer_suggests_ocr(tmp_path):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f))
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(NoTextLayerError, match="OCR"):
        gr.read_reports(f)


def test_encrypted_pdf(tmp_path, sample):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    f = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(f), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.setFont("STSong-Light", 12)
    c.drawString(50, 800, sample["text"][1][:30])
    c.showPage()
    c.save()
    with pytest.raises(CorruptFileError, match="encrypted"):
        gr.read_reports(f)


HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - 某某镇人民政府网</title></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/news">新闻中心</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<div class="main"><h1>{title}</h1>
<div class="info">发布时间：2023-02-01 来源：镇政府办 浏览次数：120</div>
<div class="content" id="zoom">{body}</div>
<div class="tools"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
</div>
<div class="footer">版权所有：某某镇人民政府 网站标识码 1234567890 备案号：某ICP备00000000号</div>
<script>var x = "不是报告正文的脚本文字内容";</script>
</body></html>"""


def test_html_page_keeps_only_the_report_body(tmp_path, sample):
    text = sample["text"][2]
    title, *paras = text.split("\n")
    body = "".join(f"<p>\u3000\u3000{p}</p>\n" for p in paras)
    f = tmp_path / "report.html"
    f.write_text(HTML_PAGE.format(title=title, body=body), encoding="utf-8")
    got = gr.read_reports(f)
    assert got["text"][0] == "\n".join(paras)
    assert got["region"][0] == "泥溪镇" and got["year"][0] == 2023
    for junk in ("首页", "当前位置", "打印", "关闭", "版权所有", "脚本"):
        assert junk not in got["text"][0]


def test_html_without_report_body(tmp_path):
    f = tmp_path / "nav.html"
    f.write_text(HTML_PAGE.format(title="首页", body="<p>暂无内容</p>"), encoding="utf-8")
    with pytest.raises(NoReportsFoundError, match="no report body"):
        gr.read_reports(f)


# --------------------------------------------------------------------------- bad input

def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, type[ReportFileError]]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "archive.md").write_bytes(b"PK\x03\x04" + bytes(200))
    (tmp_path / "table.xlsx").write_bytes(b"x")
    (tmp_path / "broken.docx").write_bytes(b"not a zip at all")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage garbage")
    with zipfile.ZipFile(tmp_path / "notword.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    (tmp_path / "toc.txt").write_text(
        "目录\n1.甲镇2023年政府工作报告 2\n2.乙镇2023年政府工作报告 9\n", encoding="utf-8"
    )
    return {
        "missing": (tmp_path / "nope.txt", FileMissingError),
        "empty": (tmp_path / "empty.txt", EmptyFileError),
        "image": (tmp_path / "image.txt", BinaryFileError),
        "zip": (tmp_path / "archive.md", BinaryFileError),
        "unsupported": (tmp_path / "table.xlsx", UnsupportedFormatError),
        "docx_not_zip": (tmp_path / "broken.docx", CorruptFileError),
        "docx_not_word": (tmp_path / "notword.docx", CorruptFileError),
        "pdf_broken": (tmp_path / "broken.pdf", CorruptFileError),
        "toc_only": (tmp_path / "toc.txt", NoReportsFoundError),
    }


def test_each_bad_file_raises_its_error_naming_the_file(tmp_path):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("docx")
    for name, (path, err) in _bad_files(tmp_path).items():
        with pytest.raises(err) as info:
            gr.read_reports(path)
        assert str(info.value).startswith(str(path) + ": "), name
        assert "\n" not in str(info.value)


def test_collect_keeps_good_reports_and_lists_failures(tmp_path, sample):
    pytest.importorskip("pdfplumber")
    pytest.importorskip("docx")
    bad = _bad_files(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(sample["text"][0], encoding="utf-8")
    paths = [good] + [p for p, _ in bad.values()]
    got = gr.read_reports(paths, errors="collect")
    assert got["region"].tolist() == ["横沥镇"]
    failures = got.attrs["failures"]
    assert list(failures.columns) == ["path", "error", "reason"]
    assert sorted(failures["path"]) == sorted(str(p) for p, _ in bad.values())


def test_directory_without_reports(tmp_path):
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    with pytest.raises(NoReportsFoundError, match="no report files"):
        gr.read_reports(tmp_path)


def test_directory_walk_is_recursive_sorted_and_skips_readme(tmp_path, sample):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "x.txt").write_text(sample["text"][1], encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text(sample["text"][0], encoding="utf-8")
    (tmp_path / "README.md").write_text("# my corpus", encoding="utf-8")
    got = gr.read_reports(tmp_path)
    assert got["region"].tolist() == ["横沥镇", "六镇镇"]


def test_size_limit(tmp_path, sample):
    f = tmp_path / "big.txt"
    f.write_text(sample["text"][0], encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="over the limit"):
        gr.read_reports(f, limits=gr.Limits(max_bytes=1000))


def test_invalid_option():
    with pytest.raises(ValueError, match="valid options"):
        gr.read_reports([], errors="ignore")


def test_reports_from_texts_and_duplicate_ids(sample):
    got = gr.reports_from_texts({"a": sample["text"][0], "b": sample["text"][0]})
    assert got["report_id"].tolist() == ["2023_横沥镇", "2023_横沥镇_2"]
    assert got["source"].tolist() == ["a", "b"]


# --------------------------------------------------------------------------- the corpus

@pytest.mark.corpus
@pytest.mark.slow
def test_whole_corpus_reads_with_region_level_year(corpus_dir):
    reports = gr.read_reports(corpus_dir)
    assert len(reports) == 3004
    assert reports.attrs["failures"].empty
    assert reports["region"].notna().all()
    assert reports["level"].notna().all()
    assert reports["year"].notna().all()
    assert set(reports.loc[reports["level"] == "national", "region"]) == {"全国"}
    assert reports["report_id"].is_unique
    assert isinstance(reports, pd.DataFrame)


# --------------------------------------------------------------------------- metadata from the body
# The shapes local reports come in (written for the test): a web page's header, a
# session line broken across lines, a speaker line, a one-paragraph copy.


@pytest.mark.parametrize(
    "text, region, level, year, flag",
    [
        ("当前位置：首页 > 政务公开 > 十八里镇 > 政府工作报告\n发布机构：谯城区十八里镇\n发布日期：2014-11-26\n"
         "各位代表：\n现在，我代表镇人民政府向大会报告工作。\n过去一年，全镇经济平稳发展。",
         "十八里镇", "township", 2015, "year_from_published"),
        ("政府工作报告\n——2023年1月5日在霍山县\n第十八届人民代表大会第二次会议上\n罗文\n"
         "各位代表：\n现在，我代表县人民政府，向大会报告工作。",
         "霍山县", "county", 2023, None),
        ("政府工作报告\n五莲县县长 孙丽\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
         "2023年政府工作回顾\n刚刚过去的一年…",
         "五莲县", "county", 2024, "year_from_headings"),
        ("桥头镇2023年度政府工作报告各位代表:现在,我代表桥头镇人民政府,向大会报告工作,请予审议。一、2022年主要工作",
         "桥头镇", "township", 2023, None),
        ("(四川省)绵阳市安州区人民政府工作报告(2022年)\n2021年工作回顾\n过去一年，全区经济平稳。",
         "安州区", "county", 2022, None),
        ("政府工作报告\n——2013年3月6日在浚县十四届人民代表大会第二次会议上\n浚县人民政府县长 郑 辉\n各位代表：",
         "浚县", "county", 2013, None),
        ("天长市2016年政府工作报告\n各位代表：\n一、2015年工作回顾", "天长市", "county", 2016, None),
        ("2012年是雅瑶镇在挑战中加快发展的一年。一年来，我镇以新型城市化发展为抓手，雅瑶镇经济稳步发展。",
         "雅瑶镇", "township", 2013, "region_from_body"),
        # a county that names itself by its short name only; 建设 (a town's short name too) is a common word
        ("政府工作报告\n（2023年1月6日在县第十八届人民代表大会第二次会议上）\n各位代表：\n"
         "一、2022年工作回顾\n这一年，黎平发展势头强劲，建设项目加快，建设成效明显。黎平人民团结奋斗，黎平旅游持续升温。",
         "黎平县", "county", 2023, "region_from_body"),
        # a review heading with the year in Chinese numerals
        ("西安市雁塔区人民政府工作报告\n——在西安市雁塔区第十六届人民代表大会第五次会议上\n各位代表:\n"
         "二〇一四年工作回顾\n2014年,在市委、市政府和区委的坚强领导下,全区经济平稳。",
         "雁塔区", "county", 2015, "year_from_headings"),
        # the title of a street office's annual summary and plan
        ("西安市雁塔区大雁塔街道办事处2025年工作总结及2026年工作计划\n\n2025年,大雁塔街道在区委、区政府坚强领导下,"
         "全面推动各项事业提质增效。",
         "大雁塔街道", "township", 2026, "year_from_headings"),
        # an untitled annual summary opening with its year (以来) and looking back on one year
        ("2022年以来,在区委、区政府的正确领导下,未央宫街道以学习贯彻党的二十大精神为主线。\n一、年度目标任务完成情况\n"
         "一年来,街道统筹兼顾谋发展,未央宫街道各项工作取得新进展。",
         "未央宫街道", "township", 2023, "year_from_headings"),
        # a street office speaks for itself, not for the district whose agency it is
        ("2024年长寿路街道社区代表会议报告\n各位代表:\n现在,我代表普陀区人民政府长寿路街道办事处,向大会作报告,请予审议。\n"
         "一、2023年主要工作回顾\n长寿路街道在区委、区政府的坚强领导下,各项工作取得了长足进步。",
         "长寿路街道", "township", 2024, "region_from_header"),
        # a session in December plans for the next year
        ("政府工作报告\n——2021年12月20日在兴隆台区第十届人民代表大会第一次会议上\n各位代表：\n今年以来，全区经济平稳。",
         "兴隆台区", "county", 2022, "delivered_late_year"),
        # a copy titled by the year it reviews, with the term's review in the same heading
        ("旅顺口区2012年政府工作报告(全文)\n各位代表:\n本届政府于2007年12月组成,任期即将结束。\n"
         "2012年及过去五年政府工作回顾\n2012年是本届政府任期的最后一年。",
         "旅顺口区", "county", 2013, "year_from_plan"),
        # a repost's stamp (date and clock time) is not the session date below it
        ("2020年大竹县政府工作报告\n2021年09月17日 15:56   浏览:615\n2020年4月9日\n\n"
         "在大竹县第十八届人民代表大会第五次会议上\n各位代表:\n一、2019年工作回顾",
         "大竹县", "county", 2020, None),
        # a title and a session date in Chinese numerals
        ("测试县二〇二三年政府工作报告\n——二〇二三年一月十日在测试县第十八届人民代表大会第二次会议上\n各位代表：",
         "测试县", "county", 2023, None),
        # the year reviewed, named in the opening: 刚刚过去的, 即将过去的 (a December session), 回顾
        ("测试镇政府工作报告\n各位代表：\n刚刚过去的2022年，全镇经济平稳。", "测试镇", "township", 2023,
         "year_from_headings"),
        ("测试县政府工作报告\n各位代表：\n即将过去的2017年，全县经济平稳。", "测试县", "county", 2018,
         "year_from_headings"),
        ("测试镇政府工作报告\n各位代表：\n回顾2022年，我们在县委的领导下，全镇经济平稳。", "测试镇", "township", 2023,
         "year_from_headings"),
        # the plan names its year in a sentence or a heading
        ("测试镇政府工作报告\n各位代表：\n过去一年，全镇经济平稳。\n2023年，全镇经济社会发展的主要预期目标是：增长6%。",
         "测试镇", "township", 2023, "year_from_headings"),
        ("测试镇政府工作报告\n各位代表：\n一、过去一年工作回顾\n全镇经济平稳。\n二、2023年的工作\n",
         "测试镇", "township", 2023, "year_from_headings"),
        # a page's date: 【发布日期】, a bare date line, a date after the site's name; a month-only title-block line
        ("测试镇政府工作报告\n【发布日期】2023-01-10\n各位代表：\n过去一年，全镇经济平稳。", "测试镇", "township", 2023,
         "year_from_published"),
        ("测试镇人民政府 2023.01.10\n测试镇政府工作报告\n各位代表：\n过去一年，全镇经济平稳。",
         "测试镇", "township", 2023, "year_from_published"),
        ("测试镇政府工作报告\n（2023年1月）\n各位代表：\n过去一年，全镇经济平稳。", "测试镇", "township", 2023, None),
        # a report on the year's work (关于…2022年度工作情况的报告) plans the next
        ("关于测试镇2022年度工作情况的报告\n各位代表：\n现在，我代表测试镇人民政府报告工作。\n2022年，全镇经济平稳。",
         "测试镇", "township", 2023, "year_from_headings"),
        # a document site's copy: the summary's title on a line below the site's words
        ("分享\n庄桥街道2021年上半年工作总结和下半年工作思路.docx\n下载文档\n时间:2023-05-02\n"
         "上半年,街道完成财政总收入12.83亿元。", "庄桥街道", "township", 2021, "year_from_headings"),
        # the title names the unit with its prefecture, the session line the unit alone
        ("(湖北省)2025年恩施州咸丰县政府工作报告\n政府工作报告\n——2024年12月26日在咸丰县第十九届人民代表大会第四次会议上\n"
         "各位代表:\n一、2024年工作回顾", "咸丰县", "county", 2025, "delivered_late_year"),
        # a mid-year summary is of its own year
        ("中都街道2025年上半年工作总结\n今年以来,中都街道各项工作取得阶段性成效。\n一、2025年上半年工作总结\n"
         "1-5月,完成财税收入5545万元。",
         "中都街道", "township", 2025, "year_from_headings"),
        # undated and untitled: the year named by what it is, or the latest party plenum the text studies
        ("各位代表：\n现在，我代表测试镇人民政府向大会报告工作。\n过去的一年，是“十三五”收官之年。全镇经济平稳。",
         "测试镇", "township", 2021, "year_from_headings"),
        ("各位代表：\n现在，我代表测试镇人民政府向大会报告工作。\n今年是新中国成立70周年。全镇经济平稳。",
         "测试镇", "township", 2019, "year_from_headings"),
        ("各位代表：\n现在，我代表测试县人民政府向大会报告工作。\n20XX年，县政府全面贯彻党的十九大和十九届二中、三中、"
         "四中全会精神，较好地完成了县人大会议确定的目标任务。", "测试县", "county", 2020, "year_from_plenum"),
        # a report on the year's work and the next year's plan: the plan's year
        ("关于测试镇2022年工作情况和2023年工作安排的报告\n各位代表：\n现在，我代表测试镇人民政府报告工作。",
         "测试镇", "township", 2023, "year_from_headings"),
        # a text run into one paragraph: the review heading inline after the greeting
        ("测试县人民政府工作报告\n各位代表：现在，我代表县人民政府向大会报告工作。一、2022年工作回顾\n全县完成投资1亿元。",
         "测试县", "county", 2023, "year_from_headings"),
        # a year in Chinese numerals typed with a digit zero
        ("测试镇人民政府工作报告\n各位代表：\n二0二二年，全镇实现地区生产总值12亿元，增长5%。",
         "测试镇", "township", 2023, "year_from_headings"),
        # the year named by the party congress it is the year of, or the one after
        ("测试镇人民政府工作报告\n各位代表：\n一年来，全镇经济平稳。今年是党的二十大召开之年。",
         "测试镇", "township", 2022, "year_from_headings"),
        ("测试镇人民政府工作报告\n各位代表：\n一年来，全镇经济平稳。今年是全面贯彻落实党的二十大精神的开局之年。",
         "测试镇", "township", 2023, "year_from_headings"),
        # 明年是… is said at a December session, for that next year
        ("测试镇人民政府工作报告\n各位代表：\n一年来，全镇经济平稳。明年是“十四五”规划的开局之年。",
         "测试镇", "township", 2021, "year_from_headings"),
        # undated: a sentence led by the year planned, or (anywhere in the head) by the year reviewed
        ("测试镇人民政府工作报告\n各位代表：\n一年来，全镇实现地区生产总值12亿元。2023年，力争地区生产总值增长6%。",
         "测试镇", "township", 2023, "year_from_body"),
        ("测试镇人民政府工作报告\n各位代表：\n一年来，全镇经济平稳。" + "工业稳步增长。" * 60
         + "\n2022年，全镇完成投资5亿元。",
         "测试镇", "township", 2023, "year_from_body"),
        # a text run into one paragraph, titled by the year its review heading names (inline after a
        # sentence, or numbered after a page's date stamp): delivered the year after
        ("2018年海阳镇政府工作报告——在海阳镇第十九届人民代表大会第四次会议上各位代表:下面,我代表海阳镇人民政府向大会作"
         "工作报告,请予审议。一、2018年工作回顾过去的一年,全镇上下在县委的坚强领导下,经济平稳。",
         "海阳镇", "township", 2019, "year_from_plan"),
        ("灵峰街道办事处2024年度工作报告发布日期:2025-01-20 10:08:09一、2024年工作回顾2024年,街道经济平稳。",
         "灵峰街道", "township", 2025, None),
        # a copy titled by the year it reviews: its title is no plan heading, and a review heading may
        # name the plan period or the term with the year
        ("2017年政府工作报告\n崇明区人民政府区长\n各位代表:\n现在我代表崇明区人民政府,向大会报告政府工作。\n"
         "一、2017年工作回顾\n2017年是崇明区第一届区政府履职的开局之年。",
         "崇明区", "county", 2018, "year_from_plan"),
        ("2015年政府工作报告\n西湖区人民政府区长 梅茂发\n各位代表:\n现在,我代表西湖区人民政府,向大会作工作报告。\n"
         "一、2015年及“十二五”期间的工作回顾\n五年来，全区经济平稳。",
         "西湖区", "county", 2016, "year_from_plan"),
        ("2010年政府工作报告\n和林格尔县县长 吴志强\n各位代表:\n一、“十一五”时期和2010年工作回顾\n"
         "五年来，全县经济平稳。",
         "和林格尔县", "county", 2011, "year_from_plan"),
        ("2019年附城镇人民政府工作报告\n各位代表:\n一、2019年和今年以来工作回顾\n去年以来，全镇经济平稳。",
         "附城镇", "township", 2020, "year_from_plan"),
        ("宿城区2022年政府工作报告\n各位代表:\n关于2022年工作回顾\n过去的一年，全区经济平稳。",
         "宿城区", "county", 2023, "year_from_plan"),
        # a title block run into the speech on one line: its date (in brackets, or after the speaker)
        ("大坪镇人民政府工作报告（2019年1月10日）各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。"
         + "过去的一年，全镇经济平稳，民生持续改善。" * 12,
         "大坪镇", "township", 2019, None),
        ("大坪镇政府工作报告——在大坪镇第十届人民代表大会第三次会议上镇长 张三 2019年1月10日各位代表：现在，"
         + "我代表镇人民政府向大会报告工作。过去的一年，全镇经济平稳，民生持续改善。" * 8,
         "大坪镇", "township", 2019, None),
        # a document site's upload time is not when the report was published: the plenum it studies dates it
        ("庄桥街道工作报告.docx\n下载文档\n页数:11页\n时间:2023-05-02\n各位代表：\n一年来，我们深入学习贯彻"
         "党的十九大和十九届四中全会精神，全街道经济平稳。",
         "庄桥街道", "township", 2020, "year_from_plenum"),
        # undated, the title lost: the first paragraph led by a year tells what was done in it
        ("各位代表：\n2023年,全镇上下坚持以习近平新时代中国特色社会主义思想为指导,在县委、县政府和镇党委的坚强领导下,"
         "较好完成了年初确定的各项工作任务。\n（一）乡村振兴成效显著。",
         None, None, 2024, "year_from_headings"),
        ("各位代表：\n2011年,是实施“十二五”规划的第一年。在市委、市政府和区委的正确领导下,我们深入贯彻落实科学发展观。",
         None, None, 2012, "year_from_headings"),
        # … not a plan's opening (2023年，…我们将…: not the year after)
        ("各位代表：\n2023年，在县委的坚强领导下，我们将力争地区生产总值增长6%。",
         None, None, None, None),
        # undated: the months it reports on (a summary of January to November is delivered at the year's end)
        ("各位代表：\n现在，我代表测试镇人民政府向大会报告工作。\n2023年1-8月，全镇完成固定资产投资12亿元。",
         "测试镇", "township", 2023, "year_from_months"),
        ("各位代表：\n现在，我代表测试镇人民政府向大会报告工作。\n截至2023年11月底，全镇完成固定资产投资12亿元。",
         "测试镇", "township", 2024, "year_from_months"),
        # a mid-year title needs no 报告 (X县2023年上半年工作情况); a summary of a year's first
        # months led by 2023年以来 is of that year
        ("石门县人民政府2023年上半年工作情况\n上半年，全县地区生产总值完成120亿元，增长5%。",
         "石门县", "county", 2023, "year_from_headings"),
        ("太平镇前三季度工作总结\n2023年以来，全镇规上工业增加值增长5%。",
         "太平镇", "township", 2023, "year_from_months"),
        # titled by the year it reviews: the plan headed 明年, the next year's goals leading a sentence,
        # 刚刚过去的2022年, a plan heading of the next year's 主要目标
        ("太平镇2022年政府工作报告\n各位代表：\n今年以来，全镇完成地区生产总值12亿元。\n二、明年工作安排\n明年，力争增长6%。",
         "太平镇", "township", 2023, "year_from_plan"),
        ("太平镇2022年政府工作报告\n各位代表：\n2022年，全镇完成地区生产总值12亿元。2023年，力争地区生产总值增长6%。",
         "太平镇", "township", 2023, "year_from_plan"),
        ("太平镇2022年政府工作报告\n各位代表：\n刚刚过去的2022年，全镇完成地区生产总值12亿元，增长5%。",
         "太平镇", "township", 2023, "year_from_plan"),
        ("太平镇2022年政府工作报告\n各位代表：\n过去一年，全镇完成地区生产总值12亿元。\n二、2023年主要目标\n增长6%。",
         "太平镇", "township", 2023, "year_from_plan"),
        # a title run into the text (line breaks lost): its region, not a name inside a phrase (鲜明城镇区)
        ("新篁镇“十一五”工作总结及“十二五”工作规划一、2010年工作总结今年以来,全镇打造特色鲜明城镇区,完成财政收入1000万元。",
         "新篁镇", "township", 2011, "year_from_headings"),
        # titled by the year it reviews: the next year named by what it is, or the title year's months
        ("太平镇2022年政府工作报告\n各位代表：\n过去一年，全镇经济平稳。今年是全面贯彻党的二十大精神的开局之年。",
         "太平镇", "township", 2023, "year_from_plan"),
        ("太平镇2022年政府工作报告\n各位代表：\n2022年1-11月，全镇完成地区生产总值12亿元。",
         "太平镇", "township", 2023, "year_from_plan"),
        # a new congress's first session in the autumn, planning the next year
        ("太平镇人民政府工作报告\n——2021年10月12日在太平镇第十八届人民代表大会第一次会议上\n各位代表：\n"
         "一、过去五年工作回顾\n全镇经济平稳。\n二、2022年工作安排\n力争地区生产总值增长6%。",
         "太平镇", "township", 2022, "delivered_late_year"),
        # a document site's compilation of many towns' reports (乡镇2023年政府工作报告-35篇): its year, no region
        ("观山文库\n乡镇2023年政府工作报告-35篇(第27/35篇)\n各位代表：\n过去一年，全镇完成投资5亿元。",
         None, None, 2023, None),
        # a heading run into the session words (本届政府工作回顾 / 县十五届人大一次会议以来): no region
        # from it; the county the body names
        ("本届政府工作回顾\n县十五届人大一次会议以来,在中共东海县委的坚强领导下,东海县经济平稳。",
         "东海县", "county", None, "region_from_body"),
        # a page header's date in brackets, or among its labels
        ("太平镇工作总结\n[2022-06-20]\n上半年，全镇完成固定资产投资8亿元。",
         "太平镇", "township", 2022, "year_from_published"),
        ("太平镇工作总结\n来源：太平镇 | 2022-06-20 | 浏览：120\n上半年，全镇完成固定资产投资8亿元。",
         "太平镇", "township", 2022, "year_from_published"),
        # a page posted years after the session: the year the text leads a sentence with wins over
        # the publication date
        ("测试镇政府工作报告\n发布日期：2021-07-27\n各位代表：\n一年来，全镇经济平稳。2018年，力争地区生产总值增长6%。",
         "测试镇", "township", 2018, "year_from_body"),
        # a mid-year report's page published in November (成文日期: | 2021-11-18 |, a table row): its own year
        ("发布机构: | 旗发展和改革委员会 |\n成文日期: | 2021-11-18 | 发布日期: | 2021-11-18 |\n主任、各位委员:\n"
         "受测试旗人民政府委托，现向人大常委会报告。\n一、上半年国民经济和社会发展计划执行情况\n上半年，全旗地区生产总值完成59.0亿元。",
         "测试旗", "county", 2021, "year_from_published"),
        # titled by the year it reviews: 2023年是…，圆满完成了年初确定的各项目标任务 (so a report for 2024)
        ("解读《测试乡2023年政府工作报告》\n报告指出2023年是全面贯彻党的二十大精神的开局之年，乡人民政府"
         "坚持稳中求进，圆满完成了年初确定的各项目标任务。", "测试乡", "township", 2024, "year_from_plan"),
        # a street whose name holds 市 (蒲鞋市街道), in a title run into the text and in a page header
        ("蒲鞋市街道2020年工作总结及2021年工作思路\n一、2020年工作总结\n一年来，街道认真贯彻落实。",
         "蒲鞋市街道", "township", 2021, "region_from_header"),
        ("组配分类 计划总结 发布机构 蒲鞋市街道\n生成日期 2021-01-28\n\n一、2020年工作总结\n一年来，街道认真贯彻落实。",
         "蒲鞋市街道", "township", 2021, "region_from_header"),
        # undated: the review of a whole plan period (一、“十二五”时期工作回顾) is delivered for the year after it
        ("庐阳区人民政府工作报告\n各位代表：\n一、“十二五”时期工作回顾\n五年来，全区地区生产总值年均增长10%。",
         "庐阳区", "county", 2016, "year_from_headings"),
        # no title: a text opening with the review of a whole plan period is for the year after it
        ("“十三五”期间，我镇高质量发展全力推进。五年来，在区委、区政府和镇党委的正确领导下，圆满完成了各项目标任务。\n"
         "全镇地区生产总值年均增长6%。", None, None, 2021, "year_from_headings"),
        ("“十四五”时期，是我县发展进程中极不平凡的五年。全县上下团结奋进，较好完成了各项任务。", None, None, 2026,
         "year_from_headings"),
        # (a plan for a plan period names what it will do: no year from it)
        ("“十四五”时期，全县要坚持稳中求进，将加快推进产业升级。", None, None, None, None),
        # a year's review opening the text, with the months reported on at a December session (1-11月)
        ("2020年，面对新冠肺炎疫情的时代大考，芦浦镇坚持迎难而上，交出了两战两赢的优异答卷。\n"
         "1-11月，全镇实现规上工业产值45亿元。", "芦浦镇", "township", 2021, "year_from_headings"),
        # (扎实做好…工作 and 要事 are done, not planned)
        ("2021年，在市委、县委的正确领导下，县政府扎实做好六稳六保工作，办成了一批大事、要事，实现了良好开局。",
         None, None, 2022, "year_from_headings"),
        # the year named by an anniversary in Chinese numerals
        ("过去一年，是党和国家历史上具有里程碑意义的一年，我们隆重庆祝中国共产党成立一百周年。全县经济平稳。",
         None, None, 2022, "year_from_headings"),
        # a summary's heading, its year spaced (二、2024 年工作亮点与成效), and 2024年度工作总结
        ("青山镇各项工作稳步推进。\n二、2024 年工作亮点与成效\n全年种植粮食作物超万亩。", "青山镇", "township", 2025,
         "year_from_headings"),
        # a copy titled by the year it reviews: its summary heading, or an opening telling that year's deeds
        ("2016年望江街道办事处政府工作报告\n2016年工作总结\n2016年，望江街道在区委的正确领导下，经济平稳。",
         "望江街道", "township", 2017, "year_from_plan"),
        ("北坡镇2018年政府工作报告\n各位代表：\n2018年是改革开放40周年。一年来，在县委的坚强领导下，全镇圆满完成了"
         "各项任务。", "北坡镇", "township", 2019, "year_from_plan"),
        ("2018年南渡镇政府工作报告\n各位代表：现在，我代表镇人民政府向大会作工作报告。回顾2018，书写砥砺奋进精彩篇章。"
         "过去一年，全镇经济平稳。", "南渡镇", "township", 2019, "year_from_plan"),
        # summaries titled by the year they tell of: 工作完成情况, 经济运行情况, 工作回顾及…工作思路
        ("青山镇2023年工作完成情况\n今年以来，全镇上下团结一心。1-10月，全镇实现规上工业产值48.78亿元。",
         "青山镇", "township", 2024, "year_from_headings"),
        ("青山镇2023年工作回顾及2024年工作思路\n今年以来，全镇上下团结一心。", "青山镇", "township", 2024,
         "year_from_headings"),
        ("青山镇2023年上半年经济运行情况\n今年以来，全镇上下团结一心。", "青山镇", "township", 2023,
         "year_from_headings"),
        ("关于青山镇2023年工作情况的汇报\n今年以来，全镇上下团结一心。", "青山镇", "township", 2024,
         "year_from_headings"),
        # a text in a town's voice (我镇) that opens with the town's name: the town, not the city whose
        # firms it lists (贵溪市喜信泽机械厂) nor another 镇 it names once (新集镇农贸市场)
        ("鸿塘镇先后有多家企业落户我镇，已有4家企业进驻市工业园区（贵溪市喜信泽机械厂、贵溪市鹏鑫物流运输有限公司、"
         "贵溪市有色金属有限公司）。\n全镇统筹城乡一体化建设，投资60万元新建了新集镇农贸市场。",
         "鸿塘镇", "township", None, None),
        # a county-level city since made a district of its name (海门市, now 海门区): county level
        ("海门市2014年政府工作报告\n各位代表：\n一、2013年工作回顾\n全市实现地区生产总值900亿元。",
         "海门市", "county", 2014, None),
        # a summary of the year's first months opening with its year (…截至6月底, …上半年): that year
        ("2013年，我镇以三敢三创活动为载体，扎实推进各项工作。\n一、经济发展形势较好。截至6月底，全镇财税总收入"
         "累计完成419万元。上半年，我镇规模以上企业完成总产值37395万元。", None, None, 2013, "year_from_headings"),
        ("青山镇\n2023年以来，全镇上下团结一心，各项工作稳步推进。截至9月底，全镇实现规上工业产值48.78亿元。",
         "青山镇", "township", 2023, "year_from_months"),
    ],
)

def test_region_level_year_from_what_local_texts_say(tmp_path, text, region, level, year, flag):
    """Region, level and year of the shapes local texts come in (these lines condensed from texts of
    the local development set, or written for the test in shapes such pages take)."""
    f = tmp_path / "page.txt"
    f.write_text(text, encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    got = tuple(None if pd.isna(v) else v for v in (r["region"], r["level"], r["year"]))  # (NaN, <NA>: none)
    assert got == (region, level, year)
    if flag:
        assert flag in r["quality_flags"]


def test_a_title_earned_is_not_the_region(tmp_path):
    # 全省平安区称号 names an honour, not 平安区 (a district of 青海)
    f = tmp_path / "page.txt"
    f.write_text("2022年是本届政府开局之年。\n我区连续十三年保持全省平安区称号,经济平稳。\n区人大常委会。",
                 encoding="utf-8")
    assert gr.read_reports(f)["region"].iloc[0] != "平安区"


def test_a_place_of_another_level_or_a_common_word_is_not_the_region(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("各位代表：\n现在，我代表镇人民政府向大会报告工作。\n一、2018年工作回顾\n全镇（含青山河高新园区，下同）"
                 "工业经济稳定，高新园区建设加快，高新园区新增企业5家。建设成效明显，建设任务完成，建设项目落地。",
                 encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    assert r["region"] is None or pd.isna(r["region"])  # not 高新园区 (a township-level park), not 建设镇
    assert "no_region" in r["quality_flags"]


def test_a_chain_of_names_gives_the_last_as_region_and_the_rest_as_parent(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text("【杭州招商】2020年萧山区瓜沥镇政府工作报告\n所属地区:浙江-杭州\n发布日期:2025年07月08日\n"
                 "瓜沥镇第十八届人民代表大会第八次会议政府工作报告各位代表：", encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    assert (r["region"], r["year"], r["meta"]["parent"]) == ("瓜沥镇", 2020, "萧山区")
    assert r["date"] is None  # the page's 发布日期 is not the session date


def test_traditional_characters_and_pinyin_glosses(tmp_path):
    f = tmp_path / "mirror.txt"
    f.write_text("2013年文成縣人民政府工作報告\n各位代表：\n一、2012年工作回顧\n預計全年完成生產總值53億元，同比增長8%；"
                 "實(shí)現(xiàn)財(cái)政(zhèng)總(zǒng)收入6.39億元。", encoding="utf-8")
    r = gr.read_reports(f).iloc[0]
    assert r["region"] == "文成县" and "traditional" in r["quality_flags"]
    assert "生产总值53亿元" in r["text"] and "实现财政总收入6.39亿元" in r["text"]
    m = gr.extract_metrics(gr.read_reports(f))
    assert set(m["indicator"]) >= {"gdp", "fiscal_revenue"}


def test_a_repeated_title_opens_no_new_report(tmp_path):
    f = tmp_path / "docsite.txt"
    f.write_text("袁庄镇2009年政府工作报告\n\n袁庄镇2009年政府工作报告\n页数:16页\n各位代表：\n"
                 "2009年，我镇实现工农业生产总值82.16亿元。", encoding="utf-8")
    assert len(gr.read_reports(f)) == 1


def test_title_region_with_office_or_session_words():
    reps = gr.reports_from_texts([
        "2018杭州市上城区望江街道办事处政府工作报告\n\n2017年工作总结\n\n2017年，望江街道在区委、区政府的正确领导下……",
        "当前位置：主页 > 专题 > 两会 > 政府报告\n2012年苍山县两会《政府工作报告》\n"
        "各位代表：\n现在，我代表县人民政府向大会报告政府工作。",
        "辽宁省2001年省政府工作报告\n各位代表：",
    ])
    assert list(reps["region"]) == ["望江街道", "苍山县", "辽宁省"]
    assert list(reps["level"])[:2] == ["township", "county"]
    assert list(reps["year"]) == [2018, 2012, 2001]
