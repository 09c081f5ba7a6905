"""The file format's field reference: Markdown tables of every field, written from the models themselves."""

from __future__ import annotations

from generator.framework.model import (
    Changes,
    ChangeSet,
    Crossing,
    CrossingValue,
    Crosswalk,
    CrosswalkEntry,
    Framework,
    IdChange,
    Level,
    Question,
    Scoring,
    Step,
    Theme,
    Topic,
)
from generator.site.markdown import prose_inline

MARKER = "<!-- dmf:field-reference -->"


_DESCRIPTIONS = {
    "id": "Stable id: lowercase ASCII letters, digits and single hyphens, unique across the framework.",
    "title": "Title, in any script.",
    "summary": "A short description. Markdown.",
    "why_it_matters": "Why the topic matters for services and the people who use them. Markdown.",
    "text": "The question, as the reader sees it.",
}


def field_reference() -> str:
    """Markdown tables of every field of every file-format model, from the models themselves."""
    parts = []
    for title, cls in [
        ("framework.yml", Framework),
        ("levels[]", Level),
        ("themes[]", Theme),
        ("crossing", Crossing),
        ("crossing.values[]", CrossingValue),
        ("crosswalks[]", Crosswalk),
        ("entries[]", CrosswalkEntry),
        ("scoring", Scoring),
        ("topics/*.yml", Topic),
        ("questions[]", Question),
        ("steps[]", Step),
        ("changes.yml", Changes),
        ("versions[]", ChangeSet),
        ("ids[]", IdChange),
    ]:
        parts.append(f"### `{title}` {{#fields-{_slug(title)}}}\n")
        parts.append("| Field | Required | Description |\n| --- | --- | --- |")
        for name, f in cls.model_fields.items():
            key = f.alias or name
            required = "yes" if f.is_required() else f"no (default: `{f.get_default(call_default_factory=True)}`)"
            parts.append(f"| `{key}` | {required} | {prose_inline(f.description or _DESCRIPTIONS.get(key, ''))} |")
        parts.append("")
    return "\n".join(parts)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")
