"""Progress since last time: an earlier result opened as a baseline, in real Chromium."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from .test_assessment_browser import (
    VIEWPORTS,
    open_assessment,
    put_saved,
    python_levels,
    random_answers,
    saved_doc,
    site_copy,
    stored,
    tab_until,
    violations,
    with_id_changes,
)


def open_progress(page) -> None:
    page.click("button[data-view=progress]")
    page.wait_for_selector("#dmf-baseline-file")


def choose(page, path: Path) -> None:
    page.set_input_files("#dmf-baseline-file", str(path))


def then_and_now(page) -> dict[str, tuple[str, str, str]]:
    rows = page.locator(".dmf-then-now tbody tr")
    out = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        cells = [row.locator("td").nth(j).inner_text() for j in range(3)]
        out[row.get_attribute("data-topic")] = (*cells[:2], row.locator("td").nth(2).get_attribute("data-change"))
    return out


def label(model, level: int | None) -> str:
    return "No level" if level is None else f"{level}. {model.level(level).name}"


@pytest.mark.parametrize("seed", [1, 2])
def test_a_baseline_shows_each_topic_then_and_now_and_the_milestones_reached(
    seed, page, serve, plain_site, plain_model, tmp_path
):
    rng = random.Random(seed)
    before, after = random_answers(plain_model, rng), random_answers(plain_model, rng)
    targets = {t.id: plain_model.level_numbers[-1] for t in plain_model.topics[:2]}
    baseline = tmp_path / "earlier.json"
    doc = saved_doc(plain_model, before, roadmap={"start": "2027-Q1", "targets": targets, "owners": {}})
    baseline.write_text(json.dumps(doc), encoding="utf-8")
    base = serve(plain_site)
    open_assessment(page, base)
    put_saved(page, saved_doc(plain_model, after))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    open_progress(page)
    choose(page, baseline)
    page.wait_for_selector(".dmf-then-now")
    then, now = python_levels(plain_model, before), python_levels(plain_model, after)
    got = then_and_now(page)
    for t in plain_model.topics:
        want_change = "none" if then[t.id] is None or now[t.id] is None else str(now[t.id] - then[t.id])
        assert got[t.id] == (label(plain_model, then[t.id]), label(plain_model, now[t.id]), want_change), t.id
    # Every step from the baseline's level to its target is a milestone; reached when the level now is at least its end.
    rows = page.locator(".dmf-milestones tbody tr")
    want = []
    for t in plain_model.topics[:2]:
        start = then[t.id] if then[t.id] is not None else plain_model.level_numbers[0]
        want += [
            (t.id, str(now[t.id] is not None and now[t.id] >= lv + 1).lower()) for lv in range(start, targets[t.id])
        ]
    got_rows = sorted(
        (rows.nth(i).get_attribute("data-topic"), rows.nth(i).get_attribute("data-reached"))
        for i in range(rows.count())
    )
    assert got_rows == sorted(want)
    # Opening a baseline changes nothing on the page.
    assert stored(page)["answers"] == after
    assert page.evaluate("document.activeElement.id") == "dmf-progress-heading"


def test_a_baseline_from_an_older_version_is_migrated_and_what_is_lost_is_listed_capped(
    page, serve, plain_site, plain_model, tmp_path
):
    site = site_copy(plain_site, tmp_path)
    q = plain_model.topics[0].questions[0]
    gone = {f"gone-{i:03d}": [] for i in range(60)}
    with_id_changes(site, {"0.9.0": {"old-first": [q.id], **gone}})
    old = saved_doc(plain_model, {"old-first": plain_model.level_numbers[-1], **{k: 1 for k in gone}})
    old["framework"]["version"] = "0.9.0"
    baseline = tmp_path / "old.json"
    baseline.write_text(json.dumps(old), encoding="utf-8")
    open_assessment(page, serve(site))
    open_progress(page)
    choose(page, baseline)
    page.wait_for_selector(".dmf-then-now")
    notice = page.locator(".dmf-baseline-area .dmf-notice")
    assert "60 items of the baseline could not be carried" in notice.inner_text()
    assert notice.locator("li").count() == 11 and "and 50 more" in notice.locator("li").last.inner_text()  # ten shown
    assert "saved against version 0.9.0" in page.locator(".dmf-baseline-area").inner_text()


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json {", "not a JSON file"),
        (json.dumps({"format": "something-else"}), "not a self-assessment"),
    ],
)
def test_a_file_that_is_not_an_earlier_result_is_refused_and_nothing_changes(
    content, message, page, serve, plain_site, plain_model, tmp_path
):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    open_assessment(page, serve(plain_site))
    answers = {plain_model.topics[0].questions[0].id: plain_model.level_numbers[0]}
    put_saved(page, saved_doc(plain_model, answers))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    open_progress(page)
    choose(page, path)
    alert = page.locator(".dmf-baseline-area [role=alert]")
    alert.wait_for()
    assert message in alert.inner_text()
    assert stored(page)["answers"] == answers


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_progress_view_passes_axe_and_works_by_keyboard(viewport, page, serve, plain_site, plain_model, tmp_path):
    page.set_viewport_size(VIEWPORTS[viewport])
    baseline = tmp_path / "earlier.json"
    targets = {plain_model.topics[0].id: plain_model.level_numbers[-1]}
    baseline.write_text(
        json.dumps(
            saved_doc(
                plain_model,
                random_answers(plain_model, random.Random(3)),
                roadmap={"start": None, "targets": targets, "owners": {}},
            )
        ),
        encoding="utf-8",
    )
    open_assessment(page, serve(plain_site))
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Progress since last time")
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["id"] == "dmf-baseline-file")
    choose(page, baseline)
    page.wait_for_selector(".dmf-then-now")
    assert violations(page) == []
