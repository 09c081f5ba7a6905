"""The workbook as OpenDocument (the UK government's open standard for spreadsheets)."""

from __future__ import annotations

import io
from collections.abc import Mapping

from generator.framework.model import Model
from generator.site.workbook.cells import OPENFORMULA
from generator.site.workbook.layout import layout
from generator.site.workbook.xlsx import fixed_zip


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
        max_row, max_col = sheet.max_row, sheet.max_col  # each a pass over every cell: once per sheet
        for col in range(1, max_col + 1):
            kw = {"stylename": col_style(sheet.widths.get(col, 12))}
            if col in sheet.hidden_columns:
                kw["visibility"] = "collapse"
            table.addElement(TableColumn(**kw))
        for r in range(1, max_row + 1):
            row = TableRow()
            for c in range(1, max_col + 1):
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
    return fixed_zip(buf.getvalue())
