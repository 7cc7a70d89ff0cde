"""A delivery worker killed mid-batch and restarted: nothing lost, nothing sent twice."""
from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter

from sqlalchemy import select

from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import BATCH
from tests.mail.workers import queue_messages, start_worker


def test_killed_worker_loses_and_duplicates_nothing(app, db, smtp_server):
    queue_messages(app, db, 40)
    smtp_server.delay = 0.05
    worker = start_worker(app, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 180  # the worker starts in seconds; minutes on a busy machine
    while len(smtp_server.messages) < 8 and time.time() < deadline:
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)  # no chance to clean up
    worker.wait()
    delivered_before = len(smtp_server.messages)
    assert 8 <= delivered_before < 40

    smtp_server.delay = 0
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output

    received = Counter(mail["Message-ID"] for _rcpt, mail in smtp_server.messages)
    assert max(received.values()) == 1  # nothing twice
    db.session.expire_all()
    rows = db.session.scalars(select(OutboxMessage)).all()
    sent = [r for r in rows if r.status == OutboxStatus.SENT]
    in_doubt = [r for r in rows if r.status != OutboxStatus.SENT]
    assert len(in_doubt) <= BATCH  # at most the batch it had claimed when it died
    assert all(r.status == OutboxStatus.SENDING for r in in_doubt)  # kept, visible, not resent
    assert {r.message_id for r in sent} <= set(received)
    assert len(sent) + len(in_doubt) == 40  # nothing lost
