"""What a researcher sees: figures with working Chinese fonts, a figure in its
sentence, the HTML/CSV report of a batch and the notebook explorer."""

from ._evidence import show_evidence
from ._plotting import plot_attention, plot_distinctive, plot_levels, plot_targets, plot_term_trends, set_theme
from ._report import write_report
from ._widgets import explore, explorer_state, prepare_explorer

__all__ = [
    "explore", "explorer_state", "plot_attention", "plot_distinctive", "plot_levels", "plot_targets",
    "plot_term_trends", "prepare_explorer", "set_theme", "show_evidence", "write_report",
]
