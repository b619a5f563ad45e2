"""The base classes of every message: ``Message``, ``Command`` (may be rejected) and ``Fact``.

They live apart from the message types so that ``events`` (the cart's messages) and ``pos``
(payment, discounts and refunds) can both build on them without importing each other in a circle.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

__all__ = ["Command", "Fact", "Message"]


class Message(BaseModel):
    """Base of every command and fact."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    kind: ClassVar[str] = "message"

    def summary(self) -> str:
        """A one-line description for the event log."""
        fields = ", ".join(f"{k}={v}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


class Command(Message):
    """An intention from a user or another source; may be rejected."""

    kind: ClassVar[str] = "command"


class Fact(Message):
    """Something that happened; produced only by handlers."""

    kind: ClassVar[str] = "fact"
