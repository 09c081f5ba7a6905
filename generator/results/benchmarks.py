"""Validated results into benchmark figures: topic levels, spread per peer group and round, disclosure control.

Levels are ordinal, so every summary is a level (median and quartiles by the inverted empirical
distribution), never an average. Every figure rests on at least the framework's minimum group size.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from generator.framework.model import Model
from generator.results.load import Results

ALL = "all"
JSON_PATH = "benchmarks/benchmarks.json"
CSV_PATH = "benchmarks/benchmarks.csv"
CHANGES_CSV_PATH = "benchmarks/changes.csv"
SHARE_DIGITS = 4


@dataclass(frozen=True)
class Group:
    """A peer group: everyone, or everyone of one org_type or one size_band."""

    id: str
    kind: str  # "all", "org_type" or "size_band"
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

    @property
    def respondents(self) -> np.ndarray:
        return self.counts.sum(axis=-1)

    def unit_index(self, topic: str, crossing: str | None = None) -> int:
        return self.units.index(Unit(topic, crossing))


def groups_of(results: Results) -> list[Group]:
    g = results.groups
    return (
        [Group(ALL, "all", None, "All respondents")]
        + [Group(f"org_type:{v.id}", "org_type", v.id, v.label) for v in g.org_types]
        + [Group(f"size_band:{v.id}", "size_band", v.id, v.label) for v in g.size_bands]
    )


def partitions(groups: list[Group]) -> list[list[int]]:
    """Sets of groups whose respondents add up to 'all': each org_type, and each size_band."""
    return [[i for i, g in enumerate(groups) if g.kind == kind] for kind in ("org_type", "size_band")]


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
    k, lv = keys[answered], levels[answered]
    if not len(k):
        return np.zeros(0, keys.dtype), np.zeros(0, np.int64)
    order = np.lexsort((lv, k))
    k, lv = k[order], lv[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    pick = starts + (sizes - 1) // 2 if rule == "median" else starts
    out = lv[pick].astype(np.int64)
    out[sizes < max(1, minimum_answers)] = -1
    return k[starts], out


def topic_levels(results: Results, model: Model, units: list[Unit]) -> pd.DataFrame:
    """One row per respondent, round and unit that has a level: the level by the framework's scoring rule."""
    a = results.answers
    n_rounds = len(results.groups.rounds)
    resp = a["respondent"].cat.codes.to_numpy().astype(np.int64)
    rnd = a["round"].cat.codes.to_numpy().astype(np.int64)
    level = a["level"].to_numpy(dtype=np.int64, na_value=-1)
    topic_codes = a["topic"].cat.codes.to_numpy().astype(np.int64)
    topic_ids = list(a["topic"].cat.categories)
    unit_of_topic = np.array([units.index(Unit(t, None)) for t in topic_ids], dtype=np.int64)
    n_units = len(units)
    pieces = [unit_of_topic[topic_codes]]
    if "crossing" in a:
        cross_codes = a["crossing"].cat.codes.to_numpy().astype(np.int64)
        cross_ids = list(a["crossing"].cat.categories)
        lookup = np.full((len(topic_ids), len(cross_ids)), -1, np.int64)
        for i, u in enumerate(units):
            if u.crossing is not None:
                lookup[topic_ids.index(u.topic), cross_ids.index(u.crossing)] = i
        pieces.append(lookup[topic_codes, cross_codes])
    who = resp * n_rounds + rnd
    frames = []
    rule, minimum = model.framework.scoring.rule, model.framework.scoring.minimum_answers
    for unit in pieces:
        keys, lv = score(who * n_units + unit, level, rule, minimum)
        keep = lv >= 0
        frames.append(pd.DataFrame({"who": keys[keep] // n_units, "unit": keys[keep] % n_units, "level": lv[keep]}))
    out = pd.concat(frames, ignore_index=True)
    # org_type and size_band are fixed within a respondent's round (results.py checks it).
    first = pd.DataFrame(
        {"who": who, "org_type": a["org_type"].cat.codes.to_numpy(), "size_band": a["size_band"].cat.codes.to_numpy()}
    ).drop_duplicates("who")
    out = out.merge(first, on="who", how="left", validate="many_to_one")
    out["round"] = out["who"] % n_rounds
    return out


# -- aggregation and disclosure control --------------------------------------------------------------------


def aggregate(results: Results, model: Model) -> Benchmarks:
    """Counts per unit, round, peer group and level, with disclosure control applied."""
    fw = model.framework
    units = units_of(model)
    groups = groups_of(results)
    levels = model.level_numbers
    n_org, n_size = len(results.groups.org_types), len(results.groups.size_bands)
    shape = (len(units), len(results.groups.rounds), len(groups), len(levels))
    t = topic_levels(results, model, units)
    u, r, lv = t["unit"].to_numpy(), t["round"].to_numpy(), t["level"].to_numpy() - levels[0]
    counts = np.zeros(int(np.prod(shape)), np.int64)
    for g in (np.zeros(len(t), np.int64), 1 + t["org_type"].to_numpy(), 1 + n_org + t["size_band"].to_numpy()):
        flat = ((u * shape[1] + r) * shape[2] + g) * shape[3] + lv
        counts += np.bincount(flat, minlength=counts.size)
    counts = counts.reshape(shape)
    k = fw.minimum_group_size
    parts = partitions(groups)

    a = results.answers
    n_rounds = len(results.groups.rounds)
    people = a[["respondent", "round", "org_type", "size_band"]].drop_duplicates(["respondent", "round"])
    rc = people["round"].cat.codes.to_numpy()
    sample = np.zeros((n_rounds, len(groups)), np.int64)
    np.add.at(sample, (rc, 0), 1)
    np.add.at(sample, (rc, 1 + people["org_type"].cat.codes.to_numpy()), 1)
    np.add.at(sample, (rc, 1 + n_org + people["size_band"].cat.codes.to_numpy()), 1)
    assert sample.shape[1] == 1 + n_org + n_size
    answer_counts = a["answer"].value_counts()
    return Benchmarks(
        synthetic=results.synthetic,
        minimum_group_size=k,
        framework_version=fw.version,
        levels=levels,
        rounds=[(v.id, v.label) for v in results.groups.rounds],
        groups=groups,
        units=units,
        counts=counts,
        suppressed=suppress(counts.sum(axis=-1), parts, k),
        sample=sample,
        sample_suppressed=suppress(sample[None], parts, k)[0],
        answers={str(key): int(n) for key, n in answer_counts.items()},
    )


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


# -- summaries of one cell ---------------------------------------------------------------------------------


def quantile_level(counts: np.ndarray, levels: list[int], p4: int) -> int | None:
    """The level at quarter p4 (1, 2 or 3) by the inverted distribution: the lowest level reaching that share."""
    n = int(counts.sum())
    if not n:
        return None
    cum = np.cumsum(counts)
    return levels[int(np.argmax(cum * 4 >= p4 * n))]


def cell_figures(counts: np.ndarray, levels: list[int]) -> dict[str, Any]:
    n = int(counts.sum())
    return {
        "respondents": n,
        "shares": {
            str(lv): round(float(c) / n, SHARE_DIGITS) if n else 0.0 for lv, c in zip(levels, counts, strict=True)
        },
        "median": quantile_level(counts, levels, 2),
        "q1": quantile_level(counts, levels, 1),
        "q3": quantile_level(counts, levels, 3),
    }


def note(b: Benchmarks) -> str:
    return f"fewer than {b.minimum_group_size}"


def cells(b: Benchmarks) -> list[dict[str, Any]]:
    """Every published cell, in framework, group and round order; suppressed cells say so and nothing else."""
    out = []
    for ui, unit in enumerate(b.units):
        for gi, group in enumerate(b.groups):
            for ri, (round_id, _) in enumerate(b.rounds):
                head = {"topic": unit.topic, "crossing": unit.crossing, "group": group.id, "round": round_id}
                if b.suppressed[ui, ri, gi]:
                    out.append({**head, "suppressed": True, "note": note(b)})
                else:
                    out.append({**head, "suppressed": False, **cell_figures(b.counts[ui, ri, gi], b.levels)})
    return out


def changes(b: Benchmarks) -> list[dict[str, Any]]:
    """Change from each round to the next for the same unit and group; hidden when either cell is hidden."""
    out = []
    for ui, unit in enumerate(b.units):
        for gi, group in enumerate(b.groups):
            for ri in range(1, len(b.rounds)):
                head = {
                    "topic": unit.topic,
                    "crossing": unit.crossing,
                    "group": group.id,
                    "from_round": b.rounds[ri - 1][0],
                    "to_round": b.rounds[ri][0],
                }
                if b.suppressed[ui, ri - 1, gi] or b.suppressed[ui, ri, gi]:
                    out.append({**head, "suppressed": True, "note": note(b)})
                    continue
                before = cell_figures(b.counts[ui, ri - 1, gi], b.levels)
                after = cell_figures(b.counts[ui, ri, gi], b.levels)
                out.append(
                    {
                        **head,
                        "suppressed": False,
                        "respondents_from": before["respondents"],
                        "respondents_to": after["respondents"],
                        "median_from": before["median"],
                        "median_to": after["median"],
                        "share_changes": {
                            lv: round(after["shares"][lv] - before["shares"][lv], SHARE_DIGITS)
                            for lv in after["shares"]
                        },
                    }
                )
    return out


def published(b: Benchmarks) -> dict[str, Any]:
    """The benchmark JSON that pages, downloads and the self-assessment all use."""
    return {
        "synthetic": b.synthetic,
        "minimum_group_size": b.minimum_group_size,
        "framework_version": b.framework_version,
        "levels": b.levels,
        "rounds": [{"id": i, "label": label} for i, label in b.rounds],
        "groups": [{"id": g.id, "kind": g.kind, "value": g.value, "label": g.label} for g in b.groups],
        "cells": cells(b),
        "changes": changes(b),
    }


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def cells_csv(data: dict[str, Any]) -> str:
    """The published cells as tidy CSV, one row per cell, suppressed exactly as in the JSON."""
    groups = {g["id"]: g for g in data["groups"]}
    rows = []
    for c in data["cells"]:
        g = groups[c["group"]]
        row = {
            "synthetic": data["synthetic"],
            "framework_version": data["framework_version"],
            "topic": c["topic"],
            "crossing": c["crossing"] or "",
            "group": c["group"],
            "group_kind": g["kind"],
            "group_value": g["value"] or "",
            "round": c["round"],
            "suppressed": c["suppressed"],
            "note": c.get("note", ""),
            "respondents": c.get("respondents"),
        }
        for lv in data["levels"]:
            row[f"share_level_{lv}"] = c["shares"][str(lv)] if not c["suppressed"] else None
        row.update({k: c.get(k) for k in ("median", "q1", "q3")})
        rows.append(row)
    return _csv(rows, [k for k in _cell_columns(data)])


def changes_csv(data: dict[str, Any]) -> str:
    rows = []
    for c in data["changes"]:
        row = {
            "synthetic": data["synthetic"],
            "framework_version": data["framework_version"],
            **{k: c[k] for k in ("topic", "crossing", "group", "from_round", "to_round", "suppressed")},
            "note": c.get("note", ""),
        }
        row["crossing"] = row["crossing"] or ""
        row.update({k: c.get(k) for k in ("respondents_from", "respondents_to", "median_from", "median_to")})
        for lv in data["levels"]:
            row[f"share_change_level_{lv}"] = c["share_changes"][str(lv)] if not c["suppressed"] else None
        rows.append(row)
    return _csv(rows, list(_change_columns(data)))


def _cell_columns(data: dict[str, Any]) -> dict[str, str]:
    """Column name -> meaning, for the CSV of cells; the data dictionary page shows these."""
    k = data["minimum_group_size"]
    cols = {
        "synthetic": "true when the figures come from made-up demonstration results",
        "framework_version": "the framework version the figures use",
        "topic": "topic id, as in framework.json",
        "crossing": "crossing value id when the figure covers one crossing value of the topic; empty for the whole topic",
        "group": "peer group id: all, org_type:<value> or size_band:<value>",
        "group_kind": "all, org_type or size_band",
        "group_value": "the org_type or size_band value; empty for all",
        "round": "round id, as in the rounds list",
        "suppressed": f"true when the figures are hidden because they would rest on fewer than {k} respondents, "
        "or could be worked out from other figures",
        "note": f"'fewer than {k}' when suppressed; otherwise empty",
        "respondents": "respondents with a level for this topic in this group and round",
    }
    for lv in data["levels"]:
        cols[f"share_level_{lv}"] = f"share of those respondents at level {lv}, from 0 to 1"
    cols.update(
        {
            "median": "the middle level: the lowest level that at least half the respondents are at or below",
            "q1": "the lower quartile level: the lowest level that at least a quarter are at or below",
            "q3": "the upper quartile level: the lowest level that at least three quarters are at or below",
        }
    )
    return cols


def _change_columns(data: dict[str, Any]) -> dict[str, str]:
    cols = {
        "synthetic": "true when the figures come from made-up demonstration results",
        "framework_version": "the framework version the figures use",
        "topic": "topic id",
        "crossing": "crossing value id, or empty for the whole topic",
        "group": "peer group id",
        "from_round": "the earlier round",
        "to_round": "the later round",
        "suppressed": "true when either round's figures are hidden",
        "note": "'fewer than …' when suppressed; otherwise empty",
        "respondents_from": "respondents in the earlier round",
        "respondents_to": "respondents in the later round",
        "median_from": "middle level in the earlier round",
        "median_to": "middle level in the later round",
    }
    for lv in data["levels"]:
        cols[f"share_change_level_{lv}"] = f"change in the share at level {lv}, later minus earlier, from -1 to 1"
    return cols


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    frame = pd.DataFrame(rows, columns=columns)
    for c in columns:
        if c.startswith("share_") or c.startswith("respondents") or c in ("median", "q1", "q3"):
            frame[c] = frame[c].astype("Float64" if c.startswith("share_") else "Int64")
    for c in ("synthetic", "suppressed"):
        frame[c] = frame[c].map({True: "true", False: "false"})
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n", float_format=f"%.{SHARE_DIGITS}f")
    return buf.getvalue()


def data_dictionary(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {"benchmarks.csv": _cell_columns(data), "changes.csv": _change_columns(data)}
