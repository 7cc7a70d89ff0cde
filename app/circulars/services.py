"""Circulars: who receives one, in which language, with which files; written as a draft (its
preview), then sent once through the outbox, each recipient in their own language."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from app.agenda.uploads import DocumentRefused, check_document
from app.audit.services import record
from app.auth.models import Membership, Role
from app.circulars.models import Audience, Circular, CircularRecipient
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, language_name, normalise_locale
from app.mail.models import MailAttachment, outbox_message_attachment
from app.mail.services import queue_templated
from app.meetings.models import MeetingOrganisation, ParticipationCategory
from app.models_base import utcnow
from app.registration.models import HOLDS_SEAT, Registration

#: What may be attached: the type is checked on the content (agenda.uploads.check_document).
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # all of them together: what mail servers accept
MAX_SUBJECT = 200
MAX_BODY = 20_000


class CircularError(DomainError):
    pass


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str  # the person's own (their saved choice, else their registration's)


def recipients(meeting, audience: Audience, organisation_id: int | None = None,
               category: str | None = None) -> list[Recipient]:
    """Who the audience names, once each (by address), in a stable order."""
    organisations = None
    if audience == Audience.DELEGATION:
        organisations = {organisation_id}
    elif audience == Audience.CATEGORY:
        organisations = set(db.session.scalars(select(MeetingOrganisation.organisation_id).where(
            MeetingOrganisation.meeting_id == meeting.id,
            MeetingOrganisation.category == category)))
    found: dict[str, Recipient] = {}

    def add(email: str, name: str, saved: str | None, fallback: str) -> None:
        key = email.lower()
        if key not in found:
            found[key] = Recipient(key, name or "", normalise_locale(saved) or fallback)

    heads = db.session.scalars(select(Membership).where(
        Membership.meeting_id == meeting.id, Membership.role == Role.HEAD)
        .order_by(Membership.id)).all()
    for head in heads:
        if head.user.active and (organisations is None or head.organisation_id in organisations):
            add(head.user.email, head.user.name, head.user.locale, meeting.working_language)
    if audience != Audience.HEADS:
        registrations = db.session.scalars(select(Registration).where(
            Registration.meeting_id == meeting.id, Registration.status.in_(HOLDS_SEAT))
            .order_by(Registration.id)).all()
        for registration in registrations:
            if organisations is None or registration.organisation_id in organisations:
                add(registration.email, registration.display_name,
                    registration.user.locale if registration.user else None,
                    registration.language)
    return sorted(found.values(), key=lambda r: (r.language, r.email))


def _written(texts: dict, language: str) -> bool:
    return bool((texts.get("subject") or {}).get(language, "").strip()
                and (texts.get("body") or {}).get(language, "").strip())


def language_of(meeting, subject: dict, body: dict, recipient: Recipient,
                fallback: bool) -> str | None:
    """The language of the text the recipient gets, or None when there is none for them."""
    texts = {"subject": subject, "body": body}
    if _written(texts, recipient.language):
        return recipient.language
    if fallback and _written(texts, meeting.working_language):
        return meeting.working_language
    return None


def _missing(meeting, subject, body, people, fallback) -> dict[str, list[Recipient]]:
    missing: dict[str, list[Recipient]] = {}
    for person in people:
        if language_of(meeting, subject, body, person, fallback) is None:
            missing.setdefault(person.language, []).append(person)
    return missing


def _missing_problems(meeting, missing: dict, problems: Problems, reader: str) -> None:
    """Say who has no text, per language, and offer the working language."""
    working = language_name(meeting.working_language, reader)
    for code, people in sorted(missing.items()):
        names = ", ".join(p.name or p.email for p in people[:10])
        more = len(people) - 10
        if more > 0:
            names += " " + ngettext("and %(num)d more", "and %(num)d more", more)
        problems.add(_("No text in %(language)s for: %(people)s. Write it, or send them the "
                       "%(working)s text (tick the box below).",
                       language=language_name(code, reader),
                       people=names, working=working), f"body_{code}")


def check_attachment(filename: str, data: bytes) -> tuple[str, str]:
    """(clean file name, content type), or CircularError: PDF, DOCX or XLSX by content."""
    name = "".join(ch for ch in (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
                   if ch.isprintable() and ch not in '"<>:|?*').strip()[:200] or "attachment"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise CircularError(_("“%(name)s”: attach PDF, DOCX or XLSX files only.", name=name),
                            "attachments")
    try:
        check_document(extension, data)
    except DocumentRefused as exc:
        raise CircularError(_("“%(name)s”: %(reason)s", name=name, reason=exc.message),
                            "attachments") from exc
    return name, ATTACHMENT_TYPES[extension]


def write(meeting, *, subject: dict, body: dict, audience: str, organisation_id=None,
          category=None, working_language_fallback: bool = False, files=(),
          actor=None, reader: str = "en") -> Circular:
    """The draft a preview shows: every problem of the form at once, nothing saved if any.
    `reader`: the locale of the person writing, in which languages are named."""
    problems = Problems(CircularError)
    subject = {code: " ".join((subject.get(code) or "").split())[:MAX_SUBJECT]
               for code in LOCALES if (subject.get(code) or "").strip()}
    body = {code: (body.get(code) or "").strip().replace("\r\n", "\n")
            for code in LOCALES if (body.get(code) or "").strip()}
    for code in LOCALES:
        if (code in subject) != (code in body):
            problems.add(_("Write both the subject and the text in %(language)s, or neither.",
                           language=language_name(code, reader)),
                         f"subject_{code}" if code not in subject else f"body_{code}")
        if len(body.get(code, "")) > MAX_BODY:
            problems.add(_("The text is too long."), f"body_{code}")
    if not subject or not body:
        problems.add(_("Write the subject and text in at least one language."),
                     f"subject_{meeting.working_language}")
    try:
        audience = Audience(audience)
    except ValueError:
        problems.add(_("Not a valid choice."), "audience")
        audience = None
    if audience == Audience.DELEGATION:
        taking_part = set(db.session.scalars(select(MeetingOrganisation.organisation_id).where(
            MeetingOrganisation.meeting_id == meeting.id)))
        if organisation_id not in taking_part:
            problems.add(_("Choose the delegation."), "organisation")
    if audience == Audience.CATEGORY and category not in {c.value for c in
                                                          ParticipationCategory}:
        problems.add(_("Choose the category."), "category")
    files = [(name, data) for name, data in files if name or data]
    if len(files) > MAX_ATTACHMENTS:
        problems.add(ngettext("Attach at most %(num)d file.", "Attach at most %(num)d files.",
                              MAX_ATTACHMENTS), "attachments")
    if sum(len(data) for _name, data in files) > MAX_ATTACHMENT_BYTES:
        problems.add(_("The attachments are too large together (at most %(size)d MB).",
                       size=MAX_ATTACHMENT_BYTES // (1024 * 1024)), "attachments")
    checked = [problems.check(check_attachment, name, data) for name, data in files]
    people = []
    if audience is not None and not problems.has("organisation") \
            and not problems.has("category"):
        people = recipients(meeting, audience, organisation_id, category)
        if not people:
            problems.add(_("Nobody is in this group yet."), "audience")
        _missing_problems(meeting, _missing(meeting, subject, body, people,
                                            working_language_fallback), problems, reader)
    problems.raise_if_any()
    circular = Circular(
        meeting_id=meeting.id, subject=subject, body=body, audience=audience,
        organisation_id=organisation_id if audience == Audience.DELEGATION else None,
        category=category if audience == Audience.CATEGORY else None,
        working_language_fallback=working_language_fallback,
        created_by_id=getattr(actor, "id", None))
    for (name, content_type), (_name, data) in zip(checked, files, strict=True):
        circular.attachments.append(MailAttachment(filename=name, content_type=content_type,
                                                   size=len(data), data=data))
    db.session.add(circular)
    db.session.flush()
    return circular


def planned(circular: Circular) -> list[tuple[Recipient, str | None]]:
    """Each recipient with the language of the text they would get (None: none)."""
    meeting = circular.meeting
    return [(person, language_of(meeting, circular.subject, circular.body, person,
                                 circular.working_language_fallback))
            for person in recipients(meeting, circular.audience, circular.organisation_id,
                                     circular.category)]


def send(circular: Circular, *, expected: int, actor=None, reader: str = "en") -> int:
    """Queue the circular to each recipient in their language, with the attachments; log who
    got what. Refused if already sent, or if the recipients changed since the preview."""
    if circular.sent_at is not None:
        raise CircularError(_("This circular has already been sent."))
    meeting = circular.meeting
    plan = planned(circular)
    problems = Problems(CircularError)
    if len(plan) != expected:
        problems.add(_("The recipients changed since the preview (now %(num)d): check the "
                       "preview again.", num=len(plan)))
    missing: dict[str, list[Recipient]] = {}
    for person, lang in plan:
        if lang is None:
            missing.setdefault(person.language, []).append(person)
    _missing_problems(meeting, missing, problems, reader)
    problems.raise_if_any()
    circular.sent_at, circular.sent_by_id = utcnow(), getattr(actor, "id", None)
    attachment_ids = [a.id for a in circular.attachments]
    for person, lang in plan:
        message = queue_templated(
            "circular", person.email, lang,
            lambda lang=lang: circular.subject[lang], meeting=meeting, name=person.name,
            body=circular.body[lang],
            attachments=[a.filename for a in circular.attachments])
        message.kind = "circular"
        db.session.flush()
        if attachment_ids:
            db.session.execute(outbox_message_attachment.insert(), [
                {"message_id": message.id, "attachment_id": a} for a in attachment_ids])
        circular.recipients.append(CircularRecipient(
            email=person.email, name=person.name[:200], language=lang,
            wanted_language=person.language, message_id=message.id))
    record("circulars.sent", circular, meeting=meeting, recipients=len(plan),
           attachments=len(attachment_ids))
    return len(plan)


def discard(circular: Circular) -> None:
    """A draft not sent is dropped with its files."""
    if circular.sent_at is not None:
        raise CircularError(_("This circular has already been sent."))
    for attachment in list(circular.attachments):
        db.session.delete(attachment)
    db.session.delete(circular)


# --- personal data ----------------------------------------------------------------------------

def received(email: str, meeting_id: int | None = None) -> list[dict]:
    """The circulars sent to an address (at one meeting, or any), for the person's own data:
    what they received, when, in which language."""
    query = (select(CircularRecipient).join(Circular)
             .where(CircularRecipient.email == (email or "").lower(),
                    Circular.sent_at.is_not(None)))
    if meeting_id is not None:
        query = query.where(Circular.meeting_id == meeting_id)
    return [{"meeting": row.circular.meeting.slug, "circular": row.circular_id,
             "sent_at": row.circular.sent_at.isoformat() + "Z", "language": row.language,
             "subject": row.circular.subject.get(row.language, ""), "name": row.name,
             "email": row.email}
            for row in db.session.scalars(query.order_by(CircularRecipient.id))]


def forget_recipients(meeting) -> int:
    """Erase the names and addresses in the log of who received the meeting's circulars
    (the languages and the delivery status stay, for the record). Returns how many."""
    rows = db.session.scalars(select(CircularRecipient).join(Circular).where(
        Circular.meeting_id == meeting.id, CircularRecipient.email != "")).all()
    for row in rows:
        row.email, row.name = "", ""
    if rows:
        record("circulars.recipients_erased", meeting, meeting=meeting, recipients=len(rows))
    return len(rows)
