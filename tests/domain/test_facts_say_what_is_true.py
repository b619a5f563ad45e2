"""A fact says what is true of the cart it leaves behind, whatever the catalog says meanwhile."""

from __future__ import annotations

from decimal import Decimal

import hypothesis.strategies as st
from hypothesis import given, settings
from test_cart_machine import CATALOG

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply, decide
from cartapp.domain.events import AddItem, ItemAdded

__all__: list[str] = []

PRICES = st.sampled_from(["0.35", "1.15", "2.25", "9.99"]).map(Decimal)


def repriced(item_id: str, price: Decimal) -> Catalog:
    return CATALOG.model_copy(
        update={
            "products": tuple(
                p.model_copy(update={"unit_price": price}) if p.id == item_id else p
                for p in CATALOG.products
            )
        }
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["tea", "rice"]), PRICES, st.integers(1, 3)), max_size=8))
def test_every_item_added_carries_the_price_the_cart_charges(
    adds: list[tuple[str, Decimal, int]],
) -> None:
    cart = Cart()
    for item_id, price, quantity in adds:
        catalog = repriced(item_id, price)  # the price may change between two adds
        for fact in decide(cart, AddItem(item_id=item_id, quantity=quantity), catalog):
            cart = apply(cart, fact)
            if isinstance(fact, ItemAdded):
                line = cart.line(fact.item_id)
                assert line is not None
                assert (fact.name, fact.unit_price, fact.tax_rate) == (
                    line.name,
                    line.unit_price,
                    line.tax_rate,
                )
