"""Versions of a framework: released copies, the order of versions, and the checks on changes.yml.

A released copy is the whole framework at a version, written by `dmf release` to
`framework/releases/<version>.json` and kept in the repository, so a fresh clone without git
history still knows every earlier version's ids. `framework/changes.yml` declares what became of
each id that a version dropped. Everything here is a pure function of models already read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.framework.model import SEMVER_PATTERN, Changes, ChangeSet, Framework, History, Model, Release, Topic
from generator.yamlio.problems import Problem
from generator.yamlio.read import Document

RELEASES_DIR = "releases"
CHANGES_FILE = "changes.yml"
RELEASE_FORMAT = 1  # bump only if a released copy's shape changes in a way Release cannot read

_SEMVER = re.compile(SEMVER_PATTERN)


def version_key(version: str) -> tuple:
    """Sort key with semantic-versioning precedence: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0."""
    m = _SEMVER.match(version)
    if not m:
        raise ValueError(f"not a semantic version: {version!r}")
    core = tuple(int(g) for g in m.groups()[:3])
    pre = version.split("+", 1)[0].partition("-")[2]
    if not pre:
        return (*core, 1, ())
    # Numeric identifiers sort before alphanumeric ones and compare as numbers.
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (*core, 0, parts)


def release_data(framework: Framework, topics: Iterable[Topic]) -> dict[str, Any]:
    """The framework as a released copy: everything in the files, topics in reading order."""
    return {
        "dmf_release": RELEASE_FORMAT,
        "framework": framework.model_dump(mode="json", by_alias=True),
        "topics": [t.model_dump(mode="json", by_alias=True) for t in topics],
    }


def release_json(model: Model) -> str:
    """The text of framework/releases/<version>.json: stable key order, so a re-release is byte-identical."""
    return json.dumps(release_data(model.framework, model.topics), ensure_ascii=False, indent=1) + "\n"


def release_from(framework: Framework, topics: Iterable[Topic]) -> Release:
    return Release.model_validate(release_data(framework, topics))


def current_release(model: Model) -> Release:
    """The current framework in the shape of a released copy, so it compares with the released ones."""
    return release_from(model.framework, model.topics)


def release_path(framework_dir: Path, version: str) -> Path:
    return Path(framework_dir) / RELEASES_DIR / f"{version}.json"


@dataclass(frozen=True)
class Version:
    """What id mapping needs from one version: its number and its ids, each with its kind."""

    version: str
    ids: dict[str, str]  # id -> "topic" | "question"


def ids_of(release: Release) -> dict[str, str]:
    out = {t.id: "topic" for t in release.topics}
    out.update({q.id: "question" for t in release.topics for q in t.questions})
    return out


def ids_of_model(model: Model) -> dict[str, str]:
    out = {t.id: "topic" for t in model.topics}
    out.update({q.id: "question" for t in model.topics for q in t.questions})
    return out


def chain(releases: Iterable[Release], current: Version) -> list[Version]:
    """Every known version oldest first, ending with the current one.

    Released copies newer than the current version are left out (validation refuses them); a
    released copy of the current version is the current framework itself.
    """
    key = version_key(current.version)
    older = sorted(
        (r for r in releases if version_key(r.framework.version) < key), key=lambda r: version_key(r.framework.version)
    )
    return [Version(r.framework.version, ids_of(r)) for r in older] + [current]


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


def check(
    fw_doc: Document,
    fw: Framework,
    topics: list[Topic],
    releases: list[Release],
    release_files: dict[str, str],
    changes_doc: Document | None,
    changes: Changes | None,
) -> list[Problem]:
    """Versions go up, a released version never changes, and every dropped id is declared in changes.yml."""
    from generator.versions.diff import (
        compare,  # diff needs history's helpers; import here to keep the modules one-way at load
    )

    out: list[Problem] = []
    key = version_key(fw.version)
    for r in releases:
        v = r.framework.version
        if version_key(v) > key:
            out.append(
                fw_doc.problem(
                    ("version",),
                    f"{fw.version} is older than the released copy {release_files[v]}: the version must go up",
                )
            )
        elif v == fw.version:
            changed = compare(r, release_from(fw, topics), {})
            if changed.changes:
                out.append(
                    fw_doc.problem(
                        ("version",),
                        f"{v} is already released ({release_files[v]}) and the framework has changed since "
                        f"({len(changed.changes)} change(s), first: {changed.changes[0].text()}): raise the version",
                    )
                )

    ids = {t.id: "topic" for t in topics} | {q.id: "question" for t in topics for q in t.questions}
    versions = chain(releases, Version(fw.version, ids))
    position = {v.version: i for i, v in enumerate(versions)}
    set_index: dict[str, int] = {}
    if changes is not None and changes_doc is not None:
        for i, cs in enumerate(changes.versions):
            where = ("versions", i)
            if cs.version in set_index:
                out.append(changes_doc.problem((*where, "version"), f"version {cs.version} is listed twice"))
                continue
            set_index[cs.version] = i
            if cs.version not in position:
                out.append(
                    changes_doc.problem(
                        (*where, "version"),
                        f"{cs.version} is neither this framework's version ({fw.version}) "
                        f"nor a released copy in {RELEASES_DIR}/",
                    )
                )
                continue
            at = position[cs.version]
            if at == 0:
                if cs.ids:
                    out.append(
                        changes_doc.problem(
                            (*where, "ids"),
                            f"{cs.version} is the earliest version with a released copy in {RELEASES_DIR}/, "
                            "so there are no older ids to map",
                        )
                    )
                continue
            out += _check_set(changes_doc, where, cs, versions[at - 1], versions[at])

    for before, after in zip(versions, versions[1:], strict=False):
        moved = declared(changes, after.version)
        for old_id, kind in before.ids.items():
            if old_id in after.ids or old_id in moved:
                continue
            message = (
                f"{kind} '{old_id}' of {before.version} is not in {after.version}: say what it became in "
                f"{CHANGES_FILE} under version {after.version} (to: [] if it was removed)"
            )
            if after.version in set_index and changes_doc is not None:
                out.append(changes_doc.problem(("versions", set_index[after.version], "ids"), message))
            elif changes_doc is not None:
                out.append(changes_doc.problem(("versions",), message))
            else:
                out.append(fw_doc.problem(("version",), message))
    return out


def _check_set(doc: Document, where: tuple, cs: ChangeSet, before: Version, after: Version) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for j, move in enumerate(cs.ids):
        at = (*where, "ids", j)
        if move.from_id in seen:
            out.append(doc.problem((*at, "from"), f"'{move.from_id}' is listed twice for {cs.version}"))
        seen.add(move.from_id)
        kind = before.ids.get(move.from_id)
        if kind is None:
            out.append(
                doc.problem(
                    (*at, "from"),
                    f"'{move.from_id}' is not a topic or question id in {before.version}, the version before {cs.version}",
                )
            )
        targets: set[str] = set()
        for k, target in enumerate(move.to):
            if target in targets:
                out.append(doc.problem((*at, "to", k), f"'{target}' is listed twice"))
            targets.add(target)
            new_kind = after.ids.get(target)
            if new_kind is None:
                out.append(doc.problem((*at, "to", k), f"'{target}' is not a topic or question in {cs.version}"))
            elif kind is not None and new_kind != kind:
                out.append(
                    doc.problem(
                        (*at, "to", k),
                        f"'{target}' is a {new_kind} in {cs.version} but '{move.from_id}' was a {kind}: "
                        f"a {kind} can only become {kind}s",
                    )
                )
    return out


def history_of(releases: list[Release], changes: Changes | None) -> History:
    return History(releases=sorted(releases, key=lambda r: version_key(r.framework.version)), changes=changes)
