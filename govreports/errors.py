"""Errors raised by govreports.

Every error a user can cause comes from here, names the bad value or file and,
where there is a closed set of options, lists them. CLI code catches
:class:`GovReportsError` and prints one ``PATH: reason`` line instead of a
traceback.
"""

from __future__ import annotations

from . import _regex

__all__ = [
    "GovReportsError",
    "ReportFileError",
    "FileMissingError",
    "EmptyFileError",
    "BinaryFileError",
    "DecodeError",
    "UnsupportedFormatError",
    "NoTextLayerError",
    "CorruptFileError",
    "FileTooLargeError",
    "NoReportsFoundError",
    "MissingDependencyError",
    "OptionalDependencyError",
    "InvalidMetadataError",
    "InvalidOptionError",
    "MissingColumnsError",
    "OutputPathError",
    "GovReportsWarning",
]


class GovReportsError(Exception):
    """Base class of all govreports errors."""


_LINE_BREAKS = _regex.compile(r"[\r\n\v\f\x85\u2028\u2029]+\s*")
#: Longest reason kept: a reason is one line for a person, not a dump of the input.
_MAX_REASON = 500


def one_line(text: str, limit: int = _MAX_REASON) -> str:
    """``text`` as one line of at most ``limit`` characters: line breaks become
    spaces and a longer text is cut with an ellipsis (the ``reason`` of a
    ``PATH: reason`` line, whatever exception it came from)."""
    text = _LINE_BREAKS.sub(" ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReportFileError(GovReportsError, OSError):
    """A file could not be read as a report.

    Parameters
    ----------
    path
        The file (or directory) at fault.
    reason
        One line saying what is wrong, for a human.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = one_line(reason)
        super().__init__(f"{self.path}: {self.reason}")

    def __str__(self) -> str:  # OSError's own __str__ would print errno fields
        return f"{self.path}: {self.reason}"

    def __reduce__(self):  # picklable across worker processes
        return (self.__class__, (self.path, self.reason))


class FileMissingError(ReportFileError, FileNotFoundError):
    """The path does not exist."""


class EmptyFileError(ReportFileError):
    """The file has no text."""


class BinaryFileError(ReportFileError):
    """The file is binary (an image, an archive …), not a report."""


class DecodeError(ReportFileError):
    """The bytes are in no encoding govreports can decode with confidence."""


class UnsupportedFormatError(ReportFileError):
    """The file type is not one govreports reads."""


class NoTextLayerError(ReportFileError):
    """A PDF (or DOCX) holds no extractable text: it needs OCR first."""


class CorruptFileError(ReportFileError):
    """The file is damaged, encrypted or not what its extension says."""


class FileTooLargeError(ReportFileError):
    """The file exceeds a configured size, page or decompression limit."""


class MissingDependencyError(ReportFileError):
    """Reading this file needs an optional package that is not installed."""


class NoReportsFoundError(ReportFileError):
    """A directory (or file) yielded no report."""


class InvalidMetadataError(ReportFileError):
    """The file states an impossible value for a report's metadata (a
    front-matter ``year`` of twenty digits)."""


class OutputPathError(GovReportsError, OSError):
    """An output cannot be written where asked, and nothing was written there.

    The path is one of the inputs, a folder where a file is wanted (or a
    file where a folder is), a non-empty folder that is not an output
    govreports may replace, or another run replaced it at the same moment.

    Parameters
    ----------
    path
        The output path.
    reason
        One line saying what is wrong and what to do, for a human.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = one_line(reason)
        super().__init__(f"{self.path}: {self.reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self):
        return (self.__class__, (self.path, self.reason))


class OptionalDependencyError(GovReportsError, ImportError):
    """An optional package is needed; the message gives the pip command."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        self.purpose = purpose
        command = f'pip install "govreports[{extra}]"' if extra else f"pip install {package}"
        super().__init__(f"{purpose} needs the package {package!r}: {command}")

    def __reduce__(self):
        return (self.__class__, (self.package, self.extra, self.purpose))


class InvalidOptionError(GovReportsError, ValueError):
    """An option has a value outside its valid set."""

    def __init__(self, name: str, value: object, valid: object) -> None:
        self.name = name
        self.value = value
        self.valid = valid
        super().__init__(f"invalid {name}={value!r}; valid options: {valid}")

    def __reduce__(self):
        return (self.__class__, (self.name, self.value, self.valid))


class MissingColumnsError(GovReportsError, ValueError):
    """A DataFrame passed in lacks the columns a function needs."""

    def __init__(self, what: str, missing: list[str]) -> None:
        self.missing = missing
        self.what = what
        super().__init__(f"{what} is missing column(s): {', '.join(missing)}")

    def __reduce__(self):
        return (self.__class__, (self.what, self.missing))


class GovReportsWarning(UserWarning):
    """Something the user should know that is not an error (a correction
    whose figure is no longer found, …)."""
