"""The workbook as Office Open XML (Excel and most spreadsheet programs), byte-identical for the same framework."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping

from openpyxl.utils import get_column_letter

from generator.framework.model import Model
from generator.site.workbook.cells import EXCEL, ZIP_DATE
from generator.site.workbook.layout import layout


def fixed_zip(data: bytes, rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
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
            if isinstance(cell.value, str) and not cell.formula:
                # openpyxl reads a string that starts with '=' as a formula: text from the framework stays text.
                target.data_type = "s"
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

    return fixed_zip(buf.getvalue(), {"docProps/core.xml": fix_modified})
