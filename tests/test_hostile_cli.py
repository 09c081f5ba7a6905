"""Inputs that once crashed a command: each is refused with file:line: field: message, or builds; never a traceback.

Every case runs the real `dmf` in a subprocess from the repository root, as a maintainer would. Large
inputs are made here, in a temporary folder, never committed.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .factory import framework_dict
from .hostile import (
    DUMP,
    build,
    dmf,
    files_of,
    groups_doc,
    messages,
    norm,
    question_ids,
    reported_path,
    static_texts,
    svg_text,
    write_files,
    write_results,
)

ODI_FIXTURE = Path(__file__).parent / "fixtures" / "odi" / "small.odi.json"
ROUNDS, ORG_TYPES, SIZE_BANDS = ["2025", "2026"], ["council", "nhs-body"], ["small", "large"]
FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A small framework and valid results beside it, to copy and spoil one thing at a time."""
    d = tmp_path_factory.mktemp("cli-base")
    fw, topics = framework_dict(topics=2, questions=2)
    write_files(d / "framework", files_of(fw, topics))
    write_results(d / "results", groups_doc(ROUNDS, ORG_TYPES, SIZE_BANDS), question_ids(topics), "1.2.3")
    return d


@pytest.fixture
def case(base, tmp_path) -> Path:
    shutil.copytree(base / "framework", tmp_path / "framework")
    shutil.copytree(base / "results", tmp_path / "results")
    return tmp_path


def validate(d: Path):
    return dmf("validate", "--framework", d / "framework", "--results", d / "results")


def csv_lines(d: Path) -> list[bytes]:
    return (d / "results" / "results.csv").read_bytes().split(b"\n")


def write_csv_lines(d: Path, lines: list[bytes]) -> None:
    (d / "results" / "results.csv").write_bytes(b"\n".join(lines))


def set_field(line: bytes, column: str, value: bytes) -> bytes:
    header = ["respondent", "round", "org_type", "size_band", "framework_version", "question", "level"]
    fields = line.split(b",")
    fields[header.index(column)] = value
    return b",".join(fields)


def refused(run, file: Path, line: int | None = None, field: str | None = None) -> list[dict[str, str]]:
    """Assert a clean refusal: non-zero exit, no traceback, and a file:line message about file (and field)."""
    assert "Traceback" not in run.output, run.tail()
    assert run.returncode != 0, run.tail()
    found = [m for m in messages(run.stderr) if reported_path(m["file"]) == file.resolve()]
    if line is not None:
        found = [m for m in found if int(m["line"]) == line]
    if field is not None:
        found = [m for m in found if m["field"] == field or field in (m["msg"] or "")]
    assert found, f"no '{file.name}:{line or 'N'}: {field or 'field'}: message' in:\n{run.tail()}"
    return found


# ---------- results files ----------


def test_a_superscript_digit_as_a_level_is_refused(case):
    lines = csv_lines(case)
    lines[1] = set_field(lines[1], "level", "²".encode())
    write_csv_lines(case, lines)
    refused(validate(case), case / "results" / "results.csv", 2, "level")


@pytest.mark.parametrize("digit", ["٣", "３", "⑶"], ids=["arabic-indic", "fullwidth", "parenthesised"])
def test_other_unicode_digits_as_a_level_are_refused(case, digit):
    lines = csv_lines(case)
    lines[1] = set_field(lines[1], "level", digit.encode())
    write_csv_lines(case, lines)
    refused(validate(case), case / "results" / "results.csv", 2, "level")


def test_an_unbalanced_quote_is_refused(case):
    lines = csv_lines(case)
    lines[2] = b'"' + lines[2]
    write_csv_lines(case, lines)
    refused(validate(case), case / "results" / "results.csv")


@pytest.mark.parametrize("column, fill", [("question", b"x"), ("level", b"9"), ("respondent", b"r")])
def test_a_50_mb_value_is_refused_without_echoing_it(case, column, fill):
    lines = csv_lines(case)
    lines[1] = set_field(lines[1], column, fill * FIFTY_MB)
    write_csv_lines(case, lines)
    run = validate(case)
    assert len(run.stderr.encode()) < 10 * 1024, f"{len(run.stderr.encode()):,} bytes of messages:\n{run.stderr[:600]}"
    assert len(run.stdout.encode()) < 10 * 1024
    refused(run, case / "results" / "results.csv", 2, column)


def test_a_latin_1_byte_is_refused_naming_its_column(case):
    lines = csv_lines(case)
    lines[2] = set_field(lines[2], "org_type", "café".encode("latin-1"))
    write_csv_lines(case, lines)
    refused(validate(case), case / "results" / "results.csv", 3, "org_type")


def limited_memory() -> None:  # pragma: no cover - runs in the child
    two_gb = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gb, two_gb))


def test_a_yaml_alias_bomb_in_groups_is_refused_quickly(case):
    """Nine aliases of nine aliases, eight deep: 43 million strings if expanded. Refuse it; never expand it."""
    lines = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "bomb:\n" + "\n".join(lines) + "\n"
    text += "rounds: [{id: '2025', label: '2025'}, {id: '2026', label: *a8}]\n"
    text += "org_types: [{id: council, label: Council}, {id: nhs-body, label: NHS body}]\n"
    text += "size_bands: [{id: small, label: Small}, {id: large, label: Large}]\n"
    (case / "results" / "groups.yml").write_text(text, encoding="utf-8")
    args = ["validate", "--framework", case / "framework", "--results", case / "results"]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", *map(str, args)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=limited_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("validate was still expanding the aliases after 60 s")
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output[-3000:]
    assert done.returncode != 0, output[-3000:]
    found = [
        m for m in messages(done.stderr) if reported_path(m["file"]) == (case / "results" / "groups.yml").resolve()
    ]
    assert found, output[-3000:]


# ---------- text that charts draw ----------


def test_a_group_label_with_maths_builds_and_reads_as_written(case, tmp_path):
    label = "NHS $\\frac$ body"
    doc = groups_doc(ROUNDS, ORG_TYPES, SIZE_BANDS, {"org_types:nhs-body": label})
    (case / "results" / "groups.yml").write_text(yaml.safe_dump(doc, **DUMP), encoding="utf-8")
    run = build(case / "framework", case / "results", tmp_path / "site")
    assert "Traceback" not in run.output, run.tail()
    assert run.returncode == 0, run.tail()
    assert label in norm(svg_text(tmp_path / "site")), "the chart does not show the label as written"


def test_a_level_name_of_119_characters_builds(case, tmp_path):
    name = " ".join(["Organisations"] * 9)[:119].rstrip()
    name = (name + " x" * 10)[:119]
    assert len(name) == 119
    path = case / "framework" / "framework.yml"
    fw = yaml.safe_load(path.read_text(encoding="utf-8"))
    fw["levels"][1]["name"] = name
    path.write_text(yaml.safe_dump(fw, **DUMP), encoding="utf-8")
    run = build(case / "framework", case / "results", tmp_path / "site")
    assert "Traceback" not in run.output, run.tail()
    assert run.returncode == 0, run.tail()
    texts = static_texts(tmp_path / "site")
    assert name in texts[f"framework/levels/{fw['levels'][1]['id']}/index.html"]


# ---------- importing ----------


def test_importing_a_missing_odi_file_is_refused(tmp_path):
    missing = tmp_path / "no-such-file.json"
    run = dmf("import", "odi-json", missing, "--out", tmp_path / "out")
    refused(run, missing)
    assert not (tmp_path / "out").exists()


def test_importing_a_folder_as_an_odi_file_is_refused(tmp_path):
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    run = dmf("import", "odi-json", folder, "--out", tmp_path / "out")
    refused(run, folder)
    assert not (tmp_path / "out").exists()


def test_odi_text_that_is_only_html_imports_or_is_refused_at_its_source(tmp_path):
    """A question or statement that is nothing but tags: import it (as TODO, say) or name the source file.

    Never name the temporary folder the import works in: it is gone by the time anyone reads the message.
    """
    data = json.loads(ODI_FIXTURE.read_text(encoding="utf-8"))
    q = data["dimensions"][0]["activities"][0]["questions"][0]
    q["text"] = "<img src=x onerror=alert(1)>"
    q["statements"][0]["text"] = "<br>"
    source = tmp_path / "tags.odi.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    run = dmf("import", "odi-json", source, "--out", tmp_path / "out", "--released", "2026-02-01")
    assert "Traceback" not in run.output, run.tail()
    assert ".import-" not in run.output, f"a message names the import's temporary folder:\n{run.tail()}"
    if run.returncode != 0:
        refused(run, source)
        return
    checked = dmf("validate", "--framework", tmp_path / "out", "--results", tmp_path / "no-results")
    assert checked.returncode == 0, checked.tail()
