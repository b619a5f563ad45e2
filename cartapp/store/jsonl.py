"""Export a stream (a session, or the whole history) as JSON Lines; import a file as a new stream.

Export writes one line per message, oldest first, in one of two formats: ``"cloudevents"``, a
CloudEvents 1.0 event in structured JSON mode (``cartapp.store.cloudevents``: what the File menu
and ``cartapp --export`` write), or ``"cartapp"``, the mapper's own wire format with the message's
``version``. To a path it writes a private (0600) temporary file next to it and renames it into
place, so a failed export never leaves half a file under the chosen name. A link is followed (the
file it points at is replaced, the link stays); a folder, a device or pipe, and the store's own
files (its database, ``-wal``, ``-shm``, clean marker, lock) are refused with an ``OSError``
before anything is written: replacing ``/dev/null`` or the cart's database would destroy them and
keep nothing. ``export_data_dir``
exports the live cart's whole history of a data folder under its lock, for the command line.

Import reads both formats, line by line (a line with a ``specversion`` is a CloudEvent; its
``sequence`` plays the part of ``version``).

The import is strict, atomic and linear in the size of the file. Every line is validated and the
first problem raises ``ImportFileError`` naming the line (1-based; 0 is the file as a whole);
then nothing has been written. It refuses:

- anything but a regular file (a FIFO, a device, a directory): a path is opened with
  ``O_NONBLOCK``, so opening a FIFO never waits for a writer, and checked with ``fstat``;
- a file over ``max_bytes`` (50 MB) or a line over ``max_line`` (64 KiB), bytes that are not
  UTF-8. The file is read in blocks of 1 MiB, so a huge line is refused after one block, never
  read whole into memory;
- malformed JSON, and a number with more than ``MAX_NUMBER_DIGITS`` digits, refused by the
  parser's hooks before Python converts it (a 5,000-digit number would hit Python's int digit
  limit); an unknown event type, missing/unknown/wrong fields (the mapper's validation);
- an event id that appears twice in the file or is already in the store (importing your own
  export into the same store is therefore refused: ids are unique, never doubled);
- version gaps: if lines carry ``version``, all must, each one more than the line before;
- facts that do not replay: every fact is checked against the cart folded so far
  (``cartapp.domain.replay.Replay``: one step per fact, never a fold of the whole prefix);
- a file without any event (blank lines are skipped; a file of blank lines is counted at
  memory speed and refused as empty).

``progress(lines_done, bytes_done, total_bytes) -> bool`` (optional) is called from the thread
that imports, once before each block is read and once when the whole file is valid; returning
False cancels: ``ImportCancelledError`` is raised and nothing is stored.

While it reads and stores a file, the import pauses Python's cyclic garbage collector
(``_collector_paused``): it holds every message of the file until the one transaction, and each
collection would walk all of them again (about a tenth of the time). Reference counting still
frees everything else at once; the collector is on again when the import ends, however it ends
(and stays off only if something else had turned it off).

A line becomes the store's columns directly (``columns_from_cloudevent``; a line of the old
format through ``record_from_dict``), with the same checks and the same reasons as building its
envelope. A line exactly as an export writes it is first offered to ``columns_from_export_line``
(``cartapp.store.exportline``: one regular expression, each distinct payload text validated
once), which gives the same columns without a JSON parser or None, and then the line goes that
general way; ``EventStore.append_columns`` chains and stores them, so an import builds no envelope
(``read_jsonl`` builds them for its callers) and serialises no payload a second time.

An accepted file becomes a new stream with origin 'import' (id ``import-<time>-<random>``),
versions 1..n in file order, with a snapshot of its final cart, written by
``EventStore.append_columns`` in one transaction. It never touches the live cart.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import json
import os
import re
import secrets
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, NamedTuple

from cartapp.bus.envelope import Envelope
from cartapp.domain.events import Fact
from cartapp.domain.replay import Replay
from cartapp.store.cloudevents import columns_from_cloudevent, envelope_to_cloudevent
from cartapp.store.errors import (
    DuplicateEventError,
    ImportCancelledError,
    ImportFileError,
    StoreError,
)
from cartapp.store.exportline import columns_from_export_line
from cartapp.store.lock import LOCK_NAME, StoreLock
from cartapp.store.mapper import MappingError, envelope_to_json, record_from_dict, stored_columns
from cartapp.store.store import DB_NAME, LIVE_STREAM, EventStore

if TYPE_CHECKING:
    from cartapp.domain.cart import Cart
    from cartapp.domain.events import Message
    from cartapp.store.rows import Columns

__all__ = [
    "CLOUDEVENTS",
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "MAX_NUMBER_DIGITS",
    "ExportFormat",
    "ImportResult",
    "NoHistoryError",
    "Progress",
    "export_data_dir",
    "export_jsonl",
    "import_jsonl",
    "read_jsonl",
]

MAX_LINE_BYTES = 64 * 1024
MAX_FILE_BYTES = 50_000_000
MAX_NUMBER_DIGITS = 100
"""A JSON number with more digits than this is refused before it is converted (no field of a
message needs more than a few dozen)."""
BLOCK_BYTES = 1 << 20
"""The file is read in blocks of this size; progress is reported before each one."""

ExportFormat = Literal["cloudevents", "cartapp"]
CLOUDEVENTS: ExportFormat = "cloudevents"

Progress = Callable[[int, int, int], bool]
"""``(lines_done, bytes_done, total_bytes) -> go on``; ``total_bytes`` is 0 when unknown."""


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
    format: ExportFormat = "cartapp",
) -> int:
    """Write messages ``first..last`` of ``stream`` to ``dest``; returns how many."""
    if format not in ("cloudevents", "cartapp"):
        raise ValueError(f"format must be 'cloudevents' or 'cartapp', not {format!r}")
    if not isinstance(dest, str | os.PathLike):
        return _write(store, dest, stream, first, last, format)
    path = _export_target(store, dest)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            count = _write(store, f, stream, first, last, format)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return count


def _export_target(store: EventStore, dest: str | os.PathLike[str]) -> Path:
    """The regular file an export to ``dest`` replaces (a link resolved); see the docstring."""
    path = Path(os.path.realpath(dest))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        what = _kind(mode)
        raise OSError(errno.EINVAL, f"it is {what}: an export is written only to a regular file")
    own = Path(os.path.realpath(store.path))
    suffixes = ("", "-wal", "-shm", "-journal", ".clean")
    if path.parent == own.parent and path.name in {LOCK_NAME, *(own.name + s for s in suffixes)}:
        raise OSError(errno.EINVAL, "it is one of the cart's own files: choose another name")
    return path


def _write(
    store: EventStore, out: IO[str], stream: str, first: int, last: int | None, format: str
) -> int:
    count = 0
    for stored in store.iter_events(stream, first, last):
        if format == "cloudevents":
            event = envelope_to_cloudevent(stored.envelope, stream=stream, version=stored.version)
            out.write(json.dumps(event, ensure_ascii=False))
        else:
            out.write(envelope_to_json(stored.envelope, version=stored.version))
        out.write("\n")
        count += 1
    return count


class NoHistoryError(StoreError):
    """The data folder holds no cart database to export."""


def export_data_dir(
    data_dir: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    format: ExportFormat = CLOUDEVENTS,
    on_notice: Callable[[str], None] | None = None,
) -> int:
    """Export the live cart's whole history (every session) of ``data_dir`` to ``dest``.

    ``on_notice`` gets the store's notice if opening it found a damaged ``-wal`` (kept aside as
    the app does; the export then holds what could be recovered).

    Holds the data folder's lock meanwhile, so it refuses (``StoreLockedError``) while a window
    has the cart open. Raises ``NoHistoryError`` if there is no database, the store's errors
    (``StoreCorruptError``, ``SchemaTooNewError``, ...) if it cannot be read, ``OSError`` if
    ``dest`` cannot be written. Returns how many messages were written.
    """
    directory = Path(data_dir)
    database = directory / DB_NAME
    if not database.is_file() or database.stat().st_size == 0:
        raise NoHistoryError(f"there is no cart history in {directory} ({DB_NAME} is missing)")
    with StoreLock.acquire(directory):
        store = EventStore.open(database)
        try:
            if store.wal_notice is not None and on_notice is not None:
                on_notice(store.wal_notice)
            return export_jsonl(store, dest, stream=LIVE_STREAM, format=format)
        finally:
            store.close()


# -- import: opening and reading ----------------------------------------------------------------


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _open_path(path: str | os.PathLike[str]) -> tuple[IO[bytes], int]:
    """Open a regular file for reading, never blocking on a FIFO; ``(file, size)``."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ImportFileError(0, f"the file cannot be opened: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(
                0, f"{Path(path).name} is {_kind(info.st_mode)}: only a regular file is imported"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def _size_of(f: IO[bytes]) -> tuple[int, bool]:
    """The size of a caller's stream (0 when it cannot be told) and whether it is a file's."""
    with contextlib.suppress(OSError, io.UnsupportedOperation, AttributeError, ValueError):
        info = os.fstat(f.fileno())
        if stat.S_ISREG(info.st_mode):
            return info.st_size, True
    with contextlib.suppress(OSError, io.UnsupportedOperation, AttributeError, ValueError):
        if f.seekable():
            here = f.tell()
            end = f.seek(0, io.SEEK_END)
            f.seek(here)
            return end - here, False
    return 0, False


class _NumberTooLarge(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(f"a number with {digits} digits is too large")


def _parse_int(text: str) -> int:
    digits = len(text) - text.startswith("-")
    if digits > MAX_NUMBER_DIGITS:
        raise _NumberTooLarge(digits)
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberTooLarge(sum(c.isdigit() for c in text))
    return float(text)


_DECODER = json.JSONDecoder(parse_int=_parse_int, parse_float=_parse_float)
"""One decoder with the digit-limit hooks, built once (``json.loads`` with hooks builds one per
call)."""
_PARSE = json.JSONDecoder().decode
"""The decoder without hooks: the C scanner never calls back into Python for a number."""
_SCAN: Callable[[str, int], tuple[object, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
"""Its scanner, called directly for a line that starts with its value (an export's lines):
``_PARSE`` then only runs to word the error of a line the scanner refuses."""
_LONG_TEXT_RUN = re.compile(f"[-+.0-9eE]{{{MAX_NUMBER_DIGITS + 1}}}")


def _load_payload(text: str) -> object:
    """How a payload's text is parsed on the export-line path: whole, with the digit limit
    (``_DECODER``) only if it holds a run of number characters that long (see ``_LONG_RUN``)."""
    if _LONG_TEXT_RUN.search(text) is None:
        return _PARSE(text)
    return _DECODER.decode(text)


_EXPORTED = columns_from_export_line
_NUMBER_CHARS = bytes(48 if chr(i) in "+-.0123456789eE" else 32 for i in range(256))
_LONG_RUN = b"0" * (MAX_NUMBER_DIGITS + 1)
"""A line whose characters of numbers (``_NUMBER_CHARS`` maps them to "0", all else to " ")
hold no run this long has no number over the digit limit; such lines (all of an export's) are
parsed without the hooks. A line with a run is parsed with them, which then tell a long number
from, say, a long id."""


_BOM = b"\xef\xbb\xbf"


class _Reader:
    """The non-blank lines of ``f`` as ``(number, content)``, read in blocks; reports progress."""

    def __init__(
        self, f: IO[bytes], total: int, max_line: int, max_bytes: int, progress: Progress | None
    ) -> None:
        self.f = f
        self.total = total
        self.max_line = max_line
        self.max_bytes = max_bytes
        self.progress = progress
        self.number = 0
        self.done = 0

    def report(self) -> None:
        if self.progress is not None and not self.progress(self.number, self.done, self.total):
            raise ImportCancelledError(self.number)

    def _too_large(self, number: int) -> ImportFileError:
        return ImportFileError(
            number, f"the file is larger than the {self.max_bytes / 1e6:.0f} MB limit"
        )

    def _too_long(self, number: int) -> ImportFileError:
        return ImportFileError(
            number, f"the line is longer than {self.max_line // 1024} KiB; is this an export?"
        )

    def _block(self) -> bytes:
        self.report()
        try:
            return self.f.read(BLOCK_BYTES)
        except OSError as exc:
            raise ImportFileError(
                self.number + 1, f"the file could not be read: {exc.strerror or exc}"
            ) from None

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        carry = b""
        longest = self.max_line + 1  # a line may end in "\r\n"
        while block := self._block():
            data = carry + block if carry else block
            end = data.rfind(b"\n") + 1
            if self.done + end <= self.max_bytes and not data[:end].strip():
                # only blank lines up to the last newline: count them, nothing to parse
                self.number += data.count(b"\n", 0, end)
                self.done += end
                carry = data[end:]
            else:
                pieces = data.split(b"\n")
                carry = pieces.pop()
                if (
                    self.done + end <= self.max_bytes
                    and max(map(len, pieces), default=0) <= self.max_line
                ):
                    # no line of the block is too long or crosses the size limit: the checks
                    # below would find nothing, line by line
                    first = self.number + 1
                    if first == 1:
                        pieces[0] = pieces[0].removeprefix(_BOM)
                    returns = data.find(b"\r", 0, end) >= 0
                    for number, piece in enumerate(pieces, first):
                        if piece.strip():
                            yield number, piece.rstrip(b"\r") if returns else piece
                    self.number += len(pieces)
                    self.done += end
                    pieces = []
                for piece in pieces:
                    self.number += 1
                    self.done += len(piece) + 1
                    if self.done > self.max_bytes:
                        raise self._too_large(self.number)
                    if len(piece) > self.max_line and len(piece.rstrip(b"\r")) > self.max_line:
                        raise self._too_long(self.number)
                    if self.number == 1:
                        piece = piece.removeprefix(_BOM)
                    if piece.strip():
                        yield self.number, piece.rstrip(b"\r")
            if len(carry) > longest:
                raise self._too_long(self.number + 1)
            if self.done + len(carry) > self.max_bytes:
                raise self._too_large(self.number + 1)
        if carry:
            self.number += 1
            self.done += len(carry)
            if self.number == 1:
                carry = carry.removeprefix(_BOM)
            if carry.strip():
                yield self.number, carry.rstrip(b"\r")


# -- import: validating and storing ----------------------------------------------------------------


def read_jsonl(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    currency: str = "EUR",
    max_line: int = MAX_LINE_BYTES,
    max_bytes: int = MAX_FILE_BYTES,
    progress: Progress | None = None,
) -> tuple[list[Envelope], Cart]:
    """Read and validate a whole file (no store involved); returns its envelopes and the cart
    they replay to. Raises ``ImportFileError`` (see the module docstring)."""
    columns, events, _, cart = _read(source, currency, max_line, max_bytes, progress)
    envelopes = [
        Envelope.new(
            event,
            source=source_,
            event_id=event_id,
            correlation_id=corr,
            causation_id=cause,
            timestamp=timestamp,
        )
        for (event_id, _t, _k, corr, cause, source_, timestamp, _p), event in zip(
            columns, events, strict=True
        )
    ]
    return envelopes, cart


def _record(number: int, content: bytes) -> tuple[Columns, Message, int | None]:
    try:
        text = content.decode("utf-8")
        exported = _EXPORTED(text, _load_payload)
        if exported is not None:
            return exported
        long_run = _LONG_RUN in content.translate(_NUMBER_CHARS)
        if long_run:
            data = _DECODER.decode(text)
        else:
            try:
                data, end = _SCAN(text, 0)
            except StopIteration:
                data, end = _PARSE(text), len(text)  # raises the decoder's own message
            if end != len(text) and text[end:].strip(" \t\n\r"):
                data = _PARSE(text)  # "Extra data": raises
        if type(data) is dict and "specversion" in data:
            return columns_from_cloudevent(data)
        env, version = record_from_dict(data)
        return stored_columns(env), env.event, version
    except UnicodeDecodeError:
        raise ImportFileError(number, "the line is not valid UTF-8 text") from None
    except _NumberTooLarge as exc:
        raise ImportFileError(number, str(exc)) from None
    except MappingError as exc:
        raise ImportFileError(number, str(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise ImportFileError(number, f"malformed JSON: {exc}") from None


def _read(
    source: str | os.PathLike[str] | IO[bytes],
    currency: str,
    max_line: int,
    max_bytes: int,
    progress: Progress | None,
) -> tuple[list[Columns], list[Message], dict[str, int], Cart]:
    """The file's messages as their stored columns and as messages (two lists in file order),
    the first line of each event id and the cart they replay to."""
    if isinstance(source, str | os.PathLike):
        f, size = _open_path(source)
        known = True
    else:
        f = source
        size, known = _size_of(source)
    columns_of: list[Columns] = []
    events: list[Message] = []
    first_line: dict[str, int] = {}
    replay = Replay(currency)
    check, fold = replay.check, replay.apply
    last_version: int | None = None
    try:
        if known and size > max_bytes:  # else refused at the line that crosses the limit
            raise ImportFileError(
                0, f"the file is {size / 1e6:.1f} MB, more than the {max_bytes / 1e6:.0f} MB limit"
            )
        reader = _Reader(f, size, max_line, max_bytes, progress)
        for number, content in reader:
            columns, event, version = _record(number, content)
            event_id = columns[0]
            earlier = first_line.setdefault(event_id, number)
            if earlier != number:
                raise ImportFileError(
                    number, f"duplicate event id {event_id} (first on line {earlier})"
                )
            if version is None or last_version is None:
                if events and (version is None) != (last_version is None):
                    raise ImportFileError(number, "some lines carry a version and others do not")
            elif version != last_version + 1:
                raise ImportFileError(
                    number,
                    f"version {version} follows version {last_version}: versions must go up "
                    "by one, without gaps",
                )
            last_version = version
            if isinstance(event, Fact):
                problem = check(event)
                if problem:
                    raise ImportFileError(number, f"the fact does not replay: {problem}")
                fold(event)
            columns_of.append(columns)
            events.append(event)
        if not events:
            raise ImportFileError(0, "the file is empty: there are no events to import")
        reader.report()
    finally:
        if f is not source:
            f.close()
    return columns_of, events, first_line, replay.cart()


def import_jsonl(
    store: EventStore,
    source: str | os.PathLike[str] | IO[bytes],
    *,
    title: str | None = None,
    currency: str = "EUR",
    max_line: int = MAX_LINE_BYTES,
    max_bytes: int = MAX_FILE_BYTES,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate ``source`` and store it as a new 'import' stream in one transaction.

    Raises ``ImportFileError`` (naming the line) or ``ImportCancelledError`` (``progress``
    returned False); nothing is stored then. Safe to call from a worker thread.
    """
    with _collector_paused():
        return _import(store, source, title, currency, max_line, max_bytes, progress)


_pause_lock = threading.Lock()
_pausers = 0
_resume = False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (see the module docstring); nests across threads."""
    global _pausers, _resume
    with _pause_lock:
        if _pausers == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pausers -= 1
            if _pausers == 0 and _resume:
                gc.enable()


def _import(
    store: EventStore,
    source: str | os.PathLike[str] | IO[bytes],
    title: str | None,
    currency: str,
    max_line: int,
    max_bytes: int,
    progress: Progress | None,
) -> ImportResult:
    columns, events, line_of, cart = _read(source, currency, max_line, max_bytes, progress)
    if title is None:
        title = Path(source).name if isinstance(source, str | os.PathLike) else "imported"
    title = title[:200]
    stream = f"import-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    try:
        store.append_columns(
            columns,
            stream,
            0,
            snapshot=cart,
            origin="import",
            title=title,
        )
    except DuplicateEventError as exc:
        raise ImportFileError(
            line_of.get(exc.event_id, 0), f"event id {exc.event_id} {exc.detail}"
        ) from None
    return ImportResult(stream, title, len(events), cart)
