"""A bilingual site from the two-language fixture: / and /cy/, <html lang>, the switcher, fallback, hostile text, axe."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, build

FIXTURE = Path(__file__).parent / "fixtures" / "bilingual" / "framework"
SWITCH = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"')


def build_fixture(d: Path, change=None) -> Path:
    shutil.copytree(FIXTURE, d / "framework")
    (d / "results").mkdir()
    if change:
        change(d / "framework")
    return build(d / "framework", d / "site", d / "results")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("bilingual"))


def html(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def lang(page: str) -> str:
    return re.search(r'<html lang="([^"]*)"', page).group(1)


def test_both_languages_are_built_with_their_own_lang(site):
    assert lang(html(site, "framework/topics/topic-0")) == "en"
    welsh = html(site, "cy/framework/topics/topic-0")
    assert lang(welsh) == "cy"
    assert "CY Topic 0" in welsh and "Pam mae'n bwysig" in welsh
    assert lang(html(site, "cy/framework/levels/level-1")) == "cy"
    assert (site / "cy" / "framework.json").is_file()
    assert '"language": "cy"' in (site / "cy" / "framework.json").read_text(encoding="utf-8")


def test_the_switcher_links_every_page_to_its_counterpart(site):
    pages = sorted(p for p in site.rglob("index.html") if p.parent != site / "404")
    assert len(pages) > 20
    for path in pages:
        address = path.parent.relative_to(site).as_posix()
        address = "" if address == "." else address + "/"
        links = dict((lang, href) for href, lang in SWITCH.findall(path.read_text(encoding="utf-8")))
        assert set(links) == {"en", "cy"}, path
        base = address.removeprefix("cy/")
        for code, href in links.items():
            target = posixpath.normpath(posixpath.join(address, href)) + "/"
            target = "" if target == "./" else target
            assert (site / target / "index.html").is_file(), (path, href)
            assert target == ("cy/" if code == "cy" else "") + base, (path, code, href)


def test_untranslated_text_falls_back_and_says_so(site):
    partial = html(site, "cy/framework/topics/topic-1")
    assert lang(partial) == "cy" and "Nid yw peth o&#39;r testun" in partial.replace("'", "&#39;")
    assert "CY Topic 1" in partial  # what is translated, and the rest in the default language, marked as such
    assert '<span lang="en">Summary of topic 1.</span>' in partial and '<span lang="en">CY Topic 1' not in partial
    levels = html(site, "cy/framework/levels/level-1")  # every topic's descriptor: topic-2's is not translated
    assert '<span lang="en">Topic 2 at level 1.</span>' in levels and "CY Topic 0 at level 1." in levels
    whole = html(site, "cy/framework/topics/topic-2")  # no translation at all: the English page, said in Welsh
    assert lang(whole) == "en" and "dmf-untranslated" in whole and "Summary of topic 2." in whole
    assert "Drafft yw&#39;r cyfieithiad" in html(site, "cy/framework/topics/topic-0").replace("'", "&#39;")
    copy = html(site, "cy/about")  # a hand-written page with no Welsh copy: English, said in Welsh
    assert lang(copy) == "en"
    assert re.search(r'<div class="admonition info dmf-untranslated" lang="cy"><p>Nid yw&#x27;r dudalen hon', copy)
    # Its links to files that exist in the default language only still resolve.
    for href in re.findall(r'href="(\.\./[^"#]*\.json)"', html(site, "cy/reference/file-format")):
        assert (site / "cy/reference/file-format" / href).resolve().is_file(), href


def test_the_welsh_nav_lists_welsh_pages(site):
    welsh = html(site, "cy/framework/topics/topic-0")
    nav = welsh[welsh.index('class="md-nav md-nav--primary"') :]
    assert "Canllawiau" in nav and "Guides" not in nav
    hrefs = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)" class="md-nav__link', nav)
    targets = {posixpath.normpath(posixpath.join("cy/framework/topics/topic-0/", a or b)) for a, b in hrefs}
    assert "cy/framework/topics/topic-1" in targets and "framework/topics/topic-1" not in targets


def test_hostile_translations_stay_text(tmp_path):
    def hostile(fw: Path) -> None:
        path = fw / "translations" / "cy" / "topics" / "topic-0.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"]["text"] = "<script>window.hacked=1</script> [x](javascript:alert(1))"
        data["summary"]["text"] = "See <img src=x onerror=alert(1)> {: onclick=alert(1)}"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        about = fw / "translations" / "cy" / "framework.yml"
        about.write_text(about.read_text(encoding="utf-8").replace("name: Cymraeg", "name: <b>Cymraeg</b>"))

    site = build_fixture(tmp_path, hostile)
    page = html(site, "cy/framework/topics/topic-0")
    assert "<script>window.hacked" not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page and not re.search(r"<[^>]*\sonclick=", page)
    assert "&lt;script&gt;window.hacked=1&lt;/script&gt;" in page
    assert "<b>Cymraeg" not in page and "&lt;b&gt;Cymraeg&lt;/b&gt;" in page  # the switcher's name too


def test_the_build_is_deterministic(site, tmp_path):
    again = build_fixture(tmp_path)
    first = {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_the_shipped_framework_builds_with_its_welsh_draft(shipped_site):
    overlay = ROOT / "framework" / "translations" / "cy"
    translated = sorted(p.stem for p in (overlay / "topics").glob("*.yml"))
    assert len(translated) >= 2
    for topic in translated:
        page = html(shipped_site, f"cy/framework/topics/{topic}")
        assert lang(page) == "cy" and "Drafft yw" in page and "Nid yw peth" not in page, topic
    assert "Drafft yw" in html(shipped_site, "cy/framework")
    assert lang(html(shipped_site, "framework")) == "en"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1280, 900), (320, 720)], ids=["wide", "narrow"])
@pytest.mark.parametrize(
    "address", ["cy/framework/topics/topic-0/", "cy/framework/topics/topic-1/", "cy/assessment/", "cy/about/"]
)
def test_axe_finds_no_violations_on_welsh_pages(site, serve, page, address, viewport):
    from .test_assessment_browser import violations

    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(serve(site) + "/" + address)
    if "assessment" in address:
        page.wait_for_selector("#dmf-assessment[data-state=ready]")
    assert violations(page) == []


@pytest.mark.browser
def test_the_welsh_self_assessment_asks_in_welsh_and_shares_saved_answers(site, serve, page):
    from .test_assessment_browser import put_saved

    base = serve(site)
    page.goto(base + "/assessment/")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    doc = {
        "format": "dmf-self-assessment",
        "formatVersion": 1,
        "framework": {"id": "bilingual-test", "version": "1.2.3"},
        "answers": {"topic-0-q-0": 2},
        "notes": {},
        "roadmap": {"start": None, "targets": {}, "owners": {}},
        "comparison": {"orgType": None, "sizeBand": None},
    }
    put_saved(page, doc, "bilingual-test")
    page.goto(base + "/cy/assessment/")
    page.wait_for_selector("#dmf-assessment[data-state=ready]")
    app = page.locator("#dmf-assessment")
    assert "CY Question 0 0?" in app.inner_text()
    assert page.locator("#dmf-assessment input[type=radio]:checked").count() == 1


def test_one_search_index_holds_both_languages(site):
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    where = {d["location"]: d for d in docs}
    assert where["cy/framework/topics/topic-0/"]["title"] == "CY Topic 0"
    assert where["framework/topics/topic-0/"]["title"] == "Topic 0"
