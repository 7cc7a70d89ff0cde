"""People who use the application, their roles per meeting, and one-time sign-in links."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models_base import LabelledEnum, enum_column, utcnow


class Role(LabelledEnum):
    ADMIN = "admin"
    STAFF = "staff"
    HEAD = "head"
    DELEGATE = "delegate"
    OBSERVER = "observer"
    # Narrower secretariat roles: a person with one of these signs in with a password, like
    # the secretariat, but may do only what the role names (see the sets below).
    LOGISTICS = "logistics"
    PROTOCOL = "protocol"
    CHECK_IN = "check_in"

    __labels__ = {
        ADMIN: _l("Secretariat administrator"),
        STAFF: _l("Secretariat staff"),
        HEAD: _l("Head of delegation"),
        DELEGATE: _l("Delegate"),
        OBSERVER: _l("Observer"),
        LOGISTICS: _l("Logistics"),
        PROTOCOL: _l("Protocol"),
        CHECK_IN: _l("Check-in desk"),
    }


#: The full secretariat: every secretariat page of its meeting.
SECRETARIAT_ROLES = frozenset({Role.ADMIN, Role.STAFF})
#: Every role held by the organisers' own people (accounts with a password, never a
#: delegation): the secretariat and the narrower roles.
STAFF_ROLES = SECRETARIAT_ROLES | {Role.LOGISTICS, Role.PROTOCOL, Role.CHECK_IN}
#: May read the meeting's registrations and participants (no decisions, no editing).
REGISTRATION_READERS = SECRETARIAT_ROLES | {Role.LOGISTICS, Role.PROTOCOL}
#: May use the venue desk: check people in and see who is in.
CHECK_IN_DESK = SECRETARIAT_ROLES | {Role.CHECK_IN}


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # Room for a registration's full name: given names and family name, 100 letters each.
    name: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(10))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: A site administrator: creates series, meetings and organisations, and is an
    #: administrator of every meeting (the first one is made by `users create-secretariat
    #: --admin` without --meeting).
    site_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]
    #: The person's own time zone (IANA name), for reading times; None: the meeting's.
    timezone: Mapped[str | None] = mapped_column(String(64))
    # Per account, in the database: they hold across workers and addresses.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    totp_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lockouts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None]

    organisation = relationship("Organisation")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan")

    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lowercase"),)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    @property
    def is_admin(self) -> bool:
        """An administrator somewhere: of the site, or of at least one meeting."""
        return self.site_admin or any(m.role == Role.ADMIN for m in self.memberships)

    @property
    def is_secretariat(self) -> bool:
        return self.site_admin or any(m.role in SECRETARIAT_ROLES for m in self.memberships)

    @property
    def is_staff_member(self) -> bool:
        """A site administrator, or any organisers' role anywhere: the secretariat or one of
        its narrower roles."""
        return self.site_admin or any(m.role in STAFF_ROLES for m in self.memberships)

    @property
    def needs_password(self) -> bool:
        """Secretariat accounts (every staff role) sign in with a password; delegates by
        one-time link."""
        return self.is_staff_member

    def roles_in(self, meeting) -> set[Role]:
        """The person's roles at this meeting; a site administrator is its administrator."""
        found = {m.role for m in self.memberships if m.meeting_id == meeting.id}
        return found | {Role.ADMIN} if self.site_admin else found

    def membership_in(self, meeting) -> Membership | None:
        ranked = sorted((m for m in self.memberships if m.meeting_id == meeting.id),
                        key=lambda m: list(Role).index(m.role))
        return ranked[0] if ranked else None


class Membership(db.Model):
    """A person's role at one meeting; delegation roles belong to an organisation."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"),
                                            index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship(back_populates="memberships")
    meeting = relationship("Meeting")
    organisation = relationship("Organisation")

    __table_args__ = (
        UniqueConstraint("user_id", "meeting_id", "role"),
        CheckConstraint("role IN ('admin', 'staff', 'logistics', 'protocol', 'check_in') "
                        "OR organisation_id IS NOT NULL",
                        name="delegation_has_organisation"),
    )


class LoginToken(db.Model):
    """The server-side half of a one-time sign-in link: it can be used once, before it expires."""

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class SignInSession(db.Model):
    """The server-side half of a signed-in browser: the cookie holds a random token, the
    database only its SHA-256 digest. Ended on sign-out, so a copied cookie dies with it."""

    __tablename__ = "sign_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    method: Mapped[str] = mapped_column(String(32))
    browser: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class PasswordLinkPurpose(enum.StrEnum):
    INVITATION = "invitation"  # a new staff member chooses a first password
    RESET = "reset"  # "Forgot your password?"


class PasswordLink(db.Model):
    """The server-side half of a link that sets a password: like a LoginToken, it holds only
    the SHA-256 digest of the link's random part, and can be used once, before it expires."""

    __tablename__ = "password_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[PasswordLinkPurpose] = mapped_column(
        enum_column(PasswordLinkPurpose, "password_link_purpose"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
