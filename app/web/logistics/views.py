"""Logistics pages: the hub (/meetings/<slug>/logistics/, linking every logistics page) and
accommodation: hotels, room blocks, putting people into rooms, rooming lists.

Who may: the secretariat and the logistics role see and change everything; a head of
delegation sees the hub and fills the blocks reserved for the delegation (their rooms only);
protocol sees the hub (their own pages hang from it); delegates see their room on their
registration page.
"""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_currency, format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.auth.models import SECRETARIAT_ROLES, Role
from app.extensions import db
from app.i18n import LOCALES, TranslatedText, current_locale
from app.logistics.accommodation import documents, services
from app.logistics.accommodation import jobs as rooming_jobs
from app.logistics.accommodation.models import BookedRoom, Hotel, RoomBlock, Stay
from app.meetings.models import MeetingOrganisation, Organisation
from app.registration.models import Registration
from app.registration.services import add_close_hook
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.jobs import views as jobs
from app.web.logistics.forms import AssignForm, BlockForm, HotelForm, NightsForm
from app.web.meetings.views import bind_meeting
from app.web.steps import step

bp = Blueprint("logistics", __name__, url_prefix="/meetings/<slug>/logistics")
bind_meeting(bp)


@bp.record_once
def _register_room_release(state) -> None:
    """A cancelled or rejected registration frees its hotel room in the same transaction
    (app.registration asks; it never imports logistics)."""
    add_close_hook(state.app, services.free_closed_registration)

#: Roles that see and change all of logistics.
LOGISTICS_STAFF = SECRETARIAT_ROLES | {Role.LOGISTICS}


def is_logistics_staff(meeting) -> bool:
    return bool(access.roles(meeting) & LOGISTICS_STAFF)


def _staff_here() -> None:
    if not is_logistics_staff(g.meeting):
        abort(403)


def _hub_reader_here() -> None:
    if not (is_logistics_staff(g.meeting) or Role.PROTOCOL in access.roles(g.meeting)
            or access.headed(g.meeting)):
        abort(403)


# Every page: a signed-in person; the hub, logistics, protocol and heads; the hotels, blocks
# and rooming lists, logistics; a block and a stay decide per object (after their 404).
access.guard(bp)
access.guard(bp, _hub_reader_here, only={"hub"})
access.guard(bp, _staff_here, skip={"hub", "block", "stay", "remove_stay"})


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LOCALES else current_locale()


def _hotel_or_404(hotel_id: int) -> Hotel:
    hotel = db.session.get(Hotel, hotel_id)
    if hotel is None or hotel.meeting_id != g.meeting.id:
        abort(404)
    return hotel


def _block_or_404(block_id: int) -> RoomBlock:
    block = db.session.get(RoomBlock, block_id)
    if block is None or block.hotel.meeting_id != g.meeting.id:
        abort(404)
    return block


def _may_fill(block: RoomBlock) -> bool:
    """Logistics everywhere; a head in the blocks reserved for the delegation."""
    if is_logistics_staff(g.meeting):
        return True
    return block.organisation_id is not None and any(
        org.id == block.organisation_id for org in access.headed(g.meeting))


def _delegations() -> list[tuple[int, str]]:
    rows = db.session.scalars(select(Organisation).join(
        MeetingOrganisation, MeetingOrganisation.organisation_id == Organisation.id)
        .where(MeetingOrganisation.meeting_id == g.meeting.id))
    fallback = g.meeting.working_language
    named = [(o.id, TranslatedText(o.name).resolve(current_locale(), fallback).text)
             for o in rows]
    return sorted(named, key=lambda pair: pair[1].casefold())


# --- the hub ----------------------------------------------------------------------------------

@bp.route("/")
def hub():
    meeting = g.meeting
    staff = is_logistics_staff(meeting)
    headed = {org.id for org in access.headed(meeting)}
    return render_template(
        "logistics/hub.html", meeting=meeting, staff=staff,
        is_protocol=Role.PROTOCOL in access.roles(meeting),
        hotels=services.hotels(meeting) if staff else [],
        unhoused=services.unhoused(meeting) if staff else [],
        stays=services.delegation_stays(meeting, headed) if headed and not staff else [],
        own_blocks=db.session.scalars(select(RoomBlock).where(
            RoomBlock.organisation_id.in_(headed), RoomBlock.hotel.has(meeting_id=meeting.id))
        ).all() if headed and not staff else [])


# --- hotels -----------------------------------------------------------------------------------

def _save_hotel(form: HotelForm, hotel: Hotel | None) -> Hotel | None:
    with step(services.AccommodationError, form,
              success=_("The hotel has been saved.")) as done:
        hotel = services.save_hotel(g.meeting, hotel, name=form.name.data,
                                    address=form.address.data, contact=form.contact.data,
                                    phone=form.phone.data, email=form.email.data,
                                    actor=current_user)
    return hotel if done else None


@bp.route("/hotels/new", methods=["GET", "POST"])
def new_hotel():
    form = HotelForm()
    if form.validate_on_submit() and (hotel := _save_hotel(form, None)):
        return redirect(url_for("logistics.hotel", hotel_id=hotel.id))
    return render_template("logistics/hotel_form.html", meeting=g.meeting, form=form,
                           hotel=None)


@bp.route("/hotels/<int:hotel_id>/edit", methods=["GET", "POST"])
def edit_hotel(hotel_id: int):
    hotel = _hotel_or_404(hotel_id)
    form = HotelForm(obj=hotel)
    if form.validate_on_submit() and _save_hotel(form, hotel):
        return redirect(url_for("logistics.hotel", hotel_id=hotel.id))
    return render_template("logistics/hotel_form.html", meeting=g.meeting, form=form,
                           hotel=hotel)


@bp.route("/hotels/<int:hotel_id>")
def hotel(hotel_id: int):
    hotel = _hotel_or_404(hotel_id)
    return render_template("logistics/hotel.html", meeting=g.meeting, hotel=hotel,
                           format_rate=lambda rate, currency: format_currency(rate, currency))


# --- room blocks ------------------------------------------------------------------------------

def _block_form(block: RoomBlock | None) -> BlockForm:
    form = BlockForm(obj=block)
    form.organisation_id.choices = [(0, _("No delegation: logistics fills it"))] + _delegations()
    if request.method == "GET" and block is not None:
        form.organisation_id.data = block.organisation_id or 0
        form.rate.data = f"{block.rate:f}"
    return form


def _save_block(form: BlockForm, hotel: Hotel, block: RoomBlock | None) -> RoomBlock | None:
    details = services.BlockDetails(
        room_type=form.room_type.data, occupancy=form.occupancy.data, rate=form.rate.data,
        currency=form.currency.data, first_night=form.first_night.data,
        last_night=form.last_night.data, allotment=form.allotment.data,
        release_date=form.release_date.data, organisation_id=form.organisation_id.data or None)
    with step(services.AccommodationError, form,
              success=_("The room block has been saved.")) as done:
        block = services.save_block(hotel, block, details, actor=current_user)
    return block if done else None


@bp.route("/hotels/<int:hotel_id>/blocks/new", methods=["GET", "POST"])
def new_block(hotel_id: int):
    hotel = _hotel_or_404(hotel_id)
    form = _block_form(None)
    if request.method == "GET":
        form.first_night.data = g.meeting.start_date - timedelta(days=1)
        form.last_night.data = g.meeting.end_date
    if form.validate_on_submit() and _save_block(form, hotel, None):
        return redirect(url_for("logistics.hotel", hotel_id=hotel.id))
    return render_template("logistics/block_form.html", meeting=g.meeting, form=form,
                           hotel=hotel, block=None)


@bp.route("/blocks/<int:block_id>/edit", methods=["GET", "POST"])
def edit_block(block_id: int):
    block = _block_or_404(block_id)
    form = _block_form(block)
    if form.validate_on_submit() and _save_block(form, block.hotel, block):
        return redirect(url_for("logistics.block", block_id=block.id))
    return render_template("logistics/block_form.html", meeting=g.meeting, form=form,
                           hotel=block.hotel, block=block)


@bp.route("/blocks/<int:block_id>/delete", methods=["POST"])
def delete_block(block_id: int):
    block = _block_or_404(block_id)
    hotel_id = block.hotel_id
    if ConfirmForm().validate_on_submit():
        with step(services.AccommodationError,
                  success=_("The room block has been deleted.")) as done:
            services.delete_block(block, actor=current_user)
        if not done:
            return redirect(url_for("logistics.block", block_id=block_id))
    return redirect(url_for("logistics.hotel", hotel_id=hotel_id))


@bp.route("/blocks/<int:block_id>", methods=["GET", "POST"])
def block(block_id: int):
    """The block's rooms and guests, and the form that puts a person into a room."""
    block = _block_or_404(block_id)
    if not _may_fill(block):
        abort(403)
    staff = is_logistics_staff(g.meeting)
    rooms = services.block_stays(block)
    people = services.unhoused(g.meeting, {block.organisation_id}
                               if block.organisation_id else None)
    form = AssignForm()
    form.registration_id.choices = [(r.id, f"{r.latin_name} — {_organisation(r)}")
                                    for r in people]
    form.room_id.choices = [(0, _("A new room"))] + [
        (room.id, _("Room %(number)d, shared with %(names)s", number=number, names=", ".join(
            s.registration.latin_name for s in room.stays)))
        for number, room in enumerate(rooms, start=1) if room.guests < room.capacity]
    if form.validate_on_submit():
        registration = db.session.get(Registration, form.registration_id.data or 0)
        room = db.session.get(BookedRoom, form.room_id.data) if form.room_id.data else None
        if registration is None or registration.meeting_id != g.meeting.id or (
                room is not None and room.block_id != block.id):
            abort(404)
        with step(services.AccommodationError, form, fields={"registration": "registration_id",
                                                            "room": "room_id"}) as done:
            stay = services.assign(registration, block, room, first_night=form.first_night.data,
                                   last_night=form.last_night.data, actor=current_user)
        if done:
            flash(_("%(name)s now has a room: %(nights)s.", name=registration.display_name,
                    nights=_nights_text(stay)), "success")
            for warning in services.warnings(stay):
                flash(warning, "info")
            return redirect(url_for("logistics.block", block_id=block.id))
    return render_template("logistics/block.html", meeting=g.meeting, block=block, rooms=rooms,
                           form=form, staff=staff, confirm=ConfirmForm(),
                           warnings=services.warnings)


def _organisation(registration: Registration) -> str:
    org = registration.organisation
    return TranslatedText(org.short_name or org.name).resolve(
        current_locale(), g.meeting.working_language).text


def _nights_text(stay: Stay) -> str:
    return ngettext("%(num)d night, from %(check_in)s to %(check_out)s",
                    "%(num)d nights, from %(check_in)s to %(check_out)s", stay.night_count,
                    check_in=format_date(stay.check_in, "long"),
                    check_out=format_date(stay.check_out, "long"))


# --- a person's stay --------------------------------------------------------------------------

def _stay_or_404(stay_id: int) -> Stay:
    stay = db.session.get(Stay, stay_id)
    if stay is None or stay.registration.meeting_id != g.meeting.id:
        abort(404)
    if not _may_fill(stay.room.block):
        abort(403)
    return stay


@bp.route("/stays/<int:stay_id>", methods=["GET", "POST"])
def stay(stay_id: int):
    """Change a person's nights (both empty: those of their travel dates)."""
    stay = _stay_or_404(stay_id)
    form = NightsForm(obj=stay)
    if form.validate_on_submit():
        with step(services.AccommodationError, form) as done:
            services.change_nights(stay, form.first_night.data, form.last_night.data,
                                   actor=current_user)
        if done:
            flash(_("The nights of %(name)s are now: %(nights)s.",
                    name=stay.registration.display_name, nights=_nights_text(stay)), "success")
            for warning in services.warnings(stay):
                flash(warning, "info")
            return redirect(url_for("logistics.block", block_id=stay.room.block_id))
    return render_template("logistics/stay.html", meeting=g.meeting, stay=stay, form=form,
                           warnings=services.warnings(stay))


@bp.route("/stays/<int:stay_id>/remove", methods=["POST"])
def remove_stay(stay_id: int):
    stay = _stay_or_404(stay_id)
    block_id, name = stay.room.block_id, stay.registration.display_name
    if ConfirmForm().validate_on_submit():
        with step(services.AccommodationError,
                  success=_("%(name)s no longer has a room.", name=name)):
            services.remove(stay, actor=current_user)
    return redirect(url_for("logistics.block", block_id=block_id))


# --- rooming lists ----------------------------------------------------------------------------

def _lists(hotel_id: int | None, lang: str):
    if hotel_id is None:
        return services.rooming_lists(g.meeting, lang)
    hotel = _hotel_or_404(hotel_id)
    return [(hotel, services.rooming_list(hotel, lang))]


@bp.route("/rooming-list")
@bp.route("/hotels/<int:hotel_id>/rooming-list")
def rooming_list(hotel_id: int | None = None):
    return render_template("logistics/rooming_list.html", meeting=g.meeting,
                           lists=_lists(hotel_id, current_locale()), hotel_id=hotel_id)


@bp.route("/rooming-list.<any(csv, xlsx, pdf):fmt>")
@bp.route("/hotels/<int:hotel_id>/rooming-list.<any(csv, xlsx, pdf):fmt>")
def rooming_file(fmt: str, hotel_id: int | None = None):
    from app.documents.pdf import pdf_response

    meeting, lang = g.meeting, _lang()
    lists = _lists(hotel_id, lang)
    name = f"{meeting.slug}-rooming-list{f'-{hotel_id}' if hotel_id else ''}-{lang}"
    if fmt == "pdf":
        guests = rooming_jobs.guests(lists)
        if guests > jobs.inline_limit():  # a long list: prepared in the background
            return jobs.offer(
                url_for("logistics.prepare_rooming", hotel_id=hotel_id, lang=lang), {},
                _("Rooming list (PDF)"), ngettext(
                    "%(num)d guest: the rooming list will be prepared in the background.",
                    "%(num)d guests: the rooming list will be prepared in the background.",
                    guests))
        return pdf_response(documents.rooming_pdf(meeting, lists, lang), f"{name}.pdf")
    if fmt == "csv":
        response = Response(documents.rooming_csv(lists, lang), mimetype="text/csv")
    else:
        title = TranslatedText(meeting.title).resolve(lang, meeting.working_language).text
        response = Response(documents.rooming_xlsx(lists, lang, title),
                            mimetype="application/vnd.openxmlformats-officedocument."
                                     "spreadsheetml.sheet")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/rooming-list/prepare", methods=["POST"])
@bp.route("/hotels/<int:hotel_id>/rooming-list/prepare", methods=["POST"])
def prepare_rooming(hotel_id: int | None = None):
    """The rooming list (PDF) prepared in the background (a form posted with CSRF)."""
    if hotel_id is not None:
        _hotel_or_404(hotel_id)
    return jobs.start(rooming_jobs.ROOMING, {"hotel_id": hotel_id}, locale=_lang())
