"""The log of who received a circular is personal data: the person finds it in their own data
(through their registration, and on their profile page), and `flask privacy purge` erases the
names and addresses once the meeting is over."""
from __future__ import annotations

import json
import re

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.circulars.models import CircularRecipient
from app.registration.models import Registration
from tests.conftest import csrf_token, sign_in, sign_in_staff
from tests.mail.test_circulars import _post

DELEGATE = "delegate.th@rtp.example.com"


def _send_to_participants(app, db) -> None:
    staff = app.test_client()
    sign_in_staff(app, staff)
    response = _post(staff, {"audience": "participants", "subject_en": "Shuttle times",
                             "body_en": "Buses leave at 8:00.", "subject_th": "เวลารถรับส่ง",
                             "body_th": "รถออกเวลา 8:00 น.", "working_language": "y"})
    assert response.status_code == 302
    preview = staff.get(response.headers["Location"]).get_data(as_text=True)
    expected = re.search(r'name="expected" value="(\d+)"', preview).group(1)
    sent = staff.post(response.headers["Location"] + "/send",
                      data={"csrf_token": csrf_token(preview), "expected": expected})
    assert sent.status_code == 302
    assert db.session.scalar(select(CircularRecipient).where(
        CircularRecipient.email == DELEGATE)) is not None


def test_the_person_finds_the_circulars_sent_to_them_in_their_data(app, db, demo):
    _send_to_participants(app, db)
    person = app.test_client()
    sign_in(app, person, DELEGATE)
    registration = db.session.scalar(select(Registration).where(Registration.email == DELEGATE))
    data = person.get(f"/meetings/{demo}/registration/{registration.id}/my-data.json").get_json()
    assert [(c["meeting"], c["subject"], c["language"], c["email"]) for c in data["circulars"]] \
        == [(demo, "เวลารถรับส่ง", "th", DELEGATE)]
    # the profile page offers the whole account's data: the same circular, the registration
    page = person.get("/auth/profile?lang=en").get_data(as_text=True)
    assert 'href="/auth/profile/my-data.json"' in page and "Download your data (JSON)" in page
    response = person.get("/auth/profile/my-data.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    mine = json.loads(response.get_data(as_text=True))
    assert mine["account"]["email"] == DELEGATE
    assert [c["subject"] for c in mine["circulars"]] == ["เวลารถรับส่ง"]
    assert [r["reference"] for r in mine["registrations"]] == [registration.reference]
    assert mine["registrations"][0]["circulars"] == mine["circulars"]
    assert mine["sessions"] and all("digest" not in s for s in mine["sessions"])
    assert "password" not in json.dumps(mine["account"]).replace("password_set", "")
    # another delegate's data holds none of this circular's other recipients
    other = app.test_client()
    sign_in(app, other, "head.ae@moi.example.com")
    theirs = other.get("/auth/profile/my-data.json").get_json()
    assert DELEGATE not in json.dumps(theirs)
    assert db.session.scalar(select(AuditEntry.id).where(
        AuditEntry.action == "auth.data_exported")) is not None


def test_the_purge_erases_who_received_the_circulars(app, db, demo):
    _send_to_participants(app, db)
    result = app.test_cli_runner().invoke(args=["privacy", "purge", demo, "--force"])
    assert result.exit_code == 0, result.output
    log = db.session.scalars(select(CircularRecipient)).all()
    assert log and {(row.email, row.name) for row in log} == {("", "")}
    assert {row.language for row in log} >= {"th", "en"}  # the record of languages stays
    assert re.search(rf"Erased {len(log)} names and addresses", result.output)
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "circulars.recipients_erased"))
    assert entry.details == {"recipients": len(log)}
    # the log page says so; the person's data no longer lists it
    staff = app.test_client()
    sign_in_staff(app, staff)
    circular_id = log[0].circular_id
    page = staff.get(f"/outbox/circulars/{circular_id}?lang=en").get_data(as_text=True)
    assert "Erased after the meeting" in page and DELEGATE not in page
    person = app.test_client()
    sign_in(app, person, DELEGATE)
    assert person.get("/auth/profile/my-data.json").get_json()["circulars"] == []
    # a second purge has nothing left to erase
    again = app.test_cli_runner().invoke(args=["privacy", "purge", demo, "--force"])
    assert "Erased 0 names and addresses" in again.output
