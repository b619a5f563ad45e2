"""``TillScopes``: in a shop, whose traffic the metrics panel and the flow view count.

The choices (``choices()``): **This till** (``THIS_TILL``: what the panels count alone, with the
time scopes of ``StatsScopes``), **Till <name>** for each other till heard from, and **Whole
shop** (every till). The other tills' figures come from the stage rows they share
(``ShopSignals.flow_shared``) and are counted from when this till joined the shop, so the time
scopes do not apply to them: the docks grey their time selector out meanwhile. The computation is
Qt-free (``cartapp.analytics.tills.ShopFlow``); this adapter feeds it on the GUI thread (this
till's records through the ``FlowFeed``'s observer, the other tills' rows and cart messages
from the shop's signals), asks the feed's "flow panels" job for a redraw when something
arrived, and hands the docks the report of the scope chosen. In the This till scope the report
also names the other tills as sources of the cart messages that reached this till
(``FlowSnapshot.tills``), for the flow view.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from cartapp.analytics.export import report_to_csv
from cartapp.analytics.tills import THIS_TILL, WHOLE_SHOP, ShopFlow, scope_key, till_of_scope

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cartapp.analytics import FlowReport
    from cartapp.bus.stage_row import StageRow
    from cartapp.qt.models.flow_feed import FlowFeed
    from cartapp.shop.session import RemoteMessage

__all__ = ["THIS_TILL", "WHOLE_SHOP", "TillChoice", "TillScopes", "scope_key"]

TillChoice = tuple[str, str, str]
"""``(key, label, tooltip)``."""


class TillScopes(QObject):
    """See the module docstring; ``till`` is this till's name."""

    changed = Signal(str)
    """The till scope now shown (its key)."""
    choices_changed = Signal()
    """Another till was heard from for the first time."""

    def __init__(self, feed: FlowFeed, till: str, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else feed)
        self.setObjectName("tillScopes")
        self.feed = feed
        self.flow = ShopFlow(till)
        self.key = THIS_TILL
        self._known: tuple[str, ...] = ()
        feed.add_observer(self.flow.observe_local)

    @property
    def till(self) -> str:
        return self.flow.till

    def choices(self) -> list[TillChoice]:
        out = [
            (
                THIS_TILL,
                self.tr("This till (%1)").replace("%1", self.till),
                self.tr("What this till's bus did, with the time scope chosen beside"),
            )
        ]
        for till in self.flow.tills():
            out.append(
                (
                    scope_key(till),
                    self.tr("Till %1").replace("%1", till),
                    self.tr(
                        "What till %1's bus did, as it shares it, since this till joined"
                    ).replace("%1", till),
                )
            )
        out.append(
            (
                WHOLE_SHOP,
                self.tr("Whole shop"),
                self.tr(
                    "Every till's traffic together, since this till joined; the transitions "
                    "are each till's own, summed"
                ),
            )
        )
        return out

    def label(self) -> str:
        return next((label for key, label, _tip in self.choices() if key == self.key), "")

    @property
    def local(self) -> bool:
        """Whether this till's own scope is chosen (the time scopes apply)."""
        return self.key == THIS_TILL

    def choose(self, key: str) -> None:
        if key not in (THIS_TILL, WHOLE_SHOP) and till_of_scope(key) not in self.flow.tills():
            return
        if key != self.key:
            self.key = key
            self.changed.emit(key)

    def report(self) -> FlowReport:
        """The report of the scope chosen (This till: the feed's, with the tills as sources)."""
        if self.key == THIS_TILL:
            return self.flow.with_sources(self.feed.report())
        return self.flow.report(self.key, end=time.time())

    def to_csv(self) -> str:
        return report_to_csv(self.report())

    # -- what the shop says -------------------------------------------------------------------

    @Slot(object)
    def message_received(self, message: RemoteMessage) -> None:
        """Another till's cart message reached this till."""
        self.flow.observe_received(message.till, getattr(message.envelope.event, "kind", ""))
        self._moved()

    @Slot(str, object)
    def rows_shared(self, till: str, rows: Sequence[StageRow]) -> None:
        """Stage rows another till shared."""
        self.flow.observe_rows(till, rows)
        self._moved()

    def _moved(self) -> None:
        tills = self.flow.tills()
        if tills != self._known:
            self._known = tills
            self.choices_changed.emit()
        self.feed.update_job.request()
