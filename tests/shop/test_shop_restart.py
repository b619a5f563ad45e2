"""SIGKILL the shop server mid-flood: nothing acknowledged is lost, nothing is doubled."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from shop_helpers import stock_ledger

from cartapp.shop.link import ShopLink
from cartapp.shop.stock import Reserved, ShopStock

if TYPE_CHECKING:
    from cartapp.shop.server import ShopServer

SKU = "RYE-1"
ATTEMPTS = 300


@pytest.mark.slow
def test_a_server_killed_mid_flood_loses_and_doubles_nothing(shop_server: ShopServer) -> None:
    acknowledged: list[Reserved] = []
    failures: list[str] = []
    killed = threading.Event()
    with ShopLink(shop_server.url, "t1", reconnect_wait=0.05) as till:
        stock = ShopStock(till.connect(), {SKU: 10_000})
        went_offline = threading.Event()
        till.on_state(lambda online: None if online else went_offline.set())

        def flood() -> None:
            for i in range(ATTEMPTS):
                if i == 2 * ATTEMPTS // 3:
                    went_offline.wait(60)  # the kill lands between a third and two thirds in
                cause = f"add-{i}"  # a retry carries the same id: the server drops the double
                while True:
                    try:
                        result = till.call(stock.reserve(SKU, 1, cause), timeout=10)
                    except Exception as exc:
                        failures.append(type(exc).__name__)
                        killed.wait()
                        continue
                    assert isinstance(result, Reserved)
                    acknowledged.append(result)
                    break

        worker = threading.Thread(target=flood)
        worker.start()
        while len(acknowledged) < ATTEMPTS // 3 and worker.is_alive():
            threading.Event().wait(0.01)
        shop_server.kill()
        assert went_offline.wait(30)
        shop_server.restart()
        killed.set()
        worker.join(120)
        assert not worker.is_alive()
        # (Whether a request met the dead server depends on timing: the client buffers what is
        # sent while it reconnects. What must hold either way: nothing lost, nothing doubled.)

        ledger = stock_ledger(till, SKU)
        causes = [row["cause"] for row in ledger]
        assert causes == [f"add-{i}" for i in range(ATTEMPTS)]  # each once, in order
        assert [row["left"] for row in ledger] == list(range(9_999, 9_999 - ATTEMPTS, -1))
        assert {r.seq for r in acknowledged} <= {i + 1 for i in range(ATTEMPTS)}
        assert till.call(stock.level(SKU)) == 10_000 - ATTEMPTS
