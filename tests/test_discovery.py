"""The combine rule in Python (generator/framework/discovery.py): spread, markers, agreed answer, agenda, time."""

from __future__ import annotations

import json
import random

import pytest

from generator.framework import discovery
from generator.framework.answers import NOT_APPLICABLE as NA
from generator.framework.answers import NOT_SURE as NS
from generator.framework.answers import topic_level
from generator.site.framework_json import vocabulary


@pytest.mark.parametrize(
    ("given", "marker", "spread", "agreed"),
    [
        ({}, "unanswered", None, None),
        ({2: 3}, "agreed", 0, 2),
        ({2: 1, 3: 1}, "agreed", 1, 2),  # ties resolve downwards
        ({"1": 2, "3": 2}, "discuss", 2, 1),  # JSON keys are text
        ({1: 1, 4: 1}, "split", 3, 1),
        ({1: 1, 2: 1, 5: 3}, "split", 4, 5),  # the middle of five answers
        ({3: 4, NS: 1}, "discuss", 0, 3),  # close levels, but someone is not sure
        ({3: 4, NA: 1}, "discuss", 0, 3),
        ({1: 1, 5: 1, NA: 4}, "split", 4, 1),  # 'not applicable' is never a level
        ({NA: 3}, "agreed", None, NA),
        ({NS: 2}, "agreed", None, NS),
        ({NA: 2, NS: 1}, "discuss", None, NS),  # 'not applicable' only when everyone said so
        ({2: 0, 4: 1}, "agreed", 0, 4),  # a count of 0 is no answer
    ],
)
def test_marker_spread_and_default_agreed_answer(given, marker, spread, agreed):
    assert discovery.marker(given) == marker
    assert discovery.spread(given) == spread
    assert discovery.agreed_default(given) == agreed
    assert discovery.minutes(given) == discovery.MINUTES[marker]


def test_the_default_is_the_scoring_rules_lower_median_never_an_average():
    rng = random.Random(1)
    for _ in range(300):
        answers = [rng.choice([0, 1, 2, 3, 4, 5, NA, NS]) for _ in range(rng.randint(1, 12))]
        given = discovery.combine([{"q": a} for a in answers])["q"]
        if any(isinstance(a, int) for a in answers):
            assert discovery.agreed_default(given) == topic_level(answers, "median")


def test_agenda_puts_the_most_divided_first_grouped_by_topic():
    items = [
        ("a", "a1", {2: 2}),
        ("a", "a2", {1: 1, 3: 1}),
        ("b", "b1", {}),
        ("b", "b2", {1: 1, 5: 1}),
        ("c", "c1", {1: 1, 4: 1}),
        ("c", "c2", {4: 1}),
    ]
    assert discovery.agenda(items) == [("b", ["b2", "b1"]), ("c", ["c1", "c2"]), ("a", ["a2", "a1"])]


def test_combine_counts_each_persons_answers():
    got = discovery.combine([{"q1": 2, "q2": NA}, {"q1": 2}, {"q1": 4, "q2": NS}])
    assert got == {"q1": {2: 2, 4: 1}, "q2": {NA: 1, NS: 1}}


def test_a_combined_file_reads_back_with_answers_as_answers():
    doc = {"discovery": {"questions": {"q1": {"given": {"2": 3, "na": 1}}, "q2": {"given": {}}}}}
    assert discovery.given_of(doc) == {"q1": {2: 3, NA: 1}, "q2": {}}
    assert discovery.given_of({"answers": {}}) == {}


def test_the_browser_gets_the_rule_through_framework_json():
    v = json.loads(json.dumps(vocabulary()))["discovery"]
    assert v["agreed_max_spread"] == discovery.AGREED_MAX_SPREAD
    assert v["discuss_max_spread"] == discovery.DISCUSS_MAX_SPREAD
    assert [m["id"] for m in v["markers"]] == list(discovery.MARKERS)
    assert {m["id"]: m["minutes"] for m in v["markers"]} == discovery.MINUTES
    assert v["limits"]["max_files"] == 50
    # The words state the numbers they describe.
    assert f"within {discovery.AGREED_MAX_SPREAD} level" in v["text"]["agreed"]
    assert f"{discovery.DISCUSS_MAX_SPREAD + 1} or more apart" in v["text"]["split"]
    assert "lower of the two middle levels" in v["text"]["agreed_answer"]
    assert all(f"{n} minute" in v["text"]["time"] for n in discovery.MINUTES.values())
