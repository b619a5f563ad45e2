"""A cart on the shop's stream: atomic appends at the expected version, checked read-back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import AddItem, ClearCart
from cartapp.shop.link import ShopLink
from cartapp.shop.log import JetStreamLog, ShopMessageError
from cartapp.store.errors import ConcurrencyError

if TYPE_CHECKING:
    from cartapp.shop.server import ShopServer


def _commands(n: int) -> list[Envelope]:
    return [
        Envelope.new(AddItem(item_id="rye-bread", quantity=i + 1), source="ui") for i in range(n)
    ]


def test_two_tills_append_to_one_cart_only_at_the_version_they_read(
    shop_server: ShopServer,
) -> None:
    with ShopLink(shop_server.url, "t1") as one, ShopLink(shop_server.url, "t2") as two:
        log1, log2 = JetStreamLog(one.connect()), JetStreamLog(two.connect())
        first = _commands(3)
        assert one.call(log1.append(first, "cart-1", 0)) == 3
        with pytest.raises(ConcurrencyError) as stale:
            two.call(log2.append(_commands(2), "cart-1", 0))
        assert stale.value.args and "3" in str(stale.value)
        handed = [Envelope.new(ClearCart(), source="ui")]
        assert two.call(log2.append(handed, "cart-1", 3)) == 4
        with pytest.raises(ConcurrencyError):  # till 1 has not seen till 2's message
            one.call(log1.append(_commands(1), "cart-1", 3))

        stored = one.call(log1.read("cart-1"))
        assert [m.version for m in stored] == [1, 2, 3, 4]
        assert [m.till for m in stored] == ["t1", "t1", "t1", "t2"]
        assert [m.envelope.event_id for m in stored] == [e.event_id for e in [*first, *handed]]
        assert [m.envelope.event for m in stored] == [e.event for e in [*first, *handed]]
        assert [m.version for m in two.call(log2.read("cart-1", after=2))] == [3, 4]


def test_a_message_that_is_not_an_envelope_is_refused_on_read(shop_server: ShopServer) -> None:
    with ShopLink(shop_server.url, "t1") as till:
        log = JetStreamLog(till.connect())
        till.call(log.append(_commands(1), "cart-1", 0))
        till.call(till.js.publish("shop.cart.t1.cart-1", b'{"type": "AddItem"}'))
        with pytest.raises(ShopMessageError, match=r"message 2 on shop\.cart\.t1\.cart-1 refused"):
            till.call(log.read("cart-1"))
