"""Checks of each results file's rows against the framework and groups.yml, vectorised over distinct values."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from generator.framework.answers import NOT_APPLICABLE, NOT_SURE
from generator.framework.model import SEMVER_PATTERN, Model
from generator.results.groups import GROUP_KINDS, GROUPS_FILE, Groups
from generator.results.rows import COLUMNS, REASON_INDEX, ParsedFile, article, code_of, quote, reject, undeclared
from generator.versions import ids
from generator.yamlio.problems import Problem

PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{5,63}$")
_SEMVER = re.compile(SEMVER_PATTERN)


class Checker:
    """Checks rows against the framework and groups.yml, first file by file, then across files."""

    def __init__(self, model: Model, groups: Groups | None, problems: list[Problem]):
        self.model = model
        self.groups = groups
        self.problems = problems
        self.questions = [q.id for _, q in model.questions()]
        self.question_ids = frozenset(self.questions)
        self.numbers = model.level_numbers
        self.versions: dict[str, dict[str, tuple[str, ...]] | None] = {}

    # -- one file --------------------------------------------------------------------------------------

    def check_file(self, f: ParsedFile) -> None:
        if not f.n:
            return
        alive = f.reason == 0
        cols = f.columns
        empty = np.ones(f.n, bool)
        for c in COLUMNS:
            empty &= cols[c].codes == code_of(cols[c], "")
        reject(self.problems, f, empty & alive, "empty", "", lambda i: "the row is empty: delete it")
        alive = f.reason == 0

        for c in COLUMNS:
            self._values(
                f, c, alive, lambda v: ("with a missing value", "required value is missing") if v == "" else None
            )
        self._values(f, "respondent", alive, _pseudonym_problem)
        g = self.groups
        declared = {
            "round": [v.id for v in g.rounds] if g else None,
            **{k.kind: [v.id for v in g.values(k)] if g else None for k in GROUP_KINDS},
        }
        for c, allowed in declared.items():
            if allowed is not None:
                self._values(f, c, alive, _declared_problem(c, allowed))
        self._values(f, "framework_version", alive, _version_problem)
        self._values(f, "level", alive, self._level_problem)
        self._questions(f, alive)

    def _values(self, f: ParsedFile, column: str, alive: np.ndarray, verdict: Callable[[str], tuple[str, str] | None]):
        """Check each distinct value once, then reject and report the rows holding a bad one."""
        cat = f.columns[column]
        verdicts = [verdict(v) for v in cat.categories]
        by_reason: dict[str, list[int]] = {}
        for code, v in enumerate(verdicts):
            if v is not None:
                by_reason.setdefault(v[0], []).append(code)
        for reason, codes in by_reason.items():
            mask = np.isin(cat.codes, codes) & alive
            reject(self.problems, f, mask, reason, column, lambda i, c=cat: verdicts[c.codes[i]][1])

    def _level_problem(self, value: str) -> tuple[str, str] | None:
        if value in ("", NOT_APPLICABLE, NOT_SURE) or level_number(value) in self.numbers:
            return None
        return (
            "with a level that is not a level of the framework",
            f"{quote(value, bare=True)} is not a level of this framework (use {self.numbers[0]} to {self.numbers[-1]}, "
            f"{NOT_APPLICABLE} for not applicable or {NOT_SURE} for not sure)",
        )

    def mapping(self, version: str) -> dict[str, tuple[str, ...]] | None:
        if version not in self.versions:
            self.versions[version] = ids.id_mapping(self.model, version)
        return self.versions[version]

    def _questions(self, f: ParsedFile, alive: np.ndarray) -> None:
        """Questions depend on the version they were answered against, so check (version, question) pairs."""
        ver, q = f.columns["framework_version"], f.columns["question"]
        pair = ver.codes.astype(np.int64) * max(1, len(q.categories)) + q.codes
        pairs, inverse = np.unique(pair, return_inverse=True)
        current = self.model.framework.version
        unmapped: set[str] = set()
        bad_question: dict[int, str] = {}
        for k, p in enumerate(pairs):
            version = ver.categories[p // max(1, len(q.categories))]
            qid = q.categories[p % max(1, len(q.categories))]
            if version == "" or qid == "" or not _SEMVER.match(version):
                continue  # reported as missing or not a version
            mapping = self.mapping(version)
            if mapping is None:
                unmapped.add(version)
            elif qid not in mapping or (mapping[qid] and not self.question_ids.intersection(mapping[qid])):
                # The mapping also holds topic ids; a topic id is not a question.
                of = "this framework" if version == current else f"framework version {version}"
                bad_question[k] = f"{quote(qid)} is not a question of {of}"
        for version in sorted(unmapped):
            mask = (ver.codes == code_of(ver, version)) & alive
            idx = np.flatnonzero(mask)
            if not len(idx):
                continue
            fresh = idx[f.reason[idx] == 0]
            f.reason[fresh] = REASON_INDEX["answered against a framework version with no id mapping"]
            self.problems.append(
                Problem(
                    f.shown,
                    int(f.line[idx[0]]),
                    None,
                    "framework_version",
                    f"{version}: no id mapping from this version to {current} is declared, so "
                    + (
                        "its row is refused"
                        if len(idx) == 1
                        else f"its {len(idx):,} rows (lines {int(f.line[idx[0]]):,} to {int(f.line[idx[-1]]):,}) "
                        "are refused"
                    ),
                    code="no-id-mapping",
                )
            )
        if bad_question:
            keys = np.fromiter(bad_question, dtype=np.int64)
            mask = np.isin(inverse, keys) & alive
            reject(
                self.problems,
                f,
                mask,
                "with an unknown question",
                "question",
                lambda i: bad_question[int(inverse[i])],
            )

    # -- across files ----------------------------------------------------------------------------------


def _pseudonym_problem(value: str) -> tuple[str, str] | None:
    if value == "" or PSEUDONYM.match(value):
        return None
    return (
        "with a respondent that is not a pseudonym",
        f"{quote(value)} is not a pseudonym: use a random code of 6 to 64 letters, digits, hyphens or underscores, "
        "never a name or an email address",
    )


def level_number(value: str) -> int | None:
    """The level a results value names, or None: ASCII digits only (not '²'), and never a huge number."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 3 else None


def _declared_problem(column: str, ids: list[str]) -> Callable[[str], tuple[str, str] | None]:
    def verdict(value: str) -> tuple[str, str] | None:
        if value == "" or value in ids:
            return None
        message = f"{quote(value)} is not {article(column)} {column} declared in {GROUPS_FILE} ({', '.join(ids)})"
        return undeclared(column), message

    return verdict


def _version_problem(value: str) -> tuple[str, str] | None:
    if value == "" or _SEMVER.match(value):
        return None
    return (
        "with a framework_version that is not a version",
        f"{quote(value)} is not a semantic version such as 1.2.0",
    )
