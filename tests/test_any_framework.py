"""The site names, licenses and speaks the language of the framework it is given."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import build, search_offline
from .factory import framework_dict, write_framework


@pytest.fixture(scope="module")
def japanese_site(tmp_path_factory):
    d = tmp_path_factory.mktemp("any-framework")
    fw, topics = framework_dict(start=0, n_levels=6, japanese=True, topics=3)
    fw.update(language="ja", licence="CC BY 4.0", publisher="Digital Agency")
    topics["topic-1"]["summary"] = "私たちは毎月データの品質を確かめて、結果を共有します。"
    (d / "results").mkdir()
    return build(write_framework(d / "fw", fw, topics), d / "site"), fw


def pages(site):
    return sorted(p for p in site.rglob("*.html") if "/assets/" not in p.as_posix())


def test_every_page_speaks_the_framework_language(japanese_site):
    site, _ = japanese_site
    langs = {re.search(r'<html lang="([^"]*)"', p.read_text(encoding="utf-8")).group(1) for p in pages(site)}
    assert langs == {"ja"}


def test_every_footer_gives_the_framework_licence_and_publisher(japanese_site):
    site, _ = japanese_site
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        if "md-copyright" in html:
            assert "CC BY 4.0" in html and "Digital Agency" in html, page
    assert not any("Open Government" in p.read_text(encoding="utf-8") for p in pages(site))


def test_search_is_set_for_the_framework_language(japanese_site):
    site, _ = japanese_site
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["ja"] and "、" in config["separator"]  # Japanese punctuation separates words


@pytest.mark.browser
def test_search_finds_a_word_from_the_middle_of_a_japanese_sentence(japanese_site, page, serve):
    site, _ = japanese_site
    assert "品質" in search_offline(page, serve(site), "品質")


def test_hand_written_pages_describe_the_framework_they_are_built_with(japanese_site):
    site, fw = japanese_site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>テスト成熟度モデル", home)
    assert f"<title>{fw['title']}</title>" in home
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    names = [lv["name"] for lv in fw["levels"]]
    assert "has 6 levels: " + ", ".join(names[:-1]) + " and " + names[-1] in about
    assert "3 topics are grouped into" in about
    assert not any("dmf:" in p.read_text(encoding="utf-8") for p in pages(site))  # every placeholder filled


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory):
    d = tmp_path_factory.mktemp("rtl")
    fw, topics = framework_dict()
    fw.update(language="ar", licence="CC BY-SA 4.0", publisher="هيئة البيانات")
    topics["topic-1"]["summary"] = "نحن نتحقق من جودة البيانات كل شهر ونشارك النتائج مع الفريق."
    (d / "results").mkdir()
    return build(write_framework(d / "fw", fw, topics), d / "site")


def test_a_right_to_left_framework_gets_its_direction_licence_and_publisher(arabic_site):
    for page in pages(arabic_site):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="ar"', html) and 'dir="rtl"' in html, page
        if "md-copyright" in html:
            assert "CC BY-SA 4.0" in html and "هيئة البيانات" in html, page


@pytest.mark.browser
def test_search_finds_a_word_from_the_middle_of_an_arabic_sentence(arabic_site, page, serve):
    assert "جودة" in search_offline(page, serve(arabic_site), "جودة")
