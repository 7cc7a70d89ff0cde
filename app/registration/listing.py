"""The secretariat's list of a meeting's registrations, one page at a time.

At 2,000 people a page shows 50 or 100: the filters (status, delegation, role) are applied in
SQL, the words of the name searched for (case folded, on any database) on the light columns of
the matching rows, and the order (organisations by their name in the reader's language, then
family and given names) is worked out on the same light columns, and only the
page's rows are loaded whole, without the encrypted columns the list never shows.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import defer, selectinload

from app.extensions import db
from app.i18n import TranslatedText, country_name
from app.invitations.models import Invitation, InvitationStatus
from app.meetings.models import Organisation
from app.registration.models import Registration
from app.registration.services import organisation_sort_key

PAGE_SIZES = (50, 100)
QUERY_LIMIT = 100  # characters of the name search kept
WORDS_LIMIT = 5


@dataclass(frozen=True)
class Page:
    rows: list[Registration]
    total: int  # registrations matching the filters
    number: int  # this page, from 1
    pages: int  # at least 1
    size: int

    @property
    def first(self) -> int:
        """The position of the page's first row among all matching (1-based; 0 if none)."""
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0

    def around(self, width: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and `width` either side of this one;
        None where numbers are left out."""
        shown = sorted({1, self.pages, *range(max(1, self.number - width),
                                               min(self.pages, self.number + width) + 1)})
        out: list[int | None] = []
        for number in shown:
            if out and number - out[-1] > 1:
                out.append(None)
            out.append(number)
        return out


@dataclass(frozen=True)
class Choice:
    code: str
    label: str  # "Country · name", the name in the reader's language


def delegation_choices(meeting, lang: str) -> list[Choice]:
    """The delegations the list can be filtered by (those that accepted their invitation), in
    the list's order: read in one query of the four columns they need."""
    found = db.session.execute(
        select(Organisation.code, Organisation.country_code, Organisation.name)
        .join(Invitation, Invitation.organisation_id == Organisation.id)
        .where(Invitation.meeting_id == meeting.id,
               Invitation.status == InvitationStatus.ACCEPTED)).all()
    found.sort(key=lambda org: organisation_sort_key(org, lang))
    fallback = meeting.working_language
    return [Choice(org.code, (f"{country_name(org.country_code, lang)} · "
                              if org.country_code else "")
                   + TranslatedText(org.name).resolve(lang, fallback).text) for org in found]


def clean_query(text: str) -> str:
    return " ".join((text or "").split())[:QUERY_LIMIT]


def page_number(value: str | None) -> int:
    """The page asked for: anything but a positive whole number is the first page."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) <= 6 \
        and int(value) > 0 else 1


def registrations_page(meeting, lang: str, *, status: str = "", organisation_id: int | None = None,
                       role: str = "", query: str = "", page: int = 1,
                       size: int = PAGE_SIZES[0]) -> Page:
    """One page of the meeting's registrations matching every filter given; a page beyond
    the last is the last. `query`: words each found in the family, given or native name."""
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    conditions = [Registration.meeting_id == meeting.id]
    if status:
        conditions.append(Registration.status == status)
    if organisation_id:
        conditions.append(Registration.organisation_id == organisation_id)
    if role:
        conditions.append(Registration.role == role)
    light = db.session.execute(
        select(Registration.id, Registration.organisation_id, Registration.family_name,
               Registration.given_names, Registration.native_name)
        .where(and_(*conditions))).all()
    words = clean_query(query).casefold().split()[:WORDS_LIMIT]
    if words:  # in Python: the same Unicode case folding on every database
        light = [row for row in light if all(word in " ".join(
            (row.family_name, row.given_names, row.native_name or "")).casefold()
            for word in words)]
    orgs = {row.organisation_id for row in light}
    order = {org.id: organisation_sort_key(org, lang) for org in db.session.execute(
        select(Organisation.id, Organisation.country_code, Organisation.name)
        .where(Organisation.id.in_(orgs)))} if orgs else {}
    light.sort(key=lambda row: (order[row.organisation_id], row.family_name.casefold(),
                                row.given_names.casefold(), row.id))
    pages = max(1, -(-len(light) // size))
    number = min(max(1, page), pages)
    ids = [row.id for row in light[(number - 1) * size:number * size]]
    loaded = {r.id: r for r in db.session.scalars(
        select(Registration).where(Registration.id.in_(ids)).options(
            selectinload(Registration.organisation), defer(Registration.nationality),
            defer(Registration.passport_number), defer(Registration.birth_date)))} \
        if ids else {}
    return Page(rows=[loaded[i] for i in ids], total=len(light), number=number, pages=pages,
                size=size)
