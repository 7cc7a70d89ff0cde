"""Meals and receptions: the programme, who attends each, and the caterer's counts by dietary
need. Whoever is registered (approved) and in town that day attends a meal unless they, their
head of delegation or logistics said otherwise (a MealChoice)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.agenda.services import DayEvent, DaySource, local_to_utc
from app.audit.services import record
from app.auth.models import SECRETARIAT_ROLES, Role
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import TranslatedText, to_zone
from app.logistics.catering.models import Meal, MealChoice, MealKind
from app.models_base import utcnow
from app.registration.models import DietaryNeed, Registration, RegistrationStatus
from app.registration.services import organisation_sort_key

#: Who sees and edits every meal, choice, count and visa status of a meeting.
CATERING_ROLES = SECRETARIAT_ROLES | {Role.LOGISTICS}
#: The columns of the caterer's counts, in order; None: the person has not said.
NEEDS: tuple[DietaryNeed | None, ...] = (*DietaryNeed, None)


class CateringError(DomainError):
    """Bad input for a meal or a choice; `field` names the form field."""


# --- the programme ----------------------------------------------------------------------------

def meals(meeting) -> list[Meal]:
    return list(db.session.scalars(select(Meal).where(Meal.meeting_id == meeting.id)
                                   .order_by(Meal.starts_at, Meal.id)))


def _agenda_stamp(meeting_id) -> list:
    """Values that change whenever a meal of the meeting is added, changed or deleted (for the
    agenda page's cache keys): how many, the newest change, and the sum of their ids."""
    meal = Meal.__table__
    mine = meal.c.meeting_id == meeting_id
    return [select(func.count(meal.c.id)).where(mine).scalar_subquery(),
            select(func.max(meal.c.updated_at)).where(mine).scalar_subquery(),
            select(func.coalesce(func.sum(meal.c.id), 0)).where(mine).scalar_subquery()]


def _agenda_events(meeting) -> list[DayEvent]:
    return [DayEvent(key=f"meal-{meal.id}", kind=meal.kind.value, label=meal.kind.label,
                     title=dict(meal.title or {}), place=dict(meal.place or meeting.venue or {}),
                     starts=meal.starts_at, ends=meal.ends_at)
            for meal in meals(meeting)]


#: The meals and receptions among the agenda's items (registered by the web layer: the agenda
#: sits below logistics and never imports us).
AGENDA_EVENTS = DaySource(stamp=_agenda_stamp, events=_agenda_events)


def meal_day(meal: Meal, meeting) -> date:
    return to_zone(meal.starts_at, meeting.timezone).date()


def _title(title: dict, meeting) -> TranslatedText:
    clean = TranslatedText({k: " ".join(v.split()) for k, v in (title or {}).items()
                            if v and v.strip()})
    if not clean.get(meeting.working_language):
        raise CateringError(_("Give the name in the meeting's working language."),
                            f"title_{meeting.working_language}")
    return clean


def _kind(value) -> MealKind:
    try:
        return MealKind(value)
    except ValueError as exc:
        raise CateringError(_("Choose lunch, dinner, reception or coffee break."),
                            "kind") from exc


def check_meal(meeting, *, kind, title: dict, day: date | None, start: time | None,
               end: time | None) -> tuple[MealKind, TranslatedText]:
    """Every problem of a meal's input at once, for every way in (the form, the demo, tests)."""
    problems = Problems(CateringError)
    kind = problems.check(_kind, kind)
    clean = problems.check(_title, title, meeting)
    if day is None:
        problems.add(_("This field is required."), "day")
    elif not meeting.start_date <= day <= meeting.end_date:
        problems.add(_("The time must fall within the meeting's dates."), "day")
    if start is None:
        problems.add(_("This field is required."), "start_time")
    if end is None:
        problems.add(_("This field is required."), "end_time")
    elif start is not None and end <= start:
        problems.add(_("The end time must be after the start time."), "end_time")
    problems.raise_if_any()
    return kind, clean


def save_meal(meeting, meal: Meal | None, *, kind, title: dict, place: dict,
              day: date | None, start: time | None, end: time | None, actor=None) -> Meal:
    """Create or change a meal; nothing is written if any check fails."""
    kind, clean = check_meal(meeting, kind=kind, title=title, day=day, start=start, end=end)
    if meal is None:
        meal = Meal(meeting_id=meeting.id)
        db.session.add(meal)
    meal.kind, meal.title = kind, clean
    meal.place = TranslatedText({k: " ".join(v.split()) for k, v in (place or {}).items()
                                 if v and v.strip()})
    meal.starts_at = local_to_utc(meeting.timezone, day, start)
    meal.ends_at = local_to_utc(meeting.timezone, day, end)
    meal.updated_at = utcnow()
    db.session.flush()
    record("catering.meal_saved", meal, meeting=meeting, actor=actor, kind=kind.value)
    return meal


def delete_meal(meal: Meal, meeting, *, actor=None) -> None:
    record("catering.meal_deleted", meal, meeting=meeting, actor=actor, kind=meal.kind.value)
    db.session.delete(meal)


# --- who attends ------------------------------------------------------------------------------

def participants(meeting, organisation_id: int | None = None,
                 registration_id: int | None = None,
                 user_id: int | None = None) -> list[Registration]:
    """Who may eat: approved registrations, by delegation, heads first."""
    query = select(Registration).where(
        Registration.meeting_id == meeting.id,
        Registration.status == RegistrationStatus.APPROVED).options(
        selectinload(Registration.organisation))
    if organisation_id is not None:
        query = query.where(Registration.organisation_id == organisation_id)
    if registration_id is not None:
        query = query.where(Registration.id == registration_id)
    if user_id is not None:
        query = query.where(Registration.user_id == user_id)
    return list(db.session.scalars(query))


def sorted_people(rows: list[Registration], lang: str) -> list[Registration]:
    return sorted(rows, key=lambda r: (organisation_sort_key(r.organisation, lang),
                                       r.family_name, r.given_names))


def in_town(registration: Registration, day: date) -> bool:
    """Present that day by the travel dates given (no date given: present)."""
    return (registration.arrival_date is None or registration.arrival_date <= day) and \
        (registration.departure_date is None or day <= registration.departure_date)


@dataclass
class Place:
    """One person at one meal: whether they attend, and whether someone said so."""

    attending: bool
    chosen: bool


def choices(meal_ids: list[int]) -> dict[tuple[int, int], bool]:
    if not meal_ids:
        return {}
    return {(c.meal_id, c.registration_id): c.attending for c in db.session.scalars(
        select(MealChoice).where(MealChoice.meal_id.in_(meal_ids)))}


def place_of(meal: Meal, registration: Registration, day: date,
             said: dict[tuple[int, int], bool]) -> Place:
    key = (meal.id, registration.id)
    if key in said:
        return Place(said[key], True)
    return Place(in_town(registration, day), False)


def set_choice(meal: Meal, registration: Registration, answer: str, *, actor=None) -> None:
    """answer: "yes", "no", or "default" (back to the rule: registered and in town)."""
    if answer not in ("yes", "no", "default"):
        raise CateringError(_("Choose whether the person attends."), "answer")
    if registration.meeting_id != meal.meeting_id or \
            registration.status != RegistrationStatus.APPROVED:
        raise CateringError(_("Only approved participants of this meeting can attend."))
    try:
        # One answer per person and meal (a unique constraint): of two answers sent at the
        # same moment, the second gets this message instead of a second row.
        with db.session.begin_nested():
            db.session.execute(delete(MealChoice).where(
                MealChoice.meal_id == meal.id, MealChoice.registration_id == registration.id))
            if answer != "default":
                db.session.add(MealChoice(meal_id=meal.id, registration_id=registration.id,
                                          attending=answer == "yes",
                                          set_by_id=getattr(actor, "id", None)))
            db.session.flush()
    except IntegrityError as exc:
        raise CateringError(_("Someone else changed this at the same moment: look again and "
                              "try once more.")) from exc
    if actor is not None and actor.id != registration.user_id:
        record("catering.choice_set", registration, meeting=registration.meeting, actor=actor,
               meal=meal.id, answer=answer)


# --- the caterer's counts ---------------------------------------------------------------------

@dataclass
class MealCount:
    meal: Meal
    day: date
    total: int = 0
    by_need: dict = field(default_factory=dict)  # DietaryNeed | None → number
    allergies: list = field(default_factory=list)  # (registration, text)
    attendees: list = field(default_factory=list)


def counts(meeting, lang: str) -> list[MealCount]:
    """Per meal: how many attend, by dietary need, and the allergies and other needs as
    written, with who wrote them."""
    found = meals(meeting)
    people = sorted_people(participants(meeting), lang)
    said = choices([m.id for m in found])
    result = []
    for meal in found:
        day = meal_day(meal, meeting)
        count = MealCount(meal, day)
        tally: Counter = Counter()
        for person in people:
            if not place_of(meal, person, day, said).attending:
                continue
            count.attendees.append(person)
            tally[person.diet] += 1
            if person.dietary.strip():
                count.allergies.append((person, person.dietary.strip()))
        count.total = len(count.attendees)
        count.by_need = {need: tally.get(need, 0) for need in NEEDS}
        result.append(count)
    return result


def need_label(need: DietaryNeed | None) -> str:
    return need.label if need is not None else _("Not told")


def meal_time(meal: Meal, meeting) -> tuple[datetime, datetime]:
    return to_zone(meal.starts_at, meeting.timezone), to_zone(meal.ends_at, meeting.timezone)
