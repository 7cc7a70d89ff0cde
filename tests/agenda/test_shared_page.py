"""The agenda page is shared by readers with the same view of it (app/pages.py): each still
gets their own name and CSRF token, and nothing another person would not see."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.auth.models import User
from app.meetings.models import Meeting
from tests.conftest import csrf_token, sign_in, sign_in_staff

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
