"""The File menu's history actions: export a session or all history as JSON Lines, import a file.

``SessionFiles`` adds three actions to the main window's File menu (above Quit):

- "Export session as JSON Lines…" (``exportSessionAction``): the session the time-travel dock
  shows, which is the current cart's session unless the user went back in time; when the current
  session is still empty, the last one that holds messages (the order just checked out).
- "Export all history…" (``exportHistoryAction``): every message of the live cart, all sessions.
- "Import session…" (``importSessionAction``): ``import_jsonl`` validates the whole file first;
  a problem is shown in a message box that names the line, and then nothing was stored. An
  accepted file becomes a new stream, opened in the time-travel dock for replay. An imported
  stream never changes the live cart.

The file dialogs and the message box are attributes (``choose_save_path``,
``choose_open_path``, ``show_message``) so tests and automation can replace them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from cartapp.store import LIVE_STREAM, ImportFileError, StoreError, export_jsonl, import_jsonl

if TYPE_CHECKING:
    from cartapp.qt.main_window import MainWindow
    from cartapp.qt.widgets.time_travel import TimeTravelDock
    from cartapp.store import EventStore, ImportResult

__all__ = ["JSONL_FILTER", "SessionFiles"]

JSONL_FILTER = "JSON Lines (*.jsonl *.ndjson);;All files (*)"

PathChooser = Callable[[str, str], str | None]
"""``(caption, suggested path) -> chosen path`` or None when cancelled."""
MessageSink = Callable[[QMessageBox.Icon, str, str], None]
"""``(icon, title, text)``: tell the user something."""


class SessionFiles(QObject):
    """See the module docstring."""

    exported = Signal(str, int)
    """A file was written: its path and how many messages it holds."""
    imported = Signal(object)
    """A file was imported: the ``ImportResult``."""

    def __init__(
        self,
        window: MainWindow,
        store: EventStore,
        time_travel: TimeTravelDock | None = None,
        *,
        currency: str = "EUR",
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.time_travel = time_travel
        self.currency = currency
        self.choose_save_path: PathChooser = self._save_dialog
        self.choose_open_path: PathChooser = self._open_dialog
        self.show_message: MessageSink = self._message_box
        self.export_session_action = self._action(
            "exportSessionAction",
            "&Export session as JSON Lines…",
            self.export_session,
            "Ctrl+E",
            "Save the session shown in Time travel (normally the current cart's) as a file",
        )
        self.export_history_action = self._action(
            "exportHistoryAction",
            "Export &all history…",
            self.export_history,
            "Ctrl+Shift+E",
            "Save every message of the cart, all sessions and orders, as a file",
        )
        self.import_action = self._action(
            "importSessionAction",
            "&Import session…",
            self.import_session,
            "Ctrl+I",
            "Open a JSON Lines file as a new session to replay in Time travel",
        )
        self._install()

    def _action(
        self, name: str, text: str, slot: Callable[[], object], shortcut: str, tip: str
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda: slot())
        return action

    def _install(self) -> None:
        menu = self.window.menuBar().findChild(QMenu, "fileMenu")
        if menu is None:
            menu = self.window.menuBar().addMenu("&File")
        quit_action = getattr(self.window, "quit_action", None)
        actions = [self.export_session_action, self.export_history_action, self.import_action]
        if quit_action is not None and quit_action in menu.actions():
            menu.insertActions(quit_action, actions)
            menu.insertSeparator(quit_action)
        else:
            menu.addActions(actions)

    # -- what to export ---------------------------------------------------------------------

    def session_range(self) -> tuple[str, int, int]:
        """``(stream, first, last)`` of the session "Export session" writes (module docstring)."""
        dock = self.time_travel
        if dock is not None and not dock.following_live:
            span = dock.range
            if span.last >= span.first:
                return span.stream, span.first, span.last
        for session in reversed(self.store.sessions(LIVE_STREAM)):
            if session.size > 0:
                return LIVE_STREAM, session.first, session.last
        return LIVE_STREAM, 1, 0

    # -- actions ----------------------------------------------------------------------------

    @Slot()
    def export_session(self, path: str | None = None) -> int | None:
        """Write the session (see ``session_range``); returns how many messages, None if not."""
        stream, first, last = self.session_range()
        if last < first:
            self.show_message(
                QMessageBox.Icon.Information,
                "Nothing to export",
                "This cart has no events yet: add something first.",
            )
            return None
        return self._export(path, "Export session", "session", stream, first, last)

    @Slot()
    def export_history(self, path: str | None = None) -> int | None:
        """Write every message of the live cart; returns how many, None if cancelled."""
        if self.store.version(LIVE_STREAM) == 0:
            self.show_message(
                QMessageBox.Icon.Information,
                "Nothing to export",
                "This cart has no events yet: add something first.",
            )
            return None
        return self._export(path, "Export all history", "history", LIVE_STREAM, 1, None)

    def _export(
        self, path: str | None, caption: str, kind: str, stream: str, first: int, last: int | None
    ) -> int | None:
        if path is None:
            path = self.choose_save_path(caption, self._suggested(kind))
            if not path:
                return None
        try:
            count = export_jsonl(self.store, path, stream=stream, first=first, last=last)
        except (OSError, StoreError) as exc:
            self.show_message(
                QMessageBox.Icon.Warning, "Export failed", f"Could not write {path}:\n{exc}"
            )
            return None
        self.window.show_status(
            f"Exported {count} message{'s' if count != 1 else ''} to {Path(path).name}", "success"
        )
        self.exported.emit(str(path), count)
        return count

    @Slot()
    def import_session(self, path: str | None = None) -> ImportResult | None:
        """Validate and import ``path`` (asked for when None); opens it in time travel."""
        if path is None:
            path = self.choose_open_path("Import session", self._documents())
            if not path:
                return None
        try:
            result = import_jsonl(self.store, path, currency=self.currency)
        except ImportFileError as exc:
            where = f"Line {exc.line}: " if exc.line else ""
            self.show_message(
                QMessageBox.Icon.Warning,
                "Import refused",
                f"{Path(path).name} was not imported; nothing was changed.\n\n{where}{exc.reason}",
            )
            return None
        except (OSError, StoreError) as exc:
            self.show_message(
                QMessageBox.Icon.Warning,
                "Import failed",
                f"{Path(path).name} could not be imported; nothing was changed.\n\n{exc}",
            )
            return None
        self.window.show_status(
            f"Imported {result.events} message{'s' if result.events != 1 else ''} from "
            f"{result.title}: replay it in Time travel (your cart is unchanged)",
            "success",
        )
        dock = self.time_travel
        if dock is not None:
            dock.open_stream(result.stream)
            dock.show()
            dock.raise_()
        self.imported.emit(result)
        return result

    # -- dialogs ----------------------------------------------------------------------------

    @staticmethod
    def _documents() -> str:
        location = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return location or str(Path.home())

    def _suggested(self, kind: str) -> str:
        stamp = time.strftime("%Y%m%d-%H%M")
        return str(Path(self._documents()) / f"cartapp-{kind}-{stamp}.jsonl")

    def _save_dialog(self, caption: str, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, caption, suggested, JSONL_FILTER)
        return path or None

    def _open_dialog(self, caption: str, directory: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, caption, directory, JSONL_FILTER)
        return path or None

    def _message_box(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("sessionFilesMessage")
        box.exec()
