"""The app on its durable store: restart and kill restore what was shown, acknowledgement after
commit, one instance per data directory, refused and damaged files, export and import.

Each story builds the real app (``build(data_dir)``) on a temporary data directory, drives it
through widgets or the bus, closes or kills it, and builds it again on the same directory.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QProgressDialog, QPushButton

from cartapp.app import EXIT_STORE_REFUSED, App, build, main
from cartapp.bus import Envelope
from cartapp.bus.stages import Stage
from cartapp.domain.events import (
    AddItem,
    Checkout,
    HandlerFailed,
    ItemAdded,
    RemoveItem,
    UpdateItem,
)
from cartapp.history.stored_log import stored_records
from cartapp.qt.models.catalog import COL_STOCK
from cartapp.store import (
    DB_NAME,
    LIVE_STREAM,
    SchemaTooNewError,
    StoreError,
    StoreLockedError,
    export_jsonl,
    import_jsonl,
)

REPO = Path(__file__).resolve().parents[2]


# -- helpers ------------------------------------------------------------------------------------


def settle(app: App) -> None:
    """Let every published message reach the views and the log."""
    assert app.bus.wait_idle(60.0)  # returns once idle: the wait bounds a hang, never a verdict
    app.bridge.flush()
    log = app.docks.get("eventLogDock")
    if log is not None:
        log.flush()
    QApplication.processEvents()


def send(app: App, *commands) -> None:
    for command in commands:
        app.window.send(command)
    settle(app)


def cart_lines(app: App) -> list[tuple[str, int]]:
    """What the cart view shows: (product, quantity) per row."""
    model = app.window.cart_panel.view.model()
    return [
        (model.index(row, 0).data(), int(model.index(row, 2).data()))
        for row in range(model.rowCount())
    ]


def totals(app: App) -> tuple[str, str, str]:
    panel = app.window.cart_panel
    return panel.subtotal_label.text(), panel.tax_label.text(), panel.total_label.text()


def log_rows(app: App) -> list[tuple[str, str, str, str, str | None]]:
    """The event log's rows: (stage, type, correlation, event id, handler)."""
    dock = app.docks["eventLogDock"]
    return [
        (str(r.stage), r.envelope.event_type, r.envelope.correlation_id, r.envelope.event_id, r[2])
        for r in dock.model.records()
    ]


def shown_log(app: App) -> list[tuple[str, ...]]:
    """The texts of the log view's Stage, Event, Correlation and Summary columns."""
    model = app.window.findChild(type(app.window.cart_panel.view), "eventLogView").model()
    columns = [1, 2, 4, 5]
    return [
        tuple(str(model.index(row, c).data()) for c in columns) for row in range(model.rowCount())
    ]


@pytest.fixture
def files_ui(cart_app: App):
    """The app's SessionFiles with dialogs replaced: paths come from ``answers``, messages are
    collected in ``messages``."""
    files = cart_app.files
    assert files is not None
    answers: list[str | None] = []
    messages: list[tuple[QMessageBox.Icon, str, str]] = []
    files.choose_save_path = lambda caption, suggested: answers.pop(0)
    files.choose_open_path = lambda caption, directory: answers.pop(0)
    files.show_message = lambda icon, title, text: messages.append((icon, title, text))
    return files, answers, messages


def run_import(qtbot, files, path: str | None = None):
    """Start an import through ``files`` and wait until it is over; its result or None."""
    with qtbot.waitSignal(files.import_ended, timeout=30_000) as blocker:
        assert files.import_session(path) is True
    return blocker.args[0]


# -- restart ------------------------------------------------------------------------------------


def test_restart_restores_cart_totals_and_event_log(
    ui, cart_app: App, data_dir: Path, qtbot, dispose
) -> None:
    ui.add("espresso-beans", 2)
    ui.add("butter-croissant", 4)
    ui.add("rye-bread", 2)  # the last two
    ui.select_line("rye-bread")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)  # a third: a rejection
    ui.select_line("butter-croissant")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Plus)
    ui.select_line("espresso-beans")
    qtbot.keyClick(ui.cart.view, Qt.Key.Key_Delete)
    ui.add("whole-milk-1l", 1)
    settle(cart_app)
    lines, money, rows = cart_lines(cart_app), totals(cart_app), log_rows(cart_app)
    shown = shown_log(cart_app)
    assert lines == [("Butter croissant", 5), ("Rye bread 1 kg", 2), ("Whole milk 3.5% 1 l", 1)]
    assert any(row[1] == "CommandRejected" for row in rows)
    assert len(rows) > 30
    dispose(cart_app)

    again = build(data_dir)
    try:
        assert again.service.cart.lines == again.window.cart_model.cart.lines
        assert cart_lines(again) == lines
        assert totals(again) == money
        assert log_rows(again) == rows
        assert shown_log(again) == shown
        assert "Welcome back" in again.window.status_label.message()
    finally:
        dispose(again)


def test_restart_after_checkout_keeps_the_stock_that_was_sold(
    cart_app: App, data_dir: Path, dispose
) -> None:
    row = cart_app.window.catalog_model.row_of("espresso-beans")
    before = cart_app.window.catalog_model.index(row, COL_STOCK).data()
    cart_app.window.confirm_checkout = lambda cart: True
    send(cart_app, AddItem(item_id="espresso-beans", quantity=3), Checkout())
    sold = cart_app.window.catalog_model.index(row, COL_STOCK).data()
    assert int(sold) == int(before) - 3
    dispose(cart_app)

    again = build(data_dir)
    try:
        assert again.service.cart.lines == ()
        assert again.service.cart.sold_of("espresso-beans") == 3
        model = again.window.catalog_model
        assert model.index(model.row_of("espresso-beans"), COL_STOCK).data() == sold
    finally:
        dispose(again)


KILL_CHILD = textwrap.dedent(
    """
    import json, os, signal, sys
    from cartapp.app import build
    from cartapp.domain.events import AddItem, RemoveItem, UpdateItem

    app = build(sys.argv[1])
    window = app.window
    shown = []

    def acknowledged(envelope):
        print("ack", envelope.event_id, flush=True)

    app.bridge.fact_published.connect(acknowledged)
    commands = [
        AddItem(item_id="espresso-beans", quantity=2),
        AddItem(item_id="butter-croissant", quantity=4),
        UpdateItem(item_id="butter-croissant", quantity=6),
        AddItem(item_id="rye-bread", quantity=9),
        RemoveItem(item_id="espresso-beans", quantity=1),
        AddItem(item_id="whole-milk-1l", quantity=2),
    ]
    for command in commands:
        app.bus.publish(command, source="ui")
        cart = window.cart_model.cart
        print("cart", json.dumps([[line.name, line.quantity] for line in cart.lines]), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.slow  # a real app process, killed
def test_a_killed_app_comes_back_with_the_cart_it_showed(tmp_path: Path, dispose) -> None:
    data = tmp_path / "killed"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-c", KILL_CHILD, str(data)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -9, done.stderr  # killed, never closed
    acked = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("ack ")]
    carts = [line[5:] for line in done.stdout.splitlines() if line.startswith("cart ")]
    assert len(carts) == 6 and len(acked) >= 6
    last_shown = [tuple(x) for x in json.loads(carts[-1])]

    app = build(data)
    try:
        assert app.notices == []  # a kill is not damage
        store = app.live.store
        assert all(store.event(event_id) is not None for event_id in acked)
        assert cart_lines(app) == last_shown
        assert [(line.name, line.quantity) for line in app.service.cart.lines] == last_shown
        # The log has at least one row for every stored message (stage rows of the last
        # half-second may have died with the process; the messages never do).
        logged = {row[3] for row in log_rows(app)}
        stored = [s.envelope.event_id for s in store.iter_events(LIVE_STREAM)]
        assert len(stored) == store.version(LIVE_STREAM) >= 12
        assert set(stored) <= logged
    finally:
        dispose(app)


# -- acknowledged only after commit --------------------------------------------------------------


def test_every_fact_is_stored_before_anyone_sees_it(cart_app: App) -> None:
    store = cart_app.live.store
    seen: list[tuple[str, bool, int]] = []

    def check(envelope: Envelope) -> None:
        stored = store.event(envelope.event_id)
        seen.append((envelope.event_type, stored is not None, store.count()))

    cart_app.bridge.fact_published.connect(check)
    send(
        cart_app,
        AddItem(item_id="pretzel", quantity=2),
        AddItem(item_id="pretzel", quantity=500),
        UpdateItem(item_id="pretzel", quantity=1),
    )
    assert [s[0] for s in seen] == ["ItemAdded", "CommandRejected", "ItemUpdated"]
    assert all(stored for _, stored, _ in seen)
    # the command and its fact were committed together, before the fact was published
    assert [count for _, _, count in seen] == [2, 4, 6]


def _broken_append(*_args: object, **_kwargs: object) -> int:
    raise StoreError("the disk is full")


def test_a_failed_commit_changes_nothing_and_says_so(
    cart_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    send(cart_app, AddItem(item_id="pretzel", quantity=2))
    count = cart_app.live.store.count()
    failures: list[HandlerFailed] = []
    cart_app.bridge.fact_published.connect(
        lambda env: failures.append(env.event) if isinstance(env.event, HandlerFailed) else None
    )
    monkeypatch.setattr(cart_app.live.store, "append", _broken_append)
    send(cart_app, AddItem(item_id="pretzel", quantity=3))
    assert len(failures) == 1 and "disk is full" in failures[0].error
    assert cart_app.service.cart.quantity_of("pretzel") == 2
    assert cart_lines(cart_app) == [("Pretzel", 2)]
    assert cart_app.live.store.count() == count
    assert "disk is full" in cart_app.window.status_label.message()
    monkeypatch.undo()


# -- one instance, refused files, damaged files ---------------------------------------------------


def test_a_second_instance_is_refused_with_a_clear_message(
    cart_app: App, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreLockedError, match="open in another cartapp window"):
        build(data_dir)
    assert main(["--data-dir", str(data_dir)]) == EXIT_STORE_REFUSED
    err = capsys.readouterr().err
    assert "open in another cartapp window" in err
    assert "Only one cartapp at a time" in err
    # the first instance is unharmed
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    assert cart_app.service.cart.quantity_of("pretzel") == 1


def test_closing_the_window_closes_the_store(cart_app: App, data_dir: Path, dispose) -> None:
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    cart_app.window.close()
    assert cart_app.closed
    assert not cart_app.live.lock.held
    assert cart_app.live.store.closed
    again = build(data_dir)  # the lock was released
    try:
        assert again.service.cart.quantity_of("pretzel") == 1
        assert again.live.store.checked is False  # a clean close: no quick_check needed
    finally:
        dispose(again)


def test_a_database_from_a_newer_cartapp_is_refused_and_left_alone(
    qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str], dispose
) -> None:
    data = tmp_path / "newer"
    data.mkdir()
    db = data / DB_NAME
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 99")
    before = db.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version of cartapp"):
        build(data)
    assert main(["--data-dir", str(data)]) == EXIT_STORE_REFUSED
    assert "newer version of cartapp" in capsys.readouterr().err
    assert db.read_bytes() == before
    db.unlink()  # once the file is moved away, the same directory opens (no lock was left)
    app = build(data)
    dispose(app)


def test_a_damaged_database_is_kept_aside_and_the_user_is_told(
    qtbot, tmp_path: Path, dispose
) -> None:
    data = tmp_path / "damaged"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"this is not a database" * 100)
    app = build(data)
    try:
        assert len(app.notices) == 1
        assert "kept" in app.notices[0] and "new, empty cart" in app.notices[0]
        assert list(data.glob(f"{DB_NAME}.corrupt-*"))
        app.window.show()
        qtbot.waitUntil(
            lambda: (
                (box := app.window.findChild(QMessageBox, "storeNotice")) is not None
                and box.isVisible()
            ),
            timeout=30_000,
        )
        box = app.window.findChild(QMessageBox, "storeNotice")
        assert box.icon() == QMessageBox.Icon.Warning
        assert "damaged" in box.text() and box.informativeText() == app.notices[0]
        # the headline never claims an empty cart: a salvage may have kept messages
        assert "empty cart" not in box.text() and "could still be read" in box.text()
        assert app.window.status_label.property("severity") == "error"
        box.accept()
        assert app.service.cart.lines == ()
        send(app, AddItem(item_id="pretzel", quantity=1))
        assert app.live.store.count() == 2
    finally:
        dispose(app)


def _edit(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def _spoil_root_page(db: Path, table: str) -> None:
    """Garbage over ``table``'s root page, keeping the file's size and time: the clean-close
    marker still vouches for it, so start-up skips ``quick_check``."""
    uri = f"file:{db}?immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    finally:
        conn.close()
    before = db.stat()
    with open(db, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"garbage!" * (page_size // 8))
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))
    marker = json.loads(Path(f"{db}.clean").read_text())
    assert (marker["size"], marker["mtime_ns"]) == (db.stat().st_size, db.stat().st_mtime_ns)


def _edit_newest_item_added(db: Path, *, field: str, value: str) -> None:
    """Set ``field`` of the newest ItemAdded to the SQL value ``value`` (a quoted digit string
    becomes a JSON number through ``json()``), with no snapshot to hide it."""
    json_value = f"json({value})" if value.startswith("'9") else value
    _edit(
        db,
        "DELETE FROM snapshots",
        f"UPDATE events SET payload = json_set(payload, '$.{field}', {json_value})"
        " WHERE version = (SELECT max(version) FROM events WHERE type = 'ItemAdded')",
    )


DAMAGE = {
    # read only by the event log's history (the snapshot written at close covers it)
    "oldest-message": lambda db: _edit(
        db, "UPDATE events SET payload = '{not json' WHERE version = 2"
    ),
    # read by loading the cart: the newest fact, with no snapshot after it
    "newest-message": lambda db: _edit(
        db,
        "DELETE FROM snapshots",
        "UPDATE events SET payload = '{not json' WHERE version = (SELECT max(version) FROM events)",
    ),
    "snapshot-page": lambda db: _spoil_root_page(db, "snapshots"),
    # hand edits that break a field's type or range (once a crash or a silently wrong cart)
    **{
        f"newest-{name}": functools.partial(_edit_newest_item_added, field=field, value=value)
        for name, field, value in (
            ("quantity-abc", "quantity", "'abc'"),
            ("quantity-negative", "quantity", "-500"),
            ("quantity-1e20", "quantity", "100000000000000000000"),
            ("quantity-5000-digits", "quantity", "'" + "9" * 5000 + "'"),
            ("price-nan", "unit_price", "'NaN'"),
        )
    },
    "stage-page": lambda db: _spoil_root_page(db, "stages"),
}


KEPT = {
    # damage -> (messages kept of the 8, the cart they fold to)
    "oldest-message": (1, []),
    "newest-message": (7, []),  # the last command's fact is lost: its item never got added
    "snapshot-page": (8, [("Pretzel", 3)]),  # a cache: every message is kept
    "stage-page": (8, [("Pretzel", 3)]),
    # the newest ItemAdded (message 8) fails its field's rules: the seven before it are kept
    **{name: (7, []) for name in DAMAGE if name.startswith("newest-") and name != "newest-message"},
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_found_while_starting_is_kept_aside_and_the_user_is_told(
    cart_app: App, data_dir: Path, dispose, damage: str
) -> None:
    send(
        cart_app,
        AddItem(item_id="pretzel", quantity=1),
        AddItem(item_id="apples-1kg", quantity=2),
        Checkout(),
        AddItem(item_id="pretzel", quantity=3),
    )
    dispose(cart_app)
    db = data_dir / DB_NAME
    DAMAGE[damage](db)
    original = db.read_bytes()
    kept, lines = KEPT[damage]
    app = build(data_dir)
    try:
        assert len(app.notices) == 1
        notice = app.notices[0]
        assert "integrity check" not in notice
        if kept == 8:
            assert "kept all 8 of your messages" in notice
        else:
            assert f"kept {kept} of your messages; messages from #{kept + 1} on" in notice
        [aside] = [
            p
            for p in data_dir.glob(f"{DB_NAME}.corrupt-*")
            if not p.name.endswith(("-wal", "-shm"))
        ]
        assert str(aside) in notice
        assert aside.read_bytes() == original  # kept exactly as it was
        assert app.live.store.path == db and app.live.store.count() == kept
        assert cart_lines(app) == lines
        assert len(app.live.store.orders("cart")) == (1 if kept >= 6 else 0)
        assert app.window.status_label.property("severity") == "error"
        send(app, AddItem(item_id="pretzel", quantity=1))
        assert app.live.store.count() == kept + 2
    finally:
        dispose(app)
    again = build(data_dir)  # the fresh store is a sound one
    try:
        more = [("Pretzel", 4)] if lines else [("Pretzel", 1)]
        assert again.notices == [] and cart_lines(again) == more
    finally:
        dispose(again)


def test_a_garbled_snapshot_costs_only_time(cart_app: App, data_dir: Path, dispose) -> None:
    """A snapshot is derived data: the cart is folded from the stored messages instead."""
    send(
        cart_app, AddItem(item_id="pretzel", quantity=2), AddItem(item_id="apples-1kg", quantity=1)
    )
    lines = cart_lines(cart_app)
    dispose(cart_app)
    db = data_dir / DB_NAME
    too_deep = "[" * 100_000  # deeper than the JSON decoder goes
    _edit(
        db,
        "UPDATE snapshots SET cart = '{not json'",
        f"INSERT INTO snapshots SELECT stream, version - 1, created, '{too_deep}', digest"
        " FROM snapshots",
    )
    app = build(data_dir)
    try:
        assert app.notices == []
        assert cart_lines(app) == lines
        assert not list(data_dir.glob(f"{DB_NAME}.corrupt-*"))
    finally:
        dispose(app)


# -- the log as it was --------------------------------------------------------------------------


def test_stored_records_respect_the_cap_and_end_with_the_newest(
    cart_app: App, data_dir: Path, dispose
) -> None:
    send(cart_app, *[AddItem(item_id="pretzel", quantity=1) for _ in range(5)])
    dispose(cart_app)
    app = build(data_dir)
    try:
        store = app.live.store
        everything = stored_records(store, 10_000)
        assert len(everything) == len(log_rows(app))
        for cap in (1, 7, 23):
            tail = stored_records(store, cap)
            assert len(tail) == cap
            assert [(r.stage, r.envelope.event_id) for r in tail] == [
                (r.stage, r.envelope.event_id) for r in everything[-cap:]
            ]
    finally:
        dispose(app)


def test_messages_without_stage_rows_get_a_generated_row_in_their_place(
    cart_app: App, data_dir: Path, dispose
) -> None:
    send(
        cart_app, AddItem(item_id="pretzel", quantity=1), AddItem(item_id="apples-1kg", quantity=1)
    )
    dispose(cart_app)
    app = build(data_dir)
    try:
        store = app.live.store
        first = next(store.iter_events(LIVE_STREAM, 1, 1)).envelope
        with store.lock:  # lose the stage rows of the first click (as a kill would)
            store.connection().execute(
                "DELETE FROM stages WHERE correlation_id = ?", (first.correlation_id,)
            )
        records = stored_records(store, 1000)
        mine = [r for r in records if r.envelope.correlation_id == first.correlation_id]
        # one generated row per message: the command, then its fact
        assert [(r.stage, r.envelope.event_type) for r in mine] == [
            (Stage.GENERATED, "AddItem"),
            (Stage.GENERATED, "ItemAdded"),
        ]
        assert records[:2] == mine  # before everything that was stored after them
        assert {r.envelope.event_id for r in records} >= {
            s.envelope.event_id for s in store.iter_events(LIVE_STREAM)
        }
    finally:
        dispose(app)


def test_a_handler_failure_comes_back_in_the_log(cart_app: App, data_dir: Path, dispose) -> None:
    def broken(envelope: Envelope) -> None:
        raise RuntimeError("the printer is on fire")

    cart_app.bus.subscribe(ItemAdded, broken, name="ReceiptPrinter")
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    before = [r for r in log_rows(cart_app) if r[1] == "HandlerFailed" or r[0] == "failed"]
    assert before
    dispose(cart_app)
    app = build(data_dir)
    try:
        after = [r for r in log_rows(app) if r[1] == "HandlerFailed" or r[0] == "failed"]
        assert after == before
        failed = next(
            r.envelope.event
            for r in app.docks["eventLogDock"].model.records()
            if r.envelope.event_type == "HandlerFailed"
        )
        assert failed.handler == "ReceiptPrinter"
        assert failed.error_type == "RuntimeError"
        assert failed.error == "the printer is on fire"
    finally:
        dispose(app)


# -- export and import ---------------------------------------------------------------------------


def test_the_file_menu_has_export_and_import(cart_app: App) -> None:
    menu = cart_app.window.menuBar().findChild(QMenu, "fileMenu")
    names = [a.objectName() for a in menu.actions()]
    for name in ("exportSessionAction", "exportHistoryAction", "importSessionAction"):
        assert name in names
        assert names.index(name) < names.index("quitAction")


def test_export_then_import_replays_the_session_in_another_store(
    cart_app: App, files_ui, tmp_path: Path, dispose, qtbot
) -> None:
    files, answers, messages = files_ui
    cart_app.window.confirm_checkout = lambda cart: True
    send(
        cart_app,
        AddItem(item_id="espresso-beans", quantity=1),
        Checkout(),
        AddItem(item_id="espresso-beans", quantity=2),
        AddItem(item_id="whole-milk-1l", quantity=1),
        RemoveItem(item_id="whole-milk-1l", quantity=1),
    )
    session_file, history_file = tmp_path / "session.jsonl", tmp_path / "history.jsonl"
    answers += [str(session_file), str(history_file)]
    files.export_session()
    files.export_history()
    assert messages == []
    assert len(session_file.read_text().splitlines()) == 6  # the open session: 3 commands
    history = [json.loads(line) for line in history_file.read_text().splitlines()]
    assert len(history) == cart_app.live.store.version(LIVE_STREAM) == 10
    shown = cart_lines(cart_app)
    dispose(cart_app)

    other = build(tmp_path / "elsewhere")
    other.window.show()
    try:
        other.files.show_message = lambda *args: messages.append(args)
        other.files.choose_open_path = lambda caption, directory: str(session_file)
        result = run_import(qtbot, other.files)
        assert messages == [] and result is not None and result.events == 6
        dock = other.time_travel
        assert dock.on_screen and dock.range.stream == result.stream
        assert dock.version == 1 and "Replaying session.jsonl" in dock.banner_text()
        dock.step(2)
        assert [(line.name, line.quantity) for line in dock.cart.lines] == shown
        # replaying never touches the live cart
        assert other.service.cart.lines == () and cart_lines(other) == []
        assert other.live.store.version(LIVE_STREAM) == 0

        assert [e.envelope.event_id for e in other.live.store.iter_events(result.stream)] == [
            line["id"] for line in history[4:]
        ]
        # The history holds the session's messages again and four new ones: ids are never
        # doubled and it is no copy of stored history either, so it is refused, saying so.
        assert run_import(qtbot, other.files, str(history_file)) is None
        text = messages[-1][2]
        assert "overlaps what is stored: 6 of its 10 messages are already in the store" in text
        assert f"message 5 of the file (event id {history[4]['id']})" in text
        assert other.live.store.count() == 6
    finally:
        dispose(other)


def test_a_hostile_file_is_refused_naming_the_line_and_changes_nothing(
    cart_app: App, files_ui, tmp_path: Path, qtbot
) -> None:
    files, answers, messages = files_ui
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    good = tmp_path / "good.jsonl"
    files.export_session(str(good))
    lines = good.read_text().splitlines()
    hostile = tmp_path / "hostile.jsonl"
    evil = dict(json.loads(lines[0]), id="evil-1", type="cartapp.DropTables", sequence="3")
    hostile.write_text("\n".join([*lines, json.dumps(evil)]) + "\n")
    store = cart_app.live.store
    count, streams = store.count(), store.streams()
    dock = cart_app.time_travel
    dock_range = dock.range
    answers.append(str(hostile))
    assert run_import(qtbot, files) is None
    assert len(messages) == 1
    icon, title, text = messages[0]
    assert icon == QMessageBox.Icon.Warning and title == "Import refused"
    assert "Line 3:" in text and "DropTables" in text and "nothing was changed" in text
    assert store.count() == count and store.streams() == streams
    assert dock.range == dock_range
    assert cart_app.service.cart.quantity_of("pretzel") == 1


def test_a_file_of_this_very_store_opens_as_a_copy_of_stored_history(
    cart_app: App, files_ui, tmp_path: Path, qtbot
) -> None:
    files, _answers, messages = files_ui
    send(cart_app, AddItem(item_id="pretzel", quantity=1), AddItem(item_id="rye-bread", quantity=1))
    path = tmp_path / "mine.jsonl"
    assert files.export_history(str(path)) == 4
    store = cart_app.live.store
    send(cart_app, AddItem(item_id="avocado", quantity=1))  # the live cart goes on
    before = (store.count(), store.streams())
    copy = run_import(qtbot, files, str(path))
    assert messages == []
    assert (copy.stream, copy.first, copy.last, copy.title) == (LIVE_STREAM, 1, 4, "mine.jsonl")
    assert (store.count(), store.streams()) == before  # nothing imported
    dock = cart_app.time_travel
    assert dock.on_screen and not dock.following_live
    assert (dock.range.stream, dock.range.first, dock.range.last) == (LIVE_STREAM, 1, 4)
    assert dock.title_label.text() == "Copy of stored history: mine.jsonl · messages 1\u20134"
    assert dock.source_combo.currentText() == "Copy of stored history: mine.jsonl"
    assert "read only" in dock.banner_text()
    dock.step(2)
    assert [(line.item_id, line.quantity) for line in dock.cart.lines] == [
        ("pretzel", 1),
        ("rye-bread", 1),
    ]
    assert "copy of stored history" in cart_app.window.status_label.message()
    assert cart_app.service.cart.quantity_of("avocado") == 1  # the live cart is untouched


def _many_lines(cart_app: App, tmp_path: Path, sessions: int) -> Path:
    """A valid file of ``sessions`` add/checkout sessions (4 lines each), without versions, in
    cartapp's own format (which import still reads)."""
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    path = tmp_path / "one.jsonl"
    store = cart_app.live.store
    export_jsonl(store, path, first=store.version() - 1, format="cartapp")
    command, fact = (json.loads(x) for x in path.read_text().splitlines())
    out = []
    for i in range(sessions):
        for kind, base in (("add", command), ("added", fact)):
            out.append(dict(base, event_id=f"bulk-{kind}-{i}", correlation_id=f"bulk-{i}"))
            out[-1].pop("version", None)
        out.append(dict(out[-1], type="RemoveItem", kind="command", event_id=f"bulk-rm-{i}"))
        out[-1]["payload"] = {"item_id": "pretzel", "quantity": 1}
        removed = {k: fact["payload"][k] for k in ("item_id", "name", "quantity")}
        out.append(dict(out[-1], type="ItemRemoved", kind="fact", event_id=f"bulk-gone-{i}"))
        out[-1]["payload"] = removed
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in out) + "\n")
    return path


def test_an_import_runs_in_a_worker_with_a_progress_dialog(
    cart_app: App, files_ui, tmp_path: Path, qtbot
) -> None:
    files, _answers, messages = files_ui
    path = _many_lines(cart_app, tmp_path, 3000)
    seen: list[str] = []

    def runner(store, source, **kwargs):
        seen.append(threading.current_thread().name)
        return import_jsonl(store, source, **kwargs)

    files.run_import = runner
    with qtbot.waitSignal(files.imported, timeout=30_000) as blocker:
        assert files.import_session(str(path)) is True
        assert files.importing
        dialog = cart_app.window.findChild(QProgressDialog, "importProgress")
        assert dialog is not None and dialog.labelText().startswith("Checking many.jsonl")
        assert files.import_session(str(path)) is False  # one import at a time
    result = blocker.args[0]
    assert messages == [] and result.events == 12_000
    assert seen == ["cartapp-import"]  # not the GUI thread
    assert not files.importing and files.progress_dialog is None
    assert cart_app.live.store.stream(result.stream) is not None


def test_cancel_in_the_progress_dialog_stores_nothing(
    cart_app: App, files_ui, tmp_path: Path, qtbot
) -> None:
    files, _answers, messages = files_ui
    path = _many_lines(cart_app, tmp_path, 3000)  # about 1.3 MB: several blocks
    store = cart_app.live.store
    before = (store.count(), store.streams())
    reports: list[tuple[int, int, int]] = []
    reported, resume = threading.Event(), threading.Event()

    def runner(store, source, *, progress, **kwargs):
        def gated(lines: int, done: int, total: int) -> bool:
            reports.append((lines, done, total))
            if len(reports) == 2:  # after the first block: hold until the test clicked Cancel
                reported.set()
                assert resume.wait(30)
            return progress(lines, done, total)

        return import_jsonl(store, source, progress=gated, **kwargs)

    files.run_import = runner
    ended: list[object] = []
    files.import_ended.connect(ended.append)
    assert files.import_session(str(path)) is True
    qtbot.waitUntil(reported.is_set, timeout=30_000)
    dialog = files.progress_dialog
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()
    with qtbot.waitSignal(files.import_ended, timeout=30_000):
        resume.set()
    assert ended == [None] and messages == []
    lines, done, total = reports[-1]
    assert 0 < lines < 12_000 and 0 < done < total == path.stat().st_size
    assert (store.count(), store.streams()) == before
    assert "cancelled" in cart_app.window.status_label.text()


def test_a_fifo_or_a_folder_is_refused_without_waiting(
    cart_app: App, files_ui, tmp_path: Path, qtbot
) -> None:
    files, _answers, messages = files_ui
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait for ever
    assert run_import(qtbot, files, str(fifo)) is None
    assert run_import(qtbot, files, str(tmp_path)) is None
    assert [m[1] for m in messages] == ["Import refused", "Import refused"]
    assert "named pipe (FIFO)" in messages[0][2] and "only a regular file" in messages[0][2]
    assert "is a folder" in messages[1][2]


def test_a_number_too_long_for_python_is_refused_naming_the_line(
    cart_app: App, files_ui, tmp_path: Path, qtbot
) -> None:
    files, _answers, messages = files_ui
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    good = tmp_path / "good.jsonl"
    files.export_session(str(good))
    command = good.read_text().splitlines()[0].replace('"quantity": 1', '"quantity": ' + "9" * 4301)
    path = tmp_path / "digits.jsonl"
    path.write_text(command + "\n")
    assert run_import(qtbot, files, str(path)) is None
    assert "Line 1: a number with 4301 digits is too large" in messages[-1][2]


def test_export_with_nothing_to_export_says_so(cart_app: App, files_ui) -> None:
    files, answers, messages = files_ui
    assert files.export_session() is None
    assert files.export_history() is None
    assert [m[1] for m in messages] == ["Nothing to export", "Nothing to export"]
    assert answers == []  # no file dialog was opened


def test_a_cancelled_dialog_writes_nothing(cart_app: App, files_ui, tmp_path: Path) -> None:
    files, answers, messages = files_ui
    send(cart_app, AddItem(item_id="pretzel", quantity=1))
    answers += [None, None]
    assert files.export_session() is None
    assert files.import_session() is False
    assert messages == [] and list(tmp_path.glob("*.jsonl")) == []


def test_export_session_right_after_a_checkout_writes_that_order(
    cart_app: App, files_ui, tmp_path: Path
) -> None:
    files, answers, messages = files_ui
    cart_app.window.confirm_checkout = lambda cart: True
    send(cart_app, AddItem(item_id="pretzel", quantity=2), Checkout())
    assert files.session_range() == (LIVE_STREAM, 1, 4)  # the open session is still empty
    answers.append(str(tmp_path / "order.jsonl"))
    files.export_session_action.trigger()
    exported = [json.loads(line) for line in (tmp_path / "order.jsonl").read_text().splitlines()]
    assert [line["type"].removeprefix("cartapp.") for line in exported] == [
        "AddItem",
        "ItemAdded",
        "Checkout",
        "CheckedOut",
    ]
    assert messages == []
    assert "Exported 4 messages to order.jsonl" in cart_app.window.status_label.message()


def test_export_session_writes_what_time_travel_shows(
    cart_app: App, files_ui, tmp_path: Path
) -> None:
    files, answers, _messages = files_ui
    send(cart_app, *[AddItem(item_id="pretzel", quantity=1) for _ in range(3)])
    dock = cart_app.time_travel
    dock.open_stream(LIVE_STREAM)
    assert files.session_range() == (LIVE_STREAM, 1, 6)
    cart_app.window.confirm_checkout = lambda cart: True
    send(cart_app, Checkout(), AddItem(item_id="pretzel", quantity=1))
    dock.open_order(cart_app.live.store.orders(LIVE_STREAM)[0])  # looking back at order #1
    assert files.session_range() == (LIVE_STREAM, 1, 8)
    answers.append(str(tmp_path / "seen.jsonl"))
    assert files.export_session() == 8


# -- the tamper-evident chain, checked in the background ----------------------------------------


def test_a_sound_history_passes_the_background_chain_check(
    cart_app: App, data_dir: Path, dispose, qtbot
) -> None:
    send(cart_app, AddItem(item_id="pretzel", quantity=1), Checkout())
    dispose(cart_app)
    app = build(data_dir)
    app.window.show()  # the check starts right after the first paint
    try:
        qtbot.waitUntil(lambda: app.chain_checked)
        assert app.chain_break is None and app.notices == []
    finally:
        dispose(app)


def test_a_message_edited_before_the_snapshot_is_reported_after_the_first_paint(
    cart_app: App, data_dir: Path, dispose, qtbot
) -> None:
    send(
        cart_app,
        AddItem(item_id="pretzel", quantity=2),
        Checkout(),
        AddItem(item_id="apples-1kg", quantity=1),
    )
    lines = cart_lines(cart_app)
    dispose(cart_app)  # closing snapshots the cart: start-up verifies only after it
    db = data_dir / DB_NAME
    # the order's quantity, still a valid message: only the chain can tell
    _edit(
        db,
        "UPDATE events SET payload = replace(payload, '\"quantity\":2', '\"quantity\":3')"
        " WHERE version = 2",
    )
    app = build(data_dir)
    try:
        assert app.notices == [] and cart_lines(app) == lines  # the window comes up as it was
        assert not app.chain_checked  # nothing is checked before the window is painted
        app.window.show()
        qtbot.waitUntil(lambda: app.chain_checked)
        assert app.chain_break == 2
        assert app.window.status_label.property("severity") == "error"
        assert "Message 2 of the cart's history was changed" in app.window.status_label.message()
    finally:
        dispose(app)


def test_a_message_edited_after_the_snapshot_is_kept_aside_at_start(
    cart_app: App, data_dir: Path, dispose
) -> None:
    send(cart_app, AddItem(item_id="pretzel", quantity=2))
    dispose(cart_app)
    db = data_dir / DB_NAME
    _edit(
        db,
        "DELETE FROM snapshots",
        "UPDATE events SET source = 'elsewhere' WHERE version = 1",
    )
    app = build(data_dir)
    try:
        assert len(app.notices) == 1 and "new, empty cart" in app.notices[0]
        assert cart_lines(app) == []
    finally:
        dispose(app)
