"""Handlers: the glue that turns commands into facts (domain + bus, later the store). No Qt."""

from __future__ import annotations

from cartapp.handlers.cart import CartHandler, handler_failed

__all__ = ["CartHandler", "handler_failed"]
