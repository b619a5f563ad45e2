"""Each figure says one thing: consumption is not acceptance, a no-op is not accepted, and undo and
redo are states of the Markov chain (real bus, real cart service, every number worked out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cartapp.analytics import Ratio, stats_from_rows
from cartapp.analytics.flow import REDO_STATE, UNDO_STATE
from cartapp.analytics.glossary import FIGURES, definition, reading_the_figures
from cartapp.domain.events import AddItem, RemoveItem, UpdateItem
from cartapp.domain.names import REDO_SOURCE, UNDO_SOURCE

if TYPE_CHECKING:
    from conftest import TappedBus

    from cartapp.domain.catalog import Catalog

__all__: list[str] = []


def test_rejections_are_consumed_and_no_ops_are_not_accepted(
    tapped: TappedBus, catalog: Catalog
) -> None:
    first = next(iter(catalog)).id
    bus = tapped.bus
    bus.publish(AddItem(item_id=first, quantity=2), source="ui")  # accepted
    bus.publish(UpdateItem(item_id=first, quantity=2), source="ui")  # no-op: same quantity
    bus.publish(UpdateItem(item_id=first, quantity=2), source="ui")  # no-op again
    bus.publish(UpdateItem(item_id=first, quantity=3), source="ui")  # accepted
    bus.publish(RemoveItem(item_id="no-such-thing", quantity=1), source="ui")  # rejected
    report = stats_from_rows(tapped.rows).report()

    commands = report.type_stats("command")
    assert commands is not None
    # 5 commands, all handled, all consumed (the rejection reached the views too).
    assert commands.p_c == Ratio(5, 5)
    # Accepted: the add and the real update; the two no-ops and the rejection are not.
    assert (commands.accepted, commands.no_op, commands.rejected) == (2, 2, 1)
    assert commands.p_a == Ratio(2, 5)
    update = report.type_stats("UpdateItem")
    assert update is not None and (update.p_a, update.no_op) == (Ratio(1, 3), 2)
    assert (report.flow.accepted, report.flow.no_op) == (2, 2)


def test_undo_and_redo_are_states_of_the_chain(tapped: TappedBus, catalog: Catalog) -> None:
    a, b = (p.id for p in list(catalog)[:2])
    bus = tapped.bus
    bus.publish(AddItem(item_id=a, quantity=1), source="ui")
    bus.publish(AddItem(item_id=b, quantity=1), source="ui")
    # One undo step of two commands: the first is the step's root, the second is caused by it.
    root = bus.publish(RemoveItem(item_id=b, quantity=1), source=UNDO_SOURCE)
    bus.publish(
        RemoveItem(item_id=a, quantity=1),
        source=UNDO_SOURCE,
        correlation_id=root.correlation_id,
        causation_id=root.event_id,
    )
    bus.publish(AddItem(item_id=b, quantity=1), source=REDO_SOURCE)
    bus.publish(UpdateItem(item_id=b, quantity=2), source="ui")
    report = stats_from_rows(tapped.rows).report()
    m = report.markov
    # AddItem -> AddItem -> Undo -> Redo -> UpdateItem: 4 transitions, none straight across the
    # undo (AddItem -> UpdateItem never happened), and the undo's second command is no action.
    assert dict(report.actions) == {"AddItem": 2, UNDO_STATE: 1, REDO_STATE: 1, "UpdateItem": 1}
    assert sum(sum(row) for row in m.counts) == 4
    assert m.probability("AddItem", UNDO_STATE) == 0.5
    assert m.probability(UNDO_STATE, REDO_STATE) == 1.0
    assert m.probability("AddItem", "UpdateItem") == 0.0
    assert report.current_action == "UpdateItem"


def test_every_column_of_the_probability_table_is_defined_once() -> None:
    names = [f.name for f in FIGURES]
    assert len(names) == len(set(names))
    text = reading_the_figures()
    for name in ("P(e)", "P(t|e)", "P(h|e)", "P(c|h)", "Accepted"):
        assert f"{name} — " in text
    assert "consumption of the result" in definition("P(c|h)").meaning
    assert "no-op" in definition("Accepted").meaning
