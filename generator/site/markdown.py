"""Making framework prose safe and tidy inside generated Markdown."""

from __future__ import annotations

import re

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def md(text: str | None) -> str:
    """Prose as Markdown with raw HTML shown as text, never run.

    Escaping `<` and `&` outside code spans is enough: Python-Markdown only passes HTML through when it
    sees a tag or an entity, and inside code spans it escapes by itself.
    """
    if not text:
        return ""
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_escape(text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_escape(text[last:]))
    return "".join(out).strip()


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;")


def inline(text: str | None) -> str:
    """Prose for a table cell or heading: one line, pipes escaped."""
    return " ".join(md(text).split()).replace("|", "\\|")


def attr(text: str) -> str:
    """Text for a Markdown attribute list value (attr_list), e.g. an aria-label."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace("}", "&#125;")
