"""One transaction per bus step: a step's commands are appended together, then published."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from cartapp.bus import Envelope, EventBus
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
from cartapp.handlers import CartService
from cartapp.store import MemoryEventLog

__all__: list[str] = []


class Recorder(MemoryEventLog):
    """A memory log that keeps every batch (and can be told to fail the next append)."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[Envelope]] = []
        self.fail_next = False
        self.seen_at_commit: list[int] = []
        self.facts_seen = 0

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str,
        expected_version: int,
        *,
        snapshot: Cart | None = None,
    ) -> int:
        if self.fail_next:
            self.fail_next = False
            raise OSError("the disk is full")
        self.seen_at_commit.append(self.facts_seen)
        self.batches.append(list(envelopes))
        return super().append(envelopes, stream, expected_version, snapshot=snapshot)


def wire(bus: EventBus, catalog: Catalog) -> tuple[CartService, Recorder, list[Envelope]]:
    recorder = Recorder()
    service = CartService(catalog, recorder)
    service.attach(bus)
    facts: list[Envelope] = []

    def consume(env: Envelope) -> None:
        facts.append(env)
        recorder.facts_seen += 1

    bus.subscribe(Fact, consume)
    return service, recorder, facts


def test_a_click_is_appended_before_its_fact_is_published(bus: EventBus, catalog: Catalog) -> None:
    service, recorder, facts = wire(bus, catalog)
    command = bus.publish(AddItem(item_id="beans", quantity=2), source="ui")
    assert len(recorder.batches) == 1
    assert recorder.seen_at_commit == [0]  # nobody had seen the fact when it was appended
    stored = recorder.batches[0]
    assert [e.event_type for e in stored] == ["AddItem", "ItemAdded"]
    assert stored[0] is command and facts[0] is stored[1]  # the stored ids are the published ids
    assert service.cart.quantity_of("beans") == 2
    assert bus.idle


def test_a_flood_from_a_worker_is_appended_in_few_transactions(
    bus: EventBus, catalog: Catalog
) -> None:
    service, recorder, facts = wire(bus, catalog)
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
    assert service.cart.quantity_of("beans") == 20
    assert service.cart.quantity_of("pen") == 2
    refused = [e.event for e in facts if isinstance(e.event, CommandRejected)]
    assert len(refused) == 2
    assert service.cart == apply_all(Cart(), [e.event for e in facts])
    assert service.version == len(stored) == recorder.version("cart")


def test_a_failed_append_rolls_the_whole_step_back(bus: EventBus, catalog: Catalog) -> None:
    service, recorder, facts = wire(bus, catalog)
    bus.publish(AddItem(item_id="beans", quantity=1), source="ui")
    recorder.fail_next = True
    worker = threading.Thread(
        target=lambda: [bus.publish(AddItem(item_id="beans", quantity=q)) for q in (4, 2)]
    )
    worker.start()
    worker.join()
    bus.process_pending()
    assert service.cart.quantity_of("beans") == 1  # nothing of the failed step stayed
    failures = [e.event for e in facts if isinstance(e.event, HandlerFailed)]
    assert [(f.handler, f.error_type) for f in failures] == [("CartHandler", "OSError")] * 2
    assert [e.event.quantity for e in facts if isinstance(e.event, ItemAdded)] == [1]
    bus.publish(AddItem(item_id="beans", quantity=4), source="ui")
    assert service.cart.quantity_of("beans") == 5
    assert bus.idle


class Gate:
    """A shop's stock gate that admits everything, and raises on the command it is told to."""

    def __init__(self, fail_on: int) -> None:
        self.fail_on = fail_on
        self.asked = 0
        self.held: dict[str, list[Fact]] = {}

    def admit(self, facts: Sequence[Fact], cause: str) -> str | None:
        self.asked += 1
        if self.asked == self.fail_on:
            raise ConnectionError("the shop went away")
        self.held[cause] = list(facts)
        return None

    def give_back(self, facts: Sequence[Fact], cause: str) -> None:
        assert self.held.pop(cause) == list(facts)


def test_a_step_that_fails_while_deciding_gives_back_what_its_earlier_commands_reserved(
    bus: EventBus, catalog: Catalog
) -> None:
    gate = Gate(fail_on=2)
    recorder = Recorder()
    service = CartService(catalog, recorder, stock=gate)
    service.attach(bus)
    failures: list[HandlerFailed] = []
    bus.subscribe(HandlerFailed, lambda env: failures.append(env.event))
    worker = threading.Thread(
        target=lambda: [bus.publish(AddItem(item_id="beans", quantity=q)) for q in (1, 2)]
    )
    worker.start()
    worker.join()
    bus.process_pending()  # one step of two commands; the gate raises on the second
    assert gate.asked == 2 and len(failures) == 2
    assert gate.held == {}  # the first command's reservation was given back
    assert recorder.batches == [] and service.cart.quantity_of("beans") == 0
    bus.publish(AddItem(item_id="beans", quantity=3), source="ui")
    (held,) = gate.held.values()
    assert service.cart.quantity_of("beans") == 3 and held[0].quantity == 3
