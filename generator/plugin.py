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
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.site.nav import expand_nav, localise
from generator.site.site_content import SiteContent, SiteLanguage, untranslated_copies
from generator.yamlio.problems import InputError

DATE = "SOURCE_DATE_EPOCH"
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


@functools.cache
def _theme_languages() -> frozenset[str]:
    """The languages Material has its own words for."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html"))


def _theme_language(language: str) -> str:
    """The language of the theme's own words: the page's, or English where Material has none."""
    primary = language.split("-")[0]
    return primary if primary in _theme_languages() else "en"


class DmfConfig(Config):
    framework = c.Type(str, default="framework")
    results = c.Type(str, default="results")


class DmfPlugin(BasePlugin[DmfConfig]):
    # Set by generator.site.engine before a build; plain `mkdocs build` leaves it unset and the plugin loads.
    content: SiteContent | None = None
    _date_before: str | None = None
    _language_navs: dict[str, list] = {}  # prefix -> that language's nav, as mkdocs.yml writes one
    _navs: dict[str, object] = {}  # prefix -> that language's Navigation
    _copies: dict[str, SiteLanguage] = {}  # docs path of a default-language page copied under a prefix -> language
    _files: Files | None = None

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
        others = self.content.languages[1:]
        self._language_navs = (
            {lang.prefix: expand_nav(localise(config.nav, lang.language), lang.nav) for lang in others}
            if config.nav
            else {}
        )
        if config.nav:
            config.nav = expand_nav(config.nav, self.content.nav)
        if others:  # Material's language switcher; on_page_context points each entry at the page's counterpart
            config.extra["alternate"] = self._alternates("index.md")
        # The site is named, licensed and spoken as the framework it publishes.
        config.site_name = self.content.site_name or config.site_name
        config.copyright = self.content.copyright or config.copyright
        config.theme["language"] = _theme_language(self.content.language)
        return config

    def _language_of(self, src: str) -> SiteLanguage | None:
        """The other language whose pages src is one of, or None for the default language's."""
        assert self.content is not None
        return next((lang for lang in self.content.languages[1:] if src.startswith(lang.prefix)), None)

    def _alternates(self, src: str) -> list[dict[str, str]]:
        """The switcher's entries for the page at docs path src: its counterpart in each language."""
        assert self.content is not None
        mine = self._language_of(src)
        base = src.removeprefix(mine.prefix) if mine else src
        out = []
        for lang in self.content.languages:
            found = self._files.get_file_from_path(lang.prefix + base) if self._files is not None else None
            out.append(
                {"name": lang.name, "lang": lang.language.code, "link": found.url if found else lang.prefix or "./"}
            )
        return out

    def on_post_page(self, output: str, page, config) -> str:
        # The theme knows fewer languages than frameworks are written in: <html lang> is always the page's own.
        assert self.content is not None
        src = page.file.src_uri
        lang = self._language_of(src)
        code = lang.language.code if lang and src not in self._copies else self.content.language
        return _HTML_LANG.sub(f'<html lang="{code}"', output, count=1)

    def on_files(self, files: Files, config) -> Files:
        assert self.content is not None
        for path, data in sorted(self.content.files.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(self._generated(config, path, data))
        # Every default-language page that a language lacks is shown there untranslated, and says so.
        pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
        copies = untranslated_copies(pages, self.content.languages, lambda p: files.get_file_from_path(p) is not None)
        for path, (copy, _) in sorted(copies.items()):
            files.append(self._generated(config, path, copy))
        self._copies = {path: lang for path, (_, lang) in copies.items()}
        self._files = files
        return files

    def _generated(self, config, path: str, data: str | bytes) -> File:
        # Another language's pages are in its own nav (on_nav), not in mkdocs.yml's: no "not in the nav" notes.
        inclusion = InclusionLevel.NOT_IN_NAV if self._language_of(path) else InclusionLevel.UNDEFINED
        return File.generated(config, path, content=data, inclusion=inclusion)

    def on_nav(self, nav, config, files):
        from mkdocs.structure import nav as structure

        # Each other language has its own navigation, made of its own pages (mkdocs knows one nav per site).
        self._navs = {}
        for prefix, entries in self._language_navs.items():
            items = structure._data_to_navigation(entries, files, config)
            pages = structure._get_by_type(items, structure.Page)
            structure._add_previous_and_next_links(pages)
            structure._add_parent_links(items)
            self._navs[prefix] = structure.Navigation(items, pages)
        return nav

    def on_page_context(self, context, page, config, nav):
        assert self.content is not None
        if not self.content.languages:
            return context
        lang = self._language_of(page.file.src_uri)
        if lang is not None and lang.prefix in self._navs:
            context["nav"] = self._navs[lang.prefix]
        # The theme's own words (search, skip to content) in the page's language, where Material has them.
        mine = lang.language.code if lang and page.file.src_uri not in self._copies else self.content.language
        config.theme["language"] = _theme_language(mine)
        config.extra["alternate"] = self._alternates(page.file.src_uri)
        return context

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
