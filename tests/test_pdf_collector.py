"""The cyclic garbage collector is paused while a PDF is rendered (issue 24): off during the
render on every thread, back as it was after it, after a failed render too, and only once the
last of several renders under way has ended."""
from __future__ import annotations

import gc
import threading

import pytest
import weasyprint
from flask import Flask

from app.documents import pdf as pipeline
from app.documents.errors import RenderError

HTML = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
        '<body><h1>Operative paragraphs</h1><p>Decides to act.</p></body></html>')


@pytest.fixture
def context(tmp_path):
    app = Flask(__name__, instance_path=str(tmp_path))
    app.config["SECRET_KEY"] = "collector-test"
    with app.app_context():
        yield
    assert pipeline._renders_under_way == 0


@pytest.fixture
def collector():
    """Each test starts with the collector on, and leaves it as the suite had it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_while_pages_are_laid_out_and_on_again_after(context, collector):
    seen = []
    with pipeline.pages_laid_out(lambda number: seen.append(gc.isenabled())):
        data = pipeline.render_pdf(HTML)
    assert data.startswith(b"%PDF-")
    assert seen == [False]  # one page, laid out with the collector off
    assert gc.isenabled()


def test_a_failed_render_turns_the_collector_on_again(context, collector, monkeypatch):
    def broken(*args, **kwargs):
        assert not gc.isenabled()
        raise ValueError("no font for this glyph")

    monkeypatch.setattr(weasyprint, "HTML", broken)
    with pytest.raises(RenderError, match="no font for this glyph"):
        pipeline.render_pdf(HTML)
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off(context, collector):
    gc.disable()
    pipeline.render_pdf(HTML)
    assert not gc.isenabled()


def test_the_collector_comes_back_when_the_last_of_two_renders_ends(context, collector):
    inside, release = threading.Event(), threading.Event()

    def long_render():
        with pipeline.collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=long_render)
    thread.start()
    assert inside.wait(10)
    with pipeline.collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other render is still under way
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_process_forked_during_a_render_has_its_collector_on(collector):
    import os

    with pipeline.collector_paused():
        pid = os.fork()
        if pid == 0:  # the child: exit code 0 if its collector is on and a render can pause it
            try:
                ok = gc.isenabled() and pipeline._renders_under_way == 0
                with pipeline.collector_paused():
                    ok = ok and not gc.isenabled()
                ok = ok and gc.isenabled()
            finally:
                os._exit(0 if ok else 1)
        assert not gc.isenabled()  # the parent's render goes on with it off
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert gc.isenabled()
