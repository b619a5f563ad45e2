# ruff: noqa: RUF001  (Chinese text has full-width punctuation)
"""The UI's language: translations load for the system locale or the saved choice, View >
Language saves a choice and says when it applies, money and dates follow the locale, and the
committed .qm is what lrelease makes of the .ts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from cartapp.app import SETTINGS_NAME, build
from cartapp.domain.money import Money
from cartapp.qt.i18n import (
    ENGLISH,
    LANGUAGE_KEY,
    SYSTEM,
    available_languages,
    current_language,
    install_language,
    language_name,
    saved_language,
    translations_dir,
)
from cartapp.qt.locale_text import date_text, money_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    install_language(qapp, ENGLISH)


def _settings(data_dir: Path, language: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(data_dir / SETTINGS_NAME), QSettings.Format.IniFormat)
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def test_the_committed_qm_is_compiled_from_the_committed_ts() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_chinese_is_shipped_and_named_in_its_own_language() -> None:
    folder = translations_dir()
    assert folder is not None and (folder / "cartapp_zh_CN.qm").is_file()
    assert available_languages() == ["en", "zh_CN"]
    assert language_name("zh_CN") == "简体中文"
    assert language_name("en") == "English"


def test_the_choice_loads_its_translation_and_english_loads_none(qapp) -> None:
    assert install_language(qapp, "zh_CN") == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "Ready") == "就绪"
    assert QLocale().name() == "zh_CN"
    # Qt's own strings (standard buttons) come with it
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert install_language(qapp, ENGLISH) == ENGLISH
    assert current_language() == ENGLISH
    assert QCoreApplication.translate("MainWindow", "Ready") == "Ready"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


@pytest.mark.parametrize(
    ("system", "expected"),
    [("zh_CN", "zh_CN"), ("zh_Hans_CN", "zh_CN"), ("de_DE", "en"), ("C", "en")],
)
def test_system_follows_the_system_locale(qapp, system: str, expected: str) -> None:
    assert install_language(qapp, SYSTEM, system=QLocale(system)) == expected
    said = QCoreApplication.translate("MainWindow", "Ready")
    assert said == ("就绪" if expected == "zh_CN" else "Ready")


def test_a_saved_value_that_names_no_shipped_language_means_system(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert saved_language(settings) == SYSTEM
    for bad in ("klingon", "", 42, ["zh_CN"]):
        settings.setValue(LANGUAGE_KEY, bad)
        assert saved_language(settings) == SYSTEM
    settings.setValue(LANGUAGE_KEY, "zh_CN")
    assert saved_language(settings) == "zh_CN"
    assert saved_language(None) == SYSTEM


def test_money_and_dates_follow_the_locale(qapp) -> None:
    install_language(qapp, ENGLISH, system=QLocale("C"))
    assert money_text(Money(Decimal("1234.5"), "EUR")) == "€1,234.50"
    assert money_text(Money(Decimal("-3"), "EUR")) == Money(Decimal("-3"), "EUR").format()
    assert date_text(date(2026, 12, 2)) == "12/2/26"
    QLocale.setDefault(QLocale("de_DE"))
    assert money_text(Money(Decimal("1234.5"), "EUR")) == "1.234,50\u00a0€"
    assert money_text(Decimal("7"), "SEK") == "7,00 SEK"
    install_language(qapp, "zh_CN")
    assert date_text(date(2026, 12, 2)) == "2026/12/2"


def test_the_app_starts_in_the_saved_language(qtbot, data_dir: Path, dispose) -> None:
    _settings(data_dir, "zh_CN")
    app = build(data_dir)
    try:
        window = app.window
        titles = [action.text() for action in window.menuBar().actions()]
        assert titles[:6] == [
            *("文件(&F)", "编辑(&E)", "购物车(&C)", "视图(&V)", "历史(&S)", "帮助(&H)")
        ]
        assert window.status_label.message() == "就绪"
        assert window.language_menu.title() == "语言(&L)"
        checked = [a.data() for a in window.language_menu.actions() if a.isChecked()]
        assert checked == ["zh_CN"]
    finally:
        dispose(app)


def test_choosing_a_language_saves_it_and_says_it_applies_at_the_next_start(
    qtbot, data_dir: Path, dispose
) -> None:
    _settings(data_dir, "zh_CN")
    app = build(data_dir)
    try:
        menu = app.window.language_menu
        (english,) = [a for a in menu.actions() if a.data() == ENGLISH]
        english.trigger()
        note = menu.notice
        assert note is not None and note.isVisible()
        assert isinstance(note, QMessageBox)
        # in the language on screen, and in the one chosen
        assert "cartapp 下次启动时将显示English。" in note.text()
        assert "cartapp shows English when it starts again." in note.text()
        on_disk = QSettings(str(data_dir / SETTINGS_NAME), QSettings.Format.IniFormat)
        assert on_disk.value(LANGUAGE_KEY) == ENGLISH
        # the window itself stays as it was built until the restart
        assert app.window.menuBar().actions()[0].text() == "文件(&F)"
        note.close()
    finally:
        dispose(app)
    app = build(data_dir)
    try:
        assert app.window.menuBar().actions()[0].text() == "&File"
        assert QApplication.instance() is app.qapp
    finally:
        dispose(app)


def test_checkout_summary_uses_the_locale(qapp) -> None:
    from cartapp.domain.cart import Cart
    from cartapp.qt.main_window import checkout_summary

    install_language(qapp, "zh_CN")
    assert checkout_summary(Cart()).splitlines()[-3:] == [
        "小计：€0.00",
        "税额：€0.00",
        "合计：€0.00",
    ]
