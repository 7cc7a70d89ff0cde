"""Documents with a person's data never rest in plain text, and a purge leaves nothing of the
person's passport, contact or travel details: not in the database, not in the PDF cache."""
from __future__ import annotations

import json
import re
import shutil
import zlib
from pathlib import Path

from sqlalchemy import select, text

from app.meetings.models import Meeting
from app.registration.models import Registration, RegistrationStatus
from tests.conftest import staff_client
from tests.registration.conftest import picture, register, vietnam

PASSPORT = "C7654321"


def _cache(app) -> Path:
    return Path(app.instance_path) / "pdf-cache"


def _files(app) -> list[Path]:
    return [path for path in _cache(app).rglob("*") if path.is_file()]


def _approved_visa_registration(app, db, demo, vn_head) -> Registration:
    from app.registration.services import approve

    register(vn_head, demo, visa_needed="y", passport_number=PASSPORT,
             birth_date="1980-05-17", photo=picture())
    registration = db.session.scalar(vietnam())
    with app.test_request_context():
        approve(registration)
        db.session.commit()
    return registration


def _readable(data: bytes) -> bytes:
    """The bytes, and every zlib stream a PDF would hold, decompressed."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            pass
    return b"\n".join(parts)


def test_a_cached_visa_letter_is_encrypted_and_still_downloads(app, db, demo, vn_head,
                                                               monkeypatch):
    import weasyprint

    from app.crypto import decrypt_bytes

    registration = _approved_visa_registration(app, db, demo, vn_head)
    shutil.rmtree(_cache(app), ignore_errors=True)
    url = f"/meetings/{demo}/registration/{registration.id}/visa-letter.pdf?lang=vi"
    first = vn_head.get(url)
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    files = _files(app)
    assert files
    for path in files:
        data = path.read_bytes()
        assert not data.startswith(b"%PDF") and data.startswith(b"gAAAAA")  # a Fernet token
        readable = _readable(data)
        for secret in (PASSPORT.encode(), b"NGUYEN", b"Nguyen", "Nguyễn".encode()):
            assert secret not in readable and secret not in path.name.encode()
        with app.app_context():
            assert decrypt_bytes(data) == first.data
    meeting_id = registration.meeting_id
    assert {path.parent.name for path in files} == {f"meeting-{meeting_id}"}

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered again instead of read from the cache")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", no_rendering)
    again = vn_head.get(url)
    assert again.status_code == 200 and again.data == first.data


def test_cache_names_of_personal_documents_are_keyed(app, db, demo, vn_head):
    """A plain hash of the HTML would let anyone confirm a guessed passport number against
    the file names; the names are keyed by SECRET_KEY instead."""
    from app.registration.documents import visa_letter_pdf

    registration = _approved_visa_registration(app, db, demo, vn_head)
    names = []
    for secret in ("test-only-key-not-secret", "another-secret-key"):
        shutil.rmtree(_cache(app), ignore_errors=True)
        app.config["SECRET_KEY"] = secret
        try:
            with app.test_request_context():
                visa_letter_pdf(db.session.get(Registration, registration.id), "en")
        finally:
            app.config["SECRET_KEY"] = "test-only-key-not-secret"
        names.append({path.name for path in _files(app)})
    assert names[0] and names[1] and not names[0] & names[1]


def test_purge_deletes_every_cached_document_of_the_meeting(app, db, demo, vn_head):
    registration = _approved_visa_registration(app, db, demo, vn_head)
    shutil.rmtree(_cache(app), ignore_errors=True)
    staff = staff_client(app)
    base = f"/meetings/{demo}/registration"
    letter = f"/meetings/{demo}/invitations/letter.pdf?invitation={registration.invitation_id}"
    urls = [f"{base}/{registration.id}/visa-letter.pdf", f"{base}/participants.pdf", letter,
            f"/meetings/{demo}/agenda.pdf"]
    for url in urls:
        assert staff.get(url).status_code == 200, url
    from app.registration.documents import badges_pdf, confirmation_pdf

    with app.test_request_context():
        meeting = db.session.get(Meeting, registration.meeting_id)
        row = db.session.get(Registration, registration.id)
        badges_pdf(meeting, [row], "en")
        confirmation_pdf(row)
    meeting_dir = _cache(app) / f"meeting-{registration.meeting_id}"
    # visa letter, list, invitation letter to a named person, badges, confirmation
    assert len(list(meeting_dir.iterdir())) >= 5

    result = app.test_cli_runner().invoke(args=["privacy", "purge", demo])
    assert result.exit_code == 0, result.output
    assert not meeting_dir.exists()
    assert all(not path.name.endswith(".fernet") for path in _files(app))
    assert _files(app)  # the agenda, which holds no personal data, stays cached


def test_purge_erases_travel_dates_and_every_contact_and_travel_detail(app, db, demo,
                                                                       vn_head):
    registration = _approved_visa_registration(app, db, demo, vn_head)
    result = app.test_cli_runner().invoke(args=["privacy", "purge", demo])
    assert result.exit_code == 0, result.output
    response = vn_head.get(f"/meetings/{demo}/registration/{registration.id}/my-data.json")
    assert response.status_code == 200
    data = json.loads(response.get_data(as_text=True))
    for name in ("arrival_date", "departure_date", "passport_number", "birth_date",
                 "nationality"):
        assert data[name] is None, name
    for name in ("arrival_flight", "departure_flight", "hotel", "phone", "dietary",
                 "accessibility"):
        assert data[name] == "", name
    assert data["visa_needed"] is False and data["photo_held"] is False
    assert data["family_name"] == "Nguyen" and data["status"] == RegistrationStatus.APPROVED
    raw = db.session.execute(text(
        "SELECT arrival_date, departure_date, arrival_flight, hotel FROM registration "
        "WHERE id = :id"), {"id": registration.id}).one()
    assert tuple(raw) == (None, None, "", "")
    csv = staff_client(app).get(f"/meetings/{demo}/registration/registrations.csv")
    assert csv.status_code == 200 and "an.nguyen@mps.example.com" in csv.get_data(as_text=True)
    assert "2025-11-10" not in csv.get_data(as_text=True)
    assert "Lotte Hotel" not in csv.get_data(as_text=True)


def test_purge_leaves_no_photo_in_the_database(app, db, demo, vn_head):
    registration = _approved_visa_registration(app, db, demo, vn_head)
    app.test_cli_runner().invoke(args=["privacy", "purge", demo])
    count = db.session.execute(text(
        "SELECT count(*) FROM registration_photo WHERE registration_id = :id"),
        {"id": registration.id}).scalar()
    assert count == 0
    assert db.session.scalar(select(Registration.purged_at).where(
        Registration.id == registration.id)) is not None
