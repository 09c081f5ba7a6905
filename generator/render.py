"""The typed framework into Markdown pages and data files, as plain functions of the model."""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel

from .changes import id_changes
from .model import (
    Changes,
    ChangeSet,
    Crossing,
    CrossingValue,
    Crosswalk,
    CrosswalkEntry,
    Framework,
    IdChange,
    Level,
    Model,
    Question,
    Scoring,
    Step,
    Theme,
    Topic,
)
from .scoring import vocabulary
from .text import inline, md

FRAMEWORK_JSON = "framework.json"
SCHEMA_FILES = {"framework.schema.json": Framework, "topic.schema.json": Topic, "changes.schema.json": Changes}

SCORING_TEXT = {
    "median": (
        "the middle of your answered levels (the lower of the two middle levels when there is an even number). "
        "Answers of 'not applicable' or 'not sure' are left out; they never count as zero."
    ),
    "minimum": (
        "the lowest of your answered levels, because a topic is only as strong as its weakest part. "
        "Answers of 'not applicable' or 'not sure' are left out; they never count as zero."
    ),
}


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        autoescape=False,  # output is Markdown; prose goes through the md/inline filters instead
        # Markdown anchors are written {#id}, which Jinja would read as the start of a comment.
        comment_start_string="<%#",
        comment_end_string="#%>",
    )
    env.filters["md"] = md
    env.filters["inline"] = inline
    return env


def topic_path(topic_id: str) -> str:
    return f"framework/topics/{topic_id}.md"


def level_path(level: Level) -> str:
    return f"framework/levels/{level.id}.md"


OVERVIEW_PATH = "framework/index.md"
ASSESSMENT_PATH = "assessment/index.md"


def pages(model: Model, benchmark_topic: Callable[[str], str] | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs directory.

    benchmark_topic gives the path of a topic's benchmark page, when the site has benchmarks.
    """
    out = {OVERVIEW_PATH: overview_page(model)}
    for topic in model.topics:
        benchmarks = _relative(topic_path(topic.id), benchmark_topic(topic.id)) if benchmark_topic else None
        out[topic_path(topic.id)] = topic_page(model, topic, benchmarks)
    for level in model.framework.levels:
        out[level_path(level)] = level_page(model, level)
    return out


def _relative(source: str, target: str) -> str:
    """A Markdown link from one docs page to another."""
    return posixpath.relpath(target, posixpath.dirname(source))


def _themes(model: Model) -> list[dict[str, Any]]:
    return [{"theme": th, "topics": model.topics_in(th)} for th in model.framework.themes]


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


def topic_page(model: Model, topic: Topic, benchmarks: str | None = None) -> str:
    fw = model.framework
    levels = fw.levels
    steps = [
        {"step": s, "start": model.level(s.from_level), "end": model.level(s.from_level + 1)}
        for s in sorted(topic.steps, key=lambda s: s.from_level)
    ]
    return render_template(
        "topic.md.j2",
        topic=topic,
        theme=model.theme_of(topic.id),
        levels=levels,
        steps=steps,
        related=[model.topic(r) for r in topic.related],
        crosswalks=_crosswalks_of(fw, topic),
        ns=_crossing_ns(fw, topic),
        assessment=_relative(topic_path(topic.id), ASSESSMENT_PATH),
        benchmarks=benchmarks,
    )


def overview_page(model: Model) -> str:
    fw = model.framework
    rows = []
    if fw.crossing:
        for t in model.topics:
            counts = Counter(q.crossing for q in t.questions)
            rows.append({"topic": t, "counts": [counts.get(cv.id, 0) for cv in fw.crossing.values]})
    return render_template(
        "overview.md.j2",
        fw=fw,
        levels=fw.levels,
        themes=_themes(model),
        topic_count=len(model.topics),
        question_count=sum(len(t.questions) for t in model.topics),
        scoring_text=SCORING_TEXT[fw.scoring.rule],
        crossing=fw.crossing,
        crossing_rows=rows,
    )


def level_page(model: Model, level: Level) -> str:
    numbers = model.level_numbers
    i = numbers.index(level.number)
    return render_template(
        "level.md.j2",
        level=level,
        prev=model.framework.levels[i - 1] if i > 0 else None,
        next=model.framework.levels[i + 1] if i + 1 < len(numbers) else None,
        themes=_themes(model),
    )


def render_template(template: str, **context: Any) -> str:
    text = _env().get_template(template).render(**context)
    # Collapse the blank lines that template control blocks leave behind.
    lines, blank = [], 0
    for line in text.splitlines():
        blank = blank + 1 if not line.strip() else 0
        if blank <= 1:
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def framework_data(model: Model) -> dict[str, Any]:
    """The one machine-readable copy of the framework that browser code reads."""
    data = model.framework.model_dump(mode="json", by_alias=True)
    data["topics"] = []
    for t in model.topics:
        td = t.model_dump(mode="json", by_alias=True)
        td["theme"] = model.theme_of(t.id).id
        td["page"] = topic_path(t.id).removesuffix(".md") + "/"
        data["topics"].append(td)
    # Old versions' question ids -> current ids, so saved self-assessment answers can be migrated.
    data["id_changes"] = id_changes(model)
    data["vocabulary"] = vocabulary()
    return data


def framework_json(model: Model) -> str:
    return json.dumps(framework_data(model), ensure_ascii=False, indent=1) + "\n"


def schema_json(model_cls: type[BaseModel]) -> str:
    schema = model_cls.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


_DESCRIPTIONS = {
    "id": "Stable id: lowercase ASCII letters, digits and single hyphens, unique across the framework.",
    "title": "Title, in any script.",
    "summary": "A short description. Markdown.",
    "why_it_matters": "Why the topic matters for services and the people who use them. Markdown.",
    "text": "The question, as the reader sees it.",
}


def field_reference() -> str:
    """Markdown tables of every field of every file-format model, from the models themselves."""
    parts = []
    for title, cls in [
        ("framework.yml", Framework),
        ("levels[]", Level),
        ("themes[]", Theme),
        ("crossing", Crossing),
        ("crossing.values[]", CrossingValue),
        ("crosswalks[]", Crosswalk),
        ("entries[]", CrosswalkEntry),
        ("scoring", Scoring),
        ("topics/*.yml", Topic),
        ("questions[]", Question),
        ("steps[]", Step),
        ("changes.yml", Changes),
        ("versions[]", ChangeSet),
        ("ids[]", IdChange),
    ]:
        parts.append(f"### `{title}` {{#fields-{_slug(title)}}}\n")
        parts.append("| Field | Required | Description |\n| --- | --- | --- |")
        for name, f in cls.model_fields.items():
            key = f.alias or name
            required = "yes" if f.is_required() else f"no (default: `{f.get_default(call_default_factory=True)}`)"
            parts.append(f"| `{key}` | {required} | {inline(f.description or _DESCRIPTIONS.get(key, ''))} |")
        parts.append("")
    return "\n".join(parts)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")


def framework_nav(model: Model) -> list[Any]:
    """The generated part of the site navigation: overview, topics by theme, levels."""
    nav: list[Any] = [{"Overview": OVERVIEW_PATH}]
    for th in model.framework.themes:
        nav.append({th.title: [{t.title: topic_path(t.id)} for t in model.topics_in(th)]})
    nav.append({"Levels": [{f"{lv.number}. {lv.name}": level_path(lv)} for lv in model.framework.levels]})
    return nav


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
