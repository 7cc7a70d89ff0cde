"""The printable agenda: one standalone HTML document, the source of the PDF and HTML export."""
from __future__ import annotations

from flask_babel import force_locale

from app.agenda import services


def agenda_html(meeting, snapshot: dict, version, levels, lang: str) -> str:
    """The agenda as the reader with these visibility levels may see it, in one language."""
    from app.documents.render import render_html

    return render_html("pdf/agenda.html", locale=lang,
                       **_context(meeting, snapshot, version, levels, lang))


def agenda_pdf(meeting, snapshot: dict, version, levels, lang: str) -> bytes:
    from app.documents.render import render_document

    return render_document("pdf/agenda.html", locale=lang,
                           **_context(meeting, snapshot, version, levels, lang))


def _context(meeting, snapshot: dict, version, levels, lang: str) -> dict:
    with force_locale(lang):
        days = services.reading_days(snapshot, levels, meeting.timezone, now=_never())
        symbol = services.version_symbol(meeting, version) if version else ""
    return {"meeting": meeting, "days": days, "version": version, "symbol": symbol}


def _never():
    """A moment long past, so printed agendas carry no 'now' or 'next' marks."""
    from datetime import datetime

    return datetime(1970, 1, 1)
