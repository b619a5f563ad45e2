"""Architecture: the Qt-free core never loads PySide6; the domain depends on nothing of ours.

Every module of the core packages is found by walking their folders (new modules are included
without editing this file) and imported in a fresh interpreter, which then reports whether any Qt
module got loaded. The source is also read with ``ast`` so a Qt import hidden behind a branch that
did not run still counts.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "cartapp"
CORE = ("domain", "bus", "store", "analytics", "handlers")
QT_ROOTS = ("PySide6", "shiboken6")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def core_modules() -> list[tuple[str, Path]]:
    found = []
    for package in CORE:
        root = PACKAGE / package
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" not in path.parts:
                found.append((module_name(path), path))
    return found


MODULES = core_modules()
PROBE = f"""
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {QT_ROOTS!r})))
"""


def test_the_walk_finds_the_core() -> None:
    names = {name for name, _ in MODULES}
    # what issue 2 built; anything added later is picked up by the walk
    for expected in (
        "cartapp.domain.money",
        "cartapp.domain.catalog",
        "cartapp.domain.cart",
        "cartapp.domain.events",
        "cartapp.domain.decider",
        "cartapp.bus.bus",
        "cartapp.bus.envelope",
        "cartapp.bus.stages",
        "cartapp.store.mapper",
        "cartapp.handlers.service",
        "cartapp.store.port",
        "cartapp.analytics",
    ):
        assert expected in names


@pytest.fixture(scope="module")
def qt_modules_loaded() -> dict[str, list[str] | str]:
    """Import every core module in its own fresh interpreter, all started at once."""
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", PROBE, name],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, _ in MODULES
    }
    results: dict[str, list[str] | str] = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = json.loads(out) if proc.returncode == 0 else f"import failed:\n{err}"
    return results


@pytest.mark.parametrize("name", [name for name, _ in MODULES])
def test_importing_a_core_module_never_loads_qt(
    name: str, qt_modules_loaded: dict[str, list[str] | str]
) -> None:
    assert qt_modules_loaded[name] == []


def imported_names(path: Path, module: str) -> list[str]:
    """Every module name ``path`` imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.append(target)
            # "from cartapp import qt" imports the module cartapp.qt
            names.extend(f"{target}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_no_core_module_imports_qt(name: str, path: Path) -> None:
    bad = [n for n in imported_names(path, name) if n.split(".")[0] in QT_ROOTS]
    assert bad == [], f"{name} imports {bad}"


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_no_core_module_imports_the_qt_layer_or_the_app(name: str, path: Path) -> None:
    bad = [
        n
        for n in imported_names(path, name)
        if n in ("cartapp.app", "cartapp.qt") or n.startswith(("cartapp.app.", "cartapp.qt."))
    ]
    assert bad == [], f"{name} imports {bad}"


DOMAIN = [(name, path) for name, path in MODULES if name.startswith("cartapp.domain")]


@pytest.mark.parametrize(("name", "path"), DOMAIN, ids=[name for name, _ in DOMAIN])
def test_the_domain_imports_nothing_of_ours_outside_the_domain(name: str, path: Path) -> None:
    ours = [n for n in imported_names(path, name) if n == "cartapp" or n.startswith("cartapp.")]
    bad = [n for n in ours if not (n == "cartapp.domain" or n.startswith("cartapp.domain."))]
    assert bad == [], f"{name} imports {bad}"


def test_the_import_reader_sees_relative_and_hidden_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from ..bus import EventBus\n"
        "from . import money\n"
        "if TYPE_CHECKING:\n"
        "    from PySide6.QtCore import QObject\n"
        "def late():\n"
        "    import shiboken6\n",
        encoding="utf-8",
    )
    names = imported_names(sample, "cartapp.domain.sample")
    assert "cartapp.bus" in names and "cartapp.bus.EventBus" in names
    assert "cartapp.domain.money" in names
    assert "PySide6.QtCore" in names and "shiboken6" in names


def outside_the_qt_zone() -> list[tuple[str, Path]]:
    """Every module of the package except cartapp/qt/** and cartapp/app.py (STYLE.md)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if "__pycache__" in rel.parts or rel.parts[0] == "qt" or rel == Path("app.py"):
            continue
        found.append((module_name(path), path))
    return found


OUTSIDE = outside_the_qt_zone()


@pytest.mark.parametrize(("name", "path"), OUTSIDE, ids=[name for name, _ in OUTSIDE])
def test_only_the_qt_zone_and_the_app_import_pyside(name: str, path: Path) -> None:
    bad = [n for n in imported_names(path, name) if n.split(".")[0] in QT_ROOTS]
    assert bad == [], f"{name} imports {bad}: Qt code belongs in cartapp/qt"


def test_the_qt_zone_walk_covers_bench_and_paths() -> None:
    names = {name for name, _ in OUTSIDE}
    assert {"cartapp.bench.bus", "cartapp.bench.store", "cartapp.paths"} <= names
    assert not any(n.startswith("cartapp.qt") or n == "cartapp.app" for n in names)
