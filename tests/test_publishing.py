"""Publishing: the CI workflow and CONTRIBUTING.md only use commands and options that dmf really has."""

from __future__ import annotations

import re
import shlex

import pytest
from ruamel.yaml import YAML

from generator.cli import _parser

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DMF_COMMAND = re.compile(r"(?:^|(?<=[\s`(]))dmf\s+([^`|;&>\n]*)")


def workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def commands_in(text: str) -> list[list[str]]:
    code = re.sub(r"(?:^|\s)#.*$", "", text, flags=re.M)  # shell comments are prose
    return [shlex.split(m.group(1)) for m in DMF_COMMAND.finditer(code)]


def workflow_commands() -> list[list[str]]:
    steps = [s for job in workflow()["jobs"].values() for s in job.get("steps", [])]
    return [c for s in steps if "run" in s for c in commands_in(s["run"])]


def contributing_commands() -> list[list[str]]:
    """Commands in CONTRIBUTING.md's code: fenced blocks and `inline` spans, never the prose around them."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M)
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.S | re.M))
    return [c for code in [*blocks, *spans] for c in commands_in(code)]


def subcommands() -> set[str]:
    action = next(a for a in _parser()._actions if a.dest == "command")
    return set(action.choices)


def test_the_command_finder_finds_commands():
    assert subcommands() >= {"validate", "build", "serve", "diff", "release", "new", "import"}
    assert commands_in("run `dmf diff 1.2.0 framework` then\n  dmf validate --strict || echo no\n") == [
        ["diff", "1.2.0", "framework"],
        ["validate", "--strict"],
    ]
    with pytest.raises(SystemExit):
        _parser().parse_args(["validate", "--no-such-option"])


@pytest.mark.parametrize("where", ["workflow", "CONTRIBUTING.md"])
def test_every_documented_command_exists(where, capsys):
    found = workflow_commands() if where == "workflow" else contributing_commands()
    assert len(found) >= 5
    for args in found:
        if len(args) == 1 and args[0] in subcommands():
            continue  # a command named in passing, such as `dmf diff`
        try:
            _parser().parse_args(args)
        except SystemExit:
            pytest.fail(f"{where}: `dmf {' '.join(args)}` is not a dmf command: {capsys.readouterr().err}")


def test_pull_requests_are_validated_built_and_uploaded():
    wf = workflow()
    assert "pull_request" in wf["on"]
    build = wf["jobs"]["build"]
    runs = [c[0] for c in workflow_commands()]
    assert {"validate", "build", "diff", "release"} <= set(runs)
    uploads = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "site/" and "if" not in uploads[0]
    assert wf["jobs"]["test"]["steps"][-1]["run"] == "make test"


def test_only_a_version_tag_publishes():
    wf = workflow()
    assert wf["on"]["push"]["tags"] == ["v*"]
    publish = wf["jobs"]["publish"]
    assert publish["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert set(publish["needs"]) == {"test", "build"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert wf["permissions"] == {"contents": "read"}  # only the publishing job may write
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in publish["steps"])
    check = next(s for s in wf["jobs"]["build"]["steps"] if "--check-tag" in s.get("run", ""))
    assert check["if"] == publish["if"] and "dmf validate --strict" in check["run"]
