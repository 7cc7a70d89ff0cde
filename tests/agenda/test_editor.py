"""The secretariat builds the agenda: items, numbering, validation, conflicts, publishing."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from app.agenda.models import AgendaItem, AgendaVersion
from app.mail.models import OutboxMessage
from tests.agenda.helpers import hall, item_titled, post_item, publish
from tests.conftest import csrf_token, sign_in, sign_in_staff

EDIT = "/meetings/bc-2025-seoul/agenda/edit"


def _count(db, model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_staff_adds_an_item_that_delegates_see_once_published(app, client, db, demo):
    sign_in_staff(app, client)
    response = post_item(client, db)
    assert response.status_code == 302
    assert "Coffee briefing" in client.get(EDIT + "?lang=en").get_data(as_text=True)
    delegate = app.test_client()
    sign_in(app, delegate, "delegate.th@rtp.example.com")
    reading = "/meetings/bc-2025-seoul/agenda?lang=en"
    assert "Coffee briefing" not in delegate.get(reading).get_data(as_text=True)
    assert publish(client).status_code == 302
    assert "Coffee briefing" in delegate.get(reading).get_data(as_text=True)


def test_numbers_follow_the_order_and_moving_renumbers(app, client, db, demo):
    sign_in_staff(app, client)
    second = item_titled(db, "Adoption of the agenda")
    html = client.get(EDIT + "?lang=en").get_data(as_text=True)
    assert re.search(rf'id="item-{second.id}">\s*<span class="number" dir="ltr">2<', html)
    page = client.get(EDIT)
    client.post(f"/meetings/bc-2025-seoul/agenda/items/{second.id}/up",
                data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    html = client.get(EDIT + "?lang=en").get_data(as_text=True)
    assert re.search(rf'id="item-{second.id}">\s*<span class="number" dir="ltr">1<', html)


def test_end_before_start_is_refused_next_to_the_field(app, client, db, demo):
    sign_in_staff(app, client)
    before = _count(db, AgendaItem)
    response = post_item(client, db, start_time="11:00", end_time="10:00")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="end_time-error"' in html
    assert "The end time must be after the start time." in html
    assert _count(db, AgendaItem) == before


def test_item_outside_the_meetings_dates_is_refused(app, client, db, demo):
    sign_in_staff(app, client)
    before = _count(db, AgendaItem)
    response = post_item(client, db, day="2025-11-13")
    assert "within the meeting&#39;s dates" in response.get_data(as_text=True)
    assert _count(db, AgendaItem) == before


def test_end_before_start_outside_the_dates_and_no_title_are_all_shown_at_once(
        app, client, db, demo):
    """One submit shows every problem, each by its field, in the reader's language."""
    from html import unescape

    from tests.registration.test_every_error_at_once import field_error
    from tests.test_i18n import catalogue

    sign_in_staff(app, client)
    before = _count(db, AgendaItem)
    page = client.get("/meetings/bc-2025-seoul/agenda/items/new?lang=es")
    from tests.agenda.helpers import item_form
    data = item_form(db, day="2025-11-13", start_time="11:00", end_time="10:00", title_en="",
                     csrf_token=csrf_token(page.get_data(as_text=True)))
    html = client.post("/meetings/bc-2025-seoul/agenda/items/new?lang=es",
                       data=data).get_data(as_text=True)
    es = catalogue("es")
    assert field_error(html, "end_time") == es.gettext(
        "The end time must be after the start time.")
    assert field_error(html, "day") == es.gettext(
        "The time must fall within the meeting's dates.")
    assert field_error(html, "title_en") == es.gettext(
        "Give the title in the meeting's working language.")
    assert unescape(html).count(es.gettext("The end time must be after the start time.")) == 1
    assert _count(db, AgendaItem) == before


def test_unknown_room_is_refused_in_the_readers_language(app, client, db, demo):
    sign_in_staff(app, client)
    page = client.get("/meetings/bc-2025-seoul/agenda/items/new?lang=ko")
    from tests.agenda.helpers import item_form
    data = item_form(db, room_id=99999, csrf_token=csrf_token(page.get_data(as_text=True)))
    response = client.post("/meetings/bc-2025-seoul/agenda/items/new?lang=ko", data=data)
    html = response.get_data(as_text=True)
    assert 'id="room_id-error"' in html and "Not a valid choice" not in html


def test_title_in_the_working_language_is_required(app, client, db, demo):
    sign_in_staff(app, client)
    response = post_item(client, db, title_en="")
    assert "working language" in response.get_data(as_text=True)


def test_room_overlap_is_flagged(app, client, db, demo):
    sign_in_staff(app, client)
    post_item(client, db, title_en="Press point", start_time="09:40", end_time="09:55",
              room_id=hall(db).id)
    html = client.get(EDIT + "?lang=en").get_data(as_text=True)
    assert "Same room at the same time as" in html


def test_editor_shows_which_languages_are_missing(app, client, db, demo):
    sign_in_staff(app, client)
    post_item(client, db, title_ko="")
    html = client.get(EDIT + "?lang=en").get_data(as_text=True)
    assert "Title missing in: Korean" in html


def test_delegates_cannot_use_the_editor(app, client, db, demo):
    sign_in(app, client, "head.th@rtp.example.com")
    assert client.get(EDIT).status_code == 403
    assert client.get("/meetings/bc-2025-seoul/agenda/items/new").status_code == 403
    item = item_titled(db, "Adoption of the agenda")
    page = client.get("/meetings/bc-2025-seoul/agenda")
    response = client.post(f"/meetings/bc-2025-seoul/agenda/items/{item.id}/cancel",
                           data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 403


def test_changing_an_items_time_bumps_sequence_and_tells_delegates(app, client, db, demo):
    sign_in_staff(app, client)
    item = item_titled(db, "Statements by delegations")
    sequence = item.sequence
    mails_before = _count(db, OutboxMessage)
    response = post_item(client, db, url=f"/meetings/bc-2025-seoul/agenda/items/{item.id}/edit",
                         session_id=item.session_id, title_en="Statements by delegations",
                         title_ko="대표단 발언", title_th="ถ้อยแถลงของคณะผู้แทน",
                         start_time="12:05", end_time="12:30")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(AgendaItem, item.id).sequence == sequence + 1
    assert publish(client).status_code == 302
    messages = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "agenda_published").order_by(OutboxMessage.id)
        .offset(mails_before)).all()
    thai = next(m for m in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient == "delegate.th@rtp.example.com")
        .order_by(OutboxMessage.id.desc())))
    assert thai.language == "th" and "ถ้อยแถลงของคณะผู้แทน" in thai.body_text
    assert "12:05" in thai.body_text
    assert f"SEQUENCE:{sequence + 1}" in thai.calendar
    assert "METHOD:PUBLISH" in thai.calendar
    from email import message_from_bytes

    from app.mail.services import build_email
    with app.test_request_context():
        parsed = message_from_bytes(build_email(thai).as_bytes())
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "PUBLISH"
    assert {m.recipient for m in messages} >= {"delegate.th@rtp.example.com",
                                               "head.ae@moi.example.com"}
    assert "staff@knpa.example.com" not in {m.recipient for m in messages}


def test_nothing_to_publish_is_refused_clearly(app, client, db, demo):
    sign_in_staff(app, client)
    versions = _count(db, AgendaVersion)
    response = publish(client)
    assert response.status_code == 200
    assert "Nothing has changed" in response.get_data(as_text=True)
    assert _count(db, AgendaVersion) == versions


def test_adopted_agenda_gets_its_own_symbol(app, client, db, demo):
    sign_in_staff(app, client)
    assert publish(client, "adopted").status_code == 302
    html = client.get("/meetings/bc-2025-seoul/agenda/versions?lang=en").get_data(as_text=True)
    assert "BC/1/2" in html and "BC/1/1" in html and "Adopted agenda" in html
    assert "cannot be published again" in publish(client).get_data(as_text=True)


def test_cancelled_item_stays_numbered_and_marked(app, client, db, demo):
    sign_in_staff(app, client)
    item = item_titled(db, "Statements by delegations")
    page = client.get(EDIT)
    client.post(f"/meetings/bc-2025-seoul/agenda/items/{item.id}/cancel",
                data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    publish(client)
    html = client.get("/meetings/bc-2025-seoul/agenda/versions?lang=en").get_data(as_text=True)
    assert "is cancelled" in html
    reading = client.get("/meetings/bc-2025-seoul/agenda?lang=en").get_data(as_text=True)
    assert 'class="agenda-item cancelled' in reading


def test_document_upload_checks_the_file_itself(app, client, db, demo):
    import io

    sign_in_staff(app, client)
    item = item_titled(db, "Statements by delegations")
    url = f"/meetings/bc-2025-seoul/agenda/items/{item.id}/documents"
    page = client.get(f"/meetings/bc-2025-seoul/agenda/items/{item.id}/edit?lang=en")
    token = csrf_token(page.get_data(as_text=True))
    fake = client.post(url, data={"csrf_token": token, "title": "Evil",
                                  "file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "../../x.pdf")},
                       content_type="multipart/form-data", follow_redirects=True)
    assert "not a valid document" in fake.get_data(as_text=True)
    real = client.post(url, data={"csrf_token": token, "title": "Statement of Thailand",
                                  "file": (io.BytesIO(b"%PDF-1.7\n%%EOF"), "../../th.pdf")},
                       content_type="multipart/form-data", follow_redirects=True)
    assert "Statement of Thailand" in real.get_data(as_text=True)
    from app.agenda.models import AgendaDocument
    doc = db.session.scalar(select(AgendaDocument))
    assert "/" not in doc.stored_name and ".." not in doc.stored_name
    assert doc.original_name == "th.pdf"
    download = client.get(f"/meetings/bc-2025-seoul/agenda/documents/{doc.id}")
    assert download.data.startswith(b"%PDF") and "attachment" in \
        download.headers["Content-Disposition"]
