"""A build step made in a forked child gives the value, or the error, it would give in this process."""

from __future__ import annotations

import os
import time

import pytest

from generator.site import forked


@pytest.fixture(params=["child", "here"])
def where(request, monkeypatch):
    # pytest's workers run threads, where a build would never fork: each test asks for both ways.
    monkeypatch.setattr(forked, "_worth_it", lambda: request.param == "child")
    return request.param


def test_the_value_comes_back_whole(where):
    parent = os.getpid()
    value = {"pid": None, "books": {"a.xlsx": bytes(range(256)) * 4000, "b.ods": b""}}

    def make():
        return {**value, "pid": os.getpid()}

    got = forked.started(make)()
    assert got["books"] == value["books"]  # a megabyte through the pipe, byte for byte
    assert (got["pid"] != parent) == (where == "child")


def test_an_error_in_the_step_is_raised_where_the_value_is_asked_for(where):
    def make():
        raise ValueError("topic-3.yml:4: title: too long")

    wait = forked.started(make)
    with pytest.raises(ValueError, match="too long"):
        wait()


def test_a_child_that_dies_is_made_again_here(monkeypatch):
    monkeypatch.setattr(forked, "_worth_it", lambda: True)
    parent = os.getpid()

    def make():
        if os.getpid() != parent:
            os._exit(3)  # killed before it could answer
        return "made in the parent"

    assert forked.started(make)() == "made in the parent"


def test_a_step_given_up_on_leaves_no_child(monkeypatch):
    monkeypatch.setattr(forked, "_worth_it", lambda: True)

    def make():
        time.sleep(60)  # still working when the build fails

    step = forked.started(make)
    pid = step._pid
    step.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped: no such child any more
    step.close()  # twice is harmless


def test_the_live_preview_never_forks(monkeypatch):
    monkeypatch.delenv("DMF_PARALLEL", raising=False)
    import threading

    started = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=lambda: (started.set(), stop.wait()))
    thread.start()
    started.wait()
    try:
        assert forked._worth_it() is False  # a process with other threads (the preview's server) makes it here
    finally:
        stop.set()
        thread.join()
    monkeypatch.setenv("DMF_PARALLEL", "off")
    assert forked._worth_it() is False


def test_a_framework_part_made_for_another_site_is_made_again():
    # dmf build guesses from the results folder whether the site has benchmark pages before reading it;
    # a wrong guess must never reach the site.
    from pathlib import Path

    from generator.inputs import load_inputs
    from generator.site.content import content
    from generator.site.framework_files import framework_part

    root = Path(__file__).resolve().parent.parent
    inputs = load_inputs(root / "framework", root / "results")
    wrong = framework_part(inputs.model, inputs.translations, with_benchmarks=False)

    def seen(made):  # what the site is made of (a language's paths object compares by identity)
        c = content(inputs, made)
        return c.files, c.nav, [(lang.language.code, lang.name, lang.nav, lang.untranslated) for lang in c.languages]

    assert seen(lambda: wrong) == seen(None)
    assert any(path.startswith("benchmarks/") for path in seen(lambda: wrong)[0])
