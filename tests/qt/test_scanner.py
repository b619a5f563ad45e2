"""Scanner entry through the real search field: a code and Enter adds one unit at once, ``3*``
adds three, a wrong check digit or an unknown code is said beside the cart, and the quantity
box never gets the scanner's digits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cartapp.domain.events import AddItem

__all__: list[str] = []


def _scan(ui, qtbot, text: str) -> None:
    search = ui.catalog.search
    search.setFocus()
    qtbot.keyClicks(search, text)
    qtbot.keyClick(search, Qt.Key.Key_Return)


def test_a_scan_adds_at_once_and_3_star_adds_three(ui, qtbot, commands) -> None:
    catalog = ui.window.catalog
    beans = catalog["espresso-beans"].barcode
    pretzel = catalog["pretzel"].barcode
    assert beans and pretzel
    ui.set_quantity(5)  # a value left in the quantity box must not be used
    _scan(ui, qtbot, beans)
    assert [env.event for env in commands] == [AddItem(item_id="espresso-beans", quantity=1)]
    assert ui.lines() == [("Espresso beans 1 kg", 1)]
    assert ui.catalog.search.text() == ""  # ready for the next scan
    assert ui.catalog.search.hasFocus()
    _scan(ui, qtbot, f"3*{pretzel}")
    assert commands[-1].event == AddItem(item_id="pretzel", quantity=3)
    assert ui.lines() == [("Espresso beans 1 kg", 1), ("Pretzel", 3)]
    assert ui.catalog.quantity.value() == 5  # untouched by the scanner's digits
    assert ui.catalog.quantity.text() == "5"


def test_a_wrong_check_digit_and_an_unknown_code_are_said_clearly(ui, qtbot, commands) -> None:
    beans = ui.window.catalog["espresso-beans"].barcode
    assert beans
    wrong = beans[:12] + str((int(beans[12]) + 1) % 10)
    _scan(ui, qtbot, wrong)
    assert commands == []
    assert ui.cart.rejection.text() == (
        f"Not done: {wrong} has a wrong check digit (the last digit should be {beans[12]})"
    )
    assert ui.window.status_label.property("severity") == "error"
    ui.catalog.search.clear()
    _scan(ui, qtbot, "4006381333931")
    assert commands == []
    assert ui.cart.rejection.text() == "Not done: unknown code 4006381333931: no product has it"
    assert ui.catalog.search.selectedText() == "4006381333931"  # the next scan replaces it
    assert ui.lines() == []


def test_a_short_number_is_still_a_search(ui, qtbot, commands) -> None:
    _scan(ui, qtbot, "001")  # part of a SKU: Enter moves into the list as before
    assert commands == []
    assert ui.catalog.view.hasFocus()
