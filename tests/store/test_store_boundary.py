"""The store's boundary: only ``cartapp.store`` speaks SQL; everyone else asks it (here: the
newest stage rows for the event log's history)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import cartapp
from cartapp.bus.stages import StageRow
from cartapp.store import EventStore

_SQL = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|PRAGMA|BEGIN|CREATE) ")


def row(n: int) -> StageRow:
    return StageRow(
        "generated", f"e{n}", "AddItem", "command", f"c{n}", None, "ui", None, float(n), 0, 0, None
    )


def test_recent_stages_are_the_newest_oldest_first(store: EventStore) -> None:
    assert store.recent_stages(5) == []
    store.append_stages(row(n) for n in range(1, 8))
    assert [r.event_id for r in store.recent_stages(3)] == ["e5", "e6", "e7"]
    assert [r.event_id for r in store.recent_stages(100)] == [f"e{n}" for n in range(1, 8)]
    assert store.recent_stages(0) == [] and store.recent_stages(-1) == []
    assert store.recent_stages(1) == [row(7)]


def test_recent_stages_after_pruning(store: EventStore) -> None:
    store.append_stages(row(n) for n in range(1, 11))
    store.prune_stages(keep=4)  # ids 7..10 stay
    store.append_stages([row(11)])
    assert [r.event_id for r in store.recent_stages(3)] == ["e9", "e10", "e11"]
    assert [r.event_id for r in store.recent_stages(50)] == ["e7", "e8", "e9", "e10", "e11"]


def _sql_outside_the_store(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _SQL.match(node.value):
                found.append(f"{path.name}:{node.lineno} {node.value[:30]!r}")
        elif isinstance(node, ast.Attribute) and node.attr == "connection":
            found.append(f"{path.name}:{node.lineno} .connection")
    return found


def test_only_the_store_speaks_sql() -> None:
    """The views, handlers and analytics ask ``EventStore`` methods; SQL and the raw connection
    stay in ``cartapp.store`` (the benchmarks build raw SQLite references on purpose)."""
    root = Path(cartapp.__file__).parent
    found = [
        use
        for path in sorted(root.rglob("*.py"))
        if path.parent.name not in ("store", "bench")
        for use in _sql_outside_the_store(path)
    ]
    assert found == []
