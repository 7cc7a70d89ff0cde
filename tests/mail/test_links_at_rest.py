"""Sign-in and invitation links are credentials: none rests usable in the outbox table, in a
backup or on the staff's outbox page, while the e-mail that leaves still carries a working one."""
from __future__ import annotations

import importlib.util
import re
import subprocess
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from app.config import ROOT
from app.mail.models import OutboxMessage
from tests.conftest import csrf_token, sign_in_staff
from tests.invitations.conftest import invitation_of, upcoming  # noqa: F401 - a fixture

LINK = re.compile(r"/(?:auth/link|invitation)/([A-Za-z0-9_\-.]{20,})")


def _raw_rows(db) -> str:
    """Every stored body as the database holds it: plain SQL, no ORM, no column type."""
    rows = db.session.execute(text(
        "SELECT body_text, body_html, calendar FROM outbox_message")).all()
    return "\n".join(part or "" for row in rows for part in row)


def _deliver(app) -> None:
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output


def _queue_invitation_and_sign_in_link(app, db, client) -> dict[str, str]:
    """An invitation and a sign-in link in the outbox; their tokens, read through the app."""
    staff = app.test_client()
    sign_in_staff(app, staff)
    invitation = invitation_of(db, "moi-qa")
    page = staff.get("/meetings/bc-2025-seoul/invitations/").get_data(as_text=True)
    staff.post(f"/meetings/bc-2025-seoul/invitations/{invitation.id}/send",
               data={"csrf_token": csrf_token(page)})
    page = client.get("/auth/sign-in").get_data(as_text=True)
    client.post("/auth/sign-in", data={"csrf_token": csrf_token(page),
                                       "email": "delegate.th@rtp.example.com"})
    db.session.expire_all()
    tokens = {}
    for message in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind.in_(("invitation", "sign_in_link")))):
        tokens[message.kind] = LINK.search(message.body_text).group(1)
    assert set(tokens) == {"invitation", "sign_in_link"}
    return tokens


def test_outbox_rows_hold_no_link_and_the_sent_mail_has_a_working_one(app, client, db,
                                                                      upcoming,  # noqa: F811
                                                                      smtp_server):
    tokens = _queue_invitation_and_sign_in_link(app, db, client)
    raw = _raw_rows(db)
    assert "/auth/link/" not in raw and "/invitation/" not in raw
    assert not any(token in raw for token in tokens.values())

    _deliver(app)
    [sign_in_mail] = [m for rcpt, m in smtp_server.messages
                      if "/auth/link/" in m.get_body(("plain",)).get_content()]
    link = LINK.search(sign_in_mail.get_body(("plain",)).get_content())
    assert link.group(1) == tokens["sign_in_link"]
    path = next(word for word in sign_in_mail.get_body(("plain",)).get_content().split()
                if "/auth/link/" in word).removeprefix(app.config["PUBLIC_URL"])
    page = client.get(path)
    assert page.status_code == 200
    signed_in = client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert signed_in.status_code == 302  # the link that reached the mailbox works
    [invitation_mail] = [m for rcpt, m in smtp_server.messages
                         if "/invitation/" in m.get_body(("plain",)).get_content()]
    assert tokens["invitation"] in invitation_mail.get_body(("plain",)).get_content()
    assert tokens["invitation"] in invitation_mail.get_body(("html",)).get_content()

    db.session.expire_all()
    raw = _raw_rows(db)
    assert not any(token in raw for token in tokens.values())
    for message in db.session.scalars(select(OutboxMessage)):  # the app's own reading
        stored = message.body_text + message.body_html + message.calendar
        assert not any(token in stored for token in tokens.values())
        assert not any(token in stored.replace("\r\n ", "") for token in tokens.values())
    kept = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "invitation"))
    assert "/invitation/…" in kept.body_text  # the sent copy keeps where the link pointed


def test_a_backup_holds_no_sign_in_or_invitation_link(app, client, db, upcoming,  # noqa: F811
                                                      tmp_path):
    tokens = _queue_invitation_and_sign_in_link(app, db, client)
    target = tmp_path / "bcm.backup"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    url = make_url(str(db.engine.url))
    if url.get_backend_name() == "sqlite":
        content = target.read_bytes()
    else:  # the custom format is compressed: read it back as the SQL it restores
        content = subprocess.run(["pg_restore", "-f", "-", str(target)], check=True,
                                 capture_output=True).stdout
    assert b"/auth/link/" not in content and b"/invitation/" not in content
    assert not any(token.encode() in content for token in tokens.values())


def test_the_staff_outbox_page_shows_no_working_link(app, client, db, upcoming,  # noqa: F811
                                                     smtp_server):
    tokens = _queue_invitation_and_sign_in_link(app, db, client)
    staff = app.test_client()
    sign_in_staff(app, staff)
    for status in ("", "?status=queued"):
        page = staff.get("/outbox/" + status).get_data(as_text=True)
        assert "delegate.th@rtp.example.com" in page
        assert not any(token in page for token in tokens.values())
    _deliver(app)
    page = staff.get("/outbox/?status=sent").get_data(as_text=True)
    assert not any(token in page for token in tokens.values())


def test_rotating_keys_re_encrypts_the_outbox(app, client, db, upcoming):  # noqa: F811
    from cryptography.fernet import Fernet

    tokens = _queue_invitation_and_sign_in_link(app, db, client)
    old = app.config["DATA_KEYS"]
    app.config["DATA_KEYS"] = Fernet.generate_key().decode() + "," + old
    try:
        result = app.test_cli_runner().invoke(args=["privacy", "rotate-keys"])
        assert result.exit_code == 0, result.output
        app.config["DATA_KEYS"] = app.config["DATA_KEYS"].split(",")[0]  # the old key gone
        db.session.expire_all()
        bodies = [m.body_text for m in db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind.in_(("invitation", "sign_in_link"))))]
        assert sorted(LINK.search(body).group(1) for body in bodies) == sorted(tokens.values())
    finally:
        app.config["DATA_KEYS"] = old


def test_the_migration_encrypts_plain_rows_and_unlinks_sent_ones(app, db):
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    link = "https://meetings.example.org/auth/link/eyJ1IjoxLCJuIjoiYWJjIn0.Z1x2Y3.c2lnbmF0dXJlLXRva2Vu"
    now = datetime(2026, 1, 5, 9, 0)
    for number, status in enumerate(("sent", "queued")):
        db.session.execute(text(
            "INSERT INTO outbox_message (message_id, recipient, language, subject, body_text, "
            "body_html, calendar, calendar_method, kind, status, attempts, last_error, "
            "created_at, next_attempt_at) VALUES (:mid, 'a@example.org', 'en', 'Link', :body, "
            ":html, '', '', 'sign_in_link', :status, 0, '', :now, :now)"),
            {"mid": f"<legacy-{number}@example.org>", "body": f"Sign in:\n{link}\n",
             "html": f'<a href="{link}">{link}</a>', "status": status, "now": now})
    db.session.commit()
    spec = importlib.util.spec_from_file_location(
        "b17b02", ROOT / "migrations" / "versions" / "b17b02_data_at_rest.py")
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with db.engine.begin() as connection:
        with Operations.context(MigrationContext.configure(connection)):
            migration.upgrade()
    assert "/auth/link/" not in _raw_rows(db)
    db.session.expire_all()
    stored = {m.status.value: m for m in db.session.scalars(select(OutboxMessage))}
    assert link in stored["queued"].body_text and link in stored["queued"].body_html
    assert "/auth/link/…" in stored["sent"].body_text and "c2lnbmF0dXJl" not in (
        stored["sent"].body_text + stored["sent"].body_html)
