"""The prose dialect: the small part of Markdown that framework text may use, and the check that holds it.

Prose fields (summaries, descriptors, hints, guidance) may use paragraphs, emphasis, lists, code spans
and links to http, https and mailto addresses or to relative pages. Nothing else is part of the
dialect: raw HTML and attribute lists are shown as text (generator.site.markdown does that), and a
link to any other scheme, or an image, is refused here with the field's file and line. Titles, names
and labels are plain text and never Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from urllib.parse import unquote

ALLOWED_SCHEMES = ("http", "https", "mailto")
# What browsers ignore inside a URL's scheme: ASCII tab and newlines anywhere, and control
# characters and spaces at the start (WHATWG URL standard).
_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def scheme_of(url: str) -> str | None:
    """The scheme a browser (or a careless decoder) would read in url, lowercased; None for a relative address."""
    cleaned = (
        _IGNORED.sub("", unquote(url))
        .lstrip("<")
        .lstrip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
        )
    )
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


# A relative link is a path to a page, perhaps with a query or a #section: no spaces, quotes, brackets or colons.
_RELATIVE = re.compile(r"[\w.~/#?%&=+\-@!$,;*()]*")


def allowed_link(url: str) -> bool:
    scheme = scheme_of(url)
    if scheme is not None:
        return scheme in ALLOWED_SCHEMES
    return _RELATIVE.fullmatch(url.strip().removeprefix("<").removesuffix(">")) is not None


# Link and image destinations as written, also in forms the Markdown parser does not take as links
# (a tab in the scheme, a destination in <...>), so that text is refused on what a browser might read.
_INLINE = re.compile(r"(?<!\\)(!?)(?<!\\)\[([^\]\n]*)\]\([ ]*(<[^>\n]*>|[^)\n]*)")
_TITLED = re.compile(r"(\S+)\s+(\"[^\"]*\"|'[^']*')\s*")
_REFERENCE = re.compile(r"^( {0,3})\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S*)", re.M)


def _destination(written: str) -> str:
    """The address in a written destination, without a title after it ('page.md "Title"')."""
    m = _TITLED.fullmatch(written)
    return m.group(1) if m else written


def _written(text: str) -> list[tuple[str, str]]:
    """(kind, destination) of every inline link, image and reference definition written in text."""
    out = [("img" if m.group(1) else "a", _destination(m.group(3))) for m in _INLINE.finditer(text)]
    return out + [("a", m.group(3)) for m in _REFERENCE.finditer(text)]


def defuse(text: str, rebase: Callable[[str], str] | None = None) -> str:
    """text with every image and every link to a scheme that is not allowed turned into plain characters.

    rebase, when given, rewrites the destination of each link that is kept.
    """

    def kept(m: re.Match, url: str) -> str:
        if rebase is None or not url:
            return m.group(0)
        start, end = m.span(3)
        written = m.group(3).replace(url, rebase(url), 1)
        return m.group(0)[: start - m.start()] + written + m.group(0)[end - m.start() :]

    def inline(m: re.Match) -> str:
        bang, _, written = m.groups()
        url = _destination(written).removeprefix("<").removesuffix(">")
        if bang or not allowed_link(url):
            return m.group(0).replace("[", "\\[", 1).replace("!", "\\!", 1)
        return kept(m, url)

    def reference(m: re.Match) -> str:
        url = m.group(3).removeprefix("<").removesuffix(">")
        return kept(m, url) if allowed_link(url) else m.group(0).replace("[", "\\[", 1)

    return _REFERENCE.sub(reference, _INLINE.sub(inline, text))


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
    # What the parser links, and what is written like a link where a browser might still read a scheme.
    for tag, url in dict.fromkeys([*parser.links, *_written(text)]):
        shown = url if len(url) <= 60 else url[:57] + "..."
        if tag == "img":
            out.append(f"an image ({shown!r}) is not allowed: prose may link to pages but not show images")
        elif not allowed_link(url):
            out.append(
                f"a link to {shown!r} is not allowed: links may go to http, https or mailto addresses, "
                "or to a relative page (a path with no spaces, quotes or colons)"
            )
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_MESSAGE = "contains a control character"


def no_controls(text: str) -> str:
    """A pydantic after-validator for any text: control characters (other than tab and newline) are refused."""
    m = _CONTROL.search(text)
    if m:
        raise ValueError(f"{CONTROL_MESSAGE} (U+{ord(m.group(0)):04X}) at position {m.start() + 1}: remove it")
    return text


def check(text: str) -> str:
    """A pydantic after-validator: the text, or a ValueError naming the first problem."""
    found = problems(text)
    if found:
        raise ValueError(found[0])
    return text
