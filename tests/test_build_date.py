"""The build date comes from each build's own framework, also when one process builds twice."""

from __future__ import annotations

import datetime as dt
import os

from .conftest import build
from .factory import framework_dict, write_framework


def sitemap_date(site) -> str:
    """The date in sitemap.xml.gz's gzip header, which mkdocs sets from the build date."""
    seconds = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()


def test_two_builds_in_one_process_each_carry_their_own_release_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sites = {}
    for released in ("2024-03-01", "2025-07-15"):
        fw, topics = framework_dict()
        fw["released"] = released
        (tmp_path / released / "results").mkdir(parents=True)
        sites[released] = build(write_framework(tmp_path / released / "fw", fw, topics), tmp_path / released / "site")
    assert {released: sitemap_date(site) for released, site in sites.items()} == {
        "2024-03-01": "2024-03-01",
        "2025-07-15": "2025-07-15",
    }
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored after each build
