"""Plain sentences skip the Markdown parser: the tree must be exactly what the parser would make of them."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.framework.load import load_framework
from generator.site.prose_nodes import _INERT, _plain_sentence, parsed, prose_nodes

ROOT = Path(__file__).resolve().parent.parent
# Letters and digits of several scripts, the inert punctuation, and a few characters that are Markdown.
ALPHABET = "aZ09ŵŷâéßыक़中ش٣ \t" + "".join(sorted(_INERT)) + "*_`[]<>&#{}\\|~\n+"


SHORT_WAY = "aZ09ŵâß中ش٣ " + "".join(sorted(_INERT))  # texts that mostly take the short way


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40) | st.text(alphabet=SHORT_WAY, min_size=1, max_size=40))
def test_the_short_way_agrees_with_the_parser(text):
    assert prose_nodes(text) == parsed(text)


def test_markup_still_goes_through_the_parser():
    assert prose_nodes("Ask the *data owner* first") == ["Ask the ", ["em", "data owner"], " first"]
    assert prose_nodes("1. Agree\n2. Write") == [["ol", ["li", "Agree"], ["li", "Write"]]]
    assert prose_nodes("- one") == [["ul", ["li", "one"]]]
    assert not _plain_sentence("Fish & chips") and prose_nodes("Fish & chips") == "Fish & chips"
    assert prose_nodes("<b>bold</b>") == "<b>bold</b>"  # raw HTML stays text


def test_every_prose_field_of_the_shipped_framework_agrees():
    model = load_framework(ROOT / "framework")
    fields = [lv.summary for lv in model.framework.levels]
    for topic in model.topics:
        fields += [topic.summary, *(q.hint for q in topic.questions)]
        for step in topic.steps:
            fields += [*step.actions, step.milestone, *step.evidence, step.sharing]
    fields = [f for f in fields if f]
    short = [f for f in fields if _plain_sentence(f.strip())]
    assert len(short) > len(fields) / 2  # most fields take the short way, which is why it exists
    for f in fields:
        assert json.dumps(prose_nodes(f)) == json.dumps(parsed(f))
