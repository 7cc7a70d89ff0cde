"""Registration's background jobs: the badges and the list of participants (PDF), for a
meeting of thousands. The bar follows the pages as WeasyPrint lays them out."""
from __future__ import annotations

import math

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.jobs.services import JobContext, JobError, Result, register_kind
from app.meetings.models import Meeting
from app.registration import documents, services
from app.registration.models import Registration

BADGES, PARTICIPANTS = "badges", "participants_pdf"
ROWS_PER_PAGE = 30  # about, on the A4 list of participants: the bar's estimate of its pages


def badge_rows(meeting, lang: str, *, organisation: str = "", role: str = "",
               ids: list | None = None, selection: bool = False) -> list[Registration]:
    """The approved participants whose badges are asked for: everyone, of one organisation
    (its code), of one role, or with the given ids (at most 1,000 of them), combined."""
    rows = services.participants(meeting, lang)
    if organisation:
        rows = [r for r in rows if r.organisation.code == organisation]
    if role:
        rows = [r for r in rows if r.role.value == role]
    if ids or selection:
        chosen = {int(v) for v in (ids or [])[:1000] if str(v).isdigit()}
        rows = [r for r in rows if r.id in chosen]
    return rows


def _meeting(context: JobContext) -> Meeting:
    meeting = db.session.get(Meeting, context.meeting_id)
    if meeting is None:
        raise JobError(_("The meeting no longer exists."))
    return meeting


def _pdf(context: JobContext, pages: int, render) -> bytes:
    """Render with the bar following the pages laid out (a second pass counts again)."""
    from app.documents.pdf import pages_laid_out

    context.progress(0, pages, force=True)
    with pages_laid_out(lambda number: context.progress(min(number, pages), pages)):
        return render()


def badges_job(context: JobContext) -> Result:
    meeting = _meeting(context)
    params = context.params
    rows = badge_rows(meeting, context.locale, organisation=params.get("organisation", ""),
                      role=params.get("role", ""), ids=params.get("ids") or [],
                      selection=bool(params.get("selection")))
    if not rows:
        raise JobError(_("No approved registration to print a badge for."))
    data = _pdf(context, len(rows),  # one badge a page
                lambda: documents.badges_pdf(meeting, rows, context.locale))
    return Result(f"{meeting.slug}-badges.pdf", "application/pdf", data)


def participants_job(context: JobContext) -> Result:
    meeting = _meeting(context)
    rows = services.participants(meeting, context.locale)
    data = _pdf(context, max(1, math.ceil(len(rows) / ROWS_PER_PAGE)),
                lambda: documents.participants_pdf(meeting, rows, context.locale))
    return Result(f"{meeting.slug}-participants-{context.locale}.pdf", "application/pdf", data)


def register(app) -> None:
    register_kind(app, BADGES, _l("Badges"), badges_job)
    register_kind(app, PARTICIPANTS, _l("List of participants (PDF)"), participants_job)
