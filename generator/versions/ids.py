"""How ids moved between framework versions.

Results answered against an older version and saved self-assessment answers are both migrated
through this one mapping, built from the released copies in framework/releases/ and the changes
declared in framework/changes.yml (see generator/history.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.framework.answers import NOT_LEVELS
from generator.framework.model import Model
from generator.versions.releases import Version, chain, compose, declared, ids_of_model


def id_mapping(model: Model, from_version: str) -> dict[str, tuple[str, ...]] | None:
    """Map each question/topic id of `from_version` to the current ids it became.

    An empty tuple means the id was removed. Returns None when no mapping is declared for that
    version (the caller must then refuse the data with a clear error). For the current version the
    mapping is the identity.
    """
    current = Version(model.framework.version, ids_of_model(model))
    if from_version == current.version:
        return {i: (i,) for i in current.ids}
    versions = chain(model.history.releases, current)
    start = next((i for i, v in enumerate(versions[:-1]) if v.version == from_version), None)
    if start is None:
        return None  # no released copy of that version, so its ids are unknown
    changes = model.history.changes
    steps = [(declared(changes, v.version), set(v.ids)) for v in versions[start + 1 :]]
    return compose(versions[start].ids, steps)


def id_changes(model: Model) -> dict[str, dict[str, list[str]]]:
    """For framework.json: every earlier released version's question ids and the current ids they became."""
    current = model.framework.version
    out: dict[str, dict[str, list[str]]] = {}
    for release in model.history.releases:
        version = release.framework.version
        if version == current:
            continue
        mapping = id_mapping(model, version)
        if mapping is None:  # a released copy newer than the current version: validation refuses it
            continue
        questions = [q.id for t in release.topics for q in t.questions]
        out[version] = {q: list(mapping.get(q, ())) for q in questions}
    return out


Answer = int | str


def migrate_answers(answers: Mapping[str, Answer], mapping: Mapping[str, tuple[str, ...] | list[str]]) -> dict:
    """Old answers {question id: level, 'na' or 'unknown'} as answers to the current questions.

    A renamed question keeps its answer; a split copies it to every new question; a removed one
    drops it. When several old questions merge into one, the lowest answered level wins, and 'na'
    or 'unknown' is kept only if none of them has a level: the same rule the results use. Ids the
    mapping does not know are dropped.
    """
    merged: dict[str, list[Answer]] = {}
    for old, answer in answers.items():
        for new in mapping.get(old, ()):
            merged.setdefault(new, []).append(answer)
    return {q: _lowest(given) for q, given in merged.items()}


def _lowest(given: list[Answer]) -> Answer:
    levels = [a for a in given if isinstance(a, int) and not isinstance(a, bool)]
    if levels:
        return min(levels)
    others = [a for a in given if a in NOT_LEVELS]
    # 'na' before 'unknown': saying a question does not apply is a firmer answer than not knowing.
    return sorted(others, key=NOT_LEVELS.index)[0] if others else given[0]
