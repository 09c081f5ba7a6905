"""Combining a team's answers: spread, agreement marker, default agreed answer, agenda order and time.

This is the one home of the combine rule. The self-assessment's combine.js implements the same from the
numbers and names framework.json's vocabulary gives it; a test checks that both agree on random inputs.
A question's answers are counted as `given`: {answer: how many people gave it}, where an answer is a
level or 'na' / 'unknown' (JSON keys are text, so "3" and 3 both mean level 3). Levels are ordinal:
they are never averaged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from generator.framework.answers import LABELS as ANSWER_LABELS
from generator.framework.answers import NOT_APPLICABLE, NOT_SURE, Answer, is_level

# The largest spread (highest level given minus lowest) still marked 'agreed', and then 'discuss'.
AGREED_MAX_SPREAD = 1
DISCUSS_MAX_SPREAD = 2
# Agenda order: the most divided first. A question nobody answered needs a short look, so it comes
# before the questions already agreed.
MARKERS = ("split", "discuss", "unanswered", "agreed")
LABELS = {"split": "Split", "discuss": "Discuss", "unanswered": "No answers", "agreed": "Agreed"}
MINUTES = {"split": 10, "discuss": 5, "unanswered": 2, "agreed": 1}
# Limits on what a combined discovery may hold, so a damaged or hostile file cannot swamp the page.
LIMITS = {"min_files": 2, "max_files": 50, "role": 100, "reason": 2000, "text": 5000, "links": 10, "link": 2000}

Given = Mapping[Answer, int] | Mapping[str, int]


def answer_of(key: Answer) -> Answer:
    """A `given` key as an answer: JSON writes level 3 as "3"."""
    if isinstance(key, str) and key.isdigit():
        return int(key)
    return key


def counts(given: Given) -> dict[Answer, int]:
    """The answers given at least once, with their counts."""
    out: dict[Answer, int] = {}
    for key, n in given.items():
        if n > 0:
            a = answer_of(key)
            out[a] = out.get(a, 0) + n
    return out


def spread(given: Given) -> int | None:
    """How many levels apart the highest and lowest levels given are, or None when nobody gave a level."""
    levels = [a for a in counts(given) if is_level(a)]
    return max(levels) - min(levels) if levels else None


def marker(given: Given) -> str:
    """'agreed', 'discuss', 'split' or 'unanswered', by the rule rule_text() states."""
    present = counts(given)
    if not present:
        return "unanswered"
    s = spread(present)
    if s is None:
        # Nobody gave a level: agreed when everyone said the same ('not applicable' or 'not sure').
        return "agreed" if len(present) == 1 else "discuss"
    if s > DISCUSS_MAX_SPREAD:
        return "split"
    if s > AGREED_MAX_SPREAD:
        return "discuss"
    # Levels close together, but someone said 'not sure' or 'not applicable': worth a word.
    return "agreed" if all(is_level(a) for a in present) else "discuss"


def agreed_default(given: Given) -> Answer | None:
    """The lower median of the levels given; without levels 'not sure', or 'not applicable' if everyone said so."""
    present = counts(given)
    levels = sorted(level for a, n in present.items() if is_level(a) for level in [a] * n)
    if levels:
        return levels[(len(levels) - 1) // 2]
    if not present:
        return None
    return NOT_APPLICABLE if set(present) == {NOT_APPLICABLE} else NOT_SURE


def minutes(given: Given) -> int:
    return MINUTES[marker(given)]


def agenda(items: Sequence[tuple[str, str, Given]]) -> list[tuple[str, list[str]]]:
    """(topic id, question id, given) in framework order -> [(topic id, [question ids])], most divided first.

    A question's place: its marker in MARKERS order, then the wider spread, then framework order.
    Topics come in the order of their most divided question, then framework order.
    """

    def key(i: int) -> tuple[int, int, int]:
        given = items[i][2]
        return (MARKERS.index(marker(given)), -(spread(given) or 0), i)

    by_topic: dict[str, list[int]] = {}
    for i, (topic, _, _) in enumerate(items):
        by_topic.setdefault(topic, []).append(i)
    groups = [sorted(ix, key=key) for ix in by_topic.values()]
    groups.sort(key=lambda g: key(g[0]))
    return [(items[g[0]][0], [items[i][1] for i in g]) for g in groups]


def combine(answer_sets: Iterable[Mapping[str, Answer]]) -> dict[str, Counter]:
    """Each person's answers ({question id: answer}) -> {question id: given}."""
    out: dict[str, Counter] = {}
    for answers in answer_sets:
        for qid, a in answers.items():
            out.setdefault(qid, Counter())[a] += 1
    return out


def rule_text() -> dict[str, str]:
    """The rules in words, as the Combine and Agenda views state them."""
    na, unsure = (f"'{ANSWER_LABELS[a]}'" for a in (NOT_APPLICABLE, NOT_SURE))
    return {
        "agreed": f"Every level given is within {AGREED_MAX_SPREAD} level of the others, and nobody said {unsure} "
        f"or {na}. Also agreed: everybody gave the same one of those two answers.",
        "discuss": f"The levels given are {DISCUSS_MAX_SPREAD} apart; or the levels are close but some people said "
        f"{unsure} or {na}; or, without levels, some said {unsure} and others {na}.",
        "split": f"The levels given are {DISCUSS_MAX_SPREAD + 1} or more apart.",
        "unanswered": "Nobody answered the question.",
        "agreed_answer": "The agreed answer starts as the middle of the levels given. With an even number of "
        "answers it is the lower of the two middle levels. Levels are never averaged. When nobody gave a level, "
        f"it starts as {unsure}, or {na} if everybody said so. You can change it and say why.",
        "agenda": "The agenda starts with the questions where people are furthest apart: "
        + ", then ".join(LABELS[m].lower() for m in MARKERS)
        + ". Within each, the widest spread of levels comes first. Topics come in the order of their most "
        "divided question.",
        "time": "The time is an estimate: "
        + ", ".join(
            f"{MINUTES[m]} {'minute' if MINUTES[m] == 1 else 'minutes'} for a question marked '{LABELS[m].lower()}'"
            for m in MARKERS
        )
        + ".",
    }


def vocabulary() -> dict[str, Any]:
    """The combine rule's numbers, names and words, as framework.json gives them to the browser."""
    return {
        "agreed_max_spread": AGREED_MAX_SPREAD,
        "discuss_max_spread": DISCUSS_MAX_SPREAD,
        "markers": [{"id": m, "label": LABELS[m], "minutes": MINUTES[m]} for m in MARKERS],
        "limits": dict(LIMITS),
        "text": rule_text(),
    }


def given_of(doc: Mapping[str, Any]) -> dict[str, dict[Answer, int]]:
    """Each question's `given` in a combined discovery document (already checked), with answers as answers."""
    block = doc.get("discovery") or {}
    return {qid: counts(q.get("given", {})) for qid, q in block.get("questions", {}).items()}
