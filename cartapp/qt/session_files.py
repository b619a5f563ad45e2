"""The File menu's history actions: export a session or all history as JSON Lines, import a file.

Exports are CloudEvents 1.0 JSON Lines (``cartapp.store.cloudevents``); import reads those and
cartapp's older format.

``SessionFiles`` adds three actions to the main window's File menu (above Quit):

- "Export session as JSON Lines…" (``exportSessionAction``): the session the time-travel dock
  shows, which is the current session (``EventStore.current_session``: since the last checkout,
  or the order just checked out while the next cart is empty) unless the user went back in time.
- "Export all history…" (``exportHistoryAction``): every message of the live cart, all sessions.
- "Import session…" (``importSessionAction``): ``import_jsonl`` validates the whole file first,
  in a worker thread, while a progress dialog (``importProgress``) shows how far it got and
  offers Cancel; the worker hands its outcome to the GUI thread through a queued signal. A
  problem is shown in a message box that names the line, and then nothing was stored;
  Cancel stores nothing either. An accepted file becomes a new stream, opened in the
  time-travel dock for replay. An imported stream never changes the live cart. One import
  runs at a time; ``import_ended`` is emitted when it is over (the result, or None).

  **A file already in the store** (ids are unique, so it cannot be stored twice: an export of
  this cart, or a file imported before) is not refused: when every message of the file is
  stored, as one run of one stream in the file's order, the worker finds that run
  (``find_stored_copy``, reading the file with the import's own parser) and the dock opens it,
  read only, as a copy of stored history (``StoredCopy``; ``copy_opened``, and ``import_ended``
  carries it); nothing is written. A file only partly stored (some messages new, some not, or
  all stored but not as that one run) is refused with a message that says how many are stored
  and where the first one is.

Each action is enabled only when it will do something (``update_actions``): the exports while
there is something to write (a session or a history that holds messages), the import while no
import runs. They are brought up to date when a fact arrives, when time travel moves and when an
import starts or ends, at most once per frame (``bridge.frames``; without a bridge, once per
turn of the event loop).

The file dialogs and the message box are attributes (``choose_save_path``,
``choose_open_path``, ``show_message``) so tests and automation can replace them; so is
``run_import`` (``import_jsonl``), which the worker calls.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from cartapp.history.time_travel import Range
from cartapp.store import (
    CLOUDEVENTS,
    LIVE_STREAM,
    ImportCancelledError,
    ImportFileError,
    StoreError,
    export_jsonl,
    import_jsonl,
    read_jsonl,
)

if TYPE_CHECKING:
    from cartapp.bus import Envelope
    from cartapp.qt.frame_clock import Job
    from cartapp.qt.main_window import MainWindow
    from cartapp.qt.widgets.time_travel import TimeTravelDock
    from cartapp.store import EventStore, ImportResult

__all__ = ["JSONL_FILTER", "SessionFiles", "StoredCopy", "find_stored_copy"]

log = logging.getLogger(__name__)

JSONL_FILTER = "JSON Lines (*.jsonl *.ndjson);;All files (*)"

PathChooser = Callable[[str, str], str | None]
"""``(caption, suggested path) -> chosen path`` or None when cancelled."""
MessageSink = Callable[[QMessageBox.Icon, str, str], None]
"""``(icon, title, text)``: tell the user something."""
ImportRunner = Callable[..., "ImportResult"]
"""``import_jsonl``'s signature: ``(store, path, *, currency, progress) -> ImportResult``."""
_STEPS = 1000
"""The progress dialog's range: per mille of the file's bytes."""


class StoredCopy(NamedTuple):
    """A file whose messages are all stored already: versions ``first`` to ``last`` of
    ``stream``, in the file's order (nothing is imported; time travel shows that run)."""

    stream: str
    first: int
    last: int
    title: str

    @property
    def events(self) -> int:
        return self.last - self.first + 1


def find_stored_copy(store: EventStore, envelopes: list[Envelope], title: str) -> StoredCopy | None:
    """The stored run ``envelopes`` are a copy of; None if none of them is stored. Raises
    ``ImportFileError`` when the file is only partly stored (see the module docstring)."""
    found = [store.event(env.event_id) for env in envelopes]
    stored = [(n, f) for n, f in enumerate(found, 1) if f is not None]
    if not stored:
        return None
    total = len(envelopes)
    first_n, first = stored[0]
    where = f"the first is message {first_n} of the file (event id {first.envelope.event_id})"
    if len(stored) < total:
        raise ImportFileError(
            0,
            f"the file overlaps what is stored: {len(stored)} of its {total} messages are "
            f"already in the store and {total - len(stored)} are not ({where}). A file is "
            "imported when all its messages are new, or opened as a copy of stored history "
            "when all are stored; a mix of both is neither",
        )
    run = all(
        f.stream == first.stream and f.version == first.version + i
        for i, (_, f) in enumerate(stored)
    )
    if not run:
        raise ImportFileError(
            0,
            f"all {total} messages of the file are already in the store, but not as one run "
            "of history in the file's order, so it is neither new nor a copy of stored history",
        )
    return StoredCopy(first.stream, first.version, first.version + total - 1, title)


class SessionFiles(QObject):
    """See the module docstring."""

    exported = Signal(str, int)
    """A file was written: its path and how many messages it holds."""
    imported = Signal(object)
    """A file was imported: the ``ImportResult``."""
    import_ended = Signal(object)
    """An import is over: the ``ImportResult``, a ``StoredCopy`` (the file was stored already:
    shown, nothing imported), or None (refused, failed or cancelled)."""
    copy_opened = Signal(object)
    """A file of stored history was opened in time travel: the ``StoredCopy``."""
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
            self.tr("&Export session as JSON Lines…"),
            self.export_session,
            "Ctrl+E",
            self.tr(
                "Save the session shown in Time travel (normally the current cart's) as a file"
            ),
        )
        self.export_history_action = self._action(
            "exportHistoryAction",
            self.tr("Export &all history…"),
            self.export_history,
            "Ctrl+Shift+E",
            self.tr("Save every message of the cart, all sessions and orders, as a file"),
        )
        self.import_action = self._action(
            "importSessionAction",
            self.tr("&Import session…"),
            self.import_session,
            "Ctrl+I",
            self.tr("Open a JSON Lines file as a new session to replay in Time travel"),
        )
        self._install()
        # Once per frame, not per step: each update reads the session's range from the store.
        self._actions_timer = QTimer(self)  # without a bridge (no frame clock): the next turn
        self._actions_timer.setSingleShot(True)
        self._actions_timer.setInterval(0)
        self._actions_timer.timeout.connect(self.update_actions)
        self._actions_job: Job | None = None
        bridge = getattr(window, "bridge", None)
        if bridge is not None:
            self._actions_job = bridge.frames.register("export actions", self._on_actions_frame)
            bridge.fact_published.connect(self._schedule_actions)
        if time_travel is not None:
            time_travel.moved.connect(self._schedule_actions)
        self.import_ended.connect(self._schedule_actions)
        self.update_actions()

    @Slot()
    def _schedule_actions(self, *_args: object) -> None:
        if self._actions_job is not None:
            self._actions_job.request()
        elif not self._actions_timer.isActive():
            self._actions_timer.start()

    def _on_actions_frame(self, _deadline: float) -> None:
        self.update_actions()

    @Slot()
    def update_actions(self) -> None:
        """Enable each action only when it will do something (see the module docstring)."""
        self._actions_timer.stop()
        if self._actions_job is not None:
            self._actions_job.cancel()
        try:
            stream, first, last = self.session_range()
            has_history = self.store.version(LIVE_STREAM) > 0
        except (StoreError, OSError) as exc:  # the store closed (the app is closing)
            log.debug("the export actions keep their state: %s", exc)
            return
        self.export_session_action.setEnabled(last >= first)
        self.export_history_action.setEnabled(has_history)
        self.import_action.setEnabled(self._worker is None)
        if stream != LIVE_STREAM:
            tip = self.tr(
                "Save the session shown in Time travel (messages {first}–{last}) as a file"  # noqa: RUF001
            )
        else:
            tip = self.tr("Save the session (messages {first}–{last}) as a file")  # noqa: RUF001
        self.export_session_action.setStatusTip(
            tip.format(first=first, last=last)
            if last >= first
            else self.tr("Nothing to export yet: the cart has no messages")
        )

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
            menu = self.window.menuBar().addMenu(self.tr("&File"))
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
        session = self.store.current_session(LIVE_STREAM)
        return LIVE_STREAM, session.first, session.last

    # -- actions ----------------------------------------------------------------------------

    @Slot()
    def export_session(self, path: str | None = None) -> int | None:
        """Write the session (see ``session_range``); returns how many messages, None if not."""
        stream, first, last = self.session_range()
        if last < first:
            self.show_message(
                QMessageBox.Icon.Information,
                self.tr("Nothing to export"),
                self.tr("This cart has no events yet: add something first."),
            )
            return None
        return self._export(path, self.tr("Export session"), "session", stream, first, last)

    @Slot()
    def export_history(self, path: str | None = None) -> int | None:
        """Write every message of the live cart; returns how many, None if cancelled."""
        if self.store.version(LIVE_STREAM) == 0:
            self.show_message(
                QMessageBox.Icon.Information,
                self.tr("Nothing to export"),
                self.tr("This cart has no events yet: add something first."),
            )
            return None
        return self._export(path, self.tr("Export all history"), "history", LIVE_STREAM, 1, None)

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
                QMessageBox.Icon.Warning,
                self.tr("Export failed"),
                self.tr("Could not write {path}:\n{reason}").format(path=path, reason=exc),
            )
            return None
        self.window.show_status(
            self.tr("Exported %n message(s) to {name}", "", count).format(name=Path(path).name),
            "success",
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
            self.window.show_status(self.tr("An import is already running"), "warning")
            return False
        if path is None:
            path = self.choose_open_path(self.tr("Import session"), self._documents())
            if not path:
                return False
        self._cancel.clear()
        dialog = QProgressDialog(
            self.tr("Checking {name}…").format(name=Path(path).name),
            self.tr("Cancel"),
            0,
            _STEPS,
            self.window,
        )
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(self.tr("Import session"))
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
        self.update_actions()
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
        except ImportFileError as exc:
            outcome = self._stored_copy(path, exc)
        except Exception as exc:  # any failure becomes a message, never a dead thread
            outcome = exc
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._import_finished.emit(path, outcome)

    def _stored_copy(self, path: str, refused: ImportFileError) -> object:
        """The worker, after a refusal: a ``StoredCopy`` if the file is one, else why not."""
        if "already in the store" not in refused.reason:
            return refused
        try:
            envelopes, _ = read_jsonl(path, currency=self.currency, progress=self._progress)
            found = find_stored_copy(self.store, envelopes, Path(path).name)
        except Exception as exc:  # the file changed meanwhile, the store closed, ...
            return exc
        return refused if found is None else found

    @Slot(int, int, int)
    def _on_progress(self, lines: int, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        if total > 0:
            dialog.setValue(min(_STEPS - 1, done * _STEPS // total))
        dialog.setLabelText(self.tr("Checked %Ln line(s)…", "", lines))

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
        if isinstance(outcome, StoredCopy):
            self._open_copy(outcome)
            self.copy_opened.emit(outcome)
            self.import_ended.emit(outcome)
            return
        result = self._report(path, outcome)
        if result is not None:
            self.imported.emit(result)
        self.import_ended.emit(result)

    def _open_copy(self, copy: StoredCopy) -> None:
        if copy.stream == LIVE_STREAM:
            said = self.tr(
                "{title} is a copy of stored history (%n message(s) of the live cart, "
                "{first}–{last}): shown in Time travel, read only; nothing was imported",  # noqa: RUF001
                "",
                copy.events,
            )
        else:
            said = self.tr(
                "{title} is a copy of stored history (%n message(s) of an imported session, "
                "{first}–{last}): shown in Time travel, read only; nothing was imported",  # noqa: RUF001
                "",
                copy.events,
            )
        self.window.show_status(
            said.format(title=copy.title, first=copy.first, last=copy.last),
            "success",
        )
        dock = self.time_travel
        if dock is not None:
            title = self.tr("Copy of stored history: {title}").format(title=copy.title)
            span = Range(copy.stream, copy.first, copy.last, title, False)
            dock.open_range(span, copy.first)
            dock.show()
            dock.raise_()

    def _report(self, path: str, outcome: object) -> ImportResult | None:
        name = Path(path).name
        if isinstance(outcome, ImportCancelledError):
            self.window.show_status(
                self.tr("Import of {name} cancelled; nothing was changed").format(name=name), "info"
            )
            return None
        if isinstance(outcome, ImportFileError):
            where = self.tr("Line {line}: ").format(line=outcome.line) if outcome.line else ""
            self.show_message(
                QMessageBox.Icon.Warning,
                self.tr("Import refused"),
                self.tr("{name} was not imported; nothing was changed.").format(name=name)
                + f"\n\n{where}{outcome.reason}",
            )
            return None
        if isinstance(outcome, BaseException):
            self.show_message(
                QMessageBox.Icon.Warning,
                self.tr("Import failed"),
                self.tr("{name} could not be imported; nothing was changed.").format(name=name)
                + f"\n\n{outcome}",
            )
            return None
        result: ImportResult = outcome  # type: ignore[assignment]
        self.window.show_status(
            self.tr(
                "Imported %n message(s) from {title}: replay it in Time travel (your cart is "
                "unchanged)",
                "",
                result.events,
            ).format(title=result.title),
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
