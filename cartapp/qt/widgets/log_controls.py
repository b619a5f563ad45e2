"""The event log's controls: its filters, its search box, its tool buttons and their icons.

``type_filter`` (``eventLogFilter``: all, commands, facts, alerts or one message class),
``stage_filter`` (``eventLogStageFilter``) and ``search_box`` (``eventLogSearch``) make the
widgets of the log's top bar; ``EventLogDock`` connects them. ``log_icon`` reads
``resources/icons/<name>.svg`` and ``tool_button`` makes the bar's auto-raised tool buttons.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton, QWidget

from cartapp.bus.stages import Stage
from cartapp.domain.events import COMMAND_TYPES, FACT_TYPES
from cartapp.qt.models.event_log import stage_name
from cartapp.qt.models.log_filter import FILTER_ALERTS, FILTER_ALL, FILTER_COMMANDS, FILTER_FACTS

if TYPE_CHECKING:
    from cartapp.qt.models.event_log import EventLogModel

__all__ = ["log_icon", "search_box", "stage_filter", "tool_button", "type_filter"]


def log_icon(name: str) -> QIcon:
    """``resources/icons/<name>.svg`` from a wheel or a checkout; a null icon if missing."""
    try:
        from cartapp.paths import resource_path

        return QIcon(str(resource_path(f"icons/{name}.svg")))
    except (ImportError, FileNotFoundError):
        path = Path(__file__).resolve().parents[3] / "resources" / "icons" / f"{name}.svg"
        return QIcon(str(path)) if path.is_file() else QIcon()


def tool_button(parent: QWidget, name: str, text: str, icon_name: str) -> QToolButton:
    """An auto-raised tool button showing the icon ``icon_name``, or ``text`` without one."""
    button = QToolButton(parent)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setText(text)
    icon = log_icon(icon_name)
    if icon.isNull():
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    else:
        button.setIcon(icon)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setAutoRaise(True)
    return button


def type_filter(parent: QWidget) -> QComboBox:
    """The ``eventLogFilter`` combo: the group entries, a separator, then every message class."""
    combo = QComboBox(parent)
    combo.setObjectName("eventLogFilter")
    combo.setAccessibleName(QCoreApplication.translate("EventLogDock", "Filter by event type"))
    combo.setToolTip(
        QCoreApplication.translate("EventLogDock", "Show only some kinds or types of events")
    )
    for text in (FILTER_ALL, FILTER_COMMANDS, FILTER_FACTS, FILTER_ALERTS):
        combo.addItem(QCoreApplication.translate("EventLogFilter", text), text)
    combo.insertSeparator(combo.count())
    for cls in (*COMMAND_TYPES, *FACT_TYPES):
        combo.addItem(cls.__name__, cls.__name__)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def stage_filter(parent: QWidget, model: EventLogModel) -> QComboBox:
    """The ``eventLogStageFilter`` combo: all stages, then each with ``model``'s icon for it."""
    combo = QComboBox(parent)
    combo.setObjectName("eventLogStageFilter")
    combo.setAccessibleName(QCoreApplication.translate("EventLogDock", "Filter by stage"))
    combo.setToolTip(
        QCoreApplication.translate("EventLogDock", "Show only one stage of each event's path")
    )
    combo.addItem(QCoreApplication.translate("EventLogDock", "All stages"), "")
    for stage in Stage:
        combo.addItem(model.stage_icon(stage), stage_name(stage), str(stage))
    return combo


def search_box(parent: QWidget) -> QLineEdit:
    """The ``eventLogSearch`` line edit, with a clear button and the search icon."""
    search = QLineEdit(parent)
    search.setObjectName("eventLogSearch")
    search.setAccessibleName(QCoreApplication.translate("EventLogDock", "Search the event log"))
    search.setPlaceholderText(
        QCoreApplication.translate("EventLogDock", "Search summary, type, id, source")
    )
    search.setClearButtonEnabled(True)
    search_icon = log_icon("search")
    if not search_icon.isNull():
        search.addAction(search_icon, QLineEdit.ActionPosition.LeadingPosition)
    return search
