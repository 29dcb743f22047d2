"""The govreports command: output, exit codes, one line per bad file, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import govreports as gr


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    return subprocess.run(
        [sys.executable, "-m", "govreports", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_info_sample():
    r = run("info", "--sample")
    assert r.returncode == 0, r.stderr
    header, *lines = r.stdout.strip().split("\n")
    assert header.split("\t")[:2] == ["report_id", "region"]
    assert [ln.split("\t")[1] for ln in lines] == ["横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"]
    assert lines[4].split("\t")[5] == "truncated"
    assert all(ln.split("\t")[2] == "township" and ln.split("\t")[3] == "2023" for ln in lines)


def test_info_bad_files_one_line_each_and_nonzero_exit(tmp_path, sample):
    good = tmp_path / "good.txt"
    good.write_text(sample["text"][1], encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    missing = tmp_path / "missing.md"
    r = run("info", str(missing), str(empty), str(good), str(image))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    err = r.stderr.strip().split("\n")
    assert err == [
        f"{missing}: no such file or directory",
        f"{empty}: empty file",
        f"{image}: is a PNG image, not a text report",
    ]
    assert r.stdout.count("\n") == 2 and "六镇镇" in r.stdout  # the header and one report


def test_size_limits_are_options_of_every_reading_command(tmp_path, sample):
    small = tmp_path / "small.txt"
    small.write_text(sample["text"][2], encoding="utf-8")  # 泥溪镇, about 17 KB
    big = tmp_path / "big.txt"
    big.write_text(sample["text"][0], encoding="utf-8")  # 横沥镇, about 51 KB
    size = big.stat().st_size
    for cmd in (["info"], ["metrics"], ["panel"], ["split", "--out", str(tmp_path / "split")]):
        r = run(*cmd, str(small), str(big), "--max-mb", "0.03")
        assert r.returncode == 1, (cmd, r.stderr)
        assert r.stderr.strip().split("\n") == [
            f"{big}: is {size:,} bytes, over the limit of 30,000 (Limits.max_bytes)"
        ], cmd
        assert "泥溪镇" in r.stdout and "横沥镇" not in r.stdout
    r = run("info", str(small), "--max-pdf-pages", "0")
    assert r.returncode == 2 and "must be positive" in r.stderr
    r = run("info", str(small), "--max-docx-mb", "lots")
    assert r.returncode == 2 and "not a number" in r.stderr


def test_info_csv():
    r = run("info", "--sample", "--format", "csv")
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "report_id,region,level,year,chars,quality_flags,source"


def test_split(tmp_path, seed_path):
    out = tmp_path / "out"
    r = run("split", str(seed_path), "--out", str(out))
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"2023_{n}.txt" for n in ["横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"])
    assert (out / "2023_平湖镇.txt").read_text(encoding="utf-8").startswith("平湖镇2023年政府工作报告\n")


def test_usage_errors_exit_2():
    r = run()
    assert r.returncode == 2
    r = run("info", "--format", "xml")
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_console_entry_point_is_installed():
    import shutil

    exe = shutil.which("govreports", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        pytest.skip("package not installed with its console script")
    r = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("govreports ")


def test_panel_csv_sample():
    import io

    import pandas as pd

    r = run("panel", "--sample")
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(io.StringIO(r.stdout), dtype={"division_code": str})
    gdp = table[(table["indicator"] == "gdp") & (table["kind"] == "target")].set_index("region")
    assert gdp.loc["横沥镇", "value"] == 6.0
    assert gdp.loc["濮院镇", "division_code"] == "330483101000"
    assert not table.duplicated(["report_id", "indicator", "kind", "measure"]).any()


def test_metrics_jsonl_and_parquet(tmp_path):
    import json

    r = run("metrics", "--sample", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {"report_id", "start", "end", "sentence", "quality_flags"} <= set(rows[0])
    out = tmp_path / "m.parquet"
    r = run("metrics", "--sample", "--format", "parquet", "-o", str(out))
    assert r.returncode == 0, r.stderr
    import pyarrow.dataset as ds

    import govreports as gr

    back = gr.read_table(out)  # (as docs/guide/cli.md says: level and year columns, year as integers)
    assert len(back) == len(rows)
    assert back["year"].dtype.kind == "i" and set(back["level"]) == {"township"}
    assert back.attrs["provenance"]["command"].startswith("govreports metrics")
    assert any(out.glob("level=township/year=*/*.parquet"))
    assert ds.dataset(str(out), format="parquet", partitioning="hive").count_rows() == len(rows)


def test_metrics_splits_compilations_and_keeps_source(seed_path):
    import io

    import pandas as pd

    r = run("metrics", str(seed_path))
    assert r.returncode == 0, r.stderr
    table = pd.read_csv(io.StringIO(r.stdout))
    assert set(table["region"]) == {"横沥镇", "六镇镇", "泥溪镇", "平湖镇", "濮院镇"}
    assert set(table["source"]) == {str(seed_path)}


def test_info_locate():
    r = run("info", "--sample", "--locate")
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[1].split("\t")
    assert first[1] == "横沥镇" and "东莞市" in first and "441900106000" in first


def test_metrics_jobs_streaming_equals_the_api(tmp_path, seed_path, sample):
    import pandas as pd

    import govreports as gr

    copy = tmp_path / "copy.txt"
    copy.write_text(sample["text"][0], encoding="utf-8")  # a second 2023_横沥镇: ids must be renumbered
    one = tmp_path / "one.csv"
    two = tmp_path / "two.csv"
    assert run("metrics", str(seed_path), str(copy), "-o", str(one)).returncode == 0
    assert run("metrics", str(seed_path), str(copy), "--jobs", "2", "-o", str(two)).returncode == 0
    a, b = pd.read_csv(one), pd.read_csv(two)
    pd.testing.assert_frame_equal(a, b)
    api = gr.extract_metrics(gr.locate(gr.read_reports([seed_path, copy])))
    # the CLI streams file by file; the API sorts by report: same rows
    key = ["report_id", "start"]
    assert a.sort_values(key)[key].values.tolist() == api.sort_values(key)[key].values.tolist()
    assert "2023_横沥镇_2" in set(a["report_id"])


def test_stata_and_targets_export(tmp_path):
    import pandas as pd

    r = run("panel", "--sample", "--format", "stata", "-o", str(tmp_path / "p.dta"))
    assert r.returncode == 0, r.stderr
    assert len(pd.read_stata(tmp_path / "p.dta")) > 50
    r = run("targets", "--out", str(tmp_path / "t.csv"), "--level", "national")
    assert r.returncode == 0, r.stderr
    t = pd.read_csv(tmp_path / "t.csv")
    assert set(t["level"]) == {"national"} and {1994, 2026} <= set(t["year"])


def test_review_sheet_and_corrections_round_trip(tmp_path):
    import pandas as pd

    sheet = tmp_path / "sheet.csv"
    r = run("review", "--sample", "-o", str(sheet))
    assert r.returncode == 0, r.stderr
    filled = pd.read_csv(sheet, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    gdp = filled.index[(filled["region"] == "平湖镇") & (filled["indicator"] == "gdp") & (filled["kind"] == "target")]
    filled.loc[gdp, ["verdict", "correct_value"]] = ["fix", "9.5"]
    stale = dict.fromkeys(filled.columns, "") | {"review_key": "0123456789abcdef:1:2:gdp", "verdict": "ok"}
    pd.concat([filled, pd.DataFrame([stale])]).to_csv(tmp_path / "filled.csv", index=False, encoding="utf-8-sig")
    out = tmp_path / "panel.csv"
    r = run("panel", "--sample", "--corrections", str(tmp_path / "filled.csv"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "1 of 2 corrections name figures no longer found" in r.stderr
    table = pd.read_csv(out)
    row = table[(table["region"] == "平湖镇") & (table["indicator"] == "gdp") & (table["kind"] == "target")]
    assert row["value"].tolist() == [9.5] and row["quality_flags"].tolist() == ["corrected"]


def test_corrections_file_missing_is_a_usage_error(tmp_path):
    r = run("panel", "--sample", "--corrections", str(tmp_path / "none.csv"))
    assert r.returncode == 2 and "no such corrections file" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("cache", [False, True])
def test_a_run_without_figures_still_writes_the_header(tmp_path, cache):
    src = tmp_path / "横沥镇.txt"
    src.write_text("横沥镇2023年政府工作报告\n各位代表：\n今年我们继续努力。\n", encoding="utf-8")
    out = tmp_path / "metrics.csv"
    extra = ["--cache", str(tmp_path / "cache")] if cache else []
    for _ in range(1 + cache):  # with a cache: the second run reads the cached (empty) entry
        r = run("metrics", str(src), "-o", str(out), *extra)
        assert r.returncode == 0, r.stderr
        table = pd.read_csv(out)
        assert table.empty and {"report_id", "indicator", "value", "period"} <= set(table.columns)


def test_every_reading_limit_has_a_flag(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<p>横沥镇</p>" * 50 + "</body></html>", encoding="utf-8")
    r = run("info", str(page), "--max-html-elements", "10")
    assert r.returncode == 1 and "over the limit (Limits.max_html_elements)" in r.stderr
    text = tmp_path / "横沥镇.txt"
    text.write_text("横沥镇2023年政府工作报告\n" + "各位代表：\n" * 20, encoding="utf-8")
    for flag, limit in (("--max-chars", "Limits.max_chars"), ("--max-lines", "Limits.max_lines")):
        r = run("info", str(text), flag, "10")
        assert r.returncode == 1 and r.stderr.startswith(f"{text}: has ")
        assert f"over the limit of 10 ({limit})" in r.stderr
    help_text = run("info", "--help").stdout
    for flag in ("--max-mb", "--max-docx-mb", "--max-pdf-pages", "--max-pdf-mb", "--max-pdf-content-mb",
                 "--max-pdf-page-objects", "--max-html-elements", "--max-chars", "--max-lines"):
        assert flag in help_text


def test_main_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """A run collects garbage less often (its objects are short-lived); a program that calls
    main() gets its collector back as it was."""
    import gc

    from govreports._cli import main

    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    assert main(["metrics", "--sample", "-o", str(tmp_path / "m.csv")]) == 0
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
    assert (tmp_path / "m.csv").stat().st_size > 0


def test_a_parquet_run_ends_after_the_exit_handlers(tmp_path):
    # after a command that loaded pyarrow, run() ends the process with os._exit (Arrow's thread
    # pools can abort the interpreter's finalization): exit handlers still run, output is whole
    out = tmp_path / "m.parquet"
    code = (
        "import atexit, sys\n"
        "from govreports import _cli\n"
        "atexit.register(lambda: print('handler ran', flush=True))\n"
        f"sys.argv = ['govreports', 'metrics', '--sample', '--format', 'parquet', '-o', {str(out)!r}]\n"
        "_cli.run()\n"
        "print('not reached')\n"
    )
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["handler ran"]
    assert len(gr.read_table(out)) == len(gr.extract_metrics(gr.load_sample()))
