"""Factories for the votes' tests: a tabled resolution of the demo meeting, a vote on it."""
from __future__ import annotations

from sqlalchemy import select

from app.agenda.models import AgendaItem
from app.extensions import db
from app.floor.votes import services
from app.meetings.models import Meeting, MeetingOrganisation, Organisation, ParticipationCategory
from app.resolutions import services as resolution_services
from app.resolutions.models import ParagraphKind


def meeting_of(slug: str) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == slug))


def first_item(meeting: Meeting) -> AgendaItem:
    return db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                             .order_by(AgendaItem.id).limit(1))


def tabled_resolution(meeting: Meeting, title: str = "Protection of victims"):
    resolution = resolution_services.create(meeting, language="en", title=title)
    paragraph = resolution_services.add_paragraph(resolution, ParagraphKind.OPERATIVE.value)
    resolution_services.save_text(resolution, "en", title=title,
                                  paragraphs={paragraph.id: "*Agrees* to protect victims;"},
                                  status="draft", version=resolution.version)
    resolution_services.table(resolution)
    return resolution


def members(meeting: Meeting) -> list[Organisation]:
    return services.voting_members(meeting)


def observer(meeting: Meeting) -> Organisation:
    return db.session.scalar(
        select(Organisation).join(MeetingOrganisation,
                                  MeetingOrganisation.organisation_id == Organisation.id)
        .where(MeetingOrganisation.meeting_id == meeting.id,
               MeetingOrganisation.category != ParticipationCategory.MEMBER).limit(1))


def open_on_resolution(meeting: Meeting, resolution, *, majority="simple", quorum="majority",
                       method="recorded"):
    return services.open_vote(meeting, item_id=first_item(meeting).id, subject="resolution",
                              resolution_id=resolution.id, method=method, majority=majority,
                              quorum=quorum)
