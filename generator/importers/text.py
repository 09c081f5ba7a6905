"""HTML turned into plain text, for importers whose sources write HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser


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
