"""The list of speakers: a delegate asks from the phone for their own delegation (once, never for
another, never on a closed list), the chair orders, gives the floor and ends it; points of order
and rights of reply jump the queue; parallel requests never put a delegation on a list twice
(the database's partial unique index); interventions start the item's minutes; the room
display's state with its ETag, its signed link (expiring, revocable), and the pages valid."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.audit.models import AuditEntry
from app.floor.speakers import services
from app.floor.speakers.models import (
    RequestKind,
    RequestState,
    SpeakerRequest,
    SpeakersList,
)
from app.meetings.models import Meeting, Organisation
from app.minutes.models import MinutesEntry
from tests.agenda.helpers import item_titled
from tests.conftest import csrf_token, sign_in, staff_client

DELEGATE = "delegate.th@rtp.example.com"  # Thai delegate of the Royal Thai Police
HEAD_AE = "head.ae@moi.example.com"  # head of the UAE delegation, reads Arabic
OBSERVER = "observer@interpol.example.com"
ITEM = "Adoption of the agenda"


def _meeting(db, demo) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == demo))


def _org(db, code: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.code == code))


def _chair(db):
    from app.auth.models import User

    return db.session.scalar(select(User).where(User.email == "staff@knpa.example.com"))


def _opened(app, db, demo, title: str = ITEM) -> SpeakersList:
    with app.test_request_context():
        lst = services.open_list(_meeting(db, demo), item_titled(db, title), actor=_chair(db))
        db.session.commit()
        return lst


def _signed_in(app, email):
    client = app.test_client()
    sign_in(app, client, email)
    return client


def _ask(client, demo, item_id, **data):
    url = f"/meetings/{demo}/floor/items/{item_id}"
    page = client.get(url).get_data(as_text=True)
    return client.post(f"{url}/ask", data={"csrf_token": csrf_token(page), "kind": "speech",
                                           "speaker_name": "", **data})


def _requests(db, **where):
    db.session.expire_all()
    return db.session.scalars(select(SpeakerRequest).filter_by(**where)
                              .order_by(SpeakerRequest.id)).all()


# --- asking ----------------------------------------------------------------------------------

def test_delegate_asks_for_the_floor_for_her_delegation_and_sees_herself_on_the_list(
        app, db, demo):
    lst = _opened(app, db, demo)
    rtp = _org(db, "rtp")
    client = _signed_in(app, DELEGATE)
    response = _ask(client, demo, lst.item_id, organisation_id=rtp.id,
                    speaker_name="Nattaya Srisuk")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert rtp.name["th"] in page or rtp.name["en"] in page
    [asked] = _requests(db, list_id=lst.id)
    assert (asked.organisation_id, asked.kind, asked.state, asked.speaker_name) == (
        rtp.id, RequestKind.SPEECH, RequestState.WAITING, "Nattaya Srisuk")


def test_asking_twice_for_another_delegation_or_on_a_closed_list_is_refused_whole(
        app, db, demo):
    lst = _opened(app, db, demo)
    rtp, uae = _org(db, "rtp"), _org(db, "moi-ae")
    client = _signed_in(app, DELEGATE)
    assert _ask(client, demo, lst.item_id, organisation_id=rtp.id).status_code == 302
    twice = _ask(client, demo, lst.item_id, organisation_id=rtp.id)
    assert twice.status_code == 400
    from tests.test_i18n import catalogue

    assert catalogue("th").gettext(  # she reads Thai
        "This delegation is already on the list of speakers for this item.") in twice.get_data(
        as_text=True)
    other = _ask(client, demo, lst.item_id, organisation_id=uae.id)
    assert other.status_code == 400  # not a choice of hers: the form refuses it
    with app.test_request_context():
        with pytest.raises(services.FloorError, match="only for your own delegation"):
            services.ask(services.list_of(lst.item), uae.id,
                         asker=services.Asker(None, frozenset({rtp.id})))
        services.close_list(services.list_of(lst.item), actor=_chair(db))
        db.session.commit()
    head = _signed_in(app, HEAD_AE)
    closed = _ask(head, demo, lst.item_id, organisation_id=uae.id)
    assert closed.status_code in (400, 200)
    assert len(_requests(db, list_id=lst.id)) == 1
    assert _requests(db, list_id=lst.id)[0].organisation_id == rtp.id


def test_refusals_are_translated(app, db, demo):
    lst = _opened(app, db, demo)
    uae = _org(db, "moi-ae")
    head = _signed_in(app, HEAD_AE)
    head.post("/language", data={"csrf_token": csrf_token(
        head.get("/").get_data(as_text=True)), "lang": "ar", "next": "/"})
    _ask(head, demo, lst.item_id, organisation_id=uae.id)
    again = _ask(head, demo, lst.item_id, organisation_id=uae.id)
    from tests.test_i18n import catalogue

    wanted = catalogue("ar").gettext(
        "This delegation is already on the list of speakers for this item.")
    assert again.status_code == 400 and wanted in again.get_data(as_text=True)


def test_observer_reads_the_list_but_has_no_form_to_ask(app, db, demo):
    lst = _opened(app, db, demo)
    observer = _signed_in(app, OBSERVER)
    page = observer.get(f"/meetings/{demo}/floor/items/{lst.item_id}")
    assert page.status_code == 200 and "/ask" not in page.get_data(as_text=True)
    page = observer.get(f"/meetings/{demo}/floor/items/{lst.item_id}")
    assert observer.post(f"/meetings/{demo}/floor/items/{lst.item_id}/ask", data={
        "csrf_token": csrf_token(page.get_data(as_text=True))}).status_code == 403


def test_parallel_requests_never_put_a_delegation_twice_on_a_list(app, db, demo):
    from app.extensions import db as _db

    lst = _opened(app, db, demo)
    list_id, rtp_id = lst.id, _org(db, "rtp").id
    db.session.remove()
    barrier = threading.Barrier(6)
    made, refused, failed = [], [], []

    def ask() -> None:
        with app.test_request_context():
            try:
                found = _db.session.get(SpeakersList, list_id)
                barrier.wait(timeout=10)
                services.ask(found, rtp_id, asker=services.Asker(None, frozenset({rtp_id})))
                _db.session.commit()
                made.append(1)
            except services.FloorError:
                refused.append(1)
            except Exception as exc:  # noqa: BLE001 - reported below
                failed.append(repr(exc))
            finally:
                _db.session.rollback()
                _db.session.remove()

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if db.engine.dialect.name == "sqlite":
        failed = [f for f in failed if "locked" not in f]  # one writer at a time
    assert failed == []
    assert len(made) == 1
    assert db.session.scalar(select(func.count()).select_from(SpeakerRequest).where(
        SpeakerRequest.list_id == list_id, SpeakerRequest.organisation_id == rtp_id)) == 1


def test_the_database_refuses_a_second_open_request_of_a_delegation(app, db, demo):
    lst = _opened(app, db, demo)
    rtp = _org(db, "rtp")
    db.session.add(SpeakerRequest(list_id=lst.id, organisation_id=rtp.id, position=1))
    db.session.commit()
    db.session.add(SpeakerRequest(list_id=lst.id, organisation_id=rtp.id, position=2))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    # Once heard, the delegation may ask again.
    first = _requests(db, list_id=lst.id)[0]
    first.state, first.started_at, first.duration_seconds = (
        RequestState.DONE, first.requested_at, 30)
    db.session.add(SpeakerRequest(list_id=lst.id, organisation_id=rtp.id, position=2))
    db.session.commit()
    assert len(_requests(db, list_id=lst.id, organisation_id=rtp.id)) == 2


# --- the chair --------------------------------------------------------------------------------

def test_points_of_order_and_rights_of_reply_jump_the_queue_and_the_chair_reorders(
        app, db, demo):
    lst = _opened(app, db, demo)
    chair = services.Asker(_chair(db), frozenset(), chair=True)
    codes = ["rtp", "moi-ae", "knpa", "spf"]
    with app.test_request_context():
        found = services.list_of(lst.item)
        services.ask(found, _org(db, "rtp").id, asker=chair)
        services.ask(found, _org(db, "moi-ae").id, asker=chair)
        services.ask(found, _org(db, "knpa").id, kind="right_of_reply", asker=chair)
        services.ask(found, _org(db, "spf").id, kind="point_of_order", asker=chair)
        db.session.commit()
        order = [r.organisation.code for r in services.queue(found)]
        assert order == ["spf", "knpa", "rtp", "moi-ae"]
        uae = next(r for r in services.queue(found) if r.organisation.code == "moi-ae")
        services.move(uae, "up", actor=_chair(db))
        db.session.commit()
        assert [r.organisation.code for r in services.queue(found)] == [
            "spf", "knpa", "moi-ae", "rtp"]
        assert set(codes) == {r.organisation.code for r in found.requests}


def test_chair_gives_the_floor_ends_it_and_the_intervention_is_recorded(app, db, demo):
    lst = _opened(app, db, demo)
    rtp = _org(db, "rtp")
    client = _signed_in(app, DELEGATE)
    _ask(client, demo, lst.item_id, organisation_id=rtp.id, speaker_name="Nattaya Srisuk")
    chair = staff_client(app)
    console = f"/meetings/{demo}/floor/items/{lst.item_id}/console"
    page = chair.get(console)
    assert page.status_code == 200
    token = csrf_token(page.get_data(as_text=True))
    assert chair.post(console.replace("/console", "/give"),
                      data={"csrf_token": token}).status_code == 302
    [speaking] = _requests(db, list_id=lst.id)
    assert speaking.state == RequestState.SPEAKING and speaking.started_at is not None
    speaking.started_at -= timedelta(seconds=95)  # the delegate speaks for a while
    db.session.commit()
    assert chair.post(console.replace("/console", "/end"),
                      data={"csrf_token": token}).status_code == 302
    [done] = _requests(db, list_id=lst.id)
    assert done.state == RequestState.DONE and 95 <= done.duration_seconds < 100
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"floor.list_opened", "floor.floor_given", "floor.intervention_ended"} <= actions
    page = chair.get(console).get_data(as_text=True)
    assert "Nattaya Srisuk" in page and "1:3" in page


def test_interventions_start_the_items_minutes_in_the_minutes_language(app, db, demo):
    lst = _opened(app, db, demo)
    chair = services.Asker(_chair(db), frozenset(), chair=True)
    with app.test_request_context():
        found = services.list_of(lst.item)
        services.ask(found, _org(db, "knpa").id, speaker_name="Park Ji-hoon", asker=chair)
        services.ask(found, _org(db, "rtp").id, kind="right_of_reply", asker=chair)
        services.give_floor(found)
        services.give_floor(found)
        services.end_intervention(found)
        db.session.commit()
        language = services.offer_to_minutes(found, actor=_chair(db))
        db.session.commit()
        with pytest.raises(services.FloorError):
            services.offer_to_minutes(found)  # twice: it is there already
    entry = db.session.scalar(select(MinutesEntry).where(
        MinutesEntry.item_id == lst.item_id, MinutesEntry.language == language))
    assert entry.body.startswith("Interventions on this item:")
    lines = entry.body.splitlines()
    # The right of reply was heard first: it jumped the queue.
    assert lines[2].startswith("1. Royal Thai Police, Right of reply: from ")
    assert lines[3].startswith("2. ") and "(Park Ji-hoon)" in lines[3]


def test_limits_are_checked_and_the_item_limit_wins(app, db, demo):
    lst = _opened(app, db, demo)
    meeting = _meeting(db, demo)
    with app.test_request_context():
        with pytest.raises(services.FloorError):
            services.set_meeting_limit(meeting, "5")
        db.session.rollback()
        services.set_meeting_limit(meeting, 120)
        found = services.list_of(lst.item)
        services.set_item_limit(found, 300)
        db.session.commit()
        assert services.state(meeting, ["en"])["limit"] == 300
        services.set_item_limit(found, "")
        db.session.commit()
        assert services.state(meeting, ["en"])["limit"] == 120


# --- the state and the room display -----------------------------------------------------------

def test_state_answers_304_until_something_changes(app, db, demo):
    lst = _opened(app, db, demo)
    client = _signed_in(app, DELEGATE)
    url = f"/meetings/{demo}/floor/state.json"
    first = client.get(url)
    assert first.status_code == 200 and first.json["item"]["id"] == lst.item_id
    assert first.json["item"]["title"]["en"] == ITEM
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["X-Floor-Now"]
    _ask(client, demo, lst.item_id, organisation_id=_org(db, "rtp").id)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert [q["organisation_id"] for q in changed.json["queue"]] == [_org(db, "rtp").id]


def test_display_link_works_without_a_session_expires_and_is_revoked(app, db, demo):
    _opened(app, db, demo)
    meeting = _meeting(db, demo)
    anonymous = app.test_client()
    assert anonymous.get(f"/meetings/{demo}/floor/display").status_code == 302
    chair = staff_client(app)
    page = chair.get(f"/meetings/{demo}/floor/").get_data(as_text=True)
    made = chair.post(f"/meetings/{demo}/floor/display-link",
                      data={"csrf_token": csrf_token(page), "hours": "12"})
    assert made.status_code == 200
    import re

    link = re.search(r'id="display-url"[^>]*>([^<]+)<', made.get_data(as_text=True)).group(1)
    path = link.replace("&amp;", "&").removeprefix(app.config["PUBLIC_URL"])
    shown = anonymous.get(path)
    assert shown.status_code == 200 and "Set-Cookie" not in shown.headers
    key = path.split("key=")[1]
    state = anonymous.get(f"/meetings/{demo}/floor/state.json?key={key}")
    assert state.status_code == 200 and state.json["item"]["title"]["ko"]
    assert anonymous.get(f"/meetings/{demo}/floor/state.json?key={key}x").status_code == 403
    from app.floor.speakers.models import FloorState

    floor = db.session.scalar(select(FloorState).where(FloorState.meeting_id == meeting.id))
    floor.display_expires_at -= timedelta(hours=13)
    db.session.commit()
    assert anonymous.get(path).status_code == 403
    floor.display_expires_at += timedelta(hours=13)
    db.session.commit()
    assert anonymous.get(path).status_code == 200
    page = chair.get(f"/meetings/{demo}/floor/").get_data(as_text=True)
    chair.post(f"/meetings/{demo}/floor/display-link/revoke",
               data={"csrf_token": csrf_token(page)})
    assert anonymous.get(path).status_code == 403


@pytest.mark.one_database
def test_pages_are_valid_html(app, db, demo, tmp_path):
    from tests.checkers import vnu_errors

    lst = _opened(app, db, demo)
    with app.test_request_context():
        services.ask(services.list_of(lst.item), _org(db, "rtp").id,
                     asker=services.Asker(None, frozenset(), chair=True))
        services.give_floor(services.list_of(lst.item))
        db.session.commit()
    chair = staff_client(app)
    delegate = _signed_in(app, DELEGATE)
    pages = {"index": chair.get(f"/meetings/{demo}/floor/"),
             "console": chair.get(f"/meetings/{demo}/floor/items/{lst.item_id}/console"),
             "display": chair.get(f"/meetings/{demo}/floor/display"),
             "phone": delegate.get(f"/meetings/{demo}/floor/items/{lst.item_id}?lang=ar")}
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert vnu_errors({name: page.get_data(as_text=True) for name, page in pages.items()},
                      tmp_path) == []


@pytest.mark.parametrize("lang", ["en", "ko", "zh_Hans", "ja", "vi", "th", "km", "lo", "id",
                                  "ms", "fil", "ar", "fr", "es", "pt"])
def test_the_delegates_page_in_every_locale(app, db, demo, lang):
    lst = _opened(app, db, demo)
    delegate = _signed_in(app, DELEGATE)
    page = delegate.get(f"/meetings/{demo}/floor/items/{lst.item_id}?lang={lang}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html
    if lang != "en":
        from tests.test_i18n import catalogue

        assert catalogue(lang).gettext("Ask for the floor") in html

