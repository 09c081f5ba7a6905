"""One benchmark submission file, as the self-assessment saves it: read with line numbers and checked.

The format's one home. The browser learns the format's name and version, the fields and the declared
groups from submission.json (generator.site.submission_data); nothing in it is restated in JavaScript.
A file holds only what is listed in FIELDS: any other field is refused, because it may identify someone.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from json.scanner import make_scanner
from pathlib import Path

from generator.framework.answers import NOT_LEVELS, Answer, is_level
from generator.framework.load import shown_path
from generator.framework.model import SEMVER_PATTERN, Model
from generator.results.groups import GROUP_KINDS, GROUPS_FILE, Groups
from generator.results.rows import MAX_LISTED, quote
from generator.versions.ids import id_mapping
from generator.yamlio.problems import Problem

FORMAT = "dmf-benchmark-submission"
FORMAT_VERSION = 1
FIELDS = ("format", "formatVersion", "submission", "framework", "round", *(k.kind for k in GROUP_KINDS), "answers")
FRAMEWORK_FIELDS = ("id", "version")
# A file that answers every question of a 1,000-question framework is about 50 KB; anything far bigger is not one.
MAX_BYTES = 1024 * 1024
# The id the browser makes with crypto.getRandomValues: a version 4 UUID, in lowercase.
SUBMISSION_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_SEMVER = re.compile(SEMVER_PATTERN)


@dataclass(frozen=True)
class Submission:
    """A checked submission: who it replaces (its id), where it belongs, and its answers."""

    file: str
    submission: str
    framework_version: str
    round: str
    groups: dict[str, str]  # GroupKind.kind -> declared id
    answers: dict[str, Answer]  # question id of framework_version -> level, 'na' or 'unknown'


# --- JSON with the line of every key --------------------------------------------------------------


class _Duplicate(ValueError):
    def __init__(self, key: str, pos: int):
        super().__init__(key)
        self.key, self.pos = key, pos


_WS = re.compile(r"[ \t\n\r]*")
_SCAN = make_scanner(json.JSONDecoder())


def _value(s: str, i: int, path: tuple[str, ...], where: dict[tuple[str, ...], int]):
    """Parse the JSON value at s[i:], noting where each object key starts; returns (value, end)."""
    i = _WS.match(s, i).end()
    if not s.startswith("{", i):
        try:
            return _SCAN(s, i)
        except StopIteration as err:
            raise json.JSONDecodeError("Expecting value", s, err.value) from None
    obj: dict = {}
    i = _WS.match(s, i + 1).end()
    if s.startswith("}", i):
        return obj, i + 1
    while True:
        if not s.startswith('"', i):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", s, i)
        key, end = json.decoder.scanstring(s, i + 1)
        if key in obj:
            raise _Duplicate(key, i)
        where[(*path, key)] = i
        end = _WS.match(s, end).end()
        if not s.startswith(":", end):
            raise json.JSONDecodeError("Expecting ':' delimiter", s, end)
        obj[key], i = _value(s, end + 1, (*path, key), where)
        i = _WS.match(s, i).end()
        if s.startswith("}", i):
            return obj, i + 1
        if not s.startswith(",", i):
            raise json.JSONDecodeError("Expecting ',' delimiter", s, i)
        i = _WS.match(s, i + 1).end()


def parse_positioned(text: str) -> tuple[object, dict[tuple[str, ...], int]]:
    """JSON text -> (value, {key path: line}); raises json.JSONDecodeError (with its line) or ValueError."""
    where: dict[tuple[str, ...], int] = {}
    value, end = _value(text, 0, (), where)
    end = _WS.match(text, end).end()
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    starts = [m.end() for m in re.finditer("\n", text)]
    return value, {k: bisect.bisect_right(starts, pos) + 1 for k, pos in where.items()}


# --- the checks ---------------------------------------------------------------------------------


class _File:
    """Problems of one file, each with the line of the field it names (line 1 when the field is absent)."""

    def __init__(self, shown: str, lines: dict[tuple[str, ...], int]):
        self.shown, self.lines, self.problems = shown, lines, []

    def add(self, path: tuple[str, ...], message: str, code: str) -> None:
        line = next((self.lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in self.lines), 1)
        fld = ".".join(quote(part, bare=True) for part in path)  # keys are the file's text: control characters shown
        self.problems.append(Problem(self.shown, line, None, fld, message, code=code))


class _Repeated(ValueError):
    pass


def _pairs(items: list[tuple[str, object]]) -> dict:
    out = dict(items)
    if len(out) != len(items):
        raise _Repeated
    return out


class Reader:
    """Reads submission files against one framework and groups.yml, knowing each version's questions once."""

    def __init__(self, model: Model, groups: Groups, round_id: str | None = None):
        self.model, self.groups, self.round_id = model, groups, round_id
        self.questions: dict[str, dict[str, str]] = {}

    def known(self, version: str) -> dict[str, str]:
        """The question ids of a version, each mapped to itself, so that every row shares one string per id."""
        if version not in self.questions:
            self.questions[version] = {q: q for q in _questions(self.model, version)}
        return self.questions[version]

    def read(self, path: Path) -> tuple[Submission | None, list[Problem]]:
        """Read and check one file: (Submission, []) or (None, every problem found in it)."""
        shown = shown_path(path)
        text, problem = _text(path, shown)
        if problem:
            return None, [problem]
        # The fast way first; a file with problems is read again with the line of every key, to report them.
        try:
            doc = json.loads(text, object_pairs_hook=_pairs)
        except (ValueError, RecursionError):
            doc = None
        if isinstance(doc, dict):
            f = _File(shown, {})
            submission = _check(f, doc, self)
            if submission and not f.problems:
                return submission, []
        return None, self._problems(shown, text)

    def _problems(self, shown: str, text: str) -> list[Problem]:
        try:
            doc, lines = parse_positioned(text)
        except json.JSONDecodeError as err:
            message = f"cannot be read as JSON: {err.msg} (column {err.colno})"
            return [Problem(shown, err.lineno, None, "", message, code="json-syntax")]
        except _Duplicate as err:
            line = text.count("\n", 0, err.pos) + 1
            return [Problem(shown, line, None, err.key, "the field appears twice in one object", code="duplicate-key")]
        except (ValueError, RecursionError) as err:  # a number too long to convert, or nesting too deep
            return [Problem(shown, 1, None, "", f"cannot be read as JSON: {str(err)[:80]}", code="json-syntax")]
        f = _File(shown, lines)
        if not isinstance(doc, dict):
            f.add((), "the file must hold one JSON object, as the self-assessment saves it", "not-a-mapping")
        else:
            _check(f, doc, self)
        return f.problems


def _text(path: Path, shown: str) -> tuple[str, Problem | None]:
    if path.is_dir():
        return "", Problem(shown, 1, None, "", "is a folder, not a submission file", code="is-a-folder")
    try:
        size = path.stat().st_size
        raw = b"" if size > MAX_BYTES else path.read_bytes()
    except OSError as err:
        return "", Problem(shown, 1, None, "", f"cannot be read: {err.strerror}", code="file-not-found")
    if size > MAX_BYTES:
        message = f"the file is {size:,} bytes: a submission is never more than {MAX_BYTES:,} bytes"
        return "", Problem(shown, 1, None, "", message, code="too-many-items")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError:
        return "", Problem(shown, 1, None, "", "not UTF-8 text: this is not a submission file", code="not-utf8")


def read_submission(path: Path, model: Model, groups: Groups, round_id: str | None = None):
    """Read and check one file: (Submission, []) or (None, every problem found in it)."""
    return Reader(model, groups, round_id).read(path)


def _check(f: _File, doc: dict, reader: Reader) -> Submission | None:
    model, groups, round_id = reader.model, reader.groups, reader.round_id
    for key in doc:
        if key not in FIELDS:
            message = "unknown field: refused, because it may identify someone (fields: " + ", ".join(FIELDS) + ")"
            f.add((key,), message, "unknown-field")
    for key in FIELDS:
        if key not in doc:
            f.add((key,), "required field is missing", "missing-field")
    if "format" in doc and doc["format"] != FORMAT:
        f.add(("format",), f"must be {FORMAT!r}: this is not a benchmark submission file", "invalid-value")
    if "formatVersion" in doc and (not is_level(doc["formatVersion"]) or doc["formatVersion"] != FORMAT_VERSION):
        f.add(("formatVersion",), f"must be {FORMAT_VERSION}, the format version this dmf reads", "invalid-value")
    sid = doc.get("submission")
    if "submission" in doc and not (isinstance(sid, str) and SUBMISSION_ID.match(sid)):
        f.add(("submission",), "must be the random submission id the self-assessment made", "bad-format")
    version = _framework(f, doc.get("framework"), model) if "framework" in doc else None
    chosen = {}
    declared = {"round": groups.rounds, **{k.kind: groups.values(k) for k in GROUP_KINDS}}
    for key, values in declared.items():
        value = doc.get(key)
        ids = [v.id for v in values]
        if key in doc and value not in ids:
            shown = quote(value) if isinstance(value, str) else "this value"
            f.add((key,), f"{shown} is not {_a(key)} {key} declared in {GROUPS_FILE} ({', '.join(ids)})", _code(key))
        elif key == "round" and round_id is not None and value != round_id:
            f.add((key,), f"{quote(value)} is not round {quote(round_id)}, the round being added", "undeclared-round")
        chosen[key] = value
    answers = _answers(f, doc.get("answers"), reader, version) if "answers" in doc else None
    if f.problems or version is None or answers is None:
        return None
    kinds = {k.kind: chosen[k.kind] for k in GROUP_KINDS}
    return Submission(f.shown, sid, version, chosen["round"], kinds, answers)


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _code(key: str) -> str:
    return "undeclared-round" if key == "round" else "undeclared-group"


def _framework(f: _File, fw: object, model: Model) -> str | None:
    """The version the answers were given against, when the file is for this framework and that version maps."""
    here = model.framework
    if not isinstance(fw, dict):
        f.add(("framework",), "must say which framework and version the answers belong to: {id, version}", "bad-format")
        return None
    for key in fw:
        if key not in FRAMEWORK_FIELDS:
            f.add(("framework", key), "unknown field: refused, because it may identify someone", "unknown-field")
    fid, version = fw.get("id"), fw.get("version")
    if fid != here.id:
        shown = quote(fid) if isinstance(fid, str) else "missing"
        f.add(("framework", "id"), f"{shown}: the file is for another framework, not {quote(here.id)}", "invalid-value")
    if not (isinstance(version, str) and _SEMVER.match(version)):
        f.add(("framework", "version"), "must be a semantic version such as 1.2.0", "bad-version")
        return None
    if id_mapping(model, version) is None:
        message = f"{quote(version)}: no id mapping from this version to {here.version} is declared, so it is refused"
        f.add(("framework", "version"), message, "no-id-mapping")
        return None
    return version if fid == here.id else None


def _questions(model: Model, version: str) -> frozenset[str]:
    """The question ids of the version the answers were given against."""
    if version == model.framework.version:
        return frozenset(q.id for _, q in model.questions())
    release = next(r for r in model.history.releases if r.framework.version == version)
    return frozenset(q.id for t in release.topics for q in t.questions)


def _answers(f: _File, answers: object, reader: Reader, version: str | None) -> dict[str, Answer] | None:
    if not isinstance(answers, dict) or not answers:
        f.add(("answers",), "must list at least one question id with its answer", "bad-format")
        return None
    model = reader.model
    known = reader.known(version) if version else None
    numbers = model.level_numbers
    found = 0
    of = "this framework" if version == model.framework.version else f"framework version {version}"
    for qid, value in answers.items():
        if found >= MAX_LISTED:
            f.add(("answers",), f"and more problems in the answers, of {len(answers):,} in all", "invalid-value")
            break
        if known is not None and qid not in known:
            f.add(("answers", qid), f"{quote(qid)} is not a question of {of}", "unknown-question")
            found += 1
        elif not ((is_level(value) and value in numbers) or value in NOT_LEVELS):
            shown = quote(str(value)[:40], bare=True) if isinstance(value, (str, int, float)) else "this value"
            f.add(
                ("answers", qid),
                f"{shown} is not a level of this framework (use {numbers[0]} to {numbers[-1]}, "
                f"{NOT_LEVELS[0]!r} for not applicable or {NOT_LEVELS[1]!r} for not sure)",
                "level-out-of-range",
            )
            found += 1
    return None if found or known is None else {known[q]: a for q, a in answers.items()}
