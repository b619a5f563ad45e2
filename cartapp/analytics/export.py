"""CSV export of a ``FlowReport``: one titled table per metric, separated by blank lines.

Layout of the text::

    # summary
    metric,value
    rows,42
    ...
    <blank line>
    # probabilities
    scope,probability,numerator,denominator,value
    ...

Every table starts with a ``# <name>`` line and a header row. Probabilities are written with their
numerator and denominator (an unmeasured one has an empty value); times are nanoseconds. The Qt
layer writes the text to a file; nothing here touches the file system.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cartapp.analytics.histogram import Percentiles
    from cartapp.analytics.report import FlowReport, Ratio

__all__ = ["SECTIONS", "parse_csv_sections", "report_to_csv"]

SECTIONS = (
    "summary",
    "probabilities",
    "event_types",
    "stage_latency_ns",
    "handler_timing_ns",
    "sources",
    "events_per_second",
    "action_counts",
    "transition_counts",
    "transition_matrix",
    "stationary_distribution",
    "prediction",
)

PERCENTILE_HEADER = ("count", "min", "p50", "p95", "p99", "max", "mean")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def _percentiles(p: Percentiles) -> list[object]:
    return [p.count, p.min, p.p50, p.p95, p.p99, p.max, f"{p.mean:.1f}"]


def _ratio(scope: str, name: str, ratio: Ratio) -> list[object]:
    return [scope, name, ratio.numerator, ratio.denominator, _number(ratio.value)]


def report_to_csv(report: FlowReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")

    def table(name: str, header: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
        if out.tell():
            out.write("\n")
        out.write(f"# {name}\n")
        writer.writerow(header)
        writer.writerows(rows)

    total, flow, markov = report.total, report.flow, report.markov
    table(
        "summary",
        ("metric", "value"),
        [
            ("rows", report.rows),
            ("generated", total.generated),
            *((f"generated_{k.name}", k.generated) for k in report.by_kind),
            ("transmitted", total.transmitted),
            ("deliveries", total.deliveries),
            ("handled", total.handled),
            ("failed", total.failed),
            ("consumed", total.consumed),
            ("accepted", total.accepted),
            ("no_op", total.no_op),
            ("dropped", total.dropped),
            ("rejected", flow.rejected),
            ("in_flight", flow.in_flight),
        ],
    )
    scopes = (total, *report.by_kind, *report.types)
    table(
        "probabilities",
        ("scope", "probability", "numerator", "denominator", "value"),
        [
            row
            for s in scopes
            for row in (
                _ratio(s.name, "P(e)", s.p_e),
                _ratio(s.name, "P(t|e)", s.p_t),
                _ratio(s.name, "P(h|e)", s.p_h),
                _ratio(s.name, "P(c|h)", s.p_c),
                _ratio(s.name, "accepted", s.p_a),
            )
        ],
    )
    table(
        "event_types",
        (
            "event_type",
            "kind",
            "generated",
            "transmitted",
            "deliveries",
            "handled",
            "failed",
            "consumed",
            "accepted",
            "no_op",
            "dropped",
            "rejected",
        ),
        [
            (
                s.name,
                s.kind,
                s.generated,
                s.transmitted,
                s.deliveries,
                s.handled,
                s.failed,
                s.consumed,
                s.accepted,
                s.no_op,
                s.dropped,
                s.rejected,
            )
            for s in report.types
        ],
    )
    table(
        "stage_latency_ns",
        ("stage", *PERCENTILE_HEADER),
        [[stage, *_percentiles(p)] for stage, p in report.latencies],
    )
    table(
        "handler_timing_ns",
        ("handler", "transmitted", "handled", "failed", *PERCENTILE_HEADER),
        [
            [h.name, h.transmitted, h.handled, h.failed, *_percentiles(h.timing)]
            for h in report.handlers
        ],
    )
    table(
        "sources",
        ("source", "generated", "commands", "facts"),
        [(s.name, s.generated, s.commands, s.facts) for s in flow.sources],
    )
    table("events_per_second", ("second", "messages", "commands"), report.rate)
    table("action_counts", ("action", "count"), report.actions)
    table(
        "transition_counts",
        ("from", "to", "count", "probability"),
        [
            (a, b, markov.counts[i][j], _number(markov.probabilities[i][j]))
            for i, a in enumerate(markov.states)
            for j, b in enumerate(markov.states)
            if markov.counts[i][j]
        ],
    )
    table(
        "transition_matrix",
        ("from", *markov.states),
        [(a, *map(_number, markov.probabilities[i])) for i, a in enumerate(markov.states)],
    )
    table(
        "stationary_distribution",
        ("state", "probability"),
        [(a, _number(p)) for a, p in zip(markov.states, markov.stationary, strict=True)],
    )
    prediction = report.prediction
    table(
        "prediction",
        ("current", "next", "probability"),
        [
            (
                report.current_action or "",
                prediction[0] if prediction else "",
                _number(prediction[1] if prediction else None),
            )
        ],
    )
    return out.getvalue()


def parse_csv_sections(text: str) -> dict[str, list[list[str]]]:
    """Read ``report_to_csv`` text back: ``{section: [header, *rows]}`` (for tests and tools)."""
    sections: dict[str, list[list[str]]] = {}
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if not lines or not lines[0].startswith("# "):
            continue
        name = lines[0][2:]
        sections[name] = [row for row in csv.reader(lines[1:])]
    return sections
