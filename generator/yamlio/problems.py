"""Problems found in input files, reported all at once with file, line and field."""

from __future__ import annotations

from dataclasses import dataclass

# A message quotes what it found; a 50 MB value must not come back as a 50 MB message.
MAX_MESSAGE = 400
MAX_FIELD = 120


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 30]}... ({len(text):,} characters in all)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int | None
    field: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", _cap(self.field, MAX_FIELD))
        object.__setattr__(self, "message", _cap(self.message, MAX_MESSAGE))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InputError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
