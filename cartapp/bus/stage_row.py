"""``StageRow``: a stage record flattened to plain values, what the store keeps and analytics reads.

Its own module because it is data, not bus machinery: the store writes and reads these rows and
imports nothing else of the bus's tracing (``cartapp.bus.stages`` builds them with
``StageRecord.to_row()`` and re-exports the name).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["StageRow"]


class StageRow(NamedTuple):
    """A stage record flattened to plain values: what the store keeps and analytics reads.

    ``kind`` is "command", "fact" or "message" (the message class's ``kind``).
    """

    stage: str
    event_id: str
    event_type: str
    kind: str
    correlation_id: str
    causation_id: str | None
    source: str
    handler: str | None
    timestamp: float
    duration_ns: int
    latency_ns: int
    error: str | None
