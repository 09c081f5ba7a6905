"""The generated parts of the site navigation, and how they replace their placeholders in mkdocs.yml's nav."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.site import paths
from generator.site.markdown import theme_text
from generator.site.templating import ENGLISH, Language, catalogue

if TYPE_CHECKING:
    from generator.framework.model import Model

title = theme_text  # the theme inserts navigation titles into HTML as they are


def framework_nav(model: Model, language: Language = ENGLISH) -> list[Any]:
    """The Framework section: overview, topics by theme, levels."""
    where = language.paths
    nav: list[Any] = [{title(language.t("nav.overview")): where.OVERVIEW}]
    for th in model.framework.themes:
        nav.append({title(th.title): [{title(t.title): where.topic(t.id)} for t in model.topics_in(th)]})
    levels = [{title(f"{lv.number}. {lv.name}"): where.level(lv.id)} for lv in model.framework.levels]
    nav.append({title(language.t("nav.levels")): levels})
    return nav


def localise(nav: list[Any], language: Language) -> list[Any]:
    """The site's own navigation (mkdocs.yml's) for another language: every page under its prefix, and each
    title translated where its catalogue has `nav.<title>` (the title as mkdocs.yml writes it)."""
    words = catalogue(language.code)

    def entry(item: Any) -> Any:
        if isinstance(item, dict):
            ((name, value),) = item.items()
            return {words.get(f"nav.{name}", name): entry(value)}
        if isinstance(item, list):
            return [entry(i) for i in item]
        if isinstance(item, str) and "://" not in item:
            return language.paths.prefix + item
        return item

    return entry(nav)


def assessment_nav() -> list[Any]:
    """The Self-assessment section: the interactive page and its printable checklist."""
    return [{"Self-assessment": paths.ASSESSMENT}, {"Printable checklist": paths.CHECKLIST}]


def benchmark_nav(model: Model) -> list[Any]:
    """The Benchmarks section, when there are results: overview, topics by theme, method, downloads."""
    return [
        {"Overview": paths.BENCHMARKS},
        *[
            {title(th.title): [{title(t.title): paths.benchmark_topic(t.id)} for t in model.topics_in(th)]}
            for th in model.framework.themes
        ],
        {"How the figures are made": paths.METHODOLOGY},
        {"Download the data": paths.BENCHMARK_DATA},
    ]


def expand_nav(nav: list[Any], sections: dict[str, list[Any]]) -> list[Any]:
    """Replace each nav entry pointing at a generated section's index page with the whole section."""
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
            if isinstance(value, str) and value in sections:
                out.append({title: sections[value]})
            elif isinstance(value, list):
                out.append({title: expand_nav(value, sections)})
            else:
                out.append(entry)
        else:
            out.append(sections.get(entry, entry) if isinstance(entry, str) and entry in sections else entry)
    return out
