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

from generator.framework.model import SEMVER_PATTERN, Changes, Framework, History, Model, Release, Topic

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


def history_of(releases: list[Release], changes: Changes | None) -> History:
    return History(releases=sorted(releases, key=lambda r: version_key(r.framework.version)), changes=changes)
