"""The generated files that depend on the framework alone, not on any results.

dmf build makes them in a child process (generator.site.forked) while it reads and sums up the results,
so nothing here may import pandas or the disclosure control.
"""

from __future__ import annotations

from generator.framework.model import Model
from generator.site import assessment, assessment_data, framework_json, paths, redirects, whatchanged


def framework_files(model: Model) -> dict[str, str | bytes]:
    """The framework's JSON, what changed, redirects, the self-assessment page, its data and its workbooks."""
    files: dict[str, str | bytes] = {paths.FRAMEWORK_JSON: framework_json.framework_json(model)}
    files[paths.WHAT_CHANGED] = whatchanged.page(model)
    files.update(redirects.topic_redirects(model))
    files.update(assessment.files(model))
    files.update(assessment_data.files(model))
    return files
