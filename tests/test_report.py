"""write_report and `govreports report`: a self-contained page whose every figure links to its sentence."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import govreports as gr
from govreports.present._report import ReportDataError, write_report


class _Page(HTMLParser):
    """Collects ids, links (href and text), image sources and per-id text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.images: list[str] = []
        self.scripts = 0
        self._href: str | None = None
        self._text: list[str] = []
        self._open_ids: list[tuple[str, str, int]] = []  # (id, tag, depth) of elements still open
        self._depth = 0
        self.text_of: dict[str, str] = {}
        self._id_text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "id" in a:
            self.ids.append(a["id"])
            if tag in ("tr", "section", "p", "table", "div"):
                self._open_ids.append((a["id"], tag, self._depth))
                self._id_text[a["id"]] = []
        if tag == "a" and "href" in a:
            self._href, self._text = a["href"], []
        if tag == "img":
            self.images.append(a["src"])
        if tag not in ("img", "meta", "br", "link"):
            self._depth += 1

    def handle_endtag(self, tag):
        if tag not in ("img", "meta", "br", "link"):
            self._depth -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None
        while self._open_ids and self._open_ids[-1][2] >= self._depth and self._open_ids[-1][1] == tag:
            ident, _, _ = self._open_ids.pop()
            self.text_of[ident] = "".join(self._id_text.pop(ident))

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        for ident, _, _ in self._open_ids:
            self._id_text[ident].append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample):
    out = tmp_path_factory.mktemp("report")
    index = write_report(sample, out)
    page = index.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(page)
    return out, index, page, parser


@pytest.fixture(scope="module")
def sample_panel(sample):
    return gr.panel(sample)


def test_writes_the_folder(built):
    out, index, _, _ = built
    assert index == out / "index.html" and index.is_file()
    assert (out / "metrics.csv").is_file() and (out / "panel.csv").is_file()
    assert sorted(p.suffix for p in (out / "figures").iterdir()) == [".png"] * len(list((out / "figures").iterdir()))
    # the page embeds a subset of the font; only its licence travels beside it
    assert not (out / "fonts" / "GovReportsSansSC-Regular.otf").exists()
    assert (out / "fonts" / "OFL.txt").is_file()


def test_page_names_every_region_and_the_national_target(built, sample):
    _, _, page, parser = built
    for region in sample["region"]:
        assert region in page
    nat = gr.load_national_targets().set_index("year")
    years = sorted(set(int(y) for y in sample["year"]))
    national = parser.text_of["national-target"]
    for year in years:
        target = nat.at[year, "gdp_target"]
        assert f"{year}: " in national and f"{target:g}%" in national
    # the GDP comparison table compares each region's target with it
    gdp = parser.text_of["compare-gdp"]
    assert "national target" in gdp and gdp.count(f"{nat.at[years[0], 'gdp_target']:g}%") >= len(sample)


def test_every_panel_figure_links_to_its_highlighted_sentence(built, sample, sample_panel):
    _, _, page, parser = built
    texts = dict(zip(sample["report_id"], sample["text"]))
    ids = set(parser.ids)
    links = set(parser.links)
    assert len(sample_panel) > 0
    for row in sample_panel.itertuples(index=False):
        surface = texts[row.report_id][row.start:row.end]
        anchor = f"ev-{row.report_id}-{row.start}"
        assert (f"#{anchor}", surface) in links, (anchor, surface)
        assert anchor in ids
        # the evidence row shows the sentence, with exactly this figure marked
        evidence = parser.text_of[anchor]
        assert row.sentence in evidence
    marks = re.findall(r'<tr id="(ev-[^"]+)">.*?<mark title="(\d+):(\d+)">(.*?)</mark>', page)
    by_anchor = {a: (int(s), int(e), text) for a, s, e, text in marks}
    for row in sample_panel.itertuples(index=False):
        start, end, text = by_anchor[f"ev-{row.report_id}-{row.start}"]
        assert (start, end) == (row.start, row.end)
        assert text == texts[row.report_id][row.start:row.end]


def test_every_internal_link_has_a_target_and_ids_are_unique(built):
    _, _, _, parser = built
    assert len(parser.ids) == len(set(parser.ids))
    internal = [href[1:] for href, _ in parser.links if href.startswith("#")]
    assert internal
    assert set(internal) <= set(parser.ids)


def test_flags_of_reports_and_of_figures(built, sample):
    _, _, _, parser = built
    # the sample card: the fifth report, 濮院镇, is cut off mid-sentence
    pu = sample[sample["region"] == "濮院镇"].iloc[0]
    assert "truncated" in pu["quality_flags"]
    for row in sample.itertuples(index=False):
        cells = parser.text_of[f"report-{row.report_id}"]
        for flag in row.quality_flags:
            assert flag in cells
        if not row.quality_flags:
            assert "truncated" not in cells
    assert "濮院镇" in parser.text_of["report-flags"] and "truncated" in parser.text_of["report-flags"]
    counts = gr.extract_metrics(sample)["quality_flags"].explode().dropna().value_counts()
    table = parser.text_of["figure-flag-counts"]
    for flag, n in counts.items():
        assert re.search(rf"{flag}\s*{n}", table), (flag, n)


def test_self_contained_relative_files(built):
    out, _, page, parser = built
    assert parser.images
    for src in parser.images:
        assert not re.match(r"^[a-z]+:|^/", src), src
        path = out / src
        assert path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {f"figures/{p.name}" for p in (out / "figures").iterdir()} == set(parser.images)
    assert parser.scripts == 0
    assert not re.search(r"(src|href)=\"(https?:)?//|url\((['\"]?)(https?:)?//", page)
    for href, _ in parser.links:
        if not href.startswith("#"):
            assert not re.match(r"^[a-z]+:|^/", href) and (out / href).is_file(), href
    face = re.search(r"@font-face\{font-family:'(GovReports Sans SC [0-9a-f]+)';src:url\(data:font/woff;base64,", page)
    assert face and f"body {{ font-family: '{face.group(1)}'," in page


def test_plots_cover_targets_levels_attention_and_words(built):
    _, _, _, parser = built
    names = {Path(src).stem for src in parser.images}
    assert {"targets_gdp_2023", "levels_gdp", "attention", "distinctive"} <= names


def test_csv_files_round_trip(built, sample, sample_panel):
    out, _, _, _ = built
    metrics = gr.extract_metrics(sample)
    m = pd.read_csv(out / "metrics.csv", keep_default_na=False)
    p = pd.read_csv(out / "panel.csv", keep_default_na=False)
    assert len(m) == len(metrics)
    assert len(p) == len(sample_panel)
    assert sorted(m["quality_flags"]) == sorted(";".join(f) for f in metrics["quality_flags"])
    assert any(";" in f for f in m["quality_flags"])  # a figure with two flags keeps both
    texts = dict(zip(sample["report_id"], sample["text"]))
    assert all(texts[r][s:e] for r, s, e in zip(p["report_id"], p["start"], p["end"]))


def test_deterministic_and_leaves_matplotlib_as_it_was(built, sample, tmp_path):
    import matplotlib
    import matplotlib.pyplot as plt

    out, _, _, _ = built
    family = list(matplotlib.rcParams["font.family"])
    open_figures = plt.get_fignums()  # other tests' figures, if any
    again = write_report(sample, tmp_path)
    assert again.read_bytes() == (out / "index.html").read_bytes()
    assert (tmp_path / "panel.csv").read_bytes() == (out / "panel.csv").read_bytes()
    for png in (out / "figures").iterdir():
        assert (tmp_path / "figures" / png.name).read_bytes() == png.read_bytes()
    assert list(matplotlib.rcParams["font.family"]) == family
    assert plt.get_fignums() == open_figures  # write_report closes every figure it made


def test_small_input_with_repeated_ids(tmp_path):
    texts = [
        "甲镇2023年政府工作报告\n各位代表：\n过去一年，全镇地区生产总值15.2亿元，增长4%。\n"
        "今年主要预期目标是：地区生产总值增长6%左右。",
        "乙镇2023年政府工作报告\n各位代表：\n过去一年，全镇地区生产总值8.5亿元，增长3%。\n"
        "今年主要预期目标是：地区生产总值增长7%以上。",
    ]
    reports = gr.reports_from_texts(texts)
    twice = pd.concat([reports, reports], ignore_index=True)
    index = write_report(twice, tmp_path, title="测试报告")
    page = index.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(page)
    assert "<title>测试报告</title>" in page
    assert len(parser.ids) == len(set(parser.ids))
    assert {h[1:] for h, _ in parser.links if h.startswith("#")} <= set(parser.ids)
    m = pd.read_csv(tmp_path / "metrics.csv")
    assert m["report_id"].nunique() == 4  # the repeats became _2 ids
    assert twice["report_id"].nunique() == 2  # the input is not changed


def test_csv_downloads_are_safe_to_open_in_a_spreadsheet(tmp_path):
    text = ("测试镇2023年政府工作报告\n各位代表：\n一、2022年工作回顾\n-全镇地区生产总值15.2亿元，增长-4%。\n"
            "今年主要预期目标是：地区生产总值增长6%左右。")
    write_report(gr.reports_from_texts([text]), tmp_path)
    m = pd.read_csv(tmp_path / "metrics.csv", dtype=str, keep_default_na=False)
    cells = [c for col in m.columns if col != "value" for c in m[col]]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert m["sentence"].str.startswith("'-").any()
    assert (pd.to_numeric(m["value"]) < 0).any()  # numbers stay numbers


def test_no_rows_is_an_error(sample, tmp_path):
    with pytest.raises(ReportDataError, match="no rows"):
        write_report(sample.iloc[0:0], tmp_path)
    assert not (tmp_path / "index.html").exists()


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    return subprocess.run([sys.executable, "-m", "govreports", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_cli_report_sample(tmp_path):
    out = tmp_path / "site"
    r = _run("report", "--sample", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out / "index.html")
    assert "Traceback" not in r.stderr
    assert (out / "index.html").is_file() and (out / "panel.csv").is_file()


def test_cli_report_bad_path_still_writes_the_good_inputs(tmp_path, sample):
    bad = tmp_path / "missing.md"
    out = tmp_path / "site"
    r = _run("report", "--sample", str(bad), "--out", str(out))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert [ln for ln in r.stderr.splitlines() if ln.startswith(str(bad))] == [f"{bad}: no such file or directory"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert all(region in page for region in sample["region"])


def test_page_compares_each_region_with_its_own_superior(built, sample):
    _, _, page, parser = built
    c = gr.compare(sample)
    table = parser.text_of["superiors-table"]
    for r in c.itertuples(index=False):
        assert r.region in table and r.superior_chain in page
    # 横沥镇 is under 东莞市, whose 2023 target (≥5.5%) comes from the bundled targets dataset
    hl = c.set_index("region").loc["横沥镇"]
    assert (hl["superior"], hl["superior_source"], hl["superior_target"]) == ("东莞市", "targets dataset", 5.5)
    assert "≥5.5% 东莞市" in parser.text_of["compare-gdp"]
    for source in ("your reports", "targets dataset", "State Council"):
        assert source in page  # the legend of sources


def test_every_flag_is_explained_where_it_appears(built, sample_panel):
    from govreports.schema import FIGURE_FLAGS

    _, _, page, _ = built
    flags = {f for fl in sample_panel["quality_flags"] for f in fl}
    assert flags  # the sample has estimates
    for flag in flags:
        meaning = FIGURE_FLAGS[flag]
        # the tooltip of the flag itself and the legend under the tables that show it
        assert f'title="{flag}: {meaning}' in page or f'title="{meaning}' in page
        assert f"<dt>{flag}</dt><dd>{meaning}</dd>" in page.replace("&#x27;", "'")


def test_levels_read_in_each_level_unit(built):
    _, _, _, parser = built
    fai = parser.text_of["compare-fixed_asset_investment"]
    # townships below 1亿元 in 万元 (六镇镇 6917万元, 平湖镇 0.99亿元), above in 亿元, digits as stated
    assert "6,917万元" in fai and "9,900万元" in fai and "60.56亿元" in fai and "1.26亿元" in fai
    assert "0.0" not in fai
