"""Handlers: the one application service that decides commands, appends and publishes. No Qt."""

from __future__ import annotations

from cartapp.handlers.failure import handler_failed
from cartapp.handlers.service import CartChanged, CartService

__all__ = ["CartChanged", "CartService", "handler_failed"]
