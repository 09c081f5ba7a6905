"""The benchmarks overview as a matrix: topics (by theme) down, peer groups across, shaded by median level.

The shade only repeats what the cell says: every cell prints its median and middle half, or the label
the data gives a hidden cell, on a solid patch inside hatching; a legend names every shade. Each
matrix is a real table (caption, header cells with scope) inside a named, focusable scroll region, so
it reads without colour, without JavaScript and on a narrow screen. Pages write it as raw HTML, so
every text is HTML-escaped here and nowhere else.
"""

from __future__ import annotations

from html import escape
from typing import Any

from generator.framework.model import Model
from generator.results.groups import GROUP_KINDS, GroupKind
from generator.site import paths
from generator.site.charts import middle_text
from generator.site.markdown import Markdown

# dmf.css defines .dmf-shade-0 (lightest) to .dmf-shade-4 (darkest) in the light and the dark palette.
SHADES = 5


def esc(text: object) -> str:
    """Text for HTML, on one line: labels and titles may hold anything."""
    return escape(" ".join(str(text).split()), quote=True)


def shade(level: int, levels: list[int]) -> int:
    """The shade of a median level: the lowest level is the lightest, the highest the darkest."""
    pos = levels.index(level)
    return 0 if len(levels) == 1 else round(pos * (SHADES - 1) / (len(levels) - 1))


def figure(cell: dict[str, Any]) -> tuple[str, str]:
    """The median and, in brackets, the levels of the middle half: ('3', '(2 to 4)'), as every page writes them."""
    median, _, middle = middle_text((cell["q1"], cell["median"], cell["q3"])).partition(" ")
    return median, middle


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower())


class Matrices:
    """The overview's matrices and legend, from published cells only: hidden cells carry their label."""

    def __init__(self, model: Model, data: dict[str, Any], cells: dict[tuple, dict[str, Any]], page: str):
        self.model, self.data, self.cells, self.page = model, data, cells, page
        self.levels = [lv.number for lv in model.framework.levels]
        self.synthetic = bool(data.get("synthetic"))

    def groups(self, kind: GroupKind) -> list[dict[str, Any]]:
        """Everyone, then each value of one kind, in the published order."""
        return [g for g in self.data["groups"] if g["kind"] in ("all", kind.kind)]

    def tables(self, rnd: dict[str, Any]) -> list[dict[str, Any]]:
        """One matrix per kind of peer group for one round."""
        return [{"kind": kind, "html": Markdown(self.table(kind, rnd))} for kind in GROUP_KINDS if self.groups(kind)]

    def earlier(self) -> Markdown:
        """Each earlier round's matrices, folded away in a <details> that works without JavaScript."""
        blocks = []
        for rnd in reversed(self.data["rounds"][:-1]):
            tables = "".join(t["html"] for t in self.tables(rnd))
            blocks.append(
                f'<details class="dmf-round" id="round-{esc(_slug(rnd["id"]))}">'
                f"<summary>{esc(rnd['label'])}: middle level by peer group</summary>{tables}</details>"
            )
        return Markdown("\n\n".join(blocks))

    def table(self, kind: GroupKind, rnd: dict[str, Any]) -> str:
        groups = self.groups(kind)
        ident = f"matrix-{_slug(rnd['id'])}-{kind.anchor}"
        caption = f"Middle level {kind.by}, {rnd['label']}"
        if self.synthetic:
            caption += " (synthetic data)"
        head = "".join(
            f'<th scope="col" data-group="{esc(g["id"])}">{esc(g["label"])}'
            '<span class="dmf-m__mine" hidden> (your group)</span></th>'
            for g in groups
        )
        body = []
        for theme in self.model.framework.themes:
            span = len(groups) + 1
            rows = [f'<tr class="dmf-m__theme"><th scope="rowgroup" colspan="{span}">{esc(theme.title)}</th></tr>']
            for topic in self.model.topics_in(theme):
                link = paths.relative_url(self.page, paths.benchmark_topic(topic.id))
                cells = "".join(self.cell(self.cells[(topic.id, None, g["id"], rnd["id"])], g) for g in groups)
                rows.append(f'<tr><th scope="row"><a href="{esc(link)}">{esc(topic.title)}</a></th>{cells}</tr>')
            body.append(f"<tbody>{''.join(rows)}</tbody>")
        # The region scrolls sideways on a narrow screen: keyboard users reach it, and its name says what it holds.
        return (
            f'<div class="dmf-matrix" role="region" tabindex="0" aria-labelledby="{ident}-caption">'
            f'<table class="dmf-m" id="{ident}" data-kind="{esc(kind.kind)}">'
            f'<caption id="{ident}-caption">{esc(caption)}</caption>'
            f'<thead><tr><th scope="col">Topic</th>{head}</tr></thead>'
            f"{''.join(body)}</table></div>"
        )

    def cell(self, cell: dict[str, Any], group: dict[str, Any]) -> str:
        attrs = f'data-group="{esc(group["id"])}"'
        if cell["suppressed"]:
            return f'<td class="dmf-m__hidden" {attrs}><span class="dmf-m__note">{esc(cell["note"])}</span></td>'
        median, middle = figure(cell)
        small = f' <span class="dmf-m__middle">{esc(middle)}</span>' if middle else ""
        return (
            f'<td class="dmf-shade-{shade(cell["median"], self.levels)}" {attrs}>'
            f'<span class="dmf-m__median">{esc(median)}</span>{small}</td>'
        )

    def legend(self, note: str) -> Markdown:
        """What each shade and the hatching mean, with the number printed in every swatch too."""
        items = [
            f'<li><span class="dmf-swatch dmf-shade-{shade(lv.number, self.levels)}" aria-hidden="true">'
            f"{esc(lv.number)}</span> Level {esc(lv.number)}: {esc(lv.name)}</li>"
            for lv in self.model.framework.levels
        ]
        items.append(
            '<li><span class="dmf-swatch dmf-m__hidden" aria-hidden="true"><span class="dmf-m__note">–</span></span> '
            f"Hatched: a hidden figure, marked “{esc(note)}”</li>"
        )
        title = "Key: the darker the shade, the higher the middle level"
        return Markdown(
            f'<div class="dmf-legend"><p class="dmf-legend__title">{title}</p><ul>{"".join(items)}</ul></div>'
        )

    def chooser(self) -> Markdown:
        """The form that marks the reader's own groups; hidden until dmf.js makes it work."""
        selects = []
        for kind in GROUP_KINDS:
            values = [g for g in self.data["groups"] if g["kind"] == kind.kind]
            if not values:
                continue
            options = [f'<option value="" data-said="No {esc(kind.label.lower())} is marked.">None</option>']
            options += [
                f'<option value="{esc(g["id"])}" data-said="{esc(g["label"])} is marked as your group in every table.">'
                f"{esc(g['label'])}</option>"
                for g in values
            ]
            ident = f"dmf-mine-{kind.anchor}"
            selects.append(
                f'<div class="dmf-mine__field"><label for="{ident}">{esc(kind.label)}</label>'
                f'<select id="{ident}" data-kind="{esc(kind.kind)}">{"".join(options)}</select></div>'
            )
        # The choice is kept in this browser only, under a key of its own for each framework.
        store = f"dmf-peer-groups:{self.model.framework.id}"
        return Markdown(
            f'<form class="dmf-mine" hidden data-store="{esc(store)}">'
            "<fieldset><legend>Mark your own peer groups in the tables</legend>"
            f'{"".join(selects)}</fieldset><p class="dmf-mine__status" role="status"></p></form>'
        )
