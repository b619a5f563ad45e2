"""Money, numbers and dates as the user's locale writes them (``QLocale``'s default).

``cartapp.qt.i18n.install_language`` makes the chosen language's locale the default, so these
follow View > Language: ``money_text(Money("1234.5", "EUR"))`` is "€1,234.50" in American
English and in Chinese, "1.234,50 €" in German. The domain's ``Money.format()`` stays the
locale-free form for logs and files; the views show these.

Money is converted to a float only to be printed with two decimals: a double holds 15
significant digits, so every amount below 10^13 prints exactly as its ``Decimal``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from cartapp.domain.money import Money

__all__ = [
    "SYMBOLS",
    "date_text",
    "datetime_text",
    "long_datetime_text",
    "money_text",
    "number_text",
    "time_text",
]

SYMBOLS = {"EUR": "\u20ac", "USD": "$", "GBP": "\u00a3"}
"""Currency symbols shown instead of the ISO code (as ``Money.format`` does)."""


def money_text(money: Money | Decimal, currency: str | None = None) -> str:
    """``money`` in the default locale, its currency's symbol where one is well known, else
    the locale's number and the ISO code ("12.50 SEK")."""
    if isinstance(money, Money):
        amount, code = money.amount, money.currency
    else:
        amount, code = money, currency or "EUR"
    locale = QLocale()
    value = float(abs(amount).quantize(Decimal("0.01")))
    sign = locale.negativeSign() if amount < 0 else ""  # not the accounting "(€3.00)"
    symbol = SYMBOLS.get(code)
    if symbol is not None:
        return sign + locale.toCurrencyString(value, symbol, 2)
    return f"{sign}{locale.toString(value, 'f', 2)} {code}"


def number_text(value: int) -> str:
    """A whole number with the locale's group separator ("12,345")."""
    return QLocale().toString(value)


def _qdatetime(moment: datetime | float) -> QDateTime:
    """A naive ``datetime`` is local time, as ``datetime.timestamp`` reads it."""
    seconds = moment.timestamp() if isinstance(moment, datetime) else moment
    return QDateTime.fromMSecsSinceEpoch(round(seconds * 1000))


def _time_format(locale: QLocale, seconds: bool) -> str:
    pattern = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in pattern:
        pattern = pattern.replace("mm", "mm:ss")
    return pattern


def datetime_text(moment: datetime | float, *, seconds: bool = False) -> str:
    """A moment (a ``datetime`` or a Unix timestamp) in local time, as the locale writes a short
    date and time ("12/2/26 2:49 PM", "2026/12/2 14:49"); ``seconds`` adds the seconds."""
    local = _qdatetime(moment).toLocalTime()
    locale = QLocale()
    day = locale.toString(local.date(), QLocale.FormatType.ShortFormat)
    return f"{day} {locale.toString(local.time(), _time_format(locale, seconds))}"


def date_text(day: date) -> str:
    """A calendar date as the locale writes it short ("12/2/26", "2026/12/2")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def time_text(moment: datetime | float, *, seconds: bool = False) -> str:
    """The local time of day of a moment, as the locale writes it short ("2:49 PM", "14:49");
    ``seconds`` adds the seconds ("2:49:07 PM")."""
    local: QTime = _qdatetime(moment).toLocalTime().time()
    locale = QLocale()
    return locale.toString(local, _time_format(locale, seconds))


def long_datetime_text(moment: datetime | float) -> str:
    """A moment in local time with the weekday and the month's name, as the locale writes it
    long ("Wednesday, December 2, 2026 2:49:07 PM", "2026年12月2日星期三 14:49:07")."""
    local = _qdatetime(moment).toLocalTime()
    locale = QLocale()
    day = locale.toString(local.date(), QLocale.FormatType.LongFormat)
    return f"{day} {locale.toString(local.time(), _time_format(locale, True))}"
