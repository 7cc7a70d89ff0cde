"""Arrivals and departures: the manifest (pages and files), a person's flights, the vehicles
and the transfers.

Who may: the secretariat and the logistics role see and change everything; a head of
delegation sees the delegation's legs and edits its people's flights; a delegate sees and
edits their own. Vehicles and transfers are logistics' alone.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from app.auth.models import SECRETARIAT_ROLES, Role
from app.calendar.services import add_event_provider
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, current_locale, to_zone
from app.logistics.travel import documents, feed, manifest, transfers
from app.logistics.travel import jobs as travel_jobs
from app.logistics.travel.flights import (
    Leg,
    TravelError,
    flights_of,
    save_flights,
    set_greeter,
)
from app.logistics.travel.models import Direction, Flight, Trip, Vehicle, VehicleKind
from app.registration.models import HOLDS_SEAT, Registration
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.jobs import views as jobs
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.steps import step
from app.web.travel.forms import (
    FlightsForm,
    PassengerForm,
    TripForm,
    VehicleForm,
    enum_choices,
)

bp = Blueprint("travel", __name__, url_prefix="/meetings/<slug>/logistics")
bind_meeting(bp)

#: See and change all of travel: the secretariat and the logistics role.
TRAVEL_STAFF = SECRETARIAT_ROLES | {Role.LOGISTICS}


def is_travel_staff(meeting) -> bool:
    return bool(access.roles(meeting) & TRAVEL_STAFF)


def _staff_here() -> None:
    if not is_travel_staff(g.meeting):
        abort(403)


def _own_registration(meeting):
    return db.session.scalar(select(Registration).where(
        Registration.meeting_id == meeting.id, Registration.user_id == current_user.id,
        Registration.status.in_(HOLDS_SEAT)))


def _manifest_reader_here() -> None:
    meeting = g.meeting
    if not (is_travel_staff(meeting) or access.headed(meeting) or _own_registration(meeting)):
        abort(403)


access.guard(bp)
access.guard(bp, _manifest_reader_here, only={"manifest_page", "manifest_file", "prepare_manifest"})
access.guard(bp, _staff_here, only={"vehicles", "vehicle", "transfers_page", "trip"})


@bp.record_once
def _register_pickups(state) -> None:
    """A person's pickup joins their calendar feed (app.calendar asks; it never imports us)."""
    add_event_provider(state.app, feed.pickup_events)


@bp.app_context_processor
def _travel_helpers() -> dict:
    return {"travel_of": travel_of}


def travel_of(registration) -> dict:
    """For the registration page: the person's legs and their transfers."""
    legs = flights_of(registration)
    rides = {flight.id: (trip, vehicle) for flight, trip, vehicle in
             feed.transfers_of(registration)}
    return {"legs": [legs[d] for d in Direction if d in legs], "rides": rides,
            "zone": registration.meeting.timezone, "summary": feed.pickup_summary,
            "may_edit": _may_edit(registration)}


def _may_edit(registration) -> bool:
    if not current_user.is_authenticated:
        return False
    return registration.user_id == current_user.id or is_travel_staff(registration.meeting) \
        or any(org.id == registration.organisation_id for org in access.headed(
            registration.meeting))


def _scope(meeting) -> dict:
    """Whose legs the reader sees: all (staff), the delegations they head, or their own."""
    if is_travel_staff(meeting):
        return {}
    headed = {org.id for org in access.headed(meeting)}
    if headed:
        return {"organisation_ids": headed}
    own = _own_registration(meeting)
    return {"registration_ids": {own.id} if own else set()}


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LOCALES else current_locale()


# --- the manifest ---------------------------------------------------------------------------

@bp.route("/arrivals/")
def manifest_page():
    meeting = g.meeting
    rows = manifest.rows(meeting, **_scope(meeting))
    return render_template("travel/manifest.html", meeting=meeting,
                           hours=manifest.by_hour(rows), staff=is_travel_staff(meeting),
                           count=len(rows), transfer_text=documents.transfer_text,
                           missing=[row for row in rows if row.needs_greeter])


@bp.route("/arrivals.<any(csv, xlsx, pdf):fmt>")
def manifest_file(fmt: str):
    from app.documents.pdf import pdf_response

    meeting = g.meeting
    lang = _lang()
    rows = manifest.rows(meeting, **_scope(meeting))
    name = f"{meeting.slug}-arrivals-{lang}.{fmt}"
    if fmt == "pdf":
        if len(rows) > jobs.inline_limit():  # a long manifest: prepared in the background
            return jobs.offer(url_for("travel.prepare_manifest", lang=lang), {},
                              _("Arrivals and departures (PDF)"), ngettext(
                                  "%(num)d arrival or departure: the list will be "
                                  "prepared in the background.", "%(num)d arrivals and "
                                  "departures: the list will be prepared in the background.",
                                  len(rows)))
        return pdf_response(documents.manifest_pdf(meeting, rows, lang), name)
    if fmt == "csv":
        data, mimetype = documents.manifest_csv(rows, lang), "text/csv; charset=utf-8"
    else:
        title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
        data = documents.manifest_xlsx(rows, lang, title)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/arrivals/prepare", methods=["POST"])
def prepare_manifest():
    """The manifest (PDF) prepared in the background, narrowed as the reader's page is."""
    meeting = g.meeting
    return jobs.start(travel_jobs.MANIFEST, travel_jobs.scope_params(_scope(meeting)),
                      locale=_lang())


# --- a person's flights ---------------------------------------------------------------------

def _leg(form: FlightsForm, direction: Direction) -> Leg:
    def value(name: str):
        return getattr(form, f"{direction.value}_{name}").data

    return Leg(carrier=value("carrier") or "", number=value("number") or "",
               airport=value("airport") or "", terminal=value("terminal") or "",
               day=value("day"), time=value("time") or "")


def _fill(form: FlightsForm, flight: Flight) -> None:
    prefix = flight.direction.value
    for name, value in (("carrier", flight.carrier), ("number", flight.number),
                        ("airport", flight.airport), ("terminal", flight.terminal),
                        ("day", flight.local_time.date()),
                        ("time", flight.local_time.strftime("%H:%M"))):
        getattr(form, f"{prefix}_{name}").data = value


@bp.route("/flights/<int:registration_id>", methods=["GET", "POST"])
def flights(registration_id: int):
    meeting = g.meeting
    registration = of_meeting_or_404(Registration, registration_id)
    if not _may_edit(registration):
        abort(403)
    staff = is_travel_staff(meeting)
    officers = manifest.liaison_officers(meeting) if staff else {}
    legs = flights_of(registration)
    form = FlightsForm()
    form.met_by.choices = [("", _("Nobody yet"))] + list(officers.items())
    if not staff:
        del form.met_by
    if request.method == "GET":
        for flight in legs.values():
            _fill(form, flight)
        if staff and Direction.ARRIVAL in legs:
            form.met_by.data = legs[Direction.ARRIVAL].met_by_id
    if form.validate_on_submit():
        with step(TravelError, form, success=_("Flights saved.")) as done:
            save_flights(registration, _leg(form, Direction.ARRIVAL),
                         _leg(form, Direction.DEPARTURE), actor=current_user)
            arrival = flights_of(registration).get(Direction.ARRIVAL)
            if staff:
                if arrival is None and form.met_by.data:
                    raise TravelError(_("Enter the arrival flight before choosing who meets "
                                        "the person."), "met_by")
                if arrival is not None:
                    set_greeter(arrival, form.met_by.data, officers, actor=current_user)
        if done:
            return redirect(url_for("travel.flights", registration_id=registration.id))
    return render_template("travel/flights.html", meeting=meeting, r=registration, form=form,
                           staff=staff, travel=travel_of(registration))


# --- vehicles -------------------------------------------------------------------------------

def _vehicle_input(form: VehicleForm) -> transfers.VehicleInput:
    return transfers.VehicleInput(kind=form.kind.data or "", capacity=form.capacity.data,
                                  plate=form.plate.data or "",
                                  driver_name=form.driver_name.data or "",
                                  driver_phone=form.driver_phone.data or "")


@bp.route("/vehicles/", methods=["GET", "POST"])
def vehicles():
    meeting = g.meeting
    form = VehicleForm()
    form.kind.choices = enum_choices(VehicleKind)
    if form.validate_on_submit():
        with step(TravelError, form, success=_("Vehicle added.")) as done:
            transfers.add_vehicle(meeting, _vehicle_input(form), actor=current_user)
        if done:
            return redirect(url_for("travel.vehicles"))
    return render_template("travel/vehicles.html", meeting=meeting, form=form,
                           vehicles=transfers.vehicles(meeting))


@bp.route("/vehicles/<int:vehicle_id>", methods=["GET", "POST"])
def vehicle(vehicle_id: int):
    meeting = g.meeting
    found = of_meeting_or_404(Vehicle, vehicle_id)
    form = VehicleForm(obj=found if request.method == "GET" else None)
    form.kind.choices = enum_choices(VehicleKind)
    if request.method == "GET":
        form.kind.data = found.kind.value
    if form.validate_on_submit():
        with step(TravelError, form, success=_("Vehicle saved.")) as done:
            transfers.edit_vehicle(found, _vehicle_input(form), actor=current_user)
        if done:
            return redirect(url_for("travel.vehicles"))
    return render_template("travel/vehicle.html", meeting=meeting, form=form, vehicle=found)


# --- transfers ------------------------------------------------------------------------------

def _trip_form(meeting) -> TripForm:
    form = TripForm()
    form.vehicle_id.choices = [(v.id, v.label) for v in transfers.vehicles(meeting)]
    form.direction.choices = enum_choices(Direction)
    return form


def _trip_input(form: TripForm) -> transfers.TripInput:
    return transfers.TripInput(vehicle_id=form.vehicle_id.data, direction=form.direction.data,
                               airport=form.airport.data or "", day=form.day.data,
                               starts=form.starts.data or "", ends=form.ends.data or "")


@bp.route("/transfers/", methods=["GET", "POST"])
def transfers_page():
    meeting = g.meeting
    form = _trip_form(meeting)
    if request.method == "GET":
        form.airport.data = "ICN"
    if form.validate_on_submit():
        with step(TravelError, form, success=_("Trip added.")) as done:
            trip = transfers.add_trip(meeting, _trip_input(form), actor=current_user)
        if done:
            return redirect(url_for("travel.trip", trip_id=trip.id))
    return render_template("travel/transfers.html", meeting=meeting, form=form,
                           trips=transfers.trips(meeting), local=_local)


def _local(moment, zone: str) -> str:
    return to_zone(moment, zone).strftime("%H:%M")


@bp.route("/transfers/<int:trip_id>", methods=["GET", "POST"])
def trip(trip_id: int):
    meeting = g.meeting
    found = of_meeting_or_404(Trip, trip_id)
    form = _trip_form(meeting)
    rider = PassengerForm(prefix="rider")
    rider.flight_id.choices = [(f.id, f"{f.local_time:%H:%M} {f.code} — "
                                      f"{f.registration.latin_name}")
                               for f in transfers.candidates(found)]
    confirm = ConfirmForm(prefix="remove")
    action = request.form.get("action")
    if request.method == "GET":
        local = to_zone(found.starts_at, meeting.timezone)
        form.vehicle_id.data, form.direction.data = found.vehicle_id, found.direction.value
        form.airport.data, form.day.data = found.airport, local.date()
        form.starts.data = local.strftime("%H:%M")
        form.ends.data = _local(found.ends_at, meeting.timezone)
    elif action == "add" and rider.validate_on_submit():
        with step(TravelError, rider, success=_("Passenger added.")) as done:
            transfers.add_passenger(found, rider.flight_id.data, actor=current_user)
        if done:
            return redirect(url_for("travel.trip", trip_id=found.id))
    elif action == "remove" and confirm.validate_on_submit():
        flight_id = request.form.get("flight", type=int)
        with step(TravelError, success=_("Passenger taken off.")) as done:
            transfers.remove_passenger(found, flight_id, actor=current_user)
        return redirect(url_for("travel.trip", trip_id=found.id))
    elif action == "delete" and confirm.validate_on_submit():
        with step(TravelError, success=_("Trip removed.")) as done:
            transfers.remove_trip(found, actor=current_user)
        if done:
            return redirect(url_for("travel.transfers_page"))
    elif action is None and form.validate_on_submit():
        with step(TravelError, form, success=_("Trip saved.")) as done:
            transfers.edit_trip(found, _trip_input(form), actor=current_user)
        if done:
            return redirect(url_for("travel.trip", trip_id=found.id))
    elif request.method == "POST" and action not in (None, "add", "remove", "delete"):
        abort(400)
    return render_template("travel/trip.html", meeting=meeting, trip=found, form=form,
                           rider=rider, confirm=confirm, local=_local,
                           passengers=[p.flight for p in found.passengers])
