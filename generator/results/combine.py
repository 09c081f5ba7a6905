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
    """Check answers across all files (duplicates, changes within a round) and return the used rows."""
    files = [f for f in files if f.n]
    if not files or checker.groups is None:
        for f in files:
            f.reason[f.reason == 0] = REASON_INDEX["not checked because groups.yml is missing or has problems"]
        return pd.DataFrame()
    g = checker.groups
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
    kinds = {k.kind: codes(k.kind, [v.id for v in g.values(k)]) for k in GROUP_KINDS}
    ver = codes("framework_version", versions)
    # Source questions: (version, id) pairs, so the same id in two versions are two questions.
    qcats = sorted({q for f in files for q in f.columns["question"].categories})
    qraw = codes("question", qcats)
    source = ver * len(qcats) + qraw
    level = np.concatenate([_level_values(checker, f) for f in files])
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
        reason[fresh] = REASON_INDEX[why]
        for i_file in np.unique(file_no[idx]):
            in_file = idx[file_no[idx] == i_file]
            report_rows(
                checker.problems,
                shown[i_file],
                fld,
                line[in_file],
                lambda k, s=in_file: message(int(s[k])),
                REASON_CODES[why],
            )

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
                f"respondent {quote(respondents[resp[i]])} already answered {quote(qcats[qraw[i]])} in round "
                f"{g.rounds[rnd[i]].id} (at {where(first[i])})"
            ),
        )

    # A respondent has one org_type, size_band and framework version within a round.
    who = np.where(alive, resp * len(g.rounds) + rnd, -1 - np.arange(len(resp)))
    names = {k.kind: [v.id for v in g.values(k)] for k in GROUP_KINDS}
    changed = np.zeros(len(who), bool)
    for column, values in (*kinds.items(), ("framework_version", ver)):
        labels = names.get(column, versions)
        firsts = pd.Series(values).groupby(who).transform("first").to_numpy()
        differs = (values != firsts) & alive
        if not differs.any():
            continue
        first_row = pd.Series(np.arange(len(who))).groupby(who).transform("min").to_numpy()
        report_at = differs & ~pd.Series(np.where(differs, who, -1 - np.arange(len(who)))).duplicated().to_numpy()
        for i in np.flatnonzero(report_at):
            checker.problems.append(
                Problem(
                    shown[file_no[i]],
                    int(line[i]),
                    None,
                    column,
                    f"respondent {quote(respondents[resp[i]])} has {column} {quote(labels[values[i]])} here "
                    f"but {quote(labels[values[first_row[i]]])} at {where(first_row[i])}; a respondent has one "
                    f"{column} in a round",
                    code="group-changes",
                )
            )
        changed |= np.isin(who, np.unique(who[differs]))
    fresh = changed & (reason == 0)
    reason[fresh] = REASON_INDEX[
        "of a respondent whose org_type, size_band or framework_version changes within a round"
    ]

    # Map older versions' question ids to the current ones.
    current = {qid: i for i, qid in enumerate(checker.questions)}
    targets: list[tuple[int, ...]] = []
    for v in versions:
        mapping = checker.mapping(v) or {}
        for qid in qcats:
            targets.append(tuple(current[t] for t in mapping.get(qid, ()) if t in current))
    sources = np.where(alive, source, 0)
    counts = np.array([len(t) for t in targets], dtype=np.int64)[sources]
    removed = alive & (reason == 0) & (counts == 0)
    reason[removed] = REASON_INDEX["answering a question removed from the framework since"]

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
    chosen = {kind: values[rows] for kind, values in kinds.items()}
    return _frame(checker, respondents, resp[rows], rnd[rows], chosen, question, level[rows], merges)


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
        dtype=np.int64,
    )
    return lookup[cat.codes] if f.n else np.zeros(0, np.int64)


def _frame(checker: Checker, respondents, resp, rnd, kinds: dict, question, level, merges: bool) -> pd.DataFrame:
    """The used answers as a tidy frame; answers merged by a version mapping keep their lowest level."""
    g = checker.groups
    assert g is not None
    model = checker.model
    topic_ids = [t.id for t in model.topics]
    topic_of = np.array([topic_ids.index(t.id) for t, _ in model.questions()], dtype=np.int64)
    frame = pd.DataFrame(
        {
            "respondent": resp,
            "round": rnd,
            **kinds,
            "question": question,
            "level": level,
        }
    )
    if merges:
        # The merge rule of generator.framework.answers: the lowest answered level wins.
        frame = frame.assign(_order=merge_rank(level))
        frame = frame.sort_values(["respondent", "round", "question", "_order"], kind="stable")
        frame = frame.drop_duplicates(["respondent", "round", "question"], keep="first").sort_index()
    lv = frame["level"].to_numpy()
    q = frame["question"].to_numpy()
    out = pd.DataFrame(
        {
            "respondent": pd.Categorical.from_codes(frame["respondent"].to_numpy(), categories=respondents),
            "round": pd.Categorical.from_codes(frame["round"].to_numpy(), [v.id for v in g.rounds], ordered=True),
            **{
                k.kind: pd.Categorical.from_codes(frame[k.kind].to_numpy(), [v.id for v in g.values(k)])
                for k in GROUP_KINDS
            },
            "question": pd.Categorical.from_codes(q, checker.questions),
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
