"""Cleaning: characters, junk, re-flow, truncation, decoding."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreports.errors import BinaryFileError, DecodeError, EmptyFileError
from govreports.io._clean import (
    clean_part_text,
    clean_text,
    decode_bytes,
    is_truncated,
    normalize_chars,
    remove_junk_lines,
)
from govreports.io._compilation import split_compilation


def test_fullwidth_digits_and_percent_are_normalised():
    assert normalize_chars("增长６．５％") == "增长6.5%"
    assert normalize_chars("ＧＤＰ") == "GDP"
    # Chinese punctuation keeps its full width
    assert normalize_chars("增长，达到：（一）") == "增长，达到：（一）"


def test_zero_width_and_control_characters_removed():
    assert normalize_chars("地区\u200b生产\ufeff总值\u200d") == "地区生产总值"


def test_spaces_inside_figures_removed():
    assert clean_text("实现工农业总值31.88 亿元，增长 7 %") == "实现工农业总值31.88亿元，增长7%"
    assert clean_text("增长 2 . 5 %") == "增长2.5%"


def test_spaces_next_to_chinese_are_removed_but_latin_words_keep_theirs():
    # Chinese has no word spaces; a line break at such a space loses it, so
    # the cleaned text must not depend on it (found re-wrapping 汕尾市/2022).
    assert clean_text("分别提高到39%、23% ；培育企业 613家， 新增") == "分别提高到39%、23%；培育企业613家，新增"
    assert clean_text("推进 GDP 核算，建设 5G 基站和 New York 路") == "推进GDP核算，建设5G基站和New York路"
    assert clean_text("| 1 | 交通领域 | 改造 |") == "| 1 |交通领域|改造|"


def test_reflow_puts_back_only_the_spaces_layout_removes():
    # A line break between two ASCII words stands for a space; between
    # Chinese, or at half-width punctuation, it stands for nothing.
    lines = ["\u3000\u3000" + "甲" * 20 + "New", "York" + "乙" * 19 + "。"] * 3
    assert clean_text("\n".join(lines)).split("\n")[0] == "甲" * 20 + "New York" + "乙" * 19 + "。"
    lines = ["\u3000\u3000" + "甲" * 20 + "3-", "5个" + "乙" * 19 + "。"] * 3
    assert clean_text("\n".join(lines)).split("\n")[0] == "甲" * 20 + "3-5个" + "乙" * 19 + "。"


def test_inline_numbered_item_at_a_line_start_is_not_a_paragraph():
    # With indented paragraphs an unindented （4） after a full line is the
    # wrapped rest of the paragraph, even when that line ended with 。
    lines = [
        "\u3000\u3000" + "甲" * 23, "甲" * 24 + "。", "（4）" + "乙" * 22, "乙" * 5 + "。", "\u3000\u3000（5）新段落。",
    ]
    want = ["甲" * 47 + "。（4）" + "乙" * 27 + "。", "（5）新段落。"]
    assert clean_text("\n".join(lines * 3)).split("\n") == want * 3


def test_blank_lines_and_indentation_are_dropped():
    assert clean_text("\u3000\u3000第一段。\n\n\n   第二段。  \n") == "第一段。\n第二段。"


def test_clean_text_is_idempotent(sample):
    for text in sample["text"]:
        assert clean_text(text) == text


def test_junk_lines_removed_but_report_lines_kept():
    lines = ["电脑桌面", "添加公寻网到电脑桌面", "镇2023年政府工作报告汇编(19篇)VIP专享VIP免费", "联系客服",
             "我们要打印出更好的成绩单,关闭落后产能。", "回到顶部"]
    kept, removed = remove_junk_lines(lines)
    assert kept == ["我们要打印出更好的成绩单,关闭落后产能。"]
    assert len(kept) + len(removed) == len(lines)


def test_a_part_is_cleaned_as_clean_text_cleans_it():
    # clean_part_text skips the junk test of a compilation part's lines (remove_junk_lines kept
    # them) only while normalising leaves the text as it was: ＶＩＰ专享 is junk once narrowed
    units = ["收藏", "打印", "全县生产总值增长５％。", "各位代表：", " ", "", "\u3000甲。", "分享到：微信",
             "1．当您付费下载", "ＶＩＰ专享", "收\u200b藏", "甲镇2023年政府工作报告", "增长5%。", "\r"]
    rng = random.Random(5)
    for _ in range(3_000):
        text = "\n".join(rng.choice(units) for _ in range(rng.randint(0, 12)))
        for part in split_compilation(text).parts:
            joined = "\n".join(part.lines)
            assert clean_part_text(joined) == clean_text(joined), joined


@pytest.mark.parametrize(
    "ending, truncated",
    [
        ("为建设美丽家园而努力奋斗！", False),
        ("为建设美丽家园而努力奋斗!", False),
        ("让我们“奋进新征程”。”", False),
        ("而努力奋斗！（某某日报）", False),
        ("而努力奋斗！\n（本文有删减）", False),
        ("而努力奋斗！\n来源：某某新闻网", False),
        ("而努力奋斗！\n二〇〇二年十二月三日", False),
        ("附件：名词解释\n1. 某某工程项目", False),
        ("(五)以人为本、以利惠民,夯实高水平民生保", True),
        ("全市人民要进一步团结起来，为", True),
    ],
)
def test_truncation(ending, truncated):
    assert is_truncated("各位代表：\n" + ending) is truncated


def _paragraph_wrap(text: str, width: int, *, indent: bool, split_numbers: bool = False) -> str:
    """Hard-wrap paragraphs the way PDF text extraction returns them.

    Written for the tests: wraps every ``width`` columns (CJK two columns),
    never inside a word of ASCII letters (nor inside a number unless
    ``split_numbers``: a Chinese layout may break 1069 after its 1), numbers
    every 30 lines a page.
    Paragraphs start indented (公文 layout) or, without indentation, are
    separated by a blank line: with neither, a paragraph ending on a full
    line cannot be told from a line break, by a program or a person.
    """
    out: list[str] = []
    for para in text.split("\n"):
        line = "\u3000\u3000" if indent else ""
        col = 4 if indent else 0
        for ch in para:
            w = 2 if ord(ch) > 0x2E80 else 1
            whole = ch.isascii() and ch.isalnum() and line[-1:].isascii() and line[-1:].isalnum()
            if split_numbers and ch.isdigit() and line[-1:].isdigit():
                whole = False
            if col + w > width and not whole:
                out.append(line)
                line, col = "", 0
            line += ch
            col += w
        out.append(line)
        if not indent:
            out.append("")
    paged: list[str] = []
    for i, ln in enumerate(out, 1):
        paged.append(ln)
        if i % 30 == 0:
            paged.append(f"- {i // 30} -")
    return "\n".join(paged)


@pytest.mark.parametrize("indent", [True, False])
@pytest.mark.parametrize("width", [40, 66])
def test_pdf_style_wrapping_is_reflowed(sample, indent, width):
    for text in sample["text"]:
        wrapped = _paragraph_wrap(text, width, indent=indent)
        assert wrapped != text
        assert clean_text(wrapped) == text


@pytest.mark.parametrize("width", [40, 41, 66, 67])
def test_numbers_broken_by_the_layout_are_joined(sample, width):
    # a full line may end inside a number (成交额 1 / 069 亿元): the digits are one number
    for text in sample["text"]:
        wrapped = _paragraph_wrap(text, width, indent=True, split_numbers=True)
        assert clean_text(wrapped) == text
    lines = ["\u3000\u3000" + "甲" * 20 + "成交额1", "069亿元" + "乙" * 19 + "。"] * 3
    assert clean_text("\n".join(lines)).split("\n")[0] == "甲" * 20 + "成交额1069亿元" + "乙" * 19 + "。"


def test_a_ragged_layout_broken_between_chinese_characters_is_joined():
    # a document site's copy: lines of uneven width, one broken inside a name (农村常住 / 居民…)
    full = "甲" * 40 + "乙，"
    lines = ["一、2015年工作回顾", full, "预计完成固定资产投资165.8亿元,增长14.3%;农村常住",
             "居民人均可支配收入14632元,增长10.2%。", full, full + "丙。"]
    out = clean_text("\n".join(lines)).split("\n")
    assert out[0] == "一、2015年工作回顾"  # a heading stays its own line
    assert "农村常住居民人均可支配收入14632元" in out[1]


def test_unwrapped_text_is_not_reflowed(sample):
    # The web copy has one paragraph per line: nothing may be joined.
    text = sample["text"][0]
    assert clean_text(text).count("\n") == text.count("\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_decode_encodings(sample, encoding):
    text = sample["text"][1]
    assert decode_bytes(text.encode(encoding)).text == text


def test_decode_utf16_without_bom(sample):
    text = sample["text"][1]
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_decode_rejects_other_encodings(sample):
    # Shift-JIS bytes are not UTF-8 and read as nonsense in GB18030.
    text = "東京都の政府工作報告では、経済成長率の目標を設定しました。" * 20
    with pytest.raises(DecodeError, match="re-save it as UTF-8"):
        decode_bytes(text.encode("shift_jis"), path="x.txt")


def test_decode_errors_name_the_file():
    with pytest.raises(EmptyFileError, match="^a.txt: empty file$"):
        decode_bytes(b"  \n", path="a.txt")
    with pytest.raises(BinaryFileError, match="PNG"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100), path="b.txt")
    with pytest.raises(BinaryFileError, match="zip"):
        decode_bytes(b"PK\x03\x04" + bytes(100), path="c.txt")
    with pytest.raises(BinaryFileError, match="NUL"):
        decode_bytes(bytes(range(256)) * 20, path="d.txt")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=4), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_reencoding_never_changes_cleaned_text(sample, i, encoding):
    text = sample["text"][i]
    assert clean_text(decode_bytes(text.encode(encoding)).text) == text


def test_utf16_bom_constants_are_detected():
    assert decode_bytes(codecs.BOM_UTF16_BE + "各位代表".encode("utf-16-be")).text == "各位代表"
