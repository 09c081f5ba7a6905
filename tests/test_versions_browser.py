"""Old addresses and the 'What changed' page in real Chromium: redirects without JavaScript, and axe finds nothing."""

from __future__ import annotations

import pytest

from .test_browser import VIEWPORTS, violations
from .test_versions_site import history_site  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_old_address_leads_to_the_new_page_without_javascript(browser, serve, history_site):  # noqa: F811
    base = serve(history_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for old in ("topic-2", "topic-renamed"):
            page.goto(f"{base}/framework/topics/{old}/")
            page.wait_for_url(f"{base}/framework/topics/topic-final/")
            assert page.locator("h1").first.inner_text().startswith("Topic 2, final")
        page.goto(f"{base}/framework/topics/topic-0/")  # split: the reader chooses, by keyboard too
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "../topic-0a/"
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/framework/topics/topic-0a/")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
@pytest.mark.parametrize("path", ["topic-2", "topic-0", "topic-3"], ids=["moved", "split", "removed"])
def test_redirect_pages_pass_axe(path, viewport, page, serve, history_site):  # noqa: F811
    base = serve(history_site)
    # Hold the reader on the page itself: a browser stays put when the refresh is answered 204 No Content.
    page.route("**/framework/topics/topic-final/", lambda route: route.fulfill(status=204))
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{base}/framework/topics/{path}/")
    page.wait_for_load_state("load")
    assert page.url == f"{base}/framework/topics/{path}/"
    assert violations(page) == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_what_changed_page_passes_axe(viewport, page, serve, history_site):  # noqa: F811
    base = serve(history_site)
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{base}/reference/what-changed/")
    page.wait_for_load_state("networkidle")
    assert "Version 3.0.0" in page.locator("article").inner_text()
    assert violations(page) == []
