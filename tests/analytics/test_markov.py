"""The Markov chain of user actions, checked against chains computed by hand.

Each hand-computed case writes out the transition counts, the matrix and the stationary
distribution in comments; the properties check every sequence hypothesis can think of.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cartapp.analytics.markov import MarkovChain, TransitionMatrix, stationary_distribution

__all__: list[str] = []


def chain_of(sequence: str) -> MarkovChain:
    chain = MarkovChain()
    for state in sequence:
        chain.observe(state)
    return chain


def approx_rows(matrix: TransitionMatrix) -> list[list[float]]:
    return [list(row) for row in matrix.probabilities]


def test_a_b_a_b_a_c_by_hand() -> None:
    # Sequence A B A B A C: transitions A->B, B->A, A->B, B->A, A->C (5 = 6 - 1).
    # Counts:      A  B  C           Matrix:     A    B    C
    #          A [ 0  2  1 ]                 A [ 0   2/3  1/3 ]
    #          B [ 2  0  0 ]                 B [ 1    0    0  ]
    #          C [ 0  0  0 ]  (C only last)  C [ 0    0    0  ]  nothing invented for display
    # Stationary: C's row counts as uniform (1/3, 1/3, 1/3). pi P = pi gives
    #   pi_C = pi_A/3 + pi_C/3          -> pi_C = pi_A / 2
    #   pi_B = 2 pi_A/3 + pi_C/3        -> pi_B = 2/3 pi_A + 1/6 pi_A = 5/6 pi_A
    #   pi_A (1 + 5/6 + 1/2) = 1        -> pi_A = 3/7, pi_B = 5/14, pi_C = 3/14
    #   check pi_A = pi_B + pi_C/3 = 5/14 + 1/14 = 6/14 = 3/7.
    chain = chain_of("ABABAC")
    m = chain.matrix()
    assert m.states == ("A", "B", "C")
    assert m.counts == ((0, 2, 1), (2, 0, 0), (0, 0, 0))
    assert approx_rows(m) == [
        pytest.approx([0, 2 / 3, 1 / 3]),
        pytest.approx([1, 0, 0]),
        [0.0, 0.0, 0.0],
    ]
    assert m.stationary == pytest.approx((3 / 7, 5 / 14, 3 / 14), abs=1e-12)
    assert chain.stationary() == pytest.approx({"A": 3 / 7, "B": 5 / 14, "C": 3 / 14})
    assert chain.transitions == 5
    assert chain.visits == {"A": 3, "B": 2, "C": 1}
    assert chain.transition_counts() == {"A": {"B": 2, "C": 1}, "B": {"A": 2}}
    assert chain.most_likely_next("A") == ("B", pytest.approx(2 / 3))
    assert chain.most_likely_next("B") == ("A", 1.0)
    # C was never followed by anything, and C is where the user is now.
    assert chain.most_likely_next("C") is None
    assert chain.current == "C"
    assert chain.most_likely_next() is None
    assert m.probability("A", "C") == pytest.approx(1 / 3)
    assert m.probability("A", "Z") == 0.0


def test_asymmetric_two_state_chain_by_hand() -> None:
    # A A A B A: transitions A->A, A->A, A->B, B->A.
    # Matrix A [2/3 1/3], B [1 0]. pi_B = pi_A/3, so pi_A (1 + 1/3) = 1: pi = (3/4, 1/4).
    chain = chain_of("AAABA")
    m = chain.matrix()
    assert m.counts == ((2, 1), (1, 0))
    assert approx_rows(m) == [pytest.approx([2 / 3, 1 / 3]), pytest.approx([1, 0])]
    assert m.stationary == pytest.approx((0.75, 0.25), abs=1e-12)
    assert chain.most_likely_next() == ("A", pytest.approx(2 / 3))


def test_periodic_chain_a_b_gives_one_half_each() -> None:
    # A B A B A B: A->B three times, B->A twice. Matrix [[0, 1], [1, 0]] has period 2: plain power
    # iteration from (1, 0) would flip for ever; solving pi P = pi gives (1/2, 1/2).
    chain = chain_of("ABABAB")
    m = chain.matrix()
    assert m.counts == ((0, 3), (2, 0))
    assert approx_rows(m) == [[0.0, 1.0], [1.0, 0.0]]
    assert m.stationary == pytest.approx((0.5, 0.5), abs=1e-12)
    assert chain.most_likely_next() == ("A", 1.0)


def test_absorbing_state_takes_all_the_mass() -> None:
    # A B C C C: A->B, B->C, C->C, C->C. C is absorbing: rows A [0 1 0], B [0 0 1], C [0 0 1],
    # and every walk ends in C, so pi = (0, 0, 1).
    chain = chain_of("ABCCC")
    m = chain.matrix()
    assert m.counts == ((0, 1, 0), (0, 0, 1), (0, 0, 2))
    assert m.stationary == pytest.approx((0.0, 0.0, 1.0), abs=1e-12)
    assert chain.most_likely_next("C") == ("C", 1.0)
    assert chain.most_likely_next("A") == ("B", 1.0)


def test_empty_chain_is_empty_not_an_error() -> None:
    chain = MarkovChain()
    m = chain.matrix()
    assert m.states == () and m.counts == () and m.probabilities == () and m.stationary == ()
    assert len(m) == 0
    assert chain.stationary() == {}
    assert chain.most_likely_next() is None
    assert chain.most_likely_next("AddItem") is None
    assert chain.transitions == 0 and chain.current is None


def test_one_event_has_no_transition_and_no_prediction() -> None:
    chain = chain_of("A")
    assert chain.matrix().states == ()
    assert chain.stationary() == {}
    assert chain.visits == {"A": 1}
    assert chain.current == "A"
    assert chain.most_likely_next() is None
    assert chain.transitions == 0


def test_ties_go_to_the_name_that_sorts_first() -> None:
    # A B A C: A->B once, A->C once.
    chain = chain_of("ABAC")
    assert chain.most_likely_next("A") == ("B", 0.5)


def test_reset_forgets_everything() -> None:
    chain = chain_of("ABAB")
    chain.reset()
    assert chain.matrix().states == () and chain.visits == {} and chain.current is None
    chain.observe("X")
    chain.observe("Y")
    assert chain.transition_counts() == {"X": {"Y": 1}}


def test_stationary_of_a_three_cycle_is_uniform() -> None:
    cycle = [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    assert stationary_distribution(cycle) == pytest.approx([1 / 3] * 3, abs=1e-12)


def test_reducible_matrix_falls_back_to_a_well_defined_limit() -> None:
    # Two closed classes {B} and {C}: pi P = pi has many solutions, the exact solve is singular.
    # From the uniform start (1/3 each), A keeps half its mass each step and sends half to B, so
    # in the limit A's third ends in B: (0, 2/3, 1/3).
    reducible = [[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    assert stationary_distribution(reducible) == pytest.approx([0.0, 2 / 3, 1 / 3], abs=1e-9)
    # Two absorbing states and nothing else: the uniform start stays where it is.
    assert stationary_distribution([[1.0, 0.0], [0.0, 1.0]]) == pytest.approx([0.5, 0.5])


def test_all_zero_rows_count_as_uniform_in_the_stationary_computation() -> None:
    # Row B is empty -> (1/2, 1/2). A [0 1]: pi_A = pi_B / 2, so pi = (1/3, 2/3).
    assert stationary_distribution([[0.0, 1.0], [0.0, 0.0]]) == pytest.approx([1 / 3, 2 / 3])
    assert stationary_distribution([]) == []


sequences = st.lists(st.sampled_from("ABCDE"), max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(sequences)
def test_matrix_properties(sequence: str) -> None:
    chain = chain_of(sequence)
    m = chain.matrix()
    pairs = Counter(pairwise(sequence))
    # Counts are the consecutive pairs, and there are len - 1 of them.
    assert sum(map(sum, m.counts)) == chain.transitions == max(len(sequence) - 1, 0)
    assert {(a, b): n for (a, b), n in pairs.items()} == {
        (a, b): m.counts[i][j]
        for i, a in enumerate(m.states)
        for j, b in enumerate(m.states)
        if m.counts[i][j]
    }
    assert set(m.states) == {s for pair in pairs for s in pair}
    for i, state in enumerate(m.states):
        row = m.probabilities[i]
        assert all(0.0 <= p <= 1.0 for p in row)
        if any(m.counts[i]):
            assert sum(row) == pytest.approx(1.0, abs=1e-12)
        else:
            # Only the current state can lack a successor, and only if it was seen once.
            assert state == chain.current and chain.visits[state] == 1
            assert sum(row) == 0.0
    if m.states:
        pi = m.stationary
        assert sum(pi) == pytest.approx(1.0, abs=1e-9)
        assert all(p >= 0.0 for p in pi)
        n = len(pi)
        rows = [row if sum(row) else tuple([1.0 / n] * n) for row in m.probabilities]
        moved = [sum(pi[i] * rows[i][j] for i in range(n)) for j in range(n)]
        assert moved == pytest.approx(list(pi), abs=1e-9)
    else:
        assert m.stationary == () and len(sequence) <= 1


@settings(max_examples=100, deadline=None)
@given(sequences, st.sampled_from("ABCDE"))
def test_prediction_is_the_row_maximum(sequence: str, state: str) -> None:
    chain = chain_of(sequence)
    m = chain.matrix()
    prediction = chain.most_likely_next(state)
    if state not in m.states or not any(m.counts[m.index(state)]):
        assert prediction is None
        return
    assert prediction is not None
    target, probability = prediction
    row = m.probabilities[m.index(state)]
    assert probability == pytest.approx(max(row))
    assert m.probability(state, target) == pytest.approx(probability)
