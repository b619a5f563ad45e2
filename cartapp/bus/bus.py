"""``EventBus``: publish/subscribe with envelopes and run-to-completion delivery.

Behaviour, spelled out:

- **Thread.** The bus belongs to the thread that created it (``bind_to_current_thread`` moves it).
  Sync and step handlers and taps always run on that thread. ``publish`` may be called from any
  thread: from another thread the envelope goes into the inbox (``cartapp.bus.inbox``) and the
  bus's *waker* is called once (coalesced) to ask the owner thread to call ``process_pending()``.
  The Qt bridge installs a waker that posts to the GUI thread; without one, ``wait_idle()`` on
  the owner thread does the work.
- **Order.** Messages are delivered in FIFO order of publication (per publishing thread).
  Handlers of one message run in subscription order.
- **Re-entrance.** A message published while a handler runs is queued and delivered after the
  current message has reached all its handlers: run-to-completion, never nested.
- **Steps.** A *step* is one call of ``publish`` on the owner thread (a click), or one slice of
  the inbox in ``process_pending``, with everything the step's messages cause. Step handlers
  (``mode="step"``, ``cartapp.bus.steps``) get the step's messages of their type together when
  its queue has run dry; the facts they return are delivered in the same step. Taps get the
  step's stage records as one batch at its end (``cartapp.bus.tracing``).
- **Failures.** An exception in a handler is caught; the other handlers still run, a ``failed``
  stage record is emitted and a ``HandlerFailed`` fact is published (not for a failure while
  handling ``HandlerFailed`` itself, which would loop). A step handler that raises fails every
  message it was given. Exceptions in taps are logged and ignored.
- **Results.** A handler may return an iterable of messages (or of envelopes made with
  ``child_envelope``); they are published as facts caused by the message it handled (same
  correlation id, causation id = that message's id, source = handler). Results are all or
  nothing: a generator handler that raises part-way, or a result that is not iterable, counts as
  a failure and none of its messages are published.
- **At most once.** An envelope is delivered at most once (to each subscriber, and so at all): a
  handler whose results hold an envelope this bus already delivered fails with
  ``DuplicateEnvelopeError`` and none of its results are published; ``publish_envelope`` raises
  it to its caller. What is remembered, and for how long, is in ``cartapp.bus.delivered``.
- **Async handlers** (``mode="async"``, or an ``async def`` function) run on a worker pool
  (``cartapp.bus.workers``); what they return is published back on the owner thread, and their
  message is ``consumed`` only after that.
- **Subscription** matches the exact type, any base class of it, or everything (``object``)
  (``cartapp.bus.registry``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from cartapp.bus.delivered import Delivered, DuplicateEnvelopeError
from cartapp.bus.envelope import Envelope, next_seq
from cartapp.bus.inbox import Inbox
from cartapp.bus.registry import Handler, Mode, Registry, StepHandler, Subscription
from cartapp.bus.stages import ASYNC_DONE, CONSUMED_ENTRY, DISPATCH, HELD, SKIPPED
from cartapp.bus.steps import Steps
from cartapp.bus.tracing import Tap, Tracer
from cartapp.bus.workers import WorkerPool
from cartapp.domain.names import BUS_SOURCE, HANDLER_FAILED

if TYPE_CHECKING:
    from cartapp.bus.inbox import Finished
    from cartapp.bus.steps import Held

__all__ = ["EventBus", "Handler", "StepHandler", "Subscription", "Tap"]

log = logging.getLogger(__name__)

_MAX_ROUNDS = 1000
"""Step-handler rounds in one step at most (a handler whose facts cause commands for ever)."""


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
        self._registry = Registry()
        self._cache = self._registry.cache
        self._tracer = Tracer()
        self._inbox = Inbox()
        self._waiting = self._inbox.items
        self._workers = WorkerPool(self._inbox, max_workers)
        self._steps = Steps()
        self._queue: deque[Envelope] = deque()
        self._dispatching = False
        self._inflight = 0
        self._failure_fact = failure_fact
        self._delivered = Delivered(self)
        self.published = 0

    # -- subscription -------------------------------------------------------------------------

    def subscribe(
        self,
        event_type: type,
        handler: Handler | StepHandler,
        *,
        name: str | None = None,
        mode: Mode | None = None,
    ) -> Subscription:
        """Deliver every message that is an instance of ``event_type`` to ``handler``.

        ``mode`` (see ``cartapp.bus.registry``): "sync" (the default), "async" (implied for
        ``async def`` handlers: the worker pool) or "step" (``handler(envelopes)`` once per step).
        """
        return self._registry.add(event_type, handler, name, mode)

    def unsubscribe(self, subscription: Subscription) -> None:
        """Stop delivering to ``subscription`` (also mid-dispatch); unknown ones are ignored."""
        self._registry.remove(subscription)

    def subscribers(self, event_type: type) -> tuple[Subscription, ...]:
        return self._registry.subscribers(event_type)

    def tap(self, listener: Tap) -> Callable[[], None]:
        """Call ``listener(batch)`` with the stage records of every run-to-completion step.

        The batch comes on the owner thread, after the step's messages reached all their
        handlers. Returns a function that removes the tap.
        """
        return self._tracer.tap(listener)

    # -- threads ------------------------------------------------------------------------------

    def bind_to_current_thread(self) -> None:
        """Make the calling thread the bus's owner thread."""
        self._owner = threading.get_ident()

    def set_waker(self, waker: Callable[[], None] | None) -> None:
        """``waker()`` is called from any thread when the owner should call ``process_pending``."""
        self._inbox.waker = waker

    def process_pending(self, budget_ms: float = 8.0) -> int:
        """Deliver what other threads published or finished; call on the owner thread.

        One call is one run-to-completion step over a slice of the inbox: never past what was
        there when it started, and sized so that the whole step (handlers, step handlers such
        as the cart service's commit, and the facts' consumers) takes about ``budget_ms``: the
        slice halves after a step that ran over and doubles after one well under it. If more is
        waiting, it asks the waker for another turn and returns, so the owner's event loop
        (timers, painting, input) keeps running during a flood.
        """
        inbox = self._inbox
        inbox.woken()
        waiting = self._waiting
        if not waiting or self._dispatching:
            return 0
        done = 0
        limit = inbox.slice
        todo = min(len(waiting), limit)
        started = time.perf_counter()
        budget = budget_ms / 1000.0
        deadline = started + budget
        self._dispatching = True
        try:
            take = waiting.popleft
            while done < todo:
                item = take()
                done += 1
                if type(item) is Envelope:
                    self.published += 1
                    self._queue.append(item)
                else:
                    self._finish_async(item)  # type: ignore[arg-type]
                if len(self._queue) >= 64:
                    self._run_queue()
                    if time.perf_counter() > deadline:
                        break
            self._run_step()
        finally:
            self._dispatching = False
        self._tracer.flush()
        inbox.adapt(time.perf_counter() - started, budget, done, limit)
        if waiting:
            inbox.wake()
        return done

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """On the owner thread: deliver until no message is queued or in flight, or time out."""
        deadline = time.monotonic() + timeout
        while True:
            self.process_pending()
            if self.idle:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._inbox.wait(min(left, 0.05))

    @property
    def backlog(self) -> int:
        """How many items other threads left in the inbox (not delivered yet)."""
        return len(self._waiting)

    @property
    def idle(self) -> bool:
        return not (self._inflight or self._waiting or self._queue)

    def close(self) -> None:
        """Stop the worker pool; later async deliveries fail with a ``failed`` stage.

        Waits for running async handlers. Deliveries still queued in the pool are not cancelled
        (a cancelled one would never be consumed and the bus never idle again): they fail at
        once with "the bus is closed", like those submitted after closing.
        """
        self._workers.close()

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
            self._inbox.put(env)
            return env
        self.published += 1
        if self._dispatching:
            self._queue.append(env)
            return env
        self._dispatching = True
        try:
            self._dispatch(env)
            if self._queue or self._steps:
                self._run_step()
        finally:
            self._dispatching = False
        if self._tracer.on:
            self._tracer.flush()
        if self._waiting:
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
            env.published_ns = time.perf_counter_ns()  # built (decided) earlier: generated now
        else:
            env = self.child_envelope(event, parent, source)
            env._sent = self
        env._parent = parent
        parent._pending += 1
        self.published += 1
        self._queue.append(env)

    # -- delivery -----------------------------------------------------------------------------

    def _run_step(self) -> None:
        """Run the queue dry, then the step handlers, until nothing is queued or held."""
        self._run_queue()
        steps = self._steps
        rounds = 0
        while steps and rounds < _MAX_ROUNDS:
            rounds += 1
            for sub, held in steps.take():
                self._call_step(sub, held)
            self._run_queue()

    def _run_queue(self) -> None:
        queue = self._queue
        dispatch = self._dispatch
        while queue:
            dispatch(queue.popleft())

    def _dispatch(self, env: Envelope) -> None:
        """Deliver ``env`` to each subscriber in turn (one loop, traced or not)."""
        event_type = type(env.event)
        subs = self._cache.get(event_type)
        if subs is None:
            subs = self._registry.subscribers(event_type)
        tracer = self._tracer
        clock = time.perf_counter_ns
        times = [clock()] if tracer.on else None
        errors: dict[int, Any] | None = None
        for sub in subs:
            out: Any
            note: Any
            if sub.is_sync and sub.active:
                try:
                    out = sub.fn(env)
                    if out:
                        out = self._results(out)
                except Exception as exc:
                    out, note = None, exc
                else:
                    note = None
            else:
                out, note = None, self._later(sub, env)
            if times is not None:
                times.append(clock())
                if note is not None:
                    errors = errors or {}
                    if isinstance(note, Exception):
                        note_text: Any = f"{type(note).__name__}: {note}"
                    else:
                        note_text = note
                    errors[len(times) - 2] = note_text
            if note is not None:
                if isinstance(note, Exception):
                    self._failed(sub.name, env, note)
            elif out:
                for message in out:
                    self._child(message, env, sub.name)
        if times is not None:
            tracer.entries.append((DISPATCH, env, subs, times, errors))
        self._release(env, bool(subs))

    def _results(self, out: Any) -> list[Any]:
        """A sync handler's results as a list; raises if they cannot be published."""
        if type(out) is not list:
            out = list(out)  # a generator runs (and may raise) here
        again = self._delivered.first_seen(out)
        if again is not None:
            raise DuplicateEnvelopeError(again)
        return out  # type: ignore[no-any-return]

    def _later(self, sub: Subscription, env: Envelope) -> object:
        """A subscriber not called now: skipped (unsubscribed), held (step) or submitted (async).
        Returns the trace note of its slot (None for an async one)."""
        if not sub.active:
            return SKIPPED
        env._pending += 1
        self._inflight += 1
        if sub.is_step:
            self._steps.hold(sub, env)
            return HELD
        self._workers.submit(sub, env)
        return None

    def _call_step(self, sub: Subscription, held: Held) -> None:
        """Give a step handler its held messages; finish each with its result or the error."""
        envelopes = [env for env, _ in held]
        results: list[list[Any] | None] = [None] * len(held)
        error: BaseException | None = None
        if sub.active:
            try:
                out = list(sub.fn(envelopes))
                if len(out) != len(envelopes):
                    raise TypeError(
                        f"{sub.name} returned {len(out)} results for {len(envelopes)} messages"
                    )
                results = [list(r) if r else None for r in out]
            except Exception as exc:
                error = exc
        done = time.perf_counter_ns()
        for (env, started), result in zip(held, results, strict=True):
            self._finish_late(sub.name, env, result, error, started, done)

    def _release(self, env: Envelope, consumed: bool = True) -> None:
        """One piece of ``env``'s work is done; at zero it is consumed (a dropped one is not)."""
        while True:
            env._pending -= 1
            if env._pending:
                return
            if consumed and self._tracer.on:
                self._tracer.entries.append((CONSUMED_ENTRY, env, time.perf_counter_ns()))
            consumed = True
            parent = env._parent
            if parent is None:
                return
            env._parent = None
            env = parent

    def _failed(self, name: str, env: Envelope, exc: BaseException) -> None:
        log.error("handler %s failed on %s", name, env.event_type, exc_info=exc)
        if self._failure_fact is None or type(env.event).__name__ == HANDLER_FAILED:
            return
        try:
            fact = self._failure_fact(name, env.event_type, exc)
        except Exception:
            log.exception("could not build the failure fact for %s", name)
            return
        self._child(fact, env, BUS_SOURCE)

    # -- late outcomes (async handlers, step handlers) ----------------------------------------

    def _finish_async(self, item: Finished) -> None:
        sub = item.subscription
        result = item.result if sub.active else None
        self._finish_late(sub.name, item.envelope, result, item.error, item.t0, item.t1)

    def _finish_late(
        self,
        name: str,
        env: Envelope,
        result: Sequence[Any] | None,
        error: BaseException | None,
        t0: int,
        t1: int,
    ) -> None:
        """A handler's outcome that came after its message's dispatch, on the owner thread."""
        self._inflight -= 1
        if error is None and result:
            again = self._delivered.first_seen(result)
            if again is not None:
                error = DuplicateEnvelopeError(again)
        if self._tracer.on:
            text = None if error is None else f"{type(error).__name__}: {error}"
            self._tracer.entries.append((ASYNC_DONE, env, name, t0, t1, text))
        if error is not None:
            self._failed(name, env, error)
        elif result:
            for message in result:
                self._child(message, env, name)
        self._release(env)
