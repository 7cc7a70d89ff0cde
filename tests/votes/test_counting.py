"""Votes counted by rule: simple and two-thirds majorities of those present and voting,
abstentions present but not voting, ties rejected, the quorum of member delegations."""
from __future__ import annotations

import pytest

from app.floor.votes.models import Majority, Outcome, Quorum
from app.floor.votes.services import Count, decide, needed_to_adopt, quorum_needed


@pytest.mark.parametrize(("count", "majority", "outcome"), [
    (Count(9, yes=5, no=4), Majority.SIMPLE, Outcome.ADOPTED),
    (Count(9, yes=4, no=4, abstain=1), Majority.SIMPLE, Outcome.REJECTED),  # a tie
    (Count(9, yes=3, no=2, abstain=4), Majority.SIMPLE, Outcome.ADOPTED),  # abstentions aside
    (Count(9, yes=0, no=0, abstain=9), Majority.SIMPLE, Outcome.REJECTED),  # nobody voting
    (Count(9, yes=6, no=3), Majority.TWO_THIRDS, Outcome.ADOPTED),  # exactly two-thirds
    (Count(10, yes=6, no=4), Majority.TWO_THIRDS, Outcome.REJECTED),  # 60 %
    (Count(10, yes=7, no=3), Majority.TWO_THIRDS, Outcome.ADOPTED),
    (Count(10, yes=4, no=2, abstain=4), Majority.TWO_THIRDS, Outcome.ADOPTED),
])
def test_majority_of_those_present_and_voting(count, majority, outcome):
    assert decide(count, majority, Quorum.MAJORITY) == outcome


@pytest.mark.parametrize(("members", "present", "quorum", "met"), [
    (9, 5, Quorum.MAJORITY, True), (9, 4, Quorum.MAJORITY, False),
    (10, 5, Quorum.MAJORITY, False), (10, 6, Quorum.MAJORITY, True),
    (9, 6, Quorum.TWO_THIRDS, True), (9, 5, Quorum.TWO_THIRDS, False),
    (9, 3, Quorum.ONE_THIRD, True), (9, 2, Quorum.ONE_THIRD, False),
    (9, 0, Quorum.NONE, False),  # without a quorum, nobody present still adopts nothing
])
def test_quorum_of_member_delegations(members, present, quorum, met):
    count = Count(members, yes=present, absent=members - present)
    assert (decide(count, Majority.SIMPLE, quorum) != Outcome.NO_QUORUM) == (
        present >= quorum_needed(members, quorum))
    assert (decide(count, Majority.SIMPLE, quorum) == Outcome.ADOPTED) == (met and present > 0)


def test_abstaining_delegations_count_for_the_quorum_not_the_majority():
    count = Count(9, yes=1, no=0, abstain=4, absent=4)
    assert count.present == 5 and count.voting == 1
    assert decide(count, Majority.SIMPLE, Quorum.MAJORITY) == Outcome.ADOPTED
    assert decide(Count(9, yes=1, absent=8), Majority.SIMPLE, Quorum.MAJORITY) \
        == Outcome.NO_QUORUM


def test_thresholds():
    assert [needed_to_adopt(n, Majority.SIMPLE) for n in (1, 2, 3, 4)] == [1, 2, 2, 3]
    assert [needed_to_adopt(n, Majority.TWO_THIRDS) for n in (1, 2, 3, 4, 9)] == [1, 2, 2, 3, 6]
