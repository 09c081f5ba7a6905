"""Seeded synthetic results (`dmf demo-results`): realistic made-up answers so the benchmarks can be shown.

Each made-up organisation has an overall maturity that depends on its kind and size, its own strengths
and weaknesses by topic, and noise by question, so answers are correlated within an organisation.
Some answers are 'na' or 'unknown', some organisations skip topics, and one kind of organisation is
rare, so disclosure control has something to hide. The same seed and framework give the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from generator.framework.answers import NOT_APPLICABLE, NOT_SURE
from generator.framework.model import Model
from generator.results.groups import GROUPS_FILE
from generator.results.rows import COLUMNS

DEFAULT_SEED = 20261125

# id, label, share of organisations, typical overall level (on a 1 to 5 scale)
ORG_TYPES = [
    ("central-government", "Central government department", 0.10, 3.1),
    ("arms-length-body", "Arm's-length body", 0.18, 2.8),
    ("local-authority", "Local authority", 0.36, 2.5),
    ("nhs-body", "NHS body", 0.22, 2.7),
    ("fire-and-rescue", "Fire and rescue service", 0.11, 2.2),
    ("national-park-authority", "National park authority", 0.03, 2.0),
]
# id, label, effect on the overall level
SIZE_BANDS = [
    ("small", "Fewer than 250 staff", -0.35),
    ("medium", "250 to 999 staff", -0.1),
    ("large", "1,000 to 4,999 staff", 0.15),
    ("very-large", "5,000 staff or more", 0.3),
]
# How likely each kind of organisation is to be in each size band (rows follow ORG_TYPES).
SIZE_MIX = np.array(
    [
        [0.05, 0.15, 0.45, 0.35],
        [0.35, 0.40, 0.20, 0.05],
        [0.05, 0.25, 0.45, 0.25],
        [0.05, 0.15, 0.45, 0.35],
        [0.30, 0.55, 0.15, 0.00],
        [0.90, 0.10, 0.00, 0.00],
    ]
)
ROUNDS = [("2025", "2025", 0.8), ("2026", "2026", 1.0)]  # id, label, share of organisations taking part


def demo_results(model: Model, organisations: int = 300, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """{file name: content} for a results folder: one CSV per round and groups.yml."""
    rng = np.random.default_rng(seed)
    numbers = np.array(model.level_numbers)
    low, high = numbers[0], numbers[-1]
    scale = (high - low) / 4  # the typical levels above are on a 1 to 5 scale

    org = rng.choice(len(ORG_TYPES), size=organisations, p=[o[2] for o in ORG_TYPES])
    size = np.array([rng.choice(len(SIZE_BANDS), p=SIZE_MIX[o] / SIZE_MIX[o].sum()) for o in org])
    base = np.array([o[3] for o in ORG_TYPES])[org] + np.array([s[2] for s in SIZE_BANDS])[size]
    overall = base + rng.normal(0, 0.55, organisations)
    pseudonyms = np.array([f"r-{v:010x}" for v in rng.integers(0, 16**10, organisations)])

    questions = model.questions()
    topic_ids = [t.id for t in model.topics]
    topic_of = np.array([topic_ids.index(t.id) for t, _ in questions])
    topic_offset = rng.normal(0, 0.3, len(topic_ids))  # some topics are harder for everyone
    strength = rng.normal(0, 0.45, (organisations, len(topic_ids)))  # each organisation's own pattern

    files: dict[str, str] = {}
    growth = np.zeros(organisations)
    for round_id, _, share in ROUNDS:
        takes_part = rng.random(organisations) < share
        latent = (overall + growth)[:, None] + (topic_offset + strength)[:, topic_of]
        latent = latent + rng.normal(0, 0.55, latent.shape)
        level = np.clip(np.rint(low + (latent - 1) * scale), low, high).astype(int)
        answer = level.astype(str).astype(object)
        draw = rng.random(latent.shape)
        answer[draw < 0.025] = NOT_APPLICABLE
        answer[(draw >= 0.025) & (draw < 0.075)] = NOT_SURE
        answers_topic = rng.random((organisations, len(topic_ids))) < 0.88  # some skip a topic
        keep = takes_part[:, None] & answers_topic[:, topic_of]
        o_idx, q_idx = np.nonzero(keep)
        frame = pd.DataFrame(
            {
                "respondent": pseudonyms[o_idx],
                "round": round_id,
                "org_type": np.array([o[0] for o in ORG_TYPES])[org[o_idx]],
                "size_band": np.array([s[0] for s in SIZE_BANDS])[size[o_idx]],
                "framework_version": model.framework.version,
                "question": np.array([q.id for _, q in questions])[q_idx],
                "level": answer[o_idx, q_idx],
            },
            columns=list(COLUMNS),
        )
        buf = io.StringIO()
        frame.to_csv(buf, index=False, lineterminator="\n")
        files[f"{round_id}.csv"] = buf.getvalue()
        growth = growth + rng.normal(0.15, 0.2, organisations)  # most organisations move on a little

    groups = {
        "synthetic": True,
        "rounds": [{"id": r, "label": label} for r, label, _ in ROUNDS],
        "org_types": [{"id": i, "label": label} for i, label, _, _ in ORG_TYPES],
        "size_bands": [{"id": i, "label": label} for i, label, _ in SIZE_BANDS],
    }
    files[GROUPS_FILE] = (
        f"# Synthetic results made by `dmf demo-results --seed {seed}`: made-up organisations, not real data.\n"
        + yaml.safe_dump(groups, sort_keys=False, allow_unicode=True)
    )
    return files


def write_demo_results(model: Model, out: Path, *, organisations: int, seed: int, force: bool = False) -> list[Path]:
    """Write the synthetic results folder; refuse to overwrite results that are not marked synthetic."""
    groups = out / GROUPS_FILE
    if groups.is_file() and not force:
        existing = yaml.safe_load(groups.read_text(encoding="utf-8")) or {}
        if not existing.get("synthetic"):
            raise FileExistsError(
                f"{groups} holds real results (it does not say synthetic: true); use --force to replace them"
            )
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    written = []
    for name, content in demo_results(model, organisations, seed).items():
        path = out / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
