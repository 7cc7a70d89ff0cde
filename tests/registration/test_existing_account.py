"""A head who registers an address that already has an account (from another meeting) learns
nothing about that account, changes nothing of it, and the registration's data export shows
only this registration and this meeting, unless the reader is the person themselves."""
from __future__ import annotations

import json

from sqlalchemy import select

from app.auth.models import Membership, Role, User
from app.meetings.models import Meeting
from app.registration.models import Registration
from tests.conftest import sign_in, staff_client
from tests.registration.conftest import organisation, register

OLD_FRIEND = "old.friend@mps.example.com"


def _account_elsewhere(db, demo) -> User:
    """An account from another meeting of the series: head of Cambodia's delegation there."""
    other = db.session.scalar(select(Meeting).where(Meeting.slug != demo).limit(1))
    user = User(email=OLD_FRIEND, name="Secret Account Name", locale="km",
                organisation_id=organisation(db, "cnp-kh").id)
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=other.id, role=Role.HEAD,
                              organisation_id=user.organisation_id))
    db.session.commit()
    return user, other


def _export(client, demo, registration_id) -> dict:
    response = client.get(f"/meetings/{demo}/registration/{registration_id}/my-data.json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def test_the_head_and_staff_see_no_other_meeting_in_the_export(app, db, demo, vn_head):
    user, other = _account_elsewhere(db, demo)
    new_person = register(vn_head, demo, email="brand.new@mps.example.com")
    existing = register(vn_head, demo, email=OLD_FRIEND, family_name="Tran",
                        given_names="Van Cu")
    # the head is answered the same way for an existing account as for a new address
    assert new_person.status_code == existing.status_code == 302
    assert new_person.headers["Location"] == existing.headers["Location"]
    registration = db.session.scalar(select(Registration).where(
        Registration.email == OLD_FRIEND))
    for reader in (vn_head, staff_client(app)):
        data = _export(reader, demo, registration.id)
        text = json.dumps(data, ensure_ascii=False)
        assert other.slug not in text
        assert "Secret Account Name" not in text
        assert all(role["meeting"] == demo for role in data["roles"])
    page = vn_head.get(f"/meetings/{demo}/registration/{registration.id}").get_data(
        as_text=True)
    assert "Secret Account Name" not in page and other.slug not in page
    # the account keeps its own name and language
    db.session.expire_all()
    assert (user.name, user.locale) == ("Secret Account Name", "km")


def test_the_person_themselves_sees_all_their_roles(app, db, demo, vn_head):
    _user, other = _account_elsewhere(db, demo)
    assert register(vn_head, demo, email=OLD_FRIEND).status_code == 302
    registration = db.session.scalar(select(Registration).where(
        Registration.email == OLD_FRIEND))
    person = app.test_client()
    sign_in(app, person, OLD_FRIEND)
    data = _export(person, demo, registration.id)
    assert {"meeting": other.slug, "role": "head"} in data["roles"]
