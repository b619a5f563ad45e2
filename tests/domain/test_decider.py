"""decide() and apply() as stories: given these facts, when this command, then these facts.

Every rejection also checks that the cart after the rejection is the cart before it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog, Product
from cartapp.domain.decider import MAX_LINE_QUANTITY, apply, apply_all, available, decide
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
    LineSnapshot,
    RemoveItem,
    UpdateItem,
)

__all__: list[str] = []


def added(shop: Catalog, item_id: str, quantity: int) -> ItemAdded:
    p = shop[item_id]
    return ItemAdded(
        item_id=p.id, name=p.name, unit_price=p.unit_price, tax_rate=p.tax_rate, quantity=quantity
    )


def snap(shop: Catalog, item_id: str, quantity: int) -> LineSnapshot:
    p = shop[item_id]
    return LineSnapshot(
        item_id=p.id, name=p.name, unit_price=p.unit_price, tax_rate=p.tax_rate, quantity=quantity
    )


def when(shop: Catalog, given: list[Fact], command: Command) -> tuple[list[Fact], Cart, Cart]:
    """Run one story step: (facts decided, cart before, cart after applying them)."""
    before = apply_all(Cart(), given)
    facts = decide(before, command, shop)
    return facts, before, apply_all(before, facts)


def rejected(shop: Catalog, given: list[Fact], command: Command) -> str:
    """Assert ``command`` is rejected and changes nothing; return the reason."""
    facts, before, after = when(shop, given, command)
    assert len(facts) == 1, facts
    fact = facts[0]
    assert isinstance(fact, CommandRejected), fact
    assert fact.command == type(command).__name__
    assert after is before
    assert after.version == before.version
    assert "\n" not in fact.reason and 0 < len(fact.reason) <= 200
    return fact.reason


# -- AddItem ---------------------------------------------------------------------------------


def test_add_to_an_empty_cart(shop: Catalog) -> None:
    facts, _, cart = when(shop, [], AddItem(item_id="beans", quantity=2))
    assert facts == [added(shop, "beans", 2)]
    assert cart.quantity_of("beans") == 2
    line = cart.line("beans")
    assert line is not None
    assert (line.name, line.unit_price, line.tax_rate) == (
        "Espresso beans",
        Decimal("18.90"),
        Decimal("0.07"),
    )
    assert cart.version == 1


def test_add_more_of_a_product_grows_its_line(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "beans", 2), added(shop, "soap", 1)]
    facts, _, cart = when(shop, given, AddItem(item_id="beans", quantity=3))
    assert facts == [added(shop, "beans", 3)]
    assert [(line.item_id, line.quantity) for line in cart] == [("beans", 5), ("soap", 1)]


def test_add_up_to_exactly_the_stock(shop: Catalog) -> None:
    facts, _, cart = when(shop, [added(shop, "pen", 1)], AddItem(item_id="pen", quantity=2))
    assert facts == [added(shop, "pen", 2)]
    assert available(cart, shop["pen"]) == 0


def test_add_up_to_exactly_the_cap(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "garlic", 90)]
    facts, _, cart = when(shop, given, AddItem(item_id="garlic", quantity=9))
    assert facts == [added(shop, "garlic", 9)]
    assert cart.quantity_of("garlic") == MAX_LINE_QUANTITY


def test_add_unknown_item_is_rejected(shop: Catalog) -> None:
    assert rejected(shop, [], AddItem(item_id="ghost", quantity=1)) == "unknown product 'ghost'"


@pytest.mark.parametrize("quantity", [0, -1, -(10**12 - 1)])
def test_add_quantity_below_one_is_rejected(shop: Catalog, quantity: int) -> None:
    reason = rejected(shop, [], AddItem(item_id="beans", quantity=quantity))
    assert reason.startswith("quantity must be at least 1")


def test_add_above_the_cap_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [], AddItem(item_id="garlic", quantity=100))
    assert reason == "quantity must be at most 99 (got 100)"


def test_add_a_huge_quantity_is_rejected_without_printing_it(shop: Catalog) -> None:
    reason = rejected(shop, [], AddItem(item_id="garlic", quantity=10**12 - 1))
    assert reason == "quantity must be at most 99 (got a huge number)"


@pytest.mark.parametrize(
    "quantity",
    [-(10**40), -(10**5000), 10**5000, 10**12],
    ids=["-1e40", "-1e5000", "1e5000", "1e12"],
)
@pytest.mark.parametrize("command_type", [AddItem, RemoveItem, UpdateItem])
def test_a_quantity_too_large_to_store_is_refused_when_the_command_is_built(
    command_type: type[AddItem], quantity: int
) -> None:
    # a 5,000-digit int would be stored and then could not be read back (int_max_str_digits)
    with pytest.raises(ValidationError):
        command_type(item_id="garlic", quantity=quantity)


@pytest.mark.parametrize("quantity", [-(10**12 - 1), 10**12 - 1], ids=["-max", "max"])
@pytest.mark.parametrize("command_type", [AddItem, RemoveItem, UpdateItem])
def test_a_giant_quantity_of_any_sign_is_a_short_rejection(
    shop: Catalog, command_type: type[AddItem], quantity: int
) -> None:
    # a 5,000-digit int cannot even be turned into text (Python's int_max_str_digits guard)
    given: list[Fact] = [added(shop, "garlic", 2)]
    reason = rejected(shop, given, command_type(item_id="garlic", quantity=quantity))
    assert "(got a huge number)" in reason or reason == "only 2 x Garlic in the cart"


def test_add_that_would_push_a_line_over_the_cap_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "garlic", 95)], AddItem(item_id="garlic", quantity=5))
    assert reason == "at most 99 x Garlic per cart (95 already in the cart)"


def test_add_above_stock_is_rejected(shop: Catalog) -> None:
    assert rejected(shop, [], AddItem(item_id="pen", quantity=4)) == (
        "only 3 Fountain pen left in stock"
    )


def test_add_above_stock_counts_what_is_in_the_cart(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "pen", 2)], AddItem(item_id="pen", quantity=2))
    assert reason == "only 1 more Fountain pen in stock (2 already in the cart)"


def test_add_when_the_cart_holds_all_the_stock_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "pen", 3)], AddItem(item_id="pen", quantity=1))
    assert reason == "no more Fountain pen in stock (3 already in the cart)"


def test_add_out_of_stock_is_rejected(shop: Catalog) -> None:
    assert rejected(shop, [], AddItem(item_id="tea", quantity=1)) == "Chamomile tea is out of stock"


def test_add_counts_what_earlier_orders_sold(shop: Catalog) -> None:
    sold = CheckedOut(
        order_number=1,
        currency="EUR",
        lines=(snap(shop, "pen", 2),),
        subtotal=Decimal("59.00"),
        tax=Decimal("11.21"),
        total=Decimal("70.21"),
    )
    given: list[Fact] = [added(shop, "pen", 2), sold]
    assert rejected(shop, given, AddItem(item_id="pen", quantity=2)) == (
        "only 1 Fountain pen left in stock"
    )
    facts, _, _ = when(shop, given, AddItem(item_id="pen", quantity=1))
    assert facts == [added(shop, "pen", 1)]


def test_a_rejection_deep_in_a_long_name_stays_a_readable_fact() -> None:
    long_name = "Extraordinarily " * 12  # 192 characters: a valid name
    catalog = Catalog(
        products=(
            {
                "id": "long",
                "sku": "LONG-1",
                "name": long_name.strip(),
                "category": "Test",
                "unit_price": "1.00",
                "stock": 1,
                "tax_rate": "0.07",
                "icon": "x.svg",
            },
        )  # type: ignore[arg-type]
    )
    cart = apply_all(Cart(), decide(Cart(), AddItem(item_id="long", quantity=1), catalog))
    for command in (AddItem(item_id="long", quantity=1), UpdateItem(item_id="long", quantity=5)):
        facts = decide(cart, command, catalog)
        assert len(facts) == 1 and isinstance(facts[0], CommandRejected)
        assert len(facts[0].reason) <= 200
        assert facts[0].reason.startswith(("no more Extraordinarily", "only 1 Extraordinarily"))


# -- an order's total must stay a valid amount ----------------------------------------------


@pytest.fixture
def showroom() -> Catalog:
    return Catalog(
        products=tuple(
            Product(
                id=item_id,
                sku=item_id.upper(),
                name=item_id.title(),
                category="Test",
                unit_price=price,
                stock=5,
                tax_rate="0.19",
                icon="x.svg",
            )
            for item_id, price in (("car", "600000.00"), ("boat", "200000.00"))
        )
    )


def test_add_that_would_make_the_total_too_big_is_rejected(showroom: Catalog) -> None:
    # 2 x 600,000.00 = 1,200,000.00 + 19 % tax 228,000.00 = 1,428,000.00: not a valid amount
    reason = rejected(showroom, [], AddItem(item_id="car", quantity=2))
    assert reason == (
        "the cart total would be 1,428,000.00 EUR; an order must stay below 1,000,000 EUR"
    )
    # 600,000.00 + 114,000.00 tax = 714,000.00, then a boat: + 238,000.00 = 952,000.00
    facts, _, cart = when(showroom, [], AddItem(item_id="car", quantity=1))
    facts, _, cart = when(showroom, facts, AddItem(item_id="boat", quantity=1))
    assert cart.totals().total.amount == Decimal("952000.00")
    # a second boat would make it 1,190,000.00
    given = [added(showroom, "car", 1), added(showroom, "boat", 1)]
    assert "1,190,000.00 EUR" in rejected(showroom, given, AddItem(item_id="boat", quantity=1))


def test_update_that_would_make_the_total_too_big_is_rejected(showroom: Catalog) -> None:
    reason = rejected(showroom, [added(showroom, "car", 1)], UpdateItem(item_id="car", quantity=2))
    assert reason.startswith("the cart total would be 1,428,000.00 EUR")


def test_checkout_of_a_cart_too_big_to_be_an_order_is_rejected(showroom: Catalog) -> None:
    # only a cart put together without decide() can get here; it must still not raise
    cart = apply_all(Cart(), [added(showroom, "car", 1), added(showroom, "car", 1)])
    facts = decide(cart, Checkout(), showroom)
    assert facts == [
        CommandRejected(
            command="Checkout",
            reason="the cart total is 1,428,000.00 EUR; an order must stay below 1,000,000 EUR",
        )
    ]


# -- the boundary: commands that cannot even be built -----------------------------------------


@pytest.mark.parametrize("command_type", [AddItem, RemoveItem, UpdateItem])
@pytest.mark.parametrize("quantity", [True, False, "2", 2.0, None, Decimal("2"), [2]])
def test_a_quantity_that_is_not_an_int_is_a_validation_error(
    command_type: type[Command], quantity: object
) -> None:
    with pytest.raises(ValidationError) as caught:
        command_type(item_id="beans", quantity=quantity)
    assert caught.value.errors()[0]["loc"] == ("quantity",)
    assert "valid integer" in str(caught.value)


@pytest.mark.parametrize("command_type", [AddItem, RemoveItem, UpdateItem])
@pytest.mark.parametrize(
    ("item_id", "words"),
    [
        ("x" * 65, "at most 64 characters"),
        ("", "at least 1 character"),
        ("beans\x00", "should match pattern"),
        ("beans\n", "should match pattern"),
        ("\x1b[31mbeans", "should match pattern"),
        ("be\u200bans", "should match pattern"),
        ("Beans", "should match pattern"),
        ("../beans", "should match pattern"),
    ],
)
def test_a_bad_item_id_is_a_validation_error(
    command_type: type[Command], item_id: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        command_type(item_id=item_id, quantity=1)
    assert caught.value.errors()[0]["loc"] == ("item_id",)
    assert words in str(caught.value)


def test_commands_are_frozen_and_forbid_extra_fields() -> None:
    command = AddItem(item_id="beans", quantity=1)
    with pytest.raises(ValidationError):
        command.quantity = 5  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        AddItem(item_id="beans", quantity=1, price="0.01")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        ClearCart(everything=True)  # type: ignore[call-arg]


# -- RemoveItem ------------------------------------------------------------------------------


def test_remove_part_of_a_line(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "beans", 5)]
    facts, _, cart = when(shop, given, RemoveItem(item_id="beans", quantity=2))
    assert facts == [ItemRemoved(item_id="beans", name="Espresso beans", quantity=2)]
    assert cart.quantity_of("beans") == 3


def test_remove_a_whole_line(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "beans", 2), added(shop, "soap", 1)]
    facts, _, cart = when(shop, given, RemoveItem(item_id="beans", quantity=2))
    assert facts == [ItemRemoved(item_id="beans", name="Espresso beans", quantity=2)]
    assert cart.line("beans") is None
    assert [line.item_id for line in cart] == ["soap"]


def test_remove_what_is_not_in_the_cart_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "soap", 1)], RemoveItem(item_id="beans", quantity=1))
    assert reason == "'beans' is not in the cart"


@pytest.mark.parametrize("quantity", [0, -3])
def test_remove_quantity_below_one_is_rejected(shop: Catalog, quantity: int) -> None:
    reason = rejected(
        shop, [added(shop, "beans", 2)], RemoveItem(item_id="beans", quantity=quantity)
    )
    assert reason == f"quantity must be at least 1 (got {quantity})"


def test_remove_more_than_the_line_holds_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "beans", 2)], RemoveItem(item_id="beans", quantity=3))
    assert reason == "only 2 x Espresso beans in the cart"


# -- UpdateItem ------------------------------------------------------------------------------


def test_update_to_a_lower_quantity(shop: Catalog) -> None:
    facts, _, cart = when(shop, [added(shop, "soap", 4)], UpdateItem(item_id="soap", quantity=1))
    assert facts == [ItemUpdated(item_id="soap", name="Dish soap", quantity=1, previous_quantity=4)]
    assert cart.quantity_of("soap") == 1


def test_update_to_a_higher_quantity_within_stock(shop: Catalog) -> None:
    facts, _, cart = when(shop, [added(shop, "pen", 1)], UpdateItem(item_id="pen", quantity=3))
    assert facts == [
        ItemUpdated(item_id="pen", name="Fountain pen", quantity=3, previous_quantity=1)
    ]
    assert cart.quantity_of("pen") == 3


def test_update_to_the_same_quantity_decides_nothing(shop: Catalog) -> None:
    facts, before, after = when(
        shop, [added(shop, "soap", 4)], UpdateItem(item_id="soap", quantity=4)
    )
    assert facts == []
    assert after is before


def test_update_what_is_not_in_the_cart_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [], UpdateItem(item_id="soap", quantity=1))
    assert reason == "'soap' is not in the cart"


@pytest.mark.parametrize("quantity", [0, -1])
def test_update_to_below_one_is_rejected_with_a_hint(shop: Catalog, quantity: int) -> None:
    reason = rejected(shop, [added(shop, "soap", 2)], UpdateItem(item_id="soap", quantity=quantity))
    assert reason == (
        f"quantity of Dish soap must be at least 1 (got {quantity}); "
        "use Remove to take it out of the cart"
    )


def test_update_above_the_cap_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "garlic", 2)], UpdateItem(item_id="garlic", quantity=100))
    assert reason == "quantity of Garlic must be at most 99 (got 100)"


def test_update_above_stock_is_rejected(shop: Catalog) -> None:
    reason = rejected(shop, [added(shop, "pen", 1)], UpdateItem(item_id="pen", quantity=4))
    assert reason == "only 3 Fountain pen in stock"


# -- ClearCart -------------------------------------------------------------------------------


def test_clear_the_cart(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "beans", 2), added(shop, "soap", 1)]
    facts, before, cart = when(shop, given, ClearCart())
    assert facts == [CartCleared(lines=(snap(shop, "beans", 2), snap(shop, "soap", 1)))]
    assert cart.lines == ()
    assert cart.sold == before.sold and cart.orders == 0


def test_clear_an_empty_cart_is_rejected(shop: Catalog) -> None:
    assert rejected(shop, [], ClearCart()) == "the cart is already empty"


def test_clearing_returns_the_stock(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "pen", 3), CartCleared(lines=(snap(shop, "pen", 3),))]
    facts, _, _ = when(shop, given, AddItem(item_id="pen", quantity=3))
    assert facts == [added(shop, "pen", 3)]


# -- Checkout --------------------------------------------------------------------------------


def test_checkout(shop: Catalog) -> None:
    given: list[Fact] = [added(shop, "beans", 2), added(shop, "pen", 1)]
    facts, before, cart = when(shop, given, Checkout())
    # beans: 2 x 18.90 = 37.80, tax 37.80 x 0.07 = 2.646 -> 2.65
    # pen:   1 x 29.50 = 29.50, tax 29.50 x 0.19 = 5.605 -> 5.61
    # subtotal 67.30, tax 8.26, total 75.56
    assert facts == [
        CheckedOut(
            order_number=1,
            currency="EUR",
            lines=(snap(shop, "beans", 2), snap(shop, "pen", 1)),
            subtotal=Decimal("67.30"),
            tax=Decimal("8.26"),
            total=Decimal("75.56"),
        )
    ]
    assert cart.lines == ()
    assert cart.orders == 1
    assert cart.sold_of("beans") == 2 and cart.sold_of("pen") == 1
    assert available(cart, shop["pen"]) == 2
    assert available(before, shop["pen"]) == 2  # in the cart counts as taken too


def test_checkout_increments_orders_and_reduces_stock(shop: Catalog) -> None:
    cart = Cart()
    for order in (1, 2):
        cart = apply_all(cart, decide(cart, AddItem(item_id="pen", quantity=1), shop))
        cart = apply_all(cart, decide(cart, AddItem(item_id="beans", quantity=10), shop))
        facts = decide(cart, Checkout(), shop)
        assert isinstance(facts[0], CheckedOut) and facts[0].order_number == order
        cart = apply_all(cart, facts)
        assert cart.orders == order
    assert cart.sold_of("pen") == 2 and cart.sold_of("beans") == 20
    assert available(cart, shop["pen"]) == 1
    assert available(cart, shop["beans"]) == 5
    assert cart.sold == (("beans", 20), ("pen", 2))


def test_checkout_an_empty_cart_is_rejected(shop: Catalog) -> None:
    assert rejected(shop, [], Checkout()) == "cannot check out an empty cart"


# -- odds and ends ---------------------------------------------------------------------------


def test_an_unknown_command_is_rejected(shop: Catalog) -> None:
    class Teleport(Command):
        pass

    assert rejected(shop, [], Teleport()) == "unknown command Teleport"


def test_facts_that_change_nothing_return_the_same_cart(shop: Catalog) -> None:
    cart = apply(Cart(), added(shop, "beans", 1))
    for fact in (
        CommandRejected(command="AddItem", reason="no"),
        HandlerFailed(handler="h", message_type="AddItem", error_type="E", error="e"),
    ):
        assert apply(cart, fact) is cart


def test_version_counts_state_changing_facts(shop: Catalog) -> None:
    facts: list[Fact] = [
        added(shop, "beans", 1),
        CommandRejected(command="AddItem", reason="no"),
        ItemUpdated(item_id="beans", name="Espresso beans", quantity=4, previous_quantity=1),
        ItemRemoved(item_id="beans", name="Espresso beans", quantity=1),
    ]
    cart = apply_all(Cart(), facts)
    assert cart.version == 3
    assert cart.quantity_of("beans") == 3


def test_the_cart_is_immutable(shop: Catalog) -> None:
    cart = apply(Cart(), added(shop, "beans", 1))
    with pytest.raises(AttributeError):
        cart.orders = 5  # type: ignore[misc]
    line = cart.line("beans")
    assert line is not None
    with pytest.raises(AttributeError):
        line.quantity = 5  # type: ignore[misc]
    again = apply(cart, added(shop, "beans", 1))
    assert cart.quantity_of("beans") == 1 and again.quantity_of("beans") == 2
