"""Telemetry: stage rows written at known positions, and a writer whose failures are seen."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from cartapp.bus import Envelope
from cartapp.bus.stages import Stage, StageRecord, make_record
from cartapp.domain.events import AddItem
from cartapp.store import EventStore
from cartapp.store.telemetry import Telemetry

__all__: list[str] = []


def records(count: int, tag: str = "r") -> list[StageRecord]:
    out = []
    for i in range(count):
        env = Envelope.new(
            AddItem(item_id="rye-bread", quantity=1), source="ui", event_id=f"{tag}{i}"
        )
        out.append(make_record(Stage.GENERATED, env, None, env.created_ns))
    return out


def stored_ids(store: EventStore, upto: int | None = None) -> list[str]:
    top = store.last_stage_id() if upto is None else upto
    return [row.event_id for row in store.stage_rows(0, top)]


class Broken(StageRecord):
    """A record that cannot become a row (a bug somewhere upstream)."""

    __slots__ = ()

    def to_row(self) -> Any:
        raise ValueError("no row for you")


def broken(count: int) -> list[StageRecord]:
    return [Broken(r) for r in records(count, "bad")]


@pytest.fixture
def telemetry(store: EventStore) -> Telemetry:
    return Telemetry(store, chunk=4, thread=False)


def test_positions_count_on_from_what_was_stored_before(
    store: EventStore, telemetry: Telemetry
) -> None:
    store.append_stages([r.to_row() for r in records(3, "old")])
    later = Telemetry(store, chunk=4, thread=False)
    assert later.base == 3 and later.position_after(0) == 3
    later.record(records(6))
    assert later.position_after(1) is None  # not written yet
    assert later.flush() == 6
    assert [later.position_after(n) for n in range(7)] == [3, 4, 5, 6, 7, 8, 9]
    assert later.position_after(7) is None
    # reading up to a record's position gives exactly the records before it
    assert stored_ids(store, later.position_after(4))[3:] == ["r0", "r1", "r2", "r3"]


def test_a_refused_chunk_is_counted_and_positions_still_meet(
    store: EventStore, telemetry: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store.write_stages
    calls = {"n": 0}

    def flaky(rows: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(rows)

    monkeypatch.setattr(store, "write_stages", flaky)
    telemetry.record(records(10))  # chunks of 4: r0-r3 stored, r4-r9 lost with the second
    assert telemetry.flush() == 4
    telemetry.record(records(3, "s"))  # written at the positions right after r3
    assert telemetry.flush() == 3
    assert stored_ids(store) == ["r0", "r1", "r2", "r3", "s0", "s1", "s2"]
    assert telemetry.errors == 1 and telemetry.lost == 6
    assert telemetry.last_error == "RuntimeError: disk on fire"
    problem = telemetry.problem
    assert problem is not None and "6 stage rows could not be stored" in problem
    # Records 0..3 are at 1..4; the lost 4..9 add nothing; record 10 (s0) is at 5. Under
    # "base + n + 1" arithmetic, record 10 would have been looked for at position 11.
    assert [telemetry.position_after(n) for n in (4, 7, 10, 11, 13)] == [4, 4, 4, 5, 7]
    # A reader that stops at position_after(n) and takes record n on live counts each once.
    for n in range(14):
        position = telemetry.position_after(n)
        assert position is not None
        from_store = stored_ids(store, position)
        live = [r.envelope.event_id for r in (records(10) + records(3, "s"))[n:]]
        kept = set(from_store) | {"r4", "r5", "r6", "r7", "r8", "r9"}
        assert not set(from_store) & set(live)
        assert kept | set(live) == {f"r{i}" for i in range(10)} | {"s0", "s1", "s2"}


def test_a_record_that_cannot_become_a_row_costs_only_its_batch(
    store: EventStore, telemetry: Telemetry, caplog: pytest.LogCaptureFixture
) -> None:
    telemetry.record(records(2, "a"))
    telemetry.record(broken(3))
    telemetry.record(records(2, "b"))
    with caplog.at_level(logging.ERROR, logger="cartapp.store.telemetry"):
        assert telemetry.flush() == 4
    assert stored_ids(store) == ["a0", "a1", "b0", "b1"]
    assert telemetry.lost == 3 and telemetry.errors == 1
    assert telemetry.last_error == "ValueError: no row for you"
    assert "could not store 3 stage rows" in caplog.text
    assert [telemetry.position_after(n) for n in (2, 5, 6, 7)] == [2, 2, 3, 4]


def test_all_is_well_says_nothing(store: EventStore, telemetry: Telemetry) -> None:
    telemetry.record(records(5))
    telemetry.flush()
    assert telemetry.problem is None and telemetry.errors == 0 and telemetry.handled == 5


def test_the_writer_thread_survives_an_unexpected_error(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = Telemetry(store, flush_s=3600)
    try:
        monkeypatch.setattr(store, "write_stages", lambda rows: 1 // 0)
        writer.record(records(2))
        writer.flush()  # what the thread runs: it must not raise
        assert writer.errors == 1 and writer.alive
        monkeypatch.undo()
        writer.record(records(1, "later"))
    finally:
        writer.close()  # stops the thread, writes what is queued
    assert not writer.alive
    assert stored_ids(store) == ["later0"]
    assert writer.position_after(3) == 1


def test_another_writer_in_between_does_not_shift_the_positions(
    store: EventStore, telemetry: Telemetry
) -> None:
    telemetry.record(records(2))
    telemetry.flush()
    store.append_stages([r.to_row() for r in records(5, "other")])
    telemetry.record(records(2, "s"))
    telemetry.flush()
    assert [telemetry.position_after(n) for n in range(5)] == [0, 1, 2, 8, 9]
    assert stored_ids(store, telemetry.position_after(3))[-1] == "s0"


def test_restarting_on_another_store_counts_from_its_position(
    store: EventStore, telemetry: Telemetry, tmp_path: Any
) -> None:
    telemetry.record(records(3))
    with EventStore.open(tmp_path / "other.sqlite3") as other:
        other.append_stages([r.to_row() for r in records(2, "x")])
        with telemetry.held():
            telemetry.restart(other)
        assert telemetry.base == 2 and telemetry.handled == 0
        telemetry.record(records(1, "y"))
        telemetry.flush()
        assert stored_ids(other) == ["x0", "x1", "y0"]
    assert stored_ids(store) == []  # the dropped queue never reached the old store


def test_the_writer_holds_its_flushes_while_busy_but_not_for_long(store: EventStore) -> None:
    """While the live path is busy the thread's turns write nothing, for ``max_hold_s`` at
    most; then, or as soon as it is idle, everything queued is written, in order."""
    busy = [True]
    telemetry = Telemetry(store, thread=False, busy=lambda: busy[0], max_hold_s=2.0)
    telemetry.record(records(3))
    assert telemetry.turn(100.0) is False
    assert telemetry.turn(101.5) is False
    assert stored_ids(store) == [] and telemetry.holds == 2
    assert telemetry.turn(102.0) is True  # held for max_hold_s: written although still busy
    assert stored_ids(store) == ["r0", "r1", "r2"]
    telemetry.record(records(2, "s"))
    assert telemetry.turn(102.5) is False  # a new hold starts
    busy[0] = False
    assert telemetry.turn(103.0) is True
    assert stored_ids(store)[3:] == ["s0", "s1"]
    assert telemetry.position_after(5) == 5
    assert telemetry.problem is None


def test_a_broken_busy_predicate_is_seen_and_the_rows_still_go(store: EventStore) -> None:
    def busy() -> bool:
        raise RuntimeError("the bus is gone")

    telemetry = Telemetry(store, thread=False, busy=busy)
    telemetry.record(records(2))
    assert telemetry.turn(0.0) is True
    assert stored_ids(store) == ["r0", "r1"]
    assert telemetry.busy is None
    assert telemetry.problem is not None and "the bus is gone" in telemetry.problem


def test_without_a_predicate_every_turn_writes(store: EventStore, telemetry: Telemetry) -> None:
    telemetry.record(records(1))
    assert telemetry.turn(0.0) is True
    assert stored_ids(store) == ["r0"] and telemetry.holds == 0


def test_a_reader_waiting_for_a_position_ends_the_hold(store: EventStore) -> None:
    telemetry = Telemetry(store, thread=False, busy=lambda: True, max_hold_s=60.0)
    telemetry.record(records(2))
    assert telemetry.turn(0.0) is False
    assert telemetry.position_after(2) is None  # a statistics scope wants these records
    assert telemetry.turn(0.5) is True
    assert telemetry.position_after(2) == 2
    telemetry.record(records(1, "s"))
    assert telemetry.turn(1.0) is False  # held again: nobody is waiting
