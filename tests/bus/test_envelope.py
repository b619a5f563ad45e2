"""Envelopes: unique ids, correlation defaults, and ``Envelope.new`` keeping what it is given."""

from __future__ import annotations

import threading
import time

import hypothesis.strategies as st
from hypothesis import given, settings

from cartapp.bus import Envelope, EventBus
from cartapp.bus.envelope import PROCESS_PREFIX
from cartapp.domain.events import AddItem, ClearCart, Fact

__all__: list[str] = []


class Pong(Fact):
    n: int = 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["publish", "new", "child", "new-with-id"]), max_size=60))
def test_envelope_ids_are_unique(actions: list[str]) -> None:
    bus = EventBus()
    parent = bus.publish(ClearCart())
    ids = [parent.event_id]
    for i, action in enumerate(actions):
        if action == "publish":
            env = bus.publish(Pong(n=i))
        elif action == "new":
            env = Envelope.new(Pong(n=i))
        elif action == "child":
            env = EventBus.child_envelope(Pong(n=i), parent, "test")
        else:
            env = Envelope.new(Pong(n=i), event_id=f"imported-{i}")
        ids.append(env.event_id)
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(PROCESS_PREFIX) or i.startswith("imported-") for i in ids)


def test_envelope_ids_are_unique_across_threads() -> None:
    per_thread: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        for _ in range(5_000):
            out.append(Envelope.new(None).event_id)

    threads = [threading.Thread(target=make, args=(out,)) for out in per_thread]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [i for out in per_thread for i in out]
    assert len(set(everything)) == 20_000


def test_a_root_message_correlates_with_itself() -> None:
    env = Envelope.new(ClearCart(), source="ui")
    assert env.correlation_id == env.event_id
    assert env.causation_id is None
    assert env.source == "ui"
    assert env.event_type == "ClearCart"


def test_envelope_new_keeps_given_ids_and_time() -> None:
    env = Envelope.new(
        ClearCart(),
        source="import",
        event_id="evt-1",
        correlation_id="corr-1",
        causation_id="cause-1",
        timestamp=1_700_000_000.25,
    )
    assert env.event_id == "evt-1"
    assert env.correlation_id == "corr-1"
    assert env.causation_id == "cause-1"
    assert env.source == "import"
    assert env.timestamp == 1_700_000_000.25
    assert "evt-1" in repr(env) and "corr-1" in repr(env)


def test_timestamps_are_wall_clock_seconds() -> None:
    before = time.time()
    env = Envelope.new(ClearCart())
    after = time.time()
    assert before - 0.5 <= env.timestamp <= after + 0.5
    assert env.created_ns <= time.perf_counter_ns()


def test_child_envelopes_carry_correlation_and_causation() -> None:
    root = Envelope.new(ClearCart(), correlation_id="corr-9", event_id="root-1")
    child = EventBus.child_envelope(Pong(), root, "CartHandler")
    grandchild = EventBus.child_envelope(Pong(), child, "view")
    assert child.correlation_id == grandchild.correlation_id == "corr-9"
    assert child.causation_id == "root-1"
    assert grandchild.causation_id == child.event_id
    assert child.source == "CartHandler"


def test_a_stored_envelope_is_one_made_by_new_with_the_same_ids_and_time() -> None:
    """``Envelope.stored`` (replay's positional constructor) sets every field ``new`` does."""
    event = AddItem(item_id="espresso-beans", quantity=2)
    given = ("e-1", "c-1", "c-1", "ui", 1700000000.25)
    made = Envelope.new(
        event,
        event_id=given[0],
        correlation_id=given[1],
        causation_id=given[2],
        source=given[3],
        timestamp=given[4],
    )
    stored = Envelope.stored(event, *given)
    for name in Envelope.__slots__:
        if name in ("seq", "created_ns"):  # a counter and a clock, read after new's
            assert getattr(stored, name) >= getattr(made, name), name
        else:
            assert getattr(stored, name) == getattr(made, name), name
