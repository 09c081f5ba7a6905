"""Helpers every importer needs: stable slug ids and HTML turned into plain text."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

MAX_SLUG = 48


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """Lowercase ASCII kebab-case from the first words of text, cut at a word; '' when nothing is left.

    Accents are dropped (é -> e); text in other scripts leaves nothing, and the caller falls back
    to a numbered id.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        candidate = f"{out}-{word}" if out else word[:limit]
        if len(candidate) > limit:
            break
        out = candidate
    return out


class Ids:
    """Hands out ids unique across a whole framework, in the order asked, so the result is stable."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.collisions: list[str] = []

    def claim(self, text: str, fallback: str, what: str) -> str:
        base = slug(text) or fallback
        chosen, n = base, 1
        while chosen in self.taken:
            n += 1
            chosen = f"{base}-{n}"
        if chosen != base:
            self.collisions.append(f"{what} would have had the id '{base}', which was taken, so it is '{chosen}'")
        self.taken.add(chosen)
        return chosen


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag == "li":
            self.parts.append("- ")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.href = href if href.startswith(("https://", "http://")) else None
            self.link_text = []

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            self.parts.append(f"[{text}]({self.href})" if text else self.href)
            self.href = None
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        (self.link_text if self.href is not None else self.parts).append(data)


def html_text(html: str) -> str:
    """HTML as plain Markdown-ready text: paragraphs kept, tags dropped, entities decoded, links kept."""
    if "<" not in html and "&" not in html:
        return " ".join(html.split())
    parser = _Text()
    parser.feed(html)
    parser.close()
    paragraphs = [" ".join(p.split()) for p in "".join(parser.parts).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def is_html(text: str) -> bool:
    return bool(re.search(r"<[a-zA-Z][^>]*>|&[a-zA-Z#0-9]+;", text))
