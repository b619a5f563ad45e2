"""Helpers shared by the store tests: the real catalog, random commands, and a harness that runs
commands through the bus and the CartService on the store like the app does."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import strategies as st

from cartapp.bus import Envelope, EventBus
from cartapp.domain.catalog import Catalog
from cartapp.domain.events import (
    AddItem,
    Checkout,
    ClearCart,
    Command,
    Fact,
    RemoveItem,
    UpdateItem,
)
from cartapp.handlers import CartService, handler_failed
from cartapp.store import EventStore

CATALOG_JSON = Path(__file__).resolve().parents[2] / "resources" / "catalog.json"
ITEMS = (
    "espresso-beans",
    "decaf-coffee-beans",
    "rye-bread",
    "avocado",
    "chamomile-tea",
    "fountain-pen",
    "no-such-product",
)
"""Products the random sessions use: plenty in stock, 2-4 left, none left, unknown."""


def load_catalog() -> Catalog:
    return Catalog.from_json(CATALOG_JSON.read_text(encoding="utf-8"))


class Harness:
    """Bus + CartService on one store, as the app wires them."""

    def __init__(self, store: EventStore, catalog: Catalog) -> None:
        self.store = store
        self.bus = EventBus(failure_fact=handler_failed)
        self.service = CartService(catalog, store, snapshot_every=store.snapshot_every)
        self.service.attach(self.bus)
        self.published: list[Envelope] = []
        self.bus.subscribe(object, self.published.append, name="recorder")

    def send(self, command: Command) -> Envelope:
        return self.bus.publish(command, source="ui")

    @property
    def facts(self) -> list[Fact]:
        return [e.event for e in self.published if isinstance(e.event, Fact)]


def commands() -> st.SearchStrategy[Command]:
    """Random cart commands, valid and invalid, for property tests."""
    item = st.sampled_from(ITEMS)
    qty = st.integers(min_value=-1, max_value=6)
    return st.one_of(
        st.builds(AddItem, item_id=item, quantity=qty),
        st.builds(AddItem, item_id=item, quantity=qty),
        st.builds(RemoveItem, item_id=item, quantity=qty),
        st.builds(UpdateItem, item_id=item, quantity=qty),
        st.just(ClearCart()),
        st.just(Checkout()),
    )


def random_command(rng: random.Random) -> Command:
    kind = rng.random()
    item = rng.choice(ITEMS)
    qty = rng.randint(-1, 6)
    if kind < 0.5:
        return AddItem(item_id=item, quantity=qty)
    if kind < 0.7:
        return RemoveItem(item_id=item, quantity=qty)
    if kind < 0.85:
        return UpdateItem(item_id=item, quantity=qty)
    if kind < 0.9:
        return ClearCart()
    return Checkout()
