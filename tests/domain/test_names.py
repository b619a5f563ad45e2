"""The shared words are the names of the things they stand for."""

from __future__ import annotations

from cartapp.domain import names
from cartapp.domain.events import CommandRejected, HandlerFailed
from cartapp.handlers import CartService

__all__: list[str] = []


def test_type_names_match_their_classes() -> None:
    assert HandlerFailed.__name__ == names.HANDLER_FAILED
    assert CommandRejected.__name__ == names.COMMAND_REJECTED


def test_the_cart_service_subscribes_under_the_cart_handler_name() -> None:
    assert CartService.name == names.CART_HANDLER


def test_sources_are_distinct() -> None:
    sources = [names.UI_SOURCE, names.UNDO_SOURCE, names.REDO_SOURCE, names.BUS_SOURCE]
    assert len(set(sources)) == len(sources)
