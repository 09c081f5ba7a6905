"""The engine seam: the only module that runs the site engine (mkdocs with Material today).

Everything else hands it a SiteContent. Swapping the engine (Material reaches its end of life in
May 2027) touches this module and the mkdocs glue in generator/plugin.py, nothing else. Zensical,
Material's successor, is the second engine already: `dmf build --engine zensical` (engine_zensical.py).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path

from generator.site.project import PLUGIN, EngineError, write_project
from generator.site.site_content import SiteContent

__all__ = ["EngineError", "InputsBroken", "build", "error_page", "serve", "write_project"]

log = logging.getLogger("dmf")
ENGINES = ("mkdocs", "zensical")


class InputsBroken(Exception):
    """The preview's inputs have problems; each line is one problem (file:line: field: message)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def error_page(lines: list[str]) -> str:
    """What the preview shows while the inputs are broken; it looks again every two seconds."""
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="refresh" content="2"><title>The preview cannot be built</title>'
        "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "color:#0b0c0c}code{white-space:pre-wrap;word-break:break-word}li{margin:.5rem 0}</style></head>"
        f"<body><main><h1>The preview cannot be built</h1><p>{len(lines)} problem(s) in the inputs. "
        "Fix them and this page shows the site again by itself.</p>"
        f"<ol>{items}</ol></main></body></html>\n"
    )


def _config(config_file: Path, site_dir: Path, content: SiteContent | None, **options):
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), **options)
    if content is not None:
        config.plugins[PLUGIN].content = content  # the plugin publishes what it is given, reading nothing
    return config


def build(config_file: Path, site_dir: Path, content: SiteContent, engine: str = "mkdocs") -> None:
    """Build the site into site_dir (strictly: any warning fails the build) with one of ENGINES."""
    if engine == "zensical":
        from generator.site import engine_zensical

        engine_zensical.build(config_file, site_dir, content)
        return
    if engine != "mkdocs":
        raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    try:
        mkdocs_build(_config(config_file, site_dir, content, strict=True))
    except MkDocsException as err:
        raise EngineError(str(err)) from None


def serve(config_file: Path, dev_addr: str, load: Callable[[], SiteContent], watch: list[Path]) -> None:
    """A live preview: rebuild with load()'s content whenever a watched folder or the docs change."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="dmf-serve-"))
    host, _, port = dev_addr.rpartition(":")

    def builder(config=None) -> None:
        log.info("Building the preview ...")
        try:
            fresh = load()
        except InputsBroken as err:
            # The browser gets an answer (every address, through the 404 page) instead of a hanging request.
            log.error("%s problem(s) in the inputs:\n%s", len(err.lines), err)
            shutil.rmtree(site_dir, ignore_errors=True)
            site_dir.mkdir(parents=True, exist_ok=True)
            for name in ("index.html", "404.html"):
                (site_dir / name).write_text(error_page(err.lines), encoding="utf-8")
            return
        config = _config(config_file, site_dir, fresh, dev_addr=dev_addr)
        config.site_url = f"http://{dev_addr}/"
        mkdocs_build(config, serve_url=config.site_url)

    config = _config(config_file, site_dir, None, dev_addr=dev_addr)
    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(site_dir))

    def error_handler(code: int) -> bytes | None:
        page = site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = error_handler
    try:
        builder()
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        for folder in watch:
            if folder.exists():
                server.watch(str(folder))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down ...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
