"""Tests of govreports.locate: the bundled gazetteer and locating reports in it."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from govreports.datasets import load_gazetteer
from govreports.errors import InvalidOptionError, MissingColumnsError
from govreports.io._locate import CONFIDENCES, LOCATE_COLUMNS, locate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_d2fc8c44b527f0e4.txt"
CORPUS = SHARED / "corpora" / "lawtext-gov"

# Gold, made by reading each report of the seed (the codes are then looked up in the
# NBS 2023 list):
# - 横沥镇 speaks of 东莞 (17 times), of 松山湖 and 东坑 -- 东莞市, which has no counties.
# - 六镇镇 names no superior (only 县委县政府), but every village it names (小集社区,
#   柴岗, 郑桥, 大张, 赵店 ...) is a village of 六镇镇 in 全椒县 in the NBS village list;
#   it is also the only 六镇镇 in China.
# - 泥溪镇 closes with 建设“三美东至”, its firms are 安徽… companies, and it works on
#   the 龙泉河 (东至县's 龙泉镇 is upstream) -- 东至县, 池州市, 安徽省.
# - 平湖镇 speaks of 古田 (15 times) and 宁德 -- 古田县, 宁德市, 福建省.
# - 濮院镇 speaks of 桐乡 and 嘉兴 -- 桐乡市, 嘉兴市, 浙江省.
SEED_GOLD = {
    "横沥镇": ("广东省", "东莞市", "", "441900106000", "东莞"),
    "六镇镇": ("安徽省", "滁州市", "全椒县", "341124109000", None),
    "泥溪镇": ("安徽省", "池州市", "东至县", "341721111000", "东至"),
    "平湖镇": ("福建省", "宁德市", "古田县", "350922101000", "古田"),
    "濮院镇": ("浙江省", "嘉兴市", "桐乡市", "330483101000", "桐乡"),
}

LEVEL_OF_FOLDER = {
    "政府工作报告-省自治区": "province",
    "政府工作报告-主要城市": "city",
    "政府工作报告-其他地市": "city",
}


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    base = {"report_id": "", "region": "", "level": "township", "year": 2023, "title": "",
            "text": ""}
    return pd.DataFrame([{**base, "report_id": f"r{i}", **row} for i, row in enumerate(rows)])


@pytest.fixture(scope="module")
def gazetteer() -> pd.DataFrame:
    return load_gazetteer()


@pytest.fixture(scope="module")
def seed_reports() -> pd.DataFrame:
    if not SEED.is_file():
        pytest.skip(f"seed not available: {SEED}")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    # A report starts at a line that is exactly its title; the table of contents has
    # the same titles with numbers and page numbers, the page footer repeats the
    # compilation's name.
    starts = [(i, m.group(1)) for i, line in enumerate(lines)
              if (m := re.fullmatch(r"(\S+镇)2023年政府工作报告", line.strip()))]
    footer = next(i for i, line in enumerate(lines) if i > starts[-1][0]
                  and line.strip().startswith("镇2023年政府工作报告汇编"))
    ends = [s for s, _ in starts[1:]] + [footer]
    rows = [{"region": name, "level": "township", "title": lines[s].strip(),
             "text": "\n".join(lines[s + 1:e]).strip()}
            for (s, name), e in zip(starts, ends)]
    frame = _frame(rows)
    if set(frame["region"]) != set(SEED_GOLD):
        pytest.skip("seed does not hold the five expected reports")
    return frame


# --- the gazetteer ---------------------------------------------------------------

def test_gazetteer_levels_and_codes(gazetteer: pd.DataFrame) -> None:
    counts = gazetteer["level"].value_counts()
    assert counts["province"] == 31
    assert counts["city"] == 333
    assert counts["county"] > 2_900
    assert counts["township"] > 40_000
    assert gazetteer["code"].str.fullmatch(r"\d{12}").all()
    assert gazetteer["code"].is_unique
    assert gazetteer["code"].is_monotonic_increasing


def test_gazetteer_parents_are_higher_units(gazetteer: pd.DataFrame) -> None:
    rank = {"province": 0, "city": 1, "county": 2, "township": 3}
    level_of = dict(zip(gazetteer["code"], gazetteer["level"]))
    child = gazetteer[gazetteer["parent_code"] != ""]
    assert (gazetteer.loc[gazetteer["parent_code"] == "", "level"] == "province").all()
    parent_rank = child["parent_code"].map(level_of).map(rank)
    assert parent_rank.notna().all()
    assert (parent_rank < child["level"].map(rank)).all()


def test_gazetteer_cities_without_counties(gazetteer: pd.DataFrame) -> None:
    for city in ("东莞市", "中山市"):
        code = gazetteer.loc[(gazetteer["name"] == city) & (gazetteer["level"] == "city"), "code"]
        assert len(code) == 1
        towns = gazetteer[gazetteer["parent_code"] == code.iloc[0]]
        assert len(towns) > 20
        assert (towns["level"] == "township").all()
        assert (towns["county"] == "").all()
        assert not ((gazetteer["level"] == "county") & (gazetteer["name"] == city)).any()


@pytest.mark.parametrize(("name", "short"), [
    ("东莞市", "东莞"), ("桐乡市", "桐乡"), ("宁德市", "宁德"), ("全椒县", "全椒"),
    ("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"), ("延边朝鲜族自治州", "延边"),
    ("双江拉祜族佤族布朗族傣族自治县", "双江"), ("鄂温克族自治旗", "鄂温克"), ("横沥镇", "横沥"),
])
def test_gazetteer_short_names(gazetteer: pd.DataFrame, name: str, short: str) -> None:
    assert set(gazetteer.loc[gazetteer["name"] == name, "short_name"]) == {short}


def test_gazetteer_everyday_words_are_not_counted(gazetteer: pd.DataFrame) -> None:
    mention = dict(zip(gazetteer["name"], gazetteer["mention"]))
    assert mention["平安区"] == "平安区"  # 平安 is an everyday word (平安建设)
    assert mention["古田县"] == "古田"
    assert mention["城区"] == ""


# --- the five seed townships -------------------------------------------------------

def test_seed_townships_resolve_to_their_true_place(seed_reports: pd.DataFrame) -> None:
    out = locate(seed_reports)
    for _, row in out.iterrows():
        province, city, county, code, named = SEED_GOLD[row["region"]]
        assert (row["province"], row["city"], row["county"], row["division_code"]) == (
            province, city, county, code), row["region"]
        assert row["locate_confidence"] in {"exact", "resolved"}
        assert row["locate_evidence"]
        if named is not None:
            # What decided is what the text says.
            assert named in row["text"]
            assert f"{named}×" in row["locate_evidence"]


def test_seed_shared_names_are_resolved_by_evidence(seed_reports: pd.DataFrame) -> None:
    out = locate(seed_reports).set_index("region")
    for region in ("横沥镇", "泥溪镇"):  # 3 and 4 townships of these names exist
        assert out.loc[region, "locate_confidence"] == "resolved"
        assert len(out.loc[region, "locate_candidates"].split("|")) >= 3
    assert out.loc["六镇镇", "locate_confidence"] == "exact"


def test_seed_hint_overrides_text(seed_reports: pd.DataFrame) -> None:
    out = locate(seed_reports, hints={"泥溪镇": "云阳县", "平湖镇": "350922"}).set_index("region")
    assert out.loc["泥溪镇", "division_code"].startswith("500235")
    assert out.loc["泥溪镇", "city"] == "重庆市"
    assert out.loc["泥溪镇", "locate_confidence"] == "hint"
    assert out.loc["平湖镇", "locate_confidence"] == "hint"
    assert out.loc["平湖镇", "division_code"] == SEED_GOLD["平湖镇"][3]


# --- synthetic reports -------------------------------------------------------------

def test_shared_name_without_evidence_is_ambiguous() -> None:
    out = locate(_frame([{"region": "城关镇", "text": "在县委、县政府的坚强领导下，全镇经济稳步增长。"}]))
    row = out.iloc[0]
    assert row["locate_confidence"] == "ambiguous"
    assert row["division_code"] == ""
    candidates = row["locate_candidates"].split("|")
    assert len(candidates) > 50
    assert all(re.fullmatch(r"\d{12}", c) for c in candidates)
    assert row["province"] == ""  # they lie in many provinces


def test_shared_name_with_superiors_named_is_resolved(gazetteer: pd.DataFrame) -> None:
    towns = gazetteer[(gazetteer["name"] == "城关镇") & (gazetteer["county"] != "")]
    for _, target in towns.iloc[::10].iterrows():
        text = (f"{target['city']}{target['county']}城关镇。在{target['county']}委、"
                f"{target['county']}政府的坚强领导下，全镇经济稳步增长。")
        out = locate(_frame([{"region": "城关镇", "text": text}]))
        assert out.loc[0, "locate_confidence"] == "resolved", out.loc[0, "locate_evidence"]
        assert out.loc[0, "division_code"] == target["code"]
        assert "×" in out.loc[0, "locate_evidence"]


def test_one_stray_name_does_not_decide(gazetteer: pd.DataFrame) -> None:
    target = gazetteer[(gazetteer["name"] == "城关镇") & (gazetteer["county"] != "")].iloc[0]
    text = f"学习{target['county']}的经验，全镇经济稳步增长。"
    out = locate(_frame([{"region": "城关镇", "text": text}]))
    assert out.loc[0, "locate_confidence"] == "ambiguous"
    assert "too weak" in out.loc[0, "locate_evidence"]


def test_hints_by_name_code_and_report_id() -> None:
    frame = _frame([{"region": "城关镇"}, {"region": "城关镇"}, {"region": "沙溪镇"}])
    out = locate(frame, hints={"r0": "霍邱县", "r1": "341523", "沙溪镇": "中山"})
    assert list(out["locate_confidence"]) == ["hint", "hint", "hint"]
    assert list(out["county"][:2]) == ["霍邱县", "舒城县"]
    assert out.loc[2, "city"] == "中山市"
    assert out.loc[2, "division_code"].startswith("442000")


def test_hint_that_matches_nothing_warns_and_is_ignored() -> None:
    with pytest.warns(UserWarning, match="matches no candidate"):
        out = locate(_frame([{"region": "城关镇"}]), hints={"城关镇": "杭州市"})
    assert out.loc[0, "locate_confidence"] == "ambiguous"
    assert "ignored" in out.loc[0, "locate_evidence"]


@pytest.mark.parametrize(("region", "level", "code", "confidence"), [
    ("浙江省", "province", "330000000000", "exact"),
    ("内蒙古", "province", "150000000000", "exact"),
    ("杭州市", "city", "330100000000", "exact"),
    ("杭州", "city", "330100000000", "exact"),
    ("日喀则地区", "city", "540200000000", "exact"),  # a 地区 until 2014
    ("北京市", "city", "110000000000", "exact"),  # municipality: provincial code
    ("桐乡市", "county", "330483000000", "exact"),
    ("古田县平湖镇", "township", "350922101000", "exact"),
    ("浦阳镇人民政府", "township", "330109103000", "exact"),  # 人民政府 is dropped
    ("全国", "national", "", "national"),
    ("乌有乡", "township", "", "not_found"),
])
def test_levels(region: str, level: str, code: str, confidence: str) -> None:
    out = locate(_frame([{"region": region, "level": level}]))
    assert out.loc[0, "locate_confidence"] in CONFIDENCES
    assert out.loc[0, "locate_confidence"] == confidence
    assert out.loc[0, "division_code"] == code


def test_province_and_city_columns() -> None:
    out = locate(_frame([{"region": "北京市", "level": "city"},
                         {"region": "杭州市", "level": "city"}]))
    assert list(out["province"]) == ["北京市", "浙江省"]
    assert list(out["city"]) == ["北京市", "杭州市"]
    assert list(out["county"]) == ["", ""]


def test_returns_new_frame_and_keeps_input() -> None:
    frame = _frame([{"region": "濮院镇", "text": "桐乡"}, {"region": "全国", "level": "national"}])
    frame.index = [10, 20]
    before = frame.copy()
    out = locate(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out is not frame
    assert list(out.columns) == list(frame.columns) + list(LOCATE_COLUMNS)
    assert list(out.index) == [10, 20]
    assert out.loc[10, "locate_evidence"] == "unique name; text mentions 桐乡×1"


def test_missing_level_searches_all_levels() -> None:
    out = locate(_frame([{"region": "浙江省", "level": None}, {"region": "全国", "level": None}]))
    assert list(out["locate_confidence"]) == ["exact", "national"]


def test_input_errors() -> None:
    with pytest.raises(MissingColumnsError, match="text"):
        locate(pd.DataFrame({"region": ["浙江省"], "level": ["province"]}))
    with pytest.raises(InvalidOptionError, match="prefecture"):
        locate(_frame([{"region": "杭州市", "level": "prefecture"}]))


# --- the real corpus ---------------------------------------------------------------

@pytest.mark.corpus
def test_corpus_regions_resolve() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not available: {CORPUS}")
    rows = []
    for folder, level in [*LEVEL_OF_FOLDER.items(), ("政府工作报告-国务院", "national")]:
        for path in sorted((CORPUS / folder).rglob("*.md")):
            region = "全国" if level == "national" else path.parent.name
            rows.append({"report_id": str(path.relative_to(CORPUS)), "region": region,
                         "level": level, "year": path.stem, "title": "",
                         "text": path.read_text(encoding="utf-8", errors="replace")})
    reports = pd.DataFrame(rows)
    assert len(reports) > 3_000
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = locate(reports)
    located = out["locate_confidence"].isin(["exact", "resolved", "national"])
    regions = out.drop_duplicates("region")
    failures = regions.loc[~regions["locate_confidence"].isin(["exact", "resolved", "national"]),
                           ["region", "level", "locate_confidence", "locate_evidence"]]
    rate = located.mean()
    print(f"\ncorpus: {located.sum()}/{len(out)} reports located ({rate:.2%}); "
          f"{len(regions) - len(failures)}/{len(regions)} regions; failures:\n"
          + failures.to_string(index=False))
    assert rate >= 0.99, failures.to_string()
    assert (out.loc[out["level"] == "national", "locate_confidence"] == "national").all()
    # Every unlocated region is one the 2023 gazetteer lacks, never an ambiguous one.
    assert (failures["locate_confidence"] == "not_found").all()
    municipalities = out[out["region"].isin(["北京市", "天津市", "上海市", "重庆市"])]
    assert municipalities["division_code"].str.endswith("0000000000").all()
    assert (municipalities["province"] == municipalities["region"]).all()
    # The located unit is the one named, at the level of its folder.
    gaz = load_gazetteer().set_index("code")
    ok = out[out["division_code"] != ""]
    names = ok["division_code"].map(gaz["name"])
    assert (names == ok["region"]).all()


def test_the_units_read_from_the_gazetteer_lines_are_its_csv_rows():
    from govreports.datasets._divisions import division_rows
    from govreports.io._locate import _gazetteer

    header, rows = division_rows()  # the csv module's reading of the file
    gaz = _gazetteer()
    assert list(gaz.units) == [row[0] for row in rows]
    assert all(tuple(gaz.units.fields(row[0])) == row for row in rows)
    children: dict[str, list[str]] = {}
    for row in rows:
        if row[header.index("parent_code")]:
            children.setdefault(row[header.index("parent_code")], []).append(row[0])
    assert gaz.children == children
    city = {}
    for row in rows:
        if row[header.index("level")] == "city":
            city.setdefault(row[header.index("short_name")], []).append(row[0])
    assert all(gaz.by_short.get(("city", name)) == codes for name, codes in city.items())


@pytest.mark.parametrize("body", [
    "110000000000,北京市,北京,北京市,4.10,province,,北京市,北京市\n",  # a field missing
    "110000000000,北京市,北京,北京市,4.10,province,,北京市,北京市,,\n",  # one too many
    "110000000000,北京市,北京,北京市,4.10,provinz,,北京市,北京市,\n",  # not a level
    "110000000000,北京市,北京,北京市,4.10,province,,北京市,北京市,\n" * 2,  # a code twice
])
def test_malformed_gazetteer_lines_are_refused_with_the_way_to_rebuild(body):
    from govreports.errors import GovReportsError
    from govreports.io._locate import _Units

    assert len(_Units("110000000000,北京市,北京,北京市,4.10,province,,北京市,北京市,\n")) == 1
    with pytest.raises(GovReportsError, match="build_gazetteer"):
        _Units(body)
