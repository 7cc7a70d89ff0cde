"""A person's data on request, every look at passport data audited, and faults injected on
purpose: a lost database connection and a failing PDF renderer leave nothing half-done."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from app.audit.models import AuditEntry
from tests.conftest import sign_in, sign_in_staff
from tests.registration.conftest import form_data, register, vietnam


def test_a_person_downloads_all_their_data_and_each_look_is_audited(app, db, demo):
    from app.registration.models import Registration

    own = db.session.scalar(select(Registration).where(
        Registration.email == "delegate.kh@cnp.example.com"))
    client = app.test_client()
    sign_in(app, client, "delegate.kh@cnp.example.com")
    response = client.get(f"/meetings/{demo}/registration/{own.id}/my-data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    assert data["passport_number"] == "N01234567" and data["nationality"] == "KH"
    assert data["reference"] == own.reference and data["roles"]
    client.get(f"/meetings/{demo}/registration/{own.id}")
    looks = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "registration.sensitive_access")).all()
    assert sorted(entry.details["how"] for entry in looks) == ["exported", "viewed_masked"]
    assert all(entry.actor_label == "delegate.kh@cnp.example.com" for entry in looks)
    other = app.test_client()
    sign_in(app, other, "head.ae@moi.example.com")
    assert other.get(f"/meetings/{demo}/registration/{own.id}/my-data.json").status_code == 403


def test_database_lost_mid_request_gives_a_clean_error_and_writes_nothing(app, db, demo,
                                                                          vn_head,
                                                                          monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app.extensions import db as _db

    url = f"/meetings/{demo}/registration/delegations/mps-vn/new"
    page = vn_head.get(url).get_data(as_text=True)

    def lost(*args, **kwargs):
        raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(_db.session, "commit", lost)
    response = vn_head.post(url, data=form_data(page), content_type="multipart/form-data")
    monkeypatch.undo()
    assert response.status_code == 500
    assert "server closed" not in response.get_data(as_text=True)  # no internals shown
    assert 'lang="vi"' in response.get_data(as_text=True)  # the error page is translated
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(vietnam().subquery())) == 0
    assert register(vn_head, demo).status_code == 302  # the next request works


def test_pdf_failure_is_a_clear_error_and_other_requests_carry_on(app, db, demo,
                                                                   monkeypatch):
    import weasyprint

    client = app.test_client()
    sign_in_staff(app, client)

    def broken(*args, **kwargs):
        raise RuntimeError("font subsystem crashed")

    import shutil
    from pathlib import Path

    shutil.rmtree(Path(app.instance_path) / "pdf-cache", ignore_errors=True)  # render afresh
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    failed = client.get(f"/meetings/{demo}/registration/participants.pdf?lang=fr")
    monkeypatch.undo()
    assert failed.status_code == 500 and "font subsystem" not in failed.get_data(as_text=True)
    assert client.get(f"/meetings/{demo}/registration/").status_code == 200
    assert client.get(f"/meetings/{demo}/registration/participants.pdf?lang=fr") \
        .status_code == 200
