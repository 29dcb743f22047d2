"""Package hygiene: light import, public names documented."""

from __future__ import annotations

import subprocess
import sys

import govreports as gr

# pyarrow is not in the list: pandas 3 itself imports it
HEAVY = ["jieba", "matplotlib", "ipywidgets", "pdfplumber", "docx", "dask", "rjieba", "tqdm"]


def test_import_loads_no_heavy_module():
    code = f"import sys, govreports; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_import_prints_nothing():
    r = subprocess.run([sys.executable, "-c", "import govreports"], capture_output=True, text=True, check=True)
    assert r.stdout == "" and r.stderr == ""


def test_version():
    assert gr.__version__.count(".") == 2


def test_every_public_name_has_a_numpydoc_docstring():
    for name in gr.__all__:
        obj = getattr(gr, name)
        if name.startswith("__") or isinstance(obj, type):
            continue
        doc = obj.__doc__ or ""
        assert "Returns\n" in doc or "Returns\r\n" in doc, name
        assert "Examples\n" in doc, name
