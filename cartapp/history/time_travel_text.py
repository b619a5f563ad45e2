"""What the time travel dock says: its banner (mode, sentence, colours) and a message's changes.

``banner`` says what is shown (the live cart, a moment of history or of an imported session) and
picks the banner's mode; ``banner_style`` colours it for the palette: history is amber, an import
blue, live green. ``diff_sentence`` says in words what the selected message changed in the cart.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from cartapp.domain.events import CheckedOut, Fact
from cartapp.domain.i18n import translate
from cartapp.domain.money import Money
from cartapp.history.log_text import event_summary
from cartapp.history.time_travel import imported_name
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from collections.abc import Mapping

    from cartapp.history.time_travel import CartDiff, Range
    from cartapp.store import StoredEvent

__all__ = ["BANNER_COLOURS", "banner", "banner_style", "clock", "diff_sentence"]

# (light, dark) banner colours: history is amber (look, do not touch), live is green.
BANNER_COLOURS = {
    "history": ("#fff4d6", "#b45309", "#3a2a0c", "#f0a04b"),
    "import": ("#e8f0fe", "#1d4ed8", "#172338", "#7fb0ff"),
    "live": ("#e6f4ea", "#1a7f37", "#12261a", "#56d364"),
}


def clock(timestamp: float) -> str:
    """``hh:mm:ss`` in local time."""
    return time.strftime("%H:%M:%S", time.localtime(timestamp))


def banner(
    span: Range,
    message: StoredEvent | None,
    following: bool,
    names: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """The banner's mode (a key of ``BANNER_COLOURS``) and sentence for what is shown; ``names``
    (``log_text.product_names``) lets a command name its product as the event log does."""
    if message is None:
        if span.live:
            return "live", translate(
                "time_travel", "Live cart: nothing has happened in this session yet."
            )
        return "history", translate("time_travel", "This range holds no messages.")
    env = message.envelope
    summary = (
        event_summary(env.event, names or {}) if hasattr(env.event, "summary") else env.event_type
    )
    if following:
        return "live", translate(
            "time_travel",
            "Live cart, following every change (last: '{summary}'). Pick a row in the "
            "event log or move the slider to look back.",
        ).format(summary=summary)
    at = clock(env.timestamp)
    fact = isinstance(env.event, Fact)
    if span.stream != LIVE_STREAM:
        if fact:
            text = translate(
                "time_travel",
                "Replaying {name}: the cart at {time} after '{summary}' — read only, your cart "
                "is not changed",
            )
        else:
            text = translate(
                "time_travel",
                "Replaying {name}: the cart at {time} after command '{summary}' — read only, "
                "your cart is not changed",
            )
        return "import", text.format(name=imported_name(span.title), time=at, summary=summary)
    if fact:
        text = translate(
            "time_travel", "Viewing the cart as it was at {time} after '{summary}' — read only"
        )
    else:
        text = translate(
            "time_travel",
            "Viewing the cart as it was at {time} after command '{summary}' — read only",
        )
    return "history", text.format(time=at, summary=summary)


def banner_style(mode: str, dark: bool) -> str:
    """The banner frame's and label's style sheet for ``mode`` in a dark or light palette."""
    light_bg, light_fg, dark_bg, dark_fg = BANNER_COLOURS[mode]
    bg, fg = (dark_bg, dark_fg) if dark else (light_bg, light_fg)
    return (
        f"QFrame#timeTravelBannerFrame {{ background: {bg}; border: 1px solid {fg};"
        f" border-radius: 4px; }}"
        f" QLabel#timeTravelBanner {{ color: {fg}; font-weight: 600; }}"
    )


def diff_sentence(message: StoredEvent | None, diff: CartDiff) -> str:
    """What ``message`` changed in the cart (``diff``: from the message before), in words."""
    if message is None:
        return translate("time_travel", "Nothing yet: no message in this session.")
    if not isinstance(message.envelope.event, Fact):
        return translate(
            "time_travel", "Nothing: a command changes nothing by itself; its facts follow it."
        )
    event = message.envelope.event
    if isinstance(event, CheckedOut):
        total = Money(event.total, event.currency).format()
        return translate(
            "time_travel", "The cart was closed into order #{number} ({total}) and is empty."
        ).format(number=event.order_number, total=total)
    lines = diff.lines()
    return "\n".join(lines) if lines else translate("time_travel", "Nothing in the cart changed.")
