"""Architecture: the Qt-free core never loads PySide6; the domain depends on nothing of ours;
the layers hold (no import points up or at a sibling, no import circle); sqlite3 stays in the store.

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
CORE = ("domain", "bus", "store", "shop", "history", "analytics", "handlers")
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
        "cartapp.history.time_travel",
        "cartapp.history.stored_log",
        "cartapp.history.scopes",
        "cartapp.store.telemetry",
        "cartapp.shop.session",
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


# -- the layers (STYLE.md's tree) ----------------------------------------------------------------
#
# Every module of the package gets a rank; a module may import only modules of a lower rank, or of
# its own rank in its own package (a sibling of the same layer, e.g. store and bus, does not import
# the other). Imports under ``if TYPE_CHECKING:`` are exempt: they name types for the checker and
# never run, so they make neither an arrow nor a circle. Imports inside functions count: they run.

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("cartapp", "cartapp.domain", "cartapp.paths", "cartapp.platform")),
    ("messages", ("cartapp.bus.envelope", "cartapp.bus.stage_row")),
    ("infrastructure", ("cartapp.store", "cartapp.bus")),
    # the shop (the broker's adapters of the store's port, for a shop of tills; optional extra) is a
    # sibling of the services: the cart service reaches it only through ports (EventLog, StockGate)
    # that the app hands it, so neither names the other
    ("services", ("cartapp.shop", "cartapp.history", "cartapp.analytics", "cartapp.handlers")),
    ("qt", ("cartapp.qt",)),
    ("app", ("cartapp.app",)),
    ("entry point", ("cartapp.__main__",)),
    # The benchmarks are a tool over the app: they build it and drive it through its public API.
    # Their Qt half lives under cartapp/qt/ only because only the Qt zone may import PySide6.
    ("benchmarks", ("cartapp.bench",)),
    ("qt benchmarks", ("cartapp.qt.bench",)),
    ("benchmark runner", ("cartapp.bench.__main__",)),
)
"""Lowest first. A module belongs to the entry with the longest prefix that names it."""


def layer_of(module: str) -> tuple[int, str]:
    """(rank, the prefix that placed it) of one of our modules."""
    best: tuple[int, str] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > len(best[1])
            ):
                best = (rank, prefix)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best


def all_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


ALL = all_modules()


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for inner in node.body:
                    exempt.update(id(n) for n in ast.walk(inner))
    return exempt


def runtime_imports(path: Path, module: str) -> set[str]:
    """Our modules that ``path`` imports when it runs (module level and inside functions,
    relative imports resolved, ``from package import module`` seen as the module), without the
    ``TYPE_CHECKING`` ones."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    exempt = _type_checking_only(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            submodules = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in ALL]
            targets = submodules or [target]
        for target in targets:
            # "import cartapp.store.store" names the module; keep the longest known prefix
            while target and target not in ALL:
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


GRAPH = {name: runtime_imports(path, name) for name, path in ALL.items()}


def arrows_up(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in graph.items():
        rank, prefix = layer_of(module)
        for target in sorted(targets):
            target_rank, target_prefix = layer_of(target)
            if target_rank > rank:
                bad.append(
                    f"{module} ({LAYERS[rank][0]}) imports {target} ({LAYERS[target_rank][0]})"
                )
            elif target_rank == rank and prefix != target_prefix and target_prefix != "cartapp":
                bad.append(f"{module} imports its sibling {target} ({LAYERS[rank][0]})")
    return bad


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of ``graph`` (Tarjan's strongly connected components of 2 or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer() -> None:
    for name in ALL:
        layer_of(name)


def test_no_import_points_up_or_sideways() -> None:
    assert arrows_up(GRAPH) == []


def test_there_is_no_import_circle() -> None:
    assert cycles(GRAPH) == []


def test_the_contract_sees_an_arrow_up_a_sibling_and_a_circle() -> None:
    graph = {
        "cartapp.store.live": {"cartapp.qt.bridge"},  # up
        "cartapp.store.rows": {"cartapp.bus.stages", "cartapp.bus.envelope"},  # sibling; allowed
        "cartapp.handlers.service": {"cartapp.shop.session", "cartapp.store.port"},  # sibling
        "cartapp.shop.log": {"cartapp.store.mapper"},  # down: allowed
        "cartapp.qt.a": {"cartapp.qt.b"},
        "cartapp.qt.b": {"cartapp.qt.c"},
        "cartapp.qt.c": {"cartapp.qt.a"},
    }
    assert arrows_up(graph) == [
        "cartapp.store.live (infrastructure) imports cartapp.qt.bridge (qt)",
        "cartapp.store.rows imports its sibling cartapp.bus.stages (infrastructure)",
        "cartapp.handlers.service imports its sibling cartapp.shop.session (services)",
    ]
    assert cycles(graph) == [["cartapp.qt.a", "cartapp.qt.b", "cartapp.qt.c"]]
    assert layer_of("cartapp.qt.bench.ui")[1] == "cartapp.qt.bench"
    assert layer_of("cartapp.bench.__main__")[0] > layer_of("cartapp.qt.bench.ui")[0]


def test_the_runtime_import_reader_skips_type_checking_but_sees_function_imports(
    tmp_path: Path,
) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from cartapp.store import live\n"
        "from . import cart\n"
        "if TYPE_CHECKING:\n"
        "    from cartapp.app import App\n"
        "def late():\n"
        "    from cartapp.qt.bridge import QtBridge\n",
        encoding="utf-8",
    )
    names = runtime_imports(sample, "cartapp.domain.sample")
    assert names == {"cartapp.store.live", "cartapp.domain.cart", "cartapp.qt.bridge"}


def test_sqlite_is_used_only_by_the_store() -> None:
    """``sqlite3`` belongs to the store's adapter; the store exports what others need (its error
    type, ``database_problem``). The store benchmark is exempt: its reference is raw sqlite3."""
    bad = [
        name
        for name, path in ALL.items()
        if not name.startswith(("cartapp.store", "cartapp.bench.store"))
        and "sqlite3" in imported_names(path, name)
    ]
    assert bad == []


def test_nothing_below_the_app_names_it_even_for_types() -> None:
    """The composition root is the top of the program: not even a type-only import points at it
    (the screenshot takes the ``Shown`` parts it needs instead of ``App``)."""
    app_rank = layer_of("cartapp.app")[0]
    bad = [
        name
        for name, path in ALL.items()
        if layer_of(name)[0] < app_rank
        and any(
            n == "cartapp.app" or n.startswith("cartapp.app.") for n in imported_names(path, name)
        )
    ]
    assert bad == []
