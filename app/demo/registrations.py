"""The demo delegates' registrations as they stood on the eve of the meeting."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.invitations.models import Invitation
from app.meetings.models import Meeting
from app.registration.models import DelegationRole, Registration, RegistrationStatus
from app.registration.services import _new_badge_code

# The demo delegates' registrations: (e-mail, family, given, native, rank, role, nationality,
# passport number for a visa letter or None, status).
REGISTRATIONS = (
    ("head.th@rtp.example.com", "Wongsakul", "Somchai", "สมชาย วงศ์สกุล", "Pol. Lt. Gen.",
     "head", "TH", None, "approved"),
    ("delegate.th@rtp.example.com", "Srisuk", "Nattaya", "ณัฐยา ศรีสุข", "Pol. Col.",
     "delegate", "TH", None, "approved"),
    ("delegate.kh@cnp.example.com", "Sok", "Dara", "សុខ ដារា", "Brig. Gen.", "delegate", "KH",
     "N01234567", "approved"),
    ("head.ae@moi.example.com", "Al Mansoori", "Khalid", "خالد المنصوري", "Maj. Gen.", "head",
     "AE", None, "approved"),
    ("observer@interpol.example.com", "Dubois", "Claire", "", "", "observer", "FR", None,
     "approved"),
    ("head.kr@knpa.example.com", "Park", "Ji-hoon", "박지훈", "Supt. Gen.", "head", "KR", None,
     "approved"),
    ("souksavanh.p@mps-la.example.com", "Phommachanh", "Souksavanh", "ສຸກສະຫວັນ ພົມມະຈັນ",
     "Pol. Col.", "delegate", "LA", "P9876543", "pending"),
)


def create_registrations(meeting: Meeting, orgs: dict) -> None:
    """Registrations as they stood on the eve of the meeting (no e-mails are queued)."""
    users = {u.email: u for u in db.session.scalars(select(User))}
    for (email, family, given, native, rank, role, nationality, passport,
         status) in REGISTRATIONS:
        if db.session.scalar(select(Registration.id).where(
                Registration.meeting_id == meeting.id, Registration.email == email)):
            continue
        user = users.get(email)
        org_code = email.split("@")[1].removesuffix(".example.com")
        org = user.organisation if user else orgs[org_code]
        if user is None:
            user = User(email=email, name=f"{given} {family}", locale=org.language,
                        organisation_id=org.id)
            db.session.add(user)
            db.session.flush()
        invitation = db.session.scalar(select(Invitation).where(
            Invitation.meeting_id == meeting.id, Invitation.organisation_id == org.id))
        invitation.seats_taken += 1
        db.session.add(Registration(
            meeting_id=meeting.id, organisation_id=org.id, invitation_id=invitation.id,
            user_id=user.id, email=email, language=user.locale or org.language,
            family_name=family, given_names=given, native_name=native, title=rank,
            role=DelegationRole(role), nationality=nationality, visa_needed=bool(passport),
            passport_number=passport, birth_date="1982-04-09" if passport else None,
            arrival_date=date(2025, 11, 10), departure_date=date(2025, 11, 13),
            hotel="Lotte Hotel Seoul", status=RegistrationStatus(status),
            decided_at=datetime(2025, 11, 3, 2, 0) if status == "approved" else None,
            badge_code=_new_badge_code()))
