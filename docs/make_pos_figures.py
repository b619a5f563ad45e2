"""Render the README's till figures: ``xvfb-run -a python docs/make_pos_figures.py`` (or
offscreen, without a display).

- docs/payment.png: the payment step after a card tender, with cash to come;
- docs/payment-done.png: the same sale paid, with the change due;
- docs/receipt.png: that order's receipt.
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cartapp.app import build, ensure_application
from cartapp.domain.events import AddItem
from cartapp.domain.pos import ApplyDiscount

HERE = Path(__file__).resolve().parent


def main() -> int:
    qapp = ensure_application(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cartapp-figures-") as scratch:
        app = build(scratch, restore_layout=False)
        window = app.window
        window.settings.setValue("shop/name", "Corner Shop")
        window.settings.setValue("shop/address", "1 Main Street|12345 Springfield")
        window.show()
        for command in (
            AddItem(item_id="espresso-beans", quantity=2),
            AddItem(item_id="butter-croissant", quantity=4),
            AddItem(item_id="dish-soap", quantity=1),
            ApplyDiscount(item_id="espresso-beans", percent=Decimal("10")),
        ):
            window.send(command)
        app.bus.wait_idle(2.0)
        app.bridge.flush()
        qapp.processEvents()
        dialog = window.open_payment()
        dialog.amount_edit.setText("20.00")
        dialog.pay("card")
        qapp.processEvents()
        dialog.adjustSize()
        dialog.grab().save(str(HERE / "payment.png"), "PNG")
        dialog.amount_edit.setText("30.00")
        dialog.pay("cash")
        qapp.processEvents()
        dialog.grab().save(str(HERE / "payment-done.png"), "PNG")
        assert dialog.order is not None
        receipt = window.show_receipt(dialog.order, dialog.order_time)
        qapp.processEvents()
        receipt.adjustSize()
        receipt.grab().save(str(HERE / "receipt.png"), "PNG")
        app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
