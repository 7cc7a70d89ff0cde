"""The content translation workflow: what meeting content lacks which language, and a
side-by-side editor that fills one target language from a source language."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from app.agenda import services as agenda_services
from app.agenda.models import AgendaItem, AgendaSession
from app.audit.services import record
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, localized
from app.invitations.services import check_template, letter_of
from app.models_base import utcnow


@dataclass
class Piece:
    key: str
    label: str
    values: dict
    long: bool = False


def pieces(meeting) -> list[Piece]:
    """Every multilingual text of the meeting, in reading order."""
    found = [Piece("meeting.title", _("Meeting: title"), meeting.title),
             Piece("meeting.city", _("Meeting: city"), meeting.city),
             Piece("meeting.venue", _("Meeting: venue"), meeting.venue),
             Piece("meeting.public_summary", _("Meeting: public summary"),
                   meeting.public_summary or {}, long=True)]
    snapshot = agenda_services.serialize(meeting)
    for block in snapshot["sessions"]:
        title = localized(block["title"], meeting.working_language).text
        found.append(Piece(f"session.{block['id']}.title", _("Session: %(title)s", title=title),
                           block["title"]))
        for item in block["items"]:
            for entry in (item, *item["children"]):
                found.append(Piece(f"item.{entry['id']}.title",
                                   _("Item %(number)s: title", number=entry["number"]),
                                   entry["title"]))
                if entry["description"] or entry is item:
                    found.append(Piece(f"item.{entry['id']}.description",
                                       _("Item %(number)s: description",
                                         number=entry["number"]), entry["description"],
                                       long=True))
    letter = letter_of(meeting)
    if letter is not None:
        found += [Piece("letter.subject", _("Invitation letter: subject"), letter.subject),
                  Piece("letter.body", _("Invitation letter: body"), letter.body, long=True)]
    return found


def coverage(items: list[Piece]) -> dict[str, int]:
    """How many of the texts that exist in some language exist in each language."""
    present = [p for p in items if any((v or "").strip() for v in p.values.values())]
    return {code: sum(1 for p in present if (p.values.get(code) or "").strip())
            for code in LOCALES}


class TranslationError(ValueError):
    def __init__(self, message: str, key: str):
        super().__init__(message)
        self.message = message
        self.key = key


def save_translations(meeting, target: str, texts: dict[str, str]) -> int:
    """Write the target-language texts; returns how many changed. All or nothing."""
    changed = 0
    letter = letter_of(meeting)
    for key, raw in texts.items():
        text = (raw or "").replace("\x00", "").strip()
        owner, field = _owner(meeting, letter, key)
        if owner is None:
            continue
        if key.startswith("letter.") and text:
            from app.invitations.services import InvitationError

            try:
                check_template(text, key)
            except InvitationError as error:
                raise TranslationError(error.message, key) from error
        current = TranslatedText(getattr(owner, field) or {})
        if (current.get(target) or "") == text:
            continue
        updated = {**current}
        if text:
            updated[target] = text if field != "title" else " ".join(text.split())
        else:
            updated.pop(target, None)
        if key.startswith(("meeting.title", "session.", "item.")) and field == "title" \
                and not updated.get(meeting.working_language):
            raise TranslationError(_("Give the title in the meeting's working language."), key)
        setattr(owner, field, updated)
        if isinstance(owner, AgendaItem):
            owner.sequence += 1  # calendars show the new text
            owner.updated_at = utcnow()
        changed += 1
    if changed:
        record("meetings.translations_saved", meeting, meeting=meeting, language=target,
               changed=changed)
    return changed


def _owner(meeting, letter, key: str):
    parts = key.split(".")
    if parts[0] == "meeting" and len(parts) == 2 and parts[1] in (
            "title", "city", "venue", "public_summary"):
        return meeting, parts[1]
    if parts[0] == "letter" and len(parts) == 2 and parts[1] in ("subject", "body") and letter:
        return letter, parts[1]
    if parts[0] in ("session", "item") and len(parts) == 3 and parts[1].isdigit():
        model = AgendaSession if parts[0] == "session" else AgendaItem
        allowed = ("title",) if parts[0] == "session" else ("title", "description")
        row = db.session.get(model, int(parts[1]))
        if row is not None and row.meeting_id == meeting.id and parts[2] in allowed:
            return row, parts[2]
    return None, None
