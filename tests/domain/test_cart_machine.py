"""Random command sequences, good and bad, against a small low-stock catalog.

A hypothesis ``RuleBasedStateMachine`` drives the real path (``EventBus`` -> ``CartService`` ->
``decide``/``apply``) and keeps its own simple model of what the cart should hold. After every step:
the live cart equals the fold of every fact so far, the totals add up (tax rounded half up per
line), no line holds outside 1..99, nothing is sold or carted beyond stock, and a rejected command
changed nothing. Payment (cash and card tenders, split, cancelled) and refunds of past orders
join in: a cart with tenders pending refuses changes, and no order is refunded beyond what it
sold.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from pydantic import ValidationError

from cartapp.bus import Envelope, EventBus
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog, Product
from cartapp.domain.decider import MAX_LINE_QUANTITY, apply_all
from cartapp.domain.events import (
    AddItem,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    Fact,
    HandlerFailed,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.pos import (
    CancelPayment,
    ItemsRefunded,
    RefundItems,
    RefundLine,
    TakePayment,
)
from cartapp.handlers import CartService, handler_failed

__all__: list[str] = []

CATALOG = Catalog(
    products=tuple(
        Product(
            id=item_id,
            sku=item_id.upper(),
            name=item_id.title(),
            category="Test",
            unit_price=price,
            stock=stock,
            tax_rate=rate,
            icon="x.svg",
        )
        for item_id, price, stock, rate in (
            ("mug", "4.99", 0, "0.19"),  # sold out
            ("pen", "0.35", 2, "0.19"),  # 0.35 x 0.19 = 0.0665: rounding matters
            ("tea", "2.25", 5, "0.07"),
            ("rice", "1.15", 150, "0.07"),  # more stock than the per-line cap
            ("yacht", "300000.00", 9, "0.19"),  # three would take an order past 999,999.99
        )
    )
)
ITEMS = [p.id for p in CATALOG] + ["ghost"]
QUANTITIES = st.one_of(
    st.integers(1, 3), st.integers(-2, 110), st.sampled_from([0, 98, 99, 100, 10**12 - 1])
)
CENT = Decimal("0.01")


class CartMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.bus = EventBus(failure_fact=handler_failed)
        self.service = CartService(CATALOG)
        self.service.attach(self.bus)
        self.facts: list[Envelope] = []
        self.bus.subscribe(Fact, self.facts.append)
        # the model: what the cart should hold and what orders took, by item id
        self.lines: dict[str, int] = {}
        self.sold: dict[str, int] = {}
        self.orders = 0
        self.paid: list[tuple[str, Decimal]] = []  # tenders pending for the open cart
        self.order_lines: dict[int, dict[str, int]] = {}  # what each order sold, less refunds

    # -- helpers ------------------------------------------------------------------------------

    def _left(self, item_id: str) -> int:
        return CATALOG[item_id].stock - self.sold.get(item_id, 0) - self.lines.get(item_id, 0)

    def _total_ok(self, item_id: str, quantity: int) -> bool:
        """Would the cart's total stay below 1,000,000 with ``quantity`` of ``item_id``?"""
        lines = {**self.lines, item_id: quantity}
        total = Decimal(0)
        for line_id, count in lines.items():
            product = CATALOG[line_id]
            net = product.unit_price * count
            total += net + (net * product.tax_rate).quantize(CENT, rounding=ROUND_HALF_UP)
        return total < 1_000_000

    def _send(self, command: Command, accepted: bool) -> list[Fact]:
        before = self.service.cart
        seen = len(self.facts)
        env = self.bus.publish(command, source="test")
        facts = [e.event for e in self.facts[seen:]]
        assert all(e.correlation_id == env.correlation_id for e in self.facts[seen:])
        assert not any(isinstance(f, HandlerFailed) for f in facts), facts
        if accepted:
            assert facts and not any(isinstance(f, CommandRejected) for f in facts), facts
        else:
            assert len(facts) == 1 and isinstance(facts[0], CommandRejected), facts
            assert facts[0].reason and len(facts[0].reason) <= 200
            assert self.service.cart is before  # a rejected command changed nothing
        return facts

    # -- rules --------------------------------------------------------------------------------

    @rule(item_id=st.sampled_from(ITEMS), quantity=QUANTITIES)
    def add(self, item_id: str, quantity: int) -> None:
        have = self.lines.get(item_id, 0)
        ok = (
            not self.paid
            and CATALOG.get(item_id) is not None
            and 1 <= quantity <= MAX_LINE_QUANTITY
            and have + quantity <= MAX_LINE_QUANTITY
            and quantity <= self._left(item_id)
            and self._total_ok(item_id, have + quantity)
        )
        self._send(AddItem(item_id=item_id, quantity=quantity), ok)
        if ok:
            self.lines[item_id] = have + quantity

    @rule(item_id=st.sampled_from(ITEMS), quantity=QUANTITIES)
    def remove(self, item_id: str, quantity: int) -> None:
        have = self.lines.get(item_id, 0)
        ok = not self.paid and have > 0 and 1 <= quantity <= have
        self._send(RemoveItem(item_id=item_id, quantity=quantity), ok)
        if ok:
            if quantity == have:
                del self.lines[item_id]
            else:
                self.lines[item_id] = have - quantity

    @rule(item_id=st.sampled_from(ITEMS), quantity=QUANTITIES)
    def update(self, item_id: str, quantity: int) -> None:
        have = self.lines.get(item_id, 0)
        if have and quantity == have and not self.paid:
            before = self.service.cart
            seen = len(self.facts)
            self.bus.publish(UpdateItem(item_id=item_id, quantity=quantity))
            assert len(self.facts) == seen and self.service.cart is before  # nothing to do
            return
        ok = (
            not self.paid
            and have > 0
            and 1 <= quantity <= MAX_LINE_QUANTITY
            and quantity - have <= self._left(item_id)
            and (quantity < have or self._total_ok(item_id, quantity))
        )
        self._send(UpdateItem(item_id=item_id, quantity=quantity), ok)
        if ok:
            self.lines[item_id] = quantity

    @rule()
    def clear(self) -> None:
        ok = bool(self.lines) and not self.paid
        self._send(ClearCart(), ok)
        if ok:
            self.lines.clear()

    @rule()
    def checkout(self) -> None:
        ok = bool(self.lines) and not self.paid
        facts = self._send(Checkout(), ok)
        if ok:
            (fact,) = facts
            self._sold(fact)

    @rule(item_id=st.sampled_from(["pen", "tea", "rice"]))
    def sell_one(self, item_id: str) -> None:
        """Add one and check out, so that there are orders to refund."""
        self.add(item_id, 1)
        self.checkout()

    def _sold(self, fact: Fact) -> None:
        assert isinstance(fact, CheckedOut)
        self.orders += 1
        assert fact.order_number == self.orders
        assert fact.total == fact.subtotal + fact.tax
        paid = sum((amount for _, amount in self.paid), Decimal(0))
        assert fact.change == (paid - fact.total if self.paid else 0)
        assert [(t.method, t.amount) for t in fact.tenders] == self.paid
        for item_id, quantity in self.lines.items():
            self.sold[item_id] = self.sold.get(item_id, 0) + quantity
        self.order_lines[fact.order_number] = dict(self.lines)
        self.lines.clear()
        self.paid = []

    @rule(
        method=st.sampled_from(["cash", "card"]),
        amount=st.sampled_from(["0.01", "0.35", "2.00", "5.00", "50.00", "999999.99"]),
    )
    def pay(self, method: str, amount: str) -> None:
        given = Decimal(amount)
        due = self.service.cart.totals().total.amount - sum((a for _, a in self.paid), Decimal(0))
        ok = bool(self.lines) and (method == "cash" or given <= due)
        facts = self._send(TakePayment(method=method, amount=given), ok)  # type: ignore[arg-type]
        if ok:
            self.paid.append((method, given))
            if given >= due:
                assert len(facts) == 2
                self._sold(facts[1])
            else:
                assert len(facts) == 1

    @rule()
    def cancel_payment(self) -> None:
        ok = bool(self.paid)
        self._send(CancelPayment(), ok)
        self.paid = []

    @rule(
        pick=st.integers(0, 10**6),
        wild=st.tuples(st.integers(0, 4), st.sampled_from(ITEMS)),
        quantity=st.sampled_from([0, 1, 1, 2, 5]),
    )
    def refund(self, pick: int, wild: tuple[int, str], quantity: int) -> None:
        """Refund a line of a past order (one picked from the orders so far, or any)."""
        sold = [(n, i) for n, lines in self.order_lines.items() for i, q in lines.items() if q]
        order, item_id = sold[pick % len(sold)] if sold and pick % 4 else wild
        left = self.order_lines.get(order, {}).get(item_id, 0)
        ok = 1 <= quantity <= left
        command = RefundItems(
            order_number=order,
            lines=(RefundLine(item_id=item_id, quantity=quantity),),
            reason="returned",
            method="cash",
        )
        facts = self._send(command, ok)
        if ok:
            (fact,) = facts
            assert isinstance(fact, ItemsRefunded) and fact.amount >= 0
            self.order_lines[order][item_id] = left - quantity
            self.sold[item_id] -= quantity
            if not self.sold[item_id]:
                del self.sold[item_id]

    @rule(
        bad=st.one_of(
            st.tuples(st.just("quantity"), st.sampled_from([True, False, "2", 2.0, None])),
            st.tuples(st.just("item_id"), st.sampled_from(["Pen", "pen\n", "x" * 65, "a\x00"])),
        ),
        command_type=st.sampled_from([AddItem, RemoveItem, UpdateItem]),
    )
    def bad_input(self, bad: tuple[str, object], command_type: type[AddItem]) -> None:
        fields: dict[str, object] = {"item_id": "pen", "quantity": 1, bad[0]: bad[1]}
        before = self.service.cart
        seen = len(self.facts)
        with pytest.raises(ValidationError):
            command_type(**fields)  # type: ignore[arg-type]
        assert self.service.cart is before and len(self.facts) == seen

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def live_cart_is_the_fold_of_its_facts(self) -> None:
        replayed = apply_all(Cart(), (e.event for e in self.facts))
        assert self.service.cart == replayed
        assert self.bus.idle

    @invariant()
    def live_cart_is_the_replay_of_its_log(self) -> None:
        loaded = self.service.log.load_cart("cart", currency=CATALOG.currency)
        assert loaded.cart == self.service.cart and loaded.version == self.service.version

    @invariant()
    def cart_matches_the_model(self) -> None:
        cart = self.service.cart
        assert {line.item_id: line.quantity for line in cart} == self.lines
        assert dict(cart.sold) == self.sold
        assert cart.orders == self.orders

    @invariant()
    def totals_add_up(self) -> None:
        cart = self.service.cart
        totals = cart.totals()
        nets = [line.unit_price * line.quantity for line in cart]
        taxes = [
            (net * line.tax_rate).quantize(CENT, rounding=ROUND_HALF_UP)
            for net, line in zip(nets, cart, strict=True)
        ]
        assert [line.tax for line in cart] == taxes
        assert totals.subtotal.amount == sum(nets, Decimal(0))
        assert totals.tax.amount == sum(taxes, Decimal(0))
        assert totals.total == totals.subtotal + totals.tax

    @invariant()
    def quantities_stay_within_the_cap(self) -> None:
        assert all(1 <= line.quantity <= MAX_LINE_QUANTITY for line in self.service.cart)

    @invariant()
    def nothing_beyond_stock(self) -> None:
        cart = self.service.cart
        for product in CATALOG:
            assert cart.quantity_of(product.id) + cart.sold_of(product.id) <= product.stock


CartMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_cart_machine = CartMachine.TestCase
