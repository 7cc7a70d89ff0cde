"""Arrivals, departures and transfers: flights checked together and copied into the
registration, the manifest read back as CSV, XLSX and PDF (and from `flask export`), the
database's refusal of a full vehicle or a vehicle in two places (also under parallel requests,
on PostgreSQL too), the pickup in the person's calendar feed as four parsers read it, and the
pages as valid HTML."""
from __future__ import annotations

import csv
import io
import re
import threading
from datetime import datetime

import pytest
from icalendar import Calendar
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.i18n import LOCALES
from app.logistics.travel.flights import flights_of, release
from app.logistics.travel.models import Direction, Flight, Trip, Vehicle
from app.meetings.models import Meeting
from app.registration.models import Registration
from tests.checkers import js_parsers_read, vnu_errors
from tests.conftest import csrf_token, pdf_text, sign_in, sign_in_staff

BASE = "/meetings/bc-2025-seoul/logistics"
THAI_DELEGATE = "delegate.th@rtp.example.com"
CAMBODIAN = "delegate.kh@cnp.example.com"


def _person(db, email: str) -> Registration:
    return db.session.scalar(select(Registration).where(Registration.email == email))


def _staff(app):
    client = app.test_client()
    sign_in_staff(app, client)
    return client


def _flight_form(page: str, **values) -> dict:
    data = {"csrf_token": csrf_token(page)}
    for leg, (carrier, number, airport, terminal, day, time) in (
            ("arrival", ("KE", "652", "ICN", "1", "2025-11-10", "14:35")),
            ("departure", ("KE", "651", "ICN", "1", "2025-11-13", "10:05"))):
        data.update({f"{leg}_carrier": carrier, f"{leg}_number": number,
                     f"{leg}_airport": airport, f"{leg}_terminal": terminal,
                     f"{leg}_day": day, f"{leg}_time": time})
    data.update(values)
    return data


def test_a_delegate_enters_their_flights_and_the_registration_follows(app, db, demo):
    client = app.test_client()
    sign_in(app, client, THAI_DELEGATE)
    person = _person(db, THAI_DELEGATE)
    url = f"{BASE}/flights/{person.id}?lang=en"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data=_flight_form(page, arrival_carrier="oz",
                                                  arrival_number=" 742 "))
    assert response.status_code == 302
    db.session.expire_all()
    legs = flights_of(_person(db, THAI_DELEGATE))
    assert legs[Direction.ARRIVAL].code == "OZ 742"
    assert legs[Direction.ARRIVAL].at == datetime(2025, 11, 10, 5, 35)  # 14:35 in Seoul
    person = _person(db, THAI_DELEGATE)
    assert (person.arrival_flight, str(person.arrival_date)) == ("OZ742", "2025-11-10")
    assert person.departure_flight == "KE651"
    detail = client.get(f"/meetings/bc-2025-seoul/registration/{person.id}?lang=en").get_data(
        as_text=True)
    assert "OZ 742" in detail and "Flights and transfers" in detail


def test_bad_flights_are_all_refused_at_once_and_nothing_is_saved(app, db, demo):
    client = app.test_client()
    sign_in(app, client, THAI_DELEGATE)
    person = _person(db, THAI_DELEGATE)
    before = {d: (f.code, f.local_time) for d, f in flights_of(person).items()}
    url = f"{BASE}/flights/{person.id}?lang=en"
    page = client.get(url).get_data(as_text=True)
    html = client.post(url, data=_flight_form(
        page, arrival_airport="Incheon", arrival_day="2025-09-01", departure_carrier="K",
        departure_time="25:00")).get_data(as_text=True)
    assert "three-letter code" in html
    assert "An arrival must fall between" in html
    assert "airline&#39;s code" in html or "airline's code" in html
    assert "14:35" in html  # the time example
    html = client.post(url, data=_flight_form(
        page, arrival_day="2025-11-12", arrival_time="20:00", departure_day="2025-11-12",
        departure_time="08:00")).get_data(as_text=True)
    assert "The departure must come after the arrival." in html
    db.session.expire_all()
    assert {d: (f.code, f.local_time) for d, f in flights_of(
        _person(db, THAI_DELEGATE)).items()} == before


def test_another_head_may_not_touch_a_delegate_flights(app, db, demo):
    client = app.test_client()
    sign_in(app, client, "head.ae@moi.example.com")
    person = _person(db, THAI_DELEGATE)
    assert client.get(f"{BASE}/flights/{person.id}").status_code == 403
    manifest = client.get(f"{BASE}/arrivals/").get_data(as_text=True)
    assert "AL MANSOORI" in manifest and "SRISUK" not in manifest


def test_the_manifest_reads_back_as_csv_xlsx_and_pdf(app, db, demo, tmp_path):
    from openpyxl import load_workbook

    staff = _staff(app)
    data = staff.get(f"{BASE}/arrivals.csv?lang=fr").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:4] == ["Date", "Heure", "Arrivée ou départ", "Vol"]
    flights = {(r[3], r[4], r[6]) for r in rows[1:]}
    assert ("KE 690", "ICN", "SOK, Dara") in flights
    assert ("KE 1204", "GMP", "PARK, Ji-hoon") in flights  # the one at Gimpo
    assert len(rows) - 1 == 14  # seven people, two legs each
    book = load_workbook(io.BytesIO(staff.get(f"{BASE}/arrivals.xlsx?lang=en").data))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert cells[0][9] == "Met by"
    kh = next(row for row in cells if row[6] == "SOK, Dara" and row[2] == "Arrival")
    assert kh[1] == "06:55" and "Van" in kh[10] and "07:30" in kh[10]
    pdf = staff.get(f"{BASE}/arrivals.pdf?lang=ko")
    assert pdf.mimetype == "application/pdf"
    text_layer = pdf_text(pdf.data)
    assert "KE 690" in text_layer and "SOK, Dara" in text_layer and "도착" in text_layer
    out = tmp_path / "arrivals.csv"
    result = app.test_cli_runner().invoke(args=[
        "export", "arrivals", "bc-2025-seoul", "--format", "csv", "--lang", "fr", "-o",
        str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().decode("utf-8-sig") == data


def test_a_delegate_sees_only_their_own_legs(app, db, demo):
    client = app.test_client()
    sign_in(app, client, CAMBODIAN)
    rows = list(csv.reader(io.StringIO(client.get(f"{BASE}/arrivals.csv").data.decode(
        "utf-8-sig"))))
    assert {row[6] for row in rows[1:]} == {"SOK, Dara"}


def _trip(db, plate_part: str, direction: Direction) -> Trip:
    return next(t for t in db.session.scalars(select(Trip).order_by(Trip.starts_at))
                if plate_part in t.vehicle.plate and t.direction == direction)


def test_the_database_refuses_a_full_vehicle_and_a_vehicle_in_two_places(app, db, demo):
    car = db.session.scalar(select(Vehicle).where(Vehicle.kind == "car"))
    trip = db.session.scalar(select(Trip).where(Trip.vehicle_id == car.id))
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE transfer_trip SET seats_taken = capacity + 1 "
                                "WHERE id = :id"), {"id": trip.id})
        db.session.commit()
    db.session.rollback()
    trip = db.session.scalar(select(Trip).where(Trip.vehicle_id == car.id))
    db.session.add(Trip(meeting_id=trip.meeting_id, vehicle_id=car.id, direction=trip.direction,
                        airport="ICN", starts_at=trip.starts_at, ends_at=trip.ends_at,
                        capacity=car.capacity, seats_taken=0))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def _parallel(app, client, url, bodies) -> list[int]:
    """Post every body at the same moment, each on its own connection and session."""
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


def test_parallel_requests_never_fill_a_vehicle_past_its_seats(app, db, demo):
    meeting = db.session.scalar(select(Meeting).where(Meeting.slug == "bc-2025-seoul"))
    morning = [f for f in db.session.scalars(select(Flight).where(
        Flight.direction == Direction.ARRIVAL, Flight.airport == "ICN"))
        if f.at < datetime(2025, 11, 10)]
    with app.test_request_context():
        for flight in morning:
            release(flight)
        db.session.commit()
    assert len(morning) == 4  # 06:40, 06:55 and two at 08:30 (Seoul)
    staff = _staff(app)
    page = staff.get(f"{BASE}/vehicles/").get_data(as_text=True)
    staff.post(f"{BASE}/vehicles/", data={"csrf_token": csrf_token(page), "kind": "car",
                                          "capacity": "2", "plate": "서울 99라 0001"})
    car = db.session.scalar(select(Vehicle).where(Vehicle.plate == "서울 99라 0001"))
    page = staff.get(f"{BASE}/transfers/").get_data(as_text=True)
    response = staff.post(f"{BASE}/transfers/", data={
        "csrf_token": csrf_token(page), "vehicle_id": car.id, "direction": "arrival",
        "airport": "ICN", "day": "2025-11-10", "starts": "09:00", "ends": "10:30"})
    assert response.status_code == 302
    trip = db.session.scalar(select(Trip).where(Trip.vehicle_id == car.id))
    url = f"{BASE}/transfers/{trip.id}"
    token = csrf_token(staff.get(url).get_data(as_text=True))
    statuses = _parallel(app, staff, url, [
        {"rider-csrf_token": token, "action": "add", "rider-flight_id": f.id} for f in morning])
    assert sorted(statuses) == [200, 200, 302, 302]
    db.session.expire_all()
    trip = db.session.get(Trip, trip.id)
    assert trip.seats_taken == 2 and len(trip.passengers) == 2
    assert meeting.id == trip.meeting_id


def test_parallel_requests_never_put_a_vehicle_in_two_places(app, db, demo):
    staff = _staff(app)
    car = db.session.scalar(select(Vehicle).where(Vehicle.kind == "car"))
    page = staff.get(f"{BASE}/transfers/").get_data(as_text=True)
    bodies = [{"csrf_token": csrf_token(page), "vehicle_id": car.id, "direction": "arrival",
               "airport": "ICN", "day": "2025-11-11", "starts": f"09:{minute:02d}",
               "ends": "11:00"} for minute in (0, 10, 20, 30)]
    statuses = _parallel(app, staff, f"{BASE}/transfers/", bodies)
    assert sorted(statuses) == [200, 200, 200, 302]
    db.session.expire_all()
    day = [t for t in db.session.scalars(select(Trip).where(Trip.vehicle_id == car.id))
           if t.starts_at.date().isoformat() == "2025-11-11"]
    assert len(day) == 1


def test_a_pickup_is_in_the_person_calendar_feed_for_four_parsers(app, db, demo, tmp_path):
    client = app.test_client()
    sign_in(app, client, CAMBODIAN)
    page = client.get("/meetings/bc-2025-seoul/calendar").get_data(as_text=True)
    html = client.post("/meetings/bc-2025-seoul/calendar", data={
        "csrf_token": csrf_token(page), "action": "create"}).get_data(as_text=True)
    feed = re.search(r'value="https?://[^/"]+(/calendar/[^"]+)"', html).group(1)
    data = app.test_client().get(feed.replace("&amp;", "&") + "?lang=en").data
    flight = flights_of(_person(db, CAMBODIAN))[Direction.ARRIVAL]
    uid_start = f"pickup-{flight.id}@"
    pickup = [e for e in Calendar.from_ical(data).walk("VEVENT")
              if str(e["UID"]).startswith(uid_start)]
    assert len(pickup) == 1
    assert str(pickup[0]["SUMMARY"]).startswith("Pickup at ICN after KE 690")
    assert "Kim Min-jun" in str(pickup[0]["DESCRIPTION"])
    import vobject

    parsed = vobject.readOne(data.decode())
    assert any(e.uid.value.startswith(uid_start) for e in parsed.vevent_list)
    read = js_parsers_read({"feed": data}, tmp_path)["feed"]
    for parser in ("ical.js", "node-ical"):
        events = [e for e in read[parser]["events"] if e["uid"].startswith(uid_start)]
        assert len(events) == 1, parser
        assert events[0]["start_utc"] == "2025-11-09T22:30:00Z", parser  # 07:30 in Seoul
        assert events[0]["tzid"] == "Asia/Seoul", parser
        assert events[0]["summary"].startswith("Pickup at ICN"), parser
    other = app.test_client()
    sign_in(app, other, "head.ae@moi.example.com")  # another person: not their pickup
    page = other.get("/meetings/bc-2025-seoul/calendar").get_data(as_text=True)
    html = other.post("/meetings/bc-2025-seoul/calendar", data={
        "csrf_token": csrf_token(page), "action": "create"}).get_data(as_text=True)
    feed = re.search(r'value="https?://[^/"]+(/calendar/[^"]+)"', html).group(1)
    assert uid_start.encode() not in app.test_client().get(feed.replace("&amp;", "&")).data


@pytest.mark.one_database
def test_travel_pages_are_valid_html(app, db, demo, tmp_path):
    staff = _staff(app)
    trip = db.session.scalar(select(Trip).order_by(Trip.id))
    vehicle = db.session.scalar(select(Vehicle).order_by(Vehicle.id))
    person = _person(db, THAI_DELEGATE)
    pages = {}
    for lang in LOCALES:  # every page in every language; the forms in three scripts
        paths = ["/arrivals/", "/transfers/", f"/transfers/{trip.id}"]
        if lang in ("en", "ar", "km"):
            paths += [f"/flights/{person.id}", "/vehicles/", f"/vehicles/{vehicle.id}", "/"]
        for path in paths:
            response = staff.get(f"{BASE}{path}?lang={lang}")
            assert response.status_code == 200, path
            pages[f"{path} {lang}"] = response.get_data(as_text=True)
    assert 'href="/meetings/bc-2025-seoul/logistics/transfers/"' in pages["/ en"]  # the hub
    assert "Arrivées et départs" in pages["/arrivals/ fr"]
    assert "الوصول والمغادرة" in pages["/arrivals/ ar"]
    page = pages[f"/flights/{person.id} en"]
    pages["bad flights"] = staff.post(f"{BASE}/flights/{person.id}", data=_flight_form(
        page, arrival_airport="??")).get_data(as_text=True)
    assert vnu_errors(pages, tmp_path) == []


def test_the_purge_erases_every_flight_and_the_drivers_contacts(app, db, demo):
    staff = _staff(app)
    assert "KE 690" in staff.get(f"{BASE}/arrivals.csv").data.decode("utf-8-sig")
    person = _person(db, CAMBODIAN)
    held = staff.get(f"/meetings/{demo}/registration/{person.id}/my-data.json").get_json()
    assert [(f["direction"], f["carrier"], f["number"], f["airport"]) for f in
            held["flights"]] == [("arrival", "KE", "690", "ICN"), ("departure", "KE", "689",
                                                                   "ICN")]
    result = app.test_cli_runner().invoke(args=["privacy", "purge", demo])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.scalar(text("SELECT count(*) FROM flight")) == 0
    assert db.session.scalar(text("SELECT count(*) FROM transfer_passenger")) == 0
    assert db.session.scalar(text("SELECT max(seats_taken) FROM transfer_trip")) == 0
    assert db.session.scalar(text(
        "SELECT count(*) FROM transfer_vehicle WHERE driver_phone IS NOT NULL "
        "OR driver_name != ''")) == 0
    rows = staff.get(f"{BASE}/arrivals.csv").data.decode("utf-8-sig").splitlines()
    assert len(rows) == 1  # the header alone
    held = staff.get(f"/meetings/{demo}/registration/{person.id}/my-data.json").get_json()
    assert held["flights"] == []


@pytest.mark.one_database
@pytest.mark.parametrize(("lang", "word", "names"), [
    ("ko", "도착", {"CJK": "박지훈", "Thai": "สมชาย", "Khmer": "សុខ"}),
    ("ar", "الوصول", {"Arabic": "خالد", "Lao": "ສຸກສະຫວັນ"})])
def test_the_manifest_pdf_is_a4_landscape_with_each_script_in_its_font(
        app, db, demo, tmp_path, lang, word, names):
    import subprocess

    from pypdf import PdfReader

    data = _staff(app).get(f"{BASE}/arrivals.pdf?lang={lang}").data
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    text_layer = pdf_text(data)
    assert word in text_layer
    path = tmp_path / "arrivals.pdf"
    path.write_bytes(data)
    fonts = {line.split()[0].split("+", 1)[-1] for line in subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        .splitlines()[2:]}
    for script, name in names.items():
        assert name in text_layer, name
        assert any(script in font for font in fonts), (script, fonts)


def test_bad_vehicles_and_trips_are_refused_with_every_problem_named(app, db, demo):
    staff = _staff(app)
    page = staff.get(f"{BASE}/vehicles/?lang=en").get_data(as_text=True)
    html = staff.post(f"{BASE}/vehicles/?lang=en", data={
        "csrf_token": csrf_token(page), "kind": "rocket", "capacity": "0",
        "plate": "서울 12가 3456", "driver_phone": "call me"}).get_data(as_text=True)
    for message in ("Choose the kind of vehicle.", "a number from 1 to 60",
                    "Another vehicle of this meeting has this plate.",
                    "with its country code"):
        assert message in html, message
    assert db.session.scalar(select(Vehicle.id).where(Vehicle.kind == "van").order_by(
        Vehicle.id.desc())) is not None
    assert len(db.session.scalars(select(Vehicle)).all()) == 3  # nothing added
    car = db.session.scalar(select(Vehicle).where(Vehicle.kind == "car"))
    page = staff.get(f"{BASE}/transfers/?lang=en").get_data(as_text=True)
    html = staff.post(f"{BASE}/transfers/?lang=en", data={
        "csrf_token": csrf_token(page), "vehicle_id": car.id, "direction": "arrival",
        "airport": "ICN", "day": "2025-11-10", "starts": "17:45", "ends": "18:30"}).get_data(
        as_text=True)
    assert "is on another trip at that time (from" in html and "5:15" in html
    html = staff.post(f"{BASE}/transfers/?lang=en", data={
        "csrf_token": csrf_token(page), "vehicle_id": "", "direction": "sideways",
        "airport": "Seoul", "day": "2024-01-01", "starts": "noon", "ends": ""}).get_data(
        as_text=True)
    for message in ("Choose one of the meeting&#39;s vehicles.", "Choose arrival or departure.",
                    "three-letter code", "Enter a date between", "as a clock shows it"):
        assert message in html or message.replace("&#39;", "'") in html, message


def test_the_drivers_phones_are_encrypted_and_follow_a_key_rotation(app, db, demo):
    from cryptography.fernet import Fernet

    raw = db.session.scalar(text("SELECT driver_phone FROM transfer_vehicle ORDER BY id"))
    assert raw and "+82" not in raw  # encrypted at rest
    old = app.config["DATA_KEYS"]
    app.config["DATA_KEYS"] = Fernet.generate_key().decode() + "," + old
    try:
        result = app.test_cli_runner().invoke(args=["privacy", "rotate-keys"])
        assert result.exit_code == 0, result.output
        app.config["DATA_KEYS"] = app.config["DATA_KEYS"].split(",")[0]  # the old key gone
        db.session.expire_all()
        phones = {v.driver_phone for v in db.session.scalars(select(Vehicle))}
        assert phones == {"+82 10 2345 6789", "+82 10 3456 7890", "+82 10 4567 8901"}
    finally:
        app.config["DATA_KEYS"] = old
