"""The translation sources (``resources/i18n/*.ts``, read as XML, no Qt): the Qt-free texts
lupdate must extract are there (every rejection template, every figure definition), the zh_CN
file translates every message of the contexts listed here, and no translation loses or invents
a placeholder (``{name}``, ``%n``, an HTML tag) of its source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cartapp.analytics.glossary import FIGURES
from cartapp.domain import reasons

__all__: list[str] = []

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
ZH_CN = I18N / "cartapp_zh_CN.ts"
TRANSLATED_CONTEXTS = (
    "messages",
    "reasons",
    "glossary",
    "time_travel",
    "log_text",
    "scopes",
    "receipt",
    "PaymentDialog",
    "ReceiptDialog",
    "RefundDialog",
    "MetricsDock",
    "StatsDock",
    "ScopeSelector",
    "FlowDock",
    "FlowDiagram",
    "TransitionHeatmap",
    "RateChart",
    "TimeTravelDock",
)
"""Contexts of the widgets and Qt-free texts whose every message zh_CN translates."""

_PLACEHOLDER = re.compile(r"\{\w+\}|%n|<[^>]+>")


def messages(path: Path) -> dict[tuple[str, str], list[str] | None]:
    """(context, source) -> the translation's forms, or None while unfinished."""
    out: dict[tuple[str, str], list[str] | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                out[name, source] = None
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")]
            out[name, source] = forms or [translation.text or ""]
    return out


@pytest.fixture(scope="module")
def zh() -> dict[tuple[str, str], list[str] | None]:
    return messages(ZH_CN)


def test_every_rejection_template_is_extracted_and_translated(zh) -> None:
    missing = [t for t in reasons.TEMPLATES if not zh.get(("reasons", t))]
    assert missing == []


def test_every_figure_definition_is_extracted_and_translated(zh) -> None:
    texts = [t for f in FIGURES for t in (f.meaning, f.formula)]
    texts += [f.name for f in FIGURES if not f.name.startswith("P(")]
    assert [t for t in texts if not zh.get(("glossary", t))] == []


def test_the_contexts_of_this_part_are_fully_translated(zh) -> None:
    contexts = {context for context, _ in zh}
    assert set(TRANSLATED_CONTEXTS) <= contexts
    unfinished = [key for key, forms in zh.items() if key[0] in TRANSLATED_CONTEXTS and not forms]
    assert unfinished == []


@pytest.mark.parametrize("path", sorted(I18N.glob("*.ts")), ids=lambda p: p.name)
def test_no_translation_loses_or_invents_a_placeholder(path: Path) -> None:
    wrong = [
        (context, source, form)
        for (context, source), forms in messages(path).items()
        for form in forms or ()
        if sorted(_PLACEHOLDER.findall(form)) != sorted(_PLACEHOLDER.findall(source))
    ]
    assert wrong == []
