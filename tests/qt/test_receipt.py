"""Receipts through real widgets: after a paid sale the payment step opens the receipt (shop
from the settings, lines, discounts, tax per rate, tenders, change, number, time), it is saved
as a PDF, and the Orders tab opens the same receipt again."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cartapp.qt.widgets.payment import PaymentDialog
from cartapp.qt.widgets.receipt import ReceiptDialog

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton


def _pay_cash(ui, qtbot, amount: str) -> PaymentDialog:
    qtbot.mouseClick(ui.cart.checkout_button, LEFT)
    dialog = ui.window.payment_dialog
    assert isinstance(dialog, PaymentDialog)
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, amount)
    qtbot.mouseClick(dialog.cash_button, LEFT)
    assert dialog.order is not None
    return dialog


def _sale(ui, qtbot) -> PaymentDialog:
    ui.window.settings.setValue("shop/name", "Corner Shop")
    ui.window.settings.setValue("shop/address", "1 Main Street|12345 Springfield")
    ui.add("espresso-beans", 2)  # 37.80, 10 % off: 34.02
    ui.add("dish-soap", 1)
    ui.select_line("espresso-beans")
    ui.window.request_discount("espresso-beans", Decimal("10"), None)
    ui.settle()
    return _pay_cash(ui, qtbot, "50")


def test_the_receipt_of_a_paid_sale_and_its_pdf(ui, qtbot, tmp_path: Path) -> None:
    payment = _sale(ui, qtbot)
    qtbot.mouseClick(payment.receipt_button, LEFT)
    receipt = ui.window.receipt_dialog
    assert isinstance(receipt, ReceiptDialog)
    text = receipt.view.toPlainText()
    lines = text.splitlines()
    assert lines[0].strip() == "Corner Shop"
    assert [lines[1].strip(), lines[2].strip()] == ["1 Main Street", "12345 Springfield"]
    assert lines[4].startswith("Order #1 ")
    assert all(len(line) <= 42 for line in lines)
    soap = ui.window.catalog["dish-soap"]
    soap_gross = f"€{soap.unit_price}"
    soap_tax = (soap.unit_price * soap.tax_rate).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    body = [" ".join(line.split()) for line in lines]
    assert "2 x Espresso beans 1 kg €37.80" in body
    assert "@ €18.90" in body
    assert "discount \u2212€3.78" in body
    assert f"1 x {soap.name} {soap_gross}" in body
    assert "Tax 7 % on €34.02 €2.38" in body
    assert f"Tax {(soap.tax_rate * 100).normalize():f} % on {soap_gross} €{soap_tax}" in body
    order = payment.order
    assert order is not None
    assert f"TOTAL €{order.total}" in body
    assert "Cash €50.00" in body and f"Change €{order.change}" in body
    assert order.total == Decimal("34.02") + Decimal("2.38") + soap.unit_price + soap_tax

    receipt.ask_pdf_path = lambda: tmp_path / "receipt-1"
    qtbot.mouseClick(receipt.pdf_button, LEFT)
    pdf = tmp_path / "receipt-1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert receipt.message.text() == f"Saved {pdf}"

    receipt.ask_pdf_path = lambda: tmp_path / "no" / "such" / "folder.pdf"
    qtbot.mouseClick(receipt.pdf_button, LEFT)
    assert receipt.message.text().startswith("The PDF could not be saved")


def test_the_orders_tab_reprints_the_receipt(ui, qtbot) -> None:
    payment = _sale(ui, qtbot)
    qtbot.mouseClick(payment.receipt_button, LEFT)
    first = ui.window.receipt_dialog
    assert first is not None
    printed = first.view.toPlainText()
    qtbot.mouseClick(payment.done_button, LEFT)
    orders = ui.app.orders
    orders.raise_()
    qtbot.waitUntil(lambda: orders.on_screen)
    orders.refresh()
    assert orders.select_order(1)
    assert orders.receipt_button.isEnabled()
    qtbot.mouseClick(orders.receipt_button, LEFT)
    again = ui.window.receipt_dialog
    assert again is not None and again is not first
    assert again.view.toPlainText() == printed


def test_the_receipt_opened_from_the_payment_step_takes_clicks(ui, qtbot) -> None:
    """The payment step is modal: a receipt opened from it must not be blocked by it."""
    payment = _sale(ui, qtbot)
    qtbot.mouseClick(payment.receipt_button, LEFT)
    receipt = ui.window.receipt_dialog
    assert isinstance(receipt, ReceiptDialog)
    qtbot.waitExposed(receipt)
    # through the window system, as a real click comes (a modal window blocks those)
    where = receipt.close_button.mapTo(receipt, receipt.close_button.rect().center())
    QTest.mouseClick(receipt.windowHandle(), LEFT, Qt.KeyboardModifier.NoModifier, where)
    qtbot.waitUntil(lambda: not receipt.isVisible(), timeout=10_000)
    assert payment.isVisible()  # back at the payment step, whose Done ends the sale


def test_a_pdf_that_cannot_be_written_leaves_an_older_receipt_as_it_was(
    qapp, tmp_path: Path, monkeypatch
) -> None:
    """Qt's printer says nothing when it cannot write: an older file of the same name must not
    pass for the new receipt (a printer that writes nothing stands in for a full disk)."""
    import pytest
    from PySide6.QtGui import QTextDocument

    from cartapp.qt.widgets.receipt import write_pdf

    old = tmp_path / "order-1.pdf"
    old.write_bytes(b"%PDF-1.4 the older receipt")
    with monkeypatch.context() as patch:
        patch.setattr(QTextDocument, "print_", lambda self, printer: None)
        with pytest.raises(OSError, match="could not write"):
            write_pdf("Order #1", old)
    assert old.read_bytes() == b"%PDF-1.4 the older receipt"
    assert list(tmp_path.iterdir()) == [old]  # no half-written file left beside it
    write_pdf("Order #1", old)  # and when it can, the new one replaces it
    assert old.read_bytes().startswith(b"%PDF") and b"the older receipt" not in old.read_bytes()
