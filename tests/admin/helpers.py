"""A site administrator made by the bootstrap command, signed in with password and TOTP."""
from __future__ import annotations

import re

import pyotp

from tests.conftest import csrf_token

PASSWORD = "correct horse battery staple"


def bootstrap(app, email: str = "root@example.org") -> None:
    """`users create-secretariat EMAIL --name NAME --admin`, no meeting."""
    result = app.test_cli_runner().invoke(args=[
        "users", "create-secretariat", email, "--name", "Root Admin", "--admin",
        "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert "site administrator" in result.output


def sign_in_site_admin(app, client, email: str = "root@example.org") -> str:
    """Password, then the TOTP enrolment page (a QR code) and a code: the TOTP secret."""
    page = client.get("/auth/staff")
    response = client.post("/auth/staff", data={
        "csrf_token": csrf_token(page.get_data(as_text=True)), "email": email,
        "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/auth/totp")
    html = client.get("/auth/totp").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in html  # the QR code to scan
    secret = re.search(r"\b([A-Z2-7]{32})\b", html).group(1)
    response = client.post("/auth/totp", data={"csrf_token": csrf_token(html),
                                               "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.get_data(as_text=True)
    return secret


def admin_client(app):
    bootstrap(app)
    client = app.test_client()
    sign_in_site_admin(app, client)
    return client
