"""Accessible, deterministic SVG charts, written as text at build time.

Every piece of text is escaped and kept as real `<text>` in a system sans-serif font, so any label stays
text and the file stays well-formed XML. Meaning never rests on colour alone: every level has its own
hatching as well as a light-to-dark shade, its number is written on the bar where there is room, and
pages put a table beside each chart. Ids come from the inputs, never from a counter, and nothing depends
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
MIN_SHARE_WRITTEN = 7  # percent: narrower pieces of a bar have no room for their level's number
SWATCH_W, SWATCH_H = 26, 16
LEGEND_GAP = 22

# ColorBrewer "Blues", the light-to-dark sequence that matplotlib's colormap of that name interpolates.
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")

# One tile per level, told apart by shape: dots, rising lines, horizontal, falling, vertical, cross, grid.
# (drawing inside an 8 x 8 tile, rotation of the tile)
HATCHES = (
    ('<circle cx="4" cy="4" r="1.4" fill="{ink}"/>', ""),
    ('<path d="M0 4H8" stroke="{ink}" stroke-width="1.3"/>', "rotate(-45)"),
    ('<path d="M0 4H8" stroke="{ink}" stroke-width="1.3"/>', ""),
    ('<path d="M0 4H8" stroke="{ink}" stroke-width="1.3"/>', "rotate(45)"),
    ('<path d="M4 0V8" stroke="{ink}" stroke-width="1.3"/>', ""),
    ('<path d="M0 4H8M4 0V8" stroke="{ink}" stroke-width="1"/>', "rotate(45)"),
    ('<path d="M0 4H8M4 0V8" stroke="{ink}" stroke-width="1"/>', ""),
)


# Advance widths of DejaVu Sans, in em, for the printable ASCII characters (space to tilde).
@lru_cache(maxsize=8)
def level_colours(n: int) -> tuple[str, ...]:
    """A light-to-dark sequence, so the order of levels shows as well as their hatching."""

    def blues(t: float) -> str:
        pos = t * (len(BLUES) - 1)
        i = min(int(pos), len(BLUES) - 2)
        f = pos - i
        a, b = BLUES[i], BLUES[i + 1]
        channels = (int(a[k : k + 2], 16) * (1 - f) + int(b[k : k + 2], 16) * f for k in (1, 3, 5))
        return "#" + "".join(f"{math.floor(c + 0.5):02x}" for c in channels)

    return tuple(blues(0.2 + 0.75 * i / max(1, n - 1)) for i in range(n))


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a #rrggbb colour."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=64)
def text_colour(fill: str) -> str:
    """Whichever of near-black or white has the higher contrast against the fill."""
    return INK if contrast(INK, fill) >= contrast(WHITE, fill) else WHITE


def spread_svg(
    title: str,
    rows: Sequence[tuple[str, Sequence[float] | None]],
    levels: Sequence[tuple[int, str]],
    hidden: str,
) -> str:
    """Horizontal 100 % bars, one per row, split by the share at each level; rows with None are hidden
    and show the `hidden` text instead. `levels` are (number, name), 2 to 7 of them, lowest first."""
    frozen = tuple((str(label), None if values is None else tuple(float(v) for v in values)) for label, values in rows)
    return _spread_svg(str(title), frozen, tuple((int(n), str(name)) for n, name in levels), str(hidden))


@lru_cache(maxsize=256)  # `dmf serve` rebuilds the same charts over and over in one process
def _spread_svg(
    title: str,
    rows: tuple[tuple[str, tuple[float, ...] | None], ...],
    levels: tuple[tuple[int, str], ...],
    hidden: str,
) -> str:
    n = len(levels)
    if not 2 <= n <= len(HATCHES):
        raise ValueError(f"a chart needs 2 to {len(HATCHES)} levels, not {n}")
    for label, values in rows:
        if values is not None and len(values) != n:
            raise ValueError(f"row {label!r} has {len(values)} values for {n} levels")
    title, hidden = plain(title), plain(hidden)
    rows = tuple((plain(label), values) for label, values in rows)
    levels = tuple((number, plain(name)) for number, name in levels)
    # Ids from the inputs: unique within the file, stable between builds, and distinct between charts
    # with different figures, should several ever share one page.
    uid = "c" + hashlib.sha256(repr((title, rows, levels, hidden)).encode("utf-8", "replace")).hexdigest()[:10]
    fills = level_colours(n)
    inks = [text_colour(f) for f in fills]

    out: list[str] = []
    add = out.append
    y = PAD

    # The title, wrapped.
    title_lines, cut = wrap(title, WIDTH - 2 * PAD, TITLE_SIZE, bold=True)
    mid = y + len(title_lines) * TITLE_LINE / 2
    add(_lines(title_lines, title, cut, PAD, mid, TITLE_SIZE, TITLE_LINE, 'font-weight="700"'))
    y += len(title_lines) * TITLE_LINE + 12

    # Row labels take the width they need, up to LABEL_MAX; the bars take the rest.
    widest = max((text_width(label, LABEL_SIZE) for label, _ in rows), default=0.0)
    label_w = min(LABEL_MAX, math.ceil(widest))
    plot_x = PAD + label_w + LABEL_GAP
    plot_w = WIDTH - PAD - 20 - plot_x  # room on the right for half of the "100%" tick label
    rows_top = y
    bars: list[str] = []
    for label, values in rows:
        label_lines, cut = wrap(label, label_w, LABEL_SIZE)
        note_lines, note_cut = wrap(hidden, plot_w - 16, SMALL_SIZE) if values is None else ([], False)
        row_h = max(ROW_MIN, len(label_lines) * LABEL_LINE + 10, len(note_lines) * SMALL_LINE + 14)
        mid = y + row_h / 2
        bars.append(_lines(label_lines, label, cut, PAD + label_w, mid, LABEL_SIZE, LABEL_LINE, 'text-anchor="end"'))
        if values is None:
            box_h = max(BAR_HEIGHT, len(note_lines) * SMALL_LINE + 6)
            bars.append(
                f'<rect x="{num(plot_x)}" y="{num(mid - box_h / 2)}" width="{num(plot_w)}" height="{num(box_h)}" '
                f'fill="#f3f2f1" stroke="#505a5f" stroke-width="1" stroke-dasharray="4 3"/>'
            )
            bars.append(
                _lines(note_lines, hidden, note_cut, plot_x + 8, mid, SMALL_SIZE, SMALL_LINE, 'font-style="italic"')
            )
        else:
            bars.append(_bar(values, levels, fills, inks, uid, plot_x, plot_w, mid))
        y += row_h

    # Gridlines behind the bars, then the bars, then the axis.
    axis_y = y + 4
    for tick in (25, 50, 75):
        x = num(plot_x + plot_w * tick / 100)
        add(f'<path d="M{x} {num(rows_top)}V{num(axis_y)}" stroke="#b1b4b6" stroke-width="1"/>')
    out.extend(bars)
    add(f'<path d="M{num(plot_x)} {num(axis_y)}H{num(plot_x + plot_w)}" stroke="{INK}" stroke-width="1"/>')
    add(f'<g font-size="{SMALL_SIZE}" fill="{INK}" text-anchor="middle">')
    for tick in (0, 25, 50, 75, 100):
        x = num(plot_x + plot_w * tick / 100)
        add(f'<path d="M{x} {num(axis_y)}v5" stroke="{INK}" stroke-width="1"/>')
        add(f'<text x="{x}" y="{num(axis_y + 19)}">{tick}%</text>')
    add(f'<text x="{num(plot_x + plot_w / 2)}" y="{num(axis_y + 38)}">Share of respondents at each level</text>')
    add("</g>")
    y = axis_y + 56

    # The legend: as many columns as fit, as many rows as needed; a name too long for the width wraps.
    add(
        f'<text x="{PAD}" y="{num(y + SMALL_SIZE * 0.8)}" font-size="{SMALL_SIZE}" font-weight="700" fill="{INK}">Levels</text>'
    )
    y += SMALL_LINE + 6
    names = [f"{number}. {name}" if name else f"{number}." for number, name in levels]
    room = WIDTH - 2 * PAD
    widths = [SWATCH_W + 6 + text_width(name, SMALL_SIZE) for name in names]
    ncol = next((c for c in range(n, 0, -1) if _columns_width(widths, c) <= room), 1)
    col_w = [max(widths[c::ncol]) + LEGEND_GAP for c in range(ncol)]
    for start in range(0, n, ncol):
        cells = [(i, wrap(names[i], room - SWATCH_W - 6, SMALL_SIZE)) for i in range(start, min(start + ncol, n))]
        row_h = max(SWATCH_H, max(len(lines) for _, (lines, _) in cells) * SMALL_LINE) + 8
        x = PAD
        for (i, (lines, cut)), w in zip(cells, col_w, strict=False):
            top = y + 4
            add(
                f'<rect x="{num(x)}" y="{num(top)}" width="{SWATCH_W}" height="{SWATCH_H}" '
                f'fill="url(#{uid}-l{i})" stroke="{INK}" stroke-width="0.75"/>'
            )
            # The first line beside the swatch, any others below it.
            text_mid = top + SWATCH_H / 2 + (len(lines) - 1) * SMALL_LINE / 2
            add(_lines(lines, names[i], cut, x + SWATCH_W + 6, text_mid, SMALL_SIZE, SMALL_LINE, ""))
            x += w
        y += row_h
    height = math.ceil(y + PAD - 8)

    desc = _description(rows, levels, hidden)
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" ',
        f'role="img" aria-labelledby="{uid}-title" aria-describedby="{uid}-desc" ',
        f'font-family="{esc(FONT)}" font-size="{LABEL_SIZE}">\n',
        f'<title id="{uid}-title">{esc(title)}</title>\n',
        f'<desc id="{uid}-desc">{esc(desc)}</desc>\n',
        "<defs>",
    ]
    for i, (fill, ink) in enumerate(zip(fills, inks, strict=True)):
        shape, turn = HATCHES[i]
        rotate = f' patternTransform="{turn}"' if turn else ""
        head.append(
            f'<pattern id="{uid}-l{i}" width="8" height="8" patternUnits="userSpaceOnUse"{rotate}>'
            f'<rect width="8" height="8" fill="{fill}"/>{shape.format(ink=ink)}</pattern>'
        )
    head.append(f'</defs>\n<rect width="{WIDTH}" height="{height}" fill="{WHITE}"/>\n')
    return "".join(head) + "\n".join(out) + "\n</svg>\n"


def _columns_width(widths: list[float], ncol: int) -> float:
    return sum(max(widths[c::ncol]) for c in range(ncol)) + LEGEND_GAP * (ncol - 1)


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


def _shares(values: tuple[float, ...]) -> list[float]:
    """Percentages of the row's total; anything negative or not finite counts as nothing."""
    clean = [v if math.isfinite(v) and v > 0 else 0.0 for v in values]
    total = sum(clean)
    return [v / total * 100 for v in clean] if total else [0.0] * len(clean)


def _bar(
    values: tuple[float, ...],
    levels: tuple[tuple[int, str], ...],
    fills: tuple[str, ...],
    inks: list[str],
    uid: str,
    plot_x: float,
    plot_w: float,
    mid: float,
) -> str:
    parts = []
    top = num(mid - BAR_HEIGHT / 2)
    done = 0.0
    for i, share in enumerate(_shares(values)):
        if share <= 0:
            continue
        x0, done = plot_x + plot_w * done / 100, done + share
        x1 = plot_x + plot_w * min(done, 100) / 100
        parts.append(
            f'<rect x="{num(x0)}" y="{top}" width="{num(x1 - x0)}" height="{BAR_HEIGHT}" '
            f'fill="url(#{uid}-l{i})" stroke="{INK}" stroke-width="0.75"/>'
        )
        if share >= MIN_SHARE_WRITTEN:
            # On a patch of the plain fill, so the text keeps its contrast over the hatching.
            text = f"{levels[i][0]}: {share:.0f}%"
            if text_width(text, SMALL_SIZE) > x1 - x0 - 8:
                text = str(levels[i][0])
            w = text_width(text, SMALL_SIZE) + 6
            cx = (x0 + x1) / 2
            parts.append(
                f'<rect x="{num(cx - w / 2)}" y="{num(mid - 8)}" width="{num(w)}" height="16" fill="{fills[i]}"/>'
                f'<text x="{num(cx)}" y="{num(mid + SMALL_SIZE * 0.35)}" font-size="{SMALL_SIZE}" '
                f'fill="{inks[i]}" text-anchor="middle">{text}</text>'
            )
    return "\n".join(parts)


def _description(rows: tuple[tuple[str, tuple[float, ...] | None], ...], levels, hidden: str) -> str:
    first, last = levels[0][0], levels[-1][0]
    parts = [
        "Horizontal bars, one for each peer group, each split by the share of respondents at each level, "
        f"from level {first} at the left to level {last} at the right. Each level has its own hatching, and "
        "higher levels are darker. The table beside the chart gives the same figures."
    ]
    for label, values in rows:
        if values is None:
            parts.append(f"{label}: {hidden}.")
        else:
            shares = ", ".join(f"level {lv[0]} {s:.0f}%" for lv, s in zip(levels, _shares(values), strict=True))
            parts.append(f"{label}: {shares}.")
    return " ".join(parts)
