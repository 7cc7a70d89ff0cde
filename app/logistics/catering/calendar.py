"""The meals and receptions as an iCalendar file (METHOD:PUBLISH), in the meeting's zone."""
from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from flask_babel import force_locale

from app.calendar.services import PRODID, organizer
from app.i18n import TranslatedText, to_zone
from app.logistics.catering import services
from app.logistics.catering.models import Meal
from app.urls import public_host, public_url

if TYPE_CHECKING:
    from icalendar import Event


def meal_uid(meal: Meal) -> str:
    return f"meal-{meal.id}@{public_host() or 'bc-meetings'}"


def meal_event(meal: Meal, meeting, lang: str, link: str) -> Event:
    from icalendar import Event

    def text(value) -> str:
        return TranslatedText(value or {}).resolve(lang, meeting.working_language).text

    event = Event()
    event.add("uid", meal_uid(meal))
    # The meal's own time of change, not now: a person's feed keys its cache on its events.
    event.add("dtstamp", meal.updated_at.replace(tzinfo=UTC))
    event.add("last-modified", meal.updated_at.replace(tzinfo=UTC))
    event.add("dtstart", to_zone(meal.starts_at, meeting.timezone))
    event.add("dtend", to_zone(meal.ends_at, meeting.timezone))
    with force_locale(lang):
        event.add("summary", f"{text(meal.title)} ({meal.kind.label})")
    place = text(meal.place) or text(meeting.venue)
    if place:
        event.add("location", place)
    event.add("description", link)
    event.add("url", link)
    event.add("organizer", organizer())
    event.add("class", "PRIVATE")
    event.add("status", "CONFIRMED")
    return event


def meals_calendar(meeting, meals: list[Meal], lang: str, *, link: str) -> bytes:
    from icalendar import Calendar, Timezone

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", meeting.timezone)
    calendar.add_component(Timezone.from_tzid(meeting.timezone))
    for meal in meals:
        calendar.add_component(meal_event(meal, meeting, lang, link))
    return calendar.to_ical()


def meal_events(meeting, user, lang: str) -> list[Event]:
    """The meals a person attends, for their calendar feed (registered with app.calendar by the
    web layer: app.calendar never imports us)."""
    own = services.participants(meeting, user_id=user.id)
    if not own:
        return []
    registration = own[0]
    meals = services.meals(meeting)
    said = services.choices([m.id for m in meals])
    link = public_url("catering.programme", slug=meeting.slug, lang=lang)
    return [meal_event(meal, meeting, lang, link) for meal in meals
            if services.place_of(meal, registration, services.meal_day(meal, meeting),
                                 said).attending]
