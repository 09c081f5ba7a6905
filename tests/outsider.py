"""The outsider: reads every published benchmark figure and works out what it can about the hidden ones.

Written apart from generator/results/disclosure.py on purpose, and stronger than it: for every hidden
figure it solves linear programmes (scipy's HiGHS) over all the published figures of a table at once, so
it finds the tightest range each hidden count, and each set of hidden counts, can lie in. It assumes the
outsider knows which combinations of org type and size band exist in each round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog


@dataclass(frozen=True)
class Truth:
    """What the test knows and the outsider does not: true counts, for the findings that depend on them."""

    respondents: dict[tuple, int]  # (topic, crossing, group, round) -> respondents with a level
    sample: dict[tuple, int]  # (group, round) -> respondents


def _cumulative_bounds(cell: dict, levels: list[int]) -> tuple[list[int], list[int]]:
    """What a shown cell's respondents and quartiles say about how many are at or below each level."""
    n = cell["respondents"]
    lower, upper = [0] * len(levels), [n] * len(levels)
    for quarter, key in ((1, "q1"), (2, "median"), (3, "q3")):
        at, need = levels.index(cell[key]), -(-quarter * n // 4)  # at least a quarter's share at or below it
        for j in range(len(levels)):
            if j >= at:
                lower[j] = max(lower[j], need)
            else:
                upper[j] = min(upper[j], need - 1)  # and fewer below it
    lower[-1] = upper[-1] = n
    return lower, upper


def _bound(objective: np.ndarray, a_ub, b_ub, a_eq, b_eq, sense: int) -> float:
    res = linprog(sense * objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if res.status == 2:
        raise AssertionError("the published figures contradict each other")
    if res.status == 3:
        return np.inf if sense < 0 else -np.inf
    return sense * res.fun


def findings(data: dict, sample: list[list[int | None]], support: dict[str, set], truth: Truth) -> list[str]:
    """Everything the outsider learns that it must not: empty when disclosure control held."""
    k, share, levels = data["minimum_group_size"], data["homogeneity_share"], data["levels"]
    groups = data["groups"]
    rounds = [r["id"] for r in data["rounds"]]
    out = []
    cells: dict[tuple, dict] = {}
    for c in data["cells"]:
        cells[(c["topic"], c["crossing"], c["group"], c["round"])] = c
        if not c["suppressed"] and c["respondents"] < k:
            out.append(f"published figure under {k}: {c}")
    units = sorted({(c["topic"], c["crossing"]) for c in data["cells"]}, key=str)
    for topic, crossing in units:
        for ri, rnd in enumerate(rounds):
            out += _table(topic, crossing, rnd, ri, cells, groups, levels, sample, support[rnd], truth, k, share)
    return out


def _table(topic, crossing, rnd, ri, cells, groups, levels, sample, support, truth, k, share) -> list[str]:
    combos = sorted(support)
    n_levels = len(levels)
    n_vars = len(combos) * n_levels

    def inside(g: dict) -> list[int]:
        if g["kind"] == "all":
            return list(range(len(combos)))
        pos = 0 if g["kind"] == "org_type" else 1
        return [i for i, c in enumerate(combos) if c[pos] == g["value"]]

    def level_vector(idx: list[int], lv: int | None, upto: bool = False) -> np.ndarray:
        w = np.zeros(n_vars)
        for i in idx:
            if lv is None:
                w[i * n_levels : (i + 1) * n_levels] = 1
            elif upto:
                w[i * n_levels : i * n_levels + lv + 1] = 1
            else:
                w[i * n_levels + lv] = 1
        return w

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    hidden = []
    for gi, g in enumerate(groups):
        cell = cells[(topic, crossing, g["id"], rnd)]
        idx = inside(g)
        if cell["suppressed"]:
            hidden.append((g, idx))
        else:
            lower, upper = _cumulative_bounds(cell, levels)
            for j in range(n_levels):
                a_ub += [level_vector(idx, j, upto=True), -level_vector(idx, j, upto=True)]
                b_ub += [upper[j], -lower[j]]
        if sample[gi][ri] is not None:
            a_ub.append(level_vector(idx, None))
            b_ub.append(sample[gi][ri])
    everyone_sample = sample[0][ri]
    quantities = [(g["id"], [g], idx) for g, idx in hidden]
    for kind in ("org_type", "size_band"):
        part = [(g, idx) for g, idx in hidden if g["kind"] == kind]
        if len(part) > 1:
            quantities.append((f"hidden {kind}s", [g for g, _ in part], sorted({i for _, idx in part for i in idx})))
        shown_samples = [sample[gi][ri] for gi, g in enumerate(groups) if g["kind"] == kind]
        if everyone_sample is not None and None in shown_samples:
            hidden_cells = sorted(
                {i for gi, g in enumerate(groups) if g["kind"] == kind and sample[gi][ri] is None for i in inside(g)}
            )
            a_ub.append(level_vector(hidden_cells, None))
            b_ub.append(everyone_sample - sum(s for s in shown_samples if s is not None))
    if not quantities or not combos:
        return []
    lp = (np.array(a_ub) if a_ub else None, b_ub or None, np.array(a_eq) if a_eq else None, b_eq or None)
    out = []
    for name, members, idx in quantities:
        lo = np.ceil(_bound(level_vector(idx, None), *lp, 1) - 1e-6)
        hi = np.floor(_bound(level_vector(idx, None), *lp, -1) + 1e-6)
        level_lo = [np.ceil(_bound(level_vector(idx, lv), *lp, 1) - 1e-6) for lv in range(n_levels)]
        true_n = sum(truth.respondents[(topic, crossing, g["id"], rnd)] for g in members)
        true_s = sum(truth.sample[(g["id"], rnd)] for g in members)
        where = f"{topic}/{crossing}/{rnd}/{name}: range {lo:.0f}..{hi:.0f}"
        if lo >= 1 and hi <= k - 1:
            out.append(f"{where} narrowed to a small group")
        if hi == 0 and true_s > 0:
            out.append(f"{where} pinned to 0 in a group with respondents")
        if true_n < k and max(level_lo) >= 1:
            out.append(f"{where}: a member of a small group must be at a level ({level_lo})")
        if lo >= 1 and max(level_lo) >= share * hi:
            out.append(f"{where}: nearly everyone must be at one level ({level_lo})")
    return out
