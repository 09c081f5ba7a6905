"""A slow, pure build step started in a child process, so that a second core makes it meanwhile.

The child is a fork: it has everything the parent had loaded, and sends back its value pickled through a
pipe. Only where that is safe and helps: on Linux, with more than one core to run on, from a process with
no other threads (the live preview has some), and unless DMF_PARALLEL=off. Otherwise the
step runs in this process when its value is first asked for. Either way the value is the same.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from generator.site.cache import switched_on

V = TypeVar("V")


def _worth_it() -> bool:
    return (
        sys.platform.startswith("linux")  # elsewhere a fork of a process with system libraries loaded may hang
        and len(os.sched_getaffinity(0)) > 1
        and threading.active_count() == 1
        and switched_on("DMF_PARALLEL")
    )


class Started(Generic[V]):
    """A step started in a child: call it to wait for the value; close() to give up on it."""

    def __init__(self, make: Callable[[], V], pid: int | None, read: int | None):
        self._make, self._pid, self._read = make, pid, read
        self._value: tuple[bool, object] | None = None

    def __call__(self) -> V:
        if self._value is None:
            self._value = self._receive() if self._pid is not None else (True, self._make())
        ok, value = self._value
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def _receive(self) -> tuple[bool, object]:
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()  # to the end before waiting, so a large value never blocks the child
        os.waitpid(self._pid, 0)
        self._pid = None
        if not data:  # the child died before it could answer: make it here instead
            return True, self._make()
        return pickle.loads(data)

    def close(self) -> None:
        """Stop the child if its value was never asked for (the build failed first), and reap it."""
        if self._pid is None:
            return
        os.kill(self._pid, signal.SIGKILL)
        os.close(self._read)
        os.waitpid(self._pid, 0)
        self._pid = None


def started(make: Callable[[], V]) -> Started[V]:
    """Start make() now, in a child where that helps; call what it returns to wait for the value."""
    if not _worth_it():
        return Started(make, None, None)
    read, write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: make the value, send it, and leave without running the parent's exit handlers
        os.close(read)
        try:
            try:
                data = pickle.dumps((True, make()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as err:  # the parent raises it, as if it had made the value itself
                try:
                    data = pickle.dumps((False, err), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:
                    data = pickle.dumps((False, RuntimeError(f"{type(err).__name__}: {err}")))
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write)
    return Started(make, pid, read)
