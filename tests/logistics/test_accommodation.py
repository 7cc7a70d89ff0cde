"""Accommodation: hotels, room blocks, rooms shared within their occupancy, nights from the
travel dates, the database's refusal to overbook (also under parallel requests on PostgreSQL),
the rooming list in its four shapes, and who may do what."""
from __future__ import annotations

import csv
import io
import subprocess
import threading
from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.logistics.accommodation import services
from app.logistics.accommodation.models import BlockNight, BookedRoom, Hotel, RoomBlock, Stay
from app.meetings.models import Meeting
from app.registration.models import Registration
from tests.checkers import vnu_errors
from tests.conftest import csrf_token, sign_in, sign_in_staff, staff_client

THAI_HEAD = "head.th@rtp.example.com"
THAI_DELEGATE = "delegate.th@rtp.example.com"


def _meeting(db) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))


def _person(db, email: str) -> Registration:
    return db.session.scalar(select(Registration).where(Registration.email == email))


def _hotel(db, name: str) -> Hotel:
    return next(h for h in db.session.scalars(select(Hotel)) if h.name.get("en") == name)


def _free_everyone(app, db) -> None:
    with app.test_request_context():
        for stay in db.session.scalars(select(Stay)).all():
            services.remove(stay)
        db.session.commit()


def _small_block(app, db, *, occupancy=1, allotment=2) -> RoomBlock:
    with app.test_request_context():
        block = services.save_block(_hotel(db, "Koreana Hotel"), None, services.BlockDetails(
            room_type={"en": "Small room"}, occupancy=occupancy, rate="100000", currency="KRW",
            first_night=date(2025, 11, 10), last_night=date(2025, 11, 12),
            allotment=allotment))
        db.session.commit()
        return block


def _post(client, url: str, **fields):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True)),
                                  **fields})


# --- the demo and what people see -------------------------------------------------------------

def test_every_demo_participant_has_a_room_some_share_and_counts_match(app, db, demo):
    meeting = _meeting(db)
    with app.test_request_context():
        assert services.unhoused(meeting) == []
        rooms = db.session.scalars(select(BookedRoom)).all()
        assert any(room.guests == 2 for room in rooms)
        for block in db.session.scalars(select(RoomBlock)):
            for night in block.nights:
                held = sum(1 for room in block.rooms
                           if any(s.first_night <= night.night <= s.last_night
                                  for s in room.stays))
                assert night.taken == held, (block.id, night.night)


def test_a_delegate_sees_hotel_room_and_roommate_on_their_registration_page(app, db, demo):
    client = app.test_client()
    sign_in(app, client, THAI_DELEGATE)
    r = _person(db, THAI_DELEGATE)
    page = client.get(f"/meetings/{demo}/registration/{r.id}?lang=en").get_data(as_text=True)
    assert "Lotte Hotel Seoul" in page and "Deluxe twin (Thai delegation)" in page
    assert "WONGSAKUL, Somchai" in page and "3 nights" in page


def test_the_observer_is_warned_that_her_nights_do_not_match_her_arrival(app, db, demo):
    page = staff_client(app).get(f"/meetings/{demo}/logistics/rooming-list?lang=en")
    text_ = page.get_data(as_text=True)
    assert "Arrives on November 10, 2025, but the first night is November 11, 2025." in text_


# --- bad input: clear messages, nothing saved -------------------------------------------------

def test_a_block_form_shows_every_problem_at_once_and_saves_nothing(app, db, demo):
    staff = staff_client(app)
    hotel = _hotel(db, "Koreana Hotel")
    before = db.session.scalar(select(func.count()).select_from(RoomBlock))
    response = _post(staff, f"/meetings/{demo}/logistics/hotels/{hotel.id}/blocks/new?lang=en",
                     room_type_en="", occupancy="7", rate="cheap", currency="WON",
                     first_night="2025-11-12", last_night="2025-11-10", allotment="-1",
                     release_date="2025-11-20", organisation_id="0")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Give the room type in the meeting&#39;s working language.",
                    "A room holds from 1 to 4 people.",
                    "Give the nightly rate as a number",
                    "three-letter ISO 4217 code",
                    "The last night comes before the first night.",
                    "The allotment is a number of rooms per night",
                    "The release date must fall on or before the first night"):
        assert message in page, message
    assert db.session.scalar(select(func.count()).select_from(RoomBlock)) == before


def test_a_room_takes_no_more_people_than_its_type_holds(app, db, demo):
    meeting = _meeting(db)
    with app.test_request_context():
        stay = services.stay_of(_person(db, THAI_DELEGATE))
        full_room = stay.room
        other = _person(db, "head.ae@moi.example.com")
        services.remove(services.stay_of(other))
        db.session.commit()
        # The Thai block is reserved: a room of the open twin block, already holding two.
        twin = services.stay_of(_person(db, "delegate.kh@cnp.example.com")).room
        with pytest.raises(services.AccommodationError) as refused:
            services.assign(other, twin.block, twin)
        assert "This room is full: its room type holds 2 people." in refused.value.message
        db.session.rollback()
        with pytest.raises(services.AccommodationError) as refused:
            services.assign(other, full_room.block, full_room)
        assert "reserved for another delegation" in refused.value.message
        db.session.rollback()
        assert services.stay_of(other) is None
        assert db.session.get(BookedRoom, twin.id).guests == 2
        assert meeting.id


def test_over_allotment_is_refused_with_the_nights_named_and_nothing_half_saved(app, db, demo):
    _free_everyone(app, db)
    block = _small_block(app, db, allotment=1)
    with app.test_request_context():
        block = db.session.get(RoomBlock, block.id)
        services.assign(_person(db, "head.kr@knpa.example.com"), block,
                        first_night=date(2025, 11, 11), last_night=date(2025, 11, 11))
        db.session.commit()
        with pytest.raises(services.AccommodationError) as refused:
            services.assign(_person(db, "head.ae@moi.example.com"), block)  # nights 10-12
        assert "no room left on November 11, 2025" in refused.value.message
        db.session.rollback()
        taken = dict(db.session.execute(select(BlockNight.night, BlockNight.taken).where(
            BlockNight.block_id == block.id)).all())
        assert taken == {date(2025, 11, 10): 0, date(2025, 11, 11): 1, date(2025, 11, 12): 0}
        assert db.session.scalar(select(func.count()).select_from(BookedRoom).where(
            BookedRoom.block_id == block.id)) == 1


def test_nights_outside_the_block_and_in_the_wrong_order_are_refused(app, db, demo):
    staff = staff_client(app)
    stay = db.session.scalar(select(Stay).where(
        Stay.registration_id == _person(db, THAI_DELEGATE).id))
    url = f"/meetings/{demo}/logistics/stays/{stay.id}?lang=en"
    page = _post(staff, url, first_night="2025-11-05", last_night="2025-11-11") \
        .get_data(as_text=True)
    assert "The nights must lie inside the block: from November 9, 2025 to November 13" in page
    page = _post(staff, url, first_night="2025-11-12", last_night="2025-11-10") \
        .get_data(as_text=True)
    assert "The last night comes before the first night." in page
    db.session.expire_all()
    assert db.session.get(Stay, stay.id).first_night == date(2025, 11, 10)


def test_changed_nights_move_the_block_counts(app, db, demo):
    staff = staff_client(app)
    r = _person(db, "head.kr@knpa.example.com")
    stay = db.session.scalar(select(Stay).where(Stay.registration_id == r.id))
    block_id = stay.room.block_id
    response = _post(staff, f"/meetings/{demo}/logistics/stays/{stay.id}",
                     first_night="2025-11-09", last_night="2025-11-10")
    assert response.status_code == 302
    db.session.expire_all()
    taken = dict(db.session.execute(select(BlockNight.night, BlockNight.taken).where(
        BlockNight.block_id == block_id)).all())
    assert taken[date(2025, 11, 9)] == 1 and taken[date(2025, 11, 12)] == 1  # observer only


def test_the_database_itself_refuses_an_overbooked_night_and_an_overfull_room(app, db, demo):
    night = db.session.scalars(select(BlockNight)).first()
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE block_night SET taken = allotment + 1 "
                                "WHERE block_id = :b AND night = :n"),
                           {"b": night.block_id, "n": night.night})
        db.session.flush()
    db.session.rollback()
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE booked_room SET guests = capacity + 1"))
        db.session.flush()
    db.session.rollback()


# --- who may ----------------------------------------------------------------------------------

def test_a_head_fills_the_block_reserved_for_the_delegation_and_no_other(app, db, demo):
    thai = db.session.scalar(select(RoomBlock).where(RoomBlock.organisation_id.is_not(None)))
    open_block = db.session.scalar(select(RoomBlock).where(RoomBlock.organisation_id.is_(None)))
    head = app.test_client()
    sign_in(app, head, THAI_HEAD)
    stay = db.session.scalar(select(Stay.id).where(
        Stay.registration_id == _person(db, THAI_DELEGATE).id))
    assert head.get(f"/meetings/{demo}/logistics/blocks/{thai.id}").status_code == 200
    assert head.get(f"/meetings/{demo}/logistics/blocks/{open_block.id}").status_code == 403
    assert head.get(f"/meetings/{demo}/logistics/rooming-list").status_code == 403
    page = head.get(f"/meetings/{demo}/logistics/blocks/{thai.id}").get_data(as_text=True)
    response = head.post(f"/meetings/{demo}/logistics/stays/{stay}/remove",
                         data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Stay, stay) is None
    other = app.test_client()
    sign_in(app, other, "head.ae@moi.example.com")
    assert other.get(f"/meetings/{demo}/logistics/blocks/{thai.id}").status_code == 403


# --- parallel requests (PostgreSQL: real concurrent transactions) -----------------------------

def _parallel(app, client, url, bodies):
    barrier = threading.Barrier(len(bodies))
    statuses = []

    def post(body):
        own = app.test_client()
        own.set_cookie("session", client.get_cookie("session").value)
        barrier.wait()
        statuses.append(own.post(url, data=body).status_code)

    threads = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _postgresql(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


def test_parallel_assignments_never_overbook_a_block(app, db, demo):
    if not _postgresql(app):
        pytest.skip("SQLite serialises writers; the race is PostgreSQL's")
    _free_everyone(app, db)
    block = _small_block(app, db, occupancy=1, allotment=2)
    staff = app.test_client()
    sign_in_staff(app, staff)
    url = f"/meetings/{demo}/logistics/blocks/{block.id}"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    people = db.session.scalars(select(Registration.id)).all()
    bodies = [{"csrf_token": token, "registration_id": str(pid), "room_id": "0"}
              for pid in people]
    statuses = _parallel(app, staff, url, bodies)
    assert sorted(statuses) == [200] * (len(people) - 2) + [302] * 2
    db.session.expire_all()
    assert set(db.session.scalars(select(BlockNight.taken).where(
        BlockNight.block_id == block.id))) == {2}
    assert db.session.scalar(select(func.count()).select_from(Stay)) == 2


def test_parallel_requests_never_put_more_people_in_a_room_than_it_holds(app, db, demo):
    if not _postgresql(app):
        pytest.skip("SQLite serialises writers; the race is PostgreSQL's")
    _free_everyone(app, db)
    block = _small_block(app, db, occupancy=2, allotment=5)
    people = db.session.scalars(select(Registration).order_by(Registration.id)).all()
    with app.test_request_context():
        room = services.assign(people[0], db.session.get(RoomBlock, block.id)).room
        db.session.commit()
        room_id = room.id
    staff = app.test_client()
    sign_in_staff(app, staff)
    url = f"/meetings/{demo}/logistics/blocks/{block.id}"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    bodies = [{"csrf_token": token, "registration_id": str(p.id), "room_id": str(room_id)}
              for p in people[1:]]
    statuses = _parallel(app, staff, url, bodies)
    assert sorted(statuses) == [200] * (len(bodies) - 1) + [302]
    db.session.expire_all()
    assert db.session.get(BookedRoom, room_id).guests == 2
    assert set(db.session.scalars(select(BlockNight.taken).where(
        BlockNight.block_id == block.id))) == {1}


# --- the rooming list -------------------------------------------------------------------------

def test_rooming_list_csv_and_xlsx_read_back(app, db, demo):
    from openpyxl import load_workbook

    staff = staff_client(app)
    lotte = _hotel(db, "Lotte Hotel Seoul")
    response = staff.get(f"/meetings/{demo}/logistics/hotels/{lotte.id}/rooming-list.csv?lang=en")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    guests = {row["Guest (as in the passport)"]: row for row in rows}
    assert len(rows) == 5
    somchai = guests["WONGSAKUL, Somchai"]
    assert (somchai["Arrival"], somchai["Departure"], somchai["Nights"]) == (
        "2025-11-10", "2025-11-13", "3")
    assert somchai["Sharing with"] == "SRISUK, Nattaya"
    assert somchai["Room"] == guests["SRISUK, Nattaya"]["Room"]
    response = staff.get(f"/meetings/{demo}/logistics/rooming-list.xlsx?lang=ko")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 1 + 7
    assert {row[0] for row in values[1:]} == {"롯데호텔 서울", "코리아나호텔"}
    dubois = next(row for row in values if row[2] == "DUBOIS, Claire")
    assert dubois[6].date() == date(2025, 11, 11) and dubois[8] == 2


def _fonts(pdf: bytes, folder) -> set[str]:
    path = folder / "list.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in lines}


@pytest.mark.one_database
@pytest.mark.parametrize(("lang", "name", "script_font"), [
    ("ko", "롯데호텔 서울", "CJK"), ("th", "โรงแรมล็อตเต้ โซล", "Thai")])
def test_rooming_list_pdf_is_a4_landscape_with_the_hotel_name_in_its_script(
        app, db, demo, tmp_path, lang, name, script_font):
    from pypdf import PdfReader

    from tests.conftest import pdf_text

    response = staff_client(app).get(f"/meetings/{demo}/logistics/rooming-list.pdf?lang={lang}")
    assert response.mimetype == "application/pdf"
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
    content = pdf_text(response.data)
    assert name in content and "WONGSAKUL, Somchai" in content
    assert any(script_font in font for font in _fonts(response.data, tmp_path))


def test_the_export_command_writes_the_rooming_list(app, db, demo, tmp_path):
    out = tmp_path / "rooming.csv"
    result = app.test_cli_runner().invoke(args=[
        "export", "rooming-list", demo, "--format", "csv", "--lang", "fr", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 8 and "DUBOIS, Claire" in {row[2] for row in rows}
    result = app.test_cli_runner().invoke(args=[
        "export", "rooming-list", demo, "--format", "ics", "-o", str(out)])
    assert result.exit_code != 0


@pytest.mark.one_database
def test_logistics_pages_are_valid_html(app, db, demo, tmp_path):
    staff = staff_client(app)
    base = f"/meetings/{demo}/logistics"
    lotte = _hotel(db, "Lotte Hotel Seoul")
    block = lotte.blocks[0]
    stay = block.rooms[0].stays[0]
    registration = stay.registration_id
    pages = {}
    for lang in ("en", "ar", "th"):
        for name, url in (("hub", "/"), ("hotel", f"/hotels/{lotte.id}"),
                          ("hotel-form", f"/hotels/{lotte.id}/edit"),
                          ("block", f"/blocks/{block.id}"),
                          ("block-form", f"/hotels/{lotte.id}/blocks/new"),
                          ("stay", f"/stays/{stay.id}"), ("rooming", "/rooming-list")):
            response = staff.get(f"{base}{url}?lang={lang}")
            assert response.status_code == 200, url
            pages[f"{name}-{lang}.html"] = response.get_data(as_text=True)
        delegate = app.test_client()
        sign_in(app, delegate, THAI_DELEGATE)
        pages[f"registration-{lang}.html"] = delegate.get(
            f"/meetings/{demo}/registration/{_person(db, THAI_DELEGATE).id}?lang={lang}"
        ).get_data(as_text=True)
    assert registration
    assert vnu_errors(pages, tmp_path) == []


def test_logistics_pages_speak_every_language(app, db, demo):
    from app.i18n import LOCALES

    staff = staff_client(app)
    base = f"/meetings/{demo}/logistics"
    block = _hotel(db, "Lotte Hotel Seoul").blocks[0]
    for lang in LOCALES:
        for url in ("/", f"/blocks/{block.id}", "/rooming-list"):
            response = staff.get(f"{base}{url}?lang={lang}")
            assert response.status_code == 200, (lang, url)
            page = response.get_data(as_text=True)
            assert f'lang="{lang.replace("_", "-")}' in page, (lang, url)
            if lang != "en":
                for english in ("Rooming list", "Give a person a room", "Accommodation",
                                "Guest (as in the passport)"):
                    assert f">{english}<" not in page, (lang, url, english)


HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "\u202e\u0000\u200b", "𝕏" * 300, "",
           "-1", "1e309", "NaN", "99999999999999999999", "2025-02-30", "0", "%(name)s"]


def test_hostile_input_into_the_block_and_room_forms_never_breaks_a_page(app, db, demo):
    """Whatever is typed or forged into the forms: a page (200) or a redirect, never a 500, and
    no block or stay made of it."""
    staff = staff_client(app)
    hotel = _hotel(db, "Koreana Hotel")
    block = hotel.blocks[0]
    blocks, stays = (db.session.scalar(select(func.count()).select_from(model))
                     for model in (RoomBlock, Stay))
    new_block = f"/meetings/{demo}/logistics/hotels/{hotel.id}/blocks/new"
    token = csrf_token(staff.get(new_block).get_data(as_text=True))
    for value in HOSTILE:
        response = staff.post(new_block, data={
            "csrf_token": token, "room_type_en": value, "occupancy": value, "rate": value,
            "currency": value, "first_night": value, "last_night": value, "allotment": value,
            "release_date": value, "organisation_id": value or "999999"})
        assert response.status_code == 200, value
        response = staff.post(f"/meetings/{demo}/logistics/blocks/{block.id}", data={
            "csrf_token": token, "registration_id": value, "room_id": value,
            "first_night": value, "last_night": value})
        assert response.status_code in (200, 404), value
    response = staff.post(new_block, data={
        "csrf_token": token, "room_type_en": "Suite", "occupancy": "2", "rate": "1",
        "currency": "KRW", "first_night": "2025-11-10", "last_night": "2025-11-11",
        "allotment": "1", "organisation_id": "999999"})
    assert "Choose a delegation of this meeting." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(RoomBlock)) == blocks
    assert db.session.scalar(select(func.count()).select_from(Stay)) == stays


# --- a closed registration gives its room back ------------------------------------------------

def test_a_cancelled_registration_frees_its_place_and_the_room_goes_to_someone_else(
        app, db, demo):
    from app.audit.models import AuditEntry

    cambodian = _person(db, "delegate.kh@cnp.example.com")
    twin = services.stay_of(cambodian).room
    assert twin.guests == 2
    block_id, room_id = twin.block_id, twin.id
    taken_before = dict(db.session.execute(select(BlockNight.night, BlockNight.taken).where(
        BlockNight.block_id == block_id)).all())
    staff = staff_client(app)
    url = f"/meetings/{demo}/registration/{cambodian.id}"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    assert staff.post(f"{url}/cancel", data={"csrf_token": token, "reason": "Illness"}) \
        .status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Stay).where(Stay.registration_id == cambodian.id)) is None
    room = db.session.get(BookedRoom, room_id)
    assert room.guests == 1 and len(room.stays) == 1
    # The room stays given out (its other guest sleeps there): the block's nights are unchanged.
    assert dict(db.session.execute(select(BlockNight.night, BlockNight.taken).where(
        BlockNight.block_id == block_id)).all()) == taken_before
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "accommodation.removed").order_by(AuditEntry.id.desc())).first()
    assert entry.details["cause"] == "registration.cancelled"
    assert entry.details["registration"] == cambodian.id
    # The freed bed goes to someone else.
    with app.test_request_context():
        other = _person(db, "head.ae@moi.example.com")
        services.remove(services.stay_of(other))
        stay = services.assign(other, room.block, room)
        db.session.commit()
        assert stay.room_id == room_id
    db.session.expire_all()
    assert db.session.get(BookedRoom, room_id).guests == 2


def test_a_rejected_registration_gives_its_nights_back_to_the_block(app, db, demo):
    from app.registration.models import RegistrationStatus
    from app.registration.services import reject

    _free_everyone(app, db)
    block = _small_block(app, db, occupancy=1, allotment=1)
    with app.test_request_context():
        block = db.session.get(RoomBlock, block.id)
        first = _person(db, "head.kr@knpa.example.com")
        first.status = RegistrationStatus.PENDING
        services.assign(first, block)
        db.session.commit()
        second = _person(db, "head.ae@moi.example.com")
        with pytest.raises(services.AccommodationError):
            services.assign(second, block)  # the one room a night is taken
        db.session.rollback()
        reject(db.session.get(Registration, first.id), "Not a police officer.")
        db.session.commit()
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(BookedRoom).where(
        BookedRoom.block_id == block.id)) == 0
    assert set(db.session.scalars(select(BlockNight.taken).where(
        BlockNight.block_id == block.id))) == {0}
    with app.test_request_context():
        stay = services.assign(_person(db, "head.ae@moi.example.com"),
                               db.session.get(RoomBlock, block.id))
        db.session.commit()
        assert stay.night_count == 3
    assert set(db.session.scalars(select(BlockNight.taken).where(
        BlockNight.block_id == block.id))) == {1}
