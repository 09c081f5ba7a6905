"""results/groups.yml: the rounds and peer groups that results may use, and the kinds of peer group."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from generator.framework.load import read_model, shown_path
from generator.framework.model import Id, Strict, Text
from generator.yamlio.problems import Problem

GROUPS_FILE = "groups.yml"


@dataclass(frozen=True)
class GroupKind:
    """A way of grouping peers: a column of the results, a list in groups.yml, and how pages name it."""

    kind: str  # the results column, and the prefix of its group ids (org_type:<value>)
    declared_in: str  # the list in groups.yml
    label: str  # what a reader chooses: "Type of organisation"
    by: str  # a table's title: "by kind of organisation"
    anchor: str


GROUP_KINDS = (
    GroupKind("org_type", "org_types", "Type of organisation", "by kind of organisation", "by-org-type"),
    GroupKind("size_band", "size_bands", "Size of organisation", "by size of organisation", "by-size-band"),
)


class GroupValue(Strict):
    id: Id
    label: Text


class Groups(Strict):
    """results/groups.yml: the rounds and peer groups that results may use, in the order pages show them."""

    synthetic: bool = Field(
        default=False, description="True when the results are made up, as `dmf demo-results` makes them."
    )
    rounds: list[GroupValue] = Field(min_length=1, description="Assessment rounds, oldest first.")
    org_types: list[GroupValue] = Field(min_length=1, description="Kinds of organisation.")
    size_bands: list[GroupValue] = Field(min_length=1, description="Size bands, smallest first.")

    def values(self, kind: GroupKind) -> list[GroupValue]:
        return getattr(self, kind.declared_in)


def load_groups(path: Path, problems: list[Problem]) -> Groups | None:
    if not path.is_file():
        problems.append(
            Problem(
                shown_path(path),
                1,
                None,
                "",
                "file not found: results need groups.yml to declare rounds and groups",
                code="file-not-found",
            )
        )
        return None
    found: list[Problem] = []
    doc, groups = read_model(path, Groups, found)
    if doc is not None and groups is not None:
        for key in ("rounds", *(k.declared_in for k in GROUP_KINDS)):
            seen: set[str] = set()
            for i, value in enumerate(getattr(groups, key)):
                if value.id in seen:
                    found.append(
                        doc.problem(
                            (key, i, "id"),
                            f"duplicate id '{value.id}'; each value is declared once",
                            code="duplicate-id",
                        )
                    )
                seen.add(value.id)
    problems += found
    return groups if not found else None
