"""Series pages: the archive with its search, the roster, the next meeting from this one,
and the tracker of action points carried forward."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.auth.models import Membership, Role
from app.extensions import db
from app.meetings.models import Organisation, Series
from app.series import services
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.forms import AppForm, DateWithin, SelectField
from app.web.invitations.forms import CATEGORIES, REQUIRED
from app.web.locale import localized
from app.web.meetings.views import bind_meeting
from app.web.steps import step

bp = Blueprint("series", __name__, url_prefix="/series/<series_slug>")
meeting_pages = Blueprint("series_meeting", __name__, url_prefix="/meetings/<slug>")
bind_meeting(meeting_pages)


class JoinForm(AppForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    category = SelectField(_l("Category"), choices=CATEGORIES)
    joined_on = DateField(_l("Joined on"), validators=[DataRequired(REQUIRED),
                                                        DateWithin(before=30)])
    decided_at_id = SelectField(_l("Decided at"), coerce=int)


class LeaveForm(AppForm):
    left_on = DateField(_l("Left on"), validators=[DataRequired(REQUIRED), DateWithin(before=30)])
    decided_at_id = SelectField(_l("Decided at"), coerce=int)


class CloneForm(AppForm):
    slug = StringField(_l("Short name (in web addresses)"), validators=[
        DataRequired(REQUIRED), Length(max=64)])
    title = StringField(_l("Title (working language)"), validators=[DataRequired(REQUIRED),
                                                                     Length(max=300)])
    city = StringField(_l("Host city (working language)"), validators=[
        DataRequired(REQUIRED), Length(max=200)])
    venue = StringField(_l("Venue, if it changes (working language)"),
                        validators=[Length(max=300)])
    start = DateField(_l("First day"), validators=[DataRequired(REQUIRED), DateWithin()])
    end = DateField(_l("Last day"), validators=[DataRequired(REQUIRED), DateWithin()])
    timezone = StringField(_l("Time zone"), validators=[Length(max=64)])
    host = SelectField(_l("Host"))
    symbol_prefix = StringField(_l("Document symbol prefix"), validators=[Optional(),
                                                                          Length(max=32)])


def _series_member() -> None:
    """g.series, the series of the address (a 404 if there is none), for a person with a role
    at one of its meetings (a 403 otherwise); g.series_roles, those roles."""
    slug = request.view_args["series_slug"]
    series = db.session.scalar(select(Series).where(Series.slug == slug)) \
        if len(slug) <= 64 else None
    if series is None:
        abort(404)
    roles = {m.role for m in current_user.memberships
             if m.meeting and m.meeting.series_id == series.id}
    if not roles:
        abort(403)
    g.series, g.series_roles = series, roles


def _is_admin() -> bool:
    return Role.ADMIN in g.series_roles


def _series_admin() -> None:
    if not _is_admin():
        abort(403)


access.guard(bp, _series_member)
access.guard(bp, _series_admin, only={"leave"})
access.guard(meeting_pages, access.admin_here, only={"clone"})
access.guard(meeting_pages, access.member_here, only={"follow_up"})


def _meeting_choices(series: Series) -> list[tuple[int, str]]:
    return [(0, "—"), *((m.id, f"{m.symbol_prefix} · {localized(m.title).text}")
                        for m in series.meetings)]


@bp.route("/")
def archive(series_slug: str):
    series = g.series
    query = request.args.get("q", "")[:200]
    hits = services.search_resolutions(series, query) if query else []
    return render_template("series/archive.html", series=series,
                           meetings=services.archive(series), query=query, hits=hits)


@bp.route("/roster", methods=["GET", "POST"])
def roster(series_slug: str):
    series = g.series
    form = JoinForm()
    form.organisation_id.choices = sorted(
        ((o.id, localized(o.name).text) for o in db.session.scalars(select(Organisation))),
        key=lambda c: c[1])
    form.decided_at_id.choices = _meeting_choices(series)
    if request.method == "POST":
        if not _is_admin():
            abort(403)
        if form.validate_on_submit():
            with step(services.SeriesError, form,
                      success=_("The organisation has been added to the roster.")) as done:
                services.join(series, form.organisation_id.data, form.category.data,
                              form.joined_on.data, form.decided_at_id.data)
            if done:
                return redirect(url_for("series.roster", series_slug=series.slug))
    leave = LeaveForm()
    leave.decided_at_id.choices = _meeting_choices(series)
    return render_template("series/roster.html", series=series, form=form, leave=leave,
                           current=services.roster(series), rows=services.history(series),
                           admin=_is_admin())


@bp.route("/roster/<int:member_id>/leave", methods=["POST"])
def leave(series_slug: str, member_id: int):
    series = g.series
    form = LeaveForm()
    form.decided_at_id.choices = _meeting_choices(series)
    if form.validate_on_submit():
        with step(services.SeriesError, success=_("The organisation has left the roster.")):
            services.leave(series, member_id, form.left_on.data, form.decided_at_id.data)
    else:
        flash(_("Give the date on which the organisation left."), "error")
    return redirect(url_for("series.roster", series_slug=series.slug))


@meeting_pages.route("/next", methods=["GET", "POST"])
def clone(slug=None):
    """The next meeting of the series, made from this one (administrators)."""
    source = g.meeting
    series = source.series
    form = CloneForm()
    members = services.roster(series)
    form.host.choices = [(m.organisation.code, localized(m.organisation.name).text)
                         for m in members]
    if request.method == "GET":
        form.timezone.data = source.timezone
        form.host.data = source.host.code if source.host else None
    if form.validate_on_submit():
        lang = source.working_language
        with step(services.SeriesError, form) as done:
            result = services.clone_meeting(
                source, slug=form.slug.data, start=form.start.data, end=form.end.data,
                title={lang: form.title.data}, city={lang: form.city.data},
                venue={lang: form.venue.data} if form.venue.data else None,
                timezone=form.timezone.data or None, host_code=form.host.data,
                symbol_prefix=form.symbol_prefix.data or None)
            for membership in [m for m in current_user.memberships
                               if m.meeting_id == source.id and m.role == Role.ADMIN]:
                db.session.add(Membership(user_id=membership.user_id,
                                          meeting_id=result.meeting.id, role=Role.ADMIN))
        if done:
            flash(_("%(symbol)s has been created from %(source)s: %(invitations)s, %(items)s.",
                    symbol=result.meeting.symbol_prefix, source=source.symbol_prefix,
                    invitations=ngettext("%(num)d draft invitation", "%(num)d draft invitations",
                                         result.invitations),
                    items=ngettext("%(num)d agenda item", "%(num)d agenda items",
                                   result.items)), "success")
            return redirect(url_for("meetings.settings", slug=result.meeting.slug))
    return render_template("series/clone.html", meeting=source, form=form, members=members)


@meeting_pages.route("/follow-up", methods=["GET", "POST"])
def follow_up(slug=None):
    """Open action points from earlier meetings; heads update their own agency's."""
    meeting = g.meeting
    roles = access.roles(meeting)
    head_of = {org.id for org in access.headed(meeting)}
    secretariat = access.is_secretariat(meeting)
    levels = None if secretariat else access.levels_for(roles)
    if request.method == "POST":
        from app.minutes.models import ActionPoint

        action = db.session.get(ActionPoint, request.form.get("action_id", type=int) or 0)
        carried = {c.action.id for c in services.carried_forward(meeting, levels=levels)}
        if action is None or action.id not in carried:
            abort(404)
        if not (secretariat or action.owner_id in head_of):
            abort(403)
        form = ConfirmForm()
        status = request.form.get("status", "")
        if form.validate_on_submit() and status in ("open", "done", "dropped"):
            from app.minutes.services import set_action_status

            set_action_status(action, status, actor=current_user)
            db.session.commit()
            flash(_("The action point has been updated."), "success")
        return redirect(url_for("series_meeting.follow_up"))
    return render_template("series/follow_up.html", meeting=meeting,
                           rows=services.carried_forward(meeting, levels=levels),
                           head_of=head_of,
                           secretariat=secretariat, roles=roles, form=ConfirmForm(),
                           today=date.today())
