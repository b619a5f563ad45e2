"""CartHandler as stories on a real bus: given facts, when a command is published, then facts.

Also: the persist callback sees the command and its facts before anybody else, and a persist
that raises leaves the cart as it was and becomes a ``HandlerFailed`` fact.
"""

from __future__ import annotations

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
from cartapp.handlers import CartHandler, handler_failed

__all__: list[str] = []


def added(catalog: Catalog, item_id: str, quantity: int) -> ItemAdded:
    p = catalog[item_id]
    return ItemAdded(
        item_id=p.id, name=p.name, unit_price=p.unit_price, tax_rate=p.tax_rate, quantity=quantity
    )


class Story:
    """A CartHandler on a bus, started from ``given`` facts; ``when`` returns the new facts."""

    def __init__(self, bus: EventBus, catalog: Catalog, given: list[Fact] | None = None) -> None:
        self.bus = bus
        self.handler = CartHandler(catalog, apply_all(Cart(), given or []))
        self.subscription = self.handler.attach(bus)
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
    assert not story.subscription.is_async


def test_add_an_item(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog)
    then = story.when(AddItem(item_id="beans", quantity=2))
    assert then == [added(catalog, "beans", 2)]
    assert story.handler.cart.quantity_of("beans") == 2
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
    assert story.handler.cart.quantity_of("beans") == 5


def test_a_rejected_command_changes_nothing(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog, [added(catalog, "pen", 2)])
    before = story.handler.cart
    then = story.when(AddItem(item_id="pen", quantity=2))
    assert then == [
        CommandRejected(
            command="AddItem", reason="only 1 more Fountain pen in stock (2 already in the cart)"
        )
    ]
    assert story.handler.cart is before


def test_an_update_to_the_same_quantity_publishes_nothing(bus: EventBus, catalog: Catalog) -> None:
    records: list[StageRecord] = []
    bus.tap(records.extend)
    story = Story(bus, catalog, [added(catalog, "beans", 2)])
    before = story.handler.cart
    assert story.when(UpdateItem(item_id="beans", quantity=2)) == []
    assert story.handler.cart is before
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
    cart = story.handler.cart
    assert cart.lines == () and cart.orders == 1 and cart.sold_of("pen") == 3
    assert story.when(AddItem(item_id="pen", quantity=1)) == [
        CommandRejected(command="AddItem", reason="Fountain pen is out of stock")
    ]


def test_facts_on_the_bus_do_not_change_the_handler(bus: EventBus, catalog: Catalog) -> None:
    story = Story(bus, catalog)
    bus.publish(added(catalog, "beans", 5), source="import")
    assert story.handler.cart.lines == ()  # the handler decides; it does not follow others' facts


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
    assert story.handler.cart == replayed
    assert replayed.orders == 1 and replayed.quantity_of("pen") == 1


def test_the_cart_takes_the_catalog_currency(catalog: Catalog) -> None:
    usd = catalog.model_copy(update={"currency": "USD"})
    assert CartHandler(usd).cart.currency == "USD"


def test_a_restored_empty_cart_keeps_its_history(bus: EventBus, catalog: Catalog) -> None:
    # after a checkout the cart has no lines (len 0, falsy) but remembers orders and sold stock
    restored = Cart(sold=(("pen", 3),), orders=4, version=9)
    handler = CartHandler(catalog, restored)
    assert handler.cart is restored
    handler.attach(bus)
    facts: list[Fact] = []
    bus.subscribe(Fact, lambda env: facts.append(env.event))
    bus.publish(AddItem(item_id="pen", quantity=1))
    assert facts == [CommandRejected(command="AddItem", reason="Fountain pen is out of stock")]
    bus.publish(AddItem(item_id="beans", quantity=1))
    bus.publish(Checkout())
    assert isinstance(facts[-1], CheckedOut) and facts[-1].order_number == 5


# -- persist ---------------------------------------------------------------------------------


def test_persist_sees_the_command_and_its_facts_before_they_are_published(
    bus: EventBus, catalog: Catalog
) -> None:
    calls: list[tuple[Envelope, list[Fact], int, int]] = []
    published: list[Envelope] = []

    def persist(envelope: Envelope, facts: list[Fact]) -> None:
        calls.append((envelope, list(facts), len(published), handler.cart.version))

    handler = CartHandler(catalog, persist=persist)
    handler.attach(bus)
    bus.subscribe(Fact, published.append)
    command = bus.publish(AddItem(item_id="beans", quantity=2), source="ui")

    assert len(calls) == 1
    envelope, facts, published_then, version_then = calls[0]
    assert envelope is command
    assert facts == [added(catalog, "beans", 2)]
    assert published_then == 0  # nobody had seen the facts yet
    assert version_then == 0  # and the cart had not changed yet
    assert [env.event for env in published] == facts
    assert handler.cart.version == 1


def test_persist_is_called_for_rejections_but_not_when_nothing_happens(
    bus: EventBus, catalog: Catalog
) -> None:
    calls: list[list[Fact]] = []
    handler = CartHandler(catalog, persist=lambda env, facts: calls.append(list(facts)))
    handler.attach(bus)
    bus.publish(AddItem(item_id="tea", quantity=1))
    bus.publish(AddItem(item_id="beans", quantity=1))
    bus.publish(UpdateItem(item_id="beans", quantity=1))  # same quantity: no facts
    assert [type(facts[0]).__name__ for facts in calls] == ["CommandRejected", "ItemAdded"]


def test_a_failing_persist_leaves_the_cart_unchanged_and_becomes_handler_failed(
    bus: EventBus, catalog: Catalog
) -> None:
    broken = True

    def persist(envelope: Envelope, facts: list[Fact]) -> None:
        if broken:
            raise OSError("disk full")

    handler = CartHandler(catalog, apply_all(Cart(), [added(catalog, "beans", 1)]), persist=persist)
    handler.attach(bus)
    published: list[Envelope] = []
    bus.subscribe(Fact, published.append)
    before = handler.cart

    command = bus.publish(AddItem(item_id="beans", quantity=2))
    assert handler.cart is before
    assert [env.event for env in published] == [
        HandlerFailed(
            handler="CartHandler", message_type="AddItem", error_type="OSError", error="disk full"
        )
    ]
    assert published[0].causation_id == command.event_id
    assert bus.idle

    broken = False  # the store recovers: the next command goes through as usual
    bus.publish(AddItem(item_id="beans", quantity=2))
    assert published[-1].event == added(catalog, "beans", 2)
    assert handler.cart.quantity_of("beans") == 3


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


# -- commit (the store's group committer) ----------------------------------------------------


def test_commit_gets_the_fact_envelopes_that_are_then_published(
    bus: EventBus, catalog: Catalog
) -> None:
    committed: list[tuple[Envelope, list[Envelope], int]] = []
    published: list[Envelope] = []

    def commit(envelope: Envelope, children: list[Envelope]) -> None:
        committed.append((envelope, list(children), len(published)))

    handler = CartHandler(catalog, commit=commit)
    handler.attach(bus)
    bus.subscribe(Fact, published.append)
    command = bus.publish(AddItem(item_id="beans", quantity=2), source="ui")
    bus.publish(UpdateItem(item_id="beans", quantity=2))  # no fact, still committed

    (envelope, children, published_then), (quiet, none, _) = committed
    assert envelope is command and published_then == 0
    assert published == children  # the very envelopes that were stored: same ids
    assert children[0].event == added(catalog, "beans", 2)
    assert children[0].causation_id == command.event_id
    assert children[0].correlation_id == command.correlation_id
    assert children[0].source == "CartHandler"
    assert isinstance(quiet.event, UpdateItem) and none == []


def test_a_failing_commit_leaves_the_cart_unchanged_and_becomes_handler_failed(
    bus: EventBus, catalog: Catalog
) -> None:
    def commit(envelope: Envelope, children: list[Envelope]) -> None:
        raise OSError("database is locked")

    handler = CartHandler(catalog, commit=commit)
    handler.attach(bus)
    published: list[Fact] = []
    bus.subscribe(Fact, lambda env: published.append(env.event))
    before = handler.cart
    bus.publish(AddItem(item_id="beans", quantity=2))
    assert handler.cart is before
    assert published == [
        HandlerFailed(
            handler="CartHandler",
            message_type="AddItem",
            error_type="OSError",
            error="database is locked",
        )
    ]
