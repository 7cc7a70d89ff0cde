"""Registration documents: confirmation, visa support letter, badges, list of participants."""
from __future__ import annotations

import base64
from datetime import date
from functools import lru_cache

import segno
from flask_babel import force_locale

from app.documents.tables import csv_text, xlsx_bytes
from app.i18n import country_name
from app.registration.models import DelegationRole, Registration
from app.urls import public_url

ROLE_COLOURS = {  # badge bands; each passes 4.5:1 against white text
    DelegationRole.HEAD: "#8a1c1c", DelegationRole.DELEGATE: "#0b4f8a",
    DelegationRole.ADVISER: "#1d6b3a", DelegationRole.INTERPRETER: "#5b3a8c",
    DelegationRole.OBSERVER: "#505050",
}


def check_in_url(registration: Registration) -> str:
    return public_url("registration.check_in", slug=registration.meeting.slug,
                      code=registration.badge_code)


QUIET_ZONE = 4  # modules of light margin around a QR symbol (ISO/IEC 18004)
NAME_SIZES = ((60, "name-longest"), (36, "name-longer"), (22, "name-long"))


@lru_cache(maxsize=4096)
def qr_data_uri(text: str) -> str:
    """The symbol with the quiet zone ISO/IEC 18004 asks for (4 modules), scalable to the box
    the print CSS gives it (a viewBox, no fixed size)."""
    return segno.make(text, error="m").svg_data_uri(scale=4, border=QUIET_ZONE, omitsize=True)


def name_size(name: str | None) -> str:
    """A class that shrinks a name on a badge as it grows, so that a long name fits a line or
    two of its box instead of running off the card."""
    return next((size for limit, size in NAME_SIZES if len(name or "") > limit), "")


def photo_data_uri(registration: Registration) -> str:
    if registration.photo is None:
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(registration.photo.data).decode()


def _render(template: str, lang: str, meeting, **context) -> bytes:
    """Every registration document carries delegates' personal data: cached only encrypted,
    in the meeting's part of the cache that its purge deletes."""
    from app.documents.render import render_document

    return render_document(template, locale=lang, personal=meeting.id, meeting=meeting,
                           **context)


def badges_pdf(meeting, rows: list[Registration], lang: str) -> bytes:
    badges = [{"r": r, "qr": qr_data_uri(check_in_url(r)), "photo": photo_data_uri(r),
               "colour": ROLE_COLOURS[r.role],
               "size": {field: name_size(getattr(r, field))
                        for field in ("given_names", "family_name", "native_name")}}
               for r in rows]
    return _render("pdf/badges.html", lang, meeting, badges=badges)


def participants_pdf(meeting, rows: list[Registration], lang: str) -> bytes:
    return _render("pdf/participants.html", lang, meeting, rows=rows, reader=lang)


def confirmation_pdf(registration: Registration) -> bytes:
    lang = registration.language
    return _render("pdf/registration_confirmation.html", lang, registration.meeting,
                   r=registration,
                   qr=qr_data_uri(check_in_url(registration)))


def visa_letter_pdf(registration: Registration, lang: str = "en",
                    today: date | None = None) -> bytes:
    """On the host's letterhead, in English (what consulates read), followed by a translation
    in the delegate's language on a second page."""
    from app.documents.pdf import render_pdf

    return render_pdf(visa_letter_html(registration, lang, today),
                      personal=registration.meeting.id)


def visa_letter_html(registration: Registration, lang: str = "en",
                     today: date | None = None) -> str:
    """The letter's HTML: each section carries its own lang, which the tagged PDF keeps."""
    from datetime import date as date_type

    from app.documents.render import render_html

    sections = []
    for number, language in enumerate(["en"] + ([lang] if lang != "en" else [])):
        sections.append(render_html(
            "pdf/_visa_letter_section.html", locale=language, meeting=registration.meeting,
            r=registration, translation=number > 0, today=today or date_type.today(),
            birth=date_type.fromisoformat(registration.birth_date)))
    return render_html("pdf/visa_letter.html", locale="en", meeting=registration.meeting,
                       r=registration, sections=sections)


PARTICIPANT_COLUMNS = ("country_or_body", "organisation", "family_name", "given_names",
                       "native_name", "title", "position", "role")


def _participant_row(r: Registration, lang: str) -> list[str]:
    from app.i18n import TranslatedText

    org = r.organisation
    with force_locale(lang):
        return [country_name(org.country_code, lang) if org.country_code else "",
                TranslatedText(org.name).resolve(lang, r.meeting.working_language).text,
                r.family_name, r.given_names, r.native_name, r.title, r.position,
                DelegationRole.label_of(r.role)]


def participants_csv(rows: list[Registration], lang: str) -> str:
    return csv_text(PARTICIPANT_COLUMNS, (_participant_row(r, lang) for r in rows))


REGISTRATION_COLUMNS = (
    "reference", "status", "organisation", "family_name", "given_names", "native_name", "title",
    "position", "role", "email", "phone", "language", "interpretation", "diet", "dietary",
    "accessibility", "arrival_date", "arrival_flight", "departure_date", "departure_flight",
    "hotel", "visa_needed", "badge_code")


def registrations_csv(rows: list[Registration]) -> str:
    """Every registration of the meeting for the secretariat (no passport data)."""
    def row(r: Registration) -> list:
        values = {c: getattr(r, c, "") for c in REGISTRATION_COLUMNS}
        values.update(reference=r.reference, status=r.status.value, role=r.role.value,
                      organisation=r.organisation.code, diet=r.diet.value if r.diet else "",
                      visa_needed="yes" if r.visa_needed else "no")
        return [values[c] for c in REGISTRATION_COLUMNS]

    return csv_text(REGISTRATION_COLUMNS, (row(r) for r in rows))


def participants_xlsx(rows: list[Registration], lang: str, title: str) -> bytes:
    """Text cells stored as text: a name like "=1+1" is shown as written, never evaluated."""
    return xlsx_bytes(PARTICIPANT_COLUMNS, (_participant_row(r, lang) for r in rows),
                      sheet="participants", title=title)
