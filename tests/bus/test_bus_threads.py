"""Threads: async handlers run on workers, publish is safe from any thread, delivery stays home."""

from __future__ import annotations

import asyncio
import functools
import threading

from cartapp.bus import Envelope, EventBus, Stage, StageRecord
from cartapp.domain.events import Command, Fact, HandlerFailed
from cartapp.handlers import handler_failed

__all__: list[str] = []

TIMEOUT = 10.0


class Ping(Command):
    n: int = 0


class Pong(Fact):
    n: int = 0


def stages(records: list[StageRecord]) -> list[tuple[str, str, str | None]]:
    return [(str(r.stage), r.envelope.event_type, r.handler) for r in records]


# -- async handlers --------------------------------------------------------------------------


def test_async_handler_runs_on_a_worker_and_its_facts_come_home(
    bus: EventBus, records: list[StageRecord]
) -> None:
    owner = threading.get_ident()
    gate = threading.Event()
    handler_threads: list[int] = []
    fact_threads: list[int] = []

    def slow(env: Envelope) -> list[Pong]:
        handler_threads.append(threading.get_ident())
        assert gate.wait(TIMEOUT)
        return [Pong(n=env.event.n)]

    sub = bus.subscribe(Ping, slow, mode="async", name="slow")
    assert sub.is_async
    bus.subscribe(Pong, lambda env: fact_threads.append(threading.get_ident()), name="view")
    command = bus.publish(Ping(n=3))

    # the publisher is not blocked; the command is transmitted but not yet handled or consumed
    assert stages(records) == [("generated", "Ping", None), ("transmitted", "Ping", "slow")]
    assert not bus.idle
    gate.set()
    assert bus.wait_idle(TIMEOUT)

    assert handler_threads and handler_threads[0] != owner
    assert fact_threads == [owner]
    assert stages(records) == [
        ("generated", "Ping", None),
        ("transmitted", "Ping", "slow"),
        ("handled", "Ping", "slow"),
        ("generated", "Pong", None),
        ("transmitted", "Pong", "view"),
        ("handled", "Pong", "view"),
        ("consumed", "Pong", None),
        ("consumed", "Ping", None),  # only after the async handler's facts were delivered
    ]
    assert records[2].duration_ns >= 0
    assert records[3].envelope.causation_id == command.event_id
    assert records[3].envelope.source == "slow"


def test_async_def_handlers_are_async_without_being_told(
    bus: EventBus, records: list[StageRecord]
) -> None:
    owner = threading.get_ident()
    where: list[int] = []
    got: list[tuple[int, int]] = []

    async def coro(env: Envelope) -> list[Pong]:
        await asyncio.sleep(0)
        where.append(threading.get_ident())
        return [Pong(n=env.event.n * 10)]

    sub = bus.subscribe(Ping, coro)
    assert sub.is_async
    bus.subscribe(Pong, lambda env: got.append((env.event.n, threading.get_ident())))
    bus.publish(Ping(n=4))
    assert bus.wait_idle(TIMEOUT)
    assert where and where[0] != owner
    assert got == [(40, owner)]
    assert records[-1].stage is Stage.CONSUMED and records[-1].envelope.event_type == "Ping"


def test_sync_and_async_handlers_of_one_message(bus: EventBus) -> None:
    order: list[str] = []
    gate = threading.Event()

    def background(env: Envelope) -> None:
        assert gate.wait(TIMEOUT)
        order.append("async")

    bus.subscribe(Ping, background, mode="async")
    bus.subscribe(Ping, lambda env: order.append("sync"))
    bus.publish(Ping())
    assert order == ["sync"]  # the sync handler did not wait for the async one
    gate.set()
    assert bus.wait_idle(TIMEOUT)
    assert order == ["sync", "async"]


def test_a_failing_async_handler_becomes_handler_failed_on_the_owner_thread(
    bus: EventBus, records: list[StageRecord]
) -> None:
    owner = threading.get_ident()
    failures: list[tuple[HandlerFailed, int]] = []

    async def broken(env: Envelope) -> None:
        raise LookupError("no such shelf")

    bus.subscribe(Ping, broken, name="broken")
    bus.subscribe(HandlerFailed, lambda env: failures.append((env.event, threading.get_ident())))
    bus.publish(Ping())
    assert bus.wait_idle(TIMEOUT)
    assert failures == [
        (
            HandlerFailed(
                handler="broken",
                message_type="Ping",
                error_type="LookupError",
                error="no such shelf",
            ),
            owner,
        )
    ]
    failed = [r for r in records if r.stage is Stage.FAILED]
    assert [(r.handler, r.error) for r in failed] == [("broken", "LookupError: no such shelf")]


def test_many_async_messages_are_all_handled(bus: EventBus) -> None:
    got: list[int] = []
    bus.subscribe(Ping, lambda env: [Pong(n=env.event.n)], mode="async")
    bus.subscribe(Pong, lambda env: got.append(env.event.n))
    for n in range(200):
        bus.publish(Ping(n=n))
    assert bus.wait_idle(TIMEOUT)
    assert sorted(got) == list(range(200))  # workers may finish out of order; none is lost


# -- publishing from other threads -----------------------------------------------------------


def test_publish_from_worker_threads_is_delivered_on_the_owner_thread_in_order(
    bus: EventBus,
) -> None:
    owner = threading.get_ident()
    threads_n, per_thread = 4, 5_000
    got: list[tuple[str, int]] = []
    wrong_thread: list[int] = []

    def on_pong(env: Envelope) -> None:
        if threading.get_ident() != owner:
            wrong_thread.append(threading.get_ident())
        got.append((env.source, env.event.n))

    bus.subscribe(Pong, on_pong)
    start = threading.Barrier(threads_n + 1)

    def worker(name: str) -> None:
        start.wait(TIMEOUT)  # raises BrokenBarrierError on timeout
        for n in range(per_thread):
            bus.publish(Pong(n=n), source=name)

    workers = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(threads_n)]
    for t in workers:
        t.start()
    start.wait(TIMEOUT)  # raises BrokenBarrierError on timeout
    # deliver while the workers are still publishing, as the GUI thread would
    while any(t.is_alive() for t in workers):
        bus.wait_idle(0.01)
    for t in workers:
        t.join(TIMEOUT)
    assert bus.wait_idle(TIMEOUT)

    assert not wrong_thread
    assert len(got) == threads_n * per_thread
    for i in range(threads_n):
        assert [n for source, n in got if source == f"t{i}"] == list(range(per_thread))
    assert bus.published == threads_n * per_thread


def test_cross_thread_publish_waits_for_the_owner_and_wakes_it_once(bus: EventBus) -> None:
    wakes: list[int] = []
    got: list[int] = []
    bus.set_waker(lambda: wakes.append(threading.get_ident()))
    bus.subscribe(Pong, lambda env: got.append(env.event.n))

    def worker() -> None:
        for n in range(100):
            bus.publish(Pong(n=n))

    t = threading.Thread(target=worker)
    t.start()
    t.join(TIMEOUT)
    assert got == []  # nothing runs on the worker: it waits for the owner
    assert len(wakes) == 1 and wakes[0] == t.ident  # coalesced: one wake-up for 100 messages
    # an unbounded budget: the step's size must not depend on how fast this machine runs 64 handlers
    assert bus.process_pending(budget_ms=float("inf")) == 100
    assert got == list(range(100))

    t = threading.Thread(target=lambda: bus.publish(Pong(n=100)))
    t.start()
    t.join(TIMEOUT)
    assert len(wakes) == 2  # processed, so the next publish wakes again
    bus.process_pending()
    assert got[-1] == 100


def test_facts_published_across_threads_keep_their_envelopes(bus: EventBus) -> None:
    got: list[Envelope] = []
    sent: list[Envelope] = []
    bus.subscribe(Pong, got.append)
    t = threading.Thread(target=lambda: sent.append(bus.publish(Pong(n=1), source="scanner")))
    t.start()
    t.join(TIMEOUT)
    assert bus.wait_idle(TIMEOUT)
    assert got == sent
    assert got[0].source == "scanner"


def test_bind_to_current_thread_moves_delivery(bus: EventBus) -> None:
    delivered_on: list[int] = []
    bus.subscribe(Pong, lambda env: delivered_on.append(threading.get_ident()))
    done = threading.Event()
    idents: list[int] = []

    def new_owner() -> None:
        idents.append(threading.get_ident())
        bus.bind_to_current_thread()
        bus.publish(Pong())  # the owner now: delivered right here
        done.set()

    t = threading.Thread(target=new_owner)
    t.start()
    t.join(TIMEOUT)
    assert done.is_set()
    assert delivered_on == idents
    bus.publish(Pong())  # from the old thread: now a foreign thread, so it waits in the inbox
    assert len(delivered_on) == 1
    bus.bind_to_current_thread()
    assert bus.wait_idle(TIMEOUT)
    assert len(delivered_on) == 2


# -- closing ---------------------------------------------------------------------------------


def test_close_fails_queued_async_work_instead_of_losing_it() -> None:
    bus = EventBus(max_workers=1, failure_fact=handler_failed)
    records: list[StageRecord] = []
    bus.tap(records.extend)
    started, gate = threading.Event(), threading.Event()
    facts: list[Fact] = []

    def slow(env: Envelope) -> list[Pong]:
        started.set()
        assert gate.wait(TIMEOUT)
        return [Pong(n=env.event.n)]

    bus.subscribe(Ping, slow, mode="async", name="slow")
    bus.subscribe(Fact, lambda env: facts.append(env.event))
    for n in range(3):
        bus.publish(Ping(n=n))
    assert started.wait(TIMEOUT)  # Ping 0 is running, Pings 1 and 2 wait in the pool's queue
    # close() waits for the running handler; this opens its gate while close() is waiting
    # (only how early close() gets to the queue depends on the delay, not whether this passes)
    opener = threading.Timer(0.2, gate.set)
    opener.start()
    bus.close()
    opener.join()

    assert bus.wait_idle(TIMEOUT)  # nothing stuck in flight
    assert facts[0] == Pong(n=0)
    assert sorted(f.error for f in facts[1:] if isinstance(f, HandlerFailed)) == [
        "the bus is closed",
        "the bus is closed",
    ]
    consumed = [r.envelope.event for r in records if r.stage is Stage.CONSUMED]
    assert [e for e in consumed if isinstance(e, Ping)] == [Ping(n=0), Ping(n=1), Ping(n=2)]

    bus.publish(Ping(n=3))  # after close: fails at once, also not lost
    assert bus.wait_idle(TIMEOUT)
    assert isinstance(facts[-1], HandlerFailed) and facts[-1].error == "the bus is closed"


def test_a_partial_of_an_async_def_is_async(bus: EventBus) -> None:
    owner = threading.get_ident()
    got: list[tuple[str, int]] = []

    async def tagged(tag: str, env: Envelope) -> list[Pong]:
        got.append((tag, threading.get_ident()))
        return [Pong(n=1)]

    class Shelf:
        async def on_ping(self, env: Envelope) -> None:
            got.append(("method", threading.get_ident()))

    class Callable:
        async def __call__(self, env: Envelope) -> None:
            got.append(("object", threading.get_ident()))

    subs = [
        bus.subscribe(Ping, functools.partial(tagged, "partial")),
        bus.subscribe(Ping, functools.partial(functools.partial(tagged), "nested")),
        bus.subscribe(Ping, Shelf().on_ping),
        bus.subscribe(Ping, Callable()),
    ]
    assert all(sub.is_async for sub in subs)
    failures: list[Envelope] = []
    bus.subscribe(HandlerFailed, failures.append)
    bus.publish(Ping())
    assert bus.wait_idle(TIMEOUT)
    assert failures == []
    assert sorted(tag for tag, _ in got) == ["method", "nested", "object", "partial"]
    assert all(thread != owner for _, thread in got)


def test_a_nested_event_loop_inside_a_handler_loses_no_foreign_publish(bus: EventBus) -> None:
    """A handler that spins a nested loop (a modal dialog) calls process_pending mid-dispatch;
    what a worker published meanwhile is delivered when the outer dispatch ends, with no
    further wake-up."""
    delivered: list[int] = []

    def modal(_env: Envelope) -> None:
        worker = threading.Thread(target=lambda: bus.publish(Pong(n=7), source="worker"))
        worker.start()
        worker.join()
        assert bus.process_pending() == 0  # cannot deliver: we are inside a dispatch

    bus.subscribe(Ping, modal)
    bus.subscribe(Pong, lambda env: delivered.append(env.event.n))
    bus.publish(Ping(), source="ui")
    assert delivered == [7]
    assert bus.idle


def test_handler_names_are_printable_and_short_enough_to_be_a_source(bus: EventBus) -> None:
    sub = bus.subscribe(Ping, lambda env: None, name="x" * 300 + "\n")
    assert len(sub.name) == 80 and sub.name.isprintable()
    partial = bus.subscribe(Ping, functools.partial(lambda env, k: None, k=1))
    assert len(partial.name) <= 80 and partial.name.isprintable()
