"""CSV export: one titled table per metric, numbers that match the report, and no Qt anywhere."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from cartapp.analytics import FlowStats, parse_csv_sections, report_to_csv
from cartapp.analytics.export import SECTIONS
from cartapp.bus.stages import StageRow

__all__: list[str] = []

T0 = 1_700_000_000.0
REPO = Path(__file__).resolve().parents[2]


def rows() -> list[StageRow]:
    def r(stage: str, eid: str, etype: str, **kw: object) -> StageRow:
        base: dict[str, object] = {
            "stage": stage,
            "event_id": eid,
            "event_type": etype,
            "kind": "command",
            "correlation_id": eid,
            "causation_id": None,
            "source": "ui",
            "handler": None,
            "timestamp": T0,
            "duration_ns": 0,
            "latency_ns": 0,
            "error": None,
        }
        base.update(kw)
        return StageRow(**base)  # type: ignore[arg-type]

    out: list[StageRow] = []
    for i, name in enumerate(["AddItem", "UpdateItem", "AddItem"]):
        eid = f"c{i}"
        out += [
            r("generated", eid, name, timestamp=T0 + i),
            r("transmitted", eid, name, handler="CartHandler", latency_ns=100),
            r("handled", eid, name, handler="CartHandler", duration_ns=1000 * (i + 1)),
            r("consumed", eid, name, latency_ns=5000),
        ]
    out.append(r("generated", "x", "Checkout", timestamp=T0 + 2))
    out.append(r("dropped", "x", "Checkout"))
    return out


def test_every_section_has_a_title_a_header_and_rows() -> None:
    stats = FlowStats()
    stats.observe_many(rows())
    text = stats.to_csv()
    sections = parse_csv_sections(text)
    assert tuple(sections) == SECTIONS
    assert sections["summary"][0] == ["metric", "value"]
    summary = dict(map(tuple, sections["summary"][1:]))
    assert summary["generated"] == "4" and summary["dropped"] == "1"
    # 4 commands, 3 transmitted: P(t|e) = 3/4 for "all".
    probabilities = {(s, p): (n, d, v) for s, p, n, d, v in sections["probabilities"][1:]}
    assert probabilities[("all", "P(t|e)")] == ("3", "4", "0.750000")
    assert probabilities[("Checkout", "P(h|e)")] == ("0", "0", "")  # nothing measured
    handler = sections["handler_timing_ns"]
    assert handler[0][:4] == ["handler", "transmitted", "handled", "failed"]
    # Durations 1, 2 and 3 us: count, min, p50 (2nd, within 1%), p95, p99 (3rd: max), max, mean.
    name, transmitted, handled, failed, count, low, p50, p95, p99, high, mean = handler[1]
    assert (name, transmitted, handled, failed, count) == ("CartHandler", "3", "3", "0", "3")
    assert (low, p95, p99, high, mean) == ("1000", "3000", "3000", "3000", "2000.0")
    assert abs(int(p50) - 2000) <= 20
    # UI actions AddItem, UpdateItem, AddItem, Checkout. Rows: AddItem [0, 1/2, 1/2] over
    # (AddItem, Checkout, UpdateItem), Checkout empty (last), UpdateItem [1, 0, 0].
    # Stationary with Checkout's row as uniform: pi_C = pi_A/2 + pi_C/3 -> pi_C = 3/4 pi_A,
    # pi_U = pi_A/2 + pi_C/3 = 3/4 pi_A, so pi_A (1 + 3/4 + 3/4) = 1: (0.4, 0.3, 0.3).
    assert sections["transition_counts"][1:] == [
        ["AddItem", "Checkout", "1", "0.500000"],
        ["AddItem", "UpdateItem", "1", "0.500000"],
        ["UpdateItem", "AddItem", "1", "1.000000"],
    ]
    assert sections["transition_matrix"] == [
        ["from", "AddItem", "Checkout", "UpdateItem"],
        ["AddItem", "0.000000", "0.500000", "0.500000"],
        ["Checkout", "0.000000", "0.000000", "0.000000"],
        ["UpdateItem", "1.000000", "0.000000", "0.000000"],
    ]
    assert sections["stationary_distribution"][1:] == [
        ["AddItem", "0.400000"],
        ["Checkout", "0.300000"],
        ["UpdateItem", "0.300000"],
    ]
    assert sections["action_counts"][1:] == [
        ["AddItem", "2"],
        ["Checkout", "1"],
        ["UpdateItem", "1"],
    ]
    # The user is at Checkout, which was never followed by anything: no prediction.
    assert sections["prediction"][1:] == [["Checkout", "", ""]]
    per_second = sections["events_per_second"]
    assert per_second[0] == ["second", "messages", "commands"] and len(per_second) == 61
    assert per_second[-3:] == [
        [str(int(T0)), "1", "1"],
        [str(int(T0) + 1), "1", "1"],
        [str(int(T0) + 2), "2", "2"],
    ]


def test_the_text_is_plain_csv_after_the_title_lines() -> None:
    stats = FlowStats()
    stats.observe_many(rows())
    body = [line for line in stats.to_csv().splitlines() if line and not line.startswith("# ")]
    parsed = list(csv.reader(io.StringIO("\n".join(body))))
    assert all(parsed)
    assert report_to_csv(stats.report()) == stats.to_csv()


def test_empty_statistics_export_headers_only() -> None:
    sections = parse_csv_sections(FlowStats().to_csv())
    assert tuple(sections) == SECTIONS
    assert sections["transition_counts"] == [["from", "to", "count", "probability"]]
    assert sections["events_per_second"] == [["second", "messages", "commands"]]
    assert sections["prediction"] == [["current", "next", "probability"], ["", "", ""]]


def test_analytics_never_loads_qt() -> None:
    code = "import sys, cartapp.analytics; print('PySide6' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "False"
