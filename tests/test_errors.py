"""Error pages: translated, with the right status, never a traceback."""
from __future__ import annotations

import app.agenda.services as agenda_services
from tests.conftest import sign_in


def test_unexpected_error_gives_a_translated_500_page(app, client, demo, monkeypatch):
    sign_in(app, client, "delegate.th@rtp.example.com")

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(agenda_services, "reading_days", broken)
    response = client.get(f"/meetings/{demo}/agenda?lang=th")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert '<html lang="th"' in html and "database on fire" not in html
    assert "Traceback" not in html


def test_method_not_allowed_is_a_page_not_a_crash(client):
    response = client.post("/healthz?lang=es")
    assert response.status_code in (400, 405)
    assert '<html lang="es"' in response.get_data(as_text=True)


def test_not_found_page_offers_the_way_home(client):
    html = client.get("/nothing/here?lang=fr").get_data(as_text=True)
    assert 'href="/"' in html and '<html lang="fr"' in html
