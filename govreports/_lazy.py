"""Modules imported on first use.

``import govreports`` and a ``govreports metrics`` run writing CSV need neither pandas nor
numpy (their imports are about a tenth and a twentieth of such a run's time): the modules that
use them hold a :class:`LazyModule` under the usual name (``pd``, ``np``), which imports the
package at the first attribute looked up.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["LazyModule", "numpy", "pandas"]


class LazyModule:
    """A stand-in for the module ``name``, imported when one of its attributes is first used.

    Parameters
    ----------
    name
        The module's full name (``"pandas"``).

    Examples
    --------
    >>> json = LazyModule("json")
    >>> json.dumps([1])
    '[1]'
    """

    def __init__(self, name: str) -> None:
        self.__dict__["_name"] = name

    def __getattr__(self, attr: str) -> Any:
        value = getattr(importlib.import_module(self.__dict__["_name"]), attr)
        self.__dict__[attr] = value  # looked up once
        return value

    def __setattr__(self, attr: str, value: Any) -> None:  # (on the module: what others see)
        setattr(importlib.import_module(self.__dict__["_name"]), attr, value)
        self.__dict__.pop(attr, None)

    def __delattr__(self, attr: str) -> None:
        delattr(importlib.import_module(self.__dict__["_name"]), attr)
        self.__dict__.pop(attr, None)

    def __repr__(self) -> str:
        return f"<lazily imported module {self.__dict__['_name']!r}>"


#: pandas, imported at its first use.
pandas = LazyModule("pandas")

#: numpy, imported at its first use.
numpy = LazyModule("numpy")
