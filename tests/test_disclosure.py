"""Disclosure control against an outsider who does arithmetic on everything published (tests/outsider.py)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.framework.load import load_framework
from generator.results import benchmarks as bm
from generator.results import disclosure
from generator.results.load import load_results
from generator.results.published import NOTE, publish
from generator.results.rows import COLUMNS

from .factory import framework_dict, write_framework
from .outsider import Truth, findings

ROUNDS = ["2025", "2026"]
PROPERTY = settings(
    max_examples=int(os.environ.get("DMF_SDC_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def population(draw):
    """Random peer-group structures and results: some org types only come in some sizes, some rounds repeat people."""
    n_org, n_size = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    combos = [(o, s) for o in range(n_org) for s in range(n_size)]
    allowed = draw(st.lists(st.sampled_from(combos), min_size=1, max_size=len(combos), unique=True))
    k = draw(st.integers(3, 8))
    share = draw(st.sampled_from([0.6, 0.75, 0.9, 1.0]))
    answer = st.one_of(st.integers(1, 5), st.sampled_from(["na", "unknown"]))
    # A level that most of a group shares, so that homogeneous groups come up often.
    typical = draw(st.integers(1, 5))
    biased = st.one_of(st.just(typical), st.just(typical), answer)
    people = draw(st.lists(st.tuples(st.sampled_from(allowed), st.lists(biased, min_size=4, max_size=4)), max_size=70))
    # Second round: some of the first round's people again (same code), perhaps with changed answers, plus joiners.
    again = draw(st.lists(st.booleans(), min_size=len(people), max_size=len(people)))
    changed = draw(st.lists(st.booleans(), min_size=len(people), max_size=len(people)))
    joiners = draw(st.lists(st.tuples(st.sampled_from(allowed), st.lists(biased, min_size=4, max_size=4)), max_size=20))
    rows = []
    for i, ((o, s), answers) in enumerate(people):
        rows += [(f"pz{i:04d}q7x", ROUNDS[0], o, s, q, a) for q, a in enumerate(answers)]
        if again[i]:
            second = [typical] * 4 if changed[i] else answers
            rows += [(f"pz{i:04d}q7x", ROUNDS[1], o, s, q, a) for q, a in enumerate(second)]
    for j, ((o, s), answers) in enumerate(joiners):
        rows += [(f"jz{j:04d}q7x", ROUNDS[1], o, s, q, a) for q, a in enumerate(answers)]
    return n_org, n_size, k, share, rows


def write(tmp: Path, n_org: int, n_size: int, k: int, share: float, rows: list[tuple]):
    fw, topics = framework_dict(topics=2, questions=2, crossing=True)
    fw.update(minimum_group_size=k, homogeneity_share=share)
    model = load_framework(write_framework(tmp / "framework", fw, topics))
    questions = [q for _, q in model.questions()]
    orgs, sizes = [f"org-{o}" for o in range(n_org)], [f"size-{s}" for s in range(n_size)]
    results = tmp / "results"
    results.mkdir()
    (results / "groups.yml").write_text(
        yaml.safe_dump(
            {
                "synthetic": False,
                "rounds": [{"id": r, "label": r} for r in ROUNDS],
                "org_types": [{"id": o, "label": o} for o in orgs],
                "size_bands": [{"id": s, "label": s} for s in sizes],
            }
        ),
        encoding="utf-8",
    )
    frame = pd.DataFrame(
        [(p, r, orgs[o], sizes[s], model.framework.version, questions[q].id, str(a)) for p, r, o, s, q, a in rows],
        columns=list(COLUMNS),
        dtype=object,
    )
    frame.to_csv(results / "results.csv", index=False)
    loaded = load_results(results, model)
    assert loaded.problems == []
    return model, loaded.results, orgs, sizes


def truth_of(b: bm.Benchmarks) -> Truth:
    n = b.counts.sum(-1)
    respondents = {
        (u.topic, u.crossing, g.id, rnd): int(n[ui, ri, gi])
        for ui, u in enumerate(b.units)
        for ri, (rnd, _) in enumerate(b.rounds)
        for gi, g in enumerate(b.groups)
    }
    sample = {
        (g.id, rnd): int(b.sample[ri, gi]) for ri, (rnd, _) in enumerate(b.rounds) for gi, g in enumerate(b.groups)
    }
    return Truth(respondents, sample)


def support_of(rows: list[tuple], orgs: list[str], sizes: list[str]) -> dict[str, set]:
    out: dict[str, set] = {r: set() for r in ROUNDS}
    for _, r, o, s, _, _ in rows:
        out[r].add((orgs[o], sizes[s]))
    return out


@PROPERTY
@given(population())
def test_the_outsider_learns_nothing_from_everything_published(tmp_path_factory, case):
    n_org, n_size, k, share, rows = case
    if not rows:
        return
    model, results, orgs, sizes = write(tmp_path_factory.mktemp("sdc"), n_org, n_size, k, share, rows)
    b = bm.aggregate(results, model)
    published = publish(b)
    assert findings(published.data, published.sample, support_of(rows, orgs, sizes), truth_of(b)) == []
    # No group whose spread is shown has nearly everyone at one level.
    shown = ~b.suppressed[..., None] & (b.counts.sum(-1, keepdims=True) > 0)
    assert not (shown & (b.counts >= share * b.counts.sum(-1, keepdims=True))).any()
    # Every hidden figure says the same honest thing, whatever hid it.
    assert {c["note"] for c in published.data["cells"] if c["suppressed"]} <= {NOTE}


def layout(n_org: int, n_size: int) -> disclosure.Layout:
    codes = np.indices((n_org, n_size)).reshape(2, -1)
    members = np.vstack(
        [np.ones(codes.shape[1], bool)] + [codes[0] == o for o in range(n_org)] + [codes[1] == s for s in range(n_size)]
    )
    return disclosure.Layout(members, [list(range(1, 1 + n_org)), list(range(1 + n_org, 1 + n_org + n_size))])


def protect_one(fine: list[list[list[int]]], n_org: int, n_size: int, k: int = 10, share: float = 0.9):
    """Hidden groups for one unit and round, from counts by (org type, size band) cell and level."""
    counts = np.array(fine, np.int64).reshape(1, 1, n_org * n_size, -1)
    samples = counts.sum(-1)[0]
    hidden, _ = disclosure.protect(counts, samples, layout(n_org, n_size), [[0]], disclosure.Rule(k, share))
    return hidden[0, 0].tolist()


def test_a_hidden_group_is_not_given_away_by_a_size_band_it_fills():
    # Org type 0 has 3 respondents, all small; org type 1 has 20 (hidden to protect org type 0), all large;
    # org type 2 has 30 across both. Hiding org types 0 and 1 alone would leave 'large' = org type 1 + part
    # of 2, and 'small' = org type 0 + the rest of 2: the size bands must not undo the org types' protection.
    mixed = [2, 3, 4, 3, 3]
    fine = [[[1, 1, 1, 0, 0], [0] * 5], [[0] * 5, [5, 5, 5, 3, 2]], [mixed, mixed]]
    hidden = protect_one(fine, 3, 2)
    assert hidden[1] and hidden[2]  # org type 0, and the next smallest to protect it
    org_hidden_total = 3 + 20
    assert org_hidden_total >= 10
    # Whatever else is hidden, the outsider's arithmetic cannot narrow org type 0 to a small range.
    counts = np.array(fine).reshape(1, 1, 6, 5)
    table = disclosure.Table(
        np.einsum("gc,ucl->ugl", layout(3, 2).members.astype(int), counts[:, 0]),
        np.array(hidden),
        counts.sum(-1)[0, 0] @ layout(3, 2).members.T.astype(int),
        np.zeros(6, bool),
        np.ones(6, bool),
    )
    assert disclosure.audit(table, layout(3, 2), disclosure.Rule(10, 0.9)) == []


def test_a_group_where_nearly_everyone_is_at_one_level_is_hidden():
    varied = [[4, 4, 4, 4, 4]]
    same = [[0, 0, 19, 1, 0]]  # 95% at level 3
    assert protect_one([same, varied], 2, 1)[1]
    assert not protect_one([varied, varied], 2, 1)[1]


def test_a_round_that_differs_from_the_last_only_by_a_few_joiners_is_hidden():
    # Org type A gains one organisation at level 5 and nothing else moves: publishing both rounds would
    # tell the joiner's level. Org type B changes in both directions, so its change tells nothing.
    a1, a2 = [2, 3, 3, 2, 2], [2, 3, 3, 2, 3]
    b1, b2 = [4, 4, 4, 4, 4], [5, 3, 4, 4, 4]
    counts = np.array([[a1, b1], [a2, b2]], np.int64).reshape(1, 2, 2, 5)
    samples = counts.sum(-1)[0]
    hidden, _ = disclosure.protect(counts, samples, layout(2, 1), [[0]], disclosure.Rule(10, 0.9))
    assert hidden[0, 0].tolist() == [False, False, False, False]
    assert hidden[0, 1, 1]  # A in the second round
    assert not hidden[0, 1, 0]  # everyone changed both ways


def test_a_hidden_group_is_never_pinned_to_zero_when_it_has_respondents():
    # Org type 0's 4 respondents all answered 'not applicable': no one has a level. Hidden alone, the others
    # would pin it to 0 and tell that every member said 'not applicable' or 'not sure'.
    counts = np.array([[0] * 5, [3, 3, 3, 3, 3], [4, 4, 4, 4, 4]], np.int64).reshape(1, 1, 3, 5)
    samples = np.array([[4, 15, 20]])
    hidden, _ = disclosure.protect(counts, samples, layout(3, 1), [[0]], disclosure.Rule(10, 0.9))
    assert hidden[0, 0].tolist()[1:4] == [True, True, False]
