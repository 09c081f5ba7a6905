"""The generated parts of the site navigation, and how they replace their placeholders in mkdocs.yml's nav."""

from __future__ import annotations

from typing import Any

from generator.framework.model import Model
from generator.site import paths
from generator.site.markdown import theme_text

title = theme_text  # the theme inserts navigation titles into HTML as they are


def framework_nav(model: Model) -> list[Any]:
    """The Framework section: overview, topics by theme, levels."""
    nav: list[Any] = [{"Overview": paths.OVERVIEW}]
    for th in model.framework.themes:
        nav.append({title(th.title): [{title(t.title): paths.topic(t.id)} for t in model.topics_in(th)]})
    nav.append({"Levels": [{title(f"{lv.number}. {lv.name}"): paths.level(lv.id)} for lv in model.framework.levels]})
    return nav


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
