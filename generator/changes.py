"""How ids moved between framework versions (stub: filled in by the maintainers' workflow work).

Results answered against an older version and saved self-assessment answers are both migrated
through this one mapping.
"""

from __future__ import annotations

from .model import Model


def id_mapping(model: Model, from_version: str) -> dict[str, tuple[str, ...]] | None:
    """Map each question/topic id of `from_version` to the current ids it became.

    An empty tuple means the id was removed. Returns None when no mapping is declared for that
    version (the caller must then refuse the data with a clear error). For the current version the
    mapping is the identity.
    """
    if from_version == model.framework.version:
        ids = [t.id for t in model.topics] + [q.id for t in model.topics for q in t.questions]
        return {i: (i,) for i in ids}
    return None
