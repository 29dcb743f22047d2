"""Tests for the shipped lexicons in govreports/datasets/.

Format checks always run.  Corpus-backed checks read the shared material
beside the checkout (``../shared``) and skip cleanly when it is absent.
Nothing here imports tools/build_lexicons.py: the counts are re-derived with
independent code so that a bug in the build script cannot hide itself.
"""

from __future__ import annotations

import logging
import re
import string
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from govreports.text._themes import THEME_IDS as _THEME_IDS

if TYPE_CHECKING:  # jieba is imported inside fixtures only
    import jieba

REPO = Path(__file__).resolve().parents[1]
LEXICONS = REPO / "govreports" / "datasets"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "lawtext-gov"
SEED = SHARED / "seeds" / "000_d2fc8c44b527f0e4.txt"

THEME_IDS = set(_THEME_IDS)  # the one list: govreports.themes
STOP_BLOCKS = {"function_words", "figure_context", "punctuation", "report_boilerplate", "generic_verbs"}
# Coverage the dictionary promises (from the lexicon brief); not measured values.
CORE_TERMS = """乡村振兴 高质量发展 营商环境 专精特新 雨污分流 河长制 林长制 一般公共预算收入 规上工业增加值
规模以上工业增加值 社会消费品零售总额 固定资产投资 地区生产总值 共同富裕 新质生产力 放管服 供给侧结构性改革
双循环 碳达峰 碳中和 人居环境整治 厕所革命 基层治理 网格化管理 一网统管 一网通办 最多跑一次 村集体经济
高标准农田 粮食安全 耕地保护 专项债券 招商引资 新型城镇化 城市更新 老旧小区改造 未来社区 数字经济 疫情防控
安全生产 扫黑除恶 全面从严治党 八项规定""".split()
# Report title lines in the seed compilation, e.g. "横沥镇2023年政府工作报告" (the table of
# contents repeats them with a page number or an index, which this pattern excludes).
SEED_TITLE = re.compile(r"^\s*([\u4e00-\u9fff]{1,8}?镇)(?:人民政府)?\d{4}年政府工作报告\s*$", re.M)


# ---------------------------------------------------------------------------
# readers (deliberately independent of tools/build_lexicons.py)
# ---------------------------------------------------------------------------


def _tsv(name: str) -> tuple[list[str], list[list[str]]]:
    lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
    return lines[0].split("\t"), [line.split("\t") for line in lines[1:]]


def _policy_rows() -> list[tuple[str, int, int]]:
    _, rows = _tsv("policy_terms.tsv")
    return [(term, int(docs), int(seed)) for term, docs, seed in rows]


def _theme_rows() -> list[tuple[str, str, str]]:
    _, rows = _tsv("themes.tsv")
    return [tuple(r) for r in rows]


def _stop_blocks() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Return (block -> words, block -> comment lines)."""
    words: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    current = None
    for raw in (LEXICONS / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):  # comment syntax shared with govreports.text
            match = re.match(r"#\s*\[block:(\w+)\]\s*(.*)", raw)
            if match:
                current = match.group(1)
                assert current not in words, f"block {current} opened twice"
                words[current], notes[current] = [], [match.group(2)]
            elif current is not None:
                notes[current].append(raw[1:].strip())
            continue
        if raw.strip():
            assert current is not None, f"stop word {raw!r} before the first block"
            words[current].append(raw.strip())
    return words, notes


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer loaded with the policy terms (never jieba.dt)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for term, _, _ in _policy_rows():
        tk.add_word(term)
    return tk


@pytest.fixture(scope="module")
def plain_tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer with the default dictionary only."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def _require(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"shared material not available: {path}")


# ---------------------------------------------------------------------------
# format checks (always run)
# ---------------------------------------------------------------------------


def test_policy_terms_format() -> None:
    header, raw = _tsv("policy_terms.tsv")
    assert header == ["term", "docs", "seed"]
    assert all(len(r) == 3 and r[1].isdigit() and r[2].isdigit() for r in raw)
    terms = [r[0] for r in raw]
    assert len(terms) == len(set(terms)), [t for t, n in Counter(terms).items() if n > 1]
    assert terms == sorted(terms), "policy_terms.tsv must be sorted by term"
    assert len(terms) >= 700
    bad = [t for t in terms if not 2 <= len(t) <= 16 or any(ch.isspace() for ch in t)]
    assert not bad
    mid = sum(3 <= len(t) <= 8 for t in terms) / len(terms)
    assert mid >= 0.8, f"only {mid:.0%} of terms have 3-8 characters"


def test_policy_terms_are_attested() -> None:
    unattested = [(t, d, s) for t, d, s in _policy_rows() if d < 3 and s == 0]
    assert not unattested


def test_core_terms_present() -> None:
    terms = {t for t, _, _ in _policy_rows()}
    assert not [t for t in CORE_TERMS if t not in terms]


def test_core_terms_tokenize_whole(tokenizer) -> None:
    assert {t: tokenizer.lcut(t) for t in CORE_TERMS if tokenizer.lcut(t) != [t]} == {}


def test_dictionary_adds_information(plain_tokenizer) -> None:
    # The point of the dictionary: jieba's default dictionary splits almost all of these terms.
    terms = [t for t, _, _ in _policy_rows()]
    split = sum(len(plain_tokenizer.lcut(t, HMM=False)) > 1 for t in terms)
    assert split / len(terms) >= 0.95


def test_private_tokenizer_leaves_global_alone(tokenizer) -> None:
    import jieba

    assert tokenizer is not jieba.dt
    assert "雨污分流" in tokenizer.FREQ
    assert not jieba.dt.FREQ.get("雨污分流")


def test_themes_format() -> None:
    header, raw = _tsv("themes.tsv")
    assert header == ["theme", "theme_zh", "term"]
    assert all(len(r) == 3 and all(r) for r in raw)
    rows = _theme_rows()
    assert rows == sorted(rows, key=lambda r: (r[0], r[2])), "themes.tsv must be sorted by theme, term"
    assert {r[0] for r in rows} == THEME_IDS
    labels: dict[str, set[str]] = {}
    members: dict[str, list[str]] = {}
    for theme, zh, term in rows:
        labels.setdefault(theme, set()).add(zh)
        members.setdefault(theme, []).append(term)
    assert all(len(v) == 1 for v in labels.values()), labels
    assert all(re.search(r"[\u4e00-\u9fff]", next(iter(v))) for v in labels.values())
    for theme, terms in members.items():
        assert len(terms) == len(set(terms)), theme
        assert 40 <= len(terms) <= 120, (theme, len(terms))
    owners = Counter(term for _, _, term in rows)
    assert [t for t, n in owners.items() if n > 1] == []


def test_theme_terms_tokenize_whole(tokenizer) -> None:
    bad = {}
    for _, _, term in _theme_rows():
        for hmm in (True, False):
            cut = tokenizer.lcut(term, HMM=hmm)
            if cut != [term]:
                bad[(term, hmm)] = cut
    assert bad == {}


def test_stopwords_format() -> None:
    words, notes = _stop_blocks()
    assert set(words) == STOP_BLOCKS
    for block in STOP_BLOCKS:
        assert words[block], block
        assert any("Rule" in line or "punctuation" in line for line in notes[block]), f"{block}: no rule stated"
    everything = [w for ws in words.values() for w in ws]
    assert len(everything) == len(set(everything)), [w for w, n in Counter(everything).items() if n > 1]


def test_stopwords_cover_punctuation_and_boilerplate() -> None:
    words, _ = _stop_blocks()
    everything = {w for ws in words.values() for w in ws}
    # '#' opens a comment line, so it is the one ASCII mark that cannot be listed.
    assert set(string.punctuation) - {"#"} <= everything
    assert set("，。、；：？！“”‘’（）《》【】—…") <= set(words["punctuation"])
    for word in ["各位代表", "同志们", "审议", "请予", "我们"]:
        assert word in words["report_boilerplate"], word
    for word in ["全面", "进一步", "持续", "加快", "推进"]:
        assert word in words["generic_verbs"], word


def test_stopwords_do_not_hide_themes_or_policy_terms(tokenizer) -> None:
    words, _ = _stop_blocks()
    theme_terms = {term for _, _, term in _theme_rows()}
    policy = {t for t, _, _ in _policy_rows()}
    everything = {w for ws in words.values() for w in ws}
    assert everything & theme_terms == set()
    outside = {w for block, ws in words.items() if block != "report_boilerplate" for w in ws} & policy
    assert outside == set()
    # Boilerplate phrases that are in the dictionary must come out as one token.
    for word in set(words["report_boilerplate"]) & policy:
        assert tokenizer.lcut(word) == [word]


# ---------------------------------------------------------------------------
# corpus-backed checks (skip without ../shared)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    _require(CORPUS)
    paths = sorted(p for p in CORPUS.rglob("*.md") if not p.name.upper().startswith("README"))
    if not paths:
        pytest.skip("corpus folder is empty")
    return [p.read_text(encoding="utf-8") for p in paths]


def test_policy_doc_counts_match_corpus(corpus_texts) -> None:
    rows = _policy_rows()
    # Index every text by the character bigrams it contains; a term can only be in
    # texts containing all its bigrams, then a substring test confirms.
    bigram_sets = [{t[i : i + 2] for i in range(len(t) - 1)} for t in corpus_texts]
    wrong = {}
    for term, docs, _ in rows:
        grams = {term[i : i + 2] for i in range(len(term) - 1)}
        found = sum(1 for text, bg in zip(corpus_texts, bigram_sets) if grams <= bg and term in text)
        if found != docs:
            wrong[term] = (docs, found)
    assert wrong == {}, f"stored vs recounted docs differ (run tools/build_lexicons.py): {list(wrong.items())[:20]}"
    assert sum(d >= 3 for _, d, _ in rows) >= 0.9 * len(rows)


def test_seed_counts_match_seed() -> None:
    _require(SEED)
    seed = SEED.read_text(encoding="utf-8")
    wrong = {t: (s, seed.count(t)) for t, _, s in _policy_rows() if seed.count(t) != s}
    assert wrong == {}


def test_generic_verbs_are_frequent_in_sample(corpus_texts, tokenizer) -> None:
    # The block rule is token df >= 0.85 on the whole corpus (tools/build_lexicons.py
    # --stopword-df); here a fixed 1-in-20 sample must show at least 0.75.
    words, _ = _stop_blocks()
    sample = corpus_texts[::20]
    hits = Counter()
    for text in sample:
        hits.update(set(tokenizer.lcut(text)))
    low = {w: round(hits[w] / len(sample), 3) for w in words["generic_verbs"] if hits[w] / len(sample) < 0.75}
    assert low == {}


def _seed_reports() -> dict[str, str]:
    seed = SEED.read_text(encoding="utf-8")
    marks = list(SEED_TITLE.finditer(seed))
    return {
        m.group(1): seed[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(seed)]
        for i, m in enumerate(marks)
    }


def _theme_shares(text: str, tokenizer: jieba.Tokenizer, theme_of: dict[str, str]) -> dict[str, float]:
    counts = Counter(theme_of[tok] for tok in tokenizer.lcut(text) if tok in theme_of)
    total = sum(counts.values())
    return {theme: counts[theme] / total for theme in THEME_IDS}


def test_seed_splits_into_its_reports() -> None:
    _require(SEED)
    reports = _seed_reports()
    assert list(reports) == ["横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"]
    assert all(len(body) > 3000 for body in reports.values())


def test_seed_agriculture_share_follows_town_profile(tokenizer) -> None:
    # 横沥镇 (Dongguan) is an industrial town; 六镇镇 and 平湖镇 reports are dominated
    # by farming, rural revitalisation and poverty-relief work (read in the seed).
    _require(SEED)
    theme_of = {term: theme for theme, _, term in _theme_rows()}
    shares = {town: _theme_shares(body, tokenizer, theme_of) for town, body in _seed_reports().items()}
    agri = {town: s["agriculture_rural"] for town, s in shares.items()}
    assert agri["六镇镇"] > agri["横沥镇"]
    assert agri["平湖镇"] > agri["横沥镇"]
    # The industrial town leads on economy_industry among these three.
    econ = {town: s["economy_industry"] for town, s in shares.items()}
    assert econ["横沥镇"] > max(econ["六镇镇"], econ["平湖镇"])
