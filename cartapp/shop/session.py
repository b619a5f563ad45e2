"""``ShopSession``: a till's membership of a shop, as the application service uses it.

Everything the rest of the app needs from the shop goes through this one object, from any
thread (the network work runs on the link's asyncio thread):

- ``admit(facts, cause)``: before a step's facts are stored, reserve shop-wide the stock they take
  (``domain.stock.stock_taken``). Either every reservation succeeds, or those already made are
  given back and the reason is returned for a ``CommandRejected`` ("the last Rye bread was just
  taken at till t2"). Units given back (a removed line, a cleared cart) are released in the
  background; they can never fail for want of stock.
- ``publish(envelopes, version)``: after a step is stored locally (the till's SQLite store stays its
  durable record), its messages are *owed* to the shop; they go to the broker in the background,
  in order, each with its id, so a retry after a lost acknowledgement stores nothing twice.
- ``levels`` and ``on_stock``: the shop's stock as the broker last said, for the catalog view.
- ``tills`` and ``on_presence``: who else is in the shop (a heartbeat on core NATS, not stored).
- ``on_remote``: the other tills' cart messages, for the event log.
- ``share_flow(rows)`` and ``on_flow``: the tills' stage rows, shared for the shop's figures
  (``cartapp.shop.flowshare``): sent in the background, at most ``FLOW_BACKLOG`` waiting (older
  ones are dropped, counted in ``flow_dropped``; figures, not records), and nothing while offline.
- ``online`` and ``on_state``: whether the broker can be reached, reported the moment it changes.
- ``parked``: the parked carts every till shares (``cartapp.shop.parked``). A ``CartParked`` the
  till stored is shared once it is sent; ``admit`` claims a shared cart before a ``CartResumed``
  or ``ParkedCartTaken`` is stored, and refuses it with the reason when another till was first
  ("parked cart #3 was just resumed at till t2").
- ``give_back(facts, cause)``: the step ``admit`` let through was not stored (the till's own
  append failed): the stock is released and a parked cart it claimed is given back to the shop
  (``cartapp.shop.parked``), in the background and in order, so another till can resume it;
  ``on_given_back`` says so once the shop has it.

**Offline** (the broker cannot be reached): a till never sells stock the shop may not have, so
``admit`` refuses every fact that takes stock, with a reason that says the shop is unreachable and
what still works; everything that needs no new stock goes on (removing, lowering, clearing,
checking out the reserved lines). Releases and owed messages wait in order and are sent when the
link is back; nothing stored locally is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, NamedTuple

from nats.js.api import DeliverPolicy

from cartapp.bus.stage_row import StageRow
from cartapp.domain import reasons as R
from cartapp.domain.handover import HandOverParkedCart, ParkedCartHandedOver, ParkedCartTaken
from cartapp.domain.parking import CartParked, CartResumed
from cartapp.domain.reasons import say
from cartapp.domain.stock import stock_taken
from cartapp.shop.flowshare import FLOW_ANY, MAX_ROWS, decode_rows, encode_rows, flow_subject
from cartapp.shop.link import ShopLink
from cartapp.shop.log import JetStreamLog, ShopMessageError
from cartapp.shop.parked import (
    PREFIX,
    SharedParked,
    ShopParked,
    claim_envelope,
    give_back_envelope,
    shared_id,
    shared_of,
)
from cartapp.shop.stock import Refused, ShopStock, parse_change
from cartapp.shop.subjects import STREAM, till_of
from cartapp.store.errors import ConcurrencyError
from cartapp.store.mapper import MappingError, record_from_json

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

    from cartapp.bus.envelope import Envelope
    from cartapp.bus.stages import StageRecord
    from cartapp.domain.cart import ParkedCart
    from cartapp.domain.catalog import Catalog
    from cartapp.domain.events import Fact
    from cartapp.domain.message import Command
    from cartapp.store.port import EventLog

__all__ = ["FLOW_BACKLOG", "PRESENCE_EVERY_S", "RemoteMessage", "ShopSession", "TillPresence"]

log = logging.getLogger(__name__)

CLAIMS_KEPT = 64
"""Claims remembered for ``give_back`` (a step's append follows its admit at once)."""

GAP_BATCH = 256
"""Messages per atomic batch when the shop is caught up on what it missed."""

PRESENCE_EVERY_S = 2.0
"""A till's heartbeat interval; one not heard from for three of them is shown as gone."""

FLOW_BACKLOG = 50_000
"""Stage rows waiting to be shared at most (the oldest go first when there are more)."""


class TillPresence(NamedTuple):
    till: str
    last_seen: float
    """Wall-clock time of its last heartbeat."""
    open_lines: int
    parked: int


class RemoteMessage(NamedTuple):
    till: str
    version: int
    envelope: Envelope
    received_ns: int
    """``time.perf_counter_ns()`` when it reached this till (the broker hop ends here)."""


class ShopSession:
    """Join with ``ShopSession(url, till, catalog).start()``; ``close()`` at exit."""

    def __init__(
        self,
        url: str,
        till: str,
        catalog: Catalog,
        *,
        cart: str | None = None,
        reconnect_wait: float = 0.2,
        presence_every_s: float = PRESENCE_EVERY_S,
    ) -> None:
        self.till = till
        self.catalog = catalog
        self.cart = cart or f"{till}-cart"
        """The id of this till's live cart on the shop's stream."""
        self.link = ShopLink(url, till, reconnect_wait=reconnect_wait)
        self.stock = ShopStock(self.link, {p.sku: p.stock for p in catalog})
        self.cart_log = JetStreamLog(self.link)
        self._sku = {p.id: p.sku for p in catalog}
        self._name = {p.id: p.name for p in catalog}
        self.levels: dict[str, int] = {p.sku: p.stock for p in catalog}
        self._level_seq: dict[str, int] = {}
        self.tills: dict[str, TillPresence] = {}
        self._presence_every = presence_every_s
        self._lock = threading.Lock()
        self._releases: deque[tuple[str, int, str]] = deque()
        self._owed: deque[tuple[list[Envelope], int]] = deque()
        self._published_version: int | None = None
        self._local: tuple[EventLog, str] | None = None
        self._local_version = 0
        self._wake: asyncio.Event | None = None
        self._stock_listeners: list[Callable[[str, int], None]] = []
        self._presence_listeners: list[Callable[[TillPresence], None]] = []
        self._remote_listeners: list[Callable[[RemoteMessage], None]] = []
        self._flow_listeners: list[Callable[[str, list[StageRow]], None]] = []
        self._flow: deque[StageRow | StageRecord] = deque()
        self._flow_wake: asyncio.Event | None = None
        self.flow_dropped = 0
        """Own stage rows never shared (offline, or more than ``FLOW_BACKLOG`` waiting)."""
        self._open_lines = 0
        self._parked = 0
        self.refused = 0
        """Messages from the network refused as invalid or forged."""
        self.parked = ShopParked()
        """The parked carts the shop's tills share."""
        self._sharing: dict[int, asyncio.Event] = {}
        """Parked numbers whose share is on its way to the shop (set when it got there)."""
        self._unshared_resumed: set[int] = set()
        self._claims: dict[str, SharedParked] = {}
        """The command id -> the shared cart ``admit`` claimed for it (as claimed)."""
        self._give_backs: deque[tuple[SharedParked, Envelope]] = deque()
        self._given_back_listeners: list[Callable[[SharedParked], None]] = []
        """Parked numbers resumed here before they were shared: they are never shared."""
        self.link.on_state(self._state_changed)

    # -- lifecycle ----------------------------------------------------------------------

    @property
    def online(self) -> bool:
        return self.link.online

    def on_state(self, listener: Callable[[bool], None]) -> None:
        self.link.on_state(listener)

    def on_stock(self, listener: Callable[[str, int], None]) -> None:
        """``listener(sku, left)`` whenever the shop's stock of a product changes."""
        self._stock_listeners.append(listener)

    def on_presence(self, listener: Callable[[TillPresence], None]) -> None:
        self._presence_listeners.append(listener)

    def on_remote(self, listener: Callable[[RemoteMessage], None]) -> None:
        self._remote_listeners.append(listener)

    def on_given_back(self, listener: Callable[[SharedParked], None]) -> None:
        """``listener(cart)`` when a claim this till could not keep is the shop's again."""
        self._given_back_listeners.append(listener)

    def on_flow(self, listener: Callable[[str, list[StageRow]], None]) -> None:
        """``listener(till, rows)``: stage rows another till shared (checked; broker thread)."""
        self._flow_listeners.append(listener)

    def share_flow(self, rows: Sequence[StageRow | StageRecord]) -> None:
        """Share this till's stage ``rows`` with the shop (see the module docstring); live
        ``StageRecord``s become rows on the link's thread, not the caller's."""
        if not rows:
            return
        if not self.online:
            self.flow_dropped += len(rows)
            return
        with self._lock:
            self._flow.extend(rows)
            over = len(self._flow) - FLOW_BACKLOG
            for _ in range(max(0, over)):
                self._flow.popleft()
            self.flow_dropped += max(0, over)
        wake = self._flow_wake
        if wake is not None:
            self.link.loop.loop.call_soon_threadsafe(wake.set)

    def start(self, timeout: float = 5.0) -> bool:
        """Connect; True if the shop answered. If not, the till starts offline and keeps trying
        in the background (``on_state`` reports when it is in)."""
        self.link.connect(timeout, keep_trying=True, then=self._run)
        return self.online

    @property
    def link_wait(self) -> float:
        return self.link.reconnect_wait

    async def _run(self) -> None:
        self._flow_wake = asyncio.Event()
        self._wake = asyncio.Event()
        self._wake.set()  # whatever was owed or released while offline goes now
        await self._catch_up_published()
        await self._subscribe()
        await asyncio.gather(self._send_owed(), self._heartbeat(), self._send_flow())

    def _state_changed(self, online: bool) -> None:
        if online and self._wake is not None:
            self.link.loop.loop.call_soon_threadsafe(self._wake.set)

    def close(self) -> None:
        self.link.close()

    # -- stock --------------------------------------------------------------------------

    def admit(self, facts: Sequence[Fact], cause: str) -> str | None:
        """Reserve what ``facts`` take and claim the shared parked carts they resume; None when
        done, else why not (nothing stays reserved)."""
        for fact in facts:
            if isinstance(fact, CartResumed | ParkedCartTaken):
                reason = self._claim(fact, cause)
                if reason is not None:
                    return reason
        taken = stock_taken(facts)
        wanted = {item: units for item, units in taken.items() if units > 0}
        for item, units in taken.items():
            if units < 0:
                self._release(item, -units, cause)
        if not wanted:
            return None
        if not self.online:
            first = next(iter(wanted))
            return say(R.SHOP_UNREACHABLE_RESERVE, name=self._name.get(first, first))
        done: list[tuple[str, int]] = []
        for item, units in wanted.items():
            try:
                result = self.link.call(self.stock.reserve(self._sku[item], units, cause), 10)
            except Exception as exc:
                for back, n in done:
                    self._release(back, n, f"{cause}:undo")
                return say(R.SHOP_NO_ANSWER, error=type(exc).__name__)
            if isinstance(result, Refused):
                for back, n in done:
                    self._release(back, n, f"{cause}:undo")
                return self._refusal(item, result)
            done.append((item, units))
            self._seen_level(result.sku, result.left, result.seq)
        return None

    def _claim(self, fact: CartResumed | ParkedCartTaken, cause: str) -> str | None:
        if isinstance(fact, ParkedCartTaken):
            shared: str | None = fact.shared
        else:
            with self._lock:
                found = self.parked.find_open(self.till, fact.number)
                if found is None and fact.number not in self._sharing:
                    # not shared yet: nobody else can see it, and now it never will be
                    self._unshared_resumed.add(fact.number)
                    return None
            shared = None if found is None else found.shared
        if not self.online:
            if isinstance(fact, ParkedCartTaken):
                return say(R.SHOP_UNREACHABLE_TAKEN, number=fact.number, till=fact.from_till)
            return say(R.SHOP_UNREACHABLE_PARKED, number=fact.number)
        if shared is None:  # being shared right now: claim it once it is
            claim = self._claim_after_share(fact, cause)
        else:
            claim = self._write_claim(shared, fact, cause, remember=True)
        try:
            reason: str | None = self.link.call(claim, 10)
        except Exception as exc:
            error = type(exc).__name__
            if isinstance(fact, ParkedCartTaken):
                return say(
                    R.SHOP_NO_ANSWER_TAKEN, error=error, number=fact.number, till=fact.from_till
                )
            return say(R.SHOP_NO_ANSWER_PARKED, error=error, number=fact.number)
        return reason

    async def _claim_after_share(
        self, fact: CartResumed | ParkedCartTaken, cause: str
    ) -> str | None:
        with self._lock:
            shared = self._sharing.get(fact.number)
        if shared is not None:
            await shared.wait()
        with self._lock:
            found = self.parked.find_open(self.till, fact.number)
            if found is None:  # the share did not get through: it never will now
                self._unshared_resumed.add(fact.number)
                return None
        return await self._write_claim(found.shared, fact, cause, remember=True)

    async def _write_claim(
        self,
        shared: str,
        fact: CartResumed | ParkedCartTaken,
        cause: str,
        *,
        remember: bool = False,
    ) -> str | None:
        """Claim ``shared`` at the version it is parked at (``remember``: for ``give_back``)."""
        claim = claim_envelope(fact, self.till, cause)
        known = self.parked.get(shared)
        for _attempt in range(3):  # a claim given back meanwhile parks it at a newer version
            if known is not None and known.held_by is not None:
                break
            expected = 1 if known is None else known.version
            try:
                await self.cart_log.append([claim], shared, expected)
            except ConcurrencyError:
                known = await self.parked.refresh(self.cart_log, shared)
                continue
            self.parked.seen(shared, self.till, expected + 1, claim)
            held = self.parked.get(shared)
            if remember and held is not None:
                with self._lock:
                    self._claims[cause] = held
                    while len(self._claims) > CLAIMS_KEPT:
                        del self._claims[next(iter(self._claims))]
            return None
        holder = None if known is None else known.held_by
        if isinstance(fact, ParkedCartTaken):
            if holder:
                return say(
                    R.TAKEN_RESUMED_AT, number=fact.number, till=fact.from_till, holder=holder
                )
            return say(R.TAKEN_RESUMED_ELSEWHERE, number=fact.number, till=fact.from_till)
        if holder:
            return say(R.PARKED_RESUMED_AT, number=fact.number, holder=holder)
        return say(R.PARKED_RESUMED_ELSEWHERE, number=fact.number)

    async def _share(self, batch: Sequence[Envelope]) -> None:
        """After ``batch`` reached the shop: share the carts it parked, claim those it resumed
        (resumed before they were shared)."""
        for n, env in enumerate(batch):
            fact = env.event
            if isinstance(fact, CartParked):
                with self._lock:
                    if fact.number in self._unshared_resumed or self._resumed_later(
                        fact.number, batch[n + 1 :]
                    ):
                        self._unshared_resumed.discard(fact.number)
                        continue  # resumed before anyone could see it: it needs no sharing
                    done = self._sharing[fact.number] = asyncio.Event()
                copy = shared_of(env)
                try:
                    with contextlib.suppress(ConcurrencyError):  # shared by an earlier attempt
                        await self.cart_log.append([copy], shared_id(env), 0)
                    self.parked.seen(shared_id(env), self.till, 1, copy)
                finally:
                    with self._lock:
                        self._sharing.pop(fact.number, None)
                    done.set()
            elif isinstance(fact, CartResumed):
                found = self.parked.find_open(self.till, fact.number)
                if found is not None:
                    reason = await self._write_claim(found.shared, fact, env.event_id)
                    if reason is not None:
                        log.warning("%s as well", reason)

    def _resumed_later(self, number: int, rest: Sequence[Envelope]) -> bool:
        """(Under ``_lock``.) Whether a message after the ``CartParked`` resumes it."""
        later = [env for batch, _ in self._owed for env in batch]
        return any(
            isinstance(env.event, CartResumed | ParkedCartHandedOver) and env.event.number == number
            for env in (*rest, *later)
        )

    def follow_hand_overs(
        self,
        publish: Callable[[Command], object],
        parked_here: Callable[[], Sequence[ParkedCart]],
    ) -> None:
        """When another till claims a cart this till parked (and still lists: ``parked_here()``),
        ``publish(HandOverParkedCart(...))`` (from the broker's thread; the bus queues it).
        Carts claimed before this call (while the till was closed) are handed over now."""

        def taken(cart: SharedParked) -> None:
            if cart.till != self.till or cart.held_by in (None, self.till):
                return
            if any(
                p.number == cart.number and p.parked_at == cart.parked_at for p in parked_here()
            ):
                assert cart.held_by is not None
                publish(
                    HandOverParkedCart(
                        number=cart.number, parked_at=cart.parked_at, to_till=cart.held_by
                    )
                )

        self.parked.on_change(taken)
        for cart in self.parked.all():
            taken(cart)

    def give_back(self, facts: Sequence[Fact], cause: str) -> None:
        """Undo ``admit(facts, cause)``: the step was not stored. Its stock is released and the
        parked cart it claimed is the shop's again (both in the background, in order)."""
        for item, units in stock_taken(facts).items():
            if units > 0:
                self._release(item, units, f"{cause}:back")
        with self._lock:
            claimed = self._claims.pop(cause, None)
            if claimed is not None:
                self._give_backs.append((claimed, give_back_envelope(claimed, self.till, cause)))
        if claimed is not None:
            self._kick()

    async def _send_give_backs(self) -> None:
        while True:
            with self._lock:
                if not self._give_backs:
                    return
                claimed, envelope = self._give_backs[0]
            shared, version = claimed.shared, claimed.version
            try:
                await self.cart_log.append([envelope], shared, version)
            except ConcurrencyError:  # stored before a lost acknowledgement, or not ours now
                await self.parked.refresh(self.cart_log, shared)
            else:
                self.parked.seen(shared, self.till, version + 1, envelope)
            now = self.parked.get(shared)
            with self._lock:
                self._give_backs.popleft()
            if now is not None and now.held_by is not None:
                log.warning("could not give %s back: till %s holds it", shared, now.held_by)
                continue
            for listener in list(self._given_back_listeners):
                try:
                    listener(claimed if now is None else now)
                except Exception:
                    log.exception("a given-back listener failed")

    def _refusal(self, item: str, refused: Refused) -> str:
        name = self._name.get(item, item)
        if refused.left == 0:
            if refused.last_till:
                return say(R.LAST_TAKEN_AT, name=name, till=refused.last_till)
            return say(R.LAST_TAKEN, name=name)
        return say(R.ONLY_LEFT_IN_SHOP, left=refused.left, name=name)

    def _release(self, item: str, units: int, cause: str) -> None:
        with self._lock:
            self._releases.append((self._sku[item], units, cause))
        self._kick()

    def _kick(self) -> None:
        wake = self._wake
        if wake is not None:
            self.link.loop.loop.call_soon_threadsafe(wake.set)

    def _seen_level(self, sku: str, left: int, seq: int) -> None:
        if seq <= self._level_seq.get(sku, 0):
            return
        self._level_seq[sku] = seq
        self.levels[sku] = left
        for listener in list(self._stock_listeners):
            try:
                listener(sku, left)
            except Exception:
                log.exception("a shop stock listener failed")

    # -- the till's own messages --------------------------------------------------------

    def owe_from(self, local: EventLog, stream: str, version: int) -> None:
        """The till's own log: whatever of its ``stream`` (now at ``version``) the shop has not
        got yet (say, stored while offline before a restart) is read from it and sent first."""
        self._local = (local, stream)
        self._local_version = version
        self._kick()

    def publish(self, envelopes: Sequence[Envelope], version: int) -> None:
        """Owe the shop ``envelopes``, the local stream's messages up to ``version``."""
        if envelopes:
            with self._lock:
                self._owed.append((list(envelopes), version))
                self._local_version = max(self._local_version, version)
            self._kick()

    @property
    def owed(self) -> int:
        """Messages stored locally that the shop has not acknowledged yet."""
        with self._lock:
            return sum(len(batch) for batch, _ in self._owed)

    async def _catch_up_published(self) -> None:
        try:
            self._published_version = await self.cart_log.version(self.cart)
        except ShopMessageError as exc:
            log.warning("the shop's copy of %s is damaged: %s", self.cart, exc)

    async def _attempt(self, step: Callable[[], Awaitable[None]], failure: str) -> bool:
        """Run one step of ``_send_owed``; on an error, log ``failure``, wait, and ask for
        another round (False: this round stops here)."""
        assert self._wake is not None
        try:
            await step()
        except Exception as exc:
            log.warning("%s: %s", failure, exc)
            await asyncio.sleep(self.link_wait)
            self._wake.set()
            return False
        return True

    async def _send_owed(self) -> None:
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            if not self.link.online:
                continue
            await self._send_releases()
            if not await self._attempt(
                self._send_give_backs, "could not give a parked cart back to the shop"
            ) or not await self._attempt(
                self._send_gap, "could not catch the shop up on this till's cart"
            ):
                continue
            while True:
                with self._lock:
                    if not self._owed:
                        break
                    batch, version = self._owed[0]
                try:
                    await self._send(batch, version)
                except Exception as exc:
                    log.warning("could not send %d messages to the shop: %s", len(batch), exc)
                    await asyncio.sleep(self.link_wait)
                    self._wake.set()
                    break
                with self._lock:
                    self._owed.popleft()

    async def _send_gap(self) -> None:
        """Send what the local log holds beyond the shop's copy and before the queued batches."""
        if self._local is None:
            return
        local, stream = self._local
        with self._lock:
            upto = self._owed[0][1] - len(self._owed[0][0]) if self._owed else self._local_version
        published = self._published_version
        if published is None:
            published = self._published_version = await self.cart_log.version(self.cart)
        while published < upto:
            last = min(upto, published + GAP_BATCH)
            missing = [stored.envelope for stored in local.iter_events(stream, published + 1, last)]
            if len(missing) != last - published:
                raise ShopMessageError(stream, published + 1, "the local log has a gap")
            published = self._published_version = await self.cart_log.append(
                missing, self.cart, published
            )
            await self._share(missing)

    async def _send(self, batch: list[Envelope], version: int) -> None:
        start = version - len(batch)
        published = self._published_version
        if published is None:
            published = self._published_version = await self.cart_log.version(self.cart)
        if published >= version:
            await self._share(batch)  # what an earlier attempt may not have shared yet
            return  # stored before a lost acknowledgement, or by an earlier run
        skip = max(0, published - start)
        pending, at = batch[skip:], start + skip
        try:
            for first in range(0, len(pending), GAP_BATCH):  # a flood's step can be large
                chunk = pending[first : first + GAP_BATCH]
                at = self._published_version = await self.cart_log.append(chunk, self.cart, at)
        except ConcurrencyError:
            self._published_version = None
            raise
        await self._share(pending)

    async def _send_releases(self) -> None:
        while True:
            with self._lock:
                if not self._releases:
                    return
                sku, units, cause = self._releases[0]
            result = await self.stock.release(sku, units, cause)
            if not isinstance(result, Refused):
                self._seen_level(result.sku, result.left, result.seq)
            with self._lock:
                self._releases.popleft()

    # -- what the others do -------------------------------------------------------------

    async def _subscribe(self) -> None:
        js = self.link.js

        async def on_stock(msg: Any) -> None:
            try:
                change = parse_change(msg.subject, msg.data)
            except ValueError as exc:
                self.refused += 1
                log.warning("refused a message on %s: %s", msg.subject, exc)
                return
            self.stock.observe(msg.metadata.sequence.stream, change)
            self._seen_level(change.sku, change.left, msg.metadata.sequence.stream)

        async def on_cart(msg: Any) -> None:
            till = till_of(msg.subject)
            if till == self.till:
                return
            try:
                envelope, version = record_from_json(msg.data)
            except MappingError as exc:
                self.refused += 1
                log.warning("refused a message on %s: %s", msg.subject, exc)
                return
            if till is None or version is None:
                self.refused += 1
                log.warning("refused a message on %s: not a cart message", msg.subject)
                return
            remote = RemoteMessage(till, version, envelope, time.perf_counter_ns())
            for listener in list(self._remote_listeners):
                try:
                    listener(remote)
                except Exception:
                    log.exception("a remote message listener failed")

        async def on_parked(msg: Any) -> None:
            parts = msg.subject.split(".")
            if len(parts) != 4 or not parts[3].startswith(PREFIX):
                return
            try:
                envelope, version = record_from_json(msg.data)
            except MappingError as exc:
                self.refused += 1
                log.warning("refused a message on %s: %s", msg.subject, exc)
                return
            if version is not None:
                self.parked.seen(parts[3], parts[2], version, envelope)

        async def on_presence(msg: Any) -> None:
            try:
                data = json.loads(msg.data)
                till = msg.subject.split(".", 1)[1]
                seen = TillPresence(till, time.time(), int(data["open_lines"]), int(data["parked"]))
            except (ValueError, KeyError, TypeError, IndexError):
                self.refused += 1
                return
            if data.get("till") != till:
                self.refused += 1
                return
            self.tills[till] = seen
            for listener in list(self._presence_listeners):
                with contextlib.suppress(Exception):
                    listener(seen)

        await js.subscribe(
            "shop.stock.>",
            stream=STREAM,
            cb=on_stock,
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.LAST_PER_SUBJECT,
        )
        await js.subscribe(
            "shop.cart.>",
            stream=STREAM,
            cb=on_cart,
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.NEW,
        )
        await js.subscribe(
            "shop.cart.>",
            stream=STREAM,
            cb=on_parked,
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.LAST_PER_SUBJECT,
        )

        async def on_flow(msg: Any) -> None:
            try:
                till, rows = decode_rows(msg.subject, msg.data)
            except ValueError as exc:
                self.refused += 1
                log.warning("refused a message on %s: %s", msg.subject, exc)
                return
            if till == self.till:
                return
            for listener in list(self._flow_listeners):
                try:
                    listener(till, rows)
                except Exception:
                    log.exception("a shared flow listener failed")

        # flow first: a till that hears another's heartbeat hears its shared rows as well
        await self.link.nc.subscribe(FLOW_ANY, cb=on_flow)
        await self.link.nc.subscribe("presence.*", cb=on_presence)

    async def _send_flow(self) -> None:
        assert self._flow_wake is not None
        subject = flow_subject(self.till)
        while True:
            await self._flow_wake.wait()
            self._flow_wake.clear()
            while True:
                with self._lock:
                    taken = [self._flow.popleft() for _ in range(min(MAX_ROWS, len(self._flow)))]
                if not taken:
                    break
                batch = [row if isinstance(row, StageRow) else row.to_row() for row in taken]
                try:
                    await self.link.nc.publish(subject, encode_rows(self.till, batch))
                except Exception as exc:  # offline meanwhile: figures, not records
                    self.flow_dropped += len(batch)
                    log.debug("could not share %d stage rows: %s", len(batch), exc)

    def set_presence(self, open_lines: int, parked: int) -> None:
        """What the heartbeat says about this till (its open cart and parked carts)."""
        self._open_lines, self._parked = open_lines, parked

    async def _heartbeat(self) -> None:
        while True:
            if self.link.online:
                body = {"till": self.till, "open_lines": self._open_lines, "parked": self._parked}
                with contextlib.suppress(Exception):
                    await self.link.nc.publish(f"presence.{self.till}", json.dumps(body).encode())
            await asyncio.sleep(self._presence_every)
