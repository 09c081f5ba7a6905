"""The self-assessment page and its offline workbooks, as generated files.

The page is a printable checklist that works without JavaScript; site_src/assets/assessment.js turns it
into the interactive questionnaire, reading framework.json (and the benchmark JSON) at run time.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from . import render, workbook
from .cache import cached
from .model import Model

PAGE = render.ASSESSMENT_PATH
BENCHMARKS_JSON = "benchmarks/benchmarks.json"
# What the page loads beyond the theme: the self-assessment's modules (main.js and what it imports) and styles.
ASSETS = (
    "assets/assessment/main.js",
    "assets/assessment/app.js",
    "assets/assessment/answers.js",
    "assets/assessment/dom.js",
    "assets/assessment/framework.js",
    "assets/assessment/scoring.js",
    "assets/assessment/storage.js",
    "assets/assessment/roadmap.js",
    "assets/assessment/questionnaire-view.js",
    "assets/assessment/result-view.js",
    "assets/assessment/roadmap-view.js",
    "assets/assessment/compare-view.js",
    "assets/assessment/save-view.js",
    "assets/assessment/import-export.js",
    "assets/assessment/print.js",
    "assets/assessment.css",
)
# The budget for the page's own JavaScript, CSS and data, gzipped.
PAYLOAD_BUDGET = 100 * 1024


def _libs() -> str:
    from importlib.metadata import version

    return f"openpyxl {version('openpyxl')} odfpy {version('odfpy')}"


def workbook_names(model: Model) -> tuple[str, str]:
    """File names of the XLSX and ODS workbooks, beside the page."""
    stem = f"{model.framework.id}-self-assessment"
    return f"{stem}.xlsx", f"{stem}.ods"


def files(model: Model) -> dict[str, str | bytes]:
    """The page and both workbooks, keyed by path under the docs directory."""
    xlsx_name, ods_name = workbook_names(model)
    key = model.model_dump_json()
    code = ("workbook", "scoring", "render")
    books = {
        xlsx_name: cached("workbooks", "xlsx" + key, lambda: workbook.xlsx(model), code=code, library=_libs()),
        ods_name: cached("workbooks", "ods" + key, lambda: workbook.ods(model), code=code, library=_libs()),
    }
    out: dict[str, str | bytes] = {PAGE: page(model, {n: len(b) for n, b in books.items()})}
    out.update({f"assessment/{name}": data for name, data in books.items()})
    return out


def page(model: Model, sizes: dict[str, int]) -> str:
    fw = model.framework
    xlsx_name, ods_name = workbook_names(model)
    themes = [{"theme": th, "topics": model.topics_in(th)} for th in fw.themes]
    return render.render_template(
        "assessment.md.j2",
        fw=fw,
        levels=fw.levels,
        themes=themes,
        topic_count=len(model.topics),
        question_count=sum(len(t.questions) for t in model.topics),
        scoring_text=render.SCORING_TEXT[fw.scoring.rule],
        minimum_answers=fw.scoring.minimum_answers,
        crossing=fw.crossing,
        crossing_titles={cv.id: cv.title for cv in fw.crossing.values} if fw.crossing else {},
        topic_page=render.topic_path,
        framework_json=render.FRAMEWORK_JSON,
        benchmarks_json=BENCHMARKS_JSON,
        xlsx_name=xlsx_name,
        xlsx_size=human_size(sizes[xlsx_name]),
        ods_name=ods_name if ods_name in sizes else None,
        ods_size=human_size(sizes.get(ods_name, 0)),
    )


def human_size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def payload_sizes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Raw and gzipped bytes of what the self-assessment page loads beyond the theme: its script, styles and data."""
    out = {}
    for rel in (*ASSETS, render.FRAMEWORK_JSON, BENCHMARKS_JSON):
        path = site_dir / rel
        if path.is_file():
            data = path.read_bytes()
            out[rel] = (len(data), len(gzip.compress(data, compresslevel=9, mtime=0)))
    return out
