"""Pages at old topic addresses that send readers on to where the topic went.

Static HTML, so they work on any host and without JavaScript: a meta refresh and a visible link
when a topic has one successor, a list of links when it was split, an explanation when it was
removed. They assume the site's directory addresses (mkdocs' use_directory_urls, the default).
"""

from __future__ import annotations

from html import escape

from generator.framework.model import Model
from generator.site import paths
from generator.versions.ids import id_mapping

# Readable without the site's stylesheet, and links big enough to tap (WCAG 2.2 target size).
_STYLE = (
    "body{font:1.125rem/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}"
    "a{color:#1d4ed8;display:inline-block;padding:.25rem 0}li{margin:.5rem 0}"
)


def topic_redirects(model: Model) -> dict[str, str]:
    """{path under the docs dir: HTML} for every topic address of an earlier release that no longer exists."""
    current = {t.id: t for t in model.topics}
    gone: dict[str, tuple[str, str, tuple[str, ...]]] = {}  # old id -> (title, version, current topic ids)
    for release in model.history.releases:  # oldest first, so the latest fate of an id wins
        version = release.framework.version
        mapping = id_mapping(model, version)
        if mapping is None or version == model.framework.version:
            continue
        for t in release.topics:
            if t.id not in current:
                gone[t.id] = (t.title, version, tuple(i for i in mapping.get(t.id, ()) if i in current))
    out = {}
    for old_id, (title, version, targets) in sorted(gone.items()):
        here = paths.topic(old_id)
        links = [(current[i].title, paths.relative_url(here, paths.topic(i))) for i in targets]
        out[paths.redirect(old_id)] = _page(model, here, title, version, links)
    return out


def _page(model: Model, here: str, old_title: str, version: str, targets: list[tuple[str, str]]) -> str:
    changes = f'<a href="{paths.relative_url(here, paths.WHAT_CHANGED)}">what changed</a>'
    head = [
        "<!doctype html>",
        f'<html lang="{escape(model.framework.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<style>{_STYLE}</style>",
    ]
    if len(targets) == 1:
        title, url = targets[0]
        head += [
            f'<meta http-equiv="refresh" content="0; url={escape(url)}">',
            f'<link rel="canonical" href="{escape(url)}">',
            f"<title>{escape(old_title)} has moved: {escape(model.framework.title)}</title>",
        ]
        body = [
            f"<h1>{escape(old_title)} has moved</h1>",
            f'<p>This topic is now <a href="{escape(url)}">{escape(title)}</a>. '
            "If your browser does not take you there, follow the link.</p>",
        ]
    elif targets:
        head.append(f"<title>{escape(old_title)} was split: {escape(model.framework.title)}</title>")
        items = "".join(f'<li><a href="{escape(url)}">{escape(title)}</a></li>' for title, url in targets)
        body = [
            f"<h1>{escape(old_title)} was split</h1>",
            f"<p>This topic was part of the framework up to version {escape(version)}. It is now covered by:</p>",
            f"<ul>{items}</ul>",
            f"<p>See {changes} for details.</p>",
        ]
    else:
        head.append(f"<title>{escape(old_title)} was removed: {escape(model.framework.title)}</title>")
        body = [
            f"<h1>{escape(old_title)} was removed</h1>",
            f"<p>This topic was part of the framework up to version {escape(version)}, and was then removed. "
            f'See {changes}, or go to <a href="{paths.relative_url(here, paths.OVERVIEW)}">the framework\'s topics</a>.</p>',
        ]
    return "\n".join([*head, "</head>", "<body>", "<main>", *body, "</main>", "</body>", "</html>"]) + "\n"
