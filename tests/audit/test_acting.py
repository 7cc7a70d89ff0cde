"""Who an audit entry names: the caller's actor, else the one the layer above set."""
from __future__ import annotations

from flask import has_request_context
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.audit.services import acting_as, record
from app.auth.models import User
from tests.conftest import sign_in_staff


def _user(db, email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def test_outside_a_request_nobody_acts_unless_told(app, db, demo):
    head, staff = _user(db, "head.th@rtp.example.com"), _user(db, "staff@knpa.example.com")
    assert not has_request_context()
    nobody = record("test.nobody", head)
    with acting_as(staff, ip="192.0.2.7"):
        operator = record("test.operator", head)
        named = record("test.named", head, actor=head, ip="198.51.100.1")
    after = record("test.after", head)
    assert (nobody.actor_label, nobody.ip) == ("", "")
    assert (operator.actor_id, operator.actor_label, operator.ip) == \
        (staff.id, "staff@knpa.example.com", "192.0.2.7")
    assert (named.actor_label, named.ip) == ("head.th@rtp.example.com", "198.51.100.1")
    assert (after.actor_id, after.ip) == (None, "")


def test_a_request_names_the_person_signed_in_and_the_address(app, client, db, demo):
    sign_in_staff(app, client)
    newest = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert newest.actor_label == "staff@knpa.example.com" and newest.ip == "127.0.0.1"
    assert newest.action.startswith("auth.")
