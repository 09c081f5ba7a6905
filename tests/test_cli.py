"""The commands people run: plain mkdocs through the plugin, and the live preview."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .conftest import ROOT
from .factory import make_framework

BIN = Path(sys.executable).parent


def test_plain_mkdocs_build_uses_the_plugin(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DMF_")}
    run = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site" / "framework" / "topics" / "data-quality" / "index.html").is_file()


def test_dmf_build_reports_and_exits_nonzero_on_bad_framework(tmp_path):
    fw = make_framework(tmp_path / "fw")
    (fw / "topics" / "topic-1.yml").write_text("id: topic-1\nnonsense: [\n", encoding="utf-8")
    run = subprocess.run(
        [str(BIN / "dmf"), "build", "--framework", str(fw), "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "topic-1.yml:3:1: YAML error" in run.stderr and "nothing was built" in run.stderr
    assert not (tmp_path / "site").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def _wait_for(predicate, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def _serving(fw: Path):
    """dmf serve on a free port, stopped afterwards; yields the port."""
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN / "dmf"), "serve", "--framework", str(fw), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_rebuilds_when_a_topic_changes(tmp_path):
    fw = make_framework(tmp_path / "fw")
    with _serving(fw) as port:
        url = f"http://127.0.0.1:{port}/framework/topics/topic-0/"
        assert _wait_for(lambda: "Summary of topic 0." in _get(url)), "serve never showed the topic page"
        topic = fw / "topics" / "topic-0.yml"
        topic.write_text(
            topic.read_text(encoding="utf-8").replace("Summary of topic 0.", "Freshly edited."), encoding="utf-8"
        )
        assert _wait_for(lambda: "Freshly edited." in _get(url)), "serve did not rebuild after the edit"


def _get_any(url: str) -> str:
    """The body of any answer, an error page included."""
    try:
        return _get(url)
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")


def test_serve_shows_broken_inputs_in_the_browser_then_recovers(tmp_path):
    fw = make_framework(tmp_path / "fw")
    with _serving(fw) as port:
        url = f"http://127.0.0.1:{port}/framework/topics/topic-0/"
        assert _wait_for(lambda: "Summary of topic 0." in _get(url)), "serve never showed the topic page"
        topic = fw / "topics" / "topic-0.yml"
        good = topic.read_text(encoding="utf-8")
        topic.write_text(good.replace("title: ", "title: [unclosed", 1), encoding="utf-8")
        # Every address answers with the problems, file and line included, instead of hanging.
        assert _wait_for(lambda: "The preview cannot be built" in _get_any(url)), "no error page for broken input"
        page = _get_any(url)
        assert "topic-0.yml:" in page and "YAML error" in page
        topic.write_text(good.replace("Summary of topic 0.", "Fixed again."), encoding="utf-8")
        assert _wait_for(lambda: "Fixed again." in _get(url)), "serve did not recover once the file was fixed"


def test_serve_shows_edits_to_a_released_version_that_build_refuses(tmp_path):
    fw = make_framework(tmp_path / "fw")
    released = subprocess.run([str(BIN / "dmf"), "release", "--framework", str(fw)], capture_output=True, text=True)
    assert released.returncode == 0, released.stderr
    topic = fw / "topics" / "topic-0.yml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("Summary of topic 0.", "Work in progress."))
    build = subprocess.run(
        [str(BIN / "dmf"), "build", "--framework", str(fw), "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 1 and "[released-version-changed]" in build.stderr  # publishing still refuses
    with _serving(fw) as port:
        url = f"http://127.0.0.1:{port}/framework/topics/topic-0/"
        assert _wait_for(lambda: "Work in progress." in _get(url)), "the preview did not show the edit"
