"""Preparing a benchmark submission in real Chromium: exactly the declared fields, as shown, and accepted by `dmf`."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from generator.framework.load import load_framework
from generator.results.demo import write_demo_results
from generator.results.groups import load_groups
from generator.results.intake import add_submissions, default_table
from generator.results.submission_read import FIELDS, SUBMISSION_ID

from .conftest import ROOT, build
from .factory import framework_dict, write_framework
from .test_assessment_browser import (
    HOSTILE,
    PAGE,
    VIEWPORTS,
    button,
    focused,
    no_results,
    open_assessment,
    put_saved,
    random_answers,
    saved_doc,
    stored,
    tab_until,
    violations,
)

pytestmark = pytest.mark.browser
NOTE = "Our note names Jo Bloggs of Example Council"
OWNER = "Jo Bloggs, head of data"


@pytest.fixture(scope="module")
def open_site(tmp_path_factory) -> Path:
    """A small framework whose results declare rounds and groups, so submissions are open."""
    d = tmp_path_factory.mktemp("submission")
    fw, topics = framework_dict(topics=3, questions=3)
    topics["topic-0"]["questions"][0]["text"] = HOSTILE
    write_framework(d / "fw", fw, topics)
    write_demo_results(load_framework(d / "fw"), d / "results", organisations=30, seed=3)
    return build(d / "fw", d / "site", d / "results")


@pytest.fixture(scope="module")
def model(open_site):
    return load_framework(open_site.parent / "fw")


def with_answers(page, base, model, answers, **extra) -> dict:
    page.goto(base + PAGE)
    first = model.topics[0].id
    doc = saved_doc(
        model,
        answers,
        notes={first: NOTE},
        roadmap={"start": "2030-Q1", "targets": {first: model.level_numbers[-1]}, "owners": {f"{first}:1": OWNER}},
        **extra,
    )
    put_saved(page, doc, model.framework.id)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=submit]")
    return doc


def choose(page, round_id="2026", org_type=None, size_band=None) -> None:
    page.wait_for_selector("#dmf-submit-round")
    page.select_option("#dmf-submit-round", round_id)
    for sel, value in (("#dmf-submit-org-type", org_type), ("#dmf-submit-size-band", size_band)):
        options = page.eval_on_selector_all(sel + " option", "os => os.map(o => o.value).filter(Boolean)")
        page.select_option(sel, value or options[0])


def save_file(page) -> tuple[dict, str]:
    with page.expect_download() as dl:
        button(page, "Save the submission file").click()
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    return json.loads(text), text


def test_the_saved_file_holds_the_answers_and_nothing_else(page, serve, open_site, model, tmp_path):
    base = serve(open_site)
    answers = random_answers(model, random.Random(12), blank=0.3)
    with_answers(page, base, model, answers, comparison={"orgType": "org_type:x", "sizeBand": None})
    choose(page, "2026", "local-authority", "small")
    button(page, "Show what the file holds").click()
    assert page.evaluate("document.activeElement.id") == "dmf-submission-preview-title"
    shown_json = page.locator("pre.dmf-submission-json").text_content()
    file, text = save_file(page)
    # Exactly the declared fields: no notes, roadmap, owners, comparison, names, counts, times or browser data.
    assert list(file) == list(FIELDS)
    assert set(file["framework"]) == {"id", "version"}
    for stripped in (NOTE, OWNER, "2030-Q1", "notes", "roadmap", "comparison", "exported", "Mozilla", "Chrome"):
        assert stripped not in text
    assert not re.search(r"20\d\d-\d\d-\d\dT", text)  # no time
    assert file["answers"] == answers
    assert (file["round"], file["org_type"], file["size_band"]) == ("2026", "local-authority", "small")
    assert SUBMISSION_ID.match(file["submission"])
    # What the preview shows is the file: the JSON to the byte, and the table answer by answer.
    assert shown_json == text
    rows = page.eval_on_selector_all(
        ".dmf-submission-answers tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent))"
    )
    texts = {q.id: q.text for _, q in model.questions()}
    labels = {"na": "Not applicable", "unknown": "Not sure"}
    want = [
        [texts[q], labels.get(a) or f"Level {a}. {model.framework.levels[model.level_numbers.index(a)].name}"]
        for q, a in file["answers"].items()
    ]
    assert rows == want  # the hostile question text is shown as text
    facts = page.eval_on_selector_all(".dmf-submission-facts tr", "rs => rs.map(r => r.cells[1].textContent)")
    groups = load_groups(open_site.parent / "results" / "groups.yml", [])
    label = {v.id: v.label for v in [*groups.rounds, *groups.org_types, *groups.size_bands]}
    version = model.framework.version
    assert facts == [
        f"{model.framework.title}, version {version}",
        *(label[file[k]] for k in FIELDS[4:7]),
        file["submission"],
    ]
    # The code is kept with the answers, so a later submission can replace this one.
    assert stored(page)["submission"] == file["submission"]
    # And dmf accepts the file as it is.
    sub = tmp_path / "submission.json"
    sub.write_text(text, encoding="utf-8")
    results = shutil.copytree(open_site.parent / "results", tmp_path / "results")
    report, problems = add_submissions([sub], model, results, default_table(results))
    assert problems == [] and report.added == 1 and report.rows_new == len(answers)


def test_a_resubmission_keeps_the_code_only_when_asked(page, serve, open_site, model):
    base = serve(open_site)
    with_answers(page, base, model, random_answers(model, random.Random(2)))
    choose(page)
    button(page, "Show what the file holds").click()
    first, _ = save_file(page)
    page.reload()  # the code is kept with the saved answers
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=submit]")
    choose(page)
    button(page, "Show what the file holds").click()
    assert "Say whether this replaces your earlier submission" in page.locator(".dmf-error").inner_text()
    page.check("#dmf-submit-replace")
    button(page, "Show what the file holds").click()
    again, _ = save_file(page)
    assert again["submission"] == first["submission"]
    page.check("#dmf-submit-new")
    button(page, "Show what the file holds").click()
    separate, _ = save_file(page)
    assert separate["submission"] != first["submission"] and SUBMISSION_ID.match(separate["submission"])
    assert stored(page)["submission"] == separate["submission"]


def test_choices_are_required_and_the_error_links_to_them(page, serve, open_site, model):
    base = serve(open_site)
    with_answers(page, base, model, random_answers(model, random.Random(3)))
    page.wait_for_selector("#dmf-submit-round")
    button(page, "Show what the file holds").click()
    summary = page.locator(".dmf-error")
    assert summary.evaluate("e => e === document.activeElement")
    assert summary.locator("li").all_inner_texts() == [
        "Choose your round",
        "Choose your type of organisation",
        "Choose your size of organisation",
    ]
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "dmf-submit-round"
    assert page.locator("pre.dmf-submission-json").count() == 0


def test_without_answers_or_declared_groups_there_is_nothing_to_submit(page, serve, open_site, model, tmp_path):
    base = serve(open_site)
    with_answers(page, base, model, {})
    # submission.json arrives after the view opens: wait for what it says.
    page.locator(".dmf-panel-submit").get_by_text("Answer at least one question before you prepare").wait_for()
    assert page.locator("#dmf-submit-round").count() == 0
    d = tmp_path
    fw, topics = framework_dict(topics=1, questions=2)
    write_framework(d / "fw", fw, topics)
    closed = build(d / "fw", d / "site", no_results(d))
    assert json.loads((closed / "assessment" / "submission.json").read_text())["open"] is False
    open_assessment(page, serve(closed))
    page.click("button[data-view=submit]")
    page.wait_for_selector(".dmf-panel-submit .dmf-unavailable")
    assert "Benchmark submissions are not open on this site." in page.locator(".dmf-panel-submit").inner_text()


def test_prepare_and_save_by_keyboard_alone(page, serve, open_site, model):
    base = serve(open_site)
    answers = random_answers(model, random.Random(5))
    with_answers(page, base, model, answers)
    page.click("button[data-view=questions]")
    page.focus("button[data-view=questions]")
    tab_until(page, lambda f: f["text"] == "Prepare a benchmark submission")
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "Prepare a benchmark submission"  # the view's heading
    for sel in ("dmf-submit-round", "dmf-submit-org-type", "dmf-submit-size-band"):
        page.wait_for_selector("#" + sel)
        tab_until(page, lambda f, sel=sel: f["id"] == sel)
        page.keyboard.press("ArrowDown")  # a closed select moves to the next option
    tab_until(page, lambda f: f["text"] == "Show what the file holds")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "dmf-submission-preview-title"
    tab_until(page, lambda f: f["text"] == "Save the submission file")
    with page.expect_download() as dl:
        page.keyboard.press("Enter")
    file = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert file["answers"] == answers and file["round"] == "2025"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("state", ["choices", "errors", "preview"])
def test_axe_finds_no_violations_in_the_submission_view(state, viewport, page, serve, open_site, model):
    base = serve(open_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    with_answers(page, base, model, random_answers(model, random.Random(6)))
    page.wait_for_selector("#dmf-submit-round")
    if state == "errors":
        button(page, "Show what the file holds").click()
    if state == "preview":
        choose(page)
        button(page, "Show what the file holds").click()
        page.locator(".dmf-submission-preview details summary").click()  # the raw JSON too
    assert violations(page) == []
    if viewport == "narrow":  # nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_the_publishing_page_states_the_framework_threshold_and_passes_axe(viewport, page, serve, open_site, model):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(serve(open_site) + "/about/publishing/")
    text = page.locator("article").inner_text()
    assert f"fewer than {model.framework.minimum_group_size} organisations" in text
    assert "dmf:" not in page.content()
    for heading in ("What you send", "What is published", "What is never published", "Who sees your file"):
        assert page.get_by_role("heading", name=heading).count() == 1
    assert page.get_by_role("heading", name="Take your results out").count() == 1
    assert violations(page) == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_axe_finds_no_violations_on_the_shipped_site_preview(viewport, page, serve, shipped_site):
    shipped = load_framework(ROOT / "framework")
    page.set_viewport_size(VIEWPORTS[viewport])
    with_answers(page, serve(shipped_site), shipped, random_answers(shipped, random.Random(8)))
    choose(page)
    button(page, "Show what the file holds").click()
    page.locator(".dmf-submission-preview details summary").click()
    assert violations(page) == []
