"""The Seoul meeting moved into the future, so invitations can still be answered."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.invitations.models import Invitation, InvitationLetter
from app.meetings.models import Meeting, Organisation


@pytest.fixture
def upcoming(app, db, demo):
    """The demo meeting in 30 days, answers due in 20; returns the meeting's slug."""
    from app.invitations.services import change_meeting_dates

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    start = date.today() + timedelta(days=30)
    change_meeting_dates(meeting, start, start + timedelta(days=1))
    letter = db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting.has(slug="bc-2025-seoul")))
    letter.reply_by = date.today() + timedelta(days=20)
    db.session.commit()
    return meeting.slug


def invitation_of(db, code: str) -> Invitation:
    org = db.session.scalar(select(Organisation).where(Organisation.code == code))
    return db.session.scalar(select(Invitation).where(
        Invitation.organisation_id == org.id, Invitation.meeting.has(slug="bc-2025-seoul")))
