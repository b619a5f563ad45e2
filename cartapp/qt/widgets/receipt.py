"""Receipts: the text of an order's receipt, and ``ReceiptDialog`` to preview, print or save it.

``receipt_text(order, timestamp, shop)`` lays the receipt out in a fixed-width column: the shop's
name and address (``ShopDetails``, from the settings keys ``shop/name`` and ``shop/address``),
the order number and time, every line with its quantity, unit price, total and its share of the
discounts, the subtotal, the discount, the tax per rate (on the net it was charged on), the
total, the tenders and the change. ``ReceiptDialog`` shows that text and prints it through Qt's
print support: *Print preview* (``QPrintPreviewDialog``), *Print…* (``QPrintDialog``) and *Save
as PDF…* (a ``QPrinter`` in ``PdfFormat``; ``ask_pdf_path`` picks the file and tests replace it).
A PDF that cannot be written is said in the dialog; nothing else changes.
"""

from __future__ import annotations

import os
import time
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Slot
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cartapp.domain.money import Money, round_cents
from cartapp.qt.locale_text import money_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from cartapp.domain.events import CheckedOut

__all__ = ["RECEIPT_WIDTH", "ReceiptDialog", "ShopDetails", "receipt_text", "write_pdf"]

RECEIPT_WIDTH = 42
"""Characters per receipt line (a till roll's width in a fixed font)."""

SHOP_NAME_KEY = "shop/name"
SHOP_ADDRESS_KEY = "shop/address"


DEFAULT_SHOP_NAME = "cartapp shop"


@dataclass(frozen=True, slots=True)
class ShopDetails:
    name: str = DEFAULT_SHOP_NAME
    address: str = ""

    @classmethod
    def from_settings(cls, settings: QSettings | None) -> ShopDetails:
        """The shop's name and address from the settings (``|`` or a new line separates
        address lines); a missing or odd value falls back to the default."""
        if settings is None:
            return cls()
        name = settings.value(SHOP_NAME_KEY)
        address = settings.value(SHOP_ADDRESS_KEY)
        return cls(
            name.strip()[:RECEIPT_WIDTH]
            if isinstance(name, str) and name.strip()
            else DEFAULT_SHOP_NAME,
            address if isinstance(address, str) else "",
        )


def _width(text: str) -> int:
    """Columns ``text`` takes in a fixed font: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _row(left: str, right: str) -> str:
    room = RECEIPT_WIDTH - _width(right) - 1
    if _width(left) > room:
        while left and _width(left) > max(0, room - 1):
            left = left[:-1]
        left += "\u2026"
    return left + " " * (room - _width(left)) + " " + right


def _centred(text: str) -> str:
    return (" " * max(0, (RECEIPT_WIDTH - _width(text)) // 2) + text).rstrip()


def _rate(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %"


def _tender_name(method: str) -> str:
    if method == "card":
        return QCoreApplication.translate("receipt", "Card")
    if method == "cash":
        return QCoreApplication.translate("receipt", "Cash")
    return method.capitalize()


def receipt_text(order: CheckedOut, timestamp: float, shop: ShopDetails) -> str:
    """The receipt of ``order``, closed at ``timestamp`` (see the module docstring)."""

    def money(amount: Decimal) -> str:
        return money_text(Money(amount, order.currency))

    rule = "-" * RECEIPT_WIDTH
    out = [shop.name.center(RECEIPT_WIDTH).rstrip()]
    for part in shop.address.replace("|", "\n").splitlines():
        if part.strip():
            out.append(part.strip()[:RECEIPT_WIDTH].center(RECEIPT_WIDTH).rstrip())
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))
    order_title = QCoreApplication.translate("receipt", "Order #{number}").format(
        number=order.order_number
    )
    out += [rule, _row(order_title, stamp), rule]
    shares = order.line_discounts or tuple(Decimal("0.00") for _ in order.lines)
    taxed: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for line, share in zip(order.lines, shares, strict=True):
        gross = round_cents(line.unit_price * line.quantity)
        out.append(_row(f"{line.quantity} x {line.name}", money(gross)))
        if line.quantity > 1:
            out.append(f"    @ {money(line.unit_price)}")
        if share:
            out.append(
                _row(
                    "    " + QCoreApplication.translate("receipt", "discount"),
                    f"\u2212{money(share)}",
                )
            )
        net = gross - share
        base, tax = taxed.get(line.tax_rate, (Decimal("0.00"), Decimal("0.00")))
        taxed[line.tax_rate] = (base + net, tax + round_cents(net * line.tax_rate))
    out += [rule, _row(QCoreApplication.translate("receipt", "Subtotal"), money(order.subtotal))]
    if order.discount:
        out.append(
            _row(
                QCoreApplication.translate("receipt", "Discount"), f"\u2212{money(order.discount)}"
            )
        )
    for rate in sorted(taxed):
        base, tax = taxed[rate]
        tax_title = QCoreApplication.translate("receipt", "Tax {rate} on {base}").format(
            rate=_rate(rate), base=money(base)
        )
        out.append(_row(tax_title, money(tax)))
    out += [_row(QCoreApplication.translate("receipt", "TOTAL"), money(order.total)), rule]
    for tender in order.tenders:
        out.append(_row(_tender_name(tender.method), money(tender.amount)))
    if order.tenders:
        out.append(_row(QCoreApplication.translate("receipt", "Change"), money(order.change)))
        out.append(rule)
    out.append(_centred(QCoreApplication.translate("receipt", "Thank you!")))
    return "\n".join(out) + "\n"


def _document(text: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    document.setPlainText(text)
    return document


def write_pdf(text: str, path: Path) -> None:
    """Write ``text`` as a PDF at ``path``; ``OSError`` if the file cannot be written.

    The PDF is written beside ``path`` first and moved over it only once it is there: Qt's
    printer does not say whether it could write, so a failed save over an older receipt must
    not leave that older file looking like the new one."""
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(partial))
    document = _document(text)
    document.print_(printer)
    if not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        raise OSError(f"could not write {path}")
    os.replace(partial, path)


class ReceiptDialog(QDialog):
    """Shows an order's receipt with Print preview, Print and Save as PDF."""

    def __init__(
        self,
        order: CheckedOut,
        timestamp: float,
        shop: ShopDetails,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Receipt of order #{number}").format(number=order.order_number))
        self.order = order
        self.text = receipt_text(order, timestamp, shop)
        self.ask_pdf_path: Callable[[], Path | None] = self._ask_pdf_path
        """Asks where to save the PDF (None: cancelled); tests replace it."""

        self.view = QPlainTextEdit(self)
        self.view.setObjectName("receiptText")
        self.view.setAccessibleName(self.tr("Receipt"))
        self.view.setReadOnly(True)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlainText(self.text)
        metrics = self.view.fontMetrics()
        width = metrics.horizontalAdvance("M" * (RECEIPT_WIDTH + 4))
        rows = self.text.count("\n") + 2
        self.view.setMinimumSize(width, min(640, max(360, rows * metrics.lineSpacing() + 16)))
        self.message = QLabel(self)
        self.message.setObjectName("receiptMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.preview_button = QPushButton(self.tr("Print pre&view…"), self)
        self.preview_button.setObjectName("receiptPreviewButton")
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setObjectName("receiptPrintButton")
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.pdf_button.setObjectName("receiptPdfButton")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("receiptCloseButton")
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setAutoDefault(False)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_receipt)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @Slot()
    def preview(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("receiptPreview")
        document = _document(self.text)
        dialog.paintRequested.connect(document.print_)
        dialog.exec()

    @Slot()
    def print_receipt(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            _document(self.text).print_(printer)
            self._say(self.tr("Sent to the printer."))

    def _ask_pdf_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the receipt as PDF"),
            f"receipt-{self.order.order_number}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        return Path(name) if name else None

    @Slot()
    def save_pdf(self) -> None:
        path = self.ask_pdf_path()
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf(self.text, path)
        except OSError as exc:
            self._say(self.tr("The PDF could not be saved: {error}").format(error=exc))
            return
        self._say(self.tr("Saved {path}").format(path=path))
