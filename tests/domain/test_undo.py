"""The compensation table: undoing a fact restores the cart before it, redoing repeats it."""

from __future__ import annotations

from decimal import Decimal

import hypothesis.strategies as st
from hypothesis import given, settings
from test_cart_machine import CATALOG

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.undo import UNDOABLE, Compensation, compensation

__all__: list[str] = []

ITEMS = ["pen", "tea", "rice", "yacht"]
QTY = st.integers(1, 4)
COMMANDS = st.one_of(
    st.builds(AddItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(RemoveItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(UpdateItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.just(ClearCart()),
)


def run(cart: Cart, commands: tuple[Command, ...]) -> Cart:
    for command in commands:
        cart = apply_all(cart, decide(cart, command, CATALOG))
    return cart


def lines(cart: Cart) -> list[tuple[str, int, Decimal]]:
    return sorted((line.item_id, line.quantity, line.unit_price) for line in cart.lines)


def test_the_table() -> None:
    line = {"name": "Pen", "unit_price": Decimal("0.35"), "tax_rate": Decimal("0.19")}
    assert compensation(ItemAdded(item_id="pen", quantity=2, **line)) == Compensation(
        (RemoveItem(item_id="pen", quantity=2),), (AddItem(item_id="pen", quantity=2),)
    )
    assert compensation(
        ItemUpdated(item_id="pen", name="Pen", quantity=3, previous_quantity=1)
    ) == Compensation(
        (UpdateItem(item_id="pen", quantity=1),), (UpdateItem(item_id="pen", quantity=3),)
    )
    assert compensation(ItemRemoved(item_id="pen", name="Pen", quantity=1)) == Compensation(
        (AddItem(item_id="pen", quantity=1),), (RemoveItem(item_id="pen", quantity=1),)
    )
    cleared = CartCleared(
        lines=(
            LineSnapshot(item_id="pen", quantity=2, **line),
            LineSnapshot(item_id="tea", quantity=1, **line),
        )
    )
    assert compensation(cleared) == Compensation(
        (AddItem(item_id="pen", quantity=2), AddItem(item_id="tea", quantity=1)), (ClearCart(),)
    )
    refused = CommandRejected(command="AddItem", reason="no")
    assert compensation(refused) is None
    assert {CheckedOut, CommandRejected}.isdisjoint(UNDOABLE)


@settings(max_examples=200, deadline=None)
@given(st.lists(COMMANDS, max_size=8).map(tuple), COMMANDS)
def test_undo_restores_the_cart_before_the_fact_and_redo_repeats_it(
    history: tuple[Command, ...], command: Command
) -> None:
    before = run(Cart(), history)
    facts = decide(before, command, CATALOG)
    after = apply_all(before, facts)
    for fact in facts:
        commands = compensation(fact)
        if commands is None:
            assert type(fact) not in UNDOABLE
            continue
        undone = run(after, commands.undo)
        assert lines(undone) == lines(before)
        redone = run(undone, commands.redo)
        assert lines(redone) == lines(after)


def test_checkout_cannot_be_undone() -> None:
    cart = run(Cart(), (AddItem(item_id="tea", quantity=1),))
    (order,) = decide(cart, Checkout(), CATALOG)
    assert compensation(order) is None
