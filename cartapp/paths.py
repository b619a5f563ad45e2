"""Where files live: bundled resources (checkout or wheel) and the user's data directory.

Resources are looked up in ``cartapp/resources`` first (an installed wheel: pyproject's hatch
``force-include`` puts them there) and then in ``resources/`` next to the ``cartapp`` package (a
source checkout). The data directory is ``--data-dir`` if given, else ``$CARTAPP_DATA_DIR``, else
the platform's application-data folder, which the Qt layer picks (``QStandardPaths``); this
module stays free of Qt and only answers the first two. A value that is empty or only spaces is
refused (``DataDirError``) rather than silently replaced by the user's usual cart; an unset or
empty ``$CARTAPP_DATA_DIR`` means "not set".

``prepare_data_dir(path)`` creates the folder and proves it can be written (a probe file is
created and removed); every way it can fail raises ``DataDirError`` whose text names the
problem and the fix (``data_dir_problem`` words an ``OSError`` the same way).
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

__all__ = [
    "DATA_DIR_ENV",
    "DataDirError",
    "ResourceNotFound",
    "data_dir_override",
    "data_dir_problem",
    "prepare_data_dir",
    "resource_path",
    "resources_root",
]

DATA_DIR_ENV = "CARTAPP_DATA_DIR"
"""Environment variable that overrides the default data directory."""

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceNotFound(FileNotFoundError):
    """A bundled resource is missing: the installation is incomplete."""


def _candidates() -> tuple[Path, ...]:
    return (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources")


def resources_root() -> Path:
    """The folder holding ``catalog.json`` and ``icons/`` (wheel layout first, then checkout)."""
    for root in _candidates():
        if (root / "catalog.json").is_file():
            return root
    searched = ", ".join(str(p) for p in _candidates())
    raise ResourceNotFound(f"cartapp's resources are missing (looked in {searched})")


def resource_path(name: str) -> Path:
    """The path of resource ``name`` (e.g. ``"icons/add.svg"``); raises if it does not exist."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"resource names are relative and stay inside resources/: {name!r}")
    path = resources_root() / relative
    if not path.exists():
        raise ResourceNotFound(f"resource {name!r} not found in {path.parent}")
    return path


class DataDirError(Exception):
    """The data folder cannot be used; ``str(exc)`` names the problem and the fix."""


def data_dir_override(cli_value: str | os.PathLike[str] | None = None) -> Path | None:
    """The data directory chosen by the user (``--data-dir``, then ``$CARTAPP_DATA_DIR``).

    ``None`` means: use the platform default (the Qt layer asks ``QStandardPaths``). A
    ``--data-dir`` that is empty or only spaces, or a ``$CARTAPP_DATA_DIR`` of only spaces,
    raises ``DataDirError``: falling back to the usual cart would open the wrong cart.
    """
    if cli_value is not None:
        if not str(cli_value).strip():
            raise DataDirError(
                f"--data-dir was given as {str(cli_value)!r}, which names no folder. Give a "
                "folder (e.g. --data-dir ~/carts/test), or leave the option out to use your "
                "usual cart."
            )
        return Path(cli_value).expanduser()
    env = os.environ.get(DATA_DIR_ENV, "")
    if env and not env.strip():
        raise DataDirError(
            f"{DATA_DIR_ENV} is set to {env!r}, which names no folder. Set it to a folder, or "
            f"unset it (unset {DATA_DIR_ENV}) to use your usual cart."
        )
    if env:
        return Path(env).expanduser()
    return None


_FIX = "or start cartapp with another folder: cartapp --data-dir DIR"


def data_dir_problem(path: Path, exc: OSError) -> str:
    """What went wrong with the data folder ``path`` and how to fix it, for a person."""
    where = Path(exc.filename) if exc.filename else path
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        return f"The disk holding {path} is full. Free some space and start cartapp again."
    if exc.errno == errno.EROFS:
        return f"{path} is on a read-only file system. Make it writable, {_FIX}."
    if exc.errno == errno.ENOTDIR or (exc.errno == errno.EEXIST and where.exists()):
        file = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), where)
        return (
            f"{file} is a file, not a folder, so the data folder {path} cannot be used. "
            f"Move the file away, {_FIX}."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        if path.is_dir():
            return (
                f"The data folder {path} is read-only for you (cartapp keeps your cart there "
                f"and must write to it). Make it writable (chmod u+rwx {path}), {_FIX}."
            )
        return (
            f"The data folder {path} cannot be created: permission denied (at {where}). "
            f"Create it yourself, {_FIX}."
        )
    reason = exc.strerror or str(exc)
    return f"The data folder {path} cannot be used: {reason} (at {where}). Check it, {_FIX}."


def prepare_data_dir(path: Path) -> Path:
    """Create ``path`` (mode 0700) if needed and prove it is a writable folder; returns it.

    Raises ``DataDirError`` (see ``data_dir_problem``). The probe file is created exclusively
    under a random name and removed at once.
    """
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path))
        probe = path / f".cartapp-probe-{secrets.token_hex(4)}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"x")
        finally:
            os.close(fd)
            os.unlink(probe)
    except FileExistsError as exc:  # mkdir: a file is where the folder should be
        raise DataDirError(data_dir_problem(path, exc)) from None
    except OSError as exc:
        raise DataDirError(data_dir_problem(path, exc)) from None
    return path
