"""The tills share their stage rows for the shop's figures; what arrives is checked."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shop_helpers import CATALOG, until

from cartapp.bus.stage_row import StageRow
from cartapp.shop.flowshare import MAX_ROWS, decode_rows, encode_rows, flow_subject
from cartapp.shop.link import ShopLink
from cartapp.shop.security import ADMIN
from cartapp.shop.session import ShopSession

if TYPE_CHECKING:
    from cartapp.shop.security import ShopCredentials
    from cartapp.shop.server import ShopServer

texts = st.text(min_size=1, max_size=30)
rows = st.builds(
    StageRow,
    st.sampled_from(["generated", "transmitted", "handled", "failed", "consumed", "dropped"]),
    texts,
    texts,
    st.sampled_from(["command", "fact", "message"]),
    texts,
    st.none() | texts,
    texts,
    st.none() | texts,
    st.floats(0, 4e9, allow_nan=False),
    st.integers(0, 10**12),
    st.integers(-(10**9), 10**12),
    st.none() | texts,
)


@given(st.lists(rows, max_size=20))
def test_rows_come_back_as_they_were_shared(shared: list[StageRow]) -> None:
    assert decode_rows("flow.t1", encode_rows("t1", shared)) == ("t1", shared)


def test_a_long_error_text_is_cut_and_a_full_batch_fits_a_message() -> None:
    failed = StageRow(
        "failed", "e1", "AddItem", "command", "c1", None, "ui", "cart", 1.0, 5, 9, "x" * 5000
    )
    ((till, (row,))) = decode_rows("flow.t1", encode_rows("t1", [failed]))
    assert till == "t1" and row == failed._replace(error="x" * 200)
    assert len(encode_rows("t1", [failed] * MAX_ROWS)) < 1_000_000  # the server's payload limit


ROW = ["generated", "e1", "AddItem", "command", "c1", None, "ui", None, 1.0, 0, 0, None]


@pytest.mark.parametrize(
    ("subject", "body", "reason"),
    [
        ("flow.t1", b"not json", "not JSON"),
        ("flow.t1", json.dumps({"till": "t2", "rows": []}).encode(), "names till 't2'"),
        ("flow.t1", json.dumps({"till": "t1"}).encode(), "till and rows"),
        ("flow.t1", json.dumps({"till": "t1", "rows": [ROW[:5]]}).encode(), "list of 12"),
        ("flow.t1", json.dumps({"till": "t1", "rows": [["sent", *ROW[1:]]]}).encode(), "stage"),
        (
            "flow.t1",
            json.dumps({"till": "t1", "rows": [[*ROW[:3], "x", *ROW[4:]]]}).encode(),
            "kind",
        ),
        (
            "flow.t1",
            json.dumps({"till": "t1", "rows": [[*ROW[:8], "now", *ROW[9:]]]}).encode(),
            "time",
        ),
        (
            "flow.t1",
            json.dumps({"till": "t1", "rows": [[*ROW[:9], 1.5, *ROW[10:]]]}).encode(),
            "duration",
        ),
        (
            "flow.t1",
            json.dumps({"till": "t1", "rows": [[*ROW[:1], "", *ROW[2:]]]}).encode(),
            "message id",
        ),
        ("flow.t1", json.dumps({"till": "t1", "rows": [ROW] * (MAX_ROWS + 1)}).encode(), "at most"),
        ("shop.cart.t1.x", json.dumps({"till": "t1", "rows": []}).encode(), "not a flow subject"),
    ],
)
def test_a_message_that_is_not_shared_rows_is_refused_with_its_reason(
    subject: str, body: bytes, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        decode_rows(subject, body)


def test_one_till_hears_the_others_rows_and_refuses_a_forged_or_broken_message(
    secured_shop: tuple[ShopServer, ShopCredentials],
) -> None:
    server, credentials = secured_shop
    t1 = ShopSession(credentials.url_for(server.url, "t1"), "t1", CATALOG)
    t2 = ShopSession(credentials.url_for(server.url, "t2"), "t2", CATALOG)
    heard: list[tuple[str, list[StageRow]]] = []
    t2.on_flow(lambda till, got: heard.append((till, got)))
    mine: list[tuple[str, list[StageRow]]] = []
    t1.on_flow(lambda till, got: mine.append((till, got)))
    try:
        assert t1.start() and t2.start()
        shared = [StageRow(*ROW), StageRow("consumed", *ROW[1:])]
        # t2 subscribes once connected; share until it hears (the rows are figures: a share
        # before its subscription is simply not heard)
        assert until(lambda: bool(t1.share_flow(shared)) or bool(heard))
        assert heard[0] == ("t1", shared)
        assert mine == []  # a till does not count its own rows again
        with ShopLink(credentials.url_for(server.url, ADMIN), ADMIN) as admin:
            admin.connect()
            forged = encode_rows("t2", shared)  # on t1's subject, in t2's name
            before = t2.refused
            admin.call(admin.nc.publish(flow_subject("t1"), forged))
            admin.call(admin.nc.publish(flow_subject("t1"), b"{broken"))
            admin.call(admin.nc.flush())
            assert until(lambda: t2.refused == before + 2)
        assert len(heard) >= 1 and all(till == "t1" for till, _ in heard)
    finally:
        t1.close()
        t2.close()


def test_a_till_cannot_share_rows_in_another_tills_name(
    secured_shop: tuple[ShopServer, ShopCredentials],
) -> None:
    server, credentials = secured_shop
    with ShopLink(credentials.url_for(server.url, "t1"), "t1") as t1:
        t1.connect()

        async def publish() -> None:
            await t1.nc.publish(flow_subject("t2"), encode_rows("t2", []))
            await t1.nc.flush()

        t1.call(publish())
        assert until(lambda: '"flow.t2"' in (t1.last_error or "").lower())
