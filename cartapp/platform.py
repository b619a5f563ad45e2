"""Why a window cannot open here, checked before Qt is asked for a platform plugin.

When Qt's xcb plugin cannot start (no display, missing xcb libraries) Qt aborts the process
with a message few users can act on. ``platform_problem()`` looks for the usual reasons on Linux
first and returns advice to print instead (``main()`` prints it and exits with 2). It does not
import Qt: it runs before any ``QApplication`` exists and must not be the thing that fails.

The commands in the advice work as they are printed, right after the README's run command:
they start cartapp as ``<this python> -m cartapp`` (``cartapp`` itself need not be on PATH) and
say ``sudo`` only when not run as root.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Mapping

__all__ = ["XCB_PACKAGES", "platform_problem", "run_command"]

XCB_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxkbcommon-x11-0"
)
# Libraries Qt's xcb plugin loads, as ctypes.util.find_library names them.
_XCB_LIBRARIES = (
    "xcb-cursor",
    "xcb-icccm",
    "xcb-keysyms",
    "xcb-image",
    "xcb-render-util",
    "xcb-xinerama",
    "xcb-shape",
    "xcb-randr",
    "xkbcommon-x11",
)


def run_command() -> str:
    """A command line that starts this very cartapp, wherever it is installed."""
    return f"{shlex.quote(sys.executable)} -m cartapp"


def platform_problem(
    environ: Mapping[str, str] | None = None,
    find_library: Callable[[str], str | None] | None = None,
    platform: str = sys.platform,
    *,
    root: bool | None = None,
) -> str | None:
    """Why Qt could not open a window here, as advice to print; ``None`` when all looks fine.

    ``root``: whether the advice may leave out ``sudo`` (default: this process's user)."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    if find_library is None:
        import ctypes.util  # 28 ms to import: only where it is needed

        find_library = ctypes.util.find_library
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    name = requested.split(":", 1)[0].split(";", 1)[0].lower()
    if name and name != "xcb":
        return None  # offscreen, wayland, vnc, ...: Qt's own checks apply
    if not name and env.get("WAYLAND_DISPLAY"):
        return None
    if root is None:
        root = getattr(os, "geteuid", lambda: -1)() == 0
    sudo = "" if root else "sudo "
    cartapp = run_command()
    headless = (
        "To run without a screen (a server, CI), set QT_QPA_PLATFORM=offscreen, e.g.\n"
        f"    QT_QPA_PLATFORM=offscreen {cartapp} --screenshot cart.png"
    )
    if not env.get("DISPLAY"):
        return (
            "cartapp cannot open a window: no display was found (DISPLAY and WAYLAND_DISPLAY "
            "are not set).\nStart it from a desktop session, or run it under a virtual screen "
            "(on Debian or Ubuntu):\n"
            f"    {sudo}apt-get install -y xvfb && xvfb-run {cartapp}\n" + headless
        )
    missing = [lib for lib in _XCB_LIBRARIES if not find_library(lib)]
    if missing:
        return (
            "cartapp cannot open a window: Qt's xcb platform plugin needs libraries that are "
            f"not installed ({', '.join('lib' + m for m in missing)}).\n"
            "On Debian or Ubuntu install them with:\n"
            f"    {sudo}apt-get install -y {XCB_PACKAGES}\n" + headless
        )
    return None
