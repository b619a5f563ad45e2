"""Subscribing: by exact type, by base class, to everything; unsubscribing, also mid-dispatch."""

from __future__ import annotations

import pytest

from cartapp.bus import Envelope, EventBus
from cartapp.domain.events import Command, Fact, Message

__all__: list[str] = []


class Ping(Command):
    n: int = 0


class LoudPing(Ping):
    pass


class Pong(Fact):
    n: int = 0


def collect(bus: EventBus, event_type: type, into: list[str], tag: str) -> None:
    bus.subscribe(event_type, lambda env: into.append(f"{tag}:{env.event_type}"), name=tag)


def test_exact_type_base_class_and_everything(bus: EventBus) -> None:
    got: list[str] = []
    collect(bus, Ping, got, "ping")
    collect(bus, LoudPing, got, "loud")
    collect(bus, Command, got, "command")
    collect(bus, Message, got, "message")
    collect(bus, object, got, "all")
    collect(bus, Pong, got, "pong")

    bus.publish(Ping())
    assert got == ["ping:Ping", "command:Ping", "message:Ping", "all:Ping"]

    got.clear()
    bus.publish(LoudPing())
    assert got == [  # subscription order, not specificity
        "ping:LoudPing",
        "loud:LoudPing",
        "command:LoudPing",
        "message:LoudPing",
        "all:LoudPing",
    ]

    got.clear()
    bus.publish(Pong())
    assert got == ["message:Pong", "all:Pong", "pong:Pong"]

    got.clear()
    bus.publish("just a string")
    assert got == ["all:str"]


def test_subscribers_lists_matches_in_subscription_order(bus: EventBus) -> None:
    a = bus.subscribe(object, lambda env: None, name="a")
    b = bus.subscribe(Pong, lambda env: None, name="b")
    c = bus.subscribe(Ping, lambda env: None, name="c")
    assert bus.subscribers(Pong) == (a, b)
    assert bus.subscribers(LoudPing) == (a, c)
    assert bus.subscribers(int) == (a,)


def test_handler_gets_the_envelope(bus: EventBus) -> None:
    got: list[Envelope] = []
    bus.subscribe(Ping, got.append)
    env = bus.publish(Ping(n=7), source="ui")
    assert got == [env]
    assert got[0].event == Ping(n=7)
    assert got[0].source == "ui"


def test_subscription_names(bus: EventBus) -> None:
    class Shelf:
        def on_ping(self, env: Envelope) -> None:
            pass

    def free_function(env: Envelope) -> None:
        pass

    assert bus.subscribe(Ping, free_function).name.endswith("free_function")
    assert bus.subscribe(Ping, Shelf().on_ping).name.endswith("Shelf.on_ping")
    assert bus.subscribe(Ping, free_function, name="given").name == "given"
    assert "Ping -> given, sync" in repr(bus.subscribers(Ping)[-1])


def test_subscribe_rejects_what_is_not_a_type_or_not_callable(bus: EventBus) -> None:
    with pytest.raises(TypeError, match="event_type must be a class"):
        bus.subscribe(Ping(), lambda env: None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="handler must be callable"):
        bus.subscribe(Ping, "not callable")  # type: ignore[arg-type]


def test_unsubscribe(bus: EventBus) -> None:
    got: list[int] = []
    sub = bus.subscribe(Ping, lambda env: got.append(env.event.n))
    bus.publish(Ping(n=1))
    sub.cancel()
    bus.publish(Ping(n=2))
    bus.unsubscribe(sub)  # a second time is harmless
    assert got == [1]
    assert bus.subscribers(Ping) == ()
    assert not sub.active


def test_unsubscribe_a_later_handler_during_dispatch(bus: EventBus) -> None:
    got: list[str] = []

    def first(env: Envelope) -> None:
        got.append("first")
        later.cancel()

    bus.subscribe(Ping, first)
    later = bus.subscribe(Ping, lambda env: got.append("later"))
    bus.publish(Ping())
    bus.publish(Ping())
    assert got == ["first", "first"]  # cancelled before its turn: not called for this message


def test_unsubscribe_itself_during_dispatch(bus: EventBus) -> None:
    got: list[str] = []

    def once(env: Envelope) -> None:
        got.append("once")
        own.cancel()

    own = bus.subscribe(Ping, once)
    bus.subscribe(Ping, lambda env: got.append("other"))
    bus.publish(Ping())
    bus.publish(Ping())
    assert got == ["once", "other", "other"]


def test_subscribe_during_dispatch_applies_to_the_next_message(bus: EventBus) -> None:
    got: list[str] = []

    def adder(env: Envelope) -> None:
        got.append(f"adder:{env.event.n}")
        if env.event.n == 1:
            bus.subscribe(Ping, lambda e: got.append(f"new:{e.event.n}"))

    bus.subscribe(Ping, adder)
    bus.publish(Ping(n=1))
    bus.publish(Ping(n=2))
    assert got == ["adder:1", "adder:2", "new:2"]
