"""What one build publishes, as plain data: the site engine's whole input, light to load and to keep.

generator.site.content makes it from checked inputs; the engine glue (generator/plugin.py, project.py)
reads it. Only the standard library and the interface strings are imported here, so a build whose
content is cached never loads the framework model, pandas or the workbook writers.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.site import paths
from generator.site.templating import Language


@dataclass(frozen=True)
class SiteLanguage:
    """One language of a bilingual site: the default language's pages at the root, another's under its prefix."""

    language: Language  # its tag, where its pages sit, and its interface strings
    name: str  # in itself, for the language switcher: "English", "Cymraeg"
    nav: dict[str, list[Any]] = field(default_factory=dict)  # as SiteContent.nav, keyed by this language's paths
    # HTML above a default-language page that has no translation, in this language: that it is not translated yet.
    untranslated: str = ""

    @property
    def prefix(self) -> str:
        return self.language.paths.prefix


@dataclass(frozen=True)
class SiteContent:
    """What one build publishes beside the hand-written pages."""

    files: dict[str, str | bytes]  # docs path -> content
    nav: dict[str, list[Any]]  # docs path of a placeholder in mkdocs.yml's nav -> the section that replaces it
    build_date: int  # seconds since 1970: the framework's release date, so builds are byte-identical
    replacements: dict[str, str] = field(default_factory=dict)  # marker in a hand-written page -> Markdown
    site_name: str = ""  # HTML: the theme writes it as it is
    language: str = "en"  # BCP 47, for <html lang> and the theme's own words
    copyright: str = ""  # HTML, for every footer: the framework's licence and who publishes it
    languages: tuple[SiteLanguage, ...] = ()  # the default language first; empty when there are no translations


# Links as Markdown and HTML write them: inline `](dest`, reference `[x]: dest`, and href="dest" or src="dest".
_LINKS = re.compile(r"(\]\(\s*<?|^ {0,3}\[[^\]\n]+\]:[ \t]*<?|\b(?:href|src)=\")([^\s)>\"]+)", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def untranslated_copies(
    pages: dict[str, str], languages: tuple[SiteLanguage, ...], exists: Callable[[str], bool]
) -> dict[str, tuple[str, SiteLanguage]]:
    """Every default-language page (docs path -> Markdown) that another language lacks, as that language's
    copy saying so: {docs path of the copy: (its Markdown, its language)}. exists: whether a docs path is a file."""
    others = languages[1:]
    default = sorted(src for src in pages if not any(src.startswith(lang.prefix) for lang in others))
    return {
        lang.prefix + src: (untranslated_copy(pages[src], src, lang, exists), lang)
        for lang in others
        for src in default
        if not exists(lang.prefix + src)
    }


def untranslated_copy(markdown: str, src: str, language: SiteLanguage, exists: Callable[[str], bool]) -> str:
    """A default-language page (docs path src) as the copy under language's prefix: the notice that it is not
    translated above its text, and links to files that exist in the default language only pointed there."""

    def rebase(m: re.Match) -> str:
        lead, dest = m.groups()
        target, rest = re.match(r"([^#?]*)(.*)", dest).groups()
        if not target or target.startswith("/") or ":" in target or target.endswith(".md"):
            return m.group(0)  # an anchor, an absolute or external address, or a page (which has its copy)
        # Markdown links are relative to the page's file, HTML ones to its address.
        base = posixpath.dirname(paths.url(src)) if lead.endswith('"') else posixpath.dirname(src)
        where = posixpath.normpath(posixpath.join(base, target))
        if exists(language.prefix + where):
            return m.group(0)
        return lead + posixpath.relpath(where, posixpath.join(language.prefix, base) or ".") + rest

    head = _FRONT_MATTER.match(markdown)
    front, body = (head.group(0), markdown[head.end() :]) if head else ("", markdown)
    body = _LINKS.sub(rebase, body)
    title = re.search(r"^# .*\n", body, re.M)  # the notice goes under the page's heading, or first
    at = title.end() if title else 0
    return front + body[:at] + "\n" + language.untranslated + "\n\n" + body[at:]
