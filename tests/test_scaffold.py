"""`dmf new topic`: a complete skeleton that validates, listed in its theme without disturbing framework.yml."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.framework.load import load_framework

from .conftest import ROOT, without_codes
from .factory import make_framework
from .test_build import tree_digest

BASE = Path(__file__).parent / "fixtures" / "loader" / "base"


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_new_topic_validates_and_only_adds_its_id(tmp_path, capsys):
    fw = shutil.copytree(BASE, tmp_path / "framework")
    (fw / "framework.yml").write_text(
        (fw / "framework.yml")
        .read_text(encoding="utf-8")
        .replace("themes:\n", "# Themes, in reading order.\nthemes:\n"),
        encoding="utf-8",
    )
    before = (fw / "framework.yml").read_text(encoding="utf-8")
    assert main(["new", "topic", "gamma", "--theme", "only-theme", "--title", "Gamma", "--framework", str(fw)]) == 0
    after = (fw / "framework.yml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-    topics: [alpha, beta]", "+    topics: [alpha, beta, gamma]"]

    model = load_framework(fw)
    gamma = model.topic("gamma")
    assert [t.id for t in model.topics] == ["alpha", "beta", "gamma"]
    assert gamma.title == "Gamma" and len(gamma.questions) == 3
    # Every level, answer and step is there, and every piece of text is marked to be written.
    assert sorted(gamma.levels) == [1, 2, 3] and all(v.startswith("TODO:") for v in gamma.levels.values())
    assert all(sorted(q.answers) == [1, 2, 3] for q in gamma.questions)
    assert all(a.startswith("TODO:") for q in gamma.questions for a in [q.text, *q.answers.values()])
    assert [s.from_level for s in gamma.steps] == [1, 2]
    for s in gamma.steps:
        assert len(s.actions) == 3
        assert all(x.startswith("TODO:") for x in [*s.actions, s.milestone, *s.involve, *s.evidence, s.timescale])
    out = capsys.readouterr().out
    assert "33 places say TODO" in out


def test_block_style_lists_and_crossing_frameworks(tmp_path):
    fw = make_framework(tmp_path / "fw", start=0, n_levels=6, crossing=True)
    before = (fw / "framework.yml").read_text(encoding="utf-8")
    assert main(["new", "topic", "new-topic", "--theme", "theme-a", "--questions", "1", "--framework", str(fw)]) == 0
    assert changed_lines(before, (fw / "framework.yml").read_text(encoding="utf-8")) == ["+  - new-topic"]
    topic = load_framework(fw).topic("new-topic")
    assert sorted(topic.levels) == [0, 1, 2, 3, 4, 5]
    assert [s.from_level for s in topic.steps] == [0, 1, 2, 3, 4]
    assert topic.questions[0].crossing == "culture" and topic.title.startswith("TODO:")


def test_new_topic_points_editors_at_the_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    fw = shutil.copytree(BASE, tmp_path / "framework")
    assert main(["new", "topic", "gamma", "--theme", "only-theme", "--framework", str(fw)]) == 0
    first = (fw / "topics" / "gamma.yml").read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match and (fw / "topics" / match.group(1)).resolve() == ROOT / "site_src" / "schema" / "topic.schema.json"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Gamma Topic", "--theme", "only-theme"], "'Gamma Topic' is not a valid topic id"),
        (["beta", "--theme", "only-theme"], "beta: already used in the framework"),
        (["second", "--theme", "only-theme"], "second: already used in the framework"),  # a level's id
        (["gamma", "--theme", "no-such-theme"], "there is no theme 'no-such-theme': choose one of only-theme"),
        (["gamma", "--theme", "only-theme", "--questions", "0"], "a topic needs at least one question"),
    ],
)
def test_new_topic_refuses_and_changes_nothing(args, message, tmp_path, capsys):
    fw = shutil.copytree(BASE, tmp_path / "framework")
    before = tree_digest(fw)
    assert main(["new", "topic", *args, "--framework", str(fw)]) == 1
    assert message in capsys.readouterr().err
    assert tree_digest(fw) == before


def test_new_topic_refuses_a_broken_framework(tmp_path, capsys):
    fw = shutil.copytree(BASE, tmp_path / "framework")
    (fw / "topics" / "beta.yml").write_text("id: beta\n", encoding="utf-8")
    before = tree_digest(fw)
    assert main(["new", "topic", "gamma", "--theme", "only-theme", "--framework", str(fw)]) == 1
    err = capsys.readouterr().err
    assert "beta.yml:1:1: title: required field is missing" in err and "nothing was written" in err
    assert tree_digest(fw) == before


def test_validate_strict_lists_every_todo(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(BASE, tmp_path / "framework")
    main(["new", "topic", "gamma", "--theme", "only-theme", "--questions", "1"])
    capsys.readouterr()
    assert main(["validate"]) == 0  # TODO text is valid; it is only not finished
    assert "Note: 26 place(s) still say TODO" in capsys.readouterr().err
    assert main(["validate", "--strict"]) == 1
    err = without_codes(capsys.readouterr().err.splitlines(), coded=26)
    assert err[-1] == "26 place(s) still say TODO: write them before you release."
    assert len(err) == 27 and all(line.startswith("framework/topics/gamma.yml:") for line in err[:-1])
    data = yaml.safe_load((tmp_path / "framework" / "topics" / "gamma.yml").read_text(encoding="utf-8"))
    line = next(line for line in err if ": steps[1].milestone: " in line)
    text = (tmp_path / "framework" / "topics" / "gamma.yml").read_text(encoding="utf-8").splitlines()
    number = int(line.split(":")[1])
    assert text[number - 1].strip() == f"milestone: '{data['steps'][1]['milestone']}'"
