"""Results CSV files into one validated pandas DataFrame, with every problem and a reconciliation of rows.

Every check is vectorised: a column's distinct values are checked once (there are few of them) and the
verdicts are spread to the rows through the categorical codes, so a million rows cost about what
pandas' own read_csv costs. Every row read is either used or rejected with a reason.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import Field

from generator.framework.load import read_model, shown_path
from generator.framework.model import SEMVER_PATTERN, Id, Model, Strict, Text
from generator.versions import ids as changes
from generator.yamlio.problems import Problem

COLUMNS = ("respondent", "round", "org_type", "size_band", "framework_version", "question", "level")
GROUPS_FILE = "groups.yml"
NOT_APPLICABLE, NOT_SURE = "na", "unknown"
ANSWERS = ("level", NOT_APPLICABLE, NOT_SURE)  # categories of the `answer` column
PSEUDONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{5,63}$")
# Problems listed one by one for each file and field; the rest are counted in one more line.
MAX_LISTED = 20
_SEMVER = re.compile(SEMVER_PATTERN)
_SKIPPED = re.compile(r"Skipping line (\d+): expected \d+ fields, saw (\d+)")


class GroupValue(Strict):
    id: Id
    label: Text


class Groups(Strict):
    """results/groups.yml: the rounds and peer groups that results may use, in the order pages show them."""

    synthetic: bool = Field(
        default=False, description="True when the results are made up, as `dmf demo-results` makes them."
    )
    rounds: list[GroupValue] = Field(min_length=1, description="Assessment rounds, oldest first.")
    org_types: list[GroupValue] = Field(min_length=1, description="Kinds of organisation.")
    size_bands: list[GroupValue] = Field(min_length=1, description="Size bands, smallest first.")


@dataclass(frozen=True)
class FileCount:
    file: str
    read: int
    used: int


@dataclass(frozen=True)
class Reconciliation:
    """Rows read = rows used + rows rejected; each rejected row is counted once, under its first reason."""

    files: tuple[FileCount, ...]
    rejected: tuple[tuple[str, int], ...]

    @property
    def rows_read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def rows_used(self) -> int:
        return sum(f.used for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(n for _, n in self.rejected)

    def __str__(self) -> str:
        text = f"{_rows(self.rows_read)} read = {self.rows_used:,} used + {self.rows_rejected:,} rejected"
        if self.rejected:
            text += " (" + "; ".join(f"{n:,} {reason}" for reason, n in self.rejected) + ")"
        return text


@dataclass(frozen=True, eq=False)
class Results:
    """Validated answers: one row per used answer, with categorical columns in the declared orders.

    Columns: respondent, round, org_type, size_band, question, topic, crossing (when the framework has
    one), level (nullable Int8; missing for 'na' and 'unknown') and answer ('level', 'na' or 'unknown').
    """

    groups: Groups
    answers: pd.DataFrame
    reconciliation: Reconciliation

    @property
    def synthetic(self) -> bool:
        return self.groups.synthetic


@dataclass(frozen=True, eq=False)
class LoadedResults:
    """What load_results found: the results (None when there are none or when there are problems)."""

    results: Results | None
    problems: list[Problem]
    reconciliation: Reconciliation | None


# Why a row was rejected. Index 0 means "not rejected".
REASONS = (
    "",
    "not UTF-8 text",
    "in a file whose header row has problems",
    "with too many fields",
    "empty",
    "with a missing value",
    "with a respondent that is not a pseudonym",
    "with a round not declared in groups.yml",
    "with an org_type not declared in groups.yml",
    "with a size_band not declared in groups.yml",
    "with a framework_version that is not a version",
    "answered against a framework version with no id mapping",
    "with an unknown question",
    "with a level that is not a level of the framework",
    "answering a question twice",
    "of a respondent whose org_type, size_band or framework_version changes within a round",
    "not checked because groups.yml is missing or has problems",
    "answering a question removed from the framework since",
)
_REASON = {text: i for i, text in enumerate(REASONS)}


@dataclass(eq=False)
class _File:
    """One parsed CSV file: categorical columns, each row's line number and rejection reason."""

    shown: str
    columns: dict[str, pd.Categorical]
    line: np.ndarray
    reason: np.ndarray
    extra_read: int = 0  # rows pandas skipped (too many fields): read and rejected, not in `columns`
    extra_reasons: Counter = field(default_factory=Counter)

    @property
    def n(self) -> int:
        return len(self.line)


def load_results(directory: str | Path, model: Model) -> LoadedResults:
    """Read and check results/*.csv and results/groups.yml against the framework; never raises InputError."""
    directory = Path(directory)
    csvs = sorted(directory.glob("*.csv")) if directory.is_dir() else []
    groups_path = directory / GROUPS_FILE
    if not csvs and not groups_path.exists():
        return LoadedResults(None, [], None)
    problems: list[Problem] = _stray_files(directory)
    groups = _load_groups(groups_path, problems)
    if not csvs:
        return LoadedResults(None, problems, None)

    files = [_read_csv(path, problems) for path in csvs]
    checker = _Checker(model, groups, problems)
    for f in files:
        checker.check_file(f)
    answers = checker.combine(files)
    reconciliation = _reconcile(files)
    if problems or groups is None:
        return LoadedResults(None, problems, reconciliation)
    return LoadedResults(Results(groups, answers, reconciliation), [], reconciliation)


def _stray_files(directory: Path) -> list[Problem]:
    stray = [
        p
        for p in sorted(directory.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".csv", ".yml", ".md")
    ]
    return [
        Problem(shown_path(p), 1, None, "", "not read: results must be CSV files whose names end in .csv")
        for p in stray
    ]


def _load_groups(path: Path, problems: list[Problem]) -> Groups | None:
    if not path.is_file():
        problems.append(
            Problem(
                shown_path(path), 1, None, "", "file not found: results need groups.yml to declare rounds and groups"
            )
        )
        return None
    found: list[Problem] = []
    doc, groups = read_model(path, Groups, found)
    if doc is not None and groups is not None:
        for key in ("rounds", "org_types", "size_bands"):
            seen: set[str] = set()
            for i, value in enumerate(getattr(groups, key)):
                if value.id in seen:
                    found.append(doc.problem((key, i, "id"), f"duplicate id '{value.id}'; each value is declared once"))
                seen.add(value.id)
    problems += found
    return groups if not found else None


def _read_csv(path: Path, problems: list[Problem]) -> _File:
    """Parse one file into categorical columns; header and encoding problems reject every row."""
    shown = shown_path(path)
    raw = path.read_bytes()
    empty = _File(shown, {c: pd.Categorical([]) for c in COLUMNS}, np.zeros(0, np.int64), np.zeros(0, np.int16))
    if not raw.strip():
        problems.append(Problem(shown, 1, None, "", "file is empty: it needs a header row and one row per answer"))
        return empty
    whole_file_reason = 0
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(shown, 1, None, "", "the file is UTF-16 text: save it as CSV UTF-8"))
        raw = raw.decode("utf-16", errors="replace").encode("utf-8")
        whole_file_reason = _REASON["not UTF-8 text"]
    try:
        raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte order mark is harmless; spreadsheets write one

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pd.read_csv(
            io.BytesIO(raw),
            # The header is read as a row: with header=0 pandas quietly turns the first column into an
            # index when the first row has one field too many, shifting every value one column left.
            header=None,
            # Text, never inferred: '01' and '1' are different values, and a category dtype would make both 1.
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,  # a blank line is a row, so row numbers stay line numbers
            on_bad_lines="warn",
            encoding="utf-8",
            encoding_errors="strict" if utf8 else "replace",
            low_memory=False,
        )
    skipped = [
        (int(m.group(1)), int(m.group(2))) for w in caught for m in _SKIPPED.finditer(str(w.message))
    ]  # (record number counting the header as 1, fields seen)
    header = [str(v) for v in frame.iloc[0]] if len(frame) else []
    frame = frame.iloc[1:]
    header_problems = _header_problems(shown, header)
    problems += header_problems
    if header_problems and not whole_file_reason:
        whole_file_reason = _REASON["in a file whose header row has problems"]

    # A missing column was reported above; empty values keep the arrays aligned.
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    columns = {
        c: _categorical(frame[position[c]].to_numpy() if c in position else np.full(len(frame), "")) for c in COLUMNS
    }
    line = _line_numbers(columns, len(frame), [r for r, _ in skipped], b'"' in raw)
    out = _File(shown, columns, line, np.zeros(len(frame), np.int16), extra_read=len(skipped))
    if whole_file_reason:
        out.reason[:] = whole_file_reason
        if skipped:
            out.extra_reasons[REASONS[whole_file_reason]] += len(skipped)
        return out

    skipped_lines = _record_lines(line, len(frame), [r for r, _ in skipped])
    _report(
        problems,
        shown,
        "",
        skipped_lines,
        lambda i: f"the row has {skipped[i][1]} fields; expected {len(COLUMNS)}",
    )
    if skipped:
        out.extra_reasons["with too many fields"] += len(skipped)
    if not utf8:
        bad = np.zeros(out.n, bool)
        for c in COLUMNS:
            cats = columns[c].categories
            bad_codes = np.flatnonzero(cats.str.contains("\ufffd", regex=False)) if len(cats) else []
            bad |= np.isin(columns[c].codes, bad_codes)
        _flag(problems, out, bad, "not UTF-8 text", "", lambda i: "not UTF-8 text: save the file as CSV UTF-8")
    if len(frame) == 0 and not skipped:
        problems.append(Problem(shown, 1, None, "", "the file has a header row but no answers"))
    return out


def _categorical(values: np.ndarray) -> pd.Categorical:
    codes, uniques = pd.factorize(values)
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object))


def _header_problems(shown: str, header: list[str]) -> list[Problem]:
    out = []
    expected = ", ".join(COLUMNS)
    if "\ufffd" in "".join(header):
        return [Problem(shown, 1, None, "", "not UTF-8 text: save the file as CSV UTF-8")]
    for name, n in Counter(header).items():
        if n > 1:
            out.append(Problem(shown, 1, None, name, "the column appears more than once"))
    for name in header:
        if name not in COLUMNS:
            out.append(
                Problem(
                    shown,
                    1,
                    None,
                    name,
                    f"unknown column: refused, because an extra column may identify someone (columns: {expected})",
                )
            )
    for name in COLUMNS:
        if name not in header:
            out.append(Problem(shown, 1, None, name, "required column is missing"))
    return out


def _line_numbers(columns: dict[str, pd.Categorical], n: int, skipped: list[int], quoted: bool) -> np.ndarray:
    """The line each parsed row starts on, allowing for rows pandas skipped and newlines inside quotes."""
    total = n + len(skipped)
    records = np.arange(2, total + 2)
    kept = np.setdiff1d(records, np.asarray(skipped, dtype=np.int64)) if skipped else records
    if not quoted:
        return kept.astype(np.int64)
    newlines = np.zeros(total + 2, np.int64)
    for c in COLUMNS:
        cats = columns[c].categories
        if len(cats):
            per_cat = cats.str.count("\n").to_numpy(dtype=np.int64)
            newlines[kept] += per_cat[columns[c].codes]
    before = np.cumsum(newlines) - newlines  # newlines in the records before each record
    return (kept + before[kept]).astype(np.int64)


def _record_lines(line: np.ndarray, n: int, skipped: list[int]) -> np.ndarray:
    """Line numbers for skipped records: their record number, shifted like the parsed row before them."""
    if not skipped:
        return np.zeros(0, np.int64)
    rec = np.asarray(skipped, dtype=np.int64)
    records = np.setdiff1d(np.arange(2, n + len(skipped) + 2), rec)
    shift = line - records  # newlines inside quotes before each parsed row
    pos = np.searchsorted(records, rec) - 1
    return rec + np.where(pos >= 0, shift[np.clip(pos, 0, None)] if len(shift) else 0, 0)


def _report(problems: list[Problem], shown: str, fld: str, lines: np.ndarray, message: Callable[[int], str]) -> None:
    """List the first MAX_LISTED rows with one problem, then count the rest in one more line."""
    for i in range(min(len(lines), MAX_LISTED)):
        problems.append(Problem(shown, int(lines[i]), None, fld, message(i)))
    if len(lines) > MAX_LISTED:
        more = len(lines) - MAX_LISTED
        problems.append(
            Problem(
                shown,
                int(lines[MAX_LISTED]),
                None,
                fld,
                f"and {_rows(more)} more with problems in this column, up to line {int(lines[-1]):,}",
            )
        )


def _flag(
    problems: list[Problem], f: _File, mask: np.ndarray, reason: str, fld: str, message: Callable[[int], str]
) -> None:
    """Reject the rows in mask (keeping any earlier reason) and report each with its line."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return
    fresh = idx[f.reason[idx] == 0]
    f.reason[fresh] = _REASON[reason]
    _report(problems, f.shown, fld, f.line[idx], lambda k: message(int(idx[k])))


class _Checker:
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

    def check_file(self, f: _File) -> None:
        if not f.n:
            return
        alive = f.reason == 0
        cols = f.columns
        empty = np.ones(f.n, bool)
        for c in COLUMNS:
            empty &= cols[c].codes == _code_of(cols[c], "")
        _flag(self.problems, f, empty & alive, "empty", "", lambda i: "the row is empty: delete it")
        alive = f.reason == 0

        for c in COLUMNS:
            self._values(
                f, c, alive, lambda v: ("with a missing value", "required value is missing") if v == "" else None
            )
        self._values(f, "respondent", alive, _pseudonym_problem)
        g = self.groups
        declared = {
            "round": [v.id for v in g.rounds] if g else None,
            "org_type": [v.id for v in g.org_types] if g else None,
            "size_band": [v.id for v in g.size_bands] if g else None,
        }
        for c, ids in declared.items():
            if ids is not None:
                self._values(f, c, alive, _declared_problem(c, ids))
        self._values(f, "framework_version", alive, _version_problem)
        self._values(f, "level", alive, self._level_problem)
        self._questions(f, alive)

    def _values(self, f: _File, column: str, alive: np.ndarray, verdict: Callable[[str], tuple[str, str] | None]):
        """Check each distinct value once, then reject and report the rows holding a bad one."""
        cat = f.columns[column]
        verdicts = [verdict(v) for v in cat.categories]
        by_reason: dict[str, list[int]] = {}
        for code, v in enumerate(verdicts):
            if v is not None:
                by_reason.setdefault(v[0], []).append(code)
        for reason, codes in by_reason.items():
            mask = np.isin(cat.codes, codes) & alive
            _flag(self.problems, f, mask, reason, column, lambda i, c=cat: verdicts[c.codes[i]][1])

    def _level_problem(self, value: str) -> tuple[str, str] | None:
        if value in ("", NOT_APPLICABLE, NOT_SURE) or (value.isdigit() and int(value) in self.numbers):
            return None
        return (
            "with a level that is not a level of the framework",
            f"{_quote(value, bare=True)} is not a level of this framework (use {self.numbers[0]} to {self.numbers[-1]}, "
            f"{NOT_APPLICABLE} for not applicable or {NOT_SURE} for not sure)",
        )

    def mapping(self, version: str) -> dict[str, tuple[str, ...]] | None:
        if version not in self.versions:
            self.versions[version] = changes.id_mapping(self.model, version)
        return self.versions[version]

    def _questions(self, f: _File, alive: np.ndarray) -> None:
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
                bad_question[k] = f"{_quote(qid)} is not a question of {of}"
        for version in sorted(unmapped):
            mask = (ver.codes == _code_of(ver, version)) & alive
            idx = np.flatnonzero(mask)
            if not len(idx):
                continue
            fresh = idx[f.reason[idx] == 0]
            f.reason[fresh] = _REASON["answered against a framework version with no id mapping"]
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
                )
            )
        if bad_question:
            keys = np.fromiter(bad_question, dtype=np.int64)
            mask = np.isin(inverse, keys) & alive
            _flag(
                self.problems,
                f,
                mask,
                "with an unknown question",
                "question",
                lambda i: bad_question[int(inverse[i])],
            )

    # -- across files ----------------------------------------------------------------------------------

    def combine(self, files: list[_File]) -> pd.DataFrame:
        """Check answers across all files (duplicates, changes within a round) and return the used rows."""
        files = [f for f in files if f.n]
        if not files or self.groups is None:
            for f in files:
                f.reason[f.reason == 0] = _REASON["not checked because groups.yml is missing or has problems"]
            return pd.DataFrame()
        g = self.groups
        live = [f.reason == 0 for f in files]

        def codes(column: str, categories: list[str]) -> np.ndarray:
            index = pd.Index(categories)
            parts = []
            for f, ok in zip(files, live, strict=True):
                cat = f.columns[column]
                mapped = index.get_indexer(cat.categories)
                parts.append(np.where(ok, mapped[cat.codes] if len(mapped) else -1, -1))
            return np.concatenate(parts).astype(np.int64)

        respondents = pd.Index(
            np.unique(np.concatenate([np.asarray(f.columns["respondent"].categories, dtype=object) for f in files]))
        )
        versions = sorted({v for f in files for v in f.columns["framework_version"].categories})
        resp = codes("respondent", list(respondents))
        rnd = codes("round", [v.id for v in g.rounds])
        org = codes("org_type", [v.id for v in g.org_types])
        size = codes("size_band", [v.id for v in g.size_bands])
        ver = codes("framework_version", versions)
        # Source questions: (version, id) pairs, so the same id in two versions are two questions.
        qcats = sorted({q for f in files for q in f.columns["question"].categories})
        qraw = codes("question", qcats)
        source = ver * len(qcats) + qraw
        level = np.concatenate([self._level_values(f) for f in files])
        line = np.concatenate([f.line for f in files])
        file_no = np.concatenate([np.full(f.n, i, np.int64) for i, f in enumerate(files)])
        reason = np.concatenate([f.reason for f in files])
        alive = reason == 0
        shown = [f.shown for f in files]

        def where(i: int) -> str:
            return f"{shown[file_no[i]]}:{line[i]}"

        def flag(mask: np.ndarray, why: str, fld: str, message: Callable[[int], str]) -> None:
            idx = np.flatnonzero(mask)
            fresh = idx[reason[idx] == 0]
            reason[fresh] = _REASON[why]
            for i_file in np.unique(file_no[idx]):
                in_file = idx[file_no[idx] == i_file]
                _report(self.problems, shown[i_file], fld, line[in_file], lambda k, s=in_file: message(int(s[k])))

        # The same respondent answering the same question twice in a round.
        key = (resp * len(g.rounds) + rnd) * (len(versions) * len(qcats) + 1) + source
        key = np.where(alive, key, -1 - np.arange(len(key)))  # dead rows never match
        keys = pd.Series(key)
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first = pd.Series(np.arange(len(key))).groupby(key).transform("min").to_numpy()
            flag(
                dup,
                "answering a question twice",
                "question",
                lambda i: (
                    f"respondent {_quote(respondents[resp[i]])} already answered {_quote(qcats[qraw[i]])} in round "
                    f"{g.rounds[rnd[i]].id} (at {where(first[i])})"
                ),
            )

        # A respondent has one org_type, size_band and framework version within a round.
        who = np.where(alive, resp * len(g.rounds) + rnd, -1 - np.arange(len(resp)))
        names = {"org_type": [v.id for v in g.org_types], "size_band": [v.id for v in g.size_bands]}
        changed = np.zeros(len(who), bool)
        for column, values in (("org_type", org), ("size_band", size), ("framework_version", ver)):
            labels = names.get(column, versions)
            firsts = pd.Series(values).groupby(who).transform("first").to_numpy()
            differs = (values != firsts) & alive
            if not differs.any():
                continue
            first_row = pd.Series(np.arange(len(who))).groupby(who).transform("min").to_numpy()
            report_at = differs & ~pd.Series(np.where(differs, who, -1 - np.arange(len(who)))).duplicated().to_numpy()
            for i in np.flatnonzero(report_at):
                self.problems.append(
                    Problem(
                        shown[file_no[i]],
                        int(line[i]),
                        None,
                        column,
                        f"respondent {_quote(respondents[resp[i]])} has {column} {_quote(labels[values[i]])} here "
                        f"but {_quote(labels[values[first_row[i]]])} at {where(first_row[i])}; a respondent has one "
                        f"{column} in a round",
                    )
                )
            changed |= np.isin(who, np.unique(who[differs]))
        fresh = changed & (reason == 0)
        reason[fresh] = _REASON["of a respondent whose org_type, size_band or framework_version changes within a round"]

        # Map older versions' question ids to the current ones.
        current = {qid: i for i, qid in enumerate(self.questions)}
        targets: list[tuple[int, ...]] = []
        for v in versions:
            mapping = self.mapping(v) or {}
            for qid in qcats:
                targets.append(tuple(current[t] for t in mapping.get(qid, ()) if t in current))
        sources = np.where(alive, source, 0)
        counts = np.array([len(t) for t in targets], dtype=np.int64)[sources]
        removed = alive & (reason == 0) & (counts == 0)
        reason[removed] = _REASON["answering a question removed from the framework since"]

        # Write the reasons back so each file can be reconciled.
        start = 0
        for f in files:
            f.reason = reason[start : start + f.n]
            start += f.n

        # Two old questions mapped to one current question: the respondent's answers must be merged.
        per_version = [
            [t for tt in targets[k * len(qcats) : (k + 1) * len(qcats)] for t in tt] for k in range(len(versions))
        ]
        merges = any(len(ts) != len(set(ts)) for ts in per_version)

        used = np.flatnonzero(reason == 0)
        rows = np.repeat(used, counts[used])
        flat = np.concatenate([np.array(t, dtype=np.int64) for t in targets] or [np.zeros(0, np.int64)])
        offsets = np.concatenate([[0], np.cumsum([len(t) for t in targets])])
        within = np.arange(len(rows)) - np.repeat(np.cumsum(counts[used]) - counts[used], counts[used])
        question = flat[offsets[source[rows]] + within] if len(rows) else np.zeros(0, np.int64)
        return self._frame(respondents, resp[rows], rnd[rows], org[rows], size[rows], question, level[rows], merges)

    def _level_values(self, f: _File) -> np.ndarray:
        """Each row's level as a number; -1 for 'na', -2 for 'unknown', -3 for anything else."""
        cat = f.columns["level"]
        lookup = np.array(
            [
                int(v)
                if v.isdigit() and int(v) in self.numbers
                else -1
                if v == NOT_APPLICABLE
                else -2
                if v == NOT_SURE
                else -3
                for v in cat.categories
            ]
            or [-3],
            dtype=np.int64,
        )
        return lookup[cat.codes] if f.n else np.zeros(0, np.int64)

    def _frame(self, respondents, resp, rnd, org, size, question, level, merges: bool) -> pd.DataFrame:
        """The used answers as a tidy frame; answers merged by a version mapping keep their lowest level."""
        g = self.groups
        assert g is not None
        model = self.model
        topic_ids = [t.id for t in model.topics]
        topic_of = np.array([topic_ids.index(t.id) for t, _ in model.questions()], dtype=np.int64)
        frame = pd.DataFrame(
            {
                "respondent": resp,
                "round": rnd,
                "org_type": org,
                "size_band": size,
                "question": question,
                "level": level,
            }
        )
        if merges:
            # 'na' and 'unknown' sort after every level, so the lowest answered level wins a merge.
            frame = frame.assign(_order=np.where(level >= 0, level, 100 - level))
            frame = frame.sort_values(["respondent", "round", "question", "_order"], kind="stable")
            frame = frame.drop_duplicates(["respondent", "round", "question"], keep="first").sort_index()
        lv = frame["level"].to_numpy()
        q = frame["question"].to_numpy()
        out = pd.DataFrame(
            {
                "respondent": pd.Categorical.from_codes(frame["respondent"].to_numpy(), categories=respondents),
                "round": pd.Categorical.from_codes(frame["round"].to_numpy(), [v.id for v in g.rounds], ordered=True),
                "org_type": pd.Categorical.from_codes(frame["org_type"].to_numpy(), [v.id for v in g.org_types]),
                "size_band": pd.Categorical.from_codes(frame["size_band"].to_numpy(), [v.id for v in g.size_bands]),
                "question": pd.Categorical.from_codes(q, self.questions),
                "topic": pd.Categorical.from_codes(topic_of[q], topic_ids),
            }
        )
        if model.framework.crossing:
            crossing_ids = [cv.id for cv in model.framework.crossing.values]
            of_q = np.array([crossing_ids.index(qq.crossing) for _, qq in model.questions()], dtype=np.int64)
            out["crossing"] = pd.Categorical.from_codes(of_q[q], crossing_ids)
        out["level"] = pd.arrays.IntegerArray(np.where(lv >= 0, lv, 0).astype(np.int8), lv < 0)
        out["answer"] = pd.Categorical.from_codes(np.where(lv >= 0, 0, np.where(lv == -1, 1, 2)), list(ANSWERS))
        return out.reset_index(drop=True)


def _quote(value: str, *, bare: bool = False) -> str:
    """A value for a message, with line breaks and other control characters made visible."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)
    return shown if bare else f"'{shown}'"


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def _code_of(cat: pd.Categorical, value: str) -> int:
    """The code of value in cat's categories, or -2 (matches nothing) when absent."""
    found = cat.categories.get_indexer([value])[0] if len(cat.categories) else -1
    return int(found) if found >= 0 else -2


def _pseudonym_problem(value: str) -> tuple[str, str] | None:
    if value == "" or PSEUDONYM.match(value):
        return None
    return (
        "with a respondent that is not a pseudonym",
        f"{_quote(value)} is not a pseudonym: use a random code of 6 to 64 letters, digits, hyphens or underscores, "
        "never a name or an email address",
    )


def _declared_problem(column: str, ids: list[str]) -> Callable[[str], tuple[str, str] | None]:
    def verdict(value: str) -> tuple[str, str] | None:
        if value == "" or value in ids:
            return None
        return (
            f"with {'an' if column[0] in 'aeiou' else 'a'} {column} not declared in groups.yml",
            f"{_quote(value)} is not {'an' if column[0] in 'aeiou' else 'a'} {column} declared in {GROUPS_FILE} "
            f"({', '.join(ids)})",
        )

    return verdict


def _version_problem(value: str) -> tuple[str, str] | None:
    if value == "" or _SEMVER.match(value):
        return None
    return (
        "with a framework_version that is not a version",
        f"{_quote(value)} is not a semantic version such as 1.2.0",
    )


def _reconcile(files: list[_File]) -> Reconciliation:
    counts: Counter = Counter()
    per_file = []
    for f in files:
        found = np.bincount(f.reason, minlength=len(REASONS))
        for i in np.flatnonzero(found[1:]) + 1:
            counts[REASONS[i]] += int(found[i])
        counts.update(f.extra_reasons)
        per_file.append(FileCount(f.shown, f.n + f.extra_read, int(found[0])))
    ordered = tuple((r, counts[r]) for r in REASONS if counts.get(r))
    return Reconciliation(tuple(per_file), ordered)
