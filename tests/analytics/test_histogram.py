"""``LogHistogram`` percentiles against exact nearest-rank percentiles, and its memory bound."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cartapp.analytics.histogram import LogHistogram, Percentiles

__all__: list[str] = []


def nearest_rank(values: list[int], q: float) -> int:
    ordered = sorted(max(v, 0) for v in values)
    return ordered[min(len(ordered), max(1, math.ceil(q * len(ordered)))) - 1]


def test_empty_histogram_summarises_to_zeros() -> None:
    h = LogHistogram()
    assert h.summary() == Percentiles(0, 0, 0, 0, 0, 0, 0.0)
    assert h.quantile(0.5) == 0
    assert h.bucket_count == 0


def test_one_to_a_hundred() -> None:
    # Nearest rank of 1..100: p50 is the 50th value (50), p95 the 95th, p99 the 99th.
    h = LogHistogram()
    h.extend(range(1, 101))
    s = h.summary()
    assert (s.count, s.min, s.max) == (100, 1, 100)
    assert s.mean == pytest.approx(50.5)
    assert abs(s.p50 - 50) <= 0.01 * 50 + 0.5
    assert abs(s.p95 - 95) <= 0.01 * 95 + 0.5
    assert abs(s.p99 - 99) <= 0.01 * 99 + 0.5


def test_zero_and_negative_values_are_exact_zeros() -> None:
    h = LogHistogram()
    h.extend([0, -5, 0, 1_000_000])
    # Sorted (clamped): 0, 0, 0, 1e6. p50 = 2nd value = 0; p99 = 4th (last rank: the exact max).
    assert h.quantiles((0.5, 0.75, 0.99)) == [0, 0, 1_000_000]
    assert h.min == 0 and h.zeros == 3


def test_a_single_value_is_reported_exactly() -> None:
    h = LogHistogram()
    h.add(123_457)
    assert h.summary() == Percentiles(1, 123_457, 123_457, 123_457, 123_457, 123_457, 123_457.0)


def test_memory_stays_bounded_whatever_the_number_of_values() -> None:
    rng = random.Random(5)
    h = LogHistogram()
    for _ in range(100_000):
        h.add(int(10 ** rng.uniform(0, 12)))
    # One bucket per factor g = 1.01/0.99 of range: ln(1e12)/ln(g) is about 1382.
    assert h.count == 100_000
    assert h.bucket_count <= math.ceil(math.log(1e12) / math.log(1.01 / 0.99)) + 2
    assert h.relative_error == pytest.approx(0.01)


def test_relative_error_must_be_a_fraction() -> None:
    with pytest.raises(ValueError):
        LogHistogram(0.0)
    with pytest.raises(ValueError):
        LogHistogram(1.0)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(0, 1000), st.integers(0, 10**13), st.integers(-10, 0)),
        min_size=1,
        max_size=300,
    ),
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5),
    st.sampled_from([0.01, 0.05]),
)
def test_quantiles_stay_within_the_documented_error(
    values: list[int], qs: list[float], alpha: float
) -> None:
    h = LogHistogram(alpha)
    h.extend(values)
    clamped = [max(v, 0) for v in values]
    assert (h.count, h.min, h.max, h.total) == (
        len(values),
        min(clamped),
        max(clamped),
        sum(clamped),
    )
    for q, estimate in zip(qs, h.quantiles(qs), strict=True):
        exact = nearest_rank(values, q)
        assert abs(estimate - exact) <= alpha * exact + 0.5 + 1e-9 * exact
        assert h.min <= estimate <= h.max


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-10, 10**12), max_size=200), st.integers(1, 50))
def test_extend_equals_adding_one_by_one(values: list[int], chunk: int) -> None:
    one, many = LogHistogram(), LogHistogram()
    for v in values:
        one.add(v)
    for i in range(0, len(values), chunk):
        many.extend(values[i : i + chunk])
    assert one.summary() == many.summary()
    assert (one.bucket_count, one.zeros) == (many.bucket_count, many.zeros)
    assert one.quantiles((0.1, 0.5, 0.9)) == many.quantiles((0.1, 0.5, 0.9))
