"""The event bus: subscribe/publish, envelopes, stage tracing, sync and async handlers. No Qt."""

from __future__ import annotations

from cartapp.bus.bus import EventBus, Subscription
from cartapp.bus.delivered import DuplicateEnvelopeError
from cartapp.bus.envelope import Envelope
from cartapp.bus.stages import Stage, StageRecord

__all__ = [
    "DuplicateEnvelopeError",
    "Envelope",
    "EventBus",
    "Stage",
    "StageRecord",
    "Subscription",
]
