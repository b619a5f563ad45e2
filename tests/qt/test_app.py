"""The composition root and the command line: build(), the automation contract, resources,
data directories, the platform check, ``--version`` and ``--screenshot``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QWidget

import cartapp
from cartapp.app import XCB_PACKAGES, App, main, platform_problem, resolve_data_dir
from cartapp.bus import EventBus
from cartapp.domain.events import AddItem
from cartapp.handlers import CartService
from cartapp.paths import (
    DATA_DIR_ENV,
    DataDirError,
    ResourceNotFound,
    data_dir_override,
    resource_path,
    resources_root,
)
from cartapp.qt.bridge import QtBridge
from cartapp.qt.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]

CONTRACT_WIDGETS = (
    "catalogSearch",
    "categoryFilter",
    "catalogView",
    "quantitySpin",
    "addToCartButton",
    "cartView",
    "subtotalLabel",
    "taxLabel",
    "totalLabel",
    "clearCartButton",
    "checkoutButton",
)
EVENT_LOG_WIDGETS = (
    "eventLogView",
    "eventLogFilter",
    "eventLogSearch",
    "eventLogPauseButton",
    "eventDetails",
)
CONTRACT_ACTIONS = ("undoAction", "redoAction")


# -- build() ----------------------------------------------------------------------------------


def test_build_returns_the_wired_app_without_running_the_loop(cart_app: App) -> None:
    assert isinstance(cart_app.bus, EventBus)
    assert isinstance(cart_app.window, MainWindow)
    assert isinstance(cart_app.bridge, QtBridge)
    assert isinstance(cart_app.service, CartService)
    assert len(cart_app.catalog) == 48
    # The handler is on the bus and the window follows its facts.
    cart_app.bus.publish(AddItem(item_id="pretzel", quantity=2), source="test")
    assert cart_app.service.cart.quantity_of("pretzel") == 2
    assert cart_app.window.cart_model.cart.quantity_of("pretzel") == 2


@pytest.mark.parametrize("name", CONTRACT_WIDGETS)
def test_contract_widgets_have_object_and_accessible_names(cart_app: App, name: str) -> None:
    widget = cart_app.window.findChild(QWidget, name)
    assert widget is not None, name
    assert widget.accessibleName()


@pytest.mark.parametrize("name", EVENT_LOG_WIDGETS)
def test_event_log_contract_names(cart_app: App, name: str) -> None:
    widget = cart_app.window.findChild(QWidget, name)
    assert widget is not None, name
    assert widget.accessibleName()


@pytest.mark.parametrize("name", CONTRACT_ACTIONS)
def test_contract_actions(cart_app: App, name: str) -> None:
    action = cart_app.window.findChild(QAction, name)
    assert action is not None
    assert not action.shortcut().isEmpty()


def test_the_event_log_is_docked_at_the_bottom(cart_app: App) -> None:
    dock = cart_app.docks["eventLogDock"]
    assert cart_app.window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert dock.toggleViewAction() in cart_app.window.view_menu.actions()


def test_on_first_run_the_catalog_and_cart_get_most_of_the_height(cart_app: App, qtbot) -> None:
    window = cart_app.window
    log = cart_app.docks["eventLogDock"]
    qtbot.waitUntil(lambda: log.height() > 0)
    central = window.centralWidget()
    assert central is not None
    assert log.height() < 0.4 * window.height()
    assert central.height() > log.height()


def test_build_uses_the_given_data_dir_for_settings(cart_app: App, data_dir: Path) -> None:
    assert cart_app.data_dir == data_dir
    assert Path(cart_app.settings.fileName()) == data_dir / "settings.ini"


# -- paths ------------------------------------------------------------------------------------


def test_resources_are_found_from_the_checkout() -> None:
    assert resource_path("catalog.json").is_file()
    assert resource_path("icons/empty-cart.svg").is_file()
    assert resource_path("styles/app.qss").is_file()
    assert resources_root() == REPO / "resources"


def test_an_installed_wheel_layout_wins_over_the_checkout(monkeypatch, tmp_path: Path) -> None:
    import cartapp.paths as paths

    package = tmp_path / "site-packages" / "cartapp"
    (package / "resources" / "icons").mkdir(parents=True)
    (package / "resources" / "catalog.json").write_text("{}")
    (package / "resources" / "icons" / "app.svg").write_text("<svg/>")
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert resources_root() == package / "resources"
    assert resource_path("icons/app.svg") == package / "resources" / "icons" / "app.svg"
    (package / "resources" / "catalog.json").unlink()
    with pytest.raises(ResourceNotFound, match="resources are missing"):
        resources_root()


@pytest.mark.parametrize("name", ["../pyproject.toml", "/etc/passwd"])
def test_resource_names_stay_inside_resources(name: str) -> None:
    with pytest.raises(ValueError, match="inside resources"):
        resource_path(name)


def test_a_missing_resource_says_so() -> None:
    with pytest.raises(ResourceNotFound, match=r"nope\.svg"):
        resource_path("icons/nope.svg")


def test_data_dir_precedence(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert data_dir_override(tmp_path / "cli") == tmp_path / "cli"
    assert data_dir_override() == tmp_path / "env"
    monkeypatch.delenv(DATA_DIR_ENV)
    assert data_dir_override() is None
    monkeypatch.setenv(DATA_DIR_ENV, "")
    assert data_dir_override() is None  # set but empty: the same as unset


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_a_blank_data_dir_is_refused_not_replaced_by_the_usual_cart(
    monkeypatch, blank: str
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    with pytest.raises(DataDirError, match=r"--data-dir was given as .* names no folder"):
        data_dir_override(blank)
    if blank:
        monkeypatch.setenv(DATA_DIR_ENV, blank)
        with pytest.raises(DataDirError, match=f"{DATA_DIR_ENV} is set to .* unset"):
            data_dir_override()


def test_resolve_data_dir_creates_it_and_falls_back_to_qt(
    qapp, monkeypatch, tmp_path: Path
) -> None:
    made = resolve_data_dir(tmp_path / "a" / "b")
    assert made.is_dir()
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    fallback = resolve_data_dir()
    assert fallback.is_dir()
    assert str(fallback).startswith(str(tmp_path / "xdg"))


# -- platform check ---------------------------------------------------------------------------


def _all_libs(name: str) -> str:
    return f"lib{name}.so.0"


def test_no_display_gives_advice_not_an_abort() -> None:
    message = platform_problem({}, _all_libs, "linux")
    assert message is not None
    assert "no display" in message
    assert "QT_QPA_PLATFORM=offscreen" in message


@pytest.mark.parametrize(("root", "sudo"), [(True, ""), (False, "sudo ")])
def test_the_no_display_advice_is_a_command_that_works_as_printed(root: bool, sudo: str) -> None:
    """After the README's run command, ``cartapp`` is not on PATH and xvfb is not installed:
    the advice installs xvfb (sudo only when needed) and starts this very cartapp."""
    message = platform_problem({}, _all_libs, "linux", root=root)
    assert message is not None
    launcher = f"{shlex.quote(sys.executable)} -m cartapp"
    assert f"\n    {sudo}apt-get install -y xvfb && xvfb-run {launcher}\n" in message
    assert f"QT_QPA_PLATFORM=offscreen {launcher} --screenshot cart.png" in message
    if root:
        assert "sudo" not in message


def test_missing_xcb_libraries_name_the_debian_packages() -> None:
    missing = {"xcb-cursor", "xkbcommon-x11"}
    message = platform_problem(
        {"DISPLAY": ":0"}, lambda n: None if n in missing else _all_libs(n), "linux", root=False
    )
    assert message is not None
    assert "libxcb-cursor" in message
    assert f"sudo apt-get install -y {XCB_PACKAGES}" in message
    assert "libxcb-icccm" not in message.split("(")[1].split(")")[0]  # only the missing named


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"DISPLAY": ":0"}, "linux"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({}, "darwin"),
        ({}, "win32"),
    ],
)
def test_platforms_that_can_start(environ: dict[str, str], platform: str) -> None:
    assert platform_problem(environ, _all_libs, platform) is None


def test_explicit_xcb_without_display_is_a_problem() -> None:
    env = {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}
    assert platform_problem(env, _all_libs, "linux") is not None


def test_main_exits_2_with_the_advice(monkeypatch, capsys) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main([]) == 2
    assert "QT_QPA_PLATFORM=offscreen" in capsys.readouterr().err


def test_main_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"cartapp {cartapp.__version__}"


# -- the real command, in a subprocess --------------------------------------------------------


def _run(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cartapp", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _headless_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env[DATA_DIR_ENV] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


def test_screenshot_renders_a_png_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = _run(["--screenshot", str(out)], _headless_env(tmp_path))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1400, 860)
    # The demo cart never lands in the user's data directory.
    assert not (tmp_path / "data" / "settings.ini").exists()


def test_a_screenshot_never_writes_into_the_given_data_dir(qapp, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    mine = tmp_path / "mine"
    mine.mkdir()
    assert main(["--screenshot", str(out), "--data-dir", str(mine)]) == 0
    assert QImage(str(out)).size().toTuple() == (1400, 860)
    assert sorted(mine.iterdir()) == []  # no store, no lock, no settings: the demo went elsewhere


def test_version_in_a_subprocess(tmp_path: Path) -> None:
    done = _run(["--version"], _headless_env(tmp_path))
    assert done.returncode == 0
    assert done.stdout.strip() == f"cartapp {cartapp.__version__}"


def test_no_display_in_a_subprocess_prints_advice_and_exits_2(tmp_path: Path) -> None:
    done = _run([], _headless_env(tmp_path))
    assert done.returncode == 2
    assert "cannot open a window" in done.stderr
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
