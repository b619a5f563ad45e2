"""File handling around the database: private files, the SQLite header, the clean-close marker,
read-only files, a damaged ``-wal``, and moving a damaged database aside without ever
overwriting anything.

The clean-close marker (``<db>.clean``) lets start-up skip ``PRAGMA quick_check``, whose cost
grows with the file (about 0.2 s per million events here), when nothing can have happened to the
file since this code closed it: ``EventStore.close()`` checkpoints the WAL, closes the connection
and then writes the file's size and modification time into the marker; ``EventStore.open()``
deletes the marker first thing and trusts the file without a full check only if the marker
matches and no WAL is left over. After a crash, a kill, a copy from elsewhere or any change of
size or time, the full ``quick_check`` runs. An edit that keeps both size and mtime is caught
only when SQLite reads the damaged page (as ``sqlite3.DatabaseError``); ``EventStore.quick_check``
can be run at any time to look.

Kept aside means unchanged: ``move_aside`` renames the database with its ``-wal`` and ``-shm``
(``EventStore.open`` has not written to them: it inspects read-only first, and refuses a
read-only file, ``is_read_only``, instead of making it writable). ``keep_damaged_wal`` runs
before SQLite opens a file with a ``-wal``: if ``cartapp.store.wal`` finds it damaged, it copies
all three files aside byte for byte, cuts the WAL to its valid committed prefix and drops the
``-shm`` (SQLite rebuilds it), and returns a ``WalDamage``: what was wrong, where the copies
are and the frames SQLite dropped. Once the store is open, ``WalDamage.notice(recovered_seq)``
says how many messages those frames held above what was recovered (``cartapp.store.walrows``),
and from which version of which stream on.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import stat
import sys
import time
from pathlib import Path
from typing import NamedTuple

from cartapp.store.wal import DroppedFrames, dropped_frames, inspect_wal
from cartapp.store.walrows import lost_messages

__all__ = [
    "SQLITE_HEADER",
    "WalDamage",
    "companions",
    "consume_clean_marker",
    "ensure_private_dir",
    "ensure_private_file",
    "header_problem",
    "is_read_only",
    "keep_damaged_wal",
    "move_aside",
    "write_clean_marker",
]

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
_POSIX = sys.platform != "win32"


def companions(path: Path) -> tuple[Path, Path]:
    """The WAL and shared-memory files SQLite keeps next to ``path``."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if needed, mode 0700 whatever the umask; an existing folder
    that this user owns loses every permission of group and others (0777 -> 0700; logged). Its
    owner's own bits stay: a folder made read-only stays read-only. A folder owned by someone
    else is left alone."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not _POSIX:
        return  # Windows: the user's profile folders are private already
    st = path.stat()
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o077 and st.st_uid == os.getuid():
        os.chmod(path, mode & 0o700)
        log.warning("made the data folder %s private (mode %o -> %o)", path, mode, mode & 0o700)


def ensure_private_file(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 unless it exists; make an existing file 0600.

    Returns True if the file was created. SQLite gives its ``-wal`` and ``-shm`` files the mode of
    the database file, so they are private too.
    """
    created = False
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        os.close(fd)
        created = True
    if _POSIX:
        os.chmod(path, 0o600)
    return created


def is_read_only(path: Path) -> bool:
    """Whether the owner may not write ``path`` (its mode, not ``os.access``: root may write
    anything, but a file someone made read-only is meant to stay as it is)."""
    if _POSIX:
        return not path.stat().st_mode & stat.S_IWUSR
    return not os.access(path, os.W_OK)


def header_problem(path: Path) -> str | None:
    """Why ``path`` is not an SQLite database, judged by its first bytes (None: looks fine)."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        return None
    if not head:
        return None
    if not head.startswith(SQLITE_HEADER):
        return "the file is not an SQLite database (its first bytes are not the SQLite header)"
    if len(head) < 100:
        return f"the file is truncated ({len(head)} bytes, shorter than the SQLite header)"
    return None


def _marker(path: Path) -> Path:
    return Path(f"{path}.clean")


def _fingerprint(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def write_clean_marker(path: Path, schema: int) -> None:
    """Record that ``path`` was closed cleanly (call after the last connection closed)."""
    wal, _ = companions(path)
    if wal.exists() and wal.stat().st_size:
        return  # someone still has it open (or the checkpoint failed): no promise to make
    data = {**_fingerprint(path), "schema": schema}
    tmp = Path(f"{path}.clean.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f)
    os.replace(tmp, _marker(path))


def consume_clean_marker(path: Path) -> bool:
    """Delete the marker; True if it promised that ``path`` is as it was closed."""
    marker = _marker(path)
    try:
        data = json.loads(marker.read_text())
    except (OSError, ValueError):
        data = None
    with contextlib.suppress(FileNotFoundError):
        marker.unlink()
    if not isinstance(data, dict) or not path.exists():
        return False
    wal, _ = companions(path)
    if wal.exists() and wal.stat().st_size:
        return False
    fp = _fingerprint(path)
    return data.get("size") == fp["size"] and data.get("mtime_ns") == fp["mtime_ns"]


def _free_name(base: str) -> str:
    name, n = base, 1
    while any(Path(p).exists() for p in (name, f"{name}-wal", f"{name}-shm")):
        n += 1
        name = f"{base}-{n}"
    return name


def _move_no_overwrite(src: Path, dst: Path) -> None:
    if _POSIX:
        os.link(src, dst)  # fails if dst exists: nothing is ever overwritten
        os.unlink(src)
    else:
        os.rename(src, dst)  # Windows: fails if dst exists


def move_aside(path: Path, *, now: float | None = None) -> Path:
    """Rename ``path`` (and its -wal/-shm) to ``<path>.corrupt-<time>``; returns the new path.

    The new name never exists yet (a counter is added if needed), so nothing is overwritten. The
    companions keep their suffixes, so SQLite tools opening the moved file find its WAL.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    aside = Path(_free_name(f"{path}.corrupt-{stamp}"))
    wal, shm = companions(path)
    for src, suffix in ((path, ""), (wal, "-wal"), (shm, "-shm")):
        if src.exists():
            _move_no_overwrite(src, Path(f"{aside}{suffix}"))
    with contextlib.suppress(FileNotFoundError):
        _marker(path).unlink()
    return aside


def _copy_no_overwrite(src: Path, dst: Path) -> None:
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, open(src, "rb") as f:
        shutil.copyfileobj(f, out)
        out.flush()
        os.fsync(out.fileno())


class WalDamage(NamedTuple):
    """A damaged ``-wal`` that ``keep_damaged_wal`` kept aside and cut to its valid prefix."""

    problem: str
    aside: Path
    dropped: DroppedFrames
    lost_commits: int
    estimated: bool

    def notice(self, recovered_seq: int, live_stream: str = "cart") -> str:
        """The text for the dialog: how many messages the dropped frames held above
        ``recovered_seq`` (the newest ``events.seq`` recovered) and from which version on."""
        lost = lost_messages(self.dropped, recovered_seq)
        head = f"The cart database's write-ahead log was damaged ({self.problem})."
        tail = f"The damaged files were kept, unchanged, as {self.aside} with its -wal and -shm."
        if lost.count == 0 and lost.exact:
            return (
                f"{head} The part that could not be recovered held none of your messages: "
                f"nothing you did was lost. {tail}"
            )
        if lost.count == 0:
            what = (
                "transaction" if self.lost_commits == 1 else f"{self.lost_commits:,} transactions"
            )
            about = "about " if self.estimated else ""
            return (
                f"{head} The newest messages, in {about}{what}, could not be recovered and "
                f"could not be counted; everything before them was. {tail}"
            )
        where = []
        for stream, version in sorted(lost.first_versions.items()):
            owner = "your cart" if stream == live_stream else f"the imported {stream!r}"
            where.append(f"from version {version:,} of {owner} on")
        place = "; ".join([*where, "your last commands and their results"])
        count = f"{lost.count:,} message" + ("" if lost.count == 1 else "s")
        if lost.exact:
            return (
                f"{head} The newest {count} ({place}) could not be recovered; everything before "
                f"them was. {tail}"
            )
        about = ""
        dropped = self.dropped
        if dropped.missing and dropped.committed:  # frames cut off: judge by frames per message
            guess = lost.count + dropped.missing * recovered_seq // dropped.committed
            if guess > lost.count:
                about = f", about {guess:,} judging by the part cut off"
        return (
            f"{head} The newest messages could not be recovered: at least {count}{about} "
            f"({place}); everything before them was. {tail}"
        )


def keep_damaged_wal(path: Path, *, now: float | None = None) -> WalDamage | None:
    """Inspect ``path``'s ``-wal`` before SQLite opens it (``cartapp.store.wal``); if damaged,
    keep the database, WAL and wal-index as they are, byte for byte, as copies named
    ``<path>.corrupt-<time>`` (+ ``-wal``, ``-shm``), then cut the WAL to its valid committed
    prefix and drop the wal-index, so SQLite opens what can be recovered. Returns what was
    found (None: no WAL, or a healthy one; nothing is changed then).

    Call only with the data folder's lock held: no other process may have the file open.
    """
    wal, shm = companions(path)
    report = inspect_wal(wal, shm)
    if not report.damaged:
        return None
    dropped = dropped_frames(wal, report, shm)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    aside = Path(_free_name(f"{path}.corrupt-{stamp}"))
    for src, suffix in ((path, ""), (wal, "-wal"), (shm, "-shm")):
        if src.exists():
            _copy_no_overwrite(src, Path(f"{aside}{suffix}"))
    with open(wal, "r+b") as f:
        f.truncate(report.valid_length)
        os.fsync(f.fileno())
    with contextlib.suppress(FileNotFoundError):
        shm.unlink()
    return WalDamage(
        report.problem or "damaged", aside, dropped, report.lost_commits, report.estimated
    )
