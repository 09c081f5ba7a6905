"""The core operation: checked inputs into a whole site, swapped in only when the build worked.

At every instant the site folder holds either the whole old site or the whole new one:
- builds of one folder take turns (a lock on the folder that holds it), so they never meet;
- the new site is built beside the old one, then the two are exchanged in one atomic step
  (Linux renameat2 RENAME_EXCHANGE); where that is not available, two renames, and the next build
  puts the old site back if it was stopped between them;
- a build starts by removing what an earlier, stopped build left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from generator.site import engine as site_engine
from generator.site.site_content import SiteContent

DEFAULT_CONFIG = Path("mkdocs.yml")
# Tests stop a build at one of these steps (then kill it) to show that no instant leaves a broken site.
PAUSE_VARIABLE = "DMF_BUILD_PAUSE"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class BuildError(Exception):
    """The site cannot be written where it was asked for; the message says why and what to do."""


def build_site(
    content: SiteContent, site_dir: Path, config_file: Path = DEFAULT_CONFIG, engine: str = "mkdocs"
) -> None:
    """Build content into a temporary folder beside site_dir, then replace site_dir only if everything worked.

    engine is one of generator.site.engine.ENGINES; every engine goes through the same lock and swap.

    Raises engine.EngineError when the engine refuses to build, BuildError when the folder cannot be
    written; site_dir is then left as it was.
    """
    site_dir = Path(os.path.abspath(site_dir))
    parent = site_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BuildError(f"cannot make {parent}: {err.strerror}") from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BuildError(
            f"{parent} is read-only: the new site is built beside {site_dir.name}/, so it must be writable"
        )
    with _lock(parent):
        recover(site_dir)
        if site_dir.exists():
            _check_replaceable(site_dir)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=parent))
        except OSError as err:
            raise BuildError(f"cannot write in {parent}: {err.strerror}") from None
        try:
            _pause("building")
            site_engine.build(config_file, tmp, content, engine)
            _pause("swapping")
            _swap(tmp, site_dir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Put back the old site if a build stopped between its two renames; remove what stopped builds left."""
    parent = site_dir.parent
    old = sorted(parent.glob(f".{site_dir.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not site_dir.exists() and old:
        old.pop().rename(site_dir)
    for stale in [*old, *parent.glob(f".{site_dir.name}.new-*")]:
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on folder while building into it; a second build waits its turn."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Waiting for another build in {folder} to finish ...", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock, also when the process is killed


def _check_replaceable(site_dir: Path) -> None:
    """Refuse before building when the old site could not be removed afterwards."""
    for folder, _, _ in os.walk(site_dir):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise BuildError(
                f"{folder} is read-only, so the old site cannot be replaced: make it writable "
                f"(chmod -R u+w {site_dir}) or build into another folder with --site-dir"
            )


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot."""
    if not sys.platform.startswith("linux") or os.environ.get(PAUSE_VARIABLE) == "between-renames":
        return False  # (a test that pauses between the two renames asks for the two-rename path)
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap(new: Path, target: Path) -> None:
    if not target.exists():
        new.rename(target)
        return
    if _exchange(new, target):
        _pause("removing-old")
        shutil.rmtree(new, ignore_errors=True)  # it now holds the old site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    _pause("between-renames")
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _pause(step: str) -> None:
    if os.environ.get(PAUSE_VARIABLE) == step:
        print(f"dmf: paused at {step}", file=sys.stderr, flush=True)
        time.sleep(3600)
