"""What an import made, what the source lacks, and what was changed or left out on the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel


@dataclass
class Report:
    """The summary `dmf import` prints."""

    title: str
    counts: dict[str, int]
    crossing_plural: str | None  # None when the import has no crossing dimension
    lacks: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    todos: int = 0

    def text(self, out_dir: Path) -> str:
        c = self.counts
        crossing = (
            f"{c['crossing']} {self.crossing_plural.lower()} crossing them, "
            if self.crossing_plural
            else "no crossing dimension, "
        )
        lines = [
            f"Imported “{self.title}” into {out_dir}/",
            f"  {c['topics']} topics, {crossing}{c['questions']} questions, {c['levels']} levels.",
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


def extras(model: BaseModel, where: str = "", counter: Counter | None = None) -> Counter:
    """Fields the format has but the model does not read, by path, each with how many have a value."""
    counter = Counter() if counter is None else counter
    for name, value in (model.model_extra or {}).items():
        counter[f"{where}.{name}" if where else name] += 0 if value in (None, "", [], {}) else 1
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{where}.{name}" if where else name
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                extras(item, f"{path}[]" if isinstance(value, list) else path, counter)
    return counter
