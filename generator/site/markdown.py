"""Framework text inside generated Markdown: prose in the documented dialect, everything else as plain text.

Everything that reaches a page goes through `prose` (Markdown fields) or `plain` (titles, names,
labels), used by every template. The dialect's rules live in generator.framework.prose; the loader
refuses what breaks them, and these filters make the rest inert whatever the text:
- `<` and `&` become entities, so no raw HTML or entity trick reaches a page;
- `{` and `}` become entities, so attribute lists (`{: onclick=...}`) and heading ids never apply;
- images and links to other schemes are escaped into text, in case a check was ever skipped.
"""

from __future__ import annotations

import posixpath
import re
from html import escape

from generator.framework.prose import defuse, scheme_of

# Relative links in prose are written as from a topic page (`other-topic.md`, `../levels/x.md`),
# wherever the text came from; pages elsewhere get them rebased.
PROSE_BASE = "framework/topics/"

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", "{": "&#123;", "}": "&#125;"})
# Characters that start Markdown syntax anywhere in a line, and '|' for table cells.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# What starts a block when it opens a line: a heading, quote, list item, rule or admonition.
_BLOCK_START = re.compile(r"^(#|>|[-+=]|\d+\.(?=\s|$)|!!!|\?\?\?)")


class Markdown(str):
    """Text already written as Markdown by one of these filters: templates print it as it is."""


def theme_text(text: str) -> str:
    """Plain text for a place the theme writes into HTML as it is (navigation, <title>, site name, footer)."""
    return escape(" ".join(str(text).split()), quote=True)


def _rebase(url: str, page: str | None) -> str:
    """A relative link written from a topic page, as the page `page` must write it."""
    if page is None or not url or url.startswith(("#", "/")) or scheme_of(url) is not None:
        return url
    return posixpath.relpath(posixpath.normpath(PROSE_BASE + url), posixpath.dirname(page) or ".")


def _inert(text: str, page: str | None = None) -> str:
    """Outside code spans: images and disallowed links defused, relative links rebased, entities for & < { }."""

    return defuse(text, lambda url: _rebase(url, page)).translate(_ENTITIES)


def prose(text: str | None, page: str | None = None) -> Markdown:
    """A prose field as Markdown in the dialect, for the docs page `page` (relative links are rebased to it).

    Never raw HTML, attribute lists, images or links to other schemes.
    """
    if not text:
        return Markdown("")
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_inert(text[last : m.start()], page))
        out.append(m.group(0))  # Markdown escapes code spans by itself; attribute lists never reach inside
        last = m.end()
    out.append(_inert(text[last:], page))
    return Markdown("".join(out).strip())


def prose_inline(text: str | None, page: str | None = None) -> Markdown:
    """A prose field for a table cell or a heading: one line, pipes escaped."""
    return Markdown(" ".join(prose(text, page).split()).replace("|", "\\|"))


def plain(text: object) -> Markdown:
    """Plain text (a title, name or label) as Markdown that shows exactly that text: on one line, no syntax."""
    if isinstance(text, Markdown):
        return text
    if text is None or text == "":
        return Markdown("")
    one_line = " ".join(str(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    return Markdown(_BLOCK_START.sub(r"\\\1", escaped).translate(_ENTITIES))
