"""The one-window-per-cart lock: it holds on the data directory itself (deleting the lock file
frees nothing), it never writes through a link, and everything it writes is private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cartapp.store import LiveStore, StoreLock, StoreLockedError
from cartapp.store.files import ensure_private_dir
from cartapp.store.lock import LOCK_NAME, StoreLockPathError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and flock")

_OPEN_IN_CHILD = (
    "import sys\n"
    "from cartapp.store import LiveStore, StoreLockedError\n"
    "try:\n"
    "    LiveStore.open(sys.argv[1]).close()\n"
    "except StoreLockedError as exc:\n"
    "    print('refused:', exc)\n"
    "else:\n"
    "    print('opened')\n"
)


def _open_in_child(data_dir: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _OPEN_IN_CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


@posix_only
def test_deleting_the_lock_file_does_not_let_a_second_process_in(tmp_path: Path) -> None:
    first = LiveStore.open(tmp_path)
    try:
        (tmp_path / LOCK_NAME).unlink()
        assert _open_in_child(tmp_path).startswith("refused: the cart is open in another")
    finally:
        first.close()
    assert _open_in_child(tmp_path) == "opened"


@posix_only
def test_deleting_the_lock_file_does_not_let_a_second_lock_in_this_process(
    tmp_path: Path,
) -> None:
    with StoreLock.acquire(tmp_path):
        (tmp_path / LOCK_NAME).unlink()
        with pytest.raises(StoreLockedError):
            StoreLock.acquire(tmp_path)
    with StoreLock.acquire(tmp_path) as again:
        assert again.held


@posix_only
def test_a_symlink_at_the_lock_path_is_refused_and_its_target_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    target = tmp_path / "precious.txt"
    target.write_text("do not touch\n")
    (data / LOCK_NAME).symlink_to(target)
    with pytest.raises(StoreLockPathError, match="symbolic link") as caught:
        LiveStore.open(data)
    assert "remove it" in str(caught.value)
    assert target.read_text() == "do not touch\n"
    # Refused before anything else: no database was created, and the lock is free again.
    assert not (data / "cartapp.sqlite3").exists()
    (data / LOCK_NAME).unlink()
    LiveStore.open(data).close()


def test_a_dangling_symlink_at_the_lock_path_creates_nothing(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("symlinks need privileges on Windows")
    target = tmp_path / "elsewhere"
    (tmp_path / LOCK_NAME).symlink_to(target)
    with pytest.raises(StoreLockPathError):
        StoreLock.acquire(tmp_path)
    assert not target.exists()


def test_a_folder_at_the_lock_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).mkdir()
    with pytest.raises(StoreLockPathError, match="a folder"):
        StoreLock.acquire(tmp_path)


@posix_only
@pytest.mark.parametrize("umask", [0o002, 0o022])
def test_the_store_lock_and_wal_are_private_under_any_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        data = tmp_path / "data"
        live = LiveStore.open(data)
        try:
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir() if p.is_file()}
            assert stat.S_IMODE(data.stat().st_mode) == 0o700
            assert modes, "the store wrote no files"
            assert all(mode == 0o600 for mode in modes.values()), modes
        finally:
            live.close()
    finally:
        os.umask(old)


@posix_only
def test_an_existing_open_folder_is_tightened(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    (data / LOCK_NAME).write_text("")
    os.chmod(data / LOCK_NAME, 0o644)
    with caplog.at_level("WARNING"):
        ensure_private_dir(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert "made the data folder" in caplog.text
    with StoreLock.acquire(data):
        assert stat.S_IMODE((data / LOCK_NAME).stat().st_mode) == 0o600


@posix_only
def test_tightening_keeps_a_read_only_folder_read_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o555)
    try:
        ensure_private_dir(data)
        assert stat.S_IMODE(data.stat().st_mode) == 0o500
    finally:
        os.chmod(data, 0o700)
