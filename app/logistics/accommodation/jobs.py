"""Accommodation's background job: the rooming list (PDF) of every hotel, or of one, for a
meeting of thousands (about 40 s for 2,000 guests: beyond a request's time). The bar follows
the pages as WeasyPrint lays them out."""
from __future__ import annotations

import math

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.jobs.services import JobContext, JobError, Result, register_kind
from app.logistics.accommodation import documents, services
from app.logistics.accommodation.models import Hotel
from app.meetings.models import Meeting

ROOMING = "rooming_pdf"
ROWS_PER_PAGE = 20  # about, on the A4 landscape list: the bar's estimate of its pages


def rooming_lists(meeting, lang: str, hotel_id: int | None = None):
    """Every hotel's list, or the one hotel's (None when it is not the meeting's)."""
    if hotel_id is None:
        return services.rooming_lists(meeting, lang)
    hotel = db.session.get(Hotel, hotel_id)
    if hotel is None or hotel.meeting_id != meeting.id:
        return None
    return [(hotel, services.rooming_list(hotel, lang))]


def guests(lists) -> int:
    """How many rows the lists hold (what decides between the request and a job)."""
    return sum(len(rows) for _hotel, rows in lists)


def pages(lists) -> int:
    """About how many pages: each hotel starts a new one."""
    return max(1, sum(max(1, math.ceil(len(rows) / ROWS_PER_PAGE)) for _hotel, rows in lists))


def filename(meeting, hotel_id: int | None, lang: str) -> str:
    return f"{meeting.slug}-rooming-list{f'-{hotel_id}' if hotel_id else ''}-{lang}.pdf"


def rooming_job(context: JobContext) -> Result:
    from app.documents.pdf import pages_laid_out

    meeting = db.session.get(Meeting, context.meeting_id)
    if meeting is None:
        raise JobError(_("The meeting no longer exists."))
    hotel_id = context.params.get("hotel_id")
    lists = rooming_lists(meeting, context.locale, int(hotel_id) if hotel_id else None)
    if lists is None:
        raise JobError(_("This hotel is no longer part of the meeting."))
    total = pages(lists)
    context.progress(0, total, force=True)
    with pages_laid_out(lambda number: context.progress(min(number, total), total)):
        data = documents.rooming_pdf(meeting, lists, context.locale)
    return Result(filename(meeting, hotel_id, context.locale), "application/pdf", data)


def register(app) -> None:
    register_kind(app, ROOMING, _l("Rooming list (PDF)"), rooming_job)
