"""Compensation: the commands that take a fact back, and the commands that do it again.

History is never rewritten: undoing a fact means deciding new commands whose facts restore the
cart as it was before it. The table, as the undo stack uses it:

======================  =========================================  ==========================
fact                    undo (take it back)                        redo (do it again)
======================  =========================================  ==========================
ItemAdded(q)            RemoveItem(q)                              AddItem(q)
ItemUpdated(p -> q)     UpdateItem(p)                              UpdateItem(q)
ItemRemoved(q)          AddItem(q)                                 RemoveItem(q)
CartCleared(lines)      AddItem for each line                      ClearCart
======================  =========================================  ==========================

Any other fact (a checkout, a rejection, a failure) cannot be undone: ``compensation`` returns
None. Compensating commands are decided like any other, so one may be refused (say, stock ran
out meanwhile); what to do then is the caller's policy (the Qt undo stack takes the whole step
back).
"""

from __future__ import annotations

from typing import NamedTuple

from cartapp.domain.events import (
    AddItem,
    CartCleared,
    ClearCart,
    Command,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    RemoveItem,
    UpdateItem,
)

__all__ = ["UNDOABLE", "Compensation", "compensation"]


class Compensation(NamedTuple):
    """The commands that take a fact back (``undo``) and that repeat it (``redo``)."""

    undo: tuple[Command, ...]
    redo: tuple[Command, ...]


UNDOABLE: frozenset[type[Fact]] = frozenset({ItemAdded, ItemUpdated, ItemRemoved, CartCleared})
"""The fact types that have a compensation."""


def compensation(fact: Fact) -> Compensation | None:
    """The compensation of ``fact`` (see the module's table), or None if it cannot be undone."""
    if isinstance(fact, ItemAdded):
        add = AddItem(item_id=fact.item_id, quantity=fact.quantity)
        return Compensation((RemoveItem(item_id=fact.item_id, quantity=fact.quantity),), (add,))
    if isinstance(fact, ItemUpdated):
        return Compensation(
            (UpdateItem(item_id=fact.item_id, quantity=fact.previous_quantity),),
            (UpdateItem(item_id=fact.item_id, quantity=fact.quantity),),
        )
    if isinstance(fact, ItemRemoved):
        return Compensation(
            (AddItem(item_id=fact.item_id, quantity=fact.quantity),),
            (RemoveItem(item_id=fact.item_id, quantity=fact.quantity),),
        )
    if isinstance(fact, CartCleared):
        restore = tuple(
            AddItem(item_id=line.item_id, quantity=line.quantity) for line in fact.lines
        )
        return Compensation(restore, (ClearCart(),))
    return None
