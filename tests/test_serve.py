"""The live preview's rebuilds: what they reuse from the one before, and that the site stays the same."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.inputs import load_inputs
from generator.site import engine
from generator.site.content import content
from generator.site.site_content import SiteContent
from generator.yamlio.problems import InputError

from .conftest import ROOT
from .factory import make_framework
from .test_cli import _free_port, _get, _wait_for

BIN = Path(sys.executable).parent
TOPIC = Path("topics") / "topic-0.yml"


def _loader(fw: Path, calls: list[int]):
    """What `dmf serve` hands the engine: the inputs read afresh into content; counts its calls."""

    def load() -> SiteContent:
        calls.append(1)
        try:
            return content(load_inputs(fw, fw.parent / "results", preview=True))
        except InputError as err:
            raise engine.InputsBroken([str(p) for p in err.problems]) from None

    return load


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_inputs_are_read_again_only_once_written_and_never_remembered_broken(tmp_path):
    fw = make_framework(tmp_path / "fw")
    calls: list[int] = []
    loader = engine.Loader(_loader(fw, calls), [fw, tmp_path / "results"])
    first = loader()
    assert loader() is first and len(calls) == 1  # nothing written: the same content, not read again
    (tmp_path / "site_src-page.md").write_text("elsewhere\n", encoding="utf-8")
    assert loader() is first and len(calls) == 1  # a file outside the framework and results
    _edit(fw / TOPIC, "Summary of topic 0.", "Edited once.")
    edited = loader()
    assert len(calls) == 2 and any("Edited once." in str(v) for v in edited.files.values())
    _edit(fw / TOPIC, "title: ", "title: [unclosed")
    for n in (3, 4):  # broken inputs are read again on every rebuild, until they are fixed
        with pytest.raises(engine.InputsBroken, match="topic-0.yml"):
            loader()
        assert len(calls) == n
    _edit(fw / TOPIC, "title: [unclosed", "title: ")
    loader()
    assert len(calls) == 5


def test_a_rebuild_that_reuses_pages_makes_the_same_site_as_a_full_build(tmp_path):
    # The shipped framework: results, benchmarks and a translation, so every kind of page is reused.
    for name in ("framework", "results"):
        shutil.copytree(ROOT / name, tmp_path / name)
    fw = tmp_path / "framework"
    load, reuse, addr = _loader(fw, []), engine.Reuse(), "127.0.0.1:8000"
    config = ROOT / "mkdocs.yml"
    site = tmp_path / "preview"
    engine.preview_build(config, site, load(), addr, reuse)
    assert reuse.reused == 0 and reuse.rendered > 0
    pages = reuse.rendered
    engine.preview_build(config, site, load(), addr, reuse)
    assert (reuse.reused, reuse.rendered) == (pages, 0)  # nothing changed: every page reused
    topic = fw / "topics" / "data-quality.yml"
    _edit(topic, "summary: |\n  ", "summary: |\n  Freshly edited. ")
    engine.preview_build(config, site, load(), addr, reuse)
    assert 0 < reuse.rendered < pages and reuse.reused + reuse.rendered == pages
    full = tmp_path / "full"
    engine.preview_build(config, full, load(), addr, engine.Reuse())  # nothing to reuse
    assert "Freshly edited." in (site / "framework" / "topics" / "data-quality" / "index.html").read_text("utf-8")
    assert _files(site) == _files(full)


def test_a_page_whose_rendering_warns_is_rendered_again_so_it_warns_again(tmp_path, caplog):
    fw = make_framework(tmp_path / "fw")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    config = tmp_path / "mkdocs.yml"
    # Not strict, so that the build goes on past the warning and the next rebuild can be watched.
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("strict: true", "strict: false"))
    page = tmp_path / "site_src" / "about" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a page](no-such-page.md).\n", encoding="utf-8")
    load, reuse = _loader(fw, []), engine.Reuse()
    for build in (1, 2):
        caplog.clear()
        engine.preview_build(config, tmp_path / "site", load(), "127.0.0.1:8000", reuse)
        warned = [r for r in caplog.records if r.levelno >= logging.WARNING and "no-such-page.md" in r.getMessage()]
        assert len(warned) == 1, f"build {build}: {[r.getMessage() for r in caplog.records]}"
    assert reuse.rendered == 1 and reuse.reused > 0  # only the page that warned


@contextlib.contextmanager
def _serving(cwd: Path, log: Path, tmp: Path):
    """dmf serve in cwd on a free port, its temporary files in tmp; stopped as `kill` stops it."""
    port = _free_port()
    tmp.mkdir()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(BIN / "dmf"),
                "serve",
                "--framework",
                "fw",
                "--config",
                "mkdocs.yml",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=cwd,
            env=dict(os.environ, TMPDIR=str(tmp)),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_shows_an_edited_hand_written_page_without_reading_the_framework_again(tmp_path):
    make_framework(tmp_path / "fw")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    log, tmp = tmp_path / "serve.log", tmp_path / "tmp"
    with _serving(tmp_path, log, tmp) as port:
        assert _wait_for(lambda: any(tmp.iterdir())), "serve made no temporary site"
        url = f"http://127.0.0.1:{port}/about/privacy/"
        assert _wait_for(lambda: "<h1" in _get(url)), "serve never showed the page"
        page = tmp_path / "site_src" / "about" / "privacy.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added in the preview.\n", encoding="utf-8")
        assert _wait_for(lambda: "A sentence added in the preview." in _get(url)), "serve did not rebuild"
        topic = f"http://127.0.0.1:{port}/framework/topics/topic-0/"
        assert "Summary of topic 0." in _get(topic)
    said = log.read_text(encoding="utf-8")
    assert "The framework and results have not changed since the last build" in said
    assert "reused unchanged: " in said
    assert not any(tmp.iterdir()), "serve left its temporary site behind when stopped"
