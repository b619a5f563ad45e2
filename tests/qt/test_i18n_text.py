# ruff: noqa: RUF001  (Chinese text has full-width punctuation)
"""The payment, receipt, metrics, flow and time travel widgets and the Qt-free texts they show
(message summaries, rejection reasons, time travel sentences, figure definitions) in Chinese,
through the app built in zh_CN and real clicks; the stored facts keep their English reasons."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication

from cartapp.analytics.glossary import definition, reading_the_figures
from cartapp.app import SETTINGS_NAME, App
from cartapp.domain.events import AddItem, CommandRejected, RemoveItem, UpdateItem
from cartapp.domain.pos import TakePayment
from cartapp.qt.i18n import ENGLISH, LANGUAGE_KEY, install_language
from cartapp.qt.models.what_if import COL_NOW
from cartapp.qt.widgets.payment import PaymentDialog
from cartapp.qt.widgets.what_if import WhatIfPanel
from cartapp.store import LIVE_STREAM

__all__: list[str] = []

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data folder with the language saved as zh_CN: the app (``cart_app``) starts in it."""
    folder = tmp_path / "data"
    folder.mkdir(parents=True)
    settings = QSettings(str(folder / SETTINGS_NAME), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    settings.sync()
    return folder


@pytest.fixture
def zh(ui) -> Iterator[Any]:
    """The app in Chinese, driven like a user; English again afterwards."""
    yield ui
    instance = QApplication.instance()
    assert isinstance(instance, QCoreApplication)
    install_language(instance, ENGLISH)


def settle(app: App) -> None:
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    app.docks["eventLogDock"].flush()
    QApplication.processEvents()


def _type(qtbot, dialog: PaymentDialog, text: str) -> None:
    dialog.amount_edit.setFocus()
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, text)


def test_the_payment_step_and_the_receipt_speak_chinese(zh: Any, qtbot) -> None:
    zh.add("pretzel", 3)
    qtbot.mouseClick(zh.cart.checkout_button, LEFT)
    dialog = zh.window.payment_dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "付款"
    assert dialog.cash_button.text() == "现金(&S)"
    assert dialog.card_button.text() == "银行卡(&D)"
    assert dialog.due_caption.text() == "应付金额"
    due = dialog.due_label.text()
    _type(qtbot, dialog, "100")
    qtbot.mouseClick(dialog.card_button, LEFT)
    # the decider's reason, shown translated with the same amounts
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert dialog.message.text() == f"银行卡最多支付应付金额（{due}），不能支付 €100.00"
    _type(qtbot, dialog, "20")
    qtbot.mouseClick(dialog.cash_button, LEFT)
    assert dialog.order is not None
    assert dialog.windowTitle() == "订单 #1 已付款"
    assert dialog.tenders.item(0).text() == "现金：€20.00"
    qtbot.mouseClick(dialog.receipt_button, LEFT)
    receipt = zh.window.receipt_dialog
    assert receipt is not None
    assert receipt.windowTitle() == "订单 #1 的收据"
    assert receipt.pdf_button.text() == "另存为 PDF(&D)…"
    rows = receipt.text.splitlines()
    assert any(row.startswith("订单 #1 ") for row in rows)
    assert any(row.startswith("小计 ") for row in rows) and any(r.startswith("合计 ") for r in rows)
    assert rows[-1].strip() == "谢谢惠顾！"
    # a row with Chinese still ends at the receipt's right edge (a CJK character is two columns)
    total_row = next(r for r in rows if r.startswith("合计 "))
    assert len(total_row) + sum(1 for c in total_row if "\u4e00" <= c <= "\u9fff") == 42
    receipt.close()
    qtbot.mouseClick(dialog.done_button, LEFT)


def test_a_rejection_is_shown_in_chinese_and_stored_in_english(zh: Any) -> None:
    app = zh.app
    app.window.send(AddItem(item_id="pretzel", quantity=2))
    app.window.send(UpdateItem(item_id="pretzel", quantity=500))
    settle(app)
    name = app.catalog.get("pretzel").name
    assert zh.status() == f"已拒绝：{name} 的数量最多为 99（收到 500）"
    stored = [
        e.envelope.event
        for e in app.live.store.iter_events(LIVE_STREAM, 1, 10)
        if isinstance(e.envelope.event, CommandRejected)
    ]
    assert [f.reason for f in stored] == [f"quantity of {name} must be at most 99 (got 500)"]


def test_metrics_and_flow_speak_chinese(zh: Any, qtbot) -> None:
    app = zh.app
    zh.add("pretzel", 1)
    settle(app)
    metrics = app.docks["metricsPanel"]
    metrics.show()
    metrics.raise_()
    qtbot.waitUntil(lambda: metrics.on_screen(), timeout=30_000)
    metrics.feed.flush()
    metrics.refresh()
    assert metrics.windowTitle() == "指标"
    assert metrics.reset_button.text() == "重置"
    assert metrics.summary_label.text().startswith("消息 <b>")
    assert "处理器调用中" in metrics.summary_label.text()
    assert metrics.chart.accessibleName() == "每秒事件数，最近一分钟"
    flow = app.docks["flowView"]
    flow.show()
    flow.raise_()
    qtbot.waitUntil(lambda: flow.on_screen(), timeout=30_000)
    flow.feed.flush()
    flow.refresh()
    assert flow.windowTitle() == "事件流"
    described = flow.diagram.describe()
    assert described.startswith("来源：") and "P(c|h)" in described
    assert "结果的消费" in flow.diagram.toolTip()  # the glossary's P(c|h), translated
    assert flow.heatmap.caption().startswith(("当前：", "尚无用户操作。"))
    assert definition("P(c|h)").tooltip().startswith("P(c|h)：结果的消费")
    assert reading_the_figures().startswith("一条消息的生命有四个阶段")


def test_time_travel_speaks_chinese(zh: Any, qtbot) -> None:
    app = zh.app
    app.window.send(AddItem(item_id="pretzel", quantity=2))
    app.window.send(AddItem(item_id="pretzel", quantity=1))
    settle(app)
    dock = app.time_travel
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    name = app.catalog.get("pretzel").name
    qtbot.waitUntil(lambda: dock.version == 4, timeout=30_000)
    assert dock.banner_text().startswith(f"实时购物车，跟随每一次变化（最近：“已添加 1 x {name}”）")
    assert dock.live_button.text() == "回到实时"
    assert dock.title_label.text() == "当前会话 · 4 条消息"
    qtbot.mouseClick(dock.prev_button, LEFT)  # v3: the second AddItem command
    assert dock.banner_text().startswith("正在查看 ")
    assert f"命令“添加 1 x {name}”之后的购物车——只读" in dock.banner_text()
    assert dock.diff_text() == "无变化：命令本身不改变任何东西；随后的事实才会改变。"
    qtbot.mouseClick(dock.prev_button, LEFT)  # v2: ItemAdded
    assert "合计 +€" in dock.diff_text()
    assert dock.totals_label.text().startswith("小计 ")


def test_the_payment_step_writes_money_as_the_locale_does(zh: Any, qtbot) -> None:
    QLocale.setDefault(QLocale("de_DE"))  # install_language (the fixture) sets it back
    zh.add("pretzel", 3)
    qtbot.mouseClick(zh.cart.checkout_button, LEFT)
    dialog = zh.window.payment_dialog
    assert isinstance(dialog, PaymentDialog)
    assert dialog.due_label.text().endswith("\u00a0€") and "," in dialog.due_label.text()
    _type(qtbot, dialog, "20")
    qtbot.mouseClick(dialog.cash_button, LEFT)
    assert dialog.tenders.item(0).text() == "现金：20,00\u00a0€"
    qtbot.mouseClick(dialog.receipt_button, LEFT)
    receipt = zh.window.receipt_dialog
    assert receipt is not None
    assert any(r.startswith("找零 ") and r.endswith("\u00a0€") for r in receipt.text.splitlines())
    receipt.close()
    qtbot.mouseClick(dialog.done_button, LEFT)


def test_a_typo_in_the_amount_is_said_in_chinese(zh: Any, qtbot) -> None:
    zh.add("pretzel", 1)
    qtbot.mouseClick(zh.cart.checkout_button, LEFT)
    dialog = zh.window.payment_dialog
    assert isinstance(dialog, PaymentDialog)
    for typed, said in (
        ("12.3.4", "金额“12.3.4”不是数字"),
        ("1.234", "金额 1.234 的小数超过两位"),
        ("", "请输入收到的金额"),
    ):
        dialog.amount_edit.clear()
        _type(qtbot, dialog, typed)
        qtbot.mouseClick(dialog.cash_button, LEFT)
        assert dialog.message.text() == said and dialog.order is None
    dialog.reject()


def test_the_what_if_sandbox_says_its_reasons_in_chinese(zh: Any, qtbot) -> None:
    """A command the sandbox would now refuse shows the decider's reason translated, and the
    reason Apply cannot be used (a payment in progress on the live cart) is Chinese too."""
    app = zh.app
    app.window.send(AddItem(item_id="espresso-beans", quantity=2))  # v1
    app.window.send(RemoveItem(item_id="espresso-beans", quantity=2))  # v3
    app.window.send(AddItem(item_id="pretzel", quantity=1))  # v5
    app.window.send(TakePayment(method="cash", amount=Decimal("0.10")))  # a payment under way
    settle(app)
    dock = app.time_travel
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.on_screen, timeout=30_000)
    panel = dock.findChild(WhatIfPanel, "whatIfPanel")
    panel.set_open(True)
    assert panel.skip(1)
    row = panel.model.row_of(3)
    cell = panel.model.index(row, COL_NOW)
    assert cell.data() == "现在被拒绝"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "现在会被拒绝：“espresso-beans”不在购物车中"
    assert panel.banner_text().startswith(
        "假如沙盒，不是实时购物车：已跳过 1 条命令；1 条现在会被拒绝。"
    )
    assert panel.plan.blocked == "a payment is in progress on the live cart; cancel it first"
    assert not panel.apply_button.isEnabled()
    assert panel.apply_button.toolTip() == "无法应用：实时购物车正在付款；请先取消付款"
