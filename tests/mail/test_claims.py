"""How a worker claims and records messages: durably, one in flight, never one twice."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import select

from app.config import ROOT
from app.mail import services
from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import deliver_due, queue


def _queue(app, db, count: int) -> list[int]:
    with app.test_request_context():
        messages = [queue(f"delegate{index}@example.com", "en", f"Message {index}", "body",
                          kind="test") for index in range(count)]
        db.session.commit()
        return [message.id for message in messages]


def _statuses(db) -> dict[int, OutboxStatus]:
    """What another worker, or this one restarted after a crash, would find committed."""
    with db.engine.connect() as other:
        return dict(other.execute(select(OutboxMessage.id, OutboxMessage.status)).all())


@pytest.mark.parametrize("batch", [1, 3])
def test_each_batch_is_claimed_before_it_leaves_and_recorded_before_the_next(
        app, db, smtp_server, monkeypatch, batch):
    ids = _queue(app, db, 5)
    seen = []
    send = services._SmtpTransport.send

    def watched_send(transport, message):
        seen.append((message.id, _statuses(db)))
        smtp_server.refuse = message.id == ids[2]  # one temporary failure on the way
        send(transport, message)

    monkeypatch.setattr(services._SmtpTransport, "send", watched_send)
    with app.app_context():
        assert deliver_due(batch=batch) == (4, 1)
    assert [message_id for message_id, _ in seen] == ids  # oldest first
    for position, (_message_id, statuses) in enumerate(seen):
        first = position - position % batch
        current = ids[first:first + batch]  # the batch claimed with this message
        assert {i for i, s in statuses.items() if s == OutboxStatus.SENDING} == set(current)
        # so a crash now leaves this batch in doubt, no other (one message when batch=1)
        earlier = [statuses[i] for i in ids[:first]]
        assert earlier == [OutboxStatus.QUEUED if i == ids[2] else OutboxStatus.SENT
                           for i in ids[:first]]  # outcomes are committed before
        assert all(statuses[i] == OutboxStatus.QUEUED for i in ids[first + batch:])
    db.session.expire_all()
    refused = db.session.get(OutboxMessage, ids[2])
    assert refused.status == OutboxStatus.QUEUED and refused.attempts == 1
    assert "Mailbox unavailable" in refused.last_error
    assert refused.next_attempt_at > refused.claimed_at  # backed off
    assert len(smtp_server.messages) == 4


def test_an_error_after_a_message_was_accepted_still_records_it_as_sent(app, db,
                                                                        smtp_server):
    ids = _queue(app, db, 3)

    def broken_progress_bar(_step):
        raise RuntimeError("the terminal went away")

    with app.app_context(), pytest.raises(RuntimeError):
        deliver_due(progress=broken_progress_bar)
    assert len(smtp_server.messages) == 1
    assert _statuses(db) == {ids[0]: OutboxStatus.SENT, ids[1]: OutboxStatus.QUEUED,
                             ids[2]: OutboxStatus.QUEUED}  # nothing left in doubt
    with app.app_context():
        assert deliver_due() == (2, 0)
    received = Counter(mail["Subject"] for _rcpt, mail in smtp_server.messages)
    assert received == {"Message 0": 1, "Message 1": 1, "Message 2": 1}


def test_two_workers_at_once_send_every_message_exactly_once(app, db, smtp_server):
    ids = _queue(app, db, 60)
    smtp_server.delay = 0.02
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
               SECRET_KEY=app.config["SECRET_KEY"], DATA_KEYS=app.config["DATA_KEYS"],
               MAIL_URL=app.config["MAIL_URL"])
    workers = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "outbox",
                                 "deliver"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    received = Counter(mail["Subject"] for _rcpt, mail in smtp_server.messages)
    assert received == {f"Message {index}": 1 for index in range(60)}
    assert set(_statuses(db).values()) == {OutboxStatus.SENT}
    assert len(_statuses(db)) == len(ids)
