"""Flow statistics and the Markov model of the event stream (no Qt).

``FlowStats`` turns stage rows (live from the bus tap, or read back from the store) into counts,
the design's four stage probabilities with their counts, latency percentiles, per-handler timings,
events per second and the Markov chain of user actions; ``report()`` freezes them into a
``FlowReport`` and ``to_csv()`` exports it.
"""

from __future__ import annotations

from cartapp.analytics.export import parse_csv_sections, report_to_csv
from cartapp.analytics.flow import LATENCY_STAGES, FlowStats, is_ui_command, stats_from_rows
from cartapp.analytics.histogram import LogHistogram, Percentiles
from cartapp.analytics.markov import MarkovChain, TransitionMatrix, stationary_distribution
from cartapp.analytics.rate import RateWindow
from cartapp.analytics.report import (
    FlowReport,
    FlowSnapshot,
    HandlerStats,
    Ratio,
    SourceFlow,
    TypeStats,
)

__all__ = [
    "LATENCY_STAGES",
    "FlowReport",
    "FlowSnapshot",
    "FlowStats",
    "HandlerStats",
    "LogHistogram",
    "MarkovChain",
    "Percentiles",
    "RateWindow",
    "Ratio",
    "SourceFlow",
    "TransitionMatrix",
    "TypeStats",
    "is_ui_command",
    "parse_csv_sections",
    "report_to_csv",
    "stationary_distribution",
    "stats_from_rows",
]
