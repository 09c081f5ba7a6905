"""Shared fixtures: real builds of real sites, and a real Chromium to look at them."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from generator.build import build_site
from generator.inputs import load_inputs
from generator.site.content import content

ROOT = Path(__file__).resolve().parent.parent


def build(framework: Path, site: Path, results: Path | None = None) -> Path:
    """A real mkdocs build of the project's site_src with the given framework."""
    cwd = os.getcwd()
    os.chdir(ROOT)  # mkdocs.yml names site_src relative to itself; keep messages' paths short too
    try:
        # Results sit beside the framework they answer; a factory framework in tmp_path has none.
        inputs = load_inputs(framework, results or framework.parent / "results")
        build_site(content(inputs), site, ROOT / "mkdocs.yml")
    finally:
        os.chdir(cwd)
    return site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    return build(ROOT / "framework", tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def plain_site(tmp_path_factory) -> Path:
    """A small factory framework (3 topics of 3 questions) with no results, shared by the browser tests."""
    from .factory import framework_dict, write_framework

    d = tmp_path_factory.mktemp("plain")
    write_framework(d / "fw", *framework_dict(topics=3, questions=3))
    (d / "results").mkdir()
    return build(d / "fw", d / "site", d / "results")


@pytest.fixture(scope="session")
def plain_model(plain_site):
    from generator.framework.load import load_framework

    return load_framework(plain_site.parent / "fw")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def serve():
    """Serve a built site on localhost; returns a function site_dir -> base URL."""
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing Chromium fails the run unless skipping is asked for."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("DMF_SKIP_BROWSER") == "1":
            pytest.skip("DMF_SKIP_BROWSER=1: browser tests skipped on request")
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium (make test does this as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


_CODED = re.compile(r"^(.*) \[([a-z0-9]+(?:-[a-z0-9]+)*)\]$")


def without_codes(lines: list[str], *, coded: int | None = None) -> list[str]:
    """Printed problem lines without their trailing [code], checking every code is a listed one.

    coded: how many of the first lines are problems, each of which must carry a code.
    """
    from generator.yamlio.problems import CODES

    out = []
    for i, line in enumerate(lines):
        m = _CODED.match(line)
        if m:
            assert m.group(2) in CODES, f"unlisted problem code in: {line}"
            out.append(m.group(1))
        else:
            assert coded is None or i >= coded, f"a problem without a code: {line}"
            out.append(line)
    return out


def search_offline(page, base: str, query: str) -> str:
    """Type a query into the site's search with every other host blocked; the first result's text."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page.goto(base + "/")
    page.keyboard.press("/")
    page.keyboard.type(query)
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    return first.inner_text()
