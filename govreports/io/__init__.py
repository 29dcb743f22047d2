"""Loading: files and texts in, the reports frame out (formats, cleaning,
compilations, metadata), division codes for each report, and tables written
and read safely."""

from ._export import provenance, read_table, write_table
from ._formats import SUPPORTED_SUFFIXES, Limits
from ._locate import locate
from ._reader import read_reports, reports_from_texts

__all__ = [
    "Limits", "SUPPORTED_SUFFIXES", "locate", "provenance", "read_reports", "read_table", "reports_from_texts",
    "write_table",
]
