"""Invitations' background job: every draft invitation queued for sending, with the bar
following them, and what was skipped and why."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import func, select

from app.extensions import db
from app.i18n import TranslatedText
from app.invitations import services
from app.invitations.models import Invitation, InvitationStatus
from app.jobs.services import JobContext, JobError, Result, register_kind
from app.meetings.models import Meeting

SEND_ALL = "invitations_send"


def drafts_count(meeting) -> int:
    return db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.DRAFT))


def send_all_job(context: JobContext) -> Result:
    meeting = db.session.get(Meeting, context.meeting_id)
    if meeting is None:
        raise JobError(_("The meeting no longer exists."))
    total = drafts_count(meeting)
    context.progress(0, total, force=True)
    sent = {"count": 0}

    def one_more(step: int) -> None:
        sent["count"] += step
        context.progress(sent["count"], total)

    queued, skipped = services.send_all(meeting, progress=one_more)
    lines = [ngettext("%(num)d invitation queued for sending.",
                      "%(num)d invitations queued for sending.", queued)]
    for invitation, reason in skipped:
        lines.append(_("Not sent to %(agency)s: %(reason)s", agency=TranslatedText(
            invitation.organisation.name).resolve(context.locale,
                                                  meeting.working_language).text,
            reason=reason))
    return Result(note="\n".join(lines))


def register(app) -> None:
    register_kind(app, SEND_ALL, _l("Sending all draft invitations"), send_all_job)
