"""Store benchmark: durable appends, replay and start-up, each beside a raw SQLite reference
measured in the same run. Prints tables; never passes or fails.

``python -m cartapp.bench.store [--events N] [--quick]`` (or ``python -m cartapp.bench --only
store``). Figures are medians of several repeats. The history for replay and start-up is
generated the way the app would have written it: a few thousand messages of random shopping
decided against the real catalog (adds, removes, rejections, checkouts), repeated with fresh ids
and versions up to N rows (executemany in large transactions), then opened once so that a
snapshot exists, then a few hundred more messages after that snapshot (a start-up after a crash
folds at most ``snapshot_every`` messages, this one folds those few hundred).

Import: a history of real shopping (decided against the catalog, stock reset between orders so
it never runs out) is exported with ``export_jsonl`` as CloudEvents (what the File menu writes)
and imported into an empty store with ``import_jsonl``, beside the reference of ``json.loads``
on the same lines in the same run.
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from cartapp.bench.common import Table
from cartapp.bus import EventBus
from cartapp.bus.envelope import PROCESS_PREFIX, Envelope
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply, decide
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    Command,
    Message,
    RemoveItem,
    UpdateItem,
)
from cartapp.domain.names import CART_HANDLER, UI_SOURCE
from cartapp.domain.replay import Replay
from cartapp.handlers import CartService, handler_failed
from cartapp.store import CLOUDEVENTS, export_jsonl, import_jsonl, mapper, schema
from cartapp.store.chain import GENESIS, message_digest
from cartapp.store.mapper import wire_timestamp
from cartapp.store.rows import INSERT_EVENT
from cartapp.store.store import LIVE_STREAM, EventStore, Synchronous

__all__ = ["main", "main_import", "run_appends", "run_history", "run_import"]

_PAYLOAD = AddItem(item_id="espresso-beans", quantity=2)


def _catalog() -> Catalog:
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "resources" / "catalog.json", here.parent / "resources/catalog.json"):
        if candidate.is_file():
            return Catalog.from_json(candidate.read_bytes())
    raise FileNotFoundError("catalog.json not found")


def _median(repeats: int, fn: Callable[[], float]) -> float:
    values = []
    for _ in range(repeats):
        gc.collect()
        values.append(fn())
    return statistics.median(values)


def _fmt(rate: float) -> str:
    return f"{rate:,.0f}"


# -- durable appends -------------------------------------------------------------------------------


def _raw_connection(path: Path, synchronous: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    conn.execute("BEGIN")
    schema.create_schema(conn)
    conn.execute("COMMIT")
    return conn


def _raw_rows(n: int, tag: str) -> list[tuple[object, ...]]:
    payload = _PAYLOAD.model_dump_json()
    now = time.time()
    return [
        (
            f"{tag}-{i}",
            LIVE_STREAM,
            i + 1,
            "AddItem",
            "command",
            f"{tag}-{i}",
            None,
            UI_SOURCE,
            now,
            payload,
            b"",
        )
        for i in range(n)
    ]


def _raw_appends(folder: Path, synchronous: str, n: int, batch: int) -> float:
    """Raw sqlite3: the same table, pre-serialised rows, ``batch`` rows per commit."""
    path = folder / f"raw-{time.perf_counter_ns()}.sqlite3"
    conn = _raw_connection(path, synchronous)
    rows = _raw_rows(n, f"raw{time.perf_counter_ns()}")
    t0 = time.perf_counter()
    for start in range(0, n, batch):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(INSERT_EVENT, rows[start : start + batch])
        conn.execute("COMMIT")
    rate = n / (time.perf_counter() - t0)
    conn.close()
    return rate


def _store(folder: Path, synchronous: Synchronous) -> EventStore:
    return EventStore.open(
        folder / f"ours-{time.perf_counter_ns()}.sqlite3", synchronous=synchronous
    )


def _ours_single(folder: Path, synchronous: Synchronous, n: int) -> float:
    """The event-log port's SQLite adapter, one message per append: every call is a commit."""
    store = _store(folder, synchronous)
    envelopes = [Envelope.new(_PAYLOAD, source=UI_SOURCE) for _ in range(n)]
    t0 = time.perf_counter()
    version = 0
    for env in envelopes:
        version = store.append([env], LIVE_STREAM, version)
    rate = n / (time.perf_counter() - t0)
    store.close()
    return rate


def _ours_steps(folder: Path, synchronous: Synchronous, n: int) -> tuple[float, float]:
    """The shipped write path under a flood: a worker thread publishes ``n`` commands, the bus's
    owner thread runs them through the ``CartService`` (one append per bus step). Returns
    (messages stored per second, mean messages per append)."""
    store = _store(folder, synchronous)
    catalog = _catalog()
    bus = EventBus(failure_fact=handler_failed)
    service = CartService(catalog, store, cart=Cart(currency=catalog.currency), version=0)
    service.attach(bus)
    ids = [p.id for p in catalog.products]
    commands = [AddItem(item_id=ids[i % len(ids)], quantity=1) for i in range(n)]
    worker = threading.Thread(target=lambda: [bus.publish(c, source=UI_SOURCE) for c in commands])
    t0 = time.perf_counter()
    worker.start()
    while worker.is_alive() or not bus.idle:
        bus.wait_idle(0.01)
    took = time.perf_counter() - t0
    worker.join()
    messages = store.version()
    bus.close()
    store.close()
    return messages / took, messages / max(1, service.appends)


def run_appends(folder: Path, quick: bool = False) -> Table:
    table = Table(
        "Durable appends (messages/s)",
        [
            "synchronous",
            "raw 1/commit",
            "ours 1/append",
            "ratio",
            "ours: bus steps (worker flood)",
            "batch",
            "raw same batch",
            "ratio",
            "steps / raw 1/commit",
        ],
    )
    repeats = 3 if quick else 5
    for synchronous, n in (("NORMAL", 2000 if quick else 5000), ("FULL", 300 if quick else 800)):
        sync: Synchronous = synchronous  # type: ignore[assignment]
        raw1 = _median(repeats, partial(_raw_appends, folder, synchronous, n, 1))
        single = _median(repeats, partial(_ours_single, folder, sync, n))
        step_runs = [_ours_steps(folder, sync, n) for _ in range(repeats)]
        steps = statistics.median(r for r, _ in step_runs)
        batch = statistics.median(b for _, b in step_runs)
        size = max(1, round(batch))
        raw_b = _median(repeats, partial(_raw_appends, folder, synchronous, n * 2, size))
        table.add(
            synchronous,
            _fmt(raw1),
            _fmt(single),
            f"{single / raw1:.2f}x",
            _fmt(steps),
            f"{batch:.1f}",
            _fmt(raw_b),
            f"{steps / raw_b:.2f}x",
            f"{steps / raw1:.2f}x",
        )
    return table


# -- history: replay and start-up -----------------------------------------------------------------


def _random_command(rng: random.Random, ids: list[str]) -> Command:
    x = rng.random()
    item = rng.choice(ids)
    if x < 0.55:
        return AddItem(item_id=item, quantity=rng.randint(1, 3))
    if x < 0.7:
        return RemoveItem(item_id=item, quantity=1)
    if x < 0.82:
        return UpdateItem(item_id=item, quantity=rng.randint(1, 5))
    if x < 0.85:
        return ClearCart()
    return Checkout()


def _base_session(catalog: Catalog, messages: int) -> list[tuple[Message, int]]:
    """Random shopping, decided for real: (message, offset to its command) until ``messages``,
    ending with a checkout so that the session can be repeated from an empty cart."""
    rng = random.Random(1)
    ids = [p.id for p in catalog.products]
    cart = Cart(currency=catalog.currency)
    out: list[tuple[Message, int]] = []
    while True:
        command: Command = _random_command(rng, ids)
        if len(out) >= messages:
            if not cart.lines:
                break
            command = Checkout()
        facts = decide(cart, command, catalog)
        out.append((command, 0))
        for k, fact in enumerate(facts, 1):
            out.append((fact, -k))
            cart = apply(cart, fact)
        if len(out) >= messages and isinstance(command, Checkout) and not cart.lines:
            break
        if cart.sold and sum(q for _, q in cart.sold) > 300:  # keep stock from running out
            cart = Cart(currency=catalog.currency, orders=cart.orders)
    return out


def _generate(path: Path, catalog: Catalog, n: int) -> float:
    """Write ``n`` messages to the live stream; returns seconds taken."""
    base = _base_session(catalog, 4000)
    encoded = [(type(m).__name__, m.kind, m.model_dump_json(), off) for m, off in base]
    t0 = time.perf_counter()
    store = EventStore.open(path)
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(
        "INSERT INTO streams VALUES (?, ?, 'live', 'Live cart')", (LIVE_STREAM, time.time())
    )
    prefix = f"{PROCESS_PREFIX}g"
    start = time.time() - n * 0.01
    chunk = 100_000
    length = len(encoded)
    digest = GENESIS
    for lo in range(0, n, chunk):
        rows = []
        for i in range(lo, min(n, lo + chunk)):
            type_name, kind, payload, off = encoded[i % length]
            own = f"{prefix}-{i:x}"
            command = f"{prefix}-{i + off:x}"
            cause = None if off == 0 else command
            source = UI_SOURCE if off == 0 else CART_HANDLER
            ts = wire_timestamp(start + i * 0.01)
            digest = message_digest(
                digest, own, type_name, LIVE_STREAM, i + 1, command, cause, source, ts, payload
            )
            rows.append(
                (
                    own,
                    LIVE_STREAM,
                    i + 1,
                    type_name,
                    kind,
                    command,
                    cause,
                    source,
                    ts,
                    payload,
                    digest,
                )
            )
        conn.execute("BEGIN")
        conn.executemany(INSERT_EVENT, rows)
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0


def _raw_fetch(path: Path) -> float:
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    cur = conn.execute(
        "SELECT seq, version, event_id, type, correlation_id, causation_id, source, timestamp,"
        " payload FROM events WHERE stream = ? ORDER BY version",
        (LIVE_STREAM,),
    )
    count = 0
    while rows := cur.fetchmany(5000):
        count += len(rows)
    rate = count / (time.perf_counter() - t0)
    conn.close()
    return rate


def _replay(store: EventStore, fold: bool) -> float:
    """Read every message; with ``fold``, fold the facts as the store does (``Replay``: a
    mutable fold, one ``Cart`` at the end)."""
    t0 = time.perf_counter()
    count = 0
    replay = Replay()
    apply = replay.apply  # folds facts; any other message changes nothing
    for stored in store.iter_events(LIVE_STREAM):
        count += 1
        if fold:
            apply(stored.envelope.event)
    replay.cart()
    return count / (time.perf_counter() - t0)


def _startup(path: Path) -> float:
    """Open (clean-closed file) + load the cart + read the open session for the log."""
    t0 = time.perf_counter()
    store = EventStore.open(path)
    loaded = store.load_cart(LIVE_STREAM)
    session = store.open_session(LIVE_STREAM)
    log = list(store.iter_events(LIVE_STREAM, session.first, session.last))
    elapsed = time.perf_counter() - t0
    assert loaded.version == store.version() and len(log) == session.size
    store.close()
    return elapsed


def run_history(folder: Path, n: int, quick: bool = False, tail: int = 60) -> list[Table]:
    """Replay and start-up tables for ``n`` messages of history; the last ``tail`` messages
    (the open cart) come after the newest snapshot, so start-up folds them."""
    catalog = _catalog()
    path = folder / "history.sqlite3"
    generated = _generate(path, catalog, n)
    repeats = 3 if quick else 5

    # first start-up: no snapshot yet, the whole history is folded (and a snapshot written)
    t0 = time.perf_counter()
    store = EventStore.open(path, check="never")
    first = store.load_cart(LIVE_STREAM)
    no_snapshot = time.perf_counter() - t0
    # the cart being filled now: messages after the snapshot, decided for real
    service = CartService(catalog, store, cart=first.cart, version=first.version)
    rng = random.Random(5)
    ids = [p.id for p in catalog.products]
    while service.version < first.version + tail:
        command = Envelope.new(_random_command(rng, ids), source=UI_SOURCE)
        if isinstance(command.event, Checkout):
            continue
        service.handle_step([command])

    replay = _median(repeats, lambda: _replay(store, fold=False))
    replay_fold = _median(max(1, repeats - 2), lambda: _replay(store, fold=True))
    limit = mapper._CACHE_LIMIT
    mapper._CACHE_LIMIT = 0  # every payload decoded anew
    for cache in mapper._CACHES.values():
        cache.clear()
    try:
        replay_nocache = _replay(store, fold=False)
    finally:
        mapper._CACHE_LIMIT = limit
    t0 = time.perf_counter()
    broken = store.verify_chain(LIVE_STREAM)
    verify = store.version() / (time.perf_counter() - t0)
    assert broken is None, f"the generated chain breaks at {broken}"
    t0 = time.perf_counter()
    problems = store.quick_check()
    check_s = time.perf_counter() - t0
    store.close()
    raw = _median(repeats, lambda: _raw_fetch(path))

    replay_table = Table(
        f"Replay of {n:,} stored messages (messages/s)",
        ["what", "rate", "vs raw SQLite fetch"],
    )
    replay_table.add("raw SQLite: fetch the same columns", _fmt(raw), "1.00x")
    replay_table.add("iter_events -> envelopes + messages", _fmt(replay), f"{replay / raw:.2f}x")
    replay_table.add("  ... and fold into a Cart", _fmt(replay_fold), f"{replay_fold / raw:.2f}x")
    replay_table.add(
        "  ... without the payload cache (each payload validated)",
        _fmt(replay_nocache),
        f"{replay_nocache / raw:.2f}x",
    )
    replay_table.add(
        "verify_chain: the whole stream (background check)", _fmt(verify), f"{verify / raw:.2f}x"
    )

    empty = folder / "empty.sqlite3"
    EventStore.open(empty).close()
    EventStore.open(path).close()  # leave a clean-close marker
    start_empty = _median(repeats + 2, lambda: _startup(empty))
    start_full = _median(repeats + 2, lambda: _startup(path))
    start_table = Table(
        "Start-up: open + load cart + read the open session's log (ms)",
        ["store", "ms", "vs empty"],
    )
    start_table.add("empty store", f"{start_empty * 1e3:.2f}", "1.00x")
    start_table.add(
        f"{n:,} messages: snapshot + {tail} after it (chain verified from it)",
        f"{start_full * 1e3:.2f}",
        f"{start_full / start_empty:.2f}x",
    )
    start_table.add(
        f"{n:,} messages: no snapshot yet (full fold)",
        f"{no_snapshot * 1e3:.0f}",
        f"{no_snapshot / start_empty:.0f}x",
    )
    start_table.add(
        "quick_check alone (runs at start-up after a crash)",
        f"{check_s * 1e3:.0f}",
        "ok" if not problems else "; ".join(problems),
    )
    size = path.stat().st_size / 1e6
    print(f"(generated {n:,} messages in {generated:.1f} s; file {size:.0f} MB)\n", flush=True)
    return [replay_table, start_table]


# -- import ---------------------------------------------------------------------------------------


def _shopping(path: Path, catalog: Catalog, n: int) -> None:
    """At least ``n`` messages of shopping decided for real, appended in batches."""
    store = EventStore.open(path)
    rng = random.Random(3)
    ids = [p.id for p in catalog.products]
    cart = Cart(currency=catalog.currency)
    version = 0
    batch: list[Envelope] = []
    while version + len(batch) < n:
        command = Envelope.new(_random_command(rng, ids), source=UI_SOURCE)
        facts = decide(cart, command.event, catalog)
        batch += [command, *(Envelope.new(f, source=CART_HANDLER) for f in facts)]
        for fact in facts:
            cart = apply(cart, fact)
        if not cart.lines and sum(q for _, q in cart.sold) > 300:  # stock never runs out
            cart = Cart(currency=catalog.currency, orders=cart.orders)
        if len(batch) >= 5000:
            version = store.append(batch, expected_version=version)
            batch = []
    store.append(batch, expected_version=version)
    store.close()


def run_import(folder: Path, n: int, quick: bool = False) -> Table:
    """``import_jsonl`` of an export of ``n`` messages (lines/s) against raw ``json.loads``."""
    import json

    catalog = _catalog()
    source = folder / "import-source.sqlite3"
    _shopping(source, catalog, n)
    exported = folder / "export.jsonl"
    store = EventStore.open(source)
    lines = export_jsonl(store, exported, format=CLOUDEVENTS)  # as the File menu exports
    store.close()
    data = exported.read_bytes().splitlines()
    repeats = 1 if quick else 3

    def raw() -> float:
        t0 = time.perf_counter()
        for line in data:
            json.loads(line)
        return lines / (time.perf_counter() - t0)

    def ours(counter: list[int]) -> float:
        counter[0] += 1
        target = EventStore.open(folder / f"import-{counter[0]}.sqlite3")
        mapper.clear_caches()  # a first import: each distinct payload validated once
        t0 = time.perf_counter()
        result = import_jsonl(target, exported, currency=catalog.currency)
        elapsed = time.perf_counter() - t0
        assert result.events == lines
        target.close()
        return lines / elapsed

    reference = _median(repeats, raw)
    rate = _median(repeats, partial(ours, [0]))
    table = Table(
        f"Import of an export of {lines:,} messages (lines/s)",
        ["what", "lines/s", "vs json.loads"],
    )
    table.add("raw json.loads of the same lines", _fmt(reference), "1.00x")
    table.add(
        "import_jsonl: parse, validate, replay, store", _fmt(rate), f"{rate / reference:.2f}x"
    )
    return table


def main_import(quick: bool = False) -> None:
    """The import table alone (``python -m cartapp.bench --only import``)."""
    folder = Path(tempfile.mkdtemp(prefix="cartapp-bench-import-"))
    try:
        run_import(folder, 100_000, quick).print()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(quick: bool = False, events: int | None = None) -> None:
    n = events or (100_000 if quick else 1_000_000)
    folder = Path(tempfile.mkdtemp(prefix="cartapp-bench-store-"))
    try:
        run_appends(folder, quick).print()
        run_import(folder, 100_000, quick).print()
        for table in run_history(folder, n, quick):
            table.print()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m cartapp.bench.store", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer messages and repeats")
    parser.add_argument("--events", type=int, default=None, help="messages of history")
    args = parser.parse_args()
    main(quick=args.quick, events=args.events)
