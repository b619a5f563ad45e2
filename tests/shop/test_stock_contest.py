"""Two tills race for one product: the broker's expected-sequence check sells exactly the stock."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from shop_helpers import stock_ledger

from cartapp.shop.link import ShopLink
from cartapp.shop.stock import Refused, Reserved, ShopStock

if TYPE_CHECKING:
    from cartapp.shop.server import ShopServer

SKU = "RYE-1"


def _attempts(stock: ShopStock, till: str, n: int, out: list[Reserved | Refused]) -> None:
    for i in range(n):
        out.append(stock.link.call(stock.reserve(SKU, 1, f"{till}-add-{i}")))


def test_two_tills_racing_for_the_last_units_sell_exactly_the_stock(
    shop_server: ShopServer,
) -> None:
    with ShopLink(shop_server.url, "t1") as one, ShopLink(shop_server.url, "t2") as two:
        stocks = [ShopStock(one.connect(), {SKU: 100}), ShopStock(two.connect(), {SKU: 100})]
        results: dict[str, list[Reserved | Refused]] = {"t1": [], "t2": []}
        threads = [
            threading.Thread(target=_attempts, args=(s, s.link.till, 1000, results[s.link.till]))
            for s in stocks
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        reserved = {t: sum(isinstance(r, Reserved) for r in rs) for t, rs in results.items()}
        refused = [r for rs in results.values() for r in rs if isinstance(r, Refused)]
        assert sum(reserved.values()) == 100
        assert len(refused) == 2000 - 100
        assert all(r.left == 0 and r.last_till in {"t1", "t2"} for r in refused)
        # both tills and the broker agree
        assert one.call(stocks[0].level(SKU)) == two.call(stocks[1].level(SKU)) == 0
        assert [row["change"] for row in stock_ledger(one, SKU)] == [-1] * 100


def test_a_release_gives_units_back_to_every_till(shop_server: ShopServer) -> None:
    with ShopLink(shop_server.url, "t1") as one, ShopLink(shop_server.url, "t2") as two:
        mine, theirs = ShopStock(one.connect(), {SKU: 3}), ShopStock(two.connect(), {SKU: 3})
        assert isinstance(one.call(mine.reserve(SKU, 3, "c1")), Reserved)
        refused = two.call(theirs.reserve(SKU, 1, "c2"))
        assert refused == Refused(SKU, 1, 0, "t1")
        one.call(mine.release(SKU, 2, "c3"))
        assert two.call(theirs.level(SKU)) == 2
        assert isinstance(two.call(theirs.reserve(SKU, 2, "c4")), Reserved)
