"""The self-assessment page and its offline workbooks, as generated files.

site_src/assets/assessment/ (ES modules) make the page the interactive questionnaire, reading assessment.json
(generator.site.assessment_data) and the benchmark JSON at run time. Without JavaScript the page points to the
printable checklist, its own page so that the interactive page does not carry every question twice.
"""

from __future__ import annotations

from importlib.metadata import version

from generator.framework import answers
from generator.framework.model import Model
from generator.site import paths
from generator.site.cache import cached
from generator.site.pages import framework_page
from generator.site.templating import ENGLISH, Language


def _libs() -> str:
    return f"openpyxl {version('openpyxl')} odfpy {version('odfpy')}"


def workbook_names(model: Model) -> tuple[str, str]:
    """File names of the XLSX and ODS workbooks, beside the page."""
    stem = f"{model.framework.id}-self-assessment"
    return f"{stem}.xlsx", f"{stem}.ods"


def workbooks(model: Model) -> dict[str, bytes]:
    """Both workbooks, by file name."""
    from generator.site import workbook  # here: the page alone never loads the spreadsheet writers

    xlsx_name, ods_name = workbook_names(model)
    key = model.model_dump_json()
    code = (workbook.__name__, *workbook.MODULES, answers.__name__)
    return {
        xlsx_name: cached("workbooks", "xlsx" + key, lambda: workbook.xlsx(model), code=code, library=_libs()),
        ods_name: cached("workbooks", "ods" + key, lambda: workbook.ods(model), code=code, library=_libs()),
    }


def files(model: Model) -> dict[str, str | bytes]:
    """The page and both workbooks, keyed by path under the docs directory."""
    books = workbooks(model)
    out: dict[str, str | bytes] = {
        paths.ASSESSMENT: page(model, {n: len(b) for n, b in books.items()}),
        paths.CHECKLIST: checklist(model),
    }
    out.update({paths.assessment_file(name): data for name, data in books.items()})
    return out


def page(model: Model, sizes: dict[str, int], language: Language = ENGLISH, notices: list[str] | None = None) -> str:
    """The page in `language` (its workbooks, in the default language only, are named by `sizes`)."""
    xlsx_name, ods_name = workbook_names(model)
    return framework_page(
        "assessment.md.j2",
        model,
        language.paths.ASSESSMENT,
        language,
        notices,
        xlsx_name=xlsx_name,
        xlsx_size=human_size(sizes[xlsx_name]),
        ods_name=ods_name if ods_name in sizes else None,
        ods_size=human_size(sizes.get(ods_name, 0)),
    )


def checklist(model: Model, language: Language = ENGLISH, notices: list[str] | None = None) -> str:
    """Every question and its answers, to tick on paper."""
    fw = model.framework
    return framework_page(
        "checklist.md.j2",
        model,
        language.paths.CHECKLIST,
        language,
        notices,
        minimum_answers=fw.scoring.minimum_answers,
        crossing_titles={cv.id: cv.title for cv in fw.crossing.values} if fw.crossing else {},
    )


def human_size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"
