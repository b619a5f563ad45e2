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

from cartapp.domain import reasons as R
from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount, ParkedCart
from cartapp.domain.catalog import Catalog, Product
from cartapp.domain.coupons import CouponTable
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
from cartapp.domain.handover import (
    HandOverParkedCart,
    ParkedCartHandedOver,
    ParkedCartTaken,
    TakeParkedCart,
)
from cartapp.domain.ledger import SaleSource
from cartapp.domain.money import MAX_AMOUNT, Money
from cartapp.domain.parking import (
    MAX_PARKED,
    CartParked,
    CartResumed,
    ParkCart,
    ParkedDiscount,
    ParkedLine,
    ResumeCart,
)
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CancelPayment,
    CouponApplied,
    DiscountApplied,
    DiscountRemoved,
    ItemsRefunded,
    PaymentCancelled,
    PaymentTaken,
    RefundedLine,
    RefundItems,
    RemoveDiscount,
    TakePayment,
    Tender,
)
from cartapp.domain.reasons import say
from cartapp.domain.text import MAX_TEXT

__all__ = [
    "MAX_LINE_QUANTITY",
    "apply",
    "apply_all",
    "available",
    "decide",
    "parked_of",
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
    return str(quantity) if -(10**9) < quantity < 10**9 else R.HUGE_NUMBER


def available(cart: Cart, product: Product) -> int:
    """How many more of ``product`` can go into the cart: stock less sold, less in the cart,
    less held by parked carts."""
    taken = cart.sold_of(product.id) + cart.quantity_of(product.id) + cart.held_of(product.id)
    return max(0, product.stock - taken)


def _stock_reason(cart: Cart, product: Product, left: int) -> str:
    in_cart = cart.quantity_of(product.id)
    name = _name(product.name)
    if left <= 0:
        if in_cart:
            return say(R.NO_MORE_IN_STOCK, name=name, in_cart=in_cart)
        return say(R.OUT_OF_STOCK, name=name)
    if in_cart:
        return say(R.ONLY_MORE_IN_STOCK, left=left, name=name, in_cart=in_cart)
    return say(R.ONLY_LEFT_IN_STOCK, left=left, name=name)


def _check_quantity(quantity: int, name: str | None = None) -> str | None:
    """Why ``quantity`` is not one a line may have (``name``: of that line), or None."""
    got = _shown(quantity)
    if quantity <= 0:
        if name is None:
            return say(R.QUANTITY_AT_LEAST_1, got=got)
        return say(R.LINE_AT_LEAST_1, name=name, got=got)
    if quantity > MAX_LINE_QUANTITY:
        if name is None:
            return say(R.QUANTITY_AT_MOST, most=MAX_LINE_QUANTITY, got=got)
        return say(R.LINE_AT_MOST, name=name, most=MAX_LINE_QUANTITY, got=got)
    return None


def _total_after(cart: Cart, line: CartLine) -> Decimal:
    """The cart's total, every discount counted, if ``line`` replaced the cart's line of the
    same product (or joined the cart)."""
    if cart.line(line.item_id) is None:
        lines = (*cart.lines, line)
    else:
        lines = tuple(line if old.item_id == line.item_id else old for old in cart.lines)
    return replace(cart, lines=lines, _index={}).totals().total.amount


def _too_much(total: Decimal, currency: str, now: bool = False) -> str:
    # an order's totals travel as prices, which stay below MAX_AMOUNT (see money.parse_price)
    template = R.TOTAL_IS if now else R.TOTAL_WOULD_BE
    return say(template, total=f"{total:,.2f}", currency=currency, limit=_LIMIT)


def snapshot(line: CartLine) -> LineSnapshot:
    return LineSnapshot(
        item_id=line.item_id,
        name=line.name,
        unit_price=line.unit_price,
        tax_rate=line.tax_rate,
        quantity=line.quantity,
    )


_LOCKED_BY_PAYMENT = (
    AddItem,
    RemoveItem,
    UpdateItem,
    ClearCart,
    ApplyDiscount,
    ApplyCoupon,
    RemoveDiscount,
    ParkCart,
    ResumeCart,
)
"""Commands that would change the cart, refused while a payment is in progress."""


def decide(
    cart: Cart,
    command: Command,
    catalog: Catalog,
    coupons: CouponTable | None = None,
    ledger: SaleSource | None = None,
) -> list[Fact]:
    """The facts that ``command`` causes on ``cart`` (never raises for a valid command).

    ``coupons`` is the table ``ApplyCoupon`` looks codes up in (None: no coupon is known);
    ``ledger`` is where ``RefundItems`` reads past orders (None: no past order is known).
    """
    if cart.tenders and isinstance(command, _LOCKED_BY_PAYMENT):
        due = Money(_due(cart), cart.currency).format()
        return _reject(command, say(R.PAYMENT_IN_PROGRESS, due=due))
    if isinstance(command, ApplyDiscount | ApplyCoupon | RemoveDiscount):
        return _decide_discount(cart, command, catalog, coupons)
    if isinstance(command, TakePayment | CancelPayment):
        return _decide_payment(cart, command)
    if isinstance(command, RefundItems):
        return _decide_refund(cart, command, ledger)
    if isinstance(command, ParkCart | ResumeCart):
        return _decide_parking(cart, command)
    if isinstance(command, TakeParkedCart | HandOverParkedCart):
        return _decide_handover(cart, command)
    if isinstance(command, AddItem):
        product = catalog.get(command.item_id)
        if product is None:
            return _reject(command, say(R.UNKNOWN_PRODUCT, item=command.item_id))
        problem = _check_quantity(command.quantity)
        if problem:
            return _reject(command, problem)
        in_cart = cart.quantity_of(product.id)
        if in_cart + command.quantity > MAX_LINE_QUANTITY:
            return _reject(
                command,
                say(
                    R.AT_MOST_PER_CART,
                    most=MAX_LINE_QUANTITY,
                    name=_name(product.name),
                    in_cart=in_cart,
                ),
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
            return _reject(command, say(R.NOT_IN_CART, item=command.item_id))
        if command.quantity <= 0:
            return _reject(command, say(R.QUANTITY_AT_LEAST_1, got=_shown(command.quantity)))
        if command.quantity > line.quantity:
            return _reject(
                command, say(R.ONLY_IN_CART, quantity=line.quantity, name=_name(line.name))
            )
        return [ItemRemoved(item_id=line.item_id, name=line.name, quantity=command.quantity)]
    if isinstance(command, UpdateItem):
        line = cart.line(command.item_id)
        if line is None:
            return _reject(command, say(R.NOT_IN_CART, item=command.item_id))
        problem = _check_quantity(command.quantity, _name(line.name))
        if problem:
            return _reject(command, problem)
        if command.quantity == line.quantity:
            return []
        product = catalog.get(line.item_id)
        if product is not None and command.quantity > line.quantity:
            left = available(cart, product)
            if command.quantity - line.quantity > left:
                most = line.quantity + left
                return _reject(command, say(R.ONLY_IN_STOCK, most=most, name=_name(product.name)))
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
            return _reject(command, R.ALREADY_EMPTY)
        return [CartCleared(lines=tuple(snapshot(line) for line in cart.lines))]
    if isinstance(command, Checkout):
        if not cart.lines:
            return _reject(command, R.CHECKOUT_EMPTY)
        totals = cart.totals()
        if totals.total.amount >= MAX_AMOUNT:  # only a cart built around decide() gets here
            return _reject(command, _too_much(totals.total.amount, cart.currency, now=True))
        if cart.tenders:
            due = Money(_due(cart), cart.currency).format()
            return _reject(command, say(R.STILL_DUE, due=due))
        return [_checked_out(cart, ())]
    return _reject(command, say(R.UNKNOWN_COMMAND, command=type(command).__name__))


def _checked_out(cart: Cart, tenders: tuple[Tender, ...]) -> CheckedOut:
    """The order the cart becomes, paid by ``tenders`` (none: without the payment step)."""
    totals = cart.totals()
    priced = cart.priced().lines
    paid = sum((t.amount for t in tenders), Decimal("0.00"))
    discounted = totals.discount.amount > 0
    return CheckedOut(
        order_number=cart.orders + 1,
        currency=cart.currency,
        lines=tuple(snapshot(line) for line in cart.lines),
        subtotal=totals.subtotal.amount,
        tax=totals.tax.amount,
        total=totals.total.amount,
        discount=totals.discount.amount,
        line_discounts=tuple(p.discount for p in priced) if discounted else (),
        tenders=tenders,
        change=paid - totals.total.amount if tenders else Decimal("0.00"),
    )


def _money(amount: Decimal, currency: str) -> str:
    return Money(amount, currency).format()


def _due(cart: Cart) -> Decimal:
    """What the tenders taken so far leave to pay (never below zero)."""
    return max(Decimal("0.00"), cart.totals().total.amount - cart.paid)


def _off(percent: Decimal | None, amount: Decimal | None, currency: str) -> str:
    if percent is not None:
        return f"{percent.normalize():f} %"
    return Money(amount or Decimal(0), currency).format()


def _discount_terms(command: ApplyDiscount) -> str | None:
    """Why the command's terms are not a discount, or None."""
    if (command.percent is None) == (command.amount is None):
        return R.DISCOUNT_EITHER
    if not (command.percent or command.amount):
        return R.DISCOUNT_NOTHING
    return None


def _decide_discount(
    cart: Cart,
    command: ApplyDiscount | ApplyCoupon | RemoveDiscount,
    catalog: Catalog,
    coupons: CouponTable | None,
) -> list[Fact]:
    if isinstance(command, ApplyDiscount):
        problem = _discount_terms(command)
        if problem:
            return _reject(command, problem)
        if not cart.lines:
            return _reject(command, R.DISCOUNT_EMPTY)
        off = _off(command.percent, command.amount, cart.currency)
        if command.item_id is None:
            if cart.order_discount() is not None:
                return _reject(command, R.ORDER_HAS_DISCOUNT)
            return [DiscountApplied(percent=command.percent, amount=command.amount)]
        line = cart.line(command.item_id)
        if line is None:
            return _reject(command, say(R.NOT_IN_CART, item=command.item_id))
        if line.discount is not None:
            return _reject(command, say(R.LINE_HAS_DISCOUNT, name=_name(line.name)))
        if command.amount is not None and command.amount > line.net:
            return _reject(
                command,
                say(
                    R.DISCOUNT_TOO_BIG,
                    off=off,
                    name=_name(line.name),
                    net=_money(line.net, cart.currency),
                ),
            )
        return [
            DiscountApplied(
                item_id=line.item_id,
                name=line.name,
                percent=command.percent,
                amount=command.amount,
            )
        ]
    if isinstance(command, ApplyCoupon):
        code = command.code.strip().upper()
        coupon = coupons.get(code) if coupons is not None else None
        shown = code if len(code) <= 32 else code[:31] + "\u2026"
        if coupon is None:
            return _reject(command, say(R.UNKNOWN_COUPON, code=shown))
        if cart.coupon(coupon.code) is not None:
            return _reject(command, say(R.COUPON_APPLIED, code=coupon.code))
        problem = coupon.validity_problem(command.today)
        if problem:
            return _reject(command, problem)
        applies_to = None
        if coupon.categories:
            wanted = set(coupon.categories)
            applies_to = tuple(p.id for p in catalog if p.category in wanted)
        trial = OrderDiscount(
            Discount(coupon.percent, coupon.amount),
            coupon.code,
            coupon.minimum_spend,
            None if applies_to is None else frozenset(applies_to),
        )
        base = _base_for(cart, trial)
        if base <= 0:
            if coupon.categories:
                where = ", ".join(coupon.categories)
                why = say(R.COUPON_CATEGORIES_ONLY, code=coupon.code, categories=where)
            else:
                why = say(R.COUPON_ORDER_ONLY, code=coupon.code)
            return _reject(command, why)
        if base < coupon.minimum_spend:
            return _reject(
                command,
                say(
                    R.COUPON_MINIMUM,
                    code=coupon.code,
                    minimum=_money(coupon.minimum_spend, cart.currency),
                    base=_money(base, cart.currency),
                ),
            )
        return [
            CouponApplied(
                code=coupon.code,
                percent=coupon.percent,
                amount=coupon.amount,
                minimum_spend=coupon.minimum_spend,
                categories=coupon.categories,
                applies_to=applies_to,
            )
        ]
    if command.code is not None:
        code = command.code.strip().upper()
        applied = cart.coupon(code)
        if applied is None:
            shown = code if len(code) <= 32 else code[:31] + "\u2026"
            return _reject(command, say(R.COUPON_NOT_APPLIED, code=shown))
        d = applied.discount
        return [DiscountRemoved(code=code, percent=d.percent, amount=d.amount)]
    if command.item_id is not None:
        line = cart.line(command.item_id)
        if line is None:
            return _reject(command, say(R.NOT_IN_CART, item=command.item_id))
        if line.discount is None:
            return _reject(command, say(R.LINE_NO_DISCOUNT, name=_name(line.name)))
        d = line.discount
        return [
            DiscountRemoved(
                item_id=line.item_id, name=line.name, percent=d.percent, amount=d.amount
            )
        ]
    order = cart.order_discount()
    if order is None:
        return _reject(command, R.ORDER_NO_DISCOUNT)
    return [DiscountRemoved(percent=order.discount.percent, amount=order.discount.amount)]


def _base_for(cart: Cart, trial: OrderDiscount) -> Decimal:
    """The net ``trial`` would apply to if it joined the cart's order discounts now."""
    priced = cart.priced().lines
    return sum((p.net for p in priced if trial.covers(p.line.item_id)), Decimal("0.00"))


def _decide_payment(cart: Cart, command: TakePayment | CancelPayment) -> list[Fact]:
    if isinstance(command, CancelPayment):
        if not cart.tenders:
            return _reject(command, R.NO_PAYMENT)
        return [
            PaymentCancelled(tenders=tuple(Tender(method=m, amount=a) for m, a in cart.tenders))
        ]
    if not cart.lines:
        return _reject(command, R.PAYMENT_EMPTY)
    due = _due(cart)
    if due <= 0:
        return _reject(command, R.NOTHING_DUE)
    if command.amount <= 0:
        return _reject(command, R.PAYMENT_NOTHING)
    if command.method == "card" and command.amount > due:
        return _reject(
            command,
            say(
                R.CARD_AT_MOST,
                due=_money(due, cart.currency),
                amount=_money(command.amount, cart.currency),
            ),
        )
    taken = PaymentTaken(method=command.method, amount=command.amount, due=due)
    if command.amount < due:
        return [taken]
    tenders = (
        *(Tender(method=m, amount=a) for m, a in cart.tenders),
        Tender(method=command.method, amount=command.amount),
    )
    return [taken, _checked_out(cart, tenders)]


def _decide_refund(cart: Cart, command: RefundItems, ledger: SaleSource | None) -> list[Fact]:
    number = command.order_number
    known = ledger is not None and 0 < number <= cart.orders
    sale = ledger.sale(number) if known and ledger is not None else None
    if sale is None:
        return _reject(command, say(R.NO_ORDER, number=_shown(number)))
    if not command.lines:
        return _reject(command, R.REFUND_NOTHING)
    out: list[RefundedLine] = []
    seen: set[str] = set()
    for wanted in command.lines:
        sold = sale.line(wanted.item_id)
        if sold is None:
            return _reject(command, say(R.ORDER_HAS_NO, number=number, item=wanted.item_id))
        if wanted.item_id in seen:
            return _reject(command, say(R.LISTED_TWICE, item=wanted.item_id))
        seen.add(wanted.item_id)
        if wanted.quantity <= 0:
            return _reject(
                command,
                say(R.REFUND_AT_LEAST_1, name=_name(sold.name), got=_shown(wanted.quantity)),
            )
        if wanted.quantity > sold.refundable:
            if sold.refundable == 0:
                return _reject(
                    command, say(R.REFUNDED_IN_FULL, name=_name(sold.name), number=number)
                )
            return _reject(
                command,
                say(
                    R.ONLY_REFUNDABLE,
                    quantity=sold.refundable,
                    name=_name(sold.name),
                    number=number,
                ),
            )
        amount = sold.refund_of(wanted.quantity)
        out.append(
            RefundedLine(
                item_id=sold.item_id, name=sold.name, quantity=wanted.quantity, amount=amount
            )
        )
    return [
        ItemsRefunded(
            order_number=number,
            lines=tuple(out),
            reason=command.reason,
            method=command.method,
            amount=sum((line.amount for line in out), Decimal("0.00")),
        )
    ]


def _decide_parking(cart: Cart, command: ParkCart | ResumeCart) -> list[Fact]:
    if isinstance(command, ParkCart):
        if not cart.lines:
            return _reject(command, R.PARK_EMPTY)
        if len(cart.parked) >= MAX_PARKED:
            return _reject(command, say(R.PARK_AT_MOST, most=MAX_PARKED))
        name = (command.name or "").strip() or None
        number = command.number or max((p.number for p in cart.parked), default=0) + 1
        if cart.parked_cart(number) is not None:
            return _reject(command, say(R.PARKED_EXISTS, number=number))
        return [
            CartParked(
                number=number,
                name=name,
                parked_at=command.parked_at,
                lines=tuple(_parked_line(line) for line in cart.lines),
                discounts=tuple(_parked_discount(d) for d in cart.discounts),
            )
        ]
    parked = cart.parked_cart(command.number)
    if parked is None:
        return _reject(command, say(R.NO_PARKED, number=_shown(command.number)))
    if cart.lines:
        return _reject(command, say(R.RESUME_NOT_EMPTY, number=parked.number))
    return [CartResumed(number=parked.number, name=parked.name, parked_at=parked.parked_at)]


def _decide_handover(cart: Cart, command: TakeParkedCart | HandOverParkedCart) -> list[Fact]:
    if isinstance(command, TakeParkedCart):
        if cart.lines:
            return _reject(
                command,
                say(R.TAKE_NOT_EMPTY, number=command.number, till=command.from_till),
            )
        return [
            ParkedCartTaken(
                shared=command.shared,
                from_till=command.from_till,
                number=command.number,
                name=command.name,
                parked_at=command.parked_at,
                lines=command.lines,
                discounts=command.discounts,
            )
        ]
    parked = cart.parked_cart(command.number)
    if parked is None or parked.parked_at != command.parked_at:
        return _reject(command, say(R.NO_PARKED_TO_HAND_OVER, number=command.number))
    return [ParkedCartHandedOver(number=parked.number, name=parked.name, to_till=command.to_till)]


def _parked_line(line: CartLine) -> ParkedLine:
    d = line.discount
    return ParkedLine(
        item_id=line.item_id,
        name=line.name,
        unit_price=line.unit_price,
        tax_rate=line.tax_rate,
        quantity=line.quantity,
        percent=None if d is None else d.percent,
        amount=None if d is None else d.amount,
    )


def _parked_discount(d: OrderDiscount) -> ParkedDiscount:
    return ParkedDiscount(
        percent=d.discount.percent,
        amount=d.discount.amount,
        code=d.code,
        minimum_spend=d.minimum_spend,
        applies_to=None if d.applies_to is None else tuple(sorted(d.applies_to)),
    )


def parked_of(fact: CartParked | ParkedCartTaken) -> ParkedCart:
    """The parked cart ``fact`` describes, as the cart's state keeps it."""
    lines = tuple(
        CartLine(
            line.item_id,
            line.name,
            line.unit_price,
            line.tax_rate,
            line.quantity,
            None
            if line.percent is None and line.amount is None
            else Discount(line.percent, line.amount),
        )
        for line in fact.lines
    )
    discounts = tuple(
        OrderDiscount(
            Discount(d.percent, d.amount),
            d.code,
            d.minimum_spend,
            None if d.applies_to is None else frozenset(d.applies_to),
        )
        for d in fact.discounts
    )
    return ParkedCart(fact.number, fact.name, fact.parked_at, lines, discounts)


def _resumed(cart: Cart, fact: CartResumed) -> Cart:
    parked = cart.parked_cart(fact.number)
    if parked is None:
        return cart
    kept = tuple(p for p in cart.parked if p.number != fact.number)
    return cart.evolve(lines=parked.lines, discounts=parked.discounts, parked=kept)


def _refunded(cart: Cart, fact: ItemsRefunded) -> Cart:
    """The stock a refund brought back is no longer sold (the order itself is the ledger's)."""
    sold = dict(cart.sold)
    for line in fact.lines:
        sold[line.item_id] = sold.get(line.item_id, 0) - line.quantity
    kept = tuple(sorted((item, qty) for item, qty in sold.items() if qty > 0))
    return cart.evolve(sold=kept)


def _replace_line(cart: Cart, item_id: str, quantity: int) -> tuple[CartLine, ...]:
    out: list[CartLine] = []
    for line in cart.lines:
        if line.item_id != item_id:
            out.append(line)
        elif quantity > 0:
            out.append(replace(line, quantity=quantity))
    return tuple(out)


def _with_line_discount(cart: Cart, item_id: str, discount: Discount | None) -> Cart:
    lines = tuple(
        replace(line, discount=discount) if line.item_id == item_id else line for line in cart.lines
    )
    return cart.evolve(lines=lines)


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
        return cart.evolve(lines=(), discounts=())
    if isinstance(fact, CheckedOut):
        return cart.evolve(
            lines=(),
            discounts=(),
            tenders=(),
            sold=_add_sold(cart.sold, fact.lines),
            orders=fact.order_number,
        )
    if isinstance(fact, ItemsRefunded):
        return _refunded(cart, fact)
    if isinstance(fact, DiscountApplied):
        discount = Discount(fact.percent, fact.amount)
        if fact.item_id is not None:
            return _with_line_discount(cart, fact.item_id, discount)
        return cart.evolve(discounts=(*cart.discounts, OrderDiscount(discount)))
    if isinstance(fact, CouponApplied):
        applies = None if fact.applies_to is None else frozenset(fact.applies_to)
        coupon = OrderDiscount(
            Discount(fact.percent, fact.amount), fact.code, fact.minimum_spend, applies
        )
        return cart.evolve(discounts=(*cart.discounts, coupon))
    if isinstance(fact, DiscountRemoved):
        if fact.code is not None:
            kept = tuple(d for d in cart.discounts if d.code != fact.code)
            return cart.evolve(discounts=kept)
        if fact.item_id is not None:
            return _with_line_discount(cart, fact.item_id, None)
        return cart.evolve(discounts=tuple(d for d in cart.discounts if d.code is not None))
    if isinstance(fact, PaymentTaken):
        return cart.evolve(tenders=(*cart.tenders, (fact.method, fact.amount)))
    if isinstance(fact, PaymentCancelled):
        return cart.evolve(tenders=())
    if isinstance(fact, CartParked):
        return cart.evolve(lines=(), discounts=(), parked=(*cart.parked, parked_of(fact)))
    if isinstance(fact, CartResumed):
        return _resumed(cart, fact)
    if isinstance(fact, ParkedCartTaken):
        taken = parked_of(fact)
        return cart.evolve(lines=taken.lines, discounts=taken.discounts)
    if isinstance(fact, ParkedCartHandedOver):
        return cart.evolve(parked=tuple(p for p in cart.parked if p.number != fact.number))
    return cart


def apply_all(cart: Cart, facts: Iterable[Fact]) -> Cart:
    """Fold ``facts`` into ``cart`` in order."""
    for fact in facts:
        cart = apply(cart, fact)
    return cart
