"""Three servers with a replicated (R3) stream: the tills keep selling when the leader is killed."""

from __future__ import annotations

import socket
import threading
from typing import TYPE_CHECKING

import pytest
from shop_helpers import stock_ledger

from cartapp.shop.link import ShopLink
from cartapp.shop.security import ADMIN
from cartapp.shop.server import ShopServer
from cartapp.shop.stock import Reserved, ShopStock
from cartapp.shop.subjects import STREAM

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SKU = "RYE-1"
ATTEMPTS = 150


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[list[ShopServer]]:
    routes = _free_ports(3)
    servers = [
        ShopServer(
            tmp_path / f"n{i}",
            name=f"n{i}",
            cluster=("shop", routes[i], [p for j, p in enumerate(routes) if j != i]),
        )
        for i in range(3)
    ]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.kill()


def _stream_ready(link: ShopLink) -> str:
    """Create the R3 stream (retrying while the cluster elects its meta leader); its leader."""
    for _ in range(600):
        try:
            link.ensure_stream(3)
            info = link.call(link.js.stream_info(STREAM))
            if info.cluster is not None and info.cluster.leader:
                return str(info.cluster.leader)
        except Exception:
            pass
        threading.Event().wait(0.05)
    raise AssertionError("the cluster never elected a stream leader")


@pytest.mark.slow
def test_killing_the_stream_leader_mid_flood_loses_and_doubles_nothing(
    cluster: list[ShopServer],
) -> None:
    urls = ",".join(server.url for server in cluster)
    with ShopLink(urls, ADMIN) as admin:
        leader = _stream_ready(admin.connect(timeout=10))
    acknowledged: list[Reserved] = []
    killed = threading.Event()
    with ShopLink(urls, "t1", reconnect_wait=0.05) as till:
        stock = ShopStock(till.connect(timeout=10), {SKU: 1_000})

        def flood() -> None:
            for i in range(ATTEMPTS):
                if i == 2 * ATTEMPTS // 3:
                    killed.wait(60)
                while True:
                    try:
                        result = till.call(stock.reserve(SKU, 1, f"add-{i}"), timeout=15)
                    except Exception:
                        threading.Event().wait(0.02)
                        continue  # the same id again: a stored-but-unacknowledged one is dropped
                    assert isinstance(result, Reserved)
                    acknowledged.append(result)
                    break

        worker = threading.Thread(target=flood)
        worker.start()
        while len(acknowledged) < ATTEMPTS // 3 and worker.is_alive():
            threading.Event().wait(0.01)
        next(server for server in cluster if server.name == leader).kill()
        killed.set()
        worker.join(180)
        assert not worker.is_alive()
        assert len(acknowledged) == ATTEMPTS
        assert till.call(stock.level(SKU)) == 1_000 - ATTEMPTS

        causes = [row["cause"] for row in stock_ledger(till, SKU)]
        assert causes == [f"add-{i}" for i in range(ATTEMPTS)]
        info = till.call(till.js.stream_info(STREAM))
        assert info.cluster.leader != leader  # a new leader took over
