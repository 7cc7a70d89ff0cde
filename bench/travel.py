"""The arrivals and departures manifest for 2,000 participants: the figure of issue 20, in
seconds, cold and cached.

Every registration of the demo meeting gets its two flights (the 2,000 people of
bench/rooming.py when it ran before, else 2,000 made here), spread over two days and two
airports; 40 vans carry the arrivals. Then the manifest is read and written as CSV, XLSX and
PDF, twice: cold (first render; the PDF cache empty) and cached (the PDF from the cache, the
rows read again)."""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

PEOPLE = 2000


def _flights(meeting) -> int:
    from sqlalchemy import select

    from app.extensions import db
    from app.logistics.travel.models import Direction, Flight, Passenger, Trip, Vehicle
    from app.registration.models import Registration

    people = db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id,
        Registration.id.not_in(select(Flight.registration_id)))).all()
    zone = ZoneInfo(meeting.timezone)
    vans = [Vehicle(meeting_id=meeting.id, kind="van", capacity=50, plate=f"BENCH {n:03d}",
                    driver_name=f"Driver {n}", driver_phone="+82 10 0000 0000")
            for n in range(40)]
    db.session.add_all(vans)
    db.session.flush()
    trips = {}
    for index, person in enumerate(people):
        for direction, day, hour in ((Direction.ARRIVAL, meeting.start_date - timedelta(
                days=1 + index % 2), 6 + index % 16), (Direction.DEPARTURE,
                meeting.end_date + timedelta(days=1), 7 + index % 14)):
            local = datetime(day.year, day.month, day.day, hour, (index * 7) % 60)
            at = local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
            flight = Flight(registration_id=person.id, meeting_id=meeting.id,
                            direction=direction, carrier="KE", number=str(100 + index % 900),
                            airport="GMP" if index % 10 == 0 else "ICN", terminal="2",
                            local_time=local, zone=meeting.timezone, at=at)
            db.session.add(flight)
            if direction == Direction.ARRIVAL and index < 40 * 50:
                van = vans[index // 50]
                if van.id not in trips:
                    trips[van.id] = Trip(meeting_id=meeting.id, vehicle_id=van.id,
                                         direction=direction, airport=flight.airport,
                                         starts_at=at + timedelta(hours=1),
                                         ends_at=at + timedelta(hours=2), capacity=50,
                                         seats_taken=0)
                    db.session.add(trips[van.id])
                db.session.flush()
                trips[van.id].seats_taken += 1
                db.session.add(Passenger(trip_id=trips[van.id].id, flight_id=flight.id))
        if index % 200 == 0:
            db.session.flush()
    db.session.commit()
    return len(people)


def bench_travel(app) -> dict:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.logistics.travel import documents, manifest
    from app.meetings.models import Meeting
    from app.registration.models import Registration

    with app.test_request_context():
        meeting = db.session.query(Meeting).filter_by(slug="bc-2025-seoul").one()
        if db.session.scalar(select(func.count(Registration.id)).where(
                Registration.meeting_id == meeting.id)) < PEOPLE:
            from bench.rooming import _people

            _people(meeting)
            db.session.commit()
        began = time.perf_counter()
        added = _flights(meeting)
        setup = time.perf_counter() - began
        timings = {}
        for run in ("cold", "cached"):
            db.session.expire_all()
            began = time.perf_counter()
            rows = manifest.rows(meeting)
            hours = manifest.by_hour(rows)
            read = time.perf_counter()
            csv_data = documents.manifest_csv(rows, "ko")
            wrote_csv = time.perf_counter()
            xlsx = documents.manifest_xlsx(rows, "ko", "bench")
            wrote_xlsx = time.perf_counter()
            pdf = documents.manifest_pdf(meeting, rows, "ko")
            done = time.perf_counter()
            timings[run] = {"rows": read - began, "csv": wrote_csv - read,
                            "xlsx": wrote_xlsx - wrote_csv, "pdf": done - wrote_xlsx,
                            "all": done - began}
    return {
        "manifest_people_with_flights_added": added,
        "manifest_legs": len(rows), "manifest_hours": len(hours),
        "manifest_setup_s": round(setup, 1),
        **{f"manifest_2000_{part}_{run}_s": round(timings[run][part], 2)
           for run in ("cold", "cached") for part in ("rows", "csv", "xlsx", "pdf", "all")},
        "manifest_2000_pdf_mb": round(len(pdf) / 1e6, 2),
        "manifest_2000_csv_kb": round(len(csv_data) / 1e3),
        "manifest_2000_xlsx_kb": round(len(xlsx) / 1e3)}


if __name__ == "__main__":  # the travel figures alone, on a fresh demo database
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import run_alone

    run_alone(bench_travel, "travel")
