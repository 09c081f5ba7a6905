"""The offline self-assessment workbook: the framework as XLSX and ODS, with drop-downs and formulas.

One layout (sheets of cells, drop-down lists and formulas) is built from the model, then written by a
thin writer per format. Formulas differ only in how references and argument separators are spelt, so
the layout takes a Dialect. Both files are byte-identical for the same framework: zip entries get a
fixed date and the document properties use the framework's release date.
"""

from generator.site.workbook.cells import (
    FIRST_QUESTION_ROW,
    LISTS_SHEET,
    NA_TEXT,
    NO_LEVEL,
    NOT_SURE_TEXT,
    START_SHEET,
    SUMMARY_FIRST_ROW,
    SUMMARY_SHEET,
    ZIP_DATE,
    sheet_names,
)
from generator.site.workbook.layout import layout
from generator.site.workbook.ods import ods
from generator.site.workbook.xlsx import xlsx

# The modules whose code makes a workbook, for the build cache's key.
MODULES = tuple(f"{__name__}.{m}" for m in ("cells", "layout", "xlsx", "ods"))

__all__ = [
    "FIRST_QUESTION_ROW",
    "LISTS_SHEET",
    "MODULES",
    "NA_TEXT",
    "NO_LEVEL",
    "NOT_SURE_TEXT",
    "START_SHEET",
    "SUMMARY_FIRST_ROW",
    "SUMMARY_SHEET",
    "ZIP_DATE",
    "layout",
    "ods",
    "sheet_names",
    "xlsx",
]
