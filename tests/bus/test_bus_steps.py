"""Run-to-completion steps: step-end hooks, deferred results, and bounded inbox slices."""

from __future__ import annotations

import threading

from cartapp.bus import DEFERRED, Envelope, EventBus, StageRecord
from cartapp.domain.events import Command, Fact, HandlerFailed

__all__: list[str] = []


class Ping(Command):
    n: int = 0


class Pong(Fact):
    n: int = 0


def stage_list(records: list[StageRecord]) -> list[tuple[str, str, str | None]]:
    return [(str(r.stage), r.envelope.event_type, r.handler) for r in records]


def test_step_end_hooks_run_once_per_step_and_their_messages_join_the_step(
    bus: EventBus, records: list[StageRecord]
) -> None:
    calls: list[int] = []
    delivered: list[int] = []

    def hook() -> None:
        calls.append(len(delivered))
        if len(calls) == 1:
            bus.publish(Pong(n=99), source="hook")

    bus.on_step_end(hook)
    bus.subscribe(Ping, lambda env: [Pong(n=env.event.n)])
    bus.subscribe(Pong, lambda env: delivered.append(env.event.n))
    bus.publish(Ping(n=1), source="ui")
    # the hook ran after the step's queue was dry, its Pong was delivered in the same step, and
    # the hook ran again (nothing more to do) before the step ended
    assert delivered == [1, 99]
    assert calls == [1, 2]
    taps_saw = [r.envelope.event.n for r in records if str(r.stage) == "generated"]
    assert taps_saw == [1, 1, 99]


def test_a_deferred_message_is_held_until_released(
    bus: EventBus, records: list[StageRecord]
) -> None:
    held: list[Envelope] = []

    def defer(env: Envelope) -> object:
        held.append(env)
        return DEFERRED

    bus.subscribe(Ping, defer, name="Slow")
    pongs: list[Envelope] = []
    bus.subscribe(Pong, pongs.append)
    command = bus.publish(Ping(n=3), source="ui")
    assert not bus.idle and pongs == []
    assert stage_list(records) == [("generated", "Ping", None), ("transmitted", "Ping", "Slow")]
    bus.release(held[0], [Pong(n=3)], handler="Slow")
    assert bus.idle
    assert [p.event.n for p in pongs] == [3]
    assert pongs[0].correlation_id == command.correlation_id
    assert pongs[0].causation_id == command.event_id
    assert stage_list(records)[2:] == [
        ("handled", "Ping", "Slow"),
        ("generated", "Pong", None),
        ("transmitted", "Pong", "list.append"),
        ("handled", "Pong", "list.append"),
        ("consumed", "Pong", None),
        ("consumed", "Ping", None),
    ]


def test_a_deferred_message_released_with_an_error_fails_and_says_so(
    bus: EventBus, records: list[StageRecord]
) -> None:
    held: list[Envelope] = []
    bus.subscribe(Ping, lambda env: held.append(env) or DEFERRED, name="Slow")
    failures: list[HandlerFailed] = []
    bus.subscribe(HandlerFailed, lambda env: failures.append(env.event))
    bus.publish(Ping(), source="ui")
    bus.release(held[0], handler="Slow", error=OSError("disk full"))
    assert bus.idle
    assert [(f.handler, f.error_type) for f in failures] == [("Slow", "OSError")]
    failed = [r for r in records if str(r.stage) == "failed"]
    assert len(failed) == 1 and failed[0].error == "OSError: disk full"


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
