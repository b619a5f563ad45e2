"""The Markov model of user actions: transition counts, matrix, stationary distribution, prediction.

``MarkovChain`` watches one sequence of states (the app feeds it the names of the commands the UI
generates: ``AddItem``, ``UpdateItem``, ...) and counts transitions between consecutive states, O(1)
per state. The matrix, its stationary distribution and the prediction are computed on demand from
the counts (a handful of states, so that is cheap at refresh time).

Choices, spelled out:

- **States** of the matrix are the states that took part in at least one transition, sorted by
  name. An empty or one-state sequence has no transition, hence an empty matrix, an empty stationary
  distribution and no prediction (never an exception).
- **Rows** are ``count(a -> b) / count(a -> anything)`` and sum to 1. A state with no outgoing
  transition (only ever seen last, e.g. ``C`` in ``A B A B A C``) keeps an all-zero row in the
  matrix: nothing is invented for display.
- **Stationary distribution**: for that computation only, an all-zero row is replaced by the uniform
  row (the user "restarts anywhere", as PageRank treats dangling pages). Then ``pi P = pi`` with
  ``sum(pi) = 1`` is solved exactly by Gaussian elimination, which is unaffected by periodicity
  (``A <-> B`` gives ``(1/2, 1/2)``, where plain power iteration would oscillate). One observed
  sequence always yields a single closed class (the last state is reachable from every state), so
  the solution is unique. For a matrix with several closed classes (only possible when a matrix is
  given directly) the system is singular and ``stationary_distribution`` falls back to power
  iteration from the uniform distribution on the lazy chain ``(P + I) / 2``, which converges for
  every finite chain (periodic ones included) to a stationary distribution of ``P``.
- **Several sequences** (a shop's tills, each with its own): ``MarkovChain.combined(chains)``
  sums their transition counts and visits, so no transition is ever counted from one sequence's
  last state to another's first; the combined chain has no ``current`` state.
- **Prediction**: ``most_likely_next(state)`` is the most frequent successor of ``state`` with its
  probability; ties go to the successor whose name sorts first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["MarkovChain", "TransitionMatrix", "stationary_distribution"]

_EPS = 1e-12


@dataclass(frozen=True, slots=True)
class TransitionMatrix:
    """A snapshot of the chain; row ``i`` and column ``j`` are ``states[i]`` -> ``states[j]``."""

    states: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    probabilities: tuple[tuple[float, ...], ...]
    stationary: tuple[float, ...]

    def index(self, state: str) -> int:
        return self.states.index(state)

    def probability(self, source: str, target: str) -> float:
        """P(target | source); 0.0 for states the matrix does not contain."""
        if source not in self.states or target not in self.states:
            return 0.0
        return self.probabilities[self.index(source)][self.index(target)]

    def __len__(self) -> int:
        return len(self.states)


class MarkovChain:
    """Transition counts between consecutive states of one observed sequence."""

    __slots__ = ("_counts", "_out", "_states", "current", "length", "transitions", "visits")

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}
        self._out: dict[str, int] = {}
        self._states: set[str] = set()
        self.visits: dict[str, int] = {}
        """How many times each state was observed (also states seen only once, alone)."""
        self.current: str | None = None
        """The last state observed: where a prediction starts from."""
        self.length = 0
        self.transitions = 0
        """Number of transitions counted: ``length - 1`` once anything was observed."""

    def observe(self, state: str) -> None:
        visits = self.visits
        visits[state] = visits.get(state, 0) + 1
        self.length += 1
        previous = self.current
        self.current = state
        if previous is None:
            return
        row = self._counts.get(previous)
        if row is None:
            row = self._counts[previous] = {}
        row[state] = row.get(state, 0) + 1
        self._out[previous] = self._out.get(previous, 0) + 1
        self._states.add(previous)
        self._states.add(state)
        self.transitions += 1

    @classmethod
    def combined(cls, chains: Iterable[MarkovChain]) -> MarkovChain:
        """One chain with the summed counts of ``chains`` (each its own sequence; see the
        module docstring): transitions never cross from one chain to another."""
        out = cls()
        for chain in chains:
            for source, row in chain._counts.items():
                into = out._counts.setdefault(source, {})
                for target, n in row.items():
                    into[target] = into.get(target, 0) + n
                out._out[source] = out._out.get(source, 0) + chain._out[source]
            out._states |= chain._states
            for state, n in chain.visits.items():
                out.visits[state] = out.visits.get(state, 0) + n
            out.length += chain.length
            out.transitions += chain.transitions
        return out

    def reset(self) -> None:
        self._counts.clear()
        self._out.clear()
        self._states.clear()
        self.visits.clear()
        self.current = None
        self.length = 0
        self.transitions = 0

    @property
    def states(self) -> tuple[str, ...]:
        """The states of the matrix (those in at least one transition), sorted by name."""
        return tuple(sorted(self._states))

    def count(self, source: str, target: str) -> int:
        return self._counts.get(source, {}).get(target, 0)

    def transition_counts(self) -> dict[str, dict[str, int]]:
        """A copy of ``{source: {target: count}}`` for every observed transition."""
        return {source: dict(row) for source, row in self._counts.items()}

    def matrix(self) -> TransitionMatrix:
        states = self.states
        counts = tuple(tuple(self.count(a, b) for b in states) for a in states)
        probabilities = tuple(
            tuple(c / total for c in row) if (total := sum(row)) else tuple(0.0 for _ in row)
            for row in counts
        )
        stationary = tuple(stationary_distribution(probabilities))
        return TransitionMatrix(states, counts, probabilities, stationary)

    def stationary(self) -> dict[str, float]:
        m = self.matrix()
        return dict(zip(m.states, m.stationary, strict=True))

    def most_likely_next(self, state: str | None = None) -> tuple[str, float] | None:
        """The most frequent successor of ``state`` (default: ``current``) and its probability.

        None when ``state`` has never been followed by anything.
        """
        if state is None:
            state = self.current
        if state is None:
            return None
        row = self._counts.get(state)
        if not row:
            return None
        best = min(row, key=lambda target: (-row[target], target))
        return best, row[best] / self._out[state]

    def __repr__(self) -> str:
        return (
            f"MarkovChain(states={len(self._states)}, transitions={self.transitions}, "
            f"current={self.current!r})"
        )


def stationary_distribution(matrix: Sequence[Sequence[float]]) -> list[float]:
    """The stationary distribution of a row-stochastic ``matrix`` (see the module docstring).

    All-zero rows are treated as uniform rows. Returns [] for an empty matrix.
    """
    n = len(matrix)
    if n == 0:
        return []
    rows = [[float(p) for p in row] if sum(row) > _EPS else [1.0 / n] * n for row in matrix]
    solved = _solve_exact(rows)
    if solved is not None:
        return solved
    return _lazy_power(rows)


def _solve_exact(p: list[list[float]]) -> list[float] | None:
    """Solve ``(P^T - I) pi = 0`` with the last equation replaced by ``sum(pi) = 1``."""
    n = len(p)
    a = [[p[j][i] - (1.0 if i == j else 0.0) for j in range(n)] + [0.0] for i in range(n)]
    a[n - 1] = [1.0] * n + [1.0]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-10:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        lead = a[col][col]
        for r in range(n):
            if r != col and a[r][col] != 0.0:
                factor = a[r][col] / lead
                ar, ac = a[r], a[col]
                for k in range(col, n + 1):
                    ar[k] -= factor * ac[k]
    pi = [max(0.0, a[i][n] / a[i][i]) for i in range(n)]
    total = sum(pi)
    return [x / total for x in pi] if total > _EPS else None


def _lazy_power(p: list[list[float]], max_steps: int = 20_000, tol: float = 1e-14) -> list[float]:
    """``lim u L^k`` for the lazy chain ``L = (P + I) / 2`` from the uniform ``u``.

    ``L`` has a self-loop everywhere, so it is aperiodic and the iteration converges for every
    finite chain; its limit satisfies ``pi L = pi``, which is the same as ``pi P = pi``.
    """
    n = len(p)
    x = [1.0 / n] * n
    for _ in range(max_steps):
        step = [sum(x[i] * p[i][j] for i in range(n)) for j in range(n)]
        new = [(a + b) / 2.0 for a, b in zip(x, step, strict=True)]
        moved = max(abs(a - b) for a, b in zip(new, x, strict=True))
        x = new
        if moved < tol:
            break
    total = sum(x)
    return [a / total for a in x]
