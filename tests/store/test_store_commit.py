"""The durable path: group commit, acknowledgement only after commit, snapshots while running,
LiveStore's start/stop and the one-instance lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_helpers import Harness

from cartapp.bus import Envelope, EventBus
from cartapp.bus.stages import Stage, make_record
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, Checkout, CommandRejected, HandlerFailed, ItemAdded
from cartapp.handlers.cart import CartHandler, handler_failed
from cartapp.store import (
    DB_NAME,
    DuplicateEventError,
    EventStore,
    GroupCommitter,
    LiveStore,
    StoreLock,
    StoreLockedError,
)
from cartapp.store.live import STAGE_CHUNK


def _command(n: int = 1) -> list[Envelope]:
    return [Envelope.new(AddItem(item_id="espresso-beans", quantity=n), source="ui")]


class GatedStore:
    """Wraps a store so that the first append waits until the test opens the gate."""

    def __init__(self, store: EventStore) -> None:
        self._store = store
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.calls: list[int] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def append(self, envelopes: list[Envelope], stream: str, expected: int) -> int:
        self.calls.append(len(envelopes))
        if len(self.calls) == 1:
            self.entered.set()
            assert self.gate.wait(10)
        return self._store.append(envelopes, stream, expected)


def _wait_for(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def _run_gated(store: EventStore, tickets: list[list[Envelope]]) -> tuple[GatedStore, list]:
    """First ticket commits alone (held at the gate); the rest queue up behind it."""
    gated = GatedStore(store)
    committer = GroupCommitter(gated, version=0, cart=None)  # type: ignore[arg-type]
    results: list[object] = [None] * len(tickets)

    def call(i: int) -> None:
        try:
            results[i] = committer.append(tickets[i])
        except Exception as exc:
            results[i] = exc

    first = threading.Thread(target=call, args=(0,))
    first.start()
    assert gated.entered.wait(10)
    others = [threading.Thread(target=call, args=(i,)) for i in range(1, len(tickets))]
    for t in others:
        t.start()
    _wait_for(lambda: len(committer._queue) == len(tickets) - 1)
    gated.gate.set()
    for t in [first, *others]:
        t.join(10)
    gated.committer = committer  # type: ignore[attr-defined]
    return gated, results


def test_callers_that_arrive_during_a_commit_share_the_next_one(store: EventStore) -> None:
    tickets = [_command(1 + i % 3) for i in range(8)]
    gated, results = _run_gated(store, tickets)
    assert gated.calls == [1, 7]  # one commit for the first, ONE commit for the seven waiting
    assert gated.committer.commits == 2  # type: ignore[attr-defined]
    assert sorted(results[1:]) == list(range(2, 9))  # type: ignore[type-var]
    assert results[0] == 1
    stored = [s.envelope.event_id for s in store.iter_events()]
    assert sorted(stored) == sorted(t[0].event_id for t in tickets)
    assert store.version() == 8


def test_one_bad_ticket_does_not_fail_the_others_in_its_batch(store: EventStore) -> None:
    known = _command()
    store.append(known, "elsewhere", 0)  # its id is taken
    tickets = [_command(), _command(), known, _command()]
    gated, results = _run_gated(store, tickets)
    assert isinstance(results[2], DuplicateEventError)
    assert [results[0], results[1], results[3]] == [1, 2, 3]
    stored = [s.envelope.event_id for s in store.iter_events()]
    assert stored == [tickets[i][0].event_id for i in (0, 1, 3)]
    # the batch of three failed as a whole, then each ticket was retried on its own
    assert gated.calls == [1, 3, 1, 1, 1]
    assert gated.committer.commits == 3  # type: ignore[attr-defined]


def test_an_unexpected_error_in_one_ticket_does_not_fail_the_others(store: EventStore) -> None:
    # Not a message: building its row raises TypeError (not a StoreError nor an sqlite3 error).
    bad = [Envelope.new(object(), source="ui")]
    tickets = [_command(), _command(), bad, _command()]
    gated, results = _run_gated(store, tickets)
    assert isinstance(results[2], TypeError)
    assert [results[0], results[1], results[3]] == [1, 2, 3]
    stored = [s.envelope.event_id for s in store.iter_events()]
    assert stored == [tickets[i][0].event_id for i in (0, 1, 3)]
    assert gated.calls == [1, 3, 1, 1, 1]  # the shared batch failed, then one by one


def test_many_threads_lose_nothing_and_keep_their_order(store: EventStore) -> None:
    committer = GroupCommitter(store)
    per_thread = 150
    sent: dict[int, list[str]] = {}

    def worker(n: int) -> None:
        ids = []
        for _ in range(per_thread):
            [env] = _command()
            committer.append([env])
            ids.append(env.event_id)
        sent[n] = ids

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    stored = [s.envelope.event_id for s in store.iter_events()]
    assert len(stored) == len(set(stored)) == 6 * per_thread
    position = {eid: i for i, eid in enumerate(stored)}
    for ids in sent.values():
        assert [position[i] for i in ids] == sorted(position[i] for i in ids)
    assert committer.appended == 6 * per_thread
    assert committer.commits <= committer.appended


def test_nothing_is_acknowledged_when_the_commit_fails(store: EventStore, catalog: Catalog) -> None:
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=1))
    cart = harness.handler.cart
    store.close()  # the next commit cannot happen
    harness.published.clear()
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    types = [type(e.event) for e in harness.published]
    assert types == [AddItem, HandlerFailed]  # no ItemAdded was published
    assert "closed" in harness.published[1].event.error  # type: ignore[attr-defined]
    assert harness.handler.cart == cart


def test_the_handler_stores_every_command_and_the_published_ids(
    store: EventStore, catalog: Catalog
) -> None:
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    harness.send(AddItem(item_id="espresso-beans", quantity=500))
    harness.send(Checkout())
    stored = [(s.envelope.event_id, type(s.envelope.event)) for s in store.iter_events()]
    assert stored == [(e.event_id, type(e.event)) for e in harness.published]
    assert CommandRejected in {t for _, t in stored}
    fact = store.event(harness.published[1].event_id)
    assert fact is not None and isinstance(fact.envelope.event, ItemAdded)
    assert fact.envelope.causation_id == harness.published[0].event_id
    assert fact.envelope.source == CartHandler.name


def test_the_committer_snapshots_every_n_messages(store: EventStore, catalog: Catalog) -> None:
    harness = Harness(store, catalog)
    harness.committer.snapshot_every = 10
    for _ in range(20):
        harness.send(AddItem(item_id="espresso-beans", quantity=1))
        harness.send(Checkout())
    assert len(store.snapshot_versions()) >= 5
    loaded = store.load_cart()
    assert loaded.replayed < 10 + 4
    assert loaded.cart == harness.handler.cart


# -- LiveStore and the lock -----------------------------------------------------------------------


def test_live_store_brings_back_cart_log_and_stages(tmp_path: Path, catalog: Catalog) -> None:
    live = LiveStore.open(tmp_path, currency=catalog.currency, stage_flush_s=0.01)
    assert live.notice is None
    bus = EventBus(failure_fact=handler_failed)
    handler = CartHandler(catalog, live.cart, commit=live.persist)
    handler.attach(bus)
    remove_tap = bus.tap(live.record_stages)
    published = [bus.publish(AddItem(item_id="rye-bread", quantity=2), source="ui")]
    remove_tap()
    live.close()
    live.close()  # twice is fine

    again = LiveStore.open(tmp_path, currency=catalog.currency)
    try:
        assert again.cart == handler.cart and again.version == 2
        assert again.store.version() == 2
        stages = {(r.stage, r.event_id) for _, r in again.store.iter_stages()}
        assert ("generated", published[0].event_id) in stages
        assert ("consumed", published[0].event_id) in stages
    finally:
        again.close()


def test_a_second_instance_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    first = LiveStore.open(tmp_path)
    try:
        with pytest.raises(StoreLockedError) as caught:
            LiveStore.open(tmp_path)
        assert str(caught.value) == (
            f"the cart is open in another cartapp window (pid {os.getpid()})"
        )
        assert not (tmp_path / f"{DB_NAME}.clean").exists()
    finally:
        first.close()
    LiveStore.open(tmp_path).close()


def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom cartapp.store import StoreLock\n"
        "lock = StoreLock.acquire(sys.argv[1])\nprint('locked', flush=True)\nsys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(StoreLockedError, match=f"pid {child.pid}"):
            StoreLock.acquire(tmp_path)
    finally:
        child.kill()
        child.wait(10)
    with StoreLock.acquire(tmp_path) as lock:
        assert lock.held


def test_live_store_keeps_only_the_newest_stage_rows(tmp_path: Path, catalog: Catalog) -> None:
    live = LiveStore.open(tmp_path, stage_retention=4)
    bus = EventBus(failure_fact=handler_failed)
    CartHandler(catalog, live.cart, commit=live.persist).attach(bus)
    bus.tap(live.record_stages)
    for _ in range(3):
        bus.publish(AddItem(item_id="rye-bread", quantity=1), source="ui")
    live.close()
    with EventStore.open(tmp_path / DB_NAME) as store:
        kept = store.iter_stages()
        assert len(kept) == 4
        assert kept[-1][1].stage == "consumed"  # the newest ones
        assert store.version() == 6  # events are never pruned


def test_stage_rows_are_written_in_small_transactions(tmp_path: Path, monkeypatch) -> None:
    """The GUI thread's commits share the store's lock with the stage writer: a flush gives the
    lock back after every ``STAGE_CHUNK`` rows, so a commit waits for one chunk at most, never
    for the whole backlog."""
    live = LiveStore.open(tmp_path, stage_flush_s=3600)
    try:
        store = live.store
        chunks: list[int] = []
        free_between: list[bool] = []
        real = store.write_stages

        def lock_is_free() -> bool:
            got: list[bool] = []

            def probe() -> None:
                got.append(store.lock.acquire(timeout=5))
                if got[0]:
                    store.lock.release()

            thread = threading.Thread(target=probe)
            thread.start()
            thread.join()
            return got[0]

        def write_stages(rows):  # type: ignore[no-untyped-def]
            batch = list(rows)
            free_between.append(lock_is_free())
            chunks.append(len(batch))
            return real(batch)

        monkeypatch.setattr(store, "write_stages", write_stages)
        envelopes = [
            Envelope.new(AddItem(item_id="rye-bread", quantity=1), source="ui") for _ in range(1201)
        ]
        live.record_stages([make_record(Stage.GENERATED, e, None, e.created_ns) for e in envelopes])
        assert live.flush_stages() == 1201
        assert chunks == [STAGE_CHUNK, STAGE_CHUNK, 1201 - 2 * STAGE_CHUNK]
        assert all(free_between)
        stored = [row.event_id for _, row in store.iter_stages(0, 5000)]
        assert stored == [e.event_id for e in envelopes]  # all of them, in order
    finally:
        live.close()
