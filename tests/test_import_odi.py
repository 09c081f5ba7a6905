"""`dmf import odi-json`: an ODI maturity-tool file becomes a framework that validates and builds.

The fixtures are our own small files in the ODI format. small: three dimensions, activities that
cross them, text in Welsh and Japanese, and the awkward cases (a question named like its topic, HTML,
missing and extra statements). diagonal: activities that repeat the topics, and a publisher. tree:
activities that each sit inside one topic. similar: questions whose wording differs only late.
yes-no: the older yes/no form.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.framework.load import load_framework
from generator.importers.ids import QUESTION_ID_MAX, slug
from generator.importers.odi import OptionError, import_file

from .conftest import build, without_codes
from .test_build import tree_digest

FIXTURES = Path(__file__).parent / "fixtures" / "odi"
FIXTURE = FIXTURES / "small.odi.json"


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
    assert q.id == "sharing-sharing-data"  # worded like its topic: the topic's prefix keeps them apart
    assert q.hint == "Think about the last three requests you received."
    assert q.answers == {
        1: "Requests are turned down out of habit.",
        2: "Requests are answered case by case.",
        3: "A written process handles requests.",
        4: "Data is offered before anyone asks.",
    }
    assert sharing.questions[2].answers[3] == "We keep a shared log, with dates."  # HTML became text
    welsh = model.topic("rhannu-data-a-phartneriaid")
    assert [q.id for q in welsh.questions] == ["rhannu-keep-record-share", "rhannu-agreements-partners-say"]
    assert model.topic("topic-3").questions[0].id == "topic-question-1"  # no readable word: numbered in its topic
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
        "1 answer(s) for a level: rhannu-agreements-partners-say level 3",
    ]:
        assert f"  - {lack}" in report
    assert "which was taken" not in report  # no id had to be numbered
    assert "Left out sharing-decides-shared: a statement for level 9, which is not a level (1 to 4)." in report
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
        ("Children’s services", "childrens-services"),
        (
            "Ensuring that the findability of every single dataset is maintained over time",
            "ensuring-that-the-findability-of-every-single",
        ),
    ],
)
def test_slugs(text, expected):
    assert slug(text) == expected


def _import(tmp_path: Path, data: dict | str, name: str = "fw") -> Path:
    """Import a fixture by name, or a changed copy of one, into tmp_path/name; the import must work."""
    source = FIXTURES / f"{data}.odi.json" if isinstance(data, str) else tmp_path / f"{name}.odi.json"
    if not isinstance(data, str):
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / name
    assert main(["import", "odi-json", str(source), "--out", str(out), "--released", "2026-02-01"]) == 0
    return out


def _fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.odi.json").read_text(encoding="utf-8"))


def _all_ids(model) -> list[str]:
    fw = model.framework
    crossing = [v.id for v in fw.crossing.values] if fw.crossing else []
    return [
        fw.id,
        *(lv.id for lv in fw.levels),
        *(t.id for t in fw.themes),
        *crossing,
        *(t.id for t in model.topics),
        *(q.id for t in model.topics for q in t.questions),
    ]


def test_activities_that_repeat_the_topics_make_no_crossing(tmp_path, capsys):
    model = load_framework(_import(tmp_path, "diagonal"))
    assert model.framework.crossing is None
    assert [t.id for t in model.topics] == ["planning", "skills", "tools"]  # their own ids, never tools-2
    assert all(q.crossing is None for t in model.topics for q in t.questions)
    report = capsys.readouterr().out
    assert "3 topics, no crossing dimension, 6 questions, 4 levels." in report
    assert "  - No crossing dimension: the 3 activities are the topics again (one in each, with its name)" in report


def test_a_tree_of_activities_makes_no_crossing_and_says_what_was_left_out(tmp_path, capsys):
    model = load_framework(_import(tmp_path, "tree"))
    assert model.framework.crossing is None
    assert [t.id for t in model.topics] == ["publishing", "support", "strategy"]
    assert [len(t.questions) for t in model.topics] == [3, 2, 3]  # every question kept, in the source's order
    report = capsys.readouterr().out
    assert "3 topics, no crossing dimension, 8 questions, 4 levels." in report
    assert "  - the activity each question sits in (7 activities, each inside one topic, so they do not cross" in report


@pytest.mark.parametrize(("spanning", "crossing"), [(1, None), (2, ["release-steps", "formats", "feedback"])])
def test_a_crossing_needs_two_activities_each_in_two_topics(tmp_path, capsys, spanning, crossing):
    data = _fixture("tree")
    publishing, support, strategy = data["dimensions"]
    strategy["activities"] = strategy["activities"][:1]  # the rest would only add activities inside one topic
    for activity in publishing["activities"][:spanning]:  # the same activity, with questions in Support too
        support["activities"].append({"title": activity["title"].upper(), "questions": activity["questions"]})
    model = load_framework(_import(tmp_path, data))
    fw = model.framework
    assert (fw.crossing and [v.id for v in fw.crossing.values][:3]) == crossing
    if crossing is None:
        assert "only 1 in more than one topic, and a crossing needs 2" in capsys.readouterr().out
    else:  # every question names its activity, however its title was written
        assert [q.crossing for q in model.topic("support").questions][-3:] == ["release-steps", "formats", "formats"]


def test_topics_take_their_natural_ids_before_crossing_values(tmp_path, capsys):
    data = _fixture("small")
    data["dimensions"][0]["name"] = "People"  # a topic named like an activity that crosses the topics
    data["levels"][0] = "People"  # and like a level
    model = load_framework(_import(tmp_path, data))
    assert [t.id for t in model.topics][0] == "people"
    assert model.framework.levels[0].id == "level-people"
    assert [v.id for v in model.framework.crossing.values] == ["people-activity", "tools", "rules"]
    assert "Activity “People” would have had the id 'people', which was taken, so it is 'people-activity'" in (
        capsys.readouterr().out
    )
    assert not [i for i in _all_ids(model) if i.endswith("-2")]


def test_question_ids_are_short_readable_and_distinct(tmp_path, capsys):
    model = load_framework(_import(tmp_path, "similar"))
    ids = {t.id: [q.id for q in t.questions] for t in model.topics}
    # Wording that differs only late gets the first word that differs, not a number.
    assert ids == {
        "keeping-records": [
            "keeping-records-named-lead-customer-accurate",
            "keeping-records-named-lead-staff",
            "keeping-records-named-lead-supplier",
            "keeping-records-named-lead-customer-secure",
            "keeping-records-named-lead-customer-date",
            "keeping-records-review-records",
            "keeping-records-review-records-year",
            "keeping-records-written-process-deleting",
            "keeping-records-written-process-correcting",
        ],
        # Two topics whose names start alike get prefixes that differ; the same question in each differs too.
        "keeping-data-safe": [
            "keeping-data-named-lead",
            "keeping-data-named-person-partners",
            "keeping-data-named-person-public",
            "keeping-data-written-process",
        ],
    }
    every = _all_ids(model)
    assert len(set(every)) == len(every)
    assert max(len(i) for t in ids.values() for i in t) <= QUESTION_ID_MAX == 48
    assert "which was taken" not in capsys.readouterr().out


def test_yes_no_form_is_refused_with_one_problem_naming_the_form(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    assert main(["import", "odi-json", "yes-no.odi.json", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1].endswith(" [unsupported-form]")
    err = without_codes(err)
    lines = (FIXTURES / "yes-no.odi.json").read_text(encoding="utf-8").splitlines()
    line, text = next((i, t) for i, t in enumerate(lines, 1) if '"answers"' in t)  # the first yes/no question's
    answers_at = f"{line}:{text.index('[') + 1}"
    assert err[1:] == [
        f"yes-no.odi.json:{answers_at}: dimensions[0].activities[0].questions[0].answers: this is the ODI's older "
        "yes/no form (questions answered yes or no, as in the Open Data Pathway), which is not supported: dmf imports "
        'the form with a statement for each level ("statements" with "associatedLevel")',
        "1 problem(s) found; nothing was written.",
    ]
    assert not (tmp_path / "out").exists()


def test_a_bad_language_names_the_option_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["import", "odi-json", str(FIXTURE), "--out", str(out), "--language", "english"]) == 1
    err = capsys.readouterr().err
    assert "--language english is not a language tag such as en, cy or en-GB" in err
    # Called without the command's own check, the importer still names the option, never its temporary folder.
    with pytest.raises(OptionError, match=r"^--language english: ") as raised:
        import_file(FIXTURE, out, released=dt.date(2026, 2, 1), language="english")
    assert ".import-" not in str(raised.value) and "framework.yml" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary folder left


def test_the_publisher_is_kept_for_the_licence_and_shown_in_every_footer(tmp_path, capsys):
    out = _import(tmp_path, "diagonal")
    assert "\npublisher: Riverside Data Collective\n" in (out / "framework.yml").read_text(encoding="utf-8")
    report = capsys.readouterr().out
    assert "  - organisation.homePage\n" in report and "  - organisation\n" not in report
    assert main(["validate", "--framework", str(out)]) == 0
    site = build(out, tmp_path / "site", results=tmp_path / "no-results")
    footers = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "md-copyright" in html:
            footers += 1
            assert "Published by Riverside Data Collective." in html, page
    assert footers > 5
    parser = _Tables()
    parser.feed((site / "framework" / "index.html").read_text(encoding="utf-8"))
    assert not [t for t in parser.tables if t and t[0][1:] == ["Planning", "Skills", "Tools"]]  # no diagonal table
