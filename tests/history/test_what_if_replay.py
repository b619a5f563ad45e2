"""What-if: a range replayed with commands skipped, in a sandbox that never touches the store.

Given a history decided command by command, when some commands are skipped, then every other
command is decided again in order and the sandbox says which would now be refused and why.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from cartapp.bus import Envelope, EventBus
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog, Product
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    Command,
    CommandRejected,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.pos import RefundItems, RefundLine
from cartapp.handlers.service import CartService
from cartapp.history.time_travel import History
from cartapp.history.what_if import (
    Status,
    Step,
    read_range,
    recorded_steps,
    replay_skipping,
    stock_left,
)
from cartapp.store import LIVE_STREAM, EventStore
from cartapp.store.sessions import StoredLedger

__all__: list[str] = []

CATALOG = Catalog(
    products=tuple(
        Product(
            id=item,
            sku=item.upper(),
            name=item.title(),
            category="Test",
            unit_price=price,
            stock=stock,
            tax_rate="0.07",
            icon="x.svg",
        )
        for item, price, stock in (("pen", "0.35", 3), ("tea", "2.25", 5), ("rice", "1.15", 150))
    )
)
ITEMS = ["pen", "tea", "rice"]
QTY = st.integers(1, 4)
COMMANDS = st.one_of(
    st.builds(AddItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(RemoveItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.builds(UpdateItem, item_id=st.sampled_from(ITEMS), quantity=QTY),
    st.just(ClearCart()),
    st.just(Checkout()),
)


def history(commands: Sequence[Command], start: Cart | None = None) -> list[Step]:
    """The steps as the live handler records them: each command at an odd version here."""
    cart = start or Cart()
    steps = []
    for number, command in enumerate(commands):
        facts = tuple(decide(cart, command, CATALOG))
        cart = apply_all(cart, facts)
        steps.append(Step(2 * number + 1, f"c{number}", command, facts))
    return steps


@settings(max_examples=200, deadline=None)
@given(st.lists(COMMANDS, max_size=12))
def test_skipping_nothing_gives_the_real_history(commands: list[Command]) -> None:
    steps = history(commands)
    sandbox = replay_skipping(Cart(), steps, set(), CATALOG)
    assert sandbox.cart == sandbox.real == apply_all(Cart(), [f for s in steps for f in s.facts])
    assert not any(o.changed for o in sandbox.outcomes)
    assert {o.status for o in sandbox.outcomes} <= {Status.ACCEPTED, Status.REJECTED}
    assert sandbox.now_rejected == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(COMMANDS, max_size=12), st.sets(st.integers(0, 11)))
def test_the_sandbox_is_the_history_without_the_skipped_commands(
    commands: list[Command], left_out: set[int]
) -> None:
    steps = history(commands)
    skip = {2 * i + 1 for i in left_out}
    sandbox = replay_skipping(Cart(), steps, skip, CATALOG)
    kept = [c for i, c in enumerate(commands) if i not in left_out]
    assert sandbox.cart == apply_all(Cart(), [f for s in history(kept) for f in s.facts])
    assert sandbox.skipped == {s.version for s in steps if s.version in skip}
    for outcome in sandbox.outcomes:
        assert outcome.skipped == (outcome.step.version in skip)
        refused = any(isinstance(f, CommandRejected) for f in outcome.facts)
        assert (outcome.reason is not None) == refused
        if outcome.status is Status.NOW_REJECTED:
            assert outcome.reason_then is None and outcome.changed


@settings(max_examples=100, deadline=None)
@given(st.lists(COMMANDS, max_size=8), QTY, st.lists(COMMANDS, max_size=4))
def test_skipping_an_add_makes_its_later_remove_rejected(
    before: list[Command], quantity: int, between: list[Command]
) -> None:
    before = [c for c in before if getattr(c, "item_id", None) != "rice"]
    between = [c for c in between if getattr(c, "item_id", None) != "rice"]
    commands = [*before, AddItem(item_id="rice", quantity=quantity), *between]
    commands.append(RemoveItem(item_id="rice", quantity=quantity))
    steps = history(commands)
    add, remove = steps[len(before)], steps[-1]
    sandbox = replay_skipping(Cart(), steps, {add.version}, CATALOG)
    outcome = sandbox.outcome_at(remove.version)
    assert outcome is not None and outcome.reason == "'rice' is not in the cart"
    assert outcome.status is (
        Status.NOW_REJECTED if outcome.reason_then is None else Status.REJECTED
    )
    assert sandbox.cart.quantity_of("rice") == 0


def test_skipping_a_clear_makes_later_adds_run_out_of_stock() -> None:
    steps = history(
        [
            AddItem(item_id="pen", quantity=3),
            ClearCart(),
            AddItem(item_id="pen", quantity=2),
            AddItem(item_id="tea", quantity=1),
        ]
    )
    sandbox = replay_skipping(Cart(), steps, {3}, CATALOG)
    assert [o.status for o in sandbox.outcomes] == [
        Status.ACCEPTED,
        Status.SKIPPED,
        Status.NOW_REJECTED,
        Status.ACCEPTED,
    ]
    assert sandbox.outcomes[2].reason == "no more Pen in stock (3 already in the cart)"
    assert [(ln.item_id, ln.quantity) for ln in sandbox.cart.lines] == [("pen", 3), ("tea", 1)]
    assert [(ln.item_id, ln.quantity) for ln in sandbox.real.lines] == [("pen", 2), ("tea", 1)]
    assert stock_left(sandbox.cart, CATALOG, ["pen", "tea", "nope"]) == {"pen": 0, "tea": 4}
    assert stock_left(sandbox.real, CATALOG, ["pen"]) == {"pen": 1}


def test_skipping_a_rejected_command_makes_no_difference_and_a_refused_one_may_pass() -> None:
    steps = history(
        [
            AddItem(item_id="pen", quantity=3),
            AddItem(item_id="pen", quantity=1),  # refused: out of stock
            RemoveItem(item_id="pen", quantity=1),
        ]
    )
    assert steps[1].facts[0].reason == "no more Pen in stock (3 already in the cart)"  # type: ignore[union-attr]
    assert (
        replay_skipping(Cart(), steps, {3}, CATALOG).cart
        == replay_skipping(Cart(), steps, set(), CATALOG).cart
    )
    moved = replay_skipping(Cart(), [steps[2], steps[1]], set(), CATALOG)  # remove first
    assert moved.outcomes[0].status is Status.NOW_REJECTED
    skipped_first = replay_skipping(Cart(), steps, {1}, CATALOG)
    assert [o.status for o in skipped_first.outcomes] == [
        Status.SKIPPED,
        Status.NOW_ACCEPTED,
        Status.ACCEPTED,
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    with EventStore.open(tmp_path / "s.sqlite3") as opened:
        service = CartService(CATALOG, opened)
        for command in (
            AddItem(item_id="tea", quantity=1),  # v1, v2
            Checkout(),  # v3, v4: order 1
            AddItem(item_id="tea", quantity=2),  # v5, v6
            AddItem(item_id="pen", quantity=1),  # v7, v8
            RemoveItem(item_id="tea", quantity=2),  # v9, v10
        ):
            service.handle_step([Envelope.new(command, source="ui")])
        yield opened


def test_a_stored_range_replays_from_the_cart_before_it(store: EventStore) -> None:
    span = History(store).live_range()
    recorded = read_range(store, span)
    assert recorded.start.orders == 1 and recorded.start.sold == (("tea", 1),)
    assert [s.version for s in recorded.steps] == [5, 7, 9]
    assert [len(s.facts) for s in recorded.steps] == [1, 1, 1]
    same = recorded.replay(set(), CATALOG)
    assert same.cart == same.real == store.cart_at(LIVE_STREAM, 10)
    sandbox = recorded.replay({5}, CATALOG)
    assert sandbox.outcome_at(9).status is Status.NOW_REJECTED  # type: ignore[union-attr]
    assert [(ln.item_id, ln.quantity) for ln in sandbox.cart.lines] == [("pen", 1)]
    assert stock_left(sandbox.cart, CATALOG, ["tea"]) == {"tea": 4}  # one sold in order 1
    assert store.version(LIVE_STREAM) == 10  # the sandbox wrote nothing


def test_facts_are_grouped_under_the_command_that_caused_them() -> None:
    command = Envelope.new(AddItem(item_id="tea", quantity=1), source="ui")
    facts = decide(Cart(), command.event, CATALOG)  # type: ignore[arg-type]
    child = EventBus.child_envelope(facts[0], command, "cart")
    stray = Envelope.new(facts[0], source="elsewhere")

    class Stored:
        def __init__(self, version: int, envelope: Envelope) -> None:
            self.version, self.envelope = version, envelope

    steps, all_facts = recorded_steps(
        [Stored(1, command), Stored(2, child), Stored(3, stray)]  # type: ignore[list-item]
    )
    assert [(s.version, s.event_id, s.facts) for s in steps] == [(1, command.event_id, (facts[0],))]
    assert all_facts == [facts[0], facts[0]]


def test_a_refund_is_decided_against_the_orders_before_the_range(tmp_path: Path) -> None:
    with EventStore.open(tmp_path / "r.sqlite3") as opened:
        service = CartService(CATALOG, opened, ledger=StoredLedger(opened, LIVE_STREAM))
        refund = RefundItems(
            order_number=1,
            lines=(RefundLine(item_id="tea", quantity=2),),
            reason="x",
            method="cash",
        )
        for command in (
            AddItem(item_id="tea", quantity=2),  # v1, v2
            Checkout(),  # v3, v4: order 1
            AddItem(item_id="pen", quantity=1),  # v5, v6
            refund,  # v7, v8: all the tea of order 1 back
        ):
            service.handle_step([Envelope.new(command, source="ui")])
        recorded = read_range(opened, History(opened).live_range())
        same = recorded.replay(set(), CATALOG)  # the refund is not "already refunded"
        assert [o.status for o in same.outcomes] == [Status.ACCEPTED, Status.ACCEPTED]
        assert same.cart == same.real == opened.cart_at(LIVE_STREAM, 8)
        assert same.cart.sold_of("tea") == 0
        today = recorded.replay(set(), CATALOG, ledger=StoredLedger(opened, LIVE_STREAM))
        assert today.outcomes[1].reason == "Tea of order #1 was already refunded in full"
        kept = recorded.replay({7}, CATALOG)  # without the refund the tea stays sold
        assert kept.cart.sold_of("tea") == 2
        assert stock_left(kept.cart, CATALOG, ["tea"]) == {"tea": 3}
