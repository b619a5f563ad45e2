"""Export a stream (a session, or the whole history) as JSON Lines; import a file as a new stream.

Export writes one mapper line per message, with its ``version``, oldest first; to a path it
writes a temporary file next to it and renames it into place, so a failed export never leaves
half a file under the chosen name.

Import is strict and atomic. Every line is validated and the first problem raises
``ImportFileError`` naming the line (1-based); then nothing has been written. It refuses:

- a file over ``max_bytes`` (50 MB) or a line over ``max_line`` (64 KiB), bytes that are not UTF-8;
- malformed JSON, an unknown event type, missing/unknown/wrong fields (the mapper's validation);
- an event id that appears twice in the file or is already in the store (importing your own
  export into the same store is therefore refused: ids are unique, never doubled);
- version gaps: if lines carry ``version``, all must, each one more than the line before;
- facts that do not replay: every fact is checked against the cart folded so far (removing
  more than the cart holds, a checkout whose lines or totals differ from the cart, ...);
- a file without any event (blank lines are skipped).

An accepted file becomes a new stream with origin 'import' (id ``import-<time>-<random>``),
versions 1..n in file order, with a snapshot of its final cart. It never touches the live cart.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from cartapp.domain.cart import Cart
from cartapp.domain.decider import MAX_LINE_QUANTITY, apply
from cartapp.domain.events import (
    CartCleared,
    CheckedOut,
    Fact,
    ItemAdded,
    ItemRemoved,
    ItemUpdated,
    LineSnapshot,
)
from cartapp.store.errors import ImportFileError
from cartapp.store.mapper import MappingError, envelope_to_json, record_from_json
from cartapp.store.rows import INSERT_EVENT, event_rows, save_snapshot
from cartapp.store.store import LIVE_STREAM

if TYPE_CHECKING:
    from cartapp.bus.envelope import Envelope
    from cartapp.store.store import EventStore

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "ImportResult",
    "check_fact",
    "export_jsonl",
    "import_jsonl",
    "read_jsonl",
]

MAX_LINE_BYTES = 64 * 1024
MAX_FILE_BYTES = 50_000_000


class ImportResult(NamedTuple):
    stream: str
    title: str
    events: int
    cart: Cart


# -- export -------------------------------------------------------------------------------------


def export_jsonl(
    store: EventStore,
    dest: str | os.PathLike[str] | IO[str],
    *,
    stream: str = LIVE_STREAM,
    first: int = 1,
    last: int | None = None,
) -> int:
    """Write messages ``first..last`` of ``stream`` to ``dest``; returns how many."""
    if not isinstance(dest, str | os.PathLike):
        return _write(store, dest, stream, first, last)
    path = Path(dest)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            count = _write(store, f, stream, first, last)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return count


def _write(store: EventStore, out: IO[str], stream: str, first: int, last: int | None) -> int:
    count = 0
    for stored in store.iter_events(stream, first, last):
        out.write(envelope_to_json(stored.envelope, version=stored.version))
        out.write("\n")
        count += 1
    return count


# -- import -------------------------------------------------------------------------------------


def _lines_differ(a: tuple[LineSnapshot, ...], cart: Cart) -> bool:
    return [(x.item_id, x.quantity) for x in a] != [(x.item_id, x.quantity) for x in cart.lines]


def check_fact(cart: Cart, fact: Fact) -> str | None:
    """Why ``fact`` cannot follow ``cart`` (None if it can): the import's replay check."""
    if isinstance(fact, ItemAdded):
        total = cart.quantity_of(fact.item_id) + fact.quantity
        if total > MAX_LINE_QUANTITY:
            return f"ItemAdded makes {total} x {fact.item_id}, more than {MAX_LINE_QUANTITY}"
    elif isinstance(fact, ItemRemoved | ItemUpdated):
        line = cart.line(fact.item_id)
        name = type(fact).__name__
        if line is None:
            return f"{name} of {fact.item_id!r}, which is not in the cart"
        if isinstance(fact, ItemRemoved) and fact.quantity > line.quantity:
            return (
                f"ItemRemoved of {fact.quantity} x {fact.item_id} but the cart holds "
                f"{line.quantity}"
            )
        if isinstance(fact, ItemUpdated):
            if fact.previous_quantity != line.quantity:
                return (
                    f"ItemUpdated from {fact.previous_quantity} x {fact.item_id} but the cart "
                    f"holds {line.quantity}"
                )
            if fact.quantity > MAX_LINE_QUANTITY:
                return f"ItemUpdated to {fact.quantity}, more than {MAX_LINE_QUANTITY}"
    elif isinstance(fact, CartCleared):
        if _lines_differ(fact.lines, cart):
            return "CartCleared lists other lines than the cart holds"
    elif isinstance(fact, CheckedOut):
        if not cart.lines:
            return "CheckedOut of an empty cart"
        if _lines_differ(fact.lines, cart):
            return "CheckedOut lists other lines than the cart holds"
        totals = cart.totals()
        if (fact.subtotal, fact.tax, fact.total) != (
            totals.subtotal.amount,
            totals.tax.amount,
            totals.total.amount,
        ):
            return (
                f"CheckedOut totals {fact.subtotal}/{fact.tax}/{fact.total} differ from the "
                f"cart's {totals.subtotal.amount}/{totals.tax.amount}/{totals.total.amount}"
            )
        if fact.currency != cart.currency:
            return f"CheckedOut in {fact.currency} but the cart is in {cart.currency}"
        if fact.order_number <= cart.orders:
            return f"order number {fact.order_number} does not follow order {cart.orders}"
    return None


def _open(source: str | os.PathLike[str] | IO[bytes], max_bytes: int) -> IO[bytes]:
    if isinstance(source, str | os.PathLike):
        f: IO[bytes] = open(source, "rb")  # noqa: SIM115 (closed by the caller)
    else:
        f = source
    with contextlib.suppress(OSError, io.UnsupportedOperation, AttributeError):
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            if f is not source:
                f.close()
            raise ImportFileError(
                0, f"the file is {size / 1e6:.1f} MB, more than the {max_bytes / 1e6:.0f} MB limit"
            )
    return f


def read_jsonl(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    currency: str = "EUR",
    max_line: int = MAX_LINE_BYTES,
    max_bytes: int = MAX_FILE_BYTES,
) -> tuple[list[Envelope], Cart]:
    """Read and validate a whole file (no store involved); returns its envelopes and the cart
    they replay to. Raises ``ImportFileError`` (see the module docstring)."""
    envelopes, _, cart = _read(source, currency, max_line, max_bytes)
    return envelopes, cart


def _read(
    source: str | os.PathLike[str] | IO[bytes], currency: str, max_line: int, max_bytes: int
) -> tuple[list[Envelope], dict[str, int], Cart]:
    f = _open(source, max_bytes)
    envelopes: list[Envelope] = []
    first_line: dict[str, int] = {}
    cart = Cart(currency=currency)
    last_version: int | None = None
    total = 0
    number = 0
    try:
        while True:
            chunk = f.readline(max_line + 2)
            if not chunk:
                break
            number += 1
            total += len(chunk)
            if total > max_bytes:
                raise ImportFileError(
                    number, f"the file is larger than the {max_bytes / 1e6:.0f} MB limit"
                )
            content = chunk.rstrip(b"\r\n")
            if len(content) > max_line:
                raise ImportFileError(
                    number, f"the line is longer than {max_line // 1024} KiB; is this an export?"
                )
            if number == 1 and content.startswith(b"\xef\xbb\xbf"):
                content = content[3:]
            if not content.strip():
                continue
            try:
                text = content.decode("utf-8")
                env, version = record_from_json(text)
            except UnicodeDecodeError:
                raise ImportFileError(number, "the line is not valid UTF-8 text") from None
            except MappingError as exc:
                raise ImportFileError(number, str(exc)) from None
            earlier = first_line.get(env.event_id)
            if earlier is not None:
                raise ImportFileError(
                    number, f"duplicate event id {env.event_id} (first on line {earlier})"
                )
            first_line[env.event_id] = number
            if envelopes and (version is None) != (last_version is None):
                raise ImportFileError(number, "some lines carry a version and others do not")
            if version is not None and last_version is not None and version != last_version + 1:
                raise ImportFileError(
                    number,
                    f"version {version} follows version {last_version}: versions must go up "
                    "by one, without gaps",
                )
            last_version = version
            if isinstance(env.event, Fact):
                problem = check_fact(cart, env.event)
                if problem:
                    raise ImportFileError(number, f"the fact does not replay: {problem}")
                cart = apply(cart, env.event)
            envelopes.append(env)
    finally:
        if f is not source:
            f.close()
    if not envelopes:
        raise ImportFileError(0, "the file is empty: there are no events to import")
    return envelopes, first_line, cart


def import_jsonl(
    store: EventStore,
    source: str | os.PathLike[str] | IO[bytes],
    *,
    title: str | None = None,
    currency: str = "EUR",
    max_line: int = MAX_LINE_BYTES,
    max_bytes: int = MAX_FILE_BYTES,
) -> ImportResult:
    """Validate ``source`` and store it as a new 'import' stream in one transaction."""
    envelopes, line_of, cart = _read(source, currency, max_line, max_bytes)
    if title is None:
        title = Path(source).name if isinstance(source, str | os.PathLike) else "imported"
    stream = f"import-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    rows = event_rows(envelopes, stream, 0)
    with store.write_transaction() as conn:
        ids = [env.event_id for env in envelopes]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found = conn.execute(
                f"SELECT event_id, stream FROM events WHERE event_id IN ({marks})", chunk
            ).fetchall()
            if found:  # chunks go in file order: report the earliest line of this one
                event_id, where = min(found, key=lambda row: line_of[row[0]])
                raise ImportFileError(
                    line_of[event_id],
                    f"event id {event_id} is already in the store (stream {where!r})",
                )
        conn.execute(
            "INSERT INTO streams (id, created, origin, title) VALUES (?, ?, 'import', ?)",
            (stream, time.time(), title[:200]),
        )
        conn.executemany(INSERT_EVENT, rows)
        save_snapshot(conn, stream, len(rows), cart)
    return ImportResult(stream, title, len(rows), cart)
