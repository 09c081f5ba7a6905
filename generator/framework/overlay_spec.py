"""What a language overlay may translate, and where each text sits in the source and in the overlay.

An overlay names things by id (levels, themes, questions, crossing values), by level number (descriptors,
answers), by the level a step starts from (guidance) and by position (a step's actions, evidence and roles),
never by position in a list of entities, so that reordering the source never moves a translation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]

TEXT = "text"  # plain text: titles, names, labels
PROSE = "prose"  # the prose dialect (generator.framework.prose)


@dataclass(frozen=True)
class ById:
    """A source list of mappings, translated as a mapping keyed by each item's `key` field."""

    key: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class ByKey:
    """A source mapping (level number -> text), translated under the same keys."""

    kind: str


@dataclass(frozen=True)
class Items:
    """A source list of texts, translated as a list of the same length, item by item."""

    kind: str


FRAMEWORK: dict[str, Any] = {
    "title": TEXT,
    "summary": PROSE,
    "levels": ById("id", {"name": TEXT, "summary": PROSE}),
    "themes": ById("id", {"title": TEXT, "summary": PROSE}),
    "crossing": {"name": TEXT, "plural": TEXT, "values": ById("id", {"title": TEXT, "summary": PROSE})},
}

TOPIC: dict[str, Any] = {
    "title": TEXT,
    "summary": PROSE,
    "why_it_matters": PROSE,
    "levels": ByKey(PROSE),
    "questions": ById("id", {"text": TEXT, "hint": PROSE, "answers": ByKey(TEXT)}),
    "steps": ById(
        "from",
        {
            "actions": Items(PROSE),
            "milestone": PROSE,
            "involve": Items(TEXT),
            "evidence": Items(PROSE),
            "timescale": TEXT,
            "sharing": PROSE,
        },
    ),
}


def fingerprint(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of the source text: what `source:` beside a translation holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Slot:
    """One translatable text of the source: where the overlay puts it, where the source holds it, and the text."""

    overlay: Loc
    source: Loc
    kind: str
    text: str


def slots(spec: Any, source: Any, src: Loc = (), ov: Loc = ()) -> Iterator[Slot]:
    """Every translatable text in source (a model dumped by alias), in the order of the source."""
    if source is None:
        return
    if isinstance(spec, str):
        yield Slot(ov, src, spec, source)
    elif isinstance(spec, dict):
        for name, sub in spec.items():
            yield from slots(sub, source.get(name), (*src, name), (*ov, name))
    elif isinstance(spec, ById):
        for i, item in enumerate(source):
            yield from slots(spec.fields, item, (*src, i), (*ov, item[spec.key]))
    elif isinstance(spec, ByKey):
        for key, text in source.items():
            yield Slot((*ov, key), (*src, key), spec.kind, text)
    elif isinstance(spec, Items):
        for i, text in enumerate(source):
            yield Slot((*ov, i), (*src, i), spec.kind, text)


def extras(spec: Any, source: Any, overlay: Any, ov: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(where, what) for every key or item of the overlay that names nothing in the source."""
    if isinstance(spec, str) or not isinstance(overlay, dict | list):
        return
    if isinstance(spec, Items):
        for i in range(len(source or []), len(overlay) if isinstance(overlay, list) else 0):
            yield (*ov, i), f"item {i + 1}: the source has only {len(source or [])}"
        return
    if not isinstance(overlay, dict):
        return
    if isinstance(spec, dict):
        for name, value in overlay.items():
            if name not in spec:
                yield (*ov, name), f"'{name}' is not a text that can be translated here"
            elif source is None or source.get(name) is None:
                yield (*ov, name), f"the source has no {name} to translate"
            else:
                yield from extras(spec[name], source.get(name), value, (*ov, name))
    elif isinstance(spec, ById):
        by_key = {item[spec.key]: item for item in source or []}
        for key, value in overlay.items():
            if key not in by_key:
                yield (*ov, key), f"'{key}' is not a {spec.key if spec.key != 'id' else 'id'} in the source"
            else:
                yield from extras(spec.fields, by_key[key], value, (*ov, key))
    elif isinstance(spec, ByKey):
        for key in overlay:
            if key not in (source or {}):
                yield (*ov, key), f"'{key}' is not a level in the source"


def get(data: Any, loc: Loc) -> Any:
    """The value at loc in plain data, or None when any part of the way is missing."""
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def put(data: Any, loc: Loc, value: Any) -> None:
    """Set the value at loc in nested plain data (dicts and lists) that already holds that place."""
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value
