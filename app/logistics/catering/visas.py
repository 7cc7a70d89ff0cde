"""The visa report: who needs a visa, whether the support letter is issued (and fetched), and
where the visa stands as the delegation reports it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.audit.models import AuditEntry
from app.audit.services import record
from app.errors import DomainError
from app.extensions import db
from app.logistics.catering.models import MealChoice, VisaReport, VisaStatus
from app.models_base import utcnow
from app.registration.models import HOLDS_SEAT, Registration, RegistrationStatus
from app.registration.services import organisation_sort_key


class VisaError(DomainError):
    """A status that is not one of the choices, or a person who needs no visa."""


@dataclass
class VisaRow:
    registration: Registration
    letter_issued: bool  # approved with a visa request: the letter can be printed
    letter_fetched_at: datetime | None  # first printed or downloaded
    report: VisaReport | None


def visa_rows(meeting, lang: str, *, organisation_id: int | None = None,
              registration_id: int | None = None) -> list[VisaRow]:
    """Everyone (pending or approved) who asked for a visa support letter."""
    query = select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.visa_needed.is_(True),
        Registration.status.in_(HOLDS_SEAT)).options(selectinload(Registration.organisation))
    if organisation_id is not None:
        query = query.where(Registration.organisation_id == organisation_id)
    if registration_id is not None:
        query = query.where(Registration.id == registration_id)
    people = sorted(db.session.scalars(query), key=lambda r: (
        organisation_sort_key(r.organisation, lang), r.family_name, r.given_names))
    ids = [r.id for r in people]
    reports = {v.registration_id: v for v in db.session.scalars(
        select(VisaReport).where(VisaReport.registration_id.in_(ids)))} if ids else {}
    fetched: dict[str, datetime] = {}
    if ids:
        for entry in db.session.scalars(select(AuditEntry).where(
                AuditEntry.meeting_id == meeting.id,
                AuditEntry.action == "registration.sensitive_access",
                AuditEntry.object_type == "registration",
                AuditEntry.object_id.in_([str(i) for i in ids])).order_by(AuditEntry.at)):
            if (entry.details or {}).get("how") == "visa_letter":
                fetched.setdefault(entry.object_id, entry.at)
    return [VisaRow(r, r.status == RegistrationStatus.APPROVED and r.purged_at is None,
                    fetched.get(str(r.id)), reports.get(r.id)) for r in people]


def set_status(registration: Registration, value: str, *, actor=None) -> VisaReport:
    if not registration.visa_needed:
        raise VisaError(_("This person has not asked for a visa support letter."))
    try:
        status = VisaStatus(value)
    except ValueError as exc:
        raise VisaError(_("Choose where the visa stands."), "status") from exc
    try:
        with db.session.begin_nested():  # the first report of two sent at once wins the row
            report = db.session.get(VisaReport, registration.id)
            if report is None:
                report = VisaReport(registration_id=registration.id, status=status)
                db.session.add(report)
            report.status, report.reported_at = status, utcnow()
            report.reported_by_id = getattr(actor, "id", None)
            db.session.flush()
    except IntegrityError as exc:
        raise VisaError(_("Someone else changed this at the same moment: look again and try "
                          "once more.")) from exc
    record("catering.visa_status", registration, meeting=registration.meeting, actor=actor,
           status=status.value)
    return report


def held_about(registration: Registration) -> dict:
    """What the visa report and the meals hold about a person (for their data export)."""
    report = db.session.get(VisaReport, registration.id)
    answers = db.session.scalars(select(MealChoice).where(
        MealChoice.registration_id == registration.id).order_by(MealChoice.meal_id))
    return {"visa_status": report.status.value if report else None,
            "visa_status_reported_at": report.reported_at.isoformat() + "Z" if report else None,
            "meal_answers": [{"meal": a.meal_id, "attending": a.attending} for a in answers]}


def forget(meeting) -> int:
    """After the meeting, with the visa request: the visa statuses reported. Returns how many."""
    gone = db.session.execute(delete(VisaReport).where(VisaReport.registration_id.in_(
        select(Registration.id).where(Registration.meeting_id == meeting.id))))
    return gone.rowcount or 0
