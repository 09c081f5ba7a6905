"""The scoring rule: answers to a topic's questions into one topic level.

This is the one Python implementation. The self-assessment's JavaScript implements the same rule
and a test checks that both agree on many random answer sets. Levels are ordinal, so they are never
averaged; 'not applicable' and 'not sure' are left out, never counted as zero.
"""

from __future__ import annotations

from collections.abc import Iterable

NOT_APPLICABLE = "na"
NOT_SURE = "unknown"
NOT_LEVELS = (NOT_APPLICABLE, NOT_SURE)
# What readers see for the two answers that are not levels.
LABELS = {NOT_APPLICABLE: "Not applicable", NOT_SURE: "Not sure"}
# Peer-group kinds a result row carries, with what the reader is asked to choose.
GROUP_KINDS = (("org_type", "Type of organisation"), ("size_band", "Size of organisation"))


def vocabulary() -> dict:
    """The answer and peer-group vocabulary, as framework.json gives it to the browser."""
    return {
        "not_applicable": NOT_APPLICABLE,
        "not_sure": NOT_SURE,
        "labels": dict(LABELS),
        "group_kinds": [{"kind": k, "label": label} for k, label in GROUP_KINDS],
    }


def topic_level(answers: Iterable[int | str | None], rule: str, minimum_answers: int = 1) -> int | None:
    """The topic's level from its answers, or None when too few questions have a level.

    'median' is the lower median (an answered level, never a value between two levels);
    'minimum' is the lowest answered level.
    """
    levels = sorted(a for a in answers if isinstance(a, int) and not isinstance(a, bool))
    if len(levels) < max(1, minimum_answers):
        return None
    if rule == "median":
        return levels[(len(levels) - 1) // 2]
    if rule == "minimum":
        return levels[0]
    raise ValueError(f"unknown scoring rule {rule!r}")
