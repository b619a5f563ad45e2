"""Replay: the running cart an import checks each fact against, one step per fact."""

from __future__ import annotations

import random

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply, apply_all, decide
from cartapp.domain.events import (
    AddItem,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    Fact,
    ItemRemoved,
    ItemUpdated,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.replay import Replay

__all__: list[str] = []


def random_facts(shop: Catalog, seed: int, steps: int) -> list[Fact]:
    rng = random.Random(seed)
    ids = [p.id for p in shop.products]
    cart = Cart(currency=shop.currency)
    facts: list[Fact] = []
    for _ in range(steps):
        item = rng.choice(ids)
        x = rng.random()
        command: Command
        if x < 0.5:
            command = AddItem(item_id=item, quantity=rng.randint(1, 4))
        elif x < 0.65:
            command = RemoveItem(item_id=item, quantity=rng.randint(1, 2))
        elif x < 0.8:
            command = UpdateItem(item_id=item, quantity=rng.randint(1, 6))
        elif x < 0.85:
            command = ClearCart()
        else:
            command = Checkout()
        for fact in decide(cart, command, shop):
            facts.append(fact)
            cart = apply(cart, fact)
    return facts


def test_replay_accepts_what_decide_produced_and_ends_on_the_same_cart(shop: Catalog) -> None:
    for seed in range(5):
        facts = random_facts(shop, seed, 300)
        assert any(isinstance(f, CheckedOut) for f in facts)
        replay = Replay(shop.currency)
        for fact in facts:
            assert replay.check(fact) is None
            replay.apply(fact)
        assert replay.cart() == apply_all(Cart(currency=shop.currency), facts)


def test_replay_refuses_what_cannot_follow(shop: Catalog) -> None:
    facts = random_facts(shop, 7, 40)
    replay = Replay(shop.currency)
    for fact in facts:
        replay.apply(fact)
    held = replay.cart()
    gone = next(p.id for p in shop.products if held.line(p.id) is None)
    removed = ItemRemoved(item_id=gone, name="x", quantity=1)
    assert replay.check(removed) == f"ItemRemoved of {gone!r}, which is not in the cart"
    if held.lines:
        line = held.lines[0]
        wrong = ItemUpdated(
            item_id=line.item_id, name=line.name, quantity=2, previous_quantity=line.quantity + 1
        )
        assert "but the cart holds" in (replay.check(wrong) or "")
    forged = decide(held, Checkout(), shop)
    if held.lines and isinstance(forged[0], CheckedOut):
        stale = forged[0].model_copy(update={"order_number": held.orders})
        assert "does not follow order" in (replay.check(stale) or "")
    assert replay.cart() == held  # checking changes nothing
