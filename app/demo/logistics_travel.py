"""The demo's flights (every participant: most at Incheon, the Korean head at Gimpo), two vans
and a car, the airport transfers, and the liaison officers who meet the heads."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.logistics.travel import transfers
from app.logistics.travel.flights import Leg, flights_of, save_flights, set_greeter
from app.logistics.travel.manifest import liaison_officers
from app.logistics.travel.models import Direction, Trip
from app.meetings.models import Meeting
from app.registration.models import DelegationRole, Registration

ARRIVAL, LEAVING = date(2025, 11, 10), date(2025, 11, 13)
# e-mail: (arrival: carrier, number, airport, terminal, time), (departure: …)
FLIGHTS = {
    "head.th@rtp.example.com": (("TG", "656", "ICN", "1", "08:30"),
                                ("TG", "659", "ICN", "1", "10:40")),
    "delegate.th@rtp.example.com": (("TG", "656", "ICN", "1", "08:30"),
                                    ("TG", "659", "ICN", "1", "10:40")),
    "delegate.kh@cnp.example.com": (("KE", "690", "ICN", "2", "06:55"),
                                    ("KE", "689", "ICN", "2", "21:10")),
    "head.ae@moi.example.com": (("EK", "322", "ICN", "1", "16:30"),
                                ("EK", "323", "ICN", "1", "23:55")),
    "observer@interpol.example.com": (("AF", "264", "ICN", "2", "12:50"),
                                      ("AF", "267", "ICN", "2", "13:10")),
    "head.kr@knpa.example.com": (("KE", "1204", "GMP", "", "15:05"),
                                 ("KE", "1213", "GMP", "", "18:00")),
    "souksavanh.p@mps-la.example.com": (("QV", "921", "ICN", "1", "06:40"),
                                        ("QV", "922", "ICN", "1", "09:40")),
}
VEHICLES = (
    ("van", 8, "서울 12가 3456", "Kim Min-jun", "+82 10 2345 6789"),
    ("van", 8, "서울 34나 7890", "Lee Seo-yeon", "+82 10 3456 7890"),
    ("car", 3, "서울 56다 1234", "Choi Ji-ho", "+82 10 4567 8901"),
)
# vehicle index, direction, airport, day, leaves, back, passengers (e-mail)
TRIPS = (
    (0, "arrival", "ICN", ARRIVAL, "07:30", "09:30",
     ("delegate.kh@cnp.example.com", "souksavanh.p@mps-la.example.com")),
    (1, "arrival", "ICN", ARRIVAL, "09:15", "11:15",
     ("head.th@rtp.example.com", "delegate.th@rtp.example.com")),
    (1, "arrival", "ICN", ARRIVAL, "13:30", "15:30", ("observer@interpol.example.com",)),
    (2, "arrival", "GMP", ARRIVAL, "15:20", "16:20", ("head.kr@knpa.example.com",)),
    (2, "arrival", "ICN", ARRIVAL, "17:15", "19:15", ("head.ae@moi.example.com",)),
    (0, "departure", "ICN", LEAVING, "06:00", "07:45",
     ("head.th@rtp.example.com", "delegate.th@rtp.example.com",
      "souksavanh.p@mps-la.example.com")),
)


def _leg(values: tuple, day: date) -> Leg:
    carrier, number, airport, terminal, time = values
    return Leg(carrier=carrier, number=number, airport=airport, terminal=terminal, day=day,
               time=time)


def create_travel(meeting: Meeting) -> None:
    """Once: a second run finds the vehicles and changes nothing."""
    if transfers.vehicles(meeting):
        return
    people = {r.email: r for r in db.session.scalars(select(Registration).where(
        Registration.meeting_id == meeting.id))}
    for email, (arrival, departure) in FLIGHTS.items():
        if email in people:
            save_flights(people[email], _leg(arrival, ARRIVAL), _leg(departure, LEAVING))
    vehicles = [transfers.add_vehicle(meeting, transfers.VehicleInput(
        kind=kind, capacity=seats, plate=plate, driver_name=driver, driver_phone=phone))
        for kind, seats, plate, driver, phone in VEHICLES]
    for index, direction, airport, day, leaves, back, riders in TRIPS:
        trip: Trip = transfers.add_trip(meeting, transfers.TripInput(
            vehicle_id=vehicles[index].id, direction=direction, airport=airport, day=day,
            starts=leaves, ends=back))
        for email in riders:
            if email in people:
                flight = flights_of(people[email])[Direction(direction)]
                transfers.add_passenger(trip, flight.id)
    officers = liaison_officers(meeting)
    heads = [r for r in people.values() if r.role == DelegationRole.HEAD]
    for officer_id, head in zip(officers, heads, strict=False):
        arrival = flights_of(head).get(Direction.ARRIVAL)
        if arrival is not None:
            set_greeter(arrival, officer_id, officers)
    db.session.flush()
