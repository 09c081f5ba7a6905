"""Combine answers, agreed answers and the workshop agenda in real Chromium, against the Python combine rule."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from generator.framework import discovery
from generator.framework.answers import NOT_APPLICABLE, NOT_SURE
from generator.framework.load import load_framework

from .conftest import ROOT
from .test_assessment_browser import (
    VIEWPORTS,
    button,
    focused,
    open_assessment,
    python_levels,
    random_answers,
    shown_levels,
    site_copy,
    stored,
    tab_until,
    violations,
    with_id_changes,
)

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.hacked=1">'
NA, NS = NOT_APPLICABLE, NOT_SURE
# Five people's answers to the nine questions (None: left blank), planted to give every marker.
PLANTED = {
    "topic-0-q-0": [2, 2, 3, 2, 3],  # agreed, spread 1
    "topic-0-q-1": [1, 2, 3, 2, 2],  # discuss, spread 2
    "topic-0-q-2": [1, 5, 2, 4, 3],  # split, spread 4
    "topic-1-q-0": [4, 4, 4, 4, 4],  # agreed, spread 0
    "topic-1-q-1": [3, 3, NS, 3, 3],  # discuss: close levels, but someone is not sure
    "topic-1-q-2": [NA, NA, NA, NA, NA],  # agreed: everyone says it does not apply
    "topic-2-q-0": [1, 4, None, 1, 4],  # split, spread 3; the default is the lower middle level, 1
    "topic-2-q-1": [None, None, None, None, None],  # nobody answered
    "topic-2-q-2": [NA, NS, None, None, None],  # discuss: no levels, but two different answers
}
MARKERS = {
    "topic-0-q-0": "agreed",
    "topic-0-q-1": "discuss",
    "topic-0-q-2": "split",
    "topic-1-q-0": "agreed",
    "topic-1-q-1": "discuss",
    "topic-1-q-2": "agreed",
    "topic-2-q-0": "split",
    "topic-2-q-1": "unanswered",
    "topic-2-q-2": "discuss",
}
DEFAULTS = {"topic-0-q-0": 2, "topic-0-q-1": 2, "topic-0-q-2": 3, "topic-1-q-0": 4, "topic-1-q-1": 3}
DEFAULTS |= {"topic-1-q-2": NA, "topic-2-q-0": 1, "topic-2-q-2": NS}
AGENDA = [
    ("topic-0", ["topic-0-q-2", "topic-0-q-1", "topic-0-q-0"]),
    ("topic-2", ["topic-2-q-0", "topic-2-q-2", "topic-2-q-1"]),
    ("topic-1", ["topic-1-q-1", "topic-1-q-0", "topic-1-q-2"]),
]
ROLES = ["Data analyst", "Data analyst", "Service manager", None, HOSTILE]
CONFIDENCE = ["sure", "guessing", "guessing", None, None]  # on topic-0-q-2


def person_doc(model, answers: dict, *, role=None, evidence=None, notes=None, confidence=None) -> dict:
    return {
        "format": "dmf-self-assessment",
        "formatVersion": 2,
        "framework": {"id": model.framework.id, "version": model.framework.version},
        "role": role,
        "answers": answers,
        "confidence": confidence or {},
        "evidence": evidence or {},
        "notes": notes or {},
        "roadmap": {"start": None, "targets": {}, "owners": {}},
        "comparison": {"orgType": None, "sizeBand": None},
    }


def planted_files(model, directory: Path) -> list[Path]:
    """The five planted people, one with hostile evidence and notes, plus two files that must be refused."""
    directory.mkdir(exist_ok=True)
    paths = []
    for i in range(5):
        answers = {q: given[i] for q, given in PLANTED.items() if given[i] is not None}
        extra = {"confidence": {"topic-0-q-2": CONFIDENCE[i]} if CONFIDENCE[i] else {}}
        if i == 0:
            links = ["javascript:window.hacked=2", "https://example.org/report"]
            extra["evidence"] = {"topic-0-q-2": {"text": f"See {HOSTILE}", "links": links}}
        if i == 4:
            extra["notes"] = {"topic-0": f"Our team {HOSTILE} disagrees."}
        path = directory / f"person-{i}.json"
        path.write_text(json.dumps(person_doc(model, answers, role=ROLES[i], **extra)), encoding="utf-8")
        paths.append(path)
    (directory / "broken.json").write_text("{ not json", encoding="utf-8")
    other = person_doc(model, {"topic-0-q-0": 1})
    other["framework"]["id"] = "another-framework"
    (directory / "other.json").write_text(json.dumps(other), encoding="utf-8")
    return [*paths, directory / "broken.json", directory / "other.json"]


def open_view(page, view: str) -> None:
    """Open a view and wait until it is drawn: the facilitator's views load when first opened."""
    page.click(f"button[data-view={view}]")
    page.wait_for_selector(f".dmf-panel-{view} h2 + *")


def combine(page, paths: list[Path]) -> None:
    open_view(page, "combine")
    page.set_input_files("#dmf-combine-files", [str(p) for p in paths])
    page.wait_for_selector(".dmf-combine-report")


def python_given() -> dict:
    sets = [{q: g[i] for q, g in PLANTED.items() if g[i] is not None} for i in range(5)]
    return discovery.combine(sets)


def table_rows(page) -> dict[str, dict]:
    return page.eval_on_selector_all(
        "table.dmf-agreement tbody tr",
        """rows => Object.fromEntries(rows.map(r => [r.dataset.question, {marker: r.dataset.marker,
            spread: r.dataset.spread, counts: Object.fromEntries([...r.querySelectorAll('td[data-answer]')]
            .map(td => [td.dataset.answer, Number(td.textContent)]))}]))""",
    )


def test_five_files_give_exact_counts_markers_and_agenda_and_bad_files_are_refused(
    page, serve, plain_site, plain_model, tmp_path
):
    base = serve(plain_site)
    open_assessment(page, base)
    combine(page, planted_files(plain_model, tmp_path / "files"))
    report = page.locator(".dmf-combine-report")
    assert "Combined the answers of 5 people" in report.inner_text()
    refused = page.locator(".dmf-combine-report .dmf-error li").all_inner_texts()
    assert len(refused) == 2
    assert refused[0].startswith("broken.json: ") and "not a JSON file" in refused[0]
    assert refused[1].startswith("other.json: ") and "different framework" in refused[1]
    assert page.evaluate("document.activeElement.classList.contains('dmf-combine-report')")

    given = python_given()
    rows = table_rows(page)
    assert {q: r["marker"] for q, r in rows.items()} == MARKERS
    assert {q: discovery.marker(given.get(q, {})) for q in PLANTED} == MARKERS
    answers = [*plain_model.level_numbers, NA, NS]
    for q, r in rows.items():
        assert r["counts"] == {str(a): given.get(q, {}).get(a, 0) for a in answers}, q
        s = discovery.spread(given.get(q, {}))
        assert r["spread"] == ("" if s is None else str(s))
    assert rows["topic-0-q-2"]["counts"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1, NA: 0, NS: 0}

    # The agreed answers start as the lower middle level, and are the page's answers now.
    doc = stored(page)
    assert doc["answers"] == DEFAULTS
    assert {q: discovery.agreed_default(given.get(q, {})) for q in DEFAULTS} == DEFAULTS
    disc = doc["discovery"]
    assert disc["contributors"] == {"count": 5, "roles": {"Data analyst": 2, HOSTILE: 1, "Service manager": 1}}
    assert disc["questions"]["topic-0-q-1"]["byRole"]["Data analyst"] == {"1": 1, "2": 1}
    assert disc["questions"]["topic-0-q-2"]["confidence"] == {"sure": 1, "guessing": 2}
    block = page.locator(".dmf-agree[data-question='topic-0-q-2']").inner_text()
    assert "How sure people were: 1 sure, 2 guessing." in block
    assert "broken" not in json.dumps(doc) and "person-" not in json.dumps(doc)  # no file names

    # The page states the rule in words, from the Python vocabulary.
    text = page.locator(".dmf-panel-combine").inner_text()
    words = discovery.rule_text()
    for key in [*discovery.MARKERS, "agreed_answer"]:
        assert words[key] in text

    # The agenda: most divided first, grouped by topic, with the minutes of the stated rule.
    open_view(page, "agenda")
    shown = page.eval_on_selector_all(
        ".dmf-agenda-topic",
        """hs => hs.map(h => [h.dataset.topic, [...h.nextElementSibling.matches('ol') ? h.nextElementSibling.children
            : h.nextElementSibling.nextElementSibling.children].map(li => li.dataset.question), h.textContent])""",
    )
    assert [(t, qs) for t, qs, _ in shown] == AGENDA
    items = [(t.id, q.id, given.get(q.id, {})) for t in plain_model.topics for q in t.questions]
    assert discovery.agenda(items) == AGENDA
    minutes = [sum(discovery.minutes(given.get(q, {})) for q in qs) for _, qs in AGENDA]
    assert minutes == [16, 17, 7]
    assert [h for _, _, h in shown] == [
        f"{i + 1}. {plain_model.topic(t).title} (about {m} minutes)"
        for i, ((t, _), m) in enumerate(zip(AGENDA, minutes, strict=True))
    ]
    agenda_text = page.locator(".dmf-panel-agenda").inner_text()
    assert "about 40 minutes for 9 questions" in agenda_text
    assert words["agenda"] in agenda_text and words["time"] in agenda_text


def test_hostile_text_in_a_colleagues_file_never_runs(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    combine(page, planted_files(plain_model, tmp_path / "files"))
    for view in ("combine", "agenda"):
        open_view(page, view)
        panel = page.locator(f".dmf-panel-{view}")
        assert panel.locator("img").count() == 0
        assert HOSTILE in panel.inner_text()  # shown as text: the role, the note and the evidence
        links = panel.locator(".dmf-voices a")
        assert links.count() == 1 and links.first.get_attribute("href") == "https://example.org/report"
        assert "javascript:window.hacked=2" in panel.locator(".dmf-voices .dmf-link-text").first.inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("window.hacked") is None


def test_js_combine_rule_equals_python_on_random_inputs(page, serve, plain_site):
    base = serve(plain_site)
    open_assessment(page, base)
    rng = random.Random(2026)
    answers = [0, 1, 2, 3, 4, 5, 6, 7, NA, NS]
    cases = []
    for _ in range(600):
        given = {str(a): rng.randint(1, 9) for a in rng.sample(answers, rng.randint(0, 5))}
        cases.append(given)
    got = page.evaluate(
        """async (cases) => {
            const fw = await (await fetch(document.getElementById('dmf-assessment').dataset.framework)).json();
            const c = await window.dmfAssessment.combine(), v = fw.vocabulary;
            return cases.map(g => [c.spread(g), c.marker(g, v), c.agreedDefault(g, v), c.minutes(g, v)]);
        }""",
        cases,
    )
    want = [
        [discovery.spread(g), discovery.marker(g), discovery.agreed_default(g), discovery.minutes(g)] for g in cases
    ]
    assert got == want
    assert {w[1] for w in want} == set(discovery.MARKERS)  # every marker was tried
    # The agenda's order, on random questions spread over random topics.
    for _ in range(60):
        items = [(f"t{rng.randint(0, 4)}", f"q{i}", rng.choice(cases)) for i in range(rng.randint(1, 15))]
        items.sort(key=lambda it: it[0])
        got = page.evaluate(
            """async (items) => {
                const fw = await (await fetch(document.getElementById('dmf-assessment').dataset.framework)).json();
                return (await window.dmfAssessment.combine()).agenda(items.map(([topic, question, given]) => ({topic, question, given})),
                    fw.vocabulary).map(g => [g.topic, g.questions]);
            }""",
            items,
        )
        assert [tuple(g) for g in got] == discovery.agenda(items)


def test_agreed_answers_give_the_python_topic_levels(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    rng = random.Random(8)
    paths = []
    for i in range(4):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps(person_doc(plain_model, random_answers(plain_model, rng))), encoding="utf-8")
        paths.append(path)
    combine(page, paths)
    agreed = stored(page)["answers"]
    # The facilitator changes two agreed answers and says why.
    page.select_option("#dmf-agree-topic-1-q-0", "5")
    page.fill("#dmf-reason-topic-1-q-0", "The audit showed it.")
    page.select_option("#dmf-agree-topic-2-q-1", NA)
    agreed |= {"topic-1-q-0": 5, "topic-2-q-1": NA}
    doc = stored(page)
    assert doc["answers"] == agreed
    assert doc["discovery"]["reasons"] == {"topic-1-q-0": "The audit showed it."}
    assert set(doc["discovery"]["changed"]) <= {"topic-1-q-0", "topic-2-q-1"}
    page.click("button[data-view=result]")
    assert shown_levels(page) == python_levels(plain_model, agreed)


def test_export_then_reopen_the_combined_discovery(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    combine(page, planted_files(plain_model, tmp_path / "files"))
    page.select_option("#dmf-agree-topic-0-q-2", "2")
    page.fill("#dmf-reason-topic-0-q-2", "Two teams do this; the others do not yet.")
    before = stored(page)
    assert before["discovery"]["changed"] == {"topic-0-q-2": True}
    rows = table_rows(page)
    with page.expect_download() as dl:
        button(page, "Export the combined discovery (JSON)").click()
    exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    assert exported["discovery"]["version"] == 1 and exported["formatVersion"] == 2
    page.click("button[data-view=save]")
    button(page, "Start again").click()
    button(page, "Yes, clear everything").click()
    assert stored(page) is None
    page.click("button[data-view=save]")
    page.set_input_files("#dmf-import", dl.value.path())
    page.wait_for_selector(".dmf-import-message .dmf-success")
    assert stored(page) == before
    open_view(page, "combine")
    assert table_rows(page) == rows
    assert page.input_value("#dmf-agree-topic-0-q-2") == "2"
    assert page.input_value("#dmf-reason-topic-0-q-2") == "Two teams do this; the others do not yet."
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert stored(page) == before  # the saved copy reads back through the same checks
    page.wait_for_selector(".dmf-panel-combine table.dmf-agreement")  # and the page comes back to the view


def test_a_combined_file_from_an_older_version_keeps_its_agreed_answers_only(
    page, serve, plain_site, plain_model, tmp_path
):
    site = site_copy(plain_site, tmp_path)
    ids = {q.id: [q.id] for _, q in plain_model.questions()}
    with_id_changes(site, {"1.0.0": ids})
    base = serve(site)
    open_assessment(page, base)
    combine(page, planted_files(plain_model, tmp_path / "files"))
    old = stored(page)
    old["framework"]["version"] = "1.0.0"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    page.click("button[data-view=save]")
    button(page, "Start again").click()
    button(page, "Yes, clear everything").click()
    page.click("button[data-view=save]")
    page.set_input_files("#dmf-import", str(path))
    page.wait_for_selector(".dmf-import-message .dmf-success")
    doc = stored(page)
    assert doc["answers"] == DEFAULTS and "discovery" not in doc
    assert "The team's combined answers" in page.locator(".dmf-notice").inner_text()


BAD_BLOCKS = {
    "count-too-big": lambda d: d["contributors"].update(count=51),
    "counts-above-contributors": lambda d: d["questions"]["topic-0-q-0"]["given"].update({"2": 9}),
    "unknown-answer": lambda d: d["questions"]["topic-0-q-0"]["given"].update({"maybe": 1}),
    "unknown-question": lambda d: d["questions"].update({"no-such-question": {"given": {"1": 1}}}),
    "role-not-listed": lambda d: d["questions"]["topic-0-q-1"]["byRole"].update({"Someone else": {"1": 1}}),
    "reason-too-long": lambda d: d["reasons"].update({"topic-0-q-0": "x" * 2001}),
    "evidence-not-text": lambda d: d["questions"]["topic-0-q-2"]["evidence"][0].update(text={"html": "<b>"}),
    "newer-version": lambda d: d.update(version=2),
    "unknown-confidence": lambda d: d["questions"]["topic-0-q-2"]["confidence"].update({"certain": 1}),
}


@pytest.mark.parametrize("case", list(BAD_BLOCKS))
def test_a_damaged_combined_discovery_is_refused(case, page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    combine(page, planted_files(plain_model, tmp_path / "files"))
    good = stored(page)
    bad = json.loads(json.dumps(good))
    BAD_BLOCKS[case](bad["discovery"])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    page.click("button[data-view=save]")
    page.set_input_files("#dmf-import", str(path))
    error = page.locator(".dmf-error[role=alert]")
    error.wait_for()
    assert "The combined discovery" in error.inner_text()
    assert stored(page) == good


def test_too_few_readable_files_change_nothing(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    page.check("#dmf-q-topic-0-q-0-3")
    before = stored(page)
    files = planted_files(plain_model, tmp_path / "files")
    open_view(page, "combine")
    page.set_input_files("#dmf-combine-files", [str(files[0]), str(files[5])])
    error = page.locator(".dmf-combine-message .dmf-error")
    error.wait_for()
    assert "At least 2 files" in error.inner_text() and "broken.json" in error.inner_text()
    assert stored(page) == before
    # Combining over answers asks first, and keeping them changes nothing.
    page.set_input_files("#dmf-combine-files", [str(p) for p in files[:3]])
    button(page, "Keep my answers").click()
    assert stored(page) == before
    page.set_input_files("#dmf-combine-files", [str(p) for p in files[:3]])
    button(page, "Replace with the combined answers").click()
    page.wait_for_selector(".dmf-combine-report")
    assert stored(page)["discovery"]["contributors"]["count"] == 3
    many = [tmp_path / f"copy-{i:02}.json" for i in range(51)]
    for p in many:
        p.write_text(files[1].read_text(encoding="utf-8"), encoding="utf-8")
    page.set_input_files("#dmf-combine-files", [str(p) for p in many])
    error.wait_for()
    assert "You chose 51 files. Choose at most 50." in error.inner_text()
    assert stored(page)["discovery"]["contributors"]["count"] == 3


def test_files_dropped_on_the_drop_zone_are_combined(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    files = planted_files(plain_model, tmp_path / "files")[:5]
    open_view(page, "combine")
    data = page.evaluate_handle(
        """(files) => { const dt = new DataTransfer();
            for (const [name, text] of files) dt.items.add(new File([text], name, {type: 'application/json'}));
            return dt; }""",
        [[p.name, p.read_text(encoding="utf-8")] for p in files],
    )
    page.dispatch_event(".dmf-drop", "drop", {"dataTransfer": data})
    page.wait_for_selector(".dmf-combine-report")
    assert stored(page)["answers"] == DEFAULTS


def test_combine_and_agree_by_keyboard_alone(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    files = planted_files(plain_model, tmp_path / "files")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Combine answers")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "dmf-combine-title"
    page.wait_for_selector("#dmf-combine-files")  # the view loads when first opened
    tab_until(page, lambda f: f["id"] == "dmf-combine-files")
    page.set_input_files("#dmf-combine-files", [str(p) for p in files])
    page.wait_for_selector(".dmf-combine-report")
    page.wait_for_function("document.activeElement.classList.contains('dmf-combine-report')")
    # From the report, on to the split question's agreed answer: change it with the arrow keys, say why.
    tab_until(page, lambda f: f["id"] == "dmf-agree-topic-0-q-2")
    page.keyboard.press("ArrowUp")  # from 3 to 2 (a select changes with the arrow keys while closed)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "dmf-reason-topic-0-q-2"
    page.keyboard.type("Most teams are at level 2.")
    doc = stored(page)
    assert doc["answers"]["topic-0-q-2"] == 2
    assert doc["discovery"]["reasons"]["topic-0-q-2"] == "Most teams are at level 2."
    # The agenda and the result, by keyboard too.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Agenda", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "dmf-agenda-title"
    assert page.locator(".dmf-agenda-item").first.get_attribute("data-question") == "topic-0-q-2"
    # From the agenda straight to a question's agreed answer.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Record the agreed answer")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'dmf-agree-topic-0-q-2'")
    page.keyboard.press("ArrowUp")  # from 2 to 1
    doc = stored(page)
    assert doc["answers"]["topic-0-q-2"] == 1
    assert doc["discovery"]["changed"] == {"topic-0-q-2": True}
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Your result", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert shown_levels(page) == python_levels(plain_model, doc["answers"])


def test_the_agenda_prints_as_a_workshop_pack(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    open_assessment(page, base)
    combine(page, planted_files(plain_model, tmp_path / "files"))
    open_view(page, "agenda")
    page.emulate_media(media="print")
    assert page.locator(".dmf-panel-agenda").is_visible()
    assert not page.locator(".dmf-panel-result").is_visible()
    assert not page.locator(".dmf-panel-roadmap").is_visible()
    assert not page.locator(".dmf-views").is_visible()
    assert page.locator(".dmf-agenda-item .dmf-write").first.is_visible()  # space to write
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2
    page.emulate_media(media="screen")
    assert not page.locator(".dmf-agenda-item .dmf-write").first.is_visible()


def test_no_request_leaves_the_origin(page, serve, plain_site, plain_model, tmp_path):
    base = serve(plain_site)
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.method, r.url)))
    open_assessment(page, base)
    page.wait_for_load_state("networkidle")
    # The facilitator's views load only when opened: the page stays light for everyone else.
    lazy = ("combine.js", "combine-view.js", "agree-view.js", "agenda-view.js", "discovery-parts.js")
    assert not [u for _, u in requests if u.endswith(lazy)]
    combine(page, planted_files(plain_model, tmp_path / "files"))
    assert {u.rsplit("/", 1)[-1] for _, u in requests} >= set(lazy) - {"agenda-view.js"}
    page.select_option("#dmf-agree-topic-0-q-2", "2")
    with page.expect_download():
        button(page, "Export the combined discovery (JSON)").click()
    open_view(page, "agenda")
    page.click("button[data-view=result]")
    off_site = [u for _, u in requests if not u.startswith((base, "data:", "blob:"))]
    assert off_site == []
    assert {m for m, _ in requests} == {"GET"}


@pytest.fixture(scope="module")
def shipped_files(tmp_path_factory) -> list[Path]:
    model = load_framework(ROOT / "framework")
    d = tmp_path_factory.mktemp("shipped-files")
    rng = random.Random(3)
    first = model.topics[0].questions[0].id
    paths = []
    for i, role in enumerate(["Data analyst", "Service manager", None]):
        evidence = {first: {"text": "Minutes of the board", "links": ["https://example.org/minutes", "ftp://x"]}}
        doc = person_doc(model, random_answers(model, rng, blank=0.2), role=role, evidence=evidence)
        doc["notes"] = {model.topics[0].id: f"Note from person {i}"}
        paths.append(d / f"p{i}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    return paths


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("view", ["combine", "agenda"])
def test_axe_finds_no_violations_in_the_combine_and_agenda_views(
    view, viewport, page, serve, shipped_site, shipped_files
):
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    open_assessment(page, base)
    open_view(page, "combine")
    assert violations(page) == []  # before combining, too
    page.set_input_files("#dmf-combine-files", [str(p) for p in shipped_files])
    page.wait_for_selector(".dmf-combine-report")
    if view == "agenda":
        open_view(page, "agenda")
    assert violations(page) == []
