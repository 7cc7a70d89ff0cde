"""The outbox worker: deliver the queued e-mails, once or as a loop, in one process or more."""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db
from app.mail.services import deliver_due, destination, pending_count


def init_app(app: Flask) -> None:
    app.cli.add_command(outbox)


outbox = AppGroup("outbox", help="The e-mail outbox.")


@outbox.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running as a worker.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32),
              help="Processes sending at once, each over its own SMTP connection.")
def outbox_deliver(loop: bool, interval: float, workers: int):
    """Send the queued e-mails that are due.

    Several workers (--workers, or several commands on one machine or more) never send a
    message twice: each claims its own messages (see mail.services.deliver_due)."""
    if loop:
        click.echo(f"Outbox worker: delivering queued e-mails every {interval:g} s to "
                   f"{destination()}" + (f", {workers} processes." if workers > 1 else "."))
        _stop_between_rounds()
    if workers == 1:
        sent, failed = _rounds(loop, interval, progress_bar=not loop)
    else:
        sent, failed = _in_processes(workers, loop, interval)
    if not loop:
        click.echo(f"sent {sent}, failed {failed}")


def _rounds(loop: bool, interval: float, progress_bar: bool = False) -> tuple[int, int]:
    """Delivery rounds until nothing is due (or, with `loop`, until SIGTERM)."""
    total_sent = total_failed = 0
    while True:
        due = pending_count() if progress_bar else 0
        if due > 20:
            with click.progressbar(length=due, label="Delivering") as bar:
                sent, failed = deliver_due(limit=due, progress=bar.update)
        else:
            sent, failed = deliver_due(stop=lambda: _stopping["asked"])
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if loop and (sent or failed):
            click.echo(f"sent {sent}, failed {failed}")
        if not loop or _stopping["asked"]:
            return total_sent, total_failed
        _stopping["sleeping"] = True
        time.sleep(interval)
        _stopping["sleeping"] = False


def _in_processes(workers: int, loop: bool, interval: float) -> tuple[int, int]:
    """`workers` forked copies of this process, each with its own database connections and
    SMTP connection, running the rounds; SIGTERM is passed on and each stops between two
    messages. The counts they sent back, added."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    db.engine.dispose()  # no connection is shared across the fork
    children = [context.Process(target=_child, args=(results, loop, interval), daemon=False)
                for _ in range(workers)]

    def pass_on(_signum, _frame):
        _stopping["asked"] = True
        for child in children:
            if child.pid and child.is_alive():
                os.kill(child.pid, signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, pass_on)
    try:
        for child in children:
            child.start()
        return _collect(children, results)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _collect(children: list, results) -> tuple[int, int]:
    workers = len(children)
    totals, reported = [0, 0], 0
    while reported < workers:
        try:
            sent, failed = results.get(timeout=1)
        except queue.Empty:  # a child killed before it could report
            if any(child.is_alive() for child in children) or not results.empty():
                continue
            break
        totals, reported = [totals[0] + sent, totals[1] + failed], reported + 1
    for child in children:
        child.join()
    if any(child.exitcode for child in children):
        raise click.ClickException("a worker process ended abnormally (exit codes "
                                   f"{[child.exitcode for child in children]})")
    return totals[0], totals[1]


def _child(results, loop: bool, interval: float) -> None:
    db.engine.dispose(close=False)  # the parent's connections are the parent's
    _stopping.update(asked=False, sleeping=False)
    _stop_between_rounds()
    try:
        counts = _rounds(loop, interval)
    except BaseException:
        results.put((0, 0))
        raise
    results.put(counts)


_stopping = {"asked": False, "sleeping": False}


def _stop_between_rounds() -> None:
    """SIGTERM (`make run` stopping) ends the worker between two messages, never in the
    middle of one: a message cut off mid-send would be left failed, to avoid a duplicate."""
    def stop(_signum, _frame):
        _stopping["asked"] = True
        if _stopping["sleeping"]:
            raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
