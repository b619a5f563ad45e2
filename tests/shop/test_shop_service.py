"""Two tills, each with its own cart service and SQLite store, selling from one shop stock."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from shop_helpers import CATALOG, until

from cartapp.bus import EventBus
from cartapp.domain.events import AddItem, CommandRejected, Fact, ItemAdded, RemoveItem
from cartapp.handlers import CartService
from cartapp.shop.link import ShopLink
from cartapp.shop.log import JetStreamLog
from cartapp.shop.owed import OwedEventLog
from cartapp.shop.session import ShopSession
from cartapp.store import LIVE_STREAM, EventStore

if TYPE_CHECKING:
    from pathlib import Path

    from cartapp.shop.server import ShopServer

CONTEST = CATALOG.model_copy(
    update={"products": (CATALOG.products[0].model_copy(update={"stock": 100}),)}
)


class Till:
    """A till as the app wires it: bus, service, store, and the shop as gate and copy."""

    def __init__(self, folder: Path, url: str, name: str) -> None:
        self.store = EventStore.open(folder / f"{name}.sqlite3")
        self.shop = ShopSession(url, name, CONTEST)
        assert self.shop.start()
        self.shop.owe_from(self.store, LIVE_STREAM, 0)
        self.bus = EventBus()  # owned by the creating thread: a till's own thread
        self.service = CartService(
            CONTEST, OwedEventLog(self.store, self.shop), stock=self.shop, cart=None
        )
        self.service.attach(self.bus)
        self.facts: list[Fact] = []
        self.bus.subscribe(Fact, lambda env: self.facts.append(env.event), name="log")

    def close(self) -> None:
        self.shop.close()
        self.store.close()


def test_two_tills_each_trying_1000_adds_sell_exactly_the_100_in_stock(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    tills: list[Till] = []
    try:

        def sell(name: str) -> None:
            till = Till(tmp_path, shop_server.url, name)  # its bus belongs to this thread
            tills.append(till)
            for _ in range(1000):
                till.bus.publish(AddItem(item_id="rye-bread", quantity=1), source="ui")

        threads = [threading.Thread(target=sell, args=(name,)) for name in ("t1", "t2")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        tills.sort(key=lambda till: till.shop.till)
        added = [sum(isinstance(f, ItemAdded) for f in till.facts) for till in tills]
        rejected = [f for till in tills for f in till.facts if isinstance(f, CommandRejected)]
        assert sum(added) == 100
        assert len(rejected) == 1900
        assert {r.reason for r in rejected} <= {
            "the last Rye bread 1 kg was just taken at till t1",
            "the last Rye bread 1 kg was just taken at till t2",
        }
        assert [till.service.cart.quantity_of("rye-bread") for till in tills] == added
        # every till's cart reached the shop as stored locally, once
        for till in tills:
            assert until(lambda till=till: till.shop.owed == 0)
        with ShopLink(shop_server.url, "reader") as reader:
            log = JetStreamLog(reader.connect())
            for till in tills:
                copy = reader.call(log.read(till.shop.cart))
                local = list(till.store.iter_events(LIVE_STREAM))
                assert [m.envelope.event_id for m in copy] == [s.envelope.event_id for s in local]
        assert until(lambda: all(till.shop.levels["RYE-1"] == 0 for till in tills))
    finally:
        for till in tills:
            till.close()


def test_a_removed_line_gives_its_stock_back_to_the_other_till(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    one, two = Till(tmp_path, shop_server.url, "t1"), Till(tmp_path, shop_server.url, "t2")
    try:
        one.bus.publish(AddItem(item_id="rye-bread", quantity=99), source="ui")
        two.bus.publish(AddItem(item_id="rye-bread", quantity=2), source="ui")
        assert two.facts[-1] == CommandRejected(
            command="AddItem", reason="only 1 Rye bread 1 kg left in the shop"
        )
        one.bus.publish(RemoveItem(item_id="rye-bread", quantity=50), source="ui")
        assert until(lambda: two.shop.levels["RYE-1"] == 51)
        two.bus.publish(AddItem(item_id="rye-bread", quantity=51), source="ui")
        assert isinstance(two.facts[-1], ItemAdded)
    finally:
        one.close()
        two.close()
