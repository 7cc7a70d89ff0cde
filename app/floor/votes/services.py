"""Decisions by delegation: the secretariat opens a vote (or an adoption without a vote) under
an agenda item, records each member delegation's vote, closes it, and the result — counted by
the rule the decision needs — flows into the resolution's adoption record and, when asked, into
the item's minutes in the minutes' language.

Who votes: the member delegations of the meeting (MeetingOrganisation with the category
"member"), as they stand when the vote opens. Invited states and international bodies observe.
Counting follows the UN rules of procedure: a majority is of the members "present and voting",
that is casting an affirmative or negative vote; an abstaining delegation is present (it counts
for the quorum) but not voting; a tie is a rejection."""
from __future__ import annotations

from dataclasses import dataclass

import icu
from babel.lists import format_list
from flask_babel import force_locale, get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.agenda.models import AgendaItem
from app.agenda.services import serialize
from app.audit.services import record
from app.errors import DomainError, Problems
from app.extensions import db
from app.floor.votes.models import (
    Ballot,
    Choice,
    Majority,
    Outcome,
    Quorum,
    StatementKind,
    Subject,
    Vote,
    VoteMethod,
    VoteStatement,
    VoteStatus,
)
from app.i18n import LOCALES, TranslatedText, language_name
from app.meetings.models import MeetingOrganisation, Organisation, ParticipationCategory
from app.minutes import services as minutes_services
from app.models_base import utcnow
from app.resolutions import services as resolution_services
from app.resolutions.models import Amendment, AmendmentState, Resolution, ResolutionState
from app.text import paragraphs


class VoteError(DomainError):
    """Bad input, or a step not allowed now, in a vote."""


# --- counting by rule -------------------------------------------------------------------------

@dataclass(frozen=True)
class Count:
    members: int
    yes: int = 0
    no: int = 0
    abstain: int = 0
    absent: int = 0

    @property
    def present(self) -> int:
        """Present at the vote: in favour, against or abstaining (the quorum counts them)."""
        return self.yes + self.no + self.abstain

    @property
    def voting(self) -> int:
        """Present and voting: in favour or against; abstentions are not votes cast."""
        return self.yes + self.no


def quorum_needed(members: int, quorum: Quorum) -> int:
    """How many member delegations must be present for the vote to count."""
    return {Quorum.MAJORITY: members // 2 + 1, Quorum.TWO_THIRDS: -(-2 * members // 3),
            Quorum.ONE_THIRD: -(-members // 3), Quorum.NONE: 0}[Quorum(quorum)]


def needed_to_adopt(voting: int, majority: Majority) -> int:
    """Votes in favour needed among those present and voting (a tie is not enough)."""
    if Majority(majority) == Majority.TWO_THIRDS:
        return max(1, -(-2 * voting // 3))
    return voting // 2 + 1


def decide(count: Count, majority: Majority, quorum: Quorum) -> Outcome:
    """The outcome of a vote by rule: no quorum, else adopted when the votes in favour reach
    the majority of those present and voting, else rejected (a tie too)."""
    if count.present < quorum_needed(count.members, quorum):
        return Outcome.NO_QUORUM
    if count.voting and count.yes >= needed_to_adopt(count.voting, majority):
        return Outcome.ADOPTED
    return Outcome.REJECTED


def count_of(vote: Vote) -> Count:
    """The vote's counts: stored once closed, else counted from the votes recorded so far."""
    if vote.status == VoteStatus.CLOSED and vote.yes is not None:
        return Count(vote.members, vote.yes, vote.no, vote.abstain, vote.absent)
    tally = {choice: 0 for choice in Choice}
    for ballot in vote.ballots:
        tally[ballot.choice] += 1
    return Count(len(vote.call_order or []), tally[Choice.YES], tally[Choice.NO],
                 tally[Choice.ABSTAIN], tally[Choice.ABSENT])


# --- who votes --------------------------------------------------------------------------------

def voting_members(meeting) -> list[Organisation]:
    """The member delegations of the meeting: they vote; the others observe."""
    return list(db.session.scalars(
        select(Organisation).join(MeetingOrganisation,
                                  MeetingOrganisation.organisation_id == Organisation.id)
        .where(MeetingOrganisation.meeting_id == meeting.id,
               MeetingOrganisation.category == ParticipationCategory.MEMBER)))


def delegation_name(organisation: Organisation, lang: str) -> str:
    return TranslatedText(organisation.name).resolve(lang).text


def alphabetical(organisations: list[Organisation], lang: str) -> list[Organisation]:
    collator = icu.Collator.createInstance(icu.Locale(lang))
    return sorted(organisations, key=lambda org: collator.getSortKey(delegation_name(org, lang)))


def _call_order(meeting, members: list[Organisation], order: list[int] | None) -> list[int]:
    """The order of calling: `order` (the roll call's order of precedence, given by the
    caller) for the members it names, the rest alphabetically in the meeting's language."""
    known = {org.id for org in members}
    first = [org_id for org_id in dict.fromkeys(order or []) if org_id in known]
    rest = [org.id for org in alphabetical(members, meeting.working_language)
            if org.id not in first]
    return first + rest


# --- reading ----------------------------------------------------------------------------------

def votes_of(meeting, *, closed_only: bool) -> list[Vote]:
    query = select(Vote).where(Vote.meeting_id == meeting.id)
    if closed_only:
        query = query.where(Vote.status == VoteStatus.CLOSED)
    return list(db.session.scalars(query.order_by(Vote.number.desc())))


def by_number(meeting, number: int) -> Vote | None:
    return db.session.scalar(select(Vote).where(Vote.meeting_id == meeting.id,
                                                Vote.number == number))


def open_vote_of(meeting) -> Vote | None:
    return db.session.scalar(select(Vote).where(Vote.meeting_id == meeting.id,
                                                Vote.status == VoteStatus.OPEN))


@dataclass(frozen=True)
class Row:
    """A member delegation in the order called, with its vote (None: not yet heard)."""

    position: int
    organisation: Organisation
    choice: Choice | None


def roll(vote: Vote) -> list[Row]:
    ballots = {b.organisation_id: b for b in vote.ballots}
    orgs = {o.id: o for o in db.session.scalars(
        select(Organisation).where(Organisation.id.in_(vote.call_order or [])))}
    return [Row(position, orgs[org_id],
                ballots[org_id].choice if org_id in ballots else None)
            for position, org_id in enumerate(vote.call_order or [], start=1) if org_id in orgs]


def item_number(vote: Vote) -> str:
    for block in serialize(vote.meeting)["sessions"]:
        for item in block["items"]:
            for found in (item, *item["children"]):
                if found["id"] == vote.item_id:
                    return str(found["number"])
    return ""


# --- opening, voting, closing -----------------------------------------------------------------

def _enum(problems: Problems, kind, value, field: str, message: str):
    try:
        return kind(value)
    except ValueError:
        problems.add(message, field)
        return None


def _item(meeting, item_id) -> AgendaItem | None:
    item = db.session.get(AgendaItem, int(item_id)) if str(item_id or "").isdigit() else None
    return item if item is not None and item.meeting_id == meeting.id else None


def open_vote(meeting, *, item_id, subject: str, method: str, majority: str, quorum: str,
              resolution_id=None, amendment_id=None, motion: str = "", language: str = "en",
              order: list[int] | None = None, actor=None) -> Vote:
    """Put a question to the member delegations; one vote is open at a time per meeting."""
    problems = Problems(VoteError)
    item = _item(meeting, item_id)
    if item is None:
        problems.add(_("Choose an item of the agenda."), "item_id")
    subject_value = _enum(problems, Subject, subject, "subject", _("Choose what is decided."))
    method_value = _enum(problems, VoteMethod, method, "method",
                         _("Choose a recorded vote, a roll-call vote or adoption without a "
                           "vote."))
    majority_value = _enum(problems, Majority, majority, "majority",
                           _("Choose the majority from the list."))
    quorum_value = _enum(problems, Quorum, quorum, "quorum", _("Choose the quorum from the list."))
    if method_value and majority_value and (
            (method_value == VoteMethod.CONSENSUS) != (majority_value == Majority.CONSENSUS)):
        problems.add(_("Adoption without a vote needs consensus; a recorded or roll-call vote "
                       "needs a simple or two-thirds majority."), "majority")
    resolution, amendment, words = None, None, TranslatedText()
    if subject_value == Subject.RESOLUTION:
        resolution = _resolution(meeting, resolution_id)
        if resolution is None:
            problems.add(_("Choose a resolution of this meeting."), "resolution_id")
        elif resolution.state != ResolutionState.TABLED:
            problems.add(_("Only a tabled resolution can be put to the vote."), "resolution_id")
        elif resolution.proposed_amendments():  # they are voted on first
            problems.add(_("Decide on every proposed amendment first."), "resolution_id")
    elif subject_value == Subject.AMENDMENT:
        amendment = _amendment(meeting, amendment_id)
        if amendment is None:
            problems.add(_("Choose a proposed amendment of a resolution of this meeting."),
                         "amendment_id")
        else:
            resolution = amendment.resolution
    if language not in LOCALES:
        problems.add(_("Choose one of the languages of the application."), "language")
    text = problems.check(paragraphs, motion, "motion", limit=2000,
                          required=subject_value == Subject.MOTION, error=VoteError)
    if text and language in LOCALES:
        words = TranslatedText({language: text})
    members = voting_members(meeting)
    if not members:
        problems.add(_("The meeting has no member delegations: nobody can vote."))
    if open_vote_of(meeting) is not None:
        problems.add(_("Another vote is open at this meeting; close it first."))
    problems.raise_if_any()
    number = (db.session.scalar(select(func.max(Vote.number))
                                .where(Vote.meeting_id == meeting.id)) or 0) + 1
    vote = Vote(meeting_id=meeting.id, number=number, item_id=item.id, subject=subject_value,
                resolution_id=resolution.id if resolution else None,
                amendment_id=amendment.id if amendment else None, motion=words,
                method=method_value, majority=majority_value, quorum=quorum_value,
                call_order=_call_order(meeting, members, order),
                opened_by_id=getattr(actor, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(vote)
    except IntegrityError as exc:  # a parallel opening took the number or the open slot
        raise VoteError(_("Another vote is open at this meeting; close it first.")) from exc
    record("votes.opened", vote, meeting=meeting, actor=actor, number=number,
           subject=subject_value.value, method=method_value.value,
           majority=majority_value.value, quorum=quorum_value.value)
    return vote


def _resolution(meeting, resolution_id) -> Resolution | None:
    found = db.session.get(Resolution, int(resolution_id)) \
        if str(resolution_id or "").isdigit() else None
    return found if found is not None and found.meeting_id == meeting.id else None


def _amendment(meeting, amendment_id) -> Amendment | None:
    found = db.session.get(Amendment, int(amendment_id)) \
        if str(amendment_id or "").isdigit() else None
    if found is None or found.resolution.meeting_id != meeting.id:
        return None
    if found.state != AmendmentState.PROPOSED or found.resolution.locked:
        return None
    return found


def _locked(vote: Vote) -> Vote:
    """The vote, re-read under a row lock: votes and the closing queue behind each other."""
    db.session.execute(select(Vote.id).where(Vote.id == vote.id).with_for_update())
    db.session.refresh(vote)
    return vote


def _member_or_error(vote: Vote, organisation_id, field: str = "organisation_id"
                     ) -> Organisation:
    org = db.session.get(Organisation, int(organisation_id)) \
        if str(organisation_id or "").isdigit() else None
    if org is not None and org.id in (vote.call_order or []):
        return org
    taking_part = org is not None and db.session.scalar(
        select(MeetingOrganisation.id).where(MeetingOrganisation.meeting_id == vote.meeting_id,
                                             MeetingOrganisation.organisation_id == org.id))
    if taking_part:
        raise VoteError(_("%(delegation)s is not a member delegation of this meeting: it "
                          "observes and does not vote.",
                          delegation=delegation_name(org, _lang())), field)
    raise VoteError(_("Choose a member delegation of this meeting."), field)


def _lang() -> str:
    locale = get_locale()
    return str(locale) if locale else "en"


def cast(vote: Vote, organisation_id, choice: str, *, actor=None) -> Ballot:
    """Record one member delegation's vote, once; never in a closed vote."""
    vote = _locked(vote)
    if vote.status == VoteStatus.CLOSED:
        raise VoteError(_("This vote is closed: no more votes can be recorded."))
    if vote.method == VoteMethod.CONSENSUS:
        raise VoteError(_("This decision is taken without a vote: no votes are recorded."))
    problems = Problems(VoteError)
    org = problems.check(_member_or_error, vote, organisation_id)
    choice_value = _enum(problems, Choice, choice, "choice",
                         _("Choose yes, no, abstention or absent."))
    problems.raise_if_any()
    if any(b.organisation_id == org.id for b in vote.ballots):
        raise _already(org)
    ballot = Ballot(vote_id=vote.id, organisation_id=org.id, choice=choice_value,
                    cast_by_id=getattr(actor, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(ballot)
    except IntegrityError as exc:  # a parallel request recorded it first
        raise _already(org) from exc
    record("votes.cast", vote, meeting=vote.meeting, actor=actor, number=vote.number,
           delegation=org.code, choice=choice_value.value)
    return ballot


def _already(org: Organisation) -> VoteError:
    return VoteError(_("%(delegation)s has already voted in this vote.",
                       delegation=delegation_name(org, _lang())), "organisation_id")


def close(vote: Vote, *, outcome: str | None = None, actor=None) -> Vote:
    """Close the vote: the delegations not heard are absent, the outcome is counted by rule
    (adoption without a vote: the chair declares it), and it flows into the resolution."""
    vote = _locked(vote)
    if vote.status == VoteStatus.CLOSED:
        raise VoteError(_("This vote is already closed."))
    if vote.method == VoteMethod.CONSENSUS:
        if outcome not in (Outcome.ADOPTED.value, Outcome.NO_CONSENSUS.value):
            raise VoteError(_("Say whether the decision was adopted without a vote or no "
                              "consensus was reached."), "outcome")
        vote.outcome = Outcome(outcome)
    else:
        heard = {b.organisation_id for b in vote.ballots}
        for org_id in vote.call_order or []:
            if org_id not in heard:
                db.session.add(Ballot(vote_id=vote.id, organisation_id=org_id,
                                      choice=Choice.ABSENT, cast_by_id=getattr(actor, "id", None)))
        db.session.flush()
        db.session.refresh(vote)
        count = count_of(vote)
        vote.members, vote.yes, vote.no = count.members, count.yes, count.no
        vote.abstain, vote.absent = count.abstain, count.absent
        vote.outcome = decide(count, vote.majority, vote.quorum)
    vote.status, vote.closed_at = VoteStatus.CLOSED, utcnow()
    vote.closed_by_id = getattr(actor, "id", None)
    db.session.flush()
    _into_resolution(vote)
    record("votes.closed", vote, meeting=vote.meeting, actor=actor, number=vote.number,
           outcome=vote.outcome.value, yes=vote.yes, no=vote.no, abstain=vote.abstain,
           absent=vote.absent)
    return vote


def _into_resolution(vote: Vote) -> None:
    """An adopted or rejected resolution or amendment takes the vote's result as its decision
    (no quorum or no consensus decides nothing: it stays before the meeting)."""
    if vote.outcome not in (Outcome.ADOPTED, Outcome.REJECTED) or vote.resolution is None:
        return
    resolution = vote.resolution
    counts = {} if vote.method == VoteMethod.CONSENSUS else {
        "votes_for": vote.yes, "votes_against": vote.no, "votes_abstaining": vote.abstain}
    try:
        if vote.subject == Subject.AMENDMENT:
            resolution_services.decide_amendment(resolution, vote.amendment_id,
                                                 vote.outcome == Outcome.ADOPTED)
        elif vote.outcome == Outcome.ADOPTED:
            resolution_services.adopt(
                resolution, method="consensus" if vote.method == VoteMethod.CONSENSUS
                else "vote", record_text=decision_text(vote, resolution.original_language),
                **counts)
        else:
            resolution_services.reject(
                resolution, record_text=decision_text(vote, resolution.original_language),
                **counts)
    except resolution_services.ResolutionError as error:
        raise VoteError(error.message) from error


def add_statement(vote: Vote, organisation_id, *, kind: str, language: str, text: str,
                  actor=None) -> VoteStatement:
    """An explanation of vote or a reservation of a member delegation, as delivered."""
    problems = Problems(VoteError)
    org = problems.check(_member_or_error, vote, organisation_id)
    kind_value = _enum(problems, StatementKind, kind, "kind",
                       _("Choose an explanation of vote or a reservation."))
    if language not in LOCALES:
        problems.add(_("Choose one of the languages of the application."), "language")
    words = problems.check(paragraphs, text, "text", limit=4000, required=True,
                           error=VoteError)
    problems.raise_if_any()
    statement = VoteStatement(vote_id=vote.id, organisation_id=org.id, kind=kind_value,
                              language=language, text=words,
                              created_by_id=getattr(actor, "id", None))
    vote.statements.append(statement)
    db.session.flush()
    record("votes.statement_added", vote, meeting=vote.meeting, actor=actor,
           number=vote.number, delegation=org.code, kind=kind_value.value, language=language)
    return statement


# --- the decision's text, in any language -----------------------------------------------------

def subject_text(vote: Vote, lang: str) -> str:
    """What was decided, in `lang` (call under force_locale(lang))."""
    if vote.subject == Subject.RESOLUTION and vote.resolution is not None:
        text = vote.resolution.text_in(lang) or vote.resolution.text_in(
            vote.resolution.original_language)
        return _("Resolution %(symbol)s, %(title)s", symbol=vote.resolution.symbol,
                 title=text.title if text else "")
    if vote.subject == Subject.AMENDMENT and vote.amendment is not None:
        by = vote.amendment.proposed_by
        if by is None:
            return _("Amendment to resolution %(symbol)s", symbol=vote.resolution.symbol)
        return _("Amendment to resolution %(symbol)s proposed by %(delegation)s",
                 symbol=vote.resolution.symbol, delegation=delegation_name(by, lang))
    if vote.subject == Subject.MOTION:
        return _("Motion “%(text)s”", text=TranslatedText(vote.motion).resolve(lang).text)
    title = TranslatedText(vote.item.title).resolve(lang, vote.meeting.working_language).text
    return _("Decision on item %(number)s, %(title)s", number=item_number(vote), title=title)


def counts_text(vote: Vote, lang: str) -> str:
    count = count_of(vote)
    parts = [ngettext("%(num)d vote in favour", "%(num)d votes in favour", count.yes),
             ngettext("%(num)d vote against", "%(num)d votes against", count.no),
             ngettext("%(num)d abstention", "%(num)d abstentions", count.abstain)]
    if count.absent:
        parts.append(ngettext("%(num)d delegation absent", "%(num)d delegations absent",
                              count.absent))
    return format_list(parts, locale=lang)


def decision_text(vote: Vote, lang: str) -> str:
    """One sentence: what was decided, how, and with which counts, in `lang`."""
    with force_locale(lang):
        subject = subject_text(vote, lang)
        if vote.method == VoteMethod.CONSENSUS:
            if vote.outcome == Outcome.ADOPTED:
                return _("%(subject)s: adopted without a vote.", subject=subject)
            return _("%(subject)s: no consensus was reached; no decision was taken.",
                     subject=subject)
        if vote.outcome is None:
            return _("%(subject)s: %(method)s under way (%(counts)s).", subject=subject,
                     method=vote.method.label, counts=counts_text(vote, lang))
        return _("%(subject)s: %(outcome)s (%(method)s; %(counts)s).", subject=subject,
                 outcome=vote.outcome.label, method=vote.method.label,
                 counts=counts_text(vote, lang))


def rule_text(vote: Vote, lang: str) -> str:
    with force_locale(lang):
        if vote.method == VoteMethod.CONSENSUS:
            return _("Majority required: %(majority)s.", majority=vote.majority.label)
        count = count_of(vote)
        return ngettext(
            "Majority required: %(majority)s. Quorum: %(quorum)s (%(needed)d of %(num)d "
            "member delegation); %(present)d present.",
            "Majority required: %(majority)s. Quorum: %(quorum)s (%(needed)d of %(num)d "
            "member delegations); %(present)d present.", count.members,
            majority=vote.majority.label, quorum=vote.quorum.label,
            needed=quorum_needed(count.members, vote.quorum), present=count.present)


def minutes_text(vote: Vote, lang: str) -> str:
    """The decision with its count, the votes by delegation in the order called and the
    explanations of vote, as Markdown in `lang`."""
    with force_locale(lang):
        lines = [decision_text(vote, lang), "", rule_text(vote, lang)]
        rows = roll(vote) if vote.method != VoteMethod.CONSENSUS else []
        if rows:
            lines += ["", _("Votes by delegation:"), ""]
            lines += ["- " + _("%(delegation)s: %(choice)s",
                               delegation=delegation_name(row.organisation, lang),
                               choice=row.choice.label if row.choice else _("not yet heard"))
                      for row in rows]
        if vote.statements:
            lines += ["", _("Explanations of vote and reservations:"), ""]
            for statement in vote.statements:
                lines.append("- " + _("%(delegation)s (%(kind)s, in %(language)s): %(text)s",
                                      delegation=delegation_name(statement.organisation, lang),
                                      kind=statement.kind.label,
                                      language=language_name(statement.language, lang),
                                      text=" ".join(statement.text.split())))
        return "\n".join(lines)


def offer_to_minutes(vote: Vote, *, actor=None) -> str:
    """Add the decision to the item's decisions and the full text at the end of the item's
    minutes, in the minutes' language (once). Returns that language."""
    if vote.status != VoteStatus.CLOSED:
        raise VoteError(_("Close the vote before putting it into the minutes."))
    if vote.minutes_language:
        raise VoteError(_("This vote is already in the minutes."))
    meeting = vote.meeting
    minutes = minutes_services.minutes_of(meeting)
    language = minutes.original_language
    entry = next((e for e in minutes.entries
                  if e.item_id == vote.item_id and e.language == language), None)
    body = entry.body if entry else ""
    try:
        minutes_services.add_decision(meeting, vote.item_id, decision_text(vote, language))
        minutes_services.save_entry(
            minutes, vote.item_id, language,
            body=f"{body}\n\n{minutes_text(vote, language)}".strip(),
            status=entry.status.value if entry else "draft",
            version=entry.version if entry else 0, author=actor)
    except minutes_services.MinutesError as error:
        raise VoteError(error.message) from error
    except minutes_services.StaleEdit as error:
        raise VoteError(_("The item's minutes changed meanwhile; try again.")) from error
    vote.minutes_language = language
    record("votes.to_minutes", vote, meeting=meeting, actor=actor, number=vote.number,
           language=language)
    return language
