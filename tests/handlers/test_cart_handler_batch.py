"""Group commit through the bus: a step's commands are committed together, then published."""

from __future__ import annotations

import threading
import time

from cartapp.bus import Envelope, EventBus, StageRecord
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply_all
from cartapp.domain.events import (
    AddItem,
    CommandRejected,
    Fact,
    HandlerFailed,
    ItemAdded,
)
from cartapp.handlers import CartHandler

__all__: list[str] = []


class Recorder:
    """A commit_many that keeps every batch (and can be told to fail)."""

    def __init__(self) -> None:
        self.batches: list[list[Envelope]] = []
        self.fail_next = False
        self.seen_at_commit: list[int] = []
        self.facts_seen = 0

    def __call__(self, envelopes: list[Envelope]) -> int:
        if self.fail_next:
            self.fail_next = False
            raise OSError("the disk is full")
        self.seen_at_commit.append(self.facts_seen)
        self.batches.append(list(envelopes))
        return sum(len(b) for b in self.batches)


def wire(bus: EventBus, catalog: Catalog) -> tuple[CartHandler, Recorder, list[Envelope]]:
    recorder = Recorder()
    handler = CartHandler(catalog, commit_many=recorder)
    handler.attach(bus)
    facts: list[Envelope] = []

    def consume(env: Envelope) -> None:
        facts.append(env)
        recorder.facts_seen += 1

    bus.subscribe(Fact, consume)
    return handler, recorder, facts


def test_a_click_is_committed_before_its_fact_is_published(bus: EventBus, catalog: Catalog) -> None:
    handler, recorder, facts = wire(bus, catalog)
    command = bus.publish(AddItem(item_id="beans", quantity=2), source="ui")
    assert len(recorder.batches) == 1
    assert recorder.seen_at_commit == [0]  # nobody had seen the fact when it was committed
    stored = recorder.batches[0]
    assert [e.event_type for e in stored] == ["AddItem", "ItemAdded"]
    assert stored[0] is command and facts[0] is stored[1]  # the stored ids are the published ids
    assert handler.cart.quantity_of("beans") == 2
    assert bus.idle


def test_the_handled_duration_runs_from_decision_to_commit(bus: EventBus, catalog: Catalog) -> None:
    records: list[StageRecord] = []
    bus.tap(records.extend)
    _handler, recorder, _facts = wire(bus, catalog)

    def slow_commit(envelopes: list[Envelope]) -> int:
        time.sleep(0.02)
        return recorder(envelopes)

    _handler._commit_many = slow_commit
    bus.publish(AddItem(item_id="beans", quantity=1), source="ui")
    (handled,) = [r for r in records if str(r.stage) == "handled" and r.handler == "CartHandler"]
    assert handled.duration_ns >= 20_000_000


def test_a_flood_from_a_worker_is_committed_in_few_transactions(
    bus: EventBus, catalog: Catalog
) -> None:
    handler, recorder, facts = wire(bus, catalog)
    commands = [AddItem(item_id="beans", quantity=1) for _ in range(20)]
    commands += [AddItem(item_id="pen", quantity=2) for _ in range(3)]  # stock 3: 1 accepted
    worker = threading.Thread(target=lambda: [bus.publish(c, source="w") for c in commands])
    worker.start()
    worker.join()
    assert bus.wait_idle(10.0)
    stored = [e for batch in recorder.batches for e in batch]
    assert [e.event for e in stored if e.event_type.endswith("Item")] == commands
    assert len(recorder.batches) < len(commands)  # shared transactions
    # decisions inside one batch saw the earlier ones: beans 20 (stock 25), pen 2 then refused
    assert handler.cart.quantity_of("beans") == 20
    assert handler.cart.quantity_of("pen") == 2
    refused = [e.event for e in facts if isinstance(e.event, CommandRejected)]
    assert len(refused) == 2
    assert handler.cart == apply_all(Cart(), [e.event for e in facts])


def test_a_failed_commit_rolls_the_whole_step_back(bus: EventBus, catalog: Catalog) -> None:
    handler, recorder, facts = wire(bus, catalog)
    bus.publish(AddItem(item_id="beans", quantity=1), source="ui")
    recorder.fail_next = True
    bus.publish(AddItem(item_id="beans", quantity=4), source="ui")
    assert handler.cart.quantity_of("beans") == 1  # nothing of the failed step stayed
    failures = [e.event for e in facts if isinstance(e.event, HandlerFailed)]
    assert [(f.handler, f.error_type) for f in failures] == [("CartHandler", "OSError")]
    assert [e.event.quantity for e in facts if isinstance(e.event, ItemAdded)] == [1]
    bus.publish(AddItem(item_id="beans", quantity=4), source="ui")
    assert handler.cart.quantity_of("beans") == 5
    assert bus.idle
