"""Help > *Reading the figures*: what every number of the Metrics and Flow panels means.

A non-modal dialog (``figuresHelp``) that shows ``analytics.glossary.reading_the_figures()``: the
same definitions the panels' tooltips and the README give, so every word means one thing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from cartapp.analytics.glossary import reading_the_figures

__all__ = ["FiguresHelp"]


class FiguresHelp(QDialog):
    """The *Reading the figures* page; ``text`` is its read-only body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresHelp")
        self.setWindowTitle(self.tr("Reading the figures"))
        self.setAccessibleName(self.tr("Reading the figures"))
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("figuresHelpText")
        self.text.setAccessibleName(self.tr("Definitions of the figures"))
        self.text.setReadOnly(True)
        self.text.setPlainText(reading_the_figures())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 520)
