"""mkdocs glue: publish the content it is given (or loads, under plain `mkdocs build`), watch the inputs."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.site.content import SiteContent
from generator.site.nav import expand_nav
from generator.yamlio.problems import InputError

DATE = "SOURCE_DATE_EPOCH"
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


@functools.cache
def _theme_languages() -> frozenset[str]:
    """The languages Material has its own words for."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html"))


class DmfConfig(Config):
    framework = c.Type(str, default="framework")
    results = c.Type(str, default="results")


class DmfPlugin(BasePlugin[DmfConfig]):
    # Set by generator.site.engine before a build; plain `mkdocs build` leaves it unset and the plugin loads.
    content: SiteContent | None = None
    _date_before: str | None = None

    def _dir(self, config, value: str) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / value).resolve()

    def on_config(self, config):
        if self.content is None:
            from generator.inputs import load_inputs
            from generator.site.content import content

            try:
                inputs = load_inputs(self._dir(config, self.config.framework), self._dir(config, self.config.results))
            except InputError as err:
                raise PluginError(f"{len(err.problems)} problem(s) in the inputs:\n{err}") from None
            self.content = content(inputs)
        # The build date of this build (the framework's release date) keeps sitemap.xml.gz byte-identical;
        # restored afterwards, so the next build in the same process sets its own. A date the user set wins.
        self._date_before = os.environ.get(DATE)
        if self._date_before is None:
            os.environ[DATE] = str(self.content.build_date)
        if config.nav:
            config.nav = expand_nav(config.nav, self.content.nav)
        # The site is named, licensed and spoken as the framework it publishes.
        config.site_name = self.content.site_name or config.site_name
        config.copyright = self.content.copyright or config.copyright
        primary = self.content.language.split("-")[0]
        config.theme["language"] = primary if primary in _theme_languages() else "en"
        return config

    def on_post_page(self, output: str, page, config) -> str:
        # The theme knows fewer languages than frameworks are written in: <html lang> is always the framework's.
        assert self.content is not None
        return _HTML_LANG.sub(f'<html lang="{self.content.language}"', output, count=1)

    def on_files(self, files: Files, config) -> Files:
        assert self.content is not None
        for path, data in sorted(self.content.files.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=data))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        assert self.content is not None
        for marker, replacement in self.content.replacements.items():
            markdown = markdown.replace(marker, replacement)
        return markdown

    def _restore_date(self) -> None:
        if self._date_before is None:
            os.environ.pop(DATE, None)

    def on_post_build(self, config) -> None:
        self._restore_date()

    def on_build_error(self, error) -> None:
        self._restore_date()

    def on_serve(self, server, config, builder):
        for value in (self.config.framework, self.config.results):
            path = self._dir(config, value)
            if path.exists():
                server.watch(str(path))
        return server
