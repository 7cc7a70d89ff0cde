"""Accreditation: a meeting's categories and areas, and the people outside the delegations.

One function per transition, each auditing and queueing its e-mail:
pending --approve--> approved; pending|approved --reject--> rejected. A person applies on the
public form of a category whose registration path is open (pending), or the secretariat
enters them (approved at once). Delegation registrations are not accredited here: they belong
to the category DELEGATION, or HOST_DELEGATION for the organisation hosting the meeting.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.accreditation.models import (
    DELEGATION_KINDS,
    Accreditation,
    AccreditationArea,
    AccreditationCategory,
    AccreditationPhoto,
    AccreditationStatus,
    CategoryKind,
)
from app.audit.services import record
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, normalise_locale
from app.mail.services import queue_templated
from app.models_base import utcnow
from app.registration.models import Registration
from app.registration.services import BADGE_ALPHABET, process_photo
from app.text import email_address, one_line, paragraphs


class AccreditationError(DomainError):
    """Bad input or a step not allowed now; `field` names the form field."""


#: The colour each category starts with (the secretariat changes it in the settings): the
#: usual conventions of accreditation desks (press orange, security dark, host red…).
DEFAULT_COLOURS = {
    CategoryKind.DELEGATION: "#0b4f8a",
    CategoryKind.HOST_DELEGATION: "#8a1c1c",
    CategoryKind.SECRETARIAT: "#1d6b3a",
    CategoryKind.PRESS: "#f28c28",
    CategoryKind.SECURITY: "#222222",
    CategoryKind.INTERPRETER: "#5b3a8c",
    CategoryKind.DRIVER: "#7a7a7a",
    CategoryKind.LIAISON: "#f2c80f",
}
HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
AREA_CODE = re.compile(r"[A-Z0-9]{1,8}")


# --- colours --------------------------------------------------------------------------------

def clean_colour(value: str, field: str = "colour") -> str:
    """"#rrggbb" in lower case, from "#RGB", "#RRGGBB" or the same without "#"."""
    match = HEX.fullmatch((value or "").strip())
    if match is None:
        raise AccreditationError(_(
            "Enter the badge colour as a hexadecimal code, for example #0B4F8A."), field)
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more; one of them always reaches 4.5:1 (WCAG AA)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#ffffff") \
        else "#ffffff"


# --- categories and areas -------------------------------------------------------------------

def category_name(category: AccreditationCategory, lang: str, fallback: str = "en") -> str:
    """The secretariat's name in `lang` (or the working language), else the kind's label."""
    name = TranslatedText(category.name or {})
    if name.get(lang) or name.get(fallback):
        return name.resolve(lang, fallback).text
    with force_locale(lang):
        return CategoryKind.label_of(category.kind)


def categories(meeting) -> list[AccreditationCategory]:
    """Every kind, in the order of CategoryKind; a kind never saved comes with its defaults
    (unsaved, so that reading the settings writes nothing)."""
    saved = {c.kind: c for c in db.session.scalars(
        select(AccreditationCategory).where(AccreditationCategory.meeting_id == meeting.id)
        .options(selectinload(AccreditationCategory.areas)))}
    return [saved.get(kind) or AccreditationCategory(
        meeting_id=meeting.id, kind=kind, name={}, colour=DEFAULT_COLOURS[kind],
        registration_open=False, areas=[]) for kind in CategoryKind]


def kind_of(value: str) -> CategoryKind | None:
    try:
        return CategoryKind(value)
    except ValueError:
        return None


def category(meeting, kind: CategoryKind | str, *, create: bool = False
             ) -> AccreditationCategory:
    """The meeting's category of this kind, saved first if `create`."""
    kind = kind_of(kind) if isinstance(kind, str) else kind
    if kind is None:
        raise AccreditationError(_("Choose one of the accreditation categories."), "category")
    found = next(c for c in categories(meeting) if c.kind == kind)
    return _saved(meeting, found) if create else found


def _saved(meeting, found: AccreditationCategory) -> AccreditationCategory:
    """The category in the database: a default one is inserted, or, when another request
    inserted the same kind a moment earlier (the unique constraint), that one is used."""
    if found.id is not None:
        return found
    try:
        with db.session.begin_nested():
            db.session.add(found)
            db.session.flush()
    except IntegrityError:
        found = db.session.scalar(select(AccreditationCategory).where(
            AccreditationCategory.meeting_id == meeting.id,
            AccreditationCategory.kind == found.kind))
    return found


def areas(meeting) -> list[AccreditationArea]:
    return list(db.session.scalars(select(AccreditationArea).where(
        AccreditationArea.meeting_id == meeting.id)
        .order_by(AccreditationArea.position, AccreditationArea.code)))


def _names(names: dict, field: str, required: bool, limit: int = 100) -> dict:
    cleaned = {}
    problems = Problems(AccreditationError)
    for lang, value in (names or {}).items():
        if lang not in LOCALES:
            continue
        text = problems.check(one_line, value, f"{field}_{lang}", limit=limit,
                              error=AccreditationError, default="")
        if text:
            cleaned[lang] = text
    problems.raise_if_any()
    if required and not cleaned:
        raise AccreditationError(_("Give a name in at least one language."), field)
    return cleaned


def save_category(meeting, kind: CategoryKind | str, *, name: dict, colour: str,
                  area_ids: list[int], registration_open: bool, actor=None
                  ) -> AccreditationCategory:
    """Every problem of the form at once; nothing is written if one is found."""
    problems = Problems(AccreditationError)
    found = problems.check(category, meeting, kind)
    names = problems.check(_names, name, "name", False, default={})
    hex_colour = problems.check(clean_colour, colour)
    own = {a.id: a for a in areas(meeting)}
    if any(i not in own for i in area_ids):
        problems.add(_("Choose areas of this meeting."), "areas")
    if found is not None and registration_open and found.kind in DELEGATION_KINDS:
        problems.add(_("Delegations register through their invitation; this category has "
                       "no application form of its own."), "registration_open")
    problems.raise_if_any()
    found = _saved(meeting, found)
    found.name, found.colour = names, hex_colour
    found.registration_open = bool(registration_open)
    found.areas = [own[i] for i in sorted(set(area_ids), key=list(own).index)]
    db.session.flush()
    record("accreditation.category_saved", found, meeting=meeting, actor=actor,
           kind=found.kind.value, colour=hex_colour, open=found.registration_open,
           areas=[a.code for a in found.areas])
    return found


def _area_code(value: str) -> str:
    code = "".join((value or "").split()).upper()
    if not AREA_CODE.fullmatch(code):
        raise AccreditationError(_(
            "The area code is 1 to 8 Latin letters or digits, for example PL."), "code")
    return code


def save_area(meeting, *, code: str, name: dict, area: AccreditationArea | None = None,
              actor=None) -> AccreditationArea:
    problems = Problems(AccreditationError)
    clean = problems.check(_area_code, code)
    names = problems.check(_names, name, "name", True, default={})
    if clean and db.session.scalar(select(AccreditationArea.id).where(
            AccreditationArea.meeting_id == meeting.id, AccreditationArea.code == clean,
            AccreditationArea.id != (area.id if area else -1))):
        problems.add(_("Another area of this meeting has the code %(code)s.", code=clean),
                     "code")
    problems.raise_if_any()
    if area is None:
        position = len(areas(meeting))
        area = AccreditationArea(meeting_id=meeting.id, position=position)
        db.session.add(area)
    area.code, area.name = clean, names
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:  # the same code saved at the same moment
        raise AccreditationError(_("Another area of this meeting has the code %(code)s.",
                                   code=clean), "code") from exc
    record("accreditation.area_saved", area, meeting=meeting, actor=actor, code=clean)
    return area


def delete_area(area: AccreditationArea, *, actor=None) -> None:
    """The area goes from every category's badge too."""
    record("accreditation.area_deleted", area, meeting=area.meeting, actor=actor,
           code=area.code)
    db.session.delete(area)
    db.session.flush()


# --- people ---------------------------------------------------------------------------------

@dataclass
class Details:
    """What an accreditation form submits, before validation."""

    family_name: str = ""
    given_names: str = ""
    native_name: str = ""
    organisation_name: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""
    language: str = "en"


def _latin(value: str, field: str) -> str:
    if any(ord(c) > 0x24F for c in value):
        raise AccreditationError(
            _("Write the name in Latin letters, exactly as in the passport."), field)
    return value


def _phone(value: str) -> str:
    text = " ".join((value or "").split())
    if text and (set(text) - set("0123456789+-() .") or sum(c.isdigit() for c in text) < 6
                 or len(text) > 30):
        raise AccreditationError(
            _("Enter the phone number with its country code, for example +82 2 3150 2114."),
            "phone")
    return text


def validate(details: Details, *, outlet_required: bool = False) -> dict:
    """Every rule of the form, for every way in; all problems found before any is reported."""
    problems = Problems(AccreditationError)
    check = problems.check

    def line(value: str, field: str, limit: int, required: bool = False) -> str:
        return check(one_line, value, field, limit=limit, required=required,
                     error=AccreditationError, default="")

    values = {
        "family_name": check(_latin, line(details.family_name, "family_name", 100, True),
                             "family_name", default=""),
        "given_names": check(_latin, line(details.given_names, "given_names", 100),
                             "given_names", default=""),
        "native_name": line(details.native_name, "native_name", 200),
        "organisation_name": line(details.organisation_name, "organisation_name", 200,
                                  outlet_required),
        "function": line(details.function, "function", 200),
        "phone": check(_phone, details.phone, default=""),
        "email": check(email_address, details.email, "email", error=AccreditationError,
                       default=""),
        "language": normalise_locale(details.language) or "en",
    }
    problems.raise_if_any()
    return values


def _email_or_none(value: str) -> str | None:
    """The clean address, for the duplicate check when other fields failed (validate has
    reported a bad address already)."""
    try:
        return email_address(value, "email", error=AccreditationError)
    except AccreditationError:
        return None


def _badge_code() -> str:
    return "".join(secrets.choice(BADGE_ALPHABET) for _ in range(10))


def _set_photo(accreditation: Accreditation, data: bytes | None) -> None:
    if not data:
        return
    try:
        jpeg, width, height = process_photo(data)
    except DomainError as exc:
        raise AccreditationError(errors=exc.errors) from exc
    accreditation.photo = AccreditationPhoto(
        data=jpeg, digest=hashlib.sha256(jpeg).hexdigest(), width=width, height=height)


def _create(meeting, found: AccreditationCategory, details: Details, photo: bytes | None,
            status: AccreditationStatus, actor) -> Accreditation:
    problems = Problems(AccreditationError)
    values = problems.check(validate, details,
                            outlet_required=found.kind == CategoryKind.PRESS, default={})
    if found.kind in DELEGATION_KINDS:
        problems.add(_("Delegation members register through their delegation."), "category")
    email = values.get("email") or _email_or_none(details.email)
    if email and found.id is not None and db.session.scalar(select(Accreditation.id).where(
            Accreditation.category_id == found.id, Accreditation.email == email)):
        problems.add(_("This e-mail address is already accredited in this category."),
                     "email")
    if photo:
        problems.check(process_photo, photo)
    problems.raise_if_any()
    found = _saved(meeting, found)
    accreditation = Accreditation(meeting_id=meeting.id, category_id=found.id,
                                  badge_code=_badge_code(), status=status,
                                  entered_by_id=getattr(actor, "id", None), **values)
    accreditation.meeting, accreditation.category = meeting, found
    if status == AccreditationStatus.APPROVED:
        accreditation.decided_at = utcnow()
    try:
        with db.session.begin_nested():
            db.session.add(accreditation)
            _set_photo(accreditation, photo)
            db.session.flush()
    except IntegrityError as exc:  # the same person sent twice at the same moment
        raise AccreditationError(_("This e-mail address is already accredited in this "
                                   "category."), "email") from exc
    return accreditation


def apply(meeting, kind: CategoryKind | str, details: Details, photo: bytes | None = None
          ) -> Accreditation:
    """A person's own application on the category's public form: pending approval."""
    found = category(meeting, kind)
    if not found.registration_open or found.kind in DELEGATION_KINDS:
        raise AccreditationError(_("Applications for this category are closed."))
    accreditation = _create(meeting, found, details, photo, AccreditationStatus.PENDING, None)
    record("accreditation.applied", accreditation, meeting=meeting,
           kind=found.kind.value)
    _notify(accreditation, "received")
    return accreditation


def enter(meeting, kind: CategoryKind | str, details: Details, photo: bytes | None = None,
          *, actor=None) -> Accreditation:
    """The secretariat accredits someone directly (a driver, a security officer): approved."""
    found = category(meeting, kind)
    accreditation = _create(meeting, found, details, photo, AccreditationStatus.APPROVED,
                            actor)
    record("accreditation.entered", accreditation, meeting=meeting, actor=actor,
           kind=found.kind.value)
    _notify(accreditation, "approved")
    return accreditation


def edit(accreditation: Accreditation, details: Details, photo: bytes | None = None, *,
         actor=None) -> list[str]:
    """The secretariat corrects a person's details (the category stays); returns the fields
    changed. Every problem at once, nothing saved if one is found."""
    problems = Problems(AccreditationError)
    values = problems.check(
        validate, details, outlet_required=accreditation.category.kind == CategoryKind.PRESS,
        default={})
    email = values.get("email") or _email_or_none(details.email)
    if email and db.session.scalar(select(Accreditation.id).where(
            Accreditation.category_id == accreditation.category_id,
            Accreditation.email == email, Accreditation.id != accreditation.id)):
        problems.add(_("This e-mail address is already accredited in this category."),
                     "email")
    if photo:
        problems.check(process_photo, photo)
    problems.raise_if_any()
    changed = [name for name, value in values.items()
               if getattr(accreditation, name) != value]
    for name in changed:
        setattr(accreditation, name, values[name])
    if photo:
        _set_photo(accreditation, photo)
        changed.append("photo")
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as exc:
        raise AccreditationError(_("This e-mail address is already accredited in this "
                                   "category."), "email") from exc
    if changed:  # names only: the values are personal data
        record("accreditation.changed", accreditation, meeting=accreditation.meeting,
               actor=actor, fields=changed)
    return changed


def approve(accreditation: Accreditation, *, actor=None) -> None:
    if accreditation.status != AccreditationStatus.PENDING:
        raise AccreditationError(_("Only a pending accreditation can be approved."))
    accreditation.status = AccreditationStatus.APPROVED
    accreditation.status_reason = ""
    accreditation.decided_at = utcnow()
    record("accreditation.approved", accreditation, meeting=accreditation.meeting,
           actor=actor)
    _notify(accreditation, "approved")


def bulk_approve(meeting, ids: list[int], *, actor=None) -> int:
    """Approve the pending ones among `ids`; the others are left as they are."""
    rows = db.session.scalars(select(Accreditation).where(
        Accreditation.meeting_id == meeting.id, Accreditation.id.in_(ids[:1000]),
        Accreditation.status == AccreditationStatus.PENDING)).all()
    for accreditation in rows:
        approve(accreditation, actor=actor)
    return len(rows)


def reject(accreditation: Accreditation, reason: str, *, actor=None) -> None:
    """Refuse an application, or withdraw an accreditation already approved."""
    if accreditation.status == AccreditationStatus.REJECTED:
        raise AccreditationError(_("This accreditation is already rejected."))
    text = paragraphs(reason, "reason", limit=2000, error=AccreditationError)
    if not text:
        raise AccreditationError(_("Please give a reason: it is sent to the person."),
                                 "reason")
    accreditation.status = AccreditationStatus.REJECTED
    accreditation.status_reason = text
    accreditation.decided_at = utcnow()
    record("accreditation.rejected", accreditation, meeting=accreditation.meeting,
           actor=actor, reason=text)
    _notify(accreditation, "rejected")


#: The e-mails a person gets (templates/mail/accreditation.*), each with its subject below.
NOTICE_EVENTS = ("received", "approved", "rejected")


def notice_subject(event: str, meeting_title: str) -> str:
    """The subject of an accreditation e-mail in the current locale (the previews show it)."""
    if event == "received":
        return _("Accreditation request received: %(meeting)s", meeting=meeting_title)
    if event == "approved":
        return _("Accreditation approved: %(meeting)s", meeting=meeting_title)
    return _("Accreditation not approved: %(meeting)s", meeting=meeting_title)


def _notify(accreditation: Accreditation, event: str) -> None:
    """In the language the person applied in."""
    meeting = accreditation.meeting
    lang = accreditation.language
    with force_locale(lang):
        title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
        name = category_name(accreditation.category, lang, meeting.working_language)
    queue_templated("accreditation", accreditation.email, lang,
                    lambda: notice_subject(event, title),
                    meeting=meeting, event=event, accreditation=accreditation,
                    meeting_title=title, category=name,
                    reference=accreditation.reference, reason=accreditation.status_reason)


# --- lists ----------------------------------------------------------------------------------

def accreditations(meeting, *, kind: str = "", status: str = "", search: str = ""
                   ) -> list[Accreditation]:
    query = (select(Accreditation).join(AccreditationCategory)
             .where(Accreditation.meeting_id == meeting.id)
             .options(selectinload(Accreditation.category)
                      .selectinload(AccreditationCategory.areas)))
    if kind:
        query = query.where(AccreditationCategory.kind == kind)
    if status:
        query = query.where(Accreditation.status == status)
    words = (search or "").strip().casefold()[:100]
    rows = db.session.scalars(query.order_by(Accreditation.family_name,
                                             Accreditation.given_names)).all()
    if words:  # names and outlets are short and few: filtered here, in every script
        rows = [a for a in rows if words in " ".join(
            (a.family_name, a.given_names, a.native_name, a.organisation_name,
             a.email)).casefold()]
    return list(rows)


def by_badge_code(meeting, code: str) -> Accreditation | None:
    return db.session.scalar(select(Accreditation).where(
        Accreditation.meeting_id == meeting.id, Accreditation.badge_code == code))


def registration_kind(meeting, registration: Registration) -> CategoryKind:
    """Members of the host organisation's delegation are the host delegation."""
    return CategoryKind.HOST_DELEGATION \
        if registration.organisation_id == meeting.host_organisation_id \
        else CategoryKind.DELEGATION


# --- privacy --------------------------------------------------------------------------------

def purge(meeting) -> int:
    """After the meeting: phone numbers and photos go; who was accredited in which category,
    and the decisions, stay. Returns the number of accreditations."""
    rows = db.session.scalars(select(Accreditation).where(
        Accreditation.meeting_id == meeting.id)
        .options(selectinload(Accreditation.photo))).all()
    for accreditation in rows:
        accreditation.phone = None
        accreditation.photo = None
    db.session.flush()
    return len(rows)


def rotate_keys() -> int:
    """Re-encrypt the phone numbers with the first key of DATA_KEYS (the column type decrypts
    with any configured key on read and encrypts with the newest on write)."""
    table = Accreditation.__table__
    rows = db.session.execute(select(table.c.id, table.c.phone)
                              .where(table.c.phone.is_not(None))).all()
    for row in rows:
        db.session.execute(update(table).where(table.c.id == row.id).values(phone=row.phone))
    return len(rows)
