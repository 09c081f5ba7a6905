"""The benchmark pages of the shipped site in real Chromium: axe-core, charts, narrow screens, no JavaScript."""

from __future__ import annotations

import pytest

from generator.framework.load import load_framework

from .conftest import ROOT
from .test_browser import VIEWPORTS, violations_at

pytestmark = pytest.mark.browser


def benchmark_pages() -> dict[str, str]:
    model = load_framework(ROOT / "framework")
    return {
        "overview": "/benchmarks/",
        "topic": f"/benchmarks/topics/{model.topics[0].id}/",
        "methodology": "/benchmarks/methodology/",
        "data": "/benchmarks/data/",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(benchmark_pages()))
def test_axe_finds_no_violations(kind, viewport, page, serve, shipped_site):
    assert violations_at(page, serve(shipped_site) + benchmark_pages()[kind], viewport) == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_chart_loads_fits_the_screen_and_has_a_text_and_table_equivalent(viewport, page, serve, shipped_site):
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(base + benchmark_pages()["topic"])
    page.wait_for_load_state("networkidle")
    figure = page.locator("article figure").first
    img = figure.locator("img")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")
    assert "spread of levels by peer group" in img.get_attribute("alt")
    box = img.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
    assert "respondents had a level" in figure.locator("figcaption").inner_text()
    table = page.locator("article table").first
    assert "Peer group" in table.locator("thead").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]


def test_keyboard_reaches_the_scrolling_tables(page, serve, shipped_site):
    base = serve(shipped_site)
    page.set_viewport_size(VIEWPORTS["narrow"])
    page.goto(base + benchmark_pages()["overview"])
    page.wait_for_load_state("networkidle")
    region = page.locator("article .dmf-matrix").first  # the overview's matrices scroll in their own region
    for _ in range(400):  # past the skip link, header, search and every navigation link
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement || el.contains(document.activeElement)"):
            break
    else:
        pytest.fail("Tab never reached the first benchmark table")
    before = region.evaluate("el => el.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, x]) => el.scrollLeft > x", arg=[region.element_handle(), before])


def test_figures_read_without_javascript(browser, serve, shipped_site):
    base = serve(shipped_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + benchmark_pages()["topic"])
    text = page.locator("article").inner_text()
    assert "Synthetic data: not real results" in text
    assert "All respondents" in text and "Middle level" in text
    assert page.locator("article table").count() >= 3
    context.close()
