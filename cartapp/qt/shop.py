"""The shop on screen: its signals on the GUI thread, the tills' table and the Shop dock.

``ShopSignals`` turns a ``ShopSession``'s listeners (called on the link's asyncio thread, or on
the GUI thread for the till's own reservations) into Qt signals; a signal emitted on another
thread reaches its GUI-thread slots queued, so every view changes on the GUI thread only.

``ShopDock`` (``shopDock``) says which till this is and whether the shop can be reached, lists
the tills heard from (``TillsModel``: till, status, last seen, open cart lines, parked carts),
and counts the messages refused from the network. Remote cart messages go to the event log as
``transmitted`` records whose handler names the till they came from. ``flow_shared`` carries the
stage rows the other tills share, for the per-till figures (``cartapp.qt.models.till_scopes``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cartapp.bus.stages import Stage, StageRecord
from cartapp.qt.i18n import QT_TRANSLATE_NOOP
from cartapp.qt.locale_text import time_text

if TYPE_CHECKING:
    from cartapp.shop.parked import SharedParked
    from cartapp.shop.session import RemoteMessage, ShopSession, TillPresence

__all__ = [
    "TILL_COLUMNS",
    "ShopDock",
    "ShopSignals",
    "TillsModel",
    "given_back_text",
    "remote_record",
    "shop_status_text",
]

TILL_COLUMNS = (
    QT_TRANSLATE_NOOP("TillsModel", "Till"),
    QT_TRANSLATE_NOOP("TillsModel", "Status"),
    QT_TRANSLATE_NOOP("TillsModel", "Last seen"),
    QT_TRANSLATE_NOOP("TillsModel", "Open cart lines"),
    QT_TRANSLATE_NOOP("TillsModel", "Parked carts"),
)
"""The column captions in English (``headerData`` translates them)."""
COL_TILL, COL_STATUS, COL_SEEN, COL_LINES, COL_PARKED = range(len(TILL_COLUMNS))
GONE_AFTER_S = 6.0
"""A till not heard from for this long (three heartbeats) is shown as gone."""


def shop_status_text(till: str, online: bool) -> str:
    if online:
        return QCoreApplication.translate("ShopDock", "Shop: till {till}, online").format(till=till)
    return QCoreApplication.translate(
        "ShopDock", "Shop: till {till}, offline: adding waits for the shop; the rest still works"
    ).format(till=till)


def given_back_text(cart: SharedParked, own_till: str) -> str:
    """What the till says when a parked cart it claimed could not be stored here."""
    if cart.till == own_till:
        text = QCoreApplication.translate(
            "Shop",
            "Parked cart #%1 could not be resumed: this till could not store it. It is still "
            "parked, and any till of the shop can resume it",
        )
        return text.replace("%1", str(cart.number))
    text = QCoreApplication.translate(
        "Shop",
        "Parked cart #%1 of till %2 could not be resumed here: this till could not store it. "
        "It is parked in the shop again, and any till can resume it",
    )
    return text.replace("%1", str(cart.number)).replace("%2", cart.till)


def remote_record(message: RemoteMessage) -> StageRecord:
    """An event-log record of another till's message: transmitted to this till by the shop (its
    handler, "shop, from till t1", in the language shown: the record is the log's, not stored)."""
    envelope = message.envelope
    hop_ns = max(0, int((time.time() - envelope.timestamp) * 1e9))
    return StageRecord(
        (
            Stage.TRANSMITTED,
            envelope,
            QCoreApplication.translate("Shop", "shop, from till {till}").format(till=message.till),
            message.received_ns,
            hop_ns,
            None,
        )
    )


class ShopSignals(QObject):
    """A session's news as signals (see the module docstring)."""

    state_changed = Signal(bool)
    stock_changed = Signal(str, int)
    till_seen = Signal(object)
    remote_received = Signal(object)
    flow_shared = Signal(str, object)
    """``(till, rows)``: stage rows another till shared (``ShopSession.on_flow``)."""
    parked_changed = Signal()
    """The shop's shared parked carts changed (``session.parked.open()`` says how)."""
    given_back = Signal(object)
    """A ``SharedParked`` this till claimed but could not store is parked in the shop again."""

    def __init__(self, session: ShopSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.on_state(self.state_changed.emit)
        session.on_stock(self.stock_changed.emit)
        session.on_presence(self.till_seen.emit)
        session.on_remote(self.remote_received.emit)
        session.on_flow(self.flow_shared.emit)
        session.parked.on_change(lambda _cart: self.parked_changed.emit())
        session.on_given_back(self.given_back.emit)


class TillsModel(QAbstractTableModel):
    """The tills heard from, in order of first appearance; ``now`` is injectable for tests."""

    def __init__(self, own: str, parent: QObject | None = None, now: Any = time.time) -> None:
        super().__init__(parent)
        self._own = own
        self._now = now
        self._rows: list[TillPresence] = []

    def rowCount(self, parent: QModelIndex | Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TILL_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(TILL_COLUMNS)
        ):
            return self.tr(TILL_COLUMNS[section])
        return None

    def data(self, index: QModelIndex | Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        till = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TILL:
                if till.till == self._own:
                    return self.tr("{till} (this till)").format(till=till.till)
                return till.till
            if col == COL_STATUS:
                gone = self._now() - till.last_seen > GONE_AFTER_S
                return self.tr("gone") if gone else self.tr("online")
            if col == COL_SEEN:
                return time_text(till.last_seen, seconds=True)
            if col == COL_LINES:
                return str(till.open_lines)
            if col == COL_PARKED:
                return str(till.parked)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_LINES, COL_PARKED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @Slot(object)
    def seen(self, presence: TillPresence) -> None:
        for row, known in enumerate(self._rows):
            if known.till == presence.till:
                self._rows[row] = presence
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(TILL_COLUMNS) - 1))
                break
        else:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(presence)
            self.endInsertRows()
        # Every heartbeat (this till hears its own too) re-reads who went quiet: a till that
        # crashed sends nothing that could say so.
        self.refresh()

    def refresh(self) -> None:
        """Re-read the status column (a till may have gone quiet)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_STATUS), self.index(len(self._rows) - 1, COL_STATUS)
            )


class ShopDock(QDockWidget):
    """See the module docstring."""

    def __init__(
        self, session: ShopSession, signals: ShopSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shop"))
        self.setObjectName("shopDock")
        self.session = session
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.status = QLabel(shop_status_text(session.till, session.online), body)
        self.status.setObjectName("shopStatus")
        self.status.setWordWrap(True)
        self.model = TillsModel(session.till, self)
        self.table = QTableView(body)
        self.table.setObjectName("shopTills")
        self.table.setAccessibleName(self.tr("Tills in the shop"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.refused = QLabel("", body)
        self.refused.setObjectName("shopRefused")
        self.refused.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.refused)
        self.setWidget(body)
        signals.state_changed.connect(self._on_state)
        signals.till_seen.connect(self.model.seen)
        signals.till_seen.connect(self._update_refused)

    @Slot(bool)
    def _on_state(self, online: bool) -> None:
        self.status.setText(shop_status_text(self.session.till, online))
        self.status.setProperty("severity", "info" if online else "warning")
        self.model.refresh()

    @Slot(object)
    def _update_refused(self, _presence: object = None) -> None:
        refused = self.session.refused + self.session.stock.refused
        self.refused.setText(
            self.tr(
                "%n message(s) from the network refused as invalid or forged (see the log file)",
                "",
                refused,
            )
            if refused
            else ""
        )
