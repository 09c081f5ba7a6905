"""Accessible, deterministic SVG charts, written as text at build time.

Every piece of text is escaped and kept as real `<text>` in a system sans-serif font, so any label stays
text and the file stays well-formed XML. A chart shows, for each peer group, the middle half of its
levels as a bar and its middle level as a marker along an axis of levels. Meaning never rests on colour
alone: the figures are written beside each bar, and pages put a table beside each chart. Ids come from the inputs, never from a counter, and nothing depends
on the date or the machine, so the same figures give byte-identical files.

Text cannot be measured without a font, so widths are estimated from the advance widths of DejaVu Sans,
one of the widest common sans-serif faces: text set in a narrower system font only has more room.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from functools import lru_cache

from generator.site.svg_text import esc, num, plain, text_width, wrap

INK = "#0b0c0c"
WHITE = "#ffffff"
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', "
    "'Liberation Sans', 'DejaVu Sans', sans-serif"
)

WIDTH = 800  # the viewBox width; the page scales the chart to its column
PAD = 16  # space around the chart
TITLE_SIZE, TITLE_LINE = 16, 21
LABEL_SIZE, LABEL_LINE = 13, 16
SMALL_SIZE, SMALL_LINE = 12, 15  # bar numbers, hidden-row notes, axis and legend
LABEL_MAX = 260  # the widest the column of row labels gets; longer labels wrap
LABEL_GAP = 10  # between a label and its bar
BAR_HEIGHT = 22
ROW_MIN = 34
FIGURE_W = 120  # the column of figures at the right of each bar

BAR_FILL = "#5694ca"  # the middle half; 3:1 against white, as WCAG asks of graphics
MARK = INK  # the middle level


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a #rrggbb colour."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


Spread = tuple[int, int, int]  # (lower quartile, median, upper quartile), all levels


def spread_svg(
    title: str,
    rows: Sequence[tuple[str, Spread | None]],
    levels: Sequence[tuple[int, str]],
    hidden: str,
) -> str:
    """One row per group: the middle half of its levels as a bar, its middle level as a marker.

    Rows with None are hidden and show the `hidden` text instead. `levels` are (number, name), lowest first.
    """
    frozen = tuple((str(label), None if v is None else (int(v[0]), int(v[1]), int(v[2]))) for label, v in rows)
    return _spread_svg(str(title), frozen, tuple((int(n), str(name)) for n, name in levels), str(hidden))


@lru_cache(maxsize=256)  # `dmf serve` rebuilds the same charts over and over in one process
def _spread_svg(
    title: str, rows: tuple[tuple[str, Spread | None], ...], levels: tuple[tuple[int, str], ...], hidden: str
) -> str:
    numbers = [number for number, _ in levels]
    if len(numbers) < 2:
        raise ValueError("a chart needs at least 2 levels")
    for label, spread in rows:
        if spread is not None and (any(v not in numbers for v in spread) or not spread[0] <= spread[1] <= spread[2]):
            raise ValueError(f"row {label!r}: {spread} is not a lower quartile, median and upper quartile")
    title, hidden = plain(title), plain(hidden)
    rows = tuple((plain(label), spread) for label, spread in rows)
    levels = tuple((number, plain(name)) for number, name in levels)
    # Ids from the inputs: unique within the file, stable between builds, distinct between charts.
    uid = "c" + hashlib.sha256(repr((title, rows, levels, hidden)).encode("utf-8", "replace")).hexdigest()[:10]

    out: list[str] = []
    add = out.append
    y = PAD
    title_lines, cut = wrap(title, WIDTH - 2 * PAD, TITLE_SIZE, bold=True)
    mid = y + len(title_lines) * TITLE_LINE / 2
    add(_lines(title_lines, title, cut, PAD, mid, TITLE_SIZE, TITLE_LINE, 'font-weight="700"'))
    y += len(title_lines) * TITLE_LINE + 12

    widest = max((text_width(label, LABEL_SIZE) for label, _ in rows), default=0.0)
    label_w = min(LABEL_MAX, math.ceil(widest))
    plot_x = PAD + label_w + LABEL_GAP
    plot_w = WIDTH - PAD - FIGURE_W - plot_x
    step = plot_w / len(numbers)

    def at(level: int) -> float:  # the centre of a level's column
        return plot_x + step * (numbers.index(level) + 0.5)

    rows_top = y
    bars: list[str] = []
    for label, spread in rows:
        label_lines, cut = wrap(label, label_w, LABEL_SIZE)
        note_lines, note_cut = wrap(hidden, plot_w + FIGURE_W - 16, SMALL_SIZE) if spread is None else ([], False)
        row_h = max(ROW_MIN, len(label_lines) * LABEL_LINE + 10, len(note_lines) * SMALL_LINE + 14)
        mid = y + row_h / 2
        bars.append(_lines(label_lines, label, cut, PAD + label_w, mid, LABEL_SIZE, LABEL_LINE, 'text-anchor="end"'))
        if spread is None:
            box_h = max(BAR_HEIGHT, len(note_lines) * SMALL_LINE + 6)
            bars.append(
                f'<rect x="{num(plot_x)}" y="{num(mid - box_h / 2)}" width="{num(plot_w + FIGURE_W - 8)}" '
                f'height="{num(box_h)}" fill="#f3f2f1" stroke="#505a5f" stroke-width="1" stroke-dasharray="4 3"/>'
            )
            bars.append(
                _lines(note_lines, hidden, note_cut, plot_x + 8, mid, SMALL_SIZE, SMALL_LINE, 'font-style="italic"')
            )
        else:
            bars.append(_range(spread, at, step, mid, plot_x + plot_w + 8))
        y += row_h

    axis_y = y + 4
    for number in numbers:  # a line down each level's column, behind the bars
        add(f'<path d="M{num(at(number))} {num(rows_top)}V{num(axis_y)}" stroke="#b1b4b6" stroke-width="1"/>')
    out.extend(bars)
    add(f'<path d="M{num(plot_x)} {num(axis_y)}H{num(plot_x + plot_w)}" stroke="{INK}" stroke-width="1"/>')
    add(f'<g font-size="{SMALL_SIZE}" fill="{INK}" text-anchor="middle">')
    for number in numbers:
        add(f'<path d="M{num(at(number))} {num(axis_y)}v5" stroke="{INK}" stroke-width="1"/>')
        add(f'<text x="{num(at(number))}" y="{num(axis_y + 19)}">{number}</text>')
    add(f'<text x="{num(plot_x + plot_w / 2)}" y="{num(axis_y + 38)}">Level</text>')
    add("</g>")
    y = axis_y + 56

    # The key: what the bar and the marker mean, then the levels' names.
    key = [
        f'<rect x="{PAD}" y="{num(y + 2)}" width="26" height="12" fill="{BAR_FILL}" stroke="{INK}" stroke-width="0.75"/>',
        _lines(["Middle half of respondents"], "Middle half of respondents", False, PAD + 32, y + 8, SMALL_SIZE, 0, ""),
        _marker(PAD + 13 + 260, y + 8),
        _lines(["Middle level (median)"], "Middle level (median)", False, PAD + 32 + 260, y + 8, SMALL_SIZE, 0, ""),
    ]
    out.extend(key)
    y += SMALL_LINE + 10
    for number, name in levels:
        text = f"{number}. {name}" if name else f"{number}."
        lines, cut = wrap(text, WIDTH - 2 * PAD, SMALL_SIZE)
        add(_lines(lines, text, cut, PAD, y + len(lines) * SMALL_LINE / 2, SMALL_SIZE, SMALL_LINE, ""))
        y += len(lines) * SMALL_LINE + 2
    height = math.ceil(y + PAD)

    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" ',
        f'role="img" aria-labelledby="{uid}-title" aria-describedby="{uid}-desc" ',
        f'font-family="{esc(FONT)}" font-size="{LABEL_SIZE}">\n',
        f'<title id="{uid}-title">{esc(title)}</title>\n',
        f'<desc id="{uid}-desc">{esc(_description(rows, levels, hidden))}</desc>\n',
        f'<rect width="{WIDTH}" height="{height}" fill="{WHITE}"/>\n',
    ]
    return "".join(head) + "\n".join(out) + "\n</svg>\n"


def middle_text(spread: Spread) -> str:
    """'3 (2 to 4)': the middle level, then the levels of the middle half."""
    q1, median, q3 = spread
    return f"{median} ({q1})" if q1 == q3 else f"{median} ({q1} to {q3})"


def _marker(x: float, y: float) -> str:
    return f'<path d="M{num(x)} {num(y - 9)}L{num(x + 7)} {num(y)}L{num(x)} {num(y + 9)}L{num(x - 7)} {num(y)}Z" fill="{MARK}" stroke="{WHITE}" stroke-width="1.5"/>'


def _range(spread: Spread, at, step: float, mid: float, figure_x: float) -> str:
    q1, median, q3 = spread
    x0, x1 = at(q1) - step * 0.3, at(q3) + step * 0.3
    return "\n".join(
        (
            f'<rect x="{num(x0)}" y="{num(mid - BAR_HEIGHT / 2)}" width="{num(x1 - x0)}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_FILL}" stroke="{INK}" stroke-width="0.75"/>',
            _marker(at(median), mid),
            f'<text x="{num(figure_x)}" y="{num(mid + SMALL_SIZE * 0.35)}" font-size="{SMALL_SIZE}" fill="{INK}">'
            f"{esc(middle_text(spread))}</text>",
        )
    )


def _description(rows: tuple[tuple[str, Spread | None], ...], levels, hidden: str) -> str:
    first, last = levels[0][0], levels[-1][0]
    parts = [
        "For each peer group, a bar covers the levels of the middle half of respondents and a marker shows the "
        f"middle level, on an axis from level {first} at the left to level {last} at the right. "
        "The table beside the chart gives the same figures."
    ]
    for label, spread in rows:
        if spread is None:
            parts.append(f"{label}: {hidden}.")
        else:
            q1, median, q3 = spread
            half = f"level {q1}" if q1 == q3 else f"levels {q1} to {q3}"
            parts.append(f"{label}: middle level {median}, middle half at {half}.")
    return " ".join(parts)


def _lines(lines: list[str], full: str, cut: bool, x: float, mid: float, size: int, step: int, attrs: str) -> str:
    """Text centred on `mid`, one tspan a line; the full text in a <title> when it is wrapped or shortened."""
    first = mid - (len(lines) - 1) * step / 2 + size * 0.35
    if len(lines) == 1 and not cut:
        return f'<text x="{num(x)}" y="{num(first)}" font-size="{size}" fill="{INK}" {attrs}>{esc(full)}</text>'
    if not cut:
        lines = _keep_spaces(lines, full)
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(first + i * step)}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<g><title>{esc(full)}</title><text font-size="{size}" fill="{INK}" {attrs}>{spans}</text></g>'


def _keep_spaces(lines: list[str], full: str) -> list[str]:
    """The lines with the space each break replaced put back, so that the text of the lines reads as written."""
    out, pos = [], 0
    for line in lines:
        pos = full.find(line, pos) + len(line)
        out.append(line + " " if full[pos : pos + 1] == " " else line)
        pos += 1 if full[pos : pos + 1] == " " else 0
    return out
