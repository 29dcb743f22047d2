"""Review sheets and corrections that survive re-runs."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import govreports as gr
from govreports.errors import GovReportsWarning, InvalidOptionError
from govreports.extract._review import REVIEW_COLUMNS


@pytest.fixture(scope="module")
def metrics(sample):
    return gr.extract_metrics(sample)


def _gdp_level(frame: pd.DataFrame, region: str = "横沥镇") -> pd.DataFrame:
    return frame[(frame["region"] == region) & (frame["indicator"] == "gdp") & (frame["kind"] == "actual")
                 & (frame["measure"] == "level")]


def test_sheet_columns_marks_and_order(metrics):
    sheet = gr.review_sheet(gr.panel(metrics))
    assert list(sheet.columns) == list(REVIEW_COLUMNS)
    row = _gdp_level(sheet).iloc[0]
    assert "【207.45亿元】" in row["sentence_marked"]
    assert row["verdict"] == "" and row["review_key"].endswith(":gdp")
    assert sheet["needs_review"].is_monotonic_decreasing  # the rows to look at first


def test_sheet_of_all_figures_puts_flagged_rows_first(metrics):
    sheet = gr.review_sheet(metrics)
    assert sheet["needs_review"].iloc[0]
    assert "milestone" in sheet.loc[sheet["needs_review"], "why"].str.cat()
    assert len(gr.review_sheet(metrics, only_needs_review=True)) == int(sheet["needs_review"].sum())


def test_a_rejected_headline_gives_way_and_the_verdict_survives_a_rerun(sample, metrics, tmp_path):
    sheet = gr.review_sheet(gr.panel(metrics), tmp_path / "sheet.csv")
    filled = pd.read_csv(tmp_path / "sheet.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    filled.loc[_gdp_level(filled).index, "verdict"] = "wrong"
    filled.to_csv(tmp_path / "filled.csv", index=False, encoding="utf-8-sig")
    # a re-run: the reports read again in another order, from the corrections file
    again = gr.extract_metrics(sample.iloc[::-1].reset_index(drop=True))
    p = gr.panel(again, corrections=tmp_path / "filled.csv")
    level = _gdp_level(p)
    assert level["value"].tolist() == [200.0] and level["needs_review"].tolist() == [True]
    assert len(sheet) == len(filled)


def test_fix_and_ok_verdicts(metrics):
    sheet = gr.review_sheet(gr.panel(metrics))
    target = sheet[(sheet["region"] == "平湖镇") & (sheet["indicator"] == "gdp") & (sheet["kind"] == "target")]
    fix = target.assign(verdict="fix", correct_value="9.5", note="read 9.5 in the printed copy")
    ok = _gdp_level(sheet).assign(verdict="ok")
    out = gr.apply_corrections(metrics, pd.concat([fix, ok]))
    fixed = out[out["quality_flags"].map(lambda f: "corrected" in f)]
    assert fixed["value"].tolist() == [9.5] and not fixed["needs_review"].any()
    assert out["quality_flags"].map(lambda f: "reviewed" in f).sum() == 1
    assert out.attrs["unmatched_corrections"].empty
    assert len(out) == len(metrics)  # nothing dropped


def test_corrections_whose_figure_is_gone_are_reported(metrics):
    stale = pd.DataFrame({"review_key": ["0123456789abcdef:10:14:gdp"], "verdict": ["ok"]})
    with pytest.warns(GovReportsWarning, match="no longer found"):
        out = gr.apply_corrections(metrics, stale)
    assert out.attrs["unmatched_corrections"]["review_key"].tolist() == ["0123456789abcdef:10:14:gdp"]


def test_a_bad_verdict_is_an_error(metrics):
    key = gr.review_sheet(gr.panel(metrics))["review_key"].iloc[0]
    with pytest.raises(InvalidOptionError, match="verdict"):
        gr.apply_corrections(metrics, pd.DataFrame({"review_key": [key], "verdict": ["maybe"]}))


def test_input_is_not_mutated(metrics):
    before = metrics.copy(deep=True)
    sheet = gr.review_sheet(gr.panel(metrics))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gr.apply_corrections(metrics, sheet.head(2).assign(verdict="wrong"))
    pd.testing.assert_frame_equal(metrics, before)


def test_a_sheet_is_safe_to_open_in_a_spreadsheet_and_reads_back_exactly(tmp_path):
    # a figure whose sentence opens with a dash (—/-, a list item) would run as a formula in Excel
    text = ("测试镇2023年政府工作报告\n各位代表：\n一、2022年工作回顾\n"
            "-全镇地区生产总值15.2亿元，增长4%。\n=全镇财政收入1.2亿元。")
    figures = gr.extract_metrics(gr.reports_from_texts([text]))
    gr.review_sheet(figures, tmp_path / "sheet.csv")
    raw = pd.read_csv(tmp_path / "sheet.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cells = [c for col in raw.columns for c in raw[col]]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any(c.startswith("'-") for c in cells) and any(c.startswith("'=") for c in cells)
    raw["verdict"] = "ok"
    raw.to_csv(tmp_path / "filled.csv", index=False, encoding="utf-8-sig")
    back = gr.read_corrections(tmp_path / "filled.csv")
    assert set(back["sentence_marked"]) == set(gr.review_sheet(figures)["sentence_marked"])  # apostrophes gone
