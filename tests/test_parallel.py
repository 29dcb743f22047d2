"""Batch runs: jobs=N and engine="dask" give the same rows as jobs=1; output formats."""

from __future__ import annotations

import pandas as pd
import pytest

import govreports as gr


@pytest.fixture(scope="module")
def files(tmp_path_factory, sample, seed_path):
    d = tmp_path_factory.mktemp("batch")
    for i, text in enumerate(sample["text"]):
        (d / f"r{i}.txt").write_text(text, encoding="utf-8")
    (d / "bad.txt").write_bytes(b"")
    return d


def test_read_reports_jobs(files):
    a = gr.read_reports(files, errors="collect")
    b = gr.read_reports(files, errors="collect", jobs=2)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a.attrs["failures"], b.attrs["failures"])
    assert len(a.attrs["failures"]) == 1


def test_read_reports_jobs_raises_the_same_error(files):
    with pytest.raises(gr.GovReportsError, match="bad.txt: empty file"):
        gr.read_reports(files, jobs=2)


def test_extract_metrics_panel_tokenize_jobs(sample):
    pd.testing.assert_frame_equal(gr.extract_metrics(sample), gr.extract_metrics(sample, jobs=2))
    pd.testing.assert_frame_equal(gr.panel(sample), gr.panel(sample, jobs=2))
    pd.testing.assert_frame_equal(gr.tokenize(sample, cache=False), gr.tokenize(sample, jobs=2, cache=False))


def test_dask_engine(sample, files):
    dask = pytest.importorskip("dask")
    with dask.config.set(scheduler="synchronous"):
        pd.testing.assert_frame_equal(gr.extract_metrics(sample), gr.extract_metrics(sample, engine="dask"))
        pd.testing.assert_frame_equal(
            gr.read_reports(files, errors="collect"), gr.read_reports(files, errors="collect", engine="dask")
        )
        pd.testing.assert_frame_equal(gr.tokenize(sample, cache=False), gr.tokenize(sample, engine="dask", cache=False))


def test_invalid_jobs(sample):
    with pytest.raises(ValueError, match="jobs"):
        gr.extract_metrics(sample, jobs=0)


def test_write_table_formats(tmp_path, sample):
    m = gr.extract_metrics(sample)
    csv = pd.read_csv(gr.write_table(m, tmp_path / "m.csv"))
    assert len(csv) == len(m) and csv["quality_flags"].fillna("").str.contains("glued").any()
    js = pd.read_json(gr.write_table(m, tmp_path / "m.jsonl"), lines=True)
    assert len(js) == len(m) and isinstance(js["quality_flags"][0], list)
    dta = pd.read_stata(gr.write_table(m, tmp_path / "m.dta"))
    assert len(dta) == len(m) and {"char_start", "char_end"} <= set(dta.columns)
    assert dta["region"].iloc[0] in set(sample["region"])
    pytest.importorskip("pyarrow")
    pq = gr.write_table(m, tmp_path / "metrics_parquet", format="parquet")
    assert (pq / "level=township" / "year=2023").is_dir()
    back = gr.read_table(pq)
    assert len(back) == len(m) and set(back["year"]) == {2023}
    assert back.sort_values(["report_id", "start"])["quality_flags"].tolist() == m["quality_flags"].tolist()


def test_a_pool_that_cannot_terminate_does_not_hang_the_caller(monkeypatch):
    # Pool.terminate can block forever on the task queue's lock; the caller must go on
    import multiprocessing as mp
    import threading
    import time

    from govreports import _parallel

    worker = mp.get_context("fork").Process(target=time.sleep, args=(60,))
    worker.start()
    blocked = threading.Event()

    class StuckPool:
        _pool = [worker]

        def terminate(self):
            blocked.wait()  # never set: a terminate that does not return

    monkeypatch.setattr(_parallel, "_TERMINATE_WAIT", 0.5)
    started = time.monotonic()
    _parallel._terminate(StuckPool())
    worker.join(5)
    assert time.monotonic() - started < 5 and not worker.is_alive()
