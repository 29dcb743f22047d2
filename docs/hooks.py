"""Build-time helpers for the documentation site.

Loaded twice, for two jobs:

* by MkDocs (``hooks:`` in ``mkdocs.yml``):

  - ``on_config`` completes the navigation: every public module of the package
    gets an API reference page (generated when ``docs/reference/<name>.md`` is
    missing), and the notebooks that exist under ``notebooks/`` are listed,
    titled by their first heading, so a notebook not written yet never breaks
    ``mkdocs build --strict``;
  - ``on_files`` adds those generated pages and ignores ``docs/notebooks`` when
    the link points nowhere;
  - ``on_page_markdown`` replaces markers such as ``<!-- gr:indicators -->`` by
    Markdown generated from the package itself (indicator taxonomy, theme and
    policy dictionaries, stop list, flags, extras, public API, module list,
    command-line help, how to cite), so these pages cannot drift from the code;
    in a Chinese page (``x.zh.md``) the same tables come with Chinese headers and
    descriptions, and numbers a tool writes into an English page (the targets
    card, the benchmark table) are read from there;
  - the site is built once per language by mkdocs-static-i18n (English at the
    root, Chinese under ``zh/``): ``on_config`` and ``on_files`` give each
    language its notebooks (``NN_name_zh.ipynb`` is the Chinese version of
    ``NN_name.ipynb``), and ``on_post_build`` keeps ``objects.inv`` English;

* by griffe, through mkdocstrings (``extensions:``): :class:`RstToMarkdown`
  renders the reStructuredText habits of the numpydoc docstrings as Markdown
  (doctest blocks fenced, ``:func:`x``` roles as code, simple tables and
  definition lists, grouped parameter names split, ``#:`` comments as
  attribute docstrings). Only the rendering changes; the source is untouched.
"""

from __future__ import annotations

import ast
import configparser
import csv
import json
import os
import posixpath
import re
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import griffe
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "govreports"
NOTEBOOKS = ROOT / "notebooks"


# --------------------------------------------------------------------------- notebooks


def _notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, else its file name."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):  # being written right now: fall back to the name
        cells = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        for line in text.splitlines():
            m = re.match(r"#{1,6}\s+(.+?)\s*#*\s*$", line)
            if m:
                return m.group(1).replace("`", "")
    return path.stem.replace("_", " ")


def _public_modules() -> dict[str, str]:
    """Public modules of the package (name → first line of its docstring), read without importing."""
    out = {}
    candidates = [p for p in PACKAGE.glob("*.py") if not p.stem.startswith("_")]
    candidates += [p / "__init__.py" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    for path in sorted(candidates):
        name = path.parent.name if path.name == "__init__.py" else path.stem
        tree = ast.parse(path.read_text(encoding="utf-8"))
        has_all = any(
            isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets)
            for node in tree.body
        )
        if not has_all and path.name == "__init__.py":
            continue  # a data-only package (lexicons, fonts)
        doc = (ast.get_docstring(tree) or "").strip().splitlines()
        out[name] = doc[0] if doc else ""
    return out


def _nav_section(nav: list[Any], title: str) -> list[Any] | None:
    for item in nav:
        if isinstance(item, dict) and title in item and isinstance(item[title], list):
            return item[title]
    return None


def _nav_paths(items: list[Any]) -> set[str]:
    paths: set[str] = set()
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            paths |= _nav_paths(value)
        elif isinstance(value, str):
            paths.add(value)
    return paths


#: Reference pages made by this hook for modules without a page of their own in docs/reference.
GENERATED_REFERENCE: dict[str, str] = {}

# --------------------------------------------------------------------------- languages
#
# The site is built twice by mkdocs-static-i18n (``i18n:`` in mkdocs.yml): English at the
# root, Chinese under ``zh/``. A page ``x.md`` is English and ``x.zh.md`` its Chinese twin.
# Notebooks keep their own names: ``NN_name_zh.ipynb`` is the Chinese version of
# ``NN_name.ipynb`` (nbval runs both), and this hook gives each language its own list:
# English builds show the English notebooks, the Chinese build the Chinese ones and, for
# the rest, the English notebook (marked 英文) under ``zh/notebooks/`` so the reader stays
# in the Chinese site.

ZH = "zh"
ZH_NOTEBOOK = "_zh"
#: The Notebooks nav section inserted by on_config, replaced on the next language's build.
_NOTEBOOK_SECTION: dict[str, list[Any]] = {}


def _language(config: Any) -> str:
    """The language being built: ``en`` unless mkdocs-static-i18n is building another one."""
    plugin = config["plugins"].get("i18n")
    if plugin is None:
        return "en"
    return plugin.current_language or plugin.default_language or "en"


def _page_language(page: Any) -> str:
    return ZH if page.file.src_uri.endswith(f".{ZH}.md") else "en"


def _english_stem(name: str) -> str:
    """``01_quick_start_zh`` (or ``…_zh.ipynb``) → ``01_quick_start``."""
    return name.removesuffix(".ipynb").removesuffix(ZH_NOTEBOOK)


def _notebooks_of(lang: str) -> list[tuple[Path, bool]]:
    """The notebooks a language lists: (path, written in that language), in file order."""
    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    chinese = {_english_stem(p.name): p for p in found if p.stem.endswith(ZH_NOTEBOOK)}
    english = [p for p in found if not p.stem.endswith(ZH_NOTEBOOK)]
    if lang != ZH:
        return [(p, True) for p in english]
    out = [(chinese.pop(p.stem), True) if p.stem in chinese else (p, False) for p in english]
    return out + [(p, True) for p in chinese.values()]  # a Chinese notebook without English original


def _notebook_label(path: Path, native: bool) -> str:
    return _notebook_title(path) + ("" if native else "（英文）")


def on_config(config: Any) -> Any:
    """Complete the nav: every public module gets a reference page, every notebook an entry."""
    nav = config["nav"]
    docs_dir = Path(config["docs_dir"])
    reference = _nav_section(nav, "API reference")
    if reference is not None:
        listed = _nav_paths(reference)
        GENERATED_REFERENCE.clear()
        for name in _public_modules():
            if name == "__init__":
                continue
            page = f"reference/{name}.md"
            if not (docs_dir / page).is_file():
                GENERATED_REFERENCE[page] = name
            if page not in listed:
                reference.append({f"govreports.{name}": page})

    found = _notebooks_of(_language(config))
    previous = next((i for i, item in enumerate(nav) if item is _NOTEBOOK_SECTION), None)
    if previous is None and _nav_section(nav, "Notebooks") is not None:
        return config  # a section written by hand wins
    if previous is not None:
        del nav[previous]
    if found:
        _NOTEBOOK_SECTION.clear()
        _NOTEBOOK_SECTION["Notebooks"] = [{_notebook_label(p, native): f"notebooks/{p.name}"} for p, native in found]
        position = previous if previous is not None else next(
            (i + 1 for i, item in enumerate(nav) if isinstance(item, dict) and "User guide" in item),
            len(nav),
        )
        nav.insert(position, _NOTEBOOK_SECTION)
    return config


def _page_dest(config: Any, lang: str, path: str) -> str:
    """Where the page ``path`` (``notebooks/01_x``, no suffix) is written in ``lang``."""
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{prefix}{path}/index.html" if config["use_directory_urls"] else f"{prefix}{path}.html"


def _set_alternates(config: Any, f: Any, lang: str, path: str) -> None:
    """Give a file made here what mkdocs-static-i18n's language switcher reads."""
    from mkdocs.structure.files import File

    f.alternates = {
        other: File(f.src_uri, config["docs_dir"], config["site_dir"], config["use_directory_urls"],
                    dest_uri=_page_dest(config, other, path))
        for other in ("en", ZH)
    }
    f.alternates[lang] = f
    f.locale = f.locale_alternate_of = lang
    f.localization = None if lang == "en" else lang
    f.norm_src_uri = f.src_uri


def _localise_notebooks(files: Any, config: Any, lang: str) -> None:
    """Keep the notebooks of ``lang``; in Chinese, write them under ``zh/notebooks/``."""
    from mkdocs.structure.files import File
    from mkdocs_jupyter.plugin import NotebookFile

    keep = {p.name for p, _ in _notebooks_of(lang)}
    for f in list(files):
        if not (f.src_uri.startswith("notebooks/") and f.src_uri.endswith(".ipynb")):
            continue
        name = posixpath.basename(f.src_uri)
        files.remove(f)
        if name not in keep:
            continue  # the other language's version
        path = f"notebooks/{_english_stem(name)}"
        # i18n rebuilt it as a plain File (an asset, and in Chinese at the English page's
        # place): make it a notebook page again, at its own language's place.
        f = NotebookFile(File(f.src_uri, config["docs_dir"], config["site_dir"], config["use_directory_urls"]),
                         use_directory_urls=config["use_directory_urls"], site_dir=config["site_dir"])
        f.dest_uri = _page_dest(config, lang, path)
        f.url = f._get_url(config["use_directory_urls"])
        f.abs_dest_path = os.path.normpath(os.path.join(config["site_dir"], f.dest_uri))
        _set_alternates(config, f, lang, path)
        files.append(f)


def _reference_stub(name: str, lang: str) -> str:
    if lang == ZH:
        return (
            f"# `govreports.{name}`\n\n"
            "此模块还没有中文说明页，下面是它的 API 文档（文档字符串为英文）。\n\n"
            f"::: govreports.{name}\n"
        )
    return f"# `govreports.{name}`\n\n::: govreports.{name}\n"


@event_priority(-110)  # after mkdocs-static-i18n (-100), which rebuilds every File of the docs
def on_files(files: Any, config: Any) -> Any:
    """Add the generated reference pages; drop the docs/notebooks link when notebooks/ is absent.

    Also keeps each language's notebooks (see ``_notebooks_of``).
    """
    from mkdocs.structure.files import File

    lang = _language(config)
    for f in list(files):
        if f.abs_src_path and not f.generated_by and not os.path.exists(f.abs_src_path):
            files.remove(f)  # a dangling symlink
    for page, name in GENERATED_REFERENCE.items():
        if files.get_file_from_path(page) is None:
            src = page if lang == "en" else page.replace(".md", f".{lang}.md")
            f = File.generated(config, src, content=_reference_stub(name, lang))
            f.dest_uri = _page_dest(config, lang, f"reference/{name}")
            _set_alternates(config, f, lang, f"reference/{name}")
            files.append(f)
    _localise_notebooks(files, config, lang)
    return files


#: The English build's objects.inv (mkdocstrings' inventory), kept while the Chinese build runs.
_INVENTORY: dict[str, bytes] = {}


@event_priority(-90)  # after mkdocstrings wrote objects.inv, before i18n starts the next language
def on_post_build(config: Any) -> None:
    """Keep ``objects.inv`` English: the Chinese build's inventory goes to ``zh/objects.inv``.

    Both builds write to the same site directory, and the last one would win.
    """
    inventory = Path(config["site_dir"]) / "objects.inv"
    if not inventory.is_file():
        return
    lang = _language(config)
    if lang == "en":
        _INVENTORY["en"] = inventory.read_bytes()
    elif "en" in _INVENTORY:
        (inventory.parent / lang).mkdir(exist_ok=True)
        (inventory.parent / lang / "objects.inv").write_bytes(inventory.read_bytes())
        inventory.write_bytes(_INVENTORY["en"])


_NOTEBOOK_LINK = re.compile(r'href="([\w.-]+)\.ipynb(#[^"]*)?"')


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Point a notebook's links to its sibling notebooks (``02_x.ipynb``) at their pages.

    mkdocs-jupyter renders a notebook as ``notebooks/<name>/index.html`` and leaves
    its links as written, which work in Jupyter but not on the site. A Chinese
    notebook's page is ``zh/notebooks/<English name>/``, so ``04_x_zh.ipynb`` → ``../04_x/``.
    """
    src = page.file.src_uri
    if not (src.startswith("notebooks/") and src.endswith(".ipynb")):
        return output

    def fix(m: re.Match[str]) -> str:
        name, fragment = m.group(1), m.group(2) or ""
        if name == Path(src).stem or not (NOTEBOOKS / f"{name}.ipynb").is_file():
            return m.group(0)  # its own source (copied beside the page), or not a notebook of ours
        stem = _english_stem(name)
        target = f"../{stem}/" if config["use_directory_urls"] else f"{stem}.html"
        return f'href="{target}{fragment}"'

    return _NOTEBOOK_LINK.sub(fix, output)


# --------------------------------------------------------------------------- tables


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]], align: str | None = None) -> str:
    align = align or "l" * len(header)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _zh(lang: str, en: str, zh: str) -> str:
    return zh if lang == ZH else en


def _indicators_table(lang: str = "en") -> str:
    rows = _read_tsv(PACKAGE / "datasets" / "indicators.tsv")
    body = [
        [f"`{r['id']}`", r["name_zh"], r["unit_kind"], " · ".join(r["aliases"].split("|")), r["description"]]
        for r in rows
    ]
    intro = _zh(
        lang,
        f"{len(rows)} indicators, read from `govreports/datasets/indicators.tsv` when this site was built. "
        "Aliases are listed as in the file; matching is longest-first.\n\n",
        f"共 {len(rows)} 个指标，建站时读自 `govreports/datasets/indicators.tsv`。别名按文件原样列出，"
        "匹配时长者优先；说明一栏取自文件，为英文。\n\n",
    )
    header = _zh(
        lang,
        ["id", "name_zh", "unit_kind", "aliases (surface forms)", "description"],
        ["指标 id", "中文名", "单位类型", "别名（报告中的写法）", "说明（英文）"],
    )
    return intro + _table(header, body)


def _policy_docs() -> dict[str, int]:
    out = {}
    for r in _read_tsv(PACKAGE / "datasets" / "policy_terms.tsv"):
        try:
            out[r["term"]] = int(r["docs"])
        except (KeyError, ValueError):
            continue
    return out


def _themes_table(lang: str = "en") -> str:
    rows = _read_tsv(PACKAGE / "datasets" / "themes.tsv")
    docs = _policy_docs()
    terms: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in rows:
        terms[r["theme"]].append(r["term"])
        names[r["theme"]] = r["theme_zh"]
    body = []
    try:  # the package's own theme order, else the file's
        from govreports.text._themes import THEME_IDS

        order = [t for t in THEME_IDS if t in terms] + [t for t in terms if t not in THEME_IDS]
    except ImportError:
        order = list(terms)
    for theme in order:
        words = terms[theme]
        # Examples: the theme's terms found in most corpus reports (policy_terms `docs`).
        ranked = sorted(words, key=lambda w: (-docs.get(w, -1), w))[:8]
        body.append([f"`{theme}`", names[theme], len(words), ", ".join(ranked)])
    intro = _zh(
        lang,
        f"{len(rows)} terms in {len(terms)} themes, read from `govreports/datasets/themes.tsv` when "
        "this site was built. Examples are the theme's terms that occur in the most corpus reports "
        "(the `docs` column of `policy_terms.tsv`).\n\n",
        f"共 {len(terms)} 个主题、{len(rows)} 个词，建站时读自 `govreports/datasets/themes.tsv`。"
        "示例词是该主题中出现在最多语料报告里的词（按 `policy_terms.tsv` 的 `docs` 列排序）。\n\n",
    )
    header = _zh(lang, ["theme", "theme_zh", "terms", "examples"], ["主题 id", "主题", "词数", "示例词"])
    return intro + _table(header, body, "llrl")


def _policy_terms_summary(lang: str = "en") -> str:
    rows = _read_tsv(PACKAGE / "datasets" / "policy_terms.tsv")
    docs = [int(r["docs"]) for r in rows]
    seeds = [int(r["seed"]) for r in rows]
    lengths = Counter(min(len(r["term"]), 9) for r in rows)
    nine = _zh(lang, "9 or more", "9 及以上")
    length_rows = [[f"{n}" if n < 9 else nine, lengths[n]] for n in sorted(lengths)]
    top = sorted(rows, key=lambda r: (-int(r["docs"]), r["term"]))[:20]
    top_rows = [[r["term"], f"{int(r['docs']):,}", r["seed"]] for r in top]
    if lang == ZH:
        parts = [
            f"`govreports/datasets/policy_terms.tsv` 共收 **{len(rows):,} 个词**：其中 "
            f"{sum(d >= 3 for d in docs):,} 个出现在 3,004 份语料报告中的至少 3 份里，"
            f"{sum(s > 0 for s in seeds):,} 个出现在内置样本的原始文本中。",
            "**按字数统计的词数**",
            _table(["字数", "词数"], length_rows, "rr"),
            "**出现在最多语料报告中的 20 个词**",
            _table(["词", "报告数（docs）", "样本中次数（seed）"], top_rows, "lrr"),
        ]
        return "\n\n".join(parts)
    parts = [
        f"`govreports/datasets/policy_terms.tsv` holds **{len(rows):,} terms**: "
        f"{sum(d >= 3 for d in docs):,} occur in at least 3 of the 3,004 corpus reports and "
        f"{sum(s > 0 for s in seeds):,} occur in the bundled sample's seed text.",
        "**Terms by length (characters)**",
        _table(["characters", "terms"], length_rows, "rr"),
        "**The 20 terms found in the most corpus reports**",
        _table(["term", "docs", "seed"], top_rows, "lrr"),
    ]
    return "\n\n".join(parts)


def _literal(word: str) -> str:
    """A word as Markdown-safe text: punctuation as numeric character references."""
    if all(ch.isalnum() for ch in word):
        return word
    return "<code>" + "".join(f"&#{ord(ch)};" for ch in word) + "</code>"


def _stopwords_table(lang: str = "en") -> str:
    blocks: dict[str, list[str]] = {}
    current = "(before the first block)"
    for line in (PACKAGE / "datasets" / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*\[block:(\w+)\]", line)
        if m:
            current = m.group(1)
            blocks.setdefault(current, [])
        elif line.strip() and not line.startswith("#"):
            blocks.setdefault(current, []).append(line.strip())
    body = [[f"`{name}`", len(words), " ".join(_literal(w) for w in words[:15])] for name, words in blocks.items()]
    total = sum(len(w) for w in blocks.values())
    intro = _zh(
        lang,
        f"`govreports/datasets/stopwords.txt` holds {total} stop words in {len(blocks)} blocks.\n\n",
        f"`govreports/datasets/stopwords.txt` 分 {len(blocks)} 组，共 {total} 个停用词。\n\n",
    )
    header = _zh(lang, ["block", "words", "first words"], ["分组", "词数", "前几个词"])
    return intro + _table(header, body, "lrl")


def _api_table(lang: str = "en") -> str:
    import govreports  # light: the package imports no heavy dependency

    body = []
    for name in govreports.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(govreports, name)
        summary = (obj.__doc__ or "").strip().splitlines()[0] if obj.__doc__ else ""
        summary = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", summary)
        body.append([f"[`gr.{name}`][govreports.{name}]", summary])
    return _table(_zh(lang, ["name", "summary"], ["名称", "简介（文档字符串首行，英文）"]), body)


def _cli_help(lang: str = "en") -> str:
    import argparse

    from govreports._cli import build_parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # stable wrapping whatever the terminal
    try:
        parser = build_parser()
        parts = ["```text\n$ govreports --help\n" + parser.format_help().rstrip() + "\n```"]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    parts.append(
                        f"### `govreports {name}`\n\n```text\n$ govreports {name} --help\n"
                        + sub.format_help().rstrip()
                        + "\n```"
                    )
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    return "\n\n".join(parts)


#: Chinese for the package's own descriptions of flags, cues and verdicts (English in the
#: package). A key missing here is shown in English: the English text stays the reference.
ZH_MEANINGS: dict[str, str] = {
    # report flags (govreports.schema.REPORT_FLAGS)
    "truncated": "正文在句子中间中断（来源文本不完整）",
    "short": "不足 2,000 字：可能只是片段或摘要",
    "no_title": "没有找到标题行；地区、年份取自文件路径或 front matter",
    "year_from_path": "年份取自文件路径，而非正文",
    "delivered_late_year": "11 月或 12 月作的报告：`year` 是下一年，即报告所规划的年份（`date` 保留作报告的日期）",
    "year_from_plan": "未注明日期，标题或路径写的是所回顾的年份（2003年工作回顾、2004年工作安排）：报告年份取其下一年",
    "region_from_path": "地区取自文件路径，而非正文",
    "region_from_header": "地区取自讲话人一行、“我代表X人民政府”或网页页头（发布机构、导航路径），而非标题或会议行",
    "region_from_body": "地区是正文中出现最多的地名（已与区划表核对）：标题、会议行、讲话人行都没有写明",
    "year_from_headings": "无日期也无标题：年份取回顾标题或开头所写年份的下一年（一、2022年工作回顾 → 2023）",
    "year_from_published": "年份取自网页的发布日期（11 月或 12 月发布的取下一年）",
    "region_conflict": "正文所写地区与 <region>/<year> 路径不一致（见 meta 中的 path_region）",
    "no_region": "标题、front matter、路径中都没有地区（这是工作报告吗？）；可在 front matter 中写 `region:`",
    "no_year": "标题、日期行、front matter、路径中都没有年份（这是工作报告吗？）；可在 front matter 中写 `year:`",
    "level_guessed": "层级由地名后缀推断",
    "encoding_fallback": "编码为统计推断（没有 BOM，也不是 UTF-8）",
    "cut_character": "文件在一个多字节字符中间结束（下载中断）；其余部分已保留",
    "placeholders": "正文含模板占位符（XX、X.X、**）",
    "traditional": "繁体字文本：已逐字转换为简体（字符位置不变）",
    # figure flags (govreports.schema.FIGURE_FLAGS)
    "estimate": "以预计数表述（预计、初步）：写报告时当年统计尚未完成",
    "glued": "该数字在原文中与另一个数字连在一起（分隔符丢失）：请对照原文",
    "placeholder": "模板占位符（XX、X.X、**），不是数字",
    "subpopulation": "分句说的是地区的一部分（31家企业、园区、村），不是全地区的指标",
    "milestone": "门槛式说法（突破“200亿”大关），不是统计值",
    "multi_year": "数字涉及多个年份（五年来、年均、2018-2022年、十四五）",
    "partial_year": "数字只涉及一年中的若干个月（1-11月、前三季度）",
    "repeated": "同一指标、类型、口径和数值在报告前文已出现",
    "no_unit": "挂到指标上的数字没有单位",
    "chinese_numeral": "用汉字数字书写（百分之八至九）：已解析，值得看一眼",
    "long_sentence": "句子超过 1,000 字（没有标点？）或含 50 个以上数字：只保存数字前后一段",
    "figures_capped": "句子含 500 个以上数字（表格或乱码？）：只保留前 500 个，其余不成行",
    "from_value": "变化的起始值（由X增加到Y）：不是当前水平",
    "shared": "一个数字同时说明几个指标（A、B均增长8%，城乡居民收入均增长8%）：每个指标一行",
    "other_year": "数字指向回顾年、计划年以外的另一个年份（到2027年、2020年）",
    "far": "跨两个以上分句挂接：请对照原文",
    "kind_guessed": "没有标题、时间词或目标用语说明它是实绩还是目标：按实绩处理",
    "no_period": "报告年份未知，正文也没有给出这个数字的年份",
    "reviewed": "已由人工确认（govreports.apply_corrections，结论 ok）",
    "corrected": "已由人工更正（govreports.apply_corrections，结论 fix）",
    "rejected": "人工判定该数字不属于此指标（govreports.apply_corrections，结论 wrong）",
}

#: Chinese for the attachment cues (govreports.schema.ATTACH_CUES); ``shared`` differs from the flag.
ZH_CUES: dict[str, str] = {
    "name": "指标名紧挨在数字前、同一分句内（地区生产总值207.45亿元）",
    "clause": "带名称数字之后的增长分句（…207.45亿元，同比增长2.0%）",
    "fenbie": "“分别”句式：名称与数字按顺序对应（A、B分别增长5%和8%）",
    "list": "不带“分别”的名称列表对数字列表（A、B年均增长3.5%和7.6%）",
    "shared": "一个数字对应几个名称（A、B均增长8%，城乡居民收入均增长8%）：每个名称一行",
    "share_of": "“占”字前所写指标的占比（税收收入占公共财政预算收入比重77.65%）",
    "target_of": "实绩所对照的目标（财政总收入52.3亿元，完成年初目标45亿元的116%）：记为一行目标",
}

ZH_VERDICTS: dict[str, str] = {
    "ok": "该行原样正确",
    "wrong": "该数字不是此指标的值（从面板中去掉，由同一格的下一个候选补上）",
    "fix": "该数字属于此指标，正确的取值写在 correct_* 各列",
}


def _dict_table(mapping: dict[str, str], key: str, value: str, zh: dict[str, str] | None = None) -> str:
    zh = zh or {}
    return _table([key, value], [[f"`{k}`", zh.get(k, v)] for k, v in mapping.items()])


def _report_flags(lang: str = "en") -> str:
    from govreports.schema import REPORT_FLAGS

    if lang == ZH:
        return _dict_table(REPORT_FLAGS, "标记", "含义", ZH_MEANINGS)
    return _dict_table(REPORT_FLAGS, "flag", "meaning")


def _figure_flags(lang: str = "en") -> str:
    from govreports.schema import FIGURE_FLAGS

    if lang == ZH:
        return _dict_table(FIGURE_FLAGS, "标记", "含义", ZH_MEANINGS)
    return _dict_table(FIGURE_FLAGS, "flag", "meaning")


def _attach_cues(lang: str = "en") -> str:
    from govreports.schema import ATTACH_CUES

    if lang == ZH:
        return _dict_table(ATTACH_CUES, "cue", "挂接数字所用的规则", ZH_CUES)
    return _dict_table(ATTACH_CUES, "cue", "the rule that attached the figure")


def _review_flags(lang: str = "en") -> str:
    from govreports.schema import FIGURE_FLAGS, REVIEW_FLAGS

    rows = {f: FIGURE_FLAGS[f] for f in sorted(REVIEW_FLAGS)}
    if lang == ZH:
        return _dict_table(rows, "标记", "为什么需要人工看一眼", ZH_MEANINGS)
    return _dict_table(rows, "flag", "why the row needs a look")


def _verdicts(lang: str = "en") -> str:
    from govreports.extract._review import VERDICTS

    if lang == ZH:
        return _dict_table(VERDICTS, "结论（verdict）", "作用", ZH_VERDICTS)
    return _dict_table(VERDICTS, "verdict", "what it does")


def _growth_only(lang: str = "en") -> str:
    from govreports.extract._indicators import GROWTH_ONLY_ALIASES

    header = _zh(lang, ["phrase", "indicator"], ["说法", "指标"])
    return _table(header, [[k, f"`{v}`"] for k, v in GROWTH_ONLY_ALIASES.items()])


_EXTRA_USE = {
    "pdf": "reading `.pdf` files with a text layer",
    "docx": "reading Word `.docx` files",
    "fast": '`tokenize(tokenizer="rjieba")`: the same tokens, faster',
    "scale": "Parquet output, dask and large runs",
    "all": "every optional feature above",
    "excel": "writing a review sheet as `.xlsx`",
    "test": "running the test suite and the notebooks",
    "docs": "building this site",
    "dev": "working on govreports (everything)",
}

_EXTRA_USE_ZH = {
    "pdf": "读取带文字层的 `.pdf` 文件",
    "docx": "读取 Word `.docx` 文件",
    "fast": '`tokenize(tokenizer="rjieba")`：分词结果相同，速度更快',
    "scale": "Parquet 输出、dask 与大批量运行",
    "all": "上面所有可选功能",
    "excel": "把核查表写成 `.xlsx`",
    "test": "运行测试和示例笔记本",
    "docs": "构建本文档站点",
    "dev": "开发 govreports（全部依赖）",
}


def _extras(lang: str = "en") -> str:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    use = _EXTRA_USE_ZH if lang == ZH else _EXTRA_USE
    rows = []
    for name, value in parser.items("options.extras_require"):
        packages = [line.strip() for line in value.splitlines() if line.strip() and not line.strip().startswith("#")]
        rows.append([f"`{name}`", ", ".join(f"`{p}`" for p in packages), use.get(name, "")])
    core = [line.strip() for line in parser.get("options", "install_requires").splitlines()
            if line.strip() and not line.strip().startswith("#")]
    intro = _zh(lang, "Always installed: ", "总会安装的依赖：") + ", ".join(f"`{p}`" for p in core)
    intro += _zh(lang, ".\n\n", "。\n\n")
    header = _zh(lang, ["extra", "installs", "needed for"], ["可选依赖（extra）", "安装的包", "用途"])
    return intro + _table(header, rows)


#: Chinese summaries of the public modules (their docstrings are English).
ZH_MODULES: dict[str, str] = {
    "clean": "清洗：字节转文本，原始文本转为报告的规范 `text`",
    "cli": "`govreports` 命令行",
    "compare": "跨地区比较：每份报告一行，含主要指标的水平、增速与目标",
    "datasets": "内置数据集，离线读取（`importlib.resources`）",
    "errors": "govreports 抛出的错误",
    "evaluate": "以人工标注（金标准）为准给数字抽取打分",
    "evidence": "证据视图：每个数字在原句中高亮显示，便于核查",
    "export": "为大批量运行和其他工具写出结果表：CSV、JSON Lines、Parquet、Stata",
    "indicators": "指标体系：id、中文名、别名与单位类型",
    "io": "读取报告：各种格式、汇编拆分、元数据",
    "locate": "在行政区划体系中定位报告（统计用区划代码）",
    "metrics": "数字：报告中每个数量及其指标、类型和出处；研究面板",
    "numbers": "从政府工作报告文本中解析数量（带单位的数字）",
    "plotting": "绘图：能显示中文的 matplotlib 主题，以及 `plot_*` 函数",
    "report": "独立的 HTML 报告：跨地区比较及其证据",
    "review": "人工核查数字：核查表与重新运行后仍然有效的更正",
    "schema": "各环节共用的列名、层级及其他封闭词表",
    "segment": "把报告切分为章节树和句子",
    "similarity": "报告之间的相似度，以及几乎逐字相同的段落（模板扩散）",
    "targets": "1994—2026 年政府工作报告增长目标：内置数据集",
    "text": "文本分析：懂政策用语的分词、词频、特征词、关键词语境",
    "themes": "按主题的政策注意力，以及数字化提法",
    "widgets": "交互式浏览器：地区 × 指标或主题 × 关键词，一个 ipywidgets 应用",
}


def _modules(lang: str = "en") -> str:
    rows = []
    for name, summary in _public_modules().items():
        if name == "__init__":
            continue
        text = ZH_MODULES.get(name, summary) if lang == ZH else summary
        rows.append([f"[`govreports.{name}`]({name}.md)", text.replace("``", "`")])
    return _table(_zh(lang, ["module", "what it holds"], ["模块", "内容"]), rows)


def _notebooks(lang: str = "en") -> str:
    found = _notebooks_of(lang)
    if not found:
        return ""
    if lang == ZH:
        lines = ["## 示例笔记本", "", "完整的示例，连同保存的运行结果一起展示（标“英文”的尚无中文版）：", ""]
    else:
        lines = ["## Notebooks", "", "Worked examples, rendered with their stored outputs:", ""]
    lines += [f"- [{_notebook_label(p, native)}](notebooks/{p.name})" for p, native in found]
    return "\n".join(lines)


# ------------------------------------------------------------------ numbers kept in one place
#
# Some English pages hold numbers that a tool rewrites (the targets card's ``generated``
# blocks, the benchmark table of performance.md). Their Chinese twins read those numbers
# from the English source when the site is built, so they cannot fall behind.

_GENERATED_BLOCK = re.compile(r"<!-- generated:(\w+) -->(.*?)<!-- /generated:\1 -->", re.DOTALL)

#: (English pattern, Chinese replacement): phrases of generated tables and sentences.
#: A phrase not listed stays English, so new wording is never lost, only untranslated.
_ZH_PHRASES: list[tuple[str, str]] = [
    # targets card: coverage
    (r"\| level \| reports \| GDP target figure \| figure or words \(`none_stated`\) \|",
     "| 层级 | 报告数 | 有数字的 GDP 目标 | 数字或文字表述（`none_stated`） |"),
    (r"\| national \(State Council\) \|", "| 全国（国务院） |"),
    (r"^\| province \|", "| 省级 |"),
    (r"^\| city \|", "| 地级市 |"),
    # targets card: other columns
    (r"\| column \| share \|", "| 列 | 有值的比例 |"),
    (r"\| fixed-asset investment target \|", "| 固定资产投资增长目标 |"),
    (r"\| retail sales target \|", "| 社会消费品零售总额增长目标 |"),
    (r"\| general budget revenue target \|", "| 一般公共预算收入增长目标 |"),
    (r"\| rural income target \|", "| 农村居民收入增长目标 |"),
    (r"\| urban income target \|", "| 城镇居民收入增长目标 |"),
    (r"\| resident income target \|", "| 居民收入增长目标 |"),
    # targets card: accuracy
    (r"\| hand-checked file \| what \| right \|", "| 人工核对文件 | 核对内容 | 正确 |"),
    (r"(\d+) reports drawn at random from all provincial/city/national files of 2005\+ \(see `README_corpus_gold.md`\)",
     r"从 2005 年以来全部省级、地级市和国务院报告中随机抽取的 \1 份（见 `README_corpus_gold.md`）"),
    (r"State Council (\d{4})[–-](\d{4})", r"国务院 \1—\2 年"),
    (r"(\d+) chosen reports", r"挑选的 \1 份报告"),
    (r"(\d+) more reports drawn at random \(below\)", r"另外随机抽取的 \1 份报告（见下文）"),
    (r"\| the six other targets and the previous-year level \|", "| 另外六项目标和上年 GDP 总量 |"),
    (r"\| all (\d+) columns \|", r"| 全部 \1 列 |"),
    (r"\| GDP target / prev\. growth / prev\. level \|", "| GDP 目标 / 上年增速 / 上年总量 |"),
    (r"\| investment / retail / budget revenue targets \|", "| 投资 / 零售 / 一般公共预算收入目标 |"),
    (r"\| rural / urban / resident income targets \|", "| 农村 / 城镇 / 居民收入目标 |"),
    (r"\| GDP target \|", "| GDP 增长目标 |"),
    (r"\| previous-year GDP growth \|", "| 上年 GDP 增速 |"),
    (r"\| both fields \|", "| 两项合计 |"),
    # performance.md: the benchmark table
    (r"\| benchmark \| measured \| baseline \(same run\) \| ratio / figure \| bar / goal \|",
     "| 基准测试 | 实测 | 基线（同一次运行） | 比值 / 结果 | 门槛 / 目标 |"),
    (r"figure extraction, (\d+) city reports \(([\d.]+)M chars\), CPU",
     r"数字抽取，\1 份地级市报告（\2M 字），CPU 时间"),
    (r"whole corpus, ", "全部语料，"),
    (r"tokenize (\d+) city reports \(([\d,]+) tokens\)", r"分词，\1 份地级市报告（\2 个词）"),
    (r"([\d.]+) s wall, peak ([\d.,]+ [MG]B)", r"墙钟 \1 s，内存峰值 \2"),
    (r"([\d,]+) figures", r"\1 个数字"),
    (r"goal < (\d+) s with (\d+) jobs, < (\d+ GB)", r"目标：\2 个进程 < \1 s，< \3"),
    (r"bar ≤ ([\d.]+), goal ≤ ([\d.]+)", r"门槛 ≤ \1，目标 ≤ \2"),
    (r",? cached ([\d,]+) tok/s", r"，缓存 \1 词/秒"),
    (r"jieba engine ([\d,]+) tok/s", r"jieba 引擎 \1 词/秒"),
    (r"([\d,]+) tok/s", r"\1 词/秒"),
    (r", cache ×", "，缓存 ×"),
    (r"heavy modules loaded: none", "加载的重型模块：无"),
    (r"heavy modules loaded: ", "加载的重型模块："),
    (r"\| goal: none \|", "| 目标：无 |"),
    (r"; ", "；"),
]


def _to_chinese(text: str) -> str:
    out = []
    for line in text.split("\n"):
        for pattern, repl in _ZH_PHRASES:
            line = re.sub(pattern, repl, line)
        out.append(line)
    return "\n".join(out)


#: Chinese sentences for the generated sentences of the targets card, filled from the English.
_ZH_SENTENCES: dict[str, tuple[str, str]] = {
    "size": (
        r"It has ([\d,]+) rows, one per report\. `load_targets\(\)` gives the ([\d,]+) primary rows "
        r"\(national ([\d,]+), province ([\d,]+), city ([\d,]+)\); "
        r"`load_targets\(all_reports=True\)` gives all ([\d,]+)\.",
        r"共 \1 行，每份报告一行。`load_targets()` 返回 \2 个主行（全国 \3、省级 \4、地级市 \5）；"
        r"`load_targets(all_reports=True)` 返回全部 \6 行。",
    ),
    "estimates": (
        r"`gdp_prev_growth_estimate` marks ([\d,]+) of the ([\d,]+) stated previous-year growth rates\.",
        r"在报告给出的 \2 个上年增速中，有 \1 个被 `gdp_prev_growth_estimate` 标为预计数。",
    ),
    "none_found": (r"([\d,]+) reports are `none_found`", r"共有 \1 份报告为 `none_found`。"),
}


def _targets_card(lang: str = "en", block: str = "") -> str:
    """A ``generated`` block of the targets card (``<!-- gr:targets_card coverage -->``)."""
    card = (PACKAGE / "datasets" / "targets.md").read_text(encoding="utf-8")
    blocks = {m.group(1): m.group(2).strip() for m in _GENERATED_BLOCK.finditer(card)}
    if block not in blocks:
        raise ValueError(
            f"govreports/datasets/targets.md has no generated block {block!r}; it has: {', '.join(blocks)}"
        )
    text = blocks[block]
    if lang != ZH:
        return text
    if block in _ZH_SENTENCES:
        pattern, repl = _ZH_SENTENCES[block]
        new, n = re.subn(pattern, repl, text)
        return new if n else text  # wording changed: the English sentence, not a wrong Chinese one
    return _to_chinese(text)


def _performance_results(lang: str = "en") -> str:
    """The benchmark table of performance.md, between its ``results`` comments."""
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- results:begin -->\n(.*?)<!-- results:end -->", page, re.DOTALL)
    if not m:
        raise ValueError("docs/performance.md has no <!-- results:begin --> … <!-- results:end --> table")
    table = m.group(1).strip()
    return _to_chinese(table) if lang == ZH else table


def _citation(lang: str = "en") -> str:
    """How to cite the library and the targets dataset, from CITATION.cff, __version__ and the card."""
    import yaml  # a dependency of MkDocs

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    init = (PACKAGE / "_version.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__\s*=\s*["\']([^"\']+)', init, re.MULTILINE).group(1)
    card = (PACKAGE / "datasets" / "targets.md").read_text(encoding="utf-8")
    m = re.search(r"delivered up to (\d{4}-\d{2}-\d{2})", card)
    snapshot = m.group(1) if m else "?"
    m = re.search(r"plan years run from (\d{4}) to\s+(\d{4})", card)
    first, last = m.groups() if m else ("1994", "2026")
    released = str(cff["date-released"])
    year = released[:4]
    author = cff["authors"][0]["name"]
    title = cff["title"]
    bib_lib = (
        "```bibtex\n@software{govreports,\n"
        f"  author  = {{{{{author}}}}},\n  title   = {{{title}}},\n  version = {{{version}}},\n"
        f"  year    = {{{year}}},\n  date    = {{{released}}},\n  license = {{{cff['license']}}},\n}}\n```"
    )
    bib_data = (
        "```bibtex\n@misc{govreports_targets,\n"
        f"  author  = {{{{{author}}}}},\n"
        f"  title   = {{Growth targets of Chinese government work reports, {first}--{last} "
        "(govreports dataset `targets')},\n"
        f"  version = {{{version}}},\n  year    = {{{year}}},\n"
        f"  note    = {{Bundled with govreports {version}; "
        f"derived from the lawtext-gov collection of reports delivered up to {snapshot}}},\n}}\n```"
    )
    if lang == ZH:
        return "\n\n".join([
            f"**引用软件本身**（当前版本 {version}，发布日期 {released}）。GB/T 7714 格式：",
            f"> {author}. {title}: {version}[CP]. ({released}).",
            bib_lib,
            f"**引用增长目标数据集**（`gr.load_targets()`，随软件发布，版本与软件相同：{version}；"
            f"数据时点：语料收录的报告截至 {snapshot}，计划年份 {first}—{last} 年；上年数字为报告发布时的初步数，"
            "不是之后年鉴修订的数字）。请同时注明所用版本，因为抽取改进后数据会重建：",
            f"> {author}. Growth targets of Chinese government work reports, {first}–{last}: "
            f"dataset targets, govreports {version}[DS]. ({released}).",
            bib_data,
            "仓库根目录的 `CITATION.cff` 记录同样的信息；托管平台（如 GitHub 的 “Cite this repository”）"
            "和 Zotero 可以直接读取它。目前还没有 DOI。",
        ])
    return "\n\n".join([
        f"**The library** (version {version}, released {released}):",
        f"> {author} ({year}). *{title}* (version {version}) [Computer software].",
        bib_lib,
        f"**The targets dataset** (`gr.load_targets()`; it ships with the package, so its version is the "
        f"package's: {version}; vintage: reports delivered up to {snapshot}, plan years {first}–{last}; "
        "previous-year figures are the preliminary numbers of the reports, not later yearbook revisions). "
        "Give the version: the data are rebuilt when extraction improves.",
        f"> {author} ({year}). *Growth targets of Chinese government work reports, {first}–{last}* "
        f"(dataset `targets` of govreports {version}) [Data set].",
        bib_data,
        "`CITATION.cff` at the root of the repository holds the same information; hosting sites "
        "(GitHub's \"Cite this repository\") and Zotero read it. There is no DOI yet.",
    ])


GENERATORS = {
    "indicators": _indicators_table,
    "themes": _themes_table,
    "policy_terms": _policy_terms_summary,
    "stopwords": _stopwords_table,
    "api": _api_table,
    "cli": _cli_help,
    "report_flags": _report_flags,
    "figure_flags": _figure_flags,
    "attach_cues": _attach_cues,
    "review_flags": _review_flags,
    "verdicts": _verdicts,
    "growth_only": _growth_only,
    "extras": _extras,
    "modules": _modules,
    "notebooks": _notebooks,
    "targets_card": _targets_card,
    "performance_results": _performance_results,
    "citation": _citation,
}

#: ``<!-- gr:NAME -->`` or ``<!-- gr:NAME ARGUMENT -->`` on a line of its own (indented in a list item).
MARKER = re.compile(r"^([ \t]*)<!--[ \t]*gr:(\w+)(?:[ \t]+([\w.-]+))?[ \t]*-->[ \t]*$", re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace ``<!-- gr:NAME -->`` markers by generated Markdown, in the page's language."""
    lang = _page_language(page)

    def fill(m: re.Match[str]) -> str:
        indent, name, argument = m.group(1), m.group(2), m.group(3)
        if name not in GENERATORS:
            raise ValueError(f"{page.file.src_path}: unknown marker gr:{name}; known: {', '.join(GENERATORS)}")
        text = GENERATORS[name](lang, argument) if argument else GENERATORS[name](lang)
        return "\n".join(indent + line if line else line for line in text.split("\n"))

    return MARKER.sub(fill, markdown)


# --------------------------------------------------------------------------- docstrings

_ROLE = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|data|obj|exc|const):`~?([^`]+)`")
_PROMPT = re.compile(r"^(\s*)>>> ")
_BORDER = re.compile(r"^(\s*)(=+)((?: +=+)+)\s*$")


def _fence_doctests(lines: list[str]) -> list[str]:
    """Wrap runs of ``>>>`` lines and their output in ```` ```pycon ```` fences."""
    out: list[str] = []
    i, fenced = 0, False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        m = None if fenced else _PROMPT.match(line)
        if not m:
            out.append(line)
            i += 1
            continue
        indent = m.group(1)
        out.append(f"{indent}```pycon")
        while i < len(lines) and lines[i].strip():
            out.append(lines[i])
            i += 1
        out.append(f"{indent}```")
    return out


def _simple_tables(lines: list[str]) -> list[str]:
    """Turn reST simple tables (``=====  =====`` borders) into Markdown tables."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _BORDER.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        border = lines[i]
        spans = [(s.start(), s.end()) for s in re.finditer(r"=+", border)]
        j = i + 1
        rows: list[list[str]] = []
        borders = 1
        while j < len(lines) and borders < 3:
            if _BORDER.match(lines[j]):
                borders += 1
            elif lines[j].strip():
                cells = []
                for k, (a, _) in enumerate(spans):
                    end = spans[k + 1][0] if k + 1 < len(spans) else None
                    cells.append(lines[j][a:end].strip())
                if rows and not cells[0] and borders == 2:  # continuation line
                    rows[-1] = [f"{x} {y}".strip() for x, y in zip(rows[-1], cells, strict=True)]
                else:
                    rows.append(cells)
            j += 1
        if borders < 3 or not rows:  # not a table after all
            out.append(lines[i])
            i += 1
            continue
        indent = m.group(1)
        out.append(indent + "| " + " | ".join(rows[0]) + " |")
        out.append(indent + "|" + "---|" * len(spans))
        out += [indent + "| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:]]
        i = j
    return out


def _section_of(lines: list[str], i: int) -> str:
    """The numpydoc section (lower case) line ``i`` stands in: the last header above it."""
    for j in range(i - 1, 0, -1):
        if re.fullmatch(r"-{3,}\s*", lines[j]) and lines[j - 1].strip():
            return lines[j - 1].strip().lower()
    return ""


_GROUPED = re.compile(r"^(\s*)([A-Za-z_]\w*(?:, [A-Za-z_]\w*)+)\s*$")


def _split_grouped_parameters(lines: list[str]) -> list[str]:
    """``a, b, c`` + description (no type) → one entry per name, each with the description.

    Griffe gives grouped names the first name's type and default; split, each name
    takes its own from the signature.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _GROUPED.match(lines[i])
        indent = len(m.group(1)) if m else 0
        body_end = i + 1
        while body_end < len(lines) and (
            not lines[body_end].strip() or len(lines[body_end]) - len(lines[body_end].lstrip()) > indent
        ):
            body_end += 1
        body = lines[i + 1 : body_end]
        in_parameters = _section_of(lines, i) in ("parameters", "other parameters")
        if not (m and body and body[0].strip() and in_parameters):
            out.append(lines[i])
            i += 1
            continue
        while body and not body[-1].strip():
            body.pop()
        for name in m.group(2).split(", "):
            out.append(m.group(1) + name)
            out.extend(body)
        i = i + 1 + len(body)
    return out


_NUMPY_SECTIONS = {
    "parameters",
    "other parameters",
    "returns",
    "yields",
    "receives",
    "raises",
    "warns",
    "warnings",
    "see also",
    "notes",
    "references",
    "examples",
    "attributes",
    "methods",
    "functions",
    "classes",
    "modules",
    "deprecated",
}


def _definition_lists(lines: list[str]) -> list[str]:
    """reST definition lists (term, then an indented definition) in free-text sections → Markdown.

    Only inside sections that are not numpydoc's own (``Rules``, ``Design`` …), whose
    ``name`` + indented text is parsed by griffe and must stay as it is.
    """
    out: list[str] = []
    section = ""
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not fenced and line.strip() and re.fullmatch(r"-{3,}\s*", nxt):
            section = line.strip().lower()
            out += [line, nxt]
            i += 2
            continue
        is_term = (
            not fenced
            and section
            and section not in _NUMPY_SECTIONS
            and line.strip()
            and not line.startswith((" ", "*", "-", "|", "`"))
            and nxt.startswith("  ")
            and nxt.strip()
        )
        if not is_term:
            out.append(line)
            i += 1
            continue
        j = i + 1
        while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
            if not lines[j].strip() and (j + 1 >= len(lines) or not lines[j + 1].startswith(" ")):
                break
            j += 1
        definition = textwrap.dedent("\n".join(lines[i + 1 : j])).split("\n")
        if out and out[-1].strip():
            out.append("")
        out += [f"**{line.strip()}**", ""] + definition + [""]
        i = j
    return out


def rst_to_markdown(text: str) -> str:
    """The Markdown rendering of a numpydoc/reST docstring body."""
    text = _ROLE.sub(r"`\1`", text)
    lines = _split_grouped_parameters(_simple_tables(_fence_doctests(text.split("\n"))))
    lines = _definition_lists(lines)
    # "text::" followed by an indented block is a reST literal block: keep one colon.
    lines = [re.sub(r"(\S)::$", r"\1:", line) for line in lines]
    return "\n".join(lines)


class RstToMarkdown(griffe.Extension):
    """Griffe extension: render the reST habits of the docstrings as Markdown."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: D102
        # Called for every object, packages included, as soon as it is created.
        if obj.docstring is None and obj.is_attribute:
            comment = _hash_colon_comment(obj)
            if comment:
                obj.docstring = griffe.Docstring(comment, parent=obj)
        if obj.docstring is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)


def _hash_colon_comment(obj: griffe.Object) -> str:
    """The Sphinx-style ``#:`` comment lines just above a module attribute, if any."""
    try:
        lines = obj.lines_collection[obj.filepath]  # the source griffe already read
    except (KeyError, TypeError, AttributeError):
        return ""
    i = (obj.lineno or 0) - 2  # 0-based index of the line above
    found: list[str] = []
    while 0 <= i < len(lines) and lines[i].lstrip().startswith("#:"):
        found.insert(0, lines[i].lstrip()[2:].strip())
        i -= 1
    return " ".join(found)
