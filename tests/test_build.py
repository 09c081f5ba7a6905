"""Real strict mkdocs builds: the shipped framework, unusual frameworks, determinism and atomic replacement."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import build_site
from generator.framework.load import load_framework
from generator.inputs import load_inputs
from generator.site.content import content
from generator.site.framework_json import framework_data
from generator.yamlio.problems import InputError

from .conftest import ROOT, build
from .factory import framework_dict, make_framework, write_framework


def tree_digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_shipped_site_has_every_page(shipped_site):
    model = load_framework(ROOT / "framework")
    for topic in model.topics:
        html = (shipped_site / "framework" / "topics" / topic.id / "index.html").read_text(encoding="utf-8")
        for n in model.level_numbers[:-1]:
            assert f'id="step-{n}-to-{n + 1}"' in html
        for q in topic.questions:
            assert f'id="{q.id}"' in html
    for level in model.framework.levels:
        assert (shipped_site / "framework" / "levels" / level.id / "index.html").is_file()
    assert (shipped_site / "reference" / "file-format" / "index.html").is_file()
    assert (shipped_site / "search" / "search_index.json").is_file()


def test_framework_json_is_the_model(shipped_site):
    model = load_framework(ROOT / "framework")
    published = json.loads((shipped_site / "framework.json").read_text(encoding="utf-8"))
    assert published == framework_data(model)
    assert [t["id"] for t in published["topics"]] == [t.id for t in model.topics]


def test_schemas_are_published_and_match_the_model(shipped_site):
    from generator.site.framework_json import SCHEMA_FILES, schema_json

    for name, cls in SCHEMA_FILES.items():
        committed = (ROOT / "site_src" / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_json(cls), f"run `dmf schema`: site_src/schema/{name} is out of date"
        assert json.loads((shipped_site / "schema" / name).read_text(encoding="utf-8")) == json.loads(committed)


def test_every_framework_file_points_editors_at_the_schema():
    files = [ROOT / "framework" / "framework.yml", *sorted((ROOT / "framework" / "topics").glob("*.yml"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = "framework" if path.name == "framework.yml" else "topic"
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name}: first line must be the yaml-language-server schema comment"
        assert (path.parent / match.group(1)).resolve() == ROOT / "site_src" / "schema" / f"{schema}.schema.json"


def test_field_reference_lists_every_topic_field(shipped_site):
    from generator.framework.model import Topic

    html = (shipped_site / "reference" / "file-format" / "index.html").read_text(encoding="utf-8")
    for field in Topic.model_fields:
        assert f"<code>{field}</code>" in html


def test_six_levels_from_zero_crossing_and_japanese_titles(tmp_path):
    fw = make_framework(tmp_path / "fw", start=0, n_levels=6, crossing=True, japanese=True, topics=3)
    site = build(fw, tmp_path / "site")
    overview = (site / "framework" / "index.html").read_text(encoding="utf-8")
    assert "テスト成熟度モデル" in overview
    assert "文化" in overview and "道具" in overview  # the topics × crossing table
    assert (site / "framework" / "levels" / "level-0" / "index.html").is_file()
    topic = (site / "framework" / "topics" / "topic-0" / "index.html").read_text(encoding="utf-8")
    assert 'id="step-0-to-1"' in topic and 'id="step-4-to-5"' in topic and 'id="step-5-to-6"' not in topic
    data = json.loads((site / "framework.json").read_text(encoding="utf-8"))
    assert [lv["number"] for lv in data["levels"]] == [0, 1, 2, 3, 4, 5]


def test_two_levels_minimum_rule(tmp_path):
    fw = make_framework(tmp_path / "fw", n_levels=2, rule="minimum", topics=1)
    site = build(fw, tmp_path / "site")
    assert "lowest of your answered levels" in (site / "framework" / "index.html").read_text(encoding="utf-8")


def test_raw_html_in_prose_is_shown_not_run(tmp_path):
    fw, topics = framework_dict(topics=1)
    topics["topic-0"]["summary"] = "Careful <script>alert('x')</script> & <b>bold</b> but `<code>` stays."
    site = build(write_framework(tmp_path / "fw", fw, topics), tmp_path / "site")
    html = (site / "framework" / "topics" / "topic-0" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert" in html or "&lt;script>alert" in html
    assert "<code>&lt;code&gt;</code>" in html


def test_builds_are_byte_identical(tmp_path, shipped_site):
    again = build(ROOT / "framework", tmp_path / "again")
    assert tree_digest(again) == tree_digest(shipped_site)


def test_invalid_framework_leaves_site_untouched(tmp_path):
    site = build(make_framework(tmp_path / "good"), tmp_path / "site")
    before = tree_digest(site)
    bad = make_framework(tmp_path / "bad")
    (bad / "topics" / "topic-0.yml").write_text("id: topic-0\ntitle: [\n", encoding="utf-8")
    with pytest.raises(InputError):
        build(bad, site)
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "good", "site"]  # no temporary folder left


def test_failed_mkdocs_build_leaves_site_untouched(tmp_path):
    from generator.site.engine import EngineError

    site = build(make_framework(tmp_path / "good"), tmp_path / "site")
    before = tree_digest(site)
    fw, topics = framework_dict()
    # Valid to the loader, but a link to a page that does not exist fails the strict mkdocs build.
    topics["topic-0"]["summary"] = "See [the missing page](missing-page.md)."
    with pytest.raises(EngineError):
        build(write_framework(tmp_path / "linked", fw, topics), site)
    assert tree_digest(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


class _Resources(HTMLParser):
    """Every address the page would fetch by itself (not links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "data", "poster"):
            if a.get(name):
                self.urls.append(a[name])
        if a.get("srcset"):
            self.urls += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])
        if a.get("style"):
            self.urls += re.findall(r"url\(['\"]?([^'\")]+)", a["style"])


OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def test_no_off_site_resources_anywhere(shipped_site):
    offenders = []
    for page in shipped_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(shipped_site)}: {u}" for u in parser.urls if OFF_SITE.match(u)]
    for css in shipped_site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if OFF_SITE.match(url):
                offenders.append(f"{css.relative_to(shipped_site)}: {url}")
        for url in re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8")):
            if OFF_SITE.match(url):
                offenders.append(f"{css.relative_to(shipped_site)}: {url}")
    assert offenders == []


def test_no_google_fonts_or_generator_link(shipped_site):
    html = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "squidfunk.github.io" not in html


def test_an_external_asset_fails_the_build(tmp_path):
    from generator.site.engine import EngineError

    # Framework prose cannot show images at all (the loader refuses them, with file and line) ...
    fw, topics = framework_dict()
    topics["topic-0"]["summary"] = "A chart: ![Levels](https://example.com/chart.png)"
    with pytest.raises(InputError, match=r"topic-0.yml:\d+:\d+: summary: an image"):
        build(write_framework(tmp_path / "fw", fw, topics), tmp_path / "site")
    # ... and an image from another host in a hand-written page stops the build, not reaching readers.
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "site_src", docs)
    about = docs / "about" / "index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n![Levels](https://example.com/chart.png)\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: site_src", f"docs_dir: {docs}")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(EngineError):
        build_site(
            content(load_inputs(make_framework(tmp_path / "fw2"), tmp_path / "fw2" / "results")),
            tmp_path / "site",
            tmp_path / "mkdocs.yml",
        )
    assert not (tmp_path / "site").exists()


def test_build_cache_changes_nothing(tmp_path, shipped_site, monkeypatch):
    # Charts and workbooks may come from .cache/dmf; a build that makes everything afresh must match.
    monkeypatch.setenv("DMF_CACHE", "off")
    fresh = build(ROOT / "framework", tmp_path / "fresh")
    assert tree_digest(fresh) == tree_digest(shipped_site)


def test_topic_pages_link_to_the_assessment_and_to_benchmarks_only_when_there_are_any(tmp_path, shipped_site):
    html = (shipped_site / "framework" / "topics" / "data-quality" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../assessment/"' in html
    assert 'href="../../../benchmarks/topics/data-quality/"' in html
    (tmp_path / "no-results").mkdir()
    site = build(make_framework(tmp_path / "fw"), tmp_path / "site", results=tmp_path / "no-results")
    html = (site / "framework" / "topics" / "topic-0" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../assessment/"' in html and "benchmarks/topics" not in html
