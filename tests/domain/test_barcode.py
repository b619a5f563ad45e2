"""EAN-13 codes and scans: the check digit, the ``3*`` prefix, and what is a search instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cartapp.domain.barcode import Scan, ScanError, check_digit, check_ean13, parse_scan
from cartapp.domain.catalog import Catalog, Product

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[2]


def test_the_check_digit_of_known_codes() -> None:
    assert check_digit("400638133393") == 1  # 4006381333931, a published example
    assert check_digit("978030640615") == 7  # ISBN 978-0-306-40615-7
    assert check_ean13("4006381333931") == "4006381333931"


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 9))
def test_exactly_one_last_digit_makes_a_valid_code(first: str, last: int) -> None:
    code = f"{first}{last}"
    if last == check_digit(first):
        assert check_ean13(code) == code
    else:
        with pytest.raises(ScanError, match="wrong check digit"):
            check_ean13(code)


def test_what_parse_scan_reads() -> None:
    assert parse_scan("4006381333931") == Scan(1, "4006381333931")
    assert parse_scan(" 3*4006381333931 ") == Scan(3, "4006381333931")
    assert parse_scan("12x4006381333931") == Scan(12, "4006381333931")
    assert parse_scan("espresso") is None and parse_scan("001") is None  # searches
    with pytest.raises(ScanError, match=r"should be 1"):
        parse_scan("4006381333932")
    with pytest.raises(ScanError, match=r"12 digits, not 13"):
        parse_scan("400638133393")
    with pytest.raises(ScanError, match="1 to 99"):
        parse_scan("0*4006381333931")


def test_every_product_of_the_catalog_has_its_own_valid_code() -> None:
    catalog = Catalog.from_json((REPO / "resources" / "catalog.json").read_bytes())
    codes = [p.barcode for p in catalog]
    assert all(code is not None and check_ean13(code) == code for code in codes)
    assert len(set(codes)) == len(codes)
    first = catalog.products[0]
    assert first.barcode is not None and catalog.by_barcode(first.barcode) is first
    assert catalog.by_barcode("4006381333931") is None


def test_a_catalog_with_a_bad_or_twice_used_code_is_refused() -> None:
    fields = {
        "sku": "A",
        "name": "A",
        "category": "C",
        "unit_price": "1.00",
        "stock": 1,
        "tax_rate": "0.07",
        "icon": "x.svg",
    }
    with pytest.raises(ValidationError, match="check digit"):
        Product(id="a", barcode="4006381333932", **fields)
    one = Product(id="a", barcode="4006381333931", **fields)
    two = Product(id="b", **{**fields, "sku": "B"}, barcode="4006381333931")
    with pytest.raises(ValidationError, match="duplicate barcode"):
        Catalog(products=(one, two))
