"""What changed between two versions of a framework, as data; the terminal and the site both print it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from generator.framework.model import Model, Release, ReleasedQuestion, ReleasedTopic
from generator.versions.ids import carry, change_set
from generator.versions.releases import Version, chain, current_release, ids_of, ids_of_model, version_key

Section = Literal["topics", "questions", "levels", "text"]
SECTIONS: dict[Section, str] = {
    "topics": "Topics",
    "questions": "Questions",
    "levels": "Levels and themes",
    "text": "Reworded text",
}


@dataclass(frozen=True)
class Change:
    section: Section
    summary: str  # one plain sentence
    topic: str | None = None  # current topic id, for a link
    before: str | None = None
    after: str | None = None
    note: str | None = None  # why, from changes.yml

    def text(self) -> str:
        return self.summary


@dataclass(frozen=True)
class VersionDiff:
    old: str
    new: str
    released: str
    summary: str | None = None
    changes: list[Change] = field(default_factory=list)

    def by_section(self) -> list[tuple[str, list[Change]]]:
        return [
            (title, found) for s, title in SECTIONS.items() if (found := [c for c in self.changes if c.section == s])
        ]


def _q(text: str) -> str:
    return f"“{' '.join(text.split())}”"


def compare(
    old: Release,
    new: Release,
    mapping: dict[str, tuple[str, ...]],
    summary: str | None = None,
    notes: dict[str, str] | None = None,
) -> VersionDiff:
    """Every difference from old to new. mapping: old id -> new ids; an id missing from it keeps its id.

    notes: old id -> why it changed, attached to the change that id made.
    """
    out: list[Change] = []
    notes = notes or {}
    new_ids = ids_of(new)

    def targets(old_id: str) -> tuple[str, ...]:
        if old_id in mapping:
            return mapping[old_id]
        return (old_id,) if old_id in new_ids else ()

    old_fw, new_fw = old.framework, new.framework
    level_name = {lv.number: lv.name for lv in old_fw.levels} | {lv.number: lv.name for lv in new_fw.levels}
    out += _levels_and_themes(old, new)

    # Topics
    new_topics = {t.id: t for t in new.topics}
    theme_old = {tid: th for th in old_fw.themes for tid in th.topics}
    theme_new = {tid: th for th in new_fw.themes for tid in th.topics}
    sources: dict[str, list[str]] = defaultdict(list)
    for t in old.topics:
        for n in targets(t.id):
            sources[n].append(t.id)
    pairs: list[tuple[ReleasedTopic, ReleasedTopic]] = []
    for t in old.topics:
        now = [n for n in targets(t.id) if n in new_topics]
        name = f"“{t.title}” ({t.id})"
        if not now:
            out.append(Change("topics", f"Topic removed: {name}.", note=notes.get(t.id)))
        elif len(now) > 1:
            into = ", ".join(f"“{new_topics[n].title}” ({n})" for n in now)
            out.append(Change("topics", f"Topic {name} split into {into}.", topic=now[0], note=notes.get(t.id)))
        elif len(sources[now[0]]) > 1 and now[0] != t.id:
            n = new_topics[now[0]]
            out.append(Change("topics", f"Topic {name} merged into “{n.title}” ({n.id}).", n.id, note=notes.get(t.id)))
        else:
            if now[0] != t.id:
                out.append(Change("topics", f"Topic id changed: {t.id} is now {now[0]}.", now[0], note=notes.get(t.id)))
            pairs.append((t, new_topics[now[0]]))
    for t in new.topics:
        if t.id not in sources:
            out.append(Change("topics", f"Topic added: “{t.title}” ({t.id}), in {theme_new[t.id].title}.", topic=t.id))
    for a, b in pairs:
        if theme_old[a.id].id != theme_new[b.id].id:
            out.append(
                Change(
                    "topics",
                    f"Topic “{b.title}” ({b.id}) moved from {theme_old[a.id].title} to {theme_new[b.id].title}.",
                    topic=b.id,
                )
            )
        out += _topic_text(a, b, level_name)

    # Questions
    old_q = {q.id: (t, q) for t in old.topics for q in t.questions}
    new_q = {q.id: (t, q) for t in new.topics for q in t.questions}
    crossing = {v.id: v.title for v in (old_fw.crossing.values if old_fw.crossing else [])} | {
        v.id: v.title for v in (new_fw.crossing.values if new_fw.crossing else [])
    }
    q_sources: dict[str, list[str]] = defaultdict(list)
    for qid in old_q:
        for n in targets(qid):
            q_sources[n].append(qid)
    for qid, (t, q) in old_q.items():
        now = [n for n in targets(qid) if n in new_q]
        name = f"{_q(q.text)} ({qid})"
        if not now:
            out.append(Change("questions", f"Question removed from “{t.title}”: {name}.", note=notes.get(qid)))
            continue
        first_topic = new_q[now[0]][0].id
        if len(now) > 1:
            into = ", ".join(f"{_q(new_q[n][1].text)} ({n})" for n in now)
            out.append(Change("questions", f"Question {name} split into {into}.", first_topic, note=notes.get(qid)))
            continue
        nt, nq = new_q[now[0]]
        if len(q_sources[nq.id]) > 1 and nq.id != qid:
            out.append(
                Change("questions", f"Question {name} merged into {_q(nq.text)} ({nq.id}).", nt.id, note=notes.get(qid))
            )
            continue
        if nq.id != qid:
            out.append(Change("questions", f"Question id changed: {qid} is now {nq.id}.", nt.id, note=notes.get(qid)))
        old_topic_now = targets(t.id)
        if nt.id not in old_topic_now:
            out.append(
                Change("questions", f"Question {_q(nq.text)} ({nq.id}) moved from “{t.title}” to “{nt.title}”.", nt.id)
            )
        if (q.crossing or None) != (nq.crossing or None) and new_fw.crossing:
            was = crossing.get(q.crossing or "", "none")
            out.append(
                Change(
                    "questions",
                    f"Question {_q(nq.text)} ({nq.id}) moved from {was} to {crossing.get(nq.crossing or '', 'none')}.",
                    nt.id,
                )
            )
        out += _question_text(q, nq, nt, level_name)
    for qid, (t, q) in new_q.items():
        if qid not in q_sources:
            out.append(Change("questions", f"Question added to “{t.title}”: {_q(q.text)} ({qid}).", topic=t.id))
    return VersionDiff(old_fw.version, new_fw.version, new_fw.released.isoformat(), summary, out)


def _added_renamed_removed(what: str, old: dict, new: dict, name: Callable, shown: Callable) -> list[Change]:
    """Entries (levels, themes) added, renamed or removed, keyed by what stays the same across versions."""
    out = []
    for key, item in new.items():
        if key not in old:
            out.append(Change("levels", f"{what} added: {shown(key, item)}."))
        elif name(old[key]) != name(item):
            out.append(Change("levels", f"{what} {key} renamed from {name(old[key])} to {name(item)}."))
    out += [Change("levels", f"{what} removed: {shown(key, item)}.") for key, item in old.items() if key not in new]
    return out


def _levels_and_themes(old: Release, new: Release) -> list[Change]:
    old_lv = {lv.number: lv for lv in old.framework.levels}
    new_lv = {lv.number: lv for lv in new.framework.levels}
    out = _added_renamed_removed("Level", old_lv, new_lv, lambda lv: lv.name, lambda n, lv: f"{n}. {lv.name}")
    for n, lv in new_lv.items():
        if n in old_lv and old_lv[n].summary.strip() != lv.summary.strip():
            out.append(
                Change("text", f"Summary of level {n} ({lv.name}) reworded.", None, old_lv[n].summary, lv.summary)
            )
    out += _added_renamed_removed(
        "Theme",
        {th.id: th for th in old.framework.themes},
        {th.id: th for th in new.framework.themes},
        lambda th: th.title,
        lambda tid, th: f"{th.title} ({tid})",
    )
    if old.framework.title != new.framework.title:
        out.append(Change("levels", f"Framework renamed from {old.framework.title} to {new.framework.title}."))
    return out


def _reworded(what: str, a: str | None, b: str | None, topic: str) -> list[Change]:
    if " ".join((a or "").split()) == " ".join((b or "").split()):
        return []
    return [Change("text", what, topic, a or "(none)", b or "(none)")]


def _topic_text(a: ReleasedTopic, b: ReleasedTopic, level_name: dict[int, str]) -> list[Change]:
    out: list[Change] = []
    if a.title != b.title:
        out.append(Change("topics", f"Topic title changed: “{a.title}” is now “{b.title}” ({b.id}).", b.id))
    out += _reworded(f"“{b.title}”: summary reworded.", a.summary, b.summary, b.id)
    out += _reworded(f"“{b.title}”: why it matters reworded.", a.why_it_matters, b.why_it_matters, b.id)
    for n in sorted(set(a.levels) & set(b.levels)):
        out += _reworded(
            f"“{b.title}”: descriptor for level {n} ({level_name.get(n, n)}) reworded.", a.levels[n], b.levels[n], b.id
        )
    old_steps = {s.get("from"): s for s in a.steps}
    for s in b.steps:
        n = s.get("from")
        if n in old_steps and old_steps[n] != s:
            fields = sorted(k for k in set(s) | set(old_steps[n]) if s.get(k) != old_steps[n].get(k))
            out.append(
                Change(
                    "text",
                    f"“{b.title}”: guidance for the step from level {n} to {n + 1} changed ({', '.join(fields)}).",
                    b.id,
                )
            )
    return out


def _question_text(
    a: ReleasedQuestion, b: ReleasedQuestion, topic: ReleasedTopic, level_name: dict[int, str]
) -> list[Change]:
    name = f"{_q(b.text)} ({b.id})"
    out = _reworded(f"Question {name} reworded.", a.text, b.text, topic.id)
    out += _reworded(f"Question {name}: hint reworded.", a.hint, b.hint, topic.id)
    for n in sorted(set(a.answers) & set(b.answers)):
        out += _reworded(
            f"Question {name}: answer for level {n} ({level_name.get(n, n)}) reworded.",
            a.answers[n],
            b.answers[n],
            topic.id,
        )
    return out


def diff_between(old: Release, new: Release, model: Model | None) -> VersionDiff:
    """old compared with new, following the id changes that model's changes.yml declares between them."""
    changes = model.history.changes if model else None
    if changes is None or model is None:
        return compare(old, new, {})
    lo, hi = version_key(old.framework.version), version_key(new.framework.version)
    known = {r.framework.version: Version(r.framework.version, ids_of(r)) for r in model.history.releases}
    known[model.framework.version] = Version(model.framework.version, ids_of_model(model))
    known[new.framework.version] = Version(new.framework.version, ids_of(new))
    later = sorted(
        (v for v in known.values() if lo < version_key(v.version) <= hi), key=lambda v: version_key(v.version)
    )
    sets = [cs for v in later if (cs := change_set(changes, v.version)) is not None]
    notes = {c.from_id: c.note for cs in sets for c in cs.ids if c.note}
    summary = sets[0].summary if len(sets) == 1 else None
    return compare(old, new, carry(ids_of(old), later, changes), summary, notes)


def history_diffs(model: Model) -> list[VersionDiff]:
    """One diff per version with an earlier released copy, newest first: what the 'What changed' page shows."""
    current = current_release(model)
    by_version = {r.framework.version: r for r in model.history.releases}
    by_version[current.framework.version] = current
    versions = chain(model.history.releases, Version(current.framework.version, ids_of(current)))
    out = []
    for before, after in zip(versions, versions[1:], strict=False):
        old, new = by_version[before.version], by_version[after.version]
        cs = change_set(model.history.changes, after.version)
        notes = {c.from_id: c.note for c in cs.ids if c.note} if cs else {}
        mapping = carry(before.ids, [after], model.history.changes)
        out.append(compare(old, new, mapping, cs.summary if cs else None, notes))
    return out[::-1]


def text(diff: VersionDiff) -> str:
    """The diff for a terminal or a pull request: plain text, reworded text shown as before and after."""
    lines = [f"Changes from {diff.old} to {diff.new}"]
    if diff.summary:
        lines.append(" ".join(diff.summary.split()))
    if not diff.changes:
        lines.append("No changes.")
    for title, changes in diff.by_section():
        lines += ["", f"{title} ({len(changes)})"]
        for c in changes:
            lines.append(f"  - {c.summary}")
            if c.note:
                lines.append(f"      why: {' '.join(c.note.split())}")
            if c.before is not None or c.after is not None:
                lines.append(f"      before: {' '.join((c.before or '').split())}")
                lines.append(f"      after:  {' '.join((c.after or '').split())}")
    return "\n".join(lines) + "\n"
