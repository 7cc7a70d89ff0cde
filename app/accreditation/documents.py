"""Badges for everyone accredited at a meeting: delegation members (app.registration) and the
people of the other categories, each with its category's colour band, name and area codes."""
from __future__ import annotations

import base64
from dataclasses import dataclass, field

from flask_babel import force_locale

from app.accreditation.models import (
    Accreditation,
    AccreditationStatus,
    CategoryKind,
)
from app.accreditation.services import (
    accreditations,
    categories,
    category_name,
    registration_kind,
    text_colour,
)
from app.i18n import TranslatedText
from app.registration.documents import check_in_url, name_size, photo_data_uri, qr_data_uri
from app.registration.models import DelegationRole, Registration
from app.registration.services import participants
from app.urls import public_url


@dataclass
class Badge:
    """What one badge prints, whoever it is for."""

    given_names: str
    family_name: str
    native_name: str
    native_lang: str
    organisation: str
    line: str  # the country or body code of a delegation; the function of anyone else
    function: str
    category: str
    colour: str
    text_colour: str
    areas: list[str]
    code: str
    qr: str
    photo: str
    size: dict = field(default_factory=dict)


def verify_url(accreditation: Accreditation) -> str:
    return public_url("accreditation.verify", slug=accreditation.meeting.slug,
                      code=accreditation.badge_code)


def _sizes(person) -> dict:
    return {name: name_size(getattr(person, name))
            for name in ("given_names", "family_name", "native_name")}


def _registration_badge(r: Registration, category, lang: str) -> Badge:
    meeting = r.meeting
    organisation = r.organisation
    with force_locale(lang):
        role = DelegationRole.label_of(r.role)
    return Badge(
        given_names=r.given_names, family_name=r.family_name, native_name=r.native_name,
        native_lang=r.language.replace("_", "-"),
        organisation=TranslatedText(organisation.name).resolve(
            lang, meeting.working_language).text,
        line=organisation.country_code or organisation.acronym or organisation.code.upper(),
        function=role, category=category_name(category, lang, meeting.working_language),
        colour=category.colour, text_colour=text_colour(category.colour),
        areas=[a.code for a in category.areas], code=r.badge_code,
        qr=qr_data_uri(check_in_url(r)), photo=photo_data_uri(r), size=_sizes(r))


def _accreditation_badge(a: Accreditation, lang: str) -> Badge:
    category = a.category
    photo = ("data:image/jpeg;base64," + base64.b64encode(a.photo.data).decode()) \
        if a.photo is not None else ""
    return Badge(
        given_names=a.given_names, family_name=a.family_name, native_name=a.native_name,
        native_lang=a.language.replace("_", "-"), organisation=a.organisation_name,
        line="", function=a.function,
        category=category_name(category, lang, a.meeting.working_language),
        colour=category.colour, text_colour=text_colour(category.colour),
        areas=[area.code for area in category.areas], code=a.badge_code,
        qr=qr_data_uri(verify_url(a)), photo=photo, size=_sizes(a))


def badges(meeting, lang: str, *, kinds: list[str] | None = None,
           organisation_id: int | None = None, role: str = "",
           registration_ids: list[int] | None = None,
           accreditation_ids: list[int] | None = None) -> list[Badge]:
    """The approved people chosen by category kinds, delegation, role or ids, in the order of
    the categories (delegations by country name, heads first; the others by name). A filter by
    delegation or role chooses delegation members only; ids choose exactly those people."""
    chosen = set(kinds or [])
    by_kind = {c.kind: c for c in categories(meeting)}
    selection = registration_ids is not None or accreditation_ids is not None
    out: list[tuple[int, Badge]] = []
    order = list(CategoryKind)
    for r in participants(meeting, lang):
        kind = registration_kind(meeting, r)
        if (chosen and kind.value not in chosen) \
                or (organisation_id and r.organisation_id != organisation_id) \
                or (role and r.role.value != role) \
                or (selection and r.id not in (registration_ids or [])):
            continue
        out.append((order.index(kind), _registration_badge(r, by_kind[kind], lang)))
    if not organisation_id and not role:
        for a in accreditations(meeting, status=AccreditationStatus.APPROVED.value):
            if (chosen and a.category.kind.value not in chosen) \
                    or (selection and a.id not in (accreditation_ids or [])):
                continue
            out.append((order.index(a.category.kind), _accreditation_badge(a, lang)))
    out.sort(key=lambda pair: pair[0])  # stable: each group keeps its own order
    return [badge for _, badge in out]


def badges_pdf(meeting, rows: list[Badge], lang: str) -> bytes:
    """Personal data: cached only encrypted, in the meeting's part of the cache."""
    from app.documents.render import render_document

    return render_document("pdf/accreditation_badges.html", locale=lang, personal=meeting.id,
                           meeting=meeting, badges=rows)
