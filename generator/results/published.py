"""The published benchmark figures: what pages, charts, downloads and the self-assessment may show.

Everything here is already suppressed. Pages get a Published value, which holds no raw counts of
hidden cells, so they cannot leak what disclosure control hid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from generator.framework.answers import NOT_LEVELS
from generator.results.benchmarks import Benchmarks
from generator.results.quantiles import quantile_index

FIGURES = ("respondents", "median", "q1", "q3")  # what a shown cell publishes


@dataclass(frozen=True)
class Published:
    """The published figures and the facts pages need about them."""

    data: dict[str, Any]  # the benchmark JSON: groups, rounds, cells and changes, hidden cells marked
    synthetic: bool
    minimum_group_size: int
    homogeneity_share: float
    note: str  # what a hidden cell says
    sample: list[list[int | None]]  # [group][round]: respondents with any answer; None where hidden
    answer_shares: dict[str, float] | None  # shares of 'na' and 'unknown' answers, when everyone is shown


def publish(b: Benchmarks) -> Published:
    """The figures that may be published, and nothing else."""
    total = sum(b.answers.values())
    shares = None
    if not b.sample_suppressed[:, 0].any() and total:
        shares = {k: b.answers.get(k, 0) / total for k in NOT_LEVELS}
    sample = [
        [None if b.sample_suppressed[ri, gi] else int(b.sample[ri, gi]) for ri in range(len(b.rounds))]
        for gi in range(len(b.groups))
    ]
    return Published(published(b), b.synthetic, b.minimum_group_size, b.homogeneity_share, note(b), sample, shares)


# -- summaries of one cell ---------------------------------------------------------------------------------


def quantile_level(counts: np.ndarray, levels: list[int], p4: int) -> int | None:
    """The level at quarter p4 (1, 2 or 3), by the one rule in generator.results.quantiles."""
    if not int(counts.sum()):
        return None
    return levels[int(quantile_index(counts, p4))]


def cell_figures(counts: np.ndarray, levels: list[int]) -> dict[str, Any]:
    """A group's published figures: how many, the middle level and the middle half.

    Never the share at each level: a count of 1..k-1 at one level (or of 0) is itself a figure resting on
    fewer than k respondents, and a statistical disclosure checker (ACRO) refuses it.
    """
    return {
        "respondents": int(counts.sum()),
        "median": quantile_level(counts, levels, 2),
        "q1": quantile_level(counts, levels, 1),
        "q3": quantile_level(counts, levels, 3),
    }


# One label for every hidden figure, whatever hid it: a label that said "fewer than k" for some would tell
# the outsider which hidden groups are small, and would be false for groups hidden to protect others.
NOTE = "hidden to protect respondents"


def note(b: Benchmarks) -> str:
    return NOTE


def cells(b: Benchmarks) -> list[dict[str, Any]]:
    """Every published cell, in framework, group and round order; suppressed cells say so and nothing else."""
    out = []
    for ui, unit in enumerate(b.units):
        for gi, group in enumerate(b.groups):
            for ri, (round_id, _) in enumerate(b.rounds):
                head = {"topic": unit.topic, "crossing": unit.crossing, "group": group.id, "round": round_id}
                if b.suppressed[ui, ri, gi]:
                    out.append({**head, "suppressed": True, "note": note(b)})
                else:
                    out.append({**head, "suppressed": False, **cell_figures(b.counts[ui, ri, gi], b.levels)})
    return out


def changes(b: Benchmarks) -> list[dict[str, Any]]:
    """Change from each round to the next for the same unit and group; hidden when either cell is hidden."""
    out = []
    for ui, unit in enumerate(b.units):
        for gi, group in enumerate(b.groups):
            for ri in range(1, len(b.rounds)):
                head = {
                    "topic": unit.topic,
                    "crossing": unit.crossing,
                    "group": group.id,
                    "from_round": b.rounds[ri - 1][0],
                    "to_round": b.rounds[ri][0],
                }
                if b.suppressed[ui, ri - 1, gi] or b.suppressed[ui, ri, gi]:
                    out.append({**head, "suppressed": True, "note": note(b)})
                    continue
                before = cell_figures(b.counts[ui, ri - 1, gi], b.levels)
                after = cell_figures(b.counts[ui, ri, gi], b.levels)
                out.append(
                    {
                        **head,
                        "suppressed": False,
                        **{f"{key}_from": before[key] for key in FIGURES},
                        **{f"{key}_to": after[key] for key in FIGURES},
                    }
                )
    return out


def published(b: Benchmarks) -> dict[str, Any]:
    """The benchmark JSON that pages, downloads and the self-assessment all use."""
    return {
        "synthetic": b.synthetic,
        "minimum_group_size": b.minimum_group_size,
        "homogeneity_share": b.homogeneity_share,
        "framework_version": b.framework_version,
        "levels": b.levels,
        "rounds": [{"id": i, "label": label} for i, label in b.rounds],
        "groups": [{"id": g.id, "kind": g.kind, "value": g.value, "label": g.label} for g in b.groups],
        "cells": cells(b),
        "changes": changes(b),
    }
