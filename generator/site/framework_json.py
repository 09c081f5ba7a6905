"""The framework as data for machines: framework.json for the browser, and JSON Schemas for editors."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.framework import answers, discovery
from generator.framework.model import Changes, Framework, Model, Topic
from generator.results.groups import GROUP_KINDS
from generator.site import paths
from generator.versions.ids import id_changes

SCHEMA_FILES = {"framework.schema.json": Framework, "topic.schema.json": Topic, "changes.schema.json": Changes}


def vocabulary() -> dict[str, Any]:
    """What answers and peer groups are called, so the browser code restates none of it."""
    return {
        **answers.vocabulary(),
        "group_kinds": [{"kind": k.kind, "label": k.label} for k in GROUP_KINDS],
        "discovery": discovery.vocabulary(),
    }


def framework_data(model: Model) -> dict[str, Any]:
    """The one machine-readable copy of the framework that browser code reads."""
    data = model.framework.model_dump(mode="json", by_alias=True)
    data["topics"] = []
    for t in model.topics:
        td = t.model_dump(mode="json", by_alias=True)
        td["theme"] = model.theme_of(t.id).id
        td["page"] = paths.url(paths.topic(t.id))
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
