"""What each fact means for stock, checked against folding the cart."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import AddItem, ClearCart, ItemAdded, ItemUpdated, RemoveItem, UpdateItem
from cartapp.domain.stock import stock_taken


def test_each_fact_takes_or_gives_back_what_it_says() -> None:
    added = ItemAdded(
        item_id="rye", name="Rye", unit_price=Decimal("2.00"), tax_rate=Decimal("0.07"), quantity=3
    )
    raised = ItemUpdated(item_id="rye", name="Rye", quantity=5, previous_quantity=3)
    lowered = ItemUpdated(item_id="oat", name="Oat", quantity=1, previous_quantity=4)
    assert stock_taken([added, raised]) == {"rye": 5}
    assert stock_taken([lowered]) == {"oat": -3}
    assert stock_taken(
        [added, ItemUpdated(item_id="rye", name="Rye", quantity=1, previous_quantity=3)]
    ) == {"rye": 1}


_commands = st.lists(
    st.one_of(
        st.builds(AddItem, item_id=st.sampled_from(["a", "b"]), quantity=st.integers(1, 5)),
        st.builds(RemoveItem, item_id=st.sampled_from(["a", "b"]), quantity=st.integers(1, 5)),
        st.builds(UpdateItem, item_id=st.sampled_from(["a", "b"]), quantity=st.integers(0, 5)),
        st.just(ClearCart()),
    ),
    max_size=30,
)

_CATALOG = Catalog.model_validate(
    {
        "products": [
            {
                "id": p,
                "sku": p.upper(),
                "name": p,
                "category": "c",
                "unit_price": "1.00",
                "stock": 12,
                "tax_rate": "0.07",
                "icon": "x.svg",
            }
            for p in ("a", "b")
        ]
    }
)


@given(_commands)
def test_the_stock_a_cart_holds_is_the_sum_of_what_its_facts_took(commands: list) -> None:
    cart, held = Cart(), {"a": 0, "b": 0}
    for command in commands:
        facts = decide(cart, command, _CATALOG)
        for item, units in stock_taken(facts).items():
            held[item] += units
        cart = apply_all(cart, facts)
        assert held == {item: cart.quantity_of(item) for item in held}
