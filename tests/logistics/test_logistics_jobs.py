"""The rooming list and the arrivals manifest (PDF) of a large meeting, prepared in the
background: above JOBS_INLINE_LIMIT the link offers the "Prepare the file" page, the form (with
CSRF) starts a job that a real Huey consumer (or JOBS_IMMEDIATE) runs with progress, and the
job's page offers the file; below the limit, and from `flask export`, the file comes at once.
Who may not read the direct PDF may not start the job, nor see another's."""
from __future__ import annotations

import json
import time

from sqlalchemy import func, select

from app.jobs.models import Job, JobStatus
from tests.conftest import csrf_token, pdf_text, sign_in, sign_in_staff
from tests.jobs.test_jobs import consumer

THAI_DELEGATE = "delegate.th@rtp.example.com"
CAMBODIAN = "delegate.kh@cnp.example.com"


def _staff(app):
    client = app.test_client()
    sign_in_staff(app, client)
    return client


def _finished(client, job_url: str, seconds: int = 120) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        state = json.loads(client.get(job_url + "/status.json").get_data(as_text=True))
        if state["finished"] or time.monotonic() > deadline:
            return state
        assert 0 <= state["percent"] <= 99
        time.sleep(0.1)


def _offer_then_start(client, link: str, action: str) -> str:
    """The link offers the page; without CSRF nothing starts; with it, the job's page."""
    offer = client.get(link)
    assert offer.status_code == 200 and offer.mimetype == "text/html"
    page = offer.get_data(as_text=True)
    assert action in page
    if "lang=en" in link:
        assert "Prepare the file" in page
    assert client.post(action).status_code == 400  # no CSRF token, no job
    started = client.post(action, data={"csrf_token": csrf_token(page)})
    assert started.status_code == 302
    return started.headers["Location"]


def test_rooming_list_pdf_of_a_large_meeting_is_prepared_by_a_worker(app, db, demo,
                                                                     monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 3)
    base = f"/meetings/{demo}/logistics"
    staff = _staff(app)
    with consumer(app, monkeypatch):
        job_url = _offer_then_start(staff, f"{base}/rooming-list.pdf?lang=en",
                                    f"{base}/rooming-list/prepare?lang=en")
        job_page = staff.get(job_url).get_data(as_text=True)
        assert "Rooming list (PDF)" in job_page and '<progress id="job-progress"' in job_page
        state = _finished(staff, job_url)
    assert state["status"] == "done", state
    assert state["filename"] == f"{demo}-rooming-list-en.pdf"
    job = db.session.get(Job, job_url.rstrip("/").rsplit("/", 1)[1])
    assert job.total >= 1 and job.done == job.total  # the bar followed the pages
    download = staff.get(state["download"])
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert "WONGSAKUL, Somchai" in pdf_text(download.data)
    # A delegate may not ask for it, nor see the staff member's job.
    delegate = app.test_client()
    sign_in(app, delegate, THAI_DELEGATE)
    assert delegate.get(f"{base}/rooming-list.pdf?lang=en").status_code == 403
    token = csrf_token(delegate.get(f"/meetings/{demo}/").get_data(as_text=True))
    assert delegate.post(f"{base}/rooming-list/prepare",
                         data={"csrf_token": token}).status_code == 403
    for url in (job_url, job_url + "/status.json", state["download"]):
        assert delegate.get(url).status_code == 404


def test_one_hotels_rooming_list_job_and_the_direct_file_below_the_limit(app, db, demo,
                                                                       monkeypatch):
    from app.logistics.accommodation.models import Hotel

    base = f"/meetings/{demo}/logistics"
    staff = _staff(app)
    jobs_before = db.session.scalar(select(func.count()).select_from(Job))
    direct = staff.get(f"{base}/rooming-list.pdf?lang=en")  # the demo is below 50 guests
    assert direct.mimetype == "application/pdf"
    assert db.session.scalar(select(func.count()).select_from(Job)) == jobs_before
    hotel = db.session.scalars(select(Hotel).order_by(Hotel.id)).first()
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 0)
    monkeypatch.setitem(app.config, "JOBS_IMMEDIATE", True)
    app.extensions.pop("huey", None)
    try:
        job_url = _offer_then_start(
            staff, f"{base}/hotels/{hotel.id}/rooming-list.pdf?lang=fr",
            f"{base}/hotels/{hotel.id}/rooming-list/prepare?lang=fr")
    finally:
        app.extensions.pop("huey", None)
    state = _finished(staff, job_url, seconds=5)  # ran in the request
    assert state["status"] == "done", state
    assert state["filename"] == f"{demo}-rooming-list-{hotel.id}-fr.pdf"
    text_layer = pdf_text(staff.get(state["download"]).data)
    assert any(name in text_layer for name in ("WONGSAKUL, Somchai", "DUBOIS, Claire"))
    assert staff.post(f"{base}/hotels/99999/rooming-list/prepare").status_code in (400, 404)


def test_arrivals_manifest_pdf_is_prepared_by_a_worker_in_the_readers_scope(
        app, db, demo, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 0)
    base = f"/meetings/{demo}/logistics"
    staff = _staff(app)
    delegate = app.test_client()
    sign_in(app, delegate, CAMBODIAN)
    with consumer(app, monkeypatch):
        job_url = _offer_then_start(staff, f"{base}/arrivals.pdf?lang=ko",
                                    f"{base}/arrivals/prepare?lang=ko")
        state = _finished(staff, job_url)
        # The Cambodian delegate's own manifest: their legs only, in their own job.
        own_url = _offer_then_start(delegate, f"{base}/arrivals.pdf?lang=en",
                                    f"{base}/arrivals/prepare?lang=en")
        own = _finished(delegate, own_url)
    assert state["status"] == "done" and own["status"] == "done", (state, own)
    assert state["filename"] == f"{demo}-arrivals-ko.pdf"
    text_layer = pdf_text(staff.get(state["download"]).data)
    assert "KE 690" in text_layer and "SOK, Dara" in text_layer and "도착" in text_layer
    own_text = pdf_text(delegate.get(own["download"]).data)
    assert "SOK, Dara" in own_text
    staff_names = {"WONGSAKUL, Somchai", "DUBOIS, Claire"} & set(
        n for n in ("WONGSAKUL, Somchai", "DUBOIS, Claire") if n in text_layer)
    assert staff_names and not any(name in own_text for name in staff_names)
    own_job = db.session.get(Job, own_url.rstrip("/").rsplit("/", 1)[1])
    assert list(own_job.params) == ["registration_ids"]  # the scope decided by the web layer
    assert len(own_job.params["registration_ids"]) == 1
    # The delegate sees not the staff member's job; the staff member's file is theirs.
    for url in (job_url, job_url + "/status.json", state["download"]):
        assert delegate.get(url).status_code == 404


def test_the_export_commands_stay_direct_whatever_the_limit(app, db, demo, tmp_path,
                                                           monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_INLINE_LIMIT", 0)
    before = db.session.scalar(select(func.count()).select_from(Job))
    for kind, name in (("rooming-list", "WONGSAKUL, Somchai"), ("arrivals", "SOK, Dara")):
        out = tmp_path / f"{kind}.pdf"
        result = app.test_cli_runner().invoke(args=[
            "export", kind, demo, "--format", "pdf", "--lang", "en", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert name in pdf_text(out.read_bytes())
    assert db.session.scalar(select(func.count()).select_from(Job)) == before
    assert not db.session.scalar(select(func.count()).select_from(Job).where(
        Job.status == JobStatus.FAILED))
