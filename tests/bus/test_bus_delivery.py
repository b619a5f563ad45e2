"""Delivery on the owner thread: FIFO, run-to-completion, results, failures and stage tracing."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from cartapp.bus import Envelope, EventBus, Stage, StageRecord
from cartapp.bus.stages import TraceBatch
from cartapp.domain.events import Command, Fact, HandlerFailed

__all__: list[str] = []


class Ping(Command):
    n: int = 0


class Pong(Fact):
    n: int = 0


class Echo(Fact):
    n: int = 0


def stages(records: list[StageRecord]) -> list[tuple[str, str, str | None]]:
    return [(str(r.stage), r.envelope.event_type, r.handler) for r in records]


# -- order -----------------------------------------------------------------------------------


def test_fifo_order(bus: EventBus) -> None:
    got: list[int] = []
    bus.subscribe(Ping, lambda env: got.append(env.event.n))
    for n in range(50):
        bus.publish(Ping(n=n))
    assert got == list(range(50))


def test_run_to_completion_never_nests(bus: EventBus) -> None:
    calls: list[str] = []

    def first(env: Envelope) -> None:
        n = env.event.n
        calls.append(f"first:{n}:start")
        if n == 1:
            bus.publish(Ping(n=2))
            bus.publish(Ping(n=3))
        calls.append(f"first:{n}:end")

    bus.subscribe(Ping, first)
    bus.subscribe(Ping, lambda env: calls.append(f"second:{env.event.n}"))
    bus.publish(Ping(n=1))
    assert calls == [
        "first:1:start",
        "first:1:end",
        "second:1",  # message 1 reaches all its handlers before 2 starts
        "first:2:start",
        "first:2:end",
        "second:2",
        "first:3:start",
        "first:3:end",
        "second:3",
    ]


def test_publish_returns_after_everything_it_caused(bus: EventBus) -> None:
    got: list[str] = []
    bus.subscribe(Ping, lambda env: [Pong(n=env.event.n)])
    bus.subscribe(Pong, lambda env: [Echo(n=env.event.n)])
    bus.subscribe(Fact, lambda env: got.append(env.event_type))
    bus.publish(Ping(n=1))
    assert got == ["Pong", "Echo"]
    assert bus.idle


def test_results_queue_behind_messages_already_waiting(bus: EventBus) -> None:
    got: list[str] = []

    def handler(env: Envelope) -> list[Pong]:
        if env.event.n == 1:
            bus.publish(Ping(n=2))  # queued before the result below
        return [Pong(n=env.event.n)]

    bus.subscribe(Ping, handler)
    bus.subscribe(object, lambda env: got.append(f"{env.event_type}{env.event.n}"))
    bus.publish(Ping(n=1))
    assert got == ["Ping1", "Ping2", "Pong1", "Pong2"]


# -- results ---------------------------------------------------------------------------------


def test_results_are_facts_caused_by_the_handled_message(bus: EventBus) -> None:
    facts: list[Envelope] = []
    bus.subscribe(Ping, lambda env: [Pong(n=1), Pong(n=2)], name="pinger")
    bus.subscribe(Pong, lambda env: [Echo(n=env.event.n)] if env.event.n == 1 else None)
    bus.subscribe(Fact, facts.append)
    command = bus.publish(Ping(), source="ui")

    assert [e.event for e in facts] == [Pong(n=1), Pong(n=2), Echo(n=1)]
    pong1, pong2, echo = facts
    for env in facts:
        assert env.correlation_id == command.correlation_id == command.event_id
    assert pong1.causation_id == pong2.causation_id == command.event_id
    assert pong1.source == pong2.source == "pinger"
    assert echo.causation_id == pong1.event_id
    assert command.causation_id is None and command.source == "ui"
    assert len({command.event_id, *(e.event_id for e in facts)}) == 4


def test_a_generator_handler_works(bus: EventBus) -> None:
    def gen(env: Envelope) -> Iterator[Pong]:
        yield Pong(n=1)
        yield Pong(n=2)

    got: list[int] = []
    bus.subscribe(Ping, gen)
    bus.subscribe(Pong, lambda env: got.append(env.event.n))
    bus.publish(Ping())
    assert got == [1, 2]


def test_prebuilt_child_envelopes_are_published_as_they_are(bus: EventBus) -> None:
    made: list[Envelope] = []

    def handler(env: Envelope) -> list[Envelope]:
        child = EventBus.child_envelope(Pong(n=5), env, "maker")
        made.append(child)
        return [child]

    got: list[Envelope] = []
    bus.subscribe(Ping, handler)
    bus.subscribe(Pong, got.append)
    command = bus.publish(Ping())
    assert got == made
    assert got[0].causation_id == command.event_id
    assert got[0].correlation_id == command.correlation_id
    assert got[0].source == "maker"


# -- failures --------------------------------------------------------------------------------


def boom(env: Envelope) -> None:
    raise ValueError("no beans today")


def test_a_failing_handler_becomes_a_handler_failed_fact(
    bus: EventBus, records: list[StageRecord], caplog: pytest.LogCaptureFixture
) -> None:
    got: list[str] = []
    failures: list[Envelope] = []
    bus.subscribe(Ping, lambda env: got.append("before"))
    bus.subscribe(Ping, boom, name="boom")
    bus.subscribe(Ping, lambda env: got.append("after"))
    bus.subscribe(HandlerFailed, failures.append)
    with caplog.at_level(logging.ERROR, logger="cartapp.bus.bus"):
        command = bus.publish(Ping())
        bus.publish(Ping())  # nothing lost: the bus keeps delivering

    assert got == ["before", "after", "before", "after"]
    assert "handler boom failed on Ping" in caplog.text
    assert len(failures) == 2
    fact = failures[0].event
    assert fact == HandlerFailed(
        handler="boom", message_type="Ping", error_type="ValueError", error="no beans today"
    )
    assert failures[0].causation_id == command.event_id
    assert failures[0].correlation_id == command.correlation_id
    assert failures[0].source == "bus"

    failed = [r for r in records if r.stage is Stage.FAILED]
    assert len(failed) == 2
    assert failed[0].handler == "boom"
    assert failed[0].error == "ValueError: no beans today"
    assert failed[0].envelope is command
    assert failed[0].duration_ns >= 0
    consumed = [r.envelope for r in records if r.stage is Stage.CONSUMED]
    assert command in consumed and failures[0] in consumed


def test_a_generator_that_raises_part_way_publishes_nothing_but_the_failure(
    bus: EventBus, records: list[StageRecord]
) -> None:
    def gen(env: Envelope) -> Iterator[Pong]:
        yield Pong(n=1)
        raise RuntimeError("half done")

    got: list[str] = []
    bus.subscribe(Ping, gen, name="gen")
    bus.subscribe(Ping, lambda env: got.append("second handler"))
    bus.subscribe(Fact, lambda env: got.append(env.event_type))
    bus.publish(Ping())  # must not raise into the publisher
    assert got == ["second handler", "HandlerFailed"]
    assert [r.error for r in records if r.stage is Stage.FAILED] == ["RuntimeError: half done"]
    assert bus.idle


def test_a_result_that_is_not_iterable_is_a_failure(bus: EventBus) -> None:
    failures: list[HandlerFailed] = []
    bus.subscribe(Ping, lambda env: 42, name="answers")  # type: ignore[arg-type,return-value]
    bus.subscribe(HandlerFailed, lambda env: failures.append(env.event))
    bus.publish(Ping())
    assert [(f.handler, f.error_type) for f in failures] == [("answers", "TypeError")]


def test_a_failing_handler_on_handler_failed_does_not_loop(
    bus: EventBus, records: list[StageRecord]
) -> None:
    seen: list[str] = []

    def grumpy(env: Envelope) -> None:
        seen.append(env.event_type)
        raise RuntimeError("always")

    bus.subscribe(object, grumpy, name="grumpy")
    bus.publish(Ping())
    # Ping fails -> one HandlerFailed; grumpy fails on that too, which makes no second one
    assert seen == ["Ping", "HandlerFailed"]
    assert [r.envelope.event_type for r in records if r.stage is Stage.FAILED] == [
        "Ping",
        "HandlerFailed",
    ]
    assert bus.idle


def test_without_failure_fact_failures_are_only_traced() -> None:
    bus = EventBus()
    records: list[StageRecord] = []
    bus.tap(records.extend)
    got: list[str] = []
    bus.subscribe(Ping, boom, name="boom")
    bus.subscribe(object, lambda env: got.append(env.event_type))
    bus.publish(Ping())
    assert got == ["Ping"]
    assert [r.handler for r in records if r.stage is Stage.FAILED] == ["boom"]


def test_a_failing_failure_fact_is_logged_and_delivery_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def bad_factory(name: str, message_type: str, exc: BaseException) -> Fact:
        raise RuntimeError("cannot build")

    bus = EventBus(failure_fact=bad_factory)
    got: list[str] = []
    bus.subscribe(Ping, boom)
    bus.subscribe(Ping, lambda env: got.append("after"))
    with caplog.at_level(logging.ERROR, logger="cartapp.bus.bus"):
        bus.publish(Ping())
    assert got == ["after"]
    assert "could not build the failure fact" in caplog.text


def test_tap_exceptions_do_not_break_delivery(
    bus: EventBus, caplog: pytest.LogCaptureFixture
) -> None:
    got: list[int] = []
    counts: list[int] = []

    def bad_tap(batch: TraceBatch) -> None:
        raise RuntimeError("tap broke")

    bus.tap(bad_tap)
    bus.tap(lambda batch: counts.append(len(batch)))
    bus.subscribe(Ping, lambda env: got.append(env.event.n))
    with caplog.at_level(logging.ERROR, logger="cartapp.bus.bus"):
        bus.publish(Ping(n=1))
        bus.publish(Ping(n=2))
    assert got == [1, 2]
    assert counts == [4, 4]  # generated, transmitted, handled, consumed: the other tap still ran
    assert "stage tap" in caplog.text


def test_removed_tap_gets_nothing(bus: EventBus) -> None:
    batches: list[TraceBatch] = []
    remove = bus.tap(batches.append)
    bus.publish(Ping())
    remove()
    bus.publish(Ping())
    assert len(batches) == 1


# -- stage tracing ---------------------------------------------------------------------------


def test_stage_sequence_of_a_command_and_its_fact(
    bus: EventBus, records: list[StageRecord]
) -> None:
    bus.subscribe(Ping, lambda env: [Pong()], name="decider")
    bus.subscribe(Pong, lambda env: None, name="view")
    command = bus.publish(Ping())
    assert stages(records) == [
        ("generated", "Ping", None),
        ("transmitted", "Ping", "decider"),
        ("handled", "Ping", "decider"),
        ("generated", "Pong", None),
        ("transmitted", "Pong", "view"),
        ("handled", "Pong", "view"),
        ("consumed", "Pong", None),
        ("consumed", "Ping", None),
    ]
    assert records[0].envelope is command and records[-1].envelope is command
    for record in records:
        assert record.duration_ns >= 0
        assert record.latency_ns >= 0
        assert isinstance(record.stage, Stage)
    # consumed of the command spans everything it caused
    assert records[-1].duration_ns >= records[-2].duration_ns >= 0
    assert records[-1].t_ns >= records[2].t_ns >= records[1].t_ns


def test_a_message_nobody_subscribes_to_is_dropped(
    bus: EventBus, records: list[StageRecord]
) -> None:
    env = bus.publish(Pong())
    assert stages(records) == [("generated", "Pong", None), ("dropped", "Pong", None)]
    assert all(r.envelope is env for r in records)


def test_a_fact_nobody_listens_to_is_dropped_and_its_command_still_consumed(
    bus: EventBus, records: list[StageRecord]
) -> None:
    bus.subscribe(Ping, lambda env: [Pong()], name="decider")
    bus.publish(Ping())
    assert stages(records) == [
        ("generated", "Ping", None),
        ("transmitted", "Ping", "decider"),
        ("handled", "Ping", "decider"),
        ("generated", "Pong", None),
        ("dropped", "Pong", None),
        ("consumed", "Ping", None),
    ]


def test_a_handler_cancelled_mid_dispatch_leaves_no_records(
    bus: EventBus, records: list[StageRecord]
) -> None:
    def first(env: Envelope) -> None:
        later.cancel()

    bus.subscribe(Ping, first, name="first")
    later = bus.subscribe(Ping, lambda env: None, name="later")
    bus.publish(Ping())
    assert stages(records) == [
        ("generated", "Ping", None),
        ("transmitted", "Ping", "first"),
        ("handled", "Ping", "first"),
        ("consumed", "Ping", None),
    ]


def test_one_tap_batch_per_run_to_completion_step(bus: EventBus) -> None:
    batches: list[TraceBatch] = []
    bus.tap(batches.append)
    bus.subscribe(Ping, lambda env: [Pong(), Pong()])
    bus.subscribe(Pong, lambda env: None)
    bus.publish(Ping())
    bus.publish(Ping())
    assert [b.message_count for b in batches] == [3, 3]
    assert len(batches[0]) == 3 * 4  # per message: generated, transmitted, handled, consumed


def test_stage_rows_are_plain_values(bus: EventBus, records: list[StageRecord]) -> None:
    bus.subscribe(Ping, lambda env: [Pong()], name="decider")
    bus.subscribe(Pong, boom, name="boom")
    command = bus.publish(Ping(), source="ui")
    rows = [r.to_row() for r in records]
    first = rows[0]
    assert first.stage == "generated" and first.event_type == "Ping" and first.kind == "command"
    assert first.event_id == command.event_id
    assert first.correlation_id == command.correlation_id
    assert first.source == "ui" and first.handler is None
    assert abs(first.timestamp - command.timestamp) < 1.0
    failed = next(row for row in rows if row.stage == "failed")
    assert failed.kind == "fact" and failed.handler == "boom"
    assert failed.error == "ValueError: no beans today"
    assert failed.causation_id == command.event_id
    assert all(isinstance(value, str | int | float | type(None)) for row in rows for value in row)
