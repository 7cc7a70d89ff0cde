"""The background jobs' worker (Huey's consumer) and the purge of expired files."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.extensions import db
from app.jobs import services


def init_app(app: Flask) -> None:
    app.cli.add_command(jobs)


jobs = AppGroup("jobs", help="Background jobs: badges, lists, bulk sends, ZIPs.")


@jobs.command("worker")
@click.option("--workers", "-w", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Jobs run at the same time (threads).")
@click.option("--purge-every", default=3600, show_default=True, type=click.IntRange(0),
              help="Seconds between purges of expired files (0: never).")
def jobs_worker(workers: int, purge_every: int):
    """Run the jobs as they are queued. SIGTERM (a service manager, `make run` stopping) lets
    the jobs running finish first; Ctrl-C stops at once."""
    import threading

    from huey.consumer import Consumer

    app = current_app._get_current_object()
    huey = services.queue(app)
    where = app.config.get("JOBS_URL") or "SQLite under the instance folder"
    click.echo(f"Job worker: {workers} at a time, queue {huey.name!r} in "
               f"{_without_password(where)}.")
    if purge_every:
        stop = threading.Event()

        def purge_now_and_then() -> None:
            while not stop.wait(purge_every):
                with app.app_context():
                    services.interrupted()
                    services.purge()
                    db.session.commit()

        threading.Thread(target=purge_now_and_then, daemon=True).start()
    Consumer(huey, workers=workers, worker_type="thread", periodic=False,
             graceful_signal="TERM").run()


def _without_password(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url


@jobs.command("purge")
def jobs_purge():
    """Delete the prepared files that expired (and jobs lost long ago); end as interrupted the
    running jobs whose worker went silent."""
    services.interrupted()
    count = services.purge()
    db.session.commit()
    click.echo(f"{count} expired job(s) deleted")
