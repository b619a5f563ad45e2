"""CartService as stories on a real bus: given facts, when a command is published, then facts.

Also: the event log holds the command and its facts before anybody sees them, and an append
that raises leaves the cart as it was and becomes a ``HandlerFailed`` fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from cartapp.bus import Envelope, EventBus, Stage, StageRecord
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply_all
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    Fact,
    HandlerFailed,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    RemoveItem,
    UpdateItem,
)
from cartapp.handlers import CartChanged, CartService, handler_failed
from cartapp.store import MemoryEventLog

__all__: list[str] = []


def added(catalog: Catalog, item_id: str, quantity: int) -> ItemAdded:
    p = catalog[item_id]
    return ItemAdded(
        item_id=p.id, name=p.name, unit_price=p.unit_price, tax_rate=p.tax_rate, quantity=quantity
    )


class Story:
    """A CartService on a bus, started from ``given`` facts; ``when`` returns the new facts."""

    def __init__(self, bus: EventBus, catalog: Catalog, given: list[Fact] | None = None) -> None:
        self.bus = bus
        self.service = CartService(catalog, cart=apply_all(Cart(), given or []))
        self.subscription = self.service.attach(bus)
        self.published: list[Envelope] = []
        bus.subscribe(Fact, self.published.append, name="log")

    def when(self, command: Command) -> list[Fact]:
        seen = len(self.published)
        self.command = self.bus.publish(command, source="ui")
        return [env.event for env in self.published[seen:]]


# -- stories ---------------------------------------------------------------------------------


def test_attach_subscribes_to_every_command(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog)
    assert story.subscription.event_type is Command
    assert story.subscription.name == "CartHandler"
    assert story.subscription.mode == "step"


def test_add_an_item(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog)
    then = story.when(AddItem(item_id="beans", quantity=2))
    assert then == [added(catalog, "beans", 2)]
    assert story.service.cart.quantity_of("beans") == 2
    fact = story.published[-1]
    assert fact.source == "CartHandler"
    assert fact.causation_id == story.command.event_id
    assert fact.correlation_id == story.command.correlation_id


def test_add_more_remove_and_update(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog, [added(catalog, "beans", 2)])
    assert story.when(AddItem(item_id="beans", quantity=1)) == [added(catalog, "beans", 1)]
    assert story.when(RemoveItem(item_id="beans", quantity=2)) == [
        ItemRemoved(item_id="beans", name="Espresso beans", quantity=2)
    ]
    assert story.when(UpdateItem(item_id="beans", quantity=5)) == [
        ItemUpdated(item_id="beans", name="Espresso beans", quantity=5, previous_quantity=1)
    ]
    assert story.service.cart.quantity_of("beans") == 5


def test_a_rejected_command_changes_nothing(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog, [added(catalog, "pen", 2)])
    before = story.service.cart
    then = story.when(AddItem(item_id="pen", quantity=2))
    assert then == [
        CommandRejected(
            command="AddItem", reason="only 1 more Fountain pen in stock (2 already in the cart)"
        )
    ]
    assert story.service.cart is before


def test_an_update_to_the_same_quantity_publishes_nothing(bus: EventBus, catalog: Catalog) -> None:
    records: list[StageRecord] = []
    bus.tap(records.extend)
    story = Story(bus, catalog, [added(catalog, "beans", 2)])
    before = story.service.cart
    assert story.when(UpdateItem(item_id="beans", quantity=2)) == []
    assert story.service.cart is before
    assert records[-1].stage is Stage.CONSUMED and records[-1].envelope is story.command


def test_clear_and_checkout(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog, [added(catalog, "beans", 1)])
    (cleared,) = story.when(ClearCart())
    assert isinstance(cleared, CartCleared) and [line.item_id for line in cleared.lines] == [
        "beans"
    ]
    assert story.when(Checkout()) == [
        CommandRejected(command="Checkout", reason="cannot check out an empty cart")
    ]
    story.when(AddItem(item_id="pen", quantity=3))
    (order,) = story.when(Checkout())
    # 3 x 29.50 = 88.50, tax 88.50 x 0.19 = 16.815 -> 16.82, total 105.32
    assert isinstance(order, CheckedOut)
    assert (order.order_number, order.subtotal, order.tax, order.total) == (
        1,
        Decimal("88.50"),
        Decimal("16.82"),
        Decimal("105.32"),
    )
    cart = story.service.cart
    assert cart.lines == () and cart.orders == 1 and cart.sold_of("pen") == 3
    assert story.when(AddItem(item_id="pen", quantity=1)) == [
        CommandRejected(command="AddItem", reason="Fountain pen is out of stock")
    ]


def test_facts_on_the_bus_do_not_change_the_handler(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog)
    bus.publish(added(catalog, "beans", 5), source="import")
    assert story.service.cart.lines == ()  # the service decides; it does not follow others' facts


def test_live_cart_equals_the_fold_of_published_facts(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog)
    for command in (
        AddItem(item_id="beans", quantity=3),
        AddItem(item_id="tea", quantity=1),
        AddItem(item_id="pen", quantity=1),
        UpdateItem(item_id="beans", quantity=1),
        Checkout(),
        AddItem(item_id="pen", quantity=2),
        RemoveItem(item_id="pen", quantity=1),
    ):
        story.when(command)
    replayed = apply_all(Cart(), (env.event for env in story.published))
    assert story.service.cart == replayed
    assert replayed.orders == 1 and replayed.quantity_of("pen") == 1


def test_the_cart_takes_the_catalog_currency(catalog: Catalog) -> None:
    usd = catalog.model_copy(update={"currency": "USD"})
    assert CartService(usd).cart.currency == "USD"


def test_a_restored_empty_cart_keeps_its_history(bus: EventBus, catalog: Catalog) -> None:
    # after a checkout the cart has no lines (len 0, falsy) but remembers orders and sold stock
    restored = Cart(sold=(("pen", 3),), orders=4, version=9)
    service = CartService(catalog, cart=restored)
    assert service.cart is restored
    service.attach(bus)
    facts: list[Fact] = []
    bus.subscribe(Fact, lambda env: facts.append(env.event))
    bus.publish(AddItem(item_id="pen", quantity=1))
    assert facts == [CommandRejected(command="AddItem", reason="Fountain pen is out of stock")]
    bus.publish(AddItem(item_id="beans", quantity=1))
    bus.publish(Checkout())
    assert isinstance(facts[-1], CheckedOut) and facts[-1].order_number == 5


# -- the event log ---------------------------------------------------------------------------


class Log(MemoryEventLog):
    """A memory log that notes what the bus had published when each append came, and can fail."""

    def __init__(self, published: list[Envelope]) -> None:
        super().__init__()
        self.published = published
        self.appends: list[tuple[list[Envelope], int, int]] = []
        self.broken: Exception | None = None

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str,
        expected_version: int,
        *,
        snapshot: Cart | None = None,
    ) -> int:
        if self.broken is not None:
            raise self.broken
        self.appends.append((list(envelopes), expected_version, len(self.published)))
        return super().append(envelopes, stream, expected_version, snapshot=snapshot)


def wire(bus: EventBus, catalog: Catalog, cart: Cart | None = None) -> tuple[CartService, Log]:
    published: list[Envelope] = []
    log = Log(published)
    service = CartService(catalog, log, cart=cart or Cart(), version=0)
    service.attach(bus)
    bus.subscribe(Fact, published.append, name="log")
    return service, log


def test_the_log_holds_the_command_and_its_facts_before_they_are_published(
    bus: EventBus, catalog: Catalog
) -> None:
    service, log = wire(bus, catalog)
    changes: list[CartChanged] = []
    service.watch(lambda change: changes.append(change) or log.published.append(None))  # type: ignore[func-returns-value]
    command = bus.publish(AddItem(item_id="beans", quantity=2), source="ui")
    bus.publish(UpdateItem(item_id="beans", quantity=2))  # no fact, still in the log

    (stored, expected, published_then), (quiet, expected_next, _) = log.appends
    assert stored[0] is command and expected == 0 and published_then == 0
    assert stored[1:] == [env for env in log.published if env is not None]  # the same ids
    assert stored[1].event == added(catalog, "beans", 2)
    assert stored[1].causation_id == command.event_id
    assert stored[1].source == "CartHandler"
    assert [type(e.event).__name__ for e in quiet] == ["UpdateItem"] and expected_next == 2
    assert log.published[0] is None  # the watcher heard of the change before the fact went out
    assert [(c.version, c.cart.quantity_of("beans"), len(c.facts)) for c in changes] == [
        (2, 2, 1),
        (3, 2, 0),
    ]
    assert changes[0].facts == (stored[1],)
    assert service.version == 3 == log.version("cart")


def test_rejections_are_stored_like_any_fact(bus: EventBus, catalog: Catalog) -> None:
    _service, log = wire(bus, catalog)
    bus.publish(AddItem(item_id="tea", quantity=1))
    ((stored, _, _),) = log.appends
    assert [type(e.event).__name__ for e in stored] == ["AddItem", "CommandRejected"]


def test_a_failing_append_leaves_the_cart_unchanged_and_becomes_handler_failed(
    bus: EventBus, catalog: Catalog
) -> None:
    service, log = wire(bus, catalog, apply_all(Cart(), [added(catalog, "beans", 1)]))
    changes: list[CartChanged] = []
    service.watch(changes.append)
    before = service.cart
    log.broken = OSError("disk full")

    command = bus.publish(AddItem(item_id="beans", quantity=2))
    assert service.cart is before and service.version == 0 and changes == []
    assert [env.event for env in log.published] == [
        HandlerFailed(
            handler="CartHandler", message_type="AddItem", error_type="OSError", error="disk full"
        )
    ]
    assert log.published[0].causation_id == command.event_id
    assert bus.idle

    log.broken = None  # the store recovers: the next command goes through as usual
    bus.publish(AddItem(item_id="beans", quantity=2))
    assert log.published[-1].event == added(catalog, "beans", 2)
    assert service.cart.quantity_of("beans") == 3 and service.version == 2


def test_a_watcher_that_raises_does_not_undo_a_stored_step(bus: EventBus, catalog: Catalog) -> None:
    service, log = wire(bus, catalog)

    def broken(_change: CartChanged) -> None:
        raise RuntimeError("a broken view")

    service.watch(broken)
    bus.publish(AddItem(item_id="beans", quantity=2))
    assert [e.event for e in log.published] == [added(catalog, "beans", 2)]


def test_the_cart_goes_into_the_append_as_a_snapshot_every_n_messages(
    bus: EventBus, catalog: Catalog
) -> None:
    log = MemoryEventLog()
    service = CartService(catalog, log, cart=Cart(), version=0, snapshot_every=4)
    service.attach(bus)
    for _ in range(3):
        bus.publish(AddItem(item_id="beans", quantity=1))  # 2 messages each
    # a snapshot went with the 2nd append (4 messages) and is what a restart starts from
    loaded = log.load_cart("cart", currency=catalog.currency)
    assert loaded.cart == service.cart and loaded.replayed == 2
    service.snapshot()
    assert log.load_cart("cart", currency=catalog.currency).replayed == 0


def test_a_second_add_at_a_new_price_says_the_price_the_cart_charges(
    bus: EventBus, catalog: Catalog
) -> None:
    story = Story(bus, catalog, [added(catalog, "beans", 1)])
    dearer = catalog.model_copy(
        update={
            "products": tuple(
                p.model_copy(update={"unit_price": Decimal("25.00")}) if p.id == "beans" else p
                for p in catalog.products
            )
        }
    )
    story.service.catalog = dearer
    (fact,) = story.when(AddItem(item_id="beans", quantity=1))
    assert isinstance(fact, ItemAdded) and fact.unit_price == Decimal("18.90")
    line = story.service.cart.line("beans")
    assert line is not None and line.unit_price == fact.unit_price and line.quantity == 2


# -- handler_failed --------------------------------------------------------------------------


def test_handler_failed_builds_a_valid_fact_from_any_exception() -> None:
    fact = handler_failed("CartHandler", "AddItem", KeyError("beans"))
    assert fact == HandlerFailed(
        handler="CartHandler", message_type="AddItem", error_type="KeyError", error="'beans'"
    )
    assert fact.summary() == "CartHandler failed on AddItem: KeyError: 'beans'"


def test_handler_failed_keeps_within_its_limits() -> None:
    fact = handler_failed("h" * 500, "T" * 100, ValueError("line one\nline two" + "x" * 5000))
    assert len(fact.handler) == 200 and len(fact.message_type) == 64
    assert fact.error.startswith("line one line two") and len(fact.error) == 2000
    assert handler_failed("h", "T", RuntimeError()).error == "(no message)"


@pytest.mark.parametrize("exc", [Exception(), MemoryError("x" * 3000), UnicodeError("\x00")])
def test_handler_failed_never_raises(exc: BaseException) -> None:
    assert isinstance(handler_failed("h", "T", exc), HandlerFailed)
