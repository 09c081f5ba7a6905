"""Interval arithmetic over linear constraints: what an outsider can work out from published sums.

Every published figure is a sum of unknown non-negative counts. Given such sums, each unknown lies in an
interval; bounds propagation narrows each interval from every constraint it takes part in until nothing
changes. This is the outsider's arithmetic that disclosure control must defeat, so the audit in
generator/results/disclosure.py runs it on the figures it is about to publish.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A finite stand-in for "no bound": inf - inf would be nan.
UNBOUNDED = 1e12
_EPS = 1e-6
MAX_ROUNDS = 200


@dataclass(frozen=True)
class System:
    """Constraints lower[j] <= sum_i coef[j, i] * x[i] <= upper[j], coefficients -1, 0 or 1."""

    coef: np.ndarray  # [J, V]
    lower: np.ndarray  # [..., J]
    upper: np.ndarray  # [..., J]


def propagate(system: System, lo: np.ndarray, hi: np.ndarray, *, integer: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Narrow integer bounds lo <= x <= hi ([..., V], several independent problems at once) to a fixpoint."""
    # Only the non-zero coefficients take part: constraints are short (a group's cells, a split's groups),
    # so working on them alone is many times faster than on the whole matrix.
    rows, cols = np.nonzero(system.coef)  # row by row
    pos = system.coef[rows, cols] > 0
    row_starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else np.zeros(0, int)
    by_col = np.argsort(cols, kind="stable")
    sorted_cols = cols[by_col]
    col_starts = np.flatnonzero(np.r_[True, sorted_cols[1:] != sorted_cols[:-1]]) if len(cols) else np.zeros(0, int)
    present = sorted_cols[col_starts]  # the variables that appear in some constraint
    lo, hi = lo.astype(float).copy(), hi.astype(float).copy()
    if not len(rows):
        return lo, hi
    lower, upper = system.lower[..., rows], system.upper[..., rows]
    for _ in range(MAX_ROUNDS):
        # The least and most each term a[j, i] * x[i] can be, and so each constraint's whole left side.
        lo_k, hi_k = lo[..., cols], hi[..., cols]
        tmin, tmax = np.where(pos, lo_k, -hi_k), np.where(pos, hi_k, -lo_k)
        smin = np.repeat(np.add.reduceat(tmin, row_starts, axis=-1), np.diff(np.r_[row_starts, len(rows)]), axis=-1)
        smax = np.repeat(np.add.reduceat(tmax, row_starts, axis=-1), np.diff(np.r_[row_starts, len(rows)]), axis=-1)
        # What the term a[j, i] * x[i] may be, given the other terms and the constraint's bounds.
        term_lo = lower - (smax - tmax)
        term_hi = upper - (smin - tmin)
        x_lo = np.where(pos, term_lo, -term_hi)[..., by_col]
        x_hi = np.where(pos, term_hi, -term_lo)[..., by_col]
        new_lo, new_hi = lo.copy(), hi.copy()
        new_lo[..., present] = np.maximum(lo[..., present], np.maximum.reduceat(x_lo, col_starts, axis=-1))
        new_hi[..., present] = np.minimum(hi[..., present], np.minimum.reduceat(x_hi, col_starts, axis=-1))
        if integer:
            new_lo, new_hi = np.ceil(new_lo - _EPS), np.floor(new_hi + _EPS)
        new_lo, new_hi = np.clip(new_lo, -UNBOUNDED, UNBOUNDED), np.clip(new_hi, -UNBOUNDED, UNBOUNDED)
        if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
            break
        lo, hi = new_lo, new_hi
    return lo, hi
