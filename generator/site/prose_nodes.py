"""Prose fields as a small tree of safe nodes for the browser, which builds them with textContent only.

A prose field becomes a string when it is one paragraph of plain text (most are), else a list of nodes:
a string is a text run, `[tag, ...children]` is emphasis, code, a paragraph or a list, and
`["a", href, ...children]` is a link the dialect allows (http, https, mailto, or a page of this site,
written from the site's root). The text goes through the dialect's one sanitizer (generator.site.markdown)
and the same Markdown parser as the pages, so the tree says what the page says; nothing else survives.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from typing import Any

from generator.framework.prose import allowed_link, scheme_of
from generator.site import paths
from generator.site.markdown import PROSE_BASE, prose

Node = str | list[Any]

KEPT = {"p", "ul", "ol", "li", "em", "strong", "code", "a"}
# Blocks outside the dialect keep their text, as a paragraph.
AS_PARAGRAPH = {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dt", "dd", "table", "tr"}


@cache
def _markdown():
    import markdown

    return markdown.Markdown()


def site_link(url: str) -> str | None:
    """A link the dialect allows, relative links written from the site's root; None for any other."""
    if not allowed_link(url):
        return None
    url = url.strip().removeprefix("<").removesuffix(">")
    if scheme_of(url) is not None or url.startswith(("#", "/")):
        return url
    path, sep, rest = url.partition("#")
    path, qsep, query = path.partition("?")
    target = posixpath.normpath(PROSE_BASE + path) if path else PROSE_BASE.rstrip("/")
    return paths.url(target) + (qsep + query) + (sep + rest)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Any] = []
        self.stack: list[list[Any]] = [self.root]
        self.open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = site_link(dict(attrs).get("href") or "")
            node: list[Any] | None = ["a", href] if href is not None else None
        elif tag in KEPT:
            node = [tag]
        elif tag in AS_PARAGRAPH:
            node = ["p"]
        else:
            node = None  # its text joins its parent
        if node is not None:
            self.stack[-1].append(node)
            self.stack.append(node)
        self.open.append(node[0] if node else None)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open.pop() is not None:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        here = self.stack[-1]
        if here is not self.root or data.strip():
            if here and isinstance(here[-1], str) and len(here) > (2 if here[0] == "a" else 1):
                here[-1] += data
            else:
                here.append(data)


BLOCKS = {"ul", "ol"}


def _clean(nodes: list[Any], between_blocks: bool = True) -> list[Any]:
    """The tree without the line breaks the parser leaves between blocks."""
    out = []
    for n in nodes:
        if isinstance(n, str):
            if not (between_blocks and not n.strip()):
                out.append(n.strip() if between_blocks else n)
        else:
            head = 2 if n[0] == "a" else 1
            out.append(n[:head] + _clean(n[head:], n[0] in BLOCKS))
    return out


# Characters that never start Markdown syntax or an entity, whatever surrounds them on one line.
_INERT = frozenset(" ,.;:'\"?!()/%$£€@=^’‘“”–—-")
# ... except at the start of a line: a list item, a numbered item, a rule or a heading's underline.
_OPENS_A_BLOCK = re.compile(r"[-+=]|\d+\.")


def _plain_sentence(text: str) -> bool:
    """Whether Markdown would give text back as one paragraph of exactly that text (most prose fields)."""
    return not _OPENS_A_BLOCK.match(text) and all(ch.isalnum() or ch in _INERT for ch in text)


def prose_nodes(text: str | None) -> Node | None:
    """A prose field as the tree the browser builds: a string for one plain paragraph."""
    if not text:
        return None
    stripped = text.strip()
    if stripped and _plain_sentence(stripped):
        return stripped  # what parsed() would give, without running the parser (tests/test_prose_nodes.py)
    return parsed(text)


def parsed(text: str) -> Node:
    """prose_nodes() the long way, through the sanitizer and the Markdown parser."""
    md = _markdown()
    md.reset()
    tree = _Tree()
    tree.feed(md.convert(str(prose(text))))
    tree.close()
    nodes = _clean(tree.root)
    if len(nodes) == 1 and isinstance(nodes[0], list) and nodes[0][0] == "p":
        nodes = nodes[0][1:]  # one paragraph: its inline content, to sit in the browser's own <p> or <li>
        if len(nodes) == 1 and isinstance(nodes[0], str):
            return nodes[0]
    return nodes
