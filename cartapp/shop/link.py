"""``ShopLink``: one till's connection to the shop's NATS server, on its own asyncio thread.

A link reports every state change (``online``) to its listeners at once, so the till can say
"offline" the moment the server goes away; the client then reconnects by itself, forever, with
a short wait. nats-py would print a traceback for every failed reconnect unless it is given an
``error_cb``: here each error is one log line without the URL's credentials.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from typing import TYPE_CHECKING, Any

import nats
from nats.js.api import RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from cartapp.shop.loop import LoopThread
from cartapp.shop.subjects import STREAM, SUBJECTS

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from nats.aio.client import Client
    from nats.js.client import JetStreamContext

__all__ = ["ShopLink", "ShopUnavailableError", "redact"]

log = logging.getLogger(__name__)


class ShopUnavailableError(ConnectionError):
    """The shop's server cannot be reached (the message says where, without credentials)."""


def redact(url: str) -> str:
    """``url`` (or several, comma-separated) without user and password (for messages and logs)."""
    parts = []
    for one in url.split(","):
        scheme, sep, rest = one.strip().partition("://")
        parts.append(f"{scheme}://{rest.rpartition('@')[2]}" if sep else one)
    return ",".join(parts)


class ShopLink:
    """Connect with ``ShopLink(url, till).connect()``; ``close()`` when done.

    ``url`` may carry ``user:password@`` (see ``ShopCredentials.url_for``); it is never logged.
    Several comma-separated URLs name the servers of a cluster; the client moves between them.
    ``call(coro)`` runs a coroutine that uses ``self.js``/``self.nc`` on the link's loop.
    """

    def __init__(self, url: str, till: str, *, reconnect_wait: float = 0.2) -> None:
        self.url = url
        self.till = till
        self.loop = LoopThread(name=f"cartapp-shop-{till}")
        self.reconnect_wait = reconnect_wait
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._online = False
        self._listeners: list[Callable[[bool], None]] = []
        self._lock = threading.Lock()
        self.errors = 0
        """Errors the client reported (the first of each outage is logged, as one line)."""
        self._last_error: str | None = None
        self._quiet = False

    @property
    def last_error(self) -> str | None:
        """The newest error the client reported (credentials removed), or None."""
        return self._last_error

    @property
    def online(self) -> bool:
        return self._online

    @property
    def nc(self) -> Client:
        if self._nc is None:
            raise ShopUnavailableError("the till is not connected to the shop")
        return self._nc

    @property
    def js(self) -> JetStreamContext:
        if self._js is None:
            raise ShopUnavailableError("the till is not connected to the shop")
        return self._js

    def on_state(self, listener: Callable[[bool], None]) -> None:
        """Call ``listener(online)`` on every change (from the link's thread)."""
        with self._lock:
            self._listeners.append(listener)

    def _set_online(self, online: bool) -> None:
        if online == self._online:
            return
        self._online = online
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(online)
            except Exception:
                log.exception("a shop state listener failed")

    def connect(
        self,
        timeout: float = 5.0,
        *,
        keep_trying: bool = False,
        then: Callable[[], Coroutine[Any, Any, None]] | None = None,
    ) -> ShopLink:
        """Connect, waiting at most ``timeout`` for the shop to answer; once in, run ``then()`` on
        the link's loop. ``ShopUnavailableError`` if it does not answer in time, unless
        ``keep_trying``: then the link stays offline and the client goes on trying every
        ``reconnect_wait`` (``online`` and ``on_state`` say when it is in)."""
        first: concurrent.futures.Future[None] = concurrent.futures.Future()
        attempt = self.loop.submit(self._connect_then(timeout, then, first))
        try:
            first.result(timeout)
        except concurrent.futures.TimeoutError:
            problem = self._last_error or f"no answer within {timeout:g} s"
            message = f"cannot reach the shop at {redact(self.url)}: {problem}"
            if not keep_trying:
                attempt.cancel()
                self.loop.stop()
                raise ShopUnavailableError(message) from None
            log.warning("%s; the till is offline and keeps trying", message)
        return self

    async def _connect_then(
        self,
        timeout: float,
        then: Callable[[], Coroutine[Any, Any, None]] | None,
        first: concurrent.futures.Future[None],
    ) -> None:
        await self._connect(timeout)  # the client itself retries until the shop answers
        if not first.done():
            first.set_result(None)
        if then is not None:
            await then()

    async def _connect(self, timeout: float) -> None:
        async def error_cb(exc: Exception) -> None:
            self.errors += 1
            self._last_error = redact(f"{type(exc).__name__} {exc}".strip())
            if not self._quiet:  # one line per outage, not one per reconnect attempt
                self._quiet = True
                log.warning("shop link %s: %s", self.till, self._last_error)

        async def disconnected_cb() -> None:
            self._set_online(False)

        async def reconnected_cb() -> None:
            self._quiet = False
            self._set_online(True)

        self._nc = await nats.connect(
            [url.strip() for url in self.url.split(",")],
            name=f"cartapp-{self.till}",
            connect_timeout=timeout,
            allow_reconnect=True,
            max_reconnect_attempts=-1,
            reconnect_time_wait=self.reconnect_wait,
            error_cb=error_cb,
            disconnected_cb=disconnected_cb,
            reconnected_cb=reconnected_cb,
        )
        self._js = self._nc.jetstream(timeout=timeout)
        self._quiet = False
        self._set_online(True)

    def call(self, coro: Any, timeout: float | None = 30.0) -> Any:
        return self.loop.call(coro, timeout)

    def ensure_stream(self, replicas: int = 1) -> None:
        """Create the shop's stream if it is missing (the admin's job; tills may not)."""
        self.call(self._ensure_stream(replicas))

    async def _ensure_stream(self, replicas: int) -> None:
        try:
            await self.js.stream_info(STREAM)
            return
        except NotFoundError:
            pass
        config = StreamConfig(
            name=STREAM,
            subjects=[SUBJECTS],
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            num_replicas=replicas,
            duplicate_window=300.0,
            allow_direct=True,
            allow_atomic=True,
        )
        try:
            await self.js.add_stream(config)
        except BadRequestError:
            await self.js.stream_info(STREAM)  # created meanwhile by someone else: fine

    def close(self) -> None:
        if self._nc is not None and self.loop.running:
            try:
                self.loop.call(self._nc.close(), 10)
            except Exception as exc:  # closing a link whose server is gone
                log.debug("closing the shop link: %s", exc)
        self._set_online(False)
        self.loop.stop()

    def __enter__(self) -> ShopLink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
