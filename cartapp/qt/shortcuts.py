"""The keyboard's way to the event log, time travel and every dock, listed in the menus.

``KeyboardShortcuts(window, docks, log_dock, time_travel)`` adds the actions and their menus:

- History (Alt+S): pause or resume the event log (F8, checkable, it follows the log's own
  pause button), back to live (Ctrl+L), and time travel's steps: previous and next message
  (Alt+Left, Alt+Right), first and last (Alt+Home, Alt+End). Going back to live or stepping
  shows time travel beside the event log (``place_beside``) when it is not on screen yet;
- View > Go to panel: Ctrl+1, Ctrl+2, ... for each dock in ``docks`` (in their order): show it,
  bring it to the front and put the keyboard focus in it (its table, or time travel's slider).

Every key is a window shortcut, so it works wherever the focus is in the main window, and none
is claimed twice (the window's ``unique_shortcuts`` rule; a test checks the whole window).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from cartapp.qt.dock_places import place_beside

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from cartapp.qt.main_window import MainWindow
    from cartapp.qt.widgets.event_log import EventLogDock
    from cartapp.qt.widgets.time_travel import TimeTravelDock

__all__ = ["DOCK_KEYS", "KeyboardShortcuts", "focus_target"]

DOCK_KEYS = tuple(f"Ctrl+{n}" for n in range(1, 10))
"""The keys of View > Go to panel, given to the docks in order (at most nine)."""


def focus_target(dock: QDockWidget) -> QWidget | None:
    """Where the keyboard goes in ``dock``: time travel's slider, a dock's main table
    (``view``), else its first widget that takes the focus by Tab (enabled ones only)."""
    for name in ("slider", "view"):
        widget = getattr(dock, name, None)
        if isinstance(widget, QWidget) and widget.isVisibleTo(dock) and widget.isEnabled():
            return widget
    body = dock.widget()
    if body is None:
        return None
    for child in body.findChildren(QWidget):
        tab = child.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tab and child.isVisibleTo(dock) and child.isEnabled():
            return child
    return body


class KeyboardShortcuts(QObject):
    """The actions and menus of the module docstring; parented to ``window``."""

    def __init__(
        self,
        window: MainWindow,
        docks: Mapping[str, QDockWidget],
        log_dock: EventLogDock,
        time_travel: TimeTravelDock,
    ) -> None:
        super().__init__(window)
        self.setObjectName("keyboardShortcuts")
        self.window = window
        self.log_dock = log_dock
        self.time_travel = time_travel

        self.pause_action = self._action(
            "pauseLogAction",
            self.tr("&Pause the event log"),
            "F8",
            self.tr("Hold new records back from the event log's view (they are still stored)"),
        )
        self.pause_action.setCheckable(True)
        self.pause_action.setChecked(log_dock.paused)
        self.pause_action.toggled.connect(log_dock.set_paused)
        log_dock.pause_button.toggled.connect(self.pause_action.setChecked)
        self.live_action = self._action(
            "backToLiveAction",
            self.tr("Back to &live"),
            "Ctrl+L",
            self.tr("Time travel: the live cart again, following every change"),
            self.back_to_live,
        )
        self.step_actions = {
            step: self._action(name, text, key, tip, partial(self.step, step))
            for step, name, text, key, tip in (
                (-1, "previousMessageAction", self.tr("P&revious message"), "Alt+Left",
                 self.tr("Time travel: the message before")),
                (1, "nextMessageAction", self.tr("&Next message"), "Alt+Right",
                 self.tr("Time travel: the message after")),
                (-2, "firstMessageAction", self.tr("&First message"), "Alt+Home",
                 self.tr("Time travel: the first message of the session")),
                (2, "lastMessageAction", self.tr("L&ast message"), "Alt+End",
                 self.tr("Time travel: the last message of the session")),
            )
        }  # fmt: skip
        self.history_menu = QMenu(self.tr("Hi&story"), window)
        self.history_menu.setObjectName("historyMenu")
        self.history_menu.addAction(self.pause_action)
        self.history_menu.addSeparator()
        self.history_menu.addAction(self.live_action)
        self.history_menu.addActions(list(self.step_actions.values()))
        bar = window.menuBar()
        help_menu = bar.findChild(QMenu, "helpMenu")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), self.history_menu)
        else:
            bar.addMenu(self.history_menu)

        self.go_menu = QMenu(self.tr("&Go to panel"), window)
        self.go_menu.setObjectName("goToPanelMenu")
        self.dock_actions: dict[str, QAction] = {}
        for key, dock in zip(DOCK_KEYS, docks.values(), strict=False):
            action = self._action(
                f"goTo{dock.objectName()[:1].upper()}{dock.objectName()[1:]}Action",
                dock.windowTitle(),
                key,
                self.tr("Show %1 and put the keyboard in it").replace("%1", dock.windowTitle()),
                partial(self.go_to, dock),
            )
            self.go_menu.addAction(action)
            self.dock_actions[dock.objectName()] = action
        window.view_menu.insertMenu(window.docks_separator, self.go_menu)

    def _action(
        self,
        name: str,
        text: str,
        key: str,
        tip: str,
        slot: Callable[[], object] | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # works while its menu is closed, and with no menu bar
        return action

    def _reveal_time_travel(self) -> None:
        if not self.time_travel.on_screen:
            place_beside(self.window, self.log_dock, self.time_travel)

    @Slot()
    def back_to_live(self) -> None:
        self._reveal_time_travel()
        self.time_travel.show_live()

    def step(self, step: int) -> None:
        """Time travel's step ``step`` (-1/+1 previous/next, -2/+2 first/last), shown."""
        self._reveal_time_travel()
        self.time_travel.step(step)

    def go_to(self, dock: QDockWidget) -> None:
        """Show ``dock``, bring it to the front and put the keyboard focus in it."""
        dock.show()
        dock.raise_()
        target = focus_target(dock)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
