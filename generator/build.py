"""The core operation: checked inputs into a whole site, swapped in only when the build worked."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.inputs import Inputs
from generator.site import engine
from generator.site.content import content

DEFAULT_CONFIG = Path("mkdocs.yml")


def build_site(inputs: Inputs, site_dir: Path, config_file: Path = DEFAULT_CONFIG) -> None:
    """Build into a temporary folder beside site_dir, then replace site_dir only if everything worked.

    Raises engine.EngineError when the engine refuses to build; site_dir is then left as it was.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        engine.build(config_file, tmp, content(inputs))
        _swap(tmp, site_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
