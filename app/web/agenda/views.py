"""Agenda pages: reading, printing and calendars for participants; the editor for staff."""
from __future__ import annotations

import io
import uuid
import zoneinfo
from functools import lru_cache
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select

from app.agenda import publication, services
from app.agenda.models import (
    AgendaDocument,
    AgendaItem,
    AgendaSession,
    AgendaVersion,
    ItemStatus,
    VersionKind,
    Visibility,
)
from app.agenda.render import agenda_pdf
from app.agenda.uploads import DocumentRefused, check_document
from app.audit.services import record
from app.calendar.services import (
    active_feed,
    build_calendar,
    create_feed,
    feed_for_token,
    personal_events,
    revoke_feeds,
)
from app.extensions import db
from app.i18n import (
    LOCALES,
    TranslatedText,
    current_locale,
    normalise_locale,
)
from app.meetings.models import MeetingOrganisation
from app.urls import public_url
from app.web import access
from app.web.agenda.forms import DocumentForm, ItemForm, PublishForm, SessionForm
from app.web.auth.forms import ConfirmForm
from app.web.locale import localized, unasked_locale
from app.web.meetings.views import bind_meeting, load_meeting, of_meeting_or_404
from app.web.pages import (
    BoundedCache,
    chrome,
    note_seen,
    render_shared,
    session_sign_in,
    shared_page,
)
from app.web.steps import step

bp = Blueprint("agenda", __name__, url_prefix="/meetings/<slug>")
bind_meeting(bp, deferred=frozenset({"agenda.read"}))
# The editor's pages are the secretariat's; a person's calendar link and the versions, any
# role's. Reading, calendars and the PDF decide per item (public meetings, levels).
access.guard(bp, access.secretariat_here, only={
    "edit", "edit_session", "edit_item", "move", "set_status", "upload_document", "publish"})
access.guard(bp, access.member_here, only={"my_calendar", "versions"})
feeds = Blueprint("calendar", __name__)

DOCUMENT_TYPES = {"pdf": "application/pdf", "txt": "text/plain",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "pptx": "application/vnd.openxmlformats-officedocument.presentationml"
                          ".presentation",
                  "odt": "application/vnd.oasis.opendocument.text",
                  "ods": "application/vnd.oasis.opendocument.spreadsheet",
                  "odp": "application/vnd.oasis.opendocument.presentation"}


def _reader_levels() -> set[Visibility]:
    """Anonymous readers of a public meeting see public items; members see their levels."""
    meeting = g.meeting
    if access.roles(meeting):
        return access.visible_levels(meeting)
    if meeting.is_public:
        return {Visibility.PUBLIC}
    abort(403 if current_user.is_authenticated else 404)


def _published_or_404() -> AgendaVersion:
    version = services.latest_version(g.meeting)
    if version is None:
        abort(404)
    return version


def _reader_zone() -> str | None:
    asked = request.args.get("tz")
    if asked is not None:
        session["tz"] = asked if asked in zone_choices() else ""
    # A zone chosen on the page (for this browser session), else the person's own.
    zone = session.get("tz") or getattr(current_user, "timezone", None)
    return zone if zone != g.meeting.timezone else None


# Rendered agenda HTML, keyed by an immutable published version and how it is read: a
# new version has a new identity, so a worker's copy never goes stale. Bounded.
_fragments = BoundedCache(256)
_timelines = BoundedCache(64)


@lru_cache(maxsize=1)
def zone_choices() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_options(countries: tuple[str, ...], meeting_zone: str,
                 chosen: str | None) -> list[tuple[str, str]]:
    """The zones of the participating countries (and UTC), named in the reader's language."""
    from babel.core import get_global
    from babel.dates import get_timezone_location

    territory_zones = get_global("territory_zones")
    zones = {zone for code in countries for zone in territory_zones.get(code, [])
             if zone in zone_choices()} | {"UTC"} | ({chosen} if chosen else set())
    zones.discard(meeting_zone)
    named = [(zone, get_timezone_location(zone, locale=current_locale(), return_city=False)
              if zone != "UTC" else "UTC") for zone in zones]
    return sorted(named, key=lambda pair: (pair[1], pair[0]))


@bp.route("/agenda")
def read():
    # The busiest page of a meeting day: most requests are served from the shared pages,
    # checked against the database in one query, with no ORM object loaded.
    page = _shared_agenda()
    if page is not None:
        return page
    load_meeting()
    return _read()


def _days_key(identity: tuple, locale: str, levels: set[Visibility], zone: str | None,
              states: dict, countries: tuple[str, ...], events: tuple) -> tuple:
    """Everything the agenda's days show: the version as read at that level, in that
    language and zone, what runs now and next, the zones offered (by participants), and the
    meals and receptions as they stand (services.day_events_stamp)."""
    return (identity, locale, tuple(sorted(levels)), zone, tuple(sorted(states.items())),
            countries, events)


def _page_key(days: tuple, meeting: tuple, roles) -> tuple:
    """Everything the agenda page shows besides the chrome: its days, the meeting's own
    texts, and the person's roles here (the meeting menu)."""
    return (days, meeting, tuple(sorted(role.value for role in roles)))


def _shared_agenda() -> str | None:
    """The agenda page as read by the signed-in person, if it is among the shared pages and
    the person may read it; None when the full path must answer (signing in, a page not
    kept, or no access: the full path gives the error)."""
    if "tz" in request.args:
        return None
    signed_in = session_sign_in()
    if signed_in is None:
        return None
    since = services.utcnow() - current_app.config["PERMANENT_SESSION_LIFETIME"]
    reading = services.reading(g.meeting_slug, *signed_in, since)
    if reading is None or not reading.active or not reading.roles or reading.version is None:
        return None
    note_seen(reading.session_id, reading.session_seen_at)
    # ?lang= shows this page in it and is remembered for the browser session after the
    # request (locale.remember_asked_locale); it never changes the saved preference.
    locale = normalise_locale(request.args.get("lang")) \
        or unasked_locale(reading.locale, reading.working_language)
    timeline = _timelines.get(reading.version)
    if timeline is None:
        return None
    levels = access.levels_for(reading.roles)
    zone = session.get("tz") or reading.reader_zone
    states = services.now_and_next(timeline[0], levels, services.utcnow())
    days = _days_key(reading.version, locale, levels, None if zone == reading.timezone else zone,
                     states, reading.countries, reading.day_events)
    key = _page_key(days, reading.meeting, reading.roles)
    return shared_page(key, chrome(locale, signed_in=True, secretariat=reading.secretariat,
                                   admin=reading.admin), reading.name)


@login_required
def _read():
    meeting = g.meeting
    access.require_member(meeting)
    levels = access.visible_levels(meeting)
    version = services.latest_version(meeting)
    days_html = symbol = ""
    if version is not None:
        zone = _reader_zone()
        identity = services.version_identity(version)
        line, symbol = _timelines.get_or_make(identity, lambda: (
            services.timeline(version.snapshot), services.version_symbol(meeting, version)))
        states = services.now_and_next(line, levels, services.utcnow())
        countries = services.participant_countries(meeting)
        key = _days_key(identity, current_locale(), levels, zone, states, countries,
                        services.day_events_stamp(meeting.id))
        # Markup: render_template's output is escaped HTML already.
        days_html = _fragments.get_or_make(key, lambda: Markup(render_template(  # noqa: S704
            "agenda/_days.html", meeting=meeting, reader_zone=zone,
            zones=zone_options(countries, meeting.timezone, zone),
            days=services.with_day_events(
                services.reading_days(version.snapshot, levels, meeting.timezone),
                services.day_events(meeting), meeting.timezone))))

    def page() -> str:
        return render_template(
            "agenda/read.html", meeting=meeting, version=version, days_html=days_html,
            symbol=symbol, is_staff=access.is_secretariat(meeting))

    if version is None:
        return page()
    texts = services.meeting_texts(meeting.id, meeting.slug, meeting.number,
                                   meeting.symbol_prefix, meeting.timezone,
                                   meeting.working_language, meeting.series.slug, meeting.title,
                                   services.minutes_status(meeting.id))
    return render_shared(_page_key(key, texts, access.roles(meeting)), page)


def _ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


def _calendar_for(items: list[dict], name: str, version: AgendaVersion) -> bytes:
    meeting = g.meeting
    link = public_url("agenda.read", slug=meeting.slug, lang=current_locale())
    return build_calendar(meeting, items, current_locale(), name=name, link=link,
                          stamp=version.published_at)


_calendars = BoundedCache(128)


def _calendar_meeting(meeting) -> tuple:
    """What a calendar shows of the meeting itself, beside the published version: its name,
    venue, zone, working language (the fallback) and address (the links). Part of the key:
    a change of the meeting's settings, in any worker, gives a new calendar everywhere."""
    return (meeting.id, meeting.slug, meeting.timezone, meeting.working_language,
            tuple(sorted((meeting.title or {}).items())),
            tuple(sorted((meeting.venue or {}).items())))


@bp.route("/agenda.ics")
def calendar_file():
    version = _published_or_404()
    levels = _reader_levels()
    key = (services.version_identity(version), _calendar_meeting(g.meeting), current_locale(),
           tuple(sorted(levels)))
    body = _calendars.get_or_make(key, lambda: _calendar_for(
        services.visible_items(version.snapshot, levels), localized(g.meeting.title).text,
        version))
    return _ics_response(body, f"{g.meeting.slug}.ics")


@bp.route("/agenda/items/<int:item_id>.ics")
def item_calendar(item_id: int):
    version = _published_or_404()
    items = [i for i in services.visible_items(version.snapshot, _reader_levels())
             if i["id"] == item_id]
    if not items:
        abort(404)
    body = _calendar_for(items, localized(g.meeting.title).text, version)
    return _ics_response(body, f"{g.meeting.slug}-item-{item_id}.ics")


@bp.route("/agenda.pdf")
def pdf():
    from app.documents.pdf import pdf_response

    meeting = g.meeting
    draft = request.args.get("draft") == "1" and access.is_secretariat(meeting)
    if draft:
        snapshot, version = services.serialize(meeting), None
    else:
        version = _published_or_404()
        snapshot = version.snapshot
    data = agenda_pdf(meeting, snapshot, version, _reader_levels(), current_locale())
    return pdf_response(data, f"{meeting.slug}-agenda-{current_locale()}.pdf")


@bp.route("/agenda/documents/<int:document_id>")
@login_required
def document(document_id: int):
    meeting = g.meeting
    doc = db.session.get(AgendaDocument, document_id)
    if doc is None or doc.item.meeting_id != meeting.id:
        abort(404)
    if not access.is_secretariat(meeting):
        version = _published_or_404()
        allowed = services.visible_items(version.snapshot, _reader_levels())
        ids = {d["id"] for i in allowed for d in i["documents"]}
        if doc.id not in ids:
            abort(403)
    if doc.data is None:  # uploaded before the files moved into the database, and lost
        abort(404)
    return send_file(io.BytesIO(doc.data), mimetype=doc.content_type, as_attachment=True,
                     download_name=doc.original_name)


# --- personal calendar feed ----------------------------------------------------------------

@bp.route("/calendar", methods=["GET", "POST"])
def my_calendar():
    meeting = g.meeting
    form = ConfirmForm()
    new_url = None
    if form.validate_on_submit():
        if request.form.get("action") == "revoke":
            revoke_feeds(current_user, meeting)
            record("calendar.feed_revoked", current_user, meeting=meeting)
            flash(_("Your calendar link no longer works."), "success")
        else:
            token = create_feed(current_user, meeting)
            record("calendar.feed_created", current_user, meeting=meeting)
            new_url = public_url("calendar.feed", token=token)
        db.session.commit()
    return render_template("agenda/calendar.html", meeting=meeting, form=form, new_url=new_url,
                           feed=active_feed(current_user, meeting))


@feeds.route("/calendar/<token>.ics")
def feed(token: str):
    """A subscription URL for calendar apps: the secret token stands in for a sign-in."""
    from app.auth.models import User
    from app.meetings.models import Meeting

    found = feed_for_token(token)
    if found is None:
        abort(404)
    user = db.session.get(User, found.user_id)
    meeting = db.session.get(Meeting, found.meeting_id)
    roles = user.roles_in(meeting) if user and user.active else set()
    if not roles:
        abort(404)
    g.meeting = meeting
    version = _published_or_404()
    lang = normalise_locale(request.args.get("lang")) or normalise_locale(user.locale) or "en"
    levels = access.levels_for(roles)
    link = public_url("agenda.read", slug=meeting.slug, lang=lang)
    own = personal_events(meeting, user, lang)  # a pickup at the airport, say
    key = (services.version_identity(version), _calendar_meeting(meeting), lang,
           tuple(sorted(levels)), tuple(event.to_ical() for event in own))
    body = _calendars.get_or_make(key, lambda: build_calendar(
        meeting, services.visible_items(version.snapshot, levels), lang,
        name=TranslatedText(meeting.title).resolve(lang, meeting.working_language).text,
        link=link, stamp=version.published_at, extra=own))
    return _ics_response(body, f"{meeting.slug}.ics")


# --- the editor ----------------------------------------------------------------------------

def _item_or_404(item_id: int) -> AgendaItem:
    return of_meeting_or_404(AgendaItem, item_id)


@bp.route("/agenda/edit")
def edit():
    meeting = g.meeting
    snapshot = services.serialize(meeting)
    version = services.latest_version(meeting)
    changes = services.changes_between(version.snapshot if version else None, snapshot)
    return render_template(
        "agenda/edit.html", meeting=meeting, snapshot=snapshot, version=version,
        changes=changes, conflicts=services.find_conflicts(meeting),
        primary_languages=meeting.official_languages or [meeting.working_language],
        all_languages=LOCALES, form=ConfirmForm())


def _room_choices(meeting) -> list[tuple[int, str]]:
    return [(0, _("No room"))] + [(room.id, localized(room.name).text) for room in meeting.rooms]


def _fields() -> dict[str, str]:
    """Where the service's problems go on the form: the title's, to the working language's."""
    return {"title": f"title_{g.meeting.working_language}"}


@bp.route("/agenda/sessions/new", methods=["GET", "POST"])
@bp.route("/agenda/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(session_id: int | None = None):
    meeting = g.meeting
    block = of_meeting_or_404(AgendaSession, session_id) if session_id else None
    form = SessionForm()
    form.room_id.choices = _room_choices(meeting)
    if request.method == "GET" and block is not None:
        form.title.data = block.title
        starts = services.to_zone(block.starts_at, meeting.timezone)
        form.day.data, form.start_time.data = starts.date(), starts.time()
        form.end_time.data = services.to_zone(block.ends_at, meeting.timezone).time()
        form.room_id.data = block.room_id or 0
    if form.validate_on_submit():
        with step(services.AgendaError, form, fields=_fields(),
                  success=_("The session has been saved.")) as done:
            services.save_session(meeting, block, title=form.title.data,
                                  day=form.day.data, start=form.start_time.data,
                                  end=form.end_time.data,
                                  room_id=form.room_id.data or None)
        if done:
            return redirect(url_for("agenda.edit"))
    return render_template("agenda/session_form.html", meeting=meeting, form=form, block=block)


@bp.route("/agenda/items/new", methods=["GET", "POST"])
@bp.route("/agenda/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(item_id: int | None = None):
    meeting = g.meeting
    item = _item_or_404(item_id) if item_id else None
    form = ItemForm()
    sessions = services.load_sessions(meeting)
    form.session_id.choices = [(s.id, localized(s.title).text) for s in sessions]
    form.parent_id.choices = [(0, _("None: a main item"))] + [
        (i.id, localized(i.title).text) for s in sessions for i in s.items
        if i.parent_id is None and (item is None or i.id != item.id)]
    form.room_id.choices = _room_choices(meeting)
    form.presenter_ids.choices = [
        (p.organisation.id, localized(p.organisation.name).text)
        for p in db.session.scalars(select(MeetingOrganisation)
                                    .where(MeetingOrganisation.meeting_id == meeting.id))]
    if request.method == "GET":
        if item is not None:
            _fill_item(form, item)
        else:
            form.session_id.data = request.args.get("session", type=int)
            form.parent_id.data = request.args.get("parent", 0, type=int)
            form.visibility.data = Visibility.DELEGATES.value
    if form.validate_on_submit():
        with step(services.AgendaError, form, fields=_fields(),
                  success=_("The item has been saved.")) as done:
            saved = services.save_item(
                meeting, item, session_id=form.session_id.data,
                parent_id=form.parent_id.data or None, title=form.title.data,
                description=form.description.data, day=form.day.data,
                start=form.start_time.data, end=form.end_time.data,
                room_id=form.room_id.data or None, visibility=Visibility(form.visibility.data),
                presenter_ids=form.presenter_ids.data or [],
                presenter_names=form.presenter_names.data or "",
                standing=bool(form.standing.data))
        if done:
            return redirect(url_for("agenda.edit", _anchor=f"item-{saved.id}"))
    return render_template("agenda/item_form.html", meeting=meeting, form=form, item=item,
                           documents=DocumentForm() if item else None)


def _fill_item(form, item: AgendaItem) -> None:
    meeting = g.meeting
    form.title.data, form.description.data = item.title, item.description
    form.session_id.data, form.parent_id.data = item.session_id, item.parent_id or 0
    if item.starts_at:
        starts = services.to_zone(item.starts_at, meeting.timezone)
        form.day.data, form.start_time.data = starts.date(), starts.time()
        form.end_time.data = services.to_zone(item.ends_at, meeting.timezone).time()
    form.room_id.data = item.room_id or 0
    form.visibility.data = item.visibility.value
    form.presenter_ids.data = [org.id for org in item.presenters]
    form.presenter_names.data = item.presenter_names
    form.standing.data = item.standing


@bp.route("/agenda/items/<int:item_id>/<any(up, down):direction>", methods=["POST"])
def move(item_id: int, direction: str):
    services.move_item(g.meeting, _item_or_404(item_id), -1 if direction == "up" else 1)
    db.session.commit()
    return redirect(url_for("agenda.edit", _anchor=f"item-{item_id}"))


@bp.route("/agenda/items/<int:item_id>/<any(cancel, restore):action>", methods=["POST"])
def set_status(item_id: int, action: str):
    status = ItemStatus.CANCELLED if action == "cancel" else ItemStatus.SCHEDULED
    services.set_item_status(g.meeting, _item_or_404(item_id), status)
    db.session.commit()
    return redirect(url_for("agenda.edit", _anchor=f"item-{item_id}"))


@bp.route("/agenda/items/<int:item_id>/documents", methods=["POST"])
def upload_document(item_id: int):
    item = _item_or_404(item_id)
    form = DocumentForm()
    if form.validate_on_submit():
        upload = form.file.data
        extension = Path(upload.filename or "").suffix.lower().lstrip(".")
        data = upload.read()
        try:
            if extension not in DOCUMENT_TYPES:
                raise DocumentRefused(_("This file is not a valid document of its type."))
            check_document(extension, data)
        except DocumentRefused as error:
            form.file.errors.append(error.message)
        else:
            stored = f"{uuid.uuid4().hex}.{extension}"
            safe_name = "".join(c for c in Path(upload.filename).name if c.isprintable()
                                and c not in '"\\/')[:200] or stored
            doc = AgendaDocument(item_id=item.id, title=form.title.data.strip(),
                                 stored_name=stored, original_name=safe_name,
                                 content_type=DOCUMENT_TYPES[extension], size=len(data),
                                 data=data)
            db.session.add(doc)
            record("agenda.document_added", doc, meeting=g.meeting, item=item.id)
            db.session.commit()
            flash(_("The document has been attached."), "success")
            return redirect(url_for("agenda.edit_item", item_id=item.id))
    for error in form.title.errors + form.file.errors:
        flash(error, "error")
    return redirect(url_for("agenda.edit_item", item_id=item.id))


@bp.route("/agenda/publish", methods=["GET", "POST"])
def publish():
    meeting = g.meeting
    form = PublishForm()
    version = services.latest_version(meeting)
    snapshot = services.serialize(meeting)
    changes = services.changes_between(version.snapshot if version else None, snapshot)
    if form.validate_on_submit():
        # The service's problems concern the choice of version: shown by that field.
        with step(services.AgendaError, form, fields={None: "kind"}) as done:
            published, _changes = publication.publish(meeting, VersionKind(form.kind.data),
                                                   current_user)
        if done:
            flash(_("Version %(number)d of the agenda has been published.",
                    number=published.number), "success")
            return redirect(url_for("agenda.versions"))
    return render_template("agenda/publish.html", meeting=meeting, form=form, version=version,
                           changes=changes)


@bp.route("/agenda/versions")
def versions():
    meeting = g.meeting
    rows = db.session.scalars(select(AgendaVersion).where(AgendaVersion.meeting_id == meeting.id)
                              .order_by(AgendaVersion.number)).all()
    history = []
    previous = None
    provisional = 0
    for row in rows:
        history.append((row, services.version_symbol(meeting, row, earlier=provisional),
                        services.changes_between(previous.snapshot, row.snapshot)
                        if previous else []))
        provisional += row.kind == VersionKind.PROVISIONAL
        previous = row
    return render_template("agenda/versions.html", meeting=meeting, history=history[::-1])


# --- template helpers ----------------------------------------------------------------------

@bp.app_template_filter("language_name_here")
def _language_name_here(code: str) -> str:
    from app.i18n import language_name

    return language_name(code, current_locale())


@bp.app_template_test("visible_change")
def _visible_change(change) -> bool:
    """Participants hear only of items they may see in the latest version."""
    meeting = g.get("meeting")
    if meeting is None or access.is_secretariat(meeting):
        return True
    from app.agenda.publication import _visible_change as visible

    version = services.latest_version(meeting)
    return visible(change, services.visible_items(version.snapshot, _reader_levels()))


@bp.app_context_processor
def _agenda_helpers() -> dict:
    from datetime import datetime

    from babel.numbers import format_decimal

    from app.agenda.publication import describe_change
    from app.i18n import TranslatedText, to_zone

    labels = {Visibility.PUBLIC.value: _("Public"),
              Visibility.DELEGATES.value: _("Participants"),
              Visibility.HEADS.value: _("Heads of delegation only")}

    def format_size(size: int) -> str:
        return _("%(size)s KB", size=format_decimal(round(size / 1024, 1),
                                                    locale=current_locale()))

    return {
        "iso": datetime.fromisoformat, "to_zone": to_zone, "translated": TranslatedText,
        "visibility_label": labels.get, "format_size": format_size,
        "describe": lambda change: describe_change(change, g.meeting, current_locale()),
    }
