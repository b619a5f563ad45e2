"""A till's shop session: shop-wide stock, owed messages, presence, and what it does offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from shop_helpers import CATALOG, added, removed, until

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import AddItem
from cartapp.shop.link import ShopLink
from cartapp.shop.log import JetStreamLog
from cartapp.shop.security import ADMIN, ShopCredentials
from cartapp.shop.server import ShopServer
from cartapp.shop.session import RemoteMessage, ShopSession

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def tills(shop_server: ShopServer) -> Iterator[tuple[ShopSession, ShopSession]]:
    one = ShopSession(shop_server.url, "t1", CATALOG, presence_every_s=0.05)
    two = ShopSession(shop_server.url, "t2", CATALOG, presence_every_s=0.05)
    assert one.start() and two.start()
    try:
        yield one, two
    finally:
        one.close()
        two.close()


def test_stock_taken_at_one_till_is_gone_at_the_other(
    tills: tuple[ShopSession, ShopSession],
) -> None:
    one, two = tills
    seen: list[tuple[str, int]] = []
    two.on_stock(lambda sku, left: seen.append((sku, left)))
    assert one.admit([added(3)], "cmd-1") is None
    assert until(lambda: two.levels["RYE-1"] == 2)
    assert ("RYE-1", 2) in seen
    assert two.admit([added(3)], "cmd-2") == "only 2 Rye bread 1 kg left in the shop"
    assert two.admit([added(2)], "cmd-3") is None
    assert one.admit([added(1)], "cmd-4") == "the last Rye bread 1 kg was just taken at till t2"
    assert one.admit([removed(3)], "cmd-5") is None  # given back in the background
    assert until(lambda: two.levels["RYE-1"] == 3)


def test_the_tills_see_each_other_and_each_others_cart_messages(
    tills: tuple[ShopSession, ShopSession],
) -> None:
    one, two = tills
    received: list[RemoteMessage] = []
    two.on_remote(received.append)
    one.set_presence(open_lines=2, parked=1)
    assert until(lambda: "t1" in two.tills and two.tills["t1"].open_lines == 2)
    assert two.tills["t1"].parked == 1
    batch = [Envelope.new(AddItem(item_id="rye-bread", quantity=1), source="ui")]
    one.publish(batch, 1)
    assert until(lambda: len(received) == 1)
    assert received[0].till == "t1" and received[0].version == 1
    assert received[0].envelope.event_id == batch[0].event_id
    assert until(lambda: one.owed == 0)


def test_offline_a_till_refuses_new_stock_and_sends_what_it_owes_when_back(
    tmp_path: Path,
) -> None:
    server = ShopServer(tmp_path / "nats").start()
    port = server.client_port
    with ShopLink(server.url, ADMIN) as admin:
        admin.connect().ensure_stream()
    server.stop()
    states: list[bool] = []
    till = ShopSession(f"nats://127.0.0.1:{port}", "t1", CATALOG, reconnect_wait=0.05)
    till.on_state(states.append)
    try:
        assert till.start(timeout=1) is False
        assert not till.online
        reason = till.admit([added(1)], "cmd-1")
        assert reason is not None and "cannot be reached" in reason
        assert till.admit([removed(1)], "cmd-2") is None  # giving back needs no stock
        owed = [Envelope.new(AddItem(item_id="rye-bread", quantity=1), source="ui")]
        till.publish(owed, 1)
        assert till.owed == 1

        server.restart()
        assert until(lambda: till.online)
        assert states[-1] is True
        assert until(lambda: till.owed == 0)
        with ShopLink(server.url, "reader") as reader:
            stored = reader.connect().call(JetStreamLog(reader).read(till.cart))
        assert [m.envelope.event_id for m in stored] == [owed[0].event_id]
        till.publish(owed, 1)  # owed again (say, after a restart): not stored twice
        assert until(lambda: till.owed == 0)
        with ShopLink(server.url, "reader") as reader:
            assert len(reader.connect().call(JetStreamLog(reader).read(till.cart))) == 1
    finally:
        till.close()
        server.kill()


def test_sessions_work_within_the_tills_permissions(
    secured_shop: tuple[ShopServer, ShopCredentials],
) -> None:
    server, credentials = secured_shop
    one = ShopSession(credentials.url_for(server.url, "t1"), "t1", CATALOG, presence_every_s=0.05)
    two = ShopSession(credentials.url_for(server.url, "t2"), "t2", CATALOG, presence_every_s=0.05)
    try:
        assert one.start() and two.start()
        received: list[RemoteMessage] = []
        two.on_remote(received.append)
        assert one.admit([added(2)], "cmd-1") is None
        assert until(lambda: two.levels["RYE-1"] == 3)
        one.publish([Envelope.new(AddItem(item_id="rye-bread", quantity=2), source="ui")], 1)
        assert until(lambda: len(received) == 1 and one.owed == 0)
        assert until(lambda: "t1" in two.tills)
        assert one.refused == two.refused == 0
    finally:
        one.close()
        two.close()
