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
    command-line help), so these pages cannot drift from the code;

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
import re
import textwrap
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import griffe

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
                GENERATED_REFERENCE[page] = f"# `govreports.{name}`\n\n::: govreports.{name}\n"
            if page not in listed:
                reference.append({f"govreports.{name}": page})

    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    if found and _nav_section(nav, "Notebooks") is None:  # a section written by hand wins
        entries = [{_notebook_title(p): f"notebooks/{p.name}"} for p in found]
        position = next(
            (i + 1 for i, item in enumerate(nav) if isinstance(item, dict) and "User guide" in item),
            len(nav),
        )
        nav.insert(position, {"Notebooks": entries})
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated reference pages; drop the docs/notebooks link when notebooks/ is absent."""
    from mkdocs.structure.files import File

    for f in list(files):
        if f.abs_src_path and not f.generated_by and not os.path.exists(f.abs_src_path):
            files.remove(f)  # a dangling symlink
    for page, content in GENERATED_REFERENCE.items():
        if files.get_file_from_path(page) is None:
            files.append(File.generated(config, page, content=content))
    return files


_NOTEBOOK_LINK = re.compile(r'href="([\w.-]+)\.ipynb(#[^"]*)?"')


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Point a notebook's links to its sibling notebooks (``02_x.ipynb``) at their pages.

    mkdocs-jupyter renders a notebook as ``notebooks/<name>/index.html`` and leaves
    its links as written, which work in Jupyter but not on the site.
    """
    src = page.file.src_uri
    if not (src.startswith("notebooks/") and src.endswith(".ipynb")):
        return output

    def fix(m: re.Match[str]) -> str:
        name, fragment = m.group(1), m.group(2) or ""
        if name == Path(src).stem or not (NOTEBOOKS / f"{name}.ipynb").is_file():
            return m.group(0)  # its own source (copied beside the page), or not a notebook of ours
        target = f"../{name}/" if config["use_directory_urls"] else f"{name}.html"
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


def _indicators_table() -> str:
    rows = _read_tsv(PACKAGE / "indicators.tsv")
    body = [
        [f"`{r['id']}`", r["name_zh"], r["unit_kind"], " · ".join(r["aliases"].split("|")), r["description"]]
        for r in rows
    ]
    intro = (
        f"{len(rows)} indicators, read from `govreports/indicators.tsv` when this site was built. "
        "Aliases are listed as in the file; matching is longest-first.\n\n"
    )
    return intro + _table(["id", "name_zh", "unit_kind", "aliases (surface forms)", "description"], body)


def _policy_docs() -> dict[str, int]:
    out = {}
    for r in _read_tsv(PACKAGE / "lexicons" / "policy_terms.tsv"):
        try:
            out[r["term"]] = int(r["docs"])
        except (KeyError, ValueError):
            continue
    return out


def _themes_table() -> str:
    rows = _read_tsv(PACKAGE / "lexicons" / "themes.tsv")
    docs = _policy_docs()
    terms: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in rows:
        terms[r["theme"]].append(r["term"])
        names[r["theme"]] = r["theme_zh"]
    body = []
    try:  # the package's own theme order, else the file's
        from govreports.themes import THEME_IDS

        order = [t for t in THEME_IDS if t in terms] + [t for t in terms if t not in THEME_IDS]
    except ImportError:
        order = list(terms)
    for theme in order:
        words = terms[theme]
        # Examples: the theme's terms found in most corpus reports (policy_terms `docs`).
        ranked = sorted(words, key=lambda w: (-docs.get(w, -1), w))[:8]
        body.append([f"`{theme}`", names[theme], len(words), ", ".join(ranked)])
    intro = (
        f"{len(rows)} terms in {len(terms)} themes, read from `govreports/lexicons/themes.tsv` when "
        "this site was built. Examples are the theme's terms that occur in the most corpus reports "
        "(the `docs` column of `policy_terms.tsv`).\n\n"
    )
    return intro + _table(["theme", "theme_zh", "terms", "examples"], body, "llrl")


def _policy_terms_summary() -> str:
    rows = _read_tsv(PACKAGE / "lexicons" / "policy_terms.tsv")
    docs = [int(r["docs"]) for r in rows]
    seeds = [int(r["seed"]) for r in rows]
    lengths = Counter(min(len(r["term"]), 9) for r in rows)
    length_rows = [[f"{n}" if n < 9 else "9 or more", lengths[n]] for n in sorted(lengths)]
    top = sorted(rows, key=lambda r: (-int(r["docs"]), r["term"]))[:20]
    top_rows = [[r["term"], f"{int(r['docs']):,}", r["seed"]] for r in top]
    parts = [
        f"`govreports/lexicons/policy_terms.tsv` holds **{len(rows):,} terms**: "
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


def _stopwords_table() -> str:
    blocks: dict[str, list[str]] = {}
    current = "(before the first block)"
    for line in (PACKAGE / "lexicons" / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*\[block:(\w+)\]", line)
        if m:
            current = m.group(1)
            blocks.setdefault(current, [])
        elif line.strip() and not line.startswith("#"):
            blocks.setdefault(current, []).append(line.strip())
    body = [[f"`{name}`", len(words), " ".join(_literal(w) for w in words[:15])] for name, words in blocks.items()]
    total = sum(len(w) for w in blocks.values())
    intro = f"`govreports/lexicons/stopwords.txt` holds {total} stop words in {len(blocks)} blocks.\n\n"
    return intro + _table(["block", "words", "first words"], body, "lrl")


def _api_table() -> str:
    import govreports  # light: the package imports no heavy dependency

    body = []
    for name in govreports.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(govreports, name)
        module = getattr(obj, "__module__", "govreports")
        summary = (obj.__doc__ or "").strip().splitlines()[0] if obj.__doc__ else ""
        summary = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", summary)
        body.append([f"[`gr.{name}`][{module}.{name}]", summary])
    return _table(["name", "summary"], body)


def _cli_help() -> str:
    import argparse

    from govreports.cli import build_parser

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


def _dict_table(mapping: dict[str, str], key: str, value: str) -> str:
    return _table([key, value], [[f"`{k}`", v] for k, v in mapping.items()])


def _report_flags() -> str:
    from govreports.schema import REPORT_FLAGS

    return _dict_table(REPORT_FLAGS, "flag", "meaning")


def _figure_flags() -> str:
    from govreports.metrics import FIGURE_FLAGS

    return _dict_table(FIGURE_FLAGS, "flag", "meaning")


def _attach_cues() -> str:
    from govreports.metrics import ATTACH_CUES

    return _dict_table(ATTACH_CUES, "cue", "the rule that attached the figure")


def _review_flags() -> str:
    from govreports.metrics import FIGURE_FLAGS, REVIEW_FLAGS

    return _dict_table({f: FIGURE_FLAGS[f] for f in sorted(REVIEW_FLAGS)}, "flag", "why the row needs a look")


def _verdicts() -> str:
    from govreports.review import VERDICTS

    return _dict_table(VERDICTS, "verdict", "what it does")


def _growth_only() -> str:
    from govreports.indicators import GROWTH_ONLY_ALIASES

    return _table(["phrase", "indicator"], [[k, f"`{v}`"] for k, v in GROWTH_ONLY_ALIASES.items()])


_EXTRA_USE = {
    "pdf": "reading `.pdf` files with a text layer",
    "docx": "reading Word `.docx` files",
    "fast": '`tokenize(engine="rjieba")`: the same tokens, faster',
    "scale": "Parquet output, dask and large runs",
    "widgets": "the interactive explorer (`govreports.widgets`)",
    "test": "running the test suite and the notebooks",
    "docs": "building this site",
    "dev": "working on govreports (everything)",
}


def _extras() -> str:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg", encoding="utf-8")
    rows = []
    for name, value in parser.items("options.extras_require"):
        packages = [line.strip() for line in value.splitlines() if line.strip()]
        rows.append([f"`{name}`", ", ".join(f"`{p}`" for p in packages), _EXTRA_USE.get(name, "")])
    core = [line.strip() for line in parser.get("options", "install_requires").splitlines() if line.strip()]
    intro = "Always installed: " + ", ".join(f"`{p}`" for p in core) + ".\n\n"
    return intro + _table(["extra", "installs", "needed for"], rows)


def _modules() -> str:
    rows = []
    for name, summary in _public_modules().items():
        if name == "__init__":
            continue
        rows.append([f"[`govreports.{name}`]({name}.md)", summary.replace("``", "`")])
    return _table(["module", "what it holds"], rows)


def _notebooks() -> str:
    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not found:
        return ""
    lines = ["## Notebooks", "", "Worked examples, rendered with their stored outputs:", ""]
    lines += [f"- [{_notebook_title(p)}](notebooks/{p.name})" for p in found]
    return "\n".join(lines)


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
}

MARKER = re.compile(r"^<!--[ \t]*gr:(\w+)[ \t]*-->[ \t]*$", re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace ``<!-- gr:NAME -->`` markers by generated Markdown."""

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in GENERATORS:
            raise ValueError(f"{page.file.src_path}: unknown marker gr:{name}; known: {', '.join(GENERATORS)}")
        return GENERATORS[name]()

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
