"""Accessible, deterministic SVG charts made with matplotlib at build time.

Text stays text (svg.fonttype none), ids come from a fixed salt and no date is written, so the same
figures give byte-identical files. Meaning never rests on colour alone: every level also has its own
hatching, its number is written on the bar where there is room, and pages put a table beside each chart.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import version

import numpy as np

from generator.site.cache import cached

RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "dmf-charts",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "hatch.linewidth": 0.6,
    "axes.edgecolor": "#0b0c0c",
    "text.color": "#0b0c0c",
    "axes.labelcolor": "#0b0c0c",
    "xtick.color": "#0b0c0c",
    "ytick.color": "#0b0c0c",
}
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo"]
INK = "#0b0c0c"


def level_colours(n: int) -> list[tuple[float, float, float, float]]:
    """A light-to-dark sequence, so the order of levels shows as well as their hatching."""
    import matplotlib

    cmap = matplotlib.colormaps["Blues"]
    return [cmap(0.2 + 0.75 * i / max(1, n - 1)) for i in range(n)]


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * lin(rgba[0]) + 0.7152 * lin(rgba[1]) + 0.0722 * lin(rgba[2])
    # Pick whichever of near-black or white has the higher contrast against the fill.
    against_ink = (luminance + 0.05) / (0.0037 + 0.05)  # 0.0037: the luminance of INK
    against_white = 1.05 / (luminance + 0.05)
    return INK if against_ink >= against_white else "#ffffff"


def spread_svg(
    title: str,
    rows: Sequence[tuple[str, np.ndarray | None]],
    levels: Sequence[tuple[int, str]],
    hidden: str,
) -> str:
    """Horizontal 100 % bars, one per row, split by the share at each level; rows with None are hidden."""
    # Charts are the slowest part of a build; `dmf serve` rebuilds often with the same figures.
    frozen = tuple((label, None if values is None else tuple(float(v) for v in values)) for label, values in rows)
    key = json.dumps([title, frozen, levels, hidden], ensure_ascii=False)
    # On disk too, so a fresh process (CI, `dmf build`) skips matplotlib when the figures are unchanged.
    return cached(
        "charts",
        key,
        lambda: _spread_svg(title, frozen, tuple(levels), hidden),
        code=(__name__,),
        library=version("matplotlib"),
    )


@lru_cache(maxsize=256)
def _spread_svg(
    title: str,
    rows: tuple[tuple[str, tuple[float, ...] | None], ...],
    levels: tuple[tuple[int, str], ...],
    hidden: str,
) -> str:
    """The chart itself. The layout is worked out from text lengths rather than by matplotlib's layout
    engines, which measure every text and would make a chart cost three times as much.
    """
    import matplotlib  # imported here: a build whose charts are all cached never loads it
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    colours = level_colours(len(levels))
    legend_labels = [f"{n}. {name}" for n, name in levels]
    ncol = next(c for c in range(len(levels), 0, -1) if _legend_width(legend_labels, c) <= WIDTH - 0.4)
    legend_rows = -(-len(levels) // ncol)
    left = min(3.6, 0.35 + CHAR * max(len(label) for label, _ in rows))
    top, bottom = 0.55, 0.75 + 0.28 * (legend_rows + 1)
    height = top + bottom + 0.42 * len(rows)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH, height))
        fig.subplots_adjust(left=left / WIDTH, right=1 - 0.3 / WIDTH, top=1 - top / height, bottom=bottom / height)
        ax = fig.add_subplot()
        y = np.arange(len(rows))[::-1]
        shares = np.array([_shares(None if c is None else np.array(c), len(levels)) for _, c in rows])
        shares = shares.reshape(len(rows), len(levels))
        starts = np.cumsum(shares, axis=1) - shares
        for li in range(len(levels)):
            fill, ink = colours[li], _text_colour(colours[li])
            shown = shares[:, li] > 0
            # One collection per level, not a patch per bar: much cheaper to lay out and draw.
            bars = [
                [(x0, yi - 0.35), (x0 + w, yi - 0.35), (x0 + w, yi + 0.35), (x0, yi + 0.35)]
                for yi, w, x0 in zip(y[shown], shares[shown, li], starts[shown, li], strict=True)
            ]
            ax.add_collection(
                PolyCollection(
                    bars,
                    facecolors=[fill],
                    edgecolors=INK,
                    linewidths=0.6,
                    hatch=HATCHES[li % len(HATCHES)],
                    hatchcolor=ink,
                ),
                autolim=False,
            )
            for yi, share, start in zip(y, shares[:, li], starts[:, li], strict=True):
                if share >= 7:
                    ax.text(
                        start + share / 2,
                        yi,
                        f"{levels[li][0]}: {share:.0f}%",
                        ha="center",
                        va="center",
                        fontsize=8.5,
                        color=ink,
                        bbox={"boxstyle": "square,pad=0.15", "facecolor": fill, "edgecolor": "none"},
                    )
        for yi, (_, counts) in zip(y, rows, strict=True):
            if counts is None:
                ax.text(1, yi, hidden, va="center", ha="left", fontsize=9, style="italic")
        ax.set_yticks(y, [label for label, _ in rows])
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("Share of respondents at each level")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.text(0.3 / WIDTH, 1 - 0.3 / height, title, fontsize=11, fontweight="bold", va="center")
        handles = [
            Patch(
                facecolor=colours[i],
                hatch=HATCHES[i % len(HATCHES)],
                hatchcolor=_text_colour(colours[i]),
                edgecolor=INK,
                label=label,
            )
            for i, label in enumerate(legend_labels)
        ]
        fig.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.3 / WIDTH, 0.05 / height),
            ncol=ncol,
            frameon=False,
            fontsize=8.5,
            handlelength=2,
            handleheight=1.2,
            title="Levels",
            title_fontsize=8.5,
            alignment="left",
        )
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "dmf"})
    return buf.getvalue()


WIDTH = 8.0  # inches
CHAR = 0.075  # a rough width of one character at 10 pt, in inches


def _legend_width(labels: list[str], ncol: int) -> float:
    columns = [labels[i::ncol] for i in range(ncol)]
    return sum(0.45 + CHAR * 0.85 * max(len(x) for x in col) for col in columns if col)


def _shares(counts: np.ndarray | None, n: int) -> np.ndarray:
    if counts is None or not counts.sum():
        return np.zeros(n)
    return np.asarray(counts, dtype=float) / counts.sum() * 100
