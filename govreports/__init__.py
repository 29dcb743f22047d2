"""govreports: Chinese government work reports (政府工作报告) as research data.

Data flows one way — load → clean → segment → extract → analyse → plot — and
every stage takes and returns tidy pandas DataFrames that keep ``report_id``.

>>> import govreports as gr
>>> reports = gr.load_sample()
>>> len(reports)
5

Importing the package loads no heavy dependency (jieba, matplotlib,
ipywidgets, pdfplumber, python-docx): each is imported where it is used.
"""

from __future__ import annotations

from .compare import compare
from .datasets import describe_dataset, list_datasets, load_sample
from .errors import GovReportsError
from .evidence import show_evidence
from .export import read_table, write_table
from .indicators import indicators
from .io import Limits, read_reports, reports_from_texts
from .locate import load_gazetteer, locate
from .metrics import extract_metrics, panel
from .report import write_report
from .review import apply_corrections, read_corrections, review_sheet
from .plotting import plot_attention, plot_distinctive, plot_levels, plot_targets, plot_term_trends, set_theme
from .segment import sections, sentences
from .similarity import shared_passages, similarity
from .text import distinctive_terms, kwic, policy_terms, stopwords, term_frequencies, tokenize
from .targets import load_targets, national_targets
from .themes import attention, slogans, theme_ids, themes
from .widgets import explore, explorer_state, prepare_explorer

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "GovReportsError",
    "Limits",
    "describe_dataset",
    "extract_metrics",
    "indicators",
    "panel",
    "list_datasets",
    "load_gazetteer",
    "locate",
    "load_sample",
    "read_reports",
    "reports_from_texts",
    "sections",
    "sentences",
    "show_evidence",
    "read_table",
    "write_report",
    "review_sheet",
    "apply_corrections",
    "read_corrections",
    "explore",
    "explorer_state",
    "prepare_explorer",
    "write_table",
    "plot_attention",
    "plot_distinctive",
    "plot_levels",
    "plot_targets",
    "plot_term_trends",
    "set_theme",
    "attention",
    "compare",
    "load_targets",
    "national_targets",
    "distinctive_terms",
    "kwic",
    "policy_terms",
    "shared_passages",
    "similarity",
    "slogans",
    "stopwords",
    "term_frequencies",
    "theme_ids",
    "themes",
    "tokenize",
]
