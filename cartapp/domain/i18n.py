"""The translation seam of the Qt-free packages: ``translate`` and the ``QT_TRANSLATE_NOOP`` marker.

The domain, the read side (``cartapp.history``), the analytics and the shop say things a person
reads (a message's summary, a rejection's reason, a figure's definition, a time-travel sentence),
but may not import Qt. They call ``translate(context, text, disambiguation, n)``, which has the
signature of ``QCoreApplication.translate``: until the Qt layer installs that function (see
``install``), it returns ``text`` as it is, with ``%n`` replaced by ``n`` when ``n >= 0`` (as Qt
does without a translator), so a program without Qt, and the app with no translator loaded, read
English byte for byte.

``pyside6-lupdate`` finds the texts: its Python parser extracts the literal arguments of any call
named ``translate(...)`` (also ``x.translate(...)``) and of ``QT_TRANSLATE_NOOP(context, text)``;
a plural needs ``n`` as the fourth *positional* argument, a plain name or number (``n=`` as a
keyword, or a call such as ``len(lines)`` in its place, makes lupdate skip the text), and the
context must be a string literal too (a variable context is not extracted).
Texts defined at import time (tables, templates) are marked with ``QT_TRANSLATE_NOOP`` and passed
to ``translate`` with the same context when they are shown. A sentence with values is one whole
template with named ``{placeholders}`` filled by ``str.format`` after translation, never
translated fragments glued together; an English plural is two whole sources (``"... %n item"``,
``"... %n items"``), so English needs no translator and each language gets the forms it has.

The module lives in the domain because the domain may import nothing of ours outside it; every
other Qt-free package imports it from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

__all__ = ["QT_TRANSLATE_NOOP", "Translator", "install", "installed", "translate"]

Translator: TypeAlias = Callable[[str, str, str | None, int], str]
"""``(context, source text, disambiguation, n) -> text``: ``QCoreApplication.translate``."""


def _untranslated(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """What Qt returns with no translator: the text, ``%n`` replaced when ``n >= 0``."""
    return text.replace("%n", str(n)) if n >= 0 else text


_implementation: Translator = _untranslated


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` of ``context`` in the language the app shows (English until Qt installs one)."""
    return _implementation(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Mark ``text`` for extraction in ``context`` and return it unchanged: for texts defined at
    import time, translated where they are shown with ``translate(context, text)``."""
    del context
    return text


def install(implementation: Translator | None) -> Translator | None:
    """Use ``implementation`` (``QCoreApplication.translate``) from now on; None: English.
    Returns the one it replaces (None: English), so a test can put it back."""
    global _implementation
    previous = None if _implementation is _untranslated else _implementation
    _implementation = implementation or _untranslated
    return previous


def installed() -> bool:
    """Whether a translator implementation (not the English fallback) is installed."""
    return _implementation is not _untranslated
