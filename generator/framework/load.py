"""Load a framework directory into the typed model, collecting every problem before failing."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.framework import checks as framework_checks
from generator.framework.checks import FRAMEWORK_FILE, TOPICS_DIR
from generator.framework.model import ID_PATTERN, Changes, Framework, Model, Release, Topic
from generator.framework.prose import CONTROL_MESSAGE
from generator.versions import checks
from generator.versions import releases as history
from generator.yamlio.problems import InputError, Problem
from generator.yamlio.read import Document, read_yaml

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger("dmf")


# What the live preview reports without refusing: work in progress on a released version. `dmf build`,
# `dmf validate` and CI still refuse it, so nothing is published under a version that changed.
PREVIEW_ONLY_WARNS = frozenset({"released-version-changed"})


def load_framework(directory: str | Path, *, preview: bool = False) -> Model:
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

    problems += framework_checks.check_topics(topic_docs)
    if fw_doc and fw:
        problems += framework_checks.check(fw_doc, fw, topic_docs)

    # Earlier versions: the optional changes.yml and the released copies that `dmf release` writes.
    changes_path = directory / history.CHANGES_FILE
    changes_doc, changes = read_model(changes_path, Changes, problems) if changes_path.is_file() else (None, None)
    releases, release_files, releases_ok = _read_releases(directory / history.RELEASES_DIR, problems)
    readable = releases_ok and (changes is not None or not changes_path.is_file())
    if fw_doc and fw and readable and all(topic_docs.values()):
        current = [entry[1] for entry in topic_docs.values() if entry]
        found = checks.check(fw_doc, fw, current, releases, release_files, changes_doc, changes)
        if preview:
            for p in (p for p in found if p.code in PREVIEW_ONLY_WARNS):
                log.warning("%s (the preview shows your changes; dmf build and CI will refuse them)", p.report())
            found = [p for p in found if p.code not in PREVIEW_ONLY_WARNS]
        problems += found
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
        problems += [from_pydantic(doc, e) for e in err.errors()]
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


def from_pydantic(doc: Document, error: dict) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    is_key = kind == "extra_forbidden" or "[key]" in loc
    loc = tuple(p for p in loc if p != "[key]")
    message = _MESSAGES.get(kind, error["msg"].removeprefix("Value error, "))
    code = _CODES.get(kind, "invalid-value")
    if kind == "value_error" and message.startswith(CONTROL_MESSAGE):
        code = "control-character"
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
