"""Inspecting an SQLite ``-wal`` file before SQLite opens it (pure Python, no ``sqlite3``).

SQLite replays a WAL only up to its first frame whose salts or cumulative checksum do not match,
and drops the rest without a word: a flipped byte, a cut-off file or a garbage header silently
loses committed transactions. ``inspect_wal`` reads the file as the documented format describes
(https://www.sqlite.org/fileformat2.html#walformat) and tells normal leftovers from damage:

- 32-byte header: magic ``0x377f0682``/``0x377f0683`` (the low bit selects the checksums' byte
  order), version, page size, checkpoint sequence, two salts, and a checksum of the first 24 bytes.
- Frames: a 24-byte header (page number, the database size in pages for a commit frame, else 0,
  the two salts, and the checksum so far over every frame's first 8 header bytes and page) and a
  page. A frame counts only if its salts are the header's and its checksum matches.

Normal, **not** damage: frames after the last valid commit whose salts differ from the header's
(an older generation of the WAL, left after a checkpoint restarted it), and valid frames of a
transaction that never committed (a writer killed mid-transaction: nothing was acknowledged).

Damage: a header that is not a WAL header (or fails its checksum) on a non-empty file, and
committed transactions that the valid prefix does not reach. The wal-index (``-shm``), which a
killed writer leaves behind, says how many frames were committed (``mxFrame``, for the same salts);
if it claims more than the valid prefix holds, those transactions are lost. Without a usable
``-shm`` a frame with the header's salts but a wrong checksum, or a file that ends inside a frame
right after such frames, counts as damage.

``dropped_frames`` gives the frames SQLite will drop (after the committed prefix, of the same
generation, up to the last commit among them or the wal-index's ``mxFrame``), each with its page
image and whether it is intact on its own (its checksum matches, chained from the checksum the
frame before it stores), so ``cartapp.store.walrows`` can tell which messages they held.
"""

from __future__ import annotations

import itertools
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DroppedFrames", "Frame", "WalReport", "dropped_frames", "inspect_wal"]

_MAGIC = (0x377F0682, 0x377F0683)
_HEADER = 32
_FRAME_HEADER = 24


@dataclass(frozen=True)
class WalReport:
    """What ``inspect_wal`` found in one ``-wal`` file."""

    size: int
    """The file's length in bytes (0: no WAL, or an empty one)."""
    page_size: int
    """From the header; 0 if the header is not valid."""
    valid_frames: int
    """Frames in the valid prefix (salts and checksum chain intact), committed or not."""
    committed_frames: int
    """Frames up to and including the last valid commit frame: what SQLite will replay."""
    valid_commits: int
    """Commit frames in the valid prefix (transactions SQLite will replay)."""
    lost_commits: int
    """Committed transactions after the valid prefix that SQLite will drop (0 if healthy)."""
    problem: str | None
    """None if the WAL is healthy; otherwise a sentence that says what is damaged."""
    estimated: bool = False
    """Whether ``lost_commits`` is an estimate (frames were cut off, so their commits cannot be
    counted; the estimate is the commits per frame so far times the frames missing)."""

    @property
    def damaged(self) -> bool:
        return self.problem is not None

    @property
    def valid_length(self) -> int:
        """The byte length of the header and the committed frames (what to keep)."""
        if not self.page_size:
            return 0
        return _HEADER + self.committed_frames * (_FRAME_HEADER + self.page_size)


def _checksum(data: bytes, fmt: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{fmt}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _shm_frames(shm: Path, salts: bytes) -> int | None:
    """``mxFrame`` from the wal-index header in ``shm`` if it is initialised, its two copies
    agree and it belongs to the WAL with ``salts``; None otherwise."""
    try:
        with open(shm, "rb") as f:
            head = f.read(96)
    except OSError:
        return None
    if len(head) < 96 or head[:48] != head[48:96] or not head[12]:
        return None
    if head[32:40] != salts:
        return None
    order = "<" if sys.byteorder == "little" else ">"
    (mx_frame,) = struct.unpack_from(f"{order}I", head, 16)
    return int(mx_frame)


def inspect_wal(wal: Path, shm: Path | None = None) -> WalReport:
    """Read ``wal`` (and, if given and usable, the wal-index ``shm``) and judge it."""
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        data = b""
    size = len(data)
    if size == 0:
        return WalReport(0, 0, 0, 0, 0, 0, None)
    if size < _HEADER:
        return WalReport(size, 0, 0, 0, 0, 0, f"the WAL file is cut short ({size} bytes)")
    magic, version, page_size, _seq = struct.unpack_from(">IIII", data, 0)
    fmt = ">" if magic == _MAGIC[1] else "<"
    problem = None
    if magic not in _MAGIC or version != 3007000:
        problem = "the WAL file's header is not a WAL header"
    elif page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        problem = f"the WAL file's header names an impossible page size ({page_size})"
    elif _checksum(data[:24], fmt, 0, 0) != struct.unpack_from(">II", data, 24):
        problem = "the WAL file's header fails its checksum"
    if problem:
        return WalReport(size, 0, 0, 0, 0, _lost_without_header(data), problem)
    salts = data[16:24]
    s0, s1 = struct.unpack_from(">II", data, 24)
    frame = _FRAME_HEADER + page_size
    estimated = False
    valid = committed = commits = 0
    offset = _HEADER
    broken: str | None = None
    while offset + frame <= size:
        head = data[offset : offset + _FRAME_HEADER]
        if head[8:16] != salts:
            break  # an older generation of the WAL: normal
        s0, s1 = _checksum(head[:8], fmt, s0, s1)
        s0, s1 = _checksum(data[offset + _FRAME_HEADER : offset + frame], fmt, s0, s1)
        if (s0, s1) != struct.unpack_from(">II", head, 16):
            broken = "checksum"
            break
        valid += 1
        if struct.unpack_from(">I", head, 4)[0]:
            committed, commits = valid, commits + 1
        offset += frame
    else:
        if offset < size and data[offset + 8 : offset + 16] == salts[: max(0, size - offset - 8)]:
            broken = "truncated"
    later = _later_commits(data, offset, frame, salts)
    mx_frame = _shm_frames(shm, salts) if shm is not None else None
    if mx_frame is not None:
        lost = 0
        if mx_frame > committed:
            # frames cut off cannot be counted: estimate from the commits per frame so far
            estimate = (mx_frame - committed) * commits // committed if committed else 0
            lost = max(later, estimate)
            estimated = estimate > later
        if mx_frame > committed:
            problem = (
                f"the WAL file is damaged after frame {committed}: SQLite recorded "
                f"{mx_frame} committed frames"
            )
    elif broken == "checksum":
        lost = later
        problem = f"frame {valid + 1} of the WAL file fails its checksum"
    elif broken == "truncated" and later:
        lost = later
        problem = "the WAL file ends inside a frame"
    else:
        lost = 0
    if problem and not lost:
        lost = max(later, 1)
    return WalReport(size, page_size, valid, committed, commits, lost, problem, estimated)


def _later_commits(data: bytes, offset: int, frame: int, salts: bytes) -> int:
    """Commit frames with the header's salts from ``offset`` on, checksums ignored (an estimate
    of the transactions lost; a frame cut off at the end counts if its header is there)."""
    count = 0
    while offset + _FRAME_HEADER <= len(data):
        head = data[offset : offset + _FRAME_HEADER]
        if head[8:16] != salts:
            break
        if struct.unpack_from(">I", head, 4)[0]:
            count += 1
        offset += frame
    return count


def _lost_without_header(data: bytes) -> int:
    """With the header gone, guess the page size from the frames and count their commits."""
    for page_size in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512):
        frame = _FRAME_HEADER + page_size
        if len(data) < _HEADER + frame:
            continue
        salts = data[_HEADER + 8 : _HEADER + 16]
        count = _later_commits(data, _HEADER, frame, salts)
        nxt = _HEADER + frame + 8
        if count and (len(data) < nxt + 8 or data[nxt : nxt + 8] == salts):
            return count
    return 1


@dataclass(frozen=True)
class Frame:
    """One frame of a WAL: the page image it holds (shorter than a page if the file ends in it)."""

    index: int
    """0-based position in the file."""
    page_number: int
    commit: bool
    page: bytes
    intact: bool
    """Its checksum matches, chained from the checksum stored in the frame before it."""


@dataclass(frozen=True)
class DroppedFrames:
    """The frames of a damaged WAL that SQLite will not replay (``dropped_frames``)."""

    page_size: int
    frames: list[Frame] = field(default_factory=list)
    missing: int = 0
    """Frames the wal-index says were committed but the file no longer holds (cut off)."""
    committed: int = 0
    """Frames in the valid committed prefix (what SQLite replays)."""


def _guess_geometry(data: bytes) -> tuple[int, bytes] | None:
    """With the header gone: the page size whose frames chain by salts, and those salts."""
    for page_size in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512):
        frame = _FRAME_HEADER + page_size
        if len(data) < _HEADER + _FRAME_HEADER:
            return None
        salts = data[_HEADER + 8 : _HEADER + 16]
        nxt = _HEADER + frame
        if len(data) < nxt + 16 or data[nxt + 8 : nxt + 16] == salts:
            return page_size, salts
    return None


def dropped_frames(wal: Path, report: WalReport, shm: Path | None = None) -> DroppedFrames:
    """The frames after ``report``'s committed prefix that belong to the same generation, up to
    the last commit frame among them (an uncommitted tail was never acknowledged) or, if the
    wal-index is usable, up to its ``mxFrame``. Empty for a healthy WAL."""
    if not report.damaged:
        return DroppedFrames(report.page_size)
    try:
        data = wal.read_bytes()
    except OSError:
        return DroppedFrames(report.page_size)
    if report.page_size:
        page_size, salts, first = report.page_size, data[16:24], report.committed_frames
        orders: tuple[str, ...] = (
            ">" if struct.unpack_from(">I", data, 0)[0] == _MAGIC[1] else "<",
        )
    else:
        guess = _guess_geometry(data)
        if guess is None:
            return DroppedFrames(0)
        (page_size, salts), first = guess, 0
        orders = ("<", ">")
    size = _FRAME_HEADER + page_size
    heads: list[tuple[int, bytes, bytes]] = []  # (index, header, page) of the generation
    offset = _HEADER + first * size
    index = first
    while offset + _FRAME_HEADER <= len(data):
        head = data[offset : offset + _FRAME_HEADER]
        if head[8:16] != salts:
            break
        heads.append((index, head, data[offset + _FRAME_HEADER : offset + size]))
        index += 1
        offset += size
    mx_frame = _shm_frames(shm, salts) if shm is not None and report.page_size else None
    if mx_frame is not None:
        end = mx_frame - first
        missing = max(0, mx_frame - first - len(heads))
    else:
        commits = [
            k for k, (_, head, _) in enumerate(heads) if struct.unpack_from(">I", head, 4)[0]
        ]
        end = commits[-1] + 1 if commits else 0
        missing = 0
    heads = heads[: max(0, end)]
    fmt = _byte_order(heads, page_size, orders)
    frames = []
    previous: tuple[int, int] | None = None
    if first:
        previous = struct.unpack_from(">II", data, _HEADER + (first - 1) * size + 16)
    elif report.page_size:
        previous = struct.unpack_from(">II", data, 24)
    for index, head, page in heads:
        stored = struct.unpack_from(">II", head, 16)
        intact = False
        if previous is not None and len(page) == page_size:
            s0, s1 = _checksum(head[:8], fmt, *previous)
            intact = _checksum(page, fmt, s0, s1) == stored
        frames.append(
            Frame(
                index,
                struct.unpack_from(">I", head, 0)[0],
                bool(head[4:8] != bytes(4)),
                page,
                intact,
            )
        )
        previous = stored
    return DroppedFrames(page_size, frames, missing, first)


def _byte_order(
    heads: list[tuple[int, bytes, bytes]], page_size: int, orders: tuple[str, ...]
) -> str:
    """The checksums' byte order: the only one given, or the one under which a frame chains
    from the checksum of the frame before it."""
    for fmt in orders[:-1]:
        for (_, before, _), (_, head, page) in itertools.pairwise(heads):
            if len(page) == page_size:
                s0, s1 = _checksum(head[:8], fmt, *struct.unpack_from(">II", before, 16))
                if _checksum(page, fmt, s0, s1) == struct.unpack_from(">II", head, 16):
                    return fmt
    return orders[-1]
