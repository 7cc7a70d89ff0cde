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


def test_the_seoul_meeting_speaks_every_language(db, demo):
    """Title, city, venue, every session and agenda item, the invitation letter and resolution
    1: a text in each of the 15 languages, so a delegate reading Khmer sees Khmer."""
    from app.agenda.models import AgendaSession
    from app.i18n import LOCALES
    from app.invitations.models import InvitationLetter
    from app.resolutions.models import Paragraph, Resolution, ResolutionText

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    texts = {"title": meeting.title, "city": meeting.city, "venue": meeting.venue,
             "summary": meeting.public_summary}
    for room in meeting.rooms:
        texts[f"room {room.name.get('en')}"] = room.name
    for block in db.session.scalars(select(AgendaSession).where(
            AgendaSession.meeting_id == meeting.id)):
        texts[f"session {block.position}"] = block.title
    for item in db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)):
        texts[f"item {item.title.get('en')}"] = item.title
    letter = db.session.scalar(select(InvitationLetter).where(
        InvitationLetter.meeting_id == meeting.id))
    texts["letter subject"], texts["letter body"] = letter.subject, letter.body
    resolution = db.session.scalar(select(Resolution).where(
        Resolution.meeting_id == meeting.id, Resolution.number == 1))
    texts["resolution title"] = {t.language: t.title for t in db.session.scalars(
        select(ResolutionText).where(ResolutionText.resolution_id == resolution.id))}
    for paragraph in db.session.scalars(select(Paragraph).where(
            Paragraph.resolution_id == resolution.id)):
        texts[f"paragraph {paragraph.id}"] = paragraph.text
    assert len(texts) >= 22 + 4
    missing = {name: sorted(set(LOCALES) - {code for code, value in (text or {}).items()
                                            if (value or "").strip()})
               for name, text in texts.items()}
    assert {name: codes for name, codes in missing.items() if codes} == {}


def test_agencies_of_one_kind_are_told_apart_by_their_country(db, demo):
    """Three ministries of public security and two of the interior: distinct short names and,
    in every language, distinct names."""
    from app.i18n import LOCALES

    codes = ("mps-la", "mps-cn", "mps-vn", "moi-ae", "moi-qa")
    orgs = list(db.session.scalars(select(Organisation).where(Organisation.code.in_(codes))))
    assert len({org.acronym for org in orgs}) == len(codes)
    for lang in LOCALES:
        assert len({org.name[lang] for org in orgs}) == len(codes), lang
    aseanapol = db.session.scalar(select(Organisation).where(Organisation.code == "aseanapol"))
    assert aseanapol.name["en"] == "ASEAN Chiefs of National Police (ASEANAPOL)"
    assert set(aseanapol.name) == set(LOCALES)


def test_the_bodies_are_named_one_way_per_language(db, demo):
    """The agenda and resolution 1 write INTERPOL, ASEANAPOL… alike (their acronyms) in every
    language: no الإنتربول in one and INTERPOL in the other."""
    from app.resolutions.models import Paragraph

    items = list(db.session.scalars(select(AgendaItem)))
    paragraphs = list(db.session.scalars(select(Paragraph)))
    for text in [i.title for i in items] + [p.text for p in paragraphs]:
        for value in (text or {}).values():
            for local_name in ("الإنتربول", "国际刑警组织", "인터폴", "インターポール", "أفريبول"):
                assert local_name not in value


def test_demo_letter_reads_natively():
    """Korean particles attach to fixed nouns (no 을(를)); French opens with an attention line
    and "Madame, Monsieur,"; no letter has a preposition before {dates}, which carries its own."""
    from app.demo.letter import BODY

    assert all(mark not in BODY["ko"] for mark in ("을(를)", "이(가)", "은(는)"))
    assert BODY["fr"].startswith("À l’attention de {addressee}\n\nMadame, Monsieur,")
    for lang, body in BODY.items():
        for before in (" du {dates}", " del {dates}", " de {dates}", " on {dates}",
                       " pada {dates}", " sa {dates}", " vào {dates}", "ระหว่างวันที่ {dates}",
                       "ໃນວັນທີ {dates}", " នៅ {dates}", "في {dates}"):
            assert before not in body, (lang, before)
