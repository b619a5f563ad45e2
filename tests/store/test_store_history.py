"""Sessions and orders as ranges of a stream; time travel inside a session."""

from __future__ import annotations

from pathlib import Path

from store_helpers import Harness

from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, CheckedOut, Checkout, RemoveItem
from cartapp.store import LIVE_STREAM, EventStore, LiveStore, export_jsonl, import_jsonl


def shop(harness: Harness) -> None:
    """Two orders and an open cart: versions 1-4 | 5-10 | 11-12."""
    harness.send(AddItem(item_id="espresso-beans", quantity=1))  # 1, 2
    harness.send(Checkout())  # 3, 4
    harness.send(AddItem(item_id="rye-bread", quantity=2))  # 5, 6
    harness.send(RemoveItem(item_id="rye-bread", quantity=5))  # 7, 8 (rejected)
    harness.send(Checkout())  # 9, 10
    harness.send(AddItem(item_id="avocado", quantity=1))  # 11, 12


def test_an_empty_live_stream_has_one_empty_open_session(store: EventStore) -> None:
    [session] = store.sessions()
    assert (session.number, session.first, session.last, session.size) == (1, 1, 0, 0)
    assert not session.closed and session.started is None
    assert store.open_session() == session
    assert store.orders() == []


def test_sessions_and_orders_are_the_ranges_between_checkouts(harness: Harness) -> None:
    shop(harness)
    store = harness.store
    sessions = store.sessions()
    assert [(s.number, s.first, s.last, s.order_number) for s in sessions] == [
        (1, 1, 4, 1),
        (2, 5, 10, 2),
        (3, 11, 12, None),
    ]
    assert [s.closed for s in sessions] == [True, True, False]
    events = {e.version: e.envelope for e in store.iter_events()}
    assert sessions[1].started == events[5].timestamp
    assert sessions[1].ended == events[10].timestamp
    assert store.open_session() == sessions[-1]

    orders = store.orders()
    assert [(o.order_number, o.first_version, o.version) for o in orders] == [(1, 1, 4), (2, 5, 10)]
    second = orders[1]
    assert isinstance(events[10].event, CheckedOut)
    assert second.total == events[10].event.total
    assert second.item_count == 2 and second.lines[0].item_id == "rye-bread"
    assert second.event_id == events[10].event_id


def test_time_travel_inside_a_session(harness: Harness) -> None:
    shop(harness)
    store = harness.store
    assert store.session_at(LIVE_STREAM, 7) == store.sessions()[1]
    assert store.session_at(LIVE_STREAM, 99) is None
    assert store.cart_at(LIVE_STREAM, 6).quantity_of("rye-bread") == 2
    assert store.cart_at(LIVE_STREAM, 8) == store.cart_at(LIVE_STREAM, 6)  # a rejection
    assert store.cart_at(LIVE_STREAM, 10).lines == ()
    assert store.cart_at(LIVE_STREAM, 10).sold_of("rye-bread") == 2
    assert store.cart_at(LIVE_STREAM, 0).lines == ()


def test_an_imported_stream_lists_its_own_sessions(
    harness: Harness, tmp_path: Path, catalog: Catalog
) -> None:
    shop(harness)
    out = tmp_path / "second.jsonl"
    second = harness.store.sessions()[1]
    export_jsonl(harness.store, out, first=second.first, last=second.last)
    other = EventStore.open(tmp_path / "other" / "c.sqlite3")
    result = import_jsonl(other, out)
    # one closed session; no empty open session after it (only the live stream has one)
    [session] = other.sessions(result.stream)
    assert (session.number, session.first, session.last, session.order_number) == (1, 1, 6, 2)
    assert other.open_session(result.stream).number == 2
    assert other.open_session(result.stream).size == 0
    other.close()


def test_closing_the_app_snapshots_the_cart(tmp_path: Path, catalog: Catalog) -> None:
    live = LiveStore.open(tmp_path)
    harness = Harness(live.store, catalog)
    shop(harness)
    harness.service.snapshot()  # what App.close does before it closes the store
    live.close()
    with EventStore.open(tmp_path / "cartapp.sqlite3") as store:
        assert store.snapshot_versions()[-1] == 12
        loaded = store.load_cart()
        assert loaded.replayed == 0 and loaded.cart == harness.service.cart


def test_the_current_session_is_the_open_one_or_the_order_just_checked_out(
    harness: Harness,
) -> None:
    assert harness.store.current_session() == harness.store.open_session()  # nothing yet
    assert harness.store.current_session().size == 0
    shop(harness)
    live = harness.store
    assert live.current_session() == live.sessions()[-1]  # open, holds 11-12
    harness.send(Checkout())  # 13, 14 close session 3; the open session 4 is empty
    current = live.current_session()
    assert (current.number, current.first, current.last, current.order_number) == (3, 11, 14, 3)
    assert current == live.sessions()[2] and live.open_session().size == 0
    harness.send(RemoveItem(item_id="avocado", quantity=1))  # 15, 16: a rejection opens 4
    current = live.current_session()
    assert (current.number, current.first, current.last, current.closed) == (4, 15, 16, False)
