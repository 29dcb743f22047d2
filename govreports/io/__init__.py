"""Reading reports: formats, compilation splitting, metadata."""

from .formats import Limits, SUPPORTED_SUFFIXES
from .reader import read_reports, reports_from_texts

__all__ = ["read_reports", "reports_from_texts", "Limits", "SUPPORTED_SUFFIXES"]
