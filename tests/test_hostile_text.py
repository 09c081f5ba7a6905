"""Hostile text in every input never runs in a reader's browser or a spreadsheet, and never crashes dmf.

The payloads (tests/fixtures/payloads/payloads.yml) go into every text field of a framework (both of its
versions and its changes.yml), into every label of results/groups.yml and into every text of an ODI
import file. Each kind of input is built once with the real `dmf` command, then every page and chart is
opened in Chromium with everything focused, hovered and clicked. Script payloads report which placement
ran: alert(N) or window.__dmf_pwned = N, where N numbers the placement (see Placement.where).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .hostile import (
    CORPUS,
    FLAG,
    REFUSED,
    SCRIPT_VECTOR,
    SIGNAL,
    TOLERATED,
    WATCH,
    Placement,
    Run,
    Slot,
    Sweep,
    apply,
    base_framework,
    build,
    dmf,
    field_matches,
    files_of,
    framework_slots,
    groups_doc,
    html_problems,
    interleave,
    messages,
    multiline,
    norm,
    numbered,
    ods_cells,
    question_ids,
    reported_path,
    second_version,
    shown_payloads,
    spread,
    static_texts,
    summary,
    svg_problems,
    svg_text,
    sweep,
    write_files,
    write_results,
    xlsx_cells,
    xlsx_formulas,
    yaml_lines,
)

ODI_FIXTURE = Path(__file__).parent / "fixtures" / "odi" / "small.odi.json"
ROUNDS = ["2025", "2026"]
ORG_TYPES = ["council", "nhs-body"]
SIZE_BANDS = ["small", "large"]
SEARCH_TERMS = ["script", "alert", "onerror"]


@dataclass
class Built:
    """One kind of input, full of payloads, built with `dmf build`."""

    kind: str
    run: Run
    site: Path
    placements: list[Placement]
    # The pages on which a clean build shows each field's text as it is (None: look anywhere in the site).
    visible: dict[tuple[str, tuple], set[str]] | None = None
    twin: Path | None = None  # the same framework with plain text, for the workbooks' layout

    def site_or_fail(self) -> Path:
        if self.run.returncode != 0 or "Traceback" in self.run.output:
            pytest.fail(f"the {self.kind} build failed, so its pages cannot be checked:\n{self.run.tail(2500)}")
        return self.site


def neutral(text: str) -> bool:
    """Text that Markdown leaves as it is: prose fields must show it exactly, however much it looks like HTML."""
    t = text.strip()
    return not (
        multiline(t)
        or re.search(r"[*_`\[\]!{}\\|~^#]", t)
        or re.match(r"^([-+>]|\d+[.)])\s", t)
        or "  " in t
        or "<http" in t
    )


def marker(i: int) -> str:
    return f"Zq{i:04d}Q"


def visible_slots(site: Path, slots: list[Slot]) -> dict[tuple[str, tuple], set[str]]:
    """For each slot, the pages on which a clean build shows its marker as it is."""
    texts = static_texts(site)
    out: dict[tuple[str, tuple], set[str]] = {}
    for i, s in enumerate(slots):
        pages = {rel for rel, text in texts.items() if marker(i) in text}
        if pages:
            out.setdefault((s.file, s.path), set()).update(pages)
    return out


def plain_framework(directory: Path, fw: dict, topics: dict, slots: list[Slot]) -> Path:
    files = files_of(fw, topics)
    for i, s in enumerate(slots):
        if s.file in files:
            node = files[s.file]
            for k in s.path[:-1]:
                node = node[k]
            node[s.path[-1]] = marker(i)
    return write_files(directory, files)


def empty_results(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return directory


# ---------- the three builds ----------


@pytest.fixture(scope="module")
def framework_build(tmp_path_factory) -> Built:
    """Payloads in every field of both versions of a framework and of its changes.yml; clean results."""
    d = tmp_path_factory.mktemp("hostile-framework")
    payloads = shown_payloads()
    fw1, topics1 = base_framework()
    v1_files = files_of(fw1, topics1)
    v1_placements = spread(framework_slots(fw1, topics1), payloads, offset=len(payloads) // 2, first_number=5001)
    apply(v1_files, v1_placements)
    v1 = write_files(d / "v1", v1_files)
    released = dmf("release", "--framework", v1)
    assert released.returncode == 0, released.tail()

    fw2, topics2, changes = second_version(fw1, topics1)
    slots = framework_slots(fw2, topics2, changes)
    placements = spread(slots, payloads)
    files = files_of(fw2, topics2, changes)
    apply(files, placements)
    framework = write_files(d / "framework", files)
    shutil.copytree(v1 / "releases", framework / "releases")
    results = write_results(d / "results", groups_doc(ROUNDS, ORG_TYPES, SIZE_BANDS), question_ids(topics2), "2.0.0")
    run = build(framework, results, d / "site")

    twin = plain_framework(d / "twin", fw2, topics2, slots)
    twin_run = build(twin, results, d / "twin-site")
    assert twin_run.returncode == 0, twin_run.tail()
    visible = visible_slots(d / "twin-site", slots)
    # The twin has no earlier version, so no What changed entries: changes.yml's text shows there.
    visible.update({(s.file, s.path): {"reference/what-changed/index.html"} for s in slots if s.file == "changes.yml"})
    return Built("framework", run, d / "site", placements + v1_placements, visible, d / "twin-site")


@pytest.fixture(scope="module")
def groups_build(tmp_path_factory) -> Built:
    """Payloads in every round, org type and size band label; a clean framework."""
    d = tmp_path_factory.mktemp("hostile-groups")
    fw, topics = base_framework()
    framework = write_files(d / "framework", files_of(fw, topics))
    rounds, orgs, sizes = ["2024", "2025", "2026"], [f"org-{i}" for i in range(5)], ["small", "medium", "large"]
    kinds = [("rounds", r) for r in rounds] + [("org_types", o) for o in orgs] + [("size_bands", s) for s in sizes]
    singles = [p for p in shown_payloads() if not multiline(p[1])]
    by_cat: dict[str, list[tuple[str, str]]] = {}
    for cat, p in singles:
        by_cat.setdefault(cat, []).append((cat, p))
    chosen = interleave(by_cat.values())[: 4 * len(kinds) - 1]
    chosen.insert(4, ("maths", "NHS $\\frac$ body"))
    placements, labels = [], {}
    for i, (kind, value) in enumerate(kinds):
        texts = []
        for j, (cat, payload) in enumerate(chosen[4 * i : 4 * i + 4]):
            n = 8001 + 4 * i + j
            slot = Slot("groups.yml", (kind, value), False)
            placements.append(Placement(n, slot, cat, payload, numbered(payload, n, "x")))
            texts.append(placements[-1].text)
        labels[f"{kind}:{value}"] = " ".join(texts)
    results = write_results(d / "results", groups_doc(rounds, orgs, sizes, labels), question_ids(topics), "1.2.3")
    run = build(framework, results, d / "site")
    # The same results with plain labels show where each label appears.
    slots = [Slot("groups.yml", kv, False) for kv in kinds]
    plain = {f"{k}:{v}": marker(i) for i, (k, v) in enumerate(kinds)}
    twin_results = write_results(
        d / "twin-results", groups_doc(rounds, orgs, sizes, plain), question_ids(topics), "1.2.3"
    )
    twin_run = build(framework, twin_results, d / "twin-site")
    assert twin_run.returncode == 0, twin_run.tail()
    return Built("groups", run, d / "site", placements, visible_slots(d / "twin-site", slots))


def odi_slots(data: dict) -> list[Slot]:
    out = [Slot("odi.json", ("title",), False), Slot("odi.json", ("description",), True)]
    out += [Slot("odi.json", ("levels", i), False) for i, _ in enumerate(data["levels"])]
    seen = set()
    for di, dim in enumerate(data["dimensions"]):
        out += [Slot("odi.json", ("dimensions", di, "name"), False)]
        out += [Slot("odi.json", ("dimensions", di, "description"), True)]
        for ai, act in enumerate(dim["activities"]):
            if act["title"].casefold() not in seen:  # a repeat takes the first's text (see odi_with)
                out.append(Slot("odi.json", ("dimensions", di, "activities", ai, "title"), False))
            seen.add(act["title"].casefold())
            for qi, q in enumerate(act["questions"]):
                base = ("dimensions", di, "activities", ai, "questions", qi)
                out += [Slot("odi.json", (*base, "text"), True), Slot("odi.json", (*base, "context"), True)]
                out += [
                    Slot("odi.json", (*base, "statements", si, "text"), True) for si, _ in enumerate(q["statements"])
                ]
    return out


def odi_with(payloads: list[tuple[str, str]], first_number: int, markdown_only: bool = False) -> tuple[dict, list]:
    data = json.loads(ODI_FIXTURE.read_text(encoding="utf-8"))
    for dim in data["dimensions"]:
        dim["description"] = "A dimension."
    slots = odi_slots(data)
    if markdown_only:
        slots = [s for s in slots if s.markdown]
    placements = spread(slots, payloads, per_singleton=2, first_number=first_number)
    for p in placements:
        # A word before each payload: text that is nothing but HTML would import as empty text.
        p.text = f"Odi {p.text}"
    titles = [a["title"].casefold() for d in data["dimensions"] for a in d["activities"]]
    apply({"odi.json": data}, placements)
    # The same activity in several topics keeps one title, so the activities still cross the topics.
    first: dict[str, str] = {}
    for title, act in zip(titles, [a for d in data["dimensions"] for a in d["activities"]], strict=True):
        act["title"] = first.setdefault(title, act["title"])
    return data, placements


@pytest.fixture(scope="module")
def odi_build(tmp_path_factory) -> Built:
    """Payloads in every text of an ODI maturity-tool file, imported with `dmf import odi-json`, then built."""
    d = tmp_path_factory.mktemp("hostile-odi")
    data, placements = odi_with(shown_payloads(), 9001)
    source = d / "hostile.odi.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    imported = dmf("import", "odi-json", source, "--out", d / "framework", "--released", "2026-02-01")
    if imported.returncode != 0:
        return Built("odi", imported, d / "site", placements)
    run = build(d / "framework", empty_results(d / "results"), d / "site")
    return Built("odi", run, d / "site", placements)


KINDS = ["framework", "groups", "odi"]


@pytest.fixture
def built(request) -> Built:
    return request.getfixturevalue(f"{request.param}_build")


# ---------- the corpus itself ----------


def test_the_corpus_is_large_and_every_script_payload_signals():
    total = sum(len(v) for v in CORPUS.values())
    assert total >= 150, total
    wanted = {"script-tags", "event-handlers", "attr-lists", REFUSED, "raw-html", "template", "mkdocs-syntax"}
    wanted |= {"formulas", "maths", "braces", "long", "unicode", TOLERATED}
    assert wanted <= set(CORPUS)
    silent = [p for ps in CORPUS.values() for p in ps if SCRIPT_VECTOR.search(p) and not SIGNAL.search(p)]
    assert silent == [], "payloads that could run script but would not say so"
    assert len({p for ps in CORPUS.values() for p in ps}) == total, "duplicate payloads"
    prefixes = {p.lstrip(" \t\r")[:1] for p in CORPUS["formulas"]}
    assert {"=", "+", "-", "@"} <= prefixes
    assert any(p.startswith("\t") for p in CORPUS["formulas"]) and any(p.startswith("  ") for p in CORPUS["formulas"])
    assert max(len(p) for p in CORPUS["long"]) > 1000


def test_every_payload_lands_in_a_field_and_every_field_gets_several(framework_build):
    b = framework_build
    placed = {(p.category, p.payload) for p in b.placements}
    assert set(shown_payloads()) <= placed
    per_kind: dict[str, int] = {}
    for p in b.placements:
        per_kind[f"{p.slot.file.split('/')[0]}:{p.slot.kind}"] = (
            per_kind.get(f"{p.slot.file.split('/')[0]}:{p.slot.kind}", 0) + 1
        )
    few = {k: n for k, n in per_kind.items() if n < 2}
    assert few == {}, "fields with fewer than two payloads"
    assert len(per_kind) >= 25, sorted(per_kind)


# ---------- building ----------


@pytest.mark.parametrize("built", KINDS, indirect=True)
def test_hostile_input_builds_without_a_crash(built):
    assert "Traceback" not in built.run.output, built.run.tail()
    assert built.run.returncode == 0, built.run.tail()
    assert (built.site / "index.html").is_file()


@pytest.mark.parametrize("built", KINDS, indirect=True)
def test_no_page_or_chart_has_handlers_script_urls_or_raw_html(built):
    site = built.site_or_fail()
    problems = html_problems(site) + svg_problems(site)
    # One line per kind of problem, with how many pages have it: the navigation repeats a title on every page.
    grouped: dict[str, list[str]] = {}
    for line in problems:
        where, _, what = line.partition(": ")
        grouped.setdefault(what, []).append(where)
    lines = [
        f"{what}  [{len(wheres)}x: {', '.join(sorted(set(wheres))[:3])}{', ...' if len(set(wheres)) > 3 else ''}]"
        for what, wheres in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    assert problems == [], f"{len(problems)} problems of {len(lines)} kinds:\n" + "\n".join(lines[:80])


# ---------- in Chromium ----------


def drive_assessment(site: Path, orgs: list[str] | None = None):
    """On the self-assessment page: answer everything, plan a roadmap, compare, and open every view."""
    fw = json.loads((site / "framework.json").read_text(encoding="utf-8"))

    def on_page(page, rel: str, out: Sweep) -> None:
        if rel != "assessment/index.html":
            return
        page.wait_for_selector("#dmf-assessment[data-state=ready]", timeout=15000)
        first = fw["levels"][0]["number"]
        top = fw["levels"][-1]["number"]
        doc = {
            "format": "dmf-self-assessment",
            "formatVersion": 1,
            "framework": {"id": fw["id"], "version": fw["version"]},
            "answers": {q["id"]: first for t in fw["topics"] for q in t["questions"]},
            "notes": {t["id"]: f"A note on {t['id']}." for t in fw["topics"]},
            "roadmap": {"start": "2030-Q1", "targets": {t["id"]: top for t in fw["topics"]}, "owners": {}},
            "comparison": {"orgType": orgs[0] if orgs else None, "sizeBand": orgs[1] if orgs else None},
        }
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"dmf-self-assessment:{fw['id']}", json.dumps(doc)])
        page.reload(wait_until="load")
        page.wait_for_selector("#dmf-assessment[data-state=ready]", timeout=15000)
        texts = []
        for view in ("questions", "result", "roadmap", "compare", "save"):
            page.click(f"button[data-view={view}]")
            page.wait_for_selector(".dmf-loading", state="detached")  # data a view fetches when it opens
            page.evaluate(
                "() => document.querySelectorAll('.dmf-panel:not([hidden]) a, .dmf-panel:not([hidden]) [tabindex]')"
                ".forEach((e) => { e.focus(); e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); })"
            )
            texts.append(page.evaluate("() => document.getElementById('dmf-assessment').textContent"))
        page.evaluate(CHOOSE_EVERY_OPTION)
        out.texts["assessment (every view)"] = "\n".join(texts)

    return on_page


CHOOSE_EVERY_OPTION = """
() => {
  for (const s of document.querySelectorAll('#dmf-assessment select')) {
    for (const o of [...s.options].slice(0, 8)) {
      s.value = o.value;
      s.dispatchEvent(new Event('input', {bubbles: true}));
      s.dispatchEvent(new Event('change', {bubbles: true}));
    }
  }
}
"""


@pytest.fixture(scope="module")
def sweeps(browser, serve, framework_build, groups_build, odi_build) -> dict[str, Sweep]:
    out = {}
    orgs = {"groups": ["org_type:org-0", "size_band:small"], "framework": ["org_type:council", "size_band:small"]}
    for b in (framework_build, groups_build, odi_build):
        if b.run.returncode != 0:
            continue
        base = serve(b.site)
        out[b.kind] = sweep(
            browser, base, b.site, search=SEARCH_TERMS, on_page=drive_assessment(b.site, orgs.get(b.kind))
        )
    return out


@pytest.mark.browser
@pytest.mark.parametrize("built", KINDS, indirect=True)
def test_nothing_runs_on_any_page_or_chart(built, sweeps):
    built.site_or_fail()
    s = sweeps[built.kind]
    assert s.pages >= 20
    assert s.charts >= (1 if built.kind != "odi" else 0)
    found = summary(s.ran, built.placements)
    assert found == [], f"{len(found)} payloads ran or made elements:\n" + "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize("built", KINDS, indirect=True)
def test_titles_names_and_labels_read_as_text(built, sweeps):
    """Plain-text fields show exactly what was written; prose fields show HTML-like text as it was written."""
    built.site_or_fail()
    texts = {rel: norm(t) for rel, t in sweeps[built.kind].texts.items()}
    anywhere = "\n".join(texts.values())
    missing = []
    checked = 0
    for p in built.placements:
        if p.n >= 5000 and built.kind == "framework":
            continue  # version 1's text: only the What changed page and the old topic's redirect show it
        key = (p.slot.file, p.slot.path)
        if built.visible is not None and key not in built.visible:
            continue
        pages = sorted(built.visible[key] & set(texts)) if built.visible is not None else []
        want = norm(p.text)
        if not want:
            continue
        if built.kind == "odi":
            # The importer turns HTML into text on purpose; names that look like no HTML must arrive whole.
            if p.slot.markdown or re.search(r"<[a-zA-Z/!?]|&[#\w]+;", want):
                continue
        elif p.slot.markdown and not neutral(p.text):
            continue
        checked += 1
        wrong = (
            [rel for rel in pages if want not in texts[rel]] if pages else ([] if want in anywhere else ["anywhere"])
        )
        if wrong:
            missing.append(
                f"{p.where()}\n      not as written on {len(wrong)} of {max(1, len(pages))} page(s): {', '.join(wrong[:4])}"
            )
    assert checked >= (5 if built.kind == "odi" else 30), checked
    assert missing == [], f"{len(missing)} of {checked} texts do not read as written:\n" + "\n".join(missing[:80])


@pytest.mark.browser
def test_group_labels_read_as_text_in_the_charts(groups_build):
    site = groups_build.site_or_fail()
    text = norm(svg_text(site))
    missing = [
        p.where()
        for p in groups_build.placements
        if len(p.text) <= 60 and p.slot.path[0] != "rounds" and norm(p.text) not in text
    ]
    assert missing == [], "labels the charts do not show as written:\n" + "\n".join(missing)


@pytest.mark.browser
def test_hostile_pages_pass_axe(page, serve, framework_build):
    from axe_playwright_python.sync_playwright import Axe

    site = framework_build.site_or_fail()
    base = serve(site)
    page.context.add_init_script(WATCH)  # script payloads record their dialogs instead of opening them
    found = {}
    for path in ("/framework/", "/framework/topics/topic-0/"):
        page.goto(base + path, wait_until="load")
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
        bad = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x)" for v in result.response["violations"]]
        if bad:
            found[path] = bad
    assert found == {}


# ---------- workbooks ----------


def test_workbook_cells_from_text_are_text(framework_build):
    """Every cell that holds text in a plain build holds text, never a formula, when the text is hostile."""
    site = framework_build.site_or_fail()
    twin = framework_build.twin
    assert twin is not None
    [xlsx] = sorted((site / "assessment").glob("*.xlsx"))
    [twin_xlsx] = sorted((twin / "assessment").glob("*.xlsx"))
    [ods] = sorted((site / "assessment").glob("*.ods"))
    [twin_ods] = sorted((twin / "assessment").glob("*.ods"))

    plain_cells = {k for k, t in xlsx_cells(twin_xlsx).items() if t != "f"}
    formulas = xlsx_formulas(xlsx)
    bad = [
        f"XLSX sheet {s} {r},{c}: {v[:80]!r}" for (s, r, c), v in sorted(formulas.items()) if (s, r, c) in plain_cells
    ]
    twin_formulas = set(xlsx_formulas(twin_xlsx))
    bad += [
        f"XLSX sheet {s} {r},{c}: {v[:80]!r} (not a formula cell)"
        for (s, r, c), v in sorted(formulas.items())
        if (s, r, c) not in twin_formulas and (s, r, c) not in plain_cells
    ]

    twin_ods_cells = ods_cells(twin_ods)
    for key, (formula, vtype, text) in sorted(ods_cells(ods).items()):
        plain = twin_ods_cells.get(key, (None, None, ""))[0] is None
        if formula and plain:
            bad.append(f"ODS sheet {key[0]} {key[1]},{key[2]}: table:formula={formula[:80]!r}")
        if plain and text and vtype not in ("string", "float", None):
            bad.append(f"ODS sheet {key[0]} {key[1]},{key[2]}: value type {vtype} for text {text[:40]!r}")
    assert len(plain_cells) > 50
    assert bad == [], f"{len(bad)} cells from text became formulas:\n" + "\n".join(bad[:60])


# ---------- the self-assessment's CSV export ----------


FORMULA_START = re.compile(r"^[\s]*[=+\-@]")


def guard_problems(rows: list[list[str]]) -> list[str]:
    """A cell whose text a spreadsheet would run (= + - @, also after white space) must start with an apostrophe."""
    out = []
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if FORMULA_START.match(value) and not re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
                out.append(f"row {r} column {c}: {value[:60]!r}")
    return out


def export_csv(page) -> list[list[str]]:
    page.click("button[data-view=save]")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export as a spreadsheet (CSV)", exact=True).click()
    text = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.browser
def test_csv_export_guards_formulas_in_framework_text(page, serve, framework_build):
    site = framework_build.site_or_fail()
    fw = json.loads((site / "framework.json").read_text(encoding="utf-8"))
    base = serve(site)
    page.goto(base + "/assessment/")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    first, top = fw["levels"][0]["number"], fw["levels"][-1]["number"]
    doc = {
        "format": "dmf-self-assessment",
        "formatVersion": 1,
        "framework": {"id": fw["id"], "version": fw["version"]},
        "answers": {q["id"]: first + (i % 3) for t in fw["topics"] for i, q in enumerate(t["questions"])},
        "notes": {},
        "roadmap": {"start": "2030-Q1", "targets": {t["id"]: top for t in fw["topics"]}, "owners": {}},
        "comparison": {"orgType": None, "sizeBand": None},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"dmf-self-assessment:{fw['id']}", json.dumps(doc)])
    page.reload()
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    rows = export_csv(page)
    assert len(rows) > 20
    problems = guard_problems(rows)
    assert problems == [], "framework text a spreadsheet would run:\n" + "\n".join(problems[:40])


# ---------- disallowed links are refused ----------


@pytest.fixture(scope="module")
def refused_framework(tmp_path_factory) -> tuple[Path, list[Placement]]:
    """Links to javascript:, vbscript:, data: and other schemes in every prose field, changes.yml included."""
    d = tmp_path_factory.mktemp("refused")
    fw1, topics1 = base_framework()
    v1 = write_files(d / "v1", files_of(fw1, topics1))
    released = dmf("release", "--framework", v1)
    assert released.returncode == 0, released.tail()
    fw2, topics2, changes = second_version(fw1, topics1)
    slots = [s for s in framework_slots(fw2, topics2, changes) if s.markdown]
    links = [(REFUSED, p) for p in CORPUS[REFUSED]]
    # Each payload once, in fields spread over every file: framework.yml, each topic, changes.yml.
    by_file: dict[str, list[Slot]] = {}
    for s in slots:
        by_file.setdefault(s.file, []).append(s)
    chosen = interleave(by_file.values())[: len(links)]
    placements = [
        Placement(i + 1, s, REFUSED, p, numbered(p, i + 1, "x"))
        for i, (s, (_, p)) in enumerate(zip(chosen, links, strict=False))
    ]
    files = files_of(fw2, topics2, changes)
    apply(files, placements)
    framework = write_files(d / "framework", files)
    shutil.copytree(v1 / "releases", framework / "releases")
    return framework, placements


@pytest.mark.parametrize("command", ["validate", "build"])
def test_disallowed_links_are_refused_with_file_line_and_field(command, refused_framework, tmp_path):
    framework, placements = refused_framework
    args = ["--framework", framework, "--results", empty_results(tmp_path / "results")]
    if command == "build":
        args += ["--site-dir", tmp_path / "site", "--config", Path(__file__).parent.parent / "mkdocs.yml"]
    run = dmf(command, *args)
    assert "Traceback" not in run.output, run.tail()
    assert run.returncode != 0, run.tail()
    assert not (tmp_path / "site").exists()
    found = messages(run.stderr)
    unreported = []
    for p in placements:
        path = framework / p.slot.file
        first, last = yaml_lines(path, p.slot.path)
        hit = [
            m
            for m in found
            if reported_path(m["file"]) == path.resolve()
            and first <= int(m["line"]) <= last
            and field_matches(m["field"], p.slot.field)
        ]
        if not hit:
            unreported.append(f"{p.slot.file}:{first}: {p.slot.field}: {p.payload!r}")
    assert unreported == [], (
        f"{len(unreported)} of {len(placements)} links not refused as file:line: field: ...\n"
        + "\n".join(unreported)
        + "\n\n"
        + run.tail(1500)
    )


def test_script_links_in_titles_are_refused_or_shown_as_text(tmp_path):
    """Titles are plain text: a Markdown link in one is either refused or shown as the text it is."""
    fw, topics = base_framework()
    slots = [s for s in framework_slots(fw, topics) if not s.markdown]
    links = [(REFUSED, p) for p in CORPUS[REFUSED] if not multiline(p)]
    placements = spread(slots, links, per_singleton=1)
    files = files_of(fw, topics)
    apply(files, placements)
    framework = write_files(tmp_path / "framework", files)
    run = build(framework, empty_results(tmp_path / "results"), tmp_path / "site")
    assert "Traceback" not in run.output, run.tail()
    if run.returncode != 0:
        found = messages(run.stderr)
        assert found, run.tail()
        return
    problems = [p for p in html_problems(tmp_path / "site") if "href" in p or "src" in p]
    assert problems == [], "\n".join(problems[:40])


def test_control_characters_are_refused_or_kept_harmlessly(tmp_path):
    """C0 and C1 controls: refused with file:line, or kept without breaking a chart, a page or a terminal."""
    fw, topics = base_framework()
    controls = [(TOLERATED, p) for p in CORPUS[TOLERATED]]
    placements = spread(framework_slots(fw, topics), controls, per_singleton=1)
    files = files_of(fw, topics)
    apply(files, placements)
    framework = write_files(tmp_path / "framework", files)
    results = write_results(
        tmp_path / "results", groups_doc(ROUNDS, ORG_TYPES, SIZE_BANDS), question_ids(topics), "1.2.3"
    )
    run = build(framework, results, tmp_path / "site")
    assert "Traceback" not in run.output, run.tail()
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x9b]", run.output), "control characters reach the terminal"
    if run.returncode != 0:
        assert messages(run.stderr), run.tail()
        return
    site = tmp_path / "site"
    assert svg_problems(site) == []
    json.loads((site / "framework.json").read_text(encoding="utf-8"))
    from openpyxl import load_workbook

    for xlsx in (site / "assessment").glob("*.xlsx"):
        load_workbook(xlsx)


def test_odi_import_with_script_links_fails_cleanly_or_builds_inert(tmp_path):
    links = [(REFUSED, p) for p in CORPUS[REFUSED]]
    data, placements = odi_with(links, 1, markdown_only=True)
    source = tmp_path / "links.odi.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    run = dmf("import", "odi-json", source, "--out", tmp_path / "framework", "--released", "2026-02-01")
    assert "Traceback" not in run.output, run.tail()
    if run.returncode != 0:
        assert any(reported_path(m["file"]) == source.resolve() for m in messages(run.stderr)), run.tail()
        return
    built = build(tmp_path / "framework", empty_results(tmp_path / "results"), tmp_path / "site")
    assert "Traceback" not in built.output, built.tail()
    if built.returncode != 0:
        assert messages(built.stderr), built.tail()
        return
    problems = [p for p in html_problems(tmp_path / "site") if "href" in p or "src" in p]
    assert problems == [], f"the import kept {len(problems)} script links:\n" + "\n".join(problems[:40])


# ---------- the self-assessment: other people's files ----------


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory) -> tuple[Path, dict]:
    d = tmp_path_factory.mktemp("hostile-import")
    fw, topics = base_framework()
    framework = write_files(d / "framework", files_of(fw, topics))
    run = build(framework, empty_results(d / "results"), d / "site")
    assert run.returncode == 0, run.tail()
    return d / "site", json.loads((d / "site" / "framework.json").read_text(encoding="utf-8"))


NOTE_PAYLOADS = [
    p for cat in ("formulas", "script-tags", "event-handlers", "raw-html", "unicode", "template") for p in CORPUS[cat]
]


def hostile_doc(fw: dict) -> tuple[dict, dict[str, str], dict[str, str]]:
    topics = fw["topics"]
    first, top = fw["levels"][0]["number"], fw["levels"][-1]["number"]
    notes = {t["id"]: "\n".join(NOTE_PAYLOADS[i :: len(topics)])[:5000] for i, t in enumerate(topics)}
    owners_text = [p for p in NOTE_PAYLOADS if len(p) <= 200]
    owners = {}
    k = 0
    for t in topics:
        for lv in fw["levels"][:-1]:
            owners[f"{t['id']}:{lv['number']}"] = owners_text[k % len(owners_text)]
            k += 1
    doc = {
        "format": "dmf-self-assessment",
        "formatVersion": 1,
        "framework": {"id": fw["id"], "version": fw["version"]},
        "answers": {q["id"]: first for t in topics for q in t["questions"]},
        "notes": notes,
        "roadmap": {"start": "2030-Q1", "targets": {t["id"]: top for t in topics}, "owners": owners},
        "comparison": {"orgType": '<img src=x onerror="window.__dmf_pwned=1">', "sizeBand": "=1+1"},
    }
    return doc, notes, owners


def watch(page) -> list[str]:
    ran: list[str] = []

    def on_dialog(d):
        ran.append(f"a {d.type}({d.message!r}) dialog opened")
        d.dismiss()

    page.on("dialog", on_dialog)
    return ran


def pwned(page):
    return page.evaluate(FLAG)


def import_path(page, path: Path) -> None:
    page.click("button[data-view=save]")
    page.set_input_files("#dmf-import", str(path))


def open_assessment(page, base: str) -> None:
    page.set_default_timeout(10000)
    page.goto(base + "/assessment/")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")


@pytest.mark.browser
def test_imported_notes_owners_and_file_name_never_run_and_read_as_text(page, serve, plain_site, tmp_path):
    site, fw = plain_site
    ran = watch(page)
    open_assessment(page, serve(site))
    doc, notes, owners = hostile_doc(fw)
    path = tmp_path / '<img src=x onerror=alert(7)>"=1+1".json'
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_path(page, path)
    page.wait_for_selector(".dmf-success")
    assert path.name in page.locator(".dmf-success").inner_text()
    for view in ("questions", "result", "roadmap", "compare", "save"):
        page.click(f"button[data-view={view}]")
        page.evaluate(
            "() => document.querySelectorAll('#dmf-assessment *').forEach((e) => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))"
        )
    page.click("button[data-view=questions]")
    for i, (tid, note) in enumerate(notes.items()):
        page.locator(".dmf-section-button").nth(i).click()  # one topic at a time
        # A text box reads a carriage return as a line break; nothing else may change.
        assert page.input_value(f"#dmf-note-{tid}") == re.sub(r"\r\n?", "\n", note)
    page.click("button[data-view=roadmap]")
    for key, owner in owners.items():
        tid, level = key.split(":")
        field = page.locator(f"#dmf-owner-{tid}-{level}")
        if field.count():
            assert field.input_value() == owner
    assert page.locator("#dmf-assessment img, #dmf-assessment script, #dmf-assessment iframe").count() == 0
    assert ran == [] and pwned(page) is None, ran or pwned(page)


@pytest.mark.browser
@pytest.mark.parametrize("version", ["same", "older"])
def test_hostile_ids_in_an_imported_file_are_listed_as_text(version, page, serve, plain_site, tmp_path):
    site, fw = plain_site
    ran = watch(page)
    open_assessment(page, serve(site))
    ids = ['<img src=x onerror="alert(11)">', "<script>alert(12)</script>", "__proto__", "constructor", "=HYPERLINK(1)"]
    doc = {
        "format": "dmf-self-assessment",
        "formatVersion": 1,
        "framework": {"id": fw["id"], "version": fw["version"] if version == "same" else "0.0.1"},
        "answers": {i: 1 for i in ids},
        "notes": {i: "<b>note</b>" for i in ids},
        "roadmap": {"start": None, "targets": {}, "owners": {f"{i}:1": "<i>owner</i>" for i in ids}},
        "comparison": {"orgType": None, "sizeBand": None},
    }
    path = tmp_path / "ids.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    prototype = "() => Object.getOwnPropertyNames(Object.prototype).sort().join(' ')"
    before = page.evaluate(prototype)
    import_path(page, path)
    box = page.locator(".dmf-error, .dmf-success").first
    box.wait_for()
    shown = page.locator("#dmf-assessment").text_content()
    if version == "same":
        assert "could not be imported" in box.inner_text()
    listed = [i for i in ids if i in shown]
    assert len(listed) >= 2, shown[:2000]  # named as the text they are
    assert page.locator("#dmf-assessment :is(img, script, b, i)").count() == 0
    assert page.evaluate(prototype) == before, "an imported id changed Object.prototype"
    assert ran == [] and pwned(page) is None, ran or pwned(page)


@pytest.mark.browser
def test_csv_export_guards_formula_prefixes_also_after_spaces_and_tabs(page, serve, plain_site, tmp_path):
    site, fw = plain_site
    open_assessment(page, serve(site))
    doc, notes, owners = hostile_doc(fw)
    formulas = CORPUS["formulas"]
    doc["notes"] = {t["id"]: formulas[i] for i, t in enumerate(fw["topics"])}
    doc["roadmap"]["owners"] = {k: formulas[(i + 4) % len(formulas)] for i, k in enumerate(owners)}
    path = tmp_path / "formulas.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_path(page, path)
    page.wait_for_selector(".dmf-success")
    rows = export_csv(page)
    problems = guard_problems(rows)
    assert problems == [], "cells a spreadsheet would run:\n" + "\n".join(problems)
    # Guarding keeps the text: the apostrophe is the only change.
    cells = {c for row in rows for c in row}
    for note in doc["notes"].values():
        assert note in cells or "'" + note in cells, note
