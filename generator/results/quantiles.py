"""The one rule for a group's middle level and quartiles: levels are ordinal, so never an average.

The level at quarter p (1, 2 or 3) is the lowest level that at least p quarters of respondents are at or
below (the inverted empirical distribution). Pages publish these; disclosure control reasons about what
they tell an outsider.
"""

from __future__ import annotations

import numpy as np

QUARTERS = (1, 2, 3)  # lower quartile, median, upper quartile


def quantile_index(counts: np.ndarray, quarter: int) -> np.ndarray:
    """Index of the level at `quarter` for counts [..., L]; 0 where there is no one."""
    cum = counts.cumsum(-1)
    n = cum[..., -1:]
    return np.argmax(cum * 4 >= quarter * n, axis=-1)


def cumulative_bounds(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What the respondents and quartiles of counts [..., L] tell about the cumulative counts.

    Returns (lower, upper), each [..., L]: the number at or below each level lies within them. The
    quartile at level j says that at least ceil(p n / 4) are at or below j, and fewer below it.
    """
    n = counts.sum(-1, keepdims=True)
    n_levels = counts.shape[-1]
    j = np.arange(n_levels)
    lower = np.zeros(counts.shape, np.int64)
    upper = np.broadcast_to(n, counts.shape).copy()
    for quarter in QUARTERS:
        need = -((-quarter * n) // 4)  # ceil(quarter * n / 4)
        at = quantile_index(counts, quarter)[..., None]
        lower = np.where(j >= at, np.maximum(lower, need), lower)
        upper = np.where(j < at, np.minimum(upper, need - 1), upper)
    lower[..., -1] = upper[..., -1] = n[..., 0]
    return lower, upper
