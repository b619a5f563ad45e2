"""``StoreLock``: one cartapp per data directory.

Policy (issue 4 asks to choose): a second instance on the same data directory does not start; it
gets ``StoreLockedError("the cart is open in another cartapp window (pid N)")``, which the UI
shows. Two apps following one cart would each need to re-read the other's events and re-decide
their commands; refusing is simpler and cannot lose or double anything.

The lock is an OS file lock on ``<data dir>/cartapp.lock`` (``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on Windows), held for as long as the app runs. The OS releases it when the
process dies, however it dies, so a crash or ``SIGKILL`` never leaves a stale lock behind; the pid
written into the file is only for the message.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from cartapp.store.errors import StoreLockedError
from cartapp.store.files import ensure_private_dir

__all__ = ["LOCK_NAME", "StoreLock"]

LOCK_NAME = "cartapp.lock"
_WIN_LOCK_OFFSET = 1 << 20
"""Windows locks a byte range; lock one far past the pid text so others can still read it."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class StoreLock:
    """The held lock of one data directory; ``release()`` (or the process's end) frees it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: str | os.PathLike[str]) -> StoreLock:
        """Take the lock of ``data_dir`` or raise ``StoreLockedError`` naming the holder's pid."""
        directory = Path(data_dir)
        ensure_private_dir(directory)
        path = directory / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            pid = _read_pid(fd)
            os.close(fd)
            raise StoreLockedError(str(path), pid)
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
