"""List pages cost the same number of queries whatever the length of the list (no N+1)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.invitations.models import InvitationStatus
from app.meetings.models import Meeting, Organisation, OrganisationKind
from tests.conftest import csrf_token, sign_in_staff, statements_of


def _count(app, client, url: str) -> int:
    statements, response = statements_of(app, client, url)
    assert response.status_code == 200, url
    return len(statements)


def _seoul(db) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))


def _organisations(db, count: int) -> list[Organisation]:
    orgs = [Organisation(code=f"nplus{n}", name={"en": f"Agency {n}"}, country_code="FR",
                         kind=OrganisationKind.NATIONAL_AGENCY) for n in range(count)]
    db.session.add_all(orgs)
    db.session.flush()
    return orgs


def _more_invitations_and_registrations(db, count: int) -> None:
    from app.auth.models import User
    from app.invitations.models import Invitation, InvitationStatus
    from app.registration.models import DelegationRole, Registration
    from app.registration.services import _new_badge_code

    meeting = _seoul(db)
    for n, org in enumerate(_organisations(db, count)):
        invitation = Invitation(meeting_id=meeting.id, organisation_id=org.id,
                                category="member", addressee_name=f"Director {n}",
                                email=f"d{n}@nplus.example.com", language="fr", quota=5,
                                status=InvitationStatus.ACCEPTED, seats_taken=1)
        user = User(email=f"p{n}@nplus.example.com", name=f"P {n}", organisation_id=org.id)
        db.session.add_all([invitation, user])
        db.session.flush()
        db.session.add(Registration(
            meeting_id=meeting.id, organisation_id=org.id, invitation_id=invitation.id,
            user_id=user.id, email=user.email, language="fr", family_name=f"Martin{n}",
            role=DelegationRole.DELEGATE, nationality="FR", badge_code=_new_badge_code()))
    db.session.commit()


def _more_resolutions_and_actions(db, count: int) -> None:
    from app.agenda.models import AgendaItem
    from app.minutes.models import ActionPoint
    from app.resolutions.models import Resolution, ResolutionText

    meeting = _seoul(db)
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    orgs = _organisations(db, count)
    for n in range(count):
        resolution = Resolution(meeting_id=meeting.id, number=10 + n, original_language="en")
        resolution.texts.append(ResolutionText(language="en", title=f"Draft {n}"))
        db.session.add(resolution)
        db.session.add(ActionPoint(meeting_id=meeting.id, item_id=item.id,
                                   description=f"Action {n}", owner_id=orgs[n].id,
                                   due_date=date(2026, 1, 1)))
    db.session.commit()


@pytest.mark.parametrize("url, grow", [
    ("/meetings/bc-2025-seoul/registration/", _more_invitations_and_registrations),
    ("/meetings/bc-2025-seoul/registration/delegations/", _more_invitations_and_registrations),
    ("/meetings/bc-2025-seoul/invitations/", _more_invitations_and_registrations),
    ("/meetings/bc-2025-seoul/resolutions/", _more_resolutions_and_actions),
    ("/meetings/bc-2025-seoul/minutes/", _more_resolutions_and_actions),
    ("/series/breaking-chains/", _more_resolutions_and_actions),
])
def test_list_page_queries_do_not_grow_with_the_list(app, db, demo, url, grow):
    client = app.test_client()
    sign_in_staff(app, client)
    client.get(url)  # first visit may create rows (the minutes)
    before = _count(app, client, url)
    grow(db, 12)
    after = _count(app, client, url)
    assert after <= before + 1, (before, after)


REGISTER = "/meetings/bc-2025-seoul/registration/delegations/{}/new"
DELEGATION = "/meetings/bc-2025-seoul/registration/delegations/{}"


def _posted(app, client, url: str, data: dict) -> tuple[list[str], object]:
    """The SQL statements one POST runs, and its response."""
    from sqlalchemy import event

    from app.extensions import db as _db

    with app.app_context():
        engine = _db.engine
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.post(url, data=data)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return statements, response


def test_registration_post_and_its_delegation_page_cost_a_fixed_number_of_queries(
        app, db, demo):
    """The registration form's post and the delegation page it redirects to (issue 24: a
    form post should cost a few milliseconds): a fixed number of statements each, the same
    for the first registration of the delegation as for the fifth; the page once cost one
    query per registration (a commit on every view expired the rows)."""
    from app.invitations.models import Invitation
    from app.registration.models import Registration

    meeting = _seoul(db)
    org = _organisations(db, 1)[0]
    db.session.add(Invitation(meeting_id=meeting.id, organisation_id=org.id, category="member",
                              addressee_name="Director", email="d@nplus.example.com",
                              language="fr", quota=10, status=InvitationStatus.ACCEPTED))
    db.session.commit()
    client = app.test_client()
    sign_in_staff(app, client)
    assert client.get(DELEGATION.format(org.code)).status_code == 200  # makes its link
    token = csrf_token(client.get(REGISTER.format(org.code)).get_data(as_text=True))
    posts, pages = [], []
    for n in range(5):
        statements, response = _posted(app, client, REGISTER.format(org.code), {
            "csrf_token": token, "family_name": "Martin", "given_names": f"Anne {n}",
            "email": f"anne{n}@nplus.example.com", "role": "delegate", "nationality": "FR",
            "diet": "none"})
        assert response.status_code == 302, response.get_data(as_text=True)
        assert response.location.endswith(DELEGATION.format(org.code))
        posts.append(len(statements))
        statements, page = statements_of(app, client, response.location)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert html.count('<tr id="registration-') == n + 1
        assert f"Anne {n} Martin is registered" in html  # the flashed message, once
        pages.append(len(statements))
    assert db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.organisation_id == org.id)) == 5
    # The post: the meeting, the signed-in person, the organisation with its invitation; no
    # one registered with the address and the account of the address (one query); the seat;
    # the person and the registration (inserted in one flush); its audit entry, sign-in link
    # and e-mail.
    assert len(set(posts)) == 1 and posts[0] <= 10, posts
    # The page: the meeting, the signed-in person, the organisation with its invitation, the
    # rows.
    assert len(set(pages)) == 1 and pages[0] <= 4, pages
