"""Circulars' background job: a circular to many recipients queued in the worker. The send is
all or nothing (one transaction), so the bar goes from the start to the end in one step."""
from __future__ import annotations

from types import SimpleNamespace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.circulars import services
from app.circulars.models import Circular
from app.extensions import db
from app.jobs.services import JobContext, JobError, Result, register_kind

SEND = "circular_send"


def send_job(context: JobContext) -> Result:
    circular = db.session.get(Circular, int(context.params.get("circular_id") or 0))
    if circular is None or circular.meeting_id != context.meeting_id:
        raise JobError(_("This circular no longer exists."))
    expected = int(context.params.get("expected") or 0)
    context.progress(0, expected, force=True)
    count = services.send(circular, expected=expected, actor=SimpleNamespace(
        id=context.owner_id), reader=context.locale)
    return Result(note=ngettext("The circular is queued for %(num)d recipient.",
                                "The circular is queued for %(num)d recipients.", count))


def register(app) -> None:
    register_kind(app, SEND, _l("Sending a circular"), send_job)
