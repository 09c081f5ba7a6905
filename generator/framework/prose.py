"""The prose dialect: the small part of Markdown that framework text may use, and the check that holds it.

Prose fields (summaries, descriptors, hints, guidance) may use paragraphs, emphasis, lists, code spans
and links to http, https and mailto addresses or to relative pages. Nothing else is part of the
dialect: raw HTML and attribute lists are shown as text (generator.site.markdown does that), and a
link to any other scheme, or an image, is refused here with the field's file and line. Titles, names
and labels are plain text and never Markdown.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

ALLOWED_SCHEMES = ("http", "https", "mailto")
# What browsers ignore inside a URL's scheme: ASCII tab and newlines anywhere, and control
# characters and spaces at the start (WHATWG URL standard).
_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would read in url, lowercased; None for a relative address."""
    cleaned = _IGNORED.sub("", url).lstrip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def allowed_link(url: str) -> bool:
    scheme = scheme_of(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


class _Links(HTMLParser):
    """Every address a rendered fragment links to or loads, decoded as a browser decodes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, value))


@cache
def _markdown():
    import markdown

    return markdown.Markdown(extensions=["tables", "def_list"])


def problems(text: str) -> list[str]:
    """Why text is not in the dialect: a link to another scheme, or an image; [] when it is."""
    if "[" not in text:  # every Markdown link and image starts with '['; raw HTML is never rendered
        return []
    md = _markdown()
    md.reset()
    parser = _Links()
    parser.feed(md.convert(text.replace("<", "&lt;")))
    out = []
    for tag, url in parser.links:
        shown = url if len(url) <= 60 else url[:57] + "..."
        if tag == "img":
            out.append(f"an image ({shown!r}) is not allowed: prose may link to pages but not show images")
        elif not allowed_link(url):
            out.append(
                f"a link to {shown!r} is not allowed: links may go to http, https or mailto addresses, "
                "or to a relative page"
            )
    return out


def check(text: str) -> str:
    """A pydantic after-validator: the text, or a ValueError naming the first problem."""
    found = problems(text)
    if found:
        raise ValueError(found[0])
    return text
