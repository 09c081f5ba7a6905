"""Everything the site is made of, as data: checked inputs in; generated files, navigation and date out.

The engine seam (generator.site.engine) hands this to the site engine, so adding a feature
(benchmarks, the self-assessment, redirects) means adding to this module, never to the glue.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from html import escape
from importlib.metadata import version

from generator.framework.model import Model
from generator.framework.overlay import Translation
from generator.inputs import Inputs
from generator.results.benchmarks import DISCLOSURE_CODE, aggregate
from generator.results.published import Published, publish
from generator.site import (
    assessment,
    assessment_data,
    benchmark_pages,
    framework_json,
    nav,
    pages,
    paths,
    submission_data,
)
from generator.site.cache import cached
from generator.site.field_reference import MARKER, field_reference
from generator.site.framework_files import framework_files
from generator.site.markdown import plain, theme_text
from generator.site.site_content import SiteContent, SiteLanguage
from generator.site.templating import Language, catalogue
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
    made: Callable[[], dict[str, str | bytes]] | None = None,
    published: Published | None = None,
) -> SiteContent:
    """The whole site's content.

    made, when given, waits for framework_files(inputs.model), started elsewhere (forked.started); published,
    when given, are the figures already worked out from the results (which the caller may then have let go).
    """
    model = inputs.model
    published = published if published is not None else published_figures(inputs)
    files: dict[str, str | bytes] = dict(pages.pages(model, with_benchmarks=published is not None))
    files.update(made() if made else framework_files(model))
    files.update(benchmark_pages.files(model, published))
    files[paths.SUBMISSION_JSON] = submission_data.submission_json(inputs.groups)
    sections = {paths.OVERVIEW: nav.framework_nav(model), paths.ASSESSMENT: nav.assessment_nav()}
    if published is not None:
        sections[paths.BENCHMARKS] = nav.benchmark_nav(model)
    fw = model.framework
    languages = [SiteLanguage(Language(fw.language), catalogue(fw.language).get("language.name", fw.language))]
    for translation in inputs.translations:
        languages.append(translated(translation, files, published is not None))
    return SiteContent(
        files=files,
        nav=sections,
        languages=tuple(languages) if len(languages) > 1 else (),
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


def translated(translation: Translation, files: dict[str, str | bytes], with_benchmarks: bool) -> SiteLanguage:
    """Add one translation's pages and framework.json to files (the default language's, already there)."""
    model = translation.model
    language = Language(
        translation.language,
        paths.Paths(paths.language_prefix(translation.language, translation.source)),
        kept=translation.kept,
        source=translation.source,
    )

    def notices(scopes: Iterable[str]) -> list[str]:
        draft = [language.t("notice.draft")] if translation.draft else []
        return draft + ([language.t("notice.partial")] if translation.fallback & set(scopes) else [])

    made = pages.pages(model, with_benchmarks, language, notices)
    # A topic with no translation at all is its default-language page, copied with a notice (untranslated_copy).
    files.update(
        {path: text for path, text in made.items() if path not in map(language.paths.topic, translation.untranslated)}
    )
    files[language.paths.FRAMEWORK_JSON] = framework_json.framework_json(model)
    # The workbooks stay in the default language, so the page names the sizes of those.
    sizes = {n: len(files[paths.assessment_file(n)]) for n in assessment.workbook_names(model)}
    everything = ["framework", *(t.id for t in model.topics)]
    files[language.paths.ASSESSMENT] = assessment.page(model, sizes, language, notices(everything))
    files[language.paths.CHECKLIST] = assessment.checklist(model, language, notices(everything))
    # The page's own data in its language, beside it: the addresses inside are relative to assessment.json.
    files.update({language.paths.prefix + path: data for path, data in assessment_data.files(model).items()})
    sections = {
        language.paths.OVERVIEW: nav.framework_nav(model, language),
        language.paths.ASSESSMENT: nav.localise(nav.assessment_nav(), language),
    }
    if with_benchmarks:
        sections[language.paths.BENCHMARKS] = nav.localise(nav.benchmark_nav(model), language)
    notice = escape(language.t("notice.untranslated"))
    return SiteLanguage(
        language=language,
        name=theme_text(translation.name),  # the theme writes it into the switcher as it is
        nav=sections,
        untranslated=f'<div class="admonition info dmf-untranslated" lang="{language.code}"><p>{notice}</p></div>',
    )
