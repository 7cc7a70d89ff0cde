"""The secretariat's own accounts: inviting staff to a meeting with a role, changing and
removing roles, taking an account out of use, resetting two-step verification, signing a
person out everywhere, and the e-mailed links that set a password (an invitation's first
password, "Forgot your password?").

A password link is like a sign-in link: the e-mail holds a signed token with a random nonce;
the database holds only the nonce's SHA-256 digest (PasswordLink), so neither the database
nor the log holds anything that sets a password. A link works once, before it expires.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from email.utils import make_msgid

from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from app.audit.services import record
from app.auth import sessions
from app.auth.models import (
    STAFF_ROLES,
    Membership,
    PasswordLink,
    PasswordLinkPurpose,
    Role,
    User,
)
from app.auth.services import deactivate, hash_password, normalise_email
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.mail.models import OutboxMessage
from app.mail.services import queue_templated
from app.models_base import utcnow
from app.text import email_address, one_line
from app.urls import public_url

PASSWORD_MIN = 12  # as `users create-secretariat`
PASSWORD_MAX = 1024
#: Seconds a link stays valid, unless the configuration says otherwise.
INVITATION_MAX_AGE = 7 * 24 * 3600
RESET_MAX_AGE = 3600
#: The roles a meeting's administrator gives, in the order the pages list them.
GIVEN_ROLES = (Role.ADMIN, Role.STAFF, Role.PROTOCOL, Role.LOGISTICS, Role.CHECK_IN)


class StaffError(DomainError):
    """Bad input on a staff page, a step not allowed, or a password link that cannot be used."""


# --- the meeting's staff ----------------------------------------------------------------------

def staff_of(meeting) -> list[tuple[User, list[Role]]]:
    """Everyone with a secretariat role at this meeting, with those roles, by name."""
    rows = db.session.scalars(
        select(Membership).options(joinedload(Membership.user))
        .where(Membership.meeting_id == meeting.id, Membership.role.in_(STAFF_ROLES)))
    found: dict[int, tuple[User, list[Role]]] = {}
    for membership in rows:
        found.setdefault(membership.user_id, (membership.user, []))[1].append(membership.role)
    return sorted(((user, sorted(roles, key=GIVEN_ROLES.index))
                   for user, roles in found.values()),
                  key=lambda pair: (pair[0].name.casefold(), pair[0].id))


def all_staff() -> list[tuple[User, list[Membership]]]:
    """Every staff account of the site (site administrators, and whoever holds a secretariat
    role at any meeting), active or not, with those roles per meeting; by name."""
    users = db.session.scalars(
        select(User).options(joinedload(User.memberships).joinedload(Membership.meeting))
        .where(User.site_admin.is_(True) | User.memberships.any(
            Membership.role.in_(STAFF_ROLES)))).unique().all()
    return sorted(((user, sorted((m for m in user.memberships if m.role in STAFF_ROLES),
                                 key=lambda m: (m.meeting.start_date, m.meeting_id,
                                                GIVEN_ROLES.index(m.role))))
                   for user in users),
                  key=lambda pair: (not pair[0].active, pair[0].name.casefold(), pair[0].id))


def staff_account(user_id: int) -> User | None:
    """A staff account of the site (as all_staff lists them), or None."""
    return db.session.scalar(select(User).where(User.id == user_id, User.site_admin.is_(True)
                                                | User.memberships.any(
                                                    Membership.role.in_(STAFF_ROLES))))


def member_of_staff(meeting, user_id: int) -> User | None:
    """The account, if it holds a secretariat role at this meeting."""
    return db.session.scalar(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(User.id == user_id, Membership.meeting_id == meeting.id,
               Membership.role.in_(STAFF_ROLES)).limit(1))


def _role(value, problems: Problems) -> Role | None:
    role = value if isinstance(value, Role) else Role._value2member_map_.get(str(value or ""))
    if role not in GIVEN_ROLES:
        problems.add(_("Choose one of the roles offered."), "role")
        return None
    return role


def _holds_delegation_role(user: User) -> bool:
    """A delegate's account (a delegation role, or a registration): it signs in by link and
    cannot also be a password account."""
    if any(m.role not in STAFF_ROLES for m in user.memberships):
        return True
    registrations = db.metadata.tables["registration"]  # above this package: read by name
    return db.session.scalar(select(registrations.c.id)
                             .where(registrations.c.user_id == user.id).limit(1)) is not None


def invite(meeting, *, name: str, email: str, role, locale: str, actor) -> tuple[User, bool]:
    """Give a person a secretariat role at the meeting. A new address gets an account and an
    e-mail, in `locale`, with a link to choose a password; an account that already has a
    password gets the role only. Every problem is reported at once and nothing is written
    unless all is well. Returns the account and whether it was written to (caller commits)."""
    problems = Problems(StaffError)
    clean_name = problems.check(one_line, name, "name", limit=200, required=True,
                                error=StaffError)
    address = problems.check(email_address, email, "email", error=StaffError)
    if address is not None and len(address) > 254:
        problems.add(ngettext("At most %(num)d character.", "At most %(num)d characters.",
                              254), "email")
        address = None
    chosen = _role(role, problems)
    if locale not in LOCALES:
        problems.add(_("Choose one of the languages offered."), "locale")
    user = db.session.scalars(select(User).options(joinedload(User.memberships))
                              .where(User.email == address)).unique().first() \
        if address else None
    if user is not None:
        if _holds_delegation_role(user):
            problems.add(_("This address belongs to a delegate's account. A staff account "
                           "needs an address of its own."), "email")
        elif not user.active:
            problems.add(_("This account has been deactivated. A site administrator can "
                           "reactivate it under Staff accounts."), "email")
        elif chosen is not None and any(m.meeting_id == meeting.id and m.role == chosen
                                        for m in user.memberships):
            problems.add(_("This person already has this role at this meeting."), "role")
    problems.raise_if_any()
    created = user is None
    if created:
        user = User(email=address, name=clean_name, locale=locale)
        db.session.add(user)
        db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=chosen))
    record("staff.invited", user, meeting=meeting, actor=actor, role=chosen.value,
           new_account=created)
    if user.password_hash is None:  # new, or invited before and never finished
        _send_link(user, PasswordLinkPurpose.INVITATION, locale if created else
                   (user.locale or locale), meeting=meeting, role=chosen)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    return user, created


def change_role(meeting, user: User, role, *, actor) -> Role:
    """The person's one secretariat role at this meeting becomes `role` (caller commits).
    The meeting keeps at least one administrator."""
    problems = Problems(StaffError)
    chosen = _role(role, problems)
    problems.raise_if_any()
    held = _staff_memberships(meeting, user)
    if [m.role for m in held] == [chosen]:
        return chosen
    if chosen != Role.ADMIN and any(m.role == Role.ADMIN for m in held):
        _keep_an_administrator(meeting, user)
    for membership in held:
        db.session.delete(membership)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=chosen))
    record("staff.role_changed", user, meeting=meeting, actor=actor,
           before=sorted(m.role.value for m in held), role=chosen.value)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    return chosen


def remove(meeting, user: User, *, actor) -> None:
    """Take the person's secretariat roles at this meeting away (caller commits); their
    account stays, with its roles elsewhere."""
    held = _staff_memberships(meeting, user)
    if any(m.role == Role.ADMIN for m in held):
        _keep_an_administrator(meeting, user)
    for membership in held:
        db.session.delete(membership)
    record("staff.removed", user, meeting=meeting, actor=actor,
           roles=sorted(m.role.value for m in held))
    db.session.flush()
    db.session.expire(user, ["memberships"])


def _staff_memberships(meeting, user: User) -> list[Membership]:
    return list(db.session.scalars(select(Membership).where(
        Membership.meeting_id == meeting.id, Membership.user_id == user.id,
        Membership.role.in_(STAFF_ROLES))))


def _keep_an_administrator(meeting, leaving: User) -> None:
    others = db.session.scalar(select(Membership.id).join(User).where(
        Membership.meeting_id == meeting.id, Membership.role == Role.ADMIN,
        Membership.user_id != leaving.id, User.active.is_(True)).limit(1))
    if others is None:
        raise StaffError(_("The meeting needs at least one other administrator first."), "role")


def may_manage_account(actor: User, user: User) -> bool:
    """Whether `actor` may act on the account as a whole (deactivate it, reset its two-step
    verification, sign it out): a site administrator may; a meeting's administrator may
    for an account whose every role is at meetings they administer. Never on oneself."""
    if actor.id == user.id:
        return False
    if getattr(actor, "site_admin", False):
        return True
    if getattr(user, "site_admin", False):
        return False
    administered = {m.meeting_id for m in actor.memberships if m.role == Role.ADMIN}
    return bool(user.memberships) and all(m.meeting_id in administered
                                          for m in user.memberships)


def _check_may_manage(actor: User, user: User) -> None:
    if actor.id == user.id:
        raise StaffError(_("You cannot do this to your own account."))
    if not may_manage_account(actor, user):
        raise StaffError(_("This account also has roles at meetings you do not administer. "
                           "Ask a site administrator."))


def deactivate_account(meeting, user: User, *, actor) -> None:
    """Take the account out of use everywhere: no sign-in, every browser signed out, every
    unused password link void (caller commits)."""
    _check_may_manage(actor, user)
    if any(m.role == Role.ADMIN and m.meeting_id == meeting.id for m in user.memberships):
        _keep_an_administrator(meeting, user)
    _void_links(user)
    deactivate(user, actor=actor)


def deactivate_everywhere(user: User, *, actor) -> None:
    """A site administrator takes the account out of use at every meeting (caller commits).
    The meetings it administers keep their site administrators, who administer every one."""
    _check_may_manage(actor, user)
    if not getattr(actor, "site_admin", False):
        raise StaffError(_("Only a site administrator may do this."))
    if user.active:
        _void_links(user)
        deactivate(user, actor=actor)


def reactivate_account(user: User, *, actor) -> None:
    """Put a deactivated account back into use (caller commits): it signs in again with its
    password and two-step verification; a pause after failed sign-ins is lifted. A person
    who had not yet chosen a password asks for a link with "Forgot your password?"."""
    _check_may_manage(actor, user)
    if user.active:
        raise StaffError(_("This account is already active."))
    user.active = True
    user.failed_sign_ins = user.totp_failures = 0
    user.locked_until = None
    record("users.reactivated", user, actor=actor)


def reset_totp(user: User, *, actor) -> None:
    """Another administrator clears the person's authenticator: they set it up again at
    their next sign-in. Their browsers are signed out (caller commits)."""
    _check_may_manage(actor, user)
    user.totp_secret = None
    ended = sessions.end_all(user.id)
    record("auth.totp_reset", user, actor=actor, sessions=ended)


def sign_out_everywhere(user: User, *, actor) -> int:
    """End every signed-in browser of the person (caller commits); the number ended."""
    _check_may_manage(actor, user)
    ended = sessions.end_all(user.id)
    record("auth.signed_out_by_admin", user, actor=actor, sessions=ended)
    return ended


# --- links that set a password ----------------------------------------------------------------

def _max_age(purpose: PasswordLinkPurpose) -> int:
    if purpose == PasswordLinkPurpose.INVITATION:
        return int(current_app.config.get("STAFF_INVITATION_MAX_AGE", INVITATION_MAX_AGE))
    return int(current_app.config.get("PASSWORD_RESET_MAX_AGE", RESET_MAX_AGE))


def _serializer(purpose: PasswordLinkPurpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"],
                                  salt=f"password-link-{purpose.value}")


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _new_link(user_id: int, purpose: PasswordLinkPurpose, locale: str) -> tuple[str, str]:
    nonce = secrets.token_urlsafe(24)
    token = _serializer(purpose).dumps({"u": user_id, "n": nonce})
    return nonce, public_url("passwords.choose", purpose=purpose.value, token=token,
                             lang=locale or None)


def _void_links(user: User) -> None:
    db.session.execute(update(PasswordLink).where(PasswordLink.user_id == user.id,
                                                  PasswordLink.used_at.is_(None))
                       .values(used_at=utcnow()))


def invitation_subject() -> str:
    """The subject of a staff invitation, in the current locale (the mail previews show the
    same)."""
    return _("You are invited to the secretariat of Breaking Chains meetings")


def reset_subject() -> str:
    """The subject of a password reset link, in the current locale (the previews show the
    same)."""
    return _("Choose a new password for Breaking Chains meetings")


def _send_link(user: User, purpose: PasswordLinkPurpose, locale: str, *, meeting=None,
               role: Role | None = None) -> None:
    """A new link for the person (earlier unused links of theirs stop working), queued."""
    _void_links(user)
    nonce, link = _new_link(user.id, purpose, locale)
    max_age = _max_age(purpose)
    db.session.add(PasswordLink(digest=_digest(nonce), user_id=user.id, purpose=purpose,
                                expires_at=utcnow() + timedelta(seconds=max_age)))
    if purpose == PasswordLinkPurpose.INVITATION:
        queue_templated(
            "staff_invitation", user.email, locale,
            invitation_subject,
            meeting=meeting, link=link, name=user.name, days=max(1, max_age // 86400),
            meeting_title=TranslatedText(meeting.title).resolve(
                locale, meeting.working_language).text,
            role=role.value if role is not None else "")
    else:
        queue_templated("password_reset", user.email, locale,
                        reset_subject,
                        link=link, name=user.name, minutes=max(1, max_age // 60))


def send_password_reset(email: str) -> None:
    """Queue a link to choose a new password for an active staff account; nothing for other
    addresses, after the same work (a signed token, the same lookups), so that neither the
    answer nor its time tells whether the address has an account. The caller commits."""
    address = normalise_email(email)[:254]
    user = db.session.scalars(select(User).options(joinedload(User.memberships))
                              .where(User.email == address)).unique().first()
    eligible = user is not None and user.active and user.needs_password
    if eligible:
        _send_link(user, PasswordLinkPurpose.RESET, user.locale or "en")
        record("auth.password_reset_sent", user, actor=None)
    else:
        nonce, link = _new_link(0, PasswordLinkPurpose.RESET, "en")
        with force_locale("en"):  # the e-mail rendered as for an account, and not sent
            subject = reset_subject()
            context = {"link": link, "name": address, "minutes": RESET_MAX_AGE // 60,
                       "lang": "en", "dir": "ltr", "subject": subject}
            render_template("mail/password_reset.txt", **context)
            render_template("mail/password_reset.html", **context)
        db.session.execute(select(PasswordLink.id).where(PasswordLink.digest == _digest(nonce)))
        db.session.execute(select(OutboxMessage.id).where(
            OutboxMessage.message_id == make_msgid(domain="invalid")))
        record("auth.password_reset_not_sent", None, actor=None, email=address)
    db.session.flush()


def check_link(purpose: str, token: str) -> PasswordLink:
    """The unused, unexpired link row behind a token, or StaffError."""
    kind = PasswordLinkPurpose._value2member_map_.get(purpose)
    if kind is None:
        raise StaffError(_("This link is not valid."))
    try:
        data = _serializer(kind).loads(token, max_age=_max_age(kind))
    except SignatureExpired as exc:
        raise StaffError(_expired(kind)) from exc
    except BadSignature as exc:
        raise StaffError(_("This link is not valid.")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("n"), str):
        raise StaffError(_("This link is not valid."))
    row = db.session.scalar(select(PasswordLink).where(PasswordLink.digest == _digest(data["n"])))
    if row is None or row.user_id != data.get("u") or row.purpose != kind:
        raise StaffError(_("This link is not valid."))
    if row.used_at is not None:
        raise StaffError(_("This link has already been used or is out of date."))
    if row.expires_at <= utcnow() or not row.user.active:
        raise StaffError(_expired(kind))
    return row


def _expired(kind: PasswordLinkPurpose) -> str:
    if kind == PasswordLinkPurpose.INVITATION:
        return _("This invitation has expired. Ask the meeting's administrator to invite "
                 "you again.")
    return _("This link has expired. Ask for a new one from the sign-in page.")


def check_password(password: str, confirm: str, user: User | None = None) -> None:
    problems = Problems(StaffError)
    if len(password or "") < PASSWORD_MIN:
        problems.add(ngettext("The password needs at least %(num)d character.",
                              "The password needs at least %(num)d characters.", PASSWORD_MIN),
                     "password")
    elif len(password) > PASSWORD_MAX:
        problems.add(ngettext("At most %(num)d character.", "At most %(num)d characters.",
                              PASSWORD_MAX), "password")
    elif user is not None and password.strip().casefold() in {
            user.email.casefold(), (user.name or "").strip().casefold()}:
        problems.add(_("The password cannot be your name or e-mail address."), "password")
    if password != confirm:
        problems.add(_("The two passwords are not the same."), "confirm")
    problems.raise_if_any()


def set_password(purpose: str, token: str, password: str, confirm: str) -> User:
    """Use a link once to set the person's password; every browser signed in with the
    account is signed out (caller commits). A conditional update makes a second use fail,
    even at the same moment."""
    row = check_link(purpose, token)
    user = row.user
    check_password(password, confirm, user)
    claimed = db.session.execute(
        update(PasswordLink).where(PasswordLink.id == row.id, PasswordLink.used_at.is_(None))
        .values(used_at=utcnow()))
    if claimed.rowcount != 1:
        raise StaffError(_("This link has already been used or is out of date."))
    user.password_hash = hash_password(password)
    _void_links(user)  # any other link sent before
    user.failed_sign_ins = user.totp_failures = 0
    user.locked_until = None
    ended = sessions.end_all(user.id)
    record("auth.password_set", user, actor=user, purpose=row.purpose.value, sessions=ended)
    return user
