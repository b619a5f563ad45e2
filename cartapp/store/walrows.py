"""Which stored messages the dropped frames of a damaged ``-wal`` held (pure Python, no sqlite3).

A WAL frame holds a whole page image. The rows of the ``events`` table live in the leaves of its
table b-tree (page type ``0x0D``; https://www.sqlite.org/fileformat2.html#b_tree_pages): each
cell is a varint payload size, a varint rowid (``events.seq``) and a record (a header of serial
types, then the values). A cell is taken for a message row by the record's shape: 11 or 12
columns (before and after the digest column was added), the first NULL (``seq`` is the rowid),
then text, text, integer (stream, version), text, text, text, text or NULL, text, a number, text
(and a blob). The stages table has 13 columns; snapshots are an index b-tree (``0x0A``).

``lost_messages`` reads the dropped frames and returns the rows above what the recovered database
holds. Every append writes the stream's last leaf page again, so a row of a damaged frame is
usually found in a later, intact copy of the same page; the count is exact when every damaged
frame's page has a later intact copy and no frame is missing, and a lower bound otherwise. Rows
of a damaged frame are taken only if they continue the rowids without a gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cartapp.store.wal import DroppedFrames

__all__ = ["LostMessages", "leaf_rows", "lost_messages"]


@dataclass(frozen=True)
class LostMessages:
    """The messages of a damaged WAL that could not be recovered."""

    count: int
    exact: bool
    """False: at least ``count`` (a frame was too damaged to read, or cut off)."""
    first_versions: dict[str, int]
    """Per stream, the first version lost (only streams with a lost message)."""


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    value = 0
    for k in range(8):
        byte = buf[i + k]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i + k + 1
    return (value << 8) | buf[i + 8], i + 9


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 8: 0, 9: 0}


def _value_size(serial: int) -> int:
    if serial in _INT_SIZES:
        return _INT_SIZES[serial]
    if serial == 7:
        return 8
    if serial >= 12:
        return (serial - 12) // 2 if serial % 2 == 0 else (serial - 13) // 2
    if serial == 0:
        return 0
    raise ValueError(f"reserved serial type {serial}")


def _is_int(serial: int) -> bool:
    return 1 <= serial <= 6 or serial in (8, 9)


def _is_text(serial: int) -> bool:
    return serial >= 13 and serial % 2 == 1


def _event_shape(serials: list[int]) -> bool:
    if len(serials) not in (11, 12) or serials[0] != 0:
        return False
    text = (1, 2, 4, 5, 6, 8, 10)
    return (
        all(_is_text(serials[i]) for i in text)
        and _is_int(serials[3])
        and (serials[7] == 0 or _is_text(serials[7]))
        and (serials[9] == 7 or _is_int(serials[9]))
        and (len(serials) == 11 or (serials[11] >= 12 and serials[11] % 2 == 0))
    )


def _int_value(data: bytes, serial: int) -> int:
    if serial == 8:
        return 0
    if serial == 9:
        return 1
    return int.from_bytes(data, "big", signed=True)


def _local_size(payload: int, usable: int) -> int:
    """How much of a table-leaf cell's payload is on the page (the rest overflows)."""
    most = usable - 35
    if payload <= most:
        return payload
    least = (usable - 12) * 32 // 255 - 23
    k = least + (payload - least) % (usable - 4)
    return k if k <= most else least


def leaf_rows(
    page: bytes, page_number: int
) -> tuple[dict[int, tuple[str | None, int | None]], bool]:
    """The message rows of one page image: ``{rowid: (stream, version)}`` (None where the value
    lies beyond the page, in an overflow page) and whether every cell could be read. A page that
    is not a table leaf gives no rows and counts as read."""
    base = 100 if page_number == 1 else 0
    rows: dict[int, tuple[str | None, int | None]] = {}
    if len(page) < base + 8 or page[base] != 0x0D:
        return rows, True
    cells = int.from_bytes(page[base + 3 : base + 5], "big")
    usable = len(page)
    sound = True
    for k in range(cells):
        at = base + 8 + 2 * k
        try:
            cell = int.from_bytes(page[at : at + 2], "big")
            if not base + 8 + 2 * cells <= cell < usable:
                raise ValueError("a cell outside the page")
            payload, i = _varint(page, cell)
            rowid, i = _varint(page, i)
            local = page[i : i + min(_local_size(payload, usable), payload)]
            header, j = _varint(local, 0)
            serials: list[int] = []
            while j < header:
                serial, j = _varint(local, j)
                serials.append(serial)
            if j != header or not _event_shape(serials):
                continue
            offset = header
            values: list[bytes | None] = []
            for serial in serials[:4]:
                size = _value_size(serial)
                chunk = local[offset : offset + size]
                values.append(chunk if len(chunk) == size else None)
                offset += size
            stream = values[2].decode("utf-8") if values[2] is not None else None
            version = _int_value(values[3], serials[3]) if values[3] is not None else None
            rows[rowid] = (stream, version)
        except (IndexError, ValueError, UnicodeDecodeError):
            sound = False
    return rows, sound


def lost_messages(dropped: DroppedFrames, recovered_seq: int) -> LostMessages:
    """The message rows in ``dropped`` with a rowid above ``recovered_seq`` (the newest
    ``events.seq`` the recovered database holds); see the module docstring."""
    trusted: dict[int, tuple[str | None, int | None]] = {}
    doubtful: dict[int, tuple[str | None, int | None]] = {}
    exact = dropped.missing == 0
    frames = dropped.frames
    for n, frame in enumerate(frames):
        rows, sound = leaf_rows(frame.page, frame.page_number)
        if frame.intact and sound:
            trusted.update(rows)
            continue
        doubtful.update(rows)
        if not any(f.intact and f.page_number == frame.page_number for f in frames[n + 1 :]):
            exact = False  # its page has no later intact copy: rows may be missing
    lost: dict[int, tuple[str | None, int | None]] = {
        r: v for r, v in trusted.items() if r > recovered_seq
    }
    nxt = max(lost, default=recovered_seq) + 1
    while nxt in doubtful:  # a damaged frame's rows count only where they continue the rowids
        lost[nxt] = doubtful[nxt]
        nxt += 1
    if any(r > nxt for r in doubtful if r not in lost):
        exact = False
    if len(lost) != (max(lost, default=recovered_seq) - recovered_seq):
        exact = False  # a gap in the rowids: something between was not read
    first: dict[str, int] = {}
    for stream, version in lost.values():
        if stream is not None and version is not None:
            first[stream] = min(version, first.get(stream, version))
    return LostMessages(len(lost), exact, first)
