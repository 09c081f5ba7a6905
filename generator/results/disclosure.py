"""Disclosure control: which benchmark figures to hide so that no one can work out a small group's answers.

The outsider has every published figure and does interval arithmetic over all of them. So figures are
not protected table by table but jointly, per round and per topic (the topic and each of its crossing
values share one pattern of hidden groups), over every way of splitting respondents (everyone, each org
type, each size band), and from one round to the next:

- primary: a group with fewer than k respondents, or one in which at least `homogeneity_share` of
  respondents sit at one level (publishing its spread would tell each member's level), or one whose
  change since the last round looks like fewer than k respondents joining or leaving;
- secondary: then, while the outsider's arithmetic (generator.results.intervals) can narrow a hidden
  group, or the hidden groups of one split taken together, to 1..k-1 respondents, to 0 when it has
  respondents, to a level held by a member of a small group, or to one level for nearly everyone, hide
  one more group, the smallest in that split first.

The outsider is assumed to know which combinations of peer groups exist (which org types have
organisations of which size): the audit allows respondents only in those combinations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.results import audit_lp
from generator.results.intervals import UNBOUNDED, System, propagate
from generator.results.quantiles import cumulative_bounds


@dataclass(frozen=True)
class Layout:
    """Peer groups as sets of cells of the finest split (one value of every kind of peer group)."""

    members: np.ndarray  # [G, C] bool; group 0 is everyone
    partitions: list[list[int]]  # the groups of each kind: each adds up to everyone

    def partition_of(self, group: int) -> int | None:
        return next((i for i, part in enumerate(self.partitions) if group in part), None)


@dataclass(frozen=True)
class Rule:
    k: int  # the minimum group size
    homogeneity_share: float  # at least this share at one level: the spread is not published


def homogeneous(counts: np.ndarray, share: float) -> np.ndarray:
    """Whether at least `share` of a cell's respondents sit at one level (counts [..., L])."""
    n = counts.sum(-1)
    return (n > 0) & (counts.max(-1) >= share * n)


def small_change(now: np.ndarray, before: np.ndarray, k: int) -> np.ndarray:
    """Whether the change between two spreads looks like 1..k-1 respondents joining or leaving and no one else moving."""
    d = now - before
    one_way = (d >= 0).all(-1) | (d <= 0).all(-1)
    moved = np.abs(d.sum(-1))
    return one_way & (moved > 0) & (moved < k)


# -- the audit: the outsider's arithmetic on one round of one topic ------------------------------------------


@dataclass(frozen=True)
class Table:
    """What is published for one round of one family of units, and the truth behind it."""

    counts: np.ndarray  # [U, G, L] respondents of each group at each level (the truth)
    hidden: np.ndarray  # [G]
    sample: np.ndarray  # [G] respondents of each group in the round (the truth)
    sample_hidden: np.ndarray  # [G]
    support: np.ndarray  # [C] cells of the finest split that have respondents
    levels: bool = True  # False for the table of respondents, which has no levels


@dataclass(frozen=True)
class Quantity:
    """A sum the outsider can ask about: one group, or the hidden groups (or samples) of one split together."""

    groups: list[int]
    split: int | None
    kind: str  # "group", "hidden" or "sample"


def quantities(layout: Layout, hidden: np.ndarray, sample_hidden: np.ndarray) -> list[Quantity]:
    out = [Quantity([g], layout.partition_of(g), "group") for g in range(len(layout.members))]
    for p, part in enumerate(layout.partitions):
        for mask, kind in ((hidden, "hidden"), (sample_hidden, "sample")):
            chosen = [g for g in part if mask[g]]
            if len(chosen) > 1:  # a union of one is that group, already asked about
                out.append(Quantity(chosen, p, kind))
    return out


def audit(table: Table, layout: Layout, rule: Rule) -> list[tuple[int, int | None]]:
    """The outsider's findings: (unit, split) for each hidden quantity it narrows too far."""
    counts, k = table.counts, rule.k
    n_units, _, n_levels = counts.shape
    cells = np.flatnonzero(table.support)
    quants = quantities(layout, table.hidden, table.sample_hidden)
    nq, nx = len(quants), len(cells) * n_levels
    z0, y0 = nx, nx + nq * n_levels  # z: a quantity's respondents at each level; y: its respondents
    n_vars = y0 + nq
    # z[q, l] = sum of x[c, l] over the quantity's cells; y[q] = sum of z[q, l] over levels.
    coef = np.zeros((nq * (n_levels + 1), n_vars))
    for q, quant in enumerate(quants):
        inside = layout.members[quant.groups].any(0)[cells]
        for lv in range(n_levels):
            coef[q * (n_levels + 1) + lv, z0 + q * n_levels + lv] = 1
            coef[q * (n_levels + 1) + lv, np.flatnonzero(inside) * n_levels + lv] = -1
        coef[q * (n_levels + 1) + n_levels, y0 + q] = 1
        coef[q * (n_levels + 1) + n_levels, z0 + q * n_levels : z0 + (q + 1) * n_levels] = -1
    # Each split adds up to everyone, and a union adds up its groups, level by level.
    extra = []
    for lv in range(n_levels):
        for part in layout.partitions:
            row = np.zeros(n_vars)
            row[[z0 + g * n_levels + lv for g in part]] = 1
            row[z0 + lv] = -1  # quantity 0 is group 0, everyone
            extra.append(row)
        for q, quant in enumerate(quants):
            if quant.kind != "group":
                row = np.zeros(n_vars)
                row[z0 + q * n_levels + lv] = 1
                row[[z0 + g * n_levels + lv for g in quant.groups]] = -1
                extra.append(row)
    # A shown group publishes its respondents and quartiles: bounds on how many are at or below each level.
    n_groups = counts.shape[1]
    cum_rows = np.zeros((n_groups * n_levels, n_vars))
    for g in range(n_groups):  # groups are the first quantities, in order
        for j in range(n_levels):
            cum_rows[g * n_levels + j, z0 + g * n_levels : z0 + g * n_levels + j + 1] = 1
    cum_lo, cum_hi = cumulative_bounds(counts)  # [U, G, L]
    shown = ~table.hidden[None, :, None]
    cum_lo = np.where(shown, cum_lo, -UNBOUNDED).reshape(n_units, -1)
    cum_hi = np.where(shown, cum_hi, UNBOUNDED).reshape(n_units, -1)
    coef = np.vstack([coef, *extra, cum_rows])
    zeros = np.zeros((n_units, len(coef) - len(cum_rows)))
    system = System(coef, np.hstack([zeros, cum_lo]), np.hstack([zeros, cum_hi]))
    lo = np.zeros((n_units, n_vars))
    hi = np.full((n_units, n_vars), UNBOUNDED)
    shown_sample = ~table.sample_hidden
    for q, quant in enumerate(quants):
        g = quant.groups[0]
        if quant.kind == "group" and shown_sample[g]:
            hi[:, y0 + q] = table.sample[g]
        if quant.kind == "sample" and shown_sample[0]:
            part = layout.partitions[quant.split]
            hi[:, y0 + q] = table.sample[0] - sum(table.sample[g] for g in part if shown_sample[g])
    lo, hi = propagate(system, lo, hi)
    findings = []
    for q, quant in enumerate(quants):
        if quant.kind == "sample" or not table.hidden[quant.groups].all():
            continue
        ylo, yhi = lo[:, y0 + q], hi[:, y0 + q]
        zlo = lo[:, z0 + q * n_levels : z0 + (q + 1) * n_levels]
        n_true = counts[:, quant.groups].sum((-1, -2))
        s_true = table.sample[quant.groups].sum()
        bad = (ylo >= 1) & (yhi <= k - 1)  # narrowed to a small group
        if table.levels:
            bad |= (yhi == 0) & (s_true > 0)  # pinned to 0: every member answered 'not applicable' or 'not sure'
            bad |= (n_true < k) & (zlo >= 1).any(-1)  # a level that a member of a small group holds
            bad |= (ylo >= 1) & (zlo.max(-1) >= rule.homogeneity_share * yhi)  # one level for nearly everyone
        findings += [(int(u), quant.split) for u in np.flatnonzero(bad)]
    return findings


# -- choosing what to hide ---------------------------------------------------------------------------------


def next_to_hide(table: Table, layout: Layout, unit: int, split: int | None) -> int:
    """The group to hide next: the smallest shown one in the split the finding is in, then in any split, then everyone."""
    n = table.counts[unit].sum(-1)
    splits = ([split] if split is not None else []) + [p for p in range(len(layout.partitions)) if p != split]
    for p in splits:
        shown = [g for g in layout.partitions[p] if not table.hidden[g]]
        if shown:
            return min(shown, key=lambda g: (n[g], table.sample[g], g))
    return 0


def protect_table(table: Table, layout: Layout, rule: Rule, primary: np.ndarray) -> np.ndarray:
    """The groups to hide in one table ([G]): the primary ones, then more until the audit finds nothing."""
    hidden = primary.copy()
    while True:
        if hidden[0]:
            return np.ones_like(hidden)  # every split adds up to everyone: hide everyone, hide every part
        # In the table of respondents the figures are the samples themselves.
        sample_hidden = table.sample_hidden if table.levels else hidden
        current = Table(table.counts, hidden, table.sample, sample_hidden, table.support, table.levels)
        # Propagation first, being fast; the full solver only to confirm what propagation lets through.
        findings = audit(current, layout, rule) or audit_lp.findings(
            current, layout, rule, quantities(layout, hidden, sample_hidden)
        )
        if not findings:
            return hidden
        unit, split = findings[0]
        hidden[next_to_hide(current, layout, unit, split)] = True


def protect(
    counts: np.ndarray, samples: np.ndarray, layout: Layout, families: list[list[int]], rule: Rule
) -> tuple[np.ndarray, np.ndarray]:
    """Hidden figures for counts [U, R, C, L] and samples [R, C] by cell of the finest split.

    Returns (hidden [U, R, G], sample hidden [R, G]); units in one family share one pattern per round.
    """
    members = layout.members.astype(np.int64)
    n_units, n_rounds = counts.shape[:2]
    by_group = np.einsum("gc,urcl->urgl", members, counts)
    sample = samples @ members.T  # [R, G]
    hidden = np.zeros((n_units, n_rounds, len(members)), bool)
    sample_hidden = np.zeros((n_rounds, len(members)), bool)
    for r in range(n_rounds):
        support = samples[r] > 0
        table = Table(sample[r][None, :, None], sample[r] < rule.k, sample[r], sample[r] < rule.k, support, False)
        sample_hidden[r] = protect_table(table, layout, rule, sample[r] < rule.k)
        for family in families:
            c = by_group[family, r]
            primary = (c.sum(-1) < rule.k) | homogeneous(c, rule.homogeneity_share)
            if r:
                before = by_group[family, r - 1]
                primary |= ~hidden[family, r - 1] & small_change(c, before, rule.k)
            table = Table(c, primary.any(0), sample[r], sample_hidden[r], support)
            hidden[family, r] = protect_table(table, layout, rule, primary.any(0))
    return hidden, sample_hidden
