"""Sign-in sessions live on the server: signing out ends them, so a copied cookie dies too."""
from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select, text

from app.audit.models import AuditEntry
from app.auth.models import SignInSession, User
from app.models_base import utcnow
from tests.conftest import csrf_token, sign_in, statements_of

AGENDA = "/meetings/bc-2025-seoul/agenda?lang=en"
DELEGATION = "/meetings/bc-2025-seoul/delegations/rtp?lang=en"
THAI = "delegate.th@rtp.example.com"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"
SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")


def _client(app, address: str = "198.51.100.7", agent: str = FIREFOX):
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": address, "HTTP_USER_AGENT": agent})
    return client


def _copy(app, client, address: str = "203.0.113.66", agent: str = "curl/8.5.0"):
    """Another browser at another address, with a copy of the client's session cookie."""
    thief = _client(app, address, agent)
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _post(client, url: str, page: str = "/auth/sessions?lang=en"):
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token})


def _token(client) -> str:
    with client.session_transaction() as session:
        return session["_sid"]


def test_a_copied_cookie_stops_reading_registrations_once_its_owner_signs_out(app, demo):
    owner = _client(app)
    sign_in(app, owner, THAI)
    thief = _copy(app, owner)
    assert thief.get(DELEGATION).status_code == 200  # the copy works while the session lives
    assert _post(owner, "/auth/sign-out").status_code == 302
    for client in (thief, owner):
        refused = client.get(DELEGATION)
        assert refused.status_code == 302 and "/auth/sign-in" in refused.headers["Location"]
        assert "Nattaya" not in refused.get_data(as_text=True)


def test_a_copied_cookie_gets_no_kept_agenda_page_after_sign_out(app, demo):
    owner = _client(app)
    sign_in(app, owner, THAI)
    with owner.session_transaction() as session:
        session.pop("_flashes", None)
    thief = _copy(app, owner)
    for client in (owner, owner, thief, thief):  # kept, and the copy marked by Flask-Login
        assert client.get(AGENDA).status_code == 200
    statements, kept = statements_of(app, thief, AGENDA)
    assert kept.status_code == 200 and len(statements) == 1  # served by the one-query path
    _post(owner, "/auth/sign-out")
    refused = thief.get(AGENDA)
    assert refused.status_code == 302 and "/auth/sign-in" in refused.headers["Location"]
    assert "Adoption of the agenda" not in refused.get_data(as_text=True)


def test_sign_out_everywhere_ends_every_session_of_the_person(app, db, demo):
    laptop, phone = _client(app), _client(app, "192.0.2.4", SAFARI)
    sign_in(app, laptop, THAI)
    sign_in(app, phone, THAI)
    other = _client(app, "192.0.2.5")
    sign_in(app, other, "delegate.kh@cnp.example.com")
    response = _post(laptop, "/auth/sessions/end-all")
    assert response.status_code == 302
    for client in (laptop, phone):
        assert client.get(DELEGATION).status_code == 302
    assert other.get("/meetings/bc-2025-seoul/agenda").status_code == 200  # not theirs
    assert db.session.scalar(select(AuditEntry.details).where(
        AuditEntry.action == "auth.sign_out_everywhere")) == {"sessions": 2}


def test_sign_out_everywhere_else_keeps_this_browser(app, demo):
    laptop, phone = _client(app), _client(app, "192.0.2.4", SAFARI)
    sign_in(app, laptop, THAI)
    sign_in(app, phone, THAI)
    response = _post(laptop, "/auth/sessions/end-others")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/auth/sessions")
    page = laptop.get("/auth/sessions?lang=en").get_data(as_text=True)
    assert "1 other browser was signed out." in page
    assert "Safari" not in page and "Firefox · Windows" in page
    assert laptop.get(DELEGATION).status_code == 200
    assert phone.get(DELEGATION).status_code == 302


def test_the_sessions_page_lists_the_persons_browsers_in_their_language(app, demo):
    laptop, phone = _client(app), _client(app, "192.0.2.4", SAFARI)
    sign_in(app, laptop, THAI)
    sign_in(app, phone, THAI)
    english = laptop.get("/auth/sessions?lang=en").get_data(as_text=True)
    assert "Firefox · Windows" in english and "Safari · iOS" in english
    assert english.count('aria-current="true"') >= 1 and "(this browser)" in english
    arabic = laptop.get("/auth/sessions?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in arabic and "Your sessions" not in arabic
    assert "Sign out everywhere" not in arabic  # the buttons are translated too
    assert laptop.get("/auth/sessions").status_code == 200
    anonymous = app.test_client().get("/auth/sessions")
    assert anonymous.status_code == 302 and "/auth/sign-in" in anonymous.headers["Location"]


def test_the_buttons_need_the_forms_token(app, demo):
    laptop, phone = _client(app), _client(app, "192.0.2.4", SAFARI)
    sign_in(app, laptop, THAI)
    sign_in(app, phone, THAI)
    assert laptop.post("/auth/sessions/end-all").status_code == 400
    assert phone.get(DELEGATION).status_code == 200


def test_deactivating_an_account_ends_its_sessions(app, db, demo):
    from app.cli.users import deactivate_user

    reader = _client(app)
    sign_in(app, reader, THAI)
    assert reader.get(DELEGATION).status_code == 200
    result = app.test_cli_runner().invoke(deactivate_user, [THAI.upper()])
    assert result.exit_code == 0, result.output
    assert reader.get(DELEGATION).status_code == 302
    user = db.session.scalar(select(User).where(User.email == THAI))
    user.active = True  # taken back into use: the old sessions stay ended
    db.session.commit()
    assert reader.get(DELEGATION).status_code == 302
    assert db.session.scalar(select(AuditEntry.action).where(
        AuditEntry.action == "users.deactivated")) == "users.deactivated"


def test_the_database_keeps_only_a_digest_of_the_token(app, db, demo):
    reader = _client(app)
    sign_in(app, reader, THAI)
    token = _token(reader)
    [row] = db.session.scalars(select(SignInSession)).all()
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    dump = " ".join(str(value) for value in db.session.execute(
        text("SELECT * FROM sign_in_session")).one())
    assert token not in dump and row.method == "link" and row.browser == "Firefox · Windows"


def test_a_session_older_than_its_lifetime_is_refused(app, db, demo):
    reader = _client(app)
    sign_in(app, reader, THAI)
    reader.get(AGENDA)
    assert reader.get(AGENDA).status_code == 200
    row = db.session.scalar(select(SignInSession))
    row.created_at = utcnow() - app.config["PERMANENT_SESSION_LIFETIME"] - timedelta(minutes=1)
    db.session.commit()
    assert reader.get(AGENDA).status_code == 302
    assert reader.get(DELEGATION).status_code == 302


def test_last_use_is_written_at_most_every_few_minutes(app, db, demo):
    reader = _client(app)
    sign_in(app, reader, THAI)
    statements, _ = statements_of(app, reader, DELEGATION)
    assert not any("UPDATE sign_in_session" in s for s in statements)
    row = db.session.scalar(select(SignInSession))
    long_ago = utcnow() - timedelta(minutes=30)
    row.last_seen_at = long_ago
    db.session.commit()
    statements, _ = statements_of(app, reader, DELEGATION)
    assert sum("UPDATE sign_in_session" in s for s in statements) == 1
    db.session.expire_all()
    assert db.session.scalar(select(SignInSession)).last_seen_at > long_ago
    statements, _ = statements_of(app, reader, DELEGATION)
    assert not any("UPDATE sign_in_session" in s for s in statements)


def test_the_kept_agenda_page_notes_the_last_use_too(app, db, demo):
    reader = _client(app)
    sign_in(app, reader, THAI)
    with reader.session_transaction() as session:
        session.pop("_flashes", None)
    reader.get(AGENDA)
    row = db.session.scalar(select(SignInSession))
    row.last_seen_at = utcnow() - timedelta(minutes=30)
    db.session.commit()
    statements, response = statements_of(app, reader, AGENDA)
    assert response.status_code == 200
    assert [s for s in statements if "UPDATE" in s] and len(statements) == 2
    db.session.expire_all()
    assert utcnow() - db.session.scalar(select(SignInSession)).last_seen_at < timedelta(
        minutes=1)


def test_ended_sessions_are_cleared_away_at_the_next_sign_in(app, db, demo):
    reader = _client(app)
    sign_in(app, reader, THAI)
    _post(reader, "/auth/sign-out")
    sign_in(app, reader, THAI)
    [row] = db.session.scalars(select(SignInSession)).all()
    assert row.ended_at is None and reader.get(DELEGATION).status_code == 200
