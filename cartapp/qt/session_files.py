"""The File menu's history actions: export a session or all history as JSON Lines, import a file.

Exports are CloudEvents 1.0 JSON Lines (``cartapp.store.cloudevents``); import reads those and
cartapp's older format.

``SessionFiles`` adds three actions to the main window's File menu (above Quit):

- "Export session as JSON Lines…" (``exportSessionAction``): the session the time-travel dock
  shows, which is the current cart's session unless the user went back in time; when the current
  session is still empty, the last one that holds messages (the order just checked out).
- "Export all history…" (``exportHistoryAction``): every message of the live cart, all sessions.
- "Import session…" (``importSessionAction``): ``import_jsonl`` validates the whole file first,
  in a worker thread, while a progress dialog (``importProgress``) shows how far it got and
  offers Cancel; the worker hands its outcome to the GUI thread through a queued signal. A
  problem is shown in a message box that names the line, and then nothing was stored;
  Cancel stores nothing either. An accepted file becomes a new stream, opened in the
  time-travel dock for replay. An imported stream never changes the live cart. One import
  runs at a time; ``import_ended`` is emitted when it is over (the result, or None).

The file dialogs and the message box are attributes (``choose_save_path``,
``choose_open_path``, ``show_message``) so tests and automation can replace them; so is
``run_import`` (``import_jsonl``), which the worker calls.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from cartapp.store import (
    CLOUDEVENTS,
    LIVE_STREAM,
    ImportCancelledError,
    ImportFileError,
    StoreError,
    export_jsonl,
    import_jsonl,
)

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
ImportRunner = Callable[..., "ImportResult"]
"""``import_jsonl``'s signature: ``(store, path, *, currency, progress) -> ImportResult``."""
_STEPS = 1000
"""The progress dialog's range: per mille of the file's bytes."""


class SessionFiles(QObject):
    """See the module docstring."""

    exported = Signal(str, int)
    """A file was written: its path and how many messages it holds."""
    imported = Signal(object)
    """A file was imported: the ``ImportResult``."""
    import_ended = Signal(object)
    """An import is over: the ``ImportResult``, or None (refused, failed or cancelled)."""
    _import_progressed = Signal(int, int, int)
    _import_finished = Signal(str, object)

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
        self.run_import: ImportRunner = import_jsonl
        self.progress_dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        self._worker: threading.Thread | None = None
        self._import_progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._import_finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
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
            count = export_jsonl(
                self.store, path, stream=stream, first=first, last=last, format=CLOUDEVENTS
            )
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

    @property
    def importing(self) -> bool:
        """Whether an import is running."""
        return self._worker is not None

    @Slot()
    def import_session(self, path: str | None = None) -> bool:
        """Start importing ``path`` (asked for when None) in a worker; returns whether it
        started. The outcome arrives as ``import_ended`` (and ``imported`` on success)."""
        if self._worker is not None:
            self.window.show_status("An import is already running", "warning")
            return False
        if path is None:
            path = self.choose_open_path("Import session", self._documents())
            if not path:
                return False
        self._cancel.clear()
        dialog = QProgressDialog(f"Checking {Path(path).name}…", "Cancel", 0, _STEPS, self.window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle("Import session")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self.cancel_import)
        self.progress_dialog = dialog
        worker = threading.Thread(
            target=self._work, args=(path,), name="cartapp-import", daemon=True
        )
        self._worker = worker
        worker.start()
        return True

    @Slot()
    def cancel_import(self) -> None:
        """Ask the running import to stop; it stores nothing (thread-safe)."""
        self._cancel.set()

    def _progress(self, lines: int, done: int, total: int) -> bool:
        """The worker's progress callback: tell the GUI thread, say whether to go on."""
        self._import_progressed.emit(lines, done, total)
        return not self._cancel.is_set()

    def _work(self, path: str) -> None:
        """The worker thread: import, then hand the outcome to the GUI thread."""
        outcome: object
        try:
            outcome = self.run_import(
                self.store, path, currency=self.currency, progress=self._progress
            )
        except Exception as exc:  # any failure becomes a message, never a dead thread
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._import_finished.emit(path, outcome)

    @Slot(int, int, int)
    def _on_progress(self, lines: int, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        if total > 0:
            dialog.setValue(min(_STEPS - 1, done * _STEPS // total))
        dialog.setLabelText(f"Checked {lines:,} line{'s' if lines != 1 else ''}…")

    @Slot(str, object)
    def _on_finished(self, path: str, outcome: object) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.join()
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel_import)
            dialog.close()
            dialog.deleteLater()
        result = self._report(path, outcome)
        if result is not None:
            self.imported.emit(result)
        self.import_ended.emit(result)

    def _report(self, path: str, outcome: object) -> ImportResult | None:
        name = Path(path).name
        if isinstance(outcome, ImportCancelledError):
            self.window.show_status(f"Import of {name} cancelled; nothing was changed", "info")
            return None
        if isinstance(outcome, ImportFileError):
            where = f"Line {outcome.line}: " if outcome.line else ""
            self.show_message(
                QMessageBox.Icon.Warning,
                "Import refused",
                f"{name} was not imported; nothing was changed.\n\n{where}{outcome.reason}",
            )
            return None
        if isinstance(outcome, BaseException):
            self.show_message(
                QMessageBox.Icon.Warning,
                "Import failed",
                f"{name} could not be imported; nothing was changed.\n\n{outcome}",
            )
            return None
        result: ImportResult = outcome  # type: ignore[assignment]
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
