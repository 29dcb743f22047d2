"""Hostile and careless use: outputs never half-written or clobbered, names and ids
unique, and one ``PATH: reason`` line per bad input instead of a traceback.

Every case is generated here, small, in ``tmp_path``; a real process is run
where one is needed (signals, worker processes, two runs at once). No
wall-clock assertions: time and memory are measured in
``benchmarks/hostile_output.py``.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import govreports as gr
from govreports import _cli as cli
from govreports.errors import GovReportsWarning, InvalidMetadataError, OutputPathError
from govreports.present._report import write_report

BODY = "各位代表：\n过去一年，全镇地区生产总值15.2亿元，增长4%。\n今年主要预期目标是：地区生产总值增长6%左右。\n"


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    return subprocess.run([sys.executable, "-m", "govreports", *args], capture_output=True, text=True, env=env,
                          timeout=600, **kwargs)


def start(*args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    return subprocess.Popen([sys.executable, "-m", "govreports", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kwargs)


def front_matter(path: Path, region: str, year: str = "2023", *, bom: bool = False) -> Path:
    text = f"---\nregion: {region}\nyear: {year}\n---\n{BODY}"
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    return path


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".partial-" in p.name)


def no_traceback(r) -> None:
    assert "Traceback" not in r.stderr, r.stderr


# --------------------------------------------------------------------------- outputs


def test_a_failed_run_leaves_the_existing_output(tmp_path):
    out = tmp_path / "panel.csv"
    out.write_text("the results of last night\n", encoding="utf-8")
    r = run("panel", str(tmp_path / "typo.txt"), "-o", str(out))
    assert r.returncode == 1
    no_traceback(r)
    assert r.stderr.splitlines() == [
        f"{tmp_path / 'typo.txt'}: no such file or directory",
        f"govreports: no input could be read; {out} left as it was",
    ]
    assert out.read_text(encoding="utf-8") == "the results of last night\n"
    assert partials(tmp_path) == []


def test_an_output_that_is_one_of_the_inputs_is_refused(tmp_path):
    report = front_matter(tmp_path / "a.txt", "甲镇")
    before = report.read_bytes()
    r = run("metrics", str(report), "-o", str(report))
    assert r.returncode == 2
    no_traceback(r)
    assert r.stderr.splitlines() == [
        f"govreports: {report}: is one of the inputs ({report}); write the output elsewhere"]
    assert report.read_bytes() == before
    r = run("split", str(tmp_path), "--out", str(tmp_path))
    assert r.returncode == 2 and "is one of the inputs" in r.stderr


def test_an_output_folder_where_a_file_is_wanted_is_refused_before_any_work(tmp_path):
    (tmp_path / "out.csv").mkdir()
    r = run("panel", "--sample", "-o", str(tmp_path / "out.csv"))
    assert r.returncode == 2
    assert r.stderr.strip() == f"govreports: {tmp_path / 'out.csv'}: is a folder; give a file name"


def test_parquet_output_replaces_an_earlier_dataset_and_refuses_other_folders(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "panel.parquet"
    for _ in range(2):
        r = run("panel", "--sample", "--format", "parquet", "-o", str(out))
        assert r.returncode == 0, r.stderr
    assert len(gr.read_table(out)) == len(gr.panel(gr.load_sample()))  # not twice as many
    assert partials(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["panel.parquet"]

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.docx").write_bytes(b"years of work")
    r = run("panel", "--sample", "--format", "parquet", "-o", str(notes))
    assert r.returncode == 2
    no_traceback(r)
    assert "is a folder holding other files than a Parquet dataset" in r.stderr
    assert (notes / "thesis.docx").read_bytes() == b"years of work"


def test_write_table_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    out = tmp_path / "panel.csv"
    out.write_text("old\n", encoding="utf-8")
    real = pd.DataFrame.to_csv

    def failing(self, path, *args, **kwargs):
        real(self.head(1), path, *args, **kwargs)  # half a file, then the disk fills
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing)
    with pytest.raises(OSError, match="No space left"):
        gr.write_table(gr.load_sample()[["report_id", "region"]], out)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert partials(tmp_path) == []


def test_write_table_replaces_a_link_instead_of_writing_through_it(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    link = tmp_path / "panel.csv"
    link.symlink_to(victim)
    gr.write_table(gr.load_sample()[["report_id", "region"]], link)
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert not link.is_symlink() and pd.read_csv(link)["region"].tolist() == list(gr.load_sample()["region"])


def test_two_runs_on_one_output_leave_a_whole_file(tmp_path):
    out = tmp_path / "panel.csv"
    procs = [start("panel", "--sample", "-o", str(out)) for _ in range(2)]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in results] == [0, 0], results
    assert len(pd.read_csv(out)) == len(gr.panel(gr.load_sample()))  # last writer wins, with a whole file
    assert partials(tmp_path) == []


def test_two_runs_on_one_parquet_dataset_never_both_claim_a_corrupt_one(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "panel.parquet"
    procs = [start("panel", "--sample", "--format", "parquet", "-o", str(out)) for _ in range(2)]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert 0 in [code for code, _ in results], results
    for code, err in results:
        assert "Traceback" not in err
        assert code == 0 or "another run wrote this output at the same time" in err, err
    assert len(gr.read_table(out)) == len(gr.panel(gr.load_sample()))
    assert partials(tmp_path) == []


def test_report_does_not_write_through_a_link_in_its_folder(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim.csv"
    victim.write_text("not yours\n", encoding="utf-8")
    (out / "metrics.csv").symlink_to(victim)
    (out / "mine.txt").write_text("kept\n", encoding="utf-8")
    reports = gr.reports_from_texts({"a": "甲镇2023年政府工作报告\n" + BODY, "b": "乙镇2023年政府工作报告\n" + BODY})
    index = write_report(reports, out)
    assert index == out / "index.html" and index.is_file()
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert not (out / "metrics.csv").is_symlink() and "甲镇" in (out / "metrics.csv").read_text(encoding="utf-8")
    assert (out / "mine.txt").read_text(encoding="utf-8") == "kept\n"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_report_refuses_a_linked_figures_folder_before_any_work(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "figures").symlink_to(elsewhere)
    r = run("report", "--sample", "--out", str(out))
    assert r.returncode == 2
    no_traceback(r)
    assert "is a file or a symbolic link where a folder is written" in r.stderr
    assert list(elsewhere.iterdir()) == [] and not (out / "index.html").exists()


def test_jobs_beyond_the_cpus_are_capped_and_said(tmp_path):
    from govreports._parallel import available_cpus, check_jobs

    n = available_cpus()
    r = run("panel", "--sample", "--jobs", str(n + 98), "-o", str(tmp_path / "p.csv"))
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines() == [
        f"govreports: --jobs {n + 98} is more than the {n} CPUs available; using {n}"
    ]
    with pytest.warns(GovReportsWarning, match=f"using {n}"):
        assert check_jobs(n + 98) == n
    r = run("panel", "--sample", "--jobs", "0")
    assert r.returncode == 2 and "must be positive, or -1 for all CPUs" in r.stderr


# --------------------------------------------------------------------------- interruption


def _slow_inputs(folder: Path, copies: int = 64) -> Path:
    """Enough ordinary reports that a run with two workers is still busy when it is interrupted."""
    folder.mkdir()
    for k in range(copies):
        for i, text in enumerate(gr.load_sample()["text"]):
            (folder / f"r{k:03d}_{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _interrupt(tmp_path: Path, send) -> tuple[subprocess.Popen, list, str, Path]:
    """Start metrics with two workers over slow inputs, wait until it has written part of its
    output, and interrupt it with ``send(proc)``; the process, its workers, stderr and the output."""
    psutil = pytest.importorskip("psutil")
    inputs = _slow_inputs(tmp_path / "in")
    out = tmp_path / "metrics.csv"
    out.write_text("yesterday's complete output\n", encoding="utf-8")
    proc = start("metrics", str(inputs), "--jobs", "2", "-o", str(out), start_new_session=True)
    written = False
    while proc.poll() is None and not written:
        written = any(tmp_path.glob(".metrics.partial-*.csv")) and any(
            p.stat().st_size > 0 for p in tmp_path.glob(".metrics.partial-*.csv"))
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted: give it more input"
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert len(workers) == 2
    send(proc)
    proc.wait(timeout=120)
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == [], f"workers left running: {alive}"
    return proc, workers, err, out


@pytest.mark.parametrize("sig, code, name", [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C")])
def test_interruption_leaves_the_old_output_and_no_workers(tmp_path, sig, code, name):
    # SIGINT goes to the whole process group, as a terminal's Ctrl-C does
    send = (lambda p: os.killpg(p.pid, sig)) if sig == signal.SIGINT else (lambda p: p.send_signal(sig))
    proc, _, err, out = _interrupt(tmp_path, send)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == (
        f"govreports: interrupted ({name}); outputs not complete were removed, existing ones kept")
    assert out.read_text(encoding="utf-8") == "yesterday's complete output\n"
    assert partials(tmp_path) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers' death signal is Linux's prctl")
def test_sigkill_leaves_only_a_clearly_named_partial_file_and_no_workers(tmp_path):
    proc, _, _, out = _interrupt(tmp_path, lambda p: p.kill())
    assert proc.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == "yesterday's complete output\n"
    left = partials(tmp_path)
    assert len(left) == 1 and left[0].startswith(".metrics.partial-") and left[0].endswith(".csv")


def test_an_abandoned_pool_map_terminates_its_workers():
    psutil = pytest.importorskip("psutil")
    from govreports import _parallel

    _parallel.terminate_pools()  # a fresh pool: its workers are the children this map starts
    before = {p.pid for p in psutil.Process().children(recursive=True)}  # other tests' helpers (a dask cluster)
    results = _parallel.run_map(abs, range(-400, 0), jobs=2)
    assert next(iter(results)) == 400
    workers = [p for p in psutil.Process().children() if p.pid not in before]
    assert workers
    results.close()  # the consumer stops early: no worker goes on with the batch
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []
    assert list(_parallel.run_map(abs, [-1, -2], jobs=2)) == [1, 2]  # a new pool afterwards


# --------------------------------------------------------------------------- names and ids


def test_split_names_are_unique_and_safe(tmp_path):
    files = [front_matter(tmp_path / f"s{i}.md", region) for i, region in enumerate(["甲/镇", "甲:镇", "甲_镇"])]
    files.append(front_matter(tmp_path / "long.md", "甲" * 300))
    files.append(front_matter(tmp_path / "nul.md", "乙\x00镇", bom=True))  # a BOM file skips the NUL check
    out = tmp_path / "out"
    r = run("split", *map(str, files), "--out", str(out))
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 5 and len(set(n.casefold() for n in names)) == 5
    assert {"2023_甲_镇.txt", "2023_甲_镇_2.txt", "2023_甲_镇_3.txt", "2023_乙镇.txt"} <= set(names)
    assert all(len(n.encode("utf-8")) <= 200 for n in names)
    assert sorted(Path(line).name for line in r.stdout.splitlines()) == names


def test_split_to_an_existing_file_is_one_line(tmp_path):
    report = front_matter(tmp_path / "a.md", "甲镇")
    target = tmp_path / "taken"
    target.write_text("mine\n", encoding="utf-8")
    r = run("split", str(report), "--out", str(target))
    assert r.returncode == 2
    no_traceback(r)
    assert r.stderr.strip() == f"govreports: {target}: is a file, not a folder; give a folder for --out"
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_report_ids_are_unique_by_construction(tmp_path):
    front_matter(tmp_path / "a.md", "甲镇_2")
    front_matter(tmp_path / "b.md", "甲镇")
    front_matter(tmp_path / "c.md", "甲镇")
    front_matter(tmp_path / "d.md", "甲镇")
    reports = gr.read_reports(tmp_path)
    assert reports["report_id"].tolist() == ["2023_甲镇_2", "2023_甲镇", "2023_甲镇_3", "2023_甲镇_4"]
    r = run("metrics", str(tmp_path))
    assert r.returncode == 0, r.stderr
    import io

    streamed = pd.read_csv(io.StringIO(r.stdout))
    # the CLI streams file by file and gives each report the same id
    assert dict(zip(streamed["source"], streamed["report_id"])) == dict(zip(reports["source"], reports["report_id"]))


def test_control_characters_never_reach_regions_or_the_terminal(tmp_path):
    report = front_matter(tmp_path / "a.md", "甲\x1b[31m镇")
    assert gr.read_reports(report)["region"].tolist() == ["甲[31m镇"]
    odd = tmp_path / "bad\x1b[2Jname.txt"
    odd.write_bytes(b"")
    r = run("info", str(odd))
    assert r.returncode == 1
    assert "\x1b" not in r.stderr and "bad\\x1b[2Jname.txt: empty file" in r.stderr


# --------------------------------------------------------------------------- batch-killing inputs


def test_a_path_that_cannot_be_looked_at_is_one_line(tmp_path, monkeypatch, capsys):
    good = front_matter(tmp_path / "good.md", "甲镇")
    locked = tmp_path / "locked"
    locked.mkdir()
    inside = front_matter(locked / "a.md", "乙镇")
    real_stat = os.stat

    def stat(path, *args, **kwargs):  # a folder on the way that cannot be entered (root could enter any)
        if str(path).startswith(str(locked) + os.sep):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    long_missing = tmp_path / ("x" * 300)
    code = cli.main(["info", str(inside), str(long_missing), str(good)])
    monkeypatch.undo()
    err = capsys.readouterr()
    assert code == 1
    assert err.err.splitlines() == [
        f"{inside}: cannot be looked at: permission denied",
        f"{long_missing}: cannot be looked at: file name too long",
    ]
    assert "甲镇" in err.out


def test_an_unreadable_subfolder_is_one_line_not_a_silent_gap(tmp_path, monkeypatch):
    front_matter(tmp_path / "a.md", "甲镇")
    sub = tmp_path / "sub"
    sub.mkdir()
    front_matter(sub / "b.md", "乙镇")
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if os.fspath(path) == str(sub):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    reports = gr.read_reports(tmp_path, errors="collect")
    monkeypatch.undo()
    assert reports["region"].tolist() == ["甲镇"]
    failures = reports.attrs["failures"]
    assert failures[["path", "reason"]].values.tolist() == [
        [str(sub), "folder cannot be listed: permission denied; its reports are missing"]]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root enters any folder")
def test_unreadable_folders_for_real(tmp_path):
    front_matter(tmp_path / "a.md", "甲镇")
    sub = tmp_path / "sub"
    sub.mkdir()
    inside = front_matter(sub / "b.md", "乙镇")
    sub.chmod(0)
    try:
        r = run("info", str(tmp_path), str(inside))
    finally:
        sub.chmod(0o755)
    assert r.returncode == 1
    no_traceback(r)
    assert r.stderr.splitlines() == [
        f"{sub}: folder cannot be listed: permission denied; its reports are missing",
        f"{inside}: cannot be looked at: permission denied",
    ]


def test_an_impossible_front_matter_year_is_one_line(tmp_path):
    bad = front_matter(tmp_path / "a.md", "甲镇", year="99999999999999999999")
    good = front_matter(tmp_path / "b.md", "乙镇")
    r = run("info", str(bad), str(good))
    assert r.returncode == 1
    no_traceback(r)
    assert r.stderr.splitlines() == [
        f"{bad}: year 99999999999999999999 is not a year (front matter `year:` must be four digits)"]
    assert "乙镇" in r.stdout
    with pytest.raises(InvalidMetadataError):
        gr.read_reports(bad)


def test_an_infinite_limit_is_a_usage_error(tmp_path):
    r = run("info", "--sample", "--max-mb", "inf")
    assert r.returncode == 2
    no_traceback(r)
    assert "argument --max-mb: must be a finite number: 'inf'" in r.stderr


def test_any_exception_in_one_file_is_that_files_line(tmp_path, monkeypatch):
    from govreports.io import _reader as reader

    boom = front_matter(tmp_path / "boom.md", "甲镇")
    front_matter(tmp_path / "fine.md", "乙镇")
    real = reader.records_from_document

    def records(doc, **kwargs):
        if doc.path.endswith("boom.md"):
            raise KeyError("a bug\nover two lines")
        return real(doc, **kwargs)

    monkeypatch.setattr(reader, "records_from_document", records)
    reports = gr.read_reports(tmp_path, errors="collect")
    assert reports["region"].tolist() == ["乙镇"]
    assert reports.attrs["failures"][["path", "reason"]].values.tolist() == [
        [str(boom), "could not be read (KeyError: 'a bug\\nover two lines')"]]


def test_dollar_signs_in_a_region_do_not_break_the_plots(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from govreports.present._plotting import plot_attention, plot_distinctive, plot_levels, plot_targets

    reports = gr.load_sample().assign(region=["甲$^$镇", "乙$\\$镇", "丙$_x$", "丁$$", "戊"])
    panel = gr.panel(reports)
    tokens = gr.tokenize(reports, cache=False)
    figures = [
        plot_targets(panel, indicator="gdp").figure,
        plot_levels(panel, indicator="gdp", unit="亿元").figure,
        plot_attention(gr.attention(tokens, by="region"), by="region").figure,
        plot_distinctive(gr.distinctive_terms(tokens, by="region"), by="region"),
    ]
    try:
        for fig in figures:
            fig.canvas.draw()  # mathtext would fail here
        labels = [t.get_text() for t in figures[1].axes[0].get_yticklabels()]
        assert "甲\\$^\\$镇" in labels  # shown as written: 甲$^$镇
    finally:
        for fig in figures:
            plt.close(fig)


def test_output_path_error_is_picklable_and_one_line():
    import pickle

    err = pickle.loads(pickle.dumps(OutputPathError("/x", "a\nb")))
    assert str(err) == "/x: a b"


def test_a_failed_parquet_write_keeps_the_earlier_dataset(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    panel = gr.panel(gr.load_sample())
    out = gr.write_table(panel, tmp_path / "panel")
    real = pd.DataFrame.to_parquet

    def failing(self, path, *args, **kwargs):
        real(self.head(3), path, *args, **kwargs)
        raise KeyboardInterrupt  # Ctrl-C half-way

    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing)
    with pytest.raises(KeyboardInterrupt):
        gr.write_table(panel, out)
    monkeypatch.undo()
    assert len(gr.read_table(out)) == len(panel)
    assert [p.name for p in tmp_path.iterdir()] == ["panel"]


def test_a_data_export_keeps_values_exact_unless_asked_to_be_spreadsheet_safe(tmp_path):
    frame = pd.DataFrame({"sentence": ["-新增城镇就业182人", '=HYPERLINK("x")', "+1", "@a", "全镇"],
                          "value": [-7.2, 1.0, 2.0, 3.0, 4.0]})
    exact = gr.write_table(frame, tmp_path / "exact.csv", provenance=False)
    assert pd.read_csv(exact)["sentence"].tolist() == frame["sentence"].tolist()
    safe = gr.write_table(frame, tmp_path / "safe.csv", provenance=False, spreadsheet_safe=True)
    back = pd.read_csv(safe)
    assert back["sentence"].tolist() == ["'-新增城镇就业182人", '\'=HYPERLINK("x")', "'+1", "'@a", "全镇"]
    assert back["value"].tolist() == frame["value"].tolist()  # numbers untouched, negative ones too
