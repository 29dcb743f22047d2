"""Scale-out and incremental runs: a real dask.distributed cluster gives the rows of
``--jobs 1``; the on-disk cache gives byte-identical rows and processes only new files."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import govreports as gr
from govreports._cache import FileCache, read_metrics
from govreports.errors import GovReportsWarning


def run(*args: str) -> subprocess.CompletedProcess:
    # an unreachable scheduler is given up after 2 s, not dask's default 30 s
    env = dict(os.environ, GOVREPORTS_PROGRESS="0", DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    return subprocess.run([sys.executable, "-m", "govreports", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def _variant(text: str, region: str, i: int) -> str:
    """A sample report as another town's report of another year (same structure, other ids)."""
    return text.replace(region, f"{region[:-1]}{'东西南北中'[i % 5]}镇").replace("2023", str(2011 + i))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample) -> Path:
    """The sample, generated variants of it (more than one batch of 16 files), a
    duplicate (ids renumbered across files and batches) and an unreadable file."""
    d = tmp_path_factory.mktemp("corpus")
    for i, (text, region) in enumerate(zip(sample["text"], sample["region"])):
        (d / f"a{i}.txt").write_text(text, encoding="utf-8")
        for j in range(3):
            (d / "gen" / f"{i}").mkdir(parents=True, exist_ok=True)
            (d / "gen" / f"{i}" / f"v{j}.txt").write_text(_variant(text, region, i + j), encoding="utf-8")
    (d / "z_dup.txt").write_text(sample["text"][0], encoding="utf-8")
    (d / "z_bad.txt").write_bytes(b"")
    return d


def _csv(table: pd.DataFrame) -> str:
    from govreports.io._export import flatten_lists

    return flatten_lists(table).to_csv(index=False)


# --------------------------------------------------------------------------- dask.distributed


@pytest.fixture(scope="module")
def cluster():
    """A real scheduler with two worker processes, small memory."""
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                                           dashboard_address=None, silence_logs=40)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.mark.slow
def test_cluster_rows_equal_jobs_1(cluster, corpus, sample):
    from distributed import Client

    one = read_metrics(corpus)
    one_panel = read_metrics(corpus, headline=True)
    with Client(cluster) as client:
        assert gr._parallel.dask_client() is client
        dist = read_metrics(corpus, engine="dask")
        dist_panel = read_metrics(corpus, headline=True, engine="dask")
        # the API's own batch functions honour the client too
        pd.testing.assert_frame_equal(gr.extract_metrics(sample, engine="dask"), gr.extract_metrics(sample))
        tokens = gr.tokenize(sample, engine="dask", cache=False)
        pd.testing.assert_frame_equal(tokens, gr.tokenize(sample, cache=False))
    assert gr._parallel.dask_client() is None
    pd.testing.assert_frame_equal(dist, one)
    pd.testing.assert_frame_equal(dist_panel, one_panel)
    assert _csv(dist) == _csv(one)
    assert len(one.attrs["failures"]) == 1 and one["report_id"].nunique() == 21
    assert "2023_横沥镇_2" in set(one["report_id"])


@pytest.mark.slow
def test_cli_scheduler_gives_the_rows_of_jobs_1(cluster, corpus, tmp_path):
    for command in ("metrics", "panel"):
        one, dist = tmp_path / f"{command}1.csv", tmp_path / f"{command}d.csv"
        a = run(command, str(corpus), "-o", str(one))
        b = run(command, str(corpus), "--scheduler", cluster.scheduler_address, "-o", str(dist))
        assert a.returncode == b.returncode == 1  # the one unreadable file
        assert b.stderr.count("z_bad.txt: ") == 1, b.stderr
        assert one.read_bytes() == dist.read_bytes()


def test_cli_scheduler_usage_errors(corpus):
    r = run("metrics", str(corpus), "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2")
    assert r.returncode == 2 and "not both" in r.stderr
    pytest.importorskip("distributed")
    r = run("metrics", str(corpus), "--scheduler", "tcp://127.0.0.1:1")
    assert r.returncode == 2 and "cannot connect to the scheduler" in r.stderr and "Traceback" not in r.stderr


# --------------------------------------------------------------------------- cache


def test_cache_rows_identical_and_second_run_reads_the_cache(corpus, tmp_path):
    plain = read_metrics(corpus)
    first = read_metrics(corpus, cache=tmp_path / "c")
    second = read_metrics(corpus, cache=tmp_path / "c")
    assert first.attrs["files"] == {"processed": 22, "cached": 0}
    assert second.attrs["files"] == {"processed": 1, "cached": 21}  # the unreadable file is never cached
    for table in (first, second):
        pd.testing.assert_frame_equal(table, plain)
        assert _csv(table) == _csv(plain)
    pd.testing.assert_frame_equal(second.attrs["failures"], plain.attrs["failures"])


def test_cache_adding_a_file_processes_only_it(corpus, tmp_path, sample):
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted(corpus.glob("a*.txt")):
        (d / p.name).write_bytes(p.read_bytes())
    assert read_metrics(d, cache=tmp_path / "c").attrs["files"] == {"processed": 5, "cached": 0}
    (d / "a9.txt").write_text(_variant(sample["text"][1], sample["region"][1], 7), encoding="utf-8")
    (d / "a0_copy.txt").write_bytes((d / "a0.txt").read_bytes())  # sorts between a0 and a1: ids move
    again = read_metrics(d, cache=tmp_path / "c", headline=False)
    assert again.attrs["files"] == {"processed": 2, "cached": 5}
    assert _csv(again) == _csv(read_metrics(d))


def test_cache_misses_on_a_changed_option_or_version(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "c"
    files = sorted(str(p) for p in corpus.glob("a*.txt"))
    assert read_metrics(files, cache=cache).attrs["files"]["processed"] == 5
    assert read_metrics(files, cache=cache, headline=True).attrs["files"]["processed"] == 5
    limits = gr.Limits(max_bytes=10**8)
    assert read_metrics(files, cache=cache, limits=limits).attrs["files"]["processed"] == 5
    for other_limit in (gr.Limits(max_chars=4_000_000), gr.Limits(max_pdf_objects=10**5)):  # every limit is in the key
        assert read_metrics(files, cache=cache, limits=other_limit).attrs["files"]["processed"] == 5
    changed = (corpus / "a1.txt").read_text(encoding="utf-8").replace("。", "；", 1)
    other = tmp_path / "a1.txt"
    other.write_text(changed, encoding="utf-8")
    assert read_metrics([other], cache=cache).attrs["files"]["processed"] == 1
    monkeypatch.setattr(gr._version, "__version__", gr.__version__ + ".post1")  # what the cache key reads
    assert read_metrics(files, cache=cache).attrs["files"] == {"processed": 5, "cached": 0}
    # a bundled table changed (a new indicator name) without a new version: a new key too
    import govreports._cache as cache_module

    versions = gr.data_versions()
    versions["indicators.tsv"] = {**versions["indicators.tsv"], "sha256": "0" * 16}
    monkeypatch.setattr(cache_module, "data_versions", lambda: versions)
    assert read_metrics(files, cache=cache).attrs["files"] == {"processed": 5, "cached": 0}
    assert read_metrics(files, cache=cache).attrs["files"] == {"processed": 0, "cached": 5}


def test_cache_damaged_entry_is_ignored_with_a_warning_and_recomputed(corpus, tmp_path):
    cache = tmp_path / "c"
    files = sorted(str(p) for p in corpus.glob("a*.txt"))
    plain = read_metrics(files)
    read_metrics(files, cache=cache)
    entries = sorted(cache.glob("*/*.json"))
    assert len(entries) == 5 and not list(cache.rglob(".*"))  # no temporary left behind
    entries[0].write_bytes(entries[0].read_bytes()[:-100])  # truncated
    entries[1].write_bytes(b"not a cache entry")
    with pytest.warns(GovReportsWarning, match="damaged; recomputing"):
        again = read_metrics(files, cache=cache)
    assert again.attrs["files"] == {"processed": 2, "cached": 3}
    assert _csv(again) == _csv(plain)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # rewritten whole: no warning now
        assert read_metrics(files, cache=cache).attrs["files"] == {"processed": 0, "cached": 5}


def test_cache_entry_interrupted_while_written_leaves_nothing(tmp_path, monkeypatch):
    cache = FileCache(tmp_path / "c")
    real = Path.write_bytes

    def half_then_interrupt(self, data):
        real(self, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        cache.put("ab" + "0" * 62, {"x": 1})
    monkeypatch.undo()
    assert cache.get("ab" + "0" * 62) is None and not [p for p in (tmp_path / "c").rglob("*") if p.is_file()]


def test_cli_cache_concurrent_runs_and_counts(corpus, tmp_path):
    cache = tmp_path / "c"
    outs = [tmp_path / f"m{i}.csv" for i in range(3)]
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    procs = [subprocess.Popen([sys.executable, "-m", "govreports", "metrics", str(corpus), "--cache", str(cache),
                               "-o", str(out)], stderr=subprocess.PIPE, text=True, env=env) for out in outs[:2]]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [1, 1], errs  # the one unreadable file
    r = run("metrics", str(corpus), "--cache", str(cache), "-o", str(outs[2]))
    assert "21 file(s) from the cache, 1 processed" in r.stderr
    plain = tmp_path / "plain.csv"
    run("metrics", str(corpus), "-o", str(plain))
    assert all(out.read_bytes() == plain.read_bytes() for out in outs)
    assert not [p for p in cache.rglob(".*") if p.is_file()]  # no temporary left behind


@pytest.mark.parametrize(("command", "fmt"), [("metrics", "jsonl"), ("panel", "csv")])
def test_cli_cache_writes_the_bytes_of_a_run_without_it(corpus, tmp_path, command, fmt):
    """With --cache, CSV and JSON Lines rows are written out by the workers and
    stored so; the final ids (renumbered across files) are put in by the driver."""
    plain, first, again = (tmp_path / f"{name}.{fmt}" for name in ("plain", "first", "again"))
    run(command, str(corpus), "--format", fmt, "-o", str(plain))
    run(command, str(corpus), "--format", fmt, "--cache", str(tmp_path / "c"), "-o", str(first))
    r = run(command, str(corpus), "--format", fmt, "--cache", str(tmp_path / "c"), "-o", str(again))
    assert "21 file(s) from the cache, 1 processed" in r.stderr
    assert plain.read_bytes() == first.read_bytes() == again.read_bytes()
    assert "2023_横沥镇_2" in plain.read_text(encoding="utf-8")


def test_cli_csv_of_every_figure_is_the_csv_of_the_frame(corpus, tmp_path):
    """Without --cache, every figure's CSV rows are written from the rows, no frame made:
    byte for byte the frame's CSV, ids renumbered across files and batches."""
    out = tmp_path / "m.csv"
    run("metrics", str(corpus), "-o", str(out))
    assert out.read_text(encoding="utf-8") == _csv(read_metrics(corpus))
    assert "2023_横沥镇_2" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- rows written without a frame


def test_csv_rows_write_what_the_frame_of_the_rows_writes(sample):
    from govreports.extract._metrics import metric_rows, metric_table
    from govreports.io._export import CsvRows

    for reports in (sample, gr.locate(sample)):
        fields, rows = metric_rows(reports)
        writer = CsvRows(metric_table(fields, []), fields)
        ordered = sorted(rows, key=lambda r: (r[0], r[fields.index("start")]))
        assert writer.header + writer.text(ordered) == _csv(metric_table(fields, rows))


def test_csv_rows_of_named_dtypes_write_what_the_frame_writes(sample):
    """The writer the command uses, of the dtypes named without pandas (``metric_csv_columns``),
    is the writer of the frame's dtypes; and the rows of reports given as dicts are the frame's."""
    from govreports.extract._metrics import metric_csv_columns, metric_rows, metric_rows_of_dicts, metric_table
    from govreports.io._export import CsvRows
    from govreports.io._locate import locate_rows
    from govreports.schema import report_rows

    for reports in (sample, gr.locate(sample)):
        fields, rows = metric_rows(reports)
        writer = CsvRows.of(*metric_csv_columns(fields), fields)
        assert writer.columns == list(metric_table(fields, []).columns)
        ordered = sorted(rows, key=lambda r: (r[0], r[fields.index("start")]))
        assert writer.header + writer.text(ordered) == _csv(metric_table(fields, rows))
    records = sample.drop(columns=["flags"]).to_dict("records")
    assert metric_rows_of_dicts(locate_rows(records)) == metric_rows(gr.locate(sample))
    assert report_rows([]) == []


def test_csv_rows_written_by_report_are_the_rows_written_whole(sample):
    """The rows of each report written with the report's columns once (``group_texts``, what the
    command writes) are the rows made whole and written (``texts``), a field to quote among the
    report's columns or not, and so are groups the writer cannot write that way."""
    from govreports.extract._metrics import metric_csv_columns, metric_row_groups_of_dicts
    from govreports.io._export import CsvRows
    from govreports.io._locate import locate_rows

    fields, groups = metric_row_groups_of_dicts(locate_rows(sample.drop(columns=["flags"]).to_dict("records")))
    writer = CsvRows.of(*metric_csv_columns(fields), fields)
    region = fields.index("region")
    quoted = [(carry[:region] + ('a,"b"',) + carry[region + 1:], rows) for carry, rows in groups[:2]]
    shorter = [(carry[:-1], [carry[-1:] + r for r in rows]) for carry, rows in groups]  # the hash among the rows
    empty = groups[:1] + [(groups[1][0], [])] + groups[2:]  # (written whole)
    for gs in (groups, quoted + groups[2:], shorter, empty):
        bounds = [0]
        for _, rows in gs:
            bounds.append(bounds[-1] + len(rows))
        whole = [carry + r for carry, rows in gs for r in rows]
        assert writer.group_texts(gs, fixed={"report_id": "X"}) == writer.texts(whole, bounds, fixed={"report_id": "X"})


_DTYPES = {"f": "float64", "i": "Int64", "n": "int64", "b": "bool"}


def _frame_of(rows: list[tuple]) -> pd.DataFrame:
    """The frame a table of these fields makes: a float, nullable and plain integer, flag,
    category, text and list column (and the list's copy under its old name, ``flags``)."""
    frame = pd.DataFrame.from_records(rows, columns=["f", "i", "n", "b", "c", "t", "quality_flags"], nrows=len(rows))
    frame = frame.astype(_DTYPES)
    frame["c"] = pd.Categorical(frame["c"], categories=["actual", "target"])
    return frame.assign(flags=frame["quality_flags"])


def test_csv_rows_write_edge_values_as_the_frame_does():
    from govreports.io._export import CsvRows

    floats = [0.1 + 0.2, 1e16, 1.5e16, 1e-5, 0.0001, -0.0, 123456789.125, 2.0 ** 60, 5, None, float("nan"), -3.25]
    texts = ["a,b", 'say "hi"', "two\nlines", "cr\rhere", "", None, float("nan"), "空格 ", "x;y", "nul\x00"]
    rows = [
        (f, None if k % 4 == 0 else 2000 + k, k, k % 3 == 0, ["actual", "target", None][k % 3],
         texts[k % len(texts)], [[], ["estimate"], ["a", "b,c"]][k % 3])
        for k, f in enumerate(floats)
    ]
    fields = ["f", "i", "n", "b", "c", "t", "quality_flags"]
    named = CsvRows.of([*fields, "flags"], [*_DTYPES.values(), ("actual", "target"), "object", "object", "object"],
                       fields)
    for writer in (CsvRows(_frame_of([]), fields), named):
        assert writer.header + writer.text(rows) == _csv(_frame_of(rows))


def test_csv_rows_write_any_float_as_the_frame_does():
    """Floats are written as Python's repr, which is the text pandas writes (numpy's): checked
    on random bit patterns (every magnitude, subnormals, both zeros, both infinities)."""
    import random
    import struct

    from govreports.io._export import CsvRows

    rng = random.Random(17)
    floats = [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(3000)]
    floats += [rng.uniform(-1e6, 1e6) for _ in range(500)] + [5e-324, -0.0, float("inf"), float("-inf")]
    rows = [(f,) for f in floats]
    frame = pd.DataFrame.from_records(rows, columns=["f"]).astype("float64")
    assert CsvRows.of(["f"], ["float64"], ["f"]).text(rows) == frame.to_csv(index=False, header=False)


def test_csv_rows_of_one_column_as_the_frame_writes_them():
    from govreports.io._export import CsvRows

    template = pd.DataFrame({"t": pd.Series(dtype=object)})
    rows = [("",), ("a",), (None,), ("b,c",)]
    frame = pd.DataFrame.from_records(rows, columns=["t"])
    assert CsvRows(template, ["t"]).text(rows) == frame.to_csv(index=False, header=False)  # '""' for the empty one


@pytest.mark.parametrize(("field", "value"), [(5, {"a": 1}), (5, 1.5), (5, ("a",)), (0, "1.5"), (1, 2014.0),
                                              (3, None), (2, 1.0), (4, "other")])
def test_csv_rows_leave_to_the_frame_values_it_converts(field, value):
    """A value the frame would convert (a number among texts, a dict, a tuple, text in a
    number column, a category not listed …) is not written from the rows: None, the caller
    writes the frame."""
    from govreports.io._export import CsvRows

    row = [1.0, 2014, 3, True, "actual", "text", ["estimate"]]
    row[field] = value
    writer = CsvRows(_frame_of([]), ["f", "i", "n", "b", "c", "t", "quality_flags"])
    assert writer.text([tuple(row)]) is None


def test_cli_cache_folder_that_cannot_be_used(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run("metrics", str(corpus), "--cache", str(blocker))
    assert r.returncode == 2 and "--cache" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.corpus
def test_cache_and_batches_identical_on_the_corpus(corpus_dir, tmp_path):
    files = sorted(str(p) for p in corpus_dir.rglob("*.md") if p.name != "README.md")[::60]
    plain = read_metrics(files, headline=False)
    cached = read_metrics(files, cache=tmp_path / "c")
    again = read_metrics(files, cache=tmp_path / "c")
    assert again.attrs["files"]["processed"] == 0
    assert _csv(plain) == _csv(cached) == _csv(again)
    assert _csv(read_metrics(files, headline=True)) == _csv(read_metrics(files, headline=True, cache=tmp_path / "p"))
