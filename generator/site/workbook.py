"""The offline self-assessment workbook: the framework as XLSX and ODS, with drop-downs and formulas.

One layout (sheets of cells, drop-down lists and formulas) is built from the model, then written by a
thin writer per format. Formulas differ only in how references and argument separators are spelt, so
the layout takes a Dialect. Both files are byte-identical for the same framework: zip entries get a
fixed date and the document properties use the framework's release date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from generator.framework.model import Model, Topic
from generator.site.pages import SCORING_TEXT
from generator.framework.answers import NOT_APPLICABLE, NOT_SURE

START_SHEET = "Start here"
SUMMARY_SHEET = "Summary"
LISTS_SHEET = "Answer lists"
NA_TEXT = "Not applicable"
NOT_SURE_TEXT = "Not sure"
# What the Level column shows for the two answers that are not levels; COUNT() skips text, so these never
# count as a level (never as zero).
NA_LEVEL = "not applicable"
NOT_SURE_LEVEL = "not sure"
NOT_AN_ANSWER = "not an answer"
NO_LEVEL = "No level yet"
FIRST_QUESTION_ROW = 6
SUMMARY_FIRST_ROW = 6
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Dialect:
    """How one spreadsheet format spells references, separators and formulas."""

    name: str
    sep: str

    def ref(self, sheet: str | None, a1: str) -> str:
        """A reference to a cell or range (A1 notation, `$` allowed), on another sheet when `sheet` is given."""
        if self.name == "excel":
            return f"{quote_sheet(sheet)}!{a1}" if sheet else a1
        start, _, end = a1.partition(":")
        where = f"${quote_sheet(sheet)}" if sheet else ""
        return f"[{where}.{start}" + (f":.{end}]" if end else "]")

    def call(self, name: str, *args: str) -> str:
        return f"{name}({self.sep.join(args)})"


EXCEL = Dialect("excel", ",")
OPENFORMULA = Dialect("openformula", ";")


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


@dataclass
class Cell:
    value: str | int | None = None
    formula: str | None = None  # without the leading '='
    style: str = "body"  # title, heading, body, answer, level
    validation: str | None = None  # a range reference that lists the allowed values


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (row, column), 1-based
    widths: dict[int, float] = field(default_factory=dict)
    hidden: bool = False
    hidden_columns: set[int] = field(default_factory=set)

    def put(self, row: int, col: int, value: str | int | None = None, **kw) -> Cell:
        cell = Cell(value=value, **kw)
        self.cells[(row, col)] = cell
        return cell

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=1)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=1)


@dataclass
class Book:
    sheets: list[Sheet]
    title: str
    created: dt.datetime


def a1(row: int, col: int, absolute: bool = False) -> str:
    d = "$" if absolute else ""
    return f"{d}{get_column_letter(col)}{d}{row}"


def a1_range(row1: int, col1: int, row2: int, col2: int) -> str:
    return f"{a1(row1, col1, True)}:{a1(row2, col2, True)}"


def sheet_names(model: Model) -> dict[str, str]:
    """A unique, valid sheet name (at most 31 characters) for each topic id."""
    taken = {START_SHEET.lower(), SUMMARY_SHEET.lower(), LISTS_SHEET.lower()}
    names = {}
    for topic in model.topics:
        base = _BAD_SHEET_CHARS.sub(" ", topic.title).strip(" '") or topic.id
        name, n = base[:31].strip(), 2
        while name.lower() in taken:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)].strip() + suffix, n + 1
        taken.add(name.lower())
        names[topic.id] = name
    return names


def _level_formula(d: Dialect, level_range: str, rule: str, minimum: int) -> str:
    """The scoring rule over a range of level cells; COUNT/SMALL/MIN skip the text of non-levels."""
    count = d.call("COUNT", level_range)
    if rule == "median":
        # The lower median: the k-th smallest with k = (n + 1) div 2, always one of the answered levels.
        pick = d.call("SMALL", level_range, d.call("INT", f"({count}+1)/2"))
    elif rule == "minimum":
        pick = d.call("MIN", level_range)
    else:  # the model allows no other rule
        raise ValueError(f"unknown scoring rule {rule!r}")
    return d.call("IF", f"{count}<{max(1, minimum)}", '""', pick)


def _answer_level(d: Dialect, answer: str, options: str, level_row: str) -> str:
    """The level an answer stands for, found by exact comparison with the question's options.

    MATCH would read ? * ~ (and, in LibreOffice, regular expressions) in answer text as patterns;
    EXACT compares the text as it is. The options start in column B of the lists sheet.
    """
    hits = d.call("EXACT", answer, options)
    count = d.call("SUMPRODUCT", f"{hits}*1")
    position = d.call("SUMPRODUCT", f"{hits}*({d.call('COLUMN', options)}-1)")
    found = d.call("IF", f"{count}=1", d.call("INDEX", level_row, position), f'"{NOT_AN_ANSWER}"')
    return d.call("IF", f'{answer}=""', '""', found)


def layout(model: Model, d: Dialect, answers: Mapping[str, int | str] | None = None) -> Book:
    """The whole workbook as data. `answers` (question id to level, 'na' or 'unknown') pre-fills it."""
    fw = model.framework
    answers = answers or {}
    names = sheet_names(model)
    levels = fw.levels
    n_opts = len(levels) + 2
    crossing = fw.crossing

    # Answer lists: row 1 holds what each option means as a level; each later row one question's options.
    lists = Sheet(LISTS_SHEET, hidden=True, widths={1: 30})
    lists.put(1, 1, "Level")
    for i, lv in enumerate(levels):
        lists.put(1, 2 + i, lv.number)
    lists.put(1, 2 + len(levels), NA_LEVEL)
    lists.put(1, 3 + len(levels), NOT_SURE_LEVEL)
    level_row = d.ref(LISTS_SHEET, a1_range(1, 2, 1, 1 + n_opts))
    list_row: dict[str, int] = {}
    for r, (_, q) in enumerate(model.questions(), start=2):
        list_row[q.id] = r
        lists.put(r, 1, q.id)
        for i, lv in enumerate(levels):
            lists.put(r, 2 + i, q.answers[lv.number])
        lists.put(r, 2 + len(levels), NA_TEXT)
        lists.put(r, 3 + len(levels), NOT_SURE_TEXT)

    start = Sheet(START_SHEET, widths={1: 14, 2: 28, 3: 90})
    start.put(1, 1, f"{fw.title}: self-assessment workbook", style="title")
    start.put(2, 1, f"Version {fw.version}, released {fw.released.isoformat()}. {fw.licence}.")
    how = [
        "How to use this workbook",
        "1. Open each topic sheet. For each question, choose the answer that describes your organisation today from the drop-down list in the 'Your answer' column.",
        f"2. If a question does not apply to you, choose '{NA_TEXT}'. If you cannot tell, choose '{NOT_SURE_TEXT}'. Neither counts as a level.",
        f"3. The '{SUMMARY_SHEET}' sheet works out your level for each topic as you go.",
        f"A topic's level is {SCORING_TEXT[fw.scoring.rule]}",
        f"A topic needs at least {fw.scoring.minimum_answers} answered question(s) to have a level.",
        "The workbook stays on your computer. Nothing is sent anywhere.",
    ]
    for i, line in enumerate(how):
        start.put(4 + i, 1, line, style="heading" if i == 0 else "body")
    levels_head = 4 + len(how) + 1
    start.put(levels_head, 1, "Level", style="heading")
    start.put(levels_head, 2, "Name", style="heading")
    start.put(levels_head, 3, "What it typically looks like", style="heading")
    for i, lv in enumerate(levels, start=levels_head + 1):
        start.put(i, 1, lv.number)
        start.put(i, 2, lv.name)
        start.put(i, 3, " ".join(lv.summary.split()), style="wrap")
    first_lv, last_lv = levels_head + 1, levels_head + len(levels)
    level_numbers = d.ref(START_SHEET, a1_range(first_lv, 1, last_lv, 1))
    level_names = d.ref(START_SHEET, a1_range(first_lv, 2, last_lv, 2))

    topic_sheets: list[Sheet] = []
    level_ranges: dict[str, str] = {}
    crossing_ranges: dict[tuple[str, str], str] = {}
    for topic in model.topics:
        ws, rng, cross = _topic_sheet(model, topic, names[topic.id], d, level_row, list_row, answers)
        topic_sheets.append(ws)
        level_ranges[topic.id] = rng
        crossing_ranges.update({(topic.id, cv): r for cv, r in cross.items()})

    summary = Sheet(SUMMARY_SHEET, widths={1: 28, 2: 34, 3: 11, 4: 11, 5: 15, 6: 11, 7: 9, 8: 22})
    summary.put(1, 1, "Summary: your level for each topic", style="title")
    summary.put(
        2, 1, f"Worked out from your answers on the topic sheets. A topic's level is {SCORING_TEXT[fw.scoring.rule]}"
    )
    summary.put(
        3,
        1,
        f"'{NO_LEVEL}' means fewer than {fw.scoring.minimum_answers} question(s) of the topic have a level as the answer.",
    )
    heads = ["Theme", "Topic", "Questions", "Answered", NA_TEXT, NOT_SURE_TEXT, "Level", "Level name"]
    for c, text in enumerate(heads, start=1):
        summary.put(SUMMARY_FIRST_ROW - 1, c, text, style="heading")
    rule, minimum = fw.scoring.rule, fw.scoring.minimum_answers
    for r, topic in enumerate(model.topics, start=SUMMARY_FIRST_ROW):
        rng = level_ranges[topic.id]
        summary.put(r, 1, model.theme_of(topic.id).title)
        summary.put(r, 2, topic.title)
        summary.put(r, 3, len(topic.questions))
        summary.put(r, 4, formula=d.call("COUNT", rng))
        summary.put(r, 5, formula=d.call("COUNTIF", rng, f'"{NA_LEVEL}"'))
        summary.put(r, 6, formula=d.call("COUNTIF", rng, f'"{NOT_SURE_LEVEL}"'))
        summary.put(r, 7, formula=_level_formula(d, rng, rule, minimum), style="level")
        level_cell = d.ref(None, a1(r, 7))
        name = d.call("INDEX", level_names, d.call("MATCH", level_cell, level_numbers, "0"))
        summary.put(r, 8, formula=d.call("IF", f'{level_cell}=""', f'"{NO_LEVEL}"', name))
    if crossing:
        top = SUMMARY_FIRST_ROW + len(model.topics) + 2
        summary.put(top, 1, f"Your level for each topic and {crossing.name.lower()}", style="heading")
        summary.put(top + 1, 1, "Topic", style="heading")
        for c, cv in enumerate(crossing.values, start=2):
            summary.put(top + 1, c, cv.title, style="heading")
            summary.widths[c] = max(summary.widths.get(c, 11), 14)
        for r, topic in enumerate(model.topics, start=top + 2):
            summary.put(r, 1, topic.title)
            for c, cv in enumerate(crossing.values, start=2):
                rng = crossing_ranges.get((topic.id, cv.id))
                if rng is None:
                    summary.put(r, c, "no questions")
                else:
                    summary.put(r, c, formula=_level_formula(d, rng, rule, minimum), style="level")

    return Book(
        sheets=[start, summary, *topic_sheets, lists],
        title=f"{fw.title}: self-assessment workbook",
        created=dt.datetime.combine(fw.released, dt.time()),
    )


def _topic_sheet(
    model: Model,
    topic: Topic,
    name: str,
    d: Dialect,
    level_row: str,
    list_row: Mapping[str, int],
    answers: Mapping[str, int | str],
) -> tuple[Sheet, str, dict[str, str]]:
    fw = model.framework
    crossing = fw.crossing
    ws = Sheet(name, widths={1: 60, 2: 60, 3: 16})
    ws.put(1, 1, topic.title, style="title")
    ws.put(2, 1, f"Theme: {model.theme_of(topic.id).title}")
    ws.put(3, 1, " ".join(topic.summary.split()), style="wrap")
    ws.put(4, 1, "Choose one answer for each question from the drop-down list in the 'Your answer' column.")
    heads = ["Question", "Your answer", "Level"] + ([crossing.name] if crossing else [])
    for c, text in enumerate(heads, start=1):
        ws.put(FIRST_QUESTION_ROW - 1, c, text, style="heading")
    if crossing:
        ws.widths[4] = 18
    cross_rows: dict[str, list[int]] = {}
    by_level = {lv.number: lv for lv in fw.levels}
    for r, q in enumerate(topic.questions, start=FIRST_QUESTION_ROW):
        text = q.text + (f"\n{' '.join(q.hint.split())}" if q.hint else "")
        ws.put(r, 1, text, style="wrap")
        options = d.ref(LISTS_SHEET, a1_range(list_row[q.id], 2, list_row[q.id], 1 + len(fw.levels) + 2))
        given = answers.get(q.id)
        value = (
            NA_TEXT
            if given == NOT_APPLICABLE
            else NOT_SURE_TEXT
            if given == NOT_SURE
            else q.answers[given]
            if isinstance(given, int) and given in by_level
            else None
        )
        ws.put(r, 2, value, style="answer", validation=options)
        answer = d.ref(None, a1(r, 2))
        ws.put(r, 3, formula=_answer_level(d, answer, options, level_row))
        if crossing and q.crossing:
            ws.put(r, 4, next(cv.title for cv in crossing.values if cv.id == q.crossing))
            cross_rows.setdefault(q.crossing, []).append(r)
    last = FIRST_QUESTION_ROW + len(topic.questions) - 1
    notes_row = last + 2
    ws.put(notes_row, 1, "Notes on this topic (optional)", style="heading")
    ws.put(notes_row, 2, None, style="answer")
    level_range = d.ref(name, a1_range(FIRST_QUESTION_ROW, 3, last, 3))
    # One hidden column per crossing value repeats the levels of that value's questions, so the summary
    # can apply the rule to them with the same plain formula.
    cross_ranges: dict[str, str] = {}
    if crossing:
        for i, cv in enumerate(crossing.values):
            rows = cross_rows.get(cv.id)
            if not rows:
                continue
            col = 6 + i
            ws.hidden_columns.add(col)
            ws.put(FIRST_QUESTION_ROW - 1, col, f"Level for {cv.title}", style="heading")
            for r in rows:
                ws.put(r, col, formula=d.ref(None, a1(r, 3)))
            cross_ranges[cv.id] = d.ref(name, a1_range(FIRST_QUESTION_ROW, col, last, col))
    return ws, level_range, cross_ranges


def _fixed_zip(data: bytes, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same zip with every entry dated ZIP_DATE (and some entries rewritten), so equal content gives equal bytes."""
    out = io.BytesIO()
    rewrite = rewrite or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_DATE)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename in rewrite:
                content = rewrite[info.filename](content)
            dst.writestr(fixed, content)
    return out.getvalue()


def xlsx(model: Model, answers: Mapping[str, int | str] | None = None) -> bytes:
    """The workbook as Office Open XML (Excel and most spreadsheet programs)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = layout(model, EXCEL, answers)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = book.title
    wb.properties.creator = model.framework.title
    wb.properties.created = book.created
    wb.properties.modified = book.created
    styles = {
        "title": (Font(bold=True, size=14), Alignment(vertical="top")),
        "heading": (Font(bold=True), Alignment(vertical="top", wrap_text=True)),
        "wrap": (None, Alignment(vertical="top", wrap_text=True)),
        "answer": (None, Alignment(vertical="top", wrap_text=True)),
        "level": (Font(bold=True), Alignment(vertical="top")),
        "body": (None, Alignment(vertical="top")),
    }
    answer_fill = PatternFill("solid", fgColor="FFF7D6")
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        if sheet.hidden:
            ws.sheet_state = "hidden"
        for col, width in sheet.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        for col in sheet.hidden_columns:
            ws.column_dimensions[get_column_letter(col)].hidden = True
        validations: dict[str, DataValidation] = {}
        for (r, c), cell in sorted(sheet.cells.items()):
            target = ws.cell(row=r, column=c, value=f"={cell.formula}" if cell.formula else cell.value)
            font, align = styles[cell.style]
            if font:
                target.font = font
            target.alignment = align
            if cell.style == "answer":
                target.fill = answer_fill
            if cell.validation:
                dv = validations.get(cell.validation)
                if dv is None:
                    dv = DataValidation(
                        type="list",
                        formula1=cell.validation,
                        allow_blank=True,
                        showErrorMessage=True,
                        errorTitle="Choose from the list",
                        error="Choose one of the answers in the drop-down list.",
                    )
                    validations[cell.validation] = dv
                    ws.add_data_validation(dv)
                dv.add(target.coordinate)
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps the time of saving as the modified date; use the release date instead.
    stamp = f"{book.created.isoformat()}Z".encode()

    def fix_modified(xml: bytes) -> bytes:
        return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", xml)

    return _fixed_zip(buf.getvalue(), {"docProps/core.xml": fix_modified})


def ods(model: Model, answers: Mapping[str, int | str] | None = None) -> bytes:
    """The workbook as OpenDocument (the UK government's open standard for spreadsheets)."""
    from odf.dc import Title
    from odf.element import Element
    from odf.meta import CreationDate
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import ParagraphProperties, Style, TableCellProperties, TableColumnProperties, TextProperties
    from odf.style import TableProperties as StyleTableProperties
    from odf.table import (
        CalculationSettings,
        ContentValidation,
        ContentValidations,
        ErrorMessage,
        Table,
        TableCell,
        TableColumn,
        TableRow,
    )
    from odf.text import P

    book = layout(model, OPENFORMULA, answers)
    # odfpy keeps the namespaces it has seen in one dict shared by every document in the process, and
    # declares all of them: start from none so the output does not depend on what ran before.
    Element.namespaces.clear()
    doc = OpenDocumentSpreadsheet()
    # Answer text can hold brackets, dots, ? or *: MATCH must compare it as plain text.
    doc.spreadsheet.addElement(
        CalculationSettings(useregularexpressions="false", usewildcards="false", casesensitive="false")
    )

    def cell_style(name: str, bold: bool = False, size: str | None = None, fill: str | None = None) -> Style:
        st = Style(name=name, family="table-cell")
        props = {"verticalalign": "top", "wrapoption": "wrap"}
        if fill:
            props["backgroundcolor"] = fill
        st.addElement(TableCellProperties(**props))
        text = {"fontweight": "bold"} if bold else {}
        if size:
            text["fontsize"] = size
        if text:
            st.addElement(TextProperties(**text))
        st.addElement(ParagraphProperties())
        doc.automaticstyles.addElement(st)
        return st

    cell_styles = {
        "title": cell_style("title", bold=True, size="14pt"),
        "heading": cell_style("heading", bold=True),
        "wrap": cell_style("wrap"),
        "answer": cell_style("answer", fill="#fff7d6"),
        "level": cell_style("level", bold=True),
        "body": cell_style("body"),
    }
    shown = Style(name="shown", family="table")
    shown.addElement(StyleTableProperties(display="true"))
    hidden = Style(name="hidden", family="table")
    hidden.addElement(StyleTableProperties(display="false"))
    doc.automaticstyles.addElement(shown)
    doc.automaticstyles.addElement(hidden)
    col_styles: dict[float, Style] = {}

    def col_style(width: float) -> Style:
        if width not in col_styles:
            st = Style(name=f"col{len(col_styles) + 1}", family="table-column")
            # Spreadsheet widths are in characters; about 0.2 cm each reads the same in both formats.
            st.addElement(TableColumnProperties(columnwidth=f"{width * 0.2:.2f}cm"))
            doc.automaticstyles.addElement(st)
            col_styles[width] = st
        return col_styles[width]

    validations = ContentValidations()
    validation_names: dict[str, str] = {}
    tables = []
    for sheet in book.sheets:
        table = Table(name=sheet.name, stylename=hidden if sheet.hidden else shown)
        for col in range(1, sheet.max_col + 1):
            kw = {"stylename": col_style(sheet.widths.get(col, 12))}
            if col in sheet.hidden_columns:
                kw["visibility"] = "collapse"
            table.addElement(TableColumn(**kw))
        for r in range(1, sheet.max_row + 1):
            row = TableRow()
            for c in range(1, sheet.max_col + 1):
                cell = sheet.cells.get((r, c))
                if cell is None:
                    row.addElement(TableCell())
                    continue
                kw = {"stylename": cell_styles[cell.style]}
                if cell.validation:
                    if cell.validation not in validation_names:
                        vname = f"answers{len(validation_names) + 1}"
                        validation_names[cell.validation] = vname
                        v = ContentValidation(
                            name=vname,
                            condition=f"of:cell-content-is-in-list({cell.validation})",
                            allowemptycell="true",
                            displaylist="unsorted",
                        )
                        v.addElement(ErrorMessage(display="true", messagetype="stop", title="Choose from the list"))
                        validations.addElement(v)
                    kw["contentvalidationname"] = validation_names[cell.validation]
                if cell.formula:
                    tc = TableCell(formula=f"of:={cell.formula}", **kw)
                elif isinstance(cell.value, int):
                    tc = TableCell(valuetype="float", value=cell.value, **kw)
                    tc.addElement(P(text=str(cell.value)))
                elif cell.value is not None:
                    tc = TableCell(valuetype="string", **kw)
                    for line in str(cell.value).split("\n"):
                        tc.addElement(P(text=line))
                else:
                    tc = TableCell(**kw)
                row.addElement(tc)
            table.addElement(row)
        tables.append(table)
    if validation_names:
        doc.spreadsheet.addElement(validations)
    for table in tables:
        doc.spreadsheet.addElement(table)
    doc.meta.addElement(Title(text=book.title))
    doc.meta.addElement(CreationDate(text=book.created.isoformat()))
    buf = io.BytesIO()
    doc.write(buf)
    return _fixed_zip(buf.getvalue())
