"""mkdocs glue: load the inputs, hand generated files and navigation to mkdocs, watch the inputs."""

from __future__ import annotations

import calendar
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import inputs as site
from generator.site import pages as render
from generator.yamlio.problems import InputError

FIELD_REFERENCE_MARKER = "<!-- dmf:field-reference -->"


class DmfConfig(Config):
    framework = c.Type(str, default="framework")
    results = c.Type(str, default="results")


class DmfPlugin(BasePlugin[DmfConfig]):
    inputs: site.Inputs | None = None

    def _dir(self, config, value: str) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / value).resolve()

    def on_config(self, config):
        try:
            self.inputs = site.load_inputs_once(
                self._dir(config, self.config.framework), self._dir(config, self.config.results)
            )
        except InputError as err:
            raise PluginError(f"{len(err.problems)} problem(s) in the inputs:\n{err}") from None
        # A fixed build date keeps sitemap.xml.gz byte-identical between builds of the same inputs.
        released = self.inputs.model.framework.released
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(calendar.timegm(released.timetuple())))
        if config.nav:
            config.nav = render.expand_nav(config.nav, site.nav_sections(self.inputs))
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.inputs is not None
        for path, content in sorted(site.files(self.inputs).items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if FIELD_REFERENCE_MARKER in markdown:
            markdown = markdown.replace(FIELD_REFERENCE_MARKER, render.field_reference())
        return markdown

    def on_serve(self, server, config, builder):
        for value in (self.config.framework, self.config.results):
            path = self._dir(config, value)
            if path.exists():
                server.watch(str(path))
        return server
