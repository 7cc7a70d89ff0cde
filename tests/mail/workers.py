"""The delivery worker as its own process, over the test's database and SMTP server."""
from __future__ import annotations

import os
import subprocess
import sys

from app.config import ROOT
from app.mail.services import queue


def queue_messages(app, db, count: int) -> None:
    with app.test_request_context():
        for index in range(count):
            queue(f"delegate{index}@example.com", "en", f"Message {index}", "body", kind="test")
        db.session.commit()


def start_worker(app, *arguments: str, **popen) -> subprocess.Popen:
    """`flask outbox deliver ARGUMENTS` in a process of its own, configured like the app."""
    env = dict(os.environ, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
               SECRET_KEY=app.config["SECRET_KEY"], DATA_KEYS=app.config["DATA_KEYS"],
               MAIL_URL=app.config["MAIL_URL"])
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "outbox",
                             "deliver", *arguments], cwd=ROOT, env=env, **popen)
