"""Resolution PDFs: one language, or two side by side with the paragraphs aligned.

Adopted texts are rendered as PDF/A-3a (archival, tagged, Unicode text); all PDFs are cached by the
HTML they come from, so an unchanged resolution is never rendered twice.
"""
from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.i18n import html_lang, text_direction
from app.resolutions.models import Resolution, ResolutionFile, ResolutionState
from app.resolutions.services import numbered, opening, paragraph_html


def _variant(resolution: Resolution) -> str | None:
    return "pdf/a-3a" if resolution.state == ResolutionState.ADOPTED else None


def resolution_html(resolution: Resolution, lang: str) -> str:
    from app.documents.render import render_html

    return render_html("pdf/resolution.html", locale=lang, **_context(resolution, lang))


def _context(resolution: Resolution, lang: str) -> dict:
    preamble, operative = numbered(resolution)
    return {"r": resolution, "meeting": resolution.meeting, "code": lang,
            "edition": resolution.text_in(lang), "preamble": preamble, "operative": operative,
            "para": paragraph_html, "opening": opening}


def resolution_pdf(resolution: Resolution, lang: str) -> bytes:
    """An adopted text is printed once and kept: the same PDF/A file, byte for byte, for
    ever after (a later WeasyPrint or font would otherwise change the bytes)."""
    from app.documents.render import render_document

    if resolution.state != ResolutionState.ADOPTED:
        return render_document("pdf/resolution.html", locale=lang,
                               **_context(resolution, lang))
    kept = db.session.scalar(select(ResolutionFile).where(
        ResolutionFile.resolution_id == resolution.id, ResolutionFile.language == lang))
    if kept is not None:
        return kept.data
    data = render_document("pdf/resolution.html", locale=lang, pdf_variant=_variant(resolution),
                           **_context(resolution, lang))
    try:
        with db.session.begin_nested():
            db.session.add(ResolutionFile(resolution_id=resolution.id, language=lang,
                                          data=data, sha256=hashlib.sha256(data).hexdigest()))
    except IntegrityError:  # printed at the same moment by another request: keep theirs
        kept = db.session.scalar(select(ResolutionFile).where(
            ResolutionFile.resolution_id == resolution.id, ResolutionFile.language == lang))
        return kept.data
    db.session.commit()
    return data


def parallel_pdf(resolution: Resolution, left: str, right: str, reader: str) -> bytes:
    """Two editions side by side, row by row, each cell in its own language and direction."""
    from app.documents.render import render_document

    preamble, operative = numbered(resolution)
    return render_document(
        "pdf/resolution_parallel.html", locale=reader, pdf_variant=_variant(resolution),
        r=resolution, meeting=resolution.meeting,
        sides=[(code, html_lang(code), text_direction(code), resolution.text_in(code))
               for code in (left, right)],
        preamble=preamble, operative=operative, para=paragraph_html, opening=opening)
