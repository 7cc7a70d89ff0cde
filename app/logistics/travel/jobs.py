"""Travel's background job: the arrivals and departures manifest (PDF) for a meeting of
thousands (about 70 s for 2,000 travellers: beyond a request's time). The reader's scope (all,
some delegations, or one person) is decided by the web layer and kept in the job's
parameters. The bar follows the pages as WeasyPrint lays them out."""
from __future__ import annotations

import math

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.jobs.services import JobContext, JobError, Result, register_kind
from app.logistics.travel import documents, manifest
from app.meetings.models import Meeting

MANIFEST = "manifest_pdf"
ROWS_PER_PAGE = 15  # about, on the A4 manifest (hour headings between legs): the bar's guess


def scope_params(scope: dict) -> dict:
    """The reader's scope (manifest.rows' keywords, sets of ids) as JSON parameters."""
    return {key: sorted(int(v) for v in values) for key, values in scope.items()}


def scope_of(params: dict) -> dict:
    """Back from the parameters: only the two keywords manifest.rows knows."""
    return {key: {int(v) for v in params[key]}
            for key in ("organisation_ids", "registration_ids") if key in params}


def filename(meeting, lang: str) -> str:
    return f"{meeting.slug}-arrivals-{lang}.pdf"


def manifest_job(context: JobContext) -> Result:
    from app.documents.pdf import pages_laid_out

    meeting = db.session.get(Meeting, context.meeting_id)
    if meeting is None:
        raise JobError(_("The meeting no longer exists."))
    rows = manifest.rows(meeting, **scope_of(context.params))
    total = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))
    context.progress(0, total, force=True)
    with pages_laid_out(lambda number: context.progress(min(number, total), total)):
        data = documents.manifest_pdf(meeting, rows, context.locale)
    return Result(filename(meeting, context.locale), "application/pdf", data)


def register(app) -> None:
    register_kind(app, MANIFEST, _l("Arrivals and departures (PDF)"), manifest_job)
