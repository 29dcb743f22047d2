"""govreports: Chinese government work reports (政府工作报告) as research data.

Data flows one way — load (:mod:`govreports.io`) → figures
(:mod:`govreports.extract`) and words (:mod:`govreports.text`) → what a
researcher sees (:mod:`govreports.present`), with the bundled tables in
:mod:`govreports.datasets` — and every stage takes and returns tidy pandas
DataFrames that keep ``report_id``. The stages' modules are private; this
package re-exports their public functions.

>>> import govreports as gr
>>> reports = gr.load_sample()
>>> len(reports)
5

Importing the package loads no heavy dependency (jieba, matplotlib,
ipywidgets, pdfplumber, python-docx): each is imported where it is used.
"""

from __future__ import annotations

from ._cache import read_metrics
from ._deprecated import renamed_function
from ._pipeline import Pipeline
from ._version import __version__
from .datasets import (
    data_versions,
    describe_dataset,
    list_datasets,
    load_gazetteer,
    load_indicators,
    load_national_targets,
    load_policy_terms,
    load_sample,
    load_stopwords,
    load_t2s,
    load_targets,
    load_themes,
)
from .errors import GovReportsError
from .extract import (
    apply_corrections,
    compare,
    extract_metrics,
    panel,
    read_corrections,
    review_sheet,
    sections,
    sentences,
)
from .io import Limits, locate, provenance, read_reports, read_table, reports_from_texts, write_table
from .present import (
    explore,
    explorer_state,
    plot_attention,
    plot_distinctive,
    plot_levels,
    plot_targets,
    plot_term_trends,
    prepare_explorer,
    set_theme,
    show_evidence,
    write_report,
)
from .text import (
    attention,
    distinctive_terms,
    kwic,
    shared_passages,
    similarity,
    slogans,
    term_frequencies,
    theme_ids,
    tokenize,
)

# old names of loaders (``load_*`` since 0.2): kept for one release
indicators = renamed_function(load_indicators, "indicators")
themes = renamed_function(load_themes, "themes")
policy_terms = renamed_function(load_policy_terms, "policy_terms")
stopwords = renamed_function(load_stopwords, "stopwords")
national_targets = renamed_function(load_national_targets, "national_targets")


__all__ = [
    "__version__",
    "GovReportsError",
    "Pipeline",
    # load (io) and bundled data (datasets)
    "Limits",
    "read_reports",
    "reports_from_texts",
    "locate",
    "read_table",
    "write_table",
    "provenance",
    "data_versions",
    "load_sample",
    "load_gazetteer",
    "load_indicators",
    "load_national_targets",
    "load_policy_terms",
    "load_stopwords",
    "load_t2s",
    "load_targets",
    "load_themes",
    "describe_dataset",
    "list_datasets",
    # figures (extract)
    "sections",
    "sentences",
    "extract_metrics",
    "read_metrics",
    "panel",
    "compare",
    "review_sheet",
    "apply_corrections",
    "read_corrections",
    # words (text)
    "tokenize",
    "term_frequencies",
    "distinctive_terms",
    "kwic",
    "attention",
    "slogans",
    "theme_ids",
    "similarity",
    "shared_passages",
    # what a researcher sees (present)
    "set_theme",
    "plot_attention",
    "plot_distinctive",
    "plot_levels",
    "plot_targets",
    "plot_term_trends",
    "show_evidence",
    "write_report",
    "explore",
    "explorer_state",
    "prepare_explorer",
]
