"""At most once: an envelope (or its id) is never delivered twice by one bus."""

from __future__ import annotations

import threading

import pytest

from cartapp.bus import DuplicateEnvelopeError, Envelope, EventBus, StageRecord
from cartapp.bus.delivered import Delivered
from cartapp.domain.events import Command, Fact, HandlerFailed

__all__: list[str] = []


class Ping(Command):
    n: int = 0


class Pong(Fact):
    n: int = 0


def _failures(bus: EventBus) -> list[HandlerFailed]:
    out: list[HandlerFailed] = []
    bus.subscribe(HandlerFailed, lambda env: out.append(env.event))
    return out


def test_a_handler_returning_the_envelope_it_handles_fails_and_it_is_not_redelivered(
    bus: EventBus,
) -> None:
    seen: list[str] = []
    failures = _failures(bus)
    bus.subscribe(Ping, lambda env: seen.append(env.event_id))
    bus.subscribe(Ping, lambda env: [env], name="Echoer")
    env = bus.publish(Ping(n=1))
    assert seen == [env.event_id]
    assert [(f.handler, f.error_type) for f in failures] == [("Echoer", "DuplicateEnvelopeError")]
    assert env.event_id in failures[0].error


def test_a_kept_envelope_returned_later_is_refused_with_the_rest_of_its_results(
    bus: EventBus,
) -> None:
    kept: list[Envelope] = []
    pongs: list[int] = []
    failures = _failures(bus)

    def keeper(env: Envelope) -> list[object]:
        if not kept:
            child = EventBus.child_envelope(Pong(n=1), env, "Keeper")
            kept.append(child)
            return [child]
        # All or nothing: the new Pong(n=3) is not published either.
        return [Pong(n=3), kept[0]]

    bus.subscribe(Ping, keeper, name="Keeper")
    bus.subscribe(Pong, lambda env: pongs.append(env.event.n))
    bus.publish(Ping(n=1))
    bus.publish(Ping(n=2))
    assert pongs == [1]
    assert [f.error_type for f in failures] == ["DuplicateEnvelopeError"]


def test_the_same_envelope_twice_in_one_result_is_refused(bus: EventBus) -> None:
    pongs: list[int] = []
    failures = _failures(bus)

    def twice(env: Envelope) -> list[Envelope]:
        child = EventBus.child_envelope(Pong(n=7), env, "Twice")
        return [child, child]

    bus.subscribe(Ping, twice, name="Twice")
    bus.subscribe(Pong, lambda env: pongs.append(env.event.n))
    bus.publish(Ping())
    assert pongs == []
    assert [f.handler for f in failures] == ["Twice"]


def test_another_envelope_with_a_delivered_id_is_refused(bus: EventBus) -> None:
    got: list[int] = []
    bus.subscribe(Ping, lambda env: got.append(env.event.n))
    bus.publish_envelope(Envelope.new(Ping(n=1), event_id="abc-1"))
    with pytest.raises(DuplicateEnvelopeError, match="abc-1"):
        bus.publish_envelope(Envelope.new(Ping(n=2), event_id="abc-1"))
    assert got == [1]


def test_publishing_an_envelope_twice_raises_and_delivers_once(bus: EventBus) -> None:
    got: list[int] = []
    bus.subscribe(Ping, lambda env: got.append(env.event.n))
    env = bus.publish(Ping(n=5))
    with pytest.raises(DuplicateEnvelopeError):
        bus.publish_envelope(env)
    assert got == [5]


def test_a_duplicate_from_another_thread_is_refused_there(bus: EventBus) -> None:
    got: list[int] = []
    bus.subscribe(Ping, lambda env: got.append(env.event.n))
    env = Envelope.new(Ping(n=9), event_id="remote-1")
    errors: list[BaseException] = []

    def twice() -> None:
        bus.publish_envelope(env)
        try:
            bus.publish_envelope(Envelope.new(Ping(n=10), event_id="remote-1"))
        except DuplicateEnvelopeError as exc:
            errors.append(exc)

    worker = threading.Thread(target=twice)
    worker.start()
    worker.join()
    assert bus.wait_idle()
    assert got == [9]
    assert len(errors) == 1


def test_an_async_handler_returning_its_message_fails(bus: EventBus) -> None:
    failures = _failures(bus)
    bus.subscribe(Ping, lambda env: [env], name="AsyncEcho", mode="async")
    seen: list[int] = []
    bus.subscribe(Ping, lambda env: seen.append(env.event.n))
    bus.publish(Ping(n=4))
    assert bus.wait_idle()
    assert seen == [4]
    assert [(f.handler, f.error_type) for f in failures] == [
        ("AsyncEcho", "DuplicateEnvelopeError")
    ]


def test_a_step_handler_returning_a_delivered_envelope_fails(bus: EventBus) -> None:
    failures = _failures(bus)
    bus.subscribe(Ping, lambda envelopes: [envelopes] * len(envelopes), name="Holder", mode="step")
    bus.publish(Ping(n=1))
    assert [f.error_type for f in failures] == ["DuplicateEnvelopeError"]
    assert bus.idle


def test_the_duplicate_is_traced_as_the_handlers_failure(
    bus: EventBus, records: list[StageRecord]
) -> None:
    bus.subscribe(Ping, lambda env: [env], name="Echoer")
    bus.publish(Ping())
    failed = [r for r in records if str(r.stage) == "failed"]
    assert [(r.handler, r.envelope.event_type) for r in failed] == [("Echoer", "Ping")]
    assert "DuplicateEnvelopeError" in str(failed[0].error)


def test_fresh_results_are_still_delivered(bus: EventBus) -> None:
    pongs: list[int] = []
    bus.subscribe(Ping, lambda env: [Pong(n=env.event.n), Pong(n=env.event.n + 1)])
    bus.subscribe(Pong, lambda env: pongs.append(env.event.n))
    for n in (1, 10):
        bus.publish(Ping(n=n))
    assert pongs == [1, 2, 10, 11]


def test_the_id_memory_is_bounded_and_forgets_the_oldest() -> None:
    owner = object()
    memory = Delivered(owner, capacity=3)
    envelopes = [Envelope.new(Ping(n=n), event_id=f"id-{n}") for n in range(5)]
    for env in envelopes:
        assert memory.claim(env)
    assert len(memory) == 3
    # The newest three ids are remembered in a new object; the oldest two are forgotten.
    assert not memory.claim(Envelope.new(Ping(), event_id="id-4"))
    assert memory.claim(Envelope.new(Ping(), event_id="id-0"))
    # The same object is always recognised, whatever the memory forgot.
    assert not memory.claim(envelopes[0])
