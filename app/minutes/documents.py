"""The minutes as an A4 PDF for the meeting room: cover, attendance, items, action points."""
from __future__ import annotations

from flask_babel import force_locale

from app.i18n import TranslatedText
from app.meetings.services import address_line
from app.minutes import services
from app.minutes.models import Minutes


def minutes_html(meeting, minutes: Minutes, lang: str, levels: set | None = None) -> str:
    """`levels`: the reader's agenda visibility levels (None: every item, the secretariat)."""
    from app.documents.render import render_html

    return render_html("pdf/minutes.html", locale=lang,
                       **_context(meeting, minutes, lang, levels))


def minutes_pdf(meeting, minutes: Minutes, lang: str, levels: set | None = None) -> bytes:
    from app.documents.render import render_document

    return render_document("pdf/minutes.html", locale=lang,
                           **_context(meeting, minutes, lang, levels))


def _context(meeting, minutes: Minutes, lang: str, levels: set | None) -> dict:
    items = services.items(meeting, minutes, levels)
    with force_locale(lang):
        kind, attendance = services.attendance(meeting)
    return {"meeting": meeting, "minutes": minutes, "code": lang, "items": items,
            "attendance": attendance, "attendance_kind": kind,
            "markdown": services.render_markdown,
            "actions": services.action_points(meeting, None if levels is None else items),
            "address": _address(meeting, lang)}


def _address(meeting, lang: str) -> str:
    def text(value) -> str:
        return TranslatedText(value or {}).resolve(lang, meeting.working_language).text

    return address_line(text(meeting.venue), text(meeting.city), *(meeting.city or {}).values())

