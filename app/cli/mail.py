"""The outbox worker: deliver the queued e-mails, once or as a loop."""
from __future__ import annotations

import signal
import time

import click
from flask import Flask
from flask.cli import AppGroup

from app.mail.services import deliver_due, destination, pending_count


def init_app(app: Flask) -> None:
    app.cli.add_command(outbox)


outbox = AppGroup("outbox", help="The e-mail outbox.")


@outbox.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running as a worker.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
def outbox_deliver(loop: bool, interval: float):
    """Send the queued e-mails that are due."""
    if loop:
        click.echo(f"Outbox worker: delivering queued e-mails every {interval:g} s to "
                   f"{destination()}.")
        _stop_between_rounds()
    while True:
        due = pending_count()
        if due > 20 and not loop:
            with click.progressbar(length=due, label="Delivering") as bar:
                sent, failed = deliver_due(limit=due, progress=bar.update)
        else:
            sent, failed = deliver_due(stop=lambda: _stopping["asked"])
        if sent or failed or not loop:
            click.echo(f"sent {sent}, failed {failed}")
        if not loop or _stopping["asked"]:
            return
        _stopping["sleeping"] = True
        time.sleep(interval)
        _stopping["sleeping"] = False


_stopping = {"asked": False, "sleeping": False}


def _stop_between_rounds() -> None:
    """SIGTERM (`make run` stopping) ends the worker between two messages, never in the
    middle of one: a message cut off mid-send would be left failed, to avoid a duplicate."""
    def stop(_signum, _frame):
        _stopping["asked"] = True
        if _stopping["sleeping"]:
            raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
