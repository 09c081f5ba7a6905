"""How ids moved between framework versions.

Results answered against an older version and saved self-assessment answers are both migrated
through this one mapping, built from the released copies in framework/releases/ and the changes
declared in framework/changes.yml (see generator.versions.releases).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.framework.answers import Answer, merge_answers
from generator.framework.model import Changes, ChangeSet, Model
from generator.versions.releases import Version, chain, ids_of_model


def change_set(changes: Changes | None, version: str) -> ChangeSet | None:
    if changes is None:
        return None
    return next((cs for cs in changes.versions if cs.version == version), None)


def declared(changes: Changes | None, version: str) -> dict[str, tuple[str, ...]]:
    """Old id -> the ids it became, as declared for one version."""
    cs = change_set(changes, version)
    return {c.from_id: tuple(c.to) for c in cs.ids} if cs else {}


def compose(start_ids: Iterable[str], steps: Iterable[tuple[dict[str, tuple[str, ...]], set[str] | None]]) -> dict:
    """Carry each start id through successive versions.

    Each step is (declared changes, ids of that version or None when unknown). An id with no
    declaration stays itself while it exists; one declared becomes its targets.
    """
    mapping = {i: (i,) for i in start_ids}
    for moves, present in steps:
        nxt = {}
        for old, now in mapping.items():
            out: list[str] = []
            for i in now:
                if i in moves:
                    out += moves[i]
                elif present is None or i in present:
                    out.append(i)
            nxt[old] = tuple(dict.fromkeys(out))
        mapping = nxt
    return mapping


def carry(start_ids: Iterable[str], later: Iterable[Version], changes: Changes | None) -> dict[str, tuple[str, ...]]:
    """The one composition of id changes: each start id carried through every later version in turn.

    Each version's declared changes move its ids; an id it does not declare stays while that version has it.
    """
    return compose(start_ids, [(declared(changes, v.version), set(v.ids)) for v in later])


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
    return carry(versions[start].ids, versions[start + 1 :], model.history.changes)


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


def migrate_answers(answers: Mapping[str, Answer], mapping: Mapping[str, tuple[str, ...] | list[str]]) -> dict:
    """Old answers {question id: level, 'na' or 'unknown'} as answers to the current questions.

    A renamed question keeps its answer; a split copies it to every new question; a removed one
    drops it. When several old questions merge into one, answers.merge_answers decides (the same
    rule the results use). Ids the mapping does not know are dropped.
    """
    merged: dict[str, list[Answer]] = {}
    for old, answer in answers.items():
        for new in mapping.get(old, ()):
            merged.setdefault(new, []).append(answer)
    return {q: merge_answers(given) for q, given in merged.items()}
