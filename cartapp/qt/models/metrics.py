"""The metrics panels' feed and table models, importable from one place.

``FlowFeed``, ``LiveTail`` and ``feed_for`` (how bus traffic enters ``FlowStats``, queued per frame
and drained per frame) live in ``flow_feed.py``; the table models (``ProbabilityModel``,
``LatencyModel``, ``HandlerModel`` over ``ReportTableModel``), their column constants and the
number formats live in ``metrics_tables.py``. Every name stays importable from here.
"""

from __future__ import annotations

from cartapp.qt.models.flow_feed import CHUNK, HEARTBEAT_MS, FlowFeed, LiveTail, feed_for
from cartapp.qt.models.metrics_tables import (
    COL_HANDLER_CALLS,
    COL_HANDLER_FAILED,
    COL_HANDLER_NAME,
    COL_HANDLER_REJECTED,
    COL_LATENCY_COUNT,
    COL_LATENCY_STAGE,
    COL_P50,
    COL_PROB_ACCEPTED,
    COL_PROB_LOSSES,
    COL_PROB_P_C,
    COL_PROB_P_E,
    COL_PROB_P_H,
    COL_PROB_P_T,
    COL_PROB_REJECTED,
    COL_PROB_SCOPE,
    VALUE_ROLE,
    Cell,
    HandlerModel,
    LatencyModel,
    ProbabilityModel,
    ReportTableModel,
    format_count,
    format_ratio,
)

__all__ = [
    "CHUNK",
    "COL_HANDLER_CALLS",
    "COL_HANDLER_FAILED",
    "COL_HANDLER_NAME",
    "COL_HANDLER_REJECTED",
    "COL_LATENCY_COUNT",
    "COL_LATENCY_STAGE",
    "COL_P50",
    "COL_PROB_ACCEPTED",
    "COL_PROB_LOSSES",
    "COL_PROB_P_C",
    "COL_PROB_P_E",
    "COL_PROB_P_H",
    "COL_PROB_P_T",
    "COL_PROB_REJECTED",
    "COL_PROB_SCOPE",
    "HEARTBEAT_MS",
    "VALUE_ROLE",
    "Cell",
    "FlowFeed",
    "HandlerModel",
    "LatencyModel",
    "LiveTail",
    "ProbabilityModel",
    "ReportTableModel",
    "feed_for",
    "format_count",
    "format_ratio",
]
