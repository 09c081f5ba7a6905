"""The site as a plain project on disk, for any engine: the docs folder and a config without the dmf plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.site.site_content import SiteContent, untranslated_copies

PLUGIN = "dmf"


class EngineError(Exception):
    """The engine refused to build; the message says why."""


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
    # Another language's copies of the pages it has no translation of, as the plugin makes them.
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.md"))}
    copies = untranslated_copies(pages, content.languages, lambda p: (out / p).is_file())
    for path, (copy, _) in sorted(copies.items()):
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(copy, encoding="utf-8")
    for page in sorted(out.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        replaced = text
        for marker, markdown in content.replacements.items():
            replaced = replaced.replace(marker, markdown)
        if replaced != text:
            page.write_text(replaced, encoding="utf-8")
