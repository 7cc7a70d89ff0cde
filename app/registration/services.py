"""The registration workflow: one function per transition, each auditing and queueing e-mail.

pending --approve--> approved; pending --reject--> rejected; pending|approved --cancel-->
cancelled. Pending and approved registrations hold a seat of the delegation's quota; the seat
count lives on the invitation and a CHECK constraint keeps it within the quota, so concurrent
registrations cannot overbook even when two requests race (the UPDATE takes a row lock).
"""
from __future__ import annotations

import enum
import functools
import io
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import bindparam, func, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer, selectinload

from app.audit.services import record
from app.auth.models import SECRETARIAT_ROLES, Membership, Role, User
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, country_name, normalise_locale, to_zone
from app.images import ImageRefused, open_image
from app.invitations.models import Invitation, InvitationStatus
from app.invitations.services import InvitationError, clean_email
from app.mail.filled import render_filled
from app.mail.services import queue
from app.meetings.models import Organisation
from app.models_base import utcnow
from app.registration.models import (
    HOLDS_SEAT,
    Attendance,
    DelegationRole,
    DietaryNeed,
    Registration,
    RegistrationPhoto,
    RegistrationStatus,
)
from app.text import check_date, one_line, paragraphs
from app.urls import public_url

BADGE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the desk
#: What purge erases, with the value each field is left with: passport data, contact and
#: needs, every travel detail (README: "travel (dates, flights, hotel)") and the visa request.
PURGED_FIELDS = {"nationality": None, "passport_number": None, "birth_date": None, "phone": "",
                 "diet": None, "dietary": "", "accessibility": "", "arrival_date": None,
                 "arrival_flight": "", "departure_date": None, "departure_flight": "",
                 "hotel": "", "visa_needed": False}


SENSITIVE_FIELDS = frozenset({"passport_number", "birth_date", "nationality"})
#: Changed after approval by anyone but the secretariat, these send it back for approval.
REVIEWED_FIELDS = frozenset({"family_name", "given_names", "native_name", "title", "role",
                             "visa_needed", "photo"}) | SENSITIVE_FIELDS


class RegistrationError(DomainError):
    """Bad input or a transition not allowed now; `field` names the form field."""


@dataclass
class Details:
    """What a registration form submits, before validation."""

    family_name: str = ""
    given_names: str = ""
    native_name: str = ""
    title: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    role: str = "delegate"
    interpretation: str = ""
    #: A DietaryNeed value; "" is a question left blank (an error), None a question not asked
    #: (the registration keeps what it has).
    diet: str | None = None
    dietary: str = ""
    accessibility: str = ""
    arrival_date: date | None = None
    arrival_flight: str = ""
    departure_date: date | None = None
    departure_flight: str = ""
    hotel: str = ""
    nationality: str = ""
    visa_needed: bool = False
    passport_number: str = ""
    birth_date: date | None = None
    language: str = "en"


def _line(value: str, field: str, limit: int, required: bool = False) -> str:
    return one_line(value, field, limit=limit, required=required, error=RegistrationError)


def _paragraph(value: str, field: str, limit: int = 1000) -> str:
    return paragraphs(value, field, limit=limit, error=RegistrationError)


def _latin(value: str, field: str) -> str:
    if any(ord(c) > 0x24F for c in value):
        raise RegistrationError(
            _("Write the name in Latin letters, exactly as in the passport."), field)
    return value


def _flight(value: str, field: str) -> str:
    text = "".join((value or "").split()).upper()
    if text and not (2 <= len(text) <= 8 and text.isalnum()):
        raise RegistrationError(_("A flight number looks like KE 652."), field)
    return text


def _phone(value: str) -> str:
    text = " ".join((value or "").split())
    allowed = set("0123456789+-() .")
    if text and (set(text) - allowed or sum(c.isdigit() for c in text) < 6 or len(text) > 30):
        raise RegistrationError(
            _("Enter the phone number with its country code, for example +82 2 3150 2114."),
            "phone")
    return text


def _country(value: str, field: str) -> str:
    code = (value or "").strip().upper()
    if len(code) != 2 or not country_name(code) or country_name(code) == code:
        raise RegistrationError(_("Choose a country."), field)
    return code


def _travel_date(meeting, value: date | None, field: str) -> date | None:
    """Arrival and departure: within a year either side of the meeting."""
    if value is None:
        return None
    return check_date(value, field, meeting.start_date - timedelta(days=366),
                      meeting.end_date + timedelta(days=366), error=RegistrationError)


def _birth_date(value: date | None) -> date:
    """A delegate is at least 15 and at most 100 years old (29 February falls back a day)."""
    if value is None:
        raise RegistrationError(_("Enter the date of birth."), "birth_date")
    today = date.today()
    first, last = date(today.year - 100, 1, 1), date(today.year - 15, today.month,
                                                     min(today.day, 28))
    if not first <= value <= last:
        raise RegistrationError(_("Enter a real date of birth."), "birth_date")
    return value


def _passport(value: str) -> str:
    number = "".join((value or "").split()).upper()
    if not (5 <= len(number) <= 20 and number.isalnum() and number.isascii()):
        raise RegistrationError(
            _("Enter the passport number as printed in the passport (5 to 20 letters "
              "and digits)."), "passport_number")
    return number


def _role(value: str) -> DelegationRole:
    try:
        return DelegationRole(value)
    except ValueError as exc:
        raise RegistrationError(_("Choose a role in the delegation."), "role") from exc


def _diet(value: str) -> DietaryNeed:
    try:
        return DietaryNeed(value)
    except ValueError as exc:
        raise RegistrationError(_(
            "Choose a dietary need (“No special diet” if there is none); write "
            "allergies in the box below."), "diet") from exc


def _interpretation(value: str) -> str:
    if value and value not in LOCALES:
        raise RegistrationError(_("Choose one of the languages of the application."),
                                "interpretation")
    return value or ""


def validate(meeting, details: Details) -> dict:
    """Every rule of the form, for every way in (web, self-registration, tests, CLI).

    All the problems are found before any is reported: one RegistrationError carries every
    (message, field), so that the form shows them all at once."""
    problems = Problems(RegistrationError)
    check = problems.check

    def name(value: str, field: str) -> str:
        text = check(_line, value, field, 100, field == "family_name", default="")
        return check(_latin, text, field, default="")

    values = {
        "family_name": name(details.family_name, "family_name"),
        "given_names": name(details.given_names, "given_names"),
        "native_name": check(_line, details.native_name, "native_name", 200),
        "title": check(_line, details.title, "title", 100),
        "position": check(_line, details.position, "position", 200),
        "phone": check(_phone, details.phone),
        "dietary": check(_paragraph, details.dietary, "dietary"),
        "accessibility": check(_paragraph, details.accessibility, "accessibility"),
        "arrival_flight": check(_flight, details.arrival_flight, "arrival_flight"),
        "departure_flight": check(_flight, details.departure_flight, "departure_flight"),
        "hotel": check(_line, details.hotel, "hotel", 200),
        "arrival_date": check(_travel_date, meeting, details.arrival_date, "arrival_date"),
        "departure_date": check(_travel_date, meeting, details.departure_date,
                                "departure_date"),
        "visa_needed": bool(details.visa_needed),
        "nationality": check(_country, details.nationality, "nationality"),
        "role": check(_role, details.role),
        "interpretation": check(_interpretation, details.interpretation),
        "language": details.language if details.language in LOCALES else "en",
    }
    if details.diet is not None:
        values["diet"] = check(_diet, details.diet)
    check(_email, details.email)  # checked with the rest; register() keeps the clean form
    arrival, departure = values["arrival_date"], values["departure_date"]
    if arrival and departure and departure < arrival:
        problems.add(_("The departure cannot be before the arrival."), "departure_date")
    if details.visa_needed:
        values["passport_number"] = check(_passport, details.passport_number)
        born = check(_birth_date, details.birth_date)
        values["birth_date"] = born.isoformat() if born else None
    else:
        values["passport_number"] = values["birth_date"] = None
    problems.raise_if_any()
    return values


# --- photos ---------------------------------------------------------------------------------

def process_photo(data: bytes) -> tuple[bytes, int, int]:
    """Check an upload is a JPEG or PNG picture and re-encode it (drops EXIF, GPS included).
    Its size is checked from the header before anything is decoded (app/images.py)."""
    from PIL import ImageOps

    if len(data) > current_app.config["PHOTO_MAX_BYTES"]:
        raise RegistrationError(_("The photo is too large (at most 5 MB)."), "photo")
    try:
        with open_image(data, max_pixels=current_app.config["PHOTO_MAX_PIXELS"],
                        min_side=100, draft=(1200, 1600)) as image:
            picture = ImageOps.exif_transpose(image).convert("RGB")
    except ImageRefused as exc:
        if exc.reason == "too_large":
            # The figures are app/images.py's MAX_PIXELS and MAX_SIDE.
            raise RegistrationError(_(
                "The photo has too many pixels: send a picture of at most 25 megapixels "
                "(for example 6000 × 4000 pixels), no side longer than 10,000 pixels."),
                "photo") from exc
        if exc.reason == "too_small":
            raise RegistrationError(_("The photo is too small (at least 100 × 100 pixels)."),
                                    "photo") from exc
        raise RegistrationError(_("The photo must be a JPEG or PNG picture."), "photo") from exc
    except (OSError, ValueError) as exc:
        raise RegistrationError(_("The photo must be a JPEG or PNG picture."), "photo") from exc
    if min(picture.size) < 100:
        raise RegistrationError(_("The photo is too small (at least 100 × 100 pixels)."),
                                "photo")
    picture.thumbnail((600, 800))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), picture.width, picture.height


def _set_photo(registration: Registration, data: bytes | None) -> None:
    import hashlib

    if not data:
        return
    jpeg, width, height = process_photo(data)
    digest = hashlib.sha256(jpeg).hexdigest()
    if registration.photo is None:
        registration.photo = RegistrationPhoto(data=jpeg, digest=digest, width=width,
                                               height=height)
    else:
        photo = registration.photo
        photo.data, photo.digest, photo.width, photo.height = jpeg, digest, width, height


# --- delegations and seats ------------------------------------------------------------------

def delegation(meeting, organisation_id: int) -> Invitation:
    """The accepted invitation that opens registration for an organisation."""
    return open_delegation(db.session.scalar(select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.organisation_id == organisation_id)))


def open_delegation(invitation: Invitation | None) -> Invitation:
    """The invitation, if it is accepted (registration is open); else the error saying so."""
    if invitation is None or invitation.status != InvitationStatus.ACCEPTED:
        raise RegistrationError(
            _("Registration opens once the organisation has accepted the invitation."))
    return invitation


def organisation_with_invitation(meeting, code: str) -> tuple[Organisation | None,
                                                              Invitation | None]:
    """The organisation of this code and its invitation to the meeting (None when it has
    none), in one query: a delegation's pages and its form need both on every request."""
    if len(code) > 32:
        return None, None
    row = db.session.execute(_statements().organisation_with_invitation,
                             {"meeting_id": meeting.id, "code": code}).first()
    return (row[0], row[1]) if row is not None else (None, None)


@functools.cache
def _statements() -> SimpleNamespace:
    """The queries of a registration's post and of its delegation's page, built once: they
    run on every request, and building one anew costs about a third of running it."""
    one = select(literal(1).label("one")).subquery()
    return SimpleNamespace(
        organisation_with_invitation=select(Organisation, Invitation)
        .outerjoin(Invitation, (Invitation.organisation_id == Organisation.id)
                   & (Invitation.meeting_id == bindparam("meeting_id")))
        .where(Organisation.code == bindparam("code")),
        # One row: whether someone is registered for the meeting with the address, and the
        # account of the address if there is one.
        person=select(select(Registration.id).where(
            Registration.meeting_id == bindparam("meeting_id"),
            Registration.email == bindparam("email")).exists().label("taken"), User)
        .select_from(one).outerjoin(User, User.email == bindparam("email")),
        take_seat=update(Invitation).where(Invitation.id == bindparam("invitation_id"),
                                           Invitation.seats_taken < Invitation.quota)
        .values(seats_taken=Invitation.seats_taken + 1)
        .execution_options(synchronize_session=False),
        delegation_rows=select(Registration).where(
            Registration.meeting_id == bindparam("meeting_id"),
            Registration.organisation_id == bindparam("organisation_id"))
        .options(*(defer(column, raiseload=True) for column in (
            Registration.nationality, Registration.passport_number, Registration.birth_date)))
        .order_by(Registration.family_name, Registration.given_names))


def _take_seat(invitation: Invitation) -> None:
    taken = db.session.execute(_statements().take_seat, {"invitation_id": invitation.id})
    if taken.rowcount != 1:
        raise RegistrationError(ngettext(
            "The delegation is full: %(quota)d person may be registered. Ask the secretariat "
            "to raise the quota, or cancel a registration first.",
            "The delegation is full: %(quota)d people may be registered. Ask the secretariat "
            "to raise the quota, or cancel a registration first.",
            invitation.quota, quota=invitation.quota))
    db.session.expire(invitation, ["seats_taken"])


def _release_seat(invitation: Invitation) -> None:
    db.session.execute(
        update(Invitation).where(Invitation.id == invitation.id)
        .values(seats_taken=Invitation.seats_taken - 1)
        .execution_options(synchronize_session=False))
    db.session.expire(invitation, ["seats_taken"])


def set_quota(invitation: Invitation, quota) -> None:
    try:
        value = int(quota)
    except (TypeError, ValueError) as exc:
        raise RegistrationError(_("The delegation size is a number from 1 to 50."),
                                "quota") from exc
    if not 1 <= value <= 50:
        raise RegistrationError(_("The delegation size is a number from 1 to 50."), "quota")
    if value < invitation.seats_taken:
        raise RegistrationError(ngettext(
            "%(num)d person is already registered; cancel registrations before lowering the "
            "quota.",
            "%(num)d people are already registered; cancel registrations before lowering the "
            "quota.", invitation.seats_taken), "quota")
    old, invitation.quota = invitation.quota, value
    record("registration.quota_changed", invitation, meeting=invitation.meeting,
           organisation=invitation.organisation.code, old=old, new=value)


# --- registering ----------------------------------------------------------------------------

def _new_badge_code() -> str:
    return "".join(secrets.choice(BADGE_ALPHABET) for _ in range(10))


def _person(meeting, email: str) -> User | None:
    """The account of this address (None: there is none yet), once it is clear that no one
    is registered for the meeting with it: both in one query."""
    taken, user = db.session.execute(_statements().person,
                                     {"meeting_id": meeting.id, "email": email}).one()
    if taken:
        raise RegistrationError(_("This person is already registered for the meeting."),
                                "email")
    if user is not None and user.needs_password:
        raise RegistrationError(_("This address belongs to a secretariat account."), "email")
    return user


def register(meeting, organisation_id: int, details: Details, photo: bytes | None = None,
             *, actor=None, invitation: Invitation | None = None) -> Registration:
    """A new registration, pending approval; nothing is written if any check fails (the
    caller rolls back on a RegistrationError, as step() does: the seat may be taken by then).
    `invitation`: the organisation's, when the caller has just read it."""
    if invitation is None or (invitation.meeting_id, invitation.organisation_id,
                              invitation.status) != (meeting.id, organisation_id,
                                                     InvitationStatus.ACCEPTED):
        invitation = delegation(meeting, organisation_id)
    values = validate(meeting, details)
    email = _email(details.email)
    user = _person(meeting, email)
    _take_seat(invitation)
    if user is None:
        user = User(email=email, locale=values["language"], organisation_id=organisation_id,
                    name=" ".join(p for p in (values["given_names"], values["family_name"])
                                  if p))
        db.session.add(user)
    registration = Registration(
        meeting_id=meeting.id, organisation_id=organisation_id, invitation_id=invitation.id,
        email=email, badge_code=_new_badge_code(), **values)
    registration.meeting, registration.user = meeting, user
    db.session.add(registration)
    _set_photo(registration, photo)
    try:  # the person and the registration in one flush; its id names the audit entry
        db.session.flush()
    except IntegrityError as exc:
        # The same address registered (or its account made) by a request running at the same
        # moment: the unique constraints refuse the second. The transaction is spoilt, as
        # after any RegistrationError once the seat is taken: the caller rolls it back.
        raise RegistrationError(_("This person is already registered for the meeting."),
                                "email") from exc
    record("registration.created", registration, meeting=meeting, actor=actor,
           organisation=registration.organisation.code, role=registration.role.value)
    _notify(registration, "received")
    return registration


def _email(value: str) -> str:
    try:
        return clean_email(value)
    except InvitationError as exc:
        raise RegistrationError(exc.message, "email") from exc


def _plain(value):
    """A field's value as JSON keeps it (enums by value, dates as ISO)."""
    if isinstance(value, enum.Enum):
        return value.value
    return value.isoformat() if isinstance(value, date) else value


def edit(registration: Registration, details: Details, photo: bytes | None = None,
         *, actor=None) -> list[str]:
    """Change the details (not the e-mail, which is the person's sign-in) while it is open."""
    if registration.status not in HOLDS_SEAT:
        raise RegistrationError(_("A rejected or cancelled registration cannot be changed."))
    values = validate(registration.meeting, details)
    changed = [name for name, value in values.items()
               if getattr(registration, name) != value]
    before = {name: _plain(getattr(registration, name)) for name in changed}
    for name in changed:
        setattr(registration, name, values[name])
    if photo:
        _set_photo(registration, photo)
        changed.append("photo")
    if changed:
        registration.updated_at = utcnow()
        record("registration.changed", registration, meeting=registration.meeting, actor=actor,
               fields=sorted(set(changed) - SENSITIVE_FIELDS)
               + (["sensitive"] if set(changed) & SENSITIVE_FIELDS else []))
        _review_if_needed(registration, changed, before, actor)
    return changed


def _review_if_needed(registration: Registration, changed: list[str], before: dict,
                      actor) -> None:
    """An approved registration whose identity, passport, role or visa request changes goes
    back to the secretariat; the seat stays held (pending holds a seat), badge and visa
    letter wait for the new approval. The secretariat's own edits need no second look."""
    reviewed = [name for name in changed if name in REVIEWED_FIELDS]
    if not reviewed:
        return
    if registration.status == RegistrationStatus.PENDING and \
            registration.review_changes is not None:  # already back: add to what staff see
        _note_changes(registration, reviewed, before)
        return
    secretariat = actor is not None and bool(actor.roles_in(registration.meeting)
                                             & SECRETARIAT_ROLES)
    if registration.status != RegistrationStatus.APPROVED or secretariat:
        return
    registration.status = RegistrationStatus.PENDING
    registration.status_reason = ""
    registration.review_changes = []
    _note_changes(registration, reviewed, before)
    record("registration.back_for_approval", registration, meeting=registration.meeting,
           actor=actor, fields=sorted(set(reviewed) - SENSITIVE_FIELDS)
           + (["sensitive"] if set(reviewed) & SENSITIVE_FIELDS else []))
    _notify(registration, "review")


def _note_changes(registration: Registration, reviewed: list[str], before: dict) -> None:
    """What staff see: each changed field once, with its earlier value unless it is
    sensitive (passport data never leaves its encrypted column)."""
    notes = {note["field"]: note for note in registration.review_changes or []}
    for name in reviewed:
        if name not in notes:
            value = None if name in SENSITIVE_FIELDS or name == "photo" else before.get(name)
            notes[name] = {"field": name, "before": value}
    registration.review_changes = list(notes.values())


# --- transitions ----------------------------------------------------------------------------

def approve(registration: Registration, *, actor=None) -> None:
    if registration.status != RegistrationStatus.PENDING:
        raise RegistrationError(_("Only a pending registration can be approved."))
    registration.status = RegistrationStatus.APPROVED
    registration.status_reason = ""
    registration.review_changes = None
    registration.decided_at = utcnow()
    role = Role.OBSERVER if registration.role == DelegationRole.OBSERVER else Role.DELEGATE
    # Approved again after a change of role: the access of the earlier role goes.
    for stale in db.session.scalars(select(Membership).where(
            Membership.user_id == registration.user_id,
            Membership.meeting_id == registration.meeting_id,
            Membership.role.in_((Role.DELEGATE, Role.OBSERVER)), Membership.role != role)):
        db.session.delete(stale)
    exists = db.session.scalar(select(Membership).where(
        Membership.user_id == registration.user_id,
        Membership.meeting_id == registration.meeting_id, Membership.role == role))
    if exists is None:
        db.session.add(Membership(user_id=registration.user_id,
                                  meeting_id=registration.meeting_id, role=role,
                                  organisation_id=registration.organisation_id))
    record("registration.approved", registration, meeting=registration.meeting, actor=actor)
    _notify(registration, "approved")


def _reason(reason: str) -> str:
    text = _paragraph(reason, "reason", 2000)
    if not text:
        raise RegistrationError(_("Please give a reason: it is sent to the delegate."),
                                "reason")
    return text


def reject(registration: Registration, reason: str, *, actor=None) -> None:
    if registration.status != RegistrationStatus.PENDING:
        raise RegistrationError(_("Only a pending registration can be rejected."))
    _close(registration, RegistrationStatus.REJECTED, _reason(reason), actor)


def cancel(registration: Registration, reason: str, *, actor=None) -> None:
    if registration.status not in HOLDS_SEAT:
        raise RegistrationError(_("This registration is already closed."))
    _close(registration, RegistrationStatus.CANCELLED, _reason(reason), actor)


#: Where the layers above (logistics: the hotel room) learn that a registration closed. Each
#: hook is registered when the application is set up and runs inside the same transaction, so a
#: refusal of one leaves nothing half-saved; app.registration never imports them.
CLOSE_HOOKS = "registration_close_hooks"


def add_close_hook(app, hook) -> None:
    """`hook(registration, actor)` runs when a registration is cancelled or rejected."""
    hooks = app.extensions.setdefault(CLOSE_HOOKS, [])
    if hook not in hooks:
        hooks.append(hook)


def _close(registration: Registration, status: RegistrationStatus, reason: str, actor) -> None:
    registration.status = status
    registration.status_reason = reason
    registration.decided_at = utcnow()
    _release_seat(registration.invitation)
    for hook in current_app.extensions.get(CLOSE_HOOKS, ()):
        hook(registration, actor)
    for membership in db.session.scalars(select(Membership).where(
            Membership.user_id == registration.user_id,
            Membership.meeting_id == registration.meeting_id,
            Membership.role.in_((Role.DELEGATE, Role.OBSERVER)))):
        db.session.delete(membership)
    record(f"registration.{status.value}", registration, meeting=registration.meeting,
           actor=actor, reason=reason)
    _notify(registration, status.value)


def bulk_approve(meeting, ids: list[int], *, actor=None) -> int:
    """Approve the pending ones; those changed since an approval are left for one look each
    (their changes are on their own page)."""
    rows = db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.id.in_(ids),
        Registration.status == RegistrationStatus.PENDING,
        Registration.review_changes.is_(None))).all()
    for registration in rows:
        approve(registration, actor=actor)
    return len(rows)


#: The events a registration e-mail tells of (templates/mail/registration.*).
NOTICE_EVENTS = ("received", "approved", "review", "rejected", "cancelled")


def notice_subject(event: str, meeting_title: str) -> str:
    """The subject of the e-mail telling of a registration event, in the current locale (the
    mail previews show the same)."""
    return {
        "received": lambda: _("Registration received: %(meeting)s", meeting=meeting_title),
        "approved": lambda: _("Registration approved: %(meeting)s", meeting=meeting_title),
        "rejected": lambda: _("Registration not approved: %(meeting)s", meeting=meeting_title),
        "cancelled": lambda: _("Registration cancelled: %(meeting)s", meeting=meeting_title),
        "review": lambda: _("Registration changed, awaiting approval again: %(meeting)s",
                            meeting=meeting_title),
    }[event]()


def _notify(registration: Registration, event: str) -> None:
    from app.auth.services import issue_login_link

    # The person's saved language (their own choice) if they have one, else the registration's.
    meeting = registration.meeting
    lang = normalise_locale(registration.user.locale if registration.user else None) \
        or registration.language
    with force_locale(lang):
        title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
        agency = TranslatedText(registration.organisation.name).resolve(
            lang, meeting.working_language).text
        subject = notice_subject(event, title)
    link = issue_login_link(registration.user) if event in ("received", "approved") else ""
    # Rendered once per language and event, then filled in with this person's values.
    text, html = render_filled(
        "registration", lang, subject,
        fixed={"event": event, "minutes": current_app.config["LOGIN_LINK_MAX_AGE"] // 60},
        values={"meeting_title": title, "agency": agency, "link": link,
                "reference": registration.reference, "reason": registration.status_reason},
        objects={"registration": {"display_name": registration.display_name}})
    queue(registration.email, lang, subject, text, html, kind="registration", meeting=meeting)


# --- self-registration links ----------------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="self-registration")


def self_registration_link(invitation: Invitation) -> str:
    if not invitation.registration_nonce:
        invitation.registration_nonce = secrets.token_urlsafe(12)
    token = _serializer().dumps({"i": invitation.id, "n": invitation.registration_nonce})
    return public_url("self_registration.register", token=token)


def renew_link(invitation: Invitation) -> None:
    """A new link; the old one stops working (e.g. it was forwarded too widely)."""
    invitation.registration_nonce = secrets.token_urlsafe(12)
    record("registration.link_renewed", invitation, meeting=invitation.meeting)


def invitation_for_link(token: str) -> Invitation:
    try:
        data = _serializer().loads(token, max_age=current_app.config["SELF_REGISTRATION_MAX_AGE"])
    except SignatureExpired as exc:
        raise RegistrationError(_("This registration link has expired.")) from exc
    except BadSignature as exc:
        raise RegistrationError(_("This registration link is not valid.")) from exc
    invitation = db.session.get(Invitation, data.get("i")) if isinstance(data, dict) else None
    if invitation is None or not secrets.compare_digest(
            invitation.registration_nonce or "-", str(data.get("n"))):
        raise RegistrationError(_("This registration link is not valid."))
    return invitation


# --- check-in and attendance ----------------------------------------------------------------

def normalise_code(text: str) -> str:
    """A typed or scanned code: the badge URL, or the code with or without dashes."""
    value = (text or "").strip()
    if "code=" in value:
        value = value.split("code=", 1)[1].split("&", 1)[0]
    return "".join(c for c in value.upper() if c.isalnum())[:16]


def meeting_days(meeting) -> list[date]:
    from datetime import timedelta

    span = (meeting.end_date - meeting.start_date).days
    return [meeting.start_date + timedelta(days=n) for n in range(span + 1)]


def today_at(meeting, now: datetime | None = None) -> date:
    return to_zone(now or utcnow(), meeting.timezone).date()


class AdmissionRefused(RegistrationError):
    """A badge of the meeting whose registration is not approved: the desk must not admit.
    Carries the registration, so that the desk sees who it is (name, photo, reason)."""

    def __init__(self, registration: Registration):
        super().__init__(_("This registration is not approved: do not admit."), "code")
        self.registration = registration


def check_in(meeting, code: str, day: date, *, actor=None) -> tuple[Registration, Attendance,
                                                                      bool]:
    """Mark the badge holder present on the day; a second scan the same day changes nothing.
    An unknown code is a RegistrationError on "code"; a badge not approved, AdmissionRefused."""
    if day not in meeting_days(meeting):
        raise RegistrationError(_("Choose one of the days of the meeting."), "day")
    registration = db.session.scalar(select(Registration).where(
        Registration.meeting_id == meeting.id,
        Registration.badge_code == normalise_code(code)))
    if registration is None:
        raise RegistrationError(_("No badge of this meeting has this code."), "code")
    if registration.status != RegistrationStatus.APPROVED:
        raise AdmissionRefused(registration)
    present = db.session.scalar(select(Attendance).where(
        Attendance.registration_id == registration.id, Attendance.day == day))
    if present is not None:
        return registration, present, False
    try:
        with db.session.begin_nested():
            present = Attendance(registration_id=registration.id, day=day,
                                 checked_in_by_id=getattr(actor, "id", None))
            db.session.add(present)
            db.session.flush()
    except IntegrityError:  # the same badge scanned at two desks at once
        present = db.session.scalar(select(Attendance).where(
            Attendance.registration_id == registration.id, Attendance.day == day))
        return registration, present, False
    record("registration.checked_in", registration, meeting=meeting, actor=actor,
           day=day.isoformat())
    return registration, present, True


def attendance(meeting) -> dict[date, dict[int, list[Registration]]]:
    """Who was present, per day and per organisation: what the minutes list."""
    rows = db.session.execute(
        select(Attendance.day, Registration).join(Registration)
        .where(Registration.meeting_id == meeting.id)
        .options(selectinload(Registration.organisation))
        .order_by(Attendance.day, Registration.family_name)).all()
    result: dict[date, dict[int, list[Registration]]] = {d: {} for d in meeting_days(meeting)}
    for day, registration in rows:
        result.setdefault(day, {}).setdefault(registration.organisation_id, []).append(
            registration)
    return result


# --- lists ----------------------------------------------------------------------------------

def organisation_sort_key(organisation, lang: str) -> str:
    """Countries by their name in the reader's language; bodies by their own name."""
    name = country_name(organisation.country_code, lang) if organisation.country_code else ""
    if not name:
        name = TranslatedText(organisation.name).resolve(lang, "en").text
    return name.casefold()


def registrations(meeting, *, status: str = "", organisation_id: int | None = None,
                  role: str = "") -> list[Registration]:
    query = select(Registration).where(Registration.meeting_id == meeting.id)
    if not organisation_id:  # one organisation: its rows' many-to-one loads it once at most
        query = query.options(selectinload(Registration.organisation))
    if status:
        query = query.where(Registration.status == status)
    if organisation_id:
        query = query.where(Registration.organisation_id == organisation_id)
    if role:
        query = query.where(Registration.role == role)
    return list(db.session.scalars(query.order_by(Registration.family_name,
                                                  Registration.given_names)))


def delegation_rows(meeting, organisation_id: int) -> list[Registration]:
    """A delegation's registrations as its page lists them (by name). The passport data are
    left in the database, not decrypted: the page never shows them (reading one of these
    rows' nationality, passport number or date of birth raises)."""
    return list(db.session.scalars(_statements().delegation_rows, {
        "meeting_id": meeting.id, "organisation_id": organisation_id}))


def participants(meeting, lang: str) -> list[Registration]:
    """The approved participants, by country (or body) name in `lang`, heads first."""
    rows = registrations(meeting, status=RegistrationStatus.APPROVED.value)
    order = list(DelegationRole)
    return sorted(rows, key=lambda r: (organisation_sort_key(r.organisation, lang),
                                       order.index(r.role), r.family_name, r.given_names))


def counts_by_organisation(meeting) -> list[tuple[Invitation, dict[str, int]]]:
    invitations = db.session.scalars(select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.ACCEPTED)
        .options(selectinload(Invitation.organisation))).all()
    counts: dict[int, dict[str, int]] = {}
    for org_id, status, number in db.session.execute(
            select(Registration.organisation_id, Registration.status, func.count())
            .where(Registration.meeting_id == meeting.id)
            .group_by(Registration.organisation_id, Registration.status)):
        counts.setdefault(org_id, {})[RegistrationStatus(status).value] = number
    return [(inv, counts.get(inv.organisation_id, {})) for inv in invitations]


# --- privacy --------------------------------------------------------------------------------

def purge(meeting, *, force: bool = False, today: date | None = None) -> int:
    """Erase passport data, contact and travel details and photos after the meeting, and
    every cached document (badges, visa letters, confirmations, lists) that held them."""
    from app.documents.pdf import forget_personal_documents

    if not force and (today or date.today()) <= meeting.end_date:
        raise RegistrationError(_("The meeting has not ended yet."))
    rows = db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.purged_at.is_(None))).all()
    for registration in rows:
        for name, value in PURGED_FIELDS.items():
            setattr(registration, name, value)
        registration.photo = None
        registration.purged_at = utcnow()
    forget_personal_documents(meeting.id)
    record("privacy.purged", meeting, meeting=meeting, registrations=len(rows))
    return len(rows)


def _reencrypt(table, columns: tuple[str, ...]) -> int:
    rows = db.session.execute(select(table.c.id, *(table.c[name] for name in columns))).all()
    for row in rows:
        # The column type decrypts on read (any configured key) and encrypts on write with
        # the newest key.
        db.session.execute(update(table).where(table.c.id == row.id).values(
            **{name: getattr(row, name) for name in columns}))
    return len(rows)


def rotate_keys() -> int:
    """Re-encrypt every value encrypted at rest with the first key of DATA_KEYS (passport
    data, outbox bodies); cached personal documents are dropped and rendered again.
    Returns the number of registrations."""
    from app.documents.pdf import forget_personal_documents
    from app.mail.models import OutboxMessage

    count = _reencrypt(Registration.__table__, ("nationality", "passport_number", "birth_date"))
    _reencrypt(OutboxMessage.__table__, ("body_text", "body_html", "calendar"))
    forget_personal_documents()
    return count


def sensitive_access(registration: Registration, how: str) -> None:
    """Every look at passport data leaves a line in the audit log (committed at once, so a
    read is recorded even when nothing is changed)."""
    record("registration.sensitive_access", registration, meeting=registration.meeting,
           how=how)
    db.session.commit()


def personal_data(registration: Registration, *, all_meetings: bool = False) -> dict:
    """What is held about a person through this registration. Their roles are those at this
    meeting only, unless `all_meetings` (the reader is that person, signed in as the very
    account): the account may be older than the registration, and a head of delegation or the
    secretariat of this meeting has no business with its other meetings."""

    fields = ("email", "language", "family_name", "given_names", "native_name", "title",
              "position", "phone", "interpretation", "diet", "dietary", "accessibility",
              "arrival_flight",
              "departure_flight", "hotel", "visa_needed", "nationality", "passport_number",
              "birth_date", "status", "status_reason", "badge_code")
    data = {name: getattr(registration, name) for name in fields}
    data.update(
        reference=registration.reference, organisation=registration.organisation.code,
        role=registration.role.value, status=registration.status.value,
        arrival_date=registration.arrival_date.isoformat() if registration.arrival_date
        else None,
        departure_date=registration.departure_date.isoformat() if registration.departure_date
        else None,
        created_at=registration.created_at.isoformat() + "Z",
        purged_at=registration.purged_at.isoformat() + "Z" if registration.purged_at else None,
        photo_held=registration.photo is not None,
        changed_since_approval=registration.review_changes,
        attendance=[a.day.isoformat() for a in registration.attendance],
        roles=_roles(registration, all_meetings))
    return data


def _roles(registration: Registration, all_meetings: bool) -> list[dict]:
    query = select(Membership).where(Membership.user_id == registration.user_id)
    if not all_meetings:
        query = query.where(Membership.meeting_id == registration.meeting_id)
    return [{"meeting": m.meeting.slug, "role": m.role.value}
            for m in db.session.scalars(query.order_by(Membership.id))]
