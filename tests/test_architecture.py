"""The shape of the package: stages, who may import whom, short functions, lint, bundled data.

The rules are the ones docs/architecture.md draws; these tests keep the drawing true.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import govreports as gr
from govreports.datasets import DATASETS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "govreports"

#: Layers from the bottom; a module may import its own layer and the layers below.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("errors", "schema", "_version", "_util", "_regex", "_format", "_parallel", "_deprecated", "_jieba",
              "_lazy", "fonts")),
    ("datasets", ("datasets",)),
    ("io", ("io",)),
    ("extract", ("extract",)),
    ("text", ("text",)),
    ("pipeline", ("_pipeline", "_cache")),
    ("present", ("present",)),
    ("top", ("__init__", "__main__", "_cli", "evaluate")),
]
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    """Dotted name (relative to the package) → file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _layer(module: str) -> int:
    head = module.split(".")[0]
    for i, (_, members) in enumerate(LAYERS):
        if head in members:
            return i
    raise AssertionError(f"govreports.{module} is in no layer of tests/test_architecture.py: add it")


def _imports(module: str, path: Path) -> list[tuple[str, list[str], int, bool]]:
    """(imported module, names, line, inside a function) for the package-internal imports of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    inner = {id(s) for f in functions for s in ast.walk(f)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and (node.module == "govreports" or node.module.startswith("govreports.")):
                target = node.module[len("govreports"):].lstrip(".")
            else:
                continue
            names = [a.name for a in node.names]
            if not node.module and node.level:  # from . import _numbers: modules by name
                target, names = (target + "." if target else ""), names
                for n in names:
                    found.append((target + n, [], node.lineno, id(node) in inner))
                continue
            found.append((target, names, node.lineno, id(node) in inner))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "govreports" or a.name.startswith("govreports."):
                    found.append((a.name[len("govreports"):].lstrip("."), [], node.lineno, id(node) in inner))
    return found


def test_every_module_is_in_a_layer_and_imports_only_downwards():
    wrong = []
    for module, path in _modules().items():
        mine = _layer(module)
        for target, _, line, _ in _imports(module, path):
            if target in ("", "__init__") and module == "_cli":
                continue  # the command line uses the public API, as a user would
            if not target:
                wrong.append(f"govreports.{module}:{line} imports the package root")
                continue
            if _layer(target) > mine:
                wrong.append(f"govreports.{module}:{line} ({LAYERS[mine][0]}) imports govreports.{target} "
                             f"({LAYERS[_layer(target)][0]})")
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_another_modules_private_names():
    wrong = []
    for module, path in _modules().items():
        for target, names, line, _ in _imports(module, path):
            private = [n for n in names if n.startswith("_") and n != "__version__"]
            if private:
                wrong.append(f"govreports.{module}:{line} imports {private} from govreports.{target}")
    assert not wrong, "\n".join(wrong)


def test_package_imports_sit_at_the_top_of_modules():
    # only optional third-party packages are imported inside functions
    inner = [f"govreports.{m}:{line} imports govreports.{t}" for m, p in _modules().items()
             for t, _, line, is_inner in _imports(m, p) if is_inner and m != "_cli"]
    assert not inner, "\n".join(inner)


def test_no_public_module_is_shadowed():
    for module in _modules():
        head = module.split(".")[0]
        if head.startswith("_") or "." in module:
            continue
        sub = importlib.import_module(f"govreports.{head}")
        assert getattr(gr, head) is sub, f"gr.{head} is not the module govreports.{head}"


def test_functions_are_short():
    long = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if ast.get_docstring(node):
                    doc = node.body[0]
                    lines -= doc.end_lineno - doc.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"govreports.{module}.{node.name}: {lines} lines")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines (docstring not counted):\n" + "\n".join(long)


def test_ruff_passes():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    r = subprocess.run([ruff, "check", "govreports", "tests", "tools", "benchmarks", "docs/hooks.py"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# --------------------------------------------------------------------------- bundled data


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_bundled_dataset_has_a_loader_a_card_and_data(name):
    data_file, card_file, loader_name = DATASETS[name]
    assert loader_name.startswith("load_") and loader_name in gr.__all__
    loader = getattr(gr, loader_name)
    assert not [p for p in inspect.signature(loader).parameters.values() if p.default is inspect.Parameter.empty]
    assert (PACKAGE / "datasets" / data_file).is_file()
    card = gr.describe_dataset(name)
    assert card.startswith("# ") and len(card) > 500, "a card says source, coverage, caveats and columns"
    data = loader()
    assert len(data) > 0
    if isinstance(data, pd.DataFrame):
        assert data.columns.is_unique
        assert all(isinstance(c, str) and c == c.lower() and " " not in c for c in data.columns)
        again = loader()
        again.iloc[:, 0] = None  # a caller changing its copy …
        pd.testing.assert_frame_equal(loader(), data)  # … leaves the next caller's untouched
    else:
        assert data == sorted(data)


def test_no_module_outside_datasets_opens_a_bundled_file():
    wrong = []
    for module, path in _modules().items():
        if module.startswith(("datasets", "fonts")):
            continue
        text = path.read_text(encoding="utf-8")
        if 'resources.files("govreports' in text:
            wrong.append(f"govreports.{module}")
    assert not wrong, f"bundled files are read by govreports.datasets only: {wrong}"


def test_listed_datasets_are_the_registry():
    assert set(gr.list_datasets()) == set(DATASETS)


def test_region_suffixes_are_written_once_in_schema():
    # a pattern naming nine or more region suffixes (街道|镇|乡|县|区|市|旗…) is a copy of
    # schema.REGION_SUFFIXES: it is built from it with schema.region_suffix_pattern instead
    from govreports.schema import REGION_SUFFIXES

    suffixes = set(REGION_SUFFIXES)
    copies = []
    for module, path in _modules().items():
        if module == "schema":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for run in re.findall(r"(?:[\u4e00-\u9fff]{1,5}\|){3,}[\u4e00-\u9fff]{1,5}", node.value):
                    if len(suffixes.intersection(run.split("|"))) >= 9:
                        copies.append(f"govreports.{module}:{node.lineno}")
    assert not copies, f"region suffixes written outside schema.py: {copies}"


def test_level_units_live_in_schema():
    from govreports.schema import DEFAULT_LEVEL_UNIT, LEVEL_UNITS

    assert DEFAULT_LEVEL_UNIT == "亿元" and LEVEL_UNITS["rural_income"] == "元"
    for module, path in _modules().items():
        if module != "schema":
            assert "LEVEL_UNITS: dict" not in path.read_text(encoding="utf-8"), module


def test_every_per_report_table_carries_the_document_variables():
    # region, level, year and division_code right after report_id, in every table of rows of a report
    located = gr.locate(gr.load_sample())
    tables = {
        "sections": gr.sections(located),
        "sentences": gr.sentences(located),
        "extract_metrics": gr.extract_metrics(located),
        "tokenize": gr.tokenize(located),
        "attention by report": gr.attention(located, by="report_id"),
        "kwic": gr.kwic(located, "乡村振兴"),
        "slogans": gr.slogans(located),
    }
    for name, table in tables.items():
        cols = list(table.columns)
        at = cols.index("report_id")
        assert cols[at:at + 4] == ["report_id", "region", "level", "year"], name
        assert "division_code" in cols, name
        merged = table.drop_duplicates("report_id").merge(located[["report_id", "region"]], on="report_id")
        assert (merged["region_x"] == merged["region_y"]).all(), name
