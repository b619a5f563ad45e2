"""The catalog model, its filter proxy, the cart model and the undo stack, without the window.

Given a bus with the cart handler and a bridge, when commands are published, then the models
follow the facts: rows appear, change and go with precise signals, the stock column counts down,
and ``qtmodeltester`` stays happy through all of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from cartapp.bus import EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    Checkout,
    ClearCart,
    Command,
    ItemAdded,
    RemoveItem,
    UpdateItem,
)
from cartapp.handlers import CartService, handler_failed
from cartapp.paths import resource_path
from cartapp.qt.bridge import QtBridge
from cartapp.qt.models.cart import (
    CART_COLUMNS,
    COL_LINE_TOTAL,
    COL_PRODUCT,
    COL_QUANTITY,
    COL_REMOVE,
    ITEM_ID_ROLE,
    CartModel,
)
from cartapp.qt.models.catalog import (
    CATALOG_COLUMNS,
    COL_NAME,
    COL_STOCK,
    PRODUCT_ID_ROLE,
    STOCK_LEFT_ROLE,
    CatalogFilterProxy,
    CatalogModel,
)
from cartapp.qt.undo import REDO_SOURCE, UNDO_SOURCE, CartUndo
from cartapp.store import MemoryEventLog

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_json(resource_path("catalog.json").read_bytes())


@pytest.fixture
def service(catalog: Catalog) -> CartService:
    return CartService(catalog)


@pytest.fixture
def bus(qapp, service: CartService) -> Iterator[EventBus]:
    bus = EventBus(failure_fact=handler_failed)
    service.attach(bus)
    yield bus
    bus.close()


@pytest.fixture
def bridge(bus: EventBus, service: CartService) -> Iterator[QtBridge]:
    bridge = QtBridge(bus)
    bridge.follow(service)
    yield bridge
    bridge.close()
    bridge.deleteLater()


@pytest.fixture
def cart_model(catalog: Catalog, bridge: QtBridge) -> CartModel:
    return CartModel(catalog, bridge)


@pytest.fixture
def catalog_model(catalog: Catalog, cart_model: CartModel) -> CatalogModel:
    return CatalogModel(catalog, cart_model=cart_model)


def add(bus: EventBus, item_id: str, quantity: int = 1) -> None:
    bus.publish(AddItem(item_id=item_id, quantity=quantity), source="test")


def shown(model: CartModel) -> list[tuple[str, str]]:
    return [
        (model.index(r, COL_PRODUCT).data(), model.index(r, COL_QUANTITY).data())
        for r in range(model.rowCount())
    ]


# -- cart model -----------------------------------------------------------------------------


def test_cart_model_passes_the_model_tester_while_facts_change_it(
    qtmodeltester, cart_model: CartModel, bus: EventBus
) -> None:
    qtmodeltester.check(cart_model)
    # The tester stays attached: every change below is checked as it happens.
    add(bus, "espresso-beans", 2)
    add(bus, "pretzel", 3)
    add(bus, "dish-soap", 1)
    bus.publish(UpdateItem(item_id="pretzel", quantity=5), source="test")
    bus.publish(RemoveItem(item_id="espresso-beans", quantity=2), source="test")
    add(bus, "espresso-beans", 1)
    bus.publish(ClearCart(), source="test")
    add(bus, "stapler", 1)
    bus.publish(Checkout(), source="test")
    qtmodeltester.check(cart_model)
    assert cart_model.rowCount() == 0


def test_cart_model_announces_rows_precisely(cart_model: CartModel, bus: EventBus) -> None:
    events: list[tuple[str, int, int]] = []
    cart_model.rowsInserted.connect(lambda _p, a, b: events.append(("insert", a, b)))
    cart_model.rowsRemoved.connect(lambda _p, a, b: events.append(("remove", a, b)))
    cart_model.dataChanged.connect(lambda tl, br: events.append(("changed", tl.row(), br.row())))
    cart_model.modelReset.connect(lambda: events.append(("reset", -1, -1)))

    add(bus, "espresso-beans")
    add(bus, "pretzel", 2)
    add(bus, "dish-soap")
    add(bus, "pretzel", 1)  # same product again: the line grows, no new row
    bus.publish(RemoveItem(item_id="pretzel", quantity=3), source="test")  # middle row goes
    add(bus, "pretzel", 1)  # comes back at the end

    assert events == [
        ("insert", 0, 0),
        ("insert", 1, 1),
        ("insert", 2, 2),
        ("changed", 1, 1),
        ("remove", 1, 1),
        ("insert", 2, 2),
    ]
    assert shown(cart_model) == [
        ("Espresso beans 1 kg", "1"),
        ("Dish soap 500 ml", "1"),
        ("Pretzel", "1"),
    ]


def test_cart_model_cells_totals_and_roles(cart_model: CartModel, bus: EventBus) -> None:
    add(bus, "espresso-beans", 3)
    add(bus, "dish-soap", 2)
    row = cart_model.row_of("dish-soap")
    assert row == 1
    cell = cart_model.index(row, COL_LINE_TOTAL)
    assert cell.data() == "€3.90"
    assert cart_model.index(row, COL_QUANTITY).data(Qt.ItemDataRole.EditRole) == 2
    assert cart_model.index(row, COL_REMOVE).data(ITEM_ID_ROLE) == "dish-soap"
    assert "Remove Dish soap" in cart_model.index(row, COL_REMOVE).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    # 3 x 18.90 = 56.70, tax 7 % = 3.969 -> 3.97; 2 x 1.95 = 3.90, tax 19 % = 0.741 -> 0.74
    totals = cart_model.cart.totals()
    assert (totals.subtotal.amount, totals.tax.amount, totals.total.amount) == (
        Decimal("60.60"),
        Decimal("4.71"),
        Decimal("65.31"),
    )
    assert [cart_model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == list(
        CART_COLUMNS[:4]
    )
    assert cart_model.headerData(COL_QUANTITY, Qt.Orientation.Horizontal) in ("Qty", "Quantity")


def test_only_the_quantity_column_is_editable_and_set_data_refuses(
    cart_model: CartModel, bus: EventBus
) -> None:
    add(bus, "pretzel", 2)
    editable = [
        bool(cart_model.flags(cart_model.index(0, c)) & Qt.ItemFlag.ItemIsEditable)
        for c in range(cart_model.columnCount())
    ]
    assert editable == [c == COL_QUANTITY for c in range(len(CART_COLUMNS))]
    assert cart_model.setData(cart_model.index(0, COL_QUANTITY), 7) is False
    assert shown(cart_model) == [("Pretzel", "2")]


def test_cart_model_ignores_rejections_and_needs_the_bridge(
    catalog: Catalog, cart_model: CartModel, bus: EventBus
) -> None:
    add(bus, "rye-bread", 3)  # only 2 in stock: rejected
    assert cart_model.rowCount() == 0
    unplugged = CartModel(catalog)  # no bridge: nothing can reach it
    add(bus, "rye-bread", 2)
    assert cart_model.rowCount() == 1
    assert unplugged.rowCount() == 0


def test_cart_model_emits_cart_changed_with_the_new_cart(
    qtbot, cart_model: CartModel, bus: EventBus
) -> None:
    with qtbot.waitSignal(cart_model.cart_changed, timeout=30_000) as blocker:
        add(bus, "pretzel", 4)
    assert blocker.args[0].quantity_of("pretzel") == 4


def test_a_fact_published_by_anyone_but_the_service_leaves_the_cart_model_alone(
    cart_model: CartModel, bus: EventBus, service: CartService
) -> None:
    add(bus, "rye-bread", 1)
    fact = ItemAdded(
        item_id="pretzel", name="Pretzel", unit_price="0.69", tax_rate="0.07", quantity=2
    )
    bus.publish(fact, source="import")
    bus.publish(CartCleared(lines=()), source="import")
    # the view shows the service's cart, which decided nothing of those facts
    assert shown(cart_model) == [("Rye bread 1 kg", "1")]
    assert cart_model.cart == service.cart and cart_model.version == service.version


def test_the_cart_model_shows_the_cart_and_version_the_service_announces(
    cart_model: CartModel, bus: EventBus, service: CartService
) -> None:
    assert cart_model.version is None
    add(bus, "pretzel", 2)
    add(bus, "pretzel", 100)  # rejected: the version moves on, the cart does not
    assert cart_model.version == service.version == 4
    assert cart_model.cart is service.cart


# -- catalog model and proxy ----------------------------------------------------------------


def test_catalog_model_and_proxy_pass_the_model_tester(
    qtmodeltester, catalog_model: CatalogModel, bus: EventBus
) -> None:
    qtmodeltester.check(catalog_model)
    proxy = CatalogFilterProxy()
    proxy.setSourceModel(catalog_model)
    qtmodeltester.check(proxy)
    proxy.set_search_text("bread")
    proxy.set_category("Bakery")
    add(bus, "rye-bread", 2)
    proxy.set_search_text("")
    proxy.set_category(None)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == catalog_model.rowCount() == 48


def test_catalog_model_one_flat_row_per_product(
    catalog: Catalog, catalog_model: CatalogModel
) -> None:
    assert catalog_model.rowCount() == len(catalog) == 48
    assert catalog_model.columnCount() == len(CATALOG_COLUMNS)
    assert catalog_model.rowCount(catalog_model.index(0, 0)) == 0
    first = catalog_model.index(0, COL_NAME)
    assert first.data() == "Espresso beans 1 kg"
    assert first.data(PRODUCT_ID_ROLE) == "espresso-beans"
    assert not first.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert catalog_model.index(0, COL_STOCK).data() == "25"


def test_stock_column_follows_cart_and_orders(catalog_model: CatalogModel, bus: EventBus) -> None:
    changed: list[int] = []
    catalog_model.dataChanged.connect(lambda tl, _br: changed.append(tl.row()))
    row = catalog_model.row_of("decaf-coffee-beans")  # 4 in stock
    stock = catalog_model.index(row, COL_STOCK)
    add(bus, "decaf-coffee-beans", 3)
    assert stock.data() == "1"
    assert changed == [row]
    bus.publish(Checkout(), source="test")
    assert stock.data() == "1"  # sold now, still gone
    assert changed == [row, row]  # the tooltip no longer says "3 in the cart"
    add(bus, "decaf-coffee-beans", 1)
    assert stock.data() == "Out of stock"
    assert stock.data(STOCK_LEFT_ROLE) == 0
    grey = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert stock.data(Qt.ItemDataRole.ForegroundRole) == grey
    bus.publish(ClearCart(), source="test")
    assert stock.data() == "1"
    assert catalog_model.index(0, COL_STOCK).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_catalog_follows_the_cart_model_not_the_service(
    catalog_model: CatalogModel, cart_model: CartModel, bridge: QtBridge, bus: EventBus
) -> None:
    row = catalog_model.row_of("decaf-coffee-beans")
    add(bus, "decaf-coffee-beans", 1)
    assert catalog_model.index(row, COL_STOCK).data() == "3"
    bridge.cart_changed.disconnect(cart_model._on_change)  # one cart for both views
    add(bus, "decaf-coffee-beans", 1)
    assert catalog_model.index(row, COL_STOCK).data() == "3"


def test_out_of_stock_products_are_marked(catalog_model: CatalogModel) -> None:
    row = catalog_model.row_of("chamomile-tea")
    assert catalog_model.index(row, COL_STOCK).data() == "Out of stock"
    assert "out of stock" in catalog_model.index(row, COL_NAME).data(
        Qt.ItemDataRole.AccessibleTextRole
    )


@pytest.mark.parametrize(
    ("text", "category", "expected"),
    [
        ("", None, 48),
        ("croissant", None, 1),
        ("CROISSANT", None, 1),
        ("bak-00", None, 8),  # sku, any case
        ("sta-007", None, 1),
        ("tea bags", None, 2),  # every word must match
        ("bread", "Bakery", 3),
        ("bread", "Dairy", 0),
        ("", "Dairy", 8),
        ("zzz", None, 0),
    ],
)
def test_proxy_filters_by_name_sku_and_category(
    catalog_model: CatalogModel, text: str, category: str | None, expected: int
) -> None:
    proxy = CatalogFilterProxy()
    proxy.setSourceModel(catalog_model)
    proxy.set_search_text(text)
    proxy.set_category(category)
    assert proxy.rowCount() == expected
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        source = catalog_model.catalog[index.data(PRODUCT_ID_ROLE)]
        for word in text.casefold().split():
            assert word in source.name.casefold() or word in source.sku.casefold()
        if category:
            assert source.category == category


def test_invalid_indexes_give_nothing(catalog_model: CatalogModel, cart_model: CartModel):
    for model in (catalog_model, cart_model):
        assert model.data(QModelIndex()) is None
        assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
        assert model.headerData(99, Qt.Orientation.Horizontal) is None
        assert model.headerData(0, Qt.Orientation.Vertical) is None


# -- undo -----------------------------------------------------------------------------------


@pytest.fixture
def undo(bus: EventBus, bridge: QtBridge, cart_model: CartModel) -> CartUndo:
    return CartUndo(bus, bridge)


def recorded(bus: EventBus) -> list:
    seen: list = []
    bus.subscribe(Command, lambda env: seen.append((env.source, env.event)), name="recorder")
    return seen


def test_an_undo_entry_is_pushed_only_when_the_fact_arrives(undo: CartUndo, bus: EventBus) -> None:
    undo.publish(AddItem(item_id="rye-bread", quantity=5))  # rejected: only 2 in stock
    assert undo.stack.count() == 0
    undo.publish(AddItem(item_id="rye-bread", quantity=2))
    assert undo.stack.count() == 1
    assert undo.stack.undoText() == "Added 2 x Rye bread 1 kg"
    add(bus, "pretzel")  # not the UI's command: nothing to undo for the UI
    assert undo.stack.count() == 1


def test_undo_and_redo_publish_compensating_commands(
    undo: CartUndo, bus: EventBus, cart_model: CartModel
) -> None:
    undo.publish(AddItem(item_id="pretzel", quantity=2))
    undo.publish(UpdateItem(item_id="pretzel", quantity=5))
    undo.publish(AddItem(item_id="dish-soap", quantity=1))
    undo.publish(RemoveItem(item_id="dish-soap", quantity=1))
    undo.publish(ClearCart())
    assert undo.stack.count() == 5
    seen = recorded(bus)

    for _ in range(5):
        undo.stack.undo()
    assert cart_model.rowCount() == 0
    assert seen == [
        (UNDO_SOURCE, AddItem(item_id="pretzel", quantity=5)),  # undo the clear
        (UNDO_SOURCE, AddItem(item_id="dish-soap", quantity=1)),  # undo the remove
        (UNDO_SOURCE, RemoveItem(item_id="dish-soap", quantity=1)),  # undo the add
        (UNDO_SOURCE, UpdateItem(item_id="pretzel", quantity=2)),  # undo the update
        (UNDO_SOURCE, RemoveItem(item_id="pretzel", quantity=2)),  # undo the first add
    ]
    seen.clear()
    for _ in range(5):
        undo.stack.redo()
    assert seen == [
        (REDO_SOURCE, AddItem(item_id="pretzel", quantity=2)),
        (REDO_SOURCE, UpdateItem(item_id="pretzel", quantity=5)),
        (REDO_SOURCE, AddItem(item_id="dish-soap", quantity=1)),
        (REDO_SOURCE, RemoveItem(item_id="dish-soap", quantity=1)),
        (REDO_SOURCE, ClearCart()),
    ]
    assert cart_model.rowCount() == 0
    undo.stack.undo()  # undo the clear again: the pretzels come back
    assert shown(cart_model) == [("Pretzel", "5")]
    assert undo.stack.count() == 5  # compensations never add entries


def test_undoing_a_clear_restores_every_line_under_one_correlation(
    undo: CartUndo, bus: EventBus, cart_model: CartModel
) -> None:
    undo.publish(AddItem(item_id="pretzel", quantity=2))
    undo.publish(AddItem(item_id="stapler", quantity=1))
    undo.publish(ClearCart())
    envelopes: list = []
    bus.subscribe(Command, envelopes.append, name="recorder")
    undo.stack.undo()
    assert shown(cart_model) == [("Pretzel", "2"), ("Stapler with 1000 staples", "1")]
    assert len({env.correlation_id for env in envelopes}) == 1


def test_a_refused_compensation_puts_the_stack_back(
    undo: CartUndo, bus: EventBus, cart_model: CartModel
) -> None:
    undo.publish(AddItem(item_id="rye-bread", quantity=2))
    undo.publish(RemoveItem(item_id="rye-bread", quantity=2))
    add(bus, "rye-bread", 2)  # someone else takes the last two loaves
    assert undo.stack.index() == 2
    undo.stack.undo()  # would add 2 back: refused, no stock
    assert undo.stack.index() == 2
    assert undo.stack.canUndo()
    assert shown(cart_model) == [("Rye bread 1 kg", "2")]


def test_a_refused_redo_puts_the_stack_back(
    undo: CartUndo, bus: EventBus, cart_model: CartModel
) -> None:
    undo.publish(AddItem(item_id="rye-bread", quantity=2))
    undo.stack.undo()  # the loaves go back on the shelf...
    add(bus, "rye-bread", 2)  # ...and someone else takes them
    undo.stack.redo()  # would add 2 again: refused
    assert undo.stack.index() == 0
    assert undo.stack.canRedo()


@pytest.mark.parametrize("short_first", [True, False], ids=["short-line-first", "short-line-last"])
def test_undoing_a_clear_is_all_or_nothing(
    undo: CartUndo, bus: EventBus, cart_model: CartModel, short_first: bool
) -> None:
    lines = [("rye-bread", 2), ("pretzel", 3)]
    for item_id, quantity in lines if short_first else lines[::-1]:
        undo.publish(AddItem(item_id=item_id, quantity=quantity))
    undo.publish(ClearCart())
    add(bus, "rye-bread", 2)  # between the clear and the undo, the last two loaves go elsewhere
    seen = recorded(bus)
    envelopes: list = []
    bus.subscribe(Command, envelopes.append, name="envelopes")

    undo.stack.undo()  # the loaves cannot come back, so the pretzels must not either
    assert shown(cart_model) == [("Rye bread 1 kg", "2")]
    assert undo.stack.index() == 3
    assert undo.stack.canUndo()
    assert (UNDO_SOURCE, RemoveItem(item_id="pretzel", quantity=3)) in seen  # taken back
    assert len({env.correlation_id for env in envelopes}) == 1  # one step in the log

    undo.stack.undo()  # trying again changes nothing either: no doubled pretzels
    assert shown(cart_model) == [("Rye bread 1 kg", "2")]
    assert undo.stack.index() == 3

    bus.publish(RemoveItem(item_id="rye-bread", quantity=2), source="test")  # they come back
    undo.stack.undo()
    assert sorted(shown(cart_model)) == [("Pretzel", "3"), ("Rye bread 1 kg", "2")]
    assert undo.stack.index() == 2


def test_a_step_whose_facts_arrive_after_the_stack_moved_is_still_all_or_nothing(
    undo: CartUndo, bus: EventBus, cart_model: CartModel
) -> None:
    undo.publish(AddItem(item_id="rye-bread", quantity=2))
    undo.publish(AddItem(item_id="pretzel", quantity=3))
    undo.publish(ClearCart())
    add(bus, "rye-bread", 2)
    # Undo from inside a dispatch: the bus queues the step's commands until the handler returns,
    # so every fact of the step comes after QUndoStack has moved its index.
    bus.subscribe(str, lambda env: undo.stack.undo(), name="undo-in-dispatch")
    bus.publish("undo, please", source="test")
    assert shown(cart_model) == [("Rye bread 1 kg", "2")]
    assert undo.stack.index() == 3


class FlakyStore(MemoryEventLog):
    """An event log that fails (as a full disk would) for steps with the items in ``failing``."""

    def __init__(self) -> None:
        super().__init__()
        self.failing: set[str] = set()
        self.stored: list[Command] = []

    def append(self, envelopes, stream, expected_version, *, snapshot=None) -> int:  # type: ignore[no-untyped-def]
        commands = [e.event for e in envelopes if isinstance(e.event, Command)]
        if any(getattr(c, "item_id", None) in self.failing for c in commands):
            raise OSError("database or disk is full")
        self.stored.extend(commands)
        return super().append(envelopes, stream, expected_version, snapshot=snapshot)


@pytest.fixture
def flaky(qapp, catalog: Catalog) -> Iterator[tuple[FlakyStore, EventBus, CartModel, CartUndo]]:
    store = FlakyStore()
    bus = EventBus(failure_fact=handler_failed)
    service = CartService(catalog, store)
    service.attach(bus)
    bridge = QtBridge(bus)
    bridge.follow(service)
    yield store, bus, CartModel(catalog, bridge), CartUndo(bus, bridge)
    bridge.close()
    bus.close()
    bridge.deleteLater()


def test_a_compensation_that_fails_to_commit_puts_the_stack_back(flaky) -> None:
    store, _bus, cart_model, undo = flaky
    undo.publish(AddItem(item_id="pretzel", quantity=2))
    store.failing = {"pretzel"}
    undo.stack.undo()  # HandlerFailed: the pretzels are still in the cart...
    assert shown(cart_model) == [("Pretzel", "2")]
    assert undo.stack.index() == 1  # ...so the stack still offers to undo adding them
    store.failing = set()
    undo.stack.undo()
    assert shown(cart_model) == []
    assert undo.stack.index() == 0
    store.failing = {"pretzel"}
    undo.stack.redo()
    assert shown(cart_model) == []
    assert undo.stack.index() == 0
    assert undo.stack.canRedo()


def test_a_clear_undone_while_the_store_fails_for_one_line_restores_nothing(flaky) -> None:
    store, _bus, cart_model, undo = flaky
    undo.publish(AddItem(item_id="pretzel", quantity=2))
    undo.publish(AddItem(item_id="stapler", quantity=1))
    undo.publish(ClearCart())
    store.failing = {"stapler"}
    undo.stack.undo()  # the pretzels are committed, the stapler is not: take the pretzels back
    assert shown(cart_model) == []
    assert undo.stack.index() == 3
    assert store.stored[-1] == RemoveItem(item_id="pretzel", quantity=2)
    store.failing = set()
    undo.stack.undo()
    assert shown(cart_model) == [("Pretzel", "2"), ("Stapler with 1000 staples", "1")]
    assert undo.stack.index() == 2


def test_checkout_clears_the_undo_stack(undo: CartUndo, bus: EventBus) -> None:
    undo.publish(AddItem(item_id="pretzel", quantity=2))
    assert undo.stack.canUndo()
    undo.publish(Checkout())
    assert undo.stack.count() == 0
    assert not undo.stack.canUndo()
