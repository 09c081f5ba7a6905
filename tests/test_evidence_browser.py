"""Evidence, confidence and role in the self-assessment, in real Chromium; and the user-test fixes around them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.framework.answers import CONFIDENCE, NOT_APPLICABLE, NOT_SURE, vocabulary
from generator.framework.load import load_framework

from .conftest import ROOT, build
from .factory import framework_dict, write_framework
from .test_assessment_browser import (
    VIEWPORTS,
    button,
    export,
    focused,
    import_file,
    no_results,
    open_assessment,
    put_saved,
    saved_doc,
    site_copy,
    stored,
    tab_until,
    violations,
    with_id_changes,
)

KEY = "dmf-self-assessment:test-framework"


@pytest.fixture(scope="module")
def ev_site(tmp_path_factory) -> Path:
    """Three topics of four questions; a level needs two answers with a level."""
    d = tmp_path_factory.mktemp("evidence")
    fw, topics = framework_dict(topics=3, questions=4)
    fw["scoring"]["minimum_answers"] = 2
    write_framework(d / "fw", fw, topics)
    return build(d / "fw", d / "site", no_results(d))


@pytest.fixture(scope="module")
def ev_model(ev_site):
    return load_framework(ev_site.parent / "fw")


def ready(page) -> None:
    page.wait_for_selector("#dmf-assessment[data-state=ready]")


def reload(page) -> None:
    page.reload()
    ready(page)


def open_evidence(page, qid: str) -> None:
    details = page.locator(f"#dmf-question-{qid} details.dmf-evidence")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def qtext(model, qid: str) -> str:
    return next(q.text for _, q in model.questions() if q.id == qid)


# ---------- the vocabulary has one home ----------


def test_the_vocabulary_carries_the_confidence_ids(ev_site):
    v = vocabulary()
    assert [c["id"] for c in v["confidence"]] == list(CONFIDENCE) == ["sure", "fairly_sure", "guessing"]
    assert [c["label"] for c in v["confidence"]] == ["Sure", "Fairly sure", "Guessing"]
    built = json.loads((ev_site / "framework.json").read_text(encoding="utf-8"))["vocabulary"]
    assert built["confidence"] == v["confidence"]


# ---------- round trips ----------


def test_evidence_confidence_and_role_round_trip(page, serve, ev_site, ev_model, tmp_path):
    """Saved as you go, back after a reload, exported, and imported again exactly."""
    open_assessment(page, serve(ev_site))
    q0, q1 = (q.id for q in ev_model.topics[0].questions[:2])
    page.check(f"#dmf-q-{q0}-2")
    open_evidence(page, q0)
    page.fill(f"#dmf-ev-{q0}-text", "Monthly checks since May.\nSee the log.")
    page.fill(f"#dmf-ev-{q0}-links", "https://intranet.example/dq\n\n   http://a.example/b  ")
    page.check(f"#dmf-ev-{q0}-fairly_sure")
    open_evidence(page, q1)
    page.check(f"#dmf-ev-{q1}-guessing")
    page.click("button[data-view=save]")
    page.fill("#dmf-role", "Data analyst")
    doc = stored(page)
    assert doc["formatVersion"] == 2
    assert doc["evidence"] == {
        q0: {
            "text": "Monthly checks since May.\nSee the log.",
            "links": ["https://intranet.example/dq", "http://a.example/b"],
        }
    }
    assert doc["confidence"] == {q0: "fairly_sure", q1: "guessing"}
    assert doc["role"] == "Data analyst"

    reload(page)
    assert page.input_value("#dmf-role") == "Data analyst"
    page.click("button[data-view=questions]")
    assert page.locator(f"#dmf-question-{q0} details.dmf-evidence[open]").count() == 1
    assert page.input_value(f"#dmf-ev-{q0}-text") == "Monthly checks since May.\nSee the log."
    assert page.input_value(f"#dmf-ev-{q0}-links") == "https://intranet.example/dq\nhttp://a.example/b"
    assert page.is_checked(f"#dmf-ev-{q0}-fairly_sure") and page.is_checked(f"#dmf-ev-{q1}-guessing")
    hrefs = page.eval_on_selector_all(f"#dmf-question-{q0} .dmf-evidence-links a", "as => as.map(a => a.href)")
    assert hrefs == ["https://intranet.example/dq", "http://a.example/b"]

    rows = list(csv.DictReader(io.StringIO(export(page, "csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["question_id"] == q0)
    assert (row["confidence"], row["evidence"], row["links"]) == (
        "Fairly sure",
        "Monthly checks since May.\nSee the log.",
        "https://intranet.example/dq http://a.example/b",
    )
    assert next(r["confidence"] for r in rows if r["question_id"] == q1) == "Guessing"
    assert [r["text"] for r in rows if r["record"] == "role"] == ["Data analyst"]

    path = export(page, "json")
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert {k: exported[k] for k in ("formatVersion", "role", "evidence", "confidence")} == {
        k: doc[k] for k in ("formatVersion", "role", "evidence", "confidence")
    }
    button(page, "Start again").click()
    button(page, "Yes, clear everything").click()
    assert stored(page) is None
    import_file(page, path)
    page.wait_for_selector(".dmf-success")
    assert stored(page) == doc


def test_a_version_1_file_is_still_read(page, serve, ev_site, ev_model, tmp_path):
    open_assessment(page, serve(ev_site))
    q0 = ev_model.topics[0].questions[0].id
    v1 = saved_doc(ev_model, {q0: 3})
    v1["formatVersion"] = 1
    for key in ("role", "confidence", "evidence"):
        del v1[key]
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(v1), encoding="utf-8")
    import_file(page, path)
    page.wait_for_selector(".dmf-success")
    assert stored(page) == saved_doc(ev_model, {q0: 3})


def test_evidence_and_confidence_migrate_with_the_answers(page, serve, ev_site, ev_model, tmp_path):
    """Through the id mapping: merged questions keep all their evidence and the least sure confidence."""
    site = site_copy(ev_site, tmp_path)
    a, b, c, d = (q.id for q in ev_model.topics[0].questions)
    with_id_changes(
        site, {"1.0.0": {"old-a": [a], "merged-1": [b], "merged-2": [b], "merged-3": [b], "split": [c, d], "gone": []}}
    )
    open_assessment(page, serve(site))
    old = saved_doc(
        ev_model,
        {"old-a": 2, "merged-1": 3, "merged-2": 4, "merged-3": 5, "split": 1, "gone": 2},
        confidence={"old-a": "sure", "merged-1": "sure", "merged-2": "guessing", "merged-3": "fairly_sure"},
        evidence={
            "old-a": {"text": "A", "links": ["https://a.example/"]},
            "merged-1": {"text": "One", "links": ["https://x.example/", "https://y.example/"]},
            "merged-2": {"text": "Two", "links": ["https://y.example/"]},
            "split": {"text": "", "links": ["https://s.example/"]},
            "gone": {"text": "Lost", "links": []},
        },
    )
    old["framework"]["version"] = "1.0.0"
    put_saved(page, old)
    reload(page)
    doc = stored(page)
    assert doc["framework"]["version"] == ev_model.framework.version
    assert doc["answers"] == {a: 2, b: 3, c: 1, d: 1}
    assert doc["confidence"] == {a: "sure", b: "guessing"}
    assert doc["evidence"] == {
        a: {"text": "A", "links": ["https://a.example/"]},
        b: {"text": "One\n\nTwo", "links": ["https://x.example/", "https://y.example/"]},
        c: {"text": "", "links": ["https://s.example/"]},
        d: {"text": "", "links": ["https://s.example/"]},
    }
    notice = page.locator(".dmf-notice").inner_text()
    assert "Your answer to question 'gone'" in notice and "Your evidence for question 'gone'" in notice

    # An import from that version is carried over the same way.
    button(page, "Dismiss this message").click()
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    import_file(page, path)
    button(page, "Replace my answers").click()
    page.wait_for_selector(".dmf-success")
    assert stored(page) == doc


# ---------- hostile and bad files ----------

HOSTILE_TEXT = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'
HOSTILE_LINKS = [
    "javascript:window.hacked=3",
    "JavaScript:window.hacked=4",
    "data:text/html,<script>window.hacked=5</script>",
    "https://ok.example/path?q=<b>",
]


def test_hostile_evidence_is_text_and_only_web_addresses_are_links(page, serve, ev_site, ev_model, tmp_path):
    open_assessment(page, serve(ev_site))
    q0 = ev_model.topics[0].questions[0].id
    doc = saved_doc(ev_model, {q0: 2}, evidence={q0: {"text": HOSTILE_TEXT, "links": HOSTILE_LINKS}})
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_file(page, path)
    page.wait_for_selector(".dmf-success")
    page.click("button[data-view=questions]")
    assert page.input_value(f"#dmf-ev-{q0}-text") == HOSTILE_TEXT
    items = page.locator(f"#dmf-question-{q0} .dmf-evidence-links li")
    assert items.count() == 4
    hrefs = page.eval_on_selector_all(f"#dmf-question-{q0} .dmf-evidence-links a", "as => as.map(a => a.href)")
    assert hrefs == ["https://ok.example/path?q=%3Cb%3E"]
    for i in range(3):
        assert items.nth(i).inner_text().startswith(HOSTILE_LINKS[i])
        items.nth(i).click()
    page.click("button[data-view=result]")
    assert page.evaluate("window.hacked") is None
    assert page.locator("#dmf-assessment img, #dmf-assessment script").count() == 0


BAD_FILES = {
    "long-evidence": (lambda q: {"evidence": {q: {"text": "x" * 2001, "links": []}}}, "longer than 2,000 characters"),
    "six-links": (lambda q: {"evidence": {q: {"text": "", "links": ["https://a.example/"] * 6}}}, "more than 5 links"),
    "long-link": (lambda q: {"evidence": {q: {"links": ["https://a.example/" + "x" * 490]}}}, "longer than 500"),
    "link-not-text": (lambda q: {"evidence": {q: {"links": [{"href": "x"}]}}}, "a link that is not text"),
    "evidence-not-object": (lambda q: {"evidence": {q: "<b>text</b>"}}, "not in the right form"),
    "evidence-extra-key": (lambda q: {"evidence": {q: {"text": "", "html": "<b>"}}}, "not in the right form"),
    "bad-confidence": (lambda q: {"confidence": {q: "maybe"}}, 'is not "Sure", "Fairly sure" or "Guessing"'),
    "long-role": (lambda q: {"role": "r" * 101}, "role is longer than 100 characters"),
    "role-not-text": (lambda q: {"role": ["Data analyst"]}, "role is not text"),
    "unknown-field": (lambda q: {"discoveryy": {}}, "a field this page does not know: 'discoveryy'"),
    "unknown-question": (lambda q: {"confidence": {"no-such-question": "sure"}}, "'no-such-question', which is not"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_evidence_confidence_or_role_is_refused_and_answers_survive(case, page, serve, ev_site, ev_model, tmp_path):
    open_assessment(page, serve(ev_site))
    q0 = ev_model.topics[0].questions[0].id
    good = saved_doc(ev_model, {q0: 2}, evidence={q0: {"text": "Kept", "links": []}}, confidence={q0: "sure"})
    put_saved(page, good)
    reload(page)
    change, message = BAD_FILES[case]
    bad = {**good, **change(q0)}
    path = tmp_path / f"{case}.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    import_file(page, path)
    error = page.locator(".dmf-error[role=alert]")
    error.wait_for()
    text = error.inner_text()
    assert "could not be imported" in text and message in text, text
    if case in ("long-evidence", "six-links", "bad-confidence"):
        assert qtext(ev_model, q0) in text  # the question by its text
    assert stored(page) == good


def test_messages_name_questions_by_text_and_answers_by_label(page, serve, ev_site, ev_model, tmp_path):
    site = site_copy(ev_site, tmp_path)
    t0 = ev_model.topics[0]
    q0, q1 = (x.id for x in t0.questions[:2])
    with_id_changes(site, {"1.0.0": {q0: [q0], q1: [q1], "gone": []}})
    open_assessment(page, serve(site))
    bad = saved_doc(ev_model, {q0: "three"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    import_file(page, path)
    text = page.locator(".dmf-error[role=alert]").inner_text()
    assert f'"{qtext(ev_model, q0)}" ({t0.title})' in text
    assert '"Not applicable" or "Not sure"' in text
    assert q0 not in text and f"'{NOT_APPLICABLE}'" not in text and f"'{NOT_SURE}'" not in text

    # The notice after a migration names a question that is still there by its text too.
    old = saved_doc(ev_model, {q0: 9, q1: 2, "gone": 1})
    old["framework"]["version"] = "1.0.0"
    put_saved(page, old)
    reload(page)
    notice = page.locator(".dmf-notice").inner_text()
    assert f'Your answer to "{qtext(ev_model, q0)}" ({t0.title}): level 9 no longer exists.' in notice
    assert q0 not in notice


# ---------- imports from versions that carry nothing ----------


@pytest.mark.parametrize(
    "id_changes, why",
    [
        ({"0.5.0": {"x": ["y"]}}, "this site does not say how version 0.9.0 maps to version"),
        ({"0.9.0": {"old-1": [], "old-2": []}}, "none of its questions is in version"),
    ],
    ids=["no-mapping", "all-removed"],
)
def test_an_import_that_carries_no_answer_is_refused(id_changes, why, page, serve, ev_site, ev_model, tmp_path):
    site = site_copy(ev_site, tmp_path)
    with_id_changes(site, id_changes)
    open_assessment(page, serve(site))
    q0 = ev_model.topics[0].questions[0].id
    good = saved_doc(ev_model, {q0: 2})
    put_saved(page, good)
    reload(page)
    old = saved_doc(ev_model, {"old-1": 3, "old-2": 4})
    old["framework"]["version"] = "0.9.0"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    import_file(page, path)
    error = page.locator(".dmf-error[role=alert]")
    error.wait_for()
    text = error.inner_text()
    assert "None of the 2 answers in the file can be carried over from version 0.9.0" in text and why in text
    assert "have not changed" in text
    assert button(page, "Replace my answers").count() == 0
    assert stored(page) == good
    assert page.locator(".dmf-notice").count() == 0


def test_a_huge_migration_notice_is_capped_and_kept(page, serve, ev_site, ev_model, tmp_path):
    site = site_copy(ev_site, tmp_path)
    q0 = ev_model.topics[0].questions[0].id
    with_id_changes(site, {"1.0.0": {"kept": [q0]}})
    open_assessment(page, serve(site))
    answers = {"kept": 2, **{f"old-{i}-" + "x" * 20: 1 for i in range(60_000)}}
    old = saved_doc(ev_model, answers)
    old["framework"]["version"] = "1.0.0"
    put_saved(page, old)
    reload(page)
    assert stored(page)["answers"] == {q0: 2}
    items = page.locator(".dmf-notice li")
    assert items.count() == 21
    assert items.last.inner_text() == "and 59,980 more"
    kept = page.evaluate("k => localStorage.getItem(k + ':notice')", KEY)
    assert kept is not None and len(kept) < 20_000
    reload(page)  # the stored, capped notice comes back in full
    assert page.locator(".dmf-notice li").count() == 21
    assert page.locator(".dmf-notice li").last.inner_text() == "and 59,980 more"


FILL_STORAGE = """() => {
    // Fill this origin's storage to its real quota, so that nothing more can be written.
    let size = 1 << 22, i = 0;
    while (size >= 8) {
        try { localStorage.setItem("filler-" + i, "x".repeat(size)); i++; } catch (e) { size = size >> 1; }
    }
    return i;
}"""


def test_a_notice_the_browser_will_not_keep_says_so(page, serve, ev_site, ev_model, tmp_path):
    site = site_copy(ev_site, tmp_path)
    q0 = ev_model.topics[0].questions[0].id
    with_id_changes(site, {"1.0.0": {"kept": [q0]}})
    open_assessment(page, serve(site))
    old = saved_doc(ev_model, {"kept": 2, "lost": 3})
    old["framework"]["version"] = "1.0.0"
    put_saved(page, old)
    assert page.evaluate(FILL_STORAGE) > 0
    reload(page)
    notice = page.locator(".dmf-notice").inner_text()
    assert "Your answer to question 'lost'" in notice
    assert "This browser would not keep this message" in notice
    assert page.evaluate("k => localStorage.getItem(k + ':notice')", KEY) is None


# ---------- where you were ----------


def test_reload_returns_to_the_same_view_and_section(page, serve, ev_site, ev_model):
    open_assessment(page, serve(ev_site))
    third = ev_model.topics[2]
    page.locator(".dmf-section-button", has_text=third.title).click()
    assert page.inner_text("#dmf-section-title") == third.title
    reload(page)
    assert page.inner_text("#dmf-section-title") == third.title
    assert page.locator(".dmf-section-button[aria-current=step]").inner_text().startswith(third.title)
    page.click("button[data-view=roadmap]")
    reload(page)
    assert page.locator("#dmf-roadmap-title").is_visible()
    assert page.locator("button[data-view=roadmap][aria-current=page]").count() == 1
    page.click("button[data-view=questions]")
    assert page.inner_text("#dmf-section-title") == third.title
    # Starting again starts at the beginning.
    page.click("button[data-view=save]")
    button(page, "Start again").click()
    button(page, "Yes, clear everything").click()
    reload(page)
    assert page.inner_text("#dmf-section-title") == ev_model.topics[0].title


# ---------- the result ----------


def test_result_shows_evidence_guesses_too_few_answers_and_level_meanings(page, serve, ev_site, ev_model):
    open_assessment(page, serve(ev_site))
    low = ev_model.level_numbers[0]
    t0, t1, t2 = ev_model.topics
    q = [x.id for x in t0.questions]
    answers = {**{x: low for x in q}, **{x.id: low for x in t1.questions}, t2.questions[0].id: low + 2}
    evidence = {x: {"text": "A report", "links": []} for x in q[:3]}
    confidence = {q[0]: "guessing", q[1]: "guessing", q[2]: "sure"}
    put_saved(page, saved_doc(ev_model, answers, evidence=evidence, confidence=confidence))
    reload(page)
    page.click("button[data-view=result]")
    panel = page.locator(".dmf-panel-result")

    def row(topic) -> str:
        return panel.locator(f".dmf-levels tr[data-topic={topic.id}]").inner_text()

    assert "3 of 4 answers have evidence; 2 are guesses" in row(t0)
    assert "0 of 4 answers have evidence; none is a guess" in row(t1)
    assert "No level yet: 1 of the 2 answers with a level it needs" in row(t2)
    assert f"Summary of level {low}." in row(t0)  # the level's meaning beside its name
    # Every topic with a level is at the lowest level: no strengths.
    assert panel.locator(".dmf-strengths").count() == 0
    assert "No strengths to show yet" in panel.inner_text()
    easiest = panel.locator(".dmf-easiest li").first.inner_text()
    assert "more practice" in easiest and "in place would take this topic to the next level" in easiest
    assert f"Summary of level {low + 1}." in easiest
    assert "move up" not in panel.inner_text()

    # A topic above the lowest level is a strength; the lowest is not.
    put_saved(page, saved_doc(ev_model, {**answers, **{x.id: low + 2 for x in t1.questions}}))
    reload(page)
    strengths = page.locator(".dmf-strengths li")
    assert strengths.count() == 1 and strengths.first.inner_text().startswith(t1.title)


# ---------- keyboard and axe ----------


def test_evidence_by_keyboard_alone(page, serve, ev_site, ev_model):
    open_assessment(page, serve(ev_site))
    q0 = ev_model.topics[0].questions[0].id
    tab_until(page, lambda f: f["name"] == f"dmf-q-{q0}")
    page.keyboard.press("Space")
    summary = tab_until(page, lambda f: f["tag"] == "SUMMARY")
    assert summary["text"] == "Evidence and how sure you are"
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["name"] == f"dmf-ev-{q0}-confidence")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == f"dmf-ev-{q0}-text"
    page.keyboard.type("Asked the data team.")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == f"dmf-ev-{q0}-links"
    page.keyboard.type("https://a.example/")
    page.keyboard.press("Enter")
    page.keyboard.type("javascript:alert(1)")
    doc = stored(page)
    assert doc["answers"] == {q0: ev_model.level_numbers[0]}
    assert doc["confidence"] == {q0: "fairly_sure"}
    assert doc["evidence"] == {
        q0: {"text": "Asked the data team.", "links": ["https://a.example/", "javascript:alert(1)"]}
    }
    assert page.locator(f"#dmf-question-{q0} .dmf-evidence-links a").count() == 1


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("view", ["questions", "result", "save"])
def test_axe_finds_no_violations_with_evidence(view, viewport, page, serve, shipped_site):
    model = load_framework(ROOT / "framework")
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(serve(shipped_site) + "/assessment/")
    first = model.topics[0].questions
    doc = saved_doc(
        model,
        {x.id: model.level_numbers[i % len(model.level_numbers)] for i, x in enumerate(first)},
        evidence={first[0].id: {"text": "A report", "links": ["https://a.example/", "javascript:x"]}},
        confidence={first[1].id: "guessing"},
        role="Data analyst",
    )
    put_saved(page, doc, model.framework.id)
    reload(page)
    if view == "questions":
        for x in first:
            open_evidence(page, x.id)
        problem = f"#dmf-ev-{first[1].id}-links"
        page.fill(problem, "\n".join(f"https://{i}.example/" for i in range(7)))  # the problem message shows too
        assert page.locator(".dmf-evidence-problem", has_text="Only the first 5").count() == 1
    else:
        page.click(f"button[data-view={view}]")
    assert violations(page) == []
