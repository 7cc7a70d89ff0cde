"""Several delivery workers at once (`flask outbox deliver --workers N`, and independent
commands, as on several machines), against one SMTP server that counts Message-IDs: every
message exactly once; a worker killed mid-batch sends nothing twice, loses nothing, and
recovery marks its batch failed as deliver_due's docstring says, without resending it."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from app.mail.models import OutboxMessage, OutboxStatus
from app.mail.services import BATCH, recover_interrupted
from tests.mail.workers import queue_messages, start_worker


def _rows(db) -> list[OutboxMessage]:
    db.session.expire_all()
    return db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _received(smtp_server) -> Counter:
    return Counter(mail["Message-ID"] for _rcpt, mail in smtp_server.messages)


@pytest.mark.parametrize("commands,workers", [(1, 4), (2, 2)])
def test_concurrent_workers_send_every_message_exactly_once(app, db, smtp_server, commands,
                                                            workers):
    queue_messages(app, db, 150)
    smtp_server.delay = 0.005  # so that the workers' batches overlap in time
    processes = [start_worker(app, "--workers", str(workers), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for _ in range(commands)]
    outputs = []
    for process in processes:
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output
        outputs.append(output)
    received = _received(smtp_server)
    rows = _rows(db)
    assert len(received) == len(rows) == 150
    assert max(received.values()) == 1  # nothing twice
    assert {row.status for row in rows} == {OutboxStatus.SENT}  # nothing lost
    assert {row.message_id for row in rows} == set(received)
    totals = [int(output.rsplit("sent ", 1)[1].split(",")[0]) for output in outputs]
    assert sum(totals) == 150  # each command counts what its processes sent


def _children(pid: int) -> list[int]:
    return [int(child) for child in
            Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.parametrize("workers", [1, 3])
def test_a_worker_killed_mid_batch_sends_nothing_twice_and_its_batch_waits_for_staff(
        app, db, smtp_server, workers):
    queue_messages(app, db, 120)
    smtp_server.delay = 0.03
    command = start_worker(app, "--workers", str(workers), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    deadline = time.time() + 180  # the worker starts in seconds; minutes on a busy machine
    while len(smtp_server.messages) < BATCH + 5 and time.time() < deadline:
        time.sleep(0.01)  # past the first batch: one outcome commit behind it
    victim = command.pid if workers == 1 else _children(command.pid)[0]
    os.kill(victim, signal.SIGKILL)  # no chance to clean up, mid-batch
    command.wait(timeout=300)  # the other workers carry on until nothing is due
    assert command.returncode != 0  # a worker died: the command says so

    in_doubt = {row.id for row in _rows(db) if row.status == OutboxStatus.SENDING}
    assert len(in_doubt) <= BATCH  # at most the killed worker's batch

    smtp_server.delay = 0
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert {row.id for row in _rows(db) if row.status == OutboxStatus.SENDING} == in_doubt
    # within the lease they are left alone, not resent

    app.config["OUTBOX_LEASE_SECONDS"] = 0  # the lease has run out
    try:
        with app.app_context():
            assert recover_interrupted() == len(in_doubt)
    finally:
        app.config["OUTBOX_LEASE_SECONDS"] = 600
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    rows = _rows(db)
    received = _received(smtp_server)
    assert max(received.values()) == 1  # nothing twice, before or after the recovery
    failed = [row for row in rows if row.status == OutboxStatus.FAILED]
    assert {row.id for row in failed} == in_doubt  # marked failed, not resent
    assert all("interrupted" in row.last_error for row in failed)
    sent = [row for row in rows if row.status == OutboxStatus.SENT]
    assert len(sent) + len(failed) == 120  # nothing lost
    assert {row.message_id for row in sent} <= set(received)
    unknown = set(received) - {row.message_id for row in sent}
    assert unknown <= {row.message_id for row in failed}  # what left, of the batch in doubt
