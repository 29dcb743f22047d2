"""Old names kept for one release: they work and say what replaced them."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def renamed_function(new: F, old_name: str) -> F:
    """``new`` under its old name, warning once per call site (FutureWarning)."""

    @functools.wraps(new)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(f"govreports.{old_name}() is now govreports.{new.__name__}(); the old name will be removed "
                      "in the next release", FutureWarning, stacklevel=2)
        return new(*args, **kwargs)

    wrapper.__name__ = old_name
    wrapper.__qualname__ = old_name
    wrapper.__doc__ = f"Deprecated name of :func:`govreports.{new.__name__}` (removed in the next release)."
    return wrapper  # type: ignore[return-value]


def renamed_arguments(renames: dict[str, str]) -> Callable[[F], F]:
    """Accept the old keyword names of a function's arguments, warning (FutureWarning).

    ``renames`` maps an old name to the new one; passing both is an error.
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both {old}= (its old name) and {new}=")
                    warnings.warn(f"{func.__name__}({old}=…) is now {func.__name__}({new}=…); the old name will be "
                                  "removed in the next release", FutureWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
