"""The documents register's background job: every issued document as one ZIP, for a reader
whose distribution levels the page gave (the job reads what that reader may read, no more)."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.agenda.models import Visibility
from app.doc_register import services
from app.doc_register.models import DocumentStatus
from app.extensions import db
from app.i18n import LOCALES
from app.jobs.services import JobContext, JobError, Result, register_kind
from app.meetings.models import Meeting

ARCHIVE = "documents_zip"


def issued_documents(meeting, levels: set[Visibility], secretariat: bool) -> list:
    found = services.listing(meeting, levels, secretariat=secretariat)
    return [doc for doc in found.documents if doc.status == DocumentStatus.ISSUED]


def archive_job(context: JobContext) -> Result:
    meeting = db.session.get(Meeting, context.meeting_id)
    if meeting is None:
        raise JobError(_("The meeting no longer exists."))
    params = context.params
    levels = {Visibility(level) for level in params.get("levels", [])}
    language = params.get("language") if params.get("language") in LOCALES else None
    documents = issued_documents(meeting, levels, bool(params.get("secretariat")))
    data = services.meeting_zip(meeting, documents, language, progress=lambda done, total:
                                context.progress(done, total))
    return Result(services.zip_name(meeting, language), "application/zip", data)


def register(app) -> None:
    register_kind(app, ARCHIVE, _l("Documents (ZIP)"), archive_job)
