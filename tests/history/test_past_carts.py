"""The read side's time travel, without Qt: ranges of a stream, the cart at a message, diffs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cartapp.bus import Envelope
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply_all, decide
from cartapp.domain.events import AddItem, Checkout, Command, UpdateItem
from cartapp.history import History, cart_diff
from cartapp.history.time_travel import CURRENT_SESSION
from cartapp.store import LIVE_STREAM, EventStore

__all__: list[str] = []

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog.json"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EventStore]:
    catalog = Catalog.from_json(CATALOG.read_text(encoding="utf-8"))
    with EventStore.open(tmp_path / "s.sqlite3") as opened:
        cart = Cart(currency=catalog.currency)
        version = 0
        commands: list[Command] = [
            AddItem(item_id="espresso-beans", quantity=2),  # v1 command, v2 fact
            Checkout(),  # v3, v4: order 1
            AddItem(item_id="rye-bread", quantity=1),  # v5, v6
            UpdateItem(item_id="rye-bread", quantity=2),  # v7, v8
        ]
        for command in commands:
            facts = decide(cart, command, catalog)
            sent = Envelope.new(command, source="ui")
            envelopes = [sent] + [
                Envelope.new(f, source="cart", correlation_id=sent.correlation_id) for f in facts
            ]
            version = opened.append(envelopes, LIVE_STREAM, version)
            cart = apply_all(cart, facts)
        yield opened


def test_a_message_belongs_to_its_order_or_to_the_open_session(store: EventStore) -> None:
    history = History(store)
    live = history.live_range()
    assert (live.first, live.last, live.title, live.live) == (5, 8, CURRENT_SESSION, True)
    order = history.session_of(LIVE_STREAM, 2)
    assert (order.first, order.last, order.title) == (1, 4, "Order #1")
    assert history.session_of(LIVE_STREAM, 7) == live


def test_a_moment_is_the_cart_after_a_message_and_what_it_changed(store: EventStore) -> None:
    history = History(store)
    live = history.live_range()
    moment = history.moment(live, 8)  # the ItemUpdated fact
    assert moment.message is not None and moment.message.version == 8
    assert [(line.item_id, line.quantity) for line in moment.cart.lines] == [("rye-bread", 2)]
    assert [(a.quantity, b.quantity) for a, b in moment.diff.changed] == [(1, 2)]
    assert moment.diff.change_of("rye-bread") == "changed"
    command = history.moment(live, 7)  # a command changes nothing
    assert command.diff.empty and command.cart == command.before


def test_a_diff_lists_added_removed_and_changed_lines_and_the_total(store: EventStore) -> None:
    before = store.cart_at(LIVE_STREAM, 2)
    after = store.cart_at(LIVE_STREAM, 6)  # the checkout emptied the cart, then rye bread
    diff = cart_diff(before, after)
    assert [line.item_id for line in diff.added] == ["rye-bread"]
    assert [line.item_id for line in diff.removed] == ["espresso-beans"]
    assert diff.total_delta == after.totals().total.amount - before.totals().total.amount
    assert diff.lines()[0].startswith("+ 1 x ")
