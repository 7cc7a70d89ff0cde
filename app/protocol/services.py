"""The order of precedence of a meeting's delegations, and the protocol choices behind it.

The host comes first. The other states follow in the order of the rule the secretariat chose:
alphabetical (ICU collation) by their names in English, in French or in the host's language,
or in English alphabetical order starting from a letter drawn by lot (the practice of the
United Nations General Assembly). International bodies come after the states, in alphabetical
order of their names in the rule's language (English for a lot).
"""
from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

import icu
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.audit.services import record
from app.errors import DomainError
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, country_name
from app.invitations.models import Invitation, InvitationStatus
from app.meetings.models import MeetingOrganisation, Organisation
from app.models_base import utcnow
from app.protocol.models import (
    Paper,
    PrecedenceLot,
    PrecedenceRule,
    ProtocolSettings,
    SeatingLayout,
)


class ProtocolError(DomainError):
    """A protocol choice that cannot be made."""


@dataclass(frozen=True)
class Delegation:
    """One place in the order of precedence."""

    position: int
    organisation: Organisation
    name: str        # in the language asked for
    own_name: str    # the delegation's name in its own language ("" when the same)
    own_lang: str
    agency: str      # the organisation's own name in its language ("" when the same)
    is_host: bool

    @property
    def is_body(self) -> bool:
        return self.organisation.country_code is None


def settings_of(meeting) -> ProtocolSettings:
    """The meeting's choices; the defaults (English, hollow square, A3) until one is made."""
    found = db.session.scalar(select(ProtocolSettings).where(
        ProtocolSettings.meeting_id == meeting.id))
    return found or ProtocolSettings(meeting_id=meeting.id, rule=PrecedenceRule.ENGLISH,
                                     layout=SeatingLayout.HOLLOW_SQUARE, paper=Paper.A3)


def _stored_settings(meeting) -> ProtocolSettings:
    found = db.session.scalar(select(ProtocolSettings).where(
        ProtocolSettings.meeting_id == meeting.id).with_for_update())
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            found = ProtocolSettings(meeting_id=meeting.id, rule=PrecedenceRule.ENGLISH,
                                     layout=SeatingLayout.HOLLOW_SQUARE, paper=Paper.A3)
            db.session.add(found)
            db.session.flush()
    except IntegrityError:  # made by another request at the same moment
        found = db.session.scalar(select(ProtocolSettings).where(
            ProtocolSettings.meeting_id == meeting.id))
    return found


def rule_language(meeting, rule: PrecedenceRule) -> str:
    if rule == PrecedenceRule.FRENCH:
        return "fr"
    if rule == PrecedenceRule.HOST_LANGUAGE:
        language = meeting.host.language if meeting.host else meeting.working_language
        return language if language in LOCALES else meeting.working_language
    return "en"


def delegation_name(organisation: Organisation, lang: str) -> str:
    """A state by its country's name (CLDR); an international body by its short name or
    acronym (what stands on its name plate), else its full name."""
    if organisation.country_code:
        return country_name(organisation.country_code, lang)
    short = TranslatedText(organisation.short_name or {}).resolve(lang, "en").text
    return short or organisation.acronym or \
        TranslatedText(organisation.name).resolve(lang, organisation.language).text


def _collator(lang: str):
    return icu.Collator.createInstance(icu.Locale(lang))


def attending(meeting) -> list[Organisation]:
    """The organisations taking part in the meeting, without those that declined."""
    declined = select(Invitation.organisation_id).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.DECLINED)
    return list(db.session.scalars(
        select(Organisation).join(MeetingOrganisation)
        .where(MeetingOrganisation.meeting_id == meeting.id,
               Organisation.id.not_in(declined))))


def current_lot(meeting) -> PrecedenceLot | None:
    return db.session.scalar(select(PrecedenceLot).where(PrecedenceLot.meeting_id == meeting.id)
                             .order_by(PrecedenceLot.number.desc()).limit(1))


def lots(meeting) -> list[PrecedenceLot]:
    """Every lot drawn for the meeting, the latest (the one that counts) first."""
    return list(db.session.scalars(
        select(PrecedenceLot).where(PrecedenceLot.meeting_id == meeting.id)
        .options(selectinload(PrecedenceLot.drawn_by))
        .order_by(PrecedenceLot.number.desc())))


def ordered(meeting, organisations: list[Organisation], rule: PrecedenceRule,
            letter: str | None = None) -> list[Organisation]:
    """The organisations in order of precedence under `rule` (and the drawn `letter`)."""
    lang = rule_language(meeting, rule)
    collator = _collator(lang)

    def key(org):
        return collator.getSortKey(delegation_name(org, lang))

    host = [o for o in organisations if meeting.host_organisation_id == o.id]
    states = sorted((o for o in organisations if o not in host and o.country_code), key=key)
    bodies = sorted((o for o in organisations if o not in host and not o.country_code), key=key)
    if rule == PrecedenceRule.LOT and letter:
        start = collator.getSortKey(letter)
        first = next((i for i, org in enumerate(states) if key(org) >= start), len(states))
        states = states[first:] + states[:first]
    return host + states + bodies


def precedence(meeting, lang: str, rule: PrecedenceRule | None = None) -> list[Delegation]:
    """The meeting's order of precedence, names in `lang`."""
    rule = rule or settings_of(meeting).rule
    lot = current_lot(meeting) if rule == PrecedenceRule.LOT else None
    orgs = ordered(meeting, attending(meeting), rule, lot.letter if lot else None)
    return [_delegation(meeting, position, org, lang) for position, org in enumerate(orgs, 1)]


def _delegation(meeting, position: int, org: Organisation, lang: str) -> Delegation:
    own_lang = org.language if org.language in LOCALES else "en"
    name = delegation_name(org, lang)
    own = delegation_name(org, own_lang)
    if org.country_code:  # its agency's short name, else its name, written in its language
        agency = (org.short_name or {}).get(own_lang) or (org.name or {}).get(own_lang) or ""
    else:
        agency = TranslatedText(org.name).resolve(own_lang, "en").text
    own = "" if own == name else own
    agency = "" if agency in (name, own) else agency
    return Delegation(position, org, name, own, own_lang, agency,
                      meeting.host_organisation_id == org.id)


def set_rule(meeting, rule: str, *, actor) -> ProtocolSettings:
    try:
        chosen = PrecedenceRule(rule)
    except ValueError:
        raise ProtocolError(_("Choose one of the rules offered."), "rule") from None
    if chosen == PrecedenceRule.LOT and current_lot(meeting) is None:
        raise ProtocolError(_("No lot has been drawn for this meeting yet: draw one first."),
                            "rule")
    settings = _stored_settings(meeting)
    before = settings.rule
    settings.rule = chosen
    settings.updated_at = utcnow()
    record("protocol.rule_changed", settings, meeting=meeting, actor=actor,
           before=getattr(before, "value", before), after=chosen.value)
    return settings


def draw_lot(meeting, *, actor, redraw: bool = False,
             letter: str | None = None) -> PrecedenceLot:
    """Draw a letter by lot (`letter` only from tests and the demo, to be reproducible), keep it
    with who drew it, and make the lot the meeting's rule. A lot already drawn is drawn again
    only when `redraw` says so."""
    previous = current_lot(meeting)
    if previous is not None and not redraw:
        raise ProtocolError(_("A lot has already been drawn (letter %(letter)s). To draw "
                              "again, tick the box that confirms it.", letter=previous.letter),
                            "redraw")
    letter = letter or secrets.choice(string.ascii_uppercase)
    if len(letter) != 1 or letter not in string.ascii_uppercase:
        raise ProtocolError(_("The letter must be one of A to Z."), "letter")
    orgs = ordered(meeting, attending(meeting), PrecedenceRule.LOT, letter)
    number = (db.session.scalar(select(func.max(PrecedenceLot.number)).where(
        PrecedenceLot.meeting_id == meeting.id)) or 0) + 1
    lot = PrecedenceLot(meeting_id=meeting.id, number=number, letter=letter,
                        drawn_by_id=getattr(actor, "id", None),
                        drawn_by_label=getattr(actor, "name", "") or "",
                        order=[org.code for org in orgs])
    try:
        with db.session.begin_nested():
            db.session.add(lot)
            db.session.flush()
    except IntegrityError:
        raise ProtocolError(_("Someone else drew a lot at the same moment. Reload the page to "
                              "see it.")) from None
    settings = _stored_settings(meeting)
    settings.rule = PrecedenceRule.LOT
    settings.updated_at = utcnow()
    record("protocol.lot_drawn", lot, meeting=meeting, actor=actor, letter=letter,
           number=number, previous=previous.letter if previous else None)
    return lot


def lot_order(meeting, lot: PrecedenceLot) -> list[str]:
    """The order `lot` gives today, as organisation codes: the same as kept when it was drawn
    while the delegations are the same."""
    return [org.code for org in ordered(meeting, attending(meeting), PrecedenceRule.LOT,
                                        lot.letter)]


def set_seating(meeting, layout: str, paper: str, *, actor) -> ProtocolSettings:
    errors = []
    try:
        chosen_layout = SeatingLayout(layout)
    except ValueError:
        chosen_layout = None
        errors.append((_("Choose one of the layouts offered."), "layout"))
    try:
        chosen_paper = Paper(paper)
    except ValueError:
        chosen_paper = None
        errors.append((_("Choose A3 or A4."), "paper"))
    if errors:
        raise ProtocolError(errors=errors)
    settings = _stored_settings(meeting)
    settings.layout, settings.paper = chosen_layout, chosen_paper
    settings.updated_at = utcnow()
    record("protocol.seating_changed", settings, meeting=meeting, actor=actor,
           layout=chosen_layout.value, paper=chosen_paper.value)
    return settings
