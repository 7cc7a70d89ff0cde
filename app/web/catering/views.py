"""Meals and receptions (the programme every participant reads, each person's answer), the
caterer's counts and files, and the visa report. Logistics and the secretariat see and edit
everything; a head of delegation their delegation's people; a delegate their own."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.agenda.services import add_day_events
from app.calendar.services import add_event_provider
from app.extensions import db
from app.i18n import LOCALES, current_locale
from app.logistics.catering import documents, services, visas
from app.logistics.catering.calendar import meal_events, meals_calendar
from app.logistics.catering.models import Meal, VisaStatus
from app.registration.models import Registration
from app.urls import public_url
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.catering.forms import AnswerForm, MealForm, VisaStatusForm
from app.web.forms import attach_error
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.steps import step

bp = Blueprint("catering", __name__, url_prefix="/meetings/<slug>")
bind_meeting(bp)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def caters(meeting) -> bool:
    """Logistics and the secretariat: every meal, answer, count and visa."""
    return bool(access.roles(meeting) & services.CATERING_ROLES)


def _caters_here() -> None:
    if not caters(g.meeting):
        abort(403)


access.guard(bp, access.member_here)
access.guard(bp, _caters_here, only={"edit_meal", "delete_meal", "counts", "counts_file",
                                     "visas_file"})


@bp.record_once
def _register_meals(state) -> None:
    """The meals a person attends join their calendar feed (app.calendar asks; it never
    imports us)."""
    add_event_provider(state.app, meal_events)
    add_day_events(state.app, services.AGENDA_EVENTS)


def _lang() -> str:
    lang = request.args.get("lang", "")
    return lang if lang in LOCALES else current_locale()


def _headed_ids() -> set[int]:
    return {org.id for org in access.headed(g.meeting)}


def _may_answer_for(registration: Registration) -> bool:
    return registration.user_id == current_user.id or caters(g.meeting) \
        or registration.organisation_id in _headed_ids()


def _own(meeting) -> list[Registration]:
    return services.participants(meeting, user_id=current_user.id)


def _file(data: bytes, mimetype: str, name: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the programme ---------------------------------------------------------------------------

@bp.route("/meals")
def programme():
    meeting = g.meeting
    found = services.meals(meeting)
    own = _own(meeting)
    said = services.choices([m.id for m in found])
    days: dict = {}
    for meal in found:
        day = services.meal_day(meal, meeting)
        places = {r.id: services.place_of(meal, r, day, said) for r in own}
        days.setdefault(day, []).append((meal, places))
    return render_template("catering/programme.html", meeting=meeting, days=days, own=own,
                           form=AnswerForm(), caters=caters(meeting),
                           heads=bool(_headed_ids()), meal_time=services.meal_time)


@bp.route("/meals.ics")
def calendar():
    meeting = g.meeting
    lang = _lang()
    body = meals_calendar(meeting, services.meals(meeting), lang,
                          link=public_url("catering.programme", slug=meeting.slug, lang=lang))
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{meeting.slug}-meals.ics"'
    return response


@bp.route("/meals/<int:meal_id>")
def attendees(meal_id: int):
    """Who attends one meal: logistics see everyone, a head their delegation."""
    meeting = g.meeting
    meal = of_meeting_or_404(Meal, meal_id)
    if caters(meeting):
        people = services.participants(meeting)
    elif _headed_ids():
        people = [r for r in services.participants(meeting)
                  if r.organisation_id in _headed_ids()]
    else:
        abort(403)
    people = services.sorted_people(people, current_locale())
    day = services.meal_day(meal, meeting)
    said = services.choices([meal.id])
    rows = [(r, services.place_of(meal, r, day, said)) for r in people]
    return render_template("catering/attendees.html", meeting=meeting, meal=meal, rows=rows,
                           form=AnswerForm(), caters=caters(meeting),
                           meal_time=services.meal_time, day=day,
                           attending=sum(1 for _r, place in rows if place.attending))


@bp.route("/meals/<int:meal_id>/answer", methods=["POST"])
def answer(meal_id: int):
    meeting = g.meeting
    meal = of_meeting_or_404(Meal, meal_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    registration = db.session.get(Registration, form.registration.data)
    if registration is None or registration.meeting_id != meeting.id:
        abort(404)
    if not _may_answer_for(registration):
        abort(403)
    with step(services.CateringError, success=_("Saved.")):
        services.set_choice(meal, registration, form.answer.data, actor=current_user)
    if form.back.data == "meal":
        return redirect(url_for("catering.attendees", meal_id=meal.id))
    return redirect(url_for("catering.programme") + f"#meal-{meal.id}")


# --- the secretariat's editor ----------------------------------------------------------------

@bp.route("/meals/new", methods=["GET", "POST"])
@bp.route("/meals/<int:meal_id>/edit", methods=["GET", "POST"])
def edit_meal(meal_id: int | None = None):
    meeting = g.meeting
    meal = of_meeting_or_404(Meal, meal_id) if meal_id is not None else None
    form = MealForm()
    if request.method == "GET" and meal is not None:
        starts, ends = services.meal_time(meal, meeting)
        form.kind.data = meal.kind.value
        form.title.data, form.place.data = dict(meal.title), dict(meal.place or {})
        form.day.data, form.start_time.data, form.end_time.data = \
            starts.date(), starts.time(), ends.time()
    if form.validate_on_submit():
        with step(services.CateringError, form, success=_("Saved.")) as done:
            services.save_meal(meeting, meal, kind=form.kind.data, title=form.title.data,
                               place=form.place.data, day=form.day.data,
                               start=form.start_time.data, end=form.end_time.data,
                               actor=current_user)
        if done:
            return redirect(url_for("catering.programme"))
    elif form.is_submitted() and not form.csrf_token.errors:
        _other_problems(form)
    return render_template("catering/meal_form.html", meeting=meeting, meal=meal, form=form,
                           delete_form=ConfirmForm())


def _other_problems(form: MealForm) -> None:
    """The form's own checks failed (a date that is no date), so the service was not asked:
    ask it now, so that its problems show with the form's, all at once."""
    try:
        services.check_meal(g.meeting, kind=form.kind.data, title=form.title.data,
                            day=form.day.data, start=form.start_time.data,
                            end=form.end_time.data)
    except services.CateringError as error:
        for message, name in error.errors:
            target = form.title.input_named(name) if name and name.startswith("title_") \
                else (form[name] if name in form else None)
            if target is not None and not target.errors:
                attach_error(form, message, name)


@bp.route("/meals/<int:meal_id>/delete", methods=["POST"])
def delete_meal(meal_id: int):
    meeting = g.meeting
    meal = of_meeting_or_404(Meal, meal_id)
    if ConfirmForm().validate_on_submit():
        with step(services.CateringError, success=_("The meal has been removed.")):
            services.delete_meal(meal, meeting, actor=current_user)
    return redirect(url_for("catering.programme"))


# --- the caterer's counts --------------------------------------------------------------------

@bp.route("/catering")
def counts():
    meeting = g.meeting
    return render_template("catering/counts.html", meeting=meeting,
                           counts=services.counts(meeting, current_locale()),
                           needs=services.NEEDS, need_label=services.need_label,
                           meal_time=services.meal_time, caters=True)


@bp.route("/catering.<any(csv, xlsx, pdf):fmt>")
def counts_file(fmt: str):
    from app.documents.pdf import pdf_response

    meeting = g.meeting
    lang = _lang()
    name = f"{meeting.slug}-catering-{lang}.{fmt}"
    if fmt == "pdf":
        return pdf_response(documents.catering_pdf(meeting, lang), name)
    if fmt == "xlsx":
        return _file(documents.catering_xlsx(meeting, lang), XLSX, name)
    return _file(documents.catering_csv(meeting, lang), "text/csv", name)


# --- the visa report -------------------------------------------------------------------------

def _visa_scope() -> dict:
    """What the reader may see of the report: all, their delegations, or their own."""
    if caters(g.meeting):
        return {}
    return {"organisations": _headed_ids(), "user_id": current_user.id}


@bp.route("/visas")
def visas_page():
    meeting = g.meeting
    rows = visas.visa_rows(meeting, current_locale())
    scope = _visa_scope()
    if scope:
        rows = [row for row in rows if row.registration.organisation_id in scope["organisations"]
                or row.registration.user_id == scope["user_id"]]
    return render_template("catering/visas.html", meeting=meeting, rows=rows,
                           form=VisaStatusForm(), caters=caters(meeting),
                           statuses=list(VisaStatus))


@bp.route("/visas/<int:registration_id>", methods=["POST"])
def visa_status(registration_id: int):
    registration = of_meeting_or_404(Registration, registration_id)
    if not _may_answer_for(registration):
        abort(403)
    form = VisaStatusForm()
    if form.validate_on_submit():
        with step(visas.VisaError, success=_("The visa status has been saved.")):
            visas.set_status(registration, form.status.data, actor=current_user)
    else:
        flash(_("Choose where the visa stands."), "error")
    return redirect(url_for("catering.visas_page") + f"#visa-{registration.id}")


@bp.route("/visas.<any(csv, xlsx):fmt>")
def visas_file(fmt: str):
    meeting = g.meeting
    lang = _lang()
    name = f"{meeting.slug}-visas-{lang}.{fmt}"
    if fmt == "xlsx":
        return _file(documents.visas_xlsx(meeting, lang), XLSX, name)
    return _file(documents.visas_csv(meeting, lang), "text/csv", name)
