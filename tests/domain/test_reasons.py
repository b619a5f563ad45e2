"""Rejection reasons: every reason the decider gives is one whole template of
``cartapp.domain.reasons``, so the screen can show it translated with the same values, while
the fact keeps the English sentence; the translation seam (``cartapp.domain.i18n``) returns
English until an implementation is installed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartapp.domain import i18n, reasons
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.coupons import CouponTable, load_coupons
from cartapp.domain.decider import apply, decide
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.parking import ParkCart, ResumeCart
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CancelPayment,
    RefundItems,
    RefundLine,
    RemoveDiscount,
    TakePayment,
)

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[2]


def marked(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A stand-in translator: a reason's template comes back between « and »."""
    return f"«{text}»" if context == "reasons" else text


@pytest.fixture
def english() -> Iterator[None]:
    """No translator (whatever an earlier test, or importing cartapp.qt, installed)."""
    previous = i18n.install(None)
    yield
    i18n.install(previous)


@pytest.fixture
def marking(english: None) -> Iterator[None]:
    i18n.install(marked)
    yield


def test_the_seam_is_english_until_something_is_installed(english: None) -> None:
    assert not i18n.installed()
    assert i18n.translate("messages", "clear the cart") == "clear the cart"
    assert i18n.translate("messages", "Cleared the cart (%n items)", None, 3) == (
        "Cleared the cart (3 items)"
    )
    assert i18n.translate("x", "50%n", None, -1) == "50%n"  # no n: %n stays, as in Qt
    assert i18n.QT_TRANSLATE_NOOP("reasons", "a text") == "a text"
    upper = lambda c, t, d, n: t.upper()  # noqa: E731
    assert i18n.install(upper) is None
    assert i18n.installed() and i18n.translate("c", "abc") == "ABC"
    assert i18n.install(None) is upper
    assert not i18n.installed()


def test_a_reason_no_template_matches_is_shown_as_stored(marking: None) -> None:
    assert reasons.reason_text("the moon is made of cheese") == "the moon is made of cheese"


def test_the_template_with_the_most_literal_text_wins(marking: None) -> None:
    order_only = reasons.say(reasons.COUPON_ORDER_ONLY, code="TEN")
    assert reasons.reason_text(order_only) == f"«{order_only}»"
    # "the order" read as a category list would give the other template: the literal one wins
    assert reasons.reason_text(order_only) != f"«{reasons.COUPON_CATEGORIES_ONLY}»"


def test_a_broken_translation_falls_back_to_the_english_reason(english: None) -> None:
    i18n.install(lambda c, t, d, n: "{nope}" if c == "reasons" else t)
    reason = reasons.say(reasons.UNKNOWN_PRODUCT, item="tea")
    assert reasons.reason_text(reason) == reason


def test_without_a_translator_the_reason_text_is_the_reason(english: None) -> None:
    reason = reasons.say(reasons.ONLY_LEFT_IN_STOCK, left=1, name="Butter croissant")
    assert reason == "only 1 Butter croissant left in stock"
    assert reasons.reason_text(reason) == reason
    fact = CommandRejected(command="AddItem", reason=reason)
    assert fact.reason_text() == reason and fact.summary() == f"Rejected: {reason}"


NAMES = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12).map(str.strip)


@given(
    template=st.sampled_from(reasons.TEMPLATES),
    name=NAMES.filter(bool),
    number=st.integers(min_value=0, max_value=10**6),
)
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_template_reads_back_with_its_values(
    marking: None, template: str, name: str, number: int
) -> None:
    fields = {f: (name if i % 2 else str(number)) for i, f in enumerate(_fields(template))}
    reason = reasons.say(template, **fields)
    assert reasons.reason_text(reason) == "«" + reason + "»"


def _fields(template: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"\{(\w+)\}", template)))


PARKED_AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
ITEMS = ("pen", "tea", "croissant", "nope", "beans")
QUANTITIES = st.sampled_from((1, 1, 2, 3, 3, 4, 0, -5, 99, 150, 10**10))
COMMANDS = st.one_of(
    st.builds(AddItem, item_id=st.sampled_from(ITEMS), quantity=QUANTITIES),
    st.builds(RemoveItem, item_id=st.sampled_from(ITEMS), quantity=QUANTITIES),
    st.builds(UpdateItem, item_id=st.sampled_from(ITEMS), quantity=QUANTITIES),
    st.just(ClearCart()),
    st.just(Checkout()),
    st.builds(
        ApplyDiscount,
        item_id=st.none() | st.sampled_from(ITEMS),
        percent=st.none() | st.sampled_from((Decimal("10"), Decimal("50"))),
        amount=st.none() | st.sampled_from((Decimal("0.50"), Decimal("500.00"))),
    ),
    st.builds(
        ApplyCoupon,
        code=st.sampled_from(("SPRING10", "BAKERY5", "WELCOME3", "NOTHING")),
        today=st.sampled_from((date(2026, 1, 1), date(2026, 3, 15), date(2027, 1, 1))),
    ),
    st.builds(RemoveDiscount, item_id=st.none() | st.sampled_from(ITEMS)),
    st.builds(RemoveDiscount, code=st.sampled_from(("WELCOME3", "NOTHING"))),
    st.builds(
        TakePayment,
        method=st.sampled_from(("cash", "card")),
        amount=st.sampled_from((Decimal("0.01"), Decimal("1000.00"))),
    ),
    st.just(CancelPayment()),
    st.builds(ParkCart, parked_at=st.just(PARKED_AT)),
    st.builds(ResumeCart, number=st.integers(min_value=-1, max_value=3)),
    st.builds(
        RefundItems,
        order_number=st.integers(min_value=0, max_value=2),
        lines=st.just((RefundLine(item_id="pen", quantity=1),)),
        reason=st.just("damaged"),
        method=st.just("cash"),
    ),
)


START = (AddItem(item_id="croissant", quantity=2), AddItem(item_id="beans", quantity=1))


@pytest.fixture(scope="module")
def coupons() -> CouponTable:
    return load_coupons((REPO / "resources" / "coupons.json").read_bytes())


@given(commands=st.lists(COMMANDS, max_size=25), start=st.booleans())
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_reason_the_decider_gives_is_a_template(
    marking: None, shop: Catalog, coupons: CouponTable, commands: list[Command], start: bool
) -> None:
    cart = Cart()
    for command in (*START, *commands) if start else commands:
        for fact in decide(cart, command, shop, coupons):
            if isinstance(fact, CommandRejected):
                # a quantity too big to print is said in words, translated in its turn
                inner = fact.reason.replace(reasons.HUGE_NUMBER, f"«{reasons.HUGE_NUMBER}»")
                assert reasons.reason_text(fact.reason) == f"«{inner}»", fact.reason
            cart = apply(cart, fact)
