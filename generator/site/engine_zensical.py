"""Zensical, Material for MkDocs' successor, as the site engine: every Zensical-specific line is here.

Zensical reads mkdocs.yml but skips third-party plugins, so it builds the plain project that
engine.write_project stages (the dmf plugin's work already done), inside the folder it builds into.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml

from generator.site.project import EngineError, write_project
from generator.site.site_content import SiteContent

DATE = "SOURCE_DATE_EPOCH"
PROJECT = ".zensical-project"  # staged inside the folder being built, so a stopped build leaves nothing else
# Zensical's script bundle names these addresses but loads each only for a feature the site never uses:
# Python code blocks (pyodide, ace), image lightboxes (glightbox), mermaid diagrams, and browsers without
# ResizeObserver. Its privacy check flags them all the same; they are excluded from it, never fetched.
BUNDLE_ONLY = [
    "unpkg.com/pyodide@*",
    "cdn.jsdelivr.net/pyodide/*",
    "unpkg.com/ace-builds@*",
    "unpkg.com/glightbox@*",
    "unpkg.com/mermaid@*",
    "unpkg.com/resize-observer-polyfill",
]


def build(config_file: Path, site_dir: Path, content: SiteContent) -> None:
    """Build the site into site_dir, an empty folder, strictly, as engine.build does with mkdocs."""
    try:
        import zensical
        from zensical.config import ConfigurationError
    except ImportError:
        raise EngineError(
            "Zensical is not installed: install the test tools (pip install -c constraints.txt -e '.[test]')"
        ) from None
    project = site_dir / PROJECT
    try:
        written = write_project(config_file, content, project)
        _exclude_bundle_addresses(written)
        with _build_date(content.build_date):
            try:
                zensical.build(str(written.resolve()), {"clean": False, "strict": True})
            except (RuntimeError, ConfigurationError) as err:  # its warnings are already printed above
                raise EngineError(f"Zensical: {err}") from None
        for entry in (project / "site").iterdir():
            entry.rename(site_dir / entry.name)
    finally:
        shutil.rmtree(project, ignore_errors=True)


def _exclude_bundle_addresses(config_file: Path) -> None:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and isinstance(plugin.get("privacy"), dict):
            excluded = plugin["privacy"].setdefault("assets_exclude", [])
            excluded.extend(p for p in BUNDLE_ONLY if p not in excluded)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@contextlib.contextmanager
def _build_date(date: int) -> Iterator[None]:
    """The framework's release date as this build's date, as the dmf plugin sets it; a date the user set wins."""
    before = os.environ.get(DATE)
    if before is None:
        os.environ[DATE] = str(date)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATE, None)
