"""mkdocs glue: load the framework, hand generated pages to mkdocs, watch the inputs. Nothing else."""

from __future__ import annotations

import calendar
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import render
from .load import load_framework
from .model import Model
from .problems import InputError

FIELD_REFERENCE_MARKER = "<!-- dmf:field-reference -->"


class DmfConfig(Config):
    framework = c.Type(str, default="framework")
    results = c.Type(str, default="results")


class DmfPlugin(BasePlugin[DmfConfig]):
    model: Model | None = None

    def _dir(self, config, value: str) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / value).resolve()

    def on_config(self, config):
        try:
            self.model = load_framework(self._dir(config, self.config.framework))
        except InputError as err:
            raise PluginError(f"the framework has {len(err.problems)} problem(s):\n{err}") from None
        # A fixed build date keeps sitemap.xml.gz byte-identical between builds of the same inputs.
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(calendar.timegm(self.model.framework.released.timetuple())))
        sections = {render.OVERVIEW_PATH: render.framework_nav(self.model)}
        if config.nav:
            config.nav = render.expand_nav(config.nav, sections)
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.model is not None
        generated = dict(render.pages(self.model))
        generated[render.FRAMEWORK_JSON] = render.framework_json(self.model)
        for path, content in sorted(generated.items()):
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
