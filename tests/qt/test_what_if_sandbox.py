"""What-if in time travel: skip past commands in a sandbox, then apply the difference.

Given the time travel story (v1 add 2 espresso beans, v3 add 4 croissants, v5 set croissants
to 6, v7 add 9 rye bread (refused), v9 remove the beans), when the user opens "What if…" and
ticks commands, then the sandbox shows the cart as it would be, marks the commands that would
now be refused (with the reason), never touches the store or the live cart, and "Apply to live
cart" sends the difference as ordinary commands that one undo takes back.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from cartapp.app import App
from cartapp.domain.events import AddItem, Checkout, ClearCart, RemoveItem, UpdateItem
from cartapp.domain.pos import ApplyCoupon, RemoveDiscount
from cartapp.qt.models.what_if import COL_COMMAND, COL_NOW, COL_SKIP, STATUS_ROLE, WhatIfModel
from cartapp.qt.widgets.what_if import WhatIfPanel
from cartapp.store import LIVE_STREAM

STORY = (
    AddItem(item_id="espresso-beans", quantity=2),  # v1, v2
    AddItem(item_id="butter-croissant", quantity=4),  # v3, v4
    UpdateItem(item_id="butter-croissant", quantity=6),  # v5, v6
    AddItem(item_id="rye-bread", quantity=9),  # v7, v8 refused
    RemoveItem(item_id="espresso-beans", quantity=2),  # v9, v10
)


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # bounds a hang, never a verdict
    app.bridge.flush()
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
def panel(story: App, qtbot) -> WhatIfPanel:
    found = story.time_travel.findChild(WhatIfPanel, "whatIfPanel")
    assert found is not None and not found.isVisible()
    qtbot.mouseClick(found.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(found.isVisible, timeout=30_000)
    return found


def lines(cart) -> dict[str, int]:
    return {line.item_id: line.quantity for line in cart.lines}


def row_of(panel: WhatIfPanel, version: int) -> int:
    row = panel.model.row_of(version)
    assert row is not None
    return row


def click_skip(qtbot, panel: WhatIfPanel, version: int) -> None:
    view = panel.steps_view
    rect = view.visualRect(panel.model.index(row_of(panel, version), COL_SKIP))
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.left() + 10, rect.center().y()),
    )


def status(panel: WhatIfPanel, version: int) -> str:
    return panel.model.index(row_of(panel, version), COL_NOW).data(STATUS_ROLE)


def test_opening_it_shows_the_real_history_in_a_marked_sandbox(story: App, panel) -> None:
    model = panel.model
    assert model.rowCount() == 5
    texts = [model.index(r, COL_COMMAND).data() for r in range(5)]
    assert texts[0] == "add 2 x Espresso beans 1 kg"
    assert texts[2].startswith("set Butter croissant to 6")
    assert [status(panel, v) for v in (1, 3, 5, 7, 9)] == [
        "accepted",
        "accepted",
        "accepted",
        "rejected",
        "accepted",
    ]
    assert panel.banner_text().startswith("What-if sandbox, not the live cart: 0 commands skipped")
    assert "Nothing here changes the live cart" in panel.banner_text()
    assert panel.result is not None and panel.result.cart == story.service.cart
    assert not panel.apply_button.isEnabled()
    assert panel.status_label.text() == "No difference from the live cart."
    assert not panel.reset_button.isEnabled()


def test_skipping_an_add_marks_its_remove_as_rejected_and_writes_nothing(
    story: App, panel, qtbot
) -> None:
    store_version = story.live.store.version(LIVE_STREAM)
    live = story.service.cart
    click_skip(qtbot, panel, 1)
    assert panel.model.skipped == {1}
    assert status(panel, 1) == "skipped" and status(panel, 9) == "now rejected"
    cell = panel.model.index(row_of(panel, 9), COL_NOW)
    assert cell.data() == "now rejected"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "Would now be rejected: 'espresso-beans' is not in the cart"
    )
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    text = panel.banner_text()
    assert "1 command skipped; 1 would now be rejected." in text
    # the beans are gone either way: no difference to apply
    assert lines(panel.result.cart) == lines(live) == {"butter-croissant": 6}
    assert not panel.apply_button.isEnabled()
    assert story.live.store.version(LIVE_STREAM) == store_version
    assert story.service.cart == live
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.model.skipped == frozenset() and status(panel, 9) == "accepted"


def test_space_skips_the_selected_command_and_the_sandbox_shows_its_cart(
    story: App, panel, qtbot
) -> None:
    view = panel.steps_view
    view.setFocus()
    view.setCurrentIndex(panel.model.index(row_of(panel, 3), COL_COMMAND))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert panel.model.skipped == {3}
    assert status(panel, 5) == "now rejected"
    assert lines(panel.result.cart) == {}
    assert panel.cart_view.model().rowCount() == 0
    assert "Total €0.00" in panel.totals_label.text()
    assert "Butter croissant" in panel.stock_label.text()
    assert "really" in panel.stock_label.text()  # six croissants fewer held than in reality
    assert panel.diff_label.text().startswith("Unlike the real cart:")
    assert panel.apply_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert panel.model.skipped == frozenset()


def test_apply_sends_the_difference_as_commands_that_one_undo_takes_back(
    story: App, panel, qtbot, commands
) -> None:
    click_skip(qtbot, panel, 3)  # no croissants: the update is refused
    click_skip(qtbot, panel, 9)  # the beans stay
    assert lines(panel.result.cart) == {"espresso-beans": 2}
    assert panel.plan.commands == (
        AddItem(item_id="espresso-beans", quantity=2),
        RemoveItem(item_id="butter-croissant", quantity=6),
    )
    stack = story.window.undo.stack
    depth = stack.count()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    settle(story)
    assert lines(story.service.cart) == {"espresso-beans": 2}
    assert [e.event for e in commands[-2:]] == [
        AddItem(item_id="espresso-beans", quantity=2),
        RemoveItem(item_id="butter-croissant", quantity=6),
    ]
    assert len({e.correlation_id for e in commands[-2:]}) == 1
    assert {e.source for e in commands[-2:]} == {"ui"}
    assert stack.count() == depth + 1 and stack.undoText().startswith("Apply what-if")
    assert panel.model.skipped == frozenset()  # the sandbox is the live cart now
    assert "Sent 2 commands to the live cart" in panel.status_label.text()
    story.window.undo_action.trigger()
    settle(story)
    assert lines(story.service.cart) == {"butter-croissant": 6}
    story.window.redo_action.trigger()
    settle(story)
    assert lines(story.service.cart) == {"espresso-beans": 2}


def test_a_past_order_can_be_explored_but_not_applied(story: App, qtbot) -> None:
    story.window.send(Checkout())
    settle(story)
    story.window.send(AddItem(item_id="espresso-beans", quantity=1))
    settle(story)
    dock = story.time_travel
    order = story.live.store.orders(LIVE_STREAM)[0]
    dock.open_order(order)
    panel = dock.findChild(WhatIfPanel, "whatIfPanel")
    panel.set_open(True)
    assert panel.toggle.isChecked()
    assert panel.model.rowCount() == 6
    panel.skip(11)  # the checkout: the order's cart stays in the sandbox
    assert status(panel, 11) == "skipped"
    assert not panel.apply_button.isEnabled()
    assert "current session only" in panel.apply_button.toolTip()
    dock.show_live()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=30_000)
    assert panel.model.skipped == frozenset()


def test_a_checked_out_session_cannot_be_undone_by_apply(story: App, panel, qtbot) -> None:
    story.window.send(Checkout())
    settle(story)
    panel.reload()
    assert panel.dock.range.live and panel.model.rowCount() == 6
    panel.skip(11)
    assert not panel.apply_button.isEnabled()
    assert "an order is final" in panel.status_label.text()


def test_clear_then_skip_the_clear_runs_out_of_stock(cart_app: App, qtbot) -> None:
    window = cart_app.window
    product = cart_app.catalog.get("espresso-beans")
    assert product is not None
    window.send(AddItem(item_id="espresso-beans", quantity=product.stock))
    window.send(ClearCart())
    window.send(AddItem(item_id="espresso-beans", quantity=1))
    settle(cart_app)
    dock = cart_app.time_travel
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    panel = dock.findChild(WhatIfPanel, "whatIfPanel")
    panel.set_open(True)
    panel.skip(3)
    assert status(panel, 5) == "now rejected"
    tip = panel.model.index(row_of(panel, 5), COL_NOW).data(Qt.ItemDataRole.ToolTipRole)
    assert "in stock" in tip


def test_the_model_passes_the_model_tester(story: App, panel, qtmodeltester) -> None:
    panel.skip(3)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(WhatIfModel())


def test_a_coupon_expired_meanwhile_is_refused_and_the_status_says_so(cart_app: App, qtbot) -> None:
    window = cart_app.window
    window.today = lambda: date(2026, 6, 1)
    window.send(AddItem(item_id="espresso-beans", quantity=1))  # v1, v2
    window.send(ApplyCoupon(code="COFFEE15", today=date(2026, 6, 1)))  # v3, v4
    window.send(RemoveDiscount(code="COFFEE15"))  # v5, v6
    settle(cart_app)
    dock = cart_app.time_travel
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    panel = dock.findChild(WhatIfPanel, "whatIfPanel")
    panel.set_open(True)
    panel.skip(5)  # keep the coupon in the sandbox
    assert [d.code for d in panel.result.cart.discounts] == ["COFFEE15"]
    window.today = lambda: date(2027, 1, 5)  # the till's date has moved past the coupon's
    panel.reload()
    assert panel.plan.commands == (ApplyCoupon(code="COFFEE15", today=date(2027, 1, 5)),)
    depth = window.undo.stack.count()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    settle(cart_app)
    assert cart_app.service.cart.discounts == ()
    assert panel.status_label.text().endswith("1 refused: coupon COFFEE15 expired on 2026-12-31")
    assert window.undo.stack.count() == depth  # nothing changed, nothing to undo


def test_one_batch_is_one_undo_entry_even_when_a_command_is_refused(cart_app: App, qtbot) -> None:
    window = cart_app.window
    stack = window.undo.stack
    window.undo.publish_all(
        [
            AddItem(item_id="espresso-beans", quantity=2),
            RemoveItem(item_id="rye-bread", quantity=1),  # not in the cart: refused
            AddItem(item_id="butter-croissant", quantity=3),
        ],
        "three at once",
    )
    settle(cart_app)
    assert lines(cart_app.service.cart) == {"espresso-beans": 2, "butter-croissant": 3}
    assert stack.count() == 1 and stack.undoText() == "three at once"
    window.undo_action.trigger()
    settle(cart_app)
    assert lines(cart_app.service.cart) == {}
    assert stack.index() == 0
    window.redo_action.trigger()
    settle(cart_app)
    assert lines(cart_app.service.cart) == {"espresso-beans": 2, "butter-croissant": 3}


def test_new_live_commands_join_the_sandbox_and_skips_stay(story: App, panel, qtbot) -> None:
    panel.skip(3)
    story.window.send(AddItem(item_id="butter-croissant", quantity=1))  # v11, v12
    settle(story)
    story.time_travel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 6, timeout=30_000)
    assert panel.model.skipped == {3}
    assert status(panel, 11) == "accepted"
    assert lines(panel.result.cart) == {"butter-croissant": 1}


def test_double_clicking_a_command_shows_the_cart_at_it(story: App, panel, qtbot) -> None:
    view = panel.steps_view
    rect = view.visualRect(panel.model.index(row_of(panel, 5), COL_COMMAND))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert story.time_travel.version == 5 and not story.time_travel.following_live
    assert view.currentIndex().row() == row_of(panel, 5)
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)  # closing gives the cart back
    assert not panel.isVisible() and story.time_travel.view.isVisible()
