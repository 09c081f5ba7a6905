"""Versions: diffs between fixture versions, changes.yml checks, id mapping and migration of old answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.framework.load import load_framework
from generator.results.load import load_results
from generator.versions.ids import id_mapping, migrate_answers
from generator.versions.releases import version_key
from generator.yamlio.problems import InputError

from .conftest import without_codes
from .history_factory import write_versions


@pytest.fixture
def versions(tmp_path, monkeypatch) -> dict[str, Path]:
    """The three fixture versions under tmp_path, with messages' paths relative to it."""
    monkeypatch.chdir(tmp_path)
    full = write_versions(tmp_path)
    return {v: p.relative_to(tmp_path) for v, p in full.items()}


def changes_of(capsys) -> list[str]:
    return [line.strip() for line in capsys.readouterr().out.splitlines() if line.startswith("  - ")]


def test_diff_between_two_fixture_versions(versions, capsys):
    capsys.readouterr()
    assert main(["diff", str(versions["1.0.0"]), str(versions["2.0.0"])]) == 0
    assert changes_of(capsys) == [
        "- Topic id changed: topic-2 is now topic-renamed.",
        "- Topic added: “Topic 3” (topic-3), in Theme B.",
        "- Topic “Topic 1” (topic-1) moved from Theme 0 to Theme B.",
        "- Question “Question 0 0?” (topic-0-q-0) split into “First half of question 0?” (topic-0-q-0a), "
        "“Second half of question 0?” (topic-0-q-0b).",
        "- Question removed from “Topic 0”: “Question 1 0?” (topic-0-q-1).",
        "- Question “Question 2 1?” (topic-1-q-2) moved from “Topic 1” to “Topic 0”.",
        "- Question added to “Topic 3”: “Question 0 0?” (topic-3-q-0).",
        "- Question added to “Topic 3”: “Question 1 0?” (topic-3-q-1).",
        "- Question added to “Topic 3”: “Question 2 0?” (topic-3-q-2).",
        "- Theme added: Theme B (theme-b).",
        "- “Topic 1”: descriptor for level 3 (Stage 3) reworded.",
        "- Question “Question 0 1?” (topic-1-q-0): answer for level 2 (Stage 2) reworded.",
    ]


def test_diff_shows_reworded_text_and_why(versions, capsys):
    capsys.readouterr()
    main(["diff", str(versions["1.0.0"]), str(versions["2.0.0"])])
    out = capsys.readouterr().out
    assert "      why: It asked two things at once.\n" in out
    assert "      before: Topic 1 at level 3.\n      after:  Topic 1 at level 3, now said better.\n" in out
    assert out.startswith("Changes from 1.0.0 to 2.0.0\nEach question now asks one thing.\n")


def test_diff_by_version_reads_the_released_copies(versions, capsys):
    capsys.readouterr()
    main(["diff", str(versions["1.0.0"]), str(versions["2.0.0"])])
    folders = capsys.readouterr().out
    main(["diff", "1.0.0", "2.0.0", "--framework", str(versions["3.0.0"])])
    assert capsys.readouterr().out == folders
    # Across two releases, ids follow both steps: topic-2 became topic-renamed, then topic-final.
    main(["diff", "1.0.0", "3.0.0", "--framework", str(versions["3.0.0"])])
    out = capsys.readouterr().out
    assert "Topic id changed: topic-2 is now topic-final." in out
    assert "Question removed from “Topic 0”: “Question 1 0?” (topic-0-q-1)." in out and "topic-0-q-0a" in out


def test_diff_of_identical_versions_says_so(versions, capsys):
    capsys.readouterr()
    assert main(["diff", str(versions["2.0.0"]), str(versions["2.0.0"])]) == 0
    assert capsys.readouterr().out == "Changes from 2.0.0 to 2.0.0\nNo changes.\n"


def test_diff_refuses_an_unknown_version(versions, capsys):
    assert main(["diff", "9.9.9", "3.0.0", "--framework", str(versions["3.0.0"])]) == 1
    err = capsys.readouterr().err
    assert "no released copy of 9.9.9 (known versions: 1.0.0, 2.0.0, 3.0.0)" in err


def test_id_mapping_composes_every_release(versions):
    model = load_framework(versions["3.0.0"])
    assert id_mapping(model, "1.0.0") == {
        "topic-0": ("topic-0a", "topic-0b"),
        "topic-1": ("topic-1",),
        "topic-2": ("topic-final",),
        "topic-0-q-0": ("topic-0-q-0a", "topic-0-q-0b"),
        "topic-0-q-1": (),
        "topic-0-q-2": ("topic-0-q-2",),
        "topic-1-q-0": ("topic-1-q-0",),
        "topic-1-q-1": ("topic-1-q-1",),
        "topic-1-q-2": ("topic-1-q-2",),
        "topic-2-q-0": ("topic-2-q-01",),
        "topic-2-q-1": ("topic-2-q-01",),
        "topic-2-q-2": ("topic-2-q-2",),
    }
    from_2 = id_mapping(model, "2.0.0")
    assert from_2["topic-renamed"] == ("topic-final",) and from_2["topic-3"] == () and from_2["topic-3-q-1"] == ()
    current = id_mapping(model, "3.0.0")
    assert current == {i: (i,) for i in current} and "topic-2-q-01" in current
    assert id_mapping(model, "0.9.0") is None  # no released copy: the caller must refuse such data


def test_old_results_migrate_through_the_mapping(versions, tmp_path):
    results = tmp_path / "old-results"
    results.mkdir()
    (results / "groups.yml").write_text(
        "rounds: [{id: '2026', label: '2026'}]\n"
        "org_types: [{id: council, label: Council}]\n"
        "size_bands: [{id: small, label: Small}]\n",
        encoding="utf-8",
    )
    rows = [
        ("resp-000001", "1.0.0", "topic-0-q-0", "2"),  # split: counts for both halves
        ("resp-000001", "1.0.0", "topic-0-q-1", "3"),  # removed since: rejected, with that reason
        ("resp-000001", "1.0.0", "topic-2-q-0", "4"),  # merged with the next: the lowest level wins
        ("resp-000001", "1.0.0", "topic-2-q-1", "2"),
        ("resp-000001", "1.0.0", "topic-1-q-2", "na"),  # moved to another topic: unchanged id
        ("resp-000002", "3.0.0", "topic-2-q-01", "5"),  # current version: as it is
        ("resp-000003", "0.9.0", "topic-0-q-0", "1"),  # no released copy of 0.9.0: refused
    ]
    header = "respondent,round,org_type,size_band,framework_version,question,level\n"
    body = "".join(f"{r},2026,council,small,{v},{q},{lv}\n" for r, v, q, lv in rows)
    (results / "2026.csv").write_text(header + body, encoding="utf-8")
    loaded = load_results(results, load_framework(versions["3.0.0"]))
    assert any("0.9.0: no id mapping" in p.message for p in loaded.problems)

    del rows[-1]
    (results / "2026.csv").write_text(
        header + "".join(f"{r},2026,council,small,{v},{q},{lv}\n" for r, v, q, lv in rows)
    )
    loaded = load_results(results, load_framework(versions["3.0.0"]))
    assert loaded.problems == []
    answers = loaded.results.answers
    got = {
        (str(r.respondent), str(r.question)): (str(r.answer), None if str(r.level) == "<NA>" else int(r.level))
        for r in answers.itertuples()
    }
    assert got == {
        ("resp-000001", "topic-0-q-0a"): ("level", 2),
        ("resp-000001", "topic-0-q-0b"): ("level", 2),
        ("resp-000001", "topic-2-q-01"): ("level", 2),
        ("resp-000001", "topic-1-q-2"): ("na", None),
        ("resp-000002", "topic-2-q-01"): ("level", 5),
    }
    assert loaded.reconciliation.rows_read == 6 and loaded.reconciliation.rows_used == 5
    assert dict(loaded.reconciliation.rejected) == {"answering a question removed from the framework since": 1}

    # The saved-answer migration follows the same rules as the results loader.
    old = {q: (int(lv) if lv.isdigit() else lv) for r, _, q, lv in rows if r == "resp-000001"}
    migrated = migrate_answers(old, id_mapping(load_framework(versions["3.0.0"]), "1.0.0"))
    assert migrated == {
        q: (lv if kind == "level" else kind) for (r, q), (kind, lv) in got.items() if r == "resp-000001"
    }


def test_migrate_answers_rules():
    mapping = {"a": ("x",), "b": ("x",), "c": (), "d": ("y", "z"), "e": ("w",), "f": ("w",)}
    assert migrate_answers({"a": 3, "b": 1, "c": 2, "d": "unknown", "e": "unknown", "f": "na", "zz": 4}, mapping) == {
        "x": 1,
        "y": "unknown",
        "z": "unknown",
        "w": "na",
    }


def test_semantic_version_order():
    order = ["0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0"]
    assert sorted(reversed(order), key=version_key) == order
    assert sorted(["1.10.0", "1.9.0", "1.0.10"], key=version_key) == ["1.0.10", "1.9.0", "1.10.0"]


# --- changes.yml and released copies: every mistake with file, line, column and field ---------------------

CASES = [
    (
        "mapping to an id that does not exist",
        "to: [topic-renamed]",
        "to: [topic-renamd]",
        ["v2/changes.yml:7:14: versions[0].ids[0].to[0]: 'topic-renamd' is not a topic or question in 2.0.0"],
    ),
    (
        "an id removed without a mapping",
        "      - from: topic-0-q-1\n        to: []\n",
        "",
        [
            "v2/changes.yml:6:7: versions[0].ids: question 'topic-0-q-1' of 1.0.0 is not in 2.0.0: say what it "
            "became in changes.yml under version 2.0.0 (to: [] if it was removed)"
        ],
    ),
    (
        "mapping from an id the previous release never had",
        "from: topic-0-q-1",
        "from: topic-0-q-9",
        [
            "v2/changes.yml:11:15: versions[0].ids[2].from: 'topic-0-q-9' is not a topic or question id in 1.0.0, "
            "the version before 2.0.0",
            "v2/changes.yml:6:7: versions[0].ids: question 'topic-0-q-1' of 1.0.0 is not in 2.0.0: say what it "
            "became in changes.yml under version 2.0.0 (to: [] if it was removed)",
        ],
    ),
    (
        "a topic mapped to a question",
        "to: [topic-renamed]",
        "to: [topic-3-q-0]",
        [
            "v2/changes.yml:7:14: versions[0].ids[0].to[0]: 'topic-3-q-0' is a question in 2.0.0 but 'topic-2' "
            "was a topic: a topic can only become topics"
        ],
    ),
    (
        "a version that is neither current nor released",
        "version: 2.0.0",
        "version: 2.5.0",
        [
            "v2/changes.yml:3:14: versions[0].version: 2.5.0 is neither this framework's version (2.0.0) nor a "
            "released copy in releases/",
        ]
        + [
            f"v2/changes.yml:3:3: versions: {kind} '{i}' of 1.0.0 is not in 2.0.0: say what it became in "
            "changes.yml under version 2.0.0 (to: [] if it was removed)"
            for kind, i in [("question", "topic-0-q-0"), ("question", "topic-0-q-1"), ("topic", "topic-2")]
        ],
    ),
    (
        "a misspelt field",
        "        note: It asked",
        "        nte: It asked",
        ["v2/changes.yml:10:9: versions[0].ids[1].nte: unknown field (is it misspelt?)"],
    ),
    (
        "a malformed id",
        "to: [topic-renamed]",
        "to: [Topic Renamed]",
        [
            "v2/changes.yml:7:14: versions[0].ids[0].to[0]: 'Topic Renamed' is not a valid id: use lowercase ASCII "
            "letters, digits and single hyphens"
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_changes_mistake(case, versions, capsys):
    _, old, new, expect = case
    path = versions["2.0.0"] / "changes.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--framework", str(versions["2.0.0"])]) == 1
    err = without_codes(capsys.readouterr().err.splitlines(), coded=len(expect))
    assert sorted(err[:-1]) == sorted(expect)
    assert err[-1] == f"{len(expect)} problem(s) found; nothing was built."


def test_without_changes_yml_every_dropped_id_is_named(versions, capsys):
    (versions["2.0.0"] / "changes.yml").unlink()
    with pytest.raises(InputError) as err:
        load_framework(versions["2.0.0"])
    assert [str(p) for p in err.value.problems] == [
        f"v2/framework.yml:4:10: version: {kind} '{i}' of 1.0.0 is not in 2.0.0: say what it became in changes.yml "
        "under version 2.0.0 (to: [] if it was removed)"
        for kind, i in [("question", "topic-0-q-0"), ("question", "topic-0-q-1"), ("topic", "topic-2")]
    ]


def test_a_released_version_cannot_change(versions, capsys):
    v2 = versions["2.0.0"]
    assert main(["release", "--framework", str(v2)]) == 0
    topic = v2 / "topics" / "topic-1.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Summary of topic 1.", "New summary."), "utf-8")
    with pytest.raises(InputError) as err:
        load_framework(v2)
    assert [str(p) for p in err.value.problems] == [
        "v2/framework.yml:4:10: version: 2.0.0 is already released (v2/releases/2.0.0.json) and the framework has "
        "changed since (1 change(s), first: “Topic 1”: summary reworded.): raise the version"
    ]
    fw = v2 / "framework.yml"
    fw.write_text(fw.read_text(encoding="utf-8").replace("version: 2.0.0", "version: 2.0.1"), "utf-8")
    assert load_framework(v2).framework.version == "2.0.1"


def test_the_version_must_go_up(versions):
    v2 = versions["2.0.0"]
    shutil.copy(versions["3.0.0"] / "releases" / "2.0.0.json", v2 / "releases" / "2.0.0.json")
    fw = v2 / "framework.yml"
    fw.write_text(fw.read_text(encoding="utf-8").replace("version: 2.0.0", "version: 1.5.0"), "utf-8")
    (v2 / "changes.yml").write_text("versions: []\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_framework(v2)
    assert (
        "v2/framework.yml:4:10: version: 1.5.0 is older than the released copy v2/releases/2.0.0.json: the "
        "version must go up" in [str(p) for p in err.value.problems]
    )


def test_broken_released_copies_are_named(versions):
    releases = versions["3.0.0"] / "releases"
    (releases / "1.0.0.json").write_text('{"dmf_release": 1,\n "framework": {,}\n}\n', encoding="utf-8")
    data = json.loads((releases / "2.0.0.json").read_text(encoding="utf-8"))
    shutil.copy(releases / "2.0.0.json", releases / "2.1.0.json")  # a copy named for another version
    del data["topics"][0]["questions"][0]["answers"]
    (releases / "2.0.0.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    (releases / "notes.txt").write_text("stray", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_framework(versions["3.0.0"])
    got = [str(p) for p in err.value.problems]
    assert got[0].startswith("v3/releases/1.0.0.json:2:16: not valid JSON (")
    assert (
        got[1].startswith("v3/releases/2.0.0.json:")
        and ": topics[0].questions[0].answers: required field is missing" in got[1]
    )
    assert (
        got[2].startswith("v3/releases/2.1.0.json:")
        and "framework.version: 2.0.0 does not match the file name 2.1.0.json" in got[2]
    )
    assert got[3] == "v3/releases/notes.txt:1: only released copies, named <version>.json, belong here"
    assert len(got) == 4


def test_release_writes_a_copy_once_and_checks_tags(versions, capsys):
    v3 = versions["3.0.0"]
    assert main(["release", "--framework", str(v3)]) == 0
    copy = v3 / "releases" / "3.0.0.json"
    first = copy.read_bytes()
    assert json.loads(first)["framework"]["version"] == "3.0.0"
    assert main(["release", "--framework", str(v3)]) == 0
    assert copy.read_bytes() == first
    assert "already released" in capsys.readouterr().out
    assert main(["release", "--framework", str(v3), "--check-tag", "v3.0.0"]) == 0
    assert main(["release", "--framework", str(v3), "--check-tag", "v3.0.1"]) == 1
    copy.unlink()
    assert main(["release", "--framework", str(v3), "--check-tag", "v3.0.0"]) == 1
    assert "releases/3.0.0.json is missing" in capsys.readouterr().err


def test_release_refuses_text_still_marked_todo(versions, capsys):
    v3 = versions["3.0.0"]
    topic = v3 / "topics" / "topic-1.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("It matters.", "'TODO: say why'"), "utf-8")
    capsys.readouterr()
    assert main(["release", "--framework", str(v3)]) == 1
    err = capsys.readouterr().err
    assert "v3/topics/topic-1.yml:" in err and "why_it_matters: still to be written: TODO: say why" in err
    assert not (v3 / "releases" / "3.0.0.json").exists()
