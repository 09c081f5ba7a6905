"""Import a framework kept in the Open Data Institute's maturity-tool JSON format.

The format (as the ODI's maturity tool publishes it):

    {"title": ..., "description": "<p>HTML</p>", "organisation": {"name": ...}, "levels": ["Beginning", ...],
     "dimensions": [{"name": ..., "activities": [{"title": ..., "questions": [
         {"text": ..., "context": ..., "statements": [{"text": ..., "associatedLevel": 1, "tags": []}]}]}]}]}

Dimensions become topics, and statements the answers, keyed by their level. The organisation's name
becomes the framework's publisher, shown beside the licence.

Activities become a crossing dimension only when they really cross the topics: when at least two
activities (told apart by title, ignoring case) each hold questions in at least two topics. Otherwise
they are a tree under the topics (each inside one topic) or the topics again (one activity per topic,
with its name), and a crossing would be a diagonal or mostly empty table; there is then no crossing,
and the report says what the activities were. The older yes/no form of the format is refused (see
odi_read).

Ids come from names: topics first, so they keep their natural ids, then levels, the theme, crossing
values and questions (see ids.py for question ids). What the format has no place for (level
summaries, topic descriptors, guidance for each step, a licence, themes) is written as TODO and
listed in the report.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.framework.load import FRAMEWORK_FILE, TOPICS_DIR, load_framework, shown_path
from generator.framework.prose import defuse
from generator.framework.scaffold import step_skeletons
from generator.framework.todos import todo, walk
from generator.importers.ids import Ids, prefixes, question_ids, slug
from generator.importers.odi_read import OdiFramework, level_numbers, publisher, read
from generator.importers.report import Report, extras
from generator.importers.text import html_text, is_html
from generator.yamlio.problems import InputError
from generator.yamlio.write import dump, schema_comment

CROSSING_ACTIVITIES = 2  # activities that must each span two topics or more for a crossing
# framework.yml fields that come from a command-line option rather than from the source
OPTIONS = {"language": "--language", "version": "--version", "released": "--released"}


class OptionError(ValueError):
    """An option's value that the framework file format refuses: the message names the option."""


def activity_spans(odi: OdiFramework) -> dict[str, tuple[str, set[int]]]:
    """Each activity with questions (by folded title): its first title and the topics it has questions in."""
    spans: dict[str, tuple[str, set[int]]] = {}
    for i, d in enumerate(odi.dimensions):
        for a in d.activities:
            if a.questions:
                spans.setdefault(a.title.casefold(), (a.title, set()))[1].add(i)
    return spans


def crosses(odi: OdiFramework) -> bool:
    """Whether the activities cross the topics (see the module's docstring)."""
    return sum(len(topics) >= 2 for _, topics in activity_spans(odi).values()) >= CROSSING_ACTIVITIES


def _no_crossing_note(odi: OdiFramework) -> tuple[str, str]:
    """What the activities were when they are no crossing: ('changed' or 'ignored', the report's line)."""
    spans = activity_spans(odi)
    if all(title.casefold() == odi.dimensions[min(t)].name.casefold() and len(t) == 1 for title, t in spans.values()):
        return (
            "changed",
            f"No crossing dimension: the {len(spans)} activities are the topics again (one in each, with its name)",
        )
    wide = sum(len(t) >= 2 for _, t in spans.values())
    why = (
        "each inside one topic, so they do not cross the topics"
        if wide == 0
        else f"only {wide} in more than one topic, and a crossing needs {CROSSING_ACTIVITIES}"
    )
    return "ignored", f"the activity each question sits in ({len(spans)} activities, {why})"


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

    topic_ids = [ids.claim(slug(d.name), f"topic-{i + 1}", f"Topic “{d.name}”") for i, d in enumerate(odi.dimensions)]
    levels = [
        {
            "number": n,
            "id": ids.claim(slug(name), f"level-{n}", f"Level {n}", f"level-{slug(name) or n}"),
            "name": name,
            "summary": todo(f"what {name} means, in a sentence or two"),
        }
        for n, name in zip(numbers, odi.levels, strict=True)
    ]
    theme_id = ids.claim("all-topics", "all-topics", "The theme", "all-topics-theme")
    fw_id = ids.claim(slug(odi.title), "imported-framework", "The framework", "imported-framework")

    crossing_values: dict[str, dict[str, str]] = {}  # activity title (folded) -> value
    if crosses(odi):
        for key, (title, _) in activity_spans(odi).items():
            wanted = slug(title)
            what = f"{crossing_name} “{title}”"
            fallback = f"{slug(crossing_name) or 'activity'}-{len(crossing_values) + 1}"
            alternative = f"{wanted}-{slug(crossing_name)}" if wanted and slug(crossing_name) else fallback
            crossing_values[key] = {"id": ids.claim(wanted, fallback, what, alternative), "title": title}

    report = Report(odi.title, {}, crossing_plural if crossing_values else None)
    missing_answers: list[str] = []
    skipped: list[str] = []
    topics: dict[str, dict[str, Any]] = {}
    question_count = 0
    described = 0
    for d, tid, prefix in zip(odi.dimensions, topic_ids, prefixes(topic_ids), strict=True):
        pairs = [(a, q) for a in d.activities for q in a.questions]
        questions = []
        for (a, q), wanted in zip(pairs, question_ids(prefix, [q.text for _, q in pairs]), strict=True):
            question_count += 1
            qid = ids.claim(wanted, wanted, f"Question “{q.text}”")
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
            if crossing_values:
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
    fw: dict[str, Any] = {
        "id": fw_id,
        "title": odi.title,
        "summary": summary or todo("what the framework is for, in a sentence or two"),
        "version": version,
        "released": released,
        "licence": todo("the licence that the framework text is published under"),
    }
    if publisher(odi):
        fw["publisher"] = publisher(odi)
    fw |= {
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
    }
    if crossing_values:
        fw["crossing"] = {"name": crossing_name, "plural": crossing_plural, "values": list(crossing_values.values())}
    fw |= {"scoring": {"rule": "median", "minimum_answers": 1}, "minimum_group_size": 10}

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
        "a licence (licence in framework.yml)"
        + ("" if publisher(odi) else "; nor who publishes the framework (publisher in framework.yml)"),
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
    found = extras(odi)
    tags = [s.tags for d in odi.dimensions for a in d.activities for q in a.questions for s in q.statements]
    if any(t is not None for t in tags):
        found["dimensions[].activities[].questions[].statements[].tags"] += sum(
            1 for t in tags for v in (t or []) if v not in (None, "")
        )
    report.ignored = [name + ("" if with_values else " (always empty)") for name, with_values in sorted(found.items())]
    if not crossing_values:
        section, note = _no_crossing_note(odi)
        getattr(report, section).insert(-1 if section == "changed" else len(report.ignored), note)
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
        try:
            load_framework(tmp)  # import must validate: never hand over a framework that does not load
        except InputError as err:
            raise _for_the_user(err, tmp, out_dir, fw) from None
        if out_dir.exists():
            out_dir.rmdir()
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report


def _for_the_user(err: InputError, tmp: Path, out_dir: Path, fw: dict[str, Any]) -> Exception:
    """Problems in the temporary folder as the user can act on them: an option by its name, else the final path."""
    fw_file = shown_path(tmp / FRAMEWORK_FILE)
    options = sorted({OPTIONS[p.field] for p in err.problems if p.file == fw_file and p.field in OPTIONS})
    if options:
        return OptionError(
            "; ".join(f"{o} {fw[o.removeprefix('--')]}: {_reason(err, o.removeprefix('--'))}" for o in options)
        )
    shown_tmp, shown_out = shown_path(tmp), shown_path(out_dir)
    return InputError([replace(p, file=p.file.replace(shown_tmp, shown_out, 1)) for p in err.problems])


def _reason(err: InputError, field: str) -> str:
    return next(p.message for p in err.problems if p.field == field)
