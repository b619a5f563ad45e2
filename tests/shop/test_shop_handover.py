"""Carts between tills: park at one till, resume at another, and race two resumes."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shop_helpers import CATALOG, until

from cartapp.bus import EventBus
from cartapp.domain.events import AddItem, CommandRejected, Fact, HandlerFailed
from cartapp.domain.handover import ParkedCartHandedOver, ParkedCartTaken
from cartapp.domain.parking import ParkCart, ResumeCart
from cartapp.domain.pos import ApplyDiscount
from cartapp.handlers import CartService, handler_failed
from cartapp.shop.link import ShopLink
from cartapp.shop.owed import OwedEventLog
from cartapp.shop.parked import SharedParked, take_command
from cartapp.shop.security import ADMIN
from cartapp.shop.session import ShopSession
from cartapp.store import LIVE_STREAM, EventStore
from cartapp.store.errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from cartapp.bus.envelope import Envelope
    from cartapp.domain.cart import Cart
    from cartapp.shop.security import ShopCredentials
    from cartapp.shop.server import ShopServer

PARKED_AT = datetime(2026, 5, 4, 10, 30, tzinfo=UTC)


class FailingAppends:
    """The till's own event log, whose appends fail while ``failing`` (a full disk, say)."""

    def __init__(self, inner: EventStore) -> None:
        self.inner = inner
        self.failing = False

    def append(
        self,
        envelopes: Sequence[Envelope],
        stream: str,
        expected_version: int,
        *,
        snapshot: Cart | None = None,
    ) -> int:
        if self.failing:
            raise StoreError("database or disk is full")
        return self.inner.append(envelopes, stream, expected_version, snapshot=snapshot)

    def iter_events(self, stream: str, first: int = 1, last: int | None = None) -> Any:
        return self.inner.iter_events(stream, first, last)

    def load_cart(self, stream: str, *, currency: str = "EUR") -> Any:
        return self.inner.load_cart(stream, currency=currency)

    def save_snapshot(self, stream: str, version: int, cart: Cart) -> None:
        self.inner.save_snapshot(stream, version, cart)


class Till:
    """A till as the app wires it, with the hand-over of carts it parked."""

    def __init__(self, folder: Path, url: str, name: str) -> None:
        self.store = EventStore.open(folder / f"{name}.sqlite3")
        self.local = FailingAppends(self.store)
        self.shop = ShopSession(url, name, CATALOG)
        assert self.shop.start()
        self.shop.owe_from(self.store, LIVE_STREAM, 0)
        self.bus = EventBus(failure_fact=handler_failed)
        self.service = CartService(CATALOG, OwedEventLog(self.local, self.shop), stock=self.shop)
        self.service.attach(self.bus)
        self.shop.follow_hand_overs(
            lambda command: self.bus.publish(command, source="shop"),
            lambda: self.service.cart.parked,
        )
        self.facts: list[Fact] = []
        self.bus.subscribe(Fact, lambda env: self.facts.append(env.event), name="log")

    def pump_until(self, condition: object) -> bool:
        def done() -> bool:
            self.bus.process_pending()
            return bool(condition())  # type: ignore[operator]

        return until(done)

    def close(self) -> None:
        self.shop.close()
        self.store.close()


def broker_level(url: str) -> int:
    with ShopLink(url, ADMIN) as admin:
        from cartapp.shop.stock import ShopStock

        stock = ShopStock(admin.connect(), {"RYE-1": 5})
        return int(admin.call(stock.level("RYE-1"), 10))


def park_two_with_a_discount(till: Till) -> None:
    till.bus.publish(AddItem(item_id="rye-bread", quantity=2), source="ui")
    till.bus.publish(ApplyDiscount(item_id="rye-bread", percent=Decimal("10")), source="ui")
    till.bus.publish(ParkCart(name="Mrs Berg", parked_at=PARKED_AT), source="ui")
    assert len(till.service.cart.parked) == 1


def test_a_cart_parked_at_one_till_is_resumed_at_the_other_with_its_stock_still_held(
    secured_shop: tuple[ShopServer, ShopCredentials], tmp_path: Path
) -> None:
    server, credentials = secured_shop
    t1 = Till(tmp_path, credentials.url_for(server.url, "t1"), "t1")
    t2 = Till(tmp_path, credentials.url_for(server.url, "t2"), "t2")
    try:
        park_two_with_a_discount(t1)
        parked_total = t1.service.cart.parked[0].total()
        assert until(lambda: len(t2.shop.parked.open()) == 1)
        shared = t2.shop.parked.open()[0]
        assert (shared.till, shared.number, shared.name) == ("t1", 1, "Mrs Berg")
        assert (shared.item_count, shared.total()) == (2, parked_total)
        assert until(lambda: t1.shop.levels["RYE-1"] == 3 and t2.shop.levels["RYE-1"] == 3)

        t2.bus.publish(take_command(shared), source="ui")

        cart = t2.service.cart
        assert [(line.item_id, line.quantity) for line in cart.lines] == [("rye-bread", 2)]
        assert cart.lines[0].discount is not None
        assert cart.lines[0].discount.percent == Decimal("10")
        assert cart.totals().total.amount == parked_total
        assert isinstance(t2.facts[-1], ParkedCartTaken)
        assert t1.pump_until(lambda: not t1.service.cart.parked)
        assert isinstance(t1.facts[-1], ParkedCartHandedOver)
        assert t1.facts[-1].to_till == "t2"
        assert until(lambda: not t1.shop.parked.open() and not t2.shop.parked.open())
        # the units moved owners, not the shop's stock: no stock message was needed
        assert t1.shop.levels["RYE-1"] == t2.shop.levels["RYE-1"] == 3
        assert broker_level(credentials.url_for(server.url, ADMIN)) == 3
    finally:
        t1.close()
        t2.close()


def test_two_tills_resuming_one_parked_cart_at_once_exactly_one_gets_it(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    t1 = Till(tmp_path, shop_server.url, "t1")
    t2 = Till(tmp_path, shop_server.url, "t2")
    t3 = Till(tmp_path, shop_server.url, "t3")
    try:
        park_two_with_a_discount(t1)
        assert until(lambda: len(t2.shop.parked.open()) == 1 and len(t3.shop.parked.open()) == 1)
        start = threading.Barrier(2)

        def take(till: Till) -> None:
            till.bus.bind_to_current_thread()
            start.wait()
            till.bus.publish(take_command(till.shop.parked.open()[0]), source="ui")

        racers = [threading.Thread(target=take, args=(t,)) for t in (t2, t3)]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()

        outcomes = {t.shop.till: t.facts[-1] for t in (t2, t3)}
        won = [name for name, fact in outcomes.items() if isinstance(fact, ParkedCartTaken)]
        lost = [fact for fact in outcomes.values() if isinstance(fact, CommandRejected)]
        assert len(won) == 1 and len(lost) == 1
        assert lost[0].reason == f"parked cart #1 of till t1 was just resumed at till {won[0]}"
        loser = t3 if won == ["t2"] else t2
        assert not loser.service.cart.lines
        assert t1.pump_until(lambda: not t1.service.cart.parked)
        assert t1.facts[-1] == ParkedCartHandedOver(number=1, name="Mrs Berg", to_till=won[0])
        assert broker_level(shop_server.url) == 3
    finally:
        for till in (t1, t2, t3):
            till.close()


def test_the_parking_till_resuming_its_own_cart_beats_a_later_take_elsewhere(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    t1 = Till(tmp_path, shop_server.url, "t1")
    t2 = Till(tmp_path, shop_server.url, "t2")
    try:
        park_two_with_a_discount(t1)
        assert until(lambda: len(t2.shop.parked.open()) == 1)
        shared = t2.shop.parked.open()[0]
        t1.bus.publish(ResumeCart(number=1), source="ui")
        assert t1.service.cart.lines

        t2.bus.publish(take_command(shared), source="ui")

        assert isinstance(t2.facts[-1], CommandRejected)
        assert t2.facts[-1].reason == "parked cart #1 of till t1 was just resumed at till t1"
        assert not t2.service.cart.lines
        assert until(lambda: not t2.shop.parked.open())
    finally:
        t1.close()
        t2.close()


def test_offline_a_shared_parked_cart_stays_parked_and_says_why(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    t1 = Till(tmp_path, shop_server.url, "t1")
    try:
        park_two_with_a_discount(t1)
        assert until(lambda: len(t1.shop.parked.open()) == 1)
        shop_server.kill()
        assert until(lambda: not t1.shop.online)

        t1.bus.publish(ResumeCart(number=1), source="ui")

        assert isinstance(t1.facts[-1], CommandRejected)
        assert t1.facts[-1].reason == (
            "the shop's server cannot be reached, so parked cart #1 cannot be resumed (other "
            "tills can see it); it stays parked"
        )
        assert len(t1.service.cart.parked) == 1 and not t1.service.cart.lines
    finally:
        t1.close()


def test_a_cart_resumed_right_after_parking_is_never_left_open_to_the_others(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    t1 = Till(tmp_path, shop_server.url, "t1")
    t2 = Till(tmp_path, shop_server.url, "t2")
    try:
        park_two_with_a_discount(t1)
        t1.bus.publish(ResumeCart(number=1), source="ui")  # before or while it is shared
        assert t1.service.cart.lines
        later = PARKED_AT.replace(hour=11)
        t1.bus.publish(ParkCart(name="Later", parked_at=later), source="ui")
        # the shop's stream is in order: once t2 sees the second, it has seen the first's fate
        assert until(lambda: any(c.parked_at == later for c in t2.shop.parked.open()))
        assert [(c.till, c.name) for c in t2.shop.parked.open()] == [("t1", "Later")]
    finally:
        t1.close()
        t2.close()


def test_a_take_the_till_cannot_store_gives_the_cart_back_for_another_till(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    t1 = Till(tmp_path, shop_server.url, "t1")
    t2 = Till(tmp_path, shop_server.url, "t2")
    t3 = Till(tmp_path, shop_server.url, "t3")
    given_back: list[SharedParked] = []
    t2.shop.on_given_back(given_back.append)
    try:
        park_two_with_a_discount(t1)
        assert until(lambda: len(t2.shop.parked.open()) == 1 and len(t3.shop.parked.open()) == 1)
        shared = t2.shop.parked.open()[0]
        t2.local.failing = True

        t2.bus.publish(take_command(shared), source="ui")

        assert isinstance(t2.facts[-1], HandlerFailed)
        assert "disk is full" in t2.facts[-1].error
        assert not t2.service.cart.lines
        # the claim was stored before the append failed; now it is given back to the shop
        assert until(lambda: bool(given_back))
        assert (given_back[0].shared, given_back[0].held_by) == (shared.shared, None)
        assert until(lambda: [c.shared for c in t3.shop.parked.open()] == [shared.shared])

        t3.bus.publish(take_command(t3.shop.parked.open()[0]), source="ui")

        assert isinstance(t3.facts[-1], ParkedCartTaken)
        assert [(line.item_id, line.quantity) for line in t3.service.cart.lines] == [
            ("rye-bread", 2)
        ]
        assert until(lambda: all(not t.shop.parked.open() for t in (t1, t2, t3)))
        assert until(lambda: t2.shop.parked.get(shared.shared).held_by == "t3")  # type: ignore[union-attr]
        # t2 cannot take it now, and says who has it
        t2.local.failing = False
        t2.bus.publish(take_command(shared), source="ui")
        assert isinstance(t2.facts[-1], CommandRejected)
        assert t2.facts[-1].reason == "parked cart #1 of till t1 was just resumed at till t3"
        assert broker_level(shop_server.url) == 3  # the units stayed held through it all
    finally:
        for till in (t1, t2, t3):
            till.close()


def test_a_resume_the_parking_till_cannot_store_leaves_its_cart_parked_in_the_shop(
    shop_server: ShopServer, tmp_path: Path
) -> None:
    t1 = Till(tmp_path, shop_server.url, "t1")
    t2 = Till(tmp_path, shop_server.url, "t2")
    try:
        park_two_with_a_discount(t1)
        assert until(lambda: len(t1.shop.parked.open()) == 1 and len(t2.shop.parked.open()) == 1)
        shared = t1.shop.parked.open()[0].shared
        t1.local.failing = True
        t1.bus.publish(ResumeCart(number=1), source="ui")
        assert isinstance(t1.facts[-1], HandlerFailed)
        assert len(t1.service.cart.parked) == 1 and not t1.service.cart.lines
        assert until(
            lambda: len(t1.shop.parked.open()) == 1 and t1.shop.parked.open()[0].version == 3
        )
        assert until(lambda: len(t2.shop.parked.open()) == 1)  # open for the others again

        t1.local.failing = False
        t1.bus.publish(ResumeCart(number=1), source="ui")

        assert t1.service.cart.lines and not t1.service.cart.parked
        assert until(lambda: not t2.shop.parked.open())
        assert t2.shop.parked.get(shared).held_by == "t1"  # type: ignore[union-attr]
    finally:
        t1.close()
        t2.close()
