"""What each figure of the Metrics and Flow panels means, in the words a user reads.

One definition per figure, written once: the panels' tooltips, the Help > *Reading the figures*
page and the README say the same thing because they all read these texts. The formulas are the
ones ``FlowStats`` computes (``cartapp.analytics.report.TypeStats``).
"""

from __future__ import annotations

__all__ = ["FIGURES", "Figure", "definition", "reading_the_figures"]

from dataclasses import dataclass

from cartapp.domain.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure's name as shown, what it measures, and its formula in counts."""

    name: str
    meaning: str
    formula: str

    @property
    def shown_name(self) -> str:
        """The name in the language shown (the Markov symbols P(e), P(t|e), ... stay as they
        are)."""
        return translate("glossary", self.name)

    def tooltip(self) -> str:
        return translate("glossary", "{name}: {meaning} ({formula})").format(
            name=self.shown_name,
            meaning=translate("glossary", self.meaning),
            formula=translate("glossary", self.formula),
        )


FIGURES: tuple[Figure, ...] = (
    Figure(
        "P(e)",
        QT_TRANSLATE_NOOP(
            "glossary",
            "generation: the share of all generated messages that are of this kind or type",
        ),
        QT_TRANSLATE_NOOP("glossary", "messages generated / all messages generated"),
    ),
    Figure(
        "P(t|e)",
        QT_TRANSLATE_NOOP(
            "glossary",
            "transmission: of the generated messages, those the bus delivered to at least one "
            "handler (a message with no handler is dropped)",
        ),
        QT_TRANSLATE_NOOP("glossary", "messages transmitted / messages generated"),
    ),
    Figure(
        "P(h|e)",
        QT_TRANSLATE_NOOP(
            "glossary",
            "handling: of the deliveries to handlers, those a handler finished without raising "
            "(a rejection is handled: the handler decided)",
        ),
        QT_TRANSLATE_NOOP("glossary", "deliveries handled / deliveries"),
    ),
    Figure(
        "P(c|h)",
        QT_TRANSLATE_NOOP(
            "glossary",
            "consumption of the result: of the handled messages, those whose result (the "
            "message and every fact it caused, a CommandRejected included) reached its "
            "consumers, the views",
        ),
        QT_TRANSLATE_NOOP("glossary", "handled messages consumed / handled messages"),
    ),
    Figure(
        QT_TRANSLATE_NOOP("glossary", "Accepted"),
        QT_TRANSLATE_NOOP(
            "glossary",
            "acceptance: of the handled commands, those that changed something (a fact other than "
            "CommandRejected or HandlerFailed followed). A rejected command is not accepted, and "
            "neither is a no-op (an update to the quantity a line already has: no fact at all)",
        ),
        QT_TRANSLATE_NOOP("glossary", "commands accepted / commands handled"),
    ),
    Figure(
        QT_TRANSLATE_NOOP("glossary", "Rejected"),
        QT_TRANSLATE_NOOP(
            "glossary",
            "commands answered by CommandRejected: a decision of the handler, handled without "
            "error and consumed; neither a loss nor a failure",
        ),
        QT_TRANSLATE_NOOP("glossary", "commands rejected, out of the row's commands"),
    ),
    Figure(
        QT_TRANSLATE_NOOP("glossary", "Losses"),
        QT_TRANSLATE_NOOP(
            "glossary", "failed (a handler raised) and dropped (no handler) messages"
        ),
        QT_TRANSLATE_NOOP("glossary", "handler calls that raised, messages with no handler"),
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
        translate(
            "glossary",
            "A message's life has four stages: generated (published by its source), transmitted "
            "(delivered by the bus to a handler), handled (the handler returned) and consumed "
            "(the message and every fact it caused reached the views). Each probability is "
            "measured from the app's own traffic and shown with its counts, e.g. 0.875 (7/8).",
        ),
        "",
    ]
    for figure in FIGURES:
        meaning = translate("glossary", figure.meaning)
        lines.append(
            translate("glossary", "{name} — {meaning}.").format(
                name=figure.shown_name, meaning=meaning
            )
        )
        lines.append(f"    = {translate('glossary', figure.formula)}")
        lines.append("")
    lines.append(
        translate(
            "glossary",
            "Markov chain of user actions: the states are the commands a person gave (the UI's "
            "AddItem, UpdateItem, ...) and Undo and Redo, which are user actions of their own; "
            "the commands an undo or a redo publishes are not counted again.",
        )
    )
    return "\n".join(lines)
