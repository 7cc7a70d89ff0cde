"""Minutes pages: the overview, one item in one language (edit with preview, or read and
comment), revisions with differences, decisions, action points, the workflow and the PDF."""
from __future__ import annotations

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
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.models import SECRETARIAT_ROLES, Role
from app.extensions import db
from app.i18n import LOCALES, current_locale
from app.minutes import documents, services
from app.minutes.models import ActionPoint, Decision, MinutesStatus
from app.web import access
from app.web.auth.forms import ConfirmForm
from app.web.meetings.views import bind_meeting, of_meeting_or_404, participant_choices
from app.web.minutes.forms import (
    ActionForm,
    ActionStatusForm,
    ClassificationForm,
    CommentForm,
    DecisionForm,
    EntryForm,
)
from app.web.steps import step

bp = Blueprint("minutes", __name__, url_prefix="/meetings/<slug>/minutes")
bind_meeting(bp)
# Every page: a role at the meeting (which minutes it may read: _readable); the two pages on
# one decision or action point answer 404 for another meeting's first, and check themselves.
access.guard(bp, access.member_here, skip={"remove", "action_status"})
access.guard(bp, access.secretariat_here, only={
    "preview", "add_decision", "add_action", "workflow", "classification"})


def _readable():
    """The minutes as the reader may see them: staff always, heads once circulated,
    everyone at the meeting once approved."""
    meeting = g.meeting
    roles = access.roles(meeting)
    minutes = services.minutes_of(meeting)
    if roles & SECRETARIAT_ROLES:
        return minutes, "staff"
    if minutes.status == MinutesStatus.APPROVED:
        return minutes, "head" if Role.HEAD in roles else "reader"
    if minutes.status == MinutesStatus.CIRCULATED and Role.HEAD in roles:
        return minutes, "head"
    abort(403)


def _head_organisation() -> int | None:
    return next((org.id for org in access.headed(g.meeting)), None)


def _lang(minutes) -> str:
    """The language of the text shown or edited: ?text= on pages (the interface keeps the
    reader's language), ?lang= on the PDF, else the reader's language where there is a text."""
    lang = request.args.get("text") or request.args.get("lang", "")
    if lang in LOCALES:
        return lang
    reader = current_locale()
    return reader if reader in services.languages(minutes) else minutes.original_language


def _levels() -> set | None:
    """The agenda visibility levels of the reader; None for the secretariat (every item)."""
    return None if access.is_secretariat(g.meeting) else access.visible_levels(g.meeting)


@bp.app_context_processor
def _menu():
    # The meeting menu offers Minutes to delegates and observers once they are approved.
    return {"minutes_approved": services.is_approved}


def _item(minutes, item_id: int):
    item = next((i for i in services.items(g.meeting, minutes, _levels())
                 if i.id == item_id), None)
    if item is None:
        abort(404)
    return item


@bp.route("/")
def index():
    minutes, role = _readable()
    db.session.commit()  # the minutes row, created on first visit
    items = services.items(g.meeting, minutes, _levels())
    head_org = _head_organisation()
    return render_template(
        "minutes/index.html", meeting=g.meeting, minutes=minutes, role=role, items=items,
        text_languages=services.languages(minutes), confirm=ConfirmForm(),
        classification=ClassificationForm(classification=minutes.classification),
        actions=services.action_points(g.meeting, None if role == "staff" else items),
        status_form=ActionStatusForm(),
        can_update=lambda a: role == "staff" or (head_org and a.owner_id == head_org))


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
def item(item_id: int):
    minutes, role = _readable()
    lang = _lang(minutes)
    found = _item(minutes, item_id)
    entry = found.entries.get(lang)
    form = EntryForm()
    if request.method == "GET":
        form.body.data = entry.body if entry else ""
        form.status.data = entry.status.value if entry else "draft"
        form.version.data = str(entry.version if entry else 0)
    if request.method == "POST":
        if role != "staff":
            abort(403)
        if form.validate_on_submit():
            try:
                with step(services.MinutesError, form,
                          success=_("The minutes of this item have been saved.")) as done:
                    services.save_entry(minutes, item_id, lang, body=form.body.data or "",
                                        status=form.status.data,
                                        version=form.version.data or 0, author=current_user)
            except services.StaleEdit as stale:
                db.session.rollback()
                current = services.minutes_of(g.meeting)
                now = _item(current, item_id).entries.get(lang)
                return render_template(
                    "minutes/conflict.html", meeting=g.meeting, item=found, lang=lang,
                    yours=stale.yours, current=now,
                    diff=services.diff_html(stale.yours, now.body if now else "")), 409
            if done:
                return redirect(url_for("minutes.item", item_id=item_id, text=lang))
    return render_template(
        "minutes/item.html", meeting=g.meeting, minutes=minutes, role=role, item=found,
        lang=lang, entry=entry, form=form, comment_form=CommentForm(),
        decision_form=DecisionForm(), action_form=_action_form(),
        original=found.entries.get(minutes.original_language),
        markdown=services.render_markdown, confirm=ConfirmForm())


def _action_form() -> ActionForm:
    form = ActionForm()
    form.owner_id.choices = [(0, "—"), *participant_choices()]
    return form


@bp.route("/preview", methods=["POST"])
def preview():
    return Response(str(services.render_markdown(request.form.get("body", "")[:50_000])),
                    mimetype="text/html")


@bp.route("/items/<int:item_id>/history")
def history(item_id: int):
    minutes, _role = _readable()
    lang = _lang(minutes)
    found = _item(minutes, item_id)
    entry = found.entries.get(lang)
    if entry is None:
        abort(404)
    revisions = entry.revisions
    newer = request.args.get("b", type=int) or revisions[-1].version
    older = request.args.get("a", type=int) or max(newer - 1, 1)
    by_version = {r.version: r for r in revisions}
    if older not in by_version or newer not in by_version:
        abort(404)
    return render_template(
        "minutes/history.html", meeting=g.meeting, item=found, lang=lang,
        revisions=revisions, older=by_version[older], newer=by_version[newer],
        diff=services.diff_html(by_version[older].body, by_version[newer].body))


@bp.route("/items/<int:item_id>/comments", methods=["POST"])
def comment(item_id: int):
    minutes, role = _readable()
    _item(minutes, item_id)  # 404 for an item the reader may not see
    form = CommentForm()
    if form.validate_on_submit():
        with step(services.MinutesError,
                  success=_("Your comment has been sent to the secretariat.")):
            services.comment(minutes, item_id, form.body.data, author=current_user,
                             organisation_id=_head_organisation())
    else:
        flash(_("Write your comment first."), "error")
    return redirect(url_for("minutes.item", item_id=item_id,
                            text=request.args.get("text") or None))


def _staff_step(action, done: str, back: str):
    if not request.form or "csrf_token" not in request.form:
        abort(400)
    with step(services.MinutesError, success=done):
        action()
    return redirect(back)


@bp.route("/items/<int:item_id>/decisions", methods=["POST"])
def add_decision(item_id: int):
    form = DecisionForm()
    back = url_for("minutes.item", item_id=item_id)
    if not form.validate_on_submit():
        flash(_("Write the decision first."), "error")
        return redirect(back)
    return _staff_step(lambda: services.add_decision(g.meeting, item_id, form.text.data),
                       _("The decision has been added."), back)


@bp.route("/items/<int:item_id>/actions", methods=["POST"])
def add_action(item_id: int):
    form = _action_form()
    back = url_for("minutes.item", item_id=item_id)
    if not form.validate_on_submit():
        if form.description.errors or not form.errors:
            flash(_("Describe the action first."), "error")
        for name, messages in form.errors.items():  # every other problem too: a due date…
            if name not in ("description", "csrf_token"):
                for message in messages:
                    flash(message, "error")
        return redirect(back)
    return _staff_step(lambda: services.add_action_point(
        g.meeting, item_id, description=form.description.data, owner_id=form.owner_id.data,
        due_date=form.due_date.data), _("The action point has been added."), back)


@bp.route("/<any(decisions, actions):kind>/<int:row_id>/remove", methods=["POST"])
@login_required
def remove(kind: str, row_id: int):
    row = of_meeting_or_404(Decision if kind == "decisions" else ActionPoint, row_id)
    access.require_secretariat(g.meeting)
    return _staff_step(lambda: services.remove(g.meeting, row), _("Removed."),
                       url_for("minutes.item", item_id=row.item_id))


@bp.route("/actions/<int:action_id>/status", methods=["POST"])
@login_required
def action_status(action_id: int):
    action = of_meeting_or_404(ActionPoint, action_id)
    access.require_member(g.meeting)
    head_org = _head_organisation()
    if not (access.is_secretariat(g.meeting) or (head_org and action.owner_id == head_org)):
        abort(403)
    form = ActionStatusForm()
    if form.validate_on_submit():
        services.set_action_status(action, form.status.data, actor=current_user)
        db.session.commit()
        flash(_("The action point has been updated."), "success")
    return redirect(url_for("minutes.index") + "#actions")


@bp.route("/<any(circulate, approve):step>", methods=["POST"])
def workflow(step: str):
    minutes = services.minutes_of(g.meeting)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if step == "circulate":
        return _staff_step(lambda: services.circulate(minutes),
                           _("The draft minutes have been circulated to the heads of "
                             "delegation."), url_for("minutes.index"))
    return _staff_step(lambda: services.approve(minutes),
                       _("The minutes are approved and locked."), url_for("minutes.index"))


@bp.route("/classification", methods=["POST"])
def classification():
    minutes = services.minutes_of(g.meeting)
    form = ClassificationForm()
    if not form.validate_on_submit():
        abort(400)
    return _staff_step(lambda: services.set_classification(minutes, form.classification.data),
                       _("The classification marking has been saved."),
                       url_for("minutes.index"))


@bp.route("/minutes.pdf")
def pdf():
    from app.documents.pdf import pdf_response

    minutes, _role = _readable()
    lang = _lang(minutes)
    if lang not in services.languages(minutes):
        abort(404)
    data = documents.minutes_pdf(g.meeting, minutes, lang, _levels())
    return pdf_response(data, f"{minutes.symbol.replace('/', '-')}-{lang}.pdf")
