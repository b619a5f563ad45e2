"""A shop's flow statistics per till and for the whole shop (``cartapp.analytics.tills``).

Two real buses with the real cart service stand for two tills: this till's records go in as
the bus tap gives them, the other till's rows as it shares them.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartapp.analytics import FlowStats, MarkovChain, stats_from_rows
from cartapp.analytics.tills import THIS_TILL, WHOLE_SHOP, ShopFlow, scope_key, till_of_scope
from cartapp.domain.events import AddItem, Checkout, RemoveItem, UpdateItem

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import TappedBus

    from cartapp.bus.stages import StageRecord
    from cartapp.domain.catalog import Catalog

__all__: list[str] = []

sequences = st.lists(st.lists(st.sampled_from("ABCD"), max_size=12), max_size=5)


@given(sequences)
def test_a_combined_chain_sums_each_sequence_and_never_crosses_between_them(
    seqs: list[list[str]],
) -> None:
    chains = []
    for seq in seqs:
        chain = MarkovChain()
        for state in seq:
            chain.observe(state)
        chains.append(chain)
    combined = MarkovChain.combined(chains)
    expected = Counter(pair for seq in seqs for pair in pairwise(seq))
    counted = {(a, b): n for a, row in combined.transition_counts().items() for b, n in row.items()}
    assert counted == dict(expected)
    assert combined.transitions == sum(expected.values())
    assert combined.visits == dict(Counter(s for seq in seqs for s in seq))
    assert combined.current is None
    for i, row in enumerate(combined.matrix().counts):
        if any(row):
            assert abs(sum(combined.matrix().probabilities[i]) - 1.0) < 1e-9


def test_scope_keys_name_one_till() -> None:
    assert till_of_scope(scope_key("t2")) == "t2"
    assert till_of_scope(THIS_TILL) is None
    assert till_of_scope(WHOLE_SHOP) is None
    assert till_of_scope("till:") is None


def test_received_messages_make_one_source_per_other_till() -> None:
    flow = ShopFlow("t1")
    for kind in ("command", "fact", "fact"):
        flow.observe_received("t2", kind)
    flow.observe_received("t3", "command")
    flow.observe_received("t1", "command")  # this till's own echo is not a source
    sources = {s.name: (s.generated, s.commands, s.facts) for s in flow.sources()}
    assert sources == {"till t2": (3, 1, 2), "till t3": (1, 1, 0)}
    assert flow.tills() == ("t2", "t3")
    report = flow.with_sources(FlowStats().report())
    assert [s.name for s in report.flow.tills] == ["till t2", "till t3"]
    assert report.flow.sources == ()  # this till's own sources are untouched


def play(tapped: TappedBus, catalog: Catalog, ops: list[int]) -> None:
    ids = [p.id for p in list(catalog)[:3]]
    for op in ops:
        item = ids[op % 3]
        if op < 3:
            command: object = AddItem(item_id=item, quantity=1)
        elif op < 6:
            command = RemoveItem(item_id=item, quantity=1)
        elif op < 8:
            command = UpdateItem(item_id=item, quantity=300)  # over the cap: rejected
        else:
            command = Checkout()
        tapped.bus.publish(command, source="ui")  # type: ignore[arg-type]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mine=st.lists(st.integers(0, 8), max_size=15), theirs=st.lists(st.integers(0, 8), max_size=15)
)
def test_each_till_and_the_whole_shop_count_their_own_traffic(
    new_tapped_bus: Callable[[], TappedBus], catalog: Catalog, mine: list[int], theirs: list[int]
) -> None:
    here, there = new_tapped_bus(), new_tapped_bus()
    flow = ShopFlow("t1")
    records: list[StageRecord] = []
    here.bus.tap(lambda batch: records.extend(batch))
    play(here, catalog, mine)
    play(there, catalog, theirs)
    flow.observe_local(records)
    # the other till's rows arrive in the batches it shares, interleaved with nothing of ours
    for batch in there.batches:
        flow.observe_rows("t2", batch)
    flow.observe_rows("t1", here.rows)  # a till's own rows coming back are not counted again

    assert flow.report(THIS_TILL) == stats_from_rows(here.rows).report()
    assert flow.report(scope_key("t2")) == stats_from_rows(there.rows).report()
    assert flow.report(scope_key("t9")) == FlowStats().report()
    whole = flow.report(WHOLE_SHOP)
    assert whole.total.generated == len(
        [r for r in here.rows + there.rows if r.stage == "generated"]
    )
    for name in {t.name for t in whole.types}:
        both = [
            t.generated
            for rep in (flow.report(THIS_TILL), flow.report(scope_key("t2")))
            for t in rep.types
            if t.name == name
        ]
        assert whole.type_stats(name).generated == sum(both)  # type: ignore[union-attr]
    # the whole shop's transitions are each till's, summed: none from one till to the other
    combined = MarkovChain.combined([flow.chain(THIS_TILL), flow.chain(scope_key("t2"))])
    assert whole.markov == combined.matrix()
    assert whole.current_action is None and whole.prediction is None
    here.bus.close()
    there.bus.close()
