"""Ids for imported frameworks: short, readable, distinct, and the same every time for the same input.

A topic's prefix is the fewest leading words of its id that no other topic's id starts with. A
question id is that prefix, then the first words of the question that carry its meaning (stop words
such as "does", "your" and "organisation" dropped): QUESTION_ID_BUDGET characters where it can, at
least two words, never more than QUESTION_ID_MAX. Questions of one topic that would share an id each
get the first word at which their wording parts, so "Is there a named lead responsible for keeping
staff records accurate?" and "... supplier records accurate?" become
`keeping-records-named-lead-staff` and `...-supplier`, never `...-2`. A number is added (by
Ids.claim) only when nothing in the wording tells two questions apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

MAX_SLUG = 48
QUESTION_ID_BUDGET = 32  # what a question id aims at, topic prefix included
QUESTION_ID_MAX = 48  # what it never exceeds, words added to tell questions apart included

# Words that tell questions apart least: English function words, and the words nearly every question
# of a maturity framework uses ("does your organisation have ...").
STOP_WORDS = frozenset(
    """
    a about above after all also am an and any are as at be been being both but by can could did do does
    doing done during each either etc every for from had has have having he her here his how i if in into
    is it its just many may me might more most much must my neither no nor not now of on once only or other
    our ours out over own per same shall she should so some such than that the their theirs them then there
    these they this those through to too under until up upon us very via was we were what when where whether
    which while who whom whose why will with within would yes you your yours
    organisation organisations organisational organization organizations organizational
    """.split()
)
# Negations change the meaning of a question: keep them.
KEPT = frozenset({"no", "not", "nor", "neither"})


def words(text: str) -> list[str]:
    """Lowercase ASCII words of text; accents dropped (é -> e), other scripts leave nothing."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))


def significant(text: str) -> list[str]:
    """The words of text that carry its meaning, in order."""
    return [w for w in words(text) if w not in STOP_WORDS or w in KEPT]


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """Lowercase ASCII kebab-case from the first words of text, cut at a word; '' when nothing is left."""
    return join(words(text), limit)


def join(parts: Sequence[str], limit: int) -> str:
    """As many leading parts as fit in limit characters joined by hyphens; the first is cut if it alone is longer."""
    out = ""
    for part in parts:
        candidate = f"{out}-{part}" if out else part[:limit]
        if len(candidate) > limit:
            break
        out = candidate
    return out


def prefixes(topic_ids: Sequence[str]) -> list[str]:
    """For each topic id, its fewest leading significant words that no other topic's id starts with."""
    split = [[w for w in tid.split("-") if w not in STOP_WORDS] or tid.split("-") for tid in topic_ids]
    out = []
    for i, parts in enumerate(split):
        others = [p for j, p in enumerate(split) if j != i]
        n = 1
        while n < len(parts) and any(o[:n] == parts[:n] for o in others):
            n += 1
        out.append("-".join(parts[:n]))
    return out


def question_ids(prefix: str, texts: Sequence[str]) -> list[str]:
    """Ids for one topic's questions, distinct from each other (see the module's docstring)."""
    ids: list[str] = []
    rest: list[list[str]] = []
    for i, ws in enumerate(significant(t) for t in texts):
        if not ws:  # nothing readable, such as text in another script
            ids.append(f"{prefix}-question-{i + 1}")
            rest.append([])
            continue
        n = _fitting(ws, QUESTION_ID_BUDGET - len(prefix) - 1)
        if n < 2 <= len(ws) and _fitting(ws[:2], QUESTION_ID_MAX - len(prefix) - 1) == 2:
            n = 2  # two words say more than one: the second may go past the budget, never past the maximum
        n = max(n, 1)
        ids.append(f"{prefix}-{'-'.join(ws[:n])}"[:QUESTION_ID_MAX].rstrip("-"))
        rest.append(ws[n:])
    while _part(ids, rest):
        pass
    return ids


def _fitting(ws: Sequence[str], room: int) -> int:
    """How many leading words fit in room characters, joined by hyphens."""
    n, used = 0, -1
    while n < len(ws) and used + 1 + len(ws[n]) <= room:
        used += 1 + len(ws[n])
        n += 1
    return n


def _part(ids: list[str], rest: list[list[str]]) -> bool:
    """Give questions that share an id the first word at which their remaining wording differs; False when done."""
    groups: dict[str, list[int]] = {}
    for m, qid in enumerate(ids):
        groups.setdefault(qid, []).append(m)
    changed = False
    for group in groups.values():
        if len(group) < 2:
            continue
        shared = 0  # the words every member still has in common, skipped as telling nothing apart
        while all(len(rest[m]) > shared for m in group) and len({rest[m][shared] for m in group}) == 1:
            shared += 1
        # Members with no word left keep their id; with the same wording, Ids.claim numbers them at last.
        for m in group:
            if len(rest[m]) > shared and len(ids[m]) + 1 + len(rest[m][shared]) <= QUESTION_ID_MAX:
                ids[m] = f"{ids[m]}-{rest[m][shared]}"
                rest[m] = rest[m][shared + 1 :]
                changed = True
    return changed


class Ids:
    """Hands out ids unique across a whole framework, in the order asked, so the result is stable."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.collisions: list[str] = []

    def claim(self, wanted: str, fallback: str, what: str, *alternatives: str) -> str:
        """wanted (or fallback when wanted is ''), else the first free alternative, else a number as last resort."""
        base = wanted or fallback
        chosen = next((c for c in (base, *alternatives) if c and c not in self.taken), None)
        n = 1
        while chosen is None:
            n += 1
            chosen = f"{base}-{n}" if f"{base}-{n}" not in self.taken else None
        if chosen != base:
            self.collisions.append(f"{what} would have had the id '{base}', which was taken, so it is '{chosen}'")
        self.taken.add(chosen)
        return chosen
