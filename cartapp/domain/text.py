"""Validated text and identifier types shared by catalog and messages."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

__all__ = ["MAX_TEXT", "ItemIdStr", "SafeText", "check_text"]

MAX_TEXT = 200


def check_text(value: str) -> str:
    """Reject control characters (C0, C1, DEL, and Unicode 'Cc'/'Cf' format marks)."""
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs"):
            raise ValueError(f"text contains a control character (U+{ord(ch):04X})")
    return value


SafeText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(check_text)
]
"""Printable text of 1..200 characters."""

ItemIdStr = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9._-]*$")
]
"""A product id: lowercase ASCII letters, digits, '.', '_' and '-', at most 64 characters."""
