"""CloudEvents 1.0 export and import: every exported line is a CloudEvent the official SDK
(``cloudevents``) reads; what the SDK writes back imports as the same history; the old format
still imports; a CloudEvent that is not one of ours is refused naming its line; and
``cartapp --export`` writes the whole history without a window, under the data folder's lock."""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cloudevents.core.formats.json import JSONFormat
from cloudevents.v1.http import from_dict as v1_from_dict
from cloudevents.v1.http import from_json as v1_from_json
from store_helpers import Harness, random_command

from cartapp.domain.catalog import Catalog
from cartapp.domain.events import AddItem
from cartapp.store import (
    CLOUDEVENTS,
    LIVE_STREAM,
    EventStore,
    ImportFileError,
    StoreLock,
    export_jsonl,
    import_jsonl,
)
from cartapp.store.mapper import wire_timestamp

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def source(tmp_path: Path, catalog: Catalog) -> EventStore:
    """A store whose live stream holds several sessions of shopping decided for real."""
    store = EventStore.open(tmp_path / "source" / "cartapp.sqlite3")
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    rng = random.Random(7)
    for _ in range(150):
        harness.send(random_command(rng))
    assert len(store.orders()) >= 2
    return store


def history(store: EventStore, stream: str) -> list[tuple]:
    return [
        (
            e.version,
            e.envelope.event_id,
            e.envelope.correlation_id,
            e.envelope.causation_id,
            e.envelope.source,
            wire_timestamp(e.envelope.timestamp),
            e.envelope.event,
        )
        for e in store.iter_events(stream)
    ]


def test_an_export_round_trips_through_the_cloudevents_sdk(
    source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    out = tmp_path / "history.jsonl"
    assert export_jsonl(source, out, format=CLOUDEVENTS) == source.version()
    fmt = JSONFormat()
    rewritten = []
    for number, line in enumerate(out.read_text(encoding="utf-8").splitlines(), 1):
        event = fmt.read(None, line)  # the SDK validates required attributes and extensions
        assert event.get_specversion() == "1.0" and event.get_subject() == LIVE_STREAM
        assert event.get_extension("sequence") == str(number)
        legacy = v1_from_json(line)  # and the SDK's older http API reads it too
        assert legacy["id"] == event.get_id() == v1_from_dict(json.loads(line))["id"]
        rewritten.append(fmt.write(event).decode("utf-8"))
    again = tmp_path / "rewritten.jsonl"
    again.write_text("\n".join(rewritten) + "\n", encoding="utf-8")
    result = import_jsonl(store, again)
    assert history(store, result.stream) == history(source, LIVE_STREAM)
    assert result.cart == source.load_cart().cart


def test_each_line_speaks_the_spec(source: EventStore) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, format=CLOUDEVENTS, first=1, last=3)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    stored = list(source.iter_events(LIVE_STREAM, 1, 3))
    for line, message in zip(lines, stored, strict=True):
        env = message.envelope
        extensions = set(line) - {
            "specversion", "id", "source", "type", "time", "datacontenttype", "subject", "data"
        }  # fmt: skip
        assert all(re.fullmatch("[a-z0-9]+", name) for name in extensions)
        assert line["type"] == f"cartapp.{type(env.event).__name__}"
        assert line["datacontenttype"] == "application/json"
        assert line["correlationid"] == env.correlation_id
        assert line.get("causationid") == env.causation_id
        moment = datetime.fromisoformat(line["time"])
        assert line["time"].endswith("Z") and moment.tzinfo is not None
        assert moment.timestamp() == pytest.approx(env.timestamp, abs=1e-6)
        assert moment.astimezone(UTC).year >= 2025


def test_the_old_format_still_imports(source: EventStore, store: EventStore) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, format="cartapp")
    assert '"event_id"' in buf.getvalue().splitlines()[0]
    result = import_jsonl(store, io.BytesIO(buf.getvalue().encode()))
    assert history(store, result.stream) == history(source, LIVE_STREAM)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"specversion": "0.3"}, "'specversion' must be '1.0'"),
        ({"traceparent": "00-abc"}, "unknown CloudEvents attribute(s): traceparent"),
        ({"datacontenttype": "text/xml"}, "'datacontenttype' must be 'application/json'"),
        ({"type": "com.example.AddItem"}, "'type' must be cartapp.<message type>"),
        ({"type": "cartapp.Nope"}, "unknown event type 'Nope'"),
        ({"time": "yesterday"}, "'time' must be an RFC 3339 time"),
        ({"time": "1969-12-31T23:59:59Z"}, "'time' must not be before 1970"),
        # past the last date Python's datetime holds once the offset is taken off
        ({"time": "9999-12-31T23:00:00-02:00"}, "'time' '9999-12-31T23:00:00-02:00' is not a"),
        ({"sequence": 3}, "'sequence' must be a whole number written as a string"),
        ({"correlationid": None}, "'correlation_id' must be a non-empty string"),
        ({"data": {"item_id": "espresso-beans", "quantity": "2"}}, "AddItem.quantity"),
    ],
)
def test_a_cloudevent_that_is_not_ours_is_refused_naming_its_line(
    source: EventStore, store: EventStore, change: dict, reason: str
) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, format=CLOUDEVENTS, first=1, last=2)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert lines[0]["type"] == "cartapp.AddItem"
    lines[0].update(change)
    data = "\n".join(json.dumps(line) for line in lines).encode()
    with pytest.raises(ImportFileError) as caught:
        import_jsonl(store, io.BytesIO(data))
    assert str(caught.value).startswith(f"line 1: {reason}")
    assert store.streams() == []


def test_times_with_an_offset_and_fewer_digits_are_the_same_moment(
    source: EventStore, store: EventStore
) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, format=CLOUDEVENTS, first=1, last=1)
    line = json.loads(buf.getvalue())
    line["time"] = "2026-12-02T01:30:00.5+01:00"
    result = import_jsonl(store, io.BytesIO(json.dumps(line).encode()))
    (stored,) = store.iter_events(result.stream)
    assert stored.envelope.timestamp == datetime(2026, 12, 2, 0, 30, 0, 500000, UTC).timestamp()


# -- cartapp --export ----------------------------------------------------------------------------

_NO_WINDOW = (
    "import sys\n"
    "from cartapp.app import main\n"
    "code = main(sys.argv[1:])\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "assert QCoreApplication.instance() is None, 'an application was created'\n"
    "sys.exit(code)\n"
)


def export_command(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # no display at all: --export must not need one
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", _NO_WINDOW, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data_dir(tmp_path: Path, catalog: Catalog) -> Path:
    folder = tmp_path / "data"
    store = EventStore.open(folder / "cartapp.sqlite3")
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    harness.send(AddItem(item_id="rye-bread", quantity=1))
    store.close()
    return folder


def test_the_command_line_export_writes_the_whole_history_without_a_window(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.jsonl"
    done = export_command("--data-dir", str(data_dir), "--export", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cartapp: exported 4 messages to {out}"
    assert out.stat().st_mode & 0o777 == 0o600
    events = [JSONFormat().read(None, line) for line in out.read_text().splitlines()]
    assert [e.get_type() for e in events] == [
        "cartapp.AddItem",
        "cartapp.ItemAdded",
        "cartapp.AddItem",
        "cartapp.ItemAdded",
    ]


def test_the_command_line_export_of_a_till_says_it_writes_the_local_record_only(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.jsonl"
    done = export_command(
        "--data-dir",
        str(data_dir),
        "--export",
        str(out),
        "--shop",
        "nats://127.0.0.1:9",
        "--till",
        "t1",
    )
    assert done.returncode == 0, done.stderr
    assert "its local store" in done.stderr and "not contacted" in done.stderr
    assert done.stdout.strip() == f"cartapp: exported 4 messages to {out}"


def test_the_command_line_export_refuses_while_a_window_holds_the_cart(
    data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.jsonl"
    with StoreLock.acquire(data_dir):
        done = export_command("--data-dir", str(data_dir), "--export", str(out))
    assert done.returncode == 3
    assert "cannot export" in done.stderr and "open in another" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_the_command_line_export_says_what_is_wrong(data_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    done = export_command("--data-dir", str(empty), "--export", str(tmp_path / "a.jsonl"))
    assert done.returncode == 4 and "there is no cart history in" in done.stderr
    assert list(empty.iterdir()) == []  # nothing was created there
    nowhere = tmp_path / "missing-folder" / "a.jsonl"
    done = export_command("--data-dir", str(data_dir), "--export", str(nowhere))
    assert done.returncode == 5 and f"cannot export to {nowhere}" in done.stderr
    blank = export_command("--data-dir", "  ", "--export", str(tmp_path / "b.jsonl"))
    assert blank.returncode == 4
    for result in (done, blank):
        assert "Traceback" not in result.stderr


def test_the_command_line_export_tells_of_a_damaged_wal_and_exports_what_was_recovered(
    tmp_path: Path,
) -> None:
    from test_store_wal_damage import flip, killed_writer, wal_of

    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "cartapp.sqlite3"
    killed_writer(db)
    wal_of(db).write_bytes(flip(wal_of(db).read_bytes()))
    out = tmp_path / "backup.jsonl"
    done = export_command("--data-dir", str(folder), "--export", str(out))
    assert done.returncode == 0, done.stderr
    assert "write-ahead log was damaged" in done.stderr and "could not be recovered" in done.stderr
    kept = len(out.read_text().splitlines())
    assert done.stdout.strip() == f"cartapp: exported {kept} messages to {out}"
    assert 0 < kept < 60


def test_an_export_never_replaces_the_carts_own_files_a_device_or_a_folder(
    source: EventStore, tmp_path: Path
) -> None:
    """Replacing the database with its export (or /dev/null with a file) would lose everything."""
    database = source.path
    before = database.read_bytes()
    folder = tmp_path / "folder"
    folder.mkdir()
    for dest in (database, Path(f"{database}-wal"), database.parent / "cartapp.lock"):
        with pytest.raises(OSError, match="one of the cart's own files"):
            export_jsonl(source, dest, format=CLOUDEVENTS)
    for dest, what in ((Path(os.devnull), "a device"), (folder, "a folder")):
        with pytest.raises(OSError, match=f"it is {what}"):
            export_jsonl(source, dest, format=CLOUDEVENTS)
    assert database.read_bytes() == before
    assert Path(os.devnull).is_char_device() and list(folder.iterdir()) == []
    assert not [p for p in database.parent.iterdir() if p.name.endswith(".tmp")]


def test_an_export_through_a_link_replaces_the_file_it_points_at(
    source: EventStore, tmp_path: Path
) -> None:
    target = tmp_path / "backups" / "cart.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    count = export_jsonl(source, link, format=CLOUDEVENTS)
    assert link.is_symlink() and len(target.read_text().splitlines()) == count > 0


def test_the_command_line_export_refuses_the_database_and_an_empty_name(
    data_dir: Path, tmp_path: Path
) -> None:
    database = data_dir / "cartapp.sqlite3"
    before = database.read_bytes()
    done = export_command("--data-dir", str(data_dir), "--export", str(database))
    assert done.returncode == 5 and "one of the cart's own files" in done.stderr
    assert database.read_bytes() == before
    blank = export_command("--data-dir", str(data_dir), "--export", "")
    assert blank.returncode == 5 and "--export needs a file name" in blank.stderr
    for result in (done, blank):
        assert "Traceback" not in result.stderr
