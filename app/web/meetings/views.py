"""Meeting pages: the home page, the agenda, and a delegation's page."""
from __future__ import annotations

import functools

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from app.auth.models import Membership, User
from app.extensions import db
from app.i18n import country_name
from app.meetings.models import Meeting, MeetingOrganisation, Organisation
from app.web import access
from app.web.locale import localized
from app.web.steps import step

bp = Blueprint("meetings", __name__, url_prefix="/meetings/<slug>")


def bind_meeting(blueprint: Blueprint, *, deferred: frozenset[str] = frozenset()) -> None:
    """Every route of the blueprint gets g.meeting from <slug>, or a 404. The `deferred`
    endpoints get g.meeting_slug and call load_meeting() themselves when they need more."""

    @blueprint.url_value_preprocessor
    def preprocess(endpoint, values):
        g.meeting_slug = values.pop("slug")
        if endpoint not in deferred:
            load_meeting()

    @blueprint.url_defaults
    def add_slug(endpoint, values):
        meeting = g.get("meeting")
        if "slug" not in values and meeting is not None:
            # After a commit the meeting is expired: the slug it was found by is its slug,
            # without a query to reload it (a form's redirect).
            values["slug"] = g.meeting_slug if meeting is g.get("meeting_of_slug") \
                else meeting.slug


@functools.cache
def _meeting_statement():
    """load_meeting's query, built once (every meeting page runs it): the series comes
    along, the meeting menu of every page links to its archive."""
    return select(Meeting).where(Meeting.slug == bindparam("slug")) \
        .options(joinedload(Meeting.series))


def load_meeting() -> Meeting:
    """g.meeting, the meeting of the address; a 404 if there is none."""
    slug = g.meeting_slug
    g.meeting = db.session.scalar(_meeting_statement(), {"slug": slug}) \
        if len(slug) <= 64 else None
    if g.meeting is None:
        abort(404)
    g.meeting_of_slug = g.meeting
    return g.meeting


bind_meeting(bp)
access.guard(bp, access.admin_here, only={"settings"})
access.guard(bp, access.secretariat_here, only={"translations"})


def participant_choices() -> list[tuple[int, str]]:
    """(id, name) of the organisations taking part in the current meeting, by name."""
    rows = db.session.scalars(select(Organisation).join(MeetingOrganisation).where(
        MeetingOrganisation.meeting_id == g.meeting.id)).all()
    return sorted(((o.id, localized(o.name).text) for o in rows), key=lambda c: c[1])


def of_meeting_or_404(model, row_id: int):
    """A row of the current meeting; a row of another meeting is as good as missing."""
    row = db.session.get(model, row_id)
    if row is None or row.meeting_id != g.meeting.id:
        abort(404)
    return row


@bp.route("/")
def home():
    meeting = g.meeting
    if not meeting.is_public and not access.roles(meeting):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        abort(403)
    participants = db.session.scalars(
        select(MeetingOrganisation).where(MeetingOrganisation.meeting_id == meeting.id)
        .options(selectinload(MeetingOrganisation.organisation))).all()
    participants = sorted(participants, key=lambda row: (
        country_name(row.organisation.country_code) or localized(row.organisation.name).text))
    return render_template("meetings/home.html", meeting=meeting, participants=participants,
                           roles=access.roles(meeting),
                           membership=current_user.membership_in(meeting)
                           if current_user.is_authenticated else None)


@bp.route("/delegations/<code>")
@login_required
def delegation(code: str):
    meeting = g.meeting
    organisation = db.session.scalar(select(Organisation).where(Organisation.code == code))
    if organisation is None:
        abort(404)
    if not access.can_view_delegation(meeting, organisation.id):
        abort(403)
    members = db.session.scalars(
        select(Membership).join(User)
        .where(Membership.meeting_id == meeting.id,
               Membership.organisation_id == organisation.id)
        .options(selectinload(Membership.user)).order_by(User.name)).all()
    return render_template("meetings/delegation.html", meeting=meeting,
                           organisation=organisation, members=members)


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    """Meeting set-up, for the meeting's administrators."""
    from flask_babel import gettext as _

    from app.auth.profile import zone_choices
    from app.i18n import current_locale
    from app.series.settings import TEXT_FIELDS, MeetingError, update_settings
    from app.web.meetings.forms import settings_form

    meeting = g.meeting
    form = settings_form()
    # Current zones, named in the reader's language; a meeting made with an older name of
    # its zone keeps it on offer.
    zones = zone_choices(current_locale())
    if meeting.timezone not in {zone for zone, _name in zones}:
        zones.insert(0, (meeting.timezone, meeting.timezone))
    form.timezone.choices = zones
    organisations = sorted(((o.id, localized(o.name).text)
                            for o in db.session.scalars(select(Organisation))),
                           key=lambda c: c[1])
    form.host_id.choices = [(0, "—"), *organisations]
    form.secretariat_id.choices = [(0, "—"), *organisations]
    if request.method == "GET":
        form.start_date.data, form.end_date.data = meeting.start_date, meeting.end_date
        form.timezone.data = meeting.timezone
        form.working_language.data = meeting.working_language
        form.official_languages.data = list(meeting.official_languages or [])
        form.is_public.data = meeting.is_public
        form.host_id.data = meeting.host_organisation_id or 0
        form.secretariat_id.data = meeting.secretariat_id or 0
        for name in TEXT_FIELDS:
            form[name].data = getattr(meeting, name)
    if form.validate_on_submit():
        with step(MeetingError, form,
                  success=_("The meeting's settings have been saved.")) as done:
            update_settings(
                meeting, texts={name: form[name].data for name in TEXT_FIELDS},
                start=form.start_date.data, end=form.end_date.data, zone=form.timezone.data,
                working_language=form.working_language.data,
                official_languages=form.official_languages.data or [],
                is_public=form.is_public.data,
                host_id=(form.host_id.data or 0) if "host_id" in request.form else None,
                secretariat_id=(form.secretariat_id.data or 0)
                if "secretariat_id" in request.form else None)
        if done:
            return redirect(url_for("meetings.settings"))
    return render_template("meetings/settings.html", meeting=meeting, form=form,
                           text_fields=TEXT_FIELDS)


@bp.route("/translations", methods=["GET", "POST"])
def translations():
    """What lacks which language, and side-by-side editing of one target language."""
    from flask import flash
    from flask_babel import ngettext

    from app.i18n import LOCALES
    from app.series.translation import TranslationError, coverage, pieces, save_translations
    from app.web.auth.forms import ConfirmForm

    meeting = g.meeting
    source = request.values.get("source") if request.values.get("source") in LOCALES \
        else meeting.working_language
    target = request.values.get("target") if request.values.get("target") in LOCALES else None
    form = ConfirmForm()
    error_key = None
    if target and form.validate_on_submit():
        texts = {key[2:]: value for key, value in request.form.items() if key.startswith("t-")}
        with step(TranslationError) as done:
            changed = save_translations(meeting, target, texts)
        if done:
            flash(ngettext("%(num)d text saved.", "%(num)d texts saved.", changed), "success")
            return redirect(url_for("meetings.translations", source=source, target=target))
        error_key = done.error.key
    items = pieces(meeting)
    from app.minutes.services import items as minutes_items
    from app.minutes.services import minutes_of
    from app.resolutions.services import visible

    minutes = minutes_of(meeting)
    db.session.commit()
    minuted = [i for i in minutes_items(meeting, minutes) if i.entries]
    return render_template("meetings/translations.html", meeting=meeting, pieces=items,
                           coverage=coverage(items), source=source, target=target, form=form,
                           error_key=error_key, posted=request.form if error_key else {},
                           resolutions=visible(meeting, True), minutes=minutes,
                           minuted=minuted)
