"""Problems found in input files, reported all at once with file, line and field."""

from __future__ import annotations

from dataclasses import dataclass

# A message quotes what it found; a 50 MB value must not come back as a 50 MB message.
MAX_MESSAGE = 400
MAX_FIELD = 120


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 30]}... ({len(text):,} characters in all)"


# Every problem's code, with what it means: the file-format page lists these for maintainers to look up.
CODES = {
    "answered-twice": "A respondent answers the same question twice in one round.",
    "bad-format": "A value does not have the form the field needs.",
    "bad-header": "A results row sits in a file whose header row has problems, so it is not read.",
    "bad-id": "An id is not lowercase ASCII letters, digits and single hyphens.",
    "bad-url": "An address is not an https address.",
    "bad-version": "A version is not a semantic version such as 1.2.0.",
    "control-character": "Text holds a control character (other than a tab or a line break).",
    "crossing-missing": "A question has no crossing value although the framework declares a crossing.",
    "crossing-undeclared": "A question names a crossing value but the framework declares no crossing.",
    "duplicate-column": "A results column appears more than once.",
    "duplicate-id": "An id is used twice; ids are unique across the framework (and in groups.yml).",
    "duplicate-key": "A YAML mapping names the same key twice.",
    "duplicate-step": "A topic has two steps from the same level.",
    "empty-dimension": "An imported dimension has no questions.",
    "empty-file": "A file is empty or holds no data.",
    "empty-row": "A results row is empty.",
    "empty-text": "A text field is empty.",
    "file-not-found": "A file that is needed is not there.",
    "group-changes": "A respondent's peer group or framework version changes within a round.",
    "invalid-value": "A value is not one the field accepts.",
    "is-a-folder": "A file was expected but a folder was given.",
    "json-syntax": "A JSON file cannot be read as JSON.",
    "kind-changes": "An id change turns a topic into a question, or a question into a topic.",
    "level-missing": "A level has no descriptor or no answer.",
    "level-numbering": "Levels are not numbered in order from 0 or 1 without gaps.",
    "level-out-of-range": "A level is not one of the framework's levels.",
    "listed-twice": "The same entry is listed twice.",
    "missing-column": "A results file lacks a required column.",
    "missing-field": "A required field is missing.",
    "missing-value": "A results row lacks a required value.",
    "name-mismatch": "A file's name does not match the id or version inside it.",
    "no-id-mapping": "Results name a framework version for which no id mapping is declared.",
    "no-rows": "A results file has a header row but no answers.",
    "not-a-choice": "A value is not one of the allowed choices.",
    "not-a-date": "A date is not written as YYYY-MM-DD.",
    "not-a-level-number": "A key that should be a level number is not a number.",
    "not-a-mapping": "A file holds something other than a mapping of field: value.",
    "not-a-number": "A value that should be a whole number is not.",
    "not-a-pseudonym": "A respondent is not a random pseudonym (it may be a name or an email address).",
    "not-checked": "Results rows cannot be checked because groups.yml is missing or has problems.",
    "not-in-dialect": "Prose links to a scheme other than http, https or mailto, or shows an image.",
    "not-utf8": "A file is not UTF-8 text.",
    "nothing-to-map": "changes.yml maps ids into the earliest released version, which has no older ids.",
    "question-removed": "Results answer a question that was removed from the framework since.",
    "related-to-itself": "A topic lists itself as related.",
    "release-format": "A released copy has a format this dmf does not read.",
    "release-unreadable": "A released copy cannot be read.",
    "released-version-changed": "The framework changed since its version was released: raise the version.",
    "step-missing": "A topic has no guidance for a step from one level to the next.",
    "step-out-of-range": "A step starts at a level from which no step can start.",
    "stray-file": "A file that does not belong sits among the inputs.",
    "todo": "Text still says TODO (refused by dmf validate --strict).",
    "too-few-items": "A list has fewer items than the field needs.",
    "too-many-values": "A YAML file expands to more values than any framework needs (aliases nested on aliases).",
    "too-many-fields": "A results row has more fields than the header.",
    "too-many-items": "A list has more items than the field allows.",
    "topic-file-missing": "A theme lists a topic that has no file.",
    "topic-listed-twice": "A topic is listed in two themes, or twice in one.",
    "topic-not-listed": "A topic file is not listed in any theme.",
    "unclosed-quote": "A quoted value in a CSV file is never closed.",
    "undeclared-group": "A results row names a peer group that groups.yml does not declare.",
    "undeclared-id-change": "An id of the previous release is gone, and changes.yml does not say what it became.",
    "undeclared-round": "A results row names a round that groups.yml does not declare.",
    "unknown-column": "A results file has a column that is not part of the format (it may identify someone).",
    "unknown-crossing-value": "A question names a crossing value that the framework does not declare.",
    "unknown-crosswalk": "A maps_to key is not a crosswalk the framework declares.",
    "unknown-crosswalk-entry": "A maps_to entry is not declared by its crosswalk.",
    "unknown-field": "A field is not part of the format (is it misspelt?).",
    "unknown-new-id": "changes.yml maps an id to one that the new version does not have.",
    "unknown-old-id": "changes.yml names an id that the previous version did not have.",
    "unknown-question": "Results answer a question that the framework version does not have.",
    "unknown-topic": "A topic id does not name a topic.",
    "unknown-version": "A version is neither the framework's version nor a released copy.",
    "unreadable": "A file cannot be read.",
    "unsupported-form": "An imported file is in a form of its format that dmf cannot import.",
    "version-goes-down": "The framework's version is older than a released copy: versions only go up.",
    "yaml-syntax": "A YAML file cannot be read as YAML.",
}


def codes_table() -> str:
    """The codes as a Markdown table, for the file-format page."""
    rows = [f"| `{code}` | {meaning} |" for code, meaning in sorted(CODES.items())]
    return "\n".join(["| Code | What it means |", "| --- | --- |", *rows]) + "\n"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int | None
    field: str
    message: str
    code: str = ""  # a stable short name from CODES, which the file-format page lists

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", _cap(self.field, MAX_FIELD))
        object.__setattr__(self, "message", _cap(self.message, MAX_MESSAGE))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def report(self) -> str:
        """The line a command prints: the problem and, in brackets, its code to look up."""
        return f"{self} [{self.code}]" if self.code else str(self)


class InputError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self) -> str:
        """Every problem on its own line with its code, as commands print them."""
        return "\n".join(p.report() for p in self.problems)
