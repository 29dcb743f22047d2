"""One batch of reports through every stage, each stage computed once.

The HTML report (:func:`govreports.write_report`), the explorer
(:func:`govreports.prepare_explorer`) and the command line all go through a
:class:`Pipeline`: read reports → locate them in the division hierarchy →
figures (``metrics``) → the headline ``panel`` → ``compare`` → ``tokens`` →
policy ``attention``. A stage runs on first use and is kept; ``jobs`` and
``engine`` reach every stage that can run in parallel.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ._lazy import pandas as pd
from ._parallel import Engine
from .extract._compare import DEFAULT_INDICATORS, compare
from .extract._metrics import extract_metrics, metric_rows, panel
from .io._locate import locate
from .text._themes import attention
from .text._tokens import tokenize

__all__ = ["Pipeline"]


class Pipeline:
    """A batch of reports with every stage computed once, on first use.

    Parameters
    ----------
    reports : pandas.DataFrame
        The reports frame (:func:`govreports.read_reports`). Not copied, never modified.
    jobs : int, default 1
        Worker processes for the stages that run in parallel (figures, tokens).
    engine : {"processes", "threads", "dask"}, default "processes"
        Where the parallel stages run (see :func:`govreports.extract_metrics`).
    corrections : pandas.DataFrame or str, optional
        Corrections by hand (:func:`govreports.read_corrections`) applied to the panel.
    progress_bar : bool, optional
        Show progress of the long stages; default: only in a terminal or notebook.

    Examples
    --------
    >>> import govreports as gr
    >>> pipe = gr.Pipeline(gr.load_sample())
    >>> pipe
    <Pipeline: 5 report(s); computed: none>
    >>> gdp = pipe.panel[pipe.panel["indicator"] == "gdp"]
    >>> gdp[["region", "kind", "measure", "value"]].head(3).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'region': '六镇镇', 'kind': 'actual', 'measure': 'level', 'value': 15.2},
     {'region': '六镇镇', 'kind': 'target', 'measure': 'growth', 'value': 10.0},
     {'region': '平湖镇', 'kind': 'target', 'measure': 'growth', 'value': 9.0}]
    >>> pipe
    <Pipeline: 5 report(s); computed: located, metrics, panel>
    """

    def __init__(
        self,
        reports: pd.DataFrame,
        *,
        jobs: int = 1,
        engine: Engine = "processes",
        corrections: pd.DataFrame | str | None = None,
        progress_bar: bool | None = None,
    ) -> None:
        self.reports = reports
        self.jobs = jobs
        self.engine = engine
        self.corrections = corrections
        self.progress_bar = progress_bar
        self._comparisons: dict[tuple, pd.DataFrame] = {}
        self._attention: dict[tuple[str, ...], pd.DataFrame] = {}

    def __repr__(self) -> str:
        done = [name for name in ("located", "metrics", "panel", "tokens") if name in self.__dict__]
        done += ["compare"] * bool(self._comparisons) + ["attention"] * bool(self._attention)
        return f"<Pipeline: {len(self.reports)} report(s); computed: {', '.join(done) or 'none'}>"

    @functools.cached_property
    def located(self) -> pd.DataFrame:
        """The reports with their place in the division hierarchy (:func:`govreports.locate`);
        the reports themselves when they already have ``division_code``."""
        if "division_code" in self.reports.columns:
            return self.reports
        return locate(self.reports)

    @functools.cached_property
    def metrics(self) -> pd.DataFrame:
        """Every figure of the reports (:func:`govreports.extract_metrics`), with the division
        columns of :attr:`located` carried."""
        return extract_metrics(self.located, jobs=self.jobs, engine=self.engine, progress_bar=self.progress_bar)

    @functools.cached_property
    def metric_rows(self) -> tuple[list[str], list[tuple]]:
        """The fields and rows :attr:`metrics` is made of (``metric_rows`` in ``extract/_metrics.py``),
        for writers that need no frame."""
        return metric_rows(self.located, jobs=self.jobs, engine=self.engine, progress_bar=self.progress_bar)

    @functools.cached_property
    def panel(self) -> pd.DataFrame:
        """One headline row per report, indicator, kind and measure (:func:`govreports.panel`)."""
        return panel(self.metrics, corrections=self.corrections)

    def compare(
        self, indicators: Sequence[str] = DEFAULT_INDICATORS, *, national: bool = True, superior: bool = True
    ) -> pd.DataFrame:
        """Each report against its superior's and the State Council's targets (:func:`govreports.compare`),
        computed once per set of options."""
        key = (tuple(indicators), national, superior)
        if key not in self._comparisons:
            self._comparisons[key] = compare(self.panel, indicators=list(indicators), national=national,
                                             superior=superior, locations=self.located)
        return self._comparisons[key]

    @functools.cached_property
    def tokens(self) -> pd.DataFrame:
        """The reports' words (:func:`govreports.tokenize`, default options)."""
        return tokenize(self.reports, jobs=self.jobs, engine=self.engine, progress_bar=self.progress_bar)

    def attention(self, by: str | Sequence[str] = ("report_id",)) -> pd.DataFrame:
        """Policy attention by theme (:func:`govreports.attention`), computed once per grouping."""
        key = (by,) if isinstance(by, str) else tuple(by)
        if key not in self._attention:
            self._attention[key] = attention(self.tokens, by=list(key))
        return self._attention[key]
