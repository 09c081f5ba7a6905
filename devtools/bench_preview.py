"""`make bench`, the child side of the live preview case: edit to visible, `dmf serve` against `mkdocs serve`.

    python -m devtools.bench_preview OUT --edits N [--topic ID]

In OUT it copies the repo's framework/, results/, site_src/ and mkdocs.yml (the real files are never
edited), writes the same pages as a plain mkdocs project (devtools.bench_results plain), and starts
`dmf serve` on the copy and plain `mkdocs serve` on the plain project, each on a free port, each in a
process group of its own that is always stopped. Both run with the same defaults: live reload on, full
(not --dirty) rebuilds of every page into a cleaned folder, the config read afresh on each rebuild; what
dmf serve does faster on top of that (it looks for changes every 0.1 s where mkdocs serve looks every
0.5 s, and reuses what did not change: see generator/site/engine.py) is what this measures. Then,
alternating sides, it changes the first line of one topic's summary (in dmf the topic's YAML, in plain
mkdocs that topic's generated Markdown page) and times from the moment the file is written until a GET
of the topic's page, polled every 20 ms, returns the new text. It prints {"dmf": [seconds, ...], "plain": [seconds, ...]} as JSON, one figure per edit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COPIED = ("framework", "results", "site_src", "mkdocs.yml")
TOPIC = "access-and-sharing"
POLL = 0.02  # seconds between GETs of the page
START_TIMEOUT, EDIT_TIMEOUT, STOP_TIMEOUT = 180.0, 60.0, 10.0
SETTLE = 1.0  # seconds between edits, so that one edit's rebuild never overlaps the next


class PreviewError(Exception):
    pass


def _progress(message: str) -> None:
    print(f"  ... preview: {message}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    """The page's body, or "" while the server does not answer it (not started yet, or an error page)."""
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT) as r:
            return r.read().decode("utf-8")
    except OSError:  # refused, or an error status (HTTPError is one)
        return ""


@dataclass
class Side:
    """One server and the file whose edit it must show."""

    name: str
    proc: subprocess.Popen
    log: Path
    url: str
    edited: Path
    line: str  # the summary's first line as the file has it now

    def failed(self, what: str) -> PreviewError:
        tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        return PreviewError(f"{self.name}: {what}; its log ends:\n{tail}")

    def wait_for(self, text: str, timeout: float) -> float:
        """Seconds until a GET of the page has text in it (polled every POLL seconds)."""
        started = time.perf_counter()
        while text not in _get(self.url):
            if self.proc.poll() is not None:
                raise self.failed(f"the server stopped (exit {self.proc.returncode})")
            if time.perf_counter() - started > timeout:
                raise self.failed(f"{text!r} did not appear at {self.url} within {timeout:.0f} s")
            time.sleep(POLL)
        return time.perf_counter() - started

    def edit(self, new: str) -> float:
        """Replace the summary's first line with new; seconds from the write until the page shows it."""
        text = self.edited.read_text(encoding="utf-8")
        if text.count(self.line) != 1:
            raise PreviewError(f"{self.edited}: the summary line {self.line!r} is not there exactly once")
        self.edited.write_text(text.replace(self.line, new), encoding="utf-8")
        self.line = new
        return self.wait_for(new, EDIT_TIMEOUT)


@contextlib.contextmanager
def _server(name: str, argv: list[str], cwd: Path, log: Path, env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """argv in a process group of its own, stopped with everything it started, however this block ends."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield proc
    finally:
        # Ctrl+C first, so that each server removes its temporary site; then harder, never leaving one behind.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=STOP_TIMEOUT)
                break
            except subprocess.TimeoutExpired:
                _progress(f"{name} did not stop on {sig.name}")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # anything it started that outlived it


def _summary_line(topic_file: Path) -> str:
    import yaml

    summary = yaml.safe_load(topic_file.read_text(encoding="utf-8"))["summary"]
    return summary.strip().splitlines()[0].strip()


def prepare(out: Path, topic: str) -> tuple[Path, Path, str]:
    """The copy of the repo's inputs and the plain project; returns (copy, plain config, summary line)."""
    copy = out / "dmf"
    copy.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    if not (copy / "framework" / "topics" / f"{topic}.yml").is_file():
        raise PreviewError(f"no topic {topic!r} in {ROOT / 'framework' / 'topics'}")
    _progress("writing the pages as a plain mkdocs project")
    plain = subprocess.run(
        [sys.executable, "-m", "devtools.bench_results", "plain", str(copy / "framework"), str(copy / "results")]
        + [str(out / "plain")],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if plain.returncode != 0:
        raise PreviewError(f"writing the plain project failed:\n{plain.stderr[-3000:]}")
    return copy, Path(plain.stdout.strip()), _summary_line(copy / "framework" / "topics" / f"{topic}.yml")


def measure(out: Path, edits: int, topic: str = TOPIC) -> dict[str, list[float]]:
    """edits edits on each side, alternating dmf and plain; seconds from each write to the new page."""
    copy, config, line = prepare(out, topic)
    tmp = out / "tmp"  # each server's temporary site lands here, so none outlives the bench
    tmp.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp), DMF_CACHE_DIR=str(out / "cache"))
    page = f"framework/topics/{topic}/"
    dmf_port, plain_port = _free_port(), _free_port()
    dmf_argv = [str(BIN / "dmf"), "serve", "--framework", "framework", "--config", "mkdocs.yml"]
    plain_argv = [str(BIN / "mkdocs"), "serve", "--config-file", str(config)]
    times: dict[str, list[float]] = {"dmf": [], "plain": []}
    with (
        _server("dmf serve", [*dmf_argv, "--dev-addr", f"127.0.0.1:{dmf_port}"], copy, out / "dmf.log", env) as dmf,
        _server(
            "mkdocs serve",
            [*plain_argv, "--dev-addr", f"127.0.0.1:{plain_port}"],
            config.parent,
            out / "plain.log",
            env,
        ) as plain,
    ):
        sides = [
            Side(
                "dmf serve", dmf, out / "dmf.log", f"http://127.0.0.1:{dmf_port}/{page}",
                copy / "framework" / "topics" / f"{topic}.yml", line,
            ),
            Side(
                "mkdocs serve", plain, out / "plain.log", f"http://127.0.0.1:{plain_port}/{page}",
                config.parent / "docs" / "framework" / "topics" / f"{topic}.md", line,
            ),
        ]  # fmt: skip
        for side in sides:
            _progress(f"waiting for {side.name} to serve {side.url}")
            _progress(f"{side.name} serves after {side.wait_for(line, START_TIMEOUT):.1f} s")
        for n in range(1, edits + 1):
            for key, side in zip(times, sides, strict=True):
                time.sleep(SETTLE)
                seconds = side.edit(f"Preview edit {n} of {edits} on {key}, {time.monotonic_ns()}.")
                times[key].append(seconds)
                _progress(f"edit {n} of {edits}: {side.name} showed it after {seconds:.2f} s")
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m devtools.bench_preview")
    p.add_argument("out", type=Path, help="an empty or missing folder to work in")
    p.add_argument("--edits", type=int, default=3, help="edits on each side (default 3)")
    p.add_argument("--topic", default=TOPIC, help=f"the topic whose summary is edited (default {TOPIC})")
    args = p.parse_args(argv)
    try:
        print(json.dumps(measure(args.out, args.edits, args.topic)))
    except PreviewError as err:
        print(f"preview bench failed: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
