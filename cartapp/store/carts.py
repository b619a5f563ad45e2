"""Carts of the past and of now: the nearest sound snapshot plus the facts after it.

``cart_at(store, stream, version)`` is the cart right after message ``version`` (time travel);
``load_cart(store, stream)`` is the stream's cart now, as ``LoadedCart(cart, version, replayed)``,
and writes a fresh snapshot when it had to fold ``store.snapshot_every`` messages or more, so the
next start is fast again. A snapshot is a verified cache: one whose chain digest does not match
the message it claims to fold, whose seal fails or that claims a later version is logged and
ignored, and the messages are folded instead. ``EventStore`` offers these as methods.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from cartapp.domain.cart import Cart
from cartapp.domain.replay import Replay
from cartapp.store.errors import ChainBrokenError, StoreError
from cartapp.store.rows import head_digest
from cartapp.store.snapshot import SnapshotError, decode_cart

if TYPE_CHECKING:
    from cartapp.store.store import EventStore

__all__ = ["LoadedCart", "cart_at", "load_cart", "snapshot_versions"]

_log = logging.getLogger(__name__)


class LoadedCart(NamedTuple):
    """A stream's cart at its current ``version``; ``replayed`` messages were read after the
    snapshot it started from."""

    cart: Cart
    version: int
    replayed: int


def cart_at(store: EventStore, stream: str, version: int, currency: str) -> tuple[Cart, int]:
    """The cart of ``stream`` right after its message ``version`` (0: empty) and how many
    messages were read after the snapshot it started from."""
    base, cart = _snapshot_before(store, stream, version)
    replay = Replay(currency) if cart is None else Replay.starting_from(cart)
    fold = replay.apply
    for fact in store.iter_facts(stream, base, version):
        fold(fact)  # a mutable fold, one Cart at the end (what decider.apply_all gives)
    return replay.cart(), version - base


def _snapshot_before(store: EventStore, stream: str, version: int) -> tuple[int, Cart | None]:
    with store.lock:
        conn = store.connection()
        rows = conn.execute(
            "SELECT version, cart, digest FROM snapshots WHERE stream = ? AND version <= ?"
            " ORDER BY version DESC",
            (stream, version),
        )  # lazily: the newest sound one is usually the first of many
        for snap_version, text, digest in rows:
            if digest != head_digest(conn, stream, snap_version):
                _log.warning(
                    "%s: ignoring the snapshot of stream %r at version %s: it does not"
                    " match the messages it claims to fold",
                    store.path,
                    stream,
                    snap_version,
                )
                continue
            try:
                cart = decode_cart(text)
            except SnapshotError as exc:
                _log.warning(
                    "%s: ignoring the snapshot of stream %r at version %s (%s); folding the"
                    " messages instead",
                    store.path,
                    stream,
                    snap_version,
                    exc,
                )
                continue
            if cart.version > snap_version:
                _log.warning(
                    "%s: ignoring the snapshot of stream %r at version %s: it claims version %s",
                    store.path,
                    stream,
                    snap_version,
                    cart.version,
                )
                continue
            return int(snap_version), cart
    return 0, None


def load_cart(store: EventStore, stream: str, currency: str) -> LoadedCart:
    """The stream's cart now; see the module docstring. Raises ``ChainBrokenError`` when a
    message read after the snapshot does not match its chain digest."""
    with store.lock:
        version = store.version(stream)
        cart, read = cart_at(store, stream, version, currency)
        broken = store.verify_chain(stream, version - read + 1, version)
    if broken is not None:
        raise ChainBrokenError(stream, broken)
    if read >= store.snapshot_every:
        with contextlib.suppress(sqlite3.Error, StoreError):
            store.save_snapshot(stream, version, cart)
    return LoadedCart(cart, version, read)


def snapshot_versions(store: EventStore, stream: str) -> list[int]:
    """The versions of ``stream`` that have a stored snapshot, oldest first."""
    with store.lock:
        rows = store.connection().execute(
            "SELECT version FROM snapshots WHERE stream = ? ORDER BY version", (stream,)
        )
        return [int(r[0]) for r in rows]
