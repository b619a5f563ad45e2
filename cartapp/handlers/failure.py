"""``handler_failed``: the fact the bus publishes when a handler raised (its ``failure_fact``)."""

from __future__ import annotations

from cartapp.domain.events import HandlerFailed

__all__ = ["handler_failed"]


def handler_failed(handler: str, message_type: str, exc: BaseException) -> HandlerFailed:
    """The fact the bus publishes when ``handler`` raised ``exc`` on a ``message_type``."""
    text = str(exc).replace("\n", " ")[:2000] or "(no message)"
    return HandlerFailed(
        handler=handler[:200],
        message_type=message_type[:64],
        error_type=type(exc).__name__[:200],
        error=text,
    )
