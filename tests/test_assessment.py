"""The self-assessment page and the offline workbooks: structure, formulas that score like Python, determinism."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from devtools import bench_assessment
from generator.framework.answers import NOT_APPLICABLE, NOT_SURE, topic_level
from generator.framework.load import load_framework
from generator.framework.model import Model
from generator.inputs import Inputs
from generator.site import assessment, paths, workbook
from generator.site.content import content

from .conftest import ROOT, build
from .factory import framework_dict, write_framework

SHAPES = {
    "median-1-to-5-crossing": dict(topics=3, questions=5, crossing=True),
    "minimum-0-to-3": dict(start=0, n_levels=4, topics=2, questions=4, rule="minimum"),
    "median-7-levels-japanese": dict(n_levels=7, topics=2, questions=6, japanese=True),
}
ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def model_of(tmp_path: Path, minimum_answers: int = 1, tricky: bool = False, **shape) -> Model:
    fw, topics = framework_dict(**shape)
    fw["scoring"]["minimum_answers"] = minimum_answers
    if tricky:
        # Characters that regular expressions or spreadsheet wildcards treat specially, in every answer.
        for topic in topics.values():
            for q in topic["questions"]:
                q["answers"] = {
                    n: f"{text} (Mostly.) Is it? *Sometimes* ~ [a-z]+ ^$ 'quoted'" for n, text in q["answers"].items()
                }
    return load_framework(write_framework(tmp_path / "fw", fw, topics))


def random_answers(model: Model, rng: random.Random, blank: float = 0.2) -> dict:
    values = [*model.level_numbers, NOT_APPLICABLE, NOT_SURE]
    return {q.id: rng.choice(values) for _, q in model.questions() if rng.random() > blank}


def expected_levels(model: Model, answers: dict) -> dict[str, int | None]:
    rule, minimum = model.framework.scoring.rule, model.framework.scoring.minimum_answers
    return {
        t.id: topic_level([answers[q.id] for q in t.questions if q.id in answers], rule, minimum) for t in model.topics
    }


def expected_matrix(model: Model, answers: dict) -> dict[tuple[str, str], int | None]:
    rule, minimum = model.framework.scoring.rule, model.framework.scoring.minimum_answers
    out = {}
    for t in model.topics:
        for cv in model.framework.crossing.values:
            qs = [q for q in t.questions if q.crossing == cv.id]
            if qs:
                out[(t.id, cv.id)] = topic_level([answers[q.id] for q in qs if q.id in answers], rule, minimum)
    return out


def as_level(value) -> int | None:
    """A computed Level cell: a number, or empty text when the topic has no level yet."""
    if value in (None, ""):
        return None
    assert float(value) == int(value), value
    return int(value)


def summary_levels(model: Model, get) -> dict[str, int | None]:
    """Topic levels read from the Summary sheet through `get(sheet, cell)`."""
    return {
        t.id: as_level(get(workbook.SUMMARY_SHEET, f"G{workbook.SUMMARY_FIRST_ROW + i}"))
        for i, t in enumerate(model.topics)
    }


def summary_matrix(model: Model, get) -> dict[tuple[str, str], int | None]:
    top = workbook.SUMMARY_FIRST_ROW + len(model.topics) + 2
    out = {}
    for r, t in enumerate(model.topics, start=top + 2):
        for c, cv in enumerate(model.framework.crossing.values, start=2):
            value = get(workbook.SUMMARY_SHEET, f"{openpyxl.utils.get_column_letter(c)}{r}")
            if value != "no questions":
                out[(t.id, cv.id)] = as_level(value)
    return out


# ---------- structure ----------


@pytest.mark.parametrize("shape", list(SHAPES))
def test_xlsx_has_a_sheet_per_topic_with_a_drop_down_of_every_answer(shape, tmp_path):
    model = model_of(tmp_path, **SHAPES[shape])
    wb = openpyxl.load_workbook(io.BytesIO(workbook.xlsx(model)))
    names = workbook.sheet_names(model)
    assert wb.sheetnames == [workbook.START_SHEET, workbook.SUMMARY_SHEET, *names.values(), workbook.LISTS_SHEET]
    assert wb[workbook.LISTS_SHEET].sheet_state == "hidden"
    lists = wb[workbook.LISTS_SHEET]
    for topic in model.topics:
        ws = wb[names[topic.id]]
        validations = {str(cell): dv for dv in ws.data_validations.dataValidation for cell in dv.sqref}
        for row, q in enumerate(topic.questions, start=workbook.FIRST_QUESTION_ROW):
            assert ws[f"A{row}"].value.startswith(q.text)
            dv = validations[f"B{row}"]
            assert dv.type == "list" and dv.showErrorMessage
            sheet, rng = dv.formula1.split("!")
            assert sheet == f"'{workbook.LISTS_SHEET}'"
            options = [c.value for c in lists[rng.replace("$", "")][0]]
            want = [q.answers[n] for n in model.level_numbers] + [workbook.NA_TEXT, workbook.NOT_SURE_TEXT]
            assert options == want
            assert ws[f"C{row}"].value.startswith("=IF(")


def test_ods_has_a_sheet_per_topic_with_a_drop_down_of_every_answer(tmp_path):
    model = model_of(tmp_path, **SHAPES["median-1-to-5-crossing"])
    with zipfile.ZipFile(io.BytesIO(workbook.ods(model))) as z:
        assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert z.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        root = ET.fromstring(z.read("content.xml"))
    t = f"{{{ODS_NS['table']}}}"
    conditions = {v.get(t + "name"): v.get(t + "condition") for v in root.iter(t + "content-validation")}
    settings = next(root.iter(t + "calculation-settings"))
    assert settings.get(t + "use-regular-expressions") == "false" and settings.get(t + "use-wildcards") == "false"
    tables = {tb.get(t + "name"): tb for tb in root.iter(t + "table")}
    names = workbook.sheet_names(model)
    assert list(tables) == [workbook.START_SHEET, workbook.SUMMARY_SHEET, *names.values(), workbook.LISTS_SHEET]

    def rows(table):
        return [[("".join(c.itertext()), c) for c in r.iter(t + "table-cell")] for r in table.iter(t + "table-row")]

    lists = rows(tables[workbook.LISTS_SHEET])
    for topic in model.topics:
        sheet = rows(tables[names[topic.id]])
        for i, q in enumerate(topic.questions):
            text, cell = sheet[workbook.FIRST_QUESTION_ROW - 1 + i][1]
            condition = conditions[cell.get(t + "content-validation-name")]
            m = re.fullmatch(r"of:cell-content-is-in-list\(\[\$'Answer lists'\.\$B\$(\d+):\.\$(\w)\$\1\]\)", condition)
            assert m, condition
            options = [v for v, _ in lists[int(m.group(1)) - 1][1:]]
            assert options == [q.answers[n] for n in model.level_numbers] + [workbook.NA_TEXT, workbook.NOT_SURE_TEXT]
            level = sheet[workbook.FIRST_QUESTION_ROW - 1 + i][2][1]
            assert level.get(t + "formula").startswith("of:=IF(")


def test_sheet_names_are_unique_valid_and_short(tmp_path):
    fw, topics = framework_dict(topics=4)
    titles = ["Data: what/where? [draft]", "A very long topic title that goes well past thirty-one characters", "", ""]
    titles[2] = titles[1]
    titles[3] = "summary"
    for tid, title in zip(topics, titles, strict=True):
        topics[tid]["title"] = title or "x"
    model = load_framework(write_framework(tmp_path / "fw", fw, topics))
    names = list(workbook.sheet_names(model).values())
    reserved = {workbook.START_SHEET.lower(), workbook.SUMMARY_SHEET.lower(), workbook.LISTS_SHEET.lower()}
    assert len({n.lower() for n in names} | reserved) == len(names) + len(reserved)
    for n in names:
        assert 0 < len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n)
    # The workbook with these names opens and works.
    wb = openpyxl.load_workbook(io.BytesIO(workbook.xlsx(model)))
    assert wb.sheetnames[2:-1] == names


# ---------- formulas score like Python ----------


def calculate_xlsx(data: bytes, tmp_path: Path):
    """Evaluate every formula with the `formulas` engine; returns get(sheet, cell)."""
    import formulas  # the test extra installs it; a missing engine fails rather than skips

    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, ranges in solution.items():
        m = re.fullmatch(r"'\[book\.xlsx\](.+)'!([A-Z]+\d+)", key)
        if m:
            values[(m.group(1), m.group(2))] = ranges.value[0][0]

    def get(sheet: str, cell: str):
        v = values.get((sheet.upper(), cell))
        return "" if v is None or str(v) in ("", "empty") else v

    return get


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("minimum_answers", [1, 2])
def test_xlsx_formulas_score_like_python(shape, minimum_answers, tmp_path):
    model = model_of(tmp_path, minimum_answers=minimum_answers, tricky=minimum_answers == 2, **SHAPES[shape])
    rng = random.Random(f"{shape}-{minimum_answers}")
    for n in range(3):
        answers = random_answers(model, rng, blank=0.1 + 0.2 * n)
        get = calculate_xlsx(workbook.xlsx(model, answers), tmp_path)
        assert summary_levels(model, get) == expected_levels(model, answers)
        for i, t in enumerate(model.topics):
            row = workbook.SUMMARY_FIRST_ROW + i
            given = [answers.get(q.id) for q in t.questions]
            assert get(workbook.SUMMARY_SHEET, f"D{row}") == sum(isinstance(a, int) for a in given)
            assert get(workbook.SUMMARY_SHEET, f"E{row}") == given.count(NOT_APPLICABLE)
            assert get(workbook.SUMMARY_SHEET, f"F{row}") == given.count(NOT_SURE)
            level = expected_levels(model, answers)[t.id]
            name = model.level(level).name if level is not None else workbook.NO_LEVEL
            assert get(workbook.SUMMARY_SHEET, f"H{row}") == name
        if model.framework.crossing:
            assert summary_matrix(model, get) == expected_matrix(model, answers)


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed; the formulas engine test covers XLSX"
)
@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_workbooks_recalculate_in_libreoffice(kind, tmp_path):
    model = model_of(tmp_path, tricky=True, **SHAPES["median-1-to-5-crossing"])
    answers = random_answers(model, random.Random(kind))
    src = tmp_path / f"in.{kind}"
    src.write_bytes(getattr(workbook, kind)(model, answers))
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    wb = openpyxl.load_workbook(out / "in.xlsx", data_only=True)

    def get(sheet: str, cell: str):
        v = wb[sheet][cell].value
        return "" if v is None else v

    assert summary_levels(model, get) == expected_levels(model, answers)
    assert summary_matrix(model, get) == expected_matrix(model, answers)


# ---------- determinism ----------


def test_workbooks_are_byte_identical_between_builds(tmp_path):
    model = load_framework(ROOT / "framework")
    first = {kind: getattr(workbook, kind)(model) for kind in ("xlsx", "ods")}
    time.sleep(1.1)  # zip entries and document properties carry times to the second
    # A fresh process, with none of this one's library state, must write the same bytes.
    script = (
        "import sys; from pathlib import Path; from generator.site import workbook; from generator.framework.load import load_framework; "
        "m = load_framework(Path(sys.argv[1])); Path(sys.argv[2]).write_bytes(workbook.xlsx(m)); "
        "Path(sys.argv[3]).write_bytes(workbook.ods(m))"
    )
    out = [tmp_path / "fresh.xlsx", tmp_path / "fresh.ods"]
    subprocess.run([sys.executable, "-c", script, str(ROOT / "framework"), *map(str, out)], check=True, cwd=ROOT)
    again = load_framework(ROOT / "framework")
    for kind, fresh in zip(("xlsx", "ods"), out, strict=True):
        assert getattr(workbook, kind)(again) == first[kind], kind
        assert fresh.read_bytes() == first[kind], kind
        with zipfile.ZipFile(io.BytesIO(first[kind])) as z:
            assert {i.date_time for i in z.infolist()} == {workbook.ZIP_DATE}
    props = openpyxl.load_workbook(io.BytesIO(workbook.xlsx(model))).properties
    assert props.created.date() == props.modified.date() == model.framework.released


# ---------- the page ----------


def test_site_has_the_page_and_both_workbooks(tmp_path):
    model = model_of(tmp_path, **SHAPES["median-1-to-5-crossing"])
    out = content(Inputs(model=model, results_dir=tmp_path / "none")).files
    xlsx_name, ods_name = assessment.workbook_names(model)
    assert out[f"assessment/{xlsx_name}"][:2] == b"PK"
    assert out[f"assessment/{ods_name}"][:2] == b"PK"
    page = out[paths.ASSESSMENT]
    assert f"]({xlsx_name})" in page and f"]({ods_name})" in page


def test_checklist_shows_html_in_framework_text_as_text(tmp_path):
    fw, topics = framework_dict(topics=1, questions=2)
    topics["topic-0"]["questions"][0]["text"] = "Is <img src=x onerror=alert(1)> shown as text?"
    topics["topic-0"]["questions"][1]["answers"][1] = "<script>alert(2)</script> never runs"
    (tmp_path / "results").mkdir()
    site = build(write_framework(tmp_path / "fw", fw, topics), tmp_path / "site", tmp_path / "results")
    html = (site / "assessment" / "checklist" / "index.html").read_text(encoding="utf-8")
    checklist = html[html.index('class="dmf-paper"') :]
    assert "&lt;img src=x onerror=alert(1)&gt;" in checklist or "&lt;img src=x onerror=alert(1)>" in checklist
    assert "<img src=x" not in checklist and "<script>alert" not in checklist


def test_page_script_styles_and_data_stay_within_budget(shipped_site):
    sizes = bench_assessment.payload_sizes(shipped_site)
    assert set(bench_assessment.assets(shipped_site)) <= set(sizes) and len(sizes) > 3 and "assessment.json" in sizes
    total = sum(gz for _, gz in sizes.values())
    print("self-assessment payload, gzipped:", {k: gz for k, (_, gz) in sizes.items()}, "total", total)
    assert total < bench_assessment.PAYLOAD_BUDGET
