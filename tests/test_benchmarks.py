"""Benchmarks: the scoring rule, aggregation, disclosure control (with hypothesis), pages, downloads, demo data."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.framework.answers import topic_level
from generator.framework.load import load_framework
from generator.results import benchmarks as bm
from generator.results import published as pub
from generator.results.demo import demo_results
from generator.results.load import load_results
from generator.results.rows import COLUMNS

from .conftest import ROOT, build
from .factory import make_framework

K = 10
ORG_TYPES = ["local-authority", "nhs-body", "police"]
SIZE_BANDS = ["small", "large"]
ROUNDS = ["2025", "2026"]
ANSWER = st.one_of(st.integers(1, 5), st.sampled_from(["na", "unknown"]))
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def groups_yml(synthetic: bool = False) -> str:
    return yaml.safe_dump(
        {
            "synthetic": synthetic,
            "rounds": [{"id": r, "label": f"Round {r}"} for r in ROUNDS],
            "org_types": [{"id": o, "label": o.replace("-", " ").capitalize()} for o in ORG_TYPES],
            "size_bands": [{"id": s, "label": s.capitalize()} for s in SIZE_BANDS],
        },
        sort_keys=False,
    )


def write_results(directory: Path, rows: list[tuple], synthetic: bool = False) -> Path:
    """rows: (respondent, round, org_type, size_band, question, level) with version 1.2.3."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "groups.yml").write_text(groups_yml(synthetic), encoding="utf-8")
    frame = pd.DataFrame(
        [(r, rnd, o, s, "1.2.3", q, str(lv)) for r, rnd, o, s, q, lv in rows], columns=list(COLUMNS), dtype=object
    )
    frame.to_csv(directory / "results.csv", index=False)
    return directory


# One respondent: org_type index, size_band index, round index, and one answer per question.
RESPONDENT = st.tuples(
    st.integers(0, len(ORG_TYPES) - 1),
    st.integers(0, len(SIZE_BANDS) - 1),
    st.integers(0, len(ROUNDS) - 1),
    st.lists(ANSWER, min_size=4, max_size=4),
)


def respondent_rows(people: list[tuple], questions: list[str]) -> list[tuple]:
    rows = []
    for i, (o, s, r, answers) in enumerate(people):
        for q, a in zip(questions, answers, strict=False):
            rows.append((f"pz{i:04d}q7x", ROUNDS[r], ORG_TYPES[o], SIZE_BANDS[s], q, a))
    return rows


@pytest.fixture(scope="module")
def small_framework(tmp_path_factory) -> Path:
    return make_framework(tmp_path_factory.mktemp("fw") / "framework", topics=2, questions=2)


# -- the scoring rule ----------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    sets=st.lists(st.lists(st.one_of(st.integers(0, 7), st.sampled_from(["na", "unknown"])), max_size=12), max_size=40),
    rule=st.sampled_from(["median", "minimum"]),
    minimum=st.integers(1, 4),
    data=st.data(),
)
def test_vectorised_rule_equals_scoring_topic_level(sets, rule, minimum, data):
    keys = np.repeat(np.arange(len(sets)), [len(s) for s in sets]).astype(np.int64)
    levels = np.array([a if isinstance(a, int) else -1 if a == "na" else -2 for s in sets for a in s], dtype=np.int64)
    order = np.array(data.draw(st.permutations(list(range(len(keys))))), dtype=np.int64)  # answers in any order
    got_keys, got_levels = bm.score(
        keys[order] if len(keys) else keys, levels[order] if len(keys) else levels, rule, minimum
    )
    got = dict(zip(got_keys.tolist(), got_levels.tolist(), strict=True))
    for i, answers in enumerate(sets):
        expected = topic_level(answers, rule, minimum)
        assert got.get(i, -1) == (-1 if expected is None else expected)


def test_quartiles_are_levels_never_averages():
    levels = [1, 2, 3, 4, 5]
    assert pub.quantile_level(np.array([1, 1, 0, 0, 0]), levels, 2) == 1  # the lower of two middles
    assert pub.quantile_level(np.array([0, 1, 0, 1, 0]), levels, 2) == 2
    assert pub.quantile_level(np.array([2, 0, 1, 0, 1]), levels, 1) == 1
    assert pub.quantile_level(np.array([2, 0, 1, 0, 1]), levels, 3) == 3
    assert pub.quantile_level(np.zeros(5, int), levels, 2) is None
    figures = pub.cell_figures(np.array([0, 3, 3, 3, 1]), levels)
    assert figures == {
        "respondents": 10,
        "median": 3,
        "q1": 2,
        "q3": 4,
    }


# -- aggregation ---------------------------------------------------------------------------------------------


def test_aggregation_counts_topic_levels_per_group_and_round(tmp_path, small_framework):
    model = load_framework(small_framework)
    rows = []
    # 12 local authorities, small: topic-0 answers 2 and 4 -> lower median 2; topic-1 answers na only -> no level.
    for i in range(12):
        who = f"la-{i:04d}"
        rows += [
            (who, "2025", "local-authority", "small", "topic-0-q-0", 2),
            (who, "2025", "local-authority", "small", "topic-0-q-1", 4),
        ]
        rows += [(who, "2025", "local-authority", "small", "topic-1-q-0", "na")]
    # 11 NHS bodies, large: topic-0 answers 3 and unknown -> 3.
    for i in range(11):
        who = f"nhs-{i:04d}"
        rows += [
            (who, "2025", "nhs-body", "large", "topic-0-q-0", 3),
            (who, "2025", "nhs-body", "large", "topic-0-q-1", "unknown"),
        ]
    loaded = load_results(write_results(tmp_path / "results", rows), model)
    b = bm.aggregate(loaded.results, model)
    data = pub.published(b)
    cells = {(c["topic"], c["group"], c["round"]): c for c in data["cells"]}
    assert cells[("topic-0", "all", "2025")] == {
        "topic": "topic-0",
        "crossing": None,
        "group": "all",
        "round": "2025",
        "suppressed": False,
        "respondents": 23,
        "median": 2,
        "q1": 2,
        "q3": 3,
    }
    # Every local authority is at level 2 and every NHS body at 3: their spreads would tell each member's
    # level, so both are hidden, and so are the size bands that hold exactly them.
    for group in ("org_type:local-authority", "org_type:nhs-body", "size_band:small", "size_band:large"):
        assert cells[("topic-0", group, "2025")]["suppressed"]
    # Nobody has a level for topic-1, and nobody answered in 2026: every such cell is hidden.
    assert cells[("topic-1", "all", "2025")] == {
        "topic": "topic-1",
        "crossing": None,
        "group": "all",
        "round": "2025",
        "suppressed": True,
        "note": pub.NOTE,
    }
    assert all(c["suppressed"] for c in data["cells"] if c["round"] == "2026")
    assert cells[("topic-0", "org_type:police", "2025")]["suppressed"]


@SLOW
@given(people=st.lists(RESPONDENT, max_size=60), crossing=st.booleans())
def test_published_figures_keep_every_promise(tmp_path_factory, people, crossing):
    """Over random results: rows reconcile, no figure under the minimum, no hidden cell recoverable."""
    tmp = tmp_path_factory.mktemp("prop")
    model = load_framework(make_framework(tmp / "framework", topics=2, questions=2, crossing=crossing))
    questions = [q.id for _, q in model.questions()]
    rows = respondent_rows(people, questions)
    loaded = load_results(write_results(tmp / "results", rows), model)
    if not rows:
        assert loaded.results is None or len(loaded.results.answers) == 0
        return
    rec = loaded.reconciliation
    assert loaded.problems == []
    assert rec.rows_read == len(rows) == rec.rows_used + rec.rows_rejected
    data = pub.published(bm.aggregate(loaded.results, model))
    check_published(data)


def check_published(data: dict) -> None:
    k = data["minimum_group_size"]
    kinds = {g["id"]: g["kind"] for g in data["groups"]}
    by_slice: dict[tuple, list[dict]] = {}
    for c in data["cells"]:
        if c["suppressed"]:
            assert set(c) == {"topic", "crossing", "group", "round", "suppressed", "note"}
            assert c["note"] == pub.NOTE
        else:
            assert set(c) == {
                "topic",
                "crossing",
                "group",
                "round",
                "suppressed",
                "respondents",
                "median",
                "q1",
                "q3",
            }
            assert c["respondents"] >= k
            assert c["q1"] <= c["median"] <= c["q3"] and c["median"] in data["levels"]
        by_slice.setdefault((c["topic"], c["crossing"], c["round"]), []).append(c)
    for cells in by_slice.values():
        everyone = next(c for c in cells if c["group"] == "all")
        if everyone["suppressed"]:
            assert all(c["suppressed"] for c in cells)
            continue
        for kind in ("org_type", "size_band"):
            shown = [c for c in cells if kinds[c["group"]] == kind and not c["suppressed"]]
            worked_out = everyone["respondents"] - sum(c["respondents"] for c in shown)
            assert worked_out == 0 or worked_out >= k
    for ch in data["changes"]:
        if not ch["suppressed"]:
            assert ch["respondents_from"] >= k and ch["respondents_to"] >= k
        else:
            assert set(ch) == {"topic", "crossing", "group", "from_round", "to_round", "suppressed", "note"}


@SLOW
@given(
    people=st.lists(RESPONDENT, max_size=30),
    corrupt=st.lists(
        st.sampled_from(["level", "question", "org_type", "respondent", "blank", "extra-field", "version"]), max_size=30
    ),
)
def test_rows_read_equal_rows_used_plus_rows_rejected(tmp_path_factory, people, corrupt):
    tmp = tmp_path_factory.mktemp("rec")
    model = load_framework(make_framework(tmp / "framework", topics=2, questions=2))
    rows = [
        ",".join([r, rnd, o, s, "1.2.3", q, str(lv)])
        for r, rnd, o, s, q, lv in respondent_rows(people, [q.id for _, q in model.questions()])
    ]
    bad = 0
    for i, how in enumerate(corrupt):
        if i >= len(rows):
            break
        parts = rows[i].split(",")
        if how == "blank":
            rows[i] = ""
        elif how == "extra-field":
            rows[i] += ",surplus"
        else:
            column = {"level": 6, "question": 5, "org_type": 2, "respondent": 0, "version": 4}[how]
            parts[column] = {
                "level": "8",
                "question": "nope",
                "org_type": "army",
                "respondent": "A Name",
                "version": "v1",
            }[how]
            rows[i] = ",".join(parts)
        bad += 1
    results = tmp / "results"
    results.mkdir()
    (results / "groups.yml").write_text(groups_yml(), encoding="utf-8")
    (results / "r.csv").write_text("\n".join([",".join(COLUMNS), *rows]) + "\n", encoding="utf-8")
    loaded = load_results(results, model)
    rec = loaded.reconciliation
    assert rec.rows_read == len(rows)
    assert rec.rows_read == rec.rows_used + rec.rows_rejected
    # Each corrupted row is rejected, with a reason, and the others are used (a corrupted respondent code
    # cannot collide with another row, so no duplicate or change-of-group rejection can hit a good row).
    assert rec.rows_rejected == bad and sum(n for _, n in rec.rejected) == bad
    assert len(loaded.problems) >= min(bad, 1)


# -- downloads and pages -------------------------------------------------------------------------------------


def suppression_results(directory: Path, model, synthetic: bool = True) -> Path:
    """Results where police have 4 respondents (hidden) and so the next smallest group hides too."""
    questions = [q.id for _, q in model.questions()]
    rows = []
    counts = {"local-authority": 30, "nhs-body": 14, "police": 4}
    rng = np.random.default_rng(7)
    i = 0
    for rnd in ROUNDS:
        for org, n in counts.items():
            for _ in range(n):
                who = f"zq{i:05d}xv"
                i += 1
                size = SIZE_BANDS[i % 2]
                for q in questions:
                    rows.append((who, rnd, org, size, q, int(rng.integers(1, 6))))
    return write_results(directory, rows, synthetic=synthetic)


@pytest.fixture(scope="module")
def benchmark_site(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("bsite")
    fw = make_framework(tmp / "framework", topics=3, questions=2, crossing=True)
    results = suppression_results(tmp / "results", load_framework(fw))
    return build(fw, tmp / "site"), results


def test_published_json_is_the_aggregate_and_keeps_its_promises(benchmark_site):
    site, results = benchmark_site
    data = json.loads((site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    model = load_framework(results.parent / "framework")
    assert data == pub.published(bm.aggregate(load_results(results, model).results, model))
    assert set(data) == {
        "synthetic",
        "minimum_group_size",
        "homogeneity_share",
        "framework_version",
        "levels",
        "rounds",
        "groups",
        "cells",
        "changes",
    }
    assert data["synthetic"] is True and data["minimum_group_size"] == 10 and data["framework_version"] == "1.2.3"
    assert data["levels"] == [1, 2, 3, 4, 5]
    assert data["rounds"] == [{"id": "2025", "label": "Round 2025"}, {"id": "2026", "label": "Round 2026"}]
    assert data["groups"][0] == {"id": "all", "kind": "all", "value": None, "label": "All respondents"}
    assert data["groups"][1] == {
        "id": "org_type:local-authority",
        "kind": "org_type",
        "value": "local-authority",
        "label": "Local authority",
    }
    assert {c["crossing"] for c in data["cells"]} == {None, "culture", "tools"}
    hidden = {c["group"] for c in data["cells"] if c["suppressed"]}
    assert hidden == {"org_type:police", "org_type:nhs-body"}  # police under 10, NHS hidden so police cannot be derived
    check_published(data)


def test_csv_downloads_match_the_json(benchmark_site):
    site, _ = benchmark_site
    data = json.loads((site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    cells = pd.read_csv(site / "benchmarks" / "benchmarks.csv", dtype=str, keep_default_na=False)
    assert len(cells) == len(data["cells"])
    for row, c in zip(cells.to_dict("records"), data["cells"], strict=True):
        assert (row["topic"], row["crossing"] or None, row["group"], row["round"]) == (
            c["topic"],
            c["crossing"],
            c["group"],
            c["round"],
        )
        assert row["suppressed"] == ("true" if c["suppressed"] else "false")
        if c["suppressed"]:
            assert row["note"] == pub.NOTE
            assert all(row[f] == "" for f in ("respondents", "median", "q1", "q3"))
        else:
            assert int(row["respondents"]) == c["respondents"] and int(row["median"]) == c["median"]
            assert not any(f.startswith("share") for f in row)  # no share at each level is published
    changes = pd.read_csv(site / "benchmarks" / "changes.csv", dtype=str, keep_default_na=False)
    assert len(changes) == len(data["changes"])


def test_benchmark_pages_build_with_banner_charts_and_tables(benchmark_site):
    site, _ = benchmark_site
    for page in ("index.html", "methodology/index.html", "data/index.html", "topics/topic-0/index.html"):
        html = (site / "benchmarks" / page).read_text(encoding="utf-8")
        assert "Synthetic data: not real results" in html, page
    topic = (site / "benchmarks" / "topics" / "topic-0" / "index.html").read_text(encoding="utf-8")
    img = re.search(r'<img alt="([^"]+)" src="([^"]+)"', topic)
    assert img and "spread of levels by peer group" in img.group(1)
    svg = (site / "benchmarks" / "topics" / "topic-0" / img.group(2)).resolve()
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and "Round 2026" in text and "<dc:date>" not in text
    assert "<figcaption>" in topic and pub.NOTE in topic
    assert topic.count("<table>") >= 3  # spread in each round and the change between them
    assert 'id="by-crossing"' in topic
    overview = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert 'href="topics/topic-0/"' in overview
    nav = re.findall(r'href="([^"]*benchmarks/[^"]*)"', (site / "index.html").read_text(encoding="utf-8"))
    assert any("methodology" in u for u in nav) and any("topics/topic-2" in u for u in nav)


def test_pages_never_rank_groups_or_topics(benchmark_site):
    site, results = benchmark_site
    html = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    overview = html[html.index("<article") : html.index("</article>")]  # the page, not the navigation
    model = load_framework(results.parent / "framework")
    topic_order = re.findall(r'href="topics/(topic-\d)/"', overview)
    assert topic_order[: len(model.topics)] == [t.id for t in model.topics]  # framework order, not by level
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)<', overview)
    assert headers[:5] == ["Topic", "All respondents", "Local authority", "Nhs body", "Police"]  # groups.yml order


def test_no_pseudonym_or_row_reaches_the_site(benchmark_site):
    site, results = benchmark_site
    codes = set(pd.read_csv(results / "results.csv")["respondent"])
    text = "\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in site.rglob("*") if p.is_file())
    assert [c for c in codes if c in text] == []
    assert "results.csv" not in text


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(people=st.lists(RESPONDENT, min_size=1, max_size=40), salt=st.integers(0, 10**9))
def test_no_pseudonym_anywhere_in_a_built_site(tmp_path_factory, people, salt):
    tmp = tmp_path_factory.mktemp("pseudo")
    fw = make_framework(tmp / "framework", topics=2, questions=2)
    rows = [
        (f"{r}{salt:09d}", *rest)
        for r, *rest in respondent_rows(people, [q.id for _, q in load_framework(fw).questions()])
    ]
    write_results(tmp / "results", rows)
    site = build(fw, tmp / "site")
    text = "\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in site.rglob("*") if p.is_file())
    assert [r[0] for r in rows if r[0] in text] == []


def test_shipped_site_shows_synthetic_benchmarks_with_suppression(shipped_site):
    data = json.loads((shipped_site / "benchmarks" / "benchmarks.json").read_text(encoding="utf-8"))
    assert data["synthetic"] is True
    assert any(c["suppressed"] for c in data["cells"]) and any(not c["suppressed"] for c in data["cells"])
    check_published(data)
    codes = set()
    for path in (ROOT / "results").glob("*.csv"):
        codes |= set(pd.read_csv(path, usecols=["respondent"])["respondent"])
    assert len(codes) >= 250
    pattern = re.compile(r"r-[0-9a-f]{10}")  # the demo generator's code shape
    found = {
        m
        for p in shipped_site.rglob("*")
        if p.is_file()
        for m in pattern.findall(p.read_bytes().decode("utf-8", "replace"))
    }
    assert found == set()
    html = (shipped_site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert "Synthetic data: not real results" in html and pub.NOTE in html


def test_a_framework_without_results_builds_and_says_so(tmp_path):
    site = build(make_framework(tmp_path / "framework"), tmp_path / "site")
    html = (site / "benchmarks" / "index.html").read_text(encoding="utf-8")
    assert "There are no results yet" in html
    assert not (site / "benchmarks" / "benchmarks.json").exists()
    assert not (site / "benchmarks" / "topics").exists()


# -- demo results --------------------------------------------------------------------------------------------


def test_shipped_results_are_what_demo_results_makes():
    model = load_framework(ROOT / "framework")
    made = demo_results(model)
    on_disk = {
        p.name: p.read_text(encoding="utf-8") for p in (ROOT / "results").iterdir() if p.suffix in (".csv", ".yml")
    }
    assert made == on_disk, "run `dmf demo-results` to refresh results/"


def test_demo_results_are_realistic(tmp_path):
    model = load_framework(ROOT / "framework")
    files = demo_results(model, seed=1)
    assert files == demo_results(model, seed=1) and files != demo_results(model, seed=2)
    groups = yaml.safe_load(files["groups.yml"])
    assert groups["synthetic"] is True and len(groups["rounds"]) == 2
    frames = [pd.read_csv(io.StringIO(files[f"{r['id']}.csv"]), dtype=str) for r in groups["rounds"]]
    both = pd.concat(frames)
    people = both.drop_duplicates(["respondent", "round"])
    assert 250 <= people["respondent"].nunique() <= 350
    assert people["org_type"].nunique() >= 4 and people["size_band"].nunique() >= 3
    assert {"na", "unknown"} <= set(both["level"])
    assert people.groupby("round")["org_type"].value_counts().min() < 10  # a small group, so suppression shows
    # Answers are correlated within an organisation: its answers vary less than answers across organisations.
    levels = both[both["level"].str.isdigit()].assign(level=lambda f: f["level"].astype(int))
    within = levels.groupby(["respondent", "round"])["level"].std().mean()
    assert within < levels["level"].std()


def test_demo_results_command_refuses_to_overwrite_real_results(tmp_path, monkeypatch, capsys):
    make_framework(tmp_path / "framework")
    monkeypatch.chdir(tmp_path)
    assert main(["demo-results", "--organisations", "40", "--seed", "3"]) == 0
    written = sorted(p.name for p in (tmp_path / "results").iterdir())
    assert written == ["2025.csv", "2026.csv", "groups.yml"]
    assert main(["validate"]) == 0
    assert "results:" in capsys.readouterr().out
    (tmp_path / "results" / "groups.yml").write_text(groups_yml(synthetic=False), encoding="utf-8")
    assert main(["demo-results"]) == 1
    assert "does not say synthetic: true" in capsys.readouterr().err
    assert main(["demo-results", "--force", "--organisations", "40"]) == 0
    shutil.rmtree(tmp_path / "results")
