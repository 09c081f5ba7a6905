"""Results at the edges: blank and odd files, bad bytes and broken rows far into a big file, tiny result sets."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from generator.framework.load import load_framework
from generator.results import benchmarks as bm
from generator.results.csvfile import read_csv
from generator.results.load import load_results
from generator.results.rows import COLUMNS

from .factory import make_framework

FIXTURES = Path(__file__).parent / "fixtures" / "results"
HEADER = ",".join(COLUMNS)
QUESTIONS = [f"topic-{t}-q-{q}" for t in range(2) for q in range(2)]


def row(i: int, question: str = "topic-0-q-0", level: str = "3", org: str = "local-authority") -> str:
    return f"resp-{i:06d},2025,{org},small,1.2.3,{question},{level}"


def folder(tmp_path: Path, content: bytes, name: str = "2025.csv") -> Path:
    results = tmp_path / "results"
    results.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "groups.yml", results / "groups.yml")
    (results / name).write_bytes(content)
    return results


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return load_framework(make_framework(tmp_path_factory.mktemp("fw") / "framework"))


@pytest.mark.parametrize(
    "blank", [b"", b"\n", b" \r\n\t\n", b"\n" * 3_000_000], ids=["empty", "newline", "spaces", "3MB"]
)
def test_a_file_of_nothing_but_blanks_is_empty(tmp_path, model, blank):
    loaded = load_results(folder(tmp_path, blank), model)
    assert [(p.line, p.code) for p in loaded.problems] == [(1, "empty-file")]
    assert loaded.reconciliation.rows_read == 0


def test_a_replacement_character_in_utf8_text_is_not_called_bad_bytes(tmp_path, model):
    """U+FFFD is what bad bytes become when read, but written as text it is a value like any other."""
    text = "\n".join([HEADER, row(1), row(2, org="local-\ufffdauthority")]) + "\n"
    loaded = load_results(folder(tmp_path, text.encode("utf-8")), model)
    assert [(p.line, p.field, p.code) for p in loaded.problems] == [(3, "org_type", "undeclared-group")]


def big_file(n: int, changes: dict[int, str]) -> bytes:
    """n rows of one respondent per row (so no answer repeats), with some rows replaced."""
    rows = [changes.get(i, row(i, QUESTIONS[i % 4], str(1 + i % 5))) for i in range(n)]
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def test_problems_far_into_a_big_file_name_their_line(tmp_path, model):
    """pandas reads a big file in pieces of about 130,000 rows: lines and values stay right across them."""
    n = 300_000
    content = big_file(
        n,
        {
            10: row(10, level="na") + ",extra",  # line 12
            150_000: 'resp-150000,2025,local-authority,small,1.2.3,"topic-0\nq-0",3',  # lines 150,002-150,003
            200_000: row(200_000, level="9"),  # line 200,003, after the line break in quotes
            250_000: row(250_000) + ",x,y",  # line 250,003
            299_999: row(299_999, question="topic-1-q-1", org="nhs-body"),  # a value only in the last piece
        },
    )
    content = content.replace(b"resp-280000,2025,local-authority", b"resp-280000,2025,local-\xffauthority")
    loaded = load_results(folder(tmp_path, content), model)
    assert [(p.line, p.field, p.code) for p in loaded.problems] == [
        (12, "", "too-many-fields"),
        (250_003, "", "too-many-fields"),
        (280_003, "org_type", "not-utf8"),
        (200_003, "level", "level-out-of-range"),
        (150_002, "question", "unknown-question"),
    ]
    rec = loaded.reconciliation
    assert rec.rows_read == n and rec.rows_used == n - 5 and rec.rows_read == rec.rows_used + rec.rows_rejected


def test_parsed_categories_are_the_values_of_the_rows(tmp_path):
    """The header is read as a row, but its words are not values of the data."""
    path = folder(tmp_path, ("\n".join([HEADER, row(1), "respondent" + row(2)[11:]]) + "\n").encode()) / "2025.csv"
    parsed = read_csv(path, problems := [])
    assert problems == []
    assert sorted(parsed.columns["respondent"].categories) == ["resp-000001", "respondent"]
    assert list(parsed.columns["question"].categories) == ["topic-0-q-0"]
    assert parsed.columns["question"].codes.tolist() == [0, 0]
    assert parsed.line.tolist() == [2, 3]


def test_one_respondent_is_counted_and_hidden(tmp_path, model):
    rows = [row(1, q, str(1 + k)) for k, q in enumerate(QUESTIONS)]
    loaded = load_results(folder(tmp_path, ("\n".join([HEADER, *rows]) + "\n").encode()), model)
    assert loaded.problems == []
    b = bm.aggregate(loaded.results, model)
    assert b.sample[0, 0] == 1 and b.sample_suppressed[0, 0]  # everyone: one respondent, too few to show
    assert b.counts[:, 0, 0].sum(axis=-1).tolist() == [1, 1]  # one topic level in each topic
    assert b.answers == {"level": 4, "na": 0, "unknown": 0}


def test_answers_that_are_all_na_give_no_topic_levels(tmp_path, model):
    rows = [row(i, q, "na" if i % 2 else "unknown") for i in range(30) for q in QUESTIONS]
    loaded = load_results(folder(tmp_path, ("\n".join([HEADER, *rows]) + "\n").encode()), model)
    assert loaded.problems == []
    answers = loaded.results.answers
    assert answers["level"].isna().all() and set(answers["answer"]) == {"na", "unknown"}
    b = bm.aggregate(loaded.results, model)
    assert not b.counts.any()
    assert b.sample[0, 0] == 30 and np.array_equal(b.sample[1], np.zeros_like(b.sample[1]))
    assert b.answers == {"level": 0, "na": 60, "unknown": 60}
