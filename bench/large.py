"""A large meeting on one PostgreSQL (issue 24): 195 delegations, 2,000 approved participants
with photos and flights, a published agenda of 300 items.

The data is written in bulk (ORM bulk inserts: the encrypted columns go through their type, as
the app writes them) into a database of its own, `bcm_bench_large` on the BENCH_POSTGRES
server, dropped afterwards. Then, against it:

- the participants list PDF (cold: the PDF cache empty) and the badges of all 2,000 (cold);
- the secretariat's registrations list under gunicorn, filtered and not, page by page (p95);
- the 300-item agenda page's requests per second against /healthz, as bench_http does;
- the rooming list and the arrivals manifest PDFs, the seating plan and the name plates at
  this size.
"""
from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "bcm_bench_large"
DELEGATIONS = 195
PEOPLE = 2000
AGENDA_ITEMS = 300
FAMILY = ("Nguyen", "Kim", "Tanaka", "Silva", "Haddad", "Dubois", "Santos", "Lim", "Chen",
          "Sok", "Phommachanh", "Rahman", "Garcia", "Wongsawat", "Reyes", "Park", "Tran")
NATIVE = ("응우옌", "김민준", "田中", "席尔瓦", "حداد", "ดวงดี", "សុខ", "ພົມມະຈັນ")


def _portrait() -> bytes:
    """A portrait-like JPEG of about 40 kB, as bench/run.py's badges use."""
    import io

    from PIL import Image

    out = io.BytesIO()
    shade = Image.linear_gradient("L").resize((600, 800))
    grain = Image.effect_noise((600, 800), 12)
    Image.merge("RGB", (Image.blend(shade, grain, 0.2), shade, grain)).save(
        out, format="JPEG", quality=85)
    return out.getvalue()


def _countries() -> list[str]:
    from babel import Locale

    codes = sorted(code for code in Locale("en").territories
                   if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "EZ",
                                                                         "UN", "QO", "XA",
                                                                         "XB", "XK"})
    return codes[:DELEGATIONS]


def _insert(model, rows: list[dict]) -> list[int]:
    """Rows in one bulk statement (several on PostgreSQL's limits); their ids, in order."""
    from sqlalchemy import insert

    from app.extensions import db

    ids = []
    for start in range(0, len(rows), 500):
        ids.extend(db.session.scalars(
            insert(model).returning(model.id, sort_by_parameter_order=True),
            rows[start:start + 500]).all())
    return ids


def build(meeting) -> dict:
    """The delegations, people, photos, flights and agenda; returns counts."""
    from sqlalchemy import func, insert, select

    from app.agenda import publication
    from app.agenda.models import AgendaItem, AgendaSession, VersionKind, Visibility
    from app.auth.models import User
    from app.extensions import db
    from app.invitations.models import Invitation, InvitationStatus
    from app.logistics.travel.models import Direction, Flight
    from app.meetings.models import (
        MeetingOrganisation,
        Organisation,
        OrganisationKind,
        ParticipationCategory,
    )
    from app.registration.models import (
        DelegationRole,
        Registration,
        RegistrationPhoto,
        RegistrationStatus,
    )
    from app.registration.services import _new_badge_code

    countries = _countries()
    per = -(-PEOPLE // DELEGATIONS)
    org_ids = _insert(Organisation, [
        {"code": f"large-{code.lower()}", "acronym": f"NP{code}",
         "name": {"en": f"National Police of {code}", "ko": f"{code} 국가경찰"},
         "kind": OrganisationKind.NATIONAL_AGENCY, "country_code": code, "language": "en"}
        for code in countries])
    db.session.execute(insert(MeetingOrganisation), [
        {"meeting_id": meeting.id, "organisation_id": org, "category":
         ParticipationCategory.MEMBER} for org in org_ids])
    counts = [PEOPLE // DELEGATIONS + (1 if n < PEOPLE % DELEGATIONS else 0)
              for n in range(DELEGATIONS)]
    invitation_ids = _insert(Invitation, [
        {"meeting_id": meeting.id, "organisation_id": org, "category": "member",
         "addressee_name": f"Director {n}", "email": f"director{n}@large{n}.example.com",
         "language": "en", "quota": per, "seats_taken": counts[n],
         "status": InvitationStatus.ACCEPTED} for n, org in enumerate(org_ids)])
    people = [(n, k) for n in range(DELEGATIONS) for k in range(counts[n])]
    user_ids = _insert(User, [
        {"email": f"p{n}-{k}@large.example.com", "name": f"{FAMILY[k % len(FAMILY)]} {n}-{k}",
         "locale": "en", "organisation_id": org_ids[n]} for n, k in people])
    roles = list(DelegationRole)
    registration_ids = _insert(Registration, [
        {"meeting_id": meeting.id, "organisation_id": org_ids[n],
         "invitation_id": invitation_ids[n], "user_id": user_ids[i],
         "email": f"p{n}-{k}@large.example.com", "language": "en",
         "family_name": FAMILY[(n + k) % len(FAMILY)], "given_names": f"Delegate {n}-{k}",
         "native_name": NATIVE[(n + k) % len(NATIVE)] if k % 3 == 0 else "",
         "title": "Police Colonel" if k % 2 else "Superintendent",
         "position": "Director, Anti-Trafficking Division" if k == 0 else "Investigator",
         "role": DelegationRole.HEAD if k == 0 else roles[1 + k % (len(roles) - 1)],
         "interpretation": "en", "nationality": countries[n], "passport_number":
         f"P{i:08d}", "birth_date": f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9}",
         "arrival_date": meeting.start_date - timedelta(days=1 + i % 2),
         "departure_date": meeting.end_date + timedelta(days=1), "visa_needed": i % 4 == 0,
         "status": RegistrationStatus.APPROVED, "badge_code": _new_badge_code()}
        for i, (n, k) in enumerate(people)])
    photo = _portrait()
    for start in range(0, len(registration_ids), 250):
        db.session.execute(insert(RegistrationPhoto), [
            {"registration_id": rid, "data": photo, "digest": "bench-large", "width": 600,
             "height": 800} for rid in registration_ids[start:start + 250]])
    zone = ZoneInfo(meeting.timezone)
    flights = []
    for index, rid in enumerate(registration_ids):
        for direction, day, hour in (
                (Direction.ARRIVAL, meeting.start_date - timedelta(days=1 + index % 2),
                 6 + index % 16),
                (Direction.DEPARTURE, meeting.end_date + timedelta(days=1), 7 + index % 14)):
            local = datetime(day.year, day.month, day.day, hour, (index * 7) % 60)
            flights.append({
                "registration_id": rid, "meeting_id": meeting.id, "direction": direction,
                "carrier": "KE", "number": str(100 + index % 900),
                "airport": "GMP" if index % 10 == 0 else "ICN", "terminal": "2",
                "local_time": local, "zone": meeting.timezone,
                "at": local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)})
    _insert(Flight, flights)
    sessions = db.session.scalars(select(AgendaSession).where(
        AgendaSession.meeting_id == meeting.id).order_by(AgendaSession.position)).all()
    existing = db.session.scalar(select(func.count(AgendaItem.id)).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.parent_id.is_(None)))
    last = dict(db.session.execute(select(AgendaItem.session_id, func.max(AgendaItem.position))
                                   .where(AgendaItem.meeting_id == meeting.id)
                                   .group_by(AgendaItem.session_id)).all())
    items = []
    for index in range(AGENDA_ITEMS - existing):
        block = sessions[index % len(sessions)]
        last[block.id] = last.get(block.id, 0) + 1
        items.append({"meeting_id": meeting.id, "session_id": block.id,
                      "position": last[block.id],
                      "title": {"en": f"Report of delegation {index + 1}",
                                "ko": f"대표단 보고 {index + 1}"},
                      "description": {"en": "The delegation's report and the discussion.",
                                      "ko": "각 대표단의 보고와 토의."},
                      "visibility": Visibility.DELEGATES})
    _insert(AgendaItem, items)
    db.session.flush()
    publication.publish(meeting, VersionKind.ADOPTED, actor=None)
    db.session.commit()
    return {"large_delegations": len(org_ids), "large_participants": len(registration_ids),
            "large_flights": len(flights), "large_agenda_items": existing + len(items)}


def _rooms(meeting) -> float:
    """Everyone in a room of two hotels (singles and shared twins) through the service the
    pages use; returns the seconds it took."""
    from app.extensions import db
    from app.logistics.accommodation import services
    from app.registration.models import Registration

    people = db.session.query(Registration).filter(
        Registration.meeting_id == meeting.id,
        Registration.email.like("%@large.example.com")).order_by(Registration.id).all()
    first = meeting.start_date - timedelta(days=2)
    last = meeting.end_date + timedelta(days=1)
    blocks = []
    began = time.perf_counter()
    for name in ("Large Grand Hotel", "라지 호텔"):
        hotel = services.save_hotel(meeting, None, name={"en": name, "ko": name})
        for room_type, occupancy in (("Single", 1), ("Twin", 2)):
            blocks.append(services.save_block(hotel, None, services.BlockDetails(
                room_type={"en": room_type}, occupancy=occupancy, rate=Decimal(150000),
                currency="KRW", first_night=first, last_night=last, allotment=1000)))
    room = None
    for index, person in enumerate(people):
        block = blocks[index % 4]
        if block.occupancy == 1:
            services.assign(person, block)
        else:
            share = room if room is not None and room.block_id == block.id \
                and room.guests < 2 else None
            room = services.assign(person, block, share).room
    db.session.commit()
    return time.perf_counter() - began


def _documents(app, meeting_slug: str, badges: int | None = None) -> dict:
    from app.extensions import db
    from app.logistics.accommodation import documents as rooming_documents
    from app.logistics.accommodation import services as rooming
    from app.logistics.travel import documents as travel_documents
    from app.logistics.travel import manifest
    from app.meetings.models import Meeting
    from app.protocol import documents as protocol
    from app.registration import documents, services

    figures = {}

    def timed(name: str, make):
        shutil.rmtree(Path(app.instance_path) / "pdf-cache", ignore_errors=True)
        db.session.expire_all()
        began, cpu = time.perf_counter(), time.process_time()
        try:
            result = make()
        except Exception as exc:  # noqa: BLE001 - a document that fails at this size is a finding
            db.session.rollback()
            figures[name.removesuffix("_s") + "_error"] = f"{type(exc).__name__}: {exc}"[:200]
            return None
        figures[name] = round(time.perf_counter() - began, 2)
        # this process's CPU seconds beside the wall clock: a busy shared host stretches the
        # latter, not the former
        figures[name.removesuffix("_s") + "_cpu_s"] = round(time.process_time() - cpu, 2)
        return result

    with app.test_request_context():
        meeting = db.session.query(Meeting).filter_by(slug=meeting_slug).one()
        rows = timed("large_participants_rows_s", lambda: services.participants(meeting, "ko"))
        timed("large_participants_pdf_s",
              lambda: documents.participants_pdf(meeting, services.participants(meeting, "ko"),
                                                 "ko"))
        figures["large_rooming_assign_s"] = round(_rooms(meeting), 1)
        timed("large_rooming_pdf_s", lambda: rooming_documents.rooming_pdf(
            meeting, rooming.rooming_lists(meeting, "ko"), "ko"))
        timed("large_manifest_pdf_s", lambda: travel_documents.manifest_pdf(
            meeting, manifest.rows(meeting), "ko"))
        timed("large_seating_pdf_s", lambda: protocol.seating_pdf(meeting, "ko"))
        timed("large_name_plates_pdf_s", lambda: protocol.name_plates_pdf(meeting, "ko"))
        chosen = services.participants(meeting, "ko")[:badges]
        figures["large_badges_count"] = len(chosen)
        data = timed("large_badges_cold_s", lambda: documents.badges_pdf(meeting, chosen, "ko"))
        figures["large_badges_pdf_mb"] = round(len(data) / 1e6, 1) if data else None
        figures["large_participants_in_list"] = len(rows)
    return figures


def _get(opener, url: str) -> float:
    began = time.perf_counter()
    with opener.open(url) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - began) * 1000


def _registrations_page(base: str, opener, organisation: str) -> dict:
    """The secretariat's list: each page of the unfiltered list, and filtered ones, from two
    clients at once (a secretariat paging through it); p50/p95 in ms."""
    index = f"{base}/meetings/bc-2025-seoul/registration/"
    first = opener.open(index).read().decode()
    assert "large.example.com" not in first  # no e-mail addresses in the list
    urls = {
        "unfiltered": [f"{index}?page={page}" for page in range(1, 21)],
        "filtered": [f"{index}?{urllib.parse.urlencode(query)}" for query in (
            {"status": "approved", "role": "delegate", "page": 2},
            {"organisation": organisation},
            {"q": "Nguyen", "page": 3},
            {"q": "Delegate 17", "status": "approved"},
            {"role": "head", "page": 2},
        )] * 4,
    }
    for url in urls["unfiltered"][:3]:  # warm-up
        _get(opener, url)
    figures = {}
    for name, batch in urls.items():
        times: list[float] = []

        def client(number: int, batch=batch, times=times) -> None:
            for url in batch[number::2] * 2:
                times.append(_get(opener, url))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        times.sort()
        figures[f"large_registrations_page_{name}_p95_ms"] = round(
            times[int(len(times) * 0.95) - 1], 1)
        figures[f"large_registrations_page_{name}_p50_ms"] = round(statistics.median(times), 1)
        figures[f"large_registrations_page_{name}_requests"] = len(times)
    figures["large_registrations_page_p95_ms"] = max(
        figures["large_registrations_page_unfiltered_p95_ms"],
        figures["large_registrations_page_filtered_p95_ms"])
    return figures


def _agenda_ratio(base: str, cookie: str, wrk) -> dict:
    agenda = f"{base}/meetings/bc-2025-seoul/agenda?lang=ko"
    html = urllib.request.urlopen(urllib.request.Request(
        agenda, headers={"Cookie": cookie, "User-Agent": USER_AGENT})).read().decode()
    import re

    items = len(re.findall(r'class="agenda-item ', html))
    wrk(agenda, cookie, 10, 1)  # warm-up
    ratios, agenda_rps = [], []
    for turn in range(5):
        order = ("healthz", "agenda") if turn % 2 == 0 else ("agenda", "healthz")
        runs = {name: wrk(f"{base}/healthz" if name == "healthz" else agenda, cookie, 10, 1)
                for name in order}
        ratios.append(runs["agenda"]["rps"] / runs["healthz"]["rps"])
        agenda_rps.append(runs["agenda"]["rps"])
    return {"large_agenda_items_on_page": items,
            "large_agenda_rps": round(statistics.median(agenda_rps), 1),
            "large_agenda_rps_ratio": round(statistics.median(ratios), 3)}


USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36"


def bench_large(gunicorn, wrk, staff_opener, session_cookie, badges: int | None = None) -> dict:
    """The figures of the large meeting. The helpers are bench/run.py's: gunicorn(url, config,
    *options) as a context manager, wrk(url, cookie, connections, seconds),
    staff_opener(base, config) and session_cookie(base, app). badges: how many of the
    participants get a badge (None: all 2,000, about four minutes of CPU on this machine)."""
    import flask_migrate
    import psycopg

    from app import create_app
    from app.config import Config

    began_all = time.perf_counter()
    server_url = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        admin = psycopg.connect(server_url, autocommit=True, connect_timeout=3)
    except psycopg.Error:
        return {"large_participants": None, "large_note": "no PostgreSQL at BENCH_POSTGRES"}
    admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {DATABASE}")
    url = server_url.rsplit("/", 1)[0] + "/" + DATABASE
    instance = Path(tempfile.mkdtemp(prefix="bcm-bench-large-"))
    config = type("LargeBenchConfig", (Config,), {
        "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://"),
        "INSTANCE_DIR": str(instance), "SECRET_KEY": "bench-only-key",
        "DATA_KEYS": "YmVuY2gtb25seS1kYXRhLWtleS1ub3Qtc2VjcmV0LTM=",
        "PUBLIC_URL": "http://127.0.0.1"})
    app = create_app(config)
    figures: dict = {}
    try:
        began = time.perf_counter()
        with app.app_context():
            flask_migrate.upgrade(directory=str(ROOT / "migrations"))
            from app.demo import load_demo_data
            from app.extensions import db

            load_demo_data()
            figures["large_demo_s"] = round(time.perf_counter() - began, 1)
            began = time.perf_counter()
            with app.test_request_context():
                from app.meetings.models import Meeting

                meeting = db.session.query(Meeting).filter_by(slug="bc-2025-seoul").one()
                figures.update(build(meeting))
            figures["large_build_s"] = round(time.perf_counter() - began, 1)
        # a short graceful timeout: the workers' kept-alive connections would hold their exit
        with gunicorn(url, config, "-k", "gthread", "-w", "2", "--threads", "4",
                      "--graceful-timeout", "3") as base:
            figures.update(_registrations_page(base, staff_opener(base, config),
                                               f"large-{_countries()[7].lower()}"))
            figures.update(_agenda_ratio(base, session_cookie(base, app), wrk))
        figures.update(_documents(app, "bc-2025-seoul", badges))
    finally:
        with app.app_context():
            from app.extensions import db

            db.engine.dispose()
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.close()
        shutil.rmtree(instance, ignore_errors=True)
    figures["large_section_s"] = round(time.perf_counter() - began_all, 1)
    return figures


if __name__ == "__main__":  # the large meeting's figures alone: python bench/large.py
    import json
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.run import _gunicorn, _session_cookie, _staff_opener, _wrk

    print(json.dumps(bench_large(_gunicorn, _wrk, _staff_opener, _session_cookie), indent=2))
