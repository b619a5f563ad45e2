"""``RateWindow``: per-second counts over the last minute in a ring of buckets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cartapp.analytics.rate import RateWindow

__all__: list[str] = []

T0 = 1_700_000_000


def test_counts_per_second_ending_at_the_newest() -> None:
    w = RateWindow(60)
    for ts in (T0 + 0.1, T0 + 0.9, T0 + 1.0, T0 + 3.5):
        w.add(ts)
    series = w.series()
    assert len(series) == 60
    assert series[-1] == (T0 + 3, 1)
    assert dict(series)[T0] == 2 and dict(series)[T0 + 1] == 1 and dict(series)[T0 + 2] == 0
    assert series[0][0] == T0 + 3 - 59
    assert w.total == 4
    assert w.per_second() == pytest.approx(4 / 60)


def test_a_bucket_is_reused_for_a_new_second_not_mixed() -> None:
    w = RateWindow(60)
    w.add(T0, n=5)
    w.add(T0 + 60)  # same slot, next minute: the old five are gone from the window
    assert w.count_at(T0) == 0
    assert w.count_at(T0 + 60) == 1
    assert sum(c for _, c in w.series()) == 1


def test_events_older_than_the_window_are_counted_late_and_ignored() -> None:
    w = RateWindow(10)
    w.add(T0 + 100)
    w.add(T0 + 91)  # inside the 10-second window ending at T0 + 100
    w.add(T0 + 90)  # one second too old
    assert w.late == 1
    assert dict(w.series()) == {**{T0 + s: 0 for s in range(91, 101)}, T0 + 91: 1, T0 + 100: 1}


def test_series_follows_the_clock_when_asked() -> None:
    w = RateWindow(60)
    assert w.series() == []
    assert w.series(end=T0) == [(T0 + s, 0) for s in range(-59, 1)]
    w.add(T0)
    # Thirty seconds later nothing happened: the event slides left in the window.
    later = w.series(end=T0 + 30.7)
    assert later[-1] == (T0 + 30, 0)
    assert dict(later)[T0] == 1
    assert sum(c for _, c in w.series(end=T0 + 60)) == 0


def test_reset() -> None:
    w = RateWindow(5)
    w.add(T0)
    w.reset()
    assert w.series() == [] and w.total == 0 and w.latest is None


def test_window_must_be_positive() -> None:
    with pytest.raises(ValueError):
        RateWindow(0)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0.0, 300.0, allow_nan=False), max_size=200), st.integers(1, 60))
def test_matches_a_naive_count(offsets: list[float], seconds: int) -> None:
    w = RateWindow(seconds)
    counted: list[int] = []
    newest: int | None = None
    for offset in offsets:
        ts = T0 + offset
        w.add(ts)
        second = math.floor(ts)
        newest = second if newest is None else max(newest, second)
        if second > newest - seconds:
            counted.append(second)
    if newest is None:
        assert w.series() == []
        return
    expected = [(s, counted.count(s)) for s in range(newest - seconds + 1, newest + 1)]
    assert w.series() == expected
    assert w.total == len(counted) and w.late == len(offsets) - len(counted)
