"""A person's own settings: name, language (which their e-mails follow), time zone, and a
new e-mail address, which takes effect only once confirmed from the new mailbox."""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from zoneinfo import available_timezones

import icu
from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update

from app.audit.services import record
from app.auth.models import User
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES
from app.mail.services import queue_templated
from app.text import email_address, one_line

EMAIL_CHANGE_MAX_AGE = 3600  # seconds a confirmation link stays valid (the e-mail says an hour)


class ProfileError(DomainError):
    """Bad input on the profile page, or a confirmation link that cannot be used."""


@cache
def _zone_countries() -> dict[str, tuple[str, int]]:
    """zone -> (its country, how many zones that country has), for the zones in use today:
    CLDR's zones of every country (no obsolete aliases such as Africa/Asmera or
    Asia/Calcutta, no Etc/GMT+n)."""
    available = available_timezones()
    return {zone: (country, len(zones))
            for country, zones in get_global("territory_zones").items()
            if len(country) == 2 and country.isalpha() and country != "ZZ"
            for zone in zones if zone in available}


def current_zones() -> frozenset[str]:
    return frozenset(_zone_countries()) | {"UTC"}


def zone_choices(locale: str) -> list[tuple[str, str]]:
    """(zone, "Country (City)") for every zone in use, in the reader's language and
    alphabetical order (ICU collation: "Égypte" among the E's), UTC first."""
    countries = Locale.parse(locale).territories
    named = []
    for zone, (country, count) in _zone_countries().items():
        name = countries.get(country, country)
        if count > 1:
            name = f"{name} ({get_timezone_location(zone, locale=locale, return_city=True)})"
        named.append((zone, name))
    collator = icu.Collator.createInstance(icu.Locale(locale))
    return [("UTC", "UTC")] + sorted(named, key=lambda pair: collator.getSortKey(pair[1]))


def update_profile(user: User, *, name: str, locale: str, timezone: str) -> list[str]:
    """Save the person's name, language and time zone (every problem reported at once);
    returns the names of what changed. The caller commits."""
    problems = Problems(ProfileError)
    clean = problems.check(one_line, name, "name", limit=200, required=True, error=ProfileError)
    if locale not in LOCALES:
        problems.add(_("Choose one of the languages offered."), "locale")
    if timezone and timezone not in current_zones():
        problems.add(_("Choose one of the time zones offered."), "timezone")
    problems.raise_if_any()
    values = {"name": clean, "locale": locale, "timezone": timezone or None}
    changed = [field for field, value in values.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, values[field])
    if changed:
        record("auth.profile_changed", user, actor=user, fields=changed)
    return changed


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="e-mail-change")


def email_change_subject() -> str:
    """The subject of the e-mail confirming a new address, in the current locale (the mail
    previews show the same)."""
    return _("Confirm your new e-mail address for Breaking Chains meetings")


def request_email_change(user: User, new_email: str, link: Callable[[str], str]) -> None:
    """Write to the new address a link that makes it the person's sign-in address. The
    answer is the same whether or not another account holds the address (that is only
    said to whoever opens the link, who owns the mailbox). The caller commits."""
    email = email_address(new_email, "email", error=ProfileError)
    if email == user.email:
        raise ProfileError(_("This is already your e-mail address."), "email")
    token = _serializer().dumps({"u": user.id, "from": user.email, "to": email})
    queue_templated("email_change", email, user.locale or "en",
                    email_change_subject,
                    link=link(token), name=user.name)
    record("auth.email_change_requested", user, actor=user)


def check_email_change(token: str) -> tuple[User, str]:
    """The person and the new address behind a confirmation link, or ProfileError: expired,
    forged, already used (the address changed since), or taken by another account."""
    try:
        data = _serializer().loads(token, max_age=EMAIL_CHANGE_MAX_AGE)
    except SignatureExpired as exc:
        raise ProfileError(_("This link has expired. Ask for a new one on your profile "
                             "page.")) from exc
    except BadSignature as exc:
        raise ProfileError(_("This link is not valid.")) from exc
    user = db.session.get(User, data.get("u", 0)) if isinstance(data, dict) else None
    if user is None or not user.active or user.email != data.get("from"):
        raise ProfileError(_("This link has already been used or is out of date."))
    taken = db.session.scalar(select(User.id).where(User.email == data.get("to")))
    if taken is not None:
        raise ProfileError(_("Another account already uses this address. Ask the "
                             "secretariat if it should be yours."))
    return user, data["to"]


def confirm_email_change(token: str) -> User:
    """Make the new address the person's sign-in address, and the address of their
    registrations, in one transaction. The caller commits."""
    user, email = check_email_change(token)
    # Registrations sit above the accounts (they import them): their table is read by name.
    registrations = db.metadata.tables["registration"]
    db.session.execute(update(registrations).where(registrations.c.user_id == user.id)
                       .values(email=email))
    user.email = email
    record("auth.email_changed", user, actor=user)
    return user
