"""Execute the notebooks in place so their stored outputs show today's behaviour.

``make notebooks`` runs this script. Every ``notebooks/*.ipynb`` (or the ones
named on the command line) is executed top to bottom in a fresh ``python3``
kernel whose working directory is ``notebooks/`` and whose environment has
``GOVREPORTS_PROGRESS=0`` (no progress bars in stored outputs). nbval then
checks the stored outputs against a new run (``tests/nbval_sanitize.cfg`` masks
what may legitimately differ).

Only outputs and execution counts change; metadata that would make every run a
diff is removed: per-cell execution timestamps, the Python version in
``language_info``, and (by default) the widget state, whose model ids are random.

Usage::

    python tools/run_notebooks.py                      # all notebooks
    python tools/run_notebooks.py notebooks/02_reading_reports.ipynb
    python tools/run_notebooks.py --check              # fail if a run changes a file
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"
#: The kernelspec stored in every notebook: the stock ipykernel name, so that
#: nbval and Jupyter pick the environment's own Python.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL}
#: language_info keys that do not change between Python versions.
STABLE_LANGUAGE_INFO = ("codemirror_mode", "file_extension", "mimetype", "name", "nbconvert_exporter", "pygments_lexer")


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive stdout (or stderr) chunks: how a print is split depends on timing."""
    merged: list = []
    for output in outputs:
        if (
            output.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == output.get("name")
        ):
            merged[-1]["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def stabilise(nb) -> None:
    """Remove run-dependent metadata from an executed notebook, in place."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {k: info[k] for k in STABLE_LANGUAGE_INFO if k in info}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps written by nbclient
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.get("outputs", []))
            for output in cell.outputs:
                # Display ids of updatable displays are random.
                output.get("transient", {}).pop("display_id", None)
                if "transient" in output and not output["transient"]:
                    del output["transient"]


def run_notebook(path: Path, *, timeout: int, widget_state: bool) -> None:
    """Execute one notebook in place (cwd: its folder)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    if not widget_state:
        nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=widget_state,
    )
    client.execute()
    stabilise(nb)
    if not widget_state:
        nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    text = nbformat.writes(nb) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: notebooks/*.ipynb)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    parser.add_argument(
        "--widget-state",
        action="store_true",
        help="store ipywidgets state in the notebook (large, random model ids; off by default)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if executing changed any notebook")
    args = parser.parse_args(argv)

    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    # The kernel inherits this process's environment.
    os.environ["GOVREPORTS_PROGRESS"] = "0"
    failed: list[str] = []
    changed: list[str] = []
    for path in paths:
        name = _relative(path)
        before = path.read_bytes() if path.exists() else b""
        try:
            run_notebook(path, timeout=args.timeout, widget_state=args.widget_state)
        except Exception as exc:  # report every notebook, then fail
            failed.append(name)
            print(
                f"FAILED   {name}: {type(exc).__name__}: "
                f"{str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
            )
            continue
        if path.read_bytes() != before:
            changed.append(name)
            print(f"updated  {name}")
        else:
            print(f"same     {name}")
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if args.check and changed:
        print(f"{len(changed)} notebook(s) changed: {', '.join(changed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
