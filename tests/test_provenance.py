"""Outputs fit for reproducible papers: every file records what made it, and the renamed
``flags`` column (``quality_flags``) keeps its old name for one release."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import govreports as gr
from govreports._cli import _EXAMPLES, build_parser
from govreports.datasets import DATASETS, VINTAGES


@pytest.fixture(scope="module")
def sample_panel(sample):
    return gr.panel(sample)


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVREPORTS_PROGRESS="0")
    return subprocess.run([sys.executable, "-m", "govreports", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def _record_ok(record: dict) -> None:
    assert record["govreports"] == gr.__version__
    assert record["data"] == gr.data_versions()
    assert record["software"]["pandas"] == pd.__version__ and record["software"]["python"]


def test_data_versions_name_every_bundled_file_with_its_vintage_from_the_card():
    versions = gr.data_versions()
    assert set(versions) == {f for f, _, _ in DATASETS.values()}
    for name, (data_file, _, _) in DATASETS.items():
        assert re.fullmatch(r"[0-9a-f]{16}", versions[data_file]["sha256"])
        card = gr.describe_dataset(name)
        for date in re.findall(r"\d{4}-\d{2}-\d{2}", VINTAGES[data_file]):
            assert date in card, (data_file, date)  # the vintage says what the card says


@pytest.mark.parametrize("name", ["panel.csv", "panel.jsonl", "panel.dta", "panel.parquet", "dataset"])
def test_write_table_records_provenance_and_read_table_gives_it_back(tmp_path, sample_panel, name):
    out = gr.write_table(sample_panel, tmp_path / name)
    back = gr.read_table(out)
    record = back.attrs["provenance"]
    _record_ok(record)
    assert record["rows"] == len(sample_panel) and record["command"] == "govreports.write_table"
    sidecar = tmp_path / f"{name}.provenance.json"
    assert sidecar.is_file() == (name.endswith((".csv", ".jsonl", ".dta")))  # Parquet keeps it inside
    if name.endswith(".dta"):
        with pd.io.stata.StataReader(out) as reader:
            assert reader.data_label.startswith(f"govreports {gr.__version__}")


def test_no_provenance_when_asked_and_own_records_kept(tmp_path, sample_panel):
    gr.write_table(sample_panel, tmp_path / "a.csv", provenance=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert gr.read_table(tmp_path / "a.csv").attrs == {}
    own = gr.provenance(command="my_script.py", options={"sample": "all", "path": tmp_path, "limit": float("inf")})
    gr.write_table(sample_panel, tmp_path / "b.csv", provenance=own)
    record = json.loads((tmp_path / "b.csv.provenance.json").read_text(encoding="utf-8"))  # strict JSON: no inf
    assert record["command"] == "my_script.py" and record["options"] == {"sample": "all", "path": str(tmp_path),
                                                                         "limit": "inf"}


def test_the_record_is_the_same_for_the_same_run(tmp_path, sample_panel):
    gr.write_table(sample_panel, tmp_path / "a.csv")
    first = (tmp_path / "a.csv.provenance.json").read_bytes()
    gr.write_table(sample_panel, tmp_path / "a.csv")
    assert (tmp_path / "a.csv.provenance.json").read_bytes() == first  # no time in it: reproducible bytes


def test_cli_outputs_record_the_command_and_its_options(tmp_path):
    r = run("panel", "--sample", "-o", "panel.csv", "--jobs", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    record = json.loads((tmp_path / "panel.csv.provenance.json").read_text(encoding="utf-8"))
    _record_ok(record)
    assert record["command"] == "govreports panel --sample -o panel.csv --jobs 1"
    assert record["options"]["sample"] is True and record["options"]["max_mb"] == 50.0
    assert record["files_failed"] == 0

    r = run("targets", "-o", "t.dta", "--level", "province", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    record = json.loads((tmp_path / "t.dta.provenance.json").read_text(encoding="utf-8"))
    assert record["options"]["level"] == ["province"] and record["rows"] == len(gr.load_targets(level="province"))

    r = run("metrics", "--sample", "-o", "m", "--format", "parquet", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert gr.read_table(tmp_path / "m").attrs["provenance"]["command"].startswith("govreports metrics --sample")

    r = run("panel", "--sample", cwd=tmp_path)  # to standard output: no file, no sidecar
    assert r.returncode == 0 and not any(p.name.startswith("panel.jsonl") for p in tmp_path.iterdir())


def test_report_folder_holds_its_provenance(tmp_path):
    r = run("report", "--sample", "-o", "rep", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    record = json.loads((tmp_path / "rep" / "provenance.json").read_text(encoding="utf-8"))
    _record_ok(record)
    assert record["command"] == "govreports report --sample -o rep" and record["reports"] == 5


def test_info_prints_a_header_line():
    r = run("info", "--sample")
    header, *rows = r.stdout.strip().split("\n")
    assert header.split("\t") == ["report_id", "region", "level", "year", "chars", "quality_flags", "source"]
    assert len(rows) == 5


@pytest.mark.parametrize("command", list(_EXAMPLES))
def test_every_help_example_parses(command, tmp_path):
    lines = [ln.strip() for ln in _EXAMPLES[command].splitlines() if ln.strip().startswith("govreports ")]
    assert lines, "each command's --help shows examples"
    parser = build_parser()
    for line in lines:
        argv = shlex.split(line.split("#")[0].split(">")[0])[1:]
        args = parser.parse_args(argv)  # SystemExit (a wrong flag) fails the test
        assert args.command == argv[0]
    text = subprocess.run([sys.executable, "-m", "govreports", *([command] if command else []), "--help"],
                          capture_output=True, text=True, timeout=60).stdout
    assert "examples:" in text


def test_sample_examples_run(tmp_path):
    r = run("report", "--sample", "-o", "sample_report", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "sample_report" / "index.html").is_file()


def test_quality_flags_and_the_deprecated_copy(sample, sample_panel):
    assert "quality_flags" in sample.columns and sample.columns[-1] == "flags"
    assert sample["flags"].tolist() == sample["quality_flags"].tolist()
    assert not isinstance(sample.flags, pd.Series)  # pandas' attribute: why the column was renamed
    assert sample_panel.columns[-1] == "flags" and "quality_flags" in sample_panel.columns
    targets = gr.load_targets()
    assert targets["flags"].equals(targets["quality_flags"])


def test_a_table_saved_before_the_rename_is_read_with_the_new_name(tmp_path, sample_panel):
    old = sample_panel.drop(columns=["quality_flags"])  # what 0.1 wrote: flags only
    gr.write_table(old, tmp_path / "old.csv", provenance=False)
    back = gr.read_table(tmp_path / "old.csv")
    assert back["quality_flags"].tolist() == sample_panel["quality_flags"].tolist()
    with pytest.warns(FutureWarning, match="'flags' is now 'quality_flags'"):
        sheet = gr.review_sheet(old)
    assert len(sheet) == len(gr.review_sheet(sample_panel))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a frame of this version warns of nothing
        gr.review_sheet(sample_panel)
        gr.panel(gr.extract_metrics(gr.load_sample()))


def test_software_versions_are_what_importlib_metadata_gives_for_every_installed_distribution():
    from importlib import metadata

    from govreports.io._export import _installed_versions

    names = sorted({d.metadata["Name"] for d in metadata.distributions() if d.metadata["Name"]})
    assert len(names) > 20
    expected = {}
    for name in names:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if version:
            expected[name] = version
    assert _installed_versions(names) == expected
    assert _installed_versions(["no-such-distribution-here"]) == {}


def test_software_versions_follow_the_path_order_and_the_metadata_files(tmp_path, monkeypatch):
    from importlib import metadata

    from govreports.io._export import _installed_versions

    first, second = tmp_path / "first", tmp_path / "second"
    for folder, version in ((first, "2.0"), (second, "1.0")):
        (folder / f"Some_Pkg-{version}.dist-info").mkdir(parents=True)
        (folder / f"Some_Pkg-{version}.dist-info" / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: some-pkg\nVersion: {version}\n\nVersion: 9.9 in the description\n")
    (second / "legacy_pkg.egg-info").write_text("Metadata-Version: 1.0\nName: legacy-pkg\nVersion: 0.3\n")
    (second / "empty_pkg-1.dist-info").mkdir()
    (second / "empty_pkg-1.dist-info" / "METADATA").write_text("")
    (second / "empty_pkg-1.dist-info" / "PKG-INFO").write_text("Name: empty-pkg\nVersion: 1.5\n")
    (second / "bare_pkg-2.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(first), str(second)])
    names = ["some.pkg", "Legacy-Pkg", "empty_pkg", "bare-pkg"]
    got = _installed_versions(names)
    assert got == {"some.pkg": "2.0", "Legacy-Pkg": "0.3", "empty_pkg": "1.5"}  # a folder without metadata: none
    metadata.FastPath.__new__.cache_clear()  # importlib.metadata caches folder listings by path
    # (on bare-pkg, importlib.metadata gives None and the importlib_metadata backport, when a
    # package has put its finder first, raises: not compared)
    assert got == {n: metadata.version(n) for n in names[:3]}
