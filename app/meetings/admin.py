"""The site administrator's registers: meeting series and organisations (agencies and
international bodies). Every rule of their forms lives here; each problem of an input is
reported at once (Problems), and nothing is written unless all are solved."""
from __future__ import annotations

import re
import unicodedata

from babel import Locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.audit.services import record
from app.errors import DomainError, Problems
from app.extensions import db
from app.i18n import LOCALES, TranslatedText
from app.meetings.models import Organisation, OrganisationKind, Series
from app.text import one_line

NAME_LIMIT, SHORT_LIMIT = 200, 32
#: Codes of the CLDR territory list that are no country (the world, the EU, test codes…).
NOT_COUNTRIES = frozenset({"ZZ", "EU", "UN", "EZ", "QO", "XA", "XB"})


class AdminError(DomainError):
    """Bad input on an administration page; `field` names the form's input."""


def countries() -> frozenset[str]:
    """ISO 3166 alpha-2 codes of the countries and territories CLDR names."""
    return frozenset(code for code in Locale.parse("en").territories
                     if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)


def _texts(problems: Problems, values: dict, name: str, limit: int) -> TranslatedText:
    typed = {code: problems.check(one_line, value, f"{name}_{code}", limit=limit,
                                  error=AdminError, default="")
             for code, value in (values or {}).items() if code in LOCALES}
    return TranslatedText({code: text for code, text in typed.items() if text})


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _ascii_slug(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")


def generate_code(short_name: dict, name: dict, language: str) -> str:
    """A code for a new organisation, never typed: from the short name (else the name) in
    Latin letters ("KNPA" → "knpa"), the first language that gives one; "org" when no text
    has Latin letters; a number is added until it is unused."""
    candidates = [texts.get(code, "") for texts in (short_name, name)
                  for code in ("en", language, *LOCALES)]
    base = next((slug for text in candidates if (slug := _ascii_slug(text))), "org")[:24]
    base = base.strip("-") or "org"
    taken = set(db.session.scalars(select(Organisation.code).where(
        Organisation.code.like(f"{base}%"))))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def _duplicates(problems: Problems, organisation: Organisation | None, name: TranslatedText,
                short_name: TranslatedText) -> None:
    """Another organisation with the same name, or the same short name, in a language."""
    others = db.session.scalars(select(Organisation).where(
        Organisation.id != (organisation.id if organisation else 0)))
    for other in others:
        for field, mine, theirs in (("name", name, other.name),
                                    ("short_name", short_name, other.short_name)):
            for code, text in mine.items():
                if text and _fold(text) == _fold(theirs.get(code, "") or ""):
                    problems.add(_("Another organisation already has this name: %(code)s.",
                                   code=other.code), f"{field}_{code}")


def save_organisation(organisation: Organisation | None, *, name: dict, short_name: dict,
                      kind: str, country: str | None, language: str) -> Organisation:
    """Create (organisation None) or change an organisation. Its code is made once, at
    creation, from its short name or name, and never changes."""
    problems = Problems(AdminError)
    names = _texts(problems, name, "name", NAME_LIMIT)
    shorts = _texts(problems, short_name, "short_name", SHORT_LIMIT)
    if not names and not problems.has(f"name_{language}"):
        field = f"name_{language}" if language in LOCALES else "name_en"
        problems.add(_("Give the name in at least one language."), field)
    if kind not in {k.value for k in OrganisationKind}:
        problems.add(_("Not a valid choice."), "kind")
    country = (country or "").upper() or None
    if country is not None and country not in countries():
        problems.add(_("Choose a country from the list."), "country")
    if kind == OrganisationKind.NATIONAL_AGENCY.value and country is None:
        problems.add(_("A national agency needs its country."), "country")
    if language not in LOCALES:
        problems.add(_("Choose one of the languages of the application."), "language")
    _duplicates(problems, organisation, names, shorts)
    problems.raise_if_any()
    created = organisation is None
    if created:
        organisation = Organisation(code=generate_code(shorts, names, language))
        db.session.add(organisation)
    organisation.name = names
    organisation.short_name = shorts
    organisation.kind = OrganisationKind(kind)
    organisation.country_code = country
    organisation.language = language
    if created or not organisation.acronym:
        # The Latin short form badges print: the short name in English when it has one.
        organisation.acronym = (shorts.get("en") or "")[:SHORT_LIMIT]
    db.session.flush()
    record("organisations.create" if created else "organisations.change", organisation,
           code=organisation.code)
    return organisation


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SYMBOL_ROOT = re.compile(r"^[A-Z][A-Z0-9]*(?:[/.-][A-Z0-9]+)*$")


def save_series(series: Series | None, *, name: dict, slug: str, symbol_root: str) -> Series:
    """Create (series None) or change a meeting series."""
    problems = Problems(AdminError)
    names = _texts(problems, name, "name", NAME_LIMIT)
    if not names and not problems.has("name_en"):
        problems.add(_("Give the name in at least one language."), "name_en")
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug) or len(slug) > 40:
        problems.add(_("Use lower-case Latin letters, digits and hyphens (at most 40)."),
                     "slug")
    elif db.session.scalar(select(func.count()).select_from(Series).where(
            Series.slug == slug, Series.id != (series.id if series else 0))):
        problems.add(_("Another series already uses this address."), "slug")
    symbol_root = (symbol_root or "").strip().upper()
    if not SYMBOL_ROOT.match(symbol_root) or len(symbol_root) > 16:
        problems.add(_("Use capital Latin letters and digits, parts joined by / . or - "
                       "(at most 16)."), "symbol_root")
    problems.raise_if_any()
    created = series is None
    if created:
        series = Series()
        db.session.add(series)
    series.name, series.slug, series.symbol_root = names, slug, symbol_root
    db.session.flush()
    record("series.create" if created else "series.change", series, slug=slug)
    return series
