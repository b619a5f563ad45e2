"""Crash safety with real processes: a writer killed with SIGKILL at random moments never loses an
acknowledged event, and two processes appending to one file lose and double nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all
from cartapp.domain.events import Fact
from cartapp.store import LIVE_STREAM, EventStore

CHILD = Path(__file__).with_name("crash_child.py")
ROUNDS = 20

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL"),
    pytest.mark.slow,  # real processes killed at random moments: run in CI, deselectable locally
]


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def check_file(db: Path) -> None:
    """What must hold after every crash, whatever the moment."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        low, high, count = conn.execute(
            "SELECT min(version), max(version), count(*) FROM events WHERE stream = ?",
            (LIVE_STREAM,),
        ).fetchone()
        assert count == 0 or (low, high) == (1, count)  # no gaps, no doubles
    finally:
        conn.close()


def test_sigkill_at_random_moments_never_loses_an_acknowledged_event(tmp_path: Path) -> None:
    import crash_child

    db = tmp_path / "cartapp.sqlite3"
    rng = random.Random(2024)
    total_acks = 0
    for round_no in range(ROUNDS):
        child = spawn("shop", str(db), str(round_no))
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        wanted = rng.choice([0, 1, rng.randint(2, 40), rng.randint(40, 400)])
        lines: list[str] = []
        while len(lines) < wanted:
            line = child.stdout.readline()
            if not line:  # the child died on its own: fail instead of looping forever
                child.wait(10)
                raise AssertionError(f"round {round_no}: child exited with {child.returncode}")
            lines.append(line)
        os.kill(child.pid, signal.SIGKILL)
        lines += child.stdout.readlines()  # acknowledged before the kill, still in the pipe
        child.wait(10)
        assert child.returncode == -signal.SIGKILL
        acks = [line.split() for line in lines if line.endswith("\n")]
        total_acks += len(acks)

        check_file(db)
        store = EventStore.open(db)
        try:
            assert store.checked  # killed: no clean-close marker, so quick_check ran
            for ack in acks:
                version, ids = int(ack[1]), ack[3:]
                stored = [store.event(i) for i in ids]
                assert all(s is not None for s in stored), f"round {round_no}: lost {ack}"
                assert stored[-1].version == version  # type: ignore[union-attr]
            if acks:
                last = acks[-1]
                shown = store.cart_at(LIVE_STREAM, int(last[1]))
                assert crash_child.digest(shown) == last[2]  # the cart the user saw
            facts = [
                s.envelope.event for s in store.iter_events() if isinstance(s.envelope.event, Fact)
            ]
            assert store.load_cart().cart == apply_all(Cart(), facts)
        finally:
            if round_no % 2:
                store.close()  # a clean close now and then: the next start trusts the file
            else:
                store.connection().close()
    assert total_acks > ROUNDS  # the children really got work done


def test_two_processes_appending_at_once_lose_and_double_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cartapp.sqlite3"
    EventStore.open(db).close()
    children = [spawn("race", str(db), "1000", f"writer-{n}") for n in range(2)]
    for child in children:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    written: list[list[str]] = []
    for child in children:
        out, _ = child.communicate(timeout=60)
        assert child.returncode == 0
        lines = out.split()
        assert lines[-2] == "done"
        written.append(lines[:-2])
    assert [len(ids) for ids in written] == [1000, 1000]

    check_file(db)
    with EventStore.open(db) as store:
        stored = list(store.iter_events())
        ids = [s.envelope.event_id for s in stored]
        assert len(ids) == len(set(ids)) == 2000
        assert set(ids) == set(written[0]) | set(written[1])
        assert [s.version for s in stored] == list(range(1, 2001))
        for n, mine in enumerate(written):  # each writer's events in its own order
            order = [s.envelope.event_id for s in stored if s.envelope.source == f"writer-{n}"]
            assert order == mine
