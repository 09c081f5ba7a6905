"""Published benchmark figures into pages, charts and downloads: {path: content}.

Pages read only a Published value (generator.results.published), which holds no raw counts of hidden
cells, so nothing hidden can leak into them.
"""

from __future__ import annotations

from typing import Any

from generator.framework.answers import NOT_LEVELS, scoring_text
from generator.framework.model import Model, Topic
from generator.results.published import Published
from generator.site import benchmark_data, paths
from generator.site.benchmark_matrix import Matrices
from generator.site.charts import middle_text, spread_svg
from generator.site.markdown import plain
from generator.site.templating import render_template


def files(model: Model, published: Published | None) -> dict[str, str | bytes]:
    """Every benchmark page, chart and download; a page saying there are no results yet when there are none."""
    if published is None:
        return {paths.BENCHMARKS: render_template("benchmarks/empty.md.j2", page=paths.BENCHMARKS, fw=model.framework)}
    data = published.data
    view = _View(model, published)
    out: dict[str, str | bytes] = {
        paths.BENCHMARKS: render_template(
            "benchmarks/index.md.j2", page=paths.BENCHMARKS, **view.common(), **view.overview()
        ),
        paths.METHODOLOGY: render_template(
            "benchmarks/methodology.md.j2",
            page=paths.METHODOLOGY,
            **view.common(),
            sample=view.sample_table(),
            scoring_text=scoring_text(model.framework.scoring.rule, "their"),
            answers=view.answer_shares(),
        ),
        paths.BENCHMARK_DATA: render_template(
            "benchmarks/data.md.j2",
            page=paths.BENCHMARK_DATA,
            **view.common(),
            dictionary=benchmark_data.data_dictionary(data),
        ),
        paths.BENCHMARKS_JSON: benchmark_data.to_json(data),
        paths.BENCHMARKS_CSV: benchmark_data.cells_csv(data),
        paths.CHANGES_CSV: benchmark_data.changes_csv(data),
    }
    for topic in model.topics:
        page, charts = view.topic(topic)
        out[paths.benchmark_topic(topic.id)] = page
        out.update(charts)
    return out


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


class _View:
    """Published figures arranged for the templates: tables of text, never raw counts of hidden cells."""

    def __init__(self, model: Model, published: Published):
        self.model, self.published, self.data = model, published, published.data
        data = published.data
        self.cells = {(c["topic"], c["crossing"], c["group"], c["round"]): c for c in data["cells"]}
        self.changes = {
            (c["topic"], c["crossing"], c["group"], c["from_round"], c["to_round"]): c for c in data["changes"]
        }
        self.levels = model.framework.levels
        self.note = published.note
        self.latest = data["rounds"][-1]

    def common(self) -> dict[str, Any]:
        return {
            "fw": self.model.framework,
            "synthetic": self.published.synthetic,
            "minimum": self.published.minimum_group_size,
            "share": percent(self.published.homogeneity_share),
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
        return middle_text((cell["q1"], cell["median"], cell["q3"]))

    def overview(self) -> dict[str, Any]:
        """The overview's matrices, one per round and kind of peer group, with their key and chooser."""
        matrices = Matrices(self.model, self.data, self.cells, paths.BENCHMARKS)
        return {
            "latest_tables": matrices.tables(self.latest),
            "earlier": matrices.earlier(),
            "legend": matrices.legend(self.note),
            "chooser": matrices.chooser(),
        }

    def sample_table(self) -> list[dict[str, Any]]:
        rows = []
        for g, sample in zip(self.data["groups"], self.published.sample, strict=True):
            rows.append({"group": g, "cells": [self.note if n is None else f"{n:,}" for n in sample]})
        return rows

    def answer_shares(self) -> dict[str, str] | None:
        """Shares of answers that were 'not applicable' or 'not sure', when enough people answered."""
        shares = self.published.answer_shares
        return {k: percent(shares[k]) for k in NOT_LEVELS} if shares is not None else None

    def topic(self, topic: Topic) -> tuple[str, dict[str, str]]:
        charts: dict[str, str] = {}
        sections = []
        for rnd in reversed(self.data["rounds"]):
            rows = self.spread_rows(topic.id, None, rnd["id"])
            section = {"round": rnd, "rows": rows, "summary": self.summary(topic, rows, rnd), "chart": None}
            # A chart for the latest round; earlier rounds are tables, so the cost of charts stays flat.
            if rnd is self.latest:
                path = paths.chart(topic.id, rnd["id"])
                title = f"{topic.title}: spread of levels by peer group, {rnd['label']}"
                if self.published.synthetic:
                    title += " (synthetic data)"
                charts[path] = spread_svg(
                    title,
                    [(r["chart_label"], r["spread"]) for r in rows],
                    [(lv.number, lv.name) for lv in self.levels],
                    f"Not shown: {self.note}",
                )
                alt = plain(f"{title}. The table below gives the same figures.")
                section.update(chart=path, alt=alt)
            sections.append(section)
        return (
            render_template(
                "benchmarks/topic.md.j2",
                page=paths.benchmark_topic(topic.id),
                **self.common(),
                topic=topic,
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
                rows.append({"group": g, "cell": cell, "chart_label": g["label"], "spread": None, "middle": ""})
                continue
            rows.append(
                {
                    "group": g,
                    "cell": cell,
                    "chart_label": f"{g['label']} ({cell['respondents']:,})",
                    # The chart draws published figures, so it can show nothing the table does not.
                    "spread": (cell["q1"], cell["median"], cell["q3"]),
                    "middle": self.middle(cell),
                }
            )
        return rows

    def summary(self, topic: Topic, rows: list[dict[str, Any]], rnd: dict[str, str]) -> str:
        everyone = rows[0]["cell"]
        hidden = sum(1 for r in rows if r["cell"]["suppressed"])
        if everyone["suppressed"]:
            return f"In {rnd['label']}, the figures for this topic are {self.note}, so none are shown."
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
                f" {hidden} of {len(rows)} peer groups are not shown, to protect respondents: "
                "the methodology page says why a group is hidden."
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
                        "middles": tuple(
                            middle_text((c[f"q1_{end}"], c[f"median_{end}"], c[f"q3_{end}"])) for end in ("from", "to")
                        ),
                        "respondents": (c["respondents_from"], c["respondents_to"]),
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
