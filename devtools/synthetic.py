"""Synthetic frameworks of any shape, for tests and benchmarks that must not depend on the shipped one."""

from __future__ import annotations

from pathlib import Path

import yaml

JAPANESE = ["始めている", "探っている", "整えている", "根付いている", "続けている", "広げている", "導いている"]


_WORDS = "the team checks each dataset before it is shared and records what it finds in one place".split()


def filler(n: int, seed: int = 0) -> str:
    """n words of plain, deterministic prose, so synthetic pages weigh what real ones do."""
    words = [_WORDS[(seed + i * 7) % len(_WORDS)] for i in range(n)]
    return " ".join(words[i] + ("." if i % 12 == 11 else "") for i in range(n)).capitalize() + "."


def framework_dict(
    *,
    start: int = 1,
    n_levels: int = 5,
    crossing: bool = False,
    japanese: bool = False,
    topics: int = 2,
    questions: int = 2,
    rule: str = "median",
    realistic: bool = False,
) -> tuple[dict, dict[str, dict]]:
    """A valid framework as (framework.yml data, {topic id: topic data}).

    realistic=True fills prose to about 1,250 words a topic page, like the shipped framework.
    """
    numbers = list(range(start, start + n_levels))

    def text(short: str, words: int, seed: int = 0) -> str:
        return f"{short} {filler(words, seed)}" if realistic else short

    def name(i: int, what: str) -> str:
        return f"{JAPANESE[i % len(JAPANESE)]} {what}" if japanese else f"{what.title()} {i}"

    fw = {
        "id": "test-framework",
        "title": "テスト成熟度モデル" if japanese else "Test framework",
        "summary": "A framework made by the tests.",
        "version": "1.2.3",
        "released": "2026-01-31",
        "licence": "Open Government Licence v3.0",
        "levels": [
            {"number": n, "id": f"level-{n}", "name": name(n, "stage"), "summary": f"Summary of level {n}."}
            for n in numbers
        ],
        "themes": [
            {
                "id": "theme-a",
                "title": name(0, "theme"),
                "summary": "Theme summary.",
                "topics": [f"topic-{t}" for t in range(topics)],
            }
        ],
        "scoring": {"rule": rule},
    }
    if crossing:
        fw["crossing"] = {
            "name": "Activity",
            "plural": "Activities",
            "values": [
                {"id": "culture", "title": "文化" if japanese else "Culture"},
                {"id": "tools", "title": "道具" if japanese else "Tools"},
            ],
        }
    topic_files = {}
    for t in range(topics):
        qs = []
        for q in range(questions):
            item = {
                "id": f"topic-{t}-q-{q}",
                "text": f"{name(q, 'question')} {t}?",
                "answers": {n: text(f"Answer {n} to question {q}.", 18, n + q) for n in numbers},
            }
            if crossing:
                item["crossing"] = ["culture", "tools"][q % 2]
            qs.append(item)
        topic_files[f"topic-{t}"] = {
            "id": f"topic-{t}",
            "title": name(t, "topic"),
            "summary": f"Summary of topic {t}.",
            "why_it_matters": text("It matters.", 60, t),
            "levels": {n: text(f"Topic {t} at level {n}.", 24, n) for n in numbers},
            "questions": qs,
            "steps": [
                {
                    "from": n,
                    "actions": [
                        text(a, 18, i)
                        for i, a in enumerate(
                            ["First action.", "Second action.", "Third action.", "Fourth action."][
                                : 4 if realistic else 3
                            ]
                        )
                    ],
                    "milestone": text("A milestone.", 18, n),
                    "involve": ["service manager"],
                    "evidence": [text("Evidence.", 14, n), text("More evidence.", 14, n + 1)]
                    if realistic
                    else ["Evidence."],
                    "timescale": "3 months",
                    "sharing": text("Share something safely.", 40, n),
                }
                for n in numbers[:-1]
            ],
            "related": [f"topic-{(t + 1) % topics}"] if topics > 1 else [],
        }
    return fw, topic_files


def write_framework(directory: Path, fw: dict, topics: dict[str, dict]) -> Path:
    (directory / "topics").mkdir(parents=True, exist_ok=True)
    dump = dict(allow_unicode=True, sort_keys=False, default_flow_style=False)
    (directory / "framework.yml").write_text(yaml.safe_dump(fw, **dump), encoding="utf-8")
    for tid, topic in topics.items():
        (directory / "topics" / f"{tid}.yml").write_text(yaml.safe_dump(topic, **dump), encoding="utf-8")
    return directory


def make_framework(directory: Path, **shape) -> Path:
    return write_framework(directory, *framework_dict(**shape))
