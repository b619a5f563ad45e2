"""``EventBus``: publish/subscribe with envelopes, run-to-completion delivery and stage tracing.

Behaviour, spelled out:

- **Thread.** The bus belongs to the thread that created it (``bind_to_current_thread`` moves it).
  Sync handlers and taps always run on that thread. ``publish`` may be called from any thread: from
  another thread the envelope goes into a thread-safe inbox and the bus's *waker* is called once
  (coalesced) to ask the owner thread to call ``process_pending()``. The Qt bridge installs a waker
  that posts to the GUI thread; without one, ``wait_idle()`` on the owner thread does the work.
- **Order.** Messages are delivered in FIFO order of publication (per publishing thread).
  Handlers of one message run in subscription order.
- **Re-entrance.** A message published while a handler runs is queued and delivered after the
  current message has reached all its handlers: run-to-completion, never nested.
- **Failures.** An exception in a handler is caught; the other handlers still run, a ``failed``
  stage record is emitted and a ``HandlerFailed`` fact is published (not for a failure while
  handling ``HandlerFailed`` itself, which would loop). Exceptions in taps are logged and ignored.
- **Results.** A handler may return an iterable of messages (or of envelopes made with
  ``child_envelope``); they are published as facts caused by
  the message it handled (same correlation id, causation id = that message's id, source = handler).
  Results are all or nothing: a generator handler that raises part-way, or a result that is not
  iterable, counts as a failure and none of its messages are published.
- **At most once.** An envelope is delivered at most once (to each subscriber, and so at all): a
  handler whose results hold an envelope this bus already delivered (the one it is handling, one
  it kept from earlier, or another with an id already delivered) fails with
  ``DuplicateEnvelopeError`` and none of its results are published; ``publish_envelope`` raises
  it to its caller. What is remembered, and for how long, is in ``cartapp.bus.delivered``.
- **Async handlers** (``mode="async"``, or an ``async def`` function) run on a worker pool;
  what they return is published back on the owner thread, and their message is ``consumed``
  only after that.
- **Subscription** matches the exact type, any base class of it, or everything (``object``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, Literal

from cartapp.bus.delivered import Delivered, DuplicateEnvelopeError
from cartapp.bus.envelope import Envelope, next_seq
from cartapp.bus.stages import ASYNC_DONE, CONSUMED_ENTRY, DISPATCH, HELD, SKIPPED, TraceBatch

__all__ = ["DEFERRED", "EventBus", "Handler", "Subscription", "Tap"]

log = logging.getLogger(__name__)


class _Deferred:
    """The type of ``DEFERRED``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "DEFERRED"


DEFERRED: Any = _Deferred()
"""What a sync handler returns when its result comes later: the bus holds the message (it is
not consumed, and ``idle`` is False) until the handler calls ``bus.release(envelope, ...)`` on
the owner thread. The cart handler uses it to commit a whole step's commands in one transaction
before any of their facts is published."""

Handler = Callable[[Envelope], Iterable[Any] | None]
Tap = Callable[[TraceBatch], object]


_MIN_SLICE, _MAX_SLICE = 4, 16_384  # inbox items per process_pending step (adapted to the budget)
_CO_COROUTINE = 0x80  # inspect.CO_COROUTINE, without importing inspect at start-up


def _is_coroutine_function(fn: Callable[..., Any]) -> bool:
    while isinstance(fn, partial):  # as inspect.iscoroutinefunction does
        fn = fn.func
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is None:  # a callable object: look at its class's __call__
        code = getattr(getattr(type(fn), "__call__", None), "__code__", None)  # noqa: B004
    return code is not None and bool(code.co_flags & _CO_COROUTINE)


def _handler_name(fn: Callable[..., Any]) -> str:
    owner = getattr(fn, "__self__", None)
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)
    if owner is not None and "." not in name:
        return f"{type(owner).__name__}.{name}"
    return str(name)


class Subscription:
    """A handler subscribed to one message type; ``cancel()`` unsubscribes it."""

    __slots__ = ("_bus", "active", "event_type", "fn", "is_async", "name")

    def __init__(
        self, bus: EventBus, event_type: type, fn: Handler, name: str, is_async: bool
    ) -> None:
        self._bus = bus
        self.event_type = event_type
        self.fn = fn
        self.name = name
        self.is_async = is_async
        self.active = True

    def cancel(self) -> None:
        self._bus.unsubscribe(self)

    def __repr__(self) -> str:
        mode = "async" if self.is_async else "sync"
        return f"Subscription({self.event_type.__name__} -> {self.name}, {mode})"


class EventBus:
    """An in-process event bus; see the module docstring for its delivery rules.

    ``failure_fact(handler_name, message_type, exception)`` builds the fact published when a
    handler raises (the app passes one that makes ``HandlerFailed``); without it, failures are only
    traced and logged.
    """

    def __init__(
        self,
        *,
        max_workers: int = 4,
        failure_fact: Callable[[str, str, BaseException], Any] | None = None,
    ) -> None:
        self._owner = threading.get_ident()
        self._subs: list[Subscription] = []
        self._cache: dict[type, tuple[Subscription, ...]] = {}
        self._taps: tuple[Tap, ...] = ()
        self._trace: list[tuple[Any, ...]] | None = None
        self._queue: deque[Envelope] = deque()
        self._inbox: deque[tuple[Any, ...]] = deque()
        self._dispatching = False
        self._wake_scheduled = False
        self._wake_lock = threading.Lock()
        self._idle = threading.Event()
        self._waker: Callable[[], None] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._max_workers = max_workers
        self._inflight = 0
        self._closed = False
        self._failure_fact = failure_fact
        self._step_hooks: tuple[Callable[[], None], ...] = ()
        self._slice = 256
        self._delivered = Delivered(self)
        self.published = 0

    # -- subscription -------------------------------------------------------------------------

    def subscribe(
        self,
        event_type: type,
        handler: Handler,
        *,
        name: str | None = None,
        mode: Literal["sync", "async"] | None = None,
    ) -> Subscription:
        """Call ``handler(envelope)`` for every message that is an instance of ``event_type``.

        ``mode="async"`` (implied for ``async def`` handlers) runs it on the worker pool.
        """
        if not isinstance(event_type, type):
            raise TypeError(f"event_type must be a class, not {event_type!r}")
        if not callable(handler):
            raise TypeError(f"handler must be callable, not {handler!r}")
        is_async = mode == "async" or _is_coroutine_function(handler)
        label = "".join(c if c.isprintable() else "?" for c in name or _handler_name(handler))
        # Handler names become the ``source`` of their facts, which the mapper caps at 80.
        sub = Subscription(self, event_type, handler, label[:80], is_async)
        self._subs.append(sub)
        self._cache.clear()
        return sub

    def unsubscribe(self, subscription: Subscription) -> None:
        """Stop delivering to ``subscription`` (also mid-dispatch); unknown ones are ignored."""
        subscription.active = False
        if subscription in self._subs:
            self._subs.remove(subscription)
            self._cache.clear()

    def tap(self, listener: Tap) -> Callable[[], None]:
        """Call ``listener(batch)`` with the stage records of every run-to-completion step.

        The batch comes on the owner thread, after the step's messages reached all their sync
        handlers. Returns a function that removes the tap.
        """
        self._taps = (*self._taps, listener)
        if self._trace is None:
            self._trace = []

        def remove() -> None:
            self._taps = tuple(t for t in self._taps if t is not listener)

        return remove

    def subscribers(self, event_type: type) -> tuple[Subscription, ...]:
        subs = self._cache.get(event_type)
        if subs is None:
            mro = event_type.__mro__
            subs = tuple(s for s in self._subs if s.event_type in mro)
            self._cache[event_type] = subs
        return subs

    # -- threads ------------------------------------------------------------------------------

    def bind_to_current_thread(self) -> None:
        """Make the calling thread the bus's owner thread."""
        self._owner = threading.get_ident()

    def set_waker(self, waker: Callable[[], None] | None) -> None:
        """``waker()`` is called from any thread when the owner should call ``process_pending``."""
        self._waker = waker

    def _wake(self) -> None:
        with self._wake_lock:
            if self._wake_scheduled:
                return
            self._wake_scheduled = True
        self._idle.set()
        waker = self._waker
        if waker is not None:
            waker()

    def process_pending(self, budget_ms: float = 8.0) -> int:
        """Deliver what other threads published or finished; call on the owner thread.

        One call is one run-to-completion step over a slice of the inbox: never past what was
        there when it started, and sized so that the whole step (handlers, step-end hooks such
        as the cart handler's commit, and the facts' consumers) takes about ``budget_ms``: the
        slice halves after a step that ran over and doubles after one well under it. If more is
        waiting, it asks the waker for another turn and returns, so the owner's event loop
        (timers, painting, input) keeps running during a flood.
        """
        with self._wake_lock:
            self._wake_scheduled = False
        inbox = self._inbox
        if not inbox or self._dispatching:
            return 0
        done = 0
        limit = self._slice
        todo = min(len(inbox), limit)
        started = time.perf_counter()
        budget = budget_ms / 1000.0
        deadline = started + budget
        self._dispatching = True
        try:
            while done < todo:
                item = inbox.popleft()
                done += 1
                if item[0] is None:
                    self.published += 1
                    self._queue.append(item[1])
                else:
                    self._finish_async(*item)
                if len(self._queue) >= 64:
                    self._run_queue()
                    if time.perf_counter() > deadline:
                        break
            self._run_queue()
            if self._step_hooks:
                self._end_step()
        finally:
            self._dispatching = False
        self._flush()
        took = time.perf_counter() - started
        if took > budget:
            self._slice = max(_MIN_SLICE, limit // 2)
        elif took < budget / 2 and done >= limit:
            self._slice = min(_MAX_SLICE, limit * 2)
        if inbox:
            self._wake()
        return done

    def on_step_end(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Call ``hook()`` on the owner thread at the end of every run-to-completion step (after
        the step's queue ran dry, before taps get its batch). Messages it publishes or releases
        are delivered in the same step. Returns a function that removes the hook."""
        self._step_hooks = (*self._step_hooks, hook)

        def remove() -> None:
            self._step_hooks = tuple(h for h in self._step_hooks if h is not hook)

        return remove

    def _end_step(self) -> None:
        for _ in range(1000):
            for hook in self._step_hooks:
                try:
                    hook()
                except Exception:
                    log.exception("step hook %r failed", hook)
            if not self._queue:
                return
            self._run_queue()

    def _hold(self, env: Envelope) -> None:
        env._pending += 1
        self._inflight += 1

    def release(
        self,
        env: Envelope,
        results: Iterable[Any] | None = None,
        *,
        handler: str,
        error: BaseException | None = None,
        started_ns: int | None = None,
    ) -> None:
        """Finish a message a handler deferred (it returned ``DEFERRED``); owner thread only.

        ``results`` are published as facts caused by ``env`` (messages or ``child_envelope``s);
        with ``error`` the handler's stage is ``failed`` and a ``HandlerFailed`` follows.
        """
        now = time.perf_counter_ns()
        self._finish_async_like(
            handler, env, list(results) if results else None, error, started_ns or now, now
        )
        if not self._dispatching:
            self._dispatching = True
            try:
                self._run_queue()
                if self._step_hooks:
                    self._end_step()
            finally:
                self._dispatching = False
            self._flush()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """On the owner thread: deliver until no message is queued or in flight, or time out."""
        deadline = time.monotonic() + timeout
        while True:
            self._idle.clear()
            self.process_pending()
            if not self._inflight and not self._inbox and not self._queue:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._idle.wait(min(left, 0.05))

    @property
    def idle(self) -> bool:
        return not (self._inflight or self._inbox or self._queue)

    def close(self) -> None:
        """Stop the worker pool; later async deliveries fail with a ``failed`` stage.

        Waits for running async handlers. Deliveries still queued in the pool are not cancelled
        (a cancelled one would never be consumed and the bus never idle again): they fail at
        once with "the bus is closed", like those submitted after closing.
        """
        self._closed = True
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    # -- publishing ---------------------------------------------------------------------------

    def publish(
        self,
        event: Any,
        *,
        source: str = "app",
        correlation_id: str | None = None,
        causation_id: str | None = None,
    ) -> Envelope:
        """Publish ``event`` from ``source``; returns its envelope. Safe from any thread."""
        env = Envelope(
            event, next_seq(), correlation_id, causation_id, source, time.perf_counter_ns()
        )
        env._sent = self  # a new envelope: nothing to check
        return self._deliver(env)

    def publish_envelope(self, env: Envelope) -> Envelope:
        """Publish a ready-made envelope (replay, import); same rules as ``publish``.

        Raises ``DuplicateEnvelopeError`` (and delivers nothing) if this bus delivered the
        envelope, or one with its id, before.
        """
        if not self._delivered.claim(env):
            raise DuplicateEnvelopeError(env)
        return self._deliver(env)

    def _deliver(self, env: Envelope) -> Envelope:
        if threading.get_ident() != self._owner:
            self._inbox.append((None, env))
            self._wake()
            return env
        self.published += 1
        if self._dispatching:
            self._queue.append(env)
            return env
        self._dispatching = True
        try:
            self._dispatch(env)
            if self._queue:
                self._run_queue()
            if self._step_hooks:
                self._end_step()
        finally:
            self._dispatching = False
        if self._taps:
            self._flush()
        if self._inbox:
            # A nested event loop inside a handler (a modal dialog) may have asked for
            # process_pending while we were dispatching; deliver what it could not.
            self.process_pending()
        return env

    @staticmethod
    def child_envelope(event: Any, parent: Envelope, source: str) -> Envelope:
        """The envelope a handler's result gets: same correlation, caused by ``parent``.

        A handler that must know its facts' ids before returning them (to persist them first)
        builds them with this and returns the envelopes; the bus publishes them as they are.
        """
        return Envelope(
            event,
            next_seq(),
            parent.correlation_id,
            parent.event_id,
            source,
            time.perf_counter_ns(),
        )

    def _child(self, event: Any, parent: Envelope, source: str) -> None:
        if type(event) is Envelope:
            env = event
            self._delivered.mark(env)
        else:
            env = self.child_envelope(event, parent, source)
            env._sent = self
        env._parent = parent
        parent._pending += 1
        self.published += 1
        self._queue.append(env)

    def _flush(self) -> None:
        trace = self._trace
        if not trace:
            return
        self._trace = []
        batch = TraceBatch(trace)
        for tap in self._taps:
            try:
                tap(batch)
            except Exception:
                log.exception("stage tap %r failed", tap)

    # -- delivery -----------------------------------------------------------------------------

    def _run_queue(self) -> None:
        queue = self._queue
        dispatch = self._dispatch
        while queue:
            dispatch(queue.popleft())

    def _dispatch(self, env: Envelope) -> None:
        event_type = type(env.event)
        subs = self._cache.get(event_type)
        if subs is None:
            subs = self.subscribers(event_type)
        clock = time.perf_counter_ns
        trace = self._trace if self._taps else None
        if trace is None:
            for sub in subs:
                if sub.is_async or not sub.active:
                    if sub.active:
                        self._submit(sub, env)
                    continue
                try:
                    out = sub.fn(env)
                except Exception as exc:
                    self._failed(sub.name, env, exc)
                    continue
                if out:
                    if type(out) is not list:
                        if out is DEFERRED:
                            self._hold(env)
                            continue
                        try:
                            out = list(out)  # a generator runs (and may raise) here
                        except Exception as exc:
                            self._failed(sub.name, env, exc)
                            continue
                    again = self._delivered.first_seen(out)
                    if again is not None:
                        self._failed(sub.name, env, DuplicateEnvelopeError(again))
                        continue
                    for message in out:
                        self._child(message, env, sub.name)
            self._release(env)
            return
        times = [clock()]
        mark = times.append
        errors: dict[int, Any] | None = None
        for sub in subs:
            if sub.is_async or not sub.active:
                if sub.active:
                    self._submit(sub, env)
                else:
                    errors = errors or {}
                    errors[len(times) - 1] = SKIPPED
                mark(clock())
                continue
            try:
                out = sub.fn(env)
            except Exception as exc:
                errors = self._traced_failure(sub.name, env, exc, times, errors)
                continue
            if out:
                if type(out) is not list:
                    if out is DEFERRED:
                        self._hold(env)
                        errors = errors or {}
                        errors[len(times) - 1] = HELD
                        mark(clock())
                        continue
                    try:
                        out = list(out)
                    except Exception as exc:
                        errors = self._traced_failure(sub.name, env, exc, times, errors)
                        continue
                again = self._delivered.first_seen(out)
                if again is not None:
                    duplicate = DuplicateEnvelopeError(again)
                    errors = self._traced_failure(sub.name, env, duplicate, times, errors)
                    continue
                mark(clock())
                for message in out:
                    self._child(message, env, sub.name)
            else:
                mark(clock())
        trace.append((DISPATCH, env, subs, times, errors))
        self._release(env, consumed=bool(subs))

    def _release(self, env: Envelope, *, consumed: bool = True) -> None:
        """One piece of ``env``'s work is done; at zero it is consumed (a dropped one is not)."""
        while True:
            env._pending -= 1
            if env._pending:
                return
            trace = self._trace
            if consumed and trace is not None and self._taps:
                trace.append((CONSUMED_ENTRY, env, time.perf_counter_ns()))
            consumed = True
            parent = env._parent
            if parent is None:
                return
            env._parent = None
            env = parent

    def _traced_failure(
        self,
        name: str,
        env: Envelope,
        exc: BaseException,
        times: list[int],
        errors: dict[int, Any] | None,
    ) -> dict[int, Any]:
        """Close the failed handler's time slot, note its error, publish the failure."""
        times.append(time.perf_counter_ns())
        errors = errors or {}
        errors[len(times) - 2] = f"{type(exc).__name__}: {exc}"
        self._failed(name, env, exc)
        return errors

    def _failed(self, name: str, env: Envelope, exc: BaseException) -> None:
        log.error("handler %s failed on %s", name, env.event_type, exc_info=exc)
        if self._failure_fact is None or type(env.event).__name__ == "HandlerFailed":
            return
        try:
            fact = self._failure_fact(name, env.event_type, exc)
        except Exception:
            log.exception("could not build the failure fact for %s", name)
            return
        self._child(fact, env, "bus")

    # -- async handlers -----------------------------------------------------------------------

    def _submit(self, sub: Subscription, env: Envelope) -> None:
        env._pending += 1
        self._inflight += 1
        if self._closed:
            self._inbox.append((sub, env, None, RuntimeError("the bus is closed"), 0, 0))
            self._wake()
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self._max_workers, thread_name_prefix="cartapp-bus")
        self._executor.submit(self._run_async, sub, env)

    def _run_async(self, sub: Subscription, env: Envelope) -> None:
        t0 = time.perf_counter_ns()
        result: list[Any] | None = None
        error: BaseException | None = None
        try:
            if self._closed:
                raise RuntimeError("the bus is closed")
            out = sub.fn(env)
            if hasattr(out, "__await__"):
                import asyncio  # only async def handlers need it; it costs 60 ms to import

                out = asyncio.run(_await(out))
            result = list(out) if out else None
        except BaseException as exc:  # even SystemExit/CancelledError: the message must finish
            error = exc
        finally:
            t1 = time.perf_counter_ns()
            self._inbox.append((sub, env, result, error, t0, t1))
            self._wake()

    def _finish_async(
        self,
        sub: Subscription,
        env: Envelope,
        result: list[Any] | None,
        error: BaseException | None,
        t0: int,
        t1: int,
    ) -> None:
        self._finish_async_like(sub.name, env, result if sub.active else None, error, t0, t1)

    def _finish_async_like(
        self,
        name: str,
        env: Envelope,
        result: list[Any] | None,
        error: BaseException | None,
        t0: int,
        t1: int,
    ) -> None:
        """A handler's late result (async, or released after ``DEFERRED``) on the owner thread."""
        self._inflight -= 1
        trace = self._trace if self._taps else None
        if error is None and result:
            again = self._delivered.first_seen(result)
            if again is not None:
                error = DuplicateEnvelopeError(again)
        if error is not None:
            if trace is not None:
                text = f"{type(error).__name__}: {error}"
                trace.append((ASYNC_DONE, env, name, t0, t1, text))
            self._failed(name, env, error)
        else:
            if trace is not None:
                trace.append((ASYNC_DONE, env, name, t0, t1, None))
            if result:
                for message in result:
                    self._child(message, env, name)
        self._release(env)


async def _await(awaitable: Any) -> Any:
    return await awaitable
