"""Run-to-completion steps: step handlers and bounded inbox slices."""

from __future__ import annotations

import threading

from cartapp.bus import Envelope, EventBus, StageRecord
from cartapp.domain.events import Command, Fact, HandlerFailed

__all__: list[str] = []


class Ping(Command):
    n: int = 0


class Pong(Fact):
    n: int = 0


def stage_list(records: list[StageRecord]) -> list[tuple[str, str, str | None]]:
    return [(str(r.stage), r.envelope.event_type, r.handler) for r in records]


def test_a_step_handler_gets_the_steps_messages_together_after_the_queue_ran_dry(
    bus: EventBus, records: list[StageRecord]
) -> None:
    calls: list[list[int]] = []
    delivered: list[int] = []

    def step(envelopes: list[Envelope]) -> list[list[Pong]]:
        calls.append([env.event.n for env in envelopes])
        return [[Pong(n=env.event.n * 10)] for env in envelopes]

    bus.subscribe(Ping, step, name="Step", mode="step")
    bus.subscribe(Ping, lambda env: delivered.append(env.event.n), name="Now")
    bus.subscribe(Pong, lambda env: delivered.append(env.event.n), name="Pongs")
    first = bus.publish(Ping(n=1), source="ui")
    assert calls == [[1]] and delivered == [1, 10]
    # one click is one step; a worker's backlog is one step per slice
    worker = threading.Thread(target=lambda: [bus.publish(Ping(n=i)) for i in (2, 3, 4)])
    worker.start()
    worker.join()
    bus.process_pending()
    assert calls == [[1], [2, 3, 4]]
    assert delivered == [1, 10, 2, 3, 4, 20, 30, 40]
    assert bus.idle
    pong = next(r.envelope for r in records if r.envelope.event_type == "Pong")
    assert pong.causation_id == first.event_id and pong.correlation_id == first.correlation_id
    assert pong.source == "Step"
    assert stage_list(records)[:8] == [
        ("generated", "Ping", None),
        ("transmitted", "Ping", "Step"),
        ("transmitted", "Ping", "Now"),
        ("handled", "Ping", "Now"),
        ("handled", "Ping", "Step"),
        ("generated", "Pong", None),
        ("transmitted", "Pong", "Pongs"),
        ("handled", "Pong", "Pongs"),
    ]
    assert stage_list(records)[8:10] == [("consumed", "Pong", None), ("consumed", "Ping", None)]


def test_facts_of_a_step_handler_that_cause_more_messages_are_handled_in_the_same_step(
    bus: EventBus,
) -> None:
    calls: list[list[int]] = []

    def step(envelopes: list[Envelope]) -> list[list[Pong]]:
        calls.append([env.event.n for env in envelopes])
        return [[Pong(n=env.event.n)] for env in envelopes]

    bus.subscribe(Ping, step, mode="step")
    bus.subscribe(Pong, lambda env: [Ping(n=env.event.n - 1)] if env.event.n > 1 else None)
    bus.publish(Ping(n=3), source="ui")
    assert calls == [[3], [2], [1]]
    assert bus.idle


def test_a_step_handler_that_raises_fails_every_message_of_the_step(
    bus: EventBus, records: list[StageRecord]
) -> None:
    def step(_envelopes: list[Envelope]) -> list[list[Pong]]:
        raise OSError("disk full")

    bus.subscribe(Ping, step, name="Slow", mode="step")
    failures: list[HandlerFailed] = []
    bus.subscribe(HandlerFailed, lambda env: failures.append(env.event))
    worker = threading.Thread(target=lambda: [bus.publish(Ping(n=i)) for i in range(3)])
    worker.start()
    worker.join()
    bus.process_pending()
    assert bus.idle
    assert [(f.handler, f.error_type) for f in failures] == [("Slow", "OSError")] * 3
    failed = [r for r in records if str(r.stage) == "failed"]
    assert len(failed) == 3 and failed[0].error == "OSError: disk full"


def test_a_step_handler_must_answer_every_message(bus: EventBus) -> None:
    bus.subscribe(Ping, lambda envelopes: [], name="Forgetful", mode="step")
    failures: list[HandlerFailed] = []
    bus.subscribe(HandlerFailed, lambda env: failures.append(env.event))
    bus.publish(Ping(), source="ui")
    assert [(f.handler, f.error_type) for f in failures] == [("Forgetful", "TypeError")]


def test_an_async_handler_that_raises_a_base_exception_still_finishes(bus: EventBus) -> None:
    def fatal(_env: Envelope) -> None:
        raise SystemExit(3)

    bus.subscribe(Ping, fatal, mode="async", name="Fatal")
    failures: list[HandlerFailed] = []
    bus.subscribe(HandlerFailed, lambda env: failures.append(env.event))
    bus.publish(Ping(), source="ui")
    assert bus.wait_idle(10.0)
    assert [f.error_type for f in failures] == ["SystemExit"]


def test_process_pending_works_in_bounded_slices_and_asks_for_another_turn() -> None:
    bus = EventBus()
    wakes: list[int] = []
    bus.set_waker(lambda: wakes.append(1))
    seen: list[int] = []
    bus.subscribe(Ping, lambda env: seen.append(env.event.n))
    worker = threading.Thread(target=lambda: [bus.publish(Ping(n=i)) for i in range(5_000)])
    worker.start()
    worker.join()
    assert len(wakes) == 1  # coalesced: one wake-up for 5,000 messages
    first = bus.process_pending(budget_ms=0.0)  # a zero budget: one chunk, then yield
    assert 0 < first < 5_000
    assert len(wakes) == 2  # it asked for another turn instead of draining everything
    while bus.process_pending(budget_ms=0.0):
        pass
    assert seen == list(range(5_000))
    assert bus.idle
    bus.close()
