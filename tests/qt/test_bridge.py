"""QtBridge: facts become GUI-thread signals, in order; stage records come in frame batches."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from cartapp.bus import Envelope, EventBus, Stage, StageRecord
from cartapp.domain.events import Command, Fact
from cartapp.handlers import handler_failed
from cartapp.qt.bridge import QtBridge

__all__: list[str] = []

TIMEOUT_MS = 10_000


class Ping(Command):
    n: int = 0


class Pong(Fact):
    n: int = 0


class Other(Fact):
    pass


@pytest.fixture
def bus(qtbot: QtBot) -> Iterator[EventBus]:
    bus = EventBus(failure_fact=handler_failed)
    yield bus
    bus.close()


@pytest.fixture
def bridge(bus: EventBus) -> Iterator[QtBridge]:
    bridge = QtBridge(bus)
    yield bridge
    bridge.close()


def test_facts_from_the_gui_thread_are_emitted_synchronously(
    bus: EventBus, bridge: QtBridge
) -> None:
    got: list[Envelope] = []
    bridge.fact_published.connect(got.append)
    bus.subscribe(Ping, lambda env: [Pong(n=env.event.n), Pong(n=env.event.n + 1)])
    command = bus.publish(Ping(n=1))
    # no event loop has run: the signal fired during the dispatch itself
    assert [env.event for env in got] == [Pong(n=1), Pong(n=2)]
    assert all(env.causation_id == command.event_id for env in got)
    bus.publish(Other())
    assert got[-1].event == Other()


def test_commands_are_not_emitted_as_facts(bus: EventBus, bridge: QtBridge) -> None:
    got: list[Envelope] = []
    bridge.fact_published.connect(got.append)
    bus.publish(Ping())
    assert got == []


def test_fact_type_narrows_what_is_emitted(qtbot: QtBot, bus: EventBus) -> None:
    bridge = QtBridge(bus, fact_type=Pong)
    try:
        got: list[str] = []
        bridge.fact_published.connect(lambda env: got.append(env.event_type))
        bus.publish(Other())
        bus.publish(Pong())
        assert got == ["Pong"]
    finally:
        bridge.close()


def test_worker_thread_publishes_arrive_on_the_gui_thread_in_order(
    qtbot: QtBot, bus: EventBus, bridge: QtBridge
) -> None:
    gui = threading.get_ident()
    got: list[tuple[int, int]] = []
    bridge.fact_published.connect(lambda env: got.append((env.event.n, threading.get_ident())))
    count = 2_000

    def worker() -> None:
        for n in range(count):
            bus.publish(Pong(n=n), source="scanner")

    t = threading.Thread(target=worker)
    t.start()
    qtbot.waitUntil(lambda: len(got) >= count, timeout=TIMEOUT_MS)
    t.join()
    assert [n for n, _ in got] == list(range(count))
    assert {thread for _, thread in got} == {gui}


def test_the_bridge_binds_the_bus_to_the_gui_thread(qtbot: QtBot) -> None:
    made: list[EventBus] = []
    t = threading.Thread(target=lambda: made.append(EventBus()))
    t.start()
    t.join()
    (bus,) = made
    bridge = QtBridge(bus)  # on the GUI thread: now the owner
    try:
        got: list[Envelope] = []
        bridge.fact_published.connect(got.append)
        bus.publish(Pong())
        assert len(got) == 1
    finally:
        bridge.close()


def test_records_batch_coalesces_a_burst(qtbot: QtBot, bus: EventBus, bridge: QtBridge) -> None:
    batches: list[list[StageRecord]] = []
    bridge.records_batch.connect(batches.append)
    count = 1_000

    for n in range(count):
        bus.publish(Pong(n=n))
    assert batches == []  # records wait for the frame instead of one signal per message

    def generated() -> list[StageRecord]:
        return [r for batch in batches for r in batch if r.stage is Stage.GENERATED]

    qtbot.waitUntil(lambda: len(generated()) >= count, timeout=TIMEOUT_MS)
    assert len(generated()) == count
    assert len(batches) == 1  # one frame: no event loop ran while the burst was published
    assert [r.envelope.event.n for r in generated()] == list(range(count))
    records = [r for batch in batches for r in batch]
    # every message: generated, transmitted to and handled by the bridge, consumed
    assert len(records) == 4 * count
    assert bridge.records_emitted == 4 * count
    consumed = [r.envelope for r in records if r.stage is Stage.CONSUMED]
    assert len({env.event_id for env in consumed}) == count


def test_records_from_a_worker_thread_burst_come_in_one_batch_per_frame(
    qtbot: QtBot, bus: EventBus, bridge: QtBridge
) -> None:
    batches: list[list[StageRecord]] = []
    bridge.records_batch.connect(batches.append)
    count = 1_000

    def worker() -> None:
        for n in range(count):
            bus.publish(Pong(n=n))

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    # The GUI thread's side by hand: the bus delivers the inbox in steps sized by its budget
    # (how many depends on the machine); whatever they are, one frame emits them as one batch.
    while bus.process_pending():
        pass
    assert batches == []
    bridge.flush()
    assert len(batches) == 1
    generated = [r.envelope.event.n for r in batches[0] if r.stage is Stage.GENERATED]
    assert generated == list(range(count))


class FakeClock:
    """A clock that only moves when the test says so (seconds, like ``time.perf_counter``)."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def test_records_wait_for_the_rest_of_the_frame_after_a_flush(qtbot: QtBot, bus: EventBus) -> None:
    clock = FakeClock()
    bridge = QtBridge(bus, frame_ms=16, clock=clock)
    try:
        assert bridge.frame_due_ms is None
        bus.publish(Pong(n=1))  # after a quiet frame: emitted on the next event-loop turn
        assert bridge.frame_due_ms == 0
        bridge.flush()
        assert bridge.frame_due_ms is None
        clock.now += 0.005
        bus.publish(Pong(n=2))  # 5 ms into a frame: waits for the other 11
        assert bridge.frame_due_ms == 11
        clock.now += 0.004
        bus.publish(Pong(n=3))  # joins the frame already scheduled
        assert bridge.frame_due_ms == 7 and bridge.pending_batches() == 2
        bridge.flush()
        clock.now += 0.016
        bus.publish(Pong(n=4))  # a whole frame after the last emission: at once again
        assert bridge.frame_due_ms == 0
    finally:
        bridge.close()


def test_flush_emits_what_is_buffered_at_once(
    qtbot: QtBot, bus: EventBus, bridge: QtBridge
) -> None:
    batches: list[list[StageRecord]] = []
    bridge.records_batch.connect(batches.append)
    bus.publish(Pong())
    assert bridge.pending_batches() == 1
    bridge.flush()
    assert len(batches) == 1
    assert [str(r.stage) for r in batches[0]] == ["generated", "transmitted", "handled", "consumed"]
    bridge.flush()  # nothing pending: no empty batch
    assert len(batches) == 1


def test_close_detaches_from_the_bus(qtbot: QtBot, bus: EventBus) -> None:
    bridge = QtBridge(bus)
    facts: list[Envelope] = []
    batches: list[list[StageRecord]] = []
    bridge.fact_published.connect(facts.append)
    bridge.records_batch.connect(batches.append)
    bus.publish(Pong(n=1))
    bridge.flush()
    assert len(facts) == 1 and len(batches) == 1

    bridge.close()
    assert bus.subscribers(Pong) == ()
    bus.publish(Pong(n=2))
    bridge.flush()
    assert len(facts) == 1 and len(batches) == 1

    # no waker any more: a worker's publish waits for the owner to ask for it
    others: list[int] = []
    bus.subscribe(Pong, lambda env: others.append(env.event.n))
    t = threading.Thread(target=lambda: bus.publish(Pong(n=3)))
    t.start()
    t.join()
    QCoreApplication.processEvents()  # a still-installed waker would have posted a call by now
    assert others == []
    assert bus.wait_idle(5.0)
    assert others == [3] and len(facts) == 1
