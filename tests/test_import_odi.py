"""`dmf import odi-json`: an ODI maturity-tool file becomes a framework that validates and builds.

The fixture is our own small file in the ODI format (three dimensions, activities that cross them,
text in Welsh and Japanese, and the awkward cases: clashing ids, HTML, missing and extra statements).
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.framework.load import load_framework
from generator.importers.text import slug

from .conftest import build, without_codes
from .test_build import tree_digest

FIXTURE = Path(__file__).parent / "fixtures" / "odi" / "small.odi.json"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("odi") / "framework"
    assert main(["import", "odi-json", str(FIXTURE), "--out", str(out), "--released", "2026-02-01"]) == 0
    return out


def source_counts() -> dict[str, Counter]:
    """Questions per dimension and activity, read straight from the fixture."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return {
        d["name"]: Counter(a["title"].casefold() for a in d["activities"] for _ in a["questions"])
        for d in data["dimensions"]
    }


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_import_validates_with_topics_crossed_by_activities(imported):
    model = load_framework(imported)
    fw = model.framework
    assert [t.title for t in model.topics] == list(source_counts())
    assert [t.id for t in model.topics] == ["sharing-data", "rhannu-data-a-phartneriaid", "topic-3"]
    assert [lv.name for lv in fw.levels] == ["Unaware", "Aware", "Practising", "Leading"]
    assert [lv.number for lv in fw.levels] == [1, 2, 3, 4]
    assert fw.crossing is not None and fw.crossing.plural == "Activities"
    assert [(v.id, v.title) for v in fw.crossing.values] == [
        ("people", "People"),
        ("tools", "Tools"),
        ("rules", "Rules"),
    ]
    for topic, counts in zip(model.topics, source_counts().values(), strict=True):
        assert Counter(q.crossing for q in topic.questions) == counts
    assert sum(len(t.questions) for t in model.topics) == 6


def test_import_keeps_the_source_text_and_marks_the_rest(imported):
    model = load_framework(imported)
    sharing = model.topic("sharing-data")
    q = sharing.questions[0]
    assert q.id == "sharing-data-2"  # its slug clashed with the topic's id
    assert q.hint == "Think about the last three requests you received."
    assert q.answers == {
        1: "Requests are turned down out of habit.",
        2: "Requests are answered case by case.",
        3: "A written process handles requests.",
        4: "Data is offered before anyone asks.",
    }
    assert sharing.questions[2].answers[3] == "We keep a shared log, with dates."  # HTML became text
    welsh = model.topic("rhannu-data-a-phartneriaid")
    assert welsh.questions[0].id == "how-do-you-keep-a-record-of-what-you-share-2"
    assert welsh.questions[0].answers[3] == "A log for each partner."  # the first of two for one level
    assert welsh.questions[1].answers[3].startswith("TODO:")  # the source has no statement for it
    assert model.framework.summary.startswith("A made-up framework for testing the importer & nothing else.")
    assert "[the notes](https://example.org/readiness)" in model.framework.summary
    assert model.framework.licence.startswith("TODO:")
    for t in model.topics:
        assert t.why_it_matters.startswith("TODO:") and all(v.startswith("TODO:") for v in t.levels.values())
        assert [s.from_level for s in t.steps] == [1, 2, 3]
        assert all(a.startswith("TODO:") for s in t.steps for a in s.actions)


def test_import_report_says_what_the_source_lacks(tmp_path, capsys):
    out = tmp_path / "fw"
    main(["import", "odi-json", str(FIXTURE), "--out", str(out), "--released", "2026-02-01"])
    report = capsys.readouterr().out
    assert "3 topics, 3 activities crossing them, 6 questions, 4 levels." in report
    for lack in [
        "a summary for each of the 4 levels",
        "guidance for each step up (3 steps in each of the 3 topics)",
        "a licence (licence in framework.yml)",
        "themes that group topics: all 3 topics are in one theme, 'all-topics'",
        "1 answer(s) for a level: do-agreements-with-partners-say-how-long-data-is level 3",
    ]:
        assert f"  - {lack}" in report
    assert "which was taken, so it is 'sharing-data-2'" in report
    assert "Left out who-decides-what-can-be-shared: a statement for level 9, which is not a level (1 to 4)." in report
    assert "  - owner\n" in report and "  - public\n" in report
    assert "statements[].tags\n" in report  # one tag has a value, so it is not called empty
    todo_line = next(line for line in report.splitlines() if "written as TODO" in line)
    count = int(todo_line.split("TODO, ")[1].split(" ")[0])
    capsys.readouterr()
    assert main(["validate", "--framework", str(out), "--strict"]) == 1
    assert (
        capsys.readouterr().err.splitlines()[-1] == f"{count} place(s) still say TODO: write them before you release."
    )


def test_import_builds_a_site_with_the_crossing_table(imported, tmp_path):
    site = build(imported, tmp_path / "site", results=tmp_path / "no-results")
    parser = _Tables()
    parser.feed((site / "framework" / "index.html").read_text(encoding="utf-8"))
    crossing = next(t for t in parser.tables if t and t[0][1:] == ["People", "Tools", "Rules"])
    rows = {r[0]: [int(n) for n in r[1:]] for r in crossing[1:]}
    assert rows == {
        name: [counts["people"], counts["tools"], counts["rules"]] for name, counts in source_counts().items()
    }
    for tid in ("sharing-data", "rhannu-data-a-phartneriaid", "topic-3"):
        assert (site / "framework" / "topics" / tid / "index.html").is_file()


def test_import_is_deterministic(tmp_path):
    for name in ("a", "b"):
        assert (
            main(["import", "odi-json", str(FIXTURE), "--out", str(tmp_path / name), "--released", "2026-02-01"]) == 0
        )
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")


def test_malformed_file_names_every_problem_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    del data["levels"]
    data["dimensions"][0]["activities"][0]["questions"][1]["statements"][0]["associatedLevel"] = "two"
    data["dimensions"][1]["activities"][0]["questions"][0]["text"] = ""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    level_at = next(i for i, line in enumerate(lines, 1) if '"associatedLevel": "two"' in line)
    empty_at = next(i for i, line in enumerate(lines, 1) if line.strip() == '"text": "",')
    assert main(["import", "odi-json", "bad.json", "--out", "out"]) == 1
    err = without_codes(capsys.readouterr().err.splitlines())
    assert err == [
        "Importing bad.json into out/ ...",
        "bad.json:1:1: levels: required field is missing",
        f"bad.json:{level_at}:38: dimensions[0].activities[0].questions[1].statements[0].associatedLevel: "
        "Input should be a valid integer, unable to parse string as an integer",
        f"bad.json:{empty_at}:23: dimensions[1].activities[0].questions[0].text: must not be empty",
        "3 problem(s) found; nothing was written.",
    ]
    assert not (tmp_path / "out").exists()


def test_not_json_and_existing_folders_are_refused(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x",\n  "levels": [}\n', encoding="utf-8")
    assert main(["import", "odi-json", str(bad), "--out", str(tmp_path / "out")]) == 1
    assert "bad.json:2:14: not valid JSON: Expecting value" in capsys.readouterr().err
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["import", "odi-json", str(FIXTURE), "--out", str(tmp_path / "taken")]) == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["keep.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Making data available to those who need it.", "making-data-available-to-those-who-need-it"),
        ("Rhannu data â phartneriaid", "rhannu-data-a-phartneriaid"),
        ("データの品質", ""),
        ("A" * 60, "a" * 48),
        (
            "Ensuring that the findability of every single dataset is maintained over time",
            "ensuring-that-the-findability-of-every-single",
        ),
    ],
)
def test_slugs(text, expected):
    assert slug(text) == expected
