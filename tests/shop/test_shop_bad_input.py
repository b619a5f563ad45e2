"""Messages on shop subjects are untrusted: invalid or forged ones change no stock level."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest

from cartapp.shop.link import ShopLink
from cartapp.shop.security import ADMIN
from cartapp.shop.stock import Refused, Reserved, ShopStock, StockChange

if TYPE_CHECKING:
    from cartapp.shop.server import ShopServer

SKU = "RYE-1"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("shop.stock.RYE-1.t2", b"not json"),
        ("shop.stock.RYE-1.t2", b'{"till": "t2", "sku": "RYE-1", "change": -1}'),
        ("shop.stock.RYE-1.t2", b'{"till":"t2","sku":"RYE-1","change":-1,"left":-7,"cause":"x"}'),
        # a forged till: the subject says t2, the body claims t1
        ("shop.stock.RYE-1.t2", StockChange(till="t1", sku=SKU, change=-9, left=0, cause="x")),
        # a message filed under another product
        ("shop.stock.RYE-1.t2", StockChange(till="t2", sku="OAT-2", change=-9, left=0, cause="x")),
    ],
)
def test_an_invalid_or_forged_stock_message_is_refused_and_changes_nothing(
    shop_server: ShopServer,
    caplog: pytest.LogCaptureFixture,
    subject: str,
    body: bytes | StockChange,
) -> None:
    data = body.model_dump_json().encode() if isinstance(body, StockChange) else body
    with ShopLink(shop_server.url, "t1") as till, ShopLink(shop_server.url, ADMIN) as rogue:
        stock = ShopStock(till.connect(), {SKU: 10})
        assert isinstance(till.call(stock.reserve(SKU, 4, "c1")), Reserved)
        rogue.connect()
        rogue.call(rogue.js.publish(subject, data))
        caplog.set_level(logging.WARNING)

        assert till.call(stock.level(SKU)) == 6
        assert stock.refused >= 1
        assert "refused a message on shop.stock.RYE-1.t2" in caplog.text
        # the ledger goes on from the last valid change
        assert till.call(stock.reserve(SKU, 6, "c2")) == Reserved(SKU, 6, 0, 3, False)
        assert till.call(stock.reserve(SKU, 1, "c3")) == Refused(SKU, 1, 0, "t1")
