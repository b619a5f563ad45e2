"""Streams: the live cart's stream name and what the store says about a stream.

Every stored message belongs to one stream. The running app writes one, ``LIVE_STREAM``, that
continues across restarts; an imported file becomes a stream of its own (origin 'import').
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["LIVE_STREAM", "MAX_VERSION", "StreamInfo"]

LIVE_STREAM = "cart"
"""The live cart's stream: one stream that continues across restarts."""
MAX_VERSION = 2**62
"""Beyond any stream's version and any stage position: the end of an open range."""


class StreamInfo(NamedTuple):
    id: str
    created: float
    origin: str
    """'live' (the app's cart) or 'import' (a replayable copy of an imported file)."""
    title: str
    version: int
