"""The durable path as the app wires it (bus, cart service, store): acknowledgement only after
the append, snapshots while running, LiveStore's start/stop and the one-instance lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from store_helpers import Harness

from cartapp.bus import Envelope, EventBus
from cartapp.bus.stages import Stage, make_record
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem, Checkout, CommandRejected, HandlerFailed, ItemAdded
from cartapp.domain.names import CART_HANDLER
from cartapp.handlers import CartService, handler_failed
from cartapp.store import (
    DB_NAME,
    EventStore,
    LiveStore,
    StoreLock,
    StoreLockedError,
)
from cartapp.store.live import STAGE_CHUNK


def test_nothing_is_acknowledged_when_the_commit_fails(store: EventStore, catalog: Catalog) -> None:
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=1))
    cart = harness.service.cart
    store.close()  # the next commit cannot happen
    harness.published.clear()
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    types = [type(e.event) for e in harness.published]
    assert types == [AddItem, HandlerFailed]  # no ItemAdded was published
    assert "closed" in harness.published[1].event.error  # type: ignore[attr-defined]
    assert harness.service.cart == cart


def test_the_service_stores_every_command_and_the_published_ids(
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
    assert fact.envelope.source == CART_HANDLER


def test_the_service_snapshots_every_n_messages(store: EventStore, catalog: Catalog) -> None:
    harness = Harness(store, catalog)
    harness.service.snapshot_every = 10
    for _ in range(20):
        harness.send(AddItem(item_id="espresso-beans", quantity=1))
        harness.send(Checkout())
    assert len(store.snapshot_versions()) >= 5
    loaded = store.load_cart()
    assert loaded.replayed < 10 + 4
    assert loaded.cart == harness.service.cart


# -- LiveStore and the lock -----------------------------------------------------------------------


def test_live_store_brings_back_cart_log_and_stages(tmp_path: Path, catalog: Catalog) -> None:
    live = LiveStore.open(tmp_path, currency=catalog.currency, stage_flush_s=0.01)
    assert live.notice is None
    bus = EventBus(failure_fact=handler_failed)
    service = CartService(catalog, live.store, cart=live.cart, version=live.version)
    service.attach(bus)
    remove_tap = bus.tap(live.record_stages)
    published = [bus.publish(AddItem(item_id="rye-bread", quantity=2), source="ui")]
    remove_tap()
    live.close()
    live.close()  # twice is fine

    again = LiveStore.open(tmp_path, currency=catalog.currency)
    try:
        assert again.cart == service.cart and again.version == 2
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
    CartService(catalog, live.store, cart=live.cart, version=live.version).attach(bus)
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
