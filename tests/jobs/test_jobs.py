"""Background jobs end to end, with a real Huey consumer: SQLite storage (the default) and
Redis (its own queue name and database number), progress, the file, encryption at rest, who
may see a job, failures, expiry and the web flow."""
from __future__ import annotations

import io
import json
import os
import re
import time
import uuid
import zipfile
from contextlib import contextmanager
from datetime import timedelta

import pytest
from huey.consumer import Consumer
from pypdf import PdfReader
from sqlalchemy import func, select

from app.jobs import services
from app.jobs.models import Job, JobFile, JobStatus
from app.models_base import utcnow
from tests.conftest import csrf_token, pdf_text, sign_in, sign_in_staff

REDIS_URL = os.environ.get("JOBS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@contextmanager
def consumer(app, monkeypatch, url: str = "", start: bool = True):
    """A fresh queue for this test (its own name), worked by Huey's consumer in threads
    (started here, or by the test: `start=False` yields the consumer)."""
    monkeypatch.setitem(app.config, "JOBS_URL", url)
    monkeypatch.setitem(app.config, "JOBS_NAME", f"bcm-test-{uuid.uuid4().hex[:8]}")
    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", False)
    app.extensions.pop("huey", None)
    huey = services.queue(app)
    worker = Consumer(huey, workers=1, worker_type="thread", periodic=False,
                      initial_delay=0.05, max_delay=0.2)
    if start:
        worker.start()
    try:
        yield huey if start else worker
    finally:
        try:
            worker.stop(graceful=True)
        except RuntimeError:  # never started (a test that failed before starting it)
            pass
        huey.flush()
        app.extensions.pop("huey", None)


def _users(db):
    from app.auth.models import User

    staff = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    delegate = db.session.scalar(select(User).where(User.email == "delegate.th@rtp.example.com"))
    return staff, delegate


def _meeting(db, slug):
    from app.meetings.models import Meeting

    return db.session.scalar(select(Meeting).where(Meeting.slug == slug))


def _start(app, db, slug, kind, params=None, locale="en"):
    staff, _ = _users(db)
    with app.test_request_context():
        job = services.start(kind, meeting=_meeting(db, slug), owner=staff,
                             params=params or {}, locale=locale, base_url="http://localhost")
        db.session.commit()
        services.submit(job.id)
    return job.id


def _wait(db, job_id, seconds=120, seen=None) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        job = db.session.get(Job, job_id)
        if seen is not None:
            seen.append((job.status, job.done, job.total))
        if job.finished:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job.status} after {seconds} s")


def test_badges_job_runs_on_the_sqlite_queue_with_progress_and_an_encrypted_file(
        app, db, demo, monkeypatch):
    from app.registration.services import participants

    people = participants(_meeting(db, demo), "en")
    seen = []
    with consumer(app, monkeypatch):
        job_id = _start(app, db, demo, "badges")
        job = _wait(db, job_id, seen=seen)
    assert job.status == JobStatus.DONE, job.error
    assert job.total == len(people) and job.done == job.total  # one badge a page
    assert any(status == JobStatus.RUNNING for status, _, _ in seen)
    assert job.started_at and job.finished_at and job.expires_at > utcnow()
    data = services.file_of(job)
    assert len(PdfReader(io.BytesIO(data)).pages) == len(people)
    person = max(people, key=lambda r: len(r.given_names + r.family_name))
    name = f"{person.given_names} {person.family_name}"
    assert person.family_name.upper() in pdf_text(data).upper()
    raw = db.session.get(JobFile, job_id).data
    assert raw.startswith(b"gAAAAA")  # a Fernet token (version byte 0x80), base64
    assert name.encode() not in raw and b"%PDF" not in raw


@pytest.mark.skipif(os.environ.get("JOBS_SKIP_REDIS") == "1", reason="no Redis here")
def test_participants_list_job_runs_on_the_redis_queue(app, db, demo, monkeypatch):
    import redis

    redis.Redis.from_url(REDIS_URL).ping()
    with consumer(app, monkeypatch, REDIS_URL) as huey:
        assert type(huey).__name__ == "RedisHuey"
        job_id = _start(app, db, demo, "participants_pdf", locale="fr")
        job = _wait(db, job_id)
    assert job.status == JobStatus.DONE, job.error
    assert job.filename == f"{demo}-participants-fr.pdf"
    text = pdf_text(services.file_of(job))
    assert "Liste des participants" in text or "participants" in text.lower()


def test_a_failing_job_ends_failed_with_a_readable_error(app, db, demo, monkeypatch):
    def explode(context):
        context.progress(1, 3, force=True)
        raise ValueError("the printer caught fire")

    def refuse(context):
        raise services.JobError("No approved registration to print a badge for.")

    kinds = dict(app.extensions[services.KINDS])
    monkeypatch.setitem(app.extensions, services.KINDS, kinds)
    services.register_kind(app, "explode", "Explode", explode)
    services.register_kind(app, "refuse", "Refuse", refuse)
    with consumer(app, monkeypatch):
        broken = _wait(db, _start(app, db, demo, "explode"))
        refused = _wait(db, _start(app, db, demo, "refuse"))
    assert broken.status == JobStatus.FAILED
    assert "ValueError: the printer caught fire" in broken.error
    assert broken.done == 1 and broken.total == 3 and services.file_of(broken) is None
    assert refused.status == JobStatus.FAILED
    assert refused.error == "No approved registration to print a badge for."


def test_purge_removes_expired_files_and_keeps_fresh_ones(app, db, demo, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", True)  # in-process: purge is the point
    app.extensions.pop("huey", None)
    try:
        old = _start(app, db, demo, "participants_pdf")
        fresh = _start(app, db, demo, "participants_pdf")
    finally:
        app.extensions.pop("huey", None)
    db.session.expire_all()
    assert db.session.get(Job, old).status == JobStatus.DONE
    db.session.get(Job, old).expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["jobs", "purge"])
    assert result.exit_code == 0 and "1 expired job(s) deleted" in result.output
    db.session.expire_all()
    assert db.session.get(Job, old) is None and db.session.get(JobFile, old) is None
    assert db.session.get(JobFile, fresh) is not None


def test_the_meetings_privacy_purge_forgets_its_prepared_files(app, db, demo, monkeypatch):
    from app.series.privacy import purge

    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", True)
    app.extensions.pop("huey", None)
    try:
        job_id = _start(app, db, demo, "participants_pdf")
    finally:
        app.extensions.pop("huey", None)
    with app.test_request_context():
        purge(_meeting(db, demo), force=True)
        db.session.commit()
    db.session.expire_all()
    assert db.session.get(Job, job_id) is None and db.session.get(JobFile, job_id) is None


def test_badges_page_starts_a_job_then_shows_progress_and_the_file(app, db, demo,
                                                                 monkeypatch):
    from app.audit.models import AuditEntry

    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 1)
    client = app.test_client()
    sign_in_staff(app, client)
    with consumer(app, monkeypatch):
        offer = client.get(f"/meetings/{demo}/registration/badges.pdf?lang=en")
        assert offer.status_code == 200 and offer.mimetype == "text/html"
        page = offer.get_data(as_text=True)
        assert "Prepare the file" in page
        refused = client.post(f"/meetings/{demo}/registration/badges/prepare?lang=en",
                              data={"organisation": "", "role": "", "ids": ""})
        assert refused.status_code == 400  # no CSRF token, no job
        started = client.post(f"/meetings/{demo}/registration/badges/prepare?lang=en", data={
            "csrf_token": csrf_token(page), "organisation": "", "role": "", "ids": ""})
        assert started.status_code == 302
        job_url = started.headers["Location"]
        job_page = client.get(job_url).get_data(as_text=True)
        assert '<progress id="job-progress" max="100"' in job_page
        assert 'aria-live="polite"' in job_page and "job-progress.js" in job_page
        deadline = time.monotonic() + 120
        while True:
            state = json.loads(client.get(job_url + "/status.json").get_data(as_text=True))
            if state["finished"] or time.monotonic() > deadline:
                break
            assert 0 <= state["percent"] <= 99
            time.sleep(0.1)
    assert state["status"] == "done" and state["label"] == "Ready", state
    listing = client.get(f"/meetings/{demo}/files/").get_data(as_text=True)
    assert f"{demo}-badges.pdf" in listing
    download = client.get(state["download"])
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.data.startswith(b"%PDF")
    job_id = job_url.rstrip("/").rsplit("/", 1)[1]
    actions = set(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_id == job_id)))
    assert actions == {"jobs.started", "jobs.downloaded"}
    # Another person, even of the meeting, sees nothing of it.
    other = app.test_client()
    sign_in(app, other, "delegate.th@rtp.example.com")
    for url in (job_url, job_url + "/status.json", state["download"]):
        assert other.get(url).status_code == 404
    assert job_id not in other.get(f"/meetings/{demo}/files/").get_data(as_text=True)


def test_documents_zip_job_holds_what_the_direct_download_holds(app, db, demo, monkeypatch):
    client = app.test_client()
    sign_in_staff(app, client)
    direct = zipfile.ZipFile(io.BytesIO(
        client.get(f"/meetings/{demo}/documents/all.zip").data)).namelist()
    assert direct
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 0)
    with consumer(app, monkeypatch):
        offer = client.get(f"/meetings/{demo}/documents/all.zip")
        started = client.post(f"/meetings/{demo}/documents/all.zip/prepare", data={
            "csrf_token": csrf_token(offer.get_data(as_text=True))})
        job_id = started.headers["Location"].rstrip("/").rsplit("/", 1)[1]
        job = _wait(db, job_id)
    assert job.status == JobStatus.DONE, job.error
    assert job.total == len(direct) and job.mimetype == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(services.file_of(job))).namelist() == direct


def test_send_all_invitations_runs_as_a_job_and_says_what_it_did(app, db, demo, monkeypatch):
    from app.invitations.models import Invitation, InvitationStatus
    from app.mail.models import OutboxMessage

    meeting = _meeting(db, demo)
    drafts = db.session.scalars(select(Invitation).where(
        Invitation.meeting_id == meeting.id).order_by(Invitation.id).limit(3)).all()
    for invitation in drafts:
        invitation.status, invitation.sent_at = InvitationStatus.DRAFT, None
    db.session.commit()
    before = db.session.scalar(select(func.count()).select_from(OutboxMessage))
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 1)
    client = app.test_client()
    sign_in_staff(app, client)
    with consumer(app, monkeypatch):
        page = client.get(f"/meetings/{demo}/invitations/").get_data(as_text=True)
        started = client.post(f"/meetings/{demo}/invitations/send-all",
                              data={"csrf_token": csrf_token(page)})
        assert f"/meetings/{demo}/files/" in started.headers["Location"]
        job = _wait(db, started.headers["Location"].rsplit("/", 1)[1])
    assert job.status == JobStatus.DONE, job.error
    assert job.total == job.done == 3 and not job.filename
    assert job.note.startswith("3 invitations queued for sending.")
    db.session.expire_all()
    assert {i.status for i in drafts} == {InvitationStatus.SENT}
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) >= before + 3
    page = client.get(f"/meetings/{demo}/files/{job.id}").get_data(as_text=True)
    assert "3 invitations queued for sending." in page and "Ready" in page


def test_a_circular_to_many_is_queued_by_a_job(app, db, demo, monkeypatch):
    from app.circulars.models import Circular, CircularRecipient

    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 0)
    client = app.test_client()
    sign_in_staff(app, client)
    new = f"/outbox/circulars/new?meeting={demo}"
    page = client.get(new).get_data(as_text=True)
    written = client.post(new, data={
        "csrf_token": csrf_token(page), "audience": "heads", "subject_en": "Venue change",
        "body_en": "The venue has changed.", "working_language": "y"},
        content_type="multipart/form-data")
    assert written.status_code == 302, written.get_data(as_text=True)[:2000]
    preview = client.get(written.headers["Location"]).get_data(as_text=True)
    expected = int(re.search(r'name="expected" value="(\d+)"', preview).group(1))
    assert expected > 0
    with consumer(app, monkeypatch):
        started = client.post(written.headers["Location"] + "/send", data={
            "csrf_token": csrf_token(preview), "expected": str(expected)})
        assert f"/meetings/{demo}/files/" in started.headers["Location"]
        job = _wait(db, started.headers["Location"].rsplit("/", 1)[1])
    assert job.status == JobStatus.DONE, job.error
    assert job.done == job.total == expected
    circular = db.session.scalars(select(Circular)).one()
    assert circular.sent_at is not None
    assert db.session.scalar(select(func.count()).select_from(CircularRecipient)) == expected
    # Sent once only: the same form again is refused, with the reason, and nothing more.
    with consumer(app, monkeypatch):
        again = client.post(written.headers["Location"] + "/send", data={
            "csrf_token": csrf_token(preview), "expected": str(expected)})
        refused = _wait(db, again.headers["Location"].rsplit("/", 1)[1])
    assert refused.status == JobStatus.FAILED
    assert refused.error == "This circular has already been sent."
    assert db.session.scalar(select(func.count()).select_from(CircularRecipient)) == expected


def test_a_job_whose_worker_went_silent_ends_interrupted_and_says_so(app, db, demo):
    """A worker killed mid-job (SIGKILL, a machine restarted) leaves its job running: once it
    has been silent for SILENT_AFTER, the pages show it failed, with a sentence saying what
    happened, instead of a bar that never moves; a job that reports progress is left alone."""
    silent = _start(app, db, demo, "participants_pdf")  # queued: no consumer runs here
    alive = _start(app, db, demo, "participants_pdf")
    now = utcnow()
    for job_id, beat in ((silent, now - services.SILENT_AFTER - timedelta(minutes=1)),
                         (alive, now - timedelta(minutes=1))):
        job = db.session.get(Job, job_id)
        job.status, job.started_at, job.beat_at = JobStatus.RUNNING, beat, beat
    db.session.commit()
    client = app.test_client()
    sign_in_staff(app, client)
    state = json.loads(client.get(f"/meetings/{demo}/files/{silent}/status.json")
                       .get_data(as_text=True))
    assert state["status"] == "failed" and state["finished"]
    assert "interrupted" in state["error"] and "start it again" in state["error"]
    db.session.expire_all()
    assert db.session.get(Job, alive).status == JobStatus.RUNNING
    assert client.get(f"/meetings/{demo}/files/").status_code == 200
    # progress is the heartbeat: a report moves beat_at forward
    with app.app_context():
        context = services.JobContext(db.session.get(Job, alive))
        context.progress(1, 3, force=True)
    db.session.expire_all()
    assert db.session.get(Job, alive).beat_at > now - timedelta(seconds=5)
