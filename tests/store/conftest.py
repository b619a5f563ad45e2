"""Fixtures for the store tests: the real catalog, a fresh store per test, and the harness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import Harness, load_catalog

from cartapp.domain.catalog import Catalog
from cartapp.store import EventStore


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cartapp.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[EventStore]:
    s = EventStore.open(db_path, snapshot_every=50)
    yield s
    s.close()


@pytest.fixture
def harness(store: EventStore, catalog: Catalog) -> Harness:
    return Harness(store, catalog)
