"""Plain-English checks over the framework's prose: Flesch reading ease and descriptor length.

Run `python -m generator.readability framework/topics/data-quality.yml ...` to check topic files
one by one while writing, or with a framework directory to check the whole framework.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import textstat

from generator.framework.model import Framework, Model, Topic

MIN_READING_EASE = 70.0
MAX_DESCRIPTOR_WORDS = 35

textstat.set_lang("en_US")  # the standard Flesch syllable rules; en_GB scores higher


def plain(text: str) -> str:
    """Markdown into sentences a readability formula can count: drop markup, end list items."""
    text = re.sub(r"`[^`]*`", "code", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_#>]", "", text)
    lines = [ln.strip(" -") for ln in text.splitlines() if ln.strip()]
    return " ".join(ln if ln[-1] in ".!?:" else ln + "." for ln in lines)


def words(text: str) -> int:
    return len(plain(text).split())


def topic_prose(topic: Topic) -> Iterator[tuple[str, str]]:
    """Every prose field of a topic as (field path, text)."""
    yield f"{topic.id}.summary", topic.summary
    yield f"{topic.id}.why_it_matters", topic.why_it_matters
    for n, text in topic.levels.items():
        yield f"{topic.id}.levels.{n}", text
    for q in topic.questions:
        yield f"{q.id}.text", q.text
        if q.hint:
            yield f"{q.id}.hint", q.hint
        for n, text in q.answers.items():
            yield f"{q.id}.answers.{n}", text
    for s in topic.steps:
        base = f"{topic.id}.steps.from-{s.from_level}"
        for i, action in enumerate(s.actions):
            yield f"{base}.actions[{i}]", action
        yield f"{base}.milestone", s.milestone
        for i, ev in enumerate(s.evidence):
            yield f"{base}.evidence[{i}]", ev
        yield f"{base}.sharing", s.sharing


def framework_prose(fw: Framework) -> Iterator[tuple[str, str]]:
    yield "framework.summary", fw.summary
    for lv in fw.levels:
        yield f"levels.{lv.id}.summary", lv.summary
    for th in fw.themes:
        yield f"themes.{th.id}.summary", th.summary


def descriptors(topic: Topic) -> Iterator[tuple[str, str]]:
    """Level descriptors and answer descriptors: the texts a team reads to place itself."""
    for n, text in topic.levels.items():
        yield f"{topic.id}.levels.{n}", text
    for q in topic.questions:
        for n, text in q.answers.items():
            yield f"{q.id}.answers.{n}", text


def reading_ease(texts: list[str]) -> float:
    return float(textstat.flesch_reading_ease(" ".join(plain(t) for t in texts)))


def report(topics: list[Topic], fw: Framework | None = None) -> tuple[float, list[str]]:
    """Overall reading ease and the descriptors that are too long."""
    prose = [t for topic in topics for _, t in topic_prose(topic)]
    if fw:
        prose += [t for _, t in framework_prose(fw)]
    too_long = [
        f"{where}: {words(text)} words (at most {MAX_DESCRIPTOR_WORDS})"
        for topic in topics
        for where, text in descriptors(topic)
        if words(text) > MAX_DESCRIPTOR_WORDS
    ]
    return reading_ease(prose), too_long


def main(argv: list[str]) -> int:
    from generator.framework.load import load_framework
    from generator.yamlio.read import read_yaml

    topics: list[Topic] = []
    fw = None
    for arg in argv or ["framework"]:
        path = Path(arg)
        if path.is_dir():
            model: Model = load_framework(path)
            topics += model.topics
            fw = model.framework
        else:
            doc, problems = read_yaml(path, arg)
            if problems or doc is None:
                print(*problems, sep="\n")
                return 1
            topic = Topic.model_validate(doc.data)
            topics.append(topic)
            ease = reading_ease([t for _, t in topic_prose(topic)])
            print(f"{arg}: reading ease {ease:.1f}")
    ease, too_long = report(topics, fw)
    print(f"overall reading ease {ease:.1f} (at least {MIN_READING_EASE:.0f}); {len(too_long)} descriptor(s) too long")
    print(*too_long, sep="\n")
    return 0 if ease >= MIN_READING_EASE and not too_long else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
