"""What each figure of the Metrics and Flow panels means, in the words a user reads.

One definition per figure, written once: the panels' tooltips, the Help > *Reading the figures*
page and the README say the same thing because they all read these texts. The formulas are the
ones ``FlowStats`` computes (``cartapp.analytics.report.TypeStats``).
"""

from __future__ import annotations

__all__ = ["FIGURES", "Figure", "definition", "reading_the_figures"]

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure's name as shown, what it measures, and its formula in counts."""

    name: str
    meaning: str
    formula: str

    def tooltip(self) -> str:
        return f"{self.name}: {self.meaning} ({self.formula})"


FIGURES: tuple[Figure, ...] = (
    Figure(
        "P(e)",
        "generation: the share of all generated messages that are of this kind or type",
        "messages generated / all messages generated",
    ),
    Figure(
        "P(t|e)",
        "transmission: of the generated messages, those the bus delivered to at least one "
        "handler (a message with no handler is dropped)",
        "messages transmitted / messages generated",
    ),
    Figure(
        "P(h|e)",
        "handling: of the deliveries to handlers, those a handler finished without raising "
        "(a rejection is handled: the handler decided)",
        "deliveries handled / deliveries",
    ),
    Figure(
        "P(c|h)",
        "consumption of the result: of the handled messages, those whose result (the message "
        "and every fact it caused, a CommandRejected included) reached its consumers, the views",
        "handled messages consumed / handled messages",
    ),
    Figure(
        "Accepted",
        "acceptance: of the handled commands, those that changed something (a fact other than "
        "CommandRejected or HandlerFailed followed). A rejected command is not accepted, and "
        "neither is a no-op (an update to the quantity a line already has: no fact at all)",
        "commands accepted / commands handled",
    ),
    Figure(
        "Rejected",
        "commands answered by CommandRejected: a decision of the handler, handled without "
        "error and consumed; neither a loss nor a failure",
        "commands rejected, out of the row's commands",
    ),
    Figure(
        "Losses",
        "failed (a handler raised) and dropped (no handler) messages",
        "handler calls that raised, messages with no handler",
    ),
)


def definition(name: str) -> Figure:
    """The figure called ``name`` (``"P(c|h)"``, ``"Accepted"``, ...); KeyError if unknown."""
    for figure in FIGURES:
        if figure.name == name:
            return figure
    raise KeyError(name)


def reading_the_figures() -> str:
    """The Help page's text (plain text, one paragraph per figure)."""
    lines = [
        "A message's life has four stages: generated (published by its source), transmitted "
        "(delivered by the bus to a handler), handled (the handler returned) and consumed (the "
        "message and every fact it caused reached the views). Each probability is measured "
        "from the app's own traffic and shown with its counts, e.g. 0.875 (7/8).",
        "",
    ]
    for figure in FIGURES:
        lines.append(f"{figure.name} — {figure.meaning}.")
        lines.append(f"    = {figure.formula}")
        lines.append("")
    lines.append(
        "Markov chain of user actions: the states are the commands a person gave (the UI's "
        "AddItem, UpdateItem, ...) and Undo and Redo, which are user actions of their own; "
        "the commands an undo or a redo publishes are not counted again."
    )
    return "\n".join(lines)
