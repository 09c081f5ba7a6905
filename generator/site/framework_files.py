"""The part of the site that needs the framework and its translations, not the results.

dmf build makes it in a child process (generator.site.forked) while it reads and sums up the results,
so nothing here may import pandas or the disclosure control. It needs to know only whether the site has
benchmark pages at all, which the results folder says before it is read (results.load.has_results).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from generator.framework.model import Model
from generator.framework.overlay import Translation
from generator.site import assessment, assessment_data, framework_json, nav, pages, paths, redirects, whatchanged
from generator.site.markdown import theme_text
from generator.site.site_content import SiteLanguage
from generator.site.templating import Language, catalogue


@dataclass(frozen=True)
class FrameworkPart:
    """Everything but the benchmark pages, for a site with or without them."""

    with_benchmarks: bool
    files: dict[str, str | bytes]  # the default language's, which come before the benchmark pages
    translated: dict[str, str | bytes]  # the other languages', which come after them
    nav: dict[str, list[Any]]  # as SiteContent.nav
    languages: tuple[SiteLanguage, ...]  # the default language first


def framework_part(model: Model, translations: Iterable[Translation], with_benchmarks: bool) -> FrameworkPart:
    files: dict[str, str | bytes] = dict(pages.pages(model, with_benchmarks=with_benchmarks))
    files.update(framework_files(model))
    sections = {paths.OVERVIEW: nav.framework_nav(model), paths.ASSESSMENT: nav.assessment_nav()}
    if with_benchmarks:
        sections[paths.BENCHMARKS] = nav.benchmark_nav(model)
    fw = model.framework
    languages = [SiteLanguage(Language(fw.language), catalogue(fw.language).get("language.name", fw.language))]
    sizes = {n: len(files[paths.assessment_file(n)]) for n in assessment.workbook_names(model)}
    others: dict[str, str | bytes] = {}
    for translation in translations:
        made, language = translated(translation, sizes, with_benchmarks)
        others.update(made)
        languages.append(language)
    return FrameworkPart(with_benchmarks, files, others, sections, tuple(languages))


def framework_files(model: Model) -> dict[str, str | bytes]:
    """The framework's JSON, what changed, redirects, the self-assessment page, its data and its workbooks."""
    files: dict[str, str | bytes] = {paths.FRAMEWORK_JSON: framework_json.framework_json(model)}
    files[paths.WHAT_CHANGED] = whatchanged.page(model)
    files.update(redirects.topic_redirects(model))
    files.update(assessment.files(model))
    files.update(assessment_data.files(model))
    return files


def translated(
    translation: Translation, sizes: dict[str, int], with_benchmarks: bool
) -> tuple[dict[str, str | bytes], SiteLanguage]:
    """One translation's pages and data files, and its language; sizes are the (default-language) workbooks'."""
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
    untranslated = set(map(language.paths.topic, translation.untranslated))
    files: dict[str, str | bytes] = {path: text for path, text in made.items() if path not in untranslated}
    files[language.paths.FRAMEWORK_JSON] = framework_json.framework_json(model)
    # The workbooks stay in the default language, so the page names the sizes of those.
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
    return files, SiteLanguage(
        language=language,
        name=theme_text(translation.name),  # the theme writes it into the switcher as it is
        nav=sections,
        untranslated=f'<div class="admonition info dmf-untranslated" lang="{language.code}"><p>{notice}</p></div>',
    )
