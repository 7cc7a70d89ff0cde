"""The database schema: migrations match the models, and the database enforces the rules."""
from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth.models import Membership, Role, User
from app.extensions import db as _db
from app.meetings.models import Meeting, Organisation, OrganisationKind


def test_migrations_create_exactly_the_models_schema(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, _db.metadata) == []


def test_one_account_per_email_address(db, demo):
    db.session.add(User(email="staff@knpa.example.com", name="Duplicate"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_meeting_cannot_end_before_it_starts(db, demo):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    meeting.end_date = date(2025, 11, 10)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_national_agency_needs_a_country(db):
    db.session.add(Organisation(code="x", name={"en": "X"}, kind=OrganisationKind.NATIONAL_AGENCY))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_delegation_roles_need_an_organisation(db, demo):
    user = db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=Role.DELEGATE))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_deleting_a_user_removes_their_roles(db, demo):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    user = User(email="leaving@knpa.example.com", name="Leaving")
    db.session.add(user)
    db.session.flush()
    db.session.add(Membership(user_id=user.id, meeting_id=meeting.id, role=Role.STAFF))
    db.session.commit()
    user_id = user.id
    db.session.execute(User.__table__.delete().where(User.id == user_id))
    db.session.commit()
    assert db.session.scalars(select(Membership).where(Membership.user_id == user_id)).all() == []


def test_a_registered_person_cannot_be_deleted_behind_the_records_back(db, demo):
    """The registration is the meeting's record: erase personal data with `privacy purge`."""
    user_id = db.session.scalar(select(User.id).where(User.email == "delegate.kh@cnp.example.com"))
    with pytest.raises(IntegrityError):
        db.session.execute(User.__table__.delete().where(User.id == user_id))
        db.session.commit()
    db.session.rollback()
