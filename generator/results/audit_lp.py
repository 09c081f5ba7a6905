"""The outsider at full strength: the tightest range of each hidden figure, by linear programming.

Bounds propagation (generator.results.intervals) is fast but only combines constraints one at a time;
an outsider with a linear-programme solver combines all of them. So once propagation finds nothing,
this check solves, for each hidden figure, for the least and most it can be given everything published,
with the HiGHS solver. One model per unit is solved for many objectives in turn; HiGHS starts each solve
from the last one's basis, so the many small solves cost little.
"""

from __future__ import annotations

import numpy as np

# The plain binding: highspy's Highs subclass prints a banner to standard output when it is made.
from highspy._core import HighsLp, HighsModelStatus, MatrixFormat, ObjSense
from highspy._core import _Highs as Highs

from generator.results.quantiles import cumulative_bounds

_EPS = 1e-6


class _Programme:
    """Everything published about one unit of one table, as constraints a_ub @ x <= b_ub on counts x >= 0."""

    def __init__(self, a_ub: np.ndarray, b_ub: np.ndarray):
        n_rows, n_vars = a_ub.shape
        lp = HighsLp()
        lp.num_col_, lp.num_row_ = n_vars, n_rows
        lp.col_cost_ = np.zeros(n_vars)
        lp.col_lower_, lp.col_upper_ = np.zeros(n_vars), np.full(n_vars, np.inf)
        lp.row_lower_, lp.row_upper_ = np.full(n_rows, -np.inf), np.asarray(b_ub, float)
        columns, rows = np.nonzero(a_ub.T)  # column by column, as HiGHS stores it
        lp.a_matrix_.format_ = MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(columns, np.arange(n_vars + 1)).astype(np.int32)
        lp.a_matrix_.index_ = rows.astype(np.int32)
        lp.a_matrix_.value_ = a_ub.T[columns, rows].astype(float)
        self.highs = Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")  # so each solve starts from the last one's basis
        self.highs.passModel(lp)
        self.columns = np.arange(n_vars, dtype=np.int32)

    def _optimum(self, weights: np.ndarray, sense: ObjSense) -> float | None:
        """The optimum of weights @ x, or None when there is none (no feasible point, or unbounded)."""
        self.highs.changeObjectiveSense(sense)
        self.highs.changeColsCost(len(self.columns), self.columns, weights.astype(float))
        self.highs.run()
        if self.highs.getModelStatus() != HighsModelStatus.kOptimal:
            return None
        return float(self.highs.getInfo().objective_function_value)

    def least(self, weights: np.ndarray) -> float:
        value = self._optimum(weights, ObjSense.kMinimize)
        return 0.0 if value is None else float(np.ceil(value - _EPS))

    def most(self, weights: np.ndarray) -> float:
        value = self._optimum(weights, ObjSense.kMaximize)
        return np.inf if value is None else float(np.floor(value + _EPS))


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
        lp = _Programme(a_ub, b)
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
