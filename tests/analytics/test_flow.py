"""``FlowStats``: counts, the four stage probabilities, timings and the flow snapshot.

A hand-written story of stage rows first (every expected number worked out in comments), then
real traffic: a real ``EventBus`` with the ``CartHandler`` and a tap, checked against an
independent rescanning reference, and live statistics against statistics recomputed from the rows
after a trip through a serialised form (what the store keeps).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartapp.analytics import FlowReport, FlowStats, Ratio, TypeStats, stats_from_rows
from cartapp.bus.stages import StageRow
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    Command,
    Fact,
    RemoveItem,
    UpdateItem,
)

if TYPE_CHECKING:
    from conftest import TappedBus

__all__: list[str] = []

T0 = 1_700_000_000.0


def row(
    stage: str,
    eid: str,
    etype: str,
    *,
    kind: str = "command",
    source: str = "ui",
    handler: str | None = None,
    cause: str | None = None,
    ts: float = T0,
    duration: int = 0,
    latency: int = 0,
    error: str | None = None,
) -> StageRow:
    return StageRow(
        stage, eid, etype, kind, eid, cause, source, handler, ts, duration, latency, error
    )


def fact_rows(eid: str, etype: str, cause: str, source: str, ts: float) -> list[StageRow]:
    """A fact the "view" handler takes in 200 ns."""
    f: dict[str, Any] = {"kind": "fact", "source": source, "cause": cause, "ts": ts}
    return [
        row("generated", eid, etype, **f),
        row("transmitted", eid, etype, handler="view", latency=500, **f),
        row("handled", eid, etype, handler="view", duration=200, latency=700, **f),
        row("consumed", eid, etype, latency=900, **f),
    ]


def story() -> list[StageRow]:
    """Four UI commands: one accepted, one rejected, one whose handler fails, one dropped."""
    cart = "CartHandler"
    t1, t2, t3, t4 = T0 + 0.1, T0 + 0.5, T0 + 1.2, T0 + 2.5
    return [
        # c1 AddItem is accepted: ItemAdded follows.
        row("generated", "c1", "AddItem", ts=t1),
        row("transmitted", "c1", "AddItem", handler=cart, ts=t1, latency=1_000),
        row("handled", "c1", "AddItem", handler=cart, ts=t1, duration=10_000, latency=11_000),
        *fact_rows("f1", "ItemAdded", "c1", cart, t1),
        row("consumed", "c1", "AddItem", ts=t1, latency=12_000),
        # c2 AddItem is handled, but the answer is CommandRejected.
        row("generated", "c2", "AddItem", ts=t2),
        row("transmitted", "c2", "AddItem", handler=cart, ts=t2, latency=1_000),
        row("handled", "c2", "AddItem", handler=cart, ts=t2, duration=20_000, latency=21_000),
        *fact_rows("f2", "CommandRejected", "c2", cart, t2),
        row("consumed", "c2", "AddItem", ts=t2, latency=22_000),
        # c3 RemoveItem: the handler raises; the bus publishes HandlerFailed.
        row("generated", "c3", "RemoveItem", ts=t3),
        row("transmitted", "c3", "RemoveItem", handler=cart, ts=t3, latency=1_000),
        row("failed", "c3", "RemoveItem", handler=cart, ts=t3, duration=30_000, latency=31_000),
        *fact_rows("f3", "HandlerFailed", "c3", "bus", t3),
        row("consumed", "c3", "RemoveItem", ts=t3, latency=32_000),
        # c4 Checkout: nobody is subscribed, so it is dropped.
        row("generated", "c4", "Checkout", ts=t4),
        row("dropped", "c4", "Checkout", ts=t4, latency=300),
    ]


def test_the_story_by_hand() -> None:
    stats = stats_from_rows(story())
    r = stats.report()
    # Rows: 4 for each command with its fact's 4 (3 x 8), and 2 for the dropped Checkout.
    assert r.rows == 26
    # 7 messages: c1..c4 (commands) and f1..f3 (facts).
    # P(e): AddItem 2/7, RemoveItem 1/7, Checkout 1/7, each fact 1/7.
    add = r.type_stats("AddItem")
    assert add is not None
    assert add.p_e == Ratio(2, 7)
    # Both AddItems reached the handler and were handled: P(t|e) = 2/2, P(h|e) = 2/2; both
    # results reached the views (a CommandRejected is consumed too): P(c|h) = 2/2. One was
    # rejected, so acceptance is 1 accepted / 2 handled = 1/2.
    assert (add.p_t, add.p_h, add.p_c) == (Ratio(2, 2), Ratio(2, 2), Ratio(2, 2))
    assert add.rejected == 1 and add.consumed == 2 and add.accepted == 1
    assert add.p_a == Ratio(1, 2) and add.no_op == 0
    remove = r.type_stats("RemoveItem")
    assert remove is not None
    # Transmitted once, failed once: P(h|e) = 0/1; never handled, so P(c|h) has nothing: 0/0.
    assert (remove.p_t, remove.p_h, remove.p_c) == (Ratio(1, 1), Ratio(0, 1), Ratio(0, 0))
    assert remove.p_c.value is None and remove.failed == 1
    checkout = r.type_stats("Checkout")
    assert checkout is not None
    assert (checkout.p_t, checkout.dropped) == (Ratio(0, 1), 1)
    assert checkout.stages == (("generated", 1), ("dropped", 1))
    # Commands together: 4 generated, 3 transmitted (c4 dropped) -> 3/4; deliveries 3, handled 2
    # (c3 failed) -> 2/3; handled messages c1, c2, both consumed -> 2/2; accepted c1 -> 1/2.
    commands = r.type_stats("command")
    assert commands is not None
    assert (commands.p_e, commands.p_t, commands.p_h, commands.p_c, commands.p_a) == (
        Ratio(4, 7),
        Ratio(3, 4),
        Ratio(2, 3),
        Ratio(2, 2),
        Ratio(1, 2),
    )
    facts = r.type_stats("fact")
    assert facts is not None
    assert (facts.p_e, facts.p_t, facts.p_h, facts.p_c) == (
        Ratio(3, 7),
        Ratio(3, 3),
        Ratio(3, 3),
        Ratio(3, 3),
    )
    # Facts are never accepted or rejected: acceptance has no base for them.
    assert facts.p_a == Ratio(0, 0)
    # Everything: P(t|e) = 6/7, P(h|e) = 5/6 (5 handled of 6 deliveries), P(c|h) = 5/5 (every
    # handled message's result was consumed); acceptance 1 of the 2 handled commands.
    assert (r.total.p_t, r.total.p_h, r.total.p_c) == (Ratio(6, 7), Ratio(5, 6), Ratio(5, 5))
    assert r.total.p_a == Ratio(1, 2)
    assert r.total.p_e == Ratio(7, 7)
    assert [t.name for t in r.types] == [
        "AddItem",
        "Checkout",
        "RemoveItem",
        "CommandRejected",
        "HandlerFailed",
        "ItemAdded",
    ]

    flow = r.flow
    assert [(s.name, s.generated, s.commands, s.facts) for s in flow.sources] == [
        ("ui", 4, 4, 0),
        ("CartHandler", 2, 0, 2),
        ("bus", 1, 0, 1),
    ]
    assert (flow.generated, flow.transmitted, flow.deliveries, flow.dropped) == (7, 6, 6, 1)
    assert (flow.handled, flow.failed, flow.consumed, flow.accepted, flow.no_op) == (5, 1, 6, 1, 0)
    assert (flow.rejected, flow.in_flight) == (1, 0)
    cart_handler, view = flow.handlers
    assert (cart_handler.name, cart_handler.transmitted, cart_handler.handled) == (
        "CartHandler",
        3,
        2,
    )
    assert cart_handler.failed == 1 and cart_handler.p_h == Ratio(2, 3)
    assert (view.name, view.transmitted, view.handled, view.failed) == ("view", 3, 3, 0)

    # Handler timings: CartHandler ran 10, 20 and 30 us. Nearest-rank p50 is the 2nd (20 us,
    # within 1%), p95 and p99 are the 3rd: the exact max.
    timing = cart_handler.timing
    assert (timing.count, timing.min, timing.max, timing.mean) == (3, 10_000, 30_000, 20_000.0)
    assert timing.p50 == pytest.approx(20_000, rel=0.01)
    assert timing.p95 == timing.p99 == 30_000
    assert (view.timing.count, view.timing.min, view.timing.max) == (3, 200, 200)
    assert view.timing.p50 == pytest.approx(200, rel=0.01)
    # Stage latencies: consumed at 900 (x3 facts), 12, 22 and 32 us -> p50 = 3rd of 6 = 900
    # (within 1%), p99 = 6th = the exact max.
    consumed = r.latency("consumed")
    assert consumed is not None
    assert (consumed.count, consumed.min, consumed.p99, consumed.max) == (6, 900, 32_000, 32_000)
    assert consumed.p50 == pytest.approx(900, rel=0.01)
    dropped = r.latency("dropped")
    assert dropped is not None and (dropped.count, dropped.p50) == (1, 300)
    assert r.latency("generated") is None

    # Markov chain of UI commands: AddItem, AddItem, RemoveItem, Checkout.
    assert r.markov.states == ("AddItem", "Checkout", "RemoveItem")
    assert r.markov.counts == ((1, 0, 1), (0, 0, 0), (0, 1, 0))
    assert r.actions == (("AddItem", 2), ("Checkout", 1), ("RemoveItem", 1))
    assert (r.current_action, r.prediction) == ("Checkout", None)
    assert stats.markov.most_likely_next("AddItem") == ("AddItem", 0.5)

    # Events per second: T0 has c1, f1, c2, f2; T0+1 has c3, f3; T0+2 has c4.
    rate = {second: (messages, commands) for second, messages, commands in r.rate}
    assert len(r.rate) == 60 and r.rate[-1][0] == int(T0) + 2
    assert rate[int(T0)] == (4, 2) and rate[int(T0) + 1] == (2, 1) and rate[int(T0) + 2] == (1, 1)


def test_a_message_still_in_flight_is_handled_but_not_consumed() -> None:
    rows = story()[:3]  # c1: generated, transmitted, handled; no consumed row yet
    r = stats_from_rows(rows).report()
    assert r.flow.in_flight == 1
    assert (r.total.p_h, r.total.p_c) == (Ratio(1, 1), Ratio(0, 1))


def test_rows_of_unseen_messages_count_as_rows_but_not_in_ratios() -> None:
    # A stream that starts mid-flight: c1's generated row is missing.
    r = stats_from_rows(story()[1:3]).report()
    add = r.type_stats("AddItem")
    assert add is not None
    assert add.stages == (("transmitted", 1), ("handled", 1))
    assert (add.p_t, add.p_h, add.p_c) == (Ratio(0, 0), Ratio(0, 0), Ratio(0, 0))
    handler = r.handler("CartHandler")
    assert handler is not None and handler.handled == 1  # the handler still ran


def test_in_flight_table_is_bounded() -> None:
    stats = FlowStats(max_in_flight=2)
    stats.observe_many(row("generated", f"c{i}", "AddItem") for i in range(3))
    assert (stats.in_flight, stats.evicted) == (2, 1)
    stats.observe(row("consumed", "c0", "AddItem"))  # forgotten: not counted as consumed
    stats.observe(row("consumed", "c2", "AddItem"))
    assert stats.report().total.consumed == 1


def test_two_rejections_of_one_command_count_once() -> None:
    rows = [
        row("generated", "c1", "AddItem"),
        row("transmitted", "c1", "AddItem", handler="a"),
        row("handled", "c1", "AddItem", handler="a"),
        row("generated", "r1", "CommandRejected", kind="fact", source="a", cause="c1"),
        row("generated", "r2", "CommandRejected", kind="fact", source="a", cause="c1"),
    ]
    add = stats_from_rows(rows).report().type_stats("AddItem")
    assert add is not None and add.rejected == 1


def test_the_action_filter_is_a_parameter() -> None:
    def scripted(r: StageRow) -> bool:
        return r.stage == "generated" and r.source == "CartHandler"

    r = stats_from_rows(story(), action_filter=scripted).report()
    assert r.actions == (("CommandRejected", 1), ("ItemAdded", 1))
    assert r.markov.counts == ((0, 0), (1, 0))  # ItemAdded -> CommandRejected


def test_empty_statistics_report_without_errors() -> None:
    r = FlowStats().report()
    assert r.rows == 0 and r.types == () and r.by_kind == ()
    assert r.total.p_e.value is None and r.total.p_t.value is None
    assert r.markov.states == () and r.prediction is None and r.rate == ()
    assert all(p.count == 0 for _, p in r.latencies)
    assert r.flow.sources == () and r.flow.handlers == ()
    assert FlowStats().report(end=T0).rate[-1] == (int(T0), 0, 0)


def test_reset_forgets_everything() -> None:
    stats = stats_from_rows(story())
    stats.reset()
    assert stats.report() == FlowStats().report()


def test_observing_in_chunks_equals_observing_at_once() -> None:
    rows = story()
    stats = FlowStats()
    for i in range(0, len(rows), 7):
        stats.observe_many(rows[i : i + 7])
        stats.report()  # reading between chunks changes nothing
    assert stats.report() == stats_from_rows(rows).report()


# -- real traffic -------------------------------------------------------------------------------


def reference_counts(rows: Iterable[StageRow]) -> dict[str, tuple[int, ...]]:
    """Per event type, by rescanning grouped rows (independent of the streaming code)."""
    rows = list(rows)
    by_id: dict[str, list[StageRow]] = {}
    for r in rows:
        by_id.setdefault(r.event_id, []).append(r)
    rejected_ids = {
        r.causation_id for r in rows if r.stage == "generated" and r.event_type == "CommandRejected"
    }
    changed_ids = {
        r.causation_id
        for r in rows
        if r.stage == "generated"
        and r.kind == "fact"
        and r.event_type not in ("CommandRejected", "HandlerFailed")
    }
    out: dict[str, list[int]] = {}
    for eid, mine in by_id.items():
        stages = Counter(r.stage for r in mine)
        if not stages["generated"]:
            continue
        c = out.setdefault(mine[0].event_type, [0] * 10)
        handled_ok = stages["handled"] > 0
        c[0] += 1  # generated
        c[1] += stages["transmitted"] > 0
        c[2] += stages["transmitted"]
        c[3] += stages["handled"]
        c[4] += stages["failed"]
        c[5] += handled_ok
        c[6] += stages["consumed"]
        c[7] += (
            mine[0].kind == "command"
            and stages["consumed"] > 0
            and handled_ok
            and eid not in rejected_ids
            and eid in changed_ids
        )
        c[8] += stages["dropped"]
        c[9] += eid in rejected_ids
    return {k: tuple(v) for k, v in out.items()}


def streamed_counts(report: FlowReport) -> dict[str, tuple[int, ...]]:
    return {
        t.name: (
            t.generated,
            t.transmitted,
            t.deliveries,
            t.handled,
            t.failed,
            t.handled_messages,
            t.consumed,
            t.accepted,
            t.dropped,
            t.rejected,
        )
        for t in report.types
        if t.generated
    }


def ratios(t: TypeStats) -> list[Ratio]:
    return [t.p_e, t.p_t, t.p_h, t.p_c]


def check_invariants(report: FlowReport, rows: list[StageRow]) -> None:
    for t in (report.total, *report.by_kind, *report.types):
        for ratio in ratios(t):
            assert 0 <= ratio.numerator <= ratio.denominator
            assert ratio.value is None or 0.0 <= ratio.value <= 1.0
    assert sum(t.p_e.numerator for t in report.types) == report.total.generated
    flow = report.flow
    assert sum(s.generated for s in flow.sources) == flow.generated
    assert sum(h.transmitted for h in flow.handlers) == flow.deliveries
    assert sum(h.handled + h.failed for h in flow.handlers) == flow.handled + flow.failed
    assert flow.consumed + flow.dropped + flow.in_flight == flow.generated
    ui_commands = [r.event_type for r in rows if r.stage == "generated" and r.source == "ui"]
    m = report.markov
    assert sum(map(sum, m.counts)) == max(len(ui_commands) - 1, 0)
    assert dict(report.actions) == dict(Counter(ui_commands))
    for i, counts in enumerate(m.counts):
        if any(counts):
            assert sum(m.probabilities[i]) == pytest.approx(1.0)


def command_for(catalog: Catalog, op: tuple[str, int, int]) -> Command:
    name, index, quantity = op
    ids = [*(p.id for p in list(catalog)[:4]), "no-such-item"]
    item = ids[index]
    if name == "add":
        return AddItem(item_id=item, quantity=quantity)
    if name == "remove":
        return RemoveItem(item_id=item, quantity=quantity)
    if name == "update":
        return UpdateItem(item_id=item, quantity=quantity)
    if name == "clear":
        return ClearCart()
    return Checkout()


operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "remove", "update", "clear", "checkout"]),
        st.integers(0, 4),
        st.integers(-1, 4),
    ),
    max_size=25,
)


def boom(_envelope: Any) -> None:
    raise ValueError("boom")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ops=operations,
    scripted=st.lists(st.booleans(), min_size=25, max_size=25),
    with_view=st.booleans(),
    failing=st.sampled_from([None, RemoveItem, AddItem, Fact]),
)
def test_real_bus_traffic_matches_a_rescan_and_a_recompute(
    new_tapped_bus: Callable[[], TappedBus],
    catalog: Catalog,
    ops: list[tuple[str, int, int]],
    scripted: list[bool],
    with_view: bool,
    failing: type | None,
) -> None:
    tapped = new_tapped_bus()
    if with_view:
        tapped.bus.subscribe(Fact, lambda _env: None, name="view")
    if failing is not None:
        tapped.bus.subscribe(failing, boom, name="boom")
    live = FlowStats()
    tapped.bus.tap(lambda batch: live.observe_records(batch))
    for op, script in zip(ops, scripted, strict=False):
        tapped.bus.publish(command_for(catalog, op), source="script" if script else "ui")
    rows = tapped.rows
    report = live.report()
    # Live (records, one batch at a time, as the app sees them) equals recomputed from the rows.
    assert report == stats_from_rows(rows).report()
    assert streamed_counts(report) == reference_counts(rows)
    check_invariants(report, rows)
    # Facts without a subscriber are dropped, exactly when there is no view and no fact failure.
    facts_dropped = report.type_stats("fact")
    if facts_dropped is not None and facts_dropped.generated:
        nobody = not with_view and failing is not Fact
        assert (facts_dropped.dropped == facts_dropped.generated) is nobody
    tapped.bus.close()


def stored(rows: list[StageRow]) -> list[StageRow]:
    """Rows after a trip through JSON text, as a store keeps and gives them back."""
    text = "\n".join(json.dumps(r._asdict()) for r in rows)
    return [StageRow(**json.loads(line)) for line in text.splitlines()]


def test_live_equals_recomputed_from_stored_rows(tapped: TappedBus, catalog: Catalog) -> None:
    live = FlowStats()
    tapped.bus.tap(lambda batch: live.observe_records(batch))
    tapped.bus.subscribe(Fact, lambda _env: None, name="view")
    ids = [p.id for p in catalog]
    for i in range(40):
        tapped.bus.publish(AddItem(item_id=ids[i % 6], quantity=1 + i % 3), source="ui")
        if i % 5 == 4:
            tapped.bus.publish(UpdateItem(item_id=ids[i % 6], quantity=200), source="ui")
        if i % 7 == 6:
            tapped.bus.publish(RemoveItem(item_id=ids[(i + 1) % 6], quantity=1), source="ui")
    tapped.bus.publish(Checkout(), source="ui")
    report = live.report()
    assert report == stats_from_rows(stored(tapped.rows)).report()
    assert live.to_csv() == stats_from_rows(stored(tapped.rows)).to_csv()
    # Quantity 200 is above the line cap: every UpdateItem was rejected.
    update = report.type_stats("UpdateItem")
    assert update is not None and update.generated == 8
    # Rejected commands are consumed (P(c|h) 8/8) but none was accepted (0/8).
    assert update.rejected == 8 and (update.p_c, update.p_a) == (Ratio(8, 8), Ratio(0, 8))
    assert report.flow.rejected >= 8
    assert report.total.p_t == Ratio(report.total.generated, report.total.generated)
    check_invariants(report, tapped.rows)
    assert report.markov.probability("AddItem", "AddItem") > 0


def test_async_handlers_are_consumed_after_they_finish(tapped: TappedBus, catalog: Catalog) -> None:
    tapped.bus.subscribe(Fact, lambda _env: None, name="slow-view", mode="async")
    item = next(iter(catalog)).id
    for _ in range(5):
        tapped.bus.publish(AddItem(item_id=item, quantity=1), source="ui")
    assert tapped.bus.wait_idle(10.0)
    live = stats_from_rows(tapped.rows)
    report = live.report()
    assert report.flow.in_flight == 0
    facts = report.type_stats("fact")
    assert facts is not None
    assert (facts.generated, facts.p_h, facts.consumed) == (5, Ratio(5, 5), 5)
    slow = report.handler("slow-view")
    assert slow is not None and (slow.transmitted, slow.handled) == (5, 5)
    assert report == stats_from_rows(stored(tapped.rows)).report()


def test_records_with_a_custom_filter_go_through_their_rows(tapped: TappedBus) -> None:
    def all_commands(r: StageRow) -> bool:
        return r.stage == "generated" and r.kind == "command"

    live = FlowStats(action_filter=all_commands)
    tapped.bus.tap(live.observe_records)
    tapped.bus.publish(ClearCart(), source="script")
    tapped.bus.publish(Checkout(), source="ui")
    assert live.report() == stats_from_rows(tapped.rows, action_filter=all_commands).report()
    assert live.report().actions == (("Checkout", 1), ("ClearCart", 1))
