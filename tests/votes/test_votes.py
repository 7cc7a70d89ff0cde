"""Votes by member delegation: who may vote, once, while the vote is open (the services and
the database both refuse), and the result flowing into the resolution's adoption record and
the item's minutes in the minutes' language."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.floor.votes import services
from app.floor.votes.models import Ballot, Choice, Outcome, Vote, VoteStatus
from app.minutes.models import Decision
from app.resolutions import services as resolution_services
from app.resolutions.models import AmendmentState, ResolutionState
from tests.votes.helpers import (
    first_item,
    meeting_of,
    members,
    observer,
    open_on_resolution,
    tabled_resolution,
)


def _cast_all(vote, choices):
    for org, choice in zip(members(vote.meeting), choices, strict=False):
        services.cast(vote, org.id, choice)


def test_recorded_vote_adopts_the_resolution_with_its_counts(app, db, demo):
    meeting = meeting_of(demo)
    resolution = tabled_resolution(meeting)
    vote = open_on_resolution(meeting, resolution)
    orgs = members(meeting)
    _cast_all(vote, ["yes", "yes", "yes", "no", "abstain"])
    services.close(vote)
    db.session.commit()
    assert vote.outcome == Outcome.ADOPTED
    assert (vote.yes, vote.no, vote.abstain, vote.absent) == (3, 1, 1, len(orgs) - 5)
    assert resolution.state == ResolutionState.ADOPTED
    assert (resolution.votes_for, resolution.votes_against, resolution.votes_abstaining) \
        == (3, 1, 1)
    absent = len(orgs) - 5
    assert resolution.record.endswith(": Adopted (Recorded vote; 3 votes in favour, 1 vote "
                                      f"against, 1 abstention, and {absent} delegations absent).")
    assert len(vote.ballots) == len(orgs)  # the delegations not heard are recorded absent


def test_two_thirds_not_reached_rejects_the_resolution(app, db, demo):
    meeting = meeting_of(demo)
    resolution = tabled_resolution(meeting)
    vote = open_on_resolution(meeting, resolution, majority="two_thirds")
    _cast_all(vote, ["yes", "yes", "yes", "no", "no"])  # 60 % of those voting
    services.close(vote)
    db.session.commit()
    assert vote.outcome == Outcome.REJECTED
    assert resolution.state == ResolutionState.REJECTED and resolution.votes_for == 3


def test_without_quorum_nothing_is_decided(app, db, demo):
    meeting = meeting_of(demo)
    resolution = tabled_resolution(meeting)
    vote = open_on_resolution(meeting, resolution)
    _cast_all(vote, ["yes", "yes"])
    services.close(vote)
    db.session.commit()
    assert vote.outcome == Outcome.NO_QUORUM
    assert resolution.state == ResolutionState.TABLED


def test_adoption_without_a_vote(app, db, demo):
    meeting = meeting_of(demo)
    resolution = tabled_resolution(meeting)
    vote = open_on_resolution(meeting, resolution, method="consensus", majority="consensus")
    with pytest.raises(services.VoteError):
        services.cast(vote, members(meeting)[0].id, "yes")
    with pytest.raises(services.VoteError):
        services.close(vote, outcome="rejected")
    services.close(vote, outcome="adopted")
    db.session.commit()
    assert resolution.state == ResolutionState.ADOPTED
    assert resolution.adoption_method.value == "consensus"
    assert services.decision_text(vote, "en").endswith(": adopted without a vote.")
    assert resolution.record == services.decision_text(vote, "en")


def test_amendment_vote_decides_the_amendment(app, db, demo):
    meeting = meeting_of(demo)
    resolution = tabled_resolution(meeting)
    paragraph = resolution.paragraphs[0]
    amendment = resolution_services.propose_amendment(
        resolution, paragraph_id=paragraph.id, language="en",
        text="*Agrees* to protect and assist victims;", organisation_id=members(meeting)[1].id)
    vote = services.open_vote(meeting, item_id=first_item(meeting).id, subject="amendment",
                              amendment_id=amendment.id, method="roll_call",
                              majority="simple", quorum="majority",
                              order=[o.id for o in reversed(members(meeting))])
    assert vote.call_order[0] == members(meeting)[-1].id  # the order given for the roll call
    _cast_all(vote, ["yes"] * 6)
    services.close(vote)
    db.session.commit()
    assert amendment.state == AmendmentState.ACCEPTED
    assert paragraph.text["en"] == "*Agrees* to protect and assist victims;"


def test_observers_and_second_votes_are_refused_with_a_message(app, db, demo):
    meeting = meeting_of(demo)
    vote = open_on_resolution(meeting, tabled_resolution(meeting))
    watcher = observer(meeting)
    with pytest.raises(services.VoteError, match="observes and does not vote"):
        services.cast(vote, watcher.id, "yes")
    member = members(meeting)[0]
    services.cast(vote, member.id, "no")
    with pytest.raises(services.VoteError, match="has already voted"):
        services.cast(vote, member.id, "yes")
    with pytest.raises(services.VoteError, match="Choose yes, no"):
        services.cast(vote, members(meeting)[1].id, "maybe")
    db.session.commit()
    assert [b.choice for b in vote.ballots] == [Choice.NO]


def test_a_closed_vote_takes_no_more_votes(app, db, demo):
    meeting = meeting_of(demo)
    vote = open_on_resolution(meeting, tabled_resolution(meeting))
    services.close(vote)
    db.session.commit()
    with pytest.raises(services.VoteError, match="closed"):
        services.cast(vote, members(meeting)[0].id, "yes")
    with pytest.raises(services.VoteError, match="already closed"):
        services.close(vote)


def test_bad_opening_reports_every_problem_and_saves_nothing(app, db, demo):
    meeting = meeting_of(demo)
    with pytest.raises(services.VoteError) as caught:
        services.open_vote(meeting, item_id="x", subject="motion", motion="",
                           method="recorded", majority="three_quarters", quorum="all")
    fields = {field for _message, field in caught.value.errors}
    assert {"item_id", "majority", "quorum", "motion"} <= fields
    assert "Choose the majority from the list." in caught.value.message
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Vote)) == 1  # the demo's only


def test_only_one_vote_open_at_a_time(app, db, demo):
    meeting = meeting_of(demo)
    open_on_resolution(meeting, tabled_resolution(meeting))
    with pytest.raises(services.VoteError, match="Another vote is open"):
        services.open_vote(meeting, item_id=first_item(meeting).id, subject="motion",
                           motion="To adjourn", method="recorded", majority="simple",
                           quorum="none")


def test_the_database_refuses_what_the_service_refuses(app, db, demo):
    """Written past the services: a second ballot, a ballot of an observer, a ballot in a
    closed vote (the triggers of migration b21votes), a second open vote."""
    meeting = meeting_of(demo)
    vote = open_on_resolution(meeting, tabled_resolution(meeting))
    member, watcher = members(meeting)[0], observer(meeting)
    db.session.commit()
    attempts = [
        [Ballot(vote_id=vote.id, organisation_id=member.id, choice=Choice.YES),
         Ballot(vote_id=vote.id, organisation_id=member.id, choice=Choice.NO)],
        [Ballot(vote_id=vote.id, organisation_id=watcher.id, choice=Choice.YES)],
        [Vote(meeting_id=meeting.id, number=99, item_id=vote.item_id, subject="motion",
              method="recorded", majority="simple", quorum="none", call_order=[])],
    ]
    for rows in attempts:
        with pytest.raises(IntegrityError):
            for row in rows:
                db.session.add(row)
                db.session.flush()
        db.session.rollback()
    services.close(vote)
    db.session.commit()
    other = members(meeting)[1]
    with pytest.raises(IntegrityError):
        db.session.add(Ballot(vote_id=vote.id, organisation_id=other.id, choice=Choice.YES))
        db.session.flush()
    db.session.rollback()
    with pytest.raises(IntegrityError):  # nor changed afterwards
        db.session.execute(text("UPDATE floor_ballot SET choice = 'yes' WHERE vote_id = :v"),
                           {"v": vote.id})
    db.session.rollback()


def test_result_goes_into_the_minutes_in_their_language(app, db, demo):
    meeting = meeting_of(demo)
    vote = open_on_resolution(meeting, tabled_resolution(meeting))
    orgs = members(meeting)
    _cast_all(vote, ["yes", "yes", "yes", "yes", "no"])
    services.add_statement(vote, orgs[3].id, kind="explanation", language="fr",
                           text="Nous avons voté pour, sous réserve du paragraphe 1.")
    services.close(vote)
    language = services.offer_to_minutes(vote)
    db.session.commit()
    from app.minutes.services import minutes_of

    minutes = minutes_of(meeting)
    assert language == minutes.original_language
    entry = next(e for e in minutes.entries
                 if e.item_id == vote.item_id and e.language == language)
    with app.test_request_context():
        expected = services.minutes_text(vote, language)
    assert entry.body.endswith(expected)
    assert "Nous avons voté pour" in entry.body
    for org in orgs:
        assert services.delegation_name(org, language) in entry.body
    decision = db.session.scalar(select(Decision).where(Decision.item_id == vote.item_id)
                                 .order_by(Decision.id.desc()))
    assert "4 votes in favour" in decision.text or language != "en"
    with pytest.raises(services.VoteError, match="already in the minutes"):
        services.offer_to_minutes(vote)


@pytest.mark.parametrize("lang", ["ko", "ar", "fr", "th"])
def test_decision_text_in_other_languages(app, db, demo, lang):
    meeting = meeting_of(demo)
    vote = open_on_resolution(meeting, tabled_resolution(meeting))
    _cast_all(vote, ["yes", "yes", "yes", "no", "abstain"])
    services.close(vote)
    with app.test_request_context():
        english = services.minutes_text(vote, "en")
        other = services.minutes_text(vote, lang)
    assert other != english and "3" in other and vote.resolution.symbol in other
    assert vote.status == VoteStatus.CLOSED


def test_a_resolution_with_amendments_pending_is_not_put_to_the_vote(app, db, demo):
    meeting = meeting_of(demo)
    resolution = tabled_resolution(meeting)
    resolution_services.propose_amendment(
        resolution, paragraph_id=resolution.paragraphs[0].id, language="en",
        text="*Agrees* to help victims;", organisation_id=None)
    with pytest.raises(services.VoteError, match="Decide on every proposed amendment first."):
        open_on_resolution(meeting, resolution)
