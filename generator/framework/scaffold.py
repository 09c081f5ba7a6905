"""`dmf new topic`: a complete topic file in which every piece of text is marked TODO, listed in its theme."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.framework.load import FRAMEWORK_FILE, TOPICS_DIR, load_framework
from generator.framework.model import ID_PATTERN, Model
from generator.framework.todos import todo, walk
from generator.yamlio.problems import InputError
from generator.yamlio.write import dump, edit, schema_comment

HEADER_NOTE = "# Replace every TODO with real text. `dmf validate --strict` lists the ones left."


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class NewTopic:
    path: Path
    todos: int
    layout_kept: bool  # False when framework.yml could not be rewritten without other changes


def all_ids(model: Model) -> set[str]:
    fw = model.framework
    ids = {fw.id, *(lv.id for lv in fw.levels), *(th.id for th in fw.themes)}
    ids |= {cv.id for cv in fw.crossing.values} if fw.crossing else set()
    return ids | {t.id for t in model.topics} | {q.id for _, q in model.questions()}


def step_skeletons(levels: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Guidance for every step up, each part marked TODO; levels are (number, name) in order."""
    return [
        {
            "from": a,
            "actions": [todo(f"action {i} for moving from {a_name} to {b_name}") for i in (1, 2, 3)],
            "milestone": todo(f"what shows an organisation has reached {b_name}"),
            "involve": [todo("a role to involve (roles, never names)")],
            "evidence": [todo("what shows progress along the way")],
            "timescale": todo("a typical time, such as 3 to 6 months"),
            "sharing": todo("an opportunity to share data safely at this stage"),
        }
        for (a, a_name), (_, b_name) in zip(levels, levels[1:], strict=False)
    ]


def topic_skeleton(model: Model, topic_id: str, title: str | None = None, questions: int = 3) -> dict[str, Any]:
    """A topic that validates, with every level, answer and step written as TODO."""
    fw = model.framework
    levels = fw.levels
    name = title or "this topic"

    def at(n: int) -> str:
        return f"level {n} ({model.level(n).name})"

    qs = []
    for k in range(1, questions + 1):
        q: dict[str, Any] = {
            "id": f"{topic_id}-question-{k}",
            "text": todo(f"question {k}, asked so that each answer below is one level"),
        }
        if fw.crossing:
            q["crossing"] = fw.crossing.values[0].id
        q["answers"] = {lv.number: todo(f"the answer that describes {at(lv.number)}") for lv in levels}
        qs.append(q)
    return {
        "id": topic_id,
        "title": title or todo("the title of the topic"),
        "summary": todo(f"what {name} covers, in one or two sentences"),
        "why_it_matters": todo(f"why {name} matters for services and the people who use them"),
        "levels": {lv.number: todo(f"what {name} looks like at {at(lv.number)}") for lv in levels},
        "questions": qs,
        "steps": step_skeletons([(lv.number, lv.name) for lv in levels]),
        "related": [],
    }


def new_topic(
    framework_dir: Path, topic_id: str, theme_id: str, title: str | None = None, questions: int = 3
) -> NewTopic:
    """Write topics/<id>.yml and list the id in its theme; leave everything as it was if the result is invalid."""
    framework_dir = Path(framework_dir)
    model = load_framework(framework_dir)  # refuse to add to a framework that is already broken
    if not re.fullmatch(ID_PATTERN, topic_id) or len(topic_id) > 60:
        raise ScaffoldError(
            f"'{topic_id}' is not a valid topic id: use lowercase ASCII letters, digits and single hyphens, "
            "at most 60 characters (such as data-quality)"
        )
    if questions < 1:
        raise ScaffoldError("a topic needs at least one question")
    themes = [th.id for th in model.framework.themes]
    if theme_id not in themes:
        raise ScaffoldError(f"there is no theme '{theme_id}': choose one of {', '.join(themes)}")
    skeleton = topic_skeleton(model, topic_id, title, questions)
    taken = all_ids(model) & {topic_id, *(q["id"] for q in skeleton["questions"])}
    if taken:
        raise ScaffoldError(f"{', '.join(sorted(taken))}: already used in the framework; ids must be unique")
    path = framework_dir / TOPICS_DIR / f"{topic_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")

    fw_path = framework_dir / FRAMEWORK_FILE
    original = fw_path.read_bytes()
    try:
        header = _sibling_schema_comment(path.parent) or schema_comment(path, "topic.schema.json")
        path.write_text(dump(skeleton, "\n".join(h for h in (header, HEADER_NOTE) if h)), encoding="utf-8")

        def add(tree: Any) -> None:
            theme = next(th for th in tree["themes"] if th["id"] == theme_id)
            theme["topics"].append(topic_id)

        kept = edit(fw_path, add)
        load_framework(framework_dir)
    except (InputError, OSError, ValueError):
        # Leave the folder as it was: a half-made topic is worse than none.
        fw_path.write_bytes(original)
        path.unlink(missing_ok=True)
        raise
    return NewTopic(path, sum(1 for _ in walk(skeleton)), kept)


def _sibling_schema_comment(topics_dir: Path) -> str | None:
    """The schema comment the other topic files use, so a new file points where they do."""
    for other in sorted(topics_dir.glob("*.yml")):
        with other.open(encoding="utf-8") as f:
            first = f.readline().rstrip("\n")
        if first.startswith("# yaml-language-server: $schema="):
            return first
    return None
