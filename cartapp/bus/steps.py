"""``Steps``: the messages a step handler is owed at the end of a run-to-completion step.

A step subscription (``bus.subscribe(T, fn, mode="step")``) is not called while a message is
dispatched: the message is *held* (its transmitted stage is recorded, it is not consumed yet)
and collected here. When the step's queue has run dry, the bus calls ``fn(envelopes)`` once per
step subscription with everything collected for it, in delivery order, and publishes what it
returned for each envelope as facts caused by that envelope; if ``fn`` raises, every one of
them fails. Facts published by then may cause more held messages (an undo that takes back a
step publishes commands): the bus repeats until nothing is held, within the same step.

The cart service uses this to decide a whole step's commands and append them in one
transaction before any of their facts is published.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.bus.registry import Subscription

__all__ = ["Held", "Steps"]

Held = list[tuple["Envelope", int]]
"""Envelopes held for one step subscription, each with the time (ns) it was delivered."""


class Steps:
    """The held messages of the current step, per step subscription (in first-held order)."""

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: dict[Subscription, Held] = {}

    def __bool__(self) -> bool:
        return bool(self._held)

    def hold(self, sub: Subscription, env: Envelope) -> None:
        held = self._held.get(sub)
        if held is None:
            held = self._held[sub] = []
        held.append((env, time.perf_counter_ns()))

    def take(self) -> list[tuple[Subscription, Held]]:
        """Everything held so far, and forget it."""
        taken = list(self._held.items())
        self._held = {}
        return taken
