"""``compact_json``: JSON text without spaces, non-ASCII kept as is, from the C encoder directly.

``json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode`` gives the same text, but
builds a new C encoder on every call, which costs more than encoding a message's few fields;
this one is built once. Used for the chain's canonical bytes and the mapper's payload keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any

__all__ = ["compact_json", "json_string"]

_slow = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_make = getattr(_encoder, "c_make_encoder", None)


def _default(value: object) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_escape = getattr(_encoder, "c_encode_basestring", None)

json_string: Callable[[str], str] = _escape or _encoder.py_encode_basestring
"""A string as a JSON string, quoted, non-ASCII kept (what ``compact_json`` writes for it)."""

if _make is not None and _escape is not None:
    _fast = _make(None, _default, _escape, None, ":", ",", False, False, True)

    def compact_json(value: object) -> str:
        """``value`` as compact JSON (see the module docstring); raises ``TypeError`` for what
        JSON cannot hold and ``RecursionError`` for a structure that contains itself."""
        return "".join(_fast(value, 0))

else:  # an interpreter without the C accelerator

    def compact_json(value: object) -> str:
        """``value`` as compact JSON (see the module docstring)."""
        return _slow(value)
