"""Every main page is valid HTML for an independent checker, the Nu HTML Checker (vnu.jar).

The pages are rendered by the test client, as a reader gets them, in English, Arabic (right
to left), Thai and Khmer, then checked by vnu (about 120 pages; the worker's one vnu service,
tests/checkers.py).
Errors fail the test; warnings do not (vnu is asked for errors only, level=error).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.agenda.helpers import item_titled
from tests.audit.test_log import _sign_in_admin
from tests.checkers import vnu_errors
from tests.conftest import sign_in, sign_in_staff
from tests.invitations.conftest import invitation_of, upcoming  # noqa: F401 - a fixture

pytestmark = pytest.mark.one_database  # format checks (tests/conftest.py)

LANGUAGES = ("en", "ar", "th", "km")


def _token_pages(app, db) -> tuple[str, str]:
    """The invitation answer page and the delegation's self-registration page, by their links."""
    from app.invitations.services import answer_link
    from app.registration.services import self_registration_link

    with app.test_request_context():
        invitation = invitation_of(db, "rtp")
        links = (answer_link(invitation), self_registration_link(invitation))
        db.session.commit()
    return tuple(link.removeprefix(app.config["PUBLIC_URL"]) for link in links)


def _pages(app, db, demo) -> dict[str, str]:
    from app.invitations.models import Invitation
    from app.registration.models import Registration

    base = f"/meetings/{demo}"
    invitation = db.session.scalar(select(Invitation.id).order_by(Invitation.id))
    registration = db.session.scalar(select(Registration.id).where(
        Registration.email == "delegate.th@rtp.example.com"))
    minuted = item_titled(db, "Adoption of the agenda").id
    item = item_titled(db, "Joint operations and coordinated cross-border raids").id
    readers = {
        "anonymous": (app.test_client(), ("/", "/auth/sign-in", "/auth/staff", f"{base}/")),
        "delegate": (app.test_client(), (
            f"{base}/agenda", f"{base}/calendar", f"{base}/registration/{registration}",
            f"{base}/registration/{registration}/edit", f"{base}/resolutions/",
            f"{base}/resolutions/1")),
        "staff": (app.test_client(), (
            f"{base}/", f"{base}/agenda", f"{base}/agenda/edit", f"{base}/agenda/versions",
            f"{base}/agenda/items/{item}/edit", f"{base}/invitations/",
            f"{base}/invitations/{invitation}/edit", f"{base}/invitations/letter",
            f"{base}/registration/", f"{base}/registration/delegations/",
            f"{base}/registration/delegations/rtp",
            f"{base}/registration/delegations/rtp/new", f"{base}/registration/{registration}",
            f"{base}/minutes/", f"{base}/minutes/items/{minuted}", f"{base}/resolutions/",
            f"{base}/resolutions/1")),
        "admin": (app.test_client(), ("/audit/", "/outbox/", "/auth/sessions", "/auth/profile")),
        "invited agency": (app.test_client(), _token_pages(app, db)),
    }
    sign_in(app, readers["delegate"][0], "delegate.th@rtp.example.com")
    sign_in_staff(app, readers["staff"][0])
    _sign_in_admin(app, readers["admin"][0])
    pages = {}
    for role, (client, paths) in readers.items():
        for path in paths:
            for lang in LANGUAGES:
                url = f"{path}{'&' if '?' in path else '?'}lang={lang}"
                response = client.get(url)
                assert response.status_code == 200, f"{role} {url}: {response.status_code}"
                pages[f"{role} {url}"] = response.get_data(as_text=True)
    return pages


def test_main_pages_are_valid_html_for_the_nu_checker(app, db, upcoming, tmp_path):  # noqa: F811
    demo = upcoming  # the meeting moved ahead, so that invitations can still be answered
    pages = _pages(app, db, demo)
    # A page with a known error, in the same run: proves the checker really checked.
    pages["canary"] = ('<!doctype html><html lang="en"><title>x</title>'
                       '<p id="twice">a</p><p id="twice">b</p></html>')
    errors = vnu_errors(pages, tmp_path)
    canary = [error for error in errors if error.startswith("canary:")]
    assert len(canary) == 1 and "Duplicate ID" in canary[0], canary
    errors = [error for error in errors if not error.startswith("canary:")]
    assert errors == [], f"{len(errors)} errors:\n" + "\n".join(errors[:60])


def test_every_time_element_comes_from_the_macros_that_give_it_a_datetime():
    """A time element needs a machine-readable datetime: localized text ("오전 9:30") is not
    one, nor is isoformat() with microseconds. templates/_time.html makes them all."""
    templates = Path(__file__).parent.parent / "templates"
    by_hand = [f"{path.relative_to(templates)}: {tag}"
               for path in sorted(templates.rglob("*.html")) if path.name != "_time.html"
               for tag in re.findall(r"<time\b[^>]*>", path.read_text(encoding="utf-8"))]
    assert by_hand == []
