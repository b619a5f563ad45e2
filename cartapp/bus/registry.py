"""``Registry``: who is subscribed to what, and the ``Subscription`` each subscriber holds.

A subscription matches its message type exactly, any subclass of it, or everything (``object``);
the subscribers of one type are looked up once and cached until the registry changes. Each
subscription has a *mode* that says how the bus calls it:

- ``"sync"``: ``fn(envelope)`` on the bus's owner thread, while the message is dispatched;
- ``"async"`` (implied for an ``async def`` function): ``fn(envelope)`` on the worker pool;
- ``"step"``: ``fn(envelopes)`` once at the end of the run-to-completion step, with every message
  of its type that the step delivered (see ``cartapp.bus.steps``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, Literal

from cartapp.bus.envelope import Envelope

__all__ = ["Handler", "Mode", "Registry", "StepHandler", "Subscription"]

Handler = Callable[[Envelope], Iterable[Any] | None]
"""A sync or async handler: what it returns is published as facts caused by its message."""

StepHandler = Callable[[Sequence[Envelope]], Sequence[Iterable[Any] | None]]
"""A step handler: one result (an iterable of messages, or None) per envelope, in order."""

Mode = Literal["sync", "async", "step"]

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

    __slots__ = (
        "_registry",
        "active",
        "event_type",
        "fn",
        "is_async",
        "is_step",
        "is_sync",
        "name",
    )

    def __init__(
        self, registry: Registry, event_type: type, fn: Callable[..., Any], name: str, mode: Mode
    ) -> None:
        self._registry = registry
        self.event_type = event_type
        self.fn = fn
        self.name = name
        self.is_sync = mode == "sync"
        self.is_async = mode == "async"
        self.is_step = mode == "step"
        self.active = True

    @property
    def mode(self) -> Mode:
        return "async" if self.is_async else "step" if self.is_step else "sync"

    def cancel(self) -> None:
        self._registry.remove(self)

    def __repr__(self) -> str:
        return f"Subscription({self.event_type.__name__} -> {self.name}, {self.mode})"


class Registry:
    """The subscriptions of one bus, in subscription order.

    ``cache`` maps a message type to its subscribers as last looked up; it is the same dict for
    the registry's whole life (cleared on every change), so a dispatcher may keep a reference.
    """

    __slots__ = ("_subs", "cache")

    def __init__(self) -> None:
        self._subs: list[Subscription] = []
        self.cache: dict[type, tuple[Subscription, ...]] = {}

    def add(
        self, event_type: type, fn: Callable[..., Any], name: str | None, mode: Mode | None
    ) -> Subscription:
        if not isinstance(event_type, type):
            raise TypeError(f"event_type must be a class, not {event_type!r}")
        if not callable(fn):
            raise TypeError(f"handler must be callable, not {fn!r}")
        if mode not in (None, "sync", "async", "step"):
            raise ValueError(f"mode must be 'sync', 'async' or 'step', not {mode!r}")
        if mode is None:
            mode = "async" if _is_coroutine_function(fn) else "sync"
        label = "".join(c if c.isprintable() else "?" for c in name or _handler_name(fn))
        # Handler names become the ``source`` of their facts, which the mapper caps at 80.
        sub = Subscription(self, event_type, fn, label[:80], mode)
        self._subs.append(sub)
        self.cache.clear()
        return sub

    def remove(self, subscription: Subscription) -> None:
        """Stop delivering to ``subscription`` (also mid-dispatch); unknown ones are ignored."""
        subscription.active = False
        if subscription in self._subs:
            self._subs.remove(subscription)
            self.cache.clear()

    def subscribers(self, event_type: type) -> tuple[Subscription, ...]:
        subs = self.cache.get(event_type)
        if subs is None:
            mro = event_type.__mro__
            subs = tuple(s for s in self._subs if s.event_type in mro)
            self.cache[event_type] = subs
        return subs
