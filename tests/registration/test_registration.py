"""A head of delegation registers members; the rules hold for every way in."""
from __future__ import annotations

from sqlalchemy import func, select, text

from app.invitations.models import Invitation
from app.mail.models import OutboxMessage
from app.registration.models import Registration, RegistrationStatus
from tests.conftest import csrf_token, sign_in_staff
from tests.registration.conftest import organisation, picture, register, vietnam


def _invitation(db, code="mps-vn") -> Invitation:
    db.session.expire_all()
    return db.session.scalar(select(Invitation).where(
        Invitation.organisation_id == organisation(db, code).id,
        Invitation.meeting.has(slug="bc-2025-seoul")))


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(vietnam().subquery()))


def test_head_registers_a_member_who_is_told_in_their_language(app, db, demo, vn_head):
    response = register(vn_head, demo, lang_unused=None, photo=picture())
    assert response.status_code == 302
    registration = db.session.scalar(vietnam())
    assert registration.status == RegistrationStatus.PENDING
    assert registration.language == "vi"
    assert _invitation(db).seats_taken == 1
    page = vn_head.get(response.headers["Location"]).get_data(as_text=True)
    assert "NGUYEN, Van An" in page and "Nguyễn Văn An" in page
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "registration"))
    assert mail.recipient == "an.nguyen@mps.example.com" and mail.language == "vi"
    assert "Đăng ký" in mail.subject or "đăng ký" in mail.subject
    assert registration.reference in mail.body_text


def test_over_quota_is_refused_and_nothing_is_saved(app, db, demo, vn_head):
    quota = _invitation(db).quota
    for n in range(quota):
        assert register(vn_head, demo, email=f"m{n}@mps.example.com").status_code == 302
    response = register(vn_head, demo, email="one.more@mps.example.com")
    assert response.status_code == 200
    assert 'role="alert"' in response.get_data(as_text=True)
    assert _count(db) == quota and _invitation(db).seats_taken == quota


def test_form_over_quota_shows_the_reason(app, db, demo, vn_head):
    invitation = _invitation(db)
    url = f"/meetings/{demo}/registration/delegations/mps-vn/new"
    page = vn_head.get(url).get_data(as_text=True)  # form opened while a place was free
    invitation.seats_taken = invitation.quota
    db.session.commit()
    from tests.registration.conftest import form_data

    response = vn_head.post(url, data=form_data(page), content_type="multipart/form-data")
    assert response.status_code == 200
    from tests.test_i18n import catalogue

    full = catalogue("vi").ngettext(
        "The delegation is full: %(quota)d person may be registered. Ask the secretariat to "
        "raise the quota, or cancel a registration first.",
        "The delegation is full: %(quota)d people may be registered. Ask the secretariat to "
        "raise the quota, or cancel a registration first.", invitation.quota,
    ) % {"quota": invitation.quota}
    assert full in response.get_data(as_text=True)
    assert _count(db) == 0


def test_duplicate_person_is_refused(app, db, demo, vn_head):
    assert register(vn_head, demo).status_code == 302
    response = register(vn_head, demo, email="AN.Nguyen@mps.example.com")
    assert response.status_code == 200
    assert _count(db) == 1 and _invitation(db).seats_taken == 1


def test_bad_input_gets_a_translated_message_and_changes_nothing(app, db, demo, vn_head):
    cases = [
        {"family_name": ""}, {"email": "not-an-address"},
        {"family_name": "阮"},  # passport names are in Latin letters
        {"departure_date": "2025-11-09"},  # before the arrival
        {"nationality": "XX"}, {"role": "chief"}, {"phone": "call me"},
        {"visa_needed": "y", "passport_number": "", "birth_date": ""},
        {"arrival_flight": "<script>"},
    ]
    for overrides in cases:
        response = register(vn_head, demo, **overrides)
        assert response.status_code == 200, overrides
        body = response.get_data(as_text=True)
        assert 'class="error"' in body, overrides
        assert "<script>" not in body
    assert _count(db) == 0 and _invitation(db).seats_taken == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.kind == "registration")) == 0


def test_a_photo_that_is_not_an_image_or_too_large_is_refused(app, db, demo, vn_head):
    assert register(vn_head, demo, photo=b"%PDF-1.7 not a picture").status_code == 200
    assert register(vn_head, demo, photo=picture("GIF")).status_code == 200
    big = b"\xff\xd8\xff" + b"0" * (app.config["PHOTO_MAX_BYTES"] + 10)
    assert register(vn_head, demo, photo=big).status_code == 200
    assert _count(db) == 0


def test_a_photo_is_re_encoded_without_its_metadata(app, db, demo, vn_head):
    assert register(vn_head, demo, photo=picture("PNG", (1200, 1600), exif=True)) \
        .status_code == 302
    photo = db.session.scalar(vietnam()).photo
    assert photo.data[:3] == b"\xff\xd8\xff"  # JPEG
    assert (photo.width, photo.height) == (600, 800)
    assert b"SecretCameraMaker" not in photo.data
    assert b"passwd" not in photo.data
    import os

    assert not any("passwd" in name for _r, _d, names in os.walk(app.instance_path)
                   for name in names)


def test_sensitive_fields_are_encrypted_in_the_database_and_masked(app, db, demo, vn_head):
    response = register(vn_head, demo, visa_needed="y", passport_number="C1234567",
                        birth_date="1980-05-17")
    assert response.status_code == 302
    raw = db.session.execute(text(
        "SELECT nationality, passport_number, birth_date FROM registration "
        "WHERE email = 'an.nguyen@mps.example.com'")).one()
    assert all(value and value.startswith("gAAAA") for value in raw)
    assert "C1234567" not in " ".join(raw) and "1980" not in " ".join(raw)
    registration = db.session.scalar(vietnam())
    assert registration.passport_number == "C1234567"
    page = vn_head.get(f"/meetings/{demo}/registration/{registration.id}").get_data(
        as_text=True)
    assert "C1234567" not in page and "67" in page


def test_head_of_another_agency_can_neither_read_nor_change(app, db, demo, vn_head):
    from tests.conftest import sign_in

    register(vn_head, demo, photo=picture())
    registration = db.session.scalar(vietnam())
    other = app.test_client()
    sign_in(app, other, "head.ae@moi.example.com")
    base = f"/meetings/{demo}/registration"
    for url in (f"{base}/{registration.id}", f"{base}/{registration.id}/edit",
                f"{base}/{registration.id}/photo.jpg",
                f"{base}/{registration.id}/confirmation.pdf",
                f"{base}/{registration.id}/visa-letter.pdf",
                f"{base}/delegations/mps-vn", f"{base}/delegations/mps-vn/new",
                f"{base}/badges.pdf", f"{base}/registrations.csv", f"{base}/check-in"):
        assert other.get(url).status_code == 403, url
    token = csrf_token(other.get(f"{base}/delegations/moi-ae").get_data(as_text=True))
    for url, data in ((f"{base}/{registration.id}/edit", {"family_name": "Hacked"}),
                      (f"{base}/{registration.id}/cancel", {"reason": "x"}),
                      (f"{base}/{registration.id}/approve", {}),
                      (f"{base}/approve", {"ids": str(registration.id)}),
                      (f"{base}/delegations/mps-vn/renew-link", {})):
        assert other.post(url, data={"csrf_token": token, **data}).status_code == 403, url
    db.session.expire_all()
    registration = db.session.scalar(vietnam())
    assert registration.family_name == "Nguyen"
    assert registration.status == RegistrationStatus.PENDING


def test_secretariat_approves_in_bulk_and_each_delegate_is_told(app, db, demo, vn_head):
    for n in range(3):
        register(vn_head, demo, email=f"m{n}@mps.example.com", family_name=f"Tran{'abc'[n]}")
    staff = app.test_client()
    sign_in_staff(app, staff)
    page = staff.get(f"/meetings/{demo}/registration/?status=pending").get_data(as_text=True)
    ids = [str(r.id) for r in db.session.scalars(vietnam())]
    response = staff.post(f"/meetings/{demo}/registration/approve",
                          data={"csrf_token": csrf_token(page), "ids": ids})
    assert response.status_code == 302
    db.session.expire_all()
    assert {r.status for r in db.session.scalars(vietnam())} == {
        RegistrationStatus.APPROVED}
    mails = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "registration").order_by(OutboxMessage.id)).all()
    approved = [m for m in mails if "phê duyệt" in m.subject.lower()]
    assert len(approved) == 3
    # approved delegates can now read the agenda
    from tests.conftest import sign_in

    delegate = app.test_client()
    sign_in(app, delegate, "m0@mps.example.com")
    assert delegate.get(f"/meetings/{demo}/agenda").status_code == 200


def test_rejection_needs_a_reason_frees_the_seat_and_is_final(app, db, demo, vn_head):
    register(vn_head, demo)
    registration = db.session.scalar(vietnam())
    staff = app.test_client()
    sign_in_staff(app, staff)
    url = f"/meetings/{demo}/registration/{registration.id}"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    staff.post(f"{url}/reject", data={"csrf_token": token, "reason": ""})
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).status == RegistrationStatus.PENDING
    staff.post(f"{url}/reject", data={"csrf_token": token, "reason": "Not a police officer."})
    db.session.expire_all()
    registration = db.session.get(Registration, registration.id)
    assert registration.status == RegistrationStatus.REJECTED
    assert _invitation(db).seats_taken == 0
    page = staff.post(f"{url}/approve", data={"csrf_token": token}, follow_redirects=True)
    assert db.session.get(Registration, registration.id).status == RegistrationStatus.REJECTED
    assert 'class="flash flash-error"' in page.get_data(as_text=True) or \
        "error" in page.get_data(as_text=True)
    mail = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "registration").order_by(OutboxMessage.id.desc())).first()
    assert "Not a police officer." in mail.body_text


def test_head_cancels_and_the_place_is_free_again(app, db, demo, vn_head):
    register(vn_head, demo)
    registration = db.session.scalar(vietnam())
    url = f"/meetings/{demo}/registration/{registration.id}"
    token = csrf_token(vn_head.get(url).get_data(as_text=True))
    vn_head.post(f"{url}/cancel", data={"csrf_token": token, "reason": "Illness"})
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).status == \
        RegistrationStatus.CANCELLED
    assert _invitation(db).seats_taken == 0
    # a head cannot approve their own delegation
    register(vn_head, demo, email="second@mps.example.com")
    second = db.session.scalar(select(Registration).where(
        Registration.email == "second@mps.example.com"))
    assert vn_head.post(f"/meetings/{demo}/registration/{second.id}/approve",
                        data={"csrf_token": token}).status_code == 403


def test_secretariat_raises_the_quota_but_not_below_the_registered(app, db, demo, vn_head):
    for n in range(2):
        register(vn_head, demo, email=f"m{n}@mps.example.com")
    staff = app.test_client()
    sign_in_staff(app, staff)
    url = f"/meetings/{demo}/registration/delegations/mps-vn"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    assert staff.post(url, data={"csrf_token": token, "quota": "9"}).status_code == 302
    assert _invitation(db).quota == 9
    response = staff.post(url, data={"csrf_token": token, "quota": "1"})
    assert response.status_code == 200 and _invitation(db).quota == 9
    # heads cannot change their own quota
    token = csrf_token(vn_head.get(url).get_data(as_text=True))
    assert vn_head.post(url, data={"csrf_token": token, "quota": "50"}).status_code == 403


def test_self_registration_link_and_its_renewal(app, db, demo, vn_head):
    import re

    page = vn_head.get(f"/meetings/{demo}/registration/delegations/mps-vn").get_data(
        as_text=True)
    link = re.search(r'id="self-link"[^>]*value="([^"]+)"', page).group(1)
    path = link.removeprefix(app.config["PUBLIC_URL"])
    anonymous = app.test_client()
    form = anonymous.get(path + "?lang=vi")
    assert form.status_code == 200
    from tests.registration.conftest import form_data

    done = anonymous.post(path, data=form_data(form.get_data(as_text=True),
                                               email="self@mps.example.com"),
                          content_type="multipart/form-data")
    assert done.status_code == 200 and "BC/1/REG/" in done.get_data(as_text=True)
    assert db.session.scalar(vietnam()).email == "self@mps.example.com"
    token = csrf_token(page)
    vn_head.post(f"/meetings/{demo}/registration/delegations/mps-vn/renew-link",
                 data={"csrf_token": token})
    assert anonymous.get(path).status_code == 400
    assert anonymous.get("/register/forged").status_code == 400


def test_privacy_purge_erases_sensitive_data_after_the_meeting(app, db, demo, vn_head):
    register(vn_head, demo, visa_needed="y", passport_number="C1234567",
             birth_date="1980-05-17", photo=picture())
    runner = app.test_cli_runner()
    result = runner.invoke(args=["privacy", "purge", demo])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    registration = db.session.scalar(vietnam())
    assert registration.passport_number is None and registration.birth_date is None
    assert registration.nationality is None and registration.photo is None
    assert registration.phone == "" and registration.purged_at is not None
    assert registration.family_name == "Nguyen"  # the record of who attended stays
    raw = db.session.execute(text("SELECT passport_number FROM registration")).scalars().all()
    assert raw and set(raw) == {None}


def test_keys_rotate_and_old_values_still_read(app, db, demo, vn_head):
    from cryptography.fernet import Fernet

    register(vn_head, demo, visa_needed="y", passport_number="C1234567",
             birth_date="1980-05-17")
    old = app.config["DATA_KEYS"]
    app.config["DATA_KEYS"] = Fernet.generate_key().decode() + "," + old
    try:
        result = app.test_cli_runner().invoke(args=["privacy", "rotate-keys"])
        assert result.exit_code == 0, result.output
        app.config["DATA_KEYS"] = app.config["DATA_KEYS"].split(",")[0]
        db.session.expire_all()
        assert db.session.scalar(vietnam()).passport_number == "C1234567"
    finally:
        app.config["DATA_KEYS"] = old


def test_a_delegate_sees_their_own_registration_but_not_a_colleagues(app, db, demo):
    from tests.conftest import sign_in

    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    landing = delegate.get(f"/meetings/{demo}/registration/", follow_redirects=True)
    assert landing.status_code == 200 and "SRISUK, Nattaya" in landing.get_data(as_text=True)
    head = db.session.scalar(select(Registration).where(
        Registration.email == "head.th@rtp.example.com"))
    base = f"/meetings/{demo}/registration/{head.id}"
    for url in (base, f"{base}/edit", f"{base}/confirmation.pdf"):
        assert delegate.get(url).status_code == 403, url
    assert delegate.get(f"/meetings/{demo}/registration/delegations/rtp").status_code == 403
