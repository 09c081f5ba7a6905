"""Disclosure control: which benchmark cells to hide so that no figure rests on fewer than k respondents."""

from __future__ import annotations

import numpy as np


def suppress(n: np.ndarray, parts: list[list[int]], k: int) -> np.ndarray:
    """Which cells to hide, for respondents n[..., group] where group 0 is everyone and parts partition it.

    Primary: a cell under k. Secondary: within each partition the hidden cells' total can be worked out
    as everyone minus the shown cells, so hide the smallest shown cells until that total is 0 or at least k.
    """
    hidden = n < k
    flat_n = n.reshape(-1, n.shape[-1])
    flat_h = hidden.reshape(-1, n.shape[-1])
    for row in range(flat_n.shape[0]):
        counts, h = flat_n[row], flat_h[row]
        if h[0]:
            h[:] = True  # every part of a group under k is under k too
            continue
        for part in parts:
            while True:
                hidden_total = sum(int(counts[i]) for i in part if h[i])
                shown = [i for i in part if not h[i]]
                if hidden_total == 0 or hidden_total >= k or not shown:
                    break
                h[min(shown, key=lambda i: (counts[i], i))] = True
    return flat_h.reshape(n.shape)
