"""The user interface's language: which translation is loaded, and View > Language.

cartapp's visible strings go through Qt's translation (``self.tr`` in a ``QObject`` subclass,
``QCoreApplication.translate(context, text)`` elsewhere, ``%n`` for plurals). The one source
of each language is ``resources/i18n/cartapp_<locale>.ts``; the compiled
``cartapp_<locale>.qm`` beside it ships in the wheel (pyproject force-includes ``resources``).
Regenerate both with ``python tools/update_translations.py`` (``pyside6-lupdate`` over
``cartapp/``, then ``pyside6-lrelease``); a test proves the committed ``.qm`` matches the ``.ts``.

The language is chosen, strongest first, by the setting ``ui/language`` (View > Language): a
locale name such as ``"zh_CN"``, ``"en"`` for English (no translation loaded), or ``"system"``
(the default, also for a missing or unknown value): the system locale's UI languages, the first
one with a translation. The C locale (``LANG=C``) counts as American English.

``install_language(app, choice)`` removes the translators it installed before and installs the
chosen one (cartapp's own and Qt's ``qtbase`` for the standard buttons), and makes the matching
``QLocale`` the default, so money and dates in the views follow it (see ``cartapp.qt.locale_text``).
It runs in ``cartapp.app.build`` before any widget exists. Plurals are written once, in
English, as "%n item(s)": a translation gives each language its forms, and ``EnglishPlurals``
(always installed, asked last) reads "1 item" / "3 items" in English, so English needs no file.
A change in View > Language is saved and applies when cartapp starts again: the widgets set
their texts once, when they are built, so the menu says so (in the current language and in the
chosen one) instead of half translating the open window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP as _QT_TRANSLATE_NOOP
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from cartapp.paths import ResourceNotFound, resource_path

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

__all__ = [
    "CATALOG_NAME",
    "ENGLISH",
    "LANGUAGE_KEY",
    "QT_TRANSLATE_NOOP",
    "SYSTEM",
    "EnglishPlurals",
    "LanguageMenu",
    "available_languages",
    "current_language",
    "ensure_english_plurals",
    "install_language",
    "language_name",
    "locale_for",
    "saved_language",
    "translations_dir",
]

QT_TRANSLATE_NOOP = cast("Callable[[str, str], str]", _QT_TRANSLATE_NOOP)
"""Qt's marker for lupdate (``QT_TRANSLATE_NOOP("Context", "text")`` is ``"text"``), typed:
English constants written with it are translated where they are shown."""

LANGUAGE_KEY = "ui/language"
"""The setting that names the chosen language (``"system"``, ``"en"`` or a locale name)."""
SYSTEM = "system"
ENGLISH = "en"
CATALOG_NAME = "cartapp"
"""Translation files are ``<CATALOG_NAME>_<locale>.qm`` in ``resources/i18n``."""


class EnglishPlurals(QTranslator):
    """The English plural of every ``%n`` text without a translation: "%n item(s)" reads "1
    item" and "3 items" (Qt substitutes ``%n`` afterwards). Installed first, it is asked last:
    a loaded translation answers before it. Other texts it leaves alone (``None``)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n >= 0 and "(s)" in source:
            return source.replace("(s)", "" if n == 1 else "s")
        return None


_plurals: EnglishPlurals | None = None


def ensure_english_plurals(app: QCoreApplication) -> None:
    """Install ``EnglishPlurals`` on ``app`` once (``install_language`` and
    ``cartapp.app.ensure_application`` do; a test building widgets alone may)."""
    global _plurals
    if _plurals is None:
        _plurals = EnglishPlurals()
    if _plurals.parent() is not app:
        _plurals.setParent(app)
        app.installTranslator(_plurals)


_installed: list[QTranslator] = []
"""The translators ``install_language`` put on the application (kept alive here)."""
_current = ENGLISH


def translations_dir() -> Path | None:
    """``resources/i18n`` (checkout or wheel), or None when the installation has none."""
    try:
        return resource_path("i18n")
    except ResourceNotFound:
        return None


def available_languages() -> list[str]:
    """``"en"`` and every locale a compiled translation exists for, e.g. ``["en", "zh_CN"]``."""
    folder = translations_dir()
    found = [] if folder is None else sorted(folder.glob(f"{CATALOG_NAME}_*.qm"))
    return [ENGLISH, *(path.stem.removeprefix(f"{CATALOG_NAME}_") for path in found)]


def language_name(code: str) -> str:
    """The language as its speakers write it ("English", "简体中文")."""
    if code == ENGLISH:
        return "English"
    return QLocale(code).nativeLanguageName() or code


def saved_language(settings: QSettings | None) -> str:
    """The choice saved under ``ui/language``: a code ``available_languages`` lists, else
    ``"system"`` (missing, a hand edit, or a language this installation has no file for)."""
    value = settings.value(LANGUAGE_KEY, SYSTEM) if settings is not None else SYSTEM
    return value if isinstance(value, str) and value in available_languages() else SYSTEM


def _system_locale(system: QLocale | None) -> QLocale:
    locale = QLocale.system() if system is None else system
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale


def locale_for(choice: str, system: QLocale | None = None) -> QLocale:
    """The locale a choice means: ``"system"`` is the system locale (``system`` replaces it in
    tests), English keeps the system's territory (for money and dates), else
    ``QLocale(choice)``."""
    if choice == SYSTEM:
        return _system_locale(system)
    if choice == ENGLISH:
        territory = _system_locale(system).territory()
        return QLocale(QLocale.Language.English, territory)
    return QLocale(choice)


def _load(locale: QLocale, name: str, folder: str) -> QTranslator | None:
    translator = QTranslator()
    return translator if translator.load(locale, name, "_", folder) else None


def install_language(
    app: QCoreApplication, choice: str = SYSTEM, system: QLocale | None = None
) -> str:
    """Install the translation ``choice`` means (see the module docstring) on ``app``, instead
    of any this function installed before, and make its locale ``QLocale``'s default. Returns
    the language now in effect: ``"en"`` or the locale name of the loaded file."""
    global _current
    ensure_english_plurals(app)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = locale_for(choice, system)
    QLocale.setDefault(locale)
    _current = ENGLISH
    folder = translations_dir()
    if choice == ENGLISH or folder is None:
        return _current
    ours = _load(locale, CATALOG_NAME, str(folder))
    if ours is None:
        return _current
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = _load(locale, "qtbase", qt_folder)
    for loaded in (qt_base, ours):
        if loaded is not None:
            app.installTranslator(loaded)
            _installed.append(loaded)
    _current = Path(ours.filePath()).stem.removeprefix(f"{CATALOG_NAME}_")
    return _current


def current_language() -> str:
    """The language ``install_language`` put in effect last (``"en"`` before it ran)."""
    return _current


_RESTART_NOTE = "cartapp shows {language} when it starts again."
"""The restart note's English source (the literal below is what lupdate extracts)."""


def _restart_note(name: str) -> str:
    return QCoreApplication.translate(
        "LanguageMenu", "cartapp shows {language} when it starts again."
    ).format(language=name)


class LanguageMenu(QMenu):
    """View > Language: "System", English and every shipped translation, the saved choice
    checked. Choosing one saves it (``ui/language``, then ``language_chosen``: the owner writes
    the settings file) and says it applies at the next start."""

    language_chosen = Signal(str)
    """A language was chosen and saved in the settings (its code, or ``"system"``)."""

    def __init__(self, settings: QSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("languageMenu")
        self.settings = settings
        self.notice: QMessageBox | None = None
        """The "applies at the next start" message last shown."""
        self.group = QActionGroup(self)
        chosen = saved_language(settings)
        system = locale_for(SYSTEM)
        for code in (SYSTEM, *available_languages()):
            if code == SYSTEM:
                text = self.tr("System ({language})").format(
                    language=system.nativeLanguageName() or language_name(ENGLISH)
                )
            else:
                text = language_name(code)
            action = self.addAction(text)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            self.group.addAction(action)
        self.setEnabled(settings is not None)
        self.group.triggered.connect(self._on_chosen)

    @Slot(QAction)
    def _on_chosen(self, action: QAction) -> None:
        code = str(action.data())
        if self.settings is None:
            return
        before = saved_language(self.settings)
        self.settings.setValue(LANGUAGE_KEY, code)
        self.language_chosen.emit(code)
        if code == before:
            return
        self.show_restart_note(code)

    def show_restart_note(self, code: str) -> QMessageBox:
        """Tell the user the chosen language applies at the next start: in the language on
        screen and, when it differs, in the chosen one (read from that translation's file)."""
        target = locale_for(code)
        name = target.nativeLanguageName() if code != ENGLISH else language_name(ENGLISH)
        text = _restart_note(name)
        folder = translations_dir()
        translator = None if folder is None else _load(target, CATALOG_NAME, str(folder))
        if translator is not None:
            other = translator.translate("LanguageMenu", _RESTART_NOTE)
            if other and other.format(language=name) != text:
                text = f"{text}\n\n{other.format(language=name)}"
        elif code in (ENGLISH, SYSTEM) and current_language() != ENGLISH:
            english = _RESTART_NOTE.format(language=name)
            text = f"{text}\n\n{english}"
        if self.notice is not None:
            self.notice.close()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Language"),
            text,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        box.setObjectName("languageRestartNotice")
        box.open()
        self.notice = box
        return box
