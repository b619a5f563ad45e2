"""What-if's layout: the sandbox reads well where time travel opens, beside the event log.

Given a few commands, when the user double-clicks an event log row (time travel opens beside
the log, half the default window wide), opens "What if…" and skips a command, then no two
visible widgets laid out side by side in the panel overlap (the totals were once painted over
the sandbox's cart), the command text is wider than its position, the sandbox's cart shows its
products uncut; the same holds in a narrow dock (stacked) and a large floating one (every
cart column shown).
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLayout, QSplitter, QWidget

from cartapp.app import App
from cartapp.domain.events import AddItem
from cartapp.qt.models.lines import COL_PRODUCT, COL_UNIT_PRICE
from cartapp.qt.models.what_if import COL_COMMAND, COL_POSITION, COL_SKIP
from cartapp.qt.widgets.event_log import EventLogDock
from cartapp.qt.widgets.what_if import WhatIfPanel

COMMANDS = (
    AddItem(item_id="espresso-beans", quantity=1),
    AddItem(item_id="green-tea-bags", quantity=2),
    AddItem(item_id="sourdough-loaf", quantity=1),
)


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # bounds a hang, never a verdict
    app.bridge.flush()
    QApplication.processEvents()


def laid_out(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` and its nested layouts place (not their widgets' children)."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            found.append(widget)
        elif inner is not None:
            found += laid_out(inner)
    return found


def overlaps(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of visible siblings, placed by one layout or splitter under ``root``, that
    intersect."""
    pairs: list[tuple[str, str]] = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible():
            continue
        layout = parent.layout()
        if isinstance(parent, QSplitter):
            siblings = [parent.widget(i) for i in range(parent.count())]
        elif layout is not None:
            siblings = laid_out(layout)
        else:
            continue
        shown = [w for w in siblings if w.isVisible()]
        for a, b in itertools.combinations(shown, 2):
            if a.geometry().intersects(b.geometry()):
                pairs.append(
                    (a.objectName() or type(a).__name__, b.objectName() or type(b).__name__)
                )
    return pairs


def product_uncut(panel: WhatIfPanel) -> bool:
    view = panel.cart_view
    width = view.horizontalHeader().sectionSize(COL_PRODUCT)
    return all(
        view.sizeHintForIndex(panel.lines.index(row, COL_PRODUCT)).width() <= width
        for row in range(panel.lines.rowCount())
    )


@pytest.fixture
def beside(cart_app: App, qtbot) -> WhatIfPanel:
    """The sandbox open, one command skipped, in time travel opened from the event log."""
    for command in COMMANDS:
        cart_app.window.send(command)
    settle(cart_app)
    log = cart_app.window.findChild(EventLogDock)
    assert log is not None
    view = log.view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=30_000)
    view.scrollToTop()
    rect = view.visualRect(view.model().index(0, 0))
    assert rect.isValid()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dock = cart_app.time_travel
    assert dock is not None
    qtbot.waitUntil(lambda: dock.on_screen, timeout=10_000)
    panel = dock.findChild(WhatIfPanel, "whatIfPanel")
    assert panel is not None
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible, timeout=30_000)
    steps = panel.steps_view
    cell = steps.visualRect(panel.model.index(0, COL_SKIP))
    qtbot.mouseClick(
        steps.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(cell.left() + 10, cell.center().y())
    )
    assert len(panel.model.skipped) == 1
    QApplication.processEvents()
    return panel


def test_at_the_default_size_nothing_overlaps_and_the_command_gets_the_room(
    cart_app: App, beside: WhatIfPanel
) -> None:
    window, dock = cart_app.window, cart_app.time_travel
    assert dock is not None
    assert dock.width() < 0.6 * window.width()  # beside the event log, not a whole-width tab
    assert overlaps(beside) == []
    assert beside.y() - dock.slider.geometry().bottom() < 3 * beside.fontMetrics().height()
    header = beside.steps_view.horizontalHeader()
    assert header.sectionSize(COL_COMMAND) > header.sectionSize(COL_POSITION)
    assert beside.split.orientation() == Qt.Orientation.Horizontal
    assert product_uncut(beside)
    assert not beside.cart_area.horizontalScrollBar().isVisible()


@pytest.mark.parametrize(
    ("wide", "orientation"),
    [(False, Qt.Orientation.Vertical), (True, Qt.Orientation.Horizontal)],
)
def test_a_narrower_or_wider_dock_still_has_nothing_overlapping(
    cart_app: App, beside: WhatIfPanel, wide: bool, orientation: Qt.Orientation
) -> None:
    window, dock = cart_app.window, cart_app.time_travel
    log = window.findChild(EventLogDock)
    assert dock is not None and log is not None
    if wide:
        dock.setFloating(True)  # a window of its own, as large as the user likes
        dock.resize(1200, 500)
    else:
        both = log.width() + dock.width()
        window.resizeDocks([log, dock], [both - 300, 300], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert dock.width() > 1000 if wide else dock.width() < 400
    assert overlaps(beside) == []
    # the sandbox takes the room the hidden cart and changes leave (no empty band above it)
    assert beside.y() - dock.slider.geometry().bottom() < 3 * beside.fontMetrics().height()
    header = beside.steps_view.horizontalHeader()
    assert header.sectionSize(COL_COMMAND) > header.sectionSize(COL_POSITION)
    assert beside.split.orientation() == orientation  # stacked when side by side cuts
    assert product_uncut(beside)
    assert not beside.cart_area.horizontalScrollBar().isVisible()  # the cart fits its pane
    assert beside.cart_view.isColumnHidden(COL_UNIT_PRICE) != wide  # room for every column?
