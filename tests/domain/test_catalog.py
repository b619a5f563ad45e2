"""The catalog: the shipped catalog.json loads, and bad catalogs are refused with a reason."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from cartapp.domain.catalog import Catalog, Product

__all__: list[str] = []


# -- the shipped catalog ---------------------------------------------------------------------


def test_real_catalog_is_big_enough(real_catalog: Catalog) -> None:
    assert len(real_catalog) >= 40
    assert len(real_catalog.categories) >= 5


def test_real_catalog_ids_and_skus_are_unique(real_catalog: Catalog) -> None:
    ids = [p.id for p in real_catalog]
    skus = [p.sku for p in real_catalog]
    assert len(set(ids)) == len(ids)
    assert len(set(skus)) == len(skus)


def test_real_catalog_prices_are_plausible(real_catalog: Catalog) -> None:
    for p in real_catalog:
        assert Decimal("0.10") <= p.unit_price <= Decimal("2000"), p.id
        assert p.unit_price == p.unit_price.quantize(Decimal("0.01")), p.id
        assert 0 <= p.stock <= 10_000, p.id
        assert p.tax_rate in (Decimal("0"), Decimal("0.07"), Decimal("0.19")), p.id
    # a shop has something in stock and, for the UI's sake, something sold out
    assert sum(1 for p in real_catalog if p.stock > 0) >= 30


def test_real_catalog_lookup(real_catalog: Catalog) -> None:
    first = real_catalog.products[0]
    assert real_catalog.get(first.id) is first
    assert real_catalog[first.id] is first
    assert real_catalog.get("no-such-product") is None
    with pytest.raises(KeyError):
        real_catalog["no-such-product"]
    assert list(real_catalog) == list(real_catalog.products)
    assert real_catalog.currency == "EUR"


def test_categories_keep_order_of_first_appearance(real_catalog: Catalog) -> None:
    seen: list[str] = []
    for p in real_catalog:
        if p.category not in seen:
            seen.append(p.category)
    assert real_catalog.categories == tuple(seen)


# -- bad catalogs ----------------------------------------------------------------------------


def _product(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "espresso-beans",
        "sku": "COF-001",
        "name": "Espresso beans 1 kg",
        "category": "Coffee & Tea",
        "unit_price": "18.90",
        "stock": 25,
        "tax_rate": "0.07",
        "icon": "coffee.svg",
    }
    data.update(changes)
    return data


def _load(*products: dict[str, Any], **top: Any) -> Catalog:
    return Catalog.from_json(json.dumps({"currency": "EUR", "products": list(products), **top}))


def _reason(*products: dict[str, Any], **top: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        _load(*products, **top)
    return str(caught.value)


def test_a_minimal_catalog_loads() -> None:
    catalog = _load(_product(), _product(id="tea", sku="TEA-1"))
    assert [p.id for p in catalog] == ["espresso-beans", "tea"]
    assert catalog["tea"].unit_price == Decimal("18.90")


def test_duplicate_id_is_rejected() -> None:
    reason = _reason(_product(), _product(sku="COF-002"))
    assert "duplicate product id 'espresso-beans'" in reason


def test_duplicate_sku_is_rejected() -> None:
    reason = _reason(_product(), _product(id="other"))
    assert "duplicate sku 'COF-001'" in reason


@pytest.mark.parametrize("price", [18.9, 18.0])
def test_float_price_is_rejected(price: float) -> None:
    reason = _reason(_product(unit_price=price))
    assert "unit_price" in reason
    assert "not float" in reason


@pytest.mark.parametrize(
    ("price", "words"),
    [
        ("-1.00", "negative"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("1.999", "more than two decimal places"),
    ],
)
def test_bad_price_is_rejected(price: str, words: str) -> None:
    assert words in _reason(_product(unit_price=price))


@pytest.mark.parametrize("name", ["Beans\x00", "Beans\nfresh", "Be\x1bans", "\u202eBeans", "A\x7f"])
def test_control_characters_in_a_name_are_rejected(name: str) -> None:
    reason = _reason(_product(name=name))
    assert "name" in reason
    assert "control character" in reason


def test_oversized_name_is_rejected() -> None:
    assert "at most 200 characters" in _reason(_product(name="x" * 201))
    assert _load(_product(name="x" * 200)).products[0].name == "x" * 200


def test_empty_name_is_rejected() -> None:
    assert "at least 1 character" in _reason(_product(name=""))


def test_unknown_field_is_rejected() -> None:
    reason = _reason(_product(colour="brown"))
    assert "colour" in reason
    assert "Extra inputs are not permitted" in reason


def test_unknown_top_level_field_is_rejected() -> None:
    assert "shop_name" in _reason(_product(), shop_name="x")


def test_missing_field_is_rejected() -> None:
    data = _product()
    del data["stock"]
    assert "stock" in _reason(data)


@pytest.mark.parametrize(
    ("stock", "words"),
    [
        (-1, "greater than or equal to 0"),
        (True, "valid integer"),
        ("5", "valid integer"),
        (2.0, "valid integer"),
    ],
)
def test_bad_stock_is_rejected(stock: object, words: str) -> None:
    assert words in _reason(_product(stock=stock))


@pytest.mark.parametrize("item_id", ["Espresso", "a b", "x" * 65, "", "-lead", "caf\u00e9"])
def test_bad_product_id_is_rejected(item_id: str) -> None:
    assert "id" in _reason(_product(id=item_id))


@pytest.mark.parametrize("icon", ["../etc/passwd.svg", "coffee.exe", "a/b.svg", ""])
def test_bad_icon_is_rejected(icon: str) -> None:
    assert "icon" in _reason(_product(icon=icon))


def test_bad_currency_is_rejected() -> None:
    assert "currency" in _reason(_product(), currency="euro")


def test_malformed_json_is_rejected() -> None:
    with pytest.raises(ValidationError, match="Invalid JSON"):
        Catalog.from_json('{"products": [')


def test_products_are_immutable() -> None:
    product = _load(_product()).products[0]
    with pytest.raises(ValidationError):
        product.stock = 3  # type: ignore[misc]
    assert isinstance(product, Product)


def test_lookup_follows_a_copied_catalog(real_catalog: Catalog) -> None:
    restocked = tuple(p.model_copy(update={"stock": 0}) for p in real_catalog.products)
    copy = real_catalog.model_copy(update={"products": restocked})
    first = real_catalog.products[0]
    # the copy's index must not be the original's (model_copy copies the instance dict)
    assert copy.get(first.id) is copy.products[0]
    assert copy[first.id].stock == 0
    assert real_catalog[first.id] is first
