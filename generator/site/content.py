"""Everything the site is made of, as data: checked inputs in; generated files, navigation and date out.

The engine seam (generator.site.engine) hands this to the site engine, so adding a feature
(benchmarks, the self-assessment, redirects) means adding to this module, never to the glue.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

from generator.inputs import Inputs
from generator.results.benchmarks import aggregate
from generator.results.published import Published, publish
from generator.site import assessment, benchmark_pages, framework_json, nav, pages, paths, redirects, whatchanged
from generator.site.field_reference import MARKER, field_reference
from generator.yamlio.problems import codes_table

CODES_MARKER = "<!-- dmf:problem-codes -->"


@dataclass(frozen=True)
class SiteContent:
    """What one build publishes beside the hand-written pages."""

    files: dict[str, str | bytes]  # docs path -> content
    nav: dict[str, list[Any]]  # docs path of a placeholder in mkdocs.yml's nav -> the section that replaces it
    build_date: int  # seconds since 1970: the framework's release date, so builds are byte-identical
    replacements: dict[str, str] = field(default_factory=dict)  # marker in a hand-written page -> Markdown


def published_figures(inputs: Inputs) -> Published | None:
    return publish(aggregate(inputs.results, inputs.model)) if inputs.results is not None else None


def content(inputs: Inputs) -> SiteContent:
    model = inputs.model
    published = published_figures(inputs)
    files: dict[str, str | bytes] = dict(pages.pages(model, with_benchmarks=published is not None))
    files[paths.FRAMEWORK_JSON] = framework_json.framework_json(model)
    files[paths.WHAT_CHANGED] = whatchanged.page(model)
    files.update(redirects.topic_redirects(model))
    files.update(assessment.files(model))
    files.update(benchmark_pages.files(model, published))
    sections = {paths.OVERVIEW: nav.framework_nav(model)}
    if published is not None:
        sections[paths.BENCHMARKS] = nav.benchmark_nav(model)
    released = model.framework.released
    return SiteContent(
        files=files,
        nav=sections,
        build_date=calendar.timegm(released.timetuple()),
        replacements={MARKER: field_reference(), CODES_MARKER: codes_table()},
    )
