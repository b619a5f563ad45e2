"""Replay equals live: for random sessions, the cart loaded from the store (snapshot + fold), the
cart at any past version (time travel) and the trusted decoder all agree with what the app saw."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from store_helpers import Harness, commands, load_catalog

from cartapp.domain.cart import Cart
from cartapp.domain.decider import apply_all
from cartapp.domain.events import MESSAGE_TYPES, Command, Fact
from cartapp.store import LIVE_STREAM, EventStore
from cartapp.store.mapper import trusted_event

CATALOG = load_catalog()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(commands(), min_size=1, max_size=60), st.integers(min_value=1, max_value=9))
def test_time_travel_and_load_equal_the_live_carts(
    sent: list[Command], snapshot_every: int
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="cartapp-replay-"))
    try:
        store = EventStore.open(folder / "c.sqlite3", snapshot_every=snapshot_every)
        harness = Harness(store, CATALOG)
        harness.service.snapshot_every = snapshot_every
        live_after: dict[int, Cart] = {0: harness.service.cart}
        for command in sent:
            harness.send(command)
            live_after[store.version()] = harness.service.cart

        stored = list(store.iter_events(LIVE_STREAM))
        assert [s.envelope.event_id for s in stored] == [e.event_id for e in harness.published]
        assert [s.version for s in stored] == list(range(1, len(stored) + 1))
        for version, cart in live_after.items():
            assert store.cart_at(LIVE_STREAM, version, currency=CATALOG.currency) == cart
        facts = [s.envelope.event for s in stored if isinstance(s.envelope.event, Fact)]
        assert apply_all(Cart(currency=CATALOG.currency), facts) == harness.service.cart
        assert store.load_cart(currency=CATALOG.currency).cart == harness.service.cart
        if len(stored) >= 2 * snapshot_every:
            assert store.snapshot_versions()  # snapshots were really used

        rows = store.connection().execute("SELECT type, payload FROM events").fetchall()
        for type_name, payload in rows:
            validated = MESSAGE_TYPES[type_name].model_validate_json(payload)
            trusted = trusted_event(type_name, payload)
            assert trusted == validated and type(trusted) is type(validated)
            assert trusted.model_dump_json() == payload
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class LiveEqualsReplay(RuleBasedStateMachine):
    """Commands, restarts and crashes in any order: the reopened cart is always the live one."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cartapp-machine-"))
        self.path = self.folder / "c.sqlite3"
        self.store = EventStore.open(self.path, snapshot_every=5)
        self.harness = Harness(self.store, CATALOG)
        self.published: list[str] = []

    @rule(command=commands())
    def send(self, command: Command) -> None:
        self.harness.send(command)

    def _reopen(self) -> None:
        self.published += [e.event_id for e in self.harness.published]
        before = self.harness.service.cart
        self.store = EventStore.open(self.path, snapshot_every=5)
        self.harness = Harness(self.store, CATALOG)
        assert self.harness.service.cart == before

    @rule()
    def restart(self) -> None:
        self.store.close()
        self._reopen()

    @rule()
    def crash(self) -> None:
        self.store.connection().close()  # no checkpoint, no clean-close marker
        self._reopen()
        assert self.store.checked

    @invariant()
    def stored_equals_published(self) -> None:
        ids = [s.envelope.event_id for s in self.store.iter_events()]
        assert ids == self.published + [e.event_id for e in self.harness.published]

    @invariant()
    def loaded_equals_live(self) -> None:
        assert self.store.load_cart(currency=CATALOG.currency).cart == self.harness.service.cart

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


LiveEqualsReplay.TestCase.settings = settings(
    max_examples=15, stateful_step_count=25, deadline=None
)
TestLiveEqualsReplay = LiveEqualsReplay.TestCase
