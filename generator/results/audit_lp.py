"""The outsider at full strength: the tightest range of each hidden figure, by linear programming.

Bounds propagation (generator.results.intervals) is fast but only combines constraints one at a time;
an outsider with a linear-programme solver combines all of them. So once propagation finds nothing,
this check solves, for each hidden figure, for the least and most it can be given everything published,
with scipy's HiGHS solver.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from generator.results.quantiles import cumulative_bounds

_EPS = 1e-6


class _Programme:
    """Everything published about one unit of one table, as constraints on counts x[cell, level] >= 0."""

    def __init__(self, a_eq: np.ndarray, b_eq: np.ndarray, a_ub: np.ndarray, b_ub: np.ndarray):
        self.args = {
            "A_eq": a_eq if len(a_eq) else None,
            "b_eq": b_eq if len(b_eq) else None,
            "A_ub": a_ub if len(a_ub) else None,
            "b_ub": b_ub if len(b_ub) else None,
        }

    def least(self, weights: np.ndarray) -> float:
        res = linprog(weights, bounds=(0, None), method="highs", **self.args)
        return float(np.ceil(res.fun - _EPS)) if res.status == 0 else 0.0

    def most(self, weights: np.ndarray) -> float:
        res = linprog(-weights, bounds=(0, None), method="highs", **self.args)
        return float(np.floor(-res.fun + _EPS)) if res.status == 0 else np.inf


def findings(table, layout, rule, quantities) -> list[tuple[int, int | None]]:
    """What propagation may have missed: (unit, split) for each hidden quantity narrowed too far."""
    counts, k = table.counts, rule.k
    n_units, n_groups, n_levels = counts.shape
    cells = np.flatnonzero(table.support)
    inside = layout.members[:, cells]  # [G, C']
    n_vars = len(cells) * n_levels

    def weights_upto(mask: np.ndarray, level: int) -> np.ndarray:
        w = np.zeros((len(cells), n_levels))
        w[mask, : level + 1] = 1
        return w.reshape(n_vars)

    def weights(mask: np.ndarray, level: int | None) -> np.ndarray:
        w = np.zeros((len(cells), n_levels))
        if level is None:
            w[mask] = 1
        else:
            w[mask, level] = 1
        return w.reshape(n_vars)

    shown = [g for g in range(n_groups) if not table.hidden[g]]
    # A shown group publishes its respondents and quartiles: bounds on how many are at or below each level.
    cum = np.array([weights_upto(inside[g], j) for g in shown for j in range(n_levels)]).reshape(-1, n_vars)
    cum_lo, cum_hi = cumulative_bounds(counts[:, shown])  # [U, shown, L]
    ub_rows, b_ub = [], []
    for g in range(n_groups):
        if not table.sample_hidden[g]:
            ub_rows.append(weights(inside[g], None))
            b_ub.append(table.sample[g])
    if not table.sample_hidden[0]:
        for part in layout.partitions:
            hid = [g for g in part if table.sample_hidden[g]]
            if hid:
                ub_rows.append(weights(inside[hid].any(0), None))
                b_ub.append(table.sample[0] - sum(table.sample[g] for g in part if not table.sample_hidden[g]))
    a_ub = np.vstack([np.array(ub_rows).reshape(-1, n_vars), cum, -cum])
    out = []
    for u in range(n_units):
        b = np.concatenate([np.array(b_ub, float), cum_hi[u].reshape(-1), -cum_lo[u].reshape(-1)])
        lp = _Programme(np.zeros((0, n_vars)), np.zeros(0), a_ub, b)
        for quant in quantities:
            if quant.kind == "sample" or not table.hidden[quant.groups].all():
                continue
            mask = inside[quant.groups].any(0)
            n_true = int(counts[u, quant.groups].sum())
            s_true = int(table.sample[quant.groups].sum())
            hi = lp.most(weights(mask, None))
            if hi <= k - 1 and lp.least(weights(mask, None)) >= 1:
                out.append((u, quant.split))  # narrowed to a small group
                break
            if not table.levels:
                continue
            bad = hi == 0 and s_true > 0  # pinned to 0 in a group with respondents
            true_levels = counts[u, quant.groups].sum(0)
            # The least count at a level is at most the true count: only levels that could reach the test need solving.
            # (A level a member of a small group must be at; nearly everyone at one level.)
            need = max(1.0, rule.homogeneity_share * hi) if n_true >= k else 1.0
            for lv in np.flatnonzero(true_levels >= need):
                if bad:
                    break
                least = lp.least(weights(mask, int(lv)))
                if n_true < k and least >= 1:
                    bad = True
                elif least >= rule.homogeneity_share * hi and lp.least(weights(mask, None)) >= 1:
                    bad = True
            if bad:
                out.append((u, quant.split))
                break
    return out
