"""The 'What changed' page: every version compared with the one before it, newest first."""

from __future__ import annotations

from generator.versions.diff import history_diffs
from generator.framework.model import Model
from generator.site.pages import render_template

WHAT_CHANGED_PATH = "reference/what-changed.md"


def page(model: Model) -> str:
    fw = model.framework
    return render_template(
        "what-changed.md.j2",
        version=fw.version,
        released=fw.released.isoformat(),
        diffs=history_diffs(model),
        current={t.id: t.title for t in model.topics},
    )
