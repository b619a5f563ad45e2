"""The cart before and after a message as a tree of differences (``state_diff``).

``state_diff(before, after, stock)`` compares two carts and returns the root ``DiffNode`` of a
tree with four sections, always in this order:

- ``lines``: one node per product in either cart (the after cart's order, then the lines that
  left), each with its quantity, unit price, own discount and line total (every discount
  counted);
- ``discounts``: the order discount and each coupon in either cart, with its rule and what it
  takes off;
- ``totals``: items, subtotal, discount, tax, total and what the tenders have paid;
- ``stock``: each product in either cart or whose stock numbers changed: units in the cart, held
  by parked carts, sold, and, when the catalog's ``stock`` is given, how many are left.

A node says what it is (``kind``, a key of ``LABELS``; ``name``: a product name or coupon code,
shown as it is), its value before and after as text (None: it did not exist on that side), and
how it changed (``change``: "added", "removed", "changed" or "same"). A branch changed when any
node below it did. The tree is pure data: ``cartapp.qt.models.state_diff`` shows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from cartapp.domain.money import Money

if TYPE_CHECKING:
    from cartapp.domain.cart import Cart, Discount, OrderDiscount, PricedLine

__all__ = ["LABELS", "Change", "DiffNode", "state_diff"]

Change = Literal["added", "removed", "changed", "same"]

LABELS: dict[str, str] = {
    "cart": "Cart",
    "lines": "Lines",
    "line": "%1",
    "quantity": "Quantity",
    "unit_price": "Unit price",
    "tax_rate": "Tax rate",
    "line_discount": "Line discount",
    "line_total": "Line total",
    "discounts": "Discounts",
    "order_discount": "Order discount",
    "coupon": "Coupon %1",
    "rule": "Rule",
    "off": "Takes off",
    "totals": "Totals",
    "items": "Items",
    "subtotal": "Subtotal",
    "discount": "Discount",
    "tax": "Tax",
    "total": "Total",
    "paid": "Paid",
    "stock": "Stock",
    "product": "%1",
    "in_cart": "In the cart",
    "held": "Held by parked carts",
    "sold": "Sold",
    "left": "Left in stock",
}
"""What each ``kind`` is called, in English (``%1``: the node's ``name``)."""


@dataclass(frozen=True, slots=True)
class DiffNode:
    """One node of the tree: see the module docstring."""

    kind: str
    before: str | None
    after: str | None
    change: Change
    children: tuple[DiffNode, ...] = ()
    name: str = ""

    @property
    def label(self) -> str:
        """What the node is called, in English ("Quantity", "Coupon SPRING10")."""
        return LABELS[self.kind].replace("%1", self.name)

    def child(self, kind: str, name: str = "") -> DiffNode | None:
        return next((c for c in self.children if c.kind == kind and c.name == name), None)

    def walk(self, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], DiffNode]]:
        """Every node below and including this one, depth first, with its path of labels."""
        here = (*path, self.label)
        yield here, self
        for child in self.children:
            yield from child.walk(here)

    def changes(self) -> list[tuple[tuple[str, ...], str | None, str | None]]:
        """``(path, before, after)`` of every leaf that differs, in tree order."""
        return [
            (path, node.before, node.after)
            for path, node in self.walk()
            if not node.children and node.change != "same"
        ]


def _leaf(kind: str, before: str | None, after: str | None) -> DiffNode:
    if before == after:
        change: Change = "same"
    elif before is None:
        change = "added"
    elif after is None:
        change = "removed"
    else:
        change = "changed"
    return DiffNode(kind, before, after, change)


def _branch(
    kind: str,
    children: tuple[DiffNode, ...],
    before: str | None,
    after: str | None,
    *,
    present: tuple[bool, bool] = (True, True),
    name: str = "",
) -> DiffNode:
    """A node over ``children``; ``present`` says whether the thing existed before and after."""
    if not present[0] and present[1]:
        change: Change = "added"
    elif present[0] and not present[1]:
        change = "removed"
    elif before != after or any(c.change != "same" for c in children):
        change = "changed"
    else:
        change = "same"
    return DiffNode(kind, before, after, change, children, name)


class _Side:
    """What one cart says, formatted: priced lines, discounts' takings, totals."""

    def __init__(self, cart: Cart) -> None:
        self.cart = cart
        priced = cart.priced()
        self.lines: dict[str, PricedLine] = {p.line.item_id: p for p in priced.lines}
        self.discounts: dict[str, tuple[OrderDiscount, Decimal]] = {
            _discount_key(od): (od, off) for od, off in priced.order_discounts
        }

    def money(self, amount: Decimal) -> str:
        return Money(amount, self.cart.currency).format()

    def rule(self, discount: Discount | None) -> str:
        if discount is None:
            return "\u2014"
        if discount.percent is not None:
            return f"{discount.percent.normalize():f} %"
        return self.money(discount.amount or Decimal(0))

    def order_rule(self, od: OrderDiscount) -> str:
        """The discount and, if it has one, its minimum spend: "10 % (≥ €20.00)"."""
        text = self.rule(od.discount)
        if od.minimum_spend > 0:
            text += f" (≥ {self.money(od.minimum_spend)})"
        return text

    def numbers(self, item_id: str) -> tuple[int, int, int]:
        """Units of ``item_id`` in the cart, held by parked carts, and sold."""
        cart = self.cart
        return cart.quantity_of(item_id), cart.held_of(item_id), cart.sold_of(item_id)


def _discount_key(od: OrderDiscount) -> str:
    return "" if od.code is None else od.code


def _ordered(before: list[str], after: list[str]) -> list[str]:
    """``after``'s keys in its order, then the keys only ``before`` had."""
    seen = set(after)
    return after + [key for key in before if key not in seen]


def _line_value(side: _Side, priced: PricedLine | None, kind: str) -> str | None:
    if priced is None:
        return None
    line = priced.line
    if kind == "quantity":
        return str(line.quantity)
    if kind == "unit_price":
        return side.money(line.unit_price)
    if kind == "tax_rate":
        return f"{(line.tax_rate * 100).normalize():f} %"
    if kind == "line_discount":
        return side.rule(line.discount)
    return side.money(priced.total)


def _lines(a: _Side, b: _Side) -> DiffNode:
    children = []
    for item_id in _ordered(list(a.lines), list(b.lines)):
        old, new = a.lines.get(item_id), b.lines.get(item_id)
        shown = new if new is not None else old
        name = shown.line.name if shown is not None else item_id

        leaves = tuple(
            _leaf(kind, _line_value(a, old, kind), _line_value(b, new, kind))
            for kind in ("quantity", "unit_price", "tax_rate", "line_discount", "line_total")
        )
        children.append(
            _branch(
                "line",
                leaves,
                None if old is None else str(old.line.quantity),
                None if new is None else str(new.line.quantity),
                present=(old is not None, new is not None),
                name=name,
            )
        )
    return _branch("lines", tuple(children), str(len(a.lines)), str(len(b.lines)))


def _discounts(a: _Side, b: _Side) -> DiffNode:
    children = []
    for key in _ordered(list(a.discounts), list(b.discounts)):
        old, new = a.discounts.get(key), b.discounts.get(key)
        leaves = (
            _leaf(
                "rule",
                None if old is None else a.order_rule(old[0]),
                None if new is None else b.order_rule(new[0]),
            ),
            _leaf(
                "off",
                None if old is None else a.money(old[1]),
                None if new is None else b.money(new[1]),
            ),
        )
        children.append(
            _branch(
                "coupon" if key else "order_discount",
                leaves,
                leaves[1].before,
                leaves[1].after,
                present=(old is not None, new is not None),
                name=key,
            )
        )
    return _branch("discounts", tuple(children), str(len(a.discounts)), str(len(b.discounts)))


def _totals(a: _Side, b: _Side) -> DiffNode:
    ta, tb = a.cart.totals(), b.cart.totals()
    leaves = (
        _leaf("items", str(a.cart.item_count), str(b.cart.item_count)),
        _leaf("subtotal", ta.subtotal.format(), tb.subtotal.format()),
        _leaf("discount", ta.discount.format(), tb.discount.format()),
        _leaf("tax", ta.tax.format(), tb.tax.format()),
        _leaf("total", ta.total.format(), tb.total.format()),
        _leaf("paid", a.money(a.cart.paid), b.money(b.cart.paid)),
    )
    return _branch("totals", leaves, ta.total.format(), tb.total.format())


def _stock(
    a: _Side, b: _Side, stock: Mapping[str, int] | None, known: Mapping[str, str] | None
) -> DiffNode:
    names = dict(known or {})
    names |= {line.item_id: line.name for side in (a, b) for line in side.cart.lines}
    for side in (a, b):
        for parked in side.cart.parked:
            for line in parked.lines:
                names.setdefault(line.item_id, line.name)
    ids = list(dict.fromkeys([*b.lines, *a.lines]))
    others = {key for side in (a, b) for key, _ in side.cart.sold}
    others |= {line.item_id for side in (a, b) for p in side.cart.parked for line in p.lines}
    for item_id in sorted(others - set(ids)):
        ids.append(item_id)
    children = []
    for item_id in ids:
        old, new = a.numbers(item_id), b.numbers(item_id)
        in_cart = (old[0] or new[0]) > 0
        if not in_cart and old == new:
            continue  # neither cart has it and nothing moved: not this message's business
        leaves = [
            _leaf("in_cart", str(old[0]), str(new[0])),
            _leaf("held", str(old[1]), str(new[1])),
            _leaf("sold", str(old[2]), str(new[2])),
        ]
        if stock is not None and item_id in stock:
            leaves.append(
                _leaf(
                    "left",
                    str(max(0, stock[item_id] - sum(old))),
                    str(max(0, stock[item_id] - sum(new))),
                )
            )
        children.append(
            _branch("product", tuple(leaves), None, None, name=names.get(item_id, item_id))
        )
    return _branch("stock", tuple(children), None, None)


def state_diff(
    before: Cart,
    after: Cart,
    stock: Mapping[str, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> DiffNode:
    """The tree of differences from ``before`` to ``after`` (see the module docstring);
    ``stock``: the catalog's units per product id, for the "left in stock" figures; ``names``:
    product names by id, for products neither cart holds (sold or parked ones)."""
    a, b = _Side(before), _Side(after)
    sections = (_lines(a, b), _discounts(a, b), _totals(a, b), _stock(a, b, stock, names))
    return _branch("cart", sections, None, None)
