"""One results CSV file parsed into categorical columns, with each row's line number."""

from __future__ import annotations

import codecs
import io
import re
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from generator.framework.load import shown_path
from generator.results.rows import COLUMNS, REASON_INDEX, REASONS, ParsedFile, reject, report_rows
from generator.yamlio.problems import Problem

_SKIPPED = re.compile(r"Skipping line (\d+): expected \d+ fields, saw (\d+)")


def read_csv(path: Path, problems: list[Problem]) -> ParsedFile:
    """Parse one file into categorical columns; header and encoding problems reject every row."""
    shown = shown_path(path)
    empty = ParsedFile(shown, {c: pd.Categorical([]) for c in COLUMNS}, np.zeros(0, np.int64), np.zeros(0, np.int16))
    with path.open("rb") as f:
        head = f.read(_CHUNK)
        blank = not head.strip() and all(not chunk.strip() for chunk in iter(lambda: f.read(_CHUNK), b""))
    if blank:
        problems.append(
            Problem(
                shown, 1, None, "", "file is empty: it needs a header row and one row per answer", code="empty-file"
            )
        )
        return empty
    whole_file_reason = 0
    source: Path | io.BytesIO = path  # pandas reads the file itself, in chunks: no copy of the whole text
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(shown, 1, None, "", "the file is UTF-16 text: save it as CSV UTF-8", code="not-utf8"))
        source = io.BytesIO(path.read_bytes().decode("utf-16", errors="replace").encode("utf-8"))
        whole_file_reason = REASON_INDEX["not UTF-8 text"]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = _parse(source)
        except pd.errors.ParserError as err:
            problems.append(_unreadable(shown, str(err)))
            out = ParsedFile(shown, empty.columns, empty.line, empty.reason, extra_read=_data_lines(source))
            out.extra_reasons[REASONS[REASON_INDEX["in a file that cannot be read as CSV"]]] += out.extra_read
            return out
    skipped = [
        (int(m.group(1)), int(m.group(2))) for w in caught for m in _SKIPPED.finditer(str(w.message))
    ]  # (record number counting the header as 1, fields seen)
    n = max(0, len(frame) - 1)
    parsed = {i: _data_rows(frame[i].array) for i in frame.columns}
    header = [value for value, _ in parsed.values()] if len(frame) else []
    del frame
    header_problems = _header_problems(shown, header)
    problems += header_problems
    if header_problems and not whole_file_reason:
        whole_file_reason = REASON_INDEX["in a file whose header row has problems"]

    # A missing column was reported above; empty values keep the arrays aligned.
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    columns = {c: parsed[position[c]][1] if c in position else _blank(n) for c in COLUMNS}
    del parsed
    line = _line_numbers(columns, n, [r for r, _ in skipped])
    out = ParsedFile(shown, columns, line, np.zeros(n, np.int16), extra_read=len(skipped))
    if whole_file_reason:
        out.reason[:] = whole_file_reason
        if skipped:
            out.extra_reasons[REASONS[whole_file_reason]] += len(skipped)
        return out

    skipped_lines = _record_lines(line, n, [r for r, _ in skipped])
    report_rows(
        problems,
        shown,
        "",
        skipped_lines,
        lambda i: f"the row has {skipped[i][1]} fields; expected {len(COLUMNS)}",
        "too-many-fields",
    )
    if skipped:
        out.extra_reasons["with too many fields"] += len(skipped)
    replaced = [c for c in COLUMNS if _holds(columns[c], "\ufffd")]
    if replaced and not _is_utf8(path):
        for c in replaced:  # column by column, so each problem names the column that holds the bad bytes
            cats = columns[c].categories
            bad_codes = np.flatnonzero(cats.str.contains("\ufffd", regex=False))
            bad = np.isin(columns[c].codes, bad_codes)
            reject(problems, out, bad, "not UTF-8 text", c, lambda i: "not UTF-8 text: save the file as CSV UTF-8")
    if n == 0 and not skipped:
        problems.append(Problem(shown, 1, None, "", "the file has a header row but no answers", code="no-rows"))
    return out


_CHUNK = 1 << 20


def _parse(source: Path | io.BytesIO) -> pd.DataFrame:
    return pd.read_csv(
        source,
        # The header is read as a row: with header=0 pandas quietly turns the first column into an
        # index when the first row has one field too many, shifting every value one column left.
        header=None,
        # Categories of text, never inferred ('01' and '1' stay different values): the C parser hashes
        # each field's bytes straight into codes, so no row ever becomes a Python string of its own.
        dtype="category",
        na_filter=False,
        skip_blank_lines=False,  # a blank line is a row, so row numbers stay line numbers
        on_bad_lines="warn",
        encoding="utf-8",
        # Bad bytes become U+FFFD, found below in the few distinct values rather than in the whole text.
        encoding_errors="replace",
    )


def _data_rows(values: pd.Categorical) -> tuple[str, pd.Categorical]:
    """A parsed column's header value, and its data rows with only the values they hold as categories."""
    codes, cats = values.codes, values.categories
    if not len(codes):
        return "", _blank(0)
    first, rest = int(codes[0]), codes[1:]
    if len(rest) and (rest == first).any():
        return str(cats[first]), pd.Categorical.from_codes(rest, categories=cats)
    # The header's value is not a data value: drop it, so categories are exactly the values read.
    keep = np.delete(np.arange(len(cats)), first)
    rest = rest - (rest > first).astype(rest.dtype)
    return str(cats[first]), pd.Categorical.from_codes(rest, categories=cats[keep])


def _blank(n: int) -> pd.Categorical:
    """n empty values: a column the file does not have."""
    return pd.Categorical.from_codes(np.zeros(n, np.int8), categories=pd.Index([""] if n else [], dtype=object))


def _holds(column: pd.Categorical, text: str) -> bool:
    cats = column.categories
    return bool(len(cats)) and bool(cats.str.contains(text, regex=False).any())


def _is_utf8(path: Path) -> bool:
    """Whether the file is UTF-8 text, read a chunk at a time (a U+FFFD may be in the text itself)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(_CHUNK), b""):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_EOF_IN_QUOTES = re.compile(r"EOF inside string starting at row (\d+)")


def _unreadable(shown: str, message: str) -> Problem:
    """What pandas could not parse, said for a person, at the line where it started."""
    m = _EOF_IN_QUOTES.search(message)
    if m:
        return Problem(
            shown,
            int(m.group(1)) + 1,
            None,
            "",
            'a quoted value opens here with " and is never closed: close it, or remove the stray quote',
            code="unclosed-quote",
        )
    return Problem(shown, 1, None, "", f"cannot be read as CSV: {message[:200]}", code="unreadable")


def _data_lines(source: Path | io.BytesIO) -> int:
    """Rows a file holds, counted as lines after the header, when it cannot be parsed."""
    raw = source.getvalue() if isinstance(source, io.BytesIO) else source.read_bytes()
    return max(0, len(raw.rstrip(b"\r\n").splitlines()) - 1)


def _header_problems(shown: str, header: list[str]) -> list[Problem]:
    out = []
    expected = ", ".join(COLUMNS)
    if "\ufffd" in "".join(header):
        return [Problem(shown, 1, None, "", "not UTF-8 text: save the file as CSV UTF-8", code="not-utf8")]
    for name, n in Counter(header).items():
        if n > 1:
            out.append(Problem(shown, 1, None, name, "the column appears more than once", code="duplicate-column"))
    for name in header:
        if name not in COLUMNS:
            out.append(
                Problem(
                    shown,
                    1,
                    None,
                    name,
                    f"unknown column: refused, because an extra column may identify someone (columns: {expected})",
                    code="unknown-column",
                )
            )
    for name in COLUMNS:
        if name not in header:
            out.append(Problem(shown, 1, None, name, "required column is missing", code="missing-column"))
    return out


def _line_numbers(columns: dict[str, pd.Categorical], n: int, skipped: list[int]) -> np.ndarray:
    """The line each parsed row starts on, allowing for rows pandas skipped and newlines inside quotes."""
    total = n + len(skipped)
    records = np.arange(2, total + 2)
    kept = np.setdiff1d(records, np.asarray(skipped, dtype=np.int64)) if skipped else records
    # Only the few distinct values are searched for line breaks; most files have none.
    broken = [c for c in COLUMNS if _holds(columns[c], "\n")]
    if not broken:
        return kept.astype(np.int64)
    newlines = np.zeros(total + 2, np.int64)
    for c in broken:
        per_cat = columns[c].categories.str.count("\n").to_numpy(dtype=np.int64)
        newlines[kept] += per_cat[columns[c].codes]
    before = np.cumsum(newlines) - newlines  # newlines in the records before each record
    return (kept + before[kept]).astype(np.int64)


def _record_lines(line: np.ndarray, n: int, skipped: list[int]) -> np.ndarray:
    """Line numbers for skipped records: their record number, shifted like the parsed row before them."""
    if not skipped:
        return np.zeros(0, np.int64)
    rec = np.asarray(skipped, dtype=np.int64)
    records = np.setdiff1d(np.arange(2, n + len(skipped) + 2), rec)
    shift = line - records  # newlines inside quotes before each parsed row
    pos = np.searchsorted(records, rec) - 1
    return rec + np.where(pos >= 0, shift[np.clip(pos, 0, None)] if len(shift) else 0, 0)
