"""The shop's subjects: every message names the till that wrote it in its subject.

One JetStream stream, ``SHOP``, holds everything under ``shop.>``:

- ``shop.stock.<SKU>.<till>``: a till's stock reservations and releases of one product. All tills
  contend for a product through the wildcard ``shop.stock.<SKU>.*``: a reservation is published
  with ``Nats-Expected-Last-Subject-Sequence`` checked against that wildcard, so it is stored only
  if nobody took stock of that product since the reservation read the level.
- ``shop.cart.<till>.<cart>``: the messages of a cart, written by the till that owns it. Ownership
  moves with a fact written under the new till's name, checked against ``shop.cart.*.<cart>``, so
  two tills never decide on one cart at once.

Product SKUs (``A-Z0-9-``) and till names (``a-z0-9-``) are valid subject tokens by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["STREAM", "SUBJECTS", "ShopSubjects", "till_of"]

STREAM = "SHOP"
SUBJECTS = "shop.>"
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


def _token(value: str, what: str) -> str:
    if not _TOKEN.fullmatch(value):
        raise ValueError(f"{value!r} cannot be a {what} in a shop subject")
    return value


def till_of(subject: str) -> str | None:
    """The till a subject says wrote it, or None for a subject that is not the shop's."""
    parts = subject.split(".")
    if len(parts) == 4 and parts[0] == "shop" and parts[1] == "stock":
        return parts[3]
    if len(parts) == 4 and parts[0] == "shop" and parts[1] == "cart":
        return parts[2]
    return None


@dataclass(frozen=True)
class ShopSubjects:
    """The subjects one till writes and the wildcards it contends on."""

    till: str

    def stock(self, sku: str) -> str:
        return f"shop.stock.{_token(sku, 'SKU')}.{self.till}"

    @staticmethod
    def stock_any(sku: str) -> str:
        return f"shop.stock.{_token(sku, 'SKU')}.*"

    def cart(self, cart: str) -> str:
        return f"shop.cart.{self.till}.{_token(cart, 'cart id')}"

    @staticmethod
    def cart_any(cart: str) -> str:
        return f"shop.cart.*.{_token(cart, 'cart id')}"

    def stock_wildcard_for_till(self) -> str:
        return f"shop.stock.*.{self.till}"

    def carts_wildcard_for_till(self) -> str:
        return f"shop.cart.{self.till}.*"
