"""Why a command was refused, as whole sentence templates: stored in English, shown translated.

A ``CommandRejected`` stores its reason as the English sentence it always did (the event store,
exported histories and CloudEvents keep it as they are, and old stores read back unchanged);
the screen shows ``reason_text(reason)``. Each template here is one whole sentence with named
``{placeholders}`` (marked with ``QT_TRANSLATE_NOOP`` in the ``"reasons"`` context, so
``pyside6-lupdate`` extracts it): ``say(template, **values)`` writes the English reason when
the decider refuses a command, and ``reason_text`` matches a stored reason against the
templates, translates the one it matches and fills in the same values. A reason no template
matches (from an older version, or a shop's server) is shown as it was stored.

Why translate at display rather than store a code and arguments: a stored reason is data that
other programs, old stores and the CloudEvents export already read as a sentence; changing the
fact's schema would break them, and a code would still need its sentence at every reader.
Matching the template is exact for the values the decider puts in (product names, ids, money,
counts), since every template has literal text between its placeholders.
"""

from __future__ import annotations

import re
from functools import cache

from cartapp.domain.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["TEMPLATES", "reason_text", "say"]

_C = "reasons"

# -- the cart ------------------------------------------------------------------------------------
PAYMENT_IN_PROGRESS = QT_TRANSLATE_NOOP(
    "reasons", "a payment is in progress ({due} still due); cancel it to change the cart"
)
UNKNOWN_PRODUCT = QT_TRANSLATE_NOOP("reasons", "unknown product '{item}'")
QUANTITY_AT_LEAST_1 = QT_TRANSLATE_NOOP("reasons", "quantity must be at least 1 (got {got})")
QUANTITY_AT_MOST = QT_TRANSLATE_NOOP("reasons", "quantity must be at most {most} (got {got})")
LINE_AT_LEAST_1 = QT_TRANSLATE_NOOP(
    "reasons",
    "quantity of {name} must be at least 1 (got {got}); use Remove to take it out of the cart",
)
LINE_AT_MOST = QT_TRANSLATE_NOOP("reasons", "quantity of {name} must be at most {most} (got {got})")
AT_MOST_PER_CART = QT_TRANSLATE_NOOP(
    "reasons", "at most {most} x {name} per cart ({in_cart} already in the cart)"
)
NO_MORE_IN_STOCK = QT_TRANSLATE_NOOP(
    "reasons", "no more {name} in stock ({in_cart} already in the cart)"
)
OUT_OF_STOCK = QT_TRANSLATE_NOOP("reasons", "{name} is out of stock")
ONLY_MORE_IN_STOCK = QT_TRANSLATE_NOOP(
    "reasons", "only {left} more {name} in stock ({in_cart} already in the cart)"
)
ONLY_LEFT_IN_STOCK = QT_TRANSLATE_NOOP("reasons", "only {left} {name} left in stock")
ONLY_IN_STOCK = QT_TRANSLATE_NOOP("reasons", "only {most} {name} in stock")
TOTAL_WOULD_BE = QT_TRANSLATE_NOOP(
    "reasons",
    "the cart total would be {total} {currency}; an order must stay below {limit} {currency}",
)
TOTAL_IS = QT_TRANSLATE_NOOP(
    "reasons", "the cart total is {total} {currency}; an order must stay below {limit} {currency}"
)
NOT_IN_CART = QT_TRANSLATE_NOOP("reasons", "'{item}' is not in the cart")
ONLY_IN_CART = QT_TRANSLATE_NOOP("reasons", "only {quantity} x {name} in the cart")
ALREADY_EMPTY = QT_TRANSLATE_NOOP("reasons", "the cart is already empty")
CHECKOUT_EMPTY = QT_TRANSLATE_NOOP("reasons", "cannot check out an empty cart")
STILL_DUE = QT_TRANSLATE_NOOP("reasons", "{due} is still due; take another payment or cancel it")
UNKNOWN_COMMAND = QT_TRANSLATE_NOOP("reasons", "unknown command {command}")
HUGE_NUMBER = QT_TRANSLATE_NOOP("reasons", "a huge number")
# -- discounts and coupons -----------------------------------------------------------------------
DISCOUNT_EITHER = QT_TRANSLATE_NOOP("reasons", "give a discount as either a percent or an amount")
DISCOUNT_NOTHING = QT_TRANSLATE_NOOP("reasons", "a discount must take something off")
DISCOUNT_EMPTY = QT_TRANSLATE_NOOP("reasons", "cannot discount an empty cart")
ORDER_HAS_DISCOUNT = QT_TRANSLATE_NOOP(
    "reasons", "the order already has a discount; remove it first"
)
LINE_HAS_DISCOUNT = QT_TRANSLATE_NOOP("reasons", "{name} already has a discount; remove it first")
DISCOUNT_TOO_BIG = QT_TRANSLATE_NOOP("reasons", "a discount of {off} is more than {name}'s {net}")
UNKNOWN_COUPON = QT_TRANSLATE_NOOP("reasons", "unknown coupon code {code}")
COUPON_APPLIED = QT_TRANSLATE_NOOP("reasons", "coupon {code} is already applied")
COUPON_EXPIRED = QT_TRANSLATE_NOOP("reasons", "coupon {code} expired on {day}")
COUPON_NOT_YET = QT_TRANSLATE_NOOP("reasons", "coupon {code} is valid from {day}")
COUPON_ORDER_ONLY = QT_TRANSLATE_NOOP(
    "reasons", "coupon {code} applies to the order only; nothing in the cart does"
)
COUPON_CATEGORIES_ONLY = QT_TRANSLATE_NOOP(
    "reasons", "coupon {code} applies to {categories} only; nothing in the cart does"
)
COUPON_MINIMUM = QT_TRANSLATE_NOOP(
    "reasons", "coupon {code}: minimum spend {minimum} not reached ({base} so far)"
)
COUPON_NOT_APPLIED = QT_TRANSLATE_NOOP("reasons", "coupon {code} is not applied")
LINE_NO_DISCOUNT = QT_TRANSLATE_NOOP("reasons", "{name} has no discount")
ORDER_NO_DISCOUNT = QT_TRANSLATE_NOOP("reasons", "the order has no discount")
# -- payment and refunds -------------------------------------------------------------------------
NO_PAYMENT = QT_TRANSLATE_NOOP("reasons", "no payment is in progress")
PAYMENT_EMPTY = QT_TRANSLATE_NOOP("reasons", "cannot take a payment for an empty cart")
NOTHING_DUE = QT_TRANSLATE_NOOP("reasons", "nothing is due; check out")
PAYMENT_NOTHING = QT_TRANSLATE_NOOP("reasons", "a payment must be more than nothing")
CARD_AT_MOST = QT_TRANSLATE_NOOP("reasons", "a card pays at most what is due ({due}), not {amount}")
NO_ORDER = QT_TRANSLATE_NOOP("reasons", "there is no order #{number}")
REFUND_NOTHING = QT_TRANSLATE_NOOP("reasons", "name at least one line to refund")
ORDER_HAS_NO = QT_TRANSLATE_NOOP("reasons", "order #{number} has no '{item}'")
LISTED_TWICE = QT_TRANSLATE_NOOP("reasons", "'{item}' is listed twice")
REFUND_AT_LEAST_1 = QT_TRANSLATE_NOOP(
    "reasons", "quantity of {name} must be at least 1 (got {got})"
)
REFUNDED_IN_FULL = QT_TRANSLATE_NOOP(
    "reasons", "{name} of order #{number} was already refunded in full"
)
ONLY_REFUNDABLE = QT_TRANSLATE_NOOP(
    "reasons", "only {quantity} x {name} of order #{number} can still be refunded"
)
# -- parking and handing over --------------------------------------------------------------------
PARK_EMPTY = QT_TRANSLATE_NOOP("reasons", "cannot park an empty cart")
PARK_AT_MOST = QT_TRANSLATE_NOOP("reasons", "at most {most} carts can be parked; resume one first")
PARKED_EXISTS = QT_TRANSLATE_NOOP("reasons", "parked cart #{number} exists already")
NO_PARKED = QT_TRANSLATE_NOOP("reasons", "there is no parked cart #{number}")
RESUME_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "reasons", "the cart is not empty; park it or check it out before resuming #{number}"
)
TAKE_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "reasons",
    "the cart is not empty; park it or check it out before resuming parked cart #{number} "
    "of till {till}",
)
NO_PARKED_TO_HAND_OVER = QT_TRANSLATE_NOOP(
    "reasons", "there is no parked cart #{number} to hand over"
)
# -- a shop of tills -----------------------------------------------------------------------------
SHOP_UNREACHABLE_RESERVE = QT_TRANSLATE_NOOP(
    "reasons",
    "the shop's server cannot be reached, so {name} cannot be reserved; removing, lowering and "
    "checking out still work",
)
SHOP_UNREACHABLE_PARKED = QT_TRANSLATE_NOOP(
    "reasons",
    "the shop's server cannot be reached, so parked cart #{number} cannot be resumed (other "
    "tills can see it); it stays parked",
)
SHOP_UNREACHABLE_TAKEN = QT_TRANSLATE_NOOP(
    "reasons",
    "the shop's server cannot be reached, so parked cart #{number} of till {till} cannot be "
    "resumed (other tills can see it); it stays parked",
)
SHOP_NO_ANSWER = QT_TRANSLATE_NOOP(
    "reasons", "the shop did not answer ({error}); nothing was reserved"
)
SHOP_NO_ANSWER_PARKED = QT_TRANSLATE_NOOP(
    "reasons", "the shop did not answer ({error}); parked cart #{number} stays parked"
)
SHOP_NO_ANSWER_TAKEN = QT_TRANSLATE_NOOP(
    "reasons",
    "the shop did not answer ({error}); parked cart #{number} of till {till} stays parked",
)
PARKED_RESUMED_AT = QT_TRANSLATE_NOOP(
    "reasons", "parked cart #{number} was just resumed at till {holder}"
)
PARKED_RESUMED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "reasons", "parked cart #{number} was just resumed at another till"
)
TAKEN_RESUMED_AT = QT_TRANSLATE_NOOP(
    "reasons", "parked cart #{number} of till {till} was just resumed at till {holder}"
)
TAKEN_RESUMED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "reasons", "parked cart #{number} of till {till} was just resumed at another till"
)
LAST_TAKEN = QT_TRANSLATE_NOOP("reasons", "the last {name} was just taken")
LAST_TAKEN_AT = QT_TRANSLATE_NOOP("reasons", "the last {name} was just taken at till {till}")
ONLY_LEFT_IN_SHOP = QT_TRANSLATE_NOOP("reasons", "only {left} {name} left in the shop")

TEMPLATES: tuple[str, ...] = tuple(
    value
    for key, value in dict(globals()).items()
    if key.isupper() and not key.startswith("_") and isinstance(value, str)
)
"""Every reason template of this module (its upper-case names)."""

_FIELD = re.compile(r"\{(\w+)\}")


def say(template: str, **values: object) -> str:
    """The English reason: ``template`` (one of ``TEMPLATES``) with ``values`` filled in."""
    return template.format(**values)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """A pattern per template, the most literal text first (so "applies to the order only"
    is tried before "applies to {categories} only")."""

    def pattern(template: str) -> re.Pattern[str]:
        out, seen, at = [], set[str](), 0
        for field in _FIELD.finditer(template):
            out.append(re.escape(template[at : field.start()]))
            name = field.group(1)
            out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            at = field.end()
        out.append(re.escape(template[at:]))
        return re.compile("".join(out), re.DOTALL)

    ordered = sorted(TEMPLATES, key=lambda t: len(_FIELD.sub("", t)), reverse=True)
    return tuple((pattern(t), t) for t in ordered)


def reason_text(reason: str) -> str:
    """``reason`` (as stored) in the language shown: the translation of the template it
    matches, filled with the values it holds; a reason no template matches, as it is."""
    for pattern, template in _patterns():
        found = pattern.fullmatch(reason)
        if found is None:
            continue
        values = found.groupdict()
        if values.get("got") == HUGE_NUMBER:
            values["got"] = translate(_C, HUGE_NUMBER)
        try:
            return translate(_C, template).format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return reason
    return reason
