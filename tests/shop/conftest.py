"""Fixtures that run a real ``nats-server -js`` on 127.0.0.1 (free port, temporary store)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

pytest.importorskip("nats", reason="the shop extra is not installed")

from cartapp.shop.link import ShopLink
from cartapp.shop.security import ADMIN, ShopCredentials
from cartapp.shop.server import ShopServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def secured_shop(tmp_path: Path) -> Iterator[tuple[ShopServer, ShopCredentials]]:
    """A shop server with one user per till (``t1``, ``t2``) and the stream made by ``admin``."""
    credentials = ShopCredentials.create(["t1", "t2"])
    server = ShopServer(tmp_path / "nats", credentials=credentials).start()
    with ShopLink(credentials.url_for(server.url, ADMIN), ADMIN) as admin:
        admin.connect().ensure_stream()
    try:
        yield server, credentials
    finally:
        server.kill()
