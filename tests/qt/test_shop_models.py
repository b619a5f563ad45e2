"""The Shop dock's tills table, with an injected clock: a till that goes quiet is shown gone."""

from __future__ import annotations

from cartapp.qt.shop import COL_STATUS, GONE_AFTER_S, TillsModel
from cartapp.shop.session import TillPresence


def test_a_till_that_stops_sending_heartbeats_is_shown_gone(qtmodeltester) -> None:
    now = [1000.0]
    model = TillsModel("t1", now=lambda: now[0])
    model.seen(TillPresence("t2", 1000.0, 3, 0))
    model.seen(TillPresence("t1", 1000.0, 0, 1))
    qtmodeltester.check(model)
    status = [model.index(r, COL_STATUS).data() for r in range(2)]
    assert status == ["online", "online"]
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): changed.append(top.row()))
    now[0] += GONE_AFTER_S + 1  # t2 crashed: only this till's own heartbeat still comes
    model.seen(TillPresence("t1", now[0], 0, 1))
    assert [model.index(r, COL_STATUS).data() for r in range(2)] == ["gone", "online"]
    assert 0 in changed  # the view is told about t2's row, not only t1's
    assert model.index(0, 0).data() == "t2" and model.index(1, 0).data() == "t1 (this till)"
