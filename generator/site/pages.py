"""The framework's own pages (overview, one per topic, one per level) as plain functions of the model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from generator.framework.model import Framework, Level, Model, Topic
from generator.site.templating import ENGLISH, Language, render_template

# What a page says above its text, given the parts of the framework it shows ("framework" and topic ids):
# for a translation, that it is a draft, or that some of that text is not translated yet.
Notices = Callable[[Iterable[str]], list[str]]


def no_notices(scopes: Iterable[str]) -> list[str]:
    return []


def pages(
    model: Model, with_benchmarks: bool = False, language: Language = ENGLISH, notices: Notices = no_notices
) -> dict[str, str]:
    """Every framework page, keyed by its docs path; topic pages link to their benchmarks when there are some."""
    where = language.paths
    everything = ["framework", *(t.id for t in model.topics)]
    out = {where.OVERVIEW: overview_page(model, language, notices(everything))}
    for topic in model.topics:
        out[where.topic(topic.id)] = topic_page(
            model, topic, with_benchmarks, language, notices(["framework", topic.id])
        )
    for level in model.framework.levels:
        out[where.level(level.id)] = level_page(model, level, language, notices(everything))
    return out


def themes_with_topics(model: Model) -> list[dict[str, Any]]:
    return [{"theme": th, "topics": model.topics_in(th)} for th in model.framework.themes]


def framework_context(model: Model, language: Language = ENGLISH) -> dict[str, Any]:
    """What every page about the whole framework shows: its levels, themes, sizes and scoring rule."""
    fw = model.framework
    return {
        "fw": fw,
        "levels": fw.levels,
        "themes": themes_with_topics(model),
        "topic_count": len(model.topics),
        "question_count": sum(len(t.questions) for t in model.topics),
        "scoring_text": language.scoring_text(fw.scoring.rule),
        "crossing": fw.crossing,
    }


def framework_page(
    template: str, model: Model, page: str, language: Language, notices: list[str] | None, **extra: Any
) -> str:
    """A page about the whole framework (docs path page) in language: framework_context() and extra."""
    return render_template(
        template, page=page, language=language, notices=notices or [], **framework_context(model, language), **extra
    )


def _crossing_ns(fw: Framework, topic: Topic) -> dict[str, Any]:
    if not fw.crossing:
        return {"crossing": None}
    titles = {cv.id: cv.title for cv in fw.crossing.values}
    return {
        "crossing": fw.crossing,
        "crossing_titles": titles,
        "crossing_count": len({q.crossing for q in topic.questions}),
    }


def _crosswalks_of(fw: Framework, topic: Topic) -> list[dict[str, Any]]:
    """The other frameworks' entries that a topic or its questions map to, in each crosswalk's own order."""
    out = []
    for cw in fw.crosswalks:
        mapped = set(topic.maps_to.get(cw.id, [])).union(*(q.maps_to.get(cw.id, []) for q in topic.questions))
        if mapped:
            out.append({"crosswalk": cw, "entries": [e for e in cw.entries if e.id in mapped]})
    return out


def topic_page(
    model: Model,
    topic: Topic,
    with_benchmarks: bool = False,
    language: Language = ENGLISH,
    notices: list[str] | None = None,
) -> str:
    fw = model.framework
    steps = [
        {"step": s, "start": model.level(s.from_level), "end": model.level(s.from_level + 1)}
        for s in sorted(topic.steps, key=lambda s: s.from_level)
    ]
    return render_template(
        "topic.md.j2",
        page=language.paths.topic(topic.id),
        language=language,
        notices=notices or [],
        topic=topic,
        theme=model.theme_of(topic.id),
        levels=fw.levels,
        steps=steps,
        related=[model.topic(r) for r in topic.related],
        crosswalks=_crosswalks_of(fw, topic),
        ns=_crossing_ns(fw, topic),
        with_benchmarks=with_benchmarks,
    )


def overview_page(model: Model, language: Language = ENGLISH, notices: list[str] | None = None) -> str:
    fw = model.framework
    rows = []
    if fw.crossing:
        for t in model.topics:
            counts = Counter(q.crossing for q in t.questions)
            rows.append({"topic": t, "counts": [counts.get(cv.id, 0) for cv in fw.crossing.values]})
    return framework_page("overview.md.j2", model, language.paths.OVERVIEW, language, notices, crossing_rows=rows)


def level_page(model: Model, level: Level, language: Language = ENGLISH, notices: list[str] | None = None) -> str:
    numbers = model.level_numbers
    i = numbers.index(level.number)
    return render_template(
        "level.md.j2",
        page=language.paths.level(level.id),
        language=language,
        notices=notices or [],
        level=level,
        prev=model.framework.levels[i - 1] if i > 0 else None,
        next=model.framework.levels[i + 1] if i + 1 < len(numbers) else None,
        themes=themes_with_topics(model),
    )
