"""Demo data: the Breaking Chains series and its first meeting in Seoul (11-12 November 2025).

One module per thing it builds: organisations, meeting (rooms and agenda), people (accounts,
heads, the staff's credentials), invitations (with letter.py, the letter in every language),
registrations, resolution (its text in 15 languages), minutes, and series (the roster and
meeting 2)."""
from __future__ import annotations

from sqlalchemy import select

from app.agenda.models import VersionKind
from app.agenda.publication import publish
from app.agenda.services import latest_version
from app.demo.accreditation import create_accreditation
from app.demo.documents import create_documents
from app.demo.floor import create_floor
from app.demo.invitations import create_invitations
from app.demo.logistics_catering import create_catering
from app.demo.logistics_hotels import create_hotels
from app.demo.logistics_travel import create_travel
from app.demo.meeting import SLUG, create_meeting, mark_standing_items
from app.demo.minutes import create_minutes
from app.demo.organisations import create_organisations
from app.demo.people import USERS, create_users, credentials_file, name_heads, read_credentials
from app.demo.protocol import create_protocol
from app.demo.registrations import create_registrations
from app.demo.resolution import create_resolution
from app.demo.rows import get_or_create
from app.demo.series import create_next_meeting, create_roster
from app.demo.votes import create_votes
from app.extensions import db
from app.meetings.models import Meeting, Series

__all__ = ["SLUG", "USERS", "credentials_file", "load_demo_data", "read_credentials"]


def load_demo_data() -> Meeting:
    """Create the demo meeting once; running it again changes nothing."""
    series = get_or_create(Series, {"slug": "breaking-chains"}, symbol_root="BC", name={
        "en": "Breaking Chains", "ko": "브레이킹 체인스"})
    orgs = create_organisations()
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == SLUG))
    if meeting is None:
        meeting = create_meeting(series, orgs)
    create_users(meeting, orgs)
    if latest_version(meeting) is None:
        publish(meeting, VersionKind.PROVISIONAL, actor=None)
    create_invitations(meeting, orgs)
    db.session.flush()
    name_heads(meeting, orgs)
    create_registrations(meeting, orgs)
    create_catering(meeting)
    create_hotels(meeting, orgs)
    create_accreditation(meeting)
    create_travel(meeting)  # after the liaison officers, who meet the heads
    create_resolution(meeting, orgs)
    create_minutes(meeting, orgs)
    create_votes(meeting, orgs)  # after the resolution it amended
    create_documents(meeting)
    create_floor(meeting)
    mark_standing_items(meeting)
    create_roster(series, meeting, orgs)
    create_protocol(meeting)  # after the invitations: who declined has no place
    db.session.commit()
    create_next_meeting(meeting)
    db.session.commit()
    return meeting
