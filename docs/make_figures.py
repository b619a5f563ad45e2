"""Render the README's figures: ``python docs/make_figures.py`` (offscreen, no display needed).

- docs/screenshot.png: the main window with a demo cart and the last click's path selected;
- docs/flow.png: the flow view after a short demo session (adds, changes, a rejection, a
  checkout), with the Markov transition heatmap of the user's actions.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize

from cartapp.app import build, ensure_application, take_screenshot
from cartapp.domain.events import AddItem, Checkout, RemoveItem, UpdateItem

HERE = Path(__file__).resolve().parent

SESSION = [
    AddItem(item_id="espresso-beans", quantity=1),
    AddItem(item_id="butter-croissant", quantity=4),
    UpdateItem(item_id="espresso-beans", quantity=2),
    AddItem(item_id="whole-milk-1l", quantity=2),
    AddItem(item_id="rye-bread", quantity=9),  # more than in stock: rejected
    UpdateItem(item_id="butter-croissant", quantity=6),
    RemoveItem(item_id="whole-milk-1l", quantity=1),
    AddItem(item_id="highlighters-4", quantity=1),
    Checkout(),
    AddItem(item_id="espresso-beans", quantity=1),
    UpdateItem(item_id="espresso-beans", quantity=3),
    AddItem(item_id="butter-croissant", quantity=2),
]


def main() -> int:
    ensure_application(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cartapp-figures-") as scratch:
        app = build(scratch, restore_layout=False)
        take_screenshot(app, HERE / "screenshot.png")
        for command in SESSION:
            app.window.send(command)
        app.bus.wait_idle(2.0)
        app.bridge.flush()
        flow = app.docks["flowView"]
        flow.show()
        flow.raise_()
        flow.setFloating(True)
        flow.resize(QSize(1300, 460))
        for _ in range(5):
            app.qapp.processEvents()
        feed = getattr(app.docks["metricsPanel"], "feed", None)
        if feed is not None:
            feed.flush()
        app.qapp.processEvents()
        flow.grab().save(str(HERE / "flow.png"), "PNG")
        app.window.settings = None  # figures do not change anybody's saved layout
        app.close()
    print("wrote", HERE / "screenshot.png", "and", HERE / "flow.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
