"""Benchmark figures into pages, charts and downloads: {path: content} and the navigation section.

Pages read only the published (already suppressed) figures, so nothing hidden can leak into them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from generator.results import benchmarks as bm
from generator.site.charts import spread_svg
from generator.framework.model import Model, Topic
from generator.site.pages import SCORING_TEXT, render_template
from generator.site.pages import topic_path as framework_topic_path
from generator.site.markdown import inline

INDEX = "benchmarks/index.md"
METHODOLOGY = "benchmarks/methodology.md"
DATA = "benchmarks/data.md"


def topic_path(topic_id: str) -> str:
    return f"benchmarks/topics/{topic_id}.md"


def chart_path(topic_id: str, round_id: str) -> str:
    return f"benchmarks/charts/{topic_id}-{round_id}.svg"


def files(model: Model, b: bm.Benchmarks | None) -> dict[str, str | bytes]:
    """Every benchmark page, chart and download; a page saying there are no results yet when there are none."""
    if b is None:
        return {INDEX: render_template("benchmarks/empty.md.j2", fw=model.framework)}
    data = bm.published(b)
    view = _View(model, b, data)
    out: dict[str, str | bytes] = {
        INDEX: render_template("benchmarks/index.md.j2", **view.common(), tables=view.overview_tables()),
        METHODOLOGY: render_template(
            "benchmarks/methodology.md.j2",
            **view.common(),
            sample=view.sample_table(),
            scoring_text=SCORING_TEXT[model.framework.scoring.rule].replace("your ", "their "),  # about respondents
            answers=view.answer_shares(),
        ),
        DATA: render_template("benchmarks/data.md.j2", **view.common(), dictionary=bm.data_dictionary(data)),
        bm.JSON_PATH: bm.to_json(data),
        bm.CSV_PATH: bm.cells_csv(data),
        bm.CHANGES_CSV_PATH: bm.changes_csv(data),
    }
    for topic in model.topics:
        page, charts = view.topic(topic)
        out[topic_path(topic.id)] = page
        out.update(charts)
    return out


def nav(model: Model, b: bm.Benchmarks | None) -> list[Any] | None:
    """The Benchmarks section of the navigation, or None to leave the single page as it is."""
    if b is None:
        return None
    return [
        {"Overview": INDEX},
        *[{th.title: [{t.title: topic_path(t.id)} for t in model.topics_in(th)]} for th in model.framework.themes],
        {"How the figures are made": METHODOLOGY},
        {"Download the data": DATA},
    ]


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


class _View:
    """Published figures arranged for the templates: tables of text, never raw counts of hidden cells."""

    def __init__(self, model: Model, b: bm.Benchmarks, data: dict[str, Any]):
        self.model, self.b, self.data = model, b, data
        self.cells = {(c["topic"], c["crossing"], c["group"], c["round"]): c for c in data["cells"]}
        self.changes = {
            (c["topic"], c["crossing"], c["group"], c["from_round"], c["to_round"]): c for c in data["changes"]
        }
        self.levels = model.framework.levels
        self.note = bm.note(b)
        self.latest = data["rounds"][-1]

    def common(self) -> dict[str, Any]:
        return {
            "fw": self.model.framework,
            "synthetic": self.b.synthetic,
            "minimum": self.b.minimum_group_size,
            "note": self.note,
            "rounds": self.data["rounds"],
            "latest": self.latest,
            "groups": self.data["groups"],
            "levels": self.levels,
            "crossing": self.model.framework.crossing,
        }

    def middle(self, cell: dict[str, Any]) -> str:
        """'3 (2 to 4)': the median level and the levels that hold the middle half; or the suppression note."""
        if cell["suppressed"]:
            return cell["note"]
        if cell["q1"] == cell["q3"]:
            return f"{cell['median']} ({cell['q1']})"
        return f"{cell['median']} ({cell['q1']} to {cell['q3']})"

    def overview_tables(self) -> list[dict[str, Any]]:
        out = []
        for kind, title, anchor in (
            ("org_type", "by kind of organisation", "by-org-type"),
            ("size_band", "by size of organisation", "by-size-band"),
        ):
            groups = [g for g in self.data["groups"] if g["kind"] in ("all", kind)]
            rows = []
            for topic in self.model.topics:
                rows.append(
                    {
                        "topic": topic,
                        "cells": [
                            self.middle(self.cells[(topic.id, None, g["id"], self.latest["id"])]) for g in groups
                        ],
                    }
                )
            out.append({"title": title, "anchor": anchor, "groups": groups, "rows": rows})
        return out

    def sample_table(self) -> list[dict[str, Any]]:
        rows = []
        for gi, g in enumerate(self.data["groups"]):
            cells = []
            for ri in range(len(self.data["rounds"])):
                hidden = self.b.sample_suppressed[ri, gi]
                cells.append(self.note if hidden else f"{int(self.b.sample[ri, gi]):,}")
            rows.append({"group": g, "cells": cells})
        return rows

    def answer_shares(self) -> dict[str, str] | None:
        """Shares of answers that were 'not applicable' or 'not sure', when enough people answered."""
        if self.b.sample_suppressed[:, 0].any():
            return None
        total = sum(self.b.answers.values())
        return {k: percent(self.b.answers.get(k, 0) / total) for k in ("na", "unknown")} if total else None

    def topic(self, topic: Topic) -> tuple[str, dict[str, str]]:
        charts: dict[str, str] = {}
        sections = []
        for rnd in reversed(self.data["rounds"]):
            rows = self.spread_rows(topic.id, None, rnd["id"])
            section = {"round": rnd, "rows": rows, "summary": self.summary(topic, rows, rnd), "chart": None}
            # A chart for the latest round; earlier rounds are tables, so the cost of charts stays flat.
            if rnd is self.latest:
                path = chart_path(topic.id, rnd["id"])
                title = f"{topic.title}: spread of levels by peer group, {rnd['label']}"
                if self.b.synthetic:
                    title += " (synthetic data)"
                charts[path] = spread_svg(
                    title,
                    [(r["chart_label"], r["counts"]) for r in rows],
                    [(lv.number, lv.name) for lv in self.levels],
                    f"Not shown: {self.note} respondents, or could reveal a smaller group",
                )
                alt = inline(f"{title}. The table below gives the same figures.")
                section.update(chart=path.removeprefix("benchmarks/"), alt=alt.replace("[", "(").replace("]", ")"))
            sections.append(section)
        return (
            render_template(
                "benchmarks/topic.md.j2",
                **self.common(),
                topic=topic,
                framework_page=framework_topic_path(topic.id).removeprefix("framework/"),
                sections=sections,
                changes=self.change_tables(topic.id),
                crossing_rows=self.crossing_rows(topic),
            ),
            charts,
        )

    def spread_rows(self, topic_id: str, crossing: str | None, round_id: str) -> list[dict[str, Any]]:
        rows = []
        for g in self.data["groups"]:
            cell = self.cells[(topic_id, crossing, g["id"], round_id)]
            if cell["suppressed"]:
                rows.append(
                    {"group": g, "cell": cell, "chart_label": g["label"], "counts": None, "shares": [], "middle": ""}
                )
                continue
            shares = [cell["shares"][str(lv.number)] for lv in self.levels]
            rows.append(
                {
                    "group": g,
                    "cell": cell,
                    "chart_label": f"{g['label']} ({cell['respondents']:,})",
                    # The chart draws published shares, so it can show nothing the table does not.
                    "counts": np.array(shares, dtype=float),
                    "shares": [percent(s) for s in shares],
                    "middle": self.middle(cell),
                }
            )
        return rows

    def summary(self, topic: Topic, rows: list[dict[str, Any]], rnd: dict[str, str]) -> str:
        everyone = rows[0]["cell"]
        hidden = sum(1 for r in rows if r["cell"]["suppressed"])
        if everyone["suppressed"]:
            return f"In {rnd['label']}, {self.note} respondents had a level for this topic, so no figures are shown."
        median = self.model.level(everyone["median"])
        text = (
            f"In {rnd['label']}, {everyone['respondents']:,} respondents had a level for {topic.title.lower()}. "
            f"Their middle level was {median.number} ({median.name})"
        )
        if everyone["q1"] != everyone["q3"]:
            text += f", and the middle half were between levels {everyone['q1']} and {everyone['q3']}"
        text += "."
        if hidden:
            text += (
                f" {hidden} of {len(rows)} peer groups are not shown: they have {self.note} respondents, "
                "or showing them would reveal a smaller group."
            )
        return text

    def change_tables(self, topic_id: str) -> list[dict[str, Any]]:
        rounds = self.data["rounds"]
        out = []
        for before, after in zip(rounds, rounds[1:], strict=False):
            rows = []
            for g in self.data["groups"]:
                c = self.changes[(topic_id, None, g["id"], before["id"], after["id"])]
                if c["suppressed"]:
                    rows.append({"group": g, "suppressed": True})
                    continue
                rows.append(
                    {
                        "group": g,
                        "suppressed": False,
                        "medians": (c["median_from"], c["median_to"]),
                        "respondents": (c["respondents_from"], c["respondents_to"]),
                        "changes": [_points(c["share_changes"][str(lv.number)]) for lv in self.levels],
                    }
                )
            out.append({"before": before, "after": after, "rows": rows})
        return out

    def crossing_rows(self, topic: Topic) -> list[dict[str, Any]]:
        fw = self.model.framework
        if not fw.crossing:
            return []
        present = {q.crossing for q in topic.questions}
        rows = []
        for cv in fw.crossing.values:
            if cv.id not in present:
                continue
            cells = [
                self.middle(self.cells[(topic.id, cv.id, g["id"], self.latest["id"])]) for g in self.data["groups"]
            ]
            rows.append({"value": cv, "cells": cells})
        return rows


def _points(change: float) -> str:
    points = round(change * 100)
    return "no change" if points == 0 else f"{points:+d} points".replace("-", "−")
