"""Load a framework directory into the typed model, collecting every problem before failing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.framework.model import ID_PATTERN, Changes, Framework, Model, Release, Topic
from generator.versions import checks
from generator.versions import releases as history
from generator.yamlio.problems import InputError, Problem
from generator.yamlio.read import Document, read_yaml

M = TypeVar("M", bound=BaseModel)

FRAMEWORK_FILE = "framework.yml"
TOPICS_DIR = "topics"


def load_framework(directory: str | Path) -> Model:
    """Read framework.yml and topics/*.yml; raise InputError listing every problem."""
    directory = Path(directory)
    problems: list[Problem] = []
    fw_path = directory / FRAMEWORK_FILE
    if not fw_path.is_file():
        raise InputError(
            [
                Problem(
                    shown_path(fw_path),
                    1,
                    None,
                    "",
                    "file not found: a framework needs framework.yml",
                    code="file-not-found",
                )
            ]
        )

    fw_doc, fw = read_model(fw_path, Framework, problems)
    # A topic file that exists but has its own problems still counts as present, so that one mistake
    # does not also show up as "no file for topic" and "is not a topic" elsewhere.
    topic_docs: dict[str, tuple[Document, Topic] | None] = {}
    topic_files = sorted((directory / TOPICS_DIR).glob("*.yml")) + sorted((directory / TOPICS_DIR).glob("*.yaml"))
    for path in topic_files:
        doc, topic = read_model(path, Topic, problems)
        topic_docs[path.stem] = (doc, topic) if doc and topic else None

    problems += _check_topics(topic_docs)
    if fw_doc and fw:
        problems += _check(fw_doc, fw, topic_docs)

    # Earlier versions: the optional changes.yml and the released copies that `dmf release` writes.
    changes_path = directory / history.CHANGES_FILE
    changes_doc, changes = read_model(changes_path, Changes, problems) if changes_path.is_file() else (None, None)
    releases, release_files, releases_ok = _read_releases(directory / history.RELEASES_DIR, problems)
    readable = releases_ok and (changes is not None or not changes_path.is_file())
    if fw_doc and fw and readable and all(topic_docs.values()):
        current = [entry[1] for entry in topic_docs.values() if entry]
        problems += checks.check(fw_doc, fw, current, releases, release_files, changes_doc, changes)
    if problems:
        raise InputError(problems)
    assert fw is not None
    by_id = {t.id: t for _, t in topic_docs.values()}
    ordered = [by_id[tid] for theme in fw.themes for tid in theme.topics]
    return Model(framework=fw, topics=ordered, history=history.history_of(releases, changes))


def _read_releases(folder: Path, problems: list[Problem]) -> tuple[list[Release], dict[str, str], bool]:
    """Released copies, each named <version>.json; (copies, {version: file shown}, all readable)."""
    releases: list[Release] = []
    shown_as: dict[str, str] = {}
    ok = True
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        shown = shown_path(path)
        if path.suffix != ".json" or not path.is_file():
            problems.append(
                Problem(
                    shown, 1, None, "", "only released copies, named <version>.json, belong here", code="stray-file"
                )
            )
            ok = False
            continue
        try:
            data = json.loads(path.read_bytes())
            release = Release.model_validate(data)
        except json.JSONDecodeError as err:
            problems.append(
                Problem(
                    shown,
                    err.lineno,
                    err.colno,
                    "",
                    f"not valid JSON ({err.msg}): write it again with dmf release",
                    code="release-unreadable",
                )
            )
            ok = False
            continue
        except ValidationError:
            read_model(path, Release, problems)  # again through the YAML reader (JSON is YAML) to name the lines
            ok = False
            continue
        version = release.framework.version
        if path.stem != version or data.get("dmf_release") != history.RELEASE_FORMAT:
            doc, _ = read_yaml(path, shown)
            if doc is None:
                problems.append(Problem(shown, 1, None, "framework.version", "cannot be read", code="unreadable"))
            elif path.stem != version:
                problems.append(
                    doc.problem(
                        ("framework", "version"),
                        f"{version} does not match the file name {path.name}",
                        code="name-mismatch",
                    )
                )
            else:
                problems.append(
                    doc.problem(
                        ("dmf_release",),
                        f"format {data.get('dmf_release')!r} is not one this dmf reads ({history.RELEASE_FORMAT})",
                        code="release-format",
                    )
                )
            ok = False
            continue
        releases.append(release)
        shown_as[version] = shown
    return releases, shown_as, ok


def shown_path(path: Path) -> str:
    """Paths in messages are relative to where the user ran the command, when that is shorter."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def read_model(path: Path, model: type[M], problems: list[Problem]) -> tuple[Document | None, M | None]:
    doc, found = read_yaml(path, shown_path(path))
    problems += found
    if doc is None:
        return None, None
    try:
        return doc, model.model_validate(doc.data)
    except ValidationError as err:
        problems += [_from_pydantic(doc, e) for e in err.errors()]
        return doc, None


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (is it misspelt?)",
    "string_too_short": "must not be empty",
}


# Codes for what the model refuses, by pydantic's error type; any other type is "invalid-value".
_CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "string_too_short": "empty-text",
    "too_short": "too-few-items",
    "too_long": "too-many-items",
    "int_parsing": "not-a-number",
    "value_error": "not-in-dialect",  # the prose dialect's check is the model's one value error
    "literal_error": "not-a-choice",
    "date_from_datetime_parsing": "not-a-date",
    "date_parsing": "not-a-date",
}


def _from_pydantic(doc: Document, error: dict) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    is_key = kind == "extra_forbidden" or "[key]" in loc
    loc = tuple(p for p in loc if p != "[key]")
    message = _MESSAGES.get(kind, error["msg"].removeprefix("Value error, "))
    code = _CODES.get(kind, "invalid-value")
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == ID_PATTERN:
        message = f"'{error['input']}' is not a valid id: use lowercase ASCII letters, digits and single hyphens"
        code = "bad-id"
    elif kind == "too_short" and isinstance(error.get("input"), list | dict):
        message = f"needs at least {error['ctx']['min_length']} item(s)"
    elif kind == "string_pattern_mismatch" and loc[-1] == "version":
        message = f"'{error['input']}' is not a semantic version such as 1.2.0"
        code = "bad-version"
    elif kind == "string_pattern_mismatch" and loc[-1] == "url":
        message = f"'{error['input']}' is not an https address such as https://www.example.org/"
        code = "bad-url"
    elif kind == "int_parsing" and is_key:
        message = f"'{loc[-1]}' is not a level number"
        code = "not-a-level-number"
    elif kind == "string_pattern_mismatch":
        code = "bad-format"
    return doc.problem(loc, message, key=is_key, code=code)


def _check_topics(topic_docs: dict[str, tuple[Document, Topic] | None]) -> list[Problem]:
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


def _check(fw_doc: Document, fw: Framework, topic_docs: dict[str, tuple[Document, Topic] | None]) -> list[Problem]:
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
