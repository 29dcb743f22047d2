"""Run the docstring examples of every module of the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import sys

import pytest

import govreports

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(govreports.__path__, prefix="govreports.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    try:
        module = importlib.import_module(name)
    except ImportError as exc:  # an optional extra that is not installed
        pytest.skip(f"{name}: {exc}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    if "matplotlib.pyplot" in sys.modules:  # plotting examples leave their figures open
        sys.modules["matplotlib.pyplot"].close("all")
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
