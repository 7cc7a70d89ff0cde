"""An approved registration whose identity, passport, role or visa request changes goes back
to the secretariat: the badge and visa letter wait, the seat stays held, staff see what changed."""
from __future__ import annotations

import io
import json

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import Membership, Role
from app.invitations.models import Invitation
from app.mail.models import OutboxMessage
from app.registration.models import RegistrationStatus
from tests.conftest import csrf_token, staff_client
from tests.registration.conftest import form_data, organisation, picture, register, vietnam


def _approved(app, db, demo, vn_head, **fields):
    assert register(vn_head, demo, visa_needed="y", passport_number="C1234567",
                    birth_date="1980-05-01", **fields).status_code == 302
    registration = db.session.scalar(vietnam())
    staff = staff_client(app)
    url = f"/meetings/{demo}/registration/{registration.id}"
    page = staff.get(url).get_data(as_text=True)
    assert staff.post(f"{url}/approve", data={"csrf_token": csrf_token(page)}).status_code == 302
    db.session.expire_all()
    assert registration.status == RegistrationStatus.APPROVED
    return registration, staff, url


def _edit(client, url, photo: bytes | None = None, **overrides):
    page = client.get(f"{url}/edit").get_data(as_text=True)
    data = form_data(page, **{"visa_needed": "y", "passport_number": "C1234567",
                              "birth_date": "1980-05-01", **overrides})
    if photo is not None:
        data["photo"] = (io.BytesIO(photo), "new.png")
    return client.post(f"{url}/edit", data=data, follow_redirects=True,
                       content_type="multipart/form-data")


def _seats(db) -> int:
    db.session.expire_all()
    return db.session.scalar(select(Invitation.seats_taken).where(
        Invitation.organisation_id == organisation(db, "mps-vn").id,
        Invitation.meeting.has(slug="bc-2025-seoul")))


def test_a_new_identity_after_approval_waits_for_the_secretariat(app, db, demo, vn_head):
    registration, staff, url = _approved(app, db, demo, vn_head)
    seats = _seats(db)
    page = _edit(vn_head, url, family_name="Tran", passport_number="X9999999",
                 role="head").get_data(as_text=True)
    db.session.expire_all()
    assert registration.status == RegistrationStatus.PENDING
    assert _seats(db) == seats  # the place in the delegation stays held
    assert "Visa support letter (PDF)" not in page
    # the visa letter and the badge wait for the new approval
    assert vn_head.get(f"{url}/visa-letter.pdf").status_code in (403, 404)
    badges = staff.get(f"/meetings/{demo}/registration/badges.pdf?id={registration.id}")
    assert badges.status_code == 302  # "No approved registration to print a badge for."
    # staff see what changed: the earlier name in full, the passport number never
    staff_page = staff.get(url).get_data(as_text=True)
    assert "Changed since approval" in staff_page
    assert "Nguyen" in staff_page and "Tran" in staff_page
    assert "Passport number" in staff_page and "C1234567" not in staff_page
    assert "X9999999" not in staff_page
    # approving again clears the note and the documents come back
    assert staff.post(f"{url}/approve", data={"csrf_token": csrf_token(staff_page)}
                      ).status_code == 302
    db.session.expire_all()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.review_changes is None
    assert "Changed since approval" not in staff.get(url).get_data(as_text=True)
    assert vn_head.get(f"{url}/visa-letter.pdf").status_code == 200


def test_a_change_of_phone_or_diet_after_approval_needs_no_new_approval(app, db, demo,
                                                                          vn_head):
    registration, _staff, url = _approved(app, db, demo, vn_head)
    _edit(vn_head, url, phone="+84 24 3822 6699", dietary="Vegetarian")
    db.session.expire_all()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.dietary == "Vegetarian"


def test_the_secretariat_correcting_a_name_keeps_the_approval(app, db, demo, vn_head):
    registration, staff, url = _approved(app, db, demo, vn_head)
    _edit(staff, url, given_names="Van Binh")
    db.session.expire_all()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.given_names == "Van Binh"


def test_the_person_is_told_and_the_audit_log_keeps_no_passport_data(app, db, demo, vn_head):
    registration, staff, url = _approved(app, db, demo, vn_head)
    page = _edit(vn_head, url, passport_number="X9999999", birth_date="1981-06-02",
                 nationality="KH").get_data(as_text=True)
    # the head and the person read Vietnamese: "goes back to the secretariat for approval"
    back = "được chuyển lại cho Ban Thư ký để phê duyệt"
    assert back in page
    mail = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == registration.email).order_by(OutboxMessage.id.desc())
    ).first()
    assert "Đăng ký đã thay đổi, đang chờ phê duyệt lại" in mail.subject
    assert back in mail.body_text
    assert "X9999999" not in mail.body_text + mail.body_html
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "registration",
        AuditEntry.object_id == str(registration.id))).all()
    sent_back = [e for e in entries if e.action == "registration.back_for_approval"]
    assert len(sent_back) == 1 and sent_back[0].details["fields"] == ["sensitive"]
    logged = json.dumps([e.details for e in entries])
    for secret in ("X9999999", "C1234567", "1981-06-02", "1980-05-01", "KH"):
        assert secret not in logged
    # staff see which fields changed, never the values of passport data
    staff_page = staff.get(url).get_data(as_text=True)
    assert "Changed since approval" in staff_page
    export = vn_head.get(f"{url}/my-data.json").get_data(as_text=True)
    notes = json.loads(export)["changed_since_approval"]
    assert {note["field"]: note["before"] for note in notes} == {
        "passport_number": None, "birth_date": None, "nationality": None}
    assert "C1234567" not in export  # the earlier passport number is kept nowhere
    for label in ("Passport number", "Date of birth", "Nationality"):
        assert label in staff_page
    assert "X9999999" not in staff_page and "1981-06-02" not in staff_page


def test_a_new_photo_after_approval_waits_and_staff_list_marks_it(app, db, demo, vn_head):
    registration, staff, url = _approved(app, db, demo, vn_head)
    _edit(vn_head, url, photo=picture("PNG"))
    db.session.expire_all()
    assert registration.status == RegistrationStatus.PENDING
    listing = staff.get(f"/meetings/{demo}/registration/?organisation=mps-vn"
                        ).get_data(as_text=True)
    row = listing.split(f'id="registration-{registration.id}"', 1)[1].split("</tr>", 1)[0]
    assert "Changed since approval" in row
    assert 'name="ids"' not in row  # approved again only after a look at the changes
    # the head sees the marker on the delegation page too
    head_page = vn_head.get(f"/meetings/{demo}/registration/delegations/mps-vn"
                            ).get_data(as_text=True)
    assert "Đã thay đổi sau khi được phê duyệt" in head_page  # "Changed since approval"
    # a bulk approval does not pass it without that look
    assert staff.post(f"/meetings/{demo}/registration/approve", data={
        "csrf_token": csrf_token(listing), "ids": [str(registration.id)]}).status_code == 302
    db.session.expire_all()
    assert registration.status == RegistrationStatus.PENDING


def test_approving_a_new_role_keeps_one_seat_and_the_right_access(app, db, demo, vn_head):
    registration, staff, url = _approved(app, db, demo, vn_head)
    seats = _seats(db)
    _edit(vn_head, url, role="observer")
    db.session.expire_all()
    assert registration.status == RegistrationStatus.PENDING and _seats(db) == seats
    page = staff.get(url).get_data(as_text=True)
    assert staff.post(f"{url}/approve", data={"csrf_token": csrf_token(page)}
                      ).status_code == 302
    db.session.expire_all()
    assert registration.status == RegistrationStatus.APPROVED and _seats(db) == seats
    roles = set(db.session.scalars(select(Membership.role).where(
        Membership.user_id == registration.user_id,
        Membership.meeting_id == registration.meeting_id)))
    assert roles == {Role.OBSERVER}
