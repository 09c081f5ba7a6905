"""`dmf results add` and `dmf results remove`: submission files checked, pseudonymised, written atomically."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest

from generator.cli import main
from generator.framework.load import load_framework
from generator.results.demo import write_demo_results
from generator.results.rows import COLUMNS
from generator.results.submission_read import FIELDS, FORMAT, FORMAT_VERSION, MAX_BYTES

from .conftest import ROOT, build, without_codes
from .factory import framework_dict, make_framework, write_framework
from .history_factory import write_versions

GROUPS = ROOT / "tests" / "fixtures" / "results" / "groups.yml"


@pytest.fixture
def project(tmp_path) -> Path:
    """A framework and a results folder that declares groups and holds no answers yet."""
    fw, topics = framework_dict(topics=2, questions=3)
    write_framework(tmp_path / "framework", fw, topics)
    (tmp_path / "results").mkdir()
    shutil.copy(GROUPS, tmp_path / "results" / "groups.yml")
    return tmp_path


def questions(framework: Path) -> list[str]:
    return [q.id for _, q in load_framework(framework).questions()]


def submission(framework: Path, /, **changes) -> dict:
    model = load_framework(framework)
    qs = [q.id for _, q in model.questions()]
    doc = {
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "submission": str(uuid.uuid4()),
        "framework": {"id": model.framework.id, "version": model.framework.version},
        "round": "2025",
        "org_type": "local-authority",
        "size_band": "small",
        "answers": {q: [1, 2, "na", 3, "unknown", 4][i % 6] for i, q in enumerate(qs)},
    }
    doc.update(changes)
    return doc


def write(path: Path, doc: dict | str) -> Path:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=1), encoding="utf-8")
    return path


def dmf(project: Path, *args: str) -> list[str]:
    return ["--framework", str(project / "framework"), *args]


def add(project: Path, capsys, *files: Path, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    """Run `dmf results add`: (exit code, stdout, stderr without the problems' codes, each checked)."""
    rc = main(["results", "add", *map(str, files), *dmf(project), *extra])
    out = capsys.readouterr()
    return rc, out.out, "\n".join(without_codes(out.err.splitlines()))


def shown(path: Path) -> str:
    return os.path.relpath(path)


def table(project: Path) -> dict[str, str]:
    lines = (project / "private" / "submission-pseudonyms.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "submission,pseudonym"
    return dict(line.split(",") for line in lines[1:])


def rows(path: Path) -> list[list[str]]:
    return [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]


# ---------- adding ----------


def test_add_writes_sorted_tidy_rows_that_validate_and_build_accept(project, tmp_path, capsys):
    a, b = submission(project / "framework"), submission(project / "framework", org_type="nhs-body")
    rc, out, err = add(project, capsys, write(tmp_path / "a.json", a), write(tmp_path / "b.json", b))
    assert rc == 0, err
    written = rows(project / "results" / "2025.csv")
    assert written[0] == list(COLUMNS)
    assert written[1:] == sorted(written[1:])
    assert len(written) - 1 == len(a["answers"]) + len(b["answers"])
    names = table(project)
    assert set(names) == {a["submission"], b["submission"]}
    by_respondent = {r[0]: r for r in written[1:]}
    assert by_respondent[names[b["submission"]]][2] == "nhs-body"
    assert "2 files read = 2 added + 0 replaced + 0 refused" in out
    n = len(written) - 1
    assert f"{n} rows in (0 already in the results + {n} from the files) = {n} rows written + 0 replaced" in out
    assert main(["validate", *dmf(project)]) == 0
    assert f"{n} rows read = {n} used" in capsys.readouterr().out
    site = tmp_path / "site"
    assert main(["build", *dmf(project), "--site-dir", str(site)]) == 0
    # Neither a pseudonym nor a submission id reaches the site.
    secrets = [*names, *names.values()]
    for f in site.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not [s for s in secrets if s.encode() in data], f
    published = json.loads((site / "assessment" / "submission.json").read_text(encoding="utf-8"))
    assert published["open"] is True and published["fields"] == list(FIELDS)
    assert [r["id"] for r in published["rounds"]] == ["2025", "2026"]


def test_pseudonyms_are_random_not_derived_from_the_file(project, tmp_path, capsys):
    doc = write(tmp_path / "a.json", submission(project / "framework"))
    other = tmp_path / "other"
    shutil.copytree(project, other)
    assert add(project, capsys, doc)[0] == 0
    assert add(other, capsys, doc)[0] == 0
    (first,), (second,) = table(project).values(), table(other).values()
    assert first != second
    assert re.fullmatch(r"r-[0-9a-f]{16}", first)
    assert json.loads(doc.read_text())["submission"] not in first


def test_a_resubmission_replaces_the_earlier_rows(project, tmp_path, capsys):
    a = submission(project / "framework")
    assert add(project, capsys, write(tmp_path / "a.json", a))[0] == 0
    before = table(project)
    later = dict(a, answers={q: 5 for q in list(a["answers"])[:2]})
    rc, out, _ = add(project, capsys, write(tmp_path / "a2.json", later))
    assert rc == 0
    assert "1 files read = 0 added + 1 replaced + 0 refused" in out
    assert f"{len(a['answers']) + 2} rows in ({len(a['answers'])} already in the results + 2 from the files)" in out
    assert f"= 2 rows written + {len(a['answers'])} replaced" in out
    assert table(project) == before
    assert [r[-1] for r in rows(project / "results" / "2025.csv")[1:]] == ["5", "5"]
    # The same code in another round is that organisation's next round, under the same pseudonym.
    assert add(project, capsys, write(tmp_path / "a3.json", dict(a, round="2026")))[0] == 0
    assert rows(project / "results" / "2026.csv")[1][0] == before[a["submission"]]
    assert len(rows(project / "results" / "2025.csv")) == 3


def test_round_option_refuses_files_for_another_round(project, tmp_path, capsys):
    f = write(tmp_path / "a.json", submission(project / "framework"))
    rc, _, err = add(project, capsys, f, extra=("--round", "2026"))
    assert rc == 1
    assert shown(f) + ":" in err and "round: '2025' is not round '2026', the round being added" in err


BAD = {
    "unknown field": (lambda d: d.update(name="Jo Bloggs"), "name", "unknown field: refused, because it may identify"),
    "a note": (lambda d: d.update(notes={"topic-0": "x"}), "notes", "unknown field"),
    "nested unknown field": (lambda d: d["framework"].update(title="x"), "framework.title", "unknown field"),
    "another framework": (lambda d: d["framework"].update(id="other"), "framework.id", "another framework"),
    "unmapped version": (lambda d: d["framework"].update(version="0.9.0"), "framework.version", "no id mapping"),
    "not a version": (lambda d: d["framework"].update(version="new"), "framework.version", "semantic version"),
    "unknown round": (lambda d: d.update(round="2031"), "round", "is not a round declared in groups.yml"),
    "unknown group": (lambda d: d.update(size_band="huge"), "size_band", "is not a size_band declared"),
    "missing group": (lambda d: d.pop("org_type"), "org_type", "required field is missing"),
    "unknown question": (lambda d: d["answers"].update(nope=2), "answers.nope", "not a question of this framework"),
    "level out of range": (lambda d: d["answers"].update({"topic-0-q-0": 9}), "answers.topic-0-q-0", "9 is not a"),
    "true as a level": (lambda d: d["answers"].update({"topic-0-q-0": True}), "answers.topic-0-q-0", "not a level"),
    "level as text": (lambda d: d["answers"].update({"topic-0-q-0": "3"}), "answers.topic-0-q-0", "not a level"),
    "no answers": (lambda d: d.update(answers={}), "answers", "at least one question"),
    "made-up id": (lambda d: d.update(submission="org-42"), "submission", "random submission id"),
    "another format": (lambda d: d.update(format="dmf-self-assessment"), "format", "not a benchmark submission"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_files_are_refused_with_file_line_and_field(case, project, tmp_path, capsys):
    change, fld, message = BAD[case]
    doc = submission(project / "framework")
    change(doc)
    f = write(tmp_path / "bad.json", doc)
    text = f.read_text()
    rc, out, err = add(project, capsys, f)
    assert rc == 1
    (problem,) = [line for line in err.splitlines() if line.startswith(shown(f) + ":")]
    where, field, said = problem.split(": ", 2)
    assert field == fld and message in said
    key = fld.split(".")[-1]
    line = int(where.rsplit(":", 1)[1])
    if f'"{key}"' in text:  # the line of the field, where the file has it
        assert f'"{key}"' in text.splitlines()[line - 1]
    assert "1 files read = 0 added + 0 replaced + 1 refused; no rows were written" in err
    assert not (project / "results" / "2025.csv").exists()
    assert not (project / "private").exists()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{\n "format": "x",\n "answers": {\n  "a": 1,\n }\n}', 5, "cannot be read as JSON"),
        ('{\n "round": "2025",\n "round": "2026"\n}', 3, "the field appears twice"),
        ("[1, 2]", 1, "one JSON object"),
        ("{}" + " " * MAX_BYTES, 1, "never more than"),
        ('{"a": ' + "9" * 5000 + "}", 1, "cannot be read as JSON"),
        ("[" * 100_000, 1, "cannot be read as JSON"),
    ],
    ids=["syntax", "duplicate key", "not an object", "too big", "huge number", "too deep"],
)
def test_unreadable_files_are_refused_with_their_line(text, line, message, project, tmp_path, capsys):
    f = write(tmp_path / "bad.json", text)
    rc, _, err = add(project, capsys, f)
    assert rc == 1
    first = err.splitlines()[0]
    assert first.startswith(f"{shown(f)}:{line}: ") and message in first
    assert "Traceback" not in err


def test_every_problem_in_every_file_is_listed_at_once(project, tmp_path, capsys):
    a = submission(project / "framework", name="x", round="2031")
    a["answers"]["nope"] = 1
    b = submission(project / "framework", size_band="huge")
    rc, _, err = add(project, capsys, write(tmp_path / "a.json", a), write(tmp_path / "b.json", b))
    lines = err.splitlines()
    assert rc == 1
    assert len([x for x in lines if x.startswith(shown(tmp_path / "a.json"))]) == 3
    assert len([x for x in lines if x.startswith(shown(tmp_path / "b.json"))]) == 1


def test_a_failed_add_leaves_the_csv_and_table_byte_identical(project, tmp_path, capsys):
    assert add(project, capsys, write(tmp_path / "a.json", submission(project / "framework")))[0] == 0
    csv_before = (project / "results" / "2025.csv").read_bytes()
    table_before = (project / "private" / "submission-pseudonyms.csv").read_bytes()
    good = write(tmp_path / "good.json", submission(project / "framework"))
    bad = write(tmp_path / "bad.json", submission(project / "framework", round="2031"))
    rc, _, err = add(project, capsys, good, bad)
    assert rc == 1
    assert "2 files read = 0 added + 0 replaced + 1 refused + 1 not added because others were refused" in err
    assert (project / "results" / "2025.csv").read_bytes() == csv_before
    assert (project / "private" / "submission-pseudonyms.csv").read_bytes() == table_before
    # A table that cannot be written (its folder is a file) stops the add before any results file changes.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    with pytest.raises(OSError):
        main(["results", "add", str(good), *dmf(project), "--table", str(blocker / "table.csv")])
    assert (project / "results" / "2025.csv").read_bytes() == csv_before
    assert sorted(p.name for p in (project / "results").iterdir()) == ["2025.csv", "groups.yml"]


def test_skip_refused_adds_the_good_files_and_still_fails(project, tmp_path, capsys):
    good = write(tmp_path / "good.json", submission(project / "framework"))
    bad = write(tmp_path / "bad.json", submission(project / "framework", round="2031"))
    rc, out, err = add(project, capsys, good, bad, extra=("--skip-refused",))
    assert rc == 1
    assert "2 files read = 1 added + 0 replaced + 1 refused" in out
    assert len(rows(project / "results" / "2025.csv")) == 1 + 6


def test_the_same_submission_twice_in_one_batch_is_refused(project, tmp_path, capsys):
    doc = submission(project / "framework")
    a, b = write(tmp_path / "a.json", doc), write(tmp_path / "b.json", doc)
    rc, _, err = add(project, capsys, a, b)
    assert rc == 1
    assert f"{shown(a)}:1: submission: the same submission for round 2025 is also in {shown(b)}" in err
    assert f"{shown(b)}:1: submission: the same submission for round 2025 is also in {shown(a)}" in err
    assert "2 files read = 0 added + 0 replaced + 2 refused" in err
    assert not (project / "results" / "2025.csv").exists()


def test_the_table_is_never_inside_results(project, tmp_path, capsys):
    f = write(tmp_path / "a.json", submission(project / "framework"))
    rc, _, err = add(project, capsys, f, extra=("--table", str(project / "results" / "t.csv")))
    assert rc == 1 and "must not be inside the results folder" in err
    assert sorted(p.name for p in (project / "results").iterdir()) == ["groups.yml"]


def test_files_for_an_older_version_are_carried_by_the_id_mapping(tmp_path, capsys):
    fw = write_versions(tmp_path / "versions")["3.0.0"]
    project = fw.parent
    (project / "results").mkdir()
    shutil.copy(GROUPS, project / "results" / "groups.yml")
    model = load_framework(fw)
    v1 = next(r for r in model.history.releases if r.framework.version == "1.0.0")
    answers = {q.id: 2 for t in v1.topics for q in t.questions}
    doc = submission(fw, framework={"id": model.framework.id, "version": "1.0.0"}, answers=answers)
    here = ("--framework", str(fw))  # results/ beside v3/
    rc, _, err = add(project, capsys, write(tmp_path / "old.json", doc), extra=here)
    assert rc == 0, err
    written = rows(project / "results" / "2025.csv")[1:]
    assert {r[4] for r in written} == {"1.0.0"} and len(written) == len(answers)
    # The build maps them as it maps any results row answered against 1.0.0.
    assert main(["validate", *here]) == 0
    assert "removed from the framework since" in capsys.readouterr().out
    # A question of the current version is not a question of 1.0.0.
    bad = submission(fw, framework={"id": model.framework.id, "version": "1.0.0"}, answers={"topic-2-q-01": 1})
    rc, _, err = add(project, capsys, write(tmp_path / "bad.json", bad), extra=here)
    assert rc == 1 and "answers.topic-2-q-01: 'topic-2-q-01' is not a question of framework version 1.0.0" in err


# ---------- withdrawing ----------


def test_remove_withdraws_one_submission_from_every_round(project, tmp_path, capsys):
    a = submission(project / "framework")
    b = submission(project / "framework")
    for name, doc in {"a": a, "b": b, "a26": dict(a, round="2026")}.items():
        assert add(project, capsys, write(tmp_path / f"{name}.json", doc))[0] == 0
    pseudonym = table(project)[a["submission"]]
    assert main(["results", "remove", "--submission", a["submission"], *dmf(project)]) == 0
    out = capsys.readouterr().out
    assert "Withdrew submission" in out and "12 rows removed from 2 file(s)" in out
    assert pseudonym not in (project / "results" / "2025.csv").read_text()
    assert not (project / "results" / "2026.csv").exists()  # a file of a header alone would be refused
    assert a["submission"] not in table(project)
    assert main(["validate", *dmf(project)]) == 0
    capsys.readouterr()
    assert main(["results", "remove", "--submission", a["submission"], *dmf(project)]) == 1
    assert "is not in the table" in capsys.readouterr().err


def test_remove_without_the_table_changes_nothing(project, tmp_path, capsys):
    assert add(project, capsys, write(tmp_path / "a.json", doc := submission(project / "framework")))[0] == 0
    before = (project / "results" / "2025.csv").read_bytes()
    (project / "private" / "submission-pseudonyms.csv").unlink()
    assert main(["results", "remove", "--submission", doc["submission"], *dmf(project)]) == 1
    assert "without the table a submission cannot be withdrawn" in capsys.readouterr().err
    assert (project / "results" / "2025.csv").read_bytes() == before


def test_a_hostile_field_name_is_shown_not_run(project, tmp_path, capsys):
    doc = submission(project / "framework")
    doc["\x1b[2J\nname"] = "x"
    rc, _, err = add(project, capsys, write(tmp_path / "a.json", doc))
    assert rc == 1
    assert "\x1b" not in err and "\\x1b[2J\\nname: unknown field" in err


def test_submissions_open_with_groups_declared_before_any_results(tmp_path):
    """A first round: groups.yml declares rounds and groups, and no CSV has come in yet."""
    fw = make_framework(tmp_path / "fw", topics=1, questions=2)
    write_demo_results(load_framework(fw), tmp_path / "results", organisations=12, seed=1)
    for csv_file in (tmp_path / "results").glob("*.csv"):
        csv_file.unlink()
    site = build(fw, tmp_path / "site", tmp_path / "results")
    data = json.loads((site / "assessment" / "submission.json").read_text(encoding="utf-8"))
    assert data["open"] is True and data["rounds"]
    assert not (site / "benchmarks" / "benchmarks.json").exists()  # and nothing is published yet
