"""``StageLog``: the store's table of stage rows (telemetry: how each message travelled).

Stage rows are not history: the newest ``keep`` are kept (``prune_stages``), a crash may lose the
last flush of them, and they are never part of a stream. Each row's id is its **position** in the
log: ids are rowids, so each row stored takes the newest id + 1 (a rolled-back write gives its ids
back) and the rows of one ``append_stages`` call are numbered on without gaps. Readers page by
position (``iter_stages``, ``stage_rows``); ``Telemetry`` (``cartapp.store.telemetry``) is the one
writer of a running app and says which position each of its records got.
"""

from __future__ import annotations

from collections.abc import Iterable

from cartapp.bus.stage_row import StageRow
from cartapp.store.connection import StoreConnection
from cartapp.store.streams import MAX_VERSION

__all__ = ["StageLog"]

_INSERT = (
    "INSERT INTO stages (stage, event_id, event_type, kind, correlation_id,"
    " causation_id, source, handler, timestamp, duration_ns, latency_ns, error)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class StageLog(StoreConnection):
    """The stage rows of a store (``EventStore`` is one); see the module docstring."""

    def append_stages(self, rows: Iterable[StageRow]) -> int:
        """Store stage rows (the analytics' raw data) in one transaction; returns how many."""
        batch = [tuple(r) for r in rows]
        if batch:
            self.write_stages(batch)
        return len(batch)

    def write_stages(self, rows: Iterable[StageRow | tuple[object, ...]]) -> int:
        """Store stage rows in one transaction; returns the log's position after them (the id
        of the last one, which the rows before it precede without a gap)."""
        batch = [tuple(r) for r in rows]
        with self.write_transaction() as conn:
            if batch:
                conn.executemany(_INSERT, batch)
            row = conn.execute("SELECT max(id) FROM stages").fetchone()
        return int(row[0] or 0)

    def prune_stages(self, keep: int) -> int:
        """Delete all but the newest ``keep`` stage rows (telemetry, not history); returns how
        many were deleted. Events are never pruned."""
        with self.write_transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM stages WHERE id <= (SELECT max(id) FROM stages) - ?", (keep,)
            )
            return max(0, cursor.rowcount)

    def iter_stages(self, after_id: int = 0, limit: int = 10_000) -> list[tuple[int, StageRow]]:
        """Stored stage rows with id > ``after_id`` (oldest first), at most ``limit``."""
        with self._lock:
            rows = self._require().execute(
                "SELECT id, stage, event_id, event_type, kind, correlation_id, causation_id,"
                " source, handler, timestamp, duration_ns, latency_ns, error FROM stages"
                " WHERE id > ? ORDER BY id LIMIT ?",
                (after_id, limit),
            )
            return [(int(r[0]), StageRow(*r[1:])) for r in rows]

    def recent_stages(self, limit: int) -> list[StageRow]:
        """The newest ``limit`` stored stage rows, oldest first (the event log's history).

        The first id to read from is found with one indexed query (``stages.id`` is the rowid),
        so this costs the same for any history.
        """
        if limit <= 0:
            return []
        with self._lock:
            row = (
                self._require()
                .execute("SELECT id FROM stages ORDER BY id DESC LIMIT 1 OFFSET ?", (limit - 1,))
                .fetchone()
            )
            after = int(row[0]) - 1 if row else 0
            return [stage_row for _, stage_row in self.iter_stages(after, limit)]

    def last_stage_id(self) -> int:
        """The id of the newest stored stage row (0 when none is stored).

        Ids are rowids: each stored row takes the newest id + 1 (a rolled-back write gives its
        ids back), so the rows stored after this call are numbered on from it without gaps.
        """
        with self._lock:
            row = self._require().execute("SELECT max(id) FROM stages").fetchone()
        return int(row[0] or 0)

    def stage_rows(
        self,
        after_id: int,
        upto_id: int,
        *,
        stream: str | None = None,
        first: int = 1,
        last: int | None = None,
    ) -> list[StageRow]:
        """Stored stage rows with ``after_id < id <= upto_id``, oldest first.

        A window of ids rather than a number of rows, so a caller can page through any history
        in steps of bounded cost, and stop at an id it chose before. With ``stream``: only the
        rows of the messages of versions ``first`` to ``last`` of that stream and of everything
        they caused, i.e. the rows that share a correlation id with one of those messages (their
        facts and rejections, and a handler's failure, which is never stored as a message).
        """
        sql = (
            "SELECT stage, event_id, event_type, kind, correlation_id, causation_id, source,"
            " handler, timestamp, duration_ns, latency_ns, error FROM stages"
            " WHERE id > ? AND id <= ?"
        )
        params: tuple[object, ...] = (after_id, upto_id)
        if stream is not None:
            sql += (
                " AND correlation_id IN (SELECT correlation_id FROM events"
                " WHERE stream = ? AND version >= ? AND version <= ?)"
            )
            params += (stream, first, MAX_VERSION if last is None else last)
        with self._lock:
            rows = self._require().execute(sql + " ORDER BY id", params).fetchall()
        make = StageRow._make
        return [make(row) for row in rows]
