"""Checks of a framework that need several of its files together: ids, themes, levels, steps, crosswalks."""

from __future__ import annotations

from generator.framework.model import Framework, Topic
from generator.yamlio.problems import Problem
from generator.yamlio.read import Document

FRAMEWORK_FILE = "framework.yml"
TOPICS_DIR = "topics"


def check_topics(topic_docs: dict[str, tuple[Document, Topic] | None]) -> list[Problem]:
    """Checks between topic files that do not need framework.yml, so they run even when it is broken."""
    out: list[Problem] = []
    valid = set(topic_docs)
    for stem, entry in sorted(topic_docs.items()):
        if entry is None:
            continue
        doc, topic = entry
        if topic.id != stem:
            out.append(
                doc.problem(
                    ("id",),
                    f"id '{topic.id}' does not match the file name '{stem}'; name the file {topic.id}.yml",
                    code="name-mismatch",
                )
            )
        for i, rel in enumerate(topic.related):
            if rel == topic.id:
                out.append(doc.problem(("related", i), "a topic cannot be related to itself", code="related-to-itself"))
            elif rel not in valid:
                out.append(doc.problem(("related", i), f"'{rel}' is not a topic", code="unknown-topic"))
    return out


def check(fw_doc: Document, fw: Framework, topic_docs: dict[str, tuple[Document, Topic] | None]) -> list[Problem]:
    """Checks that need framework.yml and the topics together."""
    out: list[Problem] = []
    numbers = [lv.number for lv in fw.levels]
    start = numbers[0]
    if start not in (0, 1) or numbers != list(range(start, start + len(numbers))):
        out.append(
            fw_doc.problem(
                ("levels",),
                f"levels must be numbered in order from 0 or 1 with no gaps; found {numbers}",
                code="level-numbering",
            )
        )

    seen: dict[str, str] = {}

    def claim(entity_id: str, doc: Document, loc: tuple) -> None:
        where = f"{doc.path}:{doc.where(loc)[0]}"
        if entity_id in seen:
            out.append(
                doc.problem(
                    loc,
                    f"duplicate id '{entity_id}' (already used at {seen[entity_id]}); ids must be unique across the framework",
                    code="duplicate-id",
                )
            )
        else:
            seen[entity_id] = where

    claim(fw.id, fw_doc, ("id",))
    for i, lv in enumerate(fw.levels):
        claim(lv.id, fw_doc, ("levels", i, "id"))
    for i, th in enumerate(fw.themes):
        claim(th.id, fw_doc, ("themes", i, "id"))
    crossing_ids = set()
    if fw.crossing:
        for i, cv in enumerate(fw.crossing.values):
            claim(cv.id, fw_doc, ("crossing", "values", i, "id"))
            crossing_ids.add(cv.id)

    crosswalks = _check_crosswalks(fw_doc, fw, out)

    listed: dict[str, tuple] = {}
    for i, th in enumerate(fw.themes):
        for j, tid in enumerate(th.topics):
            loc = ("themes", i, "topics", j)
            if tid in listed:
                out.append(
                    fw_doc.problem(
                        loc, f"topic '{tid}' is listed twice; a topic belongs to one theme", code="topic-listed-twice"
                    )
                )
            listed[tid] = loc
            if tid not in topic_docs:
                out.append(
                    fw_doc.problem(
                        loc, f"no file for topic '{tid}': expected {TOPICS_DIR}/{tid}.yml", code="topic-file-missing"
                    )
                )
    for stem, entry in topic_docs.items():
        if stem not in listed and entry is not None:
            out.append(
                entry[0].problem(
                    ("id",),
                    f"topic '{entry[1].id}' is not listed in any theme in {FRAMEWORK_FILE}",
                    code="topic-not-listed",
                )
            )

    for _, entry in sorted(topic_docs.items()):
        if entry is None:
            continue
        doc, topic = entry
        claim(topic.id, doc, ("id",))
        out += _check_levels(doc, ("levels",), topic.levels, numbers, "no descriptor for level")
        out += _check_maps_to(doc, ("maps_to",), topic.maps_to, crosswalks)
        for i, q in enumerate(topic.questions):
            claim(q.id, doc, ("questions", i, "id"))
            out += _check_maps_to(doc, ("questions", i, "maps_to"), q.maps_to, crosswalks)
            out += _check_levels(doc, ("questions", i, "answers"), q.answers, numbers, "no answer for level")
            if fw.crossing and q.crossing is None:
                out.append(
                    doc.problem(
                        ("questions", i),
                        f"required field is missing: crossing (one of the framework's {fw.crossing.plural.lower()})",
                        code="crossing-missing",
                    )
                )
            elif q.crossing is not None and not fw.crossing:
                out.append(
                    doc.problem(
                        ("questions", i, "crossing"),
                        "the framework declares no crossing dimension",
                        code="crossing-undeclared",
                    )
                )
            elif q.crossing is not None and q.crossing not in crossing_ids:
                out.append(
                    doc.problem(
                        ("questions", i, "crossing"),
                        f"'{q.crossing}' is not a crossing value in {FRAMEWORK_FILE}",
                        code="unknown-crossing-value",
                    )
                )
        steps_at: dict[int, int] = {}
        for i, step in enumerate(topic.steps):
            if step.from_level in steps_at:
                out.append(
                    doc.problem(
                        ("steps", i, "from"), f"a second step from level {step.from_level}", code="duplicate-step"
                    )
                )
            elif step.from_level not in numbers[:-1]:
                out.append(
                    doc.problem(
                        ("steps", i, "from"),
                        f"no step can start at level {step.from_level}: steps start at {numbers[:-1]}",
                        code="step-out-of-range",
                    )
                )
            steps_at.setdefault(step.from_level, i)
        for n in numbers[:-1]:
            if n not in steps_at:
                out.append(
                    doc.problem(("steps",), f"no guidance for the step from level {n} to {n + 1}", code="step-missing")
                )
    return out


def _check_crosswalks(fw_doc: Document, fw: Framework, out: list[Problem]) -> dict[str, set[str]]:
    """Each crosswalk id once, each entry id once within its crosswalk; {crosswalk id: entry ids}.

    Entry ids are the other framework's, so they may equal ids of ours: they are not claimed framework-wide.
    """
    crosswalks: dict[str, set[str]] = {}
    for i, cw in enumerate(fw.crosswalks):
        if cw.id in crosswalks:
            out.append(
                fw_doc.problem(("crosswalks", i, "id"), f"crosswalk '{cw.id}' is listed twice", code="listed-twice")
            )
            continue
        entries = crosswalks[cw.id] = set()
        for j, entry in enumerate(cw.entries):
            if entry.id in entries:
                out.append(
                    fw_doc.problem(
                        ("crosswalks", i, "entries", j, "id"),
                        f"entry '{entry.id}' is listed twice in '{cw.id}'",
                        code="listed-twice",
                    )
                )
            entries.add(entry.id)
    return crosswalks


def _check_maps_to(
    doc: Document, loc: tuple, maps_to: dict[str, list[str]], crosswalks: dict[str, set[str]]
) -> list[Problem]:
    out: list[Problem] = []
    for key, entry_ids in maps_to.items():
        if key not in crosswalks:
            known = ", ".join(sorted(crosswalks)) or "none"
            out.append(
                doc.problem(
                    (*loc, key),
                    f"'{key}' is not a crosswalk in {FRAMEWORK_FILE} (crosswalks: {known})",
                    key=True,
                    code="unknown-crosswalk",
                )
            )
            continue
        seen: set[str] = set()
        for j, entry_id in enumerate(entry_ids):
            if entry_id in seen:
                out.append(doc.problem((*loc, key, j), f"'{entry_id}' is listed twice", code="listed-twice"))
            elif entry_id not in crosswalks[key]:
                out.append(
                    doc.problem(
                        (*loc, key, j),
                        f"'{entry_id}' is not an entry of crosswalk '{key}'",
                        code="unknown-crosswalk-entry",
                    )
                )
            seen.add(entry_id)
    return out


def _check_levels(doc: Document, loc: tuple, given: dict[int, str], numbers: list[int], missing: str) -> list[Problem]:
    out = [doc.problem(loc, f"{missing} {n}", code="level-missing") for n in numbers if n not in given]
    out += [
        doc.problem(
            (*loc, n), f"{n} is not a level of this framework (levels: {numbers})", key=True, code="level-out-of-range"
        )
        for n in given
        if n not in numbers
    ]
    return out
