"""E-mail leaves through the outbox over real SMTP: in the right language, once, and retried."""
from __future__ import annotations

from sqlalchemy import select

from app.mail.models import OutboxMessage, OutboxStatus
from tests.conftest import csrf_token


def _ask_for_link(client, email="delegate.th@rtp.example.com"):
    page = client.get("/auth/sign-in")
    client.post("/auth/sign-in", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                       "email": email})


def _deliver(app) -> str:
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    return result.output


def test_sign_in_link_arrives_over_smtp_in_the_delegates_language(app, client, db, demo,
                                                                   smtp_server):
    _ask_for_link(client)
    _deliver(app)
    mails = [m for rcpt, m in smtp_server.messages if rcpt == ["delegate.th@rtp.example.com"]]
    link_mail = next(m for m in mails if "/auth/link/" in m.get_body(("plain",)).get_content())
    assert link_mail["Content-Language"] == "th"
    assert "ลิงก์" in str(link_mail["Subject"]) or "เข้าสู่ระบบ" in str(link_mail["Subject"])
    html = link_mail.get_body(("html",)).get_content()
    assert '<html lang="th" dir="ltr">' in html
    link = next(w for w in link_mail.get_body(("plain",)).get_content().split()
                if "/auth/link/" in w)
    assert client.get(link.removeprefix(app.config["PUBLIC_URL"])).status_code == 200


def test_a_delivered_message_is_never_sent_again(app, client, db, demo, smtp_server):
    _ask_for_link(client)
    _deliver(app)
    count = len(smtp_server.messages)
    _deliver(app)
    assert len(smtp_server.messages) == count
    db.session.expire_all()
    assert all(m.status == OutboxStatus.SENT for m in db.session.scalars(select(OutboxMessage)))


def test_refused_delivery_is_kept_with_the_reason_and_retried(app, client, db, demo,
                                                              smtp_server):
    smtp_server.refuse = True
    _ask_for_link(client)
    output = _deliver(app)
    assert "failed" in output
    db.session.expire_all()
    message = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.kind == "sign_in_link"))
    assert message.status == OutboxStatus.QUEUED and message.attempts == 1
    assert "Mailbox unavailable" in message.last_error
    smtp_server.refuse = False
    message.next_attempt_at = message.created_at  # the back-off has passed
    db.session.commit()
    _deliver(app)
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).status == OutboxStatus.SENT
    assert sum(1 for rcpt, m in smtp_server.messages if "/auth/link/" in
               m.get_body(("plain",)).get_content()) == 1


def test_header_injection_through_a_name_is_impossible(app, db, demo):
    from app.mail.services import build_email, queue

    with app.test_request_context():
        message = queue("delegate.th@rtp.example.com", "en",
                        "Hello\r\nBcc: spy@example.com", "body", kind="test")
        db.session.flush()
        raw = build_email(message).as_string()
    assert "\nBcc:" not in raw
    db.session.rollback()


def test_interrupted_message_is_marked_failed_and_can_be_retried_by_staff(app, db, demo,
                                                                          smtp_server):
    from app.mail.services import queue, recover_interrupted
    from app.models_base import utcnow
    from tests.conftest import sign_in_staff

    with app.test_request_context():
        message = queue("delegate.th@rtp.example.com", "en", "Interrupted", "body",
                        kind="test")
        message.status = OutboxStatus.SENDING
        message.claimed_at = utcnow()
        db.session.commit()
        app.config["OUTBOX_LEASE_SECONDS"] = 0
        try:
            assert recover_interrupted() >= 1
        finally:
            app.config["OUTBOX_LEASE_SECONDS"] = 600
    db.session.expire_all()
    failed = db.session.get(OutboxMessage, message.id)
    assert failed.status == OutboxStatus.FAILED and "interrupted" in failed.last_error
    client = app.test_client()
    sign_in_staff(app, client)
    page = client.get("/outbox/?status=failed&lang=en").get_data(as_text=True)
    assert "Interrupted" in page and "interrupted" in page
    client.post(f"/outbox/{message.id}/retry", data={"csrf_token": csrf_token(page)})
    _deliver(app)
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).status == OutboxStatus.SENT
