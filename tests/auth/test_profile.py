"""The person's own profile: name, language (which e-mails follow), time zone, and a new
e-mail address that takes effect only from the new mailbox."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.auth.models import User
from app.mail.models import OutboxMessage
from app.registration.models import Registration
from tests.conftest import csrf_token, link_path, post_form, sign_in

HEAD = "head.ae@moi.example.com"
PROFILE = "/auth/profile"


def _selected(page: str, value: str) -> bool:
    """Whether the option with this value is the selected one of its list."""
    return any("selected" in option for option in re.findall(
        rf'<option[^>]*value="{re.escape(value)}"[^>]*>', page))


def _person(db, email: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def _save(client, **fields):
    return post_form(client, PROFILE, {"name": "Khalid Al Mansoori", "locale": "ar",
                                       "timezone": "", **fields})


def _confirmation_link(db, email: str) -> str:
    body = db.session.scalar(select(OutboxMessage.body_text).where(
        OutboxMessage.kind == "email_change", OutboxMessage.recipient == email))
    return re.search(r"https?://\S+/auth/email/\S+", body).group(0)


def test_the_person_sets_name_language_and_time_zone(app, db, demo):
    head = app.test_client()
    sign_in(app, head, HEAD)
    response = _save(head, name="Khalid Al-Mansoori", locale="fr", timezone="Asia/Dubai")
    assert response.status_code == 302
    person = _person(db, HEAD)
    assert (person.name, person.locale, person.timezone) == (
        "Khalid Al-Mansoori", "fr", "Asia/Dubai")
    page = head.get(PROFILE).get_data(as_text=True)
    assert '<html lang="fr"' in page and _selected(page, "Asia/Dubai")
    # the agenda offers and uses the person's zone
    agenda = head.get(f"/meetings/{demo}/agenda").get_data(as_text=True)
    assert _selected(agenda, "Asia/Dubai")


def test_every_problem_is_shown_at_once_and_nothing_is_saved(app, db, demo):
    head = app.test_client()
    sign_in(app, head, HEAD)
    response = _save(head, name="", locale="xx", timezone="Africa/Asmera")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('class="error"') == 3  # name, language, obsolete zone alias
    person = _person(db, HEAD)
    assert (person.name, person.locale, person.timezone) == ("Khalid Al Mansoori", "ar", None)


def test_the_zone_list_has_current_zones_only_named_in_the_readers_language(app, db, demo):
    head = app.test_client()
    sign_in(app, head, HEAD)
    page = head.get(PROFILE).get_data(as_text=True)
    assert 'value="Asia/Kolkata"' in page and 'value="Asia/Calcutta"' not in page
    assert 'value="Africa/Asmara"' in page and 'value="Africa/Asmera"' not in page
    assert ">كوريا الجنوبية<" in page  # the Seoul zone, by its country in Arabic (CLDR)


def test_a_new_address_takes_effect_only_from_the_new_mailbox(app, db, demo):
    head = app.test_client()
    sign_in(app, head, HEAD)
    page = head.get(PROFILE).get_data(as_text=True)
    sent = head.post("/auth/profile/email", data={"csrf_token": csrf_token(page),
                                                  "email": "k.mansoori@moi.example.com"})
    assert sent.status_code == 302
    assert _person(db, HEAD) is not None  # nothing changed yet
    link = _confirmation_link(db, "k.mansoori@moi.example.com")
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "email_change"))
    assert mail.language == "ar"  # in the person's own language
    opener = app.test_client()  # the new mailbox, maybe on another device
    path = link_path(app, link)
    confirm = opener.get(path)
    assert confirm.status_code == 200 and "k.mansoori@moi.example.com" in confirm.get_data(
        as_text=True)
    assert _person(db, HEAD) is not None  # a mail scanner opening the link changes nothing
    done = opener.post(path, data={"csrf_token": csrf_token(confirm.get_data(as_text=True))})
    assert done.status_code == 302
    assert _person(db, HEAD) is None
    person = _person(db, "k.mansoori@moi.example.com")
    registrations = db.session.scalars(select(Registration.email).where(
        Registration.user_id == person.id)).all()
    assert registrations and set(registrations) == {"k.mansoori@moi.example.com"}
    assert opener.get(path).status_code == 400  # used: the old address no longer matches


def test_an_address_of_another_account_is_refused_only_to_its_mailbox(app, db, demo):
    head = app.test_client()
    sign_in(app, head, HEAD)
    page = head.get(PROFILE).get_data(as_text=True)
    taken = "head.th@rtp.example.com"
    sent = head.post("/auth/profile/email", data={"csrf_token": csrf_token(page),
                                                  "email": taken})
    assert sent.status_code == 302  # the same answer as for a free address
    refused = app.test_client().get(link_path(app, _confirmation_link(db, taken)))
    assert refused.status_code == 400
    assert "Another account already uses this address" in refused.get_data(as_text=True)
    assert _person(db, HEAD) is not None and _person(db, taken) is not None


def test_a_bad_or_forged_address_change_changes_nothing(app, db, demo):
    head = app.test_client()
    sign_in(app, head, HEAD)
    page = head.get(PROFILE).get_data(as_text=True)
    bad = head.post("/auth/profile/email", data={"csrf_token": csrf_token(page),
                                                 "email": "not an address"})
    assert bad.status_code == 400 and 'class="error"' in bad.get_data(as_text=True)
    assert head.post("/auth/profile/email", data={"email": "x@y.example"}).status_code == 400
    assert app.test_client().get("/auth/email/forged").status_code == 400
    assert db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.kind == "email_change")) is None
    assert _person(db, HEAD) is not None
