"""The administration pages, for site administrators only: meeting series, meetings made
from scratch (with their rooms and the organisations taking part), and organisations."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.auth import staff
from app.auth.profile import zone_choices
from app.extensions import db
from app.i18n import current_locale, localized
from app.meetings.admin import AdminError, save_organisation, save_series
from app.meetings.models import Meeting, Organisation, ParticipationCategory, Room, Series
from app.series.settings import MeetingError
from app.series.setup import (
    RoomInput,
    add_rooms,
    create_meeting,
    delete_room,
    room_in_use,
    take_part,
    update_room,
)
from app.web import access
from app.web.admin.forms import (
    KIND_LABELS,
    ROOM_ROWS,
    ParticipantForm,
    RoomForm,
    RoomsForm,
    SeriesForm,
    meeting_form,
    organisation_form,
)
from app.web.auth.forms import ConfirmForm
from app.web.steps import step

bp = Blueprint("admin", __name__, url_prefix="/admin")


def site_admin() -> None:
    """Site administrators only (an administrator of one meeting is not one)."""
    if not current_user.site_admin:
        abort(403)


access.guard(bp, site_admin)


def _by_name(rows, text=lambda row: row.name) -> list:
    return sorted(rows, key=lambda row: localized(text(row)).text.casefold())


def _organisation_choices() -> list[tuple[int, str]]:
    return [(org.id, localized(org.name).text)
            for org in _by_name(db.session.scalars(select(Organisation)))]


@bp.route("/")
def index():
    series = db.session.scalars(select(Series).order_by(Series.slug)).all()
    meetings = db.session.scalars(select(Meeting).order_by(Meeting.start_date.desc())).all()
    organisations = db.session.scalars(select(Organisation)).all()
    return render_template("admin/index.html", series=series, meetings=meetings,
                           organisations=len(organisations))


# --- series -----------------------------------------------------------------------------------

def _series_page(series: Series | None):
    form = SeriesForm(obj=series) if request.method == "GET" and series else SeriesForm()
    if request.method == "GET" and series:
        form.name.data = series.name
    if form.validate_on_submit():
        with step(AdminError, form, success=_("Saved.")) as done:
            save_series(series, name=form.name.data, slug=form.slug.data,
                        symbol_root=form.symbol_root.data)
        if done:
            return redirect(url_for("admin.index"))
    return render_template("admin/series.html", form=form, series=series)


@bp.route("/series/new", methods=["GET", "POST"])
def new_series():
    return _series_page(None)


@bp.route("/series/<int:series_id>", methods=["GET", "POST"])
def edit_series(series_id: int):
    return _series_page(db.get_or_404(Series, series_id))


# --- meetings ---------------------------------------------------------------------------------

def _rooms_typed(form) -> list[RoomInput]:
    return [RoomInput(name.data, capacity.data, index)
            for index, (name, capacity) in enumerate(form.rooms(), start=1)]


def _zone_typed(typed: str | None) -> str:
    """The zone typed or picked from the list: its name (Asia/Seoul), or the name the list
    shows for it in the reader's language ("Corée du Sud"), as a browser may send either."""
    typed = " ".join((typed or "").split())
    by_label = {label.casefold(): zone for zone, label in zone_choices(current_locale())}
    return by_label.get(typed.casefold(), typed)


@bp.route("/meetings/new", methods=["GET", "POST"])
def new_meeting():
    series = [(s.id, localized(s.name).text) for s in _by_name(db.session.scalars(select(Series)))]
    form = meeting_form(series, _organisation_choices())
    if request.method == "GET":
        form.working_language.data = current_locale()
        form.official_languages.data = [current_locale()]
        if len(series) == 1:
            form.series_id.data = series[0][0]
    if form.validate_on_submit():
        with step(MeetingError, form, success=_("The meeting has been created.")) as done:
            meeting = create_meeting(
                current_user, series_id=form.series_id.data,
                texts={name: form[name].data for name in ("title", "city", "venue")},
                start=form.start_date.data, end=form.end_date.data,
                zone=_zone_typed(form.timezone.data),
                working_language=form.working_language.data,
                official_languages=form.official_languages.data or [],
                host_id=form.host_id.data or None, symbol_prefix=form.symbol_prefix.data,
                is_public=form.is_public.data, rooms=_rooms_typed(form))
        if done:
            return redirect(url_for("admin.meeting", meeting_id=meeting.id))
    return render_template("admin/new_meeting.html", form=form, has_series=bool(series),
                           zones=zone_choices(current_locale()), room_rows=ROOM_ROWS)


@bp.route("/meetings/<int:meeting_id>", methods=["GET", "POST"])
def meeting(meeting_id: int):
    """A meeting's rooms and the organisations taking part; its other settings are on the
    meeting's own settings page."""
    found = db.get_or_404(Meeting, meeting_id)
    rooms_form = RoomsForm(prefix="rooms")
    taking_part = {row.organisation_id for row in found.participants}
    participant_form = ParticipantForm(prefix="participant")
    participant_form.organisation_id.choices = [
        (org_id, name) for org_id, name in _organisation_choices() if org_id not in taking_part]
    if request.form.get("rooms-csrf_token") and rooms_form.validate_on_submit():
        with step(MeetingError, rooms_form, success=_("Saved.")) as done:
            add_rooms(found, _rooms_typed(rooms_form))
        if done:
            return redirect(url_for("admin.meeting", meeting_id=found.id))
    elif request.form.get("participant-csrf_token") and participant_form.validate_on_submit():
        organisation = db.session.get(Organisation, participant_form.organisation_id.data)
        with step(MeetingError, participant_form, success=_("Saved.")) as done:
            take_part(found, organisation,
                      ParticipationCategory(participant_form.category.data))
        if done:
            return redirect(url_for("admin.meeting", meeting_id=found.id))
    return render_template("admin/meeting.html", meeting=found, rooms_form=rooms_form,
                           participant_form=participant_form, room_rows=ROOM_ROWS,
                           participants=_by_name(found.participants,
                                                 lambda row: row.organisation.name))


def _room(meeting_id: int, room_id: int) -> tuple[Meeting, Room]:
    room = db.get_or_404(Room, room_id)
    if room.meeting_id != meeting_id:
        abort(404)
    return room.meeting, room


@bp.route("/meetings/<int:meeting_id>/rooms/<int:room_id>", methods=["GET", "POST"])
def room(meeting_id: int, room_id: int):
    """A room's name in each language and its seats; removing it, if the agenda leaves it."""
    found, room = _room(meeting_id, room_id)
    form = RoomForm()
    if request.method == "GET":
        form.name.data, form.capacity.data = room.name, room.capacity
    if form.validate_on_submit():
        with step(MeetingError, form, success=_("Saved.")) as done:
            update_room(found, room, names=form.name.data, capacity=form.capacity.data)
        if done:
            return redirect(url_for("admin.meeting", meeting_id=found.id) + "#rooms")
    status = 400 if form.is_submitted() else 200
    return render_template("admin/room.html", meeting=found, room=room, form=form,
                           confirm=ConfirmForm(), in_use=room_in_use(room)), status


@bp.route("/meetings/<int:meeting_id>/rooms/<int:room_id>/delete", methods=["POST"])
def remove_room(meeting_id: int, room_id: int):
    found, room = _room(meeting_id, room_id)
    ConfirmForm()  # CSRF is checked globally before we get here
    with step(MeetingError, success=_("The room has been removed.")) as done:
        delete_room(found, room)
    if done:
        return redirect(url_for("admin.meeting", meeting_id=found.id) + "#rooms")
    return redirect(url_for("admin.room", meeting_id=found.id, room_id=room_id))


# --- staff accounts of the whole site ---------------------------------------------------------

@bp.route("/staff/")
def staff_accounts():
    """Every staff account, its roles at each meeting, active or not."""
    return render_template("admin/staff.html", people=staff.all_staff(),
                           confirm=ConfirmForm())


def _account_step(user_id: int, action, success: str):
    user = staff.staff_account(user_id)
    if user is None:
        abort(404)
    ConfirmForm()  # CSRF is checked globally before we get here
    with step(staff.StaffError, success=success(user)):
        action(user)
    return redirect(url_for("admin.staff_accounts") + f"#person-{user.id}")


@bp.route("/staff/<int:user_id>/deactivate", methods=["POST"])
def deactivate_staff(user_id: int):
    return _account_step(user_id, lambda user: staff.deactivate_everywhere(
        user, actor=current_user), lambda user: _(
        "%(name)s's account is deactivated: it can no longer sign in.", name=user.name))


@bp.route("/staff/<int:user_id>/reactivate", methods=["POST"])
def reactivate_staff(user_id: int):
    return _account_step(user_id, lambda user: staff.reactivate_account(
        user, actor=current_user), lambda user: _("%(name)s's account is active again.",
                                                  name=user.name))


# --- organisations ----------------------------------------------------------------------------

@bp.route("/organisations/")
def organisations():
    return render_template("admin/organisations.html", kinds=KIND_LABELS,
                           organisations=_by_name(db.session.scalars(select(Organisation))))


def _organisation_page(organisation: Organisation | None):
    form = organisation_form()
    if request.method == "GET":
        if organisation is not None:
            form.name.data, form.short_name.data = organisation.name, organisation.short_name
            form.kind.data = organisation.kind.value
            form.country.data = organisation.country_code or ""
            form.language.data = organisation.language
        else:
            form.language.data = current_locale()
    if form.validate_on_submit():
        with step(AdminError, form, success=_("Saved.")) as done:
            saved = save_organisation(organisation, name=form.name.data,
                                      short_name=form.short_name.data, kind=form.kind.data,
                                      country=form.country.data, language=form.language.data)
        if done:
            return redirect(url_for("admin.edit_organisation", organisation_id=saved.id))
    return render_template("admin/organisation.html", form=form, organisation=organisation)


@bp.route("/organisations/new", methods=["GET", "POST"])
def new_organisation():
    return _organisation_page(None)


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
def edit_organisation(organisation_id: int):
    return _organisation_page(db.get_or_404(Organisation, organisation_id))
