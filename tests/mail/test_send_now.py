"""The outbox page's "Send now": the due e-mails of the person's meetings (and of no meeting)
leave at once over SMTP, each exactly once however often the button is pressed; audit-logged."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, select

from app.audit.models import AuditEntry
from app.auth.models import Membership, User
from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import queue
from app.meetings.models import Meeting
from tests.conftest import csrf_token, sign_in_staff


def _setup(app, db):
    """Staff keeps Seoul only; one message each for Seoul, Bangkok and no meeting."""
    with app.test_request_context():
        seoul = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
        other = db.session.scalar(select(Meeting).where(Meeting.id != seoul.id))
        staff = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
        db.session.execute(delete(Membership).where(Membership.user_id == staff.id,
                                                    Membership.meeting_id == other.id))
        db.session.execute(delete(OutboxMessage))
        for subject, meeting in (("Seoul", seoul), ("Bangkok", other), ("Nobody's", None)):
            queue(f"{subject.lower()[:5]}@example.com", "en", subject, "body", kind="test",
                  meeting=meeting)
        db.session.commit()


def test_send_now_sends_the_due_messages_of_my_meetings_once(app, db, demo, smtp_server):
    _setup(app, db)
    client = app.test_client()
    sign_in_staff(app, client)
    page = client.get("/outbox/").get_data(as_text=True)
    assert "Send now" in page and "2 e-mails waiting" in page  # Bangkok is not this person's
    token = csrf_token(page)
    first = client.post("/outbox/send-now", data={"csrf_token": token})
    again = client.post("/outbox/send-now", data={"csrf_token": token})  # a double click
    assert first.status_code == again.status_code == 302
    assert sorted(mail["Subject"] for _rcpt, mail in smtp_server.messages) == \
        ["Nobody's", "Seoul"]
    assert max(Counter(mail["Message-ID"] for _r, mail in smtp_server.messages).values()) == 1
    db.session.expire_all()
    statuses = {m.subject: m.status for m in db.session.scalars(select(OutboxMessage))}
    assert statuses == {"Seoul": OutboxStatus.SENT, "Nobody's": OutboxStatus.SENT,
                        "Bangkok": OutboxStatus.QUEUED}
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "outbox.send_now").order_by(AuditEntry.id)).all()
    assert [e.details for e in entries] == [{"sent": 2, "failed": 0}, {"sent": 0, "failed": 0}]
    assert entries[0].actor_label == "staff@knpa.example.com"
    shown = client.get("/outbox/").get_data(as_text=True)
    assert "No e-mail was waiting to be sent." in shown


def test_send_now_refused_without_csrf_or_by_get_or_for_a_delegate(app, db, demo,
                                                                  smtp_server):
    from tests.conftest import sign_in

    _setup(app, db)
    client = app.test_client()
    sign_in_staff(app, client)
    assert client.post("/outbox/send-now").status_code == 400
    assert client.post("/outbox/send-now", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/outbox/send-now").status_code == 405
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    token = csrf_token(delegate.get("/auth/profile").get_data(as_text=True))
    assert delegate.post("/outbox/send-now", data={"csrf_token": token}).status_code == 403
    assert smtp_server.messages == []
    assert db.session.scalar(select(AuditEntry.id).where(
        AuditEntry.action == "outbox.send_now")) is None


def test_a_refused_recipient_is_reported_with_the_servers_reply(app, db, demo, smtp_server):
    _setup(app, db)
    smtp_server.refuse = True
    client = app.test_client()
    sign_in_staff(app, client)
    page = client.get("/outbox/").get_data(as_text=True)
    client.post("/outbox/send-now", data={"csrf_token": csrf_token(page)})
    shown = client.get("/outbox/").get_data(as_text=True)
    assert "2 e-mails could not be sent; the reasons are shown below." in shown
