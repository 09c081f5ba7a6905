"""Every loader mistake gives the expected message, with file, line, column and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.framework.load import load_framework
from generator.yamlio.problems import InputError

from .conftest import build, without_codes

FIXTURES = Path(__file__).parent / "fixtures" / "loader"
CASES = yaml.safe_load((FIXTURES / "cases.yml").read_text(encoding="utf-8"))


def broken_copy(tmp_path: Path, case: dict) -> Path:
    shutil.copytree(FIXTURES / "base", tmp_path / "framework")
    for edit in [case, *case.get("also", [])]:
        path = tmp_path / "framework" / edit["file"]
        text = path.read_text(encoding="utf-8")
        if edit.get("old") is None:
            text = edit["new"]
        else:
            assert edit["old"] in text, f"fixture {case['name']}: text to replace not found"
            text = text.replace(edit["old"], edit["new"], 1)
        path.write_bytes(text.encode(case.get("encoding", "utf-8")))
    return tmp_path / "framework"


def test_base_fixture_is_valid():
    model = load_framework(FIXTURES / "base")
    assert [t.id for t in model.topics] == ["alpha", "beta"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_loader_mistake(case, tmp_path, monkeypatch, capsys):
    broken_copy(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    err = without_codes(capsys.readouterr().err.splitlines(), coded=len(case["expect"]))
    assert err[:-1] == case["expect"]
    assert err[-1] == f"{len(case['expect'])} problem(s) found; nothing was built."


def test_every_problem_is_reported_at_once(tmp_path, monkeypatch):
    case = next(c for c in CASES if c["name"] == "several-at-once")
    broken_copy(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as err:
        load_framework("framework")
    files = {p.file for p in err.value.problems}
    assert files == {"framework/framework.yml", "framework/topics/alpha.yml", "framework/topics/beta.yml"}


def test_valid_framework_prints_one_line_summary(monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", "--framework", "base"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "valid" in out[0] and "2 topics" in out[0] and "4 questions" in out[0]


def test_python_dash_m_is_the_same_command(tmp_path):
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--framework", str(FIXTURES / "base")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "valid" in run.stdout


def test_topic_page_says_where_it_sits_in_each_crosswalk(tmp_path):
    case = {
        "name": "crosswalk-on-the-page",
        "file": "framework.yml",
        "old": "title: Other theme}",
        "new": "title: 'Other <b>theme</b> & more'}",
        "also": [
            {
                "file": "topics/beta.yml",
                "old": "      3: Three.\n  - id: beta-two",
                "new": "      3: Three.\n    maps_to: {other: [other-topic]}\n  - id: beta-two",
            }
        ],
    }
    site = build(broken_copy(tmp_path, case), tmp_path / "site")
    alpha = (site / "framework" / "topics" / "alpha" / "index.html").read_text(encoding="utf-8")
    section = alpha[alpha.index('id="crosswalk-other"') :]
    section = section[: section.index("<h2")]
    assert "Where this sits in Other framework" in section
    assert 'href="https://www.example.org/other-framework"' in section
    assert "<li>Other topic</li>" in section
    assert "<li>Other &lt;b&gt;theme&lt;/b&gt; &amp; more</li>" in section  # a name is text, never markup
    assert "publisher: Another publisher" in section
    # A question's mapping counts for its topic, and only the entries mapped are listed.
    beta = (site / "framework" / "topics" / "beta" / "index.html").read_text(encoding="utf-8")
    assert 'id="crosswalk-other"' in beta and "<li>Other topic</li>" in beta and "Other &lt;b&gt;theme" not in beta
