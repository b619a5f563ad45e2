"""``StoreLock``: one cartapp per data directory.

Policy (issue 4 asks to choose): a second instance on the same data directory does not start; it
gets ``StoreLockedError("the cart is open in another cartapp window (pid N)")``, which the UI
shows. Two apps following one cart would each need to re-read the other's events and re-decide
their commands; refusing is simpler and cannot lose or double anything.

The lock is held for as long as the app runs, and the OS releases it when the process dies,
however it dies, so a crash or ``SIGKILL`` never leaves a stale lock behind:

- On Linux and macOS, ``fcntl.flock`` on the data directory itself, which holds the database:
  a folder that is not empty cannot be deleted, and one renamed away takes its cart with it, so
  nobody can take the lock away from under a running window. ``flock`` is independent of the
  POSIX byte-range locks SQLite takes on the database file (on Linux and on macOS), and it is
  taken on a different file, so SQLite's own locking and WAL are untouched.
- Also ``flock`` (``msvcrt.locking`` on a byte range far past the pid text on Windows) on
  ``<data dir>/cartapp.lock``, which holds the holder's pid for the message. Deleting that file
  no longer frees anything on Linux and macOS; on Windows an open file cannot be deleted. It
  still guards against an older cartapp that only knows this file.

The lock file is opened with ``O_NOFOLLOW``: a symbolic link (or a folder, or anything but a
regular file) at its path is refused with ``StoreLockPathError`` and never written through.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from cartapp.store.errors import StoreError, StoreLockedError
from cartapp.store.files import ensure_private_dir

__all__ = ["LOCK_NAME", "StoreLock", "StoreLockPathError"]

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


class StoreLockPathError(StoreError):
    """Something that is not a regular file (a symbolic link, a folder) is where the lock file
    goes; it is left as it is."""

    def __init__(self, path: str, what: str) -> None:
        super().__init__(
            f"{path} is {what}, not cartapp's lock file. cartapp never writes through it: "
            "remove it (or move it away) and start cartapp again."
        )
        self.path = path


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _describe(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "not a regular file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _open_lock_file(path: Path) -> int:
    """The lock file's descriptor, never through a link; raises ``StoreLockPathError``."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), 0o600)
    except (IsADirectoryError, NotADirectoryError) as exc:
        raise StoreLockPathError(str(path), _describe(path)) from exc
    except OSError as exc:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise StoreLockPathError(str(path), _describe(path)) from exc
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO, a device: never written to
        os.close(fd)
        raise StoreLockPathError(str(path), _describe(path))
    if sys.platform != "win32":
        os.fchmod(fd, 0o600)
    return fd


def _lock_directory(directory: Path) -> int | None:
    """An exclusive ``flock`` on the data directory (POSIX); its fd, or None if held elsewhere.

    Windows cannot open a folder as a file; there the lock file alone is the lock (an open file
    cannot be deleted there)."""
    if sys.platform == "win32":
        return -1
    import fcntl

    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class StoreLock:
    """The held lock of one data directory; ``release()`` (or the process's end) frees it."""

    def __init__(self, path: Path, fd: int, dir_fd: int = -1) -> None:
        self.path = path
        self._fd: int | None = fd
        self._dir_fd = dir_fd

    @classmethod
    def acquire(cls, data_dir: str | os.PathLike[str]) -> StoreLock:
        """Take the lock of ``data_dir`` or raise ``StoreLockedError`` naming the holder's pid."""
        directory = Path(data_dir)
        ensure_private_dir(directory)
        path = directory / LOCK_NAME
        dir_fd = _lock_directory(directory)
        try:
            fd = _open_lock_file(path)
        except BaseException:
            if dir_fd is not None and dir_fd >= 0:
                os.close(dir_fd)
            raise
        if dir_fd is None or not _try_lock(fd):
            pid = _read_pid(fd)
            os.close(fd)
            if dir_fd is not None and dir_fd >= 0:
                os.close(dir_fd)
            raise StoreLockedError(str(path), pid)
        lock = cls(path, fd, dir_fd)
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except BaseException:  # a full disk: let go of the lock before saying so
            lock.release()
            raise
        return lock

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
        dir_fd, self._dir_fd = self._dir_fd, -1
        if dir_fd >= 0:
            os.close(dir_fd)  # closing the descriptor frees its flock

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
