"""Every automatic e-mail, as a recipient would get it, in any language, with sample values.

Each preview renders the real templates/mail/<kind>.{txt,html} with the subject built by the
very function the sending service calls (one source: no subject is written here), a sample
person (no real one's data) and sample links on the real routes.
The meeting's own data (title, host, letter) is used: it is not personal data.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import select

from app.accreditation.models import CategoryKind
from app.accreditation.services import NOTICE_EVENTS as ACCREDITATION_EVENTS
from app.accreditation.services import notice_subject as accreditation_subject
from app.agenda.models import AgendaItem
from app.agenda.publication import describe_change, published_subject
from app.auth.profile import email_change_subject
from app.auth.services import sign_in_link_subject
from app.auth.staff import invitation_subject, reset_subject
from app.doc_register.models import DocumentKind, DocumentStatus, MeetingDocument
from app.doc_register.services import notice_context
from app.doc_register.services import notice_subject as document_subject
from app.extensions import db
from app.i18n import TranslatedText, html_lang, language_name, text_direction
from app.invitations import services as invitations
from app.minutes.services import circulated_subject
from app.registration.services import NOTICE_EVENTS, notice_subject
from app.urls import public_url

SAMPLE_NAME = "Alex Example"  # nobody's name: the demo has no one by it
SAMPLE_TOKEN = "sample"  # noqa: S105 - not a secret: the links of a preview open nothing
SAMPLE_REASON = "…"  # a reason the secretariat types, in its own words


@dataclass(frozen=True)
class Preview:
    key: str  # in the page's address
    template: str  # templates/mail/<template>.{txt,html}
    subject: Callable[[dict], str]  # inside the recipient's locale, given the context
    context: Callable[[object, str], dict]  # (meeting, language) -> the template's values


@dataclass
class Rendered:
    key: str
    language: str
    subject: str
    text: str
    html: str


def _title(meeting, lang: str) -> str:
    return TranslatedText(meeting.title or {}).resolve(lang, meeting.working_language).text


def _text(value, meeting, lang: str) -> str:
    return TranslatedText(value or {}).resolve(lang, meeting.working_language).text


def _document(revised: bool):
    """The notice of an issued document: the meeting's first issued original (or revision),
    else a sample symbol under the meeting's prefix."""
    kind = DocumentKind.REVISION if revised else DocumentKind.ORIGINAL

    def context(meeting, lang: str) -> dict:
        doc = db.session.scalar(select(MeetingDocument).where(
            MeetingDocument.meeting_id == meeting.id, MeetingDocument.kind == kind,
            MeetingDocument.status == DocumentStatus.ISSUED)
            .order_by(MeetingDocument.id).limit(1)) if meeting.id else None
        if doc is not None:
            return {"name": SAMPLE_NAME, **notice_context(doc, lang)}
        symbol = f"{meeting.symbol_prefix or 'BC/1'}/WP/1"
        return {"name": SAMPLE_NAME, "symbol": f"{symbol}/Rev.1" if revised else symbol,
                "title": _title(meeting, lang), "revised": revised,
                "replaces": symbol if revised else None,
                "meeting_title": _title(meeting, lang),
                "languages": language_name(lang, lang), "in_own_language": True,
                "link": public_url("doc_register.index", slug=meeting.slug or "sample")}
    return context


def _document_subject(values: dict) -> str:
    kind = DocumentKind.REVISION if values["revised"] else DocumentKind.ORIGINAL
    return document_subject(kind, values["symbol"], values["title"])


def _host_name(meeting, lang: str) -> str:
    host = getattr(meeting, "host", None) or getattr(meeting, "secretariat", None)
    return _text(host.name, meeting, lang) if host is not None else ""


def _sign_in_link(lang: str) -> str:
    return public_url("auth.link", token=SAMPLE_TOKEN, lang=lang)


def _password_link(purpose: str, lang: str) -> str:
    return public_url("passwords.choose", purpose=purpose, token=SAMPLE_TOKEN, lang=lang)


def _invitation(meeting, lang: str) -> dict:
    letter = invitations.letter_of(meeting) if meeting.id else None
    if letter is None:
        return {"body": "", "reply_by": None, "letter_subject": _title(meeting, lang),
                "link": public_url("invitation_answers.answer", token=SAMPLE_TOKEN),
                "reminder": False}
    written = lang if lang in (letter.subject or {}) else meeting.working_language
    host = getattr(meeting, "host", None) or getattr(meeting, "secretariat", None)
    addressee = SimpleNamespace(addressee_name=SAMPLE_NAME, addressee_title="", quota=3,
                                organisation=SimpleNamespace(name=host.name if host else {}))
    subject, body = invitations.render_letter(meeting, letter, addressee, written)
    reply_by = invitations.letter_values(meeting, letter, addressee, lang)["reply_by"]
    return {"body": body, "letter_subject": subject, "reminder": False,
            "reply_by": None if reply_by in body else reply_by,
            "link": public_url("invitation_answers.answer", token=SAMPLE_TOKEN)}


def _registration(event: str):
    def context(meeting, lang: str) -> dict:
        number = f"{meeting.symbol_prefix or 'BC'}/REG/0001"
        return {"event": event, "registration": SimpleNamespace(display_name=SAMPLE_NAME),
                "meeting_title": _title(meeting, lang), "agency": _host_name(meeting, lang),
                "link": _sign_in_link(lang) if event in ("received", "approved") else "",
                "reference": number, "reason": SAMPLE_REASON, "minutes": 15}
    return context


def _accreditation(event: str):
    def context(meeting, lang: str) -> dict:
        return {"event": event, "accreditation": SimpleNamespace(display_name=SAMPLE_NAME),
                "meeting_title": _title(meeting, lang),
                "category": CategoryKind.label_of(CategoryKind.PRESS),
                "reference": f"{meeting.symbol_prefix or 'BC'}/ACC/0001",
                "reason": SAMPLE_REASON}
    return context


def _agenda(adopted: bool):
    def context(meeting, lang: str) -> dict:
        changes = []
        item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                                 .order_by(AgendaItem.id).limit(1)) if meeting.id else None
        if item is not None:
            changes = [describe_change(SimpleNamespace(kind="documents", number="1",
                                                       title=item.title), meeting, lang)]
        return {"name": SAMPLE_NAME, "meeting_title": _title(meeting, lang),
                "symbol": f"{meeting.symbol_prefix or 'BC'}/1/Rev.1", "adopted": adopted,
                "changes": changes,
                "link": public_url("agenda.read", slug=meeting.slug or "sample", lang=lang)}
    return context


PREVIEWS: tuple[Preview, ...] = (
    Preview("invitation", "invitation", lambda v: v["letter_subject"], _invitation),
    *(Preview(f"registration-{event}", "registration",
              lambda v, event=event: notice_subject(event, v["meeting_title"]),
              _registration(event))
      for event in NOTICE_EVENTS),
    *(Preview(f"accreditation-{event}", "accreditation",
              lambda v, event=event: accreditation_subject(event, v["meeting_title"]),
              _accreditation(event))
      for event in ACCREDITATION_EVENTS),
    Preview("sign-in-link", "sign_in_link", lambda v: sign_in_link_subject(),
            lambda meeting, lang: {"name": SAMPLE_NAME, "minutes": 15,
                                   "link": _sign_in_link(lang)}),
    Preview("agenda-published", "agenda_published",
            lambda v: published_subject(v["meeting_title"], False), _agenda(False)),
    Preview("agenda-adopted", "agenda_published",
            lambda v: published_subject(v["meeting_title"], True), _agenda(True)),
    Preview("minutes-circulated", "minutes_circulated",
            lambda v: circulated_subject(v["meeting_title"]),
            lambda meeting, lang: {
                "name": SAMPLE_NAME, "meeting_title": _title(meeting, lang),
                "link": public_url("minutes.index", slug=meeting.slug or "sample")}),
    Preview("head-named", "head_named",
            lambda v: invitations.head_named_subject(v["meeting_title"]),
            lambda meeting, lang: {
                "name": SAMPLE_NAME, "meeting_title": _title(meeting, lang),
                "agency": _host_name(meeting, lang), "link": _sign_in_link(lang),
                "minutes": 15}),
    Preview("email-change", "email_change", lambda v: email_change_subject(),
            lambda meeting, lang: {"name": SAMPLE_NAME,
                                   "link": public_url("auth.confirm_email",
                                                      token=SAMPLE_TOKEN)}),
    Preview("staff-invitation", "staff_invitation", lambda v: invitation_subject(),
            lambda meeting, lang: {"name": SAMPLE_NAME, "meeting_title": _title(meeting, lang),
                                   "role": "staff", "days": 7,
                                   "link": _password_link("invitation", lang)}),
    Preview("circular", "circular", lambda v: v["circular_subject"],
            lambda meeting, lang: {"name": SAMPLE_NAME, "circular_subject": _title(meeting, lang),
                                   "body": _title(meeting, lang),
                                   "attachments": ["document.pdf"]}),
    Preview("document-issued", "document_issued", _document_subject, _document(False)),
    Preview("document-revised", "document_issued", _document_subject, _document(True)),
    Preview("password-reset", "password_reset", lambda v: reset_subject(),
            lambda meeting, lang: {"name": SAMPLE_NAME, "minutes": 60,
                                   "link": _password_link("reset", lang)}),
)


def available() -> list[Preview]:
    """The previews whose templates exist (a kind another part adds appears with them)."""
    from flask import current_app

    names = set(current_app.jinja_env.list_templates())
    return [p for p in PREVIEWS
            if f"mail/{p.template}.txt" in names and f"mail/{p.template}.html" in names]


def find(key: str) -> Preview | None:
    return next((p for p in available() if p.key == key), None)


def render(preview: Preview, meeting, lang: str) -> Rendered:
    """Subject, text and HTML of the e-mail in `lang`, as queue_templated renders them."""
    with force_locale(lang):
        values = preview.context(meeting, lang)
        subject = " ".join(preview.subject(values).split())
        values.update(lang=html_lang(lang), dir=text_direction(lang), subject=subject)
        text = render_template(f"mail/{preview.template}.txt", **values)
        html = render_template(f"mail/{preview.template}.html", **values)
    return Rendered(preview.key, lang, subject, text, html)


def render_circular(circular, lang: str) -> Rendered:
    """A circular in one of its languages, as its recipients get it (a sample name)."""
    preview = Preview("circular", "circular", lambda v: circular.subject[lang],
                      lambda meeting, lang: {
                          "name": SAMPLE_NAME, "body": circular.body[lang],
                          "attachments": [a.filename for a in circular.attachments]})
    return render(preview, circular.meeting, lang)
