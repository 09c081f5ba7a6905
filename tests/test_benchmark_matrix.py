"""The benchmarks overview matrix: published figures in every cell, shades that never carry meaning alone,
a real table that fits at 1280 px and scrolls by keyboard at 320 px, the reader's own group marked, axe."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from generator.framework.load import load_framework
from generator.site.benchmark_matrix import SHADES, shade

from .conftest import ROOT, build
from .factory import make_framework
from .test_assessment_browser import WCAG_TAGS, focused, tab_until
from .test_benchmarks import suppression_results
from .test_browser import VIEWPORTS

OVERVIEW = "/benchmarks/"
HOSTILE = '<img src=x onerror="window.__dmf_pwned=1">Police & "co"'
PALETTES = {"light": "default", "dark": "slate"}


# ---------- reading the built page ----------


class _Tables(HTMLParser):
    """Every matrix on a page: its id, caption, column headers and rows of (header, cells)."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._cell: dict | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "dmf-m" in (a.get("class") or ""):
            self.tables.append({"id": a["id"], "caption": "", "head": [], "rows": []})
        elif not self.tables:
            return
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self._cell = {"tag": tag, **a, "text": ""}
            self.tables[-1]["rows"][-1].append(self._cell)
        elif tag == "span" and "hidden" in a and self._cell is not None:
            self._cell["skip"] = True  # the "(your group)" mark, hidden until chosen

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td"):
            self._cell = None
        elif tag == "span" and self._cell is not None:
            self._cell.pop("skip", None)

    def handle_data(self, data):
        if self._in_caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None and not self._cell.get("skip"):
            self._cell["text"] += data


def matrices(html: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def words(text: str) -> str:
    return " ".join(text.split())


def cell_count(site: Path, framework: Path, group_kind: str | None = None) -> int:
    """How many cells the matrices hold: rounds x topics x columns (everyone appears in each kind's matrix)."""
    data = json.loads((site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    kinds = [k for k in {g["kind"] for g in data["groups"]} - {"all"} if group_kind in (None, k)]
    columns = sum(1 + sum(g["kind"] == k for g in data["groups"]) for k in kinds)
    return len(data["rounds"]) * len(load_framework(framework).topics) * (columns if group_kind is None else 1)


def expected_text(cell: dict) -> str:
    """What a cell must print: the data's own label when hidden, else the median and the middle half."""
    if cell["suppressed"]:
        return cell["note"]
    middle = f"({cell['q1']})" if cell["q1"] == cell["q3"] else f"({cell['q1']} to {cell['q3']})"
    return f"{cell['median']} {middle}"


def check_every_cell(site: Path, framework: Path) -> int:
    """Every topic and group of every round has its matrix cell, printing the published figure; cells checked."""
    data = json.loads((site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    model = load_framework(framework)
    tables = {t["id"]: t for t in matrices((site / "benchmarks" / "index.html").read_text(encoding="utf-8"))}
    cells = {(c["topic"], c["group"], c["round"]): c for c in data["cells"] if c["crossing"] is None}
    titles = {t.title: t.id for t in model.topics}
    checked = 0
    for rnd in data["rounds"]:
        for kind, anchor in (("org_type", "by-org-type"), ("size_band", "by-size-band")):
            table = tables.pop(f"matrix-{rnd['id']}-{anchor}")
            groups = [g for g in data["groups"] if g["kind"] in ("all", kind)]
            head, *rows = table["rows"]
            assert [words(c["text"]) for c in head] == ["Topic"] + [g["label"] for g in groups]
            assert all(c.get("scope") == "col" for c in head)
            assert rnd["label"] in table["caption"]
            topic_rows = [r for r in rows if r[0].get("scope") == "row"]
            themes = [words(r[0]["text"]) for r in rows if r[0].get("scope") == "rowgroup"]
            assert themes == [th.title for th in model.framework.themes]
            assert [titles[words(r[0]["text"])] for r in topic_rows] == [
                t for th in model.framework.themes for t in th.topics
            ]
            for row in topic_rows:
                topic = titles[words(row[0]["text"])]
                assert [c["data-group"] for c in row[1:]] == [g["id"] for g in groups]
                for c, g in zip(row[1:], groups, strict=True):
                    published = cells[(topic, g["id"], rnd["id"])]
                    assert words(c["text"]) == expected_text(published), (topic, g["id"], rnd["id"])
                    if published["suppressed"]:
                        assert c["class"] == "dmf-m__hidden"
                    else:
                        assert c["class"] == f"dmf-shade-{shade(published['median'], data['levels'])}"
                    checked += 1
    assert tables == {}  # no other matrix
    return checked


# ---------- sites ----------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """Three topics, hidden groups (police under 10, NHS hidden with it), and a group label that looks like HTML."""
    tmp = tmp_path_factory.mktemp("matrix")
    fw = make_framework(tmp / "framework", topics=3, questions=2, crossing=True)
    results = suppression_results(tmp / "results", load_framework(fw))
    groups = yaml.safe_load((results / "groups.yml").read_text(encoding="utf-8"))
    groups["org_types"][2]["label"] = HOSTILE
    (results / "groups.yml").write_text(yaml.safe_dump(groups, sort_keys=False), encoding="utf-8")
    return build(fw, tmp / "site")


# ---------- without a browser ----------


def test_every_topic_and_group_shows_its_published_figure_or_the_data_label(shipped_site, hostile_site):
    assert check_every_cell(shipped_site, ROOT / "framework") == cell_count(shipped_site, ROOT / "framework")
    assert check_every_cell(hostile_site, hostile_site.parent / "framework") == 2 * 3 * (1 + 3 + 1 + 2)
    html = (shipped_site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert "Synthetic data: not real results" in html and "(synthetic data)</caption>" in html


def test_hidden_cells_print_whatever_label_the_data_gives(hostile_site):
    data = json.loads((hostile_site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    hidden = {c["group"] for c in data["cells"] if c["suppressed"]}
    assert hidden == {"org_type:police", "org_type:nhs-body"}
    html = (hostile_site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    notes = re.findall(r'<td class="dmf-m__hidden" data-group="[^"]+"><span class="dmf-m__note">([^<]+)<', html)
    assert notes and set(notes) == {c["note"] for c in data["cells"] if c["suppressed"]}


def test_group_labels_are_text_in_the_matrix(hostile_site):
    html = (hostile_site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert "<img" not in html[html.index("<article") : html.index("</article>")]
    assert "&lt;img src=x onerror=&quot;window.__dmf_pwned=1&quot;&gt;Police &amp; &quot;co&quot;" in html


def test_the_overview_is_deterministic(hostile_site, tmp_path):
    again = build(hostile_site.parent / "framework", tmp_path / "site", hostile_site.parent / "results")
    for page in ("index.html", "topics/topic-0/index.html"):
        assert (again / "benchmarks" / page).read_bytes() == (hostile_site / "benchmarks" / page).read_bytes()


def _palettes() -> dict[str, dict[str, str]]:
    """The matrix's colours in each palette, read from dmf.css: the dark palette overrides the light one."""
    css = (ROOT / "site_src" / "assets" / "dmf.css").read_text(encoding="utf-8")
    blocks = {"default": r":root\s*\{([^}]*)\}", "slate": r'\[data-md-color-scheme="slate"\]\s*\{([^}]*)\}'}
    found = {name: "\n".join(re.findall(pattern, css)) for name, pattern in blocks.items()}
    light = dict(re.findall(r"(--dmf-[\w-]+):\s*(#[0-9a-f]{6})", found["default"]))
    return {"default": light, "slate": light | dict(re.findall(r"(--dmf-[\w-]+):\s*(#[0-9a-f]{6})", found["slate"]))}


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("palette", PALETTES.values())
def test_every_shade_prints_its_figure_at_4_5_to_1(palette):
    colours = _palettes()[palette]
    css = (ROOT / "site_src" / "assets" / "dmf.css").read_text(encoding="utf-8")
    assert sorted(set(re.findall(r"\.dmf-shade-(\d+) \{", css))) == [str(i) for i in range(SHADES)]
    pairs = [(f"--dmf-shade-{i}-fg", f"--dmf-shade-{i}-bg") for i in range(SHADES)] + [
        ("--dmf-note-fg", "--dmf-note-bg")
    ]
    ratios = {fg: _contrast(colours[fg], colours[bg]) for fg, bg in pairs}
    assert all(r >= 4.5 for r in ratios.values()), ratios
    # Light to dark in order, so "the darker the cell, the higher the level" holds in both palettes.
    shades = [_contrast(colours[f"--dmf-shade-{i}-bg"], "#ffffff") for i in range(SHADES)]
    assert shades == sorted(shades) and len(set(shades)) == SHADES


def test_shades_run_from_the_lowest_level_to_the_highest():
    assert [shade(lv, [1, 2, 3, 4, 5]) for lv in (1, 2, 3, 4, 5)] == [0, 1, 2, 3, 4]
    assert [shade(lv, [0, 1, 2]) for lv in (0, 1, 2)] == [0, 2, 4]
    seven = [shade(lv, list(range(1, 8))) for lv in range(1, 8)]
    assert seven == sorted(seven) and seven[0] == 0 and seven[-1] == SHADES - 1


# ---------- in Chromium ----------


def open_overview(page, base: str, viewport: str | dict = "wide", palette: str = "default") -> None:
    page.set_viewport_size(VIEWPORTS[viewport] if isinstance(viewport, str) else viewport)
    page.goto(base + OVERVIEW)
    page.wait_for_load_state("networkidle")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", palette)
    page.evaluate("() => document.querySelectorAll('details.dmf-round').forEach(d => { d.open = true; })")


@pytest.mark.browser
def test_at_1280_the_matrix_fits_the_content_width(page, serve, shipped_site):
    open_overview(page, serve(shipped_site), {"width": 1280, "height": 800})
    widths = page.eval_on_selector_all(".dmf-matrix", "els => els.map(e => [e.scrollWidth, e.clientWidth])")
    assert len(widths) == 4 and all(w[1] > 600 for w in widths)
    assert all(scroll <= client for scroll, client in widths), widths
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    clipped = page.eval_on_selector_all(
        ".dmf-m th, .dmf-m td", "els => els.filter(e => e.scrollWidth > e.clientWidth).length"
    )
    assert clipped == 0


@pytest.mark.browser
def test_at_320_each_matrix_scrolls_in_a_named_region_by_keyboard(page, serve, shipped_site):
    open_overview(page, serve(shipped_site), "narrow")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    clipped = page.eval_on_selector_all(
        ".dmf-m th, .dmf-m td", "els => els.filter(e => e.scrollWidth > e.clientWidth).length"
    )
    assert clipped == 0
    caption = page.locator(".dmf-m caption").first.inner_text()
    region = page.get_by_role("region", name=caption, exact=True)
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    tab_until(page, lambda f: f["tag"] == "DIV" and region.evaluate("e => e === document.activeElement"))
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1", arg=region.element_handle())
    last = region.evaluate(
        "e => { const c = e.querySelector('thead th:last-child').getBoundingClientRect();"
        " const r = e.getBoundingClientRect(); return [c.right, r.right, e.scrollLeft]; }"
    )
    assert last[2] > 0 and last[0] <= last[1] + 1  # the last column can be brought fully into view


@pytest.mark.browser
def test_choosing_your_group_by_keyboard_marks_its_column_in_text(page, serve, shipped_site):
    base = serve(shipped_site)
    open_overview(page, base)
    data = json.loads((shipped_site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    first = next(g for g in data["groups"] if g["kind"] == "org_type")
    tab_until(page, lambda f: f["id"] == "dmf-mine-by-org-type")
    page.keyboard.press("ArrowDown")
    assert page.locator("#dmf-mine-by-org-type").input_value() == first["id"]

    def marked() -> dict[str, list[str]]:
        return page.eval_on_selector_all(
            ".dmf-m thead th.dmf-m--mine",
            "els => els.map(e => [e.dataset.group, e.innerText.replace(/\\s+/g, ' ').trim()])",
        )

    assert marked() == [[first["id"], f"{first['label']} (your group)"]] * 2  # both rounds' tables by org type
    column = page.locator(f'.dmf-m td[data-group="{first["id"]}"]')
    rows = cell_count(shipped_site, ROOT / "framework", "org_type")  # one cell per topic and round
    assert column.count() == rows and page.locator(".dmf-m td.dmf-m--mine").count() == rows
    assert column.first.evaluate("e => getComputedStyle(e).boxShadow") != "none"  # a rule down the column
    status = page.get_by_role("status")
    assert status.inner_text() == f"{first['label']} is marked as your group in every table."
    assert focused(page)["id"] == "dmf-mine-by-org-type"  # focus stays where the reader is

    page.reload()  # the choice stays in this browser
    page.wait_for_load_state("networkidle")
    assert page.locator("#dmf-mine-by-org-type").input_value() == first["id"] and len(marked()) == 2
    page.locator("#dmf-mine-by-org-type").focus()
    page.keyboard.press("ArrowUp")
    assert marked() == [] and page.get_by_role("status").inner_text() == "No type of organisation is marked."


@pytest.mark.browser
def test_without_javascript_the_matrix_is_complete_and_the_chooser_absent(browser, serve, shipped_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(shipped_site) + OVERVIEW)
    assert not page.locator("form.dmf-mine").is_visible()
    for summary in page.locator("details.dmf-round summary").all():
        summary.click()  # earlier rounds open without JavaScript
    cells = page.locator(".dmf-m td")
    assert cells.count() == cell_count(shipped_site, ROOT / "framework")
    assert all(t.strip() for t in cells.all_inner_texts())  # every cell prints its figure or label
    data = json.loads((shipped_site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    notes = {c["note"] for c in data["cells"] if c["suppressed"]}
    assert notes and all(page.locator("article").inner_text().count(n) > 1 for n in notes)
    context.close()


@pytest.mark.browser
def test_hostile_group_label_never_runs(page, serve, hostile_site):
    open_overview(page, serve(hostile_site))
    page.select_option("#dmf-mine-by-org-type", "org_type:police")
    assert page.evaluate("window.__dmf_pwned") is None
    assert HOSTILE in page.locator(".dmf-m thead").first.inner_text()
    assert HOSTILE + " is marked as your group" in page.get_by_role("status").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violations_in_the_matrix(viewport, palette, page, serve, shipped_site):
    open_overview(page, serve(shipped_site), viewport, PALETTES[palette])
    page.select_option("#dmf-mine-by-org-type", "org_type:local-authority")
    page.select_option("#dmf-mine-by-size-band", "size_band:small")
    # The dark palette is checked on what this page adds; the rest of the site is styled for it elsewhere.
    context = None if palette == "light" else {"include": [[".dmf-matrix"], [".dmf-legend"], [".dmf-mine"]]}
    result = Axe().run(page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = [f"{v['id']}: {v['help']} e.g. {v['nodes'][0]['target']}" for v in result.response["violations"]]
    assert found == []
    assert result.response["passes"]  # axe looked at the matrix
