"""What an answer can be, and the rules over answers: scoring a topic, describing that rule, merging answers.

This is the one home of these facts. The self-assessment's JavaScript reads the vocabulary from
framework.json and implements the same two rules; tests check that both agree on random answer sets.
Levels are ordinal, so they are never averaged; 'not applicable' and 'not sure' are left out, never
counted as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

NOT_APPLICABLE = "na"
NOT_SURE = "unknown"
# Also the merge order after every level: saying a question does not apply is firmer than not knowing.
NOT_LEVELS = (NOT_APPLICABLE, NOT_SURE)
# What readers see for the two answers that are not levels.
LABELS = {NOT_APPLICABLE: "Not applicable", NOT_SURE: "Not sure"}
RULES = ("median", "minimum")
# How sure a person is of an answer, most sure first: when several answers become one, the least sure is kept.
CONFIDENCE = ("sure", "fairly_sure", "guessing")
CONFIDENCE_LABELS = {"sure": "Sure", "fairly_sure": "Fairly sure", "guessing": "Guessing"}

Answer = int | str


def is_level(answer: object) -> bool:
    return isinstance(answer, int) and not isinstance(answer, bool)


def topic_level(answers: Iterable[Answer | None], rule: str, minimum_answers: int = 1) -> int | None:
    """The topic's level from its answers, or None when too few questions have a level.

    'median' is the lower median (an answered level, never a value between two levels);
    'minimum' is the lowest answered level.
    """
    levels = sorted(a for a in answers if is_level(a))
    if len(levels) < max(1, minimum_answers):
        return None
    if rule == "median":
        return levels[(len(levels) - 1) // 2]
    if rule == "minimum":
        return levels[0]
    raise ValueError(f"unknown scoring rule {rule!r}")


_RULE_TEXT = {
    "median": (
        "the middle of {whose} answered levels (the lower of the two middle levels when there is an even number). "
    ),
    "minimum": "the lowest of {whose} answered levels, because a topic is only as strong as its weakest part. ",
}
_LEFT_OUT = "Answers of 'not applicable' or 'not sure' are left out; they never count as zero."


def scoring_text(rule: str, whose: Literal["your", "their"] = "your") -> str:
    """The scoring rule in words, completing 'A topic's level is ...'; whose: the reader's or respondents'."""
    return _RULE_TEXT[rule].format(whose=whose) + _LEFT_OUT


def merge_answers(given: list[Answer]) -> Answer:
    """Several answers that become one (questions merged between versions): the lowest level wins.

    'na' or 'unknown' is kept only when none of them has a level, 'na' before 'unknown'.
    """
    levels = [a for a in given if is_level(a)]
    if levels:
        return min(levels)
    others = [a for a in given if a in NOT_LEVELS]
    return sorted(others, key=NOT_LEVELS.index)[0] if others else given[0]


def merge_rank(code):
    """merge_answers' order as a number, for answers coded as levels (>= 0), -1 ('na') or -2 ('unknown').

    The lowest rank wins. Works on ints and on numpy arrays alike: levels keep their value, and the
    two non-levels sort after every level, 'na' first.
    """
    return code + (code < 0) * (1000 - 2 * code)


def vocabulary() -> dict:
    """The answer vocabulary, as framework.json gives it to the browser."""
    return {
        "not_applicable": NOT_APPLICABLE,
        "not_sure": NOT_SURE,
        "labels": dict(LABELS),
        "merge_order_after_levels": list(NOT_LEVELS),
        # Most sure first; the browser keeps the last of several when answers merge.
        "confidence": [{"id": c, "label": CONFIDENCE_LABELS[c]} for c in CONFIDENCE],
    }
