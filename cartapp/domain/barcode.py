"""Barcodes: EAN-13 codes with their check digit, and what a scanner (or a person) types.

A scanner types the code's digits fast and presses Enter. ``parse_scan`` says whether a text is
a scan at all (only digits, at least ``MIN_SCAN_DIGITS`` of them, optionally after a quantity
prefix ``3*`` as tills accept it) and, if so, which code and how many units; a scan that cannot
be a product's code raises ``ScanError`` with a reason a person can read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "MAX_SCAN_QUANTITY",
    "MIN_SCAN_DIGITS",
    "Scan",
    "ScanError",
    "check_digit",
    "check_ean13",
    "parse_scan",
]

MIN_SCAN_DIGITS = 8
"""Fewer digits than this are a search (a SKU's number), not a scan."""

MAX_SCAN_QUANTITY = 99

_SCAN = re.compile(r"(?:(\d{1,6})\s*[*xX]\s*)?(\d+)")


class ScanError(ValueError):
    """A scanned or typed code that is not a valid EAN-13 (the message says why)."""


class Scan(NamedTuple):
    quantity: int
    code: str


def check_digit(first12: str) -> int:
    """The EAN-13 check digit of the first twelve digits (weights 1, 3, 1, 3, ...)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def check_ean13(code: str) -> str:
    """``code`` if it is 13 digits with a right check digit; ``ScanError`` otherwise."""
    if not code.isascii() or not code.isdigit():
        raise ScanError(f"{code[:20]!r} is not a barcode: only digits")
    if len(code) != 13:
        raise ScanError(f"{code[:20]} is not an EAN-13 code ({len(code)} digits, not 13)")
    want = check_digit(code[:12])
    if int(code[12]) != want:
        raise ScanError(f"{code} has a wrong check digit (the last digit should be {want})")
    return code


def parse_scan(text: str) -> Scan | None:
    """The scan in ``text`` ("4006381333931", "3*4006381333931"), or None if ``text`` is not
    one (then it is a search); ``ScanError`` if it is a scan of no possible product."""
    match = _SCAN.fullmatch(text.strip())
    if match is None:
        return None
    prefix, code = match.groups()
    if prefix is None and len(code) < MIN_SCAN_DIGITS:
        return None
    quantity = 1 if prefix is None else int(prefix)
    if not 1 <= quantity <= MAX_SCAN_QUANTITY:
        raise ScanError(f"a quantity before * must be 1 to {MAX_SCAN_QUANTITY} (got {quantity})")
    return Scan(quantity, check_ean13(code))
