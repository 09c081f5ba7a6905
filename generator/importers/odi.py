"""Import a framework kept in the Open Data Institute's maturity-tool JSON format.

The format (as the ODI's maturity tool publishes it):

    {"title": ..., "description": "<p>HTML</p>", "levels": ["Beginning", ...],
     "dimensions": [{"name": ..., "activities": [{"title": ..., "questions": [
         {"text": ..., "context": ..., "statements": [{"text": ..., "associatedLevel": 1, "tags": []}]}]}]}]}

Dimensions become topics. Activities cut across dimensions (the same titles recur in each), so they
become the framework's crossing dimension and each question names its activity. Statements become
the answers, keyed by their level. What the format has no place for (level summaries, topic
descriptors, guidance for each step, a licence, themes) is written as TODO and listed in the report.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.framework.load import FRAMEWORK_FILE, TOPICS_DIR, load_framework
from generator.framework.prose import defuse
from generator.framework.scaffold import step_skeletons
from generator.framework.todos import todo, walk
from generator.importers.odi_read import OdiFramework, level_numbers, read
from generator.importers.text import Ids, html_text, is_html
from generator.yamlio.write import dump, schema_comment


@dataclass
class Report:
    """What the import made, what the source lacks, and what was changed or left out on the way."""

    title: str
    counts: dict[str, int]
    crossing_plural: str
    lacks: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    todos: int = 0

    def text(self, out_dir: Path) -> str:
        c = self.counts
        lines = [
            f"Imported “{self.title}” into {out_dir}/",
            f"  {c['topics']} topics, {c['crossing']} {self.crossing_plural.lower()} crossing them, "
            f"{c['questions']} questions, {c['levels']} levels.",
            "",
            f"The source does not have (written as TODO, {self.todos} places; `dmf validate --strict` lists them):",
            *(f"  - {x}" for x in self.lacks),
        ]
        if self.changed:
            lines += ["", "Changed on the way in:", *(f"  - {x}" for x in self.changed)]
        if self.ignored:
            lines += ["", "Not imported (dmf has no place for them):", *(f"  - {x}" for x in self.ignored)]
        lines += ["", f"Next: dmf validate --framework {out_dir}    then    dmf serve --framework {out_dir}"]
        return "\n".join(lines) + "\n"


def _extras(model: BaseModel, where: str, counter: Counter) -> None:
    for name, value in (model.model_extra or {}).items():
        counter[f"{where}.{name}" if where else name] += 0 if value in (None, "", [], {}) else 1
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                _extras(item, f"{where}.{name}[]" if where else f"{name}[]", counter)


def convert(
    odi: OdiFramework,
    *,
    released: dt.date,
    version: str = "0.1.0",
    language: str = "en",
    crossing_name: str = "Activity",
    crossing_plural: str = "Activities",
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], Report]:
    """The ODI framework as (framework.yml data, {topic id: topic data}, report). Pure: writes nothing."""
    numbers = level_numbers(odi)
    ids = Ids()
    html_fields = 0

    def plain(text: str) -> str:
        nonlocal html_fields
        if is_html(text):
            html_fields += 1
            # Text that was nothing but tags leaves nothing to show: a TODO, like any text the source lacks.
            return html_text(text) or todo("write this text: in the source it was only HTML markup")
        return " ".join(text.split())

    def prose_text(text: str) -> str:
        """Text for a prose field: links the dialect does not allow, and images, kept as plain characters."""
        return defuse(plain(text))

    fw_id = ids.claim(odi.title, "imported-framework", "The framework")
    levels = [
        {
            "number": n,
            "id": ids.claim(name, f"level-{n}", f"Level {n}"),
            "name": name,
            "summary": todo(f"what {name} means, in a sentence or two"),
        }
        for n, name in zip(numbers, odi.levels, strict=True)
    ]
    theme_id = ids.claim("all topics", "all-topics", "The theme")

    crossing_values: dict[str, dict[str, str]] = {}  # activity title (folded) -> value
    for d in odi.dimensions:
        for a in d.activities:
            key = a.title.casefold()
            if key not in crossing_values:
                crossing_values[key] = {
                    "id": ids.claim(a.title, f"activity-{len(crossing_values) + 1}", f"{crossing_name} “{a.title}”"),
                    "title": a.title,
                }
    topic_ids = [ids.claim(d.name, f"topic-{i + 1}", f"Topic “{d.name}”") for i, d in enumerate(odi.dimensions)]

    report = Report(odi.title, {}, crossing_plural)
    missing_answers: list[str] = []
    skipped: list[str] = []
    topics: dict[str, dict[str, Any]] = {}
    question_count = 0
    described = 0
    for d, tid in zip(odi.dimensions, topic_ids, strict=True):
        questions = []
        for a in d.activities:
            for q in a.questions:
                question_count += 1
                qid = ids.claim(q.text, f"{tid}-question-{len(questions) + 1}", f"Question “{q.text}”")
                answers: dict[int, str] = {}
                for s in q.statements:
                    if s.associatedLevel not in numbers:
                        skipped.append(
                            f"{qid}: a statement for level {s.associatedLevel}, which is not a level ({numbers[0]} to {numbers[-1]})"
                        )
                    elif s.associatedLevel in answers:
                        skipped.append(f"{qid}: a second statement for level {s.associatedLevel} (the first is kept)")
                    else:
                        answers[s.associatedLevel] = plain(s.text)
                for n in numbers:
                    if n not in answers:
                        answers[n] = todo(f"the answer that describes level {n} ({odi.levels[numbers.index(n)]})")
                        missing_answers.append(f"{qid} level {n}")
                item: dict[str, Any] = {"id": qid, "text": plain(q.text)}
                if q.context and q.context.strip():
                    item["hint"] = prose_text(q.context)
                item["crossing"] = crossing_values[a.title.casefold()]["id"]
                item["answers"] = dict(sorted(answers.items()))
                questions.append(item)
        if d.description and d.description.strip():
            described += 1
        topics[tid] = {
            "id": tid,
            "title": d.name,
            "summary": prose_text(d.description)
            if d.description and d.description.strip()
            else todo(f"what {d.name} covers, in one or two sentences"),
            "why_it_matters": todo(f"why {d.name} matters for services and the people who use them"),
            "levels": {
                n: todo(f"what {d.name} looks like at level {n} ({name})")
                for n, name in zip(numbers, odi.levels, strict=True)
            },
            "questions": questions,
            "steps": step_skeletons(list(zip(numbers, odi.levels, strict=True))),
            "related": [],
        }

    summary = prose_text(odi.description) if odi.description and odi.description.strip() else None
    fw = {
        "id": fw_id,
        "title": odi.title,
        "summary": summary or todo("what the framework is for, in a sentence or two"),
        "version": version,
        "released": released,
        "licence": todo("the licence that the framework text is published under"),
        "language": language,
        "levels": levels,
        "themes": [
            {
                "id": theme_id,
                "title": "All topics",
                "summary": todo("what the topics in this theme have in common"),
                "topics": topic_ids,
            }
        ],
        "crossing": {"name": crossing_name, "plural": crossing_plural, "values": list(crossing_values.values())},
        "scoring": {"rule": "median", "minimum_answers": 1},
        "minimum_group_size": 10,
    }

    n_topics, n_levels = len(topic_ids), len(numbers)
    report.counts = {
        "topics": n_topics,
        "questions": question_count,
        "levels": n_levels,
        "crossing": len(crossing_values),
    }
    report.lacks = [
        f"a summary for each of the {n_levels} levels",
        f"a descriptor of each topic at each level ({n_topics} topics x {n_levels} levels) and why each topic matters",
        f"guidance for each step up ({n_levels - 1} steps in each of the {n_topics} topics)",
        "a licence (licence in framework.yml)",
        f"themes that group topics: all {n_topics} topics are in one theme, '{theme_id}'; split them up in framework.yml",
        "a scoring rule: 'median' is used (scoring.rule in framework.yml)",
        f"a version number and release date: {version} and {released.isoformat()} are used",
    ]
    if described < n_topics:
        report.lacks.insert(1, f"a summary for {n_topics - described} of the {n_topics} topics")
    if summary is None:
        report.lacks.insert(0, "a description of the framework")
    if missing_answers:
        shown = ", ".join(missing_answers[:5]) + (
            f" and {len(missing_answers) - 5} more" if len(missing_answers) > 5 else ""
        )
        report.lacks.append(f"{len(missing_answers)} answer(s) for a level: {shown}")
    report.changed += [f"{c}." for c in ids.collisions]
    if html_fields:
        report.changed.append(f"{html_fields} text(s) written in HTML were turned into plain text")
    report.changed += [f"Left out {s}." for s in skipped]
    report.changed.append("Ids were made from the names and are stable from now on: edit titles freely, but not ids")
    extras: Counter = Counter()
    _extras(odi, "", extras)
    tags = [s.tags for d in odi.dimensions for a in d.activities for q in a.questions for s in q.statements]
    if any(t is not None for t in tags):
        extras["dimensions[].activities[].questions[].statements[].tags"] += sum(
            1 for t in tags for v in (t or []) if v not in (None, "")
        )
    for name, with_values in sorted(extras.items()):
        report.ignored.append(f"{name}" + ("" if with_values else " (always empty)"))
    report.todos = sum(1 for _ in walk(fw)) + sum(1 for t in topics.values() for _ in walk(t))
    return fw, topics, report


def import_file(path: Path, out_dir: Path, **options: Any) -> Report:
    """Read, convert, write to out_dir and check the result loads; out_dir must not exist or be empty."""
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} already exists and is not empty: choose a new folder")
    odi = read(Path(path))
    fw, topics, report = convert(odi, **options)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.import-", dir=out_dir.parent))
    try:
        # Schema comments are worked out for the final place, which sits beside the temporary one.
        (tmp / FRAMEWORK_FILE).write_text(
            dump(fw, schema_comment(out_dir / FRAMEWORK_FILE, "framework.schema.json")), encoding="utf-8"
        )
        (tmp / TOPICS_DIR).mkdir()
        for tid, topic in topics.items():
            header = schema_comment(out_dir / TOPICS_DIR / f"{tid}.yml", "topic.schema.json")
            (tmp / TOPICS_DIR / f"{tid}.yml").write_text(dump(topic, header), encoding="utf-8")
        load_framework(tmp)  # import must validate: never hand over a framework that does not load
        if out_dir.exists():
            out_dir.rmdir()
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report
