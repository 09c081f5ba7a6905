"""The self-assessment page itself, in real Chromium: its compact data, prose links, layout and print."""

from __future__ import annotations

import gzip
import json
import math
import random
import re
from pathlib import Path

import pytest

from generator.framework.load import load_framework
from generator.site import paths
from generator.site.assessment_data import assessment_data, questions_data, steps_data
from generator.site.framework_json import vocabulary
from generator.versions.ids import id_changes

from .conftest import ROOT, build
from .factory import framework_dict, write_framework
from .test_assessment_browser import (
    PAGE,
    VIEWPORTS,
    no_results,
    open_assessment,
    put_saved,
    random_answers,
    saved_doc,
    site_copy,
    violations,
)

pytestmark = pytest.mark.browser

GUIDE = "https://example.org/guide"
# Material's note colour: the border and icon of its admonitions.
MATERIAL_NOTE = "rgb(68, 138, 255)"


@pytest.fixture(scope="module")
def prose_site(tmp_path_factory) -> Path:
    """Two topics whose hints, summary and step use the prose dialect: a link, emphasis and raw HTML."""
    d = tmp_path_factory.mktemp("prose")
    fw, topics = framework_dict(topics=2, questions=2)
    t0 = topics["topic-0"]
    t0["questions"][0]["hint"] = f"Read [the guide]({GUIDE}) and *think*. <b>Bold</b> stays text."
    t0["questions"][1]["hint"] = "See [the other topic](topic-1.md) first."
    t0["steps"][0]["milestone"] = f"Agree it in [a meeting]({GUIDE}/meeting)."
    write_framework(d / "fw", fw, topics)
    return build(d / "fw", d / "site", no_results(d))


def fetched(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


# ---------- the compact data ----------


def test_compact_data_is_what_the_page_needs_from_the_model(shipped_site):
    model = load_framework(ROOT / "framework")
    data = json.loads((shipped_site / "assessment.json").read_text(encoding="utf-8"))
    steps = json.loads((shipped_site / "assessment-steps.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(assessment_data(model))) and steps == json.loads(json.dumps(steps_data(model)))
    assert data["vocabulary"] == vocabulary() and data["id_changes"] == id_changes(model)
    assert [q["id"] for t in data["topics"] for q in t["questions"]] == [q.id for _, q in model.questions()]
    assert "why_it_matters" not in data["topics"][0] and "steps" not in data["topics"][0]
    assert "answers" not in data["topics"][0]["questions"][0]  # they come with the topic's section
    for t in model.topics:
        details = json.loads((shipped_site / paths.assessment_questions(t.id)).read_text(encoding="utf-8"))
        assert details == json.loads(json.dumps(questions_data(model, t)))
        assert {q: d["answers"] for q, d in details["questions"].items()} == {
            q.id: {str(n): a for n, a in q.answers.items()} for q in t.questions
        }
    raw = (shipped_site / "assessment.json").read_bytes()
    assert b"\n " not in raw  # no indentation
    assert len(raw) < len((shipped_site / "framework.json").read_bytes()) / 2


def test_questionnaire_renders_every_question_of_the_shipped_framework_from_the_compact_file(page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    urls = fetched(page)
    open_assessment(page, base)
    for i, topic in enumerate(model.topics):
        if i:
            page.locator(".dmf-pager .dmf-button:not(.dmf-secondary)").click()
        page.wait_for_selector(f"#dmf-question-{topic.questions[-1].id}")
        legends = page.locator(".dmf-section fieldset.dmf-question > legend").all_inner_texts()
        assert legends == [f"{n + 1}. {q.text}" for n, q in enumerate(topic.questions)]
        for q in topic.questions:
            labels = page.locator(f"#dmf-question-{q.id} label").all_inner_texts()
            assert [" ".join(a.split()) for a in q.answers.values()] == labels[: len(q.answers)]
    names = [u.removeprefix(base + "/") for u in urls]
    assert "assessment.json" in names
    assert {f"assessment-questions/{t.id}.json" for t in model.topics} <= set(names)
    # Neither the full framework nor the guidance or benchmarks are fetched before they are needed.
    assert not {"framework.json", "assessment-steps.json", "benchmarks/benchmarks.json"} & set(names)


def test_guidance_loads_once_there_is_a_result(page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    urls = fetched(page)
    open_assessment(page, base)
    for q in model.topics[0].questions:
        page.check(f"#dmf-q-{q.id}-1")
    page.click("button[data-view=result]")
    page.wait_for_selector("details.dmf-step")
    assert base + "/assessment-steps.json" in urls
    assert page.locator(".dmf-loading").count() == 0


# ---------- prose ----------


def test_a_markdown_link_in_a_hint_is_a_real_link_and_raw_html_stays_text(page, serve, prose_site):
    base = serve(prose_site)
    open_assessment(page, base)
    hint = page.locator("#dmf-q-topic-0-q-0-hint")
    assert hint.inner_text() == "Read the guide and think. <b>Bold</b> stays text."
    link = hint.get_by_role("link", name="the guide")
    assert link.get_attribute("href") == GUIDE
    assert hint.locator("em").inner_text() == "think" and hint.locator("b").count() == 0
    other = page.locator("#dmf-question-topic-0-q-1 .dmf-hint a")
    assert other.get_attribute("href") == base + "/framework/topics/topic-1/"


def test_a_link_to_another_scheme_in_the_data_stays_text(page, serve, prose_site, tmp_path):
    """Should a bad link ever reach the data file, the browser still makes no link of it."""
    site = site_copy(prose_site, tmp_path)
    path = site / paths.assessment_questions("topic-0")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["questions"]["topic-0-q-0"]["hint"] = [
        "Click ",
        ["a", "javascript:window.hacked=1", "here"],
        " or ",
        ["img", "x"],
        ["a", " JaVaScRiPt:window.hacked=2", "there"],
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    base = serve(site)
    open_assessment(page, base)
    hint = page.locator("#dmf-q-topic-0-q-0-hint")
    assert hint.inner_text() == "Click here or xthere"
    assert hint.locator("a, img").count() == 0


def test_step_guidance_shows_its_links(page, serve, prose_site):
    model = load_framework(prose_site.parent / "fw")
    base = serve(prose_site)
    page.goto(base + PAGE)
    put_saved(page, saved_doc(model, {q.id: 1 for _, q in model.questions()}))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=result]")
    page.locator("details.dmf-step summary").first.click()
    assert page.locator("details.dmf-step").first.get_by_role("link", name="a meeting").get_attribute("href") == (
        GUIDE + "/meeting"
    )


# ---------- layout ----------


def test_every_section_button_is_inside_its_box_and_on_screen_when_focused(page, serve, shipped_site):
    base = serve(shipped_site)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_assessment(page, base)
    buttons = page.locator(".dmf-section-button")
    assert buttons.count() == len(load_framework(ROOT / "framework").topics)
    for i in range(buttons.count()):
        buttons.nth(i).focus()
        box = page.evaluate(
            """b => { const r = b.getBoundingClientRect(), s = document.querySelector('.dmf-sections').getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, boxTop: s.top, boxBottom: s.bottom, height: innerHeight}; }""",
            buttons.nth(i).element_handle(),
        )
        assert box["boxTop"] - 1 <= box["top"] and box["bottom"] <= box["boxBottom"] + 1, (i, box)
        assert -1 <= box["top"] and box["bottom"] <= box["height"] + 1, (i, box)  # a pixel for rounding


def test_no_details_on_the_page_has_materials_note_styling(page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    page.goto(base + PAGE)
    put_saved(page, saved_doc(model, random_answers(model, random.Random(3))), model.framework.id)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=result]")
    page.wait_for_selector("details.dmf-step")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # every view that has details is rendered
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        styles = page.eval_on_selector_all(
            ".dmf-assessment details",
            """ds => ds.map(d => { const s = getComputedStyle(d), m = getComputedStyle(d.querySelector('summary'), '::before');
            return [s.borderTopColor, s.borderLeftColor, s.boxShadow, m.content]; })""",
        )
        assert len(styles) > 2
        for top, left, shadow, icon in styles:
            assert MATERIAL_NOTE not in (top, left) and shadow == "none", (media, top, left, shadow)
            assert icon in ("none", "normal"), (media, icon)  # no pseudo-element, so no pencil icon


def test_the_section_pager_says_section_and_materials_footer_links_are_hidden(page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    open_assessment(page, base)
    assert page.get_by_role("button", name=f"Next section: {model.topics[1].title}").is_visible()
    # Material's footer links to the previous and next pages are hidden here; its copyright stays.
    assert page.locator(".md-footer__inner").count() == 0 or not page.locator(".md-footer__inner").is_visible()
    assert page.locator(".md-footer a.md-footer__link").filter(has_text="Next").is_hidden()
    assert page.locator(".md-copyright").is_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_roadmap_menus_fit_the_screen_and_due_dates_read_plainly(viewport, page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + PAGE)
    first = model.topics[0].id
    doc = saved_doc(model, {q.id: 1 for _, q in model.questions()})
    doc["roadmap"] = {"start": "2027-Q2", "targets": {first: 3}, "owners": {}}
    put_saved(page, doc, model.framework.id)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=roadmap]")
    page.wait_for_selector(".dmf-milestone")
    width = page.evaluate("document.documentElement.clientWidth")
    menus = page.locator(".dmf-targets select")
    assert menus.count() == len(model.topics)
    for i in range(menus.count()):
        menus.nth(i).scroll_into_view_if_needed()
        r = menus.nth(i).bounding_box()
        assert r["x"] >= 0 and r["x"] + r["width"] <= width, (i, r, width)
    plan = page.locator(".dmf-plan").inner_text()
    assert "By the end of June 2027" in plan and "By the end of April" not in plan
    assert violations(page) == []


# ---------- print ----------


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_printed_result_takes_at_most_a_page_per_three_topics_and_says_when_and_which_version(
    page, serve, shipped_site
):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    page.goto(base + PAGE)
    # Every answer at the first level: every topic has a next step, the most there is to print.
    put_saved(page, saved_doc(model, {q.id: model.level_numbers[0] for _, q in model.questions()}), model.framework.id)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=result]")
    page.wait_for_selector("details.dmf-step")
    steps = page.locator("details.dmf-step").count()
    assert steps == len(model.topics)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".dmf-print-header").is_visible()
    header = page.locator(".dmf-print-header").inner_text()
    assert model.framework.version in header and "Printed on" in header
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", header)
    visible_buttons = page.eval_on_selector_all(
        "button, select:not(.dmf-owner select), input[type=file]", "es => es.filter(e => e.checkVisibility()).length"
    )
    assert visible_buttons == 0
    assert not page.get_by_text("Choose the topics you want to work on").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) <= math.ceil(steps / 3), pdf_pages(pdf)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".dmf-print-header").count() == 0


def test_the_checklist_page_prints_every_question(page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_site)
    page.goto(base + "/assessment/checklist/")
    page.emulate_media(media="print")
    last = list(model.questions())[-1][1]
    assert page.get_by_text(last.text).first.is_visible()
    assert page.locator("h1").is_visible()
    assert pdf_pages(page.pdf(format="A4")) > len(model.topics) / 3


# ---------- weight ----------


def test_the_page_opens_within_its_weight_budget(page, serve, shipped_site):
    """What Chromium downloads to open the page, gzipped, counted as make bench counts it."""
    from devtools.bench_assessment import PAGE_WEIGHT_BUDGET, SEARCH_INDEX

    base = serve(shipped_site)
    responses = []
    page.context.on("response", lambda r: responses.append(r))
    page.goto(base + PAGE, wait_until="networkidle")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.wait_for_timeout(500)
    sizes = {}
    for r in responses:
        path = r.url.removeprefix(base + "/").split("?")[0]
        if path != SEARCH_INDEX:
            body = r.body() if r.status == 200 else b""
            sizes[path] = len(gzip.compress(body, compresslevel=9, mtime=0)) if body else 0
    assert "assessment.json" in sizes and "framework.json" not in sizes
    assert sum(sizes.values()) <= PAGE_WEIGHT_BUDGET, sizes


# ---------- accessibility of the checklist page ----------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_axe_finds_no_violations_on_the_checklist_page(viewport, page, serve, shipped_site):
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + "/assessment/checklist/")
    assert page.locator(".dmf-paper li").count() > 100
    assert violations(page) == []
