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
======================  =========================================  ==========================

Undo and redo publish with source ``"undo"`` / ``"redo"``, so the event log shows them like any
other command. If a compensating command is refused (say, stock ran out meanwhile), the stack's
index is moved back silently so the stack keeps describing the cart. ``CheckedOut`` clears the
stack: an order is final.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
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
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    RemoveItem,
    UpdateItem,
)

if TYPE_CHECKING:
    from cartapp.bus import EventBus
    from cartapp.qt.bridge import QtBridge

__all__ = [
    "AddUndo",
    "CartUndo",
    "ClearUndo",
    "CompensatingCommand",
    "RemoveUndo",
    "UpdateUndo",
    "undo_entry_for",
]

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


_ENTRY_TYPES: dict[type[Fact], type[CompensatingCommand]] = {
    ItemAdded: AddUndo,
    ItemUpdated: UpdateUndo,
    ItemRemoved: RemoveUndo,
    CartCleared: ClearUndo,
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


class CartUndo(QObject):
    """Publishes the UI's commands and keeps the undo stack in step with their facts."""

    def __init__(self, bus: EventBus, bridge: QtBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(200)
        self._user: OrderedDict[str, None] = OrderedDict()
        self._compensations: OrderedDict[str, str] = OrderedDict()
        self._silent = False
        self._in_step = False
        self._deferred_roll_back: str | None = None
        bridge.fact_published.connect(self._on_fact)
        self.stack.indexChanged.connect(self._after_step)

    def publish(self, command: Command, source: str = UI_SOURCE) -> Envelope:
        """Publish a user's command; its fact (if any) becomes an undo entry."""
        env = Envelope.new(command, source=source)
        _remember(self._user, env.correlation_id, None)
        return self.bus.publish_envelope(env)

    def _compensate(self, commands: Sequence[Command], source: str) -> None:
        if self._silent or not commands:
            return
        first = Envelope.new(commands[0], source=source)
        corr = first.correlation_id
        _remember(self._compensations, corr, source)
        self._in_step = True
        try:
            self.bus.publish_envelope(first)
            for command in commands[1:]:
                self.bus.publish(command, source=source, correlation_id=corr, causation_id=corr)
        finally:
            self._in_step = False

    @Slot(object)
    def _on_fact(self, envelope: Envelope) -> None:
        fact = envelope.event
        corr = envelope.correlation_id
        if isinstance(fact, CheckedOut):
            self.stack.clear()
            return
        if corr in self._compensations:
            if isinstance(fact, CommandRejected):
                source = self._compensations.pop(corr)
                if self._in_step:
                    # QUndoStack moves its index after undo()/redo() return: wait for that.
                    self._deferred_roll_back = source
                else:
                    self._roll_back(source)
            return
        if corr not in self._user:
            return
        del self._user[corr]
        entry = undo_entry_for(self, fact) if isinstance(fact, Fact) else None
        if entry is not None:
            self.stack.push(entry)

    @Slot(int)
    def _after_step(self, _index: int) -> None:
        source, self._deferred_roll_back = self._deferred_roll_back, None
        if source is not None:
            self._roll_back(source)

    def _roll_back(self, source: str) -> None:
        """A compensating command was refused: put the stack's index back, publishing nothing."""
        self._silent = True
        try:
            if source == UNDO_SOURCE and self.stack.canRedo():
                self.stack.redo()
            elif source == REDO_SOURCE and self.stack.canUndo():
                self.stack.undo()
        finally:
            self._silent = False
