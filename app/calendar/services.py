"""Building .ics files with icalendar from a published agenda snapshot."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select, update

from app.calendar.models import CalendarFeed
from app.extensions import db
from app.i18n import TranslatedText
from app.meetings.services import address_line
from app.models_base import utcnow
from app.urls import public_host

if TYPE_CHECKING:  # imported where a calendar is made, not when the application starts
    from icalendar import Event, Timezone, vCalAddress

PRODID = "-//Breaking Chains Meetings//Agenda//EN"
SECRETARIAT = "Breaking Chains Secretariat"


def _text(value: dict | None, lang: str, fallback: str) -> str:
    return TranslatedText(value or {}).resolve(lang, fallback).text


def _utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=UTC)


def organizer() -> vCalAddress:
    """The secretariat, organiser of every event we publish (RFC 5546 §3.2.1 requires ORGANIZER
    with METHOD:PUBLISH) or send (§3.2.2, METHOD:REQUEST): the address the e-mails come from
    (MAIL_FROM), named by its display name, so a calendar matches the mail it came in."""
    from icalendar import vCalAddress

    name, address = parseaddr(current_app.config["MAIL_FROM"])
    value = vCalAddress(f"mailto:{address}")
    value.params["CN"] = name or SECRETARIAT
    return value


def item_uid(item_id: int) -> str:
    return f"agenda-item-{item_id}@{public_host() or 'bc-meetings'}"


def build_calendar(meeting, items: list[dict], lang: str, *, name: str, link: str,
                   stamp: datetime | None = None, method: str = "PUBLISH",
                   extra: tuple[Event, ...] | list[Event] = ()) -> bytes:
    """One VEVENT per timed item, with the meeting's VTIMEZONE; cancelled items stay, marked.
    `extra`: a person's own events (personal_events), added as they are."""
    from icalendar import Calendar, Event, vDDDTypes, vInt, vText, vUri

    zone = ZoneInfo(meeting.timezone)
    fallback = meeting.working_language
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", meeting.timezone)
    calendar.add_component(_vtimezone(meeting.timezone))  # before the events that use it
    # The values are made in their iCalendar types here rather than inferred by add():
    # a calendar of 500 items makes 6,000 of them. Those shared by every event, once.
    stamp = vDDDTypes((stamp or utcnow()).replace(tzinfo=UTC))
    venue = _text(meeting.venue, lang, fallback)
    url = vUri(link)
    confirmed, cancelled = vText("CONFIRMED"), vText("CANCELLED")
    public, private = vText("PUBLIC"), vText("PRIVATE")
    secretariat = organizer()
    for item in items:
        if not item.get("starts"):
            continue
        event = Event()
        event["UID"] = vText(item_uid(item["id"]))
        event["SEQUENCE"] = vInt(item["sequence"])
        event["DTSTAMP"] = stamp
        event["ORGANIZER"] = secretariat
        if item.get("updated"):
            event["LAST-MODIFIED"] = vDDDTypes(_utc(item["updated"]))
        event["DTSTART"] = vDDDTypes(_utc(item["starts"]).astimezone(zone))
        event["DTEND"] = vDDDTypes(_utc(item["ends"]).astimezone(zone))
        event["SUMMARY"] = vText(f"{item['number']}. {_text(item['title'], lang, fallback)}")
        room = _text(item.get("room"), lang, fallback) if item.get("room") else ""
        event["LOCATION"] = vText(", ".join(part for part in (room, venue) if part))
        lines = [_text(item.get("description"), lang, fallback)]
        lines += [f"{child['number']} {_text(child['title'], lang, fallback)}"
                  for child in item.get("children", [])]
        lines.append(link)
        event["DESCRIPTION"] = vText("\n".join(line for line in lines if line))
        event["URL"] = url
        event["CLASS"] = public if item["visibility"] == "public" else private
        event["STATUS"] = cancelled if item["status"] == "cancelled" else confirmed
        calendar.add_component(event)
    for event in extra:
        calendar.add_component(event)
    return calendar.to_ical()


# --- a person's own events -----------------------------------------------------------------
# Domains above this one (a pickup at the airport, say) add events to a person's feed: each
# registers a provider when the application is set up, and the feed asks them all. The
# calendar never imports them (arrows point down).

PROVIDERS = "calendar_event_providers"


def add_event_provider(app, provider) -> None:
    """`provider(meeting, user, lang)` returns the person's own VEVENTs at the meeting."""
    providers = app.extensions.setdefault(PROVIDERS, [])
    if provider not in providers:
        providers.append(provider)


def personal_events(meeting, user, lang: str) -> list[Event]:
    return [event for provider in current_app.extensions.get(PROVIDERS, ())
            for event in provider(meeting, user, lang)]


def meeting_request(meeting, lang: str, starts: datetime, ends: datetime, *, description: str,
                    attendee_email: str, attendee_name: str) -> str:
    """The meeting as one event sent to one person (METHOD:REQUEST, RFC 5546 §3.2.2), with a
    SEQUENCE that follows its dates; `starts` and `ends` in the meeting's zone."""
    from icalendar import Calendar, Event, vCalAddress

    def text(value) -> str:
        return _text(value, lang, meeting.working_language)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add_component(_vtimezone(meeting.timezone))
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{public_host() or 'bc-meetings'}")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", utcnow().replace(tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", text(meeting.title))
    event.add("location", address_line(text(meeting.venue), text(meeting.city),
                                       *(meeting.city or {}).values()))
    event.add("description", description)
    event.add("organizer", organizer())
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params.update({"cn": attendee_name, "role": "REQ-PARTICIPANT",
                            "partstat": "NEEDS-ACTION", "rsvp": "FALSE"})
    event.add("attendee", attendee)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()


@lru_cache(maxsize=32)
def _vtimezone(zone: str) -> Timezone:
    """The VTIMEZONE of a zone, built once: the tz database does not change while we run."""
    from icalendar import Timezone

    return Timezone.from_tzid(zone)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed(user, meeting) -> str:
    """A new secret feed token for the person (the old one stops working)."""
    revoke_feeds(user, meeting)
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarFeed(user_id=user.id, meeting_id=meeting.id, digest=_digest(token)))
    return token


def revoke_feeds(user, meeting) -> None:
    db.session.execute(update(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.meeting_id == meeting.id,
        CalendarFeed.revoked_at.is_(None)).values(revoked_at=utcnow()))


def active_feed(user, meeting) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.meeting_id == meeting.id,
        CalendarFeed.revoked_at.is_(None)))


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.digest == _digest(token), CalendarFeed.revoked_at.is_(None)))
