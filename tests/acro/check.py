"""ACRO's verdict on every benchmark cell dmf publishes, recomputed from the tidy rows with ACRO's own crosstab.

Runs in the ACRO environment (.venv-acro: ACRO 1.0.2 needs pandas <= 2.3.3), so it imports nothing from dmf:
it reads files and writes one.

    python tests/acro/check.py ROWS.csv BENCHMARKS.json OUT.json [PEOPLE.csv]

ROWS.csv: one row per respondent, round and unit with its topic level (what
generator.results.benchmarks.topic_levels computes), columns topic, crossing (empty for a whole topic),
round, level and one column per kind of peer group (org_type, size_band). BENCHMARKS.json: the benchmark
JSON the build publishes. The threshold is its minimum_group_size, set as ACRO's safe_threshold; every other
ACRO setting keeps its default (zeros are disclosive). PEOPLE.csv, when given: one row per respondent and
round with any answer, columns round and the kinds of peer group, behind the pages' table of respondents.

For each kind of peer group ('all' and each partition) ACRO makes three tables, each cell of which is one
unit, round and group (and level), exactly as dmf publishes them:
  - respondents: frequency table, rows unit, columns round x group (ACRO's FrequencyTable checks);
  - median: the same layout with values=level, aggfunc="median" (ACRO's Median checks);
  - levels: frequency table, rows unit x level, columns round x group: the counts that each published
    share times respondents gives (ACRO's FrequencyTable checks).
ACRO's checks are cell by cell, so one table per kind gives the same verdicts as one table per unit and
round, in 9 calls instead of about 200 (ACRO takes tens of milliseconds a table).

OUT.json: {"acro": {version, settings}, "tables": [per table ACRO's status, summary, and each check it ran
with the number of cells that fail it],
"cells": [{topic, crossing, group, round, respondents: {count, fails}, median: {fails},
levels: {level: {count, fails}}}]} for every cell of BENCHMARKS.json, hidden or not, and with PEOPLE.csv
"sample": [{group, round, count, fails}]; fails lists the names of ACRO's checks that the cell fails (empty
when ACRO would let it out).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import pandas as pd

ALL = "all"


class BadInput(Exception):
    """A problem with one of the input files, said in a sentence."""


def fails(outcome: str) -> list[str]:
    """ACRO's outcome cell ("ok", or "CheckA; CheckB; ") as the names of the checks that fail."""
    return sorted(s.strip() for s in str(outcome).split(";") if s.strip() and s.strip() != "ok")


def read_inputs(rows_path: Path, published_path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    try:
        data = json.loads(published_path.read_text(encoding="utf-8"))
        rows = pd.read_csv(rows_path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as e:
        raise BadInput(f"cannot read the inputs: {e}") from e
    for key in ("minimum_group_size", "levels", "rounds", "groups", "cells"):
        if key not in data:
            raise BadInput(f"{published_path}: field {key!r} is missing")
    kinds = sorted({g["kind"] for g in data["groups"]} - {ALL})
    missing = [c for c in ("topic", "crossing", "round", "level", *kinds) if c not in rows.columns]
    if missing:
        raise BadInput(f"{rows_path}: column(s) {', '.join(missing)} missing")
    bad = sorted(set(rows["level"]) - {str(lv) for lv in data["levels"]})
    if bad:
        raise BadInput(f"{rows_path}: column 'level': {', '.join(bad[:5])} not among the levels {data['levels']}")
    return rows, data


def read_people(path: Path, data: dict[str, Any]) -> pd.DataFrame:
    try:
        people = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as e:
        raise BadInput(f"cannot read {path}: {e}") from e
    kinds = sorted({g["kind"] for g in data["groups"]} - {ALL})
    missing = [c for c in ("round", *kinds) if c not in people.columns]
    if missing:
        raise BadInput(f"{path}: column(s) {', '.join(missing)} missing")
    return people


def kinds_of(data: dict[str, Any]):
    """Each kind of peer group: its name, its values in the JSON's order, value -> group id."""
    for kind in dict.fromkeys(g["kind"] for g in data["groups"]):
        members = [g for g in data["groups"] if g["kind"] == kind]
        values = [ALL] if kind == ALL else [g["value"] for g in members]
        yield kind, values, dict(zip(values, (g["id"] for g in members), strict=True))


def group_column(frame: pd.DataFrame, kind: str, values: list[str]) -> pd.Series:
    column = [ALL] * len(frame) if kind == ALL else frame[kind]
    return pd.Series(pd.Categorical(column, categories=values), name="group")


def check_sample(checker: Checker, people: pd.DataFrame, data: dict[str, Any]) -> list[dict[str, Any]]:
    """ACRO's verdict on the respondents per peer group and round (any answer): a frequency table per kind."""
    rounds = [r["id"] for r in data["rounds"]]
    rnd = pd.Series(pd.Categorical(people["round"], categories=rounds), name="round")
    out = []
    for kind, values, ids in kinds_of(data):
        n, n_out = map(by_cell, checker.crosstab(f"sample by {kind}", [rnd], [group_column(people, kind, values)]))
        out += [
            {"group": ids[v], "round": r, "count": int(n[r, v]), "fails": fails(n_out[r, v])}
            for v in values
            for r in rounds
        ]
    return out


def by_cell(frame: pd.DataFrame) -> dict[tuple, Any]:
    """A table as {(row, column): value}: one pass, where .loc per cell costs seconds."""
    return {(row, col): value for col, values in frame.to_dict().items() for row, value in values.items()}


def unit_key(topic: str, crossing: str | None) -> str:
    return f"{topic}|{crossing or ''}"


class Checker:
    """One ACRO session at the framework's threshold, and the verdicts it gave, by cell."""

    def __init__(self, threshold: int) -> None:
        import acro  # here, so that bad input is refused without waiting for ACRO's imports

        self.session = acro.ACRO(suppress=False)
        # ACRO's own way to set the threshold for a session (its config file lives inside the package).
        self.session.sdc_checks.risk_appetite["safe_threshold"] = threshold
        self.tables: list[dict[str, Any]] = []

    def crosstab(self, name: str, index: list[pd.Series], columns: list[pd.Series], **kw) -> tuple:
        """ACRO's crosstab, with its table and per-cell outcome; records the table's status and summary."""
        table = self.session.crosstab(index, columns, **kw)
        record = list(self.session.results.results.values())[-1]
        checks = {name: int(n) for name, n in record.sdc["summary"].items()}  # every check run: cells it fails
        self.tables.append(
            {"table": name, "status": record.status, "checks": checks, "summary": record.summary.strip()}
        )
        return table, record.outcome


def check(rows: pd.DataFrame, data: dict[str, Any], people: pd.DataFrame | None = None) -> dict[str, Any]:
    k = int(data["minimum_group_size"])
    levels = [str(lv) for lv in data["levels"]]
    rounds = [r["id"] for r in data["rounds"]]
    units = list(dict.fromkeys(unit_key(c["topic"], c["crossing"]) for c in data["cells"]))
    checker = Checker(k)

    unit = pd.Series(pd.Categorical(rows["topic"] + "|" + rows["crossing"], categories=units), name="unit")
    rnd = pd.Series(pd.Categorical(rows["round"], categories=rounds), name="round")
    level = pd.Series(pd.Categorical(rows["level"], categories=levels), name="level")
    numeric = pd.Series(rows["level"].astype(float), name="level_value")

    verdicts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for kind, values, ids in kinds_of(data):
        group = group_column(rows, kind, values)

        n, n_out = map(by_cell, checker.crosstab(f"respondents by {kind}", [unit], [rnd, group]))
        m_out = by_cell(
            checker.crosstab(f"median by {kind}", [unit], [rnd, group], values=numeric, aggfunc="median")[1]
        )
        c, c_out = map(by_cell, checker.crosstab(f"levels by {kind}", [unit, level], [rnd, group]))
        for u in units:
            for r in rounds:
                for v in values:
                    col = (r, v)
                    verdicts[(u, r, ids[v])] = {
                        "respondents": {"count": int(n[u, col]), "fails": fails(n_out[u, col])},
                        "median": {"fails": fails(m_out[u, col])},
                        "levels": {
                            lv: {"count": int(c[(u, lv), col]), "fails": fails(c_out[(u, lv), col])} for lv in levels
                        },
                    }

    cells = []
    for cell in data["cells"]:
        key = (unit_key(cell["topic"], cell["crossing"]), cell["round"], cell["group"])
        if key not in verdicts:
            raise BadInput(f"cell {key}: its group or round is not declared in the benchmark JSON")
        head = {f: cell[f] for f in ("topic", "crossing", "group", "round")}
        cells.append({**head, **verdicts[key]})
    from acro.version import __version__

    cfg = checker.session.sdc_checks.risk_appetite
    settings = {
        s: cfg[s] for s in ("safe_threshold", "zeros_are_disclosive", "safe_nk_n", "safe_nk_k", "safe_pratio_p")
    }
    sample = {} if people is None else {"sample": check_sample(checker, people, data)}
    return {"acro": {"version": __version__, **settings}, "tables": checker.tables, "cells": cells, **sample}


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print("usage: check.py ROWS.csv BENCHMARKS.json OUT.json [PEOPLE.csv]", file=sys.stderr)
        return 2
    logging.disable(logging.INFO)  # ACRO logs every table and record at INFO
    # ACRO formats whole tables into its debug messages even when they are not logged: keep that short.
    pd.set_option("display.max_rows", 4, "display.max_columns", 4)
    rows_path, published_path, out, *people_path = (Path(a) for a in argv)
    try:
        rows, data = read_inputs(rows_path, published_path)
        people = read_people(people_path[0], data) if people_path else None
        report = check(rows, data, people)
    except BadInput as e:
        print(f"check.py: {e}", file=sys.stderr)
        return 1
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)  # nothing half-written
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
