"""Locales, multilingual content (TranslatedText) and CLDR formatting, for any caller: nothing
here reads the request (the locale and time zone of a request are chosen in app.web.locale)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from flask_babel import get_locale, pgettext
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import JSON
from sqlalchemy.types import TypeDecorator

LOCALES = ("en", "ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id", "ms", "fil",
           "ar", "fr", "es", "pt")
RTL_LOCALES = frozenset({"ar"})
DEFAULT_LOCALE = "en"
# Tags browsers send that map onto one of our catalogues.
_LANGUAGE_ALIASES = {"zh": "zh_Hans", "tl": "fil", "in": "id"}


def normalise_locale(tag: str | None) -> str | None:
    """Map a tag like 'pt-BR', 'zh-CN' or 'ko_KR' to a supported UI locale, else None."""
    if not tag or len(tag) > 35:
        return None
    tag = tag.strip().replace("-", "_")
    if tag in LOCALES:
        return tag
    language = tag.split("_", 1)[0].lower()
    language = _LANGUAGE_ALIASES.get(language, language)
    return language if language in LOCALES else None


def html_lang(locale: str) -> str:
    """BCP 47 tag for HTML's lang attribute ('zh_Hans' -> 'zh-Hans')."""
    return locale.replace("_", "-")


def text_direction(locale: str) -> str:
    return "rtl" if locale in RTL_LOCALES else "ltr"


def current_locale() -> str:
    return str(get_locale() or DEFAULT_LOCALE)


@lru_cache(maxsize=512)
def language_name(code: str, in_locale: str | None = None) -> str:
    """The name of a language in another locale, or in its own when in_locale is None."""
    try:
        loc = Locale.parse(code)
        return (loc.get_display_name(in_locale or code) or code)
    except (UnknownLocaleError, ValueError):
        return code


def country_name(code: str | None, in_locale: str | None = None) -> str:
    """The CLDR name of an ISO 3166 country in the reader's locale."""
    if not code:
        return ""
    return _territories(in_locale or current_locale()).get(code.upper(), code.upper())


@lru_cache(maxsize=64)
def _territories(locale: str) -> dict:
    """CLDR's country names in one locale (a list of 195 delegations names each once per
    page: parsing the locale each time cost more than the page's own rows)."""
    return dict(Locale.parse(locale).territories)


class TranslatedText(dict):
    """Multilingual content: one value per language code, e.g. {"en": ..., "ko": ...}."""

    def resolve(self, locale: str, fallback: str = DEFAULT_LOCALE) -> Resolved:
        text = (self.get(locale) or "").strip()
        if text:
            return Resolved(text, locale, False)
        for code in (fallback, DEFAULT_LOCALE, *LOCALES):
            text = (self.get(code) or "").strip()
            if text:
                return Resolved(text, code, True)
        return Resolved("", locale, False)

    def missing(self, languages) -> list[str]:
        return [code for code in languages if not (self.get(code) or "").strip()]


@dataclass(frozen=True)
class Resolved:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


class TranslatedTextType(TypeDecorator):
    """JSON column holding a TranslatedText; assign a new value to change it."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return {str(k): str(v) for k, v in dict(value).items() if v is not None and str(v).strip()}

    def process_result_value(self, value, dialect):
        return TranslatedText(value or {})


def localized(value: TranslatedText | dict | None, fallback: str | None = None) -> Resolved:
    """Resolve multilingual content for the reader, falling back to `fallback` (the meeting's
    working language, which the caller knows), then en."""
    return TranslatedText(value or {}).resolve(current_locale(), fallback or DEFAULT_LOCALE)


def render_localized(value: TranslatedText | dict | None, fallback: str | None = None,
                     note: bool = True) -> Markup:
    """HTML for multilingual content, marking a fallback so the reader sees it is not theirs.

    Proper names (of agencies, say) pass note=False: their official form needs no excuse.
    """
    resolved = localized(value, fallback)
    reader = current_locale()
    if not resolved.is_fallback:
        return escape(resolved.text)
    if not note:
        return Markup('<span lang="{lang}" dir="{dir}">{text}</span>').format(
            lang=html_lang(resolved.lang), dir=text_direction(resolved.lang), text=resolved.text)
    note = _("shown in %(language)s — no %(wanted)s text yet",
             language=language_name(resolved.lang, reader),
             wanted=language_name(reader, reader))
    return Markup('<span lang="{lang}" dir="{dir}">{text}</span> '
                  '<small class="fallback-note">({note})</small>').format(
        lang=html_lang(resolved.lang), dir=text_direction(resolved.lang),
        text=resolved.text, note=note)


def isolate(text) -> Markup:
    """A value typed by someone (a name, a rank, a venue) set apart from the text around it,
    so that its own direction holds: a Latin "Maj. Gen." on an Arabic page keeps its full stop
    at the end. First-strong isolate marks (Unicode FSI, PDI) work in browsers and in
    WeasyPrint, which ignores CSS unicode-bidi; an empty value stays empty."""
    text = str(text or "")
    return Markup("\u2068{}\u2069").format(text) if text else Markup("")


def two_values(first, second) -> Markup:
    """Two typed values on one line (a rank and a position), each set apart, separated as the
    reader's language separates them (Arabic "،", Chinese "，", Japanese "、")."""
    if not (first and second):
        return isolate(first or second)
    pattern = escape(pgettext("two typed values on one line", "%(first)s, %(second)s"))
    return pattern % {"first": isolate(first), "second": isolate(second)}


def to_zone(moment: datetime, zone: str) -> datetime:
    """A naive-UTC datetime from the database, as an aware datetime in the given zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(zone))


def format_time_in(moment: datetime, zone: str) -> str:
    return babel_dates.format_time(to_zone(moment, zone), "short", locale=current_locale())


def format_datetime_in(moment: datetime, zone: str) -> str:
    """Date and time in the zone, with the zone named: for e-mails read far from the meeting."""
    local = to_zone(moment, zone)
    return _("%(date)s, %(time)s (%(zone)s)",
             date=babel_dates.format_date(local, "full", locale=current_locale()),
             time=babel_dates.format_time(local, "short", locale=current_locale()),
             zone=zone_name(zone, moment))


def format_utc(moment: datetime) -> str:
    """A stored (naive UTC) moment as a short date and time in the reader's locale."""
    return babel_dates.format_datetime(moment.replace(tzinfo=UTC), "short",
                                       tzinfo=ZoneInfo("UTC"), locale=current_locale())


def format_date_long(day: date) -> str:
    return babel_dates.format_date(day, "full", locale=current_locale())


def format_date_range(start: date, end: date) -> str:
    if start == end:
        return babel_dates.format_date(start, "long", locale=current_locale())
    return babel_dates.format_interval(start, end, "yMMMd", locale=current_locale())


def zone_name(zone: str, when: datetime | None = None) -> str:
    """The zone's long name in the reader's locale, e.g. 'Korean Standard Time' or '한국 표준시'."""
    moment = to_zone(when or datetime.now(UTC), zone)
    return babel_dates.get_timezone_name(moment, width="long", locale=current_locale())
