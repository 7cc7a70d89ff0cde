"""Rooming lists for 2,000 participants: the figure of issue 20, in seconds, cold and cached.

2,000 registrations in 40 delegations are put into rooms of two hotels (singles and shared
twins, through the same service the pages use); then the lists are built and written as CSV,
XLSX and PDF, twice: cold (first render; the PDF cache empty) and cached (the PDF from the
cache, the tables built again)."""
from __future__ import annotations

import time
from datetime import timedelta
from decimal import Decimal

PEOPLE = 2000


def _people(meeting) -> list:
    from app.auth.models import User
    from app.extensions import db
    from app.invitations.models import Invitation, InvitationStatus
    from app.meetings.models import Organisation, OrganisationKind
    from app.registration.models import DelegationRole, Registration, RegistrationStatus
    from app.registration.services import _new_badge_code

    rows = []
    for index in range(PEOPLE // 50):
        org = Organisation(code=f"room-bench-{index}", name={"en": f"Police {index}",
                                                              "ko": f"경찰청 {index}"},
                           kind=OrganisationKind.NATIONAL_AGENCY, country_code="TH")
        db.session.add(org)
        db.session.flush()
        invitation = Invitation(meeting_id=meeting.id, organisation_id=org.id,
                                category="member", addressee_name=f"Director {index}",
                                email=f"head{index}@rooms{index}.example.com", language="th",
                                quota=50, seats_taken=50, status=InvitationStatus.ACCEPTED)
        db.session.add(invitation)
        db.session.flush()
        for number in range(50):
            email = f"p{index}-{number}@rooms.example.com"
            user = User(email=email, name=f"Guest {number}", locale="th",
                        organisation_id=org.id)
            db.session.add(user)
            db.session.flush()
            rows.append(Registration(
                meeting_id=meeting.id, organisation_id=org.id, invitation_id=invitation.id,
                user_id=user.id, email=email, language="th", family_name=f"Guest{number}",
                given_names=f"Delegate {index}", native_name=f"ผู้แทน {index}-{number}",
                role=DelegationRole.DELEGATE, nationality="TH",
                arrival_date=meeting.start_date - timedelta(days=1 + number % 2),
                departure_date=meeting.end_date + timedelta(days=1),
                accessibility="Ground floor" if number == 7 else "",
                status=RegistrationStatus.APPROVED, badge_code=_new_badge_code()))
        db.session.add_all(rows[-50:])
        db.session.flush()
    return rows


def bench_rooming(app) -> dict:
    from app.extensions import db
    from app.logistics.accommodation import documents, services
    from app.meetings.models import Meeting

    with app.test_request_context():
        meeting = db.session.query(Meeting).filter_by(slug="bc-2025-seoul").one()
        people = _people(meeting)
        first = meeting.start_date - timedelta(days=2)
        last = meeting.end_date + timedelta(days=1)
        blocks = []
        for name in ("Bench Grand Hotel", "벤치 호텔"):
            hotel = services.save_hotel(meeting, None, name={"en": name, "ko": name})
            for room_type, occupancy in (("Single", 1), ("Twin", 2)):
                blocks.append(services.save_block(hotel, None, services.BlockDetails(
                    room_type={"en": room_type}, occupancy=occupancy, rate=Decimal(150000),
                    currency="KRW", first_night=first, last_night=last, allotment=1000)))
        began = time.perf_counter()
        room = None
        for index, person in enumerate(people):
            block = blocks[index % 4]
            if block.occupancy == 1:
                services.assign(person, block)
            else:  # twins: every other person of this block joins the room before
                share = room if room is not None and room.block_id == block.id \
                    and room.guests < 2 else None
                room = services.assign(person, block, share).room
        db.session.commit()
        assigned = time.perf_counter() - began
        timings = {}
        for run in ("cold", "cached"):
            began = time.perf_counter()
            lists = services.rooming_lists(meeting, "ko")
            built = time.perf_counter()
            csv_text = documents.rooming_csv(lists, "ko")
            wrote_csv = time.perf_counter()
            xlsx = documents.rooming_xlsx(lists, "ko", "bench")
            wrote_xlsx = time.perf_counter()
            pdf = documents.rooming_pdf(meeting, lists, "ko")
            done = time.perf_counter()
            timings[run] = {"rows": built - began, "csv": wrote_csv - built,
                            "xlsx": wrote_xlsx - wrote_csv, "pdf": done - wrote_xlsx,
                            "all": done - began}
        guests = sum(len(rows) for hotel, rows in lists if hotel.name.get("en", "").startswith(
            ("Bench", "벤치")))
    return {
        "rooming_2000_guests": guests,
        "rooming_2000_assign_s": round(assigned, 1),
        **{f"rooming_2000_{part}_{run}_s": round(timings[run][part], 2)
           for run in ("cold", "cached") for part in ("rows", "csv", "xlsx", "pdf", "all")},
        "rooming_2000_pdf_mb": round(len(pdf) / 1e6, 2),
        "rooming_2000_csv_kb": round(len(csv_text.encode()) / 1e3),
        "rooming_2000_xlsx_kb": round(len(xlsx) / 1e3)}


if __name__ == "__main__":  # the rooming figures alone, on a fresh demo database
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import run_alone

    run_alone(bench_rooming, "rooming")
