"""The demo meeting: what `make run` shows a new user."""
from __future__ import annotations

from sqlalchemy import func, select

from app.agenda.models import AgendaItem
from app.auth.models import Membership, User
from app.demo import load_demo_data
from app.meetings.models import Meeting, MeetingOrganisation, Organisation


def _counts(db):
    return [db.session.scalar(select(func.count()).select_from(model))
            for model in (Meeting, Organisation, MeetingOrganisation, AgendaItem, User, Membership)]


def test_demo_data_can_be_loaded_twice_without_duplicates(db, demo):
    before = _counts(db)
    load_demo_data()
    assert _counts(db) == before


def test_demo_meeting_is_seoul_11_to_12_november_2025(db, demo):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    assert (meeting.start_date.isoformat(), meeting.end_date.isoformat()) == \
        ("2025-11-11", "2025-11-12")
    assert meeting.timezone == "Asia/Seoul" and meeting.symbol_prefix == "BC/1"
    assert meeting.city["ko"] == "서울"


def test_demo_invites_15_countries_and_4_international_bodies(db, demo):
    orgs = db.session.scalars(select(Organisation)).all()
    countries = {o.country_code for o in orgs if o.country_code}
    assert countries == {"KR", "KH", "LA", "TH", "SG", "PH", "US", "AE", "QA", "CN", "JP", "VN",
                         "ID", "MY", "BN"}
    assert {o.acronym for o in orgs if not o.country_code} == \
        {"INTERPOL", "ASEANAPOL", "AMERIPOL", "AFRIPOL"}


def test_demo_agenda_has_timed_items_in_several_languages(db, demo):
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.starts_at.is_not(None))).all()
    assert len(items) >= 8
    assert all({"en", "ko", "th", "ar"} <= set(item.title) for item in items)
