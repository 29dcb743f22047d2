"""Shared fixtures: the bundled sample, and the project's shared material when present.

Tests that need ``../shared`` (the seed or the lawtext-gov corpus beside the
checkout) skip cleanly where it is absent, as on a user's fresh clone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# tests/_documents.py (shared writers of test PDFs and .docx files) is imported
# by the test modules; with --import-mode=importlib this folder is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Progress bars off in tests and in the notebook kernels nbval starts.
os.environ.setdefault("GOVREPORTS_PROGRESS", "0")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_d2fc8c44b527f0e4.txt"
CORPUS = SHARED / "corpora" / "lawtext-gov"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample():
    """The bundled sample reports frame."""
    import govreports as gr

    return gr.load_sample()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The raw seed compilation; skips when ../shared is absent."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is absent")
    return SEED


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The lawtext-gov corpus; skips when ../shared is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpora/lawtext-gov is absent")
    return CORPUS
