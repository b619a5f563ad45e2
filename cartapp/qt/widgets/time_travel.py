"""``TimeTravelDock`` (``timeTravelDock``): the cart as it was right after any stored message.

The dock browses a *range* of one stream: by default the live cart's current session (the
messages since the last checkout), or the session of a past order, or a whole imported file. A
slider and step buttons pick a message (a stream version); the dock shows

- a banner saying what is shown: "Viewing the cart as it was at 18:02:11 after 'Added 2 x
  Espresso beans' — read only", or, while it follows the live cart, that it is live;
- the cart right after that message (``EventStore.cart_at``), read-only, with the lines the
  message added or changed tinted;
- the difference from the message before: lines added, removed or changed, and the total's delta,
  in words and as a before/after tree (``StateDiffView``: lines, discounts, totals, stock).

"Back to live" returns to the current session and follows it again. Selecting a row of the event
log moves here to that message (``go_to_event``); ``open_order`` shows an order's events and
``open_stream`` an imported file's.

The dock only reads the store. It never publishes a command and never touches the live cart or
its models: browsing history rewrites nothing. (The what-if sandbox, ``what_if.WhatIfPanel``,
sits in it through ``add_panel``; its "Apply to live cart" publishes through the normal command
path, the undo stack's ``publish_all``.) Facts from the bridge only tell it that the live
session grew; it refreshes at most ``REFRESH_MS`` apart, and only while it is on screen (its job
on the bridge's frame clock, ``cartapp.qt.frame_clock``; without a bridge it has none).

What the banner and the changes say (and the banner's colours) is in
``cartapp.history.time_travel_text``; the step buttons, the cart table, the banner frame and the
changes pane are made in ``time_travel_views.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.cart import Cart
from cartapp.domain.events import CheckedOut
from cartapp.domain.i18n import QT_TRANSLATE_NOOP
from cartapp.history.log_text import product_names
from cartapp.history.time_travel import (
    CURRENT_SESSION,
    CartDiff,
    History,
    Moment,
    Range,
    cart_diff,
)
from cartapp.history.time_travel_text import (
    BANNER_COLOURS,
    banner,
    banner_style,
    diff_sentence,
)
from cartapp.qt.frame_clock import dock_on_screen
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.lines import LinesModel
from cartapp.qt.models.scopes import CURRENT_TIP
from cartapp.qt.widgets.lazy_dock import LazyDock
from cartapp.qt.widgets.state_diff_view import StateDiffView
from cartapp.qt.widgets.time_travel_views import (
    banner_frame,
    cart_view,
    diff_pane,
    step_button,
    step_icon,
)
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent, QShowEvent

    from cartapp.bus import Envelope, StageRecord
    from cartapp.domain.catalog import Catalog
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.frame_clock import Job
    from cartapp.store import EventStore, Order, StoredEvent

__all__ = ["LIVE_SOURCE", "REFRESH_MS", "SIDE_BY_SIDE_WIDTH", "TICKS_UP_TO", "TimeTravelDock"]

REFRESH_MS = 100
"""New live messages are taken into the view at most this often (its frame job's period)."""
SIDE_BY_SIDE_WIDTH = 560
"""From this width (and when wider than tall) the cart and the changes sit side by side: half
of the default 1280 px window, where time travel opens beside the event log."""
LIVE_SOURCE = QT_TRANSLATE_NOOP("TimeTravelDock", "Live cart")
"""The picker's entry for the live cart while time travel follows it (shown translated)."""
TICKS_UP_TO = 60
"""The slider marks every message with a tick while a range holds fewer than this."""


class TimeTravelDock(LazyDock):
    """See the module docstring. ``store`` is only read."""

    moved = Signal(int)
    """The version now shown (after any change of range or position)."""

    def __init__(
        self,
        store: EventStore,
        *,
        currency: str = "EUR",
        bridge: QtBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("TimeTravelDock", "Time travel"), "timeTravelDock", parent
        )
        self.store = store
        self.history = History(store, currency)
        self._range = Range(LIVE_STREAM, 1, 0, CURRENT_SESSION, True)
        self._following = True
        self._names: dict[str, str] = {}
        empty = Cart(currency=currency)
        self._moment = Moment(0, None, empty, empty, cart_diff(empty, empty))
        self._job: Job | None = None
        if bridge is not None:
            self._job = bridge.frames.register(
                "time travel",
                self._on_frame,
                period_ms=REFRESH_MS,
                on_screen=dock_on_screen(self),
            )
        self._build()
        self._apply_palette()
        if bridge is not None:
            bridge.fact_published.connect(self._on_fact)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("timeTravelBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.source_combo = QComboBox(body)
        self.source_combo.setObjectName("timeTravelSource")
        self.source_combo.setAccessibleName(self.tr("History to browse"))
        self.source_combo.setToolTip(self.tr("The live cart's history, or an imported session"))
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.source_combo.activated.connect(self._on_source_chosen)
        top.addWidget(self.source_combo)
        self.title_label = QLabel(body)
        self.title_label.setObjectName("timeTravelTitle")
        self.title_label.setProperty("role", "hint")
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.title_label, 1)
        layout.addLayout(top)
        self._top = top

        self.banner, self.banner_label, self.live_button = banner_frame(body)
        self.live_button.clicked.connect(self.show_live)
        layout.addWidget(self.banner)

        steps = QHBoxLayout()
        steps.setSpacing(2)
        self.first_button = self._step_button("timeTravelFirst", self.tr("First message"), -2)
        self.prev_button = self._step_button("timeTravelPrevious", self.tr("Previous message"), -1)
        steps.addWidget(self.first_button)
        steps.addWidget(self.prev_button)
        self.slider = QSlider(Qt.Orientation.Horizontal, body)
        self.slider.setObjectName("timeTravelSlider")
        self.slider.setAccessibleName(self.tr("Message in the session"))
        self.slider.setPageStep(5)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.valueChanged.connect(self._on_slider)
        steps.addWidget(self.slider, 1)
        self.next_button = self._step_button("timeTravelNext", self.tr("Next message"), 1)
        self.last_button = self._step_button("timeTravelLast", self.tr("Last message"), 2)
        steps.addWidget(self.next_button)
        steps.addWidget(self.last_button)
        self.position_label = QLabel(body)
        self.position_label.setObjectName("timeTravelPosition")
        self.position_label.setProperty("role", "hint")
        self.position_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("9999 / 9999"))
        self.position_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        steps.addWidget(self.position_label)
        layout.addLayout(steps)

        self.model = LinesModel(self)
        self.view = cart_view(body, self.model, self.fontMetrics().height() + 8)
        cart_box = QWidget(body)
        cart_layout = QVBoxLayout(cart_box)
        cart_layout.setContentsMargins(0, 0, 0, 0)
        cart_layout.addWidget(self.view, 1)
        self.totals_label = QLabel(cart_box)
        self.totals_label.setObjectName("timeTravelTotals")
        self.totals_label.setAccessibleName(self.tr("Totals at the selected message"))
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        cart_layout.addWidget(self.totals_label)

        diff_box, self.diff_label = diff_pane(body)
        self.state_view = StateDiffView(diff_box)  # the same change as a before/after tree
        diff_layout = diff_box.layout()
        assert isinstance(diff_layout, QVBoxLayout)
        diff_layout.addWidget(self.state_view, 3)

        # Side by side when the dock is wide (docked at the bottom), stacked when it is tall.
        self.content = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.content.setSpacing(12)
        self.content.addWidget(cart_box, 2)
        self.content.addWidget(diff_box, 2)  # as wide as the cart: the tree has three columns
        layout.addLayout(self.content, 1)
        self.setWidget(body)
        body.setMinimumSize(220, 120)

    def add_panel(self, toggle: QWidget, panel: QWidget) -> None:
        """Put ``panel`` (the what-if sandbox, ``what_if.WhatIfPanel``) under the dock's
        content and its ``toggle`` at the end of the top row."""
        self._top.addWidget(toggle)
        body = self.widget()
        layout = body.layout() if body is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.addWidget(panel, 2)

    def set_content_visible(self, visible: bool) -> None:
        """Show or hide the moment's cart and changes (a panel that needs the room hides them)."""
        for index in range(self.content.count()):
            item = self.content.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setVisible(visible)
        body = self.widget()
        layout = body.layout() if body is not None else None
        if isinstance(layout, QVBoxLayout):  # an empty layout with a stretch still takes room
            layout.setStretchFactor(self.content, 1 if visible else 0)

    def _step_button(self, name: str, tip: str, step: int) -> QToolButton:
        button = step_button(self, name, tip, step)
        button.clicked.connect(lambda: self.step(step))
        return button

    # -- public API -------------------------------------------------------------------------

    @property
    def range(self) -> Range:
        return self._range

    @property
    def version(self) -> int:
        """The version of the message shown (0: before the first message of the stream)."""
        return self._moment.version

    @property
    def following_live(self) -> bool:
        return self._following

    @property
    def cart(self) -> Cart:
        """The cart shown (right after the selected message)."""
        return self._moment.cart

    @property
    def diff(self) -> CartDiff:
        return self._moment.diff

    @property
    def message(self) -> StoredEvent | None:
        """The stored message selected (None when the range is empty)."""
        return self._moment.message

    def banner_text(self) -> str:
        return self.banner_label.text()

    def diff_text(self) -> str:
        return self.diff_label.text()

    @Slot()
    def show_live(self) -> None:
        """Back to live: the current session, at its newest message, following new ones."""
        self._following = True
        self.history.forget_orders()
        span = self.history.live_range()
        self._set_range(span, span.last)

    def open_range(self, span: Range, version: int | None = None) -> None:
        """Browse ``span`` at ``version`` (its last message when None); stops following."""
        self._following = False
        self._set_range(span, span.last if version is None else version)

    def open_order(self, order: Order) -> None:
        """An order's events, at the message before its checkout (the cart still full)."""
        span = self.history.order_range(order)
        self.open_range(span, max(span.first, span.last - 1))

    def open_stream(self, stream: str, version: int | None = None) -> bool:
        """A whole stream (an imported session), from its first message; False if unknown."""
        if stream == LIVE_STREAM:
            self.show_live()
            return True
        span = self.history.stream_range(stream)
        if span is None:
            return False
        self._refresh_sources()
        self.open_range(span, version or 1)
        return True

    def go_to_event(self, event_id: str) -> bool:
        """Move to the stored message ``event_id`` (and its session); False if not stored."""
        found = self.store.event(event_id)
        if found is None:
            self.title_label.setText(self.tr("That message is not in the store (nothing to show)"))
            return False
        span = self._range
        if not (span.stream == found.stream and span.first <= found.version <= span.last):
            span = self.history.session_of(found.stream, found.version)
        at_live_end = span.live and found.version == span.last
        self._following = at_live_end
        self._set_range(span, found.version)
        return True

    @Slot(object)
    def set_catalog(self, catalog: Catalog) -> None:
        """Name products as the catalog does, from the next moment shown: in the banner's command
        and the state tree (the app sets it once, before the dock is first shown)."""
        self._names = product_names(catalog.products)
        self.state_view.set_catalog(catalog)

    def go_to_record(self, record: StageRecord) -> None:
        """``EventLogDock.record_selected``: show the cart at that record's message."""
        self.go_to_event(record[1].event_id)

    def set_version(self, version: int) -> None:
        """Show the message ``version`` of the range (clamped to it)."""
        span = self._range
        if span.last < span.first:
            return
        version = max(span.first, min(version, span.last))
        self._following = span.live and version == span.last and self._following
        if self.slider.value() != version:
            self.slider.setValue(version)  # comes back through _on_slider
        else:
            self._show(version)

    def step(self, step: int) -> None:
        """-1/+1: previous/next message; -2/+2: first/last."""
        span = self._range
        if step == -2:
            target = span.first
        elif step == 2:
            target = span.last
        else:
            target = self.version + step
        self._following = False
        self.set_version(target)

    @Slot()
    def refresh(self) -> None:
        """Take in new live messages now (its frame job does this while the dock is on screen)."""
        if self._job is not None:
            self._job.cancel()
        self._stale = False
        self._refresh_sources()
        span = self._range
        if self._following:
            self.show_live()
        elif span.live:
            self._set_range(self.history.session_of(span.stream, span.first), self.version)

    # -- internals --------------------------------------------------------------------------

    def _set_range(self, span: Range, version: int) -> None:
        self._range = span
        empty = span.last < span.first
        self.slider.blockSignals(True)
        if empty:
            self.slider.setRange(0, 0)
        else:
            self.slider.setRange(span.first, span.last)
            few = span.last - span.first < TICKS_UP_TO
            self.slider.setTickPosition(
                QSlider.TickPosition.TicksBelow if few else QSlider.TickPosition.NoTicks
            )
            self.slider.setTickInterval(1)
            self.slider.setValue(max(span.first, min(version, span.last)))
        self.slider.blockSignals(False)
        self.slider.setEnabled(not empty)
        self._select_source(span.stream)
        self._show(span.first - 1 if empty else self.slider.value())

    def _show(self, version: int) -> None:
        moment = self._moment = self.history.moment(self._range, version)
        self.model.set_cart(moment.cart, moment.diff)
        self.state_view.show_carts(moment.before, moment.cart)
        self._update_texts()
        self.moved.emit(version)

    def _update_texts(self) -> None:
        span, message, cart = self._range, self.message, self.cart
        count = span.size
        position = self.version - span.first + 1 if message is not None else 0
        self.position_label.setText(f"{position} / {count}")
        if span.live:
            where = (
                self.tr("{title} · {n} message")
                if count == 1
                else self.tr("{title} · {n} messages")
            ).format(title=span.title, n=count)
        elif span.stream != LIVE_STREAM:  # the source box already names the import
            where = (self.tr("{n} message") if count == 1 else self.tr("{n} messages")).format(
                n=count
            )
        else:
            where = self.tr("{title} · messages {first}\u2013{last}").format(
                title=span.title, first=span.first, last=span.last
            )
        self.title_label.setText(where)
        where_tip = self.tr("stream {stream}, versions {first}\u2013{last}").format(
            stream=repr(span.stream), first=span.first, last=span.last
        )
        if span.live:  # the live stream's id says nothing more than "the session"
            current = QCoreApplication.translate("StatsScopes", CURRENT_TIP)
            versions = self.tr("versions {first}\u2013{last}")
            where_tip = f"{current} ({versions.format(first=span.first, last=span.last)})"
        self.title_label.setToolTip(where_tip)
        for button, enabled in (
            (self.first_button, message is not None and self.version > span.first),
            (self.prev_button, message is not None and self.version > span.first),
            (self.next_button, message is not None and self.version < span.last),
            (self.last_button, message is not None and self.version < span.last),
        ):
            button.setEnabled(enabled)
        totals = cart.totals()
        self.totals_label.setText(
            self.tr(
                "Subtotal {subtotal} &nbsp;·&nbsp; Tax {tax} &nbsp;·&nbsp; <b>Total {total}</b>"
            ).format(
                subtotal=money_text(totals.subtotal),
                tax=money_text(totals.tax),
                total=money_text(totals.total),
            )
        )
        self.diff_label.setText(diff_sentence(self.message, self.diff))
        self.live_button.setVisible(not self._following)
        self._set_banner(*banner(self._range, self.message, self._following, self._names))
        self._name_live_source()

    def live_source_text(self) -> str:
        """What the picker calls the live cart's history: "Live cart" while following it, else
        what is shown of it ("Order #1", "Current session", a copy of stored history)."""
        span = self._range
        if self._following or span.stream != LIVE_STREAM:
            return self.tr(LIVE_SOURCE)
        return span.title

    def _name_live_source(self) -> None:
        index = self.source_combo.findData(LIVE_STREAM)
        text = self.live_source_text()
        if index >= 0 and self.source_combo.itemText(index) != text:
            self.source_combo.setItemText(index, text)
            self.source_combo.setItemData(
                index,
                self.tr("The live cart, following it")
                if text == self.tr(LIVE_SOURCE)
                else self.tr(
                    "The live cart's history: {title}, read only (choose it to go back to live)"
                ).format(title=text),
                Qt.ItemDataRole.ToolTipRole,
            )

    def _set_banner(self, mode: str, text: str) -> None:
        self.banner_label.setText(text)
        self.banner.setProperty("mode", mode)
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.banner.setStyleSheet(banner_style(mode, dark))

    def _refresh_sources(self) -> None:
        combo = self.source_combo
        wanted = [(self.live_source_text(), LIVE_STREAM), *self.history.imported()]
        present = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
        if present != wanted:
            combo.blockSignals(True)
            combo.clear()
            for text, data in wanted:
                combo.addItem(text, data)
            combo.blockSignals(False)
        self._select_source(self._range.stream)

    def _select_source(self, stream: str) -> None:
        index = self.source_combo.findData(stream)
        if index < 0 and self.source_combo.count() == 0:
            self.source_combo.addItem(self.live_source_text(), LIVE_STREAM)
            index = self.source_combo.findData(stream)
        if index >= 0 and index != self.source_combo.currentIndex():
            self.source_combo.blockSignals(True)
            self.source_combo.setCurrentIndex(index)
            self.source_combo.blockSignals(False)

    @Slot(int)
    def _on_source_chosen(self, index: int) -> None:
        stream = self.source_combo.itemData(index)
        if stream == LIVE_STREAM:  # also when the past of the live cart is shown: back to live
            self.show_live()
        elif stream:
            self.open_stream(str(stream))

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        span = self._range
        if span.last < span.first:
            return
        if not (span.live and value == span.last):
            self._following = False
        self._show(value)

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        if isinstance(envelope.event, CheckedOut):
            self.history.forget_orders()
        if not self._range.live:
            return
        self._stale = True
        if self._job is not None:
            self._job.request()  # kept while off screen; LazyDock refreshes it when shown

    def _on_frame(self, _deadline: float) -> None:
        if self._stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        wide = self.width() >= SIDE_BY_SIDE_WIDTH and self.width() > 1.5 * self.height()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.content.direction() != direction:
            self.content.setDirection(direction)

    def _apply_palette(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.model.set_dark(dark)
        palette = self.palette()
        normal = palette.color(QPalette.ColorRole.ButtonText)
        disabled = palette.color(QPalette.ColorRole.PlaceholderText)
        for button in (self.first_button, self.prev_button, self.next_button, self.last_button):
            button.setIcon(step_icon(int(button.property("step")), normal, disabled))
        mode = self.banner.property("mode")
        if isinstance(mode, str) and mode in BANNER_COLOURS:
            self._set_banner(mode, self.banner_label.text())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
