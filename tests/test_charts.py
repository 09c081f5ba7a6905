"""The benchmark charts: well-formed SVG whatever the text, accessible, deterministic and quick."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import charts

NS = "{http://www.w3.org/2000/svg}"
FIVE = [(1, "Starting"), (2, "Exploring"), (3, "Establishing"), (4, "Embedding"), (5, "Sustaining")]
HIDDEN = "Not shown: hidden to protect respondents"

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
        rows = [("All respondents (40)", (2, 3, 4)), ("Police", None)]
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
    root = parse(
        chart(title=title, rows=[(label, (0, 0, 1)), (label, None)], levels=[(0, name), (1, "b")], hidden=hidden)
    )
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
def test_every_level_is_on_the_axis_and_named_and_the_bar_spans_the_middle_half(levels):
    numbers = [n for n, _ in levels]
    low, high = numbers[0], numbers[-1]
    svg = chart(rows=[("All respondents (70)", (low, low, high)), ("Hidden group", None)], levels=levels)
    root = parse(svg)
    found = texts(root)
    for number, name in levels:
        assert f"{number}. {name}" in found and str(number) in found
    # The figures are written beside the bar, so nothing rests on the bar's colour or length alone.
    assert f"{low} ({low} to {high})" in found
    bar = next(
        el
        for el in root.iter(NS + "rect")
        if el.get("fill") == charts.BAR_FILL and el.get("height") == str(charts.BAR_HEIGHT)
    )
    ticks = [float(el.get("x")) for el in root.iter(NS + "text") if el.text in {str(low), str(high)} and el.get("y")]
    assert float(bar.get("x")) < min(ticks) and float(bar.get("x")) + float(bar.get("width")) > max(ticks)


def test_the_bar_and_the_marker_stand_out_from_the_background():
    # WCAG 1.4.11: graphics that carry meaning need 3:1 against what is next to them.
    assert charts.contrast(charts.BAR_FILL, charts.WHITE) >= 3
    assert charts.contrast(charts.MARK, charts.BAR_FILL) >= 3 and charts.contrast(charts.MARK, charts.WHITE) >= 3


def test_the_same_figures_give_byte_identical_files():
    first = chart()
    charts._spread_svg.cache_clear()
    again = chart(rows=[("All respondents (40)", [2, 3, 4]), ("Police", None)])  # a list, not a tuple
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
    assert f'height="{charts.BAR_HEIGHT}" fill="{charts.BAR_FILL}"' not in svg  # no bar, only the key's swatch
    assert f"Police: {HIDDEN}." in root.find(NS + "desc").text


def test_accessible_structure():
    svg = chart()
    root = parse(svg)
    assert root.get("role") == "img"
    assert list(root)[0].tag == NS + "title" and list(root)[1].tag == NS + "desc"
    assert root.get("aria-labelledby") == root.find(NS + "title").get("id")
    assert root.get("aria-describedby") == root.find(NS + "desc").get("id")
    desc = root.find(NS + "desc").text
    assert "table" in desc and "All respondents (40): middle level 3, middle half at levels 2 to 4." in desc
    assert "sans-serif" in root.get("font-family") and "@font-face" not in svg
    assert "url(" not in svg and "href" not in svg  # nothing outside the file
    assert root.get("viewBox").startswith("0 0 800 ")
    for text in ("Data quality, 2026", "3 (2 to 4)", "5. Sustaining", "Level", "Middle level (median)"):
        assert f">{text}<" in svg, text


def test_height_grows_with_rows_and_long_text_stays_inside():
    def height(svg: str) -> float:
        return float(parse(svg).get("viewBox").split()[3])

    one = chart(rows=[("A", (1, 2, 3))])
    ten = chart(rows=[(f"Group {i}", (1, 2, 3)) for i in range(10)])
    assert height(ten) > height(one) + 8 * charts.ROW_MIN
    long = "Level name " * 45
    svg = chart(
        title="A title " * 60,
        rows=[("Organisations " * 30, (1, 3, 5)), ("x" * 500, None)],
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
    assert "Level" in checked and "Middle half of respondents" in checked and len(checked) > 20
    # Shortened text keeps its full form in a <title>.
    assert "Organisations " * 29 + "Organisations" in texts(root)
    assert f"1. {long.strip()}" in texts(root) and "2. " + "y" * 500 in texts(root)


def test_wrong_figures_are_refused():
    with pytest.raises(ValueError, match="at least 2 levels"):
        chart(rows=[("A", (1, 1, 1))], levels=[(1, "Only")])
    with pytest.raises(ValueError, match="not a lower quartile, median and upper quartile"):
        chart(rows=[("A", (3, 2, 4))])
    with pytest.raises(ValueError, match="not a lower quartile, median and upper quartile"):
        chart(rows=[("A", (1, 2, 9))])
