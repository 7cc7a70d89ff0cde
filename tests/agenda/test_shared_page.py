"""The agenda page is shared by readers with the same view of it (app/pages.py): each still
gets their own name and CSRF token, and nothing another person would not see."""
from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from app.auth.models import User
from app.meetings.models import Meeting
from tests.conftest import csrf_token, sign_in, sign_in_staff, statements_of

AGENDA = "/meetings/bc-2025-seoul/agenda?lang=en"


def _who(html: str) -> str:
    return re.search(r'<span class="who">([^<]*)</span>', html).group(1)


def test_two_delegates_share_the_page_but_not_their_name_or_token(app, db, demo):
    thai, khmer = app.test_client(), app.test_client()
    sign_in(app, thai, "delegate.th@rtp.example.com")
    sign_in(app, khmer, "delegate.kh@cnp.example.com")
    user = db.session.scalar(select(User).where(User.email == "delegate.kh@cnp.example.com"))
    user.name = "Sok <b>Dara</b> & Co"
    db.session.commit()
    first = thai.get(AGENDA).get_data(as_text=True)
    second = khmer.get(AGENDA).get_data(as_text=True)
    again = thai.get(AGENDA).get_data(as_text=True)
    assert _who(first) == _who(again) != _who(second)
    assert _who(second) == "Sok &lt;b&gt;Dara&lt;/b&gt; &amp; Co"
    assert "\ue000" not in first + second + again  # no placeholder left
    for client, html in ((thai, again), (khmer, second)):
        response = client.post("/auth/sign-out", data={"csrf_token": csrf_token(html)})
        assert response.status_code == 302  # each token is the person's own and valid
        assert client.get(AGENDA).status_code == 302  # signed out: to the sign-in page


def test_roles_and_meeting_texts_are_part_of_what_is_shared(app, db, demo):
    delegate, staff = app.test_client(), app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    sign_in_staff(app, staff)
    assert "Edit agenda" not in delegate.get(AGENDA).get_data(as_text=True)
    assert "Edit agenda" in staff.get(AGENDA).get_data(as_text=True)
    assert "Edit agenda" not in delegate.get(AGENDA).get_data(as_text=True)
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    meeting.title = {**meeting.title, "en": "Breaking Chains, renamed"}
    db.session.commit()  # as another worker would: this one's copy must not be served
    assert "Breaking Chains, renamed" in delegate.get(AGENDA).get_data(as_text=True)


def test_a_message_for_the_person_is_shown_once_and_never_shared(app, demo):
    reader, other = app.test_client(), app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    sign_in(app, other, "delegate.kh@cnp.example.com")
    reader.get(AGENDA)
    with reader.session_transaction() as session:
        session["_flashes"] = [("message", "Only for Nattaya")]
    assert "Only for Nattaya" in reader.get(AGENDA).get_data(as_text=True)
    assert "Only for Nattaya" not in reader.get(AGENDA).get_data(as_text=True)
    assert "Only for Nattaya" not in other.get(AGENDA).get_data(as_text=True)


def _without_token(html: str) -> str:
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"|'
                  r'name="csrf_token" value="[^"]+"', "csrf_token", html)


def _reader(app, email: str = "delegate.th@rtp.example.com"):
    """A signed-in client whose welcome message is gone (a page with it is never kept)."""
    reader = app.test_client()
    sign_in(app, reader, email)
    with reader.session_transaction() as session:
        session.pop("_flashes", None)
    return reader


def test_a_kept_page_is_the_page_the_full_path_rendered_and_costs_one_query(app, demo):
    reader = _reader(app)
    full, first = statements_of(app, reader, AGENDA)
    kept, second = statements_of(app, reader, AGENDA)
    assert first.status_code == second.status_code == 200
    assert len(full) > 1 and len(kept) == 1  # person, roles, meeting and version at once
    assert _without_token(second.get_data(as_text=True)) == \
        _without_token(first.get_data(as_text=True))
    assert csrf_token(second.get_data(as_text=True))  # a token of its own, filled in


def test_a_delegate_taken_off_the_meeting_is_refused_at_once_though_the_page_is_kept(
        app, db, demo):
    from sqlalchemy import delete

    from app.auth.models import Membership

    reader = app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    assert reader.get(AGENDA).status_code == 200
    assert reader.get(AGENDA).status_code == 200  # now from the kept pages
    user = db.session.scalar(select(User).where(User.email == "delegate.th@rtp.example.com"))
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))
    db.session.commit()  # as the secretariat would, through another worker
    refused = reader.get(AGENDA)
    assert refused.status_code == 403
    assert "Adoption of the agenda" not in refused.get_data(as_text=True)


def test_a_deactivated_account_is_sent_to_sign_in_though_the_page_is_kept(app, db, demo):
    reader = app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    reader.get(AGENDA)
    assert reader.get(AGENDA).status_code == 200
    user = db.session.scalar(select(User).where(User.email == "delegate.th@rtp.example.com"))
    user.active = False
    db.session.commit()
    response = reader.get(AGENDA)
    assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]


def test_a_newly_published_version_replaces_the_kept_page_at_once(app, db, demo):
    from app.agenda import publication as services
    from app.agenda.models import VersionKind

    reader = app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    reader.get(AGENDA)
    before = reader.get(AGENDA).get_data(as_text=True)
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    kind = (VersionKind.PROVISIONAL if "Adopted agenda" in before else VersionKind.ADOPTED)
    with app.test_request_context():
        services.publish(meeting, kind, actor=None)
        db.session.commit()
    after = reader.get(AGENDA).get_data(as_text=True)
    assert ("Adopted agenda" in after) == (kind == VersionKind.ADOPTED)
    assert re.search(r'class="symbol"[^>]*>([^<]+)<', after).group(1) != \
        re.search(r'class="symbol"[^>]*>([^<]+)<', before).group(1)


def test_a_page_in_another_language_is_kept_and_remembered_but_not_saved(app, db, demo):
    reader = app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    for _ in range(2):  # the welcome message, then the page is kept
        reader.get("/meetings/bc-2025-seoul/agenda?lang=ko")
    statements, kept = statements_of(app, reader, "/meetings/bc-2025-seoul/agenda?lang=ko")
    assert 'lang="ko"' in kept.get_data(as_text=True)
    assert len(statements) == 1  # a kept page, even in a language that is not the saved one
    user = db.session.scalar(select(User).where(User.email == "delegate.th@rtp.example.com"))
    assert user.locale == "th"  # ?lang= is never saved
    # Remembered for the browser session: the address without ?lang= is read in Korean.
    assert '<html lang="ko"' in reader.get("/meetings/bc-2025-seoul/agenda").get_data(
        as_text=True)


def test_a_session_from_another_browser_is_marked_not_fresh_and_still_reads(app, demo):
    reader = app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    reader.get(AGENDA)
    elsewhere = {"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Mobile/15E148"}
    for _ in range(2):  # first the full path marks the session, then the kept page
        statements, response = statements_of(app, reader, AGENDA, headers=elsewhere)
        assert response.status_code == 200 and "Adoption of the agenda" in response.get_data(
            as_text=True)
        with reader.session_transaction() as session:
            assert session["_fresh"] is False
    assert len(statements) == 1


def test_the_zones_offered_follow_the_participants_though_the_page_is_kept(app, db, demo):
    from app.meetings.models import (
        MeetingOrganisation,
        Organisation,
        OrganisationKind,
        ParticipationCategory,
    )

    reader = app.test_client()
    sign_in(app, reader, "delegate.th@rtp.example.com")
    reader.get(AGENDA)
    assert "America/Sao_Paulo" not in reader.get(AGENDA).get_data(as_text=True)
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    federal = Organisation(code="pf-br", name={"en": "Federal Police of Brazil"},
                           country_code="BR", kind=OrganisationKind.NATIONAL_AGENCY)
    db.session.add(federal)
    db.session.flush()
    db.session.add(MeetingOrganisation(meeting_id=meeting.id, organisation_id=federal.id,
                                       category=ParticipationCategory.INVITED_STATE))
    db.session.commit()
    html = reader.get(AGENDA).get_data(as_text=True)
    assert '<option value="America/Sao_Paulo"' in html


def test_a_kept_page_follows_the_clock_and_the_chosen_zone(app, demo, monkeypatch):
    import app.agenda.services as services

    reader = _reader(app)
    # 11 November 2025 in Seoul: 10:05 (item 3 runs), then 11:10 (the scam compounds).
    monkeypatch.setattr(services, "utcnow", lambda: datetime(2025, 11, 11, 1, 5))
    reader.get(AGENDA)
    statements, response = statements_of(app, reader, AGENDA)
    running = response.get_data(as_text=True).split('class="agenda-item scheduled now"')[1]
    assert len(statements) == 1 and "Launch of Operation Breaking Chains" in running[:600]
    monkeypatch.setattr(services, "utcnow", lambda: datetime(2025, 11, 11, 2, 10))
    later = reader.get(AGENDA).get_data(as_text=True).split(
        'class="agenda-item scheduled now"')[1]
    assert "Scam compounds in Southeast Asia" in later[:600]
    reader.get(AGENDA + "&tz=Asia/Bangkok")  # chosen once, then remembered
    reader.get(AGENDA)
    statements, response = statements_of(app, reader, AGENDA)
    assert len(statements) == 1 and "Indochina Time" in response.get_data(as_text=True)
