"""Words more than one package speaks: message type names, sources, the cart handler's name.

Compared as text where importing the message classes would be wrong (the bus knows no domain
classes; stored rows and stage rows carry type names, not classes).
"""

from __future__ import annotations

__all__ = [
    "BUS_SOURCE",
    "CART_HANDLER",
    "COMMAND_REJECTED",
    "HANDLER_FAILED",
    "REDO_SOURCE",
    "UI_SOURCE",
    "UNDO_SOURCE",
]

HANDLER_FAILED = "HandlerFailed"
"""The type name of the fact a handler's failure becomes (``events.HandlerFailed``)."""
COMMAND_REJECTED = "CommandRejected"
"""The type name of the fact a refused command becomes (``events.CommandRejected``)."""

UI_SOURCE = "ui"
"""The source of a command a person gave (a click, a key)."""
UNDO_SOURCE = "undo"
REDO_SOURCE = "redo"
BUS_SOURCE = "bus"
"""The source of a ``HandlerFailed`` fact: the bus publishes it for the handler that raised."""

CART_HANDLER = "CartHandler"
"""The name the cart service subscribes under: the ``source`` of every cart fact."""
