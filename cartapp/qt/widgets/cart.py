"""The cart panel: the cart table, totals, "Clear cart" and "Checkout".

Like every widget here, it never changes the cart. Edits become requests: the quantity
delegate's commit emits ``update_requested(item_id, quantity)``, the remove column and the
Delete key emit ``remove_requested(item_id, quantity)``, and the buttons emit
``clear_requested`` and ``checkout_requested``; the main window publishes the commands.
The discount row asks for a line or order discount typed as "10 %" or "2.50"
(``discount_requested(item_id or "", percent, amount)``), a coupon (``coupon_requested(code)``)
and the removal of the selected line's discount or else the latest order discount or coupon
(``remove_discount_requested(item_id, code)``); the totals show the discount and what gave it.
What the table and the totals show comes from ``CartModel``, which follows the facts.

The table follows every fact at once (the model's row signals); the totals, the count, the
buttons and the empty-cart page are refreshed at most once per frame (a job on the bridge's
frame clock, ``cartapp.qt.frame_clock``), then ``refreshed`` is emitted. A burst of facts costs
one refresh, not one per fact: switching the empty page and the table alone costs about 200 us.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QIcon, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.money import Money, MoneyError, parse_percent, parse_price
from cartapp.qt.frame_clock import FrameClock
from cartapp.qt.locale_text import money_text
from cartapp.qt.models.cart import (
    COL_LINE_TOTAL,
    COL_PRODUCT,
    COL_QUANTITY,
    COL_REMOVE,
    COL_UNIT_PRICE,
    ITEM_ID_ROLE,
    CartModel,
)
from cartapp.qt.style import icon

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from cartapp.domain.cart import Cart, CartLine, OrderDiscount

__all__ = [
    "EDITOR_MAXIMUM",
    "CartPanel",
    "QuantityDelegate",
    "RemoveButtonDelegate",
    "discounts_caption",
    "parse_discount",
    "tax_caption",
]

EDITOR_MAXIMUM = 99_999
"""The inline editor accepts up to this: the domain, not the widget, says what is too many."""

Index = QModelIndex | QPersistentModelIndex


class QuantityDelegate(QStyledItemDelegate):
    """A spin box for the quantity column whose commit is a request, never ``setData``."""

    commit_requested = Signal(str, int)
    """``(item_id, quantity)`` when an edit is committed with a new value."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setObjectName("quantityEditor")
        spin.setAccessibleName(self.tr("Quantity"))
        spin.setRange(0, EDITOR_MAXIMUM)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        spin.setFrame(False)
        return spin

    @staticmethod
    def editor_width(view: QWidget) -> int:
        """The width an editor needs to show its widest value beside its arrows, in ``view``'s
        style."""
        probe = QSpinBox(view)
        probe.setRange(0, EDITOR_MAXIMUM)
        probe.setFrame(False)
        width = probe.sizeHint().width()
        probe.hide()  # never shown with the view (a stray "0" over the header in screenshots)
        probe.deleteLater()
        return width

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QSpinBox):
            return
        editor.interpretText()
        value = editor.value()
        item_id = index.data(ITEM_ID_ROLE)
        if item_id and value != index.data(Qt.ItemDataRole.EditRole):
            self.commit_requested.emit(str(item_id), value)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(option.rect)


class RemoveButtonDelegate(QStyledItemDelegate):
    """Paints a remove icon in the last column; a click on it emits ``clicked(row)``."""

    clicked = Signal(int)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.icon = QIcon()  # drawn centred below instead of at the cell's left
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        size = 18
        rect = QRect(0, 0, size, size)
        rect.moveCenter(option.rect.center())
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        mode = QIcon.Mode.Active if hovered else QIcon.Mode.Normal
        icon("delete").paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(36, 28)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and option.rect.contains(event.position().toPoint())
        ):
            self.clicked.emit(index.row())
            return True
        return super().editorEvent(event, model, option, index)


def tax_caption(cart: Cart) -> str:
    """ "Tax" with the rates the cart's lines are taxed at: "Tax (7 %, 19 %)"."""
    rates = sorted({line.tax_rate for line in cart.lines})
    if not rates:
        return QCoreApplication.translate("CartPanel", "Tax")
    shown = ", ".join(f"{(rate * 100).normalize():f} %" for rate in rates)
    return QCoreApplication.translate("CartPanel", "Tax ({rates})").format(rates=shown)


def parse_discount(text: str) -> tuple[Decimal | None, Decimal | None]:
    """``(percent, amount)`` from what was typed: "10 %" or "10%" is a percent, "2.50" (or
    "2,50", "€2.50") an amount; ``MoneyError`` says what is wrong otherwise."""
    cleaned = text.strip().replace("\u20ac", "").replace(",", ".").strip()
    if not cleaned:
        raise MoneyError(
            QCoreApplication.translate(
                "CartPanel", "type a discount: 10 % or an amount such as 2.50"
            )
        )
    if cleaned.endswith("%"):
        percent = parse_percent(cleaned[:-1].strip() or "x", "the percent")
        return percent, None
    return None, parse_price(cleaned, "the discount")


def _order_off(discount: OrderDiscount, currency: str) -> str:
    terms = discount.discount
    if terms.percent is not None:
        off = f"{terms.percent.normalize():f} %"
    else:
        off = money_text(Money(terms.amount or Decimal(0), currency))
    if discount.code:
        return f"{discount.code} \u2212{off}"
    return QCoreApplication.translate("CartPanel", "order \u2212{amount}").format(amount=off)


def discounts_caption(cart: Cart) -> str:
    """ "Discount" with what gives it: "Discount (order -€1.00, SPRING10 -10 %)"."""
    parts = [_order_off(d, cart.currency) for d in cart.discounts]
    if any(line.discount is not None for line in cart.lines):
        parts.insert(0, QCoreApplication.translate("CartPanel", "lines"))
    if not parts:
        return QCoreApplication.translate("CartPanel", "Discount")
    return QCoreApplication.translate("CartPanel", "Discount ({parts})").format(
        parts=", ".join(parts)
    )


def _named(widget: QWidget, name: str, accessible: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)


class CartPanel(QWidget):
    """Shows the cart and asks for changes; the model follows the facts."""

    update_requested = Signal(str, int)
    remove_requested = Signal(str, int)
    clear_requested = Signal()
    checkout_requested = Signal()
    discount_requested = Signal(str, object, object)
    """``(item_id or "" for the order, percent or None, amount or None)``."""
    coupon_requested = Signal(str)
    remove_discount_requested = Signal(str, str)
    """``(item_id, "")`` for a line's discount, ``("", code)`` for a coupon, ``("", "")`` for
    the order's own discount."""
    refreshed = Signal()
    """Totals, count, buttons and page show the model's cart (once per frame after changes)."""

    def __init__(
        self, model: CartModel, parent: QWidget | None = None, *, frames: FrameClock | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cartPanel")
        self.model = model
        frames = frames if frames is not None else FrameClock(parent=self)
        self._refresh_job = frames.register("cart totals", self._on_frame)
        """Totals, buttons and page follow the cart once per frame (``cartapp.qt.frame_clock``)."""

        title = QLabel(self.tr("Cart"))
        title.setProperty("role", "heading")
        self.count_label = QLabel()
        self.count_label.setObjectName("cartCountLabel")
        self.count_label.setProperty("role", "hint")
        self.discounts_toggle = QToolButton()
        _named(self.discounts_toggle, "discountsToggle", self.tr("Show discounts and coupons"))
        self.discounts_toggle.setText(self.tr("&Discounts"))
        self.discounts_toggle.setCheckable(True)
        self.discounts_toggle.setToolTip(
            self.tr("Show the line and order discounts and the coupon code")
        )
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.discounts_toggle)
        heading.addStretch(1)
        heading.addWidget(self.count_label)

        self.view = QTableView(self)
        _named(self.view, "cartView", self.tr("Cart lines"))
        self.view.setAccessibleDescription(
            self.tr(
                "One line per product. F2 edits the quantity, plus and minus step it, "
                "Delete removes it"
            )
        )
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setMouseTracking(True)
        self.view.setIconSize(QSize(24, 24))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(34)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        # Measured once from the widest values, not ResizeToContents (which re-measures every
        # row on every change).
        samples = {COL_UNIT_PRICE: "€9,999.99", COL_QUANTITY: "999", COL_LINE_TOTAL: "€99,999.99"}
        metrics = self.view.fontMetrics()
        for col, sample in samples.items():
            caption = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(caption))
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width + 24)
        # The inline editor needs room for its digits beside its arrows, or the arrows cover the
        # number: as wide as a spin box holding the widest quantity wants to be.
        header.resizeSection(
            COL_QUANTITY,
            max(header.sectionSize(COL_QUANTITY), QuantityDelegate.editor_width(self.view)),
        )
        header.setSectionResizeMode(COL_REMOVE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_REMOVE, 40)
        header.setMinimumSectionSize(40)

        self.quantity_delegate = QuantityDelegate(self.view)
        self.quantity_delegate.commit_requested.connect(self.update_requested)
        self.view.setItemDelegateForColumn(COL_QUANTITY, self.quantity_delegate)
        self.remove_delegate = RemoveButtonDelegate(self.view)
        self.remove_delegate.clicked.connect(self._on_remove_clicked)
        self.view.setItemDelegateForColumn(COL_REMOVE, self.remove_delegate)

        self.empty = self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)

        totals = QFrame()
        totals.setObjectName("totalsFrame")
        self.totals_frame = totals
        grid = QGridLayout(totals)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setColumnStretch(0, 1)
        _, self.subtotal_label = self._total_row(grid, 0, self.tr("Subtotal"), "subtotalLabel")
        self.discount_caption, self.discount_label = self._total_row(
            grid, 1, self.tr("Discount"), "discountLabel"
        )
        self.tax_caption, self.tax_label = self._total_row(grid, 2, self.tr("Tax"), "taxLabel")
        _, self.total_label = self._total_row(grid, 3, self.tr("Total"), "totalLabel")
        discounts = self._build_discount_row()
        self.discount_frame = discounts
        self.discounts_toggle.toggled.connect(self._show_discounts)

        self.clear_button = QPushButton(icon("clear"), self.tr("C&lear cart"))
        _named(self.clear_button, "clearCartButton", self.tr("Clear cart"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear_requested)
        # The primary button stays text-only: the grey line icon is muddy on the accent colour.
        # Alt+O: Alt+C belongs to the Cart menu (two owners of one mnemonic make it do nothing).
        self.checkout_button = QPushButton(self.tr("Check&out…"))
        _named(self.checkout_button, "checkoutButton", self.tr("Checkout"))
        self.checkout_button.setAutoDefault(False)
        self.checkout_button.clicked.connect(self.checkout_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.checkout_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 10, 8)
        layout.addLayout(heading)
        layout.addWidget(self.stack, 1)
        self.rejection = QLabel()
        _named(self.rejection, "cartRejection", self.tr("Last rejection"))
        self.rejection.setWordWrap(True)
        self.rejection.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejection.hide()
        layout.addWidget(self.rejection)
        layout.addWidget(discounts)
        layout.addWidget(totals)
        layout.addLayout(buttons)

        self.setTabOrder(self.view, self.clear_button)
        self.setTabOrder(self.clear_button, self.checkout_button)
        model.cart_changed.connect(self._on_cart_changed)
        model.modelReset.connect(self.schedule_refresh)
        self._refresh()

    def styled_parts(self) -> tuple[QWidget, ...]:
        """The widgets the app's style sheet draws (the totals, the checkout button, the
        rejection); the rest of the panel follows the palette (``style.adopt_roles``)."""
        return (self.totals_frame, self.checkout_button, self.rejection)

    def _total_row(
        self, grid: QGridLayout, row: int, caption: str, name: str
    ) -> tuple[QLabel, QLabel]:
        caption_label = QLabel(caption)
        caption_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value = QLabel()
        _named(value, name, caption)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setMinimumWidth(110)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if name == "totalLabel":
            caption_label.setObjectName("totalCaption")
        grid.addWidget(caption_label, row, 1)
        grid.addWidget(value, row, 2)
        return caption_label, value

    def _build_discount_row(self) -> QFrame:
        """The discount and coupon controls, shown by the heading's "Discounts" toggle (hidden,
        they take no room: the panel keeps its small minimum size)."""
        self.discount_edit = QLineEdit()
        _named(self.discount_edit, "discountEdit", self.tr("Discount"))
        self.discount_edit.setPlaceholderText(self.tr("10 % or 2.50"))
        self.discount_edit.setMaximumWidth(120)
        self.line_discount_button = QPushButton(self.tr("&Line discount"))
        _named(
            self.line_discount_button, "lineDiscountButton", self.tr("Discount the selected line")
        )
        self.line_discount_button.setToolTip(self.tr("Take the discount off the selected line"))
        self.order_discount_button = QPushButton(self.tr("Orde&r discount"))
        _named(self.order_discount_button, "orderDiscountButton", self.tr("Discount the order"))
        self.order_discount_button.setToolTip(self.tr("Take the discount off the whole order"))
        self.remove_discount_button = QPushButton(self.tr("Re&move discount"))
        _named(self.remove_discount_button, "removeDiscountButton", self.tr("Remove a discount"))
        self.remove_discount_button.setToolTip(
            self.tr("Remove the selected line's discount, else the latest order discount or coupon")
        )
        self.coupon_edit = QLineEdit()
        _named(self.coupon_edit, "couponEdit", self.tr("Coupon code"))
        self.coupon_edit.setPlaceholderText(self.tr("Coupon code"))
        self.coupon_edit.setMaximumWidth(120)
        self.coupon_button = QPushButton(self.tr("A&pply coupon"))
        _named(self.coupon_button, "applyCouponButton", self.tr("Apply the coupon"))
        for button in (
            self.line_discount_button,
            self.order_discount_button,
            self.remove_discount_button,
            self.coupon_button,
        ):
            button.setAutoDefault(False)
        self.line_discount_button.clicked.connect(lambda: self._ask_discount(line=True))
        self.order_discount_button.clicked.connect(lambda: self._ask_discount(line=False))
        self.discount_edit.returnPressed.connect(lambda: self._ask_discount(line=True))
        self.remove_discount_button.clicked.connect(self._ask_remove_discount)
        self.coupon_button.clicked.connect(self._ask_coupon)
        self.coupon_edit.returnPressed.connect(self._ask_coupon)
        frame = QFrame()
        frame.setObjectName("discountFrame")
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(self.discount_edit, 0, 0)
        grid.addWidget(self.line_discount_button, 0, 1)
        grid.addWidget(self.order_discount_button, 0, 2)
        grid.addWidget(self.coupon_edit, 1, 0)
        grid.addWidget(self.coupon_button, 1, 1)
        grid.addWidget(self.remove_discount_button, 1, 2)
        grid.setColumnStretch(3, 1)
        frame.hide()
        return frame

    @Slot(bool)
    def _show_discounts(self, shown: bool) -> None:
        self.discount_frame.setVisible(shown)
        if shown:
            self.discount_edit.setFocus()

    def _ask_discount(self, *, line: bool) -> None:
        try:
            percent, amount = parse_discount(self.discount_edit.text())
        except MoneyError as exc:
            self.show_rejection(str(exc))
            return
        item_id = ""
        if line:
            selected = self.selected_line()
            if selected is None:
                self.show_rejection(self.tr("select the line to discount"))
                return
            item_id = selected.item_id
        self.discount_requested.emit(item_id, percent, amount)

    @Slot()
    def _ask_coupon(self) -> None:
        code = self.coupon_edit.text().strip()
        if not code:
            self.show_rejection(self.tr("type a coupon code"))
            return
        self.coupon_requested.emit(code)

    @Slot()
    def _ask_remove_discount(self) -> None:
        line = self.selected_line()
        if line is not None and line.discount is not None:
            self.remove_discount_requested.emit(line.item_id, "")
            return
        discounts = self.model.cart.discounts
        latest = discounts[-1] if discounts else None
        self.remove_discount_requested.emit("", latest.code or "" if latest else "")

    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        page.setObjectName("cartEmptyState")
        picture = QLabel()
        picture.setPixmap(icon("empty-cart").pixmap(96, 96))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Your cart is empty"))
        title.setProperty("role", "emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("Pick a product in the catalog and press Add to cart (or Enter)."))
        text.setProperty("role", "emptyText")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(picture)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(2)
        page.setAccessibleName(self.tr("The cart is empty"))
        return page

    # -- queries ----------------------------------------------------------------------------

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.view.selectRow(row)

    def selected_line(self) -> CartLine | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            rows = self.view.selectionModel().selectedRows()
            if not rows:
                return None
            index = rows[0]
        return self.model.line_at(index.row())

    # -- requests ---------------------------------------------------------------------------

    @Slot()
    def remove_selected(self) -> None:
        line = self.selected_line()
        if line is not None:
            self.remove_requested.emit(line.item_id, line.quantity)

    def step_selected(self, delta: int) -> None:
        """Ask for the selected line's quantity plus ``delta`` (the domain judges the result)."""
        line = self.selected_line()
        if line is not None:
            self.update_requested.emit(line.item_id, line.quantity + delta)

    @Slot(int)
    def _on_remove_clicked(self, row: int) -> None:
        line = self.model.line_at(row)
        if line is not None:
            self.remove_requested.emit(line.item_id, line.quantity)

    # -- rejections ---------------------------------------------------------------------------

    def show_rejection(self, reason: str) -> None:
        """Say beside the cart why the last request was refused (until the next change)."""
        self.rejection.setText(self.tr("Not done: {reason}").format(reason=reason))
        self.rejection.show()

    def clear_rejection(self) -> None:
        """Hide the rejection line (called for every accepted fact: free when already hidden)."""
        if not self.rejection.isHidden():
            self.rejection.hide()
            self.rejection.clear()

    # -- following the model ----------------------------------------------------------------

    @Slot(object)
    def _on_cart_changed(self, _cart: Cart) -> None:
        self.schedule_refresh()

    @Slot()
    def schedule_refresh(self) -> None:
        """Refresh totals, buttons and page in the next frame (once for a burst)."""
        self._refresh_job.request()

    def refresh_pending(self) -> bool:
        """Whether changes wait for the next frame's refresh."""
        return self._refresh_job.requested

    @property
    def refreshes(self) -> int:
        """How many times the frame's refresh ran."""
        return self._refresh_job.runs

    def flush(self) -> None:
        """Refresh now if a refresh is due (a screenshot, a test that cannot wait)."""
        if self._refresh_job.requested:
            self._refresh_job.cancel()
            self._refresh()

    def _on_frame(self, _deadline: float) -> None:
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        cart = self.model.cart
        totals = cart.totals()
        self.subtotal_label.setText(money_text(totals.subtotal))
        off = totals.discount
        self.discount_label.setText(f"\u2212{money_text(off)}" if off.amount else money_text(off))
        self.discount_caption.setText(discounts_caption(cart))
        discounted = bool(off.amount) or bool(cart.discounts)
        self.discount_caption.setVisible(discounted)  # no room taken without a discount
        self.discount_label.setVisible(discounted)
        self.tax_label.setText(money_text(totals.tax))
        self.tax_caption.setText(tax_caption(cart))
        self.total_label.setText(money_text(totals.total))
        count = cart.item_count
        self.count_label.setText(
            self.tr("%n item(s)", "", count) + " · " + self.tr("%n line(s)", "", len(cart.lines))
            if count
            else ""
        )
        has_lines = bool(cart.lines)
        self.clear_button.setEnabled(has_lines)
        self.checkout_button.setEnabled(has_lines)
        for widget in (
            self.line_discount_button,
            self.order_discount_button,
            self.coupon_button,
        ):
            widget.setEnabled(has_lines)
        self.remove_discount_button.setEnabled(
            bool(cart.discounts) or any(line.discount is not None for line in cart.lines)
        )
        page = self.view if has_lines else self.empty
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        if has_lines and not self.view.selectionModel().hasSelection():
            self.view.selectRow(len(cart.lines) - 1)
        self.refreshed.emit()
