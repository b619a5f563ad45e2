"""Property: with any mix of items, line discounts, order discounts, coupons, checkouts and
refunds, the cart's totals and the refunds equal an independent recomputation.

The recomputation below works in integer cents from the model of what was accepted and the
shop's prices; it shares no code with ``cartapp.domain.cart``. Rule (``money``'s docstring):
line discount half up per line, then each order discount in turn on the lines it covers,
spread by the largest remainder, then tax half up per line on what is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings
from pos_stories import COUPONS, SHOP, SPRING

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import AddItem, CheckedOut, Checkout, Command, CommandRejected
from cartapp.domain.ledger import OrderLedger
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    DiscountApplied,
    ItemsRefunded,
    RefundItems,
    RefundLine,
    RemoveDiscount,
)

__all__: list[str] = []


def half_up(value: Fraction) -> int:
    """``value`` (in cents) rounded half up to a whole cent (values here are never negative)."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def cents(amount: Decimal) -> int:
    return int(amount * 100)


@dataclass
class Model:
    lines: dict[str, int] = field(default_factory=dict)  # item id -> quantity, in cart order
    line_off: dict[str, tuple[str, int]] = field(default_factory=dict)  # ("%", pct*100) / ("€", c)
    order_off: list[tuple[str, int, int, frozenset[str] | None]] = field(default_factory=list)

    def price(self) -> tuple[int, int, int, list[int]]:
        """(subtotal, discount, tax, line totals) in cents."""
        ids = list(self.lines)
        gross = [cents(SHOP[i].unit_price) * self.lines[i] for i in ids]
        net = []
        for i, g in zip(ids, gross, strict=True):
            kind, value = self.line_off.get(i, ("€", 0))
            off = half_up(Fraction(g * value, 10000)) if kind == "%" else value
            net.append(g - min(off, g))
        for kind, value, minimum, covers in self.order_off:
            idx = [k for k, i in enumerate(ids) if covers is None or i in covers]
            base = sum(net[k] for k in idx)
            if base <= 0 or base < minimum:
                continue
            whole = half_up(Fraction(base * value, 10000)) if kind == "%" else value
            whole = min(whole, base)
            exact = {k: Fraction(whole * net[k], base) for k in idx}
            parts = {k: int(exact[k]) for k in idx}
            rest = whole - sum(parts.values())
            for k in sorted(idx, key=lambda k: (-(exact[k] - parts[k]), k))[:rest]:
                parts[k] += 1
            for k in idx:
                net[k] -= parts[k]
        taxes = [
            half_up(Fraction(n) * Fraction(SHOP[i].tax_rate)) for i, n in zip(ids, net, strict=True)
        ]
        subtotal = sum(gross)
        discount = subtotal - sum(net)
        return subtotal, discount, sum(taxes), [n + t for n, t in zip(net, taxes, strict=True)]


ITEMS = [p.id for p in SHOP]
ACTIONS = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(ITEMS), st.integers(1, 6)),
    st.tuples(
        st.just("line"),
        st.sampled_from(ITEMS),
        st.one_of(
            st.tuples(st.just("%"), st.integers(1, 10000)),
            st.tuples(st.just("€"), st.integers(1, 3000)),
        ),
    ),
    st.tuples(
        st.just("order"),
        st.one_of(
            st.tuples(st.just("%"), st.integers(1, 10000)),
            st.tuples(st.just("€"), st.integers(1, 5000)),
        ),
    ),
    st.tuples(st.just("coupon"), st.sampled_from(["SPRING10", "BAKERY5", "TEA20"])),
    st.tuples(st.just("unline"), st.sampled_from(ITEMS)),
    st.tuples(st.just("checkout")),
    st.tuples(st.just("refund"), st.integers(1, 3), st.sampled_from(ITEMS), st.integers(1, 4)),
)


def _terms(kind: str, value: int) -> dict[str, Decimal]:
    return {"percent" if kind == "%" else "amount": Decimal(value) / 100}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, max_size=30))
def test_totals_and_refunds_equal_an_independent_recomputation(actions: list[tuple]) -> None:  # type: ignore[type-arg]
    cart = Cart()
    ledger = OrderLedger()  # past orders, as the handler keeps them beside the cart
    model = Model()
    orders: dict[int, dict[str, tuple[int, int, int]]] = {}  # number -> id -> (qty, total, back)
    for action in actions:
        command: Command
        if action[0] == "add":
            command = AddItem(item_id=action[1], quantity=action[2])
        elif action[0] == "line":
            command = ApplyDiscount(item_id=action[1], **_terms(*action[2]))
        elif action[0] == "order":
            command = ApplyDiscount(**_terms(*action[1]))
        elif action[0] == "coupon":
            command = ApplyCoupon(code=action[1], today=SPRING)
        elif action[0] == "unline":
            command = RemoveDiscount(item_id=action[1])
        elif action[0] == "checkout":
            command = Checkout()
        else:
            command = RefundItems(
                order_number=action[1],
                lines=(RefundLine(item_id=action[2], quantity=action[3]),),
                reason="test",
                method="cash",
            )
        facts = decide(cart, command, SHOP, COUPONS, ledger)
        cart = apply_all(cart, facts)
        ledger.record_all(facts)
        if any(isinstance(f, CommandRejected) for f in facts):
            continue
        # the model follows what was accepted
        if action[0] == "add":
            model.lines[action[1]] = model.lines.get(action[1], 0) + action[2]
        elif action[0] == "line":
            model.line_off[action[1]] = action[2]
        elif action[0] == "unline":
            del model.line_off[action[1]]
        elif action[0] in ("order", "coupon"):
            (fact,) = facts
            if isinstance(fact, DiscountApplied):
                model.order_off.append((*action[1], 0, None))
            else:
                coupon = COUPONS.get(action[1])
                assert coupon is not None
                kind, value = (
                    ("%", cents(coupon.percent))
                    if coupon.percent
                    else ("€", cents(coupon.amount or 0))
                )
                covers = None
                if coupon.categories:
                    covers = frozenset(p.id for p in SHOP if p.category in coupon.categories)
                model.order_off.append((kind, value, cents(coupon.minimum_spend), covers))
        elif action[0] == "checkout":
            (order,) = facts
            assert isinstance(order, CheckedOut)
            _, _, _, line_totals = model.price()
            assert cents(order.total) == sum(line_totals)
            orders[order.order_number] = {
                i: (q, t, 0) for (i, q), t in zip(model.lines.items(), line_totals, strict=True)
            }
            model = Model()
        else:
            (fact,) = facts
            assert isinstance(fact, ItemsRefunded)
            qty, total, back = orders[action[1]][action[2]]
            assert back + action[3] <= qty  # never beyond what was sold
            paid = half_up(Fraction(total * (back + action[3]), qty)) - half_up(
                Fraction(total * back, qty)
            )
            assert cents(fact.amount) == paid
            orders[action[1]][action[2]] = (qty, total, back + action[3])

        subtotal, discount, tax, line_totals = model.price()
        assert [cents(p.total) for p in cart.priced().lines] == line_totals
        totals = cart.totals()
        assert cents(totals.subtotal.amount) == subtotal
        assert cents(totals.discount.amount) == discount
        assert cents(totals.tax.amount) == tax
        assert cents(totals.total.amount) == subtotal - discount + tax
        assert 0 <= discount <= subtotal

    for number, lines in orders.items():  # refunds never beyond a line's total
        sale = ledger.sale(number)
        assert sale is not None
        for item_id, (qty, total, back) in lines.items():
            line = sale.line(item_id)
            assert line is not None and line.refunded == back
            assert 0 <= cents(line.refunded_amount) <= total
            if back == qty:
                assert cents(line.refunded_amount) == total
