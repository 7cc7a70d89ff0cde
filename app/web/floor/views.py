"""The list of speakers' pages: an item's list on the phone (ask for the floor for one's own
delegation, withdraw), the chair's console (open, close, reorder, give the floor, end, the
limit, the minutes), the room display for the projector and the small JSON state every one of
them polls (ETag: the floor's version; a 304 costs one indexed query).

Who may: any role at the meeting reads; heads and delegates ask for their own delegation; the
secretariat (staff, administrators) chairs. The projector opens the display with a signed,
expiring key that the secretariat renews (which revokes the last one) or revokes, so it needs
no session and no cookie."""
from __future__ import annotations

import json
import time

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.agenda.models import AgendaItem, ItemStatus
from app.auth.models import Role
from app.extensions import db
from app.floor.speakers import services
from app.floor.speakers.models import (
    ListStatus,
    RequestKind,
    RequestState,
    SpeakerRequest,
)
from app.floor.speakers.services import Asker, FloorError
from app.i18n import (
    LOCALES,
    current_locale,
    format_datetime_in,
    html_lang,
    language_name,
    text_direction,
)
from app.urls import public_url
from app.web import access, pages
from app.web.auth.forms import ConfirmForm
from app.web.floor.forms import AskForm, DisplayLinkForm, LimitForm
from app.web.locale import localized
from app.web.meetings.views import bind_meeting, of_meeting_or_404
from app.web.steps import step

bp = Blueprint("floor", __name__, url_prefix="/meetings/<slug>/floor")
bind_meeting(bp)
CHAIR = {"console", "open_list", "close_list", "move", "give", "end", "item_limit", "show",
         "to_minutes", "meeting_limit", "display_link", "revoke_display", "remove"}
access.guard(bp, access.secretariat_here, only=CHAIR)
access.guard(bp, access.member_here, only={"index", "item", "ask", "withdraw"})

POLL_MS = 1000  # the phones and displays ask for the state once a second
#: The state's JSON per (meeting, version, item, languages, levels): after a change, the
#: hundred displays and phones that ask share one computation per worker. Keys hold the
#: version, so an entry never goes stale; the oldest entries go first.
_STATES = pages.BoundedCache(64)
ASKING_ROLES = {Role.HEAD, Role.DELEGATE}


def _own_delegations() -> frozenset[int]:
    """The organisations whose delegation the person heads or belongs to at this meeting."""
    return frozenset(m.organisation_id for m in current_user.memberships
                     if m.meeting_id == g.meeting.id and m.role in ASKING_ROLES
                     and m.organisation_id)


def _levels() -> set[str] | None:
    """Agenda levels the reader sees; None for the secretariat (every item)."""
    if access.is_secretariat(g.meeting):
        return None
    return {level.value for level in access.visible_levels(g.meeting)}


def _item_or_404(item_id: int) -> AgendaItem:
    item = of_meeting_or_404(AgendaItem, item_id)
    levels = _levels()
    if levels is not None and item.visibility.value not in levels:
        abort(404)
    return item


def _number(item: AgendaItem) -> str:
    return next((i["number"] for i in services.ordered_items(g.meeting) if i["id"] == item.id),
                "")


def _request_or_404(item: AgendaItem, request_id: int) -> SpeakerRequest:
    found = db.session.get(SpeakerRequest, request_id)
    if found is None or found.list.item_id != item.id:
        abort(404)
    return found


def _confirmed() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _delegation_choices() -> list[tuple[int, str]]:
    return [(org.id, localized(org.name).text) for org in services.delegations(g.meeting)]


def _ask_form(item: AgendaItem, chair: bool) -> AskForm | None:
    own = _own_delegations()
    if not chair and not own:
        return None
    form = AskForm()
    choices = _delegation_choices()
    form.organisation_id.choices = choices if chair else [
        (org_id, label) for org_id, label in choices if org_id in own]
    if request.method == "GET" and not form.speaker_name.data and not chair:
        form.speaker_name.data = current_user.name
    return form


def _state_languages() -> list[str]:
    meeting = g.meeting
    return [code for code in (meeting.official_languages or [meeting.working_language])
            if code in LOCALES] or [meeting.working_language]


# --- reading ----------------------------------------------------------------------------------

def _index_page(display_url: str | None = None, link_form: DisplayLinkForm | None = None,
                status: int = 200):
    meeting = g.meeting
    chair = access.is_secretariat(meeting)
    levels = _levels()
    items = [i for i in services.ordered_items(meeting)
             if levels is None or i["visibility"] in levels]
    floor = services.floor_of(meeting)
    db.session.commit()
    expires = format_datetime_in(floor.display_expires_at, meeting.timezone) \
        if floor.display_expires_at else None
    return render_template(
        "floor/index.html", meeting=meeting, items=items, lists=services.lists_by_item(meeting),
        floor=floor, chair=chair, display_url=display_url, expires=expires,
        limit_form=LimitForm(limit_seconds=floor.limit_seconds),
        link_form=link_form or DisplayLinkForm(), confirm=ConfirmForm()), status


@bp.route("/")
def index():
    return _index_page()


def _item_page(item: AgendaItem, form: AskForm | None, status: int = 200):
    meeting = g.meeting
    chair = access.is_secretariat(meeting)
    lst = services.list_of(item)
    own = _own_delegations()
    mine = [r for r in (lst.requests if lst else [])
            if r.organisation_id in own and r.state in (RequestState.WAITING,
                                                          RequestState.SPEAKING)]
    return render_template(
        "floor/item.html", meeting=meeting, item=item, number=_number(item), lst=lst,
        form=form, chair=chair, mine=mine, queue=services.queue(lst) if lst else [],
        speaking=services.speaking(lst) if lst else None, ListStatus=ListStatus,
        RequestState=RequestState, confirm=ConfirmForm(), poll=POLL_MS,
        limit=services.limit_of(lst, services.floor_of(meeting)),
        state_url=url_for("floor.state", item=item.id)), status


@bp.route("/items/<int:item_id>")
def item(item_id: int):
    found = _item_or_404(item_id)
    return _item_page(found, _ask_form(found, access.is_secretariat(g.meeting)))


@bp.route("/items/<int:item_id>/ask", methods=["POST"])
def ask(item_id: int):
    found = _item_or_404(item_id)
    chair = access.is_secretariat(g.meeting)
    form = _ask_form(found, chair)
    if form is None:
        abort(403)
    if form.validate_on_submit():
        with step(FloorError, form, success=_("Your request for the floor is on the list.")
                  if not chair else _("The delegation is on the list.")) as done:
            services.ask(services.list_of(found), form.organisation_id.data,
                         kind=form.kind.data, speaker_name=form.speaker_name.data,
                         asker=Asker(current_user, _own_delegations(), chair))
        if done:
            target = "floor.console" if chair and request.form.get("back") == "console" \
                else "floor.item"
            return redirect(url_for(target, item_id=found.id))
    return _item_page(found, form, 400)


@bp.route("/items/<int:item_id>/requests/<int:request_id>/withdraw", methods=["POST"])
def withdraw(item_id: int, request_id: int):
    found = _item_or_404(item_id)
    asked = _request_or_404(found, request_id)
    chair = access.is_secretariat(g.meeting)
    if not chair and asked.organisation_id not in _own_delegations():
        abort(403)
    _confirmed()
    with step(FloorError, success=_("The request for the floor has been withdrawn.")):
        services.withdraw(asked, actor=current_user, chair=chair)
    return redirect(url_for("floor.item", item_id=found.id))


# --- the chair's console ----------------------------------------------------------------------

@bp.route("/items/<int:item_id>/console")
def console(item_id: int):
    meeting = g.meeting
    found = _item_or_404(item_id)
    lst = services.list_of(found)
    floor = services.floor_of(meeting)
    db.session.commit()
    form = _ask_form(found, True)
    items = services.ordered_items(meeting)
    return render_template(
        "floor/console.html", meeting=meeting, item=found, number=_number(found), lst=lst,
        floor=floor, form=form, queue=services.queue(lst) if lst else [],
        speaking=services.speaking(lst) if lst else None,
        spoken=services.interventions(lst) if lst else [], ListStatus=ListStatus,
        RequestKind=RequestKind, confirm=ConfirmForm(), poll=POLL_MS,
        limit=services.limit_of(lst, floor),
        limit_form=LimitForm(limit_seconds=lst.limit_seconds if lst else None),
        items=[i for i in items if i["status"] != ItemStatus.CANCELLED.value],
        duration=_duration, state_url=url_for("floor.state", item=found.id))


def _duration(seconds) -> str:
    minutes, rest = divmod(int(seconds or 0), 60)
    return f"{minutes}:{rest:02d}"


def _chair_step(item_id: int, action, success: str | None = None):
    found = _item_or_404(item_id)
    _confirmed()
    with step(FloorError, success=success):
        action(found)
    return redirect(url_for("floor.console", item_id=found.id))


def _list_or_error(item: AgendaItem):
    lst = services.list_of(item)
    if lst is None:
        raise FloorError(_("The list of speakers on this item is not open."))
    return lst


@bp.route("/items/<int:item_id>/open", methods=["POST"])
def open_list(item_id: int):
    return _chair_step(item_id, lambda item: services.open_list(
        g.meeting, item, actor=current_user), _("The list of speakers is open."))


@bp.route("/items/<int:item_id>/close", methods=["POST"])
def close_list(item_id: int):
    return _chair_step(item_id, lambda item: services.close_list(
        _list_or_error(item), actor=current_user), _("The list of speakers is closed."))


@bp.route("/items/<int:item_id>/show", methods=["POST"])
def show(item_id: int):
    return _chair_step(item_id, lambda item: services.set_current_item(
        g.meeting, item, actor=current_user), _("The item is on the room display."))


@bp.route("/items/<int:item_id>/give", methods=["POST"])
def give(item_id: int):
    return _chair_step(item_id, lambda item: services.give_floor(
        _list_or_error(item), request.form.get("request_id"), actor=current_user))


@bp.route("/items/<int:item_id>/end", methods=["POST"])
def end(item_id: int):
    return _chair_step(item_id, lambda item: services.end_intervention(
        _list_or_error(item), actor=current_user))


@bp.route("/items/<int:item_id>/requests/<int:request_id>/move", methods=["POST"])
def move(item_id: int, request_id: int):
    found = _item_or_404(item_id)
    asked = _request_or_404(found, request_id)
    return _chair_step(item_id, lambda _item: services.move(
        asked, request.form.get("direction", ""), actor=current_user))


@bp.route("/items/<int:item_id>/requests/<int:request_id>/remove", methods=["POST"])
def remove(item_id: int, request_id: int):
    found = _item_or_404(item_id)
    asked = _request_or_404(found, request_id)
    return _chair_step(item_id, lambda _item: services.withdraw(
        asked, actor=current_user, chair=True), _("The delegation is off the list."))


@bp.route("/items/<int:item_id>/limit", methods=["POST"])
def item_limit(item_id: int):
    found = _item_or_404(item_id)
    form = LimitForm()
    if not form.validate_on_submit():
        abort(400)
    with step(FloorError, success=_("Saved.")):
        services.set_item_limit(_list_or_error(found), form.limit_seconds.data,
                                actor=current_user)
    return redirect(url_for("floor.console", item_id=found.id))


@bp.route("/items/<int:item_id>/minutes", methods=["POST"])
def to_minutes(item_id: int):
    found = _item_or_404(item_id)
    _confirmed()
    with step(FloorError) as done:
        language = services.offer_to_minutes(_list_or_error(found), actor=current_user)
    if done:
        flash(_("The interventions now start the item's minutes in %(language)s.",
                language=language_name(language, current_locale())), "success")
    return redirect(url_for("floor.console", item_id=found.id))


@bp.route("/limit", methods=["POST"])
def meeting_limit():
    form = LimitForm()
    if not form.validate_on_submit():
        abort(400)
    with step(FloorError, success=_("Saved.")):
        services.set_meeting_limit(g.meeting, form.limit_seconds.data, actor=current_user)
    return redirect(url_for("floor.index"))


@bp.route("/display-link", methods=["POST"])
def display_link():
    form = DisplayLinkForm()
    if not form.validate_on_submit():
        return _index_page(link_form=form, status=400)
    with step(FloorError, form) as done:
        key = services.issue_display_link(g.meeting, form.hours.data, actor=current_user)
    if not done:
        return _index_page(link_form=form, status=400)
    return _index_page(public_url("floor.display", slug=g.meeting.slug, key=key), form)


@bp.route("/display-link/revoke", methods=["POST"])
def revoke_display():
    _confirmed()
    with step(FloorError, success=_("The room display link no longer works.")):
        services.revoke_display_link(g.meeting, actor=current_user)
    return redirect(url_for("floor.index"))


# --- the room display and the state -----------------------------------------------------------

def _display_reader() -> str | None:
    """The display key when it is valid; else a member's session (None); else refused."""
    key = request.args.get("key")
    if key is not None:
        if services.display_key_valid(g.meeting, key):
            return key
        abort(403)
    if not current_user.is_authenticated:
        abort(redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?"))))
    access.require_member(g.meeting)
    return None


@bp.route("/display")
def display():
    meeting = g.meeting
    key = _display_reader()
    languages = _state_languages()
    labels = {}
    for lang in languages:
        with force_locale(lang):
            labels[lang] = {"speaking": _("Has the floor"), "next": _("Next item"),
                            "queue": _("List of speakers"), "nobody": _("Nobody has the floor"),
                            "empty": _("Nobody is waiting"), "closed": _("The list is closed"),
                            "limit": _("Time limit")}
    response = Response(render_template(
        "floor/display.html", meeting=meeting, languages=languages, labels=labels,
        html_lang=html_lang(languages[0]), text_dir=text_direction(languages[0]),
        state_url=url_for("floor.state", key=key) if key else url_for("floor.state"),
        poll=POLL_MS, lang_tag=html_lang, dir_of=text_direction))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/state.json")
def state():
    meeting = g.meeting
    key = _display_reader()
    item_id = request.args.get("item", type=int)
    levels = None if key or access.is_secretariat(meeting) else _levels()
    if key is not None:
        languages = _state_languages()
        item_id = None  # the projector shows the item before the room only
    else:
        languages = list(dict.fromkeys([current_locale(), *_state_languages()]))
    version = services.version_of(meeting.id)
    tag = f'"{meeting.id}-{version}-{item_id or 0}-{",".join(languages)}"'
    now = str(int(time.time() * 1000))
    if request.if_none_match.contains(tag.strip('"')):
        response = Response(status=304)
    else:
        response = Response(_state_json(meeting, version, item_id, languages, levels),
                            mimetype="application/json")
    response.set_etag(tag.strip('"'))
    response.headers["Cache-Control"] = "no-cache, private"
    response.headers["X-Floor-Now"] = now
    response.headers["Vary"] = "Cookie"
    return response


def _state_json(meeting, version: int, item_id, languages, levels) -> bytes:
    key = (meeting.id, version, item_id, tuple(languages),
           None if levels is None else frozenset(levels))

    def make() -> bytes:
        data = services.state(meeting, languages, item_id=item_id, levels=levels)
        db.session.commit()
        return json.dumps(data, ensure_ascii=False).encode()

    return _STATES.get_or_make(key, make)
