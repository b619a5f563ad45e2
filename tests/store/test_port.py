"""The event-log port (``cartapp.store.port.EventLog``): one suite, run against every adapter.

A broker-backed adapter joins the ``log`` fixture's parameters and must pass the same tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cartapp.bus import Envelope
from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all
from cartapp.domain.events import AddItem, ItemAdded
from cartapp.store import (
    ConcurrencyError,
    DuplicateEventError,
    EventLog,
    EventStore,
    MemoryEventLog,
)

__all__: list[str] = []

LINE = {"name": "Rye bread", "unit_price": "3.20", "tax_rate": "0.07"}


@pytest.fixture(params=["sqlite", "memory"])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EventLog]:
    if request.param == "memory":
        yield MemoryEventLog()
        return
    store = EventStore.open(tmp_path / "cartapp.sqlite3")
    yield store
    store.close()


def step(quantity: int = 1) -> list[Envelope]:
    command = Envelope.new(AddItem(item_id="rye", quantity=quantity), source="ui")
    fact = ItemAdded(item_id="rye", quantity=quantity, **LINE)  # type: ignore[arg-type]
    return [command, Envelope.new(fact, source="CartHandler", correlation_id=command.event_id)]


def test_append_returns_the_new_version_and_reads_back_in_order(log: EventLog) -> None:
    first, second = step(1), step(2)
    assert log.append(first, "cart", 0) == 2
    assert log.append(second, "cart", 2) == 4
    stored = list(log.iter_events("cart"))
    assert [s.version for s in stored] == [1, 2, 3, 4]
    assert [s.envelope.event_id for s in stored] == [e.event_id for e in first + second]
    assert [s.envelope.event_id for s in log.iter_events("cart", 3)] == [e.event_id for e in second]
    assert list(log.iter_events("other")) == []


def test_a_stale_expected_version_writes_nothing(log: EventLog) -> None:
    log.append(step(), "cart", 0)
    with pytest.raises(ConcurrencyError):
        log.append(step(), "cart", 0)
    with pytest.raises(ConcurrencyError):
        log.append(step(), "cart", 5)
    assert len(list(log.iter_events("cart"))) == 2


def test_a_known_id_writes_nothing_of_its_append(log: EventLog) -> None:
    first = step()
    log.append(first, "cart", 0)
    with pytest.raises(DuplicateEventError):
        log.append([*step(), first[0]], "cart", 2)
    with pytest.raises(DuplicateEventError):
        log.append(first, "elsewhere", 0)  # ids are unique across streams
    assert len(list(log.iter_events("cart"))) == 2
    assert list(log.iter_events("elsewhere")) == []


def test_load_cart_starts_from_the_snapshot_given_with_an_append(log: EventLog) -> None:
    first, second = step(1), step(2)
    log.append(first, "cart", 0)
    after_first = apply_all(Cart(), [first[1].event])
    log.append(second, "cart", 2, snapshot=apply_all(after_first, [second[1].event]))
    loaded = log.load_cart("cart", currency="EUR")
    assert loaded.version == 4 and loaded.replayed == 0
    assert loaded.cart.quantity_of("rye") == 3
    third = step(4)
    log.append(third, "cart", 4)
    loaded = log.load_cart("cart", currency="EUR")
    assert (loaded.version, loaded.replayed, loaded.cart.quantity_of("rye")) == (6, 2, 7)
    log.save_snapshot("cart", 6, loaded.cart)
    assert log.load_cart("cart", currency="EUR").replayed == 0
