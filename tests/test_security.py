"""Security headers and cookie flags on every response."""
from __future__ import annotations

from tests.conftest import sign_in


def test_pages_carry_strict_security_headers(client, demo):
    response = client.get(f"/meetings/{demo}/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP here


def test_hsts_is_sent_over_https(client, demo):
    response = client.get("/", base_url="https://meetings.example.com")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_session_cookie_is_httponly_and_samesite(app, client, demo):
    response = sign_in(app, client, "delegate.th@rtp.example.com")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_load_nothing_from_other_sites(client, demo):
    html = client.get(f"/meetings/{demo}/").get_data(as_text=True)
    assert "http://" not in html.replace('href="http://localhost', "") or "cdn" not in html
    assert "<script" not in html or 'src="/static/' in html
    for marker in ("cdn.", "googleapis", "unpkg", "jsdelivr"):
        assert marker not in html


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    import pytest

    from app.config import Config, ConfigError

    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        Config.from_env()


def test_production_refuses_to_start_without_the_encryption_keys(monkeypatch):
    import pytest

    from app.config import Config, ConfigError

    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-from-the-environment")
    monkeypatch.delenv("DATA_KEYS", raising=False)
    with pytest.raises(ConfigError, match="DATA_KEYS"):
        Config.from_env()
