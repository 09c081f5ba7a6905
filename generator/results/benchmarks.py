"""Validated results into benchmark figures: topic levels, spread per peer group and round, disclosure control.

Levels are ordinal, so every summary is a level (median and quartiles by the inverted empirical
distribution), never an average. Every figure rests on at least the framework's minimum group size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from generator.framework.model import Model
from generator.results.disclosure import Layout, Rule, protect
from generator.results.groups import GROUP_KINDS
from generator.results.load import Results

ALL = "all"


@dataclass(frozen=True)
class Group:
    """A peer group: everyone, or everyone with one value of one kind of peer group."""

    id: str
    kind: str  # "all", or the kind of a GroupKind
    value: str | None
    label: str


@dataclass(frozen=True)
class Unit:
    """What one benchmark describes: a topic, or one crossing value within a topic."""

    topic: str
    crossing: str | None


@dataclass(frozen=True, eq=False)
class Benchmarks:
    """Published figures. `counts[u, r, g, l]` respondents of unit u, round r, group g at level index l."""

    synthetic: bool
    minimum_group_size: int
    homogeneity_share: float
    framework_version: str
    levels: list[int]
    rounds: list[tuple[str, str]]
    groups: list[Group]
    units: list[Unit]
    counts: np.ndarray
    suppressed: np.ndarray  # [u, r, g]
    sample: np.ndarray  # [r, g] respondents with any answer
    sample_suppressed: np.ndarray  # [r, g]
    answers: dict[str, int]  # answers used: levels, 'na', 'unknown'


def groups_of(results: Results) -> list[Group]:
    """Everyone, then every value of each kind of peer group, in the order groups.yml declares them."""
    g = results.groups
    return [Group(ALL, "all", None, "All respondents")] + [
        Group(f"{k.kind}:{v.id}", k.kind, v.id, v.label) for k in GROUP_KINDS for v in g.values(k)
    ]


def partitions(groups: list[Group]) -> list[list[int]]:
    """Sets of groups whose respondents add up to 'all': the values of each kind of peer group."""
    return [[i for i, g in enumerate(groups) if g.kind == k.kind] for k in GROUP_KINDS]


def units_of(model: Model) -> list[Unit]:
    units = [Unit(t.id, None) for t in model.topics]
    if model.framework.crossing:
        for t in model.topics:
            present = {q.crossing for q in t.questions}
            units += [Unit(t.id, cv.id) for cv in model.framework.crossing.values if cv.id in present]
    return units


# -- the scoring rule, vectorised --------------------------------------------------------------------------


def score(keys: np.ndarray, levels: np.ndarray, rule: str, minimum_answers: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """scoring.topic_level for many answer sets at once.

    keys says which set each answer belongs to; levels holds the answer (negative for 'na' or 'unknown').
    Returns (each key that has an answer, its level or -1 when too few questions have a level).
    """
    answered = levels >= 0
    if rule not in ("median", "minimum"):
        raise ValueError(f"unknown scoring rule {rule!r}")
    if not answered.any():
        return np.zeros(0, keys.dtype), np.zeros(0, np.int64)
    # One sort of (key, level) packed in an int64, rather than an argsort and two gathers.
    span = int(levels.max()) + 1
    packed = keys[answered].astype(np.int64) * span + levels[answered]
    packed.sort()
    k = packed // span
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    pick = starts + (sizes - 1) // 2 if rule == "median" else starts
    out = (packed[pick] % span).astype(np.int64)
    out[sizes < max(1, minimum_answers)] = -1
    return k[starts].astype(keys.dtype), out


def topic_levels(results: Results, model: Model, units: list[Unit]) -> pd.DataFrame:
    """One row per respondent, round and unit that has a level: the level by the framework's scoring rule."""
    a = results.answers
    n_rounds = len(results.groups.rounds)
    # Narrow codes: at a million answers each int64 copy of a column is 8 MB.
    level = a["level"].to_numpy(dtype=np.int16, na_value=-1)
    topic_codes = a["topic"].cat.codes.to_numpy()
    topic_ids = list(a["topic"].cat.categories)
    unit_of_topic = np.array([units.index(Unit(t, None)) for t in topic_ids], dtype=np.int32)
    n_units = len(units)
    pieces = [unit_of_topic[topic_codes]]
    if "crossing" in a:
        cross_codes = a["crossing"].cat.codes.to_numpy()
        cross_ids = list(a["crossing"].cat.categories)
        lookup = np.full((len(topic_ids), len(cross_ids)), -1, np.int32)
        for i, u in enumerate(units):
            if u.crossing is not None:
                lookup[topic_ids.index(u.topic), cross_ids.index(u.crossing)] = i
        pieces.append(lookup[topic_codes, cross_codes])
    who = who_of(results)
    frames = []
    rule, minimum = model.framework.scoring.rule, model.framework.scoring.minimum_answers
    for unit in pieces:
        keys, lv = score(who.astype(np.int64) * n_units + unit, level, rule, minimum)
        keep = lv >= 0
        frames.append(pd.DataFrame({"who": keys[keep] // n_units, "unit": keys[keep] % n_units, "level": lv[keep]}))
    del pieces
    out = pd.concat(frames, ignore_index=True)
    # A respondent's peer groups are fixed within a round (generator.results.combine checks it).
    _, first_row = np.unique(who, return_index=True)
    first = pd.DataFrame(
        {
            "who": who[first_row].astype(np.int64),
            **{k.kind: a[k.kind].cat.codes.to_numpy()[first_row] for k in GROUP_KINDS},
        }
    )
    out = out.merge(first, on="who", how="left", validate="many_to_one")
    out["round"] = out["who"] % n_rounds
    return out


def who_of(results: Results) -> np.ndarray:
    """Each answer's respondent and round as one code: respondent * rounds + round."""
    a = results.answers
    resp = a["respondent"].cat.codes.to_numpy()
    rnd = a["round"].cat.codes.to_numpy()
    kind = np.int32 if len(a["respondent"].cat.categories) * len(results.groups.rounds) < 2**31 else np.int64
    return resp.astype(kind) * len(results.groups.rounds) + rnd


# -- aggregation and disclosure control --------------------------------------------------------------------


def layout_of(results: Results, groups: list[Group]) -> tuple[Layout, np.ndarray]:
    """Groups as sets of cells of the finest split, and each kind's stride in a cell's index."""
    sizes = [len(results.groups.values(kind)) for kind in GROUP_KINDS]
    strides = np.array([int(np.prod(sizes[i + 1 :])) for i in range(len(sizes))], np.int64)
    n_cells = int(np.prod(sizes))
    codes = np.indices(sizes).reshape(len(sizes), n_cells)  # each cell's value of every kind
    members = np.zeros((len(groups), n_cells), bool)
    members[0] = True
    kinds = [k.kind for k in GROUP_KINDS]
    for gi, g in enumerate(groups[1:], start=1):
        ki = kinds.index(g.kind)
        members[gi] = codes[ki] == [v.id for v in results.groups.values(GROUP_KINDS[ki])].index(g.value)
    return Layout(members, partitions(groups)), strides


Memo = Callable[[str, Callable[[], bytes]], bytes]  # (key, make) -> make()'s bytes, perhaps kept from before

# The modules whose code decides what is hidden: a memo of their answer is only good for the same code.
DISCLOSURE_CODE = (
    "generator.results.disclosure",
    "generator.results.audit_lp",
    "generator.results.intervals",
    "generator.results.quantiles",
)


def hide(
    fine: np.ndarray, samples: np.ndarray, layout: Layout, families: list[list[int]], rule: Rule, memo: Memo | None
):
    """disclosure.protect, or its answer for the same figures from `memo` (the audit's linear programmes are slow)."""
    if memo is None:
        return protect(fine, samples, layout, families, rule)
    digest = hashlib.sha256()
    for part in (fine, samples, layout.members):
        digest.update(repr((part.shape, part.dtype.str)).encode() + np.ascontiguousarray(part).tobytes())
    digest.update(repr((layout.partitions, families, rule)).encode())

    def make() -> bytes:
        hidden, sample_hidden = protect(fine, samples, layout, families, rule)
        return np.concatenate([hidden.ravel(), sample_hidden.ravel()]).astype(np.uint8).tobytes()

    flat = np.frombuffer(memo(digest.hexdigest(), make), np.uint8).astype(bool)
    n_hidden = fine.shape[0] * fine.shape[1] * len(layout.members)
    return flat[:n_hidden].reshape(fine.shape[0], fine.shape[1], -1), flat[n_hidden:].reshape(fine.shape[1], -1)


def aggregate(results: Results, model: Model, memo: Memo | None = None) -> Benchmarks:
    """Counts per unit, round, peer group and level, with disclosure control applied."""
    fw = model.framework
    units = units_of(model)
    groups = groups_of(results)
    levels = model.level_numbers
    layout, strides = layout_of(results, groups)
    n_rounds, n_cells = len(results.groups.rounds), layout.members.shape[1]
    t = topic_levels(results, model, units)
    cell = sum(t[kind.kind].to_numpy().astype(np.int64) * s for kind, s in zip(GROUP_KINDS, strides, strict=True))
    u, r, lv = t["unit"].to_numpy(), t["round"].to_numpy(), t["level"].to_numpy() - levels[0]
    shape = (len(units), n_rounds, n_cells, len(levels))
    flat = ((u * n_rounds + r) * n_cells + cell) * len(levels) + lv
    fine = np.bincount(flat, minlength=int(np.prod(shape))).reshape(shape)

    a = results.answers
    _, people = np.unique(who_of(results), return_index=True)  # each respondent's first answer in a round
    people_cell = sum(
        a[kind.kind].cat.codes.to_numpy()[people].astype(np.int64) * s
        for kind, s in zip(GROUP_KINDS, strides, strict=True)
    )
    fine_sample = np.zeros((n_rounds, n_cells), np.int64)
    np.add.at(fine_sample, (a["round"].cat.codes.to_numpy()[people], people_cell), 1)

    families = [[i for i, unit in enumerate(units) if unit.topic == t.id] for t in model.topics]
    rule = Rule(fw.minimum_group_size, fw.homogeneity_share)
    hidden, sample_hidden = hide(fine, fine_sample, layout, families, rule, memo)
    members = layout.members.astype(np.int64)
    answer_counts = a["answer"].value_counts()
    return Benchmarks(
        synthetic=results.synthetic,
        minimum_group_size=rule.k,
        homogeneity_share=rule.homogeneity_share,
        framework_version=fw.version,
        levels=levels,
        rounds=[(v.id, v.label) for v in results.groups.rounds],
        groups=groups,
        units=units,
        counts=np.einsum("gc,urcl->urgl", members, fine),
        suppressed=hidden,
        sample=fine_sample @ members.T,
        sample_suppressed=sample_hidden,
        answers={str(key): int(n) for key, n in answer_counts.items()},
    )
