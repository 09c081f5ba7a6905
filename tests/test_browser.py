"""The built site in real Chromium: axe-core finds no WCAG A/AA violations, and nothing leaves the origin."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.framework.load import load_framework

from .conftest import ROOT, search_offline

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWPORTS = {"wide": {"width": 1280, "height": 900}, "narrow": {"width": 320, "height": 720}}


def page_types() -> dict[str, str]:
    model = load_framework(ROOT / "framework")
    return {
        "home": "/",
        "overview": "/framework/",
        "topic": f"/framework/topics/{model.topics[0].id}/",
        "level": f"/framework/levels/{model.framework.levels[0].id}/",
        "file-format": "/reference/file-format/",
        "guide": "/guides/discovery/",
        "about": "/about/",
        "not-found": "/404.html",
    }


def violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result.response["violations"]
    ]


def violations_at(page, url: str, viewport: str, settle: str = "networkidle") -> list[str]:
    """Open url at one of VIEWPORTS once the page has settled, and list axe's WCAG A/AA violations."""
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(url)
    page.wait_for_load_state(settle)
    return violations(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(page_types()))
def test_axe_finds_no_violations(kind, viewport, page, serve, shipped_site):
    assert violations_at(page, serve(shipped_site) + page_types()[kind], viewport) == []


def test_no_request_leaves_the_origin(page, serve, shipped_site):
    base = serve(shipped_site)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in page_types().values():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    # Use search too: it loads its index and worker.
    page.goto(base + "/")
    page.keyboard.press("/")
    page.keyboard.type("quality")
    page.wait_for_selector(".md-search-result__item")
    off_site = [u for u in requests if not (u.startswith(base) or u.startswith("data:") or u.startswith("blob:"))]
    assert off_site == []
    assert len(requests) > len(page_types())


def test_search_works_offline(page, serve, shipped_site):
    assert "etention" in search_offline(page, serve(shipped_site), "retention")


def test_wide_tables_scroll_regions_are_keyboard_reachable(page, serve, shipped_site):
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS["narrow"])
    page.goto(base + "/framework/")
    region = page.locator(".md-typeset__scrollwrap").first
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label")


def test_guidance_reads_without_javascript(browser, serve, shipped_site):
    base = serve(shipped_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    model = load_framework(ROOT / "framework")
    topic = model.topics[0]
    page.goto(base + f"/framework/topics/{topic.id}/")
    text = page.locator("article").inner_text()
    assert topic.steps[0].milestone.split(".")[0] in text
    assert page.locator(f"#{topic.questions[0].id}").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_axe_finds_no_violations_in_search_results(viewport, page, serve, shipped_site):
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + "/framework/")
    page.keyboard.press("/")
    page.keyboard.type("data quality")
    page.locator(".md-search-result__item").first.wait_for()
    assert violations(page) == []


def test_axe_finds_no_violations_on_any_page(page, serve, shipped_site):
    # The page-type tests above cover both widths; this sweep makes sure no single page is left out.
    base = serve(shipped_site)
    pages = sorted(p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*.html"))
    found = {}
    for path in pages:
        problems = violations_at(page, f"{base}/{path}", "wide", settle="load")
        if problems:
            found[path] = problems
    assert len(pages) > 50
    assert found == {}


# Material keeps its search results focusable while search is closed, so that they are reachable by
# keyboard when it opens on a narrow screen (axe scrollable-region-focusable); that one stop is Material's.
MATERIAL_SEARCH_RESULTS = "md-search__scrollwrap"


def test_every_tab_stop_can_be_seen(page, serve, shipped_site):
    """Tabbing through a page never lands on something invisible (Material's one-entry palette did)."""
    page.goto(serve(shipped_site) + "/")
    hidden = []
    for _ in range(40):
        page.keyboard.press("Tab")
        box = page.evaluate(
            "(() => { const e = document.activeElement; if (!e || e === document.body) return null;"
            " const r = e.getBoundingClientRect(); return {w: r.width, h: r.height, html: e.outerHTML.slice(0, 80)}; })()"
        )
        if box is not None and (box["w"] < 1 or box["h"] < 1) and MATERIAL_SEARCH_RESULTS not in box["html"]:
            hidden.append(box["html"])
    assert hidden == []
