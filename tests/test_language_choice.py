"""The saved language is the person's own choice: ?lang= shows a page (for the browser
session) or picks a document's language, and never changes what e-mails are written in."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.auth.models import User
from app.mail.models import OutboxMessage
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, sign_in, staff_client

ARABIC_HEAD = "head.ae@moi.example.com"
MINUTES = "/meetings/bc-2025-seoul/minutes"


def _saved(db, email: str) -> str:
    db.session.expire_all()
    return db.session.scalar(select(User.locale).where(User.email == email))


def _switch(client, code: str, next_page: str = "/"):
    page = client.get("/").get_data(as_text=True)
    return client.post("/language", data={"csrf_token": csrf_token(page), "lang": code,
                                          "next": next_page})


def _circulated_minutes_language(app, db) -> str:
    """The language of the e-mail the Arabic head gets when staff circulate the minutes."""
    staff = staff_client(app)
    page = staff.get(f"{MINUTES}/").get_data(as_text=True)
    staff.post(f"{MINUTES}/circulate", data={"csrf_token": csrf_token(page)})
    return db.session.scalar(select(OutboxMessage.language).where(
        OutboxMessage.kind == "minutes_circulated", OutboxMessage.recipient == ARABIC_HEAD))


def test_documents_in_other_languages_leave_the_arabic_heads_pages_and_e_mails_arabic(
        app, db, demo):
    head = app.test_client()
    sign_in(app, head, ARABIC_HEAD)
    assert _saved(db, ARABIC_HEAD) == "ar"
    assert head.get(f"/meetings/{demo}/agenda.pdf?lang=ko").status_code == 200
    assert head.get(f"/meetings/{demo}/agenda.ics?lang=ja").status_code == 200
    assert _saved(db, ARABIC_HEAD) == "ar"
    # the next page is still in Arabic: a document's language is not remembered
    assert '<html lang="ar" dir="rtl">' in head.get(f"/meetings/{demo}/agenda").get_data(
        as_text=True)
    # and the minutes circulated afterwards reach him in Arabic
    assert _circulated_minutes_language(app, db) == "ar"


def test_a_page_in_another_language_lasts_for_the_browser_session_only(app, db, demo):
    head = app.test_client()
    sign_in(app, head, ARABIC_HEAD)
    page = head.get(f"/meetings/{demo}/agenda?lang=ko").get_data(as_text=True)
    assert '<html lang="ko"' in page
    assert '<html lang="ko"' in head.get("/").get_data(as_text=True)  # this browser session
    assert _saved(db, ARABIC_HEAD) == "ar"  # never saved
    elsewhere = app.test_client()  # another browser: his own language
    sign_in(app, elsewhere, ARABIC_HEAD)
    assert '<html lang="ar"' in elsewhere.get("/").get_data(as_text=True)


def test_a_cross_site_get_with_lang_changes_no_saved_preference(app, db, demo):
    head = app.test_client()
    sign_in(app, head, ARABIC_HEAD)
    head.get("/?lang=fr", headers={"Referer": "https://elsewhere.example/"})
    assert _saved(db, ARABIC_HEAD) == "ar"


def test_the_switcher_saves_the_choice_and_e_mails_follow_it(app, db, demo):
    head = app.test_client()
    sign_in(app, head, ARABIC_HEAD)
    response = _switch(head, "fr", f"/meetings/{demo}/agenda?lang=ko&tz=Europe/Paris")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{demo}/agenda?tz=Europe%2FParis")
    assert _saved(db, ARABIC_HEAD) == "fr"
    assert '<html lang="fr"' in head.get(f"/meetings/{demo}/agenda").get_data(as_text=True)
    assert _circulated_minutes_language(app, db) == "fr"


def test_the_switcher_refuses_forged_or_unknown_choices(app, db, demo):
    head = app.test_client()
    sign_in(app, head, ARABIC_HEAD)
    assert head.post("/language", data={"lang": "fr", "next": "/"}).status_code == 400
    assert _switch(head, "xx").status_code == 400
    assert _switch(head, "../fr").status_code == 400
    assert _saved(db, ARABIC_HEAD) == "ar"
    away = _switch(head, "ko", "https://evil.example/")
    assert away.headers["Location"].endswith("/") and "evil" not in away.headers["Location"]


def test_anyone_may_switch_for_their_browser_session(client, demo):
    response = _switch(client, "th", f"/meetings/{demo}/")
    assert response.status_code == 302
    assert '<html lang="th"' in client.get("/").get_data(as_text=True)


def test_the_sign_in_page_reached_from_a_thai_address_is_in_thai(client, demo):
    response = client.get(f"/meetings/{demo}/agenda?lang=th")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="th"' in page


def test_a_minutes_language_tab_changes_the_text_not_the_interface(app, db, demo):
    staff = staff_client(app)
    item = item_titled(db, "Adoption of the agenda")
    page = staff.get(f"{MINUTES}/items/{item.id}").get_data(as_text=True)
    assert f"/minutes/items/{item.id}?text=ko" in page  # the tabs name the text's language
    korean = staff.get(f"{MINUTES}/items/{item.id}?text=ko").get_data(as_text=True)
    assert '<html lang="en"' in korean
    assert re.search(r'<textarea[^>]*lang="ko"', korean)  # the Korean text is edited
    assert '<html lang="en"' in staff.get("/").get_data(as_text=True)


def test_a_head_who_comments_stays_in_his_language(app, db, demo):
    staff = staff_client(app)
    page = staff.get(f"{MINUTES}/").get_data(as_text=True)
    staff.post(f"{MINUTES}/circulate", data={"csrf_token": csrf_token(page)})
    head = app.test_client()
    sign_in(app, head, ARABIC_HEAD)
    item = item_titled(db, "Adoption of the agenda")
    page = head.get(f"{MINUTES}/items/{item.id}?text=en").get_data(as_text=True)
    assert '<html lang="ar"' in page
    sent = head.post(f"{MINUTES}/items/{item.id}/comments?text=en", data={
        "csrf_token": csrf_token(page), "body": "Please record the position of the UAE."})
    assert sent.status_code == 302 and "lang=" not in sent.headers["Location"]
    assert '<html lang="ar"' in head.get(sent.headers["Location"]).get_data(as_text=True)
    assert _saved(db, ARABIC_HEAD) == "ar"
