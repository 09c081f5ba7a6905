"""The self-assessment page's weight: what a browser downloads to open it, gzipped.

    python -m devtools.bench_assessment SITE_DIR      prints the weight as JSON, response by response

`make bench` measures it in Chromium (DMF_CHROMIUM, default /usr/bin/chromium, through Playwright): the
built page is loaded from a local HTTP server, and every response the page makes is counted except
the search index, each body gzipped at level 9 (the local server does not compress). The file-based
sizes below (payload_sizes) are what the tests hold to PAYLOAD_BUDGET; they are not part of the bench.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
from pathlib import Path

from devtools.chromium import CHROMIUM, CHROMIUM_ARGS
from generator.site import paths

# The page's own JavaScript, CSS and data, gzipped: the budget the self-assessment was built to (tests).
PAYLOAD_BUDGET = 100 * 1024
# Everything the page downloads in a browser, theme included, gzipped, search index left out (bench).
PAGE_WEIGHT_BUDGET = 120_000
ASSETS_DIR = "assets/assessment"  # the page's ES modules: main.js and everything it imports
STYLES = "assets/assessment.css"
SEARCH_INDEX = "search/search_index.json"


def assets(site_dir: Path) -> list[str]:
    """What the page loads beyond the theme: every module of the self-assessment, and its styles."""
    modules = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / ASSETS_DIR).glob("*.js"))
    return [*modules, STYLES]


def payload_sizes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzipped bytes of what the self-assessment page loads beyond the theme: its script, styles and data."""
    out = {}
    for rel in (*assets(site_dir), paths.ASSESSMENT_JSON, paths.ASSESSMENT_STEPS_JSON, paths.BENCHMARKS_JSON):
        path = site_dir / rel
        if path.is_file():
            data = path.read_bytes()
            out[rel] = (len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def page_weight(site_dir: Path, chromium: str = CHROMIUM) -> dict:
    """Load the self-assessment page in Chromium; every response it makes but the search index, gzipped."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    responses = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context()
                context.on("response", lambda r: responses.append(r))  # the context sees its workers too
                page = context.new_page()
                page.goto(base + paths.url(paths.ASSESSMENT), wait_until="networkidle")
                page.wait_for_timeout(500)  # anything the scripts ask for once they have run
                rows = []
                for response in responses:
                    path = response.url.removeprefix(base)
                    try:
                        body = response.body()
                    except Exception:  # a redirect has no body
                        body = b""
                    gzipped = len(gzip.compress(body, compresslevel=9, mtime=0)) if body else 0
                    rows.append({"path": path, "status": response.status, "bytes": len(body), "gzipped": gzipped})
                context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    counted = [r for r in rows if r["path"].split("?")[0] != SEARCH_INDEX]
    return {
        "gzipped": sum(r["gzipped"] for r in counted),
        "bytes": sum(r["bytes"] for r in counted),
        "responses": len(counted),
        "left_out": [r["path"] for r in rows if r["path"].split("?")[0] == SEARCH_INDEX],
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m devtools.bench_assessment SITE_DIR", file=sys.stderr)
        return 2
    print(json.dumps(page_weight(Path(args[0])), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
