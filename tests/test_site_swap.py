"""A build killed at any moment, builds at once, and read-only folders all leave a whole site and no debris."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import PAUSE_VARIABLE

from .conftest import ROOT
from .factory import make_framework

PAUSES = ("building", "swapping", "removing-old", "between-renames")


def dmf_build(framework: Path, site: Path, **env: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "generator", "build", "--framework", str(framework), "--site-dir", str(site)]
    command += ["--config", str(ROOT / "mkdocs.yml")]
    return subprocess.Popen(
        command,
        cwd=site.parent,
        env={**os.environ, "DMF_CACHE": "off", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def debris(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def whole(site: Path) -> bool:
    """A built site: its home page, a topic page and the search index are all there."""
    return all((site / p).is_file() for p in ("index.html", "framework/index.html", "search/search_index.json"))


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    framework = make_framework(tmp_path / "fw")
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    code, err = finished(dmf_build(framework, site))
    assert code == 0, err
    (site / "old-marker").write_text("the old site")
    return framework, site


@pytest.mark.parametrize("step", PAUSES)
def test_a_build_killed_at_any_step_leaves_a_whole_site_and_the_next_build_cleans_up(built, step):
    framework, site = built
    proc = dmf_build(framework, site, **{PAUSE_VARIABLE: step})
    deadline = time.monotonic() + 120
    line = ""
    while "paused at" not in line and time.monotonic() < deadline:
        line = proc.stderr.readline()
        assert line or proc.poll() is None, "the build ended before it reached the pause"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    proc.stdout.close()
    # At the instant of the kill the site is the old one or the new one, never missing or half-made...
    if step == "between-renames":
        assert not site.exists()  # the two-rename path, which the next build recovers from
    else:
        assert whole(site)
        assert (site / "old-marker").exists() == (step in ("building", "swapping"))
    # ... and the next build puts everything right and leaves nothing behind.
    code, err = finished(dmf_build(framework, site))
    assert code == 0, err
    assert whole(site) and not (site / "old-marker").exists()
    assert debris(site) == []


def test_two_builds_at_once_take_turns(built):
    framework, site = built
    first, second = dmf_build(framework, site), dmf_build(framework, site)
    results = [finished(first), finished(second)]
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in err for _, err in results)
    assert whole(site) and debris(site) == []


def read_only_build(framework: Path, site: Path, read_only: Path) -> subprocess.CompletedProcess:
    """dmf build with one folder mounted read-only (in a mount namespace of its own), so even root cannot write."""
    command = [sys.executable, "-m", "generator", "build", "--framework", str(framework), "--site-dir", str(site)]
    command += ["--config", str(ROOT / "mkdocs.yml")]
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, str(read_only), *command],
        cwd=site.parent.parent,
        env={**os.environ, "DMF_CACHE": "off"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("read_only", ["site", "parent"])
def test_a_read_only_folder_is_refused_clearly_and_leaves_the_old_site(built, read_only):
    framework, site = built
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    done = read_only_build(framework, site, site if read_only == "site" else site.parent)
    assert "mount" not in done.stderr.split("\n")[0], f"could not mount read-only: {done.stderr}"
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "read-only" in done.stderr and "The previous site was left as it was." in done.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert debris(site) == []
