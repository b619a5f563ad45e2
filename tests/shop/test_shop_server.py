"""Finding and running the shop's server binary."""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

import pytest

from cartapp.shop.link import ShopLink, ShopUnavailableError
from cartapp.shop.server import ServerNotFoundError, ShopServer, find_server_binary
from cartapp.shop.stock import Reserved, ShopStock

if TYPE_CHECKING:
    from pathlib import Path


def _fake_server(folder: Path, version: str) -> Path:
    path = folder / "nats-server"
    path.write_text(f"#!/bin/sh\necho 'nats-server: v{version}'\n")
    path.chmod(0o755)
    return path


def test_an_old_server_such_as_debians_is_refused_by_name(tmp_path: Path) -> None:
    old = _fake_server(tmp_path, "2.9.10")
    with pytest.raises(ServerNotFoundError, match=r"2\.10\.0 or newer.*2\.9\.10"):
        find_server_binary([old])


def test_the_first_new_enough_server_is_chosen(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = _fake_server(tmp_path / "old", "2.9.10"), _fake_server(tmp_path / "new", "2.15.1")
    assert find_server_binary([old, new]) == new
    with pytest.raises(ServerNotFoundError, match="no nats-server found"):
        find_server_binary([])


def test_the_wheels_server_is_found_next_to_python() -> None:
    assert find_server_binary().name.startswith("nats-server")


def test_the_server_config_is_private_and_durable(shop_server: ShopServer) -> None:
    config = shop_server.store_dir / "server.conf"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert '"sync_interval": "always"' in config.read_text()


def test_a_till_that_cannot_reach_the_shop_is_told_where_it_looked() -> None:
    with pytest.raises(
        ShopUnavailableError, match=r"cannot reach the shop at nats://127\.0\.0\.1:9"
    ) as refused:
        ShopLink("nats://user:secret@127.0.0.1:9", "t1").connect(timeout=1)
    assert "secret" not in str(refused.value)


def test_a_retried_reservation_with_the_same_id_is_stored_once(shop_server: ShopServer) -> None:
    with ShopLink(shop_server.url, "t1") as till:
        stock = ShopStock(till.connect(), {"RYE-1": 5})
        first = till.call(stock.reserve("RYE-1", 2, "cmd-1"))
        again = till.call(stock.reserve("RYE-1", 2, "cmd-1"))
        assert first == Reserved("RYE-1", 2, 3, 1, False)
        assert again == Reserved("RYE-1", 2, 3, 1, True)
        assert till.call(stock.level("RYE-1")) == 3


def test_the_shop_server_command_runs_a_shop_tills_can_join(tmp_path: Path) -> None:
    """The README's one command: it writes each till's private password file, creates the
    shop's stream, says where it listens, and stops on SIGTERM."""
    import json
    import re
    import signal
    import subprocess
    import sys

    store = tmp_path / "shop"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cartapp.shop.server",
            "--store",
            str(store),
            "--port",
            "-1",
            "--tills",
            "t1,t2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "listening on" in line:
                break
        url = re.search(r"nats://[0-9.]+:[0-9]+", lines[-1])
        assert url is not None, lines
        creds = store / "till-t1.json"
        assert stat.S_IMODE(creds.stat().st_mode) == 0o600
        assert f"till t1: --shop-credentials {creds}" in "".join(lines)
        password = json.loads(creds.read_text())["password"]
        assert password not in "".join(lines)
        with ShopLink(url.group(0).replace("nats://", f"nats://t1:{password}@"), "t1") as till:
            stock = ShopStock(till.connect(), {"RYE-1": 5})
            assert isinstance(till.call(stock.reserve("RYE-1", 1, "c1")), Reserved)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    leftover = subprocess.run(["pgrep", "-f", str(store)], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""  # the nats-server went with it


@pytest.mark.parametrize("port", ["70000", "0", "http"])
def test_a_port_that_cannot_be_one_is_refused_before_anything_is_written(
    tmp_path: Path, port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cartapp.shop.server import main

    with pytest.raises(SystemExit) as refused:
        main(["--store", str(tmp_path / "shop"), "--port", port, "--tills", "t1"])
    assert refused.value.code == 2
    assert "port" in capsys.readouterr().err
    assert not (tmp_path / "shop").exists()  # no credentials were written
