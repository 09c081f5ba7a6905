"""The engine seam: the only module that runs the site engine (mkdocs with Material today).

Everything else hands it a SiteContent. Swapping the engine (Material reaches its end of life in
May 2027) touches this module and the mkdocs glue in generator/plugin.py, nothing else. Zensical,
Material's successor, is the second engine already: `dmf build --engine zensical` (engine_zensical.py).
"""

from __future__ import annotations

import copy
import logging
import shutil
import signal
import tempfile
import threading
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


# mkdocs serve looks for changed files every 0.5 s; a look at the shipped inputs takes under a millisecond,
# so the preview looks five times as often and starts rebuilding sooner after a save.
POLL_SECONDS = 0.1

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(folders: list[Path]) -> Fingerprint:
    """Every file under folders as (path, size, modification time in ns): equal means none was written."""
    found = []
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in paths:
            try:
                st = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            if path.is_file():
                found.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(found)


class Loader:
    """load(), but the previous content again while no file under the watched folders was written.

    A change to site_src/ or mkdocs.yml alone leaves the framework and results as they were, and the
    content is made from those alone: reading and checking them again would give the same content.
    Broken inputs are never remembered, so they are read again on every rebuild until they are fixed.
    """

    def __init__(self, load: Callable[[], SiteContent], folders: list[Path]):
        self._load, self._folders = load, folders
        self._seen: tuple[Fingerprint, SiteContent] | None = None

    def __call__(self) -> SiteContent:
        now = fingerprint(self._folders)  # taken before reading, so a write during load() is seen next time
        if self._seen is not None and self._seen[0] == now:
            log.info("The framework and results have not changed since the last build: their pages are reused")
            return self._seen[1]
        self._seen = None
        fresh = self._load()
        self._seen = (now, fresh)
        return fresh


class Reuse:
    """What a preview rebuild takes from the one before: compiled theme templates and rendered pages.

    Both are keyed by everything that makes them (a template's source; a page's Markdown, its place,
    every file's address and the Markdown settings), so the site is byte for byte what a full build
    makes. A page whose rendering logged anything is rendered again every time, so its warnings are too.
    """

    def __init__(self) -> None:
        import jinja2

        class Templates(jinja2.BytecodeCache):
            def __init__(self) -> None:
                self.code: dict[str, bytes] = {}

            def load_bytecode(self, bucket) -> None:
                if (code := self.code.get(bucket.key)) is not None:
                    bucket.bytecode_from_string(code)  # jinja checks the source's checksum itself

            def dump_bytecode(self, bucket) -> None:
                self.code[bucket.key] = bucket.bytecode_to_string()

        self.templates = Templates()
        self.pages: dict[tuple, tuple] = {}  # the last build's renders; older ones are dropped
        self.reused = self.rendered = 0

    def build(self, config, serve_url: str) -> None:
        """mkdocs' build of config, reusing what it can; restores mkdocs as it was afterwards."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.structure.pages import Page

        get_env, render = config.theme.get_env, Page.render
        settings = repr((config.markdown_extensions, config.mdx_configs, config.validation, config.use_directory_urls))
        previous, self.pages = self.pages, {}
        addresses: dict[int, tuple] = {}  # id(files) -> every file's addresses, worked out once per build
        self.reused = self.rendered = 0

        def env():
            made = get_env()
            made.bytecode_cache = self.templates
            return made

        def cached_render(page, config, files) -> None:
            if id(files) not in addresses:
                addresses[id(files)] = tuple((f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files)
            f = page.file
            key = (page.markdown, f.src_uri, f.dest_uri, f.url, addresses[id(files)], settings)
            if key in previous:
                self.pages[key] = previous[key]
                content, toc, title, anchors, links = previous[key]
                page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
                page.present_anchor_ids = set(anchors)
                if links is not None:
                    page.links_to_anchors = {files.get_file_from_path(s): dict(a) for s, a in links.items()}
                self.reused += 1
                return
            with _Logged() as logged:
                render(page, config, files)
            self.rendered += 1
            if not logged.records:
                links = page.links_to_anchors
                self.pages[key] = (
                    page.content,
                    copy.deepcopy(page.toc),
                    page._title_from_render,
                    frozenset(page.present_anchor_ids or ()),
                    None if links is None else {linked.src_uri: dict(a) for linked, a in links.items()},
                )

        config.theme.get_env = env
        Page.render = cached_render
        try:
            mkdocs_build(config, serve_url=serve_url)
        finally:
            Page.render = render
            del config.theme.get_env


class _Logged(logging.Handler):
    """Every record logged while it is open, by mkdocs or Markdown."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> _Logged:
        for name in ("", "mkdocs", "MARKDOWN"):
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in ("", "mkdocs", "MARKDOWN"):
            logging.getLogger(name).removeHandler(self)


def preview_build(config_file: Path, site_dir: Path, content: SiteContent, dev_addr: str, reuse: Reuse) -> None:
    """One preview build of content into site_dir, as `mkdocs serve` builds, reusing what reuse kept."""
    config = _config(config_file, site_dir, content, dev_addr=dev_addr)
    config.site_url = f"http://{dev_addr}/"
    reuse.build(config, serve_url=config.site_url)
    log.info("Pages rendered again: %s; reused unchanged: %s", reuse.rendered, reuse.reused)


def serve(config_file: Path, dev_addr: str, load: Callable[[], SiteContent], watch: list[Path]) -> None:
    """A live preview: rebuild with load()'s content whenever a watched folder or the docs change.

    Like plain `mkdocs serve` with its defaults: live reload, and a full rebuild (not --dirty) with the
    config read again. load() runs again only when a file under watch was written (see Loader), and a
    rebuild reuses the templates and pages that did not change (see Reuse).
    """
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="dmf-serve-"))
    host, _, port = dev_addr.rpartition(":")
    content_of, reuse = Loader(load, [folder.resolve() for folder in watch]), Reuse()

    def builder(config=None) -> None:
        log.info("Building the preview ...")
        try:
            fresh = content_of()
        except InputsBroken as err:
            # The browser gets an answer (every address, through the 404 page) instead of a hanging request.
            log.error("%s problem(s) in the inputs:\n%s", len(err.lines), err)
            shutil.rmtree(site_dir, ignore_errors=True)
            site_dir.mkdir(parents=True, exist_ok=True)
            for name in ("index.html", "404.html"):
                (site_dir / name).write_text(error_page(err.lines), encoding="utf-8")
            return
        preview_build(config_file, site_dir, fresh, dev_addr, reuse)

    config = _config(config_file, site_dir, None, dev_addr=dev_addr)
    stopped = _stop_on_sigterm()
    server = LiveReloadServer(
        builder=builder, host=host, port=int(port), root=str(site_dir), polling_interval=POLL_SECONDS
    )

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
        if stopped is not None:
            signal.signal(signal.SIGTERM, stopped)


def _stop_on_sigterm():
    """`kill` stops the preview as Ctrl+C does, so its temporary site is removed; returns the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return None  # only the main thread may set a handler

    def stop(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)
