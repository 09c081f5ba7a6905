"""Three versions of one small framework, with ids renamed, split, merged, moved and removed between them.

1.0.0  theme-a: topic-0, topic-1, topic-2 (questions topic-T-q-0 .. topic-T-q-2)
2.0.0  topic-2 becomes topic-renamed; topic-0-q-0 splits into topic-0-q-0a and topic-0-q-0b;
       topic-0-q-1 is removed; topic-1-q-2 moves to topic-0; topic-1 moves to a new theme-b with a
       new topic-3; one level descriptor and one answer are reworded.
3.0.0  topic-renamed becomes topic-final; topic-2-q-0 and topic-2-q-1 merge into topic-2-q-01;
       topic-3 and its questions are removed; topic-0 splits into topic-0a and topic-0b.

Each earlier version is released with the real `dmf release`, and its copy carried forward.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from generator.cli import main

from .factory import framework_dict, write_framework

CHANGES_2 = """\
  - version: 2.0.0
    summary: Each question now asks one thing.
    ids:
      - from: topic-2
        to: [topic-renamed]
      - from: topic-0-q-0
        to: [topic-0-q-0a, topic-0-q-0b]
        note: It asked two things at once.
      - from: topic-0-q-1
        to: []
"""

CHANGES_3 = """\
  - version: 3.0.0
    ids:
      - from: topic-renamed
        to: [topic-final]
      - from: topic-2-q-0
        to: [topic-2-q-01]
      - from: topic-2-q-1
        to: [topic-2-q-01]
      - from: topic-3
        to: []
      - from: topic-3-q-0
        to: []
      - from: topic-3-q-1
        to: []
      - from: topic-3-q-2
        to: []
      - from: topic-0
        to: [topic-0a, topic-0b]
"""

HEADER = "# yaml-language-server: $schema=../site_src/schema/changes.schema.json\nversions:\n"


def _question(topics: dict, topic: str, qid: str) -> dict:
    return next(q for q in topics[topic]["questions"] if q["id"] == qid)


def _take(topics: dict, topic: str, qid: str) -> dict:
    q = _question(topics, topic, qid)
    topics[topic]["questions"].remove(q)
    return q


def version_1() -> tuple[dict, dict]:
    fw, topics = framework_dict(topics=3, questions=3)
    fw["version"], fw["released"] = "1.0.0", "2026-01-01"
    return fw, topics


def version_2() -> tuple[dict, dict]:
    fw, topics = copy.deepcopy(version_1())
    fw["version"], fw["released"] = "2.0.0", "2026-04-01"
    renamed = topics.pop("topic-2")
    renamed["id"] = "topic-renamed"
    topics["topic-renamed"] = renamed
    q = _take(topics, "topic-0", "topic-0-q-0")
    topics["topic-0"]["questions"][0:0] = [
        dict(q, id="topic-0-q-0a", text="First half of question 0?"),
        dict(q, id="topic-0-q-0b", text="Second half of question 0?"),
    ]
    _take(topics, "topic-0", "topic-0-q-1")
    topics["topic-0"]["questions"].append(_take(topics, "topic-1", "topic-1-q-2"))
    topics["topic-1"]["levels"][3] = "Topic 1 at level 3, now said better."
    _question(topics, "topic-1", "topic-1-q-0")["answers"][2] = "A clearer answer for level 2."
    new = copy.deepcopy(topics["topic-1"])
    new["id"], new["title"] = "topic-3", "Topic 3"
    new["questions"] = [dict(q, id=f"topic-3-q-{i}") for i, q in enumerate(version_1()[1]["topic-0"]["questions"])]
    topics["topic-3"] = new
    fw["themes"][0]["topics"] = ["topic-0", "topic-renamed"]
    fw["themes"].append(
        {"id": "theme-b", "title": "Theme B", "summary": "The second theme.", "topics": ["topic-1", "topic-3"]}
    )
    for t in topics.values():
        t["related"] = []
    return fw, topics


def version_3() -> tuple[dict, dict]:
    fw, topics = copy.deepcopy(version_2())
    fw["version"], fw["released"] = "3.0.0", "2026-09-01"
    final = topics.pop("topic-renamed")
    final["id"], final["title"] = "topic-final", "Topic 2, final"
    q0 = _take({"t": final}, "t", "topic-2-q-0")
    _take({"t": final}, "t", "topic-2-q-1")
    final["questions"].insert(0, dict(q0, id="topic-2-q-01", text="Questions 0 and 1 of topic 2, together?"))
    topics["topic-final"] = final
    del topics["topic-3"]
    old = topics.pop("topic-0")
    a, b = copy.deepcopy(old), copy.deepcopy(old)
    a["id"], a["title"], a["questions"] = "topic-0a", "Topic 0, part A", old["questions"][:2]
    b["id"], b["title"], b["questions"] = "topic-0b", "Topic 0, part B", old["questions"][2:]
    topics["topic-0a"], topics["topic-0b"] = a, b
    fw["themes"][0]["topics"] = ["topic-0a", "topic-0b", "topic-final"]
    fw["themes"][1]["topics"] = ["topic-1"]
    return fw, topics


def _release(framework: Path) -> Path:
    assert main(["release", "--framework", str(framework)]) == 0
    return framework / "releases"


def write_versions(root: Path) -> dict[str, Path]:
    """root/v1, root/v2, root/v3: each a framework folder holding the earlier versions' released copies."""
    v1 = write_framework(root / "v1", *version_1())
    v2 = write_framework(root / "v2", *version_2())
    v3 = write_framework(root / "v3", *version_3())
    shutil.copytree(_release(v1), v2 / "releases")
    (v2 / "changes.yml").write_text(HEADER + CHANGES_2, encoding="utf-8")
    shutil.copytree(_release(v2), v3 / "releases")
    (v3 / "changes.yml").write_text(HEADER + CHANGES_2 + CHANGES_3, encoding="utf-8")
    return {"1.0.0": v1, "2.0.0": v2, "3.0.0": v3}
