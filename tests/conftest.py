"""Test-wide set-up: Qt runs offscreen, and no test touches the real user's settings or data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cartapp.shop.server import ShopServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = tempfile.mkdtemp(prefix="cartapp-tests-")
# QSettings (Linux: $XDG_CONFIG_HOME) and the app's data dir point into a throw-away folder.
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SANDBOX, "data")
os.environ["CARTAPP_DATA_DIR"] = os.path.join(_SANDBOX, "cartapp-data")


@pytest.fixture
def shop_server(tmp_path: Path) -> Iterator[ShopServer]:
    """A real shop server (``nats-server -js`` on 127.0.0.1, free port, temporary store, no
    accounts) with the shop's stream created; killed after the test."""
    pytest.importorskip("nats", reason="the shop extra is not installed")
    from cartapp.shop.link import ShopLink
    from cartapp.shop.security import ADMIN
    from cartapp.shop.server import ShopServer

    server = ShopServer(tmp_path / "nats").start()
    with ShopLink(server.url, ADMIN) as admin:
        admin.connect().ensure_stream()
    try:
        yield server
    finally:
        server.kill()
