"""The published benchmark figures as downloads: JSON, tidy CSV files and their data dictionary."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from generator.results.published import NOTE


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def cells_csv(data: dict[str, Any]) -> str:
    """The published cells as tidy CSV, one row per cell, suppressed exactly as in the JSON."""
    groups = {g["id"]: g for g in data["groups"]}
    rows = []
    for c in data["cells"]:
        g = groups[c["group"]]
        row = {
            "synthetic": data["synthetic"],
            "framework_version": data["framework_version"],
            "topic": c["topic"],
            "crossing": c["crossing"] or "",
            "group": c["group"],
            "group_kind": g["kind"],
            "group_value": g["value"] or "",
            "round": c["round"],
            "suppressed": c["suppressed"],
            "note": c.get("note", ""),
            "respondents": c.get("respondents"),
        }
        row.update({k: c.get(k) for k in ("median", "q1", "q3")})
        rows.append(row)
    return _csv(rows, [k for k in _cell_columns(data)])


def changes_csv(data: dict[str, Any]) -> str:
    rows = []
    for c in data["changes"]:
        row = {
            "synthetic": data["synthetic"],
            "framework_version": data["framework_version"],
            **{k: c[k] for k in ("topic", "crossing", "group", "from_round", "to_round", "suppressed")},
            "note": c.get("note", ""),
        }
        row["crossing"] = row["crossing"] or ""
        row.update({k: c.get(k) for k in _change_columns(data) if k not in row})
        rows.append(row)
    return _csv(rows, list(_change_columns(data)))


def _cell_columns(data: dict[str, Any]) -> dict[str, str]:
    """Column name -> meaning, for the CSV of cells; the data dictionary page shows these."""
    k = data["minimum_group_size"]
    cols = {
        "synthetic": "true when the figures come from made-up demonstration results",
        "framework_version": "the framework version the figures use",
        "topic": "topic id, as in framework.json",
        "crossing": "crossing value id when the figure covers one crossing value of the topic; empty for the whole topic",
        "group": "peer group id: all, org_type:<value> or size_band:<value>",
        "group_kind": "all, org_type or size_band",
        "group_value": "the org_type or size_band value; empty for all",
        "round": "round id, as in the rounds list",
        "suppressed": f"true when the figures are hidden: they would rest on fewer than {k} respondents, nearly "
        "everyone is at one level, or they would let someone work out other hidden figures",
        "note": f"'{NOTE}' when suppressed; otherwise empty",
        "respondents": "respondents with a level for this topic in this group and round",
    }
    cols.update(
        {
            "median": "the middle level: the lowest level that at least half the respondents are at or below",
            "q1": "the lower quartile level: the lowest level that at least a quarter are at or below",
            "q3": "the upper quartile level: the lowest level that at least three quarters are at or below",
        }
    )
    return cols


def _change_columns(data: dict[str, Any]) -> dict[str, str]:
    cols = {
        "synthetic": "true when the figures come from made-up demonstration results",
        "framework_version": "the framework version the figures use",
        "topic": "topic id",
        "crossing": "crossing value id, or empty for the whole topic",
        "group": "peer group id",
        "from_round": "the earlier round",
        "to_round": "the later round",
        "suppressed": "true when either round's figures are hidden",
        "note": f"'{NOTE}' when suppressed; otherwise empty",
        "respondents_from": "respondents in the earlier round",
        "respondents_to": "respondents in the later round",
        "median_from": "middle level in the earlier round",
        "median_to": "middle level in the later round",
        "q1_from": "lower quartile level in the earlier round",
        "q1_to": "lower quartile level in the later round",
        "q3_from": "upper quartile level in the earlier round",
        "q3_to": "upper quartile level in the later round",
    }
    return cols


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    frame = pd.DataFrame(rows, columns=columns)
    for c in columns:
        if c.startswith(("respondents", "median", "q1", "q3")):
            frame[c] = frame[c].astype("Int64")
    for c in ("synthetic", "suppressed"):
        frame[c] = frame[c].map({True: "true", False: "false"})
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def data_dictionary(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {"benchmarks.csv": _cell_columns(data), "changes.csv": _change_columns(data)}
