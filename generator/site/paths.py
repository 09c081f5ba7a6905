"""Where every generated file sits under the docs folder, and links between them: the one home of paths.

Paths are docs paths (`framework/topics/x.md`); mkdocs turns them into directory addresses
(`framework/topics/x/`), which `url` gives for the few places that write HTML or JSON themselves.
"""

from __future__ import annotations

import posixpath

FRAMEWORK_JSON = "framework.json"
OVERVIEW = "framework/index.md"
ASSESSMENT = "assessment/index.md"
CHECKLIST = "assessment/checklist.md"  # the printable checklist: every question, for paper or no JavaScript
ASSESSMENT_JSON = "assessment.json"  # what the self-assessment page reads (generator.site.assessment_data)
ASSESSMENT_STEPS_JSON = "assessment-steps.json"  # its guidance for each step up, fetched once needed
WHAT_CHANGED = "reference/what-changed.md"
FILE_FORMAT = "reference/file-format.md"
SUBMISSION_JSON = "assessment/submission.json"  # the declared groups a benchmark submission may name
PUBLISHING = "about/publishing.md"  # hand-written: what happens to a submission

BENCHMARKS = "benchmarks/index.md"
METHODOLOGY = "benchmarks/methodology.md"
BENCHMARK_DATA = "benchmarks/data.md"
BENCHMARKS_JSON = "benchmarks/benchmarks.json"
BENCHMARKS_CSV = "benchmarks/benchmarks.csv"
CHANGES_CSV = "benchmarks/changes.csv"


def topic(topic_id: str) -> str:
    return f"framework/topics/{topic_id}.md"


def level(level_id: str) -> str:
    return f"framework/levels/{level_id}.md"


def benchmark_topic(topic_id: str) -> str:
    return f"benchmarks/topics/{topic_id}.md"


def chart(topic_id: str, round_id: str) -> str:
    return f"benchmarks/charts/{topic_id}-{round_id}.svg"


def assessment_questions(topic_id: str) -> str:
    """A topic's answers and hints for the self-assessment, fetched when its section is shown."""
    return f"assessment-questions/{topic_id}.json"


def assessment_file(name: str) -> str:
    """A download beside the self-assessment page, such as its workbooks."""
    return posixpath.join(posixpath.dirname(ASSESSMENT), name)


def url(path: str) -> str:
    """The address mkdocs gives a docs path (use_directory_urls): pages end in '/', other files keep their name."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def redirect(topic_id: str) -> str:
    """The HTML file that stands at a topic's address once the topic has gone."""
    return url(topic(topic_id)) + "index.html"


def relative(source: str, target: str) -> str:
    """A link from one docs file to another, as Markdown in the source file writes it."""
    return posixpath.relpath(target, posixpath.dirname(source))


def relative_url(source: str, target: str) -> str:
    """A link from the address of one docs file to the address of another, for hand-written HTML."""
    base = url(source)
    here = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    link = posixpath.relpath(url(target) or ".", here or ".")
    return link + "/" if url(target).endswith("/") and not link.endswith("/") else link


def language_prefix(language: str, default: str) -> str:
    """Where a language's pages sit: the default language's at the root, every other's under '<language>/'."""
    return "" if language == default else f"{language}/"


class Paths:
    """The docs paths of one language: `Paths("cy/").topic(id)`, `Paths("cy/").OVERVIEW`, as this module's own.

    Every page (a docs path ending in .md) and framework.json sit under the language's prefix. Other files
    (workbooks, benchmark data, charts, submission.json) exist in the default language only, so they keep
    their one path and a translated page links to them where they are.
    """

    LOCALISED_FILES = frozenset({FRAMEWORK_JSON, ASSESSMENT_JSON})
    PAGE_FUNCTIONS = frozenset({"topic", "level", "benchmark_topic"})

    def __init__(self, prefix: str = ""):
        self.prefix = prefix

    def _local(self, path: str) -> str:
        return self.prefix + path if path.endswith(".md") or path in self.LOCALISED_FILES else path

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in globals():
            raise AttributeError(name)
        value = globals()[name]
        if isinstance(value, str):
            return self._local(value)
        if name in self.PAGE_FUNCTIONS:
            return lambda *args: self._local(value(*args))
        return value


DEFAULT = Paths()
