"""The store's exceptions: one base class, one subclass per thing a caller may want to handle.

Every message is written for a person: the UI shows ``str(exc)`` as it is.

Besides its own errors a store call may let SQLite's through (busy, disk full, I/O): callers
outside the store catch ``STORE_FAILURES`` (never ``sqlite3`` itself, which only the store
imports) and turn a database error into the disk problem it is with ``database_problem``.
"""

from __future__ import annotations

import errno
import sqlite3

__all__ = [
    "STORE_FAILURES",
    "STORE_OR_OS_FAILURES",
    "ChainBrokenError",
    "ConcurrencyError",
    "DamagedMessageError",
    "DuplicateEventError",
    "ImportCancelledError",
    "ImportFileError",
    "SchemaTooNewError",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreReadOnlyError",
    "database_problem",
]


class StoreError(Exception):
    """Base of every error the event store raises on purpose."""


class ConcurrencyError(StoreError):
    """The stream moved on: its version is not the one the caller expected. Nothing was written.

    Re-read the stream (``actual``), decide again and retry.
    """

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        super().__init__(
            f"stream {stream!r} is at version {actual}, not at the expected version {expected}"
        )
        self.stream = stream
        self.expected = expected
        self.actual = actual


class DuplicateEventError(StoreError):
    """An event id is already stored (or appears twice in one append). Nothing was written."""

    def __init__(self, event_id: str, detail: str = "is already in the store") -> None:
        super().__init__(f"event {event_id} {detail}")
        self.event_id = event_id
        self.detail = detail


class SchemaTooNewError(StoreError):
    """The database was written by a newer cartapp; this version refuses to touch it."""

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer version of cartapp (schema {found}; this version "
            f"understands schema {supported} and older). Update cartapp, or move the file away "
            "to start with an empty cart. The file was not changed."
        )
        self.path = path
        self.found = found
        self.supported = supported


class StoreCorruptError(StoreError):
    """The database file is damaged, not a database, or not a cartapp database."""


class StoreReadOnlyError(StoreError):
    """The database file is not writable; cartapp leaves it as it is (never chmod-s it)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is read-only; make it writable (chmod u+w {path}) or move it away to start "
            "with an empty cart. The file was not changed."
        )
        self.path = path


class DamagedMessageError(StoreCorruptError):
    """A stored message that fails the rules every message obeys when it comes in (a field of
    the wrong type or out of range, a payload that is not JSON, an unknown type): the file was
    edited or damaged. ``stream`` and ``version`` name the first such message found, so a
    salvage can keep the messages before it; ``reason`` says what is wrong with it."""

    def __init__(self, stream: str, version: int, reason: str) -> None:
        super().__init__(f"message {version} of stream {stream!r} is damaged: {reason}")
        self.stream = stream
        self.version = version
        self.reason = reason


class ChainBrokenError(DamagedMessageError):
    """A stored message's digest does not match it and the messages before it: it (or one
    before it) was changed, removed or reordered outside cartapp. ``version`` is the first
    message that does not match."""

    def __init__(self, stream: str, version: int) -> None:
        super().__init__(
            stream,
            version,
            "it does not match its tamper-evident digest (it was changed outside cartapp)",
        )


class StoreLockedError(StoreError):
    """Another cartapp process holds the data directory's lock."""

    def __init__(self, path: str, pid: int | None) -> None:
        who = f" (pid {pid})" if pid else ""
        super().__init__(f"the cart is open in another cartapp window{who}")
        self.path = path
        self.pid = pid


class ImportFileError(StoreError):
    """A JSON Lines file that cannot be imported; ``line`` is 1-based (0: the file as a whole)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason


class ImportCancelledError(StoreError):
    """An import was cancelled (its progress callback said stop); nothing was stored.

    ``lines`` is how many lines had been read by then.
    """

    def __init__(self, lines: int) -> None:
        super().__init__("the import was cancelled; nothing was stored")
        self.lines = lines


STORE_FAILURES: tuple[type[Exception], ...] = (StoreError, sqlite3.Error)
"""What a store call may raise because of the file or the disk rather than a bug: catch these."""
STORE_OR_OS_FAILURES: tuple[type[Exception], ...] = (*STORE_FAILURES, OSError)
"""``STORE_FAILURES`` and ``OSError``: what closing or opening the files may raise."""

_DISK_FULL = ("database or disk is full", "disk i/o error")
_READ_ONLY = ("readonly database", "read-only", "unable to open database file")


def database_problem(exc: BaseException) -> OSError | None:
    """The disk problem a database error (one SQLite raised) stands for, as an ``OSError``: full
    (``ENOSPC``), not writable (``EACCES``) or another I/O error (``EIO``); None for any other
    exception."""
    if not isinstance(exc, sqlite3.Error):
        return None
    message = str(exc).lower()
    if any(m in message for m in _DISK_FULL):
        return OSError(errno.ENOSPC, str(exc))
    if any(m in message for m in _READ_ONLY):
        return OSError(errno.EACCES, str(exc))
    return OSError(errno.EIO, f"the database reported: {exc}")
