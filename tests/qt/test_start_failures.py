"""Starting never ends in a traceback: ``main([...])`` for every way the start can fail returns
the documented exit code and prints what is wrong and how to fix it; the refusal dialog is
built (and themed) separately and skipped offscreen. Also: files are private under any umask."""

from __future__ import annotations

import errno
import gc
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

import cartapp.app as app_module
from cartapp.app import (
    EXIT_DATA_DIR,
    EXIT_STORE_REFUSED,
    EXIT_UNEXPECTED,
    build,
    main,
    refusal_box,
    start_failure_text,
)
from cartapp.paths import DATA_DIR_ENV, DataDirError
from cartapp.store import LiveStore, SchemaTooNewError, StoreError, StoreLockedError
from cartapp.store.lock import LOCK_NAME

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes, links, /proc")


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    old = os.umask(0o022)
    os.umask(old)
    yield
    assert os.umask(old) == old, "main() must give the umask back"


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], code: int) -> str:
    """Run ``main(argv)``, check its exit code and that it printed a message, no traceback."""
    assert main(argv) == code
    err = capsys.readouterr().err
    assert err.startswith("cartapp: "), err
    assert "Traceback" not in err
    return err


# -- the data folder: exit 4 --------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", " ", "  \t"])
def test_a_blank_data_dir_option_is_refused(qapp, capsys, blank: str) -> None:
    err = refused(["--data-dir", blank], capsys, EXIT_DATA_DIR)
    assert "names no folder" in err and "leave the option out" in err


def test_a_blank_data_dir_variable_is_refused(qapp, capsys, monkeypatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, "   ")
    err = refused([], capsys, EXIT_DATA_DIR)
    assert f"{DATA_DIR_ENV} is set to '   '" in err and f"unset {DATA_DIR_ENV}" in err


def test_a_data_path_that_is_a_file(qapp, capsys, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine\n")
    err = refused(["--data-dir", str(file)], capsys, EXIT_DATA_DIR)
    assert f"{file} is a file, not a folder" in err and "--data-dir DIR" in err
    assert file.read_text() == "mine\n"


def test_a_data_path_below_a_file(qapp, capsys, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine\n")
    err = refused(["--data-dir", str(file / "cart")], capsys, EXIT_DATA_DIR)
    assert f"{file} is a file, not a folder" in err


def _deny(monkeypatch: pytest.MonkeyPatch, name: str, inside: Path, error: int) -> None:
    """Make ``os.<name>`` fail with ``error`` for paths inside ``inside`` (the OS boundary:
    the tests run as root here, where modes alone deny nothing)."""
    real = getattr(os, name)

    def fake(path, *args, **kwargs):
        if str(path).startswith(str(inside)):
            raise OSError(error, os.strerror(error), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


def test_a_folder_that_cannot_be_created(qapp, capsys, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "locked" / "cart"
    _deny(monkeypatch, "mkdir", tmp_path / "locked", errno.EACCES)
    err = refused(["--data-dir", str(target)], capsys, EXIT_DATA_DIR)
    assert f"The data folder {target} cannot be created: permission denied" in err
    assert "Create it yourself" in err


def test_a_read_only_data_folder(qapp, capsys, monkeypatch, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _deny(monkeypatch, "open", data, errno.EACCES)
    err = refused(["--data-dir", str(data)], capsys, EXIT_DATA_DIR)
    assert f"The data folder {data} is read-only for you" in err
    assert f"chmod u+rwx {data}" in err


def test_a_data_folder_on_a_read_only_file_system(qapp, capsys, monkeypatch, tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _deny(monkeypatch, "open", data, errno.EROFS)
    err = refused(["--data-dir", str(data)], capsys, EXIT_DATA_DIR)
    assert "read-only file system" in err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_full_disk_at_the_first_write(qapp, capsys, monkeypatch, tmp_path: Path) -> None:
    data = tmp_path / "data"
    real = os.write

    def write(fd: int, payload: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(data)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, payload)

    monkeypatch.setattr(os, "write", write)
    err = refused(["--data-dir", str(data)], capsys, EXIT_DATA_DIR)
    assert f"The disk holding {data} is full. Free some space" in err


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (sqlite3.OperationalError("database or disk is full"), "is full. Free some space"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "is read-only"),
        (OSError(errno.ENOSPC, "No space left on device"), "is full. Free some space"),
    ],
)
def test_the_store_failing_to_write_at_start(
    qapp, capsys, monkeypatch, tmp_path: Path, error: Exception, says: str
) -> None:
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(LiveStore, "open", fail)
    err = refused(["--data-dir", str(tmp_path / "data")], capsys, EXIT_DATA_DIR)
    assert says in err


# -- the store refuses: exit 3 ------------------------------------------------------------------


@posix_only
def test_a_folder_where_the_lock_file_goes(qapp, capsys, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / LOCK_NAME).mkdir(parents=True)
    err = refused(["--data-dir", str(data)], capsys, EXIT_STORE_REFUSED)
    assert f"{data / LOCK_NAME} is a folder, not cartapp's lock file" in err
    assert "remove it" in err


@posix_only
def test_a_symlink_where_the_lock_file_goes(qapp, capsys, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    target = tmp_path / "precious"
    target.write_text("keep\n")
    (data / LOCK_NAME).symlink_to(target)
    err = refused(["--data-dir", str(data)], capsys, EXIT_STORE_REFUSED)
    assert "is a symbolic link" in err
    assert target.read_text() == "keep\n"


def test_any_store_error_is_shown_as_it_is(qapp, capsys, monkeypatch, tmp_path: Path) -> None:
    class StoreSomethingNewError(StoreError):
        pass

    def fail(*args, **kwargs):
        raise StoreSomethingNewError("the store is read-only: make it writable")

    monkeypatch.setattr(LiveStore, "open", fail)
    err = refused(["--data-dir", str(tmp_path / "d")], capsys, EXIT_STORE_REFUSED)
    assert "cartapp: the store is read-only: make it writable" in err


def test_an_unforeseen_failure_exits_1_with_the_details_on_stderr(
    qapp, capsys, monkeypatch, tmp_path: Path
) -> None:
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app_module, "build", fail)
    assert main(["--data-dir", str(tmp_path / "d")]) == EXIT_UNEXPECTED
    err = capsys.readouterr().err
    assert "cartapp: cartapp failed to start: RuntimeError: boom" in err
    assert "This is a bug in cartapp" in err


# -- settings that cannot be read are ignored -----------------------------------------------------


BAD_SETTINGS = (
    "[window]\n"
    "geometry=hello\n"
    "state=1, 2, 3\n"
    'splitter="@ByteArray(\\0\\0\\0\\xff\\0\\0\\0\\x1'  # cut short by a crash
    "\n[ui]\ntheme=4, 5\n"
)


def test_wrong_typed_settings_are_ignored_and_the_app_starts(
    qapp, capsys, monkeypatch, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text(BAD_SETTINGS)
    shown: list[bool] = []

    def exec_(self) -> int:
        shown.append(True)
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    try:
        assert main(["--data-dir", str(data)]) == 0
    finally:
        gc.unfreeze()
    assert shown == [True]
    assert "Traceback" not in capsys.readouterr().err


def test_restore_layout_ignores_each_wrong_typed_value(qapp, tmp_path: Path, dispose) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text(BAD_SETTINGS)
    app = build(data)
    try:
        assert app.window.restore_layout() is False
        assert app.theme.preference == "system"
    finally:
        dispose(app)


# -- the dialog ---------------------------------------------------------------------------------


def test_the_failure_text_names_the_problem_the_fix_and_the_code(tmp_path: Path) -> None:
    locked = StoreLockedError(str(tmp_path / LOCK_NAME), 4242)
    title, text, code = start_failure_text(locked, tmp_path)
    assert (title, code) == ("cartapp is already open", EXIT_STORE_REFUSED)
    assert "pid 4242" in text and "--data-dir DIR" in text
    newer = SchemaTooNewError(str(tmp_path / "cartapp.sqlite3"), 99, 3)
    assert start_failure_text(newer)[1:] == (str(newer), EXIT_STORE_REFUSED)
    blank = DataDirError("--data-dir names no folder")
    assert start_failure_text(blank) == (
        "cartapp cannot use its data folder",
        "--data-dir names no folder",
        EXIT_DATA_DIR,
    )
    full = start_failure_text(OSError(errno.ENOSPC, "No space left"), tmp_path)
    assert (
        full[1] == f"The disk holding {tmp_path} is full. Free some space and start cartapp again."
    )


def test_the_dialog_is_skipped_offscreen_and_shown_on_a_screen(
    qapp, capsys, monkeypatch, tmp_path: Path
) -> None:
    boxes: list[tuple[str, str]] = []

    class FakeBox:
        def __init__(self, title: str, text: str, data_dir: Path | None) -> None:
            boxes.append((title, text))

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(app_module, "refusal_box", FakeBox)
    refused(["--data-dir", " "], capsys, EXIT_DATA_DIR)
    assert boxes == []  # offscreen: nobody could click it
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    err = refused(["--data-dir", " "], capsys, EXIT_DATA_DIR)
    assert len(boxes) == 1
    title, text = boxes[0]
    assert title == "cartapp cannot use its data folder"
    assert err == f"cartapp: {text}\n"


def test_the_dialog_follows_the_saved_theme_and_wraps(qapp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text("[ui]\ntheme=dark\n")
    title, text, _ = start_failure_text(StoreLockedError(str(data / LOCK_NAME), 7), data)
    box = refusal_box(title, text, data)
    try:
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "cartapp is already open"
        assert (
            box.text()
            == "cartapp cannot open this cart: the cart is open in another cartapp window (pid 7)."
        )
        assert box.informativeText().startswith("Only one cartapp at a time")
        assert "\n" not in box.text()  # headline and detail are separate, each wraps
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        assert window.lightness() < 100  # dark, as saved
    finally:
        box.deleteLater()
    (data / "settings.ini").write_text("[ui]\ntheme=light\n")
    refusal_box(title, text, data).deleteLater()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150


# -- permissions --------------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("umask", [0o002, 0o022])
def test_everything_written_is_private_under_any_umask(
    qapp, tmp_path: Path, dispose, umask: int
) -> None:
    data = tmp_path / "data"
    old = os.umask(umask)
    try:
        app = build(data)
        app.window.save_layout()
        dispose(app)
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir()}
        assert "settings.ini" in modes and "cartapp.sqlite3" in modes
        assert all(mode == 0o600 for mode in modes.values()), modes
    finally:
        os.umask(old)


@posix_only
def test_an_existing_open_folder_and_settings_are_tightened(qapp, tmp_path: Path, dispose) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    (data / "settings.ini").write_text("[ui]\ntheme=light\n")
    os.chmod(data / "settings.ini", 0o644)
    app = build(data)
    dispose(app)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "settings.ini").stat().st_mode) == 0o600


def test_main_makes_the_umask_private_while_it_runs(qapp, monkeypatch, tmp_path: Path) -> None:
    seen: list[int] = []

    def exec_(self) -> int:
        current = os.umask(0)
        os.umask(current)
        seen.append(current)
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    try:
        assert main(["--data-dir", str(tmp_path / "d")]) == 0
    finally:
        gc.unfreeze()
    assert seen == [0o077]
