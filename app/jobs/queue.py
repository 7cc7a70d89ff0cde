"""The Huey queue behind the jobs: SQLite storage under the instance folder by default (nothing
more to run), Redis when JOBS_URL says redis://… (several workers on several machines).

Why Huey: a small, maintained library that keeps tasks in SQLite or Redis alike, so the default
set-up needs no broker, and the consumer runs as one command (`flask jobs worker`)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from huey import Huey

TASK = "bcm.run_job"


def make_huey(app: Flask) -> Huey:
    """The queue as the configuration says; JOBS_IMMEDIATE runs each task in the caller's
    process at once (only for tests that ask for it).

    Huey is imported here, when a job is queued or run: importing it (with the Redis and
    PostgreSQL clients it tries) cost every process that starts the application a quarter
    of a CPU second, the outbox worker and each gunicorn worker included."""
    from huey import RedisHuey, SqliteHuey

    url = app.config.get("JOBS_URL") or ""
    name = app.config.get("JOBS_NAME") or "bcm-jobs"
    immediate = bool(app.config.get("JOBS_IMMEDIATE"))
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, immediate=immediate, results=False)
    if url.startswith("sqlite:///"):
        filename = url[len("sqlite:///"):]
    elif url:
        raise ValueError(f"JOBS_URL must be redis://… or sqlite:///…, not {url!r}")
    else:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        filename = str(Path(app.instance_path) / "jobs.sqlite3")
    return SqliteHuey(name, filename=filename, immediate=immediate, results=False)


def huey_of(app: Flask, run: Callable[[str], None]) -> Huey:
    """The application's queue, with the one task that runs a job (`run(job_id)`, the
    services' execute) inside the application."""
    found = app.extensions.get("huey")
    if found is None:
        found = make_huey(app)

        @found.task(name=TASK)
        def run_job(job_id: str) -> None:
            with app.app_context():
                run(job_id)

        app.extensions["huey"] = found
        app.extensions["huey_task"] = run_job
    return found


def enqueue(job_id: str, run: Callable[[str], None]) -> None:
    app = current_app._get_current_object()
    huey_of(app, run)
    app.extensions["huey_task"](job_id)
