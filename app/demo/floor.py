"""The demo meeting's list of speakers: on "Statements by delegations", the interventions of
Korea, Thailand and the United Arab Emirates (its right of reply) already given, with their
times on the first day, and Cambodia and Singapore waiting; the item is before the room."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.agenda.models import AgendaItem
from app.extensions import db
from app.floor.speakers import services
from app.floor.speakers.models import RequestKind, RequestState, SpeakerRequest
from app.meetings.models import Organisation

ITEM = "Statements by delegations"
#: (organisation, speaker, kind, minutes after the item's start, seconds spoken)
GIVEN = (
    ("knpa", "Park Ji-hoon", RequestKind.SPEECH, 0, 165),
    ("rtp", "Somchai Wongsakul", RequestKind.SPEECH, 4, 190),
    ("moi-ae", "Khalid Al Mansoori", RequestKind.RIGHT_OF_REPLY, 8, 65),
)
WAITING = (("cnp-kh", "Chea Sokha"), ("spf", "Tan Wei Ming"))


def _item(meeting) -> AgendaItem | None:
    return next((item for item in db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
        if item.title.get("en") == ITEM), None)


def create_floor(meeting) -> None:
    item = _item(meeting)
    if item is None or services.list_of(item) is not None:
        return
    orgs = {org.code: org for org in db.session.scalars(select(Organisation))}
    lst = services.open_list(meeting, item)
    start = item.starts_at or item.session.starts_at
    for position, (code, speaker, kind, minutes, seconds) in enumerate(GIVEN, start=1):
        db.session.add(SpeakerRequest(
            list_id=lst.id, organisation_id=orgs[code].id, speaker_name=speaker, kind=kind,
            state=RequestState.DONE, position=position,
            requested_at=start - timedelta(minutes=5), started_at=start + timedelta(
                minutes=minutes), duration_seconds=seconds))
    db.session.flush()
    chair = services.Asker(None, frozenset(), chair=True)
    for code, speaker in WAITING:
        if code in orgs:
            services.ask(lst, orgs[code].id, speaker_name=speaker, asker=chair)
    db.session.flush()
