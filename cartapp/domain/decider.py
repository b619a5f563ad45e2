"""``decide(cart, command, catalog) -> facts`` and ``apply(cart, fact) -> cart``: the pure core.

``decide`` never raises for a well-typed command: anything that does not make sense for the
current cart becomes one ``CommandRejected`` fact with a reason a person can read, and the cart
is unchanged.
``apply`` folds one fact into a new cart; rejections and failures leave the cart as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from cartapp.domain.cart import Cart, CartLine
from cartapp.domain.catalog import Catalog, Product
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    CheckedOut,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.money import MAX_AMOUNT
from cartapp.domain.text import MAX_TEXT

__all__ = [
    "MAX_LINE_QUANTITY",
    "apply",
    "apply_all",
    "available",
    "decide",
    "rejected",
    "snapshot",
]

MAX_LINE_QUANTITY = 99
"""The most of one product a single cart may hold."""


_LIMIT = f"{MAX_AMOUNT:,}"

_NAME_IN_REASON = 60
"""Product names are cut to this many characters inside a reason, so a reason always fits."""


def rejected(command: Command, reason: str) -> CommandRejected:
    """The fact that ``command`` was refused for ``reason`` (cut to the text limit)."""
    if len(reason) > MAX_TEXT:  # a last guard; _name() and _shown() keep reasons short
        reason = reason[: MAX_TEXT - 1] + "\u2026"
    return CommandRejected(command=type(command).__name__, reason=reason)


def _reject(command: Command, reason: str) -> list[Fact]:
    return [rejected(command, reason)]


def _name(name: str) -> str:
    """A product name as quoted in a reason: a valid 200-character name must not break it."""
    return name if len(name) <= _NAME_IN_REASON else name[: _NAME_IN_REASON - 1] + "\u2026"


def _shown(quantity: int) -> str:
    """A quantity as quoted in a reason (a 5,000-digit int cannot even be turned into text)."""
    return str(quantity) if -(10**9) < quantity < 10**9 else "a huge number"


def available(cart: Cart, product: Product) -> int:
    """How many more of ``product`` can go into the cart: stock less sold less in the cart."""
    return max(0, product.stock - cart.sold_of(product.id) - cart.quantity_of(product.id))


def _stock_reason(cart: Cart, product: Product, left: int) -> str:
    in_cart = cart.quantity_of(product.id)
    name = _name(product.name)
    if left <= 0:
        if in_cart:
            return f"no more {name} in stock ({in_cart} already in the cart)"
        return f"{name} is out of stock"
    if in_cart:
        return f"only {left} more {name} in stock ({in_cart} already in the cart)"
    return f"only {left} {name} left in stock"


def _check_quantity(quantity: int, what: str) -> str | None:
    if quantity <= 0:
        return f"{what} must be at least 1 (got {_shown(quantity)})"
    if quantity > MAX_LINE_QUANTITY:
        return f"{what} must be at most {MAX_LINE_QUANTITY} (got {_shown(quantity)})"
    return None


def _total_after(cart: Cart, line: CartLine) -> Decimal:
    """The cart's total if ``line`` replaced the cart's line of the same product."""
    old = cart.line(line.item_id)
    return cart.totals().total.amount - (old.total if old else Decimal(0)) + line.total


def _too_much(total: Decimal, currency: str, verb: str = "would be") -> str:
    # an order's totals travel as prices, which stay below MAX_AMOUNT (see money.parse_price)
    return (
        f"the cart total {verb} {total:,.2f} {currency}; "
        f"an order must stay below {_LIMIT} {currency}"
    )


def snapshot(line: CartLine) -> LineSnapshot:
    return LineSnapshot(
        item_id=line.item_id,
        name=line.name,
        unit_price=line.unit_price,
        tax_rate=line.tax_rate,
        quantity=line.quantity,
    )


def decide(cart: Cart, command: Command, catalog: Catalog) -> list[Fact]:
    """The facts that ``command`` causes on ``cart`` (never raises for a valid command)."""
    if isinstance(command, AddItem):
        product = catalog.get(command.item_id)
        if product is None:
            return _reject(command, f"unknown product '{command.item_id}'")
        problem = _check_quantity(command.quantity, "quantity")
        if problem:
            return _reject(command, problem)
        in_cart = cart.quantity_of(product.id)
        if in_cart + command.quantity > MAX_LINE_QUANTITY:
            return _reject(
                command,
                f"at most {MAX_LINE_QUANTITY} x {_name(product.name)} per cart "
                f"({in_cart} already in the cart)",
            )
        left = available(cart, product)
        if command.quantity > left:
            return _reject(command, _stock_reason(cart, product, left))
        # An existing line keeps the name, price and tax it was added at, and the fact says so:
        # it states what the cart charges, not what the catalog says today.
        base = cart.line(product.id)
        name = base.name if base else product.name
        unit_price = base.unit_price if base else product.unit_price
        tax_rate = base.tax_rate if base else product.tax_rate
        grown = CartLine(product.id, name, unit_price, tax_rate, in_cart + command.quantity)
        total = _total_after(cart, grown)
        if total >= MAX_AMOUNT:
            return _reject(command, _too_much(total, cart.currency))
        return [
            ItemAdded(
                item_id=product.id,
                name=name,
                unit_price=unit_price,
                tax_rate=tax_rate,
                quantity=command.quantity,
            )
        ]
    if isinstance(command, RemoveItem):
        line = cart.line(command.item_id)
        if line is None:
            return _reject(command, f"'{command.item_id}' is not in the cart")
        if command.quantity <= 0:
            return _reject(command, f"quantity must be at least 1 (got {_shown(command.quantity)})")
        if command.quantity > line.quantity:
            return _reject(command, f"only {line.quantity} x {_name(line.name)} in the cart")
        return [ItemRemoved(item_id=line.item_id, name=line.name, quantity=command.quantity)]
    if isinstance(command, UpdateItem):
        line = cart.line(command.item_id)
        if line is None:
            return _reject(command, f"'{command.item_id}' is not in the cart")
        problem = _check_quantity(command.quantity, f"quantity of {_name(line.name)}")
        if problem:
            if command.quantity <= 0:
                problem += "; use Remove to take it out of the cart"
            return _reject(command, problem)
        if command.quantity == line.quantity:
            return []
        product = catalog.get(line.item_id)
        if product is not None and command.quantity > line.quantity:
            left = available(cart, product)
            if command.quantity - line.quantity > left:
                most = line.quantity + left
                return _reject(command, f"only {most} {_name(product.name)} in stock")
        if command.quantity > line.quantity:
            total = _total_after(cart, replace(line, quantity=command.quantity))
            if total >= MAX_AMOUNT:
                return _reject(command, _too_much(total, cart.currency))
        return [
            ItemUpdated(
                item_id=line.item_id,
                name=line.name,
                quantity=command.quantity,
                previous_quantity=line.quantity,
            )
        ]
    if isinstance(command, ClearCart):
        if not cart.lines:
            return _reject(command, "the cart is already empty")
        return [CartCleared(lines=tuple(snapshot(line) for line in cart.lines))]
    if isinstance(command, Checkout):
        if not cart.lines:
            return _reject(command, "cannot check out an empty cart")
        totals = cart.totals()
        if totals.total.amount >= MAX_AMOUNT:  # only a cart built around decide() gets here
            return _reject(command, _too_much(totals.total.amount, cart.currency, "is"))
        return [
            CheckedOut(
                order_number=cart.orders + 1,
                currency=cart.currency,
                lines=tuple(snapshot(line) for line in cart.lines),
                subtotal=totals.subtotal.amount,
                tax=totals.tax.amount,
                total=totals.total.amount,
            )
        ]
    return _reject(command, f"unknown command {type(command).__name__}")


def _replace_line(cart: Cart, item_id: str, quantity: int) -> tuple[CartLine, ...]:
    out: list[CartLine] = []
    for line in cart.lines:
        if line.item_id != item_id:
            out.append(line)
        elif quantity > 0:
            out.append(CartLine(line.item_id, line.name, line.unit_price, line.tax_rate, quantity))
    return tuple(out)


def _add_sold(
    sold: Sequence[tuple[str, int]], lines: Iterable[LineSnapshot]
) -> tuple[tuple[str, int], ...]:
    merged = dict(sold)
    for line in lines:
        merged[line.item_id] = merged.get(line.item_id, 0) + line.quantity
    return tuple(sorted(merged.items()))


def apply(cart: Cart, fact: Fact) -> Cart:
    """The cart after ``fact``. Facts that change nothing return ``cart`` itself."""
    if isinstance(fact, ItemAdded):
        line = cart.line(fact.item_id)
        if line is None:
            new = CartLine(fact.item_id, fact.name, fact.unit_price, fact.tax_rate, fact.quantity)
            return cart.evolve(lines=(*cart.lines, new))
        return cart.evolve(lines=_replace_line(cart, fact.item_id, line.quantity + fact.quantity))
    if isinstance(fact, ItemRemoved):
        left = cart.quantity_of(fact.item_id) - fact.quantity
        return cart.evolve(lines=_replace_line(cart, fact.item_id, left))
    if isinstance(fact, ItemUpdated):
        return cart.evolve(lines=_replace_line(cart, fact.item_id, fact.quantity))
    if isinstance(fact, CartCleared):
        return cart.evolve(lines=())
    if isinstance(fact, CheckedOut):
        return cart.evolve(
            lines=(), sold=_add_sold(cart.sold, fact.lines), orders=fact.order_number
        )
    return cart


def apply_all(cart: Cart, facts: Iterable[Fact]) -> Cart:
    """Fold ``facts`` into ``cart`` in order."""
    for fact in facts:
        cart = apply(cart, fact)
    return cart
