"""Accreditation beyond delegations: categories with badge colours and areas, the press's own
application form from request to badge, the secretariat's decisions and settings, bad input,
and the badges of every category (web and `flask export badges --category`)."""
from __future__ import annotations

import io
import subprocess

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accreditation.models import (
    Accreditation,
    AccreditationArea,
    AccreditationCategory,
    AccreditationStatus,
    CategoryKind,
)
from app.accreditation.services import contrast, text_colour
from app.mail.models import OutboxMessage
from tests.conftest import csrf_token, pdf_text, post_form, sign_in, staff_client
from tests.registration.conftest import picture

APPLICANT = {"family_name": "Martin", "given_names": "Élodie", "native_name": "",
             "organisation_name": "Agence France-Presse", "function": "Correspondante",
             "email": "elodie.martin@afp.example.com", "phone": "+33 1 40 41 46 46"}


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Accreditation))


def _category(db, kind: CategoryKind) -> AccreditationCategory:
    return db.session.scalar(select(AccreditationCategory).where(
        AccreditationCategory.kind == kind, AccreditationCategory.meeting.has(
            slug="bc-2025-seoul")))


def _band_colour(pdf: bytes, tmp_path) -> tuple[int, int, int]:
    """The colour at the middle of the bottom band of the first badge, as poppler paints it."""
    from PIL import Image

    (tmp_path / "badge.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(tmp_path / "badge.pdf"), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as image:
        return image.convert("RGB").getpixel((6, image.height - 4))


def _close(rgb: tuple[int, int, int], hex_colour: str) -> bool:
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= 6 for a, b in zip(rgb, want, strict=True))


# --- the public path, end to end ------------------------------------------------------------

def test_a_journalist_applies_is_approved_and_gets_a_badge_in_the_press_colour(
        app, db, demo, smtp_server, tmp_path):
    public = app.test_client()
    url = f"/meetings/{demo}/accreditation/press/apply?lang=fr"
    page = public.get(url)
    assert page.status_code == 200
    assert "Agence" not in page.get_data(as_text=True)
    sent = public.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                  **APPLICANT, "photo": (io.BytesIO(picture()), "me.jpg")},
                       content_type="multipart/form-data")
    assert sent.status_code == 200
    accreditation = db.session.scalar(select(Accreditation).where(
        Accreditation.email == APPLICANT["email"]))
    assert accreditation.status == AccreditationStatus.PENDING
    assert accreditation.language == "fr" and accreditation.photo is not None
    assert accreditation.reference in sent.get_data(as_text=True)

    staff = staff_client(app)
    detail = f"/meetings/{demo}/accreditation/{accreditation.id}"
    approved = post_form(staff, f"{detail}/approve", {}, page=detail)
    assert approved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Accreditation, accreditation.id).status == \
        AccreditationStatus.APPROVED

    queued = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == APPLICANT["email"]).order_by(OutboxMessage.id)).all()
    assert [m.language for m in queued] == ["fr", "fr"]  # the language she applied in
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    mails = [mail for to, mail in smtp_server.messages if to == [APPLICANT["email"]]]
    assert len(mails) == 2  # received, then approved
    assert all("accréditation" in mail["Subject"].lower() for mail in mails)
    assert accreditation.reference in mails[0].get_body(("plain",)).get_content()

    badges = staff.get(f"/meetings/{demo}/accreditation/badges.pdf?category=press&lang=en")
    assert badges.status_code == 200 and badges.mimetype == "application/pdf"
    text = pdf_text(badges.data)
    assert "MARTIN" in text.upper() and "Agence France-Presse" in text
    assert "PRESS" in text.upper() and "PC" in text.split()
    assert "PARK" not in text.upper()  # the press only: no delegation member
    assert _close(_band_colour(badges.data, tmp_path), "#f28c28")


def test_an_application_is_refused_with_every_problem_at_once_and_nothing_saved(
        app, db, demo):
    client = app.test_client()
    url = f"/meetings/{demo}/accreditation/press/apply?lang=en"
    before = _count(db)
    response = post_form(client, url, {**APPLICANT, "family_name": "Мартен",
                                       "email": "not an address", "phone": "call me",
                                       "organisation_name": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Write the name in Latin letters", "Enter a valid e-mail address",
                    "+82 2 3150 2114", "This field is required."):
        assert message in html
    assert html.count('class="error" id=') >= 4  # name, e-mail, phone, outlet for the press
    assert _count(db) == before and db.session.scalar(
        select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.recipient == "not an address")) == 0


def test_the_same_address_twice_in_a_category_is_refused(app, db, demo):
    client = app.test_client()
    url = f"/meetings/{demo}/accreditation/press/apply"
    post_form(client, url, APPLICANT)
    again = post_form(client, url, {**APPLICANT, "email": APPLICANT["email"].upper()})
    assert "already accredited in this category" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Accreditation).where(
        Accreditation.email == APPLICANT["email"])) == 1


def test_a_closed_category_takes_no_application(app, db, demo):
    client = app.test_client()
    page = client.get(f"/meetings/{demo}/accreditation/security/apply")
    assert page.status_code == 404 and "closed" in page.get_data(as_text=True)
    token = csrf_token(client.get(f"/meetings/{demo}/accreditation/press/apply")
                       .get_data(as_text=True))
    before = _count(db)
    refused = client.post(f"/meetings/{demo}/accreditation/driver/apply",
                          data={"csrf_token": token, **APPLICANT})
    assert refused.status_code == 404 and _count(db) == before
    assert client.get(f"/meetings/{demo}/accreditation/delegation/apply").status_code == 404
    assert client.get(f"/meetings/{demo}/accreditation/nonsense/apply").status_code == 404


def test_an_application_without_csrf_token_is_refused(app, db, demo):
    before = _count(db)
    response = app.test_client().post(f"/meetings/{demo}/accreditation/press/apply",
                                      data=APPLICANT)
    assert response.status_code == 400 and _count(db) == before


# --- the secretariat ------------------------------------------------------------------------

def test_the_secretariat_accredits_a_driver_directly_and_prints_by_category(app, db, demo):
    staff = staff_client(app)
    response = post_form(staff, f"/meetings/{demo}/accreditation/new", {
        **APPLICANT, "family_name": "Yoon", "given_names": "Ho-jin", "native_name": "윤호진",
        "organisation_name": "", "function": "Driver", "email": "yoon@motorpool.example.com",
        "category": "driver", "language": "ko"})
    assert response.status_code == 302
    driver = db.session.scalar(select(Accreditation).where(
        Accreditation.email == "yoon@motorpool.example.com"))
    assert driver.status == AccreditationStatus.APPROVED and driver.category.kind == "driver"
    assert driver.entered_by_id is not None
    text = pdf_text(staff.get(f"/meetings/{demo}/accreditation/badges.pdf"
                              "?category=driver&lang=en").data).upper()
    assert "YOON" in text and "CHOI" in text and "VP" in text.split()
    assert "KIM" not in text  # a journalist is not a driver


def test_rejection_needs_a_reason_and_tells_the_person(app, db, demo):
    staff = staff_client(app)
    pending = db.session.scalar(select(Accreditation).where(
        Accreditation.status == AccreditationStatus.PENDING))
    detail = f"/meetings/{demo}/accreditation/{pending.id}"
    post_form(staff, f"{detail}/reject", {"reason": ""}, page=detail)
    db.session.expire_all()
    assert db.session.get(Accreditation, pending.id).status == AccreditationStatus.PENDING
    post_form(staff, f"{detail}/reject", {"reason": "No press card was sent."}, page=detail)
    db.session.expire_all()
    rejected = db.session.get(Accreditation, pending.id)
    assert rejected.status == AccreditationStatus.REJECTED
    mail = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.recipient == pending.email).order_by(OutboxMessage.id.desc()))
    assert "No press card was sent." in mail.body_text and mail.language == pending.language


def test_category_settings_refuse_a_bad_colour_and_unknown_areas_all_at_once(app, db, demo):
    staff = staff_client(app)
    url = f"/meetings/{demo}/accreditation/categories/press"
    press = _category(db, CategoryKind.PRESS)
    before = (press.colour, [a.code for a in press.areas])
    response = post_form(staff, url, {"colour": "orange", "areas": ["999999"],
                                      "registration_open": "y"})
    html = response.get_data(as_text=True)
    assert "#0B4F8A" in html and "Choose areas of this meeting." in html
    db.session.expire_all()
    press = _category(db, CategoryKind.PRESS)
    assert (press.colour, [a.code for a in press.areas]) == before

    plenary = db.session.scalar(select(AccreditationArea).where(AccreditationArea.code == "PL"))
    saved = post_form(staff, url, {"colour": "#ABC", "areas": [str(plenary.id)],
                                   "name_en": "Media"})
    assert saved.status_code == 302
    db.session.expire_all()
    press = _category(db, CategoryKind.PRESS)
    assert press.colour == "#aabbcc" and [a.code for a in press.areas] == ["PL"]
    assert press.name == {"en": "Media"} and not press.registration_open


def test_delegation_categories_have_no_form_and_an_area_code_is_unique(app, db, demo):
    staff = staff_client(app)
    response = post_form(staff, f"/meetings/{demo}/accreditation/categories/delegation",
                         {"colour": "#0b4f8a", "registration_open": "y"})
    assert "register through their invitation" in response.get_data(as_text=True)
    duplicate = post_form(staff, f"/meetings/{demo}/accreditation/areas/new",
                          {"code": "pl", "name_en": ""})
    html = duplicate.get_data(as_text=True)
    assert "Another area of this meeting has the code PL." in html
    assert "Give a name in at least one language." in html
    added = post_form(staff, f"/meetings/{demo}/accreditation/areas/new",
                      {"code": "vip", "name_en": "VIP lounge", "name_ko": "VIP 라운지"})
    assert added.status_code == 302
    assert db.session.scalar(select(AccreditationArea.name).where(
        AccreditationArea.code == "VIP")) == {"en": "VIP lounge", "ko": "VIP 라운지"}


def test_the_host_delegation_prints_in_its_own_colour_with_its_areas(app, db, demo, tmp_path):
    text_pdf = staff_client(app).get(
        f"/meetings/{demo}/accreditation/badges.pdf?organisation=knpa&lang=en").data
    text = pdf_text(text_pdf)
    assert "PARK" in text.upper() and "HOST DELEGATION" in text.upper()
    assert {"PL", "BL", "SO"} <= set(text.split())
    assert _close(_band_colour(text_pdf, tmp_path), "#8a1c1c")
    others = pdf_text(staff_client(app).get(
        f"/meetings/{demo}/accreditation/badges.pdf?organisation=rtp&lang=en").data).upper()
    assert "WONGSAKUL" in others and "HOST DELEGATION" not in others


def test_badges_of_the_people_ticked_in_the_list(app, db, demo):
    staff = staff_client(app)
    page = staff.get(f"/meetings/{demo}/accreditation/").get_data(as_text=True)
    assert "Print badges of the selected people" in page
    han = db.session.scalar(select(Accreditation.id).where(Accreditation.family_name == "Han"))
    chosen = staff.post(f"/meetings/{demo}/accreditation/badges.pdf?lang=en",
                        data={"csrf_token": csrf_token(page), "ids": [str(han)]})
    text = pdf_text(chosen.data).upper()
    assert "HAN" in text and "JUNG" not in text and "PARK" not in text
    nothing = staff.post(f"/meetings/{demo}/accreditation/badges.pdf",
                         data={"csrf_token": csrf_token(page)})
    assert nothing.status_code == 302


def test_the_badges_export_prints_one_category_from_the_command_line(app, db, demo, tmp_path):
    out = tmp_path / "liaison.pdf"
    result = app.test_cli_runner().invoke(args=[
        "export", "badges", demo, "--lang", "ko", "-o", str(out), "--category", "liaison"])
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes()).upper()
    assert "HAN" in text and "JUNG" in text and "PARK" not in text
    bad = app.test_cli_runner().invoke(args=[
        "export", "badges", demo, "-o", str(out), "--category", "astronaut"])
    assert bad.exit_code != 0


def test_readers_see_the_list_but_only_the_secretariat_decides(app, db, demo):
    from tests.test_authorisation_matrix import _sign_in_narrow

    protocol = app.test_client()
    _sign_in_narrow(app, protocol, "protocol")
    page = protocol.get(f"/meetings/{demo}/accreditation/")
    assert page.status_code == 200 and "HAN, Yu-na" in page.get_data(as_text=True)
    assert "Print badges" not in page.get_data(as_text=True)
    pending = db.session.scalar(select(Accreditation).where(
        Accreditation.status == AccreditationStatus.PENDING))
    refused = protocol.post(f"/meetings/{demo}/accreditation/{pending.id}/approve", data={
        "csrf_token": csrf_token(page.get_data(as_text=True))})
    assert refused.status_code == 403
    head = app.test_client()
    sign_in(app, head, "head.th@rtp.example.com")
    assert head.get(f"/meetings/{demo}/accreditation/").status_code == 403


def test_a_badge_code_opens_the_check_at_the_door(app, db, demo):
    from tests.test_authorisation_matrix import _sign_in_narrow

    desk = app.test_client()
    _sign_in_narrow(app, desk, "check_in")
    driver = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Choi"))
    page = desk.get(f"/meetings/{demo}/accreditation/verify/{driver.badge_code}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Valid accreditation" in html and "VP" in html
    assert desk.get(f"/meetings/{demo}/accreditation/verify/NOSUCHCODE").status_code == 404


# --- colours and the database's own rules ---------------------------------------------------

@pytest.mark.parametrize("colour", ["#f2c80f", "#222222", "#7a7a7a", "#777777", "#0b4f8a",
                                    "#ffffff", "#000000", "#ff0000", "#00ff00", "#808080"])
def test_the_band_text_always_reaches_wcag_aa(colour):
    assert contrast(colour, text_colour(colour)) >= 4.5


def test_the_database_refuses_a_bad_colour_a_lowercase_code_and_a_duplicate(app, db, demo):
    meeting_id = _category(db, CategoryKind.PRESS).meeting_id
    rows = [
        AccreditationCategory(meeting_id=meeting_id, kind=CategoryKind.PRESS, name={},
                              colour="#000000"),  # a second press category
        AccreditationArea(meeting_id=meeting_id, code="pl", name={"en": "x"}),
        AccreditationArea(meeting_id=meeting_id, code="PL", name={"en": "x"}),
    ]
    press = _category(db, CategoryKind.PRESS)
    for row in rows:
        db.session.add(row)
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
    press = _category(db, CategoryKind.PRESS)
    press.colour = "red"
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    existing = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Kim"))
    db.session.add(Accreditation(
        meeting_id=meeting_id, category_id=existing.category_id, email=existing.email,
        language="en", family_name="Kim", badge_code="ZZZZZZZZZZ"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_phone_number_is_encrypted_at_rest(app, db, demo):
    from sqlalchemy import text

    stored = db.session.execute(text(
        "SELECT phone FROM accreditation WHERE email = 'han.yuna@knpa.example.com'")).scalar()
    assert stored and "5678" not in stored
    assert db.session.scalar(select(Accreditation.phone).where(
        Accreditation.email == "han.yuna@knpa.example.com")) == "+82 10 5678 9012"


# --- pages ----------------------------------------------------------------------------------

@pytest.mark.one_database
def test_the_pages_are_valid_html(app, db, demo, tmp_path):
    from tests.checkers import vnu_errors

    staff = staff_client(app)
    han = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Han"))
    plenary = db.session.scalar(select(AccreditationArea.id).where(
        AccreditationArea.code == "PL"))
    base = f"/meetings/{demo}/accreditation"
    pages = {}
    for lang in ("en", "ar", "th"):
        for path in ("/", "/settings", "/categories/press", "/new", "/areas/new",
                     f"/areas/{plenary}", f"/{han.id}", f"/{han.id}/edit",
                     f"/verify/{han.badge_code}"):
            response = staff.get(f"{base}{path}?lang={lang}")
            assert response.status_code == 200, path
            pages[f"{path} {lang}"] = response.get_data(as_text=True)
        public = app.test_client().get(f"{base}/press/apply?lang={lang}")
        pages[f"apply {lang}"] = public.get_data(as_text=True)
    pages["errors"] = post_form(staff, f"{base}/new", {"category": "press"}).get_data(
        as_text=True)
    assert vnu_errors(pages, tmp_path) == []


def test_the_public_form_is_rate_limited_like_the_other_public_forms(app, db, demo):
    client = app.test_client()
    url = f"/meetings/{demo}/accreditation/press/apply"
    token = csrf_token(client.get(url).get_data(as_text=True))
    statuses = [client.post(url, data={"csrf_token": token, "family_name": ""}).status_code
                for _ in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_the_secretariat_approves_the_ticked_pending_people_at_once(app, db, demo, tmp_path):
    staff = staff_client(app)
    client = app.test_client()
    for number in range(2):
        post_form(client, f"/meetings/{demo}/accreditation/press/apply",
                  {**APPLICANT, "email": f"reporter{number}@afp.example.com"})
    pending = db.session.scalars(select(Accreditation.id).where(
        Accreditation.status == AccreditationStatus.PENDING)).all()
    approved = db.session.scalar(select(Accreditation.id).where(
        Accreditation.family_name == "Han"))
    page = staff.get(f"/meetings/{demo}/accreditation/?status=pending").get_data(as_text=True)
    last = db.session.scalar(select(func.max(OutboxMessage.id)))
    response = staff.post(f"/meetings/{demo}/accreditation/approve", data={
        "csrf_token": csrf_token(page), "ids": [str(i) for i in [*pending, approved]]},
        follow_redirects=True)
    assert f"{len(pending)} accreditations approved." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Accreditation).where(
        Accreditation.status == AccreditationStatus.PENDING)) == 0
    told = db.session.scalars(select(OutboxMessage.recipient).where(
        OutboxMessage.id > last, OutboxMessage.kind == "accreditation")).all()
    assert sorted(told) == sorted(["reporter0@afp.example.com", "reporter1@afp.example.com",
                                   "tran.minh@vnexpress.example.com"])


def test_the_secretariat_corrects_a_person_with_every_problem_at_once(app, db, demo):
    staff = staff_client(app)
    han = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Han"))
    jung = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Jung"))
    url = f"/meetings/{demo}/accreditation/{han.id}/edit"
    form = staff.get(url).get_data(as_text=True)
    assert 'value="han.yuna@knpa.example.com"' in form and "+82 10 5678 9012" in form
    fields = {"family_name": "Han", "given_names": "Yu-na", "native_name": "한유나",
              "organisation_name": "Korean National Police Agency", "language": "en",
              "function": "Liaison officer, delegation of Viet Nam", "phone": "+82 10 5678 9012"}
    refused = post_form(staff, url, {**fields, "email": jung.email, "phone": "none"})
    html = refused.get_data(as_text=True)
    assert "already accredited in this category" in html and "+82 2 3150 2114" in html
    db.session.expire_all()
    assert db.session.get(Accreditation, han.id).function.endswith("Thailand")
    saved = post_form(staff, url, {**fields, "email": han.email})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Accreditation, han.id).function.endswith("Viet Nam")


def test_the_purge_after_the_meeting_erases_phones_and_photos(app, db, demo):
    han = db.session.scalar(select(Accreditation).where(Accreditation.family_name == "Han"))
    from app.accreditation.models import AccreditationPhoto

    db.session.add(AccreditationPhoto(accreditation_id=han.id, data=picture(), digest="x",
                                      width=300, height=400))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "purge", demo, "--force"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    han = db.session.get(Accreditation, han.id)
    assert han.phone is None and han.photo is None
    assert han.status == AccreditationStatus.APPROVED and han.category.kind == "liaison"


def test_the_phone_numbers_follow_a_key_rotation(app, db, demo):
    from cryptography.fernet import Fernet

    old = app.config["DATA_KEYS"]
    app.config["DATA_KEYS"] = Fernet.generate_key().decode() + "," + old
    try:
        result = app.test_cli_runner().invoke(args=["privacy", "rotate-keys"])
        assert result.exit_code == 0, result.output
        app.config["DATA_KEYS"] = app.config["DATA_KEYS"].split(",")[0]  # the old key gone
        db.session.expire_all()
        assert db.session.scalar(select(Accreditation.phone).where(
            Accreditation.family_name == "Han")) == "+82 10 5678 9012"
    finally:
        app.config["DATA_KEYS"] = old


@pytest.mark.one_database
def test_badges_embed_fonts_for_each_script_and_read_back(app, db, demo, tmp_path):
    """Korean liaison officers and a Thai interpreter, on Korean badges: the names in their
    scripts come back from the text layer, and the embedded fonts are sans fonts that cover
    Hangul and Thai (no DejaVu boxes)."""
    staff = staff_client(app)
    data = staff.get(f"/meetings/{demo}/accreditation/badges.pdf"
                     "?category=liaison&category=interpreter&lang=ko").data
    path = tmp_path / "badges.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "한유나" in text and "정태양" in text and "สมศักดิ์" in text
    assert "연락관" in text  # the category band, in the badge's language
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout
    families = {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:] if line}
    assert any("CJK" in f and "Sans" in f for f in families), families
    assert any("Sans-Thai" in f or "SansThai" in f for f in families), families
    assert not any("Serif" in f for f in families), families


def test_a_new_meeting_starts_with_every_category_and_saves_one_when_set(app, db, demo):
    """A meeting with no category saved reads the defaults (nothing written), and the first
    save or direct entry writes its category."""
    from app.accreditation import services
    from app.meetings.models import Meeting

    meeting = db.session.scalar(select(Meeting).where(Meeting.slug != demo))
    with app.test_request_context():
        kinds = [c.kind for c in services.categories(meeting)]
        assert kinds == list(CategoryKind)
        assert db.session.scalar(select(func.count()).select_from(AccreditationCategory)
                                 .where(AccreditationCategory.meeting_id == meeting.id)) == 0
        with pytest.raises(services.AccreditationError):
            services.apply(meeting, "press", services.Details(**APPLICANT))  # closed
        services.save_category(meeting, "press", name={}, colour="#123", area_ids=[],
                               registration_open=True)
        person = services.enter(meeting, "driver", services.Details(
            **{**APPLICANT, "email": "driver@example.com"}))
        db.session.commit()
        applied = services.apply(meeting, "press", services.Details(**APPLICANT))
        db.session.commit()
    assert applied.category.colour == "#112233" and applied.status == "pending"
    assert person.category.kind == "driver" and person.category.colour == "#7a7a7a"


def test_delegation_members_ticked_in_the_registrations_list_print_in_category_colours(
        app, db, demo):
    from app.registration.models import Registration

    staff = staff_client(app)
    page = staff.get(f"/meetings/{demo}/registration/").get_data(as_text=True)
    assert "Print their badges in the category colours" in page
    ids = db.session.scalars(select(Registration.id).where(Registration.email.in_(
        ["head.kr@knpa.example.com", "head.th@rtp.example.com"]))).all()
    chosen = staff.post(f"/meetings/{demo}/accreditation/badges.pdf?source=registration&lang=en",
                        data={"csrf_token": csrf_token(page), "ids": [str(i) for i in ids]})
    text = pdf_text(chosen.data).upper()
    assert "PARK" in text and "WONGSAKUL" in text and "SRISUK" not in text
    assert "HOST DELEGATION" in text and "HAN" not in text
    nothing = staff.post(f"/meetings/{demo}/accreditation/badges.pdf?source=registration",
                         data={"csrf_token": csrf_token(page)})
    assert nothing.status_code == 302 and nothing.location.endswith("/registration/")
