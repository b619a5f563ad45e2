"""The state diff: the cart before and after a message as a tree (lines, discounts, totals, stock).

Properties over random carts: a cart compared with itself changes nothing; comparing the other
way round swaps every before and after (and added with removed); each line, discount, total and
stock figure in the tree is the cart's own; and the tree says "same" exactly when nothing it
covers differs. Then a story through the decider: what adding, raising and checking out change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cartapp.domain.cart import Cart, CartLine, Discount, OrderDiscount, ParkedCart
from cartapp.domain.money import Money
from cartapp.history.state_diff import DiffNode, state_diff

ITEMS = {"pen": "Pen", "tea": "Green tea", "rice": "Rice 1 kg", "soap": "Soap"}
STOCK = {"pen": 50, "tea": 40, "rice": 30, "soap": 20}
MIRROR = {"added": "removed", "removed": "added", "changed": "changed", "same": "same"}

discounts = st.one_of(
    st.none(),
    st.builds(Discount, percent=st.sampled_from([Decimal(5), Decimal("12.5"), Decimal(50)])),
    st.builds(Discount, amount=st.sampled_from([Decimal("0.50"), Decimal("3.00")])),
)


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    ids = draw(st.lists(st.sampled_from(sorted(ITEMS)), unique=True, max_size=4))
    lines = tuple(
        CartLine(
            item_id=i,
            name=ITEMS[i],
            unit_price=draw(st.sampled_from([Decimal("0.99"), Decimal("2.50"), Decimal("7.20")])),
            tax_rate=draw(st.sampled_from([Decimal("0.07"), Decimal("0.19")])),
            quantity=draw(st.integers(1, 9)),
            discount=draw(discounts),
        )
        for i in ids
    )
    order: list[OrderDiscount] = []
    if draw(st.booleans()):
        order.append(OrderDiscount(Discount(percent=Decimal(10))))
    if draw(st.booleans()):
        minimum = draw(st.sampled_from([Decimal(0), Decimal(20)]))
        order.append(OrderDiscount(Discount(amount=Decimal(2)), "SAVE2", minimum))
    sold = tuple(
        (i, n)
        for i, n in draw(st.dictionaries(st.sampled_from(sorted(ITEMS)), st.integers(1, 5))).items()
    )
    parked = tuple(
        ParkedCart(
            1,
            None,
            datetime(2026, 1, 1, tzinfo=UTC),
            tuple(
                CartLine(i, ITEMS[i], Decimal("1.00"), Decimal("0.07"), n)
                for i, n in draw(
                    st.dictionaries(st.sampled_from(sorted(ITEMS)), st.integers(1, 3), max_size=2)
                ).items()
            ),
        )
        for _ in range(draw(st.integers(0, 1)))
    )
    tenders = tuple(("cash", Decimal("5.00")) for _ in range(draw(st.integers(0, 1))))
    return Cart(lines=lines, sold=sold, discounts=tuple(order), parked=parked, tenders=tenders)


def section(root: DiffNode, kind: str) -> DiffNode:
    found = root.child(kind)
    assert found is not None
    return found


def shape(node: DiffNode) -> tuple[object, ...]:
    return (node.kind, node.name, tuple(sorted(shape(c) for c in node.children)))


def mirrored(a: DiffNode, b: DiffNode) -> bool:
    if (a.before, a.after, MIRROR[a.change]) != (b.after, b.before, b.change):
        return False
    pairs = {(c.kind, c.name): c for c in b.children}
    return len(pairs) == len(a.children) and all(
        mirrored(c, pairs[(c.kind, c.name)]) for c in a.children
    )


@given(carts())
def test_a_cart_compared_with_itself_changes_nothing(cart: Cart) -> None:
    root = state_diff(cart, cart, STOCK)
    assert root.change == "same"
    assert root.changes() == []
    assert all(node.before == node.after for _, node in root.walk())


@given(carts(), carts())
def test_the_other_way_round_swaps_before_and_after(a: Cart, b: Cart) -> None:
    forward, backward = state_diff(a, b, STOCK), state_diff(b, a, STOCK)
    assert shape(forward) == shape(backward)
    assert mirrored(forward, backward)


@given(carts(), carts())
def test_every_figure_is_the_carts_own(a: Cart, b: Cart) -> None:
    root = state_diff(a, b, STOCK, ITEMS)
    assert [c.kind for c in root.children] == ["lines", "discounts", "totals", "stock"]
    lines = section(root, "lines")
    # every product of either cart, the after cart's order first
    assert [n.name for n in lines.children][: len(b.lines)] == [x.name for x in b.lines]
    assert {n.name for n in lines.children} == {x.name for x in (*a.lines, *b.lines)}
    for node in lines.children:
        old = next((x for x in a.lines if x.name == node.name), None)
        new = next((x for x in b.lines if x.name == node.name), None)
        quantity = node.child("quantity")
        assert quantity is not None
        assert quantity.before == (None if old is None else str(old.quantity))
        assert quantity.after == (None if new is None else str(new.quantity))
        expected = "added" if old is None else "removed" if new is None else None
        if expected is not None:
            assert node.change == expected
    totals = section(root, "totals")
    for kind, figure in (("total", "total"), ("tax", "tax"), ("subtotal", "subtotal")):
        leaf = totals.child(kind)
        assert leaf is not None
        assert leaf.before == getattr(a.totals(), figure).format()
        assert leaf.after == getattr(b.totals(), figure).format()
    paid = totals.child("paid")
    assert paid is not None and paid.after == Money(b.paid).format()
    for product in section(root, "stock").children:
        item = next(i for i, name in ITEMS.items() if name == product.name)
        left = product.child("left")
        assert left is not None
        taken = b.sold_of(item) + b.quantity_of(item) + b.held_of(item)
        assert left.after == str(max(0, STOCK[item] - taken))
    codes = {d.code or "" for d in (*a.discounts, *b.discounts)}
    assert {n.name for n in section(root, "discounts").children} == codes


@given(carts(), carts())
def test_it_says_same_exactly_when_nothing_it_covers_differs(a: Cart, b: Cart) -> None:
    def covered(cart: Cart) -> tuple[object, ...]:
        held = {i: cart.held_of(i) for i in ITEMS}
        return (
            cart.lines,
            cart.discounts,
            {i: n for i, n in cart.sold if n},
            held,
            cart.paid,
        )

    root = state_diff(a, b, STOCK)
    assert (root.change == "same") == (covered(a) == covered(b))
    assert (root.change == "same") == (root.changes() == [])


def test_a_story_of_adding_raising_and_checking_out() -> None:
    pen = CartLine("pen", "Pen", Decimal("2.00"), Decimal("0.19"), 2)
    empty = Cart()
    one = Cart(lines=(pen,))
    more = Cart(lines=(CartLine("pen", "Pen", Decimal("2.00"), Decimal("0.19"), 5),))
    coupon = OrderDiscount(Discount(amount=Decimal("1.00")), "SAVE1")
    couponed = Cart(lines=more.lines, discounts=(coupon,))
    sold = Cart(sold=(("pen", 5),), orders=1)

    added = state_diff(empty, one, STOCK)
    assert ("Cart", "Lines", "Pen", "Quantity") in [path for path, _, _ in added.changes()]
    assert section(added, "lines").children[0].change == "added"
    assert dict((p[-1], (b, a)) for p, b, a in added.changes())["Left in stock"] == ("50", "48")

    raised = state_diff(one, more, STOCK)
    changes = {path[-2:]: (b, a) for path, b, a in raised.changes()}
    assert changes[("Pen", "Quantity")] == ("2", "5")
    assert changes[("Totals", "Total")] == ("€4.76", "€11.90")
    assert ("Pen", "Unit price") not in changes  # the price did not move

    with_coupon = state_diff(more, couponed, STOCK)
    discounts = section(with_coupon, "discounts")
    assert [(n.label, n.change, n.after) for n in discounts.children] == [
        ("Coupon SAVE1", "added", "€1.00")
    ]

    checked_out = state_diff(more, sold, STOCK)
    stock = {path[-2:]: (b, a) for path, b, a in checked_out.changes() if path[1] == "Stock"}
    assert stock == {("Pen", "In the cart"): ("5", "0"), ("Pen", "Sold"): ("0", "5")}
    assert section(checked_out, "lines").children[0].change == "removed"


def test_a_change_of_tax_rate_alone_is_a_change_even_when_it_taxes_nothing() -> None:
    # the line is discounted to nothing, so no total moves: only the rate itself differs
    free = Discount(amount=Decimal("3.00"))
    low = Cart(lines=(CartLine("soap", "Soap", Decimal("0.99"), Decimal("0.07"), 2, free),))
    high = Cart(lines=(CartLine("soap", "Soap", Decimal("0.99"), Decimal("0.19"), 2, free),))
    root = state_diff(low, high, STOCK)
    assert root.change == "changed"
    assert [(path[-1], b, a) for path, b, a in root.changes()] == [("Tax rate", "7 %", "19 %")]
