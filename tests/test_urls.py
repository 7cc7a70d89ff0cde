"""The one builder of public addresses (app.urls): PUBLIC_URL, then the application's path."""
from __future__ import annotations

from flask import has_request_context
from sqlalchemy import select

from app.urls import public_host, public_url
from tests.conftest import csrf_token


def _built(app, monkeypatch, base: str, endpoint: str, **values) -> str:
    monkeypatch.setitem(app.config, "PUBLIC_URL", base)
    with app.app_context():
        assert not has_request_context()  # a command or the mail worker has no request
        return public_url(endpoint, **values)


def test_trailing_slash_is_written_once(app, monkeypatch):
    for base in ("https://meetings.example.org", "https://meetings.example.org/"):
        assert _built(app, monkeypatch, base, "minutes.index", slug="bc-2025-seoul") == \
            "https://meetings.example.org/meetings/bc-2025-seoul/minutes/"


def test_a_path_under_the_host_stays(app, monkeypatch):
    for base in ("https://example.org/meetings", "https://example.org/meetings/"):
        assert _built(app, monkeypatch, base, "auth.link", token="abc") == \
            "https://example.org/meetings/auth/link/abc"


def test_values_outside_the_rule_go_to_the_query_and_none_is_left_out(app, monkeypatch):
    base = "https://meetings.example.org"
    assert _built(app, monkeypatch, base, "agenda.read", slug="bc-2025-seoul", lang="zh_Hans") \
        == "https://meetings.example.org/meetings/bc-2025-seoul/agenda?lang=zh_Hans"
    assert _built(app, monkeypatch, base, "auth.link", token="abc", lang=None) == \
        "https://meetings.example.org/auth/link/abc"
    assert _built(app, monkeypatch, base, "registration.check_in", slug="bc-2025-seoul",
                  code="K7 M&2") == \
        "https://meetings.example.org/meetings/bc-2025-seoul/registration/check-in?code=K7+M%262"


def test_the_same_address_as_url_for_under_a_request(app, monkeypatch):
    """What the pages built before: PUBLIC_URL without its "/" and url_for's path."""
    from flask import url_for

    cases = [("auth.link", {"token": "a.B-_", "lang": "ko"}), ("calendar.feed", {"token": "t"}),
             ("invitation_answers.answer", {"token": "x.y", "lang": "th"}),
             ("self_registration.register", {"token": "t:1"}),
             ("auth.confirm_email", {"token": "a b/c"})]
    for base in ("http://localhost", "https://example.org/"):
        built = [_built(app, monkeypatch, base, endpoint, **values)
                 for endpoint, values in cases]
        with app.test_request_context():
            assert built == [base.rstrip("/") + url_for(endpoint, **values)
                             for endpoint, values in cases]


def test_host_of_calendar_uids(app, monkeypatch):
    for base, host in (("https://meetings.example.org:8443/bc/", "meetings.example.org"),
                       ("http://127.0.0.1:5000", "127.0.0.1")):
        monkeypatch.setitem(app.config, "PUBLIC_URL", base)
        with app.app_context():
            assert public_host() == host


def test_a_sign_in_link_made_outside_any_request_opens(app, client, db, demo):
    from app.auth.models import User
    from app.auth.services import issue_login_link

    user = db.session.scalar(select(User).where(User.email == "head.th@rtp.example.com"))
    link = issue_login_link(user)
    db.session.commit()
    assert not has_request_context()
    assert link.startswith(app.config["PUBLIC_URL"] + "/auth/link/") and "?lang=" in link
    path = link.removeprefix(app.config["PUBLIC_URL"])
    page = client.get(path)
    assert page.status_code == 200
    signed_in = client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert signed_in.status_code == 302 and "/auth/link/" not in signed_in.headers["Location"]
