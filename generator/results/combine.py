"""Checks across every results file (a question answered twice, groups that change) and the tidy answers frame."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from generator.framework.answers import NOT_APPLICABLE, NOT_SURE, merge_rank
from generator.results.checks import Checker, level_number
from generator.results.groups import GROUP_KINDS
from generator.results.rows import REASON_CODES, REASON_INDEX, ParsedFile, quote, report_rows
from generator.yamlio.problems import Problem

ANSWERS = ("level", NOT_APPLICABLE, NOT_SURE)  # categories of the `answer` column


def combine(checker: Checker, files: list[ParsedFile]) -> pd.DataFrame:
    """Check answers across all files (duplicates, changes within a round) and return the used rows.

    Row-length arrays are int32 codes (int64 only where codes multiply), each freed once used: at a
    million rows every extra int64 array is 8 MB.
    """
    files = [f for f in files if f.n]
    if not files or checker.groups is None:
        for f in files:
            f.reason[f.reason == 0] = REASON_INDEX["not checked because groups.yml is missing or has problems"]
        return pd.DataFrame()
    g = checker.groups
    live = [f.reason == 0 for f in files]

    starts = np.cumsum([0] + [f.n for f in files])

    def codes(column: str, categories: list[str]) -> np.ndarray:
        """Each row's index in categories (-1 for a rejected row), filled in file by file."""
        index = pd.Index(categories)
        out = np.full(starts[-1], -1, np.int32)
        for k, (f, ok) in enumerate(zip(files, live, strict=True)):
            cat = f.columns[column]
            mapped = index.get_indexer(cat.categories).astype(np.int32)
            np.copyto(out[starts[k] : starts[k + 1]], mapped[cat.codes], where=ok)
        return out

    respondents = pd.Index(
        np.unique(np.concatenate([np.asarray(f.columns["respondent"].categories, dtype=object) for f in files]))
    )
    versions = sorted({v for f in files for v in f.columns["framework_version"].categories})
    resp = codes("respondent", list(respondents))
    rnd = codes("round", [v.id for v in g.rounds])
    kinds = {k.kind: codes(k.kind, [v.id for v in g.values(k)]) for k in GROUP_KINDS}
    ver = codes("framework_version", versions)
    # Source questions: (version, id) pairs, so the same id in two versions are two questions.
    qcats = sorted({q for f in files for q in f.columns["question"].categories})
    qraw = codes("question", qcats)
    source = ver.astype(_index_type(len(versions) * len(qcats))) * len(qcats) + qraw
    level = np.concatenate([_level_values(checker, f) for f in files])
    reason = np.concatenate([f.reason for f in files])
    alive = reason == 0
    at = np.flatnonzero(alive).astype(_index_type(len(alive)))  # the live rows, by their index among all rows
    shown = [f.shown for f in files]

    def located(idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each row's file and line: looked up for the few rows reported, not kept for every row."""
        file_no = np.searchsorted(starts, idx, side="right") - 1
        lines = np.array([files[k].line[i - starts[k]] for k, i in zip(file_no, idx, strict=True)], np.int64)
        return file_no, lines

    def where(i: int) -> str:
        file_no, lines = located(np.array([i]))
        return f"{shown[file_no[0]]}:{lines[0]}"

    def flag(idx: np.ndarray, why: str, fld: str, message: Callable[[int], str]) -> None:
        """Reject the rows idx (sorted, among all rows) and report them file by file."""
        fresh = idx[reason[idx] == 0]
        reason[fresh] = REASON_INDEX[why]
        file_no = np.searchsorted(starts, idx, side="right") - 1
        for i_file in np.unique(file_no):
            in_file = idx[file_no == i_file]
            report_rows(
                checker.problems,
                shown[i_file],
                fld,
                files[i_file].line[in_file - starts[i_file]],
                lambda k, s=in_file: message(int(s[k])),
                REASON_CODES[why],
            )

    # Each live row's respondent in its round, numbered in order of first appearance.
    # (A size hint: pandas otherwise sizes its hash table for a million distinct values, 40 MB.)
    who, _ = pd.factorize(
        resp[at].astype(np.int64) * len(g.rounds) + rnd[at], size_hint=min(len(at), len(respondents) * len(g.rounds))
    )
    who = who.astype(_index_type(len(who)))
    first_of = np.flatnonzero(np.r_[True, who[1:] > np.maximum.accumulate(who)[:-1]]) if len(who) else who

    # The same respondent answering the same question twice in a round (only live rows can match).
    src, distinct = pd.factorize(
        source[at], size_hint=min(len(at), len(versions) * len(qcats))
    )  # few distinct questions: the key cannot overflow
    key = who.astype(np.int64) * max(1, len(distinct)) + src
    del src
    if _any_repeated(key):
        dup = pd.Series(key).duplicated(keep="first").to_numpy()
        first_live = pd.Series(np.arange(len(key))).groupby(key).transform("min").to_numpy()
        first = np.full(len(resp), -1, np.int64)
        first[at] = at[first_live]
        flag(
            at[dup],
            "answering a question twice",
            "question",
            lambda i: (
                f"respondent {quote(respondents[resp[i]])} already answered {quote(qcats[qraw[i]])} in round "
                f"{g.rounds[rnd[i]].id} (at {where(first[i])})"
            ),
        )
    del key

    # A respondent has one org_type, size_band and framework version within a round.
    names = {k.kind: [v.id for v in g.values(k)] for k in GROUP_KINDS}
    changed = np.zeros(len(who), bool)
    for column, values in (*kinds.items(), ("framework_version", ver)):
        labels = names.get(column, versions)
        mine = values[at]
        differs = mine != mine[first_of][who]
        if not differs.any():
            continue
        d = np.flatnonzero(differs)
        _, first_d = np.unique(who[d], return_index=True)  # the first differing row of each respondent
        for j in np.sort(d[first_d]):
            i, i0 = int(at[j]), int(at[first_of[who[j]]])
            file_no, lines = located(np.array([i]))
            checker.problems.append(
                Problem(
                    shown[file_no[0]],
                    int(lines[0]),
                    None,
                    column,
                    f"respondent {quote(respondents[resp[i]])} has {column} {quote(labels[values[i]])} here "
                    f"but {quote(labels[values[i0]])} at {where(i0)}; a respondent has one "
                    f"{column} in a round",
                    code="group-changes",
                )
            )
        changed |= np.isin(who, np.unique(who[d]))
    changed_rows = at[changed]
    del who, changed
    reason[changed_rows[reason[changed_rows] == 0]] = REASON_INDEX[
        "of a respondent whose org_type, size_band or framework_version changes within a round"
    ]

    # Map older versions' question ids to the current ones.
    current = {qid: i for i, qid in enumerate(checker.questions)}
    targets: list[tuple[int, ...]] = []
    for v in versions:
        mapping = checker.mapping(v) or {}
        for qid in qcats:
            targets.append(tuple(current[t] for t in mapping.get(qid, ()) if t in current))
    n_targets = np.array([len(t) for t in targets], dtype=np.int32)
    removed = at[n_targets[source[at]] == 0]
    reason[removed[reason[removed] == 0]] = REASON_INDEX["answering a question removed from the framework since"]
    del at, removed

    # Write the reasons back so each file can be reconciled.
    for k, f in enumerate(files):
        f.reason = reason[starts[k] : starts[k + 1]]

    # Two old questions mapped to one current question: the respondent's answers must be merged.
    per_version = [
        [t for tt in targets[k * len(qcats) : (k + 1) * len(qcats)] for t in tt] for k in range(len(versions))
    ]
    merges = any(len(ts) != len(set(ts)) for ts in per_version)

    used = np.flatnonzero(reason == 0)
    flat = np.concatenate([np.array(t, dtype=np.int32) for t in targets] or [np.zeros(0, np.int32)])
    offsets = np.concatenate([[0], np.cumsum(n_targets)]).astype(np.int64)
    counts = n_targets[source[used]]
    if (counts == 1).all():  # the usual case: one current question for each question answered
        rows, question = used, flat[offsets[source[used]]]
    else:
        rows = np.repeat(used, counts)
        within = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
        question = flat[offsets[source[rows]] + within] if len(rows) else np.zeros(0, np.int32)
    whole = len(rows) == len(reason) and bool((np.diff(rows) == 1).all())  # every row used once, in order
    del source, used, counts, alive, ver  # the arrays no longer needed, before the frame is made

    def take(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return values if whole else values[rows]

    chosen = {kind: take(kinds.pop(kind), rows) for kind in list(kinds)}
    resp, rnd, level = take(resp, rows), take(rnd, rows), take(level, rows)
    del rows
    return _frame(checker, respondents, resp, rnd, chosen, question, level, merges)


def _index_type(n: int) -> type:
    """int32 for codes and row numbers below n, unless n needs int64."""
    return np.int32 if n < 2**31 else np.int64


def _any_repeated(key: np.ndarray) -> bool:
    """Whether any value occurs twice: a sorted copy costs less memory than a hash table of every row."""
    ordered = np.sort(key)
    return bool(len(ordered)) and bool((ordered[1:] == ordered[:-1]).any())


def _level_values(checker: Checker, f: ParsedFile) -> np.ndarray:
    """Each row's level as a number; -1 for 'na', -2 for 'unknown', -3 for anything else."""
    cat = f.columns["level"]
    lookup = np.array(
        [
            n
            if (n := level_number(v)) in checker.numbers
            else -1
            if v == NOT_APPLICABLE
            else -2
            if v == NOT_SURE
            else -3
            for v in cat.categories
        ]
        or [-3],
        dtype=np.int16,  # levels are at most three digits
    )
    return lookup[cat.codes] if f.n else np.zeros(0, np.int16)


def _frame(checker: Checker, respondents, resp, rnd, kinds: dict, question, level, merges: bool) -> pd.DataFrame:
    """The used answers as a tidy frame; answers merged by a version mapping keep their lowest level."""
    g = checker.groups
    assert g is not None
    model = checker.model
    topic_ids = [t.id for t in model.topics]
    topic_of = np.array([topic_ids.index(t.id) for t, _ in model.questions()], dtype=np.int32)
    if merges:
        # The merge rule of generator.framework.answers: the lowest answered level wins.
        frame = pd.DataFrame(
            {"respondent": resp, "round": rnd, "question": question, "_order": merge_rank(level.astype(np.int64))}
        )
        frame = frame.sort_values(["respondent", "round", "question", "_order"], kind="stable")
        keep = np.sort(frame.drop_duplicates(["respondent", "round", "question"], keep="first").index.to_numpy())
        del frame
        resp, rnd, question, level = resp[keep], rnd[keep], question[keep], level[keep]
        kinds = {kind: values[keep] for kind, values in kinds.items()}
    lv, q = level, question
    out = pd.DataFrame(
        {
            "respondent": pd.Categorical.from_codes(resp, categories=respondents),
            "round": pd.Categorical.from_codes(rnd, [v.id for v in g.rounds], ordered=True),
            **{k.kind: pd.Categorical.from_codes(kinds[k.kind], [v.id for v in g.values(k)]) for k in GROUP_KINDS},
            "question": pd.Categorical.from_codes(q, checker.questions),
            "topic": pd.Categorical.from_codes(topic_of[q], topic_ids),
        }
    )
    if model.framework.crossing:
        crossing_ids = [cv.id for cv in model.framework.crossing.values]
        of_q = np.array([crossing_ids.index(qq.crossing) for _, qq in model.questions()], dtype=np.int32)
        out["crossing"] = pd.Categorical.from_codes(of_q[q], crossing_ids)
    out["level"] = pd.arrays.IntegerArray(np.where(lv >= 0, lv, 0).astype(np.int8), lv < 0)
    answer = np.full(len(lv), 2, np.int8)  # codes of ANSWERS
    answer[lv >= 0] = 0
    answer[lv == -1] = 1
    out["answer"] = pd.Categorical.from_codes(answer, list(ANSWERS))
    return out.reset_index(drop=True)
