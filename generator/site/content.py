"""Everything the site is made of, as data: checked inputs in; generated files, navigation and date out.

The engine seam (generator.site.engine) hands this to the site engine, so adding a feature
(benchmarks, the self-assessment, redirects) means adding to this module or to the framework part
(generator.site.framework_files), never to the glue.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from importlib.metadata import version

from generator.framework.model import Model
from generator.inputs import Inputs
from generator.results.benchmarks import DISCLOSURE_CODE, aggregate
from generator.results.published import Published, publish
from generator.site import benchmark_pages, paths, submission_data
from generator.site.cache import cached
from generator.site.field_reference import MARKER, field_reference
from generator.site.framework_files import FrameworkPart, framework_part
from generator.site.markdown import plain, theme_text
from generator.site.site_content import SiteContent
from generator.yamlio.problems import codes_table

CODES_MARKER = "<!-- dmf:problem-codes -->"


def published_figures(inputs: Inputs) -> Published | None:
    if inputs.results is None:
        return None

    def memo(key: str, make) -> bytes:
        return cached("disclosure", key, make, code=DISCLOSURE_CODE, library=f"highspy {version('highspy')}")

    return publish(aggregate(inputs.results, inputs.model, memo))


def content(
    inputs: Inputs,
    made: Callable[[], FrameworkPart] | None = None,
    published: Published | None = None,
) -> SiteContent:
    """The whole site's content.

    made, when given, waits for framework_part(), started elsewhere (forked.started); published, when
    given, are the figures already worked out from the results (which the caller may then have let go).
    """
    model = inputs.model
    published = published if published is not None else published_figures(inputs)
    with_benchmarks = published is not None
    part = made() if made else None
    if part is None or part.with_benchmarks != with_benchmarks:  # made for another site: make it here
        part = framework_part(model, inputs.translations, with_benchmarks)
    files = {**part.files, **benchmark_pages.files(model, published)}
    files[paths.SUBMISSION_JSON] = submission_data.submission_json(inputs.groups)
    files.update(part.translated)
    fw = model.framework
    return SiteContent(
        files=files,
        nav=part.nav,
        languages=part.languages if len(part.languages) > 1 else (),
        build_date=calendar.timegm(fw.released.timetuple()),
        replacements={MARKER: field_reference(), CODES_MARKER: codes_table(), **placeholders(model)},
        site_name=theme_text(fw.title),
        language=fw.language,
        copyright=theme_text(f"Text: {fw.licence}." + (f" Published by {fw.publisher}." if fw.publisher else "")),
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def placeholders(model: Model) -> dict[str, str]:
    """What hand-written pages may say about the framework they are built with, as <!-- dmf:NAME --> markers."""
    fw = model.framework
    names = [plain(lv.name) for lv in fw.levels]
    return {
        f"<!-- dmf:{name} -->": str(value)
        for name, value in {
            "title": plain(fw.title),
            "licence": plain(fw.licence),
            "level-count": len(fw.levels),
            "level-names": _and(names),
            "theme-count": len(fw.themes),
            "theme-names": _and([plain(th.title) for th in fw.themes]),
            "topic-count": len(model.topics),
            "question-count": sum(len(t.questions) for t in model.topics),
            "minimum-group-size": fw.minimum_group_size,
        }.items()
    }
