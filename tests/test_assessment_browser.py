"""The self-assessment in real Chromium: keyboard alone, saving, export and import, scoring, peers, privacy, axe."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.framework.answers import NOT_APPLICABLE, NOT_SURE, topic_level
from generator.framework.load import load_framework

from .conftest import ROOT, build
from .factory import framework_dict, write_framework

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"wide": {"width": 1280, "height": 900}, "narrow": {"width": 320, "height": 720}}
PAGE = "/assessment/"
HOSTILE = 'Do you write <b>bold</b> & <img src=x onerror="window.hacked=1">?'


# ---------- sites ----------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    """Three topics of three questions, a crossing, and question text that looks like HTML."""
    d = tmp_path_factory.mktemp("assessment")
    fw, topics = framework_dict(topics=3, questions=3, crossing=True)
    topics["topic-0"]["questions"][0]["text"] = HOSTILE
    topics["topic-1"]["steps"][0]["timescale"] = "6 to 12 months"
    write_framework(d / "fw", fw, topics)
    return build(d / "fw", d / "site", no_results(d))


@pytest.fixture(scope="module")
def small_model(small_site):
    return load_framework(small_site.parent / "fw")


def no_results(directory: Path) -> Path:
    """An empty results folder: factory frameworks have no published results."""
    path = directory / "results"
    path.mkdir(exist_ok=True)
    return path


def site_copy(site: Path, tmp_path: Path) -> Path:
    """A copy of a built site that a test may add data files to, as the build of another feature would."""
    out = tmp_path / "site"
    shutil.copytree(site, out)
    return out


def open_assessment(page, base: str):
    page.goto(base + PAGE)
    page.wait_for_selector("#dmf-assessment[data-state=ready]")


def open_compare(page) -> None:
    """Open the comparison and wait for the benchmarks, which load the first time it opens."""
    page.click("button[data-view=compare]")
    page.wait_for_selector(".dmf-panel-compare .dmf-loading", state="detached")


def stored(page, fw_id: str = "test-framework") -> dict | None:
    text = page.evaluate("k => localStorage.getItem(k)", f"dmf-self-assessment:{fw_id}")
    return None if text is None else json.loads(text)


def put_saved(page, doc: dict, fw_id: str = "test-framework") -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"dmf-self-assessment:{fw_id}", json.dumps(doc)])


def saved_doc(model, answers: dict, **extra) -> dict:
    doc = {
        "format": "dmf-self-assessment",
        "formatVersion": 2,
        "framework": {"id": model.framework.id, "version": model.framework.version},
        "role": None,
        "answers": answers,
        "confidence": {},
        "evidence": {},
        "notes": {},
        "roadmap": {"start": None, "targets": {}, "owners": {}},
        "comparison": {"orgType": None, "sizeBand": None},
    }
    doc.update(extra)
    return doc


def random_answers(model, rng: random.Random, blank: float = 0.15) -> dict:
    values = [*model.level_numbers, NOT_APPLICABLE, NOT_SURE]
    return {q.id: rng.choice(values) for _, q in model.questions() if rng.random() > blank}


def python_levels(model, answers: dict) -> dict[str, int | None]:
    rule, minimum = model.framework.scoring.rule, model.framework.scoring.minimum_answers
    return {
        t.id: topic_level([answers[q.id] for q in t.questions if q.id in answers], rule, minimum) for t in model.topics
    }


def shown_levels(page) -> dict[str, int | None]:
    rows = page.eval_on_selector_all(
        ".dmf-levels tbody tr", "rows => rows.map(r => [r.dataset.topic, r.dataset.level])"
    )
    return {t: (int(v) if v != "" else None) for t, v in rows}


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName, type: e.type || null, name: e.name || null, id: e.id || null,
                checked: !!e.checked, text: (e.textContent || '').trim().slice(0, 120)}; }"""
    )


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def tab_until(page, want, limit: int = 400, key: str = "Tab") -> dict:
    for _ in range(limit):
        page.keyboard.press(key)
        f = focused(page)
        if want(f):
            return f
    raise AssertionError(f"keyboard focus never reached the target; last focus {focused(page)}")


# ---------- keyboard alone ----------


def chooser_by_keyboard(page):
    """The file chooser that Space opens on the focused file input; a busy machine may drop the first press."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(3):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeout:
            assert page.evaluate("document.activeElement.id") == "dmf-import"
    raise AssertionError("Space on the focused file input never opened the file chooser")


def test_whole_assessment_by_keyboard_alone(page, serve, small_site, small_model, tmp_path):
    """Answer every question, write a note, read the result, plan a roadmap, compare, export, import: keys only."""
    site = site_copy(small_site, tmp_path)
    with_benchmarks(site, benchmark_json(small_model))
    base = serve(site)
    open_assessment(page, base)
    levels = small_model.level_numbers
    options = [*map(str, levels), NOT_APPLICABLE, NOT_SURE]
    rng = random.Random(5)
    chosen: dict[str, int | str] = {}
    topics = small_model.topics
    for ti, topic in enumerate(topics):
        first = topic.questions[0].id
        tab_until(page, lambda f, first=first: f["name"] == f"dmf-q-{first}")
        for qi, q in enumerate(topic.questions):
            f = focused(page)
            assert f["name"] == f"dmf-q-{q.id}", f
            pick = rng.randrange(len(options)) if qi else 2  # first question of each topic at a level
            page.keyboard.press("Space")  # checks the first answer
            for _ in range(pick):
                page.keyboard.press("ArrowDown")  # moves to and checks the next answer
            value = options[pick]
            chosen[q.id] = value if value in (NOT_APPLICABLE, NOT_SURE) else int(value)
            if qi + 1 < len(topic.questions):
                nxt = topic.questions[qi + 1].id
                tab_until(page, lambda f, nxt=nxt: f["name"] == f"dmf-q-{nxt}")  # past the evidence disclosure
        tab_until(page, lambda f: f["tag"] == "TEXTAREA")
        page.keyboard.type(f"Asked the team about {topic.id}.")
        label = f"Next section: {topics[ti + 1].title}" if ti + 1 < len(topics) else "See your result"
        tab_until(page, lambda f, label=label: f["tag"] == "BUTTON" and f["text"] == label)
        page.keyboard.press("Enter")
        # Focus moves to the new section's heading (or the result's), never lost to the page body.
        assert focused(page)["tag"] in ("H2", "H3")

    assert page.locator("#dmf-result-title").is_visible()
    assert shown_levels(page) == python_levels(small_model, chosen)
    doc = stored(page)
    assert doc["answers"] == chosen
    assert doc["notes"] == {t.id: f"Asked the team about {t.id}." for t in topics}

    # Roadmap: move to it, pick a target with the arrow keys, name an owner.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Plan your roadmap")
    page.keyboard.press("Enter")
    target = tab_until(page, lambda f: f["tag"] == "SELECT" and (f["id"] or "").startswith("dmf-target-"))
    page.keyboard.press("End")
    assert page.locator(".dmf-milestone").count() >= 1
    tab_until(page, lambda f: f["tag"] == "INPUT" and (f["id"] or "").startswith("dmf-owner-"))
    page.keyboard.type("Head of data")
    topic_id = target["id"].removeprefix("dmf-target-")
    doc = stored(page)
    assert doc["roadmap"]["targets"] == {topic_id: levels[-1]}
    assert "Head of data" in doc["roadmap"]["owners"].values()

    # Export by keyboard too.
    with page.expect_download() as dl:
        tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Export answers and roadmap (JSON)")
        page.keyboard.press("Enter")
    exported_path = Path(dl.value.path())
    exported = json.loads(exported_path.read_text(encoding="utf-8"))
    assert exported["answers"] == chosen

    # Compare with peers: choose a group with the arrow keys.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Compare", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".dmf-panel-compare .dmf-loading", state="detached")
    tab_until(page, lambda f: f["id"] == "dmf-org-type")
    page.keyboard.press("ArrowDown")
    assert page.locator(".dmf-compare-group td[data-position]").count() == len(topics)

    # Import the export again: the file chooser opens from the keyboard, and replacing asks first.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Save or start again", key="Shift+Tab")
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["id"] == "dmf-import")
    chooser_by_keyboard(page).set_files(exported_path)
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Replace my answers")
    page.keyboard.press("Enter")
    page.wait_for_selector(".dmf-success")
    assert stored(page)["answers"] == chosen


def test_views_and_sections_are_reachable_by_keyboard(page, serve, small_site):
    base = serve(small_site)
    open_assessment(page, base)
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Compare")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "dmf-compare-title"
    tab_until(page, lambda f: f["text"] == "Questions", key="Shift+Tab")
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Topic 2"))
    page.keyboard.press("Enter")
    assert focused(page)["text"] == "Topic 2"
    assert page.locator(".dmf-section-button[aria-current=step]").inner_text().startswith("Topic 2")


# ---------- saving ----------


def test_reload_resumes_and_start_again_clears(page, serve, small_site, small_model):
    base = serve(small_site)
    open_assessment(page, base)
    q0, q1 = small_model.topics[0].questions[:2]
    page.check(f"#dmf-q-{q0.id}-3")
    page.check(f"#dmf-q-{q1.id}-{NOT_SURE}")
    page.fill(f"#dmf-note-{small_model.topics[0].id}", "A note")
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert page.is_checked(f"#dmf-q-{q0.id}-3")
    assert page.is_checked(f"#dmf-q-{q1.id}-{NOT_SURE}")
    assert page.input_value(f"#dmf-note-{small_model.topics[0].id}") == "A note"
    assert page.inner_text("#dmf-progress-text") == f"You have answered 2 of {len(small_model.questions())} questions."

    page.click("button[data-view=save]")
    button(page, "Start again").click()
    button(page, "No, keep my answers").click()
    assert stored(page)["answers"] == {q0.id: 3, q1.id: NOT_SURE}
    button(page, "Start again").click()
    button(page, "Yes, clear everything").click()
    assert stored(page) is None
    assert not page.is_checked(f"#dmf-q-{q0.id}-3")
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert not page.is_checked(f"#dmf-q-{q0.id}-3")
    assert page.input_value(f"#dmf-note-{small_model.topics[0].id}") == ""


def test_damaged_saved_answers_are_kept_aside_and_the_page_starts_afresh(page, serve, small_site):
    base = serve(small_site)
    page.goto(base + PAGE)
    page.evaluate("localStorage.setItem('dmf-self-assessment:test-framework', '{damaged')")
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert "could not be read" in page.locator(".dmf-notice").inner_text()
    assert page.evaluate("localStorage.getItem('dmf-self-assessment:test-framework:unreadable')") == "{damaged"
    assert page.locator("fieldset.dmf-question").count() > 0


# ---------- export and import ----------


def export(page, kind: str) -> Path:
    page.click("button[data-view=save]")
    label = "Export answers and roadmap (JSON)" if kind == "json" else "Export as a spreadsheet (CSV)"
    with page.expect_download() as dl:
        button(page, label).click()
    return Path(dl.value.path())


def import_file(page, path: Path) -> None:
    page.click("button[data-view=save]")
    page.set_input_files("#dmf-import", str(path))


def test_export_then_import_round_trips_exactly(page, serve, small_site, small_model, tmp_path):
    base = serve(small_site)
    open_assessment(page, base)
    rng = random.Random(11)
    t0 = small_model.topics[0].id
    doc = saved_doc(
        small_model,
        random_answers(small_model, rng),
        notes={t0: 'Line one\nLine two with "quotes", commas, <tags> and émoji ✓'},
        roadmap={
            "start": "2031-Q2",
            "targets": {t0: small_model.level_numbers[-1]},
            "owners": {f"{t0}:1": "Data lead"},
        },
        comparison={"orgType": "org_type:council", "sizeBand": None},
    )
    put_saved(page, doc)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    before = stored(page)
    assert before == doc
    path = export(page, "json")
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["framework"] == {"id": small_model.framework.id, "version": small_model.framework.version}

    button(page, "Start again").click()
    button(page, "Yes, clear everything").click()
    assert stored(page) is None
    import_file(page, path)
    page.wait_for_selector(".dmf-success")
    assert stored(page) == before

    # Importing over answers asks first, and keeping them changes nothing.
    page.click("button[data-view=questions]")
    q = small_model.topics[0].questions[0].id
    page.check(f"#dmf-q-{q}-{NOT_SURE if before['answers'].get(q) != NOT_SURE else NOT_APPLICABLE}")
    changed = stored(page)
    assert changed != before
    import_file(page, path)
    button(page, "Replace my answers").wait_for()
    button(page, "Keep my answers").click()
    assert stored(page) == changed
    import_file(page, path)
    button(page, "Replace my answers").click()
    page.wait_for_selector(".dmf-success")
    assert stored(page) == before


BAD_IMPORTS = {
    "not-json": b"{ this is not json",
    "not-an-export": json.dumps({"hello": "world"}).encode(),
    "array": b"[1, 2, 3]",
    "other-framework": None,  # made in the test from a good document
    "newer-format": None,
    "bad-level": None,
    "unknown-question": None,
    "note-not-text": None,
    "owner-of-unknown-topic": None,
    "bad-quarter": None,
    "empty": b"",
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
def test_malformed_import_is_refused_and_answers_survive(case, page, serve, small_site, small_model, tmp_path):
    base = serve(small_site)
    open_assessment(page, base)
    q = small_model.topics[0].questions[0].id
    good = saved_doc(small_model, {q: 2})
    put_saved(page, good)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    bad = json.loads(json.dumps(good))
    if case == "other-framework":
        bad["framework"]["id"] = "another-framework"
    elif case == "newer-format":
        bad["formatVersion"] = 3
    elif case == "bad-level":
        bad["answers"][q] = "three"
    elif case == "unknown-question":
        bad["answers"]["no-such-question"] = 1
    elif case == "note-not-text":
        bad["notes"] = {small_model.topics[0].id: {"html": "<b>x</b>"}}
    elif case == "owner-of-unknown-topic":
        bad["roadmap"]["owners"] = {"no-such-topic:1": "Data lead"}
    elif case == "bad-quarter":
        bad["roadmap"]["start"] = "next spring"
    content = BAD_IMPORTS[case] if BAD_IMPORTS[case] is not None else json.dumps(bad).encode()
    path = tmp_path / f"{case}.json"
    path.write_bytes(content)
    import_file(page, path)
    error = page.locator(".dmf-error[role=alert]")
    error.wait_for()
    assert "could not be imported" in error.inner_text()
    assert "have not changed" in error.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('dmf-error')")
    assert stored(page) == good
    assert button(page, "Replace my answers").count() == 0


def test_csv_export_guards_against_formula_injection(page, serve, small_site, small_model):
    base = serve(small_site)
    open_assessment(page, base)
    t0 = small_model.topics[0]
    answers = {q.id: small_model.level_numbers[1] for q in t0.questions}
    notes = {t0.id: '=HYPERLINK("http://example.invalid","click")', small_model.topics[1].id: "+1 and -1 and @SUM(A1)"}
    notes[small_model.topics[2].id] = "   =1+1"  # after leading spaces, still a formula to a spreadsheet
    put_saved(page, saved_doc(small_model, answers, notes=notes))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    path = export(page, "csv")
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    note_rows = {r["topic_id"]: r["text"] for r in rows if r["record"] == "note"}
    assert note_rows == {tid: "'" + text for tid, text in notes.items()}
    for row in rows:
        for value in row.values():
            assert not value or value.lstrip()[:1] not in ("=", "+", "-", "@") or value[0] == "'", row
    answer_rows = [r for r in rows if r["record"] == "answer" and r["topic_id"] == t0.id]
    assert [int(r["level"]) for r in answer_rows] == [answers[q.id] for q in t0.questions]
    level_row = next(r for r in rows if r["record"] == "topic level" and r["topic_id"] == t0.id)
    assert int(level_row["level"]) == small_model.level_numbers[1]


def test_text_from_framework_and_imports_is_never_run(page, serve, small_site, small_model, tmp_path):
    base = serve(small_site)
    open_assessment(page, base)
    legend = page.locator("legend").first
    assert legend.inner_text() == f"1. {HOSTILE}"
    assert page.locator("#dmf-assessment img, #dmf-assessment b").count() == 0
    t0 = small_model.topics[0].id
    doc = saved_doc(
        small_model, {}, notes={t0: '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'}
    )
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_file(page, path)
    page.wait_for_selector(".dmf-success")
    page.click("button[data-view=questions]")
    assert page.input_value(f"#dmf-note-{t0}") == doc["notes"][t0]
    assert page.evaluate("window.hacked") is None
    assert page.locator("#dmf-assessment img, #dmf-assessment script").count() == 0


# ---------- migration between framework versions ----------


def with_id_changes(site: Path, id_changes: dict | None) -> None:
    path = site / "assessment.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if id_changes is not None:
        data["id_changes"] = id_changes
    else:
        data.pop("id_changes", None)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_answers_from_an_older_version_are_migrated(page, serve, small_site, small_model, tmp_path):
    site = site_copy(small_site, tmp_path)
    t0, t1 = small_model.topics[:2]
    kept = t1.questions[0].id
    id_changes = {
        "1.0.0": {
            "old-question": [t0.questions[0].id],
            "split-question": [t0.questions[1].id, t0.questions[2].id],
            "merged-a": [t1.questions[1].id],
            "merged-b": [t1.questions[1].id],
            "gone-question": [],
            kept: [kept],
        }
    }
    with_id_changes(site, id_changes)
    base = serve(site)
    page.goto(base + PAGE)  # any page of the origin, to reach its localStorage
    old = saved_doc(
        small_model,
        {
            "old-question": 2,
            "split-question": NOT_SURE,
            "merged-a": 4,
            "merged-b": 3,
            "gone-question": 4,
            kept: 5,
            "never-mapped": 1,
        },
        notes={t1.id: "Kept note", "old-topic": "Lost note"},
    )
    old["framework"]["version"] = "1.0.0"
    put_saved(page, old)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    doc = stored(page)
    assert doc["framework"]["version"] == small_model.framework.version
    assert doc["answers"] == {
        t0.questions[0].id: 2,
        t0.questions[1].id: NOT_SURE,
        t0.questions[2].id: NOT_SURE,
        t1.questions[1].id: 3,  # merged: the lowest level wins, as for results
        kept: 5,
    }
    assert doc["notes"] == {t1.id: "Kept note"}
    notice = page.locator(".dmf-notice").inner_text()
    assert "could not be carried over" in notice
    assert "gone-question" in notice and "never-mapped" in notice and "old-topic" in notice
    assert "old-question" not in notice and "merged-a" not in notice
    # The notice stays until dismissed, then goes for good.
    page.reload()
    page.wait_for_selector(".dmf-notice")
    button(page, "Dismiss this message").click()
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert page.locator(".dmf-notice").count() == 0


def test_browser_migration_equals_python_migration(page, serve, small_site, small_model):
    """Saved answers and results move between versions by one rule: generator.versions.ids.migrate_answers."""
    from generator.versions.ids import migrate_answers

    base = serve(small_site)
    open_assessment(page, base)
    fw = json.loads((small_site / "framework.json").read_text(encoding="utf-8"))
    current = [q.id for _, q in small_model.questions()]
    values = [*small_model.level_numbers, NOT_APPLICABLE, NOT_SURE]
    rng = random.Random(8)
    cases = []
    for _ in range(300):
        old_ids = [f"old-{i}" for i in range(rng.randint(1, 12))]
        mapping = {o: rng.sample(current, rng.choice([0, 1, 1, 1, 2])) for o in old_ids}
        answers = {o: rng.choice(values) for o in old_ids if rng.random() > 0.2}
        cases.append([mapping, answers])
    got = page.evaluate(
        """([fw, cases]) => cases.map(([mapping, answers]) => {
            const f = Object.assign({}, fw, {id_changes: {"0.0.1": mapping}});
            const raw = {format: "dmf-self-assessment", formatVersion: 1, framework: {id: fw.id, version: "0.0.1"}, answers};
            const read = window.dmfAssessment.readDoc(raw, f);
            return read.errors ? null : read.doc.answers;
        })""",
        [fw, cases],
    )
    # A file none of whose answers can be carried over is refused (null) rather than read as empty.
    want = [migrate_answers(answers, mapping) for mapping, answers in cases]
    assert got == [None if answers and not w else w for w, (_, answers) in zip(want, cases, strict=True)]


@pytest.mark.parametrize("id_changes", [None, {"0.5.0": {"x": ["y"]}}], ids=["no-mapping", "other-version"])
def test_saved_answers_from_an_unmapped_version_are_kept_aside_and_listed(
    id_changes, page, serve, small_site, small_model, tmp_path
):
    site = site_copy(small_site, tmp_path)
    with_id_changes(site, id_changes)
    base = serve(site)
    page.goto(base + PAGE)
    q = small_model.topics[0].questions[0].id
    old = saved_doc(small_model, {q: 3})
    old["framework"]["version"] = "0.9.0"
    put_saved(page, old)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    # Nothing could be carried over: the saved copy is kept aside, not replaced with no answers.
    assert stored(page) == old
    kept = page.evaluate("localStorage.getItem('dmf-self-assessment:test-framework:unreadable')")
    assert json.loads(kept) == old
    notice = page.locator(".dmf-notice").inner_text()
    assert "could not be read" in notice
    assert "0.9.0" in notice and HOSTILE in notice  # the question by its text, not its id
    assert page.locator("#dmf-assessment input[type=radio]:checked").count() == 0


# ---------- scoring agrees with Python ----------


@pytest.mark.parametrize("rule", ["median", "minimum"])
def test_browser_scoring_function_equals_python_on_random_answer_sets(rule, page, serve, small_site):
    base = serve(small_site)
    open_assessment(page, base)
    rng = random.Random(rule)
    cases = []
    for _ in range(3000):
        numbers = list(range(rng.choice([0, 1]), 8))[: rng.randint(2, 7)]
        answers = [rng.choice([*numbers, NOT_APPLICABLE, NOT_SURE]) for _ in range(rng.randint(0, 9))]
        cases.append([answers, rule, rng.randint(1, 4)])
    got = page.evaluate("cases => cases.map(([a, r, m]) => window.dmfScore.topicLevel(a, r, m))", cases)
    assert got == [topic_level(a, r, m) for a, r, m in cases]


def test_answers_to_next_level_is_the_fewest_that_lift_the_level(page, serve, small_site):
    base = serve(small_site)
    open_assessment(page, base)
    rng = random.Random(3)
    cases = []
    for _ in range(1500):
        answers = [rng.choice([1, 2, 3, 4, 5, NOT_SURE]) for _ in range(rng.randint(1, 8))]
        rule = rng.choice(["median", "minimum"])
        level = topic_level(answers, rule)
        if level is None or level == 5:
            continue
        cases.append([answers, rule, level + 1])
    got = page.evaluate("cases => cases.map(([a, r, n]) => window.dmfScore.answersToNext(a, r, 1, n))", cases)
    for (answers, rule, nxt), k in zip(cases, got, strict=True):
        below = sorted((a for a in answers if isinstance(a, int) and a < nxt), reverse=True)

        def lifted(j, answers=answers, below=below, nxt=nxt):
            raised = list(answers)
            for value in below[:j]:
                raised[raised.index(value)] = nxt
            return raised

        assert topic_level(lifted(k), rule) >= nxt
        assert k == 0 or topic_level(lifted(k - 1), rule) < nxt


def show_result(page, model, answers) -> dict:
    """Load a saved answer set, open the result view, and return the levels Python expects."""
    put_saved(page, saved_doc(model, answers))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=result]")
    return python_levels(model, answers)


def test_result_view_levels_equal_python_for_random_answer_sets(page, serve, small_site, small_model):
    base = serve(small_site)
    open_assessment(page, base)
    rng = random.Random(2024)
    cross = small_model.framework.crossing
    for _ in range(25):
        answers = random_answers(small_model, rng, blank=0.3)
        expected = show_result(page, small_model, answers)
        if not any(v is not None for v in expected.values()):
            assert "Answer the questions" in page.locator(".dmf-panel-result").inner_text()
            continue
        assert shown_levels(page) == expected
        # The topic x crossing matrix applies the same rule to each crossing value's questions.
        cells = page.eval_on_selector_all(
            ".dmf-matrix td", "cs => cs.map(c => [c.closest('tr').dataset.topic, c.dataset.crossing, c.dataset.level])"
        )
        want = []
        for t in small_model.topics:
            for cv in cross.values:
                qs = [q for q in t.questions if q.crossing == cv.id]
                level = topic_level([answers[q.id] for q in qs if q.id in answers], small_model.framework.scoring.rule)
                want.append([t.id, cv.id, "" if level is None else str(level)])
        assert cells == want


def test_minimum_rule_and_levels_from_zero_score_like_python(page, serve, tmp_path):
    fw, topics = framework_dict(start=0, n_levels=4, topics=2, questions=4, rule="minimum")
    fw["scoring"]["minimum_answers"] = 2
    model_dir = write_framework(tmp_path / "fw", fw, topics)
    site = build(model_dir, tmp_path / "site", no_results(tmp_path))
    model = load_framework(model_dir)
    base = serve(site)
    open_assessment(page, base)
    rng = random.Random(9)
    for _ in range(10):
        answers = random_answers(model, rng, blank=0.3)
        expected = show_result(page, model, answers)
        if any(v is not None for v in expected.values()):
            assert shown_levels(page) == expected


# ---------- roadmap ----------


def test_roadmap_lays_steps_out_over_quarters(page, serve, small_site, small_model):
    base = serve(small_site)
    open_assessment(page, base)
    t0, t1 = small_model.topics[:2]
    answers = {q.id: 1 for q in t0.questions} | {q.id: 1 for q in t1.questions}
    roadmap = {"start": "2030-Q1", "targets": {t0.id: 3, t1.id: 2}, "owners": {}}
    put_saved(page, saved_doc(small_model, answers, roadmap=roadmap))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.click("button[data-view=roadmap]")
    milestones = page.eval_on_selector_all(
        ".dmf-milestone", "ms => ms.map(m => [m.dataset.topic, Number(m.dataset.from), m.dataset.due])"
    )
    # topic-0's steps take "3 months" each: one quarter apiece. topic-1's first step takes 6 to 12 months.
    assert milestones == [[t0.id, 1, "2030-Q1"], [t0.id, 2, "2030-Q2"], [t1.id, 1, "2030-Q4"]]
    assert "By the end of December 2030" in page.locator(".dmf-plan").inner_text()
    page.fill(f"#dmf-owner-{t1.id}-1", "Service manager")
    page.select_option(f"#dmf-target-{t0.id}", "")
    assert stored(page)["roadmap"]["targets"] == {t1.id: 2}
    assert page.input_value(f"#dmf-owner-{t1.id}-1") == "Service manager"
    assert stored(page)["roadmap"]["owners"] == {f"{t1.id}:1": "Service manager"}


def test_print_shows_result_and_roadmap_on_a4(page, serve, small_site, small_model, tmp_path):
    base = serve(small_site)
    open_assessment(page, base)
    t0 = small_model.topics[0]
    answers = {q.id: 2 for _, q in small_model.questions()}
    put_saved(page, saved_doc(small_model, answers, roadmap={"start": "2030-Q1", "targets": {t0.id: 4}, "owners": {}}))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    # A4 less 15 mm margins is 180 mm wide: about 680 CSS pixels.
    page.set_viewport_size({"width": 680, "height": 1000})
    assert page.locator(".dmf-panel-result").is_visible()
    assert page.locator(".dmf-panel-roadmap").is_visible()
    assert page.locator(".dmf-milestone").count() == 2  # from level 2 to 3, and from 3 to 4
    assert not page.locator(".dmf-panel-questions").is_visible()
    assert not page.locator(".dmf-views").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".dmf-step h4").first.is_visible()  # steps print open
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    assert pdf.startswith(b"%PDF")


# ---------- peers ----------


def benchmark_json(model, *, synthetic: bool = True) -> dict:
    """A benchmark file in the published shape: two rounds, an org type group, a size band, and a small group."""
    rng = random.Random(7)
    levels = model.level_numbers
    groups = [
        {"id": "all", "kind": "all", "value": None, "label": "All organisations"},
        {"id": "org_type:council", "kind": "org_type", "value": "council", "label": "Councils"},
        {"id": "org_type:tiny-body", "kind": "org_type", "value": "tiny-body", "label": "Tiny bodies"},
        {"id": "size_band:large", "kind": "size_band", "value": "large", "label": "Large (1,000 staff or more)"},
    ]
    rounds = [{"id": "2025", "label": "the 2025 round"}, {"id": "2026", "label": "the 2026 round"}]
    cells = []
    for rnd in rounds:
        for g in groups:
            for t in model.topics:
                base = {"topic": t.id, "crossing": None, "group": g["id"], "round": rnd["id"]}
                if g["id"] == "org_type:tiny-body":
                    cells.append(base | {"suppressed": True, "note": "fewer than 10"})
                    continue
                n = rng.randint(12, 40)
                q1, median, q3 = sorted(rng.choice(levels) for _ in range(3))
                cells.append(base | {"suppressed": False, "respondents": n, "median": median, "q1": q1, "q3": q3})
    return {
        "synthetic": synthetic,
        "minimum_group_size": 10,
        "framework_version": model.framework.version,
        "levels": levels,
        "rounds": rounds,
        "groups": groups,
        "cells": cells,
    }


def with_benchmarks(site: Path, data: dict) -> None:
    (site / "benchmarks").mkdir(exist_ok=True)
    (site / "benchmarks" / "benchmarks.json").write_text(json.dumps(data), encoding="utf-8")


def test_peer_comparison_shows_where_your_level_sits_in_the_middle_half(page, serve, small_site, small_model, tmp_path):
    site = site_copy(small_site, tmp_path)
    bench = benchmark_json(small_model)
    with_benchmarks(site, bench)
    base = serve(site)
    open_assessment(page, base)
    rng = random.Random(1)
    answers = {q.id: rng.choice(small_model.level_numbers) for _, q in small_model.questions()}
    put_saved(page, saved_doc(small_model, answers))
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    open_compare(page)
    panel = page.locator(".dmf-panel-compare")
    assert "synthetic data" in panel.inner_text()
    assert "latest round of results: the 2026 round" in panel.inner_text()
    page.select_option("#dmf-org-type", "org_type:council")
    page.select_option("#dmf-size-band", "size_band:large")
    levels = python_levels(small_model, answers)
    for group in ("org_type:council", "size_band:large"):
        cells = {c["topic"]: c for c in bench["cells"] if c["group"] == group and c["round"] == "2026"}
        for t in small_model.topics:
            row = page.locator(f".dmf-compare-group[data-group='{group}'] tr[data-topic='{t.id}']")
            cell, mine = cells[t.id], levels[t.id]
            want = "below" if mine < cell["q1"] else "above" if mine > cell["q3"] else "within"
            assert row.locator("td[data-position]").get_attribute("data-position") == want, (group, t.id)
            assert row.locator("td[data-position]").inner_text() == f"{want.capitalize()} the middle half"
            assert row.locator("td").last.inner_text() == str(cells[t.id]["respondents"])
    assert stored(page)["comparison"] == {"orgType": "org_type:council", "sizeBand": "size_band:large"}

    page.select_option("#dmf-org-type", "org_type:tiny-body")
    small = page.locator(".dmf-compare-group[data-group='org_type:tiny-body']")
    assert "hidden to protect the organisations" in small.inner_text()
    assert small.locator("td[data-position]").count() == 0


def test_peer_comparison_without_benchmarks_says_so(page, serve, small_site):
    base = serve(small_site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_assessment(page, base)
    open_compare(page)
    assert "Benchmarks are not available" in page.locator(".dmf-panel-compare").inner_text()
    assert errors == []


def test_real_data_is_not_called_synthetic(page, serve, small_site, small_model, tmp_path):
    site = site_copy(small_site, tmp_path)
    with_benchmarks(site, benchmark_json(small_model, synthetic=False))
    base = serve(site)
    open_assessment(page, base)
    open_compare(page)
    assert "synthetic" not in page.locator(".dmf-panel-compare").inner_text()


# ---------- privacy ----------


def test_no_request_leaves_the_origin_during_a_whole_session(page, serve, small_site, small_model, tmp_path):
    site = site_copy(small_site, tmp_path)
    with_benchmarks(site, benchmark_json(small_model))
    base = serve(site)
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    open_assessment(page, base)
    for topic in small_model.topics:
        for q in topic.questions:
            page.check(f"#dmf-q-{q.id}-2")
        page.fill(f"#dmf-note-{topic.id}", "Private note")
        page.locator(".dmf-pager .dmf-button:not(.dmf-secondary)").click()
    page.click("button[data-view=roadmap]")
    page.select_option(f"#dmf-target-{small_model.topics[0].id}", "4")
    open_compare(page)
    page.select_option("#dmf-org-type", "org_type:council")
    export(page, "json")
    export(page, "csv")
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    off_site = [u for _, u in requests if not u.startswith((base, "data:", "blob:"))]
    assert off_site == []
    # Nothing is sent, even to the site itself: every request is a plain GET.
    assert {m for m, _ in requests} == {"GET"}
    assert not any("Private" in u for _, u in requests)


# ---------- without JavaScript ----------


def test_without_javascript_the_page_leads_to_a_printable_checklist_of_every_question(browser, serve, shipped_site):
    base = serve(shipped_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + PAGE)
    assert page.locator("#dmf-without-js").is_visible()
    xlsx = page.locator("article a[href$='.xlsx']")
    assert xlsx.count() >= 1
    response = page.request.get(base + PAGE + xlsx.first.get_attribute("href"))
    assert response.ok and response.body()[:2] == b"PK"
    page.locator("#dmf-without-js").get_by_role("link", name="checklist of every question").click()
    article = page.locator("article").inner_text()
    model = load_framework(ROOT / "framework")
    for _, q in model.questions():
        assert q.text in article
        for answer in q.answers.values():
            assert " ".join(answer.split()) in article
    context.close()


def test_with_javascript_the_checklist_gives_way_to_the_questionnaire(page, serve, shipped_site):
    base = serve(shipped_site)
    open_assessment(page, base)
    assert not page.locator("#dmf-without-js").is_visible()
    assert page.locator("fieldset.dmf-question").first.is_visible()


# ---------- instant navigation ----------


def test_works_with_instant_navigation(page, serve, tmp_path):
    fw_dir = write_framework(tmp_path / "fw", *framework_dict(topics=2, questions=2))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: site_src", f"docs_dir: {ROOT / 'site_src'}")
    config = config.replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
    assert "navigation.instant" in config
    # Material turns instant navigation on only with a site_url, and only for links on its host and port.
    base = serve(tmp_path / "site")
    config = f"site_url: {base}/\n" + config
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    from generator.build import build_site
    from generator.inputs import load_inputs
    from generator.site.content import content

    build_site(content(load_inputs(fw_dir, no_results(tmp_path))), tmp_path / "site", tmp_path / "mkdocs.yml")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/about/")
    page.evaluate("window.sameDocument = true")  # survives instant navigation, not a full page load
    page.click(".md-nav--primary a[href$='assessment/']")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert page.evaluate("window.sameDocument") is True
    page.check("#dmf-q-topic-0-q-0-2")
    page.click(".md-nav--primary a[href$='framework/']")
    page.wait_for_url("**/framework/")
    page.click(".md-nav--primary a[href$='assessment/']")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert page.is_checked("#dmf-q-topic-0-q-0-2")
    assert page.locator(".dmf-views").count() == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.dmf-views ul')).display") == "flex"  # styles too
    assert page.evaluate("window.sameDocument") is True
    assert errors == []


# ---------- accessibility ----------


def violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result.response["violations"]
    ]


@pytest.fixture(scope="module")
def shipped_with_benchmarks(shipped_site, tmp_path_factory) -> Path:
    site = shipped_site
    if not (site / "benchmarks" / "benchmarks.json").exists():
        site = site_copy(shipped_site, tmp_path_factory.mktemp("shipped-bench"))
        with_benchmarks(site, benchmark_json(load_framework(ROOT / "framework")))
    return site


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("view", ["questions", "result", "roadmap", "compare", "save"])
def test_axe_finds_no_violations_in_any_view(view, viewport, page, serve, shipped_with_benchmarks):
    model = load_framework(ROOT / "framework")
    base = serve(shipped_with_benchmarks)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + PAGE)
    rng = random.Random(4)
    answers = random_answers(model, rng, blank=0.2)
    first = model.topics[0].id
    doc = saved_doc(
        model,
        answers,
        roadmap={"start": "2030-Q1", "targets": {first: model.level_numbers[-1]}, "owners": {}},
    )
    groups = json.loads((shipped_with_benchmarks / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))[
        "groups"
    ]
    doc["comparison"] = {
        "orgType": next(g["id"] for g in groups if g["kind"] == "org_type"),
        "sizeBand": next(g["id"] for g in groups if g["kind"] == "size_band"),
    }
    put_saved(page, doc, model.framework.id)
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    if view != "questions":
        page.locator(f"button[data-view={view}]").click()
    if view == "result":
        page.locator("details.dmf-step summary").first.click()  # an open step is checked too
    if view == "save":
        button(page, "Start again").click()  # the confirmation too
    assert violations(page) == []
