"""The workbook's layout from the model: a start sheet, a summary, one sheet per topic and the answer lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from generator.framework.answers import NOT_APPLICABLE, NOT_SURE, scoring_text
from generator.framework.model import Model, Topic
from generator.site.workbook.cells import (
    FIRST_QUESTION_ROW,
    LISTS_SHEET,
    NA_LEVEL,
    NA_TEXT,
    NO_LEVEL,
    NOT_SURE_LEVEL,
    NOT_SURE_TEXT,
    START_SHEET,
    SUMMARY_FIRST_ROW,
    SUMMARY_SHEET,
    Book,
    Dialect,
    Sheet,
    a1,
    a1_range,
    answer_level,
    level_formula,
    sheet_names,
)


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
        f"A topic's level is {scoring_text(fw.scoring.rule)}",
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
        ws, rng, cross = topic_sheet(model, topic, names[topic.id], d, level_row, list_row, answers)
        topic_sheets.append(ws)
        level_ranges[topic.id] = rng
        crossing_ranges.update({(topic.id, cv): r for cv, r in cross.items()})

    summary = Sheet(SUMMARY_SHEET, widths={1: 28, 2: 34, 3: 11, 4: 11, 5: 15, 6: 11, 7: 9, 8: 22})
    summary.put(1, 1, "Summary: your level for each topic", style="title")
    summary.put(
        2, 1, f"Worked out from your answers on the topic sheets. A topic's level is {scoring_text(fw.scoring.rule)}"
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
        summary.put(r, 7, formula=level_formula(d, rng, rule, minimum), style="level")
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
                    summary.put(r, c, formula=level_formula(d, rng, rule, minimum), style="level")

    return Book(
        sheets=[start, summary, *topic_sheets, lists],
        title=f"{fw.title}: self-assessment workbook",
        created=dt.datetime.combine(fw.released, dt.time()),
    )


def topic_sheet(
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
        ws.put(r, 3, formula=answer_level(d, answer, options, level_row))
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
