"""The shop server's accounts: a till writes only its own subjects; credentials stay secret."""

from __future__ import annotations

import asyncio
import logging
import stat
from typing import TYPE_CHECKING

import pytest
from nats.js.errors import APIError

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import AddItem
from cartapp.shop.link import ShopLink, ShopUnavailableError
from cartapp.shop.log import JetStreamLog
from cartapp.shop.security import ADMIN, ShopCredentials
from cartapp.shop.stock import Reserved, ShopStock
from cartapp.shop.subjects import STREAM

if TYPE_CHECKING:
    from pathlib import Path

    from cartapp.shop.server import ShopServer


def _publish_refused(link: ShopLink, subject: str, timeout: float = 1.0) -> bool:
    """Whether the server refuses ``link``'s JetStream publish on ``subject``. A refused publish
    gets no ack, only the server's permissions violation naming the subject (through the
    client's error callback): that, not the timeout, is what says "refused", so a slow server
    cannot pass for a refusing one. An allowed publish is given long enough on a busy machine."""

    async def attempt() -> bool:
        try:
            await link.js.publish(subject, b"{}", timeout=timeout)
        except (APIError, TimeoutError):
            for _ in range(500):  # the -ERR came before the timeout; let its callback run
                if f'"{subject.lower()}"' in (link.last_error or "").lower():
                    return True
                await asyncio.sleep(0.01)
            raise AssertionError(f"no ack and no permissions violation for {subject}") from None
        return False

    return bool(link.call(attempt()))


def test_a_till_may_take_stock_only_in_its_own_name(
    secured_shop: tuple[ShopServer, ShopCredentials],
) -> None:
    server, credentials = secured_shop
    with ShopLink(credentials.url_for(server.url, "t1"), "t1") as t1:
        t1.connect()
        assert isinstance(t1.call(ShopStock(t1, {"RYE-1": 5}).reserve("RYE-1", 1, "c1")), Reserved)
        assert _publish_refused(t1, "shop.stock.RYE-1.t2")  # another till's name
        assert _publish_refused(t1, "shop.cart.t2.cart-1")  # another till's cart
        assert not _publish_refused(t1, "shop.cart.t1.cart-1", timeout=30)  # its own cart
        log = JetStreamLog(t1)
        add = Envelope.new(AddItem(item_id="rye-bread", quantity=1), source="ui")
        assert t1.call(log.append([add], "cart-2", 0)) == 1
        assert [m.envelope.event_id for m in t1.call(log.read("cart-2"))] == [add.event_id]

        async def delete() -> None:
            await t1.js.delete_stream(STREAM)

        with pytest.raises(Exception):  # noqa: B017 - a permissions violation or its timeout
            t1.call(delete(), timeout=5)
    with ShopLink(credentials.url_for(server.url, ADMIN), ADMIN) as admin:
        admin.connect()
        assert admin.call(admin.js.stream_info(STREAM)).config.name == STREAM


def test_a_wrong_password_is_refused_without_showing_it(
    secured_shop: tuple[ShopServer, ShopCredentials], caplog: pytest.LogCaptureFixture
) -> None:
    server, credentials = secured_shop
    wrong = ShopCredentials({**credentials.passwords, "t1": "not-the-password"})
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ShopUnavailableError) as refused:
        ShopLink(wrong.url_for(server.url, "t1"), "t1").connect(timeout=2)
    text = str(refused.value) + caplog.text
    assert "not-the-password" not in text
    assert all(password not in text for password in credentials.passwords.values())
    assert server.url.split("//")[1] in str(refused.value)


def test_credentials_never_show_their_passwords_and_are_saved_private(tmp_path: Path) -> None:
    credentials = ShopCredentials.create(["t1", "t2"])
    assert all(p not in repr(credentials) for p in credentials.passwords.values())
    path = credentials.save(tmp_path / "shop" / "tills.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ShopCredentials.load(path) == credentials
    path.write_text("[1, 2]")
    with pytest.raises(ValueError, match="not a till credentials file"):
        ShopCredentials.load(path)


@pytest.mark.parametrize("name", ["", "T1", "till one", "admin", "a.b", "x" * 33])
def test_a_till_name_that_cannot_be_a_subject_token_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="cannot name a till"):
        ShopCredentials.create([name])


def test_a_credentials_path_that_is_no_file_is_refused_without_waiting(tmp_path: Path) -> None:
    """A FIFO given as the credentials file blocked the start until something wrote to it."""
    import os

    fifo = tmp_path / "till-t1.json"
    os.mkfifo(fifo, 0o600)
    folder = tmp_path / "folder"
    folder.mkdir(mode=0o755)
    for path in (fifo, folder):
        with pytest.raises(ValueError, match="is not a file"):
            ShopCredentials.load_till(path, "t1")


def test_every_server_of_a_cluster_url_gets_the_tills_login() -> None:
    credentials = ShopCredentials.create(["t1"])
    password = credentials.passwords["t1"]
    url = credentials.url_for("nats://10.0.0.1:4222, nats://10.0.0.2:4222", "t1")
    assert url == f"nats://t1:{password}@10.0.0.1:4222,nats://t1:{password}@10.0.0.2:4222"


def test_the_server_config_holds_bcrypt_hashes_that_the_server_checks(
    secured_shop: tuple[ShopServer, ShopCredentials],
) -> None:
    import json

    import bcrypt

    server, credentials = secured_shop
    text = (server.store_dir / "server.conf").read_text()
    assert all(password not in text for password in credentials.passwords.values())
    users = json.loads(text)["accounts"]["SHOP"]["users"]
    assert {user["user"] for user in users} == {ADMIN, "t1", "t2"}
    for user in users:
        hashed = user["password"]
        assert hashed.startswith("$2b$08$")
        assert bcrypt.checkpw(credentials.passwords[user["user"]].encode(), hashed.encode())
    # the server checks the password against the hash (a wrong one: see the test above)
    with ShopLink(credentials.url_for(server.url, "t1"), "t1") as t1:
        assert t1.connect().online


def test_a_password_bcrypt_cannot_hash_is_refused_with_its_reason() -> None:
    from cartapp.shop.security import password_hash

    with pytest.raises(ValueError, match="longer than 72 bytes"):
        password_hash("x" * 73)
