"""The invitation letter as a PDF, on the host's letterhead."""
from __future__ import annotations

from app.invitations.models import Invitation


def letter_pdf(meeting, invitation: Invitation | None, lang: str, subject: str, body: str,
               reader: str) -> bytes:
    """The letter in `lang` (subject and body from services.render_letter); the names on the
    letterhead follow the reader's locale. Addressed to a named person, it is cached only
    encrypted, in the meeting's part of the cache that its purge deletes."""
    from app.documents.render import render_document

    return render_document("pdf/letter.html", locale=lang, ui_locale=reader, personal=meeting.id,
                           meeting=meeting, subject=subject, body=body, invitation=invitation)
