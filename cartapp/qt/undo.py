"""Undo and redo as compensating commands on the bus, never by rewriting history.

``CartUndo`` publishes the UI's commands and remembers their correlation ids. An undo entry is
pushed on its ``QUndoStack`` only when the fact for such a command arrives (a rejected command
leaves nothing to undo). Each entry is built from the fact, which says exactly what happened:
what undo and redo publish is the domain's compensation table (``cartapp.domain.undo``); the
commands of one undo or redo share one correlation.

Undo and redo publish with source ``"undo"`` / ``"redo"``, so the event log shows them like any
other command. A coupon put back is checked against the till's date again (``today``), so an
expired one is refused and the step is taken back like any failed step. ``CheckedOut`` clears
the stack: an order is final. Payments (``PaymentTaken``, ``PaymentCancelled``) and refunds
(``ItemsRefunded``) leave no entry: money that changed hands is not undone (a refund gives it
back), and the payment and refund dialogs say so.

``publish_all`` publishes several commands as one user action (a what-if applied to the live
cart): they share one correlation, and every undoable fact they cause goes into ONE entry
(``CompensatingBatch``), so one undo takes them all back (their undo commands, newest fact
first, as one step) and one redo does them again. A refused command of the batch leaves no fact
in it; what the others did stays one entry.

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
from cartapp.domain.events import CheckedOut, Command, CommandRejected, Fact, HandlerFailed
from cartapp.domain.names import REDO_SOURCE, UI_SOURCE, UNDO_SOURCE
from cartapp.domain.undo import UNDOABLE, Compensation, compensation

if TYPE_CHECKING:
    from cartapp.bus import EventBus
    from cartapp.qt.bridge import QtBridge

__all__ = [
    "REDO_SOURCE",
    "UNDO_SOURCE",
    "CartUndo",
    "CompensatingBatch",
    "CompensatingCommand",
    "undo_entry_for",
]

log = logging.getLogger(__name__)


class _Compensating(QUndoCommand):
    """An undo entry that publishes its ``undo_commands()`` on undo and its ``redo_commands()`` on
    redo, each as one step. The first ``redo()`` (Qt calls it on push) does nothing: what it
    stands for already happened."""

    def __init__(self, controller: CartUndo, text: str) -> None:
        super().__init__(text)
        self._controller = controller
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


class CompensatingCommand(_Compensating):
    """An undo entry for one fact: its domain ``compensation`` says what undo and redo publish."""

    def __init__(self, controller: CartUndo, fact: Fact, commands: Compensation) -> None:
        super().__init__(controller, fact.summary())
        self.fact = fact
        self.commands = commands

    def _now(self) -> Compensation:
        """The compensation as of now (a coupon put back is checked against today's date)."""
        again = compensation(self.fact, today=self._controller.today(), now=self._controller.now())
        return again if again is not None else self.commands

    def undo_commands(self) -> list[Command]:
        return list(self._now().undo)

    def redo_commands(self) -> list[Command]:
        return list(self._now().redo)


class CompensatingBatch(_Compensating):
    """One undo entry for the facts of several commands published together (``publish_all``).

    ``facts`` grows as they arrive; undo publishes the undo commands of all of them, newest
    first, redo the redo commands in order, each as one step.
    """

    def __init__(self, controller: CartUndo, text: str, command_ids: set[str]) -> None:
        super().__init__(controller, text)
        self.command_ids = command_ids
        self.facts: list[Fact] = []

    def _compensations(self) -> list[Compensation]:
        today, now = self._controller.today(), self._controller.now()
        found = (compensation(fact, today=today, now=now) for fact in self.facts)
        return [c for c in found if c is not None]

    def undo_commands(self) -> list[Command]:
        return [command for c in reversed(self._compensations()) for command in c.undo]

    def redo_commands(self) -> list[Command]:
        return [command for c in self._compensations() for command in c.redo]


def undo_entry_for(controller: CartUndo, fact: Fact) -> CompensatingCommand | None:
    """The undo entry for ``fact``, or ``None`` for facts that cannot be undone."""
    commands = compensation(fact, today=controller.today(), now=controller.now())
    return None if commands is None else CompensatingCommand(controller, fact, commands)


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
        self._batches: OrderedDict[str, CompensatingBatch] = OrderedDict()
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

    def publish_all(
        self, commands: Sequence[Command], text: str, source: str = UI_SOURCE
    ) -> list[Envelope]:
        """Publish ``commands`` as one user action under one correlation; the undoable facts
        they cause become one undo entry called ``text`` (see the module docstring)."""
        if not commands:
            return []
        envelopes = [Envelope.new(commands[0], source=source)]
        corr = envelopes[0].correlation_id
        envelopes += [
            Envelope.new(c, source=source, correlation_id=corr, causation_id=corr)
            for c in commands[1:]
        ]
        batch = CompensatingBatch(self, text, {env.event_id for env in envelopes})
        _remember(self._batches, corr, batch)
        for env in envelopes:
            self.bus.publish_envelope(env)
        return envelopes

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
        batch = self._batches.get(corr)
        if batch is not None:
            if envelope.causation_id in batch.command_ids and fact.__class__ in UNDOABLE:
                batch.facts.append(fact)
                if len(batch.facts) == 1:
                    self.stack.push(batch)
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
        elif isinstance(fact, Fact) and fact.__class__ in UNDOABLE:
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
            commands = compensation(fact)
            if commands is None:
                continue
            log.info("taking back '%s' of a failed %s", fact.summary(), step.source)
            for command in commands.undo:
                self.bus.publish(
                    command, source=step.source, correlation_id=corr, causation_id=corr
                )
