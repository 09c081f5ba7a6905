"""Language overlays: read with positions, checked (missing, stale, unknown ids, the prose dialect), applied purely."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.framework.load import load_framework
from generator.framework.overlay import load_translations
from generator.framework.overlay_spec import fingerprint
from generator.site.templating import CATALOGUE, catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "bilingual" / "framework"
TEMPLATES = Path(__file__).resolve().parent.parent / "generator" / "site" / "templates"
OVERLAY = Path("translations") / "cy"


@pytest.fixture
def fw(tmp_path) -> Path:
    d = tmp_path / "framework"
    shutil.copytree(FIXTURE, d)
    (tmp_path / "results").mkdir()
    return d


def validate(fw: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["validate", "--framework", str(fw), "--results", str(fw.parent / "results"), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_fixture_validates_and_strict_refuses_the_missing_topic(fw, capsys):
    code, out = validate(fw, capsys)
    assert code == 0, out
    assert re.search(r"topics/topic-2\.yml:1: no cy translation .*\[missing-translation\]", out), out
    code, out = validate(fw, capsys, "--strict")
    assert code == 1 and "[missing-translation]" in out


def test_a_missing_field_is_reported_at_its_place_in_the_overlay(fw, capsys):
    path = fw / OVERLAY / "topics" / "topic-0.yml"
    edit(path, lambda d: d["steps"][1].pop("milestone"))
    code, out = validate(fw, capsys)
    assert code == 0
    line = line_of(path, "steps:") + 2  # the mapping of the step that lacks it (under "  1:")
    assert f"topic-0.yml:{line}:" in out and "steps.1.milestone: no translation yet" in out, out
    assert validate(fw, capsys, "--strict")[0] == 1


def test_a_stale_translation_is_reported_with_its_line_and_the_new_fingerprint(fw, capsys):
    source = fw / "topics" / "topic-0.yml"
    edit(source, lambda d: d.update(title="Topic zero, renamed"))
    code, out = validate(fw, capsys)
    assert code == 0, out
    overlay = fw / OVERLAY / "topics" / "topic-0.yml"
    line = line_of(overlay, f"source: {fingerprint('Topic 0')}")
    assert f"topic-0.yml:{line}:" in out and "[stale-translation]" in out, out
    assert fingerprint("Topic zero, renamed") in out
    assert validate(fw, capsys, "--strict")[0] == 1


def test_an_unknown_id_is_an_error_even_without_strict(fw, capsys):
    path = fw / OVERLAY / "topics" / "topic-0.yml"
    edit(path, lambda d: d["questions"].update({"no-such-question": {"text": {"text": "x", "source": "0" * 12}}}))
    edit(fw / OVERLAY / "framework.yml", lambda d: d["levels"].update({"level-9": {"name": {"text": "x"}}}))
    code, out = validate(fw, capsys)
    assert code == 1
    assert f"topic-0.yml:{line_of(path, 'no-such-question:')}:" in out and "[unknown-translation]" in out, out
    fw_line = line_of(fw / OVERLAY / "framework.yml", "level-9:")
    assert f"framework.yml:{fw_line}:" in out and "levels.level-9" in out, out
    (fw / OVERLAY / "topics" / "topic-7.yml").write_text("title: {text: x, source: '000000000000'}\n")
    assert "'topic-7' is not a topic" in validate(fw, capsys)[1]


def test_translated_prose_is_held_to_the_dialect(fw, capsys):
    path = fw / OVERLAY / "topics" / "topic-0.yml"
    edit(path, lambda d: d["summary"].update(text="Click [here](javascript:alert(1))."))
    code, out = validate(fw, capsys)
    assert code == 1 and f"topic-0.yml:{line_of(path, 'javascript:')}:" in out and "[not-in-dialect]" in out, out


def test_a_translation_must_carry_its_fingerprint(fw, capsys):
    path = fw / OVERLAY / "topics" / "topic-0.yml"
    edit(path, lambda d: d.update(title="Just text"))
    code, out = validate(fw, capsys)
    assert code == 1 and "[bad-translation]" in out, out


def test_applying_an_overlay_is_pure_and_falls_back_where_untranslated(fw):
    model = load_framework(fw)
    before = model.model_dump_json()
    (cy,), problems = load_translations(fw, model)
    assert {p.code for p in problems} == {"missing-translation"}
    assert model.model_dump_json() == before
    assert cy.language == "cy" and cy.name == "Cymraeg" and cy.draft
    assert cy.model.framework.language == "cy"
    assert cy.model.topic("topic-0").title == "CY Topic 0"
    assert cy.model.topic("topic-2").title == model.topic("topic-2").title  # no overlay: the default language
    partial = cy.model.topic("topic-1")  # what is translated is used, the rest is the default language's
    assert partial.title == "CY Topic 1" and partial.summary == model.topic("topic-1").summary
    assert cy.fallback == {"topic-1", "topic-2"} and cy.untranslated == {"topic-2"}
    assert cy.model.framework.levels[0].name == "CY Stage 1"


def test_every_interface_string_of_the_templates_is_in_every_catalogue():
    used = set()
    for template in TEMPLATES.rglob("*.j2"):
        used |= set(re.findall(r'\bt\("([a-z_.]+)"', template.read_text(encoding="utf-8")))
    english = catalogue("en")
    assert used and not used - set(english), f"keys the templates use that en.yml lacks: {used - set(english)}"
    for path in sorted((TEMPLATES.parent / CATALOGUE).glob("*.yml")):
        words = catalogue(path.stem)
        missing = set(english) - set(words)
        assert not missing, f"{path.name} lacks {sorted(missing)}"
        extra = {k for k in set(words) - set(english) if not k.startswith(("nav.", "answers.", "scoring."))}
        assert not extra, f"{path.name} has keys en.yml does not: {sorted(extra)}"


def test_topics_listed_as_untranslated_are_accepted_by_strict(fw, capsys):
    (fw / OVERLAY / "topics" / "topic-1.yml").unlink()
    edit(fw / OVERLAY / "framework.yml", lambda d: d.update(untranslated=["topic-1", "topic-2"]))
    code, out = validate(fw, capsys, "--strict")
    assert code == 0 and "missing" not in out, out
    edit(fw / OVERLAY / "framework.yml", lambda d: d.update(untranslated=["topic-1", "topic-2", "topic-9"]))
    code, out = validate(fw, capsys)
    assert code == 1 and "untranslated[2]: 'topic-9' is not a topic" in out, out
