"""`dmf results add` counts the records of the text it is about to write; the short count must be exact."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.results.results_csv import records

FIELD = st.text(alphabet='ab,"\n\r 1', max_size=6)


@given(st.lists(st.lists(FIELD, min_size=1, max_size=4), max_size=8))
def test_records_counts_what_the_csv_reader_reads(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    text = out.getvalue()
    try:
        expected = sum(1 for _ in csv.reader(io.StringIO(text)))
    except csv.Error:  # a bare carriage return: the long way refuses it, and so must the short way
        with pytest.raises(csv.Error):
            records(text)
        return
    assert records(text) == expected


def test_a_field_with_a_line_break_is_one_record():
    assert records('respondent,level\n"two\nlines",3\n') == 2
    assert records("respondent,level\nr-1,3\nr-2,4") == 3  # no line break at the end
    assert records("") == 0
