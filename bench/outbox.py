"""The outbox's delivery rate to a local SMTP server, per number of worker processes.

The server (aiosmtpd, in a process of its own) writes down the Message-ID of every message
it accepts; afterwards they are counted: a Message-ID twice is a duplicate, a message marked
sent that never arrived is lost.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER_COUNTS = (1, 2, 4)
_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class MessageIdCounter:
    """An aiosmtpd handler that appends each accepted message's Message-ID to a file."""

    def __init__(self, path: str):
        self.file = open(path, "ab", buffering=0)  # noqa: SIM115 - open while the server runs

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    async def handle_DATA(self, server, session, envelope):
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        found = _MESSAGE_ID.search(head)
        self.file.write((found.group(1) if found else b"-") + b"\n")
        return "250 OK"


@contextmanager
def counting_smtp_server(directory: Path):
    """A local SMTP server in another process; yields (MAIL_URL, file of Message-IDs)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received = Path(tempfile.mkstemp(prefix="outbox-ids-", dir=directory)[1])
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l",
                               f"127.0.0.1:{port}", "-c", "bench.outbox.MessageIdCounter",
                               str(received)], cwd=ROOT)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"smtp://127.0.0.1:{port}", received, server.pid
    finally:
        server.terminate()
        server.wait(timeout=10)


def deliver_round(app, workers: int, directory: Path) -> dict:
    """Deliver everything due with `workers` processes (as `flask outbox deliver --workers`);
    the rate, and what the server received counted against the database."""
    from sqlalchemy import select

    from app.cli.mail import _in_processes
    from app.extensions import db
    from app.mail.models import OutboxMessage, OutboxStatus
    from app.mail.services import deliver_due

    with counting_smtp_server(directory) as (url, received, server):
        app.config["MAIL_URL"] = url
        with app.app_context():
            server_cpu = _cpu_seconds(server)
            cpu = os.times()
            began = time.perf_counter()
            sent, failed = deliver_due() if workers == 1 else _in_processes(workers, False, 0)
            seconds = time.perf_counter() - began
            after = os.times()
            marked = set(db.session.scalars(select(OutboxMessage.message_id).where(
                OutboxMessage.status == OutboxStatus.SENT)))
        time.sleep(0.2)  # the server's last write
        server_cpu = _cpu_seconds(server) - server_cpu
    ids = received.read_bytes().decode().split()
    received.unlink()
    cpu_seconds = sum(after[:4]) - sum(cpu[:4])
    return {"sent": sent, "failed": failed, "msgs_per_s": round(sent / seconds, 1),
            "worker_cpu_ms_per_msg": round(cpu_seconds * 1000 / max(sent, 1), 2),
            "server_cpu_ms_per_msg": round(server_cpu * 1000 / max(sent, 1), 2),
            "duplicates": len(ids) - len(set(ids)), "lost": len(marked - set(ids))}


def _cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (user and system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def requeue(app) -> None:
    """Every message due again, as if just queued (same Message-IDs: each round has its own
    server and count)."""
    from sqlalchemy import update

    from app.extensions import db
    from app.mail.models import OutboxMessage, OutboxStatus
    from app.models_base import utcnow

    with app.app_context():
        db.session.execute(update(OutboxMessage).values(
            status=OutboxStatus.QUEUED, attempts=0, claimed_at=None, sent_at=None,
            next_attempt_at=utcnow()))
        db.session.commit()


def copy_outbox(source_app, target_app) -> int:
    """The source's messages, bodies and all, queued on the target (of no meeting)."""
    from sqlalchemy import insert, select

    from app.extensions import db
    from app.mail.models import OutboxMessage, OutboxStatus

    table = OutboxMessage.__table__
    with source_app.app_context():
        rows = [dict(row._mapping) for row in db.session.execute(select(table))]
    for row in rows:
        del row["id"]
        row.update(meeting_id=None, status=OutboxStatus.QUEUED, attempts=0, claimed_at=None,
                   sent_at=None)
    with target_app.app_context():
        db.session.execute(insert(table), rows)
        db.session.commit()
    return len(rows)
