"""The outsider at full strength: the tightest range of each hidden figure, by linear programming.

Bounds propagation (generator.results.intervals) is fast but only combines constraints one at a time;
an outsider with a linear-programme solver combines all of them. So once propagation finds nothing,
this check solves, for each hidden figure, for the least and most it can be given everything published,
with scipy's HiGHS solver.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

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

    def weights(mask: np.ndarray, level: int | None) -> np.ndarray:
        w = np.zeros((len(cells), n_levels))
        if level is None:
            w[mask] = 1
        else:
            w[mask, level] = 1
        return w.reshape(n_vars)

    shown = [g for g in range(n_groups) if not table.hidden[g]]
    a_eq = np.array([weights(inside[g], lv) for g in shown for lv in range(n_levels)]).reshape(-1, n_vars)
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
    a_ub = np.array(ub_rows).reshape(-1, n_vars)
    out = []
    for u in range(n_units):
        lp = _Programme(a_eq, np.array([counts[u, g, lv] for g in shown for lv in range(n_levels)]), a_ub, np.array(b_ub))
        for quant in quantities:
            if quant.kind == "sample" or not table.hidden[quant.groups].all():
                continue
            mask = inside[quant.groups].any(0)
            n_true = int(counts[u, quant.groups].sum())
            s_true = int(table.sample[quant.groups].sum())
            hi = lp.most(weights(mask, None))
            lo = lp.least(weights(mask, None)) if hi <= k - 1 or table.levels else 0.0
            bad = lo >= 1 and hi <= k - 1
            if table.levels and not bad:
                bad = hi == 0 and s_true > 0
                if not bad and (n_true < k or lo >= 1):
                    least = [lp.least(weights(mask, lv)) for lv in range(n_levels)]
                    bad = (n_true < k and max(least) >= 1) or (lo >= 1 and max(least) >= rule.homogeneity_share * hi)
            if bad:
                out.append((u, quant.split))
                break
    return out
