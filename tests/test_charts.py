"""The benchmark charts: well-formed SVG whatever the text, accessible, deterministic and quick."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import charts

NS = "{http://www.w3.org/2000/svg}"
FIVE = [(1, "Starting"), (2, "Exploring"), (3, "Establishing"), (4, "Embedding"), (5, "Sustaining")]
HIDDEN = "Not shown: fewer than 10 respondents, or could reveal a smaller group"

HOSTILE = [
    r"NHS $\frac$ body",
    "$x$ and $y^2$ and $$",
    "<script>alert(1)</script>",
    "Tom & Jerry &amp; &lt;b&gt; &#x41;",
    "\"double\" and 'single' quotes",
    "{{ 7 * 7 }} }} {% if x %} {# note #} ${x}",
    "]]> <![CDATA[ x ]]> <!-- comment --> <?xml version='1.0'?>",
    "שירות הבריאות (40)",  # right to left, with a number
    "الشرطة المحلية",
    "\u202egnp.exe\u202c and \u2066isolated\u2069",  # bidirectional controls stay text
    "データの品質と地方自治体の非常に長い名前のグループ",  # Japanese, no spaces to break at
    "👩‍👩‍👧 family, e\u0301 combining, zero\u200bwidth",
    "B" * 119,
    "Level name " * 45,  # about 500 characters
    "x" * 500,
    "",
    "   padded   ",
]
# Characters XML 1.0 forbids, and control characters; the chart writes plain(text) instead.
CONTROL = [
    "null\x00byte",
    "bell\x07 and escape\x1b[31m red",
    "tab\tnew\nline\rreturn\x0bvertical\x0cfeed",
    "delete\x7f and C1\x85\x9f",
    "lone \ud800 surrogate \udfff",
    "not characters \ufffe \uffff",
]


def parse(svg: str) -> ET.Element:
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(svg.encode("utf-8"))  # raises on anything that is not well-formed XML


def texts(root: ET.Element) -> set[str]:
    """Every text a reader can get at: what <text> shows, and the full text in each <title>."""
    found = {"".join(el.itertext()) for el in root.iter(NS + "text")}
    return found | {el.text or "" for el in root.iter(NS + "title")}


def chart(title="Data quality, 2026", rows=None, levels=FIVE, hidden=HIDDEN) -> str:
    if rows is None:
        rows = [("All respondents (40)", np.array([4, 10, 16, 8, 2], dtype=float)), ("Police", None)]
    return charts.spread_svg(title, rows, levels, hidden)


@pytest.mark.parametrize("text", HOSTILE + CONTROL)
def test_any_text_gives_well_formed_xml_that_shows_it_as_text(text):
    levels = [(1, text), *FIVE[1:]]
    svg = chart(title=text, rows=[(text, [1, 2, 3, 4, 5]), ("Police", None)], levels=levels, hidden=text)
    root = parse(svg)
    shown = charts.plain(text)
    if text not in CONTROL:
        assert shown == text.strip(" "), "ordinary text is written unchanged"
    assert (root.find(NS + "title").text or "") == shown
    found = texts(root)
    assert shown in found  # the row label and the hidden-row note
    assert f"1. {shown}".rstrip(" ") in found  # the legend
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", svg)
    assert "<script" not in svg and "<!--" not in svg and "<![CDATA[" not in svg


@given(
    title=st.text(max_size=300),
    label=st.text(max_size=300),
    name=st.text(max_size=300),
    hidden=st.text(max_size=300),
)
@settings(max_examples=150, deadline=None)
def test_random_text_never_breaks_the_file(title, label, name, hidden):
    root = parse(chart(title=title, rows=[(label, [3, 1]), (label, None)], levels=[(0, name), (1, "b")], hidden=hidden))
    found = texts(root)
    assert charts.plain(title) == (root.find(NS + "title").text or "")
    assert charts.plain(label) in found and charts.plain(hidden) in found
    assert f"0. {charts.plain(name)}".rstrip(" ") in found


def test_plain_keeps_text_and_drops_only_what_xml_cannot_hold():
    assert charts.plain("a  b\t\nc\x00d") == "a b c d"
    assert charts.plain("x\ud800y\uffff") == "x\ufffdy\ufffd"
    assert charts.plain("\u00a0non-breaking\u3000ideographic") == "\u00a0non-breaking\u3000ideographic"


@pytest.mark.parametrize(
    "levels",
    [
        [(1, "Starting"), (2, "Sustaining")],
        [(0, "None"), (1, "Starting"), (2, "Sustaining")],
        [(n, f"Level {n}") for n in range(1, 8)],
        [(n, f"Level {n}") for n in range(0, 7)],
    ],
    ids=["2 levels", "from 0", "7 levels", "7 levels from 0"],
)
def test_each_level_has_its_own_pattern_number_and_legend_entry(levels):
    n = len(levels)
    even = [100 / n] * n
    svg = chart(rows=[("All respondents (70)", even), ("Hidden group", None)], levels=levels)
    root = parse(svg)
    patterns = root.findall(f"{NS}defs/{NS}pattern")
    assert len(patterns) == n
    ids = [p.get("id") for p in patterns]
    assert len(set(ids)) == n
    # Told apart by shape, not colour alone: the drawing in each tile differs once colours are removed.
    shapes = {re.sub(r'(fill|stroke)="#[0-9a-f]{6}"', "", ET.tostring(p, encoding="unicode")) for p in patterns}
    shapes = {re.sub(r'id="[^"]+"', "", s) for s in shapes}
    assert len(shapes) == n
    fills = [p.find(NS + "rect").get("fill") for p in patterns]
    assert fills == list(charts.level_colours(n))
    assert [charts.luminance(f) for f in fills] == sorted((charts.luminance(f) for f in fills), reverse=True)
    found = texts(root)
    for number, name in levels:
        assert f"{number}. {name}" in found
        assert f"{number}: {100 / n:.0f}%" in found or str(number) in found  # written on the bar
    for p in ids:
        assert f'fill="url(#{p})"' in svg  # every pattern is used in the bar and in the legend


def test_text_on_every_fill_has_a_contrast_of_at_least_4_5():
    for n in range(2, 8):
        for fill in charts.level_colours(n):
            assert charts.contrast(fill, charts.text_colour(fill)) >= 4.5, (n, fill)
    # And in the file: each number sits on a patch of its level's plain fill.
    root = parse(chart(rows=[("A", [1] * 7)], levels=[(n, f"L{n}") for n in range(1, 8)]))
    children = list(root)
    checked = 0
    for before, el in zip(children, children[1:], strict=False):
        if el.tag == NS + "text" and before.tag == NS + "rect" and before.get("fill", "").startswith("#"):
            if before.get("fill") != "#ffffff":
                assert charts.contrast(before.get("fill"), el.get("fill")) >= 4.5
                checked += 1
    assert checked == 7


def test_the_same_figures_give_byte_identical_files():
    first = chart()
    charts._spread_svg.cache_clear()
    again = chart(rows=[("All respondents (40)", [4, 10, 16, 8, 2]), ("Police", None)])  # lists, not arrays
    assert first == again
    assert "dc:date" not in first and "metadata" not in first
    other = chart(title="Another topic")
    ids = set(re.findall(r'id="([^"]+)"', first))
    assert ids.isdisjoint(re.findall(r'id="([^"]+)"', other))  # two charts could share a page
    assert len(re.findall(r'id="([^"]+)"', first)) == len(ids)


def test_hidden_rows_show_the_note_and_no_bar():
    svg = chart(rows=[("Police", None), ("Fire", None)])
    root = parse(svg)
    notes = [el for el in root.iter(NS + "text") if "".join(el.itertext()) == HIDDEN]
    assert len(notes) == 2 and all(el.get("font-style") == "italic" for el in notes)
    assert "url(#" not in svg.split("</defs>")[1].split("Levels")[0]  # no hatched bar before the legend
    assert f"Police: {HIDDEN}." in root.find(NS + "desc").text


def test_accessible_structure():
    svg = chart()
    root = parse(svg)
    assert root.get("role") == "img"
    assert list(root)[0].tag == NS + "title" and list(root)[1].tag == NS + "desc"
    assert root.get("aria-labelledby") == root.find(NS + "title").get("id")
    assert root.get("aria-describedby") == root.find(NS + "desc").get("id")
    desc = root.find(NS + "desc").text
    assert "table" in desc and "All respondents (40): level 1 10%, level 2 25%, level 3 40%" in desc
    assert "sans-serif" in root.get("font-family") and "@font-face" not in svg
    assert re.findall(r"url\(([^)]*)\)", svg) and all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", svg))
    assert root.get("viewBox").startswith("0 0 800 ")
    for text in ("Data quality, 2026", "3: 40%", "2: 25%", "5. Sustaining", "0%", "100%"):
        assert f">{text}<" in svg, text


def test_height_grows_with_rows_and_long_text_stays_inside():
    def height(svg: str) -> float:
        return float(parse(svg).get("viewBox").split()[3])

    one = chart(rows=[("A", [1, 1, 1, 1, 1])])
    ten = chart(rows=[(f"Group {i}", [1, 1, 1, 1, 1]) for i in range(10)])
    assert height(ten) > height(one) + 8 * charts.ROW_MIN
    long = "Level name " * 45
    svg = chart(
        title="A title " * 60,
        rows=[("Organisations " * 30, [1, 1, 1, 1, 1]), ("x" * 500, None)],
        levels=[(1, long), (2, "y" * 500), *FIVE[2:]],
    )
    root = parse(svg)

    def inside(el: ET.Element, inherited: dict[str, str]) -> None:
        attrs = {**inherited, **el.attrib}
        if el.tag in (NS + "text", NS + "tspan") and el.get("x") and (el.text or "").strip():
            size, bold = float(attrs["font-size"]), attrs.get("font-weight") == "700"
            width, x = charts.text_width(el.text, size, bold), float(el.get("x"))
            left = {"start": x, "middle": x - width / 2, "end": x - width}[attrs.get("text-anchor", "start")]
            assert charts.PAD - 1 <= left and left + width <= charts.WIDTH - charts.PAD + 1, el.text
            checked.append(el.text)
        for child in el:
            inside(child, attrs)

    checked: list[str] = []
    inside(root, {})
    assert "100%" in checked and "Levels" in checked and len(checked) > 30
    # Shortened text keeps its full form in a <title>.
    assert "Organisations " * 29 + "Organisations" in texts(root)
    assert f"1. {long.strip()}" in texts(root) and "2. " + "y" * 500 in texts(root)


def test_odd_figures_and_wrong_shapes():
    svg = chart(rows=[("Zeros", [0, 0, 0, 0, 0]), ("Odd", [float("nan"), -1, float("inf"), 2, 2])])
    assert ">4: 50%<" in svg and ">5: 50%<" in svg
    parse(svg)
    with pytest.raises(ValueError, match="2 to 7 levels"):
        chart(rows=[("A", [1])], levels=[(1, "Only")])
    with pytest.raises(ValueError, match="2 to 7 levels"):
        chart(rows=[("A", [1] * 8)], levels=[(n, str(n)) for n in range(8)])
    with pytest.raises(ValueError, match="has 3 values for 5 levels"):
        chart(rows=[("A", [1, 2, 3])])
