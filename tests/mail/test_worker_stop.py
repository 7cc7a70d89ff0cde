"""The worker `make run` starts beside the dev server: it says where e-mails go, delivers
over real SMTP, and on SIGTERM (Ctrl-C in `make run`) stops between messages, never in the
middle of one."""
from __future__ import annotations

import signal
import subprocess
import time

from sqlalchemy import select

from app.mail.models import OutboxMessage, OutboxStatus
from tests.mail.workers import queue_messages, start_worker


def test_looping_worker_announces_delivers_and_stops_cleanly(app, db, smtp_server):
    queue_messages(app, db, 30)
    smtp_server.delay = 0.05
    worker = start_worker(app, "--loop", "--interval", "0.2", stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 180  # the worker starts in seconds; minutes on a busy machine
    while len(smtp_server.messages) < 5 and time.time() < deadline:
        time.sleep(0.02)
    worker.send_signal(signal.SIGTERM)  # mid-batch: it finishes the message in flight
    output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    port = app.config["MAIL_URL"].rsplit(":", 1)[1]
    assert f"Outbox worker: delivering queued e-mails every 0.2 s to the SMTP server " \
           f"127.0.0.1:{port}." in output
    db.session.expire_all()
    statuses = [row.status for row in db.session.scalars(select(OutboxMessage))]
    assert OutboxStatus.SENDING not in statuses  # nothing left in doubt
    assert statuses.count(OutboxStatus.SENT) == len(smtp_server.messages)
    assert 5 <= len(smtp_server.messages) < 30  # it stopped before the end of the batch


def test_without_mail_url_the_worker_names_the_folder_of_eml_files(app):
    from app.mail.services import destination

    app.config["MAIL_URL"] = None
    with app.app_context():
        assert destination() == f".eml files in {app.instance_path}/outbox"
    app.config["MAIL_URL"] = "smtps://user:secret@relay.example.org"
    with app.app_context():
        assert destination() == "the SMTP server relay.example.org:465"  # no password shown
