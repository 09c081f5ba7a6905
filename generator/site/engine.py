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

from generator.site.content import SiteContent

log = logging.getLogger("dmf")
PLUGIN = "dmf"
ENGINES = ("mkdocs", "zensical")


class EngineError(Exception):
    """The engine refused to build; the message says why."""


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


def write_project(config_file: Path, content: SiteContent, out: Path) -> Path:
    """A plain engine project in out: the whole docs folder and a config without the dmf plugin.

    Any engine that reads mkdocs.yml (plain mkdocs, Zensical) builds it as it is; returns its config file.
    """
    import yaml

    from generator.site.nav import expand_nav

    class Loader(yaml.SafeLoader):
        pass

    # Material's config tags (!ENV, !!python/name) are kept as their plain value or dropped.
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=Loader)
    docs = out / "docs"
    write_docs(content, Path(config_file).parent / config.get("docs_dir", "docs"), docs)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["plugins"] = [
        p for p in config.get("plugins", []) if not (isinstance(p, dict) and PLUGIN in p) and p != PLUGIN
    ]
    if config.get("nav"):
        config["nav"] = expand_nav(config["nav"], content.nav)
    written = out / "mkdocs.yml"
    written.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written


def write_docs(content: SiteContent, docs_dir: Path, out: Path) -> None:
    """The whole docs folder on disk (hand-written pages and generated files), for any engine to build."""
    shutil.copytree(docs_dir, out, dirs_exist_ok=True)
    for path, data in sorted(content.files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    for page in sorted(out.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        replaced = text
        for marker, markdown in content.replacements.items():
            replaced = replaced.replace(marker, markdown)
        if replaced != text:
            page.write_text(replaced, encoding="utf-8")
