"""Personal data across the domains of a meeting, on the roof because it gathers them: the
erasure after the meeting (registrations, and the log of who received circulars) and what the
application holds about one person (through a registration, or their whole account)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from app.accreditation import services as accreditations
from app.auth.models import Membership, SignInSession, User
from app.circulars.services import forget_recipients, received
from app.extensions import db
from app.jobs import services as jobs
from app.logistics.catering import visas
from app.logistics.travel import flights
from app.registration import services as registration
from app.registration.models import Registration


def _iso(moment) -> str | None:
    return moment.isoformat() + "Z" if moment is not None else None


def purge(meeting, *, force: bool = False, today: date | None = None) -> tuple[int, int]:
    """Erase the meeting's personal data after it ended, in one transaction (the caller
    commits): passport, contact and travel details and photos of the registrations, and the
    names and addresses of the circulars' recipients. (registrations, circular recipients)."""
    registrations = registration.purge(meeting, force=force, today=today)
    accreditations.purge(meeting)  # phones and photos of the press, drivers, liaison…
    visas.forget(meeting)  # the visa statuses go with the visa request
    flights.purge_travel(meeting)  # flights, seats on transfers, drivers' contacts
    jobs.forget_meeting(meeting.id)  # badges, lists and ZIPs prepared in the background
    return registrations, forget_recipients(meeting)


def registration_data(row: Registration, *, all_meetings: bool = False) -> dict:
    """What is held about a person through this registration (registration.personal_data),
    with the circulars sent to its address at its meeting."""
    data = registration.personal_data(row, all_meetings=all_meetings)
    data["circulars"] = received(row.email, row.meeting_id)
    data.update(visas.held_about(row))
    data.update(flights.held_about(row))
    return data


def account_data(user: User) -> dict:
    """Everything held about the person behind an account, for themselves: the account, its
    roles, its browsers, its registrations at every meeting, and the circulars it received."""
    registrations = db.session.scalars(select(Registration).where(or_(
        Registration.user_id == user.id,
        Registration.user_id.is_(None) & (Registration.email == user.email)))
        .order_by(Registration.id)).all()
    sessions = db.session.scalars(select(SignInSession).where(
        SignInSession.user_id == user.id).order_by(SignInSession.id)).all()
    roles = db.session.scalars(select(Membership).where(Membership.user_id == user.id)
                               .order_by(Membership.id)).all()
    return {
        "account": {"name": user.name, "email": user.email, "language": user.locale,
                    "time_zone": user.timezone, "active": user.active,
                    "site_administrator": user.site_admin,
                    "password_set": user.password_hash is not None,
                    "two_step_verification": user.totp_secret is not None,
                    "created_at": _iso(user.created_at),
                    "last_sign_in_at": _iso(user.last_sign_in_at)},
        "roles": [{"meeting": m.meeting.slug, "role": m.role.value,
                   "organisation": m.organisation.code if m.organisation is not None
                   else None} for m in roles],
        "sessions": [{"browser": s.browser, "method": s.method,
                      "created_at": _iso(s.created_at), "last_seen_at": _iso(s.last_seen_at),
                      "ended_at": _iso(s.ended_at)} for s in sessions],
        "registrations": [{"meeting": r.meeting.slug, **registration_data(r, all_meetings=True)}
                          for r in registrations],
        "circulars": received(user.email),
    }
