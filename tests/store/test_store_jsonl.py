"""Export and import as JSON Lines: a round trip reproduces a session; every hostile file is
refused with its line named, and the store is left exactly as it was."""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import Harness, random_command

from cartapp.bus.envelope import Envelope
from cartapp.domain.cart import Cart
from cartapp.domain.catalog import Catalog
from cartapp.domain.decider import apply, decide
from cartapp.domain.events import AddItem, Checkout
from cartapp.store import (
    LIVE_STREAM,
    EventStore,
    ImportCancelledError,
    ImportFileError,
    export_jsonl,
    import_jsonl,
)
from cartapp.store.jsonl import BLOCK_BYTES, MAX_FILE_BYTES
from cartapp.store.mapper import envelope_to_json


@pytest.fixture
def source(tmp_path: Path, catalog: Catalog) -> EventStore:
    """A store whose live stream holds several sessions of random shopping."""
    store = EventStore.open(tmp_path / "source" / "cartapp.sqlite3")
    harness = Harness(store, catalog)
    harness.send(AddItem(item_id="espresso-beans", quantity=2))
    harness.send(AddItem(item_id="rye-bread", quantity=1))
    rng = random.Random(42)
    for _ in range(300):
        harness.send(random_command(rng))
    assert len(store.orders()) >= 3
    return store


def fields(store: EventStore, stream: str, first: int = 1, last: int | None = None) -> list[tuple]:
    return [
        (
            e.envelope.event_id,
            e.envelope.correlation_id,
            e.envelope.causation_id,
            e.envelope.source,
            e.envelope.timestamp,
            e.envelope.event,
        )
        for e in store.iter_events(stream, first, last)
    ]


def test_import_of_the_whole_history_reproduces_events_and_cart(
    source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    out = tmp_path / "history.jsonl"
    count = export_jsonl(source, out)
    assert count == source.version()
    result = import_jsonl(store, out)
    assert (result.events, result.title) == (count, "history.jsonl")
    assert fields(store, result.stream) == fields(source, LIVE_STREAM)
    assert result.cart == source.load_cart().cart
    assert store.load_cart(result.stream).cart == result.cart
    info = store.stream(result.stream)
    assert info is not None and (info.origin, info.version) == ("import", count)
    assert store.version(LIVE_STREAM) == 0  # the live cart is untouched
    assert [o.total for o in store.orders(result.stream)] == [o.total for o in source.orders()]


def test_import_of_one_session_reproduces_that_session(
    source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    session = source.sessions()[2]
    assert session.closed
    out = tmp_path / "session.jsonl"
    assert export_jsonl(source, out, first=session.first, last=session.last) == session.size
    result = import_jsonl(store, out, title="third order")
    assert fields(store, result.stream) == fields(source, LIVE_STREAM, session.first, session.last)
    [order] = store.orders(result.stream)
    [original] = [o for o in source.orders() if o.version == session.last]
    assert (order.lines, order.total, order.order_number) == (
        original.lines,
        original.total,
        original.order_number,
    )
    # and the open cart: same lines and totals as the live one
    open_session = source.sessions()[-1]
    buf = io.StringIO()
    export_jsonl(source, buf, first=open_session.first)
    if open_session.size:
        again = import_jsonl(store, io.BytesIO(buf.getvalue().encode()))
        live = source.load_cart().cart
        assert again.cart.lines == live.lines
        assert again.cart.totals() == live.totals()


def test_an_export_to_a_path_is_private_and_complete(source: EventStore, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    export_jsonl(source, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["version"] for line in lines] == list(range(1, len(lines) + 1))
    assert (out.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# -- hostile files --------------------------------------------------------------------------------


def good_lines(source: EventStore) -> list[dict]:
    buf = io.StringIO()
    export_jsonl(source, buf, first=1, last=12)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def dump(lines: list[dict]) -> list[str]:
    return [json.dumps(line) for line in lines]


Edit = Callable[[list[dict]], tuple[list[str], int]]
"""Spoils a good export; returns the file's lines and the (1-based) line that is now wrong."""


def _set(index: int, key: str, value: object) -> Edit:
    def edit(lines: list[dict]) -> tuple[list[str], int]:
        lines[index][key] = value
        return dump(lines), index + 1

    return edit


def _payload(type_name: str, key: str, value: object) -> Edit:
    def edit(lines: list[dict]) -> tuple[list[str], int]:
        index = _first(lines, type_name)
        lines[index]["payload"][key] = value
        return dump(lines), index + 1

    return edit


def _raw(index: int, text: str) -> Edit:
    def edit(lines: list[dict]) -> tuple[list[str], int]:
        out = dump(lines)
        out[index] = text
        return out, index + 1

    return edit


def _first(lines: list[dict], type_name: str) -> int:
    return next(i for i, line in enumerate(lines) if line["type"] == type_name)


def _missing(lines: list[dict]) -> tuple[list[str], int]:
    del lines[1]["source"]
    return dump(lines), 2


def _dup(lines: list[dict]) -> tuple[list[str], int]:
    lines[3]["event_id"] = lines[0]["event_id"]
    return dump(lines), 4


def _gap(lines: list[dict]) -> tuple[list[str], int]:
    for line in lines[2:]:
        line["version"] += 1
    return dump(lines), 3


def _unversioned(lines: list[dict]) -> tuple[list[str], int]:
    del lines[4]["version"]
    return dump(lines), 5


def _long(lines: list[dict]) -> tuple[list[str], int]:
    lines[1]["source"] = "x" * (70 * 1024)
    return dump(lines), 2


def _forged_total(lines: list[dict]) -> tuple[list[str], int]:
    for line in lines:
        del line["version"]
    added = _first(lines, "ItemAdded")
    forged = {
        **lines[added],
        "event_id": "x-forged",
        "type": "CheckedOut",
        "payload": {
            "order_number": 1,
            "currency": "EUR",
            "lines": [lines[added]["payload"]],
            "subtotal": "0.01",
            "tax": "0.00",
            "total": "0.01",
        },
    }
    lines.insert(added + 1, forged)
    return dump(lines), added + 2


def _remove_unknown(lines: list[dict]) -> tuple[list[str], int]:
    for line in lines:
        del line["version"]
    removed = {
        **lines[0],
        "event_id": "x-removed",
        "type": "ItemRemoved",
        "kind": "fact",
        "payload": {"item_id": "fountain-pen", "name": "Pen", "quantity": 1},
    }
    lines.insert(1, removed)
    return dump(lines), 2


HOSTILE: dict[str, tuple[Edit, str]] = {
    "malformed JSON": (_raw(2, '{"event_id": "a",'), "malformed JSON"),
    "not an object": (_raw(1, "[1, 2, 3]"), "must be a JSON object"),
    "unknown type": (_set(1, "type", "Teleported"), "unknown event type 'Teleported'"),
    "unknown field": (_set(4, "colour", "red"), "unknown field(s): colour"),
    "missing field": (_missing, "missing field(s): source"),
    "wrong payload type": (_payload("AddItem", "quantity", "two"), "AddItem.quantity"),
    "float money": (_payload("ItemAdded", "unit_price", 1.5), "ItemAdded.unit_price"),
    "bad timestamp": (_set(2, "timestamp", "yesterday"), "timestamp"),
    "kind lies": (_set(0, "kind", "fact"), "'kind' of AddItem must be 'command'"),
    "duplicate id": (_dup, "duplicate event id"),
    "version gap": (_gap, "without gaps"),
    "versions on some lines only": (_unversioned, "some lines carry a version"),
    "oversized line": (_long, "longer than 64 KiB"),
    "not UTF-8": (_raw(2, "\udcff"), "not valid UTF-8"),
    "forged total": (_forged_total, "totals 0.01/0.00/0.01 differ"),
    "removing what is not there": (_remove_unknown, "not in the cart"),
}


def snapshot_of(store: EventStore) -> tuple:
    return (store.count(), store.streams(), fields(store, LIVE_STREAM))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_naming_its_line(
    case: str, source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    edit, message = HOSTILE[case]
    lines, line = edit(good_lines(source))
    text = "\n".join(lines) + "\n"
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = snapshot_of(store)
    with pytest.raises(ImportFileError) as caught:
        import_jsonl(store, path)
    assert message in str(caught.value)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")
    assert snapshot_of(store) == before


def test_ids_already_in_the_store_are_refused_and_nothing_is_written(
    source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    path = tmp_path / "twice.jsonl"
    export_jsonl(source, path, first=1, last=20)
    import_jsonl(store, path)
    before = snapshot_of(store)
    with pytest.raises(ImportFileError, match=r"^line 1: event id .* is already in the store"):
        import_jsonl(store, path)
    assert snapshot_of(store) == before
    # a file whose *last* line clashes: the earlier lines are not written either
    lines = path.read_text().splitlines()
    fresh = [json.dumps({**json.loads(x), "event_id": f"new-{i}"}) for i, x in enumerate(lines)]
    fresh[-1] = lines[-1]
    path.write_text("\n".join(fresh) + "\n")
    with pytest.raises(ImportFileError, match=f"^line {len(lines)}: "):
        import_jsonl(store, path)
    assert snapshot_of(store) == before


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_an_empty_file_is_refused(content: bytes, store: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="the file is empty"):
        import_jsonl(store, path)
    assert store.streams() == []


def test_an_oversized_file_is_refused_before_reading(store: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ImportFileError, match="more than the 50 MB limit"):
        import_jsonl(store, path)
    assert store.streams() == []


def test_an_oversized_stream_is_refused_at_the_line_that_crosses_the_limit(
    source: EventStore, store: EventStore
) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, first=1, last=50)
    data = buf.getvalue().encode()
    limit = len(data) // 2
    with pytest.raises(ImportFileError, match="larger than") as caught:
        import_jsonl(store, io.BytesIO(data), max_bytes=limit)
    assert 1 < caught.value.line < 50
    assert store.streams() == []


def test_blank_lines_and_a_byte_order_mark_are_accepted(
    source: EventStore, store: EventStore
) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, first=1, last=6)
    text = "\ufeff" + buf.getvalue().replace("\n", "\n\n", 2) + "\n"
    result = import_jsonl(store, io.BytesIO(text.encode("utf-8")))
    assert result.events == 6


def test_the_first_clashing_line_is_named_whatever_the_id_order(
    source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    path = tmp_path / "a.jsonl"
    export_jsonl(source, path, first=1, last=10)
    import_jsonl(store, path)
    taken = [json.loads(x)["event_id"] for x in path.read_text().splitlines()]
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    for i, line in enumerate(lines):
        line["event_id"] = f"fresh-{i}"
    lines[2]["event_id"] = max(taken)  # line 3 clashes with the id that sorts last
    lines[6]["event_id"] = min(taken)  # line 7 with the one that sorts first
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    with pytest.raises(ImportFileError, match=r"^line 3: "):
        import_jsonl(store, path)


# -- issue 8.6: what a file cannot do to the import ---------------------------------------------


def test_a_fifo_and_a_device_are_refused_without_waiting(store: EventStore, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)  # no writer: a blocking open or read would wait for ever
    with pytest.raises(ImportFileError, match=r"named pipe \(FIFO\): only a regular file"):
        import_jsonl(store, fifo)
    with pytest.raises(ImportFileError, match="is a device"):
        import_jsonl(store, "/dev/zero")  # endless: would be read until the size limit
    with pytest.raises(ImportFileError, match="is a folder") as caught:
        import_jsonl(store, tmp_path)
    assert caught.value.line == 0
    assert store.streams() == []


@pytest.mark.parametrize("digits", [101, 4301, 5000])
def test_a_number_with_too_many_digits_is_refused_naming_its_line(
    digits: int, source: EventStore, store: EventStore
) -> None:
    lines, line = dump(good_lines(source)[:6]), 4
    number = "9" * digits
    record = json.loads(lines[line - 1])
    record["timestamp"] = 0  # placeholder, replaced by the raw digits below
    lines[line - 1] = json.dumps(record).replace('"timestamp": 0', f'"timestamp": {number}')
    data = ("\n".join(lines) + "\n").encode()
    with pytest.raises(ImportFileError) as caught:
        import_jsonl(store, io.BytesIO(data))
    assert str(caught.value) == f"line {line}: a number with {digits} digits is too large"
    float_line = lines[line - 1].replace(number, number + ".5")
    with pytest.raises(ImportFileError, match=f"^line 1: a number with {digits + 1} digits"):
        import_jsonl(store, io.BytesIO(float_line.encode()))
    assert store.streams() == []


def test_a_file_of_blank_lines_is_refused_as_empty(store: EventStore, tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n" * 5_000_000 + b"  \r\n" * 1000)
    with pytest.raises(ImportFileError, match="the file is empty"):
        import_jsonl(store, path)
    assert store.streams() == []


def test_blank_runs_keep_the_line_numbers_right(source: EventStore, store: EventStore) -> None:
    lines = dump(good_lines(source)[:4])
    lines[2] = "{broken"
    data = ("\n" * 3_000_000 + "\n".join(lines) + "\n").encode()  # the blanks span blocks
    with pytest.raises(ImportFileError, match=r"^line 3000003: malformed JSON"):
        import_jsonl(store, io.BytesIO(data))


def test_a_huge_line_is_refused_after_one_block(store: EventStore) -> None:
    class Endless(io.RawIOBase):
        """An endless line of "x"; counts what was read."""

        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            buffer[:] = b"x" * len(buffer)
            self.read_bytes += len(buffer)
            return len(buffer)

    endless = Endless()
    with pytest.raises(ImportFileError, match=r"^line 1: the line is longer than 64 KiB"):
        import_jsonl(store, endless)  # type: ignore[arg-type]
    assert endless.read_bytes <= 2 * BLOCK_BYTES


def test_progress_is_reported_and_false_cancels_storing_nothing(
    source: EventStore, store: EventStore, tmp_path: Path
) -> None:
    path = tmp_path / "all.jsonl"
    export_jsonl(source, path)
    size = path.stat().st_size
    reports: list[tuple[int, int, int]] = []

    def record(lines: int, done: int, total: int) -> bool:
        reports.append((lines, done, total))
        return True

    result = import_jsonl(store, path, progress=record)
    assert reports[0] == (0, 0, size)
    assert reports[-1] == (result.events, size, size)
    store_before = (store.count(), store.streams())
    again = tmp_path / "again.jsonl"
    again.write_text(
        "".join(
            json.dumps({**json.loads(x), "event_id": f"again-{i}"}) + "\n"
            for i, x in enumerate(path.read_text().splitlines())
        )
    )
    calls: list[int] = []

    def stop_at_the_end(lines: int, done: int, total: int) -> bool:
        calls.append(lines)
        return done < total  # the whole file is valid: cancel just before it is stored

    with pytest.raises(ImportCancelledError):
        import_jsonl(store, again, progress=stop_at_the_end)
    assert calls[-1] == result.events
    assert (store.count(), store.streams()) == store_before


def test_a_first_line_of_only_a_byte_order_mark_counts_as_blank(
    source: EventStore, store: EventStore
) -> None:
    buf = io.StringIO()
    export_jsonl(source, buf, first=1, last=4)
    result = import_jsonl(store, io.BytesIO(b"\xef\xbb\xbf\r\n" + buf.getvalue().encode()))
    assert result.events == 4


def test_the_garbage_collector_is_back_as_it_was_after_an_import(
    source: EventStore, store: EventStore
) -> None:
    import gc

    good = ("\n".join(dump(good_lines(source))) + "\n").encode()
    assert gc.isenabled()
    import_jsonl(store, io.BytesIO(good))
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        import_jsonl(store, io.BytesIO(b"{not json}\n"))
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(ImportFileError):
            import_jsonl(store, io.BytesIO(good))  # already in the store: refused
        assert not gc.isenabled()  # someone else turned it off: left off
    finally:
        gc.enable()


def test_a_checkout_with_line_discounts_not_its_own_is_refused_naming_its_line(
    catalog: Catalog, store: EventStore, tmp_path: Path
) -> None:
    """One line discount too many made the order ledger raise out of the import (a
    ``ValueError``, no message); it is a fact that cannot follow, refused as such."""

    cart = Cart(currency=catalog.currency)
    product = catalog.products[0]
    (added,) = decide(cart, AddItem(item_id=product.id, quantity=1), catalog)
    (checked_out,) = decide(apply(cart, added), Checkout(), catalog)
    forged = checked_out.model_copy(update={"line_discounts": (Decimal("0.00"),) * 2})
    text = "".join(
        envelope_to_json(Envelope.new(fact, source="CartHandler")) + "\n"
        for fact in (added, forged)
    )
    path = tmp_path / "forged.jsonl"
    path.write_text(text, encoding="utf-8")
    before = snapshot_of(store)
    with pytest.raises(ImportFileError) as caught:
        import_jsonl(store, path, currency=catalog.currency)
    assert caught.value.line == 2
    assert "line discounts" in str(caught.value)
    assert snapshot_of(store) == before


def _commands_file(count: int, broken_at: int | None = None) -> tuple[bytes, int]:
    """``count`` AddItem lines (no versions) over several blocks, a byte order mark, CRLF
    endings and a blank line after every seventh; the line number of message ``broken_at``
    (1-based), which is then broken, or 0."""
    out = [b"\xef\xbb\xbf"]
    number = named = 0
    for i in range(1, count + 1):
        env = Envelope.new(AddItem(item_id="espresso-beans", quantity=1), source="ui")
        line = b"{broken" if i == broken_at else envelope_to_json(env).encode()
        number += 1
        named = number if i == broken_at else named
        out.append(line + b"\r\n")
        if i % 7 == 0:
            out.append(b"  \r\n")
            number += 1
    return b"".join(out), named


def test_lines_over_many_blocks_keep_their_numbers(store: EventStore) -> None:
    data, _ = _commands_file(12_000)
    assert len(data) > 2 * BLOCK_BYTES
    assert import_jsonl(store, io.BytesIO(data)).events == 12_000
    data, line = _commands_file(12_000, broken_at=9_999)
    assert line > 10_000
    with pytest.raises(ImportFileError, match=rf"^line {line}: malformed JSON"):
        import_jsonl(store, io.BytesIO(data))
