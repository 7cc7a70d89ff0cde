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


def test_every_accepted_invitation_names_a_head_who_holds_the_head_role(app, client, db, demo):
    """The invitations list shows "Head of delegation: <name>" on every accepted row, and the
    named person signs in as head of that agency's delegation."""
    import re

    from app.auth.models import Role
    from app.invitations.models import Invitation, InvitationStatus
    from tests.conftest import sign_in_staff

    sign_in_staff(app, client)
    page = client.get(f"/meetings/{demo}/invitations/").get_data(as_text=True)
    named = re.findall(r"Head of delegation: ([^<]*)</small>", page)
    accepted = db.session.scalars(select(Invitation).where(
        Invitation.meeting.has(slug=demo), Invitation.status == InvitationStatus.ACCEPTED)).all()
    assert len(named) == len(accepted) == 15 and all(name.strip() for name in named)
    for invitation in accepted:
        head = db.session.scalar(select(User).where(User.email == invitation.head_email))
        assert head is not None and head.name == invitation.head_name
        assert db.session.scalar(select(Membership).where(
            Membership.user_id == head.id, Membership.meeting_id == invitation.meeting_id,
            Membership.role == Role.HEAD,
            Membership.organisation_id == invitation.organisation_id)) is not None


def test_the_host_agency_takes_part_in_its_own_meeting(app, client, db, demo):
    """The KNPA hosts the Seoul meeting and sends a delegation to it: its head opens the
    delegation, may register people, and the secretariat prints its badges."""
    from tests.conftest import pdf_text, sign_in, staff_client

    sign_in(app, client, "head.kr@knpa.example.com")
    base = f"/meetings/{demo}/registration/delegations/knpa"
    page = client.get(base)
    assert page.status_code == 200 and "Park Ji-hoon" in page.get_data(as_text=True)
    form = client.get(base + "/new")
    assert form.status_code == 200 and 'name="family_name"' in form.get_data(as_text=True)
    badges = staff_client(app).get(f"/meetings/{demo}/registration/badges.pdf",
                                   query_string={"organisation": "knpa", "lang": "en"})
    assert badges.status_code == 200 and "PARK" in pdf_text(badges.data).upper()
