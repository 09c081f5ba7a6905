"""A content-keyed disk cache for slow, pure build steps (the workbooks).

The key is a hash of the step's inputs and of the code that makes the output, so a cached file is
always exactly what the step would make now; builds stay byte-identical with or without it.
Set DMF_CACHE=off to bypass it, or DMF_CACHE_DIR to move it (default: .cache/dmf).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T", str, bytes)


def enabled() -> bool:
    return os.environ.get("DMF_CACHE", "on").lower() not in ("off", "0", "no", "false")


def directory() -> Path:
    return Path(os.environ.get("DMF_CACHE_DIR", ".cache/dmf"))


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
