"""``Telemetry``: the running app's stage rows, written off the caller's thread, each at a known
position.

The bus tap ``record`` only queues a batch of stage records; a daemon thread turns the batches
into ``StageRow``s every ``flush_s`` seconds and appends them to the store's ``StageLog`` in
transactions of at most ``chunk`` rows (the store has one connection and one lock, so between two
chunks a live commit gets its turn instead of waiting for the whole backlog). Stage rows are
telemetry: up to one flush interval of them may be lost in a crash, messages never are.

**The cursor.** Records are numbered 0, 1, 2 ... in the order ``record`` received them: the
order in which every tap of the bus sees them (the metrics feed counts the same records the same
way). ``base`` is the log's position (the newest stage id) before this run wrote anything;
``position_after(n)`` is the position up to which the first ``n`` records of this run are
accounted for once the writer has handled them (None before). A reader that reads the stored rows
up to that position and takes records ``n``, ``n + 1``, ... live sees each record once, also when
some rows could not be stored or another writer's rows came in between: positions are what the
store said it gave each chunk, not arithmetic on ids.

**It yields to the live path.** Given ``busy`` (a predicate; the app passes "the bus has work
queued"), the thread skips its flush while ``busy()`` says True, for at most ``max_hold_s``
seconds in a row, then writes everything queued. Under a flood the writer's Python work (turning
records into rows, binding them) took the GIL and the store's lock from the GUI thread, which
decides and appends the commands: a burst of up to ``max_hold_s`` is now worked off first, and
its stage rows are written right after it. A sustained flood gets a flush every ``max_hold_s``,
and a crash during a flood may lose up to that much of stage rows (telemetry; never messages).
A reader waiting for a position (``position_after`` returned None) ends the hold at once: the
thread's next turn, which that call wakes, writes.

**Errors are seen.** A chunk the store refuses (or any other error in the writer: a record that
cannot be turned into a row, a bug) is logged with its traceback, counted in ``errors`` and
``lost`` (records), remembered in ``last_error``, and the writer goes on with the next batch;
``problem`` is the sentence a UI shows (None while all is well). The thread never stops on an
error; ``alive`` says whether it runs.
"""

from __future__ import annotations

import bisect
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TYPE_CHECKING, Protocol

from cartapp.store.errors import STORE_FAILURES

if TYPE_CHECKING:
    from cartapp.bus.stage_row import StageRow
    from cartapp.store.stage_log import StageLog

__all__ = ["STAGE_CHUNK", "Telemetry", "Traced"]

log = logging.getLogger(__name__)

STAGE_CHUNK = 500
"""Stage rows per transaction (about 1-2 ms of the store's lock)."""


CHUNK_PAUSE_S = 0.001
"""The writer's pause between two chunks of one flush, so that a waiting commit gets the lock."""


class Traced(Protocol):
    """A stage record as the writer needs it (``cartapp.bus.stages.StageRecord`` is one): the
    store knows the rows it keeps, not the bus's tracing."""

    def to_row(self) -> StageRow: ...


class Telemetry:
    """The writer and cursor of a running app's stage rows; see the module docstring."""

    def __init__(
        self,
        store: StageLog,
        *,
        flush_s: float = 0.5,
        retention: int = 500_000,
        chunk: int = STAGE_CHUNK,
        thread: bool = True,
        busy: Callable[[], bool] | None = None,
        max_hold_s: float = 5.0,
    ) -> None:
        self.store = store
        self.flush_s = flush_s
        self.busy = busy
        """While it says True, the thread holds its flushes back (see the module docstring);
        it may be set after construction (the app sets it once the bus exists)."""
        self.max_hold_s = max_hold_s
        """The longest the thread holds its flushes back for ``busy``."""
        self.holds = 0
        """How many flushes the thread held back because ``busy`` said True."""
        self._held_since: float | None = None
        self._wanted = False
        """A reader asked for a position not written yet: no hold until the next flush."""
        self.retention = retention
        """How many of the newest stage rows ``close`` keeps."""
        self.chunk = chunk
        self._state = threading.Lock()  # the queue, the cursor and the error counts
        self._flushing = threading.RLock()  # one flush at a time, in record order
        self._queue: deque[Iterable[Traced]] = deque()
        self._reset(store)
        self.errors = 0
        """How many times writing failed (each failure is logged)."""
        self.lost = 0
        """How many records of this run could not be stored."""
        self.last_error: str | None = None
        """``"Type: message"`` of the newest failure (None: none yet)."""
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None
        if thread:
            self._thread = threading.Thread(target=self._run, name="cartapp-stages", daemon=True)
            self._thread.start()

    def _reset(self, store: StageLog) -> None:
        self.store = store
        self._base: int | None = None
        self._handled = 0
        self._runs_from: list[int] = []
        """Per run of records stored at consecutive positions: its first record number."""
        self._runs: list[tuple[int, int]] = []
        """Per run: (its first position, how many records)."""

    @property
    def base(self) -> int:
        """The log's position before this run wrote anything (read from the store the first
        time it is needed, and before the first write; it may raise ``STORE_FAILURES``)."""
        if self._base is None:
            with self._flushing:
                if self._base is None:
                    self._base = self.store.last_stage_id()
        return self._base

    # -- the tap ----------------------------------------------------------------------------------

    def record(self, batch: Iterable[Traced]) -> None:
        """A bus tap (``bus.tap(telemetry.record)``): queue the batch, write it later."""
        self._queue.append(batch)

    # -- the cursor -------------------------------------------------------------------------------

    @property
    def handled(self) -> int:
        """How many records of this run the writer has handled (stored or lost)."""
        with self._state:
            return self._handled

    def position_after(self, records: int) -> int | None:
        """The log's position up to which the first ``records`` records of this run are
        accounted for (``base`` for 0), or None while the writer has not handled them all."""
        base = self.base  # before taking the state lock: the writer takes them the other way
        if records <= 0:
            return base
        last = records - 1
        with self._state:
            if records > self._handled:
                self._wanted = True  # a reader waits: the thread's next turn writes
                self._wake.set()
                return None
            index = bisect.bisect_right(self._runs_from, last) - 1
            if index < 0:
                return base  # all of them were lost
            first_record = self._runs_from[index]
            first_position, count = self._runs[index]
        # inside the run: that record's own position; after it (lost ones): the run's end
        return first_position + min(last - first_record, count - 1)

    # -- errors -----------------------------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """For a person: what could not be stored and why (None while all is well)."""
        with self._state:
            if not self.errors:
                return None
            return (
                f"{self.lost:,} stage rows could not be stored ({self.errors:,} failed "
                f"writes; last: {self.last_error}); the statistics of history miss them"
            )

    @property
    def alive(self) -> bool:
        """Whether the writer thread runs."""
        return self._thread is not None and self._thread.is_alive()

    # -- writing ----------------------------------------------------------------------------------

    def flush(self) -> int:
        """Write the queued stage rows now; returns how many were stored. Never raises: a
        failure is counted, logged and remembered (see the module docstring)."""
        with self._flushing:
            rows: list[StageRow] = []
            written = 0
            while self._queue:
                batch = self._queue.popleft()
                try:
                    made = [record.to_row() for record in batch]
                except Exception as exc:
                    # the rows made before it go first, so record numbers stay in order
                    written += self._write(rows)
                    rows = []
                    self._lose(_count(batch), exc)
                    continue
                rows.extend(made)
            return written + self._write(rows)

    def _write(self, rows: list[StageRow]) -> int:
        if not rows:
            return 0
        try:
            self.base  # noqa: B018 - fixed before the first write
        except Exception as exc:
            self._lose(len(rows), exc)
            return 0
        written = 0
        for start in range(0, len(rows), self.chunk):
            part = rows[start : start + self.chunk]
            try:
                position = self.store.write_stages(part)
            except Exception as exc:
                self._lose(len(rows) - start, exc)  # the rest of this flush goes with it
                break
            self._stored(len(part), position)
            written += len(part)
            if start + self.chunk < len(rows):
                # A lock is not fair: released and taken again at once, a commit of the GUI
                # thread waiting for it would wait for the whole backlog. Let it in.
                time.sleep(CHUNK_PAUSE_S)
        return written

    def _stored(self, count: int, position: int) -> None:
        first = position - count + 1
        with self._state:
            if self._runs:
                run_first, run_count = self._runs[-1]
                if (
                    self._runs_from[-1] + run_count == self._handled
                    and run_first + run_count == first
                ):
                    self._runs[-1] = (run_first, run_count + count)
                    self._handled += count
                    return
            self._runs_from.append(self._handled)
            self._runs.append((first, count))
            self._handled += count

    def _lose(self, count: int, exc: BaseException) -> None:
        with self._state:
            self._handled += count
            self.lost += count
            self.errors += 1
            self.last_error = f"{type(exc).__name__}: {exc}"
        log.error("could not store %d stage rows", count, exc_info=exc)

    def _run(self) -> None:
        while not self._stop:
            self._wake.wait(self.flush_s)
            self._wake.clear()
            if self._stop:
                break  # close() writes what is queued
            self.turn(time.monotonic())

    def turn(self, now: float) -> bool:
        """One wake-up of the thread (every ``flush_s``; ``now`` in ``time.monotonic`` seconds):
        flush, unless ``busy`` says True and the flushes have not been held back for
        ``max_hold_s`` yet. Returns whether it flushed. Never raises."""
        if self._holding(now):
            self.holds += 1
            return False
        self._held_since = None
        self._wanted = False
        try:
            self.flush()
        except Exception as exc:  # flush handles its own; this is the net under it
            self._lose(0, exc)
        return True

    def _holding(self, now: float) -> bool:
        if self.busy is None or self._wanted:
            return False
        if self._held_since is not None and now - self._held_since >= self.max_hold_s:
            return False
        try:
            busy = bool(self.busy())
        except Exception as exc:  # a broken predicate must not stop the writing
            self._lose(0, exc)
            self.busy = None
            return False
        if busy and self._held_since is None:
            self._held_since = now
        return busy

    # -- life -------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """No flush runs inside this block (the queued records are dropped first): for
        replacing the store under the writer."""
        with self._flushing:
            self._queue.clear()
            yield

    def restart(self, store: StageLog) -> None:
        """Go on with another store (the first one was found damaged before anything was
        committed): the queue is dropped and this run's records count from 0 again."""
        with self._flushing:
            self._queue.clear()
            with self._state:
                self._reset(store)

    def close(self) -> None:
        """Stop the thread, write what is queued and keep only the newest ``retention`` rows."""
        self._stop = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.flush()
        with contextlib.suppress(*STORE_FAILURES):
            self.store.prune_stages(self.retention)


def _count(batch: Iterable[Traced]) -> int:
    """How many records a batch holds (the number every tap counts it as)."""
    return len(batch) if isinstance(batch, Sized) else 0
