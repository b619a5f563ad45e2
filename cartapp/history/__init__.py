"""The read side: past carts, diffs, stored records, statistics scopes and the text the views show.

No Qt: every module here reads the store (never writes it) or formats what was read; the Qt models
and widgets in ``cartapp.qt`` are thin adapters over them.

- ``time_travel``: ``History`` (which range a message belongs to, the cart right after it),
  ``cart_diff`` and ``CartDiff`` (what one message changed), ``Range``, ``Moment``.
- ``stored_log``: ``stored_records(store, cap)``, the event log's rows rebuilt from the store.
- ``scopes``: what a statistics scope counts and its reading in slices (``plan_read``,
  ``ScopeRead``); stored and live statistics meet at the telemetry's position.
- ``log_text`` and ``time_travel_text``: how a stage record and a moment of history read.
"""

from __future__ import annotations

from cartapp.history.stored_log import stored_records
from cartapp.history.time_travel import CartDiff, History, Moment, Range, cart_diff

__all__ = ["CartDiff", "History", "Moment", "Range", "cart_diff", "stored_records"]
