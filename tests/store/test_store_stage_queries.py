"""Reading stage rows back for the analytics: id windows, a session's rows, the newest sessions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import Harness, commands

from cartapp.bus.stages import StageRow, TraceBatch
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, Checkout, Command, RemoveItem, UpdateItem
from cartapp.store import LIVE_STREAM, EventStore, export_jsonl, import_jsonl

__all__: list[str] = []


def boom(_envelope: Any) -> None:
    raise ValueError("audit log is down")


def recording(harness: Harness) -> list[StageRow]:
    """Store every stage row of the harness's bus (as ``LiveStore.record_stages`` does) and
    keep a copy in order; a RemoveItem also fails in a second handler (never stored itself)."""
    rows: list[StageRow] = []

    def record(batch: TraceBatch) -> None:
        new = [record.to_row() for record in batch]
        rows.extend(new)
        harness.store.append_stages(new)

    harness.bus.tap(record)
    harness.bus.subscribe(RemoveItem, boom, name="AuditLog")
    return rows


def shop(harness: Harness) -> None:
    """Two orders and an open cart: versions 1-4 | 5-10 | 11-12."""
    harness.send(AddItem(item_id="espresso-beans", quantity=1))  # 1, 2
    harness.send(Checkout())  # 3, 4
    harness.send(AddItem(item_id="rye-bread", quantity=2))  # 5, 6
    harness.send(RemoveItem(item_id="rye-bread", quantity=5))  # 7, 8 (rejected; audit fails)
    harness.send(Checkout())  # 9, 10
    harness.send(AddItem(item_id="avocado", quantity=1))  # 11, 12


def test_stage_ids_count_on_without_gaps(store: EventStore) -> None:
    assert store.last_stage_id() == 0
    row = StageRow("generated", "e", "AddItem", "command", "c", None, "ui", None, 1.0, 0, 0, None)
    store.append_stages([row] * 3)
    assert store.last_stage_id() == 3
    store.prune_stages(keep=1)
    assert store.last_stage_id() == 3  # the newest row stays, so ids go on from it
    store.append_stages([row] * 2)
    assert [i for i, _ in store.iter_stages()] == [3, 4, 5]
    assert store.last_stage_id() == 5


def test_windows_of_ids_page_through_every_row(harness: Harness) -> None:
    rows = recording(harness)
    shop(harness)
    store = harness.store
    top = store.last_stage_id()
    assert top == len(rows) > 20
    assert store.stage_rows(0, top) == rows == [r for _, r in store.iter_stages(0, 10_000)]
    paged: list[StageRow] = []
    for after in range(0, top, 7):
        paged.extend(store.stage_rows(after, min(after + 7, top)))
    assert paged == rows
    assert store.stage_rows(3, 5) == rows[3:5]
    assert store.stage_rows(top, top + 100) == []
    assert store.stage_rows(5, 3) == []


def test_a_sessions_rows_are_those_of_its_correlations(harness: Harness) -> None:
    rows = recording(harness)
    shop(harness)
    store = harness.store
    top = store.last_stage_id()
    second = store.sessions()[1]
    assert (second.first, second.last) == (5, 10)
    found = store.stage_rows(0, top, stream=LIVE_STREAM, first=second.first, last=second.last)
    corrs = store.correlation_ids(LIVE_STREAM, second.first, second.last)
    assert len(corrs) == 3  # AddItem, RemoveItem, Checkout
    assert found == [r for r in rows if r.correlation_id in corrs]
    types = {r.event_type for r in found}
    assert types == {
        "AddItem",
        "ItemAdded",
        "RemoveItem",
        "CommandRejected",
        "HandlerFailed",  # caused by the RemoveItem, never stored as a message
        "Checkout",
        "CheckedOut",
    }
    # A window and an open range: the open session's rows from the tenth row on.
    open_rows = store.stage_rows(10, top, stream=LIVE_STREAM, first=11)
    newest = store.correlation_ids(LIVE_STREAM, 11)
    assert open_rows == [r for r in rows[10:] if r.correlation_id in newest]
    assert {r.event_type for r in open_rows} == {"AddItem", "ItemAdded"}
    assert store.stage_rows(0, top, stream="no-such-stream") == []
    assert store.correlation_ids(LIVE_STREAM, 13) == set()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(commands(), max_size=25))
def test_every_row_belongs_to_exactly_one_session(
    tmp_path_factory: Any, catalog: Catalog, sent: list[Command]
) -> None:
    with EventStore.open(tmp_path_factory.mktemp("s") / "cartapp.sqlite3") as store:
        harness = Harness(store, catalog)
        rows = recording(harness)
        for command in sent:
            harness.send(command)
        top = store.last_stage_id()
        parts = [
            store.stage_rows(0, top, stream=LIVE_STREAM, first=s.first, last=s.last)
            for s in store.sessions()
        ]
        # Order within a session is storage order, and together they are every row once.
        assert sorted((r for part in parts for r in part), key=rows.index) == rows
        assert sum(map(len, parts)) == len(rows)


def test_recent_sessions_are_the_tail_of_all_sessions(harness: Harness, tmp_path: Path) -> None:
    store = harness.store
    assert store.recent_sessions(LIVE_STREAM, 3) == store.sessions() != []
    shop(harness)
    harness.send(Checkout())  # the third order
    harness.send(UpdateItem(item_id="espresso-beans", quantity=2))  # rejected: not in the cart
    every = store.sessions()
    assert len(every) >= 3
    for count in range(len(every) + 2):
        assert store.recent_sessions(LIVE_STREAM, count) == (every[-count:] if count else [])

    # An imported stream lists a trailing session only when it holds messages.
    path = tmp_path / "shop.jsonl"
    assert export_jsonl(store, path, stream=LIVE_STREAM, first=5, last=11) == 7
    with EventStore.open(tmp_path / "other" / "cartapp.sqlite3") as other:
        imported = import_jsonl(other, path).stream
        listed = other.sessions(imported)
        assert [(s.first, s.last, s.closed) for s in listed] == [(1, 6, True), (7, 7, False)]
        for count in range(4):
            assert other.recent_sessions(imported, count) == (listed[-count:] if count else [])
        empty = other.recent_sessions("no-such-stream", 2)
        assert empty == other.sessions("no-such-stream") == []
