"""A content-keyed disk cache for slow, pure build steps (the workbooks, the disclosure decisions, and
the whole of a build's content when nothing it reads has changed).

The key is a hash of the step's inputs and of the code that makes the output, so a cached file is
always exactly what the step would make now; builds stay byte-identical with or without it.
Set DMF_CACHE=off to bypass it, or DMF_CACHE_DIR to move it (default: ~/.cache/dmf, see directory()).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T", str, bytes)
V = TypeVar("V")
PACKAGE = Path(__file__).resolve().parent.parent  # the generator package: every line of code a build runs


def switched_on(variable: str) -> bool:
    """Whether a DMF_ switch such as DMF_CACHE is on: it is unless set to off, 0, no or false."""
    return os.environ.get(variable, "on").lower() not in ("off", "0", "no", "false")


def enabled() -> bool:
    return switched_on("DMF_CACHE")


def directory() -> Path:
    """DMF_CACHE_DIR, or dmf's folder in the user's own cache (XDG_CACHE_HOME, else ~/.cache).

    Never a folder inside the checkout: a pull request could commit entries there, and an entry is
    trusted as what the step would make (a disclosure decision, a pickled build).
    """
    if os.environ.get("DMF_CACHE_DIR"):
        return Path(os.environ["DMF_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dmf"


@functools.cache  # the code does not change during a build; read it once
def _code_fingerprint(*modules: str) -> str:
    """A hash of the source of the named modules (dotted names, such as generator.site.charts)."""
    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()


def cached(kind: str, key: str, make: Callable[[], T], *, code: tuple[str, ...], library: str = "") -> T:
    """make(), or its earlier output for the same key, code and library version (str stays str)."""
    if not enabled():
        return make()
    digest = hashlib.sha256("\0".join([kind, key, _code_fingerprint(*code), library]).encode()).hexdigest()
    for suffix, decode in ((".txt", True), (".bin", False)):
        path = directory() / kind / digest[:2] / (digest + suffix)
        if path.is_file():
            data = path.read_bytes()
            return data.decode("utf-8") if decode else data  # type: ignore[return-value]
    value = make()
    _write(directory() / kind / digest[:2] / (digest + (".txt" if isinstance(value, str) else ".bin")), value)
    return value


def _write(path: Path, value: str | bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = value.encode("utf-8") if isinstance(value, str) else value
        # Write then rename, so a build killed half-way never leaves a truncated entry behind.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


def _tree(digest, folder: Path) -> None:
    """Add every file under folder to digest: its path inside folder, then its bytes."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        name = path.relative_to(folder).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)


@functools.cache
def _environment() -> bytes | None:
    """dmf's own code and the versions of Python and of every library dmf depends on; None where unknown."""
    try:
        requirements = metadata.requires("dmf") or []
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed: versions unknown
        return None
    digest = hashlib.sha256(sys.version.encode())
    _tree(digest, PACKAGE)
    for requirement in sorted(requirements):
        if "extra ==" in requirement:
            continue  # the test tools make nothing a build publishes
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing;".encode())
    return digest.digest()


def cached_object(kind: str, folders: Iterable[Path], make: Callable[[], V]) -> V:
    """make(), or what it returned before for the same files in folders, the same dmf code and libraries.

    The value is kept pickled in the cache folder, which is the user's own, like the rest of the cache.
    """
    environment = _environment()
    if not enabled() or environment is None:
        return make()
    digest = hashlib.sha256(kind.encode() + environment)
    for folder in folders:
        digest.update(b"\0folder\0%s\0" % os.fsencode(folder))  # as given: messages name files by it
        if folder.is_dir():
            _tree(digest, folder)
    path = directory() / kind / (digest.hexdigest() + ".pickle")
    try:
        value = pickle.loads(path.read_bytes())
        os.utime(path)  # recently used: pruning keeps it
        return value
    except Exception:  # none yet, or cut short, or made by code that has since changed: make it again
        pass
    value = make()
    _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    _prune(path.parent, keep=KEEP_OBJECTS)
    return value


KEEP_OBJECTS = 4  # of each kind: a few inputs to go back and forth between, without the folder growing


def _prune(folder: Path, keep: int) -> None:
    """Remove all but the keep newest entries in folder."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # another build pruned it first, or the folder is read-only
