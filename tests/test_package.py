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


def test_import_and_every_figure_as_csv_need_no_pandas(tmp_path):
    """``import govreports`` and ``govreports metrics … -o out.csv`` (every figure, CSV) leave
    pandas and numpy unimported (a tenth and a twentieth of such a run's time); a run writing
    JSON Lines imports them."""
    report = tmp_path / "甲镇.txt"
    report.write_text("甲镇2023年政府工作报告\n各位代表：\n地区生产总值增长6%。", encoding="utf-8")
    loaded = "print('pandas' in sys.modules, 'numpy' in sys.modules)"
    code = f"import sys, govreports; {loaded}\nfrom govreports._cli import main; main(sys.argv[1:]); {loaded}"
    for fmt, imported in (("csv", "False"), ("jsonl", "True")):
        out = tmp_path / f"m.{fmt}"
        r = subprocess.run([sys.executable, "-c", code, "metrics", str(report), "--format", fmt, "-o", str(out)],
                           capture_output=True, text=True, check=True)
        assert r.stdout.split() == ["False", "False", imported, imported]
        assert "6" in out.read_text(encoding="utf-8")


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
