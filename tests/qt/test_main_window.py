"""The main window, driven like a user: real clicks and keys on real widgets.

Each story: given a fresh app, when the user clicks or types, then the bus sees the command (source
"ui"), the cart view and totals follow the facts, the status bar says what happened, and the log
shows the click's path.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QSpinBox, QTableView

from cartapp.app import App, build
from cartapp.bus import Envelope
from cartapp.bus.stages import Stage
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    ItemAdded,
    RemoveItem,
    UpdateItem,
)
from cartapp.qt.main_window import THEME_KEY, checkout_summary, unique_shortcuts
from cartapp.qt.models.cart import COL_QUANTITY, COL_REMOVE
from cartapp.qt.models.catalog import COL_STOCK
from cartapp.qt.style import THEME_ENV

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ZERO = ("€0.00", "€0.00", "€0.00")


def events(commands: list[Envelope]) -> list:
    return [env.event for env in commands]


def edit_quantity(ui, item_id: str, text: str) -> None:
    """Open the inline editor on a line's quantity, type ``text`` and press Enter."""
    view = ui.cart.view
    index = ui.window.cart_model.index(ui.window.cart_model.row_of(item_id), COL_QUANTITY)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QSpinBox)
    ui.qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    ui.qtbot.keyClicks(editor, text)
    ui.qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes on the next turn of the event loop.
    ui.qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=30_000)


def log_rows(app: App) -> list[dict[str, str]]:
    """The event log view's rows as {header: text} (empty if the dock is not built)."""
    view = app.window.findChild(QTableView, "eventLogView")
    if view is None:
        return []
    app.bridge.flush()
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [
        {h: str(model.index(r, c).data() or "") for c, h in enumerate(headers)}
        for r in range(model.rowCount())
    ]


# -- adding -----------------------------------------------------------------------------------


def test_no_window_leaks_from_other_tests(window) -> None:
    mains = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
    assert mains == [window]


def test_add_button_adds_the_selected_product_with_the_quantity(ui, commands) -> None:
    assert not ui.catalog.add_button.isEnabled()  # nothing selected yet
    assert ui.totals() == ZERO
    ui.add("espresso-beans", 3)
    assert ui.lines() == [("Espresso beans 1 kg", 3)]
    # 3 x 18.90 = 56.70; tax 7 % = 3.969 -> 3.97; total 60.67
    assert ui.totals() == ("€56.70", "€3.97", "€60.67")
    assert ui.status() == "Added 3 x Espresso beans 1 kg"
    assert [(env.source, env.event) for env in commands] == [
        ("ui", AddItem(item_id="espresso-beans", quantity=3))
    ]
    ui.add("butter-croissant", 4)
    # + 4 x 0.89 = 3.56, tax 0.2492 -> 0.25
    assert ui.totals() == ("€60.26", "€4.22", "€64.48")
    assert ui.cart.count_label.text() == "7 items · 2 lines"


def test_stock_column_counts_down_and_out_of_stock_disables_add(ui) -> None:
    ui.add("rye-bread", 2)  # the last two
    row = ui.catalog_row("rye-bread")
    assert ui.catalog.proxy.index(row, COL_STOCK).data() == "Out of stock"
    ui.select_product("rye-bread")
    assert not ui.catalog.add_button.isEnabled()
    assert "out of stock" in ui.catalog.selection_hint.text()
    ui.select_product("pretzel")
    assert ui.catalog.add_button.isEnabled()


def test_the_selection_hint_never_changes_the_catalog_panel_s_size(ui) -> None:
    """The hint's text changes on every add; if it sized the panel, each add relaid out (and
    repainted) the whole window."""
    panel = ui.catalog
    ui.select_product("pretzel")
    before = (panel.minimumSizeHint(), panel.sizeHint())
    ui.add("pretzel", 1)
    ui.select_product("espresso-beans")
    panel.selection_hint.setText("A product with a much longer name than any: 999 available")
    assert (panel.minimumSizeHint(), panel.sizeHint()) == before


def test_double_click_and_enter_add_one(ui, qtbot) -> None:
    view = ui.catalog.view
    row = ui.catalog_row("pretzel")
    center = ui.click_cell(view, row)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert ui.lines() == [("Pretzel", 1)]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert ui.lines() == [("Pretzel", 2)]
    ui.set_quantity(3)
    qtbot.keyClick(ui.catalog.quantity, Qt.Key.Key_Return)  # Enter in the quantity box adds
    assert ui.lines() == [("Pretzel", 5)]


def test_one_click_travels_as_one_correlation_in_stage_order(ui, cart_app: App) -> None:
    records: list = []
    cart_app.bridge.records_batch.connect(records.extend)
    cart_app.bridge.flush()
    records.clear()
    ui.add("pretzel", 2)
    cart_app.bridge.flush()
    assert len({r.envelope.correlation_id for r in records}) == 1
    command = [r.stage for r in records if r.envelope.event_type == "AddItem"]
    assert command[:3] == [Stage.GENERATED, Stage.TRANSMITTED, Stage.HANDLED]
    assert command[-1] == Stage.CONSUMED
    fact = [r.stage for r in records if r.envelope.event_type == "ItemAdded"]
    assert fact[0] == Stage.GENERATED
    assert Stage.CONSUMED in fact
    rows = [r for r in log_rows(cart_app) if r.get("Event") in ("AddItem", "ItemAdded")]
    assert len(rows) == len(records)


# -- editing ----------------------------------------------------------------------------------


def test_inline_edit_publishes_update_item_and_never_sets_data(ui, commands, monkeypatch) -> None:
    ui.add("espresso-beans", 1)
    calls: list = []
    monkeypatch.setattr(ui.window.cart_model, "setData", lambda *a: calls.append(a) or False)
    commands.clear()
    edit_quantity(ui, "espresso-beans", "5")
    assert events(commands) == [UpdateItem(item_id="espresso-beans", quantity=5)]
    assert calls == []
    assert ui.lines() == [("Espresso beans 1 kg", 5)]
    # 5 x 18.90 = 94.50; tax 6.615 -> 6.62
    assert ui.totals() == ("€94.50", "€6.62", "€101.12")
    assert ui.status() == "Changed Espresso beans 1 kg from 1 to 5"


def test_unchanged_edit_publishes_nothing(ui, commands) -> None:
    ui.add("pretzel", 2)
    commands.clear()
    edit_quantity(ui, "pretzel", "2")
    assert commands == []


def test_plus_and_minus_keys_step_the_selected_line(ui, qtbot, commands) -> None:
    ui.add("pretzel", 2)
    ui.select_line("pretzel")
    commands.clear()
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)
    assert ui.lines() == [("Pretzel", 4)]
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Minus)
    assert ui.lines() == [("Pretzel", 3)]
    assert events(commands) == [
        UpdateItem(item_id="pretzel", quantity=3),
        UpdateItem(item_id="pretzel", quantity=4),
        UpdateItem(item_id="pretzel", quantity=3),
    ]


def test_keys_in_the_search_box_do_not_touch_the_cart(ui, qtbot, commands) -> None:
    ui.add("pretzel", 2)
    commands.clear()
    ui.catalog.search.setFocus()
    qtbot.keyClicks(ui.catalog.search, "+-")
    qtbot.keyClick(ui.catalog.search, Qt.Key.Key_Delete)
    assert commands == []
    assert ui.lines() == [("Pretzel", 2)]


# -- removing ---------------------------------------------------------------------------------


def test_delete_key_removes_the_selected_line(ui, qtbot, commands) -> None:
    ui.add("pretzel", 2)
    ui.add("stapler", 1)
    ui.select_line("pretzel")
    commands.clear()
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Delete)
    assert events(commands) == [RemoveItem(item_id="pretzel", quantity=2)]
    assert ui.lines() == [("Stapler with 1000 staples", 1)]
    assert ui.status() == "Removed 2 x Pretzel"


def test_remove_column_and_remove_action_remove_a_line(ui, commands) -> None:
    ui.add("pretzel", 2)
    ui.add("stapler", 1)
    row = ui.window.cart_model.row_of("stapler")
    ui.click_cell(ui.cart.view, row, COL_REMOVE)
    assert ui.lines() == [("Pretzel", 2)]
    ui.select_line("pretzel")
    ui.window.remove_action.trigger()
    assert ui.lines() == []
    assert events(commands)[-2:] == [
        RemoveItem(item_id="stapler", quantity=1),
        RemoveItem(item_id="pretzel", quantity=2),
    ]
    ui.settle()
    assert ui.totals() == ZERO
    assert ui.cart.stack.currentWidget() is ui.cart.empty  # the empty state shows again


# -- undo and redo ----------------------------------------------------------------------------


def test_undo_and_redo_through_actions_and_keys(ui, qtbot, commands) -> None:
    w = ui.window
    assert not w.undo_action.isEnabled()
    ui.add("espresso-beans", 2)
    edit_quantity(ui, "espresso-beans", "4")
    ui.add("pretzel", 1)
    ui.select_line("pretzel")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Delete)
    assert ui.lines() == [("Espresso beans 1 kg", 4)]
    assert w.undo_action.text() == "&Undo Removed 1 x Pretzel"

    w.undo_action.trigger()  # the remove
    assert ui.lines() == [("Espresso beans 1 kg", 4), ("Pretzel", 1)]
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL)  # the add of the pretzel
    w.undo_action.trigger()  # the update 2 -> 4
    assert ui.lines() == [("Espresso beans 1 kg", 2)]
    ui.settle()
    assert ui.totals() == ("€37.80", "€2.65", "€40.45")

    w.redo_action.trigger()
    assert ui.lines() == [("Espresso beans 1 kg", 4)]
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL | SHIFT)
    assert ui.lines() == [("Espresso beans 1 kg", 4), ("Pretzel", 1)]
    undo_sources = [env.source for env in commands if env.source in ("undo", "redo")]
    assert undo_sources == ["undo", "undo", "undo", "redo", "redo"]
    assert w.undo_action.shortcut().toString() == "Ctrl+Z"
    assert w.redo_action.shortcut().toString() == "Ctrl+Shift+Z"


def test_undo_is_logged_like_any_other_event(ui, cart_app: App) -> None:
    ui.add("pretzel", 1)
    ui.window.undo_action.trigger()
    rows = log_rows(cart_app)
    if not rows:  # the event log dock is not part of this build
        return
    removes = [r for r in rows if r.get("Event") == "RemoveItem"]
    assert removes, "the compensating RemoveItem is in the log"
    assert any("undo" in r.get("Who", "") for r in removes)


def test_clear_and_undo_clear(ui, qtbot) -> None:
    ui.add("pretzel", 2)
    ui.add("stapler", 1)
    qtbot.mouseClick(ui.cart.clear_button, Qt.MouseButton.LeftButton)
    assert ui.lines() == []
    ui.settle()
    assert ui.totals() == ZERO
    assert ui.status() == "Cleared the cart (3 items)"
    assert not ui.cart.clear_button.isEnabled()
    assert not ui.cart.checkout_button.isEnabled()
    ui.window.undo_action.trigger()
    assert ui.lines() == [("Pretzel", 2), ("Stapler with 1000 staples", 1)]


# -- checkout ---------------------------------------------------------------------------------


def test_checkout_confirmed_empties_cart_and_shows_the_order(ui, qtbot, commands) -> None:
    asked: list = []
    ui.window.confirm_checkout = lambda cart: asked.append(cart) or True
    ui.add("espresso-beans", 2)
    ui.add("pretzel", 3)
    qtbot.mouseClick(ui.cart.checkout_button, Qt.MouseButton.LeftButton)
    assert [line.item_id for line in asked[0].lines] == ["espresso-beans", "pretzel"]
    assert events(commands)[-1] == Checkout()
    assert ui.lines() == []
    ui.settle()
    assert ui.totals() == ZERO
    assert "order #1" in ui.status()
    assert "order #1: €" in ui.status()
    assert " EUR" not in ui.status()
    assert ui.window.status_label.property("severity") == "success"
    assert not ui.window.undo_action.isEnabled()  # an order is final
    row = ui.catalog_row("espresso-beans")
    assert ui.catalog.proxy.index(row, COL_STOCK).data() == "23"  # sold, not back in stock


def test_checkout_cancelled_changes_nothing(ui, qtbot, commands) -> None:
    ui.window.confirm_checkout = lambda cart: False
    ui.add("pretzel", 3)
    commands.clear()
    qtbot.mouseClick(ui.cart.checkout_button, Qt.MouseButton.LeftButton)
    assert commands == []
    assert ui.lines() == [("Pretzel", 3)]
    assert ui.status() == "Checkout cancelled"


def test_checkout_summary_text(window) -> None:
    assert checkout_summary(window.cart_model.cart).endswith("Total: €0.00")


# -- bad input --------------------------------------------------------------------------------


def test_quantity_over_stock_is_rejected_visibly(ui, cart_app: App) -> None:
    # The catalog's box cannot ask for more than is left; the cart's editor can try.
    ui.add("decaf-coffee-beans", 2)  # 4 in stock
    before = ui.totals()
    edit_quantity(ui, "decaf-coffee-beans", "5")
    assert ui.lines() == [("Decaf coffee beans 250 g", 2)]
    assert ui.totals() == before
    assert ui.status().startswith("Rejected: only 4 Decaf coffee beans 250 g")
    assert ui.window.status_label.property("severity") == "error"
    rows = log_rows(cart_app)
    if rows:
        assert any(r.get("Event") == "CommandRejected" for r in rows)
    ui.add("decaf-coffee-beans", 2)
    assert ui.window.status_label.property("severity") == "info"


def test_editing_a_line_to_zero_or_a_huge_number_is_rejected(ui, commands) -> None:
    ui.add("espresso-beans", 2)
    before = ui.totals()
    edit_quantity(ui, "espresso-beans", "0")
    assert ui.lines() == [("Espresso beans 1 kg", 2)]
    assert ui.status().startswith("Rejected: quantity of Espresso beans 1 kg must be at least 1")
    edit_quantity(ui, "espresso-beans", "1000")
    assert ui.lines() == [("Espresso beans 1 kg", 2)]
    assert ui.status() == (
        "Rejected: quantity of Espresso beans 1 kg must be at most 99 (got 1000)"
    )
    assert ui.totals() == before
    assert events(commands)[-2:] == [
        UpdateItem(item_id="espresso-beans", quantity=0),
        UpdateItem(item_id="espresso-beans", quantity=1000),
    ]


def test_a_failing_handler_shows_an_error_without_widening_the_window(ui, cart_app: App) -> None:
    def broken(envelope: Envelope) -> None:
        raise RuntimeError("disk on fire " * 200)

    # A consumer of the fact fails (the cart handler's facts are published once committed, so a
    # failure on the fact is the last thing the status bar hears of this click).
    cart_app.bus.subscribe(ItemAdded, broken, name="BrokenHandler")
    width = ui.window.minimumSizeHint().width()
    ui.add("pretzel", 1)
    assert ui.lines() == [("Pretzel", 1)]  # the other consumers still ran
    assert ui.status().startswith("Error: BrokenHandler failed on ItemAdded: RuntimeError")
    assert ui.window.status_label.property("severity") == "error"
    # Not wider (the cart's table has a smaller minimum than its empty page, so it may shrink).
    assert ui.window.minimumSizeHint().width() <= width
    label = ui.window.status_label
    assert label.text().endswith("…")
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_minus_on_a_single_item_is_refused_not_removed(ui, qtbot) -> None:
    ui.add("pretzel", 1)
    ui.select_line("pretzel")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Minus)
    assert ui.lines() == [("Pretzel", 1)]
    assert "use Remove" in ui.status()


# -- search and keyboard ----------------------------------------------------------------------


def test_ctrl_f_focuses_search_and_search_filters(ui, qtbot) -> None:
    ui.select_product("pretzel")
    qtbot.keyClick(ui.window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is ui.catalog.search
    qtbot.keyClicks(ui.catalog.search, "bak-00")
    assert ui.catalog.proxy.rowCount() == 8
    ui.catalog.search.clear()
    qtbot.keyClicks(ui.catalog.search, "croissant")
    assert ui.catalog.proxy.rowCount() == 1
    assert ui.catalog.stack.currentWidget() is ui.catalog.view


def test_category_filter_and_empty_search_state(ui, qtbot) -> None:
    combo = ui.catalog.category
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("Dairy"))
    assert ui.catalog.proxy.rowCount() == 8
    qtbot.keyClicks(ui.catalog.search, "zzz")
    assert ui.catalog.proxy.rowCount() == 0
    assert ui.catalog.stack.currentWidget() is ui.catalog.empty
    assert "zzz" in ui.catalog.empty_text.text()
    assert "Dairy" in ui.catalog.empty_text.text()
    assert not ui.catalog.add_button.isEnabled()
    reset = ui.catalog.empty.findChild(type(ui.catalog.add_button), "catalogResetFilters")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert ui.catalog.proxy.rowCount() == 48
    assert ui.catalog.stack.currentWidget() is ui.catalog.view


def test_keyboard_only_shopping(ui, qtbot) -> None:
    w = ui.window
    qtbot.keyClick(w, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(ui.catalog.search, "croissant")
    qtbot.keyClick(ui.catalog.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is ui.catalog.view
    qtbot.keyClick(ui.catalog.view, Qt.Key.Key_Return)
    assert ui.lines() == [("Butter croissant", 1)]
    ui.settle()  # the cart's table replaces its empty page before the user's next key
    for _ in range(3):  # quantity -> Add button -> cart
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.cart.view
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)
    assert ui.lines() == [("Butter croissant", 2)]
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Delete)
    assert ui.lines() == []
    qtbot.keyClick(w, Qt.Key.Key_Z, CTRL)
    assert ui.lines() == [("Butter croissant", 2)]


def test_menus_hold_every_action_with_its_shortcut(window) -> None:
    menus = {
        m.title().replace("&", ""): m for m in window.menuBar().findChildren(type(window.view_menu))
    }
    edit = [a.objectName() for a in menus["Edit"].actions() if not a.isSeparator()]
    assert edit[:2] == ["undoAction", "redoAction"]
    assert {"removeLineAction", "increaseAction", "decreaseAction", "findAction"} <= set(edit)
    cart = [a.objectName() for a in menus["Cart"].actions()]
    assert cart == ["addToCartAction", "clearCartAction", "parkCartAction", "checkoutAction"]
    assert window.remove_action.shortcut().toString() == "Del"
    assert window.increase_action.shortcut().toString() == "+"
    assert window.decrease_action.shortcut().toString() == "-"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    toggles = [a for a in window.view_menu.actions() if not a.isSeparator() and a.menu() is None]
    docks = window.findChildren(QDockWidget)
    # View lists every dock by its title, the event log first, each a checkable show/hide toggle.
    assert toggles[0] is window.findChild(QDockWidget, "eventLogDock").toggleViewAction()
    assert toggles[0].text() == "Event log"
    assert sorted(a.text() for a in toggles) == sorted(d.windowTitle() for d in docks)
    assert len(toggles) == len(docks) >= 5
    assert all(a.isCheckable() for a in toggles)
    assert [a.menu().objectName() for a in window.view_menu.actions() if a.menu()] == [
        "goToPanelMenu",
        "themeMenu",
        "languageMenu",
    ]


# -- the rule: widgets never change the cart --------------------------------------------------


def test_with_the_bridge_unplugged_a_click_changes_nothing_on_screen(ui, cart_app: App) -> None:
    model = ui.window.cart_model
    cart_app.bridge.cart_changed.disconnect(model._on_change)
    ui.add("espresso-beans", 2)
    # The command reached the handler through the bus...
    assert cart_app.service.cart.quantity_of("espresso-beans") == 2
    # ...but no widget touched the cart model: without facts from the bridge it stays empty.
    assert model.rowCount() == 0
    assert ui.totals() == ZERO
    assert ui.cart.stack.currentWidget() is ui.cart.empty


def test_a_fact_published_by_anyone_but_the_service_changes_no_view(ui, cart_app: App) -> None:
    ui.add("pretzel", 1)
    ui.settle()

    def stock() -> str:
        return ui.catalog.proxy.index(ui.catalog_row("stapler"), COL_STOCK).data()

    shown = (ui.lines(), ui.totals(), stock())
    cart_app.bus.publish(
        ItemAdded(
            item_id="stapler",
            name="Stapler with 1000 staples",
            unit_price="9.90",
            tax_rate="0.19",
            quantity=2,
        ),
        source="test",
    )
    ui.settle()
    # the cart, its totals and the catalog's stock show the service's cart, which decided
    # nothing of that fact (it only changes through a command the service accepted)
    assert (ui.lines(), ui.totals(), stock()) == shown
    assert ui.window.cart_model.cart is cart_app.service.cart
    assert ui.window.undo.stack.count() == 1  # only the user's own add


def test_a_burst_of_facts_refreshes_totals_and_actions_once(ui, cart_app: App) -> None:
    totals: list[str] = []
    ui.cart.refreshed.connect(lambda: totals.append(ui.cart.total_label.text()))
    actions_before = ui.window.actions_job.runs
    for _ in range(20):  # the cart flips between empty and one line on every fact
        cart_app.bus.publish(AddItem(item_id="pretzel", quantity=1), source="test")
        cart_app.bus.publish(RemoveItem(item_id="pretzel", quantity=1), source="test")
    cart_app.bus.publish(AddItem(item_id="pretzel", quantity=3), source="test")
    assert ui.lines() == [("Pretzel", 3)]  # the table follows every fact at once...
    assert ui.totals() == ZERO  # ...the totals and buttons once per frame
    assert not ui.cart.checkout_button.isEnabled()
    ui.settle()
    # 3 x 0.69 = 2.07; tax 7 % = 0.1449 -> 0.14
    assert totals == ["€2.21"]
    assert ui.totals() == ("€2.07", "€0.14", "€2.21")
    assert ui.cart.stack.currentWidget() is ui.cart.view
    assert ui.cart.checkout_button.isEnabled()
    assert ui.window.actions_job.runs == actions_before + 1
    assert ui.window.clear_action.isEnabled()


def test_every_user_action_is_a_ui_command_on_the_bus(ui, qtbot, commands) -> None:
    ui.window.confirm_checkout = lambda cart: True
    ui.add("pretzel", 2)
    edit_quantity(ui, "pretzel", "3")
    ui.select_line("pretzel")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Delete)
    ui.window.undo_action.trigger()
    qtbot.mouseClick(ui.cart.clear_button, Qt.MouseButton.LeftButton)
    ui.window.undo_action.trigger()
    qtbot.mouseClick(ui.cart.checkout_button, Qt.MouseButton.LeftButton)
    assert [(env.source, type(env.event).__name__) for env in commands] == [
        ("ui", "AddItem"),
        ("ui", "UpdateItem"),
        ("ui", "RemoveItem"),
        ("undo", "AddItem"),
        ("ui", "ClearCart"),
        ("undo", "AddItem"),
        ("ui", "Checkout"),
    ]
    assert events(commands)[4] == ClearCart()


# -- settings and theme -----------------------------------------------------------------------


def test_geometry_and_dock_layout_are_restored(qtbot, data_dir, dispose) -> None:
    first = build(data_dir)
    first.window.show()
    qtbot.waitExposed(first.window)
    first.window.resize(QSize(760, 540))
    first.window.splitter.setSizes([200, 540])
    dock = next(iter(first.docks.values()), None)
    dock_name = dock.objectName() if dock is not None else ""
    if dock is not None:
        dock.close()  # the user hid the event log
    splitter = first.window.splitter.sizes()
    dispose(first)  # closing saves

    second = build(data_dir)
    try:
        second.window.show()
        qtbot.waitExposed(second.window)
        assert second.window.size() == QSize(760, 540)
        assert second.window.splitter.sizes() == splitter
        if dock_name:
            dock2 = second.docks[dock_name]
            assert dock2.isHidden()
            assert not dock2.toggleViewAction().isChecked()
    finally:
        dispose(second)


def test_a_fresh_data_dir_starts_with_default_layout(qtbot, tmp_path, dispose) -> None:
    app = build(tmp_path / "fresh")
    try:
        size = app.window.size()
        screen = app.window.screen().availableGeometry().size()
        assert size.width() <= min(1280, screen.width())
        assert size.height() <= min(800, screen.height())
        assert not app.window.restore_layout()
    finally:
        dispose(app)


def test_theme_follows_env_and_the_view_menu_and_is_remembered(
    qtbot, data_dir, monkeypatch, dispose
) -> None:
    monkeypatch.setenv(THEME_ENV, "dark")
    app = build(data_dir)
    try:
        window_colour = QApplication.palette().color(QApplication.palette().ColorRole.Window)
        assert window_colour.lightness() < 80
        assert app.theme.current == "dark"
    finally:
        dispose(app)
    monkeypatch.delenv(THEME_ENV)
    app = build(data_dir)
    try:
        assert app.theme.current == "light"  # offscreen has no dark system scheme
        dark = app.window.findChild(type(app.window.quit_action), "themeDarkAction")
        dark.trigger()
        assert app.theme.current == "dark"
        assert app.settings.value(THEME_KEY) == "dark"
    finally:
        dispose(app)
    app = build(data_dir)
    try:
        assert app.theme.current == "dark"
        app.window.findChild(type(app.window.quit_action), "themeSystemAction").trigger()
        assert app.theme.current == "light"
    finally:
        dispose(app)


def test_views_have_no_invalid_current_index_after_clear(ui, qtbot) -> None:
    ui.add("pretzel", 1)
    qtbot.mouseClick(ui.cart.clear_button, Qt.MouseButton.LeftButton)
    assert ui.cart.selected_line() is None
    assert ui.cart.view.currentIndex() == QModelIndex() or not ui.cart.view.currentIndex().isValid()


# -- till comforts ------------------------------------------------------------------------------


def test_the_quantity_box_goes_back_to_one_after_an_add(ui, commands) -> None:
    ui.add("pretzel", 3)
    assert ui.catalog.quantity.value() == 1
    ui.select_product("butter-croissant")
    ui.qtbot.mouseClick(ui.catalog.add_button, Qt.MouseButton.LeftButton)
    ui.settle()
    assert [env.event for env in commands][-1] == AddItem(item_id="butter-croissant", quantity=1)


def test_the_quantity_box_cannot_ask_for_more_than_is_left(ui, commands) -> None:
    ui.select_product("rye-bread")  # two in stock
    assert ui.catalog.quantity.maximum() == 2
    ui.set_quantity(9)  # the box does not take a 9
    assert ui.catalog.quantity.value() == 1
    ui.set_quantity(2)
    ui.qtbot.mouseClick(ui.catalog.add_button, Qt.MouseButton.LeftButton)
    ui.settle()
    assert [env.event for env in commands] == [AddItem(item_id="rye-bread", quantity=2)]
    ui.select_product("pretzel")
    assert ui.catalog.quantity.maximum() > 2


def test_alt_c_opens_the_cart_menu_and_the_checkout_button_has_its_own_mnemonic(ui) -> None:
    menus = [a.text() for a in ui.window.menuBar().actions()]
    assert "&Cart" in menus
    mnemonic = ui.cart.checkout_button.text().split("&", 1)[1][0].lower()
    taken = {text.split("&", 1)[1][0].lower() for text in menus if "&" in text}
    assert mnemonic not in taken


def test_a_rejection_is_shown_beside_the_cart_until_the_next_change(ui, qtbot) -> None:
    ui.add("rye-bread", 2)  # the last two
    assert not ui.cart.rejection.isVisible()
    ui.select_line("rye-bread")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)
    ui.settle()
    assert ui.cart.rejection.isVisible()
    assert "only 2 Rye bread 1 kg" in ui.cart.rejection.text()
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Minus)
    ui.settle()
    assert not ui.cart.rejection.isVisible()
    assert ui.lines() == [("Rye bread 1 kg", 1)]


def test_the_tax_caption_names_the_rates_of_the_cart(ui) -> None:
    caption = ui.cart.tax_caption
    assert caption.text() == "Tax"
    ui.add("espresso-beans", 1)
    assert caption.text() == "Tax (7 %)"
    ui.add("stapler", 1)
    assert caption.text() == "Tax (7 %, 19 %)"


def test_the_inline_quantity_editor_shows_its_digits_beside_its_arrows(ui, qtbot) -> None:
    ui.add("pretzel", 1)
    ui.select_line("pretzel")
    view = ui.cart.view
    index = ui.window.cart_model.index(0, COL_QUANTITY)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QSpinBox, "quantityEditor")
    assert editor is not None
    # Everything the editor asks for fits in the column: the digits are not under the arrows.
    assert view.columnWidth(COL_QUANTITY) >= editor.sizeHint().width()
    assert editor.width() >= editor.sizeHint().width()


def test_a_key_sequence_listed_twice_is_kept_once() -> None:
    """On X11 the standard Quit key is Ctrl+Q, listed beside "Ctrl+Q": Qt ignored both as
    ambiguous (offscreen the standard key is empty, so the window test alone cannot show it)."""
    keys = [QKeySequence("Ctrl+Q"), QKeySequence(), QKeySequence("Ctrl+Q"), QKeySequence("F1")]
    assert [k.toString() for k in unique_shortcuts(keys)] == ["Ctrl+Q", "F1"]


def test_no_key_sequence_is_claimed_twice(window) -> None:
    """Qt ignores a shortcut it finds twice ("Ambiguous shortcut overload"): Ctrl+Q listed as
    the platform's Quit key and spelled out did nothing at all."""
    claimed: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # only active while its own widget has the focus
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in claimed, (
                f"{key} is claimed by {claimed[key]} and {action.objectName()}"
            )
            claimed[key] = action.objectName()
    assert "Ctrl+Q" in claimed


def test_ctrl_q_closes_the_window(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
