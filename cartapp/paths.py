"""Where files live: bundled resources (checkout or wheel) and the user's data directory.

Resources are looked up in ``cartapp/resources`` first (an installed wheel: pyproject's hatch
``force-include`` puts them there) and then in ``resources/`` next to the ``cartapp`` package (a
source checkout). The data directory is ``--data-dir`` if given, else ``$CARTAPP_DATA_DIR``, else
the platform's application-data folder, which the Qt layer picks (``QStandardPaths``); this
module stays free of Qt and only answers the first two.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_DIR_ENV",
    "ResourceNotFound",
    "data_dir_override",
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


def data_dir_override(cli_value: str | os.PathLike[str] | None = None) -> Path | None:
    """The data directory chosen by the user (``--data-dir``, then ``$CARTAPP_DATA_DIR``).

    ``None`` means: use the platform default (the Qt layer asks ``QStandardPaths``).
    """
    if cli_value is not None and str(cli_value).strip():
        return Path(cli_value).expanduser()
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return None
