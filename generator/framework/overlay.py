"""Language overlays: the framework's text in another language, read with positions and applied to the Model.

`framework/translations/<lang>/framework.yml` translates the framework file, and
`framework/translations/<lang>/topics/<topic-id>.yml` one topic. Each translated text is a mapping
`{text: ..., source: <fingerprint of the default-language text>}` (see overlay_spec), so a translation whose
source changed since is found. Missing and stale translations are warnings (`dmf validate --strict` refuses
them) and the pages show the default-language text for them with a notice; everything else is an error.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.framework import prose
from generator.framework.model import LANGUAGE_PATTERN, Framework, Model, Topic
from generator.framework.overlay_spec import FRAMEWORK, TOPIC, Slot, extras, fingerprint, get, put, slots
from generator.yamlio.problems import Problem
from generator.yamlio.read import Document, read_yaml

TRANSLATIONS_DIR = "translations"
FRAMEWORK_OVERLAY = "framework.yml"
TOPICS_OVERLAY = "topics"
# Top-level fields of an overlay's framework.yml that are about the translation, not translations.
ABOUT = {
    "name": "the language's name in itself, for the language switcher",
    "draft": "true until a speaker of the language has reviewed it: the pages say so",
    "untranslated": "ids of topics knowingly left untranslated for now: their pages say so, and --strict accepts it",
}
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
# Codes of the problems a site can be built with: the page shows the default-language text instead.
WARNINGS = frozenset({"missing-translation", "stale-translation"})


@dataclass(frozen=True)
class Translation:
    """The framework in one more language: a translated Model, and where it still shows the default language."""

    language: str
    source: str  # the framework's own language, which it is translated from
    name: str  # the language's name in itself, e.g. "Cymraeg"
    draft: bool  # awaiting review by a speaker of the language: the pages say so
    model: Model
    fallback: frozenset[str]  # "framework" and ids of topics with text left in the default language
    untranslated: frozenset[str] = frozenset()  # ids of topics with no translation at all
    kept: frozenset[str] = frozenset()  # every default-language text shown untranslated, so pages can mark it
    warnings: tuple[Problem, ...] = ()  # missing and stale translations


def _shown(path: Path) -> str:
    from generator.framework.load import shown_path  # the loader's rule for paths in messages

    return shown_path(path)


def load_translations(directory: Path, model: Model) -> tuple[list[Translation], list[Problem]]:
    """Every overlay under directory/translations, applied to model; (translations, problems of every kind)."""
    root = directory / TRANSLATIONS_DIR
    if not root.is_dir():
        return [], []
    found: list[Translation] = []
    problems: list[Problem] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        mine: list[Problem] = []
        translation = _load_language(directory, folder, model, mine)
        problems += mine
        if translation is not None:
            found.append(translation)
    return found, problems


def _load_language(directory: Path, folder: Path, model: Model, problems: list[Problem]) -> Translation | None:
    lang = folder.name
    fw_path = folder / FRAMEWORK_OVERLAY
    if not re.fullmatch(LANGUAGE_PATTERN, lang) or lang == model.framework.language:
        message = (
            f"'{lang}' is the framework's own language: translations are for other languages"
            if lang == model.framework.language
            else f"'{lang}' is not a language tag such as cy or fr-CA: name the folder after its language"
        )
        problems.append(Problem(_shown(folder), 1, None, "", message, code="bad-format"))
        return None
    if not fw_path.is_file():
        problems.append(
            Problem(
                _shown(fw_path), 1, None, "", "file not found: a translation needs framework.yml", code="file-not-found"
            )
        )
        return None
    fw_doc, found = read_yaml(fw_path, _shown(fw_path))
    problems += found
    if fw_doc is None:
        return None
    about = {k: fw_doc.data.get(k) for k in ABOUT}
    if not isinstance(about["name"], str) or not about["name"].strip():
        problems.append(
            fw_doc.problem(("name",), "required: the language's name in itself, e.g. Cymraeg", code="missing-field")
        )
    if about["draft"] is not None and not isinstance(about["draft"], bool):
        problems.append(fw_doc.problem(("draft",), "must be true or false", code="invalid-value"))
    left = about["untranslated"] or []
    if not isinstance(left, list) or not all(isinstance(i, str) for i in left):
        problems.append(fw_doc.problem(("untranslated",), "must be a list of topic ids", code="invalid-value"))
        left = []
    known = {t.id for t in model.topics}
    for i, topic_id in enumerate(left):
        if topic_id not in known:
            problems.append(
                fw_doc.problem(
                    ("untranslated", i), f"'{topic_id}' is not a topic of the framework", code="unknown-translation"
                )
            )
    fw_overlay = {k: v for k, v in fw_doc.data.items() if k not in ABOUT}
    fallback: set[str] = set()
    source = model.framework.model_dump(mode="python", by_alias=True)
    kept: set[str] = set()
    fw_data, complete = _apply(fw_doc, fw_overlay, FRAMEWORK, source, problems, kept)
    if not complete:
        fallback.add("framework")
    fw_data["language"] = lang

    topics_dir = folder / TOPICS_OVERLAY
    by_id = {t.id: t for t in model.topics}
    for path in sorted(topics_dir.glob("*.yml")) if topics_dir.is_dir() else []:
        if path.stem not in by_id:
            problems.append(
                Problem(
                    _shown(path),
                    1,
                    None,
                    "",
                    f"'{path.stem}' is not a topic of the framework",
                    code="unknown-translation",
                )
            )
    topics_data = []
    for topic in model.topics:
        source = topic.model_dump(mode="python", by_alias=True)
        path = topics_dir / f"{topic.id}.yml"
        data = None
        if not path.is_file() and topic.id not in left:
            problems.append(
                Problem(
                    _shown(directory / "topics" / f"{topic.id}.yml"),
                    1,
                    None,
                    "",
                    f"no {lang} translation ({_shown(path)}): translate it, or list it under untranslated in "
                    f"{_shown(fw_path)}; its pages show its text untranslated meanwhile",
                    code="missing-translation",
                )
            )
        elif path.is_file():
            doc, found = read_yaml(path, _shown(path))
            problems += found
            data, complete = _apply(doc, doc.data, TOPIC, source, problems, kept) if doc else (None, False)
            if not complete:
                fallback.add(topic.id)
        if data is None:
            fallback.add(topic.id)
            kept.update(slot.text for slot in slots(TOPIC, source))
        topics_data.append(data or source)
    if any(p.code not in WARNINGS for p in problems):
        return None
    translated = Model(
        framework=Framework.model_validate(fw_data),
        topics=[Topic.model_validate(d) for d in topics_data],
        history=model.history,
    )
    return Translation(
        language=lang,
        source=model.framework.language,
        name=str(about["name"]).strip(),
        draft=bool(about["draft"]),
        model=translated,
        fallback=frozenset(fallback),
        untranslated=frozenset(t.id for t in model.topics if not (topics_dir / f"{t.id}.yml").is_file()),
        warnings=tuple(problems),
        kept=frozenset(kept),
    )


def _apply(
    doc: Document, overlay: dict, spec: dict, source: dict, problems: list[Problem], kept: set[str]
) -> tuple[dict, bool]:
    """The source with every fresh translation in place, and whether every text has one (kept: those without)."""
    for loc, message in extras(spec, source, overlay):
        problems.append(doc.problem(loc, message, key=True, code="unknown-translation"))
    out = copy.deepcopy(source)
    complete = True
    for slot in slots(spec, source):
        text = _translated(doc, slot, get(overlay, slot.overlay), problems)
        if text is None:
            complete = False
            kept.add(slot.text)
        else:
            put(out, slot.source, text)
    return out, complete


def _translated(doc: Document, slot: Slot, given: Any, problems: list[Problem]) -> str | None:
    """The translation of one text, if it is there, well formed, in the dialect and fresh; else a problem."""
    loc = slot.overlay
    if given is None:
        problems.append(
            doc.problem(loc, "no translation yet: the default-language text is shown", code="missing-translation")
        )
        return None
    if not isinstance(given, dict) or set(given) - {"text", "source"} or not isinstance(given.get("text"), str):
        problems.append(
            doc.problem(loc, "write a translation as text: ... and source: <fingerprint>", code="bad-translation")
        )
        return None
    text = given["text"].strip()
    why = _refused(text, slot.kind)
    if why:
        problems.append(doc.problem((*loc, "text"), why, code=why.code))
        return None
    source = str(given.get("source", ""))
    if not _FINGERPRINT.fullmatch(source):
        problems.append(
            doc.problem(
                (*loc, "source"),
                f"source must be the fingerprint of the text translated: {fingerprint(slot.text)} for today's text",
                code="bad-translation",
            )
        )
        return None
    if source != fingerprint(slot.text):
        problems.append(
            doc.problem(
                (*loc, "source"),
                f"stale: the text it translates changed since (fingerprint {source}, now {fingerprint(slot.text)}); "
                "check the translation, then set source to the new fingerprint",
                code="stale-translation",
            )
        )
        return None
    return text


class _Why(str):
    code: str


def _refused(text: str, kind: str) -> _Why | None:
    """Why a translated text is refused: the same checks as the source's text (the prose dialect for prose)."""

    def why(message: str, code: str) -> _Why:
        out = _Why(message)
        out.code = code
        return out

    if not text:
        return why("must not be empty", "empty-text")
    try:
        prose.no_controls(text)
    except ValueError as err:
        return why(str(err), "control-character")
    found = prose.problems(text) if kind == "prose" else []
    return why(found[0], "not-in-dialect") if found else None


def skeleton(model: Model, translate=None) -> tuple[dict, dict[str, dict]]:
    """Overlay data for every text of model: (framework.yml, {topic id: topic file}), each text beside its
    fingerprint. translate(kind, text) gives the translated text; without it the text is copied, to translate.
    """
    translate = translate or (lambda kind, text: text)

    def fill(spec: dict, source: dict) -> dict:
        out: dict = {}
        for slot in slots(spec, source):
            place = out
            for part in slot.overlay[:-1]:
                place = place.setdefault(part, {})
            place[slot.overlay[-1]] = {"text": translate(slot.kind, slot.text), "source": fingerprint(slot.text)}
        return _lists(spec, out)

    fw = fill(FRAMEWORK, model.framework.model_dump(mode="python", by_alias=True))
    topics = {t.id: fill(TOPIC, t.model_dump(mode="python", by_alias=True)) for t in model.topics}
    return fw, topics


def _lists(spec: object, data: object) -> object:
    """Items (a step's actions, roles, evidence) as YAML lists, in order, rather than mappings keyed 0, 1, 2."""
    from generator.framework.overlay_spec import ById, ByKey, Items

    if isinstance(spec, Items) and isinstance(data, dict):
        return [data[i] for i in sorted(data)]
    if isinstance(spec, dict) and isinstance(data, dict):
        return {k: _lists(spec.get(k), v) for k, v in data.items()}
    if isinstance(spec, ById) and isinstance(data, dict):
        return {k: _lists(spec.fields, v) for k, v in data.items()}
    if isinstance(spec, ByKey):
        return data
    return data
