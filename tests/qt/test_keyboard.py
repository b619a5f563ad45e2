"""The keyboard: pause the log, back to live, step through time travel, go to each dock.

Given the whole app, when the user presses the keys the History menu and View > Go to panel
list (wherever the focus is in the window), then the log pauses and resumes, time travel opens
beside the log and steps, comes back to live, and each dock comes to the front with the keyboard
focus in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from cartapp.domain.events import AddItem, UpdateItem
from cartapp.qt.dock_places import side_by_side
from cartapp.qt.shortcuts import DOCK_KEYS, KeyboardShortcuts

if TYPE_CHECKING:
    from cartapp.app import App

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    app.docks["eventLogDock"].flush()
    QApplication.processEvents()


def press(qtbot, app: App, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is (the catalog's search box after a start)."""
    target = QApplication.focusWidget() or app.window
    qtbot.keyClick(target, key, modifier)


@pytest.fixture
def keys(cart_app: App) -> KeyboardShortcuts:
    assert cart_app.keys is not None
    cart_app.window.catalog_panel.focus_search()  # where the focus is after a start
    return cart_app.keys


def test_the_menus_list_every_key(cart_app: App, keys: KeyboardShortcuts) -> None:
    bar = cart_app.window.menuBar()
    titles = [a.text() for a in bar.actions()]
    assert titles.index("Hi&story") == titles.index("&Help") - 1
    history = cart_app.window.findChild(QMenu, "historyMenu")
    listed = {a.objectName(): a.shortcut().toString() for a in history.actions() if a.text()}
    assert listed == {
        "pauseLogAction": "F8",
        "backToLiveAction": "Ctrl+L",
        "previousMessageAction": "Alt+Left",
        "nextMessageAction": "Alt+Right",
        "firstMessageAction": "Alt+Home",
        "lastMessageAction": "Alt+End",
    }
    go = cart_app.window.findChild(QMenu, "goToPanelMenu")
    assert go.menuAction() in cart_app.window.view_menu.actions()
    panels = [(a.text(), a.shortcut().toString()) for a in go.actions()]
    docks = list(cart_app.docks.values())
    assert panels == [(d.windowTitle(), k) for d, k in zip(docks, DOCK_KEYS, strict=False)]
    assert panels[0] == ("Event log", "Ctrl+1") and len(panels) == len(docks) >= 6


def test_f8_pauses_and_resumes_the_log_as_its_button_does(
    qtbot, cart_app: App, keys: KeyboardShortcuts
) -> None:
    log = cart_app.docks["eventLogDock"]
    press(qtbot, cart_app, Qt.Key.Key_F8)
    assert log.paused and log.pause_button.isChecked() and keys.pause_action.isChecked()
    cart_app.window.send(AddItem(item_id="pretzel", quantity=1))
    settle(cart_app)
    assert log.proxy.rowCount() == 0  # held back while paused
    press(qtbot, cart_app, Qt.Key.Key_F8)
    assert not log.paused
    log.flush()
    assert log.proxy.rowCount() > 0
    qtbot.mouseClick(log.pause_button, Qt.MouseButton.LeftButton)
    assert keys.pause_action.isChecked()  # the menu follows the button


def test_alt_arrows_step_time_travel_beside_the_log_and_ctrl_l_goes_back_to_live(
    qtbot, cart_app: App, keys: KeyboardShortcuts
) -> None:
    window, log, travel = cart_app.window, cart_app.docks["eventLogDock"], cart_app.time_travel
    for command in (
        AddItem(item_id="espresso-beans", quantity=2),
        UpdateItem(item_id="espresso-beans", quantity=3),
    ):
        window.send(command)
    settle(cart_app)
    assert not travel.on_screen
    press(qtbot, cart_app, Qt.Key.Key_Left, ALT)
    qtbot.waitUntil(lambda: side_by_side(window, log, travel), timeout=30_000)
    assert travel.version == 3 and not travel.following_live
    press(qtbot, cart_app, Qt.Key.Key_Home, ALT)
    assert travel.version == 1
    press(qtbot, cart_app, Qt.Key.Key_Right, ALT)
    assert travel.version == 2
    press(qtbot, cart_app, Qt.Key.Key_End, ALT)
    assert travel.version == 4 and not travel.following_live
    press(qtbot, cart_app, Qt.Key.Key_Home, ALT)
    press(qtbot, cart_app, Qt.Key.Key_L, CTRL)
    assert travel.following_live and travel.version == 4
    assert travel.source_combo.currentText() == "Live cart"


def test_ctrl_digits_bring_each_dock_forward_with_the_focus_in_it(
    qtbot, cart_app: App, keys: KeyboardShortcuts
) -> None:
    docks = list(cart_app.docks.values())
    for number, dock in enumerate(docks, start=1):
        press(qtbot, cart_app, getattr(Qt.Key, f"Key_{number}"), CTRL)
        qtbot.waitUntil(lambda d=dock: not d.visibleRegion().isEmpty(), timeout=30_000)
        focus = QApplication.focusWidget()
        assert focus is not None and dock.isAncestorOf(focus), (dock.objectName(), focus)
    press(qtbot, cart_app, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is cart_app.docks["eventLogDock"].view
    cart_app.window.send(AddItem(item_id="pretzel", quantity=1))
    settle(cart_app)
    press(qtbot, cart_app, Qt.Key.Key_6, CTRL)  # with messages to step through: the slider
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cart_app.time_travel.slider)


def test_no_history_key_is_taken_by_another_action(cart_app: App) -> None:
    from PySide6.QtGui import QAction

    owners: dict[str, list[str]] = {}
    for action in cart_app.window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.objectName())
    for key in ("F8", "Ctrl+L", "Alt+Left", "Alt+Right", "Alt+Home", "Alt+End", *DOCK_KEYS[:6]):
        assert len(owners.get(QKeySequence(key).toString(), [])) == 1, (key, owners.get(key))
