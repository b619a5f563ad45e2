"""The metrics panel and flow view over stored history: the scope selector in the app.

Given an app that ran before (commands clicked and published, then closed), when it is built
again on the same data directory, then the panels count "All history" (every stored stage row,
then live), as the restored event log does; "Current session" counts the open cart only and
starts again at a checkout; "This run" counts the live traffic only; a closed session can be
chosen by number; and whatever is chosen keeps counting live commands, without counting any
record twice where the stored rows and the live ones meet.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from cartapp.analytics import FlowReport, FlowStats, Ratio, stats_from_rows
from cartapp.app import App, build
from cartapp.bus.stages import StageRow
from cartapp.domain.events import AddItem, Checkout, RemoveItem, UpdateItem
from cartapp.qt.models.metrics import format_count, format_ratio
from cartapp.qt.models.scopes import ALL, CURRENT, RUN, StatsScopes, session_key
from cartapp.qt.widgets.flow import FlowDock
from cartapp.qt.widgets.metrics import MetricsDock, ScopeSelector, scope_file_name
from cartapp.store import DB_NAME, LIVE_STREAM, EventStore

__all__: list[str] = []

ITEM = "espresso-beans"
OTHER = "butter-croissant"


# -- helpers ------------------------------------------------------------------------------------


def settle(app: App) -> None:
    """Every message published so far is handled, shown, counted and its stage rows stored."""
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    assert app.live is not None
    app.live.flush_stages()
    metrics(app).feed.flush()


def send(app: App, *commands: Any) -> None:
    for command in commands:
        app.window.send(command)
    settle(app)


def metrics(app: App) -> MetricsDock:
    dock = app.docks["metricsPanel"]
    assert isinstance(dock, MetricsDock)
    return dock


def flow(app: App) -> FlowDock:
    dock = app.docks["flowView"]
    assert isinstance(dock, FlowDock)
    return dock


def scopes(app: App) -> StatsScopes:
    found = metrics(app).scopes
    assert found is not None
    return found


def stored_rows(app: App) -> list[StageRow]:
    assert app.live is not None
    return app.live.store.stage_rows(0, app.live.store.last_stage_id())


def generated(report: FlowReport) -> dict[str, int]:
    return {t.name: t.generated for t in report.types}


def shown(app: App) -> FlowReport:
    """What the panels show now (everything published counted)."""
    metrics(app).feed.flush()
    return metrics(app).feed.report()


def same(a: FlowReport, b: FlowReport) -> bool:
    """Equal statistics (the rate series aside: it ends at the moment each report was made)."""
    return replace(a, rate=()) == replace(b, rate=())


def choose(qtbot: Any, selector: ScopeSelector, label: str) -> None:
    """Pick ``label`` in the selector with the keyboard, as a user would."""
    target = selector.findText(label, Qt.MatchFlag.MatchStartsWith)
    assert target >= 0, f"{label!r} is not offered: {selector.scope_keys()}"
    selector.setFocus()
    while selector.currentIndex() != target:
        key = Qt.Key.Key_Down if selector.currentIndex() < target else Qt.Key.Key_Up
        before = selector.currentIndex()
        qtbot.keyClick(selector, key)
        assert selector.currentIndex() != before, "the selector did not move"


def wait_shown(qtbot: Any, app: App, key: str) -> None:
    # A generous timeout: reading is eventual, its verdict never depends on how long it took.
    qtbot.waitUntil(
        lambda: scopes(app).shown_key == key and not scopes(app).loading, timeout=60_000
    )


class TickingClock:
    """A clock that moves ``step_s`` each time it is read, so a slice ends after a fixed number of
    reads of the clock, on any machine."""

    def __init__(self, step_s: float) -> None:
        self.now = 0.0
        self.step_s = step_s

    def __call__(self) -> float:
        self.now += self.step_s
        return self.now


def open_app(qtbot: Any, data_dir: Path) -> App:
    app = build(data_dir)
    app.window.resize(1280, 800)
    app.window.show()
    qtbot.waitExposed(app.window)
    return app


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def again(
    qtbot: Any, cart_app: App, ui: Any, data_dir: Path, dispose: Callable[[App], None]
) -> Iterator[App]:
    """An app with history (one order, session 1; an open cart, session 2, with a rejection),
    closed and built again on the same data directory, its metrics panel in front."""
    ui.add(ITEM, 2)  # clicked
    ui.add(OTHER, 1)
    send(cart_app, UpdateItem(item_id=ITEM, quantity=3), Checkout())
    ui.add(OTHER, 2)
    send(cart_app, RemoveItem(item_id=ITEM, quantity=1))  # rejected: not in the open cart
    dispose(cart_app)
    app = open_app(qtbot, data_dir)
    metrics(app).raise_()
    yield app
    dispose(app)


# -- the stories --------------------------------------------------------------------------------


def test_after_a_restart_the_panels_count_all_history(qtbot: Any, again: App) -> None:
    panel = metrics(again)
    assert panel.scope_selector is not None and flow(again).scope_selector is not None
    assert panel.scope_selector.objectName() == "metricsScope"
    assert panel.scope_selector.accessibleName() == "Statistics scope"
    assert panel.scope_selector.currentText() == "All history"
    assert flow(again).scope_selector.currentText() == "All history"
    wait_shown(qtbot, again, ALL)

    rows = stored_rows(again)
    expected = stats_from_rows(rows).report()
    report = shown(again)
    assert same(report, expected)
    assert generated(report) == {
        "AddItem": 3,
        "UpdateItem": 1,
        "Checkout": 1,
        "RemoveItem": 1,
        "ItemAdded": 3,
        "ItemUpdated": 1,
        "CheckedOut": 1,
        "CommandRejected": 1,
    }
    assert f"Messages <b>{expected.total.generated}</b>" in panel.summary_label.text()
    assert again.bridge.records_emitted == 0  # nothing of it is this run's
    assert not panel.reset_button.isEnabled()  # stored history cannot be reset

    # The panel agrees with the event log, which the store pre-filled.
    log = again.docks["eventLogDock"]
    logged = Counter(r.envelope.event_type for r in log.model.records() if r.stage == "generated")
    assert logged == Counter(generated(report))


def test_a_live_command_is_added_to_the_stored_scope(qtbot: Any, again: App) -> None:
    wait_shown(qtbot, again, ALL)
    before = shown(again).total.generated
    again.window.send(AddItem(item_id=ITEM, quantity=1))
    # No flush: the feed's own timer brings it in.
    qtbot.waitUntil(
        lambda: f"Messages <b>{before + 2}</b>" in metrics(again).summary_label.text(),
        timeout=30_000,
    )
    settle(again)
    assert same(shown(again), stats_from_rows(stored_rows(again)).report())

    # "This run" counts that command only; All history counts more.
    panel = metrics(again)
    assert panel.scope_selector is not None
    choose(qtbot, panel.scope_selector, "This run")
    assert scopes(again).shown_key == RUN and panel.feed.shown is panel.feed.stats
    live = shown(again)
    assert generated(live) == {"AddItem": 1, "ItemAdded": 1}
    assert "Messages <b>2</b>" in panel.summary_label.text()
    assert flow(again).scope_selector.currentText() == "This run (live)"  # type: ignore[union-attr]
    assert panel.reset_button.isEnabled()
    assert live.total.generated < before


def test_stored_and_live_meet_without_gap_or_overlap(qtbot: Any, again: App) -> None:
    """A scope chosen while the store has not yet written the newest stage rows (it writes
    every half second) waits for them, and counts each record once."""
    selector = metrics(again).scope_selector
    assert selector is not None
    choose(qtbot, selector, "This run")
    for n in range(1, 4):
        again.window.send(AddItem(item_id=OTHER, quantity=n))
    assert again.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    again.bridge.flush()  # the feed has them; the store's writer may not yet
    choose(qtbot, selector, "All history")
    again.window.send(UpdateItem(item_id=OTHER, quantity=1))  # while it reads
    wait_shown(qtbot, again, ALL)
    settle(again)
    assert same(shown(again), stats_from_rows(stored_rows(again)).report())


def test_rows_the_writer_could_not_store_are_missing_never_counted_twice(
    qtbot: Any, again: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk of stage rows the store refused leaves a hole in history, and the scope says so.
    The rows stored after the hole are found by the position the writer recorded for them, so a
    scope chosen while the writer is ahead of the feed counts each of them once (with ``base + n
    + 1`` arithmetic on ids they would have been read from the store and taken live as well)."""
    assert again.live is not None
    store, telemetry = again.live.store, again.live.telemetry
    selector = metrics(again).scope_selector
    assert selector is not None
    choose(qtbot, selector, "This run")
    settle(again)
    real = store.write_stages

    def refuse(rows: Any) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "write_stages", refuse)
    again.window.send(AddItem(item_id=OTHER, quantity=1))
    settle(again)  # the feed has them; the store refused them
    monkeypatch.setattr(store, "write_stages", real)
    assert telemetry.lost > 0 and telemetry.errors == 1
    again.window.send(UpdateItem(item_id=OTHER, quantity=2))
    assert again.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    again.live.flush_stages()  # stored at once; the feed has not received them yet
    statuses: list[str] = []
    scopes(again).status_changed.connect(statuses.append)
    scopes(again).select(ALL)
    wait_shown(qtbot, again, ALL)
    settle(again)
    assert same(shown(again), stats_from_rows(stored_rows(again)).report())
    assert "stage rows could not be stored" in statuses[-1]
    assert "disk I/O error" in statuses[-1]


def test_current_session_counts_the_open_cart_then_the_order_until_the_next_message(
    qtbot: Any, again: App
) -> None:
    store = again.live.store  # type: ignore[union-attr]
    selector = flow(again).scope_selector  # the flow view's selector chooses for both
    assert selector is not None
    flow(again).raise_()
    choose(qtbot, selector, "Current session")
    wait_shown(qtbot, again, CURRENT)
    assert metrics(again).scope_selector.currentText() == "Current session"  # type: ignore[union-attr]
    session = store.open_session(LIVE_STREAM)
    corrs = store.correlation_ids(LIVE_STREAM, session.first)
    expected = stats_from_rows(r for r in stored_rows(again) if r.correlation_id in corrs)
    report = shown(again)
    assert same(report, expected.report())
    assert generated(report) == {
        "AddItem": 1,
        "RemoveItem": 1,
        "ItemAdded": 1,
        "CommandRejected": 1,
    }

    send(again, Checkout())  # closes session 2, which stays the current one until a message
    wait_shown(qtbot, again, CURRENT)
    closed = store.current_session(LIVE_STREAM)
    assert closed.number == session.number and closed.closed
    corrs = store.correlation_ids(LIVE_STREAM, closed.first, closed.last)
    expected = stats_from_rows(r for r in stored_rows(again) if r.correlation_id in corrs)
    assert same(shown(again), expected.report())
    assert generated(shown(again))["CheckedOut"] == 1
    again.window.send(AddItem(item_id=ITEM, quantity=1))
    qtbot.waitUntil(lambda: shown(again).total.generated == 2, timeout=30_000)
    settle(again)
    newest = store.open_session(LIVE_STREAM)
    assert newest.number == session.number + 1
    corrs = store.correlation_ids(LIVE_STREAM, newest.first)
    expected = stats_from_rows(r for r in stored_rows(again) if r.correlation_id in corrs)
    assert same(shown(again), expected.report())
    assert generated(shown(again)) == {"AddItem": 1, "ItemAdded": 1}
    # The checkout just made is offered as a past session now.
    assert session_key(session.number) in selector.scope_keys()


def test_a_closed_session_is_counted_by_number(qtbot: Any, again: App) -> None:
    selector = metrics(again).scope_selector
    assert selector is not None
    assert [k for k in selector.scope_keys() if k.startswith("session:")] == [session_key(1)]
    choose(qtbot, selector, "Session 1 · order #1")
    wait_shown(qtbot, again, session_key(1))
    report = shown(again)
    assert generated(report) == {
        "AddItem": 2,
        "UpdateItem": 1,
        "Checkout": 1,
        "ItemAdded": 2,
        "ItemUpdated": 1,
        "CheckedOut": 1,
    }
    # A live command belongs to the open session, not to this one.
    send(again, AddItem(item_id=ITEM, quantity=1))
    assert same(shown(again), report)


def test_export_names_the_scope(qtbot: Any, again: App, tmp_path: Path) -> None:
    wait_shown(qtbot, again, ALL)
    assert scope_file_name("cartapp-statistics", "All history", ".csv") == (
        "cartapp-statistics-all-history.csv"
    )
    assert scope_file_name("x", "Session 3 · order #3 · 14:05", ".png") == (
        "x-session-3-order-3-14-05.png"
    )
    target = metrics(again).export_csv(tmp_path / "all.csv")
    expected = stats_from_rows(stored_rows(again)).report()
    assert f"generated,{expected.total.generated}" in target.read_text(encoding="utf-8")


def test_a_long_history_is_read_in_slices_with_the_event_loop_running(
    qtbot: Any, cart_app: App, ui: Any, data_dir: Path, dispose: Callable[[App], None]
) -> None:
    ui.add(ITEM, 1)
    send(cart_app, Checkout(), RemoveItem(item_id=ITEM, quantity=1))
    rows = stored_rows(cart_app)
    dispose(cart_app)
    with EventStore.open(data_dir / DB_NAME) as store:
        store.append_stages(rows * 500)  # thousands of rows of the same traffic
        total = store.last_stage_id()
    assert total > 10_000

    app = open_app(qtbot, data_dir)
    try:
        sc = scopes(app)
        sc.budget_s = 0.001
        sc.clock = TickingClock(0.0005)  # every slice reads one window, however fast it is
        progress: list[str] = []
        sc.status_changed.connect(progress.append)
        ticks: list[int] = []
        ticker = QTimer()
        ticker.timeout.connect(lambda: ticks.append(1))
        ticker.start(0)
        assert sc.shown_key == RUN and not sc.loading  # nothing read while the panel is hidden
        metrics(app).raise_()
        try:
            wait_shown(qtbot, app, ALL)
        finally:
            ticker.stop()
        assert sum("%" in text for text in progress) >= 2
        assert progress[-1] == ""
        assert len(ticks) >= 2  # other events ran between the slices
        assert sc.last_read is not None and sc.last_read[:2] == (ALL, total)
        assert same(shown(app), stats_from_rows(stored_rows(app)).report())
    finally:
        dispose(app)


def test_a_first_start_counts_this_run_as_all_history(qtbot: Any, cart_app: App) -> None:
    metrics(cart_app).raise_()
    sc = scopes(cart_app)
    assert sc.key == ALL and sc.base == 0
    qtbot.waitUntil(lambda: sc.shown_key == ALL)
    feed = metrics(cart_app).feed
    assert feed.shown is feed.stats and feed.tail is None  # nothing is counted twice
    send(cart_app, AddItem(item_id=ITEM, quantity=1))
    assert same(shown(cart_app), stats_from_rows(stored_rows(cart_app)).report())
    assert isinstance(feed.stats, FlowStats)


def test_long_histories_show_short_counts_in_the_tables() -> None:
    assert [format_count(n) for n in (9_999, 10_000, 13_149, 99_950, 999_500, 1_250_000)] == [
        "9,999",
        "10.0k",
        "13.1k",
        "100k",
        "1.00M",
        "1.25M",
    ]
    assert format_ratio(Ratio(13_149, 25_002), compact=True) == "0.526 (13.1k/25.0k)"
    assert format_ratio(Ratio(13_149, 25_002)) == "0.526 (13,149/25,002)"
    assert format_ratio(Ratio(0, 0), compact=True) == "— (0/0)"
