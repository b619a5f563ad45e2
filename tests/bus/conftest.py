"""Fixtures for the bus tests: a bus that turns failures into ``HandlerFailed``, a record tap."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cartapp.bus import EventBus, StageRecord
from cartapp.handlers import handler_failed


@pytest.fixture
def bus() -> Iterator[EventBus]:
    """A bus owned by the test's thread, with ``failure_fact=handler_failed``."""
    bus = EventBus(failure_fact=handler_failed)
    yield bus
    bus.close()


@pytest.fixture
def records(bus: EventBus) -> list[StageRecord]:
    """Every stage record the bus emits, in order (filled by a tap)."""
    out: list[StageRecord] = []
    bus.tap(out.extend)
    return out
