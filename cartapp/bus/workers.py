"""``WorkerPool``: where async handlers run, and how their outcome gets back to the bus.

A handler runs on a pool thread; its result (or any exception, even ``SystemExit``: the message
must finish) goes into the bus's inbox as a ``Finished`` item, which the owner thread turns into
facts. An ``async def`` handler's coroutine is run with ``asyncio.run`` on that thread. After
``close()``, a delivery fails at once with "the bus is closed" (a cancelled one would never be
consumed and the bus never idle again).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from cartapp.bus.inbox import Finished

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.bus.inbox import Inbox
    from cartapp.bus.registry import Subscription

__all__ = ["WorkerPool"]


class WorkerPool:
    """Runs async handlers for one bus; the pool's threads start on first use."""

    __slots__ = ("_executor", "_inbox", "_max_workers", "closed")

    def __init__(self, inbox: Inbox, max_workers: int = 4) -> None:
        self._inbox = inbox
        self._max_workers = max_workers
        self._executor: ThreadPoolExecutor | None = None
        self.closed = False

    def submit(self, sub: Subscription, env: Envelope) -> None:
        if self.closed:
            self._inbox.put(Finished(sub, env, None, RuntimeError("the bus is closed"), 0, 0))
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self._max_workers, thread_name_prefix="cartapp-bus")
        self._executor.submit(self._run, sub, env)

    def _run(self, sub: Subscription, env: Envelope) -> None:
        t0 = time.perf_counter_ns()
        result: list[Any] | None = None
        error: BaseException | None = None
        try:
            if self.closed:
                raise RuntimeError("the bus is closed")
            out = sub.fn(env)
            if hasattr(out, "__await__"):
                import asyncio  # only async def handlers need it; it costs 60 ms to import

                out = asyncio.run(_await(out))
            result = list(out) if out else None
        except BaseException as exc:  # even SystemExit/CancelledError: the message must finish
            error = exc
        finally:
            self._inbox.put(Finished(sub, env, result, error, t0, time.perf_counter_ns()))

    def close(self) -> None:
        """Wait for running handlers; later deliveries fail (see the module docstring)."""
        self.closed = True
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


async def _await(awaitable: Any) -> Any:
    return await awaitable
