"""Undo and redo as compensating commands on the bus, never by rewriting history.

``CartUndo`` publishes the UI's commands and remembers their correlation ids. An undo entry is
pushed on its ``QUndoStack`` only when the fact for such a command arrives (a rejected command
leaves nothing to undo). Each entry is built from the fact, which says exactly what happened:

======================  =========================================  ==========================
fact                    undo publishes                             redo publishes
======================  =========================================  ==========================
ItemAdded(q)            RemoveItem(q)                              AddItem(q)
ItemUpdated(p -> q)     UpdateItem(p)                              UpdateItem(q)
ItemRemoved(q)          AddItem(q)                                 RemoveItem(q)
CartCleared(lines)      AddItem for each line (one correlation)    ClearCart
DiscountApplied         RemoveDiscount (the line's, or the order's) ApplyDiscount (same terms)
CouponApplied(code)     RemoveDiscount(code)                       ApplyCoupon(code, today)
DiscountRemoved         ApplyDiscount / ApplyCoupon (same terms)   RemoveDiscount (same)
CartParked(n)           ResumeCart(n)                              ParkCart(name, time, n)
CartResumed(n)          ParkCart(name, time, n)                    ResumeCart(n)
======================  =========================================  ==========================

Undo and redo publish with source ``"undo"`` / ``"redo"``, so the event log shows them like any
other command. A coupon put back is checked against the till's date again (``today``), so an
expired one is refused and the step is taken back like any failed step. ``CheckedOut`` clears
the stack: an order is final. Payments (``PaymentTaken``, ``PaymentCancelled``) and refunds
(``ItemsRefunded``) leave no entry: money that changed hands is not undone (a refund gives it
back), and the payment and refund dialogs say so.

A step is all or nothing. Every fact of a step's correlation is tracked, per command (the facts'
causation id). If any of its commands fails, by a ``CommandRejected`` (say, stock ran out
meanwhile) or a ``HandlerFailed`` (say, the store could not commit), the commands of the step
that did change the cart are taken back (their own undo commands, published under the same
correlation, so the log shows the whole attempt) and the stack's index is moved back silently.
The cart is then as it was before the step and the stack still describes it: undoing a clear
whose second line ran out of stock neither leaves the first line restored nor doubles it on the
next try. Facts normally arrive while the step publishes (the bus runs to completion on the GUI
thread); if they come later (the step was published from inside a dispatch and queued), a late
failure rolls the step back when it arrives, and a late change of a rolled-back step is taken
back as it arrives.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from cartapp.bus import Envelope
from cartapp.domain.events import (
    AddItem,
    CartCleared,
    CheckedOut,
    ClearCart,
    Command,
    CommandRejected,
    Fact,
    HandlerFailed,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.parking import CartParked, CartResumed, ParkCart, ResumeCart
from cartapp.domain.pos import (
    ApplyCoupon,
    ApplyDiscount,
    CouponApplied,
    DiscountApplied,
    DiscountRemoved,
    RemoveDiscount,
)

if TYPE_CHECKING:
    from cartapp.bus import EventBus
    from cartapp.qt.bridge import QtBridge

__all__ = [
    "AddUndo",
    "CartUndo",
    "ClearUndo",
    "CompensatingCommand",
    "CouponUndo",
    "DiscountRemovedUndo",
    "DiscountUndo",
    "ParkUndo",
    "RemoveUndo",
    "ResumeUndo",
    "UpdateUndo",
    "undo_entry_for",
]

log = logging.getLogger(__name__)

UI_SOURCE = "ui"
UNDO_SOURCE = "undo"
REDO_SOURCE = "redo"


class CompensatingCommand(QUndoCommand):
    """An undo entry for one fact: ``undo_commands`` reverse it, ``redo_commands`` repeat it.

    The first ``redo()`` (Qt calls it on push) does nothing: the fact already happened.
    """

    def __init__(self, controller: CartUndo, fact: Fact) -> None:
        super().__init__(fact.summary())
        self._controller = controller
        self.fact = fact
        self._pushed = False

    def undo_commands(self) -> list[Command]:
        raise NotImplementedError

    def redo_commands(self) -> list[Command]:
        raise NotImplementedError

    def undo(self) -> None:
        self._controller._compensate(self.undo_commands(), UNDO_SOURCE)

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._controller._compensate(self.redo_commands(), REDO_SOURCE)


class AddUndo(CompensatingCommand):
    fact: ItemAdded

    def undo_commands(self) -> list[Command]:
        return [RemoveItem(item_id=self.fact.item_id, quantity=self.fact.quantity)]

    def redo_commands(self) -> list[Command]:
        return [AddItem(item_id=self.fact.item_id, quantity=self.fact.quantity)]


class UpdateUndo(CompensatingCommand):
    fact: ItemUpdated

    def undo_commands(self) -> list[Command]:
        return [UpdateItem(item_id=self.fact.item_id, quantity=self.fact.previous_quantity)]

    def redo_commands(self) -> list[Command]:
        return [UpdateItem(item_id=self.fact.item_id, quantity=self.fact.quantity)]


class RemoveUndo(CompensatingCommand):
    fact: ItemRemoved

    def undo_commands(self) -> list[Command]:
        return [AddItem(item_id=self.fact.item_id, quantity=self.fact.quantity)]

    def redo_commands(self) -> list[Command]:
        return [RemoveItem(item_id=self.fact.item_id, quantity=self.fact.quantity)]


class ClearUndo(CompensatingCommand):
    fact: CartCleared

    def undo_commands(self) -> list[Command]:
        return [AddItem(item_id=line.item_id, quantity=line.quantity) for line in self.fact.lines]

    def redo_commands(self) -> list[Command]:
        return [ClearCart()]


class DiscountUndo(CompensatingCommand):
    fact: DiscountApplied

    def undo_commands(self) -> list[Command]:
        return [RemoveDiscount(item_id=self.fact.item_id)]

    def redo_commands(self) -> list[Command]:
        f = self.fact
        return [ApplyDiscount(item_id=f.item_id, percent=f.percent, amount=f.amount)]


class CouponUndo(CompensatingCommand):
    fact: CouponApplied

    def undo_commands(self) -> list[Command]:
        return [RemoveDiscount(code=self.fact.code)]

    def redo_commands(self) -> list[Command]:
        return [ApplyCoupon(code=self.fact.code, today=self._controller.today())]


class DiscountRemovedUndo(CompensatingCommand):
    fact: DiscountRemoved

    def undo_commands(self) -> list[Command]:
        f = self.fact
        if f.code is not None:
            return [ApplyCoupon(code=f.code, today=self._controller.today())]
        return [ApplyDiscount(item_id=f.item_id, percent=f.percent, amount=f.amount)]

    def redo_commands(self) -> list[Command]:
        f = self.fact
        return [RemoveDiscount(item_id=None if f.code else f.item_id, code=f.code)]


class ParkUndo(CompensatingCommand):
    fact: CartParked

    def undo_commands(self) -> list[Command]:
        return [ResumeCart(number=self.fact.number)]

    def redo_commands(self) -> list[Command]:
        f = self.fact
        return [ParkCart(name=f.name, parked_at=f.parked_at, number=f.number)]


class ResumeUndo(CompensatingCommand):
    fact: CartResumed

    def undo_commands(self) -> list[Command]:
        f = self.fact
        when = f.parked_at or self._controller.now()
        return [ParkCart(name=f.name, parked_at=when, number=f.number)]

    def redo_commands(self) -> list[Command]:
        return [ResumeCart(number=self.fact.number)]


_ENTRY_TYPES: dict[type[Fact], type[CompensatingCommand]] = {
    ItemAdded: AddUndo,
    ItemUpdated: UpdateUndo,
    ItemRemoved: RemoveUndo,
    CartCleared: ClearUndo,
    DiscountApplied: DiscountUndo,
    CouponApplied: CouponUndo,
    DiscountRemoved: DiscountRemovedUndo,
    CartParked: ParkUndo,
    CartResumed: ResumeUndo,
}


def undo_entry_for(controller: CartUndo, fact: Fact) -> CompensatingCommand | None:
    """The undo entry for ``fact``, or ``None`` for facts that cannot be undone."""
    cls = _ENTRY_TYPES.get(type(fact))
    return None if cls is None else cls(controller, fact)


def _remember(table: OrderedDict[str, Any], key: str, value: Any, limit: int = 512) -> None:
    """Remember ``key`` (bounded: the oldest keys are forgotten first)."""
    table[key] = value
    while len(table) > limit:
        table.popitem(last=False)


@dataclass
class _Step:
    """One undo or redo on the bus: its commands and what became of each."""

    source: str
    correlation_id: str
    command_ids: set[str]
    changes: list[Fact] = field(default_factory=list)
    """The facts by which the step's own commands changed the cart, in order."""
    failed: bool = False
    done: bool = False
    """The undo stack has moved its index for this step."""
    rolled_back: bool = False


_FAILURES = (CommandRejected, HandlerFailed)


class CartUndo(QObject):
    """Publishes the UI's commands and keeps the undo stack in step with their facts."""

    def __init__(self, bus: EventBus, bridge: QtBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(200)
        self._user: OrderedDict[str, None] = OrderedDict()
        self._steps: OrderedDict[str, _Step] = OrderedDict()
        self._silent = False
        self._open: _Step | None = None
        self.today: Callable[[], date] = date.today
        """The till's date, for a coupon put back by undo or redo (the window sets it)."""
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        bridge.fact_published.connect(self._on_fact)
        self.stack.indexChanged.connect(self._after_step)

    def publish(self, command: Command, source: str = UI_SOURCE) -> Envelope:
        """Publish a user's command; its fact (if any) becomes an undo entry."""
        env = Envelope.new(command, source=source)
        _remember(self._user, env.correlation_id, None)
        return self.bus.publish_envelope(env)

    def _compensate(self, commands: Sequence[Command], source: str) -> None:
        """Publish one undo or redo step: ``commands`` under one correlation id."""
        if self._silent or not commands:
            return
        envelopes = [Envelope.new(commands[0], source=source)]
        corr = envelopes[0].correlation_id
        envelopes += [
            Envelope.new(c, source=source, correlation_id=corr, causation_id=corr)
            for c in commands[1:]
        ]
        step = _Step(source, corr, {env.event_id for env in envelopes})
        _remember(self._steps, corr, step)
        # QUndoStack moves its index after undo()/redo() return: the step is settled then.
        self._open = step
        for env in envelopes:
            self.bus.publish_envelope(env)

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        fact = envelope.event
        corr = envelope.correlation_id
        if isinstance(fact, CheckedOut):
            self.stack.clear()
            return
        step = self._steps.get(corr)
        if step is not None:
            self._on_step_fact(step, envelope)
            return
        if corr not in self._user:
            return
        del self._user[corr]
        entry = undo_entry_for(self, fact) if isinstance(fact, Fact) else None
        if entry is not None:
            self.stack.push(entry)

    def _on_step_fact(self, step: _Step, envelope: Envelope) -> None:
        if envelope.causation_id not in step.command_ids:
            return  # a fact of the step's taking back
        fact = envelope.event
        if isinstance(fact, _FAILURES):
            step.failed = True
            if step.done and not step.rolled_back:
                self._roll_back(step)
        elif isinstance(fact, Fact) and fact.__class__ in _ENTRY_TYPES:
            step.changes.append(fact)
            if step.rolled_back:
                self._take_back(step, [fact])

    @Slot(int)
    def _after_step(self, _index: int) -> None:
        step, self._open = self._open, None
        if step is None or self._silent:
            return
        step.done = True
        if step.failed:
            self._roll_back(step)

    def _roll_back(self, step: _Step) -> None:
        """A step failed: take back what it changed and put the stack's index back."""
        step.rolled_back = True
        self._take_back(step, step.changes)
        self._silent = True
        try:
            if step.source == UNDO_SOURCE and self.stack.canRedo():
                self.stack.redo()
            elif step.source == REDO_SOURCE and self.stack.canUndo():
                self.stack.undo()
        finally:
            self._silent = False

    def _take_back(self, step: _Step, changes: Sequence[Fact]) -> None:
        """Publish the undo commands of ``changes`` (newest first) in ``step``'s correlation."""
        corr = step.correlation_id
        for fact in reversed(changes):
            entry = undo_entry_for(self, fact)
            if entry is None:
                continue
            log.info("taking back '%s' of a failed %s", fact.summary(), step.source)
            for command in entry.undo_commands():
                self.bus.publish(
                    command, source=step.source, correlation_id=corr, causation_id=corr
                )
