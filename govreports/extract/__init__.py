"""Figures: segmentation, numbers, indicators, metrics, the panel, corrections and comparisons.

The stage reads the reports frame and returns tidy tables of figures: where a
report's parts and sentences are (``sections``, ``sentences``), every figure
with its indicator, kind, measure, period and offsets (``extract_metrics``),
one headline row per report, indicator and kind (``panel``), human corrections
that survive re-runs (``review_sheet``, ``apply_corrections``), and each region
against its superior's targets (``compare``).
"""

from ._compare import compare
from ._metrics import extract_metrics, panel
from ._review import apply_corrections, read_corrections, review_sheet
from ._segment import sections, sentences

__all__ = [
    "apply_corrections", "compare", "extract_metrics", "panel", "read_corrections", "review_sheet",
    "sections", "sentences",
]
