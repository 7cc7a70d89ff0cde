"""HTML to PDF with WeasyPrint; the result is cached under instance/pdf-cache.

Documents without personal data (agenda, minutes, resolutions) are cached in plain files named
by the SHA-256 of their HTML. A document that carries a person's data (visa letter,
confirmation, badges, list of participants, a personal invitation letter) is cached only
encrypted under DATA_KEYS, in pdf-cache/meeting-<id>/ (which the meeting's purge deletes), under
a name keyed by SECRET_KEY (HMAC), so neither its bytes nor its name reveal the person.
"""
from __future__ import annotations

import gc
import hashlib
import hmac
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import icu
import weasyprint
import weasyprint.layout
from flask import current_app
from weasyprint.text.fonts import FontConfiguration

from app.config import ROOT
from app.crypto import DecryptionError, decrypt_bytes, encrypt_bytes
from app.documents import lazy_styles, tagging, text_layer
from app.documents.errors import RenderError
from app.documents.linebreak import with_break_opportunities

PRINT_CSS = ROOT / "static" / "css" / "print.css"
tagging.install()  # /Lang on the structure elements of parts in another language
text_layer.install()  # a Unicode value for every glyph, extraction in reading order
lazy_styles.install()  # no style for a marker or footnote call that is never drawn


_local = threading.local()


def _counting_pages(make_all_pages):
    """WeasyPrint lays the pages out one by one: each one laid out is told to the callback of
    `pages_laid_out` in force on this thread (a background job's progress bar)."""
    def counted(*args, **kwargs):
        for number, page in enumerate(make_all_pages(*args, **kwargs), start=1):
            callback = getattr(_local, "on_page", None)
            if callback is not None:
                callback(number)
            yield page
    counted.counting = True
    return counted


if not getattr(weasyprint.layout.make_all_pages, "counting", False):
    weasyprint.layout.make_all_pages = _counting_pages(weasyprint.layout.make_all_pages)


@contextmanager
def pages_laid_out(callback) -> Iterator[None]:
    """Inside the block, `callback(number)` after each page this thread lays out (again from 1
    on a second pass, which WeasyPrint makes for "Page N of M")."""
    previous = getattr(_local, "on_page", None)
    _local.on_page = callback
    try:
        yield
    finally:
        _local.on_page = previous


_collector_lock = threading.Lock()
_renders_under_way = 0
_collector_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector is off while a PDF is rendered, on every thread of the
    process, and back as it was once the last render under way ends.

    WeasyPrint builds a tree of boxes, styles and glyph runs that lives until the PDF is
    written: millions of objects for a long list. Each full collection walks all of them and
    frees almost nothing, since nearly all of it is freed by reference counting when the render
    ends. Measured on the list of 2,000 participants (83 pages): ten full collections, 2.2 to
    2.5 s of a 14 to 19 s render, and 12 MB more at the peak without them (453 → 466 MB)."""
    global _renders_under_way, _collector_was_enabled
    with _collector_lock:
        if _renders_under_way == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _renders_under_way += 1
    try:
        yield
    finally:
        with _collector_lock:
            _renders_under_way -= 1
            if _renders_under_way == 0 and _collector_was_enabled:
                gc.enable()


def _collector_after_fork() -> None:
    """A process forked while a render was under way on another of its threads (a job
    worker's pool, say) has no render of its own: its collector is on, as it was before."""
    global _collector_lock, _renders_under_way
    _collector_lock = threading.Lock()  # the parent's may have been held at the fork
    if _renders_under_way:
        _renders_under_way = 0
        if _collector_was_enabled:
            gc.enable()


os.register_at_fork(after_in_child=_collector_after_fork)


def _font_config() -> FontConfiguration:
    """One font configuration per thread, reused: a new one per document makes memory swing
    by hundreds of megabytes (measured), and fontconfig objects are not shared across threads."""
    if not hasattr(_local, "fonts"):
        _local.fonts = FontConfiguration()
    return _local.fonts


def _cache_root() -> Path:
    return Path(current_app.instance_path) / "pdf-cache"


def _cache_dir(personal: int | None) -> Path:
    path = _cache_root() if personal is None else _cache_root() / f"meeting-{int(personal)}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _cache_name(html: str, pdf_variant: str | None, personal: int | None,
                tagged: bool = True) -> str:
    material = "\0".join((weasyprint.__version__, text_layer.VERSION, icu.ICU_VERSION,
                          pdf_variant or "",
                          "tagged" if tagged else "untagged", html)).encode()
    if personal is None:
        return hashlib.sha256(material).hexdigest() + ".pdf"
    # Keyed: a plain hash of the HTML would let anyone holding a guess of the person's data
    # confirm it against the file names.
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"pdf-cache\0" + material, hashlib.sha256).hexdigest() + ".fernet"


def _read_cached(path: Path, personal: int | None) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if personal is None:
        return data
    try:
        return decrypt_bytes(data)
    except DecryptionError:  # written under a key no longer configured: render again
        return None


def render_pdf(html: str, *, pdf_variant: str | None = None,
               personal: int | None = None, tagged: bool = True) -> bytes:
    """Render (or fetch from the cache) the PDF of a complete HTML document.

    Every document is a tagged PDF (a structure tree: headings, paragraphs, lists, tables and
    their header cells, figures with their alternative text, the language of the document and
    of each part in another language), for screen readers, reflow and PDF/A level A.
    `tagged=False` exists only to measure what the tags cost (bench/run.py).

    personal: the id of the meeting whose delegates' personal data the document carries;
    such a document is cached only encrypted, in that meeting's part of the cache.
    """
    cached = _cache_dir(personal) / _cache_name(html, pdf_variant, personal, tagged)
    found = _read_cached(cached, personal)
    if found is not None:
        return found
    try:
        with collector_paused():
            document = weasyprint.HTML(string=with_break_opportunities(html),
                                       base_url=str(ROOT / "static"))
            data = document.write_pdf(pdf_variant=pdf_variant, pdf_tags=tagged,
                                      font_config=_font_config())
    except Exception as exc:  # noqa: BLE001 - any rendering failure becomes one clear error
        raise RenderError(str(exc)) from exc
    stored = data if personal is None else encrypt_bytes(data)
    try:
        handle, temporary = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(stored)
        os.replace(temporary, cached)  # atomic: concurrent workers never read half a file
    except FileNotFoundError:  # the meeting's cache was purged meanwhile: keep nothing
        pass
    return data


def forget_personal_documents(meeting_id: int | None = None) -> None:
    """Delete the cached documents with personal data: of one meeting (its purge), or of every
    meeting (after a key rotation: they are rendered again under the newest key)."""
    root = _cache_root()
    if meeting_id is not None:
        shutil.rmtree(root / f"meeting-{int(meeting_id)}", ignore_errors=True)
        return
    for path in root.glob("meeting-*"):
        shutil.rmtree(path, ignore_errors=True)


def pdf_response(data: bytes, filename: str, *, attachment: bool = False):
    """A PDF for the browser: shown inline (or downloaded) under a readable file name."""
    from flask import Response

    response = Response(data, mimetype="application/pdf")
    kind = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return response
