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

from generator.framework.prose import allowed_link, scheme_of

# Relative links in prose are written as from a topic page (`other-topic.md`, `../levels/x.md`),
# wherever the text came from; pages elsewhere get them rebased.
PROSE_BASE = "framework/topics/"

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", "{": "&#123;", "}": "&#125;"})
# An inline link or image whose address is not allowed, and a reference definition.
_INLINE = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^( {0,3})\[([^\]\n]+)\]:[ \t]*<?(\S*?)>?(?=\s|$)", re.M)
# Every character Python-Markdown lets a backslash escape, and '|' for table cells.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#+\-.!|>])")


def _rebase(url: str, page: str | None) -> str:
    """A relative link written from a topic page, as the page `page` must write it."""
    if page is None or not url or url.startswith(("#", "/")) or scheme_of(url) is not None:
        return url
    return posixpath.relpath(posixpath.normpath(PROSE_BASE + url), posixpath.dirname(page) or ".")


def _inert(text: str, page: str | None = None) -> str:
    """Outside code spans: entities for & < { }, escaped brackets for images and disallowed links."""

    def link(m: re.Match) -> str:
        bang, label, url = m.groups()
        if bang or not allowed_link(url):
            return m.group(0).replace("[", "\\[", 1).replace("!", "\\!", 1)
        return m.group(0).replace(url, _rebase(url, page), 1) if url else m.group(0)

    def reference(m: re.Match) -> str:
        url = m.group(3)
        if not allowed_link(url):
            return m.group(0).replace("[", "\\[", 1)
        return m.group(0).replace(url, _rebase(url, page), 1) if url else m.group(0)

    text = _INLINE.sub(link, text)
    text = _REFERENCE.sub(reference, text)
    return text.translate(_ENTITIES)


def prose(text: str | None, page: str | None = None) -> str:
    """A prose field as Markdown in the dialect, for the docs page `page` (relative links are rebased to it).

    Never raw HTML, attribute lists, images or links to other schemes.
    """
    if not text:
        return ""
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_inert(text[last : m.start()], page))
        out.append(m.group(0))  # Markdown escapes code spans by itself; attribute lists never reach inside
        last = m.end()
    out.append(_inert(text[last:], page))
    return "".join(out).strip()


def prose_inline(text: str | None, page: str | None = None) -> str:
    """A prose field for a table cell or a heading: one line, pipes escaped."""
    return " ".join(prose(text, page).split()).replace("|", "\\|")


def plain(text: str | None) -> str:
    """Plain text (a title, name or label) as Markdown that shows exactly that text: on one line, no syntax."""
    if not text:
        return ""
    one_line = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line).translate(_ENTITIES)
