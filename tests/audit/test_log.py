"""The audit log: every change is recorded, and only administrators read it."""
from __future__ import annotations

import pyotp

from tests.agenda.helpers import post_item
from tests.conftest import csrf_token, sign_in, sign_in_staff, staff_credentials


def _sign_in_admin(app, client):
    email = "admin@knpa.example.com"
    page = client.get("/auth/staff")
    client.post("/auth/staff", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                     "email": email,
                                     "password": staff_credentials(app)[email]["password"]})
    page = client.get("/auth/totp")
    secret = staff_credentials(app)[email]["totp_secret"]
    client.post("/auth/totp", data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                    "code": pyotp.TOTP(secret).now()})


def test_admin_reads_who_did_what(app, client, db, demo):
    staff = app.test_client()
    sign_in_staff(app, staff)
    post_item(staff, db, title_en="Audited item")
    _sign_in_admin(app, client)
    html = client.get("/audit/?lang=en").get_data(as_text=True)
    assert "Agenda item added" in html and "staff@knpa.example.com" in html
    assert "Signed in with a password and code" in html
    assert "Agenda published" in html  # the demo data's provisional agenda


def test_audit_log_is_translated(app, client, demo):
    _sign_in_admin(app, client)
    html = client.get("/audit/?lang=ko").get_data(as_text=True)
    assert "Audit log" not in html and "Signed in with a password and code" not in html


def test_staff_and_delegates_cannot_read_the_audit_log(app, client, demo):
    sign_in_staff(app, client)
    assert client.get("/audit/").status_code == 403
    delegate = app.test_client()
    sign_in(app, delegate, "head.th@rtp.example.com")
    assert delegate.get("/audit/").status_code == 403
    assert app.test_client().get("/audit/").status_code == 302
