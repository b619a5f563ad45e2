"""Payment as stories: tenders towards the open cart, the one that covers the total checks out
with the change due, and cancelling leaves the cart as it was."""

from __future__ import annotations

import pytest
from pos_stories import D, added, rejected, when

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all
from cartapp.domain.events import (
    AddItem,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    Fact,
    LineSnapshot,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CancelPayment,
    DiscountApplied,
    PaymentCancelled,
    PaymentTaken,
    RemoveDiscount,
    TakePayment,
    Tender,
)

__all__: list[str] = []

# 2 x 18.90 = 37.80 + 2.65 tax = 40.45
BEANS = [added("beans", 2)]


def test_cash_beyond_the_total_completes_the_sale_with_change() -> None:
    facts, _, cart = when(BEANS, TakePayment(method="cash", amount="50.00"))
    taken, order = facts
    assert taken == PaymentTaken(method="cash", amount=D("50.00"), due=D("40.45"))
    assert isinstance(order, CheckedOut)
    assert order.total == D("40.45")
    assert order.tenders == (Tender(method="cash", amount=D("50.00")),)
    assert order.change == D("9.55")
    assert order.order_number == 1 and order.discount == 0 and order.line_discounts == ()
    assert cart.lines == () and cart.tenders == () and cart.sold_of("beans") == 2


def test_a_split_payment_card_then_cash() -> None:
    facts, _, cart = when(BEANS, TakePayment(method="card", amount="30.00"))
    assert facts == [PaymentTaken(method="card", amount=D("30.00"), due=D("40.45"))]
    assert cart.tenders == (("card", D("30.00")),) and cart.paid == D("30.00")
    facts, _, cart = when([*BEANS, *facts], TakePayment(method="cash", amount="20.00"))
    taken, order = facts
    assert taken == PaymentTaken(method="cash", amount=D("20.00"), due=D("10.45"))
    assert isinstance(order, CheckedOut)
    assert [t.method for t in order.tenders] == ["card", "cash"]
    assert order.change == D("9.55")
    assert cart.orders == 1 and cart.lines == ()


def test_exact_card_payment_gives_no_change() -> None:
    facts, _, _ = when(BEANS, TakePayment(method="card", amount="40.45"))
    order = facts[-1]
    assert isinstance(order, CheckedOut) and order.change == D("0.00")


def test_a_card_cannot_pay_more_than_is_due() -> None:
    reason = rejected(BEANS, TakePayment(method="card", amount="41.00"))
    assert reason == "a card pays at most what is due (€40.45), not €41.00"


@pytest.mark.parametrize(
    ("given", "command", "reason"),
    [
        ([], TakePayment(method="cash", amount="5.00"), "cannot take a payment for an empty cart"),
        (BEANS, TakePayment(method="cash", amount="0"), "a payment must be more than nothing"),
        ([], CancelPayment(), "no payment is in progress"),
        (BEANS, CancelPayment(), "no payment is in progress"),
        (
            [*BEANS, DiscountApplied(percent=D("100"))],
            TakePayment(method="cash", amount="1.00"),
            "nothing is due; check out",
        ),
    ],
)
def test_payments_that_make_no_sense(given: list[Fact], command: Command, reason: str) -> None:
    assert rejected(given, command) == reason


PAYING = [*BEANS, PaymentTaken(method="card", amount=D("10.00"), due=D("40.45"))]


@pytest.mark.parametrize(
    "command",
    [
        AddItem(item_id="soap", quantity=1),
        RemoveItem(item_id="beans", quantity=1),
        UpdateItem(item_id="beans", quantity=1),
        ClearCart(),
        ApplyDiscount(percent="10"),
        ApplyCoupon(code="SPRING10", today="2026-04-01"),  # type: ignore[arg-type]
        RemoveDiscount(),
    ],
)
def test_the_cart_is_locked_while_a_payment_is_in_progress(command: Command) -> None:
    reason = rejected(PAYING, command)
    assert reason == "a payment is in progress (€30.45 still due); cancel it to change the cart"


def test_checkout_with_part_of_the_total_paid_is_refused() -> None:
    assert rejected(PAYING, Checkout()) == "€30.45 is still due; take another payment or cancel it"


def test_cancelling_the_payment_leaves_the_cart_as_it_was() -> None:
    facts, _, cart = when(PAYING, CancelPayment())
    assert facts == [PaymentCancelled(tenders=(Tender(method="card", amount=D("10.00")),))]
    assert cart.tenders == ()
    unpaid = apply_all(Cart(), BEANS)
    assert (cart.lines, cart.discounts, cart.totals()) == (
        unpaid.lines,
        unpaid.discounts,
        unpaid.totals(),
    )
    facts, _, _ = when([*PAYING, *facts], AddItem(item_id="soap", quantity=1))
    assert facts == [added("soap", 1)]  # unlocked again


def test_checkout_without_the_payment_step_still_closes_the_order() -> None:
    (order,), _, _ = when(BEANS, Checkout())
    assert isinstance(order, CheckedOut)
    assert (order.tenders, order.change) == ((), D("0.00"))
    assert order.lines == (
        LineSnapshot(
            item_id="beans",
            name="Espresso beans",
            unit_price=D("18.90"),
            tax_rate=D("0.07"),
            quantity=2,
        ),
    )


def test_a_discounted_cart_is_paid_at_its_discounted_total() -> None:
    given = [*BEANS, DiscountApplied(amount=D("5.00"))]
    # 37.80 - 5.00 = 32.80, tax 2.30 (32.80 x 0.07 = 2.296) -> 35.10
    facts, _, _ = when(given, TakePayment(method="cash", amount="40.00"))
    order = facts[-1]
    assert isinstance(order, CheckedOut)
    assert (order.total, order.discount, order.change) == (D("35.10"), D("5.00"), D("4.90"))
    assert order.line_discounts == (D("5.00"),)
