"""The series: the next meeting from the last, the roster, carried-forward action points,
the archive and its search, and host rotation."""
from __future__ import annotations

from sqlalchemy import func, select

from app.meetings.models import Meeting, SeriesMember
from app.minutes.models import ActionPoint
from tests.conftest import csrf_token, pdf_text, sign_in, staff_client

SEOUL = "/meetings/bc-2025-seoul"


def _clone(app, *args):
    return app.test_cli_runner().invoke(args=["meetings", "clone", "bc-2025-seoul", *args])


def test_demo_has_a_second_meeting_made_from_seoul_with_its_action_points(app, db, demo):
    second = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    assert second.symbol_prefix == "BC/2" and second.host.code == "rtp"
    assert second.timezone == "Asia/Bangkok" and not second.rooms  # another venue
    client = staff_client(app)
    page = client.get(f"/meetings/{second.slug}/follow-up").get_data(as_text=True)
    assert "Name the national contact point" in page and "BC/1" in page
    agenda = client.get(f"/meetings/{second.slug}/agenda/edit").get_data(as_text=True)
    assert "Adoption of the agenda" in agenda
    assert "Follow-up of action points from earlier meetings" in agenda
    assert "Scam compounds in Southeast Asia" not in agenda  # not a standing item


def test_cloning_leaves_meeting_one_and_its_documents_byte_for_byte(app, db, demo):
    client = staff_client(app)
    urls = [f"{SEOUL}/agenda.pdf?lang=en", f"{SEOUL}/minutes/minutes.pdf?lang=en",
            f"{SEOUL}/resolutions/1.pdf?lang=km", f"{SEOUL}/resolutions/1.pdf?lang=en"]
    before = [client.get(url).data for url in urls]
    result = _clone(app, "--slug", "bc-2027-manila", "--start", "2027-09-14", "--title",
                    "Third Meeting of Operation Breaking Chains", "--city", "Manila",
                    "--host", "pnp", "--timezone", "Asia/Manila")
    assert result.exit_code == 0, result.output
    third = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2027-manila"))
    assert third.symbol_prefix == "BC/3" and third.end_date.isoformat() == "2027-09-15"
    assert len(third.rooms) == 2  # same venue: the rooms come along
    from app.agenda.models import AgendaItem, Visibility
    from app.agenda.services import save_item

    item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == third.id))
    with app.test_request_context():
        save_item(third, item, session_id=item.session_id, parent_id=None,
                  title={"en": "Opening by the Chief of the Philippine National Police"},
                  description={}, day=None, start=None, end=None, room_id=None,
                  visibility=Visibility.PUBLIC, presenter_ids=[], presenter_names="")
        db.session.commit()
    after = [client.get(url).data for url in urls]
    assert after == before
    seoul_items = db.session.scalar(select(func.count()).select_from(AgendaItem).where(
        AgendaItem.meeting_id == db.session.scalar(select(Meeting.id).where(
            Meeting.slug == "bc-2025-seoul"))))
    assert seoul_items == 14


def test_cloning_refuses_bad_input_and_creates_nothing(app, db, demo):
    count = db.session.scalar(select(func.count()).select_from(Meeting))
    cases = [
        ("--slug", "bc-2025-seoul", "--start", "2030-01-10"),  # existing slug
        ("--slug", "bc-2030-x", "--start", "2030-01-10", "--symbol-prefix", "BC/1"),
        ("--slug", "bc-2020-x", "--start", "2020-01-10"),  # in the past
        ("--slug", "bc-2030-y", "--start", "2030-01-10", "--host", "rbpf"),  # not a member
        ("--slug", "Bad Slug!", "--start", "2030-01-10"),
    ]
    for args in cases:
        result = _clone(app, *args, "--title", "T", "--city", "C")
        assert result.exit_code != 0, args
        assert "Traceback" not in result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == count


def test_search_finds_resolution_one_by_a_khmer_phrase_by_symbol_and_by_sponsor(app, db,
                                                                                 demo):
    from app.demo import resolution as demo_resolution

    client = staff_client(app)
    khmer = demo_resolution.PREAMBLE[0]["km"].replace("*", "")[4:24]
    for query in (khmer, "bc/1/res/1", "Royal Thai Police"):
        page = client.get("/series/breaking-chains/", query_string={"q": query})
        body = page.get_data(as_text=True)
        assert page.status_code == 200 and "BC/1/RES/1" in body, query
    nothing = client.get("/series/breaking-chains/?q=zzzz-nothing").get_data(as_text=True)
    assert "0 resolutions found" in nothing


def test_archive_lists_meetings_with_their_documents(app, db, demo):
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    page = delegate.get("/series/breaking-chains/").get_data(as_text=True)
    assert "BC/1/RES/1" in page and "BC/2" in page
    assert app.test_client().get("/series/breaking-chains/").status_code == 302  # sign in


def test_heads_update_only_their_own_agencys_carried_action_points(app, db, demo):
    from app.auth.models import Membership, Role, User

    second = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    head = db.session.scalar(select(User).where(User.email == "head.th@rtp.example.com"))
    db.session.add(Membership(user_id=head.id, meeting_id=second.id, role=Role.HEAD,
                              organisation_id=head.organisation_id))
    db.session.commit()
    _approve_seoul_minutes(db)  # heads see action points of approved minutes only
    own = db.session.scalar(select(ActionPoint).where(ActionPoint.description.like(
        "Update the regional threat assessment%")))
    other = db.session.scalar(select(ActionPoint).where(ActionPoint.description.like(
        "Name the national contact point%")))
    client = app.test_client()
    sign_in(app, client, "head.th@rtp.example.com")
    url = f"/meetings/{second.slug}/follow-up"
    token = csrf_token(client.get(url).get_data(as_text=True))
    assert client.post(url, data={"csrf_token": token, "action_id": own.id,
                                  "status": "done"}).status_code == 302
    assert client.post(url, data={"csrf_token": token, "action_id": other.id,
                                  "status": "done"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(ActionPoint, own.id).status == "done"
    assert db.session.get(ActionPoint, other.id).status == "open"


def test_roster_records_joining_and_leaving_for_administrators_only(app, db, demo):
    from tests.audit.test_log import _sign_in_admin

    admin = app.test_client()
    _sign_in_admin(app, admin)
    page = admin.get("/series/breaking-chains/roster?lang=en").get_data(as_text=True)
    token = csrf_token(page)
    from app.meetings.models import Organisation

    brunei = db.session.scalar(select(Organisation).where(Organisation.code == "rbpf"))
    admin.post("/series/breaking-chains/roster", data={
        "csrf_token": token, "organisation_id": brunei.id, "category": "member",
        "joined_on": "2026-03-01", "decided_at_id": "0"})
    member = db.session.scalar(select(SeriesMember).where(
        SeriesMember.organisation_id == brunei.id))
    assert member is not None and member.left_on is None
    again = admin.post("/series/breaking-chains/roster?lang=en", data={
        "csrf_token": token, "organisation_id": brunei.id, "category": "member",
        "joined_on": "2026-04-01", "decided_at_id": "0"})
    assert "already on the roster" in again.get_data(as_text=True)
    admin.post(f"/series/breaking-chains/roster/{member.id}/leave", data={
        "csrf_token": token, "left_on": "2026-06-30", "decided_at_id": "0"})
    db.session.expire_all()
    assert db.session.get(SeriesMember, member.id).left_on.isoformat() == "2026-06-30"
    staff = staff_client(app)
    own = csrf_token(staff.get("/series/breaking-chains/roster").get_data(as_text=True))
    assert staff.post("/series/breaking-chains/roster", data={
        "csrf_token": own, "organisation_id": brunei.id}).status_code == 403


def test_the_host_of_meeting_two_heads_its_letters(app, db, demo):
    second = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    client = app.test_client()
    from tests.audit.test_log import _sign_in_admin

    _sign_in_admin(app, client)
    pdf = client.get(f"/meetings/{second.slug}/invitations/letter.pdf?letter_lang=en")
    assert pdf.status_code == 200
    text = pdf_text(pdf.data)
    assert "Royal Thai Police" in text and "Commissioner-General" in text


def test_only_a_member_of_the_series_can_host(app, db, demo):
    from app.meetings.models import Organisation
    from tests.audit.test_log import _sign_in_admin

    admin = app.test_client()
    _sign_in_admin(app, admin)
    url = "/meetings/bc-2025-seoul/settings?lang=en"  # the admin's own language is Korean
    page = admin.get(url).get_data(as_text=True)
    seoul = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    brunei = db.session.scalar(select(Organisation).where(Organisation.code == "rbpf"))
    data = {"csrf_token": csrf_token(page), "start_date": "2025-11-11",
            "end_date": "2025-11-12", "timezone": "Asia/Seoul", "working_language": "en",
            "official_languages": ["en"], "title_en": seoul.title["en"], "city_en": "Seoul",
            "venue_en": seoul.venue["en"], "host_id": str(brunei.id), "secretariat_id": "0"}
    refused = admin.post(url, data=data)
    assert "The host must be a member of the series." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, seoul.id).host.code == "knpa"


def _at_meeting_two(db, email: str, role):
    from app.auth.models import Membership, User

    second = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    person = db.session.scalar(select(User).where(User.email == email))
    db.session.add(Membership(user_id=person.id, meeting_id=second.id, role=role,
                              organisation_id=person.organisation_id))
    db.session.commit()
    return second


def _approve_seoul_minutes(db):
    from app.minutes.models import Minutes, MinutesStatus

    minutes = db.session.scalar(select(Minutes).join(Meeting).where(
        Meeting.slug == "bc-2025-seoul"))
    minutes.status = MinutesStatus.APPROVED
    db.session.commit()


def test_draft_minutes_of_meeting_one_do_not_reach_meeting_two_s_follow_up(app, db, demo):
    from app.auth.models import Role

    second = _at_meeting_two(db, "head.th@rtp.example.com", Role.HEAD)
    _at_meeting_two(db, "delegate.th@rtp.example.com", Role.DELEGATE)
    head, delegate = app.test_client(), app.test_client()
    sign_in(app, head, "head.th@rtp.example.com")
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    url = f"/meetings/{second.slug}/follow-up?lang=en"
    public, heads_only = "Update the regional threat assessment", \
        "Name the national contact point"  # the second is on a heads-only item
    # meeting 1's minutes are a draft: its action points stay with the secretariat
    for client in (head, delegate):
        page = client.get(url).get_data(as_text=True)
        assert public not in page and heads_only not in page
    page = staff_client(app).get(url).get_data(as_text=True)
    assert public in page and heads_only in page
    # once approved, each reader sees what the minutes show them: heads-only items to heads
    _approve_seoul_minutes(db)
    page = head.get(url).get_data(as_text=True)
    assert public in page and heads_only in page
    page = delegate.get(url).get_data(as_text=True)
    assert public in page and heads_only not in page


def test_cloned_sessions_keep_their_wall_clock_time_in_the_new_meetings_zone(app, db, demo):
    """Seoul opened at 09:30: the meetings made from it in Bangkok and Manila open at 09:30
    local time too (not 07:30 and 08:30), on the agenda page, in its PDF and in its .ics
    (read in French, whose times are on the 24-hour clock)."""
    from app.agenda.models import VersionKind
    from app.agenda.publication import publish
    from app.auth.models import Membership, Role, User

    staff = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    for slug, city, zone, start in (("bc-2028-bangkok", "Bangkok", "Asia/Bangkok", "2028-03-08"),
                                    ("bc-2027-manila", "Manila", "Asia/Manila", "2027-09-14")):
        result = _clone(app, "--slug", slug, "--start", start, "--title", f"Meeting in {city}",
                        "--city", city, "--venue", f"Police Headquarters, {city}",
                        "--timezone", zone)
        assert result.exit_code == 0, result.output
        meeting = db.session.scalar(select(Meeting).where(Meeting.slug == slug))
        db.session.add(Membership(user_id=staff.id, meeting_id=meeting.id, role=Role.STAFF))
        with app.test_request_context():
            publish(meeting, VersionKind.PROVISIONAL, actor=None)
        db.session.commit()
        client = staff_client(app)
        page = client.get(f"/meetings/{slug}/agenda?lang=fr").get_data(as_text=True)
        assert "09:30" in page and "07:30" not in page and "08:30" not in page, slug
        text = pdf_text(client.get(f"/meetings/{slug}/agenda.pdf?lang=fr").data)
        assert "09:30" in text and "07:30" not in text and "08:30" not in text, slug
        ics = client.get(f"/meetings/{slug}/agenda.ics?lang=fr").get_data(as_text=True)
        assert f"DTSTART;TZID={zone}:{start.replace('-', '')}T093000" in ics, slug


def test_the_letter_of_the_next_meeting_speaks_for_its_new_host(app, db, demo, smtp_server):
    """Meeting 2 is hosted by the Royal Thai Police: its letter, copied from Seoul's, is sent
    on behalf of the Royal Thai Police in each addressee's language, no longer of the KNPA."""
    from app.invitations.models import Invitation
    from app.meetings.models import Organisation

    second = db.session.scalar(select(Meeting).where(Meeting.number == 2))
    client = staff_client(app)
    base = f"/meetings/{second.slug}/invitations"
    expected = {"rtp": "ในนามของสำนักงานตำรวจแห่งชาติ ข้าพเจ้า",
                "spf": "On behalf of the Royal Thai Police,",
                "mps-vn": "Thay mặt Cảnh sát Hoàng gia Thái Lan,",
                "moi-ae": "بالنيابة عن الشرطة الملكية التايلندية،",
                "mps-cn": "谨代表泰国皇家警察"}
    for code, sentence in expected.items():
        org = db.session.scalar(select(Organisation).where(Organisation.code == code))
        invitation = db.session.scalar(select(Invitation).where(
            Invitation.meeting_id == second.id, Invitation.organisation_id == org.id))
        token = csrf_token(client.get(base + "/").get_data(as_text=True))
        client.post(f"{base}/{invitation.id}/send", data={"csrf_token": token})
        assert app.test_cli_runner().invoke(args=["outbox", "deliver"]).exit_code == 0
        [mail] = [m for rcpt, m in smtp_server.messages if rcpt == [invitation.email]]
        text = mail.get_body(("plain",)).get_content()
        assert sentence in text, code
        for korean in ("Korean National Police Agency", "เกาหลี", "Hàn Quốc", "الكورية",
                       "警察厅"):
            assert korean not in text, (code, korean)
