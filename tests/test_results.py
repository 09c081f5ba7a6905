"""Results files: every malformed file gives its expected row-level message, and every row is accounted for."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from generator.cli import main
from generator.framework.load import load_framework
from generator.inputs import load_inputs
from generator.results.load import load_results
from generator.results.rows import COLUMNS
from generator.versions import ids as changes
from generator.yamlio.problems import InputError

from .conftest import ROOT, build, without_codes
from .factory import make_framework
from .test_build import tree_digest

FIXTURES = Path(__file__).parent / "fixtures" / "results"
CASES = yaml.safe_load((FIXTURES / "cases.yml").read_text(encoding="utf-8"))
HEADER = ",".join(COLUMNS)


def results_folder(tmp_path: Path, case: dict) -> Path:
    """A factory framework with the case's results folder beside it."""
    make_framework(tmp_path / "framework")
    results = tmp_path / "results"
    results.mkdir()
    if case.get("groups") != "none":
        shutil.copy(FIXTURES / case.get("groups", "groups.yml"), results / "groups.yml")
    shutil.copy(FIXTURES / "files" / case["csv"], results / case["csv"])
    if case.get("stray"):
        (results / case["stray"]).write_bytes(b"PK\x03\x04")
    return results


def write_results(results: Path, rows: list[str], name: str = "2025.csv") -> Path:
    results.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "groups.yml", results / "groups.yml")
    (results / name).write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return results


def test_every_fixture_file_has_a_case():
    named = {c["csv"] for c in CASES} | {c["groups"] for c in CASES if c.get("groups", "none") != "none"}
    on_disk = {p.name for p in (FIXTURES / "files").iterdir()} | {
        f"groups/{p.name}" for p in (FIXTURES / "groups").iterdir()
    }
    assert on_disk == named


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_results(case, tmp_path, monkeypatch, capsys):
    results_folder(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    err = without_codes(capsys.readouterr().err.splitlines(), coded=len(case["expect"]))
    assert err[: len(case["expect"])] == case["expect"]
    assert err[len(case["expect"]) :] == [
        f"results: {case['reconciliation']}",
        f"{len(case['expect'])} problem(s) found; nothing was built.",
    ]


def test_valid_results_print_the_reconciliation_in_the_summary(tmp_path, monkeypatch, capsys):
    results_folder(tmp_path, {"csv": "valid.csv"})
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--results", "results"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].endswith("; results: 3 rows read = 3 used + 0 rejected")


def test_results_are_not_checked_when_the_framework_is_broken(tmp_path, monkeypatch):
    results_folder(tmp_path, {"csv": "level-not-a-level.csv"})
    (tmp_path / "framework" / "topics" / "topic-0.yml").write_text("id: topic-0\ntitle: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as err:
        load_inputs(Path("framework"), Path("results"))
    assert {p.file for p in err.value.problems} == {"framework/topics/topic-0.yml"}


def test_a_topic_id_is_not_a_question(tmp_path, monkeypatch):
    make_framework(tmp_path / "framework")
    write_results(tmp_path / "results", ["resp-0001,2025,local-authority,small,1.2.3,topic-0,3"])
    monkeypatch.chdir(tmp_path)
    loaded = load_results(Path("results"), load_framework("framework"))
    assert [str(p) for p in loaded.problems] == [
        "results/2025.csv:2: question: 'topic-0' is not a question of this framework"
    ]


def test_all_problems_of_all_files_at_once(tmp_path, monkeypatch):
    make_framework(tmp_path / "framework")
    results = write_results(tmp_path / "results", ["resp-0001,2025,local-authority,small,1.2.3,topic-0-q-0,7"])
    shutil.copy(FIXTURES / "files" / "unknown-question.csv", results / "b.csv")
    shutil.copy(FIXTURES / "files" / "extra-column.csv", results / "c.csv")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as err:
        load_inputs(Path("framework"), Path("results"))
    assert {p.file for p in err.value.problems} == {"results/2025.csv", "results/b.csv", "results/c.csv"}
    assert err.value.__notes__ == [
        "results: 6 rows read = 1 used + 5 rejected (2 in a file whose header row has problems; "
        "2 with an unknown question; 1 with a level that is not a level of the framework)"
    ]


def test_no_results_folder_or_an_empty_one_means_no_results(tmp_path):
    model = load_framework(make_framework(tmp_path / "framework"))
    assert load_results(tmp_path / "absent", model).results is None
    (tmp_path / "empty").mkdir()
    loaded = load_results(tmp_path / "empty", model)
    assert loaded.results is None and loaded.problems == [] and loaded.reconciliation is None


def test_used_answers_are_typed_and_ordered(tmp_path):
    model = load_framework(make_framework(tmp_path / "framework", crossing=True))
    results = write_results(
        tmp_path / "results",
        [
            "resp-0002,2026,nhs-body,large,1.2.3,topic-1-q-1,unknown",
            "resp-0001,2025,local-authority,small,1.2.3,topic-0-q-0,3",
            "resp-0001,2025,local-authority,small,1.2.3,topic-0-q-1,na",
        ],
    )
    answers = load_results(results, model).results.answers
    assert list(answers.columns) == [
        "respondent",
        "round",
        "org_type",
        "size_band",
        "question",
        "topic",
        "crossing",
        "level",
        "answer",
    ]
    assert list(answers["round"].cat.categories) == ["2025", "2026"] and answers["round"].cat.ordered
    assert list(answers["org_type"].cat.categories) == ["local-authority", "nhs-body"]
    assert answers["level"].dtype == "Int8"
    assert answers["level"].isna().tolist() == [True, False, True]
    assert answers["answer"].tolist() == ["unknown", "level", "na"]
    assert answers["crossing"].tolist() == ["tools", "culture", "tools"]
    assert answers["topic"].tolist() == ["topic-1", "topic-0", "topic-0"]


def test_rows_reconcile_across_files(tmp_path):
    model = load_framework(make_framework(tmp_path / "framework"))
    good = [f"resp-{i:04d},2025,local-authority,small,1.2.3,topic-0-q-0,{1 + i % 5}" for i in range(30)]
    bad = ["resp-9999,2025,local-authority,small,1.2.3,topic-0-q-0,8", "resp-9998,2025,council,small,1.2.3,x,1"]
    results = write_results(tmp_path / "results", good + bad)
    (results / "2026.csv").write_text(
        HEADER + "\n" + "\n".join(r.replace(",2025,", ",2026,") for r in good[:10]) + "\n", encoding="utf-8"
    )
    loaded = load_results(results, model)
    rec = loaded.reconciliation
    assert rec.rows_read == 42 and rec.rows_used == 40 and rec.rows_rejected == 2
    assert rec.rows_read == rec.rows_used + rec.rows_rejected
    assert [(f.file.rsplit("/", 1)[-1], f.read, f.used) for f in rec.files] == [
        ("2025.csv", 32, 30),
        ("2026.csv", 10, 10),
    ]
    assert dict(rec.rejected) == {
        "with an org_type not declared in groups.yml": 1,
        "with a level that is not a level of the framework": 1,
    }


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path):
    model = load_framework(make_framework(tmp_path / "framework"))
    results = write_results(tmp_path / "results", [])
    rows = [
        HEADER,
        "resp-0001,2025,local-authority,small,1.2.3,topic-0-q-0,3",
        "resp-0001,2025,local-authority,small,1.2.3,topic-0-q-1,4",
    ]
    (results / "2025.csv").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n")
    loaded = load_results(results, model)
    assert loaded.problems == []
    assert loaded.results.answers["level"].tolist() == [3, 4]


def test_older_versions_are_mapped_to_current_ids(tmp_path, monkeypatch):
    """A declared mapping renames, splits, merges and removes questions; answers follow it."""
    model = load_framework(make_framework(tmp_path / "framework"))
    declared = {
        "1.0.0": {
            "old-a": ("topic-0-q-0",),  # renamed
            "old-b": ("topic-0-q-1", "topic-1-q-0"),  # split in two
            "old-c": ("topic-1-q-1",),  # merged with old-d
            "old-d": ("topic-1-q-1",),
            "old-e": (),  # removed
        }
    }
    real = changes.id_mapping
    monkeypatch.setattr(changes, "id_mapping", lambda m, v: declared.get(v) or real(m, v))
    results = write_results(
        tmp_path / "results",
        [
            "resp-0001,2025,local-authority,small,1.0.0,old-a,2",
            "resp-0001,2025,local-authority,small,1.0.0,old-b,3",
            "resp-0001,2025,local-authority,small,1.0.0,old-c,4",
            "resp-0001,2025,local-authority,small,1.0.0,old-d,2",
            "resp-0001,2025,local-authority,small,1.0.0,old-e,5",
            "resp-0001,2025,local-authority,small,1.0.0,old-z,5",
            "resp-0002,2025,local-authority,small,1.2.3,topic-0-q-0,1",
        ],
    )
    monkeypatch.chdir(tmp_path)
    loaded = load_results(Path("results"), model)
    assert [str(p) for p in loaded.problems] == [
        "results/2025.csv:7: question: 'old-z' is not a question of framework version 1.0.0"
    ]
    (results / "2025.csv").write_text(
        (results / "2025.csv")
        .read_text(encoding="utf-8")
        .replace("resp-0001,2025,local-authority,small,1.0.0,old-z,5\n", ""),
        encoding="utf-8",
    )
    loaded = load_results(results, model)
    assert loaded.problems == []
    a = loaded.results.answers
    got = {(r.respondent, r.question): r.level for r in a.itertuples()}
    assert got == {
        ("resp-0001", "topic-0-q-0"): 2,
        ("resp-0001", "topic-0-q-1"): 3,
        ("resp-0001", "topic-1-q-0"): 3,
        ("resp-0001", "topic-1-q-1"): 2,  # merged answers keep the lowest level
        ("resp-0002", "topic-0-q-0"): 1,
    }
    rec = loaded.reconciliation
    assert rec.rows_read == 6 and rec.rows_used == 5
    assert dict(rec.rejected) == {"answering a question removed from the framework since": 1}


def test_results_of_a_released_older_version_follow_its_declared_changes(tmp_path, monkeypatch):
    """End to end with real releases: 1.0.0 answers are mapped through 2.0.0 to 3.0.0; 0.5.0 is refused."""
    from .history_factory import write_versions

    framework = write_versions(tmp_path)["3.0.0"]
    rows = [
        "resp-0001,2025,local-authority,small,1.0.0,topic-0-q-0,2",  # split into topic-0-q-0a and -0b
        "resp-0001,2025,local-authority,small,1.0.0,topic-0-q-1,5",  # removed in 2.0.0
        "resp-0001,2025,local-authority,small,1.0.0,topic-2-q-0,4",  # merged with topic-2-q-1 in 3.0.0
        "resp-0001,2025,local-authority,small,1.0.0,topic-2-q-1,unknown",
        "resp-0002,2026,nhs-body,large,3.0.0,topic-2-q-01,1",
    ]
    write_results(tmp_path / "results", rows)
    monkeypatch.chdir(tmp_path)
    model = load_framework(framework.relative_to(tmp_path))
    loaded = load_results(Path("results"), model)
    assert loaded.problems == []
    got = {(r.respondent, r.question): (r.answer, r.level) for r in loaded.results.answers.itertuples()}
    assert got == {
        ("resp-0001", "topic-0-q-0a"): ("level", 2),
        ("resp-0001", "topic-0-q-0b"): ("level", 2),
        ("resp-0001", "topic-2-q-01"): ("level", 4),  # a level beats 'not sure' in a merge
        ("resp-0002", "topic-2-q-01"): ("level", 1),
    }
    assert str(loaded.reconciliation) == (
        "5 rows read = 4 used + 1 rejected (1 answering a question removed from the framework since)"
    )
    write_results(tmp_path / "results", ["resp-0003,2025,local-authority,small,0.5.0,topic-0-q-0,2"])
    assert [str(p) for p in load_results(Path("results"), model).problems] == [
        "results/2025.csv:2: framework_version: 0.5.0: no id mapping from this version to 3.0.0 is declared, "
        "so its row is refused"
    ]


def test_million_rows_are_checked_without_a_python_loop_per_row(tmp_path):
    """Not a timing: a large file with one bad row is reported at the right line among many good ones."""
    model = load_framework(make_framework(tmp_path / "framework", topics=10, questions=10))
    n_resp = 5_000
    q = np.tile(np.arange(100), n_resp)
    frame = pd.DataFrame(
        {
            "respondent": np.repeat([f"resp-{i:06d}" for i in range(n_resp)], 100),
            "round": "2025",
            "org_type": "local-authority",
            "size_band": "small",
            "framework_version": "1.2.3",
            "question": [f"topic-{x // 10}-q-{x % 10}" for x in q],
            "level": (q % 5 + 1).astype(str),
        }
    )
    frame.loc[123_456, "level"] = "9"
    (tmp_path / "results").mkdir()
    shutil.copy(FIXTURES / "groups.yml", tmp_path / "results" / "groups.yml")
    frame.to_csv(tmp_path / "results" / "2025.csv", index=False)
    loaded = load_results(tmp_path / "results", model)
    assert [(p.line, p.field) for p in loaded.problems] == [(123_458, "level")]
    assert loaded.reconciliation.rows_read == 500_000 and loaded.reconciliation.rows_used == 499_999


def test_invalid_results_leave_the_site_untouched(tmp_path):
    fw = make_framework(tmp_path / "framework")
    site = build(fw, tmp_path / "site")
    before = tree_digest(site)
    write_results(tmp_path / "results", ["resp-0001,2025,local-authority,small,1.2.3,topic-0-q-0,7"])
    with pytest.raises(InputError) as err:
        build(fw, site, tmp_path / "results")
    assert "level: 7 is not a level of this framework" in str(err.value)
    assert tree_digest(site) == before


def test_shipped_results_are_valid_and_synthetic():
    inputs = load_inputs(ROOT / "framework", ROOT / "results")
    assert inputs.results is not None and inputs.results.synthetic
    assert inputs.reconciliation.rows_rejected == 0
