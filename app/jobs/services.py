"""Starting, running and keeping jobs. A kind of job is registered by the domain that knows the
work (`register_kind`): its function takes a JobContext (plain values: the meeting, the owner,
the parameters, the locale and base URL) and returns a Result. Nothing here reads the request."""
from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, func, or_, select

from app.audit.services import acting_as, record
from app.crypto import decrypt_bytes, encrypt_bytes
from app.extensions import db
from app.jobs.models import Job, JobFile, JobStatus
from app.jobs.queue import enqueue, huey_of
from app.models_base import utcnow

log = logging.getLogger(__name__)
KINDS = "job_kinds"
RESULT_HOURS = 24  # default for JOBS_RESULT_HOURS: how long a file is kept
LOST_AFTER = timedelta(days=2)  # a job queued or running this long ago will not finish
# A running job reports progress at least every few seconds (each page laid out, each file
# or message): one silent this long has lost its worker (killed, machine restarted).
SILENT_AFTER = timedelta(minutes=10)


class JobError(Exception):
    """Bad input for a job, or a task that cannot do its work: a message for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Result:
    """What a job leaves: a file (name, type, bytes), and/or a sentence on what it did."""

    filename: str = ""
    mimetype: str = ""
    data: bytes | None = None
    note: str = ""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: object  # a lazy string: the kind in the reader's language
    run: Callable[[JobContext], Result]


def register_kind(app, name: str, label, run: Callable[[JobContext], Result]) -> None:
    """Called by a domain when the application is set up (jobs never imports the domains)."""
    app.extensions.setdefault(KINDS, {})[name] = JobKind(name, label, run)


def kinds() -> dict[str, JobKind]:
    return current_app.extensions.get(KINDS, {})


def label_of(kind: str) -> str:
    found = kinds().get(kind)
    return str(found.label) if found is not None else kind


class JobContext:
    """What a running task knows and how it reports progress (committed, at most twice a
    second, so the page's bar moves while the work goes on)."""

    def __init__(self, job: Job) -> None:
        self.job_id, self.kind = job.id, job.kind
        self.meeting_id, self.owner_id = job.meeting_id, job.owner_id
        self.params = dict(job.params or {})
        self.locale, self.base_url = job.locale, job.base_url
        self._last = 0.0

    def progress(self, done: int, total: int | None = None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.5:
            return
        self._last = now
        job = db.session.get(Job, self.job_id)
        if job is None:
            return
        if total is not None:
            job.total = max(total, 0)
        job.done = max(0, min(done, job.total or done))
        job.beat_at = utcnow()
        db.session.commit()


def queue(app):
    """The application's Huey queue (for the worker)."""
    return huey_of(app, execute)


def start(kind: str, *, meeting, owner, params: dict, locale: str, base_url: str) -> Job:
    """A new job, queued once the caller commits (then `submit`)."""
    if kind not in kinds():
        raise JobError(_("There is no such kind of file to prepare."))
    job = Job(id=secrets.token_urlsafe(18), kind=kind, meeting_id=getattr(meeting, "id", None),
              owner_id=getattr(owner, "id", None), params=params, locale=locale,
              base_url=base_url)
    db.session.add(job)
    db.session.flush()
    record("jobs.started", job, meeting=meeting, actor=owner, kind=kind)
    return job


def submit(job_id: str) -> None:
    """Hand a committed job to the queue; a queue that cannot be reached fails the job, with
    the reason, instead of leaving it waiting for ever."""
    try:
        enqueue(job_id, execute)
    except Exception as exc:  # noqa: BLE001 - any storage error: the job says so
        log.exception("job %s could not be queued", job_id)
        job = db.session.get(Job, job_id)
        if job is not None:
            job.status, job.finished_at = JobStatus.FAILED, utcnow()
            job.error = _("The preparation could not be started: %(reason)s",
                          reason=str(exc)[:300])
            db.session.commit()


def execute(job_id: str) -> None:
    """Run one job (the worker's task): running, progress, then done with its file, or failed
    with a readable error. A job already taken (a task delivered twice) is left alone."""
    job = db.session.get(Job, job_id)
    if job is None or job.status != JobStatus.QUEUED:
        return
    kind = kinds().get(job.kind)
    job.status, job.started_at = JobStatus.RUNNING, utcnow()
    job.beat_at = job.started_at
    db.session.commit()
    context = JobContext(job)
    owner = _owner(job.owner_id)
    try:
        if kind is None:
            raise JobError(_("There is no such kind of file to prepare."))
        with force_locale(context.locale), acting_as(owner):
            result = kind.run(context)
    except Exception as exc:  # noqa: BLE001 - every failure ends the job, with its reason
        db.session.rollback()
        # A domain's error (JobError, InvitationError, CircularError…) carries a translated
        # message for the person; anything else is a fault, logged.
        readable = isinstance(getattr(exc, "message", None), str)
        if not readable:
            log.exception("job %s (%s) failed", job_id, context.kind)
        with force_locale(context.locale):
            message = exc.message if readable else _(
                "The file could not be prepared (%(reason)s). Please try again or tell the "
                "secretariat.", reason=f"{type(exc).__name__}: {str(exc)[:300]}")
        _finish(job_id, JobStatus.FAILED, error=message)
        return
    _finish(job_id, JobStatus.DONE, result=result)


def interrupted(now: datetime | None = None, job_ids: list[str] | None = None) -> int:
    """Running jobs silent for SILENT_AFTER lost their worker: they end failed, saying so,
    so the page offers to start again instead of a bar that never moves. Returns how many.
    (A worker that was only very slow and finishes after all still writes its file: done.)
    `job_ids` limits the look to those jobs (a job's page and its polled status)."""
    now = now or utcnow()
    query = select(Job).where(
        Job.status == JobStatus.RUNNING,
        func.coalesce(Job.beat_at, Job.started_at, Job.created_at) <= now - SILENT_AFTER)
    if job_ids is not None:
        query = query.where(Job.id.in_(job_ids))
    rows = list(db.session.scalars(query))
    for job in rows:
        with force_locale(job.locale):
            job.error = _("The preparation was interrupted (its worker stopped). Please start "
                          "it again.")
        job.status, job.finished_at = JobStatus.FAILED, now
        job.expires_at = now + timedelta(hours=current_app.config.get(
            "JOBS_RESULT_HOURS", RESULT_HOURS))
    return len(rows)


def _owner(owner_id: int | None):
    """Who the job's audit entries name: the account's id and address, read from its table
    (the accounts' package sits above this one)."""
    if owner_id is None:
        return None
    users = db.metadata.tables["user"]
    row = db.session.execute(select(users.c.id, users.c.email).where(
        users.c.id == owner_id)).first()
    return SimpleNamespace(id=row.id, email=row.email) if row is not None else None


def _finish(job_id: str, status: JobStatus, *, result: Result | None = None,
            error: str = "") -> None:
    job = db.session.get(Job, job_id)
    now = utcnow()
    job.status, job.finished_at, job.error = status, now, error
    job.expires_at = now + timedelta(hours=current_app.config.get(
        "JOBS_RESULT_HOURS", RESULT_HOURS))
    if result is not None:
        job.note = result.note
        job.done = job.total = max(job.total, job.done, 1)
        if result.data is not None:
            job.filename, job.mimetype = result.filename, result.mimetype
            job.size = len(result.data)
            db.session.add(JobFile(job_id=job.id, data=encrypt_bytes(result.data)))
    db.session.commit()


# --- reading -----------------------------------------------------------------------------------

def visible(job: Job | None, user) -> bool:
    """The owner sees a job and its file; a site administrator too; nobody else."""
    if job is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return job.owner_id == user.id or bool(getattr(user, "site_admin", False))


def of_person(user_id: int, meeting_id: int | None, limit: int = 20) -> list[Job]:
    """The person's recent jobs at a meeting, newest first (expired ones are gone)."""
    return list(db.session.scalars(select(Job).where(
        Job.owner_id == user_id, Job.meeting_id == meeting_id,
        or_(Job.expires_at.is_(None), Job.expires_at > utcnow()))
        .order_by(Job.created_at.desc()).limit(limit)))


def file_of(job: Job) -> bytes | None:
    """The result's plain bytes, while it is kept."""
    if job.status != JobStatus.DONE or (job.expires_at and job.expires_at <= utcnow()):
        return None
    stored = db.session.get(JobFile, job.id)
    return decrypt_bytes(stored.data) if stored is not None else None


def downloaded(job: Job, user) -> None:
    meeting = SimpleNamespace(id=job.meeting_id) if job.meeting_id is not None else None
    record("jobs.downloaded", job, meeting=meeting, actor=user, kind=job.kind)


def status_of(job: Job) -> dict:
    """The job as the page's script reads it (labels in the current locale)."""
    return {"id": job.id, "kind": label_of(job.kind), "status": job.status.value,
            "label": job.status.label, "done": job.done, "total": job.total,
            "percent": job.percent, "finished": job.finished, "note": job.note,
            "error": job.error, "filename": job.filename}


# --- keeping -----------------------------------------------------------------------------------

def purge(now: datetime | None = None) -> int:
    """Delete the jobs whose files expired, and those lost long ago; returns how many."""
    now = now or utcnow()
    ids = list(db.session.scalars(select(Job.id).where(or_(
        Job.expires_at <= now,
        Job.expires_at.is_(None) & (Job.created_at <= now - LOST_AFTER)))))
    return _delete(ids)


def forget_meeting(meeting_id: int) -> int:
    """The meeting's privacy purge: every prepared file of the meeting goes."""
    return _delete(list(db.session.scalars(select(Job.id).where(Job.meeting_id == meeting_id))))


def _delete(ids: list[str]) -> int:
    if ids:
        db.session.execute(delete(JobFile).where(JobFile.job_id.in_(ids)))
        db.session.execute(delete(Job).where(Job.id.in_(ids)))
    return len(ids)
