"""Fixtures for the analytics tests: the shipped catalog and a bus that collects its stage rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cartapp.bus import EventBus
from cartapp.bus.stages import StageRow, TraceBatch
from cartapp.domain.catalog import Catalog
from cartapp.handlers import CartService, handler_failed

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.from_json((REPO / "resources" / "catalog.json").read_bytes())


@dataclass
class TappedBus:
    """A real bus with the cart handler and a tap that keeps every stage row and every batch."""

    bus: EventBus
    service: CartService
    rows: list[StageRow] = field(default_factory=list)
    batches: list[list[StageRow]] = field(default_factory=list)

    def on_batch(self, batch: TraceBatch) -> None:
        rows = [record.to_row() for record in batch]
        self.batches.append(rows)
        self.rows.extend(rows)


def make_tapped_bus(catalog: Catalog) -> TappedBus:
    bus = EventBus(failure_fact=handler_failed)
    service = CartService(catalog)
    service.attach(bus)
    tapped = TappedBus(bus, service)
    bus.tap(tapped.on_batch)
    return tapped


@pytest.fixture
def tapped(catalog: Catalog) -> Iterator[TappedBus]:
    tapped = make_tapped_bus(catalog)
    yield tapped
    tapped.bus.close()


@pytest.fixture(scope="session")
def new_tapped_bus(catalog: Catalog) -> Callable[[], TappedBus]:
    """A factory for property tests, which build one fresh bus per example."""
    return lambda: make_tapped_bus(catalog)
