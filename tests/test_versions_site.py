"""The built site of a framework with history: the 'What changed' page, old addresses, framework.json id_changes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.versions.ids import migrate_answers

from .conftest import build
from .factory import make_framework
from .history_factory import write_versions
from .test_build import tree_digest


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("history")
    versions = write_versions(root)
    return build(versions["3.0.0"], root / "site", results=root / "no-results")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.refresh: str | None = None
        self.canonical: str | None = None
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = re.sub(r"^\d+;\s*url=", "", a["content"])
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_h1 = tag == "h1" or self._in_h1

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link from page reaches, as a static host would serve it."""
    url = urljoin("http://site/" + page.relative_to(site).as_posix(), href.split("#")[0])
    rel = url.removeprefix("http://site/")
    return site / rel / "index.html" if rel.endswith("/") or not rel else site / rel


def topic_heading(site: Path, topic_id: str) -> str:
    return parse(site / "framework" / "topics" / topic_id / "index.html").h1.strip()


def test_old_topic_addresses_redirect_to_pages_that_exist(history_site):
    topics = history_site / "framework" / "topics"
    # Current topics, plus one page for each topic id that earlier releases had.
    assert sorted(p.name for p in topics.iterdir()) == sorted(
        ["topic-0a", "topic-0b", "topic-1", "topic-final", "topic-0", "topic-2", "topic-renamed", "topic-3"]
    )
    for old in ("topic-2", "topic-renamed"):  # renamed twice: both old addresses lead to the current page
        page = topics / old / "index.html"
        redirect = parse(page)
        assert redirect.refresh == redirect.canonical == "../topic-final/"
        assert redirect.links == ["../topic-final/"]
        assert target(history_site, page, redirect.refresh) == topics / "topic-final" / "index.html"
        assert topic_heading(history_site, "topic-final").startswith("Topic 2, final")

    split = parse(topics / "topic-0" / "index.html")
    assert split.refresh is None and split.canonical is None  # two places to go: the reader chooses
    assert split.links[:2] == ["../topic-0a/", "../topic-0b/"]
    removed = parse(topics / "topic-3" / "index.html")
    assert removed.refresh is None and removed.h1 == "Topic 3 was removed"

    for old in ("topic-0", "topic-2", "topic-renamed", "topic-3"):
        page = topics / old / "index.html"
        for href in parse(page).links:
            assert target(history_site, page, href).is_file(), f"{old}: {href} leads nowhere"


def test_what_changed_page_lists_every_release_newest_first(history_site):
    page = history_site / "reference" / "what-changed" / "index.html"
    html = page.read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert text.index("Version 3.0.0") < text.index("Version 2.0.0")
    assert "Compared with version 2.0.0" in text and "Compared with version 1.0.0" in text
    assert "Topic id changed: topic-renamed is now topic-final." in text
    assert "Topic “Topic 0” (topic-0) split into “Topic 0, part A” (topic-0a), “Topic 0, part B” (topic-0b)." in text
    assert "Why: It asked two things at once." in text
    assert "Before: Topic 1 at level 3. After: Topic 1 at level 3, now said better." in text
    assert "Each question now asks one thing." in text
    for href in parse(page).links:  # every link on the page, topic links included, reaches a page
        if not href.startswith(("http", "#")):
            assert target(history_site, page, href).is_file(), href
    # Listed in the navigation under Reference.
    home = (history_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="reference/what-changed/"[^>]*>\s*(<span[^>]*>\s*)?What changed', home)


def test_first_version_says_there_is_nothing_to_compare(tmp_path):
    from generator.framework.load import load_framework
    from generator.site.whatchanged import page

    model = load_framework(make_framework(tmp_path / "fw"))
    text = page(model)
    assert "This is the first version published here" in text and "## Version" not in text
    history = write_versions(tmp_path / "h")
    assert "This is the first version published here" not in page(load_framework(history["2.0.0"]))


def test_old_saved_answers_migrate_through_framework_json(history_site):
    data = json.loads((history_site / "framework.json").read_text(encoding="utf-8"))
    current = {q["id"] for t in data["topics"] for q in t["questions"]}
    assert sorted(data["id_changes"]) == ["1.0.0", "2.0.0"]
    from_1 = data["id_changes"]["1.0.0"]
    assert from_1["topic-0-q-0"] == ["topic-0-q-0a", "topic-0-q-0b"] and from_1["topic-0-q-1"] == []
    assert all(set(targets) <= current for changes in data["id_changes"].values() for targets in changes.values())

    saved = {"topic-0-q-0": 3, "topic-0-q-1": 2, "topic-2-q-0": 4, "topic-2-q-1": "unknown", "topic-1-q-0": "na"}
    assert migrate_answers(saved, from_1) == {
        "topic-0-q-0a": 3,
        "topic-0-q-0b": 3,
        "topic-2-q-01": 4,  # merged: the answered level wins over 'not sure'
        "topic-1-q-0": "na",
    }
    saved_2 = {"topic-3-q-0": 1, "topic-2-q-2": 5}
    assert migrate_answers(saved_2, data["id_changes"]["2.0.0"]) == {"topic-2-q-2": 5}


def test_history_site_is_byte_identical_when_built_again(history_site, tmp_path):
    again = build(history_site.parent / "v3", tmp_path / "again", results=history_site.parent / "no-results")

    def ours(digest: dict[str, str]) -> dict[str, str]:  # what this feature writes; test_build covers the rest
        return {k: v for k, v in digest.items() if k.startswith(("framework", "reference/what-changed"))}

    assert ours(tree_digest(again)) == ours(tree_digest(history_site))
    assert "framework.json" in ours(tree_digest(again)) and "framework/topics/topic-0/index.html" in ours(
        tree_digest(again)
    )
