"""Text inside SVG: escaped and cleaned for XML, measured without a font, and wrapped to a width."""

from __future__ import annotations

import re
import unicodedata

MAX_LINES = 3  # a label, title or level name longer than this is shortened; the full text is in a <title>

_ASCII_EM = (
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337,
    0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838,
    0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863,
    0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337,
    0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278,
    0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636,
    0.337, 0.636, 0.838,
)  # fmt: skip
_EM: dict[str, float] = {chr(32 + i): w for i, w in enumerate(_ASCII_EM)}
BOLD = 1.1  # bold text is about a tenth wider

# Characters XML 1.0 forbids (and lone surrogates, which cannot be written as UTF-8 at all).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Control characters, C0 and C1 (newlines and tabs included), and runs of spaces: one space, as SVG shows them.
_SPACES = re.compile("[\x00-\x20\x7f-\x9f]+")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def plain(text: str) -> str:
    """Text as the chart writes it: characters XML 1.0 forbids become U+FFFD, control characters and runs
    of spaces become one space, and the ends are trimmed."""
    return _SPACES.sub(" ", _NOT_XML.sub("\ufffd", str(text))).strip(" ")


def esc(text: str) -> str:
    """Escaped for XML text and for double-quoted attributes alike."""
    return text.translate(_ESCAPES)


def num(x: float) -> str:
    """A coordinate with at most two decimals and no negative zero: stable across platforms."""
    s = f"{x:.2f}"
    if s[-3:] == ".00":
        s = s[:-3]
        return "0" if s == "-0" else s
    return s.rstrip("0")


def _em(ch: str) -> float:
    width = _EM.get(ch)
    if width is None:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            width = 0.0
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            width = 1.0
        else:
            width = 0.75  # wider than most letters, so text outside ASCII does not overflow
        if len(_EM) < 20_000:  # a bounded memo, so hostile input cannot grow it without end
            _EM[ch] = width
    return width


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate, slightly generous, of the width of text in user units."""
    width = sum(_EM[c] if c in _EM else _em(c) for c in text) * size
    return width * BOLD if bold else width


def wrap(
    text: str, width: float, size: float, bold: bool = False, max_lines: int = MAX_LINES
) -> tuple[list[str], bool]:
    """Greedy lines of at most `width`, broken at spaces (or anywhere inside a word too long for a line);
    and whether the text had to be shortened, with an ellipsis, to fit in `max_lines`."""
    if text_width(text, size, bold) <= width:
        return [text], False
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if text_width(word, size, bold) > width:
            line = candidate  # too wide for any line: start it here and break inside it
        else:
            lines.append(line)
            line = word
        while len(lines) <= max_lines and text_width(line, size, bold) > width:  # a word wider than a line
            cut = _fit(line, width, size, bold)
            lines.append(line[:cut])
            line = line[cut:]
        if len(lines) > max_lines:
            break
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines, False
    last = lines[max_lines - 1]
    cut = _fit(last, width - text_width("…", size, bold), size, bold)
    return [*lines[: max_lines - 1], last[:cut].rstrip(" ") + "…"], True


def _fit(text: str, width: float, size: float, bold: bool) -> int:
    """How many leading characters of text fit in width: at least one, and never ending before a
    combining mark, so an accent stays with its letter."""
    used, cut = 0.0, 0
    scale = size * (BOLD if bold else 1)
    for i, ch in enumerate(text):
        used += (_EM[ch] if ch in _EM else _em(ch)) * scale
        if used > width and i:
            break
        cut = i + 1
    while cut < len(text) and unicodedata.combining(text[cut]):
        cut += 1
    return max(1, cut)
