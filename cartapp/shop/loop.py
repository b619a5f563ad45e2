"""An asyncio loop in a worker thread, for the NATS client (which is asyncio only).

Qt keeps its own event loop on the GUI thread (``QtAsyncio`` cannot run nats-py: it lacks
``create_connection``). ``LoopThread.call`` runs a coroutine on the worker loop and waits for its
result from any other thread; ``submit`` returns the ``concurrent.futures.Future`` instead. Results
reach the GUI the way every other thread's do: published on the bus, which takes publishes from any
thread.
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Coroutine
    from concurrent.futures import Future
    from typing import Any

__all__ = ["LoopThread"]

T = TypeVar("T")


class LoopThread:
    """One daemon thread running one asyncio event loop until ``stop()``."""

    def __init__(self, name: str = "cartapp-shop") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = 30.0) -> T:
        """Run ``coro`` on the loop and return its result (or raise its exception)."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("LoopThread.call from its own thread would wait for itself")
        return self.submit(coro).result(timeout)

    def stop(self) -> None:
        if not self.running:
            return

        async def _cancel_rest() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        try:
            self.submit(_cancel_rest()).result(10)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(10)
            if not self._thread.is_alive():
                self.loop.close()
