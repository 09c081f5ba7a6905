"""The framework's own pages (overview, one per topic, one per level) as plain functions of the model."""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.framework.answers import scoring_text
from generator.framework.model import Framework, Level, Model, Topic
from generator.site import paths
from generator.site.templating import render_template


def pages(model: Model, with_benchmarks: bool = False) -> dict[str, str]:
    """Every framework page, keyed by its docs path; topic pages link to their benchmarks when there are some."""
    out = {paths.OVERVIEW: overview_page(model)}
    for topic in model.topics:
        out[paths.topic(topic.id)] = topic_page(model, topic, with_benchmarks)
    for level in model.framework.levels:
        out[paths.level(level.id)] = level_page(model, level)
    return out


def themes_with_topics(model: Model) -> list[dict[str, Any]]:
    return [{"theme": th, "topics": model.topics_in(th)} for th in model.framework.themes]


def framework_context(model: Model) -> dict[str, Any]:
    """What every page about the whole framework shows: its levels, themes, sizes and scoring rule."""
    fw = model.framework
    return {
        "fw": fw,
        "levels": fw.levels,
        "themes": themes_with_topics(model),
        "topic_count": len(model.topics),
        "question_count": sum(len(t.questions) for t in model.topics),
        "scoring_text": scoring_text(fw.scoring.rule),
        "crossing": fw.crossing,
    }


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


def topic_page(model: Model, topic: Topic, with_benchmarks: bool = False) -> str:
    fw = model.framework
    steps = [
        {"step": s, "start": model.level(s.from_level), "end": model.level(s.from_level + 1)}
        for s in sorted(topic.steps, key=lambda s: s.from_level)
    ]
    return render_template(
        "topic.md.j2",
        page=paths.topic(topic.id),
        topic=topic,
        theme=model.theme_of(topic.id),
        levels=fw.levels,
        steps=steps,
        related=[model.topic(r) for r in topic.related],
        crosswalks=_crosswalks_of(fw, topic),
        ns=_crossing_ns(fw, topic),
        with_benchmarks=with_benchmarks,
    )


def overview_page(model: Model) -> str:
    fw = model.framework
    rows = []
    if fw.crossing:
        for t in model.topics:
            counts = Counter(q.crossing for q in t.questions)
            rows.append({"topic": t, "counts": [counts.get(cv.id, 0) for cv in fw.crossing.values]})
    return render_template("overview.md.j2", page=paths.OVERVIEW, **framework_context(model), crossing_rows=rows)


def level_page(model: Model, level: Level) -> str:
    numbers = model.level_numbers
    i = numbers.index(level.number)
    return render_template(
        "level.md.j2",
        page=paths.level(level.id),
        level=level,
        prev=model.framework.levels[i - 1] if i > 0 else None,
        next=model.framework.levels[i + 1] if i + 1 < len(numbers) else None,
        themes=themes_with_topics(model),
    )
