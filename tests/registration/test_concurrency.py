"""Parallel registrations through the full stack: the quota and one-person-once hold."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.invitations.models import Invitation
from tests.conftest import csrf_token
from tests.registration.conftest import form_data, organisation, vietnam


def _parallel(app, client, url, bodies):
    """Post every body at the same moment, each on its own connection and session."""
    barrier = threading.Barrier(len(bodies))
    statuses = []

    def post(body):
        own = app.test_client()
        own.set_cookie("session", client.get_cookie("session").value)
        barrier.wait()
        statuses.append(own.post(url, data=body, content_type="multipart/form-data")
                        .status_code)

    threads = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_parallel_registrations_never_exceed_the_quota(app, db, demo, vn_head):
    org = organisation(db, "mps-vn")
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.organisation_id == org.id, Invitation.meeting.has(slug="bc-2025-seoul")))
    invitation.quota = 3
    db.session.commit()
    url = f"/meetings/{demo}/registration/delegations/mps-vn/new"
    page = vn_head.get(url).get_data(as_text=True)
    bodies = [form_data(page, email=f"racer{n}@mps.example.com") for n in range(8)]
    statuses = _parallel(app, vn_head, url, bodies)
    assert sorted(statuses) == [200] * 5 + [302] * 3
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(vietnam().subquery())) == 3
    assert db.session.get(Invitation, invitation.id).seats_taken == 3


def test_the_same_person_registered_twice_at_once_is_kept_once(app, db, demo, vn_head):
    url = f"/meetings/{demo}/registration/delegations/mps-vn/new"
    page = vn_head.get(url).get_data(as_text=True)
    bodies = [form_data(page, email="twin@mps.example.com") for _ in range(4)]
    statuses = _parallel(app, vn_head, url, bodies)
    assert sorted(statuses) == [200] * 3 + [302]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(vietnam().subquery())) == 1
    assert db.session.scalar(select(Invitation.seats_taken).where(
        Invitation.organisation_id == organisation(db, "mps-vn").id,
        Invitation.meeting.has(slug="bc-2025-seoul"))) == 1
    assert csrf_token(page)
