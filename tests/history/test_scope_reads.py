"""The Qt-free part of the statistics scopes: where a scope's stored part ends, and its slices."""

from __future__ import annotations

from pathlib import Path

from cartapp.analytics import FlowStats
from cartapp.bus import Envelope
from cartapp.bus.stages import Stage, StageRecord, make_record
from cartapp.domain.events import AddItem
from cartapp.history.scopes import ALL, WAIT_S, ReadState, plan_read
from cartapp.store import LIVE_STREAM, EventStore
from cartapp.store.telemetry import Telemetry

__all__: list[str] = []


def records(count: int, tag: str) -> list[StageRecord]:
    out = []
    for i in range(count):
        env = Envelope.new(
            AddItem(item_id="rye-bread", quantity=1), source="ui", event_id=f"{tag}{i}"
        )
        out.append(make_record(Stage.GENERATED, env, None, env.created_ns))
    return out


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def counted(stats: FlowStats) -> int:
    return stats.report().total.generated


def test_a_scope_waits_for_the_writer_then_reads_up_to_its_records(tmp_path: Path) -> None:
    with EventStore.open(tmp_path / "s.sqlite3") as store:
        store.append_stages([r.to_row() for r in records(5, "old")])
        telemetry = Telemetry(store, thread=False)
        telemetry.record(records(3, "run"))
        stats = FlowStats()
        read = plan_read(store, telemetry, ALL, 3, LIVE_STREAM, stats)
        clock = Clock()
        assert read.step(store, telemetry, 1.0, 0.005, clock) is ReadState.WAIT
        telemetry.record(records(2, "later"))  # records 3 and 4: the live tail's
        telemetry.flush()
        assert read.step(store, telemetry, 1.0, 0.005, clock) is ReadState.DONE
        assert read.upto == 8 and read.rows == 8 and counted(stats) == 8
        assert read.percent == 100


def test_after_the_wait_a_scope_reads_what_the_writer_handled(tmp_path: Path) -> None:
    with EventStore.open(tmp_path / "s.sqlite3") as store:
        telemetry = Telemetry(store, thread=False)
        telemetry.record(records(2, "a"))
        telemetry.flush()
        telemetry.record(records(2, "b"))  # never written in time
        read = plan_read(store, telemetry, ALL, 4, LIVE_STREAM, FlowStats())
        clock = Clock()
        assert read.step(store, telemetry, 1.0, 0.005, clock) is ReadState.WAIT
        clock.now = WAIT_S + 1
        assert read.step(store, telemetry, clock.now + 1, 0.005, clock) is ReadState.DONE
        assert read.upto == 2 and read.rows == 2


def test_a_long_read_ends_each_slice_at_its_deadline(tmp_path: Path) -> None:
    with EventStore.open(tmp_path / "s.sqlite3") as store:
        store.append_stages([r.to_row() for r in records(3000, "x")])
        telemetry = Telemetry(store, thread=False)
        read = plan_read(store, telemetry, ALL, 0, LIVE_STREAM, FlowStats())
        read.window = 256
        clock = Clock()
        slices = 0
        while read.step(store, telemetry, -1.0, 1e9, clock) is ReadState.MORE:  # past deadline
            slices += 1
            assert 0 < read.percent <= 100
        assert read.rows == 3000 and slices >= 2
