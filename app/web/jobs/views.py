"""A person's files being prepared at a meeting: the list, one job's page (a progress bar that
a small script refreshes from the JSON status, a refresh link without it), and the download.
Only the owner, or an administrator (of the site or of the meeting), sees a job; anyone else
gets a 404, as for no job at all."""
from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.models import Role
from app.extensions import db
from app.i18n import current_locale
from app.jobs import services
from app.jobs.models import Job, JobStatus
from app.urls import public_base
from app.web import access
from app.web.meetings.views import bind_meeting

bp = Blueprint("jobs", __name__, url_prefix="/meetings/<slug>/files")
bind_meeting(bp)
access.guard(bp)  # signed in; each job is then checked against the person


def register_kinds(app) -> None:
    """The kinds of job the domains offer (jobs never imports them: arrows point down)."""
    from app.circulars import jobs as circulars
    from app.doc_register import jobs as documents
    from app.invitations import jobs as invitations
    from app.logistics.accommodation import jobs as accommodation
    from app.logistics.travel import jobs as travel
    from app.registration import jobs as registration

    for domain in (registration, invitations, documents, circulars, accommodation, travel):
        domain.register(app)


def inline_limit() -> int:
    """Up to this many people, invitations or documents a file is made during the request;
    beyond, it is prepared in the background (JOBS_INLINE_LIMIT)."""
    return int(current_app.config.get("JOBS_INLINE_LIMIT", 50))


def start(kind: str, params: dict, locale: str | None = None, meeting=None):
    """Start a job for the person at the meeting (the page's unless given), its file in
    `locale` (else the page's), then show its page."""
    meeting = meeting or g.meeting
    job = services.start(kind, meeting=meeting, owner=current_user, params=params,
                         locale=locale or current_locale(), base_url=public_base())
    db.session.commit()
    services.submit(job.id)
    return redirect(url_for("jobs.job", slug=meeting.slug, job_id=job.id))


def offer(action: str, hidden: dict, title: str, explanation: str):
    """A long file asked for by a link (GET): a page with the button (a form, with CSRF)
    that starts preparing it."""
    return render_template("jobs/offer.html", meeting=g.meeting, action=action, hidden=hidden,
                           title=title, explanation=explanation)


def _job_or_404(job_id: str) -> Job:
    job = db.session.get(Job, job_id) if len(job_id) <= 32 else None
    # A worker killed mid-job: say so rather than wait for ever. Only this job, and only while
    # it runs: the status is polled every second by each open job page.
    if job is not None and job.status == JobStatus.RUNNING and services.interrupted(
            job_ids=[job.id]):
        db.session.commit()
    if job is None or job.meeting_id != g.meeting.id or not (
            services.visible(job, current_user) or Role.ADMIN in access.roles(g.meeting)):
        abort(404)
    return job


@bp.route("/")
def index():
    if services.interrupted():
        db.session.commit()
    jobs = services.of_person(current_user.id, g.meeting.id)
    return render_template("jobs/index.html", meeting=g.meeting, jobs=jobs,
                           label_of=services.label_of, hours=_hours())


@bp.route("/<job_id>")
def job(job_id: str):
    found = _job_or_404(job_id)
    return render_template("jobs/job.html", meeting=g.meeting, job=found,
                           kind=services.label_of(found.kind), hours=_hours())


def _hours() -> int:
    return int(current_app.config.get("JOBS_RESULT_HOURS", services.RESULT_HOURS))


@bp.route("/<job_id>/status.json")
def status(job_id: str):
    found = _job_or_404(job_id)
    data = services.status_of(found)
    if found.filename and found.status.value == "done":
        data["download"] = url_for("jobs.download", slug=g.meeting.slug, job_id=found.id)
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<job_id>/download")
def download(job_id: str):
    found = _job_or_404(job_id)
    data = services.file_of(found)
    if data is None:
        flash(_("This file has expired: prepare it again.") if found.finished
              else _("The file is not ready yet."), "error")
        return redirect(url_for("jobs.job", slug=g.meeting.slug, job_id=found.id))
    services.downloaded(found, current_user)
    db.session.commit()
    response = Response(data, mimetype=found.mimetype)
    response.headers.set("Content-Disposition",
                         "inline" if request.args.get("inline") else "attachment",
                         filename=found.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
