"""Rendering a Markdown page from a Jinja2 template: the filters every template uses, and links by path."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context

from generator.framework import answers
from generator.site import paths
from generator.site.markdown import Markdown, plain, prose, prose_inline, theme_text


def page_title(text: str) -> Markdown:
    """A page's title for its front matter: the theme writes it into <title> as it is, so escaped once here."""
    return Markdown(json.dumps(theme_text(text), ensure_ascii=False))  # JSON is YAML


def _finalize(value: object) -> object:
    """Every {{ }} prints plain text unless a filter wrote it as Markdown: safe by default, whatever the field."""
    if isinstance(value, Markdown) or not isinstance(value, str):
        return value
    return plain(value)


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        autoescape=False,  # output is Markdown: framework text goes through prose or plain instead
        # Markdown anchors are written {#id}, which Jinja would read as the start of a comment.
        comment_start_string="<%#",
        comment_end_string="#%>",
        finalize=_finalize,
    )
    # Every template writes framework text through these three: prose in the dialect, names as plain text.
    env.filters["prose"] = pass_context(lambda ctx, text: _mark(ctx, text, prose(text, ctx.get("page")), True))
    env.filters["prose_inline"] = pass_context(lambda ctx, text: _mark(ctx, text, prose_inline(text, ctx.get("page"))))
    env.filters["plain"] = pass_context(lambda ctx, text: _mark(ctx, text, plain(text)))
    env.filters["page_title"] = page_title
    env.globals["paths"] = paths
    return env


_BLOCKS = re.compile(r"\n\s*\n|^\s*(?:[-*+]|\d+\.)\s", re.M)  # prose of more than one paragraph, or a list
CATALOGUE = "templates/catalogue"  # <language>.yml: every interface string of the templates, by key
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(language: str) -> dict[str, str]:
    """The interface strings in one language (its primary tag: cy for cy-GB), or {} when there is no catalogue."""
    path = files("generator.site").joinpath(f"{CATALOGUE}/{language.split('-')[0]}.yml")
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))) if path.is_file() else {}


@dataclass(frozen=True)
class Language:
    """The language a page is written in: its tag, where its pages sit, and its interface strings."""

    code: str = DEFAULT_LANGUAGE
    paths: paths.Paths = field(default_factory=paths.Paths)
    # Framework text shown in the framework's own language (`source`) because it has no translation yet:
    # pages mark it with lang, so that screen readers read it in that language (WCAG 3.1.2).
    kept: frozenset[str] = frozenset()
    source: str = DEFAULT_LANGUAGE

    def mark(self, text: object, out: Markdown, block: bool = False) -> Markdown:
        """out (text as Markdown) inside an element that says its language, when text is kept untranslated."""
        if not isinstance(text, str) or text not in self.kept or not out:
            return out
        if block and _BLOCKS.search(text):
            return Markdown(f'\n\n<div lang="{self.source}" markdown>\n\n{out}\n\n</div>\n\n')
        return Markdown(f'<span lang="{self.source}">{out}</span>')

    def t(self, key: str, **values: Any) -> str:
        """The interface string `key`, with {name} filled from values; English where the language lacks it."""
        text = catalogue(self.code).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
        return text.format(**values) if values else text

    # The words of generator.framework.answers (their one home, in English): other catalogues translate them
    # under answers.<na|unknown> and scoring.<rule>, keys that en.yml therefore never holds.
    def answer_label(self, answer: str) -> str:
        return catalogue(self.code).get(f"answers.{answer}") or answers.LABELS[answer]

    def scoring_text(self, rule: str) -> str:
        return catalogue(self.code).get(f"scoring.{rule}") or answers.scoring_text(rule)


ENGLISH = Language()


def _mark(ctx: Any, text: object, out: Markdown, block: bool = False) -> Markdown:
    language = ctx.get("language")
    return language.mark(text, out, block) if isinstance(language, Language) else out


def render_template(template: str, page: str, language: Language = ENGLISH, **context: Any) -> str:
    """The page at docs path `page`, in `language`.

    Templates link with href(paths.topic(id)) in Markdown, and with url_href(...) in raw HTML, where a
    link is relative to the page's address rather than to its file; t("key") gives an interface string.
    """
    text = (
        _env()
        .get_template(template)
        .render(
            page=page,
            href=lambda target: paths.relative(page, target),
            url_href=lambda target: paths.relative_url(page, target),
            paths=language.paths,
            language=language,
            t=language.t,
            answer_label=language.answer_label,
            lang=language.code,
            **context,
        )
    )
    # Collapse the blank lines that template control blocks leave behind.
    lines, blank = [], 0
    for line in text.splitlines():
        blank = blank + 1 if not line.strip() else 0
        if blank <= 1:
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
