"""The 'What changed' page: every version compared with the one before it, newest first."""

from __future__ import annotations

from generator.framework.model import Model
from generator.site import paths
from generator.site.templating import render_template
from generator.versions.diff import history_diffs


def page(model: Model) -> str:
    fw = model.framework
    return render_template(
        "what-changed.md.j2",
        page=paths.WHAT_CHANGED,
        version=fw.version,
        released=fw.released.isoformat(),
        diffs=history_diffs(model),
        current={t.id: t.title for t in model.topics},
    )
