"""The self-assessment's own data files: only what its page uses, from the same model as framework.json.

assessment.json is what the page needs to open (the framework's levels, themes, topics and question texts,
the scoring rule, the answer vocabulary and the id changes); each topic's summary, answers and hints are in
assessment-questions/<topic>.json, fetched when its section is shown (or when an export needs them), and
assessment-steps.json holds the guidance for each step up, fetched once there is a result to show. Field names are
framework.json's, so the browser reads either; prose fields are trees of safe nodes (prose_nodes).
framework.json stays the complete copy for machines.
"""

from __future__ import annotations

import json
from typing import Any

from generator.framework.model import Model, Question, Step, Topic
from generator.site import paths
from generator.site.framework_json import vocabulary
from generator.site.prose_nodes import prose_nodes
from generator.versions.ids import id_changes


def _question(q: Question) -> dict[str, Any]:
    return {"id": q.id, "text": q.text, "crossing": q.crossing} if q.crossing else {"id": q.id, "text": q.text}


def _details(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"answers": {str(n): text for n, text in q.answers.items()}}
    if q.hint:
        out["hint"] = prose_nodes(q.hint)
    return out


def questions_data(model: Model, t: Topic) -> dict[str, Any]:
    """One topic's summary, and its answers (one per level) and hints by question id."""
    return {
        "version": model.framework.version,
        "topic": t.id,
        "summary": prose_nodes(t.summary),
        "questions": {q.id: _details(q) for q in t.questions},
    }


def _topic(model: Model, t: Topic) -> dict[str, Any]:
    return {
        "id": t.id,
        "title": t.title,
        "theme": model.theme_of(t.id).id,
        "page": paths.url(paths.topic(t.id)),
        "details": paths.url(paths.assessment_questions(t.id)),
        "questions": [_question(q) for q in t.questions],
    }


def assessment_data(model: Model) -> dict[str, Any]:
    """What the self-assessment page reads when it opens."""
    fw = model.framework
    return {
        "id": fw.id,
        "title": fw.title,
        "version": fw.version,
        "released": fw.released.isoformat(),
        "levels": [{"number": lv.number, "name": lv.name, "summary": prose_nodes(lv.summary)} for lv in fw.levels],
        "themes": [{"id": th.id, "title": th.title, "topics": th.topics} for th in fw.themes],
        "crossing": (
            {
                "name": fw.crossing.name,
                "plural": fw.crossing.plural,
                "values": [{"id": cv.id, "title": cv.title} for cv in fw.crossing.values],
            }
            if fw.crossing
            else None
        ),
        "scoring": fw.scoring.model_dump(mode="json"),
        "steps": paths.url(paths.ASSESSMENT_STEPS_JSON),
        "topics": [_topic(model, t) for t in model.topics],
        # Old versions' question ids -> current ids, so saved answers can be migrated.
        "id_changes": id_changes(model),
        "vocabulary": vocabulary(),
    }


def _step(s: Step) -> dict[str, Any]:
    return {
        "from": s.from_level,
        "timescale": s.timescale,
        "actions": [prose_nodes(a) for a in s.actions],
        "milestone": prose_nodes(s.milestone),
        "involve": list(s.involve),
        "evidence": [prose_nodes(e) for e in s.evidence],
        "sharing": prose_nodes(s.sharing),
    }


def steps_data(model: Model) -> dict[str, Any]:
    """The guidance for every step up, by topic id: what the result, next steps and roadmap show."""
    return {"version": model.framework.version, "steps": {t.id: [_step(s) for s in t.steps] for t in model.topics}}


def _compact(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def files(model: Model) -> dict[str, str]:
    out = {
        paths.ASSESSMENT_JSON: _compact(assessment_data(model)),
        paths.ASSESSMENT_STEPS_JSON: _compact(steps_data(model)),
    }
    out.update({paths.assessment_questions(t.id): _compact(questions_data(model, t)) for t in model.topics})
    return out
