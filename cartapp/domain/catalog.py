"""Products and the catalog, validated by pydantic from the JSON text of ``catalog.json``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    model_validator,
)

from cartapp.domain.barcode import ScanError, check_ean13
from cartapp.domain.money import parse_price, parse_rate
from cartapp.domain.text import ItemIdStr, SafeText

__all__ = ["Catalog", "Price", "Product", "TaxRate"]


def _price(value: object) -> Decimal:
    return parse_price(value)


def _rate(value: object) -> Decimal:
    return parse_rate(value)


Price = Annotated[Decimal, BeforeValidator(_price)]
"""A price: text, int or Decimal (never float); finite, non-negative, two decimal places at most."""

TaxRate = Annotated[Decimal, BeforeValidator(_rate)]
"""A tax rate between 0 and 1 (0.07 means 7 %)."""


def _ean13(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("a barcode is written as text")
    try:
        return check_ean13(value)
    except ScanError as exc:
        raise ValueError(str(exc)) from None


Ean13 = Annotated[str, AfterValidator(_ean13)]
"""An EAN-13 code: 13 digits whose last is the right check digit."""


class Product(BaseModel):
    """One product of the catalog."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ItemIdStr
    sku: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9-]*$")]
    barcode: Ean13 | None = None
    name: SafeText
    category: SafeText
    unit_price: Price
    stock: Annotated[StrictInt, Field(ge=0, le=1_000_000)]
    tax_rate: TaxRate
    icon: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_-]+\.(svg|png)$")]


class Catalog(BaseModel):
    """All products, in display order, with a lookup by id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    products: tuple[Product, ...]

    @model_validator(mode="after")
    def _unique(self) -> Catalog:
        ids: set[str] = set()
        skus: set[str] = set()
        codes: set[str] = set()
        for product in self.products:
            if product.barcode is not None:
                if product.barcode in codes:
                    raise ValueError(f"duplicate barcode {product.barcode!r}")
                codes.add(product.barcode)
            if product.id in ids:
                raise ValueError(f"duplicate product id {product.id!r}")
            if product.sku in skus:
                raise ValueError(f"duplicate sku {product.sku!r}")
            ids.add(product.id)
            skus.add(product.sku)
        self._index()
        return self

    @classmethod
    def from_json(cls, text: str | bytes) -> Catalog:
        """Parse and validate catalog JSON; raises ``pydantic.ValidationError`` on bad data."""
        return cls.model_validate_json(text)

    def _index(self) -> dict[str, Product]:
        """The lookup by id, rebuilt when ``products`` is not the tuple it was built from
        (``model_copy(update=...)`` copies the instance dict, index included)."""
        cached: tuple[tuple[Product, ...], dict[str, Product]] | None = self.__dict__.get("_by_id")
        if cached is None or cached[0] is not self.products:
            cached = (self.products, {p.id: p for p in self.products})
            object.__setattr__(self, "_by_id", cached)
        return cached[1]

    def get(self, item_id: str) -> Product | None:
        return self._index().get(item_id)

    def by_barcode(self, code: str) -> Product | None:
        """The product with the EAN-13 ``code``, if one has it."""
        cached: tuple[tuple[Product, ...], dict[str, Product]] | None = self.__dict__.get(
            "_by_code"
        )
        if cached is None or cached[0] is not self.products:
            codes = {p.barcode: p for p in self.products if p.barcode is not None}
            cached = (self.products, codes)
            object.__setattr__(self, "_by_code", cached)
        return cached[1].get(code)

    def __getitem__(self, item_id: str) -> Product:
        product = self.get(item_id)
        if product is None:
            raise KeyError(item_id)
        return product

    def __iter__(self) -> Iterator[Product]:  # type: ignore[override]
        return iter(self.products)

    def __len__(self) -> int:
        return len(self.products)

    @property
    def categories(self) -> tuple[str, ...]:
        """Category names in order of first appearance."""
        return tuple(dict.fromkeys(p.category for p in self.products))
