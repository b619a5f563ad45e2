"""Cart totals against carts computed by hand (tax is rounded half up once per line)."""

from __future__ import annotations

from decimal import Decimal

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import AddItem, Command
from cartapp.domain.money import Money

__all__: list[str] = []


def cart_of(shop: Catalog, *items: tuple[str, int]) -> Cart:
    cart = Cart()
    for item_id, quantity in items:
        command: Command = AddItem(item_id=item_id, quantity=quantity)
        cart = apply_all(cart, decide(cart, command, shop))
        assert cart.quantity_of(item_id) >= quantity, f"{item_id} was rejected"
    return cart


def amounts(cart: Cart) -> tuple[str, str, str]:
    t = cart.totals()
    return str(t.subtotal.amount), str(t.tax.amount), str(t.total.amount)


def test_empty_cart_totals_are_zero() -> None:
    assert amounts(Cart()) == ("0.00", "0.00", "0.00")
    assert Cart().totals().total == Money.zero()


def test_breakfast_cart(shop: Catalog) -> None:
    cart = cart_of(shop, ("beans", 2), ("croissant", 3))
    # beans:     2 x 18.90 = 37.80   tax 37.80 x 0.07 = 2.646  -> 2.65
    # croissant: 3 x  0.89 =  2.67   tax  2.67 x 0.07 = 0.1869 -> 0.19
    # subtotal 37.80 + 2.67 = 40.47; tax 2.65 + 0.19 = 2.84; total 43.31
    beans, croissant = cart.lines
    assert (beans.net, beans.tax, beans.total) == (
        Decimal("37.80"),
        Decimal("2.65"),
        Decimal("40.45"),
    )
    assert (croissant.net, croissant.tax) == (Decimal("2.67"), Decimal("0.19"))
    assert amounts(cart) == ("40.47", "2.84", "43.31")


def test_mixed_tax_rates_cart(shop: Catalog) -> None:
    cart = cart_of(shop, ("soap", 1), ("pen", 3))
    # soap: 1 x  1.95 =  1.95   tax  1.95 x 0.19 = 0.3705 -> 0.37
    # pen:  3 x 29.50 = 88.50   tax 88.50 x 0.19 = 16.815 -> 16.82 (exactly half: up)
    # subtotal 90.45; tax 0.37 + 16.82 = 17.19; total 107.64
    assert amounts(cart) == ("90.45", "17.19", "107.64")


def test_per_line_rounding_cart(shop: Catalog) -> None:
    cart = cart_of(shop, ("stamp", 1), ("card", 1))
    # stamp: 1 x 0.25 = 0.25   tax 0.25 x 0.10 = 0.025 -> 0.03 (half even would say 0.02)
    # card:  1 x 0.65 = 0.65   tax 0.65 x 0.10 = 0.065 -> 0.07 (half even would say 0.06)
    # subtotal 0.90; tax 0.03 + 0.07 = 0.10 (taxing the subtotal once would give 0.09);
    # total 1.00
    assert amounts(cart) == ("0.90", "0.10", "1.00")


def test_many_small_lines_cart(shop: Catalog) -> None:
    cart = cart_of(shop, ("garlic", 7), ("stamp", 3), ("croissant", 1), ("garlic", 5))
    # garlic:    12 x 0.39 = 4.68   tax 4.68 x 0.07 = 0.3276 -> 0.33
    # stamp:      3 x 0.25 = 0.75   tax 0.75 x 0.10 = 0.075  -> 0.08
    # croissant:  1 x 0.89 = 0.89   tax 0.89 x 0.07 = 0.0623 -> 0.06
    # subtotal 6.32; tax 0.47; total 6.79
    assert [line.quantity for line in cart] == [12, 3, 1]
    assert amounts(cart) == ("6.32", "0.47", "6.79")
    assert cart.item_count == 16


def test_totals_carry_the_cart_currency() -> None:
    totals = Cart(currency="USD").totals()
    assert {totals.subtotal.currency, totals.tax.currency, totals.total.currency} == {"USD"}


def test_prices_are_those_at_the_time_of_adding(shop: Catalog) -> None:
    cheaper = shop.model_copy(
        update={
            "products": tuple(
                p.model_copy(update={"unit_price": Decimal("10.00")}) if p.id == "beans" else p
                for p in shop.products
            )
        }
    )
    cart = cart_of(shop, ("beans", 1))
    cart = apply_all(cart, decide(cart, AddItem(item_id="beans", quantity=1), cheaper))
    # the line keeps the price it was first added at: 2 x 18.90 = 37.80
    assert cart.totals().subtotal.amount == Decimal("37.80")
