"""Replay: the running cart an import checks each fact against, one step per fact."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from pos_stories import COUPONS, SHOP, SPRING, D, added

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply, apply_all, decide
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.ledger import OrderLedger
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CancelPayment,
    CouponApplied,
    DiscountApplied,
    ItemsRefunded,
    PaymentTaken,
    RefundedLine,
    RefundItems,
    RefundLine,
    RemoveDiscount,
    TakePayment,
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


def test_replay_of_every_stored_message_ignores_the_commands(shop: Catalog) -> None:
    """A replay may be handed every message of a history: commands (and rejections) change
    neither the cart nor its version."""
    rng = random.Random(11)
    ids = [p.id for p in shop.products]
    cart = Cart(currency=shop.currency)
    replay = Replay(shop.currency)
    for _ in range(200):
        command = AddItem(item_id=rng.choice(ids), quantity=rng.randint(1, 30))
        replay.apply(command)
        for fact in decide(cart, command, shop):
            replay.apply(fact)
            cart = apply(cart, fact)
        assert replay.cart() == cart


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


def _pos_command(rng: random.Random, cart: Cart, ledger: OrderLedger) -> Command:
    item = rng.choice([p.id for p in SHOP.products])
    x = rng.random()
    if x < 0.35:
        return AddItem(item_id=item, quantity=rng.randint(1, 3))
    if x < 0.45:
        return RemoveItem(item_id=item, quantity=1)
    if x < 0.55:
        return ApplyDiscount(item_id=item, percent=Decimal(rng.choice([5, 10, 50])))
    if x < 0.6:
        return ApplyDiscount(amount=Decimal("1.00"))
    if x < 0.67:
        return ApplyCoupon(code=rng.choice(["SPRING10", "BAKERY5"]), today=SPRING)
    if x < 0.7:
        return RemoveDiscount(code="BAKERY5")
    if x < 0.78:
        return TakePayment(method=rng.choice(["cash", "card"]), amount=Decimal("10.00"))
    if x < 0.8:
        return CancelPayment()
    if x < 0.87:
        return Checkout()
    sale = ledger.sale(rng.randint(1, cart.orders)) if cart.orders else None
    if x < 0.95 and sale is not None:
        line = rng.choice(sale.lines)
        return RefundItems(
            order_number=sale.number,
            lines=(RefundLine(item_id=line.item_id, quantity=1),),
            reason="returned",
            method="cash",
        )
    return ClearCart()


def test_replay_folds_discounts_payments_and_refunds_as_apply_does() -> None:
    kinds: set[type[Fact]] = set()
    for seed in range(5):
        rng = random.Random(seed)
        cart = Cart()
        ledger = OrderLedger()
        facts: list[Fact] = []
        for _ in range(300):
            command = _pos_command(rng, cart, ledger)
            for fact in decide(cart, command, SHOP, COUPONS, ledger):
                facts.append(fact)
                cart = apply(cart, fact)
                ledger.record(fact)
        kinds |= {type(f) for f in facts}
        replay = Replay()
        for fact in facts:
            assert replay.check(fact) is None, fact
            replay.apply(fact)
        assert replay.cart() == apply_all(Cart(), facts) == cart
    assert {DiscountApplied, CouponApplied, PaymentTaken, ItemsRefunded} <= kinds


def test_replay_checks_a_discounted_checkout_and_refunds_against_the_orders() -> None:
    given: list[Fact] = [added("bread", 2), DiscountApplied(amount=Decimal("1.00"))]
    replay = Replay()
    for fact in given:
        replay.apply(fact)
    (checked_out,) = decide(apply_all(Cart(), given), Checkout(), SHOP, COUPONS)
    assert isinstance(checked_out, CheckedOut) and checked_out.discount == Decimal("1.00")
    assert replay.check(checked_out) is None
    undiscounted = checked_out.model_copy(update={"discount": Decimal("0.00")})
    assert "discount" in (replay.check(undiscounted) or "")
    replay.apply(checked_out)
    too_many = ItemsRefunded(
        order_number=1,
        lines=(RefundedLine(item_id="bread", name="Rye bread", quantity=3, amount=D("6.00")),),
        reason="returned",
        method="cash",
        amount=D("6.00"),
    )
    assert "can still be refunded" in (replay.check(too_many) or "")
    unknown = too_many.model_copy(update={"order_number": 2})
    assert "not a past order" in (replay.check(unknown) or "")


_ITEMS = ("rye-bread", "espresso-beans", "oat-milk")
_line = st.builds(
    LineSnapshot,
    item_id=st.sampled_from(_ITEMS),
    name=st.just("x"),
    unit_price=st.sampled_from([Decimal("1.00"), Decimal("2.50")]),
    tax_rate=st.just(Decimal("0.07")),
    quantity=st.integers(1, 5),
)
_any_fact = st.one_of(
    st.builds(
        ItemAdded,
        item_id=st.sampled_from(_ITEMS),
        name=st.just("x"),
        unit_price=st.sampled_from([Decimal("1.00"), Decimal("2.50")]),
        tax_rate=st.just(Decimal("0.07")),
        quantity=st.integers(1, 5),
    ),
    st.builds(
        ItemRemoved, item_id=st.sampled_from(_ITEMS), name=st.just("x"), quantity=st.integers(1, 5)
    ),
    st.builds(
        ItemUpdated,
        item_id=st.sampled_from(_ITEMS),
        name=st.just("x"),
        quantity=st.integers(1, 5),
        previous_quantity=st.integers(1, 5),
    ),
    st.builds(CartCleared, lines=st.lists(_line, max_size=2).map(tuple)),
    st.builds(
        CheckedOut,
        order_number=st.integers(1, 9),
        currency=st.just("EUR"),
        lines=st.lists(_line, max_size=3).map(tuple),
        subtotal=st.just(Decimal("1.00")),
        tax=st.just(Decimal("0.07")),
        total=st.just(Decimal("1.07")),
    ),
    st.builds(CommandRejected, command=st.just("AddItem"), reason=st.just("no")),
)


@given(st.lists(_any_fact, max_size=30), st.integers(0, 30))
def test_the_mutable_fold_is_decider_apply_for_any_facts(facts: list[Fact], cut: int) -> None:
    """Also facts that do not follow (a store's rows are folded as they are): the store folds
    with ``Replay``, from a snapshot's cart (``starting_from``), and must get ``apply_all``'s."""
    start = apply_all(Cart(), facts[:cut])
    replay = Replay.starting_from(start)
    for fact in facts[cut:]:
        replay.apply(fact)
    expected = apply_all(start, facts[cut:])
    assert replay.cart() == expected
    assert replay.cart().version == expected.version


def test_replay_refuses_line_discounts_that_are_not_the_carts() -> None:
    """A checkout's line discounts are () (as before there were any) or the cart's own shares:
    one too many made the ledger's fold raise instead of a refusal."""
    given: list[Fact] = [added("bread", 2), DiscountApplied(amount=Decimal("1.00"))]
    replay = Replay()
    for fact in given:
        replay.apply(fact)
    (checked_out,) = decide(apply_all(Cart(), given), Checkout(), SHOP, COUPONS)
    assert isinstance(checked_out, CheckedOut) and checked_out.line_discounts
    assert replay.check(checked_out) is None
    assert replay.check(checked_out.model_copy(update={"line_discounts": ()})) is None
    for wrong in ((*checked_out.line_discounts, D("0.00")), (D("0.50"),)):
        forged = checked_out.model_copy(update={"line_discounts": wrong})
        assert "line discounts" in (replay.check(forged) or "")
