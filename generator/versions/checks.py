"""Checks on versions: they go up, a released version never changes, and every dropped id is declared."""

from __future__ import annotations

from generator.framework.model import Changes, ChangeSet, Framework, Release, Topic
from generator.versions.diff import compare
from generator.versions.ids import declared
from generator.versions.releases import CHANGES_FILE, RELEASES_DIR, Version, chain, release_from, version_key
from generator.yamlio.problems import Problem
from generator.yamlio.read import Document


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

    out: list[Problem] = []
    key = version_key(fw.version)
    for r in releases:
        v = r.framework.version
        if version_key(v) > key:
            out.append(
                fw_doc.problem(
                    ("version",),
                    f"{fw.version} is older than the released copy {release_files[v]}: the version must go up",
                    code="version-goes-down",
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
                        code="released-version-changed",
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
                out.append(
                    changes_doc.problem(
                        (*where, "version"), f"version {cs.version} is listed twice", code="listed-twice"
                    )
                )
                continue
            set_index[cs.version] = i
            if cs.version not in position:
                out.append(
                    changes_doc.problem(
                        (*where, "version"),
                        f"{cs.version} is neither this framework's version ({fw.version}) "
                        f"nor a released copy in {RELEASES_DIR}/",
                        code="unknown-version",
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
                            code="nothing-to-map",
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
                out.append(
                    changes_doc.problem(
                        ("versions", set_index[after.version], "ids"), message, code="undeclared-id-change"
                    )
                )
            elif changes_doc is not None:
                out.append(changes_doc.problem(("versions",), message, code="undeclared-id-change"))
            else:
                out.append(fw_doc.problem(("version",), message, code="undeclared-id-change"))
    return out


def _check_set(doc: Document, where: tuple, cs: ChangeSet, before: Version, after: Version) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for j, move in enumerate(cs.ids):
        at = (*where, "ids", j)
        if move.from_id in seen:
            out.append(
                doc.problem((*at, "from"), f"'{move.from_id}' is listed twice for {cs.version}", code="listed-twice")
            )
        seen.add(move.from_id)
        kind = before.ids.get(move.from_id)
        if kind is None:
            out.append(
                doc.problem(
                    (*at, "from"),
                    f"'{move.from_id}' is not a topic or question id in {before.version}, the version before {cs.version}",
                    code="unknown-old-id",
                )
            )
        targets: set[str] = set()
        for k, target in enumerate(move.to):
            if target in targets:
                out.append(doc.problem((*at, "to", k), f"'{target}' is listed twice", code="listed-twice"))
            targets.add(target)
            new_kind = after.ids.get(target)
            if new_kind is None:
                out.append(
                    doc.problem(
                        (*at, "to", k), f"'{target}' is not a topic or question in {cs.version}", code="unknown-new-id"
                    )
                )
            elif kind is not None and new_kind != kind:
                out.append(
                    doc.problem(
                        (*at, "to", k),
                        f"'{target}' is a {new_kind} in {cs.version} but '{move.from_id}' was a {kind}: "
                        f"a {kind} can only become {kind}s",
                        code="kind-changes",
                    )
                )
    return out
