"""``ParkedDock`` (``parkedDock``): the parked carts, with a name field, Park and Resume.

It asks, never changes: "Park" emits ``park_requested(name)`` and "Resume" (or a double-click,
or Enter on a row) ``resume_requested(number)``; the main window publishes ``ParkCart`` and
``ResumeCart``. In a shop (``till`` given) the list also holds the carts other tills parked;
resuming one of them emits ``take_requested(shared)`` (its shop cart id) instead. The list is
the ``ParkedModel`` over the cart the views fold from the facts. While the dock is on screen,
the ages are redrawn every ``AGE_REFRESH_MS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cartapp.qt.frame_clock import dock_on_screen, follow_visibility
from cartapp.qt.models.parked import (
    COL_NAME,
    PARKED_NUMBER_ROLE,
    PARKED_SHARED_ROLE,
    ParkedModel,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from cartapp.qt.frame_clock import FrameClock, Job
    from cartapp.qt.models.cart import CartModel

__all__ = ["AGE_REFRESH_MS", "ParkedDock"]

AGE_REFRESH_MS = 30_000
"""Ages are shown in whole minutes: redrawing them twice a minute keeps them right."""


class ParkedDock(QDockWidget):
    """See the module docstring."""

    park_requested = Signal(str)
    resume_requested = Signal(int)
    take_requested = Signal(str)

    def __init__(
        self,
        cart_model: CartModel,
        *,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
        till: str | None = None,
        frames: FrameClock | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Parked carts"))
        self.setObjectName("parkedDock")
        self.setAccessibleName(self.tr("Parked carts"))
        self.model = ParkedModel(cart_model, now, self, till=till)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        self.name_edit = QLineEdit(body)
        self.name_edit.setObjectName("parkNameEdit")
        self.name_edit.setAccessibleName(self.tr("Name of the cart to park"))
        self.name_edit.setPlaceholderText(self.tr("Name (optional), e.g. the customer's"))
        self.park_button = QPushButton(self.tr("&Park cart"), body)
        self.park_button.setObjectName("parkButton")
        self.park_button.setToolTip(
            self.tr("Put the open cart aside; its products stay held (undoable)")
        )
        self.park_button.setAutoDefault(False)
        self.resume_button = QPushButton(self.tr("Res&ume"), body)
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setToolTip(
            self.tr("Bring the selected parked cart back (the cart must be empty)")
        )
        self.resume_button.setAutoDefault(False)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.park_button)
        row.addWidget(self.resume_button)
        layout.addLayout(row)
        self.view = QTableView(body)
        self.view.setObjectName("parkedView")
        self.view.setAccessibleName(self.tr("Parked carts"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setMinimumSize(160, 60)
        self.view.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.hint = QLabel(self.tr("No parked carts."), body)
        self.hint.setObjectName("parkedHint")
        self.hint.setProperty("role", "hint")
        layout.addWidget(self.hint)
        self.setWidget(body)

        self.park_button.clicked.connect(self.request_park)
        self.name_edit.returnPressed.connect(self.request_park)
        self.resume_button.clicked.connect(self.request_resume)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._after_reset)
        self._own_before = 0
        # The ages ("12 min") move on by themselves: a heartbeat of the frame clock, only while
        # the dock is on screen (without a clock, tests call refresh_ages themselves).
        self._ages: Job | None = None
        if frames is not None:
            self._ages = frames.register(
                "parked ages",
                lambda _deadline: self.model.refresh_ages(),
                period_ms=AGE_REFRESH_MS,
                heartbeat_ms=AGE_REFRESH_MS,
                on_screen=dock_on_screen(self),
            )
            follow_visibility(self, self._ages)
        self.visibilityChanged.connect(self._on_visibility)
        self._after_reset()

    def selected_number(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return int(rows[0].data(PARKED_NUMBER_ROLE)) if rows else None

    @Slot()
    def request_park(self) -> None:
        self.park_requested.emit(self.name_edit.text().strip())

    @Slot()
    def request_resume(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows and self.model.rowCount() == 1:
            rows = [self.model.index(0, 0)]
        if not rows:
            return
        shared = rows[0].data(PARKED_SHARED_ROLE)
        if shared is not None:
            self.take_requested.emit(str(shared))
        else:
            self.resume_requested.emit(int(rows[0].data(PARKED_NUMBER_ROLE)))

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.view.selectRow(index.row())
            self.request_resume()

    @Slot()
    def _after_reset(self) -> None:
        count = self.model.rowCount()
        self.hint.setText(
            self.tr("No parked carts.")
            if not count
            else self.tr("%n parked cart(s); their products stay held.", "", count)
        )
        self.resume_button.setEnabled(count > 0)
        own = self.model.own_count
        if own > self._own_before:  # a cart was parked here: select it, the name is used
            self.view.selectRow(own - 1)
            self.name_edit.clear()
        elif count:  # another till's cart came or went: keep what is typed
            self.view.selectRow(count - 1)
        self._own_before = own

    @Slot(bool)
    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.model.refresh_ages()
