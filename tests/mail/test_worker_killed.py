"""A delivery worker killed mid-batch and restarted: nothing lost, nothing sent twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

from sqlalchemy import select

from app.config import ROOT
from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import queue


def test_killed_worker_loses_and_duplicates_nothing(app, db, smtp_server):
    with app.test_request_context():
        for index in range(40):
            queue(f"delegate{index}@example.com", "en", f"Message {index}", "body", kind="test")
        db.session.commit()
    smtp_server.delay = 0.05
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
               SECRET_KEY=app.config["SECRET_KEY"], DATA_KEYS=app.config["DATA_KEYS"],
               MAIL_URL=app.config["MAIL_URL"])
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "outbox",
                               "deliver"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
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
    assert len(in_doubt) <= 1  # at most the one in flight when the worker died
    assert all(r.status == OutboxStatus.SENDING for r in in_doubt)  # kept, visible, not resent
    assert {r.message_id for r in sent} <= set(received)
    assert len(sent) + len(in_doubt) == 40  # nothing lost
