"""Damage that SQLite hides: a damaged ``-wal`` is detected, kept aside byte for byte, and the
user is told how many of the newest messages were lost, and from which version on; files that
are not ours (or are read-only) are left exactly as they were."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cartapp.bus import Envelope
from cartapp.domain.events import AddItem
from cartapp.store import EventStore, StoreCorruptError, open_or_recover
from cartapp.store.errors import StoreReadOnlyError
from cartapp.store.wal import inspect_wal

CHILD = Path(__file__).with_name("crash_child.py")
COUNT = 60

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def killed_writer(db: Path, count: int = COUNT) -> None:
    """Store ``count`` messages from a process that is then SIGKILLed (WAL not checkpointed)."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), "fill", str(db), str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().startswith("done ")
    child.kill()
    child.wait()


def wal_of(db: Path) -> Path:
    return Path(f"{db}-wal")


def test_a_wal_written_by_sqlite_is_healthy_while_open_and_after_a_kill(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    killed_writer(db)
    report = inspect_wal(wal_of(db), Path(f"{db}-shm"))
    assert report.problem is None and report.valid_commits > COUNT
    assert inspect_wal(wal_of(db)).problem is None  # also without the wal-index
    store, notice = open_or_recover(db)
    try:
        assert notice is None and store.version() == COUNT
        # a live connection's WAL, and one restarted by a checkpoint (older frames left over)
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(RESTART)")
        conn.close()
        store.append([Envelope.new(AddItem(item_id="avocado", quantity=1))], "cart", COUNT)
        restarted = inspect_wal(wal_of(db), Path(f"{db}-shm"))
        assert restarted.problem is None and restarted.valid_commits == 1
        assert restarted.valid_length < wal_of(db).stat().st_size  # older frames follow
        assert inspect_wal(wal_of(db)).problem is None
    finally:
        store.close()


def flip(data: bytes) -> bytes:
    spoilt = bytearray(data)
    spoilt[len(data) // 2] ^= 0x01
    return bytes(spoilt)


def truncate(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def garbage_header(data: bytes) -> bytes:
    return b"\xde\xad\xbe\xef" * 8 + data[32:]


def flip_last(data: bytes) -> bytes:
    spoilt = bytearray(data)
    spoilt[-100] ^= 0x01  # in the last frame's page: no later copy of it exists
    return bytes(spoilt)


@pytest.mark.parametrize(
    ("spoil", "exact"),
    [(flip, True), (garbage_header, True), (truncate, False), (flip_last, False)],
)
def test_a_damaged_wal_is_kept_aside_and_the_lost_messages_are_counted(
    tmp_path: Path, spoil: object, exact: bool
) -> None:
    """One message per transaction (``fill``): the messages SQLite drops are counted from the
    page images of the dropped frames, exactly when every damaged frame's page has a later
    intact copy, as a lower bound when frames are cut off or the damaged one is the last."""
    db = tmp_path / "cartapp.sqlite3"
    killed_writer(db)
    wal = wal_of(db)
    wal.write_bytes(spoil(wal.read_bytes()))  # type: ignore[operator]
    before = {suffix: digest(Path(f"{db}{suffix}")) for suffix in ("", "-wal", "-shm")}
    store, notice = open_or_recover(db)
    try:
        kept = store.version()
    finally:
        store.close()
    assert notice is not None and "could not be recovered" in notice
    (aside,) = [p for p in tmp_path.glob("cartapp.sqlite3.corrupt-*") if "-" not in p.name[-4:]]
    for suffix, value in before.items():
        assert digest(Path(f"{aside}{suffix}")) == value
    assert 0 <= kept < COUNT
    lost = COUNT - kept
    place = f"(from version {kept + 1} of your cart on; your last commands and their results)"
    if exact:
        assert f"The newest {lost} messages {place} could not be recovered" in notice
    else:
        counted = int(notice.split("at least ")[1].split(" message")[0])
        assert 1 <= counted <= lost
        assert place in notice
    # the survivors are the oldest messages, without gaps, and the store goes on working
    store = EventStore.open(db)
    try:
        assert [e.version for e in store.iter_events("cart")] == list(range(1, kept + 1))
    finally:
        store.close()


def test_a_foreign_sqlite_file_is_kept_aside_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    before = digest(db)
    store, notice = open_or_recover(db)
    store.close()
    assert notice is not None and "not a cartapp database" in notice
    (aside,) = tmp_path.glob("cartapp.sqlite3.corrupt-*")
    assert digest(aside) == before
    assert not Path(f"{aside}-wal").exists()  # never switched to WAL


def test_a_file_that_is_not_a_database_is_kept_aside_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    db.write_bytes(os.urandom(5000))
    before = digest(db)
    store, notice = open_or_recover(db)
    store.close()
    assert notice is not None
    (aside,) = tmp_path.glob("cartapp.sqlite3.corrupt-*")
    assert digest(aside) == before


def test_a_damaged_store_with_a_leftover_wal_is_moved_with_it_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    killed_writer(db, 300)
    EventStore.open(db).close()  # everything in the main file
    killed_writer(db, 5)  # and a leftover WAL on top
    assert wal_of(db).stat().st_size > 0
    raw = bytearray(db.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    middle = (len(raw) // page // 2) * page
    raw[middle : middle + page] = os.urandom(page)  # garble a page in the middle
    db.write_bytes(bytes(raw))
    before = {suffix: digest(Path(f"{db}{suffix}")) for suffix in ("", "-wal", "-shm")}
    with pytest.raises(StoreCorruptError):
        EventStore.open(db)
    store, notice = open_or_recover(db)
    store.close()
    assert notice is not None and "kept, unchanged" in notice
    (aside,) = [p for p in tmp_path.glob("cartapp.sqlite3.corrupt-*") if "-" not in p.name[-4:]]
    after = {suffix: digest(Path(f"{aside}{suffix}")) for suffix in ("", "-wal", "-shm")}
    assert {k: after[k] == v for k, v in before.items()} == {"": True, "-wal": True, "-shm": True}


def test_a_read_only_store_is_refused_and_left_read_only(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    EventStore.open(db).close()
    db.chmod(0o444)
    before = digest(db)
    with pytest.raises(StoreReadOnlyError, match="is read-only; make it writable"):
        open_or_recover(db)
    assert db.stat().st_mode & 0o777 == 0o444
    assert digest(db) == before
