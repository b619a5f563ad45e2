"""``WhatIfPanel`` (``whatIfPanel``): time travel's sandbox. Skip past commands, see what follows.

The panel lives in the time travel dock, behind its "What if…" toggle (``whatIfToggle``); while
it is open it takes the place of the dock's cart and changes (the banner, slider and steps
stay), and a dock too short for it grows (``ROOM_ROWS``). It lists the commands of the range
the dock browses (``WhatIfModel``: a Skip box per command); ticking one (a click, Space, or
the row's context menu) replays the range without it
(``history.what_if``: every other command decided again, in order, by the till's own rules) and
shows

- a banner (``whatIfBanner``) that says this is a sandbox, not the live cart, and how many
  commands are skipped, with "Reset" (``whatIfReset``: skip nothing again);
- per command what happened then and what would happen now; a command the sandbox now refuses
  is tinted, with the reason as its tooltip;
- the sandbox's cart (``whatIfCartView``), its totals (``whatIfTotals``), the stock left of the
  products the range touches (``whatIfStock``), and how it differs from the real cart
  (``whatIfDifference``).

The sandbox is a fold in memory: it never writes to the store or touches the live cart. "Apply
to live cart" (``whatIfApply``) turns the difference between the live cart and the sandbox's
into commands (``domain.reconcile``) and publishes them through the normal command path
(``CartUndo.publish_all``): they are decided, stored and logged like any other, and ONE undo
step takes all of them back. It is enabled only for the live cart's open session, when there
is a difference commands can make (not a checkout, a refund, a payment or a parked cart); the
status line (``whatIfStatus``) says why not, or what was sent and refused. Once applied, the
sandbox is the live cart: the skips are cleared.

The panel reads the range once when it changes (``read_range``) and replays in memory on each
toggle; while hidden it does nothing.

Layout (``_arrange``): the steps and the sandbox sit side by side in a splitter
(``whatIfSplitter``) when ``COMMAND_CHARS`` of command text and the whole cart fit (the unit
price left out if only that is short), else stacked; the command column takes the width the
other columns leave. The sandbox pane scrolls as a whole: its cart is as tall as its rows, so
the lines below it never cover it. A splitter the user moved keeps its share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPoint, QSize, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.events import CommandRejected
from cartapp.domain.reconcile import Reconciliation, reconcile
from cartapp.history.log_text import product_names
from cartapp.history.time_travel import cart_diff
from cartapp.history.what_if import Recorded, WhatIf, read_range, stock_left
from cartapp.qt.models.lines import COL_PRODUCT, COL_UNIT_PRICE, LinesModel
from cartapp.qt.models.what_if import COL_COMMAND, COL_SKIP, VERSION_ROLE, WhatIfModel
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from cartapp.bus import Envelope
    from cartapp.domain.cart import Cart
    from cartapp.domain.catalog import Catalog
    from cartapp.domain.coupons import CouponTable
    from cartapp.domain.events import Command
    from cartapp.history.time_travel import Range
    from cartapp.qt.bridge import QtBridge
    from cartapp.qt.widgets.time_travel import TimeTravelDock

__all__ = [
    "BANNER_STYLE",
    "COMMAND_CHARS",
    "ROOM_ROWS",
    "PublishAll",
    "WhatIfPanel",
    "english_plural",
]

PublishAll = Callable[["Sequence[Command]", str], "Sequence[Envelope]"]
"""``CartUndo.publish_all(commands, text)``: one user action, one undo entry."""

BANNER_STYLE = {
    dark: (
        f"QFrame#whatIfBannerFrame {{ background: {bg}; border: 1px solid {edge};"
        f" border-radius: 4px; }} QLabel#whatIfBanner {{ color: {fg}; }}"
    )
    for dark, bg, fg, edge in (
        (False, "#efe6ff", "#3b1f73", "#8250df"),
        (True, "#2e2248", "#e2d6ff", "#a371f7"),
    )
}
"""The sandbox banner's colours (light, dark): violet, unlike time travel's live/history ones."""
ROOM_ROWS = 18
"""Opening the sandbox grows a shorter dock at the top or bottom to this many rows of text."""
COMMAND_CHARS = 20
"""The steps list sits beside the sandbox's cart only if this much command text still shows."""


def english_plural(text: str, n: int) -> str:
    """``tr("%n command(s)", "", n)`` without an English translation loaded still says
    "(s)": make it "command" or "commands" (a translation has no "(s)" to replace)."""
    return text.replace("(s)", "" if n == 1 else "s")


class _RoomyHeader(QHeaderView):
    """A horizontal header whose sections sized to their contents keep a few pixels either side
    of the caption (Fusion leaves 2, so a two-character caption touched the section's edges)."""

    ROOM = 6

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        return QSize(size.width() + self.ROOM, size.height())


class WhatIfPanel(QWidget):
    """See the module docstring. ``dock`` is the time travel dock it sits in."""

    def __init__(
        self,
        dock: TimeTravelDock,
        catalog: Catalog,
        *,
        coupons: CouponTable | None = None,
        live_cart: Callable[[], Cart] | None = None,
        publish_all: PublishAll | None = None,
        today: Callable[[], date] = date.today,
        bridge: QtBridge | None = None,
    ) -> None:
        super().__init__(dock)
        self.setObjectName("whatIfPanel")
        self.dock = dock
        self.catalog = catalog
        self.coupons = coupons
        self.live_cart = live_cart
        self.publish_all = publish_all
        self.today = today
        self._key: tuple[str, int, int] | None = None
        self._recorded: Recorded | None = None
        self._result: WhatIf | None = None
        self._plan = Reconciliation((), None)
        self._sent: str | None = None
        """The correlation id of the last apply, whose refusals the status line counts."""
        self._sent_count = 0
        self._refused: list[str] = []
        self._early: list[tuple[str, str]] | None = None
        self._build()
        self._apply_palette()
        self.toggle = QToolButton(dock)
        self.toggle.setObjectName("whatIfToggle")
        self.toggle.setText(self.tr("What if…"))
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(self.tr("What if: skip past commands in a sandbox"))
        self.toggle.setToolTip(
            self.tr("Skip past commands and see the cart as it would be (a sandbox)")
        )
        self.toggle.toggled.connect(self.set_open)
        self.hide()
        dock.moved.connect(self._on_moved)
        if bridge is not None:
            bridge.fact_published.connect(self._on_fact)
        dock.add_panel(self.toggle, self)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.banner = QFrame(self)
        self.banner.setObjectName("whatIfBannerFrame")
        # the buttons beside the text, or under it when the panel is narrow (``_arrange``)
        row = self._banner_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.banner)
        row.setContentsMargins(10, 6, 6, 6)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setObjectName("whatIfBanner")
        self.banner_label.setAccessibleName(self.tr("What the what-if sandbox shows"))
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.banner_label, 1)
        self.banner_label.installEventFilter(self)  # its height follows its wrapped lines
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.reset_button = QPushButton(self.tr("Reset"), self.banner)
        self.reset_button.setObjectName("whatIfReset")
        self.reset_button.setToolTip(self.tr("Skip nothing: the sandbox is the real history again"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset)
        buttons.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.apply_button = QPushButton(self.tr("Apply to live cart"), self.banner)
        self.apply_button.setObjectName("whatIfApply")
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_to_live)
        buttons.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.banner)

        split = self.split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("whatIfSplitter")
        split.setChildrenCollapsible(False)
        split.splitterMoved.connect(self._on_splitter_moved)
        self.model = WhatIfModel(self)
        self.model.names = product_names(self.catalog)
        self.model.skips_changed.connect(self._replay)
        self.steps_view = QTableView(split)
        self.steps_view.setObjectName("whatIfSteps")
        self.steps_view.setAccessibleName(self.tr("Commands of the range; tick to skip one"))
        self.steps_view.setModel(self.model)
        self.steps_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps_view.setShowGrid(False)
        self.steps_view.setWordWrap(False)
        self.steps_view.verticalHeader().hide()
        self.steps_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.steps_view.setHorizontalHeader(_RoomyHeader(self.steps_view))
        header = self.steps_view.horizontalHeader()
        header.setHighlightSections(False)
        # the command text gets the room; the box, the position and the outcomes their contents
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COMMAND, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.steps_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.steps_view.customContextMenuRequested.connect(self._context_menu)
        self.steps_view.activated.connect(self._on_activated)
        self.skip_action = QAction(self.tr("Skip or keep this command"), self.steps_view)
        self.skip_action.setObjectName("whatIfSkipAction")
        self.skip_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.skip_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.skip_action.triggered.connect(self.toggle_current)
        self.steps_view.addAction(self.skip_action)
        split.addWidget(self.steps_view)

        scroll = self.cart_area = QScrollArea(split)
        scroll.setObjectName("whatIfCartArea")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        box = QWidget(scroll)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 4, 0)  # the text keeps clear of the scroll bar
        box_layout.setSpacing(6)
        caption = QLabel(self.tr("The sandbox's cart"), box)
        caption.setProperty("role", "hint")
        box_layout.addWidget(caption)
        self.lines = LinesModel(self)
        self.cart_view = QTableView(box)
        self.cart_view.setObjectName("whatIfCartView")
        self.cart_view.setAccessibleName(self.tr("The cart as it would be (sandbox, not live)"))
        self.cart_view.setModel(self.lines)
        self.cart_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cart_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.cart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cart_view.setShowGrid(False)
        self.cart_view.verticalHeader().hide()
        self.cart_view.setHorizontalHeader(_RoomyHeader(self.cart_view))
        cart_header = self.cart_view.horizontalHeader()
        cart_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        cart_header.setSectionResizeMode(COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        cart_header.setStretchLastSection(False)
        rows = self.fontMetrics().height() + 8
        self.cart_view.verticalHeader().setDefaultSectionSize(rows)
        self.cart_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As tall as its rows (at least three), so the labels below never cover it: the
        # pane scrolls as a whole when the dock is short.
        self.cart_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.cart_view.setMinimumHeight(4 * rows)
        self.cart_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        box_layout.addWidget(self.cart_view, 1)
        self.totals_label = self._label(box, "whatIfTotals", self.tr("Totals of the sandbox"))
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.stock_label = self._label(box, "whatIfStock", self.tr("Stock left in the sandbox"))
        self.diff_label = self._label(
            box, "whatIfDifference", self.tr("How the sandbox differs from the real cart")
        )
        self.status_label = self._label(box, "whatIfStatus", self.tr("What applying does"))
        self.status_label.setProperty("role", "hint")
        for label in (self.totals_label, self.stock_label, self.diff_label, self.status_label):
            box_layout.addWidget(label)
        scroll.setWidget(box)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self._user_split = False
        """Whether the user moved the splitter (then ``_arrange`` keeps their share)."""

    def _label(self, parent: QWidget, name: str, accessible: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- public API -------------------------------------------------------------------------

    @property
    def result(self) -> WhatIf | None:
        """The sandbox as last replayed (None before the panel was first opened)."""
        return self._result

    @property
    def plan(self) -> Reconciliation:
        """The commands "Apply to live cart" would publish now (or why there are none)."""
        return self._plan

    def banner_text(self) -> str:
        return self.banner_label.text()

    @Slot(bool)
    def set_open(self, opened: bool) -> None:
        """Show (and bring up to date) or hide the sandbox."""
        if self.toggle.isChecked() != opened:
            self.toggle.setChecked(opened)  # comes back here
            return
        self.setVisible(opened)
        self.dock.set_content_visible(not opened)  # the sandbox has a cart of its own
        if opened:
            self._make_room()
            self.reload()

    def skip(self, version: int, skipped: bool = True) -> bool:
        """Skip (or keep) the command at stream ``version``; False if the range has none."""
        return self.model.set_skipped(version, skipped)

    @Slot()
    def toggle_current(self) -> None:
        """Skip the selected command, or keep it if it is skipped (Space)."""
        index = self.steps_view.currentIndex()
        step = self.model.step_at(index.row()) if index.isValid() else None
        if step is not None:
            self.model.set_skipped(step.version, step.version not in self.model.skipped)

    @Slot()
    def reset(self) -> None:
        """Skip nothing: the sandbox shows the real history again."""
        self.model.clear_skips()

    def reload(self) -> None:
        """Read the dock's range again (new messages, another range) and replay."""
        span = self.dock.range
        key = (span.stream, span.first, span.last)
        skip = self.model.skipped if self._key is not None and key[:2] == self._key[:2] else ()
        self._key = key
        self._recorded = read_range(self.dock.store, span, self.dock.history.currency)
        self.model.set_steps(self._recorded.steps, span.first, skip)
        self._replay()
        self._select(self.dock.version)

    @Slot()
    def apply_to_live(self) -> None:
        """Publish the commands that take the live cart to the sandbox's (one undo step)."""
        if self.publish_all is None:
            return
        self.reload()  # decide against the newest history
        plan = self._plan
        if not self.apply_button.isEnabled() or not plan.commands:
            return
        count = len(plan.commands)
        text = english_plural(self.tr("Apply what-if (%n change(s))", "", count), count)
        self._refused = []
        self._sent_count = count
        # facts usually arrive while the commands are published (the bus runs to completion
        # on this thread): gather refusals until the correlation id is known
        self._early = []
        try:
            sent = self.publish_all(plan.commands, text)
        finally:
            early, self._early = self._early, None
        self._sent = sent[0].correlation_id if sent else None
        self._refused = [reason for corr, reason in early or () if corr == self._sent]
        self.model.clear_skips()
        self._show_sent()

    # -- internals --------------------------------------------------------------------------

    def _steps_width(self) -> int:
        """The steps list's width with ``COMMAND_CHARS`` of command text and every other
        column at its contents."""
        header = self.steps_view.horizontalHeader()
        others = sum(
            max(header.sectionSizeHint(col), self.steps_view.sizeHintForColumn(col))
            for col in range(self.model.columnCount())
            if col != COL_COMMAND
        )
        command = COMMAND_CHARS * self.fontMetrics().averageCharWidth()
        return others + command + 2 * self.steps_view.frameWidth() + self._bar_width()

    def _cart_width(self, unit_price: bool) -> int:
        """The sandbox pane's width that shows every cart column uncut (``unit_price``: with
        the unit price, which a narrow pane leaves out: the line total says what changes)."""
        return self._table_width(unit_price) + self._bar_width() + 4

    def _table_width(self, unit_price: bool) -> int:
        header = self.cart_view.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(col), self.cart_view.sizeHintForColumn(col))
            for col in range(self.lines.columnCount())
            if unit_price or col != COL_UNIT_PRICE
        )
        return columns + 2 * self.cart_view.frameWidth() + self._bar_width()

    def _bar_width(self) -> int:
        return self.cart_area.verticalScrollBar().sizeHint().width()

    def _arrange(self) -> None:
        """Steps and sandbox side by side when both fit uncut (without the unit price if need
        be), else stacked (with the unit price if the whole width has room for it); until the
        user moves the splitter, the sandbox gets the width its cart needs and the command
        text the rest. The banner's buttons go under its text when stacked."""
        self.cart_view.setColumnHidden(COL_UNIT_PRICE, False)  # a hidden header measures 0
        steps, full, narrow = self._steps_width(), self._cart_width(True), self._cart_width(False)
        room = self.split.width() - self.split.handleWidth()
        side_by_side = room >= steps + narrow
        unit_price = room >= (steps + full if side_by_side else full)
        self.cart_view.setColumnHidden(COL_UNIT_PRICE, not unit_price)
        cart = full if unit_price else narrow
        self.cart_view.setMinimumWidth(self._table_width(unit_price))
        orientation = Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical
        self._banner_row.setDirection(
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        turned = self.split.orientation() != orientation
        if turned:
            self.split.setOrientation(orientation)
        if self._user_split and not turned:
            return
        if side_by_side:
            spare = room - steps - cart
            self.split.setSizes([steps + spare - spare // 3, cart + spare // 3])
        else:
            height = self.split.height() - self.split.handleWidth()
            self.split.setSizes([height - height // 2, height // 2])

    @Slot(int, int)
    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A wrapped label inside a dock is not given the height of its lines (only a window's
        layout asks for height-for-width): the banner's text asks for it as its minimum."""
        if watched is self.banner_label and event.type() == QEvent.Type.Resize:
            label = self.banner_label
            need = label.heightForWidth(label.width())
            if need > 0 and need != label.minimumHeight():
                label.setMinimumHeight(need)
        return super().eventFilter(watched, event)

    def _make_room(self) -> None:
        """Grow a docked, short dock to ``ROOM_ROWS`` rows of text (the user may shrink it)."""
        window = self.dock.parentWidget()
        if not isinstance(window, QMainWindow) or self.dock.isFloating():
            return
        want = ROOM_ROWS * (self.fontMetrics().height() + 8)
        area = window.dockWidgetArea(self.dock)
        vertical = area in (
            Qt.DockWidgetArea.TopDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        if vertical and self.dock.height() < want:
            window.resizeDocks([self.dock], [want], Qt.Orientation.Vertical)

    def _span(self) -> Range:
        return self.dock.range

    @Slot()
    def _replay(self) -> None:
        recorded = self._recorded
        if recorded is None:
            return
        result = self._result = recorded.replay(
            self.model.skipped, self.catalog, coupons=self.coupons
        )
        self.model.set_result(result)
        self.lines.set_cart(result.cart)
        totals = result.cart.totals()
        text = (
            self.tr("Subtotal %1 · Tax %2 · <b>Total %3</b>")
            .replace("%1", totals.subtotal.format())
            .replace("%2", totals.tax.format())
            .replace("%3", totals.total.format())
        )
        # a narrow pane wraps the line before the total, never inside it
        self.totals_label.setText(
            re.sub(r"(<b>.*?</b>)", r'<span style="white-space: nowrap">\1</span>', text)
        )
        self._show_stock(result)
        diff = cart_diff(result.real, result.cart)
        if diff.empty and result.cart == result.real:
            self.diff_label.setText(self.tr("Same as the real cart."))
        else:
            changes = "\n".join(diff.lines()) or self.tr("(other discounts or stock)")
            self.diff_label.setText(self.tr("Unlike the real cart:\n%1").replace("%1", changes))
        self._update_banner(result)
        self._update_apply(result)
        self._arrange()  # the cart's columns may want another width now

    def _show_stock(self, result: WhatIf) -> None:
        items: list[str] = []
        for step in result.outcomes:
            item = getattr(step.step.command, "item_id", None)
            if isinstance(item, str) and item not in items:
                items.append(item)
        items += [ln.item_id for ln in result.cart.lines if ln.item_id not in items]
        sandbox = stock_left(result.cart, self.catalog, items)
        real = stock_left(result.real, self.catalog, items)
        parts = []
        for item, left in sandbox.items():
            product = self.catalog.get(item)
            name = product.name if product is not None else item
            if real.get(item) != left:
                parts.append(
                    self.tr("%1: %2 (really %3)")
                    .replace("%1", name)
                    .replace("%2", str(left))
                    .replace("%3", str(real.get(item)))
                )
            else:
                parts.append(f"{name}: {left}")
        self.stock_label.setText(
            self.tr("Stock left: %1").replace("%1", " · ".join(parts)) if parts else ""
        )

    def _update_banner(self, result: WhatIf) -> None:
        skipped = len(result.skipped)
        refused = len(result.now_rejected)
        if refused:
            text = self.tr(
                "What-if sandbox, not the live cart: %n command(s) skipped; %1 would now be "
                "rejected. Nothing here changes the live cart until you apply it.",
                "",
                skipped,
            ).replace("%1", str(refused))
        else:
            text = self.tr(
                "What-if sandbox, not the live cart: %n command(s) skipped. Nothing here "
                "changes the live cart until you apply it.",
                "",
                skipped,
            )
        self.banner_label.setText(english_plural(text, skipped))
        self.reset_button.setEnabled(bool(skipped))

    def _update_apply(self, result: WhatIf) -> None:
        span = self._span()
        if self.publish_all is None or self.live_cart is None:
            self.apply_button.setVisible(False)
            return
        if not (span.live and span.stream == LIVE_STREAM):
            self._plan = Reconciliation((), None)
            why = self.tr("Apply works on the live cart's current session only.")
        else:
            self._plan = reconcile(self.live_cart(), result.cart, today=self.today())
            if self._plan.blocked is not None:
                blocked = QCoreApplication.translate("reconcile", self._plan.blocked)
                why = self.tr("Cannot apply: %1").replace("%1", blocked)
            elif not self._plan.commands:
                why = self.tr("No difference from the live cart.")
            else:
                why = english_plural(
                    self.tr(
                        "Apply sends %n command(s) to the live cart; one undo takes them back.",
                        "",
                        len(self._plan.commands),
                    ),
                    len(self._plan.commands),
                )
        enabled = bool(self._plan.commands) and self._plan.blocked is None and span.live
        self.apply_button.setEnabled(enabled)
        self.apply_button.setToolTip(why)
        if self._sent is None or enabled:
            self.status_label.setText(why)

    def _show_sent(self) -> None:
        sent, refused = self._sent_count, len(self._refused)
        if not refused:
            text = self.tr(
                "Sent %n command(s) to the live cart; Edit > Undo takes them back in one step.",
                "",
                sent,
            )
            self.status_label.setText(english_plural(text, sent))
            return
        if refused < sent:
            text = self.tr(
                "Sent %n command(s) to the live cart. %1 refused: %2 (Edit > Undo takes back "
                "what the others changed.)",
                "",
                sent,
            )
        else:
            text = self.tr("Sent %n command(s) to the live cart. %1 refused: %2", "", sent)
        text = english_plural(text, sent)
        self.status_label.setText(
            text.replace("%1", str(refused)).replace("%2", "; ".join(self._refused))
        )

    def _select(self, version: int) -> None:
        row = self.model.row_of(version)
        if row is not None:
            self.steps_view.setCurrentIndex(self.model.index(row, COL_COMMAND))

    @Slot(int)
    def _on_moved(self, version: int) -> None:
        if not self.isVisible():
            return  # opening the panel reads the range again
        span = self._span()
        if (span.stream, span.first, span.last) != self._key:
            self.reload()
        else:
            self._select(version)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        version = index.data(VERSION_ROLE)
        if isinstance(version, int) and index.column() != COL_SKIP:
            self.dock.set_version(version)

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        index = self.steps_view.indexAt(point)
        if not index.isValid():
            return
        self.steps_view.setCurrentIndex(index)
        step = self.model.step_at(index.row())
        if step is None:
            return
        menu = QMenu(self)
        skipped = step.version in self.model.skipped
        action = menu.addAction(
            self.tr("Keep this command") if skipped else self.tr("Skip this command")
        )
        action.triggered.connect(self.toggle_current)
        menu.addAction(self.tr("Show the cart at this command")).triggered.connect(
            lambda: self.dock.set_version(step.version)
        )
        menu.popup(self.steps_view.viewport().mapToGlobal(point))

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        fact = envelope.event
        if self._early is not None and isinstance(fact, CommandRejected):
            self._early.append((envelope.correlation_id, fact.reason_text()))
            return
        if self._sent is None or envelope.correlation_id != self._sent:
            return
        if isinstance(fact, CommandRejected):
            self._refused.append(fact.reason_text())
            self._show_sent()

    def _apply_palette(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.banner.setStyleSheet(BANNER_STYLE[dark])
        self.model.dark = dark
        self.lines.set_dark(dark)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
