"""The typed framework: what a framework directory means once it has been read and checked."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from generator.framework import prose

# Ids are data, never derived from wording: lowercase ASCII kebab-case.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEMVER_PATTERN = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
# Plain text: titles, names and labels are shown exactly as written, never read as Markdown or HTML.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(prose.no_controls)]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(prose.no_controls),
    AfterValidator(prose.check),
    Field(
        description="Prose in the dialect: paragraphs, emphasis, lists, code and links to http, https, mailto or "
        "relative pages. Raw HTML and attribute lists show as text; other links and images are refused."
    ),
]
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Z]{2})?$"  # a BCP 47 language, optionally with a region: en, cy, en-GB
LevelNumber = Annotated[int, Field(ge=0, le=7)]


class Strict(BaseModel):
    """Base for every file-backed model: unknown fields are typos, so refuse them."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Level(Strict):
    number: LevelNumber = Field(description="Position in the order, counted from 0 or 1.")
    id: Id = Field(description="Stable id, used in page addresses.")
    name: Text = Field(description="Names a stage, never a judgement.")
    summary: Markdown = Field(description="What an organisation at this level typically looks like.")


class Theme(Strict):
    id: Id
    title: Text
    summary: Markdown
    topics: list[Id] = Field(min_length=1, description="Ids of the topics in this theme, in reading order.")


class CrossingValue(Strict):
    id: Id
    title: Text
    summary: Markdown | None = None


class Crossing(Strict):
    """An optional second dimension that crosses every topic (the UK DMA's themes, for example)."""

    name: Text = Field(description="What one value of the dimension is called, e.g. 'Activity'.")
    plural: Text = Field(description="The plural, e.g. 'Activities'.")
    values: list[CrossingValue] = Field(min_length=1)


class Scoring(Strict):
    rule: Literal["median", "minimum"] = Field(
        description=(
            "How answers become a topic level. 'median': the lower median of the answered levels. "
            "'minimum': the lowest answered level. 'Not applicable' and 'not sure' never count."
        )
    )
    minimum_answers: int = Field(
        default=1, ge=1, description="Fewest answered questions (not 'na' or 'unknown') for a topic level."
    )


HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]+$", max_length=500)]


class CrosswalkEntry(Strict):
    id: Id = Field(description="The other framework's id for one of its topics or themes.")
    title: Text = Field(description="Its name in the other framework. Names only: copy no other text of theirs.")


class Crosswalk(Strict):
    """Another framework that topics can map to, so that a team can carry earlier work over."""

    id: Id = Field(description="Stable id of the other framework, used as a key in `maps_to`.")
    title: Text = Field(description="The other framework's name, as its publisher gives it.")
    publisher: Text = Field(description="Who publishes the other framework.")
    url: HttpsUrl | None = Field(default=None, description="Where to read the other framework: an https address.")
    entries: list[CrosswalkEntry] = Field(
        min_length=1, description="The other framework's topics and themes that topics may map to, each id once."
    )


MapsTo = Annotated[
    dict[Id, Annotated[list[Id], Field(min_length=1)]],
    Field(
        description=(
            "Where this sits in other frameworks: a crosswalk id from framework.yml, "
            "then the ids of that crosswalk's entries."
        )
    ),
]


class Framework(Strict):
    id: Id
    title: Text
    summary: Markdown
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(description="Semantic version.")
    released: dt.date = Field(description="Release date, YYYY-MM-DD.")
    licence: Text
    publisher: Text | None = Field(
        default=None, description="Who publishes the framework, shown in every footer beside the licence."
    )
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] = Field(
        default="en", description="Language of the text, as a BCP 47 tag such as 'en' or 'cy'."
    )
    levels: list[Level] = Field(min_length=2, max_length=7)
    themes: list[Theme] = Field(min_length=1)
    crossing: Crossing | None = None
    crosswalks: list[Crosswalk] = Field(
        default_factory=list, description="Other frameworks that topics and questions can map to with `maps_to`."
    )
    scoring: Scoring
    minimum_group_size: int = Field(
        default=10, ge=2, description="Fewest respondents behind any published benchmark figure."
    )
    homogeneity_share: float = Field(
        default=0.9,
        gt=0.5,
        le=1,
        description="When at least this share of a group gives one level, the group's figures are hidden.",
    )


class Question(Strict):
    id: Id
    text: Text
    hint: Markdown | None = None
    crossing: Id | None = Field(
        default=None, description="Id of a crossing value; required when the framework has a crossing."
    )
    answers: dict[LevelNumber, Text] = Field(description="One answer per level, keyed by level number.")
    maps_to: MapsTo = Field(default_factory=dict)


class Step(Strict):
    """Guidance for moving from one level to the next."""

    from_level: LevelNumber = Field(alias="from", description="The level this step starts from; it ends one above.")
    actions: list[Markdown] = Field(min_length=3, description="Concrete things to start on, at least three.")
    milestone: Markdown = Field(description="What shows the step is done.")
    involve: list[Text] = Field(min_length=1, description="Who to involve: roles, never names.")
    evidence: list[Markdown] = Field(min_length=1, description="What shows progress along the way.")
    timescale: Text = Field(description="A typical time the step takes, e.g. '3 to 6 months'.")
    sharing: Markdown = Field(description="An opportunity to share data safely at this stage.")

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)


class Topic(Strict):
    id: Id
    title: Text
    summary: Markdown
    why_it_matters: Markdown
    levels: dict[LevelNumber, Markdown] = Field(description="What this topic looks like at each level.")
    questions: list[Question] = Field(min_length=1)
    steps: list[Step] = Field(description="One step for every move from a level to the next.")
    related: list[Id] = Field(default_factory=list, description="Ids of related topics.")
    maps_to: MapsTo = Field(default_factory=dict)


class IdChange(Strict):
    """One id of the previous release and the ids it became."""

    from_id: Id = Field(alias="from", description="A topic or question id of the release before this version.")
    to: list[Id] = Field(
        description=(
            "The ids it became in this version: one for a new id, several for a split, "
            "the same one from several entries for a merge, [] when it was removed."
        )
    )
    note: Markdown | None = Field(default=None, description="Why it changed, shown on the 'What changed' page.")

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True)


class ChangeSet(Strict):
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] = Field(
        description="The version these changes arrive in: the current version or a released copy in releases/."
    )
    summary: Markdown | None = Field(
        default=None, description="What this version changes, for the 'What changed' page."
    )
    ids: list[IdChange] = Field(default_factory=list, description="Every id of the previous release that changed.")


class Changes(Strict):
    """framework/changes.yml: how ids moved between versions."""

    versions: list[ChangeSet] = Field(description="One entry per version that changed ids or has a summary.")


class Loose(BaseModel):
    """Base for released copies: written by `dmf release`, read leniently so later model changes never break them."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class ReleasedLevel(Loose):
    number: int
    id: str
    name: str
    summary: str = ""


class ReleasedTheme(Loose):
    id: str
    title: str
    topics: list[str]


class ReleasedCrossingValue(Loose):
    id: str
    title: str


class ReleasedCrossing(Loose):
    name: str
    values: list[ReleasedCrossingValue]


class ReleasedFramework(Loose):
    title: str
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
    released: dt.date
    levels: list[ReleasedLevel]
    themes: list[ReleasedTheme]
    crossing: ReleasedCrossing | None = None


class ReleasedQuestion(Loose):
    id: str
    text: str
    hint: str | None = None
    crossing: str | None = None
    answers: dict[int, str]


class ReleasedTopic(Loose):
    id: str
    title: str
    summary: str = ""
    why_it_matters: str = ""
    levels: dict[int, str]
    questions: list[ReleasedQuestion]
    steps: list[dict[str, Any]] = Field(default_factory=list)


class Release(Loose):
    """A released copy of the framework (framework/releases/<version>.json), or the current one in the same shape."""

    framework: ReleasedFramework
    topics: list[ReleasedTopic]


class History(BaseModel):
    """Released copies, oldest first, and the declared id changes: what id mappings and 'What changed' read."""

    model_config = ConfigDict(frozen=True)

    releases: list[Release] = Field(default_factory=list)
    changes: Changes | None = None


class Model(BaseModel):
    """A whole, checked framework: the framework file and its topics in reading order."""

    model_config = ConfigDict(frozen=True)

    framework: Framework
    topics: list[Topic]
    history: History = Field(default_factory=History)

    @property
    def level_numbers(self) -> list[int]:
        return [lv.number for lv in self.framework.levels]

    def level(self, number: int) -> Level:
        return next(lv for lv in self.framework.levels if lv.number == number)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def theme_of(self, topic_id: str) -> Theme:
        return next(th for th in self.framework.themes if topic_id in th.topics)

    def topics_in(self, theme: Theme) -> list[Topic]:
        by_id = {t.id: t for t in self.topics}
        return [by_id[i] for i in theme.topics]

    def questions(self) -> list[tuple[Topic, Question]]:
        return [(t, q) for t in self.topics for q in t.questions]
