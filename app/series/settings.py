"""Changing a meeting's settings, with the same rules for every way in. It sits on the roof:
new dates move the invitations' deadlines, and the host must be a member of the series."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from app.audit.services import record
from app.auth.profile import current_zones
from app.errors import DomainError, Problems
from app.i18n import LOCALES, TranslatedText
from app.invitations.services import InvitationError, change_meeting_dates
from app.series.services import roster
from app.text import one_line, paragraphs

TEXT_FIELDS = ("title", "city", "venue", "public_summary", "signature")
# (limit, kept over several lines) per text, as the settings form has them
TEXT_RULES = {"title": (300, False), "city": (120, False), "venue": (300, False),
              "public_summary": (3000, True), "signature": (500, True)}


class MeetingError(DomainError):
    """Bad meeting settings; `field` names the form field."""


def check_languages_and_texts(problems: Problems, texts: dict[str, dict],
                              working_language: str, official_languages: list[str]
                              ) -> tuple[list[str], dict[str, TranslatedText]]:
    """The rules a meeting's languages and texts follow, however it is made or changed: the
    official languages (in the application's order) and each text cleaned. Every problem goes
    to `problems`; `texts` maps each of TEXT_FIELDS given to {code: text}."""
    languages = [code for code in LOCALES if code in set(official_languages)]
    if working_language not in LOCALES:
        problems.add(_("Choose one of the languages of the application."), "working_language")
    elif working_language not in languages:
        problems.add(_("The working language must be one of the official languages."),
                     "official_languages")
    cleaned = {}
    for name in TEXT_FIELDS:
        if name not in texts:
            continue
        limit, multiline = TEXT_RULES[name]
        clean = paragraphs if multiline else one_line
        typed = {code: problems.check(clean, value, f"{name}_{code}", limit=limit,
                                      error=MeetingError, default="")
                 for code, value in texts[name].items() if code in LOCALES}
        values = TranslatedText({code: text for code, text in typed.items() if text})
        if name not in ("public_summary", "signature") and working_language in LOCALES \
                and not values.get(working_language) \
                and not problems.has(f"{name}_{working_language}"):
            problems.add(_("Give this in the working language."), f"{name}_{working_language}")
        cleaned[name] = values
    return languages, cleaned


def update_settings(meeting, *, texts: dict[str, dict], start: date, end: date, zone: str,
                    working_language: str, official_languages: list[str],
                    is_public: bool, host_id: int | None = None,
                    secretariat_id: int | None = None) -> None:
    """Apply new settings; new dates raise the meeting's iCalendar SEQUENCE."""
    problems = Problems(MeetingError)
    if zone not in current_zones() and zone != meeting.timezone:  # no obsolete alias anew
        problems.add(_("Choose a time zone from the list."), "timezone")
    languages, cleaned = check_languages_and_texts(problems, texts, working_language,
                                                   official_languages)
    problems.raise_if_any()
    try:
        change_meeting_dates(meeting, start, end)
    except InvitationError as error:
        raise MeetingError(error.message, "end_date") from error
    if meeting.timezone != zone:
        meeting.sequence += 1  # the same wall-clock times are now other instants
    meeting.timezone = zone
    meeting.working_language = working_language
    meeting.official_languages = languages
    meeting.is_public = bool(is_public)
    if host_id is not None:
        members = {m.organisation_id for m in roster(meeting.series, meeting.start_date)}
        if host_id and host_id not in members and host_id != meeting.host_organisation_id:
            raise MeetingError(_("The host must be a member of the series."), "host_id")
        meeting.host_organisation_id = host_id or None
    if secretariat_id is not None:
        meeting.secretariat_id = secretariat_id or None
    for name, values in cleaned.items():
        setattr(meeting, name, values)
    record("meetings.settings_changed", meeting, meeting=meeting)
