"""Time travel: the cart right after any stored message, read only, with what the message changed.

Given a cart built through the bus, when the user steps, drags the slider, selects a log row,
opens an order or goes back to live, then the dock shows the cart ``EventStore.cart_at`` gives
for that message, the banner says which moment it is, and nothing in the store or the live cart
changes.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cartapp.app import App
from cartapp.bus import Envelope
from cartapp.domain.cart import Cart, CartLine
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    ItemAdded,
    RemoveItem,
    UpdateItem,
)
from cartapp.history.time_travel import cart_diff
from cartapp.qt.models.lines import CHANGE_ROLE, LinesModel
from cartapp.qt.widgets.time_travel import TimeTravelDock
from cartapp.store import LIVE_STREAM

MINUS = "\u2212"
STORY = (
    AddItem(item_id="espresso-beans", quantity=2),  # v1 command, v2 ItemAdded
    AddItem(item_id="butter-croissant", quantity=4),  # v3, v4
    UpdateItem(item_id="butter-croissant", quantity=6),  # v5, v6 ItemUpdated
    AddItem(item_id="rye-bread", quantity=9),  # v7, v8 CommandRejected
    RemoveItem(item_id="espresso-beans", quantity=2),  # v9, v10 ItemRemoved
)


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    app.docks["eventLogDock"].flush()
    QApplication.processEvents()


@pytest.fixture
def story(cart_app: App, qtbot) -> App:
    for command in STORY:
        cart_app.window.send(command)
    settle(cart_app)
    dock = cart_app.time_travel
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    return cart_app


@pytest.fixture
def dock(story: App) -> TimeTravelDock:
    return story.time_travel


def lines(cart: Cart) -> list[tuple[str, int]]:
    return [(line.item_id, line.quantity) for line in cart.lines]


def shown(dock: TimeTravelDock) -> list[tuple[str, int]]:
    model = dock.view.model()
    return [
        (model.index(row, 0).data(), int(model.index(row, 2).data()))
        for row in range(model.rowCount())
    ]


def test_it_starts_live_on_the_current_session(story: App, dock: TimeTravelDock) -> None:
    assert dock.following_live
    assert dock.range.stream == LIVE_STREAM and (dock.range.first, dock.range.last) == (1, 10)
    assert dock.version == 10
    assert dock.cart.lines == story.service.cart.lines
    assert dock.banner_text().startswith("Live cart")
    assert not dock.live_button.isVisible()
    assert dock.slider.value() == 10 and dock.position_label.text() == "10 / 10"


def test_every_version_shows_the_stored_cart_at_it(story: App, dock: TimeTravelDock) -> None:
    store = story.live.store
    for version in range(1, 11):
        dock.set_version(version)
        assert dock.version == version
        assert dock.cart == store.cart_at(LIVE_STREAM, version)
        assert shown(dock) == [(line.name, line.quantity) for line in dock.cart.lines]


def test_stepping_back_shows_a_read_only_moment_of_the_past(
    story: App, dock: TimeTravelDock, qtbot
) -> None:
    qtbot.mouseClick(dock.prev_button, Qt.MouseButton.LeftButton)  # v9: the RemoveItem command
    assert dock.version == 9 and not dock.following_live
    assert "command 'remove 2 x Espresso beans 1 kg'" in dock.banner_text()
    assert dock.diff.empty and "a command changes nothing" in dock.diff_text()
    qtbot.mouseClick(dock.prev_button, Qt.MouseButton.LeftButton)  # v8: the rejection
    qtbot.mouseClick(dock.prev_button, Qt.MouseButton.LeftButton)  # v7
    qtbot.mouseClick(dock.prev_button, Qt.MouseButton.LeftButton)  # v6: ItemUpdated
    text = dock.banner_text()
    assert text.startswith("Viewing the cart as it was at ")
    assert "after 'Changed Butter croissant from 4 to 6'" in text and text.endswith("read only")
    assert lines(dock.cart) == [("espresso-beans", 2), ("butter-croissant", 6)]
    assert dock.live_button.isVisible()
    assert dock.banner.property("mode") == "history"
    # the difference from the message before, and the changed line is marked in the table
    assert dock.diff_text() == "Butter croissant: 4 → 6\nTotal +€1.90"
    row = [dock.model.index(r, 0).data() for r in range(2)].index("Butter croissant")
    assert dock.model.index(row, 0).data(CHANGE_ROLE) == "changed"
    assert dock.model.index(1 - row, 0).data(CHANGE_ROLE) is None


def test_the_first_and_last_buttons_and_the_slider(dock: TimeTravelDock, qtbot) -> None:
    qtbot.mouseClick(dock.first_button, Qt.MouseButton.LeftButton)
    assert dock.version == 1 and dock.cart.lines == ()
    assert not dock.first_button.isEnabled() and not dock.prev_button.isEnabled()
    qtbot.keyClick(dock.slider, Qt.Key.Key_Right)
    assert dock.version == 2
    assert dock.diff_text() == "+ 2 x Espresso beans 1 kg\nTotal +€40.45"
    assert "after 'Added 2 x Espresso beans 1 kg'" in dock.banner_text()
    qtbot.mouseClick(dock.last_button, Qt.MouseButton.LeftButton)
    assert dock.version == 10 and not dock.next_button.isEnabled()
    assert not dock.following_live  # the last message, but looked at, not followed
    assert dock.diff.removed and dock.diff_text().startswith(f"{MINUS} 2 x Espresso beans 1 kg")


def test_back_to_live_follows_new_messages_again(story: App, dock: TimeTravelDock, qtbot) -> None:
    dock.set_version(3)
    story.window.send(AddItem(item_id="pretzel", quantity=1))
    settle(story)
    qtbot.waitUntil(lambda: dock.range.last == 12, timeout=30_000)
    assert dock.version == 3 and not dock.following_live  # the moment looked at stays
    qtbot.mouseClick(dock.live_button, Qt.MouseButton.LeftButton)
    assert dock.following_live and dock.version == 12
    assert dock.cart.lines == story.service.cart.lines
    story.window.send(AddItem(item_id="pretzel", quantity=1))
    settle(story)
    qtbot.waitUntil(lambda: dock.version == 14, timeout=30_000)
    assert dock.cart.quantity_of("pretzel") == 2


def test_selecting_a_log_row_moves_to_that_message(story: App, dock: TimeTravelDock) -> None:
    log = story.docks["eventLogDock"]
    target = None
    for row in range(log.proxy.rowCount()):
        record = log.proxy.record(row)
        if isinstance(record.envelope.event, ItemAdded) and record.envelope.event.quantity == 4:
            target = record
            log.select_row(row)
            break
    assert target is not None
    stored = story.live.store.event(target.envelope.event_id)
    assert dock.version == stored.version == 4
    assert lines(dock.cart) == [("espresso-beans", 2), ("butter-croissant", 4)]
    assert "after 'Added 4 x Butter croissant'" in dock.banner_text()


def test_double_clicking_a_log_row_brings_time_travel_to_the_front(
    story: App, dock: TimeTravelDock, qtbot
) -> None:
    log = story.docks["eventLogDock"]
    log.raise_()
    qtbot.waitUntil(lambda: not dock.on_screen, timeout=30_000)
    row = next(
        r
        for r in range(log.proxy.rowCount())
        if log.proxy.record(r).envelope.event_type == "ItemUpdated"
    )
    index = log.proxy.index(row, 0)
    log.view.scrollTo(index)
    rect = log.view.visualRect(index)
    qtbot.mouseClick(log.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(log.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    assert dock.version == 6


def test_a_message_that_is_not_stored_is_reported(story: App, dock: TimeTravelDock) -> None:
    before = dock.version
    assert not dock.go_to_event("no-such-event")
    assert dock.version == before
    assert "not in the store" in dock.title_label.text()


def test_an_order_opens_at_its_full_cart_and_spans_its_session(
    story: App, dock: TimeTravelDock
) -> None:
    story.window.confirm_checkout = lambda cart: True
    story.window.send(Checkout())  # v11, v12 CheckedOut
    story.window.send(AddItem(item_id="pretzel", quantity=1))  # v13, v14: the next session
    settle(story)
    order = story.live.store.orders(LIVE_STREAM)[0]
    dock.open_order(order)
    assert (dock.range.first, dock.range.last) == (1, 12) and dock.range.title == "Order #1"
    assert dock.version == 11  # the Checkout command: the cart is still full
    assert lines(dock.cart) == [("butter-croissant", 6)]
    dock.step(1)
    assert dock.cart.lines == () and "closed into order #1 (€" in dock.diff_text()
    # a log row of the new session moves to that session
    newest = next(story.live.store.iter_events(LIVE_STREAM, 14, 14)).envelope.event_id
    assert dock.go_to_event(newest)
    assert (dock.range.first, dock.range.last) == (13, 14) and dock.range.live
    assert dock.following_live  # its newest message: live again


def test_browsing_rewrites_nothing(story: App, dock: TimeTravelDock, qtbot) -> None:
    store = story.live.store
    count, version = store.count(), store.version(LIVE_STREAM)
    live_cart = story.service.cart
    shown_cart = story.window.cart_model.cart
    published: list[Envelope] = []
    story.bus.tap(lambda batch: published.extend(r.envelope for r in batch))
    for step in (-2, 1, 1, 1, 1, 2, -1, -1):
        dock.step(step)
    for value in range(1, 11):
        dock.slider.setValue(value)
    dock.go_to_event(next(store.iter_events(LIVE_STREAM, 2, 2)).envelope.event_id)
    qtbot.mouseClick(dock.live_button, Qt.MouseButton.LeftButton)
    assert store.count() == count and store.version(LIVE_STREAM) == version
    assert story.service.cart is live_cart and story.window.cart_model.cart is shown_cart
    assert published == []  # not one message on the bus


def test_cart_diff() -> None:
    def line(item: str, quantity: int, price: str = "1.00") -> CartLine:
        return CartLine(item, item.title(), Decimal(price), Decimal("0.10"), quantity)

    before = Cart(lines=(line("a", 1), line("b", 2)))
    after = Cart(lines=(line("b", 3), line("c", 1, "2.50")))
    diff = cart_diff(before, after)
    assert [x.item_id for x in diff.added] == ["c"]
    assert [x.item_id for x in diff.removed] == ["a"]
    assert [(a.quantity, b.quantity) for a, b in diff.changed] == [(2, 3)]
    assert diff.total_delta == Decimal("2.75")  # -1.10 + 1.10 + 2.75
    assert diff.lines() == ["+ 1 x C", f"{MINUS} 1 x A", "B: 2 → 3", "Total +€2.75"]
    assert cart_diff(after, after).empty
    assert cart_diff(after, before).lines()[-1] == f"Total {MINUS}€2.75"


def test_the_snapshot_model_passes_the_model_tester(qtmodeltester, story: App) -> None:
    model = LinesModel()
    qtmodeltester.check(model)
    cart = story.live.store.cart_at(LIVE_STREAM, 6)
    model.set_cart(cart, cart_diff(story.live.store.cart_at(LIVE_STREAM, 5), cart))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and not model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable


def test_after_a_checkout_the_session_is_the_order_until_the_next_message(
    story: App, dock: TimeTravelDock
) -> None:
    story.window.confirm_checkout = lambda cart: True
    story.window.send(Checkout())
    settle(story)
    dock.refresh()
    # "The session" is the one the checkout closed while the next cart is still empty.
    assert dock.following_live and (dock.range.first, dock.range.last) == (1, 12)
    assert dock.range.title == "Current session (order #1, checked out)"
    assert dock.version == 12 and dock.message.envelope.event_type == "CheckedOut"
    assert dock.cart.lines == () and dock.slider.isEnabled()
    assert "Current session (order #1, checked out) · 12 messages" in dock.title_label.text()
    story.window.send(ClearCart())  # a rejected clear still is a message: it opens the next one
    settle(story)
    dock.refresh()
    assert (dock.range.first, dock.range.last) == (13, 14) and dock.version == 14
    assert dock.range.title == "Current session"


def test_a_store_without_messages_has_an_empty_current_session(cart_app: App) -> None:
    dock = cart_app.time_travel
    dock.refresh()
    assert dock.following_live and dock.range.empty and dock.message is None
    assert "nothing has happened in this session yet" in dock.banner_text()
    assert not dock.slider.isEnabled()
