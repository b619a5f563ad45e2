"""Refunds as stories: units of a past order come back, with the money they paid and their
stock; never more than was sold."""

from __future__ import annotations

import pytest
from pos_stories import SHOP, D, added, ledger_of, rejected, when

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all, available, decide
from cartapp.domain.events import AddItem, CheckedOut, Checkout, CommandRejected, Fact
from cartapp.domain.ledger import OrderLedger
from cartapp.domain.pos import (
    DiscountApplied,
    ItemsRefunded,
    PaymentTaken,
    RefundedLine,
    RefundItems,
    RefundLine,
)

__all__: list[str] = []


def sold(*given: Fact) -> list[Fact]:
    """``given`` and the checkout that closes it."""
    cart = apply_all(Cart(), given)
    return [*given, *decide(cart, Checkout(), SHOP)]


def refund(order: int = 1, method: str = "cash", **lines: int) -> RefundItems:
    return RefundItems(
        order_number=order,
        lines=tuple(RefundLine(item_id=k, quantity=v) for k, v in lines.items()),
        reason="damaged",
        method=method,  # type: ignore[arg-type]
    )


# order 1: 3 croissants (2.67 + 0.19 tax = 2.86) and a soap (1.95 + 0.37 = 2.32)
ORDER = sold(added("croissant", 3), added("soap", 1))


def test_refunding_part_of_a_line_pays_back_its_share_and_returns_stock() -> None:
    facts, before, cart = when(ORDER, refund(croissant=1))
    assert facts == [
        ItemsRefunded(
            order_number=1,
            lines=(
                RefundedLine(item_id="croissant", name="Croissant", quantity=1, amount=D("0.95")),
            ),
            reason="damaged",
            method="cash",
            amount=D("0.95"),
        )
    ]
    assert before.sold_of("croissant") == 3 and cart.sold_of("croissant") == 2
    assert available(cart, SHOP["croissant"]) == available(before, SHOP["croissant"]) + 1
    sale = ledger_of([*ORDER, *facts]).sale(1)
    assert sale is not None
    line = sale.line("croissant")
    assert line is not None and (line.refunded, line.refunded_amount) == (1, D("0.95"))


def test_refunding_a_line_bit_by_bit_pays_back_exactly_its_total() -> None:
    given = list(ORDER)
    paid = D("0")
    for _ in range(3):
        facts, _, _ = when(given, refund(croissant=1))
        (fact,) = facts
        assert isinstance(fact, ItemsRefunded)
        paid += fact.amount
        given += facts
    assert paid == D("2.86")  # 0.95 + 0.96 + 0.95, the line's total to the cent
    assert rejected(given, refund(croissant=1)) == (
        "Croissant of order #1 was already refunded in full"
    )


def test_an_order_cannot_be_refunded_beyond_what_was_sold() -> None:
    assert rejected(ORDER, refund(croissant=4)) == (
        "only 3 x Croissant of order #1 can still be refunded"
    )
    facts, _, _ = when(ORDER, refund(croissant=2))
    assert rejected([*ORDER, *facts], refund(croissant=2)) == (
        "only 1 x Croissant of order #1 can still be refunded"
    )


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (refund(order=2, croissant=1), "there is no order #2"),
        (refund(order=0, croissant=1), "there is no order #0"),
        (refund(), "name at least one line to refund"),
        (refund(bread=1), "order #1 has no 'bread'"),
        (refund(croissant=0), "quantity of Croissant must be at least 1 (got 0)"),
        (
            RefundItems(
                order_number=1,
                lines=(
                    RefundLine(item_id="soap", quantity=1),
                    RefundLine(item_id="soap", quantity=1),
                ),
                reason="twice",
                method="card",
            ),
            "'soap' is listed twice",
        ),
    ],
)
def test_refunds_that_make_no_sense(command: RefundItems, reason: str) -> None:
    assert rejected(ORDER, command) == reason


def test_a_refund_pays_back_what_the_discounted_line_cost() -> None:
    given = sold(added("beans", 2), DiscountApplied(percent=D("50")))
    order = given[-1]
    assert isinstance(order, CheckedOut) and order.total == D("20.22")  # 18.90 + 1.32
    facts, _, _ = when(given, refund(method="card", beans=2))
    (fact,) = facts
    assert isinstance(fact, ItemsRefunded) and fact.amount == D("20.22")
    assert fact.method == "card"


def test_refunded_stock_can_be_sold_again() -> None:
    given = sold(added("pen", 3))  # every pen sold
    assert rejected(given, AddItem(item_id="pen", quantity=1)) == "Fountain pen is out of stock"
    facts, _, _ = when(given, refund(pen=1))
    facts, _, cart = when([*given, *facts], AddItem(item_id="pen", quantity=1))
    assert facts == [added("pen", 1)] and cart.quantity_of("pen") == 1


def test_a_refund_leaves_the_open_cart_alone() -> None:
    given = [
        *ORDER,
        added("bread", 1),
        PaymentTaken(method="card", amount=D("1.00"), due=D("3.42")),
    ]
    _, before, cart = when(given, refund(soap=1))
    assert (cart.lines, cart.tenders, cart.discounts) == (
        before.lines,
        before.tenders,
        before.discounts,
    )


def test_the_ledger_answers_its_own_sales_before_its_base_and_forgets_them() -> None:
    """The handler's step ledger: facts not yet committed come first; once forgotten, the base
    (the store) answers again."""
    base = ledger_of(ORDER)
    step = OrderLedger(base)
    facts, _, _ = when(ORDER, refund(croissant=2))
    step.record_all(facts)
    own = step.sale(1)
    assert own is not None and own.lines[0].refunded == 2
    assert base.sale(1) is not None and base.sale(1).lines[0].refunded == 0  # type: ignore[union-attr]
    step.forget()
    assert step.sale(1) == base.sale(1) and len(step) == 0
    assert step.sale(2) is None and OrderLedger().sale(1) is None


def test_without_a_ledger_no_past_order_is_known() -> None:
    cart = apply_all(Cart(), ORDER)
    (fact,) = decide(cart, refund(croissant=1), SHOP)
    assert isinstance(fact, CommandRejected) and fact.reason == "there is no order #1"
