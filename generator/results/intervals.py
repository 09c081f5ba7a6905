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
    pos = (system.coef > 0).astype(float)
    neg = (system.coef < 0).astype(float)
    member = pos + neg
    lo, hi = lo.astype(float).copy(), hi.astype(float).copy()
    for _ in range(MAX_ROUNDS):
        # The least and most each term a[j, i] * x[i] can be, and so each constraint's whole left side.
        tmin = pos * lo[..., None, :] - neg * hi[..., None, :]
        tmax = pos * hi[..., None, :] - neg * lo[..., None, :]
        smin, smax = tmin.sum(-1, keepdims=True), tmax.sum(-1, keepdims=True)
        # What the term a[j, i] * x[i] may be, given the other terms and the constraint's bounds.
        term_lo = system.lower[..., None] - (smax - tmax)
        term_hi = system.upper[..., None] - (smin - tmin)
        x_lo = np.where(pos > 0, term_lo, np.where(neg > 0, -term_hi, -UNBOUNDED))
        x_hi = np.where(pos > 0, term_hi, np.where(neg > 0, -term_lo, UNBOUNDED))
        x_lo = np.where(member > 0, x_lo, -UNBOUNDED).max(-2)
        x_hi = np.where(member > 0, x_hi, UNBOUNDED).min(-2)
        new_lo, new_hi = np.maximum(lo, x_lo), np.minimum(hi, x_hi)
        if integer:
            new_lo, new_hi = np.ceil(new_lo - _EPS), np.floor(new_hi + _EPS)
        new_lo, new_hi = np.clip(new_lo, -UNBOUNDED, UNBOUNDED), np.clip(new_hi, -UNBOUNDED, UNBOUNDED)
        if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
            break
        lo, hi = new_lo, new_hi
    return lo, hi
