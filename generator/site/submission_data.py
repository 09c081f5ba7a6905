"""submission.json: what the self-assessment needs to prepare a benchmark submission, from one home each.

The format's name, version and fields come from generator.results.submission_read; the rounds and peer
groups from results/groups.yml, through the peer-group kinds of generator.results.groups. Nothing about
any respondent is in it.
"""

from __future__ import annotations

import json
from typing import Any

from generator.results.groups import GROUP_KINDS, Groups, GroupValue
from generator.results.submission_read import FIELDS, FORMAT, FORMAT_VERSION, SUBMISSION_ID
from generator.site import paths


def submission_data(groups: Groups | None) -> dict[str, Any]:
    """Open when the site has declared groups; the browser then offers exactly these choices."""
    return {
        "open": groups is not None,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "fields": list(FIELDS),
        "submission_pattern": SUBMISSION_ID.pattern,
        "rounds": _values(groups.rounds) if groups else [],
        "group_kinds": [
            {"kind": k.kind, "label": k.label, "values": _values(groups.values(k)) if groups else []}
            for k in GROUP_KINDS
        ],
        # Relative to this file's own address.
        "publishing_page": paths.relative_url(paths.SUBMISSION_JSON, paths.PUBLISHING),
    }


def _values(values: list[GroupValue]) -> list[dict[str, str]]:
    return [{"id": v.id, "label": v.label} for v in values]


def submission_json(groups: Groups | None) -> str:
    return json.dumps(submission_data(groups), ensure_ascii=False, indent=1) + "\n"
